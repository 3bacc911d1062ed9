# contextvars: context variables (PEP 567), in Python.
# A Context maps ContextVar -> value.  Its mapping is never changed in place:
# ContextVar.set installs a new dict in the current context, so a copy made
# earlier (copy_context) keeps what it saw.  Each thread has its own current
# context (a threading.local), and a new thread starts in an empty one, as in
# CPython 3.13; Context.run makes a context current for one call.
# Threads: a Context may be entered by one thread at a time (RuntimeError
# otherwise); `_entered` is set and cleared under `_guard`.

import threading as _threading

__all__ = ('Context', 'ContextVar', 'Token', 'copy_context')

_guard = _threading.Lock()
_where = _threading.local()
_UNSET = object()
_ever_set = False    # asyncio copies contexts for its tasks only once a variable was set


def _current():
    ctx = getattr(_where, 'ctx', None)
    if ctx is None:
        ctx = Context()
        _where.ctx = ctx
    return ctx


class Context:
    """A mapping of context variables to their values."""

    __slots__ = ('_data', '_entered', '_outer')

    def __init__(self):
        self._data = {}
        self._entered = False
        self._outer = None

    def run(self, callable, /, *args, **kwargs):
        with _guard:
            if self._entered:
                raise RuntimeError(f'cannot enter context: {self!r} is already entered')
            self._entered = True
        self._outer = getattr(_where, 'ctx', None)
        _where.ctx = self
        try:
            return callable(*args, **kwargs)
        finally:
            _where.ctx = self._outer
            self._outer = None
            with _guard:
                self._entered = False

    def copy(self):
        twin = Context()
        twin._data = self._data
        return twin

    def __getitem__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError(f"a ContextVar key was expected, got {var!r}")
        return self._data[var]

    def get(self, var, default=None):
        if not isinstance(var, ContextVar):
            raise TypeError(f"a ContextVar key was expected, got {var!r}")
        return self._data.get(var, default)

    def __contains__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError(f"a ContextVar key was expected, got {var!r}")
        return var in self._data

    def __len__(self):
        return len(self._data)

    def __iter__(self):
        return iter(self._data)

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()

    def __eq__(self, other):
        if not isinstance(other, Context):
            return NotImplemented
        return self._data == other._data

    __hash__ = None

    def __repr__(self):
        return f'<_contextvars.Context object at {id(self):#x}>'


Context.__module__ = '_contextvars'


def copy_context():
    """A copy of the current context."""
    return _current().copy()


class _Missing:
    __slots__ = ()

    def __repr__(self):
        return '<Token.MISSING>'


class Token:
    """What ContextVar.set returns: ContextVar.reset(token) undoes that set."""

    __slots__ = ('_var', '_old', '_ctx', '_used')

    MISSING = _Missing()

    def __init__(self, *args, **kwargs):
        raise RuntimeError('Tokens can only be created by ContextVars')

    @classmethod
    def _make(cls, var, old, ctx):
        tok = object.__new__(cls)
        tok._var, tok._old, tok._ctx, tok._used = var, old, ctx, False
        return tok

    @property
    def var(self):
        return self._var

    @property
    def old_value(self):
        return self._old

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)

    def __repr__(self):
        used = ' used' if self._used else ''
        return f'<Token{used} var={self._var!r} at {id(self):#x}>'


Token.__module__ = '_contextvars'


class ContextVar:
    """A context variable: its value depends on the current Context."""

    __slots__ = ('_name', '_default')

    def __init__(self, name, *, default=_UNSET):
        if not isinstance(name, str):
            raise TypeError('context variable name must be a str')
        self._name = name
        self._default = default

    def __init_subclass__(cls, **kwargs):
        raise TypeError("type '_contextvars.ContextVar' is not an acceptable base type")

    @property
    def name(self):
        return self._name

    def get(self, *args):
        if len(args) > 1:
            raise TypeError(f'get expected at most 1 argument, got {len(args)}')
        data = _current()._data
        if self in data:
            return data[self]
        if args:
            return args[0]
        if self._default is not _UNSET:
            return self._default
        raise LookupError(self)

    def set(self, value):
        global _ever_set
        _ever_set = True
        ctx = _current()
        old = ctx._data.get(self, Token.MISSING)
        fresh = dict(ctx._data)
        fresh[self] = value
        ctx._data = fresh
        return Token._make(self, old, ctx)

    def reset(self, token):
        if not isinstance(token, Token):
            raise TypeError(f'expected an instance of Token, got {type(token).__name__!r}')
        if token._used:
            raise RuntimeError(f'{token!r} has already been used once')
        if token._var is not self:
            raise ValueError(f'{token!r} was created by a different ContextVar')
        ctx = _current()
        if token._ctx is not ctx:
            raise ValueError(f'{token!r} was created in a different Context')
        fresh = dict(ctx._data)
        if token._old is Token.MISSING:
            fresh.pop(self, None)
        else:
            fresh[self] = token._old
        ctx._data = fresh
        token._used = True

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)

    def __hash__(self):
        return object.__hash__(self)

    def __repr__(self):
        default = '' if self._default is _UNSET else f' default={self._default!r}'
        return f'<ContextVar name={self._name!r}{default} at {id(self):#x}>'


ContextVar.__module__ = '_contextvars'
