"""Configuring logging from a dictionary (torii's implementation).

dictConfig() takes the schema of version 1: "formatters", "filters",
"handlers", "loggers" and "root", with "incremental" and
"disable_existing_loggers".  String values of the form "ext://a.b.c" name
an object to import, "cfg://path" one inside the configuration itself,
and a "()" key names a factory to call with the remaining keys.

fileConfig() reads the older INI layout with a small parser of its own
(torii has no configparser).  listen() needs sockets and is not provided.
"""

import io
import re
import sys
import threading
import functools
import logging
import logging.handlers

_MemoryHandler = logging.handlers.MemoryHandler
_QueueHandler = logging.handlers.QueueHandler

DEFAULT_LOGGING_CONFIG_PORT = 9030

RESET_ERROR = 104

IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$", re.IGNORECASE)


def valid_ident(s):
    """True for a Python identifier; ValueError otherwise."""
    if not IDENTIFIER.match(s):
        raise ValueError(f'Not a valid Python identifier: {s!r}')
    return True


def _import_module(dotted):
    # Import `dotted` and return the top-level package (as __import__
    # would); torii has no __import__ builtin, so an import statement runs.
    space = {}
    exec('import ' + dotted, space)
    return space[dotted.split('.', 1)[0]]


try:
    import builtins as _builtins
    _importer = getattr(_builtins, '__import__', None) or _import_module
except ImportError:
    _importer = _import_module


def _resolve(dotted):
    """The object that a dotted name leads to, importing as needed."""
    parts = dotted.split('.')
    so_far = parts.pop(0)
    found = _importer(so_far)
    for part in parts:
        so_far += '.' + part
        try:
            found = getattr(found, part)
        except AttributeError:
            _importer(so_far)
            found = getattr(found, part)
    return found


# ---------------------------------------------------------------------------
# Containers that convert their values when they are read
# ---------------------------------------------------------------------------

class _Converting:
    """Shared logic of the converting containers: a value read from them
    goes through the configurator's convert(), and the converted value
    replaces the stored one."""

    def _converted(self, key, raw, replace=True):
        result = self.configurator.convert(raw)
        if raw is not result:
            if replace:
                self[key] = result
            if type(result) in (ConvertingDict, ConvertingList, ConvertingTuple):
                result.parent = self
                result.key = key
        return result


class ConvertingDict(dict, _Converting):
    """A dict whose values are converted on access."""

    def __getitem__(self, key):
        return self._converted(key, dict.__getitem__(self, key))

    def get(self, key, default=None):
        return self._converted(key, dict.get(self, key, default))

    def pop(self, key, default=None):
        return self._converted(key, dict.pop(self, key, default), replace=False)


class ConvertingList(list, _Converting):
    """A list whose items are converted on access."""

    def __getitem__(self, key):
        return self._converted(key, list.__getitem__(self, key))

    def pop(self, idx=-1):
        return self._converted(idx, list.pop(self, idx), replace=False)


class ConvertingTuple(tuple, _Converting):
    """A tuple whose items are converted on access."""

    def __getitem__(self, key):
        return self._converted(key, tuple.__getitem__(self, key), replace=False)


# ---------------------------------------------------------------------------
# The configurators
# ---------------------------------------------------------------------------

