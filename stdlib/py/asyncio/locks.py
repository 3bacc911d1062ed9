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
from . import mixins

__all__ = ('Lock', 'Event', 'Condition', 'Semaphore', 'BoundedSemaphore', 'Barrier')


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


def _first_live(waiters):
    """The first waiter future not done yet, or None."""
    if waiters:
        for fut in waiters:
            if not fut.done():
                return fut
    return None


class Lock(_AsyncWith, mixins._LoopBoundMixin):
    """A mutual-exclusion lock for tasks; acquired in FIFO order."""

    def __init__(self):
        self._waiters = None
        self._locked = False

    def __repr__(self):
        detail = 'locked' if self._locked else 'unlocked'
        if self._waiters:
            detail += f', waiters:{len(self._waiters)}'
        return _decorated_repr(self, detail)

    def locked(self):
        return self._locked

    async def acquire(self):
        if not self._locked and (self._waiters is None or
                                 all(w.cancelled() for w in self._waiters)):
            self._locked = True
            return True
        if self._waiters is None:
            self._waiters = collections.deque()
        fut = self._get_loop().create_future()
        self._waiters.append(fut)
        try:
            try:
                await fut
            finally:
                self._waiters.remove(fut)
        except exceptions.CancelledError:
            if not self._locked:
                self._wake_first()
            raise
        self._locked = True
        return True

    def release(self):
        if not self._locked:
            raise RuntimeError('Lock is not acquired.')
        self._locked = False
        self._wake_first()

    def _wake_first(self):
        if self._waiters:
            fut = self._waiters[0]
            if not fut.done():
                fut.set_result(True)


class Event(mixins._LoopBoundMixin):
    """A flag tasks can wait on until some task sets it."""

    def __init__(self):
        self._waiters = collections.deque()
        self._value = False

    def __repr__(self):
        detail = 'set' if self._value else 'unset'
        if self._waiters:
            detail += f', waiters:{len(self._waiters)}'
        return _decorated_repr(self, detail)

    def is_set(self):
        return self._value

    def set(self):
        if self._value:
            return
        self._value = True
        for fut in self._waiters:
            if not fut.done():
                fut.set_result(True)

    def clear(self):
        self._value = False

    async def wait(self):
        if self._value:
            return True
        fut = self._get_loop().create_future()
        self._waiters.append(fut)
        try:
            await fut
            return True
        finally:
            self._waiters.remove(fut)


class Condition(_AsyncWith, mixins._LoopBoundMixin):
    """Tasks wait (releasing the lock) until notified, then re-take it."""

    def __init__(self, lock=None):
        if lock is None:
            lock = Lock()
        self._lock = lock
        self.locked = lock.locked
        self.acquire = lock.acquire
        self.release = lock.release
        self._waiters = collections.deque()

    def __repr__(self):
        detail = 'locked' if self.locked() else 'unlocked'
        if self._waiters:
            detail += f', waiters:{len(self._waiters)}'
        return _decorated_repr(self, detail)

    async def wait(self):
        """Releases the lock, waits for a notify, re-acquires the lock
        (even when cancelled meanwhile) and returns True."""
        if not self.locked():
            raise RuntimeError('cannot wait on un-acquired lock')
        fut = self._get_loop().create_future()
        self.release()
        try:
            try:
                self._waiters.append(fut)
                try:
                    await fut
                    return True
                finally:
                    self._waiters.remove(fut)
            finally:
                interrupted = None
                while True:
                    try:
                        await self.acquire()
                        break
                    except exceptions.CancelledError as exc:
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
            raise RuntimeError('cannot notify on un-acquired lock')
        self._notify_some(n)

    def _notify_some(self, n):
        woken = 0
        for fut in self._waiters:
            if woken >= n:
                break
            if not fut.done():
                woken += 1
                fut.set_result(False)

    def notify_all(self):
        self.notify(len(self._waiters))


class Semaphore(_AsyncWith, mixins._LoopBoundMixin):
    """A counter of free slots; acquire() waits while it is zero."""

    def __init__(self, value=1):
        if value < 0:
            raise ValueError('Semaphore initial value must be >= 0')
        self._waiters = None
        self._value = value

    def __repr__(self):
        detail = 'locked' if self.locked() else f'unlocked, value:{self._value}'
        if self._waiters:
            detail += f', waiters:{len(self._waiters)}'
        return _decorated_repr(self, detail)

    def locked(self):
        return self._value == 0 or any(not w.cancelled() for w in (self._waiters or ()))

    async def acquire(self):
        if not self.locked():
            self._value -= 1
            return True
        if self._waiters is None:
            self._waiters = collections.deque()
        fut = self._get_loop().create_future()
        self._waiters.append(fut)
        try:
            try:
                await fut
            finally:
                self._waiters.remove(fut)
        except exceptions.CancelledError:
            # woken but cancelled before running: hand the slot on
            if fut.done() and not fut.cancelled():
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
        fut = _first_live(self._waiters)
        if fut is None:
            return False
        self._value -= 1
        fut.set_result(True)
        return True


class BoundedSemaphore(Semaphore):
    """A Semaphore that refuses to be released above its initial value."""

    def __init__(self, value=1):
        self._bound_value = value
        super().__init__(value)

    def release(self):
        if self._value >= self._bound_value:
            raise ValueError('BoundedSemaphore released too many times')
        super().release()


class _BarrierState(enum.Enum):
    FILLING = 'filling'
    DRAINING = 'draining'
    RESETTING = 'resetting'
    BROKEN = 'broken'


class Barrier(mixins._LoopBoundMixin):
    """Lets `parties` tasks wait until all of them have arrived."""

    def __init__(self, parties):
        if parties < 1:
            raise ValueError('parties must be > 0')
        self._cond = Condition()
        self._parties = parties
        self._state = _BarrierState.FILLING
        self._count = 0

    def __repr__(self):
        detail = f'{self._state.value}'
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
                    self._state = _BarrierState.DRAINING
                    self._cond.notify_all()
                else:
                    await self._wait_drained()
                return index
            finally:
                self._count -= 1
                self._leave()

    async def _wait_passable(self):
        await self._cond.wait_for(lambda: self._state not in (
            _BarrierState.DRAINING, _BarrierState.RESETTING))
        if self._state is _BarrierState.BROKEN:
            raise exceptions.BrokenBarrierError('Barrier aborted')

    async def _wait_drained(self):
        await self._cond.wait_for(lambda: self._state is not _BarrierState.FILLING)
        if self._state in (_BarrierState.BROKEN, _BarrierState.RESETTING):
            raise exceptions.BrokenBarrierError('Barrier aborted')

    def _leave(self):
        if self._count == 0:
            if self._state in (_BarrierState.RESETTING, _BarrierState.DRAINING):
                self._state = _BarrierState.FILLING
            self._cond.notify_all()

    async def reset(self):
        async with self._cond:
            if self._count > 0:
                if self._state is not _BarrierState.RESETTING:
                    self._state = _BarrierState.RESETTING
            else:
                self._state = _BarrierState.FILLING
            self._cond.notify_all()

    async def abort(self):
        async with self._cond:
            self._state = _BarrierState.BROKEN
            self._cond.notify_all()

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        return self._count if self._state is _BarrierState.FILLING else 0

    @property
    def broken(self):
        return self._state is _BarrierState.BROKEN
