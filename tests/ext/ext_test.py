# tests/ext/ext_test.py: drives the example extensions (examples/ext) built
# against an installed tree by tests/ext/run.sh, which puts the .so files
# beside this script.  Prints "ok" and exits 0 when every check holds.
import sys
import threading

import kernel
import counter

NT = 8

def check(cond, what):
    if not cond:
        print("FAIL:", what)
        sys.exit(1)

def in_threads(fn, n=NT):
    out = [None] * n
    errs = []
    def run(i):
        try:
            out[i] = fn(i)
        except BaseException as e:
            errs.append(e)
    ts = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in ts: t.start()
    for t in ts: t.join()
    check(not errs, "thread errors: %r" % errs)
    return out

# ---- kernel: results equal a pure-Python computation, from many threads
def mandel_py(y, w, h, maxiter):
    row = []
    ci = -1.5 + 3.0 * y / h
    for x in range(w):
        cr = -2.0 + 3.0 * x / w
        zr = zi = 0.0
        i = 0
        while i < maxiter and zr * zr + zi * zi <= 4.0:
            zr, zi = zr * zr - zi * zi + cr, 2 * zr * zi + ci
            i += 1
        row.append(i)
    return row

W, H, IT = 64, 48, 200
expect = [mandel_py(y, W, H, IT) for y in range(H)]
rows = in_threads(lambda i: [kernel.mandel_row(y, W, H, IT) for y in range(i, H, NT)])
for i in range(NT):
    check(rows[i] == expect[i::NT], "mandel_row rows of thread %d" % i)

n = 2000
buf = memoryview(bytearray(8 * n)).cast('d')
for i in range(n):
    buf[i] = i * 0.5
want = sum((i * 0.5) ** 2 for i in range(n))
check(all(r == want for r in in_threads(lambda i: kernel.dot(buf, buf))), "dot from threads")
ba = buf.obj
try:
    ba.append(1)
    check(False, "bytearray resized under an export")
except BufferError:
    pass
try:
    kernel.dot(b"12345678", b"12345678")
    check(False, "dot of bytes")
except TypeError as e:
    check("'B'" in str(e), str(e))
import array
arr = array.array('d', (i * 0.5 for i in range(n)))
check(all(r == want for r in in_threads(lambda i: kernel.dot(arr, arr))), "dot of array('d') from threads")
try:
    kernel.dot(array.array('i', [1, 2]), array.array('i', [1, 2]))
    check(False, "dot of array('i')")
except TypeError as e:
    check("'i'" in str(e), str(e))

floats = [i * 0.25 for i in range(1000)]
check(kernel.sum_floats(floats) == sum(floats), "sum_floats list")
check(kernel.sum_floats(iter(floats), start=1.0) == 1.0 + sum(floats), "sum_floats keyword start")
check(kernel.sum_floats(floats, 2) == 2 + sum(floats), "sum_floats positional start")
shared = list(floats)
res = in_threads(lambda i: kernel.sum_floats(shared))
check(all(r == sum(floats) for r in res), "sum_floats from threads")
check(kernel.scale([1, 2, 3], factor=2) == [2, 4, 6], "scale")
try:
    kernel.scale([1], fac=2)
    check(False, "scale bad keyword")
except TypeError as e:
    check("unexpected keyword argument 'fac'" in str(e), str(e))
try:
    kernel.dot(buf)
    check(False, "dot arity")
except TypeError:
    pass
try:
    kernel.mandel_row(1, 2, 3, 4, k=1)
    check(False, "mandel_row keyword")
except TypeError as e:
    check(str(e) == "mandel_row() takes no keyword arguments", str(e))

e = kernel.call_catching(lambda: 1 // 0, ZeroDivisionError)
check(type(e) is ZeroDivisionError, "call_catching caught")
check(kernel.call_catching(lambda: 42, ZeroDivisionError) == 42, "call_catching result")
try:
    kernel.call_catching(lambda: [][0], ZeroDivisionError)
    check(False, "call_catching let through")
except IndexError:
    pass

# threads started by C with pthreads, each with its own thread state
seen = set()
lock = threading.Lock()
def job(i):
    with lock:
        seen.add(threading.get_ident())
    return sum(range(i * 1000))
check(kernel.run_in_c_threads(job, 6) == [sum(range(i * 1000)) for i in range(6)], "run_in_c_threads")
check(threading.get_ident() not in seen, "C threads have their own identity")
try:
    kernel.run_in_c_threads(lambda i: 1 / 0, 2)
    check(False, "run_in_c_threads error")
except ZeroDivisionError:
    pass
check(kernel.GIL == (1 if hasattr(sys, "_is_gil_enabled") and sys._is_gil_enabled() else 0), "kernel.GIL")

# ---- counter: state under critical sections
c = counter.Counter()
N = 3000
in_threads(lambda i: [c.add() for _ in range(N)])
check(c.get() == NT * N and c.adds == NT * N and c.value == NT * N, "Counter.add from threads: %r" % c)
c.value = 0
in_threads(lambda i: [c.add(i) for _ in range(100)])
check(c.get() == 100 * sum(range(NT)), "Counter.add(n)")

# merges in both directions at once: the total is kept, no deadlock
cs = [counter.Counter(1000) for _ in range(4)]
def merger(i):
    for k in range(500):
        a, b = cs[(i + k) % 4], cs[(i + 2 * k + 1) % 4]
        a.merge(b)
        b.add(1)
in_threads(merger)
check(counter.total(cs) == 4000 + NT * 500, "merge keeps the total: %d" % counter.total(cs))

# members, getsets and errors
c = counter.Counter(start=5)
check(repr(c) == "Counter(5)" and c.log is None, "repr, log default")
c.log = []
for _ in range(3): c.add(2)
check(c.log == [2, 2, 2] and c.adds == 3, "log member")
c.log = None
try:
    c.adds = 1
    check(False, "adds is read-only")
except AttributeError as e:
    check(str(e) == "readonly attribute", str(e))
for bad in (lambda: c.add("x"), lambda: c.merge(1), lambda: counter.Counter(1, 2),
            lambda: counter.Counter(stop=1), lambda: c.get(1)):
    try:
        bad()
        check(False, "expected TypeError")
    except TypeError:
        pass
check(type(c) is counter.Counter and isinstance(c, counter.Counter), "type")
check(counter.Counter.__doc__ == "A thread-safe counter." and "add" in repr(counter.Counter.add), "doc, repr")
check(counter.Counter.add(c, 1) == 12, "unbound method call")

# a cycle through the log member is collected
import gc
import weakref
c = counter.Counter()
c.log = [c]
del c
gc.collect()

# shared counters with logs, appended from many threads
c = counter.Counter()
c.log = []
in_threads(lambda i: [c.add(1) for _ in range(200)])
check(len(c.log) == NT * 200 and c.get() == NT * 200, "logs from threads")

# ---- the loader's errors
for name, kind, text in [
        ("bad_noinit", ImportError, "dynamic module does not define module export function (torii_init_bad_noinit)"),
        ("bad_abi", ImportError, "was built for torii C API version 99, but this interpreter provides version 1"),
        ("bad_exec", ValueError, "bad_exec refuses to load"),
        ("no_such_ext", ModuleNotFoundError, "No module named 'no_such_ext'")]:
    try:
        exec("import " + name)
        check(False, "import %s succeeded" % name)
    except kind as e:
        check(text in str(e), "%s: %s" % (name, e))
        check(name not in sys.modules, "%s cached" % name)
# the same module object from every thread
def imp(i):
    import counter as m
    return m
mods = in_threads(imp)
check(all(m is counter for m in mods), "one module object")
print("ok")
