"""collections.abc for torii: the abstract base classes of containers and
iteration (PEP 3119), from Hashable and Iterable up to MutableMapping.

stdlib/py/collections/abc.py re-exports everything defined here, and the
module names itself collections.abc, so the classes read
<class 'collections.abc.Mapping'> exactly as in CPython.
"""

# How this module is organised
#
#  * ABCs standing for a single protocol (Iterable, Sized, Callable, ...)
#    recognise classes by their methods: the @_duck_typed decorator gives
#    each a __subclasshook__ that looks the required names up on the
#    candidate's MRO.  Richer ABCs (Set, Mapping, Sequence and the mutable
#    ones) instead offer mixin methods written on top of a few abstract ones.
#  * The builtin types are registered with their ABCs at the very end, by
#    looking at sample objects of each kind.
#  * Where torii lacks something CPython has, a stand-in is used; such
#    places say "torii:".  Main cases: there is no `async def` (the async
#    mixins return small awaitable objects), unhashable builtin types do
#    not declare `__hash__ = None`, and bytes/bytearray have no __buffer__.

import sys
from abc import ABCMeta, abstractmethod

__name__ = 'collections.abc'

__all__ = [
    "Awaitable", "Coroutine", "AsyncIterable", "AsyncIterator",
    "AsyncGenerator", "Hashable", "Iterable", "Iterator", "Generator",
    "Reversible", "Sized", "Container", "Callable", "Collection",
    "Set", "MutableSet", "Mapping", "MutableMapping", "MappingView",
    "KeysView", "ItemsView", "ValuesView", "Sequence", "MutableSequence",
    "ByteString", "Buffer",
]


# ===========================================================================
# Pieces of the runtime that torii may not have yet
# ===========================================================================

try:
    _StopAsyncIteration = StopAsyncIteration
except NameError:
    class _StopAsyncIteration(Exception):
        """torii: stands in for the builtin StopAsyncIteration."""
    _StopAsyncIteration.__name__ = 'StopAsyncIteration'
    _StopAsyncIteration.__qualname__ = 'StopAsyncIteration'

try:
    _memoryview = memoryview
except NameError:
    _memoryview = None


def _sample_closure_cell():
    value = None

    def reader():
        return value
    return reader.__closure__[0]


def _types_hiding_hash():
    """torii: the builtin types that cannot be hashed although no
    `__hash__ = None` on their MRO says so (they inherit object's).
    Found by trying to hash one object of each candidate kind."""
    samples = [[], {}, set(), bytearray(), {}.keys(), {}.items(),
               _sample_closure_cell()]
    try:
        from _collections import deque
    except ImportError:
        pass
    else:
        samples.append(deque())
    hiding = set()
    for sample in samples:
        kind = type(sample)
        try:
            hash(sample)
        except TypeError:
            if '__hash__' not in kind.__dict__:
                hiding.add(kind)
    return frozenset(hiding)


# For a method name, the classes that must be read as setting it to None.
_IMPLICIT_NONE = {'__hash__': _types_hiding_hash()}


# ===========================================================================
# Structural subclass checks
# ===========================================================================

def _defines(cls, name):
    """Whether the nearest class on cls's MRO that mentions `name` gives
    it a real value.  `name = None` there opts out of the protocol."""
    opted_out = _IMPLICIT_NONE.get(name, ())
    for klass in cls.__mro__:
        namespace = klass.__dict__
        if name in namespace:
            return namespace[name] is not None
        if klass in opted_out:
            return False
    return False


def _supplies(cls, names):
    """The verdict of a structural hook: True if cls defines every one of
    names, else NotImplemented (let the ABC machinery decide)."""
    for name in names:
        if not _defines(cls, name):
            return NotImplemented
    return True


def _duck_typed(*names):
    """Decorator for an ABC recognised by its methods.

    The ABC gets a __subclasshook__ accepting every class that defines all
    of names.  Subclasses of the ABC inherit the hook, but for them it
    answers NotImplemented: a class with __iter__ is an Iterable, not an
    instance of every ABC derived from Iterable.
    """
    def decorate(abc):
        def __subclasshook__(cls, C):
            if cls is abc:
                return _supplies(C, names)
            return NotImplemented
        __subclasshook__.__qualname__ = abc.__qualname__ + '.__subclasshook__'
        abc.__subclasshook__ = classmethod(__subclasshook__)
        return abc
    return decorate


