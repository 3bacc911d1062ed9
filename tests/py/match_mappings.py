# match statements: mapping patterns, **rest, and how keys are looked up.
import collections


def kind(event):
    match event:
        case {"type": "click", "pos": (x, y)}:
            return f"click at {x},{y}"
        case {"type": "key", "key": str(k), **extra} if extra:
            return f"key {k} with {extra}"
        case {"type": "key", "key": k}:
            return f"key {k}"
        case {"type": t}:
            return f"unknown event {t}"
        case {}:
            return "some mapping"
        case _:
            return "not a mapping"


for e in [{"type": "click", "pos": (1, 2)}, {"type": "click", "pos": [3, 4], "extra": 1},
          {"type": "key", "key": "a"}, {"type": "key", "key": "b", "shift": True},
          {"type": "key", "key": 5}, {"type": "scroll"}, {}, {"other": 1}, [("type", "x")], "type"]:
    print(kind(e))

# **rest gets a new dict of the other items
d = {"a": 1, "b": 2, "c": 3}
match d:
    case {"a": 1, **rest}:
        print(rest, rest is d)
match d:
    case {**everything}:
        print(everything, everything is d)

# keys may be literals of any kind, or dotted names


class K:
    key = "b"


match {1: "one", -2: "minus two", None: "none", True: "true", b"x": "bytes", "b": "bee"}:
    case {1: a, -2: b, None: c, b"x": d, K.key: e}:
        print(a, b, c, d, e)

# dict subclasses are mappings, and their get() is used


class Loud(dict):
    def get(self, key, default=None):
        print("get", repr(key))
        return super().get(key, default)


match Loud(a=1, b=2):
    case {"a": 1, "z": _}:
        print("no")
    case {"b": v, **rest}:
        print("b is", v, "rest", rest)

# get() never creates missing keys of a defaultdict
dd = collections.defaultdict(list)
match dd:
    case {"missing": _}:
        print("no")
    case {}:
        print("defaultdict untouched:", dict(dd))

od = collections.OrderedDict([("x", 1), ("y", 2)])
match od:
    case {"y": y, **others}:
        print("OrderedDict", y, others)

# the same key twice at run time is a ValueError


class Twice:
    a = "k"
    b = "k"


try:
    match {"k": 1}:
        case {Twice.a: _, Twice.b: _}:
            pass
except ValueError as e:
    print("ValueError:", e)

# nested mappings and sequences
config = {"server": {"host": "localhost", "ports": [80, 443]}, "debug": False}
match config:
    case {"server": {"host": host, "ports": [first, *others]}, "debug": False}:
        print(host, first, others)
