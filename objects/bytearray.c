/* objects/bytearray.c: the bytearray type, a growable array of bytes, and
 * its iterator.  The read-only methods are shared with bytes
 * (objects/bytes_ops.c) and work on a copy taken under the lock.
 * Threads: `data`, `size` and `cap` are written only inside the array's
 * critical section (TR_BEGIN_CRITICAL); every read of `data` is inside it
 * too, so a reader never sees a freed buffer.  `size` is also stored with
 * relaxed atomics so that len() reads it without the lock.  Arguments are
 * converted to plain bytes (which may run Python code: __index__, iterators)
 * before the lock is taken; nothing inside the section calls out.
 * While memoryviews are exported (`exports` > 0, counted under the lock by
 * objects/memoryview.c) no operation changes `size` or `data`: those that
 * would fail with BufferError and leave the array as it was.
 * Lock order: only one bytearray lock at a time (an argument that is a
 * bytearray is copied under its own lock first, see bytes_view). */
#include <stdlib.h>
#include <string.h>

#include "objects/bytes_ops.h"
#include "objects/containers.h"
#include "stdlib/stdlib.h"

#define BA(o) ((TrByteArray *)(o))

static void set_size(TrByteArray *a, size_t n) {
    /* relaxed: len() peeks without the lock; the data itself is read under it */
    atomic_store_size_relaxed(&a->size, n);
}

/* Ensures room for `n` bytes.  Caller holds the lock.  0, or -1 (nothing
 * changed; the caller raises MemoryError after leaving the section). */
static int reserve_locked(TrByteArray *a, size_t n) {
    if (n <= a->cap) return 0;
    size_t cap = a->cap < 16 ? 16 : a->cap;
    while (cap < n) cap *= 2;
    char *d = realloc(a->data, cap);
    if (!d) return -1;
    a->data = d;
    a->cap = cap;
    return 0;
}

/* The failure codes of the *_locked helpers, raised once the lock is dropped. */
enum { NOMEM = -1, EXPORTED = -2 };

/* Sets the exception for failure code `rc` (NOMEM or EXPORTED).  Returns NULL. */
static void *resize_error(TrThread *ts, int rc) {
    if (rc == EXPORTED) err_set(ts, &tr_exc_BufferError, "Existing exports of data: object cannot be re-sized");
    else err_nomemory(ts);
    return NULL;
}

/* Replaces bytes [lo, hi) by `src[0..n)`.  Caller holds the lock.  0, or
 * NOMEM / EXPORTED (a size change while views are exported), unchanged. */
static int splice_locked(TrByteArray *a, size_t lo, size_t hi, const char *src, size_t n) {
    size_t size = a->size, newsize = size - (hi - lo) + n;
    if (a->exports && newsize != size) return EXPORTED;
    if (reserve_locked(a, newsize) < 0) return NOMEM;
    memmove(a->data + lo + n, a->data + hi, size - hi);
    if (n) memcpy(a->data + lo, src, n);
    set_size(a, newsize);
    return 0;
}

TrObject *bytearray_from(TrThread *ts, const char *s, size_t n) {
    TrByteArray *a = (TrByteArray *)tr_alloc(ts, &tr_bytearray_type);
    if (!a) return NULL;
    if (n && reserve_locked(a, n) < 0) { tr_decref((TrObject *)a); return err_nomemory(ts); }
    if (n) memcpy(a->data, s, n);
    a->size = n;   /* not yet shared */
    return (TrObject *)a;
}

static void bytearray_dealloc(TrThread *ts, TrObject *o) {
    free(BA(o)->data);
    tr_free(o);
}

/* ---- slots ------------------------------------------------------------ */

static TrObject *bytearray_repr(TrThread *ts, TrObject *o) {
    TrBytesView v;
    if (bytes_view(ts, o, &v) < 0) return NULL;
    TrObject *r = bytesops_repr(ts, v.p, v.n, type_qualname(tr_type(o)));
    bytes_view_release(&v);
    return r;
}

static ssize_t bytearray_len(TrThread *ts, TrObject *o) {
    return (ssize_t)atomic_load_size_relaxed(&BA(o)->size);
}

