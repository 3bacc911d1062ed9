# 4 threads draw from the module's shared generator at once (random(),
# getrandbits(), randint(), gauss() with its cached second value).  The state
# is guarded by the generator's lock: nothing may crash, every value must be
# in range, and (a torn state would repeat outputs) the values stay distinct.
import random
import threading

N = 20000
T = 4
random.seed(1234)
results = [None] * T

def work(t):
    vals = []
    bad = 0
    for i in range(N):
        x = random.random()
        if not (0.0 <= x < 1.0):
            bad += 1
        vals.append(x)
        if i % 100 == 0:
            if not (0 <= random.getrandbits(40) < 2**40):
                bad += 1
            if not (1 <= random.randint(1, 6) <= 6):
                bad += 1
            random.gauss()
    results[t] = (vals, bad)

threads = [threading.Thread(target=work, args=(t,)) for t in range(T)]
for th in threads:
    th.start()
for th in threads:
    th.join()

allvals = [v for vals, _ in results for v in vals]
print(len(allvals), sum(bad for _, bad in results))
print(all(0.0 <= v < 1.0 for v in allvals))
print(len(set(allvals)) > N * T * 0.99)
