from math import *
print(sqrt(4), pi > 3)
from mall import *
print(a, _b)
try: c
except NameError as e: print(e)
from mnoall import *
print(x, z)
try: _y
except NameError as e: print(e)
try:
    exec("def f():\n    from math import *\n")
except SyntaxError as e: print(e)
g = {}
exec("from mall import *", g)
print(sorted(k for k in g if k != "__builtins__"))
