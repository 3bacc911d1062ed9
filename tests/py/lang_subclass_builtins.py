# subclasses of int, float, str, tuple and deque
from collections import deque

class MyInt(int):
    def double(self):
        return self * 2
    def __repr__(self):
        return f"MyInt({int(self)})"

a = MyInt(5)
print(a, repr(a), a + 1, type(a + 1).__name__, a.double(), isinstance(a, int))
print(MyInt("ff", 16), MyInt(), MyInt(2**70) + 1)
print(a == 5, hash(a) == hash(5), {a: "x"}[5], a < 7, -a, abs(MyInt(-3)), a // 2, a % 3, a ** 2)
a.tag = "t"
print(a.tag, a.__dict__)
print(type(a) is MyInt, MyInt.__mro__ if hasattr(MyInt, "__mro__") else "")
print(list(range(MyInt(3))), [0, 1, 2, 3][MyInt(2)])

class Flag(int):
    pass
f = Flag(1)
print(f, bool(f), bool(Flag(0)), f + f, str(f), f"{f:03d}")

class Celsius(float):
    def to_f(self):
        return self * 9 / 5 + 32
c = Celsius(100)
print(c, repr(c), c.to_f(), c + 0.5, isinstance(c, float), round(Celsius(2.567), 2))
c.unit = "C"
print(c.unit)

class Name(str):
    def shout(self):
        return self.upper() + "!"
n = Name("alice")
print(n, repr(n), n.shout(), n + "x", type(n + "x").__name__, len(n), n[0], n == "alice")
print(isinstance(n, str), {n: 1}["alice"], "ali" in n, n.split("i"), f"<{n}>", str(n), type(str(n)).__name__)
print(Name(), repr(Name(42)), sorted([Name("b"), Name("a")]))

class Pair(tuple):
    def first(self):
        return self[0]
p = Pair([1, 2])
print(p, repr(p), p.first(), len(p), p + (3,), type(p + (3,)).__name__, isinstance(p, tuple))
x, y = p
print(x, y, p == (1, 2), hash(p) == hash((1, 2)), list(p), Pair(), p[::-1])

class Point(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))
    @property
    def x(self):
        return self[0]
pt = Point(3, 4)
print(pt, pt.x, type(pt).__name__)

class TupleNew(tuple):
    def __new__(cls, *items):
        return tuple.__new__(cls, items)
print(TupleNew(1, 2, 3))

class Hist(deque):
    def total(self):
        return sum(self)
h = Hist([1, 2, 3], maxlen=3)
h.append(4)
print(h, h.total(), h.maxlen, isinstance(h, deque))

class Sub2(MyInt):
    pass
print(Sub2(7), Sub2(7).double())

class UpperStr(str):
    def __new__(cls, value):
        return super().__new__(cls, value.upper())
u = UpperStr("abc")
print(u, type(u).__name__, u.lower())

def t(f):
    try:
        print("ok", f())
    except BaseException as e:
        print(type(e).__name__ + ":", e)
t(lambda: MyInt("zz"))
t(lambda: Celsius("warm"))
t(lambda: Pair(1))
t(lambda: Point(1))
