"""asyncio.Task, a future that drives a coroutine, and the functions that
combine awaitables: sleep, gather, wait, wait_for, as_completed, shield,
ensure_future, run_coroutine_threadsafe, to_thread.

A task's step (`_run`) sends None into its coroutine, or throws the
exception it was woken with.  What the coroutine yields decides what comes
next: None (a bare yield, as sleep(0) does) puts the task straight back on
the ready queue; a pending Future gets the task as a waiter (Future._wake
appends the task to the ready queue when the future is done).  So a
sleep(0) round trip costs no Handle and no callback.

Threads: a task lives on its loop's thread.  The only state shared across
threads is the counter that names tasks (_asyncio._next_task_id, atomic).
"""

import concurrent.futures as _cf
import functools
import math
import sys as _sys
import types
from types import CoroutineType as _CoroutineType

import _asyncio

from . import coroutines
from . import events
from . import exceptions
from . import futures
from .futures import _PENDING, _FINISHED, _CANCELLED, isfuture
from .coroutines import iscoroutine
from .events import get_running_loop as _running
from .exceptions import CancelledError

_FATAL = (SystemExit, KeyboardInterrupt)

__all__ = ('Task', 'create_task', 'current_task', 'all_tasks',
           'sleep', 'gather', 'shield', 'ensure_future', 'wait', 'wait_for',
           'as_completed', 'FIRST_COMPLETED', 'FIRST_EXCEPTION',
           'ALL_COMPLETED', 'run_coroutine_threadsafe', 'to_thread',
           '_register_task', '_unregister_task', '_enter_task', '_leave_task')

FIRST_COMPLETED = _cf.FIRST_COMPLETED
FIRST_EXCEPTION = _cf.FIRST_EXCEPTION
ALL_COMPLETED = _cf.ALL_COMPLETED
_WHEN_CHOICES = frozenset((FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED))

_next_task_id = _asyncio._next_task_id
_Future = futures.Future
_settle_result = _Future.set_result
_settle_exception = _Future.set_exception
_settle_cancel = _Future.cancel


