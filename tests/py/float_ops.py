a = 1.5
b = 4
print(a + b, a - b, a * b, a / b, b / a, a ** 2, b ** 0.5, -a, abs(-a))
print(a < b, a == 1.5, 1.5 == 3/2, 0.1 + 0.2 == 0.3, float(2**60), float(2**64))
print(divmod(7.5, 2), divmod(-7, 2), divmod(7, -2), divmod(2**65, 7))
print(3 * 1.0, 10 / 4, 10 / 5, 2 ** 62 / 3, (2**70) / (2**3))
print(sum([0.1] * 10), sum([1, 2, 3], 0.5), max(1, 2.5), min(-1.5, 0))
print(1e308 * 10, -1e308 * 10, 1e-320, 1e-320 / 10)
print(float("12.50"), 1.0.is_integer(), (1.5).is_integer())
