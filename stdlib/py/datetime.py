# stdlib/py/datetime.py: the `datetime` module: timedelta, date, time,
# datetime, tzinfo and timezone, written for torii after the documented
# behaviour of CPython 3.13 (reprs, str forms and error messages match its C
# implementation).  Values are immutable by convention: every field lives in
# an underscore attribute set once in __new__.  Calendar arithmetic works on
# proleptic Gregorian ordinals (0001-01-01 is day 1); local time goes through
# the time module (localtime, mktime).

import time as _time
import math as _math

MINYEAR = 1
MAXYEAR = 9999

_DBM = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_DBY = [0, 0]   # _DBY[m]: days in the months before m, non-leap year
for _m in range(1, 12):
    _DBY.append(_DBY[-1] + _DBM[_m])
del _m

_DAYNAMES = ('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun')
_MONTHNAMES = ('Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec')


def _isleap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _dim(y, m):
    return 29 if m == 2 and _isleap(y) else _DBM[m]


def _days_before_year(y):
    y -= 1
    return y * 365 + y // 4 - y // 100 + y // 400


def _ymd2ord(y, m, d):
    return _days_before_year(y) + _DBY[m] + (m > 2 and _isleap(y)) + d


_DI400Y = _days_before_year(401)
_DI100Y = _days_before_year(101)
_DI4Y = _days_before_year(5)


def _ord2ymd(n):
    n -= 1
    n400, n = divmod(n, _DI400Y)
    year = n400 * 400 + 1
    n100, n = divmod(n, _DI100Y)
    n4, n = divmod(n, _DI4Y)
    n1, n = divmod(n, 365)
    year += n100 * 100 + n4 * 4 + n1
    if n1 == 4 or n100 == 4:
        return year - 1, 12, 31
    leap = n1 == 3 and (n4 != 24 or n100 == 3)
    month = (n + 50) >> 5
    before = _DBY[month] + (month > 2 and leap)
    if before > n:
        month -= 1
        before -= _DBM[month] + (month == 2 and leap)
    return year, month, n - before + 1


def _index(x):
    if isinstance(x, int):
        return int(x)
    if isinstance(x, float) or not hasattr(type(x), '__index__'):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(x).__name__)
    return x.__index__()


def _check_date(year, month, day):
    year, month, day = _index(year), _index(month), _index(day)
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError('year %d is out of range' % year)
    if not 1 <= month <= 12:
        raise ValueError('month must be in 1..12')
    if not 1 <= day <= _dim(year, month):
        raise ValueError('day is out of range for month')
    return year, month, day


def _check_time(hour, minute, second, microsecond, fold):
    hour, minute, second, microsecond = _index(hour), _index(minute), _index(second), _index(microsecond)
    if not 0 <= hour <= 23:
        raise ValueError('hour must be in 0..23')
    if not 0 <= minute <= 59:
        raise ValueError('minute must be in 0..59')
    if not 0 <= second <= 59:
        raise ValueError('second must be in 0..59')
    if not 0 <= microsecond <= 999999:
        raise ValueError('microsecond must be in 0..999999')
    if fold not in (0, 1):
        raise ValueError('fold must be either 0 or 1')
    return hour, minute, second, microsecond, fold


def _check_tzinfo(tz):
    if tz is not None and not isinstance(tz, tzinfo):
        raise TypeError("tzinfo argument must be None or of a tzinfo subclass, not type '%s'" % type(tz).__name__)


def _tname(obj):
    """The name CPython's C types print: 'datetime.X' for the module's own
    classes, the bare class name for subclasses."""
    cls = type(obj)
    if cls in _OWN_TYPES:
        return 'datetime.' + cls.__name__
    return cls.__name__


def _cmp(a, b):
    return 0 if a == b else (1 if a > b else -1)


def _round_half_even(num, den):
    """num / den rounded to the nearest int, ties to even (den > 0)."""
    q, r = divmod(num, den)
    r2 = 2 * r
    if r2 > den or (r2 == den and q % 2 == 1):
        q += 1
    return q


def _format_offset(off, sep=':'):
    """'+HH:MM[:SS[.ffffff]]' for a timedelta offset, '' for None."""
    if off is None:
        return ''
    if off.days < 0:
        sign = '-'
        off = -off
    else:
        sign = '+'
    hh, rest = divmod(off._us(), 3600000000)
    mm, rest = divmod(rest, 60000000)
    ss, us = divmod(rest, 1000000)
    s = '%s%02d%s%02d' % (sign, hh, sep, mm)
    if ss or us:
        s += '%s%02d' % (sep, ss)
        if us:
            s += '.%06d' % us
    return s


def _format_time(hh, mm, ss, us, timespec='auto'):
    if timespec == 'auto':
        timespec = 'microseconds' if us else 'seconds'
    elif timespec == 'milliseconds':
        us //= 1000
    if timespec == 'hours':
        return '%02d' % hh
    if timespec == 'minutes':
        return '%02d:%02d' % (hh, mm)
    if timespec == 'seconds':
        return '%02d:%02d:%02d' % (hh, mm, ss)
    if timespec == 'milliseconds':
        return '%02d:%02d:%02d.%03d' % (hh, mm, ss, us)
    if timespec == 'microseconds':
        return '%02d:%02d:%02d.%06d' % (hh, mm, ss, us)
    raise ValueError('Unknown timespec value')


