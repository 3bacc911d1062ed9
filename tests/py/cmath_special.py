# cmath: every function over a table of special inputs (signed zeros, inf, nan,
# huge, tiny, subnormal) printed part by part; errors as V:/O: + message.
import cmath
inf, nan = float('inf'), float('nan')
vals = [0.0, -0.0, 1.0, -1.0, 0.5, -2.5, inf, -inf, nan, 1e308, -1e308, 1e-308, 1e-200, 5e-324, 710.0, -710.0, 2.0]
pts = [complex(a, b) for a in vals for b in vals]
def r(x):
    if isinstance(x, complex):
        return '(%s, %s)' % (f(x.real), f(x.imag))
    if isinstance(x, tuple):
        return '(' + ', '.join(r(y) for y in x) + ')'
    return f(x)
def f(x):
    if isinstance(x, bool): return str(x)
    if x != x: return 'nan'
    if x in (inf, -inf) or x == 0: return repr(x)
    return '%.10g' % x
for name in ['sqrt', 'exp', 'log', 'log10', 'acos', 'asin', 'atan', 'cos', 'sin', 'tan', 'acosh', 'asinh', 'atanh', 'cosh', 'sinh', 'tanh', 'phase', 'polar', 'isfinite', 'isinf', 'isnan']:
    fn = getattr(cmath, name)
    out = []
    for z in pts:
        try:
            out.append(r(fn(z)))
        except (ValueError, OverflowError) as e:
            out.append(type(e).__name__[0] + ':' + str(e))
    print(name)
    for z, o in zip(pts, out):
        print(' ', r(z), o)
