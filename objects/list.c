/* objects/list.c: the list type, a growable array of references.
 *
 * Threads: `items`, `size` and the item slots are written only under the
 * list's lock (TR_BEGIN_CRITICAL), always with atomic stores, because
 * list_get_ref reads them without the lock: it loads `items` (acquire: pairs
 * with the release in grow()), then `size` (acquire), checks the index
 * against both `size` and the capacity stored in the array block itself.
 * Another thread hands out the item that way only when it is an immediate
 * (which needs no count and cannot be freed), and re-reads anything else
 * under the lock.  The list's owner (the thread that made it: `ob_tid`, see
 * threads/brc.c) counts and hands out any item it reads that way, because
 * another thread releases the references it takes out of the list through
 * tr_release_unlocked (include/torii/object.h), which never frees an item
 * the owner may have loaded just before it left.  The owner's own removals
 * are dropped at once: its reads and its writes do not overlap.  A reader loads `size` before `items`: a size it
 * sees was published after the array that holds that many items.
 *
 * Item array layout: one malloc block `[cap][item 0]...[item cap-1]`;
 * `items` points at item 0 and `items[-1]` is the capacity, fixed for the
 * block's life, so a reader holding a stale `items` still knows its bounds.
 * A replaced block is freed with qsbr_free_later: a lock-free reader may
 * still be reading it.
 *
 * Lock order: one list's lock at a time (two for list-to-list operations,
 * TR_BEGIN_CRITICAL2, address order).  No Python code runs while a lock is
 * held: items leaving the list are decref'd after the section ends; sort and
 * comparisons work on counted snapshots taken under the lock. */
#include <stdlib.h>
#include "objects/containers.h"
#include "torii/iter.h"

/* torii/set.h (not included: its set_size would clash with this file's) */
TrObject *set_as_list(TrThread *ts, TrObject *o);

#define L(o) ((TrList *)(o))

/* ---- raw array access (caller holds the lock unless said otherwise) ---- */

static inline size_t arr_cap(TrObject **items) { return items ? (size_t)((uintptr_t *)items)[-1] : 0; }

static inline TrObject **load_items(TrList *l) {
    /* acquire: pairs with the release in grow(), so the copied slots are visible */
    return (TrObject **)atomic_load_ptr_acquire((void *const *)&l->items);
}
static inline size_t load_size(const TrList *l) {
    /* acquire: pairs with the release store in set_size() */
    return atomic_load_size_acquire(&l->size);
}
static inline void set_size(TrList *l, size_t n) { atomic_store_size_release(&l->size, n); }
/* acquire / release: a lock-free reader that loads an item sees the object
 * as the thread that stored it had made it */
static inline TrObject *get_slot(TrObject **items, size_t i) { return atomic_load_objptr_acquire(&items[i]); }
static inline void set_slot(TrObject **items, size_t i, TrObject *v) { atomic_store_ptr_release(&items[i], v); }

/* Moves n slots from src to dst inside one array, slot by slot with atomic
 * stores (a lock-free reader may be reading them). */
static void move_slots(TrObject **items, size_t dst, size_t src, size_t n) {
    if (dst < src)
        for (size_t k = 0; k < n; k++) set_slot(items, dst + k, get_slot(items, src + k));
    else if (dst > src)
        for (size_t k = n; k-- > 0;) set_slot(items, dst + k, get_slot(items, src + k));
}

static TrObject **alloc_block(size_t cap) {
    uintptr_t *block = malloc((cap + 1) * sizeof(TrObject *));
    if (!block) return NULL;
    block[0] = cap;
    return (TrObject **)(block + 1);
}
static void *block_of(TrObject **items) { return items ? (void *)((uintptr_t *)items - 1) : NULL; }

/* Makes room for `need` items.  On failure the list is unchanged and
 * MemoryError is pending. */
static int grow(TrThread *ts, TrList *l, size_t need) {
    TrObject **old = l->items;
    if (need <= arr_cap(old)) return 0;
    if (need > ((size_t)1 << 58)) { err_nomemory(ts); return -1; }
    size_t cap = need + (need >> 3) + (need < 9 ? 3 : 6);
    TrObject **items = alloc_block(cap);
    if (!items) { err_nomemory(ts); return -1; }
    size_t n = l->size;
    for (size_t i = 0; i < n; i++) items[i] = old[i];
    /* release: the copied slots must be visible to readers that load `items` */
    atomic_store_ptr_release(&l->items, items);
    l->alloc = cap;
    if (old) qsbr_free_later(ts, block_of(old));
    return 0;
}

/* ---- references that leave the list ---------------------------------- */

/* Drops the list's references a[0..n), which have just left `list` (the
 * lock released): see tr_release_unlocked. */
static inline void release_removed(TrThread *ts, TrObject *list, TrObject *const *a, size_t n) {
    if (!TR_BIASED_RC || tr_owned_by_me(list))
        for (size_t i = 0; i < n; i++) tr_decref(a[i]);
    else
        tr_release_unlocked(ts, list, a, n);
}

static inline void release_one(TrThread *ts, TrObject *list, TrObject *x) {
    if (!TR_BIASED_RC || tr_owned_by_me(list)) tr_decref(x);
    else tr_release_unlocked(ts, list, &x, 1);
}

/* Copies items [lo, hi) into a fresh malloc'd array with new references.
 * Caller holds the lock.  NULL on MemoryError (nothing counted). */
