# pathlib.Path: file system operations in the scratch directory; only
# relative paths are printed.
import os
from pathlib import Path, PosixPath, WindowsPath, UnsupportedOperation


def t(f):
    try:
        r = f()
    except Exception as e:
        print(type(e).__name__, e)
    else:
        print(repr(r))


here = os.getcwd()
print(Path.cwd() == Path(here), Path.cwd().is_absolute(), type(Path.cwd()).__name__)
print(Path.home() == Path(os.path.expanduser('~')), Path('~/x').expanduser() == Path.home() / 'x')
print(Path('a/~').expanduser(), Path('/~').expanduser())
t(lambda: Path('~no-such-user-zz/x').expanduser())
t(lambda: WindowsPath('a'))
print(issubclass(UnsupportedOperation, NotImplementedError))

# mkdir, touch, write/read
root = Path('work')
root.mkdir()
t(lambda: root.mkdir())
root.mkdir(exist_ok=True)
t(lambda: Path('work/x/y').mkdir())
Path('work/x/y').mkdir(parents=True)
Path('work/x/y').mkdir(parents=True, exist_ok=True)
f = root / 'f.txt'
print(f.write_text('hello\nworld\n'), f.read_text(), f.read_bytes())
print((root / 'b.bin').write_bytes(b'\x00\x01'), (root / 'b.bin').read_bytes())
print((root / 'b.bin').write_bytes(bytearray(b'xy')), (root / 'b.bin').read_bytes())
t(lambda: f.write_text(b'x'))
t(lambda: f.write_bytes('x'))
t(lambda: Path('work/x').write_text('a'))
t(lambda: Path('missing.txt').read_text())
print(Path('work/n.txt').write_text('line\r\nx', newline=''), repr(Path('work/n.txt').read_text(newline='')))
print(repr(Path('work/n.txt').read_text()))
with f.open() as fh:
    print(fh.readline().rstrip())
with f.open('a') as fh:
    fh.write('more\n')
print(f.read_text().splitlines())
g = root / 'g.txt'
g.touch()
print(g.exists(), g.read_bytes())
g.touch()
t(lambda: g.touch(exist_ok=False))
(root / 'h.txt').touch(mode=0o600, exist_ok=False)
print(oct((root / 'h.txt').stat().st_mode & 0o777))

# queries
for p in ['work', 'work/f.txt', 'missing', 'work/x/y']:
    q = Path(p)
    print(p, q.exists(), q.is_dir(), q.is_file(), q.is_symlink(), q.is_fifo(),
          q.is_socket(), q.is_block_device(), q.is_char_device(), q.is_mount(),
          q.is_junction())
print(Path('/').is_mount(), Path('/dev/null').is_char_device())
print(f.stat().st_size, f.lstat().st_size, f.stat().st_size == os.stat('work/f.txt').st_size)
t(lambda: Path('missing').stat())
t(lambda: Path('missing').lstat())
print(f.samefile('work/f.txt'), f.samefile(Path('work/./f.txt')), f.samefile('work/g.txt'))
t(lambda: f.samefile('missing'))
t(lambda: Path('missing').samefile('work/f.txt'))
print(Path('work/f.txt\x00').exists(), Path('work/f.txt\x00').is_file())

# links
link = root / 'lnk'
link.symlink_to('f.txt')
print(link.is_symlink(), link.is_file(), link.readlink(), type(link.readlink()).__name__)
print(link.exists(follow_symlinks=False), link.is_file(follow_symlinks=False))
dangling = root / 'dangling'
dangling.symlink_to('nowhere')
print(dangling.exists(), dangling.exists(follow_symlinks=False), dangling.is_symlink())
(root / 'dirlink').symlink_to('x', target_is_directory=True)
print((root / 'dirlink').is_dir(), (root / 'dirlink').is_dir(follow_symlinks=False))
hard = root / 'hard'
hard.hardlink_to(f)
print(hard.samefile(f), hard.stat().st_nlink)
t(lambda: f.readlink())
t(lambda: link.symlink_to('f.txt'))
print(f.stat(follow_symlinks=False).st_size == f.stat().st_size,
      link.stat(follow_symlinks=False).st_size == link.lstat().st_size)

# chmod
f.chmod(0o640)
print(oct(f.stat().st_mode & 0o777))
link.chmod(0o600)
print(oct(f.stat().st_mode & 0o777))

