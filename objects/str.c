/* objects/str.c: the str type (immutable text, UTF-8 inside, code points
 * outside), its iterator, and its methods except format (objects/format.c).
 *
 * Layout: a TrStr holds `nbytes` of valid UTF-8 plus a NUL, the code-point
 * `length`, and `ascii` (every byte < 0x80).  ASCII strings index in O(1);
 * others scan the UTF-8 from the start (code point order equals UTF-8 byte
 * order, so comparisons are memcmp).  '' and the 128 one-character ASCII
 * strings are interned singletons.
 * Threads: a str is immutable once published.  The only field written later
 * is `hash`, a cache: any thread may compute it and store it with a relaxed
 * store (every thread computes the same value), read with a relaxed load.
 * The iterator's position advances by compare-and-swap, so a shared iterator
 * never yields a character twice.  Nothing here takes a lock.
 * Case mapping and character classes come from the exact character database
 * in objects/unicode_util.h (tables generated from CPython 3.13). */
#define _GNU_SOURCE   /* memmem, memrchr */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#include "torii/str.h"
#include "torii/abstract.h"
#include "torii/error.h"
#include "torii/int.h"
#include "torii/list.h"
#include "torii/tuple.h"
#include "torii/dict.h"
#include "torii/bytes.h"
#include "torii/func.h"
#include "objects/unicode_util.h"

/* ---- hashing ----------------------------------------------------------- */

static inline uint64_t rotl64(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

static inline uint64_t fmix64(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ULL;
    k ^= k >> 33;
    return k;
}

int64_t str_hash_bytes(const char *s, size_t n) {
    const unsigned char *p = (const unsigned char *)s;
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ ((uint64_t)n * 0x87c37b91114253d5ULL);
    while (n >= 8) {
        uint64_t k;
        memcpy(&k, p, 8);
        k *= 0x87c37b91114253d5ULL;
        k = rotl64(k, 31);
        k *= 0x4cf5ad432745937fULL;
        h ^= k;
        h = rotl64(h, 27) * 5 + 0x52dce729;
        p += 8;
        n -= 8;
    }
    uint64_t k = 0;
    for (size_t i = 0; i < n; i++) k |= (uint64_t)p[i] << (8 * i);
    k *= 0x4cf5ad432745937fULL;
    h ^= rotl64(k, 33);
    h = fmix64(h);
    int64_t r = (int64_t)h;
    return r == -1 ? -2 : r;
}

int64_t str_hash(TrObject *o) {
    TrStr *s = (TrStr *)o;
    /* relaxed: the cache is idempotent; racing writers store the same value */
    int64_t h = (int64_t)atomic_load_u64_relaxed((const uint64_t *)&s->hash);
    if (h != -1) return h;
    h = str_hash_bytes(s->data, s->nbytes);
    atomic_store_u64_relaxed((uint64_t *)&s->hash, (uint64_t)h);
    return h;
}

/* ---- construction ------------------------------------------------------ */

/* A fresh str of `nbytes` whose text the caller writes before sharing it,
 * then calls set_props (or sets length/ascii itself). */
static TrStr *str_alloc(TrThread *ts, size_t nbytes) {
    /* the text starts inside sizeof(TrStr)'s tail padding: count from
     * there, so that short strs fit a smaller allocator class */
    TrStr *s = (TrStr *)tr_alloc_var(ts, &tr_str_type, offsetof(TrStr, data) + nbytes + 1);
    if (!s) return NULL;
    s->nbytes = nbytes;
    s->hash = -1;
    s->data[nbytes] = '\0';
    return s;
}

static void set_props(TrStr *s) {
    size_t cont = 0;
    const unsigned char *p = (const unsigned char *)s->data;
    for (size_t i = 0; i < s->nbytes; i++) cont += (p[i] & 0xC0) == 0x80;
    size_t hi = 0;
    for (size_t i = 0; i < s->nbytes && !hi; i++) hi = p[i] >= 0x80;
    s->length = s->nbytes - cont;
    s->ascii = !hi;
}

TrObject *str_from_utf8_fresh(TrThread *ts, const char *s, size_t n) {
    TrStr *r = str_alloc(ts, n);
    if (!r) return NULL;
    if (n) memcpy(r->data, s, n);
    set_props(r);
    return (TrObject *)r;
}

/* Singletons: '' and the ASCII characters, interned on first use.  The cache
 * slots are published with release stores (acquire loads pair with them);
 * two threads racing to fill one get the same interned object. */
static TrObject *empty_str;
static TrObject *char_cache[128];

static TrObject *get_empty(TrThread *ts) {
    TrObject *e = atomic_load_objptr_acquire(&empty_str);
    if (!e) {
        e = str_intern_utf8(ts, "", 0);
        if (!e) return NULL;
        atomic_store_ptr_release(&empty_str, e);
    }
    return e;
}

static TrObject *get_char(TrThread *ts, unsigned char c) {
    TrObject *o = atomic_load_objptr_acquire(&char_cache[c]);
    if (!o) {
        char b = (char)c;
        o = str_intern_utf8(ts, &b, 1);
        if (!o) return NULL;
        atomic_store_ptr_release(&char_cache[c], o);
    }
    return o;
}

TrObject *str_from_utf8(TrThread *ts, const char *s, size_t n) {
    if (n == 0) return get_empty(ts);
    if (n == 1 && (unsigned char)s[0] < 0x80) return get_char(ts, (unsigned char)s[0]);
    return str_from_utf8_fresh(ts, s, n);
}

TrObject *str_from_cstr(TrThread *ts, const char *s) { return str_from_utf8(ts, s, strlen(s)); }

/* A str from text whose code-point length the caller knows. */
static TrObject *str_new_known(TrThread *ts, const char *s, size_t n, size_t length) {
    if (n <= 1) return str_from_utf8(ts, s, n);
    TrStr *r = str_alloc(ts, n);
    if (!r) return NULL;
    memcpy(r->data, s, n);
    r->length = length;
    r->ascii = (length == n);
    return (TrObject *)r;
}

TrObject *str_from_codepoint(TrThread *ts, uint32_t c) {
    if (c < 0x80) return get_char(ts, (unsigned char)c);
    char b[4];
    size_t n = utf8_encode(c, b);
    return str_new_known(ts, b, n, 1);
}

/* str_format: printf-like with %R %S %T (see str.h / err_format). */
static void add_obj(TrThread *ts, TrStrBuf *b, TrObject *o, int repr) {
    TrObject *s = repr ? tr_repr(ts, o) : tr_str(ts, o);
    if (!s) { b->failed = true; return; }
    strbuf_addstr(b, s);
    tr_decref(s);
}

TrObject *str_format(TrThread *ts, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    TrStrBuf b;
    strbuf_init(&b);
    int obj_failed = 0;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            const char *q = p;
            while (q[1] && q[1] != '%') q++;
            strbuf_add(&b, p, (size_t)(q - p + 1));
            p = q;
            continue;
        }
        const char *start = p++;
        while (*p && strchr("-+ #0123456789.", *p)) p++;
        int lng = 0, sz = 0;
        if (*p == 'z') { sz = 1; p++; }
        while (*p == 'l') { lng++; p++; }
        char spec[32];
        size_t sl = (size_t)(p - start + 1);
        if (sl >= sizeof spec) sl = sizeof spec - 1;
        memcpy(spec, start, sl);
        spec[sl] = '\0';
        char tmp[128];
        int n = 0;
        switch (*p) {
        case '%': strbuf_addc(&b, '%'); break;
        case 'R': case 'S': {
            TrObject *o = va_arg(ap, TrObject *);
            if (!b.failed) add_obj(ts, &b, o, *p == 'R');
            if (b.failed && err_occurred(ts)) obj_failed = 1;
            break;
        }
        case 'T': strbuf_adds(&b, tr_type_name(va_arg(ap, TrObject *))); break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (sl == 2) strbuf_adds(&b, s ? s : "(null)");
            else {
                int m = snprintf(NULL, 0, spec, s);
                char *big = malloc((size_t)m + 1);
                if (!big) { b.failed = true; break; }
                snprintf(big, (size_t)m + 1, spec, s);
                strbuf_add(&b, big, (size_t)m);
                free(big);
            }
            break;
        }
        case 'c': n = snprintf(tmp, sizeof tmp, spec, va_arg(ap, int)); break;
        case 'd': case 'i':
            if (sz) n = snprintf(tmp, sizeof tmp, spec, va_arg(ap, ssize_t));
            else if (lng >= 2) n = snprintf(tmp, sizeof tmp, spec, va_arg(ap, long long));
            else if (lng == 1) n = snprintf(tmp, sizeof tmp, spec, va_arg(ap, long));
            else n = snprintf(tmp, sizeof tmp, spec, va_arg(ap, int));
            break;
        case 'u': case 'x': case 'X': case 'o':
            if (sz) n = snprintf(tmp, sizeof tmp, spec, va_arg(ap, size_t));
            else if (lng >= 2) n = snprintf(tmp, sizeof tmp, spec, va_arg(ap, unsigned long long));
            else if (lng == 1) n = snprintf(tmp, sizeof tmp, spec, va_arg(ap, unsigned long));
            else n = snprintf(tmp, sizeof tmp, spec, va_arg(ap, unsigned));
            break;
        case 'p': n = snprintf(tmp, sizeof tmp, spec, va_arg(ap, void *)); break;
        case 'f': case 'g': case 'e': n = snprintf(tmp, sizeof tmp, spec, va_arg(ap, double)); break;
        case '\0': p--; break;
        default: strbuf_add(&b, start, (size_t)(p - start + 1)); break;
        }
        if (n > 0) strbuf_add(&b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
    }
    va_end(ap);
    if (obj_failed) { strbuf_free(&b); return NULL; }
    return strbuf_finish(ts, &b);
}

