# logging handlers: files (plain, delayed, rotating by size and by time,
# watched), buffering, memory and queue handlers.  Files are made in the
# script's scratch directory.
import os
import sys
import time
import queue
import datetime
import logging
import logging.handlers

here = os.path.dirname(os.path.abspath(__file__))
os.chdir(here)


def read(name):
    with open(name) as f:
        return f.read()


def listing(prefix):
    return sorted(n for n in os.listdir('.') if n.startswith(prefix))


log = logging.getLogger('files')
log.setLevel(logging.DEBUG)
log.propagate = False
plain = logging.Formatter('%(levelname)s %(message)s')

# --- FileHandler ---
fh = logging.FileHandler('app.log')
fh.setFormatter(plain)
print(type(fh).__name__, os.path.basename(fh.baseFilename), fh.mode,
      fh.encoding, fh.errors, fh.delay, fh.stream is not None,
      fh.baseFilename == os.path.abspath('app.log'))
print(repr(fh) == '<FileHandler %s (NOTSET)>' % os.path.abspath('app.log'))
log.addHandler(fh)
log.info('first')
log.debug('second %d', 2)
print(repr(read('app.log')))
fh.close()
print(fh.stream)
log.info('after close reopens (mode a)')
fh.close()
log.removeHandler(fh)
print(repr(read('app.log')))

fw = logging.FileHandler('w.log', mode='w', encoding='utf-8')
fw.setFormatter(plain)
log.addHandler(fw)
log.warning('written')
fw.close()
log.warning('dropped: w file closed')
log.removeHandler(fw)
print(repr(read('w.log')), fw.encoding)

fd = logging.FileHandler('delayed.log', delay=True)
print(fd.stream, os.path.exists('delayed.log'))
fd.setFormatter(plain)
log.addHandler(fd)
log.error('now it exists')
print(fd.stream is not None, repr(read('delayed.log')))
fd.close()
log.removeHandler(fd)
fd2 = logging.FileHandler('delayed2.log', delay=True)
fd2.close()
print(os.path.exists('delayed2.log'))

# --- RotatingFileHandler ---
rh = logging.handlers.RotatingFileHandler('rot.log', maxBytes=40, backupCount=2)
rh.setFormatter(logging.Formatter('%(message)s'))
log.addHandler(rh)
print(rh.maxBytes, rh.backupCount, rh.mode, rh.namer, rh.rotator)
for i in range(8):
    log.info('line %d of the rotating log', i)
rh.flush()
print(listing('rot.log'))
for name in listing('rot.log'):
    print(name, repr(read(name)))
log.removeHandler(rh)
rh.close()

# Long single records never roll an empty file.
rh0 = logging.handlers.RotatingFileHandler('big.log', maxBytes=5, backupCount=1)
rh0.setFormatter(logging.Formatter('%(message)s'))
log.addHandler(rh0)
log.info('a record longer than the limit')
log.info('another one')
log.removeHandler(rh0)
rh0.close()
print(listing('big.log'), repr(read('big.log')), repr(read('big.log.1')))

# maxBytes=0: never rolls; mode 'w' kept.
rz = logging.handlers.RotatingFileHandler('zero.log', mode='w')
print(rz.mode, rz.shouldRollover(logging.makeLogRecord({'msg': 'x' * 100})))
rz.close()
print(logging.handlers.RotatingFileHandler('zz.log', mode='w', maxBytes=1).mode)

# namer and rotator
def namer(name):
    return name.replace('.log.', '.') + '.bak'

def rotator(source, dest):
    with open(source) as src, open(dest, 'w') as dst:
        dst.write(src.read().upper())
    os.remove(source)

rn = logging.handlers.RotatingFileHandler('named.log', maxBytes=20, backupCount=3)
rn.namer = namer
rn.rotator = rotator
rn.setFormatter(logging.Formatter('%(message)s'))
log.addHandler(rn)
for word in ('alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf'):
    log.info('%s %s', word, word)
rn.close()
log.removeHandler(rn)
print(listing('named'))
for name in listing('named'):
    print(name, repr(read(name)))
