a = [3, 1, 2]
a.append(5)
a.extend([9, 0])
a.insert(0, 7)
print(a, len(a), a[0], a[-1], a[2:4], a[::-1])
print(a.pop(), a.pop(0), a, a.index(2), a.count(1))
a.remove(1)
a.sort()
print(a)
a.sort(reverse=True)
print(a)
a.reverse()
print(a, sorted([5, 2, 8], reverse=True), sorted(["b", "A", "c"]), sorted("hello"))
b = a.copy()
b[0] = 100
print(a, b, a == b, a + b, [0] * 5, [1, 2] * 2)
del b[0]
print(b, 3 in b, 4 not in b, min(b), max(b), sum(b))
c = list(range(10))
c[2:5] = ["x"]
print(c)
del c[::2]
print(c)
c.clear()
print(c, [] == [], [1, [2, 3]] < [1, [2, 4]], [[]] * 2)
nested = [[1, 2], [3, 4]]
print(nested, nested[1][0], [x for row in nested for x in row])
