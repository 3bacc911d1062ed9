# An uncaught exception through a generator and a genexp: CPython's traceback.
def producer(items):
    for x in items:
        yield 10 // x

def consumer():
    total = 0
    for v in producer([5, 2, 0]):
        total += v
    return total

try:
    consumer()
except ZeroDivisionError as e:
    print("caught", e)

data = [1, 2, 0]
print(sum(1 / x for x in data[:2]))
g = (100 // x for x in data)
print(next(g), next(g))
next(g)
