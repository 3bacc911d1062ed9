# datetime.timezone and aware datetimes: offsets, conversion, timestamps.
from datetime import datetime, date, time, timedelta, timezone, tzinfo, UTC

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

utc = timezone.utc
plus2 = timezone(timedelta(hours=2))
named = timezone(timedelta(hours=-5, minutes=-30), 'EST-ish')
print(repr(utc), str(utc), repr(plus2), str(plus2), repr(named), str(named), UTC is utc)
print(repr(timezone(timedelta(0))), timezone(timedelta(0)) is utc, timezone(timedelta(0), 'Z'))
print(repr(timezone.min), repr(timezone.max), str(timezone.min), str(timezone.max))
print(str(timezone(timedelta(microseconds=1))), str(timezone(-timedelta(hours=1, seconds=1))))
print(plus2.utcoffset(None), plus2.tzname(None), plus2.dst(None), utc.tzname(None))
print(plus2 == timezone(timedelta(hours=2), 'x'), hash(plus2) == hash(timezone(timedelta(hours=2))))
dt = datetime(2024, 1, 2, 3, 4, 5, tzinfo=utc)
print(repr(dt), str(dt), dt.isoformat(), dt.utcoffset(), dt.tzname(), dt.dst())
d2 = dt.astimezone(plus2)
print(repr(d2), d2, d2 == dt, hash(d2) == hash(dt), d2 - dt)
print(dt.astimezone(named), dt.astimezone(named).strftime('%z %:z %Z'))
print(datetime(2024, 1, 1, tzinfo=timezone(timedelta(hours=-3, seconds=-5, microseconds=-7))).strftime('%z|%Z|%:z'))
print(dt.timestamp(), datetime(1970, 1, 1, tzinfo=utc).timestamp(), datetime(1, 1, 1, tzinfo=utc).timestamp())
print(datetime.fromtimestamp(0, utc), datetime.fromtimestamp(1700000000.5, plus2))
print(repr(datetime.fromtimestamp(1.5e-7, utc)), repr(datetime.fromtimestamp(0.0000015, utc)))
print(repr(datetime.fromtimestamp(-1.5, utc)), repr(datetime.fromtimestamp(1700000000, tz=named)))
print(dt.timetuple(), dt.utctimetuple())
print(d2.utctimetuple())
print(datetime.combine(date(2024, 1, 1), time(1, tzinfo=utc)))
print(datetime.combine(date(2024, 1, 1), time(1), tzinfo=plus2))
print(repr(dt.replace(tzinfo=None)), repr(dt.replace(tzinfo=plus2)))
print(repr(datetime(2024, 1, 1, 1, 2, 3, 4, timezone(timedelta(hours=2), 'X'), fold=1)))
print(sorted([d2, dt + timedelta(seconds=1), dt - timedelta(hours=1)]))
print(repr(time(1, 2, 3, 4, timezone.min)), time(12, tzinfo=plus2).isoformat(), time(12, tzinfo=plus2).utcoffset())
print(time(12, tzinfo=plus2) == time(10, tzinfo=utc), time(12, tzinfo=plus2) < time(11, tzinfo=utc))
print(datetime(2024, 1, 1, tzinfo=utc) == datetime(2024, 1, 1))
class Fixed(tzinfo):
    def utcoffset(self, dt): return timedelta(hours=1)
    def dst(self, dt): return timedelta(0)
    def tzname(self, dt): return 'FIX'
f = datetime(2024, 6, 1, 12, tzinfo=Fixed())
print(f.utcoffset(), f.tzname(), f.dst(), f.isoformat(), f.astimezone(utc), f.timetuple().tm_isdst)
print(utc.fromutc(datetime(2024, 1, 1, tzinfo=utc)), f.tzinfo.fromutc(datetime(2024, 1, 1, tzinfo=f.tzinfo)))
print(f.strftime('%Z %z'))
show(lambda: timezone(timedelta(hours=24)))
show(lambda: timezone(5))
show(lambda: timezone(timedelta(hours=1), 5))
show(lambda: datetime(2024, 1, 1) < datetime(2024, 1, 1, tzinfo=utc))
show(lambda: datetime(2024, 1, 1) - datetime(2024, 1, 1, tzinfo=utc))
show(lambda: time(1) < time(1, tzinfo=utc))
show(lambda: dt.astimezone(5))
show(lambda: utc.fromutc(datetime(2024, 1, 1)))
