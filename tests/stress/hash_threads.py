# Threads share one hash object, one BLAKE2 object, one compressobj and one
# decompressobj, and also run private objects checked against known results.
# Shared inputs are all one repeated byte, so the combined input is the same
# whatever order the calls are serialised in: the digests and the total
# compressed length are deterministic exactly when every call applies whole.
import hashlib
import threading
import zlib

NTHREADS = 4
SIZES = [1, 7, 64, 1000, 20000, 70000, 3, 129]   # 20000 and 70000 cross the detach thresholds
ROUNDS = 6
per_thread = sum(SIZES) * ROUNDS
total = per_thread * NTHREADS

shared_sha = hashlib.sha256()
shared_blake = hashlib.blake2b(digest_size=32)
shared_shake = hashlib.shake_128()
shared_co = zlib.compressobj(6)
co_out = [[] for _ in range(NTHREADS)]
errors = []
start = threading.Barrier(NTHREADS)


def hammer(k):
    start.wait()
    try:
        for _ in range(ROUNDS):
            for n in SIZES:
                chunk = b'x' * n
                shared_sha.update(chunk)
                shared_blake.update(chunk)
                shared_shake.update(chunk)
                co_out[k].append(shared_co.compress(b'y' * n))
                shared_sha.copy().hexdigest()    # reads race with the updates
                shared_blake.digest()
    except Exception as e:
        errors.append(repr(e))


threads = [threading.Thread(target=hammer, args=(k,)) for k in range(NTHREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
tail = shared_co.flush()
print('errors', errors)
print('sha256', shared_sha.hexdigest() == hashlib.sha256(b'x' * total).hexdigest())
print('blake2b', shared_blake.hexdigest() == hashlib.blake2b(b'x' * total, digest_size=32).hexdigest())
print('shake', shared_shake.hexdigest(16) == hashlib.shake_128(b'x' * total).hexdigest(16))
reference = zlib.compress(b'y' * total, 6)
produced = sum(len(p) for parts in co_out for p in parts) + len(tail)
print('compressed length', produced == len(reference))

# A shared decompressobj: one thread inflates in bounded steps while others
# poll its attributes; the output must come out whole and in order.
payload = bytes(range(256)) * 600
stream = zlib.compress(payload, 9)
d = zlib.decompressobj()
done = threading.Event()
seen_bad = []


def poller():
    while not done.is_set():
        tail_len = len(d.unconsumed_tail)
        if tail_len > len(stream):
            seen_bad.append(tail_len)
        d.eof
        d.unused_data


def inflater(out):
    piece = d.decompress(stream, 5000)
    while True:
        out.append(piece)
        if not d.unconsumed_tail:
            break
        piece = d.decompress(d.unconsumed_tail, 5000)
    out.append(d.flush())
    done.set()


pollers = [threading.Thread(target=poller) for _ in range(2)]
result = []
worker = threading.Thread(target=inflater, args=(result,))
for t in pollers + [worker]:
    t.start()
for t in pollers + [worker]:
    t.join()
print('shared decompressobj', b''.join(result) == payload, d.eof, seen_bad)

# Private objects in every thread, checked against digests computed here.
texts = [('thread %d ' % k).encode() * (3000 + 500 * k) for k in range(NTHREADS)]
expected = [(hashlib.md5(t).hexdigest(), hashlib.sha3_256(t).hexdigest(),
             hashlib.blake2s(t, key=b'k').hexdigest(), zlib.crc32(t)) for t in texts]
mismatch = []


def private(k):
    t = texts[k]
    for _ in range(10):
        h = hashlib.md5()
        s = hashlib.sha3_256()
        b = hashlib.blake2s(key=b'k')
        for i in range(0, len(t), 4096):
            h.update(t[i:i + 4096])
            s.update(t[i:i + 4096])
            b.update(t[i:i + 4096])
        co = zlib.compressobj()
        z = co.compress(t) + co.flush()
        got = (h.hexdigest(), s.hexdigest(), b.hexdigest(), zlib.crc32(zlib.decompress(z)))
        if got != expected[k]:
            mismatch.append(k)


threads = [threading.Thread(target=private, args=(k,)) for k in range(NTHREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print('private mismatches', mismatch)
print('known', hashlib.sha256(b'abc').hexdigest())
