import bz2, hashlib
c = bz2.BZ2Compressor()
print(type(c).__name__, type(c).__module__, type(bz2.BZ2Decompressor()).__name__)
for f in [lambda: bz2.BZ2Compressor(0), lambda: bz2.BZ2Compressor(10), lambda: bz2.BZ2Compressor('x'), lambda: bz2.BZ2Compressor(compresslevel=3),
          lambda: bz2.BZ2Compressor(1,2), lambda: bz2.BZ2Decompressor(1), lambda: bz2.BZ2Decompressor(x=1),
          lambda: c.compress('s'), lambda: c.compress(), lambda: c.flush(1), lambda: bz2.decompress(b'xyz'), lambda: bz2.decompress(b'BZh9' + b'x'*20),
          lambda: bz2.decompress(bz2.compress(b'abc')[:-3]), lambda: bz2.BZ2Decompressor().decompress(b'abc', max_length='a'),
          lambda: bz2.BZ2Decompressor().decompress(data=b'', max_length=5),
          lambda: bz2.compress('abc'), lambda: bz2.decompress('abc'), lambda: bz2.BZ2File(3.5), lambda: bz2.BZ2File('x', 'q'),
          lambda: bz2.BZ2File('x', 'rt'), lambda: bz2.open('x', 'rbt'), lambda: bz2.open('x', 'rb', encoding='utf-8'),
          lambda: bz2.BZ2Compressor.__new__(bz2.BZ2Compressor, 11),
          ]:
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
c.compress(b'x'); c.flush()
for f in [lambda: c.compress(b'x'), lambda: c.flush()]:
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
d = bz2.BZ2Decompressor()
data = bz2.compress(b'hello world' * 1000)
print(d.eof, d.needs_input, d.unused_data)
r = d.decompress(data, 0); print(len(r), d.eof, d.needs_input)
r = d.decompress(b'', 10); print(len(r), d.eof, d.needs_input)
r = d.decompress(b"", 10990); print(len(r), d.eof, d.needs_input, d.unused_data)
pass
try: d.decompress(b'x')
except Exception as e: print(type(e).__name__, e)
d = bz2.BZ2Decompressor()
r = d.decompress(data + b'tail'); print(len(r), d.eof, d.needs_input, d.unused_data)
d = bz2.BZ2Decompressor()
r = d.decompress(data, 11000); print(len(r), d.eof, d.needs_input, d.unused_data)
d = bz2.BZ2Decompressor()
r = d.decompress(data[:-1], 11000); print(len(r), d.eof, d.needs_input, d.unused_data)
r = d.decompress(data[-1:], 11000); print(len(r), d.eof, d.needs_input, d.unused_data)
d = bz2.BZ2Decompressor()
r = d.decompress(data[:20], 5); print(len(r), d.eof, d.needs_input, d.unused_data)
print(d.__class__.__name__, hasattr(d, '__dict__'))
try: d.eof = 1
except Exception as e: print(type(e).__name__, e)
try: import pickle; pickle.dumps(d)
except Exception as e: print(type(e).__name__, e)
# round trips, levels, multi-stream, bytearray/memoryview input
data = bytes(range(256)) * 400 + b'tail' * 1000
for level in (1, 5, 9):
    c = bz2.compress(data, level)
    print(level, bz2.decompress(c) == data, hashlib.sha256(bz2.decompress(bytearray(c))).hexdigest()[:16])
print(len(bz2.decompress(bz2.compress(b'a') + bz2.compress(b'bc') + bz2.compress(b''))))
print(bz2.decompress(b''), bz2.compress(memoryview(b'xyz')) == bz2.compress(b'xyz'))
comp = bz2.BZ2Compressor(3)
out = b''.join(comp.compress(data[i:i + 777]) for i in range(0, len(data), 777)) + comp.flush()
print(bz2.decompress(out) == data)
# streaming decompression byte by byte and with max_length
d = bz2.BZ2Decompressor()
got = b''.join(d.decompress(out[i:i + 1]) for i in range(len(out)))
print(got == data, d.eof, d.needs_input)
d = bz2.BZ2Decompressor()
parts, feed = [], out
while not d.eof:
    chunk = d.decompress(feed, 1000)
    feed = b''
    parts.append(len(chunk))
print(len(parts), max(parts), sum(parts) == len(data))
