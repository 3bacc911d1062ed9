# Attribute access: instance vs class attributes, getattr/setattr/delattr/
# hasattr, __getattr__, __setattr__, and the AttributeError messages.
class Config:
    debug = False
    tags = []

    def __init__(self, name):
        self.name = name


a, b = Config("a"), Config("b")
a.debug = True
print(a.debug, b.debug, Config.debug)
a.tags.append("shared")
print(b.tags, Config.tags)
b.tags = ["own"]
print(a.tags, b.tags)
Config.debug = "changed"
print(a.debug, b.debug)
del a.debug
print(a.debug)
print(getattr(a, "name"), getattr(a, "missing", None), hasattr(a, "name"), hasattr(a, "zzz"))
setattr(a, "extra", 42)
print(a.extra, sorted(vars(a)), sorted(a.__dict__))
delattr(a, "extra")
print(hasattr(a, "extra"))
try:
    a.nothing
except AttributeError as e:
    print(e)
try:
    del a.nothing
except AttributeError as e:
    print(e)
try:
    Config.nothing
except AttributeError as e:
    print(e)
try:
    (1).foo
except AttributeError as e:
    print(e)
try:
    object().x = 1
except AttributeError as e:
    print(e)


class Dynamic:
    def __init__(self):
        self.real = 1

    def __getattr__(self, name):
        if name.startswith("x_"):
            return name[2:]
        raise AttributeError(f"no {name}")


d = Dynamic()
print(d.real, d.x_hello, getattr(d, "x_y"), hasattr(d, "other"))
try:
    d.other
except AttributeError as e:
    print(e)


class Recorder:
    def __init__(self):
        object.__setattr__(self, "log", [])

    def __setattr__(self, name, value):
        self.log.append(name)
        super().__setattr__(name, value)

    def __delattr__(self, name):
        self.log.append("del " + name)
        object.__delattr__(self, name)


r = Recorder()
r.a = 1
r.b = 2
del r.a
print(r.log, r.b, hasattr(r, "a"))


class Proxy:
    def __init__(self, target):
        self._target = target

    def __getattr__(self, name):
        return getattr(self._target, name)


p = Proxy([3, 1, 2])
p.sort()
print(p._target, p.count(1), p.index(2))


class Slots:
    x = 1

    def method(self):
        return "m"


s = Slots()
s.method = lambda: "instance"
print(s.method(), Slots.method(s), Slots().method())
print(Slots.__dict__["x"], "method" in Slots.__dict__, "x" in s.__dict__)
