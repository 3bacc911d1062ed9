# StringIO used as a print() target and line source
from io import StringIO
import io

buf = StringIO()
for i in range(5):
    print("row", i, sep="=", file=buf)
text = buf.getvalue()
print(text.count("\n"), repr(text[:12]))
src = StringIO(text)
total = 0
for line in src:
    total += int(line.strip().split("=")[1])
print(total)
src.seek(0)
print(src.read(3), src.tell(), repr(src.readline()), src.tell())
print(len(src.readlines()), repr(src.read()))
print(type(buf).__name__, io.StringIO is StringIO, repr(StringIO))
b2 = StringIO("abcdef")
b2.seek(2)
b2.write("XY")
print(b2.getvalue(), b2.tell(), repr(b2.read()))
b2.seek(0)
b2.truncate()
print(repr(b2.getvalue()), b2.tell())
b3 = StringIO()
b3.write("é漢字")
print(b3.tell(), b3.getvalue())
b3.seek(1)
print(b3.read())
