# Weak references under threads: referents dropped in one thread while
# others dereference, create and drop weak references to them, callbacks run
# in whichever thread drops the last reference, WeakValueDictionary shared by
# all threads, and collections running meanwhile.  Every dereference gives
# the object or None, never a freed one.
import threading, weakref, gc

N_THREADS = 4
ROUNDS = 3000

class Item:
    __slots__ = ('n', '__weakref__')
    def __init__(self, n): self.n = n

shared = [None] * 64
refs = [None] * 64
cache = weakref.WeakValueDictionary()
callbacks = [0] * N_THREADS
seen_alive = [0] * N_THREADS
seen_dead = [0] * N_THREADS
errors = []

def worker(t):
    count = 0
    def cb(r):
        callbacks[t] += 1
    for i in range(ROUNDS):
        k = (i * 7 + t * 13) % 64
        if (i + t) % 3 == 0:
            it = Item(i)
            shared[k] = it                       # drops the old one, maybe the last reference
            refs[k] = weakref.ref(it, cb)
            cache[k] = it
            del it
        r = refs[k]
        if r is not None:
            o = r()
            if o is None:
                seen_dead[t] += 1
            elif type(o) is not Item:
                errors.append('bad object %r' % type(o))
            else:
                seen_alive[t] += 1
                count += o.n >= 0
        v = cache.get(k)
        if v is not None and type(v) is not Item:
            errors.append('bad cached object')
        if i % 500 == 0 and t == 0:
            gc.collect()
        if i % 97 == 0:
            shared[(k + 5) % 64] = None          # the referent may die here, in this thread
    return count

threads = [threading.Thread(target=worker, args=(t,)) for t in range(N_THREADS)]
for th in threads: th.start()
for th in threads: th.join()
for k in range(64):
    shared[k] = None
gc.collect()
alive_left = sum(1 for r in refs if r is not None and r() is not None)
print('errors:', errors)
print('all dereferences answered:', all(seen_alive[t] + seen_dead[t] > 0 for t in range(N_THREADS)))
print('callbacks ran:', sum(callbacks) > 0)
print('referents left alive:', alive_left)
print('cache empty:', len(cache) == 0)
