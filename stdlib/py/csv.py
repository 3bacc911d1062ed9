"""csv: read and write delimiter-separated records (pure Python).

The reader is a character-by-character state machine that behaves as
CPython's _csv module does, down to its error messages; the writer quotes
or escapes fields by the same rules.  Dialect parameters are checked once,
when a reader or writer is made, and frozen in a _FrozenDialect."""

import io

__all__ = ["QUOTE_MINIMAL", "QUOTE_ALL", "QUOTE_NONNUMERIC", "QUOTE_NONE",
           "QUOTE_STRINGS", "QUOTE_NOTNULL", "Error", "Dialect", "excel",
           "excel_tab", "field_size_limit", "reader", "writer",
           "register_dialect", "get_dialect", "list_dialects", "Sniffer",
           "unregister_dialect", "DictReader", "DictWriter", "unix_dialect",
           "__version__"]

__version__ = "1.0"

QUOTE_MINIMAL, QUOTE_ALL, QUOTE_NONNUMERIC, QUOTE_NONE = 0, 1, 2, 3
QUOTE_STRINGS, QUOTE_NOTNULL = 4, 5


class Error(Exception):
    pass


Error.__module__ = '_csv'

_limit = [128 * 1024]
_registry = {}


def field_size_limit(*args, **kwargs):
    """Return the largest field the reader accepts; with an argument, set
    it and return the old value."""
    if kwargs:
        raise TypeError("field_size_limit() takes no keyword arguments")
    if len(args) > 1:
        raise TypeError("field_size_limit() takes at most 1 argument "
                        "(%d given)" % len(args))
    old = _limit[0]
    if args:
        new = args[0]
        if not isinstance(new, int):
            raise TypeError("limit must be an integer")
        _limit[0] = new
    return old


# ------------------------------------------------------------- dialects

_FIELDS = ('delimiter', 'doublequote', 'escapechar', 'lineterminator',
           'quotechar', 'quoting', 'skipinitialspace', 'strict')
_ABSENT = object()


def _one_char(name, value, none_ok):
    if value is None and none_ok:
        return None
    if not isinstance(value, str):
        raise TypeError('"%s" must be string%s, not %s'
                        % (name, ' or None' if none_ok else '',
                           type(value).__name__))
    if len(value) != 1:
        raise TypeError('"%s" must be a 1-character string' % name)
    return value


