"""Tools for writing and combining context managers (torii's contextlib).

Provided: contextmanager, ContextDecorator, AbstractContextManager,
closing, nullcontext, suppress, redirect_stdout, redirect_stderr, chdir
and ExitStack.  The asynchronous variants are absent because torii does
not run coroutines yet.
"""

import builtins as _builtins
import os as _os
import sys as _sys
from abc import ABC as _ABC, abstractmethod as _abstractmethod
from collections import deque as _deque
from functools import wraps as _wraps
from types import MethodType as _MethodType

__all__ = ['contextmanager', 'closing', 'nullcontext',
           'AbstractContextManager', 'ContextDecorator', 'ExitStack',
           'redirect_stdout', 'redirect_stderr', 'suppress', 'chdir']

# None where this build has no exception groups.
_GroupBase = getattr(_builtins, 'BaseExceptionGroup', None)


def _provides(cls, *names):
    # Structural check used by __subclasshook__: each name must be found
    # along the MRO, and the first definition found must not be None.
    for name in names:
        for klass in cls.__mro__:
            namespace = vars(klass)
            if name in namespace:
                if namespace[name] is None:
                    return NotImplemented
                break
        else:
            return NotImplemented
    return True


class AbstractContextManager(_ABC):
    """Base class for context managers; any class defining both
    __enter__ and __exit__ counts as a subclass."""

    __slots__ = ()

    def __enter__(self):
        """The with block gets the manager itself by default."""
        return self

    @_abstractmethod
    def __exit__(self, exc_type, exc_value, traceback):
        """Leave the block without handling any exception."""
        return None

    @classmethod
    def __subclasshook__(cls, C):
        if cls is not AbstractContextManager:
            return NotImplemented
        return _provides(C, '__enter__', '__exit__')


class ContextDecorator:
    """Mixin giving a context manager the power to decorate functions:
    every call of a decorated function runs inside the manager."""

    def _recreate_cm(self):
        """The manager used for one call of a decorated function.

        Reusable managers return themselves (the default); one-shot ones
        override this to build a fresh copy."""
        return self

    def __call__(self, func):
        @_wraps(func)
        def run_inside(*args, **kwds):
            with self._recreate_cm():
                return func(*args, **kwds)
        return run_inside


class _GeneratorContextManager(AbstractContextManager, ContextDecorator):
    """Helper for @contextmanager decorator."""

    def __init__(self, func, args, kwds):
        self.gen = func(*args, **kwds)
        self.func = func
        self.args = args
        self.kwds = kwds
        # The instance carries the generator function's documentation.
        text = getattr(func, '__doc__', None)
        self.__doc__ = type(self).__doc__ if text is None else text

    def _recreate_cm(self):
        # A generator runs only once, so every decorated call needs a new
        # manager built from the same function and arguments.
        return type(self)(self.func, self.args, self.kwds)

    def __enter__(self):
        # From here on the manager cannot be recreated; drop the
        # references kept only for that.
        del self.args
        del self.kwds
        del self.func
        try:
            return next(self.gen)
        except StopIteration:
            raise RuntimeError("generator didn't yield") from None

    def _abandon(self, message):
        # The generator misbehaved: report it and shut the generator down.
        try:
            raise RuntimeError(message)
        finally:
            self.gen.close()

    def __exit__(self, typ, value, traceback):
        if typ is None:
            # Clean exit: the generator has to end after its single yield.
            try:
                next(self.gen)
            except StopIteration:
                return False
            self._abandon("generator didn't stop")
        if value is None:
            # Only the type was given; an instance is needed to recognise
            # it if the generator lets it out again.
            value = typ()
        try:
            self.gen.throw(value)
        except BaseException as err:
            verdict = self._outcome(err, value, traceback)
            if verdict is None:
                raise
            return verdict
        self._abandon("generator didn't stop after throw()")

    @staticmethod
    def _outcome(err, value, tb):
        # err left the generator after value was thrown into it.  False:
        # value goes on (the with statement re-raises it); True: it was
        # handled; None: err is a new error that __exit__ must raise.
        if isinstance(err, StopIteration):
            # The generator returned, which swallows value -- but a
            # StopIteration raised by the block itself must not vanish.
            return err is not value
        passed_through = err is value
        if (not passed_through and isinstance(err, RuntimeError)
                and isinstance(value, StopIteration)):
            # PEP 479 turned the thrown StopIteration into RuntimeError.
            passed_through = err.__cause__ is value
        if not passed_through:
            return None
        value.__traceback__ = tb
        return False


def contextmanager(func):
    """Decorator: a generator function that yields exactly once becomes a
    factory of context managers.  What comes before the yield runs on
    entering the block, the yielded value is bound by `as`, and what
    comes after runs on leaving; an exception from the block is raised
    at the yield."""
    @_wraps(func)
    def make(*args, **kwds):
        return _GeneratorContextManager(func, args, kwds)
    return make


class closing(AbstractContextManager):
    """Call thing.close() when the block ends; the block gets thing."""

    def __init__(self, thing):
        self.thing = thing

    def __enter__(self):
        return self.thing

    def __exit__(self, *exc_info):
        self.thing.close()


