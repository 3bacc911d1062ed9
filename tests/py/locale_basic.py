# locale differential test: setlocale over the C/POSIX/C.UTF-8 locales and
# its errors, localeconv, nl_langinfo, the encodings (also at startup under
# several environments), number formatting and parsing, collation,
# normalize() and the locale-name parsers.
import locale as L
import os
import subprocess
import sys
import warnings


def show(f, *args, **kw):
    try:
        print(repr(f(*args, **kw)))
    except Exception as e:
        print(type(e).__name__, e)


print(L.__all__)
print(L.LC_CTYPE, L.LC_NUMERIC, L.LC_TIME, L.LC_COLLATE, L.LC_MONETARY, L.LC_MESSAGES,
      L.LC_ALL, L.CHAR_MAX)
print(L.Error.__module__, L.Error.__name__, L.Error.__mro__[1:], issubclass(L.Error, Exception))
print(sorted((n, getattr(L, n)) for n in dir(L) if n.isupper() and not n.startswith('_')))

# setlocale
for name in ['C', 'POSIX', '', 'C.UTF-8', 'C.utf8', 'C.UTF8', 'C.utf-8', 'C.Utf8',
             'C.UTF-8@x', 'C.utf8@euro', 'xx', 'en_US.UTF-8', 'c', 'posix', 'C.ascii',
             'C.UTF_8', 'POSIX.UTF-8', 'C.utf', 'C.UTF-8.x', 'C ', ' C', 'C.', 'C@x',
             'POSIX@x', 'C_C', 'C.C', 'de_DE@euro', 'c.utf8', 'c.UTF-8', 'C.uTf-8',
             'C.utf--8', 'C.utf-8@', 'C.utf8@a@b', 'C.UTF-8@euro']:
    os.environ['LC_ALL'] = 'C'
    print(repr(name), end=' ')
    show(L.setlocale, L.LC_ALL, name)
del os.environ['LC_ALL']
L.setlocale(L.LC_ALL, 'C')
for args in [(99, 'C'), (-1,), (7, 'C'), (12,), (13,), (13, 'C'), ('x',), (1.5, 'C'),
             (L.LC_ALL, 5), (L.LC_ALL, ('en_US', 'UTF-8')), (L.LC_ALL, ('C', None)),
             (L.LC_ALL, (None, None)), (L.LC_ALL, ()), (L.LC_ALL, ('C',)),
             (L.LC_ALL, ['C', 'UTF-8']), (L.LC_ALL, ('C', 'utf8')), (L.LC_ALL, None),
             (L.LC_ALL, b'C'), (L.LC_ALL, 'C\0'), (), (L.LC_ALL, 'C', 1), (True, 'C'),
             (L.LC_ALL, 'C')]:
    print(args, end=' ')
    show(L.setlocale, *args)
show(L.setlocale, category=L.LC_NUMERIC, locale='C.UTF-8')
show(L.setlocale, L.LC_ALL)
show(L.setlocale, L.LC_NUMERIC)
show(L.getlocale, L.LC_ALL)
show(L.getlocale, L.LC_NUMERIC)
show(L.getlocale, L.LC_TIME)
show(L.getlocale, 99)
composite = L.setlocale(L.LC_ALL)
show(L.setlocale, L.LC_ALL, 'C')
show(L.setlocale, L.LC_ALL, composite)
show(L.setlocale, L.LC_NUMERIC)
show(L.setlocale, L.LC_ALL, composite.replace('LC_NUMERIC=C.UTF-8', 'LC_NUMERIC=xx'))
show(L.setlocale, L.LC_ALL, 'LC_CTYPE=C')
for cat in (L.LC_CTYPE, L.LC_TIME, L.LC_COLLATE, L.LC_MONETARY, L.LC_MESSAGES, 7, 11):
    print(cat, L.setlocale(cat, 'C.UTF-8'), L.setlocale(cat), L.setlocale(cat, 'POSIX'))
print(L.setlocale(L.LC_ALL))

# localeconv and nl_langinfo in both locales
for name in ('C', 'C.UTF-8'):
    L.setlocale(L.LC_ALL, name)
    print(name, L.localeconv())
    print(L.localeconv() is not L.localeconv(), L.getlocale(), L.getencoding(),
          L.getpreferredencoding(False), L.nl_langinfo(L.CODESET))
    for n in sorted(n for n in dir(L) if n.isupper() and not n.startswith('_')):
        try:
            print(n, repr(L.nl_langinfo(getattr(L, n))))
        except Exception as e:
            print(n, type(e).__name__, e)
show(L.nl_langinfo, 9999)
show(L.nl_langinfo, 'x')
L.setlocale(L.LC_ALL, 'C')

