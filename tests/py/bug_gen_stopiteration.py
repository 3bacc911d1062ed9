def g():
    yield 1
    raise StopIteration
try:
    list(g())
except RuntimeError as e:
    print(repr(e), repr(e.__cause__))
x = g()
next(x)
next(x)
