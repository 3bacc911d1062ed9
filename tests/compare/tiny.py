# tests/compare/tiny.py THREADS: the script tests/compare/run.sh times.  Starts
# THREADS threads doing a little work each and prints a result that depends
# only on THREADS.  Exits 1 when the thread count given as {threads} and the
# one in TORII_THREADS disagree, which would make torii-compare fail.
import os
import sys
import threading

n = int(sys.argv[1])
if int(os.environ["TORII_THREADS"]) != n:
    print("TORII_THREADS", os.environ["TORII_THREADS"], "!= argv", n, file=sys.stderr)
    sys.exit(1)
results = [0] * n


def work(k):
    results[k] = sum(i * i % 7 for i in range(20000))


threads = [threading.Thread(target=work, args=(k,)) for k in range(n)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("threads", n, "total", sum(results))
