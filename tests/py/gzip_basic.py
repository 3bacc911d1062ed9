# gzip: compress/decompress, GzipFile read/write, open modes, errors.
import gzip, io, os, hashlib, zlib

def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

data = b"".join(b"line %d of the gzip test\n" % i for i in range(2000))
for lvl in (1, 6, 9):
    c = gzip.compress(data, lvl, mtime=1234567)
    print(lvl, len(c), hashlib.sha256(c).hexdigest()[:16], gzip.decompress(c) == data)
print(gzip.compress(b"", mtime=0))
print(gzip.compress(b"hello", mtime=5))
print(gzip.decompress(gzip.compress(b"a", mtime=1) + gzip.compress(b"b", mtime=2)))
b = io.BytesIO()
with gzip.GzipFile(fileobj=b, mode="wb", mtime=7) as g:
    print(g.mode, repr(g.name), g.write(b"hello "), g.write(bytearray(b"world")), g.tell())
print(b.getvalue())
b = io.BytesIO()
with gzip.GzipFile("foo.txt.gz", fileobj=b, mode="wb", mtime=7, compresslevel=6) as g:
    g.write(data)
raw = b.getvalue()
print(len(raw), hashlib.sha256(raw).hexdigest()[:16])
g = gzip.GzipFile(fileobj=io.BytesIO(raw))
print(g.mode, g.mtime, g.read(10), g.mtime, g.tell(), g.readline(), g.peek(3)[:3])
print(g.seek(100), g.read(5), g.seek(10), g.read(5), g.seek(5, 1), g.read(4))
print(len(g.readlines()), g.read(), g.tell())
g.close(); print(g.closed)
show("closed read", lambda: g.read())
with gzip.open("t.gz", "wb", compresslevel=1) as f:
    f.write(data[:500])
with open("t.gz", "rb") as f:
    head = f.read()
print(head[:4], head[8:10], head[10:15], len(head))
with gzip.open("t.gz") as f:
    print(f.name, [ln for ln in f][:3])
with gzip.open("t.gz", "rt", encoding="utf-8") as f:
    print(repr(f.readline()), len(f.read()))
with gzip.open("t2.gz", "wt") as f:
    f.write("h\xe9llo\nw\u00f6rld\n")
with gzip.open("t2.gz", "rt") as f:
    print(f.read().splitlines())
with gzip.open("t.gz", "ab") as f:
    f.write(b"APPENDED")
print(gzip.open("t.gz").read()[-20:])
show("readwrite", lambda: gzip.GzipFile(fileobj=io.BytesIO(raw)).write(b"x"))
show("badmode", lambda: gzip.open("t.gz", "rbt"))
show("enc", lambda: gzip.open("t.gz", "rb", encoding="utf-8"))
show("typ", lambda: gzip.open(5.5))
for bad in [b"", b"xx", b"\x1f\x8b\x09", b"\x1f\x8b\x09\x00" + b"\0" * 10,
            gzip.compress(b"abc", mtime=0)[:-3],
            gzip.compress(b"abc", mtime=0)[:-8] + b"\0\0\0\0\3\0\0\0",
            gzip.compress(b"abc", mtime=0)[:-4] + b"\4\0\0\0",
            gzip.compress(b"abc", mtime=0) + b"\0\0",
            gzip.compress(b"abc", mtime=0) + b"junk"]:
    show("bad", lambda: gzip.decompress(bad))
print(issubclass(gzip.BadGzipFile, OSError), gzip.READ, gzip.WRITE)
# header with FNAME/FCOMMENT/FEXTRA/FHCRC from a hand-built stream
body = zlib.compressobj(9, zlib.DEFLATED, -15)
payload = body.compress(b"custom") + body.flush()
hdr = b"\x1f\x8b\x08" + bytes([2 | 4 | 8 | 16]) + b"\0\0\0\0\0\3" + b"\2\0ab" + b"name\0" + b"comment\0" + b"\0\0"
print(gzip.decompress(hdr + payload + zlib.crc32(b"custom").to_bytes(4, "little") + (6).to_bytes(4, "little")))
for p in ("t.gz", "t2.gz"):
    os.remove(p)
