# dumps() bytes of builtin values at every protocol, and round trips.
import pickle, re

class Cell:
    pass

big = 2 ** 2040
values = [
    None, True, False, 0, 1, 255, 256, 65535, 65536, -1, -128, -129, -256, -32768,
    2 ** 31 - 1, 2 ** 31, -2 ** 31, -2 ** 31 - 1, 2 ** 63, -2 ** 64, 2 ** 100, big, -big,
    0.0, -0.0, 1.5, -2.25, 1e300, 1e-300, float('inf'), float('-inf'), 1 / 3,
    '', 'a', 'abc', 'caf\xe9', '\u4e2d\u6587', '\U0001f600', 'a\\b\0c\nd\re\x1af\x7f\x80\xff \t',
    'x' * 300, '\ud800', 'ok\udfffok',
    b'', b'a', b'\x00\xff\x80', b'x' * 300, bytearray(), bytearray(b'ab\x00'),
    (), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), tuple(range(20)), ((),), ((1,), (2, (3,))),
    [], [1], [1, 2], list(range(30)), [[], [[]]], {}, {'a': 1}, {1: 'x', 2: 'y', (1, 2): [3]},
    set(), {1}, {1, 2, 3}, frozenset(), frozenset([5]), frozenset(range(10)),
    [{'k': (1, [2, {3}])}, frozenset([(1, 2)])], 1 + 2j, range(2, 10, 3), slice(1, None, 2),
    Ellipsis, NotImplemented, type(None), type(Ellipsis), type(NotImplemented),
    len, max, int, str, dict, object, type, ValueError, KeyError, pickle.whichmodule, Cell,
]
for v in values:
    print(re.sub(' at 0x[0-9a-f]+', '', repr(v))[:60])
    for proto in range(6):
        data = pickle.dumps(v, proto)
        back = pickle.loads(data)
        ok = back == v or (v != v and back != back) or repr(back) == repr(v)
        print(' ', proto, data if len(data) < 400 else (len(data), data[:40], data[-40:]), ok)

# shared references and memo
s = 'shared'
lst = [1, 2]
tup = (lst, lst)
shared = [s, s, lst, lst, tup, tup, b'b' * 3, (s,)]
for proto in range(6):
    data = pickle.dumps(shared, proto)
    back = pickle.loads(data)
    print(proto, data, back == shared, back[2] is back[3], back[4] is back[5], back[4][0] is back[2])

# recursive structures
rl = [1]
rl.append(rl)
rd = {'a': 1}
rd['self'] = rd
rt = ([],)
rt[0].append(rt)
rt4 = ([], 1, 2, 3)
rt4[0].append(rt4)
inner = []
rf = frozenset([Cell])
for obj in (rl, rd, rt, rt4, [rl, rl], {'l': rl, 'd': rd}):
    for proto in range(6):
        data = pickle.dumps(obj, proto)
        back = pickle.loads(data)
        print(proto, data)
print(pickle.loads(pickle.dumps(rl, 2))[1][1][0], pickle.loads(pickle.dumps(rd, 4))['self']['a'])
b = pickle.loads(pickle.dumps(rt, 2))
print(b[0][0] is b, type(b).__name__)
b = pickle.loads(pickle.dumps(rt4, 0))
print(b[0][0] is b, b[1:])

# dumps defaults and protocol handling
print(pickle.dumps([1, 'a']) == pickle.dumps([1, 'a'], 5), pickle.dumps(1, -1), pickle.dumps(1, None))
print(pickle.HIGHEST_PROTOCOL, pickle.DEFAULT_PROTOCOL, pickle.format_version)
print(pickle.loads(bytearray(pickle.dumps([1], 2))), pickle.loads(memoryview(pickle.dumps((1,), 3))))
print(pickle.encode_long(255), pickle.encode_long(-256), pickle.decode_long(b'\xff\x00'), pickle.encode_long(0))