/* ---- code points and byte offsets ------------------------------------ */

/* Byte offset of code point `i` (0 <= i <= length). */
static size_t cp_offset(TrObject *o, size_t i) {
    const TrStr *s = (const TrStr *)o;
    if (s->ascii) return i;
    if (i >= s->length) return s->nbytes;
    const unsigned char *p = (const unsigned char *)s->data;
    size_t off = 0;
    while (i--) off += utf8_seqlen(p[off]);
    return off;
}

/* Code points in the first `off` bytes. */
static size_t byte_to_cp(TrObject *o, size_t off) {
    const TrStr *s = (const TrStr *)o;
    if (s->ascii) return off;
    const unsigned char *p = (const unsigned char *)s->data;
    size_t n = 0;
    for (size_t i = 0; i < off; i++) n += (p[i] & 0xC0) != 0x80;
    return n;
}

static size_t count_cps(const char *p, size_t n) {
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)p[i] & 0xC0) != 0x80;
    return c;
}

/* A substring by byte range of `o`; returns `o` itself for the whole. */
static TrObject *substr_bytes(TrThread *ts, TrObject *o, size_t from, size_t to) {
    if (from == 0 && to == str_nbytes(o) && tr_isinstance_exact(o, &tr_str_type)) return tr_newref(o);
    const TrStr *s = (const TrStr *)o;
    size_t len = s->ascii ? to - from : count_cps(s->data + from, to - from);
    return str_new_known(ts, s->data + from, to - from, len);
}

static const char *find_bytes(const char *hay, size_t hn, const char *needle, size_t nn) {
    if (nn == 0) return hay;
    if (nn > hn) return NULL;
    if (nn == 1) return memchr(hay, needle[0], hn);
    return memmem(hay, hn, needle, nn);
}

static const char *rfind_bytes(const char *hay, size_t hn, const char *needle, size_t nn) {
    if (nn == 0) return hay + hn;
    if (nn > hn) return NULL;
    if (nn == 1) return memrchr(hay, needle[0], hn);
    for (const char *p = hay + hn - nn;; p--) {
        if (*p == needle[0] && memcmp(p, needle, nn) == 0) return p;
        if (p == hay) return NULL;
    }
}

/* ---- public helpers ---------------------------------------------------- */

int str_equal(TrObject *a, TrObject *b) {
    if (a == b) return 1;
    const TrStr *x = (const TrStr *)a, *y = (const TrStr *)b;
    if (x->nbytes != y->nbytes) return 0;
    if ((atomic_load_u16_relaxed(&a->ob_flags) & atomic_load_u16_relaxed(&b->ob_flags) & TR_FLAG_INTERNED) &&
        tr_isinstance_exact(a, &tr_str_type) && tr_isinstance_exact(b, &tr_str_type))
        return 0;   /* two distinct interned strings never have equal text */
    return memcmp(x->data, y->data, x->nbytes) == 0;
}

int str_equal_cstr(TrObject *a, const char *s) {
    size_t n = strlen(s);
    return str_nbytes(a) == n && memcmp(str_utf8(a), s, n) == 0;
}

TrObject *str_concat(TrThread *ts, TrObject *a, TrObject *b) {
    const TrStr *x = (const TrStr *)a, *y = (const TrStr *)b;
    if (y->nbytes == 0 && tr_isinstance_exact(a, &tr_str_type)) return tr_newref(a);
    if (x->nbytes == 0 && tr_isinstance_exact(b, &tr_str_type)) return tr_newref(b);
    if (x->nbytes + y->nbytes < x->nbytes) return err_nomemory(ts);
    TrStr *r = str_alloc(ts, x->nbytes + y->nbytes);
    if (!r) return NULL;
    memcpy(r->data, x->data, x->nbytes);
    memcpy(r->data + x->nbytes, y->data, y->nbytes);
    r->length = x->length + y->length;
    r->ascii = x->ascii && y->ascii;
    return (TrObject *)r;
}

/* Appends `c` as repr() writes it inside quotes `q`. */
static void repr_char(TrStrBuf *b, uint32_t c, char q, int ascii_only) {
    char tmp[16];
    switch (c) {
    case '\\': strbuf_add(b, "\\\\", 2); return;
    case '\n': strbuf_add(b, "\\n", 2); return;
    case '\r': strbuf_add(b, "\\r", 2); return;
    case '\t': strbuf_add(b, "\\t", 2); return;
    }
    if (c == (uint32_t)q) { strbuf_addc(b, '\\'); strbuf_addc(b, q); return; }
    if (c >= 0x20 && c < 0x7F) { strbuf_addc(b, (char)c); return; }
    if (c >= 0x80 && !ascii_only && uc_isprintable(c)) {
        size_t n = utf8_encode(c, tmp);
        strbuf_add(b, tmp, n);
        return;
    }
    int n;
    if (c < 0x100) n = snprintf(tmp, sizeof tmp, "\\x%02x", c);
    else if (c < 0x10000) n = snprintf(tmp, sizeof tmp, "\\u%04x", c);
    else n = snprintf(tmp, sizeof tmp, "\\U%08x", c);
    strbuf_add(b, tmp, (size_t)n);
}