class BaseConfigurator:
    """Resolution of names and conversion of values, for DictConfigurator
    and its subclasses."""

    # "prefix://rest" values, and the pieces of a cfg:// path: a leading
    # word, then .word or [index] steps.
    CONVERT_PATTERN = re.compile(r"^(?P<prefix>[a-z]+)://(?P<suffix>.*)$")
    WORD_PATTERN = re.compile(r"^\s*(\w+)\s*")
    DOT_PATTERN = re.compile(r"^\.\s*(\w+)\s*")
    INDEX_PATTERN = re.compile(r"^\[([^\[\]]*)\]\s*")
    DIGIT_PATTERN = re.compile(r"^\d+$")

    value_converters = {
        'ext': 'ext_convert',
        'cfg': 'cfg_convert',
    }

    importer = staticmethod(_importer)

    def __init__(self, config):
        wrapped = ConvertingDict(config)
        wrapped.configurator = self
        self.config = wrapped

    def resolve(self, s):
        """The object that the dotted name `s` leads to."""
        parts = s.split('.')
        so_far = parts.pop(0)
        try:
            found = self.importer(so_far)
            for part in parts:
                so_far += '.' + part
                try:
                    found = getattr(found, part)
                except AttributeError:
                    self.importer(so_far)
                    found = getattr(found, part)
            return found
        except ImportError as problem:
            failure = ValueError(f'Cannot resolve {s!r}: {problem}')
            raise failure from problem

    def ext_convert(self, value):
        """ext://dotted.name: the object it names."""
        return self.resolve(value)

    def cfg_convert(self, value):
        """cfg://a.b[c][0]: the value at that path in the configuration."""
        rest = value
        head = self.WORD_PATTERN.match(rest)
        if head is None:
            raise ValueError(f"Unable to convert {value!r}")
        rest = rest[head.end():]
        here = self.config[head.groups()[0]]
        while rest:
            step = self.DOT_PATTERN.match(rest)
            if step:
                here = here[step.groups()[0]]
            else:
                step = self.INDEX_PATTERN.match(rest)
                if step is None:
                    raise ValueError(f'Unable to convert {value!r} at {rest!r}')
                index = step.groups()[0]
                if self.DIGIT_PATTERN.match(index):
                    try:
                        here = here[int(index)]
                    except TypeError:
                        here = here[index]
                else:
                    here = here[index]
            rest = rest[step.end():]
        return here

    def convert(self, value):
        """Wrap plain containers so that their contents convert too, and
        turn "prefix://..." strings into what they refer to."""
        wrapper = None
        if isinstance(value, dict):
            if not isinstance(value, ConvertingDict):
                wrapper = ConvertingDict
        elif isinstance(value, list):
            if not isinstance(value, ConvertingList):
                wrapper = ConvertingList
        elif isinstance(value, tuple):
            # Named tuples are left alone.
            if not isinstance(value, ConvertingTuple) and not hasattr(value, '_fields'):
                wrapper = ConvertingTuple
        elif isinstance(value, str):
            spec = self.CONVERT_PATTERN.match(value)
            if spec:
                parts = spec.groupdict()
                method_name = self.value_converters.get(parts['prefix'])
                if method_name:
                    value = getattr(self, method_name)(parts['suffix'])
        if wrapper is not None:
            value = wrapper(value)
            value.configurator = self
        return value

    def configure_custom(self, config):
        """Call the factory under "()" with the other (identifier) keys;
        then set the attributes listed under "."."""
        factory = config.pop('()')
        if not callable(factory):
            factory = self.resolve(factory)
        attrs = config.pop('.', None)
        kwargs = {k: config[k] for k in config if k != '.' and _is_ident(k)}
        made = factory(**kwargs)
        if attrs:
            for attr, value in attrs.items():
                setattr(made, attr, value)
        return made

    def as_tuple(self, value):
        """Lists become tuples."""
        if isinstance(value, list):
            value = tuple(value)
        return value


def _is_ident(key):
    try:
        return valid_ident(key)
    except ValueError:
        return False


# What a queue object given to a QueueHandler must offer (queue.Queue's API).
_QUEUE_METHODS = ('put', 'put_nowait', 'get', 'get_nowait', 'task_done',
                  'join', 'qsize', 'empty', 'full')


def _queue_like(obj):
    return all(callable(getattr(obj, name, None)) for name in _QUEUE_METHODS)


