# collections.abc mixins on user classes: a MutableMapping, a MutableSet and
# a MutableSequence built on the abstract methods only, exercising every
# mixin method, the error cases and the reprs; plus Generator, Coroutine and
# AsyncGenerator mixins, driven by hand.
from collections.abc import (MutableMapping, MutableSet, MutableSequence,
                             Mapping, Set, Sequence, KeysView, ItemsView,
                             ValuesView, Generator, Coroutine, AsyncGenerator,
                             AsyncIterator, Iterable, Hashable, ByteString)


def attempt(label, f, *args):
    try:
        print(label, '->', repr(f(*args)))
    except Exception as e:
        print(label, '->', type(e).__name__, e)


# --- MutableMapping ---------------------------------------------------------

class Registry(MutableMapping):
    """A mapping over two parallel lists (insertion ordered)."""

    def __init__(self, *args, **kwargs):
        self._keys = []
        self._values = []
        self.update(*args, **kwargs)

    def __getitem__(self, key):
        for i, k in enumerate(self._keys):
            if k == key:
                return self._values[i]
        raise KeyError(key)

    def __setitem__(self, key, value):
        for i, k in enumerate(self._keys):
            if k == key:
                self._values[i] = value
                return
        self._keys.append(key)
        self._values.append(value)

    def __delitem__(self, key):
        for i, k in enumerate(self._keys):
            if k == key:
                del self._keys[i]
                del self._values[i]
                return
        raise KeyError(key)

    def __iter__(self):
        return iter(list(self._keys))

    def __len__(self):
        return len(self._keys)

    def __repr__(self):
        return f'Registry({dict(self.items())!r})'


print('--- MutableMapping')
r = Registry([('a', 1), ('b', 2)], c=3)
print(r, len(r), list(r), 'a' in r, 'z' in r, r.get('a'), r.get('z'),
      r.get('z', 0))
print(r.keys(), r.items(), r.values())
print(list(r.keys()), list(r.items()), list(r.values()))
print(r == {'a': 1, 'b': 2, 'c': 3}, r == {'a': 1}, r != {'a': 1},
      {'c': 3, 'b': 2, 'a': 1} == r, r == Registry(a=1, b=2, c=3), r == [1])
print(r.pop('a'), r.pop('a', 'gone'), r)
attempt('pop missing', r.pop, 'a')
print(r.setdefault('b', 20), r.setdefault('d', 4), r.setdefault('e'), r)
print(r.popitem(), r)
r.update({'x': 1}, y=2)
r.update([('z', 3)])
r.update(Registry(w=0))


class KeysOnly:
    def keys(self):
        return ['k1', 'k2']

    def __getitem__(self, k):
        return k.upper()


r.update(KeysOnly())
print(r)
attempt('update bad', r.update, [1])
attempt('update two', r.update, {}, {})
r.update(self=1, other=2)
print(r['self'], r['other'])
r.clear()
print(r, len(r), bool(r))
attempt('popitem empty', r.popitem)
attempt('getitem missing', lambda: r['q'])
print(isinstance(r, Mapping), isinstance(r, dict), isinstance(r, Hashable),
      Registry.__hash__, reversed(dict()) is not None)
attempt('reversed', reversed, r)
print(Mapping.__reversed__, MutableMapping.__reversed__)

# The views, on a user mapping.
m = Registry(a=1, b=2, c=3)
k, i, v = m.keys(), m.items(), m.values()
print(type(k).__name__, type(i).__name__, type(v).__name__, len(k), len(i),
      len(v))
print('a' in k, 'z' in k, ('a', 1) in i, ('a', 2) in i, ('z', 1) in i, 2 in v,
      9 in v)
print(sorted(k & {'a', 'z'}), sorted(k | {'z'}), sorted(k - {'a'}),
      sorted(k ^ {'a', 'z'}), sorted({'a', 'q'} - k), sorted(['b'] & k))
print(sorted(i & {('a', 1)}), sorted(i - {('a', 1)}))
print(k == {'a', 'b', 'c'}, k <= {'a', 'b', 'c', 'd'}, k < {'a', 'b'},
      k >= {'a'}, k > {'a', 'b', 'c'}, k.isdisjoint(['x']),
      k.isdisjoint('a'))
print(KeysView(m) == KeysView({'a': 0, 'b': 0, 'c': 0}),
      ValuesView(m) == ValuesView(m))
attempt('items contains non-pair', lambda: 1 in i)
m['d'] = 4
print(len(k), sorted(k), list(v))

# --- MutableSet ----------------------------------------------------------------


class ListSet(MutableSet):
    """A set over a list (keeps insertion order, accepts unhashables)."""

    def __init__(self, iterable=()):
        self._items = []
        for x in iterable:
            self.add(x)

    def __contains__(self, x):
        return x in self._items

    def __iter__(self):
        return iter(list(self._items))

    def __len__(self):
        return len(self._items)

    def add(self, x):
        if x not in self._items:
            self._items.append(x)

    def discard(self, x):
        if x in self._items:
            self._items.remove(x)

    def __repr__(self):
        return f'ListSet({self._items!r})'


