"""urllib.parse: split URLs into parts, join them back, resolve relative
references, and percent-encode / decode query strings.

The splitting rules follow RFC 3986 loosely, the way CPython 3.13 does:
no validation beyond bracketed hosts, and components are kept as written
(only the scheme is lower-cased).  Every public function accepts str or
bytes (ASCII only); bytes in give bytes out and the *Bytes result types."""

import collections

__all__ = ["urlparse", "urlunparse", "urljoin", "urldefrag",
           "urlsplit", "urlunsplit", "urlencode", "parse_qs",
           "parse_qsl", "quote", "quote_plus", "quote_from_bytes",
           "unquote", "unquote_plus", "unquote_to_bytes",
           "DefragResult", "ParseResult", "SplitResult",
           "DefragResultBytes", "ParseResultBytes", "SplitResultBytes"]

# Which schemes take part in which rule (public names, kept as lists so
# callers may extend them as with CPython).
uses_relative = ('ftp http gopher nntp imap wais file https shttp mms '
                 'prospero rtsp rtsps rtspu sftp svn svn+ssh ws wss').split()
uses_relative.insert(0, '')
uses_netloc = ('ftp http gopher nntp telnet imap wais file mms https shttp '
               'snews prospero rtsp rtsps rtspu rsync svn svn+ssh sftp nfs '
               'git git+ssh ws wss itms-services').split()
uses_netloc.insert(0, '')
uses_params = ('ftp hdl prospero http imap https shttp rtsp rtsps rtspu '
               'sip sips mms sftp tel').split()
uses_params.insert(0, '')
non_hierarchical = ('gopher hdl mailto news telnet wais imap snews sip '
                    'sips').split()
uses_query = ('http wais imap https shttp mms gopher rtsp rtsps rtspu sip '
              'sips').split()
uses_query.insert(0, '')
uses_fragment = ('ftp hdl http gopher news nntp wais https shttp snews file '
                 'prospero').split()
uses_fragment.insert(0, '')

_ALNUM = ('abcdefghijklmnopqrstuvwxyz' 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
          '0123456789')
scheme_chars = _ALNUM + '+-.'
_SCHEME_SET = frozenset(scheme_chars)
# Characters stripped from the start of a URL (C0 controls and space) and
# removed anywhere in it (tab and newlines), as the WHATWG spec says.
_LEADING_JUNK = ''.join([chr(c) for c in range(33)])
_REMOVED = ('\t', '\r', '\n')
MAX_CACHE_SIZE = 20


# ---------------------------------------------------------------- str/bytes

def _decode_all(args):
    """Check that the arguments are all text or all bytes (empty and None
    go with either); decode bytes as ASCII.  Returns (args, convert_back)."""
    is_text = None
    for a in args:
        if a:
            t = isinstance(a, str)
            if is_text is None:
                is_text = t
            elif is_text != t:
                raise TypeError("Cannot mix str and non-str arguments")
    if is_text is None:
        is_text = not args or isinstance(args[0], str) or args[0] is None
    if is_text:
        return list(args), _same
    res = []
    for a in args:
        if a is None or isinstance(a, str):
            res.append(a)
        else:
            res.append(bytes(a).decode('ascii', 'strict'))
    return res, _to_bytes


def _same(x):
    return x


def _to_bytes(x):
    return x.encode('ascii', 'strict')


# ------------------------------------------------------------ result types

class _NetlocInfo:
    """Mixin giving the netloc's user, password, host and port; the
    subclasses say how to split and how to compare characters."""
    __slots__ = ()

    @property
    def username(self):
        return self._userinfo[0]

    @property
    def password(self):
        return self._userinfo[1]

    @property
    def hostname(self):
        host = self._hostinfo[0]
        if not host:
            return None
        pct = '%' if isinstance(host, str) else b'%'
        base, sep, zone = host.partition(pct)
        return base.lower() + sep + zone

    @property
    def port(self):
        text = self._hostinfo[1]
        if text is None:
            return None
        if isinstance(text, bytes):
            shown = text.decode('ascii', 'replace')
            ok = text.isdigit() and text.isascii()
        else:
            shown = text
            ok = text.isdigit() and text.isascii()
        if not ok:
            raise ValueError(
                "Port could not be cast to integer value as %r" % (shown,))
        number = int(shown)
        if number < 0 or number > 65535:
            raise ValueError("Port out of range 0-65535")
        return number



