"""configparser: INI-style configuration files.

The parser keeps a store of sections (an ordered mapping of section name
to a mapping of option name to value) plus the default section, whose
options show through in every other section.  Reading goes line by line:
each line is classified (blank, comment, section header, option, or the
continuation of a multi-line value) and applied to the store.  Values are
kept as written; an interpolation object rewrites them when they are read
back ('%(name)s' references by default, '${section:name}' with
ExtendedInterpolation).  Error messages are the ones CPython prints."""

import io
import os
import re
import sys
from collections import ChainMap
from collections.abc import MutableMapping

__all__ = (
    # lookups and duplicates
    "NoSectionError", "NoOptionError",
    "DuplicateOptionError", "DuplicateSectionError",
    # interpolation
    "InterpolationError", "InterpolationMissingOptionError",
    "InterpolationSyntaxError", "InterpolationDepthError",
    # reading
    "ParsingError", "MissingSectionHeaderError", "MultilineContinuationError",
    # the parsers and their helpers
    "RawConfigParser", "ConfigParser", "SectionProxy", "ConverterMapping",
    "Interpolation", "BasicInterpolation", "ExtendedInterpolation",
    # constants
    "DEFAULTSECT", "MAX_INTERPOLATION_DEPTH", "UNNAMED_SECTION",
)

DEFAULTSECT = "DEFAULT"
MAX_INTERPOLATION_DEPTH = 10


class _Unnamed:
    """Marker naming the options that come before any section header
    (when the parser is built with allow_unnamed_section=True)."""

    def __repr__(self):
        return "<UNNAMED_SECTION>"


UNNAMED_SECTION = _Unnamed()

_MISSING = object()      # "no fallback given"


# =============================================================== errors

def _origin(source, lineno):
    """The "While reading from ..." prefix of the duplicate errors."""
    where = f"While reading from {source!r}"
    return where if lineno is None else where + " [line %2d]" % lineno


class Error(Exception):
    """Root of this module's exceptions; str() and repr() give .message."""

    def __init__(self, msg=''):
        self.message = msg
        Exception.__init__(self, msg)

    def __repr__(self):
        return self.message

    def __str__(self):
        return self.message

    def _keep(self, **fields):
        # Record the constructor's arguments as attributes and as .args.
        self.__dict__.update(fields)
        self.args = tuple(fields.values())


class NoSectionError(Error):
    """The named section does not exist."""

    def __init__(self, section):
        super().__init__(f"No section: {section!r}")
        self._keep(section=section)


class DuplicateSectionError(Error):
    """A section is added, or read in one strict source, a second time."""

    def __init__(self, section, source=None, lineno=None):
        if source is None:
            text = f"Section {section!r} already exists"
        else:
            text = (f"{_origin(source, lineno)}: section {section!r} "
                    "already exists")
        super().__init__(text)
        self._keep(section=section, source=source, lineno=lineno)


class DuplicateOptionError(Error):
    """An option appears twice in one section of a strict source."""

    def __init__(self, section, option, source=None, lineno=None):
        what = f"{option!r} in section {section!r} already exists"
        if source is None:
            text = "Option " + what
        else:
            text = f"{_origin(source, lineno)}: option {what}"
        super().__init__(text)
        self._keep(section=section, option=option, source=source,
                   lineno=lineno)


class NoOptionError(Error):
    """The section has no such option (nor does the default section)."""

    def __init__(self, option, section):
        super().__init__(f"No option {option!r} in section: {section!r}")
        self._keep(option=option, section=section)


class InterpolationError(Error):
    """Base of the errors raised while expanding a value."""

    def __init__(self, option, section, msg):
        super().__init__(msg)
        self._keep(option=option, section=section, msg=msg)


