# tempfile: properties of what it makes (never the random names or the
# temporary directory themselves, which vary).
import os
import stat
import tempfile
import threading

here = os.getcwd()
tmp = tempfile.gettempdir()
print(type(tmp).__name__, os.path.isabs(tmp), os.path.isdir(tmp))
print(tempfile.gettempdirb() == os.fsencode(tmp), tempfile.gettempprefix(),
      tempfile.gettempprefixb(), tempfile.TMP_MAX, tempfile.template)


def perms(path):
    return oct(stat.S_IMODE(os.stat(path).st_mode))


# mkstemp
fd, name = tempfile.mkstemp()
print(type(fd).__name__, os.path.dirname(name) == tmp,
      os.path.basename(name).startswith('tmp'), len(os.path.basename(name)),
      perms(name))
os.write(fd, b'data')
os.close(fd)
print(open(name).read())
os.unlink(name)
fd, name = tempfile.mkstemp(suffix='.txt', prefix='pre_', dir='.')
os.close(fd)
base = os.path.basename(name)
print(os.path.dirname(name) == here, base.startswith('pre_'), base.endswith('.txt'),
      len(base), os.path.isabs(name))
os.unlink(name)
fd, name = tempfile.mkstemp(prefix=b'b_', dir=b'.')
os.close(fd)
print(type(name).__name__, os.path.basename(name).startswith(b'b_'))
os.unlink(name)
fd, name = tempfile.mkstemp(text=True, dir=here)
os.close(fd)
os.unlink(name)
for args in [dict(prefix=b'x', suffix='y'), dict(dir=b'.', prefix='p'),
             dict(suffix=b'.s', dir='.')]:
    try:
        tempfile.mkstemp(**args)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    tempfile.mkstemp(dir='no/such/dir')
except FileNotFoundError as e:
    print(type(e).__name__, e.errno, os.path.dirname(e.filename) == os.path.join(here, 'no/such/dir'))

# mkdtemp
d = tempfile.mkdtemp()
print(os.path.dirname(d) == tmp, os.path.isdir(d), perms(d))
os.rmdir(d)
d = tempfile.mkdtemp(suffix='_s', prefix='p_', dir='.')
print(os.path.dirname(d) == here, os.path.basename(d)[:2], d.endswith('_s'))
os.rmdir(d)
d = tempfile.mkdtemp(dir=b'.')
print(type(d).__name__)
os.rmdir(d)

# mktemp
name = tempfile.mktemp()
print(os.path.dirname(name) == tmp, os.path.exists(name))
name = tempfile.mktemp('.x', 'mk', '.')
print(name.startswith('./mk'), name.endswith('.x'), len(name))

# names are unique
names = set()
for _ in range(50):
    fd, n = tempfile.mkstemp(dir='.')
    os.close(fd)
    names.add(n)
print(len(names), sorted(set(len(os.path.basename(n)) for n in names)))
for n in names:
    os.unlink(n)

# from several threads at once
made = []
lock = threading.Lock()


def worker():
    for _ in range(20):
        fd, n = tempfile.mkstemp(dir='.', prefix='thr')
        os.close(fd)
        with lock:
            made.append(n)


threads = [threading.Thread(target=worker) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(made), len(set(made)))
for n in made:
    os.unlink(n)

# TemporaryFile
with tempfile.TemporaryFile() as f:
    f.write(b'hello world')
    f.seek(0)
    print(f.read(), sorted(os.listdir('.')) == ['std_tempfile.py'] or sorted(os.listdir('.')))
f = tempfile.TemporaryFile(mode='w+', dir='.')
f.write('text\nlines\n')
f.seek(0)
print(f.readlines(), os.listdir('.'))
f.close()
print(f.closed)
try:
    tempfile.TemporaryFile(mode='rb', encoding='utf-8')
except ValueError as e:
    print(type(e).__name__, e)

# NamedTemporaryFile
with tempfile.NamedTemporaryFile(dir='.', suffix='.dat') as f:
    print(os.path.exists(f.name), os.path.dirname(f.name) == here,
          f.name.endswith('.dat'))
    f.write(b'abc')
    f.flush()
    print(open(f.name, 'rb').read())
    name = f.name
