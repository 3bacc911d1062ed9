# yield from: delegation to generators and plain iterables, return values.
def inner(n):
    for i in range(n):
        got = yield i
        if got is not None:
            print("inner got", got)
    return "inner-done-%d" % n

def outer():
    r1 = yield from inner(2)
    print("r1 =", r1)
    r2 = yield from inner(3)
    print("r2 =", r2)
    yield from [10, 20]
    yield from "ab"
    yield from range(2)
    return "outer-done"

print(list(outer()))
g = outer()
print(next(g))
print(g.send("hello"))
print(next(g))
try:
    while True:
        print("step", next(g))
except StopIteration as e:
    print("stop", e.value)

def flatten(x):
    if isinstance(x, list):
        for item in x:
            yield from flatten(item)
    else:
        yield x

print(list(flatten([1, [2, [3, [4, 5]], 6], [[7]], 8])))

def chain(*its):
    for it in its:
        yield from it

print(list(chain([1, 2], (3,), {4: 0}, "56")))

def deep(n):
    if n == 0:
        return 0
    v = yield from deep(n - 1)
    yield n
    return v + n

d = deep(5)
print(list(d))
d = deep(4)
try:
    while True:
        next(d)
except StopIteration as e:
    print("deep total", e.value)

def delegate_to_iter_error():
    yield from 5

try:
    list(delegate_to_iter_error())
except TypeError as e:
    print("TypeError:", e)
