"""Temporary files and directories (torii's tempfile).

The low-level makers mkstemp() and mkdtemp() create a new file or
directory, readable and writable by its owner only, and hand back its
path; the name is made of a prefix, eight random characters and a
suffix, and the creation uses O_EXCL (mkdir for a directory) so that a
name somebody else holds is skipped and another drawn, up to TMP_MAX
times.  mktemp() only picks a name nobody holds at the moment (unsafe:
someone may take it before you do).  TemporaryFile, NamedTemporaryFile,
SpooledTemporaryFile and TemporaryDirectory build on them and remove
what they made when closed or cleaned up.

The directory used when none is given is found once, by gettempdir():
$TMPDIR, $TEMP, $TMP, then /tmp, /var/tmp, /usr/tmp and the current
directory, the first one in which a file can be created.  Setting the
module's `tempdir` beforehand overrides the search.

Threads: the random names come from one random.Random, reseeded after a
fork, drawn from under `_names_lock`; `tempdir` is computed under
`_tempdir_lock`, so two threads calling gettempdir() first agree.
"""

import errno as _errno
import io as _io
import os as _os
import random as _random
import sys as _sys
import threading as _threading
import warnings as _warnings
import weakref as _weakref

__all__ = [
    "NamedTemporaryFile", "TemporaryFile",
    "SpooledTemporaryFile", "TemporaryDirectory",
    "mkstemp", "mkdtemp",
    "mktemp",
    "TMP_MAX", "gettempprefix",
    "tempdir", "gettempdir",
    "gettempprefixb", "gettempdirb",
]

TMP_MAX = 238328          # CPython's os.TMP_MAX on Linux
template = "tmp"
tempdir = None

_GenericAlias = type(list[int])

_FILE_FLAGS = (_os.O_RDWR | _os.O_CREAT | _os.O_EXCL
               | getattr(_os, 'O_NOFOLLOW', 0) | getattr(_os, 'O_CLOEXEC', 0))


# -- random names --------------------------------------------------------------

_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789_"
_names_lock = _threading.Lock()
_names_state = [None, None]     # [random.Random, pid it was seeded in]


def _random_name():
    # Eight characters from _ALPHABET.  A child process of a fork would
    # repeat its parent's sequence: a new pid gets a fresh generator.
    with _names_lock:
        pid = _os.getpid()
        if _names_state[1] != pid:
            _names_state[0] = _random.Random()
            _names_state[1] = pid
        pick = _names_state[0].choice
        return ''.join([pick(_ALPHABET) for _ in range(8)])


def _names():
    # An endless supply of candidate names.
    while True:
        yield _random_name()


# -- the default directory -----------------------------------------------------

_tempdir_lock = _threading.Lock()


def _candidate_dirs():
    found = []
    for var in ('TMPDIR', 'TEMP', 'TMP'):
        value = _os.getenv(var)
        if value:
            found.append(value)
    found.extend(['/tmp', '/var/tmp', '/usr/tmp'])
    try:
        found.append(_os.getcwd())
    except (AttributeError, OSError):
        found.append(_os.curdir)
    return found


def _writable_dir():
    # The first candidate in which a file can really be created.
    tried = []
    for where in _candidate_dirs():
        if where != _os.curdir:
            where = _os.path.abspath(where)
        for _ in range(100):
            probe = _os.path.join(where, _random_name())
            try:
                fd = _os.open(probe, _FILE_FLAGS, 0o600)
            except FileExistsError:
                continue
            except OSError:
                break
            try:
                _os.write(fd, b'probe')
            except OSError:
                _os.close(fd)
                _os.unlink(probe)
                break
            _os.close(fd)
            _os.unlink(probe)
            return where
        tried.append(where)
    raise FileNotFoundError(_errno.ENOENT,
                            "No usable temporary directory found in %s" % tried)


def _tempdir():
    global tempdir
    if tempdir is None:
        with _tempdir_lock:
            if tempdir is None:
                tempdir = _writable_dir()
    return tempdir


