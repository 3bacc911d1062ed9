/* stdlib/array.c: the `array` module: array.array, a growable array of C
 * numbers (type codes b B h H i I l L q Q f d) or code points (u w), its
 * iterator, and `typecodes`.
 * Layout: TrArray (include/torii/array.h) begins with the TrByteArray
 * fields, so memoryview(a), bytes(a), bytearray(a) and struct.pack_into
 * reach the items as they reach a bytearray's bytes.
 * Threads: `ba.data`, `ba.size` and `ba.cap` are written only inside the
 * array's critical section, and `data` is read only inside it; `size` is
 * also stored with relaxed atomics so len() may peek without the lock.
 * Values are converted to raw items (which may run Python code: __index__,
 * __float__, iterators, comparisons) before the lock is taken or after it is
 * dropped; nothing inside a section calls out.  While memoryviews are
 * exported (`ba.exports` > 0, counted under the lock by memoryview.c) no
 * operation changes `size` or `data`: those that would raise BufferError and
 * leave the array as it was.
 * Lock order: one array lock at a time (another array argument is copied
 * under its own lock first, see snapshot()). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "torii/array.h"
#include "torii/memoryview.h"
#include "objects/containers.h"
#include "stdlib/stdlib.h"

#define AR(o) ((TrArray *)(o))
#define TYPECODES "bBuwhHiIlLqQfd"

static TrType tr_array_iter_type;

/* ---- items ------------------------------------------------------------- */

static int code_size(char c) {
    switch (c) {
    case 'b': case 'B': return 1;
    case 'h': case 'H': return 2;
    case 'i': case 'I': case 'f': case 'u': case 'w': return 4;
    case 'l': case 'L': return (int)sizeof(long);
    case 'q': case 'Q': case 'd': return 8;
    default: return 0;
    }
}

static bool is_unicode(char c) { return c == 'u' || c == 'w'; }

static size_t nitems(TrArray *a) { return atomic_load_size_relaxed(&a->ba.size) / (size_t)a->itemsize; }

/* `v.__index__()` as a new int reference: TypeError "'float' object cannot
 * be interpreted as an integer". */
static TrObject *as_int(TrThread *ts, TrObject *v) {
    if (int_check(v)) return tr_newref(v);
    const TrNumberSlots *n = tr_type(v)->number;
    if (!n || !n->index)
        return err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                          type_qualname(tr_type(v)));
    return n->index(ts, v);
}

static void *overflow(TrThread *ts, const char *msg) { return err_set(ts, &tr_exc_OverflowError, msg), NULL; }

/* A signed item with CPython's messages, which go through C long, then
 * short or int for the small codes. */
static int get_signed(TrThread *ts, char c, TrObject *iv, int64_t *out) {
    int ov = 0;
    int64_t x = int_as_i64_overflow(iv, &ov);
    if (ov) {
        overflow(ts, c == 'q' ? "int too big to convert" : "Python int too large to convert to C long");
        return -1;
    }
    const char *msg = NULL;
    bool big = x > 0;
    switch (c) {
    case 'b':
        if (x < -32768 || x > 32767) msg = big ? "signed short integer is greater than maximum" : "signed short integer is less than minimum";
        else if (x < -128 || x > 127) msg = big ? "signed char is greater than maximum" : "signed char is less than minimum";
        break;
    case 'B':
        if (x < 0 || x > 255) msg = big ? "unsigned byte integer is greater than maximum" : "unsigned byte integer is less than minimum";
        break;
    case 'h':
        if (x < -32768 || x > 32767) msg = big ? "signed short integer is greater than maximum" : "signed short integer is less than minimum";
        break;
    case 'H':
        if (x < INT32_MIN || x > INT32_MAX) msg = big ? "signed integer is greater than maximum" : "signed integer is less than minimum";
        else if (x < 0 || x > 65535) msg = big ? "unsigned short is greater than maximum" : "unsigned short is less than minimum";
        break;
    case 'i':
        if (x < INT32_MIN || x > INT32_MAX) msg = big ? "signed integer is greater than maximum" : "signed integer is less than minimum";
        break;
    }
    if (msg) { overflow(ts, msg); return -1; }
    *out = x;
    return 0;
}

/* An unsigned 64-bit item (I L Q). */
static int get_unsigned(TrThread *ts, char c, TrObject *iv, uint64_t *out) {
    if (int_sign(iv) < 0) {
        overflow(ts, c == 'Q' ? "can't convert negative int to unsigned" : "can't convert negative value to unsigned int");
        return -1;
    }
    int ov = 0;
    int64_t x = int_as_i64_overflow(iv, &ov);
    uint64_t u = (uint64_t)x;
    if (ov) {
        TrObject *h = int_from_u64(ts, (uint64_t)1 << 63);
        TrObject *d = h ? int_binop(ts, TR_BINOP_SUB, iv, h) : NULL;
        tr_xdecref(h);
        if (!d) return -1;
        x = int_as_i64_overflow(d, &ov);
        tr_decref(d);
        if (ov) {
            overflow(ts, c == 'Q' ? "int too big to convert" : "Python int too large to convert to C unsigned long");
            return -1;
        }
        u = (uint64_t)x + ((uint64_t)1 << 63);
    }
    if (c == 'I' && u > UINT32_MAX) { overflow(ts, "unsigned int is greater than maximum"); return -1; }
    *out = u;
    return 0;
}

/* The first code point of UTF-8 text `s`. */
static uint32_t decode_cp(const unsigned char *s, size_t *len) {
    uint32_t c = s[0];
    if (c < 0x80) { *len = 1; return c; }
    if (c < 0xe0) { *len = 2; return ((c & 0x1f) << 6) | (s[1] & 0x3f); }
    if (c < 0xf0) { *len = 3; return ((c & 0x0f) << 12) | ((uint32_t)(s[1] & 0x3f) << 6) | (s[2] & 0x3f); }
    *len = 4;
    return ((c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3f) << 12) | ((uint32_t)(s[2] & 0x3f) << 6) | (s[3] & 0x3f);
}

static size_t encode_cp(uint32_t c, char *out) {
    if (c < 0x80) { out[0] = (char)c; return 1; }
    if (c < 0x800) { out[0] = (char)(0xc0 | (c >> 6)); out[1] = (char)(0x80 | (c & 0x3f)); return 2; }
    if (c < 0x10000) {
        out[0] = (char)(0xe0 | (c >> 12)); out[1] = (char)(0x80 | ((c >> 6) & 0x3f)); out[2] = (char)(0x80 | (c & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | (c >> 18)); out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3f)); out[3] = (char)(0x80 | (c & 0x3f));
    return 4;
}

/* Converts `v` to one raw item of type code `c` in `out` (code_size(c)
 * bytes).  May run Python code.  0, or -1 with TypeError/OverflowError. */
