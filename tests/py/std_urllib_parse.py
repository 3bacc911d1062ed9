# urllib.parse: splitting, joining, quoting and query strings.
from urllib.parse import (urlparse, urlsplit, urlunparse, urlunsplit, urljoin,
                          urldefrag, quote, quote_plus, unquote, unquote_plus,
                          quote_from_bytes, unquote_to_bytes, urlencode,
                          parse_qs, parse_qsl, ParseResult, SplitResult)
import urllib.parse

def attempt(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__ + ':', e)

urls = [
    'http://user:pw@www.Example.COM:8080/p/a/t/h;params?query=1&b=2#frag',
    'https://[::1]:443/x', 'http://[fe80::1%25eth0]/', 'ftp://ftp.x.org/pub',
    'mailto:someone@example.com', 'file:///etc/passwd', '//netloc/only',
    'relative/path?q', '/abs;p?q#f', 'path:80', 'HTTP://H/', '  http://s p/\t\n',
    'a1+b-c.d://x/y', '1http://x', 'http://x#a#b', 'http://x?a?b', 'http:',
    '', 'http://h:/p', 'http://@h', 'http://u@h', 'http://u:@h', 'news:comp.lang',
    'tel:+1-555;ext=1', 'sip:alice@h;transport=tcp', 'http://h/a;b/c;d',
]
for u in urls:
    p = urlparse(u)
    s = urlsplit(u)
    print(repr(u))
    print(' ', p)
    print(' ', s)
    print('  ', p.geturl(), '|', s.geturl(), '|', urlunparse(p), '|', urlunsplit(s))
    print('  ', p.username, p.password, p.hostname, p.port)

print(urlparse('x/y', scheme='http'), urlsplit('http://a/b#c', allow_fragments=False))
r = urlparse('http://a/b')
print(r._replace(netloc='z'), r._replace(netloc='z').geturl(), r.scheme, r[1], len(r))
print(isinstance(r, tuple), ParseResult._fields, SplitResult._fields)
print(ParseResult('a', 'b', 'c', 'd', 'e', 'f').geturl())

for bad in ['http://h:99999/', 'http://h:x/', 'http://h:-1/', 'http://h: 1/', 'http://h:١/']:
    attempt(lambda: urlparse(bad).port)
for bad in ['http://[::1/', 'http://::1]/', 'http://[1.2.3.4]/', 'http://[vx]/',
            'http://[v1.x]/', 'http://[zz::1]/']:
    attempt(urlsplit, bad)
attempt(urlsplit, 'http://[::ffff:1.2.3.4]/')
attempt(urlsplit, 'http://[v1.fe]/')

# bytes
b = urlparse(b'http://u@h:80/p?q#f')
print(b, b.hostname, b.port, b.username, b.geturl())
print(urlsplit(b'//h/p').decode(), urlsplit('http://h/').encode())
attempt(urljoin, 'http://a/', b'b')
print(urlunsplit((b'http', b'h', b'/p', b'', b'')))
print(urldefrag(b'http://h/p#f'))

print(urlunsplit(('http', '', '/p', '', '')), urlunsplit(('http', '', 'p', '', '')),
      urlunsplit(('', '', '//p', '', '')), urlunsplit(('mailto', '', 'x@y', '', '')),
      urlunsplit(('http', 'h', 'p', 'q', 'f')), urlunsplit(('', '', '', '', '')))
print(urlunparse(('http', 'h', '/p', 'par', 'q', '')))
attempt(urlunsplit, ('a', 'b'))

# RFC 3986 examples
base = 'http://a/b/c/d;p?q'
for rel in ['g:h', 'g', './g', 'g/', '/g', '//g', '?y', 'g?y', '#s', 'g#s', 'g?y#s',
            ';x', 'g;x', 'g;x?y#s', '', '.', './', '..', '../', '../g', '../..',
            '../../', '../../g', '../../../g', '../../../../g', '/./g', '/../g',
            'g.', '.g', 'g..', '..g', './../g', './g/.', 'g/./h', 'g/../h',
            'g;x=1/./y', 'g;x=1/../y', 'g?y/./x', 'g?y/../x', 'g#s/./x',
            'g#s/../x', 'http:g', 'http:', 'https://x/y', 'a//b//c', '//',
            'mailto:x']:
    print(repr(rel), urljoin(base, rel))
