# zipfile: reading (read/open/readline/seek/iteration), extract/extractall,
# testzip, printdir, errors, and archives written by Info-ZIP and CPython.
import zipfile, io, os, base64, hashlib, shutil

def show(label, f):
    try:
        r = f()
        print(label, repr(r))
    except Exception as e:
        print(label, type(e).__name__, e)

INFOZIP = base64.b64decode("UEsDBAoAAAAAAMQoZFQAAAAAAAAAAAAAAAACAAAAZC9QSwMECgAAAAAA6aWHXbr368EFAAAABQAAAAYAAABkL2xpbmthLnR4dFBLAwQKAAAAAADEKGRUAAAAAAAAAAAAAAAABgAAAGQvc3ViL1BLAwQUAAAACADEKGRUX58hDBUAAAC5CwAADQAAAGQvc3ViL2JpZy50eHTtwSEBAAAAAqDuYud7wwC0AADAuwxQSwMECgAAAAAAxChkVIO7nq0RAAAAEQAAAAcAAABkL2EudHh0YWxwaGEKYmV0YQpnYW1tYQpQSwECHgMKAAAAAADEKGRUAAAAAAAAAAAAAAAAAgAAAAAAAAAAABAA7UEAAAAAZC9QSwECHgMKAAAAAADppYdduvfrwQUAAAAFAAAABgAAAAAAAAAAAAAA/6EgAAAAZC9saW5rUEsBAh4DCgAAAAAAxChkVAAAAAAAAAAAAAAAAAYAAAAAAAAAAAAQAO1BSQAAAGQvc3ViL1BLAQIeAxQAAAAIAMQoZFRfnyEMFQAAALkLAAANAAAAAAAAAAEAAACkgW0AAABkL3N1Yi9iaWcudHh0UEsBAh4DCgAAAAAAxChkVIO7nq0RAAAAEQAAAAcAAAAAAAAAAQAAAKSBrQAAAGQvYS50eHRQSwUGAAAAAAUABQAIAQAA4wAAAAAA")
ENCRYPTED = base64.b64decode("UEsDBAoACQAAAMQoZFSDu56tHQAAABEAAAAFABwAYS50eHRVVAkAAz+eIWJVGxdrdXgLAAEEAAAAAAQAAAAA7ySZozew/xSW0S5wjdss808Qg9haSW/CPLSk6KJQSwcIg7uerR0AAAARAAAAUEsBAh4DCgAJAAAAxChkVIO7nq0dAAAAEQAAAAUAGAAAAAAAAQAAAKSBAAAAAGEudHh0VVQFAAM/niFidXgLAAEEAAAAAAQAAAAAUEsFBgAAAAABAAEASwAAAGwAAAAAAA==")
ZIP64 = base64.b64decode("UEsDBC0AAAAIAAAAIVTrT+8O//////////8HABQAejY0LnR4dAEAEADcAAAAAAAAABAAAAAAAAAAq8osMDNRSEksSVSoGm5MAFBLAwQUAAAAAAAAACFUsZ4HggEAAAABAAAABQAAAHBsYWlucFBLAQItAy0AAAAIAAAAIVTrT+8OEAAAANwAAAAHAAAAAAAAAAAAAACAAQAAAAB6NjQudHh0UEsBAhQDFAAAAAAAAAAhVLGeB4IBAAAAAQAAAAUAAAAAAAAAAAAAAIABSQAAAHBsYWluUEsFBgAAAAACAAIAaAAAAG0AAAAAAA==")

