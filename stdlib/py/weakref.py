"""Weak references: ref (ReferenceType), proxy (ProxyType,
CallableProxyType), getweakrefcount, getweakrefs, WeakMethod, the weak
containers WeakValueDictionary, WeakKeyDictionary and WeakSet, and
finalize.

torii's own implementation.  `ref` and the referent tables are in C
(objects/weakref.c, the _weakref module); proxies are written here as
forwarding classes over a ref.  Thread rule: dereferencing while another
thread drops the last strong reference gives the object or None, never a
freed object (docs/threading.md).  The containers may be used from several
threads: every change to their underlying dict or set is one operation on a
builtin container, and the removal a dying referent triggers deletes its
entry only if it still holds that dead reference (_remove_dead_weakref).
"""

import sys as _sys
import itertools as _itertools
from _weakref import (ref, ReferenceType, getweakrefcount, getweakrefs as _getweakrefs,
                      _remove_dead_weakref)

__all__ = ["ref", "proxy", "getweakrefcount", "getweakrefs",
           "WeakKeyDictionary", "ReferenceType", "ProxyType",
           "CallableProxyType", "ProxyTypes", "WeakValueDictionary",
           "WeakSet", "WeakMethod", "finalize"]


# ---- proxies ------------------------------------------------------------------

class _ProxyRef(ref):
    """The weak reference behind a proxy: `proxy` is a weak reference back
    to the proxy (so that getweakrefs can report the proxy), `user_cb` the
    callback given to proxy()."""
    __slots__ = ('proxy', 'user_cb')

    def __new__(cls, ob, user_cb):
        self = ref.__new__(cls, ob, _proxy_died if user_cb is not None else None)
        self.user_cb = user_cb
        self.proxy = None
        return self

    def __init__(self, ob, user_cb):
        pass


def _proxy_died(r):
    p = r.proxy() if r.proxy is not None else None
    if p is not None:
        r.user_cb(p)


_get_ref = None      # set below: reads a proxy's own slot without forwarding


def _unwrap(x):
    """The referent of proxy `x` (ReferenceError when dead), else x."""
    if type(x) is ProxyType or type(x) is CallableProxyType:
        o = _get_ref(x)()
        if o is None:
            raise ReferenceError('weakly-referenced object no longer exists')
        return o
    return x


class ProxyType:
    """A proxy: every operation is forwarded to the referent while it is
    alive; afterwards each raises ReferenceError."""
    __slots__ = ('_ProxyType__wr', '__weakref__')

    def __getattribute__(self, name):
        return getattr(_unwrap(self), name)

    def __setattr__(self, name, value):
        setattr(_unwrap(self), name, value)

    def __delattr__(self, name):
        delattr(_unwrap(self), name)

    def __repr__(self):
        o = _get_ref(self)()
        if o is None:
            return '<weakproxy at %#x; dead>' % id(self)
        return "<weakproxy at %#x; to '%s' at %#x>" % (id(self), type(o).__name__, id(o))

    def __str__(self):
        return str(_unwrap(self))

    def __bytes__(self):
        return bytes(_unwrap(self))

    def __hash__(self):
        raise TypeError("unhashable type: 'weakref.ProxyType'")

    def __bool__(self):
        return bool(_unwrap(self))

    def __len__(self):
        return len(_unwrap(self))

    def __iter__(self):
        return iter(_unwrap(self))

    def __next__(self):
        o = _unwrap(self)
        if not hasattr(type(o), '__next__'):
            raise TypeError("Weakref proxy referenced a non-iterator '%s' object" % type(o).__name__)
        return next(o)

    def __reversed__(self):
        return reversed(_unwrap(self))

    def __contains__(self, item):
        return item in _unwrap(self)

    def __getitem__(self, key):
        return _unwrap(self)[key]

    def __setitem__(self, key, value):
        _unwrap(self)[key] = value

    def __delitem__(self, key):
        del _unwrap(self)[key]

    def __index__(self):
        return _unwrap(self).__index__()

    def __int__(self):
        return int(_unwrap(self))

    def __float__(self):
        return float(_unwrap(self))

    def __abs__(self):
        return abs(_unwrap(self))

    def __neg__(self):
        return -_unwrap(self)

    def __pos__(self):
        return +_unwrap(self)

    def __invert__(self):
        return ~_unwrap(self)

    def __lt__(self, other):
        return _unwrap(self) < _unwrap(other)

    def __le__(self, other):
        return _unwrap(self) <= _unwrap(other)

    def __eq__(self, other):
        return _unwrap(self) == _unwrap(other)

    def __ne__(self, other):
        return _unwrap(self) != _unwrap(other)

    def __gt__(self, other):
        return _unwrap(self) > _unwrap(other)

    def __ge__(self, other):
        return _unwrap(self) >= _unwrap(other)


