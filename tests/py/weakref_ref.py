import weakref, gc
class C:
    def __init__(self, n): self.n = n
    def m(self): return self.n
    def __repr__(self): return 'C(%d)' % self.n
c = C(1)
r = weakref.ref(c)
print(r() is c, weakref.ref(c) is r, weakref.getweakrefcount(c))
print(type(r).__name__, type(r), weakref.ref is weakref.ReferenceType)
order = []
a = weakref.ref(c, lambda w: order.append('a'))
b = weakref.ref(c, lambda w: order.append('b'))
print(weakref.getweakrefcount(c), a == r, a is r, hash(a) == hash(c))
del c
print(order, r(), a(), r == a, r != a)
print(hash(a) == hash(a))
d = C(2)
x = weakref.ref(d)
y = weakref.ref(d, print)
print(x == y, y.__callback__ is print, x.__callback__)
# dead refs compare by identity
dd = C(3); k = weakref.ref(dd); k2 = weakref.ref(dd, lambda w: None); del dd
print(k == k2, k == k, k != k2)
try: hash(k2)
except TypeError as e: print('TypeError', e)
# errors
for bad in (1, 'x', [], {}, (), None, 1.5, object()):
    try: weakref.ref(bad)
    except TypeError as e: print(e)
try: weakref.ref()
except TypeError as e: print(e)
try: weakref.ref(C(1), None, 3)
except TypeError as e: print(e)
try: weakref.ref(C(1), callback=None)
except TypeError as e: print(e)
try: weakref.ref(C(1))(1)
except TypeError as e: print(e)
try: weakref.ref(C(1)) < weakref.ref(C(1))
except TypeError as e: print(e)
# callbacks: exceptions reported, program goes on
def bad_cb(w): raise ValueError('in callback')
z = C(5); zr = weakref.ref(z, bad_cb); del z
print('after bad callback')
# slots
class S: __slots__ = ('a',)
class SW: __slots__ = ('a', '__weakref__')
try: weakref.ref(S())
except TypeError as e: print(e)
sw = SW(); print(weakref.ref(sw)() is sw)
# builtins
def f(): pass
for o in (f, C, len, {1}, frozenset(), gc, (i for i in ())):
    print(type(o).__name__, weakref.ref(o)() is o)
# cycles
class N: pass
n = N(); n.self = n; got = []
nr = weakref.ref(n, lambda w: got.append(w is nr))
del n
gc.collect()
print('cycle', nr(), got)
# subclass
class MyRef(weakref.ref):
    __slots__ = ('extra',)
    def __new__(cls, ob, cb=None, extra=0):
        self = super().__new__(cls, ob, cb)
        self.extra = extra
        return self
    def __init__(self, ob, cb=None, extra=0):
        super().__init__(ob, cb)
e = C(9); mr = MyRef(e, None, 42)
print(type(mr).__name__, mr() is e, mr.extra, mr is not weakref.ref(e), isinstance(mr, weakref.ref))
print(weakref.getweakrefcount(e), len(weakref.getweakrefs(e)))
del e
print(mr())
print(repr(r).startswith('<weakref at 0x'), repr(r).endswith('; dead>'))
e2 = C(1); rr = repr(weakref.ref(e2)); print(rr.split(';')[1].split(' at ')[0])
class C2: pass
c2=C2()
try: c2.__weakref__ = 1
except Exception as e: print(type(e).__name__, e)
dd2=C2.__dict__['__weakref__']; print(dd2, type(dd2).__name__, dd2.__name__, dd2.__objclass__, dd2.__get__(c2), c2.__weakref__)
r2 = weakref.ref(c2); print(c2.__weakref__ is r2)
try: dd2.__get__(1)
except Exception as e: print(type(e).__name__, e)
class E:
  __slots__=('a','__weakref__')
e=E(); print(E.__weakref__, e.__weakref__)
class F(E): pass
print('__weakref__' in F.__dict__, F().__weakref__)
class G(Exception): pass
print(G.__weakref__, G().__weakref__)