def gettempdir():
    """The directory temporary files go to by default (a str)."""
    return _os.fsdecode(_tempdir())


def gettempdirb():
    """gettempdir() as bytes."""
    return _os.fsencode(_tempdir())


def gettempprefix():
    """The default prefix of temporary names (a str)."""
    return _os.fsdecode(template)


def gettempprefixb():
    """The default prefix of temporary names as bytes."""
    return _os.fsencode(template)


# -- argument checking -----------------------------------------------------------

def _kind_of(*parts):
    # str or bytes: the type the given name parts (None: any) agree on.
    kind = None
    for part in parts:
        if part is None:
            continue
        if isinstance(part, _os.PathLike):
            part = _os.fspath(part)
        this = bytes if isinstance(part, bytes) else str
        if kind is None:
            kind = this
        elif kind is not this:
            raise TypeError("Can't mix bytes and non-bytes in path components.")
    return str if kind is None else kind


def _fill_defaults(prefix, suffix, dir):
    # prefix, suffix, dir with None replaced, and the str/bytes kind.
    kind = _kind_of(prefix, suffix, dir)
    if suffix is None:
        suffix = kind()
    if prefix is None:
        prefix = template if kind is str else _os.fsencode(template)
    if dir is None:
        dir = gettempdir() if kind is str else gettempdirb()
    return prefix, suffix, dir, kind


def _make(dir, prefix, suffix, create):
    # Calls create(path) on fresh names until one works; the path made.
    names = _names()
    for _ in range(TMP_MAX):
        middle = next(names)
        if isinstance(prefix, bytes):
            middle = _os.fsencode(middle)
        path = _os.path.join(dir, prefix + middle + suffix)
        try:
            result = create(path)
        except FileExistsError:
            continue
        return path, result
    raise FileExistsError(_errno.EEXIST, "No usable temporary file name found")


def _open_new(path):
    return _os.open(path, _FILE_FLAGS, 0o600)


def _mkstemp(dir, prefix, suffix):
    dir = _os.path.abspath(dir)
    path, fd = _make(dir, prefix, suffix, _open_new)
    return fd, path


def mkstemp(suffix=None, prefix=None, dir=None, text=False):
    """Create a new file only its owner may read and write and return
    (an open OS-level descriptor of it, its absolute path).  The caller
    closes and removes it.  `text` has no effect on POSIX."""
    prefix, suffix, dir, _ = _fill_defaults(prefix, suffix, dir)
    fd, path = _mkstemp(dir, prefix, suffix)
    return fd, path


def mkdtemp(suffix=None, prefix=None, dir=None):
    """Create a new directory only its owner may use and return its
    absolute path.  The caller removes it."""
    prefix, suffix, dir, _ = _fill_defaults(prefix, suffix, dir)
    path, _ = _make(dir, prefix, suffix, lambda p: _os.mkdir(p, 0o700))
    return _os.path.abspath(path)


def mktemp(suffix="", prefix=template, dir=None):
    """A path that no file has at the moment of the call.  Unsafe: the
    name may be taken before it is used; prefer mkstemp()."""
    if dir is None:
        dir = gettempdir()
    names = _names()
    for _ in range(TMP_MAX):
        path = _os.path.join(dir, prefix + next(names) + suffix)
        if not _os.path.lexists(path):
            return path
    raise FileExistsError(_errno.EEXIST, "No usable temporary filename found")


def _unlink_quietly(path):
    try:
        _os.unlink(path)
    except FileNotFoundError:
        pass


# -- TemporaryFile and NamedTemporaryFile --------------------------------------

def _open_fd(fd, mode, buffering, newline, encoding, errors):
    if "b" not in mode:
        encoding = _io.text_encoding(encoding) if hasattr(_io, 'text_encoding') else encoding
    return _io.open(fd, mode, buffering=buffering, newline=newline,
                    encoding=encoding, errors=errors)


