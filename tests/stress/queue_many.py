# 4 producers and 4 consumers on one queue.Queue (bounded), exact totals.
import threading
import queue

q = queue.Queue(maxsize=64)
N = 5000
totals = []
tlock = threading.Lock()

def producer(k):
    for i in range(N):
        q.put(k * N + i)

def consumer():
    s = 0
    n = 0
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        s += item
        n += 1
        q.task_done()
    with tlock:
        totals.append((n, s))

cs = [threading.Thread(target=consumer) for _ in range(4)]
ps = [threading.Thread(target=producer, args=(k,)) for k in range(4)]
for t in cs + ps:
    t.start()
for t in ps:
    t.join()
q.join()
for _ in cs:
    q.put(None)
for t in cs:
    t.join()
print(sum(n for n, s in totals), sum(s for n, s in totals), sum(range(4 * N)))
print(q.qsize(), q.empty())

lq = queue.LifoQueue()
pq = queue.PriorityQueue()
sq = queue.SimpleQueue()
def fill(k):
    for i in range(1000):
        lq.put(i)
        pq.put((i, k))
        sq.put(i)
ts = [threading.Thread(target=fill, args=(k,)) for k in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(lq.qsize(), pq.qsize(), sq.qsize())
prio = [pq.get()[0] for _ in range(4000)]
print(prio == sorted(prio), sum(lq.get() for _ in range(4000)), sum(sq.get() for _ in range(4000)))
