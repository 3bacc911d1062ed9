# bench/shared_read.py [THREADS] [N]: each thread calls a global function that
# reads a shared global list and a shared global dict, N times.  The
# containers and the function are shared by every thread: a runtime whose
# loads write to them (reference counts, locks) stops scaling here.
import sys
import threading
import time

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


def main():
    nthreads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
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
    print(f"threads={nthreads} wall={elapsed:.3f}s check={sum(results)}")


main()
