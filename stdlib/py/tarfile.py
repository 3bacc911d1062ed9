# tarfile: reading and writing tar archives (POSIX ustar/pax, GNU), plain or
# gzip-compressed, seekable or streamed, with the 3.13 extraction filters.

import builtins
import os
import shutil
import stat
import struct
import sys
import time

from _archive_io import ReaderBase

bltn_open = builtins.open

__all__ = ["TarFile", "TarInfo", "is_tarfile", "TarError", "ReadError",
           "CompressionError", "StreamError", "ExtractError", "HeaderError",
           "ENCODING", "USTAR_FORMAT", "GNU_FORMAT", "PAX_FORMAT",
           "DEFAULT_FORMAT", "open", "fully_trusted_filter", "data_filter",
           "tar_filter", "FilterError", "AbsoluteLinkError",
           "OutsideDestinationError", "SpecialFileError", "AbsolutePathError",
           "LinkOutsideDestinationError"]

NUL = b"\0"
BLOCKSIZE = 512
RECORDSIZE = BLOCKSIZE * 20
GNU_MAGIC = b"ustar  \0"
POSIX_MAGIC = b"ustar\x0000"
LENGTH_NAME, LENGTH_LINK, LENGTH_PREFIX = 100, 100, 155

REGTYPE, AREGTYPE, LNKTYPE, SYMTYPE = b"0", b"\0", b"1", b"2"
CHRTYPE, BLKTYPE, DIRTYPE, FIFOTYPE, CONTTYPE = b"3", b"4", b"5", b"6", b"7"
GNUTYPE_LONGNAME, GNUTYPE_LONGLINK, GNUTYPE_SPARSE = b"L", b"K", b"S"
XHDTYPE, XGLTYPE, SOLARIS_XHDTYPE = b"x", b"g", b"X"

USTAR_FORMAT, GNU_FORMAT, PAX_FORMAT = 0, 1, 2
DEFAULT_FORMAT = PAX_FORMAT

SUPPORTED_TYPES = (REGTYPE, AREGTYPE, LNKTYPE, SYMTYPE, DIRTYPE, FIFOTYPE,
                   CONTTYPE, CHRTYPE, BLKTYPE, GNUTYPE_LONGNAME,
                   GNUTYPE_LONGLINK, GNUTYPE_SPARSE)
REGULAR_TYPES = (REGTYPE, AREGTYPE, CONTTYPE, GNUTYPE_SPARSE)
GNU_TYPES = (GNUTYPE_LONGNAME, GNUTYPE_LONGLINK, GNUTYPE_SPARSE)
PAX_FIELDS = ("path", "linkpath", "size", "mtime", "uid", "gid", "uname", "gname")
PAX_NAME_FIELDS = {"path", "linkpath", "uname", "gname"}
PAX_NUMBER_FIELDS = {"atime": float, "ctime": float, "mtime": float,
                     "uid": int, "gid": int, "size": int}

ENCODING = "utf-8"
_TYPE_MODE = {REGTYPE: stat.S_IFREG,
              DIRTYPE: stat.S_IFDIR, SYMTYPE: stat.S_IFLNK, CHRTYPE: stat.S_IFCHR,
              BLKTYPE: stat.S_IFBLK, FIFOTYPE: stat.S_IFIFO}


# ---- errors --------------------------------------------------------------

class TarError(Exception):
    """Base exception."""


class ExtractError(TarError):
    """General exception for extract errors."""


class ReadError(TarError):
    """Exception for unreadable tar archives."""


class CompressionError(TarError):
    """Exception for unavailable compression methods."""


class StreamError(TarError):
    """Exception for unsupported operations on stream-like TarFiles."""


class HeaderError(TarError):
    """Base exception for header errors."""


class EmptyHeaderError(HeaderError):
    pass


class TruncatedHeaderError(HeaderError):
    pass


class EOFHeaderError(HeaderError):
    pass


class InvalidHeaderError(HeaderError):
    pass


class SubsequentHeaderError(HeaderError):
    pass


class FilterError(TarError):
    pass


class AbsolutePathError(FilterError):
    def __init__(self, tarinfo):
        self.tarinfo = tarinfo
        super().__init__(f"member {tarinfo.name!r} has an absolute path")


class OutsideDestinationError(FilterError):
    def __init__(self, tarinfo, path):
        self.tarinfo, self._path = tarinfo, path
        super().__init__(f"{tarinfo.name!r} would be extracted to {path!r}, "
                         "which is outside the destination")


class SpecialFileError(FilterError):
    def __init__(self, tarinfo):
        self.tarinfo = tarinfo
        super().__init__(f"{tarinfo.name!r} is a special file")


class AbsoluteLinkError(FilterError):
    def __init__(self, tarinfo):
        self.tarinfo = tarinfo
        super().__init__(f"{tarinfo.name!r} is a link to an absolute path")


class LinkOutsideDestinationError(FilterError):
    def __init__(self, tarinfo, path):
        self.tarinfo, self._path = tarinfo, path
        super().__init__(f"{tarinfo.name!r} would link to {path!r}, "
                         "which is outside the destination")


# ---- text and number fields ---------------------------------------------

def _encode(s, encoding, errors):
    """str.encode, emulating 'surrogateescape' where the runtime lacks it."""
    try:
        return s.encode(encoding, errors)
    except LookupError:
        if errors != "surrogateescape":
            raise
    out = bytearray()
    for ch in s:
        if 0xDC80 <= ord(ch) <= 0xDCFF:
            out.append(ord(ch) - 0xDC00)
        else:
            out += ch.encode(encoding, "strict")
    return bytes(out)


def _decode(b, encoding, errors):
    """bytes.decode, emulating 'surrogateescape' where the runtime lacks it."""
    try:
        return b.decode(encoding, errors)
    except LookupError:
        if errors != "surrogateescape":
            raise
    out, pos = [], 0
    while pos < len(b):
        try:
            out.append(b[pos:].decode(encoding, "strict"))
            break
        except UnicodeDecodeError as e:
            out.append(b[pos:pos + e.start].decode(encoding, "strict"))
            out.extend(chr(0xDC00 + c) for c in b[pos + e.start:pos + e.end])
            pos += e.end
    return "".join(out)


def stn(s, length, encoding, errors):
    """Convert a string to a NUL-padded bytes field of the given length."""
    if s is None:
        raise ValueError("metadata cannot contain None")
    s = _encode(s, encoding, errors)
    return s[:length] + (length - len(s)) * NUL


def nts(s, encoding, errors):
    """Convert a NUL-terminated bytes field to a string."""
    p = s.find(b"\0")
    if p != -1:
        s = s[:p]
    return _decode(s, encoding, errors)


def nti(s):
    """Convert a number field (octal, or GNU base-256) to an int."""
    if s[0] in (0o200, 0o377):
        n = 0
        for c in s[1:]:
            n = (n << 8) + c
        if s[0] == 0o377:
            n = -(256 ** (len(s) - 1) - n)
        return n
    try:
        return int(nts(s, "ascii", "strict").strip() or "0", 8)
    except (ValueError, UnicodeDecodeError):
        raise InvalidHeaderError("invalid header")


def itn(n, digits=8, format=DEFAULT_FORMAT):
    """Convert an int to a number field: octal, or base-256 for GNU_FORMAT."""
    n = int(n)
    if 0 <= n < 8 ** (digits - 1):
        return bytes("%0*o" % (digits - 1, n), "ascii") + NUL
    if format == GNU_FORMAT and -256 ** (digits - 1) <= n < 256 ** (digits - 1):
        lead = 0o200 if n >= 0 else 0o377
        n %= 256 ** (digits - 1)
        return bytearray([lead]) + n.to_bytes(digits - 1, "big")
    raise ValueError("overflow in number field")


def calc_chksums(buf):
    """Return the unsigned and signed header checksums (the chksum field
    counted as spaces)."""
    unsigned = 256 + sum(buf[:148]) + sum(buf[156:512])
    signed = 256 + sum(c - 256 if c > 127 else c for c in buf[:148]) + \
        sum(c - 256 if c > 127 else c for c in buf[156:512])
    return unsigned, signed


