# logging: exceptions raised while handling a record ("--- Logging error ---"
# reports), exc_info and stack_info formatting, lastResort, captureWarnings
# and the deprecated warn().  Reports are captured and the frames of the
# logging package itself (whose paths and lines differ between
# implementations) are left out before printing.
import io
import os
import sys
import warnings
import logging

SCRIPT = os.path.basename(__file__)
HERE = os.path.dirname(os.path.abspath(__file__))


def clean(text):
    return text.replace(HERE, '@DIR@')


def without_library_frames(text):
    out = []
    skipping = False
    for line in text.splitlines():
        if line.startswith('  File "'):
            skipping = SCRIPT not in line.split('"')[1]
            if skipping:
                continue
        elif skipping and line.startswith('    '):
            continue
        else:
            skipping = False
        out.append(line)
    return '\n'.join(out)


def captured(action):
    saved = sys.stderr
    sys.stderr = io.StringIO()
    try:
        action()
    finally:
        text = sys.stderr.getvalue()
        sys.stderr = saved
    print(clean(without_library_frames(text)))
    print('=====')


out = io.StringIO()
handler = logging.StreamHandler(out)
handler.setFormatter(logging.Formatter('%(levelname)s %(name)s: %(message)s'))
log = logging.getLogger('err')
log.addHandler(handler)
log.propagate = False


def flush_out():
    print(clean(out.getvalue()), end='')
    out.seek(0)
    out.truncate()
    print('-----')


# --- errors while formatting ---
captured(lambda: log.error('too many %s', 1, 2))
captured(lambda: log.error('bad number %d', 'x'))
captured(lambda: log.error('missing key %(k)s', {'j': 1}))


def deeper():
    log.warning('%s %s', 'only one')


def deepest():
    deeper()


captured(deepest)


class BadRepr:
    def __repr__(self):
        raise RuntimeError('no repr')

    def __str__(self):
        raise RuntimeError('no str')


captured(lambda: log.error('%s', BadRepr()))
flush_out()


class Exploding(logging.Handler):
    def emit(self, record):
        try:
            raise OSError('disk on fire: ' + record.getMessage())
        except Exception:
            self.handleError(record)


boom = Exploding()
log.addHandler(boom)
captured(lambda: log.critical('going down'))
log.removeHandler(boom)

bad_fmt = logging.StreamHandler(out)
bad_fmt.setFormatter(logging.Formatter('%(nosuchfield)s'))
log.addHandler(bad_fmt)
captured(lambda: log.error('no field'))
log.removeHandler(bad_fmt)


class NoWrite:
    def write(self, text):
        raise ValueError('stream closed')

    def flush(self):
        pass


broken = logging.StreamHandler(NoWrite())
log.addHandler(broken)
captured(lambda: log.error('to a broken stream'))
logging.raiseExceptions = False
captured(lambda: log.error('silent %d', 'x'))
logging.raiseExceptions = True
log.removeHandler(broken)
flush_out()

# --- exc_info ---
def fail():
    raise KeyError('missing')


try:
    fail()
except KeyError:
    log.exception('caught %s', 'it')
    log.error('with exc_info', exc_info=True)
    log.info('info exception', exc_info=1)
    saved_info = sys.exc_info()
flush_out()
log.error('from a tuple', exc_info=saved_info)
log.error('from an instance', exc_info=saved_info[1])
log.exception('outside any handler')
log.error('false exc_info', exc_info=False)
flush_out()

try:
    try:
        {}['a']
    except KeyError as first:
        raise ValueError('second') from first
except ValueError:
    log.exception('chained')
try:
    try:
        1 / 0
    except ZeroDivisionError:
        int('x')
except ValueError:
    log.exception('during handling')
flush_out()

# exc_text is cached on the record and reused
rec = logging.makeLogRecord({'msg': 'cached', 'exc_info': saved_info})
fmt = logging.Formatter('%(message)s')
first = fmt.format(rec)
print(rec.exc_text == first.split('\n', 1)[1], first == fmt.format(rec))
rec.exc_text = 'replaced text'
print(fmt.format(rec))
rec2 = logging.makeLogRecord({'msg': 'ends with newline\n', 'exc_text': 'EXC'})
print(repr(fmt.format(rec2)))


class ShortExc(logging.Formatter):
    def formatException(self, ei):
        return 'short: %s' % ei[1]

    def formatStack(self, stack_info):
        return 'stack lines: %d' % len(stack_info.splitlines())


h2 = logging.StreamHandler(out)
h2.setFormatter(ShortExc('%(message)s'))
log.removeHandler(handler)
log.addHandler(h2)
try:
    fail()
except KeyError:
    log.exception('short form')


def nested_stack():
    log.warning('stack', stack_info=True)


nested_stack()
log.removeHandler(h2)
log.addHandler(handler)
flush_out()

# --- stack_info ---
def level_one():
    level_two()


def level_two():
    log.warning('with stack', stack_info=True)
    log.warning('stack and exc', stack_info=True, exc_info=ValueError('v'))
    log.warning('one level up', stack_info=True, stacklevel=2)


level_one()
flush_out()

# --- lastResort and missing handlers (real stderr) ---
plain = logging.getLogger('nohandlers')
plain.warning('to lastResort %d', 1)
plain.info('below lastResort level')
plain.error('error to lastResort')
sys.stderr.flush()
saved_last = logging.lastResort
logging.lastResort = None
plain.warning('no handlers at all')
plain.warning('only reported once')
sys.stderr.flush()
logging.lastResort = saved_last
logging.getLogger('nohandlers.child').propagate = False
logging.getLogger('nohandlers.child').critical('child to lastResort')
sys.stderr.flush()

# --- captureWarnings ---
wlog = logging.getLogger('py.warnings')
wh = logging.StreamHandler(out)
wh.setFormatter(logging.Formatter('%(name)s %(levelname)s [%(message)s]'))
wlog.addHandler(wh)
logging.captureWarnings(True)
print(warnings.showwarning is logging._showwarning)
warnings.warn('captured one')
warnings.warn('explicit', UserWarning)
warnings.showwarning('to a file', UserWarning, 'f.py', 3, file=sys.stdout)
logging.captureWarnings(True)
logging.captureWarnings(False)
print(warnings.showwarning is logging._showwarning)
flush_out()
warnings.warn('after capture, to stderr')
sys.stderr.flush()

# --- deprecated warn ---
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter('always')
    log.warn('old style %s', 'warn')
    logging.warn('module warn')
    logging.LoggerAdapter(log, {}).warn('adapter warn')
for w in caught:
    print(w.category.__name__, w.message, os.path.basename(w.filename), w.lineno)
flush_out()