DT = (2019, 12, 31, 23, 59, 58)
lines = b"".join(b"row %d,%s\n" % (i, b"x" * (i % 37)) for i in range(400))
b = io.BytesIO()
with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
    for name, ct, data in (("lines.csv", zipfile.ZIP_DEFLATED, lines),
                           ("stored.bin", zipfile.ZIP_STORED, bytes(range(256)) * 4),
                           ("empty", zipfile.ZIP_DEFLATED, b""),
                           ("sub/dir/", zipfile.ZIP_STORED, b""),
                           ("sub/dir/deep.txt", zipfile.ZIP_DEFLATED, b"deep\r\nwin\rmac\n"),
                           ("../evil.txt", zipfile.ZIP_STORED, b"sanitized"),
                           ("/abs/x.txt", zipfile.ZIP_STORED, b"absolute")):
        zi = zipfile.ZipInfo(name, DT)
        zi.compress_type = ct
        z.writestr(zi, data)
    z.comment = b"top comment"
raw = b.getvalue()
print(zipfile.is_zipfile(io.BytesIO(raw)), zipfile.is_zipfile(io.BytesIO(b"PK\3\4 not really")))
z = zipfile.ZipFile(io.BytesIO(raw))
print(z.namelist(), z.comment)
z.printdir()
for zi in z.infolist():
    print(zi.filename, zi.date_time, zi.compress_type, zi.file_size, zi.compress_size,
          zi.CRC, zi.is_dir(), zi.header_offset, zi.create_system, zi.extract_version)
print(hashlib.sha256(z.read("lines.csv")).hexdigest()[:16], z.read("empty"), z.read(z.getinfo("stored.bin"))[:8])
with z.open("lines.csv") as f:
    print(repr(f), f.name, f.mode, f.readable(), f.seekable(), f.tell())
    print(f.readline(), f.readline(5), f.read(7), f.tell())
    print(f.read1(10)[:10] != b"", len(f.peek(3)) > 0)
    print(f.seek(0), f.readline(), f.seek(-10, 2), f.read(), f.seek(100), f.read(5), f.seek(5, 1), f.read(3))
    print(f.seek(0), len(f.readlines()), f.read())
    print(sum(1 for _ in f))
    f.seek(0)
    print(len(list(f)), f.tell())
print(f.closed, repr(f))
show("closed", lambda: f.read())
with z.open(z.getinfo("stored.bin")) as f:
    print(f.read(3), f.seek(1000), f.read(), f.seek(2), f.read(2))
# two streams at once on one archive
f1, f2 = z.open("lines.csv"), z.open("stored.bin")
print(f1.read(4), f2.read(4), f1.read(4), f2.read(4))
f1.close(); f2.close()
print(z.testzip())
z.printdir(file=None)
os.mkdir("out")
print(z.extract("sub/dir/deep.txt", "out"), z.extract("../evil.txt", "out"), z.extract("/abs/x.txt", "out"))
print(z.extract(z.getinfo("sub/dir/"), "out"))
z.extractall("ex_all")
z.extractall("ex_some", members=["empty", "lines.csv"])
for root, dirs, files in sorted(os.walk("ex_all")):
    print(root, sorted(dirs), sorted(files))
print(sorted(os.listdir("ex_some")))
with open(os.path.join("ex_all", "sub", "dir", "deep.txt"), "rb") as f:
    print(f.read())
for d in ("out", "ex_all", "ex_some"):
    shutil.rmtree(d)
show("missing", lambda: z.read("nope"))
show("getinfo", lambda: z.getinfo("nope"))
show("badmode", lambda: z.open("empty", "a"))
show("write r", lambda: z.writestr("a", b"b"))
z.close()
print(repr(z))
show("closed read", lambda: z.read("empty"))
show("closed open", lambda: z.open("empty"))
z.close()

