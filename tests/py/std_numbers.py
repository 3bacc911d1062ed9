# numbers: the ABC tower, registration of the builtin types, abstract
# methods, and the derived operations of a small concrete Integral.
import numbers
from numbers import Number, Complex, Real, Rational, Integral

abcs = [Number, Complex, Real, Rational, Integral]
values = [0, True, 2 ** 70, 1.5, float('nan'), 2j, 'x', None, [1]]
for v in values:
    print(repr(v), [isinstance(v, c) for c in abcs])
for t in (int, bool, float, complex, str, object):
    print(t.__name__, [issubclass(t, c) for c in abcs])
print([c.__name__ for c in Integral.__mro__])
for c in abcs:
    print(c.__name__, sorted(c.__abstractmethods__))
    try:
        c()
    except TypeError as e:
        print('  TypeError', e)
print(Number.__hash__ is None, Real.__slots__, numbers.__all__)


class MyInt(Integral):
    """A tiny Integral: everything is done by the wrapped int."""

    def __init__(self, v):
        self.v = int(v)

    def __repr__(self):
        return 'MyInt(%d)' % self.v

    def __int__(self):
        return self.v

    def __hash__(self):
        return hash(self.v)

    def _wrap(op):
        def method(self, *args):
            args = [a.v if isinstance(a, MyInt) else a for a in args]
            r = op(self.v, *args)
            return MyInt(r) if isinstance(r, int) and not isinstance(r, bool) else r
        return method

    import operator as _op
    __add__ = _wrap(_op.add)
    __radd__ = _wrap(lambda a, b: b + a)
    __neg__ = _wrap(_op.neg)
    __pos__ = _wrap(_op.pos)
    __mul__ = _wrap(_op.mul)
    __rmul__ = _wrap(lambda a, b: b * a)
    __truediv__ = _wrap(_op.truediv)
    __rtruediv__ = _wrap(lambda a, b: b / a)
    __pow__ = _wrap(pow)
    __rpow__ = _wrap(lambda a, b: b ** a)
    __abs__ = _wrap(abs)
    __eq__ = _wrap(_op.eq)
    __lt__ = _wrap(_op.lt)
    __le__ = _wrap(_op.le)
    __floordiv__ = _wrap(_op.floordiv)
    __rfloordiv__ = _wrap(lambda a, b: b // a)
    __mod__ = _wrap(_op.mod)
    __rmod__ = _wrap(lambda a, b: b % a)
    __trunc__ = _wrap(lambda a: a)
    __floor__ = _wrap(lambda a: a)
    __ceil__ = _wrap(lambda a: a)
    __round__ = _wrap(lambda a, n=None: a)
    __lshift__ = _wrap(_op.lshift)
    __rlshift__ = _wrap(lambda a, b: b << a)
    __rshift__ = _wrap(_op.rshift)
    __rrshift__ = _wrap(lambda a, b: b >> a)
    __and__ = _wrap(_op.and_)
    __rand__ = _wrap(lambda a, b: b & a)
    __xor__ = _wrap(_op.xor)
    __rxor__ = _wrap(lambda a, b: b ^ a)
    __or__ = _wrap(_op.or_)
    __ror__ = _wrap(lambda a, b: b | a)
    __invert__ = _wrap(_op.invert)
    del _wrap, _op


a, b = MyInt(7), MyInt(3)
print(a + b, a - b, 10 - a, a * 2, a / 2, a ** 2, -a, +a, abs(MyInt(-4)))
print(divmod(a, b), divmod(20, b), a // b, a % b, a << 1, a >> 1, a & b,
      a | b, a ^ b, ~a)
print(float(a), complex(a), int(a), a.real, a.imag, a.conjugate(),
      a.numerator, a.denominator, bool(a), bool(MyInt(0)))
print(list(range(10))[a], [1, 2, 3, 4][MyInt(1):MyInt(3)])
print(isinstance(a, Number), isinstance(a, Real), isinstance(a, int))


class Half(Rational):
    pass


print(sorted(Half.__abstractmethods__)[:5])


class Float2(float):
    pass


print(isinstance(Float2(1.0), Real), issubclass(Float2, Integral))


class Registered:
    pass


Complex.register(Registered)
print(isinstance(Registered(), Number), isinstance(Registered(), Real))
print(Real.register(Registered) is Registered)
print((1).numerator, (1).denominator, (2.5).real, (3j).imag)
