"""The path classes of pathlib (torii's pathlib._local).

A path object is immutable once made.  Its constructor arguments (str
or os.PathLike objects returning str) are joined as the flavour joins
paths and the result is parsed at once into three pieces:

    _drv   the drive ('c:', '\\\\server\\share' on Windows; '' on POSIX)
    _root  the root ('/', or '//' for exactly two leading POSIX slashes)
    _tail  the list of the remaining components, '' and '.' removed

and `_trail`, whether the last argument ended with a separator (which
glob() reads as "directories only").  Everything else is computed from
those pieces; the string form is cached in `_text`.  The flavours
differ only in the `_Flavour` object in the class attribute `_flav`
(separators, root splitting, case folding).  PureWindowsPath covers
drives, UNC shares, case-insensitive comparison and matching; it does
not know reserved names, and the \\\\?\\ device prefixes are parsed as
ordinary UNC drives.

Threads: path objects are never changed after __init__ (the cached
string may be computed twice by racing threads, to the same value).
"""

import fnmatch
import io
import os
import re
import stat as _st
from collections.abc import Sequence

from pathlib._abc import PathBase, PurePathBase, UnsupportedOperation

__all__ = ["PurePath", "PurePosixPath", "PureWindowsPath",
           "Path", "PosixPath", "WindowsPath"]


# -- flavours ------------------------------------------------------------------

class _Flavour:
    # What differs between POSIX and Windows paths.

    def __init__(self, sep, altsep, folds_case, module):
        self.sep = sep
        self.altsep = altsep
        self.folds_case = folds_case
        self.module = module    # what PurePath.parser shows

    def fold(self, text):
        return text.lower() if self.folds_case else text

    def split_anchor(self, text):
        # (drive, root, rest) of one argument, separators already
        # normalised to self.sep.
        sep = self.sep
        if not self.folds_case:
            if text[:1] != sep:
                return '', '', text
            if text[1:2] == sep and text[2:3] != sep:
                return '', sep * 2, text[2:]
            return '', sep, text.lstrip(sep)
        if text[:2] == sep * 2:
            # \\server\share: the drive runs to the separator after share
            first = text.find(sep, 2)
            if first < 0:
                return text, '', ''
            second = text.find(sep, first + 1)
            if second < 0:
                return text, '', ''
            return text[:second], sep, text[second + 1:]
        if text[:1] == sep:
            return '', sep, text[1:]
        if text[1:2] == ':':
            if text[2:3] == sep:
                return text[:2], sep, text[3:]
            return text[:2], '', text[2:]
        return '', '', text


class _WindowsParser:
    # PureWindowsPath.parser: the few ntpath functions pathlib users
    # reach for.
    sep = '\\'
    altsep = '/'

    @staticmethod
    def normcase(s):
        return os.fspath(s).replace('/', '\\').lower()

    @staticmethod
    def splitroot(p):
        return _WINDOWS.split_anchor(os.fspath(p).replace('/', '\\'))

    @classmethod
    def splitdrive(cls, p):
        drv, root, rest = cls.splitroot(p)
        return drv, root + rest

    @classmethod
    def isabs(cls, p):
        drv, root, _ = cls.splitroot(p)
        return bool(root) and (bool(drv) or True)

    @staticmethod
    def join(*parts):
        return str(PureWindowsPath(*parts))


_POSIX = _Flavour('/', None, False, os.path)
_WINDOWS = _Flavour('\\', '/', True, _WindowsParser)


def _as_text(arg):
    # The str an argument stands for, or the TypeError CPython gives.
    if isinstance(arg, str):
        return arg
    try:
        text = os.fspath(arg)
    except TypeError:
        text = arg
    if not isinstance(text, str):
        raise TypeError("argument should be a str or an os.PathLike object "
                        "where __fspath__ returns a str, not %r"
                        % type(text).__name__)
    return text


def _parse(flav, texts):
    # (drive, root, tail, trailing separator) of the joined arguments.
    drv = root = ''
    tail = []
    trail = False
    sep = flav.sep
    for text in texts:
        if flav.altsep:
            text = text.replace(flav.altsep, sep)
        if not text:
            continue
        d, r, rest = flav.split_anchor(text)
        if r:
            if d or not drv:
                drv = d
            root = r
            tail = []
        elif d:
            if flav.fold(d) != flav.fold(drv):
                drv, root, tail = d, '', []
            else:
                drv = d
        tail.extend(x for x in rest.split(sep) if x and x != '.')
        trail = text[-1:] == sep
    if drv and not root and drv[:1] == sep and flav.folds_case:
        # A UNC share always has a root.
        root = sep
    return drv, root, tail, trail


