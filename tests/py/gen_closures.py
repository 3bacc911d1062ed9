# Generators holding closures and cells; generators made by closures.
def make_counter(step):
    def gen(limit):
        n = 0
        while n < limit:
            yield n
            n += step
    return gen

by3 = make_counter(3)
print(list(by3(10)))

def adders():
    for i in range(3):
        yield lambda x, i=i: x + i

print([f(10) for f in adders()])

def late():
    fs = []
    for i in range(3):
        fs.append(lambda x: x + i)
        yield fs[-1]

print([f(100) for f in list(late())])

def shared_state():
    count = 0
    def bump():
        nonlocal count
        count += 1
        return count
    while count < 3:
        yield bump()
    yield "count=%d" % count

print(list(shared_state()))

def gen_with_cell(xs):
    total = 0
    def add(v):
        nonlocal total
        total += v
    for x in xs:
        add(x)
        yield total

print(list(gen_with_cell([1, 2, 3, 4])))

def outer(k):
    return (x * k for x in range(4))

gens = [outer(k) for k in range(3)]
print([list(g) for g in gens])

def pipeline(src, *stages):
    for st in stages:
        src = st(src)
    return src

def double(it):
    for x in it:
        yield 2 * x

def keep_big(it):
    return (x for x in it if x > 4)

print(list(pipeline(range(6), double, keep_big)))

def memo_gen():
    cache = {}
    def fib(n):
        if n not in cache:
            cache[n] = n if n < 2 else fib(n - 1) + fib(n - 2)
        return cache[n]
    n = 0
    while True:
        yield fib(n)
        n += 1

m = memo_gen()
print([next(m) for _ in range(12)])
