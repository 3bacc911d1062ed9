# One io.BytesIO and one memoryview shared by threads.  Writers append
# fixed-size records to a shared stream (each write is atomic and leaves the
# position at the end, so records interleave only whole) while a reader
# snapshots it with getvalue(); other threads index, slice and stride a
# shared memoryview of a bytearray while another tries to resize the array
# (always refused while the view lives).  At the end the length and the
# per-writer record counts must be exact: a lost, torn or duplicated write
# shows as a wrong count.  Then threads rewrite and read fixed slots of a
# second stream under a lock, checking each slot is one writer's bytes.
import io
import threading

NWRITERS = 4
NRECORDS = 2000
REC = 16

stream = io.BytesIO()
errors = []
start = threading.Barrier(NWRITERS + 4)


def writer(k):
    rec = (b'%02d' % k) * (REC // 2)
    start.wait()
    for _ in range(NRECORDS):
        n = stream.write(rec)   # appends: the position is always the end
        if n != REC:
            errors.append(('short write', n))


def snapshotter():
    start.wait()
    last = 0
    for _ in range(300):
        v = stream.getvalue()
        if len(v) < last or len(v) % REC:
            errors.append(('snapshot', len(v)))
        last = len(v)


blob = bytearray(range(256)) * 64
view = memoryview(blob)


def view_reader():
    start.wait()
    for i in range(3000):
        j = i % 256
        if view[j] != j or view[256 + j] != j:
            errors.append(('item', i))
        s = view[j:j + 4]
        if s.tobytes() != bytes((j + d) % 256 for d in range(4)):
            errors.append(('slice', i))
        s.release()
        if view[::256].tolist() != [0] * 64:
            errors.append(('stride', i))


def resizer():
    start.wait()
    refused = 0
    for _ in range(2000):
        try:
            blob.append(1)
        except BufferError:
            refused += 1
    if refused != 2000:
        errors.append(('resized under a view', refused))


threads = [threading.Thread(target=writer, args=(k,)) for k in range(NWRITERS)]
threads += [threading.Thread(target=snapshotter), threading.Thread(target=view_reader),
            threading.Thread(target=view_reader), threading.Thread(target=resizer)]
for th in threads:
    th.start()
for th in threads:
    th.join()

value = stream.getvalue()
print('length', len(value), len(value) == NWRITERS * NRECORDS * REC, stream.tell() == len(value))
counts = {}
for i in range(0, len(value), REC):
    rec = value[i:i + REC]
    key = rec[:2]
    if rec != key * (REC // 2):
        errors.append(('torn record', i))
        break
    counts[key] = counts.get(key, 0) + 1
print('records', sorted(counts.items()))
with stream.getbuffer() as buf:
    print('buffer', buf.nbytes, buf[:REC].tobytes() == value[:REC], bytes(buf) == value)
print('blob', len(blob), view.nbytes)
view.release()
blob.append(7)
print('after release', len(blob), blob[-1])


# Shared BytesIO with seeks: each thread rewrites its own slot under a lock
# while others read whole slots; a slot must always hold one thread's bytes.
slots = io.BytesIO(bytes(8 * 64))
lock = threading.Lock()


def slot_writer(k):
    for i in range(500):
        with lock:
            slots.seek(k * 64)
            slots.write(bytes([k + i % 2]) * 64)


def slot_reader():
    for _ in range(500):
        with lock:
            slots.seek(0)
            data = slots.read()
        for k in range(8):
            part = data[k * 64:(k + 1) * 64]
            if len(set(part)) != 1:
                errors.append(('slot', k))


ts = [threading.Thread(target=slot_writer, args=(k,)) for k in range(8)] + [threading.Thread(target=slot_reader)]
for th in ts:
    th.start()
for th in ts:
    th.join()
print('slots', len(slots.getvalue()), [slots.getvalue()[k * 64] - k for k in range(8)])
print('errors', errors[:5])


# A view released while other threads read it: each read either sees the
# bytes or raises ValueError, never anything else; afterwards the array may
# grow again.
arr = bytearray(b'x' * 4096)
shared = memoryview(arr)
go = threading.Barrier(4)
odd = []


def racer():
    go.wait()
    for _ in range(2000):
        try:
            if shared[100] != 120 or len(shared[10:20].tobytes()) != 10:
                odd.append('value')
        except ValueError as e:
            if str(e) != 'operation forbidden on released memoryview object':
                odd.append(str(e))


def releaser():
    go.wait()
    for _ in range(200):
        pass
    shared.release()
    for _ in range(100):
        while True:
            try:
                arr.extend(b'y' * 64)
                break
            except BufferError:
                pass   # a racer's slice of the view, made before the release, still exports


rs = [threading.Thread(target=racer) for _ in range(3)] + [threading.Thread(target=releaser)]
for th in rs:
    th.start()
for th in rs:
    th.join()
print('release race', odd[:3], len(arr))
