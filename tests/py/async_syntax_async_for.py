def f(items):
    async for item in items:
        print(item)