# -- PurePath ------------------------------------------------------------------

class _PathParents(Sequence):
    # path.parents: the logical ancestors, nearest first.

    __slots__ = ('_path', '_drv', '_root', '_tail')

    def __init__(self, path):
        self._path = path
        self._drv = path._drv
        self._root = path._root
        self._tail = path._tail

    def __len__(self):
        return len(self._tail)

    def __getitem__(self, idx):
        if isinstance(idx, slice):
            return tuple(self[i] for i in range(*idx.indices(len(self))))
        size = len(self)
        if idx >= size or idx < -size:
            raise IndexError(idx)
        if idx < 0:
            idx += size
        return self._path._made(self._drv, self._root, self._tail[:size - idx - 1])

    def __repr__(self):
        return "<{}.parents>".format(type(self._path).__name__)


class PurePath(PurePathBase):
    """A path that is only computed with, never looked up: instantiating
    PurePath gives the flavour of this system (PurePosixPath here)."""

    __slots__ = ('_segs', '_drv', '_root', '_tail', '_trail', '_text', '_hash')
    _flav = _POSIX

    def __new__(cls, *args, **kwargs):
        if cls is PurePath:
            cls = PureWindowsPath if os.name == 'nt' else PurePosixPath
        return object.__new__(cls)

    def __init__(self, *args):
        segs = []
        for arg in args:
            if isinstance(arg, PurePath):
                if arg._flav is _WINDOWS and self._flav is _POSIX:
                    segs.extend(s.replace('\\', '/') for s in arg._segs)
                else:
                    segs.extend(arg._segs)
            else:
                segs.append(_as_text(arg))
        self._segs = segs
        self._drv, self._root, self._tail, self._trail = _parse(self._flav, segs)
        self._text = None
        self._hash = None

    def with_segments(self, *pathsegments):
        """A path of this type from the given segments (subclasses
        override it to pass their own state on)."""
        return type(self)(*pathsegments)

    def _made(self, drv, root, tail):
        # A path of this type from already parsed pieces.
        text = self._format(drv, root, tail)
        made = self.with_segments(text)
        made._text = text
        return made

    def _format(self, drv, root, tail):
        sep = self._flav.sep
        if drv or root:
            return drv + root + sep.join(tail)
        if tail and self._flav.folds_case and tail[0][1:2] == ':':
            return '.' + sep + sep.join(tail)
        return sep.join(tail) or '.'

    @property
    def parser(self):
        return self._flav.module

    # -- string forms --------------------------------------------------------

    def __str__(self):
        if self._text is None:
            self._text = self._format(self._drv, self._root, self._tail)
        return self._text

    def __fspath__(self):
        return str(self)

    def __bytes__(self):
        return os.fsencode(str(self))

    def __repr__(self):
        return "{}({!r})".format(type(self).__name__, self.as_posix())

    def __reduce__(self):
        return (type(self), self.parts)

    def as_posix(self):
        """The path with forward slashes."""
        return str(self).replace(self._flav.sep, '/')

    def as_uri(self):
        """The path as a 'file:' URI."""
        if not self.is_absolute():
            raise ValueError("relative path can't be expressed as a file URI")
        drv = self._drv
        text = self.as_posix()
        if len(drv) == 2 and drv[1] == ':':
            return 'file:///' + drv + _quote(os.fsencode(text[2:]))
        if drv:
            return 'file:' + _quote(os.fsencode(text))
        return 'file://' + _quote(os.fsencode(text))

    # -- comparison ----------------------------------------------------------

    def _key(self):
        return self._flav.fold(str(self))

    def _order(self):
        return self._key().split(self._flav.sep)

    def __eq__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self._flav is other._flav and self._key() == other._key()

    def __hash__(self):
        if self._hash is None:
            self._hash = hash(self._key())
        return self._hash

    def _comparable(self, other):
        return isinstance(other, PurePath) and self._flav is other._flav

    def __lt__(self, other):
        if not self._comparable(other):
            return NotImplemented
        return self._order() < other._order()

    def __le__(self, other):
        if not self._comparable(other):
            return NotImplemented
        return self._order() <= other._order()

    def __gt__(self, other):
        if not self._comparable(other):
            return NotImplemented
        return self._order() > other._order()

    def __ge__(self, other):
        if not self._comparable(other):
            return NotImplemented
        return self._order() >= other._order()

    # -- pieces --------------------------------------------------------------

    @property
    def drive(self):
        """The drive ('' on POSIX)."""
        return self._drv

    @property
    def root(self):
        """The root, if any."""
        return self._root

    @property
    def anchor(self):
        """Drive and root together."""
        return self._drv + self._root

    @property
    def parts(self):
        """The components, the anchor first when there is one."""
        if self._drv or self._root:
            return (self._drv + self._root,) + tuple(self._tail)
        return tuple(self._tail)

    @property
    def name(self):
        """The last component ('' for an anchor or '.')."""
        return self._tail[-1] if self._tail else ''

    @property
    def suffix(self):
        """The extension of the last component, with its dot."""
        name = self.name
        dot = name.rfind('.')
        if 0 < dot < len(name) - 1:
            return name[dot:]
        return ''

    @property
    def suffixes(self):
        """All the extensions of the last component."""
        name = self.name
        if name.endswith('.'):
            return []
        pieces = name.lstrip('.').split('.')
        return ['.' + piece for piece in pieces[1:]]

    @property
    def stem(self):
        """The last component without its suffix."""
        name = self.name
        dot = name.rfind('.')
        if 0 < dot < len(name) - 1:
            return name[:dot]
        return name

    @property
    def parent(self):
        """The logical parent (the path itself for an anchor or '.')."""
        if not self._tail:
            return self
        return self._made(self._drv, self._root, self._tail[:-1])

    @property
    def parents(self):
        """The logical ancestors, as a sequence."""
        return _PathParents(self)

    # -- derived paths -------------------------------------------------------

    def _bad_name(self, name):
        flav = self._flav
        if not name or name == '.' or flav.sep in name:
            return True
        return bool(flav.altsep) and flav.altsep in name

    def with_name(self, name):
        """This path with its last component replaced by name."""
        if not self.name:
            raise ValueError("%r has an empty name" % (self,))
        if self._bad_name(name):
            raise ValueError("Invalid name %r" % (name,))
        return self._made(self._drv, self._root, self._tail[:-1] + [name])

    def with_stem(self, stem):
        """This path with the stem of its last component replaced."""
        suffix = self.suffix
        if not suffix:
            return self.with_name(stem)
        if not stem:
            raise ValueError("%r has a non-empty suffix" % (self,))
        return self.with_name(stem + suffix)

    def with_suffix(self, suffix):
        """This path with its suffix changed ('' removes it)."""
        stem = self.stem
        if not stem:
            raise ValueError("%r has an empty name" % (self,))
        if suffix and not (suffix.startswith('.') and len(suffix) > 1):
            raise ValueError("Invalid suffix %r" % (suffix,))
        return self.with_name(stem + suffix)

    def joinpath(self, *pathsegments):
        """This path with the segments appended (an absolute one
        replaces what comes before it)."""
        return self.with_segments(self, *pathsegments)

    def __truediv__(self, key):
        try:
            return self.with_segments(self, key)
        except TypeError:
            return NotImplemented

    def __rtruediv__(self, key):
        try:
            return self.with_segments(key, self)
        except TypeError:
            return NotImplemented

    def relative_to(self, other, *, walk_up=False):
        """This path relative to other; with walk_up, other need not be
        an ancestor ('..' components are added)."""
        if not isinstance(other, PurePath):
            other = self.with_segments(other)
        ups = 0
        for base in [other] + list(other.parents):
            if base == self or base in self.parents:
                break
            if not walk_up:
                raise ValueError("%r is not in the subpath of %r"
                                 % (str(self), str(other)))
            if base.name == '..':
                raise ValueError("'..' segment in %r cannot be walked"
                                 % (str(other),))
            ups += 1
        else:
            raise ValueError("%r and %r have different anchors"
                             % (str(self), str(other)))
        return self._made('', '', ['..'] * ups + self._tail[len(base._tail):])

    def is_relative_to(self, other):
        """Whether this path is other or lies below it."""
        if not isinstance(other, PurePath):
            other = self.with_segments(other)
        return other == self or other in self.parents

    def is_absolute(self):
        """Whether the path has a root (and, on Windows, a drive)."""
        if self._flav.folds_case:
            return bool(self._drv and self._root)
        return bool(self._root)

    def is_reserved(self):
        """Whether the path is reserved by Windows (never on POSIX)."""
        import warnings
        warnings.warn("pathlib.PurePath.is_reserved() is deprecated and "
                      "scheduled for removal in Python 3.15. Use "
                      "os.path.isreserved() to detect reserved paths on "
                      "Windows.", DeprecationWarning, stacklevel=2)
        return False

    # -- matching ------------------------------------------------------------

    def _case_flag(self, case_sensitive):
        if case_sensitive is None:
            case_sensitive = not self._flav.folds_case
        return 0 if case_sensitive else re.IGNORECASE

    def match(self, path_pattern, *, case_sensitive=None):
        """Whether the path ends with the components of the glob-style
        pattern (all of them for an absolute pattern)."""
        if not isinstance(path_pattern, PurePath):
            path_pattern = self.with_segments(path_pattern)
        flags = self._case_flag(case_sensitive)
        mine = self.parts[::-1]
        theirs = path_pattern.parts[::-1]
        if not theirs:
            raise ValueError("empty pattern")
        if len(mine) < len(theirs):
            return False
        if len(mine) > len(theirs) and path_pattern.anchor:
            return False
        for part, pat in zip(mine, theirs):
            if _part_matcher(pat, flags)(part) is None:
                return False
        return True

    def full_match(self, pattern, *, case_sensitive=None):
        """Whether the whole path matches the glob-style pattern, in
        which '**' stands for any number of components."""
        import glob
        if not isinstance(pattern, PurePath):
            pattern = self.with_segments(pattern)
        flags = self._case_flag(case_sensitive)
        sep = pattern._flav.sep
        regex = glob.translate(pattern._pattern_text(), recursive=True,
                               include_hidden=True, seps=sep)
        return re.compile(regex, flags).match(self._pattern_text()) is not None

    def _pattern_text(self):
        text = str(self)
        if self._trail and self._tail:
            text += self._flav.sep
        return text


