# randrange / randint / choice / shuffle on a seeded generator, including
# big ranges (the rejection loop over getrandbits) and negative steps.
import random

random.seed(2024)
print([random.randint(1, 6) for _ in range(30)])
print([random.randrange(10) for _ in range(20)])
print([random.randrange(5, 15) for _ in range(20)])
print([random.randrange(3, 100, 7) for _ in range(10)])
print([random.randrange(100, 3, -7) for _ in range(10)])
print([random.randrange(-50, 50, 3) for _ in range(10)])
print(random.randrange(10**30), random.randint(-10**20, 10**20), random.randrange(2**64))
print(random.randrange(1, 2**100, 2**50 + 1))
print(random.randint(5, 5), random.randrange(1))

for n in [1, 2, 5, 20, 50]:
    l = list(range(n))
    random.shuffle(l)
    print(l)
words = "the quick brown fox jumps over the lazy dog".split()
random.shuffle(words)
print(words)
print([random.choice("abcdefg") for _ in range(10)])
print([random.choice(range(1000)) for _ in range(5)], random.choice((None, 1, "x")))

def t(f, *a, **k):
    try:
        print(f(*a, **k))
    except Exception as e:
        print(type(e).__name__, e)

t(random.randint, 1)
t(random.randint, 1, 2, 3)
t(random.randint, 1, b=2, c=3)
t(random.randint, 5, 2)
t(random.randint, 1, 2.5)
t(random.randrange)
t(random.randrange, 0)
t(random.randrange, -3)
t(random.randrange, 5, 2)
t(random.randrange, 5, 2, 2)
t(random.randrange, 1, 5, 0)
t(random.randrange, 1.5)
t(random.randrange, 1, 5.0)
t(random.randrange, 10, step=2)
t(random.randrange, "a")
t(random.choice, [])
t(random.choice, "")
t(random.choice, 5)
t(random.shuffle, (1, 2))
t(random.getrandbits, -1)
t(random.getrandbits, 1.0)
t(random.getrandbits)
t(random.random, 1)
t(random.seed, [1])
t(random.seed, 1, 2, 3)
