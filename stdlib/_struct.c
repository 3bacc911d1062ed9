/* stdlib/_struct.c: the `struct` module: pack, unpack, calcsize, pack_into,
 * unpack_from, iter_unpack and struct.error, over CPython's format strings
 * (byte order prefixes @ = < > !, repeat counts, codes x c b B ? h H i I l L
 * q Q n N e f d s p P).
 * and the Struct class (a format parsed once and kept in the object; the
 * functions parse theirs on each call through the same fmt_parse).
 * Threads: a Struct never changes after creation, so it needs no lock;
 * pack_into writes a bytearray's bytes under its lock, a memoryview's while
 * an export is counted on it.  struct.error is `error_cls`, set once at
 * import. */
#include "stdlib/stdlib.h"
#include "torii/memoryview.h"
#include "torii/array.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

typedef struct {
    char code;
    size_t count;     /* repeat count (length for s/p) */
    size_t size;      /* of one item */
    size_t offset;    /* of the first item */
} Item;

typedef struct {
    int little, native;
    size_t nitems, nvalues, size;
    Item items[64];
    Item *heap;       /* used when more than 64 items */
    Item *it;
} Fmt;

static TrObject *raise_err(TrThread *ts, TrObject *mod, const char *fmt, ...) __attribute__((unused));

/* struct.error: set once by struct_module_init (under the import lock,
 * before any Struct exists), then only read; owned, never released. */
static TrObject *error_cls;

static void set_error(TrThread *ts, TrObject *mod, const char *msg) {
    TrObject *cls = error_cls ? tr_newref(error_cls) : mod ? dict_get_cstr(ts, module_dict(mod), "error") : NULL;
    if (!cls) { err_set(ts, &tr_exc_ValueError, msg); return; }
    TrObject *s = str_from_cstr(ts, msg);
    TrObject *exc = s ? tr_call(ts, cls, &s, 1, NULL) : NULL;
    tr_xdecref(s);
    tr_decref(cls);
    if (exc) err_raise(ts, exc);
}

static TrObject *raise_err(TrThread *ts, TrObject *mod, const char *fmt, ...) {
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    set_error(ts, mod, buf);
    return NULL;
}

static size_t code_size(char c, int native) {
    switch (c) {
    case 'x': case 'c': case 'b': case 'B': case '?': case 's': case 'p': return 1;
    case 'h': case 'H': case 'e': return 2;
    case 'i': case 'I': case 'f': return 4;
    case 'l': case 'L': return native ? sizeof(long) : 4;
    case 'q': case 'Q': case 'd': return 8;
    case 'n': case 'N': return native ? sizeof(size_t) : 0;
    case 'P': return native ? sizeof(void *) : 0;
    default: return 0;
    }
}

static void fmt_free(Fmt *f) { free(f->heap); }

/* Parses `fo` (str or bytes) into `f`; -1 with struct.error on a bad format. */
static int fmt_parse(TrThread *ts, TrObject *mod, TrObject *fo, Fmt *f) {
    const char *s;
    size_t n;
    f->heap = NULL;   /* fmt_free is safe from here on, whatever fails */
    if (str_check(fo)) {
        s = str_utf8(fo);
        n = strlen(s);
        if (!((TrStr *)fo)->ascii) {   /* the format is ASCII: raise the codec's UnicodeEncodeError */
            TrObject *b = codec_encode(ts, fo, "ascii", "strict");
            tr_xdecref(b);
            if (!b) return -1;
        }
    }
    else if (bytes_check(fo)) { s = bytes_data(fo); n = bytes_size(fo); }
    else {
        err_format(ts, &tr_exc_TypeError, "Struct() argument 1 must be a str or bytes object, not %T", fo);
        return -1;
    }
    memset(f, 0, sizeof *f - 0);
    f->it = f->items;
    f->native = 1;
    f->little = 1;
    size_t i = 0, cap = 64;
    if (n > 0) {
        switch (s[0]) {
        case '@': i = 1; break;
        case '=': f->native = 0; i = 1; break;
        case '<': f->native = 0; i = 1; break;
        case '>': case '!': f->native = 0; f->little = 0; i = 1; break;
        }
    }
    size_t off = 0;
    while (i < n) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') { i++; continue; }
        size_t count = 1;
        if (c >= '0' && c <= '9') {
            count = 0;
            while (i < n && s[i] >= '0' && s[i] <= '9') {
                if (count > (SIZE_MAX / 2) / 10) { set_error(ts, mod, "total struct size too long"); return -1; }
                count = count * 10 + (size_t)(s[i] - '0');
                i++;
            }
            if (i >= n) { set_error(ts, mod, "repeat count given without format specifier"); return -1; }
            c = s[i];
        }
        i++;
        size_t sz = code_size(c, f->native);
        if (!sz) { set_error(ts, mod, "bad char in struct format"); return -1; }
        if (f->native && sz > 1) off = (off + sz - 1) / sz * sz;
        if (f->nitems == cap) {
            Item *nh = malloc(sizeof(Item) * cap * 2);
            if (!nh) { err_nomemory(ts); return -1; }
            memcpy(nh, f->it, sizeof(Item) * cap);
            free(f->heap);
            f->heap = f->it = nh;
            cap *= 2;
        }
        f->it[f->nitems++] = (Item){c, count, sz, off};
        off += sz * count;
        if (c == 's' || c == 'p') f->nvalues++;
        else if (c != 'x') f->nvalues += count;
    }
    f->size = off;
    return 0;
}

