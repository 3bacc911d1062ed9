# __call__, __enter__/__exit__, __bool__, __repr__/__str__, __format__,
# __hash__, and the default repr.
class Multiplier:
    def __init__(self, k):
        self.k = k

    def __call__(self, x, *rest, scale=1):
        return (x * self.k + sum(rest)) * scale


m = Multiplier(3)
print(m(2), m(2, 1, 1), m(1, scale=10), callable(m), list(map(m, [1, 2, 3])))


class Resource:
    log = []

    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow

    def __enter__(self):
        Resource.log.append("enter " + self.name)
        return self

    def __exit__(self, exc_type, exc, tb):
        Resource.log.append(f"exit {self.name} {exc_type.__name__ if exc_type else None}")
        return self.swallow


with Resource("a") as r:
    print("inside", r.name)
with Resource("b", swallow=True):
    raise ValueError("swallowed")
try:
    with Resource("c"):
        raise KeyError("k")
except KeyError as e:
    print("propagated", e)
with Resource("d") as d1, Resource("e") as d2:
    print(d1.name + d2.name)
print(Resource.log)


class Flag:
    def __init__(self, on):
        self.on = on

    def __bool__(self):
        return self.on


print(bool(Flag(True)), bool(Flag(False)), [x.on for x in [Flag(False), Flag(True)] if x], not Flag(False))
print(Flag(True) and "yes", Flag(False) or "fallback")


class Money:
    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return f"Money({self.v!r})"

    def __str__(self):
        return f"${self.v:.2f}"

    def __format__(self, spec):
        if spec == "short":
            return f"${self.v:.0f}"
        return format(str(self), spec)


m = Money(3.5)
print(m, repr(m), str(m), [m], (m,), {"k": m}, f"{m}", f"{m!r}", f"{m:short}", f"[{m:>8}]")
print("%s and %r" % (m, m), "{} {!r} {:short}".format(m, m, m))


class OnlyRepr:
    def __repr__(self):
        return "OnlyRepr()"


print(OnlyRepr(), str(OnlyRepr()), f"{OnlyRepr()}", [OnlyRepr()])


class Plain:
    pass


r = repr(Plain())
print(r.startswith("<__main__.Plain object at 0x"), r.endswith(">"), str(Plain())[:22])


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, o):
        return (self.x, self.y) == (o.x, o.y)

    def __hash__(self):
        return hash((self.x, self.y))


pts = {Point(1, 2), Point(1, 2), Point(2, 1)}
print(len(pts), Point(1, 2) in pts, hash(Point(0, 0)) == hash((0, 0)))
d = {Point(0, 0): "origin"}
print(d[Point(0, 0)])


class BadRepr:
    def __repr__(self):
        return 42


try:
    repr(BadRepr())
except TypeError as e:
    print(e)


class BadBool:
    def __bool__(self):
        return 1


try:
    bool(BadBool())
except TypeError as e:
    print(e)