def _wrap_strftime(obj, fmt, timetuple):
    """Expands %z, %:z, %Z and %f (which libc does not know for these
    objects) and hands the rest to time.strftime."""
    if not isinstance(fmt, str):
        raise TypeError('strftime() argument 1 must be str, not %s' % type(fmt).__name__)
    out = []
    i = 0
    n = len(fmt)
    while i < n:
        c = fmt[i]
        i += 1
        if c != '%' or i >= n:
            out.append(c)
            continue
        c = fmt[i]
        i += 1
        if c == 'f':
            out.append('%06d' % getattr(obj, 'microsecond', 0))
        elif c == 'z':
            out.append(_format_offset(_utcoffset_of(obj), ''))
        elif c == ':' and i < n and fmt[i] == 'z':
            i += 1
            out.append(_format_offset(_utcoffset_of(obj)))
        elif c == 'Z':
            name = None
            if hasattr(obj, 'tzname'):
                name = obj.tzname()
            out.append('' if name is None else name.replace('%', '%%'))
        else:
            out.append('%' + c)
    return _time.strftime(''.join(out), timetuple)


def _utcoffset_of(obj):
    if hasattr(obj, 'utcoffset'):
        return obj.utcoffset()
    return None


def _check_offset(name, off):
    if off is None:
        return
    if not isinstance(off, timedelta):
        raise TypeError("tzinfo.%s() must return None or timedelta, not '%s'" % (name, type(off).__name__))
    if not -timedelta(1) < off < timedelta(1):
        raise ValueError('offset must be a timedelta strictly between -timedelta(hours=24) and '
                         'timedelta(hours=24), not %r.' % (off,))


# ---- timedelta -----------------------------------------------------------

_US_PER_DAY = 86400000000


class timedelta:
    """Difference between two datetime values.

timedelta(days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0)

All arguments are optional and default to 0.
Arguments may be integers or floats, and may be positive or negative."""

    def __new__(cls, days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0):
        total = 0
        leftover = 0.0
        for name, value, factor in (('days', days, 86400000000), ('seconds', seconds, 1000000),
                                    ('microseconds', microseconds, 1), ('milliseconds', milliseconds, 1000),
                                    ('minutes', minutes, 60000000), ('hours', hours, 3600000000),
                                    ('weeks', weeks, 604800000000)):
            if isinstance(value, bool) or isinstance(value, int):
                total += int(value) * factor
            elif isinstance(value, float):
                if value != value or value in (float('inf'), float('-inf')):
                    raise ValueError('cannot convert float %s to integer' % ('NaN' if value != value else 'infinity'))
                ip = float(int(value))
                frac = value - ip
                total += int(ip) * factor
                if frac:
                    d = float(factor) * frac
                    dip = float(int(d))
                    total += int(dip)
                    leftover += d - dip
            else:
                raise TypeError('unsupported type for timedelta %s component: %s' % (name, type(value).__name__))
        if leftover:
            whole = round(leftover)
            if abs(whole - leftover) == 0.5:
                odd = total & 1
                whole = 2.0 * round((leftover + odd) * 0.5) - odd
            total += int(whole)
        return cls._from_us(total)

    @classmethod
    def _from_us(cls, us):
        d, rest = divmod(us, _US_PER_DAY)
        s, u = divmod(rest, 1000000)
        if not -999999999 <= d <= 999999999:
            raise OverflowError('days=%d; must have magnitude <= 999999999' % d)
        self = object.__new__(cls)
        self._days = d
        self._seconds = s
        self._microseconds = u
        return self

    def _us(self):
        return (self._days * 86400 + self._seconds) * 1000000 + self._microseconds

    @property
    def days(self):
        """Number of days."""
        return self._days

    @property
    def seconds(self):
        """Number of seconds (>= 0 and less than 1 day)."""
        return self._seconds

    @property
    def microseconds(self):
        """Number of microseconds (>= 0 and less than 1 second)."""
        return self._microseconds

    def total_seconds(self):
        """Total seconds in the duration."""
        return self._us() / 10**6

    def __repr__(self):
        parts = []
        if self._days:
            parts.append('days=%d' % self._days)
        if self._seconds:
            parts.append('seconds=%d' % self._seconds)
        if self._microseconds:
            parts.append('microseconds=%d' % self._microseconds)
        return '%s(%s)' % (_tname(self), ', '.join(parts) if parts else '0')

    def __str__(self):
        mm, ss = divmod(self._seconds, 60)
        hh, mm = divmod(mm, 60)
        s = '%d:%02d:%02d' % (hh, mm, ss)
        if self._days:
            s = '%d day%s, ' % (self._days, '' if abs(self._days) == 1 else 's') + s
        if self._microseconds:
            s += '.%06d' % self._microseconds
        return s

    def __add__(self, other):
        if isinstance(other, timedelta):
            return timedelta._from_us(self._us() + other._us())
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return timedelta._from_us(self._us() - other._us())
        return NotImplemented

    def __rsub__(self, other):
        if isinstance(other, timedelta):
            return timedelta._from_us(other._us() - self._us())
        return NotImplemented

    def __neg__(self):
        return timedelta._from_us(-self._us())

    def __pos__(self):
        return timedelta._from_us(self._us())

    def __abs__(self):
        return -self if self._days < 0 else +self

    def __mul__(self, other):
        if isinstance(other, int):
            return timedelta._from_us(self._us() * other)
        if isinstance(other, float):
            num, den = other.as_integer_ratio()
            return timedelta._from_us(_round_half_even(self._us() * num, den))
        return NotImplemented

    __rmul__ = __mul__

    def __truediv__(self, other):
        if isinstance(other, timedelta):
            if other._us() == 0:
                raise ZeroDivisionError('division by zero')
            return self._us() / other._us()
        if isinstance(other, int):
            if other == 0:
                raise ZeroDivisionError('integer division or modulo by zero')
            num, den = self._us(), other
            if den < 0:
                num, den = -num, -den
            return timedelta._from_us(_round_half_even(num, den))
        if isinstance(other, float):
            num, den = other.as_integer_ratio()
            if num == 0:
                raise ZeroDivisionError('division by zero')
            num, den = self._us() * den, num
            if den < 0:
                num, den = -num, -den
            return timedelta._from_us(_round_half_even(num, den))
        return NotImplemented

    def __floordiv__(self, other):
        if isinstance(other, timedelta):
            if other._us() == 0:
                raise ZeroDivisionError('integer division or modulo by zero')
            return self._us() // other._us()
        if isinstance(other, int):
            if other == 0:
                raise ZeroDivisionError('integer division or modulo by zero')
            return timedelta._from_us(self._us() // other)
        return NotImplemented

    def __mod__(self, other):
        if isinstance(other, timedelta):
            if other._us() == 0:
                raise ZeroDivisionError('integer modulo by zero')
            return timedelta._from_us(self._us() % other._us())
        return NotImplemented

    def __divmod__(self, other):
        if isinstance(other, timedelta):
            if other._us() == 0:
                raise ZeroDivisionError('integer division or modulo by zero')
            q, r = divmod(self._us(), other._us())
            return q, timedelta._from_us(r)
        return NotImplemented

    def __eq__(self, other):
        if isinstance(other, timedelta):
            return self._us() == other._us()
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, timedelta):
            return self._us() != other._us()
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, timedelta):
            return self._us() < other._us()
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, timedelta):
            return self._us() <= other._us()
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, timedelta):
            return self._us() > other._us()
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, timedelta):
            return self._us() >= other._us()
        return NotImplemented

    def __hash__(self):
        return hash((self._days, self._seconds, self._microseconds))

    def __bool__(self):
        return self._us() != 0

    def __reduce__(self):
        return (type(self), (self._days, self._seconds, self._microseconds))


