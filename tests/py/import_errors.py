try:
    import no_such_module
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
try:
    from sys import no_such_name
except ImportError as e:
    print(type(e).__name__)
import sys as system
from time import perf_counter as pc
print(system.platform, callable(pc))
