# Private names (__x) are mangled to _Class__x in classes, slots included.
class Account:
    __rate = 0.05
    def __init__(self, owner):
        self.__owner = owner
        self._Account__extra = 1
    def owner(self):
        return self.__owner
    def rate(self):
        return Account.__rate
    def __repr__(self):
        return f"Account({self.__owner!r})"
class __Hidden:
    def f(self):
        self.__y = 2
        return self.__dict__
a = Account("ann")
print(a.owner(), a.rate(), a, sorted(a.__dict__))
print(a._Account__owner, hasattr(a, "__owner"))
print(__Hidden().f())
try:
    a.__owner
except AttributeError as e:
    print(e)
class B(Account):
    def peek(self):
        return self.__owner
try:
    B("bob").peek()
except AttributeError as e:
    print(e)
class P:
    __slots__ = ("__x", "y")
    def __init__(self):
        self.__x = 1
        self.y = 2
    def get(self):
        return self.__x
p = P()
print(p.get(), p._P__x, p.y, sorted(P.__dict__.keys() & {"_P__x", "y", "__x"}))
try:
    p.z = 3
except AttributeError as e:
    print(e)
