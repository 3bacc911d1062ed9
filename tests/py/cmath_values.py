# cmath: full-precision reprs of every function at seeded random points over
# many magnitudes (the algorithms must round as CPython's do).
import cmath, random
random.seed(7)
pts = []
for _ in range(300):
    e1, e2 = random.choice([-300, -20, -3, 0, 0, 0, 1, 2, 5, 100, 300]), random.choice([-300, -20, -3, 0, 0, 0, 1, 2, 5, 100, 300])
    pts.append(complex(random.uniform(-1, 1) * 10.0 ** e1, random.uniform(-1, 1) * 10.0 ** e2))
bad = 0
for name in ['sqrt', 'exp', 'log', 'log10', 'acos', 'asin', 'atan', 'cos', 'sin', 'tan', 'acosh', 'asinh', 'atanh', 'cosh', 'sinh', 'tanh', 'phase', 'polar']:
    fn = getattr(cmath, name)
    for z in pts:
        try: r = repr(fn(z))
        except Exception as e: r = type(e).__name__
        print(name, repr(z), r)