static int pack_item(TrThread *ts, char c, TrObject *v, char *out) {
    if (c == 'f' || c == 'd') {
        double d = float_as_double(ts, v);
        if (d == -1.0 && err_occurred(ts)) return -1;
        if (c == 'f') { float f = (float)d; memcpy(out, &f, 4); }
        else memcpy(out, &d, 8);
        return 0;
    }
    if (is_unicode(c)) {
        if (tr_is_imm(v) || !str_check(v) || str_length(v) != 1) {
            err_set(ts, &tr_exc_TypeError, "array item must be unicode character");
            return -1;
        }
        size_t len;
        uint32_t cp = decode_cp((const unsigned char *)str_utf8(v), &len);
        memcpy(out, &cp, 4);
        return 0;
    }
    TrObject *iv = as_int(ts, v);
    if (!iv) return -1;
    int rc;
    if (c == 'I' || c == 'L' || c == 'Q') {
        uint64_t u = 0;
        rc = get_unsigned(ts, c, iv, &u);
        if (rc == 0) {
            if (c == 'I') { uint32_t w = (uint32_t)u; memcpy(out, &w, 4); }
            else memcpy(out, &u, 8);
        }
    } else {
        int64_t x = 0;
        rc = get_signed(ts, c, iv, &x);
        if (rc == 0) {
            switch (c) {
            case 'b': case 'B': out[0] = (char)x; break;
            case 'h': case 'H': { int16_t s = (int16_t)x; memcpy(out, &s, 2); break; }
            case 'i': { int32_t w = (int32_t)x; memcpy(out, &w, 4); break; }
            default: memcpy(out, &x, 8); break;
            }
        }
    }
    tr_decref(iv);
    return rc;
}

/* The Python value of raw item `p` of type code `c`.  New reference or NULL
 * (ValueError for a code point past U+10FFFF). */
static TrObject *unpack_item(TrThread *ts, char c, const char *p) {
    switch (c) {
    case 'b': return int_from_i64(ts, (signed char)p[0]);
    case 'B': return int_from_i64(ts, (unsigned char)p[0]);
    case 'h': { int16_t v; memcpy(&v, p, 2); return int_from_i64(ts, v); }
    case 'H': { uint16_t v; memcpy(&v, p, 2); return int_from_i64(ts, v); }
    case 'i': { int32_t v; memcpy(&v, p, 4); return int_from_i64(ts, v); }
    case 'I': { uint32_t v; memcpy(&v, p, 4); return int_from_i64(ts, v); }
    case 'l': case 'q': { int64_t v; memcpy(&v, p, 8); return int_from_i64(ts, v); }
    case 'L': case 'Q': { uint64_t v; memcpy(&v, p, 8); return int_from_u64(ts, v); }
    case 'f': { float v; memcpy(&v, p, 4); return float_new(ts, v); }
    case 'd': { double v; memcpy(&v, p, 8); return float_new(ts, v); }
    default: {
        uint32_t cp;
        memcpy(&cp, p, 4);
        if (cp > 0x10ffff)
            return err_format(ts, &tr_exc_ValueError, "character U+%x is not in range [U+0000; U+10ffff]", (unsigned)cp);
        return str_from_codepoint(ts, cp);
    }
    }
}

/* ---- storage (caller holds the lock) ----------------------------------- */

enum { NOMEM = -1, EXPORTED = -2 };

static void set_size(TrArray *a, size_t n) {
    /* relaxed: len() peeks without the lock; the data itself is read under it */
    atomic_store_size_relaxed(&a->ba.size, n);
}

static int reserve_locked(TrArray *a, size_t n) {
    if (n <= a->ba.cap) return 0;
    size_t cap = a->ba.cap < 16 ? 16 : a->ba.cap;
    while (cap < n) cap *= 2;
    char *d = realloc(a->ba.data, cap);
    if (!d) return NOMEM;
    a->ba.data = d;
    a->ba.cap = cap;
    return 0;
}

/* Replaces bytes [lo, hi) by src[0..n).  0, or NOMEM / EXPORTED with the
 * array unchanged. */
static int splice_locked(TrArray *a, size_t lo, size_t hi, const char *src, size_t n) {
    size_t size = a->ba.size, newsize = size - (hi - lo) + n;
    if (a->ba.exports && newsize != size) return EXPORTED;
    if (reserve_locked(a, newsize) < 0) return NOMEM;
    memmove(a->ba.data + lo + n, a->ba.data + hi, size - hi);
    if (n) memcpy(a->ba.data + lo, src, n);
    set_size(a, newsize);
    return 0;
}

static void *resize_error(TrThread *ts, int rc) {
    if (rc == EXPORTED) err_set(ts, &tr_exc_BufferError, "cannot resize an array that is exporting buffers");
    else err_nomemory(ts);
    return NULL;
}

/* Appends raw bytes src[0..n) under the lock.  0 or -1 (exception set). */
static int append_raw(TrThread *ts, TrArray *a, const char *src, size_t n) {
    int rc;
    TR_BEGIN_CRITICAL(ts, a);
    size_t size = a->ba.size;
    rc = splice_locked(a, size, size, src, n);
    TR_END_CRITICAL(ts);
    if (rc < 0) { resize_error(ts, rc); return -1; }
    return 0;
}

/* A malloc'd copy of the items of `o` (an array), taken under its lock. */
static char *snapshot(TrThread *ts, TrObject *o, size_t *n) {
    char *copy;
    TR_BEGIN_CRITICAL(ts, o);
    *n = AR(o)->ba.size;
    copy = malloc(*n ? *n : 1);
    if (copy && *n) memcpy(copy, AR(o)->ba.data, *n);
    TR_END_CRITICAL(ts);
    if (!copy) err_nomemory(ts);
    return copy;
}

/* Item `i` as a Python value: NULL with no exception when `i` is past the
 * end (the array shrank), else a new reference or NULL with the error. */
static TrObject *item_at(TrThread *ts, TrArray *a, size_t i) {
    char raw[8];
    bool in = false;
    TR_BEGIN_CRITICAL(ts, a);
    if ((i + 1) * (size_t)a->itemsize <= a->ba.size) {
        memcpy(raw, a->ba.data + i * (size_t)a->itemsize, (size_t)a->itemsize);
        in = true;
    }
    TR_END_CRITICAL(ts);
    return in ? unpack_item(ts, a->typecode, raw) : NULL;
}

static TrArray *new_array_of(TrThread *ts, TrType *type, char tc, const char *src, size_t nbytes) {
    TrArray *a = (TrArray *)tr_alloc(ts, type);
    if (!a) return NULL;
    a->typecode = tc;
    a->itemsize = code_size(tc);
    if (nbytes && reserve_locked(a, nbytes) < 0) { tr_decref((TrObject *)a); err_nomemory(ts); return NULL; }
    if (nbytes && src) memcpy(a->ba.data, src, nbytes);
    a->ba.size = nbytes;   /* not yet shared */
    return a;
}

