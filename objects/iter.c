/* objects/iter.c: the iterator types over sequences and the builtin
 * iterator classes: iterator (the generic getitem iterator), tuple_iterator,
 * list_iterator, list_reverseiterator, reversed, enumerate, zip, map, filter.
 * They share one shape (hold what they iterate, hand out the next item)
 * and one rule, so they live together.
 *
 * Threads: any iterator may be shared by threads, and no item may be handed
 * out twice.  Index-based iterators claim their index with one atomic
 * fetch-add (`index`), then read the item (list items through
 * list_get_ref_at, which is safe against concurrent mutation).  Iterators
 * over other iterators (enumerate, zip, map, filter) pull from them under
 * the iterator's own lock (TR_BEGIN_CRITICAL), so a pull and its pairing
 * (the count, the other zip lanes) are one step; map's function and filter's
 * predicate run after the lock is dropped.
 * Lock order: an iterator's lock before anything its source takes. */
#include <stdlib.h>
#include "objects/containers.h"
#include "torii/iter.h"

static TrObject *self_iter(TrThread *ts, TrObject *o) { return tr_newref(o); }

/* ---- index iterators ----------------------------------------------------- */

/* tuple_iterator, list_iterator, list_reverseiterator, reversed and the
 * generic "iterator" share this layout. */
typedef struct IndexIter {
    TrObject ob_base;
    TrObject *seq;       /* owned; kept until dealloc (threads may still be reading) */
    ssize_t index;       /* atomic: next index (forward) or next index from the end (reverse) */
    uint32_t done;       /* atomic: 1 once exhausted; stays exhausted */
} IndexIter;

static TrObject *indexiter_new(TrThread *ts, TrType *type, TrObject *seq, ssize_t start) {
    IndexIter *it = (IndexIter *)tr_alloc(ts, type);
    if (!it) return NULL;
    it->seq = tr_newref(seq);
    it->index = start;
    return (TrObject *)it;
}

static void indexiter_dealloc(TrThread *ts, TrObject *o) {
    tr_decref(((IndexIter *)o)->seq);
    tr_free(o);
}

static inline int is_done(IndexIter *it) { return atomic_load_u32_relaxed(&it->done) != 0; }
static inline void set_done(IndexIter *it) { atomic_store_u32_relaxed(&it->done, 1); }
/* Claims the next index: forward +1, reverse -1.  Returns the claimed index. */
static inline ssize_t claim(IndexIter *it, ssize_t delta) { return atomic_add_ssize(&it->index, delta); }

TrObject *tuple_iter_new(TrThread *ts, TrObject *tuple) { return indexiter_new(ts, &tr_tuple_iter_type, tuple, 0); }
TrObject *list_iter_new(TrThread *ts, TrObject *list) { return indexiter_new(ts, &tr_list_iter_type, list, 0); }
TrObject *list_reviter_new(TrThread *ts, TrObject *list) {
    return indexiter_new(ts, &tr_list_reviter_type, list, (ssize_t)list_size(list) - 1);
}
TrObject *seq_iter_new(TrThread *ts, TrObject *seq) { return indexiter_new(ts, &tr_seq_iter_type, seq, 0); }

static TrObject *tupleiter_next(TrThread *ts, TrObject *o) {
    IndexIter *it = (IndexIter *)o;
    if (is_done(it)) return NULL;
    ssize_t i = claim(it, 1);
    if (i >= (ssize_t)tuple_size(it->seq)) { set_done(it); return NULL; }
    return tr_newref(tuple_get(it->seq, (size_t)i));
}

static TrObject *listiter_next(TrThread *ts, TrObject *o) {
    IndexIter *it = (IndexIter *)o;
    if (is_done(it)) return NULL;
    ssize_t i = claim(it, 1);
    TrObject *v;
    if (list_get_ref_at(ts, it->seq, (size_t)i, &v) == 0) { set_done(it); return NULL; }
    return v;   /* a new reference, or an immediate */
}

static TrObject *listreviter_next(TrThread *ts, TrObject *o) {
    IndexIter *it = (IndexIter *)o;
    if (is_done(it)) return NULL;
    ssize_t i = claim(it, -1);
    TrObject *v;
    if (i < 0 || list_get_ref_at(ts, it->seq, (size_t)i, &v) == 0) { set_done(it); return NULL; }
    return v;
}

/* seq[i] for the generic iterators; NULL + no exception at IndexError or
 * StopIteration. */
