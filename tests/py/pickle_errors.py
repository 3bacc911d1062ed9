# Error types and messages: unpicklable objects (local, lambda, renamed,
# unimportable), malformed __reduce__ values and __getnewargs(_ex)__,
# bad protocol numbers, and every truncation of a set of pickles.
import pickle, copyreg, io, sys, threading, re

def report(fn):
    try:
        r = fn()
        print('  ok', r if not isinstance(r, bytes) or len(r) < 120 else len(r))
    except Exception as e:
        print('  %s: %s' % (type(e).__name__, re.sub(' at 0x[0-9a-f]+', '', str(e))))

def make_local():
    class Local:
        pass
    def local_func():
        pass
    return Local, local_func

Local, local_func = make_local()

class Renamed:
    pass
Renamed.__qualname__ = 'NoSuchName'

class Orphan:
    pass
Orphan.__module__ = 'no_such_module_xyz'

class Replaced:
    pass
ReplacedOrig = Replaced
class Replaced:
    pass

class Slotted:
    __slots__ = ('a',)

class Weird:
    def __init__(self, rv):
        self.rv = rv
    def __reduce__(self):
        return self.rv

class BadArgs:
    def __init__(self, kind):
        self.kind = kind
    def __getnewargs__(self):
        return self.kind

def gen():
    yield 1

for proto in range(6):
    print('proto', proto)
    for obj in (lambda: 0, Local, local_func, Local(), Renamed, Orphan, ReplacedOrig,
                ReplacedOrig(), Slotted(), gen(), sys, threading.Lock(), [1, local_func]):
        report(lambda: pickle.dumps(obj, proto))

def reducers():
    new, newex = copyreg.__newobj__, copyreg.__newobj_ex__
    return [5, None, (), (len,), (len, 1), (1, ()), (len, (), None, 5),
            (len, (), None, None, 5), (len, (), None, None, None, 5),
            (len, (), None, None, None, None, 7), (new, ()), (new, (5,)), (new, (Slotted,)),
            (newex, (Slotted,)), (newex, (5, (), {})), (newex, (Weird, 1, {})),
            (newex, (Weird, (), 1)), (newex, (Slotted, (), {})), 'Renamed', 'nope']

for proto in (0, 2, 4):
    print('reduce proto', proto)
    for rv in reducers():
        report(lambda: pickle.dumps(Weird(rv), proto))
    for kind in (5, [1], None):
        report(lambda: pickle.dumps(BadArgs(kind), proto))

class GNX:
    def __init__(self, rv):
        self.rv = rv
    def __getnewargs_ex__(self):
        return self.rv

for rv in (5, (1, 2, 3), (1, {}), ((), 1), ((), {}), ((1,), {'a': 1})):
    report(lambda: pickle.dumps(GNX(rv), 4))

print('protocols and arguments')
report(lambda: pickle.dumps(1, 6))
report(lambda: pickle.dumps(1, -1))
report(lambda: pickle.dumps(1, -5))
report(lambda: pickle.Pickler(io.BytesIO(), 9))
report(lambda: pickle.Pickler(5))
report(lambda: pickle.Unpickler(5))
report(lambda: pickle.dumps(1, 2, buffer_callback=print))
report(lambda: pickle.loads('abc'))
report(lambda: pickle.dumps('\ud800', 0))
report(lambda: ascii(pickle.loads(pickle.dumps('\udfff\U0001f600', 2))))

print('malformed pickles')
for data in (b'', b'\x80', b'\x80\x04\x95', b'\x80\x04K', b'X\x05\x00\x00\x00ab', b'\xff', b'\x00',
             b'K\x01', b'(K\x01t.', b'0.', b't.', b'h\x05.', b'cbuiltins\nnope\n.',
             b'\x80\x04\x8c\x08builtins\x8c\x04nope\x93.', b'\x80\x04\x8c\x08builtins\x8c\x03A.B\x93.',
             b'cno_such_mod_q\nx\n.', b'S"abc\n.', b'Sabc\n.', b'S\'a\n.', b'I12x\n.', b'\x80\x06N.',
             b'N', b'\x95\x02\x00\x00\x00\x00\x00\x00\x00N.', b'\x95\x09\x00\x00\x00\x00\x00\x00\x00N.',
             b'Pabc\n.', b'K\x01Q.', b'\x82\x01.', b'(I1\nd.', b'(K\x011.', b'K\x012.', b'pX\n.',
             b'N\x81.', b']K\x01b.', b']\x86.', b'}K\x01u.', b'(}K\x01u.', b'K\x01K\x02K\x03\x87\x86.',
             b'Fabc\n.', b'L12x\n.', b'\x80\x02\x8a\x02\x01.', b'\x8c\x01a\x8c\x01b\x93.',
             b'\x80\x04K\x01K\x02\x93.', b'(N\x88t\x85.', b'I1', b'g0\n.', b'j\x00\x00\x00\x00.'
             b'V\\u12\n.', b'V\\U0001\n.', b"S'ab'\x01\n.", b"S'ab' \n.", b"S' ab'\n.", b"S'\n.",
             b'V\\\\u0041\\\\\\u0041\n.', b'Va\\b\n.'):
    report(lambda: pickle.loads(data))

print('truncations')
class Obj:
    def __init__(self):
        self.a = [1, 'x']
samples = [[1, 'abc', (2.5, None), {'k': b'v'}, 2 ** 70, True], Obj(), frozenset([1]), {1, 2}]
seen = set()
for proto in range(6):
    for obj in samples:
        data = pickle.dumps(obj, proto)
        for i in range(len(data)):
            try:
                pickle.loads(data[:i])
                msg = 'loaded'
            except Exception as e:
                msg = '%s: %s' % (type(e).__name__, e)
            if (proto, msg) not in seen:
                seen.add((proto, msg))
                print(' ', proto, i, msg)