def copyfileobj(src, dst, length=None, exception=OSError, bufsize=None):
    """Copy length bytes from src to dst (all when length is None)."""
    bufsize = bufsize or 16 * 1024
    if length == 0:
        return
    if length is None:
        shutil.copyfileobj(src, dst, bufsize)
        return
    while length > 0:
        buf = src.read(min(bufsize, length))
        if not buf:
            raise exception("unexpected end of data")
        dst.write(buf)
        length -= len(buf)


def _block(count):
    return (count + BLOCKSIZE - 1) // BLOCKSIZE * BLOCKSIZE


def _pad_block(data):
    return data + NUL * (_block(len(data)) - len(data))


# ---- user and group names (torii has no pwd/grp modules) -----------------

_ID_TABLES = {}


def _id_table(path):
    """name<->id maps from /etc/passwd or /etc/group."""
    table = _ID_TABLES.get(path)
    if table is None:
        by_id, by_name = {}, {}
        try:
            with bltn_open(path, encoding="utf-8", errors="replace") as f:
                for line in f:
                    fields = line.rstrip("\n").split(":")
                    if len(fields) > 2 and fields[2].isdigit():
                        by_id.setdefault(int(fields[2]), fields[0])
                        by_name.setdefault(fields[0], int(fields[2]))
        except OSError:
            pass
        table = _ID_TABLES[path] = (by_id, by_name)
    return table


try:
    import pwd
    import grp

    def _name_of(uid, group):
        try:
            return (grp.getgrgid(uid) if group else pwd.getpwuid(uid))[0]
        except KeyError:
            return ""

    def _id_of(name, group):
        try:
            return (grp.getgrnam(name) if group else pwd.getpwnam(name))[2]
        except KeyError:
            return None
except ImportError:
    def _name_of(uid, group):
        return _id_table("/etc/group" if group else "/etc/passwd")[0].get(uid, "")

    def _id_of(name, group):
        return _id_table("/etc/group" if group else "/etc/passwd")[1].get(name)


# ---- TarInfo ---------------------------------------------------------------

_KEEP = object()


