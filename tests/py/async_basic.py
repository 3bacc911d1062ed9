# Coroutines (PEP 492) driven by hand: send(None) loops and a tiny scheduler.
import types


@types.coroutine
def suspend(value=None):
    # a generator-based coroutine: what it yields goes up to the driver
    got = yield value
    return got


def run(coro, sends=()):
    """Drives `coro` to completion, answering each yield from `sends`."""
    sends = list(sends)
    yielded = []
    value = None
    while True:
        try:
            out = coro.send(value)
        except StopIteration as e:
            return e.value, yielded
        yielded.append(out)
        value = sends.pop(0) if sends else None


async def add(a, b):
    return a + b


async def chain(n):
    total = 0
    for i in range(n):
        total += await add(total, i)
    return total


print(run(chain(5)))

# what a coroutine object looks like
c = add(1, 2)
print(type(c).__name__, c.__name__, c.__qualname__, c.cr_code.co_name)
print(c.cr_running, c.cr_await, type(c.cr_frame).__name__, c.cr_suspended)
print(repr(c).startswith("<coroutine object add at 0x"))
print(types.CoroutineType is type(c), isinstance(c, types.CoroutineType))
print(add.__code__.co_flags & 0x80 != 0, suspend.__code__.co_flags & 0x100 != 0)
try:
    c.send(None)
except StopIteration as e:
    print("returned", e.value, e.args)
print(c.cr_frame, c.cr_suspended)


class Outer:
    class Inner:
        async def method(self):
            return "m"


co = Outer.Inner().method()
print(co.__name__, co.__qualname__)
print(run(co))

# values flow through awaits in both directions
async def echo():
    a = await suspend("first")
    b = await suspend("second")
    return (a, b)


print(run(echo(), ["A", "B"]))

# cr_await and cr_running while suspended and while running
async def watcher():
    me = holder[0]
    print("running inside:", me.cr_running)
    await suspend("x")
    return "done"

holder = [None]
w = watcher()
holder[0] = w
print(w.send(None))
print("cr_await is a generator:", type(w.cr_await).__name__, w.cr_running)
try:
    w.send(None)
except StopIteration as e:
    print("finished:", e.value, w.cr_await)


# objects with __await__
class Ready:
    def __init__(self, value):
        self.value = value

    def __await__(self):
        yield ("ready", self.value)
        return self.value * 10


async def use_ready():
    return await Ready(4) + await Ready(5)


print(run(use_ready()))

# coro.__await__() returns an iterator over the coroutine
inner = add(2, 3)
it = inner.__await__()
print(type(it).__name__, iter(it) is it)
try:
    next(it)
except StopIteration as e:
    print("wrapper returned", e.value)

# throw() into a suspended coroutine reaches the innermost await
async def guarded():
    try:
        await suspend("waiting")
    except KeyError as e:
        return "caught " + repr(e)


g = guarded()
g.send(None)
try:
    g.throw(KeyError("k"))
except StopIteration as e:
    print(e.value)

# close() runs finally blocks
async def with_finally():
    try:
        await suspend(1)
    finally:
        print("finally ran")


f = with_finally()
f.send(None)
print(f.close(), f.cr_frame)
print(f.close())

# a tiny round-robin scheduler
log = []


async def worker(name, n):
    for i in range(n):
        log.append((name, i))
        await suspend()
    return name.upper()


def schedule(*coros):
    ready = list(coros)
    results = {}
    while ready:
        c = ready.pop(0)
        try:
            c.send(None)
        except StopIteration as e:
            results[c.__name__ + ":" + str(len(results))] = e.value
        else:
            ready.append(c)
    return results


print(schedule(worker("a", 3), worker("b", 1), worker("c", 2)))
print(log)

# recursion through awaits
async def fib(n):
    if n < 2:
        return n
    return await fib(n - 1) + await fib(n - 2)


print(run(fib(15)))

# exceptions propagate through awaits with a traceback
async def fails():
    raise ValueError("inner")


async def calls_fails():
    await fails()


try:
    calls_fails().send(None)
except ValueError as e:
    print("propagated", e)

# types.coroutine on a plain function returning a generator
def plain():
    return (i for i in range(2))


wrapped = types.coroutine(plain)


async def await_wrapped():
    return await wrapped()


print(run(await_wrapped()))
try:
    types.coroutine(5)
except TypeError as e:
    print(e)


async def already():
    return 1


print(types.coroutine(already) is already)
