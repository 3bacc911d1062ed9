# stdlib/py/_iobase.py: io's abstract base classes IOBase, RawIOBase,
# BufferedIOBase and TextIOBase, exported by io (stdlib/py/io.py).  They live
# apart from io.py because io's C part imports _stringio, whose StringIO
# derives from TextIOBase, before io.py runs.
#
# The closed flag is the attribute `_closed` (False until close()); a stream
# that keeps its state elsewhere overrides `closed` instead.  As in CPython,
# what IOBase itself checks says "I/O operation on closed file."; a subclass's
# own methods may word it otherwise (_checkClosed(msg)).

from abc import ABCMeta

DEFAULT_BUFFER_SIZE = 8192


def _unsupported(what):
    import io       # done importing by the time a stream is used
    return io.UnsupportedOperation(what)


def _copy_into(b, data):
    b[:len(data)] = data
    return len(data)


class IOBase(metaclass=ABCMeta):
    """The base class of all I/O classes: closing, iteration over lines,
    and the defaults of a stream that can neither read, write nor seek."""

    __module__ = 'io'
    _closed = False

    @property
    def closed(self):
        return self._closed

    def _checkClosed(self, msg=None):
        if self.closed:
            raise ValueError('I/O operation on closed file.' if msg is None else msg)

    def close(self):
        """Flush and close the stream; a second call does nothing."""
        if not self._closed:
            try:
                self.flush()
            finally:
                self._closed = True

    def __del__(self):
        try:
            if not self.closed:
                self.close()
        except Exception:
            pass

    def flush(self):
        self._checkClosed()

    def seek(self, pos, whence=0):
        raise _unsupported('seek')

    def tell(self):
        return self.seek(0, 1)

    def truncate(self, pos=None):
        raise _unsupported('truncate')

    def fileno(self):
        raise _unsupported('fileno')

    def isatty(self):
        self._checkClosed()
        return False

    def readable(self):
        return False

    def writable(self):
        return False

    def seekable(self):
        return False

    def __enter__(self):
        self._checkClosed()
        return self

    def __exit__(self, *exc_info):
        self.close()

    def __iter__(self):
        self._checkClosed()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readline(self, size=-1):
        """Bytes up to and including the next b'\\n' (at most `size`), read
        a byte at a time, or up to what peek() shows where there is one."""
        if size is None:
            size = -1
        peek = getattr(self, 'peek', None)
        line = bytearray()
        while size < 0 or len(line) < size:
            n = 1
            if peek is not None:
                ahead = peek(1)
                if ahead:
                    n = ahead.find(b'\n') + 1 or len(ahead)
            if size >= 0:
                n = min(n, size - len(line))
            chunk = self.read(n)
            if not chunk:
                break
            line += chunk
            if line.endswith(b'\n'):
                break
        return bytes(line)

    def readlines(self, hint=-1):
        """The remaining lines; with `hint` > 0, stop once they hold that
        many bytes (or characters)."""
        if hint is None or hint <= 0:
            return list(self)
        lines, total = [], 0
        for line in self:
            lines.append(line)
            total += len(line)
            if total >= hint:
                break
        return lines

    def writelines(self, lines):
        self._checkClosed()
        for line in lines:
            self.write(line)


class RawIOBase(IOBase):
    """Unbuffered binary I/O: subclasses give readinto() and write()."""

    __module__ = 'io'

    def read(self, size=-1):
        if size is None or size < 0:
            return self.readall()
        buf = bytearray(size)
        n = self.readinto(buf)
        return None if n is None else bytes(buf[:n])

    def readall(self):
        """Everything up to EOF, in DEFAULT_BUFFER_SIZE reads; None if the
        first read would block."""
        parts = []
        while True:
            chunk = self.read(DEFAULT_BUFFER_SIZE)
            if not chunk:
                break
            parts.append(chunk)
        if chunk is None and not parts:
            return None
        return b''.join(parts)

    def readinto(self, b):
        raise NotImplementedError

    def write(self, b):
        raise NotImplementedError


class BufferedIOBase(IOBase):
    """Buffered binary I/O: subclasses give read(), read1() and write();
    readinto() and readinto1() are made of those."""

    __module__ = 'io'

    def read(self, size=-1):
        raise _unsupported('read')

    def read1(self, size=-1):
        raise _unsupported('read1')

    def write(self, b):
        raise _unsupported('write')

    def detach(self):
        raise _unsupported('detach')

    def readinto(self, b):
        return _copy_into(b, self.read(len(b)))

    def readinto1(self, b):
        return _copy_into(b, self.read1(len(b)))


class TextIOBase(IOBase):
    """Text I/O: str in and out.  encoding, errors and newlines are None
    unless a subclass (or its instances) set them."""

    __module__ = 'io'
    encoding = errors = newlines = None

    def read(self, size=-1):
        raise _unsupported('read')

    def readline(self, size=-1):
        raise _unsupported('readline')

    def write(self, s):
        raise _unsupported('write')

    def detach(self):
        raise _unsupported('detach')
