# Writers append to a deque(maxlen=50) while readers check len(d) <= 50;
# a reader must never see the deque over its bound.
import threading
from collections import deque

d = deque(maxlen=50)
violations = [0]
stop = threading.Event()
vlock = threading.Lock()

def writer(k):
    for i in range(20000):
        if i % 3 == 0:
            d.appendleft(i)
        else:
            d.append(i)
        if i % 97 == 0:
            d.extend(range(5))

def reader():
    bad = 0
    while not stop.is_set():
        if len(d) > 50:
            bad += 1
        if d and len(d) > 50:
            bad += 1
    with vlock:
        violations[0] += bad

readers = [threading.Thread(target=reader) for _ in range(3)]
writers = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
for t in readers + writers:
    t.start()
for t in writers:
    t.join()
stop.set()
for t in readers:
    t.join()
print("violations", violations[0])
print("final len", len(d), d.maxlen)

# popleft/append from many threads: every item comes out exactly once
q = deque()
out = []
olock = threading.Lock()
def producer(base):
    for i in range(5000):
        q.append(base + i)
def consumer():
    got = []
    misses = 0
    while misses < 2000:
        try:
            got.append(q.popleft())
            misses = 0
        except IndexError:
            misses += 1
    with olock:
        out.extend(got)
ps = [threading.Thread(target=producer, args=(k * 100000,)) for k in range(4)]
cs = [threading.Thread(target=consumer) for _ in range(4)]
for t in ps + cs:
    t.start()
for t in ps + cs:
    t.join()
out.extend(q)
print(len(out), len(set(out)), sum(out) == sum(k * 100000 + i for k in range(4) for i in range(5000)))
