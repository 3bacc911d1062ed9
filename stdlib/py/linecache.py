"""Source lines of files, read once and kept: getline, getlines,
clearcache, checkcache, lazycache (accepted; torii has no loaders).

torii's own implementation.  The cache is a dict of path -> (size, lines);
each entry is replaced whole, so threads may share it.  checkcache notices
a file that changed size (torii's os has no stat yet)."""

import os as _os

__all__ = ["getline", "clearcache", "checkcache", "lazycache"]

_files = {}


def clearcache():
    """Forgets every file read so far."""
    _files.clear()


def getline(filename, lineno, module_globals=None):
    """Line `lineno` (from 1) of the file, with its newline; '' if absent."""
    lines = getlines(filename, module_globals)
    if 1 <= lineno <= len(lines):
        return lines[lineno - 1]
    return ''


def getlines(filename, module_globals=None):
    """Every line of the file (a list of str with their newlines), or []
    when it cannot be read."""
    got = _files.get(filename)
    if got is not None:
        return got[1]
    return _read(filename)


def checkcache(filename=None):
    """Drops cached files that changed on disk (or all that did)."""
    names = [filename] if filename is not None else list(_files)
    for name in names:
        got = _files.get(name)
        if got is None:
            continue
        try:
            size = _os.path.getsize(name)
        except OSError:
            _files.pop(name, None)
            continue
        if size != got[0]:
            _files.pop(name, None)


def lazycache(filename, module_globals):
    """torii imports no modules through loaders: nothing to defer."""
    return False


def _read(filename):
    if not filename or (filename.startswith('<') and filename.endswith('>')):
        return []
    try:
        size = _os.path.getsize(filename)
        with open(filename, encoding='utf-8', errors='replace') as f:
            text = f.read()
    except (OSError, ValueError):
        return []
    lines = text.splitlines(True)
    if lines and not lines[-1].endswith('\n'):
        lines[-1] += '\n'
    _files[filename] = (size, lines)
    return lines
