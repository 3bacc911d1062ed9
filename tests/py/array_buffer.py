# array.array exports its items: memoryview, bytes(), bytearray(), struct,
# file write/readinto, tofile/fromfile, BytesIO; no resize while exported.
import array, struct, io, os
a = array.array('i', [1, 2, 3])
m = memoryview(a)
print(m.format, m.itemsize, m.nbytes, len(m), m.tolist(), m[1], m.readonly)
m[0] = 10
print(a)
for f in [lambda: a.append(4), lambda: a.extend([1]), lambda: a.pop(), lambda: a.insert(0, 1), lambda: a.remove(2), lambda: a.__delitem__(0), lambda: a.frombytes(b'1234'), lambda: a.fromlist([1]), lambda: a.__imul__(2), lambda: a.__iadd__(array.array('i', [1]))]:
    try: f(); print('ok')
    except BufferError as e: print('BufferError', e)
a[0] = 7; a.reverse(); a[0:1] = array.array('i', [9]); print(a)
m.release()
a.append(4); print(a)
print(bytes(array.array('h', [1, 2])), bytearray(array.array('B', [1, 2])))
b = array.array('B', bytes(8))
struct.pack_into('<i', b, 2, -2); print(b)
d = array.array('d', [0.0, 0.0])
struct.pack_into('d', d, 8, 2.5); print(d)
print(struct.unpack('<2h', array.array('h', [5, 6])))
print(memoryview(array.array('d', [1.5, 2.5])).cast('B').tolist()[:8])
print(b'x' + bytes(array.array('b', [65])), b'abc'.startswith(array.array('B', b'ab')))
with open('arr.bin', 'wb') as f:
    print(f.write(array.array('i', [1, 2, 3])))
    array.array('h', [7, 8]).tofile(f)
with open('arr.bin', 'rb') as f:
    r = array.array('i')
    r.fromfile(f, 3)
    r2 = array.array('h'); r2.fromfile(f, 2)
    print(r, r2)
    try: r2.fromfile(f, 1)
    except EOFError as e: print('EOFError', e)
with open('arr.bin', 'rb') as f:
    z = array.array('i', [0, 0])
    print(f.readinto(z), z)
bio = io.BytesIO(b'\x01\x00\x02\x00')
z = array.array('h', [0, 0]); print(bio.readinto(z), z)
bio = io.BytesIO(); bio.write(array.array('h', [3])); print(bio.getvalue())
os.remove('arr.bin')
u = array.array('w', 'héllo😀')
print(u, u.tounicode(), len(u), u.itemsize, memoryview(u).format, u.tobytes()[:8])
print(array.array('w', u[::-1]))
# a view of a code-point array reaches the bytes, not the items
m = memoryview(array.array('w', 'ab'))
print(m.format, m.itemsize, len(m))
for f in [lambda: m[0], lambda: m.tolist(), lambda: m.tobytes(), lambda: m.cast('B')[0], lambda: m.__setitem__(0, 'x')]:
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
