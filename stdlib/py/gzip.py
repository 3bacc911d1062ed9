# gzip: reading and writing gzip (RFC 1952) files on top of zlib; GzipFile,
# open, compress and decompress, as in CPython 3.13.

import builtins
import os
import struct
import time
import zlib

from _archive_io import BUFSIZE, ReaderBase, TextWrapper

__all__ = ["BadGzipFile", "GzipFile", "open", "compress", "decompress"]

READ, WRITE = "rb", "wb"
FTEXT, FHCRC, FEXTRA, FNAME, FCOMMENT = 1, 2, 4, 8, 16
_COMPRESS_LEVEL_FAST, _COMPRESS_LEVEL_TRADEOFF, _COMPRESS_LEVEL_BEST = 1, 6, 9
_WRITE_BUFFER_SIZE = 4 * 8192
_EOF_MSG = "Compressed file ended before the end-of-stream marker was reached"


class BadGzipFile(OSError):
    """Exception raised in some cases for invalid gzip files."""


def open(filename, mode="rb", compresslevel=_COMPRESS_LEVEL_BEST,
         encoding=None, errors=None, newline=None):
    """Open a gzip file in binary or text mode; returns a GzipFile or text
    stream."""
    if "t" in mode:
        if "b" in mode:
            raise ValueError("Invalid mode: %r" % (mode,))
    else:
        if encoding is not None:
            raise ValueError("Argument 'encoding' not supported in binary mode")
        if errors is not None:
            raise ValueError("Argument 'errors' not supported in binary mode")
        if newline is not None:
            raise ValueError("Argument 'newline' not supported in binary mode")
    gz_mode = mode.replace("t", "")
    if isinstance(filename, (str, bytes)) or hasattr(filename, "__fspath__"):
        binary_file = GzipFile(filename, gz_mode, compresslevel)
    elif hasattr(filename, "read") or hasattr(filename, "write"):
        binary_file = GzipFile(None, gz_mode, compresslevel, filename)
    else:
        raise TypeError("filename must be a str or bytes object, or a file")
    if "t" in mode:
        return TextWrapper(binary_file, encoding, errors, newline,
                           write=binary_file.mode == WRITE)
    return binary_file


def _header(mtime, level, fname=b""):
    xfl = {_COMPRESS_LEVEL_BEST: 2, _COMPRESS_LEVEL_FAST: 4}.get(level, 0)
    flags = FNAME if fname else 0
    head = struct.pack("<BBBBLBB", 0x1F, 0x8B, 8, flags, int(mtime) & 0xFFFFFFFF,
                       xfl, 255)
    return head + (fname + b"\0" if fname else b"")


class _MemberReader:
    """Decompresses the concatenated members of a gzip stream chunk by chunk."""

    def __init__(self, fp, short_crc_msg=False):
        self._fp, self._inbuf, self._short = fp, b"", short_crc_msg
        self._dec, self.last_mtime = None, None

    def _raw(self, n):
        while len(self._inbuf) < n:
            chunk = self._fp.read(BUFSIZE)
            if not chunk:
                break
            self._inbuf += chunk
        data, self._inbuf = self._inbuf[:n], self._inbuf[n:]
        return data

    def _exact(self, n):
        data = self._raw(n)
        if len(data) < n:
            raise EOFError(_EOF_MSG)
        return data

    def _until_nul(self):
        while True:
            c = self._exact(1)
            if c == b"\0":
                return

    def _start_member(self):
        magic = self._raw(2)
        if magic == b"":
            return False
        if magic != b"\037\213":
            raise BadGzipFile("Not a gzipped file (%r)" % magic)
        method, flag, mtime = struct.unpack("<BBI", self._exact(6))
        self._exact(2)
        if method != 8:
            raise BadGzipFile("Unknown compression method")
        if flag & FEXTRA:
            self._exact(struct.unpack("<H", self._exact(2))[0])
        if flag & FNAME:
            self._until_nul()
        if flag & FCOMMENT:
            self._until_nul()
        if flag & FHCRC:
            self._exact(2)
        self.last_mtime = mtime
        self._dec = zlib.decompressobj(-zlib.MAX_WBITS)
        self._crc = self._size = 0
        return True

    def _end_member(self):
        crc, isize = struct.unpack("<II", self._exact(8))
        if crc != self._crc:
            raise BadGzipFile("CRC check failed" + (
                "" if self._short else " %s != %s" % (hex(crc), hex(self._crc))))
        if isize != self._size & 0xFFFFFFFF:
            raise BadGzipFile("Incorrect length of data produced")
        while True:
            c = self._raw(1)
            if c != b"\0":
                self._inbuf = c + self._inbuf
                break
        self._dec = None

    def read(self, n):
        while True:
            if self._dec is None and not self._start_member():
                return b""
            raw = self._inbuf or self._fp.read(BUFSIZE)
            out = self._dec.decompress(raw, n)
            dec = self._dec
            self._inbuf = dec.unused_data if dec.eof else dec.unconsumed_tail
            self._crc = zlib.crc32(out, self._crc)
            self._size += len(out)
            if dec.eof:
                self._end_member()
            elif not raw:
                raise EOFError(_EOF_MSG)
            if out:
                return out


