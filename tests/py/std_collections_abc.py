# collections.abc: the isinstance/issubclass matrix over builtin and user
# classes, the registrations of the builtin types, the structural checks
# (__subclasshook__), abstract methods and their messages, generic aliases.
import collections.abc
import _collections_abc
from collections.abc import (
    Hashable, Awaitable, Coroutine, AsyncIterable, AsyncIterator,
    AsyncGenerator, Iterable, Iterator, Reversible, Generator, Sized,
    Container, Callable, Collection, Buffer, Set, MutableSet, Mapping,
    MutableMapping, MappingView, KeysView, ItemsView, ValuesView, Sequence,
    MutableSequence)

ABCS = [Hashable, Awaitable, Coroutine, AsyncIterable, AsyncIterator,
        AsyncGenerator, Iterable, Iterator, Reversible, Generator, Sized,
        Container, Callable, Collection, Buffer, Set, MutableSet, Mapping,
        MutableMapping, MappingView, KeysView, ItemsView, ValuesView,
        Sequence, MutableSequence]

print(collections.abc.Mapping is _collections_abc.Mapping)
print(Mapping, Mapping.__module__, Mapping.__qualname__, type(Mapping).__name__)
print(sorted(collections.abc.__all__))
for abc in ABCS:
    print(abc.__name__, sorted(abc.__abstractmethods__),
          [b.__name__ for b in abc.__bases__])


def gen():
    yield 1


def func():
    pass


class Plain:
    pass


class Unhashable:
    __hash__ = None


class WithEq:
    def __eq__(self, other):
        return True


class Lenny:
    def __len__(self):
        return 3


class Holder:
    def __contains__(self, x):
        return x == 1


class Iter:
    def __iter__(self):
        return iter([1, 2])


class Counter3:
    def __init__(self):
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration
        return self.n


class Rev(Iter):
    def __reversed__(self):
        return iter([2, 1])


class Coll(Lenny, Iter, Holder):
    pass


class Call:
    def __call__(self):
        return 'called'


class Aw:
    def __await__(self):
        yield


class Coro(Aw):
    def send(self, v):
        raise StopIteration(v)

    def throw(self, *a):
        raise a[0]

    def close(self):
        pass


class AIter:
    def __aiter__(self):
        return self


class ANext(AIter):
    def __anext__(self):
        return Aw()


class AGen(ANext):
    def asend(self, v):
        return Aw()

    def athrow(self, *a):
        return Aw()

    def aclose(self):
        return Aw()


class Buf:
    def __buffer__(self, flags):
        return None


class GenLike(Counter3):
    def send(self, v):
        return next(self)

    def throw(self, *a):
        raise a[0]

    def close(self):
        pass


class NoIter(Iter):
    __iter__ = None


class OnlyGetitem:
    # The old sequence protocol: iterable in practice, not an Iterable.
    def __getitem__(self, i):
        if i < 3:
            return i
        raise IndexError


SAMPLES = [
    ('int', 1), ('bool', True), ('float', 1.5), ('complex', 1j),
    ('str', 'ab'), ('bytes', b'ab'), ('bytearray', bytearray(b'ab')),
    ('list', [1]), ('tuple', (1,)), ('dict', {1: 2}), ('set', {1}),
    ('frozenset', frozenset([1])), ('range', range(3)), ('None', None),
    ('object', object()), ('type', int), ('slice', slice(1, 2)),
    ('dict_keys', {}.keys()), ('dict_values', {}.values()),
    ('dict_items', {}.items()),
    ('list_iterator', iter([])), ('tuple_iterator', iter(())),
    ('str_iterator', iter('')), ('set_iterator', iter(set())),
    ('dict_keyiterator', iter({})), ('dict_valueiterator', iter({}.values())),
    ('dict_itemiterator', iter({}.items())), ('range_iterator', iter(range(2))),
    ('bytes_iterator', iter(b'')), ('list_reverseiterator', reversed([])),
    ('dict_reversekeyiterator', reversed({})),
    ('zip', zip()), ('map', map(str, [])), ('filter', filter(None, [])),
    ('enumerate', enumerate([])), ('reversed', reversed((1, 2))),
    ('generator', gen()), ('function', func), ('lambda', lambda: 0),
    ('builtin', len), ('method', [].append), ('bound', Call().__call__),
    ('Ellipsis', ...), ('NotImplemented', NotImplemented),
    ('exception', ValueError('x')),
    ('Plain', Plain()), ('Unhashable', Unhashable()), ('WithEq', WithEq()),
    ('Lenny', Lenny()), ('Holder', Holder()), ('Iter', Iter()),
    ('Counter3', Counter3()), ('Rev', Rev()), ('Coll', Coll()),
    ('Call', Call()), ('Aw', Aw()), ('Coro', Coro()), ('AIter', AIter()),
    ('ANext', ANext()), ('AGen', AGen()), ('Buf', Buf()),
    ('GenLike', GenLike()), ('NoIter', NoIter()),
    ('OnlyGetitem', OnlyGetitem()),
]

