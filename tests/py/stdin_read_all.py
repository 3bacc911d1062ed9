import sys
data = sys.stdin.read()
print(len(data), repr(data[:20]), data.count("\n"))
print(repr(sys.stdin.read()), repr(sys.stdin.readline()))
try:
    input("no more: ")
except EOFError as e:
    print("EOFError:", e)
print(sys.stdin.name, sys.stdin.mode, sys.stdin.readable(), sys.stdin.closed)