/* repr(s), or ascii(s) when `ascii_only`. */
static TrObject *repr_impl(TrThread *ts, TrObject *o, int ascii_only) {
    const TrStr *s = (const TrStr *)o;
    bool has_sq = memchr(s->data, '\'', s->nbytes) != NULL;
    bool has_dq = memchr(s->data, '"', s->nbytes) != NULL;
    char q = (has_sq && !has_dq) ? '"' : '\'';
    TrStrBuf b;
    strbuf_init(&b);
    strbuf_reserve(&b, s->nbytes + 2);
    strbuf_addc(&b, q);
    const char *p = s->data, *end = s->data + s->nbytes;
    while (p < end) {
        const char *run = p;
        while (p < end && (unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7F && *p != '\\' && *p != q) p++;
        if (p > run) strbuf_add(&b, run, (size_t)(p - run));
        if (p >= end) break;
        repr_char(&b, utf8_next(&p), q, ascii_only);
    }
    strbuf_addc(&b, q);
    return strbuf_finish(ts, &b);
}

TrObject *str_repr(TrThread *ts, TrObject *s) { return repr_impl(ts, s, 0); }

TrObject *str_ascii(TrThread *ts, TrObject *s) { return repr_impl(ts, s, 1); }

TrObject *str_join(TrThread *ts, TrObject *sep, TrObject *iterable) {
    TrObject **items = NULL;
    size_t n = 0, cap = 0;
    TrObject *seq_tuple = NULL;
    if (tr_isinstance_exact(iterable, &tr_tuple_type)) {
        seq_tuple = iterable;
        n = tuple_size(iterable);
        items = (TrObject **)((TrTuple *)iterable)->items;
    } else {
        TrObject *it = tr_iter(ts, iterable);
        if (!it) {
            if (err_matches(ts, &tr_exc_TypeError)) err_set(ts, &tr_exc_TypeError, "can only join an iterable");
            return NULL;
        }
        for (;;) {
            TrObject *x = tr_next(ts, it);
            if (!x) break;
            if (n == cap) {
                size_t nc = cap ? cap * 2 : 16;
                TrObject **ni = realloc(items, nc * sizeof *ni);
                if (!ni) { tr_decref(x); err_nomemory(ts); break; }
                items = ni;
                cap = nc;
            }
            items[n++] = x;
        }
        tr_decref(it);
        if (err_occurred(ts)) goto error;
    }
    {
        const TrStr *sp = (const TrStr *)sep;
        size_t total = 0, length = 0;
        bool ascii = sp->ascii;
        for (size_t i = 0; i < n; i++) {
            if (!str_check(items[i])) {
                err_format(ts, &tr_exc_TypeError, "sequence item %zu: expected str instance, %T found", i, items[i]);
                goto error;
            }
            const TrStr *x = (const TrStr *)items[i];
            total += x->nbytes;
            length += x->length;
            ascii = ascii && x->ascii;
        }
        if (n == 1 && tr_isinstance_exact(items[0], &tr_str_type)) {
            TrObject *r = tr_newref(items[0]);
            if (!seq_tuple) { tr_decref(items[0]); free(items); }
            return r;
        }
        if (n > 1) {
            total += sp->nbytes * (n - 1);
            length += sp->length * (n - 1);
        }
        TrStr *r = str_alloc(ts, total);
        if (!r) goto error;
        char *w = r->data;
        for (size_t i = 0; i < n; i++) {
            if (i && sp->nbytes) { memcpy(w, sp->data, sp->nbytes); w += sp->nbytes; }
            const TrStr *x = (const TrStr *)items[i];
            memcpy(w, x->data, x->nbytes);
            w += x->nbytes;
        }
        r->length = length;
        r->ascii = ascii;
        if (!seq_tuple) {
            for (size_t i = 0; i < n; i++) tr_decref(items[i]);
            free(items);
        }
        if (total <= 1) {   /* hand out the singleton instead */
            TrObject *s = str_from_utf8(ts, r->data, total);
            tr_decref((TrObject *)r);
            return s;
        }
        return (TrObject *)r;
    }
error:
    if (!seq_tuple) {
        for (size_t i = 0; i < n; i++) tr_decref(items[i]);
        free(items);
    }
    return NULL;
}

/* ---- argument helpers (CPython's wording for each calling convention) - */

static int no_kw(TrThread *ts, const char *name, TrObject *kwnames) {
    if (kwnames && tuple_size(kwnames)) {
        err_format(ts, &tr_exc_TypeError, "str.%s() takes no keyword arguments", name);
        return -1;
    }
    return 0;
}

/* Methods taking no arguments: "str.upper() takes no arguments (1 given)". */
static int no_args(TrThread *ts, const char *name, size_t nargs, TrObject *kwnames) {
    if (no_kw(ts, name, kwnames) < 0) return -1;
    if (nargs) {
        err_format(ts, &tr_exc_TypeError, "str.%s() takes no arguments (%zu given)", name, nargs);
        return -1;
    }
    return 0;
}

/* "str.join() takes exactly one argument (0 given)". */
static int one_arg(TrThread *ts, const char *name, size_t nargs, TrObject *kwnames) {
    if (no_kw(ts, name, kwnames) < 0) return -1;
    if (nargs != 1) {
        err_format(ts, &tr_exc_TypeError, "str.%s() takes exactly one argument (%zu given)", name, nargs);
        return -1;
    }
    return 0;
}

/* "find expected at least 1 argument, got 0". */
static int arg_range(TrThread *ts, const char *name, size_t nargs, TrObject *kwnames, size_t min, size_t max) {
    if (no_kw(ts, name, kwnames) < 0) return -1;
    if (nargs < min) {
        err_format(ts, &tr_exc_TypeError, "%s expected at least %zu argument%s, got %zu", name, min,
                   min == 1 ? "" : "s", nargs);
        return -1;
    }
    if (nargs > max) {
        err_format(ts, &tr_exc_TypeError, "%s expected at most %zu argument%s, got %zu", name, max,
                   max == 1 ? "" : "s", nargs);
        return -1;
    }
    return 0;
}

/* Argument-clinic style with keywords.  `names[i]` is NULL for a
 * positional-only parameter.  Fills out[0..max) with borrowed values or NULL. */
static int kw_args(TrThread *ts, const char *name, TrObject *const *args, size_t nargs, TrObject *kwnames,
                   const char *const *names, size_t min, size_t max, TrObject **out) {
    for (size_t i = 0; i < max; i++) out[i] = NULL;
    if (nargs > max) {
        err_format(ts, &tr_exc_TypeError, "%s() takes at most %zu argument%s (%zu given)", name, max,
                   max == 1 ? "" : "s", nargs + (kwnames ? tuple_size(kwnames) : 0));
        return -1;
    }
    for (size_t i = 0; i < nargs; i++) out[i] = args[i];
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    for (size_t k = 0; k < nkw; k++) {
        TrObject *kn = tuple_get(kwnames, k);
        size_t j = max;
        for (size_t i = 0; i < max; i++)
            if (names[i] && str_equal_cstr(kn, names[i])) { j = i; break; }
        if (j == max) {
            err_format(ts, &tr_exc_TypeError, "%s() got an unexpected keyword argument '%S'", name, kn);
            return -1;
        }
        if (out[j]) {
            err_format(ts, &tr_exc_TypeError, "argument for %s() given by name ('%s') and position (%zu)", name,
                       names[j], j + 1);
            return -1;
        }
        out[j] = args[nargs + k];
    }
    for (size_t i = 0; i < min; i++) {
        if (!out[i]) {
            err_format(ts, &tr_exc_TypeError, "%s() takes at least %zu positional argument%s (%zu given)", name, min,
                       min == 1 ? "" : "s", nargs);
            return -1;
        }
    }
    return 0;
}

/* An integer argument ("'str' object cannot be interpreted as an integer"),
 * clamped to the int64 range. */
static int int_arg(TrThread *ts, TrObject *o, int64_t *out) {
    if (!int_check(o)) {
        err_format(ts, &tr_exc_TypeError, "'%T' object cannot be interpreted as an integer", o);
        return -1;
    }
    int ovf = 0;
    int64_t v = int_as_i64_overflow(o, &ovf);
    if (ovf) v = ovf > 0 ? INT64_MAX : INT64_MIN;
    *out = v;
    return 0;
}

/* A width for center/ljust/rjust/zfill: OverflowError for huge ints. */
static int width_arg(TrThread *ts, TrObject *o, int64_t *out) {
    if (!int_check(o)) {
        err_format(ts, &tr_exc_TypeError, "'%T' object cannot be interpreted as an integer", o);
        return -1;
    }
    int ovf = 0;
    *out = int_as_i64_overflow(o, &ovf);
    if (ovf) {
        err_set(ts, &tr_exc_OverflowError, "Python int too large to convert to C ssize_t");
        return -1;
    }
    return 0;
}

/* Optional start/end arguments (None or int) resolved against `len`, as
 * CPython's ADJUST_INDICES. */
static int slice_arg(TrThread *ts, TrObject *o, int64_t *out) {
    if (!o || o == tr_none) return 0;
    if (!int_check(o)) {
        err_set(ts, &tr_exc_TypeError, "slice indices must be integers or None or have an __index__ method");
        return -1;
    }
    int ovf = 0;
    int64_t v = int_as_i64_overflow(o, &ovf);
    if (ovf) v = ovf > 0 ? INT64_MAX : INT64_MIN;
    *out = v;
    return 0;
}

static int start_end(TrThread *ts, TrObject *so, TrObject *eo, size_t len, int64_t *start, int64_t *end) {
    *start = 0;
    *end = INT64_MAX;
    if (slice_arg(ts, so, start) < 0 || slice_arg(ts, eo, end) < 0) return -1;
    int64_t n = (int64_t)len;
    if (*end > n) *end = n;
    else if (*end < 0) { *end += n; if (*end < 0) *end = 0; }
    if (*start < 0) { *start += n; if (*start < 0) *start = 0; }
    return 0;
}

static int need_str(TrThread *ts, const char *fname, int argno, TrObject *o) {
    if (str_check(o)) return 0;
    err_format(ts, &tr_exc_TypeError, "%s() argument %d must be str, not %T", fname, argno, o);
    return -1;
}

/* ---- slots ------------------------------------------------------------- */

static void str_dealloc(TrThread *ts, TrObject *o) { tr_free(o); }

static TrObject *str_repr_slot(TrThread *ts, TrObject *o) { return repr_impl(ts, o, 0); }

static TrObject *str_str_slot(TrThread *ts, TrObject *o) {
    if (tr_isinstance_exact(o, &tr_str_type)) return tr_newref(o);
    return str_new_known(ts, str_utf8(o), str_nbytes(o), str_length(o));
}

static int64_t str_hash_slot(TrThread *ts, TrObject *o) { return str_hash(o); }

static TrObject *str_richcompare(TrThread *ts, TrObject *a, TrObject *b, int op) {
    if (!str_check(a) || !str_check(b)) return tr_notimplemented;
    if (op == TR_EQ) return tr_bool(str_equal(a, b));
    if (op == TR_NE) return tr_bool(!str_equal(a, b));
    const TrStr *x = (const TrStr *)a, *y = (const TrStr *)b;
    size_t n = x->nbytes < y->nbytes ? x->nbytes : y->nbytes;
    int c = memcmp(x->data, y->data, n);
    if (c == 0) c = (x->nbytes > y->nbytes) - (x->nbytes < y->nbytes);
    switch (op) {
    case TR_LT: return tr_bool(c < 0);
    case TR_LE: return tr_bool(c <= 0);
    case TR_GT: return tr_bool(c > 0);
    default: return tr_bool(c >= 0);
    }
}

static int str_truth(TrThread *ts, TrObject *o) { return str_nbytes(o) != 0; }

static ssize_t str_len(TrThread *ts, TrObject *o) { return (ssize_t)str_length(o); }

static TrObject *str_getitem(TrThread *ts, TrObject *o, TrObject *key) {
    const TrStr *s = (const TrStr *)o;
    if (int_check(key)) {
        int ovf = 0;
        int64_t i = int_as_i64_overflow(key, &ovf);
        if (ovf) {
            err_format(ts, &tr_exc_IndexError, "cannot fit '%T' into an index-sized integer", key);
            return NULL;
        }
        if (i < 0) i += (int64_t)s->length;
        if (i < 0 || i >= (int64_t)s->length) {
            err_set(ts, &tr_exc_IndexError, "string index out of range");
            return NULL;
        }
        if (s->ascii) return get_char(ts, (unsigned char)s->data[i]);
        const char *p = s->data + cp_offset(o, (size_t)i);
        return str_from_codepoint(ts, utf8_next(&p));
    }
    if (tr_isinstance(key, &tr_slice_type)) {
        ssize_t start, stop, step;
        ssize_t n = slice_indices(ts, key, (ssize_t)s->length, &start, &stop, &step);
        if (n < 0) return NULL;
        if (n == 0) return get_empty(ts);
        if (step == 1) {
            size_t a = cp_offset(o, (size_t)start);
            size_t b = s->ascii ? (size_t)stop : a + (cp_offset(o, (size_t)stop) - a);
            return substr_bytes(ts, o, a, b);
        }
        if (s->ascii) {
            TrStr *r = str_alloc(ts, (size_t)n);
            if (!r) return NULL;
            for (ssize_t k = 0, i = start; k < n; k++, i += step) r->data[k] = s->data[i];
            r->length = (size_t)n;
            r->ascii = true;
            return (TrObject *)r;
        }
        /* Non-ASCII with a step: index the code points once. */
        size_t *offs = malloc((s->length + 1) * sizeof *offs);
        if (!offs) return err_nomemory(ts);
        const unsigned char *p = (const unsigned char *)s->data;
        size_t off = 0;
        for (size_t i = 0; i < s->length; i++) { offs[i] = off; off += utf8_seqlen(p[off]); }
        offs[s->length] = off;
        TrStrBuf b;
        strbuf_init(&b);
        for (ssize_t k = 0, i = start; k < n; k++, i += step)
            strbuf_add(&b, s->data + offs[i], offs[i + 1] - offs[i]);
        free(offs);
        return strbuf_finish(ts, &b);
    }
    return err_format(ts, &tr_exc_TypeError, "string indices must be integers, not '%T'", key);
}

static int str_contains(TrThread *ts, TrObject *o, TrObject *item) {
    if (!str_check(item)) {
        err_format(ts, &tr_exc_TypeError, "'in <string>' requires string as left operand, not %T", item);
        return -1;
    }
    return find_bytes(str_utf8(o), str_nbytes(o), str_utf8(item), str_nbytes(item)) != NULL;
}

/* The iterator. */
typedef struct TrStrIter {
    TrObject ob_base;
    TrObject *str;          /* owned; immutable */
    ssize_t pos;            /* byte offset of the next character; advanced by CAS */
} TrStrIter;

static TrObject *str_iter(TrThread *ts, TrObject *o) {
    TrStrIter *it = (TrStrIter *)tr_alloc(ts, &tr_str_iter_type);
    if (!it) return NULL;
    it->str = tr_newref(o);
    it->pos = 0;
    return (TrObject *)it;
}

static void str_iter_dealloc(TrThread *ts, TrObject *o) {
    tr_decref(((TrStrIter *)o)->str);
    tr_free(o);
}

static TrObject *str_iter_next(TrThread *ts, TrObject *o) {
    TrStrIter *it = (TrStrIter *)o;
    const TrStr *s = (const TrStr *)it->str;
    ssize_t pos = atomic_load_ssize_relaxed(&it->pos);
    for (;;) {
        if (pos >= (ssize_t)s->nbytes) return NULL;
        ssize_t n = (ssize_t)utf8_seqlen((unsigned char)s->data[pos]);
        ssize_t seen = atomic_cas_ssize(&it->pos, pos, pos + n);
        if (seen == pos) break;
        pos = seen;   /* another thread took that character */
    }
    if (s->ascii) return get_char(ts, (unsigned char)s->data[pos]);
    const char *p = s->data + pos;
    return str_from_codepoint(ts, utf8_next(&p));
}

static TrObject *str_iter_self(TrThread *ts, TrObject *o) { return tr_newref(o); }

static TrObject *str_iter_length_hint(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                      TrObject *kwnames) {
    TrStrIter *it = (TrStrIter *)self;
    ssize_t pos = atomic_load_ssize_relaxed(&it->pos);
    size_t nb = str_nbytes(it->str);
    size_t left = pos >= (ssize_t)nb ? 0 : count_cps(str_utf8(it->str) + pos, nb - (size_t)pos);
    return int_from_i64(ts, (int64_t)left);
}

static const TrMethodDef str_iter_methods[] = {
    {"__length_hint__", str_iter_length_hint},
    {NULL, NULL},
};

TrType tr_str_iter_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "str_ascii_iterator",
    .basicsize = sizeof(TrStrIter),
    .base = &tr_object_type,
    .dealloc = str_iter_dealloc,
    .iter = str_iter_self,
    .iternext = str_iter_next,
    .methods = str_iter_methods,
};

