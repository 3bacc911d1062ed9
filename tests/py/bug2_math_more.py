# math functions beyond the first subset, with CPython's errors.
import math

tests = [
    "math.comb(-1, 2)", "math.comb(5, -1)", "math.comb(1.5, 2)", "math.comb(3, 5)", "math.comb(100, 50)",
    "math.comb(10, 0)", "math.comb(True, 1)", "math.perm(5, -1)", "math.perm(5)", "math.perm(3, 5)",
    "math.perm(20)", "math.perm(5, None)", "math.lcm(4, 6, 10)", "math.lcm()", "math.lcm(2.0)",
    "math.lcm(-4, 6)", "math.lcm(0, 5)", "math.prod([])", "math.prod([1.5, 2], start=2)", "math.prod(5)",
    "math.prod(range(1, 20))", "math.isclose(1, 1.0000000001)", "math.isclose(1, 2, rel_tol=-1)",
    "math.isclose(1, 2, abs_tol=1.5)", "math.isclose(1)", "math.isclose(a=1, b=1)",
    "math.isclose(float('inf'), float('inf'))", "math.isclose(0.0, 1e-10, abs_tol=1e-9)",
    "math.fsum([1e100, 1, -1e100])", "math.fsum([float('inf'), 1])",
    "math.fsum([float('inf'), -float('inf')])", "math.fsum([1e308, 1e308])", "math.fsum([0.1] * 10)",
    "math.fsum([])", "math.fsum([1, 1e-16, 1e-16])", "math.fsum([0.1, 0.2, 0.3, -0.6])", "math.fsum(['a'])",
    "math.copysign(3, -0.0)", "math.copysign(1, float('nan'))", "math.fmod(7, -3)", "math.fmod(1, 0)",
    "math.modf(-3.5)", "math.modf(float('inf'))", "math.frexp(0.0)", "math.frexp(-12.5)",
    "math.ldexp(1.5, 3)", "math.ldexp(1, 10000)", "math.expm1(1e-10)", "math.log1p(-1)", "math.log1p(1e-20)",
    "math.acosh(0.5)", "math.atanh(1)", "math.asinh(1)", "math.exp2(10)", "math.erf(0.5)", "math.erfc(1)",
    "math.gamma(5)", "math.gamma(0)", "math.gamma(200)", "math.lgamma(-2)", "math.remainder(7, 3)",
    "math.remainder(5, 0)", "math.nextafter(1, 2)", "math.ulp(1.0)", "math.degrees(1)", "math.radians(90)",
    "math.dist((1, 2), (4, 6))", "math.dist((1,), (1, 2))", "math.dist([0, 0, 0], [1, 2, 2])",
    "math.sumprod([1, 2], [3, 4])", "math.sumprod([1], [1, 2])", "math.log10(0)", "math.log2(0)",
    "math.exp(1000)", "math.sinh(1000)",
]
for t in tests:
    try:
        print(t, "->", repr(eval(t)))
    except Exception as e:
        print(t, "->", type(e).__name__, e)
