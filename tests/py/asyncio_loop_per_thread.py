# One event loop per thread: several threads each run asyncio.run at once,
# with their own tasks, locks and queues; get_running_loop() is per thread;
# results are printed in a fixed order.
import asyncio
import threading

N = 4
results = [None] * N
loops = [None] * N


async def crunch(k, steps):
    total = 0
    for i in range(steps):
        total += (i * k) % 7
        await asyncio.sleep(0)
    return total


async def thread_main(k):
    loop = asyncio.get_running_loop()
    loops[k] = loop
    q = asyncio.Queue()
    lock = asyncio.Lock()
    shared = [0]
    async def producer():
        for i in range(20):
            await q.put(i)
        await q.put(None)
    async def consumer():
        got = 0
        while (item := await q.get()) is not None:
            async with lock:
                shared[0] += item
            got += 1
        return got
    async with asyncio.TaskGroup() as tg:
        tg.create_task(producer())
        c = tg.create_task(consumer())
        sums = [tg.create_task(crunch(k + 1, 50)) for _ in range(5)]
    same_loop = asyncio.get_running_loop() is loop
    return (c.result(), shared[0], [s.result() for s in sums], same_loop,
            threading.current_thread().name)


def body(k):
    results[k] = asyncio.run(thread_main(k))


threads = [threading.Thread(target=body, args=(k,), name=f'loop-{k}') for k in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for k in range(N):
    print(k, results[k])
print('distinct loops', len({id(lp) for lp in loops}), all(lp.is_closed() for lp in loops))


# a loop bound object used from another thread's loop is refused
ev = asyncio.Event()
async def take():
    asyncio.get_running_loop().call_soon(ev.set)
    await ev.wait()
    ev.clear()
asyncio.run(take())
errors = []
def other():
    try:
        asyncio.run(take())
    except RuntimeError as e:
        errors.append(str(e).split(' is ')[1])
t = threading.Thread(target=other)
t.start()
t.join()
print(errors)
# a thread with no loop set has none
def no_loop():
    try:
        asyncio.get_event_loop()
    except RuntimeError as e:
        errors.append(str(e))
t = threading.Thread(target=no_loop, name='plain')
t.start()
t.join()
print(errors[-1])
