import sys
print(type(sys._is_gil_enabled()) is bool)
print(sys.getrecursionlimit())
sys.setrecursionlimit(2000)
print(sys.getrecursionlimit())
print(sys.getswitchinterval())
