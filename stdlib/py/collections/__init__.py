"""Container datatypes: deque, defaultdict, Counter, OrderedDict, namedtuple,
ChainMap.  torii's own implementation; deque is written in C (_collections)."""

from _collections import deque, _count_elements
import sys as _sys

__all__ = ['ChainMap', 'Counter', 'OrderedDict', 'defaultdict', 'deque', 'namedtuple']


class defaultdict(dict):
    """dict subclass that calls a factory function to supply missing values."""

    def __init__(self, default_factory=None, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError('first argument must be callable or None')
        dict.__init__(self, *args, **kwargs)
        self.default_factory = default_factory

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        value = self.default_factory()
        self[key] = value
        return value

    def __repr__(self):
        f = self.default_factory
        fr = 'None' if f is None else repr(f)
        return f'{type(self).__name__}({fr}, {dict.__repr__(self)})'

    def copy(self):
        return type(self)(self.default_factory, self)

    __copy__ = copy

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = self.copy()
        new.update(other)
        return new


class OrderedDict(dict):
    """Dictionary that remembers insertion order (as every dict does), with
    move_to_end and popitem(last=...)."""

    def popitem(self, last=True):
        if not self:
            raise KeyError('dictionary is empty')
        key = next(reversed(self)) if last else next(iter(self))
        value = dict.pop(self, key)
        return key, value

    def move_to_end(self, key, last=True):
        value = dict.pop(self, key)
        if last:
            self[key] = value
        else:
            items = list(self.items())
            dict.clear(self)
            self[key] = value
            for k, v in items:
                self[k] = v

    def __repr__(self):
        if not self:
            return f'{type(self).__name__}()'
        return f'{type(self).__name__}({dict.__repr__(self)})'

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return dict.__eq__(self, other) and list(self) == list(other)
        return dict.__eq__(self, other)

    def __ne__(self, other):
        return not self == other

    def copy(self):
        return type(self)(self)

    __copy__ = copy


def _heap_largest(items, n):
    # sorted() is stable, so equal counts keep insertion order, as CPython's
    # heapq.nlargest-based most_common does.
    return sorted(items, key=lambda kv: kv[1], reverse=True)[:n]


class Counter(dict):
    """Dict subclass for counting hashable items."""

    def __init__(self, iterable=None, /, **kwds):
        dict.__init__(self)
        self.update(iterable, **kwds)

    def __missing__(self, key):
        return 0

    def total(self):
        return sum(self.values())

    def most_common(self, n=None):
        if n is None:
            return sorted(self.items(), key=lambda kv: kv[1], reverse=True)
        if n < 0:
            n = 0
        return _heap_largest(self.items(), n)

    def elements(self):
        for elem, count in self.items():
            for _ in range(count):
                yield elem

    @classmethod
    def fromkeys(cls, iterable, v=None):
        raise NotImplementedError(
            'Counter.fromkeys() is undefined.  Use Counter(iterable) instead.')

    def update(self, iterable=None, /, **kwds):
        if iterable is not None:
            if isinstance(iterable, dict):
                if self:
                    for elem, count in iterable.items():
                        self[elem] = count + self.get(elem, 0)
                else:
                    dict.update(self, iterable)
            else:
                _count_elements(self, iterable)
        if kwds:
            self.update(kwds)

    def subtract(self, iterable=None, /, **kwds):
        if iterable is not None:
            if isinstance(iterable, dict):
                for elem, count in iterable.items():
                    self[elem] = self.get(elem, 0) - count
            else:
                for elem in iterable:
                    self[elem] = self.get(elem, 0) - 1
        if kwds:
            self.subtract(kwds)

    def copy(self):
        return type(self)(self)

    __copy__ = copy

    def __delitem__(self, elem):
        if elem in self:
            dict.__delitem__(self, elem)

    def __repr__(self):
        if not self:
            return f'{type(self).__name__}()'
        try:
            d = dict(self.most_common())
        except TypeError:
            d = dict(self)
        return f'{type(self).__name__}({d!r})'

    def __eq__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[e] == other[e] for c in (self, other) for e in c)

    def __ne__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return not self == other

    def __add__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = count + other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result

    def __sub__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = count - other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count < 0:
                result[elem] = 0 - count
        return result

    def __or__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            other_count = other[elem]
            newcount = other_count if count < other_count else count
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result

    def __and__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            other_count = other[elem]
            newcount = count if count < other_count else other_count
            if newcount > 0:
                result[elem] = newcount
        return result

    def __pos__(self):
        result = Counter()
        for elem, count in self.items():
            if count > 0:
                result[elem] = count
        return result

    def __neg__(self):
        result = Counter()
        for elem, count in self.items():
            if count < 0:
                result[elem] = 0 - count
        return result

    def __iadd__(self, other):
        for elem, count in other.items():
            self[elem] += count
        return self._keep_positive()

    def __isub__(self, other):
        for elem, count in other.items():
            self[elem] -= count
        return self._keep_positive()

    def _keep_positive(self):
        for elem in [e for e, c in self.items() if not c > 0]:
            del self[elem]
        return self