class InterpolationMissingOptionError(InterpolationError):
    """A value refers to an option that does not exist."""

    def __init__(self, option, section, rawval, reference):
        text = (f"Bad value substitution: option {option!r} in section "
                f"{section!r} contains an interpolation key {reference!r} "
                f"which is not a valid option name. Raw value: {rawval!r}")
        super().__init__(option, section, text)
        self._keep(option=option, section=section, rawval=rawval,
                   reference=reference)


class InterpolationSyntaxError(InterpolationError):
    """A value's references are malformed."""


class InterpolationDepthError(InterpolationError):
    """References nest deeper than MAX_INTERPOLATION_DEPTH (a cycle,
    most likely)."""

    def __init__(self, option, section, rawval):
        text = (f"Recursion limit exceeded in value substitution: option "
                f"{option!r} in section {section!r} contains an "
                f"interpolation key which cannot be substituted in "
                f"{MAX_INTERPOLATION_DEPTH} steps. Raw value: {rawval!r}")
        super().__init__(option, section, text)
        self._keep(option=option, section=section, rawval=rawval)


class ParsingError(Error):
    """Lines of a source that could not be understood; .errors holds
    (line number, line) pairs."""

    def __init__(self, source, *args):
        super().__init__(f"Source contains parsing errors: {source!r}")
        self.source = source
        self.errors = []
        self.args = (source,)
        if args:
            self.append(*args)

    def append(self, lineno, line):
        """Add one more bad line to the report."""
        self.errors += [(lineno, line)]
        self.message = self.message + "\n\t[line %2d]: %r" % (lineno, line)

    def combine(self, others):
        """Fold the lines of other ParsingErrors into this one."""
        for other in others:
            for entry in other.errors:
                self.append(*entry)
        return self


class _LineError(ParsingError):
    """A parsing error about one line that stops the reading at once."""

    _headline = ''

    def __init__(self, filename, lineno, line):
        Error.__init__(self, "%s\nfile: %r, line: %d\n%r"
                       % (self._headline, filename, lineno, line))
        self.errors = []
        self._keep(source=filename, lineno=lineno, line=line)


class MissingSectionHeaderError(_LineError):
    """An option line comes before the first section header."""

    _headline = "File contains no section headers."


class MultilineContinuationError(_LineError):
    """An indented line follows an option that has no value."""

    _headline = "Key without value continued with an indented line."


# ======================================================== interpolation

class Interpolation:
    """The do-nothing interpolation: values go in and out unchanged.  The
    four hooks are called on reading a file, on set(), on get() and on
    write()."""

    def before_get(self, parser, section, option, value, defaults):
        return value

    def before_set(self, parser, section, option, value):
        return value

    def before_read(self, parser, section, option, value):
        return value

    def before_write(self, parser, section, option, value):
        return value


class _Substituting(Interpolation):
    """What the two real interpolations share: a marker character that
    starts a reference, doubled for a literal one, and a bracket that must
    follow it.  Subclasses supply `_resolve`, which finds the text one
    reference stands for."""

    _mark = '%'
    _open = '('
    _close = ')'
    _suffix = ''

    _pattern = None

    def _references(self):
        # A pattern for one well-formed reference (used by before_set),
        # built on first use for each kind.
        kind = type(self)
        if kind.__dict__.get('_pattern') is None:
            opening = re.escape(self._mark + self._open)
            closing = re.escape(self._close)
            kind._pattern = re.compile(opening + '[^' + closing + ']+'
                                       + closing + re.escape(self._suffix))
        return kind._pattern

    def before_get(self, parser, section, option, value, defaults):
        pieces = []
        raw = parser.get(section, option, raw=True, fallback=value)
        self._expand(parser, section, option, value, defaults, pieces,
                     MAX_INTERPOLATION_DEPTH - 1, raw)
        return ''.join(pieces)

    def before_set(self, parser, section, option, value):
        left = value.replace(self._mark * 2, '')
        left = self._references().sub('', left)
        at = left.find(self._mark)
        if at >= 0:
            raise ValueError("invalid interpolation syntax in %r at "
                             "position %d" % (value, at))
        return value

    def _expand(self, parser, section, option, text, names, pieces, depth,
                raw):
        # `depth` counts the nesting levels still allowed.
        if depth < 0:
            raise InterpolationDepthError(option, section, raw)
        mark = self._mark
        text = text or ''       # a value-less option expands to ''
        pos = 0
        while pos < len(text):
            hit = text.find(mark, pos)
            if hit < 0:
                pieces.append(text[pos:])
                return
            pieces.append(text[pos:hit])
            follower = text[hit + 1:hit + 2]
            if follower == mark:
                pieces.append(mark)
                pos = hit + 2
                continue
            rest = text[hit:]
            if follower != self._open:
                raise InterpolationSyntaxError(
                    option, section, self._bad_follower(rest))
            end = text.find(self._close, hit + 2)
            tail = end + 1 + len(self._suffix)
            if (end <= hit + 2 or
                    text[end + 1:tail] != self._suffix):
                raise InterpolationSyntaxError(
                    option, section,
                    "bad interpolation variable reference %r" % (rest,))
            pos = tail
            self._resolve(parser, section, option, text[hit + 2:end],
                          names, pieces, depth, raw, text[pos:])

    def _bad_follower(self, rest):
        return "'%s' must be followed by '%s' or '%s', found: %r" % (
            self._mark, self._mark, self._open, rest)


