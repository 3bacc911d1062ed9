# Shared stream plumbing for gzip, zipfile and tarfile: a base class for binary
# streams (io.BufferedIOBase with per-operation closed-file messages), a
# buffered reader over it and a small text wrapper.

import io

BUFSIZE = 64 * 1024


class StreamBase(io.BufferedIOBase):
    """A binary stream whose subclasses set the closed flag (`_closed`) in
    their own close(); `_closed_msgs` maps an operation to its closed-file
    message (else `_closed_msg`)."""
    _closed_msg = "I/O operation on closed file."
    _closed_msgs = {}

    def _check_open(self, op=None):
        self._checkClosed(self._closed_msgs.get(op, self._closed_msg))


class ReaderBase(StreamBase):
    """A buffered binary reader over `_fill(n)` (next chunk, b'' at EOF);
    seeking backwards calls `_rewind()` and reads forward again."""
    _rbuf = b""
    _pos = 0
    _whence_msg = "whence value {} unsupported"

    def _fill(self, n):
        raise NotImplementedError

    def _rewind(self):
        raise io.UnsupportedOperation("seek")

    def _check_read(self, op="read"):
        self._check_open(op)
        if not self.readable():
            raise io.UnsupportedOperation("File not open for reading")

    def readable(self):
        return True

    def read(self, size=-1):
        self._check_read()
        if size is None or size < 0:
            parts = [self._rbuf]
            while True:
                chunk = self._fill(BUFSIZE)
                if not chunk:
                    break
                parts.append(chunk)
            data, self._rbuf = b"".join(parts), b""
        else:
            parts, have = [self._rbuf], len(self._rbuf)
            while have < size:
                chunk = self._fill(max(size - have, BUFSIZE))
                if not chunk:
                    break
                parts.append(chunk)
                have += len(chunk)
            buf = b"".join(parts)
            data, self._rbuf = buf[:size], buf[size:]
        self._pos += len(data)
        return data

    def read1(self, size=-1):
        self._check_read()
        if not self._rbuf:
            self._rbuf = self._fill(BUFSIZE if size is None or size <= 0 else size)
        if size is None or size < 0:
            size = len(self._rbuf)
        data, self._rbuf = self._rbuf[:size], self._rbuf[size:]
        self._pos += len(data)
        return data

    def peek(self, n=1):
        self._check_read()
        if not self._rbuf:
            self._rbuf = self._fill(BUFSIZE)
        return self._rbuf

    def readline(self, size=-1):
        self._check_read()
        if size is None:
            size = -1
        parts, have = [], 0
        while size < 0 or have < size:
            chunk = self.peek()
            if not chunk:
                break
            end = chunk.find(b"\n") + 1 or len(chunk)
            if size >= 0:
                end = min(end, size - have)
            parts.append(self.read(end))
            have += end
            if parts[-1].endswith(b"\n"):
                break
        return b"".join(parts)

    def tell(self):
        self._check_open("tell")
        return self._pos

    def seek(self, offset, whence=0):
        self._check_read("seek")
        if not self.seekable():
            raise io.UnsupportedOperation("underlying stream is not seekable")
        if whence == 1:
            offset += self._pos
        elif whence == 2:
            offset += self._size_for_seek()
        elif whence != 0:
            raise ValueError(self._whence_msg.format(whence))
        offset = max(offset, 0)
        if offset < self._pos:
            self._rewind()
            self._rbuf, self._pos = b"", 0
        while self._pos < offset and self.read(min(offset - self._pos, BUFSIZE)):
            pass
        return self._pos

    def _size_for_seek(self):
        while self.read(BUFSIZE):
            pass
        return self._pos


class TextWrapper(io.TextIOBase):
    """Text layer over a binary stream (decodes/encodes whole, torii has no
    incremental codecs); newline=None reads universal newlines."""

    def __init__(self, raw, encoding=None, errors=None, newline=None,
                 write=False):
        self._raw, self._write = raw, write
        self.encoding = encoding or "utf-8"
        self.errors = errors or "strict"
        self._newline = newline
        self._text = None

    def _load(self):
        if self._text is None:
            text = self._raw.read().decode(self.encoding, self.errors)
            if self._newline is None:
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            self._text = io.StringIO(text, newline="")
        return self._text

    def read(self, size=-1):
        return self._load().read(size)

    def readline(self, size=-1):
        return self._load().readline(size)

    def write(self, s):
        if self._newline not in (None, "", "\n"):
            s = s.replace("\n", self._newline)
        self._raw.write(s.encode(self.encoding, self.errors))
        return len(s)

    def readable(self):
        return not self._write

    def writable(self):
        return self._write

    def flush(self):
        self._raw.flush()

    @property
    def closed(self):
        return self._raw.closed

    def close(self):
        self._raw.close()
