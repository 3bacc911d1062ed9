import weakref, gc

class Obj:
    def __init__(self, name): self.name = name
    def __repr__(self): return 'Obj(%r)' % self.name
    def hello(self): return 'hello from ' + self.name

# WeakValueDictionary
objs = [Obj(str(i)) for i in range(5)]
wvd = weakref.WeakValueDictionary()
for i, o in enumerate(objs):
    wvd[i] = o
print(len(wvd), sorted(wvd.keys()), 3 in wvd, wvd[2], wvd.get(9, 'none'))
del objs[1:3]
print(len(wvd), sorted(wvd.keys()), 1 in wvd, wvd.get(1))
try: wvd[1]
except KeyError as e: print('KeyError', e)
print(sorted(v.name for v in wvd.values()), sorted((k, v.name) for k, v in wvd.items()))
a = Obj('a')
print(wvd.setdefault('x', a) is a, wvd.pop('x') is a, wvd.pop('x', 'gone'))
wvd.update({'y': a}, z=a)
print(sorted(map(str, wvd.keys())))
c = wvd.copy(); print(type(c).__name__, len(c) == len(wvd))
del a
print(sorted(map(str, wvd.keys())), len(c))
# removal while iterating is deferred
it = iter(wvd.items()); first = next(it)
del objs[:]
rest = list(it)
print(len(wvd), repr(wvd).startswith('<WeakValueDictionary at 0x'))
wvd.clear(); print(len(wvd))
try: wvd[0] = 1
except TypeError as e: print('TypeError', e)

# WeakKeyDictionary
k1, k2 = Obj('k1'), Obj('k2')
wkd = weakref.WeakKeyDictionary({k1: 1})
wkd[k2] = 2
print(len(wkd), wkd[k1], k2 in wkd, 5 in wkd, wkd.get(k2))
try: wkd.get(5, 'd')
except TypeError as e: print('TypeError', e)
del k1
print(len(wkd), [k.name for k in wkd.keys()], list(wkd.values()))
print(wkd.pop(k2), len(wkd))
try: wkd[3] = 4
except TypeError as e: print('TypeError', e)

# WeakSet
s1, s2, s3 = Obj('s1'), Obj('s2'), Obj('s3')
ws = weakref.WeakSet([s1, s2])
ws.add(s3)
print(len(ws), s1 in ws, 7 in ws, sorted(o.name for o in ws))
del s2
print(len(ws), sorted(o.name for o in ws))
ws.discard(s3); print(len(ws))
ws2 = weakref.WeakSet([s1, s3])
print(sorted(o.name for o in ws | ws2), sorted(o.name for o in ws & ws2), len(ws2 - ws), ws <= ws2, ws == weakref.WeakSet([s1]))
try: ws.remove(s3)
except KeyError: print('KeyError')
print(ws.pop().name, len(ws))
try: ws.pop()
except KeyError as e: print('KeyError', e)
try: ws.add(3)
except TypeError as e: print('TypeError', e)

# WeakMethod
o = Obj('m')
wm = weakref.WeakMethod(o.hello)
print(wm()(), wm() == o.hello, wm == weakref.WeakMethod(o.hello))
got = []
wm2 = weakref.WeakMethod(o.hello, lambda r: got.append(r is wm2))
del o
print(wm(), got)
try: weakref.WeakMethod(len)
except TypeError as e: print('TypeError', e)

# proxy
class P:
    def __init__(self): self.x = 1; self.items = [1, 2, 3]
    def m(self): return self.x * 10
    def __len__(self): return 3
    def __add__(self, o): return 'added %r' % (o,)
    def __call__(self, y): return y * 2
    def __iter__(self): return iter(self.items)
p = P()
px = weakref.proxy(p)
print(px.x, px.m(), len(px), px + 5, list(px), px(21), type(px).__name__)
px.x = 7; print(p.x)
print(weakref.proxy(p) is px, weakref.getweakrefcount(p), weakref.getweakrefs(p)[0] is px)
print(isinstance(px, weakref.ProxyTypes), type(px) is weakref.CallableProxyType)
class Q:
    pass
q = Q(); pq = weakref.proxy(q); print(type(pq) is weakref.ProxyType)
try: hash(pq)
except TypeError as e: print('TypeError', e)
died = []
pp = weakref.proxy(q, lambda r: died.append(r is pp))
del q
print(died)
try: pq.anything
except ReferenceError as e: print('ReferenceError', e)
print(repr(pq).endswith('; dead>'))

# finalize
class F: pass
f_obj = F()
fin = weakref.finalize(f_obj, print, 'finalized', 1)
print(fin.alive, fin.atexit, fin.peek()[1:] if fin.peek() else None)
del f_obj
print(fin.alive)
g_obj = F()
fin2 = weakref.finalize(g_obj, lambda *a, **k: print('called', a, k), 1, k=2)
print(fin2(), fin2.alive, fin2())
h_obj = F()
fin3 = weakref.finalize(h_obj, print, 'at exit')
fin4 = weakref.finalize(h_obj, print, 'never at exit')
fin4.atexit = False
print(fin3.detach() is not None if False else 'kept', fin4.atexit)
print('end of script')