class BasicInterpolation(_Substituting):
    """'%(name)s' stands for the value of option `name` in the same
    section (or the default section); '%%' is a literal percent sign."""

    _suffix = 's'

    def _resolve(self, parser, section, option, name, names, pieces,
                 depth, raw, after):
        key = parser.optionxform(name)
        if key not in names:
            raise InterpolationMissingOptionError(option, section, raw, key)
        found = names[key]
        if self._mark in found:
            self._expand(parser, section, option, found, names, pieces,
                         depth - 1, raw)
        else:
            pieces.append(found)


class ExtendedInterpolation(_Substituting):
    """'${name}' stands for option `name` of the same section, and
    '${section:name}' for an option of another section; '$$' is a
    literal dollar sign."""

    _mark = '$'
    _open = '{'
    _close = '}'

    def _resolve(self, parser, section, option, name, names, pieces,
                 depth, raw, after):
        parts = name.split(':')
        if len(parts) > 2:
            raise InterpolationSyntaxError(
                option, section, "More than one ':' found: %r" % (after,))
        try:
            if len(parts) == 1:
                home, target = section, parser.optionxform(parts[0])
                found = names[target]
            else:
                home, target = parts[0], parser.optionxform(parts[1])
                found = parser.get(home, target, raw=True)
        except (NoSectionError, NoOptionError, KeyError):
            raise InterpolationMissingOptionError(
                option, section, raw, name) from None
        if self._mark not in found:
            pieces.append(found)
            return
        scope = dict(parser.items(home, raw=True))
        inner_raw = parser.get(home, target, raw=True, fallback=found)
        self._expand(parser, home, target, found, scope, pieces, depth - 1,
                     inner_raw)


# =================================================== reading: the lines

_BLANK, _COMMENT, _HEADER, _OPTION = range(4)


