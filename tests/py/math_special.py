# math: the special values (signed zeros, inf, nan, huge, tiny, subnormal) of
# every one-argument function, the two-argument ones on a grid, and the
# errors of ldexp, factorial, isqrt, comb/perm, fsum, dist, hypot, nextafter
# (steps), pow, gcd/lcm, prod, sumprod, isclose, log of huge ints, fma.
import math
inf, nan = float('inf'), float('nan')
vals = [0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 2.0, -3.0, 171.5, 1e308, -1e308, 1e-308, 5e-324, 710.0, -710.0, inf, -inf, nan, 1e16, -1e16]
def f(x):
    try:
        r = x()
        return repr(r)
    except Exception as e:
        return type(e).__name__ + ': ' + str(e)
for name in ['erf', 'erfc', 'log1p', 'expm1', 'exp', 'exp2', 'log', 'log2', 'log10', 'sqrt', 'cbrt', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'ulp', 'frexp', 'modf', 'floor', 'ceil', 'trunc', 'fabs', 'isfinite', 'isinf', 'isnan', 'degrees', 'radians']:
    fn = getattr(math, name)
    print(name, ' '.join(f(lambda: fn(v)) for v in vals))
# gamma and lgamma: the errors and exact values (CPython's own approximation
# rounds other values differently from the C library's)
for name in ['gamma', 'lgamma']:
    fn = getattr(math, name)
    print(name, ' '.join(f(lambda: fn(v)) for v in [0.0, -0.0, 1.0, -1.0, -3.0, -1e308, 172.0, inf, -inf, nan, -1e16]))
for name in ['pow', 'atan2', 'fmod', 'remainder', 'copysign', 'hypot', 'nextafter']:
    fn = getattr(math, name)
    for a in [0.0, -0.0, 1.0, -1.0, 2.5, -2.5, inf, -inf, nan, 1e308, 5e-324]:
        print(name, a, ' '.join(f(lambda: fn(a, b)) for b in [0.0, -0.0, 1.0, -1.0, 0.5, 3.0, -3.0, inf, -inf, nan, 1e308, 5e-324]))
for n in [0, 1, 5, -1, 1e10, 2.5, 1.0, True, 2**80, -2**80, 'x']:
    print('ldexp', f(lambda: math.ldexp(1.5, n)), 'factorial', f(lambda: math.factorial(n)))
print('factorial', len(str(math.factorial(1000))), math.factorial(25))
print(f(lambda: math.ldexp(1e-310, 10)), f(lambda: math.ldexp(1.0, 1024)), f(lambda: math.ldexp(1.0, -1075)), f(lambda: math.ldexp(inf, 5)), f(lambda: math.ldexp(1, 2)))
for n in [0, 1, 15, 16, 17, 10**40, -1, 2.0, True, 'x', 2**64 - 1]:
    print('isqrt', f(lambda: math.isqrt(n)))
for n, k in [(5, 2), (5, 0), (5, 6), (0, 0), (-1, 2), (5, -1), (100, 50), (2.0, 1), (5, 2.0), (10**20, 3), (True, 1), (3, None)]:
    print('comb/perm', n, k, f(lambda: math.comb(n, k)), f(lambda: math.perm(n, k)))
print(f(lambda: math.perm(5)), f(lambda: math.perm(-1)))
for xs in [[0.1] * 10, [1e308, 1e308, -1e308], [1e308, 1e308], [inf, -inf], [inf, inf], [nan, 1.0], [1.0, 1e100, 1.0, -1e100], [], [2**1000, 1.0], [1e-300, 1e-300], ['x'], [inf, 1e308, 1e308], [-0.0, -0.0], [-0.0], [0.5, 2**53]]:
    print('fsum', f(lambda: math.fsum(xs)))
for p, q in [((0, 0), (3, 4)), ((1.5,), (-2.5,)), ((), ()), ((1, 2), (1,)), ((inf, 0), (0, 0)), ((nan, inf), (0, 0)), ((1e308, 1e308), (-1e308, -1e308)), ([1, 2], [3, 4]), ((1, 'x'), (2, 3))]:
    print('dist', f(lambda: math.dist(p, q)))
