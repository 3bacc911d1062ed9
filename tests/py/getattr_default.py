# getattr(o, name, default) and hasattr take the quiet lookup (no AttributeError
# is made for a plain miss); properties and __getattr__ that raise
# AttributeError still count as missing, other errors propagate.
class P:
    @property
    def bad(self): raise AttributeError("inner")
    @property
    def worse(self): raise ValueError("v")
    def __init__(self): self.a = 1
class G:
    def __getattr__(self, n):
        if n == 'dyn': return 42
        raise AttributeError(n)
p = P()
print(getattr(p, 'bad', 'd1'), hasattr(p, 'bad'), getattr(p, 'zz', 'd2'), getattr(p, 'a', 0))
try: hasattr(p, 'worse')
except ValueError as e: print('VE', e)
try: getattr(p, 'zz')
except AttributeError as e: print(e)
g = G(); print(getattr(g, 'dyn', 0), getattr(g, 'x', 'dx'), hasattr(g, 'x'), hasattr(g, 'dyn'))
print(getattr(1, 'real', 0), getattr(1, 'nope', 'n'), hasattr([], 'append'), hasattr(int, 'nope'), getattr(type, '__name__'))
import sys; print(getattr(sys, 'nope', 's'), hasattr(sys, 'path'))
try: getattr(p, 1, 2)
except TypeError as e: print(e)