static TrObject *bytearray_getitem(TrThread *ts, TrObject *o, TrObject *key) {
    int64_t i;
    int r = index_like(ts, key, &i);
    if (r < 0) return NULL;
    if (r) {
        int byte = -1;
        TR_BEGIN_CRITICAL(ts, o);
        int64_t n = (int64_t)BA(o)->size;
        if (i < 0) i += n;
        if (i >= 0 && i < n) byte = (unsigned char)BA(o)->data[i];
        TR_END_CRITICAL(ts);
        if (byte < 0) return err_format(ts, &tr_exc_IndexError, "bytearray index out of range");
        return tr_imm_from(byte);
    }
    if (tr_type(key) != &tr_slice_type)
        return err_format(ts, &tr_exc_TypeError, "bytearray indices must be integers or slices, not %T", key);
    char *buf = NULL;
    ssize_t len = -1;
    TR_BEGIN_CRITICAL(ts, o);
    ssize_t start, stop, step;
    len = slice_indices(ts, key, (ssize_t)BA(o)->size, &start, &stop, &step);
    if (len >= 0 && (buf = malloc(len ? (size_t)len : 1)) != NULL)
        for (ssize_t k = 0, j = start; k < len; k++, j += step) buf[k] = BA(o)->data[j];
    TR_END_CRITICAL(ts);
    if (len < 0) return NULL;
    if (!buf) return err_nomemory(ts);
    TrObject *res = bytearray_from(ts, buf, (size_t)len);
    free(buf);
    return res;
}

