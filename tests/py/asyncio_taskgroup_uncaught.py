# Failures in a TaskGroup escaping asyncio.run: the ExceptionGroup traceback
# CPython prints (the group's frames, then each sub-exception's).
import asyncio
async def bad(n):
    await asyncio.sleep(0)
    raise ValueError(n)
async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(bad(1))
        tg.create_task(bad(2))
asyncio.run(main())