class _FrozenDialect:
    """A checked, read-only set of dialect parameters (CPython's
    _csv.Dialect)."""

    __slots__ = ('_d',)

    def __init__(self, source=None, **kwargs):
        def pick(name):
            if name in kwargs:
                return kwargs[name]
            if source is not None:
                return getattr(source, name, _ABSENT)
            return _ABSENT

        for key in kwargs:
            if key not in _FIELDS:
                raise TypeError("this function got an unexpected keyword "
                                "argument '%s'" % key)
        d = {}
        v = pick('delimiter')
        d['delimiter'] = ',' if v is _ABSENT else _one_char('delimiter', v,
                                                            False)
        v = pick('doublequote')
        d['doublequote'] = True if v is _ABSENT else bool(v)
        v = pick('escapechar')
        d['escapechar'] = None if v is _ABSENT else _one_char('escapechar',
                                                              v, True)
        v = pick('lineterminator')
        if v is _ABSENT:
            v = '\r\n'
        elif v is not None and not isinstance(v, str):
            raise TypeError('"lineterminator" must be a string')
        d['lineterminator'] = v
        qc = pick('quotechar')
        d['quotechar'] = '"' if qc is _ABSENT else _one_char('quotechar',
                                                             qc, True)
        v = pick('quoting')
        if qc is None and kwargs.get('quotechar', 0) is None and \
                'quoting' not in kwargs:
            v = QUOTE_NONE      # quotechar=None given alone: no quoting
        elif v is _ABSENT:
            v = QUOTE_NONE if qc is None else QUOTE_MINIMAL
        elif type(v) is not int and not (isinstance(v, int) and
                                         not isinstance(v, bool)):
            raise TypeError('"quoting" must be an integer')
        d['quoting'] = v
        v = pick('skipinitialspace')
        d['skipinitialspace'] = False if v is _ABSENT else bool(v)
        v = pick('strict')
        d['strict'] = False if v is _ABSENT else bool(v)
        if d['quoting'] not in (0, 1, 2, 3, 4, 5):
            raise TypeError('bad "quoting" value')
        if d['quoting'] != QUOTE_NONE and d['quotechar'] is None:
            raise TypeError("quotechar must be set if quoting enabled")
        term = d['lineterminator']
        if term is None:
            raise TypeError("lineterminator must be set")
        for name, space_ok in (('delimiter', True),
                               ('escapechar', not d['skipinitialspace']),
                               ('quotechar', not d['skipinitialspace'])):
            c = d[name]
            if c is None:
                continue
            if c in '\r\n' or (c == ' ' and not space_ok):
                raise ValueError("bad %s value" % name)
            if c in term:
                raise ValueError("bad %s or lineterminator value" % name)
        for one, two in (('delimiter', 'escapechar'),
                         ('delimiter', 'quotechar'),
                         ('escapechar', 'quotechar')):
            if d[one] is not None and d[one] == d[two]:
                raise ValueError("bad %s or %s value" % (one, two))
        object.__setattr__(self, '_d', d)

    def __getattr__(self, name):
        d = object.__getattribute__(self, '_d')
        if name in d:
            return d[name]
        raise AttributeError("'_csv.Dialect' object has no attribute '%s'"
                             % name)

    def __setattr__(self, name, value):
        if name in _FIELDS:
            raise AttributeError("attribute '%s' of '_csv.Dialect' objects "
                                 "is not writable" % name)
        raise AttributeError("'_csv.Dialect' object has no attribute '%s'"
                             % name)

    def __repr__(self):
        return '<_csv.Dialect object at 0x%x>' % id(self)


def _resolve(dialect, kwargs):
    if isinstance(dialect, str):
        dialect = get_dialect(dialect)
    if isinstance(dialect, _FrozenDialect) and not kwargs:
        return dialect
    return _FrozenDialect(dialect, **kwargs)


class Dialect:
    """Base class for dialect descriptions: subclass it and set the
    attributes (delimiter, quotechar, ...); instances are checked."""
    _name = ""
    _valid = False
    delimiter = None
    quotechar = None
    escapechar = None
    doublequote = None
    skipinitialspace = None
    lineterminator = None
    quoting = None

    def __init__(self):
        self._valid = True
        try:
            _FrozenDialect(self)
        except TypeError as exc:
            raise Error(str(exc)) from None


class excel(Dialect):
    """Excel's CSV: comma-separated, '"'-quoted, CRLF lines."""
    delimiter = ','
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = '\r\n'
    quoting = QUOTE_MINIMAL


class excel_tab(excel):
    """Excel's tab-separated files."""
    delimiter = '\t'


class unix_dialect(Dialect):
    """Files written on Unix: LF lines, every field quoted."""
    delimiter = ','
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = '\n'
    quoting = QUOTE_ALL


def register_dialect(name, dialect=None, **fmtparams):
    """Record a dialect under `name` (from a Dialect and/or keywords)."""
    if not isinstance(name, str):
        raise TypeError("dialect name must be a string")
    _registry[name] = _FrozenDialect(dialect, **fmtparams)


def unregister_dialect(name):
    if name not in _registry:
        raise Error("unknown dialect")
    del _registry[name]


def get_dialect(name):
    try:
        return _registry[name]
    except (KeyError, TypeError):
        raise Error("unknown dialect") from None


def list_dialects():
    return list(_registry)


register_dialect('excel', excel)
register_dialect('excel-tab', excel_tab)
register_dialect('unix', unix_dialect)


# --------------------------------------------------------------- reading

# Reader states.
(_REC_START, _FIELD_START, _ESCAPED, _UNQUOTED, _QUOTED, _ESC_IN_QUOTED,
 _QUOTE_IN_QUOTED, _EAT_NEWLINE, _AFTER_ESC_NEWLINE) = range(9)
_EOL = None  # fed after each line's characters