/* A new exact array.array (results of +, *, slicing, copies are never of a subclass). */
static TrArray *new_array(TrThread *ts, char tc, const char *src, size_t nbytes) {
    return new_array_of(ts, &tr_array_type, tc, src, nbytes);
}

/* ---- conversions of whole sequences ------------------------------------ */

/* A growable malloc'd buffer of raw items, built outside any lock. */
typedef struct { char *p; size_t n, cap; } Buf;

static int buf_push(TrThread *ts, Buf *b, const char *src, size_t n) {
    if (b->n + n > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        while (cap < b->n + n) cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) { err_nomemory(ts); return -1; }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, src, n);
    b->n += n;
    return 0;
}

/* Converts every item of iterable `src` to raw items of `tc` into `b`.  On
 * failure `b` holds the items converted before the bad one. */
static int iterable_to_buf(TrThread *ts, char tc, TrObject *src, Buf *b) {
    TrObject *it = tr_iter(ts, src);
    if (!it) return -1;
    int sz = code_size(tc);
    TrObject *x;
    while ((x = tr_next(ts, it)) != NULL) {
        char raw[8];
        int rc = pack_item(ts, tc, x, raw);
        tr_decref(x);
        if (rc < 0 || buf_push(ts, b, raw, (size_t)sz) < 0) { tr_decref(it); return -1; }
    }
    tr_decref(it);
    return err_occurred(ts) ? -1 : 0;
}

/* The code points of str `s` as raw 4-byte items in `b`. */
static int str_to_buf(TrThread *ts, TrObject *s, Buf *b) {
    const unsigned char *p = (const unsigned char *)str_utf8(s);
    size_t nb = ((TrStr *)s)->nbytes;
    for (size_t i = 0; i < nb;) {
        size_t len;
        uint32_t cp = decode_cp(p + i, &len);
        i += len;
        if (buf_push(ts, b, (const char *)&cp, 4) < 0) return -1;
    }
    return 0;
}

/* A new str from raw 4-byte code points. */
static TrObject *buf_to_str(TrThread *ts, const char *p, size_t nbytes) {
    size_t n = nbytes / 4;
    char *out = malloc(n * 4 + 1);
    if (!out) return err_nomemory(ts);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t cp;
        memcpy(&cp, p + i * 4, 4);
        if (cp > 0x10ffff) {
            free(out);
            return err_format(ts, &tr_exc_ValueError, "character U+%x is not in range [U+0000; U+10ffff]", (unsigned)cp);
        }
        k += encode_cp(cp, out + k);
    }
    TrObject *s = str_from_utf8(ts, out, k);
    free(out);
    return s;
}

/* A new list of the values of raw items p[0..nbytes). */
static TrObject *buf_to_list(TrThread *ts, char tc, const char *p, size_t nbytes) {
    int sz = code_size(tc);
    size_t n = nbytes / (size_t)sz;
    TrObject *l = list_new(ts, 0);
    if (!l) return NULL;
    for (size_t i = 0; i < n; i++) {
        TrObject *v = unpack_item(ts, tc, p + i * (size_t)sz);
        if (!v || list_append_take(ts, l, v) < 0) { tr_decref(l); return NULL; }
    }
    return l;
}

/* ---- construction ------------------------------------------------------ */

static TrObject *deprecate_u(TrThread *ts) {
    TrObject *name = str_from_cstr(ts, "warnings");
    TrObject *w = name ? runtime_import(ts, name) : NULL;
    tr_xdecref(name);
    if (!w) return NULL;
    TrObject *fn = tr_getattr_cstr(ts, w, "warn");
    tr_decref(w);
    if (!fn) return NULL;
    TrObject *msg = str_from_cstr(ts, "The 'u' type code is deprecated and will be removed in Python 3.16");
    TrObject *r = NULL;
    if (msg) {
        TrObject *a[2] = {msg, (TrObject *)&tr_exc_DeprecationWarning};
        r = tr_call(ts, fn, a, 2, NULL);
        tr_decref(msg);
    }
    tr_decref(fn);
    return r;
}

/* Fills new array `a` from `init` (see array_new).  0 or -1. */
static int init_from(TrThread *ts, TrArray *a, TrObject *init) {
    char tc = a->typecode;
    Buf b = {0};
    int rc = 0;
    if (!tr_is_imm(init) && str_check(init)) {
        if (!is_unicode(tc)) {
            err_format(ts, &tr_exc_TypeError, "cannot use a str to initialize an array with typecode '%c'", tc);
            return -1;
        }
        rc = str_to_buf(ts, init, &b);
    } else if (array_check(init)) {
        TrArray *o = AR(init);
        if (is_unicode(o->typecode) != is_unicode(tc) && is_unicode(o->typecode)) {
            err_format(ts, &tr_exc_TypeError, "cannot use a unicode array to initialize an array with typecode '%c'", tc);
            return -1;
        }
        size_t n;
        char *copy = snapshot(ts, init, &n);
        if (!copy) return -1;
        if (o->typecode == tc || (is_unicode(o->typecode) && is_unicode(tc))) {
            b.p = copy; b.n = b.cap = n;
        } else {
            for (size_t i = 0; rc == 0 && i < n; i += (size_t)o->itemsize) {
                char raw[8];
                TrObject *v = unpack_item(ts, o->typecode, copy + i);
                rc = v ? pack_item(ts, tc, v, raw) : -1;
                tr_xdecref(v);
                if (rc == 0) rc = buf_push(ts, &b, raw, (size_t)a->itemsize);
            }
            free(copy);
        }
    } else if (!tr_is_imm(init) && (bytes_check(init) || bytearray_check(init))) {
        TrBytesView v;
        if (bytes_view(ts, init, &v) < 0) return -1;
        if (v.n % (size_t)a->itemsize) {
            bytes_view_release(&v);
            err_set(ts, &tr_exc_ValueError, "bytes length not a multiple of item size");
            return -1;
        }
        rc = buf_push(ts, &b, v.p, v.n);
        bytes_view_release(&v);
    } else {
        rc = iterable_to_buf(ts, tc, init, &b);
    }
    if (rc == 0 && b.n) {
        if (reserve_locked(a, b.n) < 0) { err_nomemory(ts); rc = -1; }   /* not yet shared */
        else { memcpy(a->ba.data, b.p, b.n); a->ba.size = b.n; }
    }
    free(b.p);
    return rc;
}

