"""asyncio.Future: a result that will exist later, bound to one event loop.

A future is PENDING until set_result, set_exception or cancel moves it, once,
to FINISHED or CANCELLED; then each done callback is scheduled on the loop.
`_callbacks` holds the done callbacks: None, one entry, or a list of two or
more (most futures have exactly one: no list to make).  An entry is a
function, a (function, context) pair, or a Task (exact type) blocked on the
future: that task is woken by appending it to the loop's ready queue
directly (Task._wake), which saves a Handle per await.

Threads: a future belongs to its loop's thread; nothing here locks.  Other
threads reach it only through loop.call_soon_threadsafe (wrap_future and
run_coroutine_threadsafe do so).
"""

import concurrent.futures as _cf
import reprlib
from types import GenericAlias, CoroutineType as _CoroutineType

from . import events
from . import exceptions
from .exceptions import InvalidStateError
from .coroutines import _describe_callback

__all__ = ('Future', 'wrap_future', 'isfuture')

_PENDING = 'PENDING'
_CANCELLED = 'CANCELLED'
_FINISHED = 'FINISHED'

_LOG_FLAG_TEXT = '_log_traceback can only be set to False'
_AWAIT_MISUSE_TEXT = "await wasn't used with future"
_STOP_ITERATION_TEXT = ('StopIteration interacts badly with generators '
                        'and cannot be raised into a Future')


def isfuture(obj):
    """True for objects that follow the Future protocol (asyncio's or one
    that declares `_asyncio_future_blocking`)."""
    kind = type(obj)
    if kind is _CoroutineType:
        return False        # the common case, without a failed lookup
    if not hasattr(kind, '_asyncio_future_blocking'):
        return False
    return obj._asyncio_future_blocking is not None


def _loop_of(fut):
    try:
        getter = fut.get_loop
    except AttributeError:
        return fut._loop
    return getter()


# tasks.py sets this to Task: entries of that exact type in `_callbacks`
# are tasks waiting on the future.
_TaskType = None


def _callback_text(entry):
    kind = type(entry)
    if kind is _TaskType:
        return 'Task.task_wakeup()'
    return _describe_callback(entry[0] if kind is tuple else entry, ())


def _callbacks_text(entries):
    n = len(entries)
    if n <= 2:
        inner = ', '.join(_callback_text(e) for e in entries)
    else:
        inner = (f'{_callback_text(entries[0])}, <{n - 2} more>, '
                 f'{_callback_text(entries[-1])}')
    return f'cb=[{inner}]'


