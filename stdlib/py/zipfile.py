# zipfile: reading and writing ZIP archives (PKWARE APPNOTE layout) with
# stored and deflated members, zip64, ZipFile/ZipInfo/Path and the CLI.

import io
import os
import os.path as posixpath
import shutil
import stat
import struct
import sys
import threading
import time
import zlib

from _archive_io import ReaderBase, StreamBase, TextWrapper

__all__ = ["BadZipFile", "BadZipfile", "error", "ZIP_STORED", "ZIP_DEFLATED",
           "ZIP_BZIP2", "ZIP_LZMA", "is_zipfile", "ZipInfo", "ZipFile",
           "PyZipFile", "LargeZipFile", "Path"]


class BadZipFile(Exception):
    pass


class LargeZipFile(Exception):
    """Raised when writing a zipfile that would need ZIP64 extensions."""


error = BadZipfile = BadZipFile

ZIP64_LIMIT = (1 << 31) - 1
ZIP_FILECOUNT_LIMIT = (1 << 16) - 1
ZIP_MAX_COMMENT = (1 << 16) - 1
ZIP_STORED, ZIP_DEFLATED, ZIP_BZIP2, ZIP_LZMA = 0, 8, 12, 14
DEFAULT_VERSION, ZIP64_VERSION, BZIP2_VERSION, LZMA_VERSION = 20, 45, 46, 63
MAX_EXTRACT_VERSION = 63
compressor_names = {0: "store", 1: "shrink", 2: "reduce", 3: "reduce", 4: "reduce",
                    5: "reduce", 6: "implode", 7: "tokenize", 8: "deflate",
                    9: "deflate64", 10: "implode", 12: "bzip2", 14: "lzma",
                    18: "terse", 19: "lz77", 97: "wavpack", 98: "ppmd"}

structEndArchive, stringEndArchive = b"<4s4H2LH", b"PK\005\006"
structEndArchive64, stringEndArchive64 = "<4sQ2H2L4Q", b"PK\x06\x06"
structEndArchive64Locator, stringEndArchive64Locator = "<4sLQL", b"PK\x06\x07"
structCentralDir, stringCentralDir = "<4s4B4HL2L5H2L", b"PK\001\002"
structFileHeader, stringFileHeader = "<4s2B4HL2L2H", b"PK\003\004"
sizeEndCentDir = struct.calcsize(structEndArchive)
sizeEndCentDir64 = struct.calcsize(structEndArchive64)
sizeEndCentDir64Locator = struct.calcsize(structEndArchive64Locator)
sizeCentralDir = struct.calcsize(structCentralDir)
sizeFileHeader = struct.calcsize(structFileHeader)
_DD_SIGNATURE = 0x08074B50
_MASK_ENCRYPTED, _MASK_USE_DATA_DESCRIPTOR, _MASK_UTF_FILENAME = 0x1, 0x8, 0x800
_MASK_COMPRESSED_PATCH, _MASK_STRONG_ENCRYPTION = 0x20, 0x40
crc32 = zlib.crc32

_CP437_HIGH = (
    '\xc7\xfc\xe9\xe2\xe4\xe0\xe5\xe7\xea\xeb\xe8\xef\xee\xec\xc4\xc5\xc9\xe6\xc6'
    '\xf4\xf6\xf2\xfb\xf9\xff\xd6\xdc\xa2\xa3\xa5\u20a7\u0192\xe1\xed\xf3\xfa\xf1'
    '\xd1\xaa\xba\xbf\u2310\xac\xbd\xbc\xa1\xab\xbb\u2591\u2592\u2593\u2502\u2524'
    '\u2561\u2562\u2556\u2555\u2563\u2551\u2557\u255d\u255c\u255b\u2510\u2514\u2534'
    '\u252c\u251c\u2500\u253c\u255e\u255f\u255a\u2554\u2569\u2566\u2560\u2550\u256c'
    '\u2567\u2568\u2564\u2565\u2559\u2558\u2552\u2553\u256b\u256a\u2518\u250c\u2588'
    '\u2584\u258c\u2590\u2580\u03b1\xdf\u0393\u03c0\u03a3\u03c3\xb5\u03c4\u03a6\u0398'
    '\u03a9\u03b4\u221e\u03c6\u03b5\u2229\u2261\xb1\u2265\u2264\u2320\u2321\xf7\u2248'
    '\xb0\u2219\xb7\u221a\u207f\xb2\u25a0\xa0')


def _decode_name(raw, encoding):
    """Decode a member name; cp437 by table when the codec is missing."""
    try:
        return raw.decode(encoding)
    except LookupError:
        if encoding.replace("-", "").lower() not in ("cp437", "ibm437", "437"):
            raise
    return "".join(chr(c) if c < 128 else _CP437_HIGH[c - 128] for c in raw)


