import sys, io
class Cap:
    def __init__(self): self.parts = []
    def write(self, s): self.parts.append(s); return len(s)
    def flush(self): pass
c = Cap()
sys.stderr = c
class D:
    def __del__(self): raise ValueError('in del')
D()
sys.stderr = sys.__stderr__
print('captured:', ''.join(c.parts).splitlines()[-1])
c2 = Cap()
sys.stderr = c2
def cb(w): raise KeyError('in weakref callback')
import weakref
class O: pass
o = O(); r = weakref.ref(o, cb); del o
sys.stderr = sys.__stderr__
print('captured:', ''.join(c2.parts).splitlines()[-1])
sys.stderr = None
D()
print('nothing written with sys.stderr None')
