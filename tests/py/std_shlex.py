# shlex: split (posix and not, comments), quote, join, the shlex class
# (tokens, quotes, escapes, punctuation_chars, push_token, lineno,
# error_leader, source inclusion).
import io
import shlex


def show(label, f):
    try:
        print(label, '->', repr(f()))
    except Exception as e:
        print(label, '-> EXC', type(e).__name__, e)


cases = [
    'ls -l /tmp',
    '  leading and   trailing   ',
    '',
    'a "b c" d',
    "a 'b c' d",
    'a"b"c',
    "it's",
    '"unterminated',
    "'also unterminated",
    'escaped\\ space',
    'trailing\\',
    '"in \\"double\\" quotes"',
    "'in \\'single' quotes",
    '"backslash \\\\ and \\$ and \\n"',
    "'no \\escapes\\ here'",
    'x=1 y="two words" z=\'3\'',
    'cmd # comment here',
    'cmd#notcomment',
    'a;b|c&&d',
    '""',
    "''",
    '"" x',
    'a""b',
    'tab\there\nnewline',
    'ünïcödé wörds ß',
    'path/to/file.txt --opt=val -x',
    'echo "a\'b" \'c"d\'',
    '\\"quoted\\"',
    'one\\\ntwo',
]
for c in cases:
    show('split %r' % c, lambda: shlex.split(c))
    show('split nonposix %r' % c, lambda: shlex.split(c, posix=False))
    show('split comments %r' % c, lambda: shlex.split(c, comments=True))
show('split None', lambda: shlex.split(None))
show('split int', lambda: shlex.split(1))

print('--- quote')
for s in ['', 'simple', 'with space', "it's", 'a"b', '$HOME', 'semi;colon',
          'safe@%+=:,./-_', 'ünï', 'tab\t', '*glob?', "''", 'new\nline']:
    print(repr(s), '->', shlex.quote(s))
show('quote int', lambda: shlex.quote(1))


print('--- join')
args = ['echo', 'hello world', "it's", '', '$x', 'plain']
joined = shlex.join(args)
print(joined)
print(shlex.split(joined) == args)
print(shlex.join([]))

print('--- shlex class (compatibility mode)')


def tokens(lex):
    out = []
    while True:
        tok = lex.get_token()
        if tok == lex.eof:
            break
        out.append(tok)
    return out


print(tokens(shlex.shlex('a = b + "c d" # comment\nnext line')))
print(tokens(shlex.shlex("f(x, 'y z') ; g[1]")))
print(tokens(shlex.shlex('a.b-c/d*e')))
lex = shlex.shlex('one two\nthree\n\nfour five')
seen = []
for tok in lex:
    seen.append((tok, lex.lineno))
print(seen)
print(repr(lex.eof), repr(lex.get_token()), repr(lex.get_token()))

print('--- shlex class (posix)')
lex = shlex.shlex('a "b c" \'d\' e\\ f # gone', posix=True)
print(list(lex), repr(lex.eof))
lex = shlex.shlex('x "" y', posix=True)
print(list(lex))
lex = shlex.shlex('key=value other-word', posix=True)
print(list(lex))
lex = shlex.shlex('key=value other-word', posix=True)
lex.whitespace_split = True
print(list(lex))

print('--- punctuation_chars')
for text in ['a && b || c', 'ls|grep x>out.txt', 'a;b;;c', '(a)(b)',
             'echo hi >>file 2>&1', 'x=~/a.b -c']:
    lex = shlex.shlex(text, punctuation_chars=True)
    print(repr(text), list(lex))
    lex = shlex.shlex(text, posix=True, punctuation_chars=True)
    lex.whitespace_split = True
    print(repr(text), list(lex))
lex = shlex.shlex('a+b-c', punctuation_chars='+-')
print(list(lex), lex.punctuation_chars)
print('=' in shlex.shlex('', punctuation_chars=True).wordchars,
      '=' in shlex.shlex('').wordchars)
show('set punctuation_chars', lambda: setattr(lex, 'punctuation_chars', 'x'))

print('--- attributes')
lex = shlex.shlex('')
print(repr(lex.wordchars), repr(lex.whitespace), repr(lex.quotes),
      repr(lex.escape), repr(lex.escapedquotes), repr(lex.commenters),
      lex.whitespace_split, lex.posix, repr(lex.eof), lex.lineno,
      repr(lex.punctuation_chars), lex.source, lex.infile)
print(len(shlex.shlex('', posix=True).wordchars))

print('--- push_token / custom chars')
lex = shlex.shlex('alpha beta')
print(lex.get_token())
lex.push_token('pushed1')
lex.push_token('pushed2')
print(lex.get_token(), lex.get_token(), lex.get_token(), repr(lex.get_token()))
lex = shlex.shlex('a:b:c d')
lex.whitespace = ':'
lex.wordchars += ' '
print(list(lex))
lex = shlex.shlex('%% x %% y', posix=True)
lex.commenters = '%'
print(list(lex))
lex = shlex.shlex('|a b| c', posix=True)
lex.quotes = '|'
print(list(lex))
lex = shlex.shlex('a^ b "c^"d"', posix=True)
lex.escape = '^'
print(list(lex))

print('--- errors / error_leader')
for text in ['"open', "'open", 'esc\\']:
    lex = shlex.shlex(text, posix=True)
    show('posix %r' % text, lambda: list(lex))
lex = shlex.shlex('"open')
show('compat "open', lambda: list(lex))
lex = shlex.shlex(io.StringIO('a\nb\nc'), infile='file.txt')
lex.get_token()
lex.get_token()
print(lex.error_leader(), lex.error_leader('other', 9), lex.infile)

print('--- sources')
with open('included', 'w') as f:
    f.write('inc1 inc2\n')
lex = shlex.shlex('before source included after', infile='main')
lex.source = 'source'
print(list(lex))
lex = shlex.shlex('x y')
lex.push_source('pushed source')
print(lex.infile, list(lex))
lex = shlex.shlex('', infile='main')
print(lex.sourcehook('"included"')[0])
lex.sourcehook('included')[1].close()

print('--- debug output')
for level in (1, 2, 3):
    lex = shlex.shlex('ab "c d" e#f\ng;h', posix=True, punctuation_chars=True)
    lex.debug = level
    lex.push_token('pre')
    print(list(lex))
lex = shlex.shlex('x "open', posix=True)
lex.debug = 2
show('debug eof in quotes', lambda: list(lex))
lex = shlex.shlex('x\\', posix=True)
lex.debug = 2
show('debug eof in escape', lambda: list(lex))
lex = shlex.shlex('a;b c')
lex.debug = 2
print(list(lex))

print('--- more edge cases')
show('quote bytes', lambda: shlex.quote(b'a b'))
show('quote empty bytes', lambda: shlex.quote(b''))
lex = shlex.shlex('a\nb;\nc', punctuation_chars=True)
print([(t, lex.lineno) for t in lex])
lex = shlex.shlex('word#comment\nnext', posix=False)
print(list(lex))
lex = shlex.shlex('"a b"c d', posix=False)
print(list(lex))
lex = shlex.shlex('a"b c"d e', posix=True)
print(list(lex), lex.state)
lex = shlex.shlex("'a\\'b'", posix=True)
lex.escapedquotes = '\'"'
print(list(lex))
lex = shlex.shlex('a b c')
lex.source = 'b'
show('source missing', lambda: list(lex))
