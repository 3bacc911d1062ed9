def make():
    a = 0
    b = []
    def step():
        nonlocal a
        a += 1
        b.append(a)
        return a, list(b)
    return step
s = make()
s(); s()
print(s())
def outer():
    v = 1
    def set_v():
        nonlocal v
        v = 2
    set_v()
    return v
print(outer())
