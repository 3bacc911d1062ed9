# bench/classic/thread_pool_map.py [N]: concurrent.futures.ThreadPoolExecutor
# with 4 workers maps a CPU-bound pure-Python function over range(N) and the
# results are summed.
import sys
from concurrent.futures import ThreadPoolExecutor


def digit_work(k):
    total = 0
    x = k
    for i in range(200):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        total += x % 10
    return total


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 8000
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(digit_work, range(n)))
    print(f"thread_pool_map n={n} count={len(results)} total={sum(results)} first={results[0]}")


main()
