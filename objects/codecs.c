/* objects/codecs.c: the text codecs behind str.encode, bytes.decode,
 * bytes(str, encoding) and binary/text file conversions: utf-8, latin-1 and
 * ascii, with the error handlers strict, ignore, replace, backslashreplace
 * and (encoding only) xmlcharrefreplace.
 *
 * Errors are reported over a range [start, end) as CPython's codecs do: a
 * truncated or malformed UTF-8 sequence is one range (so 'replace' gives one
 * U+FFFD for it), and a run of characters that an encoding cannot represent
 * is one range.  An unknown handler is only an error when an error occurs.
 * Threads: pure functions of their arguments; nothing shared. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "torii/torii.h"
#include "torii/bytes.h"
#include "stdlib/stdlib.h"
#include "objects/unicode_util.h"

enum { ENC_UTF8, ENC_LATIN1, ENC_ASCII };
enum { ERR_STRICT, ERR_IGNORE, ERR_REPLACE, ERR_BACKSLASH, ERR_XMLCHAR, ERR_UNKNOWN };

static const char *const enc_names[] = {"utf-8", "latin-1", "ascii"};

/* Normalises `name` as CPython's codec lookup does (case, '-' and ' ' as '_')
 * and returns ENC_*, or -1 with LookupError. */
static int find_encoding(TrThread *ts, const char *name) {
    if (!name) return ENC_UTF8;
    char buf[32];
    size_t n = strlen(name);
    if (n < sizeof buf) {
        for (size_t i = 0; i <= n; i++) {
            char c = name[i];
            if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
            if (c == '-' || c == ' ') c = '_';
            buf[i] = c;
        }
        static const struct { const char *alias; int enc; } table[] = {
            {"utf_8", ENC_UTF8}, {"utf8", ENC_UTF8}, {"u8", ENC_UTF8}, {"utf", ENC_UTF8},
            {"cp65001", ENC_UTF8},
            {"latin_1", ENC_LATIN1}, {"latin1", ENC_LATIN1}, {"latin", ENC_LATIN1},
            {"iso_8859_1", ENC_LATIN1}, {"iso8859_1", ENC_LATIN1}, {"8859", ENC_LATIN1},
            {"cp819", ENC_LATIN1}, {"l1", ENC_LATIN1}, {"iso_ir_100", ENC_LATIN1},
            {"ascii", ENC_ASCII}, {"us_ascii", ENC_ASCII}, {"646", ENC_ASCII}, {"us", ENC_ASCII},
            {"ansi_x3.4_1968", ENC_ASCII}, {"iso646_us", ENC_ASCII},
        };
        for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
            if (strcmp(buf, table[i].alias) == 0) return table[i].enc;
    }
    err_format(ts, &tr_exc_LookupError, "unknown encoding: %s", name);
    return -1;
}

static int find_handler(const char *errors) {
    if (!errors || strcmp(errors, "strict") == 0) return ERR_STRICT;
    if (strcmp(errors, "ignore") == 0) return ERR_IGNORE;
    if (strcmp(errors, "replace") == 0) return ERR_REPLACE;
    if (strcmp(errors, "backslashreplace") == 0) return ERR_BACKSLASH;
    if (strcmp(errors, "xmlcharrefreplace") == 0) return ERR_XMLCHAR;
    return ERR_UNKNOWN;
}

static void unknown_handler(TrThread *ts, const char *errors) {
    err_format(ts, &tr_exc_LookupError, "unknown error handler name '%s'", errors);
}

