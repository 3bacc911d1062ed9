# Comprehension scopes around generators: walrus targets, lambdas, class bodies.
nums = [1, 5, 9, 2]
if any((big := n) > 4 for n in nums):
    print("first big", big)
def f():
    total = 0
    print(all((last := x) < 10 for x in [3, 4, 12, 1]), last)
    ys = [(t := x * 2) for x in range(3) if (lambda: x)() >= 0]
    print(ys, t)
f()
fs = [lambda: i for i in range(3)]
print([g() for g in fs])
fs = [lambda i=i: i for i in range(3)]
print([g() for g in fs])
class C:
    data = [1, 2, 3]
    doubled = list(x * 2 for x in data)
    sq = [x * x for x in data]
print(C.doubled, C.sq)
print({k: (lambda: k)() for k in "ab"})
print(list(map(lambda p: p[0] * p[1], ((a, b) for a in range(3) for b in range(2)))))
def gen_in_method():
    class K:
        def items(self):
            yield from (i * 10 for i in range(3))
    return list(K().items())
print(gen_in_method())