class TarInfo:
    """Informational class which holds the details about an archive member."""
    __slots__ = ("name", "mode", "uid", "gid", "size", "mtime", "chksum", "type",
                 "linkname", "uname", "gname", "devmajor", "devminor", "offset",
                 "offset_data", "pax_headers", "sparse", "_tarfile",
                 "_sparse_structs", "_link_target")

    def __init__(self, name=""):
        self.name = name
        self.mode = 0o644
        self.uid = self.gid = self.size = self.mtime = self.chksum = 0
        self.type = REGTYPE
        self.linkname = self.uname = self.gname = ""
        self.devmajor = self.devminor = 0
        self.offset = self.offset_data = 0
        self.sparse = None
        self.pax_headers = {}
        self._sparse_structs = self._link_target = None

    @property
    def tarfile(self):
        import warnings
        warnings.warn("The undocumented \"tarfile\" attribute of TarInfo objects "
                      "is deprecated and will be removed in Python 3.16",
                      DeprecationWarning, stacklevel=2)
        return self._tarfile

    @tarfile.setter
    def tarfile(self, tarfile):
        self._tarfile = tarfile

    @property
    def path(self):
        """In pax headers, "name" is called "path"."""
        return self.name

    @path.setter
    def path(self, name):
        self.name = name

    @property
    def linkpath(self):
        """In pax headers, "linkname" is called "linkpath"."""
        return self.linkname

    @linkpath.setter
    def linkpath(self, linkname):
        self.linkname = linkname

    def __repr__(self):
        return "<%s %r at %#x>" % (self.__class__.__name__, self.name, id(self))

    def _copy(self, deep=False):
        new = object.__new__(type(self))
        for attr in TarInfo.__slots__:
            value = getattr(self, attr, _KEEP)
            if value is not _KEEP:
                setattr(new, attr, value)
        if hasattr(self, "__dict__"):
            new.__dict__.update(self.__dict__)
        if deep:
            new.pax_headers = dict(self.pax_headers)
            if self.sparse is not None:
                new.sparse = list(self.sparse)
        return new

    __copy__ = _copy

    def replace(self, *, name=_KEEP, mtime=_KEEP, mode=_KEEP, linkname=_KEEP,
                uid=_KEEP, gid=_KEEP, uname=_KEEP, gname=_KEEP, deep=True):
        """Return a deep copy of self with the given attributes replaced."""
        result = self._copy(deep)
        for attr, value in (("name", name), ("mtime", mtime), ("mode", mode),
                            ("linkname", linkname), ("uid", uid), ("gid", gid),
                            ("uname", uname), ("gname", gname)):
            if value is not _KEEP:
                setattr(result, attr, value)
        return result

    def get_info(self):
        """Return the TarInfo's attributes as a dictionary."""
        mode = None if self.mode is None else self.mode & 0o7777
        info = {"name": self.name, "mode": mode, "uid": self.uid, "gid": self.gid,
                "size": self.size, "mtime": self.mtime, "chksum": self.chksum,
                "type": self.type, "linkname": self.linkname, "uname": self.uname,
                "gname": self.gname, "devmajor": self.devmajor,
                "devminor": self.devminor}
        if info["type"] == DIRTYPE and not info["name"].endswith("/"):
            info["name"] += "/"
        return info

    def tobuf(self, format=DEFAULT_FORMAT, encoding=ENCODING, errors="surrogateescape"):
        """Return the tar header (with any extended headers) as bytes."""
        info = self.get_info()
        for name, value in info.items():
            if value is None:
                raise ValueError("%s may not be None" % name)
        if format == USTAR_FORMAT:
            return self.create_ustar_header(info, encoding, errors)
        if format == GNU_FORMAT:
            return self.create_gnu_header(info, encoding, errors)
        if format == PAX_FORMAT:
            return self.create_pax_header(info, encoding)
        raise ValueError("invalid format")

    def create_ustar_header(self, info, encoding, errors):
        """Return the object as a ustar header block."""
        info["magic"] = POSIX_MAGIC
        if len(_encode(info["linkname"], encoding, errors)) > LENGTH_LINK:
            raise ValueError("linkname is too long")
        if len(_encode(info["name"], encoding, errors)) > LENGTH_NAME:
            info["prefix"], info["name"] = self._posix_split_name(
                info["name"], encoding, errors)
        return self._create_header(info, USTAR_FORMAT, encoding, errors)

    def create_gnu_header(self, info, encoding, errors):
        """Return the object as a GNU header block sequence."""
        info["magic"] = GNU_MAGIC
        buf = b""
        for key, kind in (("linkname", GNUTYPE_LONGLINK), ("name", GNUTYPE_LONGNAME)):
            if len(_encode(info[key], encoding, errors)) > LENGTH_NAME:
                buf += self._create_gnu_long_header(info[key], kind, encoding, errors)
        return buf + self._create_header(info, GNU_FORMAT, encoding, errors)

    def create_pax_header(self, info, encoding):
        """Return the object as a ustar header block, preceded by a pax
        extended header where fields do not fit."""
        info["magic"] = POSIX_MAGIC
        pax_headers = self.pax_headers.copy()
        for name, hname, length in (("name", "path", LENGTH_NAME),
                                    ("linkname", "linkpath", LENGTH_LINK),
                                    ("uname", "uname", 32), ("gname", "gname", 32)):
            if hname in pax_headers:
                continue
            if not info[name].isascii() or len(info[name]) > length:
                pax_headers[hname] = info[name]
        for name, digits in (("uid", 8), ("gid", 8), ("size", 12), ("mtime", 12)):
            val = info[name]
            is_float = isinstance(val, float)
            val_int = round(val) if is_float else val
            needs_pax = is_float or not 0 <= val_int < 8 ** (digits - 1)
            info[name] = val_int if 0 <= val_int < 8 ** (digits - 1) else 0
            if needs_pax and name not in pax_headers:
                pax_headers[name] = str(val)
        buf = (self._create_pax_generic_header(pax_headers, XHDTYPE, encoding)
               if pax_headers else b"")
        return buf + self._create_header(info, USTAR_FORMAT, "ascii", "replace")

    @classmethod
    def create_pax_global_header(cls, pax_headers):
        """Return the object as a pax global header block sequence."""
        return cls._create_pax_generic_header(pax_headers, XGLTYPE, "utf-8")

    def _posix_split_name(self, name, encoding, errors):
        components = name.split("/")
        for i in range(1, len(components)):
            prefix, rest = "/".join(components[:i]), "/".join(components[i:])
            if (len(_encode(prefix, encoding, errors)) <= LENGTH_PREFIX and
                    len(_encode(rest, encoding, errors)) <= LENGTH_NAME):
                return prefix, rest
        raise ValueError("name is too long")

    @staticmethod
    def _create_header(info, format, encoding, errors):
        """Return one 512-byte header block for the info dict."""
        if info.get("type") in (CHRTYPE, BLKTYPE):
            devmajor = itn(info.get("devmajor", 0), 8, format)
            devminor = itn(info.get("devminor", 0), 8, format)
        else:
            devmajor = devminor = NUL * 8
        filetype = info.get("type", REGTYPE)
        if filetype is None:
            raise ValueError("TarInfo.type must not be None")
        parts = [stn(info.get("name", ""), 100, encoding, errors),
                 itn(info.get("mode", 0) & 0o7777, 8, format),
                 itn(info.get("uid", 0), 8, format),
                 itn(info.get("gid", 0), 8, format),
                 itn(info.get("size", 0), 12, format),
                 itn(info.get("mtime", 0), 12, format),
                 b"        ", filetype,
                 stn(info.get("linkname", ""), 100, encoding, errors),
                 info.get("magic", POSIX_MAGIC),
                 stn(info.get("uname", ""), 32, encoding, errors),
                 stn(info.get("gname", ""), 32, encoding, errors),
                 devmajor, devminor,
                 stn(info.get("prefix", ""), 155, encoding, errors)]
        buf = b"".join(parts)
        buf += NUL * (BLOCKSIZE - len(buf))
        chksum = calc_chksums(buf)[0]
        return buf[:148] + bytes("%06o\0" % chksum, "ascii") + buf[155:]

    @classmethod
    def _create_gnu_long_header(cls, name, type, encoding, errors):
        name = _encode(name, encoding, errors) + NUL
        info = {"name": "././@LongLink", "type": type, "size": len(name),
                "magic": GNU_MAGIC}
        return cls._create_header(info, USTAR_FORMAT, encoding, errors) + _pad_block(name)

    @classmethod
    def _create_pax_generic_header(cls, pax_headers, type, encoding):
        """Return a pax extended (or global) header with its records."""
        binary = any(not _utf8_ok(v) for v in pax_headers.values())
        records = [b"21 hdrcharset=BINARY\n"] if binary else []
        for keyword, value in pax_headers.items():
            keyword = keyword.encode("utf-8")
            value = _encode(value, encoding, "surrogateescape") if binary \
                else value.encode("utf-8")
            body = len(keyword) + len(value) + 3
            total = body + len(str(body))
            if len(str(total)) != len(str(body)):
                total = body + len(str(total))
            records.append(b"%d %s=%s\n" % (total, keyword, value))
        records = b"".join(records)
        info = {"name": "././@PaxHeader", "type": type, "size": len(records),
                "magic": POSIX_MAGIC}
        return cls._create_header(info, USTAR_FORMAT, "ascii", "replace") + \
            _pad_block(records)

    @classmethod
    def frombuf(cls, buf, encoding, errors):
        """Construct a TarInfo object from a 512 byte bytes object."""
        if len(buf) == 0:
            raise EmptyHeaderError("empty header")
        if len(buf) != BLOCKSIZE:
            raise TruncatedHeaderError("truncated header")
        if buf.count(NUL) == BLOCKSIZE:
            raise EOFHeaderError("end of file header")
        chksum = nti(buf[148:156])
        if chksum not in calc_chksums(buf):
            raise InvalidHeaderError("bad checksum")
        obj = cls()
        obj.name = nts(buf[0:100], encoding, errors)
        obj.mode = nti(buf[100:108])
        obj.uid, obj.gid = nti(buf[108:116]), nti(buf[116:124])
        obj.size, obj.mtime = nti(buf[124:136]), nti(buf[136:148])
        obj.chksum = chksum
        obj.type = buf[156:157]
        obj.linkname = nts(buf[157:257], encoding, errors)
        obj.uname = nts(buf[265:297], encoding, errors)
        obj.gname = nts(buf[297:329], encoding, errors)
        obj.devmajor, obj.devminor = nti(buf[329:337]), nti(buf[337:345])
        prefix = nts(buf[345:500], encoding, errors)
        if obj.type == AREGTYPE and obj.name.endswith("/"):
            obj.type = DIRTYPE
        if obj.isdir():
            obj.name = obj.name.rstrip("/")
        if prefix and obj.type not in GNU_TYPES:
            obj.name = prefix + "/" + obj.name
        return obj

    @classmethod
    def fromtarfile(cls, tarfile):
        """Read the next member header from the TarFile."""
        buf = tarfile.fileobj.read(BLOCKSIZE)
        obj = cls.frombuf(buf, tarfile.encoding, tarfile.errors)
        obj.offset = tarfile.fileobj.tell() - BLOCKSIZE
        return obj._proc_member(tarfile)

    def _proc_member(self, tarfile):
        if self.type in (GNUTYPE_LONGNAME, GNUTYPE_LONGLINK):
            return self._proc_gnulong(tarfile)
        if self.type in (XHDTYPE, XGLTYPE, SOLARIS_XHDTYPE):
            return self._proc_pax(tarfile)
        return self._proc_builtin(tarfile)

    def _proc_builtin(self, tarfile):
        self.offset_data = tarfile.fileobj.tell()
        offset = self.offset_data
        if self.isreg() or self.type not in SUPPORTED_TYPES:
            offset += _block(self.size)
        tarfile.offset = offset
        self._apply_pax_info(tarfile.pax_headers, tarfile.encoding, tarfile.errors)
        if self.isdir():
            self.name = self.name.rstrip("/")
        return self

    def _next_header(self, tarfile):
        try:
            return self.fromtarfile(tarfile)
        except HeaderError as e:
            raise SubsequentHeaderError(str(e)) from None

    def _proc_gnulong(self, tarfile):
        buf = tarfile.fileobj.read(_block(self.size))
        nxt = self._next_header(tarfile)
        nxt.offset = self.offset
        value = nts(buf, tarfile.encoding, tarfile.errors)
        if self.type == GNUTYPE_LONGNAME:
            nxt.name = value.rstrip("/") if nxt.isdir() else value
        else:
            nxt.linkname = value
        return nxt

    def _proc_pax(self, tarfile):
        buf = tarfile.fileobj.read(_block(self.size))[:self.size]
        pax_headers = tarfile.pax_headers if self.type == XGLTYPE \
            else tarfile.pax_headers.copy()
        records = _pax_records(buf)
        for keyword, value in records:
            if keyword == b"hdrcharset":
                pax_headers["hdrcharset"] = value.decode("utf-8")
        encoding = tarfile.encoding if pax_headers.get("hdrcharset") == "BINARY" \
            else "utf-8"
        for keyword, value in records:
            keyword = _decode(keyword, "utf-8", tarfile.errors)
            if keyword in PAX_NAME_FIELDS:
                value = self._decode_pax_field(value, encoding, tarfile.encoding,
                                               tarfile.errors)
            else:
                value = self._decode_pax_field(value, "utf-8", "utf-8", tarfile.errors)
            pax_headers[keyword] = value
        nxt = self._next_header(tarfile)
        if self.type in (XHDTYPE, SOLARIS_XHDTYPE):
            nxt._apply_pax_info(pax_headers, tarfile.encoding, tarfile.errors)
            nxt.offset = self.offset
            if "size" in pax_headers:
                offset = nxt.offset_data
                if nxt.isreg() or nxt.type not in SUPPORTED_TYPES:
                    offset += _block(nxt.size)
                tarfile.offset = offset
        return nxt

    def _apply_pax_info(self, pax_headers, encoding, errors):
        for keyword, value in pax_headers.items():
            if keyword == "GNU.sparse.name":
                self.path = value
            elif keyword == "GNU.sparse.size":
                self.size = int(value)
            elif keyword in PAX_FIELDS:
                if keyword in PAX_NUMBER_FIELDS:
                    try:
                        value = PAX_NUMBER_FIELDS[keyword](value)
                    except ValueError:
                        value = 0
                if keyword == "path":
                    value = value.rstrip("/")
                setattr(self, keyword, value)
        self.pax_headers = pax_headers.copy()

    def _decode_pax_field(self, value, encoding, fallback_encoding, fallback_errors):
        try:
            return value.decode(encoding, "strict")
        except UnicodeDecodeError:
            return _decode(value, fallback_encoding, fallback_errors)

    def _block(self, count):
        return _block(count)

    def isreg(self):
        """Return True if the Tarinfo object is a regular file."""
        return self.type in REGULAR_TYPES

    def isfile(self):
        """Return True if the Tarinfo object is a regular file."""
        return self.isreg()

    def isdir(self):
        return self.type == DIRTYPE

    def issym(self):
        return self.type == SYMTYPE

    def islnk(self):
        return self.type == LNKTYPE

    def ischr(self):
        return self.type == CHRTYPE

    def isblk(self):
        return self.type == BLKTYPE

    def isfifo(self):
        return self.type == FIFOTYPE

    def issparse(self):
        return self.sparse is not None

    def isdev(self):
        return self.type in (CHRTYPE, BLKTYPE, FIFOTYPE)


