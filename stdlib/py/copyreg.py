# copyreg: the reduction registry pickle and copy consult (dispatch_table,
# extension codes) plus the default object reduction: torii's
# object.__reduce_ex__, object.__reduce__ and object.__getstate__
# (objects/object.c) call _default_reduce_ex, _object_reduce and
# _object_getstate below, which do what CPython's C methods do.
# Invariants: dispatch_table maps a type to a callable; the three extension
# dicts are never rebound (pickle holds references to them).

import sys as _sys

__all__ = ["pickle", "constructor",
           "add_extension", "remove_extension", "clear_extension_cache"]

dispatch_table = {}


def pickle(ob_type, pickle_function, constructor_ob=None):
    if not callable(pickle_function):
        raise TypeError("reduction functions must be callable")
    dispatch_table[ob_type] = pickle_function
    if constructor_ob is not None:
        constructor(constructor_ob)


def constructor(object):
    if not callable(object):
        raise TypeError("constructors must be callable")


def pickle_complex(c):
    return complex, (c.real, c.imag)


pickle(complex, pickle_complex, complex)


def pickle_union(obj):
    import functools, operator
    return functools.reduce, (operator.or_, obj.__args__)


try:
    pickle(type(int | str), pickle_union)
except TypeError:       # no runtime union type
    pass

_HEAPTYPE = 1 << 9
_new_type = type(int.__new__)


def _is_heap(cls):
    # CPython reads __flags__; torii has none, but every class built by a
    # class statement or type() gets '__module__' in its own namespace.
    flags = getattr(cls, '__flags__', None)
    if flags is not None:
        return bool(flags & _HEAPTYPE)
    return '__module__' in cls.__dict__


def _tp_name(cls):
    if _is_heap(cls) or cls.__module__ in (None, 'builtins'):
        return cls.__name__
    return '%s.%s' % (cls.__module__, cls.__qualname__)


def _reconstructor(cls, base, state):
    if base is object:
        obj = object.__new__(cls)
    else:
        obj = base.__new__(cls, state)
        if base.__init__ != object.__init__:
            base.__init__(obj, state)
    return obj


def _reduce_ex(self, proto):
    """Reduction for protocols 0 and 1: rebuild through _reconstructor."""
    assert proto < 2
    cls = self.__class__
    for base in cls.__mro__:
        if not _is_heap(base):
            break
        new = base.__new__
        if isinstance(new, _new_type) and getattr(new, '__self__', None) is base:
            break
    else:
        base = object
    if base is object:
        state = None
    else:
        if base is cls:
            raise TypeError(f"cannot pickle {cls.__name__!r} object")
        state = base(self)
    args = (cls, base, state)
    if _own_getstate(self) is None and getattr(self, "__slots__", None):
        raise TypeError("a class that defines __slots__ without "
                        "defining __getstate__ cannot be pickled")
    state = _getstate(self)
    return (_reconstructor, args, state) if state else (_reconstructor, args)


def __newobj__(cls, *args):
    return cls.__new__(cls, *args)


def __newobj_ex__(cls, args, kwargs):
    return cls.__new__(cls, *args, **kwargs)


def _slotnames(cls):
    """Names of the slots of cls and its bases, mangled, cached on cls."""
    names = cls.__dict__.get("__slotnames__")
    if names is not None:
        return names
    names = []
    if hasattr(cls, "__slots__"):
        for c in cls.__mro__:
            slots = c.__dict__.get("__slots__", ())
            for name in (slots,) if isinstance(slots, str) else slots:
                if name in ("__dict__", "__weakref__"):
                    continue
                if name.startswith('__') and not name.endswith('__'):
                    stripped = c.__name__.lstrip('_')
                    if stripped:
                        name = '_%s%s' % (stripped, name)
                names.append(name)
    try:
        cls.__slotnames__ = names
    except (AttributeError, TypeError):
        pass
    return names


def _object_getstate(obj):
    """object.__getstate__: the instance dict (None when empty), paired with
    a dict of the slots that are set, if any."""
    state = _dict_or_none(obj)
    slots = {}
    for name in _slotnames(type(obj)):
        try:
            slots[name] = getattr(obj, name)
        except AttributeError:
            pass
    return (state, slots) if slots else state


