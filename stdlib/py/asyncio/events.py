"""The event loop: a ready queue, a timer heap and a selector.

One pass of the loop (`_run_once`):
  1. wait in the selector (not at all when callbacks are ready, only up to
     the next timer otherwise) and queue the callbacks of ready descriptors;
  2. move the timers that are due onto the ready queue;
  3. run the entries that were ready when the pass began, in order; what
     they schedule runs in the next pass.
A ready entry is anything with `_run()`: a Handle, or a Task whose next step
is due (tasks put themselves on the queue with no Handle).

Threads: a loop is driven by one thread at a time, the one in run_forever;
its fields are that thread's.  Other threads may only call
call_soon_threadsafe, which appends to `_runnable` (a deque: its append is
atomic) and writes a byte to the self-pipe so a waiting select() returns.
The running loop of each thread is per-thread state (`_asyncio`, in the
thread's own TrThread), so N threads run N loops writing nothing shared.
"""

import collections
import heapq
import os
import selectors
import sys
import threading
import time

import _asyncio

from .coroutines import _describe_callback

# Set by futures.py and tasks.py once they are loaded (they import this
# module): the classes create_future and create_task make.
_Future = None
_Task = None

_FATAL = (SystemExit, KeyboardInterrupt)

__all__ = ('AbstractEventLoopPolicy', 'AbstractEventLoop', 'AbstractServer',
           'Handle', 'TimerHandle', 'get_event_loop_policy',
           'set_event_loop_policy', 'get_event_loop', 'set_event_loop',
           'new_event_loop', 'get_child_watcher', 'set_child_watcher',
           '_set_running_loop', 'get_running_loop', '_get_running_loop',
           'BaseEventLoop', 'SelectorEventLoop', 'EventLoop',
           'DefaultEventLoopPolicy')

_get_running_loop = _asyncio._get_running_loop
_set_running_loop = _asyncio._set_running_loop
get_running_loop = _asyncio.get_running_loop

_log = None

_CLOSED_TEXT = 'Event loop is closed'
_BUSY_TEXT = 'This event loop is already running'
_NO_DELAY_TEXT = 'delay must not be None'
_FACTORY_TEXT = 'task factory must be a callable or None'
_STOPPED_EARLY_TEXT = 'Event loop stopped before Future completed.'
_POOL_GONE_TEXT = 'Executor shutdown has been called'
_BOTH_EVENTS = (selectors.EVENT_READ, selectors.EVENT_WRITE)


def _logger():
    global _log
    if _log is None:
        import logging
        _log = logging.getLogger('asyncio')
    return _log


class Handle:
    """A callback scheduled with call_soon (cancel() stops it running)."""

    __slots__ = ('_callback', '_args', '_cancelled', '_loop', '_context',
                 '_repr', '__weakref__')

    def __init__(self, callback, args, loop, context=None):
        self._callback = callback
        self._args = args
        self._cancelled = False
        self._loop = loop
        self._context = context
        self._repr = None

    def _what(self):
        if self._callback is None:
            return ''
        # arguments are shown in debug mode only, as in CPython
        return _describe_callback(self._callback, self._args if self._loop._debug else ())

    def __repr__(self):
        parts = [type(self).__name__]
        if self._cancelled:
            parts.append('cancelled')
        what = self._what()
        if what:
            parts.append(what)
        return f'<{" ".join(parts)}>'

    def get_context(self):
        return self._context

    def cancel(self):
        if not self._cancelled:
            self._cancelled = True
            self._callback = None
            self._args = None

    def cancelled(self):
        return self._cancelled

    def _run(self):
        if self._cancelled:
            return
        try:
            ctx = self._context
            if ctx is None:
                self._callback(*self._args)
            else:
                ctx.run(self._callback, *self._args)
        except _FATAL:
            raise
        except BaseException as exc:
            report = dict(message=f'Exception in callback {self._what()}',
                          exception=exc, handle=self)
            self._loop.call_exception_handler(report)


