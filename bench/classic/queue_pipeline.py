# bench/classic/queue_pipeline.py [N]: a producer thread, two worker threads
# and a consumer thread joined by queue.Queue objects; the producer sends N
# items, the workers transform them, the consumer sums them.
import queue
import sys
import threading

SENTINEL = None


def producer(q, n, nworkers):
    for i in range(n):
        q.put(i)
    for _ in range(nworkers):
        q.put(SENTINEL)


def transform(item):
    return (item * item + 7) % 1009


def worker(qin, qout):
    while True:
        item = qin.get()
        if item is SENTINEL:
            qout.put(SENTINEL)
            return
        qout.put(transform(item))


class Consumer:
    def __init__(self, q, nworkers):
        self.q = q
        self.nworkers = nworkers
        self.total = 0
        self.count = 0

    def run(self):
        done = 0
        while done < self.nworkers:
            item = self.q.get()
            if item is SENTINEL:
                done += 1
            else:
                self.total += item
                self.count += 1


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 80000
    q1 = queue.Queue(maxsize=128)
    q2 = queue.Queue(maxsize=128)
    consumer = Consumer(q2, 2)
    threads = [threading.Thread(target=producer, args=(q1, n, 2))]
    threads += [threading.Thread(target=worker, args=(q1, q2)) for _ in range(2)]
    threads.append(threading.Thread(target=consumer.run))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"queue_pipeline n={n} count={consumer.count} total={consumer.total}")


main()
