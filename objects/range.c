/* objects/range.c: the range type and its iterator.
 * A range holds int64 bounds (arguments outside int64 raise OverflowError:
 * a torii limit, CPython accepts any int); its length is computed once.
 * Threads: a range is immutable.  A range iterator may be shared: each
 * next() claims its index with one atomic fetch-add, so no item is handed
 * out twice and none is skipped. */
#include "objects/containers.h"
#include "torii/iter.h"

typedef struct TrRange {
    TrObject ob_base;
    int64_t start, stop, step;
    uint64_t len;
} TrRange;

typedef struct TrRangeIter {
    TrObject ob_base;
    int64_t start, step;
    uint64_t len;
    uint64_t index;      /* atomic: next index to hand out (may run past len) */
} TrRangeIter;

#define R(o) ((TrRange *)(o))

static uint64_t compute_len(int64_t start, int64_t stop, int64_t step) {
    __int128 lo = start, hi = stop, st = step;
    if (st > 0 && lo < hi) return (uint64_t)((hi - lo - 1) / st + 1);
    if (st < 0 && lo > hi) return (uint64_t)((lo - hi - 1) / (-st) + 1);
    return 0;
}

static TrObject *make(TrThread *ts, int64_t start, int64_t stop, int64_t step) {
    TrRange *r = (TrRange *)tr_alloc(ts, &tr_range_type);
    if (!r) return NULL;
    r->start = start;
    r->stop = stop;
    r->step = step;
    r->len = compute_len(start, stop, step);
    return (TrObject *)r;
}

/* A range argument as int64 (TypeError for non-integers). */
static int arg_i64(TrThread *ts, TrObject *o, int64_t *out) {
    TrObject *v = as_integer(ts, o);
    if (!v) return -1;
    int ovf = 0;
    *out = int_as_i64_overflow(v, &ovf);
    tr_decref(v);
    if (ovf) {
        err_set(ts, &tr_exc_OverflowError, "Python int too large to convert to C ssize_t");
        return -1;
    }
    return 0;
}

TrObject *range_new(TrThread *ts, TrObject *start, TrObject *stop, TrObject *step) {
    int64_t a = 0, b = 0, c = 1;
    if (start && arg_i64(ts, start, &a) < 0) return NULL;
    if (arg_i64(ts, stop, &b) < 0) return NULL;
    if (step && arg_i64(ts, step, &c) < 0) return NULL;
    if (c == 0) return err_format(ts, &tr_exc_ValueError, "range() arg 3 must not be zero");
    return make(ts, a, b, c);
}

static TrObject *range_new_slot(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (kw && tuple_size(kw)) return err_format(ts, &tr_exc_TypeError, "range() takes no keyword arguments");
    if (nargs == 0) return err_format(ts, &tr_exc_TypeError, "range expected at least 1 argument, got 0");
    if (nargs > 3) return err_format(ts, &tr_exc_TypeError, "range expected at most 3 arguments, got %zu", nargs);
    if (nargs == 1) return range_new(ts, NULL, args[0], NULL);
    return range_new(ts, args[0], args[1], nargs > 2 ? args[2] : NULL);
}

static void range_dealloc(TrThread *ts, TrObject *o) { tr_free(o); }

static TrObject *range_repr(TrThread *ts, TrObject *o) {
    TrRange *r = R(o);
    if (r->step == 1) return str_format(ts, "range(%lld, %lld)", (long long)r->start, (long long)r->stop);
    return str_format(ts, "range(%lld, %lld, %lld)", (long long)r->start, (long long)r->stop, (long long)r->step);
}

static ssize_t range_len(TrThread *ts, TrObject *o) {
    if (R(o)->len > (uint64_t)INT64_MAX) {
        err_set(ts, &tr_exc_OverflowError, "Python int too large to convert to C ssize_t");
        return -1;
    }
    return (ssize_t)R(o)->len;
}

static int range_truth(TrThread *ts, TrObject *o) { return R(o)->len != 0; }

static TrObject *item(TrThread *ts, TrRange *r, uint64_t i) {
    return int_from_i64(ts, (int64_t)((__int128)r->start + (__int128)i * r->step));
}

