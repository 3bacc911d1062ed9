# traceback module and sys.exc_info/sys.exception: reports match the
# interpreter's own (written to stderr, where paths are normalised).
import sys
import traceback


def inner(x):
    return x["k"]


def outer():
    return inner({}) + 1


try:
    outer()
except KeyError:
    traceback.print_exc()
    sys.stderr.write(traceback.format_exc())
    print(sys.exc_info()[0], repr(sys.exc_info()[1]), repr(sys.exception()))

try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise ValueError("bad") from e
except ValueError as e:
    chunks = traceback.format_exception(e)
    print(len(chunks), chunks[-1], end="")
    print(traceback.format_exception_only(e), traceback.format_exception_only(type(e), e))
    traceback.print_exception(e)
    traceback.print_exception(type(e), e, e.__traceback__, chain=False)
    traceback.print_exception(e, limit=None, file=sys.stdout, chain=False) if False else None

print(repr(traceback.format_exc()), sys.exc_info(), sys.exception())
traceback.print_exc()
print(traceback.format_exception(None), traceback.format_exception_only(None))
try:
    traceback.print_exception(ValueError, ValueError(1))
except ValueError as e:
    print(e)


def gen():
    try:
        yield 1
    except Exception:
        print("in gen", repr(sys.exception()))
    print("after", repr(sys.exception()))
    yield 2


g = gen()
next(g)
try:
    raise OSError("x")
except OSError:
    print(g.throw(KeyError(2)), repr(sys.exception()))

try:
    import no_such_module_here
except ModuleNotFoundError as e:
    print(e, e.name, e.msg if hasattr(e, "msg") else "")
