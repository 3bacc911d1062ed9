# timeit: time small snippets of Python code (Timer, timeit(), repeat()) and
# the `-m timeit` command line, written for torii after CPython 3.13's
# documented behaviour.
"""Measure how long small snippets of Python code take.

Library use: build a Timer and call its timeit(), repeat() or autorange().

Command line:
    python -m timeit [-n N] [-r N] [-s S] [-p] [-u U] [-v] [-h] [--] [statement ...]

Options:
  -n/--number N: how many times to run 'statement' (default: found by autorange)
  -r/--repeat N: how many times to repeat the timer (default 5)
  -s/--setup S: statement run once before timing (default 'pass'); repeatable
  -p/--process: time with time.process_time() (default time.perf_counter())
  -v/--verbose: print the raw timings; repeat for more digits
  -u/--unit: the unit of the result (nsec, usec, msec or sec)
  -h/--help: print this message and exit

Several statement arguments are joined as separate lines.
"""

import gc
import itertools
import sys
import time

__all__ = ["Timer", "timeit", "repeat", "default_timer"]

dummy_src_name = "<timeit-src>"
default_number = 1000000
default_repeat = 5
default_timer = time.perf_counter

_globals = globals

# The function compiled for a Timer; the statement sits on line 6 and the
# setup on line 3 of "<timeit-src>", as tracebacks show them.
template = """
def inner(_it, _timer{init}):
    {setup}
    _t0 = _timer()
    for _i in _it:
        {stmt}
        pass
    _t1 = _timer()
    return _t1 - _t0
"""


def reindent(src, indent):
    """Indents every line of src after the first by `indent` spaces."""
    return src.replace("\n", "\n" + " " * indent)


class Timer:
    """Times the execution of `stmt` (a string or a callable) after running
    `setup` once, with the clock `timer`, in the namespace `globals` (the
    timeit module's own by default)."""

    def __init__(self, stmt="pass", setup="pass", timer=default_timer, globals=None):
        self.timer = timer
        local_ns = {}
        global_ns = _globals() if globals is None else globals
        init = ""
        if isinstance(setup, str):
            compile(setup, dummy_src_name, "exec")       # valid on its own
            prefix = setup + "\n"
            setup = reindent(setup, 4)
        elif callable(setup):
            local_ns["_setup"] = setup
            init += ", _setup=_setup"
            prefix = ""
            setup = "_setup()"
        else:
            raise ValueError("setup is neither a string nor callable")
        if isinstance(stmt, str):
            # valid outside a function too (no bare return, yield, break...)
            compile(prefix + stmt, dummy_src_name, "exec")
            stmt = reindent(stmt, 8)
        elif callable(stmt):
            local_ns["_stmt"] = stmt
            init += ", _stmt=_stmt"
            stmt = "_stmt()"
        else:
            raise ValueError("stmt is neither a string nor callable")
        self.src = template.format(stmt=stmt, setup=setup, init=init)
        exec(compile(self.src, dummy_src_name, "exec"), global_ns, local_ns)
        self.inner = local_ns["inner"]

    def print_exc(self, file=None):
        """Prints the current exception's traceback (to stderr by default),
        with the source lines of the timed code."""
        import traceback
        lines = self.src.split("\n")
        out = []
        for chunk in traceback.format_exception(sys.exception()):
            out.append(chunk)
            head = '  File "%s", line ' % dummy_src_name
            if chunk.startswith(head) and chunk.count("\n") == 1:
                lineno = int(chunk[len(head):].split(",")[0])
                if 1 <= lineno <= len(lines) and lines[lineno - 1].strip():
                    out.append("    " + lines[lineno - 1].strip() + "\n")
        (sys.stderr if file is None else file).write("".join(out))

    def timeit(self, number=default_number):
        """Seconds taken to run the statement `number` times (the setup runs
        once first); the garbage collector is off meanwhile."""
        it = itertools.repeat(None, number)
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return self.inner(it, self.timer)
        finally:
            if was_enabled:
                gc.enable()

    def repeat(self, repeat=default_repeat, number=default_number):
        """A list of `repeat` results of timeit(number)."""
        return [self.timeit(number) for _ in range(repeat)]

    def autorange(self, callback=None):
        """(number, seconds) for the first number of loops in 1, 2, 5, 10,
        20, 50, ... that takes at least 0.2 seconds; callback(number,
        seconds) is called after each try."""
        scale = 1
        while True:
            for step in (1, 2, 5):
                number = scale * step
                taken = self.timeit(number)
                if callback:
                    callback(number, taken)
                if taken >= 0.2:
                    return (number, taken)
            scale *= 10


