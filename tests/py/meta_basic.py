# Metaclasses: type subclasses, type.__new__, __prepare__, __call__, methods on classes
class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        print("Meta.__new__", mcls.__name__, name, [b.__name__ for b in bases], sorted(k for k in ns if not k.startswith('__')), kw)
        cls = super().__new__(mcls, name, bases, ns)
        cls.registered = True
        return cls

    def __init__(cls, name, bases, ns, **kw):
        print("Meta.__init__", name, kw)
        super().__init__(name, bases, ns)

    def hello(cls):
        return "hello from " + cls.__name__

    @property
    def upper_name(cls):
        return cls.__name__.upper()


class A(metaclass=Meta):
    x = 1
    def method(self):
        return "method"

print(type(A), type(A).__name__, isinstance(A, Meta), isinstance(A, type))
print(A.registered, A.hello(), A.upper_name)
print(A().method(), A.x)
print(type(Meta), Meta.__mro__)
print(A.__class__ is Meta, repr(A))

class B(A, flag=1):
    pass
print(type(B) is Meta, B.hello())

# type(name, bases, ns) picks the derived metaclass
C = type("C", (A,), {"y": 2})
print(type(C).__name__, C.y, C.x)

# metaclass called directly
D = Meta("D", (), {"z": 3})
print(D.z, type(D) is Meta)

# type.__new__ directly
E = type.__new__(Meta, "E", (), {})
print(type(E) is Meta, E.__name__)

# __prepare__ returning an ordered record
class Recorder(dict):
    def __init__(self):
        super().__init__()
        self.order = []
    def __setitem__(self, key, value):
        self.order.append(key)
        super().__setitem__(key, value)

class OrderMeta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("prepare", name, kw)
        return Recorder()
    def __new__(mcls, name, bases, ns, **kw):
        cls = super().__new__(mcls, name, bases, dict(ns))
        cls.order = [k for k in ns.order if not k.startswith('__')]
        return cls

class F(metaclass=OrderMeta, option="yes"):
    b = 1
    a = 2
    def c(self): pass
print(F.order)

# __call__ on the metaclass
class Singleton(type):
    _instances = {}
    def __call__(cls, *args, **kwargs):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*args, **kwargs)
        return cls._instances[cls]

class Config(metaclass=Singleton):
    def __init__(self, v):
        print("init", v)
        self.v = v

c1 = Config(1)
c2 = Config(2)
print(c1 is c2, c1.v)

class Counting(type):
    def __call__(cls, *a, **k):
        obj = super().__call__(*a, **k)
        cls.count = getattr(cls, "count", 0) + 1
        return obj
class P(metaclass=Counting):
    def __init__(self, a, b=0):
        self.s = a + b
p = P(1, b=2)
P(3)
print(p.s, P.count)
