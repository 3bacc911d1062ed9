"""Shallow and deep copy operations: copy(x), deepcopy(x, memo), and the
Error exception.  torii's own implementation: builtin containers are copied
directly; other objects through __copy__/__deepcopy__, __reduce_ex__-free
instance copying (a new instance of the class with its __dict__ copied)."""

__all__ = ['Error', 'copy', 'deepcopy', 'replace']


class Error(Exception):
    pass


error = Error

def _f():
    pass


_atomic = (type(None), int, float, bool, str, type, range, type(len),
           type(_f), type(Ellipsis), type(NotImplemented))
import builtins as _builtins
for _name in ('bytes', 'complex'):
    if hasattr(_builtins, _name):
        _atomic = _atomic + (getattr(_builtins, _name),)


def _is_atomic(x):
    return type(x) in _atomic


def copy(x):
    """Shallow copy operation on arbitrary Python objects."""
    cls = type(x)
    if _is_atomic(x):
        return x
    if cls is list:
        return x[:]
    if cls is dict:
        return x.copy()
    if cls is set:
        return x.copy()
    if cls is tuple or cls is frozenset:
        return x
    if isinstance(x, type):
        return x
    copier = getattr(cls, '__copy__', None)
    if copier is not None:
        return copier(x)
    return _reconstruct(x, None)


def _reconstruct(x, memo):
    cls = type(x)
    if isinstance(x, list):
        y = cls.__new__(cls)
        if memo is not None:
            memo[id(x)] = y
            y.extend(deepcopy(v, memo) for v in x)
        else:
            y.extend(x)
    elif isinstance(x, dict):
        y = cls.__new__(cls)
        if memo is not None:
            memo[id(x)] = y
            for k, v in x.items():
                y[deepcopy(k, memo)] = deepcopy(v, memo)
        else:
            y.update(x)
    else:
        try:
            y = object.__new__(cls)
        except TypeError:
            raise Error("un(deep)copyable object of type %s" % cls)
        if memo is not None:
            memo[id(x)] = y
    state = None
    getstate = getattr(x, '__getstate__', None)
    if getstate is not None and getattr(cls, '__getstate__', None) is not getattr(object, '__getstate__', None):
        state = getstate()
    else:
        try:
            state = x.__dict__
        except AttributeError:
            state = None
        slots = []
        for c in getattr(cls, '__mro__', (cls,)):
            s = c.__dict__.get('__slots__', ())
            if isinstance(s, str):
                s = (s,)
            for name in s:
                if name not in ('__dict__', '__weakref__') and hasattr(x, name):
                    slots.append((name, getattr(x, name)))
        if slots:
            state = (state, dict(slots))
    if state:
        if memo is not None:
            state = deepcopy(state, memo)
        if hasattr(y, '__setstate__'):
            y.__setstate__(state)
        else:
            slotstate = None
            if isinstance(state, tuple) and len(state) == 2:
                state, slotstate = state
            if state:
                y.__dict__.update(state)
            if slotstate:
                for k, v in slotstate.items():
                    setattr(y, k, v)
    return y


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
    if _is_atomic(x) or isinstance(x, type):
        y = x
    elif cls is list:
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
    elif cls is set:
        y = set()
        memo[d] = y
        for a in x:
            y.add(deepcopy(a, memo))
    elif cls is frozenset:
        y = frozenset(deepcopy(a, memo) for a in x)
    else:
        copier = getattr(x, '__deepcopy__', None)
        if copier is not None and not isinstance(x, type):
            y = copier(memo)
        else:
            y = _reconstruct(x, memo)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _keep_alive(x, memo):
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


def replace(obj, /, **changes):
    """Return a new object replacing specified fields with new values."""
    cls = obj.__class__
    func = getattr(cls, '__replace__', None)
    if func is None:
        raise TypeError(f"replace() does not support {cls.__name__} objects")
    return func(obj, **changes)
