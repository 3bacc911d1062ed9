# gzip: files on disk (x/a/w modes, names in the header, text mode newlines),
# streams read in pieces, multi-member files, peek/read1/seek and errors.
import gzip, io, os, hashlib

def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

payload = bytes(i * 7 % 251 for i in range(50000))
with gzip.GzipFile("named.dat.gz", "wb", mtime=99) as g:
    print(g.name, g.mode, g.writable(), g.readable(), g.seekable(), g.tell())
    g.write(payload[:1000])
    g.flush()
    g.write(memoryview(payload[1000:]))
    print(g.tell(), g.seek(50010), g.tell())
    show("negseek", lambda: g.seek(5))
    show("seekend", lambda: g.seek(0, 2))
    show("read", lambda: g.read())
with open("named.dat.gz", "rb") as f:
    raw = f.read()
print(raw[:24], len(raw), hashlib.sha256(raw).hexdigest()[:16])
show("xmode", lambda: gzip.open("named.dat.gz", "xb"))
with gzip.open("fresh.gz", "xb") as g:
    g.write(b"fresh")
with gzip.open("fresh.gz", "ab") as g:
    g.write(b" second member")
with gzip.open("fresh.gz") as g:
    print(g.read(), g.mtime is not None)
with gzip.GzipFile("named.dat.gz") as g:
    print(g.name, g.mode, g.mtime, g.readable(), g.writable())
    chunks = []
    while True:
        c = g.read(7777)
        if not c:
            break
        chunks.append(len(c))
    print(chunks[:3], len(chunks), g.tell())
    print(g.seek(0), len(g.read1(100)) > 0, g.peek(10)[:2] != b"", g.seek(-10, 1) >= 0)
    print(g.seek(49995), g.read(), g.read(), g.tell())
    show("seek whence", lambda: g.seek(0, 5))
    show("write", lambda: g.write(b"x"))
    show("fileno", lambda: g.fileno() >= 0)
with gzip.open("text.gz", "wt", encoding="utf-8", newline="\r\n") as t:
    t.write("first\nsecond\n")
    t.writelines(["third\n", "\u00fcnicode\n"])
with gzip.open("text.gz", "rb") as g:
    print(g.read())
with gzip.open("text.gz", "rt", encoding="utf-8") as t:
    print([ln for ln in t])
with gzip.open("text.gz", "rt", encoding="utf-8", newline="") as t:
    print(t.readlines())
with gzip.open("text.gz", "rt", encoding="latin-1") as t:
    print(repr(t.read(8)), repr(t.readline()))
with open("text.gz", "rb") as f:
    with gzip.open(f) as g:
        print(g.readline(), g.readlines())
# reading from a file object piecemeal, with trailing padding
blob = gzip.compress(b"A" * 100, mtime=3) + b"\0" * 9 + gzip.compress(b"B" * 50, mtime=4)
g = gzip.GzipFile(fileobj=io.BytesIO(blob))
print(g.read(150).count(b"A"), g.mtime, g.read(), g.mtime)
g.close()
print(g.closed)
show("closed seek", lambda: g.seek(0))
show("closed readline", lambda: g.readline())
show("badlevel", lambda: gzip.GzipFile(fileobj=io.BytesIO(), mode="wb", compresslevel=10))
show("badmode", lambda: gzip.GzipFile(fileobj=io.BytesIO(), mode="z"))
show("tmode", lambda: gzip.GzipFile(fileobj=io.BytesIO(), mode="rt"))
show("trunc file", lambda: gzip.open(io.BytesIO(blob[:30])).read())
for p in ("named.dat.gz", "fresh.gz", "text.gz"):
    os.remove(p)