def _dos_stamp(date_time):
    dt = date_time
    return (dt[3] << 11 | dt[4] << 5 | (dt[5] // 2),
            (dt[0] - 1980) << 9 | dt[1] << 5 | dt[2])


def _check_zipfile(fp):
    try:
        return bool(_EndRecData(fp))
    except OSError:
        return False


def is_zipfile(filename):
    """Quickly see if a file is a ZIP file by checking the magic number."""
    try:
        if hasattr(filename, "read"):
            pos = filename.tell()
            try:
                return _check_zipfile(filename)
            finally:
                filename.seek(pos)
        with open(filename, "rb") as fp:
            return _check_zipfile(fp)
    except OSError:
        return False


def _EndRecData64(fpin, offset, endrec):
    try:
        fpin.seek(offset - sizeEndCentDir64Locator, 2)
    except OSError:
        return endrec
    data = fpin.read(sizeEndCentDir64Locator)
    if len(data) != sizeEndCentDir64Locator:
        return endrec
    sig, diskno, reloff, disks = struct.unpack(structEndArchive64Locator, data)
    if sig != stringEndArchive64Locator:
        return endrec
    if diskno != 0 or disks > 1:
        raise BadZipFile("zipfiles that span multiple disks are not supported")
    fpin.seek(offset - sizeEndCentDir64Locator - sizeEndCentDir64, 2)
    data = fpin.read(sizeEndCentDir64)
    if len(data) != sizeEndCentDir64:
        return endrec
    (sig, sz, create_version, read_version, disk_num, disk_dir,
     dircount, dircount2, dirsize, diroffset) = struct.unpack(structEndArchive64, data)
    if sig != stringEndArchive64:
        return endrec
    endrec[0:6] = [sig, disk_num, disk_dir, dircount, dircount2, dirsize]
    endrec[6] = diroffset
    return endrec


def _EndRecData(fpin):
    """Return the end-of-central-directory record as a list (plus comment and
    location), or None."""
    fpin.seek(0, 2)
    filesize = fpin.tell()
    max_start = max(filesize - (1 << 16) - sizeEndCentDir, 0)
    try:
        fpin.seek(max_start, 0)
    except OSError:
        return None
    data = fpin.read()
    start = data.rfind(stringEndArchive)
    while start >= 0:
        rec = data[start:start + sizeEndCentDir]
        if len(rec) == sizeEndCentDir:
            endrec = list(struct.unpack(structEndArchive, rec))
            comment = data[start + sizeEndCentDir:start + sizeEndCentDir + endrec[7]]
            endrec += [comment, max_start + start]
            return _EndRecData64(fpin, max_start + start - filesize, endrec)
        start = data.rfind(stringEndArchive, 0, start)
    return None


class ZipInfo:
    """Class with attributes describing each file in the ZIP archive."""
    __slots__ = ("orig_filename", "filename", "date_time", "compress_type",
                 "compress_level", "comment", "extra", "create_system",
                 "create_version", "extract_version", "reserved", "flag_bits",
                 "volume", "internal_attr", "external_attr", "header_offset",
                 "CRC", "compress_size", "file_size", "_raw_time", "_end_offset")

    def __init__(self, filename="NoName", date_time=(1980, 1, 1, 0, 0, 0)):
        self.orig_filename = filename
        nul = filename.find(chr(0))
        if nul >= 0:
            filename = filename[:nul]
        if os.sep != "/" and os.sep in filename:
            filename = filename.replace(os.sep, "/")
        self.filename = filename
        self.date_time = date_time
        if date_time[0] < 1980:
            raise ValueError("ZIP does not support timestamps before 1980")
        self.compress_type = ZIP_STORED
        self.compress_level = None
        self.comment = self.extra = b""
        self.create_system = 0 if sys.platform == "win32" else 3
        self.create_version = self.extract_version = DEFAULT_VERSION
        self.reserved = self.flag_bits = self.volume = 0
        self.internal_attr = self.external_attr = 0
        self.compress_size = self.file_size = 0
        self._end_offset = None

    @property
    def _compresslevel(self):
        return self.compress_level

    @_compresslevel.setter
    def _compresslevel(self, value):
        self.compress_level = value

    def __repr__(self):
        out = ["<%s filename=%r" % (self.__class__.__name__, self.filename)]
        if self.compress_type != ZIP_STORED:
            out.append(" compress_type=%s" % compressor_names.get(
                self.compress_type, self.compress_type))
        hi, lo = self.external_attr >> 16, self.external_attr & 0xFFFF
        if hi:
            out.append(" filemode=%r" % stat.filemode(hi))
        if lo:
            out.append(" external_attr=%#x" % lo)
        isdir = self.is_dir()
        if not isdir or self.file_size:
            out.append(" file_size=%r" % self.file_size)
        if (not isdir or self.compress_size) and (
                self.compress_type != ZIP_STORED or self.file_size != self.compress_size):
            out.append(" compress_size=%r" % self.compress_size)
        return "".join(out) + ">"

    def _encodeFilenameFlags(self):
        try:
            return self.filename.encode("ascii"), self.flag_bits
        except UnicodeEncodeError:
            return self.filename.encode("utf-8"), self.flag_bits | _MASK_UTF_FILENAME

    def FileHeader(self, zip64=None):
        """Return the per-file (local) header as bytes."""
        dostime, dosdate = _dos_stamp(self.date_time)
        if self.flag_bits & _MASK_USE_DATA_DESCRIPTOR:
            CRC = compress_size = file_size = 0
        else:
            CRC, compress_size, file_size = self.CRC, self.compress_size, self.file_size
        extra, min_version = self.extra, 0
        if zip64 is None:
            zip64 = file_size > ZIP64_LIMIT or compress_size > ZIP64_LIMIT
        if zip64:
            extra = extra + struct.pack("<HHQQ", 1, 16, file_size, compress_size)
            file_size = compress_size = 0xFFFFFFFF
            min_version = ZIP64_VERSION
        elif file_size > ZIP64_LIMIT or compress_size > ZIP64_LIMIT:
            raise LargeZipFile("Filesize would require ZIP64 extensions")
        min_version = max(min_version, _method_version(self.compress_type))
        self.extract_version = max(min_version, self.extract_version)
        self.create_version = max(min_version, self.create_version)
        filename, flag_bits = self._encodeFilenameFlags()
        header = struct.pack(structFileHeader, stringFileHeader, self.extract_version,
                             self.reserved, flag_bits, self.compress_type, dostime,
                             dosdate, CRC, compress_size, file_size, len(filename),
                             len(extra))
        return header + filename + extra

    def _decodeExtra(self, filename_crc=None):
        extra, i = self.extra, 0
        while i + 4 <= len(extra):
            tp, ln = struct.unpack("<HH", extra[i:i + 4])
            if ln + 4 > len(extra) - i:
                raise BadZipFile("Corrupt extra field %04x (size=%d)" % (tp, ln))
            if tp == 0x0001:
                data, field = extra[i + 4:i + 4 + ln], None
                try:
                    for field, attr in (("File size", "file_size"),
                                        ("Compress size", "compress_size"),
                                        ("Header offset", "header_offset")):
                        if getattr(self, attr) in (0xFFFFFFFFFFFFFFFF, 0xFFFFFFFF):
                            setattr(self, attr, struct.unpack("<Q", data[:8])[0])
                            data = data[8:]
                except struct.error:
                    raise BadZipFile(f"Corrupt zip64 extra field. {field} not found.") from None
            i += ln + 4

    @classmethod
    def from_file(cls, filename, arcname=None, *, strict_timestamps=True):
        """Construct a ZipInfo for a file on the filesystem."""
        filename = os.fspath(filename)
        st = os.stat(filename)
        isdir = stat.S_ISDIR(st.st_mode)
        date_time = tuple(time.localtime(st.st_mtime)[0:6])
        if not strict_timestamps and date_time[0] < 1980:
            date_time = (1980, 1, 1, 0, 0, 0)
        elif not strict_timestamps and date_time[0] > 2107:
            date_time = (2107, 12, 31, 23, 59, 59)
        arcname = filename if arcname is None else os.fspath(arcname)
        arcname = os.path.normpath(os.path.splitdrive(arcname)[1])
        while arcname[0] in (os.sep, os.altsep):
            arcname = arcname[1:]
        if isdir:
            arcname += "/"
        zinfo = cls(arcname, date_time)
        zinfo.external_attr = (st.st_mode & 0xFFFF) << 16
        if isdir:
            zinfo.file_size = 0
            zinfo.external_attr |= 0x10
        else:
            zinfo.file_size = st.st_size
        return zinfo

    def is_dir(self):
        """Return True if this archive member is a directory."""
        return self.filename.endswith("/")


def _method_version(compress_type):
    return {ZIP_BZIP2: BZIP2_VERSION, ZIP_LZMA: LZMA_VERSION}.get(compress_type, 0)


def _check_compression(compression):
    if compression in (ZIP_STORED, ZIP_DEFLATED):
        return
    if compression == ZIP_BZIP2:
        try:
            import bz2
        except ImportError:
            raise RuntimeError("Compression requires the (missing) bz2 module")
        return
    if compression == ZIP_LZMA:
        try:
            import lzma
        except ImportError:
            raise RuntimeError("Compression requires the (missing) lzma module")
        return
    raise NotImplementedError("That compression method is not supported")


class _LZMACompressor:
    """Method 14 data: a 4-byte header (LZMA SDK version 9.4, the size of
    the properties), the LZMA1 properties, then the raw LZMA1 stream."""

    def __init__(self):
        self._comp = None

    def _start(self):
        import lzma
        props = lzma._encode_filter_properties({"id": lzma.FILTER_LZMA1})
        self._comp = lzma.LZMACompressor(lzma.FORMAT_RAW, filters=[
            lzma._decode_filter_properties(lzma.FILTER_LZMA1, props)])
        return struct.pack("<BBH", 9, 4, len(props)) + props

    def compress(self, data):
        head = self._start() if self._comp is None else b""
        return head + self._comp.compress(data)

    def flush(self):
        head = self._start() if self._comp is None else b""
        return head + self._comp.flush()


class _LZMADecompressor:
    """Reads what _LZMACompressor writes."""

    def __init__(self):
        self._decomp = None
        self._head = b""
        self.eof = False

    def decompress(self, data):
        if self._decomp is None:
            import lzma
            self._head += data
            if len(self._head) <= 4:
                return b""
            psize, = struct.unpack("<H", self._head[2:4])
            if len(self._head) <= 4 + psize:
                return b""
            self._decomp = lzma.LZMADecompressor(lzma.FORMAT_RAW, filters=[
                lzma._decode_filter_properties(lzma.FILTER_LZMA1, self._head[4:4 + psize])])
            data, self._head = self._head[4 + psize:], b""
        result = self._decomp.decompress(data)
        self.eof = self._decomp.eof
        return result


def _get_compressor(compress_type, compresslevel=None):
    if compress_type == ZIP_DEFLATED:
        level = zlib.Z_DEFAULT_COMPRESSION if compresslevel is None else compresslevel
        return zlib.compressobj(level, zlib.DEFLATED, -15)
    if compress_type == ZIP_BZIP2:
        import bz2
        return bz2.BZ2Compressor(9 if compresslevel is None else compresslevel)
    if compress_type == ZIP_LZMA:
        return _LZMACompressor()
    return None


def _get_decompressor(compress_type):
    if compress_type == ZIP_DEFLATED:
        return zlib.decompressobj(-15)
    if compress_type == ZIP_BZIP2:
        import bz2
        return bz2.BZ2Decompressor()
    if compress_type == ZIP_LZMA:
        return _LZMADecompressor()
    return None


def _gen_crc(crc):
    for _ in range(8):
        crc = (crc >> 1) ^ 0xEDB88320 if crc & 1 else crc >> 1
    return crc


_crctable = None


def _ZipDecrypter(pwd):
    """Return a function decrypting traditional PKWARE (ZipCrypto) data."""
    global _crctable
    if _crctable is None:
        _crctable = list(map(_gen_crc, range(256)))
    table = _crctable
    keys = [305419896, 591751049, 878082192]

    def update(c):
        k0 = (keys[0] >> 8) ^ table[(keys[0] ^ c) & 0xFF]
        k1 = ((keys[1] + (k0 & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
        keys[0], keys[1] = k0, k1
        keys[2] = (keys[2] >> 8) ^ table[(keys[2] ^ (k1 >> 24)) & 0xFF]

    for p in pwd:
        update(p)

    def decrypter(data):
        out = bytearray()
        for c in data:
            k = keys[2] | 2
            c ^= ((k * (k ^ 1)) >> 8) & 0xFF
            update(c)
            out.append(c)
        return bytes(out)
    return decrypter


class _SharedFile:
    """A view of the archive file with its own position, for one member."""

    def __init__(self, file, pos, close, lock, writing):
        self._file, self._pos, self._close = file, pos, close
        self._lock, self._writing = lock, writing
        self.seekable = file.seekable

    def tell(self):
        return self._pos

    def seek(self, offset, whence=0):
        with self._lock:
            if self._writing():
                raise ValueError(_WRITING_MSG % "seek in")
            self._file.seek(offset, whence)
            self._pos = self._file.tell()
            return self._pos

    def read(self, n=-1):
        with self._lock:
            if self._writing():
                raise ValueError(_WRITING_MSG % "read from")
            self._file.seek(self._pos)
            data = self._file.read(n)
            self._pos = self._file.tell()
            return data

    def close(self):
        if self._file is not None:
            fileobj, self._file = self._file, None
            self._close(fileobj)


_WRITING_MSG = ("Can't %s the ZIP file while there is an open writing handle on "
                "it. Close the writing handle before trying to read.")


class _Tellable:
    """Wraps a non-seekable output stream, counting the bytes written."""

    def __init__(self, fp):
        self.fp, self.offset = fp, 0

    def write(self, data):
        n = self.fp.write(data)
        self.offset += n
        return n

    def tell(self):
        return self.offset

    def flush(self):
        self.fp.flush()

    def close(self):
        self.fp.close()


class ZipExtFile(ReaderBase):
    """File-like object for reading one archive member (from ZipFile.open)."""
    MIN_READ_SIZE = 4096
    _whence_msg = "whence must be os.SEEK_SET (0), os.SEEK_CUR (1), or os.SEEK_END (2)"
    _closed_msgs = {"read": "read from closed file.", "seek": "seek on closed file.",
                    "tell": "tell on closed file."}

    def __init__(self, fileobj, mode, zipinfo, pwd=None, close_fileobj=False):
        self._fileobj, self._close_fileobj = fileobj, close_fileobj
        self._compress_type = zipinfo.compress_type
        _check_compression(self._compress_type)
        self.mode, self.name = mode, zipinfo.filename
        self._expected_crc = getattr(zipinfo, "CRC", None)
        self._file_size = zipinfo.file_size
        self._seekable = False
        try:
            if fileobj.seekable():
                self._seekable = True
        except AttributeError:
            pass
        self._start = fileobj.tell()
        self._pwd, self._zinfo = pwd, zipinfo
        self._reset()

    def _reset(self):
        zinfo = self._zinfo
        self._left = zinfo.compress_size
        self._decrypt = None
        self._decomp = _get_decompressor(self._compress_type)
        self._pending, self._eof, self._crc = b"", False, 0
        if zinfo.flag_bits & _MASK_ENCRYPTED:
            self._decrypt = _ZipDecrypter(self._pwd)
            header = self._decrypt(self._fileobj.read(12))
            self._left -= 12
            if zinfo.flag_bits & _MASK_USE_DATA_DESCRIPTOR:
                check = (zinfo._raw_time >> 8) & 0xFF
            else:
                check = (zinfo.CRC >> 24) & 0xFF
            if len(header) < 12 or header[11] != check:
                raise RuntimeError("Bad password for file %r" % zinfo.orig_filename)

    def __repr__(self):
        if self.closed:
            return "<%s.%s [closed]>" % (self.__class__.__module__, self.__class__.__qualname__)
        out = "<%s.%s name=%r" % (self.__class__.__module__, self.__class__.__qualname__, self.name)
        if self._compress_type != ZIP_STORED:
            out += " compress_type=%s" % compressor_names.get(
                self._compress_type, self._compress_type)
        return out + ">"

    def _raw(self, n):
        if self._pending:
            data, self._pending = self._pending, b""
            return data
        n = min(self._left, max(n, self.MIN_READ_SIZE))
        data = self._fileobj.read(n) if n > 0 else b""
        self._left -= len(data)
        if n and not data:
            raise EOFError
        return self._decrypt(data) if self._decrypt else data

    def _fill(self, n):
        while not self._eof:
            raw = self._raw(n)
            if self._decomp is None:
                out = raw
                self._eof = self._left <= 0
            elif self._compress_type != ZIP_DEFLATED:
                out = self._decomp.decompress(raw)
                self._eof = self._decomp.eof or self._left <= 0
            else:
                out = self._decomp.decompress(raw, n)
                self._pending = self._decomp.unconsumed_tail
                if self._decomp.eof or (self._left <= 0 and not self._pending):
                    out += self._decomp.flush()
                    self._eof = True
            self._crc = crc32(out, self._crc)
            if self._eof and self._expected_crc is not None and \
                    self._crc != self._expected_crc:
                raise BadZipFile("Bad CRC-32 for file %r" % self.name)
            if out:
                return out
        return b""

    def seekable(self):
        self._check_open()
        return self._seekable

    def read1(self, n):
        return super().read1(n)

    def _rewind(self):
        self._fileobj.seek(self._start)
        self._reset()

    def _size_for_seek(self):
        return self._file_size

    def close(self):
        try:
            if self._close_fileobj and not self._closed:
                self._fileobj.close()
        finally:
            self._closed = True


class _ZipWriteFile(StreamBase):
    """Write stream for one new member (from ZipFile.open(name, 'w'))."""

    def __init__(self, zf, zinfo, zip64):
        self._zinfo, self._zip64, self._zipfile = zinfo, zip64, zf
        self._compressor = _get_compressor(zinfo.compress_type, zinfo.compress_level)
        self._file_size = self._compress_size = self._crc = 0

    @property
    def _fileobj(self):
        return self._zipfile.fp

    def writable(self):
        return True

    def write(self, data):
        if self._closed:
            raise ValueError("I/O operation on closed file.")
        if isinstance(data, (bytes, bytearray)):
            nbytes = len(data)
        else:
            data = memoryview(data)
            nbytes = data.nbytes
        self._file_size += nbytes
        self._crc = crc32(data, self._crc)
        if self._compressor:
            data = self._compressor.compress(data)
            self._compress_size += len(data)
        self._fileobj.write(data)
        return nbytes

    def close(self):
        if self._closed:
            return
        try:
            self._closed = True
            if self._compressor:
                buf = self._compressor.flush()
                self._compress_size += len(buf)
                self._fileobj.write(buf)
                self._zinfo.compress_size = self._compress_size
            else:
                self._zinfo.compress_size = self._file_size
            zinfo, zf = self._zinfo, self._zipfile
            zinfo.CRC, zinfo.file_size = self._crc, self._file_size
            if not self._zip64:
                if self._file_size > ZIP64_LIMIT:
                    raise RuntimeError("File size too large, try using force_zip64")
                if self._compress_size > ZIP64_LIMIT:
                    raise RuntimeError("Compressed size too large, try using force_zip64")
            if zinfo.flag_bits & _MASK_USE_DATA_DESCRIPTOR:
                fmt = "<LLQQ" if self._zip64 else "<LLLL"
                self._fileobj.write(struct.pack(fmt, _DD_SIGNATURE, zinfo.CRC,
                                                zinfo.compress_size, zinfo.file_size))
                zf.start_dir = self._fileobj.tell()
            else:
                zf.start_dir = self._fileobj.tell()
                self._fileobj.seek(zinfo.header_offset)
                self._fileobj.write(zinfo.FileHeader(self._zip64))
                self._fileobj.seek(zf.start_dir)
            zf.filelist.append(zinfo)
            zf.NameToInfo[zinfo.filename] = zinfo
        finally:
            self._zipfile._writing = False


class ZipFile:
    """Read, write, append to or create (modes r/w/a/x) a ZIP archive."""
    fp = None

    def __init__(self, file, mode="r", compression=ZIP_STORED, allowZip64=True,
                 compresslevel=None, *, strict_timestamps=True, metadata_encoding=None):
        if mode not in ("r", "w", "x", "a"):
            raise ValueError("ZipFile requires mode 'r', 'w', 'x', or 'a'")
        _check_compression(compression)
        self._allowZip64, self._didModify, self.debug = allowZip64, False, 0
        self.NameToInfo, self.filelist = {}, []
        self.compression, self.compresslevel = compression, compresslevel
        self.mode, self.pwd = mode, None
        self._comment, self._strict_timestamps = b"", strict_timestamps
        self.metadata_encoding = metadata_encoding
        if metadata_encoding and mode != "r":
            raise ValueError("metadata_encoding is only supported for reading files")
        if isinstance(file, os.PathLike):
            file = os.fspath(file)
        if isinstance(file, str):
            self._filePassed, self.filename = 0, file
            modes = {"r": "rb", "w": "w+b", "x": "x+b", "a": "r+b",
                     "r+b": "w+b", "w+b": "wb", "x+b": "xb"}
            filemode = modes[mode]
            while True:
                try:
                    self.fp = io.open(file, filemode)
                except OSError:
                    if filemode in modes:
                        filemode = modes[filemode]
                        continue
                    raise
                break
        else:
            self._filePassed, self.fp = 1, file
            self.filename = getattr(file, "name", None)
        self._fileRefCnt, self._lock = 1, threading.RLock()
        self._seekable, self._writing = True, False
        try:
            if mode == "r":
                self._RealGetContents()
            elif mode in ("w", "x"):
                self._didModify = True
                try:
                    self.start_dir = self.fp.tell()
                except (AttributeError, OSError):
                    self.fp, self.start_dir, self._seekable = _Tellable(self.fp), 0, False
                else:
                    try:
                        self.fp.seek(self.start_dir)
                    except (AttributeError, OSError):
                        self._seekable = False
            else:
                try:
                    self._RealGetContents()
                    self.fp.seek(self.start_dir)
                except BadZipFile:
                    self.fp.seek(0, 2)
                    self._didModify = True
                    self.start_dir = self.fp.tell()
        except BaseException:
            fp, self.fp = self.fp, None
            self._fpclose(fp)
            raise

    def __enter__(self):
        return self

    def __exit__(self, type, value, traceback):
        self.close()

    def __repr__(self):
        result = ["<%s.%s" % (self.__class__.__module__, self.__class__.__qualname__)]
        if self.fp is not None:
            if self._filePassed:
                result.append(" file=%r" % self.fp)
            elif self.filename is not None:
                result.append(" filename=%r" % self.filename)
            result.append(" mode=%r" % self.mode)
        else:
            result.append(" [closed]")
        return "".join(result) + ">"

    def _RealGetContents(self):
        fp = self.fp
        try:
            endrec = _EndRecData(fp)
        except OSError:
            raise BadZipFile("File is not a zip file")
        if not endrec:
            raise BadZipFile("File is not a zip file")
        size_cd, offset_cd = endrec[5], endrec[6]
        self._comment = endrec[8]
        concat = endrec[9] - size_cd - offset_cd
        if endrec[0] == stringEndArchive64:
            concat -= sizeEndCentDir64 + sizeEndCentDir64Locator
        self.start_dir = offset_cd + concat
        if self.start_dir < 0:
            raise BadZipFile("Bad offset for central directory")
        fp.seek(self.start_dir, 0)
        data = fp.read(size_cd)
        pos = 0
        while pos < len(data):
            centdir = data[pos:pos + sizeCentralDir]
            if len(centdir) != sizeCentralDir:
                raise BadZipFile("Truncated central directory")
            centdir = struct.unpack(structCentralDir, centdir)
            if centdir[0] != stringCentralDir:
                raise BadZipFile("Bad magic number for central directory")
            pos += sizeCentralDir
            fnlen, exlen, cmlen = centdir[12:15]
            raw = data[pos:pos + fnlen]
            x = ZipInfo(self._member_name(raw, centdir[5]))
            x.extra = data[pos + fnlen:pos + fnlen + exlen]
            x.comment = data[pos + fnlen + exlen:pos + fnlen + exlen + cmlen]
            pos += fnlen + exlen + cmlen
            x.header_offset = centdir[18]
            (x.create_version, x.create_system, x.extract_version, x.reserved,
             x.flag_bits, x.compress_type, t, d, x.CRC, x.compress_size,
             x.file_size) = centdir[1:12]
            if x.extract_version > MAX_EXTRACT_VERSION:
                raise NotImplementedError("zip file version %.1f" % (x.extract_version / 10))
            x.volume, x.internal_attr, x.external_attr = centdir[15:18]
            x._raw_time = t
            x.date_time = ((d >> 9) + 1980, (d >> 5) & 0xF, d & 0x1F,
                           t >> 11, (t >> 5) & 0x3F, (t & 0x1F) * 2)
            x._decodeExtra()
            x.header_offset += concat
            self.filelist.append(x)
            self.NameToInfo[x.filename] = x
        end = self.start_dir
        for zinfo in sorted(self.filelist, key=lambda z: z.header_offset, reverse=True):
            zinfo._end_offset = end
            end = zinfo.header_offset

    def _member_name(self, raw, flag_bits):
        if flag_bits & _MASK_UTF_FILENAME:
            return raw.decode("utf-8")
        return _decode_name(raw, self.metadata_encoding or "cp437")

    def namelist(self):
        """Return a list of file names in the archive."""
        return [data.filename for data in self.filelist]

    def infolist(self):
        """Return a list of ZipInfo instances for the files in the archive."""
        return self.filelist

    def printdir(self, file=None):
        """Print a table of contents for the zip file."""
        print("%-46s %19s %12s" % ("File Name", "Modified    ", "Size"), file=file)
        for zinfo in self.filelist:
            date = "%d-%02d-%02d %02d:%02d:%02d" % zinfo.date_time[:6]
            print("%-46s %s %12d" % (zinfo.filename, date, zinfo.file_size), file=file)

    def testzip(self):
        """Read all the files and check the CRC; return the first bad name."""
        for zinfo in self.filelist:
            try:
                with self.open(zinfo.filename, "r") as f:
                    while f.read(1 << 20):
                        pass
            except BadZipFile:
                return zinfo.filename

    def getinfo(self, name):
        """Return the instance of ZipInfo given 'name'."""
        info = self.NameToInfo.get(name)
        if info is None:
            raise KeyError("There is no item named %r in the archive" % name)
        return info

    def setpassword(self, pwd):
        """Set default password for encrypted files."""
        if pwd and not isinstance(pwd, bytes):
            raise TypeError("pwd: expected bytes, got %s" % type(pwd).__name__)
        self.pwd = pwd or None

    @property
    def comment(self):
        """The comment text associated with the ZIP file."""
        return self._comment

    @comment.setter
    def comment(self, comment):
        if not isinstance(comment, bytes):
            raise TypeError("comment: expected bytes, got %s" % type(comment).__name__)
        if len(comment) > ZIP_MAX_COMMENT:
            import warnings
            warnings.warn("Archive comment is too long; truncating to %d bytes"
                          % ZIP_MAX_COMMENT, stacklevel=2)
            comment = comment[:ZIP_MAX_COMMENT]
        self._comment = comment
        self._didModify = True

    def read(self, name, pwd=None):
        """Return file bytes for name."""
        with self.open(name, "r", pwd) as fp:
            return fp.read()

    def open(self, name, mode="r", pwd=None, *, force_zip64=False):
        """Return a file-like object for reading ('r') or writing ('w') name."""
        if mode not in {"r", "w"}:
            raise ValueError('open() requires mode "r" or "w"')
        if pwd and mode == "w":
            raise ValueError("pwd is only supported for reading files")
        if not self.fp:
            raise ValueError("Attempt to use ZIP archive that was already closed")
        if isinstance(name, ZipInfo):
            zinfo = name
        elif mode == "w":
            zinfo = ZipInfo(name)
            zinfo.compress_type, zinfo.compress_level = self.compression, self.compresslevel
        else:
            zinfo = self.getinfo(name)
        if mode == "w":
            return self._open_to_write(zinfo, force_zip64=force_zip64)
        if self._writing:
            raise ValueError(_WRITING_MSG % "read from")
        self._fileRefCnt += 1
        zef_file = _SharedFile(self.fp, zinfo.header_offset, self._fpclose, self._lock,
                               lambda: self._writing)
        try:
            fheader = zef_file.read(sizeFileHeader)
            if len(fheader) != sizeFileHeader:
                raise BadZipFile("Truncated file header")
            fheader = struct.unpack(structFileHeader, fheader)
            if fheader[0] != stringFileHeader:
                raise BadZipFile("Bad magic number for file header")
            fname = zef_file.read(fheader[10])
            if fheader[11]:
                zef_file.read(fheader[11])
            if zinfo.flag_bits & _MASK_COMPRESSED_PATCH:
                raise NotImplementedError("compressed patched data (flag bit 5)")
            if zinfo.flag_bits & _MASK_STRONG_ENCRYPTION:
                raise NotImplementedError("strong encryption (flag bit 6)")
            if self._member_name(fname, fheader[3]) != zinfo.orig_filename:
                raise BadZipFile("File name in directory %r and header %r differ."
                                 % (zinfo.orig_filename, fname))
            if (zinfo._end_offset is not None and
                    zef_file.tell() + zinfo.compress_size > zinfo._end_offset):
                raise BadZipFile(f"Overlapped entries: {zinfo.orig_filename!r} "
                                 f"(possible zip bomb)")
            if zinfo.flag_bits & _MASK_ENCRYPTED:
                pwd = pwd or self.pwd
                if pwd and not isinstance(pwd, bytes):
                    raise TypeError("pwd: expected bytes, got %s" % type(pwd).__name__)
                if not pwd:
                    raise RuntimeError("File %r is encrypted, password required for "
                                       "extraction" % name)
            else:
                pwd = None
            return ZipExtFile(zef_file, "rb", zinfo, pwd, True)
        except BaseException:
            zef_file.close()
            raise

    def _open_to_write(self, zinfo, force_zip64=False):
        if force_zip64 and not self._allowZip64:
            raise ValueError("force_zip64 is True, but allowZip64 was False when "
                             "opening the ZIP file.")
        if self._writing:
            raise ValueError("Can't write to the ZIP file while there is another write "
                             "handle open on it. Close the first handle before opening "
                             "another.")
        zinfo.compress_size = zinfo.CRC = 0
        zinfo.flag_bits = 0x02 if zinfo.compress_type == ZIP_LZMA else 0
        if not self._seekable:
            zinfo.flag_bits |= _MASK_USE_DATA_DESCRIPTOR
        if not zinfo.external_attr:
            zinfo.external_attr = 0o600 << 16
        zip64 = self._allowZip64 and (force_zip64 or zinfo.file_size * 1.05 > ZIP64_LIMIT)
        self._start_member(zinfo)
        self.fp.write(zinfo.FileHeader(zip64))
        self._writing = True
        return _ZipWriteFile(self, zinfo, zip64)

    def _start_member(self, zinfo):
        if self._seekable:
            self.fp.seek(self.start_dir)
        zinfo.header_offset = self.fp.tell()
        self._writecheck(zinfo)
        self._didModify = True

    def extract(self, member, path=None, pwd=None):
        """Extract a member to path (default: the current directory)."""
        path = os.getcwd() if path is None else os.fspath(path)
        return self._extract_member(member, path, pwd)

    def extractall(self, path=None, members=None, pwd=None):
        """Extract all members (or those given) to path."""
        if members is None:
            members = self.namelist()
        path = os.getcwd() if path is None else os.fspath(path)
        for zipinfo in members:
            self._extract_member(zipinfo, path, pwd)

    def _extract_member(self, member, targetpath, pwd):
        if not isinstance(member, ZipInfo):
            member = self.getinfo(member)
        arcname = member.filename.replace("/", os.path.sep)
        if os.path.altsep:
            arcname = arcname.replace(os.path.altsep, os.path.sep)
        arcname = os.path.splitdrive(arcname)[1]
        skip = ("", os.path.curdir, os.path.pardir)
        arcname = os.path.sep.join(x for x in arcname.split(os.path.sep) if x not in skip)
        targetpath = os.path.normpath(os.path.join(targetpath, arcname))
        upperdirs = os.path.dirname(targetpath)
        if upperdirs and not os.path.exists(upperdirs):
            os.makedirs(upperdirs)
        if member.is_dir():
            if not os.path.isdir(targetpath):
                try:
                    os.mkdir(targetpath)
                except FileExistsError:
                    if not os.path.isdir(targetpath):
                        raise
            return targetpath
        with self.open(member, pwd=pwd) as source, open(targetpath, "wb") as target:
            shutil.copyfileobj(source, target)
        return targetpath

    def _writecheck(self, zinfo):
        if zinfo.filename in self.NameToInfo:
            import warnings
            warnings.warn("Duplicate name: %r" % zinfo.filename, stacklevel=3)
        if self.mode not in ("w", "x", "a"):
            raise ValueError("write() requires mode 'w', 'x', or 'a'")
        if not self.fp:
            raise ValueError("Attempt to write ZIP archive that was already closed")
        _check_compression(zinfo.compress_type)
        if not self._allowZip64:
            if len(self.filelist) >= ZIP_FILECOUNT_LIMIT:
                raise LargeZipFile("Files count would require ZIP64 extensions")
            if zinfo.file_size > ZIP64_LIMIT:
                raise LargeZipFile("Filesize would require ZIP64 extensions")
            if zinfo.header_offset > ZIP64_LIMIT:
                raise LargeZipFile("Zipfile size would require ZIP64 extensions")

    def _check_can_write(self, dot=""):
        if not self.fp:
            raise ValueError("Attempt to write to ZIP archive that was already closed")
        if self._writing:
            raise ValueError("Can't write to ZIP archive while an open writing handle "
                             "exists" + dot)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        """Put the bytes from filename into the archive under the name arcname."""
        self._check_can_write()
        zinfo = ZipInfo.from_file(filename, arcname,
                                  strict_timestamps=self._strict_timestamps)
        if zinfo.is_dir():
            zinfo.compress_size = zinfo.CRC = 0
            self.mkdir(zinfo)
            return
        zinfo.compress_type = self.compression if compress_type is None else compress_type
        zinfo.compress_level = self.compresslevel if compresslevel is None else compresslevel
        with open(filename, "rb") as src, self.open(zinfo, "w") as dest:
            shutil.copyfileobj(src, dest, 1024 * 8)

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        """Write data (str or bytes) into the archive as a member."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        if not isinstance(zinfo_or_arcname, ZipInfo):
            zinfo = ZipInfo(filename=zinfo_or_arcname,
                            date_time=time.localtime(time.time())[:6])
            zinfo.compress_type, zinfo.compress_level = self.compression, self.compresslevel
            if zinfo.filename.endswith("/"):
                zinfo.external_attr = 0o40775 << 16 | 0x10
            else:
                zinfo.external_attr = 0o600 << 16
        else:
            zinfo = zinfo_or_arcname
        self._check_can_write(".")
        if compress_type is not None:
            zinfo.compress_type = compress_type
        if compresslevel is not None:
            zinfo.compress_level = compresslevel
        zinfo.file_size = len(data)
        with self._lock:
            with self.open(zinfo, mode="w") as dest:
                dest.write(data)

    def mkdir(self, zinfo_or_directory_name, mode=511):
        """Create a directory inside the ZIP archive."""
        if isinstance(zinfo_or_directory_name, ZipInfo):
            zinfo = zinfo_or_directory_name
            if not zinfo.is_dir():
                raise ValueError("The given ZipInfo does not describe a directory")
        elif isinstance(zinfo_or_directory_name, str):
            name = zinfo_or_directory_name
            if not name.endswith("/"):
                name += "/"
            zinfo = ZipInfo(name)
            zinfo.compress_size = zinfo.CRC = zinfo.file_size = 0
            zinfo.external_attr = ((0o40000 | mode) & 0xFFFF) << 16 | 0x10
        else:
            raise TypeError("Expected type str or ZipInfo")
        with self._lock:
            if zinfo.compress_type == ZIP_LZMA:
                zinfo.flag_bits |= 0x02
            self._start_member(zinfo)
            self.filelist.append(zinfo)
            self.NameToInfo[zinfo.filename] = zinfo
            self.fp.write(zinfo.FileHeader(False))
            self.start_dir = self.fp.tell()

    def __del__(self):
        self.close()

    def close(self):
        """Close the file, writing the ending records when modified."""
        if self.fp is None:
            return
        if self._writing:
            raise ValueError("Can't close the ZIP file while there is an open writing "
                             "handle on it. Close the writing handle before closing the zip.")
        try:
            if self.mode in ("w", "x", "a") and self._didModify:
                with self._lock:
                    if self._seekable:
                        self.fp.seek(self.start_dir)
                    self._write_end_record()
        finally:
            fp, self.fp = self.fp, None
            self._fpclose(fp)

    def _write_end_record(self):
        fp, pos1 = self.fp, self.fp.tell()
        for zinfo in self.filelist:
            dostime, dosdate = _dos_stamp(zinfo.date_time)
            extra = []
            file_size, compress_size = zinfo.file_size, zinfo.compress_size
            if file_size > ZIP64_LIMIT or compress_size > ZIP64_LIMIT:
                extra += [file_size, compress_size]
                file_size = compress_size = 0xFFFFFFFF
            header_offset = zinfo.header_offset
            if header_offset > ZIP64_LIMIT:
                extra.append(header_offset)
                header_offset = 0xFFFFFFFF
            extra_data, min_version = zinfo.extra, 0
            if extra:
                extra_data = _strip_extra(extra_data, (1,))
                extra_data = struct.pack("<HH" + "Q" * len(extra), 1, 8 * len(extra),
                                         *extra) + extra_data
                min_version = ZIP64_VERSION
            min_version = max(min_version, _method_version(zinfo.compress_type))
            extract_version = max(min_version, zinfo.extract_version)
            create_version = max(min_version, zinfo.create_version)
            filename, flag_bits = zinfo._encodeFilenameFlags()
            centdir = struct.pack(structCentralDir, stringCentralDir, create_version,
                                  zinfo.create_system, extract_version, zinfo.reserved,
                                  flag_bits, zinfo.compress_type, dostime, dosdate,
                                  zinfo.CRC, compress_size, file_size, len(filename),
                                  len(extra_data), len(zinfo.comment), 0,
                                  zinfo.internal_attr, zinfo.external_attr, header_offset)
            fp.write(centdir + filename + extra_data + zinfo.comment)
        pos2 = fp.tell()
        count, size, offset = len(self.filelist), pos2 - pos1, pos1
        need = None
        if count > ZIP_FILECOUNT_LIMIT:
            need = "Files count"
        elif offset > ZIP64_LIMIT:
            need = "Central directory offset"
        elif size > ZIP64_LIMIT:
            need = "Central directory size"
        if need:
            if not self._allowZip64:
                raise LargeZipFile(need + " would require ZIP64 extensions")
            fp.write(struct.pack(structEndArchive64, stringEndArchive64, 44, 45, 45, 0, 0,
                                 count, count, size, offset))
            fp.write(struct.pack(structEndArchive64Locator, stringEndArchive64Locator,
                                 0, pos2, 1))
            count = min(count, 0xFFFF)
            size, offset = min(size, 0xFFFFFFFF), min(offset, 0xFFFFFFFF)
        fp.write(struct.pack(structEndArchive, stringEndArchive, 0, 0, count, count,
                             size, offset, len(self._comment)))
        fp.write(self._comment)
        fp.flush()
        if self.mode == "a":
            if hasattr(fp, "truncate"):
                fp.truncate()
            elif self._filePassed == 0:  # torii's files have no truncate()
                os.truncate(self.filename, fp.tell())

    def _fpclose(self, fp):
        assert self._fileRefCnt > 0
        self._fileRefCnt -= 1
        if not self._fileRefCnt and not self._filePassed:
            fp.close()


def _strip_extra(extra, xids):
    out, i = [], 0
    while i + 4 <= len(extra):
        xid, xlen = struct.unpack("<HH", extra[i:i + 4])
        if xid not in xids:
            out.append(extra[i:i + 4 + xlen])
        i += 4 + xlen
    return b"".join(out)


class PyZipFile(ZipFile):
    """ZipFile subclass; writepy (byte-compiling) is not available in torii."""

    def __init__(self, file, mode="r", compression=ZIP_STORED, allowZip64=True,
                 optimize=-1):
        super().__init__(file, mode, compression, allowZip64)
        self._optimize = optimize

    def writepy(self, pathname, basename="", filterfunc=None):
        raise NotImplementedError("PyZipFile.writepy is not supported by torii")


class Path:
    """A pathlib-compatible interface to the members of a ZipFile."""

    def __init__(self, root, at=""):
        self.root = root if isinstance(root, ZipFile) else ZipFile(root)
        self.at = at

    def _names(self):
        names = set(self.root.namelist())
        for name in list(names):
            parts = name.rstrip("/").split("/")
            for i in range(1, len(parts)):
                names.add("/".join(parts[:i]) + "/")
        return names

    def _next(self, at):
        return self.__class__(self.root, at)

    def open(self, mode="r", *args, pwd=None, **kwargs):
        if self.is_dir():
            raise IsADirectoryError(self)
        zip_mode = mode[0]
        if zip_mode == "r" and not self.exists():
            raise FileNotFoundError(self)
        stream = self.root.open(self.at, zip_mode, pwd=pwd)
        if "b" in mode:
            if args or kwargs:
                raise ValueError("encoding args invalid for binary operation")
            return stream
        text_args = [kwargs.pop(key, args[i] if len(args) > i else None)
                     for i, key in enumerate(("encoding", "errors", "newline"))]
        return TextWrapper(stream, *text_args, write=zip_mode == "w")

    @property
    def name(self):
        return self.at.rstrip("/").rsplit("/", 1)[-1] or os.path.basename(
            str(self.root.filename or ""))

    @property
    def filename(self):
        import pathlib
        return pathlib.Path(self.root.filename).joinpath(self.at)

    @property
    def suffix(self):
        name = self.name
        i = name.rfind(".")
        return name[i:] if 0 < i < len(name) - 1 else ""

    @property
    def suffixes(self):
        name = self.name.lstrip(".")
        return ["." + s for s in name.split(".")[1:]] if not name.endswith(".") else []

    @property
    def stem(self):
        suffix = self.suffix
        return self.name[:-len(suffix)] if suffix else self.name

    def read_text(self, *args, **kwargs):
        with self.open("r", *args, **kwargs) as strm:
            return strm.read()

    def read_bytes(self):
        with self.open("rb") as strm:
            return strm.read()

    def _is_child(self, path):
        return posixpath.dirname(path.at.rstrip("/")) == self.at.rstrip("/")

    def is_dir(self):
        return not self.at or (self.at.endswith("/") and self.at in self._names())

    def is_file(self):
        return self.exists() and not self.is_dir()

    def exists(self):
        return self.at in self._names()

    def iterdir(self):
        if not self.is_dir():
            raise ValueError("Can't listdir a file")
        subs = map(self._next, sorted(self._names()))
        return filter(self._is_child, subs)

    def joinpath(self, *other):
        if not other:
            return self
        names = self._names()
        at = self.at
        for part in other:
            at = (at + part) if at.endswith("/") or not at else at + "/" + part
            if at + "/" in names and at not in names:
                at += "/"
        return self._next(at)

    __truediv__ = joinpath

    @property
    def parent(self):
        if not self.at:
            return self.filename.parent
        parent_at = posixpath.dirname(self.at.rstrip("/"))
        return self._next(parent_at + "/" if parent_at else "")

    def __str__(self):
        return posixpath.join(self.root.filename, self.at)

    def __repr__(self):
        return "{self.__class__.__name__}({self.root.filename!r}, {self.at!r})".format(self=self)

    def __eq__(self, other):
        if self.__class__ is not other.__class__:
            return NotImplemented
        return (self.root, self.at) == (other.root, other.at)

    def __hash__(self):
        return hash((self.root, self.at))


def main(args=None):
    import argparse
    description = "A simple command-line interface for zipfile module."
    parser = argparse.ArgumentParser(description=description)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("-l", "--list", metavar="<zipfile>",
                       help="Show listing of a zipfile")
    group.add_argument("-e", "--extract", nargs=2, metavar=("<zipfile>", "<output_dir>"),
                       help="Extract zipfile into target dir")
    group.add_argument("-c", "--create", nargs="+", metavar=("<name>", "<file>"),
                       help="Create zipfile from sources")
    group.add_argument("-t", "--test", metavar="<zipfile>",
                       help="Test if a zipfile is valid")
    parser.add_argument("--metadata-encoding", metavar="<encoding>",
                        help="Specify encoding of member names for -l, -e and -t")
    args = parser.parse_args(args)
    encoding = args.metadata_encoding
    if args.test is not None:
        with ZipFile(args.test, "r", metadata_encoding=encoding) as zf:
            badfile = zf.testzip()
        if badfile:
            print("The following enclosed file is corrupted: {!r}".format(badfile))
        print("Done testing")
    elif args.list is not None:
        with ZipFile(args.list, "r", metadata_encoding=encoding) as zf:
            zf.printdir()
    elif args.extract is not None:
        src, curdir = args.extract
        with ZipFile(src, "r", metadata_encoding=encoding) as zf:
            zf.extractall(curdir)
    elif args.create is not None:
        if encoding:
            print("Non-conforming encodings not supported with -c.", file=sys.stderr)
            sys.exit(1)
        zip_name = args.create.pop(0)

        def add_to_zip(zf, path, zippath):
            if os.path.isfile(path):
                zf.write(path, zippath, ZIP_DEFLATED)
            elif os.path.isdir(path):
                if zippath:
                    zf.write(path, zippath)
                for nm in sorted(os.listdir(path)):
                    add_to_zip(zf, os.path.join(path, nm), os.path.join(zippath, nm))

        with ZipFile(zip_name, "w") as zf:
            for path in args.create:
                zippath = os.path.basename(path)
                if not zippath:
                    zippath = os.path.basename(os.path.dirname(path))
                if zippath in ("", os.curdir, os.pardir):
                    zippath = ""
                add_to_zip(zf, path, zippath)


if __name__ == "__main__":
    main()
