# Several threads each compressing and decompressing their own data with bz2
# and lzma, then one shared decompressor fed chunk by chunk under a lock, and
# one shared compressor used by all threads at once (serialised by the object).
import bz2, hashlib, lzma, threading

N = 4
results = {}

def own(i):
    data = (b'thread %d ' % i) * (20000 + 1000 * i)
    out = []
    for mod in (bz2, lzma):
        c = mod.compress(data)
        out.append(mod.decompress(c) == data)
        comp = (bz2.BZ2Compressor() if mod is bz2 else lzma.LZMACompressor())
        blob = b''.join(comp.compress(data[k:k + 5000]) for k in range(0, len(data), 5000)) + comp.flush()
        d = bz2.BZ2Decompressor() if mod is bz2 else lzma.LZMADecompressor()
        got = b''.join(d.decompress(blob[k:k + 333]) for k in range(0, len(blob), 333))
        out.append(got == data and d.eof)
    results[i] = out

ts = [threading.Thread(target=own, args=(i,)) for i in range(N)]
for t in ts: t.start()
for t in ts: t.join()
print([results[i] for i in range(N)])

for mod in (bz2, lzma):
    data = b''.join(b'%06d\n' % k for k in range(60000))
    blob = mod.compress(data)
    chunks = [blob[k:k + 512] for k in range(0, len(blob), 512)]
    shared = bz2.BZ2Decompressor() if mod is bz2 else lzma.LZMADecompressor()
    lock = threading.Lock()
    pieces = []
    nxt = [0]

    def feed():
        while True:
            with lock:
                if nxt[0] == len(chunks):
                    return
                k = nxt[0]
                nxt[0] += 1
                pieces.append(shared.decompress(chunks[k]))

    ts = [threading.Thread(target=feed) for _ in range(N)]
    for t in ts: t.start()
    for t in ts: t.join()
    out = b''.join(pieces)
    print(mod.__name__, out == data, shared.eof, hashlib.sha1(out).hexdigest()[:12])

    # one compressor hammered without a lock: no crash, and every call's
    # output is a whole part of one valid stream
    comp = bz2.BZ2Compressor() if mod is bz2 else lzma.LZMACompressor()
    outs = []
    olock = threading.Lock()

    def hammer(i):
        for k in range(50):
            r = comp.compress(b'%d-%d;' % (i, k) * 100)
            with olock:
                outs.append(r)

    ts = [threading.Thread(target=hammer, args=(i,)) for i in range(N)]
    for t in ts: t.start()
    for t in ts: t.join()
    whole = mod.decompress(b''.join(outs) + comp.flush())
    print(mod.__name__, len(whole), sorted(set(whole.split(b';')))[:2])

    # unlocked sharing of a decompressor: each call is atomic, so the total
    # output is still right when the calls' order matches the input order
    d = bz2.BZ2Decompressor() if mod is bz2 else lzma.LZMADecompressor()
    got = []
    def reader():
        try:
            got.append(len(d.decompress(b'')))
        except EOFError:
            got.append(-1)
    first = d.decompress(blob)
    ts = [threading.Thread(target=reader) for _ in range(N)]
    for t in ts: t.start()
    for t in ts: t.join()
    print(mod.__name__, first == data, sorted(got))
