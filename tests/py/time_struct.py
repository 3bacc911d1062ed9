# time.struct_time, gmtime, asctime: fields, indexing, comparisons, errors.
import time

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

t = time.gmtime(1700000000)
print(t)
print(t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, t.tm_wday, t.tm_yday, t.tm_isdst)
print(t[0], t[-1], t[2:5], len(t), list(t), tuple(t))
print(type(t), type(t).__name__)
y, mo, d, h, mi, s, wd, yd, dst = t
print(y, mo, d, h, mi, s, wd, yd, dst)
print(t == tuple(t), t != tuple(t), t < (2024,), t > (2023, 11, 14, 22))
print(hash(t) == hash(tuple(t)), t.tm_gmtoff, t.index(2023), t.count(0))
print(2023 in t, 1999 in t)
print(time.gmtime(0))
print(time.gmtime(-1.5))
print(time.gmtime(86400 * 366))
print(time.gmtime(951782400))   # 2000-02-29
print(time.gmtime(4102444800))  # 2100-01-01
print(time.gmtime(True))
print(time.struct_time((2024, 1, 2, 3, 4, 5, 1, 2, 0)))
print(time.struct_time(range(9)).tm_zone)
print(time.struct_time.n_fields, time.struct_time.n_sequence_fields, time.struct_time.n_unnamed_fields)
show(lambda: time.struct_time((1, 2, 3)))
show(lambda: time.struct_time(range(12)))
show(lambda: time.struct_time(5))
show(lambda: time.gmtime(0)[9])
show(lambda: time.gmtime('x'))
show(lambda: time.gmtime(float('nan')))
show(lambda: time.gmtime(float('inf')))
show(lambda: time.gmtime(1e20))
print(time.asctime(time.gmtime(0)))
print(time.asctime((2024, 1, 2, 3, 4, 5, 1, 2, 0)))
print(time.asctime((2024, 12, 25, 13, 14, 15, 2, 360, 0)))
show(lambda: time.asctime((2024, 1, 2, 3, 4, 5, 1, 2)))
show(lambda: time.asctime([2024, 1, 2, 3, 4, 5, 1, 2, 0]))
show(lambda: time.asctime((2024, 13, 2, 3, 4, 5, 1, 2, 0)))
show(lambda: time.mktime(5))
print(type(time.time()), type(time.time_ns()), type(time.monotonic_ns()), type(time.perf_counter()))
a = time.monotonic(); b = time.monotonic(); print(b >= a)
print(time.localtime(0).tm_year in (1969, 1970))
print(type(time.timezone), type(time.altzone), type(time.daylight), type(time.tzname), len(time.tzname))
lt = time.localtime(1700000000)
print(time.mktime(lt) == 1700000000.0)
print(len(time.ctime(0)), len(time.asctime()))