class Task(_Future):
    """Runs a coroutine on the loop, step by step; done when it returns."""

    __slots__ = ('_name', '_coro', '_context', '_cancel_requests', '_must_cancel',
                 '_blocked_on', '_pending_exc', '_woken_by', '_warn_if_pending',
                 '_prev_task', '_next_task')

    def __init__(self, coro, *, loop=None, name=None, context=None, eager_start=False):
        if type(coro) is not _CoroutineType and not iscoroutine(coro):
            raise TypeError(f'a coroutine was expected, got {coro!r}')
        # Future.__init__, inlined: this runs once per task
        if loop is None:
            loop = events.get_event_loop()
        self._loop = loop
        self._state = _PENDING
        self._result = self._error = self._error_tb = None
        self._source_traceback = self._cancel_message = self._cancelled_exc = None
        self._asyncio_future_blocking = self._unretrieved = False
        self._callbacks = None
        self._warn_if_pending = True
        self._name = f'Task-{_next_task_id()}' if name is None else str(name)
        self._coro = coro
        if context is None:
            # as CPython, a task runs in a copy of its creator's context; the
            # copy (and running each step in it) is skipped while no context
            # variable was ever set
            cvars = _sys.modules.get('contextvars')
            if cvars is not None and cvars._ever_set:
                context = cvars.copy_context()
        self._context = context
        self._cancel_requests = 0
        self._must_cancel = False
        self._blocked_on = None
        self._pending_exc = None     # thrown into the coroutine at the next step
        self._woken_by = None        # the awaited future that just finished
        if loop._closed:
            loop._check_closed()
        # join the loop's ring of pending tasks (see _link)
        ring = loop._task_ring
        last = ring._prev_task
        self._prev_task = last
        self._next_task = ring
        last._next_task = self
        ring._prev_task = self
        loop._runnable.append(self)

    # ---- what a program reads ----

    def _repr_parts(self):
        parts = super()._repr_parts()
        if self._state is _PENDING and (self._cancel_requests or self._must_cancel):
            parts[0] = 'cancelling'
        parts.insert(1, f'name={self._name!r}')
        parts.insert(2, f'coro=<{coroutines._describe_coro(self._coro)}>')
        if self._blocked_on is not None:
            parts.insert(3, f'wait_for={self._blocked_on!r}')
        return parts

    def get_coro(self):
        return self._coro

    def get_context(self):
        return self._context

    def get_name(self):
        return self._name

    def set_name(self, value):
        self._name = str(value)

    def get_stack(self, *, limit=None):
        frame = getattr(self._coro, 'cr_frame', None)
        return [] if frame is None or self.done() else [frame]

    def print_stack(self, *, limit=None, file=None):
        import sys
        out = file if file is not None else sys.stderr
        stack = self.get_stack(limit=limit)
        if not stack:
            print(f'No stack for {self!r}', file=out)
            return
        print(f'Stack for {self!r} (most recent call last):', file=out)
        for frame in stack:
            code = frame.f_code
            print(f'  File "{code.co_filename}", line {frame.f_lineno}, in {code.co_name}',
                  file=out)

    def set_result(self, result):
        raise _unsupported('set_result')

    def set_exception(self, exception):
        raise _unsupported('set_exception')

    # ---- cancellation ----

    def cancel(self, msg=None):
        """Asks the task to stop: CancelledError is thrown into the coroutine
        at its next step.  False if the task is already done."""
        self._unretrieved = False
        if self._state is not _PENDING:
            return False
        self._cancel_requests += 1
        waiter = self._blocked_on
        if waiter is not None and waiter.cancel(msg=msg):
            return True
        self._must_cancel = True
        self._cancel_message = msg
        return True

    def cancelling(self):
        return self._cancel_requests

    def uncancel(self):
        if self._cancel_requests > 0:
            self._cancel_requests -= 1
            if self._cancel_requests == 0:
                self._must_cancel = False
        return self._cancel_requests

    # ---- stepping ----

    def _wake(self, fut):
        """Future `fut`, which this task awaited, is done (called from
        Future._fire on the loop's thread)."""
        self._woken_by = fut
        self._loop._runnable.append(self)

    def _wakeup(self, fut):
        """Done callback for awaited future-likes that are not ours."""
        self._woken_by = fut
        self._run()

    def _run(self):
        if self._state is not _PENDING:
            return
        exc = self._pending_exc
        woken = self._woken_by
        if woken is not None:
            self._woken_by = None
            try:
                woken.result()
            except BaseException as raised:
                exc = raised
        if self._must_cancel:
            if not isinstance(exc, CancelledError):
                exc = self._cancellation()
            self._must_cancel = False
        self._pending_exc = None
        self._blocked_on = None
        loop = self._loop
        outer = loop._current_task
        loop._current_task = self
        try:
            ctx = self._context
            if ctx is not None:
                yielded = ctx.run(_advance, self._coro, exc)
            elif exc is None:
                yielded = self._coro.send(None)
            else:
                yielded = self._coro.throw(exc)
        except StopIteration as stop:
            if self._must_cancel:
                self._must_cancel = False
                _settle_cancel(self, msg=self._cancel_message)
            else:
                # Future.set_result, inlined (the state is PENDING here)
                self._result = stop.value
                self._state = _FINISHED
                if self._callbacks is not None:
                    self._fire()
        except CancelledError as cancelled:
            self._cancelled_exc = cancelled
            _settle_cancel(self)
        except (KeyboardInterrupt, SystemExit) as fatal:
            _settle_exception(self, fatal)
            raise
        except BaseException as error:
            # CPython's step is C code, so its tracebacks start at the
            # coroutine: drop this frame's entry to show the same
            tb = error.__traceback__
            if tb is not None and tb.tb_frame.f_code is _STEP_CODE:
                error.__traceback__ = tb.tb_next
            _settle_exception(self, error)
        else:
            if yielded is None:
                loop._runnable.append(self)
            else:
                self._block_on(yielded)
        finally:
            loop._current_task = outer
            if self._state is not _PENDING:
                before = self._prev_task
                if before is not None:
                    after = self._next_task
                    before._next_task = after
                    after._prev_task = before
                    self._prev_task = self._next_task = None
            exc = None

    def _block_on(self, fut):
        """The coroutine yielded `fut`: wait for it, or complain."""
        blocking = getattr(fut, '_asyncio_future_blocking', None)
        if blocking is None:
            if isinstance(fut, types.GeneratorType):
                problem = ('yield was used instead of yield from for '
                           f'generator in task {self!r} with {fut!r}')
            else:
                problem = f'Task got bad yield: {fut!r}'
        elif futures._loop_of(fut) is not self._loop:
            problem = f'Task {self!r} got Future {fut!r} attached to a different loop'
        elif not blocking:
            problem = ('yield was used instead of yield from in task '
                       f'{self!r} with {fut!r}')
        elif fut is self:
            problem = f'Task cannot await on itself: {self!r}'
        else:
            fut._asyncio_future_blocking = False
            if isinstance(fut, _Future):
                fut._add_waiter(self)
            else:
                fut.add_done_callback(self._wakeup)
            self._blocked_on = fut
            if self._must_cancel and fut.cancel(msg=self._cancel_message):
                self._must_cancel = False
            return
        self._pending_exc = RuntimeError(problem)
        self._loop._runnable.append(self)


