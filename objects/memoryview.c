/* objects/memoryview.c: the memoryview type, a typed window on the bytes of
 * an exporter (bytes, bytearray, io.BytesIO) without copying them.
 *
 * A view is (root exporter, byte offset, item format, shape, strides).  Slices
 * and casts of a view are new views of the same root.  Slicing gives 1-D
 * views with any stride; cast() needs a C-contiguous view and gives a
 * C-contiguous one of up to 64 dimensions, so every view with ndim > 1 is
 * contiguous and only 1-D views can be strided.
 *
 * Exports: a view of a mutable exporter (the TrByteArray layout: bytearray,
 * BytesIO or mmap) counts one in the exporter's `exports` from creation until it
 * is released (release(), `with`, or dealloc); while any are counted the
 * exporter refuses to resize, so `data` and `size` stay put and every view's
 * bounds stay valid.
 *
 * Threads: a view's fields are set at creation and never change, except
 * `released` (0 -> 1 once) and the `hash` cache.  For a mutable exporter
 * `released` is set, and `exports` decremented, under the exporter's lock;
 * every read or write of the exporter's bytes happens under that lock after
 * checking `released`, so a concurrent release or resize can never leave a
 * reader on freed memory.  Values are converted (Python code may run:
 * __index__, __float__) before the lock is taken.  A bytes exporter is
 * immutable and stays alive as long as the view: no lock.
 * Lock order: only the exporter's lock, never with another held. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "torii/iter.h"
#include "torii/memoryview.h"
#include "torii/array.h"
#include "objects/bytes_ops.h"
#include "objects/containers.h"
#include "stdlib/stdlib.h"

#define MAXDIM 64

typedef struct TrMemView {
    TrObject ob_base;
    TrObject *obj;        /* owned: the root exporter, kept until dealloc */
    bool locked;          /* `obj` has the TrByteArray layout: touch its bytes under its lock */
    bool readonly;
    uint32_t released;    /* 0 -> 1 once; atomic (set under the exporter's lock when `locked`) */
    int itemsize;
    char fmt[3];          /* as given to cast(): "B", "@H" */
    int ndim;
    ssize_t offset;       /* of item 0 in the exporter's bytes */
    int64_t hash;         /* -1 until computed; relaxed atomic */
    ssize_t dims[];       /* shape[0..ndim), then strides[0..ndim) */
} TrMemView;

#define MV(o) ((TrMemView *)(o))
#define SHAPE(m) ((m)->dims)
#define STRIDES(m) ((m)->dims + (m)->ndim)
#define BA(o) ((TrByteArray *)(o))

/* ---- helpers ---------------------------------------------------------- */

static bool is_released(TrMemView *m) { return atomic_load_u32_relaxed(&m->released) != 0; }

static void *released_error(TrThread *ts) {
    return err_set(ts, &tr_exc_ValueError, "operation forbidden on released memoryview object"), NULL;
}

/* The format's letter, past an optional '@'. */
static char fmt_char(const TrMemView *m) { return m->fmt[0] == '@' ? m->fmt[1] : m->fmt[0]; }

static int native_size(char c) {
    switch (c) {
    case 'c': case 'b': case 'B': case '?': return 1;
    case 'h': case 'H': case 'e': return 2;
    case 'i': case 'I': case 'f': return 4;
    case 'l': case 'L': case 'q': case 'Q': case 'n': case 'N': case 'd': case 'P': return 8;
    default: return 0;
    }
}

static bool byte_format(char c) { return c == 'B' || c == 'b' || c == 'c'; }

static size_t item_count(const TrMemView *m) {
    size_t n = 1;
    for (int i = 0; i < m->ndim; i++) n *= (size_t)SHAPE(m)[i];
    return n;
}

static size_t nbytes(const TrMemView *m) { return item_count(m) * (size_t)m->itemsize; }

static bool c_contiguous(const TrMemView *m) {
    ssize_t want = m->itemsize;
    for (int i = m->ndim - 1; i >= 0; i--) {
        if (SHAPE(m)[i] == 0) return true;
        if (SHAPE(m)[i] > 1 && STRIDES(m)[i] != want) return false;
        want *= SHAPE(m)[i];
    }
    return true;
}

static bool f_contiguous(const TrMemView *m) {
    ssize_t want = m->itemsize;
    for (int i = 0; i < m->ndim; i++) {
        if (SHAPE(m)[i] == 0) return true;
        if (SHAPE(m)[i] > 1 && STRIDES(m)[i] != want) return false;
        want *= SHAPE(m)[i];
    }
    return true;
}

/* The exporter's bytes: for a locked exporter, valid only under its lock. */
static const char *base_of(TrMemView *m) { return m->locked ? BA(m->obj)->data : bytes_data(m->obj); }

/* Copies every item of `m` (C order) from exporter bytes `d` into `out`. */
static void copy_out(const TrMemView *m, const char *d, char *out) {
    size_t nb = nbytes(m);
    if (nb == 0) return;
    if (m->ndim != 1 || STRIDES(m)[0] == m->itemsize) { memcpy(out, d + m->offset, nb); return; }
    for (ssize_t i = 0; i < SHAPE(m)[0]; i++)
        memcpy(out + (size_t)i * (size_t)m->itemsize, d + m->offset + i * STRIDES(m)[0], (size_t)m->itemsize);
}

