import threading
lock = threading.Lock()
with lock:
    print("inside", lock.locked())
print("outside", lock.locked())
print(lock.acquire(), lock.locked(), lock.acquire(False), lock.acquire(timeout=0.01))
lock.release()
print(lock.locked())
try:
    lock.release()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    with lock:
        raise ValueError("in with")
except ValueError as e:
    print("propagated", e, lock.locked())
