"""asyncio.TaskGroup: structured concurrency.  Leaving the `async with`
block waits for every task the group made.  The first task that fails
(anything but cancellation) cancels its siblings and the parent task; the
failures are raised together as an ExceptionGroup ("unhandled errors in a
TaskGroup").  KeyboardInterrupt and SystemExit are raised alone.

Threads: a group belongs to its parent task's loop thread.
"""

from . import events
from . import exceptions
from . import tasks
from .events import get_running_loop as _running
from .exceptions import CancelledError

_FATAL = (SystemExit, KeyboardInterrupt)

__all__ = ('TaskGroup',)


def _is_fatal(exc):
    return isinstance(exc, _FATAL)


class TaskGroup:
    """Runs tasks within an `async with` block and waits for them all."""

    def __init__(self):
        self._entered = False
        self._leaving = False
        self._aborting = False
        self._loop = None
        self._parent = None
        self._parent_stop_asked = False
        self._members = {}            # the group's unfinished tasks, in creation order
        self._errors = []
        self._fatal_error = None
        self._all_done = None       # a future __aexit__ waits on

    def __repr__(self):
        bits = ['']
        if self._members:
            bits.append(f'tasks={len(self._members)}')
        if self._errors:
            bits.append(f'errors={len(self._errors)}')
        if self._aborting:
            bits.append('cancelling')
        elif self._entered:
            bits.append('entered')
        return f'<TaskGroup{" ".join(bits)}>'

    async def __aenter__(self):
        if self._entered:
            raise RuntimeError(f'TaskGroup {self!r} has already been entered')
        if self._loop is None:
            self._loop = _running()
        parent = tasks.current_task(self._loop)
        if parent is None:
            raise RuntimeError(f'TaskGroup {self!r} cannot determine the parent task')
        self._parent = parent
        self._entered = True
        return self

    async def __aexit__(self, et, exc, tb):
        # one frame, as CPython's: what it raises shows this frame only
        tb = None
        try:
            self._leaving = True
            if exc is not None and _is_fatal(exc) and self._fatal_error is None:
                self._fatal_error = exc
            cancel_to_raise = exc if et is not None and issubclass(et, CancelledError) else None
            if et is not None and not self._aborting:
                self._abort()
            while self._members:
                if self._all_done is None:
                    self._all_done = self._loop.create_future()
                try:
                    await self._all_done
                except CancelledError as again:
                    if not self._aborting:
                        cancel_to_raise = again
                        self._abort()
                self._all_done = None
            if self._fatal_error is not None:
                try:
                    raise self._fatal_error
                finally:
                    exc = None
            if self._parent_stop_asked:
                if self._parent.uncancel() == 0:
                    cancel_to_raise = None
            if cancel_to_raise is not None and not self._errors:
                try:
                    raise cancel_to_raise
                finally:
                    exc = None
            body_failed = et is not None and not issubclass(et, CancelledError)
            if body_failed:
                self._errors.append(exc)
            if self._errors:
                errors = self._errors
                try:
                    raise BaseExceptionGroup('unhandled errors in a TaskGroup', errors) from None
                finally:
                    exc = None
                    errors = None
            return None
        finally:
            self._parent = None
            self._errors = None
            self._fatal_error = None
            exc = None

    def create_task(self, coro, *, name=None, context=None):
        """Starts `coro` as a task of the group."""
        if not self._entered:
            coro.close()
            raise RuntimeError(f'TaskGroup {self!r} has not been entered')
        if self._leaving and not self._members:
            coro.close()
            raise RuntimeError(f'TaskGroup {self!r} is finished')
        if self._aborting:
            coro.close()
            raise RuntimeError(f'TaskGroup {self!r} is shutting down')
        loop = self._loop
        if context is None:
            task = loop.create_task(coro, name=name)
        else:
            task = loop.create_task(coro, name=name, context=context)
        if task.done():
            self._on_task_done(task)
        else:
            self._members[task] = None
            task.add_done_callback(self._on_task_done)
        return task

    def _abort(self):
        self._aborting = True
        for t in list(self._members):
            if not t.done():
                t.cancel()

    def _on_task_done(self, task):
        self._members.pop(task, None)
        if self._all_done is not None and not self._members and not self._all_done.done():
            self._all_done.set_result(True)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            return
        self._errors.append(exc)
        if _is_fatal(exc) and self._fatal_error is None:
            self._fatal_error = exc
        parent = self._parent
        if parent.done():
            text = f'Task {task!r} has errored out but its parent task {parent} is already completed'
            self._loop.call_exception_handler(dict(message=text, exception=exc, task=task))
            return
        if not self._aborting and not self._parent_stop_asked:
            self._abort()
            self._parent_stop_asked = True
            parent.cancel()
