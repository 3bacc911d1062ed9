/* objects/bytes_ops.c: the methods bytes and bytearray share (search,
 * split, strip, case, tests, hex, decode, padding, translate), their repr
 * and comparison.
 * Threads: every method reads `self` and its bytes-like arguments through a
 * TrBytesView, which for a bytearray is a private copy taken under the
 * array's lock, so nothing here holds a lock or sees a buffer change while
 * it works; results are new objects of `self`'s kind. */
#define _GNU_SOURCE   /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objects/bytes_ops.h"
#include "objects/containers.h"
#include "stdlib/stdlib.h"

/* ---- helpers ---------------------------------------------------------- */

static TrObject *mk(TrThread *ts, TrObject *self, const char *p, size_t n) {
    return bytearray_check(self) ? bytearray_from(ts, p, n) : bytes_from(ts, p, n);
}

static int self_view(TrThread *ts, TrObject *self, TrBytesView *v) {
    return bytes_view(ts, self, v) < 0 ? -1 : 0;
}

/* A bytes-like argument: 0, or -1 with "a bytes-like object is required, not 'str'". */
static int arg_view(TrThread *ts, TrObject *o, TrBytesView *v) {
    int r = bytes_view(ts, o, v);
    if (r < 0) return -1;
    if (r == 0) {
        err_format(ts, &tr_exc_TypeError, "a bytes-like object is required, not '%T'", o);
        return -1;
    }
    return 0;
}

/* "bytes.upper" / "bytearray.upper" for the METH_NOARGS / METH_O messages;
 * `buf` holds at least 40 bytes. */
static const char *qual(TrObject *self, const char *name, char *buf) {
    snprintf(buf, 40, "%s.%s", bytearray_check(self) ? "bytearray" : "bytes", name);
    return buf;
}

static int is_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
static int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

int bytesops_byte_value(TrThread *ts, TrObject *o, int *out) {
    int64_t v;
    int r = index_like(ts, o, &v);
    if (r < 0) {
        if (!err_matches(ts, &tr_exc_IndexError)) return -1;
        err_clear(ts);
        v = -1;
    } else if (r == 0) {
        err_format(ts, &tr_exc_TypeError, "'%T' object cannot be interpreted as an integer", o);
        return -1;
    }
    if (v < 0 || v > 255) {
        err_set(ts, &tr_exc_ValueError, "byte must be in range(0, 256)");
        return -1;
    }
    *out = (int)v;
    return 0;
}

/* Resolves optional start/end (None allowed) against `len` as slice bounds. */
static int bound(TrThread *ts, TrObject *o, ssize_t len, ssize_t *out) {
    if (!o || o == tr_none) return 0;
    int64_t v;
    int r = index_like(ts, o, &v);
    if (r < 0) {
        if (!err_matches(ts, &tr_exc_IndexError)) return -1;
        err_clear(ts);
        v = int_sign(o) < 0 ? INT64_MIN / 2 : INT64_MAX / 2;
    } else if (r == 0) {
        err_set(ts, &tr_exc_TypeError, "slice indices must be integers or None or have an __index__ method");
        return -1;
    }
    if (v < 0) { v += len; if (v < 0) v = 0; }
    if (v > len) v = len;
    *out = (ssize_t)v;
    return 0;
}

/* 1 if the start argument `o` (an index, already validated by bound) lies
 * past `len` after negative adjustment. */
static int start_beyond(TrThread *ts, TrObject *o, ssize_t len) {
    int64_t v;
    if (index_like(ts, o, &v) <= 0) { err_clear(ts); return int_sign(o) > 0; }
    if (v < 0) return 0;
    return v > len;
}

/* ---- repr, comparison, contains --------------------------------------- */

TrObject *bytesops_repr(TrThread *ts, const char *p, size_t n, const char *wrap) {
    bool squote = memchr(p, '\'', n) != NULL, dquote = memchr(p, '"', n) != NULL;
    char q = squote && !dquote ? '"' : '\'';
    TrStrBuf b;
    strbuf_init(&b);
    if (wrap) { strbuf_adds(&b, wrap); strbuf_addc(&b, '('); }
    strbuf_addc(&b, 'b');
    strbuf_addc(&b, q);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        /* bytearray's repr escapes ' even inside double quotes, as CPython's does */
        if (c == (unsigned char)q || c == '\\' || (wrap && c == '\'')) { strbuf_addc(&b, '\\'); strbuf_addc(&b, (char)c); }
        else if (c == '\t') strbuf_add(&b, "\\t", 2);
        else if (c == '\n') strbuf_add(&b, "\\n", 2);
        else if (c == '\r') strbuf_add(&b, "\\r", 2);
        else if (c < 0x20 || c >= 0x7f) {
            char tmp[8];
            snprintf(tmp, sizeof tmp, "\\x%02x", c);
            strbuf_add(&b, tmp, 4);
        } else strbuf_addc(&b, (char)c);
    }
    strbuf_addc(&b, q);
    if (wrap) strbuf_addc(&b, ')');
    return strbuf_finish(ts, &b);
}

TrObject *bytesops_richcompare(TrThread *ts, TrObject *a, TrObject *b, int op) {
    /* bytes compares only with bytes and bytearray (== with a memoryview is
     * the view's to decide, by format), as in CPython; bytearray compares raw
     * bytes with any buffer */
    if ((bytes_check(a) && !tr_is_imm(b) && memview_check(b)) || (bytes_check(b) && memview_check(a)))
        return tr_notimplemented;
    TrBytesView va, vb;
    int r = bytes_view(ts, a, &va);
    if (r <= 0) return r < 0 ? NULL : tr_notimplemented;
    r = bytes_view(ts, b, &vb);
    if (r <= 0) { bytes_view_release(&va); return r < 0 ? NULL : tr_notimplemented; }
    int c;
    if ((op == TR_EQ || op == TR_NE) && va.n != vb.n) c = 1;
    else {
        size_t m = va.n < vb.n ? va.n : vb.n;
        c = m ? memcmp(va.p, vb.p, m) : 0;
        if (c == 0) c = va.n < vb.n ? -1 : va.n > vb.n;
    }
    bytes_view_release(&va);
    bytes_view_release(&vb);
    switch (op) {
    case TR_LT: return tr_bool(c < 0);
    case TR_LE: return tr_bool(c <= 0);
    case TR_EQ: return tr_bool(c == 0);
    case TR_NE: return tr_bool(c != 0);
    case TR_GT: return tr_bool(c > 0);
    default: return tr_bool(c >= 0);
    }
}

