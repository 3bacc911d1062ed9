import gc
seen = []
def cb(phase, info):
    seen.append((phase, sorted(info)))
gc.callbacks.append(cb)
class N: pass
for i in range(20000):
    a = N(); a.me = a
gc.callbacks.remove(cb)
print(len(seen) > 0, seen[0], seen[1][0], all(p in ('start', 'stop') for p, _ in seen))
