/* objects/deque.c: collections.deque, a double-ended queue in a ring buffer
 * (O(1) appends and pops at both ends) with an optional maximum length.
 *
 * Threads: `items`, `head`, `cap`, `maxlen` and `state` are read and written
 * only under the deque's lock (TR_BEGIN_CRITICAL).  `size` is also written
 * only under it, with a release store, and read without it by len() and
 * truth (acquire).  A bounded append that overflows drops the item at the
 * other end inside the same critical section, before `size` is stored, so
 * no reader can ever see len(d) > maxlen.  `state` counts mutations: an
 * iterator (or a search that compares items outside the lock) that finds it
 * changed raises "deque mutated during iteration".
 *
 * Lock order: one deque's lock at a time (two, address order, for d1 + d2
 * comparisons is avoided by snapshotting each in turn).  No Python code runs
 * while the lock is held: items leaving the deque are decref'd after the
 * section ends, and comparisons work on counted items taken under it.
 * Race detector (threads/race.h): a deque is a queue threads hand objects
 * over with (queue.SimpleQueue, concurrent.futures), so an append or extend
 * is a release and a pop that got an item an acquire of the deque. */
#include <stdio.h>
#include <stdlib.h>
#include "objects/containers.h"
#include "torii/iter.h"
#include "threads/race.h"

typedef struct TrDeque {
    TrObject ob_base;
    TrObject **items;       /* ring of `cap` slots (a power of two, or 0); owned refs */
    size_t head;            /* index of the first item */
    size_t size;            /* items in use; atomic for lock-free len() */
    size_t cap;
    ssize_t maxlen;         /* -1: unbounded */
    uint64_t state;         /* mutation counter */
} TrDeque;

typedef struct TrDequeIter {
    TrObject ob_base;
    TrObject *deque;        /* owned; never changes */
    size_t index;           /* guarded by the deque's lock: next position (from the
                               right when reversed); SIZE_MAX once exhausted */
    uint64_t state;         /* the deque's `state` at creation */
    int reversed;
} TrDequeIter;

TrType tr_deque_type, tr_deque_iter_type;

#define D(o) ((TrDeque *)(o))

static inline size_t load_size(TrDeque *d) {
    return atomic_load_size_acquire(&d->size);   /* acquire: pairs with set_size */
}
static inline void set_size(TrDeque *d, size_t n) { atomic_store_size_release(&d->size, n); }

/* ---- the ring (caller holds the lock) ---------------------------------- */

static inline TrObject **slot(TrDeque *d, size_t i) { return &d->items[(d->head + i) & (d->cap - 1)]; }

/* Makes room for one more item.  -1 with MemoryError set; the deque is unchanged. */
static int grow(TrThread *ts, TrDeque *d) {
    if (d->size < d->cap) return 0;
    size_t ncap = d->cap ? d->cap * 2 : 8;
    TrObject **n = malloc(ncap * sizeof *n);
    if (!n) { err_nomemory(ts); return -1; }
    for (size_t i = 0; i < d->size; i++) n[i] = *slot(d, i);
    free(d->items);
    d->items = n;
    d->head = 0;
    d->cap = ncap;
    return 0;
}

static TrObject *pop_right_locked(TrDeque *d) {
    TrObject **s = slot(d, d->size - 1);
    TrObject *v = *s;
    *s = NULL;
    set_size(d, d->size - 1);
    d->state++;
    return v;
}

static TrObject *pop_left_locked(TrDeque *d) {
    TrObject *v = d->items[d->head];
    d->items[d->head] = NULL;
    d->head = (d->head + 1) & (d->cap - 1);
    set_size(d, d->size - 1);
    d->state++;
    return v;
}

/* Appends `item` (a new reference is taken) at the right or left end.  With
 * a full bounded deque the item at the other end leaves first, in the same
 * section; it is returned in *evicted (the caller decrefs it after the
 * section).  -1 on MemoryError. */
static int push_locked(TrThread *ts, TrDeque *d, TrObject *item, int left, TrObject **evicted) {
    *evicted = NULL;
    if (d->maxlen == 0) return 0;
    if (d->maxlen > 0 && d->size >= (size_t)d->maxlen)
        *evicted = left ? pop_right_locked(d) : pop_left_locked(d);
    if (grow(ts, d) < 0) return -1;
    tr_incref(item);
    if (left) {
        d->head = (d->head - 1) & (d->cap - 1);
        d->items[d->head] = item;
    } else {
        *slot(d, d->size) = item;
    }
    d->state++;
    set_size(d, d->size + 1);
    return 0;
}

