# Classes: instances, __init__, methods, class attributes, repr defaults.
class Point:
    dims = 2

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm2(self):
        return self.x * self.x + self.y * self.y

    def moved(self, dx, dy=0):
        return Point(self.x + dx, self.y + dy)


p = Point(3, 4)
print(p.x, p.y, p.norm2(), p.dims, Point.dims)
q = p.moved(1)
print(q.x, q.y, p.moved(dy=2, dx=0).y)
print(type(p) is Point, p.__class__ is Point, isinstance(p, Point), isinstance(p, object))
print(Point, type(p), Point.__name__, Point.__qualname__, Point.__module__)
print(repr(p).startswith("<__main__.Point object at 0x"), str(p) == repr(p))
m = p.norm2
print(m(), m.__self__ is p, m.__func__ is Point.norm2, Point.norm2(p))
print(repr(m).startswith("<bound method Point.norm2 of <__main__.Point object at "))
print(p.__dict__)
p.z = 5
print(sorted(p.__dict__), p.z)


class Empty:
    pass


e = Empty()
e.a = 1
print(e.a, Empty.__doc__, Empty.__bases__, Empty.__mro__)


class Documented:
    """A docstring."""
    x = [i * i for i in range(4)]
    y = sum(x)


print(Documented.__doc__, Documented.x, Documented.y)


class Outer:
    class Inner:
        def hello(self):
            return "inner"

    def make(self):
        return self.Inner()


print(Outer().make().hello(), Outer.Inner.__qualname__, Outer.Inner)
print(hash(p) == hash(p), p == p, p != q, p == Point(3, 4))
