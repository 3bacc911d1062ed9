import threading
out = {}
def record(key, value=0, *, scale=1):
    out[key] = value * scale
ts = [threading.Thread(target=record, args=("a",), kwargs={"value": 2, "scale": 5}),
      threading.Thread(target=record, args=("b", 3))]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(out.items()))
