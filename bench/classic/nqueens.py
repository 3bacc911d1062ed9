# bench/classic/nqueens.py [N]: solve the 8-queens problem N times the
# pyperformance way: a generator of permutations (a pure-Python copy of
# itertools.permutations) filtered by set-of-genexp tests on the diagonals.
import sys


def permutations(iterable, r=None):
    """Like itertools.permutations, written as a generator."""
    pool = tuple(iterable)
    n = len(pool)
    if r is None:
        r = n
    indices = list(range(n))
    cycles = list(range(n - r + 1, n + 1))[::-1]
    yield tuple(pool[i] for i in indices[:r])
    while n:
        for i in reversed(range(r)):
            cycles[i] -= 1
            if cycles[i] == 0:
                indices[i:] = indices[i + 1:] + indices[i:i + 1]
                cycles[i] = n - i
            else:
                j = cycles[i]
                indices[i], indices[-j] = indices[-j], indices[i]
                yield tuple(pool[i] for i in indices[:r])
                break
        else:
            return


def n_queens(queen_count):
    """N-Queens solver: yields each solution as a tuple of column indices."""
    cols = range(queen_count)
    for vec in permutations(cols):
        if (queen_count == len(set(vec[i] + i for i in cols))
                        == len(set(vec[i] - i for i in cols))):
            yield vec


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    check = 0
    for _ in range(n):
        solutions = list(n_queens(8))
        check += sum(sum(i * c for i, c in enumerate(s)) for s in solutions)
    print(f"nqueens n={n} solutions={len(solutions)} first={solutions[0]} check={check}")


main()
