# Relative imports (`from . import x`, `from ..a import b`, `from .. import
# c`) resolved against the importing module's __package__; submodules named
# in a from-import are imported on demand; the errors: beyond the top-level
# package, no known parent package, a missing name (with the module's file).
import os
import pkg
print(pkg.fa(), pkg.b.X)
import pkg.sub
from pkg import sub
print(sub.a.fa())
try:
    from . import x
except ImportError as e:
    print(type(e).__name__, e)
from pkg.sub import leaf as L
print(L.Y, pkg.__package__, pkg.a.__package__, pkg.sub.__package__, pkg.sub.leaf.__package__)
try:
    from pkg import nosuch
except ImportError as e:
    print(type(e).__name__, str(e).replace(os.getcwd(), "DIR"))
try:
    from .nosuch import y
except ImportError as e:
    print(type(e).__name__, e)