/* The bytes of `m` in C order as a malloc'd copy.  0, or -1 (released, MemoryError). */
static int gather(TrThread *ts, TrMemView *m, char **out, size_t *n) {
    size_t nb = nbytes(m);
    char *buf = malloc(nb ? nb : 1);
    if (!buf) { err_nomemory(ts); return -1; }
    bool dead;
    if (m->locked) {
        TR_BEGIN_CRITICAL(ts, m->obj);
        dead = is_released(m);
        if (!dead) copy_out(m, base_of(m), buf);
        TR_END_CRITICAL(ts);
    } else {
        dead = is_released(m);
        if (!dead) copy_out(m, base_of(m), buf);
    }
    if (dead) { free(buf); released_error(ts); return -1; }
    *out = buf;
    *n = nb;
    return 0;
}

/* Writes `count` items from `src` to byte offsets first, first+step, ...  -1 if released. */
static int scatter(TrThread *ts, TrMemView *m, ssize_t first, ssize_t step, ssize_t count, const char *src) {
    bool dead;
    TR_BEGIN_CRITICAL(ts, m->obj);   /* writable views are always of a locked exporter */
    dead = is_released(m);
    if (!dead) {
        char *d = BA(m->obj)->data;
        for (ssize_t i = 0; i < count; i++)
            memcpy(d + first + i * step, src + (size_t)i * (size_t)m->itemsize, (size_t)m->itemsize);
    }
    TR_END_CRITICAL(ts);
    if (dead) { released_error(ts); return -1; }
    return 0;
}

/* A new view of `root` with the given layout; counts one export on a locked
 * root unless `parent` (whose root it is) was released meanwhile. */
static TrObject *make(TrThread *ts, TrMemView *parent, TrObject *root, bool locked, bool readonly,
                      const char *fmt, int itemsize, int ndim, ssize_t offset,
                      const ssize_t *shape, const ssize_t *strides) {
    TrMemView *m = (TrMemView *)tr_alloc_var(ts, &tr_memview_type, sizeof(TrMemView) + 2 * (size_t)ndim * sizeof(ssize_t));
    if (!m) return NULL;
    m->obj = tr_newref(root);
    m->locked = locked;
    m->readonly = readonly;
    m->itemsize = itemsize;
    snprintf(m->fmt, sizeof m->fmt, "%s", fmt);
    m->ndim = ndim;
    m->offset = offset;
    m->hash = -1;
    memcpy(SHAPE(m), shape, (size_t)ndim * sizeof(ssize_t));
    memcpy(STRIDES(m), strides, (size_t)ndim * sizeof(ssize_t));
    bool dead = false;
    if (locked) {
        TR_BEGIN_CRITICAL(ts, root);
        dead = parent && is_released(parent);
        if (!dead) BA(root)->exports++;
        TR_END_CRITICAL(ts);
    } else {
        dead = parent && is_released(parent);
    }
    if (dead) {
        m->released = 1;   /* nothing counted: dealloc must not uncount */
        tr_decref((TrObject *)m);
        return released_error(ts);
    }
    return (TrObject *)m;
}

static TrObject *derive(TrThread *ts, TrMemView *p, bool readonly, const char *fmt, int itemsize, int ndim,
                        ssize_t offset, const ssize_t *shape, const ssize_t *strides) {
    return make(ts, p, p->obj, p->locked, readonly, fmt, itemsize, ndim, offset, shape, strides);
}

static void release(TrThread *ts, TrMemView *m) {
    if (m->locked) {
        TR_BEGIN_CRITICAL(ts, m->obj);
        if (!m->released) {
            atomic_store_u32_relaxed(&m->released, 1);
            BA(m->obj)->exports--;
        }
        TR_END_CRITICAL(ts);
    } else {
        atomic_store_u32_relaxed(&m->released, 1);
    }
}

/* ---- items ------------------------------------------------------------ */

static double half_to_double(uint16_t h) {
    int e = (h >> 10) & 0x1f, f = h & 0x3ff;
    double v = e == 0 ? ldexp(f, -24) : e == 31 ? (f ? NAN : INFINITY) : ldexp(f + 1024, e - 25);
    return (h & 0x8000) ? -v : v;
}

static int double_to_half(double x, uint16_t *out) {
    uint16_t sign = signbit(x) ? 0x8000 : 0;
    double a = fabs(x);
    if (isnan(x)) { *out = sign | 0x7e00; return 0; }
    if (isinf(x)) { *out = sign | 0x7c00; return 0; }
    int e;
    double m = frexp(a, &e);   /* a = m * 2^e, m in [0.5, 1) */
    if (a == 0) { *out = sign; return 0; }
    if (e > 16) return -1;
    if (e < -13) {   /* subnormal: units of 2^-24 */
        double u = nearbyint(ldexp(a, 24));
        *out = sign | (uint16_t)u;
        return 0;
    }
    double u = nearbyint(ldexp(m, 11));   /* 1024..2048 */
    if (u == 2048) { u = 1024; e++; }
    if (e > 16) return -1;
    *out = sign | (uint16_t)((e + 14) << 10) | (uint16_t)((int)u - 1024);
    return 0;
}

/* NotImplementedError for a format whose items a view cannot convert (the
 * 'w' of an exported array.array('u'/'w')); its bytes are still reachable. */
static void *unsupported_format(TrThread *ts, char c) {
    err_format(ts, &tr_exc_NotImplementedError, "memoryview: format %c not supported", c);
    return NULL;
}

