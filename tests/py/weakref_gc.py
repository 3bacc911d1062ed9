import weakref, gc

class Node:
    def __init__(self, name): self.name = name; self.other = None

# a cycle: the weak references die when the collector finds it; callbacks of
# weak references that are not garbage run, those that are garbage do not
log = []
a, b = Node('a'), Node('b')
a.other, b.other = b, a
ra = weakref.ref(a, lambda r: log.append('a died'))
b.ref_to_a = weakref.ref(a, lambda r: log.append('never: the ref is garbage'))
del a, b
print(ra() is not None, log)
print(gc.collect() > 0, ra(), log)

# __del__ runs while weak references are still alive (no cycle)
class D:
    def __del__(self): print('in __del__, ref alive:', rd() is self)
d = D(); rd = weakref.ref(d); del d
print('after', rd())

# weakrefs inside a cycle with a finalizer
class F:
    def __del__(self): print('F.__del__, ref dead:', rf() is None)
f = F(); f.me = f; rf = weakref.ref(f)
del f
gc.collect()
print(rf())

# a callback that resurrects nothing and drops the last ref to another object
keep = [Node('k')]
rk = weakref.ref(keep[0], lambda r: print('k died; list now', keep))
keep.clear()

# a weakref to a function and a class
def fn(): return 42
rfn = weakref.ref(fn); print(rfn()())
class K: pass
rK = weakref.ref(K)
def same(): return rK() is K
print(same())
del K
gc.collect()
print(rK())
