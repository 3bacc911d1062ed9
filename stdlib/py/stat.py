# stdlib/py/stat.py: the stat module: the st_mode bit constants of Linux,
# the S_IS*() tests, S_IMODE / S_IFMT, filemode(), the ST_* indices of a
# stat result, and the BSD file flags and Windows attributes CPython also
# exports (for code that names them).  Pure functions of their arguments:
# any thread.

# indices into os.stat_result as a tuple
ST_MODE, ST_INO, ST_DEV, ST_NLINK, ST_UID, ST_GID, ST_SIZE, ST_ATIME, ST_MTIME, ST_CTIME = range(10)

# the file type, in the S_IFMT bits
S_IFDIR = 0o040000
S_IFCHR = 0o020000
S_IFBLK = 0o060000
S_IFREG = 0o100000
S_IFIFO = 0o010000
S_IFLNK = 0o120000
S_IFSOCK = 0o140000
S_IFDOOR = 0          # Solaris and BSD types that Linux lacks
S_IFPORT = 0
S_IFWHT = 0

# permission and special bits
S_ISUID = 0o4000
S_ISGID = 0o2000
S_ENFMT = S_ISGID
S_ISVTX = 0o1000
S_IREAD = 0o0400
S_IWRITE = 0o0200
S_IEXEC = 0o0100
S_IRWXU = 0o0700
S_IRUSR = 0o0400
S_IWUSR = 0o0200
S_IXUSR = 0o0100
S_IRWXG = 0o0070
S_IRGRP = 0o0040
S_IWGRP = 0o0020
S_IXGRP = 0o0010
S_IRWXO = 0o0007
S_IROTH = 0o0004
S_IWOTH = 0o0002
S_IXOTH = 0o0001

# st_flags bits (BSD, macOS)
UF_SETTABLE = 0x0000FFFF
UF_NODUMP = 0x00000001
UF_IMMUTABLE = 0x00000002
UF_APPEND = 0x00000004
UF_OPAQUE = 0x00000008
UF_NOUNLINK = 0x00000010
UF_COMPRESSED = 0x00000020
UF_TRACKED = 0x00000040
UF_DATAVAULT = 0x00000080
UF_HIDDEN = 0x00008000
SF_SETTABLE = 0xFFFF0000
SF_ARCHIVED = 0x00010000
SF_IMMUTABLE = 0x00020000
SF_APPEND = 0x00040000
SF_RESTRICTED = 0x00080000
SF_NOUNLINK = 0x00100000
SF_SNAPSHOT = 0x00200000
SF_FIRMLINK = 0x00800000
SF_DATALESS = 0x40000000

# Windows file attributes
FILE_ATTRIBUTE_READONLY = 0x1
FILE_ATTRIBUTE_HIDDEN = 0x2
FILE_ATTRIBUTE_SYSTEM = 0x4
FILE_ATTRIBUTE_DIRECTORY = 0x10
FILE_ATTRIBUTE_ARCHIVE = 0x20
FILE_ATTRIBUTE_DEVICE = 0x40
FILE_ATTRIBUTE_NORMAL = 0x80
FILE_ATTRIBUTE_TEMPORARY = 0x100
FILE_ATTRIBUTE_SPARSE_FILE = 0x200
FILE_ATTRIBUTE_REPARSE_POINT = 0x400
FILE_ATTRIBUTE_COMPRESSED = 0x800
FILE_ATTRIBUTE_OFFLINE = 0x1000
FILE_ATTRIBUTE_NOT_CONTENT_INDEXED = 0x2000
FILE_ATTRIBUTE_ENCRYPTED = 0x4000
FILE_ATTRIBUTE_INTEGRITY_STREAM = 0x8000
FILE_ATTRIBUTE_VIRTUAL = 0x10000
FILE_ATTRIBUTE_NO_SCRUB_DATA = 0x20000


def _mode(mode):
    # the mode as CPython's _stat takes it: an int (bool included)
    if not isinstance(mode, int):
        raise TypeError("an integer is required")
    return mode


def S_IMODE(mode):
    """Return the portion of the file's mode that can be set by os.chmod()."""
    return _mode(mode) & 0o7777


def S_IFMT(mode):
    """Return the portion of the file's mode that describes the file type."""
    return _mode(mode) & 0o170000


def S_ISDIR(mode):
    """S_ISDIR(mode) -> bool

Return True if mode is from a directory."""
    return S_IFMT(mode) == S_IFDIR


def S_ISCHR(mode):
    """S_ISCHR(mode) -> bool

Return True if mode is from a character special device file."""
    return S_IFMT(mode) == S_IFCHR


def S_ISBLK(mode):
    """S_ISBLK(mode) -> bool

Return True if mode is from a block special device file."""
    return S_IFMT(mode) == S_IFBLK


def S_ISREG(mode):
    """S_ISREG(mode) -> bool

Return True if mode is from a regular file."""
    return S_IFMT(mode) == S_IFREG


def S_ISFIFO(mode):
    """S_ISFIFO(mode) -> bool

Return True if mode is from a FIFO (named pipe)."""
    return S_IFMT(mode) == S_IFIFO


def S_ISLNK(mode):
    """S_ISLNK(mode) -> bool

Return True if mode is from a symbolic link."""
    return S_IFMT(mode) == S_IFLNK


def S_ISSOCK(mode):
    """S_ISSOCK(mode) -> bool

Return True if mode is from a socket."""
    return S_IFMT(mode) == S_IFSOCK


def S_ISDOOR(mode):
    """S_ISDOOR(mode) -> bool

Return True if mode is from a door."""
    _mode(mode)
    return False


def S_ISPORT(mode):
    """S_ISPORT(mode) -> bool

Return True if mode is from an event port."""
    _mode(mode)
    return False


def S_ISWHT(mode):
    """S_ISWHT(mode) -> bool

Return True if mode is from a whiteout."""
    _mode(mode)
    return False


# filemode(): the type letter, then for each of user, group, other the
# r/w/x letters; set-id and sticky bits show in the x place (s/S, t/T).
_TYPE_LETTERS = ((S_IFLNK, "l"), (S_IFSOCK, "s"), (S_IFREG, "-"), (S_IFBLK, "b"),
                 (S_IFDIR, "d"), (S_IFCHR, "c"), (S_IFIFO, "p"))


def filemode(mode):
    """Convert a file's mode to a string of the form '-rwxrwxrwx'"""
    mode = _mode(mode)
    kind = mode & 0o170000
    out = ["?"]
    for bits, letter in _TYPE_LETTERS:
        if kind == bits:
            out[0] = letter
            break
    for shift, special, on, off in ((6, S_ISUID, "s", "S"), (3, S_ISGID, "s", "S"), (0, S_ISVTX, "t", "T")):
        perm = (mode >> shift) & 7
        out.append("r" if perm & 4 else "-")
        out.append("w" if perm & 2 else "-")
        if mode & special:
            out.append(on if perm & 1 else off)
        else:
            out.append("x" if perm & 1 else "-")
    return "".join(out)