static TrObject **snapshot_locked(TrThread *ts, TrList *l, size_t lo, size_t hi) {
    size_t n = hi > lo ? hi - lo : 0;
    TrObject **a = malloc((n ? n : 1) * sizeof(TrObject *));
    if (!a) { err_nomemory(ts); return NULL; }
    for (size_t i = 0; i < n; i++) a[i] = tr_newref(l->items[lo + i]);
    return a;
}

static void release_array(TrObject **a, size_t n) {
    for (size_t i = 0; i < n; i++) tr_decref(a[i]);
    free(a);
}

/* Snapshot of the whole list: *n gets the count.  NULL on MemoryError. */
static TrObject **snapshot(TrThread *ts, TrObject *list, size_t *n) {
    TrObject **a;
    TR_BEGIN_CRITICAL(ts, list);
    *n = L(list)->size;
    a = snapshot_locked(ts, L(list), 0, *n);
    TR_END_CRITICAL(ts);
    return a;
}

/* ---- public API -------------------------------------------------------- */

static TrObject *list_alloc(TrThread *ts, TrType *type, size_t n) {
    TrList *l = (TrList *)tr_alloc(ts, type);
    if (!l) return NULL;
    if (n) {
        l->items = alloc_block(n);
        if (!l->items) { tr_decref((TrObject *)l); return err_nomemory(ts); }
        l->alloc = n;
    }
    return (TrObject *)l;
}

TrObject *list_new(TrThread *ts, size_t n) { return list_alloc(ts, &tr_list_type, n); }

size_t list_size(const TrObject *list) { return load_size(L(list)); }

int list_append_take(TrThread *ts, TrObject *list, TrObject *item) {
    int rc = 0;
    TrList *l = L(list);
    TR_BEGIN_CRITICAL(ts, list);
    size_t n = l->size;
    if (n >= arr_cap(l->items) && grow(ts, l, n + 1) < 0) {
        rc = -1;
    } else {
        set_slot(l->items, n, item);
        set_size(l, n + 1);
    }
    TR_END_CRITICAL(ts);
    if (rc < 0) tr_decref(item);
    return rc;
}

int list_append(TrThread *ts, TrObject *list, TrObject *item) {
    return list_append_take(ts, list, tr_newref(item));
}

int list_get_ref_at(TrThread *ts, TrObject *list, size_t i, TrObject **out) {
    TrList *l = L(list);
    size_t n = load_size(l);
    TrObject **items = load_items(l);
    if (i < n && i < arr_cap(items)) {
        TrObject *v = get_slot(items, i);
        if (tr_is_imm(v)) { *out = v; return 2; }
        if (!TR_BIASED_RC || tr_owned_by_me(list)) {
            /* alive: whoever took it out since keeps it counted for now */
            *out = tr_newref(v);
            return 1;
        }
    }
    int r = 0;
    TR_BEGIN_CRITICAL(ts, list);
    if (i < l->size) {
        *out = tr_newref(l->items[i]);
        r = 1;
    }
    TR_END_CRITICAL(ts);
    return r;
}

int list_get_ref(TrThread *ts, TrObject *list, ssize_t i, TrObject **out) {
    if (i < 0) i += (ssize_t)load_size(L(list));
    int r = i < 0 ? 0 : list_get_ref_at(ts, list, (size_t)i, out);
    if (r == 0) {
        err_set(ts, &tr_exc_IndexError, "list index out of range");
        return -1;
    }
    return r;
}

TrObject *list_get(TrThread *ts, TrObject *list, ssize_t i) {
    TrObject *v;
    if (list_get_ref(ts, list, i, &v) < 0) return NULL;
    return v;   /* an immediate (r == 2) needs no count */
}

int list_set(TrThread *ts, TrObject *list, ssize_t i, TrObject *item) {
    TrList *l = L(list);
    TrObject *old = NULL;
    tr_incref(item);
    TR_BEGIN_CRITICAL(ts, list);
    ssize_t n = (ssize_t)l->size;
    if (i < 0) i += n;
    if (i >= 0 && i < n) {
        old = l->items[i];
        set_slot(l->items, (size_t)i, item);
    }
    TR_END_CRITICAL(ts);
    if (!old) {
        tr_decref(item);
        err_set(ts, &tr_exc_IndexError, "list assignment index out of range");
        return -1;
    }
    release_one(ts, list, old);   /* outside the lock: may run a destructor */
    return 0;
}

/* Appends `n` new references from `a` (consumed, and `a` freed). */
static int append_array_take(TrThread *ts, TrObject *list, TrObject **a, size_t n) {
    int rc = 0;
    TrList *l = L(list);
    TR_BEGIN_CRITICAL(ts, list);
    size_t size = l->size;
    if (grow(ts, l, size + n) < 0) {
        rc = -1;
    } else {
        for (size_t i = 0; i < n; i++) set_slot(l->items, size + i, a[i]);
        set_size(l, size + n);
    }
    TR_END_CRITICAL(ts);
    if (rc < 0) release_array(a, n);
    else free(a);
    return rc;
}

