# signal.alarm interrupts time.sleep promptly; a handler that does not raise
# lets the sleep go on for the rest of its time (PEP 475).
import signal
import time

class Alarm(Exception):
    pass

def on_alarm(signum, frame):
    raise Alarm("alarm %d" % signum)

signal.signal(signal.SIGALRM, on_alarm)
print("alarm returns", signal.alarm(1))
t0 = time.monotonic()
try:
    time.sleep(10)
    print("not reached")
except Alarm as e:
    elapsed = time.monotonic() - t0
    print("interrupted:", e, "after about 1 s:", 0.8 < elapsed < 3)

ticks = []
signal.signal(signal.SIGALRM, lambda s, f: ticks.append(s))
t0 = time.monotonic()
signal.alarm(1)
time.sleep(1.5)
elapsed = time.monotonic() - t0
print("handler ran:", ticks == [signal.SIGALRM], "slept the full time:", 1.4 < elapsed < 3)

# alarm(0) cancels and returns the seconds that were left.
signal.alarm(30)
left = signal.alarm(0)
print("cancelled, left:", 25 <= left <= 30)

# An alarm interrupts a blocking lock acquire too.
import threading
signal.signal(signal.SIGALRM, on_alarm)
lock = threading.Lock()
lock.acquire()
t0 = time.monotonic()
signal.alarm(1)
try:
    lock.acquire()
except Alarm:
    print("lock acquire interrupted after about 1 s:", time.monotonic() - t0 < 3)
print("done")
