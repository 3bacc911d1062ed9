# Per-thread class counts (threads/typeref.h) raced: producer threads keep
# defining classes in a loop, hand their instances to consumer threads through
# a queue and drop the classes at once, so each class lives on only through
# instances that other threads later use and free.  Thousands of dropped
# classes cross the zombie limit, so reclaim passes fold the counts while
# instances are in flight; a class freed too early would show as a wrong
# method result or a crash.  Instances of one shared module-level class are
# made and freed in every thread too.
import queue
import threading


class Shared:
    __slots__ = ("v",)

    def __init__(self, v):
        self.v = v


q = queue.Queue(maxsize=64)
results = []
lock = threading.Lock()
NCLASSES = 1500


def producer(k):
    for i in range(NCLASSES):
        class K:
            tag = (k, i)

            def get(self):
                return self.tag[0] * 100000 + self.tag[1]

        objs = [K() for _ in range(3)]
        del K
        q.put(objs)
        s = [Shared(j) for j in range(5)]
        if sum(x.v for x in s) != 10:
            results.append("bad shared")
    q.put(None)


def consumer():
    total = 0
    n = 0
    while True:
        objs = q.get()
        if objs is None:
            break
        for o in objs:
            total += o.get() - type(o).tag[0] * 100000
            n += 1
        keep = Shared(len(objs))
        total += keep.v - 3
    with lock:
        results.append((n, total))


producers = [threading.Thread(target=producer, args=(k,)) for k in range(2)]
consumers = [threading.Thread(target=consumer) for _ in range(2)]
for t in producers + consumers:
    t.start()
for t in producers:
    t.join()
for t in consumers:
    t.join()
bad = [r for r in results if not isinstance(r, tuple)]
print("bad:", bad)
print("instances:", sum(r[0] for r in results if isinstance(r, tuple)))
print("sum:", sum(r[1] for r in results if isinstance(r, tuple)))
