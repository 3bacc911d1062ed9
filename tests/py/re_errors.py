# re: re.error messages and positions for bad patterns and templates.
import re

bad = ['*', 'a**', '(*)', 'a|*', '^*', r'\b*', 'a{2,1}', '[a', '[z-a]', '(?<x>a)',
       '(?P<a-b>x)', '(?P=zz)', r'\5', '(?<=a*)b', '(?x', '(?', 'a)', r'\q', '(?P<a>x)(?P<a>y)',
       '(a)(?(3)b)', '\\', r'[\d-z]', '(?i', '(?z)', 'a(?i)', '(?-i)', '(?i-i:a)', '(?P',
       '(?P<', '(?P<a', r'(?#abc', r'\777', '[]', '[^]', '(?<!a|bc)', r'(?<=(a)\1)',
       'x{2}{3}', 'x{2}*', '(?P<1>a)', '(?P=)', r'\g', '(?Px)', 'a??+', '[\\w-a]', '(',
       '((a)', 'a))', '(a\nb', 'ab\n*', '(?P<n>a)(?P=n', r'(a)\2', r'(a\1)', r'\x4', r'\u12',
       '[a-\\d]', '(?i)(?L)a', '(?a-u:x)', '(?au)x', '(?-a:x)', '(?<=', r'\N{x}', '(?(1)a|b|c)',
       '(?(x)a)', r'[\A]', r'[\1]', '(?Y)', 'ab(?#c', '(?P>x)']
for p in bad:
    try:
        re.compile(p)
        print(repr(p), 'compiled')
    except re.error as e:
        print(repr(p), '->', e, '|', e.msg, e.pos, e.lineno, e.colno, e.pattern == p)
    except Exception as e:
        print(repr(p), '=>', type(e).__name__, e)

for t in [r'\3', r'\g<x>', r'\g<x', r'\q', r'\g<-1>', r'\g<1a>', '\\', r'\g<>', r'\g', r'\g<5>',
          r'\400', r'\d']:
    try:
        print(repr(re.sub('(a)', t, 'a')))
    except re.error as e:
        print(repr(t), '->', e)
    except Exception as e:
        print(repr(t), '=>', type(e).__name__, e)

try:
    re.compile('a', re.A | re.U)
except ValueError as e:
    print('ValueError', e)
try:
    re.compile(re.compile('a'), re.I)
except ValueError as e:
    print('ValueError', e)
try:
    re.compile(42)
except TypeError as e:
    print('TypeError', e)
try:
    re.match('a', 42)
except TypeError as e:
    print('TypeError', e)
try:
    re.compile('x{99999999999}')
except OverflowError as e:
    print('OverflowError', e)
print(re.error is re.PatternError, issubclass(re.error, Exception))
e = re.error('boom')
print(e, e.msg, e.pattern, e.pos, e.lineno)
