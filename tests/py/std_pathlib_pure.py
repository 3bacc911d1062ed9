# pathlib's pure paths: parsing, pieces, derived paths, comparison,
# matching and the error messages; no file system access.
from pathlib import PurePath, PurePosixPath, PureWindowsPath, Path
import os


def t(f):
    try:
        r = f()
    except Exception as e:
        print(type(e).__name__, e)
    else:
        print(repr(r))


P = PurePosixPath
W = PureWindowsPath

# construction, str, repr
for args in [(), ('',), ('a',), ('a', 'b'), ('a/b', 'c/d'), ('/a', 'b'),
             ('a', '/b', 'c'), ('a//b',), ('a/./b/.',), ('./a',), ('a/../b',),
             ('//a/b',), ('///a',), ('/',), ('a/',), ('.',), ('..',),
             ('a', '', 'b'), (P('x'), 'y'), (P('/x'), P('y'))]:
    p = P(*args)
    print(args, repr(p), str(p), p.parts, p.drive, p.root, p.anchor)
print(type(PurePath('a')).__name__, type(Path('a')).__name__)
print(P('a') / 'b' / 'c', 'x' / P('y'), P('a') / P('/b'), P('a').joinpath('b', 'c'))
print(os.fspath(P('a/b')), P('a/b').__bytes__(), os.fsencode(P('a/b')), str(P(P('q'))))


class Like:
    def __init__(self, p):
        self.p = p

    def __fspath__(self):
        return self.p


print(P(Like('l/m')), P('a') / Like('z'))
t(lambda: P(3))
t(lambda: P('a', 3))
t(lambda: P(b'a'))
t(lambda: P(Like(b'x')))
t(lambda: P(None))
t(lambda: P('a') / 3)
t(lambda: 3 / P('a'))
t(lambda: P('a') / None)
t(lambda: P('a').joinpath(3))

# name, suffix, stem
for s in ['a/b.txt', 'a/b.tar.gz', 'a/.bashrc', 'a/b.', 'a/b..c', '.a.b', 'a',
          '/', '.', '..', 'a/b/', 'x.y/z']:
    p = P(s)
    print(repr(s), repr(p.name), repr(p.suffix), p.suffixes, repr(p.stem))

# parent and parents
p = P('/a/b/c')
print(p.parent, p.parent.parent.parent, p.parent.parent.parent.parent)
print(list(p.parents), len(p.parents), p.parents[0], p.parents[-1], p.parents[1:])
print(p.parents[::-1], list(P('a/b').parents), P('.').parent, repr(p.parents))
print(P('/a') in p.parents, P('/x') in p.parents, p.parents.index(P('/a')))
t(lambda: p.parents[3])
t(lambda: p.parents[-4])
t(lambda: p.parents['a'])

# with_name / with_stem / with_suffix
print(P('a/b.txt').with_name('c.py'), P('a/b.txt').with_stem('d'),
      P('a/b.txt').with_suffix('.md'), P('a/b.txt').with_suffix(''),
      P('a/b').with_suffix('.x'), P('a/b.tar.gz').with_suffix('.bz2'),
      P('a/.rc').with_suffix('.x'), P('a/b').with_stem('c'))
t(lambda: P('.').with_name('x'))
t(lambda: P('/').with_name('x'))
t(lambda: P('a').with_name(''))
t(lambda: P('a').with_name('x/y'))
t(lambda: P('a').with_name('.'))
t(lambda: P('a').with_suffix('x'))
t(lambda: P('a').with_suffix('.'))
t(lambda: P('a').with_suffix('./'))
t(lambda: P('a').with_suffix(3))
t(lambda: P('.').with_suffix('.x'))
t(lambda: P('.').with_stem('x'))
t(lambda: P('a.txt').with_stem(''))

# relative_to / is_relative_to
print(P('/a/b/c').relative_to('/a'), P('/a/b').relative_to('/a/b'),
      P('a/b').relative_to(P('a')), P('a/b').relative_to('a/b/c', walk_up=True),
      P('a/b').relative_to('c/d', walk_up=True), P('/a/b').relative_to('/'))
