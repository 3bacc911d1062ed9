import time
t0 = time.perf_counter()
time.sleep(0.01)
t1 = time.perf_counter()
print(t1 - t0 >= 0.009, type(time.time()) is float, time.time() > 1.6e9)
print(time.monotonic() <= time.monotonic())
try:
    time.sleep(-1)
except ValueError as e:
    print(e)
