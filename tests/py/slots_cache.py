# Attribute sites that cache __slots__ members: hits, empty slots, deletes,
# a descriptor copied into an unrelated class, a class attribute shadowing a
# slot after the site was cached, and subclasses sharing a site.
class A:
    __slots__ = ("a", "b")

    def __init__(self, a):
        self.a = a


class B(A):
    __slots__ = ("c",)

    def __init__(self, a, c):
        super().__init__(a)
        self.c = c


def read_a(o):
    return o.a


def read_b(o):
    return o.b


for o in [A(1), A("s"), B(2.5, 3), A([1]), B(None, 0)]:
    print(type(o).__name__, read_a(o))

x = A(1)
for i in range(3):
    try:
        print(read_b(x))
    except AttributeError as e:
        print("AttributeError:", e)
    x.b = i * 10
    print(read_b(x))
    del x.b
try:
    del x.b
except AttributeError as e:
    print("AttributeError:", e)


class Other:
    pass


Other.a = A.__dict__["a"]
try:
    print(read_a(Other()))
except TypeError as e:
    print("TypeError:", e)


def write_a(o, v):
    o.a = v


for o in [A(0), B(0, 0)]:
    for v in (1, 2.0, "three"):
        write_a(o, v)
        print(read_a(o))
try:
    write_a(Other(), 5)
except TypeError as e:
    print("TypeError:", e)

# rebinding the class attribute replaces the slot descriptor: the cached
# sites must notice
y = A(7)
print(read_a(y))
A.a = property(lambda self: "prop")
print(read_a(y))
try:
    write_a(y, 1)
except AttributeError as e:
    print("AttributeError:", e)