/* The int of `v` (itself, or its __index__): new reference, or NULL with
 * struct.error "required argument is not an integer". */
static TrObject *index_of(TrThread *ts, TrObject *mod, TrObject *v) {
    if (int_check(v)) return tr_newref(v);
    const TrNumberSlots *nb = tr_type(v)->number;
    if (!nb || !nb->index) { set_error(ts, mod, "required argument is not an integer"); return NULL; }
    return nb->index(ts, v);
}

static int get_int_of(TrThread *ts, TrObject *mod, TrObject *v, char code, int uns, size_t sz, uint64_t *out);

static int get_int(TrThread *ts, TrObject *mod, TrObject *v, char code, int uns, size_t sz, uint64_t *out) {
    TrObject *iv = index_of(ts, mod, v);
    if (!iv) return -1;
    int rc;
    if (code == 'P' && int_sign(iv) < 0)   /* a pointer may be given as a negative C long */
        rc = get_int_of(ts, mod, iv, code, 0, sz, out);
    else
        rc = get_int_of(ts, mod, iv, code, uns, sz, out);
    tr_decref(iv);
    return rc;
}

static int get_int_of(TrThread *ts, TrObject *mod, TrObject *v, char code, int uns, size_t sz, uint64_t *out) {
    int ov = 0;
    int64_t x = int_as_i64_overflow(v, &ov);
    uint64_t u = (uint64_t)x;
    int bad = 0;
    if (ov) {
        if (uns && ov > 0 && sz == 8) {
            TrObject *big = int_from_u64(ts, UINT64_MAX);
            if (!big) return -1;
            int c = int_compare(v, big);
            tr_decref(big);
            if (c > 0) bad = 1;
            else {
                TrObject *h = int_from_u64(ts, (uint64_t)1 << 63);
                TrObject *d = h ? int_binop(ts, TR_BINOP_SUB, v, h) : NULL;
                tr_xdecref(h);
                if (!d) return -1;
                u = (uint64_t)int_as_i64(ts, d) + ((uint64_t)1 << 63);
                tr_decref(d);
            }
        } else bad = 1;
    } else if (uns) {
        if (x < 0 || (sz < 8 && (uint64_t)x >= ((uint64_t)1 << (sz * 8)))) bad = 1;
    } else if (sz < 8) {
        int64_t lim = (int64_t)1 << (sz * 8 - 1);
        if (x < -lim || x >= lim) bad = 1;
    }
    if (bad) {
        if (uns)
            raise_err(ts, mod, "'%c' format requires 0 <= number <= %llu", code,
                      (unsigned long long)(sz == 8 ? UINT64_MAX : (((uint64_t)1 << (sz * 8)) - 1)));
        else
            raise_err(ts, mod, "'%c' format requires %lld <= number <= %lld", code,
                      (long long)(sz == 8 ? INT64_MIN : -((int64_t)1 << (sz * 8 - 1))),
                      (long long)(sz == 8 ? INT64_MAX : ((int64_t)1 << (sz * 8 - 1)) - 1));
        return -1;
    }
    *out = u;
    return 0;
}

static void put_uint(unsigned char *p, uint64_t u, size_t sz, int little) {
    for (size_t k = 0; k < sz; k++) {
        p[little ? k : sz - 1 - k] = (unsigned char)(u & 0xff);
        u >>= 8;
    }
}

