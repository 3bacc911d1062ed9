print(list(range(5)), list(range(2, 8)), list(range(10, 0, -3)), list(range(0)))
r = range(0, 20, 3)
print(r, len(r), r[2], r[-1], r[1:3], 9 in r, 10 in r, range(3) == range(0, 3))
print(sum(range(101)), list(reversed(range(4))), range(5)[::-1])
print(r.index(9), r.count(6), range(1, 10, 2), bool(range(0)), list(range(-3, 3)))
for i in range(3):
    print(i, end=" ")
print()
