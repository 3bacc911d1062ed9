"""calendar: month and year tables of the proleptic Gregorian calendar.

Dates are reduced to serial day numbers (1 January of year 1 is day 1, a
Monday), which gives weekdays, month lengths and epoch offsets without
range limits.  Calendar turns a month into whole weeks; TextCalendar and
HTMLCalendar lay those weeks out.  All names are the C locale's.  The
module-level functions share one TextCalendar whose first weekday
setfirstweekday() sets."""

import datetime
import enum

__all__ = [
    # errors
    "IllegalMonthError", "IllegalWeekdayError",
    # the shared calendar's settings and plain date arithmetic
    "setfirstweekday", "firstweekday", "isleap", "leapdays", "weekday",
    "monthrange", "timegm",
    # text output through the shared calendar
    "monthcalendar", "prmonth", "month", "prcal", "calendar", "weekheader",
    # names
    "month_name", "month_abbr", "day_name", "day_abbr",
    # classes
    "Calendar", "TextCalendar", "LocaleTextCalendar",
    "HTMLCalendar", "LocaleHTMLCalendar",
    # the enums and their members
    "Day", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY",
    "SATURDAY", "SUNDAY",
    "Month",
    "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE",
    "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER",
]

error = ValueError


class IllegalMonthError(ValueError):
    """A month number outside 1..12."""

    def __init__(self, month):
        self.month = month

    def __str__(self):
        return f"bad month number {self.month!r}; must be 1-12"


class IllegalWeekdayError(ValueError):
    """A weekday number outside 0..6."""

    def __init__(self, weekday):
        self.weekday = weekday

    def __str__(self):
        return (f"bad weekday number {self.weekday!r}; "
                "must be 0 (Monday) to 6 (Sunday)")


# ---------------------------------------------------------------- names

_WEEKDAY_WORDS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
_MONTH_WORDS = ("January February March April May June July August "
                "September October November December")


def _as_global(member):
    """repr() of the enum members: the module-level name they go by."""
    return "calendar." + member.name


@enum.global_enum
class Month(enum.IntEnum):
    __repr__ = _as_global

    JANUARY = 1
    FEBRUARY = 2
    MARCH = 3
    APRIL = 4
    MAY = 5
    JUNE = 6
    JULY = 7
    AUGUST = 8
    SEPTEMBER = 9
    OCTOBER = 10
    NOVEMBER = 11
    DECEMBER = 12


@enum.global_enum
class Day(enum.IntEnum):
    __repr__ = _as_global

    MONDAY = 0
    TUESDAY = 1
    WEDNESDAY = 2
    THURSDAY = 3
    FRIDAY = 4
    SATURDAY = 5
    SUNDAY = 6


# Make every member a module global (whatever global_enum does here).
globals().update({member.name: member for member in (*Month, *Day)})


def __getattr__(name):
    # The capitalised month constants of old releases, kept with a warning.
    old = {'January': 1, 'February': 2}
    if name in old:
        import warnings
        note = (f"The '{name}' attribute is deprecated, "
                f"use '{name.upper()}' instead")
        warnings.warn(note, DeprecationWarning, 2)
        return old[name]
    raise AttributeError(f"module 'calendar' has no attribute '{name}'")


class _NameList:
    """A fixed, read-only sequence of names: indexing and slicing go to a
    private list, so a bad index raises the list's IndexError."""

    __slots__ = ('_items',)

    def __init__(self, words):
        self._items = list(words)

    def __getitem__(self, index):
        return self._items[index]

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(self._items)

    def __repr__(self):
        return '<%s %r>' % (type(self).__name__, self._items)


_weekday_words = _WEEKDAY_WORDS.split()
_month_words = [''] + _MONTH_WORDS.split()

day_name = _NameList(_weekday_words)
day_abbr = _NameList([word[:3] for word in _weekday_words])
month_name = _NameList(_month_words)
month_abbr = _NameList([word[:3] for word in _month_words])


# ------------------------------------------------------- date arithmetic

