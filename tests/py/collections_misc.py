# defaultdict, Counter, OrderedDict, namedtuple, ChainMap.
from collections import defaultdict, Counter, OrderedDict, namedtuple, ChainMap

dd = defaultdict(list)
for w in "the quick brown fox jumps over the lazy dog".split():
    dd[len(w)].append(w)
print(sorted(dd.items()))
print(dd[99], 99 in dd, len(dd))
c = defaultdict(int)
for ch in "mississippi":
    c[ch] += 1
print(c)
print(defaultdict(None, a=1))
try:
    defaultdict(None)['x']
except KeyError as e:
    print("KeyError", e)
try:
    defaultdict(5)
except TypeError as e:
    print("TypeError", e)
print(isinstance(dd, dict), dd.default_factory)

cnt = Counter("abracadabra")
print(cnt)
print(cnt.most_common(2), cnt.most_common()[-1], cnt['z'], cnt.total())
cnt.update("zzz"); cnt.update({'a': 10}); cnt.subtract(b=2)
print(cnt)
print(sorted(cnt.elements())[:6])
a, b = Counter(a=3, b=1), Counter(a=1, b=2)
print(a + b, a - b, a | b, a & b, -Counter(x=-2), +Counter(x=2, y=-1))
print(Counter(), Counter(a=1) == Counter(a=1, b=0), Counter([1, 1, 2]))
del cnt['nope']
words = Counter(w.lower() for w in "A a B b b C".split())
print(words.most_common(1), list(words))

od = OrderedDict()
od['x'] = 1; od['y'] = 2; od['z'] = 3
od.move_to_end('x'); print(od)
od.move_to_end('z', last=False); print(list(od))
print(od.popitem(), od.popitem(last=False), od)
print(OrderedDict(), OrderedDict(a=1) == {'a': 1})
try:
    OrderedDict().popitem()
except KeyError as e:
    print("KeyError", e)

Point = namedtuple('Point', 'x y')
p = Point(1, y=2)
print(p, p.x, p.y, p[0], p[-1], len(p), list(p))
x, y = p
print(x + y, p == Point(1, 2), p == (1, 2), hash(p) == hash((1, 2)))
print(p._asdict(), p._replace(x=10), Point._make([5, 6]), Point._fields)
for bad in [lambda: Point(1), lambda: Point(1, 2, 3), lambda: Point(1, 2, z=3),
            lambda: namedtuple('Bad', 'a a'), lambda: namedtuple('Bad', '_a'),
            lambda: namedtuple('Bad', 'class'), lambda: Point._make([1])]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
P3 = namedtuple('P3', ['a', 'b', 'c'], defaults=[0, 9])
print(P3(1), P3(1, 2), P3._field_defaults)
R = namedtuple('R', 'a, def, a', rename=True)
print(R._fields)
print(sorted([Point(2, 1), Point(1, 5), Point(1, 2)]))
print(Point.__name__, Point.__doc__)

cm = ChainMap({'a': 1}, {'a': 2, 'b': 3})
print(cm['a'], cm['b'], len(cm), sorted(cm), 'b' in cm, cm.get('q', 0))
cm['c'] = 4; print(cm.maps[0])
child = cm.new_child(); child['a'] = 100; print(child['a'], cm['a'])