class DictConfigurator(BaseConfigurator):
    """Applies a configuration dictionary to the logging package."""

    def configure(self):
        """Do the configuration."""
        config = self.config
        if 'version' not in config:
            raise ValueError("dictionary doesn't specify a version")
        version = config['version']
        if version != 1:
            raise ValueError(f"Unsupported version: {version}")
        with logging._lock:
            if config.pop('incremental', False):
                self._configure_incrementally(config)
            else:
                self._configure_afresh(config)

    def _configure_incrementally(self, config):
        # Only levels of existing handlers, and loggers' settings, change.
        handlers = config.get('handlers', {})
        for name in handlers:
            known = logging._handlers.get(name)
            if known is None:
                raise ValueError(f'No handler found with name {name!r}')
            try:
                level = handlers[name].get('level')
                if level:
                    known.setLevel(level)
            except Exception as problem:
                raise _failed('handler', name) from problem
        loggers = config.get('loggers', {})
        for name in loggers:
            try:
                self.configure_logger(name, loggers[name], incremental=True)
            except Exception as problem:
                raise _failed('logger', name) from problem
        root_cfg = config.get('root')
        if root_cfg:
            try:
                self.configure_root(root_cfg, incremental=True)
            except Exception as problem:
                raise ValueError('Unable to configure root logger') from problem

    def _configure_afresh(self, config):
        disable_existing = config.pop('disable_existing_loggers', True)
        _retire_all_handlers()
        # Formatters and filters first: handlers refer to them by name.
        for section, build in (('formatter', self.configure_formatter),
                               ('filter', self.configure_filter)):
            entries = config.get(section + 's', {})
            for name in entries:
                try:
                    entries[name] = build(entries[name])
                except Exception as problem:
                    raise _failed(section, name) from problem
        # Handlers in name order; one that refers to a handler not made yet
        # (a MemoryHandler target, a QueueHandler's handlers) waits for a
        # second round.
        handlers = config.get('handlers', {})
        waiting = []
        for name in sorted(handlers):
            try:
                self._make_named_handler(handlers, name)
            except Exception as problem:
                if ' not configured yet' not in str(problem.__cause__):
                    raise _failed('handler', name) from problem
                waiting.append(name)
        for name in waiting:
            try:
                self._make_named_handler(handlers, name)
            except Exception as problem:
                raise _failed('handler', name) from problem
        # Loggers that already exist and are not named here are disabled
        # (when asked), except the children of loggers named here, which are
        # reset so that their records reach their configured ancestors.
        tree = logging.root.manager.loggerDict
        untouched = sorted(tree)
        children = []
        loggers = config.get('loggers', {})
        for name in loggers:
            if name in untouched:
                prefix = name + '.'
                children.extend(other for other in untouched
                                if other.startswith(prefix))
                untouched.remove(name)
            try:
                self.configure_logger(name, loggers[name])
            except Exception as problem:
                raise _failed('logger', name) from problem
        _settle_existing(untouched, children, disable_existing)
        root_cfg = config.get('root')
        if root_cfg:
            try:
                self.configure_root(root_cfg)
            except Exception as problem:
                raise ValueError('Unable to configure root logger') from problem

    def _make_named_handler(self, handlers, name):
        made = self.configure_handler(handlers[name])
        made.name = name
        handlers[name] = made

    def configure_formatter(self, config):
        """A Formatter from its configuration."""
        if '()' in config:
            factory = config['()']
            try:
                return self.configure_custom(config)
            except TypeError as problem:
                if "'format'" not in str(problem):
                    raise
                # A factory that takes fmt= rather than format=.
                config['fmt'] = config.pop('format')
                config['()'] = factory
                return self.configure_custom(config)
        class_name = config.get('class')
        klass = _resolve(class_name) if class_name else logging.Formatter
        options = {}
        if 'validate' in config:
            options['validate'] = config['validate']
        if config.get('defaults'):
            options['defaults'] = config.get('defaults')
        return klass(config.get('format'), config.get('datefmt'),
                     config.get('style', '%'), **options)

    def configure_filter(self, config):
        """A Filter from its configuration."""
        if '()' in config:
            return self.configure_custom(config)
        return logging.Filter(config.get('name', ''))

    def add_filters(self, filterer, filters):
        """Add the named (or given) filters to a logger or handler."""
        for item in filters:
            try:
                if callable(item) or callable(getattr(item, 'filter', None)):
                    chosen = item
                else:
                    chosen = self.config['filters'][item]
                filterer.addFilter(chosen)
            except Exception as problem:
                raise ValueError(f'Unable to add filter {item!r}') from problem

    def _queue_handler_factory(self, klass, **kwargs):
        # A QueueHandler comes with a QueueListener (not started) serving
        # the handlers listed for it.
        queue_obj = kwargs.pop('queue', None)
        if queue_obj is None:
            import queue as queue_module
            queue_obj = queue_module.Queue()
        respect = kwargs.pop('respect_handler_level', False)
        listener_class = kwargs.pop('listener', logging.handlers.QueueListener)
        served = kwargs.pop('handlers', [])
        made = klass(queue_obj, **kwargs)
        made.listener = listener_class(queue_obj, *served,
                                       respect_handler_level=respect)
        return made

    def _queue_handler_specials(self, config, snapshot):
        if 'queue' in config:
            spec = config['queue']
            if isinstance(spec, str):
                found = self.resolve(spec)
                if not callable(found):
                    raise _bad_spec('queue', spec)
                config['queue'] = found()
            elif isinstance(spec, dict):
                if '()' not in spec:
                    raise _bad_spec('queue', spec)
                config['queue'] = self.configure_custom(dict(spec))
            elif not _queue_like(spec):
                raise _bad_spec('queue', spec)
        if 'listener' in config:
            spec = config['listener']
            if isinstance(spec, type):
                if not issubclass(spec, logging.handlers.QueueListener):
                    raise _bad_spec('listener', spec)
            else:
                if isinstance(spec, str):
                    found = self.resolve(spec)
                    if isinstance(found, type) and not issubclass(
                            found, logging.handlers.QueueListener):
                        raise _bad_spec('listener', spec)
                elif isinstance(spec, dict):
                    if '()' not in spec:
                        raise _bad_spec('listener', spec)
                    found = self.configure_custom(dict(spec))
                else:
                    raise _bad_spec('listener', spec)
                if not callable(found):
                    raise _bad_spec('listener', spec)
                config['listener'] = found
        if 'handlers' in config:
            served = []
            current = None
            try:
                for current in config['handlers']:
                    target = self.config['handlers'][current]
                    if not isinstance(target, logging.Handler):
                        config.update(snapshot)
                        raise TypeError(f'Required handler {current!r} is not configured yet')
                    served.append(target)
            except Exception as problem:
                raise ValueError(f'Unable to set required handler {current!r}') from problem
            config['handlers'] = served

    def configure_handler(self, config):
        """A Handler from its configuration."""
        snapshot = dict(config)
        fmt_name = config.pop('formatter', None)
        formatter = None
        if fmt_name:
            try:
                formatter = self.config['formatters'][fmt_name]
            except Exception as problem:
                raise ValueError(f'Unable to set formatter {fmt_name!r}') from problem
        level, filters = config.pop('level', None), config.pop('filters', None)
        if '()' in config:
            factory = config.pop('()')
            if not callable(factory):
                factory = self.resolve(factory)
        else:
            class_name = config.pop('class')
            klass = class_name if callable(class_name) else self.resolve(class_name)
            factory = klass
            if 'target' in config and issubclass(klass, _MemoryHandler):
                target_name = config['target']
                try:
                    target = self.config['handlers'][target_name]
                    if not isinstance(target, logging.Handler):
                        config.update(snapshot)
                        raise TypeError("target not configured yet")
                    config['target'] = target
                except Exception as problem:
                    raise ValueError(f'Unable to set target handler {target_name!r}') from problem
            elif issubclass(klass, _QueueHandler):
                self._queue_handler_specials(config, snapshot)
                factory = functools.partial(self._queue_handler_factory, klass)
        attrs = config.pop('.', None)
        kwargs = {k: config[k] for k in config if k != '.' and _is_ident(k)}
        try:
            made = factory(**kwargs)
        except TypeError as problem:
            if "'stream'" not in str(problem):
                raise
            # Old handler classes spell the stream argument strm=.
            kwargs.update(strm=kwargs.pop('stream'))
            made = factory(**kwargs)
        if formatter:
            made.setFormatter(formatter)
        if level is not None:
            made.setLevel(level)
        if filters:
            self.add_filters(made, filters)
        if attrs:
            for attr, value in attrs.items():
                setattr(made, attr, value)
        return made

    def add_handlers(self, logger, handlers):
        """Add the named handlers to `logger`."""
        known = self.config['handlers']
        for name in handlers:
            try:
                logger.addHandler(known[name])
            except Exception as problem:
                raise ValueError(f'Unable to add handler {name!r}') from problem

    def common_logger_config(self, logger, config, incremental=False):
        """Level, handlers and filters: what root and other loggers share."""
        if config.get('level') is not None:
            logger.setLevel(config.get('level'))
        if incremental:
            return
        for old in list(logger.handlers):
            logger.removeHandler(old)
        if config.get('handlers'):
            self.add_handlers(logger, config.get('handlers'))
        if config.get('filters'):
            self.add_filters(logger, config.get('filters'))

    def configure_logger(self, name, config, incremental=False):
        """Configure the logger called `name` (and enable it)."""
        target = logging.getLogger(name)
        self.common_logger_config(target, config, incremental=incremental)
        target.disabled = False
        if config.get('propagate') is not None:
            target.propagate = config.get('propagate')

    def configure_root(self, config, incremental=False):
        """Configure the root logger."""
        self.common_logger_config(logging.getLogger(), config, incremental)


