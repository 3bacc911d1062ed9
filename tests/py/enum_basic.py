# Enum basics: reprs, str, iteration, lookup, aliases, errors, hashing
from enum import Enum, auto, unique

class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1   # alias of RED

print(Color.RED, repr(Color.RED), str(Color.GREEN))
print(Color.RED.name, Color.RED.value, Color.CRIMSON is Color.RED, Color.CRIMSON.name)
print(list(Color))
print(len(Color), repr(Color), type(Color.RED) is Color, isinstance(Color.RED, Color))
print(Color(1), Color(3), Color['GREEN'], Color['CRIMSON'])
print(list(Color.__members__))
print([(n, m.name) for n, m in Color.__members__.items()])
print(Color.RED == Color.RED, Color.RED == Color.GREEN, Color.RED != Color.BLUE, Color.RED == 1)
print(Color.RED in Color, 2 in Color, 7 in Color)
d = {Color.RED: "r", Color.GREEN: "g"}
print(d[Color.CRIMSON], hash(Color.RED) == hash(Color.RED))
print(sorted([Color.BLUE, Color.RED, Color.GREEN], key=lambda c: c.value))
print(list(reversed(Color)))
print(f"{Color.RED}", "{}".format(Color.BLUE), format(Color.GREEN, ">14") + "|")

for bad in (4, "RED", None):
    try:
        Color(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    Color["PURPLE"]
except KeyError as e:
    print("KeyError:", e)
try:
    Color.RED < Color.GREEN
except TypeError as e:
    print("TypeError:", e)

class Shape(Enum):
    SQUARE = auto()
    CIRCLE = auto()
    TRIANGLE = auto()
print(list(Shape), Shape.TRIANGLE.value)

class Mixed(Enum):
    A = "alpha"
    B = 10
print(list(Mixed))

try:
    @unique
    class Dup(Enum):
        ONE = 1
        TWO = 2
        UNO = 1
        DOS = 2
except ValueError as e:
    print("ValueError:", e)

@unique
class Fine(Enum):
    X = 1
    Y = 2
print(list(Fine))

class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
    @property
    def surface_gravity(self):
        G = 6.673e-11
        return G * self.mass / (self.radius * self.radius)
    def describe(self):
        return "%s has mass %s" % (self.name, self.mass)
print(Planet.EARTH.value, Planet.EARTH.mass, round(Planet.EARTH.surface_gravity, 3))
print(Planet.MERCURY.describe(), Planet((3.303e+23, 2.4397e6)))

class Status(Enum):
    ACTIVE = "active"
    INACTIVE = "inactive"
    @classmethod
    def parse(cls, s):
        return cls(s.lower())
    def __str__(self):
        return self.value.upper()
print(Status.parse("ACTIVE"), repr(Status.INACTIVE), str(Status.INACTIVE))

try:
    class MoreColor(Color):
        PINK = 17
except TypeError as e:
    print("TypeError:", e)

class Base(Enum):
    def hello(self):
        return "hello " + self.name.lower()
class Derived(Base):
    ONE = 1
    TWO = 2
print(Derived.TWO.hello(), list(Derived))

Animal = Enum("Animal", "ANT BEE CAT")
print(list(Animal), Animal.BEE.value, repr(Animal))
Dir = Enum("Dir", [("N", 0), ("S", 180)])
print(list(Dir), Dir(180))
print(Color.RED.__class__.__name__, type(Color).__name__)
