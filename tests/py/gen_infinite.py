# Infinite generators driven by next(), islice-like helpers.
def naturals():
    n = 0
    while True:
        yield n
        n += 1

def take(n, it):
    out = []
    for x in it:
        if len(out) >= n:
            break
        out.append(x)
    return out

nat = naturals()
print(next(nat), next(nat), next(nat))
print(take(5, nat))
print(take(3, (x * x for x in naturals())))
evens = (x for x in naturals() if x % 2 == 0)
print([next(evens) for _ in range(6)])

def primes():
    found = []
    for n in naturals():
        if n < 2:
            continue
        if all(n % p for p in found if p * p <= n):
            found.append(n)
            yield n

p = primes()
print([next(p) for _ in range(20)])

def cycle(xs):
    while True:
        for x in xs:
            yield x

c = cycle("abc")
print("".join(next(c) for _ in range(10)))

squares = (n * n for n in naturals())
for s in squares:
    if s > 200:
        print("first square over 200:", s)
        break
print(next(squares))

def counter_gen():
    i = 0
    while True:
        i += 1
        yield i

g = counter_gen()
total = 0
for _ in range(100000):
    total += next(g)
print(total)