timedelta.min = timedelta(-999999999)
timedelta.max = timedelta(days=999999999, hours=23, minutes=59, seconds=59, microseconds=999999)
timedelta.resolution = timedelta(microseconds=1)


# ---- date ----------------------------------------------------------------

class IsoCalendarDate(tuple):
    def __new__(cls, year, week, weekday):
        return tuple.__new__(cls, (year, week, weekday))

    year = property(lambda self: self[0])
    week = property(lambda self: self[1])
    weekday = property(lambda self: self[2])

    def __repr__(self):
        return 'datetime.IsoCalendarDate(year=%d, week=%d, weekday=%d)' % (self[0], self[1], self[2])

    def __reduce__(self):
        return (tuple, (tuple(self),))


def _iso_week1_monday(year):
    jan1 = _ymd2ord(year, 1, 1)
    wd = (jan1 + 6) % 7
    monday = jan1 - wd
    if wd > 3:
        monday += 7
    return monday


def _parse_isodate(s):
    """(year, month, day) of 'YYYY-MM-DD', 'YYYYMMDD', 'YYYY-Www[-D]' or
    'YYYYWww[D]'; ValueError('') on a bad string (the caller words it)."""
    def num(t):
        if not t.isdigit() or not t.isascii():
            raise ValueError('')
        return int(t)
    if len(s) >= 7 and (s[4] == 'W' or (s[4] == '-' and s[5] == 'W')):
        ext = s[4] == '-'
        p = 6 if ext else 5
        year = num(s[:4])
        week = num(s[p:p + 2])
        rest = s[p + 2:]
        day = 1
        if rest:
            if ext:
                if rest[0] != '-' or len(rest) != 2:
                    raise ValueError('')
                rest = rest[1:]
            if len(rest) != 1:
                raise ValueError('')
            day = num(rest)
        y, m, d = date._iso_to_ymd(year, week, day)
        return y, m, d
    if len(s) == 10 and s[4] == '-' and s[7] == '-':
        return num(s[:4]), num(s[5:7]), num(s[8:10])
    if len(s) == 8:
        return num(s[:4]), num(s[4:6]), num(s[6:8])
    raise ValueError('')


