#!/usr/bin/env python3
"""scripts/gen_unicode_db.py: writes objects/unicode_db.c, torii's character
database, to standard output.

Run once, by hand, under CPython 3.13 (Unicode 15.1.0):
    PYENV_VERSION=3.13.0 python3.13 scripts/gen_unicode_db.py > objects/unicode_db.c
The generated file is committed, so building torii never needs Python.

Every property is read back from CPython's own str methods applied to a
one-character string (plus a few probes for the properties str uses but does
not expose: Cased and Case_Ignorable), so the tables reproduce CPython's
behaviour rather than a reading of the Unicode files.

Layout (see objects/unicode_util.h, which declares the tables):
  uc_records[]  deduplicated records: simple lower/upper/title deltas (the
                first character of the full mapping, as CPython's
                _PyUnicode_ToLowercase & co. give), the re IGNORECASE fold
                delta, flag bits, digit value and an index into uc_specials
                (0: none).
  uc_specials[] full mappings (lower, upper, title, casefold) for the
                characters whose full mapping is longer than one character
                or whose casefold differs from their lower case; each is an
                offset and a length into uc_special_pool[].
  uc_index1[c >> SHIFT] names a block; uc_index2[block << SHIFT | c & MASK]
                names the record.  Identical blocks are stored once.
"""
import sys
import unicodedata
import _sre

SHIFT = 7          # must match UC_SHIFT in objects/unicode_util.h
MAXCP = 0x110000

# Flag bits; must match UC_* in objects/unicode_util.h.
ALPHA = 1 << 0
DECIMAL = 1 << 1
DIGIT = 1 << 2
NUMERIC = 1 << 3
SPACE = 1 << 4
PRINTABLE = 1 << 5
ID_START = 1 << 6       # may start an identifier (str.isidentifier), '_' included
ID_CONTINUE = 1 << 7
LOWER = 1 << 8          # str.islower's "lowercase" (Unicode Lowercase)
UPPER = 1 << 9          # Unicode Uppercase
TITLE = 1 << 10         # general category Lt
CASED = 1 << 11
CASE_IGNORABLE = 1 << 12
LINEBREAK = 1 << 13
DIGIT_SHIFT = 16        # bits 16..19: the digit value when DIGIT is set


def props(cp):
    s = chr(cp)
    f = 0
    if s.isalpha(): f |= ALPHA
    if s.isdecimal(): f |= DECIMAL
    if s.isdigit(): f |= DIGIT
    if s.isnumeric(): f |= NUMERIC
    if s.isspace(): f |= SPACE
    if s.isprintable(): f |= PRINTABLE
    if s.isidentifier(): f |= ID_START
    if ('a' + s).isidentifier(): f |= ID_CONTINUE
    if s.islower(): f |= LOWER
    if s.isupper(): f |= UPPER
    if s.istitle() and not s.isupper(): f |= TITLE
    # title() lower-cases a letter that follows a cased character.
    cased = (s + 'a').title()[-1] == 'a'
    if cased: f |= CASED
    # Final sigma: U+03A3 lower-cases to U+03C2 after a cased character,
    # skipping case-ignorable ones, and not before one.
    if cased:
        ignorable = ('A\u03a3' + s).lower()[1] == '\u03c2'
    else:
        ignorable = ('A' + s + '\u03a3').lower()[-1] == '\u03c2'
    if ignorable: f |= CASE_IGNORABLE
    if len(('a' + s + 'b').splitlines()) == 2: f |= LINEBREAK
    if f & DIGIT:
        f |= unicodedata.digit(s) << DIGIT_SHIFT
    return f


