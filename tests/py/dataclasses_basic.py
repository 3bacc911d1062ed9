from dataclasses import dataclass, field, fields, asdict, astuple, replace, is_dataclass, InitVar, KW_ONLY
from typing import List, ClassVar, Optional

@dataclass
class Point:
    x: int
    y: int = 0
    def dist(self): return abs(self.x) + abs(self.y)

p = Point(1, 2)
print(p, p == Point(1, 2), p != Point(2, 1), p.dist(), Point(5))
print(Point.__init__.__qualname__, Point.__match_args__, Point.__doc__)
try: Point()
except TypeError as e: print(e)
try: Point(1, 2, 3)
except TypeError as e: print(e)
try: Point(1, z=3)
except TypeError as e: print(e)
print(Point.__hash__)

@dataclass
class Inv:
    name: str
    items: List[str] = field(default_factory=list)
    count: ClassVar[int] = 0
    tags: dict = field(default_factory=dict, repr=False)
    secret: str = field(default='s', compare=False)
    def __post_init__(self):
        Inv.count += 1
a = Inv('a'); b = Inv('a')
a.items.append('x')
print(a, b, a.items is b.items, Inv.count, a == b, [f.name for f in fields(a)])
print(asdict(a), astuple(a))

@dataclass(order=True, frozen=True)
class Ver:
    major: int
    minor: int = 0
print(sorted([Ver(1, 2), Ver(0, 9), Ver(1, 0)]), Ver(1) < Ver(1, 1), Ver(2) >= Ver(1, 5))
print(hash(Ver(1, 2)) == hash((1, 2)), {Ver(1), Ver(1)})
v = Ver(3)
try:
    v.major = 4
except Exception as e: print(type(e).__name__, e)
print(replace(v, minor=7), v)

@dataclass
class Line:
    a: Point
    b: Point
    pts: list = field(default_factory=lambda: [Point(0)])
l = Line(Point(1), Point(2, 3))
print(l, asdict(l), astuple(l))
print(is_dataclass(l), is_dataclass(Line), is_dataclass(3))

@dataclass
class Base:
    a: int
    b: str = 'b'
@dataclass
class Derived(Base):
    c: float = 1.5
print(Derived(1), Derived(1, 'x', 2.5), [f.name for f in fields(Derived)])

@dataclass
class WithInit:
    x: int
    scale: InitVar[int] = 2
    y: int = field(init=False)
    def __post_init__(self, scale):
        self.y = self.x * scale
print(WithInit(3), WithInit(3, 10))

@dataclass
class KW:
    a: int
    _: KW_ONLY
    b: int = 1
    c: int = 2
print(KW(1, c=5))
try: KW(1, 2)
except TypeError as e: print(e)

@dataclass(eq=False)
class NoEq:
    x: int
print(NoEq(1) == NoEq(1), NoEq(1).__hash__ is not None)

@dataclass(repr=False)
class NoRepr:
    x: int
print(type(repr(NoRepr(1))).__name__, 'NoRepr object' in repr(NoRepr(1)))

@dataclass(unsafe_hash=True)
class UH:
    x: int
    y: list = field(default_factory=list, hash=False)
print(hash(UH(5)) == hash((5,)))

@dataclass
class Empty:
    pass
print(Empty(), Empty() == Empty())

@dataclass
class Rec:
    child: Optional['Rec'] = None
r = Rec(); r.child = r
print(r)
try: fields(Point(1).x)
except TypeError as e: print(e)
try: asdict(3)
except TypeError as e: print(e)

class Outer:
    @dataclass
    class Inner:
        v: int
print(Outer.Inner(1))