def TemporaryFile(mode='w+b', buffering=-1, encoding=None, newline=None,
                  suffix=None, prefix=None, dir=None, *, errors=None):
    """An open file object with no name in the file system: its entry
    is removed at once, the file goes when the object is closed."""
    prefix, suffix, dir, _ = _fill_defaults(prefix, suffix, dir)
    fd, path = _mkstemp(dir, prefix, suffix)
    try:
        _os.unlink(path)
        return _open_fd(fd, mode, buffering, newline, encoding, errors)
    except BaseException:
        _os.close(fd)
        raise


class _Remover:
    # Closes a named temporary file and, as asked, removes its entry:
    # on close() when delete and delete_on_close, on leaving a `with`
    # or being collected when delete.  Each step happens at most once.

    def __init__(self, file, name, delete, delete_on_close):
        self.file = file
        self.name = name
        self.delete = delete
        self.delete_on_close = delete_on_close
        self.closed = False
        self.removed = False

    def remove(self):
        if not self.removed:
            self.removed = True
            try:
                _unlink_quietly(self.name)
            except OSError:
                pass

    def close(self, leaving=False):
        try:
            if not self.closed:
                self.closed = True
                self.file.close()
        finally:
            if self.delete and (leaving or self.delete_on_close):
                self.remove()

    def __del__(self):
        if self.delete:
            try:
                self.close(leaving=True)
            except Exception:
                pass


class _TemporaryFileWrapper:
    """The object NamedTemporaryFile returns: a file with a `name` in
    the file system.  Attributes it lacks are those of `file`."""

    def __init__(self, file, name, delete=True, delete_on_close=True):
        self.file = file
        self.name = name
        self._remover = _Remover(file, name, delete, delete_on_close)

    def __getattr__(self, attr):
        file = self.__dict__['file']
        return getattr(file, attr)

    def __enter__(self):
        self.file.__enter__()
        return self

    def __exit__(self, exc, value, tb):
        self._remover.close(leaving=True)
        return None

    def close(self):
        """Close the file (and remove it, where delete_on_close)."""
        self._remover.close()

    def __iter__(self):
        for line in self.file:
            yield line

    __class_getitem__ = classmethod(_GenericAlias)


def NamedTemporaryFile(mode='w+b', buffering=-1, encoding=None,
                       newline=None, suffix=None, prefix=None, dir=None,
                       delete=True, *, errors=None, delete_on_close=True):
    """A temporary file with a visible name (the `name` attribute).
    With delete true it is removed when closed (delete_on_close) or at
    the end of its `with` block, whichever its options ask for."""
    prefix, suffix, dir, _ = _fill_defaults(prefix, suffix, dir)
    fd, path = _mkstemp(dir, prefix, suffix)
    try:
        file = _open_fd(fd, mode, buffering, newline, encoding, errors)
    except BaseException:
        _os.close(fd)
        _unlink_quietly(path)
        raise
    return _TemporaryFileWrapper(file, path, delete,
                                 delete_on_close)


# -- SpooledTemporaryFile ------------------------------------------------------

class _MemoryBytes(_io.BufferedIOBase):
    # A seekable, growable in-memory binary file: what SpooledTemporaryFile
    # writes to before it rolls over to disk (closing, iteration and the
    # rest of the plumbing come from io.BufferedIOBase).

    def __init__(self):
        self._data = bytearray()
        self._pos = 0

    def getvalue(self):
        self._checkClosed()
        return bytes(self._data)

    def write(self, b):
        self._checkClosed()
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        b = bytes(b)
        end = self._pos + len(b)
        if self._pos > len(self._data):
            self._data.extend(bytes(self._pos - len(self._data)))
        self._data[self._pos:end] = b
        self._pos = end
        return len(b)

    def read(self, size=-1):
        self._checkClosed()
        if size is None or size < 0:
            end = len(self._data)
        else:
            end = min(len(self._data), self._pos + size)
        if self._pos >= end:
            return b''
        chunk = bytes(self._data[self._pos:end])
        self._pos = end
        return chunk

    read1 = read

    def readline(self, size=-1):
        self._checkClosed()
        stop = self._data.find(b'\n', self._pos)
        end = len(self._data) if stop < 0 else stop + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        return self.read(max(0, end - self._pos))

    def seek(self, pos, whence=0):
        self._checkClosed()
        if whence == 1:
            pos += self._pos
        elif whence == 2:
            pos += len(self._data)
        if pos < 0:
            raise ValueError("negative seek value %d" % pos)
        self._pos = pos
        return pos

    def tell(self):
        self._checkClosed()
        return self._pos

    def truncate(self, size=None):
        self._checkClosed()
        if size is None:
            size = self._pos
        if size < 0:
            raise ValueError("negative size value %d" % size)
        del self._data[size:]
        return size

    def readable(self):
        self._checkClosed()
        return True

    writable = seekable = readable