static uint64_t get_uint(const unsigned char *p, size_t sz, int little) {
    uint64_t u = 0;
    for (size_t k = 0; k < sz; k++) u = (u << 8) | p[little ? sz - 1 - k : k];
    return u;
}

/* IEEE half from double, round-half-even; -1 with OverflowError. */
static int half_pack(TrThread *ts, double x, uint16_t *out) {
    uint16_t sign = signbit(x) ? 0x8000 : 0;
    double a = fabs(x);
    if (isnan(x)) { *out = sign | 0x7e00; return 0; }
    if (isinf(x)) { *out = sign | 0x7c00; return 0; }
    if (a == 0) { *out = sign; return 0; }
    int e;
    double m = frexp(a, &e);   /* a = m * 2^e, 0.5 <= m < 1 */
    uint32_t bits;
    if (e < -13) {             /* subnormal: units of 2^-24 */
        double q = ldexp(a, 24);
        double r = nearbyint(q);
        bits = (uint32_t)r;    /* may become 0x400 = smallest normal, fine */
    } else {
        double q = ldexp(m, 11);   /* 1024 <= q < 2048 */
        double r = nearbyint(q);
        uint32_t mant = (uint32_t)r;
        int ex = e - 1 + 15;
        if (mant == 2048) { mant = 1024; ex++; }
        if (ex >= 31) { err_set(ts, &tr_exc_OverflowError, "float too large to pack with e format"); return -1; }
        bits = ((uint32_t)ex << 10) | (mant - 1024);
    }
    *out = sign | (uint16_t)bits;
    return 0;
}

static double half_unpack(uint16_t h) {
    int sign = h >> 15, ex = (h >> 10) & 0x1f, mant = h & 0x3ff;
    double v;
    if (ex == 0) v = ldexp(mant, -24);
    else if (ex == 31) v = mant ? NAN : INFINITY;
    else v = ldexp(mant + 1024, ex - 25);
    return sign ? -v : v;
}

static int get_double(TrThread *ts, TrObject *mod, TrObject *v, double *d) {
    if (float_check(v)) { *d = float_value(v); return 0; }
    if (int_check(v)) { *d = int_as_double(ts, v); return err_occurred(ts) ? -1 : 0; }
    const TrNumberSlots *nb = tr_type(v)->number;
    if (nb && (nb->to_float || nb->index)) {   /* __float__ / __index__, as float() takes them */
        TrObject *fl = tr_call(ts, (TrObject *)&tr_float_type, &v, 1, NULL);
        if (!fl) return -1;
        *d = float_value(fl);
        tr_decref(fl);
        return 0;
    }
    set_error(ts, mod, "required argument is not a float");
    return -1;
}

/* Packs values[0..nvalues) into buf (f->size bytes, zeroed). */
static int pack_values(TrThread *ts, TrObject *mod, Fmt *f, TrObject *const *values, unsigned char *buf) {
    size_t vi = 0;
    for (size_t ii = 0; ii < f->nitems; ii++) {
        Item *it = &f->it[ii];
        unsigned char *p = buf + it->offset;
        if (it->code == 'x') continue;
        if (it->code == 's' || it->code == 'p') {
            TrObject *v = values[vi++];
            const char *d; size_t len;
            if (bytes_check(v)) { d = bytes_data(v); len = bytes_size(v); }
            else if (bytearray_check(v)) { d = ((TrByteArray *)v)->data; len = ((TrByteArray *)v)->size; }
            else { raise_err(ts, mod, "argument for '%c' must be a bytes object", it->code); return -1; }
            size_t n = it->count;
            if (it->code == 's') { memcpy(p, d, len < n ? len : n); }
            else if (n > 0) {
                size_t m = len < n - 1 ? len : n - 1;
                memcpy(p + 1, d, m);
                p[0] = (unsigned char)(m > 255 ? 255 : m);
            }
            continue;
        }
        for (size_t k = 0; k < it->count; k++, p += it->size) {
            TrObject *v = values[vi++];
            char c = it->code;
            uint64_t u;
            double d;
            switch (c) {
            case 'c':
                if (!tr_is_imm(v) && bytes_check(v) && bytes_size(v) == 1) *p = (unsigned char)bytes_data(v)[0];
                else { set_error(ts, mod, "char format requires a bytes object of length 1"); return -1; }
                break;
            case '?': {
                int t = tr_is_true(ts, v);
                if (t < 0) return -1;
                *p = (unsigned char)t;
                break;
            }
            case 'b': case 'h': case 'i': case 'l': case 'q': case 'n':
            case 'B': case 'H': case 'I': case 'L': case 'Q': case 'N': case 'P': {
                int uns = c == 'B' || c == 'H' || c == 'I' || c == 'L' || c == 'Q' || c == 'N' || c == 'P';
                if (get_int(ts, mod, v, c, uns, it->size, &u) < 0) return -1;
                put_uint(p, u, it->size, f->little);
                break;
            }
            case 'f': {
                if (get_double(ts, mod, v, &d) < 0) return -1;
                float fl = (float)d;
                if (isinf(fl) && !isinf(d)) { err_set(ts, &tr_exc_OverflowError, "float too large to pack with f format"); return -1; }
                uint32_t b32; memcpy(&b32, &fl, 4);
                put_uint(p, b32, 4, f->little);
                break;
            }
            case 'd': {
                if (get_double(ts, mod, v, &d) < 0) return -1;
                uint64_t b64; memcpy(&b64, &d, 8);
                put_uint(p, b64, 8, f->little);
                break;
            }
            case 'e': {
                if (get_double(ts, mod, v, &d) < 0) return -1;
                uint16_t h;
                if (half_pack(ts, d, &h) < 0) return -1;
                put_uint(p, h, 2, f->little);
                break;
            }
            }
        }
    }
    return 0;
}