class _NetlocInfoStr(_NetlocInfo):
    __slots__ = ()

    @property
    def _userinfo(self):
        user, at, _ = self.netloc.rpartition('@')
        if not at:
            return None, None
        name, colon, secret = user.partition(':')
        return name, (secret if colon else None)

    @property
    def _hostinfo(self):
        hostpart = self.netloc.rpartition('@')[2]
        before, bracket, inside = hostpart.partition('[')
        if bracket:
            host, _, rest = inside.partition(']')
            port = rest.partition(':')[2]
        else:
            host, _, port = hostpart.partition(':')
        return host, (port or None)


class _NetlocInfoBytes(_NetlocInfo):
    __slots__ = ()

    @property
    def _userinfo(self):
        user, at, _ = self.netloc.rpartition(b'@')
        if not at:
            return None, None
        name, colon, secret = user.partition(b':')
        return name, (secret if colon else None)

    @property
    def _hostinfo(self):
        hostpart = self.netloc.rpartition(b'@')[2]
        before, bracket, inside = hostpart.partition(b'[')
        if bracket:
            host, _, rest = inside.partition(b']')
            port = rest.partition(b':')[2]
        else:
            host, _, port = hostpart.partition(b':')
        return host, (port or None)


def _encode_fields(self, cls, encoding, errors):
    return cls(*[x.encode(encoding, errors) for x in self])


def _decode_fields(self, cls, encoding, errors):
    return cls(*[x.decode(encoding, errors) for x in self])


_DefragBase = collections.namedtuple('DefragResult', 'url fragment')
_SplitBase = collections.namedtuple(
    'SplitResult', 'scheme netloc path query fragment')
_ParseBase = collections.namedtuple(
    'ParseResult', 'scheme netloc path params query fragment')


class DefragResult(_DefragBase):
    """A URL without its fragment, and the fragment."""
    __slots__ = ()

    def geturl(self):
        return self.url + '#' + self.fragment if self.fragment else self.url

    def encode(self, encoding='ascii', errors='strict'):
        return _encode_fields(self, DefragResultBytes, encoding, errors)


class SplitResult(_SplitBase, _NetlocInfoStr):
    """The five parts urlsplit() finds."""
    __slots__ = ()

    def geturl(self):
        return urlunsplit(self)

    def encode(self, encoding='ascii', errors='strict'):
        return _encode_fields(self, SplitResultBytes, encoding, errors)


class ParseResult(_ParseBase, _NetlocInfoStr):
    """The six parts urlparse() finds."""
    __slots__ = ()

    def geturl(self):
        return urlunparse(self)

    def encode(self, encoding='ascii', errors='strict'):
        return _encode_fields(self, ParseResultBytes, encoding, errors)


class DefragResultBytes(_DefragBase):
    __slots__ = ()

    def geturl(self):
        return self.url + b'#' + self.fragment if self.fragment else self.url

    def decode(self, encoding='ascii', errors='strict'):
        return _decode_fields(self, DefragResult, encoding, errors)


class SplitResultBytes(_SplitBase, _NetlocInfoBytes):
    __slots__ = ()

    def geturl(self):
        return urlunsplit(self)

    def decode(self, encoding='ascii', errors='strict'):
        return _decode_fields(self, SplitResult, encoding, errors)


class ParseResultBytes(_ParseBase, _NetlocInfoBytes):
    __slots__ = ()

    def geturl(self):
        return urlunparse(self)

    def decode(self, encoding='ascii', errors='strict'):
        return _decode_fields(self, ParseResult, encoding, errors)


# ---------------------------------------------------------------- splitting

def _ipv6_ok(text):
    """Whether `text` is an IPv6 address (zone id allowed)."""
    addr, pct, zone = text.partition('%')
    if pct and not zone:
        return False
    hexset = frozenset('0123456789abcdefABCDEF')
    if addr.count('::') > 1:
        return False
    groups_needed = 8
    if '.' in addr.rpartition(':')[2]:
        v4 = addr.rpartition(':')[2]
        if not _ipv4_ok(v4):
            return False
        addr = addr[:len(addr) - len(v4)] + '0:0'
    if '::' in addr:
        head, _, tail = addr.partition('::')
        parts = ([p for p in head.split(':')] if head else []) + \
                ([p for p in tail.split(':')] if tail else [])
        if len(parts) > groups_needed - 1:
            return False
    else:
        parts = addr.split(':')
        if len(parts) != groups_needed:
            return False
    for p in parts:
        if not p or len(p) > 4 or not all([c in hexset for c in p]):
            return False
    return True


def _ipv4_ok(text):
    bits = text.split('.')
    if len(bits) != 4:
        return False
    for b in bits:
        if not b or not b.isdigit() or not b.isascii() or len(b) > 3:
            return False
        if int(b) > 255 or (len(b) > 1 and b[0] == '0'):
            return False
    return True