class ChainMap:
    """A view of several mappings as one; lookups search them in order,
    writes go to the first."""

    def __init__(self, *maps):
        self.maps = list(maps) or [{}]

    def __missing__(self, key):
        raise KeyError(key)

    def __getitem__(self, key):
        for mapping in self.maps:
            if key in mapping:
                return mapping[key]
        return self.__missing__(key)

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __len__(self):
        return len(set().union(*self.maps))

    def __iter__(self):
        d = {}
        for mapping in reversed(self.maps):
            for k in mapping:
                d[k] = None
        return iter(d)

    def __contains__(self, key):
        return any(key in m for m in self.maps)

    def __bool__(self):
        return any(self.maps)

    def __repr__(self):
        return f'{type(self).__name__}({", ".join(map(repr, self.maps))})'

    def keys(self):
        return list(self)

    def items(self):
        return [(k, self[k]) for k in self]

    def values(self):
        return [self[k] for k in self]

    def new_child(self, m=None):
        if m is None:
            m = {}
        return type(self)(m, *self.maps)

    @property
    def parents(self):
        return type(self)(*self.maps[1:])

    def __setitem__(self, key, value):
        self.maps[0][key] = value

    def __delitem__(self, key):
        try:
            del self.maps[0][key]
        except KeyError:
            raise KeyError(f'Key not found in the first mapping: {key!r}')

    def pop(self, key, *args):
        try:
            return self.maps[0].pop(key, *args)
        except KeyError:
            raise KeyError(f'Key not found in the first mapping: {key!r}')

    def clear(self):
        self.maps[0].clear()


def _check_identifier(name):
    if not isinstance(name, str):
        raise TypeError('Type names and field names must be strings')
    if not name.isidentifier():
        raise ValueError('Type names and field names must be valid '
                         f'identifiers: {name!r}')
    if name in _KEYWORDS:
        raise ValueError('Type names and field names cannot be a '
                         f'keyword: {name!r}')


_KEYWORDS = frozenset([
    'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break',
    'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally',
    'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
    'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield'])


def _tuple_subclassable():
    try:
        class _T(tuple):
            pass
        return True
    except TypeError:
        return False


_TUPLE_BASE = _tuple_subclassable()


class _TupleLike:
    """The base of named tuples while torii cannot subclass tuple: an
    immutable sequence over a real tuple in `_t`."""
    __slots__ = ()

    def __iter__(self):
        return iter(self._t)

    def __len__(self):
        return len(self._t)

    def __getitem__(self, i):
        return self._t[i]

    def __contains__(self, x):
        return x in self._t

    def __hash__(self):
        return hash(self._t)

    def __eq__(self, other):
        return self._t == (other._t if isinstance(other, _TupleLike) else other)

    def __ne__(self, other):
        return not self == other

    def __lt__(self, other):
        return self._t < tuple(other)

    def __le__(self, other):
        return self._t <= tuple(other)

    def __gt__(self, other):
        return self._t > tuple(other)

    def __ge__(self, other):
        return self._t >= tuple(other)

    def __add__(self, other):
        return self._t + tuple(other)

    def count(self, x):
        return self._t.count(x)

    def index(self, x, *args):
        return self._t.index(x, *args)


class _tuplegetter:
    """A named tuple's field: reads item `index`; setting it fails as
    CPython's _collections._tuplegetter does."""

    def __init__(self, index, doc):
        self._index = index
        self.__doc__ = doc

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return obj[self._index]

    def __set__(self, obj, value):
        raise AttributeError("can't set attribute")

    def __delete__(self, obj):
        raise AttributeError("can't delete attribute")

    def __repr__(self):
        return f'_tuplegetter({self._index}, {self.__doc__!r})'


