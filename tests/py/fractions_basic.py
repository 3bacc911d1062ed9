from fractions import Fraction as F
a = F(1, 3); b = F('0.25'); c = F(0.1)
print(a, b, c, repr(a), a + b, a - b, a * b, a / b, a + 1, 2 - a, a * 3, 1 / a, a ** 2, a ** -2, -a, abs(-a))
print(float(a), int(F(-7, 2)), round(F(5, 2)), round(F(7, 2)), F(7, 2) // 1, F(7, 2) % 1, a < b, a > b, a == F(2, 6), F(1, 2) == 0.5, hash(F(1, 2)) == hash(0.5), hash(F(5)) == hash(5))
print(a + 0.5, F(3, -6), F(10, 4).numerator, c.limit_denominator(100), F('3/4'), F('-1.5e-2'))
print(float(F(10**30 + 1, 3 * 10**29)), float(F(1, 10**400)), sum([F(1, 10)] * 10) == 1)
try: F(1, 0)
except ZeroDivisionError as e: print(e)
