import threading

class Counter:
    __slots__ = ('value', 'label')
    def __init__(self):
        self.value = 0
        self.label = 'start'

shared = Counter()
lock = threading.Lock()

def writer(n):
    for i in range(2000):
        shared.label = 'w%d-%d' % (n, i)
        with lock:
            shared.value += 1

def reader():
    for _ in range(4000):
        s = shared.label
        assert isinstance(s, str), s
        v = shared.value
        assert isinstance(v, int)

threads = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
threads += [threading.Thread(target=reader) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(shared.value)
print(shared.label.startswith('w'))

objs = [Counter() for _ in range(8)]
def own(c, n):
    for i in range(1000):
        c.value = [i, n]
        c.label = (i, str(n))
        del c.label
        c.label = 'x'
threads = [threading.Thread(target=own, args=(objs[k], k)) for k in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print([c.value for c in objs])
