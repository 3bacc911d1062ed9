# os.path (posixpath) on str paths: join, basename, dirname, split,
# splitext, normpath, isabs, abspath, and the import forms of a submodule.
import os
import os.path
from os.path import join as j
from os import path

print(os.path is path, j is os.path.join, os.path.__name__, os.path.sep, os.sep)
print(os.path.join("a", "b", "c"), os.path.join("/a", "/b", "c"), os.path.join("a/", "b"))
print(repr(os.path.join("", "x")), repr(os.path.join("a", "")), repr(os.path.join("a")), os.path.join("a", "b/", "c"))
for p in ["a/b/c.txt", "/", "//", "///x", "a", "", "a/", "/usr/lib/", ".bashrc", "a/.b.c",
          "x.tar.gz", "...", "a/..b", "foo//bar", "a.b/c", "ü/é.txt", "..", "./x."]:
    print(repr(p), repr(os.path.basename(p)), repr(os.path.dirname(p)), os.path.split(p),
          os.path.splitext(p), os.path.normpath(p), os.path.isabs(p))
for p in ["a/./b/../c", "../../x", "/../x", "//a//b/", "a/b/../../..", "./", "/a/b/../../../c", "a/../..//b/."]:
    print(p, os.path.normpath(p))
print(os.path.abspath("/a/b/../c"), os.path.abspath("x") == os.path.join(os.getcwd(), "x"))
print(os.path.abspath(".") == os.getcwd(), os.path.abspath("") == os.getcwd())

def t(fn, *a, **k):
    try:
        print(fn(*a, **k))
    except Exception as e:
        print(type(e).__name__, e)

t(os.path.join, 1)
t(os.path.join, "a", 1)
t(os.path.basename, 1)
t(os.path.splitext, None)
t(os.path.join)
t(os.path.dirname)