def _add_binops():
    import operator
    names = ('add', 'sub', 'mul', 'matmul', 'truediv', 'floordiv', 'mod',
             'pow', 'lshift', 'rshift', 'and', 'xor', 'or')
    for n in names:
        fn = getattr(operator, n + '_' if n in ('and', 'or') else n)
        ifn = getattr(operator, 'i' + n)

        def fwd(self, other, fn=fn):
            return fn(_unwrap(self), _unwrap(other))

        def refl(self, other, fn=fn):
            return fn(_unwrap(other), _unwrap(self))

        def inplace(self, other, ifn=ifn):
            return ifn(_unwrap(self), _unwrap(other))

        setattr(ProxyType, '__%s__' % n, fwd)
        setattr(ProxyType, '__r%s__' % n, refl)
        setattr(ProxyType, '__i%s__' % n, inplace)

    def divmod_(self, other):
        return divmod(_unwrap(self), _unwrap(other))

    def rdivmod(self, other):
        return divmod(_unwrap(other), _unwrap(self))

    ProxyType.__divmod__ = divmod_
    ProxyType.__rdivmod__ = rdivmod


_add_binops()
_get_ref = ProxyType._ProxyType__wr.__get__


class CallableProxyType(ProxyType):
    """A proxy to a callable object."""
    __slots__ = ()

    def __call__(self, *args, **kwargs):
        return _unwrap(self)(*args, **kwargs)


ProxyType.__module__ = CallableProxyType.__module__ = 'weakref'
ProxyTypes = (ProxyType, CallableProxyType)


def proxy(obj, callback=None, /):
    """A proxy to obj that uses a weak reference; callback(proxy) is called
    when obj is about to be finalized.  Proxies without callback are shared."""
    cls = CallableProxyType if callable(obj) else ProxyType
    if callback is None:
        for r in _getweakrefs(obj):
            if type(r) is _ProxyRef and r.user_cb is None and r.proxy is not None:
                p = r.proxy()
                if p is not None and type(p) is cls:
                    return p
    r = _ProxyRef(obj, callback)
    p = object.__new__(cls)
    object.__setattr__(p, '_ProxyType__wr', r)
    r.proxy = ref(p)
    return p


def getweakrefs(obj, /):
    """The weak reference and proxy objects that refer to obj."""
    out = []
    for r in _getweakrefs(obj):
        if type(r) is _ProxyRef:
            p = r.proxy() if r.proxy is not None else None
            if p is not None:
                out.append(p)
        else:
            out.append(r)
    return out


# ---- WeakMethod ------------------------------------------------------------------

