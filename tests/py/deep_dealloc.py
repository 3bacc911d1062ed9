# Dropping deeply nested data frees it without overflowing the C stack (each
# release would otherwise free the next one, 200,000 calls deep), wherever
# the last reference goes: del, reassignment, clear(), a dict entry, a
# thread's locals, the module's globals at exit.
import threading

DEPTH = 200000


def nest(wrap, seed=None, depth=DEPTH):
    x = seed
    for _ in range(depth):
        x = wrap(x)
    return x


class Node:
    pass


class Slotted:
    __slots__ = ("next",)


class D(dict):
    pass


def node(x):
    n = Node()
    n.next = x
    return n


def slotted(x):
    n = Slotted()
    n.next = x
    return n


def closure(x):
    def f(x=x):
        return x
    return f


class Holder:
    def method(self):
        return self


def bound(x):
    h = Holder()
    h.x = x
    return h.method


cases = [
    ("lists", lambda x: [x], []),
    ("dicts", lambda x: {"k": x}, {}),
    ("tuples", lambda x: (x,), ()),
    ("instances", node, None),
    ("slotted instances", slotted, None),
    ("dict subclass", lambda x: D(k=x), None),
    ("closures", closure, None),
    ("exception args", lambda x: KeyError(x), None),
    ("bound methods", bound, None),
    ("mixed", lambda x: {"a": [(x, 1)]}, None),
    ("iterators", lambda x: iter([x]), None),
]

for name, wrap, seed in cases:
    x = nest(wrap, seed)
    del x
    print(name, "ok")

x = nest(lambda x: {1: x})
x = None
print("reassigned ok")

x = [nest(lambda x: {1: x})]
x.clear()
print("cleared ok")

d = {"deep": nest(lambda x: {1: x})}
del d["deep"]
print("dict entry ok")


def in_thread():
    x = nest(lambda x: {1: x})
    del x
    print("thread ok")


t = threading.Thread(target=in_thread)
t.start()
t.join()

keep = nest(node)
print("done")
