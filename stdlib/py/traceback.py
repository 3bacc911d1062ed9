"""Print or retrieve an exception's traceback (the common subset).

Executed in the C module stdlib/traceback.c, whose _format(exc, chain, only)
renders a report exactly as the interpreter's own; torii has no traceback
objects, so `tb` arguments are accepted and ignored.
"""

import sys

__all__ = ['format_exc', 'format_exception', 'format_exception_only',
           'print_exc', 'print_exception', 'print_last', 'format_tb', 'extract_tb']

_sentinel = object()


def _split(text):
    # CPython's chunks: one per line, except that a frame's source and caret
    # lines join its "  File" line, and a chaining message is one chunk.
    chunks = []
    lines = text.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith('    ') and chunks and chunks[-1].startswith('  File '):
            chunks[-1] += line
        elif (line == '\n' and i + 2 < len(lines) and lines[i + 2] == '\n'
              and (lines[i + 1].startswith('The above exception')
                   or lines[i + 1].startswith('During handling'))):
            chunks.append(line + lines[i + 1] + lines[i + 2])
            i += 2
        else:
            chunks.append(line)
        i += 1
    return chunks


def _pick(exc, value, tb):
    if (value is _sentinel) != (tb is _sentinel):
        raise ValueError("Both or neither of value and tb must be given")
    if value is not _sentinel:
        return value
    return exc


def format_exception_only(exc, /, value=_sentinel, *, show_group=False):
    if value is not _sentinel:
        exc = value
    if exc is None:
        return ['NoneType: None\n']
    return _split(_format(exc, False, True))


def format_exception(exc, /, value=_sentinel, tb=_sentinel, limit=None, chain=True):
    exc = _pick(exc, value, tb)
    if exc is None:
        return ['NoneType: None\n']
    return _split(_format(exc, chain, False))


def print_exception(exc, /, value=_sentinel, tb=_sentinel, limit=None, file=None, chain=True):
    if file is None:
        file = sys.stderr
    for chunk in format_exception(exc, value, tb, limit=limit, chain=chain):
        print(chunk, file=file, end="")


def format_exc(limit=None, chain=True):
    return "".join(format_exception(sys.exception(), limit=limit, chain=chain))


def print_exc(limit=None, file=None, chain=True):
    print_exception(sys.exception(), limit=limit, file=file, chain=chain)


def print_last(limit=None, file=None, chain=True):
    if not hasattr(sys, "last_exc") and not hasattr(sys, "last_type"):
        raise ValueError("no last exception")
    print_exception(sys.last_exc, limit=limit, file=file, chain=chain)


def format_tb(tb, limit=None):
    return []


def extract_tb(tb, limit=None):
    return []
