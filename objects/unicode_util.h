/* objects/unicode_util.h: private helpers shared by objects/str.c and
 * objects/format.c: UTF-8 decoding/encoding and the small character database
 * (case mapping, classes, printability).
 *
 * Limits of the character database (documented, deliberate): case mapping
 * covers ASCII, Latin-1, Latin Extended-A pairs, Greek and Cyrillic basic
 * letters; `ß` upper-cases/case-folds to "SS"/"ss".  Letter, digit, space and
 * printability tests are exact for ASCII and Latin-1 and approximate by block
 * ranges elsewhere.  Everything here is pure and cannot fail. */
#ifndef TORII_UNICODE_UTIL_H
#define TORII_UNICODE_UTIL_H
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* Decodes the code point at `*p` (valid UTF-8) and advances `*p`. */
static inline uint32_t utf8_next(const char **pp) {
    const unsigned char *p = (const unsigned char *)*pp;
    uint32_t c = p[0];
    if (c < 0x80) { *pp += 1; return c; }
    if (c < 0xE0) { *pp += 2; return ((c & 0x1F) << 6) | (p[1] & 0x3F); }
    if (c < 0xF0) { *pp += 3; return ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F); }
    *pp += 4;
    return ((c & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

/* Bytes in the UTF-8 sequence starting with byte `b`. */
static inline size_t utf8_seqlen(unsigned char b) {
    return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

/* Writes `c` as UTF-8 into `out` (at least 4 bytes); returns the byte count. */
static inline size_t utf8_encode(uint32_t c, char *out) {
    unsigned char *o = (unsigned char *)out;
    if (c < 0x80) { o[0] = (unsigned char)c; return 1; }
    if (c < 0x800) { o[0] = 0xC0 | (c >> 6); o[1] = 0x80 | (c & 0x3F); return 2; }
    if (c < 0x10000) {
        o[0] = 0xE0 | (c >> 12); o[1] = 0x80 | ((c >> 6) & 0x3F); o[2] = 0x80 | (c & 0x3F);
        return 3;
    }
    o[0] = 0xF0 | (c >> 18); o[1] = 0x80 | ((c >> 12) & 0x3F);
    o[2] = 0x80 | ((c >> 6) & 0x3F); o[3] = 0x80 | (c & 0x3F);
    return 4;
}

/* str.isspace() for one code point (Unicode White_Space + the separators
 * CPython counts: \x1c-\x1f). */
static inline bool uc_isspace(uint32_t c) {
    if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
    return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* Line boundaries for str.splitlines(). */
static inline bool uc_islinebreak(uint32_t c) {
    return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D ||
           c == 0x1E || c == 0x85 || c == 0x2028 || c == 0x2029;
}

static inline bool uc_isdecimal(uint32_t c) {
    if (c < 0x80) return c >= '0' && c <= '9';
    return (c >= 0x660 && c <= 0x669) || (c >= 0x6F0 && c <= 0x6F9) || (c >= 0x966 && c <= 0x96F) ||
           (c >= 0xFF10 && c <= 0xFF19);
}
static inline bool uc_isdigit(uint32_t c) {
    return uc_isdecimal(c) || c == 0xB2 || c == 0xB3 || c == 0xB9 || (c >= 0x2070 && c <= 0x2079 && c != 0x2071 && c != 0x2072 && c != 0x2073) ||
           (c >= 0x2080 && c <= 0x2089) || (c >= 0x2460 && c <= 0x2468);
}
static inline bool uc_isnumeric(uint32_t c) {
    return uc_isdigit(c) || c == 0xBC || c == 0xBD || c == 0xBE || (c >= 0x2150 && c <= 0x2189) ||
           (c >= 0x2160 && c <= 0x2188) || (c >= 0x4E00 && (c == 0x4E00 || c == 0x4E8C || c == 0x4E09 || c == 0x56DB || c == 0x4E94 ||
           c == 0x516D || c == 0x4E03 || c == 0x516B || c == 0x4E5D || c == 0x5341));
}

static inline uint32_t uc_tolower(uint32_t c) {
    if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    if (c < 0x100) return (c >= 0xC0 && c <= 0xDE && c != 0xD7) ? c + 32 : c;
    if (c >= 0x100 && c <= 0x17F) {
        if (c == 0x130) return 'i';
        if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c & 1) ? c + 1 : c;
        if (c == 0x178) return 0xFF;
        if (c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F) return c;
        return (c & 1) ? c : c + 1;
    }
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;
    if (c >= 0x410 && c <= 0x42F) return c + 32;
    if (c >= 0x400 && c <= 0x40F) return c + 80;
    return c;
}

static inline uint32_t uc_toupper(uint32_t c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') ? c - 32 : c;
    if (c < 0x100) {
        if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;
        if (c == 0xFF) return 0x178;
        if (c == 0xB5) return 0x39C;
        return c;
    }
    if (c >= 0x100 && c <= 0x17F) {
        if (c == 0x131) return 'I';
        if (c == 0x17F) return 'S';
        if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c & 1) ? c : c - 1;
        if (c == 0x130 || c == 0x138 || c == 0x149 || c == 0x178) return c;
        return (c & 1) ? c - 1 : c;
    }
    if (c == 0x3C2) return 0x3A3;
    if (c >= 0x3B1 && c <= 0x3CB) return c - 32;
    if (c >= 0x430 && c <= 0x44F) return c - 32;
    if (c >= 0x450 && c <= 0x45F) return c - 80;
    return c;
}

static inline bool uc_isupper(uint32_t c) { return uc_tolower(c) != c || (c >= 0x400 && c <= 0x42F); }
static inline bool uc_islower(uint32_t c) {
    return uc_toupper(c) != c || c == 0xDF || c == 0xAA || c == 0xBA || c == 0x138 || c == 0x149;
}

static inline bool uc_isalpha(uint32_t c) {
    if (c < 0x80) return (c | 32) >= 'a' && (c | 32) <= 'z';
    if (c < 0x100) return c == 0xAA || c == 0xB5 || c == 0xBA || (c >= 0xC0 && c != 0xD7 && c != 0xF7);
    if (c <= 0x2AF) return true;                       /* Latin Extended, IPA */
    if (c >= 0x370 && c <= 0x3FF) return c != 0x375 && c != 0x37E && c != 0x384 && c != 0x385 && c != 0x387 && c != 0x3F6;
    if (c >= 0x400 && c <= 0x52F) return !(c >= 0x482 && c <= 0x489);
    if (c >= 0x5D0 && c <= 0x5EA) return true;         /* Hebrew */
    if (c >= 0x620 && c <= 0x64A) return true;         /* Arabic */
    if (c >= 0x904 && c <= 0x939) return true;         /* Devanagari */
    if (c >= 0x1E00 && c <= 0x1FFF) return true;       /* Latin/Greek extended */
    if (c >= 0x3041 && c <= 0x30FF) return c != 0x30A0 && c != 0x30FB && !(c >= 0x3099 && c <= 0x309C);
    if (c >= 0x3400 && c <= 0x4DBF) return true;
    if (c >= 0x4E00 && c <= 0x9FFF) return true;       /* CJK */
    if (c >= 0xAC00 && c <= 0xD7A3) return true;       /* Hangul */
    if (c >= 0xFF21 && c <= 0xFF3A) return true;
    if (c >= 0xFF41 && c <= 0xFF5A) return true;
    if (c >= 0x20000 && c <= 0x323AF) return true;
    return false;
}

/* str.isprintable() approximation used by repr(): control characters (Cc),
 * format characters (Cf), separators other than the ASCII space (Zs, Zl, Zp),
 * surrogates, private use and the common unassigned ranges are not printable. */
static inline bool uc_isprintable(uint32_t c) {
    if (c < 0x80) return c >= 0x20 && c < 0x7F;
    if (c <= 0xA0) return false;
    if (c == 0xAD) return false;
    if (c < 0x300) return true;
    if (c == 0x378 || c == 0x379 || (c >= 0x380 && c <= 0x383) || c == 0x38B || c == 0x38D || c == 0x3A2) return false;
    if (c >= 0x600 && c <= 0x605) return false;
    if (c == 0x61C || c == 0x6DD || c == 0x70F || c == 0x8E2 || c == 0x180E || c == 0x1680) return false;
    if (c >= 0x2000 && c <= 0x200F) return false;
    if (c >= 0x2028 && c <= 0x202F) return false;
    if (c >= 0x205F && c <= 0x206F) return false;
    if (c == 0x3000) return false;
    if (c >= 0xD800 && c <= 0xF8FF) return false;     /* surrogates, private use */
    if (c == 0xFEFF || (c >= 0xFFF0 && c <= 0xFFFB) || c == 0xFFFE || c == 0xFFFF) return false;
    if ((c & 0xFFFE) == 0xFFFE) return false;          /* noncharacters in every plane */
    if (c >= 0x1BCA0 && c <= 0x1BCA3) return false;
    if (c >= 0x1D173 && c <= 0x1D17A) return false;
    if (c >= 0x323B0 && c <= 0xE00FF) return false;    /* unassigned planes, tags */
    if (c >= 0xE01F0) return false;                    /* private use planes */
    return true;
}

/* A cased character for title()/istitle(). */
static inline bool uc_iscased(uint32_t c) { return uc_isupper(c) || uc_islower(c); }

#endif
