# Instances of user classes at every protocol: default reduction (copyreg
# _reduce_ex below 2, __newobj__/__newobj_ex__ from 2), the __getstate__ /
# __setstate__ / __getnewargs(_ex)__ / __reduce(_ex)__ hooks, dispatch tables,
# reducer_override, builtin subclasses, slots, nested classes, functions.
import pickle, copyreg, io

class Plain:
    pass

class WithDict:
    def __init__(self):
        self.a = 1
        self.b = [1, 'two']
    def __eq__(self, other):
        return type(self) is type(other) and vars(self) == vars(other)

class Slots:
    __slots__ = ('x', 'y', '__z')
    def __getstate__(self):
        return {n: getattr(self, n) for n in ('x', 'y') if hasattr(self, n)}
    def __setstate__(self, st):
        for k, v in st.items():
            setattr(self, k, v)

class BareSlots:
    __slots__ = ('p', '__q')

class MixedSlots(BareSlots):
    pass

class State:
    def __init__(self, v):
        self.v = v
    def __getstate__(self):
        return ('custom', self.v)
    def __setstate__(self, st):
        self.v = st[1] * 2

class NewArgs:
    def __new__(cls, a, b=0):
        self = super().__new__(cls)
        self.args = (a, b)
        return self
    def __getnewargs__(self):
        return self.args

class NewArgsEx:
    def __new__(cls, *args, **kw):
        self = super().__new__(cls)
        self.got = (args, sorted(kw.items()))
        return self
    def __getnewargs_ex__(self):
        return (1, 2), {'k': 3}

class NewArgsExEmpty(NewArgsEx):
    def __getnewargs_ex__(self):
        return (5,), {}

class Red:
    def __init__(self, *a):
        self.a = a
    def __reduce__(self):
        return (Red, (1, 2), {'extra': 'state'})

class RedStr:
    def __reduce__(self):
        return 'singleton'

singleton = RedStr()

class RedEx:
    def __reduce_ex__(self, proto):
        return (RedEx._make, (proto,))
    @staticmethod
    def _make(p):
        return ('made', p)

def make_list(*items):
    return list(items)

class RedItems:
    def __reduce__(self):
        return (dict, (), None, None, iter([('k', 1), ('j', 2)]))

class RedList:
    def __reduce__(self):
        return (make_list, (0,), None, iter([1, 2, 3]))

def set_state(obj, state):
    obj.via_setter = state

class RedSetter:
    def __reduce__(self):
        return (RedSetter, (), {'s': 1}, None, None, set_state)

class MyList(list):
    pass

class MyDict(dict):
    pass

class MyInt(int):
    pass

class MyStr(str):
    pass

class MyTuple(tuple):
    pass

class MyFloat(float):
    pass

class MySet(set):
    pass

class MyFrozen(frozenset):
    pass

class MyExc(Exception):
    pass

class Outer:
    class Inner:
        def __init__(self):
            self.q = 5
    def method(self):
        return 1

def func():
    pass

class Reg:
    def __init__(self, v):
        self.v = v

def reduce_reg(obj):
    return (Reg, (obj.v * 10,))

copyreg.pickle(Reg, reduce_reg)

def show(obj):
    if isinstance(obj, BaseException):
        return (type(obj).__name__, obj.args, vars(obj))
    if isinstance(obj, (list, dict, int, str, tuple, float, set, frozenset)):
        d = getattr(obj, '__dict__', {})
        return (type(obj).__name__, type(obj).__base__(obj) if type(obj) not in (list, dict, tuple, set, frozenset) else obj, sorted(d.items()))
    slots = {n: getattr(obj, n) for n in ('x', 'y', 'p', '_BareSlots__q') if hasattr(obj, n)}
    return (type(obj).__name__, sorted(getattr(obj, '__dict__', {}).items()), sorted(slots.items()))

ml = MyList([1, 2])
ml.attr = 'x'
md = MyDict(a=1)
md.attr = 'y'
mi = MyInt(7)
mi.attr = 1
ms = MySet([1])
ms.attr = 2
exc = MyExc('boom', 2)
exc.note = 'n'
sl = Slots()
sl.x = 1
bs = BareSlots()
bs.p = 1
bs._BareSlots__q = 2
mx = MixedSlots()
mx.p = 3
mx.extra = 4
objs = [Plain(), WithDict(), sl, State(3), NewArgs(4, 5), NewArgsEx(), NewArgsExEmpty(),
        Red(), singleton, RedEx(), RedItems(), RedList(), RedSetter(), ml, md, mi,
        MyStr('s'), MyTuple((1, 2)), MyFloat(1.5), ms, MyFrozen([2]), exc, ValueError('v'),
        KeyError('k'), Outer.Inner(), func, Outer, Outer.Inner, Outer.method, Reg(2),
        bs, mx, [WithDict(), WithDict()]]