static TrObject *array_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (kw && tuple_size(kw)) return err_format(ts, &tr_exc_TypeError, "array.array() takes no keyword arguments");
    if (nargs < 1) return err_format(ts, &tr_exc_TypeError, "array() takes at least 1 argument (0 given)");
    if (nargs > 2) return err_format(ts, &tr_exc_TypeError, "array() takes at most 2 arguments (%zu given)", nargs);
    TrObject *c = args[0];
    if (tr_is_imm(c) || !str_check(c) || str_length(c) != 1) {
        return err_format(ts, &tr_exc_TypeError, "array() argument 1 must be a unicode character, not %T", c);
    }
    const char *s = str_utf8(c);
    if (((TrStr *)c)->nbytes != 1 || !strchr(TYPECODES, s[0]))
        return err_format(ts, &tr_exc_ValueError, "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)");
    if (s[0] == 'u') {
        TrObject *w = deprecate_u(ts);
        if (!w) return NULL;
        tr_decref(w);
    }
    TrArray *a = new_array_of(ts, type, s[0], NULL, 0);
    if (!a) return NULL;
    if (nargs == 2 && init_from(ts, a, args[1]) < 0) { tr_decref((TrObject *)a); return NULL; }
    return (TrObject *)a;
}

static void array_dealloc(TrThread *ts, TrObject *o) {
    free(AR(o)->ba.data);
    tr_free(o);
}

/* ---- slots ------------------------------------------------------------- */

static TrObject *array_repr(TrThread *ts, TrObject *o) {
    TrArray *a = AR(o);
    const char *name = tr_type(o)->name, *dot = strrchr(name, '.');   /* "array", or a subclass's name */
    if (dot) name = dot + 1;
    size_t n;
    char *copy = snapshot(ts, o, &n);
    if (!copy) return NULL;
    TrObject *r = NULL;
    if (n == 0) r = str_format(ts, "%s('%c')", name, a->typecode);
    else {
        TrObject *v = is_unicode(a->typecode) ? buf_to_str(ts, copy, n) : buf_to_list(ts, a->typecode, copy, n);
        if (v) r = str_format(ts, "%s('%c', %R)", name, a->typecode, v);
        tr_xdecref(v);
    }
    free(copy);
    return r;
}

static ssize_t array_len(TrThread *ts, TrObject *o) { return (ssize_t)nitems(AR(o)); }

static bool is_index(TrObject *key) {
    if (int_check(key)) return true;
    const TrNumberSlots *n = tr_type(key)->number;
    return n && n->index;
}

static TrObject *array_getitem(TrThread *ts, TrObject *o, TrObject *key) {
    TrArray *a = AR(o);
    size_t sz = (size_t)a->itemsize;
    if (!tr_is_imm(key) && tr_isinstance(key, &tr_slice_type)) {
        size_t nb;
        char *copy = snapshot(ts, o, &nb);
        if (!copy) return NULL;
        ssize_t start, stop, step;
        ssize_t cnt = slice_indices(ts, key, (ssize_t)(nb / sz), &start, &stop, &step);
        TrArray *r = NULL;
        if (cnt >= 0 && (r = new_array(ts, a->typecode, NULL, (size_t)cnt * sz)) != NULL) {
            for (ssize_t j = 0; j < cnt; j++)
                memcpy(r->ba.data + (size_t)j * sz, copy + (size_t)(start + j * step) * sz, sz);
            r->ba.size = (size_t)cnt * sz;
        }
        free(copy);
        return (TrObject *)r;
    }
    if (!is_index(key)) return err_set(ts, &tr_exc_TypeError, "array indices must be integers"), (TrObject *)NULL;
    int64_t k;
    if (tr_index_i64(ts, key, &k) < 0) return NULL;
    char raw[8];
    bool in = false;
    TR_BEGIN_CRITICAL(ts, a);
    size_t n = a->ba.size / sz;
    int64_t kk = k < 0 ? k + (int64_t)n : k;
    if (kk >= 0 && (uint64_t)kk < n) { memcpy(raw, a->ba.data + (size_t)kk * sz, sz); in = true; }
    TR_END_CRITICAL(ts);
    if (!in) return err_set(ts, &tr_exc_IndexError, "array index out of range"), NULL;
    return unpack_item(ts, a->typecode, raw);
}

/* `s` with each bound converted by __index__ to an int clamped to the
 * ssize_t range (None kept), so slice_indices on it runs no Python code.
 * New reference or NULL. */
static TrObject *plain_slice(TrThread *ts, TrObject *s) {
    TrSlice *sl = (TrSlice *)s;
    TrObject *b[3] = {sl->start, sl->stop, sl->step}, *v[3] = {NULL, NULL, NULL};
    for (int i = 0; i < 3; i++) {
        if (!b[i] || b[i] == tr_none) continue;
        TrObject *iv = as_int(ts, b[i]);
        if (!iv) {
            if (err_matches(ts, &tr_exc_TypeError)) {
                err_clear(ts);
                err_set(ts, &tr_exc_TypeError, "slice indices must be integers or None or have an __index__ method");
            }
            goto fail;
        }
        int ov = 0;
        int64_t x = int_as_i64_overflow(iv, &ov);
        if (ov || x > TR_IMM_MAX || x < TR_IMM_MIN) x = ov < 0 || int_sign(iv) < 0 ? TR_IMM_MIN : TR_IMM_MAX;
        tr_decref(iv);
        v[i] = tr_imm_from(x);
    }
    return slice_new(ts, v[0], v[1], v[2]);
fail:
    return NULL;
}

/* a[slice] = value / del a[slice]. */
static int assign_slice(TrThread *ts, TrArray *a, TrObject *key, TrObject *value) {
    size_t sz = (size_t)a->itemsize;
    char *src = NULL;
    size_t srcn = 0;
    if (value) {
        if (!array_check(value)) {
            err_format(ts, &tr_exc_TypeError, "can only assign array (not \"%s\") to array slice", tr_type_name(value));
            return -1;
        }
        if (AR(value)->typecode != a->typecode) {
            err_set(ts, &tr_exc_TypeError, "bad argument type for built-in operation");
            return -1;
        }
        src = snapshot(ts, value, &srcn);
        if (!src) return -1;
    }
    /* the slice's bounds as plain ints first (__index__ may run Python
     * code), so that resolving it under the lock calls out to nothing */
    TrObject *plain = plain_slice(ts, key);
    if (!plain) { free(src); return -1; }
    int rc = 0;
    ssize_t start, stop, step, cnt;
    char msg[160] = "";
    TR_BEGIN_CRITICAL(ts, a);
    size_t n = a->ba.size / sz;
    cnt = slice_indices(ts, plain, (ssize_t)n, &start, &stop, &step);
    if (cnt < 0) rc = 1;   /* "slice step cannot be zero", set without calling out */
    else if (step == 1) {
        size_t lo = (size_t)start, hi = (size_t)(stop < start ? start : stop);
        rc = splice_locked(a, lo * sz, hi * sz, src, srcn);
    } else if (value) {
        if ((size_t)cnt * sz != srcn)
            snprintf(msg, sizeof msg, "attempt to assign array of size %zu to extended slice of size %zd", srcn / sz, cnt);
        else
            for (ssize_t j = 0; j < cnt; j++)
                memcpy(a->ba.data + (size_t)(start + j * step) * sz, src + (size_t)j * sz, sz);
    } else if (cnt > 0) {
        if (a->ba.exports) rc = EXPORTED;
        else {
            if (step < 0) { start = start + (cnt - 1) * step; step = -step; }
            /* compact: keep the items not on the slice's path */
            size_t w = (size_t)start, r = (size_t)start;
            ssize_t k = 0;
            for (; r < n; r++) {
                if (k < cnt && r == (size_t)(start + k * step)) { k++; continue; }
                if (w != r) memmove(a->ba.data + w * sz, a->ba.data + r * sz, sz);
                w++;
            }
            set_size(a, w * sz);
        }
    }
    TR_END_CRITICAL(ts);
    free(src);
    tr_decref(plain);
    if (rc == 1) return -1;
    if (rc < 0) { resize_error(ts, rc); return -1; }
    if (msg[0]) { err_set(ts, &tr_exc_ValueError, msg); return -1; }
    return 0;
}

