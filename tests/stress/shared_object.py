# Four threads call methods of one shared instance, read its attributes and
# class attributes, go through properties and special methods, and write
# per-thread attributes; a Thread subclass runs each worker.
import threading


class Base:
    scale = 3

    def __init__(self):
        self.lock = threading.Lock()
        self.total = 0
        self.name = "shared"

    def add(self, n):
        with self.lock:
            self.total += n


class Shared(Base):
    def __init__(self):
        super().__init__()
        self.values = list(range(10))

    @property
    def doubled(self):
        return self.scale * 2

    def get(self, i):
        return self.values[i % 10] * self.scale

    def __len__(self):
        return len(self.values)

    def __getitem__(self, i):
        return self.values[i]

    def __eq__(self, other):
        return self is other

    __hash__ = object.__hash__


obj = Shared()


class Worker(threading.Thread):
    def __init__(self, k):
        super().__init__()
        self.k = k
        self.acc = 0

    def run(self):
        for i in range(5000):
            self.acc += obj.get(i) + obj.doubled + len(obj) + obj[i % 10]
            if obj.name != "shared" or obj == 1:
                self.acc = -1
            obj.add(1)
            setattr(obj, "slot%d" % self.k, i)


ws = [Worker(k) for k in range(4)]
for w in ws:
    w.start()
for w in ws:
    w.join()
print(obj.total)
print([w.acc for w in ws])
print(sorted(getattr(obj, "slot%d" % k) for k in range(4)))
print(isinstance(ws[0], threading.Thread), type(ws[0]).__name__)
