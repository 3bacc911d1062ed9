"""More handlers for the logging package (torii's implementation).

Files that roll over by size or by time, a file watched for replacement,
buffering handlers (BufferingHandler, MemoryHandler) and the queue pair
(QueueHandler feeding a QueueListener that runs the real handlers on a
thread of its own).  The network handlers of CPython's module (socket,
datagram, syslog, SMTP, HTTP, NT event log) need modules torii does not
have and are not provided.
"""

import io
import os
import re
import sys
import time
import threading
import copy
import logging

_FileHandler = logging.FileHandler
_Handler = logging.Handler

# Ports of the network handlers, kept for programs that only refer to them.
DEFAULT_TCP_LOGGING_PORT = 9020
DEFAULT_UDP_LOGGING_PORT = 9021
DEFAULT_HTTP_LOGGING_PORT = 9022
DEFAULT_SOAP_LOGGING_PORT = 9023
SYSLOG_UDP_PORT = 514
SYSLOG_TCP_PORT = 514

_DAY = 24 * 60 * 60


def _stat_identity(path):
    # (device, inode) of a file where the runtime can tell, else None.
    stat = getattr(os, 'stat', None)
    if stat is None:
        return None
    try:
        info = stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _mtime(path):
    stat = getattr(os, 'stat', None)
    if stat is None:
        return None
    try:
        return int(stat(path).st_mtime)
    except OSError:
        return None


class BaseRotatingHandler(_FileHandler):
    """A file handler that may move its file aside before writing a record.

    Subclasses decide when (shouldRollover) and how (doRollover).  The
    names of moved files go through `namer` and the moves through
    `rotator` when those are set to callables."""

    namer = None
    rotator = None

    def __init__(self, filename, mode, encoding=None, delay=False, errors=None):
        super().__init__(filename, mode=mode, encoding=encoding, delay=delay, errors=errors)
        self.mode, self.encoding, self.errors = mode, encoding, errors

    def emit(self, record):
        try:
            due = self.shouldRollover(record)
            if due:
                self.doRollover()
            _FileHandler.emit(self, record)
        except Exception:
            self.handleError(record)

    def rotation_filename(self, default_name):
        """The name a rotated file gets: namer(default_name) when a namer
        is set."""
        if callable(self.namer):
            return self.namer(default_name)
        return default_name

    def rotate(self, source, dest):
        """Move `source` to `dest` (through `rotator` when it is set)."""
        if callable(self.rotator):
            self.rotator(source, dest)
        elif os.path.exists(source):
            os.rename(source, dest)

    def _not_regular_file(self):
        # Devices, pipes and directories are never rolled over.
        base = self.baseFilename
        return os.path.exists(base) and not os.path.isfile(base)


class RotatingFileHandler(BaseRotatingHandler):
    """Starts a new file when the current one would grow past maxBytes,
    keeping backupCount old ones as NAME.1 (the newest) ... NAME.n."""

    def __init__(self, filename, mode='a', maxBytes=0,
                 backupCount=0, encoding=None, delay=False, errors=None):
        # Truncating on open would defeat the size limit: append instead.
        if maxBytes > 0:
            mode = 'a'
        if "b" not in mode:
            encoding = logging._text_encoding(encoding)
        super().__init__(filename, mode, encoding, delay, errors)
        self.maxBytes, self.backupCount = maxBytes, backupCount

    def doRollover(self):
        """Close the file, shift the backups up by one and start afresh."""
        if self.stream:
            self.stream.close()
            self.stream = None
        if self.backupCount > 0:
            base = self.baseFilename
            for n in range(self.backupCount - 1, 0, -1):
                older = self.rotation_filename("%s.%d" % (base, n))
                newer = self.rotation_filename("%s.%d" % (base, n + 1))
                if os.path.exists(older):
                    if os.path.exists(newer):
                        os.remove(newer)
                    os.rename(older, newer)
            first = self.rotation_filename(base + ".1")
            if os.path.exists(first):
                os.remove(first)
            self.rotate(base, first)
        if not self.delay:
            self.stream = self._open()

    def shouldRollover(self, record):
        """Whether writing `record` would take the file to maxBytes."""
        if self._not_regular_file():
            return False
        if self.stream is None:
            self.stream = self._open()
        if self.maxBytes <= 0:
            return False
        size_now = self.stream.tell()
        if not size_now:
            # An empty file is never rolled over, however long the record.
            return False
        pending = "%s\n" % self.format(record)
        return size_now + len(pending) >= self.maxBytes


