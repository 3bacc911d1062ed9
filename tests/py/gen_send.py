# send(): yield as an expression, priming, StopIteration at the end.
def accumulator():
    total = 0
    while True:
        x = yield total
        if x is None:
            break
        total += x
    return total

acc = accumulator()
print(acc.send(None))
print(acc.send(5))
print(acc.send(10))
try:
    acc.send(None)
except StopIteration as e:
    print("finished with", e.value, e.args)

g = accumulator()
try:
    g.send(1)
except TypeError as e:
    print("TypeError:", e)

def echo():
    received = []
    while len(received) < 3:
        v = yield len(received)
        received.append(v)
    yield received

e = echo()
print(next(e), e.send("a"), e.send("b"))
print(e.send("c"))
try:
    next(e)
except StopIteration as s:
    print("StopIteration", s.args)
try:
    e.send(1)
except StopIteration as s:
    print("again StopIteration", s.args)

def running_avg():
    n = 0
    s = 0.0
    avg = None
    while True:
        v = yield avg
        n += 1
        s += v
        avg = s / n

r = running_avg()
next(r)
for v in [10, 20, 30, 40]:
    print(r.send(v))
try:
    r.send()
except TypeError as err:
    print("TypeError:", err)
