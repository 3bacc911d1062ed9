# stdlib/py/time.py: the Python half of the `time` module.  It runs in the
# module that stdlib/time.c made, so time(), sleep(), ... and the libc
# primitives _tm (broken-down time), _mktime and _strftime are globals here.
# This file adds struct_time, gmtime/localtime/mktime, strftime/strptime,
# asctime/ctime and the time-zone constants.
#
# struct_time is a tuple of 11 items of which only the first 9 are visible
# (len, iteration, indexing, comparison, repr): the last two are tm_zone and
# tm_gmtoff, which _strftime reads, as CPython's struct sequence hides them.

_NAMES = ('tm_year', 'tm_mon', 'tm_mday', 'tm_hour', 'tm_min', 'tm_sec',
          'tm_wday', 'tm_yday', 'tm_isdst')


class struct_time(tuple):
    """The time value as returned by gmtime(), localtime(), and strptime(), and
 accepted by asctime(), mktime() and strftime().  May be considered as a
 sequence of 9 integers.

 Note that several fields' values are not the same as those defined by
 the C language standard for struct tm.  For example, the value of the
 field tm_year is the actual year, not year - 1900.  See individual
 fields' descriptions for details."""

    n_fields = 11
    n_sequence_fields = 9
    n_unnamed_fields = 0

    def __new__(cls, seq, dict=None):
        try:
            items = tuple(seq)
        except TypeError:
            raise TypeError('constructor requires a sequence') from None
        n = len(items)
        if n < 9:
            raise TypeError('time.struct_time() takes an at least 9-sequence (%d-sequence given)' % n)
        if n > 11:
            raise TypeError('time.struct_time() takes an at most 11-sequence (%d-sequence given)' % n)
        items = items + (None,) * (11 - n)
        if dict is not None:
            items = items[:9] + (dict.get('tm_zone', items[9]), dict.get('tm_gmtoff', items[10]))
        return tuple.__new__(cls, items)

    def _seq(self):
        return tuple.__getitem__(self, slice(0, 9))

    def __len__(self):
        return 9

    def __iter__(self):
        return iter(tuple.__getitem__(self, slice(0, 9)))

    def __getitem__(self, i):
        return tuple.__getitem__(self, slice(0, 9))[i]

    def __contains__(self, x):
        return x in tuple.__getitem__(self, slice(0, 9))

    def __hash__(self):
        return hash(self._seq())

    def _other(self, other):
        if isinstance(other, struct_time):
            return other._seq()
        return other

    def __eq__(self, other):
        if not isinstance(other, tuple):
            return NotImplemented
        return self._seq() == self._other(other)

    def __ne__(self, other):
        if not isinstance(other, tuple):
            return NotImplemented
        return self._seq() != self._other(other)

    def __lt__(self, other):
        if not isinstance(other, tuple):
            return NotImplemented
        return self._seq() < self._other(other)

    def __le__(self, other):
        if not isinstance(other, tuple):
            return NotImplemented
        return self._seq() <= self._other(other)

    def __gt__(self, other):
        if not isinstance(other, tuple):
            return NotImplemented
        return self._seq() > self._other(other)

    def __ge__(self, other):
        if not isinstance(other, tuple):
            return NotImplemented
        return self._seq() >= self._other(other)

    def __add__(self, other):
        return self._seq() + self._other(other)

    def __radd__(self, other):
        return other + self._seq()

    def __mul__(self, n):
        return self._seq() * n

    __rmul__ = __mul__

    def count(self, x):
        return self._seq().count(x)

    def index(self, x, *args):
        return self._seq().index(x, *args)

    def __repr__(self):
        s = self._seq()
        return 'time.struct_time(%s)' % ', '.join(
            '%s=%r' % (_NAMES[i], s[i]) for i in range(9))

    __str__ = __repr__

    def __reduce__(self):
        return (struct_time, (self._seq(), {'tm_zone': self.tm_zone, 'tm_gmtoff': self.tm_gmtoff}))

    tm_year = property(lambda self: tuple.__getitem__(self, 0), doc='year, for example, 1993')
    tm_mon = property(lambda self: tuple.__getitem__(self, 1), doc='month of year, range [1, 12]')
    tm_mday = property(lambda self: tuple.__getitem__(self, 2), doc='day of month, range [1, 31]')
    tm_hour = property(lambda self: tuple.__getitem__(self, 3), doc='hours, range [0, 23]')
    tm_min = property(lambda self: tuple.__getitem__(self, 4), doc='minutes, range [0, 59]')
    tm_sec = property(lambda self: tuple.__getitem__(self, 5), doc='seconds, range [0, 61])')
    tm_wday = property(lambda self: tuple.__getitem__(self, 6), doc='day of week, range [0, 6], Monday is 0')
    tm_yday = property(lambda self: tuple.__getitem__(self, 7), doc='day of year, range [1, 366]')
    tm_isdst = property(lambda self: tuple.__getitem__(self, 8), doc='1 if summer time is in effect, 0 if not, and -1 if unknown')
    tm_zone = property(lambda self: tuple.__getitem__(self, 9), doc='abbreviation of timezone name')
    tm_gmtoff = property(lambda self: tuple.__getitem__(self, 10), doc='offset from UTC in seconds')