t(lambda: P('a/b').relative_to('c'))
t(lambda: P('/a/b').relative_to('c'))
t(lambda: P('a/b').relative_to('/c', walk_up=True))
t(lambda: P('a/b').relative_to('..', walk_up=True))
t(lambda: P('a/b').relative_to('a/..', walk_up=True))
t(lambda: P('a').relative_to())
t(lambda: P('a').relative_to(3))
print(P('a/b').is_relative_to('a'), P('a/b').is_relative_to('b'),
      P('a/b').is_relative_to('a/b'), P('/a').is_relative_to('/'))
t(lambda: P('a').is_relative_to())

# absolute-ness, as_posix, as_uri
print(P('/a').is_absolute(), P('a').is_absolute(), P('//a').is_absolute(), P('').is_absolute())
print(P('/a b/c%d/é').as_uri(), P('/').as_uri(), P('//h/x').as_uri())
t(lambda: P('a').as_uri())
print(P('a/b').as_posix())

# equality, ordering, hashing
print(P('a/b') == P('a//b'), P('a') == P('A'), P('a') == 'a', P('a') != P('b'),
      P('a') == W('a'), hash(P('a/b')) == hash(P('a/./b')))
print(sorted([P('b'), P('a/c'), P('a'), P('/z'), P('a/b')]))
print(P('a') < P('b'), P('a/b') < P('a'), P('a') <= P('a'), P('b') > P('a'), P('b') >= P('c'))
t(lambda: P('a') < W('a'))
t(lambda: P('a') < 'a')
t(lambda: P('a') >= 3)
print(len({P('a'), P('a/'), P('./a'), P('b')}))

# match / full_match
for path, pat in [('a/b.py', '*.py'), ('a/b.py', 'b.py'), ('a/b.py', 'a/*.py'),
                  ('/a/b.py', '/*.py'), ('/a/b.py', '/a/*.py'), ('a/b.py', '*/*/*.py'),
                  ('a/b.PY', '*.py'), ('a/.hid', '*'), ('a/b/c', 'b/*'),
                  ('a/b/c', '**/c'), ('a/b', '[ab]/?')]:
    print(path, pat, P(path).match(pat), P(path).full_match(pat))
print(P('a/b.PY').match('*.py', case_sensitive=False),
      P('A/B').full_match('a/*', case_sensitive=False))
for path, pat in [('a/b/c.py', '**/*.py'), ('c.py', '**/*.py'), ('a/b/c.py', 'a/**'),
                  ('a', 'a/**'), ('a/b/c', '*/c'), ('x/a/b', '**/a/b'), ('/a/b', '/**')]:
    print(path, pat, P(path).full_match(pat))
t(lambda: P('a').match(''))
t(lambda: P('a').full_match(''))

# Windows paths (partial support)
for s in ['c:\\a\\b', 'c:/a/b', 'C:a', '\\a', '\\\\server\\share\\x', '//server/share',
          'a/b\\c', 'c:', '']:
    w = W(s)
    print(repr(s), repr(w), str(w), w.drive, repr(w.root), w.parts, w.is_absolute(), w.name)
print(W('c:/a', 'd:/b'), W('c:/a', '/b'), W('c:a', 'C:b'), W('c:a', 'd:b'))
print(W('C:/A') == W('c:/a'), hash(W('C:/A')) == hash(W('c:/a')), W('a') < W('B'))
print(W('c:/a/b.txt').with_suffix('.md'), W('c:/a/b').relative_to('C:/A'), W('c:/x').as_uri())
print(W('c:/a b').as_uri(), W('//s/sh/f').as_uri(), W('C:/A/B.PY').match('*.py'), W('a\\b').as_posix())
print(P(W('a\\b')), W(P('a/b')), list(W('c:/a/b').parents))
t(lambda: W('a').as_uri())
t(lambda: W('c:/a').with_name('d:'))
print(PurePath('a').parser is os.path, P('x').parser is os.path)
