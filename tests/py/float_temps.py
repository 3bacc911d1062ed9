# Float arithmetic whose temporaries the VM may reuse in place: results must
# never change a value that anything else still holds.
a = 1.5
b = a * a
print(a, b)
c = (a + 1.0) * (a + 1.0)
print(a, c)
t = a + 0.0
kept = [t]
t2 = t * 2.0
print(kept, t, t2)
d = {"x": a * 3.0}
y = d["x"] + 1.0
print(d, y)
x = 0.1
for i in range(5):
    x = x * 1.5 + 0.25
print(x)
acc = 0.0
vals = []
for i in range(6):
    acc = acc + i * 0.5
    vals.append(acc)
print(vals)
# mixed int and float operands
print(3 + 0.5, 0.5 + 3, 7 - 0.25, 2 * 0.75, 10 / 4.0, 9.0 / 3)
big = 2 ** 61 + 1
print(big + 0.5, 0.5 * big, big / 3.0)
print((1.0 + 2.0) - (3.0 - 1.0), -(0.5 * 4.0) + 1.0)
n = 3
print((n + 0.5) * (n - 0.5))
try:
    print((a + 1.0) / 0.0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    print((a + 1.0) / 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    print(5 / (a - 1.5))
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)


def f(u, v):
    return u * v + u / v - (u - v)


print(f(2.0, 4.0), f(1.5, 3), f(7, 0.5))
xs = [i * 0.1 for i in range(5)]
ys = [v * 2.0 for v in xs]
print(xs, ys)


class P:
    def __init__(self, x):
        self.x = x

    def step(self):
        self.x = self.x * 0.5 + 1.0
        return self.x


p = P(3.0)
q = p.x
print(p.step(), p.step(), q, p.x)
inf = float("inf")
print(inf - inf == inf - inf, inf * 0.0, -0.0 * 1.0, 0.0 * -1)
