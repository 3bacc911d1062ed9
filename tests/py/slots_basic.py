class Point:
    __slots__ = ('x', 'y')
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"

p = Point(1, 2)
print(p, p.x, p.y)
p.x = [1, 2, 3]
p.y = "s" * 3
print(p.x, p.y)
p.x += [4]
print(p.x)
del p.y
try:
    p.y
except AttributeError as e:
    print("AttributeError:", e)
try:
    del p.y
except AttributeError as e:
    print("AttributeError:", e)
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError:", e)
try:
    p.z
except AttributeError as e:
    print("AttributeError:", e)
try:
    p.__dict__
except AttributeError as e:
    print("AttributeError:", e)
print(hasattr(p, 'x'), hasattr(p, 'y'), hasattr(p, '__dict__'))
print(getattr(p, 'y', 'default'))
setattr(p, 'y', 10)
print(getattr(p, 'y'))
print(Point.x, type(Point.x).__name__)
print(repr(Point.y))
print(Point.__slots__)
print(Point.x.__get__(p), Point.x.__get__(None, Point) is Point.x)
Point.y.__set__(p, 99)
print(p.y)
Point.y.__delete__(p)
print(hasattr(p, 'y'))
try:
    Point.x.__get__(5)
except TypeError as e:
    print("TypeError:", e)
try:
    Point.x.__set__("s", 1)
except TypeError as e:
    print("TypeError:", e)

class One:
    __slots__ = 'value'
print(One.__slots__, One.value)
o = One()
o.value = 5
print(o.value)

class Empty:
    __slots__ = ()
e = Empty()
try:
    e.a = 1
except AttributeError as ex:
    print("AttributeError:", ex)

class WithDict:
    __slots__ = ('a', '__dict__')
w = WithDict()
w.a = 1
w.b = 2
print(w.a, w.b, w.__dict__)

class ListSlots:
    __slots__ = ['p', 'q']
l = ListSlots()
l.p = 1; l.q = 2
print(l.p + l.q)

class DictSlots:
    __slots__ = {'m': 'doc for m', 'n': None}
d = DictSlots()
d.m = 'M'
print(d.m)

class Priv:
    __slots__ = ('__secret', 'public')
    def __init__(self):
        self.__secret = 42
        self.public = 1
    def get(self):
        return self.__secret
pr = Priv()
print(pr.get(), pr.public)
print(isinstance(Priv.__dict__['public'], type(Point.x)))

# many instances, values released
class Node:
    __slots__ = ('val', 'next')
    def __init__(self, val, next=None):
        self.val = val
        self.next = next
head = None
for i in range(1000):
    head = Node(i, head)
total = 0
n = head
while n is not None:
    total += n.val
    n = n.next
print(total)