static TrObject *range_getitem(TrThread *ts, TrObject *o, TrObject *key) {
    TrRange *r = R(o);
    int64_t i;
    int k = index_like(ts, key, &i);
    if (k < 0) {
        if (err_matches(ts, &tr_exc_IndexError)) {
            err_clear(ts);
            return err_format(ts, &tr_exc_IndexError, "range object index out of range");
        }
        return NULL;
    }
    if (k) {
        __int128 j = i;
        if (j < 0) j += r->len;
        if (j < 0 || j >= (__int128)r->len) return err_format(ts, &tr_exc_IndexError, "range object index out of range");
        return item(ts, r, (uint64_t)j);
    }
    if (tr_type(key) == &tr_slice_type) {
        if (r->len > (uint64_t)INT64_MAX)
            return err_format(ts, &tr_exc_OverflowError, "Python int too large to convert to C ssize_t");
        ssize_t start, stop, step;
        if (slice_indices(ts, key, (ssize_t)r->len, &start, &stop, &step) < 0) return NULL;
        __int128 a = (__int128)r->start + (__int128)start * r->step;
        __int128 b = (__int128)r->start + (__int128)stop * r->step;
        __int128 c = (__int128)step * r->step;
        if (a > INT64_MAX || a < INT64_MIN || b > INT64_MAX || b < INT64_MIN || c > INT64_MAX || c < INT64_MIN)
            return err_format(ts, &tr_exc_OverflowError, "Python int too large to convert to C ssize_t");
        return make(ts, (int64_t)a, (int64_t)b, (int64_t)c);
    }
    return err_format(ts, &tr_exc_TypeError, "range indices must be integers or slices, not %T", key);
}

/* Position of int `v` in r, or -1. */
static int64_t int_position(TrRange *r, TrObject *v) {
    int ovf = 0;
    int64_t x = int_as_i64_overflow(v, &ovf);
    if (ovf) return -1;
    __int128 d = (__int128)x - r->start;
    if (r->step > 0 ? (x < r->start || x >= r->stop) : (x > r->start || x <= r->stop)) return -1;
    if (d % r->step) return -1;
    return (int64_t)(d / r->step);
}

/* Linear search for a non-int: the index or -1, -2 on error. */
static int64_t scan(TrThread *ts, TrRange *r, TrObject *x) {
    for (uint64_t i = 0; i < r->len; i++) {
        TrObject *v = item(ts, r, i);
        if (!v) return -2;
        int eq = tr_richcompare_bool(ts, v, x, TR_EQ);
        tr_decref(v);
        if (eq < 0) return -2;
        if (eq) return (int64_t)i;
    }
    return -1;
}

static int64_t position(TrThread *ts, TrRange *r, TrObject *x) {
    if (tr_is_imm(x) || tr_type(x) == &tr_int_type || tr_type(x) == &tr_bool_type) return int_position(r, x);
    return scan(ts, r, x);
}

static int range_contains(TrThread *ts, TrObject *o, TrObject *x) {
    int64_t p = position(ts, R(o), x);
    return p == -2 ? -1 : p >= 0;
}

/* hash((len, start, step)) with None where CPython puts it. */
static int64_t range_hash(TrThread *ts, TrObject *o) {
    TrRange *r = R(o);
    TrObject *items[3] = {int_from_i64(ts, (int64_t)r->len), tr_none, tr_none};
    if (r->len) items[1] = int_from_i64(ts, r->start);
    if (r->len > 1) items[2] = int_from_i64(ts, r->step);
    TrObject *t = tuple_from_array(ts, items, 3);
    for (int i = 0; i < 3; i++) tr_decref(items[i]);
    if (!t) return -1;
    int64_t h = tr_hash(ts, t);
    tr_decref(t);
    return h;
}

static TrObject *range_richcompare(TrThread *ts, TrObject *a, TrObject *b, int op) {
    if (tr_type(a) != &tr_range_type || tr_type(b) != &tr_range_type || (op != TR_EQ && op != TR_NE))
        return tr_notimplemented;
    TrRange *x = R(a), *y = R(b);
    int eq = x->len == y->len &&
             (x->len == 0 || (x->start == y->start && (x->len == 1 || x->step == y->step)));
    return tr_bool(op == TR_EQ ? eq : !eq);
}

