"""html: escape text for HTML, and decode character references.

unescape() follows the HTML5 rules for character references in text:
numeric references in the C1 range mean their windows-1252 characters,
surrogates and values past U+10FFFF give U+FFFD, other non-characters
vanish, and a named reference without ';' matches the longest legacy name
that prefixes it."""

import re
import html.entities

__all__ = ['escape', 'unescape']


def escape(s, quote=True):
    """Replace &, < and > (and, with `quote`, both quote marks) by
    character references."""
    s = s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
    if quote:
        s = s.replace('"', '&quot;').replace("'", '&#x27;')
    return s


# Numeric references 0x80..0x9f name the windows-1252 characters; the five
# code points windows-1252 leaves undefined stand for themselves.
_C1 = ('\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021'
       '\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f'
       '\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014'
       '\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178')
_REMAPPED = {0x00: '\ufffd', 0x0d: '\r'}
for _i in range(32):
    _REMAPPED[0x80 + _i] = _C1[_i]
del _i


def _dropped(cp):
    """Code points a numeric reference may not produce (they vanish)."""
    if 0x01 <= cp <= 0x08 or cp == 0x0b or 0x0e <= cp <= 0x1f:
        return True
    if 0x7f <= cp <= 0x9f or 0xfdd0 <= cp <= 0xfdef:
        return True
    return (cp & 0xfffe) == 0xfffe


_REF = re.compile(r'&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)')


def _decode_ref(m):
    ref = m.group(1)
    if ref[0] == '#':
        digits = ref[1:].rstrip(';')
        if digits[0] in 'xX':
            cp = int(digits[1:], 16)
        else:
            cp = int(digits)
        if cp in _REMAPPED:
            return _REMAPPED[cp]
        if cp > 0x10ffff or 0xd800 <= cp <= 0xdfff:
            return '\ufffd'
        if _dropped(cp):
            return ''
        return chr(cp)
    table = html.entities.html5
    hit = table.get(ref)
    if hit is not None:
        return hit
    # No exact name: the longest name (at least two characters) that
    # starts the text, the rest kept as written.
    for cut in range(len(ref) - 1, 1, -1):
        hit = table.get(ref[:cut])
        if hit is not None:
            return hit + ref[cut:]
    return '&' + ref


def unescape(s):
    """Replace every character reference in `s` by its text."""
    if '&' not in s:
        return s
    return _REF.sub(_decode_ref, s)
