# close(), GeneratorExit, finally blocks in generators.
def with_finally():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")

g = with_finally()
print(next(g))
print(g.close())
print(g.close())
try:
    next(g)
except StopIteration:
    print("closed generator is exhausted")

g = with_finally()
print(g.close(), "closing an unstarted generator runs nothing")

def catches_exit():
    try:
        yield 1
    except GeneratorExit:
        print("got GeneratorExit")
        raise

g = catches_exit()
next(g)
g.close()

def ignores_exit():
    ignored = False
    while True:
        try:
            yield 1
        except GeneratorExit:
            if ignored:
                return
            ignored = True
            print("ignoring")

g = ignores_exit()
next(g)
try:
    g.close()
except RuntimeError as e:
    print("RuntimeError:", e)

def returns_on_exit():
    try:
        yield 1
    except GeneratorExit:
        return "bye"

g = returns_on_exit()
next(g)
print("close returned", g.close())

def inner():
    try:
        yield "i1"
        yield "i2"
    finally:
        print("inner cleanup")

def outer():
    try:
        yield from inner()
    finally:
        print("outer cleanup")

g = outer()
print(next(g))
g.close()
print("after close")

def loop_break():
    try:
        for i in range(10):
            yield i
    finally:
        print("loop cleanup")

for x in loop_break():
    if x == 2:
        break
print("broke out")
gen = loop_break()
next(gen)
del gen
print("deleted")

def raises_in_finally():
    try:
        yield 1
    finally:
        raise ValueError("from finally")

g = raises_in_finally()
next(g)
try:
    g.close()
except ValueError as e:
    print("ValueError:", e)
