# 4 threads pull from one shared generator (and one genexp, and one that
# delegates with yield from).  Entering a generator another thread is running
# raises ValueError("generator already executing"); the threads retry.  Every
# item must be seen exactly once and nothing may crash.
import threading

N = 20000
T = 4
table = [i * 3 for i in range(N)]

def helper(i):
    return table[i] // 3

def numbers():
    for i in range(N):
        yield helper(i)

def inner(lo, hi):
    for i in range(lo, hi):
        yield i
    return hi - lo

def delegating():
    total = 0
    for lo in range(0, N, 1000):
        total += yield from inner(lo, lo + 1000)
    return total

def run(gen):
    seen = [[] for _ in range(T)]
    errors = [0] * T

    def worker(k):
        mine = seen[k]
        while True:
            try:
                v = next(gen)
            except ValueError as e:
                if str(e) != "generator already executing":
                    raise
                errors[k] += 1
                continue
            except StopIteration:
                break
            mine.append(v)

    ts = [threading.Thread(target=worker, args=(k,)) for k in range(T)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    allv = []
    for s in seen:
        allv.extend(s)
    print(len(allv), len(set(allv)), sorted(allv) == list(range(N)))
    # each thread's own items come out in increasing order
    print(all(s == sorted(s) for s in seen))

run(numbers())
run(x for x in range(N))
run(delegating())