# One line per object: the ABCs it is an instance of.
for name, obj in SAMPLES:
    hits = [abc.__name__ for abc in ABCS if isinstance(obj, abc)]
    print(f'{name:24}', ' '.join(hits))

# issubclass on the classes themselves gives the same answers.
mismatch = [(name, abc.__name__) for name, obj in SAMPLES for abc in ABCS
            if isinstance(obj, abc) != issubclass(type(obj), abc)]
print('isinstance == issubclass(type):', mismatch)

print(issubclass(list, Sized), issubclass(list, Sequence),
      issubclass(dict, Mapping), issubclass(tuple, MutableSequence),
      issubclass(str, Hashable), issubclass(list, Hashable),
      issubclass(bytes, Sequence), issubclass(bytearray, MutableSequence))
print(issubclass(Mapping, Collection), issubclass(MutableSet, Set),
      issubclass(KeysView, Set), issubclass(ValuesView, Set),
      issubclass(Set, Hashable), issubclass(Sequence, Reversible),
      issubclass(Mapping, Reversible), issubclass(Iterator, Iterable),
      issubclass(Generator, Iterator), issubclass(Callable, Callable))

# --- Registration -----------------------------------------------------------
print('--- register')


class Tree:
    pass


print(issubclass(Tree, Sequence), issubclass(Tree, Iterable))
print(Sequence.register(Tree) is Tree)
# A Sequence is Reversible, Collection, Iterable, Sized, Container.
print([abc.__name__ for abc in ABCS if issubclass(Tree, abc)])
print(isinstance(Tree(), Sequence), isinstance(Tree(), MutableSequence))


class SubTree(Tree):
    pass


print(issubclass(SubTree, Sequence), issubclass(SubTree, Container))
# Registering what already is a subclass changes nothing.
print(Iterable.register(list) is list, MutableMapping.register(dict) is dict)


@MutableMapping.register
class Store:
    pass


print(Store.__name__, issubclass(Store, Mapping), issubclass(Store, Sequence))
try:
    Sequence.register(3)
except TypeError as e:
    print('TypeError:', e)
print(Iterable.register(Iterable) is Iterable)


class MyIterable(Iterable):
    def __iter__(self):
        return iter(())


try:
    MyIterable.register(Iterable)
except RuntimeError as e:
    print('RuntimeError:', e)
try:
    isinstance(1, Iterable[int])
except TypeError as e:
    print('TypeError:', e)
try:
    issubclass(1, Iterable)
except TypeError as e:
    print('TypeError:', e)

# A registered class matches sequence patterns; a Mapping subclass
# matches mapping patterns.


class Pair:
    def __init__(self, a, b):
        self.items = [a, b]

    def __len__(self):
        return 2

    def __getitem__(self, i):
        return self.items[i]


def shape(x):
    match x:
        case [a, b]:
            return f'seq {a} {b}'
        case {'k': v}:
            return f'map {v}'
        case _:
            return 'other'


print(shape(Pair(1, 2)))
Sequence.register(Pair)
print(shape(Pair(1, 2)), shape({'k': 3}), shape('ab'))

# --- Structural checks --------------------------------------------------------
print('--- hooks')


class LateIter:
    pass


print(issubclass(LateIter, Iterable))
LateIter.__iter__ = lambda self: iter([7])
# Negative answers are cached until the next register(), as in CPython.
print(issubclass(LateIter, Iterable))
Sized.register(Tree)      # already a Sized: nothing registered
print(issubclass(LateIter, Iterable), list(LateIter()))
Container.register(Plain)
print(issubclass(LateIter, Iterable), isinstance(Plain(), Container))