# ===========================================================================
# Generic aliases: Iterable[int], Mapping[K, V], Callable[[int], str]
# ===========================================================================

GenericAlias = type(list[int])

_function = type(_sample_closure_cell)


def _signature_item_text(item):
    """How Callable[[...], ...] shows a parameter or result type: classes
    by dotted name (builtins bare), functions by plain name, ... as
    '...', anything else by repr."""
    if item is Ellipsis:
        return '...'
    if isinstance(item, type) and not isinstance(item, GenericAlias):
        if item.__module__ == 'builtins':
            return item.__qualname__
        return item.__module__ + '.' + item.__qualname__
    if isinstance(item, _function):
        return item.__name__
    return repr(item)


def _stands_for_parameters(obj):
    """Whether obj may be a Callable's whole parameter part: ..., a list
    of types, a ParamSpec or a Concatenate[...]."""
    if obj is Ellipsis or isinstance(obj, list):
        return True
    kind = type(obj)
    return (kind.__module__ == 'typing'
            and kind.__name__ in ('ParamSpec', '_ConcatenateGenericAlias'))


def _is_packed(args):
    # Whether the flat __args__ of a Callable alias still hold the
    # parameter part as one item: Callable[..., R], Callable[P, R].
    return len(args) == 2 and _stands_for_parameters(args[0])


def _callable_halves(args):
    # (parameter part, result) for the flat __args__ of a Callable alias.
    if _is_packed(args):
        return args[0], args[1]
    return list(args[:-1]), args[-1]


# The class keeps CPython's name: it is what type(Callable[[int], str])
# shows, and what pickles of such aliases refer to.
#
# An alias hands every attribute lookup that is not one of its own few
# (__origin__, __args__, __reduce__, ...) on to its origin, so the helpers
# above are module functions rather than methods.
class _CallableGenericAlias(GenericAlias):
    """The alias Callable[[P1, P2], R] makes.  Its __args__ are flat,
    (P1, P2, R); the repr puts the parameter list back in brackets."""

    __slots__ = ()

    def __new__(cls, origin, args):
        if not isinstance(args, tuple) or len(args) != 2:
            raise TypeError(
                "Callable must be used as Callable[[arg, ...], result].")
        params, result = args
        if isinstance(params, (list, tuple)):
            flat = (*params, result)
        elif _stands_for_parameters(params):
            flat = args
        else:
            raise TypeError("Expected a list of types, an ellipsis, "
                            f"ParamSpec, or Concatenate. Got {params}")
        return super().__new__(cls, origin, flat)

    def __repr__(self):
        args = self.__args__
        if _is_packed(args):
            return super().__repr__()
        *params, result = args
        shown = ', '.join(map(_signature_item_text, params))
        return (f'collections.abc.Callable[[{shown}], '
                f'{_signature_item_text(result)}]')

    def __reduce__(self):
        return _CallableGenericAlias, (Callable,
                                       _callable_halves(self.__args__))

    def __getitem__(self, item):
        # Filling in type variables.  The result is regrouped and built
        # again, so that a ParamSpec replaced by a list of types ends up
        # flat like any other parameter list.
        filled = super().__getitem__(item).__args__
        if isinstance(filled[0], (list, tuple)):
            return _CallableGenericAlias(Callable, filled)
        return _CallableGenericAlias(Callable, (filled[:-1], filled[-1]))


# ===========================================================================
# Single-protocol ABCs
# ===========================================================================
# The bodies of the abstract methods are what super() reaches from a
# subclass: empty results of the right kind.

@_duck_typed('__hash__')
class Hashable(metaclass=ABCMeta):

    __slots__ = ()

    @abstractmethod
    def __hash__(self):
        return 0


@_duck_typed('__len__')
class Sized(metaclass=ABCMeta):

    __slots__ = ()

    @abstractmethod
    def __len__(self):
        return 0


@_duck_typed('__contains__')
class Container(metaclass=ABCMeta):

    __slots__ = ()

    @abstractmethod
    def __contains__(self, x):
        return False


@_duck_typed('__iter__')
class Iterable(metaclass=ABCMeta):

    __slots__ = ()

    @abstractmethod
    def __iter__(self):
        yield from ()