static TrObject *unpack_values(TrThread *ts, Fmt *f, const unsigned char *buf) {
    TrObject *t = tuple_new(ts, f->nvalues);
    if (!t) return NULL;
    size_t vi = 0;
    for (size_t ii = 0; ii < f->nitems; ii++) {
        Item *it = &f->it[ii];
        const unsigned char *p = buf + it->offset;
        TrObject *o = NULL;
        if (it->code == 'x') continue;
        if (it->code == 's') o = bytes_from(ts, (const char *)p, it->count);
        else if (it->code == 'p') {
            size_t n = it->count == 0 ? 0 : p[0];
            if (it->count > 0 && n > it->count - 1) n = it->count - 1;
            o = bytes_from(ts, (const char *)p + (it->count ? 1 : 0), n);
        }
        if (it->code == 's' || it->code == 'p') {
            if (!o) goto fail;
            tuple_set_take(t, vi++, o);
            continue;
        }
        for (size_t k = 0; k < it->count; k++, p += it->size) {
            char c = it->code;
            uint64_t u = get_uint(p, it->size, f->little);
            switch (c) {
            case 'c': o = bytes_from(ts, (const char *)p, 1); break;
            case '?': o = tr_newref(tr_bool(*p != 0)); break;
            case 'b': case 'h': case 'i': case 'l': case 'q': case 'n': {
                int64_t x = (int64_t)u;
                if (it->size < 8) {
                    uint64_t sb = (uint64_t)1 << (it->size * 8 - 1);
                    x = (int64_t)((u ^ sb)) - (int64_t)sb;
                }
                o = int_from_i64(ts, x);
                break;
            }
            case 'B': case 'H': case 'I': case 'L': case 'Q': case 'N': case 'P': o = int_from_u64(ts, u); break;
            case 'f': { uint32_t b = (uint32_t)u; float fl; memcpy(&fl, &b, 4); o = float_new(ts, fl); break; }
            case 'd': { double d; memcpy(&d, &u, 8); o = float_new(ts, d); break; }
            case 'e': o = float_new(ts, half_unpack((uint16_t)u)); break;
            }
            if (!o) goto fail;
            tuple_set_take(t, vi++, o);
        }
    }
    return t;
fail:
    for (; vi < f->nvalues; vi++) tuple_set_take(t, vi, tr_newref(tr_none));
    tr_decref(t);
    return NULL;
}

/* ---- operations on a parsed format (shared by the functions and Struct) -- */

/* Copies `src[0..n)` to `dst + off` (`off` < 0 counts from the end of the
 * `blen` bytes): 1, or -1 (offset before the start) / -2 (too short). */
static int write_at(char *dst, size_t blen, int64_t off, const unsigned char *src, size_t n) {
    int64_t o = off < 0 ? off + (int64_t)blen : off;
    if (o < 0) return -1;
    if ((uint64_t)o > blen || blen - (size_t)o < n) return -2;
    if (n) memcpy(dst + o, src, n);
    return 1;
}

/* `buf` as a writable byte range for pack_into: a bytearray (or array, any
 * TrByteArray-layout exporter: written under its lock by the caller) or a
 * writable memoryview (an export counted while writing).  TypeError
 * "argument must be read-write bytes-like object, not bytes" otherwise. */
