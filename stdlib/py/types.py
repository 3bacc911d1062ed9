"""Names for the interpreter's own types, plus the tools for building
classes at run time (torii's types module).

Each type name is obtained by probing a live object of that kind, so it
is whatever type torii really uses.  Kinds of object torii does not have
(getset descriptors, ...) get no name here.

SimpleNamespace and MappingProxyType, built into CPython's C core, are
implemented below in Python with CPython's reprs, comparisons and error
messages.  (A torii class __dict__ is an ordinary dict, so
type(C.__dict__) is not MappingProxyType.)
"""

import sys as _sys

try:
    from _thread import get_ident as _get_ident
except ImportError:
    def _get_ident():
        return 0


# --- Probed types -------------------------------------------------------------

def _plain_function():
    pass


def _closure_cell():
    captured = None

    def reader():
        return captured
    return reader.__closure__[0]


def _generator():
    yield


async def _coroutine():
    pass


async def _async_generator():
    yield


class _Holder:
    __slots__ = ('slot',)

    def method(self):
        pass


FunctionType = type(_plain_function)
LambdaType = type(lambda *args: args)          # FunctionType again
CodeType = type(_plain_function.__code__)
CellType = type(_closure_cell())
GeneratorType = type(_generator())
_probe = _coroutine()
CoroutineType = type(_probe)
_probe.close()                                 # closed: no "never awaited" warning
AsyncGeneratorType = type(_async_generator())
del _probe
MethodType = type(_Holder().method)
MemberDescriptorType = type(vars(_Holder)['slot'])
ModuleType = type(_sys)

BuiltinFunctionType = type(abs)
BuiltinMethodType = type({}.get)               # BuiltinFunctionType again
# torii has fewer kinds of slot wrappers than CPython, so some of these
# may be one and the same type.
WrapperDescriptorType = type(object.__repr__)
MethodWrapperType = type(object().__repr__)
MethodDescriptorType = type(list.append)
ClassMethodDescriptorType = type(vars(dict)['fromkeys'])

NoneType = type(None)
EllipsisType = type(...)
NotImplementedType = type(NotImplemented)
GenericAlias = type(list[int])
UnionType = type(int | str)


def _probe_more():
    # Types that only some torii builds have: name them when present.
    found = {}
    code_attr = vars(FunctionType).get('__code__')
    if type(code_attr).__name__ == 'getset_descriptor':
        found['GetSetDescriptorType'] = type(code_attr)
    try:
        raise LookupError
    except LookupError as caught:
        tb = caught.__traceback__
    if tb is not None:
        found['TracebackType'] = type(tb)
        frame = getattr(tb, 'tb_frame', None)
        if frame is not None:
            found['FrameType'] = type(frame)
    return found


globals().update(_probe_more())
del _plain_function, _closure_cell, _generator, _Holder, _probe_more
del _coroutine, _async_generator


# --- types.coroutine -------------------------------------------------------

class _AwaitableGenerator:
    """What a types.coroutine-decorated callable's generator result is
    turned into when its code could not be marked: awaiting it delegates
    to the generator."""

    __slots__ = ('_gen',)

    def __init__(self, gen):
        self._gen = gen

    def __await__(self):
        return self._gen

    def __iter__(self):
        return self._gen

    def __next__(self):
        return next(self._gen)

    def send(self, value):
        return self._gen.send(value)

    def throw(self, *args):
        return self._gen.throw(*args)

    def close(self):
        return self._gen.close()


def coroutine(func):
    """Makes a generator function usable with 'await' (a generator-based
    coroutine)."""
    if not callable(func):
        raise TypeError('types.coroutine() expects a callable')
    import _types
    if isinstance(func, FunctionType):
        if func.__code__.co_flags & 0x280:     # already async def
            return func
        if _types._mark_iterable_coroutine(func):
            return func

    import functools

    @functools.wraps(func)
    def call(*args, **kwargs):
        result = func(*args, **kwargs)
        if (type(result) is GeneratorType and not result.gi_code.co_flags & 0x100):
            return _AwaitableGenerator(result)
        return result
    return call


