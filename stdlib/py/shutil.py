"""High-level file operations (torii's shutil).

Copying a file's bytes (copyfileobj, copyfile), its permission bits
(copymode), its times and bits (copystat), all of them (copy, copy2),
whole trees (copytree), removing trees (rmtree), moving (move), finding
programs on PATH (which), and the size of a file system (disk_usage).
Archives (make_archive, unpack_archive) are not provided.

Data is copied through ordinary reads and writes of COPY_BUFSIZE bytes;
no kernel copy shortcut is used.  rmtree walks with os.scandir and
never follows a symbolic link below its starting directory, but it works
on path names, not directory descriptors (rmtree.avoids_symlink_attacks
is False): it is not safe against someone swapping a directory for a
link while it runs.  Threads: no state of its own.
"""

import collections
import fnmatch
import os
import stat
import sys

__all__ = ["copyfileobj", "copyfile", "copymode", "copystat", "copy", "copy2",
           "copytree", "move", "rmtree", "Error", "SpecialFileError",
           "ExecError", "disk_usage", "ignore_patterns", "chown", "which",
           "get_terminal_size", "SameFileError"]

COPY_BUFSIZE = 64 * 1024


class Error(OSError):
    pass


class SameFileError(Error):
    """A copy or move whose source and destination name one file."""


class SpecialFileError(OSError):
    """An operation (copying, say) that a special file such as a FIFO
    cannot take part in."""


class ExecError(OSError):
    """A command that failed to run."""


class ReadError(OSError):
    """An archive that could not be read."""


class RegistryError(Exception):
    """A failed change to the archive format registries."""


# -- helpers over paths or os.DirEntry objects -----------------------------------

def _stat_of(thing):
    if isinstance(thing, os.DirEntry):
        return thing.stat()
    return os.stat(thing)


def _is_link(thing):
    if isinstance(thing, os.DirEntry):
        return thing.is_symlink()
    return os.path.islink(thing)


def _same_file(src, dst):
    # Whether src and dst name one file; False when either is missing.
    try:
        if isinstance(src, os.DirEntry):
            return os.path.samestat(src.stat(), os.stat(dst))
        return os.path.samefile(src, dst)
    except OSError:
        return False


def _as_path(thing):
    return thing.path if isinstance(thing, os.DirEntry) else thing


# -- copying one file ------------------------------------------------------------

def copyfileobj(fsrc, fdst, length=0):
    """Copy what remains of file object fsrc to file object fdst, in
    chunks of `length` bytes (default COPY_BUFSIZE)."""
    if not length:
        length = COPY_BUFSIZE
    read = fsrc.read
    write = fdst.write
    while True:
        chunk = read(length)
        if not chunk:
            return
        write(chunk)


def copyfile(src, dst, *, follow_symlinks=True):
    """Copy the contents of file src to a file named dst (created or
    replaced) and return dst.  With follow_symlinks false a link src is
    recreated as a link."""
    if _same_file(src, dst):
        raise SameFileError("{!r} and {!r} are the same file".format(src, dst))
    for thing in (src, dst):
        try:
            st = _stat_of(thing)
        except OSError:
            continue
        if stat.S_ISFIFO(st.st_mode):
            raise SpecialFileError("`%s` is a named pipe" % (_as_path(thing),))
    if not follow_symlinks and _is_link(src):
        os.symlink(os.readlink(src), dst)
        return dst
    # os.fspath: torii's open() takes no os.PathLike objects.
    with open(os.fspath(src), 'rb') as source:
        try:
            target = open(os.fspath(dst), 'wb')
        except IsADirectoryError as exc:
            if not os.path.exists(dst):
                raise FileNotFoundError(f'Directory does not exist: {dst}') from exc
            raise
        with target:
            copyfileobj(source, target)
    return dst


def copymode(src, dst, *, follow_symlinks=True):
    """Give dst the permission bits of src.  Between two links with
    follow_symlinks false, nothing happens where links have no mode."""
    if not follow_symlinks and _is_link(src) and os.path.islink(dst):
        if not hasattr(os, 'lchmod'):
            return
        bits = stat.S_IMODE(os.lstat(src).st_mode)
        os.lchmod(dst, bits)
        return
    os.chmod(dst, stat.S_IMODE(_stat_of(src).st_mode))