class _Reader:
    """Iterator over the records of an iterable of lines."""

    def __init__(self, lines, dialect):
        self._lines = iter(lines)
        self.dialect = dialect
        self.line_num = 0

    def __iter__(self):
        return self

    def _save(self):
        text = ''.join(self._chars)
        q = self.dialect.quoting
        if self._bare and not text and q in (QUOTE_NOTNULL, QUOTE_STRINGS):
            value = None
        elif self._bare and text and q in (QUOTE_NONNUMERIC, QUOTE_STRINGS):
            value = float(text)
        else:
            value = text
        self._chars = []
        self._bare = True
        self._fields.append(value)

    def _add(self, c):
        if len(self._chars) >= _limit[0]:
            raise Error("field larger than field limit (%d)" % _limit[0])
        self._chars.append(c)

    def __next__(self):
        self._fields = []
        self._chars = []
        self._bare = True
        self._state = _REC_START
        while True:
            try:
                line = next(self._lines)
            except StopIteration:
                if self._chars or self._state == _QUOTED:
                    if self.dialect.strict:
                        raise Error("unexpected end of data") from None
                    self._save()
                    break
                raise
            if not isinstance(line, str):
                raise Error("iterator should return strings, not %s (the "
                            "file should be opened in text mode)"
                            % type(line).__name__)
            self.line_num += 1
            for c in line:
                self._feed(c)
            self._feed(_EOL)
            if self._state == _REC_START:
                break
        fields = self._fields
        self._fields = []
        return fields

    def _feed(self, c):
        d = self.dialect
        st = self._state
        if st == _REC_START:
            if c is _EOL:
                return
            if c == '\n' or c == '\r':
                self._state = _EAT_NEWLINE
                return
            st = self._state = _FIELD_START
        if st == _FIELD_START:
            if c is _EOL or c == '\n' or c == '\r':
                self._save()
                self._state = _REC_START if c is _EOL else _EAT_NEWLINE
            elif c == d.quotechar and d.quoting != QUOTE_NONE:
                self._bare = False
                self._state = _QUOTED
            elif c == d.escapechar:
                self._state = _ESCAPED
            elif c == ' ' and d.skipinitialspace:
                pass
            elif c == d.delimiter:
                self._save()
            else:
                self._add(c)
                self._state = _UNQUOTED
            return
        if st == _ESCAPED:
            if c == '\n' or c == '\r':
                self._add(c)
                self._state = _AFTER_ESC_NEWLINE
                return
            self._add('\n' if c is _EOL else c)
            self._state = _UNQUOTED
            return
        if st == _AFTER_ESC_NEWLINE:
            if c is _EOL:
                return
            st = _UNQUOTED
        if st == _UNQUOTED:
            if c is _EOL or c == '\n' or c == '\r':
                self._save()
                self._state = _REC_START if c is _EOL else _EAT_NEWLINE
            elif c == d.escapechar:
                self._state = _ESCAPED
            elif c == d.delimiter:
                self._save()
                self._state = _FIELD_START
            else:
                self._add(c)
                self._state = _UNQUOTED
            return
        if st == _QUOTED:
            if c is _EOL:
                pass
            elif c == d.escapechar:
                self._state = _ESC_IN_QUOTED
            elif c == d.quotechar and d.quoting != QUOTE_NONE:
                self._state = _QUOTE_IN_QUOTED if d.doublequote else _UNQUOTED
            else:
                self._add(c)
            return
        if st == _ESC_IN_QUOTED:
            self._add('\n' if c is _EOL else c)
            self._state = _QUOTED
            return
        if st == _QUOTE_IN_QUOTED:
            if d.quoting != QUOTE_NONE and c == d.quotechar:
                self._add(c)
                self._state = _QUOTED
            elif c == d.delimiter:
                self._save()
                self._state = _FIELD_START
            elif c is _EOL or c == '\n' or c == '\r':
                self._save()
                self._state = _REC_START if c is _EOL else _EAT_NEWLINE
            elif not d.strict:
                self._add(c)
                self._state = _UNQUOTED
            else:
                raise Error("'%s' expected after '%s'"
                            % (d.delimiter, d.quotechar))
            return
        # _EAT_NEWLINE
        if c is _EOL:
            self._state = _REC_START
        elif c != '\n' and c != '\r':
            raise Error("new-line character seen in unquoted field - do you "
                        "need to open the file with newline=''?")


