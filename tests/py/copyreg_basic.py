# copyreg: registration API, extension registry, _slotnames, _reconstructor,
# __newobj__(_ex)__, _reduce_ex, and the default object reduction (torii's
# copyreg._default_reduce_ex, CPython's object.__reduce_ex__).
import copyreg, re

def show(x):
    return re.sub(r' at 0x[0-9a-f]+', '', repr(x))

def report(fn):
    try:
        print('  ok', show(fn()))
    except Exception as e:
        print('  %s: %s' % (type(e).__name__, e))

reduce_ex = getattr(copyreg, '_default_reduce_ex', None) or (lambda o, p: object.__reduce_ex__(o, p))

print(copyreg.__all__)
print(complex in copyreg.dispatch_table, copyreg.pickle_complex(3 - 4j))
print(copyreg.__newobj__.__name__, copyreg.__newobj_ex__.__name__, copyreg._HEAPTYPE)

class C:
    pass

report(lambda: copyreg.pickle(C, 5))
report(lambda: copyreg.pickle(C, len, 5))
report(lambda: copyreg.pickle(C, len, len))
print(copyreg.dispatch_table.pop(C) is len)
report(lambda: copyreg.constructor(5))
report(lambda: copyreg.constructor(C))

print('extensions')
for args in (('m', 'n', 0), ('m', 'n', 0x80000000), ('m', 'n', 5), ('m', 'n', 5), ('m', 'n', 6),
             ('m', 'o', 5), ('m', 'o', 0x7fffffff)):
    report(lambda: copyreg.add_extension(*args))
print(sorted(copyreg._extension_registry.items()), sorted(copyreg._inverted_registry.items()))
copyreg._extension_cache[5] = 'cached'
copyreg.clear_extension_cache()
print(copyreg._extension_cache)
for args in (('m', 'n', 6), ('m', 'x', 5), ('m', 'n', 5), ('m', 'n', 5), ('m', 'o', 0x7fffffff)):
    report(lambda: copyreg.remove_extension(*args))
print(copyreg._extension_registry, copyreg._inverted_registry)

print('slotnames')
class S:
    __slots__ = ('a', '__b', '__c__', '__dict__', '__weakref__')
class T(S):
    __slots__ = 'x'
class U(T):
    pass
class _Under:
    __slots__ = ('__p',)
class ___:
    __slots__ = ('__p',)
for cls in (U, T, S, _Under, ___, C, int):
    print(cls.__name__, copyreg._slotnames(cls), cls.__dict__.get('__slotnames__'))

print('_reconstructor / __newobj__')
class MyList(list):
    pass
class MyInt(int):
    pass
report(lambda: copyreg._reconstructor(MyList, list, [1, 2]))
report(lambda: type(copyreg._reconstructor(C, object, None)).__name__)
report(lambda: copyreg._reconstructor(MyInt, int, 7) + 1)
report(lambda: copyreg.__newobj__(MyInt, 9))
report(lambda: copyreg.__newobj_ex__(MyInt, ('11',), {'base': 2}))

print('_reduce_ex')
class WithState:
    def __init__(self):
        self.v = 1
class GetState:
    def __getstate__(self):
        return {'g': 2}
class Falsy:
    def __getstate__(self):
        return 0
class SlotsOnly:
    __slots__ = ('a',)
class SlotsGetState:
    __slots__ = ('a',)
    def __getstate__(self):
        return 'slot-state'
class EmptySlots:
    __slots__ = ()
w = MyList([1])
w.z = 3
for obj in (C(), WithState(), GetState(), Falsy(), SlotsOnly(), SlotsGetState(), EmptySlots(),
            MyInt(5), w, 1, object(), U()):
    for proto in (0, 1):
        report(lambda: copyreg._reduce_ex(obj, proto))
report(lambda: copyreg._reduce_ex(C(), 2))

print('default reduction')
class NewArgs:
    def __getnewargs__(self):
        return (1, 'a')
class NewArgsEx:
    def __getnewargs_ex__(self):
        return ((1,), {'k': 2})
class NewArgsExNoKw:
    def __getnewargs_ex__(self):
        return ((3,), {})
class Red:
    def __reduce__(self):
        return (Red, ())
class MyDict(dict):
    pass
class MyTuple(tuple):
    pass
u = U()
u.a, u._S__b, u.x, u.q = 1, 2, 3, 9
md = MyDict(k=1)
md.attr = 2
for obj in (C(), WithState(), GetState(), u, U(), SlotsOnly(), NewArgs(), NewArgsEx(), NewArgsExNoKw(),
            Red(), MyList([1, 2]), md, MyInt(4), MyTuple((1,)), EmptySlots()):
    for proto in (0, 2, 4):
        def run():
            rv = reduce_ex(obj, proto)
            if isinstance(rv, tuple) and len(rv) == 5:
                rv = rv[:3] + tuple(None if x is None else list(x) for x in rv[3:])
            return rv
        report(run)
