# Function annotations (PEP 3107): evaluated at def time after the defaults, in parameter order then 'return'; __annotations__ settable to a dict or None, deletable; kept through functools.wraps.
def f(a: int, b: "str" = "x", *args: float, c: list = None, **kw: dict) -> bool: pass
print(f.__annotations__)
def g(x): pass
print(g.__annotations__)
class C:
    x: int
    y: str = "a"
    def m(self, z: int) -> None: pass
print(C.__annotations__, C.m.__annotations__)
g.__annotations__ = {"x": 1}
print(g.__annotations__)
lam = lambda q: q
print(lam.__annotations__)
import functools
def deco(fn):
    @functools.wraps(fn)
    def w(*a): return fn(*a)
    return w
@deco
def h(a: int) -> int: return a
print(h.__annotations__, h.__wrapped__.__annotations__)
def k(a: int): pass
k.__annotations__ = None
print(k.__annotations__)
try:
    k.__annotations__ = 5
except TypeError as e: print(e)
del k.__annotations__
print(k.__annotations__)
def order():
    print("ann"); return int
def defv():
    print("default"); return 1
def z(a: order() = defv()): pass
print(z.__annotations__, z.__defaults__)
async def co(x: int) -> str: pass
print(co.__annotations__)
