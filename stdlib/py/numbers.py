"""numbers: the numeric abstract base classes (PEP 3141).

torii's own implementation of CPython 3.13's numbers module: the tower
Number > Complex > Real > Rational > Integral of ABCs.  Each level lists
the operations a concrete type must provide (abstract methods) and
derives some others from them.  The built-in types are registered:
complex as a Complex, float as a Real, int (and so bool) as an Integral.
"""

from abc import ABCMeta, abstractmethod

__all__ = ["Number", "Complex", "Real", "Rational", "Integral"]


def _required(name, doc):
    """An abstract method called `name` that only documents the operation."""
    def method(self, *args):
        raise NotImplementedError
    method.__name__ = name
    method.__doc__ = doc
    return abstractmethod(method)


def _required_property(name, doc):
    """An abstract read-only property called `name`."""
    def getter(self):
        raise NotImplementedError
    getter.__name__ = name
    getter.__doc__ = doc
    return property(abstractmethod(getter))


class Number(metaclass=ABCMeta):
    """The root of the numeric tower: isinstance(x, Number) tells whether
    x is a number of any kind."""

    __slots__ = ()

    # Numbers that compare equal must hash equal: concrete types define
    # their own hash.
    __hash__ = None


class Complex(Number):
    """Numbers with the operations of the built-in complex type: complex(),
    .real, .imag, + - * / **, abs(), .conjugate() and ==."""

    __slots__ = ()

    __complex__ = _required('__complex__', "complex(self)")
    real = _required_property('real', "The real part (a Real).")
    imag = _required_property('imag', "The imaginary part (a Real).")
    __add__ = _required('__add__', "self + other")
    __radd__ = _required('__radd__', "other + self")
    __neg__ = _required('__neg__', "-self")
    __pos__ = _required('__pos__', "+self")
    __mul__ = _required('__mul__', "self * other")
    __rmul__ = _required('__rmul__', "other * self")
    __truediv__ = _required('__truediv__', "self / other")
    __rtruediv__ = _required('__rtruediv__', "other / self")
    __pow__ = _required('__pow__', "self ** exponent")
    __rpow__ = _required('__rpow__', "base ** self")
    __abs__ = _required('__abs__', "abs(self): the distance from 0, a Real")
    conjugate = _required('conjugate', "The complex conjugate.")
    __eq__ = _required('__eq__', "self == other")

    def __bool__(self):
        """bool(self): whether self is non-zero."""
        return self != 0

    def __sub__(self, other):
        """self - other, as self + -other."""
        return self + -other

    def __rsub__(self, other):
        """other - self, as -self + other."""
        return -self + other


Complex.register(complex)


class Real(Complex):
    """Complex numbers on the real line: adds float(), trunc(), floor(),
    ceil(), round(), //, %, divmod() and ordering."""

    __slots__ = ()

    __float__ = _required('__float__', "float(self)")
    __trunc__ = _required('__trunc__', "trunc(self): rounded towards 0")
    __floor__ = _required('__floor__', "math.floor(self)")
    __ceil__ = _required('__ceil__', "math.ceil(self)")
    __round__ = _required('__round__', "round(self[, ndigits])")
    __floordiv__ = _required('__floordiv__', "self // other")
    __rfloordiv__ = _required('__rfloordiv__', "other // self")
    __mod__ = _required('__mod__', "self % other")
    __rmod__ = _required('__rmod__', "other % self")
    __lt__ = _required('__lt__', "self < other")
    __le__ = _required('__le__', "self <= other")

    def __divmod__(self, other):
        """divmod(self, other), from // and %."""
        return (self // other, self % other)

    def __rdivmod__(self, other):
        """divmod(other, self), from // and %."""
        return (other // self, other % self)

    # The Complex operations, for numbers with no imaginary part.
    def __complex__(self):
        """complex(self), from float(self)."""
        return complex(float(self))

    @property
    def real(self):
        """A real number is its own real part."""
        return +self

    @property
    def imag(self):
        """A real number's imaginary part is 0."""
        return 0

    def conjugate(self):
        """A real number is its own conjugate."""
        return +self


Real.register(float)


class Rational(Real):
    """Real numbers that are a ratio of integers, .numerator over
    .denominator, in lowest terms."""

    __slots__ = ()

    numerator = _required_property('numerator', "The numerator.")
    denominator = _required_property('denominator', "The denominator.")

    def __float__(self):
        """float(self), by true division of the integer numerator and
        denominator (so huge ratios do not overflow on the way)."""
        return int(self.numerator) / int(self.denominator)


class Integral(Rational):
    """Whole numbers: adds int(), use as an index, pow() with a modulus
    and the bitwise operations."""

    __slots__ = ()

    __int__ = _required('__int__', "int(self)")
    __pow__ = _required('__pow__', "self ** exponent [% modulus]")
    __lshift__ = _required('__lshift__', "self << other")
    __rlshift__ = _required('__rlshift__', "other << self")
    __rshift__ = _required('__rshift__', "self >> other")
    __rrshift__ = _required('__rrshift__', "other >> self")
    __and__ = _required('__and__', "self & other")
    __rand__ = _required('__rand__', "other & self")
    __xor__ = _required('__xor__', "self ^ other")
    __rxor__ = _required('__rxor__', "other ^ self")
    __or__ = _required('__or__', "self | other")
    __ror__ = _required('__ror__', "other | self")
    __invert__ = _required('__invert__', "~self")

    def __index__(self):
        """operator.index(self), as int(self)."""
        return int(self)

    def __float__(self):
        """float(self), as float(int(self))."""
        return float(int(self))

    @property
    def numerator(self):
        """An integer is its own numerator."""
        return +self

    @property
    def denominator(self):
        """An integer's denominator is 1."""
        return 1


Integral.register(int)
