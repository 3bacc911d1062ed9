# tarfile: add() of real trees (recursive, symlinks, hard links, filter),
# list(), extract/extractall with the data/tar/fully_trusted filters and the
# 3.13 DeprecationWarning, append mode, gzip and stream modes, errors.
import tarfile, io, os, shutil, hashlib, warnings, gzip

def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

def stamp(st):
    # directories made on the way (not from the archive) carry the current time
    return int(st.st_mtime) if st.st_mtime < 1600000001 else "now"

def walk(top):
    for root, dirs, files in sorted(os.walk(top)):
        for f in sorted(files + [d for d in dirs if os.path.islink(os.path.join(root, d))]):
            p = os.path.join(root, f)
            if os.path.islink(p):
                print("  ", p, "->", os.readlink(p))
            else:
                st = os.stat(p)
                with open(p, "rb") as fh:
                    print("  ", p, oct(st.st_mode), stamp(st), fh.read()[:20])
        for d in sorted(dirs):
            p = os.path.join(root, d)
            if not os.path.islink(p):
                print("  ", p + "/", oct(os.stat(p).st_mode), stamp(os.stat(p)))

os.makedirs("src/sub/deeper")
files = {"src/a.txt": b"alpha\n", "src/sub/b.txt": b"beta " * 300, "src/sub/deeper/c.bin": bytes(range(256)),
         "src/exec.sh": b"#!/bin/sh\n"}
for p, d in files.items():
    with open(p, "wb") as f:
        f.write(d)
os.chmod("src/exec.sh", 0o755)
os.symlink("a.txt", "src/link")
os.link("src/a.txt", "src/hard")
for p in ["src/a.txt", "src/sub/b.txt", "src/sub/deeper/c.bin", "src/exec.sh", "src/hard",
          "src/sub/deeper", "src/sub", "src"]:
    os.utime(p, (1500000000, 1500000000))

def norm(t):
    t.uid = t.gid = 0
    t.uname = t.gname = "root"
    if t.issym():
        t.mtime = 1500000000  # a symlink's own mtime is not set by utime
    return t

with tarfile.open("t.tar", "w") as t:
    t.add("src", filter=norm)
    t.add("src/a.txt", arcname="renamed.txt", filter=norm)
    t.add("src/sub", arcname="flat", recursive=False, filter=norm)
    t.add("src/sub/b.txt", filter=lambda ti: None)
with open("t.tar", "rb") as f:
    raw = f.read()