def _secs(secs):
    """The integer seconds (floored) of a gmtime()/localtime() argument."""
    if secs is None:
        return int(time())
    if isinstance(secs, float):
        if secs != secs:
            raise ValueError('Invalid value NaN (not a number)')
        if secs in (float('inf'), float('-inf')):
            raise OverflowError('timestamp out of range for platform time_t')
        f = int(secs)
        if f > secs:
            f -= 1
        if f > 2**63 - 1 or f < -2**63:
            raise OverflowError('timestamp out of range for platform time_t')
        return f
    if isinstance(secs, int):
        return int(secs)
    if hasattr(type(secs), '__index__'):
        return secs.__index__()
    raise TypeError("'%s' object cannot be interpreted as an integer" % type(secs).__name__)


def gmtime(seconds=None, /):
    return tuple.__new__(struct_time, _tm(_secs(seconds), False))


def localtime(seconds=None, /):
    return tuple.__new__(struct_time, _tm(_secs(seconds), True))


def _tuple_arg(t, fname):
    """The 11-item tuple for _mktime/_strftime from a struct_time or a 9-tuple."""
    if isinstance(t, struct_time):
        return tuple.__getitem__(t, slice(0, 11))
    if not isinstance(t, tuple):
        raise TypeError('Tuple or struct_time argument required')
    if len(t) != 9:
        raise TypeError('%s(): illegal time tuple argument' % fname)
    for x in t:
        if not isinstance(x, int):
            raise TypeError("'%s' object cannot be interpreted as an integer" % type(x).__name__)
    return tuple(t) + (None, None)


def mktime(t, /):
    return _mktime(_tuple_arg(t, 'mktime'))


def _checked(t, fname):
    t = list(_tuple_arg(t, fname))
    # CPython accepts 0 for the 1-based fields and reads it as "the first".
    if t[1] == 0:
        t[1] = 1
    elif not 1 <= t[1] <= 12:
        raise ValueError('month out of range')
    if t[2] == 0:
        t[2] = 1
    elif not 1 <= t[2] <= 31:
        raise ValueError('day of month out of range')
    if not 0 <= t[3] <= 23:
        raise ValueError('hour out of range')
    if not 0 <= t[4] <= 59:
        raise ValueError('minute out of range')
    if not 0 <= t[5] <= 61:
        raise ValueError('seconds out of range')
    if t[6] < -1 and (-(t[6] + 1)) % 7:   # C's (wday + 1) % 7 < 0
        raise ValueError('day of week out of range')
    t[6] = t[6] % 7
    if t[7] == 0:
        t[7] = 1
    elif not 1 <= t[7] <= 366:
        raise ValueError('day of year out of range')
    if t[8] < -1:
        t[8] = -1
    elif t[8] > 1:
        t[8] = 1
    return tuple(t)


