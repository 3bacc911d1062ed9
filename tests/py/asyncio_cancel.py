# Cancellation: CancelledError is a BaseException, cancel(msg), cancelling()
# and uncancel(), cancelling a task blocked on a future, a task that catches
# its cancellation, cancel before the first step, shield.
import asyncio

log = []


async def waiter(fut):
    try:
        return await fut
    except asyncio.CancelledError as e:
        log.append(('waiter cancelled', e.args))
        raise


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log.append('stubborn caught it')
    return 'survived'


async def main():
    loop = asyncio.get_running_loop()
    print(issubclass(asyncio.CancelledError, Exception),
          issubclass(asyncio.CancelledError, BaseException))

    fut = loop.create_future()
    t = asyncio.create_task(waiter(fut))
    await asyncio.sleep(0)
    print(t.cancelling(), t.cancel('stop it'), t.cancelling(), fut.cancelled())
    try:
        await t
    except asyncio.CancelledError as e:
        print('awaiting raised', repr(e))
    print(t.cancelled(), t.done(), t.cancel(), log)
    try:
        t.result()
    except asyncio.CancelledError as e:
        print('result raised', repr(e))
    try:
        t.exception()
    except asyncio.CancelledError as e:
        print('exception raised', repr(e))

    # cancelled before it ever ran: the coroutine never starts
    started = []
    async def never():
        started.append(1)
    t = asyncio.create_task(never())
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print('cancelled before start', started, t.cancelled())

    # a task may swallow its cancellation
    t = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    t.cancel()
    print(await t, t.cancelled(), t.cancelling(), log[-1])

    # cancelling() / uncancel()
    t = asyncio.create_task(asyncio.sleep(10))
    await asyncio.sleep(0)
    t.cancel()
    t.cancel()
    print('cancelling', t.cancelling(), t.uncancel(), t.uncancel(), t.uncancel())
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print('gone', t.cancelled())

    # cancel while the task is running (itself)
    async def self_cancel():
        asyncio.current_task().cancel()
        print('still running after cancel()')
        await asyncio.sleep(0)
        print('not reached')
    t = asyncio.create_task(self_cancel())
    try:
        await t
    except asyncio.CancelledError:
        print('self-cancelled', t.cancelled())

    # cancelling an awaiting parent propagates into the child's await
    async def child():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print('child sees the cancel')
            raise
    async def parent():
        await child()
    t = asyncio.create_task(parent())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print('parent cancelled')

    # the CancelledError that ended the task is the one awaiters get
    async def raises_own():
        raise asyncio.CancelledError('custom')
    t = asyncio.create_task(raises_own())
    try:
        await t
    except asyncio.CancelledError as e:
        print('own error', e.args)

    # gather cancels its children
    async def sleeper(n):
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            log.append(f'sleeper {n} cancelled')
            raise
    g = asyncio.gather(sleeper(1), sleeper(2))
    await asyncio.sleep(0)
    print('gather cancel', g.cancel())
    try:
        await g
    except asyncio.CancelledError:
        print('gather cancelled', sorted(x for x in log if isinstance(x, str) and x.startswith('sleeper')))
    # with return_exceptions, a cancelled child is a result
    async def quick():
        await asyncio.sleep(0)
        return 'quick'
    victim = asyncio.create_task(asyncio.sleep(10))
    g = asyncio.gather(victim, quick(), return_exceptions=True)
    await asyncio.sleep(0)
    victim.cancel()
    res = await g
    print([type(r).__name__ for r in res], res[1])

    # shield: the outer await is cancelled, the inner task goes on
    inner = asyncio.create_task(asyncio.sleep(0.01, 'inner result'))
    async def shielded():
        return await asyncio.shield(inner)
    outer = asyncio.create_task(shielded())
    await asyncio.sleep(0)
    outer.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        print('outer cancelled, inner done?', inner.done())
    print(await inner, inner.cancelled())

    # cancel() on a done future is False; on a pending one it runs callbacks
    f = loop.create_future()
    f.add_done_callback(lambda fut: print('callback saw cancelled', fut.cancelled()))
    print(f.cancel('why'), f.cancel())
    await asyncio.sleep(0)
    try:
        f.result()
    except asyncio.CancelledError as e:
        print(repr(e))


asyncio.run(main())
