# Differential test: signature(), Signature, Parameter, BoundArguments.
import inspect, functools, re, typing, types
from inspect import Parameter, Signature

def show(label, fn):
    # one case's result or error, with memory addresses masked
    try:
        text = '-> %s' % (fn(),)
    except Exception as e:
        text = '!! %s %s' % (type(e).__name__, e)
    print(label, re.sub(r' at 0x[0-9a-fA-F]+', ' at 0x?', text))

def f0(): pass
def f1(a, b, /, c, d=4, *args, e, f=6, **kw): pass
def f2(a: int, b: 'str' = 'x', *args: float, c: list[int] = [], **kw: dict) -> None: pass
def f3(*, only): pass
def f4(x=None, y=(1, 2), z={'k': 'v'}, w=float('inf')): pass
def f5(a, /): pass
def f6(a, /, *, b): pass
def f7(a: typing.List[int], b: typing.Optional[str] = None, c: typing.Dict[str, typing.Any] = None,
       d: int | None = None, e: 'Fwd' = 1) -> typing.Tuple[int, ...]: pass
lam = lambda x, *y, z=3, **w: 0
for fn in (f0, f1, f2, f3, f4, f5, f6, f7, lam):
    sig = inspect.signature(fn)
    print(fn.__name__, sig, repr(sig))
    for p in sig.parameters.values():
        print('   ', repr(p), p.name, p.kind, p.kind.description, repr(p.kind),
              p.default is Parameter.empty, p.annotation is p.empty)

print(list(inspect.signature(f1).parameters))
print(inspect.signature(f2).return_annotation, inspect.signature(f1).return_annotation)
print(inspect.signature(f1).format(max_width=20))
print(inspect.signature(f2).format(max_width=1000))
print(inspect.signature(f0).format(max_width=1))

# Parameter construction and errors
show('p1', lambda: repr(Parameter('a', Parameter.KEYWORD_ONLY, default=[1], annotation=int)))
show('p2', lambda: str(Parameter('a', Parameter.VAR_POSITIONAL, annotation='T')))
show('p3', lambda: Parameter('a', 7))
show('p4', lambda: Parameter('a', Parameter.VAR_KEYWORD, default=1))
show('p5', lambda: Parameter(3, Parameter.POSITIONAL_ONLY))
show('p6', lambda: Parameter('not valid', Parameter.POSITIONAL_ONLY))
show('p7', lambda: repr(Parameter('.0', Parameter.POSITIONAL_OR_KEYWORD)))
show('p8', lambda: Parameter('.0', Parameter.KEYWORD_ONLY))
show('p9', lambda: repr(Parameter('a', 1)))
show('p10', lambda: Parameter('a', Parameter.POSITIONAL_ONLY) == Parameter('a', 0))
show('p11', lambda: Parameter('a', 0) == Parameter('a', 1))
show('p12', lambda: hash(Parameter('a', 0)) == hash(Parameter('a', 0)))
show('p13', lambda: repr(Parameter('a', 0).replace(name='b', kind=Parameter.KEYWORD_ONLY, default=2)))
show('p14', lambda: repr(Parameter('a', 0, default=1).replace(default=Parameter.empty)))
show('p15', lambda: Parameter('a', 3).replace(kind=Parameter.VAR_POSITIONAL, default=3))
show('p16', lambda: [str(k) for k in inspect._ParameterKind])
show('p17', lambda: (Parameter.POSITIONAL_ONLY < Parameter.KEYWORD_ONLY, int(Parameter.VAR_KEYWORD)))
show('p18', lambda: (Parameter.empty, Signature.empty, Parameter.empty is Signature.empty))
show('p19', lambda: Parameter('a', 0) == 'a')

# Signature construction
P = Parameter
show('s1', lambda: Signature([P('a', P.POSITIONAL_ONLY), P('b', P.POSITIONAL_OR_KEYWORD, default=1),
                               P('c', P.KEYWORD_ONLY)], return_annotation=int))