print(rn.rotation_filename('x.log.1'))

# backupCount=0: the file is just truncated by reopening
r0 = logging.handlers.RotatingFileHandler('nobackup.log', maxBytes=15)
r0.setFormatter(logging.Formatter('%(message)s'))
log.addHandler(r0)
for i in range(4):
    log.info('entry %d', i)
log.removeHandler(r0)
r0.close()
print(listing('nobackup'), repr(read('nobackup.log')))

# --- TimedRotatingFileHandler ---
base = 1_700_000_000          # 2023-11-14 22:13:20 UTC, a Tuesday
for when, interval, extra in [('S', 1, {}), ('s', 30, {}), ('M', 5, {}),
                              ('H', 1, {}), ('D', 2, {}),
                              ('midnight', 1, {}), ('MIDNIGHT', 3, {}),
                              ('MIDNIGHT', 1, {'atTime': datetime.time(23, 30)}),
                              ('MIDNIGHT', 1, {'atTime': datetime.time(1, 0, 5)}),
                              ('W0', 1, {}), ('W1', 1, {}), ('W2', 1, {}),
                              ('W6', 2, {}), ('W1', 1, {'atTime': datetime.time(23, 0)}),
                              ('H', 1, {'utc': True}), ('MIDNIGHT', 1, {'utc': True})]:
    th = logging.handlers.TimedRotatingFileHandler('timed.log', when=when,
                                                   interval=interval, delay=True,
                                                   **extra)
    print(when, interval, sorted(extra), th.when, th.interval, th.suffix,
          th.extMatch.pattern,
          [th.computeRollover(base + d) - base for d in (0, 1, 3600, 86399, 86400)])
    th.close()
for bad in ('X', 'W', 'W7', 'W10', 'Wx'):
    try:
        logging.handlers.TimedRotatingFileHandler('timed.log', when=bad)
    except ValueError as e:
        print('ValueError', e)

th = logging.handlers.TimedRotatingFileHandler('tr.log', when='H', backupCount=2)
th.setFormatter(logging.Formatter('%(message)s'))
log.addHandler(th)
log.info('period zero')
for n, start in enumerate((1_600_000_000, 1_600_003_600, 1_600_007_200, 1_600_010_800)):
    th.rolloverAt = start + th.interval     # the period began at `start`
    log.info('after rollover %d', n)
log.removeHandler(th)
th.close()
print(listing('tr.log'))
for name in listing('tr.log'):
    print(name, repr(read(name)))
with open('tr.log.notadate', 'w') as f:
    f.write('x')
with open('tr.log.2020-09-13_12', 'w') as f:
    f.write('x')
th2 = logging.handlers.TimedRotatingFileHandler('tr.log', when='H', backupCount=1, delay=True)
print([os.path.basename(p) for p in th2.getFilesToDelete()])
th2.backupCount = 10
print(th2.getFilesToDelete())
th2.close()

# --- WatchedFileHandler ---
wh = logging.handlers.WatchedFileHandler('watched.log')
wh.setFormatter(plain)
log.addHandler(wh)
log.info('one')
os.remove('watched.log')
log.info('two, into a new file')
os.rename('watched.log', 'watched.old')
log.info('three, after a move')
log.removeHandler(wh)
wh.close()
print(repr(read('watched.log')), repr(read('watched.old')))

# --- BufferingHandler / MemoryHandler ---
class Collect(logging.Handler):
    def __init__(self):
        super().__init__()
        self.seen = []
    def emit(self, record):
        self.seen.append(self.format(record))

bh = logging.handlers.BufferingHandler(3)
log.addHandler(bh)
log.info('b1')
log.info('b2')
print(len(bh.buffer), bh.shouldFlush(bh.buffer[0]))
log.info('b3')
print(len(bh.buffer), bh.capacity)
log.removeHandler(bh)

target = Collect()
target.setFormatter(plain)
mh = logging.handlers.MemoryHandler(4, flushLevel=logging.ERROR, target=target)
log.addHandler(mh)
for i in range(3):
    log.info('m%d', i)