@_duck_typed('__iter__', '__next__')
class Iterator(Iterable):

    __slots__ = ()

    @abstractmethod
    def __next__(self):
        """Give the next item, or raise StopIteration when done."""
        raise StopIteration

    def __iter__(self):
        return self


@_duck_typed('__reversed__', '__iter__')
class Reversible(Iterable):

    __slots__ = ()

    @abstractmethod
    def __reversed__(self):
        yield from ()


def _raise_thrown(typ, val, tb):
    """Raise what throw(typ[, val[, tb]]) describes: an exception class or
    instance, optionally with a value and a traceback (the old form)."""
    if val is None and tb is None:
        raise typ
    exc = typ() if val is None else val
    if tb is not None:
        exc = exc.with_traceback(tb)
    raise exc


def _ignored_exit(kind):
    return RuntimeError(f"{kind} ignored GeneratorExit")


def _close_by_throwing(obj, kind):
    """close() of a generator or coroutine: throw GeneratorExit in; it
    must come back out (or the thing must finish)."""
    try:
        obj.throw(GeneratorExit)
    except (GeneratorExit, StopIteration):
        return None
    raise _ignored_exit(kind)


@_duck_typed('__iter__', '__next__', 'send', 'throw', 'close')
class Generator(Iterator):

    __slots__ = ()

    def __next__(self):
        """Resume with None: the next value, or StopIteration."""
        return self.send(None)

    @abstractmethod
    def send(self, value):
        """Resume with value; give what is yielded next, or raise
        StopIteration when the generator returns."""
        raise StopIteration

    @abstractmethod
    def throw(self, typ, val=None, tb=None):
        """Raise an exception at the paused point; give what is yielded
        next, or raise StopIteration when the generator returns."""
        _raise_thrown(typ, val, tb)

    def close(self):
        """Make the generator stop by raising GeneratorExit in it."""
        return _close_by_throwing(self, "generator")


@_duck_typed('__len__', '__iter__', '__contains__')
class Collection(Sized, Iterable, Container):

    __slots__ = ()


@_duck_typed('__call__')
class Callable(metaclass=ABCMeta):

    __slots__ = ()

    @abstractmethod
    def __call__(self, *args, **kwds):
        return False


@_duck_typed('__buffer__')
class Buffer(metaclass=ABCMeta):

    __slots__ = ()

    @abstractmethod
    def __buffer__(self, flags: int, /):
        raise NotImplementedError


# torii: CPython annotates the result as memoryview; functions here may have
# no __annotations__ to record it in.
if _memoryview is not None:
    try:
        Buffer.__buffer__.__annotations__['return'] = _memoryview
    except AttributeError:
        pass


# ===========================================================================
# Awaitables and asynchronous iteration
# ===========================================================================
# torii: with no `async def`, the mixins below return _Deferred objects:
# like the coroutine an `async def` call gives, nothing runs until they are
# awaited.

class _Deferred:
    """An awaitable whose __await__ runs body(*args), a generator function:
    it yields what body yields and returns what body returns."""

    __slots__ = ('_body', '_args')

    def __init__(self, body, *args):
        self._body = body
        self._args = args

    def __await__(self):
        return self._body(*self._args)


def _end_of_iteration():
    raise _StopAsyncIteration
    yield


def _thrown_later(typ, val, tb):
    _raise_thrown(typ, val, tb)
    yield


def _awaiting(call, *args):
    # `await call(*args)`, with its result.
    return (yield from call(*args).__await__())


def _closing_async(agen):
    try:
        yield from agen.athrow(GeneratorExit).__await__()
    except (GeneratorExit, _StopAsyncIteration):
        return
    raise _ignored_exit("asynchronous generator")


@_duck_typed('__await__')
class Awaitable(metaclass=ABCMeta):

    __slots__ = ()

    @abstractmethod
    def __await__(self):
        yield


@_duck_typed('__await__', 'send', 'throw', 'close')
class Coroutine(Awaitable):

    __slots__ = ()

    @abstractmethod
    def send(self, value):
        """Resume with value; give what is yielded next, or raise
        StopIteration when the coroutine returns."""
        raise StopIteration

    @abstractmethod
    def throw(self, typ, val=None, tb=None):
        """Raise an exception at the paused point; give what is yielded
        next, or raise StopIteration when the coroutine returns."""
        _raise_thrown(typ, val, tb)

    def close(self):
        """Make the coroutine stop by raising GeneratorExit in it."""
        return _close_by_throwing(self, "coroutine")


