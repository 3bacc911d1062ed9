# __del__ (PEP 442): runs once, in the thread that drops the last reference;
# may resurrect; exceptions go to sys.unraisablehook; instances named by the
# main module's globals are finalized at exit.
import sys
import threading

class C:
    def __init__(self, n): self.n = n
    def __del__(self): print("del", self.n)

c = C(1)
del c
print("after 1")
x = C(2)
x = None
print("after 2")

def scope():
    a = C(3)
    b = C(4)
    print("in scope")
scope()
print("after scope")

# slots and subclasses of builtins
class S:
    __slots__ = ("v",)
    def __init__(self, v): self.v = v
    def __del__(self): print("del slots", self.v)
S(5)
class L(list):
    def __del__(self): print("del list", len(self))
L([1, 2, 3])
class Sub(C):
    pass
Sub(6)
class Over(C):
    def __del__(self):
        print("over first")
        super().__del__()
Over(7)

# resurrection: __del__ runs once only
keep = []
class R:
    def __del__(self):
        print("resurrect")
        keep.append(self)
r = R()
del r
print(len(keep), type(keep[0]).__name__)
keep.clear()
print("cleared, no second __del__")

# an exception in __del__ goes to the hook; the program goes on
def hook(u):
    print("hook:", u.exc_type.__name__, u.exc_value, u.err_msg, u.object.__qualname__)
sys.unraisablehook = hook
class Bad:
    def __del__(self): raise ValueError("boom")
Bad()
print("after bad")
sys.unraisablehook = sys.__unraisablehook__

# __del__ in another thread: the thread dropping the last reference runs it
box = [C(8)]
def worker():
    box.pop()
    print("worker done")
t = threading.Thread(target=worker)
t.start(); t.join()

# a pending exception survives a __del__ that runs while it propagates
try:
    def f():
        tmp = C(9)
        try:
            raise KeyError("k")
        finally:
            del tmp
    f()
except KeyError as e:
    print("caught", repr(e))

# at exit
g1 = C(10)
g2 = C(11)
print("end")