/* Raises UnicodeDecodeError(encoding, bytes(s[0..n)), start, end, reason). */
static void decode_error(TrThread *ts, int enc, const char *s, size_t n, size_t start, size_t end,
                         const char *reason) {
    TrObject *args[5] = {str_from_cstr(ts, enc_names[enc]), bytes_from(ts, s, n),
                         int_from_i64(ts, (int64_t)start), int_from_i64(ts, (int64_t)end),
                         str_from_cstr(ts, reason)};
    TrObject *exc = NULL;
    if (args[0] && args[1] && args[4]) exc = exc_new(ts, &tr_exc_UnicodeDecodeError, args, 5);
    for (int i = 0; i < 5; i++) tr_xdecref(args[i]);
    if (exc) err_raise(ts, exc);
    else if (!err_occurred(ts)) err_nomemory(ts);
}

/* Length of the malformed UTF-8 prefix at s[i] (n bytes in all) and its
 * reason, or 0 when a valid sequence of `*len` bytes starts there. */
static size_t utf8_bad(const unsigned char *s, size_t n, size_t i, size_t *len, const char **why) {
    unsigned c = s[i];
    if (c < 0x80) { *len = 1; return 0; }
    size_t need;
    unsigned lo = 0x80, hi = 0xBF;
    if (c < 0xC2) { *why = "invalid start byte"; return 1; }
    if (c < 0xE0) need = 2;
    else if (c < 0xF0) {
        need = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c < 0xF5) {
        need = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else { *why = "invalid start byte"; return 1; }
    for (size_t k = 1; k < need; k++) {
        if (i + k >= n) { *why = "unexpected end of data"; return k; }
        unsigned b = s[i + k];
        unsigned l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
        if (b < l || b > h) { *why = "invalid continuation byte"; return k; }
    }
    *len = need;
    return 0;
}

TrObject *codec_decode(TrThread *ts, const char *s, size_t n, const char *encoding, const char *errors) {
    int enc = find_encoding(ts, encoding);
    if (enc < 0) return NULL;
    int h = find_handler(errors);
    const unsigned char *u = (const unsigned char *)s;
    if (enc == ENC_UTF8) {
        /* fast path: already valid */
        size_t i = 0, len;
        const char *why;
        while (i < n && utf8_bad(u, n, i, &len, &why) == 0) i += len;
        if (i == n) return str_from_utf8(ts, s, n);
    }
    TrStrBuf b;
    strbuf_init(&b);
    size_t i = 0;
    while (i < n) {
        size_t bad = 0, len = 1;
        const char *why = "ordinal not in range(128)";
        if (enc == ENC_UTF8) bad = utf8_bad(u, n, i, &len, &why);
        else if (enc == ENC_ASCII) bad = u[i] >= 0x80;
        if (!bad) {
            if (enc == ENC_LATIN1 && u[i] >= 0x80) {
                char tmp[4];
                strbuf_add(&b, tmp, utf8_encode(u[i], tmp));
            } else {
                strbuf_add(&b, s + i, len);
            }
            i += len;
            continue;
        }
        switch (h) {
        case ERR_STRICT:
        case ERR_XMLCHAR:   /* a decode-time error for this handler, as in CPython */
            strbuf_free(&b);
            decode_error(ts, enc, s, n, i, i + bad, why);
            return NULL;
        case ERR_IGNORE: break;
        case ERR_REPLACE: strbuf_adds(&b, "\xEF\xBF\xBD"); break;
        case ERR_BACKSLASH:
            for (size_t k = 0; k < bad; k++) {
                char tmp[8];
                snprintf(tmp, sizeof tmp, "\\x%02x", u[i + k]);
                strbuf_adds(&b, tmp);
            }
            break;
        default:
            strbuf_free(&b);
            unknown_handler(ts, errors);
            return NULL;
        }
        i += bad;
    }
    return strbuf_finish(ts, &b);
}

/* Raises UnicodeEncodeError(encoding, s, start, end, reason). */
static void encode_error(TrThread *ts, int enc, TrObject *s, size_t start, size_t end, const char *reason) {
    TrObject *args[5] = {str_from_cstr(ts, enc_names[enc]), tr_newref(s), int_from_i64(ts, (int64_t)start),
                         int_from_i64(ts, (int64_t)end), str_from_cstr(ts, reason)};
    TrObject *exc = NULL;
    if (args[0] && args[4]) exc = exc_new(ts, &tr_exc_UnicodeEncodeError, args, 5);
    for (int i = 0; i < 5; i++) tr_xdecref(args[i]);
    if (exc) err_raise(ts, exc);
    else if (!err_occurred(ts)) err_nomemory(ts);
}

/* 1 if code point `c` cannot be written in `enc`. */
static int unencodable(int enc, uint32_t c) {
    if (enc == ENC_UTF8) return c >= 0xD800 && c <= 0xDFFF;
    return c >= (enc == ENC_ASCII ? 0x80u : 0x100u);
}

TrObject *codec_encode(TrThread *ts, TrObject *s, const char *encoding, const char *errors) {
    int enc = find_encoding(ts, encoding);
    if (enc < 0) return NULL;
    const char *p = str_utf8(s), *end = p + str_nbytes(s);
    if (((TrStr *)s)->ascii) return bytes_from(ts, p, str_nbytes(s));
    int h = find_handler(errors);
    TrStrBuf b;   /* used as a byte buffer: never finished as a str */
    strbuf_init(&b);
    size_t pos = 0;
    while (p < end) {
        const char *start = p;
        uint32_t c = utf8_next(&p);
        if (!unencodable(enc, c)) {
            if (enc == ENC_UTF8) strbuf_add(&b, start, (size_t)(p - start));
            else strbuf_addc(&b, (char)c);
            pos++;
            continue;
        }
        /* the run of unencodable characters is one error range */
        size_t first = pos;
        const char *run = start;
        pos++;
        while (p < end) {
            const char *q = p;
            if (!unencodable(enc, utf8_next(&q))) break;
            p = q;
            pos++;
        }
        const char *reason = enc == ENC_UTF8 ? "surrogates not allowed"
                             : enc == ENC_ASCII ? "ordinal not in range(128)" : "ordinal not in range(256)";
        if (h == ERR_STRICT || h == ERR_UNKNOWN) {
            strbuf_free(&b);
            if (h == ERR_UNKNOWN) unknown_handler(ts, errors);
            else encode_error(ts, enc, s, first, pos, reason);
            return NULL;
        }
        for (const char *q = run; q < p;) {
            uint32_t d = utf8_next(&q);
            char tmp[16];
            switch (h) {
            case ERR_IGNORE: break;
            case ERR_REPLACE: strbuf_addc(&b, '?'); break;
            case ERR_BACKSLASH:
                if (d <= 0xFF) snprintf(tmp, sizeof tmp, "\\x%02x", d);
                else if (d <= 0xFFFF) snprintf(tmp, sizeof tmp, "\\u%04x", d);
                else snprintf(tmp, sizeof tmp, "\\U%08x", d);
                strbuf_adds(&b, tmp);
                break;
            default:
                snprintf(tmp, sizeof tmp, "&#%u;", d);
                strbuf_adds(&b, tmp);
                break;
            }
        }
    }
    if (b.failed) { strbuf_free(&b); return err_nomemory(ts); }
    TrObject *r = bytes_from(ts, b.data, b.len);
    strbuf_free(&b);
    return r;
}

int codec_args(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kwnames,
               const char **encoding, const char **errors) {
    static const char *const names[] = {"encoding", "errors"};
    TrObject *out[2];
    if (args_parse(ts, fname, args, nargs, kwnames, names, 2, 0, 0, 0, out) < 0) return -1;
    for (int i = 0; i < 2; i++) {
        if (out[i] && !str_check(out[i])) {
            err_format(ts, &tr_exc_TypeError, "%s() argument '%s' must be str, not %T", fname, names[i], out[i]);
            return -1;
        }
    }
    *encoding = out[0] ? str_utf8(out[0]) : "utf-8";
    *errors = out[1] ? str_utf8(out[1]) : "strict";
    return 0;
}
