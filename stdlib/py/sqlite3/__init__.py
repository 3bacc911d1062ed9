"""The DB-API 2.0 interface to SQLite databases (PEP 249).

torii's sqlite3: the handles come from the C module _sqlite3 (one open
database, one prepared statement; SQL functions and aggregates written in
Python); this module is the API of CPython 3.13's sqlite3 over them:
connect(), Connection, Cursor, Row, the exception hierarchy, transactions
(the legacy isolation_level control and the autocommit attribute),
adapters and converters.

Threads: a Connection may be shared when check_same_thread is False; each
handle is locked in C, so concurrent calls are serialised per connection.
A Cursor, like CPython's, is meant for one thread at a time.
"""

import _sqlite3
import datetime
import os
import time
from _thread import get_ident as _get_ident
from _sqlite3 import sqlite_version, complete_statement, enable_callback_tracebacks

__all__ = [
    'connect', 'Connection', 'Cursor', 'Row', 'PrepareProtocol', 'Blob',
    'Warning', 'Error', 'InterfaceError', 'DatabaseError', 'DataError',
    'OperationalError', 'IntegrityError', 'InternalError', 'ProgrammingError',
    'NotSupportedError', 'register_adapter', 'register_converter', 'adapt',
    'complete_statement', 'enable_callback_tracebacks', 'adapters', 'converters',
    'PARSE_DECLTYPES', 'PARSE_COLNAMES', 'LEGACY_TRANSACTION_CONTROL',
    'sqlite_version', 'sqlite_version_info', 'apilevel', 'paramstyle',
    'threadsafety', 'Date', 'Time', 'Timestamp', 'DateFromTicks',
    'TimeFromTicks', 'TimestampFromTicks', 'Binary',
]

apilevel = "2.0"
paramstyle = "qmark"
threadsafety = 3   # Debian's libsqlite3 is built serialized
sqlite_version_info = tuple(int(x) for x in sqlite_version.split("."))

PARSE_DECLTYPES = 1
PARSE_COLNAMES = 2
LEGACY_TRANSACTION_CONTROL = -1

for _name in dir(_sqlite3):
    if _name.startswith("SQLITE_"):
        globals()[_name] = getattr(_sqlite3, _name)
del _name


# ---- exceptions ---------------------------------------------------------------

class Warning(Exception):
    pass


class Error(Exception):
    pass


class InterfaceError(Error):
    pass


class DatabaseError(Error):
    pass


class DataError(DatabaseError):
    pass


class OperationalError(DatabaseError):
    pass


class IntegrityError(DatabaseError):
    pass


class InternalError(DatabaseError):
    pass


class ProgrammingError(DatabaseError):
    pass


class NotSupportedError(DatabaseError):
    pass


_sqlite3._init({
    'InterfaceError': InterfaceError, 'DatabaseError': DatabaseError,
    'DataError': DataError, 'OperationalError': OperationalError,
    'IntegrityError': IntegrityError, 'InternalError': InternalError,
    'ProgrammingError': ProgrammingError, 'NotSupportedError': NotSupportedError,
})


# ---- adaptation ---------------------------------------------------------------

class PrepareProtocol:
    """The protocol object given to __conform__ and adapters."""

    def __init__(self, *args, **kwargs):
        if args or kwargs:
            raise TypeError("PrepareProtocol() takes no arguments")


adapters = {}
converters = {}


def register_adapter(type, adapter, /):
    adapters[(type, PrepareProtocol)] = adapter


def register_converter(typename, converter, /):
    if not isinstance(typename, str):
        raise TypeError("register_converter() argument 1 must be str, not "
                        + _tname(typename))
    converters[typename.upper()] = converter


def adapt(obj, proto=PrepareProtocol, alt=None, /):
    adapter = adapters.get((type(obj), proto))
    if adapter is not None:
        return adapter(obj)
    conform = getattr(proto, "__adapt__", None)
    if conform is not None:
        r = conform(obj)
        if r is not None:
            return r
    conform = getattr(obj, "__conform__", None)
    if conform is not None:
        r = conform(proto)
        if r is not None:
            return r
    if alt is not None:
        return alt
    raise ProgrammingError("can't adapt")


