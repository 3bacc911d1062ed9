# Async generators under a loop: one dropped mid-iteration is closed by the
# loop's finalizer hook (aclose scheduled at once), one left suspended is
# closed by asyncio.run's shutdown_asyncgens.
import asyncio
async def agen(tag):
    try:
        for i in range(10):
            yield i
    finally:
        print('closed', tag)
async def main():
    g = agen('dropped')
    print(await g.__anext__())
    del g
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print('after drop')
    async for x in agen('broken'):
        break
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print('after break')
    h = agen('kept')
    await h.__anext__()
    print('main ends')
asyncio.run(main())
print('end')
