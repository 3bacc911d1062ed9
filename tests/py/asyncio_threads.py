# asyncio and threads: to_thread, run_in_executor (default and a given
# executor), run_coroutine_threadsafe (a concurrent.futures.Future),
# call_soon_threadsafe waking a loop blocked in select(), wrap_future.
import asyncio
import concurrent.futures
import threading


def blocking_sum(n, scale=1):
    return sum(range(n)) * scale


def in_thread_name():
    return threading.current_thread() is not threading.main_thread()


async def main():
    loop = asyncio.get_running_loop()
    print(await asyncio.to_thread(blocking_sum, 100, scale=2))
    print(await asyncio.to_thread(in_thread_name))
    print(await loop.run_in_executor(None, blocking_sum, 10))
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = await asyncio.gather(*[loop.run_in_executor(pool, blocking_sum, n) for n in range(5)])
        print(results)
    def raises():
        raise LookupError('from the thread')
    try:
        await asyncio.to_thread(raises)
    except LookupError as e:
        print('to_thread raised', repr(e))

    # call_soon_threadsafe from another thread wakes the waiting loop
    fut = loop.create_future()
    def from_thread():
        loop.call_soon_threadsafe(fut.set_result, 'woken by a thread')
    t = threading.Thread(target=from_thread)
    t.start()
    print(await fut)
    t.join()

    # many threads, many callbacks: every one runs once, on the loop thread
    got = []
    all_in = loop.create_future()
    total = 4 * 50
    def record(k):
        got.append((k, threading.current_thread() is threading.main_thread()))
        if len(got) == total:
            all_in.set_result(None)
    def spam(base):
        for i in range(50):
            loop.call_soon_threadsafe(record, base + i)
    threads = [threading.Thread(target=spam, args=(b * 1000,)) for b in range(4)]
    for th in threads:
        th.start()
    await all_in
    for th in threads:
        th.join()
    print(len(got), len({k for k, _ in got}), all(on_main for _, on_main in got))

    # wrap_future
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        cf = pool.submit(blocking_sum, 5)
        af = asyncio.wrap_future(cf)
        print(asyncio.isfuture(af), await af)
    print(asyncio.wrap_future(af) is af)


asyncio.run(main())


# run_coroutine_threadsafe: a loop runs in a helper thread; this thread
# submits coroutines and blocks on concurrent futures
loop = asyncio.new_event_loop()
ready = threading.Event()
def serve():
    asyncio.set_event_loop(loop)
    loop.call_soon(ready.set)
    loop.run_forever()
server = threading.Thread(target=serve)
server.start()
ready.wait()

async def square(x):
    await asyncio.sleep(0)
    return x * x

async def fails():
    await asyncio.sleep(0)
    raise ValueError('in the loop thread')

futs = [asyncio.run_coroutine_threadsafe(square(i), loop) for i in range(5)]
print(isinstance(futs[0], concurrent.futures.Future), [f.result(timeout=10) for f in futs])
try:
    asyncio.run_coroutine_threadsafe(fails(), loop).result(timeout=10)
except ValueError as e:
    print('result raised', repr(e))
slow = asyncio.run_coroutine_threadsafe(asyncio.sleep(10), loop)
print('cancel', slow.cancel())
try:
    slow.result(timeout=10)
except concurrent.futures.CancelledError:
    print('cancelled concurrent future')
# two round trips: the loop has run the cancellation through
for _ in range(2):
    asyncio.run_coroutine_threadsafe(square(0), loop).result(timeout=10)
try:
    asyncio.run_coroutine_threadsafe(1, loop)
except TypeError as e:
    print(e)
loop.call_soon_threadsafe(loop.stop)
server.join()
print('loop running', loop.is_running())
loop.close()
