import threading
results = [None] * 4
def work(i, n):
    total = 0
    for k in range(n):
        total += k * i
    results[i] = total
threads = [threading.Thread(target=work, args=(i, 10000)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(results)
print([t.is_alive() for t in threads])