# The class dictConfig() uses; a program may put a subclass here.
dictConfigClass = DictConfigurator


def dictConfig(config):
    """Configure logging from the dictionary `config`."""
    configurator = dictConfigClass(config)
    configurator.configure()


def _failed(what, name):
    return ValueError(f'Unable to configure {what} {name!r}')


def _bad_spec(what, spec):
    return TypeError(f'Invalid {what} specifier {spec!r}')


def _retire_all_handlers():
    # A fresh configuration starts by flushing and closing every handler
    # made so far and forgetting their names.
    logging._handlers.clear()
    every = list(logging._handlerList)
    logging.shutdown(every)
    logging._handlerList.clear()


def _settle_existing(names, children, disable_existing):
    # Loggers a new configuration did not mention: reset those below a
    # configured logger; the others get disabled = disable_existing.
    tree = logging.root.manager.loggerDict
    for name in names:
        node = tree[name]
        if name in children:
            if not isinstance(node, logging.PlaceHolder):
                node.setLevel(logging.NOTSET)
                node.handlers = []
                node.propagate = True
        else:
            # False re-enables loggers an earlier configuration disabled.
            node.disabled = disable_existing


# ---------------------------------------------------------------------------
# fileConfig: the INI layout
# ---------------------------------------------------------------------------