/* The needle of find/count/index/in: a byte (int) or a bytes-like object.
 * Fills `v` (for an int, pointing at `*byte`).  0 or -1. */
static int needle(TrThread *ts, TrObject *o, TrBytesView *v, char *byte) {
    int r = bytes_view(ts, o, v);
    if (r < 0) return -1;
    if (r) return 0;
    int64_t x;
    r = index_like(ts, o, &x);
    if (r < 0) return -1;
    if (r == 0) {
        err_format(ts, &tr_exc_TypeError, "argument should be integer or bytes-like object, not '%T'", o);
        return -1;
    }
    if (x < 0 || x > 255) {
        err_set(ts, &tr_exc_ValueError, "byte must be in range(0, 256)");
        return -1;
    }
    *byte = (char)x;
    v->p = byte;
    v->n = 1;
    v->owned = NULL;
    return 0;
}

int bytesops_contains(TrThread *ts, const char *p, size_t n, TrObject *item) {
    TrBytesView v;
    char byte;
    int r = bytes_view(ts, item, &v);
    if (r < 0) return -1;
    if (r == 0) {
        if (!int_check(item) && !(tr_type(item)->number && tr_type(item)->number->index)) {
            err_format(ts, &tr_exc_TypeError, "a bytes-like object is required, not '%T'", item);
            return -1;
        }
        if (needle(ts, item, &v, &byte) < 0) return -1;
    }
    int found = v.n == 0 || (v.n <= n && memmem(p, n, v.p, v.n) != NULL);
    bytes_view_release(&v);
    return found;
}

/* ---- construction from objects ---------------------------------------- */

int bytesops_from_object(TrThread *ts, TrObject *o, char **out, size_t *n) {
    TrBytesView v;
    int r = bytes_view(ts, o, &v);
    if (r < 0) return -1;
    if (r) {
        *out = malloc(v.n ? v.n : 1);
        if (!*out) { bytes_view_release(&v); err_nomemory(ts); return -1; }
        memcpy(*out, v.p, v.n);
        *n = v.n;
        bytes_view_release(&v);
        return 0;
    }
    TrObject *it = tr_iter(ts, o);
    if (!it) {
        if (err_matches(ts, &tr_exc_TypeError)) {
            err_clear(ts);
            err_format(ts, &tr_exc_TypeError, "cannot convert '%T' object to bytes", o);
        }
        return -1;
    }
    size_t len = 0, cap = 16;
    char *buf = malloc(cap);
    TrObject *item;
    if (!buf) { tr_decref(it); err_nomemory(ts); return -1; }
    while ((item = tr_next(ts, it)) != NULL) {
        int64_t x;
        int k = index_like(ts, item, &x);
        if (k == 0) err_format(ts, &tr_exc_TypeError, "'%T' object cannot be interpreted as an integer", item);
        else if (k > 0 && (x < 0 || x > 255)) { err_set(ts, &tr_exc_ValueError, "bytes must be in range(0, 256)"); k = -1; }
        else if (k < 0 && err_matches(ts, &tr_exc_IndexError)) {
            err_clear(ts);
            err_set(ts, &tr_exc_ValueError, "bytes must be in range(0, 256)");
        }
        tr_decref(item);
        if (k <= 0) goto fail;
        if (len == cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) { err_nomemory(ts); goto fail; }
            buf = nb;
            cap *= 2;
        }
        buf[len++] = (char)x;
    }
    tr_decref(it);
    if (err_occurred(ts)) { free(buf); return -1; }
    *out = buf;
    *n = len;
    return 0;
fail:
    tr_decref(it);
    free(buf);
    return -1;
}

static int hexval(unsigned char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

TrObject *bytesops_fromhex(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_range(ts, "fromhex", nargs, kw, 1, 1) < 0) return NULL;
    if (!str_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "fromhex() argument must be str, not %T", args[0]);
    const unsigned char *s = (const unsigned char *)str_utf8(args[0]);
    size_t n = str_nbytes(args[0]), len = 0;
    char *buf = malloc(n / 2 + 1);
    if (!buf) return err_nomemory(ts);
    for (size_t i = 0; i < n;) {
        if (is_space(s[i])) { i++; continue; }
        int hi = hexval(s[i]), lo = i + 1 < n ? hexval(s[i + 1]) : -1;
        if (hi < 0 || lo < 0) {
            free(buf);
            /* the position counts code points, as CPython's does */
            size_t pos = 0;
            for (size_t k = 0; k < (hi < 0 ? i : i + 1); k++) pos += (s[k] & 0xC0) != 0x80;
            return err_format(ts, &tr_exc_ValueError,
                              "non-hexadecimal number found in fromhex() arg at position %zu", pos);
        }
        buf[len++] = (char)(hi * 16 + lo);
        i += 2;
    }
    TrObject *r = self == (TrObject *)&tr_bytearray_type ? bytearray_from(ts, buf, len) : bytes_from(ts, buf, len);
    free(buf);
    return r;
}

/* ---- methods ---------------------------------------------------------- */

#define METHOD(name) TrObject *bytesops_##name(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw)