int list_extend(TrThread *ts, TrObject *list, TrObject *iterable) {
    TrType *t = tr_type(iterable);
    if (t == &tr_list_type || t == &tr_tuple_type) {
        size_t n;
        TrObject **a;
        if (t == &tr_list_type) {
            a = snapshot(ts, iterable, &n);
        } else {
            n = tuple_size(iterable);
            a = malloc((n ? n : 1) * sizeof(TrObject *));
            if (!a) { err_nomemory(ts); return -1; }
            for (size_t i = 0; i < n; i++) a[i] = tr_newref(tuple_get(iterable, i));
        }
        if (!a) return -1;
        return append_array_take(ts, list, a, n);
    }
    /* dicts, their views and sets: one locked copy, as atomic as under a GIL */
    TrObject *copy = dict_as_list(ts, iterable);
    if (!copy && !err_occurred(ts)) copy = set_as_list(ts, iterable);
    if (copy) {
        size_t n;
        TrObject **a = snapshot(ts, copy, &n);
        tr_decref(copy);
        if (!a) return -1;
        return append_array_take(ts, list, a, n);
    }
    if (err_occurred(ts)) return -1;
    TrObject *it = tr_iter(ts, iterable);
    if (!it) return -1;
    TrObject *item;
    while ((item = tr_next(ts, it)) != NULL) {
        if (list_append_take(ts, list, item) < 0) { tr_decref(it); return -1; }
    }
    tr_decref(it);
    return err_occurred(ts) ? -1 : 0;
}

TrObject *list_from_iterable(TrThread *ts, TrObject *iterable) {
    TrObject *l = list_new(ts, 0);
    if (!l) return NULL;
    if (list_extend(ts, l, iterable) < 0) { tr_decref(l); return NULL; }
    return l;
}

TrObject *list_as_tuple(TrThread *ts, TrObject *list) {
    size_t n;
    TrObject **a = snapshot(ts, list, &n);
    if (!a) return NULL;
    TrObject *t = tuple_new(ts, n);
    if (!t) { release_array(a, n); return NULL; }
    for (size_t i = 0; i < n; i++) tuple_set_take(t, i, a[i]);
    free(a);
    return t;
}

size_t list_unpack(TrThread *ts, TrObject *list, size_t n, TrObject **out) {
    TrList *l = L(list);
    size_t len;
    TR_BEGIN_CRITICAL(ts, list);
    len = l->size;
    if (len == n)
        for (size_t i = 0; i < n; i++) out[i] = tr_newref(l->items[i]);
    TR_END_CRITICAL(ts);
    return len;
}

/* ---- sorting ----------------------------------------------------------- */

/* The comparison a < b for sorting: fast paths for immediates and exact str,
 * else tr_richcompare_bool.  1, 0, -1 on error. */
enum { CMP_IMM, CMP_STR, CMP_ANY };

static int str_lt(TrObject *a, TrObject *b) {
    size_t na = str_nbytes(a), nb = str_nbytes(b);
    int c = memcmp(str_utf8(a), str_utf8(b), na < nb ? na : nb);
    return c < 0 || (c == 0 && na < nb);
}

static inline int sort_lt(TrThread *ts, int kind, TrObject *a, TrObject *b) {
    switch (kind) {
    case CMP_IMM: return tr_imm_value(a) < tr_imm_value(b);
    case CMP_STR: return str_lt(a, b);
    default: return tr_richcompare_bool(ts, a, b, TR_LT);
    }
}

/* Stable merge sort of keys[0..n) carrying vals along (vals may equal keys).
 * Returns -1 on a comparison error (the arrays are then a permutation). */
static int merge_sort(TrThread *ts, int kind, TrObject **keys, TrObject **vals, size_t n) {
    /* binary insertion sort on runs of 16, then bottom-up merges */
    const size_t RUN = 16;
    for (size_t lo = 0; lo < n; lo += RUN) {
        size_t hi = lo + RUN < n ? lo + RUN : n;
        for (size_t i = lo + 1; i < hi; i++) {
            TrObject *pk = keys[i], *pv = vals[i];
            size_t l = lo, r = i;
            while (l < r) {
                size_t m = l + (r - l) / 2;
                int c = sort_lt(ts, kind, pk, keys[m]);
                if (c < 0) return -1;
                if (c) r = m; else l = m + 1;
            }
            for (size_t j = i; j > l; j--) { keys[j] = keys[j - 1]; vals[j] = vals[j - 1]; }
            keys[l] = pk;
            vals[l] = pv;
        }
    }
    if (n <= RUN) return 0;
    int same = keys == vals;
    TrObject **tk = malloc(n * sizeof(TrObject *)), **tv = same ? tk : malloc(n * sizeof(TrObject *));
    if (!tk || !tv) { free(tk); if (!same) free(tv); err_nomemory(ts); return -1; }
    int rc = 0;
    for (size_t width = RUN; width < n && rc == 0; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            if (rc == 0 && mid < hi) {
                while (i < mid && j < hi) {
                    int c = sort_lt(ts, kind, keys[j], keys[i]);
                    if (c < 0) { rc = -1; break; }
                    if (c) { tk[k] = keys[j]; tv[k++] = vals[j++]; }
                    else { tk[k] = keys[i]; tv[k++] = vals[i++]; }
                }
            }
            while (i < mid) { tk[k] = keys[i]; tv[k++] = vals[i++]; }
            while (j < hi) { tk[k] = keys[j]; tv[k++] = vals[j++]; }
        }
        memcpy(keys, tk, n * sizeof(TrObject *));
        if (!same) memcpy(vals, tv, n * sizeof(TrObject *));
    }
    free(tk);
    if (!same) free(tv);
    return rc;
}

