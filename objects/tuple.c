/* objects/tuple.c: the tuple type, an immutable array of references.
 * Threads: a tuple is filled by its creator before it is shared and never
 * changes after, so any thread reads `items` and `size` without locks.  The
 * cached `hash` is written with a relaxed atomic store (an idempotent race:
 * every thread computes the same value).
 * Lock order: none taken here; comparisons and hashing of items may run
 * Python code. */
#include <stdlib.h>
#include "objects/containers.h"
#include "torii/iter.h"

static TrTuple empty_tuple = {
    .ob_base = TR_STATIC_HEADER(&tr_tuple_type),
    .size = 0,
    .hash = -1,
};

/* ---- construction ------------------------------------------------------ */

TrObject *tuple_new(TrThread *ts, size_t n) {
    if (n == 0) return (TrObject *)&empty_tuple;
    if (n > ((size_t)1 << 58)) return err_nomemory(ts);
    TrTuple *t = (TrTuple *)tr_alloc_var(ts, &tr_tuple_type, sizeof(TrTuple) + n * sizeof(TrObject *));
    if (!t) return NULL;
    t->size = n;
    t->hash = -1;
    return (TrObject *)t;
}

TrObject *tuple_pair_take(TrThread *ts, TrObject *a, TrObject *b) {
    TrObject *t = a && b ? tuple_new(ts, 2) : NULL;
    if (!t) {
        tr_xdecref(a);
        tr_xdecref(b);
        return NULL;
    }
    tuple_set_take(t, 0, a);
    tuple_set_take(t, 1, b);
    return t;
}

TrObject *tuple_from_array(TrThread *ts, TrObject *const *items, size_t n) {
    TrObject *t = tuple_new(ts, n);
    if (!t) return NULL;
    for (size_t i = 0; i < n; i++) tuple_set_take(t, i, tr_newref(items[i]));
    return t;
}

TrObject *tuple_from_iterable(TrThread *ts, TrObject *iterable) {
    if (tr_type(iterable) == &tr_tuple_type) return tr_newref(iterable);
    if (tr_type(iterable) == &tr_list_type) return list_as_tuple(ts, iterable);
    TrObject *list = list_from_iterable(ts, iterable);
    if (!list) return NULL;
    TrObject *t = list_as_tuple(ts, list);
    tr_decref(list);
    return t;
}

static void tuple_dealloc(TrThread *ts, TrObject *o) {
    TrTuple *t = (TrTuple *)o;
    for (size_t i = 0; i < t->size; i++) tr_xdecref(t->items[i]);
    tr_free(o);
}

/* ---- slots ------------------------------------------------------------- */

static TrObject *tuple_repr(TrThread *ts, TrObject *o) {
    size_t n = tuple_size(o);
    if (n == 0) return str_from_cstr(ts, "()");
    TrStrBuf b;
    strbuf_init(&b);
    strbuf_addc(&b, '(');
    for (size_t i = 0; i < n; i++) {
        if (i) strbuf_add(&b, ", ", 2);
        if (strbuf_add_repr(ts, &b, tuple_get(o, i)) < 0) { strbuf_free(&b); return NULL; }
    }
    if (n == 1) strbuf_addc(&b, ',');
    strbuf_addc(&b, ')');
    return strbuf_finish(ts, &b);
}

/* CPython's tuple hash: xxHash's round over the item hashes. */
static int64_t tuple_hash(TrThread *ts, TrObject *o) {
    TrTuple *t = (TrTuple *)o;
    int64_t cached = (int64_t)atomic_load_u64_relaxed((const uint64_t *)&t->hash);
    if (cached != -1) return cached;
    /* items' hashes recurse (a tuple nested 1,000,000 deep); CPython counts
     * no depth here, so only the C stack bounds it */
    if (tr_check_cstack(ts, "")) return -1;
    uint64_t acc = XXPRIME_5;
    for (size_t i = 0; i < t->size; i++) {
        int64_t h = tr_hash(ts, t->items[i]);
        if (h == -1) return -1;
        acc += (uint64_t)h * XXPRIME_2;
        acc = XXROTATE(acc);
        acc *= XXPRIME_1;
    }
    acc += (uint64_t)t->size ^ (XXPRIME_5 ^ 3527539UL);
    if (acc == (uint64_t)-1) acc = 1546275796;
    /* relaxed: an idempotent cache, every thread stores the same value */
    atomic_store_u64_relaxed((uint64_t *)&t->hash, acc);
    return (int64_t)acc;
}

/* The items' comparisons recurse (two lists nested 100,000 deep): each
 * level is one guarded call, "maximum recursion depth exceeded in
 * comparison" as CPython's (which counts in every rich comparison; only
 * containers can nest, so only they pay for the guard here). */
static __attribute__((noinline)) TrObject *compare_items(TrThread *ts, TrObject *const *a, size_t na,
                                                          TrObject *const *b, size_t nb, int op);