static TrObject *range_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    TrRange *r = R(o);
    if (str_equal_cstr(name, "start")) return int_from_i64(ts, r->start);
    if (str_equal_cstr(name, "stop")) return int_from_i64(ts, r->stop);
    if (str_equal_cstr(name, "step")) return int_from_i64(ts, r->step);
    return tr_generic_getattr(ts, o, name);
}

static TrObject *iter_make(TrThread *ts, int64_t start, int64_t step, uint64_t len) {
    TrRangeIter *it = (TrRangeIter *)tr_alloc(ts, &tr_range_iter_type);
    if (!it) return NULL;
    it->start = start;
    it->step = step;
    it->len = len;
    return (TrObject *)it;
}

static TrObject *range_iter(TrThread *ts, TrObject *o) {
    TrRange *r = R(o);
    return iter_make(ts, r->start, r->step, r->len);
}

static TrObject *m_reversed(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_none(ts, "range.__reversed__", nargs, kw) < 0) return NULL;
    TrRange *r = R(self);
    if (r->len == 0) return iter_make(ts, r->start, 1, 0);
    __int128 last = (__int128)r->start + (__int128)(r->len - 1) * r->step;
    return iter_make(ts, (int64_t)last, -r->step, r->len);
}

static TrObject *m_count(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_one(ts, "range.count", nargs, kw) < 0) return NULL;
    TrRange *r = R(self);
    TrObject *x = args[0];
    if (tr_is_imm(x) || tr_type(x) == &tr_int_type || tr_type(x) == &tr_bool_type)
        return int_from_i64(ts, int_position(r, x) >= 0);
    int64_t c = 0;
    for (uint64_t i = 0; i < r->len; i++) {
        TrObject *v = item(ts, r, i);
        if (!v) return NULL;
        int eq = tr_richcompare_bool(ts, v, x, TR_EQ);
        tr_decref(v);
        if (eq < 0) return NULL;
        c += eq;
    }
    return int_from_i64(ts, c);
}

static TrObject *m_index(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_one(ts, "range.index", nargs, kw) < 0) return NULL;
    int64_t p = position(ts, R(self), args[0]);
    if (p == -2) return NULL;
    if (p < 0) return err_format(ts, &tr_exc_ValueError, "%R is not in range", args[0]);
    return int_from_i64(ts, p);
}

static const TrMethodDef range_methods[] = {
    {"count", m_count},
    {"index", m_index},
    {"__reversed__", m_reversed},
    {NULL, NULL},
};

TrType tr_range_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "range",
    .basicsize = sizeof(TrRange),
    .base = &tr_object_type,
    .dealloc = range_dealloc,
    .repr = range_repr,
    .hash = range_hash,
    .richcompare = range_richcompare,
    .truth = range_truth,
    .len = range_len,
    .getitem = range_getitem,
    .contains = range_contains,
    .iter = range_iter,
    .new_ = range_new_slot,
    .getattr = range_getattr,
    .methods = range_methods,
};

/* ---- the iterator ----------------------------------------------------- */

static TrObject *rangeiter_next(TrThread *ts, TrObject *o) {
    TrRangeIter *it = (TrRangeIter *)o;
    if (atomic_load_u64_relaxed(&it->index) >= it->len) return NULL;   /* cheap exit, no write */
    uint64_t i = atomic_add_u64(&it->index, 1);   /* claims index i for this thread alone */
    if (i >= it->len) return NULL;
    return int_from_i64(ts, (int64_t)((__int128)it->start + (__int128)i * it->step));
}

static TrObject *rangeiter_iter(TrThread *ts, TrObject *o) { return tr_newref(o); }

static TrObject *m_length_hint(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_none(ts, "range_iterator.__length_hint__", nargs, kw) < 0) return NULL;
    TrRangeIter *it = (TrRangeIter *)self;
    uint64_t i = atomic_load_u64_relaxed(&it->index);
    return int_from_i64(ts, i >= it->len ? 0 : (int64_t)(it->len - i));
}

static const TrMethodDef rangeiter_methods[] = {
    {"__length_hint__", m_length_hint},
    {NULL, NULL},
};

TrType tr_range_iter_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "range_iterator",
    .basicsize = sizeof(TrRangeIter),
    .base = &tr_object_type,
    .dealloc = range_dealloc,
    .iter = rangeiter_iter,
    .iternext = rangeiter_next,
    .methods = rangeiter_methods,
};
