# Threads call methods and read attributes of instances (and of the class)
# while another thread keeps reassigning a method and a class attribute:
# C.m = other, C.x = 5, plus an instance attribute that shadows a method and is
# deleted again.  Every call sees one of the two methods whole; every read one
# of the values stored.  Exercises the VM's per-site attribute caches.
import threading

N_READERS = 4
ROUNDS = 3000


class Base:
    k = 1

    def kind(self):
        return "base"


class C(Base):
    x = 1

    def __init__(self, v):
        self.v = v

    def m(self, a):
        return a + 1

    def get(self):
        return self.v + self.x


def other(self, a):
    return a + 2


def m1(self, a):
    return a + 1


stop = False
results = [None] * N_READERS


def reader(k):
    objs = [C(i) for i in range(8)]
    bad = 0
    calls = 0
    while True:
        done = stop
        for o in objs:
            r = o.m(10)
            if r != 11 and r != 12:
                bad += 1
            g = o.get()
            if g - o.v not in (1, 5):
                bad += 1
            if C.x not in (1, 5) or o.x not in (1, 5):
                bad += 1
            if o.kind() not in ("base", "shadow", "sub"):
                bad += 1
            if o.k not in (1, 2):
                bad += 1
            o.v = o.v + 1 - 1
            calls += 1
        if done:
            break
    results[k] = (bad, calls > 0)


def writer():
    o = C(0)
    for i in range(ROUNDS):
        C.m = other if i & 1 else m1
        C.x = 5 if i & 1 else 1
        Base.k = 2 if i & 2 else 1
        if i % 7 == 0:
            Base.kind = lambda self: "sub"
        elif i % 7 == 3:
            Base.kind = lambda self: "base"
        o.m = 3          # an instance attribute shadowing the method
        assert o.m == 3
        del o.m
        assert o.m(1) in (2, 3)


threads = [threading.Thread(target=reader, args=(k,)) for k in range(N_READERS)]
for t in threads:
    t.start()
w = threading.Thread(target=writer)
w.start()
w.join()
stop = True
for t in threads:
    t.join()

print(results)
C.m = m1
C.x = 1
print(C(4).m(1), C(4).get(), C.x, Base.k in (1, 2))
del C.x
print(C(4).x if hasattr(C(4), "x") else "no x")
try:
    C(4).get()
except AttributeError as e:
    print("AttributeError:", e)
C.x = 7
print(C(4).get())
