"""asyncio's synchronization primitives: Lock, Event, Condition, Semaphore,
BoundedSemaphore, Barrier.

Each keeps a FIFO deque of waiter futures (made on first contention).
Release wakes the first waiter that is not cancelled by giving its future a
result; the woken task then takes the resource itself.  A waiter cancelled
after being woken passes the wake-up on, so no release is lost.

Threads: like every asyncio object these belong to one loop (bound on first
use, see mixins.py) and are not thread-safe.
"""

import collections
import enum

from . import exceptions
from .exceptions import CancelledError
from .mixins import _LoopBoundMixin as _Bound

__all__ = ('Lock', 'Event', 'Condition', 'Semaphore', 'BoundedSemaphore', 'Barrier')


_UNLOCKED_TEXT = 'Lock is not acquired.'
_OVER_RELEASE_TEXT = 'BoundedSemaphore released too many times'
_PARTIES_TEXT = 'parties must be > 0'


def _unheld(what):
    return f'cannot {what} on un-acquired lock'


class _AsyncWith:
    """`async with x:` acquires x and releases it on the way out."""

    async def __aenter__(self):
        await self.acquire()
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self.release()


def _decorated_repr(obj, detail):
    base = object.__repr__(obj)
    return f'<{base[1:-1]} [{detail}]>'


async def _wait_in_line(sync, fut):
    """Parks the current task on `fut`, queued at the back of sync's
    sleepers (made on first use) while it waits."""
    if sync._sleepers is None:
        sync._sleepers = collections.deque()
    sync._sleepers.append(fut)
    try:
        await fut
    finally:
        sync._sleepers.remove(fut)


def _first_live(waiters):
    """The first waiter future not done yet, or None."""
    if waiters:
        for fut in waiters:
            if not fut.done():
                return fut
    return None


class Lock(_AsyncWith, _Bound):
    """A mutual-exclusion lock for tasks; acquired in FIFO order."""

    def __init__(self):
        self._sleepers = None
        self._locked = False

    def __repr__(self):
        detail = 'locked' if self._locked else 'unlocked'
        if self._sleepers:
            detail += f', waiters:{len(self._sleepers)}'
        return _decorated_repr(self, detail)

    def locked(self):
        return self._locked

    async def acquire(self):
        if not self._locked and (self._sleepers is None or
                                 all(w.cancelled() for w in self._sleepers)):
            self._locked = True
            return True
        try:
            await _wait_in_line(self, self._bound_loop().create_future())
        except CancelledError:
            if not self._locked:
                self._wake_first()
            raise
        self._locked = True
        return True

    def release(self):
        if not self._locked:
            raise RuntimeError(_UNLOCKED_TEXT)
        self._locked = False
        self._wake_first()

    def _wake_first(self):
        if self._sleepers:
            fut = self._sleepers[0]
            if not fut.done():
                fut.set_result(True)


class Event(_Bound):
    """A flag tasks can wait on until some task sets it."""

    def __init__(self):
        self._sleepers = collections.deque()
        self._value = False

    def __repr__(self):
        detail = 'set' if self._value else 'unset'
        if self._sleepers:
            detail += f', waiters:{len(self._sleepers)}'
        return _decorated_repr(self, detail)

    def is_set(self):
        return self._value

    def set(self):
        if self._value:
            return
        self._value = True
        for fut in self._sleepers:
            if not fut.done():
                fut.set_result(True)

    def clear(self):
        self._value = False

    async def wait(self):
        if self._value:
            return True
        await _wait_in_line(self, self._bound_loop().create_future())
        return True


class Condition(_AsyncWith, _Bound):
    """Tasks wait (releasing the lock) until notified, then re-take it."""

    def __init__(self, lock=None):
        if lock is None:
            lock = Lock()
        self._lock = lock
        self.locked = lock.locked
        self.acquire = lock.acquire
        self.release = lock.release
        self._sleepers = collections.deque()

    def __repr__(self):
        detail = 'locked' if self.locked() else 'unlocked'
        if self._sleepers:
            detail += f', waiters:{len(self._sleepers)}'
        return _decorated_repr(self, detail)

    async def wait(self):
        """Releases the lock, waits for a notify, re-acquires the lock
        (even when cancelled meanwhile) and returns True."""
        if not self.locked():
            raise RuntimeError(_unheld('wait'))
        fut = self._bound_loop().create_future()
        self.release()
        try:
            try:
                await _wait_in_line(self, fut)
                return True
            finally:
                interrupted = None
                while True:
                    try:
                        await self.acquire()
                        break
                    except CancelledError as exc:
                        interrupted = exc
                if interrupted is not None:
                    try:
                        raise interrupted
                    finally:
                        interrupted = None
        except BaseException:
            # a wake-up this waiter will not use goes to the next one
            self._notify_some(1)
            raise

    async def wait_for(self, predicate):
        outcome = predicate()
        while not outcome:
            await self.wait()
            outcome = predicate()
        return outcome

    def notify(self, n=1):
        if not self.locked():
            raise RuntimeError(_unheld('notify'))
        self._notify_some(n)

    def _notify_some(self, n):
        woken = 0
        for fut in self._sleepers:
            if woken >= n:
                break
            if not fut.done():
                woken += 1
                fut.set_result(False)

    def notify_all(self):
        self.notify(len(self._sleepers))


