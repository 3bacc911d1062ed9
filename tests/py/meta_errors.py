# Metaclass errors and interplay with __init_subclass__
class M1(type): pass
class M2(type): pass
class A(metaclass=M1): pass
class B(metaclass=M2): pass
try:
    class C(A, B): pass
except TypeError as e:
    print("TypeError:", e)

class M3(M1): pass
class D(metaclass=M3): pass
class E(A, D): pass
print(type(E).__name__)

for args in [(), (1, 2), ("x",)]:
    try:
        M1(*args)
    except TypeError as e:
        print("TypeError:", e)
try:
    type()
except TypeError as e:
    print("TypeError:", e)
try:
    type.__new__(1, "x", (), {})
except TypeError as e:
    print("TypeError:", e)
try:
    type.__new__(int, "x", (), {})
except TypeError as e:
    print("TypeError:", e)
try:
    M1("x", [], {})
except TypeError as e:
    print("TypeError:", e)
print(type.__prepare__("x", ()))

class Base:
    subclasses = []
    def __init_subclass__(cls, tag=None, **kw):
        super().__init_subclass__(**kw)
        cls.tag = tag
        Base.subclasses.append(cls.__name__)

class LogMeta(type):
    def __new__(mcls, name, bases, ns, **kw):
        print("LogMeta", name, kw)
        return super().__new__(mcls, name, bases, ns, **kw)

class S1(Base, metaclass=LogMeta, tag="one"):
    pass
class S2(S1, tag="two"):
    pass
print(S1.tag, S2.tag, Base.subclasses, type(S2).__name__)

# metaclass given as a plain function
def factory(name, bases, ns):
    ns["made_by"] = "factory"
    return type(name, bases, ns)
class G(metaclass=factory):
    pass
print(G.made_by, type(G))

# __instancecheck__ / __subclasscheck__
class Duck(type):
    def __instancecheck__(cls, obj):
        return hasattr(obj, "quack")
    def __subclasscheck__(cls, sub):
        return hasattr(sub, "quack")
class Quacker(metaclass=Duck):
    pass
class Mallard:
    def quack(self): pass
print(isinstance(Mallard(), Quacker), isinstance(1, Quacker), issubclass(Mallard, Quacker), issubclass(int, Quacker))
print(isinstance(Quacker(), Quacker))
print(type.__instancecheck__(Quacker, Mallard()), type.__subclasscheck__(Quacker, Quacker))

# metaclass attribute vs class attribute
class MA(type):
    kind = "meta"
    def describe(cls):
        return cls.__name__ + ":" + cls.kind
class H(metaclass=MA):
    pass
class I(metaclass=MA):
    kind = "own"
print(H.kind, I.kind, H.describe(), I.describe())
try:
    H().describe
except AttributeError as e:
    print("AttributeError:", e)

# class-level special methods via the metaclass
class Sized(type):
    def __len__(cls):
        return 42
    def __iter__(cls):
        return iter(cls.items)
    def __getitem__(cls, k):
        return cls.items[k]
    def __repr__(cls):
        return "<sized " + cls.__name__ + ">"
    def __contains__(cls, x):
        return x in cls.items
class Bag(metaclass=Sized):
    items = [3, 4, 5]
print(len(Bag), list(Bag), Bag[1], repr(Bag), 4 in Bag, 9 in Bag)
