# timeit differential test: Timer/timeit/repeat/autorange with a fake clock,
# main() through _wrap_timer, error cases, and `-m timeit` by its shape.
import io
import re
import subprocess
import sys
import timeit
import warnings


def show(f, *args, **kw):
    try:
        print(repr(f(*args, **kw)))
    except Exception as e:
        print(type(e).__name__, e)


class Clock:
    """A fake timer: each call returns the current time, which the timed
    statement advances by `tick` (and each call by `step`)."""
    def __init__(self, step=0.0, tick=0.0):
        self.now, self.step, self.tick = 0.0, step, tick

    def __call__(self):
        self.now += self.step
        return self.now

    def advance(self):
        self.now += self.tick


print(timeit.default_number, timeit.default_repeat, timeit.dummy_src_name)
print(timeit.__all__, timeit.default_timer is __import__('time').perf_counter)

# timeit and repeat
c = Clock(step=0.5)
t = timeit.Timer("x = 1", timer=c)
print(t.timeit(10), t.timeit(0), t.repeat(3, 7), t.repeat(0))
print(timeit.timeit("pass", timer=Clock(0.25), number=3))
print(timeit.repeat("pass", "pass", Clock(0.125), 2, 5))
print(timeit.repeat(timer=Clock(1.0), repeat=4, number=1))

# statements and setups run where they should, with globals=
ns = {"log": []}
t = timeit.Timer("log.append('s')", "log.append('setup')", timer=Clock(1), globals=ns)
t.timeit(3)
print(ns["log"])
calls = []
t = timeit.Timer(lambda: calls.append('stmt'), lambda: calls.append('setup'), Clock(1))
print(t.timeit(2), calls)
t = timeit.Timer("y = x * 2\nz = y + 1\nout.append(z)", "x = 20\nout = result",
                 timer=Clock(0.5), globals={"result": []})
t.timeit(2)
print(t.inner.__globals__["result"])
print(t.src)
print(timeit.Timer(lambda: 0, lambda: 0).src)
print(timeit.Timer("").src)
print(sorted(vars(timeit.Timer("pass"))))
# without globals=, names resolve in the timeit module itself
print(timeit.Timer("gc.isenabled() and itertools and sys and time", timer=Clock(1)).timeit(1))
show(timeit.timeit, "undefined_name", number=1, timer=Clock(1))
print(timeit.Timer("_t0 = 5", timer=Clock(1)).timeit(2))

# gc is off while timing, then restored
import gc
seen = []
timeit.Timer(lambda: seen.append(gc.isenabled()), timer=Clock(1)).timeit(1)
print(seen, gc.isenabled())
gc.disable()
timeit.Timer("pass", timer=Clock(1)).timeit(1)
print(gc.isenabled())
gc.enable()

# autorange: the statement advances the clock by 2**-10 s per loop
for tick in (2.0 ** -10, 0.25, 0.0625):
    clock = Clock(tick=tick)
    t = timeit.Timer(clock.advance, timer=clock)
    steps = []
    print(t.autorange(lambda n, s: steps.append((n, s))), steps)
    clock.now = 0.0
    print(t.autorange())

# construction errors
for stmt, setup in [("return", "pass"), ("return", "a=1\nb=2"), ("return", lambda: 0),
                    ("x", "return"), (lambda: 0, "return"), (5, "pass"), ("pass", 5),
                    (5, 5), ("if 1:", "pass"), ("x", "if 1:"), ("  x", "pass"),
                    ("break", "pass"), ("yield 1", "pass"), ("continue", "pass"),
                    ("x = (", "pass"), ("def f(:", "pass"), (None, "pass")]:
    try:
        timeit.Timer(stmt, setup)
        print("ok")
    except (SyntaxError, ValueError) as e:
        print(type(e).__name__, e, getattr(e, "lineno", ""))

# print_exc: the source line of the failing code is shown
for stmt, setup in [("1/0", "pass"), ("pass", "raise KeyError('k')"), ("x = 1\nx.y", "pass")]:
    t = timeit.Timer(stmt, setup, timer=Clock(1))
    try:
        t.timeit(1)
    except Exception:
        buf = io.StringIO()
        t.print_exc(buf)
        lines = buf.getvalue().splitlines()
        print(lines[0])
        at = [i for i, line in enumerate(lines) if "<timeit-src>" in line][0]
        print(lines[at])
        print(lines[at + 1])
        print(lines[-1])