@_duck_typed('__aiter__')
class AsyncIterable(metaclass=ABCMeta):

    __slots__ = ()

    @abstractmethod
    def __aiter__(self):
        return AsyncIterator()


@_duck_typed('__anext__', '__aiter__')
class AsyncIterator(AsyncIterable):

    __slots__ = ()

    @abstractmethod
    def __anext__(self):
        """An awaitable giving the next item; at the end it raises
        StopAsyncIteration instead."""
        return _Deferred(_end_of_iteration)

    def __aiter__(self):
        return self


@_duck_typed('__aiter__', '__anext__', 'asend', 'athrow', 'aclose')
class AsyncGenerator(AsyncIterator):

    __slots__ = ()

    def __anext__(self):
        """An awaitable resuming the generator with None (asend(None))."""
        return _Deferred(_awaiting, self.asend, None)

    @abstractmethod
    def asend(self, value):
        """An awaitable resuming the generator with value: it gives the
        next value yielded, or raises StopAsyncIteration at the end."""
        return _Deferred(_end_of_iteration)

    @abstractmethod
    def athrow(self, typ, val=None, tb=None):
        """An awaitable raising an exception at the paused point: it gives
        the next value yielded, or raises StopAsyncIteration at the end."""
        return _Deferred(_thrown_later, typ, val, tb)

    def aclose(self):
        """An awaitable making the generator stop: it raises GeneratorExit
        at the paused point, which must not be ignored."""
        return _Deferred(_closing_async, self)


# ===========================================================================
# Sets
# ===========================================================================

class Set(Collection):
    """A finite collection with set behaviour.

    Subclasses provide __contains__, __iter__ and __len__.  In return they
    get comparison by inclusion (<=, <, ==, >, >=), the operators &, |, -
    and ^ (the other operand may be any iterable, on either side) and
    isdisjoint().  Results are made by the _from_iterable() class method,
    which passes an iterable to the class: override it for a constructor
    that wants something else.  Sets are not hashable by default; _hash()
    computes a suitable hash for those that should be.
    """

    __slots__ = ()

    def __le__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        if len(self) > len(other):
            return False
        return all(item in other for item in self)

    def __ge__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        if len(self) < len(other):
            return False
        return all(item in self for item in other)

    # The rest go through __le__ / __ge__, so a subclass that speeds those
    # up speeds up all comparisons.

    def __lt__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        if len(self) >= len(other):
            return False
        return self.__le__(other)

    def __gt__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        if len(self) <= len(other):
            return False
        return self.__ge__(other)

    def __eq__(self, other):
        if not isinstance(other, Set):
            return NotImplemented
        if len(self) != len(other):
            return False
        return self.__le__(other)

    @classmethod
    def _from_iterable(cls, it):
        """Make a set of this class from the items of it (all the
        operators build their results with this)."""
        return cls(it)

    def _operand(self, other):
        # The other side of - or ^ as a Set (turning a mere iterable into
        # one of ours), or None if the operator does not apply.
        if isinstance(other, Set):
            return other
        if isinstance(other, Iterable):
            return self._from_iterable(other)
        return None

    def __and__(self, other):
        if isinstance(other, Iterable):
            return self._from_iterable(x for x in other if x in self)
        return NotImplemented

    __rand__ = __and__

    def __or__(self, other):
        if isinstance(other, Iterable):
            both = (self, other)
            return self._from_iterable(x for part in both for x in part)
        return NotImplemented

    __ror__ = __or__

    def __sub__(self, other):
        other = self._operand(other)
        if other is None:
            return NotImplemented
        return self._from_iterable(x for x in self if x not in other)

    def __rsub__(self, other):
        other = self._operand(other)
        if other is None:
            return NotImplemented
        return self._from_iterable(x for x in other if x not in self)

    def __xor__(self, other):
        other = self._operand(other)
        if other is None:
            return NotImplemented
        only_here = self - other
        only_there = other - self
        return only_here | only_there

    __rxor__ = __xor__

    def isdisjoint(self, other):
        """Whether no item of other is in self."""
        for x in other:
            if x in self:
                return False
        return True

    def _hash(self):
        """A hash for a Set subclass that wants to be hashable (call it
        from __hash__).  Equal sets must hash alike whatever their class or
        order, so this is frozenset's own algorithm: it mixes the item
        hashes with xor, in machine-word arithmetic."""
        width = sys.maxsize.bit_length() + 1
        word = (1 << width) - 1
        acc = 1927868237 * (len(self) + 1)
        for x in self:
            hx = hash(x)
            # xor commutes with masking, so the word is cut out once.
            acc ^= (hx ^ (hx << 16) ^ 89869747) * 3644798167
        acc &= word
        acc ^= (acc >> 11) ^ (acc >> 25)
        acc = (acc * 69069 + 907133923) & word
        if acc >> (width - 1):
            acc -= 1 << width       # read the word as signed
        # -1 is reserved (it signals errors in C); frozenset avoids it so.
        return 590923713 if acc == -1 else acc


