# Metaclass __call__, enum lookups, Flag pseudo-members and ABC checks from 4 threads at once
import threading
from enum import Enum, Flag
from abc import ABC, abstractmethod
class Meta(type):
    def __call__(cls, *a):
        return super().__call__(*a)
    def tag(cls):
        return cls.__name__
class A(metaclass=Meta):
    def __init__(self, x): self.x = x
class Color(Enum):
    R = 1
    G = 2
class P(Flag):
    A = 1
    B = 2
    C = 4
class Base(ABC):
    @abstractmethod
    def f(self): ...
class Impl(Base):
    def f(self): return 1
def work():
    s = 0
    for i in range(2000):
        s += A(i).x + len(A.tag()) + Color(1).value + (P.A | P.B).value + Impl().f()
        s += len(list(Color)) + isinstance(Impl(), Base)
    return s
ts = [threading.Thread(target=work) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print("ok")
