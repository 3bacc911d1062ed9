print(int("ff", 16), int("777", 8), int("101", 2), int("z", 36), int("  12  "), int("+5"), int("-0"))
print(int(3.99), int(-3.99), int(1e20), int("9" * 30), float("1e500"), float("-0"))
print(str(-0.0), 0.0 == -0.0, 1 / 3 * 3, 10 // 3.0, 2 ** 0.5 * 2 ** 0.5)
for bad in ["", "1.5", "0x10", "1e3", "abc"]:
    try:
        int(bad)
    except ValueError as e:
        print(e)
try:
    int("12", 1)
except ValueError as e:
    print(e)