TrObject *tuple_compare_items(TrThread *ts, TrObject *const *a, size_t na, TrObject *const *b, size_t nb,
                              int op, int len_shortcut) {
    if (len_shortcut && (op == TR_EQ || op == TR_NE) && na != nb) return tr_bool(op == TR_NE);
    if (tr_enter_recursive(ts, " in comparison")) return NULL;
    TrObject *r = compare_items(ts, a, na, b, nb, op);
    tr_leave_recursive(ts);
    return r;
}

static TrObject *compare_items(TrThread *ts, TrObject *const *a, size_t na, TrObject *const *b, size_t nb,
                               int op) {
    size_t i;
    for (i = 0; i < na && i < nb; i++) {
        int eq = tr_richcompare_bool(ts, a[i], b[i], TR_EQ);
        if (eq < 0) return NULL;
        if (!eq) break;
    }
    if (i >= na || i >= nb) {
        int r;
        switch (op) {
        case TR_LT: r = na < nb; break;
        case TR_LE: r = na <= nb; break;
        case TR_EQ: r = na == nb; break;
        case TR_NE: r = na != nb; break;
        case TR_GT: r = na > nb; break;
        default: r = na >= nb; break;
        }
        return tr_bool(r);
    }
    if (op == TR_EQ) return tr_false;
    if (op == TR_NE) return tr_true;
    return tr_richcompare(ts, a[i], b[i], op);
}

static TrObject *tuple_richcompare(TrThread *ts, TrObject *a, TrObject *b, int op) {
    if (!tuple_check(a) || !tuple_check(b)) return tr_notimplemented;
    /* as CPython's tuples: no length shortcut for == (items' __eq__ still run) */
    return tuple_compare_items(ts, ((TrTuple *)a)->items, tuple_size(a), ((TrTuple *)b)->items,
                               tuple_size(b), op, 0);
}

static ssize_t tuple_len(TrThread *ts, TrObject *o) { return (ssize_t)tuple_size(o); }

static TrObject *tuple_getitem(TrThread *ts, TrObject *o, TrObject *key) {
    size_t n = tuple_size(o);
    int64_t i;
    int r = index_like(ts, key, &i);
    if (r < 0) return NULL;
    if (r) {
        if (i < 0) i += (int64_t)n;
        if (i < 0 || (uint64_t)i >= n)
            return err_format(ts, &tr_exc_IndexError, "tuple index out of range");
        return tr_newref(tuple_get(o, (size_t)i));
    }
    if (tr_type(key) == &tr_slice_type) {
        ssize_t start, stop, step;
        ssize_t len = slice_indices(ts, key, (ssize_t)n, &start, &stop, &step);
        if (len < 0) return NULL;
        if (step == 1 && len == (ssize_t)n && tr_type(o) == &tr_tuple_type) return tr_newref(o);
        TrObject *t = tuple_new(ts, (size_t)len);
        if (!t) return NULL;
        for (ssize_t k = 0, j = start; k < len; k++, j += step)
            tuple_set_take(t, (size_t)k, tr_newref(tuple_get(o, (size_t)j)));
        return t;
    }
    return err_format(ts, &tr_exc_TypeError, "tuple indices must be integers or slices, not %T", key);
}

static int tuple_contains(TrThread *ts, TrObject *o, TrObject *item) {
    size_t n = tuple_size(o);
    for (size_t i = 0; i < n; i++) {
        int r = tr_richcompare_bool(ts, tuple_get(o, i), item, TR_EQ);
        if (r) return r;
    }
    return 0;
}

static TrObject *tuple_iter(TrThread *ts, TrObject *o) { return tuple_iter_new(ts, o); }

static TrObject *concat(TrThread *ts, TrObject *a, TrObject *b) {
    if (!tuple_check(a)) return tr_notimplemented;
    if (!tuple_check(b)) {
        if (tr_type(b)->flags & TR_TPFLAG_HEAPTYPE) return tr_notimplemented;
        return err_format(ts, &tr_exc_TypeError, "can only concatenate tuple (not \"%T\") to tuple", b);
    }
    size_t na = tuple_size(a), nb = tuple_size(b);
    if (nb == 0 && tr_type(a) == &tr_tuple_type) return tr_newref(a);
    if (na == 0 && tr_type(b) == &tr_tuple_type) return tr_newref(b);
    TrObject *t = tuple_new(ts, na + nb);
    if (!t) return NULL;
    for (size_t i = 0; i < na; i++) tuple_set_take(t, i, tr_newref(tuple_get(a, i)));
    for (size_t i = 0; i < nb; i++) tuple_set_take(t, na + i, tr_newref(tuple_get(b, i)));
    return t;
}