class TimerHandle(Handle):
    """A callback scheduled for a loop time (call_later, call_at)."""

    __slots__ = ('_when', '_scheduled')

    def __init__(self, when, callback, args, loop, context=None):
        Handle.__init__(self, callback, args, loop, context)
        self._when = when
        self._scheduled = False

    def __repr__(self):
        parts = [type(self).__name__]
        if self._cancelled:
            parts.append('cancelled')
        parts.append(f'when={self._when}')
        what = self._what()
        if what:
            parts.append(what)
        return f'<{" ".join(parts)}>'

    def __hash__(self):
        return hash(self._when)

    def __lt__(self, other):
        return self._when < other._when if isinstance(other, TimerHandle) else NotImplemented

    def __le__(self, other):
        return self._when <= other._when if isinstance(other, TimerHandle) else NotImplemented

    def __gt__(self, other):
        return self._when > other._when if isinstance(other, TimerHandle) else NotImplemented

    def __ge__(self, other):
        return self._when >= other._when if isinstance(other, TimerHandle) else NotImplemented

    def __eq__(self, other):
        if not isinstance(other, TimerHandle):
            return NotImplemented
        return (self._when == other._when and self._callback == other._callback
                and self._args == other._args and self._cancelled == other._cancelled)

    def cancel(self):
        if not self._cancelled and self._scheduled:
            self._loop._timer_cancelled()
        super().cancel()

    def when(self):
        return self._when


class AbstractServer:
    """Interface of a listening server (no servers are implemented)."""


class AbstractEventLoop:
    """The interface event loops provide (EventLoop implements it)."""


def _run_until_complete_cb(fut):
    fut.get_loop().stop()