/* The value of one item of format `c` at `p`.  New reference or NULL. */
static TrObject *unpack(TrThread *ts, char c, const char *p) {
    union { int8_t i8; uint8_t u8; int16_t i16; uint16_t u16; int32_t i32; uint32_t u32;
            int64_t i64; uint64_t u64; float f; double d; } u;
    if (!native_size(c)) return unsupported_format(ts, c);   /* array.array('w'): bytes only */
    memcpy(&u, p, (size_t)native_size(c));
    switch (c) {
    case 'c': return bytes_from(ts, p, 1);
    case 'b': return tr_imm_from(u.i8);
    case 'B': return tr_imm_from(u.u8);
    case '?': return tr_bool(u.u8 != 0);
    case 'h': return tr_imm_from(u.i16);
    case 'H': return tr_imm_from(u.u16);
    case 'i': return tr_imm_from(u.i32);
    case 'I': return tr_imm_from(u.u32);
    case 'l': case 'q': case 'n': return int_from_i64(ts, u.i64);
    case 'L': case 'Q': case 'N': case 'P': return int_from_u64(ts, u.u64);
    case 'f': return float_new(ts, u.f);
    case 'e': return float_new(ts, half_to_double(u.u16));
    default: return float_new(ts, u.d);
    }
}

static void *invalid(TrThread *ts, TrType *exc, const char *what, char c) {
    err_format(ts, exc, "memoryview: invalid %s for format '%c'", what, c);
    return NULL;
}

/* Converts `v` to one item of format `c` in `out`.  0 or -1 (TypeError
 * "invalid type", ValueError "invalid value"). */
static int pack(TrThread *ts, char c, TrObject *v, char *out) {
    union { int8_t i8; uint8_t u8; int16_t i16; uint16_t u16; int32_t i32; uint32_t u32;
            int64_t i64; uint64_t u64; float f; double d; } u;
    int size = native_size(c);
    if (!size) return unsupported_format(ts, c), -1;
    if (c == 'c') {
        if (tr_is_imm(v) || tr_type(v) != &tr_bytes_type) return invalid(ts, &tr_exc_TypeError, "type", c), -1;
        if (bytes_size(v) != 1) return invalid(ts, &tr_exc_ValueError, "value", c), -1;
        *out = bytes_data(v)[0];
        return 0;
    }
    if (c == '?') {
        int t = tr_is_true(ts, v);
        if (t < 0) return -1;
        *out = (char)t;
        return 0;
    }
    if (c == 'f' || c == 'd' || c == 'e') {
        double x;
        if (float_check(v)) x = float_value(v);
        else if (int_check(v)) {
            x = int_as_double(ts, v);
            if (x == -1.0 && err_occurred(ts)) return -1;
        } else if (!tr_is_imm(v) && tr_type(v)->number && tr_type(v)->number->to_float) {
            x = float_as_double(ts, v);
            if (x == -1.0 && err_occurred(ts)) return -1;
        } else return invalid(ts, &tr_exc_TypeError, "type", c), -1;
        if (c == 'd') u.d = x;
        else if (c == 'f') {
            if (isfinite(x) && fabs(x) > 3.4028234663852886e38) return invalid(ts, &tr_exc_ValueError, "value", c), -1;
            u.f = (float)x;
        } else if (double_to_half(x, &u.u16) < 0) return invalid(ts, &tr_exc_ValueError, "value", c), -1;
        memcpy(out, &u, (size_t)size);
        return 0;
    }
    int64_t x;
    int r = index_like(ts, v, &x);
    bool big = false;
    if (r < 0) {
        if (!err_matches(ts, &tr_exc_IndexError)) return -1;
        err_clear(ts);   /* too big for int64: maybe an unsigned 64-bit value */
        big = true;
    } else if (r == 0) return invalid(ts, &tr_exc_TypeError, "type", c), -1;
    bool is_unsigned = c == 'B' || c == 'H' || c == 'I' || c == 'L' || c == 'Q' || c == 'N' || c == 'P';
    if (big) {
        if (!is_unsigned || size != 8 || int_sign(v) < 0) return invalid(ts, &tr_exc_ValueError, "value", c), -1;
        TrObject *mask = int_from_u64(ts, UINT64_MAX);
        if (!mask) return -1;
        int le = int_compare(v, mask) <= 0;
        tr_decref(mask);
        if (!le) return invalid(ts, &tr_exc_ValueError, "value", c), -1;
        /* v in (INT64_MAX, UINT64_MAX]: v - 2^64 fits int64 */
        TrObject *two64 = NULL, *d = NULL;
        TrObject *one = tr_imm_from(1), *sh = tr_imm_from(64);
        two64 = int_binop(ts, TR_BINOP_LSHIFT, one, sh);
        d = two64 ? int_binop(ts, TR_BINOP_SUB, v, two64) : NULL;
        tr_xdecref(two64);
        if (!d) return -1;
        u.i64 = int_as_i64(ts, d);
        tr_decref(d);
        memcpy(out, &u, 8);
        return 0;
    }
    int64_t lo, hi;
    switch (c) {
    case 'b': lo = INT8_MIN; hi = INT8_MAX; break;
    case 'B': lo = 0; hi = UINT8_MAX; break;
    case 'h': lo = INT16_MIN; hi = INT16_MAX; break;
    case 'H': lo = 0; hi = UINT16_MAX; break;
    case 'i': lo = INT32_MIN; hi = INT32_MAX; break;
    case 'I': lo = 0; hi = UINT32_MAX; break;
    case 'l': case 'q': case 'n': lo = INT64_MIN; hi = INT64_MAX; break;
    default: lo = 0; hi = INT64_MAX; break;
    }
    if (x < lo || x > hi) return invalid(ts, &tr_exc_ValueError, "value", c), -1;
    switch (size) {
    case 1: u.i8 = (int8_t)x; break;
    case 2: u.i16 = (int16_t)x; break;
    case 4: u.i32 = (int32_t)x; break;
    default: u.i64 = x; break;
    }
    memcpy(out, &u, (size_t)size);
    return 0;
}

