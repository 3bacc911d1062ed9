# shutil: copies, trees, moves, removal, which, in the scratch directory.
import os
import shutil
import stat
import sys


def show(label, fn, *args, **kw):
    try:
        print(label, fn(*args, **kw))
    except Exception as e:
        print(label, type(e).__name__, e)


def tree(top):
    out = []
    for root, dirs, files in os.walk(top):
        dirs.sort()
        for d in dirs:
            p = os.path.join(root, d)
            out.append(p + ('@' if os.path.islink(p) else '/'))
        for f in sorted(files):
            p = os.path.join(root, f)
            if os.path.islink(p):
                out.append(p + '@' + os.readlink(p))
            else:
                with open(p) as fh:
                    out.append(p + '=' + fh.read())
    return sorted(out)


def write(path, text):
    with open(path, 'w') as f:
        f.write(text)


def mode(path):
    return oct(stat.S_IMODE(os.stat(path).st_mode))


write('a.txt', 'alpha')
os.chmod('a.txt', 0o640)
os.mkdir('d')

# copyfileobj
with open('a.txt', 'rb') as src, open('b.txt', 'wb') as dst:
    shutil.copyfileobj(src, dst, 2)
print(open('b.txt').read())
with open('a.txt', 'rb') as src, open('b2.txt', 'wb') as dst:
    src.read(2)
    shutil.copyfileobj(src, dst)
print(open('b2.txt').read())

# copyfile / copy / copy2 / copymode / copystat
show('copyfile', shutil.copyfile, 'a.txt', 'c.txt')
print(open('c.txt').read(), mode('c.txt') != '0o640' or 'same-mode?')
show('copymode', shutil.copymode, 'a.txt', 'c.txt')
print(mode('c.txt'))
os.utime('a.txt', (1000000000, 1200000000))
show('copystat', shutil.copystat, 'a.txt', 'b.txt')
print(int(os.stat('b.txt').st_mtime), mode('b.txt'))
show('copy', shutil.copy, 'a.txt', 'd')
print(mode('d/a.txt'), int(os.stat('d/a.txt').st_mtime) == 1200000000)
show('copy2', shutil.copy2, 'a.txt', 'd/e.txt')
print(mode('d/e.txt'), int(os.stat('d/e.txt').st_mtime))
for fn in (shutil.copyfile, shutil.copy, shutil.copy2):
    show(fn.__name__, fn, 'a.txt', 'a.txt')
    show(fn.__name__, fn, 'a.txt', './a.txt')
    show(fn.__name__, fn, 'nope', 'x')
show('copyfile', shutil.copyfile, 'a.txt', 'nodir/x')
show('copyfile', shutil.copyfile, 'a.txt', 'd')
show('copyfile', shutil.copyfile, 'd', 'x')
show('copymode', shutil.copymode, 'nope', 'a.txt')
show('copystat', shutil.copystat, 'nope', 'a.txt')
try:
    shutil.copyfile('a.txt', 'a.txt')
except shutil.SameFileError as e:
    print(isinstance(e, shutil.Error), isinstance(e, OSError), e.args)

# links
os.symlink('a.txt', 'lnk')
show('copyfile nofollow', shutil.copyfile, 'lnk', 'lnk2', follow_symlinks=False)
print(os.path.islink('lnk2'), os.readlink('lnk2'))
show('copy follow', shutil.copy, 'lnk', 'lnk3')
print(os.path.islink('lnk3'), open('lnk3').read())
show('copy2 nofollow', shutil.copy2, 'lnk', 'lnk4', follow_symlinks=False)
print(os.path.islink('lnk4'))
show('copymode links', shutil.copymode, 'lnk', 'lnk2', follow_symlinks=False)
show('copystat links', shutil.copystat, 'lnk', 'lnk2', follow_symlinks=False)

# copytree
os.makedirs('src/sub/deep')
write('src/one.txt', '1')
write('src/two.py', '2')
write('src/sub/three.txt', '3')
write('src/sub/deep/four.pyc', '4')
os.symlink('one.txt', 'src/link1')
os.symlink('sub', 'src/linkdir')
show('copytree', shutil.copytree, 'src', 'dst1')
print(tree('dst1'))
show('copytree symlinks', shutil.copytree, 'src', 'dst2', symlinks=True)
print(tree('dst2'))
show('copytree ignore', shutil.copytree, 'src', 'dst3',
     ignore=shutil.ignore_patterns('*.py', '*.pyc', 'link*'))
print(tree('dst3'))
seen = []


def ign(path, names):
    seen.append((path, sorted(names)))
    return {'sub'}


show('copytree ignore fn', shutil.copytree, 'src', 'dst4', ignore=ign)
print(seen, tree('dst4'))
show('copytree exists', shutil.copytree, 'src', 'dst4')
write('dst4/extra', 'x')
show('copytree exist_ok', shutil.copytree, 'src', 'dst4', dirs_exist_ok=True)
print(tree('dst4'))
show('copytree file', shutil.copytree, 'a.txt', 'x')
show('copytree missing', shutil.copytree, 'nope', 'x')
copied = []


def my_copy(s, d):
    copied.append((s, d))
    return shutil.copyfile(s, d)