# when -> (seconds per unit, strftime suffix, regular expression of the
# suffix as it appears in rotated file names)
_ROLL_UNITS = {
    'S': (1, "%Y-%m-%d_%H-%M-%S", r"\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}"),
    'M': (60, "%Y-%m-%d_%H-%M", r"\d{4}-\d{2}-\d{2}_\d{2}-\d{2}"),
    'H': (60 * 60, "%Y-%m-%d_%H", r"\d{4}-\d{2}-\d{2}_\d{2}"),
    'D': (_DAY, "%Y-%m-%d", r"\d{4}-\d{2}-\d{2}"),
    'MIDNIGHT': (_DAY, "%Y-%m-%d", r"\d{4}-\d{2}-\d{2}"),
    'W': (7 * _DAY, "%Y-%m-%d", r"\d{4}-\d{2}-\d{2}"),
}


class TimedRotatingFileHandler(BaseRotatingHandler):
    """Starts a new file at fixed times: every `interval` seconds ('S'),
    minutes ('M'), hours ('H') or days ('D'), at midnight ('MIDNIGHT') or
    on a weekday ('W0' Monday ... 'W6' Sunday), optionally at `atTime` (a
    datetime.time).  Old files are named with the time their period began
    and at most backupCount of them are kept."""

    def __init__(self, filename, when='h', interval=1,
                 backupCount=0, encoding=None, delay=False, utc=False,
                 atTime=None, errors=None):
        encoding = logging._text_encoding(encoding)
        super().__init__(filename, 'a', encoding, delay, errors)
        self.when = when.upper()
        self.backupCount = backupCount
        self.utc = utc
        self.atTime = atTime
        unit_key = self.when
        if unit_key.startswith('W'):
            if len(unit_key) != 2:
                raise ValueError("You must specify a day for weekly rollover from "
                                 f"0 to 6 (0 is Monday): {self.when}")
            if not "0" <= unit_key[1] <= "6":
                raise ValueError(f"Invalid day specified for weekly rollover: {self.when}")
            self.dayOfWeek = int(unit_key[1])
            unit_key = 'W'
        elif unit_key not in _ROLL_UNITS or unit_key == 'W':
            raise ValueError(f"Invalid rollover interval specified: {self.when}")
        unit, self.suffix, pattern = _ROLL_UNITS[unit_key]
        self.extMatch = re.compile(r"(?<!\d)" + pattern + r"(?!\d)", re.ASCII)
        self.interval = unit * interval
        start = _mtime(self.baseFilename) if os.path.exists(self.baseFilename) else None
        if start is None:
            start = int(time.time())
        self.rolloverAt = self.computeRollover(start)

    def _tuple(self, t):
        return time.gmtime(t) if self.utc else time.localtime(t)

    def computeRollover(self, currentTime):
        """The time of the first rollover after `currentTime`."""
        if not (self.when == 'MIDNIGHT' or self.when.startswith('W')):
            return currentTime + self.interval
        now = self._tuple(currentTime)
        if self.atTime is None:
            target = _DAY
        else:
            at = self.atTime
            target = (at.hour * 60 + at.minute) * 60 + at.second
        into_day = (now.tm_hour * 60 + now.tm_min) * 60 + now.tm_sec
        wait = target - into_day
        weekday = now.tm_wday
        if wait <= 0:
            # Today's moment has passed: the next one is tomorrow's.
            wait += _DAY
            weekday = (weekday + 1) % 7
        due = currentTime + wait
        if self.when.startswith('W'):
            days_ahead = (self.dayOfWeek - weekday) % 7
            due += days_ahead * _DAY
            due += self.interval - 7 * _DAY
        else:
            due += self.interval - _DAY
        if not self.utc:
            # Keep the wall-clock time across a daylight-saving change.
            dst_now = now[-1]
            dst_then = time.localtime(due)[-1]
            if dst_now != dst_then:
                due += 3600 if dst_now else -3600
        return due

    def shouldRollover(self, record):
        """Whether the current period has ended."""
        now = int(time.time())
        if now < self.rolloverAt:
            return False
        if self._not_regular_file():
            # Never roll a device or pipe; just plan the next check.
            self.rolloverAt = self.computeRollover(now)
            return False
        return True

    def getFilesToDelete(self):
        """The rotated files beyond the backupCount newest, oldest first."""
        folder, base = os.path.split(self.baseFilename)
        found = []
        if self.namer is None:
            lead = base + '.'
            for entry in os.listdir(folder):
                if entry.startswith(lead) and self.extMatch.fullmatch(entry[len(lead):]):
                    found.append(os.path.join(folder, entry))
        else:
            # With a namer the suffix may sit anywhere after the stem.
            stem, ext = os.path.splitext(base)
            lead = stem + '.'
            for entry in os.listdir(folder):
                if not entry.startswith(lead):
                    continue
                if any(self.extMatch.fullmatch(piece)
                       for piece in entry[len(lead):].split('.')):
                    found.append(os.path.join(folder, entry))
        if len(found) < self.backupCount:
            return []
        found.sort()
        return found[:len(found) - self.backupCount]

    def doRollover(self):
        """Close the file, rename it after the period that just ended,
        drop surplus backups and plan the next rollover."""
        now = int(time.time())
        began = self.rolloverAt - self.interval
        stamp = self._tuple(began)
        if not self.utc:
            dst_now = time.localtime(now)[-1]
            if dst_now != stamp[-1]:
                stamp = time.localtime(began + (3600 if dst_now else -3600))
        target = self.rotation_filename(
            self.baseFilename + "." + time.strftime(self.suffix, stamp))
        if os.path.exists(target):
            # Rolled over already (another handler on the same file).
            self.rolloverAt = self.computeRollover(now)
            return
        if self.stream:
            self.stream.close()
            self.stream = None
        self.rotate(self.baseFilename, target)
        if self.backupCount > 0:
            for old in self.getFilesToDelete():
                os.remove(old)
        if not self.delay:
            self.stream = self._open()
        self.rolloverAt = self.computeRollover(now)


