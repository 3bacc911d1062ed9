# memoryview.cast: formats, shapes, items of each format, and the errors.
import sys


def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


m = memoryview(b'abcdef')
print(m.cast('c').tolist(), m.cast('b').tolist(), m.cast('@B').format, m.cast('B', [6]).shape)
little = sys.byteorder == 'little'
h = m.cast('H')
print(len(h), h.itemsize, h.nbytes, h.format, h.shape, h.strides, h.tobytes())
print(h[0] == (25185 if little else 24930), h[0:1].tolist() == [h[0]], h.cast('B').tobytes())
print(memoryview(b'\xff\xfe').cast('b').tolist(), memoryview(bytes(8)).cast('d').tolist())
print(memoryview(bytes(8)).cast('Q').tolist(), memoryview(bytes(8)).cast('L').itemsize, memoryview(bytes(8)).cast('?').tolist())
print(memoryview(bytes(8)).cast('e').tolist(), memoryview(bytes(8)).cast('n').tolist(), memoryview(bytes(8)).cast('q').nbytes)
one = (1.0).hex()
f = memoryview(bytearray(8)).cast('f')
f[0] = 1.5
f[1] = -2
print(f.tolist(), len(f))
d = memoryview(bytearray(16)).cast('d')
d[0] = 0.1
d[1] = float('inf')
print(d.tolist(), d[0] == 0.1)
e = memoryview(bytearray(6)).cast('e')
e[0] = 1.0
e[1] = -0.5
e[2] = 65504.0
print(e.tolist())
q = memoryview(bytearray(16)).cast('Q')
q[0] = 2 ** 64 - 1
q[1] = 12345
print(q.tolist())
s = memoryview(bytearray(8)).cast('i')
s[0] = -(2 ** 31)
s[1] = 2 ** 31 - 1
print(s.tolist(), s[-1])
b = memoryview(bytearray(3)).cast('?')
b[0] = 2
b[1] = []
b[2] = 'x'
print(b.tolist())
c = memoryview(bytearray(b'abc')).cast('c')
c[0] = b'Z'
print(c.tolist(), c.obj)

# shapes
g = m.cast('B', (2, 3))
print(g.ndim, g.shape, g.strides, g.tolist(), g.tobytes(), len(g), g.nbytes, g[1, 2], g[-1, -3])
print(g.c_contiguous, g.f_contiguous, g.contiguous, g.cast('B').tolist(), g.cast('c').shape)
print(memoryview(bytes(24)).cast('B', [2, 3, 4]).cast('I', [6]).shape if False else memoryview(bytes(24)).cast('B', [2, 3, 4]).shape)
t('nd item', lambda: g[0])
t('nd tuple slice', lambda: g[0:1, 0:1])
t('nd short tuple', lambda: g[(1,)])
t('nd long tuple', lambda: g[1, 2, 3])
t('nd bounds', lambda: g[2, 0])
t('nd bounds 2', lambda: g[0, 3])
t('nd iter', lambda: list(g))
t('nd eq', lambda: g == memoryview(b'abcdef').cast('B', [2, 3]))
t('nd ne', lambda: g == m)
t('nd to nd', lambda: g.cast('B', [3, 2]))
t('nd set', lambda: memoryview(bytearray(4)).cast('B', [2, 2]).__setitem__((1, 1), 9))

# equality across formats compares values
print(h == m, m.cast('c') == m, memoryview(b'\x01\x00').cast('H') == memoryview(b'\x01\x00\x00\x00').cast('I'))
nan = memoryview(bytearray(8)).cast('d')
nan[0] = float('nan')
print(nan == nan, nan == memoryview(nan.tobytes()).cast('d'), m.cast('b') == m)

t('bad format', lambda: m.cast('x'))
t('not multiple', lambda: m.cast('I'))
t('byte order', lambda: m.cast('<B'))
t('two chars', lambda: m.cast('BB'))
t('non-byte to non-byte', lambda: m.cast('H').cast('I'))
t('strided', lambda: m[::2].cast('B'))
t('format int', lambda: m.cast(5))
t('shape int', lambda: memoryview(b'ab').cast('B', 3))
t('shape product', lambda: memoryview(b'ab').cast('B', (3,)))
t('shape zero', lambda: memoryview(b'ab').cast('B', (0, 2)))
t('shape str', lambda: memoryview(b'ab').cast('B', ('a',)))
t('empty shape', lambda: memoryview(b'').cast('B', (1,)))
t('no args', lambda: m.cast())
t('hash H', lambda: hash(memoryview(b'abcd').cast('H')))
t('hash c', lambda: hash(memoryview(b'ab').cast('c')) == hash(b'ab'))
t('set H big', lambda: memoryview(bytearray(b'abcd')).cast('H').__setitem__(0, 70000))
t('set b big', lambda: memoryview(bytearray(b'abcd')).cast('b').__setitem__(0, 200))
t('set d str', lambda: memoryview(bytearray(8)).cast('d').__setitem__(0, 'x'))
t('set c int', lambda: c.__setitem__(0, 1))
t('set c long', lambda: c.__setitem__(0, b'ZZ'))
t('set Q neg', lambda: q.__setitem__(0, -1))
t('set Q big', lambda: q.__setitem__(0, 2 ** 64))
t('set H slice from bytes', lambda: memoryview(bytearray(4)).cast('H').__setitem__(slice(0, 2), b'ab'))
t('set H slice from H', lambda: memoryview(bytearray(4)).cast('H').__setitem__(slice(0, 2), memoryview(b'abcd').cast('H')))

# bytes leaves == with a view to the view; bytearray compares raw bytes
hh = memoryview(b'abcd').cast('H')
print(b'abcd' == hh, bytearray(b'abcd') == hh, hh == b'abcd', hh == bytearray(b'abcd'), b'abcd' != hh)
print(bytearray(b'ab') < memoryview(b'b'), memoryview(b'b') > bytearray(b'ab'))
t('bytes < view', lambda: b'ab' < memoryview(b'b'))
t('view > bytes', lambda: memoryview(b'b') > b'ab')