# getpreferredencoding looks at the environment's locale
for env in ({'LANG': 'C.UTF-8'}, {'LC_ALL': 'C.utf8'}, {'LC_CTYPE': 'C.UTF-8', 'LANG': 'C'}):
    saved = {k: os.environ.pop(k, None) for k in ('LC_ALL', 'LC_CTYPE', 'LANG')}
    os.environ.update(env)
    print(env, L.getpreferredencoding(), L.getpreferredencoding(True), L.setlocale(L.LC_CTYPE),
          L.getencoding())
    for k in ('LC_ALL', 'LC_CTYPE', 'LANG'):
        os.environ.pop(k, None)
        if saved[k] is not None:
            os.environ[k] = saved[k]

# collation
for a, b in [('a', 'b'), ('b', 'a'), ('a', 'a'), ('', 'a'), ('é', 'z'), ('Z', 'a'), ('ab', 'a'),
             (1, 'a'), ('a', 1), ('a\0b', 'a'), ('a', None)]:
    show(L.strcoll, a, b)
for s in ['abc', 'é€', '', 1, 'a\0', None]:
    show(L.strxfrm, s)
print(sorted(['b', 'A', 'a', 'é', 'B'], key=L.strxfrm))

# numbers
for args, kw in [(('%.2f', 1.5), {'monetary': True}), (('%d items %s', (3, 'x'), True), {}),
                 (('%(a)s %(b).3f', {'a': 1, 'b': 2.5}), {}), (('%d', 'x'), {}),
                 (('%5.1f%%', 3.14159), {}), (('%s', [1, 2]), {}),
                 (('%-10d|', 1234567), {'grouping': True}), (('%x', 255), {}),
                 (('%s',), {}), (('%s %s', 1), {}), (('%*d', (5, 3)), {}),
                 (('%.*f', (2, 3.14159)), {}), (('%(x)d', {'x': 3}, True), {}),
                 (('%c', 65), {}), ((5, 1), {}), (('%5s', 'ab'), {}),
                 (('%e', 12345.678, True), {}), (('%g', 1e10, True, True), {}),
                 (('%i %u', (1, 2)), {}), (('%r', 'a'), {}), (('%a', 'é'), {}),
                 (('%-5d|', 42), {'monetary': True}), (('%s %%', 1), {}),
                 (('abc', ()), {}), (('%s', ()), {}), (('%s', ((),)), {}),
                 (('%s %s', [1, 2]), {}), (('%.1f', 2.25, True, True), {}),
                 (('100%', ()), {}), (('%(a)s %%', {'a': 1}), {}), (('%s', {'a': 1}), {}),
                 (('%(a)b)s', {'a)b': 7}), {}), (('%.3G|%E|%F', (1e-5, 2.5, 3.0)), {}),
                 (('%+.2f %#o %#x % d', (1.005, 8, 255, 4)), {}), (('%ld %hd %Lf', (1, 2, 3.5)), {}),
                 (('%o', 8), {'grouping': True, 'monetary': True}), (('%%%d%%', 5), {})]:
    show(L.format_string, *args, **kw)
print(hasattr(L, 'format'))
show(L.currency, 1.5)
show(L.currency, 1.5, international=True)
show(L.currency, 5, symbol=False, grouping=True)
for v in (3.14159265358979, 10 ** 20, 1, 0.1 + 0.2, -1.5e-7, float('inf'), float('nan'), 'x', 2 ** 70):
    show(L.str, v)
for s in ['1.5', '1,5', ' 1e3 ', 'inf', '-0.0', 'x']:
    show(L.atof, s)
show(L.atof, '3', int)
show(L.atof, '3.5', lambda s: s + '!')
for s in ['42', '4.2', '0x10', ' -7 ', '1_000']:
    show(L.atoi, s)
for s in ['1,234.5', '1.5', '', 'a.b.c']:
    show(L.delocalize, s)
for args in [('1234.5',), ('1234.5', True, True), ('1234.5', False, True), ('12.34.5',), ('', True)]:
    show(L.localize, *args)

