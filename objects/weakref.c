/* objects/weakref.c: weak references: `weakref.ref` (ReferenceType) and its
 * subclasses, and the table that finds an object's weak references.
 *
 * Design.  Objects have no field for their weak references: a table, split
 * in NSHARDS shards by address, maps an object to the head of a doubly
 * linked list of the TrWeakrefs that point to it.  An object that has (or
 * had) an entry carries TR_FLAG_WEAKREFS, so that releasing any other object
 * costs one flag test (object.c: tr_free and the trashcan).  Each list keeps
 * the shared plain reference (weakref.ref, no callback) first, then the
 * others newest first, as CPython orders them (callbacks run in list order).
 *
 * The rule for threads: dereferencing gives the object or None, never a
 * freed object.
 *   - A weak reference's `object` is written only under its shard's lock
 *     (set at creation, NULL when the referent dies); a reader loads it, takes
 *     the lock of the shard that address hashes to, and re-reads it there.
 *   - The referent is cleared (weakref_detach, under the shard lock) before
 *     its memory goes: in tr_free, or when the trashcan lists it, or while
 *     the world is stopped for a reclaim pass or the cycle collector.  So
 *     under the lock a non-NULL `object` is memory that is still there.
 *   - It may be dying, though: its count may have reached zero with its
 *     dealloc under way.  tr_try_incref (threads/brc.c) takes a reference
 *     only if the count is not zero, deciding by CAS against the releasing
 *     thread; brc_mark_weakrefs, run before the first weak reference is
 *     published, makes that CAS the only way the count can reach zero.
 * The same holds for the weak references themselves, which the referent's
 * death finds in its list while their own last release may be under way:
 * they are taken with tr_try_incref too, and a weak reference leaves its
 * list (weakref_unlink) before its memory goes.  A detach touches each weak
 * reference last by storing its `object` NULL (release); an unlink that
 * reads NULL (acquire) knows the detach is done with it and frees it
 * without the lock; one that reads the referent takes the lock and waits.
 *
 * Threads: a shard's table, the lists it heads and every weak reference's
 * `prev`/`next` are guarded by the shard lock; `object` as above;
 * `callback` is set at creation and taken (set NULL) by weakref_detach under
 * the shard lock, or by the collector's clear; `hash` is an atomic cache.
 * Lock order: shard locks are leaves: nothing else is locked, no Python code
 * runs and nothing is freed while one is held.
 */
#include <stdio.h>
#include <stdlib.h>
#include "torii/torii.h"
#include "torii/weakref.h"
#include "threads/gc.h"
#include "threads/lock.h"

struct TrWeakref {
    TrObject ob_base;
    TrObject *object;          /* the referent, not counted; NULL once dead (see above) */
    TrObject *callback;        /* owned, or NULL */
    int64_t hash;              /* atomic: -1 until hashed */
    TrWeakref *prev, *next;    /* the referent's list; guarded by the shard lock */
};

/* ---- the table --------------------------------------------------------------- */

#define NSHARDS 64

typedef struct Entry {
    TrObject *obj;             /* NULL: a free slot */
    TrWeakref *head;
} Entry;

typedef struct Shard {
    uint8_t lock;              /* TrMutex */
    size_t cap, used;          /* cap: a power of 2, or 0 */
    Entry *tab;                /* open addressing, linear probing */
} Shard;

static Shard shards[NSHARDS];

static uint64_t addr_hash(const void *p) {
    uint64_t h = (uint64_t)(uintptr_t)p >> 4;
    return h * 0x9e3779b97f4a7c15ull;
}

static Shard *shard_of(const void *p) { return &shards[addr_hash(p) >> 58]; }

static Entry *find_entry(Shard *s, TrObject *o) {
    if (!s->cap) return NULL;
    for (size_t i = addr_hash(o) & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
        if (s->tab[i].obj == o) return &s->tab[i];
        if (!s->tab[i].obj) return NULL;
    }
}

