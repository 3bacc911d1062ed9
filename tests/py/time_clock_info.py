# time.get_clock_info: each clock's namespace, and the errors.
import time
for n in ('time', 'monotonic', 'perf_counter', 'process_time', 'thread_time'):
    i = time.get_clock_info(n)
    print(n, i, type(i).__name__, i.monotonic, i.resolution)
for a, k in [(('x',), {}), ((), {}), ((5,), {}), (('a', 'b'), {}), ((), {'name': 'time'})]:
    try:
        time.get_clock_info(*a, **k)
    except Exception as e:
        print(type(e).__name__, e)