print(urljoin('', 'x'), urljoin('http://a/b', ''), urljoin('mailto:a', 'b'),
      urljoin('http://a', 'b'), urljoin('http://a/b/', '../../../x'),
      urljoin('svn+ssh://h/a/b', 'c'), urljoin('http://a/b#f', '#g', allow_fragments=False),
      urljoin('file:///a/b', 'c'), urljoin(b'http://a/b/', b'c'))
print(urldefrag('http://h/p?q#frag'), urldefrag('http://h/p'), urldefrag('x#').geturl(),
      urldefrag('http://h/p;a?q#f').url)

# quoting
for s in ['abc', 'a b&c/d', '~_.-', 'é€', '', '/%/', 'a+b']:
    print(repr(quote(s)), repr(quote(s, safe='')), repr(quote_plus(s)),
          repr(quote_plus(s, safe='/')))
print(quote('é', encoding='latin-1'), quote(b'\x00\xff /'), quote('a b', safe=b' '),
      quote_plus(b'a b'), quote('\udcff', errors='surrogateescape' if False else 'replace'))
attempt(quote, b'x', encoding='utf-8')
attempt(quote, b'x', errors='strict')
attempt(quote, 5)
attempt(quote_from_bytes, 'str')
print(quote_from_bytes(b'a&b', safe='&'), quote_from_bytes(b''), quote_from_bytes(b'a/b', b'/\xff'))
for s in ['abc', '%41%42', '%e2%82%ac', '%E2%82', '%zz%4', '%', 'é%C3%A9', 'a+b',
          '%C3%A9é%C3', '100%']:
    print(repr(unquote(s)), repr(unquote_plus(s)), repr(unquote_to_bytes(s)))
print(unquote('%E9', encoding='latin-1'), repr(unquote('%ff', errors='strict' if False else 'ignore')),
      unquote(b'%41'), unquote_to_bytes(b'%41%'), repr(unquote_to_bytes('')))
attempt(unquote, None)
attempt(unquote, '%ff', errors='strict')

# urlencode
print(urlencode({'a': 1, 'b c': 'd&e', 'é': b'\xff'}))
print(urlencode([('a', [1, 2]), ('b', 'xy'), ('c', (3,)), ('d', 5)], doseq=True))
print(urlencode([('a', [1, 2])]), urlencode({'x': 'a/b'}, safe='/'),
      urlencode({'x': 'a b'}, quote_via=quote), urlencode([]), urlencode({}))
print(urlencode({'k': 'é'}, encoding='latin-1'), urlencode({b'k': b'v v'}, doseq=True))
attempt(urlencode, 'abc')
attempt(urlencode, [1, 2])
attempt(urlencode, 5)

# query strings
for qs in ['a=1&b=2&a=3', 'a=&b', 'a+b=c%20d', '&&x=1&', 'a=1;b=2', '=v', 'k==v', '']:
    print(repr(qs), parse_qsl(qs), parse_qsl(qs, keep_blank_values=True), parse_qs(qs),
          parse_qs(qs, True))
print(parse_qsl('a=1;b=2', separator=';'), parse_qsl(b'a=1&b=%20'), parse_qs(b'x=1&x=2'))
print(parse_qsl('a=%E9', encoding='latin-1'), parse_qsl('a=%ff'))
attempt(parse_qsl, 'a=1&b', strict_parsing=True)
attempt(parse_qsl, 'a=1&&b=2', strict_parsing=True)
attempt(parse_qsl, 'a=1&b=2&c=3', max_num_fields=2)
print(parse_qsl('a=1&b=2', max_num_fields=2))
attempt(parse_qsl, 'a=1', separator='')
attempt(parse_qsl, 'a=1', separator=None)
print(urllib.parse.scheme_chars[:5], 'http' in urllib.parse.uses_netloc)
