# match statements: class patterns (__match_args__, keyword sub-patterns,
# builtin types matching themselves), dataclasses and named tuples, and the
# TypeErrors of bad class patterns.
from collections import namedtuple
from dataclasses import dataclass


@dataclass
class Point:
    x: int
    y: int


print(Point.__match_args__)


def where(p):
    match p:
        case Point(x=0, y=0):
            return "origin"
        case Point(x=0, y=y):
            return f"on the y axis at {y}"
        case Point(x, 0):
            return f"on the x axis at {x}"
        case Point(x=x, y=y) if x == y:
            return f"on the diagonal at {x}"
        case Point():
            return "somewhere else"
        case _:
            return "not a point"


for p in [Point(0, 0), Point(0, 5), Point(3, 0), Point(4, 4), Point(1, 2), (1, 2)]:
    print(p, "->", where(p))


class Vector:
    __match_args__ = ("dx", "dy")

    def __init__(self, dx, dy):
        self.dx = dx
        self.dy = dy


Pair = namedtuple("Pair", "first second")
print(Pair.__match_args__)

for v in [Vector(1, 2), Vector(0, 7), Pair("a", "b"), Pair(1, 1)]:
    match v:
        case Vector(0, dy):
            print("vertical", dy)
        case Vector(dx, dy=d):
            print("vector", dx, d)
        case Pair(a, b) if a == b:
            print("equal pair", a)
        case Pair(first=f, second=s):
            print("pair", f, s)

# builtin types match their own value with one positional sub-pattern
for v in [3, 2.5, "s", b"b", bytearray(b"ba"), [1], (2,), {3: 4}, {5}, frozenset([6]), True]:
    match v:
        case bool(b):
            print("bool", b)
        case int(i):
            print("int", i)
        case float(f) | str(f) | bytes(f):
            print("float/str/bytes", repr(f))
        case bytearray(ba):
            print("bytearray", ba)
        case list(items) | tuple(items):
            print("list/tuple", items)
        case dict(d):
            print("dict", d)
        case set(s) | frozenset(s):
            print("set", sorted(s))


# a subclass with __match_args__ uses them instead
class Celsius(float):
    __match_args__ = ("real",)


match Celsius(21.5):
    case Celsius(real=r):
        print("celsius", r)

# a missing attribute fails the pattern


class Empty:
    pass


match Empty():
    case Empty(missing=1):
        print("no")
    case Empty():
        print("attribute missing: next case")

# classes found through attributes, nested class patterns
import dataclasses as dc


@dc.dataclass
class Line:
    start: Point
    end: Point


match Line(Point(0, 0), Point(3, 4)):
    case Line(Point(0, 0), Point(x=ex, y=ey)):
        print("line from origin to", ex, ey)

# isinstance() semantics, metaclass __instancecheck__ included


class Meta(type):
    def __instancecheck__(cls, obj):
        return obj == "magic"


class Magic(metaclass=Meta):
    pass


match "magic":
    case Magic():
        print("magic matched")

# attributes are read before any sub-pattern is tried


class Traced:
    __match_args__ = ("a", "b")

    def __getattr__(self, name):
        print("getattr", name)
        if name == "zz":
            raise AttributeError(name)
        return 0


match Traced():
    case Traced(1, b=2):
        print("no")
    case Traced(0, zz=0):
        print("no")
    case Traced(0, 0):
        print("traced matched")


# TypeErrors
class NoArgs:
    pass


class BadArgs:
    __match_args__ = ("a", 1)
    a = 1


class ListArgs:
    __match_args__ = ["a"]


not_a_class = len


def attempt(label, f):
    try:
        f()
    except TypeError as e:
        print(label, "TypeError:", e)


def t1():
    match NoArgs():
        case NoArgs(1):
            pass


def t2():
    match BadArgs():
        case BadArgs(1, 2):
            pass


def t3():
    match ListArgs():
        case ListArgs(1):
            pass


def t4():
    match 5:
        case int(1, 2):
            pass


def t5():
    match 5:
        case not_a_class():
            pass


def t6():
    match BadArgs():
        case BadArgs(x, a=1):
            pass


def t7():
    match Point(1, 2):
        case Point(1, 2, 3):
            pass


for i, f in enumerate([t1, t2, t3, t4, t5, t6, t7], 1):
    attempt(i, f)

# not an instance: the checks on __match_args__ never run
match 5:
    case NoArgs(1, 2, 3):
        print("no")
    case _:
        print("not an instance, no error")