class WeakMethod(ref):
    """A weak reference to a bound method: it stays alive as long as both the
    instance and the function do (a bound method object itself dies at once)."""
    __slots__ = ('_fn', '_kind', '_dead', '__weakref__')

    def __new__(cls, meth, callback=None):
        try:
            target, fn = meth.__self__, meth.__func__
        except AttributeError:
            raise TypeError("argument should be a bound method, not {}".format(type(meth))) from None
        me = None      # a weak reference to the new object, bound below

        def died(_):
            # the instance or the function went: report once
            w = me() if me is not None else None
            if w is not None and not w._dead:
                w._dead = True
                if callback is not None:
                    callback(w)

        self = ref.__new__(cls, target, died)
        self._fn = ref(fn, died)
        self._kind = type(meth)
        self._dead = False
        me = ref(self)
        return self

    def __init__(self, meth, callback=None):
        pass

    def __call__(self):
        target, fn = ref.__call__(self), self._fn()
        if target is None or fn is None:
            return None
        return self._kind(fn, target)

    def _same(self, other):
        if self._dead or other._dead:
            return self is other
        return ref.__eq__(self, other) and self._fn == other._fn

    def __eq__(self, other):
        return self._same(other) if isinstance(other, WeakMethod) else NotImplemented

    def __ne__(self, other):
        return not self._same(other) if isinstance(other, WeakMethod) else NotImplemented

    __hash__ = ref.__hash__


# ---- WeakValueDictionary ------------------------------------------------------------

class KeyedRef(ref):
    """A weak reference that remembers the key it is stored under (the
    values of a WeakValueDictionary)."""
    __slots__ = ('key',)

    def __new__(cls, ob, callback, key):
        self = ref.__new__(cls, ob, callback)
        self.key = key
        return self

    def __init__(self, ob, callback, key):
        pass


class _Guard:
    """While a container is iterated, removals of dead entries are queued
    (deleting from a dict being iterated would stop the iteration)."""

    def __init__(self, container):
        self.c = container

    def __enter__(self):
        self.c._iterating += 1
        return self

    def __exit__(self, *exc):
        c = self.c
        c._iterating -= 1
        if not c._iterating and c._pending:
            c._commit_removals()


class _WeakMap:
    """What the two weak dictionaries share: the repr, clear, ==, and the
    | operators (the class's own copy() and update() do the work)."""

    def __repr__(self):
        return "<%s at %#x>" % (self.__class__.__name__, id(self))

    def clear(self):
        self._pending = []
        self.data.clear()

    def __eq__(self, other):
        if isinstance(other, (type(self)._kind, dict)):
            return dict(self.items()) == dict(other.items())
        return NotImplemented

    def __or__(self, other):
        if hasattr(other, 'keys'):
            c = self.copy()
            c.update(other)
            return c
        return NotImplemented

    def __ror__(self, other):
        if hasattr(other, 'keys'):
            c = self.__class__()
            c.update(other)
            c.update(self)
            return c
        return NotImplemented

    def __ior__(self, other):
        self.update(other)
        return self


