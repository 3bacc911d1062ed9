# Deeply nested data and source: the C recursion it drives (repr, comparison,
# isinstance, the parser and the compiler) raises CPython's RecursionError,
# MemoryError or SyntaxError instead of overflowing the C stack.
import json
import sys
from collections import deque

DEEP = 20000      # past CPython's C recursion limit (10000)
SHALLOW = 3000    # well inside it: must still work


def nest(depth, wrap, seed):
    x = seed
    for _ in range(depth):
        x = wrap(x)
    return x


def show(what, f):
    try:
        r = f()
    except (RecursionError, MemoryError, SyntaxError) as e:
        print(what + ":", type(e).__name__ + ":", e)
    else:
        print(what + ":", r)


class L(list):
    pass


# ---- repr, str, print, format ----------------------------------------------

lst = nest(DEEP, lambda x: [x], [])
dct = nest(DEEP, lambda x: {1: x}, {})
tup = nest(DEEP, lambda x: (x,), ())
fst = nest(DEEP, lambda x: frozenset([x]), frozenset())
deq = nest(DEEP, lambda x: deque([x]), deque())
mix = nest(DEEP, lambda x: ({"k": [x]},), None)
sub = nest(DEEP, lambda x: L([x]), L())
exc = nest(DEEP, lambda x: ValueError(x), None)
slc = nest(DEEP, lambda x: slice(x), None)

for name, v in [("list", lst), ("dict", dct), ("tuple", tup), ("frozenset", fst),
                ("deque", deq), ("mixed", mix), ("list subclass", sub),
                ("exception", exc), ("slice", slc)]:
    show("repr " + name, lambda: len(repr(v)))
show("repr set of frozensets", lambda: len(repr({fst})))
show("repr dict values", lambda: len(repr(dct.values())))
show("repr dict items", lambda: len(repr(dct.items())))
show("str list", lambda: len(str(lst)))
show("str exception", lambda: len(str(exc)))
show("print list", lambda: print(lst))
show("format()", lambda: len(format(lst)))
show("f-string", lambda: len(f"{lst}"))
show("f-string !r", lambda: len(f"{lst!r}"))
show("percent", lambda: len("%s" % (lst,)))
show("str.format", lambda: len("{}".format(lst)))
show("json", lambda: len(json.dumps(lst)))

show("repr shallow list", lambda: len(repr(nest(SHALLOW, lambda x: [x], []))))
show("repr shallow dict", lambda: len(repr(nest(SHALLOW, lambda x: {1: x}, {}))))

cyc = [1]
cyc.append(cyc)
d = {"self": None}
d["self"] = d
show("repr cycle", lambda: repr(cyc) + " " + repr(d) + " " + repr([cyc, (cyc,), {1: cyc}]))
low = []
bottom = low
for _ in range(300):
    bottom.append([])
    bottom = bottom[0]
bottom.append(bottom)           # a cycle closed 300 levels down
show("repr deep cycle", lambda: (len(repr(low)), repr(low).count("[...]")))


class Me:
    def __repr__(self):
        return repr(self)


show("repr recursing __repr__", lambda: repr(Me()))

# ---- comparison --------------------------------------------------------------

lst2 = nest(DEEP, lambda x: [x], [])
tup2 = nest(DEEP, lambda x: (x,), ())
dct2 = nest(DEEP, lambda x: {1: x}, {})
fst2 = nest(DEEP, lambda x: frozenset([x, 0]), frozenset())
fst3 = nest(DEEP, lambda x: frozenset([x, 0]), frozenset())
deq2 = nest(DEEP, lambda x: deque([x]), deque())

show("list ==", lambda: lst == lst2)
show("list !=", lambda: lst != lst2)
show("list <", lambda: lst < lst2)
show("list in", lambda: lst in [lst2])
show("tuple ==", lambda: tup == tup2)
show("tuple >=", lambda: tup >= tup2)
show("tuple in", lambda: tup in (tup2,))
show("dict ==", lambda: dct == dct2)
show("frozenset ==", lambda: fst2 == fst3)
show("deque ==", lambda: deq == deq2)
show("sorted", lambda: len(sorted([lst, lst2])))
show("max", lambda: len(max(lst, lst2)))
show("list.index", lambda: [lst].index(lst2))
show("list.count", lambda: [lst].count(lst2))
show("dict values in", lambda: lst in {1: lst2}.values())
show("same object ==", lambda: lst == lst)
show("shallow ==", lambda: nest(SHALLOW, lambda x: [x], []) == nest(SHALLOW, lambda x: [x], []))

# ---- hash, isinstance, issubclass ---------------------------------------------

show("hash tuple", lambda: isinstance(hash(tup), int))
deep_types = nest(DEEP, lambda x: (x,), int)
show("isinstance", lambda: isinstance(1, deep_types))
show("issubclass", lambda: issubclass(int, deep_types))
show("isinstance shallow", lambda: isinstance(1, (str, ((float,), (int,)))))
show("issubclass shallow", lambda: issubclass(bool, (str, ((float,), (int,)))))
show("issubclass empty", lambda: issubclass(int, ()))
for a, b in [(1, (int,)), (int, (1,)), (int, (int, 1)), (int, (str, 1))]:
    try:
        print("issubclass", a, b, issubclass(a, b))
    except TypeError as e:
        print("issubclass", a, b, "TypeError:", e)

# ---- source nested too deep ------------------------------------------------------

N = 100000
for name, src in [
    ("unary minus", "-" * N + "1"),
    ("not", "not " * N + "x"),
    ("lambda", "lambda:" * N + "1"),
    ("conditional", "1 if 1 else " * N + "1"),
    ("power", "2" + "**2" * N),
    ("invert", "~" * N + "1"),
    ("addition", "1" + "+1" * N),
    ("attributes", "a" + ".b" * N),
    ("calls", "f" + "()" * N),
    ("subscripts", "x" + "[0]" * N),
    ("parentheses", "(" * 1000 + "1" + ")" * 1000),
    ("lists", "[" * N + "]" * N),
    ("dicts", "{1:" * 1000 + "1" + "}" * 1000),
    ("f-strings", 'f"{' * 200 + "1" + '}"' * 200),
    ("shallow minus", "-" * 2000 + "1"),
    ("shallow addition", "1" + "+1" * 5000),
    ("shallow f-strings", 'f"{' * 100 + "1" + '}"' * 100),
]:
    show("compile " + name, lambda: type(compile(src, "<s>", "eval")).__name__)
show("exec deep addition", lambda: exec("x = 1" + " + 1" * N))
show("eval nested lists", lambda: eval("[" * 150 + "]" * 150))
show("eval long sum", lambda: eval("1" + "+1" * 5000))
print("recursion limit unchanged:", sys.getrecursionlimit())
