# bench/lock_counter.py [THREADS] [N]: every thread increments one shared
# counter N times, each increment under one shared threading.Lock (a `with`
# block in a tight loop).  The lock is handed between running threads: this
# must cost no more than a GIL does.
import threading
import harness

LOCK = threading.Lock()
COUNTER = [0]


def work(n):
    for i in range(n):
        with LOCK:
            COUNTER[0] += 1
    return n


def counted(results):
    assert COUNTER[0] == sum(results), (COUNTER[0], sum(results))
    return COUNTER[0]


harness.run(work, 500_000, counted)