class _MemoryText:
    # An io.StringIO whose positions are byte offsets in `encoding`, as
    # those of a text file over bytes are.

    def __init__(self, newline, encoding, errors):
        self._text = _io.StringIO(newline=newline)
        self._codec = (encoding, errors)

    def __getattr__(self, name):
        return getattr(self.__dict__['_text'], name)

    def __iter__(self):
        return iter(self._text)

    def _width(self, text):
        return len(text.encode(*self._codec))

    def tell(self):
        at = self._text.tell()
        return self._width(self._text.getvalue()[:at])

    def seek(self, cookie, whence=0):
        if whence != 0:
            return self._width(self._text.getvalue()[:self._text.seek(cookie, whence)])
        text = self._text.getvalue()
        index = 0
        width = 0
        while index < len(text) and width < cookie:
            width += self._width(text[index])
            index += 1
        self._text.seek(index + max(0, cookie - width))
        return cookie


class SpooledTemporaryFile:
    """A temporary file kept in memory until it grows past max_size
    bytes (never, when max_size is 0) or fileno() is asked for; then
    its data moves to a TemporaryFile ("rolls over")."""

    _rolled = False

    def __init__(self, max_size=0, mode='w+b', buffering=-1, encoding=None,
                 newline=None, suffix=None, prefix=None, dir=None, *,
                 errors=None):
        if 'b' in mode:
            self._file = _MemoryBytes()
        else:
            if encoding is None:
                encoding = 'UTF-8'
            if errors is None:
                errors = 'strict'
            self._file = _MemoryText(newline, encoding, errors)
        self._max_size = max_size
        self._later = dict(mode=mode, buffering=buffering, suffix=suffix,
                           prefix=prefix, encoding=encoding, newline=newline,
                           dir=dir, errors=errors)
        self._text_codec = (encoding, errors)

    __class_getitem__ = classmethod(_GenericAlias)

    def _maybe_roll(self):
        if not self._rolled and self._max_size and self._file.tell() > self._max_size:
            self.rollover()

    def rollover(self):
        """Move the data to a real temporary file (once)."""
        if self._rolled:
            return
        memory = self._file
        disk = TemporaryFile(**self._later)
        at = memory.tell()
        disk.write(memory.getvalue())
        disk.flush()
        disk.seek(at, 0)
        memory.close()
        self._file = disk
        self._rolled = True

    def __enter__(self):
        if self._file.closed:
            raise ValueError("Cannot enter context with closed file")
        return self

    def __exit__(self, exc, value, tb):
        self._file.close()

    def __iter__(self):
        return self._file.__iter__()

    def __del__(self):
        file = self.__dict__.get('_file')
        if file is not None and not file.closed:
            try:
                file.close()
            except Exception:
                pass

    def close(self):
        self._file.close()

    @property
    def closed(self):
        return self._file.closed

    @property
    def encoding(self):
        if self._rolled:
            return self._file.encoding
        if 'b' in self._later['mode']:
            raise AttributeError("'_io.BytesIO' object has no attribute 'encoding'")
        return self._text_codec[0]

    @property
    def errors(self):
        if 'b' in self._later['mode']:
            raise AttributeError("'_io.BytesIO' object has no attribute 'errors'")
        return self._text_codec[1]

    @property
    def mode(self):
        if self._rolled:
            return self._file.mode
        return self._later['mode']

    @property
    def name(self):
        return getattr(self._file, 'name', None)

    @property
    def newlines(self):
        return self._file.newlines

    def fileno(self):
        self.rollover()
        return self._file.fileno()

    def flush(self):
        self._file.flush()

    def isatty(self):
        return self._file.isatty()

    def read(self, *args):
        return self._file.read(*args)

    def read1(self, *args):
        return self._file.read1(*args)

    def readline(self, *args):
        return self._file.readline(*args)

    def readlines(self, *args):
        return self._file.readlines(*args)

    def readable(self):
        return self._file.readable()

    def seekable(self):
        return self._file.seekable()

    def writable(self):
        return self._file.writable()

    def seek(self, *args):
        return self._file.seek(*args)

    def tell(self):
        return self._file.tell()

    def truncate(self, size=None):
        if size is not None and self._max_size and size > self._max_size:
            self.rollover()
        if self._rolled and not hasattr(self._file, 'truncate'):
            # torii's disk files lack truncate(): cut the descriptor.
            self._file.flush()
            if size is None:
                size = self._file.tell()
            _os.ftruncate(self._file.fileno(), size)
            return size
        return self._file.truncate(size)

    def write(self, s):
        count = self._file.write(s)
        self._maybe_roll()
        return count

    def writelines(self, lines):
        for line in lines:
            self._file.write(line)
        self._maybe_roll()


