import gc, weakref

class Worker:
    def __init__(self, name):
        self.name = name
        self.steps = self.run()        # the generator's frame holds self: a cycle
    def run(self):
        try:
            while True:
                yield self.name
        finally:
            print('finally of', self.name)

w = Worker('w1')
print(next(w.steps))
r = weakref.ref(w)
del w
print('collected:', gc.collect() > 0, r())

def gen():
    x = yield 1
    yield x
g = gen()
print(gc.is_tracked(g), next(g), g.send(5))
def selfref():
    me = yield
    yield me
s = selfref(); next(s); s.send(s)   # a generator whose frame holds itself
rs = weakref.ref(s)
del s
gc.collect()
print('self-referencing generator freed:', rs() is None)
print('end')
