"""Command line option parsing in the manner of C's getopt() (torii's
getopt module).

getopt() reads options up to the first argument that is not one;
gnu_getopt() also accepts options after other arguments (unless the
short option string starts with '+' or POSIXLY_CORRECT is set).

Short options are the letters of `shortopts`; a letter followed by ':'
needs a value, written "-xVALUE" or "-x VALUE".  Long options are the
names in `longopts`; a name ending in '=' needs a value, written
"--name=VALUE" or "--name VALUE".  A long option may be shortened to any
prefix that identifies it.  Problems raise GetoptError.
"""

import os

__all__ = ["GetoptError", "error", "getopt", "gnu_getopt"]


class GetoptError(Exception):
    opt = ''
    msg = ''

    def __init__(self, msg, opt=''):
        self.msg = msg
        self.opt = opt
        super().__init__(msg, opt)

    def __str__(self):
        return self.msg


error = GetoptError     # the old name


def _fail(template, name):
    raise GetoptError(template % name, name)


_END = object()


class _Reader:
    # Walks through the argument list, collecting (option, value) pairs.

    def __init__(self, args, shortopts, longopts):
        self.args = args
        self.pos = 0
        self.letters = shortopts
        if isinstance(longopts, str):
            self.names = [longopts]
        else:
            self.names = list(longopts)
        self.found = []

    def current(self):
        return self.args[self.pos]

    def more(self):
        return self.pos < len(self.args)

    def rest(self):
        return self.args[self.pos:]

    def _value_from_next(self):
        # The following argument, used as an option's value; _END if the
        # arguments are exhausted.
        if not self.more():
            return _END
        value = self.current()
        self.pos += 1
        return value

    def option(self):
        # Consume the option argument at the current position, plus the
        # value that may follow it.
        text = self.current()
        self.pos += 1
        if text[:2] == '--':
            self._long(text[2:])
        else:
            self._short(text[1:])

    def _resolve(self, name):
        # (needs a value, full name) for a possibly abbreviated long name.
        candidates = [n for n in self.names if n.startswith(name)]
        if not candidates:
            _fail('option --%s not recognized', name)
        # An exact match is preferred to longer names with that prefix.
        if name in candidates:
            return False, name
        if name + '=' in candidates:
            return True, name
        if len(candidates) != 1:
            _fail('option --%s not a unique prefix', name)
        full = candidates[0]
        if full.endswith('='):
            return True, full[:-1]
        return False, full

    def _long(self, text):
        name, equals, value = text.partition('=')
        if not equals:
            value = None
        wants_value, name = self._resolve(name)
        if wants_value:
            if value is None:
                value = self._value_from_next()
                if value is _END:
                    _fail('option --%s requires argument', name)
        elif value is not None:
            _fail('option --%s must not have an argument', name)
        self.found.append(('--' + name, value or ''))

    def _wants_value(self, letter):
        spec = self.letters
        for index, ch in enumerate(spec):
            if ch != ':' and ch == letter:
                return spec.startswith(':', index + 1)
        _fail('option -%s not recognized', letter)

    def _short(self, cluster):
        # "-abc": each letter is an option; the first one that needs a
        # value takes the remaining letters, or else the next argument.
        while cluster:
            letter = cluster[0]
            cluster = cluster[1:]
            value = ''
            if self._wants_value(letter):
                if cluster:
                    value = cluster
                else:
                    value = self._value_from_next()
                    if value is _END:
                        _fail('option -%s requires argument', letter)
                cluster = ''
            self.found.append(('-' + letter, value))


def getopt(args, shortopts, longopts=[]):
    """Parse the options at the start of args (the arguments without the
    program name).  Returns (options, remaining): options is a list of
    (option, value) pairs in the order seen, such as ('-x', '') or
    ('--name', 'value'); remaining is the part of args after the
    options.  Scanning stops at the first non-option, at a lone '-' and
    after '--'."""
    reader = _Reader(args, shortopts, longopts)
    while reader.more():
        text = reader.current()
        if not text.startswith('-') or text == '-':
            break
        if text == '--':
            reader.pos += 1
            break
        reader.option()
    if reader.pos == 0:
        return reader.found, args
    return reader.found, reader.rest()


def gnu_getopt(args, shortopts, longopts=[]):
    """Like getopt(), but options and other arguments may be mixed; the
    other arguments are returned as a list, in order.  With shortopts
    starting with '+', or with POSIXLY_CORRECT set in the environment,
    scanning stops at the first non-option as getopt() does."""
    positional = []
    if shortopts.startswith('+'):
        shortopts = shortopts[1:]
        strict = True
    else:
        strict = bool(os.environ.get("POSIXLY_CORRECT"))
    reader = _Reader(args, shortopts, longopts)
    while reader.more():
        text = reader.current()
        if text == '--':
            reader.pos += 1
            positional += reader.rest()
            break
        if text[:2] == '--' or (text[:1] == '-' and text != '-'):
            reader.option()
        elif strict:
            positional += reader.rest()
            break
        else:
            positional.append(text)
            reader.pos += 1
    return reader.found, positional
