"""asyncio: coroutines scheduled on an event loop, one loop per thread.

The package, in the order it is built:
  exceptions  CancelledError, InvalidStateError, ...
  coroutines  iscoroutine / iscoroutinefunction, repr helpers
  events      the loop (ready queue, timers, selector), Handle, policy,
              the per-thread running loop (C module _asyncio)
  futures     Future, wrap_future
  tasks       Task and sleep/gather/wait/wait_for/as_completed/shield/...
  timeouts    timeout, timeout_at, Timeout
  taskgroups  TaskGroup
  locks       Lock, Event, Condition, Semaphore, BoundedSemaphore, Barrier
  queues      Queue, PriorityQueue, LifoQueue
  runners     run, Runner
"""

import sys

from .exceptions import *
from .coroutines import *
from .events import *
from .futures import *
from .tasks import *
from .timeouts import *
from .taskgroups import *
from .locks import *
from .queues import *
from .runners import *

from . import exceptions, coroutines, events, futures, tasks
from . import timeouts, taskgroups, locks, queues, runners

__all__ = (exceptions.__all__ + coroutines.__all__ + events.__all__ +
           futures.__all__ + tasks.__all__ + timeouts.__all__ +
           taskgroups.__all__ + locks.__all__ + queues.__all__ +
           runners.__all__)
