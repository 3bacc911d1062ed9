# tests/race/clean.py [nosync]: correctly synchronised hand-offs, one per
# primitive, and two ways an attribute is not shared storage (a property
# that locks, threading.local), for run.sh: under -X race none may be
# reported.  In each, one
# thread writes a location (an attribute, a list item, a dict key, a
# global) and another reads or writes it after the primitive orders them.
# With the argument `nosync` every primitive is replaced by `Go` (the
# ordering kept, the synchronisation gone): then each scenario must be
# reported, which shows the clean run is quiet because of the primitive and
# not because the detector saw nothing.
import sys
import threading
import time
import queue
import _thread
from concurrent.futures import ThreadPoolExecutor

NOSYNC = sys.argv[1:] == ["nosync"]


class Go:
    """Orders two threads without synchronising them (see racy.py)."""

    def __init__(self):
        self.flag = []

    def open(self):
        self.flag.append(1)

    def wait(self):
        while not self.flag:
            time.sleep(0.001)


class Box:
    def __init__(self):
        self.value = 0


def run(*targets):
    ts = [threading.Thread(target=t) for t in targets]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


# 1. Lock: a read-modify-write under one lock, in two threads.
def with_lock():
    b = Box()
    lock = threading.Lock()
    go = Go()

    def first():
        if NOSYNC:
            b.value += 1
            go.open()
            return
        with lock:
            b.value += 1

    def second():
        if NOSYNC:
            go.wait()
            b.value += 1
            return
        with lock:
            b.value += 1

    run(first, second)
    return b.value


# 2. RLock, taken twice by each thread.
def with_rlock():
    counts = {"n": 0}
    lock = threading.RLock()
    go = Go()

    def bump(wait):
        if NOSYNC:
            if wait:
                go.wait()
            counts["n"] += 1
            go.open()
            return
        with lock:
            with lock:
                counts["n"] += 1

    run(lambda: bump(False), lambda: bump(True))
    return counts["n"]


# 3. Condition: a consumer waits until the producer has filled the box.
def with_condition():
    b = Box()
    cond = threading.Condition()
    ready = []
    go = Go()

    def producer():
        b.value = 42
        if NOSYNC:
            go.open()
            return
        with cond:
            ready.append(True)
            cond.notify()

    def consumer():
        if NOSYNC:
            go.wait()
        else:
            with cond:
                while not ready:
                    cond.wait()
        return b.value

    run(consumer, producer)
    return b.value


# 4. queue.Queue hand-off: the item's fields, written before put().
def with_queue():
    q = queue.Queue()
    out = []
    go = Go()
    holder = [None]

    def producer():
        b = Box()
        b.value = 7
        if NOSYNC:
            holder[0] = b
            go.open()
        else:
            q.put(b)

    def consumer():
        if NOSYNC:
            go.wait()
            b = holder[0]
        else:
            b = q.get()
        out.append(b.value)

    run(consumer, producer)
    return out[0]


# 5. Event: the flag's set() orders the write before the read.
def with_event():
    b = Box()
    ev = Go() if NOSYNC else threading.Event()

    def writer():
        b.value = 5
        if NOSYNC:
            ev.open()
        else:
            ev.set()

    def reader():
        ev.wait()
        return b.value

    run(reader, writer)
    return b.value


# 6. Barrier: each thread writes its own slot, then all read every slot.
def with_barrier():
    slots = [0, 0, 0]
    sums = [0, 0, 0]
    bar = threading.Barrier(3)
    go = [Go(), Go()]

    def party(k):
        slots[k] = k + 1
        if NOSYNC:
            # a chain 0 -> 1 -> 2, then only the last reads every slot
            if k > 0:
                go[k - 1].wait()
            if k < 2:
                go[k].open()
                return
        else:
            bar.wait()
        sums[k] = slots[0] + slots[1] + slots[2]

    run(lambda: party(0), lambda: party(1), lambda: party(2))
    return max(sums)


# 7. join: the main thread reads what a thread wrote, after join().
def with_join():
    b = Box()

    def worker():
        b.value = 9

    t = threading.Thread(target=worker)
    t.start()
    if NOSYNC:
        while b.__dict__.get("value") != 9:   # not is_alive(): that synchronises
            time.sleep(0.001)
    else:
        t.join()
    v = b.value
    t.join()
    return v


# 8. ThreadPoolExecutor: arguments before submit(), results after result().
def with_executor():
    b = Box()
    b.value = 3
    go = Go()

    def task(box):
        box.value *= 2
        return box

    with ThreadPoolExecutor(max_workers=2) as ex:
        if NOSYNC:
            out = []
            t = threading.Thread(target=lambda: (out.append(task(b)), go.open()))
            t.start()
            go.wait()
            v = b.value
            t.join()
            return v
        f = ex.submit(task, b)
        return f.result().value


# 9. start: what the parent wrote before start() is the child's to read.
def with_start():
    b = Box()
    b.value = 11
    seen = []
    go = Go()

    def child():
        if NOSYNC:
            go.wait()
        seen.append(b.value)

    t = threading.Thread(target=child)
    if NOSYNC:
        t.start()
        b.value = 12
        go.open()
    else:
        b.value = 12
        t.start()
    t.join()
    return seen[0]


# 10. _thread.start_new_thread with a lock released by the thread.
def with_raw_thread():
    b = Box()
    done = _thread.allocate_lock()
    done.acquire()
    go = Go()

    def worker():
        b.value = 13
        if NOSYNC:
            go.open()
        else:
            done.release()

    _thread.start_new_thread(worker, ())
    if NOSYNC:
        go.wait()
    else:
        done.acquire()
    return b.value


# 11. Semaphore (queue.SimpleQueue is built on one and a deque).
def with_simple_queue():
    q = queue.SimpleQueue()
    holder = []
    go = Go()

    def producer():
        b = Box()
        b.value = 21
        if NOSYNC:
            holder.append(b)
            go.open()
        else:
            q.put(b)

    def consumer():
        if NOSYNC:
            go.wait()
            b = holder[0]
        else:
            b = q.get()
        holder.append(b.value)

    run(consumer, producer)
    return holder[-1]


# 12. A property whose setter takes a lock: `obj.value = v` is a call of the
# setter, not a store into the instance; the setter's own accesses are
# checked (and synchronised).
class Guarded:
    def __init__(self):
        self._lock = threading.Lock()
        self._v = 0

    @property
    def value(self):
        with self._lock:
            return self._v

    @value.setter
    def value(self, v):
        if NOSYNC:
            self._v = v
            return
        with self._lock:
            self._v = v


def with_property():
    g = Guarded()
    go = Go()

    def first():
        g.value = 1
        go.open()

    def second():
        go.wait()
        g.value = 2

    run(first, second)
    return g.value


# 13. threading.local: each thread's attributes are its own.
def with_local():
    loc = Box() if NOSYNC else threading.local()
    go = Go()
    seen = [0, 0]

    def first():
        loc.value = 1
        seen[0] = loc.value
        go.open()

    def second():
        go.wait()
        loc.value = 2
        seen[1] = loc.value

    run(first, second)
    return seen


results = [with_lock(), with_rlock(), with_condition(), with_queue(), with_event(),
           with_barrier(), with_join(), with_executor(), with_start(), with_raw_thread(),
           with_simple_queue(), with_property(), with_local()]
print(results)
