import bz2, io, os
data = b''.join(b'line %d\n' % i for i in range(3000))
with bz2.open('t.bz2', 'wb') as f:
    print(f.write(data[:1000]), f.tell(), f.mode, f.name, f.writable(), f.readable(), f.seekable())
    for fn in [lambda: f.read(), lambda: f.seek(0), lambda: f.peek(), lambda: f.readline(), lambda: f.fileno() > 0]:
        try: print(repr(fn()))
        except Exception as e: print(type(e).__name__, e)
    f.write(memoryview(data[1000:]))
    print(f.tell())
f = bz2.BZ2File('t.bz2')
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
with open('t.bz2', 'ab') as g:
    g.write(bz2.compress(b'second stream\n'))
with bz2.open('t.bz2', 'rt') as t:
    print(len(t.read()))
with open('t.bz2', 'ab') as g: g.write(b'garbage')
print(len(bz2.open('t.bz2').read()))
with open('t.bz2', 'ab') as g: g.write(b'BZh')
print(len(bz2.open('t.bz2').read()))
print(len(bz2.decompress(open('t.bz2','rb').read())))
with open('t2.bz2', 'wb') as g: g.write(bz2.compress(data)[:-10])
try: bz2.open('t2.bz2').read()
except Exception as e: print(type(e).__name__, e)
try: bz2.decompress(bz2.compress(data)[:-10])
except Exception as e: print(type(e).__name__, e)
bio = io.BytesIO()
with bz2.BZ2File(bio, 'w', compresslevel=1) as f: f.write(b'abc')
print(bio.closed, bz2.decompress(bio.getvalue()))
try: bz2.BZ2File(bio, 'w', compresslevel=0)
except Exception as e: print(type(e).__name__, e)
try: bz2.BZ2File(io.BytesIO(), 'r').name
except Exception as e: print(type(e).__name__, e)
os.remove('t.bz2'); os.remove('t2.bz2')
with bz2.open('t3.bz2', 'wt', encoding='utf-8') as t:
    t.write('h\u00e9llo\nw\u00f6rld\n')
with bz2.open('t3.bz2', 'rt', encoding='utf-8') as t:
    print(t.readline(), t.read())
with bz2.open('t3.bz2', 'rb') as f:
    print(list(f))
with bz2.BZ2File('t3.bz2', 'a') as f:
    f.writelines([b'one\n', b'two\n'])
with bz2.BZ2File('t3.bz2') as f:
    print([l for l in f])
import pathlib
with bz2.BZ2File(pathlib.Path('t3.bz2'), 'x' if False else 'w') as f:
    f.write(b'path')
print(bz2.BZ2File(pathlib.Path('t3.bz2')).read())
try: bz2.BZ2File('t3.bz2', 'x')
except FileExistsError as e: print('FileExistsError', e.errno)
os.remove('t3.bz2')