class WatchedFileHandler(_FileHandler):
    """A file handler that reopens its file when it has been moved or
    deleted (by logrotate, say) since the last record."""

    def __init__(self, filename, mode='a', encoding=None,
                 delay=False, errors=None):
        if "b" not in mode:
            encoding = logging._text_encoding(encoding)
        super().__init__(filename, mode, encoding, delay, errors)
        self.dev, self.ino = -1, -1
        self._statstream()

    def _statstream(self):
        if self.stream is None:
            return
        ident = _stat_identity(self.baseFilename)
        if ident is not None:
            self.dev, self.ino = ident

    def reopenIfNeeded(self):
        """Reopen the file if the name now leads to another file (or to
        none)."""
        if self.stream is None:
            return
        if not os.path.exists(self.baseFilename):
            replaced = True
        else:
            ident = _stat_identity(self.baseFilename)
            replaced = ident is not None and ident != (self.dev, self.ino)
        if not replaced:
            return
        self.stream.flush()
        self.stream.close()
        self.stream = None
        self.stream = self._open()
        self._statstream()

    def emit(self, record):
        self.reopenIfNeeded()
        super().emit(record)


class BufferingHandler(_Handler):
    """Keeps records in `buffer` and flushes when shouldFlush() says so
    (by default: once `capacity` records are held)."""

    def __init__(self, capacity):
        super().__init__()
        self.capacity = capacity
        self.buffer = []

    def shouldFlush(self, record):
        return len(self.buffer) >= self.capacity

    def emit(self, record):
        self.buffer.append(record)
        if self.shouldFlush(record):
            self.flush()

    def flush(self):
        """Drop the buffered records (subclasses send them somewhere)."""
        with self.lock:
            self.buffer.clear()

    def close(self):
        try:
            self.flush()
        finally:
            _Handler.close(self)


