# concurrent.futures: ThreadPoolExecutor map/submit/as_completed/wait,
# exceptions from workers, callbacks, cancel, shutdown.
from concurrent.futures import ThreadPoolExecutor, as_completed, wait, FIRST_COMPLETED, ALL_COMPLETED
import concurrent.futures
import threading
import time

def square(x):
    return x * x

with ThreadPoolExecutor(max_workers=4) as ex:
    print(list(ex.map(square, range(10))))
    print(list(ex.map(lambda a, b: a + b, [1, 2, 3], [10, 20, 30])))
    futs = [ex.submit(square, i) for i in range(20)]
    print(sorted(f.result() for f in as_completed(futs)))
    print(sum(f.result() for f in futs), all(f.done() for f in futs))

def boom(x):
    if x == 3:
        raise ValueError(f"bad value {x}")
    return x

with ThreadPoolExecutor(2) as ex:
    f = ex.submit(boom, 3)
    try:
        f.result()
    except ValueError as e:
        print("caught", e)
    print(type(f.exception()).__name__, f.exception())
    g = ex.submit(boom, 4)
    print(g.result(timeout=5), g.exception())
    try:
        list(ex.map(boom, range(6)))
    except ValueError as e:
        print("map raised", e)

ex = ThreadPoolExecutor(max_workers=1)
ev = threading.Event()
blocker = ex.submit(ev.wait)
queued = ex.submit(square, 5)
print("cancel queued:", queued.cancel(), queued.cancelled(), queued.done())
try:
    queued.result()
except concurrent.futures.CancelledError:
    print("CancelledError")
try:
    blocker.result(timeout=0.01)
except concurrent.futures.TimeoutError:
    print("TimeoutError", concurrent.futures.TimeoutError is TimeoutError)
done, not_done = wait([blocker], timeout=0.01)
print(len(done), len(not_done))
ev.set()
done, not_done = wait([blocker, ex.submit(square, 2)], return_when=ALL_COMPLETED)
print(len(done), len(not_done), blocker.result())
ex.shutdown(wait=True)
try:
    ex.submit(square, 1)
except RuntimeError as e:
    print("RuntimeError", e)

calls = []
with ThreadPoolExecutor(3) as ex:
    f = ex.submit(square, 7)
    f.add_done_callback(lambda fut: calls.append(fut.result()))
    f.result()
f.add_done_callback(lambda fut: calls.append(-fut.result()))
print(calls)

with ThreadPoolExecutor(4) as ex:
    fs = [ex.submit(time.sleep, 0.05), ex.submit(square, 3)]
    done, not_done = wait(fs, return_when=FIRST_COMPLETED)
    print(len(done) >= 1)

fut = concurrent.futures.Future()
print(fut.done(), fut.running(), fut.cancelled())
fut.set_result(42)
print(fut.result(), fut.done())
try:
    fut.set_result(1)
except concurrent.futures.InvalidStateError:
    print("InvalidStateError")

try:
    ThreadPoolExecutor(max_workers=0)
except ValueError as e:
    print("ValueError", e)

# the pool runs work in parallel threads and re-uses them
names = set()
lock = threading.Lock()
def who(_):
    with lock:
        names.add(threading.current_thread().name.split('_')[0] != '')
    return 1
with ThreadPoolExecutor(max_workers=3, thread_name_prefix='pool') as ex:
    print(sum(ex.map(who, range(50))), names)

# a pool never shut down explicitly still lets the program exit
leak = ThreadPoolExecutor(2)
print(leak.submit(square, 9).result())
