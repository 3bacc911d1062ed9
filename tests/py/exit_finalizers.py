# At exit the objects the main module's globals keep are finalized while
# every global is still bound (sys is usable in __del__), in CPython's
# order: the objects named directly, in the globals' order, then what they
# reach (a list's items last to first, a dict's values in order, an
# instance's attributes).
import sys


class C:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n, file=sys.stdout)


class Box:
    def __init__(self, v):
        self.v = v


a = C(1)
lst = [C(4), C(5)]
_c = C(3)
a.child = C(11)
t = (C(7), C(8))
d = {1: C(9), 2: C(10)}
bx = Box(C(20))
cyc = C(30)
cyc.me = cyc
b = C(2)
print("end")
