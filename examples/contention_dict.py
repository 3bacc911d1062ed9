# examples/contention_dict.py [THREADS] [N] [--fixed]: THREADS threads count
# words, N counts each, into one shared dict (thread k counts under the keys
# "word/k", so no count is lost): every update locks the dict, and the
# threads wait on each other (docs/contention.md).  With --fixed each thread
# counts into a dict of its own and the counts are merged at the end.
# Prints the totals; run with `torii -X contention` to see where time goes.
import sys
import threading

WORDS = ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta")


def count_shared(counts, k, n):
    keys = tuple(w + "/" + str(k) for w in WORDS)
    for i in range(n):
        counts[keys[i & 7]] += 1


def count_local(results, k, n):
    mine = dict.fromkeys(WORDS, 0)
    for i in range(n):
        mine[WORDS[i & 7]] += 1
    results[k] = mine


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    fixed = "--fixed" in sys.argv
    nthreads = int(args[0]) if args else 4
    n = int(args[1]) if len(args) > 1 else 400_000
    totals = dict.fromkeys(WORDS, 0)
    if fixed:
        results = [None] * nthreads
        threads = [threading.Thread(target=count_local, args=(results, k, n))
                   for k in range(nthreads)]
    else:
        counts = {w + "/" + str(k): 0 for w in WORDS for k in range(nthreads)}
        threads = [threading.Thread(target=count_shared, args=(counts, k, n))
                   for k in range(nthreads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if fixed:
        for mine in results:
            for w, c in mine.items():
                totals[w] += c
    else:
        for key, c in counts.items():
            totals[key.split("/")[0]] += c
    print(sum(totals.values()), "counts:", totals["alpha"], "of each word")


main()
