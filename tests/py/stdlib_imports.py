# Imports of the Python-source standard library modules and packages.
import concurrent.futures
print(type(concurrent).__name__, concurrent.futures.ThreadPoolExecutor.__name__)
import concurrent.futures as cf
print(cf is concurrent.futures, cf.ALL_COMPLETED)
from concurrent import futures
print(futures is cf)
from concurrent.futures import Future, wait
print(Future.__name__, callable(wait))
import string
print(string.ascii_letters, string.digits, string.hexdigits, string.octdigits)
print(repr(string.whitespace), string.punctuation, len(string.printable))
print(string.capwords(' hello   world  '), string.capwords('a-b-c', '-'))
import heapq
h = []
for v in [5, 1, 8, 3, 2, 9, 0]:
    heapq.heappush(h, v)
print([heapq.heappop(h) for _ in range(7)])
data = [9, 4, 7, 1, 3]
heapq.heapify(data)
print(data[0], heapq.heappushpop(data, 0), heapq.heapreplace(data, 10), sorted(data))
print(heapq.nlargest(2, [1, 5, 3]), heapq.nsmallest(2, [1, 5, 3]), list(heapq.merge([1, 4], [2, 3], [0])))
import sys
import queue, collections, itertools, operator, functools
print('queue' in sys.modules, sys.modules['queue'] is queue)

try:
    import concurrent.nothere
except ModuleNotFoundError as e:
    print(e)
try:
    from concurrent.futures import nothere
except ImportError as e:
    print(type(e).__name__)
from concurrent.futures import ProcessPoolExecutor
print(ProcessPoolExecutor.__name__)