static int push(TrThread *ts, TrObject *o, TrObject *item, int left) {
    TrObject *evicted;
    int r;
    RACE_RELEASE(ts, o);   /* before the item is in: whoever pops it acquires after */
    TR_BEGIN_CRITICAL(ts, o);
    r = push_locked(ts, D(o), item, left, &evicted);
    TR_END_CRITICAL(ts);
    tr_xdecref(evicted);   /* after the section: this may run a destructor */
    return r;
}

/* Removes every item; returns them as a malloc'd array for the caller to
 * release outside the lock (NULL with *n == 0 when empty). */
static TrObject **take_all_locked(TrDeque *d, size_t *n) {
    TrObject **old = d->items;
    size_t size = d->size, head = d->head, cap = d->cap;
    d->items = NULL;
    d->head = d->cap = 0;
    set_size(d, 0);
    d->state++;
    *n = size;
    if (!old) return NULL;
    /* rotate so the array holds the items from index 0 */
    TrObject **a = malloc((size ? size : 1) * sizeof *a);
    if (!a) {   /* cannot fail the clear: release in place instead */
        for (size_t i = 0; i < size; i++) old[i] = old[(head + i) & (cap - 1)];
        return old;
    }
    for (size_t i = 0; i < size; i++) a[i] = old[(head + i) & (cap - 1)];
    free(old);
    return a;
}

static void release_array(TrObject **a, size_t n) {
    for (size_t i = 0; i < n; i++) tr_decref(a[i]);
    free(a);
}

/* A counted copy of the items, in order. */
static TrObject **snapshot(TrThread *ts, TrObject *o, size_t *n) {
    TrObject **a = NULL;
    TR_BEGIN_CRITICAL(ts, o);
    TrDeque *d = D(o);
    *n = d->size;
    a = malloc((d->size ? d->size : 1) * sizeof *a);
    if (a)
        for (size_t i = 0; i < d->size; i++) a[i] = tr_newref(*slot(d, i));
    TR_END_CRITICAL(ts);
    if (!a) err_nomemory(ts);
    return a;
}

static void clear(TrThread *ts, TrObject *o) {
    size_t n;
    TrObject **a;
    TR_BEGIN_CRITICAL(ts, o);
    a = take_all_locked(D(o), &n);
    TR_END_CRITICAL(ts);
    release_array(a, n);
}

/* The item at position i (counted) and the mutation state, or NULL past the end. */
static TrObject *item_at(TrThread *ts, TrObject *o, size_t i, uint64_t *state) {
    TrObject *v = NULL;
    TR_BEGIN_CRITICAL(ts, o);
    TrDeque *d = D(o);
    if (i < d->size) v = tr_newref(*slot(d, i));
    *state = d->state;
    TR_END_CRITICAL(ts);
    return v;
}

static int mutated(TrThread *ts, TrObject *o, uint64_t state) {
    uint64_t s;
    TR_BEGIN_CRITICAL(ts, o);
    s = D(o)->state;
    TR_END_CRITICAL(ts);
    if (s != state) {
        err_set(ts, &tr_exc_RuntimeError, "deque mutated during iteration");
        return 1;
    }
    return 0;
}

/* Position of the first item equal to x in [start, stop): >= 0, -1 when
 * absent, -2 on error. */
static ssize_t find(TrThread *ts, TrObject *o, TrObject *x, size_t start, size_t stop) {
    for (size_t i = start; i < stop; i++) {
        uint64_t state;
        TrObject *v = item_at(ts, o, i, &state);
        if (!v) return -1;
        int eq = tr_richcompare_bool(ts, v, x, TR_EQ);
        tr_decref(v);
        if (eq < 0) return -2;
        if (mutated(ts, o, state)) return -2;
        if (eq) return (ssize_t)i;
    }
    return -1;
}

/* Removes the item at position i (counted by the caller to compare), if the
 * deque is still in `state`.  Returns the removed item, or NULL with
 * RuntimeError when it changed. */
