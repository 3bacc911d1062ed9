# The owner of a list reads its items without the lock (objects/list.c);
# other threads replace, pop, remove, clear, sort and slice-assign items of
# the same list meanwhile, with objects of their own (floats, instances,
# tuples), so that the owner may load an item just as it leaves the list.
# Every value the owner reads must be a live, valid object.
import threading

class Box:
    __slots__ = ("v",)
    def __init__(self, v):
        self.v = v

N = 64
shared = [Box(i) for i in range(N)]      # owned by the main thread
stop = threading.Event()
errors = []

def writer(seed):
    x = seed
    k = 0
    while not stop.is_set():
        x = (x * 1103515245 + 12345) % 2147483648
        i = x % N
        op = k % 7
        k += 1
        try:
            if op == 0:
                shared[i] = Box(float(x))
            elif op == 1:
                shared[i] = (x, float(x))
            elif op == 2:
                shared.append(Box(x))
                shared.pop()
            elif op == 3:
                shared[i:i + 2] = [float(x), Box(-x)]
            elif op == 4:
                if len(shared) > N:
                    del shared[N:]
            elif op == 5:
                v = shared[i]
                try:
                    shared.remove(v)
                except ValueError:
                    pass
                shared.insert(i, Box(i))
            else:
                shared.insert(0, 1.5 * x)
                shared.pop(0)
        except IndexError:
            pass

def check(v):
    t = type(v)
    if t is Box:
        return isinstance(v.v, (int, float))
    if t is tuple:
        return len(v) == 2 and float(v[0]) == v[1]
    return t is float

def owner_reads(rounds):
    bad = 0
    reads = 0
    for r in range(rounds):
        n = len(shared)
        for i in range(n):
            try:
                v = shared[i]
            except IndexError:
                continue
            reads += 1
            if not check(v):
                bad += 1
        for v in shared:         # the iterator's reads
            if not check(v):
                bad += 1
    return bad, reads

threads = [threading.Thread(target=writer, args=(s,)) for s in (1, 2, 3)]
for t in threads:
    t.start()
bad, reads = owner_reads(2000)
stop.set()
for t in threads:
    t.join()
import gc
gc.collect()
print("bad reads:", bad)
print("read something:", reads > 1000)
print("all valid at the end:", all(check(v) for v in shared))
