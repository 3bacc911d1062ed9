# Objects created in one thread are dropped in others (biased refcount
# queueing and merging).
import threading

made = []

def producer():
    for i in range(20000):
        made.append([i, str(i), (i, i + 1)])

p = threading.Thread(target=producer)
p.start()
p.join()

chunks = [made[k::4] for k in range(4)]
del made
total = [0, 0, 0, 0]

def consumer(k):
    mine = chunks[k]
    chunks[k] = None
    s = 0
    while mine:
        item = mine.pop()
        s += item[0] + len(item[1]) + item[2][1]
    total[k] = s

ts = [threading.Thread(target=consumer, args=(k,)) for k in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sum(total))