# locale names
names = ['C', 'c.utf8', 'en_US', 'en_US.UTF-8', 'de_DE@euro', 'POSIX', 'ja_JP.eucJP', 'fr',
         'de@euro', 'en_US@euro', 'de_DE.UTF-8@euro', 'de_DE.iso88591@euro', 'sr_RS@latin',
         'sr@latin', 'sr_RS.UTF-8@latin', 'ca_ES@valencia', 'ca_ES.UTF-8@valencia', 'xx@foo',
         'en_US:UTF-8', 'EN_us.Utf-8', '', 'C.UTF-8', 'ja_JP.UTF-8', 'zh_CN.utf8',
         'en_US.ISO-8859-15@euro', 'be_BY@latin', 'be_BY.UTF-8@latin', 'en.utf8',
         'de.ISO8859-1', 'no_NO.utf8', 'xx_YY', 'a.b.c', 'a@b@c', 'en_US.UTF-8@x@y', 'ru',
         'ru_RU.KOI8-R', 'uk_UA', 'pl_PL.UTF-8', 'fi_FI@euro', 'zh_TW', 'ko_KR.euc', 'german',
         'english_us', 'universal', 'C.ascii', 'iso-8859-1', 'en_US.UTF-8.x', 'sr@latn',
         'sr_RS@latn', 'en_GB.ISO8859-15@euro', 'de_DE.UTF-8@foo', 'pt_BR.utf8', 'es_MX']
for n in names:
    print(repr(n), repr(L.normalize(n)))
encs = ['UTF-8', 'utf8', 'UTF8', 'utf_8', 'u8', 'latin1', 'latin-1', 'ISO-8859-1', 'iso8859-1',
        'iso88591', 'ISO8859-15', 'iso885915', 'latin9', 'l9', 'ascii', 'us-ascii',
        'ANSI_X3.4-1968', 'euc-jp', 'eucjp', 'EUC-JP', 'euc-kr', 'big5', 'gb2312', 'gbk',
        'gb18030', 'koi8-r', 'KOI8-U', 'cp1251', 'cp1252', 'cp437', 'shift_jis', 'sjis',
        'iso8859-2', 'iso8859-5', 'iso8859-7', 'iso8859-9', 'tis-620', 'foo', 'utf-16',
        'mac-roman', 'Foo', 'ISO_8859-1', 'iso8859_15', 'windows-1251', 'UTF', 'l1', '646',
        'latin2', 'ujis', 'iso2022jp', 'koi8_u', 'iso_8859_5']
for e in encs:
    print(e, L.normalize('en_US.' + e), L.normalize('xx_YY.' + e), L.normalize('de_DE.' + e + '@euro'))
for n in ['en_US.UTF-8', 'de_DE@euro', 'C', 'UTF-8', 'xx', 'en_US', 'sr_RS@latin', 'C.UTF-8',
          'POSIX', 'de@euro', 'fr_FR.ISO8859-1@x', 'C.utf8@x']:
    print(n, end=' ')
    show(L._parse_localename, n)
for t in [('en_US', 'UTF-8'), ('C', None), (None, None), (None, 'UTF-8'), ('x',), 5, ['a', 'b']]:
    show(L._build_localename, t)

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    for env in [{}, {'LANG': 'en_US.UTF-8'}, {'LC_ALL': 'de_DE@euro', 'LANG': 'x'},
                {'LANGUAGE': 'fr_FR:en'}, {'LC_CTYPE': 'C'}, {'LANG': 'C.UTF-8'},
                {'LANG': 'bogus'}, {'LANG': 'ja_JP.eucJP'}, {'LANG': 'sr_RS@latin'},
                {'LANGUAGE': ':en'}, {'LC_ALL': '', 'LANG': 'de'}]:
        for v in ['LC_ALL', 'LC_CTYPE', 'LANG', 'LANGUAGE']:
            os.environ.pop(v, None)
        os.environ.update(env)
        print(env, end=' ')
        show(L.getdefaultlocale)
    show(L.getdefaultlocale, ['FOO'])
    show(L.getdefaultlocale, ('LANG',))
print(len(w), w[0].category.__name__, w[0].message, w[0].filename == __file__)

# the locale a fresh interpreter starts in, under several environments
code = ("import locale as L; print(L.setlocale(L.LC_CTYPE), L.setlocale(L.LC_ALL), "
        "L.getlocale(), L.getencoding(), L.getpreferredencoding(), "
        "L.getpreferredencoding(False), L.setlocale(L.LC_ALL, ''), L.getencoding())")
for env in [{}, {'LANG': 'C'}, {'LC_ALL': 'C'}, {'LANG': 'C.UTF-8'}, {'LC_ALL': 'POSIX'},
            {'LC_CTYPE': 'C.utf8'}, {'LC_ALL': 'C.UTF-8'}, {'LANG': 'C.UTF-8', 'LC_NUMERIC': 'C'},
            {'LC_ALL': 'C', 'PYTHONUTF8': '0'}]:
    base = {k: v for k, v in os.environ.items()
            if k in ('PATH', 'PYTHONPATH', 'PYENV_VERSION', 'PYENV_ROOT', 'HOME')}
    base.update(env)
    r = subprocess.run([sys.executable, '-c', code], env=base, capture_output=True, text=True)
    print(env, r.returncode, r.stdout.strip(), r.stderr.strip()[-100:])