/* ---- construction ----------------------------------------------------- */

TrObject *memview_new(TrThread *ts, TrObject *o) {
    if (!tr_is_imm(o) && memview_check(o)) {
        TrMemView *p = MV(o);
        if (is_released(p)) return released_error(ts);
        return derive(ts, p, p->readonly, p->fmt, p->itemsize, p->ndim, p->offset, SHAPE(p), STRIDES(p));
    }
    if (!tr_is_imm(o) && bytes_check(o)) {
        ssize_t shape = (ssize_t)bytes_size(o), stride = 1;
        return make(ts, NULL, o, false, true, "B", 1, 1, 0, &shape, &stride);
    }
    if (!tr_is_imm(o) && (bytearray_check(o) || (tr_type(o)->flags & TR_TPFLAG_ARRAY_EXPORT)))
        return memview_from_array(ts, o);
    if (array_check(o)) {
        /* an array.array: a 1-D view of its items with its type code */
        TrArray *a = (TrArray *)o;
        char fmt[2] = {a->typecode == 'u' ? 'w' : a->typecode, 0};
        ssize_t stride = a->itemsize;
        TrObject *m = make(ts, NULL, o, true, false, fmt, a->itemsize, 1, 0, &(ssize_t){0}, &stride);
        if (!m) return NULL;
        TR_BEGIN_CRITICAL(ts, o);
        SHAPE(MV(m))[0] = (ssize_t)(BA(o)->size / (size_t)a->itemsize);   /* fixed: the export is counted */
        TR_END_CRITICAL(ts);
        return m;
    }
    return err_format(ts, &tr_exc_TypeError, "memoryview: a bytes-like object is required, not '%T'", o);
}

TrObject *memview_from_array(TrThread *ts, TrObject *exporter) {
    /* the size is read again under the lock by make(); a resize in between
     * is harmless as the count is taken before this view is used */
    ssize_t stride = 1, shape;
    TrObject *m = make(ts, NULL, exporter, true, false, "B", 1, 1, 0, &(ssize_t){0}, &stride);
    if (!m) return NULL;
    TR_BEGIN_CRITICAL(ts, exporter);
    shape = (ssize_t)BA(exporter)->size;   /* fixed from here on: the export is counted */
    SHAPE(MV(m))[0] = shape;
    MV(m)->readonly = BA(exporter)->readonly;
    TR_END_CRITICAL(ts);
    return m;
}

static TrObject *memview_new_slot(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kw) {
    static const char *const names[] = {"object"};
    TrObject *a[1];
    size_t nkw = kw ? tuple_size(kw) : 0;
    if (nargs + nkw > 1)
        return err_format(ts, &tr_exc_TypeError, "memoryview() takes at most 1 argument (%zu given)", nargs + nkw);
    if (args_parse_clinic(ts, "memoryview", args, nargs, kw, names, 1, 1, 0, a) < 0) return NULL;
    return memview_new(ts, a[0]);
}

static void memview_dealloc(TrThread *ts, TrObject *o) {
    release(ts, MV(o));   /* the last reference: only the exporter's lock matters */
    tr_decref(MV(o)->obj);
    tr_free(o);
}

/* ---- the C-level helpers ---------------------------------------------- */

int memview_bytes_view(TrThread *ts, TrObject *o, TrBytesView *v) {
    TrMemView *m = MV(o);
    v->owned = NULL;
    if (is_released(m)) { released_error(ts); return -1; }
    if (!m->locked && c_contiguous(m)) {
        v->p = bytes_data(m->obj) + m->offset;
        v->n = nbytes(m);
        return 1;
    }
    char *buf;
    size_t n;
    if (gather(ts, m, &buf, &n) < 0) return -1;
    v->p = buf;
    v->n = n;
    v->owned = buf;
    return 1;
}

ssize_t memview_nbytes(TrThread *ts, TrObject *o) {
    if (is_released(MV(o))) { released_error(ts); return -1; }
    return (ssize_t)nbytes(MV(o));
}

int memview_write_prefix(TrThread *ts, TrObject *o, const char *src, size_t n, const char *fname) {
    TrMemView *m = MV(o);
    if (is_released(m)) { released_error(ts); return -1; }
    if (m->readonly || !c_contiguous(m) || n > nbytes(m)) {
        err_format(ts, &tr_exc_TypeError, "%s() argument must be read-write bytes-like object, not memoryview", fname);
        return -1;
    }
    bool dead;
    TR_BEGIN_CRITICAL(ts, m->obj);
    dead = is_released(m);
    if (!dead && n) memcpy(BA(m->obj)->data + m->offset, src, n);
    TR_END_CRITICAL(ts);
    if (dead) { released_error(ts); return -1; }
    return 0;
}

/* ---- slots ------------------------------------------------------------ */

static TrObject *memview_repr(TrThread *ts, TrObject *o) {
    return str_format(ts, is_released(MV(o)) ? "<released memory at %p>" : "<memory at %p>", (void *)o);
}

static ssize_t memview_len(TrThread *ts, TrObject *o) {
    TrMemView *m = MV(o);
    if (is_released(m)) { released_error(ts); return -1; }
    return m->ndim == 0 ? 1 : SHAPE(m)[0];
}

