/* objects/bytes.c: the bytes type (an immutable array of bytes), its
 * iterator, and the bytes-like views (bytes_view) the codecs, files and
 * bytearray use (a memoryview's come from objects/memoryview.c).  The shared methods are in objects/bytes_ops.c.
 * Threads: a bytes object is filled by its creator before it is shared and
 * never changes after; the only later write is the `hash` cache (relaxed,
 * idempotent).  The iterator's position advances by an atomic add, so a
 * shared iterator never yields a byte twice.  bytes_view of a bytearray
 * copies it under the array's lock; nothing else here takes a lock. */
#include <stdlib.h>
#include <string.h>

#include "torii/memoryview.h"
#include "torii/array.h"
#include "objects/bytes_ops.h"
#include "objects/containers.h"
#include "stdlib/stdlib.h"

static TrBytes empty_bytes = {
    .ob_base = TR_STATIC_HEADER(&tr_bytes_type),
    .size = 0,
    .hash = -1,
};

/* ---- construction ----------------------------------------------------- */

static TrObject *alloc_type(TrThread *ts, TrType *type, size_t n) {
    if (n > ((size_t)1 << 60)) return err_nomemory(ts);
    TrBytes *b = (TrBytes *)tr_alloc_var(ts, type, sizeof(TrBytes) + n + 1);
    if (!b) return NULL;
    b->size = n;
    b->hash = -1;
    return (TrObject *)b;
}

TrObject *bytes_alloc(TrThread *ts, size_t n) {
    if (n == 0) return (TrObject *)&empty_bytes;
    return alloc_type(ts, &tr_bytes_type, n);
}

TrObject *bytes_from(TrThread *ts, const char *s, size_t n) {
    TrObject *b = bytes_alloc(ts, n);
    if (b && n) memcpy(bytes_data(b), s, n);
    return b;
}

static bool into_layout(TrObject *dst) {
    return !tr_is_imm(dst) && (bytearray_check(dst) || array_check(dst));
}

ssize_t bytes_into_room(TrThread *ts, TrObject *dst, const char *fname) {
    if (into_layout(dst)) return (ssize_t)atomic_load_size_relaxed(&((TrByteArray *)dst)->size);
    if (tr_is_imm(dst) || !memview_check(dst)) {
        err_format(ts, &tr_exc_TypeError, "%s() argument must be read-write bytes-like object, not %T", fname, dst);
        return -1;
    }
    ssize_t room = memview_nbytes(ts, dst);
    if (room < 0 || memview_write_prefix(ts, dst, NULL, 0, fname) < 0) return -1;   /* writable? */
    return room;
}

ssize_t bytes_into_copy(TrThread *ts, TrObject *dst, const char *data, size_t n, const char *fname) {
    if (!into_layout(dst)) return memview_write_prefix(ts, dst, data, n, fname) < 0 ? -1 : (ssize_t)n;
    TR_BEGIN_CRITICAL(ts, dst);
    TrByteArray *a = (TrByteArray *)dst;
    if (n > a->size) n = a->size;   /* it shrank meanwhile */
    if (n) memcpy(a->data, data, n);
    TR_END_CRITICAL(ts);
    return (ssize_t)n;
}

int bytes_view(TrThread *ts, TrObject *o, TrBytesView *v) {
    v->owned = NULL;
    if (tr_is_imm(o)) return 0;
    if (bytes_check(o)) {
        v->p = bytes_data(o);
        v->n = bytes_size(o);
        return 1;
    }
    if (memview_check(o)) return memview_bytes_view(ts, o, v);
    /* bytearray, array.array and TR_TPFLAG_ARRAY_EXPORT types (mmap) share the TrByteArray layout */
    if (!bytearray_check(o) && !array_check(o) && !(tr_type(o)->flags & TR_TPFLAG_ARRAY_EXPORT)) return 0;
    TrByteArray *a = (TrByteArray *)o;
    char *copy = NULL;
    size_t n = 0;
    bool failed = false;
    TR_BEGIN_CRITICAL(ts, o);
    n = a->size;
    copy = malloc(n ? n : 1);
    if (copy) memcpy(copy, a->data ? a->data : "", n);
    else failed = true;
    TR_END_CRITICAL(ts);
    if (failed) { err_nomemory(ts); return -1; }
    v->p = copy;
    v->n = n;
    v->owned = copy;
    return 1;
}

