# Ctrl-C (SIGINT sent by another thread) wakes the main thread out of its
# blocking calls with KeyboardInterrupt.
import os
import queue
import signal
import threading
import time

def interrupt_soon():
    def run():
        time.sleep(0.2)
        os.kill(os.getpid(), signal.SIGINT)
    t = threading.Thread(target=run)
    t.start()
    return t

def attempt(name, fn):
    t = interrupt_soon()
    t0 = time.monotonic()
    try:
        fn()
        print(name, "returned")
    except KeyboardInterrupt:
        print(name, "interrupted promptly:", time.monotonic() - t0 < 5)
    t.join()

attempt("time.sleep", lambda: time.sleep(30))
lock = threading.Lock()
lock.acquire()
attempt("Lock.acquire", lambda: lock.acquire())
attempt("Lock.acquire(timeout)", lambda: lock.acquire(timeout=30))
rlock = threading.RLock()
holder = threading.Thread(target=rlock.acquire)
holder.start()
holder.join()
attempt("RLock.acquire", lambda: rlock.acquire())
attempt("Event.wait", lambda: threading.Event().wait())
def cond_wait():
    c = threading.Condition()
    with c:
        c.wait()
attempt("Condition.wait", cond_wait)
attempt("Semaphore.acquire", lambda: threading.Semaphore(0).acquire())
attempt("Queue.get", lambda: queue.Queue().get())
stop = threading.Event()
sleeper = threading.Thread(target=stop.wait)
sleeper.start()
attempt("Thread.join", lambda: sleeper.join())
stop.set()
sleeper.join()
print("sleeper alive:", sleeper.is_alive())
print("done")
