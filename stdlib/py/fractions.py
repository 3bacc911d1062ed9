"""Fraction, rational numbers with exact arithmetic: the common subset of
CPython's fractions module.  torii's own implementation."""

import math as _math

__all__ = ['Fraction']

_HASH_MODULUS = (1 << 61) - 1
_HASH_INF = 314159


def _from_str(s):
    s = s.strip().replace('_', '')
    if '/' in s:
        a, b = s.split('/')
        return int(a), int(b)
    sign = 1
    if s[:1] in '+-':
        sign = -1 if s[0] == '-' else 1
        s = s[1:]
    exp = 0
    low = s.lower()
    if 'e' in low:
        k = low.index('e')
        exp = int(s[k + 1:])
        s = s[:k]
    if '.' in s:
        ip, fp = s.split('.')
    else:
        ip, fp = s, ''
    if not (ip + fp).isdigit():
        raise ValueError('Invalid literal for Fraction: %r' % s)
    num = int(ip + fp or '0')
    den = 10 ** len(fp)
    if exp >= 0:
        num *= 10 ** exp
    else:
        den *= 10 ** -exp
    return sign * num, den


class Fraction:
    """This class implements rational numbers: Fraction(3, 4), Fraction(0.5),
    Fraction('3/4')."""

    __slots__ = ('_numerator', '_denominator')

    def __new__(cls, numerator=0, denominator=None):
        self = object.__new__(cls)
        if denominator is None:
            if type(numerator) is int or isinstance(numerator, int):
                self._numerator = int(numerator)
                self._denominator = 1
                return self
            if isinstance(numerator, Fraction):
                self._numerator = numerator._numerator
                self._denominator = numerator._denominator
                return self
            if isinstance(numerator, float):
                n, d = numerator.as_integer_ratio()
                self._numerator = n
                self._denominator = d
                return self
            if isinstance(numerator, str):
                numerator, denominator = _from_str(numerator)
            else:
                raise TypeError("argument should be a string or a Rational "
                                "instance")
        elif isinstance(numerator, Fraction) or isinstance(denominator, Fraction):
            a = Fraction(numerator)
            b = Fraction(denominator)
            numerator = a._numerator * b._denominator
            denominator = a._denominator * b._numerator
        if denominator == 0:
            raise ZeroDivisionError('Fraction(%s, 0)' % numerator)
        g = _math.gcd(numerator, denominator)
        if denominator < 0:
            g = -g
        self._numerator = numerator // g
        self._denominator = denominator // g
        return self

    @classmethod
    def from_float(cls, f):
        if isinstance(f, int):
            return cls(f)
        return cls(*f.as_integer_ratio())

    @property
    def numerator(a):
        return a._numerator

    @property
    def denominator(a):
        return a._denominator

    def as_integer_ratio(self):
        return (self._numerator, self._denominator)

    def is_integer(self):
        return self._denominator == 1

    def limit_denominator(self, max_denominator=1000000):
        if max_denominator < 1:
            raise ValueError("max_denominator should be at least 1")
        if self._denominator <= max_denominator:
            return Fraction(self)
        p0, q0, p1, q1 = 0, 1, 1, 0
        n, d = self._numerator, self._denominator
        while True:
            a = n // d
            q2 = q0 + a * q1
            if q2 > max_denominator:
                break
            p0, q0, p1, q1 = p1, q1, p0 + a * p1, q2
            n, d = d, n - a * d
        k = (max_denominator - q0) // q1
        if 2 * d * (q0 + k * q1) <= self._denominator:
            return Fraction(p1, q1)
        return Fraction(p0 + k * p1, q0 + k * q1)

    def __repr__(self):
        return '%s(%s, %s)' % (self.__class__.__name__, self._numerator,
                               self._denominator)

    def __str__(self):
        if self._denominator == 1:
            return str(self._numerator)
        return '%s/%s' % (self._numerator, self._denominator)

    def _coerce(self, other):
        if isinstance(other, Fraction):
            return other
        if isinstance(other, int):
            return Fraction(other)
        return None

    def _op(a, b, fop, rop):
        o = a._coerce(b)
        if o is not None:
            return rop(a, o)
        if isinstance(b, float):
            return fop(float(a), b)
        return NotImplemented

    def _ropf(a, b, fop, rop):
        o = a._coerce(b)
        if o is not None:
            return rop(o, a)
        if isinstance(b, float):
            return fop(b, float(a))
        return NotImplemented

    @staticmethod
    def _add(a, b):
        return Fraction(a._numerator * b._denominator + b._numerator * a._denominator,
                        a._denominator * b._denominator)

    @staticmethod
    def _sub(a, b):
        return Fraction(a._numerator * b._denominator - b._numerator * a._denominator,
                        a._denominator * b._denominator)

    @staticmethod
    def _mul(a, b):
        return Fraction(a._numerator * b._numerator, a._denominator * b._denominator)

    @staticmethod
    def _div(a, b):
        if b._numerator == 0:
            raise ZeroDivisionError('Fraction(%s, 0)' % (a._numerator * b._denominator))
        return Fraction(a._numerator * b._denominator, a._denominator * b._numerator)

    def __add__(a, b): return a._op(b, lambda x, y: x + y, Fraction._add)
    def __radd__(a, b): return a._ropf(b, lambda x, y: x + y, Fraction._add)
    def __sub__(a, b): return a._op(b, lambda x, y: x - y, Fraction._sub)
    def __rsub__(a, b): return a._ropf(b, lambda x, y: x - y, Fraction._sub)
    def __mul__(a, b): return a._op(b, lambda x, y: x * y, Fraction._mul)
    def __rmul__(a, b): return a._ropf(b, lambda x, y: x * y, Fraction._mul)
    def __truediv__(a, b): return a._op(b, lambda x, y: x / y, Fraction._div)
    def __rtruediv__(a, b): return a._ropf(b, lambda x, y: x / y, Fraction._div)

    def __floordiv__(a, b):
        q = a / b
        return q._numerator // q._denominator if isinstance(q, Fraction) else q // 1

    def __mod__(a, b):
        o = a._coerce(b)
        if o is None:
            return float(a) % b
        return a - o * (a // o)

    def __pow__(a, b):
        if isinstance(b, int):
            if b >= 0:
                return Fraction(a._numerator ** b, a._denominator ** b)
            if a._numerator == 0:
                raise ZeroDivisionError('Fraction(%s, 0)' % (a._denominator ** -b))
            return Fraction(a._denominator ** -b, a._numerator ** -b)
        return float(a) ** b

    def __neg__(a): return Fraction(-a._numerator, a._denominator)
    def __pos__(a): return Fraction(a._numerator, a._denominator)
    def __abs__(a): return Fraction(abs(a._numerator), a._denominator)

    def __int__(a):
        if a._numerator < 0:
            return -(-a._numerator // a._denominator)
        return a._numerator // a._denominator

    __trunc__ = __int__

    def __floor__(a):
        return a._numerator // a._denominator

    def __ceil__(a):
        return -(-a._numerator // a._denominator)

    def __round__(self, ndigits=None):
        if ndigits is None:
            d = self._denominator
            floor, remainder = divmod(self._numerator, d)
            if remainder * 2 < d:
                return floor
            elif remainder * 2 > d:
                return floor + 1
            elif floor % 2 == 0:
                return floor
            return floor + 1
        shift = 10 ** abs(ndigits)
        if ndigits > 0:
            return Fraction(round(self * shift), shift)
        return Fraction(round(self / shift) * shift)

    def __float__(a):
        return a._numerator / a._denominator

    def __bool__(a):
        return a._numerator != 0

    def __hash__(self):
        try:
            dinv = pow(self._denominator, -1, _HASH_MODULUS)
        except ValueError:
            h = _HASH_INF
        else:
            h = hash(hash(abs(self._numerator)) * dinv)
        r = h if self._numerator >= 0 else -h
        return -2 if r == -1 else r

    def _cmp(a, b):
        if isinstance(b, float):
            if b != b or b in (float('inf'), float('-inf')):
                return None, b
            b = Fraction(b)
        o = a._coerce(b)
        if o is None:
            return NotImplemented, None
        return a._numerator * o._denominator - o._numerator * a._denominator, None

    def __eq__(a, b):
        d, f = a._cmp(b)
        if d is NotImplemented:
            return NotImplemented
        if d is None:
            return False
        return d == 0

    def __lt__(a, b):
        d, f = a._cmp(b)
        if d is NotImplemented:
            return NotImplemented
        if d is None:
            return 0.0 < f
        return d < 0

    def __le__(a, b):
        d, f = a._cmp(b)
        if d is NotImplemented:
            return NotImplemented
        if d is None:
            return 0.0 <= f
        return d <= 0

    def __gt__(a, b):
        d, f = a._cmp(b)
        if d is NotImplemented:
            return NotImplemented
        if d is None:
            return 0.0 > f
        return d > 0

    def __ge__(a, b):
        d, f = a._cmp(b)
        if d is NotImplemented:
            return NotImplemented
        if d is None:
            return 0.0 >= f
        return d >= 0

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self
