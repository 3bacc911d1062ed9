# An exception escaping the coroutine given to asyncio.run propagates out of
# it with the traceback CPython prints (the user's frames, chained causes),
# after the loop has cancelled the other tasks; the exit status is 1.
import asyncio


async def helper_task():
    try:
        await asyncio.sleep(10)
    finally:
        print('helper cleaned up')


async def inner(n):
    await asyncio.sleep(0)
    if n == 0:
        try:
            {}['missing']
        except KeyError as e:
            raise ValueError('inner failed') from e
    return await inner(n - 1)


async def main():
    asyncio.create_task(helper_task())
    await asyncio.sleep(0)
    print('about to fail')
    await inner(2)


asyncio.run(main())
