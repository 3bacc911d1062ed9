import sys
print(sys.stdin, sys.stdin is sys.__stdin__, sys.stdin.fileno(), sys.stdin.isatty())
print(repr(input()))
print(repr(sys.stdin.readline()))
print(repr(input("prompt> ")))
for line in sys.stdin:
    print("line:", repr(line))
    if line.startswith("stop"): break
print(sys.stdin.readlines()[:2])
print(repr(sys.stdin.read()))
try: input()
except EOFError as e: print("EOF", e)
