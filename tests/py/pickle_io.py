# Files and the class API: dump/load on streams (several pickles in a row),
# Pickler/Unpickler subclasses (persistent ids, find_class), the memo,
# extension codes, Python 2 pickles and name mapping, PickleBuffer.
import pickle, copyreg, io

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return 'Point(%r, %r)' % (self.x, self.y)

# several pickles on one stream, each protocol, read back in order
f = io.BytesIO()
for proto in range(6):
    pickle.dump([proto, 'p%d' % proto, Point(proto, -proto)], f, proto)
pickle.dump(('end', {1, 2}), f)
f.seek(0)
for _ in range(7):
    print(pickle.load(f), f.tell())
try:
    pickle.load(f)
except EOFError as e:
    print('EOFError', e)

# a minimal file object: only read/readline (and write for dumping)
class Stream:
    def __init__(self, data=b''):
        self.data, self.pos, self.writes = data, 0, 0
    def write(self, b):
        self.data += bytes(b)
        self.writes += 1
    def read(self, n):
        out = self.data[self.pos:self.pos + n]
        self.pos += len(out)
        return out
    def readline(self):
        end = self.data.find(b'\n', self.pos)
        end = len(self.data) if end < 0 else end + 1
        out = self.data[self.pos:end]
        self.pos = end
        return out

s = Stream()
for proto in (0, 4):
    pickle.Pickler(s, proto).dump({'a': [1, 2.5], 'b': Point(1, 2)})
print(s.data)
print(pickle.load(s), pickle.load(s))

# persistent ids
class DB:
    rows = {'r1': Point(0, 0), 'r2': 'two'}

class PPickler(pickle.Pickler):
    def persistent_id(self, obj):
        for key, val in DB.rows.items():
            if obj is val:
                return ('row', key) if self.bin else key
        return None

class PUnpickler(pickle.Unpickler):
    def persistent_load(self, pid):
        key = pid[1] if isinstance(pid, tuple) else pid
        return DB.rows[key]

for proto in range(6):
    f = io.BytesIO()
    PPickler(f, proto).dump([DB.rows['r1'], DB.rows['r2'], 'other', DB.rows['r1']])
    print(proto, f.getvalue())
    f.seek(0)
    back = PUnpickler(f).load()
    print('  ', back, back[0] is DB.rows['r1'])

# a restricting find_class
class SafeUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        if module == 'builtins' and name in ('set', 'frozenset'):
            return super().find_class(module, name)
        raise pickle.UnpicklingError('global %s.%s is forbidden' % (module, name))

for data in (pickle.dumps({1, 2}, 2), pickle.dumps(Point(1, 2), 2), pickle.dumps(frozenset([3]), 0)):
    try:
        print(SafeUnpickler(io.BytesIO(data)).load())
    except pickle.UnpicklingError as e:
        print('UnpicklingError', e)

# the memo: shared across dump() calls until clear_memo()
f = io.BytesIO()
p = pickle.Pickler(f, 2)
shared = ['shared']
p.dump(shared)
p.dump(shared)
print(f.getvalue(), len(p.memo.copy()), sorted(v[0] for v in p.memo.copy().values()))
p.clear_memo()
p.dump(shared)
print(f.getvalue())
u = pickle.Unpickler(io.BytesIO(f.getvalue()))
a, b = u.load(), u.load()
print(a, b, a is b, len(u.memo.copy()))
p = pickle.Pickler(io.BytesIO(), 2)
p.fast = 1
p.dump([shared, shared])
print(p.fast, len(p.memo.copy()))

# fix_imports
for proto in (0, 2, 3):
    print(proto, pickle.dumps([range, str, ValueError], proto, fix_imports=False))
for data in (b'c__builtin__\nxrange\n.', b'c__builtin__\nunicode\n.', b'cexceptions\nValueError\n.',
             b'ccopy_reg\n_reconstructor\n.', b'cQueue\nQueue\n.', b'c__builtin__\nset\n.',
             b'\x80\x03c__builtin__\nset\n.'):
    try:
        print(pickle.loads(data).__qualname__)
    except Exception as e:
        print(type(e).__name__, e)
try:
    pickle.loads(b'c__builtin__\nxrange\n.', fix_imports=False)
except Exception as e:
    print(type(e).__name__, e)

# Python 2 pickles: STRING / BINSTRING / SHORT_BINSTRING and encodings, INST, OBJ
py2 = [b"S'abc'\np0\n.", b'S"a\\nb\\x41\\101\\\\\'q"\n.', b'T\x03\x00\x00\x00abc.', b'U\x03ab\xe9.',
       b"(lp0\nS'caf\\xe9'\np1\na.", b'(dp0\nS\'k\'\np1\nI1\nsS\'j\'\nL5L\ns.',
       b'(i__main__\nPoint\np0\n(dp1\nS\'x\'\nI1\nsS\'y\'\nI2\nsb.',
       b'(c__main__\nPoint\nI7\nI8\no.', b'I01\n.', b'I00\n.', b'F2.5\n.', b'(I1\nI2\nt.', b'N.']
for data in py2:
    for enc in ('ASCII', 'latin1', 'bytes'):
        try:
            print(enc, repr(pickle.loads(data, encoding=enc)))
        except Exception as e:
            print(enc, type(e).__name__, e)

# extension codes
copyreg.add_extension(__name__, 'Point', 1)
copyreg.add_extension('builtins', 'dict', 300)
copyreg.add_extension('builtins', 'complex', 70000)
try:
    for proto in (0, 1, 2, 4):
        data = pickle.dumps([Point, dict, complex, Point], proto)
        print(proto, data, pickle.loads(data))
    copyreg.clear_extension_cache()
    print(pickle.loads(b'\x80\x02\x82\x01\x83,\x01\x84p\x11\x01\x00\x87.'))
finally:
    copyreg.remove_extension(__name__, 'Point', 1)
    copyreg.remove_extension('builtins', 'dict', 300)
    copyreg.remove_extension('builtins', 'complex', 70000)

# protocol 5 buffers
ba = bytearray(b'abcdef')
for proto in (4, 5):
    for obj in (pickle.PickleBuffer(ba), pickle.PickleBuffer(b'ro')):
        try:
            data = pickle.dumps(obj, proto)
            back = pickle.loads(data)
            print(proto, data, type(back).__name__, bytes(back))
        except Exception as e:
            print(proto, type(e).__name__, e)
bufs = []
data = pickle.dumps([pickle.PickleBuffer(ba), pickle.PickleBuffer(b'ro'), 1], 5,
                    buffer_callback=bufs.append)
print(data, len(bufs))
back = pickle.loads(data, buffers=[b'X', bytearray(b'Y')])
print(bytes(back[0]), bytes(back[1]), type(back[0]).__name__, memoryview(back[1]).readonly)
for kw in ({}, {'buffers': []}):
    try:
        pickle.loads(data, **kw)
    except Exception as e:
        print(type(e).__name__, e)
data = pickle.dumps(pickle.PickleBuffer(ba), 5, buffer_callback=lambda b: True)
print(data)
pb = pickle.PickleBuffer(b'xyz')
print(bytes(pb.raw()), pb.raw().readonly)
pb.release()
try:
    pb.raw()
except ValueError as e:
    print('ValueError', e)
