# The errors of the coroutine protocols, word for word as CPython's.
import types


@types.coroutine
def pause():
    yield


def show(thunk):
    try:
        thunk()
    except Exception as e:
        print(type(e).__name__ + ":", e)
    else:
        print("no error")


def drive(coro):
    def go():
        while True:
            try:
                coro.send(None)
            except StopIteration as e:
                return e.value
    return go


async def await_it(x):
    return await x


class BadAwait:
    def __await__(self):
        return 5


class AwaitReturnsCoro:
    def __await__(self):
        return await_it(1)


show(drive(await_it(5)))
show(drive(await_it(BadAwait())))
c = await_it(None)
c.close()
co = AwaitReturnsCoro()
inner = co.__await__()
inner.close()
show(drive(await_it(AwaitReturnsCoro())))


async def simple():
    return 1


# reuse and bad sends
c = simple()
drive(c)()
show(lambda: c.send(None))
show(lambda: c.throw(ValueError("x")))
print(c.close())
c = simple()
show(lambda: c.send(1))
c.close()
show(lambda: c.send(None))


# awaiting one coroutine from two places
async def waits_forever():
    await pause()

shared = waits_forever()
first = await_it(shared)
first.send(None)
show(drive(await_it(shared)))
first.close()


# GeneratorExit ignored, StopIteration raised
async def ignores_exit():
    try:
        await pause()
    except GeneratorExit:
        await pause()

c = ignores_exit()
c.send(None)
show(c.close)
c = ignores_exit()
c.send(None)
try:
    c.throw(GeneratorExit)
except BaseException as e:
    print("throw GeneratorExit:", type(e).__name__)
c.close()


async def raises_stop():
    raise StopIteration("inside")

try:
    raises_stop().send(None)
except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", repr(e.__cause__), e.__suppress_context__)


async def raises_stop_async():
    raise StopAsyncIteration

show(drive(raises_stop_async()))


# async with
class NoProtocol:
    pass


class OnlyEnter:
    async def __aenter__(self):
        return self


class EnterNotAwaitable:
    def __aenter__(self):
        return 1

    async def __aexit__(self, *a):
        pass


class ExitNotAwaitable:
    async def __aenter__(self):
        return self

    def __aexit__(self, *a):
        return 2


class SyncOnly:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        pass


def use_with(mgr):
    async def body():
        async with mgr:
            pass
    return drive(body())


for m in (NoProtocol(), OnlyEnter(), EnterNotAwaitable(), ExitNotAwaitable(), SyncOnly()):
    show(use_with(m))


def sync_with_async_manager():
    with OnlyEnter():
        pass

show(sync_with_async_manager)


# async for
class AiterNotAnext:
    def __aiter__(self):
        return 1


class AnextNotAwaitable:
    def __aiter__(self):
        return self

    def __anext__(self):
        return 1


class AnextNoMethod:
    def __aiter__(self):
        return NoProtocol()


def use_for(obj):
    async def body():
        async for x in obj:
            pass
    return drive(body())


for o in (1, [1, 2], AiterNotAnext(), AnextNotAwaitable(), AnextNoMethod()):
    show(use_for(o))


async def why():
    async for x in AnextNotAwaitable():
        pass

try:
    drive(why())()
except TypeError as e:
    print("cause:", repr(e.__cause__))


# running twice at once from one thread
async def reenter():
    return me.send(None)

me = reenter()
show(drive(me))


# the final uncaught error shows its traceback through the awaits
async def deepest():
    raise LookupError("deep")


async def middle():
    await deepest()


async def top():
    await middle()


drive(top())()
