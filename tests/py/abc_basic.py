# abc: ABC, ABCMeta, abstractmethod, register, isinstance/issubclass
from abc import ABC, ABCMeta, abstractmethod

class Shape(ABC):
    @abstractmethod
    def area(self):
        ...
    def describe(self):
        return "%s with area %s" % (type(self).__name__, self.area())

try:
    Shape()
except TypeError as e:
    print("TypeError:", e)

class Square(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s * self.s
print(Square(3).describe(), isinstance(Square(2), Shape), issubclass(Square, Shape))
print(sorted(Shape.__abstractmethods__), sorted(Square.__abstractmethods__))

class Two(ABC):
    @abstractmethod
    def f(self): pass
    @abstractmethod
    def g(self): pass
class Half(Two):
    def f(self): return 1
for cls in (Two, Half):
    try:
        cls()
    except TypeError as e:
        print("TypeError:", e)
class Full(Half):
    def g(self): return 2
print(Full().f() + Full().g())

class Store(metaclass=ABCMeta):
    @property
    @abstractmethod
    def size(self): ...
    @classmethod
    @abstractmethod
    def make(cls): ...
try:
    Store()
except TypeError as e:
    print("TypeError:", e)
class Disk(Store):
    @property
    def size(self): return 10
    @classmethod
    def make(cls): return cls()
print(Disk.make().size, type(Store).__name__, type(ABC).__name__)

class Drawable(ABC):
    pass
class Circle:
    pass
print(isinstance(Circle(), Drawable), issubclass(Circle, Drawable))
Drawable.register(Circle)
print(isinstance(Circle(), Drawable), issubclass(Circle, Drawable))
print(Drawable.register(int) is int, isinstance(3, Drawable), isinstance("x", Drawable))

class Sized(ABC):
    @classmethod
    def __subclasshook__(cls, C):
        if cls is Sized:
            return any("__len__" in B.__dict__ for B in C.__mro__)
        return NotImplemented
print(issubclass(list, Sized), issubclass(int, Sized), isinstance([], Sized), isinstance(5, Sized))

class Plain(ABC):
    def ok(self): return "ok"
print(Plain().ok())
try:
    Plain.__abstractmethods__ = frozenset({"ok"})
    Plain()
except TypeError as e:
    print("TypeError:", e)
