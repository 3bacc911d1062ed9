# tarfile over bz2 and xz: every mode string, auto-detection, stream modes,
# bad data; zipfile ZIP_BZIP2 and ZIP_LZMA round trips.
import io, os, tarfile, zipfile, hashlib

files = {'a.txt': b'alpha\n' * 100, 'dir/b.bin': bytes(range(256)) * 50, 'empty': b''}

def build(mode, **kw):
    bio = io.BytesIO()
    with tarfile.open(fileobj=bio, mode=mode, **kw) as t:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 1700000000
            t.addfile(info, io.BytesIO(data))
    return bio.getvalue()

def check(blob, mode):
    with tarfile.open(fileobj=io.BytesIO(blob), mode=mode) as t:
        names, ok = [], True
        for m in t:        # in order: the stream modes cannot seek back
            names.append(m.name)
            ok = ok and t.extractfile(m).read() == files[m.name]
        return names, ok

for w, kw in [('w:bz2', {}), ('w:bz2', {'compresslevel': 1}), ('w:xz', {}), ('w:xz', {'preset': 1}),
              ('w|bz2', {}), ('w|xz', {}), ('w:gz', {}), ('w', {})]:
    blob = build(w, **kw)
    kind = w[2:] or 'tar'
    print(w, kw, blob[:3] if kind != 'tar' else b'', check(blob, 'r'), check(blob, 'r:*'), check(blob, 'r|*'))
    if kind not in ('tar',):
        print('  explicit', check(blob, 'r:' + kind.lstrip('|:')), check(blob, 'r|' + kind.lstrip('|:')))

for mode in ('r:bz2', 'r:xz', 'r|bz2', 'r|xz'):
    try:
        tarfile.open(fileobj=io.BytesIO(b'not compressed at all' * 50), mode=mode)
    except tarfile.TarError as e:
        print(mode, type(e).__name__, e)
blob = build('w:gz')
for mode in ('r:bz2', 'r:xz'):
    try:
        tarfile.open(fileobj=io.BytesIO(blob), mode=mode)
    except tarfile.TarError as e:
        print(mode, type(e).__name__, e)
try:
    tarfile.open(fileobj=io.BytesIO(b'\0garbage' * 10), mode='r')
except tarfile.ReadError as e:
    print(str(e).splitlines()[0])

# on disk, named by suffix
for name in ('t.tar.bz2', 't.tar.xz'):
    with tarfile.open(name, 'w:' + ('bz2' if name.endswith('bz2') else 'xz')) as t:
        t.add(__file__, arcname='self.py')
    with tarfile.open(name) as t:
        print(name, t.getnames(), t.extractfile('self.py').read() == open(__file__, 'rb').read())
    os.remove(name)
try:
    tarfile.open('nope.tar.bz2', 'a:bz2')
except Exception as e:
    print(type(e).__name__, e)

# zipfile with bz2 and lzma members
data = b''.join(b'row %d\n' % i for i in range(5000))
for method in (zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
    bio = io.BytesIO()
    with zipfile.ZipFile(bio, 'w', compression=method) as z:
        z.writestr('x.txt', data)
        z.writestr('small', b'hi')
        with z.open('streamed', 'w') as f:
            f.write(data[:1000])
    with zipfile.ZipFile(io.BytesIO(bio.getvalue())) as z:
        print(method, [(i.filename, i.compress_type, i.file_size) for i in z.infolist()],
              z.read('x.txt') == data, z.read('small'), z.read('streamed') == data[:1000], z.testzip())
        with z.open('x.txt') as f:
            f.seek(20000)
            print(f.read(12), hashlib.md5(z.read('x.txt')).hexdigest()[:10])
with zipfile.ZipFile(io.BytesIO(), 'w') as z:
    z.writestr('lvl', data, compress_type=zipfile.ZIP_BZIP2, compresslevel=1)
    print(z.getinfo('lvl').compress_type)
