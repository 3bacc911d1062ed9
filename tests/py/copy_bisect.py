import copy, bisect
a = [1, [2, 3], {'k': [4]}, (5, [6]), {7}]
b = copy.copy(a); c = copy.deepcopy(a)
print(b == a, b is a, b[1] is a[1], c == a, c[1] is a[1], c[3] is a[3], c[2]['k'] is a[2]['k'])
t = (1, 2); print(copy.deepcopy(t) is t)
class P:
    def __init__(self, x): self.x = x; self.l = [x]
p = P(3); q = copy.copy(p); r = copy.deepcopy(p)
print(q.x, q.l is p.l, r.l is p.l, r.l, type(r).__name__)
class H:
    def __copy__(self): return "copied"
    def __deepcopy__(self, memo): return "deep"
print(copy.copy(H()), copy.deepcopy([H()]))
x = [1]; y = [x, x]; z = copy.deepcopy(y); print(z[0] is z[1])
rec = [1]; rec.append(rec); rc = copy.deepcopy(rec); print(rc[1] is rc, rc is not rec)
memo = {}; copy.deepcopy([x], memo); print(id(x) in memo)
print(copy.copy({1: 2}), copy.deepcopy({1: [2]}), copy.copy(set([1])))
l = [1, 3, 3, 5]
print(bisect.bisect_left(l, 3), bisect.bisect_right(l, 3), bisect.bisect(l, 4), bisect.bisect_left(l, 3, 2), bisect.bisect_right(l, 0, 0, 2))
bisect.insort(l, 4); bisect.insort_left(l, 0); print(l)
recs = [('a', 1), ('b', 3), ('c', 5)]
print(bisect.bisect_left(recs, 3, key=lambda r: r[1]))
bisect.insort(recs, ('z', 4), key=lambda r: r[1]); print(recs)
try: bisect.bisect([], 1, -1)
except ValueError as e: print(e)
class C:
    __slots__ = ('a', 'b')
    def __init__(self): self.a = 1
cc = copy.copy(C()); print(cc.a, hasattr(cc, 'b'))