class _LineReader:
    """Classifies the lines of one source for a parser and applies them
    to its store.  One reader is used per source."""

    def __init__(self, parser, source):
        self.parser = parser
        self.source = source
        self.seen = set()          # sections and (section, option) read
        self.store = None          # the option mapping being filled
        self.where = None          # its section name
        self.key = None            # the option continuation lines extend
        self.margin = 0            # indentation of that option's line
        self.bad = []              # (lineno, line) that made no sense

    # -- looking at a line

    def _comment_start(self, line):
        """Index where a comment begins on `line`, or None."""
        p = self.parser
        if line.strip().startswith(p._whole_line_comments):
            return 0
        # Inline markers count only at the start or after whitespace.  All
        # markers step to their next occurrence together; the first step
        # that finds a qualifying one decides.
        cursor = dict.fromkeys(p._inline_comments, -1)
        while cursor:
            found = []
            for marker in list(cursor):
                at = line.find(marker, cursor[marker] + 1)
                if at < 0:
                    del cursor[marker]
                    continue
                cursor[marker] = at
                if at == 0 or line[at - 1].isspace():
                    found.append(at)
            if found:
                return min(found)
        return None

    def _split_option(self, text):
        """(name, value) of an option line; value None when it has no
        delimiter (and the parser allows that); None if not an option."""
        best = None
        for delim in self.parser._delims:
            at = text.find(delim)
            if at >= 0 and (best is None or at < best[0]):
                best = (at, delim)
        if best is None:
            if self.parser._bare_keys:
                return text.rstrip(), None
            return None
        at, delim = best
        return text[:at].rstrip(), text[at + len(delim):].strip()

    # -- applying a line

    def feed(self, lineno, line):
        cut = self._comment_start(line)
        text = (line if cut is None else line[:cut]).strip()
        if not text:
            self._blank(comment=cut is not None)
            return
        indent = len(line) - len(line.lstrip())
        if (self.store is not None and self.key and indent > self.margin):
            lines = self.store[self.key]
            if lines is None:
                raise MultilineContinuationError(self.source, lineno, line)
            lines.append(text)
            return
        self.margin = indent
        close = text.rfind(']')
        if text[0] == '[' and close >= 2:
            self._enter(text[1:close], lineno)
            return
        if self.store is None:
            if not self.parser._unnamed_ok:
                raise MissingSectionHeaderError(self.source, lineno, line)
            self._enter(UNNAMED_SECTION, lineno)
        pair = self._split_option(text)
        if pair is None:
            self.bad.append((lineno, line))
            return
        name, value = pair
        if not name:
            self.bad.append((lineno, line))
        self._add_option(self.parser.optionxform(name), value, lineno)

    def _blank(self, comment):
        if not self.parser._blank_lines_continue:
            self.margin = sys.maxsize
        elif not comment and self.store is not None and self.key:
            lines = self.store[self.key]
            if lines is not None:
                lines.append('')

    def _enter(self, name, lineno):
        p = self.parser
        self.key = None
        if name in p._sections:
            if p._strict and name in self.seen:
                raise DuplicateSectionError(name, self.source, lineno)
            self.store = p._sections[name]
        elif name == p.default_section:
            self.store = p._defaults
        else:
            self.store = p._new_section(name)
        self.where = name
        self.seen.add(name)

    def _add_option(self, key, value, lineno):
        if self.parser._strict and (self.where, key) in self.seen:
            raise DuplicateOptionError(self.where, key, self.source, lineno)
        self.seen.add((self.where, key))
        self.store[key] = None if value is None else [value]
        self.key = key

    def finish(self):
        """Join the collected lines of each value and report bad lines."""
        p = self.parser
        for name, options in p._all_stores():
            for key, value in options.items():
                if isinstance(value, list):
                    value = '\n'.join(value).rstrip()
                options[key] = p._interp.before_read(p, name, key,
                                                            value)
        if self.bad:
            report = ParsingError(self.source)
            for lineno, line in self.bad:
                report.append(lineno, line)
            raise report


# =========================================================== the parser

def _typed_getter(public_name, convert_name):
    """A get<type>() method: get() followed by a conversion; a missing
    section or option gives the fallback if one is passed."""

    def getter(self, section, option, *, raw=False, vars=None,
               fallback=_MISSING, **kwargs):
        convert = getattr(self, convert_name)
        return self._fetch_converted(section, option, convert, raw, vars,
                                     fallback, kwargs)
    getter.__name__ = public_name
    getter.__qualname__ = 'RawConfigParser.' + public_name
    return getter


