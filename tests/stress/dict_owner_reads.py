# A dict's owner counts what it finds at a hinted entry without the lock
# (objects/dict.c); an instance's __dict__ is the usual case.  Other threads
# rebind the instance's attributes with objects of their own, delete and
# re-add them, pop items and clear a plain dict meanwhile, so that the owner
# may load a value just as it leaves.  Every value read must be valid.
import threading

class Box:
    __slots__ = ("v",)
    def __init__(self, v):
        self.v = v

class Holder:
    def __init__(self):
        self.a = Box(0)
        self.b = (0, 0.0)
        self.c = 0.5

h = Holder()                  # made here: its __dict__ is the main thread's
plain = {"k%d" % i: Box(i) for i in range(8)}
stop = threading.Event()

def writer(seed):
    k = seed
    while not stop.is_set():
        k += 1
        r = k % 6
        if r == 0:
            h.a = Box(k)
        elif r == 1:
            h.b = (k, float(k))
        elif r == 2:
            h.c = float(k)
        elif r == 3:
            plain["k%d" % (k % 8)] = (k, float(k))
        elif r == 4:
            plain.pop("k%d" % (k % 8), None)
            plain["k%d" % (k % 8)] = Box(k)
        else:
            try:
                del h.c
            except AttributeError:
                pass
            h.c = 1.5

def valid(v):
    t = type(v)
    if t is Box:
        return isinstance(v.v, int)
    if t is tuple:
        return float(v[0]) == v[1]
    return t is float

threads = [threading.Thread(target=writer, args=(s,)) for s in (1, 2)]
for t in threads:
    t.start()
bad = 0
for i in range(60000):
    if not valid(h.a) or not valid(h.b):
        bad += 1
    try:
        if not valid(h.c):
            bad += 1
    except AttributeError:
        pass
    v = plain.get("k%d" % (i % 8))
    if v is not None and not valid(v):
        bad += 1
stop.set()
for t in threads:
    t.join()
print("bad reads:", bad)
print("valid at the end:", valid(h.a) and valid(h.b) and valid(h.c))