/* s * n */
static TrObject *str_repeat(TrThread *ts, TrObject *o, int64_t n) {
    const TrStr *s = (const TrStr *)o;
    if (n <= 0 || s->nbytes == 0) return get_empty(ts);
    if (n == 1 && tr_isinstance_exact(o, &tr_str_type)) return tr_newref(o);
    if ((uint64_t)n > (SIZE_MAX / 2) / s->nbytes) return err_nomemory(ts);
    size_t total = s->nbytes * (size_t)n;
    TrStr *r = str_alloc(ts, total);
    if (!r) return NULL;
    if (s->nbytes == 1) memset(r->data, s->data[0], total);
    else {
        memcpy(r->data, s->data, s->nbytes);
        size_t done = s->nbytes;
        while (done < total) {
            size_t chunk = done <= total - done ? done : total - done;
            memcpy(r->data + done, r->data, chunk);
            done += chunk;
        }
    }
    r->length = s->length * (size_t)n;
    r->ascii = s->ascii;
    return (TrObject *)r;
}

static TrObject *str_add(TrThread *ts, TrObject *a, TrObject *b) {
    if (!str_check(a)) return tr_notimplemented;
    if (!str_check(b))
        return err_format(ts, &tr_exc_TypeError, "can only concatenate str (not \"%T\") to str", b);
    return str_concat(ts, a, b);
}

static TrObject *str_mul(TrThread *ts, TrObject *a, TrObject *b) {
    TrObject *s = str_check(a) ? a : b, *n = s == a ? b : a;
    if (!int_check(n))
        return err_format(ts, &tr_exc_TypeError, "can't multiply sequence by non-int of type '%T'", n);
    int ovf = 0;
    int64_t k = int_as_i64_overflow(n, &ovf);
    if (ovf > 0) {
        if (str_nbytes(s) == 0) return get_empty(ts);
        err_format(ts, &tr_exc_OverflowError, "cannot fit 'int' into an index-sized integer");
        return NULL;
    }
    if (ovf < 0) k = 0;
    return str_repeat(ts, s, k);
}

static TrObject *str_mod(TrThread *ts, TrObject *a, TrObject *b) {
    if (!str_check(a)) return tr_notimplemented;
    return str_printf_format(ts, a, b);
}

static const TrNumberSlots str_number = {
    .binop = {
        [TR_BINOP_ADD] = str_add,
        [TR_BINOP_MUL] = str_mul,
        [TR_BINOP_MOD] = str_mod,
    },
};

static TrObject *str_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"object", "encoding", "errors"};
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    if (nargs + nkw > 3) {
        err_format(ts, &tr_exc_TypeError, "str expected at most 3 arguments, got %zu", nargs + nkw);
        return NULL;
    }
    TrObject *a[3];
    if (kw_args(ts, "str", args, nargs, kwnames, names, 0, 3, a) < 0) return NULL;
    TrBytesView bv;
    int isbytes = a[1] || a[2] ? (a[0] ? bytes_view(ts, a[0], &bv) : 0) : 0;
    if (isbytes < 0) return NULL;
    if (isbytes) {   /* str(b, encoding, errors): objects/codecs.c */
        for (int i = 1; i < 3; i++)
            if (a[i] && !str_check(a[i])) {
                bytes_view_release(&bv);
                return err_format(ts, &tr_exc_TypeError, "str() argument '%s' must be str, not %T", names[i], a[i]);
            }
        TrObject *r = codec_decode(ts, bv.p, bv.n, a[1] ? str_utf8(a[1]) : NULL, a[2] ? str_utf8(a[2]) : NULL);
        bytes_view_release(&bv);
        if (!r || type == &tr_str_type) return r;
        a[0] = r;   /* the subclass copy below; `r` is dropped there */
        TrObject *sub = str_new(ts, type, a, 1, NULL);
        tr_decref(r);
        return sub;
    }
    if (a[1] || a[2]) {
        if (a[0] && str_check(a[0])) return err_format(ts, &tr_exc_TypeError, "decoding str is not supported");
        return err_format(ts, &tr_exc_TypeError, "decoding to str: need a bytes-like object, %T found",
                          a[0] ? a[0] : get_empty(ts));
    }
    TrObject *r = a[0] ? tr_str(ts, a[0]) : get_empty(ts);
    if (!r || type == &tr_str_type) return r;
    /* a subclass instance: a copy of the text with the subclass's type */
    TrStr *src = (TrStr *)r;
    TrStr *sub = (TrStr *)tr_alloc_var(ts, type, offsetof(TrStr, data) + src->nbytes + 1);
    if (sub) {
        sub->nbytes = src->nbytes;
        sub->length = src->length;
        sub->ascii = src->ascii;
        sub->hash = -1;
        memcpy(sub->data, src->data, src->nbytes + 1);
    }
    tr_decref(r);
    return (TrObject *)sub;
}

/* ---- methods: searching ------------------------------------------------ */

/* Shared by find/rfind/index/rindex/count: parses (sub[, start[, end]]) and
 * returns the byte window of `self` to search.  -1 on error, 1 if the
 * window is empty in a way that makes every search fail (start > len). */
typedef struct Window { const char *base; size_t from, to; int64_t start, end; } Window;

static int parse_window(TrThread *ts, const char *name, TrObject *self, TrObject *const *args, size_t nargs,
                        TrObject *kwnames, TrObject **sub, Window *w) {
    if (arg_range(ts, name, nargs, kwnames, 1, 3) < 0) return -1;
    if (need_str(ts, name, 1, args[0]) < 0) return -1;
    *sub = args[0];
    if (start_end(ts, nargs > 1 ? args[1] : NULL, nargs > 2 ? args[2] : NULL, str_length(self), &w->start,
                  &w->end) < 0)
        return -1;
    w->base = str_utf8(self);
    if (w->start > (int64_t)str_length(self)) return 1;
    if (w->end < w->start) {
        w->from = w->to = 0;
        return w->end < w->start ? 1 : 0;
    }
    w->from = cp_offset(self, (size_t)w->start);
    w->to = cp_offset(self, (size_t)w->end);
    return 0;
}

static int64_t find_impl(TrThread *ts, const char *name, TrObject *self, TrObject *const *args, size_t nargs,
                         TrObject *kwnames, int reverse, int *err) {
    TrObject *sub;
    Window w;
    *err = 0;
    int r = parse_window(ts, name, self, args, nargs, kwnames, &sub, &w);
    if (r < 0) { *err = 1; return -1; }
    if (r > 0) return -1;
    const char *hay = w.base + w.from;
    size_t hn = w.to - w.from;
    const char *p = reverse ? rfind_bytes(hay, hn, str_utf8(sub), str_nbytes(sub))
                            : find_bytes(hay, hn, str_utf8(sub), str_nbytes(sub));
    if (!p) return -1;
    return (int64_t)byte_to_cp(self, (size_t)(p - w.base));
}