/* Resolves item index `i` on dimension `dim`: the byte offset contribution, or -1 with IndexError. */
static int locate(TrThread *ts, TrMemView *m, int dim, int64_t i, ssize_t *off) {
    ssize_t n = SHAPE(m)[dim];
    if (i < 0) i += n;
    if (i < 0 || i >= n) {
        err_format(ts, &tr_exc_IndexError, "index out of bounds on dimension %d", dim + 1);
        return -1;
    }
    *off += (ssize_t)i * STRIDES(m)[dim];
    return 0;
}

/* The byte offset of the item `key` names (an index for 1-D, a tuple of
 * indices for N-D): 1 found, 0 not an item key (no exception), -1 error. */
static int item_offset(TrThread *ts, TrMemView *m, TrObject *key, ssize_t *off) {
    *off = m->offset;
    int64_t i = 0;
    int r = index_like(ts, key, &i);
    if (r < 0) return -1;
    if (r) {
        if (m->ndim != 1) {
            err_set(ts, &tr_exc_NotImplementedError, "multi-dimensional sub-views are not implemented");
            return -1;
        }
        return locate(ts, m, 0, i, off) < 0 ? -1 : 1;
    }
    if (tr_is_imm(key) || !tuple_check(key)) return 0;
    size_t n = tuple_size(key);
    for (size_t k = 0; k < n; k++) {
        TrObject *x = tuple_get(key, k);
        if (!int_check(x) && (tr_is_imm(x) || !tr_type(x)->number || !tr_type(x)->number->index)) return 0;
    }
    if (n < (size_t)m->ndim) {
        err_set(ts, &tr_exc_NotImplementedError, "sub-views are not implemented");
        return -1;
    }
    if (n > (size_t)m->ndim) {
        err_format(ts, &tr_exc_TypeError, "cannot index %d-dimension view with %zu-element tuple", m->ndim, n);
        return -1;
    }
    for (size_t k = 0; k < n; k++) {
        if ((r = index_like(ts, tuple_get(key, k), &i)) < 0) return -1;
        if (locate(ts, m, (int)k, i, off) < 0) return -1;
    }
    return 1;
}

static bool is_multislice(TrObject *key) {
    if (tr_is_imm(key) || !tuple_check(key) || tuple_size(key) == 0) return false;
    for (size_t k = 0; k < tuple_size(key); k++)
        if (tr_type(tuple_get(key, k)) != &tr_slice_type) return false;
    return true;
}

static TrObject *memview_getitem(TrThread *ts, TrObject *o, TrObject *key) {
    TrMemView *m = MV(o);
    if (is_released(m)) return released_error(ts);
    ssize_t off;
    int r = item_offset(ts, m, key, &off);
    if (r < 0) return NULL;
    if (r) {
        char item[8];
        bool dead;
        if (m->locked) {
            TR_BEGIN_CRITICAL(ts, m->obj);
            dead = is_released(m);
            if (!dead) memcpy(item, base_of(m) + off, (size_t)m->itemsize);
            TR_END_CRITICAL(ts);
        } else {
            dead = is_released(m);
            if (!dead) memcpy(item, base_of(m) + off, (size_t)m->itemsize);
        }
        if (dead) return released_error(ts);
        return unpack(ts, fmt_char(m), item);
    }
    if (tr_type(key) == &tr_slice_type) {
        if (m->ndim != 1)
            return err_format(ts, &tr_exc_NotImplementedError, "multi-dimensional slicing is not implemented");
        ssize_t start, stop, step;
        ssize_t len = slice_indices(ts, key, SHAPE(m)[0], &start, &stop, &step);
        if (len < 0) return NULL;
        ssize_t stride = STRIDES(m)[0] * step;
        return derive(ts, m, m->readonly, m->fmt, m->itemsize, 1, m->offset + start * STRIDES(m)[0], &len, &stride);
    }
    if (is_multislice(key))
        return err_format(ts, &tr_exc_NotImplementedError, "multi-dimensional slicing is not implemented");
    return err_format(ts, &tr_exc_TypeError, "memoryview: invalid slice key");
}

/* The format letter of a bytes-like assignment source (views keep theirs). */
static int source_layout(TrThread *ts, TrObject *v, char *fmt, ssize_t *len, int *ndim) {
    if (!tr_is_imm(v) && memview_check(v)) {
        TrMemView *s = MV(v);
        if (is_released(s)) { released_error(ts); return -1; }
        *fmt = fmt_char(s);
        *ndim = s->ndim;
        *len = s->ndim ? SHAPE(s)[0] : 1;
        return 0;
    }
    *fmt = 'B';
    *ndim = 1;
    *len = tr_len(ts, v);
    return *len < 0 ? -1 : 0;
}

