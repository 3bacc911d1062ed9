# collections.namedtuple builds real tuple subclasses
from collections import namedtuple

Point = namedtuple("Point", "x y")
p = Point(1, 2)
print(p, repr(p), p.x, p.y, p[0], len(p))
print(isinstance(p, tuple), issubclass(Point, tuple), type(p).__name__)
print(p == (1, 2), (1, 2) == p, hash(p) == hash((1, 2)), p < Point(1, 3))
x, y = p
print(x, y, list(p), tuple(p), p + (3,), p * 2)
print(p._asdict(), p._replace(x=10), Point._make([5, 6]), Point._fields)
print(Point.__doc__, p.count(1), p.index(2), 2 in p)
print(sorted([Point(2, 1), Point(1, 5)]))
print({p: "v"}[(1, 2)], max(p), sum(p))
print("%d-%d" % p, "{}/{}".format(*p))

P3 = namedtuple("P3", ["a", "b", "c"], defaults=[0])
print(P3(1, 2), P3(1, 2, 3), P3(a=1, b=2), P3._field_defaults)

Emp = namedtuple("Emp", "name, dept", rename=False)
e = Emp(name="ann", dept="eng")
print(e, e.name)

R = namedtuple("R", ["ok", "def", "ok"], rename=True)
print(R._fields)

class Sub(Point):
    def norm(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
print(Sub(3, 4).norm(), Sub(3, 4))

def t(f):
    try:
        print("ok", f())
    except BaseException as e:
        print(type(e).__name__ + ":", e)
t(lambda: Point(1))
t(lambda: Point(1, 2, 3))
t(lambda: Point(1, z=2))
t(lambda: Point._make([1]))
t(lambda: p._replace(z=1))
t(lambda: setattr(p, "x", 5))
t(lambda: namedtuple("Bad", "x _y"))
t(lambda: namedtuple("Bad", "x x"))
t(lambda: namedtuple("1Bad", "x"))
t(lambda: namedtuple("Bad", "class"))