class PurePosixPath(PurePath):
    """A PurePath with POSIX conventions."""
    __slots__ = ()
    _flav = _POSIX


class PureWindowsPath(PurePath):
    """A PurePath with Windows conventions: drives, backslashes, and
    letter case ignored in comparisons."""
    __slots__ = ()
    _flav = _WINDOWS


def _part_matcher(pattern, flags, _cache={}):
    key = (pattern, flags)
    found = _cache.get(key)
    if found is None:
        found = re.compile(fnmatch.translate(pattern), flags).match
        if len(_cache) > 256:
            _cache.clear()
        _cache[key] = found
    return found


_SAFE_BYTES = frozenset(b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
                        b'0123456789_.-~/')


def _quote(data):
    # Percent-encoding of bytes for a URI path.
    return ''.join(chr(b) if b in _SAFE_BYTES else '%%%02X' % b for b in data)


def _unquote(text):
    # The inverse of _quote (any %XX), decoded as the file system does.
    if '%' not in text:
        return text
    out = bytearray()
    pos = 0
    size = len(text)
    while pos < size:
        ch = text[pos]
        if ch == '%' and pos + 2 < size + 0 and _is_hex(text[pos + 1:pos + 3]):
            out.append(int(text[pos + 1:pos + 3], 16))
            pos += 3
        else:
            out.extend(ch.encode('utf-8'))
            pos += 1
    return out.decode('utf-8', 'replace')


