"""Pathname pattern expansion in the manner of the Unix shell (torii's glob).

glob() lists, and iglob() yields, the existing paths that a pattern
names.  Every component of the pattern may hold the fnmatch wildcards
'*', '?' and '[...]'; with recursive=True a component that is exactly
'**' stands for this directory and everything beneath it.  Names that
start with a dot are matched only by a component starting with a dot,
unless include_hidden is true.  Results come in os.scandir order, which
the file system decides, and are relative exactly when the pattern is.

How a pattern is taken apart: split off its last component; the part in
front names the directories to look in (itself expanded first, with
only directories kept, when it holds wildcards); the last component is
then matched against each such directory's entries.  Nothing is cached
between calls.  Threads: no shared state; each call has its own walk.
"""

import fnmatch
import os
import re

__all__ = ["glob", "iglob", "escape", "translate"]


def glob(pathname, *, root_dir=None, dir_fd=None, recursive=False,
         include_hidden=False):
    """The list of the paths matching `pathname` (see iglob)."""
    return list(iglob(pathname, root_dir=root_dir, dir_fd=dir_fd,
                      recursive=recursive, include_hidden=include_hidden))


def iglob(pathname, *, root_dir=None, dir_fd=None, recursive=False,
          include_hidden=False):
    """An iterator over the paths matching `pathname`.

    A relative pattern is looked up under root_dir (default: the current
    directory; dir_fd, an open directory, may stand for it) and the
    results are relative to it as well."""
    if root_dir is not None:
        root_dir = os.fspath(root_dir)
    else:
        root_dir = pathname[:0]
    walker = _Walker(dir_fd, recursive, include_hidden)
    found = walker.expand(pathname, root_dir, False)
    if pathname and not (recursive and _is_double_star(pathname[:2])):
        return found
    # A pattern opening with '**' first yields the empty path for the
    # starting directory itself, which is no result.
    return _drop_empty(found)


def _drop_empty(found):
    for path in found:
        if path:
            yield path


# -- the walk ------------------------------------------------------------------

class _Walker:
    # The options of one glob() call and the file system probes they need.

    def __init__(self, dir_fd, recursive, include_hidden):
        self.dir_fd = dir_fd
        self.recursive = recursive
        self.hidden_too = include_hidden

    def expand(self, pattern, root, want_dirs):
        # Yields the paths (relative to root when pattern is) that
        # pattern matches; only directories when want_dirs.
        head, tail = os.path.split(pattern)
        if not has_magic(pattern):
            if tail:
                if self.exists(_under(root, pattern)):
                    yield pattern
            elif self.is_dir(_under(root, head)):
                yield pattern
            return
        if not head:
            yield from self.match_here(root, tail, want_dirs)
            return
        if head != pattern and has_magic(head):
            places = self.expand(head, root, True)
        else:
            places = (head,)
        for place in places:
            for name in self.match_here(_under(root, place), tail, want_dirs,
                                        literal=not has_magic(tail)):
                yield os.path.join(place, name)

    def match_here(self, where, component, want_dirs, literal=False):
        # The names in directory `where` (the current one when empty)
        # that the single component matches.
        if literal:
            if component:
                return [component] if self.exists(os.path.join(where, component)) else []
            return [component] if self.is_dir(where) else []
        if self.recursive and _is_double_star(component):
            return self.everything_below(where, want_dirs)
        names = self.names_in(where, want_dirs)
        if not (self.hidden_too or _is_hidden(component)):
            names = [n for n in names if not _is_hidden(n)]
        return fnmatch.filter(names, component)

    def everything_below(self, where, want_dirs):
        # '**': the directory itself (as an empty name), then every entry
        # at any depth beneath it, a parent before its children.
        if not where or self.is_dir(where):
            yield where[:0]
        yield from self.descend(where, want_dirs)

    def descend(self, where, want_dirs):
        for name in self.names_in(where, want_dirs):
            if not self.hidden_too and _is_hidden(name):
                continue
            yield name
            inner = os.path.join(where, name) if where else name
            for below in self.descend(inner, want_dirs):
                yield os.path.join(name, below)

    def names_in(self, where, want_dirs):
        # The entry names of directory `where` (of the kind of `where`),
        # directories only when want_dirs; [] when it cannot be listed.
        spot = where
        if not spot:
            spot = b'.' if isinstance(where, bytes) else '.'
        fd = None
        try:
            if self.dir_fd is not None:
                fd = os.open(spot, _DIR_FLAGS, dir_fd=self.dir_fd)
                listing = os.scandir(fd)
            else:
                listing = os.scandir(spot)
            names = []
            with listing:
                for entry in listing:
                    try:
                        if want_dirs and not entry.is_dir():
                            continue
                    except OSError:
                        continue
                    name = entry.name
                    if fd is not None and isinstance(where, bytes):
                        name = os.fsencode(name)
                    names.append(name)
            return names
        except OSError:
            return []
        finally:
            if fd is not None:
                os.close(fd)

    def exists(self, path):
        try:
            if self.dir_fd is None:
                os.lstat(path)
            else:
                os.stat(path, dir_fd=self.dir_fd, follow_symlinks=False)
        except (OSError, ValueError):
            return False
        return True

    def is_dir(self, path):
        if self.dir_fd is None:
            return os.path.isdir(path)
        try:
            st = os.stat(path or '.', dir_fd=self.dir_fd)
        except (OSError, ValueError):
            return False
        return (st.st_mode & 0o170000) == 0o040000


