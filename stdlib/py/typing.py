"""Type hints: enough of CPython's typing module for annotated code to
import and run.  The special forms and generic aliases are placeholders
that can be subscripted and print as CPython's do (typing.List[int],
typing.Optional[str], ~T); no type checking happens.  Generic and Protocol
are plain base classes.  torii's own implementation."""

import collections as _collections

__all__ = ['Any', 'Callable', 'ClassVar', 'Final', 'Generic', 'Literal',
           'Optional', 'Protocol', 'Tuple', 'Type', 'TypeVar', 'Union',
           'AbstractSet', 'ByteString', 'Container', 'Hashable', 'ItemsView',
           'Iterable', 'Iterator', 'KeysView', 'Mapping', 'MappingView',
           'MutableMapping', 'MutableSequence', 'MutableSet', 'Sequence',
           'Sized', 'ValuesView', 'Awaitable', 'AsyncIterator', 'AsyncIterable',
           'Coroutine', 'Collection', 'AsyncGenerator', 'Reversible',
           'SupportsAbs', 'SupportsFloat', 'SupportsInt', 'SupportsIndex',
           'Counter', 'Deque', 'Dict', 'DefaultDict', 'List', 'OrderedDict',
           'Set', 'FrozenSet', 'NamedTuple', 'TypedDict', 'Generator',
           'AnyStr', 'cast', 'final', 'get_args', 'get_origin',
           'get_type_hints', 'NewType', 'no_type_check', 'overload',
           'Text', 'TYPE_CHECKING', 'TypeAlias', 'Self', 'Never', 'NoReturn',
           'LiteralString', 'Annotated', 'runtime_checkable', 'ParamSpec',
           'Concatenate', 'TypeGuard', 'Required', 'NotRequired', 'IO',
           'TextIO', 'BinaryIO', 'Pattern', 'Match', 'assert_never',
           'reveal_type', 'dataclass_transform', 'override', 'TypeVarTuple',
           'Unpack', 'ChainMap']

TYPE_CHECKING = False


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return f'{obj.__module__}.{obj.__qualname__}'
    if obj is ...:
        return '...'
    if type(obj).__name__ == 'function':
        return obj.__name__
    if isinstance(obj, list):
        return '[' + ', '.join(_type_repr(a) for a in obj) + ']'
    return repr(obj)


class _GenericAlias:
    """A subscripted placeholder: List[int], Dict[str, int], Union[...]."""

    def __init__(self, origin, args, name, form=None):
        self.__origin__ = origin
        self.__args__ = args
        self._name = name
        self._form = form

    def __repr__(self):
        if self._name == 'Optional':
            return f'typing.Optional[{_type_repr(self.__args__[0])}]'
        if self._name == 'Union' and len(self.__args__) == 2 and type(None) in self.__args__:
            other = [a for a in self.__args__ if a is not type(None)][0]
            return f'typing.Optional[{_type_repr(other)}]'
        if self._name == 'Literal':
            return 'typing.Literal[' + ', '.join(repr(a) for a in self.__args__) + ']'
        if self._name == 'Callable' and len(self.__args__) >= 1:
            params = self.__args__[:-1]
            res = _type_repr(self.__args__[-1])
            if len(params) == 1 and params[0] is ...:
                return f'typing.Callable[..., {res}]'
            return 'typing.Callable[[' + ', '.join(_type_repr(a) for a in params) + f'], {res}]'
        if not self.__args__:
            return f'typing.{self._name}[()]'
        return f'typing.{self._name}[' + ', '.join(_type_repr(a) for a in self.__args__) + ']'

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self._name, self.__args__))

    def __getitem__(self, params):
        return self

    def __call__(self, *args, **kwargs):
        origin = self.__origin__
        if isinstance(origin, type):
            return origin(*args, **kwargs)
        raise TypeError(f"Type {self._name} cannot be instantiated")

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __mro_entries__(self, bases):
        origin = self.__origin__
        return (origin,) if isinstance(origin, type) else ()


