# Framing at protocols 4/5: frame boundaries for big containers, large
# payloads written outside frames, and batching of >1000 items.
import pickle, io, struct, hashlib

def frames(data):
    """Summarise a pickle: the list of (FRAME length) and unframed spans."""
    out, i = [], 2
    while i < len(data):
        if data[i] == 0x95:
            n = struct.unpack('<Q', data[i + 1:i + 9])[0]
            out.append(n)
            i += 9 + n
        else:
            out.append('raw@%d' % i)
            break
    return out

def digest(data):
    return len(data), hashlib.sha1(data).hexdigest()[:16]

cases = {
    'ints': list(range(8000)),
    'strs': ['s%05d' % i * 20 for i in range(700)],
    'nested': [[i, str(i), (i, i)] for i in range(3000)],
    'dict': {i: 'v%d' % i for i in range(5000)},
    'bigbytes': [b'a' * 70000, b'b' * 10, b'c' * 65536, b'd' * 65535],
    'bigstr': ['x' * 100000, 'y'],
    'bigba': [bytearray(b'z' * 70000), 1],
    'tuple': tuple(range(1001)),
    'set1000': set(range(1000)),
    'set2001': set(range(2001)),
    'fs': frozenset(range(1500)),
    'list1000': list(range(1000)),
    'list1001': list(range(1001)),
    'list2000': [None] * 2000,
}
for name, obj in cases.items():
    for proto in (1, 2, 4, 5):
        data = pickle.dumps(obj, proto)
        back = pickle.loads(data)
        print(name, proto, digest(data), back == obj, frames(data) if proto >= 4 else '')
        f = io.BytesIO()
        pickle.dump(obj, f, proto)
        assert f.getvalue() == data
        f.seek(0)
        assert pickle.load(f) == obj
print(pickle.dumps(list(range(1001)), 2)[-12:])
print(pickle.dumps({i: i for i in range(1001)}, 2)[-12:])
print(pickle.dumps(set(range(1000)), 4)[-8:])
