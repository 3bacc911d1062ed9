"""Binary-to-text codecs: the RFC 4648 family (hex, 32 and 64 symbol
alphabets) and the 85-symbol ones (git's, Ascii85 with its Adobe and btoa
forms, ZeroMQ's Z85).

torii's base64: Base64 and Base16 lean on the C module binascii; Base32 and
the base-85 family are done here with small lookup tables.  Encoders take
bytes-like objects, decoders also take ASCII-only str.
"""

import binascii

__all__ = [
    # RFC 4648
    'b64encode', 'b64decode', 'standard_b64encode', 'standard_b64decode',
    'urlsafe_b64encode', 'urlsafe_b64decode',
    'b32encode', 'b32decode', 'b32hexencode', 'b32hexdecode',
    'b16encode', 'b16decode',
    # base 85
    'a85encode', 'a85decode', 'b85encode', 'b85decode', 'z85encode', 'z85decode',
    # MIME lines and files
    'encodebytes', 'decodebytes', 'encode', 'decode',
]

_BYTES_LIKE = (bytes, bytearray)


def _decoder_input(data):
    """What the decoders accept: ASCII str or bytes-like, as bytes."""
    if isinstance(data, str):
        if not data.isascii():
            raise ValueError('string argument should contain only ASCII characters')
        return data.encode('ascii')
    if isinstance(data, _BYTES_LIKE):
        return bytes(data)
    raise TypeError("argument should be a bytes-like object or ASCII "
                    f"string, not {type(data).__name__!r}")


def _encoder_input(data):
    """What the Base32/85 encoders accept (CPython wraps them in a
    memoryview, hence the wording)."""
    if isinstance(data, _BYTES_LIKE):
        return bytes(data)
    raise TypeError("memoryview: a bytes-like object is required, "
                    f"not {type(data).__name__!r}")


def _swap_pair(data, first, second, into_first, into_second):
    """`data` with every `first` byte turned into `into_first` and every
    `second` into `into_second` (all one-byte bytes), simultaneously."""
    if first == second:
        return data.replace(first, into_second)
    pieces = data.split(first)
    return into_first.join(p.replace(second, into_second) for p in pieces)


# ---- Base64 -----------------------------------------------------------------

def b64encode(s, altchars=None):
    """Base64 of the bytes-like `s`; `altchars` (2 bytes) replaces '+/'."""
    out = binascii.b2a_base64(s, newline=False)
    if altchars is not None:
        if len(altchars) != 2:
            raise AssertionError(repr(altchars))
        alt = bytes(altchars)
        out = _swap_pair(out, b'+', b'/', alt[0:1], alt[1:2])
    return out


def b64decode(s, altchars=None, validate=False):
    """Decode Base64 `s`.  Without `validate`, bytes outside the alphabet
    are dropped; with it they raise binascii.Error."""
    s = _decoder_input(s)
    if altchars is not None:
        alt = _decoder_input(altchars)
        if len(alt) != 2:
            raise AssertionError(repr(altchars))
        s = _swap_pair(s, alt[0:1], alt[1:2], b'+', b'/')
    return binascii.a2b_base64(s, strict_mode=validate)


def standard_b64encode(s):
    """Base64 with the standard alphabet."""
    return b64encode(s)


def standard_b64decode(s):
    """Decode standard Base64; bad characters are dropped."""
    return b64decode(s)


def urlsafe_b64encode(s):
    """Base64 with '-' and '_' in place of '+' and '/'."""
    return b64encode(s, b'-_')


def urlsafe_b64decode(s):
    """Decode URL- and filename-safe Base64."""
    s = _decoder_input(s)
    return b64decode(_swap_pair(s, b'-', b'_', b'+', b'/'))


# ---- Base32 -----------------------------------------------------------------

_B32_STD = b'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
_B32_HEX = b'0123456789ABCDEFGHIJKLMNOPQRSTUV'
_b32_tables = {}

# Trailing '=' count for a final group of 1..4 input bytes.
_B32_PADS = {1: 6, 2: 4, 3: 3, 4: 1}
# Bytes that a final group with that many '=' carries.
_B32_KEEP = {0: 5, 1: 4, 3: 3, 4: 2, 6: 1}


def _b32_encode_with(alphabet, s):
    data = _encoder_input(s)
    tail = len(data) % 5
    if tail:
        data += bytes(5 - tail)
    out = bytearray()
    for pos in range(0, len(data), 5):
        group = int.from_bytes(data[pos:pos + 5], 'big')
        for shift in range(35, -1, -5):
            out.append(alphabet[(group >> shift) & 31])
    if tail:
        npad = _B32_PADS[tail]
        out[-npad:] = b'=' * npad
    return bytes(out)


