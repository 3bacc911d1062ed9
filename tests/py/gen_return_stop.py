# return in generators, StopIteration handling, PEP 479.
def gen_ret():
    yield 1
    return 42

g = gen_ret()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("value", e.value, "args", e.args)
try:
    next(g)
except StopIteration as e:
    print("exhausted value", e.value, "args", e.args)

def gen_ret_none():
    yield 1
    return

g = gen_ret_none()
next(g)
try:
    next(g)
except StopIteration as e:
    print("none value", e.value, e.args)

def leaks_stop():
    yield 1
    raise StopIteration("oops")

try:
    list(leaks_stop())
except RuntimeError as e:
    print("RuntimeError:", e)
    print("cause:", repr(e.__cause__))
    print("context is cause:", e.__context__ is e.__cause__)

def next_on_empty():
    it = iter([])
    yield next(it)

try:
    for x in next_on_empty():
        print(x)
except RuntimeError as e:
    print("RuntimeError:", e, type(e.__cause__).__name__)

def stops_cleanly():
    it = iter([1, 2])
    while True:
        try:
            v = next(it)
        except StopIteration:
            return "clean"
        yield v

g = stops_cleanly()
print(list(g))
print(list(g))

def tupled():
    yield 1
    return (1, 2)

g = tupled()
next(g)
try:
    next(g)
except StopIteration as e:
    print(e.value, e.args)
print(list(x for x in gen_ret()))
