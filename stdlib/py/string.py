"""A collection of string constants."""

whitespace = ' \t\n\r\v\f'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    """Split the argument into words using split, capitalize each word
    using capitalize, and join the capitalized words using join."""
    return (sep or ' ').join([w.capitalize() for w in s.split(sep)])


_sentinel_dict = {}


class Template:
    """A string class for supporting $-substitutions."""

    delimiter = '$'
    braceidpattern = None

    def __init__(self, template):
        self.template = template

    def __init_subclass__(cls):
        super().__init_subclass__()

    # Scanning without the re module: yields (start, end, kind, name) for
    # each delimiter, kind being 'escaped', 'named', 'braced' or 'invalid'.
    @staticmethod
    def _is_id_start(c):
        return c == '_' or ('a' <= c <= 'z') or ('A' <= c <= 'Z')

    def _scan(self):
        s, d = self.template, self.delimiter
        n, dl = len(s), len(d)
        i = s.find(d)
        while i >= 0:
            j = i + dl
            if s.startswith(d, j):
                yield i, j + dl, 'escaped', None
                i = s.find(d, j + dl)
                continue
            if j < n and self._is_id_start(s[j]):
                k = j + 1
                while k < n and (self._is_id_start(s[k]) or '0' <= s[k] <= '9'):
                    k += 1
                yield i, k, 'named', s[j:k]
                i = s.find(d, k)
                continue
            if j < n and s[j] == '{' and j + 1 < n and self._is_id_start(s[j + 1]):
                k = j + 2
                while k < n and (self._is_id_start(s[k]) or '0' <= s[k] <= '9'):
                    k += 1
                if k < n and s[k] == '}':
                    yield i, k + 1, 'braced', s[j + 1:k]
                    i = s.find(d, k + 1)
                    continue
            yield i, j, 'invalid', None
            i = s.find(d, j)

    def _invalid(self, i):
        lines = self.template[:i].splitlines(keepends=True)
        if not lines:
            colno = 1
            lineno = 1
        else:
            colno = i - len(''.join(lines[:-1]))
            lineno = len(lines)
        raise ValueError('Invalid placeholder in string: line %d, col %d' %
                         (lineno, colno))

    def substitute(self, mapping=_sentinel_dict, /, **kws):
        if mapping is _sentinel_dict:
            mapping = kws
        elif kws:
            mapping = {**mapping, **kws}
        out = []
        last = 0
        for start, end, kind, name in self._scan():
            out.append(self.template[last:start])
            last = end
            if kind == 'escaped':
                out.append(self.delimiter)
            elif kind == 'invalid':
                self._invalid(end)
            else:
                out.append('%s' % (mapping[name],))
        out.append(self.template[last:])
        return ''.join(out)

    def safe_substitute(self, mapping=_sentinel_dict, /, **kws):
        if mapping is _sentinel_dict:
            mapping = kws
        elif kws:
            mapping = {**mapping, **kws}
        out = []
        last = 0
        for start, end, kind, name in self._scan():
            out.append(self.template[last:start])
            last = end
            if kind == 'escaped':
                out.append(self.delimiter)
            elif kind == 'invalid':
                out.append(self.template[start:end])
            else:
                try:
                    out.append('%s' % (mapping[name],))
                except KeyError:
                    out.append(self.template[start:end])
        out.append(self.template[last:])
        return ''.join(out)

    def is_valid(self):
        for start, end, kind, name in self._scan():
            if kind == 'invalid':
                return False
        return True

    def get_identifiers(self):
        ids = []
        for start, end, kind, name in self._scan():
            if name is not None and name not in ids:
                ids.append(name)
        return ids


# ---------------------------------------------------------- Formatter
# A pure-Python version of the str.format() machinery that subclasses
# can hook into.  _format_parse and _field_parts stand in for CPython's
# _string.formatter_parser / formatter_field_name_split, with the same
# results and error messages.