for obj in objs:
    print('--', type(obj).__name__)
    for proto in range(6):
        try:
            data = pickle.dumps(obj, proto)
        except Exception as e:
            print(' ', proto, 'dump', type(e).__name__, e)
            continue
        print(' ', proto, data)
        if isinstance(obj, NewArgsEx) and proto in (2, 3) and type(obj) is NewArgsEx:
            continue    # loading needs functools.partial.__setstate__
        back = pickle.loads(data)
        if isinstance(back, list) and back and isinstance(back[0], WithDict):
            res = [show(x) for x in back]
        elif isinstance(back, (type, type(func))):
            res = back.__qualname__
        else:
            res = show(back)
        print('    ->', res)

# an instance referenced twice, and one containing itself
w = WithDict()
w.me = w
for proto in range(6):
    data = pickle.dumps([w, w], proto)
    back = pickle.loads(data)
    print(proto, data, back[0] is back[1], back[0].me is back[0])

# Pickler.dispatch_table (class and instance) and reducer_override
class TablePickler(pickle.Pickler):
    dispatch_table = copyreg.dispatch_table.copy()
    dispatch_table[WithDict] = lambda o: (Plain, ())

class OverridePickler(pickle.Pickler):
    def reducer_override(self, obj):
        if obj is func:
            return (len, ('abc',))
        if isinstance(obj, MyInt):
            return (int, (int(obj) + 1,))
        return NotImplemented

for proto in (0, 2, 4):
    f = io.BytesIO()
    TablePickler(f, proto).dump([WithDict(), Reg(1)])
    print(proto, f.getvalue(), [type(x).__name__ for x in pickle.loads(f.getvalue())])
    f = io.BytesIO()
    p = pickle.Pickler(f, proto)
    p.dispatch_table = {Reg: lambda o: (str, ('reg',))}
    p.dump([Reg(1), WithDict()])
    print(proto, f.getvalue(), pickle.loads(f.getvalue())[0])
    f = io.BytesIO()
    OverridePickler(f, proto).dump([func, mi, 3, Outer])
    print(proto, f.getvalue(), pickle.loads(f.getvalue())[:3])

# methods and descriptors: (getattr, (owner, name))
class Meths:
    def m(self):
        return 'm'
    @classmethod
    def cm(cls):
        return 'cm'
    @staticmethod
    def sm():
        return 'sm'
mo = Meths()
for x in (mo.m, Meths.cm, Meths.sm, Meths.m, [5].append, dict.fromkeys, str.join, list.__len__,
          object.__init__):
    for proto in (0, 2, 4):
        data = pickle.dumps(x, proto)
        back = pickle.loads(data)
        print(proto, data, back.__name__ == x.__name__)

# collections types with their own reductions
import collections
Pt = collections.namedtuple('Pt', 'x y')
dq = collections.deque([1, 2], maxlen=5)
dd = collections.defaultdict(list, a=[1])
od = collections.OrderedDict([('b', 1), ('a', 2)])
od.extra = 'x'
for obj in (dq, collections.deque('ab'), dd, collections.defaultdict(None, {1: 2}), od,
            collections.Counter('abca'), Pt(1, 2)):
    for proto in (0, 2, 4):
        data = pickle.dumps(obj, proto)
        back = pickle.loads(data)
        print(proto, data, back == obj, type(back).__name__)

# builtin exceptions: BaseException.__reduce__ and the OSError/ImportError forms
class AppError(ValueError):
    def __init__(self, a, b=None):
        super().__init__(a)
        self.b = b
tagged = KeyError('k')
tagged.note = 2
imp = ImportError('m')
imp.extra = 1
for exc in (FileNotFoundError(2, 'No such file', 'x.txt'), OSError('plain'),
            PermissionError(13, 'denied', 'a', None, 'b'), ImportError('msg', name='mod', path='/p'),
            ModuleNotFoundError('nomod'), imp, tagged, StopIteration(5), SystemExit(3),
            UnicodeDecodeError('utf-8', b'\xff', 0, 1, 'bad'), SyntaxError('bad', ('f.py', 1, 2, 'x', 1, 3)),
            AppError(1, 2), RuntimeError()):
    for proto in (0, 2, 4):
        data = pickle.dumps(exc, proto)
        back = pickle.loads(data)
        print(proto, data, type(back).__name__, back.args, str(back), getattr(back, 'b', None))

# cycles through a frozenset and a small tuple, back via an instance's state
class Hashed:
    def __hash__(self):
        return 1
hv = Hashed()
cyc_fs = frozenset([hv, 1])
hv.fs = cyc_fs
cyc_t = (hv, 2)
hv.t = cyc_t
for proto in range(6):
    for obj in (cyc_fs, cyc_t):
        data = pickle.dumps(obj, proto)
        back = pickle.loads(data)
        inst = next(x for x in back if isinstance(x, Hashed))
        print(proto, data, inst.fs is back or inst.t is back)