# --- SimpleNamespace -------------------------------------------------------

def _type_name(obj):
    """The name CPython's messages give obj's type (module-qualified for
    the types written here, as their C versions are)."""
    cls = type(obj)
    if cls is SimpleNamespace:
        return 'types.SimpleNamespace'
    return cls.__name__


# (id(namespace), thread id) of the namespaces whose repr is in progress:
# a namespace met again inside its own repr is shown as name(...).
_ns_repr_running = set()
_NO_ARG = object()


class SimpleNamespace:
    """A simple attribute-based namespace."""

    def __init__(self, mapping_or_iterable=_NO_ARG, /, **kwargs):
        # The positional argument is anything dict() accepts (3.13).
        if mapping_or_iterable is not _NO_ARG:
            items = dict(mapping_or_iterable)
            for key in items:
                if not isinstance(key, str):
                    raise TypeError("keywords must be strings")
            self.__dict__.update(items)
        self.__dict__.update(kwargs)

    # Report "expected at most 1 argument" as CPython does, with the
    # (sub)class's name, before Python's own message would be used.
    def __new__(cls, *args, **kwargs):
        if len(args) > 1:
            raise TypeError("%s expected at most 1 argument, got %d"
                            % (cls.__name__, len(args)))
        return object.__new__(cls)

    def __repr__(self):
        name = ('namespace' if type(self) is SimpleNamespace
                else type(self).__name__)
        key = (id(self), _get_ident())
        if key in _ns_repr_running:
            return name + '(...)'
        _ns_repr_running.add(key)
        try:
            parts = ['%s=%r' % (k, v) for k, v in self.__dict__.items()]
        finally:
            _ns_repr_running.discard(key)
        return '%s(%s)' % (name, ', '.join(parts))

    # Comparisons compare the attribute dicts (any operator, like CPython).
    def __eq__(self, other):
        if isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, SimpleNamespace):
            return self.__dict__ != other.__dict__
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, SimpleNamespace):
            return self.__dict__ < other.__dict__
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, SimpleNamespace):
            return self.__dict__ <= other.__dict__
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, SimpleNamespace):
            return self.__dict__ > other.__dict__
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, SimpleNamespace):
            return self.__dict__ >= other.__dict__
        return NotImplemented

    def __hash__(self):
        raise TypeError("unhashable type: '%s'" % _type_name(self))

    def __getattr__(self, name):
        # Only reached when normal lookup failed.
        raise AttributeError("'%s' object has no attribute '%s'"
                             % (_type_name(self), name))

    def __delattr__(self, name):
        try:
            object.__delattr__(self, name)
        except AttributeError:
            raise AttributeError("'%s' object has no attribute '%s'"
                                 % (_type_name(self), name)) from None

    def __reduce__(self):
        return (type(self), (), self.__dict__)

    def __replace__(self, /, **changes):
        """A copy of the namespace with `changes` applied (copy.replace)."""
        result = type(self).__new__(type(self))
        result.__dict__.update(self.__dict__)
        result.__dict__.update(changes)
        return result


# --- MappingProxyType ------------------------------------------------------