class Future:
    """A value produced later on an event loop (not thread-safe)."""

    # Slots, not a __dict__: a loop makes one future or task per await of
    # real work, and slots make them smaller and quicker to build.
    __slots__ = ('_state', '_result', '_error', '_error_tb', '_loop',
                 '_source_traceback', '_cancel_message', '_cancelled_exc',
                 '_asyncio_future_blocking', '_unretrieved', '_callbacks',
                 '_warn_if_pending', '__weakref__')

    def __init__(self, *, loop=None):
        self._loop = events.get_event_loop() if loop is None else loop
        self._state = _PENDING
        self._result = None
        self._error = None
        self._error_tb = None
        self._source_traceback = None
        self._cancel_message = None
        self._cancelled_exc = None
        # _asyncio_future_blocking: True while the future is yielded up to
        # a Task (see __await__); _unretrieved: an exception was stored and
        # nobody has looked at it yet
        self._asyncio_future_blocking = self._unretrieved = False
        self._warn_if_pending = False      # Task: report if it dies pending
        self._callbacks = None

    # ---- what a program reads ----

    def _repr_parts(self):
        parts = [self._state.lower()]
        if self._state is _FINISHED:
            if self._error is not None:
                parts.append(f'exception={self._error!r}')
            else:
                parts.append(f'result={reprlib.repr(self._result)}')
        if self._callbacks is not None:
            parts.append(_callbacks_text(self._entries()))
        return parts

    def __repr__(self):
        return f'<{type(self).__name__} {" ".join(self._repr_parts())}>'

    def __del__(self):
        # one finalizer for futures and tasks: a Python call per object dies
        try:
            if not self._unretrieved:
                if self._warn_if_pending and self._state is _PENDING:
                    self._loop.call_exception_handler(dict(
                        message='Task was destroyed but it is pending!', task=self))
                return
        except AttributeError:
            return          # __init__ did not finish
        loop = self._loop
        if loop is None:
            return
        report = {
            'message': f'{type(self).__name__} exception was never retrieved',
            'exception': self._error,
            'future': self,
        }
        if self._source_traceback:
            report['source_traceback'] = self._source_traceback
        loop.call_exception_handler(report)

    __class_getitem__ = classmethod(GenericAlias)

    @property
    def _log_traceback(self):
        return self._unretrieved

    @_log_traceback.setter
    def _log_traceback(self, value):
        if value:
            raise ValueError(_LOG_FLAG_TEXT)
        self._unretrieved = False

    def get_loop(self):
        """The event loop this future is bound to."""
        loop = self._loop
        if loop is None:
            raise RuntimeError('Future object is not initialized.')
        return loop

    def done(self):
        return self._state is not _PENDING

    def cancelled(self):
        return self._state is _CANCELLED

    def _cancellation(self):
        """The CancelledError to raise for this cancelled future: the one
        that ended a task, if any (handed out once), else a new one."""
        exc = self._cancelled_exc
        if exc is not None:
            self._cancelled_exc = None
            return exc
        msg = self._cancel_message
        return exceptions.CancelledError() if msg is None else exceptions.CancelledError(msg)

    def result(self):
        state = self._state
        if state is _FINISHED:
            self._unretrieved = False
            exc = self._error
            if exc is not None:
                raise exc.with_traceback(self._error_tb)
            return self._result
        if state is _CANCELLED:
            raise self._cancellation()
        raise InvalidStateError('Result is not set.')

    def exception(self):
        state = self._state
        if state is _FINISHED:
            self._unretrieved = False
            return self._error
        if state is _CANCELLED:
            raise self._cancellation()
        raise InvalidStateError('Exception is not set.')

    # ---- callbacks ----

    def _entries(self):
        cbs = self._callbacks
        if cbs is None:
            return []
        return cbs if type(cbs) is list else [cbs]

    def _push(self, entry):
        cbs = self._callbacks
        if cbs is None:
            self._callbacks = entry
        elif type(cbs) is list:
            cbs.append(entry)
        else:
            self._callbacks = [cbs, entry]

    def add_done_callback(self, fn, *, context=None):
        """Calls fn(self) on the loop once the future is done."""
        if self._state is _PENDING:
            if context is None and type(fn) is not _TaskType and type(fn) is not tuple \
                    and type(fn) is not list:
                self._push(fn)
            else:
                self._push((fn, context))
        else:
            loop = self._loop
            loop.call_soon(fn, self, context=context)

    def remove_done_callback(self, fn):
        """Forgets every registration of `fn`; returns how many there were."""
        entries = self._entries()
        kept = []
        for e in entries:
            kind = type(e)
            if kind is _TaskType or (e[0] if kind is tuple else e) != fn:
                kept.append(e)
        gone = len(entries) - len(kept)
        if gone:
            self._callbacks = None if not kept else kept[0] if len(kept) == 1 else kept
        return gone

    def _add_waiter(self, task):
        """`task` awaits this future: wake it directly when done."""
        self._push(task if type(task) is _TaskType else task._wakeup)

    def _dispatch(self, entry):
        kind = type(entry)
        if kind is _TaskType:
            entry._wake(self)
        elif kind is tuple:
            self._loop.call_soon(entry[0], self, context=entry[1])
        else:
            self._loop.call_soon(entry, self)

    def _fire(self):
        cbs = self._callbacks
        if cbs is None:
            return
        self._callbacks = None
        if type(cbs) is not list:
            self._dispatch(cbs)
            return
        for entry in cbs:
            self._dispatch(entry)

    # ---- settling ----

    def cancel(self, msg=None):
        """Cancels a pending future and schedules its callbacks; False if it
        was already done."""
        self._unretrieved = False
        if self._state is not _PENDING:
            return False
        self._state = _CANCELLED
        self._cancel_message = msg
        self._fire()
        return True

    def set_result(self, result):
        if self._state is not _PENDING:
            raise InvalidStateError('invalid state')
        self._result = result
        self._state = _FINISHED
        self._fire()

    def set_exception(self, exception):
        if self._state is not _PENDING:
            raise InvalidStateError('invalid state')
        exc = exception() if isinstance(exception, type) else exception
        if not isinstance(exc, BaseException):
            raise TypeError('invalid exception object')
        if isinstance(exc, StopIteration):
            wrapped = RuntimeError(_STOP_ITERATION_TEXT)
            wrapped.__cause__ = wrapped.__context__ = exc
            exc = wrapped
        self._error = exc
        self._error_tb = exc.__traceback__
        self._state = _FINISHED
        self._fire()
        self._unretrieved = True

    # ---- awaiting ----

    def __await__(self):
        if self._state is _PENDING:
            self._asyncio_future_blocking = True     # see Task._block_on
            yield self
        if self._state is _PENDING:
            raise RuntimeError(_AWAIT_MISUSE_TEXT)
        return self.result()

    __iter__ = __await__