def _own_getstate(obj):
    """The bound __getstate__ when obj's type overrides object's, else None."""
    meth = getattr(type(obj), '__getstate__', None)
    if meth is None or meth is getattr(object, '__getstate__', None):
        return None
    return obj.__getstate__


def _getstate(obj):
    meth = _own_getstate(obj)
    return _object_getstate(obj) if meth is None else meth()


def _getnewargs(obj):
    """(args, kwargs) from __getnewargs_ex__/__getnewargs__; args is None
    when the type defines neither."""
    cls = type(obj)
    if hasattr(cls, '__getnewargs_ex__'):
        res = obj.__getnewargs_ex__()
        if not isinstance(res, tuple):
            raise TypeError("__getnewargs_ex__ should return a tuple, "
                            "not '%s'" % type(res).__name__)
        if len(res) != 2:
            raise ValueError("__getnewargs_ex__ should return a tuple of "
                             "length 2, not %d" % len(res))
        for what, val, want in (('first', res[0], tuple), ('second', res[1], dict)):
            if not isinstance(val, want):
                raise TypeError("%s item of the tuple returned by __getnewargs_ex__ "
                                "must be a %s, not '%s'"
                                % (what, want.__name__, type(val).__name__))
        return res
    if hasattr(cls, '__getnewargs__'):
        args = obj.__getnewargs__()
        if not isinstance(args, tuple):
            raise TypeError("__getnewargs__ should return a tuple, "
                            "not '%s'" % type(args).__name__)
        return args, None
    for base, conv in _NEWARGS:
        if isinstance(obj, base):
            return conv(obj), None
    return None, None


# torii's immutable builtins lack __getnewargs__; CPython's return these.
_NEWARGS = ((bool, lambda o: (int(o),)), (int, lambda o: (int(o),)),
            (float, lambda o: (float(o),)), (str, lambda o: (str(o),)),
            (bytes, lambda o: (bytes(o),)), (tuple, lambda o: (tuple(o),)),
            (complex, lambda o: (o.real, o.imag)))


def _reduce_newobj(obj):
    """Reduction for protocols 2 and up: __newobj__/__newobj_ex__."""
    cls = type(obj)
    args, kwargs = _getnewargs(obj)
    if not kwargs:
        newobj, newargs = __newobj__, (cls,) + (args or ())
    else:
        newobj, newargs = __newobj_ex__, (cls, args, kwargs)
    if args is None and not isinstance(obj, (list, dict)):
        base = next(b for b in cls.__mro__ if not _is_heap(b))
        if base is not object:
            raise TypeError("cannot pickle %r object" % _tp_name(cls))
    state = _getstate(obj)
    listitems = iter(obj) if isinstance(obj, list) else None
    dictitems = iter(obj.items()) if isinstance(obj, dict) else None
    return newobj, newargs, state, listitems, dictitems


class _Probe:
    def method(self):
        pass


_MethodType = type(_Probe().method)
del _Probe


def _dict_or_none(obj):
    try:
        return object.__getattribute__(obj, '__dict__') or None
    except AttributeError:
        return None


def _collections_reduce(obj, cls):
    """CPython's __reduce__ of the collections types, or NotImplemented."""
    mod = _sys.modules.get("collections")
    if mod is None:
        return NotImplemented
    state = _getstate(obj)
    if isinstance(obj, getattr(mod, 'deque', ())):
        args = () if obj.maxlen is None else ((), obj.maxlen)
        return cls, args, state, iter(obj)
    if isinstance(obj, getattr(mod, 'defaultdict', ())):
        args = () if obj.default_factory is None else (obj.default_factory,)
        return cls, args, None, None, iter(obj.items())
    if isinstance(obj, getattr(mod, 'OrderedDict', ())):
        return cls, (), state, None, iter(obj.items())
    if isinstance(obj, getattr(mod, 'Counter', ())):
        return cls, (dict(obj),)
    return NotImplemented


