# TaskGroup: results, an ExceptionGroup of the failures, siblings and the
# parent cancelled on the first failure, the body's own error joins the
# group, KeyboardInterrupt-like errors raised alone, misuse errors.
import asyncio

events = []


async def ok(v, n=1):
    for _ in range(n):
        await asyncio.sleep(0)
    return v


async def fail(exc, n=1):
    for _ in range(n):
        await asyncio.sleep(0)
    raise exc


async def long_sibling(tag):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        events.append(f'{tag} cancelled')
        raise


async def main():
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(ok(1))
        t2 = tg.create_task(ok(2, 3), name='second')
    print('results', t1.result(), t2.result(), t2.get_name())

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail(ValueError('v'), 2))
            tg.create_task(fail(TypeError('t'), 2))
            s = tg.create_task(long_sibling('sibling'))
    except ExceptionGroup as eg:
        print(repr(eg))
        print(sorted(type(e).__name__ for e in eg.exceptions), s.cancelled(), events)

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail(KeyError('k')))
            await asyncio.sleep(10)        # the parent is cancelled here
            print('not reached')
    except* KeyError as eg:
        print('except* got', repr(eg.exceptions[0]))

    # the body's own error is part of the group
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(long_sibling('body sibling'))
            await asyncio.sleep(0)
            raise RuntimeError('from the body')
    except ExceptionGroup as eg:
        print('body error', repr(eg.exceptions), events[-1])

    # nested groups nest their ExceptionGroups
    async def nested():
        async with asyncio.TaskGroup() as inner:
            inner.create_task(fail(ZeroDivisionError('inner')))
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(nested())
    except ExceptionGroup as eg:
        print('nested', repr(eg))

    # cancelling the parent cancels the group's tasks; CancelledError propagates
    async def runs_group():
        async with asyncio.TaskGroup() as tg:
            tg.create_task(long_sibling('group member'))
            await asyncio.sleep(10)
    t = asyncio.create_task(runs_group())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print('group cancelled from outside', events[-1])
    print(asyncio.current_task().cancelling())

    # misuse
    tg = asyncio.TaskGroup()
    print(repr(tg))
    coro = ok(0)
    try:
        tg.create_task(coro)
    except RuntimeError as e:
        print(e)
    async with tg:
        print(repr(tg))
        try:
            async with tg:
                pass
        except RuntimeError as e:
            print(e)
    coro = ok(0)
    try:
        tg.create_task(coro)
    except RuntimeError as e:
        print(e)
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail(ValueError(), 1))
            await asyncio.sleep(0)
            await asyncio.sleep(0)
            coro = ok(0)
            try:
                tg.create_task(coro)
            except RuntimeError as e:
                print(e.args[0].split(' is ')[1])
    except ExceptionGroup:
        pass


asyncio.run(main())
