# stdlib/py/bz2.py: bzip2 compression as in CPython 3.13: the one-shot
# compress/decompress (several concatenated streams), BZ2File and open(),
# over the C types of stdlib/_bz2.c.  Text mode wraps the binary file in
# _archive_io.TextWrapper (torii's io.TextIOWrapper wraps only real files).

__all__ = ["BZ2File", "BZ2Compressor", "BZ2Decompressor", "open",
           "compress", "decompress"]

import builtins
import os
from _archive_io import TextWrapper
from _bz2 import BZ2Compressor, BZ2Decompressor
from _compression import CompressedFile, _MODE_READ, _MODE_WRITE


class BZ2File(CompressedFile):
    """A file object giving access to a bzip2-compressed file: read, write
    ("w", "x") or append ("a") a binary stream."""

    _check_sizes = True

    def __init__(self, filename, mode="r", *, compresslevel=9):
        self._fp = None
        self._closefp = False
        if not (1 <= compresslevel <= 9):
            raise ValueError("compresslevel must be between 1 and 9")
        if mode in ("", "r", "rb"):
            mode, mode_code = "rb", _MODE_READ
        elif mode in ("w", "wb"):
            mode, mode_code = "wb", _MODE_WRITE
        elif mode in ("x", "xb"):
            mode, mode_code = "xb", _MODE_WRITE
        elif mode in ("a", "ab"):
            mode, mode_code = "ab", _MODE_WRITE
        else:
            raise ValueError("Invalid mode: %r" % (mode,))
        if mode_code == _MODE_WRITE:
            compressor = BZ2Compressor(compresslevel)
        if isinstance(filename, (str, bytes, os.PathLike)):
            self._fp = builtins.open(filename, mode)
            self._closefp = True
        elif hasattr(filename, "read") or hasattr(filename, "write"):
            self._fp = filename
        else:
            raise TypeError("filename must be a str, bytes, file or PathLike object")
        self._mode = mode_code
        if mode_code == _MODE_READ:
            self._start_reading(BZ2Decompressor, OSError)
        else:
            self._start_writing(compressor)


def open(filename, mode="rb", compresslevel=9,
         encoding=None, errors=None, newline=None):
    """Open a bzip2-compressed file in binary or text mode; returns a
    BZ2File, or a text stream over one."""
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
    binary_file = BZ2File(filename, mode.replace("t", ""), compresslevel=compresslevel)
    if "t" in mode:
        return TextWrapper(binary_file, encoding, errors, newline,
                           write=binary_file.writable())
    return binary_file


def compress(data, compresslevel=9):
    """Compress `data` in one shot."""
    comp = BZ2Compressor(compresslevel)
    return comp.compress(data) + comp.flush()


def decompress(data):
    """Decompress `data`, all its concatenated streams."""
    results = []
    while data:
        decomp = BZ2Decompressor()
        try:
            res = decomp.decompress(data)
        except OSError:
            if results:
                break      # trailing data that is not a stream: ignored
            raise
        results.append(res)
        if not decomp.eof:
            raise ValueError("Compressed data ended before the "
                             "end-of-stream marker was reached")
        data = decomp.unused_data
    return b"".join(results)