def _b32_decode_with(alphabet, s, casefold, map01=None):
    table = _b32_tables.get(alphabet)
    if table is None:
        table = {ch: val for val, ch in enumerate(alphabet)}
        _b32_tables[alphabet] = table
    s = _decoder_input(s)
    total = len(s)
    if total % 8:
        raise binascii.Error('Incorrect padding')
    if map01 is not None:
        m = _decoder_input(map01)
        if len(m) != 1:
            raise AssertionError(repr(m))
        s = s.replace(b'0', b'O').replace(b'1', m)
    if casefold:
        s = s.upper()
    body = s.rstrip(b'=')
    npad = total - len(body)
    out = bytearray()
    group = 0
    for pos in range(0, len(body), 8):
        group = 0
        for ch in body[pos:pos + 8]:
            val = table.get(ch)
            if val is None:
                raise binascii.Error('Non-base32 digit found')
            group = (group << 5) | val
        out += group.to_bytes(5, 'big')
    if npad not in _B32_KEEP:
        raise binascii.Error('Incorrect padding')
    if npad and out:
        group <<= 5 * npad
        del out[-5:]
        out += group.to_bytes(5, 'big')[:_B32_KEEP[npad]]
    return bytes(out)


def b32encode(s):
    """Base32 of the bytes-like `s` (RFC 4648)."""
    return _b32_encode_with(_B32_STD, s)


def b32decode(s, casefold=False, map01=None):
    """Decode Base32.  `casefold` accepts lowercase; `map01` (one byte)
    says what the digit 1 stands for, and makes 0 mean O."""
    return _b32_decode_with(_B32_STD, s, casefold, map01)


def b32hexencode(s):
    """Base32 with the Extended Hex alphabet (RFC 4648 section 7)."""
    return _b32_encode_with(_B32_HEX, s)


def b32hexdecode(s, casefold=False):
    """Decode Base32 with the Extended Hex alphabet."""
    return _b32_decode_with(_B32_HEX, s, casefold)


# ---- Base16 -----------------------------------------------------------------

_HEX_UPPER = frozenset(b'0123456789ABCDEF')


def b16encode(s):
    """Base16 (uppercase hex) of the bytes-like `s`."""
    return binascii.hexlify(s).upper()


def b16decode(s, casefold=False):
    """Decode Base16; lowercase digits need `casefold`."""
    s = _decoder_input(s)
    if casefold:
        s = s.upper()
    for ch in s:
        if ch not in _HEX_UPPER:
            raise binascii.Error('Non-base16 digit found')
    return binascii.unhexlify(s)


# ---- the base-85 family -----------------------------------------------------

_A85_ALPHABET = bytes(range(33, 118))
_B85_ALPHABET = (b'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
                 b'abcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~')
_Z85_ALPHABET = (b'0123456789abcdefghijklmnopqrstuvwxyz'
                 b'ABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#')
_A85_OPEN = b'<~'
_A85_CLOSE = b'~>'


def _word_to_85(word, alphabet):
    digits = bytearray(5)
    for i in range(4, -1, -1):
        word, digits[i] = divmod(word, 85)
        digits[i] = alphabet[digits[i]]
    return bytes(digits)


def _encode85(data, alphabet, pad, zero_word, space_word):
    """Groups of 4 bytes as 5 digits; `zero_word`/`space_word` (a byte or
    None) abbreviate all-zero / all-space groups."""
    data = _encoder_input(data)
    short = -len(data) % 4
    data += bytes(short)
    parts = []
    for pos in range(0, len(data), 4):
        word = int.from_bytes(data[pos:pos + 4], 'big')
        if zero_word is not None and word == 0:
            parts.append(zero_word)
        elif space_word is not None and word == 0x20202020:
            parts.append(space_word)
        else:
            parts.append(_word_to_85(word, alphabet))
    if short and not pad:
        last = parts[-1]
        if last == zero_word:
            last = alphabet[0:1] * 5
        parts[-1] = last[:-short]
    return b''.join(parts)


def b85encode(b, pad=False):
    """Base85 (as in git and Mercurial binary diffs) of `b`; `pad` pads the
    input to a multiple of 4 bytes first."""
    return _encode85(b, _B85_ALPHABET, pad, None, None)


_b85_tables = {}


def _decode85(data, alphabet, what):
    table = _b85_tables.get(alphabet)
    if table is None:
        table = {ch: val for val, ch in enumerate(alphabet)}
        _b85_tables[alphabet] = table
    short = -len(data) % 5
    data += alphabet[-1:] * short
    out = bytearray()
    for pos in range(0, len(data), 5):
        word = 0
        for offset, ch in enumerate(data[pos:pos + 5]):
            val = table.get(ch)
            if val is None:
                raise ValueError(f'bad {what} character at position {pos + offset}')
            word = word * 85 + val
        if word > 0xFFFFFFFF:
            raise ValueError(f'{what} overflow in hunk starting at byte {pos}')
        out += word.to_bytes(4, 'big')
    if short:
        del out[-short:]
    return bytes(out)


