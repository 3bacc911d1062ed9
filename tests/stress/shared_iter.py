# One range iterator consumed by 4 threads: every item is handed out once.
import threading

N = 100000
it = iter(range(N))
seen = [[] for _ in range(4)]

def worker(k):
    out = seen[k]
    for x in it:
        out.append(x)

ts = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
allitems = []
for s in seen:
    allitems.extend(s)
print(len(allitems))
print(sorted(allitems) == list(range(N)))