class GzipFile(ReaderBase):
    """A file-like object reading or writing one gzip file."""
    myfileobj = None
    _closed_msg = "I/O operation on closed file"

    def __init__(self, filename=None, mode=None, compresslevel=_COMPRESS_LEVEL_BEST,
                 fileobj=None, mtime=None):
        if mode and ("t" in mode or "U" in mode):
            raise ValueError("Invalid mode: {!r}".format(mode))
        if mode and "b" not in mode:
            mode += "b"
        if fileobj is None:
            fileobj = self.myfileobj = builtins.open(filename, mode or "rb")
        if filename is None:
            filename = getattr(fileobj, "name", "")
            if not isinstance(filename, (str, bytes)):
                filename = ""
        else:
            filename = os.fspath(filename)
        if mode is None:
            mode = getattr(fileobj, "mode", "rb")
        self.fileobj = fileobj
        if mode.startswith("r"):
            self.mode, self._reader = READ, _MemberReader(fileobj)
            self.name = filename
        elif mode.startswith(("w", "a", "x")):
            self.mode, self.name = WRITE, filename
            self._crc = self._size = self._offset = 0
            self._pending, self._npending = [], 0
            self._comp = zlib.compressobj(compresslevel, zlib.DEFLATED,
                                          -zlib.MAX_WBITS, zlib.DEF_MEM_LEVEL, 0)
            self._write_mtime = mtime
            self._write_gzip_header(compresslevel)
        else:
            raise ValueError("Invalid mode: {!r}".format(mode))

    def _write_gzip_header(self, level):
        fname = os.path.basename(self.name)
        if isinstance(fname, str):
            try:
                fname = fname.encode("latin-1")
            except UnicodeEncodeError:
                fname = b""
        if fname.endswith(b".gz"):
            fname = fname[:-3]
        mtime = self._write_mtime
        self.fileobj.write(_header(time.time() if mtime is None else mtime, level, fname))

    @property
    def mtime(self):
        """Last modification time read from the stream, or None."""
        return self._reader.last_mtime if self.mode == READ else None

    def __repr__(self):
        s = repr(self.fileobj)
        return "<gzip " + s[1:-1] + " " + hex(id(self)) + ">"

    def readable(self):
        return self.mode == READ

    def writable(self):
        return self.mode == WRITE

    def seekable(self):
        return True

    def fileno(self):
        return self.fileobj.fileno()

    def _fill(self, n):
        return self._reader.read(n)

    def _rewind(self):
        self.fileobj.seek(0)
        self._reader = _MemberReader(self.fileobj)

    def write(self, data):
        self._check_open()
        if self.mode != WRITE:
            import errno
            raise OSError(errno.EBADF, "write() on read-only GzipFile object")
        if not isinstance(data, (bytes, bytearray)):
            data = memoryview(data).tobytes()
        # buffered like CPython's BufferedWriter, so that offsets match
        self._pending.append(bytes(data))
        self._npending += len(data)
        if self._npending > _WRITE_BUFFER_SIZE:
            self._drain()
        return len(data)

    def _drain(self):
        data = b"".join(self._pending)
        self._pending, self._npending = [], 0
        if data:
            self.fileobj.write(self._comp.compress(data))
            self._size += len(data)
            self._crc = zlib.crc32(data, self._crc)
            self._offset += len(data)

    def flush(self, zlib_mode=zlib.Z_SYNC_FLUSH):
        self._check_open()
        if self.mode == WRITE:
            self._drain()
            self.fileobj.write(self._comp.flush(zlib_mode))
            self.fileobj.flush()

    def tell(self):
        self._check_open()
        if self.mode == WRITE:
            self._drain()
            return self._offset
        return self._pos

    def seek(self, offset, whence=0):
        if self.mode != WRITE:
            return super().seek(offset, whence)
        if whence == 1:
            offset += self._offset
        elif whence != 0:
            raise ValueError("Seek from end not supported")
        if offset < self._offset:
            raise OSError("Negative seek in write mode")
        self.write(b"\0" * (offset - self._offset))
        return self._offset

    def read(self, size=-1):
        if self.mode != READ:
            import errno
            self._check_open()
            raise OSError(errno.EBADF, "read() on write-only GzipFile object")
        return super().read(size)

    def close(self):
        if self._closed or getattr(self, "fileobj", None) is None:
            self._closed = True
            return
        try:
            if self.mode == WRITE:
                self._drain()
                self.fileobj.write(self._comp.flush())
                self.fileobj.write(struct.pack("<II", self._crc, self._size & 0xFFFFFFFF))
        finally:
            self._closed, self.fileobj = True, None
            if self.myfileobj is not None:
                self.myfileobj.close()
                self.myfileobj = None


