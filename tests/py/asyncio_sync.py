# Lock, Event, Condition, Semaphore, BoundedSemaphore, Barrier: FIFO
# wake-up order, cancellation of waiters, reprs (without addresses),
# misuse errors.
import asyncio


def state(obj):
    return repr(obj).split(' object at ')[1].split(' ', 1)[1]


async def main():
    log = []

    lock = asyncio.Lock()
    print(state(lock), lock.locked())
    async def worker(n):
        async with lock:
            log.append(f'w{n} in')
            await asyncio.sleep(0)
            log.append(f'w{n} out')
    ts = [asyncio.create_task(worker(n)) for n in range(3)]
    await asyncio.sleep(0)
    print(state(lock))
    await asyncio.gather(*ts)
    print(log, state(lock))
    try:
        lock.release()
    except RuntimeError as e:
        print(e)
    # a cancelled waiter does not take the lock
    await lock.acquire()
    w1 = asyncio.create_task(lock.acquire())
    w2 = asyncio.create_task(lock.acquire())
    await asyncio.sleep(0)
    w1.cancel()
    lock.release()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print('w1 cancelled', w1.cancelled(), 'w2 got it', w2.done() and w2.result(), lock.locked())
    lock.release()

    ev = asyncio.Event()
    print(state(ev), ev.is_set())
    async def wait_event(n):
        await ev.wait()
        log.append(f'e{n}')
        return n
    ts = [asyncio.create_task(wait_event(n)) for n in range(3)]
    await asyncio.sleep(0)
    print(state(ev))
    ev.set()
    print(await asyncio.gather(*ts), state(ev), await ev.wait())
    ev.clear()
    print(ev.is_set())

    cond = asyncio.Condition()
    items = []
    async def consumer(n):
        async with cond:
            await cond.wait_for(lambda: items)
            return (n, items.pop(0))
    ts = [asyncio.create_task(consumer(n)) for n in range(3)]
    await asyncio.sleep(0)
    print(state(cond))
    async with cond:
        items.extend('xy')
        cond.notify(2)
    print(sorted([t.result() for t in (await asyncio.wait(ts, timeout=0.05))[0]]))
    async with cond:
        items.append('z')
        cond.notify_all()
    print(await ts[2])
    try:
        await cond.wait()
    except RuntimeError as e:
        print(e)
    try:
        cond.notify()
    except RuntimeError as e:
        print(e)
    shared = asyncio.Lock()
    c2 = asyncio.Condition(shared)
    async with c2:
        print('condition shares its lock', shared.locked())

    sem = asyncio.Semaphore(2)
    print(state(sem))
    active = [0, 0]
    async def limited(n):
        async with sem:
            active[0] += 1
            active[1] = max(active[1], active[0])
            await asyncio.sleep(0)
            active[0] -= 1
            return n
    print(await asyncio.gather(*[limited(n) for n in range(6)]), 'max active', active[1])
    print(state(sem), sem.locked())
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print(e)
    bs = asyncio.BoundedSemaphore(1)
    await bs.acquire()
    print(state(bs))
    bs.release()
    try:
        bs.release()
    except ValueError as e:
        print(e)

    barrier = asyncio.Barrier(3)
    print(state(barrier), barrier.parties, barrier.n_waiting, barrier.broken)
    async def at_barrier(n):
        index = await barrier.wait()
        return index
    ts = [asyncio.create_task(at_barrier(n)) for n in range(3)]
    res = await asyncio.gather(*ts)
    print('barrier indices', sorted(res), state(barrier))
    ts = [asyncio.create_task(at_barrier(n)) for n in range(2)]
    await asyncio.sleep(0)
    print(state(barrier), barrier.n_waiting)
    await barrier.abort()
    outcomes = await asyncio.gather(*ts, return_exceptions=True)
    print([type(o).__name__ for o in outcomes], barrier.broken, state(barrier))
    await barrier.reset()
    print(state(barrier))
    try:
        asyncio.Barrier(0)
    except ValueError as e:
        print(e)


asyncio.run(main())