static TrObject *del_at(TrThread *ts, TrObject *o, size_t i, uint64_t *state) {
    TrObject *v = NULL;
    int ok = 1;
    TR_BEGIN_CRITICAL(ts, o);
    TrDeque *d = D(o);
    if (state && d->state != *state) ok = 0;
    else if (i < d->size) {
        v = *slot(d, i);
        for (size_t k = i; k + 1 < d->size; k++) *slot(d, k) = *slot(d, k + 1);
        *slot(d, d->size - 1) = NULL;
        set_size(d, d->size - 1);
        d->state++;
    }
    TR_END_CRITICAL(ts);
    if (!ok) err_set(ts, &tr_exc_RuntimeError, "deque mutated during iteration");
    return v;
}

static TrObject *new_deque(TrThread *ts, TrType *type, ssize_t maxlen) {
    TrObject *o = tr_alloc(ts, type);
    if (o) D(o)->maxlen = maxlen;
    return o;
}

/* ---- extending ---------------------------------------------------------- */

static int extend(TrThread *ts, TrObject *o, TrObject *iterable, int left) {
    RACE_RELEASE(ts, o);
    if (iterable == o) {   /* d.extend(d): a snapshot, so the loop ends */
        size_t n;
        TrObject **a = snapshot(ts, o, &n);
        if (!a) return -1;
        int r = 0;
        for (size_t i = 0; i < n && r == 0; i++) r = push(ts, o, a[i], left);
        release_array(a, n);
        return r;
    }
    TrObject *it = tr_iter(ts, iterable);
    if (!it) return -1;
    TrObject *v;
    while ((v = tr_next(ts, it))) {
        int r = push(ts, o, v, left);
        tr_decref(v);
        if (r < 0) { tr_decref(it); return -1; }
    }
    tr_decref(it);
    return err_occurred(ts) ? -1 : 0;
}

/* ---- construction ------------------------------------------------------- */

/* Parses (iterable=(), maxlen=None) as deque() does. */
static int parse_args(TrThread *ts, TrObject *const *args, size_t nargs, TrObject *kwnames,
                      TrObject **iterable, ssize_t *maxlen) {
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    TrObject *it = NULL, *ml = NULL;
    if (nargs + nkw > 2) {
        err_format(ts, &tr_exc_TypeError, "deque() takes at most 2 arguments (%zu given)", nargs + nkw);
        return -1;
    }
    if (nargs > 0) it = args[0];
    if (nargs > 1) ml = args[1];
    for (size_t k = 0; k < nkw; k++) {
        TrObject *name = tuple_get(kwnames, k), *v = args[nargs + k];
        if (str_equal_cstr(name, "iterable") && !it) it = v;
        else if (str_equal_cstr(name, "maxlen") && !ml) ml = v;
        else if (str_equal_cstr(name, "iterable") || str_equal_cstr(name, "maxlen")) {
            err_format(ts, &tr_exc_TypeError, "argument for deque() given by name ('%S') and position (%d)",
                       name, str_equal_cstr(name, "iterable") ? 1 : 2);
            return -1;
        } else {
            err_format(ts, &tr_exc_TypeError, "deque() got an unexpected keyword argument '%S'", name);
            return -1;
        }
    }
    *iterable = it;
    *maxlen = -1;
    if (ml && ml != tr_none) {
        int64_t v;
        int r = index_like(ts, ml, &v);
        if (r < 0) return -1;
        if (r == 0) {
            err_format(ts, &tr_exc_TypeError, "'%T' object cannot be interpreted as an integer", ml);
            return -1;
        }
        if (v < 0) { err_set(ts, &tr_exc_ValueError, "maxlen must be non-negative"); return -1; }
        *maxlen = (ssize_t)v;
    }
    return 0;
}

static TrObject *deque_new_slot(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (type != &tr_deque_type) return new_deque(ts, type, -1);   /* a subclass: __init__ fills it */
    TrObject *iterable;
    ssize_t maxlen;
    if (parse_args(ts, args, nargs, kw, &iterable, &maxlen) < 0) return NULL;
    TrObject *o = new_deque(ts, type, maxlen);
    if (o && iterable && extend(ts, o, iterable, 0) < 0) TR_CLEAR(o);
    return o;
}

