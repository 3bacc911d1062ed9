# Differential test: getsource/getsourcelines/findsource/getcomments,
# getfile/getsourcefile/getmodule, getdoc/cleandoc.
import inspect, functools, os, re, sys

def show(label, fn):
    # one case's result or error, with memory addresses masked
    try:
        text = '-> %s' % (fn(),)
    except Exception as e:
        text = '!! %s %s' % (type(e).__name__, e)
    print(label, re.sub(r' at 0x[0-9a-fA-F]+', ' at 0x?', text))

def deco(f):
    return f

# A comment about simple
# on two lines
def simple(a, b):
    return a + b

@deco
@functools.lru_cache(
    maxsize=None)
def decorated(x):
    """Docstring with def inside: def nope():
    still the docstring"""
    y = x
# a column-0 comment inside the body
    return y  # trailing comment

    # indented comment after the body

def one_liner(): return 1

async def coroutine_fn(
        a,
        b=(1,
           2)):
    s = '''
def fake():
  pass
'''
    t = "a \
continued"
    return s + \
        t

class Outer:
    """Outer doc.

    More lines.
    """
    attr = [
        1,
    ]

    def method(self):
        def nested():
            return 'nested'
        return nested

    @staticmethod
    def static(): pass

    class Inner:
        z = 1

lam = lambda q: q * 2
pair = (lambda: 1,
        lambda: 2)

def with_strings():
    x = "# not a comment"; y = '('
    return x, y

for label, obj in [('simple', simple), ('decorated', decorated.__wrapped__), ('one_liner', one_liner),
                   ('coroutine_fn', coroutine_fn), ('Outer', Outer), ('method', Outer.method),
                   ('bound method', Outer().method), ('nested', Outer().method()),
                   ('static', Outer.static), ('Inner', Outer.Inner), ('lam', lam),
                   ('with_strings', with_strings), ('code', simple.__code__)]:
    show('source ' + label, lambda: inspect.getsource(obj))
    show('lines ' + label, lambda: inspect.getsourcelines(obj)[1])
    show('findsource ' + label, lambda: inspect.findsource(obj)[1])

show('comments simple', lambda: inspect.getcomments(simple))
show('comments Outer', lambda: inspect.getcomments(Outer))
show('comments method', lambda: inspect.getcomments(Outer.method))
show('comments module', lambda: inspect.getcomments(sys.modules[__name__]))
lines, start = inspect.getsourcelines(sys.modules[__name__])
print('module lines', start, len(lines) == len(open(__file__).readlines()), lines[0])
show('source module startswith', lambda: inspect.getsource(sys.modules[__name__])[:20])

# frames and tracebacks
def frame_source():
    return inspect.getsource(sys._getframe())
show('frame source', frame_source)
try:
    simple(1, None)
except TypeError as e:
    tb = e.__traceback__
show('tb source lines', lambda: inspect.getsourcelines(tb)[1])
show('tb inner source', lambda: inspect.getsource(tb.tb_next))

# errors
for label, obj in [('len', len), ('int', int), ('sys', sys), ('5', 5), ('inst', Outer())]:
    show('getfile ' + label, lambda: inspect.getfile(obj))
    show('getsource ' + label, lambda: inspect.getsource(obj))
exec_ns = {}
exec('def from_exec():\n    pass\n', exec_ns)
show('exec source', lambda: inspect.getsource(exec_ns['from_exec']))
show('exec file', lambda: inspect.getfile(exec_ns['from_exec']))
show('exec sourcefile', lambda: inspect.getsourcefile(exec_ns['from_exec']))

# files and modules
for label, obj in [('simple', simple), ('Outer', Outer), ('method', Outer().method),
                   ('code', simple.__code__), ('frame', sys._getframe()), ('tb', tb),
                   ('module', sys.modules[__name__])]:
    show('file ' + label, lambda: os.path.basename(inspect.getfile(obj)))
    show('sourcefile ' + label, lambda: os.path.basename(inspect.getsourcefile(obj)))
    show('absfile ' + label, lambda: inspect.getabsfile(obj) == os.path.abspath(__file__))
    show('module ' + label, lambda: inspect.getmodule(obj).__name__)
show('module of len', lambda: inspect.getmodule(len).__name__)
show('module of 5', lambda: inspect.getmodule(5))
for path in ['a/b/mod.py', 'mod.pyc', 'pkg/x.txt', 'noext', 'y.py.bak']:
    print('modulename', path, inspect.getmodulename(path))

# getdoc / cleandoc
class Documented:
    """  Class doc.
        indented
    """
    def method(self):
        """Method doc."""
    @property
    def prop(self):
        """Property doc."""
    @classmethod
    def cm(cls):
        """Classmethod doc."""
class Undocumented(Documented):
    def method(self):
        pass
    @property
    def prop(self):
        return 1
    @classmethod
    def cm(cls):
        pass
class Bare:
    pass
for label, obj in [('Documented', Documented), ('Undocumented', Undocumented), ('Bare', Bare),
                   ('method', Undocumented.method), ('bound', Undocumented().method),
                   ('prop', Undocumented.__dict__['prop']), ('cm', Undocumented.cm),
                   ('decorated', decorated.__wrapped__), ('simple', simple)]:
    show('getdoc ' + label, lambda: repr(inspect.getdoc(obj)))
for text in ['', 'one', '  lead\n    two\n      three\n', '\n\n  x\n\n', 'a\n\tb\n\t\tc', 'x\n  \n  y  ',
             '   \n  only indented\n', 'first\n    second\n  third']:
    print(repr(inspect.cleandoc(text)))
print(inspect.indentsize('    x'), inspect.indentsize('\tx'), inspect.indentsize('x'))