static int memview_setitem(TrThread *ts, TrObject *o, TrObject *key, TrObject *value) {
    TrMemView *m = MV(o);
    if (is_released(m)) { released_error(ts); return -1; }
    if (m->readonly) { err_set(ts, &tr_exc_TypeError, "cannot modify read-only memory"); return -1; }
    if (!value) { err_set(ts, &tr_exc_TypeError, "cannot delete memory"); return -1; }
    ssize_t off;
    int r = item_offset(ts, m, key, &off);
    if (r < 0) return -1;
    if (r) {
        char item[8];
        if (pack(ts, fmt_char(m), value, item) < 0) return -1;
        return scatter(ts, m, off, 0, 1, item);
    }
    if (tr_type(key) == &tr_slice_type) {
        if (m->ndim != 1) {
            err_set(ts, &tr_exc_NotImplementedError, "memoryview slice assignments are currently restricted to ndim = 1");
            return -1;
        }
        TrBytesView src;
        int k = bytes_view(ts, value, &src);
        if (k < 0) return -1;
        if (k == 0) {
            err_format(ts, &tr_exc_TypeError, "a bytes-like object is required, not '%T'", value);
            return -1;
        }
        ssize_t start, stop, step, srclen;
        char sfmt;
        int sndim;
        ssize_t len = slice_indices(ts, key, SHAPE(m)[0], &start, &stop, &step);
        int rc = -1;
        if (len >= 0 && source_layout(ts, value, &sfmt, &srclen, &sndim) == 0) {
            if (sfmt != fmt_char(m) || sndim != 1 || srclen != len)
                err_set(ts, &tr_exc_ValueError, "memoryview assignment: lvalue and rvalue have different structures");
            else
                rc = scatter(ts, m, m->offset + start * STRIDES(m)[0], STRIDES(m)[0] * step, len, src.p);
        }
        bytes_view_release(&src);
        return rc;
    }
    if (is_multislice(key)) {
        err_set(ts, &tr_exc_NotImplementedError, "memoryview slice assignments are currently restricted to ndim = 1");
        return -1;
    }
    err_set(ts, &tr_exc_TypeError, "memoryview: invalid slice key");
    return -1;
}

static int64_t memview_hash(TrThread *ts, TrObject *o) {
    TrMemView *m = MV(o);
    int64_t cached = (int64_t)atomic_load_u64_relaxed((const uint64_t *)&m->hash);
    if (cached != -1) return cached;
    if (is_released(m)) { released_error(ts); return -1; }
    if (!m->readonly) { err_set(ts, &tr_exc_ValueError, "cannot hash writable memoryview object"); return -1; }
    if (!byte_format(fmt_char(m))) {
        err_set(ts, &tr_exc_ValueError, "memoryview: hashing is restricted to formats 'B', 'b' or 'c'");
        return -1;
    }
    char *buf;
    size_t n;
    if (gather(ts, m, &buf, &n) < 0) return -1;
    int64_t h = str_hash_bytes(buf, n);   /* equal to hash(bytes(view)) */
    free(buf);
    /* relaxed: an idempotent cache */
    atomic_store_u64_relaxed((uint64_t *)&m->hash, (uint64_t)h);
    return h;
}

/* One side of ==: the items' format, shape and bytes (a bytes-like other is
 * 1-D 'B').  1 filled, 0 not comparable, -1 error. */
typedef struct Side {
    char fmt;
    int ndim;
    const ssize_t *shape;
    ssize_t len1;
    TrBytesView v;
} Side;

static int side_of(TrThread *ts, TrObject *o, Side *s) {
    if (!tr_is_imm(o) && memview_check(o)) {
        TrMemView *m = MV(o);
        s->fmt = fmt_char(m);
        s->ndim = m->ndim;
        s->shape = SHAPE(m);
        return memview_bytes_view(ts, o, &s->v);
    }
    int r = bytes_view(ts, o, &s->v);
    if (r <= 0) return r;
    s->fmt = 'B';
    s->ndim = 1;
    s->len1 = (ssize_t)s->v.n;
    s->shape = &s->len1;
    return 1;
}

/* 1 equal, 0 not, -1 error. */
static int sides_equal(TrThread *ts, Side *a, Side *b) {
    if (a->ndim != b->ndim) return 0;
    for (int i = 0; i < a->ndim; i++)
        if (a->shape[i] != b->shape[i]) return 0;
    bool floaty = a->fmt == 'f' || a->fmt == 'd' || a->fmt == 'e';
    if (a->fmt == b->fmt && !floaty) return a->v.n == b->v.n && memcmp(a->v.p, b->v.p, a->v.n) == 0;
    int sa = native_size(a->fmt), sb = native_size(b->fmt);
    size_t n = a->v.n / (size_t)sa;
    for (size_t i = 0; i < n; i++) {
        TrObject *x = unpack(ts, a->fmt, a->v.p + i * (size_t)sa);
        TrObject *y = x ? unpack(ts, b->fmt, b->v.p + i * (size_t)sb) : NULL;
        int eq = y ? tr_richcompare_bool(ts, x, y, TR_EQ) : -1;
        tr_xdecref(x);
        tr_xdecref(y);
        if (eq <= 0) return eq;
    }
    return 1;
}

static TrObject *memview_richcompare(TrThread *ts, TrObject *a, TrObject *b, int op) {
    if (op != TR_EQ && op != TR_NE) return tr_notimplemented;
    bool dead = (memview_check(a) && is_released(MV(a))) ||
                (!tr_is_imm(b) && memview_check(b) && is_released(MV(b)));
    if (dead) return tr_bool((a == b) == (op == TR_EQ));   /* released: identity only */
    Side sa, sb;
    int r = side_of(ts, a, &sa);
    if (r <= 0) return r < 0 ? NULL : tr_notimplemented;
    r = side_of(ts, b, &sb);
    if (r <= 0) { bytes_view_release(&sa.v); return r < 0 ? NULL : tr_notimplemented; }
    int eq = sides_equal(ts, &sa, &sb);
    bytes_view_release(&sa.v);
    bytes_view_release(&sb.v);
    if (eq < 0) return NULL;
    return tr_bool((op == TR_EQ) == (eq == 1));
}