class MutableSet(Set):
    """A Set that can change.

    Subclasses provide __contains__, __iter__, __len__, add() and
    discard(); remove(), pop(), clear() and the in-place operators
    |=, &=, ^=, -= are built on those.
    """

    __slots__ = ()

    @abstractmethod
    def add(self, value):
        """Put value in the set."""
        raise NotImplementedError

    @abstractmethod
    def discard(self, value):
        """Take value out of the set, if it is there."""
        raise NotImplementedError

    def remove(self, value):
        """Take value out of the set; KeyError if it is not there."""
        if value not in self:
            raise KeyError(value)
        self.discard(value)

    def pop(self):
        """Take some item out and return it; KeyError if there is none."""
        for value in self:
            self.discard(value)
            return value
        raise KeyError

    def clear(self):
        """Take every item out, one pop() at a time."""
        while True:
            try:
                self.pop()
            except KeyError:
                return

    def __ior__(self, it):
        for value in it:
            self.add(value)
        return self

    def __iand__(self, it):
        for value in self - it:
            self.discard(value)
        return self

    def __ixor__(self, it):
        if it is self:
            self.clear()
            return self
        if not isinstance(it, Set):
            it = self._from_iterable(it)
        for value in it:
            if value in self:
                self.discard(value)
            else:
                self.add(value)
        return self

    def __isub__(self, it):
        if it is self:
            self.clear()
            return self
        for value in it:
            self.discard(value)
        return self


# ===========================================================================
# Mappings and their views
# ===========================================================================

class Mapping(Collection):
    """A read-only association of keys with values.

    Subclasses provide __getitem__, __iter__ (over the keys) and __len__;
    `in`, get(), keys(), items(), values() and == are built on those.
    """

    __slots__ = ()

    # Instances take part in mapping patterns (core/match.c reads this).
    __abc_tpflags__ = 1 << 6

    @abstractmethod
    def __getitem__(self, key):
        raise KeyError

    def get(self, key, default=None):
        """The value for key, or default when key is absent."""
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key):
        try:
            self[key]
        except KeyError:
            return False
        return True

    def keys(self):
        """A set-like view of the keys."""
        return KeysView(self)

    def items(self):
        """A set-like view of the (key, value) pairs."""
        return ItemsView(self)

    def values(self):
        """A view of the values."""
        return ValuesView(self)

    def __eq__(self, other):
        if isinstance(other, Mapping):
            return dict(self.items()) == dict(other.items())
        return NotImplemented

    # Mappings have no order to reverse, whatever a base may offer.
    __reversed__ = None


class MappingView(Sized):
    """What keys(), items() and values() of a Mapping return: a live view
    of the mapping (kept in the `_mapping` attribute)."""

    __slots__ = ('_mapping',)

    def __init__(self, mapping):
        self._mapping = mapping

    def __len__(self):
        return len(self._mapping)

    def __repr__(self):
        return f'{self.__class__.__name__}({self._mapping!r})'


class KeysView(MappingView, Set):
    """The keys of a mapping, as a Set."""

    __slots__ = ()

    @classmethod
    def _from_iterable(cls, it):
        # Operators on views give plain sets.
        return set(it)

    def __contains__(self, key):
        return key in self._mapping

    def __iter__(self):
        yield from self._mapping


class ItemsView(MappingView, Set):
    """The (key, value) pairs of a mapping, as a Set."""

    __slots__ = ()

    @classmethod
    def _from_iterable(cls, it):
        return set(it)

    def __contains__(self, item):
        key, value = item
        try:
            found = self._mapping[key]
        except KeyError:
            return False
        return found is value or found == value

    def __iter__(self):
        source = self._mapping
        for key in source:
            yield (key, source[key])