class Semaphore(_AsyncWith, _Bound):
    """A counter of free slots; acquire() waits while it is zero."""

    def __init__(self, value=1):
        if value < 0:
            raise ValueError('Semaphore initial value must be >= 0')
        self._sleepers = None
        self._value = value

    def __repr__(self):
        detail = 'locked' if self.locked() else f'unlocked, value:{self._value}'
        if self._sleepers:
            detail += f', waiters:{len(self._sleepers)}'
        return _decorated_repr(self, detail)

    def locked(self):
        return self._value == 0 or any(not w.cancelled() for w in (self._sleepers or ()))

    async def acquire(self):
        if not self.locked():
            self._value -= 1
            return True
        fut = self._bound_loop().create_future()
        try:
            await _wait_in_line(self, fut)
        except CancelledError:
            # woken but cancelled before running: hand the slot on
            if fut.done() and not fut.cancelled():   # woken: give the slot back
                self._value += 1
            raise
        finally:
            while self._value > 0:
                if not self._wake_next():
                    break
        return True

    def release(self):
        self._value += 1
        self._wake_next()

    def _wake_next(self):
        fut = _first_live(self._sleepers)
        if fut is None:
            return False
        self._value -= 1
        fut.set_result(True)
        return True


class BoundedSemaphore(Semaphore):
    """A Semaphore that refuses to be released above its initial value."""

    def __init__(self, value=1):
        self._ceiling = value
        super().__init__(value)

    def release(self):
        if self._value >= self._ceiling:
            raise ValueError(_OVER_RELEASE_TEXT)
        super().release()


class _Phase(enum.Enum):
    FILL = 'filling'
    DRAIN = 'draining'
    RESET = 'resetting'
    BROKE = 'broken'


class Barrier(_Bound):
    """Lets `parties` tasks wait until all of them have arrived."""

    def __init__(self, parties):
        if parties < 1:
            raise ValueError(_PARTIES_TEXT)
        self._cond = Condition()
        self._parties = parties
        self._phase = _Phase.FILL
        self._count = 0

    def __repr__(self):
        detail = f'{self._phase.value}'
        if not self.broken:
            detail += f', waiters:{self.n_waiting}/{self.parties}'
        return _decorated_repr(self, detail)

    async def __aenter__(self):
        return await self.wait()

    async def __aexit__(self, *args):
        pass

    async def wait(self):
        """Waits for the other parties; returns this task's arrival index
        (0 .. parties-1)."""
        async with self._cond:
            await self._wait_passable()
            try:
                index = self._count
                self._count += 1
                if index + 1 == self._parties:
                    self._phase = _Phase.DRAIN
                    self._cond.notify_all()
                else:
                    await self._wait_drained()
                return index
            finally:
                self._count -= 1
                self._leave()

    async def _wait_passable(self):
        await self._cond.wait_for(lambda: self._phase not in (
            _Phase.DRAIN, _Phase.RESET))
        if self._phase is _Phase.BROKE:
            raise exceptions.BrokenBarrierError('Barrier aborted')

    async def _wait_drained(self):
        await self._cond.wait_for(lambda: self._phase is not _Phase.FILL)
        if self._phase in (_Phase.BROKE, _Phase.RESET):
            raise exceptions.BrokenBarrierError('Barrier aborted')

    def _leave(self):
        if self._count == 0:
            if self._phase in (_Phase.RESET, _Phase.DRAIN):
                self._phase = _Phase.FILL
            self._cond.notify_all()

    async def reset(self):
        async with self._cond:
            if self._count > 0:
                if self._phase is not _Phase.RESET:
                    self._phase = _Phase.RESET
            else:
                self._phase = _Phase.FILL
            self._cond.notify_all()

    async def abort(self):
        async with self._cond:
            self._phase = _Phase.BROKE
            self._cond.notify_all()

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        return self._count if self._phase is _Phase.FILL else 0

    @property
    def broken(self):
        return self._phase is _Phase.BROKE