static TrObject *memview_iter(TrThread *ts, TrObject *o) {
    TrMemView *m = MV(o);
    if (is_released(m)) return released_error(ts);
    if (m->ndim != 1)
        return err_format(ts, &tr_exc_NotImplementedError, "multi-dimensional sub-views are not implemented");
    return seq_iter_new(ts, o);
}

/* ---- methods ---------------------------------------------------------- */

#define METHOD(name) static TrObject *name(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw)

/* Nested lists of the items of dimensions dim.. starting at `*p`. */
static TrObject *to_list(TrThread *ts, TrMemView *m, int dim, const char **p) {
    TrObject *l = list_new(ts, 0);
    if (!l) return NULL;
    for (ssize_t i = 0; i < SHAPE(m)[dim]; i++) {
        TrObject *x;
        if (dim + 1 < m->ndim) x = to_list(ts, m, dim + 1, p);
        else { x = unpack(ts, fmt_char(m), *p); *p += m->itemsize; }
        if (!x || list_append_take(ts, l, x) < 0) { tr_decref(l); return NULL; }
    }
    return l;
}

METHOD(mv_tolist) {
    if (args_none(ts, "tolist", nargs, kw) < 0) return NULL;
    TrMemView *m = MV(self);
    char *buf;
    size_t n;
    if (gather(ts, m, &buf, &n) < 0) return NULL;
    const char *p = buf;
    TrObject *r = m->ndim == 0 ? unpack(ts, fmt_char(m), p) : to_list(ts, m, 0, &p);
    free(buf);
    return r;
}

METHOD(mv_tobytes) {
    static const char *const names[] = {"order"};
    TrObject *a[1];
    if (args_parse_clinic(ts, "tobytes", args, nargs, kw, names, 1, 0, 0, a) < 0) return NULL;
    if (a[0] && a[0] != tr_none) {
        if (!str_check(a[0]))
            return err_format(ts, &tr_exc_TypeError, "tobytes() argument 'order' must be str or None, not %T", a[0]);
        const char *s = str_utf8(a[0]);
        if (str_nbytes(a[0]) != 1 || (s[0] != 'C' && s[0] != 'F' && s[0] != 'A'))
            return err_format(ts, &tr_exc_ValueError, "order must be 'C', 'F' or 'A'");
    }
    char *buf;
    size_t n;
    if (gather(ts, MV(self), &buf, &n) < 0) return NULL;
    TrObject *r = bytes_from(ts, buf, n);
    free(buf);
    return r;
}

METHOD(mv_hex) {
    if (is_released(MV(self))) return released_error(ts);
    return bytesops_hex(ts, self, args, nargs, kw);
}

METHOD(mv_release) {
    if (args_none(ts, "release", nargs, kw) < 0) return NULL;
    release(ts, MV(self));
    return tr_none;
}

METHOD(mv_enter) {
    if (args_none(ts, "__enter__", nargs, kw) < 0) return NULL;
    if (is_released(MV(self))) return released_error(ts);
    return tr_newref(self);
}

METHOD(mv_exit) {
    release(ts, MV(self));
    return tr_none;
}

METHOD(mv_toreadonly) {
    if (args_none(ts, "toreadonly", nargs, kw) < 0) return NULL;
    TrMemView *m = MV(self);
    if (is_released(m)) return released_error(ts);
    return derive(ts, m, true, m->fmt, m->itemsize, m->ndim, m->offset, SHAPE(m), STRIDES(m));
}

METHOD(mv_cast) {
    static const char *const names[] = {"format", "shape"};
    TrObject *a[2];
    if (args_parse_clinic(ts, "cast", args, nargs, kw, names, 2, 1, 0, a) < 0) return NULL;
    if (!str_check(a[0])) return err_format(ts, &tr_exc_TypeError, "cast() argument 'format' must be str, not %T", a[0]);
    TrMemView *m = MV(self);
    if (is_released(m)) return released_error(ts);
    TrObject *shp = a[1];
    if (shp && !list_check(shp) && !tuple_check(shp))
        return err_format(ts, &tr_exc_TypeError, "shape must be a list or a tuple");
    if (!c_contiguous(m)) return err_format(ts, &tr_exc_TypeError, "memoryview: casts are restricted to C-contiguous views");
    if ((shp || m->ndim != 1) && item_count(m) == 0)
        return err_format(ts, &tr_exc_TypeError, "memoryview: cannot cast view with zeros in shape or strides");
    ssize_t dims[MAXDIM];
    int ndim = 1;
    if (shp) {
        TrObject *t = tuple_check(shp) ? tr_newref(shp) : list_as_tuple(ts, shp);
        if (!t) return NULL;
        size_t n = tuple_size(t);
        if (n > MAXDIM) {
            tr_decref(t);
            return err_format(ts, &tr_exc_ValueError, "memoryview: number of dimensions must not exceed 64");
        }
        ndim = (int)n;
        for (size_t k = 0; k < n; k++) {
            TrObject *x = tuple_get(t, k);
            int64_t v = 0;
            if (!int_check(x)) {
                tr_decref(t);
                return err_format(ts, &tr_exc_TypeError, "memoryview.cast(): elements of shape must be integers");
            }
            int ovf = 0;
            if ((v = int_as_i64_overflow(x, &ovf)) <= 0 || ovf) {
                tr_decref(t);
                return err_format(ts, &tr_exc_ValueError, "memoryview.cast(): elements of shape must be integers > 0");
            }
            dims[k] = (ssize_t)v;
        }
        tr_decref(t);
    }
    if (m->ndim != 1 && ndim != 1)
        return err_format(ts, &tr_exc_TypeError, "memoryview: cast must be 1D -> ND or ND -> 1D");
    const char *f = str_utf8(a[0]);
    size_t fl = str_nbytes(a[0]);
    char c = fl == 1 ? f[0] : fl == 2 && f[0] == '@' ? f[1] : 0;
    int size = native_size(c);
    if (!size)
        return err_format(ts, &tr_exc_ValueError,
                          "memoryview: destination format must be a native single character format prefixed with an optional '@'");
    if (!byte_format(fmt_char(m)) && !byte_format(c))
        return err_format(ts, &tr_exc_TypeError, "memoryview: cannot cast between two non-byte formats");
    size_t total = nbytes(m);
    if (total % (size_t)size)
        return err_format(ts, &tr_exc_TypeError, "memoryview: length is not a multiple of itemsize");
    ssize_t strides[MAXDIM];
    if (!shp) dims[0] = (ssize_t)(total / (size_t)size);
    size_t prod = (size_t)size;
    for (int k = ndim - 1; k >= 0; k--) {
        strides[k] = (ssize_t)prod;
        prod *= (size_t)dims[k];
    }
    if (prod != total)
        return err_format(ts, &tr_exc_TypeError, "memoryview: product(shape) * itemsize != buffer size");
    return derive(ts, m, m->readonly, f, size, ndim, m->offset, dims, strides);
}