def _os_call(name, follow):
    # os.NAME, or a no-op where it cannot leave links alone.
    func = getattr(os, name, None)
    if func is None or (not follow and func not in os.supports_follow_symlinks):
        return _ignore
    return func


def _ignore(*args, **kwargs):
    return None


def copystat(src, dst, *, follow_symlinks=True):
    """Give dst the access and modification times and permission bits
    of src."""
    follow = follow_symlinks or not (_is_link(src) and os.path.islink(dst))
    if isinstance(src, os.DirEntry):
        st = src.stat(follow_symlinks=follow)
    else:
        st = _os_call('stat', follow)(src, follow_symlinks=follow)
    _os_call('utime', follow)(dst, ns=(st.st_atime_ns, st.st_mtime_ns),
                              follow_symlinks=follow)
    try:
        _os_call('chmod', follow)(dst, stat.S_IMODE(st.st_mode),
                                  follow_symlinks=follow)
    except NotImplementedError:
        pass


def _into(src, dst):
    # A directory dst receives src under its own base name.
    if os.path.isdir(dst):
        return os.path.join(dst, os.path.basename(src))
    return dst


def copy(src, dst, *, follow_symlinks=True):
    """Copy data and permission bits of src to dst (a file, or a
    directory to copy into) and return the new file's path."""
    dst = _into(src, dst)
    copyfile(src, dst, follow_symlinks=follow_symlinks)
    copymode(src, dst, follow_symlinks=follow_symlinks)
    return dst


def copy2(src, dst, *, follow_symlinks=True):
    """As copy(), and the times too (copystat)."""
    dst = _into(src, dst)
    copyfile(src, dst, follow_symlinks=follow_symlinks)
    copystat(src, dst, follow_symlinks=follow_symlinks)
    return dst


# -- trees -----------------------------------------------------------------------

def ignore_patterns(*patterns):
    """A copytree `ignore` callable leaving out the names that match
    any of the glob-style patterns."""
    def leave_out(path, names):
        dropped = []
        for pattern in patterns:
            dropped.extend(fnmatch.filter(names, pattern))
        return set(dropped)
    return leave_out


def copytree(src, dst, symlinks=False, ignore=None, copy_function=copy2,
             ignore_dangling_symlinks=False, dirs_exist_ok=False):
    """Copy the directory tree at src to dst, which must not exist
    unless dirs_exist_ok; returns dst.

    With symlinks true, links are copied as links; otherwise what they
    point to is copied (a dangling one is an error unless
    ignore_dangling_symlinks).  ignore(dir, names) returns the names of
    a directory to skip.  Files are copied with copy_function.  Failures
    are gathered and raised together as one Error at the end."""
    with os.scandir(src) as listing:
        entries = list(listing)
    return _copy_entries(entries, src, dst, symlinks, ignore, copy_function,
                         ignore_dangling_symlinks, dirs_exist_ok)


def _copy_entries(entries, src, dst, symlinks, ignore, copy_function,
                  ignore_dangling, dirs_exist_ok):
    skip = ignore(os.fspath(src), [e.name for e in entries]) if ignore else ()
    os.makedirs(dst, exist_ok=dirs_exist_ok)
    problems = []
    pass_entry = copy_function is copy2 or copy_function is copy
    for entry in entries:
        if entry.name in skip:
            continue
        src_name = os.path.join(src, entry.name)
        dst_name = os.path.join(dst, entry.name)
        source = entry if pass_entry else src_name
        try:
            if entry.is_symlink():
                target = os.readlink(src_name)
                if symlinks:
                    os.symlink(target, dst_name)
                    copystat(source, dst_name, follow_symlinks=False)
                    continue
                if ignore_dangling and not os.path.exists(target):
                    continue
            if entry.is_dir():
                copytree(source, dst_name, symlinks, ignore, copy_function,
                         ignore_dangling, dirs_exist_ok)
            else:
                copy_function(source, dst_name)
        except Error as err:
            problems.extend(err.args[0])
        except OSError as why:
            problems.append((src_name, dst_name, str(why)))
    try:
        copystat(src, dst)
    except OSError as why:
        problems.append((src, dst, str(why)))
    if problems:
        raise Error(problems)
    return dst


