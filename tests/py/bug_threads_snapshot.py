import threading
d = {}
l = []
s = set()
lock = threading.Lock()
def worker(n):
    for i in range(2000):
        d[(n, i % 50)] = i
        l.append(i)
        s.add(i % 100)
        if i % 7 == 0:
            d.pop((n, (i + 1) % 50), None)
        if i % 13 == 0:
            try:
                l.pop()
            except IndexError:
                pass
        list(d.items())[:1]
        sorted(s)
ts = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
for t in ts: t.start()
for t in ts: t.join()
print(len(s), len(d) <= 400, len(l) > 0)
class Acc:
    def __init__(self): self.v = 0
a = Acc()
def inc():
    for _ in range(5000):
        with lock:
            a.v += 1
ts = [threading.Thread(target=inc) for _ in range(6)]
for t in ts: t.start()
for t in ts: t.join()
print(a.v)
def gen():
    for i in range(100000):
        yield i
g = gen()
errs = []
tot = []
def consume():
    n = 0
    while True:
        try:
            next(g)
            n += 1
        except StopIteration:
            break
        except ValueError as e:
            errs.append(str(e))
    tot.append(n)
ts = [threading.Thread(target=consume) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(sum(tot), set(errs) <= {"generator already executing"})
ev = threading.Event()
res = []
def waiter():
    ev.wait()
    res.append(1)
ts = [threading.Thread(target=waiter) for _ in range(4)]
for t in ts: t.start()
ev.set()
for t in ts: t.join()
print(res, threading.active_count(), threading.current_thread().name)
