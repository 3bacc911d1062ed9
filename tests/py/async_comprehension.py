# Asynchronous comprehensions (PEP 530) and await inside comprehensions,
# in async functions; asynchronous generator expressions anywhere.
import types


@types.coroutine
def pause(tag):
    yield tag


def run(coro):
    trace = []
    while True:
        try:
            trace.append(coro.send(None))
        except StopIteration as e:
            return e.value, trace


async def agen(n):
    for i in range(n):
        await pause("gen %d" % i)
        yield i


async def double(x):
    await pause("double %d" % x)
    return 2 * x


async def comps():
    a = [x async for x in agen(3)]
    b = {x % 2 async for x in agen(4)}
    c = {x: x * x async for x in agen(3) if x}
    d = [await double(x) for x in range(3)]
    e = [x for x in [await double(5)]]
    f = [(x, y) async for x in agen(2) for y in "ab"]
    g = [y for x in range(2) async for y in agen(x + 1)]
    h = [[y async for y in agen(x)] for x in range(3)]
    i = [x async for x in agen(6) if x % 2 if x > 1]
    return a, b, c, d, e, f, g, h, i


result, trace = run(comps())
for part in result:
    print(part)
print(len(trace), trace[:4])


# a comprehension with a lambda has its own (coroutine) function
async def with_lambda():
    fs = [lambda: x async for x in agen(3)]
    return [f() for f in fs]


print(run(with_lambda())[0])


# asynchronous generator expressions
async def use_genexp():
    ge = (x * 10 async for x in agen(3))
    print(type(ge).__name__, ge.__name__)
    out = [v async for v in ge]
    aw = (await double(x) for x in range(2))
    print(type(aw).__name__)
    out2 = [v async for v in aw]
    return out, out2


print(run(use_genexp())[0])


def sync_made():
    # an async genexp made in a plain function is an async generator
    return (x async for x in agen(2))


async def consume(ag):
    return [v async for v in ag]


print(run(consume(sync_made()))[0])

# comprehension scoping: iteration variables stay inside
async def scoping():
    x = "outer"
    lst = [x async for x in agen(2)]
    return x, lst


print(run(scoping())[0])


# errors inside an async comprehension propagate
async def bad():
    return [1 / x async for x in agen(3)]


try:
    run(bad())
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)


class NoAiter:
    pass


async def not_async_iterable():
    return [x async for x in NoAiter()]


try:
    run(not_async_iterable())
except TypeError as e:
    print(e)