static TrObject *repeat(TrThread *ts, TrObject *a, TrObject *b) {
    TrObject *seq = tuple_check(a) ? a : b, *count = seq == a ? b : a;
    int64_t n;
    int r = index_like(ts, count, &n);
    if (r < 0) return NULL;
    if (r == 0) {
        if (tr_type(count)->flags & TR_TPFLAG_HEAPTYPE) return tr_notimplemented;
        return err_format(ts, &tr_exc_TypeError, "can't multiply sequence by non-int of type '%T'", count);
    }
    size_t size = tuple_size(seq);
    if (n <= 0 || size == 0) return tuple_new(ts, 0);
    if (n == 1 && tr_type(seq) == &tr_tuple_type) return tr_newref(seq);
    if ((uint64_t)n > ((size_t)1 << 58) / size) return err_nomemory(ts);
    TrObject *t = tuple_new(ts, size * (size_t)n);
    if (!t) return NULL;
    size_t k = 0;
    for (int64_t j = 0; j < n; j++)
        for (size_t i = 0; i < size; i++) tuple_set_take(t, k++, tr_newref(tuple_get(seq, i)));
    return t;
}

/* ---- methods ----------------------------------------------------------- */

static TrObject *tuple_count(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_one(ts, "tuple.count", nargs, kw) < 0) return NULL;
    int64_t c = 0;
    for (size_t i = 0; i < tuple_size(self); i++) {
        int r = tr_richcompare_bool(ts, tuple_get(self, i), args[0], TR_EQ);
        if (r < 0) return NULL;
        c += r;
    }
    return int_from_i64(ts, c);
}

/* Resolves index()'s optional start/stop against `len` as slice bounds. */
static int slice_bound(TrThread *ts, TrObject *o, ssize_t len, ssize_t *out) {
    int64_t v;
    int r = index_like(ts, o, &v);
    if (r < 0) {
        if (!err_matches(ts, &tr_exc_IndexError)) return -1;
        /* a huge bound clamps, as CPython's _PyEval_SliceIndex does */
        err_clear(ts);
        v = int_sign(o) < 0 ? INT64_MIN / 2 : INT64_MAX / 2;
    } else if (r == 0) {
        err_set(ts, &tr_exc_TypeError, "slice indices must be integers or have an __index__ method");
        return -1;
    }
    if (v < 0) { v += len; if (v < 0) v = 0; }
    if (v > len) v = len;
    *out = (ssize_t)v;
    return 0;
}

static TrObject *tuple_index(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_range(ts, "index", nargs, kw, 1, 3) < 0) return NULL;
    ssize_t n = (ssize_t)tuple_size(self), start = 0, stop = n;
    if (nargs > 1 && slice_bound(ts, args[1], n, &start) < 0) return NULL;
    if (nargs > 2 && slice_bound(ts, args[2], n, &stop) < 0) return NULL;
    for (ssize_t i = start; i < stop && i < n; i++) {
        int r = tr_richcompare_bool(ts, tuple_get(self, (size_t)i), args[0], TR_EQ);
        if (r < 0) return NULL;
        if (r) return int_from_i64(ts, i);
    }
    return err_format(ts, &tr_exc_ValueError, "tuple.index(x): x not in tuple");
}

static TrObject *tuple_new_slot(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (kw && tuple_size(kw)) return err_format(ts, &tr_exc_TypeError, "tuple() takes no keyword arguments");
    if (nargs > 1) return err_format(ts, &tr_exc_TypeError, "tuple expected at most 1 argument, got %zu", nargs);
    TrObject *t = nargs == 0 ? tuple_new(ts, 0) : tuple_from_iterable(ts, args[0]);
    if (!t || type == &tr_tuple_type) return t;
    /* a subclass instance: the same layout, items moved over */
    size_t n = tuple_size(t);
    TrTuple *r = (TrTuple *)tr_alloc_var(ts, type, sizeof(TrTuple) + n * sizeof(TrObject *));
    if (r) {
        r->size = n;
        r->hash = -1;
        for (size_t i = 0; i < n; i++) r->items[i] = tr_newref(tuple_get(t, i));
    }
    tr_decref(t);
    return (TrObject *)r;
}

static const TrMethodDef tuple_methods[] = {
    {"count", tuple_count},
    {"index", tuple_index},
    {NULL, NULL},
};

static const TrNumberSlots tuple_number = {
    .binop = { [TR_BINOP_ADD] = concat, [TR_BINOP_MUL] = repeat },
};

/* ---- cycle collection (threads/gc.c) ---------------------------------------- */

static void tuple_traverse(TrObject *o, tr_visitfunc visit, void *arg) {
    TrTuple *t = (TrTuple *)o;
    for (size_t i = 0; i < t->size; i++) visit(t->items[i], arg);
}

TrType tr_tuple_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "tuple",
    .basicsize = sizeof(TrTuple),
    .flags = TR_TPFLAG_BASETYPE | TR_TPFLAG_GC | TR_TPFLAG_GENERIC,
    .base = &tr_object_type,
    .dealloc = tuple_dealloc,
    .repr = tuple_repr,
    .hash = tuple_hash,
    .richcompare = tuple_richcompare,
    .len = tuple_len,
    .getitem = tuple_getitem,
    .contains = tuple_contains,
    .iter = tuple_iter,
    .new_ = tuple_new_slot,
    .number = &tuple_number,
    .methods = tuple_methods,
    .traverse = tuple_traverse,
};