class date:
    """date(year, month, day) --> date object"""

    def __new__(cls, year, month=None, day=None):
        y, m, d = _check_date(year, month, day)
        self = object.__new__(cls)
        self._year = y
        self._month = m
        self._day = d
        return self

    @classmethod
    def today(cls):
        return cls.fromtimestamp(_time.time())

    @classmethod
    def fromtimestamp(cls, t):
        tm = _time.localtime(_timestamp_secs(t)[0])
        return cls(tm[0], tm[1], tm[2])

    @classmethod
    def fromordinal(cls, n):
        n = _index(n)
        if n < 1:
            raise ValueError('ordinal must be >= 1')
        if n > _ymd2ord(9999, 12, 31):
            raise ValueError('year 10000 is out of range')
        return cls(*_ord2ymd(n))

    @classmethod
    def fromisoformat(cls, s):
        if not isinstance(s, str):
            raise TypeError('fromisoformat: argument must be str')
        try:
            ymd = _parse_isodate(s)
        except ValueError as e:
            if str(e):
                raise
            raise ValueError('Invalid isoformat string: %r' % (s,)) from None
        return cls(*ymd)

    @staticmethod
    def _iso_to_ymd(year, week, day):
        if not MINYEAR <= year <= MAXYEAR:
            raise ValueError('Year is out of range: %d' % year)
        if not 0 < week < 53:
            if week == 53 and ((_ymd2ord(year, 1, 1) + 6) % 7 == 3 or
                               ((_ymd2ord(year, 1, 1) + 6) % 7 == 2 and _isleap(year))):
                pass
            else:
                raise ValueError('Invalid week: %d' % week)
        if not 0 < day < 8:
            raise ValueError('Invalid day: %d (range is [1, 7])' % day)
        o = _iso_week1_monday(year) + (week - 1) * 7 + (day - 1)
        return _ord2ymd(o)

    @classmethod
    def fromisocalendar(cls, year, week, day):
        return cls(*cls._iso_to_ymd(_index(year), _index(week), _index(day)))

    @property
    def year(self):
        return self._year

    @property
    def month(self):
        return self._month

    @property
    def day(self):
        return self._day

    def __repr__(self):
        return '%s(%d, %d, %d)' % (_tname(self), self._year, self._month, self._day)

    def isoformat(self):
        return '%04d-%02d-%02d' % (self._year, self._month, self._day)

    __str__ = isoformat

    def ctime(self):
        wd = self.toordinal() % 7 or 7
        return '%s %s %2d %02d:%02d:%02d %04d' % (
            _DAYNAMES[wd - 1], _MONTHNAMES[self._month - 1], self._day,
            getattr(self, '_hour', 0), getattr(self, '_minute', 0), getattr(self, '_second', 0), self._year)

    def strftime(self, format):
        return _wrap_strftime(self, format, self.timetuple())

    def __format__(self, fmt):
        if not isinstance(fmt, str):
            raise TypeError('must be str, not %s' % type(fmt).__name__)
        if fmt:
            return self.strftime(fmt)
        return str(self)

    def timetuple(self):
        return _build_struct_time(self._year, self._month, self._day, 0, 0, 0, -1)

    def toordinal(self):
        return _ymd2ord(self._year, self._month, self._day)

    def weekday(self):
        return (self.toordinal() + 6) % 7

    def isoweekday(self):
        return self.toordinal() % 7 or 7

    def isocalendar(self):
        year = self._year
        o = self.toordinal()
        week1 = _iso_week1_monday(year)
        if o < week1:
            year -= 1
            week1 = _iso_week1_monday(year)
        elif o >= _iso_week1_monday(year + 1):
            year += 1
            week1 = _iso_week1_monday(year)
        week, day = divmod(o - week1, 7)
        return IsoCalendarDate(year, week + 1, day + 1)

    def replace(self, year=None, month=None, day=None):
        return type(self)(self._year if year is None else year,
                          self._month if month is None else month,
                          self._day if day is None else day)

    __replace__ = replace

    def _dkey(self):
        return (self._year, self._month, self._day)

    def _comparable(self, other):
        # A date and a datetime never compare (only != / == answer).
        return isinstance(other, date) and not isinstance(other, datetime)

    def __eq__(self, other):
        if isinstance(other, datetime):
            return False if not isinstance(self, datetime) else NotImplemented
        if isinstance(other, date):
            return self._dkey() == other._dkey()
        return NotImplemented

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __lt__(self, other):
        if self._comparable(other):
            return self._dkey() < other._dkey()
        return NotImplemented

    def __le__(self, other):
        if self._comparable(other):
            return self._dkey() <= other._dkey()
        return NotImplemented

    def __gt__(self, other):
        if self._comparable(other):
            return self._dkey() > other._dkey()
        return NotImplemented

    def __ge__(self, other):
        if self._comparable(other):
            return self._dkey() >= other._dkey()
        return NotImplemented

    def __hash__(self):
        return hash(self._dkey())

    def __add__(self, other):
        if isinstance(other, timedelta):
            o = self.toordinal() + other.days
            if 0 < o <= _MAXORD:
                return type(self).fromordinal(o)
            raise OverflowError('date value out of range')
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return self + timedelta(-other.days)
        if isinstance(other, date) and not isinstance(other, datetime):
            return timedelta(self.toordinal() - other.toordinal())
        return NotImplemented

    def __reduce__(self):
        return (type(self), (self._year, self._month, self._day))


_MAXORD = _ymd2ord(9999, 12, 31)

date.min = date(1, 1, 1)
date.max = date(9999, 12, 31)
date.resolution = timedelta(days=1)


def _build_struct_time(y, m, d, hh, mm, ss, dst):
    wday = (_ymd2ord(y, m, d) + 6) % 7
    dnum = _DBY[m] + (m > 2 and _isleap(y)) + d
    return _time.struct_time((y, m, d, hh, mm, ss, wday, dnum, dst))


# ---- tzinfo and timezone --------------------------------------------------

class tzinfo:
    """Abstract base class for time zone info objects."""

    def tzname(self, dt):
        raise NotImplementedError('a tzinfo subclass must implement tzname()')

    def utcoffset(self, dt):
        raise NotImplementedError('a tzinfo subclass must implement utcoffset()')

    def dst(self, dt):
        raise NotImplementedError('a tzinfo subclass must implement dst()')

    def fromutc(self, dt):
        if not isinstance(dt, datetime):
            raise TypeError('fromutc() requires a datetime argument')
        if dt.tzinfo is not self:
            raise ValueError('fromutc: dt.tzinfo is not self')
        dtoff = dt.utcoffset()
        if dtoff is None:
            raise ValueError('fromutc: non-None utcoffset() result required')
        dtdst = dt.dst()
        if dtdst is None:
            raise ValueError('fromutc: non-None dst() result required')
        delta = dtoff - dtdst
        if delta:
            dt += delta
            dtdst = dt.dst()
            if dtdst is None:
                raise ValueError('fromutc: tz.dst() gave inconsistent results; cannot convert')
        return dt + dtdst


