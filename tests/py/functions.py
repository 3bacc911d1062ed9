def add(a, b=10, *args, key=None, **kw):
    return a + b + sum(args), key, kw
print(add(1))
print(add(1, 2))
print(add(1, 2, 3, 4, key="k", extra=1))
print(add(b=5, a=1))
def f(*args, **kwargs):
    return args, kwargs
print(f(), f(1, 2), f(x=1), f(*[1, 2], **{"y": 3}))
def g(a, /, b, *, c):
    return a, b, c
print(g(1, 2, c=3), g(1, b=2, c=3))
sq = lambda x: x * x
print(sq(7), (lambda: "hi")(), list(map(lambda v: v + 1, [1, 2])))
def defaults(x, acc=[]):
    acc.append(x)
    return acc
print(defaults(1), defaults(2))
def noret():
    pass
print(noret())
def rec(n):
    return 1 if n <= 1 else n * rec(n - 1)
print(rec(20), rec(30))
print(add.__name__, sq.__name__)