static TrObject *m_find(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    int err;
    int64_t i = find_impl(ts, "find", self, args, nargs, kw, 0, &err);
    return err ? NULL : int_from_i64(ts, i);
}

static TrObject *m_rfind(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    int err;
    int64_t i = find_impl(ts, "rfind", self, args, nargs, kw, 1, &err);
    return err ? NULL : int_from_i64(ts, i);
}

static TrObject *m_index(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    int err;
    int64_t i = find_impl(ts, "index", self, args, nargs, kw, 0, &err);
    if (err) return NULL;
    if (i < 0) return err_format(ts, &tr_exc_ValueError, "substring not found");
    return int_from_i64(ts, i);
}

static TrObject *m_rindex(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    int err;
    int64_t i = find_impl(ts, "rindex", self, args, nargs, kw, 1, &err);
    if (err) return NULL;
    if (i < 0) return err_format(ts, &tr_exc_ValueError, "substring not found");
    return int_from_i64(ts, i);
}

static TrObject *m_count(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    TrObject *sub;
    Window w;
    int r = parse_window(ts, "count", self, args, nargs, kw, &sub, &w);
    if (r < 0) return NULL;
    if (r > 0) return int_from_i64(ts, 0);
    size_t nn = str_nbytes(sub);
    if (nn == 0) return int_from_i64(ts, w.end - w.start + 1);
    const char *p = w.base + w.from, *end = w.base + w.to;
    int64_t c = 0;
    while ((p = find_bytes(p, (size_t)(end - p), str_utf8(sub), nn)) != NULL) { c++; p += nn; }
    return int_from_i64(ts, c);
}

/* startswith/endswith */
static int match_one(TrObject *self, TrObject *sub, const Window *w, int suffix) {
    size_t nn = str_nbytes(sub), hn = w->to - w->from;
    if (w->end - w->start < (int64_t)str_length(sub) || nn > hn) return 0;
    const char *p = suffix ? w->base + w->to - nn : w->base + w->from;
    return memcmp(p, str_utf8(sub), nn) == 0;
}

static TrObject *affix_impl(TrThread *ts, const char *name, TrObject *self, TrObject *const *args, size_t nargs,
                            TrObject *kw, int suffix) {
    if (arg_range(ts, name, nargs, kw, 1, 3) < 0) return NULL;
    TrObject *sub = args[0];
    bool is_tuple = tuple_check(sub);
    if (!is_tuple && !str_check(sub))
        return err_format(ts, &tr_exc_TypeError, "%s first arg must be str or a tuple of str, not %T", name, sub);
    Window w;
    if (start_end(ts, nargs > 1 ? args[1] : NULL, nargs > 2 ? args[2] : NULL, str_length(self), &w.start, &w.end) < 0)
        return NULL;
    w.base = str_utf8(self);
    if (w.start > (int64_t)str_length(self)) {
        if (is_tuple) {
            for (size_t i = 0; i < tuple_size(sub); i++)
                if (!str_check(tuple_get(sub, i)))
                    return err_format(ts, &tr_exc_TypeError, "tuple for %s must only contain str, not %T", name,
                                      tuple_get(sub, i));
        }
        return tr_false;
    }
    if (w.end < w.start) {
        w.from = w.to = 0;
        w.end = w.start - 1;
    } else {
        w.from = cp_offset(self, (size_t)w.start);
        w.to = cp_offset(self, (size_t)w.end);
    }
    if (!is_tuple) return tr_bool(w.end >= w.start && match_one(self, sub, &w, suffix));
    for (size_t i = 0; i < tuple_size(sub); i++) {
        TrObject *x = tuple_get(sub, i);
        if (!str_check(x))
            return err_format(ts, &tr_exc_TypeError, "tuple for %s must only contain str, not %T", name, x);
        if (w.end >= w.start && match_one(self, x, &w, suffix)) return tr_true;
    }
    return tr_false;
}

static TrObject *m_startswith(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    return affix_impl(ts, "startswith", self, args, nargs, kw, 0);
}

static TrObject *m_endswith(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    return affix_impl(ts, "endswith", self, args, nargs, kw, 1);
}

/* ---- methods: splitting and joining ----------------------------------- */

static TrObject *m_join(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (one_arg(ts, "join", nargs, kw) < 0) return NULL;
    return str_join(ts, self, args[0]);
}

/* Parses (sep=None, maxsplit=-1). */
static int split_args(TrThread *ts, const char *name, TrObject *const *args, size_t nargs, TrObject *kw,
                      TrObject **sep, int64_t *maxsplit) {
    static const char *const names[] = {"sep", "maxsplit"};
    TrObject *a[2];
    if (kw_args(ts, name, args, nargs, kw, names, 0, 2, a) < 0) return -1;
    *sep = (a[0] && a[0] != tr_none) ? a[0] : NULL;
    *maxsplit = -1;
    if (*sep && !str_check(*sep)) {
        err_format(ts, &tr_exc_TypeError, "must be str or None, not %T", *sep);
        return -1;
    }
    if (a[1] && int_arg(ts, a[1], maxsplit) < 0) return -1;
    if (*maxsplit < 0) *maxsplit = INT64_MAX;
    if (*sep && str_nbytes(*sep) == 0) {
        err_set(ts, &tr_exc_ValueError, "empty separator");
        return -1;
    }
    return 0;
}

typedef struct Piece { size_t from, to; } Piece;
typedef struct Pieces { Piece *v; size_t n, cap; bool failed; } Pieces;

static void pieces_add(Pieces *ps, size_t from, size_t to) {
    if (ps->failed) return;
    if (ps->n == ps->cap) {
        size_t nc = ps->cap ? ps->cap * 2 : 16;
        Piece *nv = realloc(ps->v, nc * sizeof *nv);
        if (!nv) { ps->failed = true; return; }
        ps->v = nv;
        ps->cap = nc;
    }
    ps->v[ps->n].from = from;
    ps->v[ps->n].to = to;
    ps->n++;
}

/* Builds the list of pieces (in reverse order when `reversed`). */
static TrObject *pieces_list(TrThread *ts, TrObject *self, Pieces *ps, int reversed) {
    if (ps->failed) { free(ps->v); return err_nomemory(ts); }
    TrObject *l = list_new(ts, ps->n);
    if (!l) { free(ps->v); return NULL; }
    for (size_t k = 0; k < ps->n; k++) {
        Piece *p = &ps->v[reversed ? ps->n - 1 - k : k];
        TrObject *s = substr_bytes(ts, self, p->from, p->to);
        if (!s || list_append_take(ts, l, s) < 0) { free(ps->v); tr_decref(l); return NULL; }
    }
    free(ps->v);
    return l;
}

/* Whitespace at `p` (a code point): its byte length, else 0. */
static size_t space_at(const char *p, const char *end) {
    unsigned char c = (unsigned char)*p;
    if (c < 0x80) return uc_isspace(c) ? 1 : 0;
    const char *q = p;
    uint32_t cp = utf8_next(&q);
    (void)end;
    return uc_isspace(cp) ? (size_t)(q - p) : 0;
}

/* Whitespace ending just before `p`: its byte length, else 0. */
static size_t space_before(const char *start, const char *p) {
    const char *q = p - 1;
    while (q > start && ((unsigned char)*q & 0xC0) == 0x80) q--;
    return space_at(q, p) == (size_t)(p - q) ? (size_t)(p - q) : 0;
}

static TrObject *split_impl(TrThread *ts, const char *name, TrObject *self, TrObject *const *args, size_t nargs,
                            TrObject *kw, int right) {
    TrObject *sep;
    int64_t maxsplit;
    if (split_args(ts, name, args, nargs, kw, &sep, &maxsplit) < 0) return NULL;
    const char *s = str_utf8(self);
    size_t n = str_nbytes(self);
    Pieces ps = {0};
    if (!sep) {
        if (!right) {
            size_t i = 0;
            for (;;) {
                size_t k;
                while (i < n && (k = space_at(s + i, s + n))) i += k;
                if (i >= n) break;
                if (maxsplit-- == 0) {   /* the rest, trailing whitespace kept */
                    pieces_add(&ps, i, n);
                    break;
                }
                size_t j = i;
                while (j < n && !space_at(s + j, s + n)) j += utf8_seqlen((unsigned char)s[j]);
                pieces_add(&ps, i, j);
                i = j;
            }
        } else {
            size_t j = n;
            for (;;) {
                size_t k;
                while (j > 0 && (k = space_before(s, s + j))) j -= k;
                if (j == 0) break;
                if (maxsplit-- == 0) {   /* the rest, leading whitespace kept */
                    pieces_add(&ps, 0, j);
                    break;
                }
                size_t i = j;
                while (i > 0 && !space_before(s, s + i)) {
                    i--;
                    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
                }
                pieces_add(&ps, i, j);
                j = i;
            }
        }
        return pieces_list(ts, self, &ps, right);
    }
    const char *sp = str_utf8(sep);
    size_t sn = str_nbytes(sep);
    if (!right) {
        size_t i = 0;
        while (maxsplit-- > 0) {
            const char *f = find_bytes(s + i, n - i, sp, sn);
            if (!f) break;
            pieces_add(&ps, i, (size_t)(f - s));
            i = (size_t)(f - s) + sn;
        }
        pieces_add(&ps, i, n);
    } else {
        size_t j = n;
        while (maxsplit-- > 0) {
            const char *f = rfind_bytes(s, j, sp, sn);
            if (!f) break;
            pieces_add(&ps, (size_t)(f - s) + sn, j);
            j = (size_t)(f - s);
        }
        pieces_add(&ps, 0, j);
    }
    return pieces_list(ts, self, &ps, right);
}

static TrObject *m_split(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    return split_impl(ts, "split", self, args, nargs, kw, 0);
}