def _format_parse(text):
    """Yield (literal, field_name, format_spec, conversion) tuples; the
    last three are None after trailing literal text."""
    n = len(text)
    i = 0
    while i < n:
        lit_start = i
        brace = ''
        while i < n:
            ch = text[i]
            i += 1
            if ch == '{' or ch == '}':
                brace = ch
                break
        literal_end = i
        if brace == '}' and (i >= n or text[i] != '}'):
            raise ValueError("Single '}' encountered in format string")
        if brace == '{' and i >= n:
            raise ValueError("Single '{' encountered in format string")
        if brace:
            if text[i] == brace:        # '{{' or '}}': one literal brace
                i += 1
                yield text[lit_start:literal_end], None, None, None
                continue
            literal_end -= 1
        literal = text[lit_start:literal_end]
        if not brace:
            yield literal, None, None, None
            continue
        # A replacement field starts at i: the name runs to ':', '!' or
        # '}' (a '[...]' index may hold any of them).
        name_start = i
        ch = ''                         # the character that ended the name
        while i < n:
            c = text[i]
            i += 1
            if c == '{':
                raise ValueError("unexpected '{' in field name")
            if c == '[':
                close = text.find(']', i)
                i = n if close < 0 else close
            elif c in '}:!':
                ch = c
                break
        if not ch:
            raise ValueError("expected '}' before end of string")
        name = text[name_start:i - 1]
        conversion = None
        if ch == '}':
            yield literal, name, '', None
            continue
        if ch == '!':
            if i >= n:
                raise ValueError("end of string while looking for "
                                 "conversion specifier")
            conversion = text[i]
            i += 1
            if i < n:
                ch = text[i]
                i += 1
                if ch == '}':
                    yield literal, name, '', conversion
                    continue
                if ch != ':':
                    raise ValueError("expected ':' after conversion "
                                     "specifier")
        spec_start = i
        depth = 1
        while i < n:
            ch = text[i]
            i += 1
            if ch == '{':
                depth += 1
            elif ch == '}':
                depth -= 1
                if depth == 0:
                    break
        if depth:
            raise ValueError("unmatched '{' in format spec")
        yield literal, name, text[spec_start:i - 1], conversion


def _as_index(part):
    return int(part) if part and part.isdecimal() else part


def _field_parts(name):
    """Split 'a.b[0]' into ('a', iterator of (is_attr, key))."""
    cut = len(name)
    for k, ch in enumerate(name):
        if ch == '.' or ch == '[':
            cut = k
            break

    def rest():
        i, n = cut, len(name)
        while i < n:
            ch = name[i]
            i += 1
            if ch == '.':
                j = i
                while j < n and name[j] not in '.[':
                    j += 1
                if j == i:
                    raise ValueError("Empty attribute in format string")
                yield True, name[i:j]
                i = j
            elif ch == '[':
                j = name.find(']', i)
                if j < 0:
                    raise ValueError("Missing ']' in format string")
                if j == i:
                    raise ValueError("Empty attribute in format string")
                yield False, _as_index(name[i:j])
                i = j + 1
            else:
                raise ValueError("Only '.' or '[' may follow ']' in format "
                                 "field specifier")
    return _as_index(name[:cut]), rest()


class Formatter:
    """str.format() in Python, with each step a method to override."""

    def format(self, format_string, /, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        used = set()
        text, _ = self._expand(format_string, args, kwargs, used, 2)
        self.check_unused_args(used, args, kwargs)
        return text

    def _expand(self, format_string, args, kwargs, used, depth,
                auto_index=0):
        # auto_index: the next automatic field number, or False once a
        # field was numbered by hand.
        if depth < 0:
            raise ValueError('Max string recursion exceeded')
        pieces = []
        for literal, name, spec, conversion in self.parse(format_string):
            if literal:
                pieces.append(literal)
            if name is None:
                continue
            if name == '':
                if auto_index is False:
                    raise ValueError('cannot switch from manual field '
                                     'specification to automatic field '
                                     'numbering')
                name = str(auto_index)
                auto_index += 1
            elif name.isdigit():
                if auto_index:
                    raise ValueError('cannot switch from manual field '
                                     'specification to automatic field '
                                     'numbering')
                auto_index = False
            value, key = self.get_field(name, args, kwargs)
            used.add(key)
            value = self.convert_field(value, conversion)
            spec, auto_index = self._expand(spec, args, kwargs, used,
                                            depth - 1, auto_index)
            pieces.append(self.format_field(value, spec))
        return ''.join(pieces), auto_index

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            return args[key]
        return kwargs[key]

    def check_unused_args(self, used_args, args, kwargs):
        pass

    def format_field(self, value, format_spec):
        return format(value, format_spec)

    def convert_field(self, value, conversion):
        if conversion is None:
            return value
        if conversion == 's':
            return str(value)
        if conversion == 'r':
            return repr(value)
        if conversion == 'a':
            return ascii(value)
        raise ValueError("Unknown conversion specifier %s" % (conversion,))

    def parse(self, format_string):
        return _format_parse(format_string)

    def get_field(self, field_name, args, kwargs):
        first, rest = _field_parts(field_name)
        value = self.get_value(first, args, kwargs)
        for is_attr, key in rest:
            value = getattr(value, key) if is_attr else value[key]
        return value, first