print(os.path.exists(name), f.closed)
f = tempfile.NamedTemporaryFile('w+', dir='.')
f.write('x')
name = f.name
f.close()
print(os.path.exists(name))
f = tempfile.NamedTemporaryFile(dir='.', delete=False)
f.close()
print(os.path.exists(f.name))
os.unlink(f.name)
with tempfile.NamedTemporaryFile(dir='.', delete_on_close=False) as f:
    f.write(b'kept')
    f.close()
    print(os.path.exists(f.name), open(f.name, 'rb').read())
print(os.path.exists(f.name))
f = tempfile.NamedTemporaryFile('w+', dir='.')
f.write('l1\nl2\n')
f.seek(0)
print(list(f), f.file.closed)
name = f.name
del f
print(os.path.exists(name))
with tempfile.NamedTemporaryFile(mode='w', prefix='np', dir='.') as f:
    print(os.path.basename(f.name).startswith('np'), f.write('zz'), repr(f).startswith('<tempfile._TemporaryFileWrapper object at '))
    print(f.closed, f.writable())
print(os.listdir('.'))

# SpooledTemporaryFile
s = tempfile.SpooledTemporaryFile(max_size=10)
print(s._rolled, s.name, s.mode, s.closed)
s.write(b'12345')
print(s._rolled, s.tell())
s.write(b'678901')
print(s._rolled, s.tell(), os.listdir('.'))
s.seek(0)
print(s.read())
s.close()
with tempfile.SpooledTemporaryFile() as s:
    s.write(b'x' * 100)
    print(s._rolled)
    s.seek(0)
    print(len(s.read()), s.readable(), s.writable(), s.seekable())
    s.seek(2)
    s.truncate()
    s.seek(0)
    print(s.read())
    s.writelines([b'ab\n', b'cd\n'])
    s.seek(0)
    print(s.readlines(), s.readline())
    s.seek(0)
    print(list(s))
    s.fileno()
    print(s._rolled)
    s.seek(0)
    print(s.read())
print(s.closed)
with tempfile.SpooledTemporaryFile(mode='w+') as s:
    s.write('héllo\n')
    print(s.tell(), s.encoding, s.errors, s.mode)
    s.seek(3)
    print(repr(s.read()), s.tell())
    s.seek(0)
    print(repr(s.read()))
    s.rollover()
    print(s._rolled, s.tell())
    s.seek(0)
    print(repr(s.read()))
s = tempfile.SpooledTemporaryFile(max_size=4, mode='w+', dir='.')
s.write('abcdef')
print(s._rolled)
s.seek(0)
print(s.read())
s.close()

# TemporaryDirectory
with tempfile.TemporaryDirectory() as d:
    print(type(d).__name__, os.path.dirname(d) == tmp, os.path.isdir(d))
    os.makedirs(os.path.join(d, 'a', 'b'))
    with open(os.path.join(d, 'a', 'b', 'f'), 'w') as f:
        f.write('x')
print(os.path.exists(d))
t = tempfile.TemporaryDirectory(prefix='td_', suffix='_x', dir='.')
print(os.path.basename(t.name).startswith('td_'), t.name.endswith('_x'),
      repr(t) == '<TemporaryDirectory %r>' % t.name)
t.cleanup()
print(os.path.exists(t.name))
t.cleanup()
t = tempfile.TemporaryDirectory(dir='.')
os.rmdir(t.name)
t.cleanup()
t = tempfile.TemporaryDirectory(dir='.', ignore_cleanup_errors=True)
t.cleanup()
with tempfile.TemporaryDirectory(dir='.', delete=False) as d:
    pass
print(os.path.isdir(d))
os.rmdir(d)
with tempfile.TemporaryDirectory(dir=b'.') as d:
    print(type(d).__name__)
print(tempfile.TemporaryDirectory[int], tempfile.SpooledTemporaryFile[str])

# tempfile.tempdir overrides the search
os.mkdir('mytmp')
saved = tempfile.tempdir
tempfile.tempdir = 'mytmp'
fd, name = tempfile.mkstemp()
os.close(fd)
print(tempfile.gettempdir(), name.startswith(os.path.join(here, 'mytmp')))
os.unlink(name)
tempfile.tempdir = saved
print(tempfile.gettempdir() == tmp)
print(sorted(os.listdir('.')))
print(sorted(tempfile.__all__))