/* Inserts `o` (absent) with an empty list.  NULL when memory ran out. */
static Entry *add_entry(Shard *s, TrObject *o) {
    if ((s->used + 1) * 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        Entry *t = calloc(cap, sizeof *t);
        if (!t) return NULL;
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->tab[i].obj) continue;
            size_t j = addr_hash(s->tab[i].obj) & (cap - 1);
            while (t[j].obj) j = (j + 1) & (cap - 1);
            t[j] = s->tab[i];
        }
        free(s->tab);
        s->tab = t;
        s->cap = cap;
    }
    size_t i = addr_hash(o) & (s->cap - 1);
    while (s->tab[i].obj) i = (i + 1) & (s->cap - 1);
    s->tab[i].obj = o;
    s->tab[i].head = NULL;
    s->used++;
    return &s->tab[i];
}

/* Removes entry `e`, moving later entries of its probe run back. */
static void remove_entry(Shard *s, Entry *e) {
    size_t i = (size_t)(e - s->tab), mask = s->cap - 1;
    s->tab[i].obj = NULL;
    s->used--;
    for (size_t j = (i + 1) & mask; s->tab[j].obj; j = (j + 1) & mask) {
        size_t home = addr_hash(s->tab[j].obj) & mask;
        /* may entry j move to the hole at i?  Only if its home is not in (i, j] */
        int between = i <= j ? (home > i && home <= j) : (home > i || home <= j);
        if (between) continue;
        s->tab[i] = s->tab[j];
        s->tab[j].obj = NULL;
        i = j;
    }
}

/* Room for `extra` more in `v` (allocating only: callable under a shard
 * lock); 0, or -1 when memory ran out. */
static int vec_reserve(TrObjVec *v, size_t extra) {
    if (v->n + extra <= v->cap) return 0;
    size_t cap = v->n + extra;
    TrObject **g = realloc(v->v, cap * sizeof *g);
    if (!g) return -1;
    v->v = g;
    v->cap = cap;
    return 0;
}

static size_t list_length(TrWeakref *w) {
    size_t n = 0;
    for (; w; w = w->next) n++;
    return n;
}

static TrObject *load_object(TrWeakref *w) { return atomic_load_objptr_relaxed(&w->object); }

/* The plain shared reference: exactly weakref.ref, no callback. */
static int is_basic(TrWeakref *w) { return w->ob_base.ob_type == &tr_weakref_type && !w->callback; }

/* Shard lock held: unlinks `w` from `e`'s list, dropping the entry when the
 * list becomes empty. */
static void unlink_locked(Shard *s, Entry *e, TrWeakref *w) {
    if (w->prev) w->prev->next = w->next;
    else e->head = w->next;
    if (w->next) w->next->prev = w->prev;
    w->prev = w->next = NULL;
    if (!e->head) remove_entry(s, e);
}

void weakref_unlink(TrObject *wro) {
    TrWeakref *w = (TrWeakref *)wro;
    /* acquire: NULL means a detach is done with `w` (see weakref_detach) */
    TrObject *o = atomic_load_objptr_acquire(&w->object);
    if (!o) return;
    Shard *s = shard_of(o);
    mutex_lock(&s->lock);
    if (load_object(w) == o) {       /* else: the referent died meanwhile and took the list */
        Entry *e = find_entry(s, o);
        if (e) unlink_locked(s, e, w);
        atomic_store_ptr_relaxed(&w->object, NULL);
    }
    mutex_unlock(&s->lock);
}

void weakref_detach(TrObject *o, TrObjVec *later) {
    Shard *s = shard_of(o);
    mutex_lock(&s->lock);
    Entry *e = find_entry(s, o);
    TrWeakref *w = e ? e->head : NULL;
    if (e) remove_entry(s, e);
    /* room first, so that every reference taken below is listed */
    int room = later && vec_reserve(later, list_length(w)) == 0;
    while (w) {
        TrWeakref *next = w->next;
        /* a weak reference that is itself dying or cyclic garbage gets no
         * callback (as in CPython) */
        int take = w->callback && room && !(w->ob_base.ob_gc_bits & TR_GC_UNREACHABLE) &&
                   tr_try_incref((TrObject *)w);
        w->prev = w->next = NULL;
        /* The last touch of `w`: release, paired with weakref_unlink's
         * acquire load.  A dying `w` whose unlink sees NULL frees it at
         * once, without this lock. */
        atomic_store_ptr_release(&w->object, NULL);
        if (take) later->v[later->n++] = (TrObject *)w;
        w = next;
    }
    mutex_unlock(&s->lock);
}

