# zipfile: the command-line interface (-c/-l/-t/-e via zipfile.main) and the
# zipfile.Path basics.
import zipfile, io, os, shutil

def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

os.makedirs("tree/sub")
for path, data in (("tree/a.txt", b"alpha\n"), ("tree/sub/b.txt", b"beta\n" * 50), ("top.txt", b"top")):
    with open(path, "wb") as f:
        f.write(data)
for p in ("tree", "tree/sub", "tree/a.txt", "tree/sub/b.txt", "top.txt"):
    os.utime(p, (1700000000, 1700000000))
zipfile.main(["-c", "cli.zip", "tree", "top.txt"])
zipfile.main(["-l", "cli.zip"])
zipfile.main(["-t", "cli.zip"])
zipfile.main(["-e", "cli.zip", "cli_out"])
for root, dirs, files in sorted(os.walk("cli_out")):
    print(root, sorted(dirs), sorted(files))
with zipfile.ZipFile("cli.zip") as z:
    for zi in z.infolist():
        print(zi.filename, zi.compress_type, zi.file_size, zi.compress_size, oct(zi.external_attr >> 16))
with open("cli.zip", "rb") as f:
    raw = f.read()
print(len(raw))
bad = bytearray(raw)
bad[raw.find(b"alpha")] ^= 1 if b"alpha" in raw else 0
with open("bad.zip", "wb") as f:
    f.write(bytes(bad))
zipfile.main(["-t", "cli.zip"])

# zipfile.Path
b = io.BytesIO()
with zipfile.ZipFile(b, "w") as z:
    for name in ("a.txt", "b/c.txt", "b/d/e.txt", "b/f.tar.gz"):
        z.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), "text of " + name)
z = zipfile.ZipFile(b)
z.filename = "mem.zip"
root = zipfile.Path(z)
print(root.name, root.is_dir(), root.exists(), str(root))
print([p.name for p in root.iterdir()])
c = root / "b" / "c.txt"
print(c.name, c.suffix, c.stem, c.is_file(), c.is_dir(), c.exists(), str(c), repr(c))
print(c.read_text(), c.read_bytes())
with c.open() as f:
    print(f.read())
with c.open("rb") as f:
    print(f.read(4))
bdir = root.joinpath("b")
print(bdir.is_dir(), sorted(p.name for p in bdir.iterdir()), str(bdir))
print((root / "b" / "d").is_dir(), (root / "b" / "d" / "e.txt").parent.name)
gz = root / "b" / "f.tar.gz"
print(gz.suffix, gz.suffixes, gz.stem)
print((root / "missing").exists())
show("missing open", lambda: (root / "missing").read_text())
print(str(root.joinpath("b/d/e.txt")), root.joinpath("b/d/e.txt").read_text())
print(str(root.joinpath("b", "d")), root.joinpath("b", "d").is_dir(), repr(zipfile.Path(z, "b/")))
print(root / "a.txt" == zipfile.Path(z, "a.txt"), root / "a.txt" == root / "b")
print(str((root / "b" / "c.txt").parent), str((root / "b").parent), (root / "b/d/e.txt").parent.name)
show("iterdir file", lambda: list(c.iterdir()))
show("open dir", lambda: bdir.open())
show("binary enc", lambda: c.open("rb", encoding="utf-8"))
with c.open(encoding="utf-8", newline="") as f:
    print(repr(f.readline()))
wz = zipfile.ZipFile(io.BytesIO(), "w")
wp = zipfile.Path(wz, "new.txt")
with wp.open("w", encoding="utf-8") as f:
    f.write("written via Path\n")
print(wz.namelist(), wz.read("new.txt"))
shutil.rmtree("tree"); shutil.rmtree("cli_out")
for p in ("cli.zip", "bad.zip", "top.txt"):
    os.remove(p)
