# itertools: every function, plus the argument errors raised at creation.
import itertools as it
from itertools import (count, cycle, repeat, chain, islice, accumulate, product,
                       permutations, combinations, combinations_with_replacement,
                       groupby, zip_longest, starmap, takewhile, dropwhile,
                       filterfalse, tee, pairwise, batched, compress)
import operator

print(list(islice(count(), 5)), list(islice(count(10, 2), 3)), list(islice(count(0.5, 0.25), 3)))
print(count(3), count(3, 2), repeat('a', 2), repeat(1))
print(list(islice(cycle('abc'), 7)), list(cycle([])))
print(list(repeat(7, 3)), list(repeat(1, -2)), list(map(pow, range(4), repeat(2))))
print(list(chain('ab', [1, 2], ())), list(chain.from_iterable(['xy', 'z'])), list(chain()))
print(list(islice('abcdefg', 2)), list(islice('abcdefg', 2, 4)), list(islice('abcdefg', 2, None)),
      list(islice('abcdefg', 0, None, 2)), list(islice(range(10), 1, 8, 3)))
for bad in [lambda: islice('abc', -1), lambda: islice('abc', 1, -1), lambda: islice('abc', -1, 2),
            lambda: islice('abc', 0, 2, 0), lambda: islice('abc'), lambda: batched('abc', 0),
            lambda: permutations('abc', -1), lambda: combinations('abc', -1),
            lambda: product('ab', repeat=-1)]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3, 4], operator.mul)),
      list(accumulate([3, 1, 4], max)), list(accumulate([1, 2], initial=100)), list(accumulate([])))
print(list(product('ab', range(2))), list(product([0, 1], repeat=2)), list(product()))
print(list(permutations('abc', 2)), len(list(permutations(range(5)))), list(permutations([], 0)))
print(list(combinations('abcd', 2)), list(combinations(range(4), 3)), list(combinations('ab', 3)))
print(list(combinations_with_replacement('abc', 2)), list(combinations_with_replacement('', 0)))
print([(k, list(g)) for k, g in groupby('aaabbbcca')])
print([(k, len(list(g))) for k, g in groupby(sorted([3, 1, 4, 1, 5, 9, 2, 6]), key=lambda x: x % 2)])
groups = [(k, g) for k, g in groupby('aabb')]
print([(k, list(g)) for k, g in groups])
print(list(zip_longest('abc', [1])), list(zip_longest('ab', 'xyz', fillvalue='-')), list(zip_longest()))
print(list(starmap(pow, [(2, 5), (3, 2)])), list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])),
      list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(filterfalse(lambda x: x % 2, range(10))),
      list(filterfalse(None, [0, 1, '', 'a'])))
a, b = tee(iter([1, 2, 3]))
print(list(a), list(b), tee([1], 0), len(tee('ab', 3)))
x, y = tee(range(4))
print(next(x), next(x), next(y), list(x), list(y))
print(list(pairwise('abcd')), list(pairwise('a')), list(batched('abcdefg', 3)), list(batched(range(4), 2)))
try:
    list(batched('abc', 2, strict=True))
except ValueError as e:
    print("ValueError", e)
print(list(compress('ABCDEF', [1, 0, 1, 0, 1, 1])))
total = 0
for i in count(1):
    total += i
    if i == 100:
        break
print(total, sum(islice(count(1), 100)))
print(list(it.chain(*[[i] * i for i in range(4)])))