def _pax_records(buf):
    """Split pax extended header data into (keyword, value) bytes pairs;
    each record is b"LENGTH KEYWORD=VALUE\\n"."""
    records, pos = [], 0
    while pos < len(buf) and buf[pos] != 0:
        space = buf.find(b" ", pos)
        equals = buf.find(b"=", space + 1)
        digits = buf[pos:space]
        if space < 0 or equals <= space + 1 or not digits.isdigit():
            raise InvalidHeaderError("invalid header")
        length = int(digits)
        end = pos + length
        if length == 0 or equals >= end or buf[end - 1:end] != b"\n":
            raise InvalidHeaderError("invalid header")
        records.append((buf[space + 1:equals], buf[equals + 1:end - 1]))
        pos = end
    return records


def _utf8_ok(value):
    try:
        value.encode("utf-8", "strict")
        return True
    except UnicodeEncodeError:
        return False


# ---- extraction filters ----------------------------------------------------

def _get_filtered_attrs(member, dest_path, for_data=True):
    new_attrs = {}
    name = member.name
    dest_path = os.path.realpath(dest_path)
    if name.startswith(("/", os.sep)):
        name = new_attrs["name"] = member.path.lstrip("/" + os.sep)
    if os.path.isabs(name):
        raise AbsolutePathError(member)
    target_path = os.path.realpath(os.path.join(dest_path, name))
    if os.path.commonpath([target_path, dest_path]) != dest_path:
        raise OutsideDestinationError(member, target_path)
    mode = member.mode
    if mode is not None:
        mode &= 0o755
        if for_data:
            if member.isreg() or member.islnk():
                if not mode & 0o100:
                    mode &= ~0o111
                mode |= 0o600
            elif member.isdir() or member.issym():
                mode = None
            else:
                raise SpecialFileError(member)
        if mode != member.mode:
            new_attrs["mode"] = mode
    if for_data:
        for attr in ("uid", "gid", "uname", "gname"):
            if getattr(member, attr) is not None:
                new_attrs[attr] = None
        if member.islnk() or member.issym():
            if os.path.isabs(member.linkname):
                raise AbsoluteLinkError(member)
            base = os.path.join(dest_path, os.path.dirname(name)) if member.issym() \
                else dest_path
            target_path = os.path.realpath(os.path.join(base, member.linkname))
            if os.path.commonpath([target_path, dest_path]) != dest_path:
                raise LinkOutsideDestinationError(member, target_path)
    return new_attrs


def fully_trusted_filter(member, dest_path):
    return member


def tar_filter(member, dest_path):
    new_attrs = _get_filtered_attrs(member, dest_path, False)
    return member.replace(**new_attrs, deep=False) if new_attrs else member


def data_filter(member, dest_path):
    new_attrs = _get_filtered_attrs(member, dest_path, True)
    return member.replace(**new_attrs, deep=False) if new_attrs else member


_NAMED_FILTERS = {"fully_trusted": fully_trusted_filter, "tar": tar_filter,
                  "data": data_filter}


# ---- member and stream file objects ----------------------------------------

class ExFileObject(ReaderBase):
    """Read-only file object for the data of one member (extractfile)."""

    _closed_msgs = {"read": "read of closed file", "seek": "seek of closed file"}

    def __init__(self, tarfile, tarinfo):
        self.fileobj, self.name, self.mode = tarfile.fileobj, tarinfo.name, "rb"
        self._start, self._size = tarinfo.offset_data, tarinfo.size
        self._left = self._size
        self._seekable = getattr(tarfile.fileobj, "seekable", lambda: False)()

    def __repr__(self):
        return "<ExFileObject name=%r>" % self.name

    def seekable(self):
        return self._seekable

    def _fill(self, n):
        if self._left <= 0:
            return b""
        self.fileobj.seek(self._start + self._size - self._left)
        data = self.fileobj.read(min(n, self._left))
        if not data:
            raise ReadError("unexpected end of data")
        self._left -= len(data)
        return data

    def _rewind(self):
        self._left = self._size

    def _size_for_seek(self):
        return self._size


class _Stream(ReaderBase):
    """A forward-only file object over a (possibly gzip-compressed) stream,
    for the 'r|*' and 'w|*' modes."""

    def __init__(self, name, mode, comptype, fileobj, bufsize, compresslevel=9, preset=None):
        self._extfileobj = fileobj is not None
        if fileobj is None:
            fileobj = bltn_open(name, mode + "b")
        self.name = os.fspath(name) if name is not None else ""
        self.mode, self.fileobj = mode, fileobj
        try:
            head = b""
            if comptype == "*":
                head = fileobj.read(BLOCKSIZE)
                comptype = _sniff(head)
            self.comptype = comptype
            self._exception = ()
            if comptype not in ("tar", "gz", "bz2", "xz"):
                raise CompressionError("unknown compression type %r" % comptype)
            if comptype == "bz2":
                try:
                    import bz2
                except ImportError:
                    raise CompressionError("bz2 module is not available") from None
                self._exception = OSError
                factory, comp = bz2.BZ2Decompressor, lambda: bz2.BZ2Compressor(compresslevel)
            elif comptype == "xz":
                try:
                    import lzma
                except ImportError:
                    raise CompressionError("lzma module is not available") from None
                self._exception = lzma.LZMAError
                factory, comp = lzma.LZMADecompressor, lambda: lzma.LZMACompressor(preset=preset)
            if mode == "r":
                self._source = _Prefixed(head, fileobj)
                if comptype == "gz":
                    import gzip
                    self._source = gzip._MemberReader(self._source)
                elif comptype in ("bz2", "xz"):
                    from _compression import DecompressReader
                    self._source = DecompressReader(self._source, factory, self._exception)
            elif comptype == "gz":
                self._sink = _stream_gzip_writer(self.name, fileobj, compresslevel)
            elif comptype in ("bz2", "xz"):
                self._sink = _CompressingSink(fileobj, comp())
            else:
                self._sink = fileobj
        except BaseException:
            if not self._extfileobj:
                fileobj.close()
            self._closed = True
            raise

    def write(self, data):
        self._pos += len(data)
        self._sink.write(data)

    def close(self):
        if self._closed:
            return
        self._closed = True
        try:
            if self.mode == "w" and self.comptype != "tar":
                self._sink.close()
        finally:
            if not self._extfileobj:
                self.fileobj.close()

    def seek(self, pos=0):
        if pos < self._pos:
            raise StreamError("seeking backwards is not allowed")
        while self._pos < pos and self.read(min(pos - self._pos, 16 * 1024)):
            pass
        return self._pos

    def _fill(self, n):
        try:
            return self._source.read(n)
        except (OSError, EOFError) as e:
            if self.comptype != "tar":
                raise ReadError("invalid compressed data") from e
            raise
        except self._exception as e:
            raise ReadError("invalid compressed data") from e


