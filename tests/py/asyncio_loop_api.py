# The event loop's own API: call_soon order, call_later/call_at ordering and
# cancel, time(), run_forever/stop, add_reader/add_writer over a pipe,
# remove_*, shutdown_asyncgens, create_future/create_task, task factory,
# close() and the errors of a closed or running loop.
import asyncio
import os

loop = asyncio.new_event_loop()
order = []
print(loop.is_running(), loop.is_closed(), loop.get_debug())

# call_soon runs in FIFO order; call_later by time, then FIFO
loop.call_soon(order.append, 'soon1')
h = loop.call_soon(order.append, 'cancelled')
loop.call_soon(order.append, 'soon2')
h.cancel()
print(h.cancelled())
t0 = loop.time()
loop.call_later(0.03, order.append, 'later 30ms')
loop.call_later(0.01, order.append, 'later 10ms')
th = loop.call_later(0.02, order.append, 'cancelled timer')
loop.call_at(t0 + 0.02, order.append, 'at 20ms')
th.cancel()
print(th.cancelled(), th.when() >= t0)
loop.call_later(0.05, loop.stop)
loop.run_forever()
print(order, loop.time() - t0 >= 0.05)

# stop() from a callback ends run_forever after the current pass
order.clear()
def chain(n):
    order.append(n)
    if n < 5:
        loop.call_soon(chain, n + 1)
    if n == 2:
        loop.stop()
loop.call_soon(chain, 0)
loop.run_forever()
print('after stop', order)
loop.run_forever() if False else None
loop.call_soon(loop.stop)
loop.run_forever()
print('resumed', order)

# readers and writers over a pipe
r, w = os.pipe()
got = []
def on_readable():
    data = os.read(r, 100)
    got.append(data)
    if data.endswith(b'!'):
        loop.remove_reader(r)
        loop.stop()
def on_writable():
    os.write(w, b'hello!')
    print('remove_writer', loop.remove_writer(w), loop.remove_writer(w))
loop.add_reader(r, on_readable)
loop.add_writer(w, on_writable)
loop.run_forever()
print(got, loop.remove_reader(r))
os.close(r)
os.close(w)


# tasks, futures, factory
async def answer():
    await asyncio.sleep(0)
    return 42
fut = loop.create_future()
loop.call_soon(fut.set_result, 'future value')
print(loop.run_until_complete(fut))
made = []
def factory(lp, coro, **kw):
    made.append(coro.__name__)
    return asyncio.Task(coro, loop=lp, **kw)
loop.set_task_factory(factory)
print(loop.get_task_factory() is factory, loop.run_until_complete(answer()), made)
loop.set_task_factory(None)
try:
    loop.set_task_factory(3)
except TypeError as e:
    print(e)

# async generators left suspended are closed by shutdown_asyncgens
closed = []
async def agen():
    try:
        yield 1
        yield 2
    finally:
        closed.append('agen closed')
async def use_agen():
    g = agen()
    print('first item', await g.__anext__())
    return g
g = loop.run_until_complete(use_agen())
loop.run_until_complete(loop.shutdown_asyncgens())
print(closed)


async def nested():
    inner = answer()
    try:
        loop.run_until_complete(inner)
    except RuntimeError as e:
        print(e)
    inner.close()
    try:
        loop.run_forever()
    except RuntimeError as e:
        print(e)
    return 'nested done'
print(loop.run_until_complete(nested()))
loop.run_until_complete(loop.shutdown_default_executor())
loop.close()
loop.close()
print(loop.is_closed())
late = answer()
for call in (lambda: loop.call_soon(print), lambda: loop.call_later(1, print),
             lambda: loop.run_forever(), lambda: loop.create_task(late)):
    try:
        call()
    except RuntimeError as e:
        print(e)
late.close()
