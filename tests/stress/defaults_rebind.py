# Threads call a function while the main thread keeps replacing its
# __defaults__ and __kwdefaults__: every call sees one whole tuple or the other,
# and a replaced tuple is never freed under a thread still binding with it.
import threading


def f(a, b=1, c="x", *, k=10):
    return (a, b, c, k)


bad = []


def caller():
    for _ in range(5000):
        r = f(0)
        if (r[1], r[2]) not in ((1, "x"), (2, "y")) or r[3] not in (10, 20):
            bad.append(r)


threads = [threading.Thread(target=caller) for _ in range(3)]
for t in threads:
    t.start()
for i in range(1500):
    f.__defaults__ = (2, "y") if i % 2 else (1, "x")
    f.__kwdefaults__ = {"k": 20 if i % 2 else 10}
for t in threads:
    t.join()
print("unexpected results:", len(bad))
print(f(0))
