# globals(), locals(), vars()
gv = 1
print(globals() is globals())
print("gv" in globals(), globals()["gv"])
globals()["made_here"] = 99
print(made_here)
print(locals() is globals())

def f(a, b=2, *args, **kw):
    c = a + b
    print(sorted(locals().items()))
    print(vars() == locals())
    return locals()
r = f(1, 5, 6, k=7)
print(sorted(r))

def outer():
    x = 1
    y = 2
    def inner():
        z = x + 10
        return locals()
    print(sorted(locals()))
    return inner()
print(outer())

def snapshot():
    v = 1
    l = locals()
    v = 2
    print(l["v"], locals()["v"])
snapshot()

class K:
    attr = 1
    print(sorted(k for k in locals() if not k.startswith("__")))
    print(locals()["__qualname__"])

def unbound():
    print(locals())
    q = 1
unbound()

def t(f):
    try:
        print("ok", f())
    except BaseException as e:
        print(type(e).__name__ + ":", e)
t(lambda: globals(1))
t(lambda: locals(1))
t(lambda: vars(1))
t(lambda: vars(1, 2))
