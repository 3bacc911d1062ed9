ba = bytearray(b"hello world")
ba[0] = ord("H")
ba[6:11] = b"there"
print(ba, len(ba))
ba[5:6] = []
print(ba)
ba[::2] = b"XXXXX"
print(ba)
del ba[1::3]
print(ba)
ba[len(ba):] = bytearray(b"!!")
print(ba, ba.find(b"!"), ba.count(33), 33 in ba, b"!!" in ba)
x = bytearray()
for i in range(300):
    x.append(i % 256)
print(len(x), x[-1], x[255], sum(x))
x *= 2
print(len(x))
x += b"abc"
y = x
y += bytearray(b"d")
print(x is y, x[-4:], x[-4:].decode())
z = bytearray(b"  strip me  ")
print(z.strip(), z.split(), z.upper(), z.replace(b" ", b"_"), type(z.strip()).__name__)
print(bytearray(b"a,b").split(b","), bytearray(b"-").join([b"a", bytearray(b"b")]))
c = bytearray(b"abc")
d = c.copy()
d.reverse()
print(c, d, c < d, c == b"abc", list(d), [v for v in bytearray(b"xy")])
c.insert(-1, 65); c.insert(100, 66); c.insert(-100, 67)
print(c, c.pop(), c.pop(0), c)
c.extend(range(3)); c.extend(bytearray(b"zz"))
print(c)
try:
    c.extend("str")
except TypeError as e:
    print("TypeError:", e)
try:
    c.extend(5)
except TypeError as e:
    print("TypeError:", e)
try:
    c["a"]
except TypeError as e:
    print("TypeError:", e)
e = bytearray(b"abcdef")
del e[::-2]
print(e, repr(bytearray(b"it's")), repr(bytearray(b'say "x"')), bytearray(b"q") * 3)
print(bytes(bytearray(b"frozen")), bytearray(bytes(2)), bytearray(b"%") == bytearray(b"%"))
it = iter(bytearray(b"ab"))
print(next(it), next(it), next(it, "done"), type(it).__name__, type(iter(b"")).__name__)
