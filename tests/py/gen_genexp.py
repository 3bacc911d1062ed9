# Generator expressions: lazy, consumed by builtins, scoping.
nums = [3, 1, 4, 1, 5, 9, 2, 6]
print(sum(x * x for x in nums))
print(any(x > 8 for x in nums), all(x > 0 for x in nums), any(x > 100 for x in nums))
print(sorted(x % 4 for x in nums))
print("".join(str(x) for x in nums))
print(", ".join(w.upper() for w in ["a", "bb", "ccc"] if len(w) > 1))
print(list(x for x in range(10) if x % 3 == 0))
print(max(len(w) for w in ["aa", "b", "cccc"]), min((x for x in nums), default=None))
print(tuple((a, b) for a in range(3) for b in range(a)))
print(dict((k, len(k)) for k in ["one", "three"]))
print(sorted(set(c for c in "mississippi")))

g = (x * 2 for x in range(3))
print(type(g).__name__, repr(g).startswith("<generator object <genexpr> at 0x"))
print(g.__name__, g.__qualname__)
print(next(g), list(g), list(g))

def in_func(k):
    return (x + k for x in range(3))

gi = in_func(10)
print(gi.__qualname__, list(gi))

# lazy: side effects happen only when pulled
log = []
def noisy(x):
    log.append(x)
    return x

g = (noisy(x) for x in range(5))
print(log)
print(next(g), log)
print(next(g), log)

# the outermost iterable is evaluated at once, the rest lazily
def src():
    print("src called")
    return [1, 2]

g = (x for x in src())
print("created")
print(list(g))

# genexp inside a comprehension using the comprehension's variable
rows = [[1, 2, 3], [4, 5, 6]]
cols = [[1, 0], [0, 1], [1, 1]]
print([[sum(a * b for a, b in zip(r, c)) for c in zip(*cols)] for r in rows])
print([list(i * j for j in range(3)) for i in range(3)])
print({k: sum(v for v in range(k)) for k in range(5)})
fs = [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in fs])

# closure late binding through the genexp
k = 1
g = (x + k for x in range(3))
k = 100
print(list(g))
