# zlib: one-shot and streaming (de)compression, checksums, errors.
import zlib


def show(f, *args, **kwargs):
    try:
        r = f(*args, **kwargs)
        print(repr(r) if not isinstance(r, bytes) or len(r) < 80 else ('bytes', len(r)))
    except Exception as e:
        print(type(e).__name__ + ':', e)


text = b'hello world, ' * 200 + bytes(range(256)) * 4
for level in (-1, 0, 1, 6, 9):
    c = zlib.compress(text, level)
    print(level, zlib.decompress(c) == text, len(c) < len(text) or level == 0)
for wbits in (9, 15, -9, -15, 25, 31, 47):
    c = zlib.compress(text, 6, wbits if wbits <= 31 else 31)
    print(wbits, zlib.decompress(c, wbits) == text, c[:2] if wbits > 0 and wbits < 16 else '')
print(zlib.compress(b'abc'), zlib.compress(b'', 9), zlib.compress(b'abc', wbits=-15))
print(zlib.decompress(zlib.compress(b'x'), bufsize=0), zlib.decompress(zlib.compress(text), bufsize=1) == text)
print(zlib.decompress(zlib.compress(b'tail') + b'junk after the end'))
print(zlib.decompress(bytearray(zlib.compress(b'from a bytearray'))))

show(zlib.compress, b'x', 99)
show(zlib.compress, b'x', 1, 99)
show(zlib.compress, 'x')
show(zlib.compress, b'x', level='a')
show(zlib.compress)
show(zlib.compress, b'', 1, 2, 3)
show(zlib.compress, data=b'')
show(zlib.decompress, b'xyz')
show(zlib.decompress, zlib.compress(text)[:-3])
show(zlib.decompress, b'')
show(zlib.decompress, zlib.compress(text), 99)
show(zlib.decompress, zlib.compress(text), 15, -1)
show(zlib.decompress, zlib.compress(text), wbits=-15)
show(zlib.decompress, 7)

# checksums
print(zlib.crc32(b'hello'), zlib.crc32(b'lo', zlib.crc32(b'hel')), zlib.crc32(b''), zlib.crc32(b'a', -1))
print(zlib.adler32(b'hello'), zlib.adler32(b'lo', zlib.adler32(b'hel')), zlib.adler32(b''), zlib.adler32(b'abc', 2**33 + 5))
show(zlib.crc32)
show(zlib.crc32, b'', 1, 2)
show(zlib.adler32, 'abc')
show(zlib.adler32, data=b'')

# streaming compression
co = zlib.compressobj(9, zlib.DEFLATED, -12, 9, zlib.Z_FILTERED)
parts = [co.compress(text[i:i + 1000]) for i in range(0, len(text), 1000)]
parts.append(co.flush())
print(zlib.decompress(b''.join(parts), -12) == text)
co = zlib.compressobj()
a = co.compress(b'first ')
b = co.flush(zlib.Z_SYNC_FLUSH)
print(b.endswith(b'\x00\x00\xff\xff'))
c2 = co.copy()
tail1 = co.compress(b'second') + co.flush()
tail2 = c2.compress(b'other') + c2.flush()
print(zlib.decompress(a + b + tail1), zlib.decompress(a + b + tail2))
show(co.compress, b'x')
show(co.flush)
show(co.copy)
show(co.flush, zlib.Z_NO_FLUSH)
co = zlib.compressobj()
show(co.compress)
show(co.compress, 'str')
show(co.flush, 'a')
show(co.copy, 1)
for strategy in (zlib.Z_DEFAULT_STRATEGY, zlib.Z_FILTERED, zlib.Z_HUFFMAN_ONLY, zlib.Z_RLE, zlib.Z_FIXED):
    co = zlib.compressobj(strategy=strategy)
    print(strategy, zlib.decompress(co.compress(text) + co.flush()) == text)
show(zlib.compressobj, 99)
show(zlib.compressobj, 1, 7)
show(zlib.compressobj, memLevel=0)
show(zlib.compressobj, zdict='abc')
show(zlib.compressobj, b'', 1, 2, 3, 4, 5, 6)
show(zlib.compressobj, data=b'')

