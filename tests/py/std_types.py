# types: the named built-in types, SimpleNamespace, MappingProxyType,
# new_class/prepare_class/resolve_bases, DynamicClassAttribute.
import sys
import types


def show(label, f):
    try:
        print(label, '->', repr(f()))
    except Exception as e:
        print(label, '-> EXC', type(e).__name__, e)


def func():
    pass


def gen():
    yield 1


class K:
    __slots__ = ('s',)

    def meth(self):
        pass


def make_cell():
    x = 1

    def inner():
        return x
    return inner.__closure__[0]


# --- type names --------------------------------------------------------------
checks = [
    ('FunctionType', func, types.FunctionType),
    ('LambdaType', lambda: 0, types.LambdaType),
    ('CodeType', func.__code__, types.CodeType),
    ('GeneratorType', gen(), types.GeneratorType),
    ('GeneratorType (genexpr)', (i for i in ()), types.GeneratorType),
    ('MethodType', K().meth, types.MethodType),
    ('BuiltinFunctionType', len, types.BuiltinFunctionType),
    ('BuiltinMethodType', [].append, types.BuiltinMethodType),
    ('MethodDescriptorType', str.join, types.MethodDescriptorType),
    ('ModuleType', sys, types.ModuleType),
    ('ModuleType (types)', types, types.ModuleType),
    ('CellType', make_cell(), types.CellType),
    ('MemberDescriptorType', K.__dict__['s'], types.MemberDescriptorType),
    ('NoneType', None, types.NoneType),
    ('EllipsisType', ..., types.EllipsisType),
    ('NotImplementedType', NotImplemented, types.NotImplementedType),
]
for name, obj, typ in checks:
    print(name, isinstance(obj, typ), typ.__name__)
print(types.FunctionType is types.LambdaType,
      types.BuiltinFunctionType is types.BuiltinMethodType)
print(isinstance(func, types.BuiltinFunctionType),
      isinstance(len, types.FunctionType),
      isinstance(K.meth, types.MethodType),
      isinstance(gen, types.GeneratorType))
print(types.NoneType(), types.EllipsisType(), types.NotImplementedType())
print(repr(types.FunctionType), repr(types.ModuleType), repr(types.NoneType))
m = K().meth
print(m.__self__.__class__.__name__, m.__func__ is K.meth)

# --- SimpleNamespace ---------------------------------------------------------
NS = types.SimpleNamespace


class Sub(NS):
    pass


show('NS()', lambda: NS())
show('NS(a=1, b="x")', lambda: NS(a=1, b='x'))
show('NS(mapping, b=2)', lambda: NS({'a': 1}, b=2))
show('NS(pairs, a=3)', lambda: NS([('a', 1)], a=3))
show('NS(1)', lambda: NS(1))
show('NS({1: 2})', lambda: NS({1: 2}))
show('NS([(1, 2)])', lambda: NS([(1, 2)]))
show('NS({}, {})', lambda: NS({}, {}))
show('Sub({}, {})', lambda: Sub({}, {}))
show('NS(None)', lambda: NS(None))
show('Sub(x=1)', lambda: Sub(x=1))
show('nested', lambda: NS(a=NS(b=[1, 2]), c={'d': 3}))
show('odd key', lambda: NS(a=1, **{'b c': 2}))
show('kw named like the parameter', lambda: NS(mapping_or_iterable={}))
show('eq', lambda: (NS(a=1) == NS(a=1), NS(a=1) == NS(a=2),
                    NS(a=1) == Sub(a=1), Sub(a=1) == NS(a=1), NS() != NS()))
