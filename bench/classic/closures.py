# bench/classic/closures.py [N]: closures the ordinary way: counter factories
# with nonlocal state, adders and composers built from nested functions and
# lambdas, a closure-based memoiser, and callbacks kept in a list.
import sys


def make_counter(start=0, step=1):
    count = start

    def incr():
        nonlocal count
        count += step
        return count

    def get():
        return count

    return incr, get


def make_adder(k):
    def add(x):
        return x + k
    return add


def compose(f, g):
    return lambda x: f(g(x))


def make_accumulator():
    total = 0
    items = 0

    def add(x):
        nonlocal total, items
        total += x
        items += 1
        return total

    def mean():
        return total // items if items else 0

    return add, mean


def memoize(f):
    cache = {}

    def wrapper(n):
        if n not in cache:
            cache[n] = f(n)
        return cache[n]
    return wrapper


def collatz_len(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


cached_collatz = memoize(collatz_len)


def run_callbacks(n):
    handlers = []
    for k in range(8):
        handlers.append(lambda x, k=k: (x * (k + 1)) % 97)
    total = 0
    for i in range(n):
        total += handlers[i % 8](i)
    return total


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500000
    incr, get = make_counter(10, 3)
    for _ in range(n):
        incr()
    add5 = make_adder(5)
    double = lambda x: x * 2
    f = compose(add5, compose(double, make_adder(-1)))
    s = 0
    for i in range(n):
        s += f(i)
    acc, mean = make_accumulator()
    for i in range(n):
        acc(i % 101)
    c = 0
    for i in range(n):
        c += cached_collatz(i % 2000 + 1)
    cb = run_callbacks(n)
    print(f"closures n={n} counter={get()} composed={s} mean={mean()} collatz={c} callbacks={cb}")


main()