void bytes_view_release(TrBytesView *v) {
    free(v->owned);
    v->owned = NULL;
}

static void bytes_dealloc(TrThread *ts, TrObject *o) { tr_free(o); }

/* ---- slots ------------------------------------------------------------ */

static TrObject *bytes_repr(TrThread *ts, TrObject *o) {
    return bytesops_repr(ts, bytes_data(o), bytes_size(o), NULL);
}

static int64_t bytes_hash(TrThread *ts, TrObject *o) {
    TrBytes *b = (TrBytes *)o;
    int64_t cached = (int64_t)atomic_load_u64_relaxed((const uint64_t *)&b->hash);
    if (cached != -1) return cached;
    int64_t h = str_hash_bytes(b->data, b->size);   /* equal to the hash of the same ASCII str */
    /* relaxed: an idempotent cache, every thread stores the same value */
    atomic_store_u64_relaxed((uint64_t *)&b->hash, (uint64_t)h);
    return h;
}

static ssize_t bytes_len(TrThread *ts, TrObject *o) { return (ssize_t)bytes_size(o); }

static TrObject *bytes_getitem(TrThread *ts, TrObject *o, TrObject *key) {
    size_t n = bytes_size(o);
    int64_t i;
    int r = index_like(ts, key, &i);
    if (r < 0) return NULL;
    if (r) {
        if (i < 0) i += (int64_t)n;
        if (i < 0 || (uint64_t)i >= n) return err_format(ts, &tr_exc_IndexError, "index out of range");
        return tr_imm_from((unsigned char)bytes_data(o)[i]);
    }
    if (tr_type(key) == &tr_slice_type) {
        ssize_t start, stop, step;
        ssize_t len = slice_indices(ts, key, (ssize_t)n, &start, &stop, &step);
        if (len < 0) return NULL;
        if (step == 1 && len == (ssize_t)n && tr_type(o) == &tr_bytes_type) return tr_newref(o);
        if (step == 1) return bytes_from(ts, bytes_data(o) + start, (size_t)len);
        TrObject *b = bytes_alloc(ts, (size_t)len);
        if (!b) return NULL;
        for (ssize_t k = 0, j = start; k < len; k++, j += step) bytes_data(b)[k] = bytes_data(o)[j];
        return b;
    }
    return err_format(ts, &tr_exc_TypeError, "byte indices must be integers or slices, not %T", key);
}

static int bytes_contains(TrThread *ts, TrObject *o, TrObject *item) {
    return bytesops_contains(ts, bytes_data(o), bytes_size(o), item);
}

static TrObject *concat(TrThread *ts, TrObject *a, TrObject *b) {
    if (!bytes_check(a)) return tr_notimplemented;
    TrBytesView v;
    int r = bytes_view(ts, b, &v);
    if (r < 0) return NULL;
    if (r == 0) return err_format(ts, &tr_exc_TypeError, "can't concat %T to bytes", b);
    size_t na = bytes_size(a);
    TrObject *res = NULL;
    if (v.n == 0 && tr_type(a) == &tr_bytes_type) res = tr_newref(a);
    else if ((res = bytes_alloc(ts, na + v.n)) != NULL) {
        memcpy(bytes_data(res), bytes_data(a), na);
        memcpy(bytes_data(res) + na, v.p, v.n);
    }
    bytes_view_release(&v);
    return res;
}

/* bytes % args (PEP 461, objects/format.c). */
static TrObject *mod(TrThread *ts, TrObject *a, TrObject *b) {
    if (tr_is_imm(a) || !bytes_check(a)) return tr_notimplemented;
    return bytes_printf_format(ts, bytes_data(a), bytes_size(a), b);
}

static TrObject *repeat(TrThread *ts, TrObject *a, TrObject *b) {
    TrObject *seq = bytes_check(a) ? a : b, *count = seq == a ? b : a;
    int64_t n;
    int r = index_like(ts, count, &n);
    if (r < 0) return NULL;
    if (r == 0) {
        if (tr_type(count)->flags & TR_TPFLAG_HEAPTYPE) return tr_notimplemented;
        return err_format(ts, &tr_exc_TypeError, "can't multiply sequence by non-int of type '%T'", count);
    }
    size_t size = bytes_size(seq);
    if (n <= 0 || size == 0) return bytes_alloc(ts, 0);
    if (n == 1 && tr_type(seq) == &tr_bytes_type) return tr_newref(seq);
    if ((uint64_t)n > ((size_t)1 << 60) / size) return err_nomemory(ts);
    TrObject *res = bytes_alloc(ts, size * (size_t)n);
    if (!res) return NULL;
    for (int64_t j = 0; j < n; j++) memcpy(bytes_data(res) + (size_t)j * size, bytes_data(seq), size);
    return res;
}