static TrObject *m_init(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    TrObject *iterable;
    ssize_t maxlen;
    if (parse_args(ts, args, nargs, kw, &iterable, &maxlen) < 0) return NULL;
    size_t n;
    TrObject **a;
    TR_BEGIN_CRITICAL(ts, self);
    a = take_all_locked(D(self), &n);
    D(self)->maxlen = maxlen;
    TR_END_CRITICAL(ts);
    release_array(a, n);
    if (iterable && extend(ts, self, iterable, 0) < 0) return NULL;
    return tr_newref(tr_none);
}

static void deque_dealloc(TrThread *ts, TrObject *o) {
    TrDeque *d = D(o);
    for (size_t i = 0; i < d->size; i++) tr_decref(*slot(d, i));
    free(d->items);
    tr_free(o);
}

/* ---- slots -------------------------------------------------------------- */

static ssize_t get_maxlen(TrThread *ts, TrObject *o) {
    ssize_t m;
    TR_BEGIN_CRITICAL(ts, o);
    m = D(o)->maxlen;
    TR_END_CRITICAL(ts);
    return m;
}

/* "deque([1, 2])", "deque([1], maxlen=3)"; a subclass shows its own name. */
static TrObject *deque_repr(TrThread *ts, TrObject *o) {
    const char *tname = tr_type(o) == &tr_deque_type ? "deque" : type_qualname(tr_type(o));
    if (repr_enter(o)) return str_format(ts, "[...]");
    size_t n;
    TrObject **a = snapshot(ts, o, &n);
    if (!a) { repr_leave(o); return NULL; }
    ssize_t maxlen = get_maxlen(ts, o);
    TrStrBuf b;
    strbuf_init(&b);
    strbuf_adds(&b, tname);
    strbuf_adds(&b, "([");
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (i) strbuf_add(&b, ", ", 2);
        rc = strbuf_add_repr(ts, &b, a[i]);
    }
    strbuf_addc(&b, ']');
    if (maxlen >= 0) {
        char buf[48];
        snprintf(buf, sizeof buf, ", maxlen=%zd", maxlen);
        strbuf_adds(&b, buf);
    }
    strbuf_addc(&b, ')');
    release_array(a, n);
    repr_leave(o);
    if (rc < 0) { strbuf_free(&b); return NULL; }
    return strbuf_finish(ts, &b);
}

static TrObject *deque_richcompare(TrThread *ts, TrObject *a, TrObject *b, int op) {
    if (!tr_isinstance(a, &tr_deque_type) || !tr_isinstance(b, &tr_deque_type)) return tr_notimplemented;
    size_t na, nb;
    TrObject **x = snapshot(ts, a, &na);
    if (!x) return NULL;
    TrObject **y = snapshot(ts, b, &nb);
    if (!y) { release_array(x, na); return NULL; }
    TrObject *r = tuple_compare_items(ts, x, na, y, nb, op, 1);
    release_array(x, na);
    release_array(y, nb);
    return r;
}

static ssize_t deque_len(TrThread *ts, TrObject *o) { return (ssize_t)load_size(D(o)); }
static int deque_truth(TrThread *ts, TrObject *o) { return load_size(D(o)) != 0; }

/* Normalises index `key` against the current size; -1 on error (TypeError
 * or IndexError set). */
static int index_arg(TrThread *ts, TrObject *o, TrObject *key, int64_t *out) {
    int r = index_like(ts, key, out);
    if (r < 0) return -1;
    if (r == 0) {
        err_format(ts, &tr_exc_TypeError, "sequence index must be integer, not '%T'", key);
        return -1;
    }
    return 0;
}

static TrObject *deque_getitem(TrThread *ts, TrObject *o, TrObject *key) {
    int64_t i;
    if (index_arg(ts, o, key, &i) < 0) return NULL;
    TrObject *v = NULL;
    TR_BEGIN_CRITICAL(ts, o);
    TrDeque *d = D(o);
    if (i < 0) i += (int64_t)d->size;
    if (i >= 0 && (size_t)i < d->size) v = tr_newref(*slot(d, (size_t)i));
    TR_END_CRITICAL(ts);
    if (!v) err_set(ts, &tr_exc_IndexError, "deque index out of range");
    return v;
}