static TrObject *m_rsplit(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    return split_impl(ts, "rsplit", self, args, nargs, kw, 1);
}

static TrObject *m_splitlines(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    static const char *const names[] = {"keepends"};
    TrObject *a[1];
    if (kw_args(ts, "splitlines", args, nargs, kw, names, 0, 1, a) < 0) return NULL;
    int keep = 0;
    if (a[0]) {
        if (!int_check(a[0])) {
            err_format(ts, &tr_exc_TypeError, "'%T' object cannot be interpreted as an integer", a[0]);
            return NULL;
        }
        keep = int_sign(a[0]) != 0;
    }
    const char *s = str_utf8(self);
    size_t n = str_nbytes(self), i = 0;
    Pieces ps = {0};
    while (i < n) {
        size_t j = i, eol = 0;
        while (j < n) {
            const char *q = s + j;
            uint32_t c = utf8_next(&q);
            if (uc_islinebreak(c)) {
                eol = (size_t)(q - (s + j));
                if (c == '\r' && j + 1 < n && s[j + 1] == '\n') eol = 2;
                break;
            }
            j = (size_t)(q - s);
        }
        pieces_add(&ps, i, keep ? j + eol : j);
        i = j + eol;
    }
    return pieces_list(ts, self, &ps, 0);
}

static TrObject *partition_impl(TrThread *ts, const char *name, TrObject *self, TrObject *const *args, size_t nargs,
                                TrObject *kw, int right) {
    if (one_arg(ts, name, nargs, kw) < 0) return NULL;
    TrObject *sep = args[0];
    if (!str_check(sep)) return err_format(ts, &tr_exc_TypeError, "must be str, not %T", sep);
    if (str_nbytes(sep) == 0) return err_format(ts, &tr_exc_ValueError, "empty separator");
    const char *s = str_utf8(self);
    size_t n = str_nbytes(self);
    const char *f = right ? rfind_bytes(s, n, str_utf8(sep), str_nbytes(sep))
                          : find_bytes(s, n, str_utf8(sep), str_nbytes(sep));
    TrObject *a, *b, *c;
    if (!f) {
        TrObject *e = get_empty(ts);
        a = right ? e : tr_newref(self);
        b = e;
        c = right ? tr_newref(self) : e;
    } else {
        size_t at = (size_t)(f - s);
        a = substr_bytes(ts, self, 0, at);
        b = tr_newref(sep);
        c = substr_bytes(ts, self, at + str_nbytes(sep), n);
    }
    TrObject *t = (a && b && c) ? tuple_new(ts, 3) : NULL;
    if (!t) {
        tr_xdecref(a); tr_xdecref(b); tr_xdecref(c);
        return NULL;
    }
    tuple_set_take(t, 0, a);
    tuple_set_take(t, 1, b);
    tuple_set_take(t, 2, c);
    return t;
}

static TrObject *m_partition(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    return partition_impl(ts, "partition", self, args, nargs, kw, 0);
}

static TrObject *m_rpartition(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    return partition_impl(ts, "rpartition", self, args, nargs, kw, 1);
}

/* ---- methods: stripping, replacing ------------------------------------- */

static bool in_chars(uint32_t c, TrObject *chars) {
    if (!chars) return uc_isspace(c);
    const char *p = str_utf8(chars), *end = p + str_nbytes(chars);
    if (c < 0x80 && str_length(chars) == str_nbytes(chars)) return memchr(p, (int)c, (size_t)(end - p)) != NULL;
    while (p < end) if (utf8_next(&p) == c) return true;
    return false;
}

static TrObject *strip_impl(TrThread *ts, const char *name, TrObject *self, TrObject *const *args, size_t nargs,
                            TrObject *kw, int left, int right) {
    if (arg_range(ts, name, nargs, kw, 0, 1) < 0) return NULL;
    TrObject *chars = nargs ? args[0] : NULL;
    if (chars == tr_none) chars = NULL;
    if (chars && !str_check(chars)) return err_format(ts, &tr_exc_TypeError, "%s arg must be None or str", name);
    const char *s = str_utf8(self);
    size_t i = 0, j = str_nbytes(self);
    if (left) {
        while (i < j) {
            const char *q = s + i;
            uint32_t c = utf8_next(&q);
            if (!in_chars(c, chars)) break;
            i = (size_t)(q - s);
        }
    }
    if (right) {
        while (j > i) {
            size_t k = j - 1;
            while (k > i && ((unsigned char)s[k] & 0xC0) == 0x80) k--;
            const char *q = s + k;
            if (!in_chars(utf8_next(&q), chars)) break;
            j = k;
        }
    }
    return substr_bytes(ts, self, i, j);
}

static TrObject *m_strip(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    return strip_impl(ts, "strip", self, args, nargs, kw, 1, 1);
}
static TrObject *m_lstrip(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    return strip_impl(ts, "lstrip", self, args, nargs, kw, 1, 0);
}
static TrObject *m_rstrip(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    return strip_impl(ts, "rstrip", self, args, nargs, kw, 0, 1);
}

static TrObject *m_replace(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    static const char *const names[] = {NULL, NULL, "count"};
    TrObject *a[3];
    if (kw_args(ts, "replace", args, nargs, kw, names, 2, 3, a) < 0) return NULL;
    if (need_str(ts, "replace", 1, a[0]) < 0 || need_str(ts, "replace", 2, a[1]) < 0) return NULL;
    int64_t count = -1;
    if (a[2] && int_arg(ts, a[2], &count) < 0) return NULL;
    if (count < 0) count = INT64_MAX;
    TrObject *old = a[0], *rep = a[1];
    const char *s = str_utf8(self), *op = str_utf8(old), *rp = str_utf8(rep);
    size_t n = str_nbytes(self), on = str_nbytes(old), rn = str_nbytes(rep);
    TrStrBuf b;
    strbuf_init(&b);
    if (on == 0) {
        /* insert `rep` before every character and at the end */
        size_t i = 0;
        while (count > 0) {
            strbuf_add(&b, rp, rn);
            count--;
            if (i >= n) break;
            size_t k = utf8_seqlen((unsigned char)s[i]);
            strbuf_add(&b, s + i, k);
            i += k;
        }
        if (i < n) strbuf_add(&b, s + i, n - i);
        return strbuf_finish(ts, &b);
    }
    const char *f = count ? find_bytes(s, n, op, on) : NULL;
    if (!f) { strbuf_free(&b); return str_str_slot(ts, self); }
    size_t i = 0;
    while (f && count-- > 0) {
        strbuf_add(&b, s + i, (size_t)(f - (s + i)));
        strbuf_add(&b, rp, rn);
        i = (size_t)(f - s) + on;
        f = find_bytes(s + i, n - i, op, on);
    }
    strbuf_add(&b, s + i, n - i);
    return strbuf_finish(ts, &b);
}

static TrObject *affix_remove(TrThread *ts, const char *name, TrObject *self, TrObject *const *args, size_t nargs,
                              TrObject *kw, int suffix) {
    if (one_arg(ts, name, nargs, kw) < 0) return NULL;
    TrObject *a = args[0];
    if (!str_check(a)) return err_format(ts, &tr_exc_TypeError, "%s() argument must be str, not %T", name, a);
    size_t n = str_nbytes(self), k = str_nbytes(a);
    if (k <= n && k > 0) {
        const char *p = suffix ? str_utf8(self) + n - k : str_utf8(self);
        if (memcmp(p, str_utf8(a), k) == 0)
            return suffix ? substr_bytes(ts, self, 0, n - k) : substr_bytes(ts, self, k, n);
    }
    return str_str_slot(ts, self);
}

static TrObject *m_removeprefix(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    return affix_remove(ts, "removeprefix", self, args, nargs, kw, 0);
}
static TrObject *m_removesuffix(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    return affix_remove(ts, "removesuffix", self, args, nargs, kw, 1);
}

static TrObject *m_expandtabs(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    static const char *const names[] = {"tabsize"};
    TrObject *a[1];
    if (kw_args(ts, "expandtabs", args, nargs, kw, names, 0, 1, a) < 0) return NULL;
    int64_t tab = 8;
    if (a[0] && int_arg(ts, a[0], &tab) < 0) return NULL;
    const char *s = str_utf8(self), *end = s + str_nbytes(self);
    if (!memchr(s, '\t', str_nbytes(self))) return str_str_slot(ts, self);
    TrStrBuf b;
    strbuf_init(&b);
    int64_t col = 0;
    while (s < end) {
        const char *q = s;
        uint32_t c = utf8_next(&q);
        if (c == '\t') {
            if (tab > 0) {
                int64_t k = tab - col % tab;
                strbuf_addfill(&b, " ", 1, (size_t)k);
                col += k;
            }
        } else {
            strbuf_add(&b, s, (size_t)(q - s));
            col = (c == '\n' || c == '\r') ? 0 : col + 1;
        }
        s = q;
    }
    return strbuf_finish(ts, &b);
}

/* ---- methods: case ------------------------------------------------------ */

enum { CASE_UPPER, CASE_LOWER, CASE_SWAP, CASE_FOLD, CASE_TITLE, CASE_CAPITALIZE };

static void add_cp(TrStrBuf *b, uint32_t c) {
    char tmp[4];
    strbuf_add(b, tmp, utf8_encode(c, tmp));
}

/* Appends the full mapping `which` (UC_MAP_*) of `c`. */
static void add_full(TrStrBuf *b, uint32_t c, int which) {
    uint32_t m[3];
    size_t n = uc_map_full(c, which, m);
    for (size_t i = 0; i < n; i++) add_cp(b, m[i]);
}

