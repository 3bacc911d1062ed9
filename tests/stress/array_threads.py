# array.array shared by threads.  Appenders add known values to one array
# while readers index, iterate and sum it; at the end the length and the sum
# are exact (a lost or torn append shows as a wrong count or total).  Then
# pushers and poppers balance each other, and threads export memoryviews of
# an array and a bytearray that another thread tries to resize (always
# refused with BufferError while the view lives, allowed once released).
import array
import threading

N, T = 5000, 6
shared = array.array('q')
errors = []
start = threading.Barrier(T + 2)


def appender(k):
    start.wait()
    for i in range(N):
        shared.append(k * N + i)
    shared.extend(array.array('q', [1, 2, 3]))


def reader():
    start.wait()
    top = T * N
    for _ in range(200):
        n = len(shared)
        if n:
            v = shared[n // 2]
            if not 0 <= v < top:
                errors.append(('item', v))
        total = 0
        for v in shared:
            total += v
        if total < 0:
            errors.append(('sum', total))
        b = shared.tobytes()
        if len(b) % 8:
            errors.append(('torn bytes', len(b)))


threads = [threading.Thread(target=appender, args=(k,)) for k in range(T)]
threads += [threading.Thread(target=reader) for _ in range(2)]
for th in threads:
    th.start()
for th in threads:
    th.join()
expect = sum(range(T * N)) + 6 * T
print('length', len(shared), len(shared) == T * (N + 3))
print('sum', sum(shared) == expect, sum(shared.tolist()) == expect)

# pushes and pops: every popped value was pushed, and the counts balance
stack = array.array('i', range(1000))
popped = []
go = threading.Barrier(4)


def pusher():
    go.wait()
    for i in range(3000):
        stack.append(i % 1000)


def popper(out):
    go.wait()
    got = 0
    for _ in range(3000):
        while True:
            try:
                v = stack.pop()
                break
            except IndexError:
                pass
        if not 0 <= v < 1000:
            errors.append(('popped', v))
        got += 1
    out.append(got)


ps = [threading.Thread(target=pusher) for _ in range(2)]
ps += [threading.Thread(target=popper, args=(popped,)) for _ in range(2)]
for th in ps:
    th.start()
for th in ps:
    th.join()
print('stack', len(stack), sum(popped))

# views made in another thread block this thread's resizes
arr = array.array('d', [1.0] * 64)
blob = bytearray(b'z' * 64)
made = threading.Event()
done = threading.Event()
views = []


def exporter():
    views.append(memoryview(arr))
    views.append(memoryview(blob))
    made.set()
    done.wait()
    for v in views:
        v.release()


ex = threading.Thread(target=exporter)
ex.start()
made.wait()
msgs = set()
for op in (lambda: arr.append(2.0), lambda: arr.pop(), lambda: arr.extend([1.0]), lambda: blob.append(1),
           lambda: blob.extend(b'ab'), lambda: blob.pop()):
    try:
        op()
        msgs.add('resized')
    except BufferError as e:
        msgs.add(str(e))
print(sorted(msgs))
views[0][0] = 5.0
print(arr[0], len(arr), len(blob))
done.set()
ex.join()
arr.append(3.0)
blob.append(65)
print(len(arr), len(blob), arr[-1], blob[-1:])

# many threads taking and dropping views while one thread resizes when it can
arr2 = array.array('b', [7] * 100)
stop = threading.Event()


def viewer():
    while not stop.is_set():
        m = memoryview(arr2)
        if m[0] != 7:
            errors.append(('view item', m[0]))
        m.release()


def grower():
    grown = 0
    while grown < 200:
        try:
            arr2.append(7)
            grown += 1
        except BufferError:
            pass
    stop.set()


vs = [threading.Thread(target=viewer) for _ in range(3)] + [threading.Thread(target=grower)]
for th in vs:
    th.start()
for th in vs:
    th.join()
print('grown', len(arr2), arr2.count(7))
print('errors', errors[:5])