static TrObject *getitem_or_end(TrThread *ts, IndexIter *it, ssize_t i) {
    TrObject *key = int_from_i64(ts, i);
    if (!key) return NULL;
    TrObject *v = tr_getitem(ts, it->seq, key);
    tr_decref(key);
    if (!v && (err_matches(ts, &tr_exc_IndexError) || err_matches(ts, &tr_exc_StopIteration))) {
        err_clear(ts);
        set_done(it);
    }
    return v;
}

static TrObject *seqiter_next(TrThread *ts, TrObject *o) {
    IndexIter *it = (IndexIter *)o;
    if (is_done(it)) return NULL;
    return getitem_or_end(ts, it, claim(it, 1));
}

static TrObject *reversed_next(TrThread *ts, TrObject *o) {
    IndexIter *it = (IndexIter *)o;
    if (is_done(it)) return NULL;
    ssize_t i = claim(it, -1);
    if (i < 0) { set_done(it); return NULL; }
    return getitem_or_end(ts, it, i);
}

static TrObject *m_length_hint(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_none(ts, "__length_hint__", nargs, kw) < 0) return NULL;
    IndexIter *it = (IndexIter *)self;
    if (is_done(it)) return int_from_i64(ts, 0);
    ssize_t i = atomic_load_ssize_relaxed(&it->index), n;
    TrType *t = tr_type(self);
    if (t == &tr_list_reviter_type || t == &tr_reversed_type) {
        n = i + 1;
    } else {
        ssize_t len = t == &tr_tuple_iter_type ? (ssize_t)tuple_size(it->seq)
                      : t == &tr_list_iter_type ? (ssize_t)list_size(it->seq) : tr_len(ts, it->seq);
        if (len < 0) return NULL;
        n = len - i;
    }
    return int_from_i64(ts, n < 0 ? 0 : n);
}

static const TrMethodDef indexiter_methods[] = {
    {"__length_hint__", m_length_hint},
    {NULL, NULL},
};

#define INDEXITER_TYPE(cname, pyname, next) \
    TrType cname = { \
        .ob_base = TR_STATIC_TYPE_HEADER, .name = pyname, .basicsize = sizeof(IndexIter), \
        .base = &tr_object_type, .dealloc = indexiter_dealloc, .iter = self_iter, .iternext = next, \
        .methods = indexiter_methods, \
    }
INDEXITER_TYPE(tr_tuple_iter_type, "tuple_iterator", tupleiter_next);
INDEXITER_TYPE(tr_list_iter_type, "list_iterator", listiter_next);
INDEXITER_TYPE(tr_list_reviter_type, "list_reverseiterator", listreviter_next);
INDEXITER_TYPE(tr_seq_iter_type, "iterator", seqiter_next);

/* reversed(seq): the sequence's __reversed__ if it has one, else an index
 * iterator from len(seq) - 1 down. */
static TrObject *reversed_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (kw && tuple_size(kw)) return err_format(ts, &tr_exc_TypeError, "reversed() takes no keyword arguments");
    if (nargs != 1) return err_format(ts, &tr_exc_TypeError, "reversed expected 1 argument, got %zu", nargs);
    TrObject *seq = args[0];
    if (tr_type(seq) == &tr_list_type) return list_reviter_new(ts, seq);
    TrObject *m = tr_getattr_cstr(ts, seq, "__reversed__");
    if (m) {
        if (m == tr_none) {
            tr_decref(m);
            return err_format(ts, &tr_exc_TypeError, "'%T' object is not reversible", seq);
        }
        TrObject *r = tr_call(ts, m, NULL, 0, NULL);
        tr_decref(m);
        return r;
    }
    if (!err_matches(ts, &tr_exc_AttributeError)) return NULL;
    err_clear(ts);
    TrType *t = tr_type(seq);
    if (!t->getitem || !t->len || dict_check(seq))
        return err_format(ts, &tr_exc_TypeError, "'%T' object is not reversible", seq);
    ssize_t n = tr_len(ts, seq);
    if (n < 0) return NULL;
    return indexiter_new(ts, &tr_reversed_type, seq, n - 1);
}

TrType tr_reversed_type = {
    .ob_base = TR_STATIC_TYPE_HEADER, .name = "reversed", .basicsize = sizeof(IndexIter),
    .base = &tr_object_type, .dealloc = indexiter_dealloc, .iter = self_iter, .iternext = reversed_next,
    .new_ = reversed_new, .methods = indexiter_methods,
};