class timezone(tzinfo):
    """Fixed offset from UTC implementation of tzinfo."""

    def __new__(cls, offset, name=None):
        if not isinstance(offset, timedelta):
            raise TypeError('timezone() argument 1 must be datetime.timedelta, not %s' % type(offset).__name__)
        if name is not None and not isinstance(name, str):
            raise TypeError('timezone() argument 2 must be str, not %s' % type(name).__name__)
        if not -timedelta(1) < offset < timedelta(1):
            raise ValueError('offset must be a timedelta strictly between -timedelta(hours=24) and '
                             'timedelta(hours=24), not %r.' % (offset,))
        if name is None and not offset and getattr(timezone, 'utc', None) is not None:
            return timezone.utc
        self = object.__new__(cls)
        self._offset = offset
        self._name = name
        return self

    def __eq__(self, other):
        if isinstance(other, timezone):
            return self._offset == other._offset
        return NotImplemented

    def __hash__(self):
        return hash(self._offset)

    def __repr__(self):
        if self is timezone.utc:
            return 'datetime.timezone.utc'
        if self._name is None:
            return '%s(%r)' % (_tname(self), self._offset)
        return '%s(%r, %r)' % (_tname(self), self._offset, self._name)

    def __str__(self):
        return self.tzname(None)

    def _check_arg(self, dt, name):
        if dt is not None and not isinstance(dt, datetime):
            raise TypeError('%s(dt) argument must be a datetime instance or None, not %s'
                            % (name, type(dt).__name__))

    def utcoffset(self, dt):
        self._check_arg(dt, 'utcoffset')
        return self._offset

    def tzname(self, dt):
        self._check_arg(dt, 'tzname')
        if self._name is not None:
            return self._name
        off = self._offset
        if not off:
            return 'UTC'
        return 'UTC' + _format_offset(off)

    def dst(self, dt):
        self._check_arg(dt, 'dst')
        return None

    def fromutc(self, dt):
        if not isinstance(dt, datetime):
            raise TypeError('fromutc() argument must be a datetime instance or None, not %s' % type(dt).__name__)
        if dt.tzinfo is not self:
            raise ValueError('fromutc: dt.tzinfo is not self')
        return dt + self._offset

    def __getinitargs__(self):
        if self._name is None:
            return (self._offset,)
        return (self._offset, self._name)

    def __reduce__(self):
        return (timezone, self.__getinitargs__())


timezone.utc = None
timezone.utc = timezone(timedelta(0))
timezone.min = timezone(-timedelta(hours=23, minutes=59))
timezone.max = timezone(timedelta(hours=23, minutes=59))
UTC = timezone.utc


def _call_offset(tz, name, dt):
    if tz is None:
        return None
    off = getattr(tz, name)(dt)
    _check_offset(name, off)
    return off


# ---- time ----------------------------------------------------------------

def _parse_isotime(s):
    """(hour, minute, second, microsecond, tzinfo) of an ISO 8601 time;
    ValueError('') when malformed."""
    tz = None
    for k, c in enumerate(s):
        if c in '+-Z':
            tz = s[k:]
            s = s[:k]
            break
    def num(t):
        if not t.isdigit() or not t.isascii():
            raise ValueError('')
        return int(t)
    def hms(t):
        us = 0
        for sep in '.,':
            if sep in t:
                t, frac = t.split(sep, 1)
                if not frac or not frac.isdigit() or not frac.isascii() or (len(t) != 8 and len(t) != 6):
                    raise ValueError('')
                us = int((frac + '000000')[:6])
                break
        if ':' in t:
            parts = t.split(':')
            if any(len(p) != 2 for p in parts) or len(parts) > 3:
                raise ValueError('')
        else:
            if len(t) % 2 or len(t) > 6 or not t:
                raise ValueError('')
            parts = [t[i:i + 2] for i in range(0, len(t), 2)]
        vals = [num(p) for p in parts] + [0] * (3 - len(parts))
        return vals[0], vals[1], vals[2], us
    if not s:
        raise ValueError('')
    hh, mm, ss, us = hms(s)
    tzi = None
    if tz is not None:
        if tz == 'Z':
            tzi = timezone.utc
        else:
            sign = -1 if tz[0] == '-' else 1
            if len(tz) < 3:
                raise ValueError('')
            th, tm, tsec, tus = hms(tz[1:])
            off = timedelta(hours=th, minutes=tm, seconds=tsec, microseconds=tus)
            tzi = timezone.utc if not off else timezone(sign * off)
    return hh, mm, ss, us, tzi