/* The lower case of U+03A3 at bytes [at, next) of [start, end): final sigma
 * U+03C2 when a cased character precedes it (case-ignorable ones skipped)
 * and none follows it (likewise), else U+03C3. */
static uint32_t lower_sigma(const char *start, const char *at, const char *next, const char *end) {
    uint32_t c = 0;
    bool found = false;
    const char *q = at;
    while (q > start) {
        do q--; while (q > start && ((unsigned char)*q & 0xC0) == 0x80);
        const char *t = q;
        c = utf8_next(&t);
        if (!uc_iscaseignorable(c)) { found = true; break; }
    }
    if (!found || !uc_iscased(c)) return 0x3C3;
    for (const char *t = next; t < end;) {
        c = utf8_next(&t);
        if (!uc_iscaseignorable(c)) return uc_iscased(c) ? 0x3C3 : 0x3C2;
    }
    return 0x3C2;
}

/* Appends the lower case of `c`, the character at bytes [at, next). */
static void add_lower(TrStrBuf *b, uint32_t c, const char *start, const char *at, const char *next,
                      const char *end) {
    if (c == 0x3A3) add_cp(b, lower_sigma(start, at, next, end));
    else add_full(b, c, UC_MAP_LOWER);
}

static TrObject *case_impl(TrThread *ts, const char *name, TrObject *self, size_t nargs, TrObject *kw, int mode) {
    if (no_args(ts, name, nargs, kw) < 0) return NULL;
    const TrStr *s = (const TrStr *)self;
    if (s->ascii && mode <= CASE_FOLD) {
        TrStr *r = str_alloc(ts, s->nbytes);
        if (!r) return NULL;
        for (size_t i = 0; i < s->nbytes; i++) {
            unsigned char c = (unsigned char)s->data[i];
            bool up = c >= 'A' && c <= 'Z', lo = c >= 'a' && c <= 'z';
            switch (mode) {
            case CASE_UPPER: if (lo) c -= 32; break;
            case CASE_LOWER: case CASE_FOLD: if (up) c += 32; break;
            default: if (lo) c -= 32; else if (up) c += 32; break;
            }
            r->data[i] = (char)c;
        }
        r->length = s->length;
        r->ascii = true;
        if (r->nbytes <= 1) {
            TrObject *x = str_from_utf8(ts, r->data, r->nbytes);
            tr_decref((TrObject *)r);
            return x;
        }
        return (TrObject *)r;
    }
    TrStrBuf b;
    strbuf_init(&b);
    strbuf_reserve(&b, s->nbytes);
    const char *start = s->data, *p = start, *end = p + s->nbytes;
    bool prev_cased = false, first = true;
    while (p < end) {
        const char *at = p;
        uint32_t c = utf8_next(&p);
        switch (mode) {
        case CASE_UPPER: add_full(&b, c, UC_MAP_UPPER); break;
        case CASE_LOWER: add_lower(&b, c, start, at, p, end); break;
        case CASE_FOLD: add_full(&b, c, UC_MAP_FOLD); break;
        case CASE_SWAP:
            if (uc_isupper(c)) add_lower(&b, c, start, at, p, end);
            else if (uc_islower(c)) add_full(&b, c, UC_MAP_UPPER);
            else add_cp(&b, c);
            break;
        case CASE_TITLE:
            if (prev_cased) add_lower(&b, c, start, at, p, end);
            else add_full(&b, c, UC_MAP_TITLE);
            prev_cased = uc_iscased(c);
            break;
        case CASE_CAPITALIZE:
            if (first) add_full(&b, c, UC_MAP_TITLE);
            else add_lower(&b, c, start, at, p, end);
            break;
        }
        first = false;
    }
    return strbuf_finish(ts, &b);
}

static TrObject *m_upper(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    return case_impl(ts, "upper", self, nargs, kw, CASE_UPPER);
}
static TrObject *m_lower(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    return case_impl(ts, "lower", self, nargs, kw, CASE_LOWER);
}
static TrObject *m_swapcase(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    return case_impl(ts, "swapcase", self, nargs, kw, CASE_SWAP);
}
static TrObject *m_casefold(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    return case_impl(ts, "casefold", self, nargs, kw, CASE_FOLD);
}
static TrObject *m_title(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    return case_impl(ts, "title", self, nargs, kw, CASE_TITLE);
}
static TrObject *m_capitalize(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    return case_impl(ts, "capitalize", self, nargs, kw, CASE_CAPITALIZE);
}

/* ---- methods: predicates ---------------------------------------------- */

enum { IS_DIGIT, IS_ALPHA, IS_ALNUM, IS_SPACE, IS_DECIMAL, IS_NUMERIC, IS_ASCII, IS_PRINTABLE };

static bool class_of(uint32_t c, int what) {
    switch (what) {
    case IS_DIGIT: return uc_isdigit(c);
    case IS_ALPHA: return uc_isalpha(c);
    case IS_ALNUM: return uc_isalnum(c);
    case IS_SPACE: return uc_isspace(c);
    case IS_DECIMAL: return uc_isdecimal(c);
    case IS_NUMERIC: return uc_isnumeric(c);
    case IS_ASCII: return c < 0x80;
    default: return uc_isprintable(c);
    }
}

static TrObject *pred_impl(TrThread *ts, const char *name, TrObject *self, size_t nargs, TrObject *kw, int what) {
    if (no_args(ts, name, nargs, kw) < 0) return NULL;
    const char *p = str_utf8(self), *end = p + str_nbytes(self);
    if (p == end) return tr_bool(what == IS_ASCII || what == IS_PRINTABLE);
    while (p < end)
        if (!class_of(utf8_next(&p), what)) return tr_false;
    return tr_true;
}

#define PRED(fn, name, what) \
    static TrObject *fn(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) { \
        return pred_impl(ts, name, self, nargs, kw, what); \
    }
PRED(m_isdigit, "isdigit", IS_DIGIT)
PRED(m_isalpha, "isalpha", IS_ALPHA)
PRED(m_isalnum, "isalnum", IS_ALNUM)
PRED(m_isspace, "isspace", IS_SPACE)
PRED(m_isdecimal, "isdecimal", IS_DECIMAL)
PRED(m_isnumeric, "isnumeric", IS_NUMERIC)
PRED(m_isascii, "isascii", IS_ASCII)
PRED(m_isprintable, "isprintable", IS_PRINTABLE)

static TrObject *m_isupper(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (no_args(ts, "isupper", nargs, kw) < 0) return NULL;
    const char *p = str_utf8(self), *end = p + str_nbytes(self);
    bool cased = false;
    while (p < end) {
        uint32_t c = utf8_next(&p);
        if (uc_islower(c) || uc_istitle(c)) return tr_false;
        if (uc_isupper(c)) cased = true;
    }
    return tr_bool(cased);
}

static TrObject *m_islower(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (no_args(ts, "islower", nargs, kw) < 0) return NULL;
    const char *p = str_utf8(self), *end = p + str_nbytes(self);
    bool cased = false;
    while (p < end) {
        uint32_t c = utf8_next(&p);
        if (uc_isupper(c) || uc_istitle(c)) return tr_false;
        if (uc_islower(c)) cased = true;
    }
    return tr_bool(cased);
}

static TrObject *m_istitle(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (no_args(ts, "istitle", nargs, kw) < 0) return NULL;
    const char *p = str_utf8(self), *end = p + str_nbytes(self);
    bool cased = false, prev_cased = false;
    while (p < end) {
        uint32_t c = utf8_next(&p);
        if (uc_isupper(c) || uc_istitle(c)) {
            if (prev_cased) return tr_false;
            prev_cased = cased = true;
        } else if (uc_islower(c)) {
            if (!prev_cased) return tr_false;
            prev_cased = cased = true;
        } else {
            prev_cased = false;
        }
    }
    return tr_bool(cased);
}

static TrObject *m_isidentifier(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (no_args(ts, "isidentifier", nargs, kw) < 0) return NULL;
    const char *p = str_utf8(self), *end = p + str_nbytes(self);
    if (p == end) return tr_false;
    uint32_t c = utf8_next(&p);
    if (!uc_isidstart(c)) return tr_false;
    while (p < end) {
        c = utf8_next(&p);
        if (!uc_isidcontinue(c)) return tr_false;
    }
    return tr_true;
}

/* ---- methods: padding -------------------------------------------------- */

static TrObject *pad(TrThread *ts, TrObject *self, size_t left, size_t right, const char *fill, size_t fn) {
    if (left == 0 && right == 0) return str_str_slot(ts, self);
    TrStrBuf b;
    strbuf_init(&b);
    strbuf_reserve(&b, str_nbytes(self) + (left + right) * fn);
    strbuf_addfill(&b, fill, fn, left);
    strbuf_addstr(&b, self);
    strbuf_addfill(&b, fill, fn, right);
    return strbuf_finish(ts, &b);
}

static TrObject *just_impl(TrThread *ts, const char *name, TrObject *self, TrObject *const *args, size_t nargs,
                           TrObject *kw, int mode) {
    if (arg_range(ts, name, nargs, kw, 1, 2) < 0) return NULL;
    int64_t width;
    if (width_arg(ts, args[0], &width) < 0) return NULL;
    const char *fill = " ";
    size_t fn = 1;
    if (nargs > 1) {
        if (!str_check(args[1]))
            return err_format(ts, &tr_exc_TypeError, "The fill character must be a unicode character, not %T",
                              args[1]);
        if (str_length(args[1]) != 1)
            return err_format(ts, &tr_exc_TypeError, "The fill character must be exactly one character long");
        fill = str_utf8(args[1]);
        fn = str_nbytes(args[1]);
    }
    int64_t len = (int64_t)str_length(self);
    if (width <= len) return str_str_slot(ts, self);
    size_t padn = (size_t)(width - len), left;
    if (mode == 0) left = 0;
    else if (mode == 1) left = padn;
    else left = padn / 2 + (padn & (size_t)width & 1);
    return pad(ts, self, left, padn - left, fill, fn);
}

