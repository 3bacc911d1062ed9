# bench/shared_object.py [THREADS] [N]: every thread calls the methods of ONE
# shared object and reads its attributes, N times.  Free-threaded CPython 3.14
# keeps about 0.39 of its 2-process throughput here; torii's loads of the
# object, its class and its methods write nothing to them.
import harness


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


harness.run(work, 1_000_000)