events._Future = Future


def _resolve_unless_cancelled(fut, result):
    if not fut.cancelled():
        fut.set_result(result)


def _copy_outcome(src, dst):
    """Moves the outcome of concurrent.futures.Future `src` into asyncio
    future `dst` (on dst's loop)."""
    if dst.cancelled():
        return
    if src.cancelled():
        dst.cancel()
        return
    exc = src.exception()
    if exc is not None:
        dst.set_exception(exc)
    else:
        dst.set_result(src.result())


def _chain_future(source, destination):
    """Makes `destination` follow `source`: either may be an asyncio or a
    concurrent.futures future; cancelling `destination` cancels `source`.
    Each side is touched only on its own loop's thread (or any thread for a
    concurrent future)."""
    src_loop = _loop_of(source) if isfuture(source) else None
    dst_loop = _loop_of(destination) if isfuture(destination) else None

    def settle(fut, other):
        if isfuture(fut):
            _copy_outcome(other, fut)
            return
        if fut.cancelled() or not fut.set_running_or_notify_cancel():
            return
        if other.cancelled():
            fut.cancel()
            return
        exc = other.exception()
        if exc is not None:
            fut.set_exception(exc)
        else:
            fut.set_result(other.result())

    def _call_check_cancel(dst):
        if not dst.cancelled() or source.done():
            return
        if src_loop is None or src_loop is dst_loop:
            source.cancel()
        else:
            src_loop.call_soon_threadsafe(source.cancel)

    def _call_set_state(src):
        if destination.cancelled() and dst_loop is not None and dst_loop.is_closed():
            return
        if dst_loop is None or dst_loop is src_loop:
            settle(destination, src)
        elif not dst_loop.is_closed():
            dst_loop.call_soon_threadsafe(settle, destination, src)

    destination.add_done_callback(_call_check_cancel)
    source.add_done_callback(_call_set_state)


def wrap_future(future, *, loop=None):
    """An asyncio future that follows concurrent.futures.Future `future`."""
    if isfuture(future):
        return future
    if not isinstance(future, _cf.Future):
        raise TypeError(f'concurrent.futures.Future is expected, got {future!r}')
    if loop is None:
        loop = events.get_event_loop()
    mirror = loop.create_future()
    _chain_future(future, mirror)
    return mirror