def _adapt(obj):
    # What a parameter goes through before it is bound (values of the basic
    # types skip this in C).
    adapter = adapters.get((type(obj), PrepareProtocol))
    if adapter is not None:
        return adapter(obj)
    conform = getattr(type(obj), "__conform__", None)
    if conform is not None:
        r = obj.__conform__(PrepareProtocol)
        if r is not None:
            return r
    return obj


_callable = callable


def _tname(o):
    return type(o).__name__


_NOARG = object()   # an argument not given


def _warn(msg, level):
    import warnings
    warnings.warn(msg, DeprecationWarning, stacklevel=level + 1)


def _warn_named(named, level):
    for i, name in named:
        _warn("Binding %d (%r) is a named parameter, but you supplied a sequence which "
              "requires nameless (qmark) placeholders. Starting with Python 3.14 an "
              "sqlite3.ProgrammingError will be raised." % (i, name), level + 1)


_POSITIONAL = ("timeout", "detect_types", "isolation_level", "check_same_thread", "factory",
               "cached_statements", "uri")


def _positional_warning(who, args, kwargs, level):
    # 3.13 deprecates passing these positionally; `args` moves into `kwargs`.
    _warn("Passing more than 1 positional argument to %s is deprecated. Parameters "
          "'timeout', 'detect_types', 'isolation_level', 'check_same_thread', 'factory', "
          "'cached_statements' and 'uri' will become keyword-only parameters in Python 3.15."
          % who, level + 1)
    if len(args) > len(_POSITIONAL):
        raise TypeError("%s takes at most 8 arguments (%d given)" % (who, len(args) + 1 + len(kwargs)))
    for name, value in zip(_POSITIONAL, args):
        if name in kwargs:
            raise TypeError("argument for %s given by name ('%s') and position" % (who, name))
        kwargs[name] = value


def _nargs(fname, lo, hi, more, none=False):
    # The count error of a positional-only C method, as Argument Clinic words it.
    got = hi + len(more) if more else lo - 1 if not none or lo == 1 else 0
    if lo == hi:
        raise TypeError("%s expected %d argument%s, got %d" % (fname, lo, "" if lo == 1 else "s", got))
    if more:
        raise TypeError("%s expected at most %d argument%s, got %d" % (fname, hi, "" if hi == 1 else "s", got))
    raise TypeError("%s expected at least %d argument%s, got %d" % (fname, lo, "" if lo == 1 else "s", got))


# ---- rows -----------------------------------------------------------------------

class Row:
    """A row that can be indexed by position and by case-insensitive name."""

    __slots__ = ("_desc", "_data")

    def __new__(cls, cursor, data, /):
        if not isinstance(cursor, Cursor):
            raise TypeError("Row() argument 1 must be sqlite3.Cursor, not "
                            + _tname(cursor))
        if not isinstance(data, tuple):
            raise TypeError("Row() argument 2 must be tuple, not " + _tname(data))
        self = object.__new__(cls)
        self._desc = cursor.description
        self._data = data
        return self

    def keys(self):
        desc = self._desc
        return [] if desc is None else [d[0] for d in desc]

    def __len__(self):
        return len(self._data)

    def __iter__(self):
        return iter(self._data)

    def __getitem__(self, key):
        if isinstance(key, int):
            return self._data[key]
        if isinstance(key, str):
            desc = self._desc
            if desc is not None:
                if key.isascii():
                    low = key.lower()
                    for i, d in enumerate(desc):
                        name = d[0]
                        if len(name) == len(key) and name.lower() == low and name.isascii():
                            return self._data[i]
                for i, d in enumerate(desc):
                    if d[0] == key:
                        return self._data[i]
            raise IndexError("No item with that key")
        if isinstance(key, slice):
            return self._data[key]
        raise IndexError("Index must be int or string")

    def __hash__(self):
        return hash(self._desc) ^ hash(self._data)

    def __eq__(self, other):
        if not isinstance(other, Row):
            return NotImplemented
        return self._desc == other._desc and self._data == other._data

    def __ne__(self, other):
        if not isinstance(other, Row):
            return NotImplemented
        return not (self._desc == other._desc and self._data == other._data)

    # CPython names the C type 'sqlite3.Row' in its TypeError.
    def _order(self, other, op):
        raise TypeError("'%s' not supported between instances of 'sqlite3.Row' and '%s'"
                        % (op, "sqlite3.Row" if isinstance(other, Row) else _tname(other)))

    def __lt__(self, other):
        self._order(other, "<")

    def __le__(self, other):
        self._order(other, "<=")

    def __gt__(self, other):
        self._order(other, ">")

    def __ge__(self, other):
        self._order(other, ">=")