def _unsupported(what):
    return RuntimeError(f'Task does not support {what} operation')


_STEP_CODE = Task._run.__code__
futures._TaskType = Task
events._Task = Task


def _advance(coro, exc):
    return coro.send(None) if exc is None else coro.throw(exc)


def create_task(coro, *, name=None, context=None):
    """Schedules `coro` as a task on the running loop."""
    loop = _running()
    if context is None:
        return loop.create_task(coro, name=name)
    return loop.create_task(coro, name=name, context=context)


def current_task(loop=None):
    """The task running on `loop` (default: the running loop), or None."""
    if loop is None:
        loop = _running()
    return loop._current_task


# The loop's pending tasks are a ring linked through the tasks themselves
# (`_prev_task`, `_next_task`, around the loop's `_task_ring` sentinel):
# joining and leaving it is four stores, with no dict and no hashing.

class _Ring:
    """The sentinel of a loop's ring of pending tasks."""

    __slots__ = ('_prev_task', '_next_task')

    def __init__(self):
        self._prev_task = self._next_task = self


def _link(task, loop):
    ring = loop._task_ring
    last = ring._prev_task
    task._prev_task = last
    task._next_task = ring
    last._next_task = task
    ring._prev_task = task


def _unlink(task):
    before, after = task._prev_task, task._next_task
    if before is None:
        return
    before._next_task = after
    after._prev_task = before
    task._prev_task = task._next_task = None


def all_tasks(loop=None):
    """The set of the loop's tasks that are not done yet."""
    if loop is None:
        loop = _running()
    ring = loop._task_ring
    found = set()
    t = ring._next_task
    while t is not ring:
        if not t.done():
            found.add(t)
        t = t._next_task
    return found


def _register_task(task):
    if getattr(task, '_prev_task', None) is None:
        _link(task, task._loop)


def _unregister_task(task):
    _unlink(task)


def _enter_task(loop, task):
    current = loop._current_task
    if current is not None:
        raise RuntimeError(f'Cannot enter into task {task!r} while another '
                           f'task {current!r} is being executed.')
    loop._current_task = task


def _leave_task(loop, task):
    current = loop._current_task
    if current is not task:
        raise RuntimeError(f'Leaving task {task!r} does not match the current '
                           f'task {current!r}.')
    loop._current_task = None


# ---- sleeping ----

class _OneTurn(tuple):
    """Awaiting it yields None once: the task goes back on the ready queue
    and runs again in the next pass.  One shared instance, the tuple
    (None,); its __await__ is tuple.__iter__ (C), so a sleep(0) runs no
    Python call and makes no generator for it."""

    __slots__ = ()
    __await__ = tuple.__iter__


_one_turn = _OneTurn((None,))


async def sleep(delay, result=None):
    """Suspends the calling task for `delay` seconds (0: one loop pass)."""
    if delay <= 0:
        await _one_turn
        return result
    if math.isnan(delay):
        raise ValueError('Invalid delay: NaN (not a number)')
    loop = _running()
    fut = _Future(loop=loop)
    timer = loop.call_later(delay, futures._resolve_unless_cancelled, fut, result)
    try:
        return await fut
    finally:
        timer.cancel()


# ---- ensure_future ----

_FOREIGN_LOOP = ('The future belongs to a different loop than the one '
                 'specified as the loop argument')


async def _await_it(awaitable):
    return await awaitable