show('eq dict', lambda: NS(a=1) == {'a': 1})
show('eq NotImplemented', lambda: NS(a=1).__eq__(3))
show('hash NS', lambda: hash(NS()))
show('hash Sub', lambda: hash(Sub()))
show('lt', lambda: NS() < NS())
show('names', lambda: (NS.__module__, NS.__name__, NS.__qualname__))
show('type', lambda: type(NS()))
show('vars', lambda: vars(NS(a=1, b=2)))
show('reduce', lambda: NS(a=1).__reduce__())
show('doc', lambda: NS.__doc__)
show('str', lambda: str(NS(a=1)))
show('missing attr', lambda: NS().zz)
show('missing attr Sub', lambda: Sub().zz)
n = NS(a=1)
n.b = 2
del n.a
show('after set/del', lambda: n)


def delmissing():
    del n.q


show('del missing', delmissing)
n.self = n
show('recursive', lambda: n)
s = Sub(a=1)
s.me = s
show('recursive Sub', lambda: s)
show('replace', lambda: NS(a=1).__replace__(b=2))
show('replace Sub', lambda: Sub(a=1).__replace__(a=5))
NS.__init__(n, c=3)
show('re-init adds', lambda: sorted(vars(n)))

# --- MappingProxyType --------------------------------------------------------
MP = types.MappingProxyType
d = {'a': 1, 'b': 2}
p = MP(d)
show('proxy', lambda: p)
show('str', lambda: str(p))
show('lookups', lambda: (p['a'], p.get('z'), p.get('z', 0), len(p), list(p),
                         'a' in p, 'z' in p))
show('views', lambda: (list(p.keys()), list(p.values()), list(p.items())))
show('keys', lambda: p.keys())
show('copy', lambda: (p.copy(), type(p.copy()).__name__))
show('or', lambda: p | {'c': 3})
show('ror', lambda: {'c': 3} | p)
show('or proxy', lambda: p | MP({'z': 0}))
show('or int', lambda: p | 3)
show('reversed', lambda: list(reversed(p)))
show('eq', lambda: (p == d, p == MP(d), p != d, p == {}))
show('MP([1])', lambda: MP([1]))
show('MP(3)', lambda: MP(3))
show('MP()', lambda: MP())
show('MP(d, 1)', lambda: MP(d, 1))
show('MP(str)', lambda: MP('abc'))
show('MP(proxy)', lambda: MP(p))
show('missing', lambda: p['z'])
show('hash', lambda: hash(p))
show('names', lambda: (MP.__name__, MP.__qualname__, MP.__module__))
show('repr class', lambda: repr(MP))


def setitem():
    p['c'] = 3


def delitem():
    del p['a']


def setattr_():
    p.x = 1


def ior():
    global p
    p |= {}


show('setitem', setitem)
show('delitem', delitem)
show('setattr', setattr_)
show('ior', ior)
show('pop', lambda: p.pop)
d['c'] = 3
show('live view', lambda: p)
show('lt', lambda: p < p)
show('doc', lambda: MP.__doc__)


# --- new_class / prepare_class / resolve_bases ---------------------------------
class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print('prepare', name, [b.__name__ for b in bases], kw)
        ns = {'prepared': True}
        return ns

    def __new__(mcls, name, bases, ns, **kw):
        print('meta new', name, sorted(k for k in ns if not k.startswith('__')))
        return super().__new__(mcls, name, bases, ns)

    def __init__(cls, name, bases, ns, **kw):
        super().__init__(name, bases, ns)


def body(ns):
    ns['x'] = 10
    ns['double'] = lambda self: self.x * 2


C = types.new_class('C', (), {'metaclass': Meta, 'flag': 1}, body)
print(C.__name__, type(C).__name__, C.x, C().double(), C.prepared)
D = types.new_class('D', (C,))
print(D.__name__, type(D).__name__, D.__mro__[1].__name__)
E = types.new_class('E')
print(E.__name__, E.__bases__, type(E).__name__)
print(types.prepare_class('P'))
meta, ns, kw = types.prepare_class('P', (C,), {'metaclass': type, 'k': 1})
print(meta.__name__, ns, kw)


class OtherMeta(type):
    pass


class O(metaclass=OtherMeta):
    pass


