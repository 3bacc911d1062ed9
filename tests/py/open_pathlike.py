# open() of an os.PathLike (__fspath__), a pathlib.Path and a bytes path, and the errors for other objects.
import os, pathlib
class P:
    def __init__(self, p): self.p = p
    def __fspath__(self): return self.p
with open("f.txt", "w") as f: f.write("hello\n")
with open(P("f.txt")) as f: print(f.read(), end="")
with open(pathlib.Path("f.txt")) as f: print(f.name, f.read(), end="")
with open(b"f.txt") as f: print(f.read(), end="")
with open(file=P("f.txt"), mode="r") as f: print(f.read(), end="")
class Bad:
    def __fspath__(self): return 5
for x in [Bad(), 1.5, [], P(b"f.txt")]:
    try:
        with open(x) as f: print("ok", f.read(), end="")
    except TypeError as e: print(type(e).__name__, e)
os.remove("f.txt")