class BaseEventLoop(AbstractEventLoop):
    """A selector event loop (see the module comment)."""

    def __init__(self, selector=None):
        self._runnable = collections.deque()
        self._timers = []              # heap of TimerHandle
        self._ncancelled_timers = 0
        self._closed = False
        self._stopping = False
        self._owner = None             # get_ident() of the thread in run_forever
        self._debug = False
        self._error_hook = None
        self._factory = None
        self._pool = None
        self._pool_closed = False
        # async generators first iterated here; weak, so that one dropped
        # mid-way reaches _asyncgen_finalizer
        import weakref
        self._live_agens = weakref.WeakSet()
        self._agens_closing = False
        self._current_task = None
        from .tasks import _Ring
        self._task_ring = _Ring()      # pending tasks, in creation order (tasks.all_tasks)
        self.slow_callback_duration = 1 / 10
        self._selector = selector if selector is not None else selectors.DefaultSelector()
        self._io_count = 0             # descriptors registered besides the self-pipe
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_r, False)
        os.set_blocking(self._wake_w, False)
        self._selector.register(self._wake_r, selectors.EVENT_READ, None)

    def __repr__(self):
        return (f'<{type(self).__name__} running={self.is_running()} '
                f'closed={self._closed} debug={self._debug}>')

    # ---- state ----

    def _check_closed(self):
        if self._closed:
            raise RuntimeError(_CLOSED_TEXT)

    def is_running(self):
        return self._owner is not None

    def is_closed(self):
        return self._closed

    def get_debug(self):
        return self._debug

    def set_debug(self, enabled):
        self._debug = bool(enabled)

    def time(self):
        return time.monotonic()

    # ---- scheduling ----

    def call_soon(self, callback, *args, context=None):
        if self._closed:
            self._check_closed()
        handle = Handle(callback, args, self, context)
        self._runnable.append(handle)
        return handle

    def call_soon_threadsafe(self, callback, *args, context=None):
        if self._closed:
            self._check_closed()
        handle = Handle(callback, args, self, context)
        self._runnable.append(handle)
        self._write_to_self()
        return handle

    def call_later(self, delay, callback, *args, context=None):
        if delay is None:
            raise TypeError(_NO_DELAY_TEXT)
        return self.call_at(self.time() + delay, callback, *args, context=context)

    def call_at(self, when, callback, *args, context=None):
        if when is None:
            raise TypeError('when cannot be None')
        if self._closed:
            self._check_closed()
        timer = TimerHandle(when, callback, args, self, context)
        heapq.heappush(self._timers, timer)
        timer._scheduled = True
        return timer

    def _timer_cancelled(self):
        self._ncancelled_timers += 1

    def _write_to_self(self):
        try:
            os.write(self._wake_w, b'\0')
        except OSError:
            pass    # full (the loop has bytes to read anyway) or closed

    def _drain_self_pipe(self):
        try:
            while os.read(self._wake_r, 4096):
                pass
        except OSError:
            pass

    # ---- futures and tasks ----

    def create_future(self):
        return _Future(loop=self)

    def create_task(self, coro, *, name=None, context=None):
        if self._closed:
            self._check_closed()
        if self._factory is not None:
            if context is None:
                task = self._factory(self, coro)
            else:
                task = self._factory(self, coro, context=context)
            if name is not None:
                task.set_name(name)
            return task
        return _Task(coro, loop=self, name=name, context=context)

    def set_task_factory(self, factory):
        if not (factory is None or callable(factory)):
            raise TypeError(_FACTORY_TEXT)
        self._factory = factory

    def get_task_factory(self):
        return self._factory

    # ---- running ----

    def _enter(self):
        self._check_closed()
        if self._owner is not None:
            raise RuntimeError(_BUSY_TEXT)
        if _get_running_loop() is not None:
            raise RuntimeError('Cannot run the event loop while another loop is running')

    def run_forever(self):
        """Runs passes until stop() is called."""
        self._enter()
        self._owner = threading.get_ident()
        saved_hooks = sys.get_asyncgen_hooks()
        sys.set_asyncgen_hooks(firstiter=self._asyncgen_firstiter,
                               finalizer=self._asyncgen_finalizer)
        _set_running_loop(self)
        try:
            step = self._run_once
            while True:
                step()
                if self._stopping:
                    break
        finally:
            self._stopping = False
            self._owner = None
            _set_running_loop(None)
            sys.set_asyncgen_hooks(*saved_hooks)

    def run_until_complete(self, future):
        """Runs until `future` (a coroutine is wrapped in a task) is done;
        returns its result or raises its exception."""
        self._enter()
        from .tasks import ensure_future
        from .futures import isfuture
        made_here = not isfuture(future)
        future = ensure_future(future, loop=self)
        if made_here:
            future._warn_if_pending = False
        future.add_done_callback(_run_until_complete_cb)
        try:
            self.run_forever()
        except BaseException:
            if made_here and future.done() and not future.cancelled():
                future.exception()     # it propagates: not "never retrieved"
            raise
        finally:
            future.remove_done_callback(_run_until_complete_cb)
        if not future.done():
            raise RuntimeError(_STOPPED_EARLY_TEXT)
        exc = getattr(future, '_error', None)
        if exc is not None and future._state == 'FINISHED':
            # raised from here, as CPython's traceback shows it
            future._unretrieved = False
            raise exc.with_traceback(future._error_tb)
        return future.result()

    def stop(self):
        self._stopping = True

    def close(self):
        if self.is_running():
            raise RuntimeError('Cannot close a running event loop')
        if self._closed:
            return
        self._closed = True
        self._runnable.clear()
        self._timers.clear()
        self._ncancelled_timers = 0
        self._pool_closed = True
        executor = self._pool
        if executor is not None:
            self._pool = None
            executor.shutdown(wait=False)
        sel = self._selector
        if sel is not None:
            self._selector = None
            sel.close()
        for fd in (self._wake_r, self._wake_w):
            try:
                os.close(fd)
            except OSError:
                pass

    def _run_once(self):
        ready = self._runnable
        timers = self._timers
        if self._ncancelled_timers > 50 and self._ncancelled_timers * 2 > len(timers):
            self._prune_timers()
        while timers and timers[0]._cancelled:
            heapq.heappop(timers)._scheduled = False
            self._ncancelled_timers -= 1
        if ready or self._stopping:
            timeout = 0
        elif timers:
            timeout = max(0.0, timers[0]._when - self.time())
        else:
            timeout = None
        if timeout != 0 or self._io_count:
            self._poll(timeout)
        if timers:
            horizon = self.time() + 1e-9
            while timers:
                first = timers[0]
                if first._cancelled:
                    heapq.heappop(timers)
                    first._scheduled = False
                    self._ncancelled_timers -= 1
                    continue
                if first._when > horizon:
                    break
                heapq.heappop(timers)
                first._scheduled = False
                ready.append(first)
        take = ready.popleft
        for _ in range(len(ready)):
            take()._run()

    def _prune_timers(self):
        kept = []
        for t in self._timers:
            if t._cancelled:
                t._scheduled = False
            else:
                kept.append(t)
        heapq.heapify(kept)
        self._timers = kept
        self._ncancelled_timers = 0

    def _poll(self, timeout):
        events = self._selector.select(timeout)
        ready = self._runnable
        for key, mask in events:
            pair = key.data
            if pair is None:
                self._drain_self_pipe()
                continue
            for bit, handle in zip(_BOTH_EVENTS, pair):
                if handle is None or not mask & bit:
                    continue
                if handle._cancelled:
                    self._drop_io(key.fd, bit)
                else:
                    ready.append(handle)

    # ---- descriptors ----

    def _watch(self, fd, event, handle):
        sel = self._selector
        try:
            key = sel.get_key(fd)
        except KeyError:
            pair = (handle, None) if event == selectors.EVENT_READ else (None, handle)
            sel.register(fd, event, pair)
            self._io_count += 1
            return
        reader, writer = key.data
        if event == selectors.EVENT_READ:
            old, reader = reader, handle
        else:
            old, writer = writer, handle
        sel.modify(fd, key.events | event, (reader, writer))
        if old is not None:
            old.cancel()

    def _drop_io(self, fd, event):
        """Stops watching `fd` for `event`; True if a callback was set."""
        if self._selector is None:
            return False
        try:
            key = self._selector.get_key(fd)
        except KeyError:
            return False
        reader, writer = key.data
        if event == selectors.EVENT_READ:
            old, reader = reader, None
        else:
            old, writer = writer, None
        rest = key.events & ~event
        if rest:
            self._selector.modify(fd, rest, (reader, writer))
        else:
            self._selector.unregister(fd)
            self._io_count -= 1
        if old is None:
            return False
        old.cancel()
        return True

    def add_reader(self, fd, callback, *args):
        self._check_closed()
        self._watch(fd, selectors.EVENT_READ, Handle(callback, args, self))

    def remove_reader(self, fd):
        return self._drop_io(fd, selectors.EVENT_READ)

    def add_writer(self, fd, callback, *args):
        self._check_closed()
        self._watch(fd, selectors.EVENT_WRITE, Handle(callback, args, self))

    def remove_writer(self, fd):
        return self._drop_io(fd, selectors.EVENT_WRITE)

    # ---- executors ----

    def set_default_executor(self, executor):
        import concurrent.futures as cf
        if not isinstance(executor, cf.ThreadPoolExecutor):
            raise TypeError('executor must be ThreadPoolExecutor')
        self._pool = executor

    def run_in_executor(self, executor, func, *args):
        self._check_closed()
        if executor is None:
            if self._pool_closed:
                raise RuntimeError(_POOL_GONE_TEXT)
            executor = self._pool
            if executor is None:
                import concurrent.futures
                executor = concurrent.futures.ThreadPoolExecutor(thread_name_prefix='asyncio')
                self._pool = executor
        from .futures import wrap_future
        return wrap_future(executor.submit(func, *args), loop=self)

    async def shutdown_default_executor(self, timeout=None):
        """Waits for the default executor's threads (in a helper thread, so
        the loop keeps running meanwhile)."""
        self._pool_closed = True
        executor = self._pool
        if executor is None:
            return
        done = self.create_future()

        def join_pool():
            try:
                executor.shutdown(wait=True)
            finally:
                if not self._closed:
                    self.call_soon_threadsafe(_resolve, done)

        helper = threading.Thread(target=join_pool)
        helper.start()
        from .timeouts import timeout as _deadline
        try:
            async with _deadline(timeout):
                await done
        except TimeoutError:
            import warnings
            warnings.warn('The executor did not finishing joining its threads '
                          f'within {timeout} seconds.', RuntimeWarning, stacklevel=2)
            executor.shutdown(wait=False)
        else:
            helper.join()

    # ---- async generators ----

    def _asyncgen_firstiter(self, agen):
        if self._agens_closing:
            import warnings
            warnings.warn(f'asynchronous generator {agen!r} was scheduled after '
                          'loop.shutdown_asyncgens() call', ResourceWarning, source=self)
        self._live_agens.add(agen)

    def _asyncgen_finalizer(self, agen):
        self._live_agens.discard(agen)
        if not self._closed:
            closing = agen.aclose()
            self.call_soon_threadsafe(self.create_task, closing)

    async def shutdown_asyncgens(self):
        """Closes the async generators still suspended (aclose on each)."""
        self._agens_closing = True
        if not self._live_agens:
            return
        pending = list(self._live_agens)
        self._live_agens.clear()
        from .tasks import gather
        outcomes = await gather(*[g.aclose() for g in pending], return_exceptions=True)
        for agen, outcome in zip(pending, outcomes):
            if isinstance(outcome, Exception):
                self.call_exception_handler(dict(
                    message=f'an error occurred during closing of asynchronous generator {agen!r}',
                    exception=outcome, asyncgen=agen))

    # ---- errors ----

    def get_exception_handler(self):
        return self._error_hook

    def set_exception_handler(self, handler):
        if not (handler is None or callable(handler)):
            raise TypeError(f'A callable object or None is expected, got {handler!r}')
        self._error_hook = handler

    def default_exception_handler(self, context):
        """Logs `context` on the 'asyncio' logger: the message, then each
        other key sorted, then the exception's traceback."""
        lines = [context.get('message') or 'Unhandled exception in event loop']
        exc = context.get('exception')
        for key in sorted(context):
            if key in ('message', 'exception'):
                continue
            value = context[key]
            if key in ('source_traceback', 'handle_traceback'):
                import traceback
                value = ''.join(traceback.format_list(value)).rstrip()
                title = 'Object created at' if key == 'source_traceback' else 'Handle created at'
                lines.append(f'{title} (most recent call last):\n{value}')
            else:
                lines.append(f'{key}: {value!r}')
        if exc is not None:
            # the report logging would append, formatted here
            import traceback
            report = ''.join(traceback.format_exception(type(exc), exc, exc.__traceback__))
            lines.append(report[:-1] if report.endswith('\n') else report)
        _logger().error('\n'.join(lines))

    def call_exception_handler(self, context):
        handler = self._error_hook
        if handler is None:
            fallback = self.default_exception_handler
            try:
                fallback(context)
            except _FATAL:
                raise
            except BaseException:
                _logger().error('Exception in default exception handler', exc_info=True)
            return
        try:
            handler(self, context)
        except _FATAL:
            raise
        except BaseException as exc:
            try:
                self.default_exception_handler(dict(
                    message='Unhandled error in exception handler',
                    exception=exc, context=context))
            except _FATAL:
                raise
            except BaseException:
                _logger().error('Exception in default exception handler while handling '
                                'an unexpected error in custom exception handler',
                                exc_info=True)