show('conflict', lambda: types.prepare_class('X', (C, O)))
show('new_class conflict', lambda: types.new_class('X', (C, O)))


class Entry:
    def __init__(self, *result):
        self.result = result

    def __mro_entries__(self, bases):
        return self.result


class BadEntry:
    def __mro_entries__(self, bases):
        return [int]


e = Entry(int, str)
show('resolve none', lambda: types.resolve_bases((int, str)))
bases = (int,)
print(types.resolve_bases(bases) is bases)
show('resolve', lambda: types.resolve_bases((e, float)))
show('resolve empty', lambda: types.resolve_bases((Entry(), float)))
show('resolve bad', lambda: types.resolve_bases((BadEntry(),)))
show('resolve plain object', lambda: types.resolve_bases((3,)))
F = types.new_class('F', (Entry(object),))
print(F.__bases__, F.__orig_bases__[0].result)
print(types.get_original_bases(F)[0].__class__.__name__,
      types.get_original_bases(int))
show('get_original_bases(3)', lambda: types.get_original_bases(3))


# --- DynamicClassAttribute -----------------------------------------------------
class Dyn:
    def __init__(self):
        self._v = 5

    @types.DynamicClassAttribute
    def value(self):
        "the value"
        return self._v

    @value.setter
    def value(self, v):
        self._v = v


obj = Dyn()
print(obj.value, Dyn.__dict__['value'].__doc__)
obj.value = 7
print(obj.value)
show('class access', lambda: Dyn.value)


def delvalue():
    del obj.value


show('delete', delvalue)
ro = types.DynamicClassAttribute(lambda self: 1)


class RO:
    a = ro


def set_ro():
    RO().a = 2


show('set read-only', set_ro)
print(RO().a)

# --- more edge cases -----------------------------------------------------------
show('DCA() doc', lambda: types.DynamicClassAttribute().__doc__)
show('DCA(doc)', lambda: types.DynamicClassAttribute(None, None, None, 'given').__doc__)


def g1(self):
    "first doc"
    return 1


def g2(self):
    "second doc"
    return 2


def s1(self, v):
    "setter doc"


dca = types.DynamicClassAttribute(g1)
print(dca.__doc__, dca.overwrite_doc, dca.getter(g2).__doc__,
      dca.setter(s1).__doc__, dca.deleter(s1).__doc__)
dcb = types.DynamicClassAttribute(g1, doc='fixed')
print(dcb.__doc__, dcb.overwrite_doc, dcb.getter(g2).__doc__, dcb.setter(s1).__doc__)


class AbstractGet:
    __isabstractmethod__ = True

    def __call__(self, obj):
        return 'abstract-get'


abs_dca = types.DynamicClassAttribute(AbstractGet())
print(abs_dca.__isabstractmethod__, abs_dca.__get__(None, object) is abs_dca,
      abs_dca.__get__(1))
show('no fget', lambda: types.DynamicClassAttribute().__get__(1))


class NoneEntries:
    __mro_entries__ = None


show('resolve None entries', lambda: types.resolve_bases((NoneEntries(),)))
show('get_original_bases(instance)', lambda: types.get_original_bases(Entry()))
show('resolve keeps order', lambda: types.resolve_bases((int, Entry(str, bytes), Entry(), float)))
kw_in = {'metaclass': Meta, 'a': 1}
meta, ns, kw = types.prepare_class('Q', (), kw_in)
print(meta.__name__, kw, kw_in)


class NoPrepare(type):
    __prepare__ = None


show('prepare not callable', lambda: types.prepare_class('R', (), {'metaclass': NoPrepare}))
show('non-type metaclass', lambda: types.prepare_class('S', (int,), {'metaclass': lambda *a: a})[1:])
show('new_class with callable meta',
     lambda: types.new_class('T', (), {'metaclass': lambda n, b, d, **k: (n, b, sorted(d), k)}))
