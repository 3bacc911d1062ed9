# Lock tenure (threads/lock.c): a thread that releases a Lock it took itself
# may leave a parked waiter asleep while it keeps taking the lock again; the
# wake it owes must be paid when it stops taking the lock, blocks or exits,
# and a waiter must get the lock while a loop holds it again and again.
import threading
import time

lock = threading.Lock()
count = [0]
N = 20000


def looper(n=N):
    for i in range(n):
        with lock:
            count[0] += 1


# 1. three loops on one lock; each thread exits while the others may wait
ts = [threading.Thread(target=looper) for _ in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("loops", count[0] == 3 * N)

# 2. a loop, then a sleep holding nothing: a thread parked during the loop
# gets the lock during the sleep, not after it
order = []
started = threading.Event()


def loop_then_sleep():
    started.set()
    looper()
    time.sleep(0.5)
    order.append("sleeper woke")


def waiter():
    started.wait()
    with lock:
        order.append("waiter got the lock")


a = threading.Thread(target=loop_then_sleep)
b = threading.Thread(target=waiter)
a.start()
b.start()
a.join()
b.join()
print("order", order)

# 3. a timed acquire succeeds while another thread loops on the lock
result = []


def timed():
    started.wait()
    got = lock.acquire(timeout=30)
    result.append(got)
    if got:
        lock.release()


started.clear()
a = threading.Thread(target=lambda: (started.set(), looper(4 * N)))
b = threading.Thread(target=timed)
b.start()
a.start()
a.join()
b.join()
print("timed", result)

# 4. locks taken by one thread and released by another (a handshake): such a
# release wakes the waiter at once
ping, pong = threading.Lock(), threading.Lock()
ping.acquire()
pong.acquire()
rounds = [0]


def player(mine, other, k):
    for i in range(2000):
        mine.acquire()        # released by the other player
        rounds[0] += 1
        other.release()


p1 = threading.Thread(target=player, args=(ping, pong, 1))
p2 = threading.Thread(target=player, args=(pong, ping, 2))
p1.start()
p2.start()
ping.release()
p1.join()
p2.join()
print("handshake", rounds[0])
print("final", count[0] == 8 * N, lock.locked())