def _check_bracketed(host):
    if host.startswith('v'):
        dot = host.find('.')
        hexpart = host[1:dot] if dot > 0 else ''
        if (dot < 2 or dot == len(host) - 1 or
                not all([c in '0123456789abcdefABCDEF' for c in hexpart])):
            raise ValueError("IPvFuture address is invalid")
        return
    if _ipv4_ok(host):
        raise ValueError("An IPv4 address cannot be in brackets")
    if not _ipv6_ok(host):
        raise ValueError(
            "%r does not appear to be an IPv4 or IPv6 address" % (host,))


def _check_netloc(netloc):
    if not netloc or netloc.isascii():
        return
    try:
        import unicodedata
    except ImportError:
        return
    bare = netloc.replace('@', '').replace(':', '').replace('#', '')
    bare = bare.replace('?', '')
    folded = unicodedata.normalize('NFKC', bare)
    if folded == bare:
        return
    for c in '/?#@:':
        if c in folded:
            raise ValueError("netloc '" + netloc + "' contains invalid " +
                             "characters under NFKC normalization")


def _cut_netloc(rest):
    """Split '//host/path...' (without the slashes) at the first of /?#."""
    end = len(rest)
    for c in '/?#':
        k = rest.find(c)
        if 0 <= k < end:
            end = k
    return rest[:end], rest[end:]


def urlsplit(url, scheme='', allow_fragments=True):
    """Split a URL into (scheme, netloc, path, query, fragment)."""
    (url, scheme), back = _decode_all((url, scheme))
    url = url.lstrip(_LEADING_JUNK)
    scheme = scheme.strip(_LEADING_JUNK)
    for c in _REMOVED:
        url = url.replace(c, '')
        scheme = scheme.replace(c, '')
    allow_fragments = bool(allow_fragments)
    netloc = query = fragment = ''
    colon = url.find(':')
    if colon > 0 and url[0].isascii() and url[0].isalpha():
        head = url[:colon]
        if all([c in _SCHEME_SET for c in head]):
            scheme = head.lower()
            url = url[colon + 1:]
    if url[:2] == '//':
        netloc, url = _cut_netloc(url[2:])
        opened, closed = '[' in netloc, ']' in netloc
        if opened != closed:
            raise ValueError("Invalid IPv6 URL")
        if opened:
            _check_bracketed(netloc.partition('[')[2].partition(']')[0])
    if allow_fragments and '#' in url:
        url, fragment = url.split('#', 1)
    if '?' in url:
        url, query = url.split('?', 1)
    _check_netloc(netloc)
    parts = (scheme, netloc, url, query, fragment)
    if back is _same:
        return SplitResult(*parts)
    return SplitResultBytes(*[back(p) for p in parts])


def _cut_params(path):
    """Split 'path;params' at the ';' in the last path segment."""
    start = path.rfind('/') if '/' in path else 0
    k = path.find(';', start)
    if k < 0:
        return path, ''
    return path[:k], path[k + 1:]


def urlparse(url, scheme='', allow_fragments=True):
    """Split a URL into (scheme, netloc, path, params, query, fragment)."""
    (url, scheme), back = _decode_all((url, scheme))
    s, n, path, q, f = urlsplit(url, scheme, allow_fragments)
    params = ''
    if s in uses_params and ';' in path:
        path, params = _cut_params(path)
    parts = (s, n, path, params, q, f)
    if back is _same:
        return ParseResult(*parts)
    return ParseResultBytes(*[back(p) for p in parts])


def _exactly(components, n):
    # The messages count one more item than the parts: CPython unpacks the
    # parts together with a converter function.
    parts = tuple(components)
    if len(parts) < n:
        raise ValueError("not enough values to unpack (expected %d, got %d)"
                         % (n + 1, len(parts) + 1))
    if len(parts) > n:
        raise ValueError("too many values to unpack (expected %d)" % (n + 1))
    return parts


def urlunsplit(components):
    """Join the five parts of urlsplit() back into a URL."""
    (scheme, netloc, path, query, fragment), back = _decode_all(
        _exactly(components, 5))
    text = path
    if netloc:
        if text and not text.startswith('/'):
            text = '/' + text
        text = '//' + netloc + text
    elif text[:2] == '//':
        text = '//' + text
    elif scheme and scheme in uses_netloc and (not text or text[0] == '/'):
        text = '//' + text
    if scheme:
        text = scheme + ':' + text
    if query:
        text += '?' + query
    if fragment:
        text += '#' + fragment
    return back(text)


