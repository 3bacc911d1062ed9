# tests/race/hammer.py: the detector itself under load, for tsan.sh: eight
# threads race on purpose on shared attributes, list items, dict keys and
# globals, while they also take locks, set events, hand objects over a
# queue, start and join short threads, and make and drop objects (whose
# shadow state race_forget clears).  Under the TSan build any unsynchronised
# access inside the detector's tables is a ThreadSanitizer report.
import threading
import queue


class Shared:
    def __init__(self):
        self.a = 0
        self.b = 0


shared = Shared()
items = [0] * 16
table = {}
hits = 0
lock = threading.Lock()
q = queue.Queue()
N = 8
ROUNDS = 10000


def child(box):
    box.a += 1


def worker(k):
    global hits
    ev = threading.Event()
    for i in range(ROUNDS):
        shared.a += 1                    # racy
        items[i % 16] = k                # racy
        table[i % 32] = k                # racy
        hits += 1                        # racy
        with lock:
            shared.b += 1                # synchronised
        tmp = Shared()                   # made and dropped: forgotten
        tmp.a = i
        if i % 100 == 0:
            q.put(tmp)
            ev.set()
            ev.clear()
        if i % 500 == 0:
            t = threading.Thread(target=child, args=(tmp,))
            t.start()
            t.join()


threads = [threading.Thread(target=worker, args=(k,)) for k in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(shared.b == N * ROUNDS, q.qsize() == N * ROUNDS // 100)
