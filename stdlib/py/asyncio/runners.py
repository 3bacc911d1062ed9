"""asyncio.run and asyncio.Runner: make a loop, run one coroutine (or
several, with Runner) to completion, then cancel what is left, close the
async generators, join the default executor and close the loop.

A Runner is used by the thread that made it; each thread running
asyncio.run gets its own loop.
"""

import functools
import signal
import threading

from . import coroutines
from . import events
from . import exceptions
from . import tasks
from .coroutines import iscoroutine
from .exceptions import CancelledError
from .events import _get_running_loop as _running_or_none

__all__ = ('Runner', 'run')

_NEW = 'created'
_READY = 'initialized'
_CLOSED = 'closed'

# How long close() waits for the default executor's threads.
_EXECUTOR_JOIN_TIMEOUT = 300


class Runner:
    """A context manager that owns an event loop:

        with asyncio.Runner() as r:
            r.run(first())
            r.run(second())
    """

    def __init__(self, *, debug=None, loop_factory=None):
        self._phase = _NEW
        self._debug = debug
        self._make_loop = loop_factory
        self._loop = None
        self._installed = False      # we made it the thread's current loop
        self._interrupts = 0         # SIGINTs seen during run()

    def __enter__(self):
        self._prepare()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.close()

    def close(self):
        """Shuts the loop down (see the module comment); idempotent."""
        if self._phase is not _READY:
            return
        loop = self._loop
        try:
            _cancel_leftovers(loop)
            for step in (loop.shutdown_asyncgens(),
                         loop.shutdown_default_executor(_EXECUTOR_JOIN_TIMEOUT)):
                loop.run_until_complete(step)
        finally:
            if self._installed:
                events.set_event_loop(None)
            loop.close()
            self._loop = None
            self._phase = _CLOSED

    def get_loop(self):
        self._prepare()
        return self._loop

    def run(self, coro, *, context=None):
        """Runs `coro` on the runner's loop and returns its result."""
        if not iscoroutine(coro):
            raise ValueError(f'a coroutine was expected, got {coro!r}')
        if _running_or_none() is not None:
            raise RuntimeError('Runner.run() cannot be called from a running event loop')
        self._prepare()
        loop = self._loop
        if context is None:
            main_task = loop.create_task(coro)
        else:
            main_task = loop.create_task(coro, context=context)
        # Ctrl-C: the first SIGINT cancels the main task (and run() then
        # raises KeyboardInterrupt), a second one interrupts at once.
        self._interrupts = 0
        hook = None
        if threading.current_thread() is threading.main_thread() and \
                signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            hook = functools.partial(self._on_sigint, main_task=main_task)
            try:
                signal.signal(signal.SIGINT, hook)
            except ValueError:
                hook = None
        try:
            return loop.run_until_complete(main_task)
        except CancelledError:
            if self._interrupts and main_task.uncancel() == 0:
                raise KeyboardInterrupt()
            raise
        finally:
            if hook is not None and signal.getsignal(signal.SIGINT) is hook:
                signal.signal(signal.SIGINT, signal.default_int_handler)

    def _on_sigint(self, signum, frame, main_task):
        self._interrupts += 1
        if self._interrupts == 1 and not main_task.done():
            main_task.cancel()
            # wake the loop if it waits in select()
            self._loop.call_soon_threadsafe(_nothing)
            return
        raise KeyboardInterrupt()

    def _prepare(self):
        if self._phase is _CLOSED:
            raise RuntimeError('Runner is closed')
        if self._phase is _READY:
            return
        if self._make_loop is not None:
            loop = self._make_loop()
        else:
            loop = events.new_event_loop()
            if not self._installed:
                events.set_event_loop(loop)
                self._installed = True
        if self._debug is not None:
            loop.set_debug(self._debug)
        self._loop = loop
        self._phase = _READY


def run(main, *, debug=None, loop_factory=None):
    """Runs coroutine `main` in a new event loop and returns its result."""
    if _running_or_none() is not None:
        raise RuntimeError('asyncio.run() cannot be called from a running event loop')
    with Runner(debug=debug, loop_factory=loop_factory) as owner:
        return owner.run(main)


def _nothing():
    pass


def _cancel_leftovers(loop):
    leftovers = tasks.all_tasks(loop)
    if not leftovers:
        return
    for t in leftovers:
        t.cancel()
    loop.run_until_complete(tasks.gather(*leftovers, return_exceptions=True))
    for t in leftovers:
        if t.cancelled():
            continue
        exc = t.exception()
        if exc is not None:
            loop.call_exception_handler(dict(
                message='unhandled exception during asyncio.run() shutdown',
                exception=exc, task=t))
