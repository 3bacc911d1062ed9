import threading
shared = []
def append_many(tag, n):
    for i in range(n):
        shared.append((tag, i))
ts = [threading.Thread(target=append_many, args=(k, 2000)) for k in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(len(shared))
for k in range(4):
    mine = [i for tag, i in shared if tag == k]
    print(k, mine == list(range(2000)))