# Length of each month in a common year; mdays[0] is a placeholder.
mdays = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

# _DAYS_BEFORE[m]: days of a common year that precede the 1st of month m.
_DAYS_BEFORE = [0, 0]
for _length in mdays[1:12]:
    _DAYS_BEFORE.append(_DAYS_BEFORE[-1] + _length)
del _length


def isleap(year):
    """True when `year` has a 29 February."""
    if year % 100 == 0:
        return year % 400 == 0
    return year % 4 == 0


def _leaps_through(year):
    """How many leap years there are from year 1 up to `year` inclusive
    (negative or zero for years before 1)."""
    return year // 4 - year // 100 + year // 400


def leapdays(y1, y2):
    """The number of leap years in the range [y1, y2)."""
    return _leaps_through(y2 - 1) - _leaps_through(y1 - 1)


def _month_length(year, month):
    if month == 2 and isleap(year):
        return 29
    return mdays[month]


def _serial(year, month, day):
    """Day number of a date, counting 0001-01-01 as 1.  The day may run
    past the end of the month (timegm relies on this); the month must be
    valid."""
    before = year - 1
    count = 365 * before + _leaps_through(before) + _DAYS_BEFORE[month]
    if month > 2 and isleap(year):
        count += 1
    return count + day


def _check_month(month):
    if not 1 <= month <= 12:
        raise ValueError('month must be in 1..12')


def weekday(year, month, day):
    """The weekday of a date as a Day (MONDAY is 0); any year works."""
    _check_month(month)
    if not 1 <= day <= _month_length(year, month):
        raise ValueError('day is out of range for month')
    return Day((_serial(year, month, day) - 1) % 7)


def monthrange(year, month):
    """(weekday of the 1st, number of days) for a month."""
    if not 1 <= month <= 12:
        raise IllegalMonthError(month)
    return weekday(year, month, 1), _month_length(year, month)


_UNIX_DAY_ONE = _serial(1970, 1, 1)


def timegm(tuple):
    """Seconds since 1970-01-01 00:00 UTC of a time tuple in UTC, as
    time.gmtime() produces it; only the first six fields are used and
    they may overflow (a 30 February is 1 March)."""
    y, mo, d, hh, mm, ss = tuple[:6]
    _check_month(mo)
    days = _serial(y, mo, 1) + d - 1 - _UNIX_DAY_ONE
    return ss + 60 * (mm + 60 * (hh + 24 * days))


def _neighbour(year, month, step):
    """The month `step` (-1 or +1) away, as (year, month)."""
    index = year * 12 + month - 1 + step
    return index // 12, index % 12 + 1


def _emit(text):
    """Write finished text to standard output as it is (the pr* calls)."""
    print(text, end='')


def _chunks(seq, size):
    seq = list(seq)
    return [seq[at:at + size] for at in range(0, len(seq), size)]


# --------------------------------------------------------------- tables