class _IniFile(object):
    """The sections of an INI text: {section: {key: value}}, keys in lower
    case, with DEFAULT values visible in every section and %(key)s
    references expanded when a value is read."""

    def __init__(self, defaults=None):
        self.sections = {}
        self.defaults = {k.lower(): str(v) for k, v in (defaults or {}).items()}

    def read_text(self, text):
        current = None
        last_key = None
        for raw in text.splitlines():
            stripped = raw.strip()
            if not stripped or stripped[0] in '#;':
                continue
            if raw[:1].isspace() and current is not None and last_key is not None:
                # A continuation line of the previous value.
                current[last_key] += '\n' + stripped
                continue
            if stripped.startswith('[') and stripped.endswith(']'):
                title = stripped[1:-1]
                if title == 'DEFAULT':
                    current = self.defaults
                else:
                    current = self.sections.setdefault(title, {})
                last_key = None
                continue
            if current is None:
                raise ValueError('File contains no section headers.')
            cut = [i for i in (stripped.find('='), stripped.find(':')) if i >= 0]
            if not cut:
                raise ValueError('Source contains parsing errors: %r' % raw)
            at = min(cut)
            key = stripped[:at].strip().lower()
            current[key] = stripped[at + 1:].strip()
            last_key = key

    def has_section(self, name):
        return name in self.sections

    def section(self, name):
        if name not in self.sections:
            raise KeyError(name)
        merged = dict(self.defaults)
        merged.update(self.sections[name])
        return _IniSection(merged)


class _IniSection(object):
    def __init__(self, values):
        self._values = values

    def _expand(self, text, depth=0):
        if '%' not in text or depth > 10:
            return text
        out = []
        i = 0
        while i < len(text):
            c = text[i]
            if c == '%' and text[i + 1:i + 2] == '%':
                out.append('%')
                i += 2
            elif c == '%' and text[i + 1:i + 2] == '(':
                close = text.find(')s', i)
                if close < 0:
                    out.append(c)
                    i += 1
                    continue
                ref = text[i + 2:close].lower()
                out.append(self._expand(self._values.get(ref, ''), depth + 1))
                i = close + 2
            else:
                out.append(c)
                i += 1
        return ''.join(out)

    def get(self, key, fallback=None, raw=False):
        key = key.lower()
        if key not in self._values:
            return fallback
        value = self._values[key]
        return value if raw else self._expand(value)

    def __getitem__(self, key):
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key):
        return key.lower() in self._values

    def getboolean(self, key, fallback=None):
        value = self.get(key)
        if value is None:
            return fallback
        lowered = value.lower()
        if lowered in ('1', 'yes', 'true', 'on'):
            return True
        if lowered in ('0', 'no', 'false', 'off'):
            return False
        raise ValueError('Not a boolean: %s' % value)

    def getint(self, key, fallback=None):
        value = self.get(key)
        return fallback if value is None else int(value)


