# queue: producers/consumers with threads, task_done/join, Empty/Full,
# LifoQueue, PriorityQueue, SimpleQueue, timeouts.
import queue
import threading

q = queue.Queue()
results = []
rlock = threading.Lock()

def producer(base):
    for i in range(100):
        q.put(base + i)

def consumer():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        with rlock:
            results.append(item)
        q.task_done()

producers = [threading.Thread(target=producer, args=(k * 1000,)) for k in range(4)]
consumers = [threading.Thread(target=consumer) for _ in range(3)]
for t in consumers + producers:
    t.start()
for t in producers:
    t.join()
q.join()
for _ in consumers:
    q.put(None)
for t in consumers:
    t.join()
print(len(results), sum(results), sorted(results)[:3], sorted(results)[-1])
print(q.qsize(), q.empty(), q.full(), q.unfinished_tasks)

b = queue.Queue(maxsize=2)
b.put(1); b.put_nowait(2)
print(b.full(), b.qsize())
try:
    b.put_nowait(3)
except queue.Full:
    print("Full")
try:
    b.put(3, timeout=0.01)
except queue.Full:
    print("Full after timeout")
print(b.get(), b.get_nowait())
try:
    b.get_nowait()
except queue.Empty:
    print("Empty")
try:
    b.get(timeout=0.01)
except queue.Empty:
    print("Empty after timeout")
try:
    b.get(timeout=-1)
except ValueError as e:
    print("ValueError", e)
try:
    b.task_done(); b.task_done(); b.task_done()
except ValueError as e:
    print("ValueError", e)
print(issubclass(queue.Empty, Exception), issubclass(queue.Full, Exception))

lq = queue.LifoQueue()
for i in range(5):
    lq.put(i)
print([lq.get() for _ in range(5)])
pq = queue.PriorityQueue()
for item in [(3, 'c'), (1, 'a'), (2, 'b'), (5, 'e'), (4, 'd'), (0, 'z')]:
    pq.put(item)
print([pq.get() for _ in range(6)])

sq = queue.SimpleQueue()
def sp():
    for i in range(50):
        sq.put(i)
ts = [threading.Thread(target=sp) for _ in range(4)]
for t in ts: t.start()
got = [sq.get() for _ in range(200)]
for t in ts: t.join()
print(len(got), sum(got), sq.empty(), sq.qsize())
try:
    sq.get(timeout=0.01)
except queue.Empty:
    print("SimpleQueue Empty")

# a blocked get is woken by a later put
w = queue.Queue()
out = []
t = threading.Thread(target=lambda: out.append(w.get()))
t.start()
w.put("wake")
t.join()
print(out)
