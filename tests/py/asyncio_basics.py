# asyncio basics: run, tasks, gather, Future API and reprs, names,
# current_task/all_tasks, ensure_future, Runner, iscoroutine(function).
import asyncio
import functools


def short(obj):
    # reprs without file paths or line numbers
    text = repr(obj)
    return text.split(' coro=')[0] + ('>' if ' coro=' in text else '')


async def add(a, b):
    await asyncio.sleep(0)
    return a + b


async def main():
    loop = asyncio.get_running_loop()
    print(loop is asyncio.get_event_loop(), loop.is_running(), loop.is_closed())
    me = asyncio.current_task()
    print(me.get_name(), short(me), me.get_coro().__qualname__)
    print(asyncio.iscoroutinefunction(add), asyncio.iscoroutinefunction(short),
          asyncio.iscoroutinefunction(functools.partial(add, 1)))
    c = add(1, 2)
    print(asyncio.iscoroutine(c), asyncio.iscoroutine(1))
    t = asyncio.create_task(c)
    print(short(t), t.done(), t in asyncio.all_tasks())
    print(await t, short(t), t.result(), t.done(), t in asyncio.all_tasks())
    t2 = loop.create_task(add(3, 4), name='adder')
    t2.set_name('renamed')
    print(await t2, t2.get_name())

    # gather: order of the arguments, not of completion
    async def slow(x, n):
        for _ in range(n):
            await asyncio.sleep(0)
        return x
    print(await asyncio.gather(slow('a', 3), slow('b', 1), slow('c', 2)))
    print(await asyncio.gather())
    async def boom():
        await asyncio.sleep(0)
        raise ValueError('boom')
    print(await asyncio.gather(slow(1, 1), boom(), return_exceptions=True))
    try:
        await asyncio.gather(slow(1, 1), boom())
    except ValueError as e:
        print('gather raised', repr(e))
    same = asyncio.ensure_future(slow('same', 1))
    print(await asyncio.gather(same, same))

    # Future API
    f = loop.create_future()
    print(repr(f), f.done(), f.cancelled(), f.get_loop() is loop)
    for getter in (f.result, f.exception):
        try:
            getter()
        except asyncio.InvalidStateError as e:
            print(type(e).__name__, e)
    seen = []
    def cb(fut):
        seen.append(fut.result())
    f.add_done_callback(cb)
    f.add_done_callback(cb)
    print(f.remove_done_callback(cb))
    f.add_done_callback(cb)
    loop.call_soon(f.set_result, 42)
    print(await f, repr(f), seen)
    await asyncio.sleep(0)
    print(seen)
    try:
        f.set_result(1)
    except asyncio.InvalidStateError as e:
        print(repr(e))
    g = loop.create_future()
    g.set_exception(KeyError('k'))
    print(repr(g), repr(g.exception()))
    try:
        await g
    except KeyError as e:
        print('awaited', repr(e))
    h = loop.create_future()
    h.set_exception(StopIteration)
    print(repr(h.exception()), repr(h.exception().__cause__))
    print(asyncio.isfuture(h), asyncio.isfuture(1), asyncio.ensure_future(h) is h)
    try:
        asyncio.ensure_future(1)
    except TypeError as e:
        print(e)
    try:
        t.set_result(1)
    except RuntimeError as e:
        print(e)
    try:
        asyncio.Task(1)
    except TypeError as e:
        print(e)

    # an awaitable that is not a coroutine
    class Aw:
        def __await__(self):
            yield from asyncio.sleep(0).__await__()
            return 'aw'
    print(await asyncio.ensure_future(Aw()))
    print(await asyncio.sleep(0, 'slept'), await asyncio.sleep(0.001, 'later'))
    try:
        await asyncio.sleep(float('nan'))
    except ValueError as e:
        print(e)
    return 'main done'


print(asyncio.run(main()))
try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print(e)
try:
    asyncio.run(1)
except ValueError as e:
    print(e)

with asyncio.Runner() as runner:
    print(runner.run(add(10, 20)), runner.run(add(1, 1)))
    print(runner.get_loop().is_closed())
print(runner.get_loop if False else 'closed')
pending = add(1, 1)
try:
    runner.run(pending)
except RuntimeError as e:
    print(e)
pending.close()

loop = asyncio.new_event_loop()
print(loop.run_until_complete(add(5, 6)))
loop.close()
pending = add(5, 6)
try:
    loop.run_until_complete(pending)
except RuntimeError as e:
    print(e)
pending.close()
