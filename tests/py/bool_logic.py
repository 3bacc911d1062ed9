print(True and False, True or False, not True, not 0, not [], 1 and 0, 0 or 3, "" or "x")
print(True + 1, False * 5, True / 2, True & False, True | False, True ^ True, ~True, -True)
print(True, None is None, [] is not [], type(True & True), type(True + 1))
a = [1]
b = a
print(a is b, a == [1], a is [1], 5 > 3 == 3, (5 > 3) == 3)
print(repr(True), str(False), int(True), float(False), bool(2), True == 1.0, hash(True))