static TrObject *m_ljust(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    return just_impl(ts, "ljust", self, args, nargs, kw, 0);
}
static TrObject *m_rjust(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    return just_impl(ts, "rjust", self, args, nargs, kw, 1);
}
static TrObject *m_center(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    return just_impl(ts, "center", self, args, nargs, kw, 2);
}

static TrObject *m_zfill(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (one_arg(ts, "zfill", nargs, kw) < 0) return NULL;
    int64_t width;
    if (width_arg(ts, args[0], &width) < 0) return NULL;
    int64_t len = (int64_t)str_length(self);
    if (width <= len) return str_str_slot(ts, self);
    const char *s = str_utf8(self);
    size_t n = str_nbytes(self);
    TrStrBuf b;
    strbuf_init(&b);
    size_t skip = 0;
    if (n && (s[0] == '+' || s[0] == '-')) { strbuf_addc(&b, s[0]); skip = 1; }
    strbuf_addfill(&b, "0", 1, (size_t)(width - len));
    strbuf_add(&b, s + skip, n - skip);
    return strbuf_finish(ts, &b);
}

/* ---- methods: translate ------------------------------------------------ */

static TrObject *m_translate(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (one_arg(ts, "translate", nargs, kw) < 0) return NULL;
    TrObject *table = args[0];
    const char *p = str_utf8(self), *end = p + str_nbytes(self);
    TrStrBuf b;
    strbuf_init(&b);
    while (p < end) {
        const char *start = p;
        uint32_t c = utf8_next(&p);
        TrObject *key = int_from_i64(ts, c);
        if (!key) goto error;
        TrObject *v = tr_getitem(ts, table, key);
        tr_decref(key);
        if (!v) {
            if (!err_matches(ts, &tr_exc_LookupError)) goto error;
            err_clear(ts);
            strbuf_add(&b, start, (size_t)(p - start));
            continue;
        }
        if (v == tr_none) {
            /* deleted */
        } else if (str_check(v)) {
            strbuf_addstr(&b, v);
        } else if (int_check(v)) {
            int ovf = 0;
            int64_t x = int_as_i64_overflow(v, &ovf);
            if (ovf || x < 0 || x > 0x10FFFF) {
                tr_decref(v);
                err_set(ts, &tr_exc_ValueError, "character mapping must be in range(0x110000)");
                goto error;
            }
            add_cp(&b, (uint32_t)x);
        } else {
            tr_decref(v);
            err_set(ts, &tr_exc_TypeError, "character mapping must return integer, None or str");
            goto error;
        }
        tr_decref(v);
    }
    return strbuf_finish(ts, &b);
error:
    strbuf_free(&b);
    return NULL;
}

/* str.maketrans(x[, y[, z]]): a static method (see str_type_init), so `self`
 * is ignored.  A new dict mapping code points to code points, str or None. */
static TrObject *m_maketrans(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (arg_range(ts, "maketrans", nargs, kw, 1, 3) < 0) return NULL;
    TrObject *d = dict_new(ts);
    if (!d) return NULL;
    if (nargs == 1) {
        if (!dict_check(args[0])) {
            err_set(ts, &tr_exc_TypeError, "if you give only one argument to maketrans it must be a dict");
            goto error;
        }
        size_t pos = 0;
        TrObject *k, *v;
        while (dict_next(ts, args[0], &pos, &k, &v)) {
            TrObject *key = NULL;
            if (str_check(k)) {
                if (str_length(k) != 1) {
                    err_set(ts, &tr_exc_ValueError, "string keys in translate table must be of length 1");
                } else {
                    const char *q = str_utf8(k);
                    key = int_from_i64(ts, utf8_next(&q));
                }
            } else if (int_check(k)) {
                key = tr_newref(k);
            } else {
                err_set(ts, &tr_exc_TypeError, "keys in translate table must be strings or integers");
            }
            int r = key ? dict_set(ts, d, key, v) : -1;
            tr_xdecref(key);
            tr_decref(k);
            tr_decref(v);
            if (r < 0) goto error;
        }
        return d;
    }
    if (!str_check(args[0])) {
        err_set(ts, &tr_exc_TypeError, "first maketrans argument must be a string if there is a second argument");
        goto error;
    }
    for (size_t i = 1; i < nargs; i++)
        if (!str_check(args[i])) {
            err_format(ts, &tr_exc_TypeError, "maketrans() argument %zu must be str, not %T", i + 1, args[i]);
            goto error;
        }
    if (str_length(args[0]) != str_length(args[1])) {
        err_set(ts, &tr_exc_ValueError, "the first two maketrans arguments must have equal length");
        goto error;
    }
    const char *x = str_utf8(args[0]), *y = str_utf8(args[1]), *xend = x + str_nbytes(args[0]);
    while (x < xend) {
        TrObject *k = int_from_i64(ts, utf8_next(&x));
        TrObject *v = k ? int_from_i64(ts, utf8_next(&y)) : NULL;
        int r = v ? dict_set(ts, d, k, v) : -1;
        tr_xdecref(k);
        tr_xdecref(v);
        if (r < 0) goto error;
    }
    if (nargs == 3) {
        const char *z = str_utf8(args[2]), *zend = z + str_nbytes(args[2]);
        while (z < zend) {
            TrObject *k = int_from_i64(ts, utf8_next(&z));
            int r = k ? dict_set(ts, d, k, tr_none) : -1;
            tr_xdecref(k);
            if (r < 0) goto error;
        }
    }
    return d;
error:
    tr_decref(d);
    return NULL;
}

/* Readies what the method table cannot hold: the static method maketrans. */
int str_type_init(TrThread *ts) {
    TrObject *f = cfunction_new(ts, "maketrans", m_maketrans, (TrObject *)&tr_str_type);
    if (!f) return -1;
    tr_make_immortal(f);
    int r = dict_set_cstr(ts, tr_str_type.dict, "maketrans", f);
    tr_decref(f);
    return r;
}

static TrObject *m_format(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    return str_format_method(ts, self, args, nargs, kw);
}

static TrObject *m_format_map(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (no_kw(ts, "format_map", kw) < 0) return NULL;
    if (nargs != 1)
        return err_format(ts, &tr_exc_TypeError, "str.format_map() takes exactly one argument (%zu given)", nargs);
    return str_format_map(ts, self, args[0]);
}

static TrObject *m_format_dunder(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (no_kw(ts, "__format__", kw) < 0) return NULL;
    if (nargs != 1)
        return err_format(ts, &tr_exc_TypeError, "__format__ expected 1 argument, got %zu", nargs);
    if (!str_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "__format__() argument must be str, not %T", args[0]);
    return tr_format(ts, self, args[0]);
}

static TrObject *m_getnewargs(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (no_args(ts, "__getnewargs__", nargs, kw) < 0) return NULL;
    TrObject *s = str_str_slot(ts, self);
    if (!s) return NULL;
    TrObject *t = tuple_from_array(ts, &s, 1);
    tr_decref(s);
    return t;
}

/* str.encode(encoding='utf-8', errors='strict'): objects/codecs.c. */
static TrObject *m_encode(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    const char *enc, *errs;
    if (codec_args(ts, "encode", args, nargs, kw, &enc, &errs) < 0) return NULL;
    return codec_encode(ts, self, enc, errs);
}

static const TrMethodDef str_methods[] = {
    {"encode", m_encode},
    {"join", m_join},
    {"split", m_split},
    {"rsplit", m_rsplit},
    {"splitlines", m_splitlines},
    {"strip", m_strip},
    {"lstrip", m_lstrip},
    {"rstrip", m_rstrip},
    {"replace", m_replace},
    {"find", m_find},
    {"rfind", m_rfind},
    {"index", m_index},
    {"rindex", m_rindex},
    {"count", m_count},
    {"startswith", m_startswith},
    {"endswith", m_endswith},
    {"upper", m_upper},
    {"lower", m_lower},
    {"capitalize", m_capitalize},
    {"title", m_title},
    {"swapcase", m_swapcase},
    {"casefold", m_casefold},
    {"isdigit", m_isdigit},
    {"isalpha", m_isalpha},
    {"isalnum", m_isalnum},
    {"isspace", m_isspace},
    {"isupper", m_isupper},
    {"islower", m_islower},
    {"isidentifier", m_isidentifier},
    {"isdecimal", m_isdecimal},
    {"isnumeric", m_isnumeric},
    {"isascii", m_isascii},
    {"isprintable", m_isprintable},
    {"istitle", m_istitle},
    {"center", m_center},
    {"ljust", m_ljust},
    {"rjust", m_rjust},
    {"zfill", m_zfill},
    {"partition", m_partition},
    {"rpartition", m_rpartition},
    {"format", m_format},
    {"format_map", m_format_map},
    {"__format__", m_format_dunder},
    {"__getnewargs__", m_getnewargs},
    {"expandtabs", m_expandtabs},
    {"removeprefix", m_removeprefix},
    {"removesuffix", m_removesuffix},
    {"translate", m_translate},
    {NULL, NULL},
};

TrType tr_str_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "str",
    .basicsize = sizeof(TrStr),
    .flags = TR_TPFLAG_BASETYPE,
    .base = &tr_object_type,
    .dealloc = str_dealloc,
    .repr = str_repr_slot,
    .str = str_str_slot,
    .hash = str_hash_slot,
    .richcompare = str_richcompare,
    .truth = str_truth,
    .len = str_len,
    .getitem = str_getitem,
    .contains = str_contains,
    .iter = str_iter,
    .new_ = str_new,
    .number = &str_number,
    .methods = str_methods,
};
