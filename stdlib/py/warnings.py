"""Warning control: warn, warn_explicit, the filter list (filterwarnings,
simplefilter, resetwarnings, the -W options in sys.warnoptions),
showwarning/formatwarning, catch_warnings and WarningMessage.

torii's own implementation.  A filter is a tuple (action, message, category,
module, lineno) as CPython shows them: message and module are compiled
patterns (or None, or for the start-up filter on __main__ a plain module
name).  Threads: the filter list is replaced or changed by single list
operations; `_version` is bumped on every change so that the per-module
registries (__warningregistry__) forget what they remembered.
"""

import sys

__all__ = ["warn", "warn_explicit", "showwarning", "formatwarning", "filterwarnings",
           "simplefilter", "resetwarnings", "catch_warnings"]

_ACTIONS = ("default", "always", "all", "ignore", "module", "once", "error")

filters = []
defaultaction = "default"
onceregistry = {}
_version = [1]


def _changed():
    _version[0] += 1


# ---- the filter list ------------------------------------------------------------

def _insert(entry, append):
    # one copy of each filter: a repeated one moves to its new place
    try:
        filters.remove(entry)
    except ValueError:
        pass
    if append:
        filters.append(entry)
    else:
        filters.insert(0, entry)
    _changed()


def _check_action(action):
    if action not in _ACTIONS:
        raise ValueError("invalid action: %r" % (action,))


def _check_lineno(lineno):
    if not isinstance(lineno, int) or lineno < 0:
        raise ValueError("lineno must be an int >= 0")


def filterwarnings(action, message="", category=Warning, module="", lineno=0, append=False):
    """Adds a filter: `action` for warnings of `category` whose text starts
    with the pattern `message` (case-insensitively), raised from a module
    whose name matches `module`, at `lineno` (0: any)."""
    _check_action(action)
    if not isinstance(message, str):
        raise TypeError("message must be a string")
    if not isinstance(module, str):
        raise TypeError("module must be a string")
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError("category must be a Warning subclass")
    _check_lineno(lineno)
    import re
    pattern = re.compile(message, re.I) if message else None
    where = re.compile(module) if module else None
    _insert((action, pattern, category, where, lineno), append)


def simplefilter(action, category=Warning, lineno=0, append=False):
    """Adds a filter on category and line only (any text, any module)."""
    _check_action(action)
    _check_lineno(lineno)
    _insert((action, None, category, None, lineno), append)


def resetwarnings():
    """Removes every filter, the start-up ones too."""
    filters[:] = []
    _changed()


# ---- -W options ------------------------------------------------------------------

class _OptionError(Exception):
    pass


def _action_named(text):
    if not text:
        return "default"
    for a in _ACTIONS:
        if a.startswith(text):
            return a
    raise _OptionError("invalid action: %r" % (text,))


def _category_named(text):
    if not text:
        return Warning
    if '.' in text:
        modname, _, attr = text.rpartition('.')
        try:
            found = getattr(__import__(modname, None, None, [attr]), attr)
        except (ImportError, AttributeError):
            raise _OptionError("invalid module name: %r" % (modname,)) from None
    else:
        import builtins
        found = getattr(builtins, text, None)
        if found is None:
            raise _OptionError("unknown warning category: %r" % (text,))
    if not (isinstance(found, type) and issubclass(found, Warning)):
        raise _OptionError("invalid warning category: %r" % (text,))
    return found


def _add_option(arg):
    fields = arg.split(':')
    if len(fields) > 5:
        raise _OptionError("too many fields (max 5): %r" % (arg,))
    fields += [''] * (5 - len(fields))
    action, message, category, module, lineno = [f.strip() for f in fields]
    action = _action_named(action)
    category = _category_named(category)
    import re
    if message:
        message = re.escape(message)
    if module:
        module = re.escape(module) + r'\Z'
    if lineno:
        try:
            line = int(lineno)
            if line < 0:
                raise ValueError
        except (ValueError, OverflowError):
            raise _OptionError("invalid lineno %r" % (lineno,)) from None
    else:
        line = 0
    filterwarnings(action, message, category, module, line)


