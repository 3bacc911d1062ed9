# exec(): namespaces, definitions, builtins, errors
ns = {}
exec("x = 1\ny = x + 1\ndef f(a):\n    return a * y\n", ns)
print(ns["x"], ns["y"], ns["f"](5))
print(sorted(k for k in ns if k != "__builtins__"))
print("__builtins__" in ns)

g = {"base": 10}
l = {}
exec("z = base + 1", g, l)
print(l, "z" in g)

exec("import math\nr = math.sqrt(16)", ns)
print(ns["r"])

# module-level exec sees and writes module globals
counter = 0
exec("counter += 5")
print(counter)

def func():
    a = 3
    exec("b = a * 2")         # writes go to a snapshot
    print("b" in locals())
    d = {"a": a}
    exec("c = a * 3", globals(), d)
    print(sorted(d.items()))
func()

# classes and closures in exec'd code
src = '''
class P:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return f"P({self.v})"
def make(n):
    def inner():
        return n + 1
    return inner
result = [P(i) for i in range(3)], make(4)()
'''
env = {}
exec(src, env)
print(env["result"])
print(env["P"].__module__)

code = compile("total = sum(range(10))", "<calc>", "exec")
print(type(code).__name__)
env2 = {}
print(exec(code, env2))
print(env2["total"])

# errors
def t(f):
    try:
        r = f()
        print("ok", repr(r))
    except BaseException as e:
        print(type(e).__name__ + ":", e)

t(lambda: exec(123))
t(lambda: exec("x", 1))
t(lambda: exec("x", {}, 1))
t(lambda: exec())
t(lambda: exec("undefined_name", {}))
t(lambda: exec("1/0"))
t(lambda: exec("return 1"))
t(lambda: exec("x = (1,", {}))
t(lambda: exec(" x = 1"))
t(lambda: exec("raise ValueError('inner')", {}))
t(lambda: exec("global q\nq = 7", {}))