_DIR_FLAGS = os.O_RDONLY | getattr(os, 'O_DIRECTORY', 0)


def _under(root, path):
    # path looked up from root; an absolute path ignores root.
    if root and path:
        return os.path.join(root, path)
    return path or root


def _is_hidden(name):
    return name[:1] in ('.', b'.')


def _is_double_star(component):
    return component == '**' or component == b'**'


# -- patterns ------------------------------------------------------------------

_WILD_STR = re.compile('[*?[]')


def has_magic(s):
    """True if s holds one of the wildcard characters * ? [."""
    if isinstance(s, bytes):
        return _WILD_STR.search(s.decode('latin-1')) is not None
    return _WILD_STR.search(s) is not None


def _bracket_each(text):
    # Each wildcard character c of text replaced by the set [c].
    out = []
    for ch in text:
        if ch in '*?[':
            out.append('[' + ch + ']')
        else:
            out.append(ch)
    return ''.join(out)


def escape(pathname):
    """pathname with its wildcard characters made literal ('*' -> '[*]').
    A drive or UNC share is left as it is."""
    drive, rest = os.path.splitdrive(pathname)
    if isinstance(pathname, bytes):
        rest = _bracket_each(rest.decode('latin-1')).encode('latin-1')
    else:
        rest = _bracket_each(rest)
    return drive + rest


# -- whole-path patterns as regular expressions ----------------------------------

def _component_regex(part, star, single):
    # The regex of one path component with wildcards: a run of '*' is
    # `star`, '?' is `single`, a bracket set is as in fnmatch.
    out = []
    pos = 0
    size = len(part)
    while pos < size:
        ch = part[pos]
        pos += 1
        if ch == '*':
            if not out or out[-1] is not star:
                out.append(star)
        elif ch == '?':
            out.append(single)
        elif ch == '[':
            close = fnmatch._bracket_end(part, pos, size)
            if close < 0:
                out.append('\\[')
            else:
                out.append(fnmatch._bracket(part[pos:close]))
                pos = close + 1
        else:
            out.append(re.escape(ch))
    return ''.join(out)


def translate(pat, *, recursive=False, include_hidden=False, seps=None):
    """The regular expression (a str) that matches the paths `pat`
    matches, its wildcards never crossing a separator; seps gives the
    separator characters (default: those of the platform)."""
    if not seps:
        seps = os.sep + os.altsep if os.altsep else os.sep
    quoted = ''.join(re.escape(c) for c in seps)
    sep_re = '[%s]' % quoted if len(seps) > 1 else quoted
    name_char = '[^%s]' % quoted
    if include_hidden:
        last_name = name_char + '+'
        any_dirs = '(?:.+%s)?' % sep_re
        anything = '.*'
    else:
        last_name = '[^%s.]%s*' % (quoted, name_char)
        any_dirs = '(?:%s%s)*' % (last_name, sep_re)
        anything = '%s(?:%s)?' % (any_dirs, last_name)
    parts = re.split(sep_re, pat)
    final = len(parts) - 1
    pieces = []
    for index, part in enumerate(parts):
        if part == '*':
            pieces.append(last_name + sep_re if index < final else last_name)
            continue
        if recursive and part == '**':
            if index == final:
                pieces.append(anything)
            elif parts[index + 1] != '**':
                pieces.append(any_dirs)
            continue
        if part:
            if not include_hidden and part[0] in '*?':
                pieces.append('(?!\\.)')
            pieces.append(_component_regex(part, name_char + '*', name_char))
        if index < final:
            pieces.append(sep_re)
    return '(?s:%s)\\Z' % ''.join(pieces)