def _make_getter(index, doc):
    return _tuplegetter(index, doc)


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    """Returns a new subclass of tuple with named fields."""
    if isinstance(field_names, str):
        field_names = field_names.replace(',', ' ').split()
    field_names = list(map(str, field_names))
    typename = str(typename)
    if rename:
        seen = set()
        for index, name in enumerate(field_names):
            if (not name.isidentifier() or name in _KEYWORDS
                    or name.startswith('_') or name in seen):
                field_names[index] = f'_{index}'
            seen.add(name)
    for name in [typename] + field_names:
        _check_identifier(name)
    seen = set()
    for name in field_names:
        if name.startswith('_') and not rename:
            raise ValueError('Field names cannot start with an underscore: '
                             f'{name!r}')
        if name in seen:
            raise ValueError(f'Encountered duplicate field name: {name!r}')
        seen.add(name)

    fields = tuple(field_names)
    nfields = len(fields)
    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > nfields:
            raise TypeError('Got more default values than field names')
        field_defaults = dict(zip(fields[nfields - len(defaults):], defaults))

    def _bind(cls, args, kwargs):
        # Positional and keyword arguments to field values, with the
        # messages a generated __new__(_cls, a, b) would give.
        if len(args) > nfields:
            raise TypeError(f'{typename}.__new__() takes {nfields + 1} positional '
                            f'argument{"s" if nfields + 1 != 1 else ""} but '
                            f'{len(args) + 1} were given')
        values = list(args)
        for k in kwargs:
            if k not in fields:
                raise TypeError(f"{typename}.__new__() got an unexpected keyword argument '{k}'")
            if fields.index(k) < len(args):
                raise TypeError(f"{typename}.__new__() got multiple values for argument '{k}'")
        missing = []
        for name in fields[len(args):]:
            if name in kwargs:
                values.append(kwargs[name])
            elif name in field_defaults:
                values.append(field_defaults[name])
            else:
                missing.append(name)
        if missing:
            if len(missing) == 1:
                names = repr(missing[0])
            elif len(missing) == 2:
                names = f'{missing[0]!r} and {missing[1]!r}'
            else:
                names = ', '.join(map(repr, missing[:-1])) + f', and {missing[-1]!r}'
            raise TypeError(f'{typename}.__new__() missing {len(missing)} required '
                            f'positional argument{"s" if len(missing) != 1 else ""}: {names}')
        return tuple(values)

    if _TUPLE_BASE:
        def __new__(_cls, *args, **kwargs):
            return tuple.__new__(_cls, _bind(_cls, args, kwargs))

        def _make(cls, iterable):
            result = tuple.__new__(cls, iterable)
            if len(result) != nfields:
                raise TypeError(f'Expected {nfields} arguments, got {len(result)}')
            return result
        base = tuple
    else:
        def __new__(_cls, *args, **kwargs):
            self = object.__new__(_cls)
            object.__setattr__(self, '_t', _bind(_cls, args, kwargs))
            return self

        def _make(cls, iterable):
            t = tuple(iterable)
            if len(t) != nfields:
                raise TypeError(f'Expected {nfields} arguments, got {len(t)}')
            self = object.__new__(cls)
            object.__setattr__(self, '_t', t)
            return self
        base = _TupleLike

    def __repr__(self):
        return self.__class__.__name__ + '(' + ', '.join(
            f'{name}={value!r}' for name, value in zip(fields, self)) + ')'

    def _asdict(self):
        return dict(zip(self._fields, self))

    def _replace(self, /, **kwds):
        values = [kwds.pop(name, value) for name, value in zip(fields, self)]
        if kwds:
            raise TypeError(f'Got unexpected field names: {list(kwds)!r}')
        return self._make(values)

    def __getnewargs__(self):
        return tuple(self)

    ns = {
        '__doc__': f'{typename}({", ".join(fields)})',
        '__slots__': (),
        '_fields': fields,
        '_field_defaults': field_defaults,
        '__new__': __new__,
        '_make': classmethod(_make),
        '_replace': _replace,
        '__repr__': __repr__,
        '_asdict': _asdict,
        '__getnewargs__': __getnewargs__,
        '__match_args__': fields,
    }
    for index, name in enumerate(fields):
        ns[name] = _make_getter(index, f'Alias for field number {index}')
    if base is _TupleLike:
        ns['__slots__'] = ('_t',)
        def __setattr__(self, name, value):
            raise AttributeError(f"can't set attribute")
        ns['__setattr__'] = __setattr__
    result = type(typename, (base,), ns)
    if module is None:
        try:
            module = _sys._getframe(1).f_globals.get('__name__', '__main__')
        except (AttributeError, ValueError):
            module = '__main__'
    result.__module__ = module
    return result
