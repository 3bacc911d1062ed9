# examples/parallel_sum.py [THREADS] [N]: a CPU-bound pure-Python function run
# by THREADS threads, each doing the same unit of work (N iterations).
# Prints the wall time; under a free-threaded runtime the threads run at once.
import sys
import threading
import time


def work(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def main():
    nthreads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 3_000_000
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