class _CompressingSink:
    """Writes what it is given through a bz2 or lzma compressor."""

    def __init__(self, fileobj, compressor):
        self._fileobj, self._comp = fileobj, compressor

    def write(self, data):
        self._fileobj.write(self._comp.compress(data))

    def close(self):
        self._fileobj.write(self._comp.flush())


def _stream_gzip_writer(name, fileobj, compresslevel):
    """A GzipFile writing the header tar's stream mode uses (always FNAME,
    XFL 2) over fileobj."""
    import gzip

    class StreamGzip(gzip.GzipFile):
        def _write_gzip_header(self, level):
            fname = os.path.basename(name[:-3] if name.endswith(".gz") else name)
            self.fileobj.write(b"\037\213\010\010" + struct.pack("<L", int(time.time()))
                               + b"\002\377" + fname.encode("iso-8859-1", "replace") + NUL)

    return StreamGzip(None, "wb", compresslevel, fileobj)


class _Prefixed:
    """Serves some already-read bytes, then the rest of a file."""

    def __init__(self, head, fileobj):
        self._head, self._fileobj = head, fileobj

    def read(self, n):
        if self._head:
            data, self._head = self._head[:n], self._head[n:]
            return data
        return self._fileobj.read(n)


def _sniff(head):
    if head.startswith(b"\x1f\x8b\x08"):
        return "gz"
    if head[0:3] == b"BZh" and head[4:10] == b"1AY&SY":
        return "bz2"
    if head.startswith((b"\x5d\x00\x00\x80", b"\xfd7zXZ")):
        return "xz"
    return "tar"


# ---- TarFile ---------------------------------------------------------------

