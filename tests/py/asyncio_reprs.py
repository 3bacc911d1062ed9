# Reprs of tasks, futures and handles as a program sees them (file paths
# and line numbers cut out): pending/cancelling/cancelled/finished tasks,
# wait_for=, cb=[...] with the callbacks asyncio itself adds, TimerHandle.
import asyncio
import re


def clean(obj):
    return re.sub(r' at (<frozen [^>]+>|[^ >]+):\d+', '', repr(obj))


async def child(fut):
    return await fut


async def main():
    loop = asyncio.get_running_loop()
    me = asyncio.current_task()
    print(clean(me))
    fut = loop.create_future()
    t = asyncio.create_task(child(fut), name='kid')
    print(clean(t))
    await asyncio.sleep(0)
    print(clean(t))
    print(clean(fut))
    g = asyncio.gather(t)
    print(clean(t))
    print(clean(g))
    fut.set_result('x')
    await asyncio.sleep(0)
    print(clean(t))
    await g
    print(clean(g))
    t2 = asyncio.create_task(asyncio.sleep(10))
    await asyncio.sleep(0)
    t2.cancel()
    print(clean(t2))
    await asyncio.sleep(0)
    print(clean(t2))
    async def boom():
        raise ValueError('v')
    t3 = asyncio.create_task(boom())
    await asyncio.sleep(0)
    print(clean(t3))
    t3.exception()
    def cb(*args):
        pass
    h = loop.call_soon(cb, 1)
    print(clean(h))
    h.cancel()
    print(clean(h))
    th = loop.call_later(10, cb)
    print(clean(th).split(' when=')[0])
    th.cancel()
    f = loop.create_future()
    for _ in range(4):
        f.add_done_callback(cb)
    print(clean(f))
    f.cancel()
    print(clean(f))
    outer = asyncio.shield(asyncio.create_task(asyncio.sleep(0.01)))
    print(clean(outer))
    await outer
    done, pending = await asyncio.wait([asyncio.create_task(asyncio.sleep(0))])
    print([clean(d) for d in done])
    print(clean(asyncio.Event()).split(' object')[0], clean(asyncio.Queue()).split(' at ')[0])


asyncio.run(main())
