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
