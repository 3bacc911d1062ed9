d = {"a": 1, "b": 2}
d["c"] = 3
print(d, len(d), d["a"], "b" in d, "z" in d, d.get("z"), d.get("z", 0))
del d["a"]
d["a"] = 10
print(d, list(d), list(d.keys()), list(d.values()), list(d.items()))
print(d.pop("b"), d.pop("zz", None), d, d.setdefault("q", 7), d)
d.update({"x": 1}, y=2)
print(d)
for k in d:
    print(k, d[k])
for k, v in d.items():
    print(k, "=", v)
e = dict(a=1, b=2)
print(e, dict([("x", 1), ("y", 2)]), dict(e), e == {"b": 2, "a": 1}, {} == {})
print({i: i * i for i in range(5)}, {k: v for k, v in zip("abc", [1, 2, 3])})
print(d.keys(), d.values(), d.items())
print(e.popitem(), e, {1: "a", 1.0: "b"}, {(1, 2): 3}[(1, 2)])
c = d.copy()
c.clear()
print(c, d.get("x"), {**e, "z": 0}, e | {"k": 1})