class WeakValueDictionary(_WeakMap):
    """A mapping whose values are held weakly: an entry goes when its value
    is no longer strongly referenced anywhere else."""

    def __init__(self, other=(), /, **kw):
        def remove(wr, selfref=ref(self)):
            self = selfref()
            if self is not None:
                if self._iterating:
                    self._pending.append(wr.key)
                else:
                    _remove_dead_weakref(self.data, wr.key)
        self._remove = remove
        self._pending = []
        self._iterating = 0
        self.data = {}
        self.update(other, **kw)

    def _commit_removals(self):
        pending, self._pending = self._pending, []
        for key in pending:
            _remove_dead_weakref(self.data, key)

    def __getitem__(self, key):
        o = self.data[key]()
        if o is None:
            raise KeyError(key)
        return o

    def __delitem__(self, key):
        if self._pending:
            self._commit_removals()
        del self.data[key]

    def __len__(self):
        if self._pending:
            self._commit_removals()
        return len(self.data)

    def __contains__(self, key):
        try:
            o = self.data[key]()
        except KeyError:
            return False
        return o is not None


    def __setitem__(self, key, value):
        if self._pending:
            self._commit_removals()
        self.data[key] = KeyedRef(value, self._remove, key)

    def copy(self):
        new = WeakValueDictionary()
        with _Guard(self):
            for key, wr in self.data.items():
                o = wr()
                if o is not None:
                    new[key] = o
        return new

    __copy__ = copy

    def __deepcopy__(self, memo):
        from copy import deepcopy
        new = self.__class__()
        with _Guard(self):
            for key, wr in self.data.items():
                o = wr()
                if o is not None:
                    new[deepcopy(key, memo)] = o
        return new

    def get(self, key, default=None):
        try:
            wr = self.data[key]
        except KeyError:
            return default
        o = wr()
        return default if o is None else o

    def items(self):
        with _Guard(self):
            for k, wr in list(self.data.items()):
                v = wr()
                if v is not None:
                    yield k, v

    def keys(self):
        with _Guard(self):
            for k, wr in list(self.data.items()):
                if wr() is not None:
                    yield k

    __iter__ = keys

    def itervaluerefs(self):
        """The weak references to the values (they may be dead by the time
        they are used)."""
        with _Guard(self):
            yield from list(self.data.values())

    def valuerefs(self):
        if self._pending:
            self._commit_removals()
        return list(self.data.values())

    def values(self):
        with _Guard(self):
            for wr in list(self.data.values()):
                o = wr()
                if o is not None:
                    yield o

    def popitem(self):
        if self._pending:
            self._commit_removals()
        while True:
            key, wr = self.data.popitem()
            o = wr()
            if o is not None:
                return key, o

    def pop(self, key, *args):
        if self._pending:
            self._commit_removals()
        try:
            o = self.data.pop(key)()
        except KeyError:
            o = None
        if o is None:
            if args:
                return args[0]
            raise KeyError(key)
        return o

    def setdefault(self, key, default=None):
        try:
            o = self.data[key]()
        except KeyError:
            o = None
        if o is None:
            if self._pending:
                self._commit_removals()
            self.data[key] = KeyedRef(default, self._remove, key)
            return default
        return o

    def update(self, other=None, /, **kwargs):
        if self._pending:
            self._commit_removals()
        d = self.data
        if other is not None:
            if not hasattr(other, 'items'):
                other = dict(other)
            for key, o in other.items():
                d[key] = KeyedRef(o, self._remove, key)
        for key, o in kwargs.items():
            d[key] = KeyedRef(o, self._remove, key)



WeakValueDictionary._kind = WeakValueDictionary


# ---- WeakKeyDictionary --------------------------------------------------------------

class WeakKeyDictionary(_WeakMap):
    """A mapping whose keys are held weakly: an entry goes when its key is
    no longer strongly referenced anywhere else.  Keys compare by their own
    == (a weak reference hashes and compares as its referent)."""

    def __init__(self, dict=None):
        self.data = {}

        def remove(k, selfref=ref(self)):
            self = selfref()
            if self is not None:
                if self._iterating:
                    self._pending.append(k)
                else:
                    try:
                        del self.data[k]
                    except KeyError:
                        pass
        self._remove = remove
        self._pending = []
        self._iterating = 0
        self._dirty_len = False
        if dict is not None:
            self.update(dict)

    def _commit_removals(self):
        pending, self._pending = self._pending, []
        d = self.data
        for key in pending:
            try:
                del d[key]
            except KeyError:
                pass

    def _scrub_removals(self):
        d = self.data
        self._pending = [k for k in self._pending if k in d]
        self._dirty_len = False

    def __delitem__(self, key):
        self._dirty_len = True
        del self.data[ref(key)]

    def __getitem__(self, key):
        return self.data[ref(key)]

    def __len__(self):
        if self._dirty_len and self._pending:
            self._scrub_removals()
        return len(self.data) - len(self._pending)


    def __setitem__(self, key, value):
        self.data[ref(key, self._remove)] = value

    def copy(self):
        new = WeakKeyDictionary()
        with _Guard(self):
            for key, value in self.data.items():
                o = key()
                if o is not None:
                    new[o] = value
        return new

    __copy__ = copy

    def __deepcopy__(self, memo):
        from copy import deepcopy
        new = self.__class__()
        with _Guard(self):
            for key, value in self.data.items():
                o = key()
                if o is not None:
                    new[o] = deepcopy(value, memo)
        return new

    def get(self, key, default=None):
        return self.data.get(ref(key), default)

    def __contains__(self, key):
        try:
            wr = ref(key)
        except TypeError:
            return False
        return wr in self.data

    def items(self):
        with _Guard(self):
            for wr, value in list(self.data.items()):
                key = wr()
                if key is not None:
                    yield key, value

    def keys(self):
        with _Guard(self):
            for wr in list(self.data):
                o = wr()
                if o is not None:
                    yield o

    __iter__ = keys

    def values(self):
        with _Guard(self):
            for wr, value in list(self.data.items()):
                if wr() is not None:
                    yield value

    def keyrefs(self):
        """The weak references to the keys."""
        return list(self.data)

    def popitem(self):
        self._dirty_len = True
        while True:
            key, value = self.data.popitem()
            o = key()
            if o is not None:
                return o, value

    def pop(self, key, *args):
        self._dirty_len = True
        return self.data.pop(ref(key), *args)

    def setdefault(self, key, default=None):
        return self.data.setdefault(ref(key, self._remove), default)

    def update(self, dict=None, /, **kwargs):
        d = self.data
        if dict is not None:
            if not hasattr(dict, 'items'):
                dict = type({})(dict)
            for key, value in dict.items():
                d[ref(key, self._remove)] = value
        if kwargs:
            self.update(kwargs)



