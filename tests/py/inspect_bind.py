# Differential test: Signature.bind / bind_partial / apply_defaults,
# getcallargs and signatures of functools.partial objects, over grids of
# parameter lists and calls.
import functools, inspect, re

sources = ['a', 'a, b=1', 'a, /, b', 'a, /, *, b', 'a=1, /, b=2', '*args', '**kw', 'a, *args, b',
           'a, /, **kw', 'a, b, /, c=3, *args, d, e=5, **kw', '*, a, b=2', 'a, /, b=2, *args',
           'a, b=2, *, c', 'a=1, b=2, /', 'a, b=2, /, **kw', 'a, /, b, *args, c=1, **kw']
calls = ['', '1', '1, 2', '1, 2, 3', 'a=1', 'b=2', '1, b=2', '1, a=2', 'a=1, b=2', '1, 2, c=3',
         '1, 2, d=4', '1, 2, 3, 4, d=1, z=2', 'z=1', 'kw=1', 'args=1', '1, 2, 3, d=1, a=5']

for src in sources:
    ns = {}
    exec(f'def f({src}): pass', ns)
    func = ns['f']
    sig = inspect.signature(func)
    for call in calls:
        for meth in ('bind', 'bind_partial'):
            try:
                ba = eval(f'sig.{meth}({call})', {'sig': sig})
                result = (repr(ba), ba.args, ba.kwargs)
                ba.apply_defaults()
                result += (repr(ba), ba.args, ba.kwargs)
            except TypeError as e:
                result = ('TypeError', str(e))
            print(src, '|', call, '|', meth, result)
    for call in calls:
        try:
            result = sorted(eval(f'inspect.getcallargs(f, {call})', {'inspect': inspect, 'f': func}).items())
        except TypeError as e:
            result = ('TypeError', str(e))
        print('getcallargs', src, '|', call, result)

for src in sources[::2] + ['a=1, b=2, /, c=3', '*, k, j=1']:
    ns = {}
    exec(f'def f({src}): pass', ns)
    for part in calls[:12] + ['k=1', 'j=0, b=1']:
        try:
            made = eval(f'functools.partial(f, {part})', {'functools': functools, 'f': ns['f']})
            result = str(inspect.signature(made))
        except ValueError as e:
            result = 'ValueError ' + re.sub(' at 0x[0-9a-f]+', '', str(e))
        print('partial', src, '|', part, '|', result)