print('--- MutableSet')
s = ListSet([3, 1, 2, 1])
t = ListSet([2, 3, 4])
print(s, len(s), 2 in s, 5 in s, list(s))
print(s & t, s | t, s - t, s ^ t, t - s)
print(s & [1, 9], s | (5,), s - [1], s ^ [1, 7])
print([1, 9, 3] & s, (5,) | s, [1, 8] - s, [1, 7] ^ s)
print(type(s & t).__name__, type({1} & s).__name__, type(s | {1}).__name__)
print(s & {1, 2}, s | {9}, {1, 9} - s, {9} ^ s)
attempt('and int', lambda: s & 1)
attempt('or int', lambda: s | 1)
attempt('sub int', lambda: s - 1)
attempt('rsub int', lambda: 1 - s)
attempt('xor int', lambda: s ^ 1)
print(s == ListSet([1, 2, 3]), s == {1, 2, 3}, {1, 2, 3} == s, s != t,
      s == [1, 2, 3])
print(s <= {1, 2, 3}, s < {1, 2, 3}, s < {1, 2, 3, 4}, s >= {1}, s > {1},
      s > s, s >= s, {1} < s, {1, 2, 3, 4} > s, frozenset([1, 2, 3]) == s)
attempt('le list', lambda: s <= [1, 2, 3])
attempt('lt int', lambda: s < 1)
print(s.isdisjoint([7, 8]), s.isdisjoint([3]), s.isdisjoint(t))
print(ListSet([1, 2])._hash() == hash(frozenset([1, 2])),
      ListSet()._hash() == hash(frozenset()),
      ListSet(['a', 'b', 'c'])._hash() == hash(frozenset('abc')),
      ListSet(range(100))._hash() == hash(frozenset(range(100))))
attempt('hash', hash, s)
print(ListSet.__hash__, Set.__hash__)

u = ListSet([1, 2, 3])
u.remove(2)
attempt('remove missing', u.remove, 2)
u.discard(2)
print(u, u.pop(), u)
u.clear()
print(u)
attempt('pop empty', u.pop)
u |= [1, 2, 3, 4]
print(u)
u &= {2, 3, 9}
print(u)
u ^= [3, 5]
print(u)
u -= ListSet([5])
print(u)
v = u
u ^= u
print(u, v is u)
u |= [1, 2]
u -= u
print(u, v is u)


class Frozen(Set):
    """An immutable, hashable Set."""

    def __init__(self, items=()):
        self._items = tuple(dict.fromkeys(items))

    def __contains__(self, x):
        return x in self._items

    def __iter__(self):
        return iter(self._items)

    def __len__(self):
        return len(self._items)

    def __hash__(self):
        return self._hash()

    def __repr__(self):
        return f'Frozen({list(self._items)})'


f = Frozen('abc')
print(f, hash(f) == hash(frozenset('abc')), {f: 1}[Frozen('cab')],
      f | 'd', f - 'a', f & 'bz', f ^ 'az')
print(isinstance(f, Hashable), isinstance(ListSet(), Hashable))


class NoIterable(Set):
    """A Set whose constructor takes no iterable: _from_iterable adapts."""

    def __init__(self, *items):
        self._items = list(items)

    @classmethod
    def _from_iterable(cls, it):
        return cls(*it)

    def __contains__(self, x):
        return x in self._items

    def __iter__(self):
        return iter(self._items)

    def __len__(self):
        return len(self._items)

    def __repr__(self):
        return f'NoIterable{tuple(self._items)}'


print(NoIterable(1, 2) | NoIterable(3), NoIterable(1, 2) - [2])

# --- MutableSequence -------------------------------------------------------------


class Vec(MutableSequence):
    """A sequence over a dict of positions."""

    def __init__(self, items=()):
        self._d = {}
        for x in items:
            self.append(x)

    def _index(self, i):
        n = len(self._d)
        if isinstance(i, slice):
            raise TypeError('no slices')
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError('Vec index out of range')
        return i

    def __getitem__(self, i):
        return self._d[self._index(i)]

    def __setitem__(self, i, v):
        self._d[self._index(i)] = v

    def __delitem__(self, i):
        i = self._index(i)
        n = len(self._d)
        for j in range(i, n - 1):
            self._d[j] = self._d[j + 1]
        del self._d[n - 1]

    def __len__(self):
        return len(self._d)

    def insert(self, i, v):
        n = len(self._d)
        if i < 0:
            i = max(i + n, 0)
        i = min(i, n)
        for j in range(n, i, -1):
            self._d[j] = self._d[j - 1]
        self._d[i] = v

    def __repr__(self):
        return f'Vec({list(self)!r})'


