# A counter incremented under a Lock by 4 threads x 50000.
import threading

lock = threading.Lock()
count = [0]

def worker():
    for i in range(50000):
        with lock:
            count[0] += 1

ts = [threading.Thread(target=worker) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(count[0])
print(lock.locked())