static TrObject *do_pack_into(TrThread *ts, TrObject *mod, Fmt *f, TrObject *buf, TrObject *offo,
                              TrObject *const *values, size_t nvalues, const char *fname) {
    if (nvalues != f->nvalues)
        return raise_err(ts, mod, "%s expected %zu items for packing (got %zu)", fname, f->nvalues, nvalues);
    int layout = !tr_is_imm(buf) && (bytearray_check(buf) || array_check(buf));
    if (!layout && (tr_is_imm(buf) || !memview_check(buf)))
        return err_format(ts, &tr_exc_TypeError, "argument must be read-write bytes-like object, not %T", buf);
    int64_t off;
    if (tr_index_i64(ts, offo, &off) < 0) return NULL;
    TrObject *r = NULL;
    unsigned char *tmp = calloc(1, f->size ? f->size : 1);
    if (!tmp) { err_nomemory(ts); return NULL; }
    if (pack_values(ts, mod, f, values, tmp) < 0) goto done;
    int ok;
    size_t blen;
    if (layout) {
        TR_BEGIN_CRITICAL(ts, buf);
        blen = ((TrByteArray *)buf)->size;
        ok = write_at(((TrByteArray *)buf)->data, blen, off, tmp, f->size);
        TR_END_CRITICAL(ts);
    } else {
        TrMemExport e;
        if (memview_export(ts, buf, 1, &e) < 0) {
            if (err_matches(ts, &tr_exc_BufferError)) {   /* a read-only view */
                err_clear(ts);
                err_format(ts, &tr_exc_TypeError, "argument must be read-write bytes-like object, not %T", buf);
            }
            goto done;
        }
        blen = e.len;
        ok = write_at(e.buf, blen, off, tmp, f->size);
        if (e.root) memview_unexport(ts, e.root);
    }
    int64_t o = off < 0 ? off + (int64_t)blen : off;
    if (ok == -1) raise_err(ts, mod, "offset %lld out of range for %zu-byte buffer", (long long)off, blen);
    else if (ok == -2 && off < 0)
        raise_err(ts, mod, "no space to pack %zu bytes at offset %lld", f->size, (long long)off);
    else if (ok == -2)
        raise_err(ts, mod, "pack_into requires a buffer of at least %zu bytes for packing %zu bytes at offset %lld (actual buffer size is %zu)",
                  f->size + (size_t)o, f->size, (long long)o, blen);
    else r = tr_newref(tr_none);
done:
    free(tmp);
    return r;
}

/* A new bytes packing values[0..nvalues) with `f`. */
static TrObject *do_pack(TrThread *ts, TrObject *mod, Fmt *f, TrObject *const *values, size_t nvalues) {
    if (nvalues != f->nvalues)
        return raise_err(ts, mod, "pack expected %zu items for packing (got %zu)", f->nvalues, nvalues);
    TrObject *r = bytes_alloc(ts, f->size);
    if (!r) return NULL;
    memset(bytes_data(r), 0, f->size);
    if (pack_values(ts, mod, f, values, (unsigned char *)bytes_data(r)) < 0) { tr_decref(r); return NULL; }
    return r;
}

/* unpack (`from` 0: the buffer must be exactly f->size) or unpack_from at `off`. */
static TrObject *do_unpack(TrThread *ts, TrObject *mod, Fmt *f, TrObject *buf, int64_t off, int from) {
    TrBytesView v;
    int rc = bytes_view(ts, buf, &v);
    TrObject *r = NULL;
    if (rc < 0) return NULL;
    if (rc == 0) return err_format(ts, &tr_exc_TypeError, "a bytes-like object is required, not '%T'", buf);
    if (!from) {
        if (v.n != f->size) raise_err(ts, mod, "unpack requires a buffer of %zu bytes", f->size);
        else r = unpack_values(ts, f, (const unsigned char *)v.p);
    } else {
        int64_t o = off;
        if (o < 0) {
            if (o + (int64_t)v.n < 0) {
                raise_err(ts, mod, "offset %lld out of range for %zu-byte buffer", (long long)off, v.n);
                goto rel;
            }
            o += (int64_t)v.n;
        }
        if (off < 0 && v.n - (size_t)o < f->size)
            raise_err(ts, mod, "not enough data to unpack %zu bytes at offset %lld", f->size, (long long)off);
        else if ((uint64_t)o > v.n || v.n - (size_t)o < f->size)
            raise_err(ts, mod, "unpack_from requires a buffer of at least %zu bytes for unpacking %zu bytes at offset %lld (actual buffer size is %zu)",
                      f->size + (size_t)o, f->size, (long long)o, v.n);
        else r = unpack_values(ts, f, (const unsigned char *)v.p + o);
    }
rel:
    bytes_view_release(&v);
    return r;
}

