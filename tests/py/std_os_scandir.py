# os.scandir and its DirEntry objects (name, path, is_dir/is_file/
# is_symlink with and without following links, stat caching, inode,
# __fspath__, the context manager), and os.walk top-down and bottom-up
# with pruning, onerror and followlinks.
import os
import stat

def t(fn, *a, **k):
    try:
        print(repr(fn(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)

os.makedirs("top/a/aa")
os.makedirs("top/b")
os.mkdir("top/c")
for p in ["top/f1", "top/a/f2", "top/a/aa/f3", "top/b/f4"]:
    with open(p, "w") as f:
        f.write(p)
os.symlink("a", "top/la")
os.symlink("f1", "top/lf")
os.symlink("missing", "top/lx")

it = os.scandir("top")
print(type(it).__name__, type(it).__module__, iter(it) is it)
entries = sorted(it, key=lambda e: e.name)
print(entries)
for e in entries:
    print(e.name, e.path, e.is_dir(), e.is_file(), e.is_symlink(),
          e.is_dir(follow_symlinks=False), e.is_file(follow_symlinks=False), e.is_junction())
e = entries[0]
print(type(e), type(e).__name__, os.DirEntry is type(e), repr(e), os.fspath(e), str(e)[:10])
print(e.inode() == os.stat("top/a").st_ino, e.stat().st_ino == e.inode(), stat.S_ISDIR(e.stat().st_mode))
st1 = e.stat()
print(st1 is e.stat(), e.stat(follow_symlinks=False) is st1)
la = [x for x in entries if x.name == "la"][0]
print(stat.S_ISDIR(la.stat().st_mode), stat.S_ISLNK(la.stat(follow_symlinks=False).st_mode), la.inode() == os.lstat("top/la").st_ino)
lx = [x for x in entries if x.name == "lx"][0]
print(lx.is_dir(), lx.is_file(), lx.is_symlink())
t(lx.stat)
print(stat.S_ISLNK(lx.stat(follow_symlinks=False).st_mode))
print(os.path.join("x", e), os.path.isdir(e), os.stat(e).st_ino == e.inode())
t(next, it)
it.close()
it.close()
t(next, it)

with os.scandir("top/a") as it2:
    print(sorted(x.name for x in it2))
t(next, it2)
with os.scandir("top/b") as it3:
    first = next(it3)
    print(first.name, first.path)
t(next, it3)

print(sorted(x.path for x in os.scandir("top/a/")))
print(sorted(x.path for x in os.scandir(b"top/a")))
print(sorted((type(x.name).__name__, x.name) for x in os.scandir(b"top/b")))
os.chdir("top")
print(sorted(x.path for x in os.scandir()), sorted(x.path for x in os.scandir(None)))
print(sorted(x.path for x in os.scandir(".")))
fd = os.open("a", os.O_RDONLY)
print(sorted((x.name, x.path, x.is_dir()) for x in os.scandir(fd)))
print(sorted(os.listdir(fd)))
os.close(fd)
os.chdir("..")

class P:
    def __fspath__(self):
        return "top/b"

print([x.path for x in os.scandir(P())])
t(os.scandir, "nope")
t(os.scandir, "top/f1")
t(os.scandir, 1.5)
t(os.scandir, "a", "b")
t(os.scandir, path=1.5)
t(os.DirEntry)
t(e.is_dir, 1)
t(e.is_dir, follow=1)
t(e.stat, True)
t(os.listdir, 1.5)
t(os.listdir, "nope")
print(sorted(os.listdir("top")), sorted(os.listdir(b"top/a")))

# os.walk
def show(gen):
    for top, dirs, files in gen:
        print(top, sorted(dirs), sorted(files))

def sorted_walk(*a, **k):
    for top, dirs, files in os.walk(*a, **k):
        dirs.sort()
        yield top, dirs, files

show(sorted_walk("top"))
print("--")
res = list(os.walk("top", topdown=False))
print(sorted((r[0], sorted(r[1]), sorted(r[2])) for r in res))
order = [r[0] for r in res]
print(order.index("top/a/aa") < order.index("top/a") < order.index("top"), order[-1])
print("--")
show(sorted_walk("top", followlinks=True))
print("--")
for top, dirs, files in sorted_walk("top"):
    if "a" in dirs:
        dirs.remove("a")
    print(top, dirs, sorted(files))
print("--")
errs = []
print(list(os.walk("nope", onerror=errs.append)), [(type(x).__name__, x.filename) for x in errs])
print(list(os.walk("nope")))
print(list(os.walk("top/f1")))
show(sorted_walk(b"top/a"))
show(sorted_walk(P()))
print(type(os.walk("top")).__name__)

for top, dirs, files in os.walk("top", topdown=False):
    for f in files:
        os.remove(os.path.join(top, f))
    for d in dirs:
        p = os.path.join(top, d)
        if os.path.islink(p):
            os.remove(p)
        else:
            os.rmdir(p)
os.rmdir("top")
print(os.listdir("."))
