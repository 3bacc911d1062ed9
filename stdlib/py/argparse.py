"""Command-line parsing for torii programs (the argparse module).

Scripts see the interface CPython 3.13 documents for argparse --
ArgumentParser, the Action classes, Namespace, the help formatters,
FileType and the nargs constants -- with the same results: the same
parses, usage lines, help pages and error messages.  How it works inside
is torii's own:

* A parser and all of its argument groups file their arguments in one
  shared catalogue (the actions in order, the option-string table, the
  defaults and the registries).
* A parse sorts every command-line string into one of three kinds -- an
  option, a plain argument, or the '--' that ends the options -- and then
  walks the strings: an option takes the plain strings right after it that
  its nargs asks for, and each stretch of plain strings is shared out among
  the positionals still waiting.  The sharing is a small search: the first
  positional takes as many strings as it can such that the ones after it
  can still be satisfied, then the second, and so on; when not all of them
  can be satisfied, the trailing ones wait for a later stretch.
* HelpFormatter keeps what it is given as a tree of sections and lays the
  text out only when asked for it, once the widest invocation (which
  decides where the help column starts) is known.
"""

import os as _os
import re as _re
import sys as _sys

__version__ = '1.1'
__all__ = [
    'ArgumentParser',
    'ArgumentError',
    'ArgumentTypeError',
    'BooleanOptionalAction',
    'FileType',
    'HelpFormatter',
    'ArgumentDefaultsHelpFormatter',
    'RawDescriptionHelpFormatter',
    'RawTextHelpFormatter',
    'MetavarTypeHelpFormatter',
    'Namespace',
    'Action',
    'ONE_OR_MORE',
    'OPTIONAL',
    'PARSER',
    'REMAINDER',
    'SUPPRESS',
    'ZERO_OR_MORE',
]

# The special values of nargs; SUPPRESS also serves as a default, a help
# string or a group title that is to be left out.
SUPPRESS = '==SUPPRESS=='
OPTIONAL = '?'
ZERO_OR_MORE = '*'
ONE_OR_MORE = '+'
PARSER = 'A...'
REMAINDER = '...'

# The three kinds of command-line string.
_FLAG = 'flag'        # an option string (known to the parser or not)
_PLAIN = 'plain'      # anything else
_MARKER = 'marker'    # the first '--'; every string after it is plain

# A sub-command's parser may leave strings it does not know; they wait on
# the namespace, under this name, for the parent parser to collect.
_LEFTOVER_KEY = '_argparse_leftover_strings'

# '-5', '-2.5', '-.5': negative numbers, taken as plain strings unless
# some option string of the parser looks like one.
_NEGATIVE_NUMBER = _re.compile(r'-\d*\.?\d+$')

# Help text is reflowed on ASCII whitespace only.
_ASCII_SPACE_RUN = _re.compile('[ \t\n\r\f\v]+')
_BLANK_LINES = _re.compile('\n\n\n+')


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------

def _plural(count, singular, plural):
    """gettext's plural choice for English, without a catalogue."""
    if count == 1:
        return singular
    return plural


def _spaces(count):
    # as '%*s' % (count, '') pads: a negative count pads all the same
    return ' ' * abs(count)


def _squash(text):
    """Runs of ASCII whitespace made single spaces, the ends trimmed."""
    return _ASCII_SPACE_RUN.sub(' ', text).strip()