def ensure_future(coro_or_future, *, loop=None):
    """A future for `coro_or_future`: itself if it is one, else a task."""
    obj = coro_or_future
    if isfuture(obj):
        if loop is not None and loop is not futures._loop_of(obj):
            raise ValueError(_FOREIGN_LOOP)
        return obj
    if not iscoroutine(obj):
        if not coroutines._isawaitable(obj):
            raise TypeError('An asyncio.Future, a coroutine or an awaitable is required')
        obj = _await_it(obj)
    if loop is None:
        loop = events.get_event_loop()
    return loop.create_task(obj)


# ---- gather ----

class _GatheringFuture(_Future):
    """gather()'s result: cancelling it cancels every child."""

    __slots__ = ('_children', '_cancel_requested')

    def __init__(self, kids, *, loop):
        super().__init__(loop=loop)
        self._children = kids
        self._cancel_requested = False

    def cancel(self, msg=None):
        if self.done():
            return False
        hit = False
        for child in self._children:
            if child.cancel(msg=msg):
                hit = True
        if hit:
            self._cancel_requested = True
        return hit


def gather(*coros_or_futures, return_exceptions=False):
    """A future for the list of the results of all the awaitables, in
    order.  Without return_exceptions the first error (or cancellation) is
    the outcome; the other children keep running."""
    if not coros_or_futures:
        loop = events.get_event_loop()
        empty = loop.create_future()
        empty.set_result([])
        return empty

    children = []
    by_arg = {}
    loop = None
    for arg in coros_or_futures:
        child = by_arg.get(arg) if not isfuture(arg) else None
        if child is None:
            if loop is not None and type(arg) is _CoroutineType:
                child = loop.create_task(arg)    # what ensure_future would do
            else:
                child = ensure_future(arg, loop=loop)
            if loop is None:
                loop = futures._loop_of(child)
            if child is not arg:
                child._warn_if_pending = False
                by_arg[arg] = child
        children.append(child)

    outer = _GatheringFuture(children, loop=loop)
    distinct = list(dict.fromkeys(children))
    left = [len(distinct)]

    def _done_callback(child):
        left[0] -= 1
        if outer.done():
            if not child.cancelled():
                child.exception()      # seen: never "never retrieved"
            return
        if not return_exceptions:
            if child.cancelled():
                outer.set_exception(child._cancellation())
                return
            err = child.exception()
            if err is not None:
                outer.set_exception(err)
                return
        if left[0]:
            return
        values = []
        for c in children:
            if c.cancelled():
                values.append(c._cancellation())
            else:
                err = c.exception()
                values.append(c.result() if err is None else err)
        if outer._cancel_requested:
            outer.set_exception(child._cancellation())
        else:
            outer.set_result(values)

    for child in distinct:
        child.add_done_callback(_done_callback)
    return outer


# ---- shield ----

def shield(arg):
    """A future that follows `arg` but whose cancellation leaves `arg`
    running."""
    inner = ensure_future(arg)
    if inner.done():
        return inner
    outer = futures._loop_of(inner).create_future()

    def _inner_done_callback(_):
        if outer.cancelled():
            if not inner.cancelled():
                inner.exception()
            return
        if inner.cancelled():
            outer.cancel()
            return
        err = inner.exception()
        if err is not None:
            outer.set_exception(err)
        else:
            value = inner.result()
            outer.set_result(value)

    def _outer_done_callback(_):
        if not inner.done():
            inner.remove_done_callback(_inner_done_callback)

    inner.add_done_callback(_inner_done_callback)
    outer.add_done_callback(_outer_done_callback)
    return outer


# ---- wait, wait_for, as_completed ----

def _not_a_collection(fs, what):
    return TypeError(f'expect {what} of futures, not {type(fs).__name__}')


_EMPTY_SET = 'Set of Tasks/Futures is empty.'


async def wait(fs, *, timeout=None, return_when=ALL_COMPLETED):
    """Waits for the futures of iterable `fs`; returns (done, pending)."""
    if isfuture(fs) or iscoroutine(fs):
        raise _not_a_collection(fs, 'a list')
    if not fs:
        raise ValueError(_EMPTY_SET)
    if return_when not in _WHEN_CHOICES:
        raise ValueError('Invalid return_when value: %s' % (return_when,))
    pool = set(fs)
    for f in pool:
        if iscoroutine(f):
            raise TypeError('Passing coroutines is forbidden, use tasks explicitly.')
    loop = _running()
    return await _wait(pool, timeout, return_when, loop)