print('--- MutableSequence')
q = Vec('abcab')
print(q, len(q), q[0], q[-1], 'b' in q, 'z' in q, list(reversed(q)))
print(q.index('b'), q.index('b', 2), q.index('a', -2), q.index('b', 0, 2),
      q.count('a'), q.count('z'))
attempt('index missing', q.index, 'z')
attempt('index past stop', q.index, 'c', 0, 2)
attempt('index negative stop', q.index, 'b', 2, -1)
attempt('index start None', q.index, 'a', None)
attempt('getitem out', lambda: q[10])
q.append('c')
q.insert(0, 'first')
q.insert(-1, 'mid')
q.insert(100, 'last')
print(q)
q.extend('xy')
q += ['z']
print(q)
q.extend(q)
print(len(q), q[-1])
print(q.pop(), q.pop(0), q.pop(-2), len(q))
q.remove('first')
attempt('remove missing', q.remove, 'nope')
q.reverse()
print(q)
q.clear()
print(q, len(q))
attempt('pop empty', q.pop)
w = Vec([1, 2, 3, 4, 5])
w.reverse()
print(w, w is w.__iadd__([0]), w)
print(isinstance(w, Sequence), isinstance(w, Hashable), Vec.__hash__ is None)
print('hash vec', type(hash(w)).__name__)  # object's identity hash


def shape(x):
    match x:
        case [a, b, *rest]:
            return f'starts {a}, {b} (+{len(rest)})'
        case _:
            return 'no'


print(shape(Vec([1, 2, 3])), shape(Vec([1])), shape(Registry(a=1)))


class Ro(Sequence):
    """An immutable sequence: only __getitem__ and __len__."""

    def __init__(self, n):
        self.n = n

    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError(i)
        return i * i

    def __len__(self):
        return self.n


ro = Ro(5)
print(list(ro), 9 in ro, 10 in ro, list(reversed(ro)), ro.index(16),
      ro.count(4), isinstance(ro, Sequence))
attempt('no setitem', lambda: ro.append(1))

# --- Generator / Coroutine / AsyncGenerator mixins --------------------------


class Countdown(Generator):
    def __init__(self, n):
        self.n = n

    def send(self, value):
        if value is not None:
            self.n = value
        if self.n <= 0:
            raise StopIteration('done')
        self.n -= 1
        return self.n + 1

    def throw(self, typ, val=None, tb=None):
        if typ is GeneratorExit or isinstance(typ, GeneratorExit):
            self.n = 0
        return super().throw(typ, val, tb)


print('--- Generator')
g = Countdown(3)
print(list(g), iter(g) is g)
g = Countdown(5)
print(next(g), g.send(2), next(g))
attempt('throw type', g.throw, ValueError)
attempt('throw instance', g.throw, ValueError('boom'))
attempt('throw type+value', g.throw, KeyError, KeyError('k'))
print(g.close(), g.n)


class Stubborn(Countdown):
    def throw(self, typ, val=None, tb=None):
        return 1


attempt('close ignored', Stubborn(1).close)


class Co(Coroutine):
    def __await__(self):
        return iter([])

    def send(self, value):
        raise StopIteration(value)

    def throw(self, typ, val=None, tb=None):
        return super().throw(typ, val, tb)


c = Co()
print(c.close())
attempt('coroutine send', c.send, 5)
attempt('coroutine throw', c.throw, TypeError('t'))


class StubbornCo(Co):
    def throw(self, *args):
        return 0


attempt('coroutine close ignored', StubbornCo().close)


class Steps:
    """An awaitable whose __await__ yields once, then returns value."""

    def __init__(self, value):
        self.value = value

    def __await__(self):
        yield 'tick'
        return self.value


def drive(awaitable):
    # Run an awaitable to completion by hand (no event loop).
    it = awaitable.__await__()
    ticks = 0
    try:
        while True:
            next(it)
            ticks += 1
    except StopIteration as e:
        return ticks, e.value


class AG(AsyncGenerator):
    def __init__(self):
        self.log = []

    def asend(self, value):
        self.log.append(('asend', value))
        return Steps(len(self.log))

    def athrow(self, typ, val=None, tb=None):
        self.log.append(('athrow', typ.__name__))
        return super().athrow(typ, val, tb)


print('--- AsyncGenerator')
ag = AG()
print(ag.__aiter__() is ag, drive(ag.__anext__()), drive(ag.asend('x')))
print(drive(ag.aclose()), ag.log)


class BadAG(AG):
    def athrow(self, typ, val=None, tb=None):
        return Steps('ignored')


attempt('aclose ignored', lambda: drive(BadAG().aclose()))
attempt('athrow default', lambda: drive(AG().athrow(ValueError, ValueError(2))))
print(isinstance(ag, AsyncIterator), issubclass(AG, Iterable))

# --- ByteString (deprecated; issubclass does not warn) ---------------------------
print(issubclass(bytes, ByteString), issubclass(bytearray, ByteString),
      issubclass(str, ByteString), issubclass(list, ByteString),
      sorted(ByteString.__abstractmethods__))