class NoHash(Plain):
    def __eq__(self, other):
        return False


class ReHash(NoHash):
    def __hash__(self):
        return 1


print(isinstance(NoHash(), Hashable), isinstance(ReHash(), Hashable),
      NoHash.__hash__)


class Opt(Rev):
    __reversed__ = None


print(issubclass(Opt, Reversible), issubclass(Opt, Iterable))
print(issubclass(OnlyGetitem, Iterable), list(OnlyGetitem()))


class Hook(Iterable):
    @classmethod
    def __subclasshook__(cls, C):
        return 1


try:
    issubclass(int, Hook)
except AssertionError as e:
    print('AssertionError:', e)

# The hooks answer only for their own class, not for subclasses.


class MyColl(Collection):
    pass


print(issubclass(Coll, Collection), issubclass(Coll, MyColl))

# --- Abstract methods -----------------------------------------------------------
print('--- abstract')
for abc in [Iterable, Sequence, MutableSequence, Mapping, MutableMapping,
            Set, MutableSet, Generator, Coroutine, AsyncGenerator, Callable,
            Hashable, Buffer]:
    try:
        abc()
    except TypeError as e:
        print('TypeError:', e)


class Half(Sequence):
    def __len__(self):
        return 0


class Foo(Mapping):
    pass


for cls in (Half, Foo):
    try:
        cls()
    except TypeError as e:
        print('TypeError:', e)

print(MappingView({1: 2}), len(KeysView({1: 2, 3: 4})),
      KeysView({1: 2}), ItemsView({}), ValuesView([]))
print(sorted(KeysView({1: 2, 3: 4})), list(ItemsView({1: 2})),
      list(ValuesView({1: 2})))

# Default bodies of the abstract methods, reachable through super().


class Everything(Hashable, Sized, Container, Iterable, Callable):
    def __hash__(self):
        return super().__hash__()

    def __len__(self):
        return super().__len__()

    def __contains__(self, x):
        return super().__contains__(x)

    def __iter__(self):
        return super().__iter__()

    def __call__(self):
        return super().__call__()


e = Everything()
print(hash(e), len(e), 1 in e, list(e), e(), type(iter(e)).__name__)


class It(Iterator):
    def __next__(self):
        return super().__next__()


it = It()
print(iter(it) is it, list(it))

# --- Generic aliases --------------------------------------------------------------
print('--- aliases')
print(Iterable[int], Mapping[str, int], Sequence[list], Iterable[()])
print(Callable[[int, str], bool], Callable[..., int], Callable[[], None])
print(Mapping[str, Callable[[int], None]], MutableSequence[Iterable[bytes]])
alias = Mapping[str, int]
print(alias.__origin__, alias.__args__, alias.__parameters__)
print(alias == Mapping[str, int], alias == Mapping[str, str],
      hash(alias) == hash(Mapping[str, int]))
print(Callable[[int, str], bool].__args__, Callable[..., int].__args__)
print(Iterable[None], Iterable['x'], Iterable[1], Iterable[len], Iterable[func],
      Iterable[print])
for bad in ('Callable[int]', 'Callable[int, str]', 'Callable[[int], str, int]',
            'Iterable[int][str]'):
    try:
        eval(bad)
    except TypeError as e:
        print('TypeError:', e)
try:
    issubclass(dict, Mapping[str, int])
except TypeError as e:
    print('TypeError:', e)
print(KeysView[int], ItemsView[int, str], Set[int], MappingView[str])

# Type variables in aliases, and substituting them.
import typing
T = typing.TypeVar('T')
K = typing.TypeVar('K')
print(Iterable[T], Iterable[T].__parameters__, Mapping[K, T].__parameters__)
print(Mapping[str, T][int], Mapping[K, Sequence[T]][str, bytes],
      Mapping[K, Sequence[T]].__parameters__)
print(Callable[[T], K], Callable[[T], K].__parameters__,
      Callable[[T], K][int, str], Callable[..., T][bytes])
for bad in ('Mapping[K, T][int]', 'Iterable[T][int, str]'):
    try:
        eval(bad)
    except TypeError as e:
        print('TypeError:', e)
print(Mapping[str, int].get is Mapping.get, Iterable[int, str].__args__)

# An alias as the base class: the class gets the origin as its base.