def _names(text):
    # A comma-separated list of names; blanks dropped.
    if not text:
        return []
    return [piece.strip() for piece in text.split(',') if piece.strip()]


def fileConfig(fname, defaults=None, disable_existing_loggers=True,
               encoding=None):
    """Configure logging from an INI file (a path, a file object or an
    object with `sections`, i.e. a parsed configuration)."""
    ini = _IniFile(defaults)
    if isinstance(fname, _IniFile):
        ini = fname
    elif hasattr(fname, 'readline'):
        ini.read_text(fname.read())
    else:
        import os
        if not os.path.exists(fname):
            raise FileNotFoundError("%s doesn't exist" % fname)
        if os.path.getsize(fname) == 0:
            raise RuntimeError("%s is an empty file" % fname)
        with open(fname) as src:
            ini.read_text(src.read())
    formatters = _ini_formatters(ini)
    with logging._lock:
        _retire_all_handlers()
        handlers = _ini_handlers(ini, formatters)
        _ini_loggers(ini, handlers, disable_existing_loggers)


def _ini_formatters(ini):
    made = {}
    for name in _names(ini.section('formatters').get('keys', '')):
        sect = ini.section('formatter_' + name)
        fmt = sect.get('format', raw=True)
        datefmt = sect.get('datefmt', raw=True)
        style = sect.get('style', '%', raw=True)
        class_name = sect.get('class')
        klass = _resolve(class_name) if class_name else logging.Formatter
        defaults = sect.get('defaults', raw=True)
        if defaults is not None:
            made[name] = klass(fmt, datefmt, style, defaults=eval(defaults, vars(logging)))
        else:
            made[name] = klass(fmt, datefmt, style)
    return made


def _ini_handlers(ini, formatters):
    names = _names(ini.section('handlers').get('keys', ''))
    made = {}
    wants_target = []
    for name in names:
        sect = ini.section('handler_' + name)
        klass_text = sect['class']
        try:
            klass = eval(klass_text, vars(logging))
        except (NameError, AttributeError):
            klass = _resolve(klass_text)
        args = eval(sect.get('args', '()'), vars(logging))
        kwargs = eval(sect.get('kwargs', '{}'), vars(logging))
        hdlr = klass(*args, **kwargs)
        hdlr.name = name
        if 'level' in sect:
            hdlr.setLevel(sect['level'])
        fmt_name = sect.get('formatter')
        if fmt_name:
            hdlr.setFormatter(formatters[fmt_name])
        if issubclass(klass, _MemoryHandler):
            target = sect.get('target', '')
            if target:
                wants_target.append((hdlr, target))
        made[name] = hdlr
    for hdlr, target in wants_target:
        hdlr.setTarget(made[target])
    return made


def _ini_loggers(ini, handlers, disable_existing):
    names = _names(ini.section('loggers').get('keys', ''))
    if 'root' in names:
        names.remove('root')
        sect = ini.section('logger_root')
        _ini_logger_setup(logging.root, sect, handlers)
    tree = logging.root.manager.loggerDict
    untouched = sorted(tree)
    children = []
    for name in names:
        sect = ini.section('logger_' + name)
        qualname = sect['qualname']
        logger = logging.getLogger(qualname)
        if qualname in untouched:
            prefix = qualname + '.'
            children.extend(other for other in untouched if other.startswith(prefix))
            untouched.remove(qualname)
        logger.propagate = sect.getint('propagate', 1)
        logger.disabled = False
        _ini_logger_setup(logger, sect, handlers)
    _settle_existing(untouched, children, disable_existing)


def _ini_logger_setup(logger, sect, handlers):
    if 'level' in sect:
        logger.setLevel(sect['level'])
    for old in list(logger.handlers):
        logger.removeHandler(old)
    for name in _names(sect.get('handlers', '')):
        logger.addHandler(handlers[name])