class ValuesView(MappingView, Collection):
    """The values of a mapping."""

    __slots__ = ()

    def __contains__(self, value):
        source = self._mapping
        for key in source:
            found = source[key]
            if found is value or found == value:
                return True
        return False

    def __iter__(self):
        source = self._mapping
        for key in source:
            yield source[key]


# pop()'s "no default given".
_NO_DEFAULT = object()


class MutableMapping(Mapping):
    """A Mapping that can change.

    Subclasses provide __getitem__, __setitem__, __delitem__, __iter__ and
    __len__; pop(), popitem(), clear(), update() and setdefault() are
    built on those.
    """

    __slots__ = ()

    @abstractmethod
    def __setitem__(self, key, value):
        raise KeyError

    @abstractmethod
    def __delitem__(self, key):
        raise KeyError

    def pop(self, key, default=_NO_DEFAULT):
        """Remove key and return its value.  For an absent key return
        default if one was given, else raise KeyError."""
        try:
            value = self[key]
        except KeyError:
            if default is _NO_DEFAULT:
                raise
            return default
        del self[key]
        return value

    def popitem(self):
        """Remove some (key, value) pair and return it; KeyError if the
        mapping is empty."""
        for key in self:
            break
        else:
            raise KeyError
        value = self[key]
        del self[key]
        return key, value

    def clear(self):
        """Remove every item, one popitem() at a time."""
        while True:
            try:
                self.popitem()
            except KeyError:
                return

    def update(self, other=(), /, **kwds):
        """Store the items of other, then the keyword arguments.

        other may be a Mapping, anything with keys() and __getitem__, or
        an iterable of (key, value) pairs.
        """
        if isinstance(other, Mapping) or hasattr(other, "keys"):
            names = other if isinstance(other, Mapping) else other.keys()
            for key in names:
                self[key] = other[key]
        else:
            for key, value in other:
                self[key] = value
        for key in kwds:
            self[key] = kwds[key]

    def setdefault(self, key, default=None):
        """self[key]; if key is absent it is first set to default."""
        try:
            return self[key]
        except KeyError:
            self[key] = default
        return default


# ===========================================================================
# Sequences
# ===========================================================================

def _from_end(bound, seq, floor=None):
    # A negative index bound made absolute, but not below floor (if given);
    # None and non-negative bounds are returned as they are.
    if bound is not None and bound < 0:
        bound += len(seq)
        if floor is not None and bound < floor:
            bound = floor
    return bound


class Sequence(Reversible, Collection):
    """A read-only sequence, indexed from 0.

    Subclasses provide __getitem__ (raising IndexError past the end) and
    __len__; iteration, `in`, reversed(), index() and count() are built on
    those.
    """

    __slots__ = ()

    # Instances take part in sequence patterns (core/match.c reads this).
    __abc_tpflags__ = 1 << 5

    @abstractmethod
    def __getitem__(self, index):
        raise IndexError

    def __iter__(self):
        # Until the first IndexError, whatever __len__ says.
        position = 0
        while True:
            try:
                item = self[position]
            except IndexError:
                return
            yield item
            position += 1

    def __contains__(self, value):
        return any(item is value or item == value for item in self)

    def __reversed__(self):
        for position in reversed(range(len(self))):
            yield self[position]

    def index(self, value, start=0, stop=None):
        """The first position of value within self[start:stop]; ValueError
        if it does not occur there."""
        # Negative bounds count from the end, as in slicing; a start before
        # the beginning means the beginning.
        start = _from_end(start, self, floor=0)
        stop = _from_end(stop, self)
        position = start
        while stop is None or position < stop:
            try:
                item = self[position]
            except IndexError:
                break
            if item is value or item == value:
                return position
            position += 1
        raise ValueError

    def count(self, value):
        """How many items are value (or equal to it)."""
        total = 0
        for item in self:
            if item is value or item == value:
                total += 1
        return total


def _bytestring_deprecated():
    # ByteString goes away in 3.14.  stacklevel 3 skips this function and
    # the metaclass method: the warning names the code using ByteString.
    import warnings
    warnings.warn("'collections.abc.ByteString' is deprecated and slated "
                  "for removal in Python 3.14", DeprecationWarning,
                  stacklevel=3)