static void reverse_array(TrObject **a, size_t n) {
    for (size_t i = 0, j = n; i + 1 < j; i++, j--) { TrObject *t = a[i]; a[i] = a[j - 1]; a[j - 1] = t; }
}

int list_sort(TrThread *ts, TrObject *list, TrObject *key, int reverse) {
    size_t n;
    TrObject **vals = snapshot(ts, list, &n), **keys = vals;
    if (!vals) return -1;
    if (key && key != tr_none) {
        keys = malloc((n ? n : 1) * sizeof(TrObject *));
        if (!keys) { release_array(vals, n); err_nomemory(ts); return -1; }
        for (size_t i = 0; i < n; i++) {
            keys[i] = tr_call(ts, key, &vals[i], 1, NULL);
            if (!keys[i]) { release_array(keys, i); release_array(vals, n); return -1; }
        }
    }
    int kind = CMP_IMM;
    for (size_t i = 0; i < n && kind != CMP_ANY; i++) {
        if (kind == CMP_IMM && !tr_is_imm(keys[i])) kind = (i == 0 && tr_type(keys[i]) == &tr_str_type) ? CMP_STR : CMP_ANY;
        else if (kind == CMP_STR && tr_type(keys[i]) != &tr_str_type) kind = CMP_ANY;
    }
    /* reverse before and after, so equal items keep their order (as CPython) */
    if (reverse) { reverse_array(keys, n); if (keys != vals) reverse_array(vals, n); }
    int rc = merge_sort(ts, kind, keys, vals, n);
    if (reverse) { reverse_array(keys, n); if (keys != vals) reverse_array(vals, n); }
    if (keys != vals) release_array(keys, n);
    if (rc < 0) { release_array(vals, n); return -1; }
    /* install: the sorted items replace whatever the list holds now */
    TrList *l = L(list);
    TrObject **old = NULL;
    size_t oldn = 0;
    TrObject **block = alloc_block(n ? n : 1);
    if (!block) { release_array(vals, n); err_nomemory(ts); return -1; }
    memcpy(block, vals, n * sizeof(TrObject *));
    free(vals);
    TR_BEGIN_CRITICAL(ts, list);
    old = l->items;
    oldn = l->size;
    atomic_store_ptr_release(&l->items, block);   /* release: pairs with load_items() */
    l->alloc = n ? n : 1;
    set_size(l, n);
    TR_END_CRITICAL(ts);
    if (old) {
        release_removed(ts, list, old, oldn);   /* the old block is ours now */
        qsbr_free_later(ts, block_of(old));
    }
    return 0;
}

/* ---- slots ------------------------------------------------------------- */

static void list_dealloc(TrThread *ts, TrObject *o) {
    TrList *l = L(o);
    /* no other thread holds a reference, so no lock-free reader either */
    for (size_t i = 0; i < l->size; i++) tr_decref(l->items[i]);
    free(block_of(l->items));
    tr_free(o);
}

static TrObject *list_repr(TrThread *ts, TrObject *o) {
    if (load_size(L(o)) == 0) return str_from_cstr(ts, "[]");
    if (repr_enter(o)) return str_from_cstr(ts, "[...]");
    size_t n;
    TrObject **a = snapshot(ts, o, &n);
    if (!a) { repr_leave(o); return NULL; }
    TrStrBuf b;
    strbuf_init(&b);
    strbuf_addc(&b, '[');
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (i) strbuf_add(&b, ", ", 2);
        rc = strbuf_add_repr(ts, &b, a[i]);
    }
    strbuf_addc(&b, ']');
    release_array(a, n);
    repr_leave(o);
    if (rc < 0) { strbuf_free(&b); return NULL; }
    return strbuf_finish(ts, &b);
}

