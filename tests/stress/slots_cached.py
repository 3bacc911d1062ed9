# Cached __slots__ members raced: four threads read and write the slots of
# shared instances through the same attribute sites (cached as slot offsets)
# while one thread keeps replacing the heap values stored in them, and a
# shared instance's dict attributes (a list, a str) become shared-read
# (deferred) while another thread rebinds them.
import threading


class P:
    __slots__ = ("x", "y", "tag")

    def __init__(self, x, y):
        self.x = x
        self.y = y
        self.tag = "p"

    def total(self):
        return self.x + self.y

    def bump(self):
        self.x = self.x + 1


class Holder:
    def __init__(self):
        self.items = [1, 2, 3]
        self.label = "holder"


shared = [P(i, float(i)) for i in range(8)]
holder = Holder()
N = 20000
errors = []


def reader(k):
    try:
        bad = 0
        for i in range(N):
            p = shared[i & 7]
            t = p.total()
            if not isinstance(t, float):
                bad += 1
            tag = p.tag
            if tag not in ("p", "q"):
                bad += 1
            items = holder.items
            if items != [1, 2, 3]:
                bad += 1
            lab = holder.label
            if lab[0] != "h":
                bad += 1
        if bad:
            errors.append((k, bad))
    except Exception as e:
        errors.append((k, repr(e)))


def writer():
    for i in range(N):
        p = shared[i & 7]
        p.y = float(i)
        p.tag = "q" if i & 1 else "p"
        holder.items = [1, 2, 3]
        holder.label = "holder" + str(i & 3)


def bumper():
    local = [P(i, 0.5) for i in range(4)]
    for i in range(N):
        q = local[i & 3]
        q.bump()
    errors.extend(q.x for q in local if q.x != q.x)


threads = [threading.Thread(target=reader, args=(k,)) for k in range(3)]
threads.append(threading.Thread(target=writer))
threads.append(threading.Thread(target=bumper))
for t in threads:
    t.start()
for t in threads:
    t.join()
print("errors:", errors)
print("slots:", sorted(type(p.y).__name__ for p in shared)[0], len(shared))
print("holder:", holder.items, holder.label[:6])
