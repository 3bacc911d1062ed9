a = None
print(a is None, a is not None, [] == [], () == (), 1 in [1, 2], "x" in {"x": 1}, 3 in range(5), "b" in ("a", "b"))
print(5 not in [1, 2], None in [None], 2.0 in [2], "ab" in "cabd")
