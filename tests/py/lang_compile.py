# compile(): modes, code objects, errors
c = compile("a = 1\nb = a + 1", "myfile", "exec")
print(type(c).__name__)
ns = {}
exec(c, ns)
print(ns["a"], ns["b"])

e = compile("3 ** 2", "myexpr", "eval")
print(eval(e))
print(eval(e))

s = compile("1 + 1", "<single>", "single")
exec(s)
exec(compile("None", "<single>", "single"))
exec(compile("'text'", "<single>", "single"))
exec(compile("for i in range(2): i\n\n", "<single>", "single"))
exec(compile("x = 5", "<single>", "single"))
print(_)

def t(f):
    try:
        r = f()
        print("ok", repr(r) if not hasattr(r, "co_consts") else "code")
    except BaseException as e:
        print(type(e).__name__ + ":", e)

t(lambda: compile(1, "f", "exec"))
t(lambda: compile("1", "f", "bad"))
t(lambda: compile("1"))
t(lambda: compile("1", "f"))
t(lambda: compile("x", "f", "eval", 0, False, -1, 5))
t(lambda: compile("def f(:\n  pass", "broken.py", "exec"))
t(lambda: compile("if True:\nx = 1", "ind.py", "exec"))
t(lambda: compile("a b", "f", "eval"))
t(lambda: compile("x = 1", "f", "eval"))
t(lambda: compile("x\0y", "f", "exec"))
t(lambda: compile("'unterminated", "f", "exec"))

try:
    compile("x = = 2", "prog.py", "exec")
except SyntaxError as err:
    print(err.msg, err.filename, err.lineno, err.offset, repr(err.text))
    print(err.args[0], err.args[1][0], err.args[1][1])

code = compile("def f():\n    return undefined\nf()", "runtime.py", "exec")
try:
    exec(code, {})
except NameError as err:
    print("NameError:", err)