/* ---- enumerate ------------------------------------------------------------- */

typedef struct Enumerate {
    TrObject ob_base;
    TrObject *it;        /* owned: the underlying iterator */
    TrObject *count;     /* owned int; guarded by the enumerate's lock */
} Enumerate;

static TrObject *enumerate_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kw) {
    TrObject *iterable = nargs > 0 ? args[0] : NULL, *start = nargs > 1 ? args[1] : NULL;
    size_t nkw = kw ? tuple_size(kw) : 0;
    if (nargs + nkw > 2)
        return err_format(ts, &tr_exc_TypeError, "enumerate() takes at most 2 arguments (%zu given)", nargs + nkw);
    for (size_t k = 0; k < nkw; k++) {
        TrObject *name = tuple_get(kw, k);
        if (str_equal_cstr(name, "iterable") && !iterable) iterable = args[nargs + k];
        else if (str_equal_cstr(name, "start") && !start) start = args[nargs + k];
        else return err_format(ts, &tr_exc_TypeError, "enumerate() got an unexpected keyword argument '%S'", name);
    }
    if (!iterable) return err_format(ts, &tr_exc_TypeError, "enumerate() missing required argument 'iterable'");
    TrObject *count = start ? as_integer(ts, start) : tr_imm_from(0);
    if (!count) return NULL;
    TrObject *it = tr_iter(ts, iterable);
    if (!it) { tr_decref(count); return NULL; }
    Enumerate *e = (Enumerate *)tr_alloc(ts, type);
    if (!e) { tr_decref(it); tr_decref(count); return NULL; }
    e->it = it;
    e->count = count;
    return (TrObject *)e;
}

static void enumerate_dealloc(TrThread *ts, TrObject *o) {
    Enumerate *e = (Enumerate *)o;
    tr_decref(e->it);
    tr_decref(e->count);
    tr_free(o);
}

static TrObject *enumerate_next(TrThread *ts, TrObject *o) {
    Enumerate *e = (Enumerate *)o;
    TrObject *item, *idx = NULL, *next = NULL;
    TR_BEGIN_CRITICAL(ts, o);
    item = tr_next(ts, e->it);
    if (item) {
        idx = e->count;
        next = int_binop(ts, TR_BINOP_ADD, idx, tr_imm_from(1));
        if (next) e->count = next;   /* the old count's reference moves to `idx` */
    }
    TR_END_CRITICAL(ts);
    if (!item) return NULL;
    if (!next) { tr_decref(item); return NULL; }
    TrObject *t = tuple_new(ts, 2);
    if (!t) { tr_decref(item); tr_decref(idx); return NULL; }
    tuple_set_take(t, 0, idx);
    tuple_set_take(t, 1, item);
    return t;
}

TrType tr_enumerate_type = {
    .ob_base = TR_STATIC_TYPE_HEADER, .name = "enumerate", .basicsize = sizeof(Enumerate),
    .flags = TR_TPFLAG_BASETYPE, .base = &tr_object_type, .dealloc = enumerate_dealloc,
    .iter = self_iter, .iternext = enumerate_next, .new_ = enumerate_new,
};

/* ---- callable_iterator: iter(callable, sentinel) ------------------------------- */

typedef struct CallIter {
    TrObject ob_base;
    TrObject *func, *sentinel;   /* owned; never change */
    uint32_t done;               /* atomic: the sentinel came (or the call raised StopIteration) */
} CallIter;

TrObject *calliter_new(TrThread *ts, TrObject *func, TrObject *sentinel) {
    CallIter *c = (CallIter *)tr_alloc(ts, &tr_calliter_type);
    if (!c) return NULL;
    c->func = tr_newref(func);
    c->sentinel = tr_newref(sentinel);
    return (TrObject *)c;
}

static void calliter_dealloc(TrThread *ts, TrObject *o) {
    (void)ts;
    TR_CLEAR(((CallIter *)o)->func);
    TR_CLEAR(((CallIter *)o)->sentinel);
    tr_free(o);
}

static TrObject *calliter_next(TrThread *ts, TrObject *o) {
    CallIter *c = (CallIter *)o;
    if (atomic_load_u32_relaxed(&c->done)) return NULL;
    TrObject *v = tr_call(ts, c->func, NULL, 0, NULL);
    if (!v) {
        if (err_matches(ts, &tr_exc_StopIteration)) {
            err_clear(ts);
            atomic_store_u32_relaxed(&c->done, 1);
        }
        return NULL;
    }
    int eq = tr_richcompare_bool(ts, v, c->sentinel, TR_EQ);
    if (eq != 0) {
        tr_decref(v);
        if (eq > 0) atomic_store_u32_relaxed(&c->done, 1);
        return NULL;
    }
    return v;
}