static uint32_t callbacks_off;    /* atomic: set once at exit */

void weakref_callbacks_off(void) { atomic_store_u32_relaxed(&callbacks_off, 1); }

void weakref_run_callbacks(TrThread *ts, TrObjVec *later) {
    int off = atomic_load_u32_relaxed(&callbacks_off) != 0;
    for (size_t i = 0; i < later->n; i++) {
        TrWeakref *w = (TrWeakref *)later->v[i];
        /* dead now: only this thread takes the callback */
        TrObject *cb = w->callback;
        w->callback = NULL;
        if (cb && !off) {
            TrObject *arg = (TrObject *)w;
            TrObject *r = tr_call(ts, cb, &arg, 1, NULL);
            if (r) tr_decref(r);
            else err_write_unraisable(ts, NULL, cb);
        }
        tr_xdecref(cb);
        tr_decref((TrObject *)w);
    }
    free(later->v);
    later->v = NULL;
    later->n = later->cap = 0;
}

void weakref_clear_dying(TrThread *ts, TrObject *o) {
    TrObjVec later = {0};
    weakref_detach(o, &later);
    if (later.n) {
        if (!ts) ts = tr_thread_current();
        /* the callbacks must not clobber an exception the caller is raising */
        TrObject *saved = ts ? err_fetch(ts) : NULL;
        if (ts) weakref_run_callbacks(ts, &later);
        if (saved) err_restore(ts, saved);
    }
    free(later.v);
}

/* ---- creation and dereference ------------------------------------------------ */

TrObject *weakref_new(TrThread *ts, TrType *type, TrObject *obj, TrObject *callback) {
    if (tr_is_imm(obj) || !(obj->ob_type->flags & TR_TPFLAG_WEAKREFABLE))
        return err_format(ts, &tr_exc_TypeError, "cannot create weak reference to '%s' object", tr_type_name(obj));
    if (callback == tr_none) callback = NULL;
    int basic = type == &tr_weakref_type && !callback;
    Shard *s = shard_of(obj);
    if (basic) {
        mutex_lock(&s->lock);
        Entry *e = find_entry(s, obj);
        TrWeakref *h = e ? e->head : NULL;
        int shared = h && is_basic(h) && tr_try_incref((TrObject *)h);
        mutex_unlock(&s->lock);
        if (shared) return (TrObject *)h;
    }
    TrWeakref *w = (TrWeakref *)tr_alloc(ts, type);
    if (!w) return NULL;
    w->hash = -1;
    w->callback = callback ? tr_newref(callback) : NULL;
    /* other threads find `w` in the table and take it with tr_try_incref */
    brc_mark_weakrefs((TrObject *)w);
    mutex_lock(&s->lock);
    Entry *e = find_entry(s, obj);
    if (basic && e && is_basic(e->head) && tr_try_incref((TrObject *)e->head)) {
        /* another thread made the shared one meanwhile */
        TrObject *h = (TrObject *)e->head;
        mutex_unlock(&s->lock);
        tr_decref((TrObject *)w);
        return h;
    }
    if (!e && !(e = add_entry(s, obj))) {
        mutex_unlock(&s->lock);
        tr_decref((TrObject *)w);
        return err_nomemory(ts);
    }
    /* before it can be found: see threads/brc.c, "Weak references" */
    brc_mark_weakrefs(obj);
    atomic_or_u16(&obj->ob_flags, TR_FLAG_WEAKREFS);
    atomic_store_ptr_relaxed(&w->object, obj);
    TrWeakref *after = (!basic && e->head && is_basic(e->head)) ? e->head : NULL;
    if (after) {
        w->prev = after;
        w->next = after->next;
        if (after->next) after->next->prev = w;
        after->next = w;
    } else {
        w->prev = NULL;
        w->next = e->head;
        if (e->head) e->head->prev = w;
        e->head = w;
    }
    mutex_unlock(&s->lock);
    return (TrObject *)w;
}

TrObject *weakref_get_alive(TrThread *ts, TrObject *wro) {
    (void)ts;
    TrWeakref *w = (TrWeakref *)wro;
    TrObject *o = load_object(w);
    if (!o) return NULL;
    Shard *s = shard_of(o);
    mutex_lock(&s->lock);
    int alive = load_object(w) == o && tr_try_incref(o);
    mutex_unlock(&s->lock);
    return alive ? o : NULL;
}

