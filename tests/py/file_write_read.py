# open() for writing and reading text: write/writelines/print(file=),
# read(), read(n) counting characters (not bytes), readline, readlines.
import os

p = "torii_test_file_write_read.txt"
with open(p, "w") as f:
    print(f.name, f.mode, f.closed, f.writable(), f.readable())
    print(f.write("hello\n"), f.write("wörld ✓ ünïcode\n"), f.write(""))
    f.writelines(["a\n", "b\n", "c"])
    print("x", 42, 3.5, sep="-", file=f)
    print(file=f)
    print("end", end="!", file=f)
print(f.closed)

with open(p) as f:
    print(repr(f.read()))
with open(p, encoding="utf-8") as f:
    print(repr(f.read(3)), repr(f.read(4)), repr(f.readline()))
    print(repr(f.read(2)), repr(f.read(0)), repr(f.readline()))
    print(f.readlines())
    print(repr(f.read()), repr(f.readline()), f.readlines())
with open(p, "r", encoding="UTF8") as f:
    print(repr(f.readline(3)), repr(f.readline(100)), repr(f.read(None)))

lines = ["line %d %s\n" % (i, "x" * (i % 7)) for i in range(3000)]
with open(p, "w") as f:
    f.writelines(lines)
with open(p) as f:
    got = f.readlines()
print(got == lines, len(got))
with open(p) as f:
    text = f.read()
print(len(text), text == "".join(lines))
with open(p, "w") as f:
    f.write("é" * 20000)
with open(p) as f:
    parts = []
    while True:
        s = f.read(777)
        if not s:
            break
        parts.append(len(s))
print(sum(parts), parts[-1], len(parts))
os.remove(p)
print(os.path.exists(p))