def _apply_options(options):
    for arg in options:
        try:
            _add_option(arg)
        except _OptionError as err:
            print("Invalid -W option ignored:", err, file=sys.stderr)


# ---- reporting -------------------------------------------------------------------

class WarningMessage(object):
    """One warning as catch_warnings(record=True) keeps it."""

    _fields = ("message", "category", "filename", "lineno", "file", "line", "source")

    def __init__(self, message, category, filename, lineno, file=None, line=None, source=None):
        self.message = message
        self.category = category
        self.filename = filename
        self.lineno = lineno
        self.file = file
        self.line = line
        self.source = source
        self._category_name = category.__name__ if category else None

    def __str__(self):
        return ("{message : %r, category : %r, filename : %r, lineno : %s, line : %r}"
                % (self.message, self._category_name, self.filename, self.lineno, self.line))


def formatwarning(message, category, filename, lineno, line=None):
    """The report text: 'file:line: Category: message', then the source line."""
    text = "%s:%s: %s: %s\n" % (filename, lineno, category.__name__, message)
    if line is None:
        try:
            import linecache
            line = linecache.getline(filename, lineno)
        except Exception:
            line = None
    if line:
        line = line.strip()
        if line:
            text += "  %s\n" % line
    return text


def _write(msg):
    f = msg.file if msg.file is not None else sys.stderr
    if f is None:
        return                      # no stderr: the warning is lost, as in CPython
    text = formatwarning(msg.message, msg.category, msg.filename, msg.lineno, msg.line)
    if msg.source is not None:
        # torii keeps no allocation tracebacks: say what CPython says when
        # tracemalloc is off
        text += "%s: Enable tracemalloc to get the object allocation traceback\n" % msg.category.__name__
    try:
        f.write(text)
    except OSError:
        pass


def showwarning(message, category, filename, lineno, file=None, line=None):
    """Writes a warning to `file` (default sys.stderr).  May be replaced."""
    _write(WarningMessage(message, category, filename, lineno, file, line))


_default_showwarning = showwarning
_report = _write                   # catch_warnings(record=True) swaps this


def _deliver(msg):
    hook = globals()['showwarning']
    if hook is not _default_showwarning:
        if not callable(hook):
            raise TypeError("warnings.showwarning() must be set to a function or method")
        hook(msg.message, msg.category, msg.filename, msg.lineno, msg.file, msg.line)
        return
    globals()['_report'](msg)


# ---- raising ---------------------------------------------------------------------

def _matches(pattern, text):
    if pattern is None:
        return True
    if isinstance(pattern, str):
        return pattern == text
    return pattern.match(text) is not None


def warn_explicit(message, category, filename, lineno, module=None, registry=None,
                  module_globals=None, source=None):
    """Issues a warning as if raised at `filename`:`lineno` in `module`."""
    lineno = int(lineno)
    if module is None:
        module = filename or "<unknown>"
        if module[-3:].lower() == ".py":
            module = module[:-3]
    if registry is None:
        registry = {}
    if registry.get('version', 0) != _version[0]:
        registry.clear()
        registry['version'] = _version[0]
    if isinstance(message, Warning):
        text = str(message)
        category = message.__class__
    else:
        text = message
        message = category(message)
    key = (text, category, lineno)
    if registry.get(key):
        return
    for entry in filters:
        act, msg_pat, cat, mod_pat, line = entry
        if (_matches(msg_pat, text) and issubclass(category, cat) and _matches(mod_pat, module)
                and (line == 0 or line == lineno)):
            action = act
            break
    else:
        entry = None
        action = defaultaction
    if action == "ignore":
        return
    if action == "error":
        raise message
    if action == "once":
        registry[key] = 1
        if onceregistry.get((text, category)):
            return
        onceregistry[(text, category)] = 1
    elif action == "module":
        registry[key] = 1
        if registry.get((text, category, 0)):
            return
        registry[(text, category, 0)] = 1
    elif action == "default":
        registry[key] = 1
    elif action not in ("always", "all"):
        raise RuntimeError("Unrecognized action (%r) in warnings.filters:\n %s" % (action, entry))
    _deliver(WarningMessage(message, category, filename, lineno, source=source))


