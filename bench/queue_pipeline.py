# bench/queue_pipeline.py [THREADS] [N]: THREADS independent pipelines, each a
# producer thread, two worker threads and a consumer thread joined by
# queue.Queue objects; the producer sends N items.  With THREADS=1 this is the
# single-thread queue figure (four threads handing work along).
import queue
import sys
import threading
import time


def producer(q, n, nworkers):
    for i in range(n):
        q.put(i)
    for _ in range(nworkers):
        q.put(None)


def worker(qin, qout):
    while True:
        item = qin.get()
        if item is None:
            qout.put(None)
            return
        qout.put(item * item % 1000)


def consumer(q, nworkers, out, k):
    total = 0
    done = 0
    while done < nworkers:
        item = q.get()
        if item is None:
            done += 1
        else:
            total += item
    out[k] = total


def pipeline(n, out, k):
    q1 = queue.Queue(maxsize=256)
    q2 = queue.Queue(maxsize=256)
    ts = [threading.Thread(target=producer, args=(q1, n, 2))]
    ts += [threading.Thread(target=worker, args=(q1, q2)) for _ in range(2)]
    ts.append(threading.Thread(target=consumer, args=(q2, 2, out, k)))
    return ts


def main():
    nthreads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 50_000
    out = [0] * nthreads
    threads = []
    for k in range(nthreads):
        threads += pipeline(n, out, k)
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    print(f"threads={nthreads} wall={elapsed:.3f}s check={sum(out)}")


main()