# ---- cursors --------------------------------------------------------------------

class Cursor:
    """A cursor: runs statements on its connection and fetches their rows."""

    def __init__(self, connection, /):
        if not isinstance(connection, Connection):
            raise TypeError("Cursor() argument 1 must be sqlite3.Connection, not "
                            + _tname(connection))
        self._connection = connection
        self._stmt = None          # the statement with a row pending, or None
        self._sql = None           # its SQL text (its key in the cache)
        self._desc_cols = None     # the column names `_desc` was built from
        self._desc = None
        self._conv = None          # its converters (a tuple) or None
        self._closed = False
        self.arraysize = 1
        self.description = None
        self.rowcount = -1
        self.lastrowid = None
        self.row_factory = connection.row_factory

    @property
    def connection(self):
        return self._connection

    def _check(self):
        if self._closed:
            raise ProgrammingError("Cannot operate on a closed cursor.")
        self._connection._check()

    def _drop(self):
        stmt = self._stmt
        if stmt is not None:
            self._stmt = None
            self._connection._db.release(self._sql, stmt)

    def close(self):
        self._connection._check_thread()
        self._drop()
        self._closed = True

    def _execute(self, sql, params_iter, many, level):
        # `level`: the warnings stacklevel of the caller's caller
        conn = self._connection
        if self._stmt is not None:
            self._drop()
        self.description = None
        self.rowcount = -1
        db = conn._db
        # prepare() takes a statement out of the connection's cache, and
        # release() puts it back: no two cursors ever share one.
        stmt = db.prepare(sql)
        if many and stmt.readonly():
            db.release(sql, stmt)
            raise ProgrammingError("executemany() can only execute DML statements.")
        is_dml = stmt.is_dml()
        if (is_dml and conn._autocommit == LEGACY_TRANSACTION_CONTROL
                and conn._isolation_level is not None and not db.in_transaction()):
            db.execscript("BEGIN " + conn._isolation_level)
        rowcount = 0 if is_dml else -1
        has_row = False
        for params in params_iter:
            if not isinstance(params, dict):
                named = stmt.named()
                if named:
                    _warn_named(named, level)
            has_row = stmt.run(params, _adapt)
            if has_row and many:
                db.release(sql, stmt)
                raise ProgrammingError("executemany() can only execute DML statements.")
            if is_dml and not has_row:
                rowcount += db.changes()
        self.rowcount = rowcount
        cols = stmt.columns()
        if cols is not None:
            # the cursor's own memo: the same columns as last time
            if cols != self._desc_cols:
                self._desc_cols = cols
                self._desc = self._describe(cols)
            self.description = self._desc
            self._conv = self._converters(stmt, cols) if conn._detect_types else None
        if not many:
            self.lastrowid = db.last_insert_rowid()
        if has_row:
            self._stmt = stmt
            self._sql = sql
        else:
            db.release(sql, stmt)
        return self

    def _describe(self, cols):
        colnames = self._connection._detect_types & PARSE_COLNAMES
        desc = []
        for name in cols:
            if colnames:
                i = name.find("[")
                if i >= 0:
                    if i > 0 and name[i - 1] == " ":
                        i -= 1
                    name = name[:i]
            desc.append((name, None, None, None, None, None, None))
        return tuple(desc)

    def _converters(self, stmt, cols):
        detect = self._connection._detect_types
        decl = stmt.decltypes() if detect & PARSE_DECLTYPES else None
        conv = []
        found = False
        for i, name in enumerate(cols):
            c = None
            if detect & PARSE_COLNAMES:
                a = name.find("[")
                if a >= 0:
                    b = name.find("]", a + 1)
                    if b >= 0:
                        c = converters.get(name[a + 1:b].upper())
            if c is None and decl is not None and decl[i] is not None:
                t = decl[i]
                for j, ch in enumerate(t):
                    if ch == " " or ch == "(":
                        t = t[:j]
                        break
                c = converters.get(t.upper())
            if c is not None:
                found = True
            conv.append(c)
        return tuple(conv) if found else None

    def execute(self, sql=_NOARG, parameters=(), /, *more):
        if sql is _NOARG or more:
            _nargs("execute", 1, 2, more)
        self._check()
        if not isinstance(sql, str):
            raise TypeError("execute() argument 1 must be str, not " + _tname(sql))
        return self._execute(sql, (parameters,), False, 3)

    def executemany(self, sql=_NOARG, seq_of_parameters=_NOARG, /, *more):
        if seq_of_parameters is _NOARG or more:
            _nargs("executemany", 2, 2, more, sql is _NOARG)
        self._check()
        if not isinstance(sql, str):
            raise TypeError("executemany() argument 1 must be str, not " + _tname(sql))
        return self._execute(sql, iter(seq_of_parameters), True, 3)

    def executescript(self, sql_script, /):
        self._check()
        if not isinstance(sql_script, str):
            raise TypeError("executescript() argument must be str, not " + _tname(sql_script))
        conn = self._connection
        self._drop()
        db = conn._db
        if conn._autocommit == LEGACY_TRANSACTION_CONTROL and db.in_transaction():
            db.execscript("COMMIT")
        db.execscript(sql_script)
        return self

    def __iter__(self):
        return self

    def __next__(self):
        self._check()
        stmt = self._stmt
        if stmt is None:
            raise StopIteration
        conn = self._connection
        data = stmt.row(conn.text_factory, self._conv)
        try:
            more = stmt.step()
        except BaseException:
            self._stmt = None
            stmt.finalize()
            raise
        if not more:
            self._stmt = None
            if stmt.is_dml():
                self.rowcount = conn._db.changes()
            conn._db.release(self._sql, stmt)
        factory = self.row_factory
        if factory is not None:
            return factory(self, data)
        return data

    def fetchone(self):
        try:
            return self.__next__()
        except StopIteration:
            return None

    def fetchmany(self, size=None):
        if size is None:
            size = self.arraysize
        rows = []
        while size > 0:
            try:
                rows.append(self.__next__())
            except StopIteration:
                break
            size -= 1
        return rows

    def fetchall(self):
        rows = []
        while True:
            try:
                rows.append(self.__next__())
            except StopIteration:
                return rows

    def setinputsizes(self, sizes, /):
        pass

    def setoutputsize(self, size, column=None, /):
        pass


