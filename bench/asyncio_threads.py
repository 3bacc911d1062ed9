# bench/asyncio_threads.py [THREADS] [N]: each thread runs asyncio.run of
# 8 CPU-bound tasks that each do N/8 units of arithmetic, awaiting
# asyncio.sleep(0) every 64 units (so the loop switches tasks all the time).
# One loop per thread: nothing is shared between the loops, so threads
# should scale like processes.
import asyncio

import harness

TASKS = 8


async def worker(k, units):
    total = 0
    for i in range(units):
        total += (i * k) & 63
        if i & 63 == 0:
            await asyncio.sleep(0)
    return total


async def main(n):
    parts = await asyncio.gather(*[worker(k + 1, n // TASKS) for k in range(TASKS)])
    return sum(parts)


def work(n):
    return asyncio.run(main(n))


harness.run(work, 2_000_000)
