import traceback, sys
def inner(): return 1 / 0
def outer(): return inner()
try:
    outer()
except ZeroDivisionError as e:
    tb = e.__traceback__
    names = []
    while tb is not None:
        names.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    print(names, type(e.__traceback__).__name__)
    print([(f.name, f.lineno, f.line) for f in traceback.extract_tb(e.__traceback__)])
    saved = e
print(saved.__traceback__ is not None)
e2 = ValueError('x')
print(e2.__traceback__)
try:
    raise e2.with_traceback(saved.__traceback__)
except ValueError as e:
    print([fr.name for fr in traceback.extract_tb(e.__traceback__)])
e3 = KeyError('k'); e3.__traceback__ = None; print(e3.__traceback__)
try: e3.__traceback__ = 5
except TypeError as err: print(err)
print(sys.exc_info()[2])
try:
    outer()
except Exception:
    t, v, tb = sys.exc_info()
    print(t.__name__, tb.tb_frame.f_code.co_name if tb else None)
try:
    outer()
except Exception as e:
    print(''.join(traceback.format_tb(e.__traceback__)).replace(__file__, 'FILE'), end='')
    s = traceback.extract_tb(e.__traceback__)
    print(type(s).__name__, s[0] == (__file__, 24, '<module>', 'outer()'), repr(s[1]).replace(__file__, 'FILE'), list(s[2])[1:], len(s))
    print(traceback.format_list(s)[2].replace(__file__, 'FILE'), end='')
    fn, ln, name, line = s[-1]; print(name, ln, line)
def show():
    return traceback.extract_stack()
st = show()
print([(f.name, f.lineno) for f in st][-2:], traceback.format_stack()[-1].splitlines()[0].split(',')[1:])
def rec(n):
    if n == 0: raise RuntimeError('deep')
    return rec(n - 1)
try: rec(6)
except RuntimeError as e: print(''.join(traceback.format_tb(e.__traceback__)).count('\n'), traceback.format_tb(e.__traceback__)[-2].replace(__file__, 'FILE'))