class MemoryHandler(BufferingHandler):
    """Buffers records and hands them all to `target` when the buffer is
    full or a record at flushLevel or above arrives."""

    def __init__(self, capacity, flushLevel=logging.ERROR,
                 target=None, flushOnClose=True):
        super().__init__(capacity)
        self.flushLevel = flushLevel
        self.target, self.flushOnClose = target, flushOnClose

    def shouldFlush(self, record):
        return (len(self.buffer) >= self.capacity
                or record.levelno >= self.flushLevel)

    def setTarget(self, target):
        with self.lock:
            self.target = target

    def flush(self):
        """Send the buffered records to the target, if there is one (they
        stay buffered otherwise)."""
        with self.lock:
            if self.target:
                for rec in self.buffer:
                    self.target.handle(rec)
                self.buffer.clear()

    def close(self):
        try:
            if self.flushOnClose:
                self.flush()
        finally:
            with self.lock:
                self.target = None
                BufferingHandler.close(self)


class QueueHandler(_Handler):
    """Puts records on a queue (anything with put_nowait), for a
    QueueListener or other consumer to handle elsewhere."""

    def __init__(self, queue):
        super().__init__()
        self.queue = queue
        self.listener = None

    def enqueue(self, record):
        self.queue.put_nowait(record)

    def prepare(self, record):
        """A copy of `record` that is safe to pass on: the message is
        formatted now (exception text included) and the arguments, which
        may not survive the trip, are dropped."""
        text = self.format(record)
        out = copy.copy(record)
        out.message = text
        out.msg = text
        out.args = None
        out.exc_info = None
        out.exc_text = None
        out.stack_info = None
        return out

    def emit(self, record):
        try:
            ready = self.prepare(record)
            self.enqueue(ready)
        except Exception:
            self.handleError(record)


class QueueListener:
    """Takes records off `queue` on a thread of its own and passes them to
    `handlers` (only to those whose level they reach, when
    respect_handler_level is true)."""

    _sentinel = None

    def __init__(self, queue, *handlers,
                 respect_handler_level=False):
        self.queue, self.handlers = queue, handlers
        self._thread, self.respect_handler_level = None, respect_handler_level

    def dequeue(self, block):
        return self.queue.get(block)

    def start(self):
        """Start the thread that takes records off the queue."""
        worker = threading.Thread(target=self._monitor)
        worker.daemon = True
        self._thread = worker
        worker.start()

    def prepare(self, record):
        """Hook: the record as the handlers get it."""
        return record

    def handle(self, record):
        record = self.prepare(record)
        for hdlr in self.handlers:
            if self.respect_handler_level and record.levelno < hdlr.level:
                continue
            hdlr.handle(record)

    def _monitor(self):
        q = self.queue
        done = getattr(q, 'task_done', None)
        while True:
            item = self.dequeue(True)
            if item is self._sentinel:
                if done is not None:
                    done()
                return
            self.handle(item)
            if done is not None:
                done()

    def enqueue_sentinel(self):
        """Tell the thread to stop once the records before this are done."""
        stop_mark = self._sentinel
        self.queue.put_nowait(stop_mark)

    def stop(self):
        """Handle what is queued, then stop the thread and wait for it."""
        if self._thread:
            self.enqueue_sentinel()
            self._thread.join()
            self._thread = None