static TrObject *list_richcompare(TrThread *ts, TrObject *a, TrObject *b, int op) {
    if (!list_check(a) || !list_check(b)) return tr_notimplemented;
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

static ssize_t list_len(TrThread *ts, TrObject *o) { return (ssize_t)load_size(L(o)); }
static int list_truth(TrThread *ts, TrObject *o) { return load_size(L(o)) != 0; }

static TrObject *list_getitem(TrThread *ts, TrObject *o, TrObject *key) {
    int64_t i;
    int r = index_like(ts, key, &i);
    if (r < 0) return NULL;
    if (r) return list_get(ts, o, (ssize_t)i);
    if (tr_type(key) != &tr_slice_type)
        return err_format(ts, &tr_exc_TypeError, "list indices must be integers or slices, not %T", key);
    TrList *l = L(o);
    for (;;) {
        size_t n0 = load_size(l);
        ssize_t start, stop, step;
        ssize_t len = slice_indices(ts, key, (ssize_t)n0, &start, &stop, &step);
        if (len < 0) return NULL;
        TrObject *res = list_new(ts, (size_t)len);
        if (!res) return NULL;
        int changed = 0;
        TR_BEGIN_CRITICAL(ts, o);
        if (l->size != n0) {
            changed = 1;
        } else {
            for (ssize_t k = 0, j = start; k < len; k++, j += step)
                set_slot(L(res)->items, (size_t)k, tr_newref(l->items[j]));
            L(res)->size = (size_t)len;
        }
        TR_END_CRITICAL(ts);
        if (!changed) return res;
        tr_decref(res);   /* resized meanwhile: resolve the slice again */
    }
}

/* Turns the right side of a slice assignment into a counted array. */
static TrObject **value_array(TrThread *ts, TrObject *v, size_t *n, const char *msg) {
    if (tr_type(v) == &tr_list_type || list_check(v)) return snapshot(ts, v, n);
    TrObject *t;
    if (tuple_check(v)) {
        t = tr_newref(v);
    } else {
        TrObject *it = tr_iter(ts, v);
        if (!it) {
            if (err_matches(ts, &tr_exc_TypeError)) err_set(ts, &tr_exc_TypeError, msg);
            return NULL;
        }
        tr_decref(it);
        t = tuple_from_iterable(ts, v);
        if (!t) return NULL;
    }
    *n = tuple_size(t);
    TrObject **a = malloc((*n ? *n : 1) * sizeof(TrObject *));
    if (!a) { tr_decref(t); err_nomemory(ts); return NULL; }
    for (size_t i = 0; i < *n; i++) a[i] = tr_newref(tuple_get(t, i));
    tr_decref(t);
    return a;
}

/* del l[slice] or l[slice] = value (value NULL: delete). */
static int assign_slice(TrThread *ts, TrObject *o, TrObject *slice, TrObject *value) {
    TrList *l = L(o);
    TrObject **src = NULL;
    size_t nsrc = 0;
    if (value) {
        src = value_array(ts, value, &nsrc, "must assign iterable to extended slice");
        if (!src) return -1;
    }
    for (;;) {
        size_t n0 = load_size(l);
        ssize_t start, stop, step;
        ssize_t len = slice_indices(ts, slice, (ssize_t)n0, &start, &stop, &step);
        if (len < 0) goto error;
        if (step != 1 && value && (size_t)len != nsrc) {
            err_format(ts, &tr_exc_ValueError, "attempt to assign sequence of size %zu to extended slice of size %zd",
                       nsrc, len);
            goto error;
        }
        TrObject **dead = malloc(((size_t)len + 1) * sizeof(TrObject *));
        if (!dead) { err_nomemory(ts); goto error; }
        size_t ndead = 0;
        int rc = 0, changed = 0;
        TR_BEGIN_CRITICAL(ts, o);
        if (l->size != n0) {
            changed = 1;
        } else if (step == 1) {
            if (stop < start) stop = start;
            size_t lo = (size_t)start, hi = (size_t)stop, size = l->size;
            size_t newsize = size - (hi - lo) + nsrc;
            if (grow(ts, l, newsize) < 0) {
                rc = -1;
            } else {
                for (size_t k = lo; k < hi; k++) dead[ndead++] = l->items[k];
                if (newsize > size) {   /* open the gap before filling it */
                    move_slots(l->items, lo + nsrc, hi, size - hi);
                    for (size_t k = 0; k < nsrc; k++) set_slot(l->items, lo + k, src[k]);
                    set_size(l, newsize);
                } else {                /* shrink after: readers never see slots past size */
                    for (size_t k = 0; k < nsrc; k++) set_slot(l->items, lo + k, src[k]);
                    move_slots(l->items, lo + nsrc, hi, size - hi);
                    set_size(l, newsize);
                }
            }
        } else if (value) {
            for (ssize_t k = 0, j = start; k < len; k++, j += step) {
                dead[ndead++] = l->items[j];
                set_slot(l->items, (size_t)j, src[k]);
            }
        } else {
            /* extended delete: compact the survivors in one pass */
            if (step < 0) { start = start + step * (len - 1); step = -step; }
            size_t w = (size_t)start, size = l->size;
            for (size_t r = (size_t)start; r < size; r++) {
                if (r >= (size_t)start && (r - (size_t)start) % (size_t)step == 0 &&
                    (r - (size_t)start) / (size_t)step < (size_t)len)
                    dead[ndead++] = l->items[r];
                else
                    set_slot(l->items, w++, l->items[r]);
            }
            set_size(l, w);
        }
        TR_END_CRITICAL(ts);
        if (changed) { free(dead); continue; }
        if (rc < 0) { free(dead); goto error; }
        free(src);                      /* its references now belong to the list */
        release_removed(ts, o, dead, ndead);   /* outside the lock: may run destructors */
        free(dead);
        return 0;
    }
error:
    if (src) release_array(src, nsrc);
    return -1;
}

static int del_index(TrThread *ts, TrObject *o, ssize_t i, TrObject **out) {
    TrList *l = L(o);
    TrObject *old = NULL;
    TR_BEGIN_CRITICAL(ts, o);
    ssize_t n = (ssize_t)l->size;
    if (i < 0) i += n;
    if (i >= 0 && i < n) {
        old = l->items[i];
        move_slots(l->items, (size_t)i, (size_t)i + 1, (size_t)(n - i - 1));
        set_size(l, (size_t)n - 1);
    }
    TR_END_CRITICAL(ts);
    if (!old) return 0;
    *out = old;
    return 1;
}

static int list_setitem(TrThread *ts, TrObject *o, TrObject *key, TrObject *value) {
    int64_t i;
    int r = index_like(ts, key, &i);
    if (r < 0) return -1;
    if (r) {
        if (value) return list_set(ts, o, (ssize_t)i, value);
        TrObject *old;
        if (!del_index(ts, o, (ssize_t)i, &old)) {
            err_set(ts, &tr_exc_IndexError, "list assignment index out of range");
            return -1;
        }
        release_one(ts, o, old);
        return 0;
    }
    if (tr_type(key) == &tr_slice_type) return assign_slice(ts, o, key, value);
    err_format(ts, &tr_exc_TypeError, "list indices must be integers or slices, not %T", key);
    return -1;
}

/* Finds the first i >= start, < stop with l[i] == x: index, -1 not found,
 * -2 on error.  Items are taken counted one at a time. */
static ssize_t find(TrThread *ts, TrObject *o, TrObject *x, size_t start, size_t stop) {
    for (size_t i = start; i < stop; i++) {
        TrObject *v;
        int g = list_get_ref_at(ts, o, i, &v);
        if (g == 0) return -1;
        int r = tr_richcompare_bool(ts, v, x, TR_EQ);
        if (g == 1) tr_decref(v);
        if (r < 0) return -2;
        if (r) return (ssize_t)i;
    }
    return -1;
}

static int list_contains(TrThread *ts, TrObject *o, TrObject *item) {
    ssize_t i = find(ts, o, item, 0, SIZE_MAX);
    return i == -2 ? -1 : i >= 0;
}

static TrObject *list_iter(TrThread *ts, TrObject *o) { return list_iter_new(ts, o); }

static TrObject *concat(TrThread *ts, TrObject *a, TrObject *b) {
    if (!list_check(a)) return tr_notimplemented;
    if (!list_check(b)) {
        if (tr_type(b)->flags & TR_TPFLAG_HEAPTYPE) return tr_notimplemented;
        return err_format(ts, &tr_exc_TypeError, "can only concatenate list (not \"%T\") to list", b);
    }
    size_t na, nb;
    TrObject **x = snapshot(ts, a, &na);
    if (!x) return NULL;
    TrObject **y = snapshot(ts, b, &nb);
    if (!y) { release_array(x, na); return NULL; }
    TrObject *r = list_new(ts, na + nb);
    if (!r) { release_array(x, na); release_array(y, nb); return NULL; }
    /* an empty result has no items array */
    if (na) memcpy(L(r)->items, x, na * sizeof(TrObject *));
    if (nb) memcpy(L(r)->items + na, y, nb * sizeof(TrObject *));
    L(r)->size = na + nb;
    free(x);
    free(y);
    return r;
}

static TrObject *repeat(TrThread *ts, TrObject *a, TrObject *b) {
    TrObject *seq = list_check(a) ? a : b, *count = seq == a ? b : a;
    int64_t k;
    int r = index_like(ts, count, &k);
    if (r < 0) return NULL;
    if (r == 0) {
        if (tr_type(count)->flags & TR_TPFLAG_HEAPTYPE) return tr_notimplemented;
        return err_format(ts, &tr_exc_TypeError, "can't multiply sequence by non-int of type '%T'", count);
    }
    size_t n;
    TrObject **x = snapshot(ts, seq, &n);
    if (!x) return NULL;
    if (k <= 0 || n == 0) { release_array(x, n); return list_new(ts, 0); }
    if ((uint64_t)k > ((size_t)1 << 58) / n) { release_array(x, n); return err_nomemory(ts); }
    TrObject *res = list_new(ts, n * (size_t)k);
    if (!res) { release_array(x, n); return NULL; }
    size_t w = 0;
    for (int64_t j = 0; j < k; j++)
        for (size_t i = 0; i < n; i++) L(res)->items[w++] = tr_newref(x[i]);
    L(res)->size = w;
    release_array(x, n);
    return res;
}

TrObject *list_inplace_concat(TrThread *ts, TrObject *list, TrObject *other) {
    if (list_extend(ts, list, other) < 0) return NULL;
    return tr_newref(list);
}

/* l *= n */
TrObject *list_inplace_repeat(TrThread *ts, TrObject *list, TrObject *count) {
    int64_t k;
    int r = index_like(ts, count, &k);
    if (r < 0) return NULL;
    if (r == 0) return err_format(ts, &tr_exc_TypeError, "can't multiply sequence by non-int of type '%T'", count);
    size_t n;
    TrObject **x = snapshot(ts, list, &n);
    if (!x) return NULL;
    if (k <= 0) {
        release_array(x, n);
        TrObject *sl = slice_new(ts, NULL, NULL, NULL);
        if (!sl) return NULL;
        int rc = assign_slice(ts, list, sl, NULL);
        tr_decref(sl);
        return rc < 0 ? NULL : tr_newref(list);
    }
    if ((uint64_t)k > ((size_t)1 << 58) / (n ? n : 1)) { release_array(x, n); return err_nomemory(ts); }
    size_t extra = n * (size_t)(k - 1);
    TrObject **a = malloc((extra ? extra : 1) * sizeof(TrObject *));
    if (!a) { release_array(x, n); return err_nomemory(ts); }
    for (size_t w = 0; w < extra; w++) a[w] = tr_newref(x[w % n]);
    release_array(x, n);
    if (append_array_take(ts, list, a, extra) < 0) return NULL;
    return tr_newref(list);
}

/* ---- methods ----------------------------------------------------------- */

static TrObject *m_append(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_one(ts, "list.append", nargs, kw) < 0) return NULL;
    if (list_append(ts, self, args[0]) < 0) return NULL;
    return tr_none;
}

