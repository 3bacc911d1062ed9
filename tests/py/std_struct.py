import struct

def t(f, *a):
    try:
        print(repr(f(*a)))
    except struct.error as e:
        print('error', e)
    except (TypeError, OverflowError) as e:
        print(type(e).__name__, e)

print(struct.error.__name__, struct.error.__module__, issubclass(struct.error, Exception))
for fmt in ['', 'b', 'h', 'i', 'l', 'q', 'n', 'P', 'bh', 'bi', 'bq', 'hbi', '<bq', '>bhq', '=l', '!L',
            '3s', '10p', 'xxi', '5h', '0i', '?e', 'fd', 'c', '2x', 'b0h', '@ci', 'i i', 'z', '<n', '>P', '3']:
    t(struct.calcsize, fmt)
t(struct.pack, 'b', 200)
t(struct.pack, 'B', -1)
t(struct.pack, 'h', 40000)
t(struct.pack, 'H', -1)
t(struct.pack, 'i', 2**31)
t(struct.pack, 'I', -1)
t(struct.pack, 'q', 2**63)
t(struct.pack, 'Q', 2**64)
t(struct.pack, '<l', 2**31)
t(struct.pack, '<L', 2**32)
t(struct.pack, 'b', 'x')
t(struct.pack, 'c', 1)
t(struct.pack, 'f', 'x')
t(struct.pack, 's', 1)
t(struct.pack, 'hh', 1)
t(struct.pack, 'h', 1, 2)
for fmt, vals in [('b', (-128,)), ('B', (255,)), ('<h', (-2,)), ('>h', (-2,)), ('<H', (65535,)),
                  ('<i', (-123456,)), ('>I', (4000000000,)), ('<q', (-2**63,)), ('>Q', (2**64 - 1,)),
                  ('<Q', (2**63 + 5,)), ('>q', (2**63 - 1,)), ('@bi', (1, 2)), ('@hq', (-1, 7)),
                  ('=bi', (1, 2)), ('<f', (1.5,)), ('>d', (-0.1,)), ('<e', (1.0,)), ('>e', (65504.0,)),
                  ('<e', (-0.0,)), ('<e', (5.960464477539063e-08,)), ('<e', (0.333,)),
                  ('<d', (3,)), ('??', (0, [1])), ('c', (b'z',)), ('3s', (b'abcdef',)), ('5s', (b'ab',)),
                  ('5p', (b'abcdefg',)), ('4p', (b'ab',)), ('xbx', (9,)), ('2b', (1, 2)), ('<N', (3,)),
                  ('n', (-5,)), ('N', (5,)), ('0s', (b'abc',)), ('s', (bytearray(b'q'),))]:
    try:
        b = struct.pack(fmt, *vals)
        print(fmt, vals, b, struct.unpack(fmt, b))
    except struct.error as e:
        print(fmt, 'error', e)
t(struct.pack, '<e', 1e6)
t(struct.pack, '<f', 1e300)
t(struct.unpack, 'i', b'abc')
t(struct.unpack, '<i', b'abcd')
t(struct.unpack, '<h', bytearray(b'\x01\x02'))
t(struct.unpack, '>e', b'\x7c\x00')
t(struct.unpack, '>e', b'\xfc\x00')
t(struct.unpack, '>e', b'\x00\x01')
t(struct.unpack, '<2h', b'\x01\x00\x02\x00')
t(struct.unpack, 'q', 5)
t(struct.unpack_from, '<h', b'\x00\x01\x02\x03', 1)
t(struct.unpack_from, '<h', b'\x00\x01\x02\x03')
t(struct.unpack_from, '<h', b'\x00\x01\x02\x03', -2)
t(struct.unpack_from, '<h', b'\x00\x01\x02\x03', 3)
t(struct.unpack_from, '<h', b'\x00\x01\x02\x03', 10)
t(struct.unpack_from, '<h', b'\x00\x01\x02\x03', -10)
ba = bytearray(8)
t(struct.pack_into, '<hh', ba, 2, 1, -1)
print(ba)
t(struct.pack_into, '<h', ba, -2, 258)
print(ba)
t(struct.pack_into, '<i', ba, 6, 1)
t(struct.pack_into, '<i', ba, 20, 1)
t(struct.pack_into, '<i', ba, -20, 1)
t(struct.pack_into, '<i', ba, 0)
print(list(struct.iter_unpack('<h', b'\x01\x00\x02\x00\x03\x00')))
print(list(struct.iter_unpack('<bb', b'')))
t(struct.iter_unpack, '<h', b'abc')
t(struct.iter_unpack, '', b'abc')
print(struct.pack(b'<h', 1), struct.calcsize(b'ii'))
print(struct.unpack('<3s3p', b'abc\x01xy'))
