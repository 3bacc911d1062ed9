# stdlib/py/_compression.py: what bz2.BZ2File and lzma.LZMAFile share: a
# reader of the concatenated compressed streams in a file (DecompressReader)
# and a binary file object over it, buffered as CPython's io.BufferedReader
# buffers (8192-byte refills, read1 and peek as it does), or writing through
# a compressor (CompressedFile).  torii has no io.BufferedReader over a
# Python raw stream, so the buffering is done here.  As in CPython one
# thread at a time uses a file object; the (de)compressors under it lock
# themselves.

import io
import sys
from _iobase import BufferedIOBase

BUFFER_SIZE = io.DEFAULT_BUFFER_SIZE

_MODE_CLOSED, _MODE_READ, _MODE_WRITE = 0, 1, 3


class DecompressReader:
    """Decompressed bytes of the streams in `fp`, one after the other; data
    after the last stream that `trailing_error` rejects is ignored."""

    def __init__(self, fp, decomp_factory, trailing_error=(), **decomp_args):
        self._fp = fp
        self._factory = decomp_factory
        self._args = decomp_args
        self._trailing = trailing_error
        self._dec = decomp_factory(**decomp_args)
        self._eof = False
        self.pos = 0       # decompressed bytes handed out
        self.size = -1     # the total, once the end was reached

    def seekable(self):
        return self._fp.seekable()

    def read(self, size):
        """At most `size` (> 0) bytes from one decompression step; b'' at
        the end."""
        if self._eof or size <= 0:
            return b""
        while True:
            dec = self._dec
            if dec.eof:
                raw = dec.unused_data or self._fp.read(BUFFER_SIZE)
                if not raw:
                    break
                self._dec = self._factory(**self._args)
                try:
                    data = self._dec.decompress(raw, size)
                except self._trailing:
                    break      # not another stream: ignored, as CPython does
            else:
                if dec.needs_input:
                    raw = self._fp.read(BUFFER_SIZE)
                    if not raw:
                        raise EOFError("Compressed file ended before the "
                                       "end-of-stream marker was reached")
                else:
                    raw = b""
                data = dec.decompress(raw, size)
            if data:
                self.pos += len(data)
                return data
        self._eof = True
        self.size = self.pos
        return b""

    def rewind(self):
        self._fp.seek(0)
        self._eof = False
        self.pos = 0
        self._dec = self._factory(**self._args)

    def close(self):
        self._dec = None


def _index(size, what="Integer argument expected"):
    if not isinstance(size, int):
        if not hasattr(size, "__index__"):
            raise TypeError(what)
        size = size.__index__()
    return size


def _size_or_none(size):
    # io.BufferedReader's words for a size argument
    if size is None:
        return -1
    return _index(size, "argument should be integer or None, not '%s'"
                  % type(size).__name__)