# ---- connections ----------------------------------------------------------------

_LEVELS = ("", "DEFERRED", "IMMEDIATE", "EXCLUSIVE")


def _check_level(level):
    if level is None:
        return None
    if not isinstance(level, str):
        raise TypeError("isolation_level must be str or None")
    if level.upper() not in _LEVELS:
        raise ValueError("isolation_level string must be '', 'DEFERRED', "
                         "'IMMEDIATE', or 'EXCLUSIVE'")
    return level.upper()


def _check_autocommit(value):
    if value is True or value is False or value == LEGACY_TRANSACTION_CONTROL and type(value) is int:
        return value
    raise ValueError("autocommit must be True, False, or sqlite3.LEGACY_TRANSACTION_CONTROL")


class Connection:
    """An open SQLite database."""

    Warning = Warning
    Error = Error
    InterfaceError = InterfaceError
    DatabaseError = DatabaseError
    DataError = DataError
    OperationalError = OperationalError
    IntegrityError = IntegrityError
    InternalError = InternalError
    ProgrammingError = ProgrammingError
    NotSupportedError = NotSupportedError

    def __init__(self, database, *args, **kwargs):
        if args:
            _positional_warning("_sqlite3.Connection()", args, kwargs, 2)
        self._init(database, **kwargs)

    def _init(self, database, timeout=5.0, detect_types=0, isolation_level="",
              check_same_thread=True, factory=None, cached_statements=128,
              uri=False, *, autocommit=LEGACY_TRANSACTION_CONTROL):
        path = os.fspath(database)
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        if not isinstance(timeout, (int, float)):
            raise TypeError("must be real number, not " + _tname(timeout))
        if not isinstance(detect_types, int):
            raise TypeError("'%s' object cannot be interpreted as an integer" % _tname(detect_types))
        level = _check_level(isolation_level)
        autocommit = _check_autocommit(autocommit)
        if not isinstance(cached_statements, int):
            raise TypeError("'%s' object cannot be interpreted as an integer" % _tname(cached_statements))
        self._db = _sqlite3.open(path, float(timeout), bool(uri), cached_statements)
        self._detect_types = detect_types
        self._isolation_level = level
        self._autocommit = autocommit
        self._check_same_thread = bool(check_same_thread)
        self._thread = _get_ident()
        self.row_factory = None
        self.text_factory = str
        if autocommit is False:
            self._db.execscript("BEGIN")

    # -- checks
    def _check_thread(self):
        if self._check_same_thread:
            me = _get_ident()
            if me != self._thread:
                raise ProgrammingError(
                    "SQLite objects created in a thread can only be used in that "
                    "same thread. The object was created in thread id %d and this "
                    "is thread id %d." % (self._thread, me))

    def _check(self):
        self._check_thread()
        if self._db.is_closed():
            raise ProgrammingError("Cannot operate on a closed database.")

    # -- attributes
    @property
    def isolation_level(self):
        return self._isolation_level

    @isolation_level.setter
    def isolation_level(self, value):
        self._check()
        level = _check_level(value)
        if level is None and self._autocommit == LEGACY_TRANSACTION_CONTROL and self._db.in_transaction():
            self._db.execscript("COMMIT")
        self._isolation_level = level

    @property
    def autocommit(self):
        return self._autocommit

    @autocommit.setter
    def autocommit(self, value):
        self._check()
        value = _check_autocommit(value)
        self._autocommit = value
        if value is True:
            if self._db.in_transaction():
                self._db.execscript("COMMIT")
        elif value is False:
            if not self._db.in_transaction():
                self._db.execscript("BEGIN")

    # These two check only that the connection is open, as in CPython.
    @property
    def in_transaction(self):
        if self._db.is_closed():
            raise ProgrammingError("Cannot operate on a closed database.")
        return self._db.in_transaction()

    @property
    def total_changes(self):
        if self._db.is_closed():
            raise ProgrammingError("Cannot operate on a closed database.")
        return self._db.total_changes()

    # -- cursors and statements
    def cursor(self, factory=Cursor):
        self._check()
        cur = factory(self)
        if not isinstance(cur, Cursor):
            raise TypeError("factory must return a cursor, not " + _tname(cur))
        return cur

    def execute(self, sql=_NOARG, parameters=(), /, *more):
        if sql is _NOARG or more:
            _nargs("execute", 1, 2, more)
        cur = self.cursor()
        if not isinstance(sql, str):
            raise TypeError("execute() argument 1 must be str, not " + _tname(sql))
        return cur._execute(sql, (parameters,), False, 3)

    def executemany(self, sql=_NOARG, parameters=_NOARG, /, *more):
        if parameters is _NOARG or more:
            _nargs("executemany", 2, 2, more, sql is _NOARG)
        cur = self.cursor()
        if not isinstance(sql, str):
            raise TypeError("executemany() argument 1 must be str, not " + _tname(sql))
        return cur._execute(sql, iter(parameters), True, 3)

    def executescript(self, sql_script, /):
        return self.cursor().executescript(sql_script)

    # -- transactions
    def commit(self):
        self._check()
        if self._autocommit == LEGACY_TRANSACTION_CONTROL:
            if self._db.in_transaction():
                self._db.execscript("COMMIT")
        elif self._autocommit is False:
            self._db.execscript("COMMIT")
            self._db.execscript("BEGIN")

    def rollback(self):
        self._check()
        if self._autocommit == LEGACY_TRANSACTION_CONTROL:
            if self._db.in_transaction():
                self._db.execscript("ROLLBACK")
        elif self._autocommit is False:
            self._db.execscript("ROLLBACK")
            self._db.execscript("BEGIN")

    def close(self):
        self._check_thread()
        db = self._db
        if db.is_closed():
            return
        if self._autocommit is False and db.in_transaction():
            db.execscript("ROLLBACK")
        db.close()

    # The cached statements and the handle refer to each other: closing
    # breaks that, and CPython closes a connection that is collected.
    def __del__(self):
        db = getattr(self, "_db", None)
        if db is not None:
            db.close()

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, exc_type, exc_value, traceback, /):
        if exc_type is None:
            try:
                self.commit()
            except BaseException:
                self.rollback()
                raise
        else:
            self.rollback()
        return False

    # -- functions
    def create_function(self, name, narg, func, /, *, deterministic=False):
        self._check()
        if not isinstance(name, str):
            raise TypeError("create_function() argument 1 must be str, not " + _tname(name))
        if not isinstance(narg, int):
            raise TypeError("'%s' object cannot be interpreted as an integer" % _tname(narg))
        self._db.create_function(name, narg, func, deterministic)

    def create_aggregate(self, name, n_arg, aggregate_class, /):
        self._check()
        if not isinstance(name, str):
            raise TypeError("create_aggregate() argument 1 must be str, not " + _tname(name))
        if not isinstance(n_arg, int):
            raise TypeError("'%s' object cannot be interpreted as an integer" % _tname(n_arg))
        self._db.create_aggregate(name, n_arg, aggregate_class, False)

    def iterdump(self, *, filter=None):
        from sqlite3.dump import _iterdump
        return _iterdump(self, filter)

    def create_collation(self, name, callable, /):
        self._check()
        if not isinstance(name, str):
            raise TypeError("create_collation() argument 1 must be str, not " + _tname(name))
        if callable is not None and not _callable(callable):
            raise TypeError("parameter must be callable")
        self._db.create_collation(name, callable)

    # Any thread may interrupt, whatever check_same_thread says.
    def interrupt(self):
        if self._db.is_closed():
            raise ProgrammingError("Cannot operate on a closed database.")
        self._db.interrupt()


