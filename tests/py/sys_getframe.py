import sys
def f():
    y = 5
    print(repr(sys._getframe()).split(',')[2:], sys._getframe().f_lineno, sorted(sys._getframe().f_locals))
    fr = sys._getframe()
    print(fr.f_code.co_name, fr.f_back.f_code.co_name, fr.f_back.f_lineno, fr.f_globals is globals(), fr.f_back.f_back)
    print(sys._getframe(1).f_code.co_name, type(fr).__name__, fr.f_lasti > 0, fr.f_trace)
    try: sys._getframe(5)
    except ValueError as e: print('ValueError', e)
x = 3
f()
print(sys._getframe().f_locals is globals(), sys._getframe().f_code.co_name)
try: sys._getframe('a')
except TypeError as e: print(e)
def outer():
    a = 1
    def inner(b):
        return [ (fr.f_code.co_name, fr.f_lineno) for fr in walk(sys._getframe()) ]
    return inner(2)
def walk(fr):
    while fr is not None:
        yield fr
        fr = fr.f_back
print(outer())
class K:
    here = sys._getframe().f_code.co_name
    loc = sorted(k for k in sys._getframe().f_locals if not k.startswith('__'))
print(K.here, K.loc)