def re_folds():
    """The IGNORECASE fold of each code point: re (sre) matches two
    characters ignoring case when their lower cases are equal or are listed
    together in re._casefix (different lower cases with the same upper case).
    Both are captured by the key upper(lower(c)); the fold is the smallest
    lower case with that key."""
    from re._casefix import _EXTRA_CASES
    lower = _sre.unicode_tolower
    classes = {}
    for cp in range(MAXCP):
        classes.setdefault(chr(lower(cp)).upper(), set()).add(lower(cp))
    rep = {}
    for members in classes.values():
        for lo in members:
            rep[lo] = min(members)
            others = tuple(sorted(members - {lo}))
            assert others == tuple(sorted(_EXTRA_CASES.get(lo, ()))), hex(lo)
    folds = [rep[lower(cp)] for cp in range(MAXCP)]
    for cp in range(MAXCP):
        # a character sre does not call cased folds to itself
        assert _sre.unicode_iscased(cp) or folds[cp] == cp, hex(cp)
    return folds


def main():
    folds = re_folds()
    records = {(0, 0, 0, 0, 0, 0): 0}
    record_list = [(0, 0, 0, 0, 0, 0)]
    specials = [None]
    pool = []
    pool_index = {}

    def intern_seq(t):
        key = tuple(t)
        if key not in pool_index:
            # reuse a suffix/occurrence already in the pool when possible
            n = len(key)
            for i in range(len(pool) - n + 1):
                if tuple(pool[i:i + n]) == key:
                    pool_index[key] = i
                    break
            else:
                pool_index[key] = len(pool)
                pool.extend(key)
        return pool_index[key], len(key)

    rec_of = []
    for cp in range(MAXCP):
        s = chr(cp)
        lo, up, ti, fo = s.lower(), s.upper(), s.title(), s.casefold()
        sp = 0
        if len(lo) > 1 or len(up) > 1 or len(ti) > 1 or fo != lo:
            entry = [intern_seq([ord(x) for x in m]) for m in (lo, up, ti, fo)]
            specials.append(entry)
            sp = len(specials) - 1
        rec = (ord(lo[0]) - cp, ord(up[0]) - cp, ord(ti[0]) - cp, folds[cp] - cp, props(cp), sp)
        if rec not in records:
            records[rec] = len(record_list)
            record_list.append(rec)
        rec_of.append(records[rec])

    bsize = 1 << SHIFT
    blocks = {}
    index1 = []
    index2 = []
    for start in range(0, MAXCP, bsize):
        blk = tuple(rec_of[start:start + bsize])
        if blk not in blocks:
            blocks[blk] = len(blocks)
            index2.extend(blk)
        index1.append(blocks[blk])
    assert len(record_list) < 65536 and len(blocks) < 65536
    assert len(pool) < 65536 and len(specials) < 65536

    out = sys.stdout.write
    out("/* objects/unicode_db.c: torii's character database, GENERATED by\n"
        " * scripts/gen_unicode_db.py from CPython %s (Unicode %s); do not edit.\n"
        " * Read-only tables, declared and used by objects/unicode_util.h:\n"
        " * %d records, %d blocks of %d, %d special case mappings. */\n"
        % (sys.version.split()[0], unicodedata.unidata_version,
           len(record_list), len(blocks), bsize, len(specials) - 1))
    out('#include "objects/unicode_util.h"\n\n')

    def emit_array(decl, values, per_line=20):
        out(decl + " = {\n")
        for i in range(0, len(values), per_line):
            out("    " + ",".join(str(v) for v in values[i:i + per_line]) + ",\n")
        out("};\n\n")

    out("const UcRecord uc_records[%d] = {\n" % len(record_list))
    for lo, up, ti, fo, f, sp in record_list:
        out("    {%d,%d,%d,%d,0x%x,%d},\n" % (lo, up, ti, fo, f, sp))
    out("};\n\n")
    out("const UcSpecial uc_specials[%d] = {\n" % len(specials))
    out("    {{0,0,0,0},{0,0,0,0}},\n")
    for entry in specials[1:]:
        out("    {{%s},{%s}},\n" % (",".join(str(o) for o, _ in entry),
                                   ",".join(str(n) for _, n in entry)))
    out("};\n\n")
    emit_array("const uint32_t uc_special_pool[%d]" % len(pool), pool, 12)
    emit_array("const uint16_t uc_index1[%d]" % len(index1), index1, 24)
    emit_array("const uint16_t uc_index2[%d]" % len(index2), index2, 24)


if __name__ == "__main__":
    main()