def reader(csvfile, dialect='excel', **fmtparams):
    """Iterate over the records in `csvfile` (any iterable of str lines)."""
    lines = iter(csvfile)
    return _Reader(lines, _resolve(dialect, fmtparams))


# --------------------------------------------------------------- writing

def _is_number(x):
    # What QUOTE_NONNUMERIC leaves unquoted: CPython's PyNumber_Check.
    if isinstance(x, (int, float, complex)):
        return True
    kind = type(x)
    return not isinstance(x, str) and (hasattr(kind, '__index__') or
                                       hasattr(kind, '__int__') or
                                       hasattr(kind, '__float__'))


class _Writer:
    """Formats records and passes each line to the file's write()."""

    def __init__(self, write, dialect):
        self._write = write
        self.dialect = dialect

    def _field(self, text, quoted):
        d = self.dialect
        out = []
        special = (d.delimiter, d.escapechar, d.quotechar, '\n', '\r')
        for c in text:
            if c in special or c in d.lineterminator:
                escape = False
                if d.quoting == QUOTE_NONE:
                    escape = True
                elif c == d.quotechar:
                    if d.doublequote:
                        out.append(c)
                    else:
                        escape = True
                elif c == d.escapechar:
                    escape = True
                if not escape:
                    quoted = True
                if escape:
                    if d.escapechar is None:
                        raise Error("need to escape, but no escapechar set")
                    out.append(d.escapechar)
            out.append(c)
        body = ''.join(out)
        if quoted:
            body = d.quotechar + body + d.quotechar
        return body

    def writerow(self, row):
        d = self.dialect
        try:
            items = iter(row)
        except TypeError:
            raise Error("iterable expected, not %s"
                        % type(row).__name__) from None
        parts = []
        last_none = False
        for field in items:
            q = d.quoting
            if q == QUOTE_NONNUMERIC:
                quoted = not _is_number(field)
            elif q == QUOTE_ALL:
                quoted = True
            elif q == QUOTE_STRINGS:
                quoted = isinstance(field, str)
            elif q == QUOTE_NOTNULL:
                quoted = field is not None
            else:
                quoted = False
            last_none = field is None
            text = '' if field is None else (field if isinstance(field, str)
                                             else str(field))
            if not text and d.delimiter == ' ' and d.skipinitialspace:
                if q == QUOTE_NONE or (field is None and
                                       q in (QUOTE_STRINGS, QUOTE_NOTNULL)):
                    raise Error("empty field must be quoted if delimiter is "
                                "a space and skipinitialspace is true")
                quoted = True
            parts.append(self._field(text, quoted))
        if len(parts) == 1 and not parts[0]:
            if d.quoting == QUOTE_NONE or (
                    last_none and d.quoting in (QUOTE_STRINGS, QUOTE_NOTNULL)):
                raise Error("single empty field record must be quoted")
            parts[0] = d.quotechar * 2
        return self._write(d.delimiter.join(parts) + d.lineterminator)

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(csvfile, dialect='excel', **fmtparams):
    """Return an object whose writerow() writes records to `csvfile`."""
    write = getattr(csvfile, 'write', None)
    if write is None or not callable(write):
        raise TypeError('argument 1 must have a "write" method')
    return _Writer(write, _resolve(dialect, fmtparams))


# ---------------------------------------------------------- dict helpers

