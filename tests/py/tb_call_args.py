def f(a, b):
    return a
result = f(1)
