# asyncio: many threads call loop.call_soon_threadsafe and
# run_coroutine_threadsafe into ONE loop while it runs; every callback runs
# exactly once on the loop's thread, and every concurrent future gets its
# result.
import asyncio
import threading

SENDERS = 6
PER = 300

loop = asyncio.new_event_loop()
seen = []
loop_thread = []


def record(k):
    seen.append(k)
    assert threading.get_ident() == loop_thread[0]


async def double(x):
    await asyncio.sleep(0)
    return 2 * x


def serve():
    loop_thread.append(threading.get_ident())
    loop.run_forever()


started = threading.Event()
loop.call_soon(started.set)     # runs once the loop is running: a hand-off, not a polled flag
server = threading.Thread(target=serve)
server.start()
started.wait()

sums = [0] * SENDERS


def sender(s):
    futs = []
    for i in range(PER):
        loop.call_soon_threadsafe(record, s * PER + i)
        if i % 10 == 0:
            futs.append(asyncio.run_coroutine_threadsafe(double(i), loop))
    sums[s] = sum(f.result(timeout=60) for f in futs)


senders = [threading.Thread(target=sender, args=(s,)) for s in range(SENDERS)]
for t in senders:
    t.start()
for t in senders:
    t.join()
done = threading.Event()
loop.call_soon_threadsafe(done.set)
done.wait()
loop.call_soon_threadsafe(loop.stop)
server.join()
loop.close()
print(len(seen), len(set(seen)), sorted(seen) == list(range(SENDERS * PER)))
print(sums)
