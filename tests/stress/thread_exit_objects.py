# A thread creates objects and exits; other threads keep using and dropping them.
import threading

box = {}

def creator():
    box["data"] = [{"k": i, "v": [i] * 3} for i in range(5000)]
    box["text"] = "-".join(str(i) for i in range(1000))

t = threading.Thread(target=creator)
t.start()
t.join()
print(t.is_alive())

data = box["data"]
results = [None] * 4

def user(k):
    s = 0
    for d in data:
        s += d["k"] + sum(d["v"])
    results[k] = s + len(box["text"])

ts = [threading.Thread(target=user, args=(k,)) for k in range(4)]
for u in ts:
    u.start()
for u in ts:
    u.join()
print(results)
del data
box.clear()
print(len(box))
