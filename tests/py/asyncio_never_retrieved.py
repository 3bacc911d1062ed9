# The loop's exception handler: "Task exception was never retrieved" and
# "Exception in callback" logged by the default handler (stderr), a custom
# handler set with set_exception_handler, call_exception_handler with extra
# keys, and a handler that itself fails.
import asyncio
import gc


async def fails():
    raise ValueError('nobody looks at me')


def bad_callback(x):
    raise KeyError(x)


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(fails())
    await asyncio.sleep(0)
    print('task done', t.done())
    del t
    gc.collect()
    await asyncio.sleep(0)

    loop.call_soon(bad_callback, 'cb-arg')
    await asyncio.sleep(0)

    seen = []
    def handler(lp, context):
        seen.append((lp is loop, context['message'].split(' at ')[0], type(context.get('exception')).__name__,
                     sorted(context)))
    loop.set_exception_handler(handler)
    print(loop.get_exception_handler() is handler)
    loop.call_soon(bad_callback, 1)
    await asyncio.sleep(0)
    t = asyncio.create_task(fails())
    await asyncio.sleep(0)
    del t
    gc.collect()
    loop.call_exception_handler({'message': 'custom report', 'detail': 42})
    for s in seen:
        print(s)
    try:
        loop.set_exception_handler(5)
    except TypeError as e:
        print(e)
    loop.set_exception_handler(None)
    loop.call_exception_handler({'message': 'to the default', 'answer': 42, 'other': 'x'})
    loop.call_exception_handler({})

    def broken(lp, context):
        raise RuntimeError('the handler broke')
    loop.set_exception_handler(broken)
    loop.call_exception_handler({'message': 'lost'})
    loop.set_exception_handler(None)
    print('end of main')


asyncio.run(main())
