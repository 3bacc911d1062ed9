d = {}
for i in range(20):
    d[i * 7 % 13] = i
print(d)
for i in range(0, 20, 3):
    d.pop(i * 7 % 13, None)
print(d)
for i in range(100, 110):
    d[str(i)] = i
print(list(d)[:5], len(d))
big = {i: i for i in range(1000)}
for i in range(0, 1000, 2):
    del big[i]
print(len(big), sum(big), list(big)[:5], list(big)[-3:])