static TrObject *m_extend(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_one(ts, "list.extend", nargs, kw) < 0) return NULL;
    if (list_extend(ts, self, args[0]) < 0) return NULL;
    return tr_none;
}

static TrObject *m_insert(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_range(ts, "insert", nargs, kw, 2, 2) < 0) return NULL;
    int64_t i;
    int r = index_like(ts, args[0], &i);
    if (r < 0) {
        if (!err_matches(ts, &tr_exc_IndexError)) return NULL;
        err_clear(ts);
        i = int_sign(args[0]) < 0 ? INT64_MIN / 2 : INT64_MAX / 2;
    } else if (r == 0) {
        return err_format(ts, &tr_exc_TypeError, "'%T' object cannot be interpreted as an integer", args[0]);
    }
    TrList *l = L(self);
    TrObject *item = tr_newref(args[1]);
    int rc = 0;
    TR_BEGIN_CRITICAL(ts, self);
    int64_t n = (int64_t)l->size;
    if (i < 0) { i += n; if (i < 0) i = 0; }
    if (i > n) i = n;
    if (grow(ts, l, (size_t)n + 1) < 0) {
        rc = -1;
    } else {
        move_slots(l->items, (size_t)i + 1, (size_t)i, (size_t)(n - i));
        set_slot(l->items, (size_t)i, item);
        set_size(l, (size_t)n + 1);
    }
    TR_END_CRITICAL(ts);
    if (rc < 0) { tr_decref(item); return NULL; }
    return tr_none;
}

