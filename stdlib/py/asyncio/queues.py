"""asyncio queues: Queue (FIFO), PriorityQueue (smallest first, heapq) and
LifoQueue (stack), with join()/task_done() accounting and shutdown().

`_wait_get` and `_wait_put` are FIFO deques of the futures of tasks blocked in
get() and put(); each put wakes the first live getter and vice versa.
Threads: a queue belongs to one loop and is not thread-safe.
"""

import collections
from collections import deque as _deque
import heapq
from types import GenericAlias

from . import locks
from .mixins import _LoopBoundMixin as _Bound

__all__ = ('Queue', 'PriorityQueue', 'LifoQueue', 'QueueFull', 'QueueEmpty',
           'QueueShutDown')


class QueueEmpty(Exception):
    """get_nowait() found the queue empty."""


class QueueFull(Exception):
    """put_nowait() found the queue full."""


class QueueShutDown(Exception):
    """put or get on a queue that was shut down."""


_TOO_MANY_DONE_TEXT = 'task_done() called too many times'


def _wake_one(waiters):
    while waiters:
        fut = waiters.popleft()
        if not fut.done():
            fut.set_result(None)
            return


class Queue(_Bound):
    """A FIFO queue for tasks; maxsize <= 0 means unbounded."""

    def __init__(self, maxsize=0):
        self._maxsize = maxsize
        self._wait_get = collections.deque()
        self._wait_put = collections.deque()
        self._open_items = 0
        self._finished = locks.Event()
        self._finished.set()
        self._is_shutdown = False
        self._init(maxsize)

    # the storage, replaced by the subclasses
    def _init(self, maxsize):
        self._queue = _deque()

    def _get(self):
        return self._queue.popleft()

    def _put(self, item):
        self._queue.append(item)

    def _format(self):
        text = f'maxsize={self._maxsize!r}'
        items = getattr(self, '_queue', None)
        if items:
            text += f' _queue={list(self._queue)!r}'
        if self._wait_get:
            text += f' _getters[{len(self._wait_get)}]'
        if self._wait_put:
            text += f' _putters[{len(self._wait_put)}]'
        if self._open_items:
            text += f' tasks={self._open_items}'
        if self._is_shutdown:
            text += ' shutdown'
        return text

    def __repr__(self):
        kind = type(self).__name__
        return f'<{kind} at {id(self):#x} {self._format()}>'

    def __str__(self):
        kind = type(self).__name__
        return f'<{kind} {self._format()}>'

    __class_getitem__ = classmethod(GenericAlias)

    def qsize(self):
        return len(self._queue)

    @property
    def maxsize(self):
        return self._maxsize

    def empty(self):
        return not self._queue

    def full(self):
        return 0 < self._maxsize <= self.qsize()

    async def put(self, item):
        """Waits for a free slot, then puts `item`."""
        while self.full():
            if self._is_shutdown:
                raise QueueShutDown
            slot = self._bound_loop().create_future()
            self._wait_put.append(slot)
            try:
                await slot
            except:
                slot.cancel()
                try:
                    self._wait_put.remove(slot)
                except ValueError:
                    pass
                if not self.full() and not slot.cancelled():
                    _wake_one(self._wait_put)
                raise
        return self.put_nowait(item)

    def put_nowait(self, item):
        if self._is_shutdown:
            raise QueueShutDown
        if self.full():
            raise QueueFull
        self._put(item)
        self._open_items += 1
        self._finished.clear()
        _wake_one(self._wait_get)

    async def get(self):
        """Waits for an item and returns it."""
        while self.empty():
            if self._is_shutdown:
                raise QueueShutDown
            slot = self._bound_loop().create_future()
            self._wait_get.append(slot)
            try:
                await slot
            except:
                slot.cancel()
                try:
                    self._wait_get.remove(slot)
                except ValueError:
                    pass
                if not self.empty() and not slot.cancelled():
                    _wake_one(self._wait_get)
                raise
        return self.get_nowait()

    def get_nowait(self):
        if self.empty():
            if self._is_shutdown:
                raise QueueShutDown
            raise QueueEmpty
        item = self._get()
        _wake_one(self._wait_put)
        return item

    def task_done(self):
        if self._open_items <= 0:
            raise ValueError(_TOO_MANY_DONE_TEXT)
        self._open_items -= 1
        if self._open_items == 0:
            self._finished.set()

    async def join(self):
        """Waits until every item put has been marked task_done()."""
        if self._open_items > 0:
            await self._finished.wait()

    def shutdown(self, immediate=False):
        """Refuses further puts; immediate=True also drops the items left
        (get then raises QueueShutDown at once)."""
        self._is_shutdown = True
        if immediate:
            while not self.empty():
                self._get()
                if self._open_items > 0:
                    self._open_items -= 1
            if self._open_items == 0:
                self._finished.set()
        while self._wait_get:
            fut = self._wait_get.popleft()
            if not fut.done():
                fut.set_result(None)
        while self._wait_put:
            fut = self._wait_put.popleft()
            if not fut.done():
                fut.set_result(None)


class PriorityQueue(Queue):
    """Retrieves the smallest item first."""

    def _init(self, maxsize):
        self._queue = []

    def _put(self, item):
        heapq.heappush(self._queue, item)

    def _get(self):
        return heapq.heappop(self._queue)


class LifoQueue(Queue):
    """Retrieves the most recently added item first."""

    def _init(self, maxsize):
        self._queue = []

    def _put(self, item):
        self._queue.append(item)

    def _get(self):
        return self._queue.pop()
