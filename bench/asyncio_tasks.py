# bench/asyncio_tasks.py [N]: one event loop runs N tasks (default 100,000)
# that each await asyncio.sleep(0) three times; prints the wall time and a
# checksum.  Measures the loop's hot path: task creation, the ready queue,
# a task step and gather's completion callbacks.
import asyncio
import sys
import time


async def hop(i):
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    return i & 7


async def main(n):
    return sum(await asyncio.gather(*[hop(i) for i in range(n)]))


n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
t0 = time.perf_counter()
check = asyncio.run(main(n))
print(f"tasks={n} wall={time.perf_counter() - t0:.3f}s check={check}")
