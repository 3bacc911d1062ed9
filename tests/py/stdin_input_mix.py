import sys
n = int(input())
total = 0
for _ in range(n):
    a, b = map(int, sys.stdin.readline().split())
    total += a * b
print("total", total)
name = input("name? ")
print("hello", name)
rest = [line.rstrip("\n") for line in sys.stdin]
print(rest)
print(repr(sys.stdin.readline()))