TrObject *weakref_get(TrThread *ts, TrObject *wr) {
    TrObject *o = weakref_get_alive(ts, wr);
    return o ? o : tr_newref(tr_none);
}

TrObject *weakref_first(TrThread *ts, TrObject *obj) {
    (void)ts;
    TrObject *r = NULL;
    if (!tr_is_imm(obj) && (atomic_load_u16_relaxed(&obj->ob_flags) & TR_FLAG_WEAKREFS)) {
        Shard *s = shard_of(obj);
        mutex_lock(&s->lock);
        Entry *e = find_entry(s, obj);
        for (TrWeakref *w = e ? e->head : NULL; w && !r; w = w->next)
            if (tr_try_incref((TrObject *)w)) r = (TrObject *)w;
        mutex_unlock(&s->lock);
    }
    return r ? r : tr_newref(tr_none);
}

size_t weakref_count(TrObject *obj) {
    if (tr_is_imm(obj) || !(atomic_load_u16_relaxed(&obj->ob_flags) & TR_FLAG_WEAKREFS)) return 0;
    Shard *s = shard_of(obj);
    size_t n = 0;
    mutex_lock(&s->lock);
    Entry *e = find_entry(s, obj);
    for (TrWeakref *w = e ? e->head : NULL; w; w = w->next) n++;
    mutex_unlock(&s->lock);
    return n;
}

TrObject *weakref_list(TrThread *ts, TrObject *obj) {
    if (tr_is_imm(obj) || !(atomic_load_u16_relaxed(&obj->ob_flags) & TR_FLAG_WEAKREFS)) return list_new(ts, 0);
    /* take them under the lock (those not dying), build the list after */
    TrObjVec got = {0};
    Shard *s = shard_of(obj);
    mutex_lock(&s->lock);
    Entry *e = find_entry(s, obj);
    TrWeakref *head = e ? e->head : NULL;
    if (vec_reserve(&got, list_length(head)) < 0) got.failed = 1;
    for (TrWeakref *w = head; w && !got.failed; w = w->next)
        if (tr_try_incref((TrObject *)w)) got.v[got.n++] = (TrObject *)w;
    mutex_unlock(&s->lock);
    TrObject *l = got.failed ? err_nomemory(ts) : list_new(ts, got.n);
    for (size_t i = 0; i < got.n; i++) {
        if (l && list_append_take(ts, l, got.v[i]) < 0) TR_CLEAR(l);
        else if (!l) tr_decref(got.v[i]);
    }
    free(got.v);
    return l;
}

/* ---- the type ------------------------------------------------------------------ */

/* ref.__new__(type, obj, callback=None) */
static TrObject *weakref_new_slot(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs,
                                  TrObject *kwnames) {
    if (kwnames && tuple_size(kwnames))
        return err_format(ts, &tr_exc_TypeError, "%s() takes no keyword arguments",
                          type == &tr_weakref_type ? "ref" : type->name);
    if (nargs < 1)
        return err_format(ts, &tr_exc_TypeError, "__new__ expected at least 1 argument, got %zu", nargs);
    if (nargs > 2)
        return err_format(ts, &tr_exc_TypeError, "__new__ expected at most 2 arguments, got %zu", nargs);
    return weakref_new(ts, type, args[0], nargs > 1 ? args[1] : NULL);
}

/* ref.__init__(self, obj, callback=None): checks the arguments only (the
 * work is __new__'s), so that subclasses may call it. */
static TrObject *weakref_m_init(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                TrObject *kwnames) {
    (void)self;
    if (kwnames && tuple_size(kwnames))
        return err_format(ts, &tr_exc_TypeError, "ref() takes no keyword arguments");
    if (nargs < 1)
        return err_format(ts, &tr_exc_TypeError, "__init__ expected at least 1 argument, got %zu", nargs);
    if (nargs > 2)
        return err_format(ts, &tr_exc_TypeError, "__init__ expected at most 2 arguments, got %zu", nargs);
    return tr_newref(tr_none);
}

