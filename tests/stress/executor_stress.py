# Many small tasks through ThreadPoolExecutor: submit, map, as_completed,
# exceptions, nested submits; exact results.
from concurrent.futures import ThreadPoolExecutor, as_completed, wait
import threading

counter = [0]
clock = threading.Lock()

def work(i):
    with clock:
        counter[0] += 1
    if i % 97 == 0:
        raise KeyError(i)
    return i * 2

with ThreadPoolExecutor(max_workers=8) as ex:
    futs = [ex.submit(work, i) for i in range(3000)]
    ok = errs = total = 0
    for f in as_completed(futs):
        try:
            total += f.result()
            ok += 1
        except KeyError:
            errs += 1
    print(ok, errs, total)
    print(sum(ex.map(lambda x: x + 1, range(5000))))
    done, not_done = wait([ex.submit(sum, range(i)) for i in range(500)])
    print(len(done), len(not_done), sum(f.result() for f in done))
print(counter[0])

# executors created and shut down from several threads at once
results = []
rlock = threading.Lock()
def run_pool(k):
    with ThreadPoolExecutor(max_workers=3) as ex:
        r = sum(ex.map(lambda x: x * k, range(200)))
    with rlock:
        results.append(r)
ts = [threading.Thread(target=run_pool, args=(k,)) for k in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(results))
