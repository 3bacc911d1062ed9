x = 1
for i in range(1, 40):
    x *= i
print(x)
print(x // 12345678901234567890, x % 12345678901234567890)
print(-x // 7, -x % 7, x == x + 0, x > x - 1, x < -x)
f = 2 ** 200
print(f, len(str(f)), f - f, f // f)
print(int("123456789012345678901234567890") + 1)
print(int("-0x1F", 16) if False else int("-1F", 16), int("0b1010", 0), int("0o777", 0), int(" 42 "), int("1_000_000"))
print(abs(-2**80), -(-2**80), +(2**80))