def _terminal_width():
    """The width to lay help out in, found the way shutil finds the
    terminal size: COLUMNS if it holds a positive number, else the size of
    the terminal on standard output, else 80 columns."""
    try:
        columns = int(_os.environ['COLUMNS'])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    measure = getattr(_os, 'get_terminal_size', None)
    if measure is not None:
        try:
            columns = measure(_sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def _put(namespace, dest, value):
    setattr(namespace, dest, value)


def _grow(namespace, dest, how, addition):
    """Store a copy of the collection at dest (a new list if there is
    none) with `addition` appended or extended: a list given as the
    default is never changed in place."""
    current = getattr(namespace, dest, None)
    if current is None:
        grown = []
    elif type(current) is list:
        grown = current[:]
    else:
        import copy
        grown = copy.copy(current)
    getattr(grown, how)(addition)
    _put(namespace, dest, grown)


def _warn(message, category, depth):
    """Issue a warning attributed `depth` frames above the caller (where
    the warnings module exists)."""
    try:
        import warnings
    except ImportError:
        return
    warnings.warn(message, category, stacklevel=depth + 1)


# ---------------------------------------------------------------------------
# Reprs and the namespace
# ---------------------------------------------------------------------------

class _KeywordRepr(object):
    """Shown as ``Type(value, ..., name=value, ...)``.

    _get_args() supplies the leading values and _get_kwargs() the
    (name, value) pairs; pairs whose name is not an identifier are shown
    together as a trailing ``**{...}``.
    """

    def __repr__(self):
        shown = [repr(value) for value in self._get_args()]
        odd_names = {}
        for key, value in self._get_kwargs():
            if key.isidentifier():
                shown.append('%s=%r' % (key, value))
            else:
                odd_names[key] = value
        if odd_names:
            shown.append('**' + repr(odd_names))
        return '%s(%s)' % (type(self).__name__, ', '.join(shown))

    def _get_kwargs(self):
        return [*vars(self).items()]

    def _get_args(self):
        return []


class Namespace(_KeywordRepr):
    """The object parse_args() fills: one attribute per destination.

    Namespaces compare equal when they hold the same attributes with equal
    values, and ``name in namespace`` tells whether an attribute is set.
    """

    def __init__(self, **kwargs):
        for key, value in kwargs.items():
            setattr(self, key, value)

    def __eq__(self, other):
        if isinstance(other, Namespace):
            return self.__dict__ == other.__dict__
        return NotImplemented

    def __contains__(self, key):
        return key in self.__dict__


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------

def _describe(action):
    """What error messages call an argument: its option strings, else its
    metavar, else its destination, else its choices (None if nothing)."""
    if action is None:
        return None
    if action.option_strings:
        return '/'.join(action.option_strings)
    for name in (action.metavar, action.dest):
        if name is not None and name != SUPPRESS:
            return name
    if action.choices:
        return '{%s}' % ','.join(action.choices)
    return None


class ArgumentError(Exception):
    """A problem with an argument, in its definition or on the command line.

    str() of the error is the message, preceded by the name of the argument
    concerned when there is one.
    """

    def __init__(self, argument, message):
        self.argument_name = _describe(argument)
        self.message = message

    def __str__(self):
        if self.argument_name is None:
            return '%s' % (self.message,)
        return 'argument %s: %s' % (self.argument_name, self.message)


class ArgumentTypeError(Exception):
    """Raised by a type= function that rejects its string; the parser
    reports the message as the argument's error."""


# ---------------------------------------------------------------------------
# Help formatting
# ---------------------------------------------------------------------------

class _Section(object):
    """Part of a help page under construction: an optional heading and the
    entries under it, each a (kind, payload) pair."""

    __slots__ = ('heading', 'outer', 'entries')

    def __init__(self, heading, outer):
        self.heading = heading
        self.outer = outer
        self.entries = []


def _listed_commands(action):
    # the per-command lines a sub-command action shows under itself
    return getattr(action, '_command_lines', None)


class HelpFormatter(object):
    """Lays out usage lines and help pages.

    The parser hands the pieces over with add_usage(), add_text(),
    start_section()/end_section() and add_argument(s)(); format_help()
    produces the text.  Nothing is laid out before that, because the help
    column depends on the widest invocation of all the arguments.

    The layout can be changed by overriding _split_lines, _fill_text,
    _get_help_string, _format_action_invocation, _metavar_formatter,
    _format_args, _get_default_metavar_for_optional and
    _get_default_metavar_for_positional.
    """

    def __init__(self, prog, indent_increment=2, max_help_position=24,
                 width=None):
        if width is None:
            width = _terminal_width() - 2
        self._prog = prog
        self._indent_increment = indent_increment
        self._width = width
        # keep at least 20 columns for the help (or two indentation steps)
        limit = max(width - 20, 2 * indent_increment)
        self._max_help_position = min(max_help_position, limit)
        self._current_indent = 0
        self._widest_invocation = 0
        self._tree = _Section(None, None)
        self._building = self._tree

    def _deeper(self, steps):
        # move the indentation `steps` levels in (out, if negative)
        self._current_indent += steps * self._indent_increment

    # -- collecting ----------------------------------------------------------

    def _add_entry(self, kind, payload):
        self._building.entries.append((kind, payload))

    def start_section(self, heading):
        section = _Section(heading, self._building)
        self._add_entry('section', section)
        self._building = section
        self._deeper(1)

    def end_section(self):
        self._building = self._building.outer
        self._deeper(-1)

    def add_text(self, text):
        if text is not None and text is not SUPPRESS:
            self._add_entry('text', text)

    def add_usage(self, usage, actions, groups, prefix=None):
        if usage is not SUPPRESS:
            self._add_entry('usage', (usage, actions, groups, prefix))

    def add_argument(self, action):
        if action.help is SUPPRESS:
            return
        invocation = self._format_action_invocation
        widest = len(invocation(action)) + self._current_indent
        nested = _listed_commands(action)
        if nested is not None:
            self._deeper(1)
            for entry in nested:
                size = len(invocation(entry)) + self._current_indent
                widest = max(widest, size)
            self._deeper(-1)
        self._widest_invocation = max(self._widest_invocation, widest)
        self._add_entry('action', action)

    def add_arguments(self, actions):
        for action in actions:
            self.add_argument(action)

    # -- laying out ----------------------------------------------------------

    def format_help(self):
        text = self._render(self._tree)
        if text:
            text = _BLANK_LINES.sub('\n\n', text).strip('\n') + '\n'
        return text

    def _render(self, section):
        pieces = []
        for kind, payload in section.entries:
            if kind == 'text':
                piece = self._format_text(payload)
            elif kind == 'usage':
                piece = self._format_usage(*payload)
            elif kind == 'action':
                piece = self._format_action(payload)
            else:
                piece = self._render_nested(payload)
            if piece and piece is not SUPPRESS:
                pieces.append(piece)
        return ''.join(pieces)

    def _render_nested(self, section):
        # a section with nothing in it disappears, heading and all
        self._deeper(1)
        body = self._render(section)
        self._deeper(-1)
        if not body:
            return ''
        heading = ''
        if section.heading is not None and section.heading is not SUPPRESS:
            heading = '%s%s:\n' % (_spaces(self._current_indent),
                                   section.heading)
        return '\n' + heading + body + '\n'

    def _format_text(self, text):
        if '%(prog)' in text:
            text = text % {'prog': self._prog}
        room = max(self._width - self._current_indent, 11)
        lead = _spaces(self._current_indent)
        return self._fill_text(text, room, lead) + '\n\n'

    # -- usage ---------------------------------------------------------------

    def _format_usage(self, usage, actions, groups, prefix):
        if prefix is None:
            prefix = 'usage: '
        prog = '%s' % (self._prog,)
        if usage is not None:
            line = usage % {'prog': self._prog}
        elif not actions:
            line = prog
        else:
            flags = [a for a in actions if a.option_strings]
            plain = [a for a in actions if not a.option_strings]
            body = ' '.join(self._usage_pieces(flags + plain, groups))
            line = ' '.join(word for word in (prog, body) if word)
            room = self._width - self._current_indent
            if len(prefix) + len(line) > room:
                line = self._wrap_usage(prog, prefix, room,
                                        self._usage_pieces(flags, groups),
                                        self._usage_pieces(plain, groups))
        return prefix + line + '\n\n'

    def _usage_pieces(self, actions, groups):
        """The usage of `actions` as a list of unbreakable pieces, one per
        shown action.  A mutually exclusive group whose members stand
        together, in order, in `actions` is bracketed as one, its members
        separated by ' |'."""
        spans = {}
        grouped = set()
        for group in groups:
            members = group._group_actions
            if not members:
                raise ValueError(f'empty group {group}')
            if all(member.help is SUPPRESS for member in members):
                continue
            if members[0] not in actions:
                continue
            first = actions.index(members[0])
            last = first + len(members)
            if actions[first:last] == members:
                grouped.update(members)
                spans[first, last] = group

        pieces = []
        for action in actions:
            if action.help is SUPPRESS:
                pieces.append(None)
                continue
            if action.option_strings:
                if action.nargs == 0:
                    piece = action.format_usage()
                else:
                    metavar = self._get_default_metavar_for_optional(action)
                    piece = '%s %s' % (action.option_strings[0],
                                       self._format_args(action, metavar))
                if not action.required and action not in grouped:
                    piece = '[' + piece + ']'
            else:
                metavar = self._get_default_metavar_for_positional(action)
                piece = self._format_args(action, metavar)
                # inside a group, the group's brackets do for its own
                if action in grouped and piece[0] == '[' and piece[-1] == ']':
                    piece = piece[1:-1]
            pieces.append(piece)

        piped = set()
        for first, last in sorted(spans, reverse=True):
            group = spans[first, last]
            shown = [piece for piece in pieces[first:last] if piece is not None]
            if not group.required:
                opening, closing = '[', ']'
            elif len(shown) > 1:
                opening, closing = '(', ')'
            else:
                opening = closing = ''
            shown[0] = opening + shown[0]
            shown[-1] = shown[-1] + closing
            for offset in range(len(shown) - 1):
                where = first + offset
                if where not in piped:
                    piped.add(where)
                    pieces[where] = shown[offset] + ' |'
            pieces[first + len(shown) - 1] = shown[-1]
            for where in range(first + len(shown), last):
                pieces[where] = None
        return [piece for piece in pieces if piece is not None]

    def _wrap_usage(self, prog, prefix, room, flag_pieces, plain_pieces):
        """A usage too long for one line, over several: the options first,
        the positionals from a fresh line; beside a short program name, or
        under a long one, which gets a line to itself."""

        def fill(pieces, lead, after_prefix=False):
            rows = []
            row = []
            used = len(prefix) if after_prefix else len(lead)
            for piece in pieces:
                if row and used + 1 + len(piece) > room:
                    rows.append(row)
                    row = []
                    used = len(lead)
                used += len(piece) + (1 if row else 0)
                row.append(piece)
            if row:
                rows.append(row)
            text = [lead + ' '.join(row) for row in rows]
            if after_prefix and text:
                text[0] = ' '.join(rows[0])
            return text

        if len(prefix) + len(prog) <= 0.75 * room:
            lead = _spaces(len(prefix) + len(prog) + 1)
            if flag_pieces:
                lines = fill([prog] + flag_pieces, lead, True)
                lines += fill(plain_pieces, lead)
            elif plain_pieces:
                lines = fill([prog] + plain_pieces, lead, True)
            else:
                lines = [prog]
        else:
            lead = _spaces(len(prefix))
            lines = fill(flag_pieces + plain_pieces, lead)
            if len(lines) > 1:
                lines = fill(flag_pieces, lead) + fill(plain_pieces, lead)
            lines = [prog] + lines
        return '\n'.join(lines)

    # -- one argument --------------------------------------------------------

    def _format_action(self, action):
        column = min(self._widest_invocation + 2, self._max_help_position)
        help_room = max(self._width - column, 11)
        label_room = column - self._current_indent - 2
        label = self._format_action_invocation(action)
        lead = _spaces(self._current_indent)

        first_indent = 0
        if not action.help:
            pieces = [lead + label + '\n']
        elif len(label) <= label_room:
            # the help starts on the same line, in the help column
            pieces = [lead + label + _spaces(label_room - len(label)) + '  ']
        else:
            # the label is too wide: the help starts on the next line
            pieces = [lead + label + '\n']
            first_indent = column

        has_text = bool(action.help) and bool(action.help.strip())
        if has_text:
            text = self._expanded_help(action)
            if text:
                lines = self._split_lines(text, help_room)
                pieces.append(_spaces(first_indent) + lines[0] + '\n')
                for line in lines[1:]:
                    pieces.append(_spaces(column) + line + '\n')
        elif not pieces[0].endswith('\n'):
            pieces.append('\n')

        nested = _listed_commands(action)
        if nested is not None:
            self._deeper(1)
            for entry in nested:
                pieces.append(self._format_action(entry))
            self._deeper(-1)
        return ''.join(piece for piece in pieces if piece)

    def _format_action_invocation(self, action):
        if not action.option_strings:
            fallback = self._get_default_metavar_for_positional(action)
            (shown,) = self._metavar_formatter(action, fallback)(1)
            return shown
        names = ', '.join(action.option_strings)
        if action.nargs == 0:
            return names
        fallback = self._get_default_metavar_for_optional(action)
        return names + ' ' + self._format_args(action, fallback)

    def _metavar_formatter(self, action, default_metavar):
        name = action.metavar
        if name is None:
            if action.choices is None:
                name = default_metavar
            else:
                listed = ','.join([str(choice) for choice in action.choices])
                name = '{%s}' % listed

        def names(count):
            if isinstance(name, tuple):
                return name
            return (name,) * count
        return names

    def _format_args(self, action, default_metavar):
        names = self._metavar_formatter(action, default_metavar)
        nargs = action.nargs
        if nargs is None:
            return '%s' % names(1)
        if nargs == OPTIONAL:
            return '[%s]' % names(1)
        if nargs == ZERO_OR_MORE:
            shown = names(1)
            if len(shown) == 2:
                return '[%s [%s ...]]' % shown
            return '[%s ...]' % shown
        if nargs == ONE_OR_MORE:
            return '%s [%s ...]' % names(2)
        if nargs == REMAINDER:
            return '...'
        if nargs == PARSER:
            return '%s ...' % names(1)
        if nargs == SUPPRESS:
            return ''
        try:
            template = ' '.join(['%s'] * nargs)
        except TypeError:
            raise ValueError('invalid nargs value') from None
        return template % names(nargs)

    def _expanded_help(self, action):
        """The help string with its %(name)s references filled in from the
        action's attributes (and %(prog)s)."""
        values = dict(vars(action))
        values['prog'] = self._prog
        values = {key: value for key, value in values.items()
                  if value is not SUPPRESS}
        for key, value in list(values.items()):
            if hasattr(value, '__name__'):
                values[key] = value.__name__
        if values.get('choices') is not None:
            values['choices'] = ', '.join(map(str, values['choices']))
        return self._get_help_string(action) % values

    def _split_lines(self, text, width):
        import textwrap
        return textwrap.wrap(_squash(text), width)

    def _fill_text(self, text, width, indent):
        import textwrap
        return textwrap.fill(_squash(text), width, initial_indent=indent,
                             subsequent_indent=indent)

    def _get_help_string(self, action):
        return action.help

    def _get_default_metavar_for_optional(self, action):
        return action.dest.upper()

    def _get_default_metavar_for_positional(self, action):
        return action.dest


class RawDescriptionHelpFormatter(HelpFormatter):
    """Keeps the line breaks and spacing of descriptions and epilogs as
    written (argument help is still reflowed)."""

    def _fill_text(self, text, width, indent):
        return ''.join([indent + line
                        for line in text.splitlines(keepends=True)])


class RawTextHelpFormatter(RawDescriptionHelpFormatter):
    """Keeps the line breaks and spacing of all text, argument help too."""

    def _split_lines(self, text, width):
        return text.splitlines()


class ArgumentDefaultsHelpFormatter(HelpFormatter):
    """Adds ' (default: ...)' to the help of every argument that has a
    default to show (options, and positionals with nargs '?' or '*')."""

    def _get_help_string(self, action):
        text = '' if action.help is None else action.help
        shows_default = (action.option_strings
                         or action.nargs in (OPTIONAL, ZERO_OR_MORE))
        if ('%(default)' not in text and action.default is not SUPPRESS
                and shows_default):
            text += ' (default: %(default)s)'
        return text


class MetavarTypeHelpFormatter(HelpFormatter):
    """Names arguments' values after their type (type.__name__) rather than
    their destination."""

    def _get_default_metavar_for_optional(self, action):
        return action.type.__name__

    def _get_default_metavar_for_positional(self, action):
        return action.type.__name__


# ---------------------------------------------------------------------------
# Actions
# ---------------------------------------------------------------------------

class Action(_KeywordRepr):
    """What to do with one command-line argument.

    add_argument() makes one per argument; each time the argument turns up
    the parser calls ``action(parser, namespace, values, option_string)``
    with the converted values.  The constructor's arguments are kept as
    attributes of the same names:

    option_strings -- the option strings, such as ['-f', '--foo']; empty
        for a positional
    dest -- the name of the namespace attribute that receives the value
    nargs -- how many strings it takes: None for one (stored as such), an
        integer N for a list of N, '?' for zero or one, '*' for any number,
        '+' for one or more, REMAINDER for all that are left
    const -- the value stored by actions that take no string, and by '?'
        options given none
    default -- the value when the argument does not appear
    type -- the callable that turns a string into a value
    choices -- a container the converted values must belong to
    required -- whether an option must be given
    help -- its help text; metavar -- the name its values go by in help
    deprecated -- whether using it draws a warning
    """

    def __init__(self, option_strings, dest, nargs=None, const=None,
                 default=None, type=None, choices=None, required=False,
                 help=None, metavar=None, deprecated=False):
        self.option_strings = option_strings
        self.dest = dest
        self.nargs = nargs
        self.const = const
        self.default = default
        self.type = type
        self.choices = choices
        self.required = required
        self.help = help
        self.metavar = metavar
        self.deprecated = deprecated

    _SHOWN = ('option_strings', 'dest', 'nargs', 'const', 'default', 'type',
              'choices', 'required', 'help', 'metavar', 'deprecated')

    def _get_kwargs(self):
        return [(key, getattr(self, key)) for key in self._SHOWN]

    def format_usage(self):
        return self.option_strings[0]

    def __call__(self, parser, namespace, values, option_string=None):
        raise NotImplementedError('.__call__() not defined')


_UNSET = object()    # BooleanOptionalAction: "not passed"


class BooleanOptionalAction(Action):
    """A flag with a negative twin: '--foo' stores True and '--no-foo'
    (made for each option string beginning with '--') stores False."""

    def __init__(self, option_strings, dest, default=None, type=_UNSET,
                 choices=_UNSET, required=False, help=None, metavar=_UNSET,
                 deprecated=False):
        both = []
        for text in option_strings:
            both.append(text)
            if text.startswith('--'):
                both.append('--no-' + text[2:])
        passed = {'type': type, 'choices': choices, 'metavar': metavar}
        for key, value in passed.items():
            if value is not _UNSET:
                _warn('%r is deprecated as of Python 3.12 and will be '
                      'removed in Python 3.14.' % (key,),
                      DeprecationWarning, 2)
            else:
                passed[key] = None
        super().__init__(option_strings=both, dest=dest, nargs=0,
                         default=default, required=required, help=help,
                         deprecated=deprecated, **passed)

    def __call__(self, parser, namespace, values, option_string=None):
        if option_string not in self.option_strings:
            return
        negative = option_string.startswith('--no-')
        setattr(namespace, self.dest, not negative)

    def format_usage(self):
        return ' | '.join(self.option_strings)


def _check_const(nargs, const):
    # only an nargs='?' argument has a use for const
    if nargs != OPTIONAL and const is not None:
        raise ValueError('nargs must be %r to supply const' % (OPTIONAL,))


class _StoreAction(Action):

    def __init__(self, option_strings, dest, nargs=None, const=None,
                 default=None, type=None, choices=None, required=False,
                 help=None, metavar=None, deprecated=False):
        if nargs == 0:
            raise ValueError(
                'nargs for store actions must be != 0; if you have nothing '
                'to store, actions such as store true or store const may '
                'be more appropriate')
        _check_const(nargs, const)
        super().__init__(option_strings=option_strings, dest=dest,
                         nargs=nargs, const=const, default=default,
                         type=type, choices=choices, required=required,
                         help=help, metavar=metavar, deprecated=deprecated)

    def __call__(self, parser, namespace, values, option_string=None):
        _put(namespace, self.dest, values)


class _StoreConstAction(Action):

    def __init__(self, option_strings, dest, const=None, default=None,
                 required=False, help=None, metavar=None, deprecated=False):
        # (the metavar is accepted but not kept: there is no value to name)
        super().__init__(option_strings=option_strings, dest=dest, nargs=0,
                         const=const, default=default, required=required,
                         help=help, deprecated=deprecated)

    def __call__(self, parser, namespace, values, option_string=None):
        _put(namespace, self.dest, self.const)


class _StoreTrueAction(_StoreConstAction):

    def __init__(self, option_strings, dest, default=False, required=False,
                 help=None, deprecated=False):
        super().__init__(option_strings=option_strings, dest=dest,
                         const=True, default=default, required=required,
                         help=help, deprecated=deprecated)


class _StoreFalseAction(_StoreConstAction):

    def __init__(self, option_strings, dest, default=True, required=False,
                 help=None, deprecated=False):
        super().__init__(option_strings=option_strings, dest=dest,
                         const=False, default=default, required=required,
                         help=help, deprecated=deprecated)


class _AppendAction(Action):

    def __init__(self, option_strings, dest, nargs=None, const=None,
                 default=None, type=None, choices=None, required=False,
                 help=None, metavar=None, deprecated=False):
        if nargs == 0:
            raise ValueError(
                'nargs for append actions must be != 0; if arg strings are '
                'not supplying the value to append, the append const '
                'action may be more appropriate')
        _check_const(nargs, const)
        super().__init__(option_strings=option_strings, dest=dest,
                         nargs=nargs, const=const, default=default,
                         type=type, choices=choices, required=required,
                         help=help, metavar=metavar, deprecated=deprecated)

    def __call__(self, parser, namespace, values, option_string=None):
        _grow(namespace, self.dest, 'append', values)


class _AppendConstAction(Action):

    def __init__(self, option_strings, dest, const=None, default=None,
                 required=False, help=None, metavar=None, deprecated=False):
        super().__init__(option_strings=option_strings, dest=dest, nargs=0,
                         const=const, default=default, required=required,
                         help=help, metavar=metavar, deprecated=deprecated)

    def __call__(self, parser, namespace, values, option_string=None):
        _grow(namespace, self.dest, 'append', self.const)


class _CountAction(Action):

    def __init__(self, option_strings, dest, default=None, required=False,
                 help=None, deprecated=False):
        super().__init__(option_strings=option_strings, dest=dest, nargs=0,
                         default=default, required=required, help=help,
                         deprecated=deprecated)

    def __call__(self, parser, namespace, values, option_string=None):
        so_far = getattr(namespace, self.dest, None)
        _put(namespace, self.dest, (0 if so_far is None else so_far) + 1)


class _HelpAction(Action):

    def __init__(self, option_strings, dest=SUPPRESS, default=SUPPRESS,
                 help=None, deprecated=False):
        super().__init__(option_strings=option_strings, dest=dest, nargs=0,
                         default=default, help=help, deprecated=deprecated)

    def __call__(self, parser, namespace, values, option_string=None):
        parser.print_help()
        parser.exit()


class _VersionAction(Action):

    def __init__(self, option_strings, version=None, dest=SUPPRESS,
                 default=SUPPRESS, help=None, deprecated=False):
        if help is None:
            help = "show program's version number and exit"
        # (deprecated is accepted but, as in CPython, not kept)
        super().__init__(option_strings=option_strings, dest=dest, nargs=0,
                         default=default, help=help)
        self.version = version

    def __call__(self, parser, namespace, values, option_string=None):
        text = self.version
        if text is None:
            text = parser.version
        layout = parser._get_formatter()
        layout.add_text(text)
        parser._print_message(layout.format_help(), _sys.stdout)
        parser.exit()


class _CommandLine(Action):
    """One command's line in the help of a sub-command action."""

    def __init__(self, command, other_names, text):
        label = command
        if other_names:
            label = '%s (%s)' % (command, ', '.join(other_names))
        super().__init__(option_strings=[], dest=command, help=text,
                         metavar=label)


class _SubParsersAction(Action):
    """The positional that add_subparsers() adds: it takes a command name
    and all the strings after it, and has the command's parser parse
    those into the same namespace."""

    def __init__(self, option_strings, prog, parser_class, dest=SUPPRESS,
                 required=False, help=None, metavar=None):
        self._command_prog = prog
        self._command_class = parser_class
        self._command_lines = []
        self._deprecated_commands = set()
        super().__init__(option_strings=option_strings, dest=dest,
                         nargs=PARSER, choices={}, required=required,
                         help=help, metavar=metavar)

    def add_parser(self, name, *, deprecated=False, **kwargs):
        """Add a command: a parser made from `kwargs` (and aliases=, a
        list of other names for it, and help=, its line in the help)."""
        if kwargs.get('prog') is None:
            kwargs['prog'] = '%s %s' % (self._command_prog, name)
        aliases = kwargs.pop('aliases') if 'aliases' in kwargs else ()
        commands = self.choices
        if name in commands:
            raise ArgumentError(self, 'conflicting subparser: %s' % name)
        for alias in aliases:
            if alias in commands:
                raise ArgumentError(
                    self, 'conflicting subparser alias: %s' % alias)
        if 'help' in kwargs:
            line = _CommandLine(name, aliases, kwargs.pop('help'))
            self._command_lines.append(line)
        command = self._command_class(**kwargs)
        for key in (name, *aliases):
            commands[key] = command
            if deprecated:
                self._deprecated_commands.add(key)
        return command

    def __call__(self, parser, namespace, values, option_string=None):
        name = values[0]
        rest = values[1:]
        if self.dest is not SUPPRESS:
            setattr(namespace, self.dest, name)
        command = self.choices.get(name)
        if command is None:
            raise ArgumentError(self, 'unknown parser %r (choices: %s)'
                                % (name, ', '.join(self.choices)))
        if name in self._deprecated_commands:
            parser._warning("command '%s' is deprecated" % (name,))
        # The command's parser fills a namespace of its own, so that its
        # defaults override the parent's; then its values are copied over.
        own, unknown = command.parse_known_args(rest, None)
        for key, value in vars(own).items():
            setattr(namespace, key, value)
        if unknown:
            if not hasattr(namespace, _LEFTOVER_KEY):
                setattr(namespace, _LEFTOVER_KEY, [])
            getattr(namespace, _LEFTOVER_KEY).extend(unknown)


class _ExtendAction(_AppendAction):

    def __call__(self, parser, namespace, values, option_string=None):
        _grow(namespace, self.dest, 'extend', values)


# ---------------------------------------------------------------------------
# FileType
# ---------------------------------------------------------------------------

class FileType(object):
    """A type= converter that opens the named file.

    FileType(mode, bufsize, encoding, errors) takes the arguments of
    open(); the string '-' stands for standard input (modes with 'r') or
    standard output (modes with 'w', 'a' or 'x').
    """

    def __init__(self, mode='r', bufsize=-1, encoding=None, errors=None):
        self._mode = mode
        self._bufsize = bufsize
        self._encoding = encoding
        self._errors = errors

    def __call__(self, string):
        mode = self._mode
        if string == '-':
            if 'r' in mode:
                stream = _sys.stdin
            elif 'w' in mode or 'a' in mode or 'x' in mode:
                stream = _sys.stdout
            else:
                raise ValueError('argument "-" with mode %r' % mode)
            return stream.buffer if 'b' in mode else stream
        try:
            return open(string, mode, self._bufsize, self._encoding,
                        self._errors)
        except OSError as problem:
            raise ArgumentTypeError("can't open '%s': %s"
                                    % (string, problem))

    def __repr__(self):
        shown = [repr(value) for value in (self._mode, self._bufsize)
                 if value != -1]
        if self._encoding is not None:
            shown.append('encoding=%r' % (self._encoding,))
        if self._errors is not None:
            shown.append('errors=%r' % (self._errors,))
        return '%s(%s)' % (type(self).__name__, ', '.join(shown))


# ---------------------------------------------------------------------------
# Where arguments are filed: parsers and their groups
# ---------------------------------------------------------------------------

_STANDARD_ACTIONS = {
    None: _StoreAction,
    'store': _StoreAction,
    'store_const': _StoreConstAction,
    'store_true': _StoreTrueAction,
    'store_false': _StoreFalseAction,
    'append': _AppendAction,
    'append_const': _AppendConstAction,
    'count': _CountAction,
    'help': _HelpAction,
    'version': _VersionAction,
    'parsers': _SubParsersAction,
    'extend': _ExtendAction,
}


class _Catalogue(object):
    """What a parser shares with all of its argument groups."""

    def __init__(self):
        self.actions = []          # every argument, in the order added
        self.by_option = {}        # option string -> action
        self.defaults = {}         # from set_defaults() and parents
        self.registry = {'action': dict(_STANDARD_ACTIONS)}
        self.exclusive = []        # mutually exclusive groups
        self.negative_options = False   # an option string like '-1'?


class _ArgumentsBase(object):
    """What ArgumentParser has in common with argument groups: adding
    arguments and groups, defaults, registries, option-string conflicts."""

    def __init__(self, description, prefix_chars, argument_default,
                 conflict_handler, catalogue=None):
        for key, value in (('description', description),
                           ('argument_default', argument_default),
                           ('prefix_chars', prefix_chars),
                           ('conflict_handler', conflict_handler)):
            setattr(self, key, value)
        self._policy()
        self._catalogue = _Catalogue() if catalogue is None else catalogue
        self._action_groups = []

    # the catalogue, under the names scripts know
    @property
    def _actions(self):
        return self._catalogue.actions

    @property
    def _option_string_actions(self):
        return self._catalogue.by_option

    @property
    def _defaults(self):
        return self._catalogue.defaults

    @property
    def _mutually_exclusive_groups(self):
        return self._catalogue.exclusive

    # -- registries and defaults ---------------------------------------------

    def register(self, registry_name, value, object):
        table = self._catalogue.registry.setdefault(registry_name, {})
        table[value] = object

    def _registry_get(self, registry_name, value, default=None):
        return self._catalogue.registry[registry_name].get(value, default)

    def set_defaults(self, **kwargs):
        self._defaults.update(kwargs)
        # arguments already defined take the new defaults too
        for dest, value in kwargs.items():
            for action in self._actions:
                if action.dest == dest:
                    action.default = value

    def get_default(self, dest):
        for action in self._actions:
            if action.dest != dest or action.default is None:
                continue
            return action.default
        return self._defaults.get(dest)

    # -- adding arguments ----------------------------------------------------

    def add_argument(self, *args, **kwargs):
        """Define an argument:
        add_argument('name', ...) for a positional,
        add_argument('-n', '--name', ...) for an option,
        with the settings (action=, nargs=, default=, type=, ...) as
        keywords.  Returns the Action made."""
        if args and (len(args) > 1 or args[0][0] in self.prefix_chars):
            self._option_settings(args, kwargs)
        else:
            self._positional_settings(args, kwargs)

        # no default given: set_defaults() or argument_default supply one
        if 'default' not in kwargs:
            fallbacks = self._defaults
            if kwargs['dest'] in fallbacks:
                kwargs['default'] = fallbacks[kwargs['dest']]
            elif self.argument_default is not None:
                kwargs.update(default=self.argument_default)

        kind = kwargs.pop('action', None)
        factory = self._registry_get('action', kind, kind)
        if not callable(factory):
            raise ValueError('unknown action "%s"' % (factory,))
        action = factory(**kwargs)

        converter = self._registry_get('type', action.type, action.type)
        if not callable(converter):
            raise ValueError('%r is not callable' % (converter,))
        if converter is FileType:
            raise ValueError('%r is a FileType class object, instance of '
                             'it must be passed' % (converter,))
        self._check_display(action)
        return self._place(action)

    def _check_display(self, action):
        # only parsers check that the help can show the argument
        pass

    def _positional_settings(self, args, kwargs):
        if args and 'dest' in kwargs:
            raise ValueError('dest supplied twice for positional '
                             'argument')
        if not args and 'dest' not in kwargs:
            # (worded as CPython's interpreter words it)
            raise TypeError("_ActionsContainer._get_positional_kwargs() "
                            "missing 1 required positional argument: 'dest'")
        if args:
            kwargs['dest'] = args[0]
        if 'required' in kwargs:
            raise TypeError("'required' is an invalid argument for "
                            "positionals")
        # a positional may be left out only if it can match nothing: '?',
        # or '*' given a default
        nargs = kwargs.get('nargs')
        may_be_absent = (nargs == OPTIONAL
                         or (nargs == ZERO_OR_MORE and 'default' in kwargs))
        if not may_be_absent:
            kwargs['required'] = True
        kwargs['option_strings'] = []

    def _option_settings(self, args, kwargs):
        chars = self.prefix_chars
        long_forms = []
        for text in args:
            if text[0] not in chars:
                raise ValueError('invalid option string %r: must start with '
                                 'a character %r' % (text, chars))
            if len(text) > 1 and text[1] in chars:
                long_forms.append(text)
        # '--foo-bar' -> foo_bar; without a long form, the first string
        dest = kwargs.pop('dest') if 'dest' in kwargs else None
        if dest is None:
            source = long_forms[0] if long_forms else args[0]
            dest = source.lstrip(chars)
            if not dest:
                raise ValueError('dest= is required for options like %r'
                                 % (args[-1],))
            dest = dest.replace('-', '_')
        kwargs['dest'] = dest
        kwargs['option_strings'] = list(args)

    def add_argument_group(self, *args, **kwargs):
        made = _ArgumentGroup(self, *args, **kwargs)
        self._action_groups += [made]
        return made

    def add_mutually_exclusive_group(self, **kwargs):
        made = _MutuallyExclusiveGroup(self, **kwargs)
        self._catalogue.exclusive += [made]
        return made

    # -- filing actions ------------------------------------------------------

    def _place(self, action):
        catalogue = self._catalogue
        self._settle_clashes(action)
        catalogue.actions.append(action)
        action._home = self
        for text in action.option_strings:
            catalogue.by_option[text] = action
            if _NEGATIVE_NUMBER.match(text):
                catalogue.negative_options = True
        return action

    def _unplace(self, action):
        self._catalogue.actions.remove(action)

    def _policy(self):
        policy = self.conflict_handler
        if policy != 'error' and policy != 'resolve':
            raise ValueError('invalid conflict_resolution value: %r'
                             % (policy,))
        return policy

    def _settle_clashes(self, action):
        table = self._catalogue.by_option
        clashes = [(text, table[text]) for text in action.option_strings
                   if text in table]
        if not clashes:
            return
        if self._policy() == 'error':
            template = _plural(len(clashes), 'conflicting option string: %s',
                               'conflicting option strings: %s')
            raise ArgumentError(
                action, template % ', '.join(text for text, _ in clashes))
        # 'resolve': the earlier arguments give up the strings; one left
        # with none goes altogether
        for text, earlier in clashes:
            earlier.option_strings.remove(text)
            table.pop(text, None)
            if not earlier.option_strings:
                earlier._home._unplace(earlier)

    def _adopt(self, parent):
        """Take over the arguments of a parent parser, into groups of the
        same titles (made where missing) and copies of its mutually
        exclusive groups."""
        titled = {}
        for mine in self._action_groups:
            if mine.title in titled:
                raise ValueError('cannot merge actions - two groups are '
                                 'named %r' % (mine.title,))
            titled[mine.title] = mine
        destination = {}
        for theirs in parent._action_groups:
            home = titled.get(theirs.title, _UNSET)
            if home is _UNSET:
                home = self.add_argument_group(
                    title=theirs.title, description=theirs.description,
                    conflict_handler=theirs.conflict_handler)
                titled[theirs.title] = home
            destination.update(dict.fromkeys(theirs._group_actions, home))
        for theirs in parent._mutually_exclusive_groups:
            twin = self.add_mutually_exclusive_group(
                required=theirs.required)
            destination.update(dict.fromkeys(theirs._group_actions, twin))
        for action in parent._actions:
            destination.get(action, self)._place(action)


class _ArgumentGroup(_ArgumentsBase):
    """A titled set of arguments in the help.  The arguments belong to the
    parser all the same: a group files them in the parser's catalogue."""

    def __init__(self, owner, title=None, description=None, **kwargs):
        settings = {'prefix_chars': owner.prefix_chars,
                    'argument_default': owner.argument_default,
                    'conflict_handler': owner.conflict_handler}
        for key in kwargs:
            if key not in settings:
                # (worded as CPython's interpreter words it)
                raise TypeError('_ActionsContainer.__init__() got an '
                                'unexpected keyword argument %r' % (key,))
        settings.update(kwargs)
        super().__init__(description=description,
                         catalogue=owner._catalogue, **settings)
        self.title = title
        self._group_actions = []

    def _place(self, action):
        _ArgumentsBase._place(self, action)
        self._group_actions += [action]
        return action

    def _unplace(self, action):
        _ArgumentsBase._unplace(self, action)
        self._group_actions.remove(action)

    def add_argument_group(self, *args, **kwargs):
        _warn('Nesting argument groups is deprecated.', DeprecationWarning, 2)
        return _ArgumentsBase.add_argument_group(self, *args, **kwargs)


class _MutuallyExclusiveGroup(_ArgumentGroup):
    """Arguments of which at most one may be given (exactly one, if the
    group is required).  Its arguments are shown in the group or parser
    it was made in."""

    def __init__(self, owner, required=False):
        _ArgumentGroup.__init__(self, owner)
        self.required = required
        self._outer = owner

    def _place(self, action):
        if action.required:
            raise ValueError('mutually exclusive arguments must be optional')
        self._outer._place(action)
        self._group_actions += [action]
        return action

    def _unplace(self, action):
        self._outer._unplace(action)
        self._group_actions.remove(action)

    def add_mutually_exclusive_group(self, *args, **kwargs):
        _warn('Nesting mutually exclusive groups is deprecated.',
              DeprecationWarning, 2)
        return _ArgumentsBase.add_mutually_exclusive_group(self, *args,
                                                           **kwargs)


# ---------------------------------------------------------------------------
# The parse itself
# ---------------------------------------------------------------------------

def _count_error(nargs):
    if nargs is None:
        return 'expected one argument'
    if nargs == OPTIONAL:
        return 'expected at most one argument'
    if nargs == ONE_OR_MORE:
        return 'expected at least one argument'
    return _plural(nargs, 'expected %s argument',
                   'expected %s arguments') % nargs


class _Parse(object):
    """One pass of a parser over a list of strings.

    `phase` is None for an ordinary parse.  parse_intermixed_args() makes
    two passes: in the 'options' pass the positionals take nothing and
    store nothing; in the 'positionals' pass no option, nor group, is
    required.
    """

    def __init__(self, parser, strings, namespace, phase):
        self.parser = parser
        self.strings = strings
        self.namespace = namespace
        self.phase = phase
        self.extras = []
        self.seen = set()
        self.given = set()      # seen with a value other than the default
        self.warned = set()
        self.waiting = parser._get_positional_actions()
        self.muted = set(self.waiting) if phase == 'options' else set()
        # each member of a mutually exclusive group, with the others
        self.rivals = {}
        for group in parser._mutually_exclusive_groups:
            members = group._group_actions
            for place, member in enumerate(members):
                others = members[:place] + members[place + 1:]
                self.rivals.setdefault(member, []).extend(others)

    # -- sorting the strings -------------------------------------------------

    def classify(self):
        self.kinds = []
        self.readings = {}
        for index, text in enumerate(self.strings):
            if text == '--':
                self.kinds.append(_MARKER)
                self.kinds.extend([_PLAIN] * (len(self.strings) - index - 1))
                break
            reading = self.parser._read_option(text)
            if reading is None:
                self.kinds.append(_PLAIN)
            else:
                self.readings[index] = reading
                self.kinds.append(_FLAG)
        # for the positionals' search: the plain strings before each
        # index, and the first option at or after it
        size = len(self.kinds)
        self.plain_before = [0]
        for kind in self.kinds:
            self.plain_before.append(self.plain_before[-1] + (kind == _PLAIN))
        self.next_flag = [size] * (size + 1)
        for index in range(size - 1, -1, -1):
            if self.kinds[index] == _FLAG:
                self.next_flag[index] = index
            else:
                self.next_flag[index] = self.next_flag[index + 1]

    # -- the walk ------------------------------------------------------------

    def run(self):
        self.classify()
        flags = sorted(self.readings)
        cursor = 0
        upcoming = 0
        while True:
            while upcoming < len(flags) and flags[upcoming] < cursor:
                upcoming += 1
            if upcoming == len(flags):
                break
            flag_at = flags[upcoming]
            if cursor < flag_at:
                after = self.feed_positionals(cursor)
                if after > cursor:
                    cursor = after
                    continue
                # strings before the option that no positional wanted
                self.extras.extend(self.strings[cursor:flag_at])
                cursor = flag_at
            cursor = self.feed_option(cursor)
        after = self.feed_positionals(cursor)
        self.extras.extend(self.strings[after:])
        self.check_complete()

    def plain_run(self, kinds, start):
        """How many plain strings there are from start on."""
        stop = start
        while stop < len(kinds) and kinds[stop] == _PLAIN:
            stop += 1
        return stop - start

    def option_count(self, action, kinds, start):
        """How many of the strings from start the option takes; an option
        never takes the '--' marker, nor anything past it."""
        nargs = action.nargs
        plain = self.plain_run(kinds, start)
        if nargs is None or nargs == ONE_OR_MORE or nargs == PARSER:
            if not plain:
                raise ArgumentError(action, _count_error(nargs))
        if nargs is None:
            return 1
        if nargs == OPTIONAL:
            return min(plain, 1)
        if nargs == ZERO_OR_MORE or nargs == ONE_OR_MORE:
            return plain
        if nargs == REMAINDER or nargs == PARSER:
            stop = start
            while stop < len(kinds) and kinds[stop] != _MARKER:
                stop += 1
            return stop - start
        if nargs == SUPPRESS:
            return 0
        wanted = len(_PLAIN[0] * nargs)
        if plain < wanted:
            raise ArgumentError(action, _count_error(nargs))
        return wanted

    def feed_option(self, index):
        """Act on the option at index (with, for '-xyz', the single-letter
        flags run together with it); returns the index after the strings
        used up."""
        parser = self.parser
        chars = parser.prefix_chars
        table = parser._option_string_actions
        action, flag, sep, attached = self.readings[index]
        if action is None:
            # not one of ours (perhaps a sub-command's)
            self.extras.append(self.strings[index])
            return index + 1
        calls = []
        while True:
            if attached is None:
                start = index + 1
                count = self.option_count(action, self.kinds, start)
                calls.append((action, self.strings[start:start + count],
                              flag))
                after = start + count
                break
            count = self.option_count(action, [_PLAIN], 0)
            if count == 1:
                calls.append((action, [attached], flag))
                after = index + 1
                break
            if count != 0 or flag[1] in chars or attached == '':
                raise ArgumentError(action, 'ignored explicit argument %r'
                                    % attached)
            # a flag taking nothing, with more single-letter flags after it
            if sep or attached[0] in chars:
                raise ArgumentError(action, 'ignored explicit argument %r'
                                    % attached)
            calls.append((action, [], flag))
            lead = flag[0]
            flag = lead + attached[0]
            if flag not in table:
                self.extras.append(lead + attached)
                after = index + 1
                break
            action = table[flag]
            attached = attached[1:]
            if not attached:
                sep = attached = None
            elif attached[0] == '=':
                sep, attached = '=', attached[1:]
            else:
                sep = ''
        for action, values, flag in calls:
            if action.deprecated and flag not in self.warned:
                self.warned.add(flag)
                parser._warning("option '%s' is deprecated" % (flag,))
            self.apply(action, values, flag)
        return after

    def feed_positionals(self, start):
        """Share the strings from start among the waiting positionals (as
        many of them as can be satisfied); returns the index after the
        strings given out."""
        ends = self.share_out(start)
        for action, end in zip(self.waiting, ends):
            values = self.strings[start:end]
            start = end
            if values and action.deprecated and action.dest not in self.warned:
                self.warned.add(action.dest)
                self.parser._warning("argument '%s' is deprecated"
                                     % (action.dest,))
            self.apply(action, values)
        del self.waiting[:len(ends)]
        return start

    def share_out(self, start):
        for count in range(len(self.waiting), 0, -1):
            ends = self.fit(self.waiting[:count], start)
            if ends is not None:
                return ends
        return []

    def fit(self, actions, start):
        """End indexes for `actions` taking consecutive strings from start,
        each taking as many as it can while those after it can still be
        satisfied; None if they cannot all be."""
        kinds = self.kinds
        size = len(kinds)
        plain_before = self.plain_before
        next_flag = self.next_flag
        hopeless = set()

        def ends_for(action, begin):
            """The possible ends for action starting at begin, furthest
            first."""
            nargs = self.nargs_of(action)
            if nargs == REMAINDER:
                return range(size, begin - 1, -1)
            if nargs == PARSER:
                lead = begin
                if lead < size and kinds[lead] == _MARKER:
                    lead += 1
                if lead >= size or kinds[lead] != _PLAIN:
                    return ()
                return range(size, lead, -1)
            return [end for end in range(next_flag[begin], begin - 1, -1)
                    if self.count_fits(nargs, plain_before[end]
                                       - plain_before[begin])]

        def solve(which, begin):
            if which == len(actions):
                return []
            if (which, begin) in hopeless:
                return None
            for end in ends_for(actions[which], begin):
                rest = solve(which + 1, end)
                if rest is not None:
                    return [end] + rest
            hopeless.add((which, begin))
            return None

        return solve(0, start)

    @staticmethod
    def count_fits(nargs, plain):
        # may a positional with this nargs hold `plain` plain strings?
        if nargs is None:
            return plain == 1
        if nargs == OPTIONAL:
            return plain <= 1
        if nargs == ZERO_OR_MORE:
            return True
        if nargs == ONE_OR_MORE:
            return plain >= 1
        if nargs == SUPPRESS:
            return plain == 0
        return plain == len(_PLAIN[0] * nargs)

    def nargs_of(self, action):
        return SUPPRESS if action in self.muted else action.nargs

    # -- acting --------------------------------------------------------------

    def apply(self, action, strings, flag=None):
        self.seen.add(action)
        if action in self.muted:
            return
        value = self.parser._values_from(action, strings)
        if value is not action.default:
            self.given.add(action)
            for rival in self.rivals.get(action, ()):
                if rival in self.given:
                    raise ArgumentError(action, 'not allowed with argument %s'
                                        % _describe(rival))
        if value is not SUPPRESS:
            action(self.parser, self.namespace, value, flag)

    def check_complete(self):
        """Report missing required arguments (and required groups none of
        whose members was given); convert string defaults of arguments
        that did not appear."""
        parser = self.parser
        namespace = self.namespace
        relaxed = self.phase == 'positionals'
        missing = []
        for action in parser._actions:
            if action in self.seen:
                continue
            if action.required and not (relaxed and action.option_strings):
                missing.append(_describe(action))
                continue
            # a default given as a string is converted like a command-line
            # string, but only now that it is known to be needed
            default, dest = action.default, action.dest
            if (isinstance(default, str) and hasattr(namespace, dest)
                    and getattr(namespace, dest) is default):
                _put(namespace, dest, parser._convert(action, default))
        if missing:
            raise ArgumentError(None, 'the following arguments are '
                                'required: %s' % ', '.join(missing))
        if relaxed:
            return
        for group in parser._mutually_exclusive_groups:
            if not group.required:
                continue
            if any(member in self.given for member in group._group_actions):
                continue
            names = [_describe(member) for member in group._group_actions
                     if member.help is not SUPPRESS]
            raise ArgumentError(None, 'one of the arguments %s is required'
                                % ' '.join(names))


# ---------------------------------------------------------------------------
# ArgumentParser
# ---------------------------------------------------------------------------

def _unchanged(string):
    # the converter for arguments without a type=
    return string


class ArgumentParser(_KeywordRepr, _ArgumentsBase):
    """Turns command-line strings into a Namespace of values.

    prog -- the program's name in messages (default: the base name of
        sys.argv[0])
    usage -- the usage line (default: made from the arguments)
    description, epilog -- text before and after the arguments' help
    parents -- parsers whose arguments are taken over
    formatter_class -- the HelpFormatter class the help is laid out with
    prefix_chars -- the characters option strings begin with
    fromfile_prefix_chars -- characters marking a string as the name of a
        file to read more strings from, one a line
    argument_default -- the default for arguments that do not give one
    conflict_handler -- what a repeated option string does: 'error' or
        'resolve' (the earlier argument gives it up)
    add_help -- whether to add -h/--help
    allow_abbrev -- whether long options may be abbreviated
    exit_on_error -- whether an error exits (else ArgumentError is raised)
    """

    def __init__(self, prog=None, usage=None, description=None, epilog=None,
                 parents=[], formatter_class=HelpFormatter, prefix_chars='-',
                 fromfile_prefix_chars=None, argument_default=None,
                 conflict_handler='error', add_help=True, allow_abbrev=True,
                 exit_on_error=True):
        _ArgumentsBase.__init__(self, description, prefix_chars,
                                argument_default, conflict_handler)
        if prog is None:
            # the script's file name, without its directory
            prog = _os.path.split(_sys.argv[0])[1]
        self.prog = prog
        self.usage = usage
        self.epilog = epilog
        self.formatter_class = formatter_class
        self.fromfile_prefix_chars = fromfile_prefix_chars
        self.add_help = add_help
        self.allow_abbrev = allow_abbrev
        self.exit_on_error = exit_on_error

        self._positionals = self.add_argument_group('positional arguments')
        self._optionals = self.add_argument_group('options')
        self._subparsers = None
        self.register('type', None, _unchanged)

        if add_help:
            lead = '-' if '-' in prefix_chars else prefix_chars[0]
            self.add_argument(lead + 'h', lead * 2 + 'help', action='help',
                              default=SUPPRESS,
                              help='show this help message and exit')
        for parent in parents:
            if not isinstance(parent, ArgumentParser):
                raise TypeError('parents must be a list of ArgumentParser')
            self._adopt(parent)
            self._defaults.update(parent._defaults)

    def _get_kwargs(self):
        shown = ('prog', 'usage', 'description', 'formatter_class',
                 'conflict_handler', 'add_help')
        return [(key, getattr(self, key)) for key in shown]

    # -- arguments -----------------------------------------------------------

    def _check_display(self, action):
        try:
            self._get_formatter()._format_args(action, None)
        except TypeError:
            raise ValueError('length of metavar tuple does not match nargs')

    def _place(self, action):
        # options and positionals go to their sections of the help
        if action.option_strings:
            return self._optionals._place(action)
        return self._positionals._place(action)

    def add_subparsers(self, **kwargs):
        """Add the sub-command argument; returns the action, whose
        add_parser() makes the parser of each command."""
        if self._subparsers is not None:
            raise ArgumentError(None,
                                'cannot have multiple subparser arguments')
        if 'parser_class' not in kwargs:
            kwargs['parser_class'] = type(self)
        # a title or a description gives the commands a section of their
        # own; otherwise they are listed with the positionals
        home = self._positionals
        if 'title' in kwargs or 'description' in kwargs:
            home = self.add_argument_group(kwargs.pop('title', 'subcommands'),
                                           kwargs.pop('description', None))
        self._subparsers = home
        # a command's prog: this parser's usage, options left out
        if kwargs.get('prog') is None:
            layout = self._get_formatter()
            layout.add_usage(self.usage, self._get_positional_actions(),
                             self._catalogue.exclusive, '')
            kwargs['prog'] = layout.format_help().strip()
        kind = kwargs.pop('action', 'parsers')
        factory = self._registry_get('action', kind, kind)
        action = factory(option_strings=[], **kwargs)
        home._place(action)
        return action

    def _get_optional_actions(self):
        return [action for action in self._actions if action.option_strings]

    def _get_positional_actions(self):
        return [action for action in self._actions
                if not action.option_strings]

    # -- parsing -------------------------------------------------------------

    def parse_args(self, args=None, namespace=None):
        namespace, extras = self.parse_known_args(args, namespace)
        if extras:
            self._unrecognized(extras)
        return namespace

    def parse_known_args(self, args=None, namespace=None):
        return self._parse_pass(args, namespace, None)

    def parse_intermixed_args(self, args=None, namespace=None):
        namespace, extras = self.parse_known_intermixed_args(args, namespace)
        if extras:
            self._unrecognized(extras)
        return namespace

    def parse_known_intermixed_args(self, args=None, namespace=None):
        """Like parse_known_args(), but the positionals' strings may be
        mixed in among the options: one pass takes the options, a second
        shares what is left among the positionals."""
        plain = self._get_positional_actions()
        for action in plain:
            if action.nargs == PARSER or action.nargs == REMAINDER:
                raise TypeError('parse_intermixed_args: positional arg '
                                'with nargs=%s' % action.nargs)
        for exclusive in self._catalogue.exclusive:
            if any(member in plain for member in exclusive._group_actions):
                raise TypeError('parse_intermixed_args: positional in '
                                'mutuallyExclusiveGroup')
        namespace, rest = self._parse_pass(args, namespace, 'options')
        for action in plain:
            dest = action.dest
            if hasattr(namespace, dest) and getattr(namespace, dest) == []:
                _warn('Do not expect %s in %s' % (dest, namespace),
                      UserWarning, 1)
                delattr(namespace, dest)
        return self._parse_pass(rest, namespace, 'positionals')

    def _unrecognized(self, extras):
        message = 'unrecognized arguments: %s' % ' '.join(extras)
        if self.exit_on_error:
            self.error(message)
        else:
            raise ArgumentError(None, message)

    def _parse_pass(self, args, namespace, phase):
        if args is None:
            args = _sys.argv[1:]
        else:
            args = list(args)
        if namespace is None:
            namespace = Namespace()

        # every destination starts at its default, unless already set
        # (in the options pass of an intermixed parse, the positionals'
        # destinations are left alone)
        starting = [(action.dest, action.default) for action in self._actions
                    if action.option_strings or phase != 'options']
        for dest, value in starting:
            if dest is SUPPRESS or hasattr(namespace, dest):
                continue
            if value is not SUPPRESS:
                _put(namespace, dest, value)
        for dest, value in self._defaults.items():
            if hasattr(namespace, dest):
                continue
            _put(namespace, dest, value)

        extras = args
        if self.exit_on_error:
            try:
                extras = self._walk(args, namespace, phase)
            except ArgumentError as problem:
                self.error(str(problem))
        else:
            extras = self._walk(args, namespace, phase)

        if hasattr(namespace, _LEFTOVER_KEY):
            extras.extend(getattr(namespace, _LEFTOVER_KEY))
            delattr(namespace, _LEFTOVER_KEY)
        return namespace, extras

    def _walk(self, strings, namespace, phase):
        if self.fromfile_prefix_chars:
            strings = self._expand_from_files(strings)
        parse = _Parse(self, strings, namespace, phase)
        parse.run()
        return parse.extras

    def _expand_from_files(self, strings):
        """Each '@name' string (for the fromfile prefix characters) gives
        way to the strings in that file, which may name files in turn."""
        text_options = {}
        if hasattr(_sys, 'getfilesystemencoding'):
            text_options['encoding'] = _sys.getfilesystemencoding()
        if hasattr(_sys, 'getfilesystemencodeerrors'):
            text_options['errors'] = _sys.getfilesystemencodeerrors()
        expanded = []
        for text in strings:
            if not text or text[0] not in self.fromfile_prefix_chars:
                expanded.append(text)
                continue
            try:
                with open(text[1:], **text_options) as source:
                    found = []
                    for line in source.read().splitlines():
                        found.extend(self.convert_arg_line_to_args(line))
                    expanded.extend(self._expand_from_files(found))
            except OSError as problem:
                raise ArgumentError(None, str(problem))
        return expanded

    def convert_arg_line_to_args(self, arg_line):
        return [arg_line]

    def _read_option(self, text):
        """How a command-line string reads: None for a plain argument,
        else (action, option string, separator, attached value), the
        action None for an option string this parser does not know."""
        chars = self.prefix_chars
        if not text or text[0] not in chars:
            return None
        table = self._option_string_actions
        if text in table:
            return table[text], text, None, None
        if len(text) == 1:
            return None
        name, sep, value = text.partition('=')
        if sep and name in table:
            return table[name], name, sep, value
        readings = self._option_readings(text)
        if len(readings) > 1:
            names = ', '.join(reading[1] for reading in readings)
            raise ArgumentError(None, 'ambiguous option: %s could match %s'
                                % (text, names))
        if readings:
            return readings[0]
        if (_NEGATIVE_NUMBER.match(text)
                and not self._catalogue.negative_options):
            return None
        if ' ' in text:
            return None
        return None, text, None, None

    def _option_readings(self, text):
        """The options `text` may stand for: long options it abbreviates
        (up to any '='), or a single-letter option with its value run
        on, or single-prefix options it abbreviates."""
        table = self._option_string_actions
        readings = []
        if text[1] in self.prefix_chars:
            if self.allow_abbrev:
                stem, sep, value = text.partition('=')
                if not sep:
                    sep = value = None
                for known, action in table.items():
                    if known.startswith(stem):
                        readings.append((action, known, sep, value))
            return readings
        short = text[:2]
        for known, action in table.items():
            if known == short:
                readings.append((action, known, '', text[2:]))
            elif known.startswith(text):
                readings.append((action, known, None, None))
        return readings

    # -- values --------------------------------------------------------------

    def _values_from(self, action, strings):
        """The value an action receives for the strings it took."""
        nargs = action.nargs
        positional = not action.option_strings
        if positional and nargs != PARSER and nargs != REMAINDER:
            # the first '--' among a positional's strings only separated
            if '--' in strings:
                strings.remove('--')
        if not strings:
            if nargs == OPTIONAL:
                value = action.default if positional else action.const
                if isinstance(value, str):
                    value = self._convert(action, value)
                    self._vet(action, value)
                return value
            if nargs == ZERO_OR_MORE and positional:
                if action.default is None:
                    return strings
                self._vet(action, action.default)
                return action.default
        elif len(strings) == 1 and (nargs is None or nargs == OPTIONAL):
            value = self._convert(action, strings[0])
            self._vet(action, value)
            return value
        if nargs == SUPPRESS:
            return SUPPRESS
        values = [self._convert(action, text) for text in strings]
        if nargs == PARSER:
            self._vet(action, values[0])
        elif nargs != REMAINDER:
            for value in values:
                self._vet(action, value)
        return values

    def _convert(self, action, text):
        converter = self._registry_get('type', action.type, action.type)
        if not callable(converter):
            raise ArgumentError(action, '%r is not callable' % (converter,))
        try:
            return converter(text)
        except ArgumentTypeError as problem:
            raise ArgumentError(action, str(problem))
        except (ValueError, TypeError):
            try:
                name = action.type.__name__
            except AttributeError:
                name = repr(action.type)
            raise ArgumentError(action, 'invalid %s value: %r'
                                % (name, text))

    def _vet(self, action, value):
        choices = action.choices
        if choices is not None and value not in choices:
            listed = ', '.join(map(repr, choices))
            raise ArgumentError(action, 'invalid choice: %r (choose from %s)'
                                % (value, listed))

    # -- help ----------------------------------------------------------------

    def _get_formatter(self):
        return self.formatter_class(prog=self.prog)

    def _layout(self, whole):
        # the usage alone, or (whole) the complete help page
        layout = self._get_formatter()
        layout.add_usage(self.usage, self._actions,
                         self._catalogue.exclusive)
        if whole:
            layout.add_text(self.description)
            for section in self._action_groups:
                layout.start_section(section.title)
                layout.add_text(section.description)
                layout.add_arguments(section._group_actions)
                layout.end_section()
            layout.add_text(self.epilog)
        return layout.format_help()

    def format_usage(self):
        return self._layout(False)

    def format_help(self):
        return self._layout(True)

    def print_usage(self, file=None):
        self._print_message(self.format_usage(),
                            _sys.stdout if file is None else file)

    def print_help(self, file=None):
        self._print_message(self.format_help(),
                            _sys.stdout if file is None else file)

    def _print_message(self, message, file=None):
        if not message:
            return
        try:
            (file or _sys.stderr).write(message)
        except (OSError, AttributeError):
            # no stream to write to (or a broken one): say nothing
            pass

    # -- leaving -------------------------------------------------------------

    def exit(self, status=0, message=None):
        if message:
            self._print_message(message, file=_sys.stderr)
        _sys.exit(status)

    def error(self, message):
        """Print the usage and the message to standard error and exit with
        status 2.  An override should not return: it should exit or
        raise."""
        self.print_usage(_sys.stderr)
        self.exit(2, '%s: error: %s\n' % (self.prog, message))

    def _warning(self, message):
        self._print_message('%s: warning: %s\n' % (self.prog, message),
                            _sys.stderr)
