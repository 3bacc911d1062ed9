# Exception group reports as CPython 3.13 prints them: the boxes and margins,
# nested groups, notes after the exception line, chained causes and contexts
# inside a group, the 15-member and 10-level limits (through
# traceback.format_exception), and finally an uncaught group from except*
# (stderr and exit status 1).  Reports go to stderr, where paths are
# substituted.
import sys
import traceback


def show(x):
    print(x, file=sys.stderr)


def nest(n):
    e = ValueError(n)
    for i in range(n):
        e = ExceptionGroup(f"level {i}", [e, TypeError(i)])
    return e


show("".join(traceback.format_exception(nest(12))))
show("".join(traceback.format_exception(ExceptionGroup("wide", [ValueError(i) for i in range(17)]))))
show("".join(traceback.format_exception(ExceptionGroup("wide16", [ValueError(i) for i in range(16)]))))
show("".join(traceback.format_exception(ExceptionGroup("wide15", [ValueError(i) for i in range(15)]))))

e = ValueError("multi\nline")
e.add_note("note one\nnote two")
try:
    try:
        raise KeyError("inner")
    except KeyError as k:
        raise ExceptionGroup("ctx", [e, RuntimeError("r")]) from k
except ExceptionGroup as g:
    show("".join(traceback.format_exception(g)))
    show(traceback.format_exception_only(g))

g2 = ExceptionGroup("plain", [OSError(2, "No such file", "x.txt"), KeyError("k")])
try:
    raise g2
except ExceptionGroup as g:
    show(traceback.format_exception(g))

cyc = ExceptionGroup("cyc", [ValueError(1)])
cyc.exceptions[0].__context__ = cyc
show("".join(traceback.format_exception(cyc)))

n = ExceptionGroup("notes", [ValueError(1)])
n.__notes__ = ("a", "b\nc")
show("".join(traceback.format_exception(n)))
n.__notes__ = 42
show("".join(traceback.format_exception(n)))
show("".join(traceback.format_exception(BaseExceptionGroup("b", [KeyboardInterrupt(), ValueError()]))))

leaf = TypeError("shared")
show("".join(traceback.format_exception(ExceptionGroup("dup", [leaf, ExceptionGroup("again", [leaf])]))))


def f(i):
    raise ValueError(i)


def g():
    excs = []
    for i in range(3):
        try:
            f(i)
        except ValueError as e:
            excs.append(e)
    e = TypeError("t")
    e.add_note("a note")
    excs.append(e)
    raise ExceptionGroup("inner", excs)


def h():
    try:
        g()
    except* TypeError:
        raise KeyError("k")


try:
    h()
except ExceptionGroup as e:
    e.add_note("outer note")
    raise
