# bench/lock_counter.py [THREADS] [N]: every thread increments one shared
# counter N times, each increment under one shared threading.Lock (a `with`
# block in a tight loop).  The lock is handed between running threads: this
# must cost no more than a GIL does.
import sys
import threading
import time

LOCK = threading.Lock()
COUNTER = [0]


def work(n):
    for i in range(n):
        with LOCK:
            COUNTER[0] += 1
    return n


def main():
    nthreads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 500_000
    results = [0] * nthreads

    def run(k):
        results[k] = work(n)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(nthreads)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    assert COUNTER[0] == sum(results), (COUNTER[0], sum(results))
    print(f"threads={nthreads} wall={elapsed:.3f}s check={COUNTER[0]}")


main()