class RawConfigParser(MutableMapping):
    """A configuration of sections and options, with no interpolation
    unless one is passed.  Also a mapping of section name to
    SectionProxy, the default section included."""

    BOOLEAN_STATES = dict.fromkeys(('1', 'yes', 'true', 'on'), True)
    BOOLEAN_STATES.update(dict.fromkeys(('0', 'no', 'false', 'off'), False))

    # What an omitted `interpolation` argument turns into.
    _interpolation_kind = Interpolation

    def __init__(self, defaults=None, dict_type=dict, allow_no_value=False,
                 *, delimiters=('=', ':'), comment_prefixes=('#', ';'),
                 inline_comment_prefixes=None, strict=True,
                 empty_lines_in_values=True, default_section=DEFAULTSECT,
                 interpolation=_MISSING, converters=_MISSING,
                 allow_unnamed_section=False):
        self._dict = dict_type
        self._sections = dict_type()
        self._defaults = dict_type()
        self._views = dict_type()
        self.default_section = default_section
        self._views[default_section] = SectionProxy(self, default_section)
        self._delims = tuple(delimiters)
        self._whole_line_comments = tuple(comment_prefixes or ())
        self._inline_comments = tuple(inline_comment_prefixes or ())
        self._strict = strict
        self._bare_keys = allow_no_value
        self._blank_lines_continue = empty_lines_in_values
        self._unnamed_ok = allow_unnamed_section
        if interpolation is _MISSING:
            interpolation = self._interpolation_kind()
        elif interpolation is None:
            interpolation = Interpolation()
        elif not isinstance(interpolation, Interpolation):
            raise TypeError("interpolation= must be None or an instance of "
                            "Interpolation; got an object of type %s"
                            % type(interpolation))
        self._interp = interpolation
        self._conv_map = ConverterMapping(self)
        if converters is not _MISSING:
            self._conv_map.update(converters)
        if defaults:
            self.read_dict({default_section: defaults})

    # -- the store

    def _new_section(self, name):
        options = self._dict()
        self._sections[name] = options
        self._views[name] = SectionProxy(self, name)
        return options

    def _all_stores(self):
        yield self.default_section, self._defaults
        yield from self._sections.items()

    def _means_default(self, section):
        return not section or self.default_section == section

    def _store_for(self, section):
        """The option mapping set() and remove_option() act on."""
        if self._means_default(section):
            return self._defaults
        if section not in self._sections:
            raise NoSectionError(section)
        return self._sections[section]

    # -- sections and options

    def defaults(self):
        """The default section's options (a live mapping)."""
        return self._defaults

    def sections(self):
        """Names of the sections, the default section left out."""
        return list(self._sections)

    def add_section(self, section):
        """Create an empty section; the default section's name and names
        already in use are refused."""
        if self.default_section == section:
            raise ValueError('Invalid section name: %r' % (section,))
        if section in self._sections:
            raise DuplicateSectionError(section)
        self._new_section(section)

    def has_section(self, section):
        """Whether the section exists (never true for the default)."""
        return self._sections.get(section) is not None

    def options(self, section):
        """The section's option names followed by the defaults' ones."""
        if section not in self._sections:
            raise NoSectionError(section)
        names = list(self._sections[section])
        names += [k for k in self._defaults if k not in names]
        return names

    def has_option(self, section, option):
        """Whether `option` is set in `section` or in the defaults; with
        no section (or the default one) only the defaults are asked."""
        key = self.optionxform(option)
        if self._means_default(section):
            return key in self._defaults
        own = self._sections.get(section)
        return own is not None and (key in own or key in self._defaults)

    def optionxform(self, optionstr):
        """How option names are normalised: lower-cased by default."""
        return optionstr.lower()

    @property
    def converters(self):
        """The ConverterMapping of get<type>() helpers."""
        return self._conv_map

    # -- reading

    def read(self, filenames, encoding=None):
        """Read the named files (one name or several), skipping those that
        cannot be opened; return the names that were read."""
        if isinstance(filenames, (str, os.PathLike, bytes)):
            filenames = [filenames]
        done = []
        for name in filenames:
            try:
                handle = open(name, encoding=encoding)
            except OSError:
                continue
            with handle:
                self._read(handle, name)
            done.append(os.fspath(name) if isinstance(name, os.PathLike)
                        else name)
        return done

    def read_file(self, f, source=None):
        """Read lines from an iterable (an open file, a list...)."""
        if source is None:
            source = getattr(f, 'name', '<???>')
        self._read(f, source)

    def read_string(self, string, source='<string>'):
        """Read a configuration held in a string."""
        self.read_file(io.StringIO(string), source)

    def read_dict(self, dictionary, source='<dict>'):
        """Read sections from a mapping of section name to a mapping of
        options; keys and values are turned into strings (None values
        stay None)."""
        met = set()
        for section, options in dictionary.items():
            section = str(section)
            try:
                self.add_section(section)
            except (ValueError, DuplicateSectionError):
                if self._strict and section in met:
                    raise
            met.add(section)
            for key, value in options.items():
                opt = self.optionxform(str(key))
                if value is not None:
                    value = str(value)
                if self._strict and (section, opt) in met:
                    raise DuplicateOptionError(section, opt, source)
                met.add((section, opt))
                self.set(section, opt, value)

    def _read(self, fp, fpname):
        reader = _LineReader(self, fpname)
        for lineno, line in enumerate(fp, 1):
            reader.feed(lineno, line)
        reader.finish()

    # -- getting

    def _scope(self, section, vars):
        """The names visible from `section`: vars first, then the
        section's own options, then the defaults."""
        if section in self._sections:
            own = self._sections[section]
        elif section == self.default_section:
            own = {}
        else:
            raise NoSectionError(section)
        extra = {}
        for key, value in (vars or {}).items():
            extra[self.optionxform(key)] = (None if value is None
                                            else str(value))
        return ChainMap(extra, own, self._defaults)

    def get(self, section, option, *, raw=False, vars=None, fallback=_MISSING):
        """The option's value in the section, expanded by the
        interpolation unless `raw`.  Without a fallback, a missing section
        or option raises NoSectionError or NoOptionError."""
        try:
            scope = self._scope(section, vars)
        except NoSectionError:
            if fallback is _MISSING:
                raise
            return fallback
        key = self.optionxform(option)
        if key not in scope:
            if fallback is _MISSING:
                raise NoOptionError(key, section)
            return fallback
        value = scope[key]
        if raw or value is None:
            return value
        return self._interp.before_get(self, section, key, value,
                                              scope)

    def _fetch_converted(self, section, option, convert, raw, vars,
                         fallback, extra):
        try:
            text = self.get(section, option, raw=raw, vars=vars, **extra)
        except (NoOptionError, NoSectionError):
            if fallback is _MISSING:
                raise
            return fallback
        return convert(text)

    getint = _typed_getter('getint', '_int')
    getfloat = _typed_getter('getfloat', '_float')
    getboolean = _typed_getter('getboolean', '_as_bool')

    _int = staticmethod(int)
    _float = staticmethod(float)

    def _as_bool(self, value):
        """True or False for a word of BOOLEAN_STATES."""
        verdict = self.BOOLEAN_STATES.get(value.lower())
        if verdict is None:
            raise ValueError('Not a boolean: %s' % value)
        return verdict

    def items(self, section=_MISSING, raw=False, vars=None):
        """With no section, (name, SectionProxy) pairs for every section,
        the default first.  With one, its (option, value) pairs,
        inherited defaults included."""
        if section is _MISSING:
            return super().items()
        if section in self._sections:
            scope = dict(self._defaults)
            scope.update(self._sections[section])
        elif section == self.default_section:
            scope = dict(self._defaults)
        else:
            raise NoSectionError(section)
        keys = list(scope)
        for key, value in (vars or {}).items():
            scope[self.optionxform(key)] = value
        if raw:
            return [(key, scope[key]) for key in keys]
        expand = self._interp.before_get
        return [(key, expand(self, section, key, scope[key], scope))
                for key in keys]

    def popitem(self):
        """Remove a section other than the default one and return
        (name, proxy); KeyError when there is none."""
        for name in self.sections():
            proxy = self[name]
            del self[name]
            return name, proxy
        raise KeyError

    # -- changing

    def set(self, section, option, value=None):
        """Set an option; an empty or missing section means the default
        section."""
        if value:
            value = self._interp.before_set(self, section, option,
                                                   value)
        self._store_for(section)[self.optionxform(option)] = value

    def remove_option(self, section, option):
        """Remove an option; return whether it was there."""
        store = self._store_for(section)
        key = self.optionxform(option)
        present = key in store
        if present:
            del store[key]
        return present

    def remove_section(self, section):
        """Remove a section; return whether it was there."""
        if section not in self._sections:
            return False
        del self._sections[section]
        del self._views[section]
        return True

    def _check_types(self, *, section="", option="", value=""):
        """TypeError unless names and values are strings (None is a valid
        value when the parser allows options without values)."""
        for given, what in ((section, "section names"),
                            (option, "option keys")):
            if not isinstance(given, str):
                raise TypeError(what + " must be strings")
        # A falsy value escapes the check only where keys may lack values.
        needs_text = bool(value) or not self._bare_keys
        if needs_text and not isinstance(value, str):
            raise TypeError("option values must be strings")

    # -- writing

    def write(self, fp, space_around_delimiters=True):
        """Write the configuration to the text file `fp` in a form read()
        accepts."""
        joiner = self._delims[0]
        if space_around_delimiters:
            joiner = f' {joiner} '
        if self._defaults:
            self._emit_section(fp, self.default_section,
                                self._defaults, joiner)
        unnamed = self._sections.get(UNNAMED_SECTION)
        if unnamed is not None:
            self._emit_section(fp, UNNAMED_SECTION, unnamed, joiner,
                                header=False)
        for name, options in self._sections.items():
            if name is not UNNAMED_SECTION:
                self._emit_section(fp, name, options, joiner)

    def _emit_section(self, fp, name, options, joiner, header=True):
        lines = ['[%s]\n' % (name,)] if header else []
        for key, value in options.items():
            value = self._interp.before_write(self, name, key, value)
            if value is None and self._bare_keys:
                lines.append(key + '\n')
            else:
                body = str(value).replace('\n', '\n\t')
                lines.append(key + joiner + body + '\n')
        lines.append('\n')
        fp.write(''.join(lines))

    # -- the mapping of sections

    def __getitem__(self, key):
        if key == self.default_section or key in self._sections:
            return self._views[key]
        raise KeyError(key)

    def __setitem__(self, key, value):
        if self._views.get(key) is value:
            return      # proxy assigned to itself: nothing to do
        if self.default_section == key:
            self._defaults.clear()
        elif key in self._sections:
            self._sections[key].clear()
        self.read_dict({key: value})

    def __delitem__(self, key):
        if self.default_section == key:
            raise ValueError("Cannot remove the default section.")
        if key not in self._sections:
            raise KeyError(key)
        self.remove_section(key)

    def __contains__(self, key):
        return key == self.default_section or key in self._sections

    def __len__(self):
        return 1 + len(self._sections)

    def __iter__(self):
        yield self.default_section
        yield from list(self._sections)


