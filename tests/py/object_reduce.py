# object.__reduce_ex__, object.__reduce__ and object.__getstate__ (copyreg's
# default reduction behind them), and copy.copy / copy.deepcopy through them.
import copy
import copyreg
from collections import namedtuple


def show(f, *args):
    try:
        r = f(*args)
    except Exception as e:
        print(type(e).__name__, e)
        return
    print(describe(r))


def describe(r):
    # functions by name: their reprs hold addresses
    if isinstance(r, tuple):
        return '(' + ', '.join(describe(x) for x in r) + (',)' if len(r) == 1 else ')')
    if callable(r) and hasattr(r, '__qualname__') and not isinstance(r, type):
        return '<%s>' % r.__qualname__
    if type(r).__name__.endswith('iterator'):
        return 'iter%r' % (list(r),)
    return repr(r)


o = object()
show(o.__reduce_ex__, 2)
show(o.__reduce_ex__, 4)
show(o.__reduce_ex__, 0)
show(o.__reduce_ex__, 1)
show(o.__reduce__)
show(o.__getstate__)
show(o.__reduce_ex__, True)
show(o.__reduce_ex__, -1)
print(o.__reduce_ex__(0)[0] is copyreg._reconstructor, o.__reduce_ex__(2)[0] is copyreg.__newobj__)

# argument checks
for f in (lambda: o.__reduce_ex__(), lambda: o.__reduce_ex__(1, 2),
          lambda: o.__reduce_ex__(protocol=2), lambda: o.__reduce_ex__('a'),
          lambda: o.__reduce_ex__(2.0), lambda: o.__reduce__(1), lambda: o.__reduce__(x=1),
          lambda: o.__getstate__(1), lambda: o.__getstate__(x=1), lambda: object.__reduce_ex__(),
          lambda: object.__getstate__()):
    show(f)

# found on the type, the same descriptor everywhere
print(type(object.__reduce_ex__).__name__, object.__reduce_ex__, object.__reduce__, object.__getstate__)
print(type(o.__reduce_ex__).__name__, type(o.__reduce__).__name__, type(o.__getstate__).__name__)


class A:
    def __init__(self):
        self.x = 1
        self.y = [2]


class Empty:
    pass


print(A.__reduce_ex__ is object.__reduce_ex__, A.__reduce__ is object.__reduce__,
      A.__getstate__ is object.__getstate__, int.__reduce_ex__ is object.__reduce_ex__)
print('__reduce_ex__' in dir(A()), '__getstate__' in dir(object))
a = A()
for p in range(6):
    show(a.__reduce_ex__, p)
show(a.__reduce__)
show(a.__getstate__)
show(Empty().__getstate__)
show(Empty().__reduce_ex__, 2)
show(object.__reduce_ex__, a, 3)
show(object.__getstate__, a)


class S:
    __slots__ = ('a', 'b')


s = S()
s.a = 1
show(s.__getstate__)
show(s.__reduce_ex__, 2)
show(s.__reduce_ex__, 1)
show(s.__reduce__)
show(S().__getstate__)


class SD:
    __slots__ = ('a', '__dict__')


sd = SD()
sd.a = 1
sd.z = 2
show(sd.__getstate__)


class Mangled:
    __slots__ = ('__p',)

    def __init__(self):
        self.__p = 5


show(Mangled().__getstate__)


# overriding methods, and super() reaching object's
class R:
    def __reduce__(self):
        return (R, ('from __reduce__',))


show(R().__reduce_ex__, 2)
show(R().__reduce_ex__, 0)


class G:
    def __init__(self):
        self.v = 1

    def __getstate__(self):
        return {'custom': True}


show(G().__reduce_ex__, 2)
show(G().__reduce_ex__, 0)


class B:
    def __reduce_ex__(self, proto):
        print('B.__reduce_ex__', proto)
        return super().__reduce_ex__(proto)

    def __getstate__(self):
        return ('super', super().__getstate__())


b = B()
b.q = 1
show(b.__reduce_ex__, 2)
show(b.__getstate__)


class NA:
    def __init__(self, n):
        self.n = n

    def __getnewargs__(self):
        return (self.n,)


show(NA(7).__reduce_ex__, 2)


class NK:
    def __new__(cls, *args, **kw):
        return super().__new__(cls)

    def __getnewargs_ex__(self):
        return ((1,), {'k': 2})


show(NK().__reduce_ex__, 2)
show(NK().__reduce_ex__, 4)

# builtins and their subclasses
show((5).__reduce_ex__, 2)
show((5).__reduce_ex__, 0)
show('s'.__reduce_ex__, 2)
show((1, 2).__reduce_ex__, 2)
show([1, 2].__reduce_ex__, 2)
show({1: 2}.__reduce_ex__, 2)
show((1.5).__getstate__)
show([].__getstate__)


class D(dict):
    pass


d = D(a=1)
d.x = 3
show(d.__reduce_ex__, 2)


class L(list):
    pass


show(L([1, 2]).__reduce_ex__, 2)
show(L([1, 2]).__reduce_ex__, 0)


class T(tuple):
    pass


show(T((1, 2)).__reduce_ex__, 2)


class I(int):
    pass


show(I(5).__reduce_ex__, 2)
show(I(5).__reduce_ex__, 1)

P = namedtuple('P', 'x y')
show(P(1, 2).__reduce_ex__, 4)
show(P(1, 2).__reduce_ex__, 2)

# copy and deepcopy go through __reduce_ex__(4)
p = P(1, [2])
print(copy.copy(p), copy.deepcopy(p), copy.copy(p).y is p.y, copy.deepcopy(p).y is p.y)
print(type(copy.copy(p)) is P, copy.deepcopy(P(1, 2)) == P(1, 2))
c = A()
c.y.append([3])
c2 = copy.copy(c)
c3 = copy.deepcopy(c)
print(vars(c2), c2.y is c.y, vars(c3), c3.y is c.y, c3.y[1] is c.y[1])
s2 = copy.copy(s)
print(s2.a, hasattr(s2, 'b'), copy.deepcopy(s).a)
sd2 = copy.deepcopy(sd)
print(sd2.a, sd2.z)
print(copy.copy(G()).__dict__, copy.deepcopy(NA(3)).n, copy.copy(R()) if False else 'skip')
l2 = copy.deepcopy(L([1, [2]]))
print(type(l2).__name__, l2)
d2 = copy.copy(d)
print(type(d2).__name__, d2, d2.x)
print(copy.deepcopy(I(7)), type(copy.deepcopy(I(7))).__name__, copy.copy(T((1, 2))))


class WithState:
    def __init__(self):
        self.a = 1

    def __setstate__(self, state):
        print('__setstate__', state)
        self.__dict__.update(state)


w = copy.deepcopy(WithState())
print(w.a)


class Cyc:
    pass


cy = Cyc()
cy.me = cy
cy2 = copy.deepcopy(cy)
print(cy2.me is cy2, cy2 is not cy)

s3 = {1, 2}
print(copy.deepcopy(s3), copy.copy(frozenset([1])), copy.deepcopy(bytearray(b'ab')))


class Reg:
    def __init__(self, v):
        self.v = v


copyreg.pickle(Reg, lambda r: (Reg, (r.v * 10,)))
print(copy.copy(Reg(1)).v, copy.deepcopy(Reg(2)).v)
for f in (copy.copy, copy.deepcopy):
    try:
        f(x for x in ())
    except TypeError as e:
        print('TypeError', e)
