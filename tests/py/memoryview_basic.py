# memoryview over bytes, bytearray and other views: items, slices, attributes,
# comparison, hashing, release, exports, and bytes-like consumers.
import hashlib
import os


def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


m = memoryview(b'abcdef')
print(len(m), m[0], m[-1], m[1:4].tobytes(), m[::2].tobytes(), m[::-1].tolist(), m[5:10].tobytes())
print(m.readonly, m.nbytes, m.itemsize, m.format, m.ndim, m.shape, m.strides, m.suboffsets)
print(m.c_contiguous, m.f_contiguous, m.contiguous, m[::2].contiguous, m[::2].strides, m[::2].shape)
print(m.obj, m[1:].obj is m.obj, memoryview(m).obj, memoryview(m)[2:4].tobytes())
print(m.hex(), m.hex(':'), m.hex(':', 2), m.hex(':', -4), m[::2].hex('-'))
print(m.tobytes('C'), m.tobytes(None), m.tobytes(order='A'), m.tolist(), list(m[:2]), list(reversed(m[:3])))
print(97 in m, 120 in m, bool(memoryview(b'')), m.toreadonly().readonly, m[1:3][0], m[::2][::-1].tobytes())
print(type(m).__name__, memoryview.__name__, str(m).startswith('<memory at 0x'))

t('key str', lambda: m['a'])
t('key float', lambda: m[1.0])
t('key ellipsis', lambda: m[...])
t('key empty tuple', lambda: m[()])
t('key pair', lambda: m[1, 2])
t('index 10', lambda: m[10])
t('index -7', lambda: m[-7])
t('index huge', lambda: m[2 ** 70])
t('step 0', lambda: m[::0])
t('set readonly', lambda: m.__setitem__(0, 1))
t('del readonly', lambda: m.__delitem__(0))
t('new int', lambda: memoryview(5))
t('new str', lambda: memoryview('abc'))
t('new none', lambda: memoryview())
t('new two', lambda: memoryview(b'a', b'b'))
t('new kw', lambda: memoryview(object=b'x').tobytes())
t('order', lambda: m.tobytes('X'))
t('hash', lambda: hash(memoryview(b'ab')) == hash(b'ab'))
t('hash slice', lambda: hash(m[::2]) == hash(b'ace'))
t('hash writable', lambda: hash(memoryview(bytearray(b'a'))))
t('lt', lambda: m < m)
t('no add', lambda: m + b'x')
print(m == b'abcdef', m == bytearray(b'abcdef'), m == 'abcdef', m == memoryview(b'abcdef'), m != b'x')
print(m[::2] == b'ace', memoryview(bytearray(b'ace')) == m[::2], b'abcdef' == m, m == [97])

# writable views of a bytearray
ba = bytearray(b'hello')
mv = memoryview(ba)
print(mv.readonly, mv.obj is ba)
mv[0] = 72
mv[-1] = ord('O')
mv[1:3] = b'EL'
mv[1:4:2] = bytearray(b'xy')
print(ba, mv.tobytes())
t('set 256', lambda: mv.__setitem__(0, 256))
t('set -1', lambda: mv.__setitem__(0, -1))
t('set str', lambda: mv.__setitem__(0, 'a'))
t('set bytes', lambda: mv.__setitem__(0, b'a'))
t('set float', lambda: mv.__setitem__(0, 1.0))
t('set slice len', lambda: mv.__setitem__(slice(0, 2), b'zzz'))
t('set slice int', lambda: mv.__setitem__(slice(0, 2), 5))
t('set key', lambda: mv.__setitem__('a', 1))
t('set index', lambda: mv.__setitem__(9, 1))
t('del', lambda: mv.__delitem__(0))

# exports block resizing
for name, op in [('append', lambda b: b.append(1)), ('extend', lambda b: b.extend(b'x')),
                 ('extend empty', lambda b: b.extend(b'')), ('pop', lambda b: b.pop()),
                 ('clear', lambda b: b.clear()), ('insert', lambda b: b.insert(0, 1)),
                 ('remove', lambda b: b.remove(ba[0])), ('remove missing', lambda b: b.remove(0)),
                 ('iadd', lambda b: b.__iadd__(b'x')), ('iadd empty', lambda b: b.__iadd__(b'')),
                 ('imul 2', lambda b: b.__imul__(2)), ('imul 1', lambda b: b.__imul__(1)),
                 ('imul 0', lambda b: b.__imul__(0)), ('same-size slice', lambda b: b.__setitem__(slice(0, 2), b'AB')),
                 ('grow slice', lambda b: b.__setitem__(slice(0, 2), b'ABC')), ('del item', lambda b: b.__delitem__(0)),
                 ('del empty slice', lambda b: b.__delitem__(slice(0, 0))),
                 ('del ext slice', lambda b: b.__delitem__(slice(0, 4, 2))), ('reverse', lambda b: b.reverse())]:
    t(name, lambda: op(ba))
print(ba)
view2 = mv[1:]
mv.release()
t('still exported', lambda: ba.append(33))
view2.release()
ba.append(33)
print(ba)

# released views
r = memoryview(bytearray(b'xyz'))
r.release()
r.release()
for name in ['tobytes', 'tolist', 'hex', 'toreadonly', '__enter__']:
    t(name, getattr(r, name))
for name in ['obj', 'nbytes', 'readonly', 'itemsize', 'format', 'ndim', 'shape', 'strides']:
    t(name, lambda: getattr(r, name))
t('len', lambda: len(r))
t('item', lambda: r[0])
t('setitem', lambda: r.__setitem__(0, 1))
t('bytes', lambda: bytes(r))
t('cast', lambda: r.cast('B'))
t('iter', lambda: list(r))
t('eq self', lambda: r == r)
t('eq other', lambda: r == b'xyz')
t('hash', lambda: hash(r))
t('join', lambda: b''.join([r]))
t('new', lambda: memoryview(r))
h = memoryview(b'cached')
hv = hash(h)
h.release()
print(hash(h) == hv)
with memoryview(b'ctx') as w:
    print(w.tobytes())
t('after with', lambda: w.tobytes())

# consumers of bytes-like objects
v = memoryview(b'0123456789')[2:6]
print(bytes(v), bytearray(v), b'-'.join([v, memoryview(b'ab')]), b'x' + v, bytearray(b'y') + v)
print(b'012'.startswith(memoryview(b'01')), b'abc'.find(memoryview(b'c')), memoryview(b'b') in b'abc')
print(hashlib.sha256(memoryview(b'abc')).hexdigest()[:16], hashlib.md5(v).hexdigest()[:8])
print(bytes(memoryview(b'abc')[::-1]), bytearray(memoryview(bytearray(b'q'))), b'abc'.replace(memoryview(b'b'), b'B'))
ba2 = bytearray(b'..')
ba2[0:1] = memoryview(b'XYZ')
ba2 += memoryview(b'!')
print(ba2, b'%s' % memoryview(b'fmt'))
rfd, wfd = os.pipe()
print(os.write(wfd, memoryview(b'pipe data')[:4]))
os.close(wfd)
print(os.read(rfd, 100))
os.close(rfd)
with open('mv.bin', 'wb') as f:
    print(f.write(memoryview(b'file bytes')))
with open('mv.bin', 'rb') as f:
    print(f.read())
os.remove('mv.bin')
