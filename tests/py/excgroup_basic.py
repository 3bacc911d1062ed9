# Exception groups (PEP 654) and exception notes (PEP 678): construction and
# its errors, message/exceptions, split/subgroup/derive, subclasses, str and
# repr, and the metadata split results inherit.


def report(f, *args, **kw):
    try:
        r = f(*args, **kw)
    except BaseException as e:
        print("  ", type(e).__name__ + ":", e)
    else:
        print("  ->", repr(r))


print("-- construction")
eg = ExceptionGroup("msg", [ValueError(1), TypeError(2)])
print(repr(eg), "|", str(eg), "|", eg.args)
print(eg.message, eg.exceptions, type(eg.exceptions).__name__)
print(str(ExceptionGroup("", [ValueError()])))
print(type(BaseExceptionGroup("m", [ValueError()])).__name__)
print(type(BaseExceptionGroup("m", [KeyboardInterrupt()])).__name__)
print(type(BaseExceptionGroup("m", [ValueError(), KeyboardInterrupt()])).__name__)
print(repr(ExceptionGroup("t", (ValueError(1),))))
for args in [(), ("m",), ("m", 1), ("m", []), ("m", ()), ("m", [1]), (1, [ValueError()]),
             ("m", [ValueError()], 3), ("m", (ValueError(), 5)), ("m", {1: 2}),
             ("m", {ValueError()}), ("m", "ab"), ("m", None), ("m", [ValueError])]:
    print(args if len(repr(args)) < 40 else "...")
    report(ExceptionGroup, *args)
report(ExceptionGroup, "m", [KeyboardInterrupt()])
report(ExceptionGroup, "m", [ValueError()], x=1)
report(BaseExceptionGroup.__new__, int, "m", [ValueError()])
x = ValueError(1)
print(ExceptionGroup("a", [x]).exceptions[0] is x)
print(ExceptionGroup.__mro__)
print(isinstance(eg, Exception), issubclass(ExceptionGroup, BaseExceptionGroup),
      issubclass(BaseExceptionGroup, Exception))
print(ExceptionGroup.__name__, ExceptionGroup.__module__, BaseExceptionGroup.__module__)
print(ExceptionGroup[int], BaseExceptionGroup[ValueError])
print(BaseExceptionGroup.message, BaseExceptionGroup.exceptions)
for attr in ("message", "exceptions"):
    try:
        setattr(eg, attr, 3)
    except AttributeError as e:
        print(attr, "AttributeError:", e)
e2 = ExceptionGroup("m", [ValueError()])
e2.__init__("zzz")
print(repr(e2), e2.message, e2.args)
try:
    raise eg
except Exception as caught:
    print("caught by except Exception:", caught is eg)

print("-- split and subgroup")
eg = ExceptionGroup("outer", [ValueError(1), ExceptionGroup("inner", [TypeError(2), ValueError(3)]), KeyError(4)])
m, r = eg.split(ValueError)
print(repr(m)); print(repr(r))
m, r = eg.split((TypeError, KeyError))
print(repr(m)); print(repr(r))
print(repr(eg.split(lambda e: isinstance(e, ValueError) and e.args[0] == 3)))
print(repr(eg.subgroup(lambda e: isinstance(e, ExceptionGroup) and e.message == "inner")))
print(eg.split(lambda e: True)[0] is eg, eg.subgroup(BaseException) is eg, eg.split(OSError))
print(eg.subgroup(OSError), eg.subgroup(lambda e: 0), eg.subgroup(lambda e: []))
print(eg.subgroup(ValueError).exceptions[1].exceptions[0] is eg.exceptions[1].exceptions[1])
report(eg.split, 3)
report(eg.split, int)
report(eg.split, (ValueError, int))
report(eg.split, ValueError)  # fine
report(lambda: eg.split())
report(lambda: eg.subgroup(ValueError, TypeError))
report(lambda: eg.derive())
def boom(e):
    raise RuntimeError("predicate failed")
report(eg.split, boom)
bg = BaseExceptionGroup("b", [ValueError(), KeyboardInterrupt()])
print(repr(bg.split(Exception)))
print(repr(bg.derive([KeyboardInterrupt()])), repr(bg.derive([ValueError()])))

print("-- metadata of split results")
src = ExceptionGroup("x", [ValueError(1), TypeError(2)])
src.__cause__ = KeyError("cause")
src.__context__ = KeyError("ctx")
src.__suppress_context__ = False
src.add_note("a note")
try:
    raise src
except ExceptionGroup:
    pass
m, r = src.split(ValueError)
for part in (m, r):
    print(repr(part), part.__cause__, part.__context__, part.__suppress_context__)
    print("  notes", part.__notes__, part.__notes__ is src.__notes__)
    print("  traceback", part.__traceback__ is not None, part.__traceback__.tb_lineno)
m.add_note("only m")
print(src.__notes__, m.__notes__, r.__notes__)
src.__notes__ = "not a sequence?"
print(src.split(ValueError)[0].__notes__)
src.__notes__ = 42
print(hasattr(src.split(ValueError)[0], "__notes__"))

print("-- subclasses")
class MyEG(ExceptionGroup):
    def __new__(cls, message, excs, code):
        obj = super().__new__(cls, message, excs)
        obj.code = code
        return obj

    def derive(self, excs):
        return MyEG(self.message, excs, self.code)

me = MyEG("my", [ValueError(1), TypeError(2)], 42)
m, r = me.split(ValueError)
print(type(m).__name__, m.code, repr(m), me.args, type(r).__name__, r.code)
class Plain(ExceptionGroup):
    pass
p = Plain("p", [ValueError(1), TypeError(2)])
print(type(p.split(ValueError)[0]).__name__, type(p.derive([ValueError()])).__name__)
report(Plain, "p", [KeyboardInterrupt()])
report(Plain, "p", [ValueError()], code=3)
class PlainBase(BaseExceptionGroup):
    pass
print(repr(PlainBase("pb", [ValueError()])), repr(PlainBase("pb", [KeyboardInterrupt()])))
class BadDerive(ExceptionGroup):
    def derive(self, excs):
        return 5
report(BadDerive("b", [ValueError(1), TypeError(2)]).split, ValueError)
class Str(ExceptionGroup):
    def __str__(self):
        return "custom " + super().__str__()
print(str(Str("s", [ValueError()])), repr(Str("s", [ValueError()])))
class WithInit(ExceptionGroup):
    def __init__(self, *args):
        print("init", args)
        super().__init__(*args)
WithInit("w", [ValueError()])

print("-- notes")
e = ValueError("v")
print(hasattr(e, "__notes__"))
e.add_note("first")
e.add_note("second")
print(e.__notes__)
report(e.add_note, 3)
report(lambda: e.add_note())
report(lambda: e.add_note("a", "b"))
class S(str):
    pass
e.add_note(S("sub"))
print(e.__notes__, type(e.__notes__[2]).__name__)
e.__notes__ = (1, 2)
report(e.add_note, "x")
del e.__notes__
e.add_note("again")
print(e.__notes__)
k = KeyError("k")
k.add_note("on a KeyError")
print(k.__notes__)
