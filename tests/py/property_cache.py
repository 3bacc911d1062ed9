# LOAD_ATTR of a property through the attribute cache (AK_PROPERTY): the
# getter called by the hit, a class rebinding the property, an instance dict
# entry of the same name (the data descriptor wins), getters that raise.
class A:
    def __init__(self, x): self._x = x
    @property
    def x(self): return self._x * 2
    @property
    def bad(self): raise ValueError("no")
    w = property(None)
class B(A):
    pass
def f(o): return o.x
for o in [A(1), A(2), B(3), A(4)]:
    print(f(o))
A.x = property(lambda self: -self._x)
print(f(A(5)), f(B(6)))
a = A(7); a.__dict__['x'] = 99
print(f(a))
for n in range(3):
    try: A(1).bad
    except ValueError as e: print("VE", e)
    try: A(1).w
    except AttributeError as e: print("AE", e)
class C:
    def __init__(self, x): self.x = x
    @property
    def inv(self):
        return 10 // self.x
def g(o):
    return o.inv
for i in (5, 2, 1, 0):
    print(g(C(i)))
