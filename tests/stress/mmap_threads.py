# One anonymous mmap shared by threads.  Each writer owns a region and
# fills it record by record with slice assignment (not seek + write: the
# position is shared); memoryview threads take and release
# views of their own region and write through them; a reader scans with
# find() and indexing; a resizer keeps trying resize() while a long-lived
# view is exported, and must be refused every time.  At the end every
# region holds exactly its owner's bytes.
import mmap
import threading

NW = 4
REGION = 4096
ROUNDS = 200

m = mmap.mmap(-1, REGION * (NW + 2))
pin = memoryview(m)          # keeps the mapping from moving or closing
errors = []
refused = [0]
start = threading.Barrier(NW + 4)


def writer(k):
    base = k * REGION
    rec = bytes([65 + k]) * 64
    start.wait()
    for r in range(ROUNDS):
        at = base + (r % (REGION // 64)) * 64
        m[at:at + 64] = rec
        if m[at] != 65 + k or m[at:at + 64] != rec:
            errors.append(("writer", k, r))


def viewer(slot):
    base = (NW + slot) * REGION
    start.wait()
    for r in range(ROUNDS):
        with memoryview(m) as v:
            part = v[base:base + REGION]
            part[r % REGION] = 1 + slot
            if part[r % REGION] != 1 + slot:
                errors.append(("viewer", slot, r))
            part.release()


def reader():
    start.wait()
    for r in range(ROUNDS):
        m.find(b"A" * 64)
        m.rfind(b"B")
        len(m)
        m[::4096]


def resizer():
    start.wait()
    for r in range(ROUNDS):
        try:
            m.resize(REGION)
        except BufferError:
            refused[0] += 1


threads = [threading.Thread(target=writer, args=(k,)) for k in range(NW)]
threads += [threading.Thread(target=viewer, args=(s,)) for s in range(2)]
threads += [threading.Thread(target=reader), threading.Thread(target=resizer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("errors", errors)
print("resize refused", refused[0] == ROUNDS)
for k in range(NW):
    region = m[k * REGION:(k + 1) * REGION]
    print("region", k, region == bytes([65 + k]) * REGION)
for s in range(2):
    region = m[(NW + s) * REGION:(NW + s + 1) * REGION]
    print("view region", s, region[:ROUNDS] == bytes([1 + s]) * ROUNDS, region[ROUNDS:].count(0) == REGION - ROUNDS)
pin.release()
m.resize(REGION)
print("resized", len(m))
m.close()