show('s2', lambda: Signature([P('a', P.VAR_KEYWORD), P('b', P.POSITIONAL_ONLY)]))
show('s3', lambda: Signature([P('a', P.KEYWORD_ONLY), P('b', P.VAR_POSITIONAL)]))
show('s4', lambda: Signature([P('a', P.POSITIONAL_ONLY, default=1), P('b', P.POSITIONAL_OR_KEYWORD)]))
show('s5', lambda: Signature([P('a', P.POSITIONAL_ONLY), P('a', P.KEYWORD_ONLY)]))
show('s6', lambda: Signature([P('a', P.KEYWORD_ONLY, default=1), P('b', P.KEYWORD_ONLY)]))
show('s7', lambda: Signature())
show('s8', lambda: Signature(return_annotation='x'))
show('s9', lambda: Signature([P('a', P.VAR_POSITIONAL), P('b', P.KEYWORD_ONLY)]))
show('s10', lambda: inspect.signature(f1).replace(return_annotation=list[str]))
show('s11', lambda: inspect.signature(f1).replace(parameters=[P('z', P.POSITIONAL_ONLY)]))
show('s12', lambda: inspect.signature(f1) == inspect.signature(f1))
def k1(*, a, b): pass
def k2(*, b, a): pass
def k3(a, b): pass
def k4(b, a): pass
show('s13', lambda: (inspect.signature(k1) == inspect.signature(k2), inspect.signature(k3) == inspect.signature(k4)))
show('s14', lambda: hash(inspect.signature(k1)) == hash(inspect.signature(k2)))
show('s15', lambda: inspect.signature(k1) == 5)
show('s16', lambda: Signature.from_callable(f3))

# bind / bind_partial
def b1(a, b=2, *args, c=3, **kw): pass
def b2(a, /, b, *, c): pass
def b3(a, b, /, c): pass
def b4(a, /, **kw): pass
def b5(a, b=2, c=3): pass
cases = [
    (b1, (1,), {}), (b1, (1, 2, 3, 4), {'c': 5, 'd': 6}), (b1, (), {'a': 1, 'x': 2}),
    (b1, (), {}), (b1, (1,), {'a': 2}),
    (b2, (), {}), (b2, (1,), {}), (b2, (1, 2), {}), (b2, (1, 2), {'c': 3}),
    (b2, (), {'a': 1, 'b': 2, 'c': 3}), (b2, (1, 2, 3), {}), (b2, (1, 2), {'c': 3, 'd': 4}),
    (b2, (1, 2), {'b': 3}), (b3, (), {'a': 1, 'b': 2, 'c': 3}), (b3, (1,), {'b': 2, 'c': 3}),
    (b4, (1,), {'a': 2}), (b4, (), {'a': 2}), (b4, (1,), {}),
    (b5, (1,), {'c': 5}), (b5, (1, 2), {}), (b5, (), {'b': 1}),
    (f5, (1,), {}), (f5, (), {}), (f3, (), {'only': 1}), (f3, (1,), {}),
]
for fn, args, kwargs in cases:
    sig = inspect.signature(fn)
    for method in ('bind', 'bind_partial'):
        def run():
            ba = getattr(sig, method)(*args, **kwargs)
            before = (repr(ba), ba.args, ba.kwargs)
            ba.apply_defaults()
            return before + (repr(ba), ba.args, ba.kwargs)
        show(f'{fn.__name__}.{method}{args}{kwargs}', run)
ba = inspect.signature(b1).bind(1, 2)
print(ba.arguments, ba.signature is inspect.signature(b1), ba.signature == inspect.signature(b1))
print(ba == inspect.signature(b1).bind(1, 2), ba == inspect.signature(b1).bind(1, 3), ba == 1)
ba.arguments['b'] = 9
print(ba.args, ba)

# callables of every kind
class Plain: pass
class WithInit:
    def __init__(self, x, y: int = 2) -> None: pass
class WithNew:
    def __new__(cls, a, *rest): return super().__new__(cls)
class Both(WithInit, WithNew): pass
class Both2(WithNew, WithInit): pass
class Meta(type):
    def __call__(cls, metaarg, /): return super().__call__()
class WithMeta(metaclass=Meta):
    def __init__(self, z): pass
class Callable:
    def __call__(self, q, *, r=1): pass
    def method(self, m1, m2=2): pass
    @classmethod
    def cmethod(cls, c1): pass
    @staticmethod
    def smethod(s1, s2): pass
class SubCallable(Callable): pass
class Sig:
    __signature__ = Signature([P('from_attr', P.KEYWORD_ONLY)])
    def __call__(self, *a): pass
def wrapped_target(t1, t2=2): pass
@functools.wraps(wrapped_target)
def wrapper(*args, **kwargs): pass
def star_only(*args): pass
def kwonly_first(*, k): pass

