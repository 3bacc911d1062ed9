# io.StringIO: write/read/getvalue/seek/tell/readline/iteration/context manager
import io
from io import StringIO

s = StringIO()
print(s.write("hello "), s.write("world\n"), s.tell())
s.write("second line\nthird")
print(repr(s.getvalue()))
s.seek(0)
print(repr(s.readline()), s.tell())
print(repr(s.read(6)), repr(s.read()), repr(s.read()))
s.seek(0)
print([line for line in s])
s.seek(0)
print(s.readlines())
print(s.seek(6), repr(s.read(5)))
s.seek(0)
s.write("HELLO")
print(repr(s.getvalue()))
s.seek(0, 2)
print(s.tell())
print(s.truncate(5), repr(s.getvalue()))
print(s.readable(), s.writable(), s.seekable(), s.closed)
s.close()
print(s.closed)
try:
    s.getvalue()
except ValueError as e:
    print("ValueError:", e)
try:
    s.write("x")
except ValueError as e:
    print("ValueError:", e)

t = StringIO("line1\nline2\nline3")
print(t.tell(), t.readline(), end="")
for line in t:
    print("got", repr(line))
print(repr(t.readline()))

with StringIO() as buf:
    print("to buffer", 1, 2, file=buf)
    print("more", file=buf, end="!")
    print(repr(buf.getvalue()))
print(buf.closed)

u = StringIO()
try:
    u.write(5)
except TypeError as e:
    print("TypeError:", e)
try:
    u.seek(-1)
except ValueError as e:
    print("ValueError:", e)
u.writelines(["a", "b", "c"])
print(u.getvalue(), isinstance(u, io.StringIO))
out = StringIO()
for i in range(3):
    out.write("%d," % i)
print(out.getvalue())
v = StringIO("abc")
v.seek(5)
v.write("Z")
print(repr(v.getvalue()))
print(repr(StringIO("x\ny\n").readline(1)), StringIO(None).getvalue() == "")
