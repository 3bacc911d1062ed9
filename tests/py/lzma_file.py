import lzma, io, os
data = b''.join(b'line %d\n' % i for i in range(3000))
with lzma.open('t.lzma', 'wb') as f:
    print(f.write(data[:1000]), f.tell(), f.mode, f.name, f.writable(), f.readable(), f.seekable())
    for fn in [lambda: f.read(), lambda: f.seek(0), lambda: f.peek(), lambda: f.readline(), lambda: f.fileno() > 0]:
        try: print(repr(fn()))
        except Exception as e: print(type(e).__name__, e)
    f.write(memoryview(data[1000:]))
    print(f.tell())
f = lzma.LZMAFile('t.lzma')
print(f.mode, f.name, f.readable(), f.seekable(), f.tell(), f.peek()[:10], len(f.peek()), len(f.peek(100000)))
print(f.read(5), f.readline(), f.readline(3), f.tell(), len(f.read1()), len(f.read1(10)), len(f.read1(100000)), f.tell())
for args in [(0, 5), (-5,), (10, 1), (-3, 2), (5, 2), (100000,), (-100, 1), ('a',), (1.5,)]:
    try: print(args, f.seek(*args), f.tell())
    except Exception as e: print(args, type(e).__name__, e)
f.seek(0)
print(len(list(f)), f.tell(), f.read(), f.read(10), f.readline())
f.seek(0); print(len(f.readlines()), f.tell()); f.seek(0); print(len(f.readlines(100)))
f.seek(0); b = bytearray(10); print(f.readinto(b), b)
for fn in [lambda: f.write(b'x'), lambda: f.readline(1.5), lambda: f.readline(None), lambda: f.readlines(None), lambda: f.read(None)[:3]]:
    try: print(repr(fn()))
    except Exception as e: print(type(e).__name__, e)
f.close(); f.close()
print(f.closed, f.mode)
for fn in [lambda: f.read(), lambda: f.seek(0), lambda: f.tell(), lambda: f.name, lambda: f.readable(), lambda: iter(f), lambda: f.fileno(), lambda: f.peek(), lambda: f.readline(), lambda: f.seekable(), lambda: f.write(b'')]:
    try: print(repr(fn()))
    except Exception as e: print(type(e).__name__, e)
with open('t.lzma', 'ab') as g:
    g.write(lzma.compress(b'second stream\n'))
with lzma.open('t.lzma', 'rt') as t:
    print(len(t.read()))
with open('t.lzma', 'ab') as g: g.write(b'garbage')
print(len(lzma.open('t.lzma').read()))
with open('t.lzma', 'ab') as g: g.write(b'BZh')
print(len(lzma.open('t.lzma').read()))
print(len(lzma.decompress(open('t.lzma','rb').read())))
with open('t2.lzma', 'wb') as g: g.write(lzma.compress(data)[:-10])
try: lzma.open('t2.lzma').read()
except Exception as e: print(type(e).__name__, e)
try: lzma.decompress(lzma.compress(data)[:-10])
except Exception as e: print(type(e).__name__, e)
bio = io.BytesIO()
with lzma.LZMAFile(bio, 'w', preset=1) as f: f.write(b'abc')
print(bio.closed, lzma.decompress(bio.getvalue()))
try: lzma.LZMAFile(io.BytesIO(), 'r').name
except Exception as e: print(type(e).__name__, e)
os.remove('t.lzma'); os.remove('t2.lzma')
for kw in [dict(mode='r', check=1), dict(mode='r', preset=1), dict(mode='z')]:
    try: lzma.LZMAFile(io.BytesIO(), **kw)
    except Exception as e: print(type(e).__name__, e)
raw = [{'id': lzma.FILTER_DELTA, 'dist': 2}, {'id': lzma.FILTER_LZMA2, 'preset': 1 | lzma.PRESET_EXTREME}]
bio = io.BytesIO()
with lzma.LZMAFile(bio, 'w', format=lzma.FORMAT_RAW, filters=raw) as f: f.write(b'raw data ' * 100)
bio.seek(0)
with lzma.LZMAFile(bio, format=lzma.FORMAT_RAW, filters=raw) as f: print(len(f.read()))
bio = io.BytesIO()
with lzma.open(bio, 'wt', format=lzma.FORMAT_ALONE, encoding='utf-8') as f: print(f.write('héllo\n' * 10))
bio.seek(0)
with lzma.open(bio, 'rt', encoding='utf-8') as f: print(f.readline(), len(f.read()))
for fmt in (lzma.FORMAT_XZ, lzma.FORMAT_ALONE):
    for chk in (lzma.CHECK_NONE, lzma.CHECK_CRC32, lzma.CHECK_CRC64, lzma.CHECK_SHA256):
        if fmt == lzma.FORMAT_ALONE and chk != lzma.CHECK_NONE: continue
        c = lzma.compress(b'abc' * 1000, format=fmt, check=chk)
        d = lzma.LZMADecompressor(); print(fmt, chk, len(d.decompress(c)), d.check, d.eof)
