# threading.Condition, Barrier, Timer, local.
import threading
c = threading.Condition()
items = []
def consumer(n):
    with c:
        c.wait_for(lambda: len(items) >= n)
        print("got", len(items) >= n)
ts = [threading.Thread(target=consumer, args=(3,)) for _ in range(3)]
for t in ts: t.start()
for i in range(3):
    with c:
        items.append(i); c.notify_all()
for t in ts: t.join()
with c:
    print(c.wait(0.01))
try:
    c.notify()
except RuntimeError as e: print(e)
b = threading.Barrier(4, action=lambda: print("action"))
res = []
def w():
    res.append(b.wait())
ts = [threading.Thread(target=w) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(res), b.broken, b.parties, b.n_waiting)
tm = threading.Timer(0.01, print, args=("timer fired",)); tm.start(); tm.join()
tm = threading.Timer(10, print, args=("no",)); tm.start(); tm.cancel(); tm.join()
loc = threading.local()
loc.x = 1
def f():
    print(hasattr(loc, 'x'))
    loc.x = 2
t = threading.Thread(target=f); t.start(); t.join()
print(loc.x)
class L(threading.local):
    def __init__(self, v):
        self.v = v
l = L(5)
def g(): print("L", l.v); l.v = 9
t = threading.Thread(target=g); t.start(); t.join()
print(l.v)
b2 = threading.Barrier(2, timeout=0.05)
try: b2.wait()
except threading.BrokenBarrierError: print("broken", b2.broken)
