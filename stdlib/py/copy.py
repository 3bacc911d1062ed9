"""Shallow and deep copy operations: copy(x), deepcopy(x, memo), replace(obj,
**changes) and the Error exception.

Immutable builtins are returned as they are and the builtin containers are
copied directly; everything else goes through __copy__ / __deepcopy__, a
reducer of copyreg.dispatch_table, or the object's __reduce_ex__(4) (object's
own, in objects/object.c, is copyreg's default reduction), whose result is
rebuilt by _reconstruct.  `memo` maps id(original) to its copy; it also keeps
the originals alive (under the key id(memo)) so their ids stay unique while
the copy runs."""

from copyreg import dispatch_table
from _weakref import ref as _weakref_ref

__all__ = ['Error', 'copy', 'deepcopy', 'replace']


class Error(Exception):
    pass


error = Error


def _f():
    pass


class _C:
    def _m(self):
        pass


_FunctionType = type(_f)
_MethodType = type(_C()._m)
_CodeType = type(_f.__code__)
del _C

# Objects of these types are their own copies, shallow and deep.
_atomic = {type(None), type(Ellipsis), type(NotImplemented), int, float, bool,
           complex, bytes, str, _CodeType, type, range, type(len),
           _FunctionType, _weakref_ref, property}

# Shallow copies: the immutable containers too; the mutable ones by .copy().
_immutable = _atomic | {tuple, frozenset}
_copy_method = {list: list.copy, dict: dict.copy, set: set.copy,
                bytearray: bytearray.copy}


def _reduce(x, cls, what):
    """The reduction of x: a str (x is a global: copy is x itself) or a tuple
    for _reconstruct."""
    reductor = dispatch_table.get(cls)
    if reductor is not None:
        return reductor(x)
    reductor = getattr(x, "__reduce_ex__", None)
    if reductor is not None:
        return reductor(4)
    reductor = getattr(x, "__reduce__", None)
    if reductor is not None:
        return reductor()
    raise Error("un(%s)copyable object of type %s" % (what, cls))


def copy(x):
    """Shallow copy operation on arbitrary Python objects."""
    cls = type(x)
    if cls in _immutable:
        return x
    method = _copy_method.get(cls)
    if method is not None:
        return method(x)
    if issubclass(cls, type):
        return x
    copier = getattr(cls, "__copy__", None)
    if copier is not None:
        return copier(x)
    rv = _reduce(x, cls, "shallow")
    if isinstance(rv, str):
        return x
    return _reconstruct(x, None, *rv)


def deepcopy(x, memo=None, _nil=[]):
    """Deep copy operation on arbitrary Python objects."""
    d = id(x)
    if memo is None:
        memo = {}
    else:
        y = memo.get(d, _nil)
        if y is not _nil:
            return y
    cls = type(x)
    if cls in _atomic or issubclass(cls, type):
        return x
    if cls is list:
        y = []
        memo[d] = y
        for a in x:
            y.append(deepcopy(a, memo))
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls is tuple:
        y = [deepcopy(a, memo) for a in x]
        # a tuple inside its own items was copied meanwhile: that copy wins
        try:
            return memo[d]
        except KeyError:
            pass
        for k, j in zip(x, y):
            if k is not j:
                y = tuple(y)
                break
        else:
            y = x
    elif cls is _MethodType:
        y = cls(x.__func__, deepcopy(x.__self__, memo))
    else:
        copier = getattr(x, "__deepcopy__", None)
        if copier is not None:
            y = copier(memo)
        else:
            rv = _reduce(x, cls, "deep")
            if isinstance(rv, str):
                y = x
            else:
                y = _reconstruct(x, memo, *rv)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _keep_alive(x, memo):
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


def _reconstruct(x, memo, func, args, state=None, listiter=None, dictiter=None):
    """Rebuilds x from its reduction: y = func(*args), then the state (through
    __setstate__, or into __dict__ and the slots), the list items and the
    dict items; each part deep-copied first when memo is not None."""
    deep = memo is not None
    if deep and args:
        args = deepcopy(args, memo)
    y = func(*args)
    if deep:
        memo[id(x)] = y
    if state is not None:
        if deep:
            state = deepcopy(state, memo)
        if hasattr(y, '__setstate__'):
            y.__setstate__(state)
        else:
            slotstate = None
            if isinstance(state, tuple) and len(state) == 2:
                state, slotstate = state
            if state is not None:
                y.__dict__.update(state)
            if slotstate is not None:
                for key, value in slotstate.items():
                    setattr(y, key, value)
    if listiter is not None:
        if deep:
            for item in listiter:
                y.append(deepcopy(item, memo))
        else:
            for item in listiter:
                y.append(item)
    if dictiter is not None:
        if deep:
            for key, value in dictiter:
                y[deepcopy(key, memo)] = deepcopy(value, memo)
        else:
            for key, value in dictiter:
                y[key] = value
    return y


def replace(obj, /, **changes):
    """Return a new object replacing specified fields with new values."""
    cls = obj.__class__
    func = getattr(cls, '__replace__', None)
    if func is None:
        raise TypeError(f"replace() does not support {cls.__name__} objects")
    return func(obj, **changes)
