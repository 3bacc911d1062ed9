# os.stat / lstat / fstat and os.stat_result (a struct sequence: a 10-tuple
# with hidden fields read by name), the os.path queries built on stat, and
# the stat module.  Run-dependent values (inodes, times, ids) are compared,
# not printed.
import os
import stat

def t(fn, *a, **k):
    try:
        r = fn(*a, **k)
        print(repr(r) if not isinstance(r, os.stat_result) else "stat_result")
    except Exception as e:
        print(type(e).__name__, e)

with open("f.txt", "w") as f:
    f.write("hello world")
os.mkdir("d")
os.symlink("f.txt", "link")
os.symlink("nowhere", "broken")

st = os.stat("f.txt")
print(type(st), type(st).__name__, type(st).__module__, type(st).__mro__)
print(len(st), st.n_fields, st.n_sequence_fields, st.n_unnamed_fields, os.stat_result.n_fields)
print(st.st_size, st[6], st[stat.ST_SIZE], stat.S_ISREG(st.st_mode), stat.S_ISDIR(st.st_mode))
print(st.st_mode == st[0], st.st_ino == st[1], st.st_dev == st[2], st.st_nlink, st[3])
print(type(st.st_atime).__name__, type(st[7]).__name__, type(st.st_mtime_ns).__name__, type(st.st_blksize).__name__)
print(st[7] == int(st.st_atime), st[8] == st.st_mtime_ns // 10**9, abs(st.st_mtime - st.st_mtime_ns / 1e9) < 1e-3)
print(st.st_blocks >= 0, st.st_rdev == 0, st.st_uid == os.getuid(), st.st_gid == os.getgid())
print(isinstance(st, tuple), tuple(st) == st, st == tuple(st), hash(st) == hash(tuple(st)))
print(st[-1] == st[9], type(st[:2]).__name__, st[:2] == (st.st_mode, st.st_ino), list(st)[6])
print(repr(st).startswith("os.stat_result(st_mode=%d, st_ino=%d, st_dev=" % (st.st_mode, st.st_ino)))
print(repr(st).endswith("st_size=11, st_atime=%d, st_mtime=%d, st_ctime=%d)" % (st[7], st[8], st[9])))
print(sorted(n for n in dir(st) if n.startswith("st_")))
print(os.stat_result.st_size, os.stat_result.st_mtime)
try:
    st.st_size = 3
except AttributeError as e:
    print("AttributeError", e)
try:
    st.other
except AttributeError as e:
    print("AttributeError", e)
try:
    st[10]
except IndexError as e:
    print("IndexError", e)

# building stat_result by hand
print(os.stat_result(range(10)))
r = os.stat_result(range(13))
print(r.st_atime, r.st_mtime, r.st_ctime, r.st_atime_ns, r.st_blksize)
r = os.stat_result(range(10))
print(r.st_atime, r.st_mtime, r.st_ctime, r.st_rdev)
t(os.stat_result, (1, 2))
t(os.stat_result, range(20))
t(os.stat_result, 5)
print(os.stat_result(range(19)).st_rdev)

# lstat, fstat, follow_symlinks, dir_fd
ls = os.lstat("link")
print(stat.S_ISLNK(ls.st_mode), stat.S_ISLNK(os.stat("link").st_mode), os.stat("link").st_size)
print(stat.S_ISLNK(os.stat("link", follow_symlinks=False).st_mode), stat.S_ISLNK(os.lstat("broken").st_mode))
fd = os.open("f.txt", os.O_RDONLY)
fs = os.fstat(fd)
print(fs.st_ino == st.st_ino, os.stat(fd).st_size, fs == st or fs.st_atime_ns != st.st_atime_ns)
os.close(fd)
dfd = os.open("d", os.O_RDONLY)
with open("d/in.txt", "w") as f:
    f.write("xyz")
print(os.stat("in.txt", dir_fd=dfd).st_size, os.lstat("in.txt", dir_fd=dfd).st_size)
os.close(dfd)
print(stat.S_ISDIR(os.stat("d").st_mode), stat.S_IMODE(os.stat("d").st_mode) & 0o700 == 0o700)
print(stat.S_ISDIR(os.stat(b"d").st_mode))

class P:
    def __init__(self, p):
        self.p = p
    def __fspath__(self):
        return self.p

print(os.stat(P("f.txt")).st_size, os.stat(P(b"f.txt")).st_size)

# errors
t(os.stat, "nope")
t(os.stat, b"nope")
t(os.stat, P("nope"))
t(os.lstat, "nope")
t(os.stat, "broken")
t(os.stat, "f.txt/x")
t(os.stat, "a\0b")
t(os.stat, 1.5)
t(os.stat, None)
t(os.stat, [])
t(os.lstat, 0)
t(os.lstat, 1.5)
t(os.fstat, 9999)
t(os.fstat, "x")
t(os.fstat)
t(os.stat)
t(os.stat, "a", "b")
t(os.stat, path="f.txt")
t(os.stat, "f.txt", path="x")
t(os.stat, "f.txt", foo=1)
t(os.stat, 10**20)
t(os.stat, P(1))

# os.path on stat
print(os.path.getsize("f.txt"), os.path.getsize("d/in.txt"))
print(os.path.getmtime("f.txt") == st.st_mtime, os.path.getatime("f.txt") == os.stat("f.txt").st_atime,
      os.path.getctime("f.txt") == st.st_ctime, type(os.path.getmtime("f.txt")).__name__)
print(os.path.islink("link"), os.path.islink("f.txt"), os.path.islink("broken"), os.path.islink("nope"))
print(os.path.lexists("broken"), os.path.exists("broken"), os.path.lexists("nope"), os.path.lexists("f.txt"))
print(os.path.exists("a\0b"), os.path.isfile("a\0b"), os.path.islink("a\0b"), os.path.exists(0))
print(os.path.samefile("f.txt", "link"), os.path.samefile("f.txt", "./d/../f.txt"), os.path.samefile("f.txt", "d"))
print(os.path.samestat(os.stat("f.txt"), os.stat("link")), os.path.ismount("/"), os.path.ismount("d"))
t(os.path.getsize, "nope")
t(os.path.getmtime, "nope")
t(os.path.getatime, 1.5)
t(os.path.getctime, "broken")
t(os.path.samefile, "f.txt", "nope")
t(os.path.islink, 1.5)
t(os.path.lexists, 1)
t(os.path.exists, 1.5)
t(os.path.getsize)

# the stat module
for m in [0o100644, 0o040755, 0o120777, 0o104755, 0o041777, 0o102644, 0o106000, 0o020666,
          0o060660, 0o010644, 0o140755, 0, 0o777]:
    print(oct(m), stat.filemode(m), stat.S_IMODE(m), stat.S_IFMT(m), stat.S_ISDIR(m), stat.S_ISREG(m),
          stat.S_ISLNK(m), stat.S_ISCHR(m), stat.S_ISBLK(m), stat.S_ISFIFO(m), stat.S_ISSOCK(m))
print(stat.S_IFDIR, stat.S_IFREG, stat.S_IFLNK, stat.S_IRWXU, stat.S_IRUSR, stat.S_IXOTH, stat.S_ISUID,
      stat.S_ISVTX, stat.S_IREAD, stat.S_IWRITE, stat.S_IEXEC, stat.ST_MTIME, stat.UF_HIDDEN, stat.SF_SETTABLE)
print(stat.S_ISDOOR(0), stat.S_ISPORT(0), stat.S_ISWHT(0), stat.S_IFDOOR, stat.FILE_ATTRIBUTE_DIRECTORY)
print(stat.filemode(os.lstat("link").st_mode)[0], stat.filemode(os.stat("d").st_mode)[0])
print(stat.S_IMODE.__doc__)
print(stat.filemode.__doc__)
t(stat.S_ISDIR, "x")
t(stat.filemode, 1.5)
os.remove("link")
os.remove("broken")
os.remove("d/in.txt")
os.rmdir("d")
os.remove("f.txt")
print(sorted(os.listdir(".")))
