"""asyncio.timeout / timeout_at: cancel the enclosing task when a deadline
passes, and turn that cancellation into TimeoutError on the way out.

A Timeout goes created -> active (entered) -> expiring (its timer fired and
cancelled the task) -> expired, or active -> finished when the block ends
first.  Only the task's own cancellation is converted: __aexit__ compares
the task's cancelling() count with the one seen on entry.
"""

from . import events
from . import exceptions
from . import tasks
from .events import get_running_loop as _running
from .exceptions import CancelledError

__all__ = ('Timeout', 'timeout', 'timeout_at')

_CREATED = 'created'
_ACTIVE = 'active'
_EXPIRING = 'expiring'
_EXPIRED = 'expired'
_FINISHED = 'finished'


class Timeout:
    """An async context manager with a (re-schedulable) loop-time deadline;
    `when` None means no deadline."""

    def __init__(self, when):
        self._phase = _CREATED
        self._when = when
        self._timer = None
        self._task = None
        self._base_cancels = 0

    def when(self):
        return self._when

    def expired(self):
        return self._phase in (_EXPIRING, _EXPIRED)

    def reschedule(self, when):
        """Moves the deadline (None: none) of an active Timeout."""
        if self._phase is not _ACTIVE:
            if self._phase is _CREATED:
                raise RuntimeError('Timeout has not been entered')
            raise RuntimeError(f'Cannot change state of {self._phase} Timeout')
        self._when = when
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if when is None:
            return
        loop = _running()
        if when <= loop.time():
            self._timer = loop.call_soon(self._fire)
        else:
            self._timer = loop.call_at(when, self._fire)

    def __repr__(self):
        extra = ''
        if self._phase is _ACTIVE:
            shown = None if self._when is None else round(self._when, 3)
            extra = f' when={shown}'
        return f'<Timeout [{self._phase}]{extra}>'

    async def __aenter__(self):
        if self._phase is not _CREATED:
            raise RuntimeError('Timeout has already been entered')
        task = tasks.current_task()
        if task is None:
            raise RuntimeError('Timeout should be used inside a task')
        self._phase = _ACTIVE
        self._task = task
        self._base_cancels = task.cancelling()
        self.reschedule(self._when)
        return self

    async def __aexit__(self, kind, error, trace):
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._phase is _EXPIRING:
            self._phase = _EXPIRED
            if self._task.uncancel() <= self._base_cancels and kind is not None:
                if issubclass(kind, CancelledError):
                    raise TimeoutError from error
                if error is not None:
                    _note_timeout(error)
        elif self._phase is _ACTIVE:
            self._phase = _FINISHED
        return None

    def _fire(self):
        self._task.cancel()
        self._phase = _EXPIRING
        self._timer = None


def _note_timeout(exc):
    """A group that holds the cancellation: chain a TimeoutError into the
    CancelledErrors it carries, as CPython does."""
    if not isinstance(exc, BaseExceptionGroup):
        return
    for inner in exc.exceptions:
        if isinstance(inner, BaseExceptionGroup):
            _note_timeout(inner)
        elif isinstance(inner, CancelledError):
            marker = TimeoutError()
            marker.__context__ = inner.__context__
            inner.__context__ = marker


def timeout(delay):
    """A Timeout `delay` seconds from now (None: no deadline)."""
    if delay is None:
        return Timeout(None)
    return Timeout(_running().time() + delay)


def timeout_at(when):
    """A Timeout at loop time `when` (None: no deadline)."""
    return Timeout(when)