def b85decode(b):
    """Decode Base85; whitespace is not allowed."""
    return _decode85(_decoder_input(b), _B85_ALPHABET, 'base85')


def z85encode(s):
    """Z85 (ZeroMQ's Base85) of `s`."""
    return _encode85(s, _Z85_ALPHABET, False, None, None)


def z85decode(s):
    """Decode Z85."""
    return _decode85(_decoder_input(s), _Z85_ALPHABET, 'z85')


def a85encode(b, *, foldspaces=False, wrapcol=0, pad=False, adobe=False):
    """Ascii85 of `b`.  `foldspaces` writes 4 spaces as 'y' (btoa),
    `wrapcol` breaks lines, `pad` pads the input, `adobe` adds <~ ~>."""
    text = _encode85(b, _A85_ALPHABET, pad, b'z', b'y' if foldspaces else None)
    if adobe:
        text = _A85_OPEN + text
    if wrapcol:
        width = max(wrapcol, 2 if adobe else 1)
        lines = [text[i:i + width] for i in range(0, len(text), width)]
        if adobe and len(lines[-1]) + len(_A85_CLOSE) > width:
            lines.append(b'')
        text = b'\n'.join(lines)
    if adobe:
        text += _A85_CLOSE
    return text


def a85decode(b, *, foldspaces=False, adobe=False, ignorechars=b' \t\n\r\v'):
    """Decode Ascii85.  'z' is four zero bytes, 'y' four spaces when
    `foldspaces`; bytes in `ignorechars` are skipped; `adobe` requires the
    closing ~> (and strips an opening <~)."""
    b = _decoder_input(b)
    if adobe:
        if not b.endswith(_A85_CLOSE):
            raise ValueError(f'Ascii85 encoded byte sequences must end with {_A85_CLOSE!r}')
        b = b[2:-2] if b.startswith(_A85_OPEN) else b[:-2]
    out = bytearray()
    word = 0
    count = 0
    for ch in b:
        if 33 <= ch <= 117:
            word = word * 85 + (ch - 33)
            count += 1
            if count == 5:
                if word > 0xFFFFFFFF:
                    raise ValueError('Ascii85 overflow')
                out += word.to_bytes(4, 'big')
                word = count = 0
        elif ch == 122:  # 'z'
            if count:
                raise ValueError('z inside Ascii85 5-tuple')
            out += b'\0\0\0\0'
        elif foldspaces and ch == 121:  # 'y'
            if count:
                raise ValueError('y inside Ascii85 5-tuple')
            out += b'    '
        elif ch in ignorechars:
            continue
        else:
            raise ValueError('Non-Ascii85 digit found: %c' % ch)
    if count:
        missing = 5 - count
        for _ in range(missing):  # pad with the highest digit, 'u'
            word = word * 85 + 84
        if word > 0xFFFFFFFF:
            raise ValueError('Ascii85 overflow')
        out += word.to_bytes(4, 'big')[:4 - missing]
    return bytes(out)


# ---- MIME-style lines and file objects -----------------------------------------

MAXLINESIZE = 76  # the longest encoded line
MAXBINSIZE = 57  # the input bytes behind one full line (76 * 3 / 4)


def _need_bytes(s):
    if not isinstance(s, _BYTES_LIKE):
        raise TypeError(f'expected bytes-like object, not {type(s).__name__}')


def encodebytes(s):
    """Base64 of `s` in lines of at most 76 characters, each ending in a
    newline."""
    _need_bytes(s)
    lines = [binascii.b2a_base64(s[i:i + MAXBINSIZE])
             for i in range(0, len(s), MAXBINSIZE)]
    return b''.join(lines)


def decodebytes(s):
    """Decode what encodebytes() makes."""
    _need_bytes(s)
    return binascii.a2b_base64(s)


def encode(input, output):
    """Base64-encode binary file `input` into binary file `output`, in
    lines of 76 characters."""
    while True:
        block = input.read(MAXBINSIZE)
        if not block:
            return
        while len(block) < MAXBINSIZE:
            more = input.read(MAXBINSIZE - len(block))
            if not more:
                break
            block += more
        output.write(binascii.b2a_base64(block))


def decode(input, output):
    """Decode the Base64 lines of binary file `input` into `output`."""
    while True:
        line = input.readline()
        if not line:
            return
        output.write(binascii.a2b_base64(line))
