# str.format_map: names looked up with mapping[name] (a dict subclass's
# __missing__, any object with __getitem__), positional fields refused, and
# the argument errors.
class D(dict):
    def __missing__(self, k): return "<%s>" % k
print("{a} {b!r:>6} {a.real}".format_map({"a": 3, "b": "x"}))
print("{x} and {y}".format_map(D(x=1)))
for f, m in [("{0}", {}), ("{}", {}), ("{z}", {}), ("{a[0]}", {"a": [9]})]:
    try: print(f.format_map(m))
    except Exception as e: print(type(e).__name__, e)
for a in [(), (1, 2)]:
    try: "x".format_map(*a)
    except TypeError as e: print(e)
try: "x".format_map(m={})
except TypeError as e: print(e)
class M:
    def __getitem__(self, k): return k * 2
print("{ab}".format_map(M()))
