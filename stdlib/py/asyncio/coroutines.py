"""Telling coroutines apart, and describing callables and coroutines the way
asyncio's reprs and log lines name them ("main() running at FILE:LINE",
"cb() at FILE:LINE").  Pure functions: nothing here has state.
"""

import collections.abc
import functools
from functools import partial as _partial
import reprlib
import types

__all__ = ('iscoroutinefunction', 'iscoroutine')

_CO_COROUTINE = 0x0080
_CO_ITERABLE_COROUTINE = 0x0100

# Marker some libraries set on a function to say it returns a coroutine.
_is_coroutine = object()

# Exact types checked first: a task's coroutine is almost always one.
_native_kinds = (types.CoroutineType, types.GeneratorType)


def _unwrap_callable(f):
    """Looks through bound methods and functools.partial to the function."""
    while True:
        if isinstance(f, functools.partial):
            f = f.func
        elif isinstance(f, types.MethodType):
            f = f.__func__
        else:
            return f


def iscoroutinefunction(func):
    """True if `func` is a coroutine function (async def, possibly behind a
    method or a partial)."""
    if getattr(func, '_is_coroutine', None) is _is_coroutine:
        return True
    target = _unwrap_callable(func)
    code = getattr(target, '__code__', None)
    if code is None or not isinstance(target, types.FunctionType):
        return False
    return bool(code.co_flags & _CO_COROUTINE)


def iscoroutine(obj):
    """True if `obj` is a coroutine object (what a Task can drive)."""
    kind = type(obj)
    if kind is types.CoroutineType:
        return True
    if kind is types.GeneratorType:
        return False
    return isinstance(obj, collections.abc.Coroutine)


def _isawaitable(obj):
    if isinstance(obj, types.CoroutineType):
        return True
    if isinstance(obj, types.GeneratorType):
        return bool(obj.gi_code.co_flags & _CO_ITERABLE_COROUTINE)
    return isinstance(obj, collections.abc.Awaitable)


def _where(func):
    """'FILE:LINE' of the definition of `func`, or None."""
    target = _unwrap_callable(func)
    code = getattr(target, '__code__', None)
    if code is None:
        return None
    return f'{code.co_filename}:{code.co_firstlineno}'


def _call_text(func, args):
    """How a scheduled call reads in a repr: qualname(arg, ...)."""
    if isinstance(func, _partial):
        inner = _call_text(func.func, func.args)
        return f'functools.partial({inner})' if not args else inner
    name = getattr(func, '__qualname__', None) or getattr(func, '__name__', None)
    if name is None:
        name = repr(func)
    shown = ', '.join(reprlib.repr(a) for a in args)
    return f'{name}({shown})'


def _describe_callback(func, args):
    """The call text plus ' at FILE:LINE' where the source is known."""
    text = _call_text(func, args)
    place = _where(func)
    return text if place is None else f'{text} at {place}'


def _describe_coro(coro):
    """'name() running at FILE:LINE' or 'name() done, defined at FILE:LINE'."""
    name = getattr(coro, '__qualname__', None) or getattr(coro, '__name__', None)
    if name is None:
        name = type(coro).__name__
    name = f'{name}()'
    frame = getattr(coro, 'cr_frame', None)
    if frame is None:
        frame = getattr(coro, 'gi_frame', None)
    code = getattr(coro, 'cr_code', None) or getattr(coro, 'gi_code', None)
    if frame is not None:
        return f'{name} running at {frame.f_code.co_filename}:{frame.f_lineno}'
    if code is not None:
        return f'{name} done, defined at {code.co_filename}:{code.co_firstlineno}'
    return name
