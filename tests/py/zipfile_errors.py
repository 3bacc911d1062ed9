# zipfile: error messages for writes while a handle is open, closed archives
# and closed member streams, allowZip64=False limits, bad arguments.
import zipfile, io, os

def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

open("f.txt", "w").close()
zw = zipfile.ZipFile(io.BytesIO(), "w")
w = zw.open("one", "w")
show("write busy", lambda: zw.write("f.txt"))
show("open busy", lambda: zw.open("two", "w"))
w.close()
zw.close()
show("write closed", lambda: zw.write("f.txt"))
show("writestr closed", lambda: zw.writestr("a", "b"))
show("open closed", lambda: zw.open("a"))
b = io.BytesIO()
with zipfile.ZipFile(b, "w") as z:
    z.writestr(zipfile.ZipInfo("a", (2000, 1, 1, 0, 0, 0)), "b")
z = zipfile.ZipFile(b)
f = z.open("a")
f.close()
for label, g in (("seek", lambda: f.seek(0)), ("readline", lambda: f.readline()),
                 ("tell", lambda: f.tell()), ("peek", lambda: f.peek()),
                 ("read1", lambda: f.read1()), ("seekable", lambda: f.seekable()),
                 ("read", lambda: f.read())):
    show("closed " + label, g)
with z.open("a") as f:
    show("whence", lambda: f.seek(0, 7))
show("badcomp", lambda: zipfile.ZipFile(io.BytesIO(), "w", compression=99))
show("badcomp writestr", lambda: zipfile.ZipFile(io.BytesIO(), "w").writestr("x", b"", compress_type=99))
n = zipfile.ZipFile(io.BytesIO(), "w", allowZip64=False)
show("force64", lambda: n.open("x", "w", force_zip64=True))
show("pwd type", lambda: z.setpassword("str"))
show("pwd read", lambda: z.read("a", pwd="str"))
print(zipfile.BadZipfile is zipfile.BadZipFile, zipfile.error is zipfile.BadZipFile,
      issubclass(zipfile.LargeZipFile, Exception), zipfile.ZIP64_LIMIT, zipfile.ZIP_MAX_COMMENT,
      zipfile.sizeFileHeader, zipfile.sizeCentralDir, zipfile.sizeEndCentDir)
os.remove("f.txt")