class TarFile:
    """The TarFile Class provides an interface to tar archives."""
    debug = 0
    dereference = False
    ignore_zeros = False
    errorlevel = 1
    format = DEFAULT_FORMAT
    encoding = ENCODING
    errors = None
    tarinfo = TarInfo
    fileobject = ExFileObject
    extraction_filter = None

    def __init__(self, name=None, mode="r", fileobj=None, format=None, tarinfo=None,
                 dereference=None, ignore_zeros=None, encoding=None,
                 errors="surrogateescape", pax_headers=None, debug=None,
                 errorlevel=None, copybufsize=None, stream=False):
        modes = {"r": "rb", "a": "r+b", "w": "wb", "x": "xb"}
        if mode not in modes:
            raise ValueError("mode must be 'r', 'a', 'w' or 'x'")
        self.mode, self._mode = mode, modes[mode]
        if not fileobj:
            if self.mode == "a" and not os.path.exists(name):
                self.mode, self._mode = "w", "wb"
            fileobj = bltn_open(name, self._mode)
            self._extfileobj = False
        else:
            if name is None and isinstance(getattr(fileobj, "name", None), (str, bytes)):
                name = fileobj.name
            if hasattr(fileobj, "mode"):
                self._mode = fileobj.mode
            self._extfileobj = True
        self.name = os.path.abspath(name) if name else None
        self.fileobj, self.stream = fileobj, stream
        for attr, value in (("format", format), ("tarinfo", tarinfo),
                            ("dereference", dereference), ("ignore_zeros", ignore_zeros),
                            ("debug", debug), ("errorlevel", errorlevel)):
            if value is not None:
                setattr(self, attr, value)
        self.encoding = encoding if encoding is not None else self.encoding
        self.errors = errors
        self.pax_headers = pax_headers if pax_headers is not None and \
            self.format == PAX_FORMAT else {}
        self.copybufsize = copybufsize
        self.closed, self.members, self._loaded = False, [], False
        self.offset = self.fileobj.tell()
        self.inodes = {}
        try:
            if self.mode == "r":
                self.firstmember = None
                self.firstmember = self.next()
            if self.mode == "a":
                while True:
                    self.fileobj.seek(self.offset)
                    try:
                        tarinfo = self.tarinfo.fromtarfile(self)
                        self.members.append(tarinfo)
                    except EOFHeaderError:
                        self.fileobj.seek(self.offset)
                        break
                    except HeaderError as e:
                        raise ReadError(str(e)) from None
            if self.mode in ("a", "w", "x"):
                self._loaded = True
                if self.pax_headers:
                    buf = self.tarinfo.create_pax_global_header(self.pax_headers.copy())
                    self.fileobj.write(buf)
                    self.offset += len(buf)
        except BaseException:
            if not self._extfileobj:
                self.fileobj.close()
            self.closed = True
            raise

    # -- opening

    OPEN_METH = {"tar": "taropen", "gz": "gzopen", "bz2": "bz2open", "xz": "xzopen"}

    @classmethod
    def open(cls, name=None, mode="r", fileobj=None, bufsize=RECORDSIZE, **kwargs):
        """Open a tar archive for reading, writing or appending; see the
        module documentation for the mode strings."""
        if not name and not fileobj:
            raise ValueError("nothing to open")
        if mode in ("r", "r:*"):
            errors = []
            for comptype in sorted(cls.OPEN_METH, key=lambda c: c == "tar"):
                func = getattr(cls, cls.OPEN_METH[comptype])
                saved_pos = fileobj.tell() if fileobj is not None else None
                try:
                    return func(name, "r", fileobj, **kwargs)
                except (ReadError, CompressionError) as e:
                    errors.append(f"- method {comptype}: {e!r}")
                    if fileobj is not None:
                        fileobj.seek(saved_pos)
            summary = "\n".join(errors)
            raise ReadError(f"file could not be opened successfully:\n{summary}")
        for sep in ":|":
            if sep in mode:
                filemode, comptype = mode.split(sep, 1)
                filemode, comptype = filemode or "r", comptype or "tar"
                break
        if ":" in mode:
            if comptype not in cls.OPEN_METH:
                raise CompressionError("unknown compression type %r" % comptype)
            return getattr(cls, cls.OPEN_METH[comptype])(name, filemode, fileobj, **kwargs)
        if "|" in mode:
            if filemode not in ("r", "w"):
                raise ValueError("mode must be 'r' or 'w'")
            compresslevel = kwargs.pop("compresslevel", 9)
            preset = kwargs.pop("preset", None)
            stream = _Stream(name, filemode, comptype, fileobj, bufsize, compresslevel, preset)
            try:
                t = cls(name, filemode, stream, **kwargs)
            except BaseException:
                stream.close()
                raise
            t._extfileobj = False
            return t
        if mode in ("a", "w", "x"):
            return cls.taropen(name, mode, fileobj, **kwargs)
        raise ValueError("undiscernible mode")

    @classmethod
    def taropen(cls, name, mode="r", fileobj=None, **kwargs):
        """Open uncompressed tar archive name for reading or writing."""
        if mode not in ("r", "a", "w", "x"):
            raise ValueError("mode must be 'r', 'a', 'w' or 'x'")
        return cls(name, mode, fileobj, **kwargs)

    @classmethod
    def gzopen(cls, name, mode="r", fileobj=None, compresslevel=9, **kwargs):
        """Open gzip compressed tar archive name for reading or writing."""
        if mode not in ("r", "w", "x"):
            raise ValueError("mode must be 'r', 'w' or 'x'")
        try:
            from gzip import GzipFile
        except ImportError:
            raise CompressionError("gzip module is not available") from None
        try:
            fileobj = GzipFile(name, mode + "b", compresslevel, fileobj)
        except OSError as e:
            if fileobj is not None and mode == "r":
                raise ReadError("not a gzip file") from e
            raise
        try:
            t = cls.taropen(name, mode, fileobj, **kwargs)
        except OSError as e:
            fileobj.close()
            if mode == "r":
                raise ReadError("not a gzip file") from e
            raise
        except BaseException:
            fileobj.close()
            raise
        t._extfileobj = False
        return t

    @classmethod
    def bz2open(cls, name, mode="r", fileobj=None, compresslevel=9, **kwargs):
        """Open bzip2 compressed tar archive name for reading or writing."""
        if mode not in ("r", "w", "x"):
            raise ValueError("mode must be 'r', 'w' or 'x'")
        try:
            from bz2 import BZ2File
        except ImportError:
            raise CompressionError("bz2 module is not available") from None
        fileobj = BZ2File(fileobj or name, mode, compresslevel=compresslevel)
        try:
            t = cls.taropen(name, mode, fileobj, **kwargs)
        except (OSError, EOFError) as e:
            fileobj.close()
            if mode == "r":
                raise ReadError("not a bzip2 file") from e
            raise
        except BaseException:
            fileobj.close()
            raise
        t._extfileobj = False
        return t

    @classmethod
    def xzopen(cls, name, mode="r", fileobj=None, preset=None, **kwargs):
        """Open lzma compressed tar archive name for reading or writing."""
        if mode not in ("r", "w", "x"):
            raise ValueError("mode must be 'r', 'w' or 'x'")
        try:
            from lzma import LZMAFile, LZMAError
        except ImportError:
            raise CompressionError("lzma module is not available") from None
        fileobj = LZMAFile(fileobj or name, mode, preset=preset)
        try:
            t = cls.taropen(name, mode, fileobj, **kwargs)
        except (LZMAError, EOFError) as e:
            fileobj.close()
            if mode == "r":
                raise ReadError("not an lzma file") from e
            raise
        except BaseException:
            fileobj.close()
            raise
        t._extfileobj = False
        return t

    # -- housekeeping

    def close(self):
        """Close the TarFile, writing the end-of-archive blocks if writing."""
        if self.closed:
            return
        self.closed = True
        try:
            if self.mode in ("a", "w", "x"):
                self.fileobj.write(NUL * (BLOCKSIZE * 2))
                self.offset += BLOCKSIZE * 2
                remainder = self.offset % RECORDSIZE
                if remainder > 0:
                    self.fileobj.write(NUL * (RECORDSIZE - remainder))
        finally:
            if not self._extfileobj:
                self.fileobj.close()

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, type, value, traceback):
        if type is None:
            self.close()
        else:
            if not self._extfileobj:
                self.fileobj.close()
            self.closed = True

    def _check(self, mode=None):
        if self.closed:
            raise OSError("%s is closed" % self.__class__.__name__)
        if mode is not None and self.mode not in mode:
            raise OSError("bad operation for mode %r" % self.mode)

    def _dbg(self, level, msg):
        if level <= self.debug:
            print(msg, file=sys.stderr)

    # -- members

    def getmember(self, name):
        """Return a TarInfo object for member name (the last occurrence)."""
        tarinfo = self._getmember(name.rstrip("/"))
        if tarinfo is None:
            raise KeyError("filename %r not found" % name)
        return tarinfo

    def getmembers(self):
        """Return the members of the archive as a list of TarInfo objects."""
        self._check()
        if not self._loaded:
            self._load()
        return self.members

    def getnames(self):
        """Return the members of the archive as a list of their names."""
        return [tarinfo.name for tarinfo in self.getmembers()]

    def next(self):
        """Return the next member of the archive as a TarInfo, or None."""
        self._check("ra")
        if self.firstmember is not None:
            m, self.firstmember = self.firstmember, None
            return m
        if self.offset != self.fileobj.tell():
            if self.offset == 0:
                return None
            self.fileobj.seek(self.offset - 1)
            if not self.fileobj.read(1):
                raise ReadError("unexpected end of data")
        tarinfo = None
        while True:
            try:
                tarinfo = self.tarinfo.fromtarfile(self)
            except (EOFHeaderError, InvalidHeaderError) as e:
                if self.ignore_zeros:
                    self._dbg(2, "0x%X: %s" % (self.offset, e))
                    self.offset += BLOCKSIZE
                    continue
                if isinstance(e, InvalidHeaderError) and self.offset == 0:
                    raise ReadError(str(e)) from None
            except EmptyHeaderError:
                if self.offset == 0:
                    raise ReadError("empty file") from None
            except TruncatedHeaderError as e:
                if self.offset == 0:
                    raise ReadError(str(e)) from None
            except SubsequentHeaderError as e:
                raise ReadError(str(e)) from None
            except Exception as e:
                import zlib
                if isinstance(e, zlib.error):
                    raise ReadError(f"zlib error: {e}") from None
                raise
            break
        if tarinfo is not None:
            self.members.append(tarinfo)
        else:
            self._loaded = True
        return tarinfo

    def _getmember(self, name, tarinfo=None, normalize=False):
        members, skipping = self.getmembers(), False
        if tarinfo is not None:
            try:
                members = members[:members.index(tarinfo)]
            except ValueError:
                skipping = True  # a modified copy: skip down to its offset
        if normalize:
            name = os.path.normpath(name)
        for member in reversed(members):
            if skipping:
                skipping = tarinfo.offset != member.offset
                continue
            member_name = os.path.normpath(member.name) if normalize else member.name
            if name == member_name:
                return member
        return None

    def _load(self):
        if not self._loaded:
            while self.next() is not None:
                pass
        self._loaded = True

    def __iter__(self):
        if self._loaded:
            yield from self.members
            return
        index = 0
        if self.firstmember is not None:
            tarinfo = self.next()
            index += 1
            yield tarinfo
        while True:
            if index < len(self.members):
                tarinfo = self.members[index]
            elif not self._loaded:
                tarinfo = self.next()
                if not tarinfo:
                    self._loaded = True
                    return
            else:
                return
            index += 1
            yield tarinfo

    def list(self, verbose=True, *, members=None):
        """Print a table of contents (like ls -l when verbose)."""
        self._check()
        if members is None:
            members = self
        for tarinfo in members:
            if verbose:
                if tarinfo.mode is None:
                    _safe_print("??????????")
                else:
                    _safe_print(stat.filemode(tarinfo.mode | _TYPE_MODE.get(tarinfo.type, 0)))
                _safe_print("%s/%s" % (tarinfo.uname or tarinfo.uid,
                                       tarinfo.gname or tarinfo.gid))
                if tarinfo.ischr() or tarinfo.isblk():
                    _safe_print("%10s" % ("%d,%d" % (tarinfo.devmajor, tarinfo.devminor)))
                else:
                    _safe_print("%10d" % tarinfo.size)
                if tarinfo.mtime is None:
                    _safe_print("????-??-?? ??:??:??")
                else:
                    _safe_print("%d-%02d-%02d %02d:%02d:%02d"
                                % time.localtime(tarinfo.mtime)[:6])
            _safe_print(tarinfo.name + ("/" if tarinfo.isdir() else ""))
            if verbose:
                if tarinfo.issym():
                    _safe_print("-> " + tarinfo.linkname)
                if tarinfo.islnk():
                    _safe_print("link to " + tarinfo.linkname)
            print()

    # -- writing

    def gettarinfo(self, name=None, arcname=None, fileobj=None):
        """Create a TarInfo from the result of os.stat on a file (or fileobj)."""
        self._check("awx")
        if fileobj is not None:
            name = fileobj.name
        if arcname is None:
            arcname = name
        arcname = os.path.splitdrive(arcname)[1].replace(os.sep, "/").lstrip("/")
        tarinfo = self.tarinfo()
        tarinfo._tarfile = self
        if fileobj is None:
            statres = os.stat(name) if self.dereference else os.lstat(name)
        else:
            statres = os.fstat(fileobj.fileno())
        linkname, stmd = "", statres.st_mode
        if stat.S_ISREG(stmd):
            inode = (statres.st_ino, statres.st_dev)
            if (not self.dereference and statres.st_nlink > 1 and inode in self.inodes
                    and arcname != self.inodes[inode]):
                type, linkname = LNKTYPE, self.inodes[inode]
            else:
                type = REGTYPE
                if inode[0]:
                    self.inodes[inode] = arcname
        elif stat.S_ISDIR(stmd):
            type = DIRTYPE
        elif stat.S_ISFIFO(stmd):
            type = FIFOTYPE
        elif stat.S_ISLNK(stmd):
            type, linkname = SYMTYPE, os.readlink(name)
        elif stat.S_ISCHR(stmd):
            type = CHRTYPE
        elif stat.S_ISBLK(stmd):
            type = BLKTYPE
        else:
            return None
        tarinfo.name, tarinfo.mode = arcname, stmd
        tarinfo.uid, tarinfo.gid = statres.st_uid, statres.st_gid
        tarinfo.size = statres.st_size if type == REGTYPE else 0
        tarinfo.mtime, tarinfo.type, tarinfo.linkname = statres.st_mtime, type, linkname
        tarinfo.uname = _name_of(tarinfo.uid, False)
        tarinfo.gname = _name_of(tarinfo.gid, True)
        if type in (CHRTYPE, BLKTYPE) and hasattr(os, "major") and hasattr(os, "minor"):
            tarinfo.devmajor = os.major(statres.st_rdev)
            tarinfo.devminor = os.minor(statres.st_rdev)
        return tarinfo

    def add(self, name, arcname=None, recursive=True, *, filter=None):
        """Add the file name (directories recursively) to the archive."""
        self._check("awx")
        if arcname is None:
            arcname = name
        if self.name is not None and os.path.abspath(name) == self.name:
            self._dbg(2, "tarfile: Skipped %r" % name)
            return
        self._dbg(1, name)
        tarinfo = self.gettarinfo(name, arcname)
        if tarinfo is None:
            self._dbg(1, "tarfile: Unsupported type %r" % name)
            return
        if filter is not None:
            tarinfo = filter(tarinfo)
            if tarinfo is None:
                self._dbg(2, "tarfile: Excluded %r" % name)
                return
        if tarinfo.isreg():
            with bltn_open(name, "rb") as f:
                self.addfile(tarinfo, f)
        elif tarinfo.isdir():
            self.addfile(tarinfo)
            if recursive:
                for f in sorted(os.listdir(name)):
                    self.add(os.path.join(name, f), os.path.join(arcname, f),
                             recursive, filter=filter)
        else:
            self.addfile(tarinfo)

    def addfile(self, tarinfo, fileobj=None):
        """Add the TarInfo header, then tarinfo.size bytes from fileobj."""
        self._check("awx")
        if fileobj is None and tarinfo.isreg() and tarinfo.size != 0:
            raise ValueError("fileobj not provided for non zero-size regular file")
        tarinfo = tarinfo._copy()
        buf = tarinfo.tobuf(self.format, self.encoding, self.errors)
        self.fileobj.write(buf)
        self.offset += len(buf)
        if fileobj is not None:
            copyfileobj(fileobj, self.fileobj, tarinfo.size, bufsize=self.copybufsize)
            pad = _block(tarinfo.size) - tarinfo.size
            if pad:
                self.fileobj.write(NUL * pad)
            self.offset += _block(tarinfo.size)
        self.members.append(tarinfo)

    # -- extraction

    def _get_filter_function(self, filter):
        if filter is None:
            filter = self.extraction_filter
            if filter is None:
                import warnings
                warnings.warn(
                    "Python 3.14 will, by default, filter extracted tar archives "
                    "and reject files or modify their metadata. "
                    "Use the filter argument to control this behavior.",
                    DeprecationWarning, stacklevel=3)
                return fully_trusted_filter
            if isinstance(filter, str):
                raise TypeError("String names are not supported for "
                                "TarFile.extraction_filter. Use a function such as "
                                "tarfile.data_filter directly.")
            return filter
        if callable(filter):
            return filter
        try:
            return _NAMED_FILTERS[filter]
        except KeyError:
            raise ValueError(f"filter {filter!r} not found") from None

    def extractall(self, path=".", members=None, *, numeric_owner=False, filter=None):
        """Extract all members (or those given) to path, applying filter."""
        directories = []
        filter_function = self._get_filter_function(filter)
        if members is None:
            members = self
        for member in members:
            tarinfo = self._get_extract_tarinfo(member, filter_function, path)
            if tarinfo is None:
                continue
            if tarinfo.isdir():
                directories.append(tarinfo)
            self._extract_one(tarinfo, path, set_attrs=not tarinfo.isdir(),
                              numeric_owner=numeric_owner)
        directories.sort(key=lambda a: a.name, reverse=True)
        for tarinfo in directories:
            dirpath = os.path.join(path, tarinfo.name)
            try:
                self.chown(tarinfo, dirpath, numeric_owner=numeric_owner)
                self.utime(tarinfo, dirpath)
                self.chmod(tarinfo, dirpath)
            except ExtractError as e:
                self._handle_nonfatal_error(e)

    def extract(self, member, path="", set_attrs=True, *, numeric_owner=False,
                filter=None):
        """Extract one member (a name or TarInfo) to path, applying filter."""
        filter_function = self._get_filter_function(filter)
        tarinfo = self._get_extract_tarinfo(member, filter_function, path)
        if tarinfo is not None:
            self._extract_one(tarinfo, path, set_attrs, numeric_owner)

    def _get_extract_tarinfo(self, member, filter_function, path):
        unfiltered = self.getmember(member) if isinstance(member, str) else member
        filtered = None
        try:
            filtered = filter_function(unfiltered, path)
        except (OSError, FilterError) as e:
            self._handle_fatal_error(e)
        except ExtractError as e:
            self._handle_nonfatal_error(e)
        if filtered is None:
            self._dbg(2, "tarfile: Excluded %r" % unfiltered.name)
            return None
        if filtered.islnk():
            filtered = filtered._copy()
            filtered._link_target = os.path.join(path, filtered.linkname)
        return filtered

    def _extract_one(self, tarinfo, path, set_attrs, numeric_owner):
        self._check("r")
        try:
            self._extract_member(tarinfo, os.path.join(path, tarinfo.name),
                                 set_attrs=set_attrs, numeric_owner=numeric_owner)
        except OSError as e:
            self._handle_fatal_error(e)
        except ExtractError as e:
            self._handle_nonfatal_error(e)

    def _handle_nonfatal_error(self, e):
        if self.errorlevel > 1:
            raise e
        self._dbg(1, "tarfile: %s" % e)

    def _handle_fatal_error(self, e):
        if self.errorlevel > 0:
            raise e
        if isinstance(e, OSError):
            if e.filename is None:
                self._dbg(1, "tarfile: %s" % e.strerror)
            else:
                self._dbg(1, "tarfile: %s %r" % (e.strerror, e.filename))
        else:
            self._dbg(1, "tarfile: %s %s" % (type(e).__name__, e))

    def extractfile(self, member):
        """Return a file object for a regular member (or a link's target)."""
        self._check("r")
        tarinfo = self.getmember(member) if isinstance(member, str) else member
        if tarinfo.isreg() or tarinfo.type not in SUPPORTED_TYPES:
            return self.fileobject(self, tarinfo)
        if tarinfo.islnk() or tarinfo.issym():
            if isinstance(self.fileobj, _Stream):
                raise StreamError("cannot extract (sym)link as file object")
            return self.extractfile(self._find_link_target(tarinfo))
        return None

    def _extract_member(self, tarinfo, targetpath, set_attrs=True, numeric_owner=False):
        targetpath = targetpath.rstrip("/").replace("/", os.sep)
        upperdirs = os.path.dirname(targetpath)
        if upperdirs and not os.path.exists(upperdirs):
            os.makedirs(upperdirs)
        if tarinfo.islnk() or tarinfo.issym():
            self._dbg(1, "%s -> %s" % (tarinfo.name, tarinfo.linkname))
        else:
            self._dbg(1, tarinfo.name)
        if tarinfo.isreg():
            self.makefile(tarinfo, targetpath)
        elif tarinfo.isdir():
            self.makedir(tarinfo, targetpath)
        elif tarinfo.isfifo():
            self.makefifo(tarinfo, targetpath)
        elif tarinfo.ischr() or tarinfo.isblk():
            self.makedev(tarinfo, targetpath)
        elif tarinfo.islnk() or tarinfo.issym():
            self.makelink(tarinfo, targetpath)
        elif tarinfo.type not in SUPPORTED_TYPES:
            self.makeunknown(tarinfo, targetpath)
        else:
            self.makefile(tarinfo, targetpath)
        if set_attrs:
            self.chown(tarinfo, targetpath, numeric_owner)
            if not tarinfo.issym():
                self.chmod(tarinfo, targetpath)
                self.utime(tarinfo, targetpath)

    def makedir(self, tarinfo, targetpath):
        """Make a directory called targetpath."""
        try:
            if tarinfo.mode is None:
                os.mkdir(targetpath)
            else:
                os.mkdir(targetpath, 0o700)
        except FileExistsError:
            if not os.path.isdir(targetpath):
                raise

    def makefile(self, tarinfo, targetpath):
        """Make a file called targetpath."""
        source = self.fileobj
        source.seek(tarinfo.offset_data)
        with bltn_open(targetpath, "wb") as target:
            copyfileobj(source, target, tarinfo.size, ReadError, self.copybufsize)

    def makeunknown(self, tarinfo, targetpath):
        """Make a file from a member of unknown type."""
        self.makefile(tarinfo, targetpath)
        self._dbg(1, "tarfile: Unknown file type %r, extracted as regular file."
                  % tarinfo.type)

    def makefifo(self, tarinfo, targetpath):
        """Make a fifo called targetpath."""
        if not hasattr(os, "mkfifo"):
            raise ExtractError("fifo not supported by system")
        os.mkfifo(targetpath)

    def makedev(self, tarinfo, targetpath):
        """Make a character or block device called targetpath."""
        if not hasattr(os, "mknod") or not hasattr(os, "makedev"):
            raise ExtractError("special devices not supported by system")
        mode = tarinfo.mode
        mode = 0o600 if mode is None else mode
        mode |= stat.S_IFBLK if tarinfo.isblk() else stat.S_IFCHR
        os.mknod(targetpath, mode, os.makedev(tarinfo.devmajor, tarinfo.devminor))

    def makelink(self, tarinfo, targetpath):
        """Make a (symbolic or hard) link called targetpath."""
        try:
            if tarinfo.issym():
                if os.path.lexists(targetpath):
                    os.unlink(targetpath)
                os.symlink(tarinfo.linkname, targetpath)
            elif os.path.exists(tarinfo._link_target):
                os.link(tarinfo._link_target, targetpath)
            else:
                self._extract_member(self._find_link_target(tarinfo), targetpath)
        except OSError:
            try:
                self._extract_member(self._find_link_target(tarinfo), targetpath)
            except KeyError:
                raise ExtractError("unable to resolve link inside archive") from None

    def chown(self, tarinfo, targetpath, numeric_owner):
        """Set owner of targetpath (only when running as root)."""
        if not (hasattr(os, "geteuid") and os.geteuid() == 0):
            return
        g, u = tarinfo.gid, tarinfo.uid
        if not numeric_owner:
            if tarinfo.gname and _id_of(tarinfo.gname, True) is not None:
                g = _id_of(tarinfo.gname, True)
            if tarinfo.uname and _id_of(tarinfo.uname, False) is not None:
                u = _id_of(tarinfo.uname, False)
        u = -1 if u is None else u
        g = -1 if g is None else g
        try:
            if tarinfo.issym() and hasattr(os, "lchown"):
                os.lchown(targetpath, u, g)
            else:
                os.chown(targetpath, u, g)
        except (OSError, OverflowError) as e:
            raise ExtractError("could not change owner") from e

    def chmod(self, tarinfo, targetpath):
        """Set file permissions of targetpath according to tarinfo."""
        if tarinfo.mode is None:
            return
        try:
            os.chmod(targetpath, tarinfo.mode)
        except OSError as e:
            raise ExtractError("could not change mode") from e

    def utime(self, tarinfo, targetpath):
        """Set modification time of targetpath according to tarinfo."""
        mtime = tarinfo.mtime
        if mtime is None or not hasattr(os, "utime"):
            return
        try:
            os.utime(targetpath, (mtime, mtime))
        except OSError as e:
            raise ExtractError("could not change modification time") from e

    def _find_link_target(self, tarinfo):
        if tarinfo.issym():
            linkname = "/".join(filter(None, (os.path.dirname(tarinfo.name),
                                              tarinfo.linkname)))
            limit = None
        else:
            linkname, limit = tarinfo.linkname, tarinfo
        member = self._getmember(linkname, tarinfo=limit, normalize=True)
        if member is None:
            raise KeyError("linkname %r not found" % linkname)
        return member


