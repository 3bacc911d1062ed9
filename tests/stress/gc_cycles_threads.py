# The cycle collector with threads running: four threads make cyclic garbage
# in a loop (instance pairs, self-referencing lists, dicts and closures),
# pass some of it through a shared list to be dropped by another thread, and
# keep live cyclic structures they check afterwards.  Automatic collections
# (low threshold) stop the world while the others allocate; a collection
# that freed something still reachable would show as a wrong checksum or a
# crash, one that missed garbage as live objects left at the end.
import gc
import threading

gc.set_threshold(500)
NT = 4
N = 4000
lock = threading.RLock()   # a collection inside `with lock` runs Fin.__del__, which locks
handoff = []
finalized = [0]


class Node:
    def __init__(self, k):
        self.k = k
        self.peer = None


class Fin:
    def __init__(self):
        self.me = self

    def __del__(self):
        with lock:
            finalized[0] += 1


def make_closure(k):
    def inner():
        return inner, k
    return inner


def worker(t, out):
    keep = []
    for i in range(N):
        a, b = Node(i), Node(-i)
        a.peer, b.peer = b, a              # garbage pair
        l = [i]
        l.append(l)                        # garbage self-list
        d = {"i": i}
        d["d"] = d
        f = make_closure(i)                # garbage closure cycle
        if i % 50 == 0:
            Fin()
        if i % 7 == 0:
            x = Node(i)
            x.peer = x
            keep.append(x)                 # live cycle
        if i % 5 == 0:
            with lock:
                handoff.append(a)          # another thread drops it
                victim = handoff.pop(0) if len(handoff) > 8 else None
            del victim
        del a, b, l, d, f
    total = 0
    for x in keep:
        assert x.peer is x
        total += x.k
    out[t] = total


out = [0] * NT
threads = [threading.Thread(target=worker, args=(t, out)) for t in range(NT)]
for th in threads:
    th.start()
for th in threads:
    th.join()
handoff.clear()
gc.collect()
gc.collect()
expect = sum(i for i in range(N) if i % 7 == 0)
print("live cycles intact:", out == [expect] * NT)
print("finalized:", finalized[0], "of", NT * (N // 50))
left = sum(1 for o in gc.get_objects() if type(o) in (Node, Fin))
print("garbage left:", left)
