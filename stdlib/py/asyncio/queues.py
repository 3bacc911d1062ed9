"""asyncio queues: Queue (FIFO), PriorityQueue (smallest first, heapq) and
LifoQueue (stack), with join()/task_done() accounting and shutdown().

`_getters` and `_putters` are FIFO deques of the futures of tasks blocked in
get() and put(); each put wakes the first live getter and vice versa.
Threads: a queue belongs to one loop and is not thread-safe.
"""

import collections
import heapq
from types import GenericAlias

from . import locks
from . import mixins

__all__ = ('Queue', 'PriorityQueue', 'LifoQueue', 'QueueFull', 'QueueEmpty',
           'QueueShutDown')


class QueueEmpty(Exception):
    """get_nowait() found the queue empty."""


class QueueFull(Exception):
    """put_nowait() found the queue full."""


class QueueShutDown(Exception):
    """put or get on a queue that was shut down."""


def _wake_one(waiters):
    while waiters:
        fut = waiters.popleft()
        if not fut.done():
            fut.set_result(None)
            return


class Queue(mixins._LoopBoundMixin):
    """A FIFO queue for tasks; maxsize <= 0 means unbounded."""

    def __init__(self, maxsize=0):
        self._maxsize = maxsize
        self._getters = collections.deque()
        self._putters = collections.deque()
        self._unfinished_tasks = 0
        self._finished = locks.Event()
        self._finished.set()
        self._is_shutdown = False
        self._init(maxsize)

    # the storage, replaced by the subclasses
    def _init(self, maxsize):
        self._queue = collections.deque()

    def _get(self):
        return self._queue.popleft()

    def _put(self, item):
        self._queue.append(item)

    def _format(self):
        text = f'maxsize={self._maxsize!r}'
        if getattr(self, '_queue', None):
            text += f' _queue={list(self._queue)!r}'
        if self._getters:
            text += f' _getters[{len(self._getters)}]'
        if self._putters:
            text += f' _putters[{len(self._putters)}]'
        if self._unfinished_tasks:
            text += f' tasks={self._unfinished_tasks}'
        if self._is_shutdown:
            text += ' shutdown'
        return text

    def __repr__(self):
        return f'<{type(self).__name__} at {id(self):#x} {self._format()}>'

    def __str__(self):
        return f'<{type(self).__name__} {self._format()}>'

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
            slot = self._get_loop().create_future()
            self._putters.append(slot)
            try:
                await slot
            except:
                slot.cancel()
                try:
                    self._putters.remove(slot)
                except ValueError:
                    pass
                if not self.full() and not slot.cancelled():
                    _wake_one(self._putters)
                raise
        return self.put_nowait(item)

    def put_nowait(self, item):
        if self._is_shutdown:
            raise QueueShutDown
        if self.full():
            raise QueueFull
        self._put(item)
        self._unfinished_tasks += 1
        self._finished.clear()
        _wake_one(self._getters)

    async def get(self):
        """Waits for an item and returns it."""
        while self.empty():
            if self._is_shutdown and self.empty():
                raise QueueShutDown
            slot = self._get_loop().create_future()
            self._getters.append(slot)
            try:
                await slot
            except:
                slot.cancel()
                try:
                    self._getters.remove(slot)
                except ValueError:
                    pass
                if not self.empty() and not slot.cancelled():
                    _wake_one(self._getters)
                raise
        return self.get_nowait()

    def get_nowait(self):
        if self.empty():
            if self._is_shutdown:
                raise QueueShutDown
            raise QueueEmpty
        item = self._get()
        _wake_one(self._putters)
        return item

    def task_done(self):
        if self._unfinished_tasks <= 0:
            raise ValueError('task_done() called too many times')
        self._unfinished_tasks -= 1
        if self._unfinished_tasks == 0:
            self._finished.set()

    async def join(self):
        """Waits until every item put has been marked task_done()."""
        if self._unfinished_tasks > 0:
            await self._finished.wait()

    def shutdown(self, immediate=False):
        """Refuses further puts; immediate=True also drops the items left
        (get then raises QueueShutDown at once)."""
        self._is_shutdown = True
        if immediate:
            while not self.empty():
                self._get()
                if self._unfinished_tasks > 0:
                    self._unfinished_tasks -= 1
            if self._unfinished_tasks == 0:
                self._finished.set()
        while self._getters:
            fut = self._getters.popleft()
            if not fut.done():
                fut.set_result(None)
        while self._putters:
            fut = self._putters.popleft()
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