def _safe_print(s):
    print(s, end=" ")


def is_tarfile(name):
    """Return True if name points to a tar archive that we are able to
    handle, else return False."""
    try:
        if hasattr(name, "read"):
            pos = name.tell()
            t = open(fileobj=name)
            name.seek(pos)
        else:
            t = open(name)
        t.close()
        return True
    except TarError:
        return False


open = TarFile.open


def main():
    import argparse
    description = "A simple command-line interface for tarfile module."
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("-v", "--verbose", action="store_true", default=False,
                        help="Verbose output")
    parser.add_argument("--filter", metavar="<filtername>", choices=_NAMED_FILTERS,
                        help="Filter for extraction")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("-l", "--list", metavar="<tarfile>", help="Show listing of a tarfile")
    group.add_argument("-e", "--extract", nargs="+", metavar=("<tarfile>", "<output_dir>"),
                       help="Extract tarfile into target dir")
    group.add_argument("-c", "--create", nargs="+", metavar=("<name>", "<file>"),
                       help="Create tarfile from sources")
    group.add_argument("-t", "--test", metavar="<tarfile>", help="Test if a tarfile is valid")
    args = parser.parse_args()
    if args.filter and args.extract is None:
        parser.exit(1, "--filter is only valid for extraction\n")
    if args.test is not None:
        src = args.test
        if not is_tarfile(src):
            parser.exit(1, "{!r} is not a tar archive.\n".format(src))
        with open(src, "r") as tar:
            tar.getmembers()
            print(tar.getmembers(), file=sys.stderr)
        if args.verbose:
            print("{!r} is a tar archive.".format(src))
    elif args.list is not None:
        src = args.list
        if not is_tarfile(src):
            parser.exit(1, "{!r} is not a tar archive.\n".format(src))
        with TarFile.open(src, "r:*") as tf:
            tf.list(verbose=args.verbose)
    elif args.extract is not None:
        if len(args.extract) == 1:
            src, curdir = args.extract[0], os.curdir
        elif len(args.extract) == 2:
            src, curdir = args.extract
        else:
            parser.exit(1, parser.format_help())
        if not is_tarfile(src):
            parser.exit(1, "{!r} is not a tar archive.\n".format(src))
        with TarFile.open(src, "r:*") as tf:
            tf.extractall(path=curdir, filter=args.filter)
        if args.verbose:
            if curdir == ".":
                msg = "{!r} file is extracted.".format(src)
            else:
                msg = "{!r} file is extracted into {!r} directory.".format(src, curdir)
            print(msg)
    elif args.create is not None:
        tar_name = args.create.pop(0)
        ext = os.path.splitext(tar_name)[1]
        compressions = {".gz": "gz", ".tgz": "gz", ".xz": "xz", ".txz": "xz",
                        ".bz2": "bz2", ".tbz": "bz2", ".tbz2": "bz2", ".tb2": "bz2"}
        tar_mode = "w:" + compressions[ext] if ext in compressions else "w"
        with TarFile.open(tar_name, tar_mode) as tf:
            for file_name in args.create:
                tf.add(file_name)
        if args.verbose:
            print("{!r} file created.".format(tar_name))


if __name__ == "__main__":
    main()
