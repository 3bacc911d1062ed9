# A __del__ run while a returning frame releases its locals walks the
# frames with sys._getframe: it sees the caller, never a half-cleared frame.
import sys
class D:
    def __del__(self):
        f = sys._getframe(1)
        print('del sees', f.f_code.co_name, [k for k in ('a', 'b', 's') if k in f.f_locals])
def f():
    a = [1, 2, 3]
    s = 'x' * 50
    b = D()
    return 1
print(f())
def g():
    a = [1, 2, 3]
    b = D()
    yield 1
for _ in g():
    pass
print('done')
