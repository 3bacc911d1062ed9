five = 5
tests = [
    lambda: 1 // 0, lambda: 1 % 0, lambda: 1.0 / 0, lambda: [1][5], lambda: (1,)[5], lambda: "ab"[9],
    lambda: {}[0], lambda: int("x1"), lambda: float("abc"), lambda: 1 + "a", lambda: "a" * "b",
    lambda: [] < 1, lambda: len(5), lambda: five(), lambda: five[0], lambda: iter(5), lambda: None.foo,
    lambda: [].pop(), lambda: [1].remove(2), lambda: {}.popitem(), lambda: hash([]), lambda: -"a",
    lambda: int(float("inf")), lambda: int(float("nan")), lambda: range(1, 2, 0), lambda: "abc".index("z"),
    lambda: [1, 2].index(9), lambda: max([]), lambda: chr(-1), lambda: ord("ab"), lambda: 2 ** -1 // 0,
    lambda: "x".foo(), lambda: (1).bar, lambda: sum(["a"]), lambda: [1, "a"].sort(), lambda: {[]: 1},
    lambda: sorted([1, None]), lambda: 1 < "a", lambda: "a" >= 2.0, lambda: divmod(1, 0), lambda: 1 << -1,
]
for t in tests:
    try:
        t()
        print("no error")
    except Exception as e:
        print(type(e).__name__ + ":", e)
