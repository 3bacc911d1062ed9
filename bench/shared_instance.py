# bench/shared_instance.py [THREADS] [N]: every thread calls the methods of ONE
# module-level instance, loaded as a global in the loop.  The method copies an
# attribute holding a list into a local (c = self.coef), indexes it, reads
# another attribute and calls another method of self.
import sys
import threading
import time


class Poly:
    def __init__(self, coef, bias):
        self.coef = coef
        self.bias = bias
        self.name = "poly"

    def clamp(self, v):
        if v > 1000:
            return v % 1000
        return v

    def evaluate(self, x):
        c = self.coef
        v = c[0] + c[1] * x + c[2] * x * x
        return self.clamp(v + self.bias)


MODEL = Poly([3, 2, 1], 7)


def work(n):
    total = 0
    for i in range(n):
        total += MODEL.evaluate(i & 31)
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