static int deque_setitem(TrThread *ts, TrObject *o, TrObject *key, TrObject *value) {
    int64_t i;
    if (index_arg(ts, o, key, &i) < 0) return -1;
    TrObject *old = NULL;
    int ok = 0;
    TR_BEGIN_CRITICAL(ts, o);
    TrDeque *d = D(o);
    if (i < 0) i += (int64_t)d->size;
    if (i >= 0 && (size_t)i < d->size) {
        ok = 1;
        if (value) {
            TrObject **s = slot(d, (size_t)i);
            old = *s;
            *s = tr_newref(value);
        }
    }
    TR_END_CRITICAL(ts);
    if (!ok) { err_set(ts, &tr_exc_IndexError, "deque index out of range"); return -1; }
    if (!value) old = del_at(ts, o, (size_t)i, NULL);
    tr_xdecref(old);
    return 0;
}

static int deque_contains(TrThread *ts, TrObject *o, TrObject *x) {
    ssize_t i = find(ts, o, x, 0, SIZE_MAX);
    return i == -2 ? -1 : i >= 0;
}

/* ---- iterators ---------------------------------------------------------- */

static TrObject *iter_new(TrThread *ts, TrObject *o, int reversed) {
    TrDequeIter *it = (TrDequeIter *)tr_alloc(ts, &tr_deque_iter_type);
    if (!it) return NULL;
    it->deque = tr_newref(o);
    it->reversed = reversed;
    TR_BEGIN_CRITICAL(ts, o);
    it->state = D(o)->state;
    TR_END_CRITICAL(ts);
    return (TrObject *)it;
}

static TrObject *deque_iter(TrThread *ts, TrObject *o) { return iter_new(ts, o, 0); }

/* The iterator's `index` is guarded by its deque's lock (`deque` never
 * changes), so one lock covers both and sections never nest. */
static TrObject *iter_next(TrThread *ts, TrObject *self) {
    TrDequeIter *it = (TrDequeIter *)self;
    TrObject *v = NULL;
    int changed = 0;
    TR_BEGIN_CRITICAL(ts, it->deque);
    TrDeque *d = D(it->deque);
    if (it->index == SIZE_MAX) {
        /* exhausted */
    } else if (d->state != it->state) {
        changed = 1;
        it->index = SIZE_MAX;
    } else if (it->index < d->size) {
        size_t i = it->reversed ? d->size - 1 - it->index : it->index;
        v = tr_newref(*slot(d, i));
        it->index++;
    } else {
        it->index = SIZE_MAX;
    }
    TR_END_CRITICAL(ts);
    if (changed) err_set(ts, &tr_exc_RuntimeError, "deque mutated during iteration");
    return v;
}

static void iter_dealloc(TrThread *ts, TrObject *o) {
    tr_xdecref(((TrDequeIter *)o)->deque);
    tr_free(o);
}

static TrObject *iter_self(TrThread *ts, TrObject *o) { return tr_newref(o); }

TrType tr_deque_iter_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "_collections._deque_iterator",
    .basicsize = sizeof(TrDequeIter),
    .base = &tr_object_type,
    .dealloc = iter_dealloc,
    .iter = iter_self,
    .iternext = iter_next,
};

/* ---- methods ------------------------------------------------------------ */

static TrObject *m_append(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_one(ts, "deque.append", nargs, kw) < 0 || push(ts, self, args[0], 0) < 0) return NULL;
    return tr_newref(tr_none);
}

static TrObject *m_appendleft(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_one(ts, "deque.appendleft", nargs, kw) < 0 || push(ts, self, args[0], 1) < 0) return NULL;
    return tr_newref(tr_none);
}

static TrObject *pop_end(TrThread *ts, TrObject *self, int left) {
    TrObject *v = NULL;
    TR_BEGIN_CRITICAL(ts, self);
    TrDeque *d = D(self);
    if (d->size) v = left ? pop_left_locked(d) : pop_right_locked(d);
    TR_END_CRITICAL(ts);
    if (!v) err_set(ts, &tr_exc_IndexError, "pop from an empty deque");
    else RACE_ACQUIRE(ts, self);   /* pairs with the push's release */
    return v;
}