class _DeprecateByteStringMeta(ABCMeta):
    """The metaclass of ByteString: deriving from ByteString and
    isinstance() tests against it are deprecated."""

    def __new__(mcls, name, bases, namespace, /, **kwargs):
        if name != "ByteString":
            _bytestring_deprecated()
        return super().__new__(mcls, name, bases, namespace, **kwargs)

    def __instancecheck__(cls, instance):
        _bytestring_deprecated()
        return super().__instancecheck__(instance)


class ByteString(Sequence, metaclass=_DeprecateByteStringMeta):
    """bytes and bytearray.  Deprecated: use Buffer, or bytes | bytearray,
    instead."""

    __slots__ = ()


class MutableSequence(Sequence):
    """A Sequence that can change.

    Subclasses provide __getitem__, __setitem__, __delitem__, __len__ and
    insert(); append(), clear(), reverse(), extend(), pop(), remove() and
    += are built on those.
    """

    __slots__ = ()

    @abstractmethod
    def __setitem__(self, index, value):
        raise IndexError

    @abstractmethod
    def __delitem__(self, index):
        raise IndexError

    @abstractmethod
    def insert(self, index, value):
        """Put value in front of position index."""
        raise IndexError

    def append(self, value):
        """Put value at the end."""
        self.insert(len(self), value)

    def clear(self):
        """Remove every item, one pop() at a time."""
        while True:
            try:
                self.pop()
            except IndexError:
                return

    def reverse(self):
        """Reverse the order of the items, in place."""
        last = len(self) - 1
        for low in range(len(self) // 2):
            high = last - low
            self[low], self[high] = self[high], self[low]

    def extend(self, values):
        """Append the items of values, in order."""
        if values is self:
            values = list(values)   # our own tail would keep growing
        for item in values:
            self.append(item)

    def pop(self, index=-1):
        """Remove the item at index (the last one by default) and return
        it; IndexError if there is no such item."""
        item = self[index]
        del self[index]
        return item

    def remove(self, value):
        """Remove the first item that is (or equals) value; ValueError if
        there is none."""
        del self[self.index(value)]

    def __iadd__(self, values):
        self.extend(values)
        return self


# ===========================================================================
# Subscripting, and the builtin types
# ===========================================================================

# Iterable[int] and the like.  Subclasses inherit the method, so e.g.
# Mapping[str, int] works too.
for _abc in (Awaitable, AsyncIterable, Iterable, Container, MappingView):
    _abc.__class_getitem__ = classmethod(GenericAlias)
Callable.__class_getitem__ = classmethod(_CallableGenericAlias)


def _register_builtins():
    def generator_function():
        yield

    # One object of each iterable kind whose iterator type CPython
    # registers.  torii: a range beyond a C ssize_t may not exist.
    iterables = [b'', bytearray(), {}, {}.values(), {}.items(), [],
                 reversed([]), range(0), set(), '', (), zip()]
    try:
        iterables.append(range(1 << 1000))
    except OverflowError:
        pass
    sequences = [tuple, str, range]
    if _memoryview is not None:
        sequences.append(_memoryview)
    # torii: bytes and bytearray do not have __buffer__ yet.
    buffers = [t for t in (bytes, bytearray)
               if _supplies(t, ('__buffer__',)) is not True]
    table = [
        (Iterator, [type(iter(obj)) for obj in iterables]),
        (Generator, [type(generator_function())]),
        (Set, [frozenset]),
        (MutableSet, [set]),
        (KeysView, [type({}.keys())]),
        (ItemsView, [type({}.items())]),
        (ValuesView, [type({}.values())]),
        (MutableMapping, [dict]),
        (Sequence, sequences),
        (MutableSequence, [list, bytearray]),
        (ByteString, [bytes, bytearray]),
        (Buffer, buffers),
    ]
    # torii: a class's __dict__ is a plain dict; types.MappingProxyType is
    # a Python class, registered here if types is loaded already (else
    # types registers it when it loads).
    types = sys.modules.get('types')
    proxy = getattr(types, 'MappingProxyType', None)
    if isinstance(proxy, type):
        table.append((Mapping, [proxy]))
    for abc, kinds in table:
        for kind in kinds:
            abc.register(kind)


_register_builtins()
del _abc, _register_builtins