class CompressedFile(BufferedIOBase):
    """A file of compressed data, opened for reading (`_reader`, a
    DecompressReader, and the buffer `_buf` of bytes read from it but not
    yet handed out) or for writing (`_compressor`).  Subclasses set `_fp`,
    `_closefp` and `_mode` in __init__ and call `_start_reading` or
    `_start_writing`."""

    _fp = None
    _closefp = False
    _mode = _MODE_CLOSED
    _reader = None
    _compressor = None
    # BZ2File checks readline/readlines sizes itself ("Integer argument
    # expected"); LZMAFile leaves them to the buffer (None means no limit)
    _check_sizes = False

    def _start_reading(self, factory, trailing_error, **args):
        self._reader = DecompressReader(self._fp, factory, trailing_error, **args)
        self._buf = b""

    def _start_writing(self, compressor):
        self._compressor = compressor
        self._pos = 0

    # ---- state checks, with CPython's messages ----

    @property
    def closed(self):
        return self._mode == _MODE_CLOSED

    def _check_not_closed(self):
        if self.closed:
            raise ValueError("I/O operation on closed file")

    def _check_can_read(self):
        if not self.readable():
            raise io.UnsupportedOperation("File not open for reading")

    def _check_can_write(self):
        if not self.writable():
            raise io.UnsupportedOperation("File not open for writing")

    def _check_can_seek(self):
        if not self.readable():
            raise io.UnsupportedOperation("Seeking is only supported "
                                          "on files open for reading")
        if not self.seekable():
            raise io.UnsupportedOperation("The underlying file object "
                                          "does not support seeking")

    def close(self):
        if self._mode == _MODE_CLOSED:
            return
        try:
            if self._mode == _MODE_READ:
                self._reader.close()
                self._reader, self._buf = None, b""
            elif self._mode == _MODE_WRITE:
                self._fp.write(self._compressor.flush())
                self._compressor = None
        finally:
            try:
                if self._closefp:
                    self._fp.close()
            finally:
                self._fp = None
                self._closefp = False
                self._mode = _MODE_CLOSED

    @property
    def name(self):
        self._check_not_closed()
        return self._fp.name

    @property
    def mode(self):
        return "wb" if self._mode == _MODE_WRITE else "rb"

    def fileno(self):
        self._check_not_closed()
        return self._fp.fileno()

    def seekable(self):
        return self.readable() and self._reader.seekable()

    def readable(self):
        self._check_not_closed()
        return self._mode == _MODE_READ

    def writable(self):
        self._check_not_closed()
        return self._mode == _MODE_WRITE

    # ---- reading: the buffer ----

    def peek(self, n=0):
        """The buffered bytes (refilled with up to 8192 when empty)."""
        self._check_can_read()
        if not self._buf:
            self._buf = self._reader.read(BUFFER_SIZE)
        return self._buf

    def read(self, size=-1):
        self._check_can_read()
        if size is None or size < 0:
            parts = [self._buf]
            self._buf = b""
            while True:
                chunk = self._reader.read(sys.maxsize)
                if not chunk:
                    break
                parts.append(chunk)
            return b"".join(parts)
        if size <= len(self._buf):
            data, self._buf = self._buf[:size], self._buf[size:]
            return data
        parts, have = [self._buf], len(self._buf)
        self._buf = b""
        while have < size:
            want = size - have
            if want >= BUFFER_SIZE:
                chunk = self._reader.read(want)
            else:
                chunk = self._reader.read(BUFFER_SIZE)
                if len(chunk) > want:
                    chunk, self._buf = chunk[:want], chunk[want:]
            if not chunk:
                break
            parts.append(chunk)
            have += len(chunk)
        return b"".join(parts)

    def read1(self, size=-1):
        self._check_can_read()
        if size is None or size < 0:
            size = BUFFER_SIZE
        if size == 0:
            return b""
        if self._buf:
            data, self._buf = self._buf[:size], self._buf[size:]
            return data
        return self._reader.read(size)

    def readinto(self, b):
        self._check_can_read()
        with memoryview(b) as view:
            data = self.read(view.nbytes)
        b[:len(data)] = data
        return len(data)

    def readinto1(self, b):
        self._check_can_read()
        with memoryview(b) as view:
            data = self.read1(view.nbytes)
        b[:len(data)] = data
        return len(data)

    def readline(self, size=-1):
        self._check_can_read()
        size = _index(size) if self._check_sizes else _size_or_none(size)
        parts, have = [], 0
        while size < 0 or have < size:
            if not self._buf:
                self._buf = self._reader.read(BUFFER_SIZE)
                if not self._buf:
                    break
            buf = self._buf
            end = buf.find(b"\n") + 1 or len(buf)
            if size >= 0:
                end = min(end, size - have)
            parts.append(buf[:end])
            self._buf = buf[end:]
            have += end
            if parts[-1].endswith(b"\n"):
                break
        return b"".join(parts)

    def readlines(self, size=-1):
        self._check_can_read()
        return super().readlines(_index(size) if self._check_sizes else _size_or_none(size))

    def tell(self):
        self._check_not_closed()
        if self._mode == _MODE_READ:
            return self._reader.pos - len(self._buf)
        return self._pos

    def seek(self, offset, whence=io.SEEK_SET):
        self._check_can_seek()
        offset = _index(offset, "'%s' object cannot be interpreted as an integer"
                        % type(offset).__name__)
        if whence not in (0, 1, 2):
            raise ValueError("whence value %d unsupported" % whence)
        reader = self._reader
        if whence == 1:
            offset += self.tell()
        elif whence == 2:
            while self.read(BUFFER_SIZE):
                pass
            offset += reader.size
        here = self.tell()
        if offset < here:
            reader.rewind()
            self._buf = b""
        elif offset - here <= len(self._buf):
            self._buf = self._buf[offset - here:]
            return self.tell()
        else:
            self._buf = b""
        skip = offset - reader.pos
        while skip > 0:
            data = reader.read(min(BUFFER_SIZE, skip))
            if not data:
                break
            skip -= len(data)
        return self.tell()

    # ---- writing ----

    def write(self, data):
        self._check_can_write()
        if isinstance(data, (bytes, bytearray)):
            length = len(data)
        else:
            data = memoryview(data)
            length = data.nbytes
        self._fp.write(self._compressor.compress(data))
        self._pos += length
        return length