def compress(data, compresslevel=_COMPRESS_LEVEL_BEST, *, mtime=None):
    """Compress data in one shot and return the gzip-format bytes."""
    body = zlib.compressobj(compresslevel, zlib.DEFLATED, -zlib.MAX_WBITS)
    data = bytes(data)
    return (_header(time.time() if mtime is None else mtime, compresslevel)
            + body.compress(data) + body.flush()
            + struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF))


def decompress(data):
    """Decompress all the gzip members in data and return the bytes."""
    import io
    reader, parts = _MemberReader(io.BytesIO(bytes(data)), True), []
    while True:
        chunk = reader.read(BUFSIZE)
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)


def main():
    import argparse
    import sys
    parser = argparse.ArgumentParser(
        description="A simple command line interface for the gzip module: act like gzip, "
                    "but do not delete the input file.")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--fast", action="store_true", help="compress faster")
    group.add_argument("--best", action="store_true", help="compress better")
    group.add_argument("-d", "--decompress", action="store_true",
                       help="act like gunzip instead of gzip")
    parser.add_argument("args", nargs="*", default=["-"], metavar="file")
    args = parser.parse_args()
    level = _COMPRESS_LEVEL_FAST if args.fast else _COMPRESS_LEVEL_BEST if args.best \
        else _COMPRESS_LEVEL_TRADEOFF
    for arg in args.args:
        if args.decompress:
            if arg == "-":
                sys.exit("gzip: stdin decompression is not supported by torii")
            if not arg.endswith(".gz"):
                sys.exit(f"filename doesn't end in .gz: {arg!r}")
            src, dst = GzipFile(arg, "rb"), builtins.open(arg[:-3], "wb")
        else:
            if arg == "-":
                sys.exit("gzip: stdin compression is not supported by torii")
            src = builtins.open(arg, "rb")
            dst = GzipFile(arg + ".gz", "wb", level)
        with src, dst:
            while chunk := src.read(BUFSIZE):
                dst.write(chunk)


if __name__ == "__main__":
    main()