static TrObject *m_pop(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_none(ts, "deque.pop", nargs, kw) < 0) return NULL;
    return pop_end(ts, self, 0);
}

static TrObject *m_popleft(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_none(ts, "deque.popleft", nargs, kw) < 0) return NULL;
    return pop_end(ts, self, 1);
}

static TrObject *m_extend(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_one(ts, "deque.extend", nargs, kw) < 0 || extend(ts, self, args[0], 0) < 0) return NULL;
    return tr_newref(tr_none);
}

static TrObject *m_extendleft(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_one(ts, "deque.extendleft", nargs, kw) < 0 || extend(ts, self, args[0], 1) < 0) return NULL;
    return tr_newref(tr_none);
}

static TrObject *m_clear(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_none(ts, "deque.clear", nargs, kw) < 0) return NULL;
    clear(ts, self);
    return tr_newref(tr_none);
}

static TrObject *copy_of(TrThread *ts, TrObject *self) {
    size_t n;
    TrObject **a = snapshot(ts, self, &n);
    if (!a) return NULL;
    TrObject *c = new_deque(ts, &tr_deque_type, get_maxlen(ts, self));
    for (size_t i = 0; c && i < n; i++)
        if (push(ts, c, a[i], 0) < 0) TR_CLEAR(c);
    release_array(a, n);
    return c;
}

static TrObject *m_copy(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_none(ts, "deque.copy", nargs, kw) < 0) return NULL;
    if (tr_type(self) != &tr_deque_type) {
        /* a subclass: type(d)(d, maxlen) as CPython does */
        ssize_t m = get_maxlen(ts, self);
        TrObject *ml = m < 0 ? tr_newref(tr_none) : int_from_i64(ts, m);
        if (!ml) return NULL;
        TrObject *cargs[2] = {self, ml};
        TrObject *r = tr_call(ts, (TrObject *)tr_type(self), cargs, m < 0 ? 1 : 2, NULL);
        tr_decref(ml);
        return r;
    }
    return copy_of(ts, self);
}

static TrObject *m_count(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_one(ts, "deque.count", nargs, kw) < 0) return NULL;
    int64_t n = 0;
    for (size_t i = 0;; i++) {
        uint64_t state;
        TrObject *v = item_at(ts, self, i, &state);
        if (!v) break;
        int eq = tr_richcompare_bool(ts, v, args[0], TR_EQ);
        tr_decref(v);
        if (eq < 0 || mutated(ts, self, state)) return NULL;
        n += eq;
    }
    return int_from_i64(ts, n);
}

static TrObject *m_index(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_no_kwargs(ts, "index", kw) < 0 || tr_check_nargs(ts, "index", nargs, 1, 3) < 0) return NULL;
    int64_t size = (int64_t)load_size(D(self)), lo = 0, hi = size;
    for (size_t k = 1; k < nargs; k++) {
        int64_t v;
        int r = index_like(ts, args[k], &v);
        if (r < 0) return NULL;
        if (r == 0) return err_format(ts, &tr_exc_TypeError, "slice indices must be integers or have an __index__ method");
        if (v < 0) { v += size; if (v < 0) v = 0; }
        if (v > size) v = size;
        if (k == 1) lo = v; else hi = v;
    }
    ssize_t i = lo < hi ? find(ts, self, args[0], (size_t)lo, (size_t)hi) : -1;
    if (i == -2) return NULL;
    if (i < 0) return err_format(ts, &tr_exc_ValueError, "%R is not in deque", args[0]);
    return int_from_i64(ts, i);
}

static TrObject *m_remove(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_one(ts, "deque.remove", nargs, kw) < 0) return NULL;
    for (size_t i = 0;; i++) {
        uint64_t state;
        TrObject *v = item_at(ts, self, i, &state);
        if (!v) break;
        int eq = tr_richcompare_bool(ts, v, args[0], TR_EQ);
        tr_decref(v);
        if (eq < 0) return NULL;
        if (eq) {
            TrObject *old = del_at(ts, self, i, &state);
            if (!old) return NULL;
            tr_decref(old);
            return tr_newref(tr_none);
        }
        if (mutated(ts, self, state)) return NULL;
    }
    return err_format(ts, &tr_exc_ValueError, "%R is not in deque", args[0]);
}

