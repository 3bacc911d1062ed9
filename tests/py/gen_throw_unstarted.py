# throw() into a generator that never started: the traceback points at its def line.
def g():
    yield 1

x = g()
x.throw(ValueError("boom"))
