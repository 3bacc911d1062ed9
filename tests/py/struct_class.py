# struct.Struct: a format compiled once; attributes, methods and errors,
# and the module functions' messages for each format character.
import struct

def t(f, *a, **k):
    try:
        r = f(*a, **k)
        print('ok', repr(r))
    except Exception as e:
        print(type(e).__name__, e)

s = struct.Struct('<ih')
print(repr(s), s.format, s.size, type(s.format).__name__)
print(repr(struct.Struct(b'>q')), struct.Struct(b'>q').format)
print(repr(struct.Struct(format='=2s')))
print(type(s).__name__, type(s).__module__, type(s).__qualname__, repr(type(s)))
print(s.pack(1, 2), s.unpack(b'\x01\x00\x00\x00\x02\x00'))
print(list(s.iter_unpack(bytes(12))))
print(list(s.iter_unpack(b'')))
it = s.iter_unpack(b'\x01\x00\x00\x00\x02\x00' * 2)
print(next(it), next(it))
t(next, it)
ba = bytearray(10)
s.pack_into(ba, 2, 5, 6)
print(ba)
s.pack_into(ba, -6, 7, 8)
print(ba)
print(s.unpack_from(ba, 2), s.unpack_from(ba, offset=2), s.unpack_from(buffer=ba), s.unpack_from(ba, -6))
mv = memoryview(ba)
s.pack_into(mv, 0, -1, -2)
print(ba, s.unpack_from(mv))
print(s.unpack(memoryview(b'\x01\x00\x00\x00\x02\x00')), s.unpack(bytearray(6)))

# errors from a Struct
t(s.pack, 1)
t(s.pack, 1, 2, 3)
t(s.pack, 'a', 2)
t(s.pack, 2**31, 2)
t(s.pack, 1, -2**15 - 1)
t(s.unpack, b'1')
t(s.unpack, 'abcdef')
t(s.pack_into, ba, 8, 1, 2)
t(s.pack_into, ba, -11, 1, 2)
t(s.pack_into, bytes(10), 0, 1, 2)
t(s.pack_into, memoryview(bytes(10)), 0, 1, 2)
t(s.pack_into, ba)
t(s.pack_into, ba, 'x', 1, 2)
t(s.unpack_from, ba, 8)
t(s.unpack_from, ba, -20)
t(s.unpack_from)
t(s.iter_unpack, b'123')
t(struct.Struct('').iter_unpack, b'')
t(struct.Struct, 'z')
t(struct.Struct, 3)
t(struct.Struct)
t(struct.Struct, '3')
try:
    s.format = 'x'
except AttributeError as e:
    print('AttributeError', e)
try:
    s.size = 3
except AttributeError as e:
    print('AttributeError', e)
print(isinstance(struct.error('x'), Exception), struct.error.__module__)

# sizes and alignment for each prefix
for fmt in ['b', 'B', '?', 'h', 'H', 'i', 'I', 'l', 'L', 'q', 'Q', 'e', 'f', 'd', 'n', 'N', 'P', 'c', 'x', '5s', '5p',
            'bi', 'bq', 'bd', 'hi', 'b3xi', 'ci', '0s', '0p', '2i3h', ' i  h ', 'bh0i']:
    row = [fmt]
    for pre in '@=<>!':
        try:
            row.append(struct.calcsize(pre + fmt))
        except struct.error as e:
            row.append(str(e))
    try:
        row.append(struct.Struct(fmt).size == struct.calcsize(fmt))
    except struct.error as e:
        row.append(str(e))
    print(*row)

# each code packed with each byte order
vals = {'b': -5, 'B': 250, '?': 7, 'h': -300, 'H': 65000, 'i': -70000, 'I': 4000000000, 'l': -2, 'L': 3,
        'q': -2**62, 'Q': 2**64 - 1, 'e': 1.5, 'f': -0.25, 'd': 1e300, 'c': b'z', 's': b'ab', 'p': b'ab'}
for c, v in vals.items():
    for pre in '<>=!':
        st = struct.Struct(pre + c)
        b = st.pack(v)
        print(pre + c, b, st.unpack(b))
for c in 'nNP':
    st = struct.Struct(c)
    print(c, st.unpack(st.pack(12345)))

# ranges
for c in 'bBhHiIlLqQnN':
    for pre in '<@':
        if pre == '<' and c in 'nN':
            continue
        t(struct.pack, pre + c, 2**70)
        t(struct.pack, pre + c, -2**70)