# main() with a fake clock: the report's format
def run(args, step=None, steps=None):
    if steps is not None:
        seq = iter(steps)
        wrap = lambda timer: (lambda: next(seq))
    else:
        wrap = lambda timer: Clock(step)
    old_stderr = sys.stderr
    sys.stderr = err = io.StringIO()
    try:
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            rc = timeit.main(args, _wrap_timer=wrap)
    finally:
        sys.stderr = old_stderr
    print("rc", rc, [str(x.message) for x in w], [x.category.__name__ for x in w])
    # of a traceback: its first line, the timed code's frame and line, the error
    lines = err.getvalue().splitlines()
    print([line for i, line in enumerate(lines)
           if i in (0, len(lines) - 1) or "<timeit-src>" in line
           or (i and "<timeit-src>" in lines[i - 1])])


run(["-n", "1000", "-r", "3", "pass"], 0.0203)
run(["-n", "1", "-r", "1", "pass"], 1.5)
run(["-n", "10", "pass"], 2e-9)
run(["-n", "10", "pass"], 1e-12)
run(["-n", "100", "-r", "2", "-u", "msec", "x = 1"], 0.123)
run(["--number=7", "--repeat=2", "--unit=usec", "pass"], 0.001)
run(["-n", "3", "-u", "sec", "pass"], 45.0)
run(["-n", "3", "-u", "nsec", "pass"], 45.0)
run(["-n", "2", "-r", "0", "pass"], 0.5)
run(["-n", "2", "-r", "-4", "pass"], 0.5)
run(["-n", "1", "-v", "pass"], 0.001234567)
run(["-n", "1", "-vv", "-r", "2", "pass"], 0.001234567)
run(["-n", "5", "-r", "3", "pass"], steps=[0, 1, 10, 11, 20, 30])
run(["-n", "5", "-r", "2", "-v", "pass"], steps=[0, 1e-6, 1, 2])
run(["-r", "2", "pass"], 0.25)
run(["-r", "2", "-v", "pass"], 0.5)
run(["-s", "a = 1", "-s", "b = a + 1", "-n", "2", "-r", "1", "c = b", "d = c"], 1.0)
run(["-p", "-n", "2", "-r", "1", "pass"], 1.0)
run(["-x"])
run(["-n"])
run(["--bogus"])
run(["--number"])
run(["-u", "minutes", "pass"])
run(["-n", "1", "-r", "1", "1/0"], 1.0)
run(["-n", "1", "-r", "1", "-s", "1/0", "pass"], 1.0)
run(["-r", "1", "-v", "undefined"], 1.0)
for bad in (["-n", "abc"], ["-r", "1.5"], ["-n", "1", "return"]):
    try:
        timeit.main(bad)
    except (ValueError, SyntaxError) as e:
        print(type(e).__name__, e)
old_stdout = sys.stdout
sys.stdout = buf = io.StringIO()
try:
    rc = timeit.main(["-h"])
finally:
    sys.stdout = old_stdout
print("help rc", rc, buf.getvalue().splitlines()[0] != "", "-n/--number N" in buf.getvalue())

# the command line, by the shape of its output only
line = re.compile(r"^\d+ loops?, best of \d+: \d+(\.\d+)?(e[-+]\d+)? (nsec|usec|msec|sec) per loop$")
for args in (["-n", "5", "-r", "2", "pass"], ["-n", "3", "-s", "x = [1]", "x.append(2)"],
             ["-n", "1", "-r", "1", "-u", "usec", "pass"], ["-n", "20", "-p", "pass"]):
    proc = subprocess.run([sys.executable, "-m", "timeit"] + args, capture_output=True, text=True)
    out = proc.stdout.splitlines()
    print(proc.returncode, len(out), bool(line.match(out[-1])), out[-1].split(",")[0])
proc = subprocess.run([sys.executable, "-m", "timeit", "-n", "1", "-r", "1", "-v", "pass"],
                      capture_output=True, text=True)
out = proc.stdout.splitlines()
print(proc.returncode, len(out), bool(re.match(r"^raw times: \S+ (nsec|usec|msec|sec)$", out[0])),
      out[1] == "", bool(line.match(out[2])))
for args in (["-x"], ["-u", "bad", "pass"], ["-n", "1", "-r", "1", "1/0"]):
    proc = subprocess.run([sys.executable, "-m", "timeit"] + args, capture_output=True, text=True)
    print(proc.returncode, repr(proc.stdout), proc.stderr.splitlines()[-1:])
