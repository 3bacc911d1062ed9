/* objects/slice.c: the slice type and slice_indices, the resolution of a
 * slice against a sequence length with CPython's semantics.
 * Threads: a slice is immutable after slice_new; any thread reads it. */
#include "objects/containers.h"

TrObject *slice_new(TrThread *ts, TrObject *start, TrObject *stop, TrObject *step) {
    TrSlice *s = (TrSlice *)tr_alloc(ts, &tr_slice_type);
    if (!s) return NULL;
    s->start = tr_newref(start ? start : tr_none);
    s->stop = tr_newref(stop ? stop : tr_none);
    s->step = tr_newref(step ? step : tr_none);
    return (TrObject *)s;
}

/* A slice field as a clamped ssize_t; 0 if None (sets *isnone). */
static int field(TrThread *ts, TrObject *o, ssize_t *out, int *isnone) {
    *isnone = o == tr_none;
    if (*isnone) return 0;
    TrObject *iv = NULL;
    if (!int_check(o)) {
        const TrNumberSlots *n = tr_type(o)->number;
        if (!n || !n->index) {
            err_set(ts, &tr_exc_TypeError, "slice indices must be integers or None or have an __index__ method");
            return -1;
        }
        if (!(iv = n->index(ts, o))) return -1;
        o = iv;
    }
    int ovf = 0;
    int64_t v = int_as_i64_overflow(o, &ovf);
    if (ovf) v = ovf > 0 ? INT64_MAX : -INT64_MAX;   /* clamp, as CPython's PySlice_Unpack */
    tr_xdecref(iv);
    *out = (ssize_t)v;
    return 0;
}

ssize_t slice_indices(TrThread *ts, TrObject *slice, ssize_t length, ssize_t *pstart, ssize_t *pstop,
                      ssize_t *pstep) {
    TrSlice *s = (TrSlice *)slice;
    ssize_t start = 0, stop = 0, step = 1;
    int none_start, none_stop, none_step;
    if (field(ts, s->step, &step, &none_step) < 0) return -1;
    if (none_step) step = 1;
    if (step == 0) { err_set(ts, &tr_exc_ValueError, "slice step cannot be zero"); return -1; }
    if (step < -INT64_MAX) step = -INT64_MAX;
    if (field(ts, s->start, &start, &none_start) < 0) return -1;
    if (field(ts, s->stop, &stop, &none_stop) < 0) return -1;
    if (none_start) start = step < 0 ? INT64_MAX : 0;
    if (none_stop) stop = step < 0 ? -INT64_MAX : INT64_MAX;
    /* adjust against the length (PySlice_AdjustIndices) */
    if (start < 0) {
        start += length;
        if (start < 0) start = step < 0 ? -1 : 0;
    } else if (start >= length) {
        start = step < 0 ? length - 1 : length;
    }
    if (stop < 0) {
        stop += length;
        if (stop < 0) stop = step < 0 ? -1 : 0;
    } else if (stop >= length) {
        stop = step < 0 ? length - 1 : length;
    }
    ssize_t n = 0;
    if (step < 0) {
        if (stop < start) n = (start - stop - 1) / (-step) + 1;
    } else if (start < stop) {
        n = (stop - start - 1) / step + 1;
    }
    *pstart = start;
    *pstop = stop;
    *pstep = step;
    return n;
}

static void slice_dealloc(TrThread *ts, TrObject *o) {
    TrSlice *s = (TrSlice *)o;
    tr_decref(s->start);
    tr_decref(s->stop);
    tr_decref(s->step);
    tr_free(o);
}

static TrObject *slice_repr(TrThread *ts, TrObject *o) {
    TrSlice *s = (TrSlice *)o;
    return str_format(ts, "slice(%R, %R, %R)", s->start, s->stop, s->step);
}

static TrObject *as_tuple(TrThread *ts, TrObject *o) {
    TrSlice *s = (TrSlice *)o;
    TrObject *items[3] = {s->start, s->stop, s->step};
    return tuple_from_array(ts, items, 3);
}

/* CPython 3.12+'s slice hash: the tuple hash's xxHash rounds over start,
 * stop, step, without the tuple's final length mix. */
static int64_t slice_hash(TrThread *ts, TrObject *o) {
    TrSlice *s = (TrSlice *)o;
    TrObject *vals[3] = {s->start, s->stop, s->step};
    uint64_t acc = XXPRIME_5;
    for (int i = 0; i < 3; i++) {
        int64_t h = tr_hash(ts, vals[i]);
        if (h == -1) return -1;
        acc += (uint64_t)h * XXPRIME_2;
        acc = XXROTATE(acc);
        acc *= XXPRIME_1;
    }
    if (acc == (uint64_t)-1) return 1546275796;
    return (int64_t)acc;
}

static TrObject *slice_richcompare(TrThread *ts, TrObject *a, TrObject *b, int op) {
    if (tr_type(a) != &tr_slice_type || tr_type(b) != &tr_slice_type) return tr_notimplemented;
    TrObject *ta = as_tuple(ts, a), *tb = ta ? as_tuple(ts, b) : NULL;
    TrObject *r = tb ? tr_richcompare(ts, ta, tb, op) : NULL;
    tr_xdecref(ta);
    tr_xdecref(tb);
    return r;
}

static TrObject *slice_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    TrSlice *s = (TrSlice *)o;
    if (str_equal_cstr(name, "start")) return tr_newref(s->start);
    if (str_equal_cstr(name, "stop")) return tr_newref(s->stop);
    if (str_equal_cstr(name, "step")) return tr_newref(s->step);
    return tr_generic_getattr(ts, o, name);
}

static TrObject *m_indices(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_one(ts, "slice.indices", nargs, kw) < 0) return NULL;
    int64_t len;
    int r = index_like(ts, args[0], &len);
    if (r < 0) return NULL;
    if (r == 0) return err_format(ts, &tr_exc_TypeError, "'%T' object cannot be interpreted as an integer", args[0]);
    if (len < 0) return err_format(ts, &tr_exc_ValueError, "length should not be negative");
    ssize_t start, stop, step;
    if (slice_indices(ts, self, (ssize_t)len, &start, &stop, &step) < 0) return NULL;
    TrObject *t = tuple_new(ts, 3);
    if (!t) return NULL;
    tuple_set_take(t, 0, int_from_i64(ts, start));
    tuple_set_take(t, 1, int_from_i64(ts, stop));
    tuple_set_take(t, 2, int_from_i64(ts, step));
    return t;
}

static TrObject *slice_new_slot(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (kw && tuple_size(kw)) return err_format(ts, &tr_exc_TypeError, "slice() takes no keyword arguments");
    if (nargs == 0) return err_format(ts, &tr_exc_TypeError, "slice expected at least 1 argument, got 0");
    if (nargs > 3) return err_format(ts, &tr_exc_TypeError, "slice expected at most 3 arguments, got %zu", nargs);
    if (nargs == 1) return slice_new(ts, NULL, args[0], NULL);
    return slice_new(ts, args[0], args[1], nargs > 2 ? args[2] : NULL);
}

static const TrMethodDef slice_methods[] = {
    {"indices", m_indices},
    {NULL, NULL},
};

TrType tr_slice_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "slice",
    .basicsize = sizeof(TrSlice),
    .base = &tr_object_type,
    .dealloc = slice_dealloc,
    .repr = slice_repr,
    .hash = slice_hash,
    .richcompare = slice_richcompare,
    .getattr = slice_getattr,
    .new_ = slice_new_slot,
    .methods = slice_methods,
};
