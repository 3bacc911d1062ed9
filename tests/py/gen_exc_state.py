def g():
    try:
        raise KeyError("k")
    except KeyError:
        yield 1
        try:
            raise
        except KeyError as e:
            print("reraise in gen:", repr(e))
    yield 2
x = g()
print(next(x))
try:
    raise
except RuntimeError as e:
    print("outside:", e)
try:
    raise ValueError("v")
except ValueError:
    print(next(x))
    try:
        raise
    except ValueError as e:
        print("caller still:", repr(e))
def h():
    try:
        raise
    except TypeError as e:
        yield repr(e)
try:
    raise TypeError("t")
except TypeError:
    print("h sees", next(h()))
def ctx():
    try:
        yield
    finally:
        pass
    raise IndexError("i")
c = ctx(); next(c)
try:
    raise OSError("o")
except OSError:
    try:
        next(c)
    except IndexError as e:
        print("context", repr(e.__context__))
def rec(n):
    if n:
        yield from rec(n-1)
    yield n
print(sum(rec(200)))
def f():
    yield 1
    raise ValueError("in gen")
def user():
    for v in f():
        pass
gg = g()
print(gg.gi_running, gg.gi_suspended)
next(gg)
print(gg.gi_suspended)
user()
