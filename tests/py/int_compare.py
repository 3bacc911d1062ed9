print(1 < 2, 2 <= 2, 3 > 4, 5 >= 5, 1 == 1.0, 2 != 2, 1 < 2 < 3, 3 > 2 > 2)
print(2**64 > 2**63, -2**64 < 0, 10 == 10, 2**100 == 2**100)
print(True + True, True * 10, False - 1, True == 1, True is True)
print(1 == True, 0 == False, 2**53 + 1 == float(2**53), 0.5 < 1, 1 < 1.5)
