# re: flags, inline and scoped flags, VERBOSE, MULTILINE, DOTALL, Pattern repr.
import re

print(int(re.I), int(re.IGNORECASE), int(re.M), int(re.S), int(re.X), int(re.A), int(re.U), int(re.NOFLAG))
print(re.compile('a', re.I | re.M))
print(re.compile('a', re.S | re.X | re.A))
print(re.compile('(?i)a'), re.compile('(?i)a').flags)
print(re.compile('a', re.U), re.compile('a', re.A).flags)
print(re.compile("it's"), re.compile('a\nb'), re.compile('x' * 250))
print(re.findall('^\\w+', 'one\ntwo\nthree'))
print(re.findall('^\\w+', 'one\ntwo\nthree', re.M))
print(re.findall('\\w+$', 'one\ntwo\nthree\n', re.M))
print(re.findall('(?m)^\\w', 'ab\ncd'))
print(re.findall('a.b', 'a\nb', re.S), re.findall('(?s)a.b', 'a\nb'))
print(re.findall('(?i:A)b', 'ab Ab aB AB'))
print(re.findall('(?-i:a)b', 'ab Ab aB AB', re.I))
print(re.findall('a(?i:b)c', 'abc aBc aBC'))
print(re.findall('(?s:.)(.)', 'a\n\nb'))
print(re.findall('(?a:\\w+)', 'héllo'))
print(re.findall('(?x) a b  c # comment', 'abc a b c'))
pat = re.compile(r'''
    (?P<int>\d+)      # integer part
    (?:\.(?P<frac>\d+))?  # optional fraction
    \ +  [a-z]+       # escaped space then a unit
''', re.VERBOSE)
m = pat.search('got 12.5  kg here')
print(m.groupdict(), m.group())
print(re.findall('[ #]+', 'a # b', re.X))
print(re.findall('a b', 'ab a b', re.X), re.findall(r'a\ b', 'ab a b', re.X))
print(re.match('(?x)a{2, 3}', 'aa') is None, re.match('(?x) a *', 'aaa').group())
print(re.findall('(?im)^a', 'A\na'))
print(re.search('(?i)straße', 'STRASSE'))
print(re.compile('a', 0).flags, re.compile('(?x)a').flags, re.compile('(?a)a').flags)