class time:
    """time([hour[, minute[, second[, microsecond[, tzinfo]]]]]) --> a time object

All arguments are optional. tzinfo may be None, or an instance of
a tzinfo subclass. The remaining arguments may be ints.
"""

    def __new__(cls, hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0):
        hour, minute, second, microsecond, fold = _check_time(hour, minute, second, microsecond, fold)
        _check_tzinfo(tzinfo)
        self = object.__new__(cls)
        self._hour = hour
        self._minute = minute
        self._second = second
        self._microsecond = microsecond
        self._tzinfo = tzinfo
        self._fold = fold
        return self

    hour = property(lambda self: self._hour)
    minute = property(lambda self: self._minute)
    second = property(lambda self: self._second)
    microsecond = property(lambda self: self._microsecond)
    tzinfo = property(lambda self: self._tzinfo)
    fold = property(lambda self: self._fold)

    @classmethod
    def fromisoformat(cls, s):
        if not isinstance(s, str):
            raise TypeError('fromisoformat: argument must be str')
        t = s[1:] if s[:1] == 'T' else s
        try:
            hh, mm, ss, us, tz = _parse_isotime(t)
        except ValueError as e:
            if str(e):
                raise
            raise ValueError('Invalid isoformat string: %r' % (s,)) from None
        return cls(hh, mm, ss, us, tz)

    def utcoffset(self):
        return _call_offset(self._tzinfo, 'utcoffset', None)

    def dst(self):
        return _call_offset(self._tzinfo, 'dst', None)

    def tzname(self):
        if self._tzinfo is None:
            return None
        return self._tzinfo.tzname(None)

    def __repr__(self):
        if self._microsecond:
            s = '%d, %d, %d, %d' % (self._hour, self._minute, self._second, self._microsecond)
        elif self._second:
            s = '%d, %d, %d' % (self._hour, self._minute, self._second)
        else:
            s = '%d, %d' % (self._hour, self._minute)
        if self._fold:
            s += ', fold=1'
        if self._tzinfo is not None:
            s += ', tzinfo=%r' % (self._tzinfo,)
        return '%s(%s)' % (_tname(self), s)

    def isoformat(self, timespec='auto'):
        s = _format_time(self._hour, self._minute, self._second, self._microsecond, timespec)
        off = self.utcoffset()
        if off is not None:
            s += _format_offset(off)
        return s

    __str__ = isoformat

    def strftime(self, format):
        return _wrap_strftime(self, format, (1900, 1, 1, self._hour, self._minute, self._second, 0, 1, -1))

    def __format__(self, fmt):
        if not isinstance(fmt, str):
            raise TypeError('must be str, not %s' % type(fmt).__name__)
        if fmt:
            return self.strftime(fmt)
        return str(self)

    def replace(self, hour=None, minute=None, second=None, microsecond=None, tzinfo=True, *, fold=None):
        return type(self)(self._hour if hour is None else hour,
                          self._minute if minute is None else minute,
                          self._second if second is None else second,
                          self._microsecond if microsecond is None else microsecond,
                          self._tzinfo if tzinfo is True else tzinfo,
                          fold=self._fold if fold is None else fold)

    __replace__ = replace

    def _key(self, other, op):
        """The comparable keys of self and other; None for 'naive vs aware'."""
        a = self.utcoffset()
        b = other.utcoffset()
        k1 = (self._hour, self._minute, self._second, self._microsecond)
        k2 = (other._hour, other._minute, other._second, other._microsecond)
        if self._tzinfo is other._tzinfo or a == b:
            return k1, k2
        if (a is None) != (b is None):
            if op == 'eq':
                return None
            raise TypeError("can't compare offset-naive and offset-aware times")
        m1 = self._hour * 60 + self._minute - a // timedelta(minutes=1)
        m2 = other._hour * 60 + other._minute - b // timedelta(minutes=1)
        return (m1, self._second, self._microsecond), (m2, other._second, other._microsecond)

    def __eq__(self, other):
        if not isinstance(other, time):
            return NotImplemented
        k = self._key(other, 'eq')
        return k is not None and k[0] == k[1]

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __lt__(self, other):
        if not isinstance(other, time):
            return NotImplemented
        a, b = self._key(other, 'lt')
        return a < b

    def __le__(self, other):
        if not isinstance(other, time):
            return NotImplemented
        a, b = self._key(other, 'le')
        return a <= b

    def __gt__(self, other):
        if not isinstance(other, time):
            return NotImplemented
        a, b = self._key(other, 'gt')
        return a > b

    def __ge__(self, other):
        if not isinstance(other, time):
            return NotImplemented
        a, b = self._key(other, 'ge')
        return a >= b

    def __hash__(self):
        off = self.utcoffset()
        if not off:
            return hash((self._hour, self._minute, self._second, self._microsecond))
        m = self._hour * 60 + self._minute - off // timedelta(minutes=1)
        return hash((m, self._second, self._microsecond))

    def __bool__(self):
        return True

    def __reduce__(self):
        return (type(self), (self._hour, self._minute, self._second, self._microsecond, self._tzinfo))


time.min = time(0, 0, 0)
time.max = time(23, 59, 59, 999999)
time.resolution = timedelta(microseconds=1)


# ---- datetime ------------------------------------------------------------

def _timestamp_secs(t):
    """(seconds, microseconds) of a timestamp, rounded half-even to the
    microsecond like CPython's fromtimestamp."""
    if isinstance(t, float):
        if t != t:
            raise ValueError('Invalid value NaN (not a number)')
        if t in (float('inf'), float('-inf')) or abs(t) > 9.3e18:
            raise OverflowError('timestamp out of range for platform time_t')
        num, den = t.as_integer_ratio()
        us = _round_half_even(num * 1000000, den)
        return divmod(us, 1000000)
    return _time._secs(t), 0