print(len(raw), hashlib.sha256(raw).hexdigest()[:20])
with tarfile.open("t.tar") as t:
    print(t.getnames())
    t.list()
    t.list(verbose=False, members=t.getmembers()[:2])
    m = t.getmember("src/sub/b.txt")
    print(m.name, m.size, oct(m.mode), m.mtime, m.isfile(), m.isreg(), m.isdir(), m.issym(), m.islnk())
    for name in ("src/link", "src/hard", "src/sub"):
        m = t.getmember(name)
        print(name, m.type, m.linkname, m.issym(), m.islnk(), m.isdir(), m.isdev(), m.size)
    f = t.extractfile("src/sub/b.txt")
    print(repr(f), f.name, f.read(10), f.tell(), f.seek(-5, 2), f.read(), f.seek(0), f.readline()[:10])
    f.close()
    print(t.extractfile("src/link").read(), t.extractfile("src/hard").read(), t.extractfile("src/sub"))
    show("missing", lambda: t.getmember("nope"))
    show("extractfile missing", lambda: t.extractfile("nope"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        t.extractall("out_default")
        print([(w.category.__name__, str(w.message)) for w in caught])
    walk("out_default")
    t.extractall("out_data", filter="data")
    walk("out_data")
    t.extractall("out_tar", filter="tar")
    walk("out_tar")
    t.extract("src/sub/deeper/c.bin", "out_one", filter="fully_trusted")
    t.extract(t.getmember("src/link"), "out_one", filter="data")
    t.extract("src/exec.sh", "out_one", set_attrs=False, filter="data")
    walk("out_one")
    t.extractall("out_some", members=[m for m in t if m.name.endswith(".txt")], filter="data")
    walk("out_some")
    show("badfilter", lambda: t.extractall("x", filter="nope"))
    show("callable", lambda: t.extractall("out_call", filter=lambda m, p: None if m.isdir() else m.replace(name="z/" + m.name.replace("/", "_"))))
    walk("out_call")
    t.extraction_filter = "data"
    show("strattr", lambda: t.extractall("x"))
    t.extraction_filter = staticmethod(tarfile.data_filter)
    t.extraction_filter = tarfile.data_filter
    t.extractall("out_attr")
    walk("out_attr")

# dangerous members and the filters
evil = io.BytesIO()
with tarfile.open(fileobj=evil, mode="w") as t:
    def add(name, **kw):
        ti = tarfile.TarInfo(name)
        for k, v in kw.items():
            setattr(ti, k, v)
        t.addfile(ti, io.BytesIO(b"x" * ti.size))
    add("/abs.txt", size=1)
    add("../up.txt", size=1)
    add("ok/../../up2.txt", size=1)
    add("abslink", type=tarfile.SYMTYPE, linkname="/etc/passwd")
    add("uplink", type=tarfile.SYMTYPE, linkname="../../x")
    add("dev", type=tarfile.CHRTYPE, devmajor=1, devminor=3)
    add("fifo", type=tarfile.FIFOTYPE)
    add("setuid", size=1, mode=0o4755)
    add("noexec", size=1, mode=0o600)
    add("world", size=1, mode=0o777)
    add("gw", size=1, mode=0o664)
for m in tarfile.open(fileobj=io.BytesIO(evil.getvalue())):
    for name, filt in (("data", tarfile.data_filter), ("tar", tarfile.tar_filter),
                       ("full", tarfile.fully_trusted_filter)):
        try:
            r = filt(m, "dest")
            print(m.name, name, r.name, oct(r.mode) if r.mode is not None else None, r.uid, r.uname, r is m)
        except tarfile.FilterError as e:
            print(m.name, name, type(e).__name__, e.tarinfo.name)
print(issubclass(tarfile.AbsolutePathError, tarfile.FilterError), issubclass(tarfile.FilterError, tarfile.TarError))
with tarfile.open(fileobj=io.BytesIO(evil.getvalue())) as t:
    try:
        t.extractall("evil_out", filter="data")
    except tarfile.OutsideDestinationError as e:
        print("data extractall", type(e).__name__, e.tarinfo.name)
    t.errorlevel = 0
    t.extractall("evil_out2", filter="data", members=[t.getmember("setuid"), t.getmember("/abs.txt")])
    walk("evil_out2")

# append, gzip, streams
with tarfile.open("t.tar", "a") as t:
    ti = tarfile.TarInfo("appended.txt")
    ti.size, ti.mtime = 3, 1
    t.addfile(ti, io.BytesIO(b"new"))
with tarfile.open("t.tar") as t:
    print(t.getnames()[-2:], t.extractfile("appended.txt").read())
with tarfile.open("new_a.tar", "a") as t:
    t.addfile(tarfile.TarInfo("e"))
print(os.path.getsize("new_a.tar"), tarfile.open("new_a.tar").getnames())
with tarfile.open("t.tar.gz", "w:gz", compresslevel=6) as t:
    t.add("src", filter=norm)
with open("t.tar.gz", "rb") as f:
    gz = f.read()
print(gz[:4], gz[8:10], hashlib.sha256(gzip.decompress(gz)).hexdigest()[:20])
for mode in ("r", "r:*", "r:gz", "r|gz", "r|*"):
    with tarfile.open("t.tar.gz", mode) as t:
        names = [(m.name, t.extractfile(m).read()[:6] if m.isfile() else None) for m in t]
        print(mode, names[:4], len(names))
show("r:", lambda: tarfile.open("t.tar.gz", "r:"))
show("r:bz2", lambda: tarfile.open("t.tar.gz", "r:bz2"))
with tarfile.open("t.tar", "r|") as t:
    for m in t:
        if m.name == "src/sub/b.txt":
            print("stream", t.extractfile(m).read(12))
    show("stream back", lambda: t.extractfile("src/a.txt").read())
b = io.BytesIO()
with tarfile.open(fileobj=b, mode="w|") as t:
    t.add("src/a.txt", filter=norm)
print(len(b.getvalue()), tarfile.open(fileobj=io.BytesIO(b.getvalue())).getnames())
b = io.BytesIO()
with tarfile.open(fileobj=b, mode="w|gz") as t:
    t.add("src/sub/b.txt", filter=norm)
v = b.getvalue()
print(v[:4], v[8:10], len(gzip.decompress(v)), tarfile.open(fileobj=io.BytesIO(v), mode="r:gz").getnames())
with tarfile.open("s.tar.gz", "w|gz") as t:
    t.add("src/sub/b.txt", filter=norm)
with open("s.tar.gz", "rb") as f:
    v = f.read()
print(v[:4], v[8:20], len(gzip.decompress(v)))
print(tarfile.is_tarfile("t.tar"), tarfile.is_tarfile("t.tar.gz"), tarfile.is_tarfile("src/a.txt"),
      tarfile.is_tarfile(io.BytesIO(raw)))
# errors
for bad in (b"", b"x" * 600, b"\0" * 1024, raw[:700], raw[:100]):
    show("open", lambda: tarfile.open(fileobj=io.BytesIO(bad)).getnames())
trunc = raw[:raw.find(b"beta") + 100]
with tarfile.open(fileobj=io.BytesIO(trunc)) as t:
    show("trunc names", lambda: t.getnames())
    show("trunc read", lambda: t.extractfile("src/sub/b.txt").read())
    show("trunc extract", lambda: t.extract("src/sub/b.txt", "trunc_out", filter="data"))
corrupt = bytearray(raw)
corrupt[1024 + 148] ^= 1
show("chksum", lambda: tarfile.open(fileobj=io.BytesIO(bytes(corrupt))).getnames())
corrupt = bytearray(raw)
corrupt[0 + 148] ^= 1
show("chksum0", lambda: tarfile.open(fileobj=io.BytesIO(bytes(corrupt)), mode="r:").getnames())
show("ignore_zeros", lambda: tarfile.open(fileobj=io.BytesIO(b"\0" * 1024 + raw), ignore_zeros=True).getnames()[:2])
show("mode", lambda: tarfile.open("t.tar", "rw"))
show("comp", lambda: tarfile.open("t.tar", "w:zz"))
show("nothing", lambda: tarfile.open())
t = tarfile.open("t.tar")
show("write r", lambda: t.addfile(tarfile.TarInfo("q")))
t.close()
show("closed", lambda: t.getnames())
with tarfile.open(fileobj=io.BytesIO(), mode="w") as t:
    show("nofile", lambda: t.addfile(tarfile.TarInfo("sized").replace(name="sized") if False else (lambda ti: (setattr(ti, "size", 3), ti)[1])(tarfile.TarInfo("sized"))))
    show("read w", lambda: t.getmember("x"))
    show("extract w", lambda: t.extractfile("x"))
for d in ("src", "out_default", "out_data", "out_tar", "out_one", "out_some", "out_call",
          "out_attr", "evil_out", "evil_out2", "trunc_out"):
    shutil.rmtree(d, ignore_errors=True)
for p in ("t.tar", "t.tar.gz", "new_a.tar", "s.tar.gz"):
    os.remove(p)
