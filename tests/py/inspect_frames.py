# Differential test: frames and stack records (currentframe, stack,
# getframeinfo, trace, getouterframes/getinnerframes), getattr_static,
# classify_class_attrs.
import inspect, os, re, sys

def show(label, fn):
    # one case's result or error, with memory addresses masked
    try:
        text = '-> %s' % (fn(),)
    except Exception as e:
        text = '!! %s %s' % (type(e).__name__, e)
    print(label, re.sub(r' at 0x[0-9a-fA-F]+', ' at 0x?', text))

def record(info):
    return (os.path.basename(info.filename), info.lineno, info.function, info.code_context, info.index)

def innermost():
    frame = inspect.currentframe()
    print('currentframe', frame.f_code.co_name, inspect.getlineno(inspect.currentframe()), frame.f_back.f_code.co_name)
    # (a fresh frame object for each: torii's f_lineno does not follow a
    # running frame that is kept)
    print('frameinfo', record(inspect.getframeinfo(inspect.currentframe())))
    print('frameinfo ctx3', record(inspect.getframeinfo(inspect.currentframe(), context=3)))
    print('frameinfo ctx0', record(inspect.getframeinfo(inspect.currentframe(), context=0)))
    info = inspect.getframeinfo(inspect.currentframe())
    filename, lineno, function, code_context, index = info
    print('unpacked', os.path.basename(filename), lineno, function, len(info), type(info).__name__)
    print('fields', inspect.Traceback._fields, inspect.FrameInfo._fields)
    for rec in inspect.stack()[:3]:
        print('stack', rec.frame.f_code.co_name, record(rec), type(rec).__name__, len(rec),
              rec[0] is rec.frame, rec[3])
    for rec in inspect.stack(context=2)[:2]:
        print('stack ctx2', record(rec))
    print('outer', [r.function for r in inspect.getouterframes(inspect.currentframe())])
    return inspect.stack(0)

def middle():
    return innermost()

records = middle()
print('returned', [(r.function, r.code_context, r.index) for r in records])

def fail(n):
    if n == 0:
        raise KeyError('boom')
    return fail(n - 1)

try:
    fail(2)
except KeyError:
    tb = sys.exc_info()[2]
    for rec in inspect.trace():
        print('trace', record(rec), rec.frame.f_code.co_name)
    for rec in inspect.getinnerframes(tb, context=3):
        print('inner', record(rec))
print('tbinfo', record(inspect.getframeinfo(tb)))
print('tbinfo next', record(inspect.getframeinfo(tb.tb_next, 5)))
show('frameinfo bad', lambda: inspect.getframeinfo(sys.modules[__name__].__dict__.get('tb').tb_frame.f_code))
print('trace no exc', inspect.trace())

# getattr_static
class Meta(type):
    meta_attr = 'meta'
    @property
    def meta_prop(cls):
        return 'meta prop'
class Data:
    def __get__(self, obj, tp=None):
        return 'data get'
    def __set__(self, obj, value):
        pass
class NonData:
    def __get__(self, obj, tp=None):
        return 'nondata get'
class Thing(metaclass=Meta):
    cls_attr = 'class'
    data = Data()
    nondata = NonData()
    def method(self):
        pass
    @property
    def prop(self):
        return 'prop value'
    @staticmethod
    def smeth():
        pass
    @classmethod
    def cmeth(cls):
        pass
    def __getattr__(self, name):
        return 'dynamic ' + name
class SubThing(Thing):
    pass
t = SubThing()
t.__dict__.update(inst='instance', data='shadowed?', nondata='shadowed!')
for name in ['inst', 'cls_attr', 'data', 'nondata', 'method', 'prop', 'smeth', 'cmeth', 'nothing',
             'meta_attr', 'meta_prop']:
    def get(obj=t):
        value = inspect.getattr_static(obj, name)
        return type(value).__name__ if not isinstance(value, str) else value
    show('static inst ' + name, get)
    show('static cls ' + name, lambda: get(SubThing))
    show('plain inst ' + name, lambda: str(getattr(t, name)).split(' at ')[0][:30])
show('static default', lambda: inspect.getattr_static(t, 'nothing', 'deflt'))
class Slots:
    __slots__ = ('s',)
sl = Slots()
show('static slot unset', lambda: type(inspect.getattr_static(sl, 's')).__name__)
sl.s = 1
show('static slot set', lambda: type(inspect.getattr_static(sl, 's')).__name__)
show('static module', lambda: inspect.getattr_static(inspect, 'getattr_static') is inspect.getattr_static)

# classify_class_attrs (the names these classes define)
for attr in inspect.classify_class_attrs(SubThing):
    if not attr.name.startswith('__') or attr.name == '__getattr__':
        print('classify', attr.name, attr.kind, attr.defining_class.__name__, type(attr.object).__name__)
print(inspect.Attribute._fields)
