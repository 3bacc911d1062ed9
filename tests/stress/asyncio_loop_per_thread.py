# asyncio: one event loop per thread, 4 threads at once.  Each runs
# asyncio.run of a TaskGroup of tasks that hop through sleep(0), pass items
# through a Queue under a Lock, gather, wait_for and time out; results are
# exact in every thread and nothing leaks between the loops.
import asyncio
import threading

T = 4
results = [None] * T


async def hopper(k, n):
    total = 0
    for i in range(n):
        total += (i * k) % 11
        await asyncio.sleep(0)
    return total


async def pipeline(k):
    q = asyncio.Queue(maxsize=4)
    lock = asyncio.Lock()
    acc = [0]

    async def produce():
        for i in range(200):
            await q.put(i + k)
        await q.put(None)

    async def consume():
        while (item := await q.get()) is not None:
            async with lock:
                acc[0] += item
            q.task_done()
        q.task_done()

    async with asyncio.TaskGroup() as tg:
        tg.create_task(produce())
        tg.create_task(consume())
    await q.join()
    return acc[0]


async def thread_main(k):
    me = asyncio.get_running_loop()
    hops = await asyncio.gather(*[hopper(k + j, 100) for j in range(20)])
    piped = await pipeline(k)
    try:
        await asyncio.wait_for(asyncio.sleep(5), timeout=0.001)
        timed_out = False
    except TimeoutError:
        timed_out = True
    assert asyncio.get_running_loop() is me
    return sum(hops), piped, timed_out, len(asyncio.all_tasks())


def body(k):
    out = []
    for _ in range(3):
        out.append(asyncio.run(thread_main(k)))
    results[k] = out


threads = [threading.Thread(target=body, args=(k,)) for k in range(T)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for k in range(T):
    runs = results[k]
    print(k, runs[0], all(r == runs[0] for r in runs))