static TrObject *m_insert(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_no_kwargs(ts, "insert", kw) < 0 || tr_check_nargs(ts, "insert", nargs, 2, 2) < 0) return NULL;
    int64_t i;
    int r = index_like(ts, args[0], &i);
    if (r < 0) return NULL;
    if (r == 0) return err_format(ts, &tr_exc_TypeError, "'%T' object cannot be interpreted as an integer", args[0]);
    int full = 0, rc = 0;
    TR_BEGIN_CRITICAL(ts, self);
    TrDeque *d = D(self);
    if (d->maxlen >= 0 && d->size >= (size_t)d->maxlen) full = 1;
    else if ((rc = grow(ts, d)) == 0) {
        int64_t n = (int64_t)d->size;
        if (i < 0) { i += n; if (i < 0) i = 0; }
        if (i > n) i = n;
        for (int64_t k = n; k > i; k--) *slot(d, (size_t)k) = *slot(d, (size_t)k - 1);
        *slot(d, (size_t)i) = tr_newref(args[1]);
        d->state++;
        set_size(d, d->size + 1);
    }
    TR_END_CRITICAL(ts);
    if (full) return err_format(ts, &tr_exc_IndexError, "deque already at its maximum size");
    if (rc < 0) return NULL;
    return tr_newref(tr_none);
}

static TrObject *m_reverse(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_none(ts, "deque.reverse", nargs, kw) < 0) return NULL;
    TR_BEGIN_CRITICAL(ts, self);
    TrDeque *d = D(self);
    for (size_t i = 0, j = d->size ? d->size - 1 : 0; i < j; i++, j--) {
        TrObject *t = *slot(d, i);
        *slot(d, i) = *slot(d, j);
        *slot(d, j) = t;
    }
    d->state++;
    TR_END_CRITICAL(ts);
    return tr_newref(tr_none);
}

static TrObject *m_rotate(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_no_kwargs(ts, "rotate", kw) < 0 || tr_check_nargs(ts, "rotate", nargs, 0, 1) < 0) return NULL;
    int64_t n = 1;
    if (nargs) {
        int r = index_like(ts, args[0], &n);
        if (r < 0) return NULL;
        if (r == 0) return err_format(ts, &tr_exc_TypeError, "'%T' object cannot be interpreted as an integer", args[0]);
    }
    TR_BEGIN_CRITICAL(ts, self);
    TrDeque *d = D(self);
    if (d->size > 1) {
        int64_t size = (int64_t)d->size;
        int64_t k = ((n % size) + size) % size;   /* rotate right by k */
        for (int64_t s = 0; s < k; s++) {
            /* move the last item to the front: O(1) each in a ring */
            size_t last = (d->head + d->size - 1) & (d->cap - 1);
            TrObject *v = d->items[last];
            d->items[last] = NULL;
            d->head = (d->head - 1) & (d->cap - 1);
            d->items[d->head] = v;
        }
    }
    d->state++;
    TR_END_CRITICAL(ts);
    return tr_newref(tr_none);
}

static TrObject *m_reversed(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_none(ts, "deque.__reversed__", nargs, kw) < 0) return NULL;
    return iter_new(ts, self, 1);
}

static TrObject *m_iadd(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_one(ts, "deque.__iadd__", nargs, kw) < 0 || extend(ts, self, args[0], 0) < 0) return NULL;
    return tr_newref(self);
}

static TrObject *deque_concat(TrThread *ts, TrObject *a, TrObject *b) {
    if (!tr_isinstance(a, &tr_deque_type)) return tr_notimplemented;
    if (!tr_isinstance(b, &tr_deque_type))
        return err_format(ts, &tr_exc_TypeError, "can only concatenate deque (not \"%T\") to deque", b);
    TrObject *c = copy_of(ts, a);
    if (c && extend(ts, c, b, 0) < 0) TR_CLEAR(c);
    return c;
}

