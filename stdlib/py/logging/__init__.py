"""The logging package, written for torii.

Loggers form a tree keyed by dotted names ("a.b" sits below "a", and every
top-level logger sits below the root).  A logger turns a call such as
``log.warning("x %s", y)`` into a LogRecord, lets its filters veto it, and
offers it to its own handlers and to those of its ancestors while
``propagate`` allows.  Handlers have their own level and filters, format the
record through a Formatter and deliver the text somewhere.

torii runs threads in parallel, so all state shared between loggers (the
name tree, the cached level decisions, the handler registry) is changed
under the single re-entrant module lock ``_lock``, and every handler
serialises its ``emit()`` with its own lock.
"""

import sys
import os
import io
import time
import threading
import traceback
import warnings
import weakref
import collections.abc
import re
from types import GenericAlias as _Alias, MethodType

__all__ = [
    'BASIC_FORMAT',
    'BufferingFormatter',
    'CRITICAL',
    'DEBUG',
    'ERROR',
    'FATAL',
    'FileHandler',
    'Filter',
    'Formatter',
    'Handler',
    'INFO',
    'LogRecord',
    'Logger',
    'LoggerAdapter',
    'NOTSET',
    'NullHandler',
    'StreamHandler',
    'WARN',
    'WARNING',
    'addLevelName',
    'basicConfig',
    'captureWarnings',
    'critical',
    'debug',
    'disable',
    'error',
    'exception',
    'fatal',
    'getLevelName',
    'getLogger',
    'getLoggerClass',
    'info',
    'log',
    'makeLogRecord',
    'setLoggerClass',
    'shutdown',
    'warn',
    'warning',
    'getLogRecordFactory',
    'setLogRecordFactory',
    'lastResort',
    'raiseExceptions',
    'getLevelNamesMapping',
    'getHandlerByName',
    'getHandlerNames',
]

__author__ = "Vinay Sajip <vinay_sajip@red-dove.com>"
__status__ = "production"
__version__ = "0.5.1.2"
__date__ = "07 February 2010"

# Switches a program may flip to leave work out of every record.
raiseExceptions = True
logThreads = True
logMultiprocessing = True
logProcesses = True
logAsyncioTasks = True

# Nanosecond clock reading taken when the package was loaded; records
# measure relativeCreated from it.
_startTime = time.time_ns()

# ---------------------------------------------------------------------------
# Levels
# ---------------------------------------------------------------------------

CRITICAL = 50
FATAL = CRITICAL
ERROR = 40
WARNING = 30
WARN = WARNING
INFO = 20
DEBUG = 10
NOTSET = 0

_levelToName = {
    CRITICAL: 'CRITICAL', ERROR: 'ERROR', WARNING: 'WARNING',
    INFO: 'INFO', DEBUG: 'DEBUG', NOTSET: 'NOTSET',
}
_nameToLevel = {
    'CRITICAL': CRITICAL, 'FATAL': FATAL, 'ERROR': ERROR, 'WARN': WARNING,
    'WARNING': WARNING, 'INFO': INFO, 'DEBUG': DEBUG, 'NOTSET': NOTSET,
}

# The one lock behind the logger tree, level caches and handler registry.
_lock = threading.RLock()


def getLevelNamesMapping():
    """A fresh dict mapping every level name to its number."""
    return dict(_nameToLevel)


def getLevelName(level):
    """The name of a level number, or the number of a level name.

    Anything unknown comes back as the text "Level <value>"."""
    for table in (_levelToName, _nameToLevel):
        found = table.get(level)
        if found is not None:
            return found
    return "Level %s" % level


def addLevelName(level, levelName):
    """Give level number `level` the name `levelName` (both directions)."""
    with _lock:
        _levelToName.update({level: levelName})
        _nameToLevel.update({levelName: level})


def _level_number(level):
    # A level may be given as its number or as a registered name.
    if isinstance(level, int):
        return level
    if not isinstance(level, str):
        raise TypeError(f"Level not an integer or a valid string: {level!r}")
    try:
        return _nameToLevel[level]
    except KeyError:
        raise ValueError(f"Unknown level: {level!r}") from None


# The name other code (and older configuration code) knows it by.
_checkLevel = _level_number


# ---------------------------------------------------------------------------
# Finding the caller
# ---------------------------------------------------------------------------

def currentframe():
    """The frame of whoever called this function."""
    return sys._getframe(1)


# Frames whose code comes from this file are logging's own and are skipped
# when the caller of a logging call is looked for.  A program may set
# _srcfile to None to switch the search off.
_THIS_FILE = os.path.normcase(sys._getframe(0).f_code.co_filename)
_srcfile = _THIS_FILE


def _belongs_to_logging(filename):
    if filename == _srcfile:
        return True
    # The import machinery's own frames never count as callers either.
    return "importlib" in filename and "_bootstrap" in filename


def _in_package(filename):
    # Any module of this package (handlers, config included): the frames
    # that a "--- Logging error ---" report leaves out of its call stack.
    if filename == _THIS_FILE or filename.startswith('<frozen logging.'):
        return True
    home = os.path.dirname(_THIS_FILE)
    return bool(home) and os.path.dirname(filename) == home


def _frames_text(frame):
    # The frames from the outermost one in to `frame`, laid out as
    # traceback.print_stack() does for frames (file, line, function and
    # the stripped source line; frames carry no column positions).
    chain = []
    while frame is not None:
        chain.append(frame)
        frame = frame.f_back
    import linecache
    parts = []
    for fr in reversed(chain):
        code = fr.f_code
        parts.append('  File "%s", line %s, in %s\n'
                     % (code.co_filename, fr.f_lineno, code.co_name))
        source = linecache.getline(code.co_filename, fr.f_lineno).strip()
        if source:
            parts.append('    %s\n' % source)
    return ''.join(parts)


def _stack_text(frame):
    # "Stack (most recent call last):" and the frames up to `frame`, with
    # no newline at the end.
    text = 'Stack (most recent call last):\n' + _frames_text(frame)
    return text[:-1] if text.endswith('\n') else text


# ---------------------------------------------------------------------------
# LogRecord
# ---------------------------------------------------------------------------

