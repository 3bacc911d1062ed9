# tarfile: open modes (x, w:, a, a:gz, r|/w| over non-seekable objects),
# dereference, ExFileObject lines and seeking, getmember variants, TarInfo
# copies, bufsize/copybufsize, encodings.
import tarfile, io, os, shutil, hashlib

def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

def member(name, data=b"", **kw):
    ti = tarfile.TarInfo(name)
    ti.size, ti.mtime = len(data), 1700000000
    for k, v in kw.items():
        setattr(ti, k, v)
    return ti, io.BytesIO(data)

lines = b"".join(b"line %03d\n" % i for i in range(120))
with tarfile.open("x.tar", "x") as t:
    t.addfile(*member("lines.txt", lines))
    t.addfile(*member("dir/", type=tarfile.DIRTYPE))
    t.addfile(*member("dir/inner", b"inner"))
show("x again", lambda: tarfile.open("x.tar", "x"))
show("a:gz", lambda: tarfile.open("x.tar", "a:gz"))
with tarfile.open("x.tar", "a") as t:
    t.addfile(*member("lines.txt", b"replaced"))
with tarfile.open("x.tar", "r:") as t:
    print(t.getnames())
    print(t.getmember("lines.txt").size, t.extractfile("lines.txt").read())
    print(t.getmember("dir/").name, t.getmember("dir").isdir())
    first = t.getmembers()[0]
    f = t.extractfile(first)
    print(f.readline(), f.readline(4), f.tell(), f.seekable(), f.readable())
    print(len(f.readlines()), f.read(), f.seek(9), f.read(9), f.seek(-9, 2), f.read())
    f.seek(0)
    print(sum(1 for _ in f), f.closed)
    f.close()
    print(f.closed)
    show("closed read", lambda: f.read())
    print(t.next(), t.getmember("dir/inner").offset, t.fileobj.tell() > 0)
    c = t.getmember("dir/inner").replace(name="other")
    print(c.name, c.size, c.offset_data == t.getmember("dir/inner").offset_data)
with open("x.tar", "rb") as f:
    raw = f.read()
print(len(raw), hashlib.sha256(raw).hexdigest()[:20])

class Pipe:
    """A read-only, non-seekable source."""
    def __init__(self, data):
        self.data, self.pos = data, 0
    def read(self, n=-1):
        n = len(self.data) - self.pos if n < 0 else n
        chunk = self.data[self.pos:self.pos + n]
        self.pos += len(chunk)
        return chunk

class Sink:
    def __init__(self):
        self.parts = []
    def write(self, b):
        self.parts.append(bytes(b))
        return len(b)

with tarfile.open(fileobj=Pipe(raw), mode="r|") as t:
    for m in t:
        print("pipe", m.name, m.size, t.extractfile(m).read()[:10] if m.isfile() else None)
    show("after", lambda: t.getnames())
with tarfile.open(fileobj=Pipe(raw), mode="r|*") as t:
    os.mkdir("pipe_out")
    t.extractall("pipe_out", filter="data")
print(sorted(os.listdir("pipe_out")), sorted(os.listdir("pipe_out/dir")))
sink = Sink()
with tarfile.open(fileobj=sink, mode="w|", format=tarfile.GNU_FORMAT) as t:
    t.addfile(*member("s" * 120, b"long name"))
out = b"".join(sink.parts)
print(len(out), hashlib.sha256(out).hexdigest()[:20])
print(tarfile.open(fileobj=io.BytesIO(out)).getnames()[0][:5])
sink = Sink()
with tarfile.open(fileobj=sink, mode="w|gz") as t:
    t.addfile(*member("gz", b"gz data"))
out = b"".join(sink.parts)
print(out[:4], out[9:10], tarfile.open(fileobj=io.BytesIO(out)).extractfile("gz").read())
# dereference and symlinks on disk
os.makedirs("d")
with open("d/target", "wb") as f:
    f.write(b"target data")
os.symlink("target", "d/sl")
os.utime("d/target", (1600000000, 1600000000))
b = io.BytesIO()
with tarfile.open(fileobj=b, mode="w", dereference=True) as t:
    t.add("d/sl", filter=lambda ti: ti.replace(uid=0, gid=0, uname="", gname=""))
b.seek(0)
m = tarfile.open(fileobj=b).getmembers()[0]
print(m.name, m.type, m.size, m.mtime)
b = io.BytesIO()
with tarfile.open(fileobj=b, mode="w") as t:
    ti = t.gettarinfo("d/target", arcname="/abs/name")
    print(ti.name, ti.size, ti.type, oct(ti.mode), ti.mtime)
    with open("d/target", "rb") as f:
        ti2 = t.gettarinfo(fileobj=f)
        print(ti2.name, ti2.size)
    show("add missing", lambda: t.add("d/missing"))
# encodings
b = io.BytesIO()
with tarfile.open(fileobj=b, mode="w", format=tarfile.USTAR_FORMAT, encoding="latin-1") as t:
    t.addfile(*member("caf\xe9.txt", b"x"))
raw2 = b.getvalue()
print(raw2[:10])
print(tarfile.open(fileobj=io.BytesIO(raw2), encoding="latin-1").getnames(),
      tarfile.open(fileobj=io.BytesIO(raw2)).getnames())
show("strict", lambda: tarfile.open(fileobj=io.BytesIO(raw2), errors="strict").getnames())
names = tarfile.open(fileobj=io.BytesIO(raw2)).getnames()
for fmt in (tarfile.USTAR_FORMAT, tarfile.PAX_FORMAT, tarfile.GNU_FORMAT):
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode="w", format=fmt) as t:
        t.addfile(*member(names[0], b"y"))
        t.addfile(*member("\u00fc" * 40, b"z"))
    v = b.getvalue()
    print(fmt, len(v), hashlib.sha256(v).hexdigest()[:16], tarfile.open(fileobj=io.BytesIO(v)).getnames())
shutil.rmtree("d"); shutil.rmtree("pipe_out")
os.remove("x.tar")