class datetime(date):
    """datetime(year, month, day[, hour[, minute[, second[, microsecond[,tzinfo]]]]])

The year, month and day arguments are required. tzinfo may be None, or an
instance of a tzinfo subclass. The remaining arguments may be ints.
"""

    def __new__(cls, year, month=None, day=None, hour=0, minute=0, second=0, microsecond=0,
                tzinfo=None, *, fold=0):
        y, m, d = _check_date(year, month, day)
        hour, minute, second, microsecond, fold = _check_time(hour, minute, second, microsecond, fold)
        _check_tzinfo(tzinfo)
        self = object.__new__(cls)
        self._year = y
        self._month = m
        self._day = d
        self._hour = hour
        self._minute = minute
        self._second = second
        self._microsecond = microsecond
        self._tzinfo = tzinfo
        self._fold = fold
        return self

    hour = property(lambda self: self._hour)
    minute = property(lambda self: self._minute)
    second = property(lambda self: self._second)
    microsecond = property(lambda self: self._microsecond)
    tzinfo = property(lambda self: self._tzinfo)
    fold = property(lambda self: self._fold)

    @classmethod
    def _fromts(cls, t, utc, tz):
        secs, us = _timestamp_secs(t)
        tm = _time._tm(secs, not utc)
        if tm[5] > 59:
            tm = tm[:5] + (59,) + tm[6:]
        return cls(tm[0], tm[1], tm[2], tm[3], tm[4], tm[5], us, tz)

    @classmethod
    def fromtimestamp(cls, t, tz=None):
        _check_tzinfo(tz)
        if tz is None:
            return cls._fromts(t, False, None)
        result = cls._fromts(t, True, tz)
        return tz.fromutc(result)

    @classmethod
    def utcfromtimestamp(cls, t):
        return cls._fromts(t, True, None)

    @classmethod
    def now(cls, tz=None):
        return cls.fromtimestamp(_time.time(), tz)

    @classmethod
    def utcnow(cls):
        return cls.utcfromtimestamp(_time.time())

    @classmethod
    def today(cls):
        return cls.fromtimestamp(_time.time())

    @classmethod
    def fromordinal(cls, n):
        d = date.fromordinal(n)
        return cls(d._year, d._month, d._day)

    @classmethod
    def combine(cls, date_, time_, tzinfo=True):
        if not isinstance(date_, date):
            raise TypeError('combine() argument 1 must be datetime.date, not %s' % type(date_).__name__)
        if not isinstance(time_, time):
            raise TypeError('combine() argument 2 must be datetime.time, not %s' % type(time_).__name__)
        if tzinfo is True:
            tzinfo = time_.tzinfo
        return cls(date_.year, date_.month, date_.day, time_.hour, time_.minute, time_.second,
                   time_.microsecond, tzinfo, fold=time_.fold)

    @classmethod
    def fromisoformat(cls, s):
        if not isinstance(s, str):
            raise TypeError('fromisoformat: argument must be str')
        try:
            if len(s) > 10 and s[4] == '-' and s[7] == '-' or len(s) == 10:
                dpart, tpart = s[:10], s[11:]
                if len(s) > 10 and not tpart:
                    raise ValueError('')
            else:
                # Basic or week dates: the date ends where a 'T' begins.
                k = s.find('T', 4)
                if k < 0:
                    dpart, tpart = s, ''
                else:
                    dpart, tpart = s[:k], s[k + 1:]
                    if not tpart:
                        raise ValueError('')
            y, m, d = _parse_isodate(dpart)
            if tpart:
                hh, mm, ss, us, tz = _parse_isotime(tpart)
            else:
                hh = mm = ss = us = 0
                tz = None
        except ValueError as e:
            if str(e):
                raise
            raise ValueError('Invalid isoformat string: %r' % (s,)) from None
        return cls(y, m, d, hh, mm, ss, us, tz)

    @classmethod
    def strptime(cls, date_string, format):
        tt, fraction, gmtoff_fraction = _time._strptime(date_string, format)
        tzname, gmtoff = tt[-2:]
        args = tt[:6] + (fraction,)
        if gmtoff is not None:
            tzdelta = timedelta(seconds=gmtoff, microseconds=gmtoff_fraction)
            if tzname:
                tz = timezone(tzdelta, tzname)
            else:
                tz = timezone(tzdelta)
            args += (tz,)
        return cls(*args)

    def date(self):
        return date(self._year, self._month, self._day)

    def time(self):
        return time(self._hour, self._minute, self._second, self._microsecond, fold=self._fold)

    def timetz(self):
        return time(self._hour, self._minute, self._second, self._microsecond, self._tzinfo, fold=self._fold)

    def utcoffset(self):
        return _call_offset(self._tzinfo, 'utcoffset', self)

    def dst(self):
        return _call_offset(self._tzinfo, 'dst', self)

    def tzname(self):
        if self._tzinfo is None:
            return None
        name = self._tzinfo.tzname(self)
        if name is not None and not isinstance(name, str):
            raise TypeError("tzinfo.tzname() must return None or a string, not '%s'" % type(name).__name__)
        return name

    def timetuple(self):
        dst = self.dst()
        if dst is None:
            flag = -1
        else:
            flag = 1 if dst else 0
        return _build_struct_time(self._year, self._month, self._day, self._hour, self._minute,
                                  self._second, flag)

    def utctimetuple(self):
        off = self.utcoffset()
        dt = self
        if off:
            dt = self - off
        return _build_struct_time(dt._year, dt._month, dt._day, dt._hour, dt._minute, dt._second, 0)

    def _local_seconds(self):
        t = _time.mktime((self._year, self._month, self._day, self._hour, self._minute,
                          self._second, 0, 1, -1))
        return int(t)

    def timestamp(self):
        if self._tzinfo is None:
            return self._local_seconds() + self._microsecond / 1e6
        return (self - _EPOCH).total_seconds()

    def toordinal(self):
        return _ymd2ord(self._year, self._month, self._day)

    def astimezone(self, tz=None):
        if tz is None:
            tz = self._local_timezone()
        elif not isinstance(tz, tzinfo):
            raise TypeError("tzinfo argument must be None or of a tzinfo subclass, not type '%s'" % type(tz).__name__)
        mytz = self._tzinfo
        if mytz is None:
            mytz = self._local_timezone()
            myoff = mytz.utcoffset(self)
        else:
            myoff = mytz.utcoffset(self)
            if myoff is None:
                mytz = self.replace(tzinfo=None)._local_timezone()
                myoff = mytz.utcoffset(self)
        if tz is mytz:
            return self
        utc = (self - myoff).replace(tzinfo=tz)
        return tz.fromutc(utc)

    def _local_timezone(self):
        if self._tzinfo is None:
            ts = self._local_seconds()
        else:
            ts = (self - _EPOCH) // timedelta(seconds=1)
        tm = _time._tm(ts, True)
        return timezone(timedelta(seconds=tm[10]), tm[9])

    def __repr__(self):
        s = '%d, %d, %d, %d, %d' % (self._year, self._month, self._day, self._hour, self._minute)
        if self._microsecond:
            s += ', %d, %d' % (self._second, self._microsecond)
        elif self._second:
            s += ', %d' % self._second
        if self._fold:
            s += ', fold=1'
        if self._tzinfo is not None:
            s += ', tzinfo=%r' % (self._tzinfo,)
        return '%s(%s)' % (_tname(self), s)

    def isoformat(self, sep='T', timespec='auto'):
        if not isinstance(sep, str) or len(sep) != 1:
            raise TypeError('isoformat() argument 1 must be a unicode character, not %s' % type(sep).__name__)
        s = '%04d-%02d-%02d%s' % (self._year, self._month, self._day, sep)
        s += _format_time(self._hour, self._minute, self._second, self._microsecond, timespec)
        off = self.utcoffset()
        if off is not None:
            s += _format_offset(off)
        return s

    def __str__(self):
        return self.isoformat(sep=' ')

    def ctime(self):
        return date.ctime(self)

    def strftime(self, format):
        return _wrap_strftime(self, format, self.timetuple())

    def replace(self, year=None, month=None, day=None, hour=None, minute=None, second=None,
                microsecond=None, tzinfo=True, *, fold=None):
        return type(self)(self._year if year is None else year,
                          self._month if month is None else month,
                          self._day if day is None else day,
                          self._hour if hour is None else hour,
                          self._minute if minute is None else minute,
                          self._second if second is None else second,
                          self._microsecond if microsecond is None else microsecond,
                          self._tzinfo if tzinfo is True else tzinfo,
                          fold=self._fold if fold is None else fold)

    __replace__ = replace

    def _us(self):
        """Microseconds since 0001-01-01 00:00, ignoring tzinfo."""
        return (((self.toordinal() * 24 + self._hour) * 60 + self._minute) * 60
                + self._second) * 1000000 + self._microsecond

    def _cmpkey(self, other, op):
        if self._tzinfo is other._tzinfo:
            return self._us(), other._us()
        a = self.utcoffset()
        b = other.utcoffset()
        if (a is None) != (b is None):
            if op == 'eq':
                return None
            raise TypeError("can't compare offset-naive and offset-aware datetimes")
        if a is None:
            return self._us(), other._us()
        return self._us() - a._us(), other._us() - b._us()

    def __eq__(self, other):
        if isinstance(other, datetime):
            k = self._cmpkey(other, 'eq')
            return k is not None and k[0] == k[1]
        if isinstance(other, date):
            return False
        return NotImplemented

    def __lt__(self, other):
        if not isinstance(other, datetime):
            return NotImplemented
        a, b = self._cmpkey(other, 'lt')
        return a < b

    def __le__(self, other):
        if not isinstance(other, datetime):
            return NotImplemented
        a, b = self._cmpkey(other, 'le')
        return a <= b

    def __gt__(self, other):
        if not isinstance(other, datetime):
            return NotImplemented
        a, b = self._cmpkey(other, 'gt')
        return a > b

    def __ge__(self, other):
        if not isinstance(other, datetime):
            return NotImplemented
        a, b = self._cmpkey(other, 'ge')
        return a >= b

    def __hash__(self):
        off = self.replace(fold=0).utcoffset() if self._fold else self.utcoffset()
        us = self._us()
        if off is not None:
            us -= off._us()
        return hash(us)

    def __add__(self, other):
        if not isinstance(other, timedelta):
            return NotImplemented
        us = self._us() + other._us()
        days, rest = divmod(us, _US_PER_DAY)
        if not 0 < days <= _MAXORD:
            raise OverflowError('date value out of range')
        y, m, d = _ord2ymd(days)
        hh, rest = divmod(rest, 3600000000)
        mm, rest = divmod(rest, 60000000)
        ss, us = divmod(rest, 1000000)
        return type(self)(y, m, d, hh, mm, ss, us, self._tzinfo)

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return self + -other
        if not isinstance(other, datetime):
            return NotImplemented
        a = self.utcoffset()
        b = other.utcoffset()
        if self._tzinfo is other._tzinfo:
            a = b = None
        elif (a is None) != (b is None):
            raise TypeError("can't subtract offset-naive and offset-aware datetimes")
        diff = self._us() - other._us()
        if a is not None:
            diff -= a._us() - b._us()
        return timedelta._from_us(diff)

    def __reduce__(self):
        return (type(self), (self._year, self._month, self._day, self._hour, self._minute,
                             self._second, self._microsecond, self._tzinfo))


datetime.min = datetime(1, 1, 1)
datetime.max = datetime(9999, 12, 31, 23, 59, 59, 999999)
datetime.resolution = timedelta(microseconds=1)

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)

# CPython's classes here are C types named 'datetime.X': error messages and
# the class repr say 'datetime.date'.  torii words both from __module__ and
# __qualname__, so those carry the full name (__name__ stays 'date').
_OWN_TYPES = (date, datetime, time, timedelta, tzinfo, timezone, IsoCalendarDate)
for _c in _OWN_TYPES:
    _c.__qualname__ = 'datetime.' + _c.__name__
    _c.__module__ = 'builtins'
del _c
