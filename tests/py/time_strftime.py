# time.strftime on fixed UTC tuples: the common directives and range checks.
import time

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

t = time.gmtime(1700000000)
for d in 'aAbBcdHIjmMpSUwWyYxX%GVuCeDTRFhnt':
    print(d, repr(time.strftime('%' + d, t)))
print(time.strftime('%Y-%m-%dT%H:%M:%S', t))
print(time.strftime('%Y-%m-%d %H:%M:%S', (2024, 2, 29, 23, 59, 60, 3, 60, 0)))
print(time.strftime('%Z|%z', t))
print(time.strftime('', t))
print(time.strftime('plain text', t))
print(time.strftime('%j %U %W', (2024, 12, 31, 0, 0, 0, 1, 366, 0)))
print(time.strftime('%Y %m %d %j', (2024, 0, 0, 0, 0, 0, 0, 0, 0)))
print(time.strftime('%A', (2024, 1, 1, 0, 0, 0, 6, 1, 0)))
print(time.strftime('%Y', (5, 1, 1, 0, 0, 0, 0, 1, 0)))
print(time.strftime('%I %p', (2024, 1, 1, 0, 0, 0, 0, 1, 0)), time.strftime('%I %p', (2024, 1, 1, 12, 0, 0, 0, 1, 0)))
show(lambda: time.strftime('%Y', (1, 2, 3)))
show(lambda: time.strftime('%Y', [2024] * 9))
show(lambda: time.strftime(5, t))
for bad in [(2024, 13, 1, 0, 0, 0, 0, 1, 0), (2024, 1, 32, 0, 0, 0, 0, 1, 0),
            (2024, 1, 1, 24, 0, 0, 0, 1, 0), (2024, 1, 1, 0, 60, 0, 0, 1, 0),
            (2024, 1, 1, 0, 0, 62, 0, 1, 0), (2024, 1, 1, 0, 0, 0, -2, 1, 0),
            (2024, 1, 1, 0, 0, 0, 0, 367, 0), (2024, 1, 1.5, 0, 0, 0, 0, 1, 0)]:
    show(lambda: time.strftime('%Y', bad))
