# tarfile: header bytes for USTAR/GNU/PAX (long names, non-ASCII, floats,
# big numbers, devices), whole-archive bytes from addfile, and round trips.
import tarfile, io, hashlib

def h(b):
    return len(b), hashlib.sha256(b).hexdigest()[:20]

def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

def ti(name="a.txt", **kw):
    t = tarfile.TarInfo(name)
    for k, v in kw.items():
        setattr(t, k, v)
    return t

cases = [
    ("plain", dict(size=5, mtime=1000)),
    ("floatm", dict(size=5, mtime=1000.5)),
    ("floatm2", dict(mtime=1600000000.123456)),
    ("bigsize", dict(size=8 ** 11 + 5)),
    ("neg", dict(mtime=-5)),
    ("bigid", dict(uid=8 ** 7, gid=3)),
    ("longname", dict(name="d/" * 60 + "file.txt")),
    ("verylong", dict(name="x" * 120)),
    ("unicode", dict(name="caf\xe9/\u65e5\u672c.txt", uname="\xfcser", gname="gr")),
    ("link", dict(name="l", type=tarfile.SYMTYPE, linkname="t" * 150)),
    ("dir", dict(name="some/dir", type=tarfile.DIRTYPE, mode=0o755)),
    ("chr", dict(name="dev", type=tarfile.CHRTYPE, devmajor=3, devminor=4)),
    ("blk", dict(name="bdev", type=tarfile.BLKTYPE, devmajor=8, devminor=1)),
    ("fifo", dict(name="p", type=tarfile.FIFOTYPE)),
    ("pax", dict(pax_headers={"comment": "hello", "custom": "\u2603"})),
    ("modehigh", dict(mode=0o107755)),
]
for label, kw in cases:
    for fmt in (tarfile.USTAR_FORMAT, tarfile.GNU_FORMAT, tarfile.PAX_FORMAT):
        def run():
            kw2 = dict(kw)
            name = kw2.pop("name", "a.txt")
            return h(ti(name, **kw2).tobuf(fmt, "utf-8", "surrogateescape"))
        show("%s/%d" % (label, fmt), run)
print(ti(size=5, mtime=1000).tobuf(tarfile.USTAR_FORMAT)[:512])
print(ti(mtime=1000.5).tobuf(tarfile.PAX_FORMAT)[512:600])
print(ti(mtime=1000.5).tobuf(tarfile.PAX_FORMAT)[1024 + 100:1024 + 160])
show("badfmt", lambda: ti().tobuf(7))
show("none", lambda: ti(mode=None).tobuf())

# whole archives in each format, read back
data = {"a.txt": b"alpha\n", "dir/b.bin": bytes(range(256)) * 3, "empty": b""}
for fmt in (tarfile.USTAR_FORMAT, tarfile.GNU_FORMAT, tarfile.PAX_FORMAT):
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode="w", format=fmt) as t:
        t.addfile(ti("dir", type=tarfile.DIRTYPE, mode=0o755, mtime=1234567890))
        for name, payload in data.items():
            t.addfile(ti(name, size=len(payload), mtime=1234567890, uid=1000, gid=100,
                         uname="me", gname="staff"), io.BytesIO(payload))
        t.addfile(ti("lnk", type=tarfile.SYMTYPE, linkname="a.txt", mtime=1234567890))
        t.addfile(ti("hard", type=tarfile.LNKTYPE, linkname="a.txt", mtime=1234567890))
        t.addfile(ti("deep/" * 25 + "file", size=3, mtime=1), io.BytesIO(b"abc"))
        if fmt != tarfile.USTAR_FORMAT:
            t.addfile(ti("long/" + "n" * 150, size=3, mtime=1), io.BytesIO(b"xyz"))
        print(fmt, t.offset)
    raw = b.getvalue()
    print(fmt, h(raw))
    b.seek(0)
    with tarfile.open(fileobj=b) as t:
        for m in t.getmembers():
            print(" ", m.name, m.type, m.size, m.mode, m.mtime, m.uid, m.gid, m.uname, m.gname,
                  m.linkname, m.offset, m.offset_data, sorted(m.pax_headers))
        print(t.extractfile("dir/b.bin").read() == data["dir/b.bin"], t.extractfile("lnk").read(),
              t.extractfile("hard").read(), t.extractfile("dir"))

# pax global headers and per-member pax records
b = io.BytesIO()
with tarfile.open(fileobj=b, mode="w", pax_headers={"comment": "global", "x\u00e9": "y"}) as t:
    t.addfile(ti("m", mtime=5, pax_headers={"mtime": "7.25", "comment": "mine"}))
    t.addfile(ti("n", uname="n\xe9", mtime=1.5))
print(h(b.getvalue()))
b.seek(0)
with tarfile.open(fileobj=b) as t:
    print(t.pax_headers)
    for m in t:
        print(m.name, m.mtime, m.uname, m.pax_headers)
show("ustar long", lambda: ti("x/" * 80 + "y" * 101).tobuf(tarfile.USTAR_FORMAT))
show("ustar link", lambda: ti("l", type=tarfile.SYMTYPE, linkname="q" * 101).tobuf(tarfile.USTAR_FORMAT))
show("ustar nonascii", lambda: h(ti("\u65e5").tobuf(tarfile.USTAR_FORMAT)))
show("ascii enc", lambda: ti("\u65e5").tobuf(tarfile.USTAR_FORMAT, "ascii", "strict"))
show("gnu neg", lambda: h(ti(mtime=-2 ** 40).tobuf(tarfile.GNU_FORMAT)))
show("ustar neg", lambda: ti(mtime=-1).tobuf(tarfile.USTAR_FORMAT))
print(tarfile.itn(5), tarfile.itn(-1, 8, tarfile.GNU_FORMAT), tarfile.nti(b"0000017\0"),
      tarfile.nti(tarfile.itn(8 ** 12, 12, tarfile.GNU_FORMAT)), tarfile.stn("ab", 4, "utf-8", "strict"),
      tarfile.nts(b"ab\0cd", "utf-8", "strict"))