def _report_with(ignore_errors, onerror, onexc):
    # The onexc-style handler rmtree reports failures to.
    if ignore_errors:
        return _ignore
    if onexc is not None:
        return onexc
    if onerror is not None:
        def legacy(func, path, exc):
            return onerror(func, path, (type(exc), exc, exc.__traceback__))
        return legacy

    def reraise(func, path, exc):
        raise exc
    return reraise


def rmtree(path, ignore_errors=False, onerror=None, *, onexc=None,
           dir_fd=None):
    """Remove the directory tree at path (not a link to one).

    Each failure is reported as onexc(function, path, exception), or
    as onerror(function, path, sys.exc_info()) (deprecated); without
    either it is raised, and with ignore_errors it is dropped."""
    report = _report_with(ignore_errors, onerror, onexc)
    if dir_fd is not None:
        raise NotImplementedError("rmtree: dir_fd is not supported by torii")
    try:
        st = os.lstat(path)
    except OSError as exc:
        report(os.lstat, path, exc)
        return
    if stat.S_ISLNK(st.st_mode):
        try:
            raise OSError(None, None, path)
        except OSError as exc:
            report(os.path.islink, path, exc)
        return
    _remove_below(path, report)
    try:
        os.rmdir(path)
    except FileNotFoundError:
        pass
    except OSError as exc:
        report(os.rmdir, path, exc)


def _remove_below(top, report):
    # Empties directory `top`, depth first; links are removed, never
    # followed.
    try:
        with os.scandir(top) as listing:
            entries = list(listing)
    except FileNotFoundError:
        return
    except OSError as exc:
        report(os.scandir, top, exc)
        return
    for entry in entries:
        full = os.path.join(top, entry.name)
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            _remove_below(full, report)
            try:
                os.rmdir(full)
            except FileNotFoundError:
                pass
            except OSError as exc:
                report(os.rmdir, full, exc)
        else:
            try:
                os.unlink(full)
            except FileNotFoundError:
                pass
            except OSError as exc:
                report(os.unlink, full, exc)


rmtree.avoids_symlink_attacks = False


def _base_name(path):
    # The last component of path, trailing separators aside.
    path = os.fspath(path)
    trailing = os.sep + (os.altsep or '')
    if isinstance(path, bytes):
        trailing = os.fsencode(trailing)
    return os.path.basename(path.rstrip(trailing))


def _inside(src, dst):
    # Whether dst lies at or below directory src.
    src = os.path.abspath(src)
    dst = os.path.abspath(dst)
    if not src.endswith(os.sep):
        src += os.sep
    if not dst.endswith(os.sep):
        dst += os.sep
    return dst.startswith(src)


def move(src, dst, copy_function=copy2):
    """Move the file or tree src to dst (into dst when it is a
    directory) and return where it went.  A rename where possible,
    else a copy (copy_function, or copytree keeping links) then a
    removal."""
    target = dst
    if os.path.isdir(dst):
        if _same_file(src, dst) and not os.path.islink(src):
            # Only the letter case of the name changes.
            os.rename(src, dst)
            return None
        target = os.path.join(dst, _base_name(src))
        if os.path.exists(target):
            raise Error("Destination path '%s' already exists" % target)
    try:
        os.rename(src, target)
        return target
    except OSError:
        pass
    if os.path.islink(src):
        os.symlink(os.readlink(src), target)
        os.unlink(src)
    elif os.path.isdir(src):
        if _inside(src, dst):
            raise Error("Cannot move a directory '%s' into itself '%s'."
                        % (src, dst))
        copytree(src, target, copy_function=copy_function, symlinks=True)
        rmtree(src)
    else:
        copy_function(src, target)
        os.unlink(src)
    return target


# -- the system ----------------------------------------------------------------

_Usage = collections.namedtuple('usage', 'total used free')


