# sample() (both the pool and the set algorithm) and choices() with and
# without weights, seeded.
import random

random.seed(99)
print(random.sample(range(100), 10))
print(random.sample(range(10), 10))
print(random.sample(range(10), 0))
print(random.sample(list("abcdefghijklmnopqrstuvwxyz"), 5))
print(random.sample(range(1000), 30))
print(random.sample(range(21), 3), random.sample(range(22), 3))
print(random.sample(range(80), 6), random.sample(range(100), 6))
print(random.sample(tuple(range(50)), 49)[:10])
print(random.sample("hello world", 4))
print(random.sample(range(10**12), 5))

print(random.choices("abc", k=10))
print(random.choices(range(5)))
print(random.choices("abc", [1, 2, 3], k=10))
print(random.choices("abc", [0.1, 0, 5.5], k=10))
print(random.choices("abc", cum_weights=[0.5, 0.7, 1.0], k=10))
print(random.choices(["x", "y"], weights=[3, 1], k=8))
print(random.choices("ab", k=0))

def t(f, *a, **k):
    try:
        print(f(*a, **k))
    except Exception as e:
        print(type(e).__name__, e)

t(random.sample, [1, 2], 3)
t(random.sample, [1, 2], -1)
t(random.sample, {1, 2}, 1)
t(random.sample, 5, 1)
t(random.sample, [1, 2])
t(random.choices, [1, 2], [1])
t(random.choices, [1, 2], 2)
t(random.choices, [1, 2], [1, 1], cum_weights=[1, 2])
t(random.choices, [1, 2], [0, 0])
t(random.choices, [1, 2], [1, float("inf")])