static TrObject *weakref_call(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                              TrObject *kwnames) {
    (void)args;
    if (kwnames && tuple_size(kwnames))
        return err_format(ts, &tr_exc_TypeError, "weakref() takes no keyword arguments");
    if (nargs)
        return err_format(ts, &tr_exc_TypeError, "weakref expected 0 arguments, got %zu", nargs);
    return weakref_get(ts, self);
}

/* The referent's hash, cached: a dead reference that was never hashed
 * raises TypeError. */
static int64_t weakref_hash(TrThread *ts, TrObject *self) {
    TrWeakref *w = (TrWeakref *)self;
    int64_t h = (int64_t)atomic_load_u64_relaxed((uint64_t *)&w->hash);
    if (h != -1) return h;
    TrObject *o = weakref_get_alive(ts, self);
    if (!o) {
        err_set(ts, &tr_exc_TypeError, "weak object has gone away");
        return -1;
    }
    h = tr_hash(ts, o);
    tr_decref(o);
    if (h != -1) atomic_store_u64_relaxed((uint64_t *)&w->hash, (uint64_t)h);
    return h;
}

/* == and != compare the referents while both are alive, else identity. */
static TrObject *weakref_richcompare(TrThread *ts, TrObject *a, TrObject *b, int op) {
    if ((op != TR_EQ && op != TR_NE) || !weakref_check(a) || !weakref_check(b)) return tr_notimplemented;
    TrObject *x = weakref_get_alive(ts, a), *y = weakref_get_alive(ts, b);
    TrObject *r;
    if (x && y) {
        r = tr_richcompare(ts, x, y, op);
    } else {
        int same = a == b;
        r = tr_newref((op == TR_EQ) == same ? tr_true : tr_false);
    }
    tr_xdecref(x);
    tr_xdecref(y);
    return r;
}

/* "<weakref at 0x...; to 'C' at 0x...>", or "<weakref at 0x...; dead>" */
static TrObject *weakref_repr(TrThread *ts, TrObject *self) {
    TrObject *o = weakref_get_alive(ts, self);
    if (!o) return str_format(ts, "<weakref at %p; dead>", (void *)self);
    TrObject *r = str_format(ts, "<weakref at %p; to '%s' at %p>", (void *)self, tr_type(o)->name, (void *)o);
    tr_decref(o);
    return r;
}

static TrObject *weakref_getattr(TrThread *ts, TrObject *self, TrObject *name) {
    if (str_equal_cstr(name, "__callback__")) {
        TrWeakref *w = (TrWeakref *)self;
        TrObject *o = load_object(w), *cb = NULL;
        if (o) {
            /* the callback belongs to the reference until its referent dies */
            Shard *s = shard_of(o);
            mutex_lock(&s->lock);
            if (load_object(w) == o && w->callback) cb = tr_newref(w->callback);
            mutex_unlock(&s->lock);
        }
        return cb ? cb : tr_newref(tr_none);
    }
    return tr_generic_getattr(ts, self, name);
}

static void weakref_dealloc(TrThread *ts, TrObject *self) {
    (void)ts;
    weakref_unlink(self);
    TR_CLEAR(((TrWeakref *)self)->callback);
    tr_free(self);
}

static void weakref_traverse(TrObject *self, tr_visitfunc visit, void *arg) {
    visit(((TrWeakref *)self)->callback, arg);
}

/* The collector's clear: the reference dies (CPython's clear_weakref). */
static void weakref_clear(TrThread *ts, TrObject *self) {
    (void)ts;
    weakref_unlink(self);
    TR_CLEAR(((TrWeakref *)self)->callback);
}

static const TrMethodDef weakref_methods[] = {
    {"__init__", weakref_m_init},
    {NULL, NULL},
};

TrType tr_weakref_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "weakref.ReferenceType",
    .basicsize = sizeof(TrWeakref),
    .flags = TR_TPFLAG_BASETYPE | TR_TPFLAG_GC | TR_TPFLAG_WEAKREF,
    .base = &tr_object_type,
    .dealloc = weakref_dealloc,
    .repr = weakref_repr,
    .hash = weakref_hash,
    .richcompare = weakref_richcompare,
    .call = weakref_call,
    .new_ = weakref_new_slot,
    .getattr = weakref_getattr,
    .methods = weakref_methods,
    .traverse = weakref_traverse,
    .clear = weakref_clear,
};
