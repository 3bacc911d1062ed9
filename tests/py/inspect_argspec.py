# Differential test: getfullargspec, getcallargs, getclosurevars,
# get_annotations, formatannotation, getargs/getargvalues, unwrap.
import inspect, functools, re, sys, typing

def show(label, fn):
    # one case's result or error, with memory addresses masked
    try:
        text = '-> %s' % (fn(),)
    except Exception as e:
        text = '!! %s %s' % (type(e).__name__, e)
    print(label, re.sub(r' at 0x[0-9a-fA-F]+', ' at 0x?', text))

def a0(): pass
def a1(a, b=1, *args, c, d=2, **kw) -> int: pass
def a2(x: int, /, y: 'str' = 'q', *, z: list = None) -> 'ret': pass
def a3(*args, **kwargs): pass
class K:
    def m(self, p, q=1): pass
    @classmethod
    def c(cls, r): pass
    def __init__(self, i, j=0): pass
    def __call__(self, call_arg): pass
for label, fn in [('a0', a0), ('a1', a1), ('a2', a2), ('a3', a3), ('K.m', K.m), ('K().m', K(1).m),
                  ('K.c', K.c), ('K', K), ('K()', K(1)), ('partial', functools.partial(a1, 1, c=2)),
                  ('int', 5), ('lambda', lambda u, *, v=1: 0)]:
    show('spec ' + label, lambda: inspect.getfullargspec(fn))

# getcallargs
def h(a, b): pass
def h2(a, b=1, *, k): pass
def h3(*, x, y, z): pass
def h4(a, b=2, *rest, k=1, **extra): pass
def h5(a, b, c, d): pass
def h6(a, b=1): pass
calls = [
    (h, (), {}), (h, (1,), {}), (h, (1, 2), {}), (h, (1, 2, 3), {}), (h, (1,), {'a': 2}),
    (h, (1,), {'c': 2}), (h, (), {'a': 1, 'b': 2}),
    (h2, (1, 2, 3), {'k': 1}), (h2, (1, 2, 3), {}), (h2, (1,), {'b': 2, 'a': 3}), (h2, (), {}),
    (h2, (1,), {}), (h2, (1,), {'k': 0}),
    (h3, (), {}), (h3, (1,), {}), (h3, (), {'x': 1}), (h3, (), {'x': 1, 'y': 2}),
    (h4, (1,), {}), (h4, (1, 2, 3, 4), {'k': 5, 'm': 6}), (h4, (), {'a': 1, 'zz': 0}),
    (h5, (1,), {}), (h5, (), {}), (h6, (1, 2, 3), {}), (a0, (1,), {}), (h6, (), {'b': 1}),
    (K(1).m, (1,), {}), (K(1).m, (), {}), (K.m, (1, 2), {}),
]
for fn, args, kwargs in calls:
    show(f'callargs {fn.__name__}{args}{kwargs}',
         lambda: sorted(inspect.getcallargs(fn, *args, **kwargs).items(), key=lambda kv: kv[0]))

# getclosurevars
GLOBAL_X = 10
def make(n):
    unused = 0
    def inner(m):
        return n + m + GLOBAL_X + len([]) + print.__name__.upper.__name__.x + missing_name
    return inner
cv = inspect.getclosurevars(make(3))
print(cv.nonlocals, cv.globals, sorted(cv.builtins), sorted(cv.unbound))
print(type(cv).__name__, cv._fields)
class HasMethod:
    def meth(self):
        return GLOBAL_X
print(inspect.getclosurevars(HasMethod().meth))
show('closurevars int', lambda: inspect.getclosurevars(5))
show('closurevars builtin', lambda: inspect.getclosurevars(len))

# get_annotations
class Ann:
    x: int
    y: 'str' = 'a'
class NoAnn:
    pass
class SubAnn(Ann):
    pass
def fann(a: 'int', b: 'Ann' = None) -> 'list[int]': pass
def fnone(a, b): pass
module_level: 'int' = 1
mod = sys.modules[__name__]
for label, obj in [('Ann', Ann), ('NoAnn', NoAnn), ('SubAnn', SubAnn), ('fann', fann), ('fnone', fnone),
                   ('mod', mod), ('partial', functools.partial(fann))]:
    show('ann ' + label, lambda: inspect.get_annotations(obj))
    show('ann eval ' + label, lambda: inspect.get_annotations(obj, eval_str=True))
show('ann int', lambda: inspect.get_annotations(5))
def fbad(a): pass
fbad.__annotations__ = {'a': 'undefined_name'}
show('ann bad eval', lambda: inspect.get_annotations(fbad, eval_str=True))
show('ann globals', lambda: inspect.get_annotations(fbad, eval_str=True, globals={'undefined_name': 1}))
@functools.wraps(fann)
def wrapped_fann(*a): pass
show('ann wrapped', lambda: inspect.get_annotations(wrapped_fann, eval_str=True))

# formatannotation
for ann in [int, str, None, 'text', list[int], dict[str, list[int]], typing.List[int],
            typing.Optional[typing.Dict[str, int]], typing.Any, Ann, int | None, 3, ...]:
    print(inspect.formatannotation(ann), '|', inspect.formatannotation(ann, '__main__'))
print(inspect.formatannotationrelativeto(Ann)(Ann), inspect.formatannotationrelativeto(a1)(Ann))

# getargs / getargvalues / formatargvalues
def framer(a, b=2, *args, c=3, **kw):
    return sys._getframe()
print(inspect.getargs(framer.__code__))
print(inspect.getargs(a0.__code__), inspect.getargs(a3.__code__))
show('getargs bad', lambda: inspect.getargs(framer))
fr = framer(1, 5, 6, c=7, d=8)
info = inspect.getargvalues(fr)
print(info.args, info.varargs, info.keywords, sorted(info.locals))
print(inspect.formatargvalues(*info))
print(inspect.formatargvalues(['a'], None, None, {'a': 'x'}))
print(inspect.formatargvalues(['a'], 'va', 'kw', {'a': 1, 'va': (), 'kw': {}},
                              formatvalue=lambda v: ':' + type(v).__name__))

# unwrap
def base(): pass
@functools.wraps(base)
def w1(): pass
@functools.wraps(w1)
def w2(): pass
print(inspect.unwrap(w2) is base, inspect.unwrap(w2, stop=lambda f: f is w1) is w1, inspect.unwrap(base) is base)
class Loop: pass
l1, l2 = Loop(), Loop()
l1.__wrapped__ = l2
l2.__wrapped__ = l1
show('loop', lambda: inspect.unwrap(l1))
class WrapCls: pass
WrapCls.__wrapped__ = base
print(inspect.unwrap(WrapCls) is WrapCls)