/* d * n: a new deque with the items n times (bounded by maxlen). */
static TrObject *deque_repeat(TrThread *ts, TrObject *a, TrObject *b) {
    if (!tr_isinstance(a, &tr_deque_type)) { TrObject *t = a; a = b; b = t; }
    if (!tr_isinstance(a, &tr_deque_type)) return tr_notimplemented;
    int64_t n;
    int r = index_like(ts, b, &n);
    if (r < 0) return NULL;
    if (r == 0) return err_format(ts, &tr_exc_TypeError, "can't multiply sequence by non-int of type '%T'", b);
    size_t k;
    TrObject **items = snapshot(ts, a, &k);
    if (!items) return NULL;
    TrObject *c = new_deque(ts, &tr_deque_type, get_maxlen(ts, a));
    for (int64_t t = 0; c && t < n; t++)
        for (size_t i = 0; c && i < k; i++)
            if (push(ts, c, items[i], 0) < 0) TR_CLEAR(c);
    release_array(items, k);
    return c;
}

static TrObject *m_imul(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_one(ts, "deque.__imul__", nargs, kw) < 0) return NULL;
    int64_t n;
    int r = index_like(ts, args[0], &n);
    if (r < 0) return NULL;
    if (r == 0) return err_format(ts, &tr_exc_TypeError, "can't multiply sequence by non-int of type '%T'", args[0]);
    size_t k;
    TrObject **items = snapshot(ts, self, &k);
    if (!items) return NULL;
    if (n <= 0) clear(ts, self);
    for (int64_t t = 1; t < n; t++)
        for (size_t i = 0; i < k; i++)
            if (push(ts, self, items[i], 0) < 0) { release_array(items, k); return NULL; }
    release_array(items, k);
    return tr_newref(self);
}

static TrObject *m_class_getitem(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    return tr_newref(self);
}

static const TrMethodDef deque_methods[] = {
    {"__init__", m_init},
    {"append", m_append},
    {"appendleft", m_appendleft},
    {"pop", m_pop},
    {"popleft", m_popleft},
    {"extend", m_extend},
    {"extendleft", m_extendleft},
    {"clear", m_clear},
    {"copy", m_copy},
    {"__copy__", m_copy},
    {"count", m_count},
    {"index", m_index},
    {"insert", m_insert},
    {"remove", m_remove},
    {"reverse", m_reverse},
    {"rotate", m_rotate},
    {"__reversed__", m_reversed},
    {"__iadd__", m_iadd},
    {"__imul__", m_imul},
    {"__class_getitem__", m_class_getitem},
    {NULL, NULL},
};

/* `maxlen`, a read-only attribute; everything else the generic way. */
static TrObject *deque_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    if (str_equal_cstr(name, "maxlen")) {
        ssize_t m = get_maxlen(ts, o);
        return m < 0 ? tr_newref(tr_none) : int_from_i64(ts, m);
    }
    return tr_generic_getattr(ts, o, name);
}

static int deque_setattr(TrThread *ts, TrObject *o, TrObject *name, TrObject *value) {
    if (str_equal_cstr(name, "maxlen")) {
        err_set(ts, &tr_exc_AttributeError, "attribute 'maxlen' of 'collections.deque' objects is not writable");
        return -1;
    }
    return tr_generic_setattr(ts, o, name, value);
}

static const TrNumberSlots deque_number = {
    .binop = {
        [TR_BINOP_ADD] = deque_concat,
        [TR_BINOP_MUL] = deque_repeat,
    },
};

/* ---- cycle collection (threads/gc.c) ---------------------------------------- */

static void deque_traverse(TrObject *o, tr_visitfunc visit, void *arg) {
    TrDeque *d = D(o);
    for (size_t i = 0; i < d->size; i++) visit(*slot(d, i), arg);
}

TrType tr_deque_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "collections.deque",
    .basicsize = sizeof(TrDeque),
    .flags = TR_TPFLAG_BASETYPE | TR_TPFLAG_GC | TR_TPFLAG_WEAKREFABLE | TR_TPFLAG_GENERIC,
    .base = &tr_object_type,
    .dealloc = deque_dealloc,
    .repr = deque_repr,
    .richcompare = deque_richcompare,
    .truth = deque_truth,
    .len = deque_len,
    .getitem = deque_getitem,
    .setitem = deque_setitem,
    .contains = deque_contains,
    .iter = deque_iter,
    .new_ = deque_new_slot,
    .getattr = deque_getattr,
    .setattr = deque_setattr,
    .number = &deque_number,
    .methods = deque_methods,
    .traverse = deque_traverse,
    .clear = clear,
};
