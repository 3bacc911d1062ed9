a = 3 + 4j
b = 1 - 2j
print(a + b, a - b, a * b, a / b, a ** 2, b ** 3)
print(a + 1, 1 + a, a - 1.5, 1.5 - a, a * 2, 2 * a, a / 2, 2 / a, a * 0.5, 0.5 * a)
print(a + True, True + a, a * False)
print(a ** 0, a ** 1, a ** -1, a ** -2, a ** 0.5, a ** 1j, 2 ** a, 2.0 ** a, 1j ** 2, 1j ** 1j)
print((1+1j) ** 10, (1+1j) ** 100, (1+1j) ** 101, (0.5+0.5j) ** 200)
print(0j ** 0, 0j ** 1, 0j ** 2.5, 0 ** 0j)
x = 1 + 1j
x += 1
x *= 2j
x -= 0.5
x /= 2
x **= 2
print(x)
print((-8) ** 0.5, (-8.0) ** (1/3), (-1) ** 0.5, (-2.5) ** 1.5, (-1.0) ** 2.5, pow(-4, 0.5), pow(-4.0, 0.5))
print((-8) ** 2, (-8.0) ** 2.0, (-8.0) ** -1.0, 2 ** -1, 8 ** (1/3))
print(1e308j * 10, (1e200 + 1e200j) * (1e200 + 1e200j))
print(complex(1, 2) / complex(3, 4), complex(1e300, 1e300) / complex(1e300, 1e300), 1 / (1e-320 + 0j))
print(sum([1j, 2j, 3]), sum([1 + 1j] * 10, 0j))
print(abs(1 + 1j) ** 2, (2 + 0j) ** 0.5)
print(divmod(7, 2), -(-1j), abs(-3j))
for f in [lambda: 1j / 0, lambda: (1 + 2j) / 0j, lambda: 1 / 0j, lambda: 1.5 / 0j, lambda: 0j ** -1,
          lambda: 0j ** 1j, lambda: 0j ** (-1 + 0j), lambda: (10 + 1j) ** 500, lambda: 1j // 2, lambda: 1j % 2,
          lambda: 2 // 1j, lambda: divmod(1j, 2), lambda: 1j << 1, lambda: 1j & 1, lambda: ~1j,
          lambda: 1j + "a", lambda: "a" * 1j, lambda: [1] * 1j, lambda: abs(complex(1e308, 1e308)),
          lambda: 10.0 ** 400 * 1j, lambda: (-8.0) ** 1e300]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)