def _is_hex(pair):
    return len(pair) == 2 and all(c in '0123456789abcdefABCDEF' for c in pair)


# -- Path ----------------------------------------------------------------------

class Path(PathBase, PurePath):
    """A PurePath that can also look at and change the file system;
    instantiating Path gives PosixPath here."""

    __slots__ = ()

    def __new__(cls, *args, **kwargs):
        if cls is Path:
            cls = WindowsPath if os.name == 'nt' else PosixPath
        return object.__new__(cls)

    # -- looking -------------------------------------------------------------

    def stat(self, *, follow_symlinks=True):
        """os.stat() of the path."""
        return os.stat(self, follow_symlinks=follow_symlinks)

    def lstat(self):
        """os.lstat() of the path (a link itself)."""
        return os.lstat(self)

    def _mode(self, follow_symlinks=True):
        # st_mode, or 0 when the path cannot be looked at.
        try:
            return os.stat(self, follow_symlinks=follow_symlinks).st_mode
        except (OSError, ValueError):
            return 0

    def exists(self, *, follow_symlinks=True):
        """Whether something is at the path (a dangling link counts
        only with follow_symlinks false)."""
        if follow_symlinks:
            return os.path.exists(self)
        return os.path.lexists(self)

    def is_dir(self, *, follow_symlinks=True):
        """Whether the path is a directory."""
        return _st.S_ISDIR(self._mode(follow_symlinks))

    def is_file(self, *, follow_symlinks=True):
        """Whether the path is a regular file."""
        return _st.S_ISREG(self._mode(follow_symlinks))

    def is_symlink(self):
        """Whether the path is a symbolic link."""
        return _st.S_ISLNK(self._mode(False))

    def is_mount(self):
        """Whether the path is a mount point."""
        return os.path.ismount(self)

    def is_junction(self):
        """Whether the path is a junction (never on POSIX)."""
        return False

    def is_block_device(self):
        return _st.S_ISBLK(self._mode())

    def is_char_device(self):
        return _st.S_ISCHR(self._mode())

    def is_fifo(self):
        return _st.S_ISFIFO(self._mode())

    def is_socket(self):
        return _st.S_ISSOCK(self._mode())

    def samefile(self, other_path):
        """Whether other_path names the same file."""
        mine = self.stat()
        if not hasattr(other_path, 'stat'):
            other_path = self.with_segments(other_path)
        return os.path.samestat(mine, other_path.stat())

    # -- reading and writing -------------------------------------------------

    def open(self, mode='r', buffering=-1, encoding=None, errors=None,
             newline=None):
        """The file at the path, opened as the builtin open() does."""
        # str(self): torii's io.open takes no os.PathLike objects.
        return io.open(str(self), mode, buffering=buffering, encoding=encoding,
                       errors=errors, newline=newline)

    def read_bytes(self):
        """The contents of the file, as bytes."""
        with self.open(mode='rb') as f:
            return f.read()

    def read_text(self, encoding=None, errors=None, newline=None):
        """The contents of the file, as str."""
        # Universal newlines done here: torii's text files do not yet
        # translate '\r\n' and '\r' when reading.
        with self.open(mode='r', encoding=encoding, errors=errors,
                       newline='' if newline is None else newline) as f:
            text = f.read()
        if newline is None:
            text = text.replace('\r\n', '\n').replace('\r', '\n')
        return text

    def write_bytes(self, data):
        """Replace the file's contents by data; returns its size."""
        if not isinstance(data, (bytes, bytearray)):
            raise TypeError("memoryview: a bytes-like object is required, "
                            "not %r" % type(data).__name__)
        with self.open(mode='wb') as f:
            return f.write(data)

    def write_text(self, data, encoding=None, errors=None, newline=None):
        """Replace the file's contents by the str data; returns the
        number of characters written."""
        if not isinstance(data, str):
            raise TypeError('data must be str, not %s' % type(data).__name__)
        with self.open(mode='w', encoding=encoding, errors=errors,
                       newline=newline) as f:
            return f.write(data)

    # -- directories ---------------------------------------------------------

    def _child(self, name):
        if not self._tail and not self._drv and not self._root:
            return self._made('', '', [name])
        return self._made(self._drv, self._root, self._tail + [name])

    def iterdir(self):
        """The entries of the directory (not '.' or '..'), as paths, in
        the order the file system gives."""
        with os.scandir(str(self)) as listing:
            names = [entry.name for entry in listing]
        return iter([self._child(name) for name in names])

    def glob(self, pattern, *, case_sensitive=None, recurse_symlinks=False):
        """The paths below this one that match the relative glob-style
        pattern; '**' matches any number of directories (including
        none), and wildcards match names starting with a dot too."""
        if not isinstance(pattern, PurePath):
            pattern = self.with_segments(pattern)
        if pattern.anchor:
            raise NotImplementedError("Non-relative patterns are unsupported")
        parts = list(pattern._tail)
        if not parts:
            raise ValueError("Unacceptable pattern: {!r}".format(pattern))
        if pattern._trail:
            parts.append('')
        flags = self._case_flag(case_sensitive)
        return _Glob(flags, recurse_symlinks).run(self, parts)

    def rglob(self, pattern, *, case_sensitive=None, recurse_symlinks=False):
        """glob() with '**/' put in front of pattern."""
        pattern = self.with_segments('**', pattern)
        return self.glob(pattern, case_sensitive=case_sensitive,
                         recurse_symlinks=recurse_symlinks)

    def walk(self, top_down=True, on_error=None, follow_symlinks=False):
        """Yield (dirpath, dirnames, filenames) for this directory and
        each one beneath, as os.walk does; links to directories are
        listed with the files unless follow_symlinks."""
        pending = [self]
        while pending:
            top = pending.pop()
            if isinstance(top, tuple):
                yield top
                continue
            try:
                listing = os.scandir(str(top))
            except OSError as exc:
                if on_error is not None:
                    on_error(exc)
                continue
            dirnames = []
            filenames = []
            with listing:
                for entry in listing:
                    try:
                        is_dir = entry.is_dir(follow_symlinks=follow_symlinks)
                    except OSError:
                        is_dir = False
                    (dirnames if is_dir else filenames).append(entry.name)
            if top_down:
                yield top, dirnames, filenames
            else:
                pending.append((top, dirnames, filenames))
            pending.extend(top._child(d) for d in reversed(dirnames))

    # -- changing ------------------------------------------------------------

    def mkdir(self, mode=0o777, parents=False, exist_ok=False):
        """Create the directory (and, with parents, missing ancestors)."""
        try:
            os.mkdir(self, mode)
        except FileNotFoundError:
            if not parents or self.parent == self:
                raise
            self.parent.mkdir(parents=True, exist_ok=True)
            self.mkdir(mode, parents=False, exist_ok=exist_ok)
        except OSError:
            if not exist_ok or not self.is_dir():
                raise

    def rmdir(self):
        """Remove the (empty) directory."""
        os.rmdir(self)

    def unlink(self, missing_ok=False):
        """Remove the file or link; missing_ok: no error if absent."""
        try:
            os.unlink(self)
        except FileNotFoundError:
            if not missing_ok:
                raise

    def touch(self, mode=0o666, exist_ok=True):
        """Create the file, or update its times if it exists."""
        if exist_ok:
            try:
                os.utime(self, None)
                return
            except OSError:
                pass
        flags = os.O_CREAT | os.O_WRONLY
        if not exist_ok:
            flags |= os.O_EXCL
        os.close(os.open(self, flags, mode))

    def rename(self, target):
        """Rename to target; returns the new path."""
        os.rename(self, target)
        return self.with_segments(target)

    def replace(self, target):
        """Rename to target, replacing what is there; returns the new
        path."""
        os.replace(self, target)
        return self.with_segments(target)

    def chmod(self, mode, *, follow_symlinks=True):
        """Change the permission bits."""
        os.chmod(self, mode, follow_symlinks=follow_symlinks)

    def lchmod(self, mode):
        """chmod() of a link itself."""
        self.chmod(mode, follow_symlinks=False)

    def symlink_to(self, target, target_is_directory=False):
        """Make this path a symbolic link to target."""
        os.symlink(target, self, target_is_directory)

    def hardlink_to(self, target):
        """Make this path a hard link to target."""
        os.link(target, self)

    def readlink(self):
        """The path a symbolic link points to."""
        return self.with_segments(os.readlink(self))

    def owner(self, *, follow_symlinks=True):
        """The login name of the file's owner."""
        uid = self.stat(follow_symlinks=follow_symlinks).st_uid
        return _name_for('/etc/passwd', uid, 'uid')

    def group(self, *, follow_symlinks=True):
        """The name of the file's group."""
        gid = self.stat(follow_symlinks=follow_symlinks).st_gid
        return _name_for('/etc/group', gid, 'gid')

    # -- other paths ---------------------------------------------------------

    def absolute(self):
        """The path made absolute from the current directory, without
        resolving '..' or links."""
        if self.is_absolute():
            return self
        cwd = os.getcwd()
        if not self._tail:
            made = self.with_segments(cwd)
            return made
        drv, root, tail, _ = _parse(self._flav, [cwd])
        return self._made(drv, root, tail + self._tail)

    def resolve(self, strict=False):
        """The absolute path with links and '..' resolved; strict: the
        path must exist."""
        return self.with_segments(os.path.realpath(self, strict=strict))

    def expanduser(self):
        """The path with a leading ~ or ~user replaced by that home."""
        if self._drv or self._root or not self._tail or self._tail[0][:1] != '~':
            return self
        home = os.path.expanduser(self._tail[0])
        if home[:1] == '~':
            raise RuntimeError("Could not determine home directory.")
        drv, root, tail, _ = _parse(self._flav, [home])
        return self._made(drv, root, tail + self._tail[1:])

    @classmethod
    def cwd(cls):
        """The current directory."""
        return cls().absolute()

    @classmethod
    def home(cls):
        """The user's home directory."""
        return cls('~').expanduser()

    @classmethod
    def from_uri(cls, uri):
        """The path a 'file:' URI names."""
        if not uri.startswith('file:'):
            raise ValueError(f"URI does not start with 'file:': {uri!r}")
        text = uri[5:]
        if text[:3] == '///':
            text = text[2:]
        elif text[:12] == '//localhost/':
            text = text[11:]
        if text[:3] == '///' or (text[:1] == '/' and text[2:3] in ':|'):
            text = text[1:]
        if text[1:2] == '|':
            text = text[:1] + ':' + text[2:]
        made = cls(_unquote(text))
        if not made.is_absolute():
            raise ValueError(f"URI is not absolute: {uri!r}")
        return made