/* o.__bytes__() for a class instance: 1 with `*out` a new bytes, 0 when the
 * class has none (no exception), -1 on error. */
static int call_dunder_bytes(TrThread *ts, TrObject *o, TrObject **out) {
    if (tr_is_imm(o) || !(tr_type(o)->flags & TR_TPFLAG_HEAPTYPE)) return 0;
    TrObject *name = str_intern_cstr(ts, "__bytes__");
    TrObject *m = name ? type_lookup(ts, tr_type(o), name) : NULL;
    if (!m) return err_occurred(ts) ? -1 : 0;
    TrObject *bound = type_bind_take(ts, m, o);
    TrObject *res = bound ? tr_call(ts, bound, NULL, 0, NULL) : NULL;
    tr_xdecref(bound);
    if (!res) return -1;
    if (!bytes_check(res)) {
        err_format(ts, &tr_exc_TypeError, "__bytes__ returned non-bytes (type %T)", res);
        tr_decref(res);
        return -1;
    }
    *out = res;
    return 1;
}

int bytes_from_buffer_or_dunder(TrThread *ts, TrObject *o, TrObject **out) {
    if (tr_is_imm(o)) return 0;
    int r = call_dunder_bytes(ts, o, out);
    if (r) return r;
    if (tr_type(o) == &tr_bytes_type) { *out = tr_newref(o); return 1; }
    TrBytesView v;
    if ((r = bytes_view(ts, o, &v)) <= 0) return r;
    *out = bytes_from(ts, v.p, v.n);
    bytes_view_release(&v);
    return *out ? 1 : -1;
}

/* bytes(), bytes(n), bytes(str, encoding[, errors]), bytes(bytes-like),
 * bytes(x) with x.__bytes__(), bytes(iterable of ints). */
static TrObject *bytes_new_slot(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kw) {
    static const char *const names[] = {"source", "encoding", "errors"};
    TrObject *a[3];
    if (args_parse(ts, "bytes", args, nargs, kw, names, 3, 0, 0, 0, a) < 0) return NULL;
    for (int i = 1; i < 3; i++)
        if (a[i] && !str_check(a[i]))
            return err_format(ts, &tr_exc_TypeError, "bytes() argument '%s' must be str, not %T", names[i], a[i]);
    TrObject *src = a[0];
    TrObject *res = NULL;
    int r0;
    if (src && str_check(src)) {
        if (!a[1]) return err_format(ts, &tr_exc_TypeError, "string argument without an encoding");
        res = codec_encode(ts, src, str_utf8(a[1]), a[2] ? str_utf8(a[2]) : NULL);
    } else if (a[1] || a[2]) {
        return err_format(ts, &tr_exc_TypeError, src ? (a[1] ? "encoding without a string argument"
                                                             : "errors without a string argument")
                                                     : (a[1] ? "encoding without a string argument"
                                                             : "errors without a string argument"));
    } else if (!src) {
        res = bytes_alloc(ts, 0);
    } else if ((r0 = call_dunder_bytes(ts, src, &res)) != 0) {
        if (r0 < 0) return NULL;
    } else {
        int64_t count;
        int r = bytes_check(src) || bytearray_check(src) || memview_check(src) ? 0 : index_like(ts, src, &count);
        if (r < 0) return NULL;
        if (r) {
            if (count < 0) return err_format(ts, &tr_exc_ValueError, "negative count");
            res = bytes_alloc(ts, (size_t)count);
            if (res && count) memset(bytes_data(res), 0, (size_t)count);
        } else if (tr_type(src) == &tr_bytes_type) {
            res = tr_newref(src);
        } else {
            char *buf;
            size_t n;
            if (bytesops_from_object(ts, src, &buf, &n) < 0) return NULL;
            res = bytes_from(ts, buf, n);
            free(buf);
        }
    }
    if (!res || type == &tr_bytes_type) return res;
    /* a subclass instance: the same layout, bytes copied over */
    TrObject *sub = alloc_type(ts, type, bytes_size(res));
    if (sub) memcpy(bytes_data(sub), bytes_data(res), bytes_size(res));
    tr_decref(res);
    return sub;
}