t(struct.pack, '<B', -1)
t(struct.pack, '<b', 128)
t(struct.pack, '<Q', -1)
t(struct.pack, '<q', 2**63)
t(struct.pack, '<i', 1.0)
t(struct.pack, '<i', '1')
t(struct.pack, '<d', 'x')
t(struct.pack, '<f', 1e300)
t(struct.pack, '<e', 65520.0)
t(struct.pack, '<e', 65504.0)
t(struct.pack, '<c', b'ab')
t(struct.pack, '<c', 'a')
t(struct.pack, '<s', 'a')
t(struct.pack, '<3s', b'abcdef')
t(struct.pack, '<3p', b'abcdef')
t(struct.pack, '<300p', b'a' * 299)
t(lambda: struct.unpack('<300p', struct.pack('<300p', b'a' * 299))[0][:3])
t(struct.pack, '<?', [])
t(struct.pack, '<?', [0])
t(struct.unpack, '<?', b'\x02')

# half floats: specials and rounding
for x in [0.0, -0.0, 1.0, 2.0 ** -24, 2.0 ** -25, 2.0 ** -26, 65504.0, 65519.0, float('inf'), float('-inf'),
          1.0009765625, 1.00048828125, 1.00146484375, 6.1e-05, 1e-08]:
    b = struct.pack('<e', x)
    print(x, b, struct.unpack('<e', b))
print(struct.unpack('<e', b'\x00\x7e'), struct.unpack('>e', b'\xfc\x00'))
print(struct.unpack('<d', struct.pack('<d', float('nan')))[0] != 0)

# bad formats
for fmt in ['z', '<z', '3', 'i3', '@@', 'i<', '<n', '>P', '=N', '99999999999999999999i']:
    t(struct.calcsize, fmt)
t(struct.calcsize, 3)
t(struct.pack)
t(struct.pack, 'i')
t(struct.pack_into, 'i', bytearray(4))
t(struct.unpack_from, 'i')
t(struct.unpack_from, 'i', b'\0\0\0\1', offset=0)
t(struct.unpack_from, 'i', b'\0\0\0\1\0', 1)
t(struct.iter_unpack, 'i', 5)
t(s.pack_into)
t(struct.pack_into, 'i')
t(struct.pack_into)
t(struct.unpack)
t(struct.calcsize)
t(struct.iter_unpack, 'i')
t(s.pack, x=1)
t(s.unpack)
t(s.iter_unpack)
t(s.unpack, b'', b'')

# more codes and conversions: __index__, negative P, ASCII formats, negative offsets
for fmt in ['3 i', 'i 3', '2x', '@bxi', '@?e', '@cP', '@hq', '=hq', '<5x', '@5xq', '@ib', '@ib0q', '10s', '10p', '0x', 'xq', '@x?l', '!Q', '>ihb', '3c', '2?', '3e']:
    t(struct.calcsize, fmt)
t(struct.pack, '3c', b'a', b'b', b'c')
t(struct.pack, 'c', bytearray(b'x'))
t(struct.pack, '2?', 0, 'x')
t(struct.unpack, '@P', struct.pack('@P', 2**64 - 1))
t(struct.pack, '@P', -1)
t(struct.pack, '@n', 2**63)
t(struct.pack, '@N', -1)
t(struct.pack, '<Q', 1.5)
t(struct.pack, '<i', True)
class I2:
    def __index__(self): return 7
t(struct.pack, '<i', I2())
t(struct.pack, '<d', I2())
t(struct.pack, '<f', 3)
t(struct.pack, '<?', None)
t(struct.pack, '5s', bytearray(b'ab'))
t(struct.pack, '5s', memoryview(b'ab'))
t(struct.unpack, '<h', bytearray(b'\x01\x02'))
t(struct.unpack, '<h', memoryview(b'\x01\x02\x03')[1:])
t(struct.unpack, '<3s', 'abc')
t(struct.pack, 'i' * 70, *range(70))
t(struct.calcsize, 'i' * 70)
t(struct.Struct('<' + 'h' * 100).unpack, bytes(200))
t(struct.pack, '\u00e9')
t(struct.calcsize, b'\xff')
t(struct.pack_into, '<i', bytearray(2), 0, 1)
t(struct.pack_into, '<i', bytearray(8), -9, 1)
t(struct.pack_into, '<i', bytearray(8), -3, 1)
t(struct.unpack_from, '<i', b'12345678', -3)
t(struct.unpack_from, '<i', b'12345678', 9)
