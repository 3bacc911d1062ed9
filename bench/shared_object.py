# bench/shared_object.py [THREADS] [N]: every thread calls the methods of ONE
# shared object and reads its attributes, N times.  Free-threaded CPython 3.14
# keeps about 0.39 of its 2-process throughput here; torii's loads of the
# object, its class and its methods write nothing to them.
import sys
import threading
import time


class Scorer:
    def __init__(self):
        self.scale = 3
        self.offset = 1

    def score(self, i):
        return (i & 63) * self.scale + self.offset


SHARED = Scorer()


def work(n):
    s = SHARED
    total = 0
    for i in range(n):
        total += s.score(i)
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
