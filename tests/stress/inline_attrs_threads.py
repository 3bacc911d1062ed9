# Instances that keep their attributes inline (objects/inline_attrs.h),
# shared by several threads: readers count values that writers replace, one
# thread converts instances to a __dict__ (a new attribute, vars()) while the
# others read and write them, and every thread builds its own instances of the
# shared class.  The totals are checked at the end.
import threading

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
        self.tag = "p"

    def total(self):
        return self.x + self.y

N = 4
ROUNDS = 20000
shared = [Point(i, 2 * i) for i in range(32)]
errors = []
barrier = threading.Barrier(N + 2)   # the workers, the converter and the main thread

def writer(k):
    barrier.wait()
    for r in range(ROUNDS):
        p = shared[(r + k) % len(shared)]
        p.x = [r, k]          # plain (owned) values replaced under readers
        p.y = (k, r)
        p.x = r

def reader(k):
    barrier.wait()
    seen = 0
    for r in range(ROUNDS):
        p = shared[(r * 7 + k) % len(shared)]
        x = p.x
        y = p.y
        if not isinstance(x, (int, list)) or not isinstance(y, (int, tuple)):
            errors.append((x, y))
        if p.tag != "p":
            errors.append(p.tag)
        seen += 1
    return seen

def converter():
    barrier.wait()
    for r in range(ROUNDS):
        p = shared[r % len(shared)]
        if r % 3 == 0:
            p.extra = r        # a name outside the inline keys: converts
        elif r % 3 == 1:
            d = vars(p)        # __dict__: converts
            if "tag" not in d:
                errors.append("no tag")
        else:
            q = Point(r, r)    # a fresh instance of the shared class
            if q.total() != 2 * r:
                errors.append(q.total())

threads = [threading.Thread(target=writer, args=(k,)) for k in range(N // 2)]
threads += [threading.Thread(target=reader, args=(k,)) for k in range(N // 2)]
threads.append(threading.Thread(target=converter))
for t in threads:
    t.start()
barrier.wait()
for t in threads:
    t.join()
for p in shared:
    p.x = 1
    p.y = 2
print("errors", errors[:3], len(errors))
print("sum", sum(p.total() for p in shared))
print("dicts", sum(1 for p in shared if "extra" in vars(p)) > 0)