def _resolve(fut):
    if not fut.done():
        fut.set_result(None)


class _UnixSelectorEventLoop(BaseEventLoop):
    """The loop new_event_loop() makes (its name shows in reprs)."""


SelectorEventLoop = _UnixSelectorEventLoop
EventLoop = _UnixSelectorEventLoop


# ---- the policy: which loop get_event_loop() means outside a running one ----

class AbstractEventLoopPolicy:
    """Interface of event loop policies."""


class DefaultEventLoopPolicy(AbstractEventLoopPolicy):
    """Keeps one set loop per thread; makes one for the main thread on the
    first get_event_loop()."""

    class _Slot(threading.local):
        loop = None
        chosen = False

    def __init__(self):
        self._slot = self._Slot()

    def get_event_loop(self):
        slot = self._slot
        if slot.loop is None and not slot.chosen and \
                threading.current_thread() is threading.main_thread():
            import warnings
            # stacklevel 3: the caller of asyncio.get_event_loop()
            warnings.warn('There is no current event loop', DeprecationWarning, stacklevel=3)
            fresh = self.new_event_loop()
            self.set_event_loop(fresh)
        if slot.loop is None:
            raise RuntimeError('There is no current event loop in thread '
                               f'{threading.current_thread().name!r}.')
        return slot.loop

    def set_event_loop(self, loop):
        if not (loop is None or isinstance(loop, AbstractEventLoop)):
            raise TypeError(f"loop must be an instance of AbstractEventLoop or None, "
                            f"not '{type(loop).__name__}'")
        self._slot.chosen = True
        self._slot.loop = loop

    def new_event_loop(self):
        return EventLoop()


_policy = None
_policy_lock = threading.Lock()


def get_event_loop_policy():
    global _policy
    # always under the lock (once per loop, not per step): an unlocked first
    # look would race with the thread that creates the policy
    with _policy_lock:
        if _policy is None:
            _policy = DefaultEventLoopPolicy()
        return _policy


def set_event_loop_policy(policy):
    global _policy
    if not (policy is None or isinstance(policy, AbstractEventLoopPolicy)):
        raise TypeError(f"policy must be an instance of AbstractEventLoopPolicy or None, "
                        f"not '{type(policy).__name__}'")
    _policy = policy


def get_event_loop():
    """The running loop, else the policy's loop for this thread."""
    loop = _get_running_loop()
    if loop is not None:
        return loop
    policy = get_event_loop_policy()
    return policy.get_event_loop()


def set_event_loop(loop):
    policy = get_event_loop_policy()
    policy.set_event_loop(loop)


def new_event_loop():
    policy = get_event_loop_policy()
    return policy.new_event_loop()


def get_child_watcher():
    raise NotImplementedError('child watchers are not implemented')


def set_child_watcher(watcher):
    raise NotImplementedError('child watchers are not implemented')