static const TrMethodDef memview_methods[] = {
    {"tolist", mv_tolist}, {"tobytes", mv_tobytes}, {"hex", mv_hex}, {"release", mv_release},
    {"__enter__", mv_enter}, {"__exit__", mv_exit}, {"toreadonly", mv_toreadonly}, {"cast", mv_cast},
    {NULL, NULL},
};

static TrObject *dims_tuple(TrThread *ts, const ssize_t *d, int n) {
    TrObject *t = tuple_new(ts, (size_t)n);
    if (!t) return NULL;
    for (int i = 0; i < n; i++) tuple_set_take(t, (size_t)i, int_from_i64(ts, d[i]));
    return t;
}

static TrObject *memview_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    TrMemView *m = MV(o);
    static const char *const attrs[] = {"obj", "nbytes", "readonly", "itemsize", "format", "ndim", "shape",
                                        "strides", "suboffsets", "c_contiguous", "f_contiguous", "contiguous"};
    int which = -1;
    if (str_check(name))
        for (int i = 0; i < (int)(sizeof attrs / sizeof attrs[0]); i++)
            if (str_equal_cstr(name, attrs[i])) { which = i; break; }
    if (which < 0) return tr_generic_getattr(ts, o, name);
    if (is_released(m)) return released_error(ts);
    switch (which) {
    case 0: return tr_newref(m->obj);
    case 1: return int_from_i64(ts, (int64_t)nbytes(m));
    case 2: return tr_bool(m->readonly);
    case 3: return tr_imm_from(m->itemsize);
    case 4: return str_from_cstr(ts, m->fmt);
    case 5: return tr_imm_from(m->ndim);
    case 6: return dims_tuple(ts, SHAPE(m), m->ndim);
    case 7: return dims_tuple(ts, STRIDES(m), m->ndim);
    case 8: return tuple_new(ts, 0);
    case 9: return tr_bool(c_contiguous(m));
    case 10: return tr_bool(f_contiguous(m));
    default: return tr_bool(c_contiguous(m) || f_contiguous(m));
    }
}

TrType tr_memview_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "memoryview",
    .basicsize = sizeof(TrMemView),
    .base = &tr_object_type,
    .flags = TR_TPFLAG_WEAKREFABLE,
    .dealloc = memview_dealloc,
    .repr = memview_repr,
    .hash = memview_hash,
    .richcompare = memview_richcompare,
    .len = memview_len,
    .getitem = memview_getitem,
    .setitem = memview_setitem,
    .iter = memview_iter,
    .new_ = memview_new_slot,
    .getattr = memview_getattr,
    .methods = memview_methods,
};

/* ---- exports for the C API's buffers (core/capi.c) --------------------- */

int memview_export(TrThread *ts, TrObject *o, int writable, TrMemExport *e) {
    TrMemView *m = MV(o);
    if (!c_contiguous(m)) {
        err_set(ts, &tr_exc_BufferError, "memoryview: underlying buffer is not C-contiguous");
        return -1;
    }
    if (writable && m->readonly) {
        err_set(ts, &tr_exc_BufferError, "memoryview: underlying buffer is not writable");
        return -1;
    }
    bool dead;
    if (m->locked) {
        /* a second export of the root: it stays put after the view is released */
        TR_BEGIN_CRITICAL(ts, m->obj);
        dead = is_released(m);
        if (!dead) {
            BA(m->obj)->exports++;
            e->buf = BA(m->obj)->data + m->offset;
        }
        TR_END_CRITICAL(ts);
    } else {
        dead = is_released(m);
        e->buf = bytes_data(m->obj) + m->offset;
    }
    if (dead) { released_error(ts); return -1; }
    e->len = nbytes(m);
    e->itemsize = m->itemsize;
    e->format = fmt_char(m);
    e->readonly = m->readonly;
    e->root = m->locked ? m->obj : NULL;
    return 0;
}

void memview_unexport(TrThread *ts, TrObject *root) {
    TR_BEGIN_CRITICAL(ts, root);
    BA(root)->exports--;
    TR_END_CRITICAL(ts);
}
