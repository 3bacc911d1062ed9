# async with (__aenter__/__aexit__) and async for (__aiter__/__anext__),
# driven by hand.
import types


@types.coroutine
def pause(tag):
    yield tag


def run(coro):
    trace = []
    while True:
        try:
            trace.append(coro.send(None))
        except StopIteration as e:
            return e.value, trace


class Manager:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    async def __aenter__(self):
        await pause("enter " + self.name)
        print("enter", self.name)
        return self.name.upper()

    async def __aexit__(self, typ, exc, tb):
        await pause("exit " + self.name)
        print("exit", self.name, typ.__name__ if typ else None, exc)
        return self.suppress


async def body():
    async with Manager("a") as v:
        print("inside", v)
    async with Manager("b", suppress=True) as v, Manager("c") as w:
        print("inside", v, w)
        raise KeyError("swallowed by b")
    try:
        async with Manager("d"):
            raise ValueError("escapes")
    except ValueError as e:
        print("caught", e)
    return "body done"


print(run(body()))


# return, break and continue leave an async with through __aexit__
async def leave():
    for i in range(3):
        async with Manager("loop%d" % i):
            if i == 0:
                continue
            if i == 1:
                break
    async with Manager("ret"):
        return "returned"


print(run(leave()))


# __aexit__ may be a plain method returning an awaitable
class Ready:
    def __await__(self):
        return iter(())


class PlainExit:
    async def __aenter__(self):
        return self

    def __aexit__(self, *args):
        print("plain exit", args[0])
        return Ready()


async def plain():
    async with PlainExit() as p:
        print(type(p).__name__)


print(run(plain()))


# async for over a class with __aiter__/__anext__
class Countdown:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        await pause("tick %d" % self.n)
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        return self.n


async def loops():
    got = []
    async for i in Countdown(3):
        got.append(i)
    else:
        got.append("else")
    async for i in Countdown(5):
        if i == 3:
            continue
        if i == 1:
            break
        got.append(i)
    else:
        got.append("no else after break")
    async for a, b in Pairs():
        got.append(a + b)
    return got


class Pairs:
    def __aiter__(self):
        self.i = 0
        return self

    def __anext__(self):
        self.i += 1
        if self.i > 2:
            return StopAll()
        return Value((self.i, self.i * 10))


class Value:
    def __init__(self, v):
        self.v = v

    def __await__(self):
        return self.v
        yield


class StopAll:
    def __await__(self):
        raise StopAsyncIteration
        yield


print(run(loops()))


# an exception in the body leaves the loop; the iterator is dropped
async def raising():
    try:
        async for i in Countdown(3):
            raise RuntimeError("in body %d" % i)
    except RuntimeError as e:
        return str(e)


print(run(raising()))


# an exception other than StopAsyncIteration from __anext__ propagates
class Broken:
    def __aiter__(self):
        return self

    async def __anext__(self):
        raise OSError("broken stream")


async def broken():
    try:
        async for x in Broken():
            pass
    except OSError as e:
        return "OSError: %s" % e


print(run(broken()))


# async for inside async with inside async for
async def nested():
    out = []
    async for i in Countdown(2):
        async with Manager("n%d" % i) as m:
            async for j in Countdown(2):
                out.append((m, i, j))
    return out


print(run(nested()))
