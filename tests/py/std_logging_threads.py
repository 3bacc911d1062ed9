# logging from many threads at once: one StreamHandler over a stream whose
# write() is not atomic (only the handler's lock keeps lines whole), the
# logger tree built concurrently, levels and handlers changed while others
# log, and a QueueHandler feeding a QueueListener.
import io
import queue
import threading
import logging
import logging.handlers

THREADS = 8
PER_THREAD = 300


class CharStream:
    """Appends one character at a time: concurrent writes would interleave."""
    def __init__(self):
        self.chars = []
        self.flushes = 0

    def write(self, text):
        for ch in text:
            self.chars.append(ch)

    def flush(self):
        self.flushes += 1

    def lines(self):
        return ''.join(self.chars).splitlines()


stream = CharStream()
handler = logging.StreamHandler(stream)
handler.setFormatter(logging.Formatter('%(threadName)s|%(name)s|%(levelname)s|%(message)s'))
log = logging.getLogger('mt')
log.setLevel(logging.DEBUG)
log.propagate = False
log.addHandler(handler)
start = threading.Barrier(THREADS)


def worker(n):
    child = logging.getLogger('mt.w%d' % n)
    start.wait()
    for i in range(PER_THREAD):
        if i % 3 == 0:
            child.info('thread %d message %d payload %s', n, i, 'x' * (i % 17))
        elif i % 3 == 1:
            child.warning('thread %d message %d payload %s', n, i, 'y' * (i % 13))
        else:
            child.debug('thread %d message %d payload %s', n, i, 'z' * (i % 7))


threads = [threading.Thread(target=worker, args=(n,), name='T%d' % n)
           for n in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

lines = stream.lines()
print('lines', len(lines), len(lines) == THREADS * PER_THREAD)
bad = 0
seen = {}
for line in lines:
    parts = line.split('|')
    if len(parts) != 4:
        bad += 1
        continue
    tname, lname, level, msg = parts
    words = msg.split(' ')
    if len(words) != 6:
        bad += 1
        continue
    if not (words[1].isdigit() and words[3].isdigit()):
        bad += 1
        continue
    n, i = int(words[1]), int(words[3])
    expect_level = ('INFO', 'WARNING', 'DEBUG')[i % 3]
    expect_pad = ('x' * (i % 17), 'y' * (i % 13), 'z' * (i % 7))[i % 3]
    if (tname != 'T%d' % n or lname != 'mt.w%d' % n or level != expect_level
            or words[5] != expect_pad):
        bad += 1
        continue
    seen.setdefault(n, []).append(i)
print('malformed', bad)
print('per thread', sorted((n, len(v)) for n, v in seen.items()))
print('in order', all(v == sorted(v) for v in seen.values()))
print('flushed', stream.flushes >= THREADS * PER_THREAD)

# --- the tree built from many threads ---
got = [[] for _ in range(THREADS)]
names = ['tree.%d.%d' % (a, b) for a in range(5) for b in range(5)] + ['tree.%d' % a for a in range(5)]


def build(n):
    start.wait()
    order = names[n:] + names[:n]
    for name in order:
        got[n].append((name, logging.getLogger(name)))


threads = [threading.Thread(target=build, args=(n,)) for n in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
same = all(dict(got[0])[name] is dict(g)[name] for g in got for name in names)
print('one logger per name', same)
parents_ok = all(logging.getLogger('tree.%d.%d' % (a, b)).parent is logging.getLogger('tree.%d' % a)
                 for a in range(5) for b in range(5))
was_root = logging.getLogger('tree.0').parent is logging.root
made = logging.getLogger('tree')
print('parents', parents_ok, was_root, logging.getLogger('tree.0').parent is made,
      made.parent is logging.root)

# --- levels and handlers changing while other threads log ---
counter_lock = threading.Lock()


class Counting(logging.Handler):
    def __init__(self):
        super().__init__()
        self.count = 0

    def emit(self, record):
        self.count += 1          # emit() runs under the handler's lock


counting = Counting()
busy = logging.getLogger('busy')
busy.propagate = False
busy.addHandler(counting)
busy.setLevel(logging.INFO)
stop = threading.Event()
logged = [0] * THREADS


def chatter(n):
    start.wait()
    for i in range(400):
        busy.error('err %d', i)
        logged[n] += 1


def fiddler():
    extra = logging.NullHandler()
    for i in range(200):
        busy.setLevel(logging.DEBUG if i % 2 else logging.WARNING)
        busy.addHandler(extra)
        busy.removeHandler(extra)


threads = [threading.Thread(target=chatter, args=(n,)) for n in range(THREADS - 1)]
threads.append(threading.Thread(target=lambda: (start.wait(), fiddler())))
for t in threads:
    t.start()
for t in threads:
    t.join()
print('counted', counting.count, sum(logged), counting.count == sum(logged))
print('handlers left', busy.handlers == [counting])

# --- a queue between threads ---
q = queue.Queue()
qh = logging.handlers.QueueHandler(q)
qlog = logging.getLogger('queued')
qlog.propagate = False
qlog.addHandler(qh)
sink_stream = io.StringIO()
sink = logging.StreamHandler(sink_stream)
sink.setFormatter(logging.Formatter('%(message)s'))
listener = logging.handlers.QueueListener(q, sink)
listener.start()


def producer(n):
    start.wait()
    for i in range(200):
        qlog.warning('p%d-%d', n, i)


threads = [threading.Thread(target=producer, args=(n,)) for n in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
listener.stop()
got_lines = sink_stream.getvalue().splitlines()
print('queued', len(got_lines), len(set(got_lines)) == THREADS * 200)
by_producer = {}
for line in got_lines:
    n, i = line[1:].split('-')
    by_producer.setdefault(int(n), []).append(int(i))
print('queue order kept', all(v == list(range(200)) for v in by_producer.values()))