# -- TemporaryDirectory ----------------------------------------------------------

def _remove_tree(path, ignore_errors=False, repeated=False):
    # shutil.rmtree(path), making entries writable where permissions
    # stop it.
    import shutil

    def on_error(func, failed, exc):
        if isinstance(exc, PermissionError):
            if repeated and failed == path:
                raise exc
            try:
                if failed != path:
                    _os.chmod(_os.path.dirname(failed), 0o700)
                _os.chmod(failed, 0o700)
                if _os.path.isdir(failed) and not _os.path.islink(failed):
                    _remove_tree(failed, ignore_errors, repeated=(failed == path))
                else:
                    _os.unlink(failed)
                return
            except FileNotFoundError:
                return
            except OSError:
                if ignore_errors:
                    return
                raise
        if isinstance(exc, FileNotFoundError):
            return
        if not ignore_errors:
            raise exc

    shutil.rmtree(path, onexc=on_error)


class TemporaryDirectory:
    """A directory made by mkdtemp(), removed with all it holds by
    cleanup(), at the end of a `with` block (which binds its name) or,
    with a ResourceWarning, when the object is collected.  Errors while
    removing are ignored when ignore_cleanup_errors; delete=False keeps
    the directory after the `with` block."""

    def __init__(self, suffix=None, prefix=None, dir=None,
                 ignore_cleanup_errors=False, *, delete=True):
        self.name = mkdtemp(suffix, prefix, dir)
        self._ignore_cleanup_errors = ignore_cleanup_errors
        self._delete = delete
        self._finalizer = _weakref.finalize(
            self, self._collected, self.name,
            "Implicitly cleaning up %r" % (self,),
            ignore_cleanup_errors, delete)

    @classmethod
    def _collected(cls, name, message, ignore_errors, delete):
        if delete:
            _remove_tree(name, ignore_errors)
            _warnings.warn(message, ResourceWarning)

    def __repr__(self):
        return "<%s %r>" % (type(self).__name__, self.name)

    def __enter__(self):
        return self.name

    def __exit__(self, exc, value, tb):
        if self._delete:
            self.cleanup()

    def cleanup(self):
        """Remove the directory and everything in it (once)."""
        if self._finalizer.detach() is not None or _os.path.exists(self.name):
            _remove_tree(self.name, self._ignore_cleanup_errors)

    __class_getitem__ = classmethod(_GenericAlias)
