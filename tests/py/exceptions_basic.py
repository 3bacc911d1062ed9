try:
    1 / 0
except ZeroDivisionError as e:
    print("caught", e, type(e).__name__, e.args)
try:
    [][1]
except IndexError as e:
    print("index", e)
try:
    {}["k"]
except KeyError as e:
    print("key", e, repr(e))
try:
    int("abc")
except ValueError as e:
    print("value", e)
try:
    "a" + 1
except TypeError as e:
    print("type", e)
try:
    undefined_name
except NameError as e:
    print("name", e)
try:
    raise ValueError("custom", 42)
except ValueError as e:
    print(e, e.args)
try:
    try:
        raise KeyError("inner")
    finally:
        print("finally runs")
except LookupError as e:
    print("outer caught", repr(e))
def f():
    try:
        return "from try"
    finally:
        print("cleanup")
print(f())
for i in range(3):
    try:
        if i == 1:
            continue
        print("body", i)
    finally:
        print("fin", i)
try:
    raise RuntimeError
except (TypeError, RuntimeError) as e:
    print("tuple catch", repr(e))
else:
    print("not here")
try:
    pass
except Exception:
    print("no")
else:
    print("else ran")