static void calliter_traverse(TrObject *o, tr_visitfunc visit, void *arg) {
    visit(((CallIter *)o)->func, arg);
    visit(((CallIter *)o)->sentinel, arg);
}

TrType tr_calliter_type = {
    .ob_base = TR_STATIC_TYPE_HEADER, .name = "callable_iterator", .basicsize = sizeof(CallIter),
    .flags = TR_TPFLAG_GC, .base = &tr_object_type, .dealloc = calliter_dealloc,
    .iter = self_iter, .iternext = calliter_next, .traverse = calliter_traverse,
};

/* ---- zip and map ------------------------------------------------------------- */

typedef struct Zip {
    TrObject ob_base;
    TrObject *its;       /* owned tuple of iterators */
    TrObject *func;      /* map: owned function; zip: NULL */
    bool strict;         /* zip(strict=True) */
    uint32_t done;       /* guarded by the lock */
} Zip;

static TrObject *zip_make(TrThread *ts, TrType *type, TrObject *const *iterables, size_t n, TrObject *func,
                          bool strict) {
    TrObject *its = tuple_new(ts, n);
    if (!its) return NULL;
    for (size_t i = 0; i < n; i++) {
        TrObject *it = tr_iter(ts, iterables[i]);
        if (!it) {
            for (size_t j = i; j < n; j++) tuple_set_take(its, j, tr_newref(tr_none));
            tr_decref(its);
            return NULL;
        }
        tuple_set_take(its, i, it);
    }
    Zip *z = (Zip *)tr_alloc(ts, type);
    if (!z) { tr_decref(its); return NULL; }
    z->its = its;
    z->func = func ? tr_newref(func) : NULL;
    z->strict = strict;
    return (TrObject *)z;
}

static void zip_dealloc(TrThread *ts, TrObject *o) {
    Zip *z = (Zip *)o;
    tr_decref(z->its);
    tr_xdecref(z->func);
    tr_free(o);
}

static TrObject *zip_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kw) {
    bool strict = false;
    size_t nkw = kw ? tuple_size(kw) : 0;
    for (size_t k = 0; k < nkw; k++) {
        TrObject *name = tuple_get(kw, k);
        if (!str_equal_cstr(name, "strict"))
            return err_format(ts, &tr_exc_TypeError, "zip() got an unexpected keyword argument '%S'", name);
        int t = tr_is_true(ts, args[nargs + k]);
        if (t < 0) return NULL;
        strict = t;
    }
    return zip_make(ts, type, args, nargs, NULL, strict);
}

/* Pulls one item from each iterator into `out` (new references), under the
 * lock.  Returns 1, 0 at the end, -1 on error (strict mismatch included). */
static int pull_all(TrThread *ts, Zip *z, TrObject **out) {
    size_t n = tuple_size(z->its), i;
    if (z->done || n == 0) return 0;
    for (i = 0; i < n; i++) {
        out[i] = tr_next(ts, tuple_get(z->its, i));
        if (!out[i]) break;
    }
    if (i == n) return 1;
    for (size_t j = 0; j < i; j++) tr_decref(out[j]);
    if (err_occurred(ts)) return -1;
    z->done = 1;
    if (!z->strict) return 0;
    if (i) {
        if (i == 1) err_format(ts, &tr_exc_ValueError, "zip() argument %zu is shorter than argument 1", i + 1);
        else err_format(ts, &tr_exc_ValueError, "zip() argument %zu is shorter than arguments 1-%zu", i + 1, i);
        return -1;
    }
    for (i = 1; i < n; i++) {
        TrObject *x = tr_next(ts, tuple_get(z->its, i));
        if (x) {
            tr_decref(x);
            if (i == 1) err_format(ts, &tr_exc_ValueError, "zip() argument %zu is longer than argument 1", i + 1);
            else err_format(ts, &tr_exc_ValueError, "zip() argument %zu is longer than arguments 1-%zu", i + 1, i);
            return -1;
        }
        if (err_occurred(ts)) return -1;
    }
    return 0;
}

