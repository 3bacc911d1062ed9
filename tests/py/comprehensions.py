print([x * x for x in range(6)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print({x: x % 3 for x in range(7)})
print([[j for j in range(i)] for i in range(4)])
x = "outer"
print([x for x in "ab"], x)
print(sum([i for i in range(100)]), len([c for c in "hello world" if c in "aeiou"]))
print(sorted({v % 4 for v in range(10)}))