class nullcontext(AbstractContextManager):
    """A do-nothing manager; `as` binds enter_result."""

    def __init__(self, enter_result=None):
        self.enter_result = enter_result

    def __enter__(self):
        return self.enter_result

    def __exit__(self, *excinfo):
        pass


class _SysStreamSwap(AbstractContextManager):
    # Replace the sys attribute named by _attr for the duration of a block.
    # Saved values are stacked, so one instance may be entered repeatedly.
    _attr = None

    def __init__(self, new_target):
        self._target = new_target
        self._saved = []

    def __enter__(self):
        self._saved.append(getattr(_sys, self._attr))
        setattr(_sys, self._attr, self._target)
        return self._target

    def __exit__(self, exctype, excinst, exctb):
        setattr(_sys, self._attr, self._saved.pop())


class redirect_stdout(_SysStreamSwap):
    """Send sys.stdout to new_target while the block runs."""

    _attr = 'stdout'


class redirect_stderr(_SysStreamSwap):
    """Send sys.stderr to new_target while the block runs."""

    _attr = 'stderr'


class suppress(AbstractContextManager):
    """Silence the listed exception types: if the block raises one of
    them, execution continues after the with statement."""

    def __init__(self, *exceptions):
        self._kinds = exceptions

    def __enter__(self):
        pass

    def __exit__(self, exctype, excinst, exctb):
        if exctype is None:
            return None
        kinds = self._kinds
        if issubclass(exctype, kinds):
            return True
        if _GroupBase is not None and issubclass(exctype, _GroupBase):
            # Keep only the members of the group that are not silenced.
            rest = excinst.split(kinds)[1]
            if rest is None:
                return True
            raise rest
        return False


class chdir(AbstractContextManager):
    """Work in directory `path` while the block runs.  The working
    directory belongs to the whole process, so this is not thread-safe."""

    def __init__(self, path):
        self.path = path
        self._previous = []

    def __enter__(self):
        self._previous.append(_os.getcwd())
        _os.chdir(self.path)

    def __exit__(self, *excinfo):
        _os.chdir(self._previous.pop())


def _chain_onto(err, earlier, outer):
    # err was raised by an exit callback while `earlier` was propagating.
    # Nested with statements would have made `earlier` the context at the
    # end of err's chain; do that, but leave chains that already reach
    # `earlier` (or end before reaching the outer handled exception) alone.
    node = err
    while True:
        ctx = node.__context__
        if ctx is None or ctx is earlier:
            return
        if ctx is outer:
            node.__context__ = earlier
            return
        node = ctx


def _raise_as_is(err):
    # Raising sets __context__ to whatever is being handled here; keep
    # the context chosen by _chain_onto instead.
    kept = err.__context__
    try:
        raise err
    finally:
        err.__context__ = kept


class ExitStack(AbstractContextManager):
    """Collect context managers and cleanup callbacks while a block runs;
    when it ends they are all unwound, newest first, exactly as if they
    had been written as nested with statements."""

    def __init__(self):
        self._unwind = _deque()

    def pop_all(self):
        """Hand everything registered so far over to a new stack (of the
        same type) and return it; this stack is left empty."""
        other = type(self)()
        other._unwind, self._unwind = self._unwind, _deque()
        return other

    def push(self, exit):
        """Register an exit callback taking (exc_type, exc, tb), or an
        object whose type has __exit__ (that method is registered, bound
        to the object).  A true result suppresses the exception.  Returns
        exit, so push works as a decorator."""
        # Special methods are looked up on the type, as `with` does.
        try:
            method = type(exit).__exit__
        except AttributeError:
            self._unwind.append(exit)
        else:
            self._unwind.append(_MethodType(method, exit))
        return exit

    def enter_context(self, cm):
        """Enter cm, register its __exit__, and return the value its
        __enter__ gave."""
        kind = type(cm)
        try:
            enter = kind.__enter__
            leave = kind.__exit__
        except AttributeError:
            raise TypeError(
                "'%s.%s' object does not support the context manager "
                "protocol" % (kind.__module__, kind.__qualname__)) from None
        result = enter(cm)
        self._unwind.append(_MethodType(leave, cm))
        return result

    def callback(self, callback, /, *args, **kwds):
        """Register callback(*args, **kwds) to run at unwinding time; it
        cannot suppress exceptions.  Returns callback."""
        def call_it(exc_type, exc, tb):
            callback(*args, **kwds)
        call_it.__wrapped__ = callback
        self._unwind.append(call_it)
        return callback

    def __enter__(self):
        return self

    def __exit__(self, *exc_details):
        current = exc_details[1]
        arrived_with_exc = current is not None
        outer = _sys.exception()
        swallowed = False
        failing = False
        while self._unwind:
            step = self._unwind.pop()
            if current is None:
                details = (None, None, None)
            else:
                details = (type(current), current, current.__traceback__)
            try:
                if step(*details):
                    swallowed = True
                    failing = False
                    current = None
            except BaseException as err:
                _chain_onto(err, current, outer)
                failing = True
                current = err
        if failing:
            _raise_as_is(current)
        return arrived_with_exc and swallowed

    def close(self):
        """Unwind everything registered, right now."""
        self.__exit__(None, None, None)
