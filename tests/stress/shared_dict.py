# Threads set disjoint and overlapping keys of one dict.
import threading

d = {}

def worker(k):
    for i in range(10000):
        d[(k, i)] = i          # disjoint keys
        d[i % 100] = k         # overlapping keys

ts = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(len(d))
print(sum(1 for key in d if isinstance(key, tuple)))
print(set(d[i] for i in range(100)) <= {0, 1, 2, 3})
print(all(d[(k, i)] == i for k in range(4) for i in range(10000)))