class mappingproxy:
    """Read-only proxy of a mapping."""

    __slots__ = ('_mapping',)
    # Shown as CPython's built-in type is: <class 'mappingproxy'>.
    __module__ = 'builtins'

    def __new__(cls, *args, **kwargs):
        if kwargs:
            raise TypeError("mappingproxy() takes no keyword arguments")
        if not args:
            raise TypeError(
                "mappingproxy() missing required argument 'mapping' (pos 1)")
        if len(args) > 1:
            raise TypeError("mappingproxy() takes at most 1 argument (%d given)"
                            % len(args))
        mapping = args[0]
        if (not hasattr(type(mapping), '__getitem__')
                or isinstance(mapping, (list, tuple))):
            raise TypeError("mappingproxy() argument must be a mapping, not %s"
                            % _type_name(mapping))
        self = object.__new__(cls)
        object.__setattr__(self, '_mapping', mapping)
        return self

    def __setattr__(self, name, value):
        raise AttributeError("'mappingproxy' object has no attribute '%s' and "
                             "no __dict__ for setting new attributes" % name)

    def __delattr__(self, name):
        raise AttributeError("'mappingproxy' object has no attribute '%s'"
                             % name)

    def __getitem__(self, key):
        return self._mapping[key]

    def __delitem__(self, key):
        # CPython's wording for this type (others say "doesn't").
        raise TypeError("'mappingproxy' object does not support item deletion")

    def __contains__(self, key):
        return key in self._mapping

    def __iter__(self):
        return iter(self._mapping)

    def __reversed__(self):
        return reversed(self._mapping)

    def __len__(self):
        return len(self._mapping)

    def get(self, key, default=None):
        """The mapping's value for key, or default."""
        return self._mapping.get(key, default)

    def keys(self):
        """The mapping's keys view."""
        return self._mapping.keys()

    def values(self):
        """The mapping's values view."""
        return self._mapping.values()

    def items(self):
        """The mapping's items view."""
        return self._mapping.items()

    def copy(self):
        """A shallow copy of the mapping (mapping.copy())."""
        return self._mapping.copy()

    def __or__(self, other):
        if isinstance(other, MappingProxyType):
            other = other._mapping
        return self._mapping | other

    def __ror__(self, other):
        if isinstance(other, MappingProxyType):
            other = other._mapping
        return other | self._mapping

    def __ior__(self, other):
        raise TypeError("'|=' is not supported by mappingproxy; use '|' instead")

    # Comparisons and hashing are those of the underlying mapping.
    def __eq__(self, other):
        return self._mapping == other

    def __ne__(self, other):
        return self._mapping != other

    def __lt__(self, other):
        return self._mapping < other

    def __le__(self, other):
        return self._mapping <= other

    def __gt__(self, other):
        return self._mapping > other

    def __ge__(self, other):
        return self._mapping >= other

    def __hash__(self):
        return hash(self._mapping)

    def __str__(self):
        return str(self._mapping)

    def __repr__(self):
        return 'mappingproxy(%r)' % (self._mapping,)


MappingProxyType = mappingproxy
del mappingproxy


# --- Building classes dynamically -------------------------------------------

def new_class(name, bases=(), kwds=None, exec_body=None):
    """Create class `name` the way a class statement would: the bases go
    through resolve_bases(), prepare_class() picks the metaclass and its
    namespace, exec_body(namespace) (if given) fills the namespace in."""
    actual = resolve_bases(bases)
    meta, namespace, kwds = prepare_class(name, actual, kwds)
    if exec_body is not None:
        exec_body(namespace)
    if actual is not bases:
        namespace['__orig_bases__'] = bases
    return meta(name, actual, namespace, **kwds)


def resolve_bases(bases):
    """Apply PEP 560: each base that is not a class but has
    __mro_entries__ is replaced by the tuple of classes that method
    returns.  The argument itself is returned when nothing was replaced."""
    out = []
    replaced = False
    for base in bases:
        if isinstance(base, type) or not hasattr(base, '__mro_entries__'):
            out.append(base)
            continue
        substitutes = base.__mro_entries__(bases)
        replaced = True
        if not isinstance(substitutes, tuple):
            raise TypeError("__mro_entries__ must return a tuple")
        out.extend(substitutes)
    return tuple(out) if replaced else bases