# Fields CPython keeps in C slots of builtin exceptions (torii keeps them in
# the instance dict, which must not leak into the pickled state).
_EXCEPTION_FIELDS = (
    (OSError, 'errno strerror filename filename2 winerror characters_written'),
    (ImportError, 'msg name path name_from'), (StopIteration, 'value'),
    (SyntaxError, 'msg print_file_and_line filename lineno offset text end_lineno end_offset'),
    (SystemExit, 'code'), (UnicodeError, 'encoding object start end reason'),
    (AttributeError, 'name obj'), (NameError, 'name'))


def _exception_reduce(obj, cls):
    """BaseException.__reduce__, with the OSError and ImportError variants."""
    hidden = set()
    for base, names in _EXCEPTION_FIELDS:
        if isinstance(obj, base):
            hidden.update(names.split())
    state = {k: v for k, v in (_dict_or_none(obj) or {}).items() if k not in hidden}
    args = obj.args
    if isinstance(obj, OSError) and len(args) == 2 and obj.filename is not None:
        args = (obj.errno, obj.strerror, obj.filename)
        if obj.filename2 is not None:
            args += (None, obj.filename2)
    if isinstance(obj, ImportError):
        state.update((k, getattr(obj, k)) for k in ('name', 'path', 'name_from')
                     if getattr(obj, k, None) is not None)
    return (cls, args, state) if state else (cls, args)


def _builtin_reduce(obj, proto):
    """The own __reduce__ of CPython builtins that torii's lack; NotImplemented
    when obj is none of them."""
    cls = type(obj)
    if obj is ... or obj is NotImplemented:
        return repr(obj)
    if isinstance(obj, (set, frozenset)):
        return cls, (list(obj),), _getstate(obj)
    if isinstance(obj, bytearray):
        args = (bytes(obj),) if proto >= 3 else (str(obj, 'latin-1'), 'latin-1')
        return cls, args, _getstate(obj)
    if isinstance(obj, BaseException):
        return _exception_reduce(obj, cls)
    if cls in (range, slice):
        return cls, (obj.start, obj.stop, obj.step)
    if cls is type(len) or cls is _MethodType:
        self = obj.__self__
        if self is None or type(self) is type(_sys):
            return obj.__qualname__
        return getattr, (self, obj.__name__)
    if not _is_heap(cls) and hasattr(obj, '__objclass__'):    # method/slot descriptors
        return getattr, (obj.__objclass__, obj.__name__)
    return _collections_reduce(obj, cls)


def _object_reduce(obj, proto=0):
    """What object.__reduce__ (proto 0) and the default of
    object.__reduce_ex__ return."""
    rv = _builtin_reduce(obj, proto)
    if rv is not NotImplemented:
        return rv
    return _reduce_ex(obj, proto) if proto < 2 else _reduce_newobj(obj)


def _default_reduce_ex(obj, proto):
    """object.__reduce_ex__(obj, proto): an overriding __reduce__ wins."""
    meth = getattr(type(obj), '__reduce__', None)
    if meth is not None and meth is not getattr(object, '__reduce__', None):
        return obj.__reduce__()
    return _object_reduce(obj, proto)


# Extension registry: (module, name) <-> code; cache maps code -> object.
_extension_registry = {}
_inverted_registry = {}
_extension_cache = {}


def add_extension(module, name, code):
    """Register an extension code."""
    code = int(code)
    if not 1 <= code <= 0x7fffffff:
        raise ValueError("code out of range")
    key = (module, name)
    if _extension_registry.get(key) == code and _inverted_registry.get(code) == key:
        return
    if key in _extension_registry:
        raise ValueError("key %s is already registered with code %s"
                         % (key, _extension_registry[key]))
    if code in _inverted_registry:
        raise ValueError("code %s is already in use for key %s"
                         % (code, _inverted_registry[code]))
    _extension_registry[key] = code
    _inverted_registry[code] = key


def remove_extension(module, name, code):
    """Unregister an extension code.  For testing only."""
    key = (module, name)
    if _extension_registry.get(key) != code or _inverted_registry.get(code) != key:
        raise ValueError("key %s is not registered with code %s" % (key, code))
    del _extension_registry[key]
    del _inverted_registry[code]
    _extension_cache.pop(code, None)


def clear_extension_cache():
    _extension_cache.clear()
