# The float distributions, gauss's cached second value, and Random
# instances that do not share state with the module's generator.
import random

random.seed(5)
print(random.uniform(1, 10), random.uniform(-2.5, 2.5), random.uniform(3, 3))
print(random.gauss(), random.gauss(), random.gauss(5, 2), random.gauss(mu=1, sigma=0.5))
random.seed(5)
g1 = random.gauss()
random.seed(5)
print(g1 == random.gauss())
print([random.normalvariate() for _ in range(3)], random.normalvariate(10, 3))
print(random.expovariate(), random.expovariate(2.5), random.expovariate(lambd=0.5))
print(random.triangular(), random.triangular(1, 5, 2), random.triangular(2, 2, 2))
print(random.lognormvariate(0, 1), random.paretovariate(2), random.weibullvariate(1, 2))

r1 = random.Random(123)
r2 = random.Random(123)
print(r1.random() == r2.random(), r1.randint(1, 100), r2.randint(1, 100))
print(r1.sample(range(50), 4), r1.choices("xyz", k=4), r1.gauss(), r1.gauss())
r3 = random.Random("seed text")
print(r3.random(), r3.randrange(1000))
r3.seed(123)
print(r3.random())
print(random.Random().random() < 1.0)

st = r1.getstate()
a = [r1.random() for _ in range(5)]
r1.setstate(st)
print(a == [r1.random() for _ in range(5)])
print(st[0], len(st[1]), st[2])
r1.gauss()
st = r1.getstate()
print(type(st[2]).__name__)
x = r1.gauss()
r1.setstate(st)
print(x == r1.gauss())

def t(f, *a, **k):
    try:
        print(f(*a, **k))
    except Exception as e:
        print(type(e).__name__, e)

t(random.Random, 1, 2)
t(random.expovariate, 0)
t(random.uniform, 1)
t(random.gauss, 1, 2, 3)
t(random.normalvariate, "x")
t(r1.setstate, (9, (), None))