static TrObject *m_pop(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_range(ts, "pop", nargs, kw, 0, 1) < 0) return NULL;
    int64_t i = -1;
    if (nargs) {
        int r = index_like(ts, args[0], &i);
        if (r < 0) return NULL;
        if (r == 0) return err_format(ts, &tr_exc_TypeError, "'%T' object cannot be interpreted as an integer", args[0]);
    }
    TrObject *old;
    if (!del_index(ts, self, (ssize_t)i, &old)) {
        if (load_size(L(self)) == 0) return err_format(ts, &tr_exc_IndexError, "pop from empty list");
        return err_format(ts, &tr_exc_IndexError, "pop index out of range");
    }
    /* the caller gets a reference of its own; the list's goes as any removal */
    release_one(ts, self, tr_newref(old));
    return old;
}

static TrObject *m_remove(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_one(ts, "list.remove", nargs, kw) < 0) return NULL;
    TrList *l = L(self);
    for (;;) {
        ssize_t i = find(ts, self, args[0], 0, SIZE_MAX);
        if (i == -2) return NULL;
        if (i == -1) return err_format(ts, &tr_exc_ValueError, "list.remove(x): x not in list");
        /* remove it only if slot i still holds what compared equal */
        TrObject *seen, *old = NULL;
        if (list_get_ref_at(ts, self, (size_t)i, &seen) == 0) continue;
        TR_BEGIN_CRITICAL(ts, self);
        if ((size_t)i < l->size && l->items[i] == seen) {
            old = seen;
            move_slots(l->items, (size_t)i, (size_t)i + 1, l->size - (size_t)i - 1);
            set_size(l, l->size - 1);
        }
        TR_END_CRITICAL(ts);
        if (!tr_is_imm(seen)) tr_decref(seen);
        if (old) { release_one(ts, self, old); return tr_none; }
    }
}

static TrObject *m_index(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_range(ts, "index", nargs, kw, 1, 3) < 0) return NULL;
    ssize_t n = (ssize_t)load_size(L(self));
    int64_t bounds[2] = {0, n};
    for (size_t k = 1; k < nargs; k++) {
        int64_t v;
        int r = index_like(ts, args[k], &v);
        if (r < 0) {
            if (!err_matches(ts, &tr_exc_IndexError)) return NULL;
            err_clear(ts);
            v = int_sign(args[k]) < 0 ? INT64_MIN / 2 : INT64_MAX / 2;
        } else if (r == 0) {
            return err_format(ts, &tr_exc_TypeError, "slice indices must be integers or have an __index__ method");
        }
        if (v < 0) { v += n; if (v < 0) v = 0; }
        bounds[k - 1] = v;
    }
    ssize_t i = find(ts, self, args[0], (size_t)bounds[0], (size_t)(bounds[1] < 0 ? 0 : bounds[1]));
    if (i == -2) return NULL;
    if (i == -1) return err_format(ts, &tr_exc_ValueError, "%R is not in list", args[0]);
    return int_from_i64(ts, i);
}

static TrObject *m_count(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_one(ts, "list.count", nargs, kw) < 0) return NULL;
    int64_t c = 0;
    for (size_t i = 0;; i++) {
        TrObject *v;
        int g = list_get_ref_at(ts, self, i, &v);
        if (g == 0) break;
        int r = tr_richcompare_bool(ts, v, args[0], TR_EQ);
        if (g == 1) tr_decref(v);
        if (r < 0) return NULL;
        c += r;
    }
    return int_from_i64(ts, c);
}

/* list.clear(): the list becomes empty; lock-free readers may still hold
 * the old array, which goes after a grace period. */
static void list_clear_all(TrThread *ts, TrObject *o) {
    TrList *l = L(o);
    TrObject **old;
    size_t n;
    TR_BEGIN_CRITICAL(ts, o);
    old = l->items;
    n = l->size;
    set_size(l, 0);
    atomic_store_ptr_release(&l->items, NULL);
    l->alloc = 0;
    TR_END_CRITICAL(ts);
    if (old) {
        release_removed(ts, o, old, n);   /* the old block is ours now */
        qsbr_free_later(ts, block_of(old));
    }
}

