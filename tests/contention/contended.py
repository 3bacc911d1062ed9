# tests/contention/contended.py: contention forced on purpose, for run.sh.
# Lines run.sh looks for are marked with "# MARK:" comments.
import gc
import sys
import threading
import time

# 1. A threading.Lock: the holder keeps it until the waiter has announced it
# is about to take it, and a while longer, so the waiter must wait.
lock = threading.Lock()
held = threading.Event()
coming = threading.Event()


def holder():
    with lock:
        held.set()
        coming.wait()
        time.sleep(0.2)


def waiter():
    held.wait()
    coming.set()
    with lock:  # MARK: lock
        pass


# 2. Reference counts: a dict made by the main thread, read by another.
shared = {"k": 1}


def reader(d):
    n = 0
    for _ in range(1000):
        n += d.get("k")
    return n


# 3. A stop-the-world pause asked for by a thread.
def collector():
    gc.collect()  # MARK: gc


# 4. Two CPU-bound threads (they wait for the GIL in the GIL build).
def spin():
    end = time.monotonic() + 0.2
    x = 0
    while time.monotonic() < end:
        x += 1


sys.setswitchinterval(0.001)
threads = [threading.Thread(target=holder), threading.Thread(target=waiter),
           threading.Thread(target=reader, args=(shared,)),
           threading.Thread(target=collector),
           threading.Thread(target=spin), threading.Thread(target=spin)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("done")