class _Special:
    """An unsubscripted name: List, Dict, Callable, Optional, Any..."""

    def __init__(self, name, origin=None, nparams=-1):
        self._name = name
        self.__origin__ = origin
        self._nparams = nparams

    def __repr__(self):
        return 'typing.' + self._name

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        name = self._name
        if name == 'Optional':
            if len(params) != 1:
                raise TypeError('typing.Optional requires a single type.')
            return Union[params[0], type(None)]
        if name == 'Union':
            flat = []
            for p in params:
                if isinstance(p, _GenericAlias) and p._name in ('Union', 'Optional'):
                    ps = p.__args__
                else:
                    ps = (p,)
                for q in ps:
                    if q is None:
                        q = type(None)
                    if q not in flat:
                        flat.append(q)
            if len(flat) == 1:
                return flat[0]
            return _GenericAlias(Union, tuple(flat), 'Union')
        if name == 'Callable' and len(params) == 2:
            args, result = params
            if isinstance(args, list):
                return _GenericAlias(self.__origin__, tuple(args) + (result,), name)
            return _GenericAlias(self.__origin__, (args, result), name)
        return _GenericAlias(self.__origin__ if self.__origin__ is not None else self,
                             params, name)

    def __call__(self, *args, **kwargs):
        if isinstance(self.__origin__, type):
            return self.__origin__(*args, **kwargs)
        raise TypeError(f"Cannot instantiate typing.{self._name}")

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __mro_entries__(self, bases):
        origin = self.__origin__
        return (origin,) if isinstance(origin, type) else ()

    def __instancecheck__(self, obj):
        if isinstance(self.__origin__, type):
            return isinstance(obj, self.__origin__)
        raise TypeError(f"typing.{self._name} cannot be used with isinstance()")


Any = _Special('Any')
NoReturn = _Special('NoReturn')
Never = _Special('Never')
Self = _Special('Self')
LiteralString = _Special('LiteralString')
TypeAlias = _Special('TypeAlias')
Union = _Special('Union')
Optional = _Special('Optional')
Literal = _Special('Literal')
Final = _Special('Final')
ClassVar = _Special('ClassVar')
Annotated = _Special('Annotated')
Concatenate = _Special('Concatenate')
TypeGuard = _Special('TypeGuard')
TypeIs = _Special('TypeIs')
Required = _Special('Required')
NotRequired = _Special('NotRequired')
ReadOnly = _Special('ReadOnly')
Unpack = _Special('Unpack')

List = _Special('List', list)
Dict = _Special('Dict', dict)
Set = _Special('Set', set)
FrozenSet = _Special('FrozenSet', frozenset)
Tuple = _Special('Tuple', tuple)
Type = _Special('Type', type)
DefaultDict = _Special('DefaultDict', _collections.defaultdict)
OrderedDict = _Special('OrderedDict', _collections.OrderedDict)
Counter = _Special('Counter', _collections.Counter)
Deque = _Special('Deque', _collections.deque)
ChainMap = _Special('ChainMap', _collections.ChainMap)
Text = str

Callable = _Special('Callable')
Iterable = _Special('Iterable')
Iterator = _Special('Iterator')
Generator = _Special('Generator')
Sequence = _Special('Sequence')
MutableSequence = _Special('MutableSequence')
Mapping = _Special('Mapping')
MutableMapping = _Special('MutableMapping')
AbstractSet = _Special('AbstractSet')
MutableSet = _Special('MutableSet')
Collection = _Special('Collection')
Container = _Special('Container')
Hashable = _Special('Hashable')
Sized = _Special('Sized')
Reversible = _Special('Reversible')
MappingView = _Special('MappingView')
KeysView = _Special('KeysView')
ItemsView = _Special('ItemsView')
ValuesView = _Special('ValuesView')
Awaitable = _Special('Awaitable')
Coroutine = _Special('Coroutine')
AsyncIterable = _Special('AsyncIterable')
AsyncIterator = _Special('AsyncIterator')
AsyncGenerator = _Special('AsyncGenerator')
ContextManager = _Special('ContextManager')
AsyncContextManager = _Special('AsyncContextManager')
ByteString = _Special('ByteString')
SupportsAbs = _Special('SupportsAbs')
SupportsFloat = _Special('SupportsFloat')
SupportsInt = _Special('SupportsInt')
SupportsIndex = _Special('SupportsIndex')
SupportsRound = _Special('SupportsRound')
SupportsBytes = _Special('SupportsBytes')
IO = _Special('IO')
TextIO = _Special('TextIO')
BinaryIO = _Special('BinaryIO')
Pattern = _Special('Pattern')
Match = _Special('Match')


