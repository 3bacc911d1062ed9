# zipfile: byte-identical archives from writestr/open('w')/mkdir with fixed
# date_time, stored and deflated, comments, append mode, non-seekable output.
import zipfile, io, hashlib, os

def digest(b):
    return len(b), hashlib.sha256(b).hexdigest()[:20]

DT = (2021, 6, 7, 8, 9, 10)
def info(name, ct=zipfile.ZIP_STORED, **kw):
    zi = zipfile.ZipInfo(name, DT)
    zi.compress_type = ct
    for k, v in kw.items():
        setattr(zi, k, v)
    return zi

text = b"".join(b"%d: the quick brown fox jumps over the lazy dog\n" % i for i in range(300))
b = io.BytesIO()
with zipfile.ZipFile(b, "w") as z:
    z.writestr(info("a.txt"), b"hello")
    z.writestr(info("dir/"), b"")
    z.writestr(info("c.txt", zipfile.ZIP_DEFLATED), text)
    z.writestr(info("l1.txt"), text, zipfile.ZIP_DEFLATED, 1)
    z.writestr(info("l9.txt", zipfile.ZIP_DEFLATED), text, compresslevel=9)
    z.writestr(info("caf\xe9/\u65e5\u672c.txt"), "unicode name")
    z.writestr(info("attr.bin", external_attr=0o755 << 16, comment=b"member comment",
                    extra=b"\x99\x99\x02\x00ab"), b"\x00\x01\x02")
    with z.open(info("stream.txt", zipfile.ZIP_DEFLATED), "w") as w:
        w.write(b"part one\n")
        w.write(bytearray(b"part two\n"))
    z.mkdir(info("made/", external_attr=(0o40755 << 16) | 0x10, CRC=0))
    z.mkdir("plain_dir")
    z.comment = b"archive comment"
    for zi in z.infolist():
        print(repr(zi), zi.CRC, zi.header_offset, zi.flag_bits, zi.create_version)
raw = b.getvalue()
print(digest(raw))
print(raw[:80])
print(raw[-60:])

# empty archive, and compression set on the ZipFile for ZipInfo-less writes
b2 = io.BytesIO()
zipfile.ZipFile(b2, "w").close()
print(b2.getvalue())
b3 = io.BytesIO()
with zipfile.ZipFile(b3, "w", zipfile.ZIP_DEFLATED, compresslevel=3) as z:
    with z.open("x.txt", "w") as w:
        w.write(text)
    zi = z.getinfo("x.txt")
    print(zi.compress_type, zi.compress_level, zi.external_attr, zi.date_time, zi.file_size, zi.compress_size)
    z.writestr(info("y.txt", zipfile.ZIP_DEFLATED), text[:100])
print(digest(b3.getvalue()))

# append mode: new members after the old ones, one central directory
b.seek(0)
with zipfile.ZipFile(b, "a") as z:
    z.writestr(info("appended.txt", zipfile.ZIP_DEFLATED), b"added later" * 5)
    print(z.namelist())
print(digest(b.getvalue()))

# append onto a non-zip prefix (like a self-extracting stub)
b4 = io.BytesIO(b"#!/bin/sh\necho stub\n")
b4.seek(0, 2)
with zipfile.ZipFile(b4, "a") as z:
    z.writestr(info("payload.txt"), b"payload")
print(digest(b4.getvalue()))
with zipfile.ZipFile(b4) as z:
    print(z.namelist(), z.read("payload.txt"), z.getinfo("payload.txt").header_offset)

# non-seekable output: data descriptors
class Sink:
    def __init__(self): self.parts = []
    def write(self, d): self.parts.append(bytes(d)); return len(d)
    def flush(self): pass
sink = Sink()
with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr(info("s1.txt", zipfile.ZIP_DEFLATED), text)
    z.writestr(info("s2.txt"), b"stored")
data = b"".join(sink.parts)
print(digest(data))
with zipfile.ZipFile(io.BytesIO(data)) as z:
    for zi in z.infolist():
        print(zi.filename, zi.flag_bits, zi.CRC, zi.compress_size, len(z.read(zi)))

# real files: x mode, a mode creating, write() from disk
with open("src.txt", "wb") as f:
    f.write(text)
os.utime("src.txt", (1600000000, 1600000000))
with zipfile.ZipFile("out.zip", "x", zipfile.ZIP_DEFLATED) as z:
    z.write("src.txt")
    z.write("src.txt", "renamed/inside.txt", zipfile.ZIP_STORED)
    zi = z.getinfo("src.txt")
    print(zi.date_time, zi.file_size, zi.compress_size, oct(zi.external_attr >> 16))
try:
    zipfile.ZipFile("out.zip", "x")
except Exception as e:
    print(type(e).__name__)
with zipfile.ZipFile("new_a.zip", "a") as z:
    z.writestr(info("n.txt"), b"n")
with open("out.zip", "rb") as f:
    print(digest(f.read()))
with open("new_a.zip", "rb") as f:
    print(digest(f.read()))
# forced zip64 records, timestamps before 1980, ZipInfo.from_file
b5 = io.BytesIO()
with zipfile.ZipFile(b5, "w") as z:
    with z.open(info("z64.bin", zipfile.ZIP_DEFLATED), "w", force_zip64=True) as w:
        w.write(text)
    with z.open(info("z64s.bin"), "w", force_zip64=True) as w:
        w.write(b"stored zip64")
    zi = z.getinfo("z64.bin")
    print(zi.extract_version, zi.create_version, zi.extra, zi.file_size)
print(digest(b5.getvalue()))
with zipfile.ZipFile(b5) as z:
    print([(i.filename, i.extract_version, i.file_size) for i in z.infolist()], z.read("z64s.bin"))
os.utime("src.txt", (0, 0))
try:
    zipfile.ZipFile(io.BytesIO(), "w").write("src.txt")
except ValueError as e:
    print(type(e).__name__, e)
zl = zipfile.ZipFile(io.BytesIO(), "w", strict_timestamps=False)
zl.write("src.txt", "old.txt")
print(zl.getinfo("old.txt").date_time)
zi = zipfile.ZipInfo.from_file("src.txt", "x/../y//z.txt", strict_timestamps=False)
print(zi.filename, zi.date_time, zi.file_size, zi.compress_type, oct(zi.external_attr))
zi = zipfile.ZipInfo.from_file(".", strict_timestamps=False)
print(repr(zi.filename), zi.is_dir(), zi.file_size)
zi = zipfile.ZipInfo("with\0nul.txt".replace("\\0", "\0"))
print(repr(zi.filename), repr(zi.orig_filename))
# append mode that shrinks the file (shorter comment), on disk and in memory
with zipfile.ZipFile("shrink.zip", "w") as z:
    z.writestr(info("s.txt"), b"s")
    z.comment = b"c" * 500
with zipfile.ZipFile("shrink.zip", "a") as z:
    z.comment = b"short"
print(os.path.getsize("shrink.zip"), zipfile.ZipFile("shrink.zip").comment)
with open("shrink.zip", "rb") as f:
    mem = io.BytesIO(f.read())
with zipfile.ZipFile(mem, "a") as z:
    z.comment = b""
    z.writestr(info("t.txt"), b"t")
print(len(mem.getvalue()), zipfile.ZipFile(mem).namelist())
os.remove("shrink.zip")
for p in ("src.txt", "out.zip", "new_a.zip"):
    os.remove(p)
