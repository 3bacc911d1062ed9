# throw(): exceptions raised at the yield, caught or propagated.
def catcher():
    while True:
        try:
            x = yield "ready"
            print("got", x)
        except ValueError as e:
            print("caught", repr(e))
            yield "recovered"

g = catcher()
print(next(g))
print(g.throw(ValueError("bad")))
print(next(g))
print(g.send(3))
try:
    g.throw(KeyError("k"))
except KeyError as e:
    print("propagated", repr(e))
try:
    next(g)
except StopIteration:
    print("generator finished")

g = catcher()
try:
    g.throw(ValueError("early"))
except ValueError as e:
    print("unstarted raises", repr(e))
print(next(g, "exhausted"))

g = catcher()
next(g)
print(g.throw(ValueError))

def inner():
    try:
        yield 1
    except TypeError:
        print("inner handled TypeError")
        yield 2
    return "inner-ret"

def outer():
    r = yield from inner()
    print("outer got", r)
    yield 3

g = outer()
print(next(g))
print(g.throw(TypeError))
print(next(g))

g = outer()
next(g)
try:
    g.throw(IndexError("idx"))
except IndexError as e:
    print("through both:", e)

def ctx():
    try:
        yield 1
    except ZeroDivisionError:
        try:
            yield 2
        finally:
            print("inner finally")

g = ctx()
next(g)
print(g.throw(ZeroDivisionError()))
try:
    g.throw(RuntimeError("second"))
except RuntimeError as e:
    print("second:", e, "context:", repr(e.__context__))

try:
    g = catcher()
    next(g)
    g.throw(42)
except TypeError as e:
    print("TypeError:", e)