def _statvfs_by_df(path):
    # (total, used, free) bytes from df(1), which reads statvfs for us:
    # size is f_blocks, used f_blocks - f_bfree, avail f_bavail.
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_end)
            os.dup2(write_end, 1)
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 2)
            os.execvp('df', ['df', '-P', '-B1', '--', path])
        finally:
            os._exit(127)
    os.close(write_end)
    chunks = []
    while True:
        chunk = os.read(read_end, 4096)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read_end)
    _, status = os.waitpid(pid, 0)
    lines = b''.join(chunks).decode('utf-8', 'replace').splitlines()
    if status != 0 or len(lines) < 2:
        raise OSError("disk_usage: df could not measure %r" % (path,))
    # The mount point may hold spaces; the numbers come right after the
    # device name, which df prints without any.
    fields = lines[1].split()
    return int(fields[1]), int(fields[2]), int(fields[3])


def disk_usage(path):
    """usage(total, used, free) of the file system holding path, in
    bytes; `used` counts blocks reserved for the super-user too."""
    if hasattr(os, 'statvfs'):
        fs = os.statvfs(path)
        unit = fs.f_frsize
        return _Usage(fs.f_blocks * unit, (fs.f_blocks - fs.f_bfree) * unit, fs.f_bavail * unit)
    os.stat(path)               # the error a missing path gives
    return _Usage(*_statvfs_by_df(os.fsdecode(os.fspath(path))))


def _id_from_file(table, name, index):
    # The numeric id for `name` in /etc/passwd or /etc/group, or None.
    try:
        with open(table) as lines:
            for line in lines:
                fields = line.rstrip('\n').split(':')
                if len(fields) > index and fields[0] == name:
                    return int(fields[index])
    except (OSError, ValueError):
        return None
    return None


def chown(path, user=None, group=None, *, dir_fd=None, follow_symlinks=True):
    """Change the owner and/or group of path; each may be a name or a
    number.  The names are looked up in /etc/passwd and /etc/group."""
    if user is None and group is None:
        raise ValueError("user and/or group must be set")
    uid = gid = -1
    if user is not None:
        uid = user if isinstance(user, int) else _id_from_file('/etc/passwd', user, 2)
        if uid is None:
            raise LookupError("no such user: {!r}".format(user))
    if group is not None:
        gid = group if isinstance(group, int) else _id_from_file('/etc/group', group, 2)
        if gid is None:
            raise LookupError("no such group: {!r}".format(group))
    extra = {}
    if dir_fd is not None:
        extra['dir_fd'] = dir_fd
    if not follow_symlinks:
        extra['follow_symlinks'] = False
    os.chown(path, uid, gid, **extra)


if not hasattr(os, 'chown'):
    del chown
    __all__.remove('chown')


def get_terminal_size(fallback=(80, 24)):
    """os.terminal_size(columns, lines) of the terminal: $COLUMNS and
    $LINES win, then what the terminal on standard output says, then
    fallback."""
    def from_env(name):
        try:
            return int(os.environ[name])
        except (KeyError, ValueError):
            return 0
    cols, rows = from_env('COLUMNS'), from_env('LINES')
    if cols > 0 and rows > 0:
        return os.terminal_size((cols, rows))
    asked = (0, 0)
    try:
        asked = tuple(os.get_terminal_size(sys.__stdout__.fileno()))
    except (AttributeError, ValueError, OSError):
        asked = tuple(fallback)
    if cols <= 0:
        cols = asked[0] or fallback[0]
    if rows <= 0:
        rows = asked[1] or fallback[1]
    return os.terminal_size((cols, rows))


def _runnable(path, mode):
    return (os.path.exists(path) and os.access(path, mode)
            and not os.path.isdir(path))


def which(cmd, mode=os.F_OK | os.X_OK, path=None):
    """The path of the program `cmd` (found in the directories of
    $PATH, or of `path`; a cmd with a directory part is checked as
    given), or None."""
    want_bytes = isinstance(cmd, bytes)
    head, cmd = os.path.split(cmd)
    if head:
        places = [head]
    else:
        if path is None:
            path = os.environ.get('PATH', None)
            if path is None:
                path = os.defpath
        if not path:
            return None
        if want_bytes:
            places = os.fsencode(path).split(os.fsencode(os.pathsep))
        else:
            places = os.fsdecode(path).split(os.pathsep)
    seen = set()
    for place in places:
        key = os.path.normcase(place)
        if key in seen:
            continue
        seen.add(key)
        candidate = os.path.join(place, cmd)
        if _runnable(candidate, mode):
            return candidate
    return None
