# fnmatch: translate's exact regex text, fnmatch/fnmatchcase/filter on str
# and bytes, bracket sets, ranges, negation, and error cases.
import fnmatch
from fnmatch import fnmatch as fnm, fnmatchcase, translate


def show(label, f):
    try:
        print(label, '->', repr(f()))
    except Exception as e:
        print(label, '-> EXC', type(e).__name__, e)


patterns = [
    '', '*', '**', '***', '?', '??', '*.txt', 'a*', '*a', 'a*b', 'a*b*c',
    '*a*b*', '?*?', '*?*', 'a**b', 'file?.py', '[abc]', '[!abc]', '[a-z]',
    '[!a-z]', '[z-a]', '[!z-a]', '[a-]', '[-a]', '[!-a]', '[a-c-e]',
    '[!a-c-e]', '[a-b-c]', '[--a]', '[a--]', '[---]', '[]', '[!]', '[]]',
    '[!]]', '[]a]', '[', '[a', '[!', 'a[', '[[]', '[^a]', '[a^]',
    '[\\]', '[a\\b]', '[\\-z]', '[a-\\]', '[&&]', '[~~]', '[||]', '[a&&b]',
    '[a|b]', 'a.b', 'a+b', '(x)', '{a,b}', '$^', 'a\\*b', 'a b',
    'tab\tname', 'new\nline', 'ü*ñ', '[ä-ö]', '[a-z0-9_]*.py', 'x[!.]y',
    '*[!a-z]', '[*]', '[?]', '[!*]', '[a-a]', '[b-a-c]', '[c-a-b]',
    '[a-c-a]', '[!]-]', '[]-a]', '[z-a-]', '[-]', '[!-]', '[a-z-]',
    '*.[ch]', 'data[0-9][0-9].csv', '**/*.py', '.*', '*.*',
]
for p in patterns:
    print(repr(p), translate(p))

names = ['a', 'b', 'ab', 'abc', 'a.txt', 'b.TXT', '.hidden', 'x-y', 'a\nb',
         'file1.py', 'file10.py', 'fileA.py', '', '-', ']', '[', '!', '\\',
         '^', 'z', 'ü', 'aXbYc', 'data01.csv', 'foo.c', 'foo.h', 'foo.o']
for p in patterns:
    print(repr(p), [n for n in names if fnmatchcase(n, p)])

print(fnm('Hello.TXT', '*.txt'), fnm('Hello.txt', '*.txt'),
      fnmatchcase('Hello.TXT', '*.TXT'))
print(fnm('a\nb', 'a?b'), fnm('a\nb', 'a*'), fnm('abc\n', '*c'))
print(fnmatch.filter(names, '*.py'), fnmatch.filter(names, '[!a-z]*'))
print(fnmatch.filter([], '*'), fnmatch.filter(iter(['x', 'y']), 'x'))
print(fnmatch.filter(('q1', 'q2', 'r1'), 'q?'))

# bytes
print(fnm(b'file.py', b'*.py'), fnmatchcase(b'abc', b'a?c'),
      fnmatchcase(b'\xff\xfe', b'\xff*'), fnmatchcase(b'x', b'[!x]'))
print(fnmatch.filter([b'a.c', b'b.h', b'c.o'], b'*.[ch]'))
show('str name bytes pat', lambda: fnmatchcase('a', b'a'))
show('bytes name str pat', lambda: fnmatchcase(b'a', 'a'))
show('fnmatch int', lambda: fnm(1, '*'))
show('fnmatch int pat', lambda: fnm('a', 1))
show('translate int', lambda: translate(1))

# Long patterns stay fast (no catastrophic backtracking).
print(fnmatchcase('a' * 50, '*a*a*a*a*a*a*a*a*a*a*a*a*b'))
print(fnmatchcase('ab' * 30 + 'c', '*ab*ab*ab*ab*c'))
print(sorted(fnmatch.__all__))

# More error cases and odd arguments.
show('bytes pat int name', lambda: fnmatchcase(1, b'a'))
show('bytearray name', lambda: fnmatchcase(bytearray(b'ab'), b'a*'))
show('filter int names', lambda: fnmatch.filter([1], '*'))
show('unhashable pattern', lambda: fnmatchcase('a', ['*']))
show('translate list', lambda: translate(['a', '*']))
for p in ['[a-cd-b]', '[!a-c-e-g]', '[c-b-a]', '[a-]b]', '*[]*', '[!!]', '[!^]',
          '[\\-]', '[a-c-]', '[-c-a]', '**a**b**']:
    print(repr(p), translate(p))