callables = [
    ('Plain', Plain), ('WithInit', WithInit), ('WithNew', WithNew), ('Both', Both), ('Both2', Both2),
    ('WithMeta', WithMeta), ('Callable()', Callable()), ('SubCallable()', SubCallable()),
    ('Callable', Callable), ('method', Callable().method), ('unbound', Callable.method),
    ('cmethod', Callable.cmethod), ('smethod', Callable.smethod), ('Sig()', Sig()),
    ('wrapper', wrapper), ('star_bound', types.MethodType(star_only, 1)),
    ('kwonly_bound', types.MethodType(kwonly_first, 1)),
    ('partial1', functools.partial(b1, 1, 2, c=9)), ('partial2', functools.partial(b5, b=1)),
    ('partial3', functools.partial(b2, 1)), ('partial4', functools.partial(b5, 1, 2, 3, 4)),
    ('partial5', functools.partial(b5, zz=1)), ('partial6', functools.partial(f1, 1, 2, 3, e=1)),
    ('partial7', functools.partial(functools.partial(b5, 1), c=4)),
    ('partial8', functools.partial(f2, 1, 'y', 3.0, c=[1])),
    ('int', 1), ('object()', object()), ('dict', dict), ('str', str),
    ('object', object), ('type', type), ('Exception', Exception), ('empty', Parameter.empty),
]
class MyError(Exception): pass
class MyDict(dict):
    def __init__(self, a, **kw): pass
class VarInit:
    def __init__(self, *a): pass
class Nothing(object): pass
callables += [('MyError', MyError), ('MyDict', MyDict), ('VarInit', VarInit), ('Nothing', Nothing)]
for label, obj in callables:
    show(label, lambda: inspect.signature(obj))
show('wrapper nofollow', lambda: inspect.signature(wrapper, follow_wrapped=False))
wrapper.__signature__ = 'bad'
show('bad __signature__', lambda: inspect.signature(wrapper))
wrapper.__signature__ = None
show('None __signature__', lambda: inspect.signature(wrapper))
wrapper.__signature__ = '(a, /, b=2)'
show('str __signature__', lambda: inspect.signature(wrapper))
wrapper.__signature__ = lambda: '(*, k=1)'
show('callable __signature__', lambda: inspect.signature(wrapper))
wrapper.__signature__ = 5
show('int __signature__', lambda: inspect.signature(wrapper))

# eval_str
def strs(a: 'int', b: 'list[str]' = None) -> 'Callable': pass
show('eval_str', lambda: inspect.signature(strs, eval_str=True))
show('no eval_str', lambda: inspect.signature(strs))
show('eval_str locals', lambda: inspect.signature(strs, eval_str=True, locals={'Callable': 5}))

# more shapes
import enum
class Color(enum.Enum):
    RED = 1
def enum_default(c=Color.RED, f=len, g=None, *, h: 'H' = 1.5): pass
def two_stars(*args: int, **kwargs: 'x') -> None: pass
def pos_defaults(a=1, b=2, /, c=3): pass
class Mixin:
    def __init__(self, mixed, *, flag=False): pass
class MyList(Mixin, list): pass
def deco(fn):
    @functools.wraps(fn)
    def inner(*a, **k):
        return fn(*a, **k)
    return inner
class DecoratedInit:
    @deco
    def __init__(self, d1, d2=2): pass
class StaticCall:
    @staticmethod
    def __call__(x, y): pass
class ClassCall:
    @classmethod
    def __call__(cls, x): pass
class OnlyNew:
    def __new__(cls, *args, **kwargs): return object.__new__(cls)
    def __init__(self, a, b): pass
more = [
    ('enum_default', enum_default), ('two_stars', two_stars), ('pos_defaults', pos_defaults),
    ('MyList', MyList), ('DecoratedInit', DecoratedInit), ('StaticCall()', StaticCall()),
    ('ClassCall()', ClassCall()), ('OnlyNew', OnlyNew),
    ('partial class', functools.partial(WithInit, 1)), ('partial method', functools.partial(Callable().method, 1)),
    ('partial kwonly', functools.partial(b1, c=10)), ('partial override', functools.partial(functools.partial(b5, c=1), c=2)),
    ('partial posonly kw', functools.partial(b2, c=1)), ('partial varkw', functools.partial(b4, 1, x=1)),
    ('partial all', functools.partial(b5, 1, 2, 3)), ('partial star', functools.partial(star_only, 1, 2)),
    ('partial b kw then pos', functools.partial(b5, 9, b=1)),
    ('bound partial attr', types.MethodType(functools.partial(b5, 1), 'self')),
]
for label, obj in more:
    show(label, lambda: inspect.signature(obj))
show('bind partial sig', lambda: inspect.signature(functools.partial(b5, b=1)).bind(1, c=3))
show('bind partial sig2', lambda: inspect.signature(functools.partial(b5, b=1)).bind(1, 2))
sig = inspect.signature(enum_default)
print([str(p) for p in sig.parameters.values()])
print(sig.parameters['h'].annotation, sig.parameters['c'].default)
import copy
show('copy', lambda: (copy.copy(sig) == sig, copy.deepcopy(sig) == sig, str(copy.deepcopy(sig))))
show('copy param', lambda: repr(copy.deepcopy(sig.parameters['h'])))
show('copy bound', lambda: repr(copy.copy(inspect.signature(b5).bind(1))))
