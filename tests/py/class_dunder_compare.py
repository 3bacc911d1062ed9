# Rich comparisons, reflection, NotImplemented, __hash__ rules, sorting.
class Version:
    def __init__(self, s):
        self.parts = tuple(int(p) for p in s.split("."))

    def __eq__(self, o):
        if not isinstance(o, Version):
            return NotImplemented
        return self.parts == o.parts

    def __lt__(self, o):
        return self.parts < o.parts

    def __le__(self, o):
        return self.parts <= o.parts

    def __hash__(self):
        return hash(self.parts)

    def __repr__(self):
        return "V" + ".".join(map(str, self.parts))


vs = [Version("1.10"), Version("1.2"), Version("0.9"), Version("1.2")]
print(sorted(vs), max(vs), min(vs))
print(Version("1.0") == Version("1.0"), Version("1.0") != Version("1.1"), Version("1") == "1")
print(Version("2") > Version("1"), Version("1") >= Version("1"), Version("1") < Version("2"))
print(len(set(vs)), {Version("1.2"): "x"}[Version("1.2")], Version("1.2") in vs)


class EqOnly:
    def __init__(self, v):
        self.v = v

    def __eq__(self, o):
        return isinstance(o, EqOnly) and self.v == o.v


print(EqOnly(1) == EqOnly(1), EqOnly(1) != EqOnly(2), EqOnly(1) != EqOnly(1), EqOnly.__hash__)
try:
    hash(EqOnly(1))
except TypeError as e:
    print(e)
try:
    {EqOnly(1)}
except TypeError as e:
    print(e)


class Plain:
    pass


a, b = Plain(), Plain()
print(a == a, a == b, a != b, hash(a) == hash(a), len({a, b, a}))
try:
    a < b
except TypeError as e:
    print(e)
try:
    Version("1") < 3
except AttributeError as e:
    print(e)


class Rev:
    def __init__(self, v):
        self.v = v

    def __gt__(self, o):
        return "Rev.gt"

    def __eq__(self, o):
        return "Rev.eq"


print(1 < Rev(0), Rev(0) > 1, 1 == Rev(0), Rev(0) == 1)


class Child(Rev):
    def __lt__(self, o):
        return "Child.lt"


print(Rev(1) > Child(2))


class Always:
    def __eq__(self, o):
        return True

    __hash__ = None


print(Always() == 5, 5 == Always(), Always() in [1, 2], [Always()] == [3])
try:
    hash(Always())
except TypeError as e:
    print(e)


class Key:
    def __init__(self, k):
        self.k = k

    def __lt__(self, o):
        return self.k > o.k


print([k.k for k in sorted([Key(1), Key(3), Key(2)])])
