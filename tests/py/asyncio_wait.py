# wait (FIRST_COMPLETED / FIRST_EXCEPTION / ALL_COMPLETED, timeout),
# wait_for, timeout / timeout_at / Timeout, as_completed (plain and async).
import asyncio


async def value_after(v, n):
    # n loop passes, then v: ordering by passes, not by wall time
    for _ in range(n):
        await asyncio.sleep(0)
    return v


async def fail_after(n):
    for _ in range(n):
        await asyncio.sleep(0)
    raise ValueError(f'failed after {n}')


def names(tasks):
    return sorted(t.get_name() for t in tasks)


async def main():
    mk = asyncio.create_task
    a, b, c = mk(value_after('a', 1), name='a'), mk(value_after('b', 5), name='b'), mk(value_after('c', 9), name='c')
    done, pending = await asyncio.wait([a, b, c], return_when=asyncio.FIRST_COMPLETED)
    print('first completed', names(done), names(pending))
    done, pending = await asyncio.wait([a, b, c])
    print('all completed', names(done), names(pending))

    x, y = mk(fail_after(2), name='x'), mk(value_after('y', 50), name='y')
    done, pending = await asyncio.wait({x, y}, return_when=asyncio.FIRST_EXCEPTION)
    print('first exception', names(done), names(pending), repr(x.exception()))
    done, pending = await asyncio.wait({y}, timeout=0)
    print('timeout 0', names(done), names(pending))
    slow = mk(asyncio.sleep(10), name='slow')
    done, pending = await asyncio.wait({slow}, timeout=0.01)
    print('timed out', names(done), names(pending))
    slow.cancel()
    await y

    lone = value_after(1, 1)
    for bad in ([], a, lone):
        try:
            await asyncio.wait(bad)
        except (TypeError, ValueError) as e:
            print(type(e).__name__, e)
    lone.close()
    coro = value_after(1, 1)
    try:
        await asyncio.wait([coro])
    except TypeError as e:
        print(e)
    coro.close()
    try:
        await asyncio.wait([a], return_when='SOMETIMES')
    except ValueError as e:
        print(e)

    # wait_for
    print(await asyncio.wait_for(value_after('in time', 2), timeout=5))
    print(await asyncio.wait_for(value_after('no limit', 2), timeout=None))
    try:
        await asyncio.wait_for(asyncio.sleep(10), timeout=0.01)
    except TimeoutError as e:
        print('wait_for timed out', repr(e), type(e.__cause__).__name__)
    t = mk(asyncio.sleep(10))
    try:
        await asyncio.wait_for(t, timeout=0)
    except TimeoutError:
        print('timeout=0 cancels the task', t.cancelled())
    done_task = mk(value_after('ready', 0))
    await asyncio.sleep(0)
    print(await asyncio.wait_for(done_task, timeout=0))

    # timeout()
    async with asyncio.timeout(5) as cm:
        await asyncio.sleep(0)
    print('not expired', cm.expired(), repr(cm))
    try:
        async with asyncio.timeout(0.01) as cm:
            await asyncio.sleep(10)
    except TimeoutError as e:
        print('expired', cm.expired(), repr(cm), type(e.__cause__).__name__)
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout_at(loop.time() - 1):
            await asyncio.sleep(10)
    except TimeoutError:
        print('deadline in the past')
    async with asyncio.timeout(None) as cm:
        print(repr(cm), cm.when())
        cm.reschedule(loop.time() + 10)
        print(cm.when() > loop.time())
        cm.reschedule(None)
    try:
        async with asyncio.timeout(10) as cm:
            cm.reschedule(loop.time())
            await asyncio.sleep(10)
    except TimeoutError:
        print('rescheduled to now')
    try:
        cm.reschedule(1)
    except RuntimeError as e:
        print(e)
    try:
        async with cm:
            pass
    except RuntimeError as e:
        print(e)
    # an outer cancel is not turned into TimeoutError
    async def inner_timeout():
        async with asyncio.timeout(10):
            await asyncio.sleep(10)
    t = mk(inner_timeout())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print('outer cancel stays a cancel')
    # nested timeouts: the inner one fires
    try:
        async with asyncio.timeout(10):
            async with asyncio.timeout(0.01):
                await asyncio.sleep(10)
    except TimeoutError:
        print('inner timeout fired')
    print(asyncio.current_task().cancelling())

    # as_completed: completion order
    aws = [value_after('third', 6), value_after('first', 1), value_after('second', 3)]
    for next_one in asyncio.as_completed(aws):
        print('as_completed', await next_one)
    tasks = [mk(value_after(n, n)) for n in (4, 2, 3)]
    got = []
    async for t in asyncio.as_completed(tasks):
        got.append((await t, t in tasks))
    print('async for', got)
    try:
        for next_one in asyncio.as_completed([asyncio.sleep(10)], timeout=0.01):
            await next_one
    except TimeoutError:
        print('as_completed timed out')
    try:
        asyncio.as_completed(a)
    except TypeError as e:
        print(e)


asyncio.run(main())