/* iter_unpack: an iterator over a list of the tuples (unpacked eagerly from
 * a snapshot of the buffer, so later writes to it are not seen). */
static TrObject *do_iter_unpack(TrThread *ts, TrObject *mod, Fmt *f, TrObject *buf) {
    TrBytesView v;
    TrObject *r = NULL, *list = NULL;
    int rc = bytes_view(ts, buf, &v);
    if (rc < 0) return NULL;
    if (rc == 0) return err_format(ts, &tr_exc_TypeError, "a bytes-like object is required, not '%T'", buf);
    if (f->size == 0) set_error(ts, mod, "cannot iteratively unpack with a struct of length 0");
    else if (v.n % f->size)
        raise_err(ts, mod, "iterative unpacking requires a buffer of a multiple of %zu bytes", f->size);
    else if ((list = list_new(ts, 0)) != NULL) {
        size_t k;
        for (k = 0; k + f->size <= v.n; k += f->size) {
            TrObject *t = unpack_values(ts, f, (const unsigned char *)v.p + k);
            if (!t || list_append_take(ts, list, t) < 0) break;
        }
        if (k + f->size > v.n) r = tr_iter(ts, list);
        tr_decref(list);
    }
    bytes_view_release(&v);
    return r;
}

/* The offset argument of unpack_from: 0 when absent. */
static int get_offset(TrThread *ts, TrObject *o, int64_t *off) {
    *off = 0;
    return o ? tr_index_i64(ts, o, off) : 0;
}

/* ---- the module functions ---------------------------------------------- */

static TrObject *s_calcsize(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_no_kwargs(ts, "calcsize", kw) < 0) return NULL;
    if (nargs != 1)
        return err_format(ts, &tr_exc_TypeError, "_struct.calcsize() takes exactly one argument (%zu given)", nargs);
    Fmt f;
    if (fmt_parse(ts, self, args[0], &f) < 0) { fmt_free(&f); return NULL; }
    fmt_free(&f);
    return int_from_i64(ts, (int64_t)f.size);
}

static TrObject *s_pack(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_no_kwargs(ts, "pack", kw) < 0) return NULL;
    if (nargs < 1) return err_format(ts, &tr_exc_TypeError, "missing format argument");
    Fmt f;
    if (fmt_parse(ts, self, args[0], &f) < 0) { fmt_free(&f); return NULL; }
    TrObject *r = do_pack(ts, self, &f, args + 1, nargs - 1);
    fmt_free(&f);
    return r;
}

static TrObject *s_pack_into(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_no_kwargs(ts, "pack_into", kw) < 0) return NULL;
    if (nargs < 1) return err_format(ts, &tr_exc_TypeError, "missing format argument");
    if (nargs < 2) return set_error(ts, NULL, "pack_into expected buffer argument"), NULL;
    if (nargs < 3) return set_error(ts, NULL, "pack_into expected offset argument"), NULL;
    Fmt f;
    if (fmt_parse(ts, self, args[0], &f) < 0) { fmt_free(&f); return NULL; }
    TrObject *r = do_pack_into(ts, self, &f, args[1], args[2], args + 3, nargs - 3, "pack_into");
    fmt_free(&f);
    return r;
}

static TrObject *s_unpack(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_no_kwargs(ts, "unpack", kw) < 0 || tr_check_nargs(ts, "unpack", nargs, 2, 2) < 0) return NULL;
    Fmt f;
    if (fmt_parse(ts, self, args[0], &f) < 0) { fmt_free(&f); return NULL; }
    TrObject *r = do_unpack(ts, self, &f, args[1], 0, 0);
    fmt_free(&f);
    return r;
}

static TrObject *s_unpack_from(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    static const char *const names[] = {"format", "buffer", "offset"};
    TrObject *a[3];
    if (args_parse_clinic(ts, "unpack_from", args, nargs, kw, names, 3, 2, 0, a) < 0) return NULL;
    int64_t off;
    if (get_offset(ts, a[2], &off) < 0) return NULL;
    Fmt f;
    if (fmt_parse(ts, self, a[0], &f) < 0) { fmt_free(&f); return NULL; }
    TrObject *r = do_unpack(ts, self, &f, a[1], off, 1);
    fmt_free(&f);
    return r;
}