show('copytree copy_function', shutil.copytree, 'src/sub', 'dst5', copy_function=my_copy)
print(sorted(copied))
os.makedirs('dang')
os.symlink('nowhere', 'dang/bad')
write('dang/ok', 'ok')
try:
    shutil.copytree('dang', 'dst6')
except shutil.Error as e:
    errs = e.args[0]
    print('Error', len(errs), [(s, d) for s, d, _ in errs], 'nowhere' in errs[0][2])
show('copytree dangling', shutil.copytree, 'dang', 'dst7', ignore_dangling_symlinks=True)
print(tree('dst7'))
print(shutil.ignore_patterns('*.py', 'a*')('/x', ['a.py', 'b', 'ab', 'c.py']) == {'ab', 'c.py', 'a.py'})

# rmtree


def h(func, path, exc):
    print('onexc', func.__name__, path, type(exc).__name__, exc)


def he(func, path, ei):
    print('onerror', func.__name__, path, ei[0].__name__, ei[1])


show('rmtree', shutil.rmtree, 'dst1')
print(os.path.exists('dst1'), os.path.exists('src/one.txt'))
os.makedirs('rm/a/b')
write('rm/a/b/f', 'f')
os.symlink(os.path.abspath('src'), 'rm/a/out')
shutil.rmtree('rm')
print(os.path.exists('rm'), sorted(os.listdir('src')))
for p in ['missing', 'a.txt', 'lnk', 'src/linkdir']:
    shutil.rmtree(p, onexc=h)
    show('rmtree', shutil.rmtree, p)
    shutil.rmtree(p, ignore_errors=True)
shutil.rmtree('missing', onerror=he)
shutil.rmtree('missing', onerror=he, onexc=h)
show('rmtree args', shutil.rmtree, 'x', 'y', 'z', 'w')
shutil.rmtree(b'dst2')
print(os.path.exists('dst2'))

# move
write('m1', 'move me')
show('move', shutil.move, 'm1', 'm2')
print(os.path.exists('m1'), open('m2').read())
show('move into dir', shutil.move, 'm2', 'd')
print(sorted(os.listdir('d')))
write('m3', 'again')
write('d/m3', 'there')
show('move exists', shutil.move, 'm3', 'd')
show('move dir', shutil.move, 'dst3', 'dst3moved')
print(tree('dst3moved'))
show('move into itself', shutil.move, 'dst3moved', 'dst3moved/inner')
show('move missing', shutil.move, 'nope', 'x')
show('move dir into dir', shutil.move, 'dst3moved', 'd')
print(sorted(os.listdir('d')))
show('move same', shutil.move, 'm3', 'm3')
print(os.path.exists('m3'))
os.mkdir('d/sl')
show('move trailing', shutil.move, 'dst4/', 'd/sl')
print(sorted(os.listdir('d/sl')))

# which
os.mkdir('bin')
write('bin/tool', '#!/bin/sh\n')
os.chmod('bin/tool', 0o755)
write('bin/plain', 'x')
os.chmod('bin/plain', 0o644)
print(shutil.which('tool', path='bin'), shutil.which('plain', path='bin'),
      shutil.which('nope', path='bin'), shutil.which('tool', path=''))
print(shutil.which('tool', path='nope' + os.pathsep + 'bin' + os.pathsep + 'bin'))
print(shutil.which('bin/tool'), shutil.which('./bin/tool'), shutil.which('bin/plain'))
print(shutil.which(b'tool', path='bin'), shutil.which('plain', mode=os.R_OK, path='bin'))
print(shutil.which('sh') is not None, shutil.which('surely-not-a-command-xyz'))
saved = os.environ['PATH']
os.environ['PATH'] = 'bin'
print(shutil.which('tool'))
os.environ['PATH'] = saved

# chown (as root in CI: to ourselves)
uid, gid = os.getuid(), os.getgid()
show('chown', shutil.chown, 'a.txt', uid, gid)
show('chown', shutil.chown, 'a.txt', user=uid)
show('chown', shutil.chown, 'a.txt', group=gid)
show('chown', shutil.chown, 'a.txt')
show('chown', shutil.chown, 'a.txt', user='no-such-user-zz')
show('chown', shutil.chown, 'a.txt', group='no-such-group-zz')
print(os.stat('a.txt').st_uid == uid, os.stat('a.txt').st_gid == gid)

# disk_usage, get_terminal_size
du = shutil.disk_usage('.')
print(type(du).__name__, du._fields, du.total > 0, du.total >= du.used, du.free <= du.total)
show('disk_usage', shutil.disk_usage, 'nope')
os.environ['COLUMNS'] = '100'
os.environ['LINES'] = '33'
print(shutil.get_terminal_size())
os.environ['COLUMNS'] = 'junk'
del os.environ['LINES']
print(shutil.get_terminal_size((7, 9)))

# the exceptions
print([c.__name__ for c in shutil.SameFileError.__mro__])
print([c.__name__ for c in shutil.SpecialFileError.__mro__])
e = shutil.Error([('a', 'b', 'c')])
print(e, repr(e), shutil.COPY_BUFSIZE)
show('copyfile args', shutil.copyfile, 'a.txt')
show('copy kw', shutil.copy, 'a.txt', 'z', follow=True)