def _skipped(filename, prefixes):
    return any(filename.startswith(p) for p in prefixes)


def warn(message, category=None, stacklevel=1, source=None, *, skip_file_prefixes=()):
    """Issues a warning, located at the code `stacklevel` calls up (1: the
    caller of warn)."""
    if isinstance(message, Warning):
        category = message.__class__
    if category is None:
        category = UserWarning
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError("category must be a Warning subclass, not '{:s}'".format(type(category).__name__))
    if not isinstance(skip_file_prefixes, tuple):
        raise TypeError('skip_file_prefixes must be a tuple of strs')
    if skip_file_prefixes:
        stacklevel = max(2, stacklevel)
    try:
        frame = sys._getframe(stacklevel)
        while skip_file_prefixes and frame is not None and _skipped(frame.f_code.co_filename, skip_file_prefixes):
            frame = frame.f_back
        if frame is None:
            raise ValueError
    except ValueError:
        where = sys.__dict__
        filename = "<sys>"
        lineno = 0
    else:
        where = frame.f_globals
        filename = frame.f_code.co_filename
        lineno = frame.f_lineno
    module = where['__name__'] if '__name__' in where else "<string>"
    registry = where.setdefault("__warningregistry__", {})
    warn_explicit(message, category, filename, lineno, module, registry, where, source)


# Called from C (objects/coro.c, objects/asyncgen.c) while the object dies,
# in the frame that dropped it: stacklevel 2 points at that frame.

def _warn_unawaited_coroutine(coro):
    text = "coroutine '%s' was never awaited" % (coro.__qualname__,)
    warn(text, category=RuntimeWarning, stacklevel=2, source=coro)


def _warn_unawaited_agen_method(agen, method):
    text = "coroutine method %r of %r was never awaited" % (method, agen.__qualname__)
    warn(text, category=RuntimeWarning, stacklevel=2, source=agen)


# ---- catch_warnings --------------------------------------------------------------

class catch_warnings(object):
    """A context manager that puts the filters and showwarning back as they
    were on exit; with record=True, __enter__ returns a list that collects
    the WarningMessages instead of printing them."""

    def __init__(self, *, record=False, module=None, action=None, category=Warning, lineno=0,
                 append=False):
        self._record = record
        self._module = sys.modules['warnings'] if module is None else module
        self._entered = False
        self._filter = None if action is None else (action, category, lineno, append)

    def __repr__(self):
        args = []
        if self._record:
            args.append("record=True")
        if self._module is not sys.modules['warnings']:
            args.append("module=%r" % self._module)
        return "%s(%s)" % (type(self).__name__, ", ".join(args))

    def __enter__(self):
        if self._entered:
            raise RuntimeError("Cannot enter %r twice" % self)
        self._entered = True
        mod = self._module
        self._saved = (mod.filters, mod.showwarning, mod._report)
        mod.filters = mod.filters[:]
        mod._changed()
        if self._filter is not None:
            mod.simplefilter(*self._filter)
        if self._record:
            log = []
            mod._report = log.append
            mod.showwarning = mod._default_showwarning
            return log
        return None

    def __exit__(self, *exc_info):
        if not self._entered:
            raise RuntimeError("Cannot exit %r without entering first" % self)
        mod = self._module
        mod.filters, mod.showwarning, mod._report = self._saved
        mod._changed()


# ---- start-up filters, then -W and PYTHONWARNINGS --------------------------------

filters.extend([
    ("default", None, DeprecationWarning, "__main__", 0),
    ("ignore", None, DeprecationWarning, None, 0),
    ("ignore", None, PendingDeprecationWarning, None, 0),
    ("ignore", None, ImportWarning, None, 0),
    ("ignore", None, ResourceWarning, None, 0),
])


def _environment_options():
    import os
    if sys.flags.ignore_environment:   # -E, -I
        return []
    value = os.environ.get('PYTHONWARNINGS', '')
    return [part for part in value.split(',') if part]


_apply_options(_environment_options() + list(sys.warnoptions))
