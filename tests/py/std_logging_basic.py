# logging: levels, the logger tree, propagation, basicConfig, formats and
# the three format styles.
import io
import sys
import time
import logging


class ListStream:
    """A stream that keeps what is written to it."""
    def __init__(self):
        self.parts = []
        self.flushes = 0

    def write(self, text):
        self.parts.append(text)

    def flush(self):
        self.flushes += 1

    def text(self):
        out = ''.join(self.parts)
        self.parts.clear()
        return out


# --- level constants and names ---
print(logging.CRITICAL, logging.FATAL, logging.ERROR, logging.WARNING,
      logging.WARN, logging.INFO, logging.DEBUG, logging.NOTSET)
for value in (0, 10, 20, 30, 40, 50, 5, 'INFO', 'WARN', 'FATAL', 'nope', None):
    print(repr(value), '->', repr(logging.getLevelName(value)))
logging.addLevelName(25, 'NOTICE')
print(logging.getLevelName(25), logging.getLevelName('NOTICE'))
mapping = logging.getLevelNamesMapping()
print(sorted(mapping.items(), key=lambda kv: (kv[1], kv[0])))
mapping['X'] = 1
print('X' in logging.getLevelNamesMapping())

# --- the tree ---
root = logging.getLogger()
print(root, root is logging.root, logging.getLogger('root') is root,
      logging.getLogger('') is root)
abc = logging.getLogger('a.b.c')
print(abc, abc.parent is root)
print(sorted(logging.Logger.manager.loggerDict))
print(type(logging.Logger.manager.loggerDict['a']).__name__)
a = logging.getLogger('a')
print(abc.parent is a, a.parent is root)
ab = logging.getLogger('a.b')
print(abc.parent is ab, ab.parent is a)
print(a.getChild('b') is ab, a.getChild('b.c') is abc, root.getChild('a') is a)
print(sorted(l.name for l in a.getChildren()), sorted(l.name for l in ab.getChildren()))
print('a' in {l.name for l in root.getChildren()})
print(abc.name, abc.level, abc.getEffectiveLevel(), abc.propagate, abc.disabled)
try:
    logging.getLogger(3)
except TypeError as e:
    print('TypeError', e)
odd = logging.getLogger('x..y')
print(sorted(n for n in logging.Logger.manager.loggerDict if n.startswith('x')))

