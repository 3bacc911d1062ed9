# get_event_loop outside a running loop: the main thread gets a new loop
# (with CPython 3.13's DeprecationWarning), the same one on the next call;
# after set_event_loop(None), or in another thread, RuntimeError; inside a
# running loop it is the running loop.
import asyncio
import threading

loop = asyncio.get_event_loop()
print(type(loop).__name__, asyncio.get_event_loop() is loop)


async def inside():
    return asyncio.get_event_loop() is asyncio.get_running_loop()

print(loop.run_until_complete(inside()))
asyncio.set_event_loop(None)
try:
    asyncio.get_event_loop()
except RuntimeError as e:
    print(e)
mine = asyncio.new_event_loop()
asyncio.set_event_loop(mine)
print(asyncio.get_event_loop() is mine, mine is not loop)
try:
    asyncio.set_event_loop(3)
except TypeError as e:
    print(e)
out = []
def worker():
    try:
        asyncio.get_event_loop()
    except RuntimeError as e:
        out.append(str(e))
t = threading.Thread(target=worker, name='helper')
t.start()
t.join()
print(out)
loop.close()
mine.close()
print(asyncio.get_event_loop_policy() is asyncio.get_event_loop_policy())