def timeit(stmt="pass", setup="pass", timer=default_timer,
           number=default_number, globals=None):
    """Timer(stmt, setup, timer, globals).timeit(number)."""
    return Timer(stmt, setup, timer, globals).timeit(number)


def repeat(stmt="pass", setup="pass", timer=default_timer,
           repeat=default_repeat, number=default_number, globals=None):
    """Timer(stmt, setup, timer, globals).repeat(repeat, number)."""
    return Timer(stmt, setup, timer, globals).repeat(repeat, number)


_UNITS = {"sec": 1.0, "msec": 1e-3, "usec": 1e-6, "nsec": 1e-9}


def main(args=None, *, _wrap_timer=None):
    """The command line: args (default sys.argv[1:]) as documented at the
    top of this module.  Returns the exit status (None on success)."""
    import getopt
    if args is None:
        args = sys.argv[1:]
    try:
        opts, args = getopt.getopt(args, "n:u:s:r:pvh",
                                   ["number=", "setup=", "repeat=", "process",
                                    "verbose", "unit=", "help"])
    except getopt.error as err:
        print(err)
        print("use -h/--help for command line help")
        return 2
    stmt = "\n".join(args) or "pass"
    timer = default_timer
    number = 0                       # 0: let autorange choose
    setups = []
    repeats = default_repeat
    verbose = 0
    unit = None
    precision = 3
    for o, a in opts:
        if o in ("-n", "--number"):
            number = int(a)
        elif o in ("-s", "--setup"):
            setups.append(a)
        elif o in ("-u", "--unit"):
            if a not in _UNITS:
                print("Unrecognized unit. Please select nsec, usec, msec, or sec.",
                      file=sys.stderr)
                return 2
            unit = a
        elif o in ("-r", "--repeat"):
            repeats = max(int(a), 1)
        elif o in ("-p", "--process"):
            timer = time.process_time
        elif o in ("-v", "--verbose"):
            if verbose:              # each -v after the first: one more digit
                precision += 1
            verbose += 1
        elif o in ("-h", "--help"):
            print(__doc__, end="")
            return 0
    setup = "\n".join(setups) or "pass"

    # statements may import modules from the current directory
    import os
    sys.path.insert(0, os.curdir)
    if _wrap_timer is not None:
        timer = _wrap_timer(timer)

    def show(seconds):
        if unit is not None:
            name, scale = unit, _UNITS[unit]
        else:
            # the largest unit the time reaches (nsec below a nanosecond)
            for name, scale in _UNITS.items():
                if seconds >= scale:
                    break
        return "%.*g %s" % (precision, seconds / scale, name)

    t = Timer(stmt, setup, timer)
    if number == 0:
        def report(n, taken):
            print("{n} loop{s} -> {t:.{p}g} secs".format(
                n=n, s="s" if n != 1 else "", t=taken, p=precision))
        try:
            number, _ = t.autorange(report if verbose else None)
        except:
            t.print_exc()
            return 1
        if verbose:
            print()
    try:
        raw = t.repeat(repeats, number)
    except:
        t.print_exc()
        return 1
    if verbose:
        print("raw times: %s" % ", ".join(map(show, raw)))
        print()
    per_loop = [dt / number for dt in raw]
    best, worst = min(per_loop), max(per_loop)
    print("%d loop%s, best of %d: %s per loop"
          % (number, "s" if number != 1 else "", repeats, show(best)))
    if worst >= best * 4:
        import warnings
        warnings.warn_explicit("The test results are likely unreliable. "
                               "The worst time (%s) was more than four times "
                               "slower than the best time (%s)."
                               % (show(worst), show(best)),
                               UserWarning, "", 0)
    return None


if __name__ == "__main__":
    sys.exit(main())
