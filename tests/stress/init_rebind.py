# Threads instantiate classes (CALL's instantiation cache: __init__ run in the
# caller's loop) while another thread keeps changing the class and its base
# (rebinding a helper method that __init__ calls, a class attribute), which
# moves their dict versions and so invalidates and refills the cache records.
# Every instance is initialised whole by one of the two helpers.  (Rebinding
# __init__ itself on a shared class is off limits: special methods are set
# before a class is shared, include/torii/class.h.)
import threading

N_WORKERS = 4
ROUNDS = 4000


class Base:
    k = 0

    def __init__(self, v):
        self.v = v
        self.tag = "base"


class C(Base):
    def __init__(self, v):
        self.v = v
        self.tag = self.helper()

    def helper(self):
        return "c"


def helper_a(self):
    return "a"


seen = {}
lock = threading.Lock()
stop = False


def worker():
    local = {}
    total = 0
    for i in range(ROUNDS):
        o = C(i)
        b = Base(i)
        total += o.v + b.v
        local[o.tag] = local.get(o.tag, 0) + 1
    assert total == 2 * sum(range(ROUNDS)), total
    with lock:
        for t, n in local.items():
            seen[t] = seen.get(t, 0) + n


def mutator():
    i = 0
    while not stop:
        i += 1
        C.helper = helper_a if i & 1 else (lambda self: "c")
        Base.k = i


workers = [threading.Thread(target=worker) for k in range(N_WORKERS)]
m = threading.Thread(target=mutator)
m.start()
for w in workers:
    w.start()
for w in workers:
    w.join()
stop = True
m.join()
assert sum(seen.values()) == N_WORKERS * ROUNDS, seen
assert set(seen) <= {"a", "c"}, seen
print("ok")
