# 8 threads append 20000 items each to one shared list.
import threading

N, T = 20000, 8
shared = []

def worker(k):
    for i in range(N):
        shared.append(i)

ts = [threading.Thread(target=worker, args=(k,)) for k in range(T)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(len(shared))
print(sum(shared) == T * (N * (N - 1) // 2))
