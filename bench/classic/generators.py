# bench/classic/generators.py [N]: generator pipelines: chained generator
# functions (source -> filter -> map -> window), delegation with yield from,
# a generator with send(), and sums over generator expressions.
import sys


def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1


def evens(it):
    for x in it:
        if x % 2 == 0:
            yield x


def squares(it):
    for x in it:
        yield x * x


def mod_each(it, m):
    for x in it:
        yield x % m


def pairs(it):
    prev = None
    for x in it:
        if prev is not None:
            yield prev, x
        prev = x


def chunks(n, size):
    for start in range(0, n, size):
        yield from range(start, min(start + size, n))


def flatten(nested):
    for item in nested:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item


def running_total():
    total = 0
    while True:
        x = yield total
        if x is None:
            return total
        total += x


def pipeline(n):
    return sum(a * 3 + b for a, b in pairs(mod_each(squares(evens(numbers(n))), 1009)))


def delegation(n):
    return sum(x for x in chunks(n, 37) if x % 3 == 1)


def nested_sum(depth, width):
    def build(d):
        if d == 0:
            return list(range(width))
        return [build(d - 1) for _ in range(width)]
    tree = build(depth)
    return sum(flatten(tree))


def accumulate(n):
    acc = running_total()
    next(acc)
    last = 0
    for i in range(n):
        last = acc.send(i % 17)
    acc.close()
    return last


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1300000
    a = pipeline(n)
    b = delegation(n)
    c = nested_sum(4, 9)
    d = accumulate(n // 2)
    e = sum(len(str(x)) for x in range(n // 4))
    f = max((x * 7919) % 10007 for x in numbers(n // 4))
    print(f"generators n={n} pipeline={a} delegation={b} nested={c} acc={d} digits={e} max={f}")


main()
