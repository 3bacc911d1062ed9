# Differential test: inspect's is* predicates, CO_* flags, getmembers,
# generator / coroutine states.
import inspect, functools, abc, sys, types, asyncio

def plain(a, b=1):
    return a

def gen():
    x = yield 1
    yield x

async def coro():
    return 1

async def agen():
    yield 1

class Base:
    """Base doc."""
    attr = 5
    def method(self):
        pass
    @classmethod
    def cm(cls):
        pass
    @staticmethod
    def sm():
        pass
    @property
    def prop(self):
        return 1

class Slotted:
    __slots__ = ('slot',)

class Abstract(abc.ABC):
    @abc.abstractmethod
    def need(self):
        pass

class Concrete(Abstract):
    def need(self):
        return 1

class Desc:
    def __get__(self, obj, tp=None):
        return 1

class DataDesc(Desc):
    def __set__(self, obj, value):
        pass

class DelDesc(Desc):
    def __delete__(self, obj):
        pass

class Awaitable:
    def __await__(self):
        yield

class CallMe:
    def __call__(self):
        pass

g = gen()
c = coro()
ag = agen()
try:
    raise ValueError
except ValueError as e:
    tb = e.__traceback__

objects = [
    ('module', inspect), ('class', Base), ('instance', Base()),
    ('function', plain), ('lambda', lambda: 0), ('genfunc', gen),
    ('corofunc', coro), ('agenfunc', agen), ('generator', g),
    ('coroutine', c), ('asyncgen', ag), ('method', Base().method),
    ('classmethod', Base.cm), ('staticmethod', Base.sm),
    ('property', Base.__dict__['prop']), ('slot', Slotted.__dict__['slot']),
    ('builtin', len), ('partial', functools.partial(plain, 1)),
    ('partial_gen', functools.partial(gen)), ('traceback', tb),
    ('frame', sys._getframe()), ('code', plain.__code__), ('int', 3),
    ('desc', Desc()), ('datadesc', DataDesc()), ('deldesc', DelDesc()),
    ('abstract', Abstract), ('concrete', Concrete), ('awaitable', Awaitable()),
    ('callme', CallMe()), ('none', None), ('str', 'x'),
    ('dict.get', dict.get), ('str.__add__', str.__add__), ('[].append', [].append),
    ('dict.fromkeys', dict.fromkeys), ('object.__init__', object.__init__),
    ('__weakref__', Base.__dict__['__weakref__']), ('len', len), ('cls_bound', Base.cm),
]
predicates = ['ismodule', 'isclass', 'ismethod', 'isfunction',
              'isgeneratorfunction', 'iscoroutinefunction', 'isasyncgenfunction',
              'isgenerator', 'iscoroutine', 'isasyncgen', 'isawaitable',
              'istraceback', 'isframe', 'iscode', 'isbuiltin', 'isroutine',
              'isabstract', 'ismethoddescriptor', 'isdatadescriptor',
              'ismemberdescriptor', 'isgetsetdescriptor']
for name, obj in objects:
    hits = [p[2:] for p in predicates if getattr(inspect, p)(obj)]
    print(f'{name:12}', ' '.join(hits))

print('flags', inspect.CO_OPTIMIZED, inspect.CO_NEWLOCALS, inspect.CO_VARARGS,
      inspect.CO_VARKEYWORDS, inspect.CO_NESTED, inspect.CO_GENERATOR, inspect.CO_NOFREE,
      inspect.CO_COROUTINE, inspect.CO_ITERABLE_COROUTINE, inspect.CO_ASYNC_GENERATOR,
      inspect.TPFLAGS_IS_ABSTRACT)

def varfn(*args, **kwargs):
    pass
for fn in (plain, gen, coro, agen, varfn):
    flags = fn.__code__.co_flags
    print(fn.__name__, [n for n in ('CO_OPTIMIZED', 'CO_NEWLOCALS', 'CO_VARARGS', 'CO_VARKEYWORDS',
                                    'CO_GENERATOR', 'CO_COROUTINE', 'CO_ASYNC_GENERATOR')
                        if flags & getattr(inspect, n)])

# markcoroutinefunction
def sync():
    pass
print(inspect.iscoroutinefunction(sync))
inspect.markcoroutinefunction(sync)
print(inspect.iscoroutinefunction(sync), inspect.iscoroutinefunction(functools.partial(sync)))
class HasMarked:
    @inspect.markcoroutinefunction
    def m(self):
        pass
print(inspect.iscoroutinefunction(HasMarked().m), inspect.iscoroutinefunction(HasMarked.m))
print(inspect.isgeneratorfunction(functools.partial(functools.partial(gen))))

# getmembers
class Child(Base):
    """Child doc."""
    extra = [1]
    def method(self):
        pass
def user_names(pairs):
    return [name for name, value in pairs if not name.startswith('__')]
print(user_names(inspect.getmembers(Child)))
print(user_names(inspect.getmembers(Child, inspect.isfunction)))
print(user_names(inspect.getmembers(Child, inspect.ismethod)))
print(user_names(inspect.getmembers(Child(), inspect.ismethod)))
print(user_names(inspect.getmembers(Child, lambda v: isinstance(v, int))))
print(user_names(inspect.getmembers_static(Child)))
print([(n, type(v).__name__) for n, v in inspect.getmembers_static(Child) if n in ('cm', 'sm', 'prop')])
print([(n, type(v).__name__) for n, v in inspect.getmembers(Child) if n in ('cm', 'sm', 'prop')])
ns = types.SimpleNamespace(b=2, a=1)
print(user_names(inspect.getmembers(ns)))
print(inspect.getmro(Child) == (Child, Base, object))

class Lazy:
    def __getattr__(self, name):
        raise AttributeError(name)
print(user_names(inspect.getmembers(Lazy())))

# generator states
def counter():
    total = 0
    while True:
        got = yield total
        total += 1
gi = counter()
print(inspect.getgeneratorstate(gi), inspect.getgeneratorlocals(gi))
next(gi)
print(inspect.getgeneratorstate(gi))
def watcher():
    yield inspect.getgeneratorstate(me)
me = watcher()
print(next(me))
gi.close()
print(inspect.getgeneratorstate(gi), inspect.getgeneratorlocals(gi))
try:
    inspect.getgeneratorlocals(3)
except TypeError as e:
    print(type(e).__name__, e)
print(inspect.GEN_CREATED, inspect.GEN_RUNNING, inspect.GEN_SUSPENDED, inspect.GEN_CLOSED)

async def sleeper():
    await asyncio.sleep(0)
co = sleeper()
print(inspect.getcoroutinestate(co))
co.send(None)
print(inspect.getcoroutinestate(co))
co.close()
print(inspect.getcoroutinestate(co), inspect.getcoroutinelocals(co))
c.close()
print(inspect.CORO_CREATED, inspect.CORO_CLOSED)

ag2 = agen()
print(inspect.getasyncgenstate(ag2), inspect.getasyncgenlocals(ag2))
print(inspect.AGEN_CREATED, inspect.AGEN_CLOSED)

async def agen2():
    yield 1
    yield 2
ag3 = agen2()
step = ag3.__anext__()
try:
    step.send(None)
except StopIteration as stop:
    print('anext gave', stop.value)
print(inspect.getasyncgenstate(ag3))
step = ag3.aclose()
try:
    step.send(None)
except StopIteration:
    pass
print(inspect.getasyncgenstate(ag3), inspect.getasyncgenlocals(ag3))
try:
    inspect.getasyncgenlocals(3)
except TypeError as e:
    print(type(e).__name__, e)
