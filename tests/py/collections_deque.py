# collections.deque: ends, maxlen, rotation, errors, iteration guard.
from collections import deque

d = deque([1, 2, 3], maxlen=5)
cases = [
    lambda: deque().pop(),
    lambda: deque().popleft(),
    lambda: d.index(9),
    lambda: d.remove(9),
    lambda: d[10],
    lambda: deque(maxlen=-1),
    lambda: d['a'],
    lambda: deque([1], 2, 3),
    lambda: deque(1),
    lambda: hash(d),
    lambda: d.rotate('x'),
    lambda: d < 3,
    lambda: deque([1]) + [1],
    lambda: deque(foo=1),
    lambda: d.append(),
    lambda: deque([1]) * 'a',
    lambda: deque([1, 2], maxlen=2).insert(0, 5),
]
for i, f in enumerate(cases):
    try:
        print(i, "ok", f())
    except Exception as e:
        print(i, type(e).__name__, e)
try:
    d.maxlen = 3
except AttributeError as e:
    print("AttributeError", e)

print(repr(deque()), repr(deque([1], 3)), deque('abc') == deque('abc'), deque([1]) < deque([2]))
d = deque(range(5)); d.rotate(2); print(d); d.rotate(-3); print(d, d.maxlen)
d.rotate(); print(d); d.rotate(12); print(d)
d = deque([1]); d.append(d); print(d)
print(deque([1, 2]) * 2, 2 in deque([2]), list(reversed(deque([1, 2, 3]))))
d = deque([1, 2, 3])
try:
    for x in d:
        d.append(1)
except RuntimeError as e:
    print(e)
d = deque(range(10), maxlen=3); print(d); d.extendleft([7, 8]); print(d); d += [1]; print(d)
print(d.copy(), d.count(1), bool(deque()), len(d), d.maxlen)
del d[0]; print(d); d[0] = 'x'; print(d); d.clear(); print(d)
d = deque(maxlen=0); d.append(1); d.appendleft(2); print(d, len(d))

# ends
d = deque()
for i in range(20):
    d.append(i)
    d.appendleft(-i)
print(len(d), d[0], d[-1], d[10], d[-10])
print([d.pop() for _ in range(3)], [d.popleft() for _ in range(3)])
d.reverse(); print(list(d)[:5])
d.insert(2, 'mid'); d.insert(-1, 'end'); d.insert(100, 'last'); d.insert(-100, 'first')
print(list(d)[:4], list(d)[-3:])
d.remove('mid'); print('mid' in d, d.index('end'), d.index(0))
print(d.index(5, 0, 30))
e = deque([1, 2, 3], 2); print(e)
e.extend(e); print(e)
print(deque('abc') != deque('abd'), deque([1, 2]) >= deque([1]), deque([]) <= deque([]))
q = deque(); q.append(1); q.append(2); q.popleft(); q.append(3)
print(q, list(iter(q)), sum(deque(range(100))))