class PosixPath(Path, PurePosixPath):
    """A Path on a POSIX system."""
    __slots__ = ()

    if os.name == 'nt':
        def __new__(cls, *args, **kwargs):
            raise UnsupportedOperation(
                f"cannot instantiate {cls.__name__!r} on your system")


class WindowsPath(Path, PureWindowsPath):
    """A Path on a Windows system."""
    __slots__ = ()

    if os.name != 'nt':
        def __new__(cls, *args, **kwargs):
            raise UnsupportedOperation(
                f"cannot instantiate {cls.__name__!r} on your system")


def _name_for(table, number, what):
    # The name of a uid/gid in /etc/passwd or /etc/group.
    try:
        with open(table) as lines:
            for line in lines:
                fields = line.rstrip('\n').split(':')
                if len(fields) > 2 and fields[2] == str(number):
                    return fields[0]
    except OSError:
        pass
    if what == 'uid':
        raise KeyError('getpwuid(): uid not found: %d' % number)
    raise KeyError('getgrgid(): gid not found: %d' % number)


class _Glob:
    # One Path.glob() call: its options and the walk over the pattern's
    # components.  A component is '**' (any depth), '' (the pattern
    # ended with a separator: directories only), a literal name (looked
    # up directly when letter case counts) or a wildcard (matched
    # against the directory's entries).

    def __init__(self, flags, recurse_symlinks):
        self.flags = flags
        self.follow = recurse_symlinks

    def run(self, start, parts):
        # Consecutive '**' mean no more than one.
        squeezed = []
        for part in parts:
            if part == '**' and squeezed and squeezed[-1] == '**':
                continue
            squeezed.append(part)
        return self._steps(iter([start]), squeezed, 0)

    def _steps(self, paths, parts, at):
        if at == len(parts):
            yield from paths
            return
        part = parts[at]
        last = at == len(parts) - 1
        if part == '':
            chosen = (p for p in paths if p.is_dir())
        elif part == '**':
            chosen = self._deep(paths, last)
        elif part == '..' or (not self.flags and not _has_wild(part)):
            chosen = self._literal(paths, part, last)
        else:
            chosen = self._wild(paths, part, last)
        yield from self._steps(chosen, parts, at + 1)

    def _literal(self, paths, part, last):
        for path in paths:
            child = path._child(part)
            if not last or os.path.lexists(child):
                yield child

    def _wild(self, paths, part, last):
        match = _part_matcher(part, self.flags)
        for path in paths:
            try:
                with os.scandir(str(path)) as listing:
                    entries = list(listing)
            except OSError:
                continue
            for entry in entries:
                if match(entry.name) is None:
                    continue
                if not last:
                    try:
                        if not entry.is_dir():
                            continue
                    except OSError:
                        continue
                yield path._child(entry.name)

    def _deep(self, paths, last):
        # Each path that is a directory, then everything beneath it
        # (only directories unless '**' ends the pattern).
        for path in paths:
            if not path.is_dir():
                continue
            yield path
            stack = [path]
            while stack:
                here = stack.pop()
                try:
                    with os.scandir(str(here)) as listing:
                        entries = list(listing)
                except OSError:
                    continue
                below = []
                for entry in entries:
                    try:
                        descend = entry.is_dir(follow_symlinks=self.follow)
                    except OSError:
                        descend = False
                    if descend or last:
                        child = here._child(entry.name)
                        yield child
                        if descend:
                            below.append(child)
                stack.extend(reversed(below))


def _has_wild(part):
    return '*' in part or '?' in part or '[' in part
