i = 0
total = 0
while True:
    i += 1
    if i > 100:
        break
    if i % 2:
        continue
    total += i
print(total)
a, b = 0, 1
fibs = []
while len(fibs) < 15:
    fibs.append(a)
    a, b = b, a + b
print(fibs)
n = 27
steps = 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
print(steps)
