# dir(): modules, classes, instances, locals, __dir__
import math
names = dir(math)
print("sqrt" in names, names == sorted(names))

class Base:
    base_attr = 1
    def base_method(self):
        pass

class Child(Base):
    """doc"""
    child_attr = 2
    def __init__(self):
        self.inst = 3
    def method(self):
        pass

c = Child()
print([n for n in dir(c) if not n.startswith("_")])
print([n for n in dir(Child) if not n.startswith("_")])
print(dir(c))
print(dir(Child))
print(dir(object()))

class WithDir:
    def __dir__(self):
        return ["zeta", "alpha", "mid"]
print(dir(WithDir()))

def f():
    b = 1
    a = 2
    return dir()
print(f())

class Prop:
    @property
    def value(self):
        return 1
    @staticmethod
    def st():
        pass
print([n for n in dir(Prop()) if not n.startswith("_")])
print("value" in dir(Prop), len(dir(Prop)) == len(set(dir(Prop))))

def t(g):
    try:
        print("ok", g())
    except BaseException as e:
        print(type(e).__name__ + ":", e)
t(lambda: dir(1, 2))
t(lambda: dir(x=1))
