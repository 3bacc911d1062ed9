# The SyntaxErrors of await, async for, async with and asynchronous
# comprehensions, with their positions, through compile().
cases = [
    "await x",
    "def f():\n    await x",
    "class C:\n    await x",
    "async def f():\n    class C:\n        await x",
    "async def f():\n    lambda: await x",
    "async def f():\n    def g(): await x",
    "async with x: pass",
    "def f():\n    async with x as y: pass",
    "async for x in y: pass",
    "def f():\n    async for x in y:\n        pass",
    "async def f():\n    yield from x",
    "async def f(): x = yield from y",
    "[x async for x in y]",
    "def f():\n    [x async for x in y]",
    "def f():\n    [await x for x in y]",
    "def f():\n    {x: 1 for x in y if await x}",
    "def f():\n    [[y async for y in x] for x in z]",
    "def f():\n    [lambda: x async for x in y]",
    "def f():\n    return [x for x in await y]",
    "async def f():\n    yield 1\n    return 2",
    "async def f():\n    [(yield x) for x in y]",
    "async def f():\n    await",
    "async = 1",
    "async x = 1",
    "def async(): pass",
    # accepted
    "def f():\n    (x async for x in y)",
    "(x async for x in y)",
    "def f():\n    (await x for x in y)",
    "async def f():\n    [[y async for y in x] for x in z]",
    "async def f():\n    return [x for x in await y]",
    "async def f():\n    async with a as b, c as d: pass",
    "async def f():\n    yield\n    return",
    "@dec\nasync def f():\n    await g()",
    "async def f():\n    async for x in y:\n        pass\n    else:\n        pass",
]
for src in cases:
    try:
        compile(src, "<case>", "exec")
    except SyntaxError as e:
        print(repr(src), "->", e.msg, (e.lineno, e.offset, e.end_lineno, e.end_offset))
    else:
        print(repr(src), "-> ok")
