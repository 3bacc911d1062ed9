# Ctrl-C under asyncio.run: the first SIGINT cancels the main task (its
# finally blocks run, other tasks are cancelled at shutdown) and
# asyncio.run raises KeyboardInterrupt; the default handler is back after.
import asyncio
import os
import signal


async def helper():
    try:
        await asyncio.sleep(10)
    finally:
        print('helper cancelled at shutdown')


async def main():
    asyncio.create_task(helper())
    await asyncio.sleep(0)
    os.kill(os.getpid(), signal.SIGINT)
    try:
        await asyncio.sleep(10)
    finally:
        print('main cancelled by the interrupt')


try:
    asyncio.run(main())
except KeyboardInterrupt as e:
    print('KeyboardInterrupt', repr(e))
print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)


async def quiet():
    return 'no interrupt'
print(asyncio.run(quiet()))