WeakKeyDictionary._kind = WeakKeyDictionary


# ---- WeakSet -----------------------------------------------------------------------

class WeakSet:
    """A set whose members are held weakly."""

    def __init__(self, data=None):
        self.data = set()

        def remove(item, selfref=ref(self)):
            self = selfref()
            if self is not None:
                if self._iterating:
                    self._pending.append(item)
                else:
                    self.data.discard(item)
        self._remove = remove
        self._pending = []
        self._iterating = 0
        if data is not None:
            self.update(data)

    def _commit_removals(self):
        pending, self._pending = self._pending, []
        for item in pending:
            self.data.discard(item)

    def __iter__(self):
        with _Guard(self):
            for wr in list(self.data):
                o = wr()
                if o is not None:
                    yield o

    def __len__(self):
        return len(self.data) - len(self._pending)

    def __contains__(self, item):
        try:
            wr = ref(item)
        except TypeError:
            return False
        return wr in self.data

    def __repr__(self):
        return '{}({!r})'.format(self.__class__.__name__, list(self))

    def __reduce__(self):
        return self.__class__, (list(self),), self.__getstate__() if hasattr(self, '__getstate__') else None

    def add(self, item):
        if self._pending:
            self._commit_removals()
        self.data.add(ref(item, self._remove))

    def clear(self):
        if self._pending:
            self._commit_removals()
        self.data.clear()

    def copy(self):
        return self.__class__(self)

    def pop(self):
        if self._pending:
            self._commit_removals()
        while True:
            try:
                wr = self.data.pop()
            except KeyError:
                raise KeyError('pop from empty WeakSet') from None
            o = wr()
            if o is not None:
                return o

    def remove(self, item):
        if self._pending:
            self._commit_removals()
        self.data.remove(ref(item))

    def discard(self, item):
        if self._pending:
            self._commit_removals()
        self.data.discard(ref(item))

    def update(self, other):
        if self._pending:
            self._commit_removals()
        for element in other:
            self.add(element)

    def __ior__(self, other):
        self.update(other)
        return self

    def difference(self, other):
        new = self.copy()
        new.difference_update(other)
        return new
    __sub__ = difference

    def difference_update(self, other):
        self.__isub__(other)

    def __isub__(self, other):
        if self._pending:
            self._commit_removals()
        if self is other:
            self.data.clear()
        else:
            self.data.difference_update(ref(item) for item in other)
        return self

    def intersection(self, other):
        return self.__class__(item for item in other if item in self)
    __and__ = intersection

    def intersection_update(self, other):
        self.__iand__(other)

    def __iand__(self, other):
        if self._pending:
            self._commit_removals()
        self.data.intersection_update(ref(item) for item in other)
        return self

    def issubset(self, other):
        return self.data.issubset(ref(item) for item in other)
    __le__ = issubset

    def __lt__(self, other):
        return self.data < set(map(ref, other))

    def issuperset(self, other):
        return self.data.issuperset(ref(item) for item in other)
    __ge__ = issuperset

    def __gt__(self, other):
        return self.data > set(map(ref, other))

    def __eq__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.data == set(map(ref, other))

    def symmetric_difference(self, other):
        new = self.copy()
        new.symmetric_difference_update(other)
        return new
    __xor__ = symmetric_difference

    def symmetric_difference_update(self, other):
        self.__ixor__(other)

    def __ixor__(self, other):
        if self._pending:
            self._commit_removals()
        if self is other:
            self.data.clear()
        else:
            self.data.symmetric_difference_update(ref(item, self._remove) for item in other)
        return self

    def union(self, other):
        return self.__class__(_itertools.chain(self, other))
    __or__ = union

    def isdisjoint(self, other):
        return len(self.intersection(other)) == 0


