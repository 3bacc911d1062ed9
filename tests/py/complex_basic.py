z = 1 + 2j
print(z, repr(z), type(z), type(z).__name__)
print(1j, 2.5J, 0j, 1_000j, 1e3j, 1.j, .5j, 1E-3J, 0.0j)
print(-1j, -0j, +1j, -(1+1j), +z)
print(z.real, z.imag, type(z.real), z.conjugate())
print(complex(), complex(1), complex(1.5), complex(1, 2), complex(1.5, -2.5), complex(True, False))
print(complex(1j), complex(1j, 1j), complex(1+2j, 3+4j), complex(0, -0.0), complex(-0.0, 0))
print(complex(real=3, imag=4), complex(imag=2), complex(real=-1))
for s in ["1+2j", " (3-4j) ", "j", "-j", "+1.5j", "1e3", "-2.5e-3+1e2J", "inf+nanj", "-infj", "1_0+2_0j", "( 5 )", "1+j", "1-j"]:
    print(repr(s), complex(s))
for bad in ["", "x", "1+2", "1+2jj", "j1", "(1+2j", "1 + 2j", "++1j", "1..2j", "()"]:
    try:
        print(complex(bad))
    except ValueError as e:
        print(repr(bad), "ValueError:", e)
print(abs(3 + 4j), abs(-1j), abs(0j), abs(complex(float('inf'), 1)))
print(bool(0j), bool(1j), bool(complex(0, 0.0)), bool(1 + 0j), not 0j)
print(hash(1 + 0j) == hash(1), hash(2.5 + 0j) == hash(2.5), hash(0j), hash(1 + 2j), hash(-1 + 0j), hash(3j), hash(-2j))
print(1 + 0j == 1, 1.5 + 0j == 1.5, 1j == 1, 1j != 1j, 1 == 1 + 0j, (2**64 + 0j) == 2**64, 0j == 0, 0j == False)
d = {1: 'int', 2 + 0j: 'complex'}
print(d[1 + 0j], d[2], d[2.0])
print({1, 1.0, 1 + 0j}, len({0, 0j, 0.0}))
print(str(z), format(z), f"{z}", f"{z!r}", "%s" % z, "{}".format(z))
print(repr(complex(float('nan'), float('inf'))), repr(complex(float('-inf'), -0.0)), repr(complex(1e16, 1e-5)))
print(complex(1e300, 1e300) * 10, -complex(0, 0))
print([1j, 2j], (1j,), {'k': 1j})
print(isinstance(1j, complex), issubclass(complex, object), isinstance(1j, (int, float)))
print(complex.__name__, 1j.__class__)
print((1+2j).__complex__(), z.__getnewargs__())
class MyC(complex):
    pass
m = MyC(1, 2)
print(m, type(m).__name__, m + 1, type(m + 1).__name__, m.real)
class HasComplex:
    def __complex__(self):
        return 5 + 6j
print(complex(HasComplex()))
class HasFloat:
    def __float__(self):
        return 2.5
print(complex(HasFloat()), complex(HasFloat(), HasFloat()))
for bad in [lambda: complex("1", 2), lambda: complex(1, "2"), lambda: complex([]), lambda: complex(1, []),
            lambda: complex(None), lambda: int(1j), lambda: float(1j), lambda: round(1j), lambda: 1j < 2j,
            lambda: 1j > 1, lambda: complex(1, 2, 3), lambda: complex(x=1), lambda: len(1j)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__ + ":", e)