METHOD(decode) {
    const char *enc, *errs;
    if (codec_args(ts, "decode", args, nargs, kw, &enc, &errs) < 0) return NULL;
    TrBytesView v;
    if (self_view(ts, self, &v) < 0) return NULL;
    TrObject *r = codec_decode(ts, v.p, v.n, enc, errs);
    bytes_view_release(&v);
    return r;
}

METHOD(hex) {
    static const char *const names[] = {"sep", "bytes_per_sep"};
    TrObject *a[2];
    if (args_parse(ts, "hex", args, nargs, kw, names, 2, 0, 0, 0, a) < 0) return NULL;
    char sep = 0;
    int64_t per = 1;
    if (a[0]) {
        TrBytesView sv;
        if (str_check(a[0])) {
            if (str_length(a[0]) != 1) return err_format(ts, &tr_exc_ValueError, "sep must be length 1.");
            if (!((TrStr *)a[0])->ascii) return err_format(ts, &tr_exc_ValueError, "sep must be ASCII.");
            sep = str_utf8(a[0])[0];
        } else {
            int r = bytes_view(ts, a[0], &sv);
            if (r < 0) return NULL;
            if (r == 0) {
                ssize_t l = tr_len(ts, a[0]);
                if (l < 0) return NULL;
                return err_format(ts, &tr_exc_ValueError, "sep must be length 1.");
            }
            size_t l = sv.n;
            if (l == 1) sep = sv.p[0];
            bytes_view_release(&sv);
            if (l != 1) return err_format(ts, &tr_exc_ValueError, "sep must be length 1.");
        }
        if (a[1] && (per = int_as_i64(ts, a[1])) == -1 && err_occurred(ts)) return NULL;
    }
    TrBytesView v;
    if (self_view(ts, self, &v) < 0) return NULL;
    TrStrBuf b;
    strbuf_init(&b);
    static const char digits[] = "0123456789abcdef";
    size_t group = per < 0 ? (size_t)-per : (size_t)per;
    for (size_t i = 0; i < v.n; i++) {
        if (sep && group && i) {
            /* positive: groups counted from the right; negative: from the left */
            size_t k = per > 0 ? v.n - i : i;
            if (k % group == 0) strbuf_addc(&b, sep);
        }
        unsigned char c = (unsigned char)v.p[i];
        strbuf_addc(&b, digits[c >> 4]);
        strbuf_addc(&b, digits[c & 15]);
    }
    bytes_view_release(&v);
    return strbuf_finish(ts, &b);
}

/* split/rsplit arguments: sep (bytes-like or None) and maxsplit. */
static int split_args(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kw,
                      TrBytesView *sep, bool *has_sep, int64_t *maxsplit) {
    static const char *const names[] = {"sep", "maxsplit"};
    TrObject *a[2];
    if (args_parse(ts, fname, args, nargs, kw, names, 2, 0, 0, 0, a) < 0) return -1;
    *maxsplit = -1;
    if (a[1] && (*maxsplit = int_as_i64(ts, a[1])) == -1 && err_occurred(ts)) return -1;
    *has_sep = a[0] && a[0] != tr_none;
    if (*has_sep) {
        if (arg_view(ts, a[0], sep) < 0) return -1;
        if (sep->n == 0) {
            bytes_view_release(sep);
            err_set(ts, &tr_exc_ValueError, "empty separator");
            return -1;
        }
    }
    return 0;
}

static int add_piece(TrThread *ts, TrObject *list, TrObject *self, const char *p, size_t n) {
    TrObject *o = mk(ts, self, p, n);
    if (!o) return -1;
    int r = list_append(ts, list, o);
    tr_decref(o);
    return r;
}

static TrObject *do_split(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw,
                          bool right) {
    TrBytesView sep = {0}, v;
    bool has_sep;
    int64_t maxsplit;
    if (split_args(ts, right ? "rsplit" : "split", args, nargs, kw, &sep, &has_sep, &maxsplit) < 0) return NULL;
    if (self_view(ts, self, &v) < 0) { bytes_view_release(&sep); return NULL; }
    TrObject *list = list_new(ts, 0);
    if (!list) goto fail;
    const char *p = v.p;
    size_t n = v.n;
    if (maxsplit < 0) maxsplit = INT64_MAX;
    if (!has_sep) {
        if (!right) {
            size_t i = 0;
            while (i < n) {
                while (i < n && is_space((unsigned char)p[i])) i++;
                if (i == n) break;
                if (maxsplit-- == 0) {
                    size_t e = n;
                    while (e > i && is_space((unsigned char)p[e - 1])) e--;
                    if (add_piece(ts, list, self, p + i, e - i) < 0) goto fail;
                    break;
                }
                size_t j = i;
                while (j < n && !is_space((unsigned char)p[j])) j++;
                if (add_piece(ts, list, self, p + i, j - i) < 0) goto fail;
                i = j;
            }
        } else {
            size_t i = n;
            while (i > 0) {
                while (i > 0 && is_space((unsigned char)p[i - 1])) i--;
                if (i == 0) break;
                if (maxsplit-- == 0) {
                    size_t s = 0;
                    while (s < i && is_space((unsigned char)p[s])) s++;
                    if (add_piece(ts, list, self, p + s, i - s) < 0) goto fail;
                    break;
                }
                size_t j = i;
                while (j > 0 && !is_space((unsigned char)p[j - 1])) j--;
                if (add_piece(ts, list, self, p + j, i - j) < 0) goto fail;
                i = j;
            }
        }
    } else if (!right) {
        size_t i = 0;
        for (;;) {
            const char *f = maxsplit-- > 0 ? memmem(p + i, n - i, sep.p, sep.n) : NULL;
            if (!f) { if (add_piece(ts, list, self, p + i, n - i) < 0) goto fail; break; }
            if (add_piece(ts, list, self, p + i, (size_t)(f - (p + i))) < 0) goto fail;
            i = (size_t)(f - p) + sep.n;
        }
    } else {
        size_t e = n;
        for (;;) {
            const char *f = NULL;
            if (maxsplit-- > 0 && e >= sep.n)
                for (size_t k = e - sep.n + 1; k-- > 0;)
                    if (memcmp(p + k, sep.p, sep.n) == 0) { f = p + k; break; }
            if (!f) { if (add_piece(ts, list, self, p, e) < 0) goto fail; break; }
            size_t s = (size_t)(f - p) + sep.n;
            if (add_piece(ts, list, self, p + s, e - s) < 0) goto fail;
            e = (size_t)(f - p);
        }
    }
    if (right) {   /* pieces were found right to left */
        size_t n2 = list_size(list);
        TrObject *rev = list_new(ts, 0);
        if (!rev) goto fail;
        for (size_t k = n2; k-- > 0;) {
            TrObject *item = list_get(ts, list, (ssize_t)k);
            if (!item || list_append_take(ts, rev, item) < 0) { tr_decref(rev); goto fail; }
        }
        tr_decref(list);
        list = rev;
    }
    bytes_view_release(&v);
    bytes_view_release(&sep);
    return list;
fail:
    tr_xdecref(list);
    bytes_view_release(&v);
    bytes_view_release(&sep);
    return NULL;
}