/* The bytes a slice assignment stores: bytes-like or an iterable of ints. */
static int slice_value(TrThread *ts, TrObject *v, char **buf, size_t *n) {
    if (str_check(v) || int_check(v)) {
        err_set(ts, &tr_exc_TypeError, "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
        return -1;
    }
    return bytesops_from_object(ts, v, buf, n);
}

static int bytearray_setitem(TrThread *ts, TrObject *o, TrObject *key, TrObject *value) {
    TrByteArray *a = BA(o);
    int64_t i;
    int r = index_like(ts, key, &i);
    if (r < 0) return -1;
    if (r) {
        int byte = 0;
        if (value && bytesops_byte_value(ts, value, &byte) < 0) return -1;
        int ok = 0, rc = 0;
        TR_BEGIN_CRITICAL(ts, o);
        int64_t n = (int64_t)a->size;
        if (i < 0) i += n;
        if (i >= 0 && i < n) {
            ok = 1;
            if (value) a->data[i] = (char)byte;
            else rc = splice_locked(a, (size_t)i, (size_t)i + 1, NULL, 0);   /* shrinking: only EXPORTED */
        }
        TR_END_CRITICAL(ts);
        if (!ok) { err_set(ts, &tr_exc_IndexError, "bytearray index out of range"); return -1; }
        if (rc) { resize_error(ts, rc); return -1; }
        return 0;
    }
    if (tr_type(key) != &tr_slice_type) {
        err_format(ts, &tr_exc_TypeError, "bytearray indices must be integers or slices, not %T", key);
        return -1;
    }
    char *buf = NULL;
    size_t n = 0;
    if (value && slice_value(ts, value, &buf, &n) < 0) return -1;
    int rc = 0, fail = 0;
    ssize_t bad = -1;
    TR_BEGIN_CRITICAL(ts, o);
    ssize_t start, stop, step;
    ssize_t len = slice_indices(ts, key, (ssize_t)a->size, &start, &stop, &step);
    if (len < 0) rc = -1;
    else if (step == 1) {
        if (stop < start) stop = start;
        if ((fail = splice_locked(a, (size_t)start, (size_t)stop, buf, n)) < 0) rc = -2;
    } else if (value) {
        if ((size_t)len != n) { bad = len; rc = -1; }
        else for (ssize_t k = 0, j = start; k < len; k++, j += step) a->data[j] = buf[k];
    } else if (a->exports) {
        fail = EXPORTED;   /* as CPython: deleting an extended slice always resizes */
        rc = -2;
    } else if (len > 0) {
        /* delete an extended slice: keep the bytes it does not select */
        if (step < 0) { start += step * (len - 1); step = -step; }
        size_t w = (size_t)start;
        for (size_t j = (size_t)start; j < a->size; j++) {
            bool hit = j < (size_t)start + (size_t)(step * len) && (j - (size_t)start) % (size_t)step == 0;
            if (!hit) a->data[w++] = a->data[j];
        }
        set_size(a, w);
    }
    TR_END_CRITICAL(ts);
    free(buf);
    if (bad >= 0)
        err_format(ts, &tr_exc_ValueError, "attempt to assign bytes of size %zu to extended slice of size %zd", n, bad);
    if (rc == -2) resize_error(ts, fail);
    return rc < 0 ? -1 : 0;
}

static int bytearray_contains(TrThread *ts, TrObject *o, TrObject *item) {
    TrBytesView v;
    if (bytes_view(ts, o, &v) < 0) return -1;
    int r = bytesops_contains(ts, v.p, v.n, item);
    bytes_view_release(&v);
    return r;
}

static TrObject *concat(TrThread *ts, TrObject *a, TrObject *b) {
    if (!bytearray_check(a)) return tr_notimplemented;
    TrBytesView va, vb;
    int r = bytes_view(ts, b, &vb);
    if (r < 0) return NULL;
    if (r == 0) return err_format(ts, &tr_exc_TypeError, "can't concat %T to bytearray", b);
    if (bytes_view(ts, a, &va) < 0) { bytes_view_release(&vb); return NULL; }
    TrObject *res = bytearray_from(ts, NULL, 0);
    if (res) {
        TrByteArray *x = BA(res);
        if (reserve_locked(x, va.n + vb.n) < 0) TR_CLEAR(res);   /* not yet shared: no lock needed */
        else {
            memcpy(x->data, va.p, va.n);
            memcpy(x->data + va.n, vb.p, vb.n);
            x->size = va.n + vb.n;
        }
        if (!res) err_nomemory(ts);
    }
    bytes_view_release(&va);
    bytes_view_release(&vb);
    return res;
}

/* bytearray % args: formatted as bytes (objects/format.c), returned as a bytearray. */
static TrObject *mod(TrThread *ts, TrObject *a, TrObject *b) {
    if (tr_is_imm(a) || !bytearray_check(a)) return tr_notimplemented;
    TrBytesView v;
    if (bytes_view(ts, a, &v) < 0) return NULL;
    TrObject *r = bytes_printf_format(ts, v.p, v.n, b);
    bytes_view_release(&v);
    if (!r) return NULL;
    TrObject *res = bytearray_from(ts, bytes_data(r), bytes_size(r));
    tr_decref(r);
    return res;
}

static int repeat_count(TrThread *ts, TrObject *count, int64_t *n) {
    int r = index_like(ts, count, n);
    if (r == 0) err_format(ts, &tr_exc_TypeError, "can't multiply sequence by non-int of type '%T'", count);
    return r <= 0 ? -1 : 0;
}

static TrObject *repeat(TrThread *ts, TrObject *a, TrObject *b) {
    TrObject *seq = bytearray_check(a) ? a : b, *count = seq == a ? b : a;
    int64_t n;
    if (!tr_is_imm(count) && (tr_type(count)->flags & TR_TPFLAG_HEAPTYPE) && !int_check(count))
        return tr_notimplemented;
    if (repeat_count(ts, count, &n) < 0) return NULL;
    TrBytesView v;
    if (bytes_view(ts, seq, &v) < 0) return NULL;
    if (n < 0) n = 0;
    TrObject *res = NULL;
    if (v.n && (uint64_t)n > ((size_t)1 << 60) / v.n) err_nomemory(ts);
    else if ((res = bytearray_from(ts, NULL, 0)) != NULL) {
        size_t total = v.n * (size_t)n;
        if (total && reserve_locked(BA(res), total) < 0) { TR_CLEAR(res); err_nomemory(ts); }
        else {
            for (int64_t j = 0; j < n; j++) memcpy(BA(res)->data + (size_t)j * v.n, v.p, v.n);
            BA(res)->size = total;
        }
    }
    bytes_view_release(&v);
    return res;
}

/* bytearray(), bytearray(n), bytearray(str, encoding[, errors]),
 * bytearray(bytes-like), bytearray(iterable of ints). */
static TrObject *bytearray_new_slot(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kw) {
    static const char *const names[] = {"source", "encoding", "errors"};
    TrObject *a[3];
    if (args_parse(ts, "bytearray", args, nargs, kw, names, 3, 0, 0, 0, a) < 0) return NULL;
    for (int i = 1; i < 3; i++)
        if (a[i] && !str_check(a[i]))
            return err_format(ts, &tr_exc_TypeError, "bytearray() argument '%s' must be str, not %T", names[i], a[i]);
    TrObject *src = a[0];
    char *buf = NULL;
    size_t n = 0;
    if (src && str_check(src)) {
        if (!a[1]) return err_format(ts, &tr_exc_TypeError, "string argument without an encoding");
        TrObject *b = codec_encode(ts, src, str_utf8(a[1]), a[2] ? str_utf8(a[2]) : NULL);
        if (!b) return NULL;
        buf = malloc(bytes_size(b) + 1);
        if (buf) { n = bytes_size(b); memcpy(buf, bytes_data(b), n); }
        tr_decref(b);
        if (!buf) return err_nomemory(ts);
    } else if (a[1] || a[2]) {
        return err_format(ts, &tr_exc_TypeError,
                          a[1] ? "encoding without a string argument" : "errors without a string argument");
    } else if (src) {
        int64_t count;
        int r = bytes_check(src) || bytearray_check(src) ? 0 : index_like(ts, src, &count);
        if (r < 0) return NULL;
        if (r) {
            if (count < 0) return err_format(ts, &tr_exc_ValueError, "negative count");
            buf = calloc((size_t)count + 1, 1);
            if (!buf) return err_nomemory(ts);
            n = (size_t)count;
        } else if (bytesops_from_object(ts, src, &buf, &n) < 0) {
            return NULL;
        }
    }
    TrByteArray *res = (TrByteArray *)tr_alloc(ts, type);
    if (!res) { free(buf); return NULL; }
    if (n && reserve_locked(res, n) < 0) { free(buf); tr_decref((TrObject *)res); return err_nomemory(ts); }
    if (n) memcpy(res->data, buf, n);
    res->size = n;
    free(buf);
    return (TrObject *)res;
}

/* ---- mutating methods ------------------------------------------------- */

#define METHOD(name) static TrObject *name(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw)

METHOD(ba_append) {
    if (args_one(ts, "bytearray.append", nargs, kw) < 0) return NULL;
    int byte;
    if (bytesops_byte_value(ts, args[0], &byte) < 0) return NULL;
    char c = (char)byte;
    int rc;
    TR_BEGIN_CRITICAL(ts, self);
    rc = splice_locked(BA(self), BA(self)->size, BA(self)->size, &c, 1);
    TR_END_CRITICAL(ts);
    return rc < 0 ? resize_error(ts, rc) : tr_none;
}

/* Appends the bytes of `src` (bytes-like or iterable of ints).  0 or -1. */
static int extend(TrThread *ts, TrObject *self, TrObject *src) {
    if (str_check(src)) {
        err_set(ts, &tr_exc_TypeError, "expected iterable of integers; got: 'str'");
        return -1;
    }
    TrBytesView v;
    int r = bytes_view(ts, src, &v);
    if (r < 0) return -1;
    char *buf;
    size_t n;
    if (r) {
        buf = v.owned ? v.owned : (char *)v.p;
        n = v.n;
    } else {
        TrObject *it = tr_iter(ts, src);
        if (!it) {
            if (err_matches(ts, &tr_exc_TypeError)) {
                err_clear(ts);
                err_format(ts, &tr_exc_TypeError, "can't extend bytearray with %T", src);
            }
            return -1;
        }
        r = bytesops_from_object(ts, it, &buf, &n);
        tr_decref(it);
        if (r < 0) return -1;
        v.owned = buf;
    }
    int rc;
    TR_BEGIN_CRITICAL(ts, self);
    rc = splice_locked(BA(self), BA(self)->size, BA(self)->size, buf, n);
    TR_END_CRITICAL(ts);
    bytes_view_release(&v);
    if (rc < 0) { resize_error(ts, rc); return -1; }
    return 0;
}

METHOD(ba_extend) {
    if (args_one(ts, "bytearray.extend", nargs, kw) < 0) return NULL;
    return extend(ts, self, args[0]) < 0 ? NULL : tr_none;
}

METHOD(ba_iadd) {
    if (args_one(ts, "bytearray.__iadd__", nargs, kw) < 0) return NULL;
    TrBytesView v;
    int r = bytes_view(ts, args[0], &v);
    if (r < 0) return NULL;
    if (r == 0) return err_format(ts, &tr_exc_TypeError, "can't concat %T to bytearray", args[0]);
    bytes_view_release(&v);
    return extend(ts, self, args[0]) < 0 ? NULL : tr_newref(self);
}

METHOD(ba_imul) {
    if (args_one(ts, "bytearray.__imul__", nargs, kw) < 0) return NULL;
    int64_t n;
    if (repeat_count(ts, args[0], &n) < 0) return NULL;
    int rc = 0;
    TR_BEGIN_CRITICAL(ts, self);
    TrByteArray *a = BA(self);
    size_t size = a->size;
    if (size && n > 0 && (uint64_t)n > ((size_t)1 << 60) / size) rc = NOMEM;
    else if (a->exports && (n <= 0 ? 0 : size * (size_t)n) != size) rc = EXPORTED;
    else if (n <= 0) set_size(a, 0);
    else if (reserve_locked(a, size * (size_t)n) < 0) rc = NOMEM;
    else {
        for (int64_t j = 1; j < n; j++) memcpy(a->data + (size_t)j * size, a->data, size);
        set_size(a, size * (size_t)n);
    }
    TR_END_CRITICAL(ts);
    return rc < 0 ? resize_error(ts, rc) : tr_newref(self);
}

METHOD(ba_pop) {
    if (args_range(ts, "pop", nargs, kw, 0, 1) < 0) return NULL;
    int64_t i = -1;
    if (nargs) {
        int r = index_like(ts, args[0], &i);
        if (r < 0) return NULL;
        if (r == 0) return err_format(ts, &tr_exc_TypeError, "'%T' object cannot be interpreted as an integer", args[0]);
    }
    int byte = -1, empty = 0, rc = 0;
    TR_BEGIN_CRITICAL(ts, self);
    TrByteArray *a = BA(self);
    int64_t n = (int64_t)a->size;
    if (n == 0) empty = 1;
    else {
        if (i < 0) i += n;
        if (i >= 0 && i < n) {
            byte = (unsigned char)a->data[i];
            rc = splice_locked(a, (size_t)i, (size_t)i + 1, NULL, 0);   /* shrinking: only EXPORTED */
        }
    }
    TR_END_CRITICAL(ts);
    if (empty) return err_format(ts, &tr_exc_IndexError, "pop from empty bytearray");
    if (byte < 0) return err_format(ts, &tr_exc_IndexError, "pop index out of range");
    if (rc) return resize_error(ts, rc);
    return tr_imm_from(byte);
}

METHOD(ba_insert) {
    if (args_range(ts, "insert", nargs, kw, 2, 2) < 0) return NULL;
    int64_t i;
    int r = index_like(ts, args[0], &i);
    if (r < 0) return NULL;
    if (r == 0) return err_format(ts, &tr_exc_TypeError, "'%T' object cannot be interpreted as an integer", args[0]);
    int byte;
    if (bytesops_byte_value(ts, args[1], &byte) < 0) return NULL;
    char c = (char)byte;
    int rc;
    TR_BEGIN_CRITICAL(ts, self);
    int64_t n = (int64_t)BA(self)->size;
    if (i < 0) { i += n; if (i < 0) i = 0; }
    if (i > n) i = n;
    rc = splice_locked(BA(self), (size_t)i, (size_t)i, &c, 1);
    TR_END_CRITICAL(ts);
    return rc < 0 ? resize_error(ts, rc) : tr_none;
}

METHOD(ba_remove) {
    if (args_one(ts, "bytearray.remove", nargs, kw) < 0) return NULL;
    int byte;
    if (bytesops_byte_value(ts, args[0], &byte) < 0) return NULL;
    int found = 0, rc = 0;
    TR_BEGIN_CRITICAL(ts, self);
    TrByteArray *a = BA(self);
    char *p = a->size ? memchr(a->data, byte, a->size) : NULL;
    if (p) {
        found = 1;
        size_t at = (size_t)(p - a->data);
        rc = splice_locked(a, at, at + 1, NULL, 0);   /* shrinking: only EXPORTED */
    }
    TR_END_CRITICAL(ts);
    if (!found) return err_format(ts, &tr_exc_ValueError, "value not found in bytearray");
    return rc ? resize_error(ts, rc) : tr_none;
}

METHOD(ba_clear) {
    if (args_none(ts, "bytearray.clear", nargs, kw) < 0) return NULL;
    int rc = 0;
    TR_BEGIN_CRITICAL(ts, self);
    if (BA(self)->exports && BA(self)->size) rc = EXPORTED;
    else set_size(BA(self), 0);
    TR_END_CRITICAL(ts);
    return rc ? resize_error(ts, rc) : tr_none;
}

METHOD(ba_reverse) {
    if (args_none(ts, "bytearray.reverse", nargs, kw) < 0) return NULL;
    TR_BEGIN_CRITICAL(ts, self);
    TrByteArray *a = BA(self);
    for (size_t i = 0, j = a->size; i + 1 < j; i++, j--) {
        char t = a->data[i];
        a->data[i] = a->data[j - 1];
        a->data[j - 1] = t;
    }
    TR_END_CRITICAL(ts);
    return tr_none;
}

METHOD(ba_copy) {
    if (args_none(ts, "bytearray.copy", nargs, kw) < 0) return NULL;
    TrBytesView v;
    if (bytes_view(ts, self, &v) < 0) return NULL;
    TrObject *r = bytearray_from(ts, v.p, v.n);
    bytes_view_release(&v);
    return r;
}

/* ---- the iterator ----------------------------------------------------- */

typedef struct TrByteArrayIter {
    TrObject ob_base;
    TrObject *array;     /* owned */
    uint64_t pos;        /* next index; advanced by atomic add */
} TrByteArrayIter;

TrType tr_bytearray_iter_type;

static TrObject *bytearray_iter(TrThread *ts, TrObject *o) {
    TrByteArrayIter *it = (TrByteArrayIter *)tr_alloc(ts, &tr_bytearray_iter_type);
    if (!it) return NULL;
    it->array = tr_newref(o);
    return (TrObject *)it;
}

static void iter_dealloc(TrThread *ts, TrObject *o) {
    tr_decref(((TrByteArrayIter *)o)->array);
    tr_free(o);
}

static TrObject *iter_next(TrThread *ts, TrObject *o) {
    TrByteArrayIter *it = (TrByteArrayIter *)o;
    size_t n = atomic_load_size_relaxed(&BA(it->array)->size);
    if (atomic_load_u64_relaxed(&it->pos) >= n) return NULL;
    uint64_t i = atomic_add_u64_relaxed(&it->pos, 1);
    int byte = -1;
    TR_BEGIN_CRITICAL(ts, it->array);
    if (i < BA(it->array)->size) byte = (unsigned char)BA(it->array)->data[i];
    TR_END_CRITICAL(ts);
    return byte < 0 ? NULL : tr_imm_from(byte);
}

static TrObject *iter_self(TrThread *ts, TrObject *o) { return tr_newref(o); }

TrType tr_bytearray_iter_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "bytearray_iterator",
    .basicsize = sizeof(TrByteArrayIter),
    .base = &tr_object_type,
    .dealloc = iter_dealloc,
    .iter = iter_self,
    .iternext = iter_next,
};