static TrObject *m_clear(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_none(ts, "list.clear", nargs, kw) < 0) return NULL;
    list_clear_all(ts, self);
    return tr_none;
}

static TrObject *m_copy(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_none(ts, "list.copy", nargs, kw) < 0) return NULL;
    size_t n;
    TrObject **x = snapshot(ts, self, &n);
    if (!x) return NULL;
    TrObject *r = list_new(ts, n);
    if (!r) { release_array(x, n); return NULL; }
    memcpy(L(r)->items, x, n * sizeof(TrObject *));
    L(r)->size = n;
    free(x);
    return r;
}

static TrObject *m_reverse(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_none(ts, "list.reverse", nargs, kw) < 0) return NULL;
    TrList *l = L(self);
    TR_BEGIN_CRITICAL(ts, self);
    for (size_t i = 0, j = l->size; i + 1 < j; i++, j--) {
        TrObject *t = l->items[i];
        set_slot(l->items, i, l->items[j - 1]);
        set_slot(l->items, j - 1, t);
    }
    TR_END_CRITICAL(ts);
    return tr_none;
}

static TrObject *m_sort(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (nargs) return err_format(ts, &tr_exc_TypeError, "sort() takes no positional arguments");
    TrObject *key = NULL;
    int reverse = 0;
    size_t nkw = kw ? tuple_size(kw) : 0;
    for (size_t k = 0; k < nkw; k++) {
        TrObject *name = tuple_get(kw, k), *v = args[nargs + k];
        if (str_equal_cstr(name, "key")) {
            key = v;
        } else if (str_equal_cstr(name, "reverse")) {
            if (!int_check(v)) {
                if (tr_type(v) == &tr_float_type)
                    return err_format(ts, &tr_exc_TypeError, "'float' object cannot be interpreted as an integer");
                int t = tr_is_true(ts, v);
                if (t < 0) return NULL;
                reverse = t;
            } else {
                reverse = int_sign(v) != 0;
            }
        } else {
            return err_format(ts, &tr_exc_TypeError, "sort() got an unexpected keyword argument '%S'", name);
        }
    }
    if (list_sort(ts, self, key, reverse) < 0) return NULL;
    return tr_none;
}

static TrObject *m_iadd(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_one(ts, "list.__iadd__", nargs, kw) < 0) return NULL;
    return list_inplace_concat(ts, self, args[0]);
}

static TrObject *m_imul(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_one(ts, "list.__imul__", nargs, kw) < 0) return NULL;
    return list_inplace_repeat(ts, self, args[0]);
}

static TrObject *m_reversed(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_none(ts, "list.__reversed__", nargs, kw) < 0) return NULL;
    return list_reviter_new(ts, self);
}

static TrObject *list_new_slot(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (kw && tuple_size(kw)) return err_format(ts, &tr_exc_TypeError, "list() takes no keyword arguments");
    if (nargs > 1) return err_format(ts, &tr_exc_TypeError, "list expected at most 1 argument, got %zu", nargs);
    TrObject *l = list_alloc(ts, type, 0);
    if (!l) return NULL;
    if (nargs && list_extend(ts, l, args[0]) < 0) { tr_decref(l); return NULL; }
    return l;
}

static const TrMethodDef list_methods[] = {
    {"append", m_append},
    {"extend", m_extend},
    {"insert", m_insert},
    {"pop", m_pop},
    {"remove", m_remove},
    {"index", m_index},
    {"count", m_count},
    {"clear", m_clear},
    {"copy", m_copy},
    {"reverse", m_reverse},
    {"sort", m_sort},
    {"__iadd__", m_iadd},
    {"__imul__", m_imul},
    {"__reversed__", m_reversed},
    {NULL, NULL},
};

static const TrNumberSlots list_number = {
    .binop = {
        [TR_BINOP_ADD] = concat,
        [TR_BINOP_MUL] = repeat,
    },
};

/* ---- cycle collection (threads/gc.c) ---------------------------------------- */

static void list_traverse(TrObject *o, tr_visitfunc visit, void *arg) {
    TrList *l = L(o);
    for (size_t i = 0; i < l->size; i++) visit(l->items[i], arg);
}

/* The collector's clear: `o` is garbage, so no reader holds its array, which
 * goes at once. */
static void list_gc_clear(TrThread *ts, TrObject *o) {
    (void)ts;
    TrList *l = L(o);
    TrObject **old = l->items;
    size_t n = l->size;
    set_size(l, 0);
    atomic_store_ptr_release(&l->items, NULL);
    l->alloc = 0;
    for (size_t i = 0; i < n; i++) tr_decref(old[i]);
    free(block_of(old));
}


TrType tr_list_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "list",
    .basicsize = sizeof(TrList),
    .flags = TR_TPFLAG_BASETYPE | TR_TPFLAG_GC | TR_TPFLAG_GENERIC,
    .base = &tr_object_type,
    .dealloc = list_dealloc,
    .repr = list_repr,
    .richcompare = list_richcompare,
    .truth = list_truth,
    .len = list_len,
    .getitem = list_getitem,
    .setitem = list_setitem,
    .contains = list_contains,
    .iter = list_iter,
    .new_ = list_new_slot,
    .number = &list_number,
    .methods = list_methods,
    .traverse = list_traverse,
    .clear = list_gc_clear,
};
