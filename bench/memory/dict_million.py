# bench/memory/dict_million.py [N]: peak-memory workload.  A dict of N
# (default one million) int keys mapping to str values, built with a
# comprehension, plus a second dict of int -> int built in a loop, both
# alive together; then a few lookups and a checksum.
import sys


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    names = {i: str(i) for i in range(n)}
    squares = {}
    for i in range(n):
        squares[i] = i * i % 1000003
    total_len = 0
    for v in names.values():
        total_len += len(v)
    checksum = 0
    for k in range(0, n, 7):
        checksum = (checksum + squares[k] + len(names[k])) % 1000000007
    print(f"dict_million n={n} len={len(names)},{len(squares)} "
          f"chars={total_len} checksum={checksum} "
          f"sample={names[n // 2]!r},{squares[n - 1]}")


main()
