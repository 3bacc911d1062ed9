# examples/race_counter.py [--fixed]: page hits counted by four threads into
# one Stats object.  record() takes the lock for the per-page dict but
# updates the running total after it: two threads can read the same total
# and both write it plus one, and a hit is lost.  Run it with -X race to
# see the report (docs/tools.md); --fixed moves the update under the lock.
import sys
import threading

FIXED = "--fixed" in sys.argv
PAGES = ["/", "/about", "/blog", "/shop"]


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.hits = {}
        self.total = 0

    def record(self, page):
        with self.lock:
            self.hits[page] = self.hits.get(page, 0) + 1
            if FIXED:
                self.total += 1
        if not FIXED:
            self.total += 1


def worker(stats, n):
    for i in range(n):
        stats.record(PAGES[i % len(PAGES)])


stats = Stats()
threads = [threading.Thread(target=worker, args=(stats, 20000)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("hits per page:", sorted(stats.hits.values()))
print("total == sum of hits:", stats.total == sum(stats.hits.values()))