static int array_setitem(TrThread *ts, TrObject *o, TrObject *key, TrObject *value) {
    TrArray *a = AR(o);
    size_t sz = (size_t)a->itemsize;
    if (!tr_is_imm(key) && tr_isinstance(key, &tr_slice_type)) return assign_slice(ts, a, key, value);
    if (!is_index(key)) { err_set(ts, &tr_exc_TypeError, "array indices must be integers"); return -1; }
    int64_t k;
    if (tr_index_i64(ts, key, &k) < 0) return -1;
    char raw[8];
    if (value && pack_item(ts, a->typecode, value, raw) < 0) return -1;
    int rc = 0;
    TR_BEGIN_CRITICAL(ts, a);
    size_t n = a->ba.size / sz;
    int64_t kk = k < 0 ? k + (int64_t)n : k;
    if (kk < 0 || (uint64_t)kk >= n) rc = 1;
    else if (value) memcpy(a->ba.data + (size_t)kk * sz, raw, sz);
    else rc = splice_locked(a, (size_t)kk * sz, (size_t)(kk + 1) * sz, NULL, 0);
    TR_END_CRITICAL(ts);
    if (rc == 1) { err_set(ts, &tr_exc_IndexError, "array assignment index out of range"); return -1; }
    if (rc < 0) { resize_error(ts, rc); return -1; }
    return 0;
}

/* The first i in [lo, hi) with a[i] == v: 1 with *at, 0 none, -1 error. */
static int find(TrThread *ts, TrArray *a, TrObject *v, size_t lo, size_t hi, size_t *at) {
    for (size_t i = lo; i < hi; i++) {
        TrObject *x = item_at(ts, a, i);
        if (!x) return err_occurred(ts) ? -1 : 0;
        int eq = tr_richcompare_bool(ts, x, v, TR_EQ);
        tr_decref(x);
        if (eq < 0) return -1;
        if (eq) { *at = i; return 1; }
    }
    return 0;
}

static int array_contains(TrThread *ts, TrObject *o, TrObject *v) {
    size_t at;
    return find(ts, AR(o), v, 0, SIZE_MAX, &at);
}

static TrObject *array_richcompare(TrThread *ts, TrObject *a, TrObject *b, int op) {
    if (!array_check(a) || !array_check(b)) return tr_notimplemented;
    size_t na, nb;
    char *pa = snapshot(ts, a, &na);
    if (!pa) return NULL;
    char *pb = snapshot(ts, b, &nb);
    if (!pb) { free(pa); return NULL; }
    TrArray *x = AR(a), *y = AR(b);
    size_t la = na / (size_t)x->itemsize, lb = nb / (size_t)y->itemsize;
    TrObject *r = NULL;
    if (la != lb && (op == TR_EQ || op == TR_NE)) { r = tr_bool(op == TR_NE); goto done; }
    size_t i, m = la < lb ? la : lb;
    for (i = 0; i < m; i++) {
        TrObject *u = unpack_item(ts, x->typecode, pa + i * (size_t)x->itemsize);
        TrObject *v = u ? unpack_item(ts, y->typecode, pb + i * (size_t)y->itemsize) : NULL;
        int eq = v ? tr_richcompare_bool(ts, u, v, TR_EQ) : -1;
        if (eq == 0) {
            if (op == TR_EQ) r = tr_false;
            else if (op == TR_NE) r = tr_true;
            else r = tr_richcompare(ts, u, v, op);
        }
        tr_xdecref(u);
        tr_xdecref(v);
        if (eq < 0) goto done;
        if (eq == 0) goto done;
    }
    {
        bool res;
        switch (op) {
        case TR_LT: res = la < lb; break;
        case TR_LE: res = la <= lb; break;
        case TR_EQ: res = la == lb; break;
        case TR_NE: res = la != lb; break;
        case TR_GT: res = la > lb; break;
        default: res = la >= lb; break;
        }
        r = tr_bool(res);
    }
done:
    free(pa);
    free(pb);
    return r;
}

static TrObject *array_concat(TrThread *ts, TrObject *a, TrObject *b) {
    if (!array_check(a)) return tr_notimplemented;
    if (!array_check(b))
        return err_format(ts, &tr_exc_TypeError, "can only append array (not \"%s\") to array", tr_type_name(b));
    if (AR(a)->typecode != AR(b)->typecode)
        return err_set(ts, &tr_exc_TypeError, "bad argument type for built-in operation"), NULL;
    size_t na, nb;
    char *pa = snapshot(ts, a, &na);
    if (!pa) return NULL;
    char *pb = snapshot(ts, b, &nb);
    TrArray *r = pb ? new_array(ts, AR(a)->typecode, NULL, na + nb) : NULL;
    if (r) {
        if (na) memcpy(r->ba.data, pa, na);
        if (nb) memcpy(r->ba.data + na, pb, nb);
        r->ba.size = na + nb;
    }
    free(pa);
    free(pb);
    return (TrObject *)r;
}

static int repeat_count(TrThread *ts, TrObject *count, int64_t *n) {
    int r = index_like(ts, count, n);
    if (r == 0) err_format(ts, &tr_exc_TypeError, "can't multiply sequence by non-int of type '%T'", count);
    return r <= 0 ? -1 : 0;
}

static TrObject *array_repeat(TrThread *ts, TrObject *a, TrObject *b) {
    TrObject *seq = array_check(a) ? a : b, *count = seq == a ? b : a;
    int64_t n;
    if (repeat_count(ts, count, &n) < 0) return NULL;
    if (n < 0) n = 0;
    size_t nb;
    char *p = snapshot(ts, seq, &nb);
    if (!p) return NULL;
    TrArray *r = NULL;
    if (nb && (uint64_t)n > ((size_t)1 << 60) / nb) err_nomemory(ts);
    else if ((r = new_array(ts, AR(seq)->typecode, NULL, nb * (size_t)n)) != NULL) {
        for (int64_t j = 0; j < n; j++) memcpy(r->ba.data + (size_t)j * nb, p, nb);
        r->ba.size = nb * (size_t)n;
    }
    free(p);
    return (TrObject *)r;
}