# --- levels and effective levels ---
a.setLevel(logging.INFO)
print(a.level, ab.getEffectiveLevel(), abc.getEffectiveLevel())
print(abc.isEnabledFor(logging.DEBUG), abc.isEnabledFor(logging.INFO))
ab.setLevel('DEBUG')
print(abc.getEffectiveLevel(), abc.isEnabledFor(logging.DEBUG))
for bad in ('LOUD', 2.5, None):
    try:
        ab.setLevel(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
ab.setLevel(logging.NOTSET)
print(repr(a), repr(ab), repr(abc))

# --- handlers, propagation ---
top = ListStream()
mid = ListStream()
h_top = logging.StreamHandler(top)
h_mid = logging.StreamHandler(mid)
h_top.setFormatter(logging.Formatter('top %(name)s %(levelname)s %(message)s'))
h_mid.setFormatter(logging.Formatter('mid %(name)s:%(levelno)d:%(message)s'))
root.addHandler(h_top)
a.addHandler(h_mid)
a.addHandler(h_mid)
print(len(a.handlers), a.hasHandlers(), abc.hasHandlers())
abc.info('hello %s and %d', 'world', 42)
abc.debug('not shown')
abc.warning('%(k)s-%(v)s', {'k': 'key', 'v': 'val'})
print(top.text(), end='')
print(mid.text(), end='')
print(top.flushes > 0)
ab.propagate = False
abc.error('stops at a.b')
print(repr(top.text()), repr(mid.text()))
print(abc.hasHandlers())
ab.propagate = True
h_mid.setLevel(logging.ERROR)
abc.warning('only top')
abc.critical('both')
print(top.text(), end='')
print(mid.text(), end='')
a.removeHandler(h_mid)
a.removeHandler(h_mid)
print(len(a.handlers))

# Every level method, log() and exceptions.
a.setLevel(logging.DEBUG)
abc.debug('d')
abc.info('i')
abc.warning('w')
abc.error('e')
abc.critical('c')
abc.fatal('f')
abc.log(25, 'notice %s', 1)
abc.log(5, 'below')
print(top.text(), end='')
try:
    abc.log('INFO', 'x')
except TypeError as e:
    print('TypeError', e)
logging.raiseExceptions = False
abc.log('INFO', 'ignored')
logging.raiseExceptions = True

# --- disable ---
logging.disable(logging.WARNING)
abc.warning('disabled')
abc.error('error passes')
print(top.text(), end='')
print(root.manager.disable)
logging.disable()
abc.critical('all off')
print(repr(top.text()))
logging.disable(logging.NOTSET)
abc.info('back on')
print(top.text(), end='')
abc.disabled = True
abc.critical('logger disabled')
print(repr(top.text()))
abc.disabled = False

# --- filters ---
class Odd(logging.Filter):
    def filter(self, record):
        return record.msg % 2 == 1

def no_seven(record):
    return record.msg != 7

def tagger(record):
    changed = logging.makeLogRecord(record.__dict__)
    changed.msg = 'tagged %s' % record.msg
    return changed

h_top.addFilter(Odd())
h_top.addFilter(no_seven)
for n in range(10):
    abc.warning(n)
print(top.text(), end='')
h_top.filters.clear()
abc.addFilter(tagger)
abc.warning(1)
print(top.text(), end='')
abc.removeFilter(tagger)
name_filter = logging.Filter('a.b')
for name in ('a', 'a.b', 'a.b.c', 'a.bc', 'b'):
    rec = logging.makeLogRecord({'name': name})
    print(name, bool(name_filter.filter(rec)), logging.Filter().filter(rec))

# --- records ---
rec = logging.LogRecord('n.m', logging.INFO, '/some/dir/mod.py', 12,
                        'value %s', ('x',), None, 'func', None)
print(rec, rec.getMessage(), rec.levelname, rec.filename, rec.module,
      rec.funcName, rec.lineno, rec.exc_info, rec.exc_text, rec.stack_info)
print(rec.processName, rec.taskName, isinstance(rec.created, float),
      isinstance(rec.msecs, float), rec.msecs < 1000,
      isinstance(rec.relativeCreated, float), rec.threadName)
print(sorted(rec.__dict__))
rec2 = logging.LogRecord('n', 10, 'p', 1, {'a': 1}, (), None)
print(rec2.getMessage(), rec2.args)
rec3 = logging.LogRecord('n', 10, 'p', 1, '%(a)s', ({'a': 5},), None)
print(rec3.args, rec3.getMessage())
made = logging.makeLogRecord({'msg': 'made %d', 'args': (3,), 'custom': 'c'})
print(made.getMessage(), made.custom, made.name, made.levelno, made.levelname)

# extra and the caller's location
fmt = logging.Formatter('%(user)s %(funcName)s %(lineno)d %(filename)s %(module)s %(message)s')
h_top.setFormatter(fmt)
def where():
    abc.warning('from where', extra={'user': 'bob'})
where()
abc.warning('top level', extra={'user': 'amy'})
print(top.text(), end='')
for key in ('message', 'asctime', 'name', 'msg'):
    try:
        abc.warning('x', extra={key: 1})
    except KeyError as e:
        print('KeyError', e)

def helper():
    abc.warning('via helper', extra={'user': 'sl2'}, stacklevel=2)
def caller_of_helper():
    helper()
caller_of_helper()
abc.warning('deep', extra={'user': 'sl9'}, stacklevel=9)
print(top.text(), end='')

# --- formats ---
rec = logging.LogRecord('fmt.test', logging.WARNING, '/p/q.py', 7,
                        'msg %s', ('arg',), None, 'fn')
rec.created = 1_000_000_000.25
rec.msecs = 250.0
class UTCFormatter(logging.Formatter):
    converter = time.gmtime
f = UTCFormatter('%(asctime)s %(levelname)-8s|%(name)10s|%(message)s')
print(f.format(rec))
print(f.usesTime(), f.formatTime(rec), f.formatTime(rec, '%d/%m/%Y %H:%M'))
f.default_msec_format = '%s.%03d'
print(f.formatTime(rec))
f.default_msec_format = None
print(f.formatTime(rec))
f2 = UTCFormatter('{asctime} {levelname:<8}|{name:>10}|{message}', style='{',
                  datefmt='%H:%M:%S')
print(f2.format(rec), f2.usesTime())
f3 = UTCFormatter('$asctime $levelname ${name}: $message', style='$')
print(f3.format(rec), f3.usesTime())
print(logging.Formatter('${levelname}', style='$').usesTime())
print(logging.Formatter().format(rec), logging.Formatter(style='{').format(rec),
      logging.Formatter(style='$').format(rec))
print(logging.Formatter(None, None, '{')._fmt, logging.Formatter(None, None, '$')._fmt)
fd = logging.Formatter('%(message)s [%(tag)s]', defaults={'tag': 'none'})
print(fd.format(rec))
rec.tag = 'given'
print(fd.format(rec))
del rec.tag
fd2 = logging.Formatter('{message} [{tag}]', style='{', defaults={'tag': 'dflt'})
print(fd2.format(rec))
try:
    logging.Formatter('%(message)s %(missing)s').format(rec)
except ValueError as e:
    print('ValueError', e)
try:
    logging.Formatter('{missing}', style='{').format(rec)
except ValueError as e:
    print('ValueError', e)
try:
    logging.Formatter('$missing', style='$').format(rec)
except ValueError as e:
    print('ValueError', e)
for fmt_text, style in [('%(message)s', '%'), ('%(message)d', '%'), ('plain', '%'),
                        ('%s', '%'), ('%(message)', '%'),
                        ('{message}', '{'), ('{message!r:>20}', '{'), ('plain', '{'),
                        ('{message!x}', '{'), ('{message:zz}', '{'), ('{a b}', '{'),
                        ('{message', '{'), ('message}', '{'), ('{{x}}', '{'),
                        ('{message:{width}}', '{'), ('{0}', '{'), ('{a.b[c]}', '{'),
                        ('{message:*^30,.2f}', '{'), ('{message:=+#010_}', '{'),
                        ('$message', '$'), ('${message}', '$'), ('plain', '$'),
                        ('$$', '$'), ('$ x', '$'), ('$message $', '$'), ('$1', '$'),
                        ('x', '#')]:
    try:
        made = logging.Formatter(fmt_text, style=style)
        print('ok', repr(fmt_text), style, repr(made._fmt))
    except ValueError as e:
        print('ValueError', repr(fmt_text), style, e)
print(logging.Formatter('plain', validate=False).format(rec))
print(repr(logging.Formatter('{message:>12}', style='{').format(rec)))

bf = logging.BufferingFormatter()
print(repr(bf.format([])), repr(bf.format([rec, rec])))
class Framed(logging.BufferingFormatter):
    def formatHeader(self, records):
        return '[%d:' % len(records)
    def formatFooter(self, records):
        return ']'
print(Framed(logging.Formatter('<%(message)s>')).format([rec, rec]))

# --- LoggerAdapter ---
h_top.setFormatter(logging.Formatter('%(name)s %(ctx)s %(message)s'))
ad = logging.LoggerAdapter(abc, {'ctx': 'C1'})
ad.info('adapted %d', 1)
ad.warning('w')
ad.log(logging.ERROR, 'logged')
print(top.text(), end='')
print(repr(ad), ad.name, ad.manager is logging.Logger.manager, ad.isEnabledFor(10),
      ad.getEffectiveLevel(), ad.hasHandlers())
class Prefix(logging.LoggerAdapter):
    def process(self, msg, kwargs):
        kwargs['extra'] = self.extra
        return '[%s] %s' % (self.extra['ctx'], msg), kwargs
Prefix(abc, {'ctx': 'P'}).warning('prefixed')
print(top.text(), end='')
merged = logging.LoggerAdapter(abc, {'ctx': 'M', 'other': 1}, merge_extra=True)
h_top.setFormatter(logging.Formatter('%(ctx)s %(other)s %(message)s'))
merged.warning('merged', extra={'other': 2})
logging.LoggerAdapter(abc, {'ctx': 'N', 'other': 1}).warning('not merged', extra={'other': 2})
print(top.text(), end='')
print(logging.LoggerAdapter[int])

# --- custom logger class ---
class MyLogger(logging.Logger):
    pass
logging.setLoggerClass(MyLogger)
print(type(logging.getLogger('custom.one')).__name__, logging.getLoggerClass().__name__)
logging.setLoggerClass(logging.Logger)
try:
    logging.setLoggerClass(int)
except TypeError as e:
    print('TypeError', e)
print(type(logging.getLogger('custom')).__name__)

# record factory
old_factory = logging.getLogRecordFactory()
def factory(*args, **kwargs):
    made = old_factory(*args, **kwargs)
    made.custom_attribute = 'from factory'
    return made
logging.setLogRecordFactory(factory)
h_top.setFormatter(logging.Formatter('%(custom_attribute)s %(message)s'))
abc.warning('made by factory')
logging.setLogRecordFactory(old_factory)
print(top.text(), end='')

# --- basicConfig ---
root.removeHandler(h_top)
out = io.StringIO()
logging.basicConfig(stream=out, level=logging.INFO)
print(root.level, root.handlers, root.handlers[0].formatter._fmt)
logging.info('info %s', 1)
logging.debug('debug')
logging.getLogger('a.b').info('child')
logging.basicConfig(stream=sys.stdout, format='%(message)s')   # no effect
print(len(root.handlers))
print(out.getvalue(), end='')
for kwargs in ({'stream': out, 'filename': 'x.log'},
               {'handlers': [logging.NullHandler()], 'stream': out},
               {'style': '?'},
               {'bogus': 1, 'other': 2}):
    try:
        logging.basicConfig(force=True, **kwargs)
    except ValueError as e:
        print('ValueError', e)
out2 = io.StringIO()
logging.basicConfig(force=True, stream=out2, format='{levelname}/{message}',
                    style='{', level='WARNING')
logging.warning('braced')
logging.error('err')
logging.info('hidden')
print(out2.getvalue(), end='')
preset = logging.StreamHandler(sys.stdout)
preset.setFormatter(logging.Formatter('preset: %(message)s'))
bare = logging.StreamHandler(sys.stdout)
logging.basicConfig(force=True, handlers=[preset, bare], format='basic: %(message)s')
logging.warning('two handlers')
print(root.handlers[1].formatter._fmt)
root.handlers.clear()
logging.warning('module level configures root')
print(root.handlers, root.handlers[0].stream is sys.stderr)
root.handlers.clear()
root.addHandler(logging.StreamHandler(sys.stdout))
logging.critical('crit')
logging.fatal('fatal')
logging.log(logging.ERROR, 'logged %s', 'root')
sys.stdout.flush()

# --- reprs ---
print(logging.NullHandler(), logging.StreamHandler(sys.stdout), logging.lastResort)
h = logging.Handler(logging.INFO)
print(h, h.name, h.level, h.formatter)
try:
    h.emit(None)
except NotImplementedError as e:
    print('NotImplementedError', e)
print(logging.StreamHandler(ListStream()))
class Named:
    name = 7
    def write(self, s): pass
print(logging.StreamHandler(Named()))
sh = logging.StreamHandler(sys.stdout)
print(sh.setStream(sys.stdout), sh.setStream(out) is sys.stdout, sh.stream is out)
print(logging.BASIC_FORMAT, sorted(logging._STYLES))