class TypeVar:
    """Type variable: T = TypeVar('T'); prints as ~T."""

    def __init__(self, name, *constraints, bound=None, covariant=False,
                 contravariant=False, infer_variance=False, default=None):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant

    def __repr__(self):
        if self.__covariant__:
            return '+' + self.__name__
        if self.__contravariant__:
            return '-' + self.__name__
        return '~' + self.__name__

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __typing_subst__(self, arg):
        # what a generic alias puts in this variable's place (list[T][int])
        return arg


class ParamSpec(TypeVar):
    def __repr__(self):
        return '~' + self.__name__


class TypeVarTuple(TypeVar):
    def __repr__(self):
        return self.__name__


import builtins as _builtins
AnyStr = TypeVar('AnyStr', getattr(_builtins, 'bytes', str), str)


class Generic:
    """A plain base class; Generic[T] is Generic itself."""
    __slots__ = ()

    def __class_getitem__(cls, params):
        return cls


class Protocol(Generic):
    """A plain base class; no structural checks."""
    __slots__ = ()


def runtime_checkable(cls):
    return cls


def cast(typ, val):
    """Cast a value to a type: returns the value unchanged."""
    return val


def assert_type(val, typ, /):
    return val


def assert_never(arg, /):
    value = repr(arg)
    if len(value) > 100:
        value = value[:100] + '...'
    raise AssertionError(f"Expected code to be unreachable, but got: {value}")


def reveal_type(obj, /):
    import sys
    print(f"Runtime type is {type(obj).__name__!r}", file=sys.stderr)
    return obj


def overload(func):
    """Decorator for overloaded functions: returns the function."""
    return func


def final(f):
    return f


def override(method, /):
    return method


def no_type_check(arg):
    return arg


def dataclass_transform(**kwargs):
    def decorator(cls_or_fn):
        return cls_or_fn
    return decorator


def get_origin(tp):
    if isinstance(tp, (_GenericAlias, _Special)):
        origin = tp.__origin__
        return origin
    return None


def get_args(tp):
    if isinstance(tp, _GenericAlias):
        return tp.__args__
    return ()


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    hints = {}
    if isinstance(obj, type):
        for base in reversed(obj.__mro__):
            hints.update(base.__dict__.get('__annotations__', {}))
        return hints
    return dict(getattr(obj, '__annotations__', None) or {})


class NewType:
    def __init__(self, name, tp):
        self.__name__ = name
        self.__qualname__ = name
        self.__supertype__ = tp

    def __repr__(self):
        return f'__main__.{self.__name__}'

    def __call__(self, x):
        return x


def NamedTuple(typename, fields=None, /, **kwargs):
    """Typed version of namedtuple (the function form)."""
    if fields is None:
        fields = kwargs.items()
    names = [n for n, t in fields]
    types = {n: t for n, t in fields}
    nt = _collections.namedtuple(typename, names)
    nt.__annotations__ = types
    return nt


def TypedDict(typename, fields=None, /, *, total=True, **kwargs):
    """TypedDict (the function form): a dict subclass."""
    return type(typename, (dict,), {'__annotations__': dict(fields or kwargs),
                                    '__total__': total})