METHOD(split) { return do_split(ts, self, args, nargs, kw, false); }
METHOD(rsplit) { return do_split(ts, self, args, nargs, kw, true); }

METHOD(join) {
    char qb[40];
    if (args_one(ts, qual(self, "join", qb), nargs, kw) < 0) return NULL;
    TrObject *seq = list_from_iterable(ts, args[0]);
    if (!seq) return NULL;
    TrBytesView sepv;
    if (self_view(ts, self, &sepv) < 0) { tr_decref(seq); return NULL; }
    TrStrBuf b;   /* a byte buffer, never finished as a str */
    strbuf_init(&b);
    TrObject *r = NULL;
    size_t n = (size_t)tr_len(ts, seq);
    for (size_t i = 0; i < n; i++) {
        TrObject *item = tr_getitem(ts, seq, tr_imm_from((int64_t)i));
        if (!item) goto done;
        TrBytesView iv;
        int k = bytes_view(ts, item, &iv);
        if (k < 0 && memview_check(item) && err_matches(ts, &tr_exc_ValueError)) {
            err_clear(ts);   /* a released view is no bytes-like object here, as in CPython */
            k = 0;
        }
        if (k <= 0) {
            if (k == 0)
                err_format(ts, &tr_exc_TypeError, "sequence item %zu: expected a bytes-like object, %T found", i, item);
            tr_decref(item);
            goto done;
        }
        if (i) strbuf_add(&b, sepv.p, sepv.n);
        strbuf_add(&b, iv.p, iv.n);
        bytes_view_release(&iv);
        tr_decref(item);
    }
    if (b.failed) err_nomemory(ts);
    else r = mk(ts, self, b.data, b.len);
done:
    strbuf_free(&b);
    bytes_view_release(&sepv);
    tr_decref(seq);
    return r;
}

static TrObject *do_strip(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw,
                          const char *fname, bool left, bool rightside) {
    if (args_range(ts, fname, nargs, kw, 0, 1) < 0) return NULL;
    TrBytesView chars = {0}, v;
    bool has = nargs && args[0] != tr_none;
    if (has && arg_view(ts, args[0], &chars) < 0) return NULL;
    if (self_view(ts, self, &v) < 0) { bytes_view_release(&chars); return NULL; }
    size_t s = 0, e = v.n;
#define STRIPPED(c) (has ? memchr(chars.p, (c), chars.n) != NULL : is_space((unsigned char)(c)))
    if (left) while (s < e && STRIPPED(v.p[s])) s++;
    if (rightside) while (e > s && STRIPPED(v.p[e - 1])) e--;
#undef STRIPPED
    TrObject *r = s == 0 && e == v.n && tr_type(self) == &tr_bytes_type ? tr_newref(self)
                                                                       : mk(ts, self, v.p + s, e - s);
    bytes_view_release(&v);
    bytes_view_release(&chars);
    return r;
}

METHOD(strip) { return do_strip(ts, self, args, nargs, kw, "strip", true, true); }
METHOD(lstrip) { return do_strip(ts, self, args, nargs, kw, "lstrip", true, false); }
METHOD(rstrip) { return do_strip(ts, self, args, nargs, kw, "rstrip", false, true); }

static TrObject *do_affix(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw,
                          const char *fname, bool end) {
    if (args_range(ts, fname, nargs, kw, 1, 3) < 0) return NULL;
    TrBytesView v;
    if (self_view(ts, self, &v) < 0) return NULL;
    ssize_t s = 0, e = (ssize_t)v.n;
    TrObject *r = NULL;
    if ((nargs > 1 && bound(ts, args[1], e, &s) < 0) || (nargs > 2 && bound(ts, args[2], (ssize_t)v.n, &e) < 0))
        goto done;
    TrObject *const *items = &args[0];
    size_t count = 1;
    if (tuple_check(args[0])) { items = ((TrTuple *)args[0])->items; count = tuple_size(args[0]); }
    r = tr_false;
    for (size_t i = 0; i < count; i++) {
        TrBytesView a;
        int k = bytes_view(ts, items[i], &a);
        if (k <= 0) {
            if (k == 0) {
                if (items == &args[0])
                    err_format(ts, &tr_exc_TypeError, "%s first arg must be bytes or a tuple of bytes, not %T",
                               fname, items[i]);
                else
                    err_format(ts, &tr_exc_TypeError, "a bytes-like object is required, not '%T'", items[i]);
            }
            r = NULL;
            goto done;
        }
        bool hit = e - s >= (ssize_t)a.n &&
                   memcmp(v.p + (end ? (size_t)e - a.n : (size_t)s), a.p, a.n) == 0;
        if (s > (ssize_t)v.n) hit = false;
        bytes_view_release(&a);
        if (hit) { r = tr_true; break; }
    }
done:
    bytes_view_release(&v);
    return r;
}