# iterdir, glob, rglob, walk
print(sorted(root.iterdir()))
print(sorted(str(p) for p in Path('work/x').iterdir()))
t(lambda: Path('missing').iterdir())
os.chdir('work')
print(sorted(Path('.').iterdir()), sorted(Path().iterdir()) == sorted(Path('.').iterdir()))
os.chdir(here)
Path('tree/a/b').mkdir(parents=True)
Path('tree/.h').mkdir()
for name in ['tree/f.py', 'tree/.x', 'tree/a/g.py', 'tree/a/b/h.txt', 'tree/.h/i.py', 'tree/A.PY']:
    Path(name).touch()
Path('tree/la').symlink_to('a')


def g(p, *a, **k):
    try:
        print(a, k, sorted(str(x) for x in p.glob(*a, **k)))
    except Exception as e:
        print(a, k, type(e).__name__, e)


T = Path('tree')
for pat in ['*', '*.py', '**', '**/', '**/*.py', 'a/**', '*/', '*/*', 'a/b/h.txt',
            'nope/h', 'f.py/', 'a/b/', '**/**/h.txt', '**/b/**', './f.py', '*/*/',
            'la/*', 'la/**', 'a/../f.py', '[fg]*', '?.py', 'F.PY', 'A.PY']:
    g(T, pat)
g(T, '**', recurse_symlinks=True)
g(T, '*.py', case_sensitive=False)
g(T, 'a/G.PY', case_sensitive=False)
g(T, '')
g(T, '.')
g(T, '/abs')
g(Path('.'), 'tree/a/*')
g(Path(''), 'tr*')
g(Path('nope'), '*')
g(Path('nope'), '**')
g(T, Path('a/*'))
print(sorted(str(x) for x in T.rglob('*.py')))
print(sorted(str(x) for x in T.rglob('*/')))
print(sorted(str(x) for x in T.rglob('b')))
t(lambda: T.glob(3))
walked = []
for top, dirs, files in T.walk():
    dirs.sort()
    walked.append((str(top), dirs, sorted(files)))
print(walked)
print(sorted((str(a), sorted(b), sorted(c)) for a, b, c in T.walk(top_down=False)))
print(sorted((str(a), sorted(b), sorted(c)) for a, b, c in T.walk(follow_symlinks=True)))
errs = []
print(list(Path('nope').walk(on_error=errs.append)), [type(e).__name__ for e in errs])
pruned = []
for top, dirs, files in T.walk():
    dirs[:] = [d for d in dirs if d != 'a']
    pruned.append(str(top))
print(sorted(pruned))

# rename, replace, unlink, rmdir
src = Path('work/ren.txt')
src.write_text('r')
dst = src.rename('work/ren2.txt')
print(repr(dst), src.exists(), dst.read_text())
Path('work/other.txt').write_text('o')
dst2 = Path('work/other.txt').replace(dst)
print(repr(dst2), dst.read_text(), Path('work/other.txt').exists())
print(repr(Path('work/ren2.txt').rename(Path('work/ren3.txt'))))
t(lambda: Path('work/none').rename('work/none2'))
Path('work/ren3.txt').unlink()
t(lambda: Path('work/ren3.txt').unlink())
Path('work/ren3.txt').unlink(missing_ok=True)
Path('work/x/y').rmdir()
t(lambda: Path('work/x/y').rmdir())
t(lambda: Path('work').rmdir())

# absolute, resolve
print(Path('a/b').absolute() == Path(here, 'a/b'), Path('/x').absolute(),
      Path().absolute() == Path(here), Path('a/../b').absolute() == Path(here) / 'a/../b')
print(Path('work/lnk').resolve() == Path(here, 'work/f.txt'),
      Path('work/x/../f.txt').resolve().relative_to(here),
      Path('missing/..').resolve().relative_to(here),
      Path('.').resolve() == Path(here))
try:
    Path('missing').resolve(strict=True)
except FileNotFoundError as e:
    print(type(e).__name__, e.errno)
print(Path('missing').resolve() == Path(here, 'missing'))

# as_uri and from_uri round trip
print(Path('/tmp/a b').as_uri(), Path.from_uri('file:///tmp/a%20b'),
      Path.from_uri('file://localhost/etc'), Path.from_uri('file:/x/y'))
t(lambda: Path.from_uri('http://x/y'))
t(lambda: Path.from_uri('file:rel'))

# owner and group: root in CI, ourselves anywhere
print(Path('work/f.txt').owner() == Path('work').owner(),
      type(Path('work').group()).__name__)
print(type(Path('x')).__name__, isinstance(Path('x'), PosixPath), repr(Path('a') / 'b'))
print(Path('work/f.txt').with_suffix('.md'), type(Path('a').parent).__name__,
      type(Path('a/b').relative_to('a')).__name__, [type(x).__name__ for x in Path('a/b').parents])
