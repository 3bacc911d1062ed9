a, b, c = 1, 2, 3
print(a, b, c)
a, b = [b, a]
print(a, b)
for i, (x, y) in enumerate([(1, 2), (3, 4)]):
    print(i, x, y)
head, *tail = "hello"
print(head, tail)
[p, q] = "pq"
print(p, q)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print(e)
try:
    a, b, c = [1]
except ValueError as e:
    print(e)
try:
    a, *b, c = [1]
except ValueError as e:
    print(e)
print(*range(3), *"ab", sep=",")
print([*range(3), *[9]], (*"xy",), {**{"a": 1}, **{"b": 2}})