async def _wait(pool, timeout, return_when, loop):
    gate = loop.create_future()
    timer = None if timeout is None else loop.call_later(timeout, _open_gate, gate)
    unfinished = [len(pool)]

    def _on_completion(f):
        unfinished[0] -= 1
        enough = (unfinished[0] <= 0 or return_when == FIRST_COMPLETED or
                  (return_when == FIRST_EXCEPTION and not f.cancelled()
                   and f.exception() is not None))
        if enough:
            if timer is not None:
                timer.cancel()
            _open_gate(gate)

    for f in pool:
        f.add_done_callback(_on_completion)
    try:
        await gate
    finally:
        if timer is not None:
            timer.cancel()
        for f in pool:
            f.remove_done_callback(_on_completion)
    finished, waiting = set(), set()
    for f in pool:
        (finished if f.done() else waiting).add(f)
    return finished, waiting


def _open_gate(gate, *_):
    if not gate.done():
        gate.set_result(None)


async def _cancel_fully(fut):
    """Cancels `fut` and waits until it is really done."""
    loop = _running()
    gate = loop.create_future()
    release = functools.partial(_open_gate, gate)
    fut.add_done_callback(release)
    try:
        fut.cancel()
        await gate
    finally:
        fut.remove_done_callback(release)


async def wait_for(fut, timeout):
    """Awaits `fut`, cancelling it and raising TimeoutError after `timeout`
    seconds."""
    if timeout is None:
        pass
    elif timeout <= 0:
        fut = ensure_future(fut)
        if fut.done():
            return fut.result()
        await _cancel_fully(fut)
        try:
            return fut.result()
        except CancelledError as cancelled:
            raise TimeoutError from cancelled
    from .timeouts import timeout as _deadline
    async with _deadline(timeout):
        return await fut


class _CompletionOrder:
    """What as_completed returns: iterating (plain or async) yields the
    inputs in the order they finish."""

    def __init__(self, inputs, limit):
        from .queues import Queue
        loop = events.get_event_loop()
        self._arrivals = Queue()
        self._timer = None
        self._todo = {}
        for aw in set(inputs) if not isinstance(inputs, (list, tuple)) else dict.fromkeys(inputs):
            self._todo[ensure_future(aw, loop=loop)] = None
        for f in list(self._todo):
            f.add_done_callback(self._arrived)
        if self._todo and limit is not None:
            self._timer = loop.call_later(limit, self._expired)
        self._left = len(self._todo)

    def __iter__(self):
        return self

    def __aiter__(self):
        return self

    def __next__(self):
        if not self._left:
            raise StopIteration
        self._left -= 1
        return self._next_one(True)

    async def __anext__(self):
        if not self._left:
            raise StopAsyncIteration
        self._left -= 1
        return await self._next_one(False)

    def _expired(self):
        for f in self._todo:
            f.remove_done_callback(self._arrived)
            self._arrivals.put_nowait(None)
        self._todo.clear()

    def _arrived(self, f):
        if not self._todo:
            return
        del self._todo[f]
        self._arrivals.put_nowait(f)
        if not self._todo and self._timer is not None:
            self._timer.cancel()

    async def _next_one(self, unwrap):
        f = await self._arrivals.get()
        if f is None:
            raise exceptions.TimeoutError
        return f.result() if unwrap else f


def as_completed(fs, *, timeout=None):
    """An iterator over `fs` in completion order (see _CompletionOrder)."""
    if isfuture(fs) or iscoroutine(fs):
        raise TypeError(f'expects an iterable of awaitables, not {type(fs).__name__}')
    return _CompletionOrder(fs, timeout)


# ---- threads ----

_NEED_CORO = 'A coroutine object is required'


def run_coroutine_threadsafe(coro, loop):
    """Submits `coro` to `loop` from another thread; returns a
    concurrent.futures.Future for its result."""
    if not iscoroutine(coro):
        raise TypeError(_NEED_CORO)
    result = _cf.Future()

    def start():
        try:
            futures._chain_future(ensure_future(coro, loop=loop), result)
        except _FATAL:
            raise
        except BaseException as exc:
            if result.set_running_or_notify_cancel():
                result.set_exception(exc)
            raise

    loop.call_soon_threadsafe(start)
    return result


async def to_thread(func, /, *args, **kwargs):
    """Runs func(*args, **kwargs) in the loop's default executor."""
    loop = _running()
    call = functools.partial(func, *args, **kwargs)
    return await loop.run_in_executor(None, call)