METHOD(startswith) { return do_affix(ts, self, args, nargs, kw, "startswith", false); }
METHOD(endswith) { return do_affix(ts, self, args, nargs, kw, "endswith", true); }

/* find/rfind/index/rindex/count: -2 on error, -1 not found, else the index
 * (count: the number of matches). */
static int64_t do_find(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw,
                       const char *fname, int mode /* 0 find, 1 rfind, 2 count */) {
    if (args_range(ts, fname, nargs, kw, 1, 3) < 0) return -2;
    TrBytesView sub, v;
    char byte;
    if (needle(ts, args[0], &sub, &byte) < 0) return -2;
    if (self_view(ts, self, &v) < 0) { bytes_view_release(&sub); return -2; }
    ssize_t s = 0, e = (ssize_t)v.n;
    int64_t r = -1;
    if ((nargs > 1 && bound(ts, args[1], (ssize_t)v.n, &s) < 0) ||
        (nargs > 2 && bound(ts, args[2], (ssize_t)v.n, &e) < 0)) {
        r = -2;
    } else if (nargs > 1 && args[1] != tr_none && start_beyond(ts, args[1], (ssize_t)v.n)) {
        r = mode == 2 ? 0 : -1;   /* a start past the end finds nothing, not even b'' */
    } else if (mode == 2) {
        r = 0;
        if (e >= s) {
            if (sub.n == 0) r = e - s + 1;
            else
                for (ssize_t i = s; i + (ssize_t)sub.n <= e;) {
                    const char *f = memmem(v.p + i, (size_t)(e - i), sub.p, sub.n);
                    if (!f) break;
                    r++;
                    i = (ssize_t)(f - v.p) + (ssize_t)sub.n;
                }
        }
    } else if (e - s >= (ssize_t)sub.n) {
        if (mode == 0) {
            const char *f = sub.n ? memmem(v.p + s, (size_t)(e - s), sub.p, sub.n) : v.p + s;
            if (f) r = f - v.p;
        } else {
            for (ssize_t i = e - (ssize_t)sub.n; i >= s; i--)
                if (memcmp(v.p + i, sub.p, sub.n) == 0) { r = i; break; }
        }
    }
    bytes_view_release(&v);
    bytes_view_release(&sub);
    return r;
}

METHOD(find) {
    int64_t r = do_find(ts, self, args, nargs, kw, "find", 0);
    return r == -2 ? NULL : int_from_i64(ts, r);
}
METHOD(rfind) {
    int64_t r = do_find(ts, self, args, nargs, kw, "rfind", 1);
    return r == -2 ? NULL : int_from_i64(ts, r);
}
METHOD(index) {
    int64_t r = do_find(ts, self, args, nargs, kw, "index", 0);
    if (r == -1) return err_format(ts, &tr_exc_ValueError, "subsection not found");
    return r == -2 ? NULL : int_from_i64(ts, r);
}
METHOD(rindex) {
    int64_t r = do_find(ts, self, args, nargs, kw, "rindex", 1);
    if (r == -1) return err_format(ts, &tr_exc_ValueError, "subsection not found");
    return r == -2 ? NULL : int_from_i64(ts, r);
}
METHOD(count) {
    int64_t r = do_find(ts, self, args, nargs, kw, "count", 2);
    return r == -2 ? NULL : int_from_i64(ts, r);
}

METHOD(replace) {
    if (args_range(ts, "replace", nargs, kw, 2, 3) < 0) return NULL;
    int64_t count = -1;
    if (nargs > 2 && (count = int_as_i64(ts, args[2])) == -1 && err_occurred(ts)) return NULL;
    TrBytesView old, new_, v;
    if (arg_view(ts, args[0], &old) < 0) return NULL;
    if (arg_view(ts, args[1], &new_) < 0) { bytes_view_release(&old); return NULL; }
    if (self_view(ts, self, &v) < 0) { bytes_view_release(&old); bytes_view_release(&new_); return NULL; }
    if (count < 0) count = INT64_MAX;
    TrStrBuf b;
    strbuf_init(&b);
    size_t i = 0;
    if (old.n == 0) {
        for (; i <= v.n; i++) {
            if (count > 0) { strbuf_add(&b, new_.p, new_.n); count--; }
            if (i < v.n) strbuf_addc(&b, v.p[i]);
        }
    } else {
        while (count > 0) {
            const char *f = memmem(v.p + i, v.n - i, old.p, old.n);
            if (!f) break;
            strbuf_add(&b, v.p + i, (size_t)(f - (v.p + i)));
            strbuf_add(&b, new_.p, new_.n);
            i = (size_t)(f - v.p) + old.n;
            count--;
        }
        strbuf_add(&b, v.p + i, v.n - i);
    }
    TrObject *r = b.failed ? err_nomemory(ts) : mk(ts, self, b.data, b.len);
    strbuf_free(&b);
    bytes_view_release(&v);
    bytes_view_release(&old);
    bytes_view_release(&new_);
    return r;
}

