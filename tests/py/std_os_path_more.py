# os.path beyond the basics: realpath (symlinks, loops, strict), expanduser,
# expandvars, relpath, commonpath, commonprefix, normcase, splitdrive,
# splitroot, bytes and os.PathLike arguments, and the errors.
import os
import os.path as p

def t(fn, *a, **k):
    try:
        print(repr(fn(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)

class P:
    def __init__(self, v):
        self.v = v
    def __fspath__(self):
        return self.v

here = os.getcwd()
def rel(x):
    if isinstance(x, bytes):
        return x.replace(os.fsencode(here), b"@")
    return x.replace(here, "@")

os.makedirs("r/a/b")
with open("r/a/b/file", "w"):
    pass
os.symlink("a/b", "r/lb")
os.symlink(here + "/r/a", "r/abs")
os.symlink("../..", "r/a/b/up")
os.symlink("loop2", "r/loop1")
os.symlink("loop1", "r/loop2")
os.symlink("nothere", "r/dangling")
os.symlink("lb/file", "r/chain")
for x in ["r", "r/lb", "r/lb/file", "r/abs/b", "r/a/b/up", "r/a/b/up/lb/up/a", "r/chain", "r/./a/../lb",
          "r/lb/..", "r/dangling", "r/dangling/x", "r/missing/../a", "r/loop1", "r/loop1/x", "r//a//b/",
          "", ".", "/", "//", "/usr/../", "r/a/b/file/..", "r/loop1/../a", "r/dangling/../lb"]:
    print(repr(x), rel(p.realpath(x)))
print(rel(p.realpath(b"r/lb")), rel(p.realpath(P("r/abs"))))
print(rel(p.realpath("r/lb", strict=True)), p.realpath("..") == p.dirname(here))
for x in ["r/dangling", "r/loop1", "r/missing"]:
    try:
        p.realpath(x, strict=True)
    except OSError as e:
        print(type(e).__name__, e.errno, rel(e.filename))
t(p.realpath, 1)
t(p.realpath)
t(p.realpath, "a", True)

# expanduser / expandvars
home = os.environ.get("HOME")
os.environ["HOME"] = "/home/tester/"
for x in ["~", "~/x", "~//x", "x/~", "", "~root", "~root/y", "~nosuchuser_zz/q", "~x~"]:
    print(repr(x), p.expanduser(x))
print(p.expanduser(b"~/b"), p.expanduser(P("~/p")))
os.environ["HOME"] = "/"
print(p.expanduser("~"), p.expanduser("~/z"))
if home is None:
    del os.environ["HOME"]
else:
    os.environ["HOME"] = home
os.environ["TV_A"] = "alpha"
os.environ["TV_B"] = "/bee"
for x in ["$TV_A", "${TV_A}", "x$TV_A/y", "$TV_B$TV_A", "$TV_NONE", "${TV_NONE}x", "$", "$$TV_A", "${TV_A",
          "${}", "$TV_A.txt", "$ TV_A", "a${TV_B}b${TV_A}", "no dollars", "$TV_A$", "${TV_A}}", "$1x", "é$TV_A"]:
    print(repr(x), repr(p.expandvars(x)))
print(p.expandvars(b"$TV_A/${TV_B}"), p.expandvars(P("$TV_A")))

# relpath
for a in [("a/b", "a"), ("a", "a/b"), ("/x/y", "/x/z/w"), ("/", "/a/b"), ("/a/b", "/"), ("a", "a"),
          ("a/./b", "a/c/.."), ("../x", "."), ("/a", "/a/"), ("x",)]:
    print(a, p.relpath(*a))
print(p.relpath(b"/a/b", b"/a"), p.relpath(P("/q/r"), P("/q")), p.relpath("r/a", here))
t(p.relpath, "")
t(p.relpath, b"")
t(p.relpath, "a", b"b")
t(p.relpath, 1)
t(p.relpath, "a", 1)

# commonpath / commonprefix
for a in [["/usr/lib", "/usr/local/lib"], ["/usr/lib", "/usr/lib/x"], ["a/b", "a/c"], ["a", "b"], ["/a", "/b"],
          ["/"], ["a//b/./c", "a/b/d"], ["", ""], ["x"], ["/usr/lib/", "/usr/lib"], ("a/b", "a/b/c", "a/bc")]:
    print(a, repr(p.commonpath(a)))
print(p.commonpath([b"/a/b", b"/a/c"]), p.commonpath(iter(["/q/w", "/q/e"])), p.commonpath([P("/a/x"), "/a/y"]))
t(p.commonpath, [])
t(p.commonpath, ["/a", "b"])
t(p.commonpath, ["a", b"b"])
t(p.commonpath, 1)
t(p.commonpath, [1])
for a in [["interspecies", "interstellar"], ["/usr/lib", "/usr/local"], ["abc"], [], ["", "a"], ["é1", "é2", "éa"],
          ["aé", "aè"], [[1, 2, 3], [1, 2, 4]], [(1, 2), (1, 2)], [b"ab", b"ac"], ("x", "xy")]:
    print(a, repr(p.commonprefix(a)))
t(p.commonprefix, ["a", b"b"])
t(p.commonprefix, 5)

# normcase, splitdrive, splitroot, isabs, join with bytes and PathLike
print(p.normcase("A/B"), p.normcase(b"X"), p.splitdrive("c:/x"), p.splitdrive(b"/y"))
for x in ["//a", "///a", "a", "/a", "", "//", "/a//b"]:
    print(repr(x), p.splitroot(x))
print(p.splitroot(b"//x"), p.isabs(b"/x"), p.isabs(P("/p")), p.isabs(b"x"))
print(p.join(b"a", b"b", b"/c", b"d"), p.join(P("a"), "b"), p.join("a", P("b")), p.join(b"a", P(b"b")))
print(p.split(b"/a/b"), p.splitext(b"x.tar.gz"), p.basename(b"/q/w"), p.dirname(P("/q/w")), p.normpath(b"a/../b/."))
print(p.abspath(b"r") == os.fsencode(here) + b"/r", p.isjunction("r"), p.isdevdrive("r"), p.supports_unicode_filenames)
t(p.join, b"a", "b")
t(p.join, "a", b"b")
t(p.join, "a", 1)
t(p.join, 1)
t(p.join)
t(p.join, "a", x=1)
t(p.expanduser, 1)
t(p.expandvars, None)
t(p.normcase, 1)
t(p.splitdrive, 1)
t(p.splitroot, 2.5)
t(p.basename, P(3))
t(p.getsize, "nope")
t(p.getsize, P("nope"))
t(p.getsize, 5.5)
t(p.getsize, "a\0b")

for top, dirs, files in os.walk("r", topdown=False):
    for f in files:
        os.remove(os.path.join(top, f))
    for d in dirs:
        q = os.path.join(top, d)
        os.remove(q) if os.path.islink(q) else os.rmdir(q)
os.rmdir("r")
