# match statements: sequence patterns, star patterns, and which types count
# as sequences.
import collections


def shape(x):
    match x:
        case []:
            return "empty"
        case [a]:
            return f"one: {a}"
        case [a, b]:
            return f"two: {a}, {b}"
        case [first, *middle, last]:
            return f"first {first}, middle {middle}, last {last}"
        case _:
            return "not a sequence"


for v in [[], [1], (2,), [1, 2], (3, 4), [1, 2, 3], (1, 2, 3, 4, 5), range(4), "ab", b"ab",
          bytearray(b"ab"), {1: 2}, {1, 2}, 7, collections.deque([8, 9])]:
    print(repr(v), "->", shape(v))

# star captures are lists, whatever the subject
match (1, 2, 3):
    case (a, *rest):
        print(a, rest, type(rest).__name__)
match [1, 2]:
    case [*init, last]:
        print(init, last)
match [1]:
    case [*everything]:
        print(everything)
match range(10):
    case [0, 1, *rest]:
        print(rest)

# star wildcards index the subject instead of unpacking it
match [1, 2, 3, 4, 5]:
    case [a, *_, b]:
        print(a, b)
match [1, 2, 3, 4, 5]:
    case [_, b, *_, c, _]:
        print(b, c)
match (9,):
    case (*_,):
        print("any tuple")
match []:
    case [*_]:
        print("any list")

# open sequences at the top of a case
match [1, 2]:
    case a, b:
        print("open", a, b)
match (1, 2, 3):
    case 1, *rest:
        print("open star", rest)

# nested sequences and literals
match [1, [2, [3, 4]]]:
    case [1, [2, [3, x]]]:
        print("nested", x)
match [(1, "a"), (2, "b")]:
    case [(n1, s1), (n2, s2)]:
        print(n1, s1, n2, s2)

# the length is checked first
match [1, 2, 3]:
    case [a, b]:
        print("no")
    case [a, b, c, d, *e]:
        print("no")
    case [a, b, c, *d]:
        print("three or more", d)

# strings are never sequences here
for text in ("", "a", "ab"):
    match text:
        case [*chars]:
            print("sequence?!", chars)
        case str():
            print("string", repr(text))

# subclasses of list and tuple are sequences


class MyList(list):
    pass


class MyTuple(tuple):
    pass


match MyList([1, 2]):
    case [x, y]:
        print("list subclass", x, y)
match MyTuple((3,)):
    case (z,):
        print("tuple subclass", z)

# nothing is bound when a sequence pattern fails half way
match [1, 2]:
    case [p, 3]:
        print("no")
    case _:
        pass
try:
    print(p)
except NameError as e:
    print("NameError:", e)

# OR patterns with sequences, the names in another order
for v in [(1, 2), [3, 4, 0]]:
    match v:
        case (a, b) | [b, a, 0]:
            print("a =", a, "b =", b)