/* Case mappings: `mode` 0 upper, 1 lower, 2 swapcase, 3 capitalize. */
static TrObject *do_case(TrThread *ts, TrObject *self, size_t nargs, TrObject *kw, const char *fname, int mode) {
    char qb[40];
    if (args_none(ts, qual(self, fname, qb), nargs, kw) < 0) return NULL;
    TrBytesView v;
    if (self_view(ts, self, &v) < 0) return NULL;
    char *buf = malloc(v.n ? v.n : 1);
    if (!buf) { bytes_view_release(&v); return err_nomemory(ts); }
    for (size_t i = 0; i < v.n; i++) {
        unsigned char c = (unsigned char)v.p[i];
        bool up = mode == 0 || (mode == 2 && is_lower(c)) || (mode == 3 && i == 0);
        bool down = mode == 1 || (mode == 2 && is_upper(c)) || (mode == 3 && i > 0);
        if (up && is_lower(c)) c = (unsigned char)(c - 32);
        else if (down && is_upper(c)) c = (unsigned char)(c + 32);
        buf[i] = (char)c;
    }
    TrObject *r = mk(ts, self, buf, v.n);
    free(buf);
    bytes_view_release(&v);
    return r;
}

METHOD(upper) { return do_case(ts, self, nargs, kw, "upper", 0); }
METHOD(lower) { return do_case(ts, self, nargs, kw, "lower", 1); }
METHOD(swapcase) { return do_case(ts, self, nargs, kw, "swapcase", 2); }
METHOD(capitalize) { return do_case(ts, self, nargs, kw, "capitalize", 3); }

/* Character-class tests: `cls` 0 digit, 1 alpha, 2 space, 3 alnum, 4 ascii. */
static TrObject *do_is(TrThread *ts, TrObject *self, size_t nargs, TrObject *kw, const char *fname, int cls) {
    char qb[40];
    if (args_none(ts, qual(self, fname, qb), nargs, kw) < 0) return NULL;
    TrBytesView v;
    if (self_view(ts, self, &v) < 0) return NULL;
    bool ok = v.n > 0 || cls == 4;
    for (size_t i = 0; i < v.n && ok; i++) {
        unsigned char c = (unsigned char)v.p[i];
        bool alpha = is_lower(c) || is_upper(c);
        switch (cls) {
        case 0: ok = is_digit(c); break;
        case 1: ok = alpha; break;
        case 2: ok = is_space(c); break;
        case 3: ok = alpha || is_digit(c); break;
        default: ok = c < 0x80; break;
        }
    }
    bytes_view_release(&v);
    return tr_bool(ok);
}

METHOD(isdigit) { return do_is(ts, self, nargs, kw, "isdigit", 0); }
METHOD(isalpha) { return do_is(ts, self, nargs, kw, "isalpha", 1); }
METHOD(isspace) { return do_is(ts, self, nargs, kw, "isspace", 2); }
METHOD(isalnum) { return do_is(ts, self, nargs, kw, "isalnum", 3); }
METHOD(isascii) { return do_is(ts, self, nargs, kw, "isascii", 4); }

/* isupper/islower: at least one cased byte and none of the other case. */
static TrObject *do_iscase(TrThread *ts, TrObject *self, size_t nargs, TrObject *kw, const char *fname, bool upper) {
    char qb[40];
    if (args_none(ts, qual(self, fname, qb), nargs, kw) < 0) return NULL;
    TrBytesView v;
    if (self_view(ts, self, &v) < 0) return NULL;
    bool cased = false, ok = true;
    for (size_t i = 0; i < v.n; i++) {
        unsigned char c = (unsigned char)v.p[i];
        if (upper ? is_lower(c) : is_upper(c)) { ok = false; break; }
        if (upper ? is_upper(c) : is_lower(c)) cased = true;
    }
    bytes_view_release(&v);
    return tr_bool(ok && cased);
}

METHOD(isupper) { return do_iscase(ts, self, nargs, kw, "isupper", true); }
METHOD(islower) { return do_iscase(ts, self, nargs, kw, "islower", false); }

static TrObject *do_partition(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw,
                              bool right) {
    char qb[40];
    if (args_one(ts, qual(self, right ? "rpartition" : "partition", qb), nargs, kw) < 0) return NULL;
    TrBytesView sep, v;
    if (arg_view(ts, args[0], &sep) < 0) return NULL;
    if (sep.n == 0) { bytes_view_release(&sep); return err_format(ts, &tr_exc_ValueError, "empty separator"); }
    if (self_view(ts, self, &v) < 0) { bytes_view_release(&sep); return NULL; }
    const char *f = NULL;
    if (!right) f = memmem(v.p, v.n, sep.p, sep.n);
    else if (v.n >= sep.n)
        for (size_t k = v.n - sep.n + 1; k-- > 0;)
            if (memcmp(v.p + k, sep.p, sep.n) == 0) { f = v.p + k; break; }
    TrObject *parts[3];
    if (!f) {
        parts[right ? 2 : 0] = mk(ts, self, v.p, v.n);
        parts[1] = mk(ts, self, NULL, 0);
        parts[right ? 0 : 2] = mk(ts, self, NULL, 0);
    } else {
        size_t at = (size_t)(f - v.p);
        parts[0] = mk(ts, self, v.p, at);
        parts[1] = mk(ts, self, sep.p, sep.n);
        parts[2] = mk(ts, self, v.p + at + sep.n, v.n - at - sep.n);
    }
    TrObject *r = parts[0] && parts[1] && parts[2] ? tuple_from_array(ts, parts, 3) : NULL;
    for (int i = 0; i < 3; i++) tr_xdecref(parts[i]);
    bytes_view_release(&v);
    bytes_view_release(&sep);
    return r;
}

METHOD(partition) { return do_partition(ts, self, args, nargs, kw, false); }
METHOD(rpartition) { return do_partition(ts, self, args, nargs, kw, true); }

