import sys
sys.setrecursionlimit(50)
def r(n):
    return r(n + 1)
try:
    r(0)
except RecursionError:
    print("limited")
sys.setrecursionlimit(1000)