static TrObject *s_iter_unpack(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_no_kwargs(ts, "iter_unpack", kw) < 0 || tr_check_nargs(ts, "iter_unpack", nargs, 2, 2) < 0) return NULL;
    Fmt f;
    if (fmt_parse(ts, self, args[0], &f) < 0) { fmt_free(&f); return NULL; }
    TrObject *r = do_iter_unpack(ts, self, &f, args[1]);
    fmt_free(&f);
    return r;
}

/* ---- the Struct class -------------------------------------------------- */

/* A compiled format.  Every field is set by struct_new and never changes, so
 * any thread may use the object without a lock. */
typedef struct TrStruct {
    TrObject ob_base;
    TrObject *format;   /* owned: the str given (bytes are decoded as ASCII) */
    Fmt f;              /* `f.it` points into `f.items` or `f.heap` of this object */
} TrStruct;

TrType tr_struct_type;   /* exported for objects/class.c: subclassable */
#define ST(o) ((TrStruct *)(o))

/* The name a repr shows: "Struct", or a subclass's own name. */
static const char *short_name(TrType *t) {
    const char *dot = strrchr(t->name, '.');
    return dot ? dot + 1 : t->name;
}

static TrObject *struct_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kw) {
    static const char *const names[] = {"format"};
    TrObject *a[1];
    if (type != &tr_struct_type && nargs >= 1) {
        /* a subclass's __init__ may take more: only the format is ours */
        a[0] = args[0];
    } else if (args_parse_clinic(ts, "Struct", args, nargs, kw, names, 1, 1, 0, a) < 0) return NULL;
    TrObject *fo = a[0];
    TrObject *mod = NULL;   /* errors go to `error_cls` */
    Fmt f;
    if (fmt_parse(ts, mod, fo, &f) < 0) { fmt_free(&f); return NULL; }
    TrObject *text = str_check(fo) ? tr_newref(fo) : str_from_utf8(ts, bytes_data(fo), bytes_size(fo));
    TrStruct *s = text ? (TrStruct *)tr_alloc(ts, type) : NULL;
    if (!s) { tr_xdecref(text); fmt_free(&f); return NULL; }
    s->format = text;
    s->f = f;
    s->f.it = f.heap ? f.heap : s->f.items;
    return (TrObject *)s;
}

static void struct_dealloc(TrThread *ts, TrObject *o) {
    tr_xdecref(ST(o)->format);
    fmt_free(&ST(o)->f);
    tr_free(o);
}

static TrObject *struct_repr(TrThread *ts, TrObject *o) {
    return str_format(ts, "%s(%R)", short_name(tr_type(o)), ST(o)->format);
}

static TrObject *struct_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    if (str_check(name)) {
        if (str_equal_cstr(name, "format")) return tr_newref(ST(o)->format);
        if (str_equal_cstr(name, "size")) return int_from_i64(ts, (int64_t)ST(o)->f.size);
    }
    return tr_generic_getattr(ts, o, name);
}

static int struct_setattr(TrThread *ts, TrObject *o, TrObject *name, TrObject *value) {
    if (str_check(name) && (str_equal_cstr(name, "format") || str_equal_cstr(name, "size"))) {
        err_format(ts, &tr_exc_AttributeError, "attribute '%S' of '_struct.Struct' objects is not writable", name);
        return -1;
    }
    return tr_generic_setattr(ts, o, name, value);   /* a subclass's instance dict */
}

static TrObject *st_pack(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_no_kwargs(ts, "Struct.pack", kw) < 0) return NULL;
    return do_pack(ts, NULL, &ST(self)->f, args, nargs);
}

static TrObject *st_pack_into(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_no_kwargs(ts, "Struct.pack_into", kw) < 0) return NULL;
    if (nargs < 1) return set_error(ts, NULL, "pack_into expected buffer argument"), NULL;
    if (nargs < 2) return set_error(ts, NULL, "pack_into expected offset argument"), NULL;
    return do_pack_into(ts, NULL, &ST(self)->f, args[0], args[1], args + 2, nargs - 2, "pack_into");
}

static TrObject *st_unpack(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_no_kwargs(ts, "Struct.unpack", kw) < 0) return NULL;
    if (nargs != 1)
        return err_format(ts, &tr_exc_TypeError, "Struct.unpack() takes exactly one argument (%zu given)", nargs);
    return do_unpack(ts, NULL, &ST(self)->f, args[0], 0, 0);
}

