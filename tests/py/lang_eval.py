# eval(): expressions, namespaces, errors
print(eval("1 + 2 * 3"))
print(eval("  40 + 2"))
print(eval("\t[1, 2][0]\n\n"))
x = 10
print(eval("x * 2"))
print(eval("a + b", {"a": 1, "b": 2}))
print(eval("a", {"a": 5}, {"a": 6}))
print(eval("a", None, {"a": 7}))
print(eval("[i * i for i in range(5)]"))
print(eval("lambda q: q + x")(1))
print(eval("(1, 2), 3"))
print(eval("1, 2"))
print(eval("'s' 't'"))
print(eval("{'k': [1, {2}]}"))
print(eval("len"))

def f():
    local_v = 4
    return eval("local_v + x")
print(f())

def g():
    y = 2
    def h():
        return eval("y")    # y is not a free variable of h
    try:
        return h()
    except NameError as e:
        return str(e)
print(g())

print(eval(compile("6 * 7", "<expr>", "eval")))
print(eval(compile("q = 1", "<s>", "exec"), {}))

class Mapping:
    def __getitem__(self, k):
        if k == "magic":
            return 42
        raise KeyError(k)
print(eval("magic + 1", {}, Mapping()))

def t(f):
    try:
        r = f()
        print("ok", repr(r))
    except BaseException as e:
        print(type(e).__name__ + ":", e)

t(lambda: eval(123))
t(lambda: eval("x", 1))
t(lambda: eval("x", {}, 1))
t(lambda: eval())
t(lambda: eval("1;2"))
t(lambda: eval("x = 1"))
t(lambda: eval("1 +\n2"))
t(lambda: eval("nope"))
t(lambda: eval("1 / 0"))
t(lambda: eval("(1, 2"))
t(lambda: eval("import os"))
try:
    eval("1 +")
except SyntaxError as e:
    print(e.msg, e.filename, e.lineno, e.offset, repr(e.text))