print('hypot', f(lambda: math.hypot()), f(lambda: math.hypot(3)), f(lambda: math.hypot(3, 4, 12)), f(lambda: math.hypot(inf, nan)), f(lambda: math.hypot(nan, -inf)), f(lambda: math.hypot(1e308, 1e308)), f(lambda: math.hypot(-0.0)), f(lambda: math.hypot(5e-324, 5e-324)))
print('nextafter', f(lambda: math.nextafter(1.0, 2.0, steps=3)), f(lambda: math.nextafter(1.0, 0.0, steps=0)), f(lambda: math.nextafter(0.0, 1.0, steps=-1)), f(lambda: math.nextafter(1.0, inf, steps=2**70)), f(lambda: math.nextafter(5e-324, -1.0, steps=2)), f(lambda: math.nextafter(-0.0, 1.0, steps=1)), f(lambda: math.nextafter(1.0, 1.0, steps=5)), f(lambda: math.nextafter(nan, 1.0, steps=5)), f(lambda: math.nextafter(1.0, 2.0, 3)))
print('pow', f(lambda: math.pow(-8, 1/3)), f(lambda: math.pow(10, 400)), f(lambda: math.pow(0, -1)), f(lambda: math.pow(-0.0, -3)), f(lambda: math.pow(-0.0, -2)), f(lambda: math.pow(nan, 0)), f(lambda: math.pow(1, nan)), f(lambda: math.pow(-1, inf)), f(lambda: math.pow(2, -1100)), f(lambda: math.pow(0.0, -inf)), f(lambda: math.pow(-0.0, -inf)))
print('factorial', f(lambda: math.factorial(-1)), f(lambda: math.factorial(2.0)), f(lambda: math.factorial(1.5)), f(lambda: math.factorial(10**20)))
print('gcd/lcm', f(lambda: math.gcd()), f(lambda: math.gcd(0, 0)), f(lambda: math.gcd(-12, 18, 8)), f(lambda: math.lcm()), f(lambda: math.lcm(4, 6, -10)), f(lambda: math.lcm(0, 5)), f(lambda: math.gcd(1.0)))
print('prod', f(lambda: math.prod([])), f(lambda: math.prod([2, 3.5])), f(lambda: math.prod([1, 2], start=3)), f(lambda: math.prod(['a'], start=1)))
print('sumprod', f(lambda: math.sumprod([1, 2], [3, 4])), f(lambda: math.sumprod([0.1] * 10, [1.0] * 10)), f(lambda: math.sumprod([1], [1, 2])), f(lambda: math.sumprod([1.5, 2**60], [2, 3])), f(lambda: math.sumprod([1e308, 1e308], [10, -10])), f(lambda: math.sumprod([inf], [0.0])), f(lambda: math.sumprod([], [])), f(lambda: math.sumprod([0.1, 0.2, 0.3], [3, -1, 1e-17])))
print('isclose', f(lambda: math.isclose(1, 1 + 1e-10)), f(lambda: math.isclose(inf, inf)), f(lambda: math.isclose(nan, nan)), f(lambda: math.isclose(1, 2, rel_tol=-1)), f(lambda: math.isclose(0, 1e-10, abs_tol=1e-9)), f(lambda: math.isclose(inf, -inf)))
print('log', f(lambda: math.log(8, 2)), f(lambda: math.log(10**400)), f(lambda: math.log(2**1030, 2)), f(lambda: math.log(0)), f(lambda: math.log(-1)), f(lambda: math.log(1, 1)), f(lambda: math.log(-10**400)), f(lambda: math.log2(2**2000)), f(lambda: math.log10(10**500)), f(lambda: math.log(10, 0.5)), f(lambda: math.log(0.0)), f(lambda: math.log(3**1000, 3)), f(lambda: math.log(True)))
print('fma', f(lambda: math.fma(2, 3, 4)), f(lambda: math.fma(0.1, 10, -1)), f(lambda: math.fma(inf, 0, 1)), f(lambda: math.fma(1e308, 10, 0)), f(lambda: math.fma(inf, 1, -inf)), f(lambda: math.fma(nan, 1, 1)), f(lambda: math.fma(inf, 2, 1)), f(lambda: math.fma(1, 2)))
print('floor', f(lambda: math.floor(inf)), f(lambda: math.floor(nan)), f(lambda: math.ceil(-inf)), f(lambda: math.trunc(nan)), f(lambda: math.floor(1e300) == int(1e300)))
print(sorted(n for n in dir(math) if not n.startswith('_')))