class LogRecord:
    """Everything known about one logged event.

    The attributes are the ones format strings refer to: name, msg, args,
    levelname, levelno, pathname, filename, module, exc_info, exc_text,
    stack_info, lineno, funcName, created, msecs, relativeCreated, thread,
    threadName, processName, process and taskName.  getMessage() merges
    msg with args."""

    def __init__(self, name, level, pathname, lineno, msg, args,
                 exc_info, func=None, sinfo=None, **kwargs):
        stamp = time.time_ns()
        self.name, self.msg = name, msg
        # log.info("%(a)s", {"a": 1}): a lone non-empty mapping becomes the
        # argument object itself, so that %(key)s lookups reach it.
        if (args and len(args) == 1 and args[0]
                and isinstance(args[0], collections.abc.Mapping)):
            args = args[0]
        self.args = args
        self.levelno, self.levelname = level, getLevelName(level)
        self.pathname = pathname
        try:
            base = os.path.basename(pathname)
            self.filename, self.module = base, os.path.splitext(base)[0]
        except (AttributeError, TypeError, ValueError):
            self.filename, self.module = pathname, "Unknown module"
        self.exc_info = exc_info
        self.exc_text = None
        self.stack_info = sinfo
        self.lineno = lineno
        self.funcName = func
        self.created = stamp / 1e9
        self.msecs = float((stamp // 1_000_000) % 1000)
        self.relativeCreated = (stamp - _startTime) / 1e6
        if logThreads:
            me = threading.current_thread()
            self.thread, self.threadName = threading.get_ident(), me.name
        else:
            self.thread = self.threadName = None
        self.processName = _process_name() if logMultiprocessing else None
        self.process = os.getpid() if logProcesses else None
        self.taskName = _task_name() if logAsyncioTasks else None

    def __repr__(self):
        return '<LogRecord: %s, %s, %s, %s, "%s">' % (
            self.name, self.levelno, self.pathname, self.lineno, self.msg)

    def getMessage(self):
        """msg as a string, with args %-merged into it when there are any."""
        text = str(self.msg)
        if self.args:
            text = text % self.args
        return text


def _process_name():
    mod = sys.modules.get('multiprocessing')
    if mod is not None:
        try:
            return mod.current_process().name
        except Exception:
            pass
    return 'MainProcess'


def _task_name():
    aio = sys.modules.get('asyncio')
    if aio is None:
        return None
    try:
        return aio.current_task().get_name()
    except Exception:
        return None


_logRecordFactory = LogRecord


def setLogRecordFactory(factory):
    """Make `factory` (called like LogRecord) build every new record."""
    global _logRecordFactory
    _logRecordFactory = factory


def getLogRecordFactory():
    """The callable that currently builds records."""
    return _logRecordFactory


def makeLogRecord(dict):
    """A record whose attributes are taken from `dict` (e.g. one that was
    sent over a socket as a plain dictionary)."""
    rec = _logRecordFactory(None, None, "", 0, "", (), None, None)
    rec.__dict__.update(dict)
    return rec


# ---------------------------------------------------------------------------
# Format styles
# ---------------------------------------------------------------------------

# One %-style field reference: %(key) then flags, width, precision, type.
_PERCENT_FIELD = re.compile(
    r'%\(\w+\)' + r'[#0+ -]*' + r'(?:\*|\d+)?' + r'(?:\.(?:\*|\d+))?'
    + '[diouxefgcrsa%]', re.I)


def _is_word_char(c):
    return c == '_' or c.isalnum()


def _word_end(text, i):
    # Index just past the run of word characters starting at i.
    while i < len(text) and _is_word_char(text[i]):
        i += 1
    return i


def _brace_fields(fmt):
    """(field_name, conversion, spec) for each replacement field of a
    str.format template, raising ValueError as str.format would for a
    malformed one."""
    out = []
    i, n = 0, len(fmt)
    while i < n:
        c = fmt[i]
        if c == '}':
            if i + 1 < n and fmt[i + 1] == '}':
                i += 2
                continue
            raise ValueError("Single '}' encountered in format string")
        if c != '{':
            i += 1
            continue
        if i + 1 < n and fmt[i + 1] == '{':
            i += 2
            continue
        if i + 1 >= n:
            raise ValueError("Single '{' encountered in format string")
        # Scan to the brace that closes this field; braces may nest in the
        # spec ("{x:{width}}").
        depth, j = 1, i + 1
        while j < n and depth:
            if fmt[j] == '{':
                depth += 1
            elif fmt[j] == '}':
                depth -= 1
            j += 1
        if depth:
            raise ValueError("expected '}' before end of string")
        body = fmt[i + 1:j - 1]
        k = 0
        while k < len(body) and body[k] not in '!:':
            if body[k] == '[':
                close = body.find(']', k)
                if close < 0:
                    break
                k = close
            k += 1
        name, rest = body[:k], body[k:]
        conversion = None
        if rest.startswith('!'):
            if len(rest) < 2:
                raise ValueError("end of string while looking for conversion specifier")
            conversion = rest[1]
            rest = rest[2:]
            if rest and not rest.startswith(':'):
                raise ValueError("expected ':' after conversion specifier")
        spec = rest[1:] if rest.startswith(':') else ''
        out.append((name, conversion, spec))
        i = j
    return out


def _field_name_ok(name):
    # A head (number or identifier) then any number of .attr or [key].
    i = _word_end(name, 0)
    if i == 0:
        return False
    while i < len(name):
        if name[i] == '.':
            j = _word_end(name, i + 1)
            if j == i + 1:
                return False
            i = j
        elif name[i] == '[':
            j = name.find(']', i + 1)
            if j <= i + 1:
                return False
            i = j + 1
        else:
            return False
    return True


def _count_or_ref_end(spec, i):
    # A width or precision: digits, or a nested {name}.
    if i < len(spec) and spec[i] == '{':
        j = _word_end(spec, i + 1)
        if j > i + 1 and j < len(spec) and spec[j] == '}':
            return j + 1
        return i
    while i < len(spec) and spec[i].isdigit():
        i += 1
    return i


def _spec_ok(spec):
    # [[fill]align][sign][#][0][width][grouping][.precision][type]
    n = len(spec)
    if n >= 2 and spec[1] in '<>=^':
        i = 2
    elif n >= 1 and spec[0] in '<>=^':
        i = 1
    else:
        i = 0
    for optional in ('+- ', '#', '0'):
        if i < n and spec[i] in optional:
            i += 1
    i = _count_or_ref_end(spec, i)
    if i < n and spec[i] in ',_':
        i += 1
    if i < n and spec[i] == '.':
        j = _count_or_ref_end(spec, i + 1)
        if j == i + 1:
            return False
        i = j
    if i < n and spec[i].lower() in 'bcdefgnosx%':
        i += 1
    return i == n


def _dollar_fields(fmt):
    """Names referred to by a string.Template text; a '$' that starts no
    valid reference raises ValueError."""
    names = []
    i = fmt.find('$')
    while i >= 0:
        nxt = fmt[i + 1:i + 2]
        if nxt == '$':
            i = fmt.find('$', i + 2)
            continue
        if nxt == '{':
            end = _ascii_ident_end(fmt, i + 2)
            if end > i + 2 and fmt[end:end + 1] == '}':
                names.append(fmt[i + 2:end])
                i = fmt.find('$', end + 1)
                continue
        else:
            end = _ascii_ident_end(fmt, i + 1)
            if end > i + 1:
                names.append(fmt[i + 1:end])
                i = fmt.find('$', end)
                continue
        raise ValueError("invalid format: bare '$' not allowed")
    return names


def _ascii_ident_end(text, i):
    start = i
    while i < len(text):
        c = text[i]
        if c == '_' or ('a' <= c <= 'z') or ('A' <= c <= 'Z') or (i > start and '0' <= c <= '9'):
            i += 1
        else:
            break
    return i


class PercentStyle:
    """Record formatting with printf-style %(name)s references."""

    default_format = '%(message)s'
    asctime_format = '%(asctime)s'
    asctime_search = '%(asctime)'
    validation_pattern = _PERCENT_FIELD

    def __init__(self, fmt, *, defaults=None):
        self._fmt = fmt if fmt else self.default_format
        self._defaults = defaults

    def usesTime(self):
        return self.asctime_search in self._fmt

    def validate(self):
        """Raise ValueError unless the format refers to some field."""
        if self.validation_pattern.search(self._fmt) is None:
            marker = self.default_format[0]
            raise ValueError(f"Invalid format '{self._fmt}' for '{marker}' style")

    def _values(self, record):
        if self._defaults:
            merged = dict(self._defaults)
            merged.update(record.__dict__)
            return merged
        return record.__dict__

    def _format(self, record):
        return self._fmt % self._values(record)

    def format(self, record):
        try:
            return self._format(record)
        except KeyError as missing:
            raise ValueError(f'Formatting field not found in record: {missing}')


class StrFormatStyle(PercentStyle):
    """Record formatting with str.format {name} references."""

    default_format = '{message}'
    asctime_format = '{asctime}'
    asctime_search = '{asctime'

    def _format(self, record):
        return self._fmt.format(**self._values(record))

    def validate(self):
        """Raise ValueError for malformed fields or when there are none."""
        seen = set()
        try:
            for name, conversion, spec in _brace_fields(self._fmt):
                if name:
                    if not _field_name_ok(name):
                        raise ValueError(f'invalid field name/expression: {name!r}')
                    seen.add(name)
                if conversion is not None and conversion not in ('r', 's', 'a'):
                    raise ValueError(f'invalid conversion: {conversion!r}')
                if spec and not _spec_ok(spec):
                    raise ValueError(f'bad specifier: {spec!r}')
        except ValueError as problem:
            raise ValueError(f'invalid format: {problem}')
        if not seen:
            raise ValueError(_NO_FIELDS)


class StringTemplateStyle(PercentStyle):
    """Record formatting with string.Template $name references."""

    default_format = '${message}'
    asctime_format = '${asctime}'
    asctime_search = '${asctime}'

    def __init__(self, fmt, *, defaults=None):
        super().__init__(fmt, defaults=defaults)
        self._compiled = None

    def usesTime(self):
        return '$asctime' in self._fmt or self.asctime_search in self._fmt

    def validate(self):
        """Raise ValueError for a stray '$' or when no field is named."""
        if not _dollar_fields(self._fmt):
            raise ValueError(_NO_FIELDS)

    def _format(self, record):
        if self._compiled is None:
            from string import Template
            self._compiled = Template(self._fmt)
        return self._compiled.substitute(**self._values(record))


BASIC_FORMAT = "%(levelname)s:%(name)s:%(message)s"

# style character -> (style class, basicConfig's default format)
_STYLES = {}
for _cls, _layout in ((PercentStyle, BASIC_FORMAT),
                      (StrFormatStyle, BASIC_FORMAT.replace('%(', '{').replace(')s', '}')),
                      (StringTemplateStyle, BASIC_FORMAT.replace('%(', '${').replace(')s', '}'))):
    _STYLES[_cls.default_format[0]] = (_cls, _layout)
del _cls, _layout


def _style_class(style):
    if style not in _STYLES:
        choices = ','.join(_STYLES)
        raise ValueError(f'Style must be one of: {choices}')
    return _STYLES[style][0]


# ---------------------------------------------------------------------------
# Formatters
# ---------------------------------------------------------------------------

_NO_FIELDS = 'invalid format: no fields'
_UNPRINTABLE = ('Unable to print the message and arguments - possible '
                'formatting error.\nUse the traceback above to help find '
                'the error.\n')


def _join_block(text, block):
    # Put `block` on the lines after `text`.
    if not text.endswith('\n'):
        text += '\n'
    return text + block


class Formatter:
    """Turns a LogRecord into text.

    `fmt` refers to record attributes in the chosen `style` ('%', '{' or
    '$'); `datefmt` is a time.strftime format for %(asctime)s; `defaults`
    supplies values for fields a record lacks."""

    converter = time.localtime
    default_time_format = "%Y-%m-%d %H:%M:%S"
    default_msec_format = "%s,%03d"

    def __init__(self, fmt=None, datefmt=None, style='%', validate=True,
                 *, defaults=None):
        self._style = _style_class(style)(fmt, defaults=defaults)
        if validate:
            self._style.validate()
        self._fmt = self._style._fmt
        self.datefmt = datefmt

    def formatTime(self, record, datefmt=None):
        """record.created as text: strftime with `datefmt`, else the default
        layout followed by the milliseconds."""
        when = self._convert(record.created)
        if datefmt:
            return time.strftime(datefmt, when)
        text = time.strftime(self.default_time_format, when)
        if self.default_msec_format:
            text = self.default_msec_format % (text, record.msecs)
        return text

    def _convert(self, secs):
        conv = self.converter
        # torii's time.localtime and time.gmtime are Python functions, which
        # a class attribute turns into methods; CPython's are builtins.
        if (isinstance(conv, MethodType) and conv.__self__ is self
                and getattr(conv.__func__, '__module__', None) == 'time'):
            conv = conv.__func__
        return conv(secs)

    def formatException(self, ei):
        """The traceback report of exc_info tuple `ei`, without the final
        newline."""
        buf = io.StringIO()
        traceback.print_exception(ei[0], ei[1], ei[2], limit=None, file=buf)
        text = buf.getvalue()
        buf.close()
        return text[:-1] if text.endswith('\n') else text

    def usesTime(self):
        """Whether the format refers to asctime."""
        return self._style.usesTime()

    def formatMessage(self, record):
        return self._style.format(record)

    def formatStack(self, stack_info):
        """Hook for subclasses: the text shown for a record's stack_info."""
        return stack_info

    def format(self, record):
        """The full text for `record`: the formatted message, then any
        exception report, then any stack information."""
        merged = record.getMessage()
        record.message = merged
        if self.usesTime():
            record.asctime = self.formatTime(record, datefmt=self.datefmt)
        text = self.formatMessage(record)
        ei = record.exc_info
        if ei and not record.exc_text:
            # Kept on the record, so other handlers need not redo it.
            record.exc_text = self.formatException(ei)
        if record.exc_text:
            text = _join_block(text, record.exc_text)
        if record.stack_info:
            text = _join_block(text, self.formatStack(record.stack_info))
        return text


_defaultFormatter = Formatter()


class BufferingFormatter:
    """Formats a batch of records: a header, each record, a footer."""

    def __init__(self, linefmt=None):
        self.linefmt = linefmt if linefmt else _defaultFormatter

    def formatHeader(self, records):
        return ""

    def formatFooter(self, records):
        return ""

    def format(self, records):
        if not records:
            return ""
        pieces = [self.formatHeader(records)]
        pieces.extend(self.linefmt.format(rec) for rec in records)
        pieces.append(self.formatFooter(records))
        return "".join(pieces)


# ---------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------

class Filter:
    """Lets through the records of the logger called `name` and of the
    loggers below it; an empty name lets everything through."""

    def __init__(self, name=''):
        self.name = name
        self.nlen = len(name)

    def filter(self, record):
        if not self.nlen:
            return True
        got = record.name
        if got == self.name:
            return True
        return got.startswith(self.name) and got[self.nlen:self.nlen + 1] == '.'


class Filterer:
    """Base of loggers and handlers: a list of filters a record must pass."""

    def __init__(self):
        self.filters = []

    def addFilter(self, filter):
        if filter not in self.filters:
            self.filters.append(filter)

    def removeFilter(self, filter):
        if filter in self.filters:
            self.filters.remove(filter)

    def filter(self, record):
        """False when some filter rejects `record`; otherwise the record to
        go on with (a filter may hand back a replacement LogRecord).

        A filter is an object with a filter(record) method or a plain
        callable."""
        for check in self.filters:
            method = getattr(check, 'filter', None)
            verdict = method(record) if method is not None else check(record)
            if not verdict:
                return False
            if isinstance(verdict, LogRecord):
                record = verdict
        return record


# ---------------------------------------------------------------------------
# Handlers
# ---------------------------------------------------------------------------

# Named handlers, for getHandlerByName and config; weakly held.
_handlers = weakref.WeakValueDictionary()
# Every handler ever made, as weak references in creation order, so that
# shutdown() can flush and close the live ones newest first.
_handlerList = []


def _drop_handler_ref(ref):
    with _lock:
        try:
            _handlerList.remove(ref)
        except ValueError:
            pass


def _addHandlerRef(handler):
    with _lock:
        _handlerList.append(weakref.ref(handler, _drop_handler_ref))


def getHandlerByName(name):
    """The live handler that was given `name`, or None."""
    return _handlers.get(name)


def getHandlerNames():
    """The names of all live named handlers, as a frozenset."""
    return frozenset(_handlers)


class Handler(Filterer):
    """Delivers records somewhere; subclasses say where, in emit()."""

    def __init__(self, level=NOTSET):
        Filterer.__init__(self)
        self._name = None
        self.level = _level_number(level)
        self.formatter = None
        self._closed = False
        _addHandlerRef(self)
        self.createLock()

    def get_name(self):
        return self._name

    def set_name(self, name):
        with _lock:
            old = self._name
            if old in _handlers and _handlers.get(old) is self:
                del _handlers[old]
            self._name = name
            if name:
                _handlers[name] = self

    name = property(fget=get_name, fset=set_name)

    def createLock(self):
        """The lock that serialises emit() calls."""
        self.lock = threading.RLock()

    def _at_fork_reinit(self):
        self.lock = threading.RLock()

    def acquire(self):
        if self.lock:
            self.lock.acquire()

    def release(self):
        if self.lock:
            self.lock.release()

    def setLevel(self, level):
        self.level = _level_number(level)

    def format(self, record):
        """Text for `record`, from this handler's formatter or the default."""
        chosen = self.formatter if self.formatter else _defaultFormatter
        return chosen.format(record)

    def emit(self, record):
        raise NotImplementedError('emit must be implemented by Handler subclasses')

    def handle(self, record):
        """Filter `record` and emit it (under the lock) when it passes.

        Returns the filtering verdict: the record that was emitted, or
        False."""
        verdict = self.filter(record)
        if isinstance(verdict, LogRecord):
            record = verdict
        if verdict:
            self.acquire()
            try:
                self.emit(record)
            finally:
                self.release()
        return verdict

    def setFormatter(self, fmt):
        self.formatter = fmt

    def flush(self):
        """Hook for subclasses that buffer output."""

    def close(self):
        """Release what the handler holds; shutdown() calls this at exit.

        Subclasses that override it must call this version too."""
        with _lock:
            self._closed = True
            if self._name and _handlers.get(self._name) is self:
                del _handlers[self._name]

    def handleError(self, record):
        """Report an exception raised while handling `record` on stderr.

        Called from an ``except`` block in emit().  Nothing is written when
        raiseExceptions is false or there is no sys.stderr."""
        err_out = sys.stderr
        if not (raiseExceptions and err_out):
            return
        problem = sys.exception()
        try:
            err_out.write('--- Logging error ---\n')
            traceback.print_exception(problem, limit=None, file=err_out)
            err_out.write('Call stack:\n')
            frame = _report_origin()
            if frame is not None:
                err_out.write(_frames_text(frame))
            else:
                err_out.write('Logged from file %s, line %s\n'
                              % (record.filename, record.lineno))
            try:
                err_out.write('Message: %r\nArguments: %s\n'
                              % (record.msg, record.args))
            except RecursionError:
                raise
            except Exception:
                err_out.write(_UNPRINTABLE)
        except OSError:
            pass
        finally:
            problem = None

    def __repr__(self):
        return '<%s (%s)>' % (type(self).__name__, getLevelName(self.level))


def _report_origin():
    # The innermost frame outside this package on the way to the handler
    # that failed: where the logging call was made.  The walk starts at
    # the caller of handleError() (normally the emit() whose except block
    # called it), since torii's traceback frames have no f_back.
    frame = sys._getframe(2)
    while frame is not None and _in_package(frame.f_code.co_filename):
        frame = frame.f_back
    return frame


def _stream_label(stream):
    name = getattr(stream, 'name', None)
    if name is None:
        # torii's standard streams have no name attribute.
        if stream is getattr(sys, '__stderr__', None):
            name = '<stderr>'
        elif stream is getattr(sys, '__stdout__', None):
            name = '<stdout>'
        else:
            name = ''
    name = str(name)
    return name + ' ' if name else ''


class StreamHandler(Handler):
    """Writes each formatted record and `terminator` to a stream (an
    object with write(), and flush() if it has one); sys.stderr by
    default."""

    terminator = '\n'

    def __init__(self, stream=None):
        Handler.__init__(self)
        self.stream = sys.stderr if stream is None else stream

    def flush(self):
        with self.lock:
            out = self.stream
            if out and hasattr(out, "flush"):
                out.flush()

    def emit(self, record):
        try:
            text = self.format(record)
            # One write call per record: concurrent writers cannot split it.
            self.stream.write(text + self.terminator)
            self.flush()
        except RecursionError:
            raise
        except Exception:
            self.handleError(record)

    def setStream(self, stream):
        """Write to `stream` from now on; returns the previous stream, or
        None when `stream` is already the one in use."""
        if stream is self.stream:
            return None
        with self.lock:
            previous = self.stream
            self.flush()
            self.stream = stream
        return previous

    def __repr__(self):
        return '<%s %s(%s)>' % (type(self).__name__, _stream_label(self.stream),
                                getLevelName(self.level))

    __class_getitem__ = classmethod(_Alias)


def _text_encoding(encoding):
    # io.text_encoding where the runtime has it.
    chooser = getattr(io, 'text_encoding', None)
    if chooser is not None:
        return chooser(encoding)
    return 'locale' if encoding is None else encoding


def _open_encoding(encoding):
    # torii's open() knows only utf-8 and rejects 'locale'.
    if encoding == 'locale' and not hasattr(io, 'text_encoding'):
        return None
    return encoding


class FileHandler(StreamHandler):
    """Writes records to a file, opened at once or (delay=True) at the
    first record."""

    def __init__(self, filename, mode='a', encoding=None, delay=False,
                 errors=None):
        path = os.fspath(filename) if hasattr(os, 'fspath') else filename
        self.baseFilename = os.path.abspath(path)
        self.mode = mode
        self.encoding = encoding if 'b' in mode else _text_encoding(encoding)
        self.errors = errors
        self.delay = delay
        if delay:
            # Opened by the first record that arrives.
            Handler.__init__(self)
            self.stream = None
        else:
            first_stream = self._open()
            StreamHandler.__init__(self, first_stream)

    def close(self):
        with self.lock:
            try:
                held = self.stream
                if held:
                    try:
                        self.flush()
                    finally:
                        self.stream = None
                        if hasattr(held, "close"):
                            held.close()
            finally:
                StreamHandler.close(self)

    def _open(self):
        """Open baseFilename with the handler's mode, encoding and errors."""
        kwargs = {}
        enc = _open_encoding(self.encoding)
        if enc is not None:
            kwargs['encoding'] = enc
        if self.errors is not None:
            kwargs['errors'] = self.errors
        return open(self.baseFilename, self.mode, **kwargs)

    def emit(self, record):
        # A delayed file is opened by the first record; after close() a
        # 'w' file stays shut (reopening would truncate it).
        if self.stream is None and (self.mode != 'w' or not self._closed):
            self.stream = self._open()
        if self.stream:
            super().emit(record)

    def __repr__(self):
        return '<%s %s (%s)>' % (type(self).__name__, self.baseFilename,
                                 getLevelName(self.level))


class _StderrHandler(StreamHandler):
    """Writes to whatever sys.stderr is at the time (lastResort)."""

    def __init__(self, level=NOTSET):
        Handler.__init__(self, level)

    @property
    def stream(self):
        return sys.stderr


_defaultLastResort = _StderrHandler(level=WARNING)
# Used when a record finds no handler anywhere on its way to the root.
lastResort = _defaultLastResort


class NullHandler(Handler):
    """Discards everything: for libraries that must not print by default."""

    def handle(self, record):
        """Nothing to do."""

    def emit(self, record):
        """Nothing to do."""

    def createLock(self):
        self.lock = None

    def _at_fork_reinit(self):
        pass


# ---------------------------------------------------------------------------
# The logger tree
# ---------------------------------------------------------------------------

class PlaceHolder:
    """Stands in the tree for a dotted name that no one has asked for yet
    but that has loggers below it (those are kept in loggerMap)."""

    def __init__(self, alogger):
        self.loggerMap = {alogger: None}

    def append(self, alogger):
        self.loggerMap.setdefault(alogger, None)


def setLoggerClass(klass):
    """Make getLogger() create instances of `klass` (a Logger subclass)."""
    if klass != Logger and not issubclass(klass, Logger):
        raise TypeError("logger not derived from logging.Logger: " + klass.__name__)
    global _loggerClass
    _loggerClass = klass


def getLoggerClass():
    return _loggerClass


def _ancestor_names(name):
    # The proper ancestors of a dotted name, nearest first.  Like the
    # reference implementation this steps over a dot that follows another
    # dot directly ("a..b" has the single ancestor "a.").
    out = []
    cut = name.rfind('.')
    while cut > 0:
        out.append(name[:cut])
        cut = name.rfind('.', 0, cut - 1)
    return out


class Manager:
    """Holds the logger tree below `rootnode`: loggerDict maps each dotted
    name to its Logger (or to a PlaceHolder)."""

    def __init__(self, rootnode):
        self.root = rootnode
        self.disable = 0
        self.emittedNoHandlerWarning = False
        self.loggerDict = {}
        self.loggerClass = None
        self.logRecordFactory = None

    @property
    def disable(self):
        return self._disabled_upto

    @disable.setter
    def disable(self, value):
        self._disabled_upto = _level_number(value)

    def getLogger(self, name):
        """The logger called `name`, made (and linked into the tree) the
        first time it is asked for."""
        if not isinstance(name, str):
            raise TypeError("A logger name must be a string")
        with _lock:
            known = self.loggerDict.get(name)
            if known is not None and not isinstance(known, PlaceHolder):
                return known
            made = (self.loggerClass or _loggerClass)(name)
            made.manager = self
            self.loggerDict[name] = made
            if known is not None:
                self._adopt_children(known, made)
            self._link_to_parent(made)
            return made

    def setLoggerClass(self, klass):
        if klass != Logger and not issubclass(klass, Logger):
            raise TypeError("logger not derived from logging.Logger: " + klass.__name__)
        self.loggerClass = klass

    def setLogRecordFactory(self, factory):
        self.logRecordFactory = factory

    def _link_to_parent(self, made):
        # Give `made` its nearest existing ancestor as parent, leaving
        # placeholders on the way for names not yet made.
        parent = None
        for prefix in _ancestor_names(made.name):
            entry = self.loggerDict.get(prefix)
            if entry is None:
                self.loggerDict[prefix] = PlaceHolder(made)
            elif isinstance(entry, PlaceHolder):
                entry.append(made)
            else:
                parent = entry
                break
        made.parent = parent if parent is not None else self.root

    def _adopt_children(self, holder, made):
        # `made` replaces a placeholder: it becomes the parent of those
        # loggers the placeholder knew whose parent is above it.
        stem = made.name
        for child in holder.loggerMap:
            if not child.parent.name.startswith(stem):
                made.parent = child.parent
                child.parent = made

    def _clear_cache(self):
        """Forget every logger's cached isEnabledFor answers."""
        with _lock:
            for entry in self.loggerDict.values():
                if isinstance(entry, Logger):
                    entry._cache.clear()
            self.root._cache.clear()


def _logger_method(level, name, doc):
    # Logger.debug(), .info(), ...: check the level, then build and
    # handle the record.
    def method(self, msg, *args, **kw):
        if self.isEnabledFor(level):
            self._log(level, msg, args, **kw)
    method.__name__ = name
    method.__qualname__ = 'Logger.' + name
    method.__doc__ = doc
    return method


_CALL_KEYWORDS = """

        Keyword arguments: exc_info (true, an exception or an exc_info
        tuple), stack_info, stacklevel (how many callers further out the
        reported location lies) and extra (a dict of attributes to add to
        the record)."""


def _exc_triple(given):
    # exc_info=... as a (type, value, traceback) tuple.
    if isinstance(given, tuple):
        return given
    if isinstance(given, BaseException):
        return type(given), given, given.__traceback__
    return sys.exc_info()


_UNKNOWN_CALLER = ("(unknown file)", 0, "(unknown function)", None)


class Logger(Filterer):
    """A named channel for messages.

    Get loggers from getLogger(name), never by instantiating this class:
    that way one name always means one logger, linked into the tree."""

    def __init__(self, name, level=NOTSET):
        Filterer.__init__(self)
        self.name = name
        self.level = _level_number(level)
        self.parent = None
        self.propagate = True
        self.handlers = []
        self.disabled = False
        self._cache = {}

    def setLevel(self, level):
        """Set the logger's own level (a number or a level name)."""
        self.level = _level_number(level)
        self.manager._clear_cache()

    debug = _logger_method(DEBUG, 'debug', "Log `msg % args` at DEBUG." + _CALL_KEYWORDS)
    info = _logger_method(INFO, 'info', "Log `msg % args` at INFO." + _CALL_KEYWORDS)
    warning = _logger_method(WARNING, 'warning', "Log `msg % args` at WARNING." + _CALL_KEYWORDS)
    error = _logger_method(ERROR, 'error', "Log `msg % args` at ERROR." + _CALL_KEYWORDS)
    critical = _logger_method(CRITICAL, 'critical', "Log `msg % args` at CRITICAL." + _CALL_KEYWORDS)

    def fatal(self, msg, *args, **kw):
        """Same as critical()."""
        self.critical(msg, *args, **kw)

    def warn(self, msg, *args, **kw):
        warnings.warn(_WARN_METHOD, DeprecationWarning, 2)
        self.warning(msg, *args, **kw)

    def exception(self, msg, *args, exc_info=True, **kw):
        """Log at ERROR with the exception being handled; call it from an
        exception handler."""
        self.error(msg, *args, exc_info=exc_info, **kw)

    def log(self, level, msg, *args, **kw):
        """Log `msg % args` at the integer `level`."""
        if isinstance(level, int):
            if self.isEnabledFor(level):
                self._log(level, msg, args, **kw)
        elif raiseExceptions:
            raise TypeError("level must be an integer")

    def findCaller(self, stack_info=False, stacklevel=1):
        """(filename, lineno, function name, stack text or None) of the
        code that made the logging call.

        Frames of this module are passed over; stacklevel > 1 goes that
        many callers further out (the outermost frame if the stack is not
        that deep)."""
        frame = sys._getframe(0)
        wanted = stacklevel
        while wanted > 0:
            outer = frame.f_back
            if outer is None:
                break
            frame = outer
            if not _belongs_to_logging(frame.f_code.co_filename):
                wanted -= 1
        code = frame.f_code
        sinfo = _stack_text(frame) if stack_info else None
        return code.co_filename, frame.f_lineno, code.co_name, sinfo

    def makeRecord(self, name, level, fn, lno, msg, args, exc_info, func=None,
                   extra=None, sinfo=None):
        """Build the LogRecord (through the record factory) and add the
        `extra` attributes, which must not replace existing ones."""
        rec = _logRecordFactory(name, level, fn, lno, msg, args, exc_info,
                                func, sinfo)
        if extra is None:
            return rec
        attrs = rec.__dict__
        for key in extra:
            if key in attrs or key in ("message", "asctime"):
                raise KeyError(f"Attempt to overwrite {key!r} in LogRecord")
            attrs[key] = extra[key]
        return rec

    def _log(self, level, msg, args, exc_info=None, extra=None,
             stack_info=False, stacklevel=1):
        """Make the record and handle it (levels already checked)."""
        where = _UNKNOWN_CALLER
        if _srcfile:
            try:
                where = self.findCaller(stack_info, stacklevel)
            except ValueError:
                pass
        fn, lno, func, sinfo = where
        if exc_info:
            exc_info = _exc_triple(exc_info)
        rec = self.makeRecord(self.name, level, fn, lno, msg, args, exc_info,
                              func, extra, sinfo)
        self.handle(rec)

    def handle(self, record):
        """Pass `record` through the logger's filters, then to the
        handlers."""
        if self.disabled:
            return
        verdict = self.filter(record)
        if not verdict:
            return
        if isinstance(verdict, LogRecord):
            record = verdict
        self.callHandlers(record)

    def addHandler(self, hdlr):
        with _lock:
            if hdlr not in self.handlers:
                self.handlers.append(hdlr)

    def removeHandler(self, hdlr):
        with _lock:
            if hdlr in self.handlers:
                self.handlers.remove(hdlr)

    def hasHandlers(self):
        """Whether this logger or an ancestor it propagates to has any
        handler."""
        node = self
        while node is not None:
            if node.handlers:
                return True
            node = node.parent if node.propagate else None
        return False

    def callHandlers(self, record):
        """Offer `record` to the handlers of this logger and of its
        ancestors up to the first that does not propagate; with none at
        all, lastResort takes it."""
        seen = 0
        node = self
        level = record.levelno
        while node is not None:
            for hdlr in node.handlers:
                seen += 1
                if hdlr.level <= level:
                    hdlr.handle(record)
            node = node.parent if node.propagate else None
        if seen:
            return
        fallback = lastResort
        if fallback:
            if fallback.level <= level:
                fallback.handle(record)
            return
        mgr = self.manager
        if raiseExceptions and not mgr.emittedNoHandlerWarning:
            sys.stderr.write(f'No handlers could be found for logger "{self.name}"\n')
            mgr.emittedNoHandlerWarning = True

    def getEffectiveLevel(self):
        """The first level set on this logger or an ancestor (NOTSET when
        none is)."""
        node = self
        while node is not None:
            if node.level:
                return node.level
            node = node.parent
        return NOTSET

    def isEnabledFor(self, level):
        """Whether a record at `level` would be processed (answers are
        cached until some level changes)."""
        if self.disabled:
            return False
        known = self._cache.get(level)
        if known is not None:
            return known
        with _lock:
            answer = (level > self.manager.disable
                      and level >= self.getEffectiveLevel())
            self._cache[level] = answer
        return answer

    def getChild(self, suffix):
        """The logger `suffix` below this one (suffix may be dotted)."""
        full = suffix if self.root is self else self.name + '.' + suffix
        return self.manager.getLogger(full)

    def getChildren(self):
        """The set of loggers directly below this one."""
        depth = 0 if self is self.manager.root else self.name.count('.') + 1
        with _lock:
            return set(node for node in self.manager.loggerDict.values()
                       if isinstance(node, Logger) and node.parent is self
                       and node.name.count('.') == depth)

    def __repr__(self):
        return '<%s %s (%s)>' % (type(self).__name__, self.name,
                                 getLevelName(self.getEffectiveLevel()))

    def __reduce__(self):
        if getLogger(self.name) is self:
            return getLogger, (self.name,)
        from pickle import PicklingError
        raise PicklingError('logger cannot be pickled')


class RootLogger(Logger):
    """The logger at the top of the tree, called "root"."""

    def __init__(self, level):
        super().__init__("root", level)

    def __reduce__(self):
        return getLogger, ()


_loggerClass = Logger

root = RootLogger(WARNING)
Logger.root = root
Logger.manager = Manager(root)


def getLogger(name=None):
    """The logger called `name`; the root logger for no name (or "root")."""
    if not name or (isinstance(name, str) and name == root.name):
        return root
    manager = Logger.manager
    return manager.getLogger(name)


_WARN_METHOD = "The 'warn' method is deprecated, use 'warning' instead"
_WARN_FUNCTION = "The 'warn' function is deprecated, use 'warning' instead"


def _adapter_method(level, name):
    # LoggerAdapter.debug(), .info(), ...: all go through log().
    def method(self, msg, *args, **kw):
        self.log(level, msg, *args, **kw)
    method.__name__ = name
    method.__qualname__ = 'LoggerAdapter.' + name
    method.__doc__ = "Log at %s through the adapted logger." % getLevelName(level)
    return method


def _to_logger(name):
    # A LoggerAdapter method that hands its arguments to the logger's.
    def method(self, *args):
        return getattr(self.logger, name)(*args)
    method.__name__ = name
    method.__qualname__ = 'LoggerAdapter.' + name
    return method


class LoggerAdapter:
    """Wraps a logger to add context: process() puts `extra` into the
    keyword arguments of every call (merged with a call's own extra when
    merge_extra is true)."""

    def __init__(self, logger, extra=None, merge_extra=False):
        self.logger = logger
        self.extra = extra
        self.merge_extra = merge_extra

    def process(self, msg, kwargs):
        """Hook: returns (msg, kwargs) as they go to the logger."""
        context = self.extra
        if "extra" in kwargs and self.merge_extra:
            context = {**context, **kwargs["extra"]}
        kwargs["extra"] = context
        return msg, kwargs

    debug = _adapter_method(DEBUG, 'debug')
    info = _adapter_method(INFO, 'info')
    warning = _adapter_method(WARNING, 'warning')
    error = _adapter_method(ERROR, 'error')
    critical = _adapter_method(CRITICAL, 'critical')

    def warn(self, msg, *args, **kw):
        warnings.warn(_WARN_METHOD, DeprecationWarning, 2)
        self.warning(msg, *args, **kw)

    def exception(self, msg, *args, exc_info=True, **kw):
        self.log(ERROR, msg, *args, exc_info=exc_info, **kw)

    def log(self, level, msg, *args, **kw):
        """Let process() adjust the call, then log through the logger."""
        if not self.isEnabledFor(level):
            return
        msg, kw = self.process(msg, kw)
        self.logger.log(level, msg, *args, **kw)

    isEnabledFor = _to_logger('isEnabledFor')
    setLevel = _to_logger('setLevel')
    getEffectiveLevel = _to_logger('getEffectiveLevel')
    hasHandlers = _to_logger('hasHandlers')

    def _log(self, level, msg, args, **kw):
        return self.logger._log(level, msg, args, **kw)

    @property
    def manager(self):
        return self.logger.manager

    @manager.setter
    def manager(self, value):
        self.logger.manager = value

    @property
    def name(self):
        return self.logger.name

    def __repr__(self):
        inner = self.logger
        return '<%s %s (%s)>' % (type(self).__name__, inner.name,
                                 getLevelName(inner.getEffectiveLevel()))

    __class_getitem__ = classmethod(_Alias)


# ---------------------------------------------------------------------------
# Module-level conveniences
# ---------------------------------------------------------------------------

def basicConfig(**settings):
    """Give the root logger a handler and formatter, if it has no handler
    yet (or force=True is given).

    Keywords: filename, filemode, format, datefmt, style, level, stream,
    handlers, force, encoding, errors."""
    take = settings.pop
    with _lock:
        if take('force', False):
            for old in list(root.handlers):
                root.removeHandler(old)
                old.close()
        if root.handlers:
            return
        handlers = take('handlers', None)
        has_stream, has_file = 'stream' in settings, 'filename' in settings
        if handlers is None and has_stream and has_file:
            raise ValueError("'stream' and 'filename' should not be specified together")
        if handlers is not None and (has_stream or has_file):
            raise ValueError("'stream' or 'filename' should not be specified together with 'handlers'")
        if handlers is None:
            path = take('filename', None)
            filemode = take('filemode', 'a')
            if path:
                enc = take('encoding', None)
                errs = take('errors', 'backslashreplace')
                if 'b' in filemode:
                    errs = None
                else:
                    enc = _text_encoding(enc)
                handlers = [FileHandler(path, filemode, encoding=enc, errors=errs)]
            else:
                handlers = [StreamHandler(take('stream', None))]
        datefmt = take('datefmt', None)
        style = take('style', '%')
        _style_class(style)
        shared = Formatter(take('format', _STYLES[style][1]), datefmt, style)
        for hdlr in handlers:
            if hdlr.formatter is None:
                hdlr.setFormatter(shared)
            root.addHandler(hdlr)
        level = take('level', None)
        if level is not None:
            root.setLevel(level)
        if settings:
            leftover = ', '.join(settings)
            raise ValueError(f'Unrecognised argument(s): {leftover}')


def _root_function(name):
    # logging.debug(), .info(), ...: configure the root logger if it has
    # no handler, then log through it.
    def function(msg, *args, **kw):
        if not root.handlers:
            basicConfig()
        getattr(root, name)(msg, *args, **kw)
    function.__name__ = function.__qualname__ = name
    function.__doc__ = ("Log at %s on the root logger (given a handler by "
                        "basicConfig() if it has none)." % name.upper())
    return function


critical = _root_function('critical')
error = _root_function('error')
warning = _root_function('warning')
info = _root_function('info')
debug = _root_function('debug')


def fatal(msg, *args, **kw):
    """Same as critical()."""
    critical(msg, *args, **kw)


def exception(msg, *args, exc_info=True, **kw):
    """Log at ERROR on the root logger with the exception being handled."""
    error(msg, *args, exc_info=exc_info, **kw)


def warn(msg, *args, **kw):
    warnings.warn(_WARN_FUNCTION, DeprecationWarning, 2)
    warning(msg, *args, **kw)


def log(level, msg, *args, **kw):
    """Log at `level` on the root logger."""
    if not root.handlers:
        basicConfig()
    root.log(level, msg, *args, **kw)


def disable(level=CRITICAL):
    """Ignore every record at `level` or below, whatever the loggers say."""
    root.manager.disable = level
    root.manager._clear_cache()


def shutdown(handlerList=_handlerList):
    """Flush and close every live handler, newest first (runs at exit)."""
    for ref in reversed(list(handlerList)):
        try:
            hdlr = ref()
            if not hdlr:
                continue
            hdlr.acquire()
            try:
                if getattr(hdlr, 'flushOnClose', True):
                    hdlr.flush()
                hdlr.close()
            except (OSError, ValueError):
                # The stream may already be gone (closed by its owner).
                pass
            finally:
                hdlr.release()
        except:
            if raiseExceptions:
                raise


import atexit
atexit.register(shutdown)


def _fresh_locks_in_child():
    # After fork() the child has one thread; locks other threads held at
    # the moment of the fork would never be released there.
    global _lock
    _lock = threading.RLock()
    for ref in list(_handlerList):
        hdlr = ref()
        if hdlr is not None:
            try:
                hdlr._at_fork_reinit()
            except Exception:
                pass


if hasattr(os, 'register_at_fork'):
    os.register_at_fork(before=_lock.acquire,
                        after_in_child=_fresh_locks_in_child,
                        after_in_parent=_lock.release)


# ---------------------------------------------------------------------------
# Warnings through logging
# ---------------------------------------------------------------------------

# warnings.showwarning as it was before captureWarnings(True).
_original_showwarning = None


def _showwarning(message, category, filename, lineno,
                 file=None, line=None):
    # The replacement for warnings.showwarning while captureWarnings(True)
    # is in force: warnings meant for the default place go to the
    # "py.warnings" logger; those written to a given file go on as before.
    if file is not None:
        before = _original_showwarning
        if before is not None:
            before(message, category, filename, lineno, file, line)
        return
    text = warnings.formatwarning(message, category, filename, lineno, line)
    target = getLogger("py.warnings")
    if not target.handlers:
        target.addHandler(NullHandler())
    target.warning(str(text))


def captureWarnings(capture):
    """Route warnings to the "py.warnings" logger (True) or back (False)."""
    global _original_showwarning
    if capture:
        if _original_showwarning is None:
            _original_showwarning, warnings.showwarning = warnings.showwarning, _showwarning
    elif _original_showwarning is not None:
        warnings.showwarning, _original_showwarning = _original_showwarning, None
