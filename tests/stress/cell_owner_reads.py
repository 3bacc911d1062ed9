# A cell's owner (the thread that made the closure) reads it without the
# lock (objects/cell.c); other threads rebind the variable meanwhile with
# objects of their own, so that the owner may load a value just as it is
# replaced.  Every value the owner reads must be a live, valid object.
import threading

class Box:
    __slots__ = ("v",)
    def __init__(self, v):
        self.v = v

def make():
    value = Box(0)
    def get():
        return value
    def put(v):
        nonlocal value
        value = v
    return get, put

get, put = make()
stop = threading.Event()

def writer(seed):
    k = seed
    while not stop.is_set():
        k += 1
        if k % 3 == 0:
            put(Box(k))
        elif k % 3 == 1:
            put((k, float(k)))
        else:
            put(float(k))

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
for i in range(200000):
    if not valid(get()):
        bad += 1
stop.set()
for t in threads:
    t.join()
print("bad reads:", bad)
print("valid at the end:", valid(get()))