/* ---- methods ----------------------------------------------------------- */

/* o.name(arg): a new reference or NULL. */
static TrObject *call_method1(TrThread *ts, TrObject *o, const char *name, TrObject *arg) {
    TrObject *fn = tr_getattr_cstr(ts, o, name);
    if (!fn) return NULL;
    TrObject *r = tr_call(ts, fn, &arg, 1, NULL);
    tr_decref(fn);
    return r;
}

#define METHOD(name) static TrObject *name(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw)
#define SELF AR(self)

METHOD(ar_append) {
    if (args_one(ts, "array.append", nargs, kw) < 0) return NULL;
    char raw[8];
    if (pack_item(ts, SELF->typecode, args[0], raw) < 0) return NULL;
    return append_raw(ts, SELF, raw, (size_t)SELF->itemsize) < 0 ? NULL : tr_none;
}

/* extend(iterable): an array of the same code, or any iterable; items
 * converted before a bad one are kept, as CPython does. */
static int extend(TrThread *ts, TrArray *a, TrObject *src) {
    Buf b = {0};
    int rc;
    if (array_check(src)) {
        if (AR(src)->typecode != a->typecode) {
            err_set(ts, &tr_exc_TypeError, "can only extend with array of same kind");
            return -1;
        }
        b.p = snapshot(ts, src, &b.n);
        if (!b.p) return -1;
        rc = 0;
    } else {
        rc = iterable_to_buf(ts, a->typecode, src, &b);
    }
    if (b.n) {
        TrObject *exc = rc < 0 ? err_fetch(ts) : NULL;
        int arc = append_raw(ts, a, b.p, b.n);
        if (exc) {
            if (arc == 0) err_restore(ts, exc);
            else tr_decref(exc);
        }
        if (arc < 0) rc = -1;
    }
    free(b.p);
    return rc;
}

METHOD(ar_extend) {
    if (args_one(ts, "array.extend", nargs, kw) < 0) return NULL;
    return extend(ts, SELF, args[0]) < 0 ? NULL : tr_none;
}

METHOD(ar_iadd) {
    if (args_one(ts, "array.__iadd__", nargs, kw) < 0) return NULL;
    if (!array_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "can only extend array with array (not \"%s\")", tr_type_name(args[0]));
    return extend(ts, SELF, args[0]) < 0 ? NULL : tr_newref(self);
}

METHOD(ar_imul) {
    if (args_one(ts, "array.__imul__", nargs, kw) < 0) return NULL;
    int64_t n;
    if (repeat_count(ts, args[0], &n) < 0) return NULL;
    int rc = 0;
    TR_BEGIN_CRITICAL(ts, self);
    TrArray *a = SELF;
    size_t size = a->ba.size;
    size_t want = n <= 0 ? 0 : size * (size_t)n;
    if (size && n > 0 && (uint64_t)n > ((size_t)1 << 60) / size) rc = NOMEM;
    else if (a->ba.exports && want != size) rc = EXPORTED;
    else if (reserve_locked(a, want) < 0) rc = NOMEM;
    else {
        for (int64_t j = 1; j < n; j++) memcpy(a->ba.data + (size_t)j * size, a->ba.data, size);
        set_size(a, want);
    }
    TR_END_CRITICAL(ts);
    return rc < 0 ? resize_error(ts, rc) : tr_newref(self);
}

METHOD(ar_insert) {
    if (args_range(ts, "insert", nargs, kw, 2, 2) < 0) return NULL;
    int64_t i;
    if (tr_index_i64(ts, args[0], &i) < 0) return NULL;
    char raw[8];
    if (pack_item(ts, SELF->typecode, args[1], raw) < 0) return NULL;
    size_t sz = (size_t)SELF->itemsize;
    int rc;
    TR_BEGIN_CRITICAL(ts, self);
    int64_t n = (int64_t)(SELF->ba.size / sz);
    if (i < 0) { i += n; if (i < 0) i = 0; }
    if (i > n) i = n;
    rc = splice_locked(SELF, (size_t)i * sz, (size_t)i * sz, raw, sz);
    TR_END_CRITICAL(ts);
    return rc < 0 ? resize_error(ts, rc) : tr_none;
}

METHOD(ar_pop) {
    if (args_range(ts, "pop", nargs, kw, 0, 1) < 0) return NULL;
    int64_t i = -1;
    if (nargs && tr_index_i64(ts, args[0], &i) < 0) return NULL;
    size_t sz = (size_t)SELF->itemsize;
    char raw[8];
    int rc = 0;
    TR_BEGIN_CRITICAL(ts, self);
    int64_t n = (int64_t)(SELF->ba.size / sz);
    int64_t k = i < 0 ? i + n : i;
    if (n == 0) rc = 1;
    else if (k < 0 || k >= n) rc = 2;
    else {
        memcpy(raw, SELF->ba.data + (size_t)k * sz, sz);
        rc = splice_locked(SELF, (size_t)k * sz, (size_t)(k + 1) * sz, NULL, 0);
    }
    TR_END_CRITICAL(ts);
    if (rc == 1) return err_set(ts, &tr_exc_IndexError, "pop from empty array"), NULL;
    if (rc == 2) return err_set(ts, &tr_exc_IndexError, "pop index out of range"), NULL;
    if (rc < 0) return resize_error(ts, rc);
    return unpack_item(ts, SELF->typecode, raw);
}

METHOD(ar_remove) {
    if (args_one(ts, "array.remove", nargs, kw) < 0) return NULL;
    size_t at;
    int f = find(ts, SELF, args[0], 0, SIZE_MAX, &at);
    if (f < 0) return NULL;
    if (f == 0) return err_set(ts, &tr_exc_ValueError, "array.remove(x): x not in array"), NULL;
    size_t sz = (size_t)SELF->itemsize;
    int rc = 0;
    TR_BEGIN_CRITICAL(ts, self);
    if ((at + 1) * sz <= SELF->ba.size) rc = splice_locked(SELF, at * sz, (at + 1) * sz, NULL, 0);
    TR_END_CRITICAL(ts);
    return rc < 0 ? resize_error(ts, rc) : tr_none;
}

/* A start/stop argument of index(), clamped as list.index does. */
static int clamp_arg(TrThread *ts, TrObject *o, size_t n, size_t *out) {
    int64_t v;
    if (tr_index_i64(ts, o, &v) < 0) return -1;
    if (v < 0) { v += (int64_t)n; if (v < 0) v = 0; }
    *out = (uint64_t)v > n ? n : (size_t)v;
    return 0;
}