def urlunparse(components):
    """Join the six parts of urlparse() back into a URL."""
    (scheme, netloc, path, params, query, fragment), back = _decode_all(
        _exactly(components, 6))
    if params:
        path = path + ';' + params
    return back(urlunsplit((scheme, netloc, path, query, fragment)))


def _merge_segments(base_path, rel_path):
    """Resolve rel_path against base_path, dropping '.' and '..' segments
    (and, as CPython does, empty segments between the first and last)."""
    if rel_path.startswith('/'):
        pieces = rel_path.split('/')
    else:
        base = base_path.split('/')
        if base[-1]:
            base.pop()
        pieces = base + rel_path.split('/')
        inner = [p for p in pieces[1:-1] if p]
        pieces = pieces[:1] + inner + pieces[-1:] if len(pieces) > 1 \
            else pieces
    stack = []
    for seg in pieces:
        if seg == '..':
            if stack:
                stack.pop()
        elif seg != '.':
            stack.append(seg)
    if pieces[-1] in ('.', '..'):
        stack.append('')
    return '/'.join(stack) or '/'


def urljoin(base, url, allow_fragments=True):
    """Resolve `url` relative to `base`."""
    if not base:
        return url
    if not url:
        return base
    (base, url), back = _decode_all((base, url))
    bs, bn, bp, bparams, bq, bf = urlparse(base, '', allow_fragments)
    s, n, p, params, q, f = urlparse(url, bs, allow_fragments)
    if s != bs or s not in uses_relative:
        return back(url)
    if s in uses_netloc:
        if n:
            return back(urlunparse((s, n, p, params, q, f)))
        n = bn
    if not p and not params:
        p, params = bp, bparams
        if not q:
            q = bq
        return back(urlunparse((s, n, p, params, q, f)))
    return back(urlunparse((s, n, _merge_segments(bp, p), params, q, f)))


def urldefrag(url):
    """Return (url without fragment, fragment) as a DefragResult."""
    (url,), back = _decode_all((url,))
    if '#' in url:
        s, n, p, a, q, frag = urlparse(url)
        rest = urlunparse((s, n, p, a, q, ''))
    else:
        rest, frag = url, ''
    if back is _same:
        return DefragResult(rest, frag)
    return DefragResultBytes(back(rest), back(frag))


# ----------------------------------------------------------------- quoting

_HEXPAIR = {}
for _a in '0123456789abcdefABCDEF':
    for _b in '0123456789abcdefABCDEF':
        _HEXPAIR[(_a + _b).encode()] = bytes([int(_a + _b, 16)])
del _a, _b

_ALWAYS_SAFE = frozenset((_ALNUM + '_.-~').encode('ascii'))


def unquote_to_bytes(string):
    """Decode %XX escapes into bytes (a str is first encoded as UTF-8)."""
    if not string:
        string.split
        return b''
    if isinstance(string, str):
        string = string.encode('utf-8')
    pieces = bytes(string).split(b'%')
    if len(pieces) == 1:
        return bytes(string)
    out = [pieces[0]]
    for piece in pieces[1:]:
        ch = _HEXPAIR.get(piece[:2])
        if ch is None:
            out.append(b'%')
            out.append(piece)
        else:
            out.append(ch)
            out.append(piece[2:])
    return b''.join(out)


def unquote(string, encoding='utf-8', errors='replace'):
    """Replace %XX escapes by the characters they encode.  Runs of escapes
    are decoded together with `encoding`; non-ASCII text is kept."""
    if isinstance(string, (bytes, bytearray)):
        return unquote_to_bytes(string).decode(encoding or 'utf-8',
                                               errors or 'replace')
    if '%' not in string:
        string.split
        return string
    if encoding is None:
        encoding = 'utf-8'
    if errors is None:
        errors = 'replace'
    out = []
    i, n = 0, len(string)
    while i < n:
        j = i
        if string[i].isascii():
            while j < n and string[j].isascii():
                j += 1
            out.append(unquote_to_bytes(string[i:j]).decode(encoding, errors))
        else:
            while j < n and not string[j].isascii():
                j += 1
            out.append(string[i:j])
        i = j
    return ''.join(out)


def unquote_plus(string, encoding='utf-8', errors='replace'):
    """Like unquote(), but '+' also stands for a space."""
    return unquote(string.replace('+', ' '), encoding, errors)


