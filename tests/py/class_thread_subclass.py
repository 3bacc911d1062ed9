# threading.Thread subclasses: run() overridden, super().__init__ with and
# without arguments, per-instance attributes, join, and results gathered.
import threading


class Worker(threading.Thread):
    def __init__(self, n, out, lock):
        super().__init__()
        self.n = n
        self.out = out
        self.lock = lock
        self.result = None

    def run(self):
        total = 0
        for i in range(self.n):
            total += i
        self.result = total
        with self.lock:
            self.out.append((self.n, total))


lock = threading.Lock()
out = []
workers = [Worker(n, out, lock) for n in (10, 100, 1000, 10000)]
print(all(not w.is_alive() for w in workers), workers[0].name.startswith("Thread-"))
for w in workers:
    w.start()
for w in workers:
    w.join()
print(sorted(out))
print([w.result for w in workers], isinstance(workers[0], threading.Thread))
print(repr(workers[0]).startswith("<Worker(Thread-"), repr(workers[0]).endswith("stopped)>"))


class Named(threading.Thread):
    def __init__(self, label):
        super().__init__(name=label, daemon=False)
        self.label = label

    def run(self):
        print("running", self.name, self.label, threading.current_thread() is self)


t = Named("alpha")
t.start()
t.join()
print(t.name, t.daemon)


class WithTarget(threading.Thread):
    pass


seen = []
t2 = WithTarget(target=seen.append, args=("from target",))
t2.start()
t2.join()
print(seen, type(t2).__name__)


class Failing(threading.Thread):
    def run(self):
        self.value = 1
        print("in failing run")


f = Failing()
f.start()
f.join()
print(f.value)
try:
    f.start()
except RuntimeError as e:
    print(e)