METHOD(ar_index) {
    if (args_range(ts, "index", nargs, kw, 1, 3) < 0) return NULL;
    size_t n = nitems(SELF), lo = 0, hi = SIZE_MAX;
    if (nargs > 1 && clamp_arg(ts, args[1], n, &lo) < 0) return NULL;
    if (nargs > 2 && clamp_arg(ts, args[2], n, &hi) < 0) return NULL;
    size_t at;
    int f = find(ts, SELF, args[0], lo, hi, &at);
    if (f < 0) return NULL;
    if (f == 0) return err_set(ts, &tr_exc_ValueError, "array.index(x): x not in array"), NULL;
    return int_from_i64(ts, (int64_t)at);
}

METHOD(ar_count) {
    if (args_one(ts, "array.count", nargs, kw) < 0) return NULL;
    int64_t c = 0;
    for (size_t i = 0;; i++) {
        TrObject *x = item_at(ts, SELF, i);
        if (!x) { if (err_occurred(ts)) return NULL; break; }
        int eq = tr_richcompare_bool(ts, x, args[0], TR_EQ);
        tr_decref(x);
        if (eq < 0) return NULL;
        c += eq;
    }
    return int_from_i64(ts, c);
}

METHOD(ar_reverse) {
    if (args_none(ts, "array.reverse", nargs, kw) < 0) return NULL;
    size_t sz = (size_t)SELF->itemsize;
    TR_BEGIN_CRITICAL(ts, self);
    size_t n = SELF->ba.size / sz;
    char *d = SELF->ba.data, tmp[8];
    for (size_t i = 0, j = n ? n - 1 : 0; i < j; i++, j--) {
        memcpy(tmp, d + i * sz, sz);
        memcpy(d + i * sz, d + j * sz, sz);
        memcpy(d + j * sz, tmp, sz);
    }
    TR_END_CRITICAL(ts);
    return tr_none;
}

METHOD(ar_byteswap) {
    if (args_none(ts, "array.byteswap", nargs, kw) < 0) return NULL;
    size_t sz = (size_t)SELF->itemsize;
    TR_BEGIN_CRITICAL(ts, self);
    char *d = SELF->ba.data;
    for (size_t i = 0; i + sz <= SELF->ba.size; i += sz)
        for (size_t k = 0; k < sz / 2; k++) {
            char t = d[i + k];
            d[i + k] = d[i + sz - 1 - k];
            d[i + sz - 1 - k] = t;
        }
    TR_END_CRITICAL(ts);
    return tr_none;
}

METHOD(ar_buffer_info) {
    if (args_none(ts, "array.buffer_info", nargs, kw) < 0) return NULL;
    uintptr_t addr;
    TR_BEGIN_CRITICAL(ts, self);
    addr = (uintptr_t)SELF->ba.data;
    TR_END_CRITICAL(ts);
    TrObject *p = int_from_u64(ts, addr), *n = p ? int_from_i64(ts, (int64_t)nitems(SELF)) : NULL;
    TrObject *t = n ? tuple_new(ts, 2) : NULL;
    if (!t) { tr_xdecref(p); tr_xdecref(n); return NULL; }
    tuple_set_take(t, 0, p);
    tuple_set_take(t, 1, n);
    return t;
}

METHOD(ar_frombytes) {
    if (args_one(ts, "array.frombytes", nargs, kw) < 0) return NULL;
    TrBytesView v;
    int r = bytes_view(ts, args[0], &v);
    if (r < 0) return NULL;
    if (r == 0) return err_format(ts, &tr_exc_TypeError, "a bytes-like object is required, not '%T'", args[0]);
    TrObject *res = NULL;
    if (v.n % (size_t)SELF->itemsize) err_set(ts, &tr_exc_ValueError, "bytes length not a multiple of item size");
    else if (append_raw(ts, SELF, v.p, v.n) == 0) res = tr_none;
    bytes_view_release(&v);
    return res;
}

METHOD(ar_tobytes) {
    if (args_none(ts, "array.tobytes", nargs, kw) < 0) return NULL;
    size_t n;
    char *p = snapshot(ts, self, &n);
    if (!p) return NULL;
    TrObject *b = bytes_from(ts, p, n);
    free(p);
    return b;
}

METHOD(ar_fromlist) {
    if (args_one(ts, "array.fromlist", nargs, kw) < 0) return NULL;
    if (tr_is_imm(args[0]) || !list_check(args[0])) return err_set(ts, &tr_exc_TypeError, "arg must be list"), NULL;
    Buf b = {0};
    int rc = iterable_to_buf(ts, SELF->typecode, args[0], &b);   /* all or nothing */
    if (rc == 0 && b.n) rc = append_raw(ts, SELF, b.p, b.n);
    free(b.p);
    return rc < 0 ? NULL : tr_none;
}

METHOD(ar_tolist) {
    if (args_none(ts, "array.tolist", nargs, kw) < 0) return NULL;
    size_t n;
    char *p = snapshot(ts, self, &n);
    if (!p) return NULL;
    TrObject *l = buf_to_list(ts, SELF->typecode, p, n);
    free(p);
    return l;
}

METHOD(ar_fromunicode) {
    if (args_one(ts, "array.fromunicode", nargs, kw) < 0) return NULL;
    if (tr_is_imm(args[0]) || !str_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "fromunicode() argument must be str, not %T", args[0]);
    if (!is_unicode(SELF->typecode))
        return err_set(ts, &tr_exc_ValueError, "fromunicode() may only be called on unicode type arrays ('u' or 'w')"), NULL;
    Buf b = {0};
    int rc = str_to_buf(ts, args[0], &b);
    if (rc == 0 && b.n) rc = append_raw(ts, SELF, b.p, b.n);
    free(b.p);
    return rc < 0 ? NULL : tr_none;
}

METHOD(ar_tounicode) {
    if (args_none(ts, "array.tounicode", nargs, kw) < 0) return NULL;
    if (!is_unicode(SELF->typecode))
        return err_set(ts, &tr_exc_ValueError, "tounicode() may only be called on unicode type arrays ('u' or 'w')"), NULL;
    size_t n;
    char *p = snapshot(ts, self, &n);
    if (!p) return NULL;
    TrObject *s = buf_to_str(ts, p, n);
    free(p);
    return s;
}

METHOD(ar_fromfile) {
    if (args_range(ts, "fromfile", nargs, kw, 2, 2) < 0) return NULL;
    int64_t n;
    if (tr_index_i64(ts, args[1], &n) < 0) return NULL;
    if (n < 0) return err_set(ts, &tr_exc_ValueError, "negative count"), NULL;
    size_t sz = (size_t)SELF->itemsize;
    if ((uint64_t)n > ((size_t)1 << 60) / sz) return err_nomemory(ts);
    TrObject *cnt = int_from_i64(ts, n * (int64_t)sz);
    if (!cnt) return NULL;
    TrObject *got = call_method1(ts, args[0], "read", cnt);
    tr_decref(cnt);
    if (!got) return NULL;
    if (tr_is_imm(got) || !bytes_check(got)) {
        tr_decref(got);
        return err_set(ts, &tr_exc_TypeError, "read() didn't return bytes"), NULL;
    }
    size_t have = bytes_size(got), whole = have / sz * sz;
    int rc = whole ? append_raw(ts, SELF, bytes_data(got), whole) : 0;
    tr_decref(got);
    if (rc < 0) return NULL;
    if (have != (size_t)n * sz) return err_set(ts, &tr_exc_EOFError, "read() didn't return enough bytes"), NULL;
    return tr_none;
}

