print("never printed")

async def f(it):
    yield from it