def connect(database, *args, **kwargs):
    if args:
        _positional_warning("sqlite3.connect()", args, kwargs, 2)
        _positional_warning("_sqlite3.Connection()", (), {}, 2)
    factory = kwargs.pop("factory", Connection)
    if factory is None:
        factory = Connection
    return factory(database, **kwargs)


class Blob:
    def __init__(self, *args, **kwargs):
        raise TypeError("cannot create 'sqlite3.Blob' instances")


# ---- the DB-API constructors and the default adapters and converters ------------

Date = datetime.date
Time = datetime.time
Timestamp = datetime.datetime


def DateFromTicks(ticks):
    return Date(*time.localtime(ticks)[:3])


def TimeFromTicks(ticks):
    return Time(*time.localtime(ticks)[3:6])


def TimestampFromTicks(ticks):
    return Timestamp(*time.localtime(ticks)[:6])


Binary = memoryview


def _deprecated(what):
    import warnings
    warnings.warn("The default %s is deprecated as of Python 3.12; see the sqlite3 "
                  "documentation for suggested replacement recipes" % what,
                  DeprecationWarning, stacklevel=3)


def _adapt_date(val):
    _deprecated("date adapter")
    return val.isoformat()


def _adapt_datetime(val):
    _deprecated("datetime adapter")
    return val.isoformat(" ")


def _convert_date(val):
    _deprecated("date converter")
    return datetime.date(*map(int, val.split(b"-")))


def _convert_timestamp(val):
    _deprecated("timestamp converter")
    datepart, timepart = val.split(b" ")
    year, month, day = map(int, datepart.split(b"-"))
    timepart_full = timepart.split(b".")
    hours, minutes, seconds = map(int, timepart_full[0].split(b":"))
    if len(timepart_full) == 2:
        microseconds = int('{:0<6.6}'.format(timepart_full[1].decode()))
    else:
        microseconds = 0
    return datetime.datetime(year, month, day, hours, minutes, seconds, microseconds)


register_adapter(datetime.date, _adapt_date)
register_adapter(datetime.datetime, _adapt_datetime)
register_converter("date", _convert_date)
register_converter("timestamp", _convert_timestamp)


# CPython warns on reading these (a module __getattr__), which torii does not
# support (PEP 562): plain values.
version = "2.6.0"
version_info = (2, 6, 0)
