# glob: patterns over a small tree made in the scratch directory; results
# are sorted (their order is os.scandir's).
import glob
import os

os.makedirs('tree/a/b/c')
os.makedirs('tree/a/d')
os.makedirs('tree/.hid/x')
os.makedirs('tree/e[1]')
for name in ['tree/f.txt', 'tree/g.py', 'tree/a/h.txt', 'tree/a/b/i.txt',
             'tree/a/b/c/j.py', 'tree/.dot.txt', 'tree/.hid/x/k.txt',
             'tree/e[1]/m.txt', 'tree/a/d/n.txt', 'tree/q?.txt']:
    with open(name, 'w') as f:
        f.write(name)
os.symlink('a/b', 'tree/lnk')
os.symlink('missing', 'tree/broken')


def show(*args, **kw):
    res = glob.glob(*args, **kw)
    print(args, kw, sorted(res))


show('tree/*')
show('tree/*.txt')
show('tree/?.py')
show('tree/[fg].*')
show('tree/[!f]*')
show('tree/*/*.txt')
show('tree/*/')
show('tree/a')
show('tree/a/')
show('tree/nothere')
show('tree/nothere/')
show('tree/broken')
show('tree/f.txt/')
show('tree/*/b')
show('')
show('tree/**', recursive=True)
show('tree/**/', recursive=True)
show('tree/**/*.py', recursive=True)
show('tree/**/*.txt', recursive=True, include_hidden=True)
show('tree/**', recursive=False)
show('tree/.*')
show('tree/*', include_hidden=True)
show('tree/a/**/c', recursive=True)
show('**', root_dir='tree/a', recursive=True)
show('**/*.txt', root_dir='tree', recursive=True)
show('*', root_dir='tree/a')
show('*', root_dir='tree/nothere')
show('b/*', root_dir='tree/a')
show('tree/lnk/*')
show('tree/' + glob.escape('e[1]') + '/*')
show('tree/e[1]/*')
show('tree/' + glob.escape('q?.txt'))
show(b'tree/*.txt')
show(b'tree/**/*.py', recursive=True)
show('**/j.py', recursive=True)
show('tree/a/*/', root_dir='.')
show('', root_dir='tree')
show('**', root_dir='nothere', recursive=True)

print(sorted(glob.iglob('tree/a/*')))
it = glob.iglob('tree/*.py')
print(iter(it) is it, next(it), list(it))

print(glob.has_magic('abc'), glob.has_magic('a*c'), glob.has_magic('a?'),
      glob.has_magic('a[b'), glob.has_magic(b'x*'), glob.has_magic(b'xy'))
print(glob.escape('a*b?c[d]e'), glob.escape(b'a*b'), glob.escape('//?/c:/x'))
print(glob.escape('plain'), glob.escape(''))

# dir_fd: the pattern is relative to an open directory
fd = os.open('tree', os.O_RDONLY)
try:
    print(sorted(glob.glob('*.txt', dir_fd=fd)))
    print(sorted(glob.glob('a/*', dir_fd=fd)))
    print(sorted(glob.glob('**/*.py', dir_fd=fd, recursive=True)))
    print(sorted(glob.glob('g.py', dir_fd=fd)), glob.glob('zz', dir_fd=fd))
finally:
    os.close(fd)

# a path-like pattern and root_dir
class P:
    def __init__(self, p):
        self.p = p

    def __fspath__(self):
        return self.p


print(sorted(glob.glob('*.txt', root_dir=P('tree'))))

for bad in [3, None, P('tree')]:
    try:
        glob.glob(bad)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    glob.glob('*', 'x')
except TypeError as e:
    print(type(e).__name__, e)
print(glob.__all__ if hasattr(glob, '__all__') else None)

# translate: whole-path regexes
import re
for p in ['*.txt', 'a/**/b', '**', 'a/*/c?', '[ab]/x', 'a/**', '**/x',
          'a//b', '.x/*', 'a**b*c', '?x', '**/**/y', 'x/**/**', '[!a-c]z*',
          'a[', 'a.b+c', '', '*/']:
    for r in (False, True):
        for h in (False, True):
            print(repr(p), r, h, glob.translate(p, recursive=r, include_hidden=h))
print(glob.translate('a*\\b', seps='/\\'))
print(glob.translate('a*\\b/**', seps='\\', recursive=True))
rx = re.compile(glob.translate('a/**/*.py', recursive=True))
print([bool(rx.match(s)) for s in ['a/b/c/d.py', 'a/d.py', 'a/.b/d.py', 'b/d.py']])