/* ---- the iterator ----------------------------------------------------- */

typedef struct TrBytesIter {
    TrObject ob_base;
    TrObject *bytes;     /* owned; immutable */
    uint64_t pos;        /* next index; advanced by atomic add */
} TrBytesIter;

static TrType tr_bytes_iter_type;

static TrObject *bytes_iter(TrThread *ts, TrObject *o) {
    TrBytesIter *it = (TrBytesIter *)tr_alloc(ts, &tr_bytes_iter_type);
    if (!it) return NULL;
    it->bytes = tr_newref(o);
    return (TrObject *)it;
}

static void bytes_iter_dealloc(TrThread *ts, TrObject *o) {
    tr_decref(((TrBytesIter *)o)->bytes);
    tr_free(o);
}

static TrObject *bytes_iter_next(TrThread *ts, TrObject *o) {
    TrBytesIter *it = (TrBytesIter *)o;
    size_t n = bytes_size(it->bytes);
    if (atomic_load_u64_relaxed(&it->pos) >= n) return NULL;   /* keeps an exhausted iterator from counting on */
    uint64_t i = atomic_add_u64_relaxed(&it->pos, 1);
    if (i >= n) return NULL;
    return tr_imm_from((unsigned char)bytes_data(it->bytes)[i]);
}

static TrObject *iter_self(TrThread *ts, TrObject *o) { return tr_newref(o); }

static TrType tr_bytes_iter_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "bytes_iterator",
    .basicsize = sizeof(TrBytesIter),
    .base = &tr_object_type,
    .dealloc = bytes_iter_dealloc,
    .iter = iter_self,
    .iternext = bytes_iter_next,
};

/* ---- the type --------------------------------------------------------- */

static const TrMethodDef bytes_methods[] = {
    BYTESOPS_METHOD_DEFS,
    {NULL, NULL},
};

static const TrNumberSlots bytes_number = {
    .binop = { [TR_BINOP_ADD] = concat, [TR_BINOP_MUL] = repeat, [TR_BINOP_MOD] = mod },
};

static TrObject *richcompare(TrThread *ts, TrObject *a, TrObject *b, int op) {
    return bytesops_richcompare(ts, a, b, op);
}

TrType tr_bytes_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "bytes",
    .basicsize = sizeof(TrBytes),
    .flags = TR_TPFLAG_BASETYPE,
    .base = &tr_object_type,
    .dealloc = bytes_dealloc,
    .repr = bytes_repr,
    .hash = bytes_hash,
    .richcompare = richcompare,
    .len = bytes_len,
    .getitem = bytes_getitem,
    .contains = bytes_contains,
    .iter = bytes_iter,
    .new_ = bytes_new_slot,
    .number = &bytes_number,
    .methods = bytes_methods,
};

extern TrType tr_bytearray_iter_type;

static int add_classmethod(TrThread *ts, TrType *type, const char *name, tr_methodfunc fn) {
    TrObject *f = cfunction_new(ts, name, fn, (TrObject *)type);
    if (!f) return -1;
    tr_make_immortal(f);
    int r = dict_set_cstr(ts, type->dict, name, f);
    tr_decref(f);
    return r;
}

int bytes_types_init(TrThread *ts) {
    TrType *types[] = {&tr_bytes_type, &tr_bytes_iter_type, &tr_bytearray_type, &tr_bytearray_iter_type,
                       &tr_memview_type};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (type_ready(ts, types[i]) < 0) return -1;
    if (add_classmethod(ts, &tr_bytes_type, "fromhex", bytesops_fromhex) < 0 ||
        add_classmethod(ts, &tr_bytearray_type, "fromhex", bytesops_fromhex) < 0 ||
        add_classmethod(ts, &tr_bytes_type, "maketrans", bytesops_maketrans) < 0 ||   /* static: ignores self */
        add_classmethod(ts, &tr_bytearray_type, "maketrans", bytesops_maketrans) < 0 ||
        add_classmethod(ts, &tr_int_type, "from_bytes", int_from_bytes) < 0)   /* int.from_bytes lives in objects/int.c */
        return -1;
    return 0;
}
