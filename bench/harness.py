# bench/harness.py: the driver every threaded workload of bench/ shares.
# `SCRIPT [THREADS] [N]`: THREADS threads each run work(N) (one unit of work
# each) at once; prints the wall time and check(results), a checksum so runs
# can be compared across runtimes.
import sys
import threading
import time


def run(work, default_n, check=sum):
    nthreads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    n = int(sys.argv[2]) if len(sys.argv) > 2 else default_n
    results = [0] * nthreads

    def body(k):
        results[k] = work(n)

    threads = [threading.Thread(target=body, args=(k,)) for k in range(nthreads)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    print(f"threads={nthreads} wall={elapsed:.3f}s check={check(results)}")