def strftime(format, t=None, /):
    if not isinstance(format, str):
        raise TypeError('strftime() argument 1 must be str, not %s' % type(format).__name__)
    if t is None:
        t = localtime()
    return _strftime(format, _checked(t, 'strftime'))


_DAYS = ('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun')
_MONTHS = ('Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec')


def asctime(t=None, /):
    if t is None:
        t = localtime()
    t = _checked(t, 'asctime')
    return '%s %s%3d %.2d:%.2d:%.2d %d' % (_DAYS[t[6]], _MONTHS[t[1] - 1], t[2], t[3], t[4], t[5], t[0])


def ctime(seconds=None, /):
    return asctime(localtime(seconds))


def _init_timezone():
    year = 365 * 24 * 3600 + 6 * 3600
    t = (int(time()) // year) * year
    jan = _tm(t, True)
    jul = _tm(t + year // 2, True)
    janzone, julzone = -jan[10], -jul[10]
    janname = jan[9] if jan[9] is not None else '   '
    julname = jul[9] if jul[9] is not None else '   '
    if janzone < julzone:
        # Southern hemisphere: DST is in effect in January.
        return julzone, janzone, int(janzone != julzone), (julname, janname)
    return janzone, julzone, int(janzone != julzone), (janname, julname)


timezone, altzone, daylight, tzname = _init_timezone()


def tzset():
    global timezone, altzone, daylight, tzname
    timezone, altzone, daylight, tzname = _init_timezone()


# ---- strptime ------------------------------------------------------------
# A hand-written matcher for CPython's _strptime regular expressions: each
# numeric directive is a list of alternatives tried in order (the first that
# matches wins; no backtracking across directives), each alternative a string
# of character classes.

_D = '0123456789'
_NUM = {
    'd': (('3', '01'), ('12', _D), ('0', '123456789'), ('123456789',), (' ', '123456789')),
    'H': (('2', '0123'), ('01', _D), (_D,)),
    'I': (('1', '012'), ('0', '123456789'), ('123456789',)),
    'G': ((_D, _D, _D, _D),),
    'j': (('3', '6', '0123456'), ('3', '012345', _D), ('12', _D, _D), ('0', '123456789', _D),
          ('0', '0', '123456789'), ('123456789', _D), ('0', '123456789'), ('123456789',)),
    'm': (('1', '012'), ('0', '123456789'), ('123456789',)),
    'M': (('012345', _D), (_D,)),
    'S': (('6', '01'), ('012345', _D), (_D,)),
    'U': (('5', '0123'), ('01234', _D), (_D,)),
    'W': (('5', '0123'), ('01234', _D), (_D,)),
    'w': (('0123456',),),
    'u': (('1234567',),),
    'V': (('5', '0123'), ('0', '123456789'), ('1234', _D), (_D,)),
    'y': ((_D, _D),),
    'Y': ((_D, _D, _D, _D),),
}
_FULL_DAYS = ('monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday')
_FULL_MONTHS = ('january', 'february', 'march', 'april', 'may', 'june', 'july',
                'august', 'september', 'october', 'november', 'december')
_WORDS = {
    'a': [d[:3] for d in _FULL_DAYS],
    'A': list(_FULL_DAYS),
    'b': [m[:3] for m in _FULL_MONTHS],
    'B': list(_FULL_MONTHS),
    'p': ['am', 'pm'],
}
_EXPAND = {'c': '%a %b %d %H:%M:%S %Y', 'x': '%m/%d/%y', 'X': '%H:%M:%S',
           'D': '%m/%d/%y', 'T': '%H:%M:%S', 'R': '%H:%M', 'r': '%I:%M:%S %p'}
_SPACE = ' \t\n\r\x0b\x0c'


def _match_num(alts, s, i):
    for alt in alts:
        if i + len(alt) <= len(s):
            ok = True
            for k in range(len(alt)):
                if s[i + k] not in alt[k]:
                    ok = False
                    break
            if ok:
                return i + len(alt)
    return -1


def _match_word(words, s, i):
    low = s[i:].lower()
    for w in sorted(words, key=len, reverse=True):
        if w and low.startswith(w):
            return i + len(w), w
    return -1, None


def _expand(format):
    out = []
    i = 0
    while i < len(format):
        c = format[i]
        if c == '%' and i + 1 < len(format) and format[i + 1] in _EXPAND:
            out.append(_EXPAND[format[i + 1]])
            i += 2
        elif c == '%' and i + 1 < len(format):
            out.append(format[i:i + 2])
            i += 2
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def _parse(data, format):
    """Matches `data` against `format`: the dict of directive -> text."""
    fmt = _expand(format)
    found = {}
    i = 0
    k = 0
    n = len(data)

    def fail():
        raise ValueError('time data %r does not match format %r' % (data, format))

    while k < len(fmt):
        c = fmt[k]
        if c == '%':
            if k + 1 >= len(fmt):
                raise ValueError("stray %% in format '%s'" % format)
            d = fmt[k + 1]
            k += 2
            if d == '%':
                if i < n and data[i] == '%':
                    i += 1
                    continue
                fail()
            if d in _NUM:
                j = _match_num(_NUM[d], data, i)
            elif d == 'f':
                j = i
                while j < n and j - i < 6 and data[j] in _D:
                    j += 1
                if j == i:
                    j = -1
            elif d in _WORDS:
                j, _ = _match_word(_WORDS[d], data, i)
            elif d == 'Z':
                names = ['utc', 'gmt']
                for z in tzname:
                    if z.lower() not in names:
                        names.append(z.lower())
                j, _ = _match_word(names, data, i)
            elif d == 'z':
                j = _match_z(data, i)
            else:
                raise ValueError("'%s' is a bad directive in format '%s'" % (d, format))
            if j < 0:
                fail()
            if d not in found:
                found[d] = data[i:j]
            elif found[d] != data[i:j] and d in _NUM:
                fail()
            i = j
        elif c in _SPACE:
            while k < len(fmt) and fmt[k] in _SPACE:
                k += 1
            j = i
            while j < n and data[j] in _SPACE:
                j += 1
            if j == i:
                fail()
            i = j
        else:
            if i < n and data[i].lower() == c.lower():
                i += 1
                k += 1
            else:
                fail()
    if i != n:
        raise ValueError('unconverted data remains: %s' % data[i:])
    return found


def _match_z(s, i):
    if i < len(s) and s[i] == 'Z':
        return i + 1
    if i >= len(s) or s[i] not in '+-':
        return -1
    j = _match_num(((_D, _D),), s, i + 1)
    if j < 0:
        return -1
    if j < len(s) and s[j] == ':':
        j += 1
    m = _match_num((('012345', _D),), s, j)
    if m < 0:
        return -1
    j = m
    t = j + 1 if j < len(s) and s[j] == ':' else j
    sec = _match_num((('012345', _D),), s, t)
    if sec < 0:
        return j
    j = sec
    if j + 1 < len(s) and s[j] == '.' and s[j + 1] in _D:
        j += 1
        start = j
        while j < len(s) and j - start < 6 and s[j] in _D:
            j += 1
    return j


def _isleap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


_DBM = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _dim(y, m):
    return 29 if m == 2 and _isleap(y) else _DBM[m]


def _ymd2ord(y, m, d):
    y1 = y - 1
    days = y1 * 365 + y1 // 4 - y1 // 100 + y1 // 400
    for k in range(1, m):
        days += _dim(y, k)
    return days + d


def _ord2ymd(n):
    lo, hi = 1, 10000
    while lo < hi:   # the largest year whose Jan 1 is <= n
        mid = (lo + hi + 1) // 2
        if _ymd2ord(mid, 1, 1) <= n:
            lo = mid
        else:
            hi = mid - 1
    y = lo
    n -= _ymd2ord(y, 1, 1) - 1
    m = 1
    while n > _dim(y, m):
        n -= _dim(y, m)
        m += 1
    return y, m, n


def _checkdate(y, m, d):
    if not 1 <= y <= 9999:
        raise ValueError('year %d is out of range' % y)
    if not 1 <= m <= 12:
        raise ValueError('month must be in 1..12')
    if not 1 <= d <= _dim(y, m):
        raise ValueError('day is out of range for month')


def _strptime(data, format='%a %b %d %H:%M:%S %Y'):
    """CPython's _strptime._strptime: ((year, month, day, hour, minute,
    second, weekday, julian, isdst, zone, gmtoff), fraction, gmtoff_fraction)."""
    for idx, arg in enumerate((data, format)):
        if not isinstance(arg, str):
            raise TypeError('strptime() argument %d must be str, not %s' % (idx, type(arg)))
    found = _parse(data, format)
    iso_year = year = None
    month = day = 1
    hour = minute = second = fraction = 0
    tz = -1
    gmtoff = None
    gmtoff_fraction = 0
    iso_week = week_of_year = None
    week_of_year_start = None
    weekday = julian = None
    for d, v in found.items():
        if d == 'y':
            year = int(v)
            year += 2000 if year <= 68 else 1900
        elif d == 'Y':
            year = int(v)
        elif d == 'G':
            iso_year = int(v)
        elif d == 'm':
            month = int(v)
        elif d == 'B':
            month = _FULL_MONTHS.index(v.lower()) + 1
        elif d == 'b':
            month = _WORDS['b'].index(v.lower()) + 1
        elif d == 'd':
            day = int(v)
        elif d == 'H':
            hour = int(v)
        elif d == 'I':
            hour = int(v)
            ampm = found.get('p', '').lower()
            if ampm in ('', 'am'):
                if hour == 12:
                    hour = 0
            elif ampm == 'pm':
                if hour != 12:
                    hour += 12
        elif d == 'M':
            minute = int(v)
        elif d == 'S':
            second = int(v)
        elif d == 'f':
            fraction = int(v + '0' * (6 - len(v)))
        elif d == 'A':
            weekday = _FULL_DAYS.index(v.lower())
        elif d == 'a':
            weekday = _WORDS['a'].index(v.lower())
        elif d == 'w':
            weekday = int(v)
            weekday = 6 if weekday == 0 else weekday - 1
        elif d == 'u':
            weekday = int(v) - 1
        elif d == 'j':
            julian = int(v)
        elif d in ('U', 'W'):
            week_of_year = int(v)
            week_of_year_start = 6 if d == 'U' else 0
        elif d == 'V':
            iso_week = int(v)
        elif d == 'z':
            if v == 'Z':
                gmtoff = 0
            else:
                sign = v[0]
                z = v[1:]
                if ':' in z:
                    if len(z) > 5 and z[5] != ':' or len(z) == 5 and False:
                        raise ValueError('Inconsistent use of : in %s' % v)
                    if z[2] != ':' or (len(z) > 5 and z[5] != ':'):
                        raise ValueError('Inconsistent use of : in %s' % v)
                    z = z.replace(':', '')
                hours = int(z[0:2])
                minutes = int(z[2:4])
                seconds = int(z[4:6] or 0)
                gmtoff = (hours * 60 * 60) + (minutes * 60) + seconds
                frac = z[7:]
                gmtoff_fraction = int(frac + '0' * (6 - len(frac))) if frac else 0
                if sign == '-':
                    gmtoff = -gmtoff
                    gmtoff_fraction = -gmtoff_fraction
        elif d == 'Z':
            zone = v.lower()
            if zone in ('utc', 'gmt'):
                tz = 0
            else:
                for idx, name in enumerate(tzname):
                    if zone == name.lower():
                        if tzname[0] == tzname[1] and daylight:
                            break
                        tz = idx
                        break
    if iso_year is not None:
        if julian is not None:
            raise ValueError("Day of the year directive '%j' is not compatible with ISO year directive '%G'. Use '%Y' instead.")
        elif iso_week is None or weekday is None:
            raise ValueError("ISO year directive '%G' must be used with the ISO week directive '%V' and a weekday directive ('%A', '%a', '%w', or '%u').")
    elif iso_week is not None:
        if year is None or weekday is None:
            raise ValueError("ISO week directive '%V' must be used with the ISO year directive '%G' and a weekday directive ('%A', '%a', '%w', or '%u').")
        else:
            raise ValueError("ISO week directive '%V' is incompatible with the year directive '%Y'. Use the ISO year '%G' instead.")
    leap_year_fix = False
    if year is None and month == 2 and day == 29:
        year = 1904
        leap_year_fix = True
    elif year is None:
        year = 1900
    if julian is None and weekday is not None:
        if week_of_year is not None:
            first = (_ymd2ord(year, 1, 1) + 6) % 7
            dow = weekday
            if week_of_year_start != 0:
                first = (first + 1) % 7
                dow = (dow + 1) % 7
            week_0_length = (7 - first) % 7
            if week_of_year == 0:
                julian = 1 + dow - first
            else:
                julian = 1 + week_0_length + 7 * (week_of_year - 1) + dow
        elif iso_year is not None and iso_week is not None:
            jan4 = _ymd2ord(iso_year, 1, 4)
            week1 = jan4 - (jan4 + 6) % 7
            o = week1 + (iso_week - 1) * 7 + weekday
            year, month, day = _ord2ymd(o)
        if julian is not None and julian <= 0:
            year -= 1
            julian += 366 if _isleap(year) else 365
    if julian is None:
        _checkdate(year, month, day)
        julian = _ymd2ord(year, month, day) - _ymd2ord(year, 1, 1) + 1
    else:
        year, month, day = _ord2ymd(julian - 1 + _ymd2ord(year, 1, 1))
    if weekday is None:
        weekday = (_ymd2ord(year, month, day) + 6) % 7
    zone = found.get('Z')
    if leap_year_fix:
        year = 1900
    return ((year, month, day, hour, minute, second, weekday, julian, tz, zone, gmtoff),
            fraction, gmtoff_fraction)


def strptime(data_string, format='%a %b %d %H:%M:%S %Y', /):
    return tuple.__new__(struct_time, _strptime(data_string, format)[0])


# What each clock is on Linux: (implementation, monotonic, adjustable); all
# read through clock_gettime, whose resolution is a nanosecond here.
_CLOCK_FACTS = {
    'time': ('clock_gettime(CLOCK_REALTIME)', False, True),
    'monotonic': ('clock_gettime(CLOCK_MONOTONIC)', True, False),
    'perf_counter': ('clock_gettime(CLOCK_MONOTONIC)', True, False),
    'process_time': ('clock_gettime(CLOCK_PROCESS_CPUTIME_ID)', True, False),
    'thread_time': ('clock_gettime(CLOCK_THREAD_CPUTIME_ID)', True, False),
}


def get_clock_info(*args, **kwargs):
    """A namespace describing clock `name`: implementation, monotonic,
    adjustable, resolution."""
    if kwargs:
        raise TypeError("get_clock_info() takes no keyword arguments")
    if len(args) != 1:
        raise TypeError("get_clock_info() takes exactly 1 argument (%d given)" % len(args))
    name = args[0]
    if not isinstance(name, str):
        raise TypeError("get_clock_info() argument 1 must be str, not %s" % type(name).__name__)
    facts = _CLOCK_FACTS.get(name)
    if facts is None:
        raise ValueError("unknown clock")
    import types
    return types.SimpleNamespace(implementation=facts[0], monotonic=facts[1],
                                 adjustable=facts[2], resolution=1e-09)
