# os basics: name, sep, linesep, getcwd, getpid, cpu_count, environ and
# getenv; the OSError subclass hierarchy and errno mapping.
import os

print(os.name, repr(os.sep), repr(os.linesep), os.curdir, os.pardir, os.extsep, os.pathsep, os.devnull)
print(type(os.getcwd()).__name__, os.path.isabs(os.getcwd()), os.path.isdir(os.getcwd()))
print(type(os.getpid()).__name__, os.getpid() > 0, os.getpid() == os.getpid())
print(type(os.cpu_count()).__name__, os.cpu_count() >= 1)
print(type(os.environ).__name__ in ("dict", "_Environ"), "PATH" in os.environ)
print(os.getenv("PATH") == os.environ["PATH"], os.getenv("TORII_SURELY_UNSET"), os.getenv("TORII_SURELY_UNSET", "dflt"))
print(os.environ.get("TORII_SURELY_UNSET", 7))

def t(fn, *a, **k):
    try:
        print(fn(*a, **k))
    except Exception as e:
        print(type(e).__name__, e)

t(os.getenv)
t(os.getenv, 1)
for cls in [FileNotFoundError, FileExistsError, PermissionError, IsADirectoryError,
            NotADirectoryError, TimeoutError, BlockingIOError, ChildProcessError,
            InterruptedError, ProcessLookupError, ConnectionError, BrokenPipeError,
            ConnectionAbortedError, ConnectionRefusedError, ConnectionResetError]:
    print(cls.__name__, issubclass(cls, OSError), cls.__base__.__name__)
for no in [2, 17, 13, 1, 21, 20, 110, 11, 10, 4, 3, 32, 103, 111, 104, 5, 99999]:
    e = OSError(no, "msg")
    print(no, type(e).__name__, e)
print(OSError(2, "No such file", "a", None, "b"))
print(OSError(2, "No such file", "a"))
print(OSError("plain"))
