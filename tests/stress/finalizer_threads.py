# __del__ under threads (PEP 442 semantics): every object's finalizer runs
# exactly once, in the thread that drops the last reference, while four
# threads create objects, hand them to each other through a shared list and
# drop them; some finalizers resurrect their object once, and those are
# dropped again by another thread (no second __del__).
import threading

N = 3000
NT = 4
lock = threading.RLock()   # a drop inside `with lock` runs __del__, which locks
calls = {}
resurrected = []
pool = []


class Fin:
    __slots__ = ("k",)

    def __init__(self, k):
        self.k = k

    def __del__(self):
        with lock:
            calls[self.k] = calls.get(self.k, 0) + 1
            if self.k % 10 == 1:
                resurrected.append(self)


class FinDict:
    def __init__(self, k):
        self.k = k
        self.payload = [k, str(k)]

    def __del__(self):
        with lock:
            calls[self.k] = calls.get(self.k, 0) + 1


def worker(t):
    for i in range(N):
        k = t * N + i
        obj = Fin(k) if i % 2 else FinDict(k)
        with lock:
            pool.append(obj)
        del obj
        if i % 3 == 0:
            with lock:
                victim = pool.pop(0) if pool else None
            del victim


threads = [threading.Thread(target=worker, args=(t,)) for t in range(NT)]
for th in threads:
    th.start()
for th in threads:
    th.join()
with lock:
    rest = pool[:]
    pool.clear()
del rest
before = len(resurrected)


def drop_resurrected():
    while True:
        with lock:
            if not resurrected:
                return
            x = resurrected.pop()
        del x


threads = [threading.Thread(target=drop_resurrected) for t in range(NT)]
for th in threads:
    th.start()
for th in threads:
    th.join()
print("finalized", len(calls), "of", NT * N)
print("every finalizer ran once:", all(v == 1 for v in calls.values()))
print("resurrected", before, "left", len(resurrected))
