class A:
    x: int = 1
    y: str
    def f(self): pass
print(A.__annotations__)
z: int = 3
print(__annotations__)
import sys
print(repr(1e16), repr(1e-5), repr(float('inf')))
print("%r" % 1.0)
def g(*a, **k): return a, k
print(g(1, x=2))
print(isinstance(True, int))
print(sorted({3:1, 1:2}.items()))
s = "\ud800"
print(len(s))
print(hash((1,2)))
print((0.1).as_integer_ratio())
def h():
    T = list
    class B:
        q: T
        if 1:
            r: "x" = 5
    return B
print(h().__annotations__)