class Calendar:
    """Month and year tables whose weeks begin on `firstweekday`
    (0 is Monday, 6 is Sunday)."""

    def __init__(self, firstweekday=0):
        """Weeks will start on `firstweekday`."""
        self.firstweekday = firstweekday

    def getfirstweekday(self):
        """The first weekday, reduced to 0..6."""
        return self._start % 7

    def setfirstweekday(self, firstweekday):
        """Store a new first weekday (any integer; it is taken mod 7)."""
        self._start = firstweekday

    @property
    def firstweekday(self):
        """The first weekday of the week's columns."""
        return self.getfirstweekday()

    @firstweekday.setter
    def firstweekday(self, value):
        self.setfirstweekday(value)

    def iterweekdays(self):
        """The seven weekday numbers in the order of a week's columns."""
        base = self.getfirstweekday()
        return iter([(base + k) % 7 for k in range(7)])

    def _frame(self, year, month):
        """How the month fills whole weeks: (blank cells before the 1st,
        days in the month, blank cells after the last day)."""
        first, length = monthrange(year, month)
        before = (first - self.getfirstweekday()) % 7
        after = -(before + length) % 7
        return before, length, after

    def itermonthdays4(self, year, month):
        """(year, month, day, weekday) for each cell of the month's weeks,
        the cells outside the month taken from its neighbours."""
        before, length, after = self._frame(year, month)
        column = self.getfirstweekday()
        py, pm = _neighbour(year, month, -1)
        tail = _month_length(py, pm)
        cells = [(py, pm, d) for d in range(tail - before + 1, tail + 1)]
        cells += [(year, month, d) for d in range(1, length + 1)]
        ny, nm = _neighbour(year, month, +1)
        cells += [(ny, nm, d) for d in range(1, after + 1)]
        for y, m, d in cells:
            yield y, m, d, column
            column = (column + 1) % 7

    def itermonthdays3(self, year, month):
        """Like itermonthdays4 without the weekday."""
        for y, m, d, _ in self.itermonthdays4(year, month):
            yield y, m, d

    def itermonthdates(self, year, month):
        """datetime.date objects for the cells of the month's weeks."""
        for y, m, d, _ in self.itermonthdays4(year, month):
            yield datetime.date(y, m, d)

    def itermonthdays2(self, year, month):
        """(day of the month, weekday) per cell; 0 outside the month."""
        for y, m, d, wd in self.itermonthdays4(year, month):
            yield (d if m == month else 0), wd

    def itermonthdays(self, year, month):
        """Day of the month per cell, 0 for cells outside it."""
        before, length, after = self._frame(year, month)
        return iter([0] * before + list(range(1, length + 1)) + [0] * after)

    def monthdatescalendar(self, year, month):
        """The month's weeks as lists of seven dates."""
        return _chunks(self.itermonthdates(year, month), 7)

    def monthdays2calendar(self, year, month):
        """The month's weeks as lists of (day, weekday)."""
        return _chunks(self.itermonthdays2(year, month), 7)

    def monthdayscalendar(self, year, month):
        """The month's weeks as lists of day numbers."""
        return _chunks(self.itermonthdays(year, month), 7)

    def _year_of(self, table, year, width):
        return _chunks([table(year, m) for m in range(1, 13)], width)

    def yeardatescalendar(self, year, width=3):
        """The year's months as monthdatescalendar tables, in rows of
        `width` months."""
        return self._year_of(self.monthdatescalendar, year, width)

    def yeardays2calendar(self, year, width=3):
        """Rows of monthdays2calendar tables."""
        return self._year_of(self.monthdays2calendar, year, width)

    def yeardayscalendar(self, year, width=3):
        """Rows of monthdayscalendar tables."""
        return self._year_of(self.monthdayscalendar, year, width)


# ----------------------------------------------------------------- text

