def f(a, b):
    return a + b
def g(a, b=1, *, c):
    return a
calls = [
    lambda: f(1), lambda: f(1, 2, 3), lambda: f(1, c=2), lambda: f(1, a=1), lambda: g(1),
    lambda: g(), lambda: f(), lambda: (lambda: 0)(1), lambda: g(1, 2, 3, c=1),
]
for c in calls:
    try:
        c()
    except TypeError as e:
        print(e)
