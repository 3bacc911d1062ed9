# os.PathLike (an ABC recognising any class with __fspath__), the
# supports_* sets, chown/lchown/fchown with -1 (no change), putenv/unsetenv,
# and os.environ reaching an exec'd program.
import os
import sys

class P:
    def __init__(self, v):
        self.v = v
    def __fspath__(self):
        return self.v

class NoPath:
    __fspath__ = None

class Sub(os.PathLike):
    def __fspath__(self):
        return "sub"

print(os.PathLike, os.PathLike.__mro__[1:], os.PathLike.__doc__, os.PathLike[str])
print(isinstance(P("x"), os.PathLike), isinstance("x", os.PathLike), isinstance(b"x", os.PathLike),
      isinstance(NoPath(), os.PathLike), issubclass(P, os.PathLike), issubclass(os.DirEntry, os.PathLike))
print(isinstance(Sub(), os.PathLike), os.fspath(Sub()), os.path.join(Sub(), "x"))
try:
    class Abstract(os.PathLike):
        pass
    Abstract()
except TypeError as e:
    print("TypeError", e)
with open("f", "w"):
    pass
print(isinstance(next(os.scandir(".")), os.PathLike))

for name in ["supports_fd", "supports_dir_fd", "supports_follow_symlinks", "supports_effective_ids"]:
    s = getattr(os, name)
    print(name, type(s).__name__, os.stat in s, os.access in s, os.listdir in s, os.open in s, os.chdir in s)
print(os.supports_bytes_environ)

os.chown("f", -1, -1)
os.lchown("f", -1, -1)
fd = os.open("f", os.O_RDONLY)
os.fchown(fd, -1, -1)
os.chown(fd, -1, -1)
os.close(fd)
for fn, a in [(os.chown, ("nope", -1, -1)), (os.chown, ("f", -1)), (os.chown, ("f", "x", -1)),
              (os.lchown, ("nope", -1, -1)), (os.fchown, (9999, -1, -1))]:
    try:
        fn(*a)
    except Exception as e:
        print(type(e).__name__, e)

os.environ["TV_CHILD"] = "seen by the child"
os.putenv("TV_PUT", "x")
os.unsetenv("TV_PUT")
for fn, a in [(os.putenv, ("", "x")), (os.putenv, ("a=b", "x")), (os.putenv, (1, "x")), (os.unsetenv, ("",))]:
    try:
        fn(*a)
    except Exception as e:
        print(type(e).__name__, e)
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    try:
        os.execvp("sh", ["sh", "-c", 'echo "$TV_CHILD"'])
    finally:
        os._exit(99)
print(os.waitpid(pid, 0)[1])
os.remove("f")
print(os.system('echo "$TV_CHILD"; exit 3'), os.system(b"true"), os.WEXITSTATUS(os.system("exit 4")))
try:
    os.system()
except TypeError as e:
    print("TypeError", e)