METHOD(splitlines) {
    static const char *const names[] = {"keepends"};
    TrObject *a[1];
    if (args_parse(ts, "splitlines", args, nargs, kw, names, 1, 0, 0, 0, a) < 0) return NULL;
    int keep = 0;
    if (a[0] && (keep = tr_is_true(ts, a[0])) < 0) return NULL;
    TrBytesView v;
    if (self_view(ts, self, &v) < 0) return NULL;
    TrObject *list = list_new(ts, 0);
    for (size_t i = 0; list && i < v.n;) {
        size_t j = i;
        while (j < v.n && v.p[j] != '\n' && v.p[j] != '\r') j++;
        size_t eol = j;
        if (j < v.n) j += v.p[j] == '\r' && j + 1 < v.n && v.p[j + 1] == '\n' ? 2 : 1;
        if (add_piece(ts, list, self, v.p + i, (keep ? j : eol) - i) < 0) TR_CLEAR(list);
        i = j;
    }
    bytes_view_release(&v);
    return list;
}

/* ---- padding, affixes, tabs, titles, translation ---------------------- */

/* A width-like argument (ljust, zfill, expandtabs): TypeError "'str' object
 * cannot be interpreted as an integer", OverflowError past ssize_t.  0 or -1. */
static int ssize_arg(TrThread *ts, TrObject *o, int64_t *out) {
    int r = index_like(ts, o, out);
    if (r < 0 && err_matches(ts, &tr_exc_IndexError)) {
        err_clear(ts);
        err_set(ts, &tr_exc_OverflowError, "Python int too large to convert to C ssize_t");
    } else if (r == 0) {
        err_format(ts, &tr_exc_TypeError, "'%T' object cannot be interpreted as an integer", o);
    }
    return r > 0 ? 0 : -1;
}

/* `self` padded to `width` with `fill`: `left` bytes before, the rest after;
 * `self` itself (bytes) or a copy when no padding is needed. */
static TrObject *padded(TrThread *ts, TrObject *self, const TrBytesView *v, size_t width, size_t left, char fill) {
    if (width <= v->n) return tr_type(self) == &tr_bytes_type ? tr_newref(self) : mk(ts, self, v->p, v->n);
    char *buf = malloc(width);
    if (!buf) return err_nomemory(ts);
    memset(buf, fill, width);
    memcpy(buf + left, v->p, v->n);
    TrObject *r = mk(ts, self, buf, width);
    free(buf);
    return r;
}

/* ljust/rjust/center: `mode` 0 left-justify, 1 right, 2 centre. */
static TrObject *do_pad(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw,
                        const char *fname, int mode) {
    if (args_range(ts, fname, nargs, kw, 1, 2) < 0) return NULL;
    int64_t width;
    if (ssize_arg(ts, args[0], &width) < 0) return NULL;
    char fill = ' ';
    if (nargs > 1) {
        TrObject *f = args[1];
        bool ok = !tr_is_imm(f) && (bytes_check(f) || bytearray_check(f)) && tr_len(ts, f) == 1;
        if (!ok)
            return err_format(ts, &tr_exc_TypeError, "%s() argument 2 must be a byte string of length 1, not %T",
                              fname, f);
        TrBytesView fv;
        if (self_view(ts, f, &fv) < 0) return NULL;
        fill = fv.n ? fv.p[0] : ' ';
        bytes_view_release(&fv);
    }
    TrBytesView v;
    if (self_view(ts, self, &v) < 0) return NULL;
    size_t w = width > 0 ? (size_t)width : 0, left = 0;
    if (w > v.n) {
        size_t marg = w - v.n;
        /* CPython's centring: the odd byte goes left only when both the margin and the width are odd */
        left = mode == 0 ? 0 : mode == 1 ? marg : marg / 2 + (marg & w & 1);
    }
    TrObject *r = padded(ts, self, &v, w, left, fill);
    bytes_view_release(&v);
    return r;
}

METHOD(ljust) { return do_pad(ts, self, args, nargs, kw, "ljust", 0); }
METHOD(rjust) { return do_pad(ts, self, args, nargs, kw, "rjust", 1); }
METHOD(center) { return do_pad(ts, self, args, nargs, kw, "center", 2); }

METHOD(zfill) {
    char qb[40];
    if (args_one(ts, qual(self, "zfill", qb), nargs, kw) < 0) return NULL;
    int64_t width;
    if (ssize_arg(ts, args[0], &width) < 0) return NULL;
    TrBytesView v;
    if (self_view(ts, self, &v) < 0) return NULL;
    size_t w = width > 0 ? (size_t)width : 0;
    TrObject *r = padded(ts, self, &v, w, w > v.n ? w - v.n : 0, '0');
    if (r && w > v.n && v.n && (v.p[0] == '+' || v.p[0] == '-')) {
        /* r is new and not yet shared: move the sign to the front */
        char *d = bytearray_check(r) ? ((TrByteArray *)r)->data : bytes_data(r);
        d[0] = v.p[0];
        d[w - v.n] = '0';
    }
    bytes_view_release(&v);
    return r;
}

static TrObject *do_remove_affix(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw,
                                 const char *fname, bool suffix) {
    char qb[40];
    if (args_one(ts, qual(self, fname, qb), nargs, kw) < 0) return NULL;
    TrBytesView a, v;
    if (arg_view(ts, args[0], &a) < 0) return NULL;
    if (self_view(ts, self, &v) < 0) { bytes_view_release(&a); return NULL; }
    bool hit = a.n && a.n <= v.n && memcmp(suffix ? v.p + v.n - a.n : v.p, a.p, a.n) == 0;
    TrObject *r = !hit && tr_type(self) == &tr_bytes_type ? tr_newref(self)
                : mk(ts, self, v.p + (hit && !suffix ? a.n : 0), v.n - (hit ? a.n : 0));
    bytes_view_release(&v);
    bytes_view_release(&a);
    return r;
}

METHOD(removeprefix) { return do_remove_affix(ts, self, args, nargs, kw, "removeprefix", false); }
METHOD(removesuffix) { return do_remove_affix(ts, self, args, nargs, kw, "removesuffix", true); }

