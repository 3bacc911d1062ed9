# The main thread rebinds a global list 20000 times while three workers read
# it in a loop.  Each list a worker loaded became deferred (read without
# counting), so every rebinding leaves a zombie: the reclaim passes during the
# run must free them without freeing one a worker still holds.
import threading

data = [0, 1, 2, 3]
stop = False
ready = [0, 0, 0]
bad = [0, 0, 0]
reads = [0, 0, 0]


def worker(k):
    n = 0
    odd = 0
    while True:
        d = data
        # every list ever bound is [i, i + 1, i + 2, i + 3]
        if len(d) != 4 or d[1] - d[0] != 1 or d[3] - d[0] != 3:
            odd += 1
        s = 0
        for x in d:
            s += x
        if s != 4 * d[0] + 6:
            odd += 1
        n += 1
        ready[k] = 1
        if stop:
            break
    bad[k] = odd
    reads[k] = n


threads = [threading.Thread(target=worker, args=(k,)) for k in range(3)]
for t in threads:
    t.start()
while sum(ready) < 3:
    pass
for i in range(20000):
    data = [i, i + 1, i + 2, i + 3]
stop = True
for t in threads:
    t.join()
print("rebinds", i + 1, "last", data)
print("inconsistent reads", sum(bad))
print("every worker read", all(n > 0 for n in reads))
