# functools and operator.
import functools
import operator
from functools import reduce, partial, wraps, lru_cache, cache, cmp_to_key, total_ordering
from operator import itemgetter, attrgetter, methodcaller

print(reduce(operator.add, range(10)), reduce(operator.mul, [], 1), reduce(lambda a, b: a + b, ['x'], 'y'))
try:
    reduce(operator.add, [])
except TypeError as e:
    print("TypeError", e)

def power(base, exp):
    return base ** exp
square = partial(power, exp=2)
cube = partial(power, exp=3)
print(square(5), cube(2), square.func is power, square.args, square.keywords)
p2 = partial(partial(power, 2), exp=5)
print(p2(), p2.args, p2.keywords)
print(partial(int, base=2)('1010'))

def deco(f):
    @wraps(f)
    def wrapper(*a, **k):
        """wrapper doc"""
        return f(*a, **k) + 1
    return wrapper

@deco
def inc(x):
    """Return x."""
    return x
print(inc(1), inc.__name__, inc.__wrapped__(1), inc.__qualname__)

calls = []
@lru_cache(maxsize=2)
def slow(n):
    calls.append(n)
    return n * 10
print([slow(i) for i in [1, 2, 1, 3, 1, 2]], calls)
print(slow.cache_info())
slow.cache_clear()
print(slow.cache_info(), slow.__name__)

@lru_cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info().hits > 0)

@cache
def fact(n):
    return 1 if n == 0 else n * fact(n - 1)
print(fact(20), fact.cache_info().currsize)

@lru_cache(maxsize=None)
def kw(a, b=1):
    return a + b
print(kw(1), kw(1, b=2), kw(a=1), kw.cache_info())

def cmp(a, b):
    return (a > b) - (a < b)
print(sorted([3, 1, 2], key=cmp_to_key(cmp)), sorted("bca", key=cmp_to_key(lambda a, b: cmp(b, a))))

@total_ordering
class V:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return self.v == o.v
    def __lt__(self, o):
        return self.v < o.v
print(V(1) < V(2), V(1) <= V(1), V(3) > V(2), V(2) >= V(3), max([V(1), V(5), V(2)]).v)

class C:
    @functools.cached_property
    def val(self):
        print("computing")
        return 99
c = C()
print(c.val, c.val)

print(operator.add(1, 2), operator.mul(3, 4), operator.neg(5), operator.not_(0), operator.truth([1]))
print(sorted([(1, 'b'), (0, 'c'), (2, 'a')], key=itemgetter(1)), itemgetter(0, 2)('abc'), itemgetter(1))
class P:
    def __init__(self):
        self.a = 1
        self.b = self
print(attrgetter('a')(P()), attrgetter('b.a', 'a')(P()), attrgetter('x.y'), methodcaller('upper')('hi'))
print(methodcaller('split', ',', maxsplit=1)('a,b,c'), methodcaller('x', 1, k=2))
print(operator.iadd([1], [2]), operator.getitem([5, 6], 1), operator.contains([1], 1), operator.indexOf([4, 5], 5))
print(operator.countOf([1, 1, 2], 1), operator.length_hint([1, 2, 3]), operator.pow(2, 10), operator.is_(None, None))
try:
    operator.indexOf([1], 9)
except ValueError as e:
    print(e)
print(list(map(operator.sub, [10, 20], [1, 2])), operator.floordiv(7, 2), operator.mod(7, 3), operator.lt(1, 2))
