# stdlib/py/_os_py.py: the parts of the os module written in Python:
# os.walk (over os.scandir) and the os.PathLike ABC.  stdlib/os.c imports
# this at its start-up and binds `walk` and `PathLike` in os; this module
# must not import os at its top level (os is not finished then), so walk
# imports it when called.  Threads: no state of its own.

import abc as _abc

_GenericAlias = type(list[int])


class PathLike(_abc.ABC):
    """Abstract base class for implementing the file system path protocol."""

    __module__ = "os"
    __slots__ = ()

    @_abc.abstractmethod
    def __fspath__(self):
        """Return the file system path representation of the object."""
        raise NotImplementedError

    @classmethod
    def __subclasshook__(cls, subclass):
        if cls is not PathLike:
            return NotImplemented
        # the first class in the MRO naming __fspath__ decides; None opts out
        for klass in subclass.__mro__:
            if "__fspath__" in klass.__dict__:
                return NotImplemented if klass.__dict__["__fspath__"] is None else True
        return NotImplemented

    __class_getitem__ = classmethod(_GenericAlias)


def _scan(os, top, topdown, onerror, followlinks):
    # One directory: its (dirs, files) names and, bottom-up, the paths of
    # the directories to descend into.  None when it cannot be listed.
    try:
        it = os.scandir(top)
    except OSError as err:
        if onerror is not None:
            onerror(err)
        return None
    dirs = []
    files = []
    into = []
    with it:
        while True:
            try:
                entry = next(it, None)
            except OSError as err:
                if onerror is not None:
                    onerror(err)
                return None
            if entry is None:
                break
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if not is_dir:
                files.append(entry.name)
                continue
            dirs.append(entry.name)
            if not topdown:
                descend = followlinks
                if not descend:
                    try:
                        descend = not entry.is_symlink()
                    except OSError:
                        descend = True
                if descend:
                    into.append(entry.path)
    return dirs, files, into


def _walk(os, top, topdown, onerror, followlinks):
    found = _scan(os, top, topdown, onerror, followlinks)
    if found is None:
        return
    dirs, files, into = found
    if topdown:
        yield top, dirs, files
        # the caller may have pruned or reordered `dirs`
        for name in dirs:
            sub = os.path.join(top, name)
            if followlinks or not os.path.islink(sub):
                yield from _walk(os, sub, topdown, onerror, followlinks)
    else:
        for sub in into:
            yield from _walk(os, sub, topdown, onerror, followlinks)
        yield top, dirs, files


def walk(top, topdown=True, onerror=None, followlinks=False):
    """Directory tree generator: yields (dirpath, dirnames, filenames) for
    `top` and every directory below it."""
    import os
    top = os.fspath(top)
    yield from _walk(os, top, topdown, onerror, followlinks)
