# io.BytesIO: reading, writing, seeking, truncating, buffers and the errors CPython gives.
import io


def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


b = io.BytesIO(b'hello\nworld\n\nlast')
print(b.read(3), b.tell(), b.read1(2), b.readline(), b.readline(2))
print(b.readlines())
print(b.read(), b.tell())
b.seek(0)
print(list(b))
print(b.seek(-3, 2), b.read())
print(b.seek(2, 0), b.seek(1, 1), b.read(2))
print(b.seek(-100, 1), b.tell())

w = io.BytesIO()
print(w.write(b'abc'), w.write(bytearray(b'def')), w.write(memoryview(b'ghi')), w.write(b''))
print(w.getvalue(), w.tell())
w.seek(1)
w.write(b'XY')
print(w.getvalue(), w.tell())
w.seek(12)
print(w.write(b''), w.getvalue())
print(w.write(b'!'), w.getvalue())
w.writelines([b'1', bytearray(b'2'), memoryview(b'3')])
print(w.getvalue())
print(w.truncate(4), w.tell(), w.getvalue())
w.seek(2)
print(w.truncate(), w.getvalue(), w.truncate(10), w.getvalue())

r = io.BytesIO(b'abcdef')
buf = bytearray(4)
print(r.readinto(buf), buf)
mv = memoryview(bytearray(10))
print(r.readinto(mv), mv.tobytes())
print(r.readinto(bytearray(3)))
t('readinto bytes', lambda: io.BytesIO(b'ab').readinto(b'xx'))
t('readinto ro view', lambda: io.BytesIO(b'ab').readinto(memoryview(b'xx')))
t('readinto strided', lambda: io.BytesIO(b'ab').readinto(memoryview(bytearray(5))[::2]))

print(io.BytesIO(b'a\nb\nc').readlines(1), io.BytesIO(b'a\nb\nc').readlines(3), io.BytesIO(b'a\nb').readlines(None))
print(io.BytesIO(b'abc').read(None), io.BytesIO(b'abc').read(-5), io.BytesIO().readline(None))
print(io.BytesIO(None).getvalue(), io.BytesIO(initial_bytes=b'kw').getvalue())
print(io.BytesIO(bytearray(b'ba')).read(), io.BytesIO(memoryview(b'mv')[1:]).read())

t('write str', lambda: io.BytesIO().write('x'))
t('write int', lambda: io.BytesIO().write(5))
t('writelines str', lambda: io.BytesIO().writelines([b'a', 'b']))
t('seek -1', lambda: io.BytesIO().seek(-1))
t('whence 3', lambda: io.BytesIO().seek(0, 3))
t('seek str', lambda: io.BytesIO().seek('a'))
t('seek float', lambda: io.BytesIO().seek(1.5))
t('seek big', lambda: io.BytesIO().seek(2 ** 70))
t('whence big', lambda: io.BytesIO().seek(0, 2 ** 70))
t('read str', lambda: io.BytesIO().read('a'))
t('truncate -1', lambda: io.BytesIO().truncate(-1))
t('truncate str', lambda: io.BytesIO().truncate('a'))
t('init str', lambda: io.BytesIO('abc'))
t('init int', lambda: io.BytesIO(5))
t('init 2 args', lambda: io.BytesIO(b'x', 1))
t('fileno', lambda: io.BytesIO().fileno())
t('detach', lambda: io.BytesIO().detach())
print(io.BytesIO().readable(), io.BytesIO().writable(), io.BytesIO().seekable(), io.BytesIO().isatty(),
      io.BytesIO().flush())

# getbuffer: a writable view; while it lives the stream cannot change size
g = io.BytesIO(b'abc')
m = g.getbuffer()
print(type(m).__name__, m.readonly, len(m), m[0], m.tobytes())
m[0] = ord('z')
print(g.getvalue())
t('write exported', lambda: g.write(b'q'))
t('truncate exported', lambda: g.truncate(0))
t('close exported', lambda: g.close())
print(g.seek(10), g.read(), g.closed)
m.release()
print(g.write(b'Q'), g.getvalue())
with g.getbuffer() as m2:
    print(bytes(m2[:3]))
g.truncate(0)
print(g.getvalue())

# closed streams
c = io.BytesIO(b'data')
c.close()
c.close()
print(c.closed)
for name in ['read', 'read1', 'readline', 'readlines', 'getvalue', 'getbuffer', 'tell', 'truncate',
             'readable', 'writable', 'seekable', 'flush', 'isatty', '__enter__', '__next__']:
    t(name, getattr(c, name))
t('write', lambda: c.write(b'x'))
t('writelines', lambda: c.writelines([b'x']))
t('seek', lambda: c.seek(0))
t('readinto', lambda: c.readinto(bytearray(2)))
print(iter(c) is c)

with io.BytesIO(b'ctx') as f:
    print(f.read(), f.closed)
print(f.closed)
print(type(io.BytesIO()).__name__, io.BytesIO.__name__)
