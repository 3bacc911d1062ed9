# IntEnum, Flag and IntFlag
from enum import IntEnum, Flag, IntFlag, auto, Enum

class Num(IntEnum):
    ONE = 1
    TWO = 2
    THREE = 3

print(Num.ONE, repr(Num.TWO), str(Num.THREE), f"{Num.ONE}", format(Num.TWO, "03d"))
print(Num.ONE + 1, Num.TWO * 3, Num.ONE == 1, Num.THREE > Num.TWO, Num.TWO < 3)
print(sorted([Num.THREE, Num.ONE, Num.TWO]), int(Num.THREE), Num(2), Num.ONE.value, Num.ONE.name)
print(list(Num), isinstance(Num.ONE, int), hash(Num.ONE) == hash(1), [0, 10, 20, 30][Num.TWO])
print({1: "a"}[Num.ONE], repr(Num), len(Num), bool(Num.ONE))
try:
    Num(7)
except ValueError as e:
    print("ValueError:", e)

class Level(IntEnum):
    LOW = auto()
    MID = auto()
    HIGH = auto()
print(list(Level), max(Level), Level.HIGH - Level.LOW)

class Perm(Flag):
    R = 4
    W = 2
    X = 1

rw = Perm.R | Perm.W
print(rw, repr(rw), rw.value, repr(Perm.R), str(Perm.X))
print(Perm.R in rw, Perm.X in rw, bool(rw), bool(Perm(0)), repr(Perm(0)), str(Perm(0)))
print(list(Perm), list(rw), len(rw), repr(~Perm.R), repr(rw & Perm.R), repr(rw ^ Perm.W))
print(repr(Perm(7)), (Perm.R | Perm.W) is (Perm.W | Perm.R), Perm(6) is rw)
print(repr(Perm), len(Perm))
try:
    Perm.R | 1
except TypeError as e:
    print("TypeError:", e)

class Color(Flag):
    RED = auto()
    GREEN = auto()
    BLUE = auto()
    WHITE = RED | GREEN | BLUE
print(list(Color), repr(Color.WHITE), Color.RED.value, Color.BLUE.value, repr(Color.RED | Color.GREEN))
print(list(Color.__members__), repr(Color(7)))

class P(IntFlag):
    R = 4
    W = 2
    X = 1
print(P.R | P.W, repr(P.R | P.W), str(P.R), repr(P.R), P.R + 1, P.R == 4, repr(~P.R))
print(repr(P.R | 1), isinstance(P.R | P.W, P), repr(P(0)), list(P), P.W in (P.R | P.W))
print(format(P.R | P.X, "d"), f"{P.W}", int(P.R | P.X))

class Method(Enum):
    GET = "get"
    POST = "post"
print(Method("get"), Method("post").value)