class TextCalendar(Calendar):
    """Calendars as plain text, laid out like the Unix 'cal' program."""

    def formatday(self, day, weekday, width):
        """One day number centred in `width`; blank for 0."""
        text = '%2d' % day if day else ''
        return text.center(width)

    def formatweek(self, theweek, width):
        """A week of (day, weekday) pairs as one line."""
        return ' '.join(self.formatday(d, wd, width) for d, wd in theweek)

    def prweek(self, theweek, width):
        """Print formatweek()'s line without a newline."""
        _emit(self.formatweek(theweek, width))

    def formatweekday(self, day, width):
        """A weekday's name cut to `width` and centred."""
        # Full names once the column can hold 'Wednesday'.
        word = (day_name if width >= 9 else day_abbr)[day]
        return word[:width].center(width)

    def formatweekheader(self, width):
        """The names of the seven columns, in order."""
        cells = [self.formatweekday(wd, width) for wd in self.iterweekdays()]
        return ' '.join(cells)

    def formatmonthname(self, theyear, themonth, width, withyear=True):
        """The month's name (and year) centred in `width`."""
        title = month_name[themonth]
        if withyear:
            title += ' ' + repr(theyear)
        return title.center(width)

    def _month_lines(self, year, month, w, withyear):
        """The month as a list of text lines of equal width: its name, the
        weekday header and one line per week."""
        span = 7 * w + 6
        lines = [self.formatmonthname(year, month, span, withyear),
                 self.formatweekheader(w)]
        lines += [self.formatweek(week, w)
                  for week in self.monthdays2calendar(year, month)]
        return lines

    def formatmonth(self, theyear, themonth, w=0, l=0):
        """The month as text: `w` is the width of each day column (at
        least 2), `l` the lines each week takes (at least 1)."""
        w = max(w, 2)
        newline = '\n' * max(l, 1)
        lines = self._month_lines(theyear, themonth, w, True)
        return ''.join(line.rstrip() + newline for line in lines)

    def prmonth(self, theyear, themonth, w=0, l=0):
        """Print formatmonth()'s text."""
        _emit(self.formatmonth(theyear, themonth, w, l))

    def formatyear(self, theyear, w=2, l=1, c=6, m=3):
        """The whole year as text, `m` months side by side with `c`
        spaces between them."""
        w = max(w, 2)
        c = max(c, 2)
        newline = '\n' * max(l, 1)
        span = 7 * w + 6
        out = [repr(theyear).center(m * span + (m - 1) * c).rstrip(), newline]
        for first in range(1, 13, m):
            blocks = [self._month_lines(theyear, k, w, False)
                      for k in range(first, min(first + m, 13))]
            out.append(newline)
            for row in range(max(len(b) for b in blocks)):
                cells = [b[row] if row < len(b) else '' for b in blocks]
                out.append(formatstring(cells, span, c).rstrip())
                out.append(newline)
        return ''.join(out)

    def pryear(self, theyear, w=0, l=0, c=6, m=3):
        """Print formatyear()'s text."""
        _emit(self.formatyear(theyear, w, l, c, m))


# ----------------------------------------------------------------- HTML

_TABLE_OPEN = '<table border="0" cellpadding="0" cellspacing="0" class="%s">'
_PAGE_HEAD = """<?xml version="1.0" encoding="{enc}"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" \
"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset={enc}" />
"""


class HTMLCalendar(Calendar):
    """Calendars as HTML tables; each cell carries a CSS class."""

    # CSS classes of the day cells, Monday first.
    cssclasses = "mon tue wed thu fri sat sun".split()
    # ... of the weekday names in the header row.
    cssclasses_weekday_head = cssclasses
    # ... of the cells outside the month.
    cssclass_noday = "noday"
    # ... of a month table and its title row.
    cssclass_month_head = "month"
    cssclass_month = "month"
    # ... of a year table and its title row.
    cssclass_year_head = "year"
    cssclass_year = "year"

    def formatday(self, day, weekday):
        """One table cell; a blank 'noday' one for 0."""
        if not day:
            return f'<td class="{self.cssclass_noday}">&nbsp;</td>'
        return f'<td class="{self.cssclasses[weekday]}">{day}</td>'

    def formatweek(self, theweek):
        """A week as one table row."""
        cells = ''.join(self.formatday(d, wd) for d, wd in theweek)
        return '<tr>' + cells + '</tr>'

    def formatweekday(self, day):
        """A header cell with the weekday's short name."""
        css = self.cssclasses_weekday_head[day]
        return f'<th class="{css}">{day_abbr[day]}</th>'

    def formatweekheader(self):
        """The header row of weekday names."""
        cells = ''.join(self.formatweekday(wd) for wd in self.iterweekdays())
        return '<tr>' + cells + '</tr>'

    def formatmonthname(self, theyear, themonth, withyear=True):
        """The title row of a month table."""
        title = month_name[themonth]
        if withyear:
            title = f'{title} {theyear}'
        return (f'<tr><th colspan="7" class="{self.cssclass_month_head}">'
                f'{title}</th></tr>')

    def formatmonth(self, theyear, themonth, withyear=True):
        """A month as an HTML table, one row a week."""
        rows = [_TABLE_OPEN % self.cssclass_month,
                self.formatmonthname(theyear, themonth, withyear=withyear),
                self.formatweekheader()]
        rows += [self.formatweek(week)
                 for week in self.monthdays2calendar(theyear, themonth)]
        rows.append('</table>')
        return '\n'.join(rows) + '\n'

    def formatyear(self, theyear, width=3):
        """A table of the year's months, `width` to a row."""
        width = max(width, 1)
        parts = [_TABLE_OPEN % self.cssclass_year, '\n',
                 f'<tr><th colspan="{width}" '
                 f'class="{self.cssclass_year_head}">{theyear}</th></tr>']
        for first in range(1, 13, width):
            parts.append('<tr>')
            for k in range(first, min(first + width, 13)):
                parts.append('<td>%s</td>'
                             % self.formatmonth(theyear, k, withyear=False))
            parts.append('</tr>')
        parts.append('</table>')
        return ''.join(parts)

    def formatyearpage(self, theyear, width=3, css='calendar.css',
                       encoding=None):
        """A complete XHTML page showing the year, encoded to bytes."""
        if encoding is None:
            encoding = 'utf-8'      # what sys.getdefaultencoding() says
        page = [_PAGE_HEAD.format(enc=encoding)]
        if css is not None:
            page.append('<link rel="stylesheet" type="text/css" '
                        f'href="{css}" />\n')
        page.append(f'<title>Calendar for {theyear}</title>\n'
                    '</head>\n<body>\n')
        page.append(self.formatyear(theyear, width))
        page.append('</body>\n</html>\n')
        return ''.join(page).encode(encoding, 'xmlcharrefreplace')


