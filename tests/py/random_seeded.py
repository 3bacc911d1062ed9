# Seeded sequences from the core generator: random(), getrandbits(), and
# seeding from ints of every size, floats, bools and str (sha512).
import random

random.seed(42)
print([random.random() for _ in range(6)])
print([random.getrandbits(k) for k in (0, 1, 7, 31, 32, 33, 63, 64, 65, 100, 200)])

for s in [0, 1, -1, 12345, 2**31, 2**32, 2**32 + 1, 2**64 + 5, -(10**40), 10**100]:
    random.seed(s)
    print(s, random.random(), random.getrandbits(20))

for s in ["", "a", "hello", "héllo wörld ✓", "x" * 200, "The quick brown fox" * 10]:
    random.seed(s)
    print(repr(s[:20]), random.random())

random.seed("abc", version=1)
print("v1", random.random())

for s in [1.5, -2.25, 0.0, 3.0, True, False]:
    random.seed(s)
    print(repr(s), random.random())

random.seed(7)
a = [random.random() for _ in range(1000)]
print(min(a) >= 0.0, max(a) < 1.0, round(sum(a), 6))
print(random.seed(3))