print(len(mh.buffer), target.seen)
log.error('flush now')
print(len(mh.buffer), target.seen)
target.seen.clear()
for i in range(5):
    log.debug('cap%d', i)
print(len(mh.buffer), target.seen)
mh.close()
print(target.seen, mh.target)
log.removeHandler(mh)
nt = logging.handlers.MemoryHandler(2)
nt.handle(logging.makeLogRecord({'msg': 'kept', 'levelno': 50}))
print(len(nt.buffer))
t2 = Collect()
nt.setTarget(t2)
nt.flush()
print(t2.seen, len(nt.buffer))
keep = logging.handlers.MemoryHandler(10, target=t2, flushOnClose=False)
keep.handle(logging.makeLogRecord({'msg': 'lost', 'levelno': 10}))
keep.close()
print(t2.seen, keep.flushLevel)

# --- QueueHandler / QueueListener ---
q = queue.Queue()
qh = logging.handlers.QueueHandler(q)
qh.setFormatter(logging.Formatter('Q:%(levelname)s:%(message)s'))
print(qh.listener, qh.queue is q)
qlog = logging.getLogger('queued')
qlog.propagate = False
qlog.addHandler(qh)
qlog.warning('queued %s', 'record', extra={'k': 1})
try:
    raise ValueError('inside')
except ValueError:
    qlog.exception('with exc')
item = q.get_nowait()
print(type(item).__name__, repr(item.msg), item.args, item.exc_info, item.exc_text,
      item.message, item.k, item.levelname)
item = q.get_nowait()
print(repr(item.msg.splitlines()[0]), repr(item.msg.splitlines()[-1]), item.exc_info)

low = Collect()
low.setFormatter(logging.Formatter('low %(message)s'))
high = Collect()
high.setLevel(logging.ERROR)
high.setFormatter(logging.Formatter('high %(message)s'))
listener = logging.handlers.QueueListener(q, low, high)
listener.start()
qh.setFormatter(logging.Formatter('%(message)s'))
for i in range(20):
    qlog.warning('w%d', i)
qlog.error('an error')
listener.stop()
print(len(low.seen), low.seen[:3], low.seen[-1], high.seen[-1], len(high.seen))
print(listener._thread)
low.seen.clear()
high.seen.clear()
listener2 = logging.handlers.QueueListener(q, low, high, respect_handler_level=True)
listener2.start()
qlog.warning('respected')
qlog.critical('both see it')
listener2.stop()
print(low.seen, high.seen)

class Tagging(logging.handlers.QueueListener):
    def prepare(self, record):
        record.msg = 'tagged ' + record.msg
        return record
sq = queue.SimpleQueue()
qh2 = logging.handlers.QueueHandler(sq)
qlog.removeHandler(qh)
qlog.addHandler(qh2)
low.seen.clear()
tl = Tagging(sq, low)
tl.start()
qlog.warning('simple queue')
tl.stop()
print(low.seen)

# Handler locks and shutdown
final = logging.FileHandler('final.log', delay=True)
final.setFormatter(plain)
log.addHandler(final)
log.critical('flushed at exit')
print('before exit', os.path.exists('final.log'))

# basicConfig writing to a file
logging.basicConfig(filename='basic.log', filemode='w', force=True,
                    format='%(name)s~%(message)s', encoding='utf-8')
print(type(logging.root.handlers[0]).__name__, logging.root.handlers[0].mode,
      logging.root.handlers[0].encoding, logging.root.handlers[0].errors)
logging.warning('caf\u00e9 \u2713')
logging.root.handlers[0].flush()
print(repr(read('basic.log')))

# At exit shutdown() flushes and closes every handler, newest first: the
# buffered records below appear after the last print.
at_exit = logging.StreamHandler(sys.stdout)
at_exit.setFormatter(logging.Formatter('at exit: %(message)s'))
held = logging.handlers.MemoryHandler(100, target=at_exit)
exit_log = logging.getLogger('exit')
exit_log.propagate = False
exit_log.addHandler(held)
exit_log.warning('buffered one')
exit_log.warning('buffered two')
print('last print')
