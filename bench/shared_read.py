# bench/shared_read.py [THREADS] [N]: each thread calls a global function that
# reads a shared global list and a shared global dict, N times.  The
# containers and the function are shared by every thread: a runtime whose
# loads write to them (reference counts, locks) stops scaling here.
import harness

TABLE = list(range(64))
WEIGHTS = {i: i % 5 for i in range(64)}


def score(i):
    k = i & 63
    return TABLE[k] * WEIGHTS[k]


def work(n):
    total = 0
    for i in range(n):
        total += score(i)
    return total


harness.run(work, 1_000_000)
