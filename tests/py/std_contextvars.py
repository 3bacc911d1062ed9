# contextvars: ContextVar get/set/reset with tokens, copy_context and
# Context.run (copies keep what they saw), the errors, a thread starting in an
# empty context, and asyncio tasks each running in a copy of their creator's.
import asyncio
import contextvars
import threading

v = contextvars.ContextVar("v")
w = contextvars.ContextVar("w", default=10)
print(v.name, w.get(), v.get("fallback"))
try:
    v.get()
except LookupError as e:
    print("LookupError", type(e.args[0]).__name__, e.args[0] is v)

t = v.set(1)
print(v.get(), t.var is v, t.old_value is contextvars.Token.MISSING)
snapshot = contextvars.copy_context()
t2 = v.set(2)
print(v.get(), snapshot[v], len(snapshot), v in snapshot, w in snapshot, snapshot.get(w, "none"))
v.reset(t2)
print(v.get(), t2.old_value)
try:
    v.reset(t2)
except RuntimeError as e:
    print("RuntimeError", "has already been used once" in str(e))


def inside(x):
    v.set(x)
    return v.get(), list(contextvars.copy_context().values())


print(snapshot.run(inside, 99), v.get(), snapshot[v])
try:
    snapshot.run(snapshot.run, print, "nested")
except RuntimeError as e:
    print("RuntimeError", "is already entered" in str(e))

ctx = contextvars.Context()
print(len(ctx), list(ctx.items()), ctx.run(lambda: v.get("empty")))
t3 = v.set(3)
try:
    ctx.run(v.reset, t3)
except ValueError as e:
    print("ValueError", "was created in a different Context" in str(e))
try:
    contextvars.ContextVar(5)
except TypeError as e:
    print("TypeError", e)
try:
    ctx[1]
except TypeError as e:
    print("TypeError", type(e).__name__)
try:
    ctx[v]
except KeyError as e:
    print("KeyError", e.args[0] is v)
print(contextvars.ContextVar[int])

seen = []
th = threading.Thread(target=lambda: seen.append((v.get("unset in a new thread"), w.get())))
th.start()
th.join()
print(seen)

request = contextvars.ContextVar("request")


async def handler(n):
    request.set(n)
    await asyncio.sleep(0)
    return request.get()


async def main():
    request.set("main")
    results = await asyncio.gather(*(handler(i) for i in range(3)))
    return results, request.get()


print(asyncio.run(main()))
