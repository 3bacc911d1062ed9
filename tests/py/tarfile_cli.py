# tarfile: the command-line interface (-c/-l/-t/-e, -v, --filter) through
# tarfile.main(), plus TarInfo helpers (replace, path/linkpath, frombuf).
import tarfile, sys, os, shutil, io, re

def cli(*args):
    sys.argv = ["tarfile"] + list(args)
    saved, sys.stderr = sys.stderr, io.StringIO()
    try:
        tarfile.main()
    except SystemExit as e:
        print("exit", e.code)
    finally:
        err, sys.stderr = sys.stderr.getvalue(), saved
    if err:
        print("stderr:", re.sub(r" at 0x[0-9a-f]+", "", err).rstrip())

os.makedirs("tree/sub")
for p, d in (("tree/a.txt", b"a" * 10), ("tree/sub/b.txt", b"b" * 700)):
    with open(p, "wb") as f:
        f.write(d)
for p in ("tree/a.txt", "tree/sub/b.txt", "tree/sub", "tree"):
    os.utime(p, (1400000000, 1400000000))
cli("-v", "-c", "c.tar", "tree")
cli("-c", "c.tgz", "tree/a.txt")
cli("-l", "c.tar")
cli("-v", "-l", "c.tgz")
cli("-v", "-t", "c.tar")
cli("-t", "tree/a.txt")
cli("-v", "-e", "c.tar", "outdir", "--filter", "data")
cli("-e", "c.tgz", "outdir2", "--filter", "tar")
for root, dirs, files in sorted(os.walk("outdir")):
    print(root, sorted(dirs), sorted(files))
print(sorted(os.listdir("outdir2/tree")))
with tarfile.open("c.tar") as t:
    m = t.getmember("tree/a.txt")
    r = m.replace(name="x", mode=0o600, uid=5)
    print(r.name, oct(r.mode), r.uid, m.name, oct(m.mode), r.size, r.mtime, r.pax_headers == m.pax_headers)
    m.path = "via/path"
    m.linkpath = "lp"
    print(m.name, m.linkname, m.path, m.linkpath)
    buf = m.tobuf(tarfile.USTAR_FORMAT)
    back = tarfile.TarInfo.frombuf(buf, "utf-8", "surrogateescape")
    print(back.name, back.size, back.mtime, back.linkname, back.uname, back.chksum)
    for bad in (b"", b"x" * 10, b"\0" * 512, b"y" * 512):
        try:
            tarfile.TarInfo.frombuf(bad, "utf-8", "strict")
        except tarfile.HeaderError as e:
            print(type(e).__name__, e)
shutil.rmtree("tree"); shutil.rmtree("outdir"); shutil.rmtree("outdir2")
os.remove("c.tar"); os.remove("c.tgz")
