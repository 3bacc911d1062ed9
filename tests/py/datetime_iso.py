# fromisoformat / isoformat round trips for date, time and datetime.
from datetime import datetime, date, time, timedelta, timezone

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for s in ['2024-01-02', '20240102', '2024-W01-2', '2024W012', '2024-W01', '2020-W53-7']:
    show(lambda: date.fromisoformat(s))
for s in ['03:04', '03:04:05', '03:04:05.123', '03:04:05.123456', '030405', '03', 'T03:04',
          '03:04:05+02:00', '03:04:05Z', '03:04:05-0130', '03:04:05.5+00:00', '03:04:05,25']:
    show(lambda: time.fromisoformat(s))
for s in ['2024-01-02T03:04:05', '2024-01-02 03:04', '2024-01-02', '2024-01-02T03:04:05.678901+05:30',
          '2024-01-02T03:04:05Z', '20240102T030405', '2024-01-02T03', '2024-01-02x03:04:05',
          '2024-01-02T24:00', '2024-01-02T03:04:05-08:00', '2024-W01-2T10:00']:
    show(lambda: datetime.fromisoformat(s))
for s in ['2024-1-1', '2024-01-32', '2024-13-01', 'x', '', '2024-01-02T', '2024-01-02T25:00',
          '2024-01-02T03:04:05+', '03:04:5']:
    show(lambda: datetime.fromisoformat(s))
show(lambda: date.fromisoformat(5))
show(lambda: time.fromisoformat('25:00'))
show(lambda: date.fromisoformat('2024-02-30'))
for x in [datetime(2024, 1, 2, 3, 4, 5, 6, timezone(timedelta(hours=-2, minutes=-15))),
          datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59, 59, 999999, timezone.utc)]:
    print(x.isoformat(), datetime.fromisoformat(x.isoformat()) == x)
t = time(3, 4, 5, 6)
print(repr(t), str(t), t.isoformat('seconds'), t.isoformat('milliseconds'), t.isoformat('hours'))
print(repr(time()), repr(time(1, 2)), repr(time(1, 2, 3)), repr(time(0, 0, 0, 1)), repr(time(1, fold=1)))
print(time.min, time.max, time.resolution, t.replace(hour=9), t.strftime('%H|%M|%S|%f|%p|%Y'))
print(t == time(3, 4, 5, 6), t < time(4), hash(t) == hash(time(3, 4, 5, 6)), bool(time()))
print(format(t, ''), f'{t:%I:%M %p}', sorted([time(5), time(1), time(3, 30)]))
show(lambda: time(24))
show(lambda: time(1, 60))
show(lambda: time(1, 1, 60))
show(lambda: time(1, 1, 1, 1000000))
show(lambda: time(1, fold=2))
show(lambda: time(1).isoformat('nope'))
