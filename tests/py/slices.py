s = list(range(10))
print(s[2:8:2], s[::-3], s[-3:], s[:-8:-1], s[100:], s[-100:2], s[5:2], s[::1])
t = "abcdefgh"
print(t[1:-1:2], t[::-2], t[-2:-6:-1])
s[1:3] = [10, 20, 30]
print(s)
s[::2] = [0] * len(s[::2])
print(s)
try:
    s[::2] = [1]
except ValueError as e:
    print(e)
print((1, 2, 3, 4)[1::2], range(10)[2:7:2])
