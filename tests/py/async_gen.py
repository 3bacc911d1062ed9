# Async generators (PEP 525): __anext__, asend, athrow, aclose, the hooks,
# aiter() and anext(), driven by hand.
import sys
import types


@types.coroutine
def pause(tag):
    got = yield tag
    return got


def run(coro):
    trace = []
    while True:
        try:
            trace.append(coro.send(None))
        except StopIteration as e:
            return e.value, trace


def step(awaitable, value=None):
    """One send into an asend/athrow awaitable: ('yield', v) for a value the
    generator passed up from an await, ('stop', v) when the step ended."""
    try:
        return ("yield", awaitable.send(value))
    except StopIteration as e:
        return ("stop", e.value)
    except StopAsyncIteration:
        return ("end",)


async def counter(n):
    for i in range(n):
        got = yield i
        if got is not None:
            print("counter got", got)
        await pause("between %d" % i)


g = counter(2)
print(type(g).__name__, g.__name__, g.__qualname__, g.ag_code.co_name, g.ag_running, g.ag_await)
print(isinstance(g, types.AsyncGeneratorType), repr(g).startswith("<async_generator object counter at 0x"))
print(g.__aiter__() is g, type(g.ag_frame).__name__)
a = g.__anext__()
print(type(a).__name__, a.__await__() is a, iter(a) is a)
print(step(a))
try:
    a.send(None)
except RuntimeError as e:
    print(e)
b = g.asend("hello")
print(step(b), g.ag_running)
print(step(b), g.ag_running)
c = g.__anext__()
print(step(c), step(c))
print(step(g.__anext__()), g.ag_frame)

# async for, comprehension and the else clause over an async generator
async def squares(n):
    for i in range(n):
        await pause(i)
        yield i * i


async def consume():
    out = []
    async for v in squares(4):
        out.append(v)
    else:
        out.append("done")
    return out


print(run(consume()))

# athrow: the generator may catch and yield, or let it go
async def catcher():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            yield "caught %s" % e


g = catcher()
print(step(g.__anext__()))
print(step(g.athrow(ValueError("one"))))
print(step(g.__anext__()))
print(step(g.athrow(ValueError("two"))))
t = g.athrow(KeyError("escapes"))
try:
    t.send(None)
except KeyError as e:
    print("athrow propagated", repr(e))
try:
    t.send(None)
except RuntimeError as e:
    print(e)
print(step(g.__anext__()))

# aclose runs finally blocks; closing twice is fine
async def closing():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
        await pause("cleanup await")


g = closing()
print(step(g.__anext__()))
cl = g.aclose()
print(step(cl))
print(step(cl))
print(step(g.aclose()))
print(step(g.__anext__()))

# aclose on a generator that never started
g = closing()
print(step(g.aclose()), step(g.__anext__()))

# errors of the protocol
async def ignorer():
    try:
        yield 1
    except GeneratorExit:
        yield 2


g = ignorer()
step(g.__anext__())
try:
    g.aclose().send(None)
except RuntimeError as e:
    print(e)


async def raises_stop():
    yield 1
    raise StopAsyncIteration


g = raises_stop()
step(g.__anext__())
try:
    g.__anext__().send(None)
except RuntimeError as e:
    print(e, type(e.__cause__).__name__)


async def raises_stopiter():
    yield 1
    raise StopIteration


g = raises_stopiter()
step(g.__anext__())
try:
    g.__anext__().send(None)
except RuntimeError as e:
    print(e)


async def slow():
    await pause("slow")
    yield "value"


g = slow()
first = g.__anext__()
print(step(first))
for make in (g.__anext__, lambda: g.athrow(ValueError), g.aclose):
    try:
        make().send(None)
    except RuntimeError as e:
        print(e)
print(step(first))
try:
    g.asend(1).send(None)
except StopAsyncIteration:
    print("finished")
g = slow()
try:
    g.asend(None).send(1)
except TypeError as e:
    print(e)
g.aclose().send(None) if False else None

# aiter() and anext()
async def two():
    yield "x"
    yield "y"


async def use_builtins():
    it = aiter(two())
    a = await anext(it)
    b = await anext(it, "default")
    c = await anext(it, "default")
    try:
        await anext(it)
    except StopAsyncIteration:
        d = "stopped"
    return a, b, c, d


print(run(use_builtins()))
print(type(anext(two(), None)).__name__)
for bad in (lambda: aiter(1), lambda: anext(1)):
    try:
        bad()
    except TypeError as e:
        print(e)


class NotAnIter:
    def __aiter__(self):
        return 1


try:
    aiter(NotAnIter())
except TypeError as e:
    print(e)

# hooks
print(sys.get_asyncgen_hooks())
seen = []


def firstiter(gen):
    seen.append(("first", gen.__name__))


def finalizer(gen):
    seen.append(("final", gen.__name__))


old = sys.get_asyncgen_hooks()
sys.set_asyncgen_hooks(firstiter, finalizer)
hooks = sys.get_asyncgen_hooks()
print(type(hooks).__name__, hooks.firstiter is firstiter, hooks.finalizer is finalizer, len(hooks))
print(hooks == (firstiter, finalizer), hooks[0] is firstiter)
g = counter(3)
step(g.__anext__())
step(g.__anext__())
del g
g = counter(1)
del g          # never iterated: no hooks
print(seen)
sys.set_asyncgen_hooks(finalizer=None)
print(sys.get_asyncgen_hooks().finalizer, sys.get_asyncgen_hooks().firstiter is firstiter)
sys.set_asyncgen_hooks(*old)
print(sys.get_asyncgen_hooks())
for kw in ({"firstiter": 1}, {"finalizer": "x"}, {"firstiter": 1, "finalizer": 2}):
    try:
        sys.set_asyncgen_hooks(**kw)
    except TypeError as e:
        print(e)

# without a finalizer hook, a dropped suspended generator runs its finally
async def dropped():
    try:
        yield 1
    finally:
        print("dropped generator closed")


g = dropped()
step(g.__anext__())
del g
print("end")
