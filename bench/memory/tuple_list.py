# bench/memory/tuple_list.py [N]: peak-memory workload.  A list of N (default
# one million) small tuples (an index, a derived int and a short str, the
# shape of rows read from a file), then sorted by a key into a second list
# while the first is still alive.
import sys


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    tags = ["red", "green", "blue", "black", "white"]
    rows = []
    for i in range(n):
        rows.append((i, (i * 7919) % 10007, tags[i % 5]))
    by_key = sorted(rows, key=lambda r: (r[1], r[0]))
    first = by_key[0]
    last = by_key[-1]
    acc = 0
    for idx, key, tag in rows:
        acc = (acc + idx * key + len(tag)) % 1000000007
    print(f"tuple_list n={len(rows)} acc={acc} first={first} last={last}")


main()
