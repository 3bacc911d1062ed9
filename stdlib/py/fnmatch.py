"""Shell-style wildcard matching of file names (torii's fnmatch).

In a pattern, '*' stands for any run of characters, '?' for any single
character, '[seq]' for one character of seq (ranges such as a-z
allowed) and '[!seq]' for one character not in seq.  fnmatch() first
normalises case as the platform does (on POSIX: not at all);
fnmatchcase() never does; filter() keeps the matching names of an
iterable; translate() gives the regular expression used, which is
character for character the one CPython 3.13 produces.

torii's re module works on str only, so bytes are matched through their
latin-1 decoding, which maps each byte to the character of that code.
"""

import functools
import os
import re

__all__ = ["filter", "fnmatch", "fnmatchcase", "translate"]


def _fold(path):
    # os.path.normcase, which also rejects what is not a path.
    fold = getattr(os.path, 'normcase', None)
    if fold is not None:
        return fold(path)
    if isinstance(path, (str, bytes)):
        return path
    to_path = getattr(type(path), '__fspath__', None)
    if to_path is None:
        raise TypeError("expected str, bytes or os.PathLike object, not "
                        + type(path).__name__)
    return to_path(path)


_FOLDS_CASE = os.name != 'posix'


def fnmatch(name, pat):
    """True if name matches the pattern pat, compared with the case
    conventions of the platform's file names."""
    return fnmatchcase(_fold(name), _fold(pat))


def fnmatchcase(name, pat):
    """True if name matches the pattern pat, letter case counting."""
    return _matcher_for(pat)(name)


def filter(names, pat):
    """The list of the items of `names` that match pat (as fnmatch())."""
    test = _matcher_for(_fold(pat))
    if _FOLDS_CASE:
        return [name for name in names if test(_fold(name))]
    return [name for name in names if test(name)]


def _kind_error(name, want_bytes):
    # The TypeError CPython's re gives for a name of the wrong kind.
    if want_bytes and isinstance(name, str):
        return TypeError("cannot use a bytes pattern on a string-like object")
    if not want_bytes and isinstance(name, (bytes, bytearray)):
        return TypeError("cannot use a string pattern on a bytes-like object")
    return TypeError("expected string or bytes-like object, got %r"
                     % type(name).__name__)


@functools.lru_cache(maxsize=32768, typed=True)
def _matcher_for(pat):
    # A predicate name -> bool for the pattern, built once per pattern.
    if isinstance(pat, bytes):
        finder = re.compile(translate(pat.decode('latin-1'))).match

        def test(name):
            if not isinstance(name, (bytes, bytearray)):
                raise _kind_error(name, True)
            return finder(bytes(name).decode('latin-1')) is not None
        return test

    finder = re.compile(translate(pat)).match

    def test(name):
        if isinstance(name, (bytes, bytearray)):
            raise _kind_error(name, False)
        return finder(name) is not None
    return test


# -- pattern to regular expression ---------------------------------------------

def _escape_set_operators(text):
    # re may one day read &&, ~~ and || inside [...] as set operations.
    return ''.join('\\' + ch if ch in '&~|' else ch for ch in text)


def _range_pieces(body):
    # Split the inside of a bracket expression at the hyphens that form
    # ranges.  A hyphen first in the set (after an optional '!') is
    # literal, as is one directly after a range ("a-c-e" is a-c, '-', e)
    # and one at the very end.
    pieces = []
    start = 0
    look = 2 if body[:1] == '!' else 1
    while True:
        dash = body.find('-', look)
        if dash < 0:
            break
        pieces.append(body[start:dash])
        start = dash + 1
        look = dash + 3
    tail = body[start:]
    if tail:
        pieces.append(tail)
    else:
        pieces[-1] += '-'
    # A reversed range such as z-a matches nothing (and re rejects it):
    # drop it together with its hyphen, working from the right.
    k = len(pieces) - 1
    while k > 0:
        left, right = pieces[k - 1], pieces[k]
        if left[-1] > right[0]:
            pieces[k - 1:k + 1] = [left[:-1] + right[1:]]
        k -= 1
    return pieces


def _bracket(body):
    # Regex for the bracket expression whose inside is body.
    if '-' in body:
        # Range hyphens stay; backslashes and any other hyphen are escaped.
        inside = '-'.join(piece.replace('\\', '\\\\').replace('-', '\\-')
                          for piece in _range_pieces(body))
    else:
        inside = body.replace('\\', '\\\\')
    inside = _escape_set_operators(inside)
    if inside == '':
        return '(?!)'           # an empty set: nothing matches
    if inside == '!':
        return '.'              # its complement: anything matches
    lead = inside[0]
    if lead == '!':
        inside = '^' + inside[1:]
    elif lead == '^' or lead == '[':
        inside = '\\' + inside
    return '[' + inside + ']'


def _bracket_end(pat, pos, size):
    # Index of the ']' closing a bracket expression whose inside starts
    # at pos (a ']' first in it, after an optional '!', is a member), or
    # -1 when there is none.
    at = pos
    if at < size and pat[at] == '!':
        at += 1
    if at < size and pat[at] == ']':
        at += 1
    while at < size:
        if pat[at] == ']':
            return at
        at += 1
    return -1


def _segments(pat):
    # The regex text of the fixed stretches of pat: before the first run
    # of stars, between runs, and after the last one.
    size = len(pat)
    segments = [[]]
    pos = 0
    while pos < size:
        ch = pat[pos]
        pos += 1
        if ch == '*':
            # A run of stars counts as one star.
            if len(segments) == 1 or segments[-1]:
                segments.append([])
        elif ch == '?':
            segments[-1].append('.')
        elif ch == '[':
            close = _bracket_end(pat, pos, size)
            if close < 0:
                segments[-1].append('\\[')
            else:
                segments[-1].append(_bracket(pat[pos:close]))
                pos = close + 1
        else:
            segments[-1].append(re.escape(ch))
    return [''.join(parts) for parts in segments]


def translate(pat):
    """The regular expression (as a str) matching what pat matches.
    Wildcard characters cannot be escaped in a pattern."""
    head, *after_stars = _segments(pat)
    out = [head]
    last = len(after_stars) - 1
    for index, fixed in enumerate(after_stars):
        if index == last:
            out.append('.*' + fixed)
        else:
            # A star followed by more: the shortest run reaching `fixed`,
            # atomic so that failed matches never backtrack into it.
            out.append('(?>.*?' + fixed + ')')
    return '(?s:' + ''.join(out) + ')\\Z'
