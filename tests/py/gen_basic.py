# Basic generator functions: yield, iteration, next(), repr, type.
def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1

print(list(count_up(5)))
g = count_up(3)
print(type(g).__name__, g.__name__, g.__qualname__)
print(repr(g).startswith("<generator object count_up at 0x"))
print(next(g), next(g), next(g))
print(next(g, "done"))
for x in count_up(4):
    print("item", x)

def outer():
    def inner():
        yield "a"
        yield "b"
    return inner()

h = outer()
print(h.__qualname__, repr(h).startswith("<generator object outer.<locals>.inner at"))
print(list(h), list(h))

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

f = fib()
print([next(f) for _ in range(15)])

def pairs(xs):
    for i, x in enumerate(xs):
        for y in xs[i + 1:]:
            yield x, y

print(list(pairs([1, 2, 3, 4])))
print(iter(g) is g)
print(sum(count_up(101)), max(count_up(7)), sorted(count_up(4), reverse=True))
print(dict(zip(count_up(3), "xyz")), tuple(count_up(2)), set(count_up(3)))
a, b, c = count_up(3)
print(a, b, c)
print(*count_up(4), sep="-")

def empty():
    return
    yield

print(list(empty()))

def lam_gen():
    return (lambda: (yield 7))()

print(list(lam_gen()))
