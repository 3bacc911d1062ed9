# re: the Match object: group access, spans, expand, repr, attributes.
import re

m = re.search(r'(?P<key>\w+)=(?P<val>\d*)(x)?', '  width=120;')
print(m)
print(bool(m), m.group(), m.group(0), m.group(1), m.group('val'), m.group(1, 'val', 3))
print(m[0], m[1], m['key'], m[3])
print(m.groups(), m.groups(''), m.groupdict(), m.groupdict('?'))
print(m.start(), m.end(), m.span(), m.start(2), m.end('val'), m.span(3), m.start(3))
print(m.string, m.re, m.pos, m.endpos, m.lastindex, m.lastgroup)
print(m.expand(r'\g<val> \2 <\1> [\3]'))
print(m.regs)
for bad in [4, -1, 'nope', 1.5]:
    try:
        m.group(bad)
    except IndexError as e:
        print('IndexError', e)
try:
    m[7]
except IndexError as e:
    print('IndexError', e)
try:
    m.start('zz')
except IndexError as e:
    print('IndexError', e)
print(re.match('a', 'a' * 100))
print(re.match('a*', 'a' * 100))
print(re.match('', 'abc'))
print(re.match('.*', 'it\'s "q"'))
print(re.match('.+', 'héllo\twörld\n'))
m = re.compile(r'\d+').search('ab123cd', 1, 6)
print(m, m.pos, m.endpos)
m = re.match('(a)(b)?', 'ac')
print(m.lastindex, m.span(2), m.group(2), m.groups())
m = re.match('(?:(a)|(b))+', 'ab')
print(m.lastindex, m.groups(), m.span(1), m.span(2))
m = re.search('é(ü)', 'xxéü')
print(m.span(), m.span(1), m.group(1), m)
print(re.match('x', 'y'))
print([m.group() for m in re.finditer(r'\w', 'ab')], re.fullmatch('a|ab', 'ab'))
