# Directories and files through os: makedirs/mkdir/listdir/rename/remove/
# rmdir, os.path predicates and getsize, and the OSError subclasses.
import os

d = "torii_test_os_dirs"

def t(fn, *a, **k):
    try:
        print(fn(*a, **k))
    except Exception as e:
        print(type(e).__name__, e)

t(os.makedirs, d + "/x/y/z")
t(os.makedirs, d + "/x/y/z")
t(os.makedirs, d + "/x/y/z", exist_ok=True)
t(os.makedirs, d + "/x/w/", exist_ok=True)
t(os.mkdir, d + "/x")
t(os.mkdir, d + "/m")
t(os.mkdir, "/nonexistent_torii_zz/x")
with open(d + "/file.txt", "w") as f:
    f.write("0123456789")
print(sorted(os.listdir(d)), sorted(os.listdir(d + "/x")))
print(os.path.isdir(d + "/x"), os.path.isfile(d + "/x"), os.path.exists(d + "/x"))
print(os.path.isdir(d + "/file.txt"), os.path.isfile(d + "/file.txt"), os.path.getsize(d + "/file.txt"))
print(os.path.exists(d + "/nope"), os.path.isfile(d + "/nope"), os.path.isdir(d + "/nope"))
t(os.listdir, d + "/nope")
t(os.listdir, d + "/file.txt")
t(os.rmdir, d + "/x")
t(os.remove, d + "/x")
t(os.remove, d + "/nope")
t(os.unlink, d + "/nope")
t(os.rename, d + "/nope", d + "/nope2")
t(os.path.getsize, d + "/nope")
t(os.rename, d + "/file.txt", d + "/renamed.txt")
print(sorted(os.listdir(d)))
with open(d + "/renamed.txt") as f:
    print(f.read())
t(os.remove, d + "/renamed.txt")
t(os.rmdir, d + "/m")
t(os.rmdir, d + "/x/y/z")
t(os.rmdir, d + "/x/y")
t(os.rmdir, d + "/x/w")
t(os.rmdir, d + "/x")
print(os.listdir(d))
t(os.rmdir, d)
print(os.path.exists(d))

try:
    os.rmdir("/nonexistent_torii_qq")
except FileNotFoundError as e:
    print(e.errno, e.strerror, e.filename, e.filename2, e.args)
try:
    os.mkdir("/tmp")
except FileExistsError as e:
    print("FileExistsError", e.errno, isinstance(e, OSError))
try:
    os.rename("/nonexistent_a", "/nonexistent_b")
except OSError as e:
    print(type(e).__name__, e.filename, e.filename2)
