# cmath: argument conversion (__complex__, __float__, __index__), arity and
# keyword errors, log with a base, polar/rect (rect's special table), isclose,
# constants and the module's names.
import cmath
class C:
    def __complex__(self): return 1+2j
class F:
    def __float__(self): return 2.0
class I:
    def __index__(self): return 3
for x in [C(), F(), I(), 'x', None, 2, True, 1.5, 10**400]:
    try: print(cmath.sqrt(x))
    except Exception as e: print(type(e).__name__, e)
for f in [lambda: cmath.log(1, 0), lambda: cmath.log(0), lambda: cmath.log(2, 1), lambda: cmath.log(8, 2), lambda: cmath.log(1j, 'x'), lambda: cmath.polar(complex(1e308, 1e308)), lambda: cmath.rect(1, float('inf')), lambda: cmath.rect(float('inf'), 0), lambda: cmath.rect(0, float('inf')), lambda: cmath.rect(float('inf'), float('nan')), lambda: cmath.rect(1, 2), lambda: cmath.sqrt(), lambda: cmath.sqrt(1, 2), lambda: cmath.sqrt(x=1), lambda: cmath.log(), lambda: cmath.log(1,2,3), lambda: cmath.phase(-1), lambda: cmath.phase(complex(-1, -0.0)), lambda: cmath.isclose(1, 1.0000000001), lambda: cmath.isclose(1, 2, rel_tol=-1), lambda: cmath.isclose(1j, 1j, abs_tol=0.1), lambda: cmath.isclose(1, 2, 3), lambda: cmath.exp(1000), lambda: cmath.exp(complex(710, 1)), lambda: cmath.cosh(1000), lambda: cmath.atanh(1), lambda: cmath.atanh(-1), lambda: cmath.log10(0), lambda: cmath.acos(1e308), lambda: cmath.tan(1e308), lambda: cmath.sinh(complex(1000, 0)), lambda: cmath.sinh(complex(1000, 1e-300))]:
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
print(cmath.pi, cmath.e, cmath.tau, cmath.inf, cmath.infj, cmath.nan, cmath.nanj)
print(sorted(x for x in dir(cmath) if not x.startswith('_')))

inf, nan = float('inf'), float('nan')
vals = [0.0, -0.0, 1.0, -1.0, 2.0, -3.0, inf, -inf, nan, 1e308]
for a in vals:
    for b in vals:
        try: print(a, b, cmath.rect(a, b))
        except Exception as e: print(a, b, type(e).__name__, e)