class DictReader:
    """Read records as dicts keyed by the first row (or `fieldnames`)."""

    def __init__(self, f, fieldnames=None, restkey=None, restval=None,
                 dialect='excel', *args, **kwds):
        if fieldnames is not None and iter(fieldnames) is fieldnames:
            fieldnames = list(fieldnames)
        self._fieldnames = fieldnames
        self.restkey = restkey
        self.restval = restval
        self.reader = reader(f, dialect, *args, **kwds)
        self.dialect = dialect
        self.line_num = 0

    def __iter__(self):
        return self

    @property
    def fieldnames(self):
        if self._fieldnames is None:
            try:
                self._fieldnames = next(self.reader)
            except StopIteration:
                pass
        self.line_num = self.reader.line_num
        return self._fieldnames

    @fieldnames.setter
    def fieldnames(self, value):
        self._fieldnames = value

    def __next__(self):
        if self.line_num == 0:
            self.fieldnames
        row = next(self.reader)
        self.line_num = self.reader.line_num
        while row == []:
            row = next(self.reader)
        names = self.fieldnames
        record = dict(zip(names, row))
        if len(row) > len(names):
            record[self.restkey] = row[len(names):]
        else:
            for name in names[len(row):]:
                record[name] = self.restval
        return record

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)


class DictWriter:
    """Write dicts as records, in the order of `fieldnames`."""

    def __init__(self, f, fieldnames, restval='', extrasaction='raise',
                 dialect='excel', *args, **kwds):
        if fieldnames is not None and iter(fieldnames) is fieldnames:
            fieldnames = list(fieldnames)
        self.fieldnames = fieldnames
        self.restval = restval
        if extrasaction.lower() not in ('raise', 'ignore'):
            raise ValueError("extrasaction (%s) must be 'raise' or 'ignore'"
                             % extrasaction)
        self.extrasaction = extrasaction
        self.writer = writer(f, dialect, *args, **kwds)

    def writeheader(self):
        return self.writerow(dict(zip(self.fieldnames, self.fieldnames)))

    def _row(self, rowdict):
        if self.extrasaction == 'raise':
            extra = set(rowdict.keys()) - set(self.fieldnames)
            if extra:
                raise ValueError("dict contains fields not in fieldnames: "
                                 + ", ".join([repr(k) for k in extra]))
        return [rowdict.get(k, self.restval) for k in self.fieldnames]

    def writerow(self, rowdict):
        return self.writer.writerow(self._row(rowdict))

    def writerows(self, rowdicts):
        return self.writer.writerows([self._row(r) for r in rowdicts])

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)


# -------------------------------------------------------------- sniffing