/* ---- the type --------------------------------------------------------- */

static const TrMethodDef bytearray_methods[] = {
    BYTESOPS_METHOD_DEFS,
    {"append", ba_append},
    {"extend", ba_extend},
    {"pop", ba_pop},
    {"insert", ba_insert},
    {"remove", ba_remove},
    {"clear", ba_clear},
    {"reverse", ba_reverse},
    {"copy", ba_copy},
    {"__iadd__", ba_iadd},
    {"__imul__", ba_imul},
    {NULL, NULL},
};

static const TrNumberSlots bytearray_number = {
    .binop = { [TR_BINOP_ADD] = concat, [TR_BINOP_MUL] = repeat, [TR_BINOP_MOD] = mod },
};

static TrObject *richcompare(TrThread *ts, TrObject *a, TrObject *b, int op) {
    return bytesops_richcompare(ts, a, b, op);
}

TrType tr_bytearray_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "bytearray",
    .basicsize = sizeof(TrByteArray),
    .flags = TR_TPFLAG_BASETYPE,
    .base = &tr_object_type,
    .dealloc = bytearray_dealloc,
    .repr = bytearray_repr,
    .richcompare = richcompare,
    .len = bytearray_len,
    .getitem = bytearray_getitem,
    .setitem = bytearray_setitem,
    .contains = bytearray_contains,
    .iter = bytearray_iter,
    .new_ = bytearray_new_slot,
    .number = &bytearray_number,
    .methods = bytearray_methods,
};
