def f(x):
    try:
        if x == 0:
            return "zero"
        if x == 1:
            raise ValueError("one")
        return "other"
    except ValueError as e:
        return "caught " + str(e)
    finally:
        print("finally for", x)
print(f(0)); print(f(1)); print(f(2))
def g():
    for i in range(5):
        try:
            if i == 2:
                break
        finally:
            print("cleanup", i)
    return i
print(g())
def h():
    try:
        try:
            raise KeyError("a")
        except KeyError:
            raise IndexError("b")
    except IndexError as e:
        return repr(e) + " ctx=" + repr(e.__context__)
print(h())
def nested():
    try:
        return 1
    finally:
        try:
            print("inner finally")
        finally:
            print("outer finally")
print(nested())