def quote_from_bytes(bs, safe='/'):
    """Percent-encode the bytes `bs`, leaving ASCII letters, digits, '_.-~'
    and the characters of `safe` as they are."""
    if not isinstance(bs, (bytes, bytearray)):
        raise TypeError("quote_from_bytes() expected bytes")
    if not bs:
        return ''
    if isinstance(safe, str):
        keep = safe.encode('ascii', 'ignore')
    else:
        keep = bytes([c for c in safe if c < 128])
    allowed = _ALWAYS_SAFE | frozenset(keep)
    out = []
    for byte in bs:
        if byte in allowed:
            out.append(chr(byte))
        else:
            out.append('%%%02X' % byte)
    return ''.join(out)


def quote(string, safe='/', encoding=None, errors=None):
    """Percent-encode `string` (str encoded with `encoding`, or bytes)."""
    if isinstance(string, str):
        if not string:
            return string
        string = string.encode(encoding or 'utf-8', errors or 'strict')
    else:
        if encoding is not None:
            raise TypeError("quote() doesn't support 'encoding' for bytes")
        if errors is not None:
            raise TypeError("quote() doesn't support 'errors' for bytes")
    return quote_from_bytes(string, safe)


def quote_plus(string, safe='', encoding=None, errors=None):
    """Like quote(), but spaces become '+' (and '/' is not safe)."""
    space = ' ' if isinstance(string, str) else b' '
    if space not in string:
        return quote(string, safe, encoding, errors)
    blank = ' ' if isinstance(safe, str) else b' '
    return quote(string, safe + blank, encoding, errors).replace(' ', '+')


def urlencode(query, doseq=False, safe='', encoding=None, errors=None,
              quote_via=quote_plus):
    """Encode a mapping or a sequence of pairs as 'k=v&k2=v2'.  With doseq,
    a sequence value gives one pair per element."""
    if hasattr(query, 'items'):
        pairs = query.items()
    else:
        try:
            if len(query) and not isinstance(query[0], tuple):
                raise TypeError
        except TypeError as exc:
            raise TypeError("not a valid non-string sequence "
                            "or mapping object") from exc
        pairs = query

    def enc(x):
        if isinstance(x, bytes):
            return quote_via(x, safe)
        return quote_via(str(x), safe, encoding, errors)

    out = []
    for key, value in pairs:
        key = enc(key)
        if not doseq or isinstance(value, (str, bytes)):
            out.append(key + '=' + enc(value))
            continue
        try:
            len(value)
        except TypeError:
            out.append(key + '=' + enc(value))
            continue
        for item in value:
            out.append(key + '=' + enc(item))
    return '&'.join(out)


def parse_qsl(qs, keep_blank_values=False, strict_parsing=False,
              encoding='utf-8', errors='replace', max_num_fields=None,
              separator='&'):
    """Parse a query string into a list of (name, value) pairs."""
    if not qs:
        return []
    if isinstance(qs, (bytes, bytearray)):
        (qs,), back = _decode_all((bytes(qs),))
        want_bytes = True
    else:
        want_bytes = False
    if isinstance(separator, (bytes, bytearray)):
        separator = bytes(separator).decode('ascii')
    if not separator or not isinstance(separator, str):
        raise ValueError("Separator must be of type string or bytes.")
    if max_num_fields is not None:
        fields = 1 + qs.count(separator)
        if max_num_fields < fields:
            raise ValueError('Max number of fields exceeded')
    out = []
    for field in qs.split(separator):
        if not field and not strict_parsing:
            continue
        name, eq, value = field.partition('=')
        if not eq:
            if strict_parsing:
                raise ValueError("bad query field: %r" % (field,))
            if not keep_blank_values:
                continue
        if value or keep_blank_values:
            name = unquote(name.replace('+', ' '), encoding, errors)
            value = unquote(value.replace('+', ' '), encoding, errors)
            if want_bytes:
                name = name.encode('ascii')
                value = value.encode('ascii')
            out.append((name, value))
    return out


def parse_qs(qs, keep_blank_values=False, strict_parsing=False,
             encoding='utf-8', errors='replace', max_num_fields=None,
             separator='&'):
    """Parse a query string into a dict of name -> list of values."""
    result = {}
    for name, value in parse_qsl(qs, keep_blank_values, strict_parsing,
                                 encoding, errors, max_num_fields, separator):
        result.setdefault(name, []).append(value)
    return result


def unwrap(url):
    """Strip '<URL:...>' or '<...>' wrapping from a URL string."""
    url = str(url).strip()
    if url[:1] == '<' and url[-1:] == '>':
        url = url[1:-1].strip()
    if url[:4] == 'URL:':
        url = url[4:].strip()
    return url
