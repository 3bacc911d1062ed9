"""_stringio: io.StringIO, an in-memory text stream (torii's own code).

The io module (stdlib/io.c) imports this and exports StringIO.  The text is
kept as one str plus a list of pending appends (writes at the end are the
common case and cost no copy until the value is read); `_pos` is a code
point index, as CPython's StringIO reports from tell().

The shared stream methods (iteration, context manager, readlines, ...) come
from io.TextIOBase (stdlib/py/_iobase.py); StringIO's own closed-file message
is CPython's, without the full stop.

Threads: one StringIO is meant to be used by one thread at a time; its
state is plain attributes, so concurrent use cannot corrupt the runtime, only
interleave the text.
"""


from _iobase import TextIOBase


class StringIO(TextIOBase):
    """Text I/O implementation using an in-memory buffer."""

    def __init__(self, initial_value='', newline='\n'):
        if newline is not None and not isinstance(newline, str):
            raise TypeError('newline must be str or None, not %s' % type(newline).__name__)
        if newline not in (None, '', '\n', '\r', '\r\n'):
            raise ValueError('illegal newline value: %r' % (newline,))
        if initial_value is None:
            initial_value = ''
        if not isinstance(initial_value, str):
            raise TypeError('initial_value must be str or None, not %s' % type(initial_value).__name__)
        self._newline = newline
        self._value = self._translate(initial_value)
        self._pending = []
        self._len = len(self._value)
        self._pos = 0

    def _translate(self, s):
        if self._newline is None:
            return s.replace('\r\n', '\n').replace('\r', '\n')
        if self._newline in ('\r', '\r\n'):
            return s.replace('\n', self._newline)
        return s

    def _check(self):
        if self._closed:
            raise ValueError('I/O operation on closed file')

    def _text(self):
        if self._pending:
            self._value = self._value + ''.join(self._pending)
            self._pending = []
        return self._value

    @property
    def line_buffering(self):
        return False

    def getvalue(self):
        self._check()
        return self._text()

    def write(self, s):
        self._check()
        if not isinstance(s, str):
            raise TypeError('string argument expected, got %r' % type(s).__name__)
        n = len(s)
        s = self._translate(s)
        if self._pos == self._len:
            if s:
                self._pending.append(s)
                self._len += len(s)
                self._pos = self._len
            return n
        text = self._text()
        if self._pos > self._len:
            text = text + '\0' * (self._pos - self._len)
        text = text[:self._pos] + s + text[self._pos + len(s):]
        self._value = text
        self._len = len(text)
        self._pos += len(s)
        return n

    def read(self, size=-1):
        self._check()
        if size is None:
            size = -1
        text = self._text()
        if self._pos >= self._len:
            return ''
        end = self._len if size < 0 else min(self._len, self._pos + size)
        r = text[self._pos:end]
        self._pos = end
        return r

    def readline(self, size=-1):
        self._check()
        if size is None:
            size = -1
        text = self._text()
        if self._pos >= self._len:
            return ''
        i = text.find('\n', self._pos)
        end = self._len if i < 0 else i + 1
        if size >= 0:
            end = min(end, self._pos + size)
        r = text[self._pos:end]
        self._pos = end
        return r

    def seek(self, pos, whence=0):
        self._check()
        if not isinstance(pos, int):
            raise TypeError("'%s' object cannot be interpreted as an integer" % type(pos).__name__)
        if whence == 0:
            if pos < 0:
                raise ValueError('Negative seek position %d' % pos)
            self._pos = pos
        elif whence == 1:
            if pos != 0:
                raise OSError("Can't do nonzero cur-relative seeks")
        elif whence == 2:
            if pos != 0:
                raise OSError("Can't do nonzero end-relative seeks")
            self._pos = self._len
        else:
            raise ValueError('Invalid whence (%d, should be 0, 1 or 2)' % whence)
        return self._pos

    def tell(self):
        self._check()
        return self._pos

    def truncate(self, size=None):
        self._check()
        if size is None:
            size = self._pos
        if size < 0:
            raise ValueError('Negative size value %d' % size)
        if size < self._len:
            self._value = self._text()[:size]
            self._len = size
        return size

    def close(self):
        self._closed = True
        self._value = ''
        self._pending = []

    def readable(self):
        self._check()
        return True

    def writable(self):
        self._check()
        return True

    def seekable(self):
        self._check()
        return True

    def __del__(self):
        pass    # nothing to release: skip IOBase's close on collection

    def __repr__(self):
        return '<_io.StringIO object at 0x%x>' % id(self)


StringIO.__module__ = '_io'
