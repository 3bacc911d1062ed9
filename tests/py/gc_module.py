import gc
print(gc.get_threshold(), gc.isenabled())
class A: pass
a=A(); b=A(); a.b=b; b.a=a; del a,b
print(gc.collect())
l=[]; l.append(l); del l
print(gc.collect())
class D:
    def __init__(self, n): self.n = n
    def __del__(self): print("del", self.n)
x = D(1); y = D(2); x.o = y; y.o = x
del x, y
print("collect", gc.collect() > 0)
print(gc.is_tracked(1), gc.is_tracked([]), gc.is_tracked({}), gc.is_tracked({1:2}), gc.is_tracked({1:[]}), gc.is_tracked('a'))
def f():
    def g(): return g
    return g
h = f(); del h
print(gc.collect())
gc.set_debug(gc.DEBUG_SAVEALL)
l=[]; l.append(l); del l
gc.collect()
print(len(gc.garbage), type(gc.garbage[0]))
gc.set_debug(0)
gc.garbage.clear()
r = []
def cb(phase, info): r.append((phase, sorted(info)))
gc.callbacks.append(cb)
gc.collect()
gc.callbacks.remove(cb)
print(r)
print(len(gc.get_referents([1, "a", None])), [1,2] in gc.get_referrers(3) if False else "")
L = [1,2]
print(any(x is L for x in gc.get_objects()))
holder = {"k": L}
print(any(x is holder for x in gc.get_referrers(L)))

# cycles with finalizers: each __del__ runs once, before the cycle is broken
order = []
class F:
    def __init__(self, n): self.n = n
    def __del__(self): order.append((self.n, self.peer.n if hasattr(self, "peer") else None))
p, q = F(1), F(2)
p.peer, q.peer = q, p
del p, q
gc.collect()
print(order)

# a finalizer that resurrects its cycle: it survives, and is not finalized again
saved = []
class Res:
    def __del__(self): saved.append(self)
r1 = Res(); r2 = Res(); r1.o = r2; r2.o = r1
del r1, r2
gc.collect()
print(len(saved), gc.is_finalized(saved[0]), saved[0].o.o is saved[0])
saved.clear()
print(gc.collect() >= 2)

# garbage reachable only from a cycle goes with it
class Leaf:
    def __del__(self): print("leaf freed")
c = []
c.append(c)
c.append(Leaf())
del c
gc.collect()

# frozen objects are never collected
gc.freeze()
print(gc.get_freeze_count() > 0)
gc.unfreeze()
print(gc.get_freeze_count())
gc.disable()
print(gc.isenabled())
gc.enable()
try:
    gc.collect(3)
except ValueError as e:
    print("ValueError", e)
try:
    gc.set_threshold()
except TypeError as e:
    print("TypeError", e)
gc.set_threshold(700, 5)
print(gc.get_threshold())