# ---- finalize ------------------------------------------------------------------------

class _Pending:
    """What a live finalize will do."""
    __slots__ = ('target', 'func', 'args', 'kwargs', 'at_exit', 'seq')


_pending = {}                  # finalize -> _Pending, while it has not run
_seq = _itertools.count()      # creation order: at exit the newest runs first
_exit_hook = []                # [True] once atexit knows about _run_at_exit
_exiting = []                  # [True] once the exit run has started


class finalize:
    """finalize(obj, func, /, *args, **kwargs): calls func(*args, **kwargs)
    once, when obj is garbage collected or at exit (if `atexit` is true),
    whichever comes first.  Calling the finalizer runs it early."""

    __slots__ = ('__weakref__',)

    def __init__(self, obj, func, /, *args, **kwargs):
        if not _exit_hook:
            import atexit
            atexit.register(_run_at_exit)
            _exit_hook.append(True)
        job = _Pending()
        job.target = ref(obj, self)      # obj's death calls self(...)
        job.func, job.args, job.kwargs = func, args, kwargs
        job.at_exit = True
        job.seq = next(_seq)
        _pending[self] = job

    def __call__(self, _=None):
        """If alive, marks it dead and returns func(*args, **kwargs); else None."""
        job = _pending.pop(self, None)
        if job is not None and not _exiting:
            return job.func(*job.args, **job.kwargs)
        return None

    def _live(self):
        job = _pending.get(self)
        obj = job.target() if job is not None else None
        return job, obj

    def detach(self):
        """If alive, marks it dead and returns (obj, func, args, kwargs)."""
        job, obj = self._live()
        if obj is not None and _pending.pop(self, None) is not None:
            return (obj, job.func, job.args, job.kwargs)
        return None

    def peek(self):
        """If alive, returns (obj, func, args, kwargs) without marking it dead."""
        job, obj = self._live()
        if obj is not None:
            return (obj, job.func, job.args, job.kwargs)
        return None

    @property
    def alive(self):
        """Whether the finalizer has yet to run."""
        return self in _pending

    @property
    def atexit(self):
        """Whether the finalizer runs at exit if still alive."""
        job = _pending.get(self)
        return job is not None and job.at_exit

    @atexit.setter
    def atexit(self, value):
        job = _pending.get(self)
        if job is not None:
            job.at_exit = bool(value)

    def __repr__(self):
        job, obj = self._live()
        if obj is None:
            return '<%s object at %#x; dead>' % (type(self).__name__, id(self))
        return '<%s object at %#x; for %r at %#x>' % (type(self).__name__, id(self),
                                                       type(obj).__name__, id(obj))


def _run_at_exit():
    # newest first; a finalizer may create or run others, so look again
    # after each one.  No collection runs meanwhile.
    import gc
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        while True:
            due = [(job.seq, f) for f, job in list(_pending.items()) if job.at_exit]
            if not due:
                break
            f = max(due, key=lambda item: item[0])[1]
            try:
                f()
            except Exception:
                _sys.excepthook(*_sys.exc_info())
            _pending.pop(f, None)
    finally:
        _exiting.append(True)
        if was_enabled:
            gc.enable()
