# Queue, PriorityQueue, LifoQueue: put/get (blocking and nowait), maxsize,
# full/empty/qsize, join/task_done, shutdown, reprs without addresses.
import asyncio


async def main():
    q = asyncio.Queue(maxsize=2)
    print(str(q), q.maxsize, q.empty(), q.full(), q.qsize())
    await q.put(1)
    q.put_nowait(2)
    print(str(q), q.full())
    try:
        q.put_nowait(3)
    except asyncio.QueueFull:
        print('QueueFull', repr(asyncio.QueueFull()))
    putter = asyncio.create_task(q.put(3))
    await asyncio.sleep(0)
    print(str(q), putter.done())
    print(await q.get(), q.get_nowait())
    await asyncio.sleep(0)
    print(putter.done(), str(q))
    print(q.get_nowait())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print('QueueEmpty')
    getter = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    print(str(q))
    q.put_nowait('hello')
    print(await getter)

    # join / task_done
    work = asyncio.Queue()
    done = []
    async def worker(name):
        while True:
            item = await work.get()
            await asyncio.sleep(0)
            done.append((name, item))
            work.task_done()
    workers = [asyncio.create_task(worker(f'w{i}')) for i in range(2)]
    for i in range(6):
        work.put_nowait(i)
    print(str(work))
    await work.join()
    print(sorted(item for _, item in done), str(work))
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    try:
        work.task_done()
    except ValueError as e:
        print(e)

    pq = asyncio.PriorityQueue()
    for x in (5, 1, 4, 2, 3):
        pq.put_nowait((x, f'p{x}'))
    print([pq.get_nowait() for _ in range(5)])
    lq = asyncio.LifoQueue()
    for x in 'abc':
        await lq.put(x)
    print(str(lq), [lq.get_nowait() for _ in range(3)])

    # a cancelled getter does not lose an item
    q = asyncio.Queue()
    g1 = asyncio.create_task(q.get())
    g2 = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    g1.cancel()
    q.put_nowait('only')
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(g1.cancelled(), g2.result(), q.qsize())

    # shutdown
    q = asyncio.Queue()
    q.put_nowait('left')
    blocked = asyncio.create_task(asyncio.Queue().get())
    waiting = asyncio.create_task(q.get())
    print(await waiting)
    late = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    q.put_nowait('x')
    q.shutdown()
    print(str(q))
    try:
        q.put_nowait(1)
    except asyncio.QueueShutDown:
        print('put after shutdown')
    print(await late)
    print(q.get_nowait() if not q.empty() else 'empty')
    try:
        await q.get()
    except asyncio.QueueShutDown:
        print('get after shutdown and drain')
    q2 = asyncio.Queue()
    for i in range(3):
        q2.put_nowait(i)
    g = asyncio.create_task(q2.join())
    q2.shutdown(immediate=True)
    await g
    print('immediate', q2.qsize(), str(q2))
    blocked.cancel()
    print(issubclass(asyncio.QueueShutDown, Exception), asyncio.Queue[int])


asyncio.run(main())