class Sniffer:
    """Guess the dialect of a CSV sample, and whether it has a header."""

    def __init__(self):
        self.preferred = [',', '\t', ';', ' ', ':']

    def sniff(self, sample, delimiters=None):
        quotechar, doublequote, delimiter, skipinitialspace = \
            self._by_quotes(sample, delimiters)
        if not delimiter:
            delimiter, skipinitialspace = self._by_counts(sample, delimiters)
        if not delimiter:
            raise Error("Could not determine delimiter")

        class dialect(Dialect):
            _name = "sniffed"
            lineterminator = '\r\n'
            quoting = QUOTE_MINIMAL

        dialect.doublequote = doublequote
        dialect.delimiter = delimiter
        dialect.quotechar = quotechar or '"'
        dialect.skipinitialspace = skipinitialspace
        return dialect

    def _by_quotes(self, data, delimiters):
        # Look for quoted fields: a quote, text, the same quote, with a
        # delimiter (or line edge) on each side.  The most common quote
        # and delimiter win.
        import re
        patterns = (
            r'(?P<delim>[^\w\n"\'])(?P<space> ?)(?P<quote>["\']).*?'
            r'(?P=quote)(?P=delim)',
            r'(?:^|\n)(?P<quote>["\']).*?(?P=quote)(?P<delim>[^\w\n"\'])'
            r'(?P<space> ?)',
            r'(?P<delim>[^\w\n"\'])(?P<space> ?)(?P<quote>["\']).*?'
            r'(?P=quote)(?:$|\n)',
            r'(?:^|\n)(?P<quote>["\']).*?(?P=quote)(?:$|\n)')
        found = []
        rx = None
        for pat in patterns:
            rx = re.compile(pat, re.DOTALL | re.MULTILINE)
            found = rx.findall(data)
            if found:
                break
        if not found:
            return '', False, None, 0
        names = rx.groupindex
        quote_votes, delim_votes = {}, {}
        spaces = 0
        for m in found:
            if not isinstance(m, tuple):
                m = (m,)
            q = m[names['quote'] - 1]
            if q:
                quote_votes[q] = quote_votes.get(q, 0) + 1
            if 'delim' in names:
                dl = m[names['delim'] - 1]
                if dl and (delimiters is None or dl in delimiters):
                    delim_votes[dl] = delim_votes.get(dl, 0) + 1
            if 'space' in names and m[names['space'] - 1]:
                spaces += 1
        quotechar = max(quote_votes, key=quote_votes.get)
        if delim_votes:
            delim = max(delim_votes, key=delim_votes.get)
            skip = delim_votes[delim] == spaces
            if delim == '\n':
                delim = ''
        else:
            delim = ''
            skip = 0
        dq = re.compile(
            r'((%(d)s)|^)\W*%(q)s[^%(d)s\n]*%(q)s[^%(d)s\n]*%(q)s\W*'
            r'((%(d)s)|$)' % {'d': re.escape(delim), 'q': quotechar},
            re.MULTILINE)
        doublequote = bool(dq.search(data))
        return quotechar, doublequote, delim, skip

    def _by_counts(self, data, delimiters):
        # Tally, per character, how many lines hold it n times, over
        # growing chunks of ten lines.  A character whose most common n
        # (less the lines that disagree) covers at least 90..100% of the
        # lines seen is a candidate; one candidate wins at once, else the
        # preferred list, else the highest (mode, character).
        lines = [ln for ln in data.split('\n') if ln]
        chars = [chr(c) for c in range(127)]
        step = min(10, len(lines))
        tallies = {}
        candidates = {}
        rounds = 0
        lo = 0
        while lo < len(lines):
            rounds += 1
            for line in lines[lo:lo + step]:
                for ch in chars:
                    per = tallies.setdefault(ch, {})
                    n = line.count(ch)
                    per[n] = per.get(n, 0) + 1
            modes = {}
            for ch, per in tallies.items():
                pairs = list(per.items())
                if len(pairs) == 1:
                    if pairs[0][0] == 0:
                        continue
                    modes[ch] = pairs[0]
                    continue
                top = pairs[0]
                for pair in pairs[1:]:
                    if pair[1] > top[1]:
                        top = pair
                others = sum([v for k, v in pairs if k != top[0]])
                modes[ch] = (top[0], top[1] - others)
            seen = float(min(step * rounds, len(lines)))
            level = 1.0
            while not candidates and level >= 0.9:
                for ch, (count, agree) in modes.items():
                    if count > 0 and agree > 0 and agree / seen >= level \
                            and (delimiters is None or ch in delimiters):
                        candidates[ch] = (count, agree)
                level -= 0.01
            if len(candidates) == 1:
                return self._with_space(lines, list(candidates)[0])
            lo += step
        if not candidates:
            return '', 0
        if len(candidates) > 1:
            for ch in self.preferred:
                if ch in candidates:
                    return self._with_space(lines, ch)
        best = max([(v, k) for k, v in candidates.items()])
        return self._with_space(lines, best[1])

    @staticmethod
    def _with_space(lines, ch):
        first = lines[0]
        return ch, first.count(ch) == first.count(ch + ' ')

    def has_header(self, sample):
        """Guess whether the first row names the columns: columns whose
        values share a type or a length vote on whether the first row
        differs from them."""
        rows = reader(io.StringIO(sample), self.sniff(sample))
        header = next(rows)
        width = len(header)
        kinds = {}
        for col in range(width):
            kinds[col] = None
        checked = 0
        for row in rows:
            if checked > 20:
                break
            checked += 1
            if len(row) != width:
                continue
            for col in list(kinds):
                try:
                    complex(row[col])
                    kind = complex
                except (ValueError, OverflowError):
                    kind = len(row[col])
                if kind != kinds[col]:
                    if kinds[col] is None:
                        kinds[col] = kind
                    else:
                        del kinds[col]
        votes = 0
        for col, kind in kinds.items():
            if isinstance(kind, int) and not isinstance(kind, type):
                votes += 1 if len(header[col]) != kind else -1
            else:
                try:
                    kind(header[col])
                except (ValueError, TypeError):
                    votes += 1
                else:
                    votes -= 1
        return votes > 0
