x = "\d\d" + "\q"
y = """ab
\d"""
z = f"\d{x}"
w = r"\d"
if x is 1 or x is 1: pass
print(len(x))
def f():
    for i in range(2):
        try:
            if i is 1:
                continue
        finally:
            assert (x is 2, "m")
    return [y for y in range(3) if y is not 0]
print(f(), x is -1, x is (1, 2), x is (), x is None, x is ..., x is ~1, () is x)