# streaming decompression
comp = zlib.compress(text)
d = zlib.decompressobj()
out = b''.join(d.decompress(comp[i:i + 7]) for i in range(0, len(comp), 7)) + d.flush()
print(out == text, d.eof, d.unused_data, d.unconsumed_tail)
d = zlib.decompressobj()
first = d.decompress(comp, 100)
print(len(first), len(d.unconsumed_tail) > 0, d.eof)
pieces = [first]
while d.unconsumed_tail:
    pieces.append(d.decompress(d.unconsumed_tail, 100))
    assert len(pieces[-1]) <= 100
pieces.append(d.flush())
print(b''.join(pieces) == text, d.eof, len(pieces) > 10)
d = zlib.decompressobj()
print(d.decompress(zlib.compress(b'payload') + b'EXTRA'), d.unused_data, d.eof)
print(d.decompress(b'more'), d.unused_data)
d = zlib.decompressobj()
half = d.decompress(comp[:len(comp) // 2])
d2 = d.copy()
rest1 = d.decompress(comp[len(comp) // 2:])
rest2 = d2.decompress(comp[len(comp) // 2:])
print(half + rest1 == text, rest1 == rest2)
d.flush()
show(d.copy)
show(d.decompress, b'abc')
d = zlib.decompressobj()
show(d.decompress, comp, -1)
show(d.decompress, 'abc')
show(d.decompress)
show(d.decompress, b'', max_length=3)
show(d.flush, 0)
show(d.flush, -1)
show(zlib.decompressobj().decompress, b'garbage')
show(zlib.decompressobj, 99)
show(zlib.decompressobj, zdict='abc')
show(zlib.decompressobj, b'', 1, 2)

# preset dictionaries
zdict = b'hello world'
co = zlib.compressobj(zdict=zdict)
z = co.compress(b'hello world hello') + co.flush()
show(zlib.decompressobj().decompress, z)
show(zlib.decompressobj(zdict=zdict).decompress, z)
show(zlib.decompressobj(zdict=bytearray(zdict)).decompress, z)
show(zlib.decompress, z)
co = zlib.compressobj(wbits=-15, zdict=zdict)
z = co.compress(b'hello world!') + co.flush()
show(zlib.decompressobj(wbits=-15, zdict=zdict).decompress, z)

# gzip container
co = zlib.compressobj(wbits=31)
gz = co.compress(text) + co.flush()
print(gz[:3], zlib.decompress(gz, 31) == text, zlib.decompress(gz, 47) == text)

print(zlib.DEFLATED, zlib.DEF_BUF_SIZE, zlib.DEF_MEM_LEVEL, zlib.MAX_WBITS,
      zlib.Z_BEST_COMPRESSION, zlib.Z_BEST_SPEED, zlib.Z_BLOCK, zlib.Z_DEFAULT_COMPRESSION,
      zlib.Z_DEFAULT_STRATEGY, zlib.Z_FILTERED, zlib.Z_FINISH, zlib.Z_FIXED, zlib.Z_FULL_FLUSH,
      zlib.Z_HUFFMAN_ONLY, zlib.Z_NO_COMPRESSION, zlib.Z_NO_FLUSH, zlib.Z_PARTIAL_FLUSH,
      zlib.Z_RLE, zlib.Z_SYNC_FLUSH, zlib.Z_TREES)
print(type(zlib.ZLIB_VERSION), zlib.ZLIB_VERSION.count('.') >= 2, type(zlib.ZLIB_RUNTIME_VERSION))
print(zlib.error.__mro__, type(zlib.compressobj()), type(zlib.decompressobj()))
try:
    zlib.decompress(b'not zlib data')
except zlib.error as e:
    print('caught', e.args)
big = bytes(range(256)) * 2048
co = zlib.compressobj()
zbig = co.compress(big) + co.flush()
d = zlib.decompressobj()
print(d.decompress(zbig) == big, zlib.decompress(zbig) == big, zlib.compress(big) == zbig)