class LocaleTextCalendar(TextCalendar):
    """TextCalendar taking a locale name.  This runtime only knows the C
    locale's names, so `locale` is recorded but does not change them."""

    def __init__(self, firstweekday=0, locale=None):
        super().__init__(firstweekday)
        self.locale = locale


class LocaleHTMLCalendar(HTMLCalendar):
    """HTMLCalendar taking a locale name (recorded only, as for
    LocaleTextCalendar)."""

    def __init__(self, firstweekday=0, locale=None):
        super().__init__(firstweekday)
        self.locale = locale


# ------------------------------------------------ the module's functions

def formatstring(cols, colwidth=20, spacing=6):
    """Centre each string of `cols` in `colwidth` characters and join
    them with `spacing` spaces."""
    gap = ' ' * spacing
    return gap.join(col.center(colwidth) for col in cols)


def format(cols, colwidth=20, spacing=6):
    """Print formatstring()'s result."""
    _emit(formatstring(cols, colwidth, spacing) + '\n')


_shared = TextCalendar()
c = _shared


def firstweekday():
    """The shared calendar's first weekday."""
    return _shared.getfirstweekday()


def setfirstweekday(firstweekday):
    """Set the weekday (0 = Monday .. 6 = Sunday) that starts each week in
    the module-level functions' output."""
    if firstweekday not in range(7):
        raise IllegalWeekdayError(firstweekday)
    _shared.setfirstweekday(firstweekday)


def monthcalendar(year, month):
    """The month as a list of weeks of day numbers (0 outside it)."""
    return _shared.monthdayscalendar(year, month)


def week(theweek, width):
    """One week of (day, weekday) pairs as a line of text."""
    return _shared.formatweek(theweek, width)


def prweek(theweek, width):
    """Print week()'s line, with no newline."""
    _shared.prweek(theweek, width)


def weekheader(width):
    """The weekday names, each centred in `width` characters."""
    return _shared.formatweekheader(width)


def month(theyear, themonth, w=0, l=0):
    """A month's calendar as a string."""
    return _shared.formatmonth(theyear, themonth, w, l)


def prmonth(theyear, themonth, w=0, l=0):
    """Print month()'s text."""
    _shared.prmonth(theyear, themonth, w, l)


def calendar(theyear, w=2, l=1, c=6, m=3):
    """A year's calendar as a string."""
    return _shared.formatyear(theyear, w, l, c, m)


def prcal(theyear, w=0, l=0, c=6, m=3):
    """Print calendar()'s text."""
    _shared.pryear(theyear, w, l, c, m)
