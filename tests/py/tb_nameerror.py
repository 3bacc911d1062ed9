def f():
    return undefined_thing * 2
f()