class ConfigParser(RawConfigParser):
    """RawConfigParser with BasicInterpolation by default, and only string
    section names, option names and values accepted."""

    _interpolation_kind = BasicInterpolation

    def set(self, section, option, value=None):
        """As RawConfigParser.set, after checking the types."""
        self._check_types(option=option, value=value)
        RawConfigParser.set(self, section, option, value)

    def add_section(self, section):
        """As RawConfigParser.add_section, for string names only."""
        self._check_types(section=section)
        RawConfigParser.add_section(self, section)


# ========================================================= the mappings

class SectionProxy(MutableMapping):
    """One section of a parser seen as a mapping of option to value."""

    def __init__(self, parser, name):
        self._parser = parser
        self._name = name

    def __repr__(self):
        return f'<Section: {self._name}>'

    @property
    def parser(self):
        """The parser this section belongs to."""
        return self._parser

    @property
    def name(self):
        """The section's name."""
        return self._name

    def _keys(self):
        p = self._parser
        if self._name == p.default_section:
            return list(p.defaults())
        return p.options(self._name)

    def __getitem__(self, key):
        p = self._parser
        if p.has_option(self._name, key):
            return p.get(self._name, key)
        raise KeyError(key)

    def __setitem__(self, key, value):
        p = self._parser
        p._check_types(option=key, value=value)
        return p.set(self._name, key, value)

    def __delitem__(self, key):
        p = self._parser
        if p.has_option(self._name, key) and p.remove_option(self._name,
                                                             key):
            return
        raise KeyError(key)

    def __contains__(self, key):
        parser = self._parser
        return parser.has_option(self._name, key)

    def __len__(self):
        return len(self._keys())

    def __iter__(self):
        return iter(self._keys())

    def get(self, option, fallback=None, *, raw=False, vars=None,
            _impl=None, **kwargs):
        """The option's value, or `fallback` when it is missing."""
        fetch = _impl if _impl is not None else self._parser.get
        return fetch(self._name, option, raw=raw, vars=vars,
                     fallback=fallback, **kwargs)

    def _typed(self, how, option, fallback, raw, vars, kwargs):
        return self.get(option, fallback, raw=raw, vars=vars,
                        _impl=getattr(self._parser, how), **kwargs)

    def getint(self, option, fallback=None, *, raw=False, vars=None,
               **kwargs):
        """The option converted with int()."""
        return self._typed('getint', option, fallback, raw, vars, kwargs)

    def getfloat(self, option, fallback=None, *, raw=False, vars=None,
                 **kwargs):
        """The option converted with float()."""
        return self._typed('getfloat', option, fallback, raw, vars, kwargs)

    def getboolean(self, option, fallback=None, *, raw=False, vars=None,
                   **kwargs):
        """The option read as a boolean word."""
        return self._typed('getboolean', option, fallback, raw, vars,
                           kwargs)

    def __getattr__(self, name):
        # get<NAME>() for converters registered on the parser.
        if not name.startswith('_'):
            conv = name[3:] if name.startswith('get') else ''
            if conv and conv in self._parser.converters:
                def getter(option, fallback=None, *, raw=False, vars=None,
                           **kwargs):
                    return self._typed(name, option, fallback, raw, vars,
                                       kwargs)
                return getter
        raise AttributeError(
            f"'SectionProxy' object has no attribute '{name}'")


class ConverterMapping(MutableMapping):
    """The parser's converters by name.  Registering converter NAME gives
    the parser a getNAME() method (and its section proxies one too);
    the built-in int, float and boolean are listed with None."""

    def __init__(self, parser):
        self._parser = parser
        self._table = {'int': None, 'float': None, 'boolean': None}

    def __getitem__(self, key):
        return self._table[key]

    def __setitem__(self, key, value):
        try:
            method = 'get' + key
        except TypeError:
            raise ValueError('Incompatible key: {} (type: {})'
                             ''.format(key, type(key))) from None
        if method == 'get':
            raise ValueError('Incompatible key: cannot use "" as a name')
        self._table[key] = value
        parser = self._parser

        def getter(section, option, *, raw=False, vars=None,
                   fallback=_MISSING, **kwargs):
            return parser._fetch_converted(section, option, value, raw,
                                           vars, fallback, kwargs)
        getter.__name__ = method
        setattr(parser, method, getter)

    def __delitem__(self, key):
        del self._table[key]
        try:
            delattr(self._parser, 'get' + key)
        except AttributeError:
            pass

    def __iter__(self):
        return iter(self._table)

    def __len__(self):
        return len(self._table)
