# Coroutines and async generators under threads.
# 1. Four threads each run their own small scheduler over many coroutines
#    (awaits, async with, async for over async generators): results must be
#    exact in every thread.
# 2. One coroutine resumed by a second thread while the first runs it: the
#    second gets ValueError("coroutine already executing"), deterministically.
# 3. Four threads hammer one shared coroutine and one shared async generator;
#    losers get ValueError / RuntimeError and retry; every step is counted
#    once and nothing crashes.
import threading
import types

T = 4


@types.coroutine
def pause():
    yield


class Resource:
    def __init__(self, log):
        self.log = log

    async def __aenter__(self):
        await pause()
        self.log.append("in")
        return self

    async def __aexit__(self, *exc):
        await pause()
        self.log.append("out")


async def numbers(n):
    for i in range(n):
        await pause()
        yield i


async def task(k, log):
    total = 0
    async with Resource(log):
        async for v in numbers(k % 7 + 1):
            total += v
        total += sum([v * 2 async for v in numbers(3)])
    return total


def schedule(coros):
    ready = list(coros)
    done = []
    while ready:
        c = ready.pop(0)
        try:
            c.send(None)
        except StopIteration as e:
            done.append(e.value)
        else:
            ready.append(c)
    return done


def expected(k):
    n = k % 7 + 1
    return n * (n - 1) // 2 + 6


results = [None] * T


def own_scheduler(t):
    log = []
    got = schedule(task(t * 1000 + k, log) for k in range(300))
    want = [expected(t * 1000 + k) for k in range(300)]
    results[t] = (sorted(got) == sorted(want), log.count("in"), log.count("out"))


threads = [threading.Thread(target=own_scheduler, args=(t,)) for t in range(T)]
for th in threads:
    th.start()
for th in threads:
    th.join()
print(results)

# 2. the loser of a race for one coroutine gets ValueError
entered = threading.Event()
release = threading.Event()


async def blocking():
    entered.set()
    release.wait()
    await pause()
    return "winner finished"


shared = blocking()
outcome = {}


def first():
    outcome["first yielded"] = shared.send(None)


def second():
    entered.wait()
    try:
        shared.send(None)
    except ValueError as e:
        outcome["second"] = str(e)
    print("running seen by loser:", shared.cr_running)
    release.set()


a = threading.Thread(target=first)
b = threading.Thread(target=second)
a.start()
b.start()
a.join()
b.join()
print(sorted(outcome.items()))
try:
    shared.send(None)
except StopIteration as e:
    print(e.value)

# 3. hammering one coroutine and one async generator
STEPS = 3000


async def endless():
    n = 0
    while True:
        await pause()
        n += 1


async def items():
    for i in range(STEPS):
        yield i


coro = endless()
agen = items()
counts = [0] * T
busy = [0] * T
seen = [[] for _ in range(T)]


def hammer(t):
    for _ in range(STEPS // T):
        while True:
            try:
                coro.send(None)
                counts[t] += 1
                break
            except ValueError as e:
                if str(e) != "coroutine already executing":
                    raise
                busy[t] += 1
    while True:
        try:
            agen.__anext__().send(None)
        except StopIteration as e:
            seen[t].append(e.value)
        except StopAsyncIteration:
            break
        except (ValueError, RuntimeError) as e:
            if str(e) not in ("anext(): asynchronous generator is already running",
                              "async generator already executing"):
                raise
            busy[t] += 1


threads = [threading.Thread(target=hammer, args=(t,)) for t in range(T)]
for th in threads:
    th.start()
for th in threads:
    th.join()
print(sum(counts) == STEPS // T * T, coro.cr_running)
allv = sorted(v for s in seen for v in s)
print(len(allv), allv == list(range(STEPS)))
print(all(s == sorted(s) for s in seen))
coro.close()
print(coro.cr_frame, agen.ag_frame)
