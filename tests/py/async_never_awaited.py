# A coroutine freed before it ever ran reports "coroutine ... was never
# awaited" (RuntimeWarning on stderr, at the line that dropped it); one that
# ran, was closed or had an exception thrown in does not.
import warnings


async def job():
    return 1


class Holder:
    async def method(self):
        pass


job()                       # dropped at once
print("after expression statement")
c = job()
del c                       # dropped by del
print("after del")
c = Holder().method()
c = None                    # qualname in the message
print("after rebinding")


def helper():
    local = job()
    del local               # dropped by del of a local
    return "helper returns"


print(helper())

# no warning for these
c = job()
try:
    c.send(None)
except StopIteration:
    pass
del c
c = job()
c.close()
del c
c = job()
try:
    c.throw(ValueError)
except ValueError:
    pass
del c
print("quiet so far")

# the warnings machinery applies: filters and catch_warnings see it
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    job()
    kept = log[0]
print(kept.category.__name__, kept.message, type(kept.source).__name__)
del kept, log
with warnings.catch_warnings():
    warnings.simplefilter("ignore", RuntimeWarning)
    job()
print("ignored")


# async generator methods never awaited
async def agen():
    yield 1


g = agen()
g.asend(None)
g.athrow(ValueError)
g.aclose()
print("end")