class Table(MutableMapping[str, int]):
    def __init__(self):
        self.d = {}

    def __getitem__(self, k):
        return self.d[k]

    def __setitem__(self, k, v):
        self.d[k] = v

    def __delitem__(self, k):
        del self.d[k]

    def __iter__(self):
        return iter(self.d)

    def __len__(self):
        return len(self.d)

    def keys(self):
        return sorted(super().keys())


t = Table()
t.update(b=2, a=1)
print([c.__name__ for c in Table.__mro__], Table.__orig_bases__, t.keys(),
      type(Table).__name__, isinstance(t, Mapping))


class Fn(Callable[[int], str]):
    def __call__(self, x):
        return str(x) * 2


print([c.__name__ for c in Fn.__mro__], Fn.__orig_bases__, Fn()(4))

# --- More: details of the mixins and aliases ----------------------------------
print('--- more')
P = typing.ParamSpec('P')
cp = Callable[P, T]
print(cp, cp.__args__, cp.__parameters__)
print(cp[[int, str], bool], cp[[int, str], bool].__args__, cp[..., bytes].__args__)
print(type(cp[[int], str]).__name__, type(Callable[[int], str]).__name__)
print(Callable[[int], str].__reduce__(), Callable[..., str].__reduce__())
print(Callable[[Iterable[int], func], Mapping[str, int]])
print(Iterable.__subclasshook__.__func__.__qualname__,
      Iterable.__subclasshook__(list), Iterator.__subclasshook__(list),
      Hashable.__subclasshook__(list), Hashable.__subclasshook__(int),
      Sequence.__subclasshook__(list))
print('__subclasshook__' in Iterable.__dict__, '__class_getitem__' in Set.__dict__,
      '__class_getitem__' in Iterable.__dict__, '__class_getitem__' in Hashable.__dict__)


class CountingSet(Set):
    """A Set that counts the __le__/__ge__ calls of the other comparisons."""
    calls = []

    def __init__(self, items=()):
        self.items = list(dict.fromkeys(items))

    def __contains__(self, x):
        return x in self.items

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)

    def __le__(self, other):
        self.calls.append('le')
        return super().__le__(other)

    def __ge__(self, other):
        self.calls.append('ge')
        return super().__ge__(other)


a3, b2 = CountingSet([1, 2, 3]), CountingSet([1, 2])
print(a3 < b2, b2 < a3, a3 > b2, b2 > a3, a3 == b2, a3 == CountingSet([3, 2, 1]),
      CountingSet.calls)


class Logged(MutableSequence):
    def __init__(self, items):
        self.items = list(items)
        self.log = []

    def __getitem__(self, i):
        self.log.append(('get', i))
        return self.items[i]

    def __setitem__(self, i, v):
        self.log.append(('set', i))
        self.items[i] = v

    def __delitem__(self, i):
        self.log.append(('del', i))
        del self.items[i]

    def __len__(self):
        return len(self.items)

    def insert(self, i, v):
        self.log.append(('insert', i))
        self.items.insert(i, v)


lg = Logged('abc')
lg.reverse()
print(lg.items, lg.log)
lg.log.clear()
print(lg.index('a', -2), lg.index('c', 0, -1), lg.log)
lg.log.clear()
lg.extend('de')
print(lg.pop(), lg.items, lg.log)


class LoggedMap(MutableMapping):
    def __init__(self):
        self.d = {}
        self.log = []

    def __getitem__(self, k):
        self.log.append(('get', k))
        return self.d[k]

    def __setitem__(self, k, v):
        self.log.append(('set', k))
        self.d[k] = v

    def __delitem__(self, k):
        self.log.append(('del', k))
        del self.d[k]

    def __iter__(self):
        return iter(list(self.d))

    def __len__(self):
        return len(self.d)


lm = LoggedMap()
lm.update({'a': 1}, b=2)
lm.update([('c', 3)])
print(lm.setdefault('a', 5), lm.setdefault('z'), lm.pop('z'), lm.pop('q', 0),
      lm.popitem(), lm.log)


class OddValues(ValuesView):
    def __iter__(self):
        yield 'odd'


ov = OddValues({'k': 1})
print(1 in ov, 'odd' in ov, list(ov), len(ov))

import warnings
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter('always')
    import collections.abc as cabc
    isinstance(b'', cabc.ByteString)

    class MyBytes(cabc.ByteString):
        pass
print([(w.category.__name__, str(w.message)) for w in caught])