static TrObject *zip_next(TrThread *ts, TrObject *o) {
    Zip *z = (Zip *)o;
    size_t n = tuple_size(z->its);
    TrObject *t = tuple_new(ts, n);
    if (!t) return NULL;
    TrObject **items = ((TrTuple *)t)->items;
    int r;
    TR_BEGIN_CRITICAL(ts, o);
    r = pull_all(ts, z, items);
    TR_END_CRITICAL(ts);
    if (r <= 0) {
        /* the tuple holds no items: fill it with None so dealloc is safe */
        for (size_t i = 0; i < n; i++) items[i] = tr_none;
        tr_decref(t);
        return NULL;
    }
    return t;
}

TrType tr_zip_type = {
    .ob_base = TR_STATIC_TYPE_HEADER, .name = "zip", .basicsize = sizeof(Zip),
    .flags = TR_TPFLAG_BASETYPE, .base = &tr_object_type, .dealloc = zip_dealloc,
    .iter = self_iter, .iternext = zip_next, .new_ = zip_new,
};

static TrObject *map_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (kw && tuple_size(kw)) return err_format(ts, &tr_exc_TypeError, "map() takes no keyword arguments");
    if (nargs < 2) return err_format(ts, &tr_exc_TypeError, "map() must have at least two arguments.");
    return zip_make(ts, type, args + 1, nargs - 1, args[0], false);
}

static TrObject *map_next(TrThread *ts, TrObject *o) {
    Zip *z = (Zip *)o;
    size_t n = tuple_size(z->its);
    TrObject *small[8], **items = n <= 8 ? small : malloc(n * sizeof(TrObject *));
    if (!items) return err_nomemory(ts);
    int r;
    TR_BEGIN_CRITICAL(ts, o);
    r = pull_all(ts, z, items);
    TR_END_CRITICAL(ts);
    TrObject *res = NULL;
    if (r > 0) {
        res = tr_call(ts, z->func, items, n, NULL);   /* outside the lock: Python code */
        for (size_t i = 0; i < n; i++) tr_decref(items[i]);
    }
    if (items != small) free(items);
    return res;
}

TrType tr_map_type = {
    .ob_base = TR_STATIC_TYPE_HEADER, .name = "map", .basicsize = sizeof(Zip),
    .flags = TR_TPFLAG_BASETYPE, .base = &tr_object_type, .dealloc = zip_dealloc,
    .iter = self_iter, .iternext = map_next, .new_ = map_new,
};

/* ---- filter -------------------------------------------------------------------- */

typedef struct Filter {
    TrObject ob_base;
    TrObject *func;      /* owned; None: truth of the item */
    TrObject *it;        /* owned */
} Filter;

static TrObject *filter_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (kw && tuple_size(kw)) return err_format(ts, &tr_exc_TypeError, "filter() takes no keyword arguments");
    if (nargs != 2) return err_format(ts, &tr_exc_TypeError, "filter expected 2 arguments, got %zu", nargs);
    TrObject *it = tr_iter(ts, args[1]);
    if (!it) return NULL;
    Filter *f = (Filter *)tr_alloc(ts, type);
    if (!f) { tr_decref(it); return NULL; }
    f->func = tr_newref(args[0]);
    f->it = it;
    return (TrObject *)f;
}

static void filter_dealloc(TrThread *ts, TrObject *o) {
    Filter *f = (Filter *)o;
    tr_decref(f->func);
    tr_decref(f->it);
    tr_free(o);
}

static TrObject *filter_next(TrThread *ts, TrObject *o) {
    Filter *f = (Filter *)o;
    for (;;) {
        TrObject *item;
        TR_BEGIN_CRITICAL(ts, o);
        item = tr_next(ts, f->it);
        TR_END_CRITICAL(ts);
        if (!item) return NULL;
        int ok;
        if (f->func == tr_none || f->func == (TrObject *)&tr_bool_type) {
            ok = tr_is_true(ts, item);
        } else {
            TrObject *r = tr_call(ts, f->func, &item, 1, NULL);
            ok = r ? tr_is_true(ts, r) : -1;
            tr_xdecref(r);
        }
        if (ok > 0) return item;
        tr_decref(item);
        if (ok < 0) return NULL;
    }
}

TrType tr_filter_type = {
    .ob_base = TR_STATIC_TYPE_HEADER, .name = "filter", .basicsize = sizeof(Filter),
    .flags = TR_TPFLAG_BASETYPE, .base = &tr_object_type, .dealloc = filter_dealloc,
    .iter = self_iter, .iternext = filter_next, .new_ = filter_new,
};