METHOD(ar_tofile) {
    if (args_one(ts, "array.tofile", nargs, kw) < 0) return NULL;
    size_t n;
    char *p = snapshot(ts, self, &n);
    if (!p) return NULL;
    /* in blocks, as CPython writes them, so a file sees the same calls */
    const size_t block = 64 * 1024;
    TrObject *r = NULL;
    size_t off = 0;
    do {
        size_t k = n - off < block ? n - off : block;
        TrObject *b = bytes_from(ts, p + off, k);
        if (!b) goto out;
        TrObject *w = call_method1(ts, args[0], "write", b);
        tr_decref(b);
        if (!w) goto out;
        tr_decref(w);
        off += k;
    } while (off < n);
    r = tr_none;
out:
    free(p);
    return r;
}

METHOD(ar_copy) {
    if (args_none(ts, "array.__copy__", nargs, kw) < 0) return NULL;
    size_t n;
    char *p = snapshot(ts, self, &n);
    if (!p) return NULL;
    TrArray *r = new_array(ts, SELF->typecode, p, n);
    free(p);
    return (TrObject *)r;
}

METHOD(ar_deepcopy) {
    if (args_one(ts, "array.__deepcopy__", nargs, kw) < 0) return NULL;
    return ar_copy(ts, self, NULL, 0, NULL);
}

static const TrMethodDef array_methods[] = {
    {"append", ar_append}, {"extend", ar_extend}, {"insert", ar_insert}, {"pop", ar_pop},
    {"remove", ar_remove}, {"index", ar_index}, {"count", ar_count}, {"reverse", ar_reverse},
    {"buffer_info", ar_buffer_info}, {"byteswap", ar_byteswap},
    {"frombytes", ar_frombytes}, {"tobytes", ar_tobytes}, {"fromlist", ar_fromlist}, {"tolist", ar_tolist},
    {"fromunicode", ar_fromunicode}, {"tounicode", ar_tounicode},
    {"fromfile", ar_fromfile}, {"tofile", ar_tofile},
    {"__iadd__", ar_iadd}, {"__imul__", ar_imul},
    {"__copy__", ar_copy}, {"__deepcopy__", ar_deepcopy},
    {NULL, NULL},
};

static TrObject *array_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    if (str_check(name)) {
        if (str_equal_cstr(name, "typecode")) return str_from_utf8(ts, &AR(o)->typecode, 1);
        if (str_equal_cstr(name, "itemsize")) return int_from_i64(ts, AR(o)->itemsize);
    }
    return tr_generic_getattr(ts, o, name);
}

static int array_setattr(TrThread *ts, TrObject *o, TrObject *name, TrObject *value) {
    if (str_check(name) && (str_equal_cstr(name, "typecode") || str_equal_cstr(name, "itemsize"))) {
        err_format(ts, &tr_exc_AttributeError, "attribute '%S' of 'array.array' objects is not writable", name);
        return -1;
    }
    return tr_generic_setattr(ts, o, name, value);   /* a subclass's instance dict */
}

static const TrNumberSlots array_number = {
    .binop = { [TR_BINOP_ADD] = array_concat, [TR_BINOP_MUL] = array_repeat },
};

/* ---- the iterator ------------------------------------------------------ */

/* `index` is advanced under the iterator's lock so two threads sharing one
 * iterator never see the same item twice. */
typedef struct {
    TrObject ob_base;
    TrObject *array;   /* owned; NULL once exhausted */
    size_t index;
} TrArrayIter;

static TrObject *array_iter(TrThread *ts, TrObject *o) {
    TrArrayIter *it = (TrArrayIter *)tr_alloc(ts, &tr_array_iter_type);
    if (!it) return NULL;
    it->array = tr_newref(o);
    return (TrObject *)it;
}

static TrObject *iter_self(TrThread *ts, TrObject *o) { return tr_newref(o); }

static TrObject *iter_next(TrThread *ts, TrObject *o) {
    TrArrayIter *it = (TrArrayIter *)o;
    TrObject *arr = NULL;
    size_t i = 0;
    TR_BEGIN_CRITICAL(ts, o);
    if (it->array) { arr = tr_newref(it->array); i = it->index++; }
    TR_END_CRITICAL(ts);
    if (!arr) return NULL;
    TrObject *v = item_at(ts, AR(arr), i);
    if (!v && !err_occurred(ts)) {
        TrObject *drop = NULL;
        TR_BEGIN_CRITICAL(ts, o);
        drop = it->array;
        it->array = NULL;
        TR_END_CRITICAL(ts);
        tr_xdecref(drop);   /* outside the lock: this may free the array */
    }
    tr_decref(arr);
    return v;
}

static void iter_dealloc(TrThread *ts, TrObject *o) {
    tr_xdecref(((TrArrayIter *)o)->array);
    tr_free(o);
}

static TrType tr_array_iter_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "array.arrayiterator",
    .basicsize = sizeof(TrArrayIter),
    .base = &tr_object_type,
    .dealloc = iter_dealloc,
    .iter = iter_self,
    .iternext = iter_next,
};

TrType tr_array_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "array.array",
    .basicsize = sizeof(TrArray),
    .flags = TR_TPFLAG_BASETYPE | TR_TPFLAG_WEAKREFABLE,
    .base = &tr_object_type,
    .dealloc = array_dealloc,
    .repr = array_repr,
    .richcompare = array_richcompare,
    .len = array_len,
    .getitem = array_getitem,
    .setitem = array_setitem,
    .contains = array_contains,
    .iter = array_iter,
    .getattr = array_getattr,
    .setattr = array_setattr,
    .new_ = array_new,
    .number = &array_number,
    .methods = array_methods,
};

TrObject *array_module_init(TrThread *ts) {
    if (!(tr_array_type.flags & TR_TPFLAG_READY)) {
        if (type_ready(ts, &tr_array_type) < 0 || type_ready(ts, &tr_array_iter_type) < 0) return NULL;
    }
    TrObject *m = module_new(ts, "array");
    if (!m) return NULL;
    TrObject *d = module_dict(m);
    TrObject *tc = str_from_cstr(ts, TYPECODES);
    int rc = tc ? dict_set_cstr(ts, d, "typecodes", tc) : -1;
    tr_xdecref(tc);
    if (rc < 0 || dict_set_cstr(ts, d, "array", (TrObject *)&tr_array_type) < 0 ||
        dict_set_cstr(ts, d, "ArrayType", (TrObject *)&tr_array_type) < 0) {
        tr_decref(m);
        return NULL;
    }
    return m;
}
