# Threads use a class's special methods (repr, ==, +) while the main thread
# keeps reassigning them: torii rewrites the class's slots with the world
# stopped, so readers always see one whole method or the other.
import threading


class C:
    def __repr__(self):
        return "a"

    def __add__(self, other):
        return 1


def repr_a(self):
    return "a"


def repr_b(self):
    return "b"


def add_1(self, other):
    return 1


def add_2(self, other):
    return 2


obj = C()
bad = []


def reader():
    for _ in range(5000):
        s = repr(obj)
        v = obj + 0
        if s not in ("a", "b") or v not in (1, 2):
            bad.append((s, v))


threads = [threading.Thread(target=reader) for _ in range(3)]
for t in threads:
    t.start()
for i in range(500):
    C.__repr__ = repr_a if i % 2 else repr_b
    C.__add__ = add_1 if i % 2 else add_2
for t in threads:
    t.join()
print("unexpected results:", len(bad))
print(repr(obj), obj + 0)
