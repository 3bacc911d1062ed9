# The context manager protocol and the error messages: missing files,
# directories, closed files, unsupported operations, bad modes.
import io
import os

p = "torii_test_file_with_errors.txt"

def t(fn, *a, **k):
    try:
        print(fn(*a, **k))
    except Exception as e:
        print(type(e).__name__, e)

with open(p, "w") as f:
    r = f.__enter__()
    print(r is f)
    f.write("data\n")
print(f.closed)
t(f.read); t(f.write, "x"); t(f.readline); t(f.readlines); t(iter, f); t(f.tell); t(f.seek, 0)
t(f.flush); t(f.__enter__)
print(f.close(), f.close())

t(open, "nope_torii_file_with_errors.txt")
t(open, "/tmp")
t(open, "/tmp", "w")
t(open, p, "x")
t(open, p, "z")
t(open, p, "rw")
t(open, p, "rr")
t(open, p, "bt")
t(open, 5.5)
t(open)
t(open, p, mode=3)
t(open, "/nonexistent_dir_torii/x.txt", "w")

with open(p) as f:
    t(f.write, "x")
    t(f.writelines, ["x"])
with open(p, "w") as f:
    t(f.read)
    t(f.readline)
    t(f.write, 5)
    t(f.writelines, ["ok", 5])
try:
    open(p).write("x")
except io.UnsupportedOperation as e:
    print("unsupported:", e, isinstance(e, OSError))
try:
    with open("nope_torii_file_with_errors.txt") as f:
        pass
except FileNotFoundError as e:
    print(e.errno, e.strerror, e.filename, e.args)
except OSError:
    print("wrong class")
try:
    with open(p, "w") as f:
        f.write("before\n")
        raise KeyError("inside")
except KeyError as e:
    print("KeyError", e, f.closed)
with open(p) as f:
    print(repr(f.read()))
try:
    open(p, "x")
except FileExistsError as e:
    print("exists:", e)
os.remove(p)
with open(p, "x") as f:
    f.write("created\n")
print(open(p).read(), end="")
os.remove(p)
