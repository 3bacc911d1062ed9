# bench/oo_calls.py [N]: single-threaded method calls and attribute traffic on
# instances of a small class hierarchy: LOAD_ATTR on instance values,
# STORE_ATTR, LOAD_METHOD + CALL of Python methods (own and inherited), a
# class attribute read through the instance, and instantiation with __init__.
import sys
import time


class Vec:
    dims = 2

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def dot(self, other):
        return self.x * other.x + self.y * other.y

    def scale(self, k):
        self.x = self.x * k
        self.y = self.y * k
        return self


class Point(Vec):
    def norm1(self):
        return abs(self.x) + abs(self.y)

    def shift(self, d):
        self.x += d
        return self.x + self.dims


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    p = Point(1, 2)
    q = Vec(3, 4)
    total = 0
    t0 = time.perf_counter()
    for i in range(n):
        total += p.dot(q)
        total += p.shift(1) & 7
        p.scale(1)
        total += p.norm1() & 15
        if i & 15 == 0:
            v = Vec(i, 1)
            total += v.x
        p.x = i & 31
    elapsed = time.perf_counter() - t0
    print(f"n={n} wall={elapsed:.3f}s check={total}")


main()
