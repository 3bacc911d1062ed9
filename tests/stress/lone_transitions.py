# The lone-thread state (threads/lock.c): while one thread exists its
# critical sections take no lock; starting a thread ends that state, the last
# other thread's exit restores it.  The main thread keeps mutating shared
# containers across many such transitions, while short-lived threads mutate
# the same containers: every update must survive (TSan checks the rest).
import threading

shared = []
counts = {}
box = set()


def worker(k, n):
    for i in range(n):
        shared.append(i)
        counts[k] = counts.get(k, 0) + 1
        box.add((k, i))
        if i % 7 == 0:
            box.discard((k, i))


def main_work(n, tag):
    for i in range(n):
        shared.append(-i)
        counts[tag] = counts.get(tag, 0) + 1


total_worker = 0
for rnd in range(40):
    main_work(200, "main")             # lone: elided sections
    ts = [threading.Thread(target=worker, args=(rnd * 10 + j, 300)) for j in range(2)]
    for t in ts:
        t.start()                      # ends the lone state mid-run
    main_work(300, "main")             # concurrent with the workers
    for t in ts:
        t.join()                       # lone again once both have exited
    total_worker += 2 * 300

print(len(shared) == 40 * 500 + total_worker)
print(counts["main"] == 40 * 500)
print(sum(v for k, v in counts.items() if k != "main") == total_worker)
print(len(box) == 80 * (300 - 43))