static TrObject *st_unpack_from(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    static const char *const names[] = {"buffer", "offset"};
    TrObject *a[2];
    if (args_parse_clinic(ts, "unpack_from", args, nargs, kw, names, 2, 1, 0, a) < 0) return NULL;
    int64_t off;
    if (get_offset(ts, a[1], &off) < 0) return NULL;
    return do_unpack(ts, NULL, &ST(self)->f, a[0], off, 1);
}

static TrObject *st_iter_unpack(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_no_kwargs(ts, "Struct.iter_unpack", kw) < 0) return NULL;
    if (nargs != 1)
        return err_format(ts, &tr_exc_TypeError, "Struct.iter_unpack() takes exactly one argument (%zu given)", nargs);
    return do_iter_unpack(ts, NULL, &ST(self)->f, args[0]);
}

/* Struct.__init__(format): the format was compiled by __new__ and a Struct
 * never changes after (so threads share it without a lock); __init__ only
 * checks its argument, for subclasses that call super().__init__(fmt). */
static TrObject *st_init(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    static const char *const names[] = {"format"};
    TrObject *a[1];
    if (args_parse_clinic(ts, "Struct", args, nargs, kw, names, 1, 1, 0, a) < 0) return NULL;
    if (tr_is_imm(a[0]) || (!str_check(a[0]) && !bytes_check(a[0])))
        return err_format(ts, &tr_exc_TypeError, "Struct() argument 1 must be a str or bytes object, not %T", a[0]);
    return tr_none;
}

static const TrMethodDef struct_methods[] = {
    {"__init__", st_init},
    {"pack", st_pack},
    {"pack_into", st_pack_into},
    {"unpack", st_unpack},
    {"unpack_from", st_unpack_from},
    {"iter_unpack", st_iter_unpack},
    {NULL, NULL},
};

TrType tr_struct_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "_struct.Struct",
    .basicsize = sizeof(TrStruct),
    .flags = TR_TPFLAG_BASETYPE | TR_TPFLAG_WEAKREFABLE,
    .base = &tr_object_type,
    .dealloc = struct_dealloc,
    .repr = struct_repr,
    .getattr = struct_getattr,
    .setattr = struct_setattr,
    .new_ = struct_new,
    .methods = struct_methods,
};

static const TrMethodDef struct_functions[] = {
    {"calcsize", s_calcsize},
    {"iter_unpack", s_iter_unpack},
    {"pack", s_pack},
    {"pack_into", s_pack_into},
    {"unpack", s_unpack},
    {"unpack_from", s_unpack_from},
    {NULL, NULL},
};

TrObject *struct_module_init(TrThread *ts) {
    TrObject *m = module_new(ts, "struct");
    if (!m) return NULL;
    if (module_add_functions(ts, m, struct_functions) < 0) goto fail;
    if (!(tr_struct_type.flags & TR_TPFLAG_READY)) {
        if (type_ready(ts, &tr_struct_type) < 0) goto fail;
        TrObject *modname = str_from_cstr(ts, "_struct");
        if (!modname) goto fail;
        int mrc = dict_set_cstr(ts, tr_struct_type.dict, "__module__", modname);
        tr_decref(modname);
        if (mrc < 0) goto fail;
    }
    if (dict_set_cstr(ts, module_dict(m), "Struct", (TrObject *)&tr_struct_type) < 0) goto fail;
    TrObject *name = str_from_cstr(ts, "error");
    TrObject *bases = tuple_new(ts, 1);
    TrObject *ns = dict_new(ts);
    TrObject *mn = str_from_cstr(ts, "struct");
    TrObject *cls = NULL;
    if (name && bases && ns && mn) {
        tuple_set_take(bases, 0, tr_newref((TrObject *)&tr_exc_Exception));
        if (dict_set_cstr(ts, ns, "__module__", mn) == 0) {
            TrObject *a[3] = {name, bases, ns};
            cls = tr_call(ts, (TrObject *)&tr_type_type, a, 3, NULL);
        }
    }
    tr_xdecref(name); tr_xdecref(bases); tr_xdecref(ns); tr_xdecref(mn);
    if (!cls) goto fail;
    int rc = dict_set_cstr(ts, module_dict(m), "error", cls);
    if (rc == 0 && !error_cls) error_cls = tr_newref(cls);
    tr_decref(cls);
    if (rc < 0) goto fail;
    return m;
fail:
    tr_decref(m);
    return NULL;
}
