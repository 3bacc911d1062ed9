# r+ and w+ modes, tell() and seek() on text files, readable()/writable()/
# seekable(), mixing reads and writes, and attribute values.
import os

p = "torii_test_file_seek_modes.txt"

def t(fn, *a, **k):
    try:
        print(fn(*a, **k))
    except Exception as e:
        print(type(e).__name__, e)

with open(p, "w") as f:
    f.write("0123456789\nabcdef\n")
    print(f.tell())
with open(p, "r+") as f:
    print(f.readable(), f.writable(), f.seekable(), f.mode)
    print(repr(f.read(4)), f.tell())
    print(f.seek(0), repr(f.readline()), f.tell())
    f.seek(0)
    f.write("XY")
    print(f.tell())
    f.seek(0)
    print(repr(f.read()))
    t(f.seek, 1, 1)
    t(f.seek, -1, 2)
    t(f.seek, 0, 5)
    t(f.seek, -3)
    print(f.seek(0, 2), f.seek(0, 1))
with open(p, "w+") as f:
    f.write("abc\ndef\n")
    f.seek(0)
    print(f.readlines(), f.tell())
    f.seek(0, 2)
    f.write("ghi")
    f.seek(0)
    print(repr(f.read()))
    f.seek(4)
    print(repr(f.readline()), repr(f.read(1)))
with open(p, "a+") as f:
    print(f.tell(), f.readable())
    f.write("+more")
    f.seek(0)
    print(repr(f.read()))
with open(p, "w") as f:
    f.write("ünïcödé\n")
    print(f.tell())
with open(p) as f:
    print(f.readable(), f.writable(), f.name, f.mode, f.closed, type(f.fileno()).__name__)
    print(repr(f.read(3)), f.tell())
os.remove(p)
print(os.path.exists(p))
