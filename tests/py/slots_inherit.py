class Base:
    __slots__ = ('a',)
    def __init__(self):
        self.a = 'base-a'

class Child(Base):
    __slots__ = ('b',)
    def __init__(self):
        super().__init__()
        self.b = 'child-b'

c = Child()
print(c.a, c.b)
try:
    c.c = 1
except AttributeError as e:
    print("AttributeError:", e)
print(Child.a, Child.b)
print(Child.__slots__, Base.__slots__)

class Loose(Base):
    pass
l = Loose()
l.a = 1
l.other = 2
print(l.a, l.other, l.__dict__)

class Again(Loose):
    __slots__ = ('x',)
ag = Again()
ag.x = 1
ag.y = 2
print(ag.x, ag.y, ag.__dict__)

# redefining a slot in a subclass
class Re(Base):
    __slots__ = ('a',)
r = Re()
r.a = 5
print(r.a, Base.a.__get__(r) if False else 'skip')

class Exc(Exception):
    __slots__ = ('code',)
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code
try:
    raise Exc("boom", 7)
except Exc as e:
    print(e, e.code, e.args)

class MyList(list):
    __slots__ = ('tag',)
ml = MyList([1, 2, 3])
ml.tag = 'T'
print(ml, ml.tag, len(ml))

class MyDict(dict):
    __slots__ = ('extra',)
md = MyDict(a=1)
md.extra = 'E'
print(md, md.extra)

# properties and methods next to slots
class Temp:
    __slots__ = ('_c',)
    def __init__(self, c):
        self._c = c
    @property
    def f(self):
        return self._c * 9 / 5 + 32
    @f.setter
    def f(self, v):
        self._c = (v - 32) * 5 / 9
t = Temp(100)
print(t.f)
t.f = 32
print(t._c)

# class-level defaults via a base without slots
class Defaults:
    color = 'red'
class Thing(Defaults):
    __slots__ = ('size',)
th = Thing()
th.size = 3
print(th.color, th.size, hasattr(th, '__dict__'))

# __slots__ with __eq__/__hash__
class Key:
    __slots__ = ('k',)
    def __init__(self, k): self.k = k
    def __eq__(self, o): return isinstance(o, Key) and o.k == self.k
    def __hash__(self): return hash(self.k)
s = {Key(1), Key(1), Key(2)}
print(len(s))

# getattr fallback with slots
class G:
    __slots__ = ('x',)
    def __getattr__(self, name):
        return 'fallback:' + name
g = G()
print(g.x, g.y)
g.x = 1
print(g.x)
