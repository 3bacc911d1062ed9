# Arithmetic special methods: forward, reflected, in-place, unary, and the
# NotImplemented fallback to the other operand.
class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return f"Vec({self.x}, {self.y})"

    def __add__(self, o):
        if not isinstance(o, Vec):
            return NotImplemented
        return Vec(self.x + o.x, self.y + o.y)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y)

    def __mul__(self, k):
        if isinstance(k, Vec):
            return self.x * k.x + self.y * k.y
        return Vec(self.x * k, self.y * k)

    def __rmul__(self, k):
        return Vec(self.x * k, self.y * k)

    def __truediv__(self, k):
        return Vec(self.x / k, self.y / k)

    def __floordiv__(self, k):
        return Vec(self.x // k, self.y // k)

    def __mod__(self, k):
        return Vec(self.x % k, self.y % k)

    def __pow__(self, k):
        return Vec(self.x ** k, self.y ** k)

    def __neg__(self):
        return Vec(-self.x, -self.y)

    def __pos__(self):
        return self

    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5

    def __invert__(self):
        return Vec(self.y, self.x)

    def __matmul__(self, o):
        return "matmul"


a, b = Vec(1, 2), Vec(3, 4)
print(a + b, a - b, a * 3, 3 * a, a * b, b / 2, b // 2, b % 2, a ** 2)
print(-a, +a, abs(b), ~a, a @ b)
try:
    a + 1
except TypeError as e:
    print(e)
try:
    1 - a
except TypeError as e:
    print(e)


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __add__(self, o):
        if isinstance(o, int):
            return Money(self.cents + o)
        if isinstance(o, Money):
            return Money(self.cents + o.cents)
        return NotImplemented

    __radd__ = __add__

    def __iadd__(self, o):
        self.cents += o.cents if isinstance(o, Money) else o
        return self

    def __repr__(self):
        return f"Money({self.cents})"


m = Money(5)
alias = m
m += Money(10)
m += 1
print(m, alias is m, 5 + m, m + 5, sum([Money(1), Money(2), Money(3)]))


class Acc:
    def __init__(self):
        self.items = []

    def __iadd__(self, x):
        self.items.append(x)
        return self

    def __lshift__(self, x):
        self.items.append(("shift", x))
        return self

    def __or__(self, o):
        return "or"

    def __ror__(self, o):
        return "ror"

    def __and__(self, o):
        return "and"

    def __xor__(self, o):
        return "xor"

    def __rshift__(self, o):
        return "rshift"


acc = Acc()
acc += 1
acc += 2
acc << 3
print(acc.items, acc | 1, 1 | acc, acc & 0, acc ^ 0, acc >> 1)


class Meters:
    def __init__(self, v):
        self.v = v

    def __add__(self, o):
        return "Meters.add"

    def __radd__(self, o):
        return "Meters.radd"


class Km(Meters):
    def __radd__(self, o):
        return "Km.radd"


print(Meters(1) + Km(2), Km(1) + Meters(2), 1 + Meters(3))


class Idx:
    def __index__(self):
        return 2

    def __int__(self):
        return 7

    def __float__(self):
        return 1.5


print([10, 20, 30][Idx()], int(Idx()), float(Idx()))
try:
    -Money(1)
except TypeError as e:
    print(e)