def prepare_class(name, bases=(), kwds=None):
    """Return (metaclass, namespace, kwds) for creating class `name`.

    The metaclass is the 'metaclass' keyword, else that of the first
    base, else type -- refined to the most derived metaclass among the
    bases when it is a class.  The namespace comes from its __prepare__
    (a new dict without one), and kwds is a copy of the keywords given,
    less 'metaclass'."""
    options = dict(kwds) if kwds is not None else {}
    if 'metaclass' in options:
        meta = options.pop('metaclass')
    else:
        meta = type(bases[0]) if bases else type
    if isinstance(meta, type):
        meta = _most_derived_meta(meta, bases)
    if hasattr(meta, '__prepare__'):
        namespace = meta.__prepare__(name, bases, **options)
    else:
        namespace = {}
    return meta, namespace, options


def _most_derived_meta(candidate, bases):
    # The metaclass must be a subclass of the metaclass of every base.
    for base in bases:
        other = type(base)
        if issubclass(candidate, other):
            continue
        if not issubclass(other, candidate):
            raise TypeError(
                "metaclass conflict: the metaclass of a derived class must "
                "be a (non-strict) subclass of the metaclasses of all its "
                "bases")
        candidate = other
    return candidate


def get_original_bases(cls, /):
    """The bases of class cls as written, before __mro_entries__
    substitution: its __orig_bases__ if it has them, else __bases__."""
    try:
        own = cls.__dict__
        return own.get('__orig_bases__', cls.__bases__)
    except AttributeError:
        raise TypeError("Expected an instance of type, not %r"
                        % type(cls).__name__) from None


def _doc_of(func):
    if func is None:
        # CPython: None.__doc__, the docstring of NoneType.
        return 'The type of the None singleton.'
    return func.__doc__


class DynamicClassAttribute:
    """Descriptor for attributes that only instances have.

    Reading it through an instance calls fget, as for a property; reading
    it through the class raises AttributeError, so that the metaclass's
    __getattr__ can supply a class-level value of the same name.  It has
    property's getter(), setter() and deleter() for building it up."""

    def __init__(self, fget=None, fset=None, fdel=None, doc=None):
        self.fget, self.fset, self.fdel = fget, fset, fdel
        # Docstring handling mirrors property's.
        self.__doc__ = doc if doc else _doc_of(fget)
        self.overwrite_doc = doc is None
        self.__isabstractmethod__ = bool(
            getattr(fget, '__isabstractmethod__', False))

    def __get__(self, instance, ownerclass=None):
        if instance is not None:
            if self.fget is None:
                raise AttributeError("unreadable attribute")
            return self.fget(instance)
        if self.__isabstractmethod__:
            return self
        raise AttributeError()

    def __set__(self, instance, value):
        if self.fset is None:
            raise AttributeError("can't set attribute")
        self.fset(instance, value)

    def __delete__(self, instance):
        if self.fdel is None:
            raise AttributeError("can't delete attribute")
        self.fdel(instance)

    def _derive(self, fget, fset, fdel, doc):
        twin = type(self)(fget, fset, fdel, doc)
        twin.overwrite_doc = self.overwrite_doc
        return twin

    def getter(self, fget):
        doc = _doc_of(fget) if self.overwrite_doc else None
        return self._derive(fget, self.fset, self.fdel, doc or self.__doc__)

    def setter(self, fset):
        return self._derive(self.fget, fset, self.fdel, self.__doc__)

    def deleter(self, fdel):
        return self._derive(self.fget, self.fset, fdel, self.__doc__)


def _register_with_abcs():
    # collections.abc registers MappingProxyType as a Mapping when it is
    # imported after this module; if it came first, do it from here.
    for key in ('_collections_abc', 'collections.abc'):
        abcs = _sys.modules.get(key)
        if abcs is not None and hasattr(abcs, 'Mapping'):
            try:
                abcs.Mapping.register(MappingProxyType)
            except Exception:
                pass
            return


_register_with_abcs()
del _register_with_abcs

__all__ = [n for n in globals() if n[:1] != '_']