METHOD(expandtabs) {
    static const char *const names[] = {"tabsize"};
    TrObject *a[1];
    if (args_parse_clinic(ts, "expandtabs", args, nargs, kw, names, 1, 0, 0, a) < 0) return NULL;
    int64_t tab = 8;
    if (a[0] && ssize_arg(ts, a[0], &tab) < 0) return NULL;
    TrBytesView v;
    if (self_view(ts, self, &v) < 0) return NULL;
    TrStrBuf b;
    strbuf_init(&b);
    size_t col = 0;
    for (size_t i = 0; i < v.n; i++) {
        char c = v.p[i];
        if (c == '\t') {
            if (tab > 0) {
                size_t pad = (size_t)tab - col % (size_t)tab;
                strbuf_addfill(&b, " ", 1, pad);
                col += pad;
            }
        } else {
            strbuf_addc(&b, c);
            col = c == '\n' || c == '\r' ? 0 : col + 1;
        }
    }
    TrObject *r = b.failed ? err_nomemory(ts) : mk(ts, self, b.data, b.len);
    strbuf_free(&b);
    bytes_view_release(&v);
    return r;
}

METHOD(title) {
    char qb[40];
    if (args_none(ts, qual(self, "title", qb), nargs, kw) < 0) return NULL;
    TrBytesView v;
    if (self_view(ts, self, &v) < 0) return NULL;
    char *buf = malloc(v.n ? v.n : 1);
    if (!buf) { bytes_view_release(&v); return err_nomemory(ts); }
    bool prev_cased = false;
    for (size_t i = 0; i < v.n; i++) {
        unsigned char c = (unsigned char)v.p[i];
        if (is_lower(c) && !prev_cased) c = (unsigned char)(c - 32);
        else if (is_upper(c) && prev_cased) c = (unsigned char)(c + 32);
        prev_cased = is_lower(c) || is_upper(c);
        buf[i] = (char)c;
    }
    TrObject *r = mk(ts, self, buf, v.n);
    free(buf);
    bytes_view_release(&v);
    return r;
}

METHOD(istitle) {
    char qb[40];
    if (args_none(ts, qual(self, "istitle", qb), nargs, kw) < 0) return NULL;
    TrBytesView v;
    if (self_view(ts, self, &v) < 0) return NULL;
    bool cased = false, prev_cased = false, ok = true;
    for (size_t i = 0; i < v.n && ok; i++) {
        unsigned char c = (unsigned char)v.p[i];
        if (is_upper(c) || is_lower(c)) {
            /* an upper-case byte must start a word, a lower-case one continue it */
            if (is_upper(c) == prev_cased) ok = false;
            prev_cased = cased = true;
        } else {
            prev_cased = false;
        }
    }
    bytes_view_release(&v);
    return tr_bool(ok && cased);
}

TrObject *bytesops_maketrans(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_range(ts, "maketrans", nargs, kw, 2, 2) < 0) return NULL;
    TrBytesView from, to;
    if (arg_view(ts, args[0], &from) < 0) return NULL;
    if (arg_view(ts, args[1], &to) < 0) { bytes_view_release(&from); return NULL; }
    TrObject *r = NULL;
    if (from.n != to.n) err_set(ts, &tr_exc_ValueError, "maketrans arguments must have same length");
    else if ((r = bytes_alloc(ts, 256)) != NULL) {
        char *d = bytes_data(r);
        for (int i = 0; i < 256; i++) d[i] = (char)i;
        for (size_t i = 0; i < from.n; i++) d[(unsigned char)from.p[i]] = to.p[i];
    }
    bytes_view_release(&from);
    bytes_view_release(&to);
    return r;
}

METHOD(translate) {
    TrObject *table = nargs ? args[0] : NULL, *del = nargs > 1 ? args[1] : NULL;
    size_t nkw = kw ? tuple_size(kw) : 0;
    for (size_t i = 0; i < nkw; i++) {
        TrObject *name = tuple_get(kw, i);
        if (!str_equal_cstr(name, "delete") || del)
            return err_format(ts, &tr_exc_TypeError, str_equal_cstr(name, "delete")
                              ? "argument for translate() given by name ('delete') and position (2)"
                              : "translate() got an unexpected keyword argument '%S'", name);
        del = args[nargs + i];
    }
    if (nargs == 0)
        return err_format(ts, &tr_exc_TypeError, "translate() takes at least 1 positional argument (0 given)");
    if (nargs > 2)
        return err_format(ts, &tr_exc_TypeError, "translate() takes at most 2 arguments (%zu given)", nargs);
    TrBytesView tv = {0}, dv = {0}, v;
    bool has_table = table != tr_none;
    if (has_table) {
        if (arg_view(ts, table, &tv) < 0) return NULL;
        if (tv.n != 256) {
            bytes_view_release(&tv);
            return err_format(ts, &tr_exc_ValueError, "translation table must be 256 characters long");
        }
    }
    if (del && arg_view(ts, del, &dv) < 0) { bytes_view_release(&tv); return NULL; }
    TrObject *r = NULL;
    if (self_view(ts, self, &v) == 0) {
        bool gone[256] = {false};
        for (size_t i = 0; i < dv.n; i++) gone[(unsigned char)dv.p[i]] = true;
        char *buf = malloc(v.n ? v.n : 1);
        if (!buf) err_nomemory(ts);
        else {
            size_t n = 0;
            for (size_t i = 0; i < v.n; i++) {
                unsigned char c = (unsigned char)v.p[i];
                if (!gone[c]) buf[n++] = has_table ? tv.p[c] : (char)c;
            }
            r = mk(ts, self, buf, n);
            free(buf);
        }
        bytes_view_release(&v);
    }
    bytes_view_release(&tv);
    bytes_view_release(&dv);
    return r;
}