# corrupted archives
bad = bytearray(raw)
i = bad.find(b"row 1,")
show("notzip", lambda: zipfile.ZipFile(io.BytesIO(b"hello world" * 10)))
show("empty", lambda: zipfile.ZipFile(io.BytesIO(b"")))
stored_off = raw.find(bytes(range(256)))
bad[stored_off + 10] ^= 0xFF
zb = zipfile.ZipFile(io.BytesIO(bytes(bad)))
print(zb.testzip())
show("crc", lambda: zb.read("stored.bin"))
bad2 = bytearray(raw)
bad2[0:4] = b"XXXX"
show("magic", lambda: zipfile.ZipFile(io.BytesIO(bytes(bad2))).read("lines.csv"))
show("trunc", lambda: zipfile.ZipFile(io.BytesIO(raw[-200:])))
show("badmode", lambda: zipfile.ZipFile(io.BytesIO(raw), "rw"))
show("ts", lambda: zipfile.ZipInfo("x", (1979, 12, 31, 0, 0, 0)))
show("cm", lambda: setattr(zipfile.ZipFile(io.BytesIO(), "w"), "comment", "str"))
show("mkdirinfo", lambda: zipfile.ZipFile(io.BytesIO(), "w").mkdir(zipfile.ZipInfo("f")))
show("mkdirtype", lambda: zipfile.ZipFile(io.BytesIO(), "w").mkdir(5))
show("pwdw", lambda: zipfile.ZipFile(io.BytesIO(), "w").open("x", "w", pwd=b"a"))
zw = zipfile.ZipFile(io.BytesIO(), "w")
w = zw.open("one", "w")
show("second", lambda: zw.open("two", "w"))
show("writestr", lambda: zw.writestr("two", b""))
show("readwhile", lambda: zw.read("one"))
show("closewhile", lambda: zw.close())
w.write(b"x")
w.close()
show("wclosed", lambda: w.write(b"y"))
zw.close()
import warnings
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    zd = zipfile.ZipFile(io.BytesIO(), "w")
    zd.writestr("dup", b"1")
    zd.writestr("dup", b"2")
    print(zd.namelist(), [(w.category.__name__, str(w.message)) for w in caught])

# Info-ZIP archive (extended timestamp extras, symlink, directories)
zi = zipfile.ZipFile(io.BytesIO(INFOZIP))
for info in zi.infolist():
    print(info.filename, info.create_system, info.create_version, info.extract_version,
          oct(info.external_attr >> 16), info.file_size, info.compress_type, info.extra[:2], info.is_dir())
print(zi.read("d/a.txt"), len(zi.read("d/sub/big.txt")), zi.read("d/link"), zi.testzip())
# ZipCrypto-encrypted member
ze = zipfile.ZipFile(io.BytesIO(ENCRYPTED))
print(ze.infolist()[0].flag_bits)
show("nopwd", lambda: ze.read("a.txt"))
show("badpwd", lambda: ze.read("a.txt", pwd=b"wrong"))
show("strpwd", lambda: ze.read("a.txt", pwd="secret"))
show("pwd", lambda: ze.read("a.txt", pwd=b"secret"))
ze.setpassword(b"secret")
show("setpwd", lambda: ze.read("a.txt"))
# zip64 extra field written by CPython with force_zip64
z6 = zipfile.ZipFile(io.BytesIO(ZIP64))
for info in z6.infolist():
    print(info.filename, info.extract_version, info.extra, info.file_size, info.compress_size)
print(z6.read("z64.txt")[:22], z6.testzip())
# metadata_encoding and cp437 names
bb = io.BytesIO()
with zipfile.ZipFile(bb, "w") as zz:
    zz.writestr(zipfile.ZipInfo("plain", DT), b"")
blob = bb.getvalue().replace(b"plain", b"pl\x82in")
print(zipfile.ZipFile(io.BytesIO(blob)).namelist())
print(zipfile.ZipFile(io.BytesIO(blob), metadata_encoding="latin-1").namelist())
show("menc-w", lambda: zipfile.ZipFile(io.BytesIO(), "w", metadata_encoding="utf-8"))
# file-based reading, is_zipfile on paths
with open("t.zip", "wb") as f:
    f.write(raw)
print(zipfile.is_zipfile("t.zip"), zipfile.is_zipfile("nonexistent.zip"))
with zipfile.ZipFile("t.zip") as zf:
    print(repr(zf), zf.read("sub/dir/deep.txt"))
    ef = zf.open("empty")
print(ef.read(), repr(zf))
ef.close()
os.remove("t.zip")
