import warnings, sys

class Cap:
    def __init__(self): self.parts = []
    def write(self, s): self.parts.append(s)
cap = Cap()
sys.stderr = cap

def lib():
    warnings.warn("lib is old", DeprecationWarning, stacklevel=2)

def noisy(n):
    warnings.warn("noisy %d" % n)

print(warnings.filters[:2], warnings.defaultaction)
warnings.warn("first")                    # UserWarning, shown
warnings.warn("first")                    # same place: once only (default action)
for i in range(3):
    noisy(0)                              # one report: same text, same line
noisy(1)
lib()                                     # DeprecationWarning attributed to __main__: shown
warnings.warn(RuntimeWarning("as instance"))
try:
    warnings.warn("x", int)
except TypeError as e: print('TypeError', e)
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    noisy(0); noisy(0)
    warnings.warn("dep", DeprecationWarning)
    print(len(log), [str(w.message) for w in log], [w.category.__name__ for w in log], log[0].lineno)
    print(str(log[0]).startswith("{message : UserWarning('noisy 0'), category : 'UserWarning'"))
print(len(warnings.filters))
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        warnings.warn("now an error", UserWarning)
    except UserWarning as e:
        print('raised', type(e).__name__, e)
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="skip.*", category=UserWarning)
    warnings.warn("skip me")
    warnings.warn("Skip me too")
    warnings.warn("keep me")
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("once")
    noisy(5); noisy(5)
    print('once:', len(log))
print(warnings.formatwarning("msg", UserWarning, "f.py", 12, "  x = 1  "), end='')
for bad in (lambda: warnings.filterwarnings('bogus'), lambda: warnings.simplefilter('error', lineno=-1),
            lambda: warnings.filterwarnings('error', 3)):
    try: bad()
    except (TypeError, ValueError) as e: print(type(e).__name__, e)
old = warnings.showwarning
def mine(message, category, filename, lineno, file=None, line=None):
    print('custom:', category.__name__, message, lineno)
warnings.showwarning = mine
warnings.warn("to custom")
warnings.showwarning = old
print(warnings.WarningMessage('m', UserWarning, 'f.py', 3))
sys.stderr = sys.__stderr__
print(''.join(cap.parts).replace(__file__, 'FILE'), end='')
