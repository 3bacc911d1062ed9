/* objects/set.c: set and frozenset, and the set iterator.  Two types in one
 * file because they share everything (table, algebra, iteration); frozenset
 * only lacks the mutating methods and adds a hash.
 *
 * The table is CPython's: open addressing over (key, hash) entries, 8 slots
 * to start, linear probing of 9 slots then perturbation, growth when 3/5
 * full, deleted entries left as `dummy`.  Same insertions, same order, so
 * `print({10, 100, 1000})` prints what CPython prints.
 *
 * Threads: every access to a set's table, lookups included, holds the set's
 * lock (TR_BEGIN_CRITICAL); `used` is also stored atomically for len()
 * outside it.  A frozenset is immutable once its creator returns it, so its
 * lookups take no lock.  Keys whose equality needs Python code are compared
 * outside the lock: the candidate is counted, the lock dropped, the
 * comparison run, the lock re-taken; if `version` moved, the probe restarts.
 * Lock order: a set iterator before its set; one set at a time otherwise
 * (bulk operations snapshot the source first). */
#include <stdlib.h>
#include "objects/containers.h"
#include "torii/iter.h"
#include "torii/set.h"

#define SET_MINSIZE 8
#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5

typedef struct SEntry { TrObject *key; int64_t hash; } SEntry;

typedef struct TrSet {
    TrObject ob_base;
    size_t fill;         /* active + dummy entries; lock */
    size_t used;         /* active entries; atomic store under lock */
    size_t mask;         /* table size - 1; lock */
    SEntry *table;       /* `small` or a malloc'd array; lock */
    size_t finger;       /* where pop() looks next; lock */
    int64_t hash;        /* frozenset: cached hash, -1 until computed (atomic relaxed) */
    uint64_t version;    /* bumped by every mutation; lock */
    SEntry small[SET_MINSIZE];
} TrSet;

#define S(o) ((TrSet *)(o))

static TrObject dummy_obj;   /* marks a deleted entry; never dereferenced */
#define DUMMY (&dummy_obj)

static inline int is_frozen(TrObject *o) { return frozenset_check(o); }
static inline int64_t hash_of(TrThread *ts, TrObject *key) {
    if (tr_is_imm(key)) return int_hash(key);
    if (tr_type(key) == &tr_str_type) return str_hash(key);
    return tr_hash(ts, key);
}
static inline void set_used(TrSet *so, size_t n) { atomic_store_size_relaxed(&so->used, n); }

/* ---- table primitives (caller holds the lock or owns the set alone) ---- */

static void insert_clean(SEntry *table, size_t mask, TrObject *key, int64_t hash) {
    size_t perturb = (size_t)hash, i = (size_t)hash & mask;
    for (;;) {
        SEntry *e = &table[i];
        if (!e->key) goto found;
        if (i + LINEAR_PROBES <= mask) {
            for (size_t j = 0; j < LINEAR_PROBES; j++) {
                e++;
                if (!e->key) goto found;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
        continue;
    found:
        e->key = key;
        e->hash = hash;
        return;
    }
}

/* Rebuilds the table for more than `minused` entries.  On failure the set is
 * unchanged and MemoryError is pending. */
static int table_resize(TrThread *ts, TrSet *so, size_t minused) {
    size_t newsize = SET_MINSIZE;
    while (newsize <= minused) newsize <<= 1;
    SEntry *old = so->table, tmp[SET_MINSIZE];
    size_t oldmask = so->mask;
    SEntry *nt;
    if (newsize == SET_MINSIZE) {
        if (old == so->small) {
            memcpy(tmp, old, sizeof tmp);
            old = tmp;
        }
        nt = so->small;
    } else {
        nt = malloc(newsize * sizeof(SEntry));
        if (!nt) { err_nomemory(ts); return -1; }
    }
    memset(nt, 0, newsize * sizeof(SEntry));
    so->mask = newsize - 1;
    so->table = nt;
    so->fill = so->used;
    for (size_t i = 0; i <= oldmask; i++)
        if (old[i].key && old[i].key != DUMMY) insert_clean(nt, so->mask, old[i].key, old[i].hash);
    if (old != so->small && old != tmp) free(old);
    return 0;
}

/* Comparison results learnt outside the lock, valid for one `version`. */
typedef struct Probe {
    uint64_t version;
    size_t eq_pos;
    size_t noteq[16];
    size_t nnoteq;
    TrObject *cand;
    size_t cand_pos;
} Probe;

static void probe_reset(Probe *p, uint64_t version) {
    p->version = version;
    p->eq_pos = SIZE_MAX;
    p->nnoteq = 0;
}

enum { LK_FOUND, LK_MISSING, LK_NEED_CMP };

/* Decides whether entry `pos` (same hash) holds `key`. */
static int entry_matches(SEntry *e, size_t pos, TrObject *key, Probe *p) {
    if (e->key == key) return 1;
    int eq = eq_simple(e->key, key);
    if (eq != -2) return eq;
    if (p->eq_pos == pos) return 1;
    for (size_t j = 0; j < p->nnoteq; j++) if (p->noteq[j] == pos) return 0;
    if (p->nnoteq == 16) p->nnoteq = 0;   /* forget: costs a repeat comparison, never a wrong answer */
    p->cand = tr_newref(e->key);
    p->cand_pos = pos;
    return -2;
}

/* Finds `key`.  LK_FOUND: *pos is its entry.  LK_MISSING: *pos is where an
 * add would put it (first dummy seen, else the unused slot). */
static int lookup(TrSet *so, TrObject *key, int64_t hash, Probe *p, size_t *pos) {
    if (so->version != p->version) probe_reset(p, so->version);
    size_t mask = so->mask, i = (size_t)hash & mask, perturb = (size_t)hash;
    size_t freeslot = SIZE_MAX;
    for (;;) {
        size_t probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        size_t k = i;
        for (;;) {
            SEntry *e = &so->table[k];
            if (e->hash == 0 && e->key == NULL) {
                *pos = freeslot != SIZE_MAX ? freeslot : k;
                return LK_MISSING;
            }
            if (e->hash == hash && e->key != DUMMY) {
                int m = entry_matches(e, k, key, p);
                if (m == -2) return LK_NEED_CMP;
                if (m) { *pos = k; return LK_FOUND; }
            } else if (e->hash == -1 && e->key == DUMMY && freeslot == SIZE_MAX) {
                freeslot = k;
            }
            if (probes-- == 0) break;
            k++;
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

enum { OP_CONTAINS, OP_ADD, OP_DISCARD };

/* One step of a keyed operation on a locked (or private) set. */
static int step(TrThread *ts, TrSet *so, TrObject *key, int64_t hash, int op, Probe *p, TrObject **dead) {
    size_t pos;
    int lk = lookup(so, key, hash, p, &pos);
    if (lk == LK_NEED_CMP) return 2;
    switch (op) {
    case OP_CONTAINS:
        return lk == LK_FOUND;
    case OP_DISCARD:
        if (lk != LK_FOUND) return 0;
        *dead = so->table[pos].key;
        so->table[pos].key = DUMMY;
        so->table[pos].hash = -1;
        set_used(so, so->used - 1);
        so->version++;
        return 1;
    default: /* OP_ADD */
        if (lk == LK_FOUND) return 0;
        SEntry *e = &so->table[pos];
        int was_unused = e->key == NULL;
        e->key = tr_newref(key);
        e->hash = hash;
        set_used(so, so->used + 1);
        so->version++;
        if (was_unused) {
            so->fill++;
            if (so->fill * 5 >= so->mask * 3 &&
                table_resize(ts, so, so->used > 50000 ? so->used * 2 : so->used * 4) < 0)
                return -1;
        }
        return 1;
    }
}

/* Runs `op` with the lock (none for a frozenset) and the compare-outside
 * protocol.  Returns 1/0 (found, removed, added), -1 on error. */
static int set_op(TrThread *ts, TrObject *o, TrObject *key, int64_t hash, int op) {
    TrSet *so = S(o);
    Probe p;
    p.version = UINT64_MAX;
    p.cand = NULL;
    for (;;) {
        TrObject *dead = NULL;
        int r;
        if (is_frozen(o)) {
            r = step(ts, so, key, hash, op, &p, &dead);
        } else {
            TR_BEGIN_CRITICAL(ts, o);
            r = step(ts, so, key, hash, op, &p, &dead);
            TR_END_CRITICAL(ts);
        }
        tr_xdecref(dead);   /* outside the lock: may run a destructor */
        if (r != 2) return r;
        int eq = tr_richcompare_bool(ts, p.cand, key, TR_EQ);
        TR_CLEAR(p.cand);
        if (eq < 0) return -1;
        if (eq) p.eq_pos = p.cand_pos;
        else p.noteq[p.nnoteq++] = p.cand_pos;
    }
}

/* Counted snapshot of the entries in table order; *n the count. */
static SEntry *snapshot(TrThread *ts, TrObject *o, size_t *n) {
    TrSet *so = S(o);
    SEntry *a = NULL;
    for (;;) {
        size_t cap = set_size(o) + 1;
        a = malloc(cap * sizeof(SEntry));
        if (!a) { err_nomemory(ts); return NULL; }
        int again = 0;
        TR_BEGIN_CRITICAL(ts, o);
        if (so->used >= cap) {
            again = 1;
        } else {
            size_t k = 0;
            for (size_t i = 0; i <= so->mask; i++) {
                SEntry *e = &so->table[i];
                if (e->key && e->key != DUMMY) { a[k].key = tr_newref(e->key); a[k++].hash = e->hash; }
            }
            *n = k;
        }
        TR_END_CRITICAL(ts);
        if (!again) return a;
        free(a);
    }
}

TrObject *set_as_list(TrThread *ts, TrObject *o) {
    TrType *t = tr_type(o);
    if (t != &tr_set_type && t != &tr_frozenset_type) return NULL;
    size_t n;
    SEntry *a = snapshot(ts, o, &n);
    if (!a) return NULL;
    TrObject *l = list_new(ts, 0);
    for (size_t i = 0; i < n; i++) {
        if (l && list_append(ts, l, a[i].key) < 0) { tr_decref(l); l = NULL; }
        tr_decref(a[i].key);
    }
    free(a);
    return l;
}

static void release(SEntry *a, size_t n) {
    for (size_t i = 0; i < n; i++) tr_decref(a[i].key);
    free(a);
}

/* ---- construction ------------------------------------------------------ */

static TrObject *alloc_set(TrThread *ts, TrType *type) {
    TrSet *so = (TrSet *)tr_alloc(ts, type);
    if (!so) return NULL;
    so->mask = SET_MINSIZE - 1;
    so->table = so->small;
    so->hash = -1;
    return (TrObject *)so;
}

TrObject *set_new(TrThread *ts) { return alloc_set(ts, &tr_set_type); }

size_t set_size(const TrObject *o) { return atomic_load_size_relaxed(&S(o)->used); }

/* CPython's set_merge for a set source, and its dict and iterable cases. */
static int update_internal(TrThread *ts, TrObject *o, TrObject *other) {
    TrSet *so = S(o);
    if (anyset_check(other)) {
        if (other == o) return 0;
        size_t n;
        SEntry *a = snapshot(ts, other, &n);
        if (!a) return -1;
        int rc = 0, done = 0;
        if (n) {
            TR_BEGIN_CRITICAL(ts, o);
            if ((so->fill + n) * 5 >= so->mask * 3) rc = table_resize(ts, so, (so->used + n) * 2);
            if (rc == 0 && so->fill == 0) {
                /* empty target: copy as CPython does (same mask and no
                 * dummies copies the layout; else clean inserts) */
                TrSet *src = S(other);
                int same = 0;
                if (is_frozen(other) || other != o) {
                    /* the source layout is only stable for a frozenset */
                    same = is_frozen(other) && so->mask == src->mask && src->fill == src->used;
                }
                if (same) {
                    for (size_t i = 0; i <= src->mask; i++)
                        if (src->table[i].key) {
                            so->table[i].key = tr_newref(src->table[i].key);
                            so->table[i].hash = src->table[i].hash;
                        }
                } else {
                    for (size_t i = 0; i < n; i++) insert_clean(so->table, so->mask, tr_newref(a[i].key), a[i].hash);
                }
                so->fill = n;
                set_used(so, n);
                so->version++;
                done = 1;
            }
            TR_END_CRITICAL(ts);
        }
        for (size_t i = 0; i < n && rc == 0 && !done; i++)
            if (set_op(ts, o, a[i].key, a[i].hash, OP_ADD) < 0) rc = -1;
        release(a, n);
        return rc;
    }
    if (tr_type(other) == &tr_dict_type) {
        size_t n = dict_size(other);
        int rc = 0;
        TR_BEGIN_CRITICAL(ts, o);
        if ((so->fill + n) * 5 >= so->mask * 3) rc = table_resize(ts, so, (so->used + n) * 2);
        TR_END_CRITICAL(ts);
        if (rc < 0) return -1;
        size_t pos = 0;
        TrObject *k;
        while (dict_next(ts, other, &pos, &k, NULL)) {
            int64_t h = hash_of(ts, k);
            int r = h == -1 ? -1 : set_op(ts, o, k, h, OP_ADD);
            tr_decref(k);
            if (r < 0) return -1;
        }
        return 0;
    }
    TrObject *it = tr_iter(ts, other), *k;
    if (!it) return -1;
    while ((k = tr_next(ts, it)) != NULL) {
        int64_t h = hash_of(ts, k);
        int r = h == -1 ? -1 : set_op(ts, o, k, h, OP_ADD);
        tr_decref(k);
        if (r < 0) { tr_decref(it); return -1; }
    }
    tr_decref(it);
    return err_occurred(ts) ? -1 : 0;
}

int set_update(TrThread *ts, TrObject *set, TrObject *iterable) { return update_internal(ts, set, iterable); }

static TrObject *make_set(TrThread *ts, TrType *type, TrObject *iterable) {
    TrObject *o = alloc_set(ts, type);
    if (!o) return NULL;
    if (iterable && update_internal(ts, o, iterable) < 0) { tr_decref(o); return NULL; }
    return o;
}

/* The type results of `a | b` etc. take: set or frozenset (subclasses fall back to the base). */
static TrType *base_type(TrObject *o) { return is_frozen(o) ? &tr_frozenset_type : &tr_set_type; }

TrObject *set_from_iterable(TrThread *ts, TrObject *iterable) { return make_set(ts, &tr_set_type, iterable); }
TrObject *frozenset_from_iterable(TrThread *ts, TrObject *iterable) { return make_set(ts, &tr_frozenset_type, iterable); }

int set_add(TrThread *ts, TrObject *set, TrObject *key) {
    int64_t h = hash_of(ts, key);
    if (h == -1) return -1;
    return set_op(ts, set, key, h, OP_ADD) < 0 ? -1 : 0;
}

int set_discard(TrThread *ts, TrObject *set, TrObject *key) {
    int64_t h = hash_of(ts, key);
    if (h == -1) return -1;
    return set_op(ts, set, key, h, OP_DISCARD);
}

int set_contains(TrThread *ts, TrObject *set, TrObject *key) {
    int64_t h = hash_of(ts, key);
    if (h == -1) {
        /* a set as a key is looked up as the equal frozenset, as CPython does */
        if (!set_check(key) || !err_matches(ts, &tr_exc_TypeError)) return -1;
        err_clear(ts);
        TrObject *f = frozenset_from_iterable(ts, key);
        if (!f) return -1;
        int r = set_contains(ts, set, f);
        tr_decref(f);
        return r;
    }
    return set_op(ts, set, key, h, OP_CONTAINS);
}

int set_next(TrThread *ts, TrObject *o, size_t *pos, TrObject **key) {
    TrSet *so = S(o);
    int r = 0;
    TR_BEGIN_CRITICAL(ts, o);
    while (*pos <= so->mask) {
        SEntry *e = &so->table[(*pos)++];
        if (e->key && e->key != DUMMY) { *key = tr_newref(e->key); r = 1; break; }
    }
    TR_END_CRITICAL(ts);
    return r;
}

/* ---- algebra ------------------------------------------------------------ */

static TrObject *set_copy_as(TrThread *ts, TrObject *o, TrType *type) { return make_set(ts, type, o); }

static TrObject *intersection(TrThread *ts, TrObject *so, TrObject *other) {
    if (so == other) return set_copy_as(ts, so, base_type(so));
    TrObject *result = alloc_set(ts, base_type(so));
    if (!result) return NULL;
    if (anyset_check(other)) {
        TrObject *big = so, *small = other;
        if (set_size(other) > set_size(so)) { big = other; small = so; }
        size_t n;
        SEntry *a = snapshot(ts, small, &n);
        if (!a) goto error;
        for (size_t i = 0; i < n; i++) {
            int r = set_op(ts, big, a[i].key, a[i].hash, OP_CONTAINS);
            if (r > 0) r = set_op(ts, result, a[i].key, a[i].hash, OP_ADD);
            if (r < 0) { release(a, n); goto error; }
        }
        release(a, n);
        return result;
    }
    TrObject *it = tr_iter(ts, other), *k;
    if (!it) goto error;
    while ((k = tr_next(ts, it)) != NULL) {
        int64_t h = hash_of(ts, k);
        int r = h == -1 ? -1 : set_op(ts, so, k, h, OP_CONTAINS);
        if (r > 0) r = set_op(ts, result, k, h, OP_ADD);
        tr_decref(k);
        if (r < 0) { tr_decref(it); goto error; }
    }
    tr_decref(it);
    if (err_occurred(ts)) goto error;
    return result;
error:
    tr_decref(result);
    return NULL;
}

static int difference_update(TrThread *ts, TrObject *so, TrObject *other) {
    if (so == other) {
        size_t n;
        SEntry *a = snapshot(ts, so, &n);
        if (!a) return -1;
        for (size_t i = 0; i < n; i++) set_op(ts, so, a[i].key, a[i].hash, OP_DISCARD);
        release(a, n);
        return 0;
    }
    TrObject *it = tr_iter(ts, other), *k;
    if (!it) return -1;
    while ((k = tr_next(ts, it)) != NULL) {
        int64_t h = hash_of(ts, k);
        int r = h == -1 ? -1 : set_op(ts, so, k, h, OP_DISCARD);
        tr_decref(k);
        if (r < 0) { tr_decref(it); return -1; }
    }
    tr_decref(it);
    return err_occurred(ts) ? -1 : 0;
}

static TrObject *difference(TrThread *ts, TrObject *so, TrObject *other) {
    size_t other_size;
    if (anyset_check(other)) other_size = set_size(other);
    else if (tr_type(other) == &tr_dict_type) other_size = dict_size(other);
    else other_size = SIZE_MAX;   /* any iterable: copy, then discard */
    if (other_size == SIZE_MAX || (set_size(so) >> 2) > other_size) {
        TrObject *r = set_copy_as(ts, so, base_type(so));
        if (r && difference_update(ts, r, other) < 0) TR_CLEAR(r);
        return r;
    }
    TrObject *result = alloc_set(ts, base_type(so));
    if (!result) return NULL;
    size_t n;
    SEntry *a = snapshot(ts, so, &n);
    if (!a) { tr_decref(result); return NULL; }
    for (size_t i = 0; i < n; i++) {
        int r;
        if (anyset_check(other)) {
            r = set_op(ts, other, a[i].key, a[i].hash, OP_CONTAINS);
        } else {
            r = dict_contains(ts, other, a[i].key);
        }
        if (r == 0) r = set_op(ts, result, a[i].key, a[i].hash, OP_ADD);
        if (r < 0) { release(a, n); tr_decref(result); return NULL; }
    }
    release(a, n);
    return result;
}

static int symmetric_update(TrThread *ts, TrObject *so, TrObject *other) {
    TrObject *os;
    if (so == other) return difference_update(ts, so, other);
    if (anyset_check(other)) os = tr_newref(other);
    else if (!(os = make_set(ts, base_type(so), other))) return -1;
    size_t n;
    SEntry *a = snapshot(ts, os, &n);
    tr_decref(os);
    if (!a) return -1;
    for (size_t i = 0; i < n; i++) {
        int r = set_op(ts, so, a[i].key, a[i].hash, OP_DISCARD);
        if (r == 0) r = set_op(ts, so, a[i].key, a[i].hash, OP_ADD);
        if (r < 0) { release(a, n); return -1; }
    }
    release(a, n);
    return 0;
}

static TrObject *symmetric_difference(TrThread *ts, TrObject *so, TrObject *other) {
    TrObject *result = make_set(ts, base_type(so), other);   /* starts as a copy of `other`, as CPython */
    if (!result) return NULL;
    if (symmetric_update(ts, result, so) < 0) { tr_decref(result); return NULL; }
    return result;
}

/* 1 if every item of a is in b (b a set). */
static int issubset(TrThread *ts, TrObject *a, TrObject *b) {
    if (set_size(a) > set_size(b)) return 0;
    size_t n;
    SEntry *e = snapshot(ts, a, &n);
    if (!e) return -1;
    int r = 1;
    for (size_t i = 0; i < n && r == 1; i++) r = set_op(ts, b, e[i].key, e[i].hash, OP_CONTAINS);
    release(e, n);
    return r;
}

static TrObject *binop_or(TrThread *ts, TrObject *a, TrObject *b) {
    if (!anyset_check(a) || !anyset_check(b)) return tr_notimplemented;
    TrObject *r = set_copy_as(ts, a, base_type(a));
    if (r && a != b && update_internal(ts, r, b) < 0) TR_CLEAR(r);
    return r;
}
static TrObject *binop_and(TrThread *ts, TrObject *a, TrObject *b) {
    if (!anyset_check(a) || !anyset_check(b)) return tr_notimplemented;
    return intersection(ts, a, b);
}
static TrObject *binop_sub(TrThread *ts, TrObject *a, TrObject *b) {
    if (!anyset_check(a) || !anyset_check(b)) return tr_notimplemented;
    return difference(ts, a, b);
}
static TrObject *binop_xor(TrThread *ts, TrObject *a, TrObject *b) {
    if (!anyset_check(a) || !anyset_check(b)) return tr_notimplemented;
    return symmetric_difference(ts, a, b);
}

/* Exchanges the contents of `a` (locked) and `b` (private). */
static void swap_tables(TrSet *a, TrSet *b) {
    SEntry tmp[SET_MINSIZE];
    SEntry *ta = a->table == a->small ? NULL : a->table;
    SEntry *tb = b->table == b->small ? NULL : b->table;
    memcpy(tmp, a->small, sizeof tmp);
    memcpy(a->small, b->small, sizeof tmp);
    memcpy(b->small, tmp, sizeof tmp);
    a->table = tb ? tb : a->small;
    b->table = ta ? ta : b->small;
    size_t m = a->mask, f = a->fill, u = a->used;
    a->mask = b->mask; a->fill = b->fill; set_used(a, b->used);
    b->mask = m; b->fill = f; set_used(b, u);
    a->version++;
    b->version++;
}

TrObject *set_inplace_op(TrThread *ts, int op, TrObject *so, TrObject *other) {
    if (!anyset_check(other) || !set_check(so)) return tr_notimplemented;
    int rc = 0;
    switch (op) {
    case TR_BINOP_OR: rc = update_internal(ts, so, other); break;
    case TR_BINOP_SUB: rc = difference_update(ts, so, other); break;
    case TR_BINOP_XOR: rc = symmetric_update(ts, so, other); break;
    case TR_BINOP_AND: {
        TrObject *r = intersection(ts, so, other);
        if (!r) return NULL;
        TR_BEGIN_CRITICAL(ts, so);
        swap_tables(S(so), S(r));
        TR_END_CRITICAL(ts);
        tr_decref(r);   /* now holds the old contents: outside the lock */
        break;
    }
    default: return tr_notimplemented;
    }
    if (rc < 0) return NULL;
    return tr_newref(so);
}

/* ---- slots -------------------------------------------------------------- */

static void set_dealloc(TrThread *ts, TrObject *o) {
    TrSet *so = S(o);
    for (size_t i = 0; i <= so->mask; i++)
        if (so->table[i].key && so->table[i].key != DUMMY) tr_decref(so->table[i].key);
    if (so->table != so->small) free(so->table);
    tr_free(o);
}

static TrObject *set_repr(TrThread *ts, TrObject *o) {
    const char *name = tr_type_name(o);
    int exact_set = tr_type(o) == &tr_set_type;
    if (set_size(o) == 0) return str_format(ts, "%s()", name);
    if (repr_enter(o)) return str_format(ts, "%s(...)", name);
    size_t n;
    SEntry *a = snapshot(ts, o, &n);
    if (!a) { repr_leave(o); return NULL; }
    TrStrBuf b;
    strbuf_init(&b);
    if (!exact_set) { strbuf_adds(&b, name); strbuf_addc(&b, '('); }
    strbuf_addc(&b, '{');
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (i) strbuf_add(&b, ", ", 2);
        rc = strbuf_add_repr(ts, &b, a[i].key);
    }
    strbuf_addc(&b, '}');
    if (!exact_set) strbuf_addc(&b, ')');
    release(a, n);
    repr_leave(o);
    if (rc < 0) { strbuf_free(&b); return NULL; }
    return strbuf_finish(ts, &b);
}

static uint64_t shuffle_bits(uint64_t h) { return ((h ^ 89869747UL) ^ (h << 16)) * 3644798167UL; }

/* CPython's frozenset hash: order-independent xor of shuffled entry hashes. */
static int64_t frozenset_hash(TrThread *ts, TrObject *o) {
    TrSet *so = S(o);
    int64_t cached = (int64_t)atomic_load_u64_relaxed((const uint64_t *)&so->hash);
    if (cached != -1) return cached;
    uint64_t hash = 0;
    for (size_t i = 0; i <= so->mask; i++) hash ^= shuffle_bits((uint64_t)so->table[i].hash);
    if ((so->mask + 1 - so->fill) & 1) hash ^= shuffle_bits(0);
    if ((so->fill - so->used) & 1) hash ^= shuffle_bits((uint64_t)-1);
    hash ^= ((uint64_t)so->used + 1) * 1927868237UL;
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash * 69069U + 907133923UL;
    if (hash == (uint64_t)-1) hash = 590923713UL;
    atomic_store_u64_relaxed((uint64_t *)&so->hash, hash);   /* relaxed: idempotent cache */
    return (int64_t)hash;
}

static TrObject *compare(TrThread *ts, TrObject *a, TrObject *b, int op) {
    size_t na = set_size(a), nb = set_size(b);
    int r;
    switch (op) {
    case TR_EQ: case TR_NE:
        r = na == nb ? issubset(ts, a, b) : 0;
        if (r < 0) return NULL;
        return tr_bool(op == TR_EQ ? r : !r);
    case TR_LE: r = issubset(ts, a, b); break;
    case TR_GE: r = issubset(ts, b, a); break;
    case TR_LT: r = na < nb ? issubset(ts, a, b) : 0; break;
    default: r = na > nb ? issubset(ts, b, a) : 0; break;
    }
    if (r < 0) return NULL;
    return tr_bool(r);
}

static TrObject *set_richcompare(TrThread *ts, TrObject *a, TrObject *b, int op) {
    if (!anyset_check(b)) return tr_notimplemented;
    /* the members' == recurses (frozensets nested 100,000 deep) */
    if (tr_enter_recursive(ts, " in comparison")) return NULL;
    TrObject *r = compare(ts, a, b, op);
    tr_leave_recursive(ts);
    return r;
}

static ssize_t set_len_slot(TrThread *ts, TrObject *o) { return (ssize_t)set_size(o); }
static int set_contains_slot(TrThread *ts, TrObject *o, TrObject *k) { return set_contains(ts, o, k); }

/* ---- iterator ------------------------------------------------------------ */

typedef struct SetIter {
    TrObject ob_base;
    TrObject *set;       /* owned */
    size_t pos;          /* guarded by the iterator's lock */
    ssize_t used;        /* size at creation, -1 once it changed */
} SetIter;

static TrObject *set_iter(TrThread *ts, TrObject *o) {
    SetIter *it = (SetIter *)tr_alloc(ts, &tr_set_iter_type);
    if (!it) return NULL;
    it->set = tr_newref(o);
    it->used = (ssize_t)set_size(o);
    return (TrObject *)it;
}

static void setiter_dealloc(TrThread *ts, TrObject *o) {
    tr_decref(((SetIter *)o)->set);
    tr_free(o);
}

static TrObject *setiter_next(TrThread *ts, TrObject *o) {
    SetIter *it = (SetIter *)o;
    TrSet *so = S(it->set);
    TrObject *k = NULL;
    int err = 0;
    TR_BEGIN_CRITICAL2(ts, o, it->set);
    if (it->used >= 0 && (size_t)it->used != so->used) {
        it->used = -1;
        err = 1;
    } else if (it->used >= 0) {
        while (it->pos <= so->mask) {
            SEntry *e = &so->table[it->pos++];
            if (e->key && e->key != DUMMY) { k = tr_newref(e->key); break; }
        }
    }
    TR_END_CRITICAL2(ts);
    if (err) return err_format(ts, &tr_exc_RuntimeError, "Set changed size during iteration");
    return k;
}

static TrObject *self_iter(TrThread *ts, TrObject *o) { return tr_newref(o); }

TrType tr_set_iter_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "set_iterator",
    .basicsize = sizeof(SetIter),
    .base = &tr_object_type,
    .dealloc = setiter_dealloc,
    .iter = self_iter,
    .iternext = setiter_next,
};

/* ---- methods -------------------------------------------------------------- */

#define METHOD(name) static TrObject *name(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw)

METHOD(m_add) {
    if (args_one(ts, "set.add", nargs, kw) < 0 || set_add(ts, self, args[0]) < 0) return NULL;
    return tr_none;
}

METHOD(m_remove) {
    if (args_one(ts, "set.remove", nargs, kw) < 0) return NULL;
    int r = set_discard(ts, self, args[0]);
    if (r < 0) return NULL;
    if (r == 0) { err_set_value(ts, &tr_exc_KeyError, args[0]); return NULL; }
    return tr_none;
}

METHOD(m_discard) {
    if (args_one(ts, "set.discard", nargs, kw) < 0) return NULL;
    return set_discard(ts, self, args[0]) < 0 ? NULL : tr_none;
}

METHOD(m_pop) {
    if (args_none(ts, "set.pop", nargs, kw) < 0) return NULL;
    TrSet *so = S(self);
    TrObject *k = NULL;
    TR_BEGIN_CRITICAL(ts, self);
    if (so->used) {
        size_t i = so->finger & so->mask;
        while (!so->table[i].key || so->table[i].key == DUMMY) i = (i + 1) & so->mask;
        k = so->table[i].key;
        so->table[i].key = DUMMY;
        so->table[i].hash = -1;
        set_used(so, so->used - 1);
        so->finger = i + 1;
        so->version++;
    }
    TR_END_CRITICAL(ts);
    if (!k) {
        TrObject *msg = str_from_cstr(ts, "pop from an empty set");
        if (msg) { err_set_value(ts, &tr_exc_KeyError, msg); tr_decref(msg); }
    }
    return k;
}

METHOD(m_clear) {
    if (args_none(ts, "set.clear", nargs, kw) < 0) return NULL;
    TrSet *so = S(self);
    SEntry *old, saved[SET_MINSIZE];
    size_t oldmask;
    TR_BEGIN_CRITICAL(ts, self);
    old = so->table;
    oldmask = so->mask;
    if (old == so->small) { memcpy(saved, so->small, sizeof saved); old = saved; }
    memset(so->small, 0, sizeof so->small);
    so->table = so->small;
    so->mask = SET_MINSIZE - 1;
    so->fill = 0;
    set_used(so, 0);
    so->version++;
    TR_END_CRITICAL(ts);
    for (size_t i = 0; i <= oldmask; i++)
        if (old[i].key && old[i].key != DUMMY) tr_decref(old[i].key);
    if (old != saved) free(old);
    return tr_none;
}

void set_clear(TrThread *ts, TrObject *set) { (void)m_clear(ts, set, NULL, 0, NULL); }

METHOD(m_copy) {
    if (args_none(ts, is_frozen(self) ? "frozenset.copy" : "set.copy", nargs, kw) < 0) return NULL;
    if (tr_type(self) == &tr_frozenset_type) return tr_newref(self);
    return set_copy_as(ts, self, base_type(self));
}

METHOD(m_update) {
    if (kw && tuple_size(kw)) return err_format(ts, &tr_exc_TypeError, "set.update() takes no keyword arguments");
    for (size_t i = 0; i < nargs; i++)
        if (update_internal(ts, self, args[i]) < 0) return NULL;
    return tr_none;
}

METHOD(m_union) {
    if (kw && tuple_size(kw)) return err_format(ts, &tr_exc_TypeError, "union() takes no keyword arguments");
    TrObject *r = set_copy_as(ts, self, base_type(self));
    for (size_t i = 0; r && i < nargs; i++)
        if (args[i] != self && update_internal(ts, r, args[i]) < 0) TR_CLEAR(r);
    return r;
}

METHOD(m_intersection) {
    if (kw && tuple_size(kw)) return err_format(ts, &tr_exc_TypeError, "intersection() takes no keyword arguments");
    if (nargs == 0) return set_copy_as(ts, self, base_type(self));
    TrObject *r = tr_newref(self);
    for (size_t i = 0; r && i < nargs; i++) {
        TrObject *n = intersection(ts, r, args[i]);
        tr_decref(r);
        r = n;
    }
    return r;
}

METHOD(m_intersection_update) {
    TrObject *r = m_intersection(ts, self, args, nargs, kw);
    if (!r) return NULL;
    TrObject *res = set_inplace_op(ts, TR_BINOP_AND, self, r);
    tr_decref(r);
    if (!res) return NULL;
    tr_decref(res);
    return tr_none;
}

METHOD(m_difference) {
    if (kw && tuple_size(kw)) return err_format(ts, &tr_exc_TypeError, "difference() takes no keyword arguments");
    if (nargs == 0) return set_copy_as(ts, self, base_type(self));
    TrObject *r = difference(ts, self, args[0]);
    for (size_t i = 1; r && i < nargs; i++)
        if (difference_update(ts, r, args[i]) < 0) TR_CLEAR(r);
    return r;
}

METHOD(m_difference_update) {
    if (kw && tuple_size(kw)) return err_format(ts, &tr_exc_TypeError, "difference_update() takes no keyword arguments");
    for (size_t i = 0; i < nargs; i++)
        if (difference_update(ts, self, args[i]) < 0) return NULL;
    return tr_none;
}

METHOD(m_symmetric_difference) {
    if (args_one(ts, is_frozen(self) ? "frozenset.symmetric_difference" : "set.symmetric_difference", nargs, kw) < 0)
        return NULL;
    return symmetric_difference(ts, self, args[0]);
}

METHOD(m_symmetric_difference_update) {
    if (args_one(ts, "set.symmetric_difference_update", nargs, kw) < 0) return NULL;
    return symmetric_update(ts, self, args[0]) < 0 ? NULL : tr_none;
}

/* other as a set for the predicates (a new reference). */
static TrObject *as_set(TrThread *ts, TrObject *o) {
    return anyset_check(o) ? tr_newref(o) : set_from_iterable(ts, o);
}

METHOD(m_issubset) {
    if (args_one(ts, is_frozen(self) ? "frozenset.issubset" : "set.issubset", nargs, kw) < 0) return NULL;
    TrObject *o = as_set(ts, args[0]);
    if (!o) return NULL;
    int r = issubset(ts, self, o);
    tr_decref(o);
    return r < 0 ? NULL : tr_bool(r);
}

METHOD(m_issuperset) {
    if (args_one(ts, is_frozen(self) ? "frozenset.issuperset" : "set.issuperset", nargs, kw) < 0) return NULL;
    TrObject *o = as_set(ts, args[0]);
    if (!o) return NULL;
    int r = issubset(ts, o, self);
    tr_decref(o);
    return r < 0 ? NULL : tr_bool(r);
}

METHOD(m_isdisjoint) {
    if (args_one(ts, is_frozen(self) ? "frozenset.isdisjoint" : "set.isdisjoint", nargs, kw) < 0) return NULL;
    TrObject *it = tr_iter(ts, args[0]), *k;
    if (!it) return NULL;
    while ((k = tr_next(ts, it)) != NULL) {
        int r = set_contains(ts, self, k);
        tr_decref(k);
        if (r) { tr_decref(it); return r < 0 ? NULL : tr_false; }
    }
    tr_decref(it);
    return err_occurred(ts) ? NULL : tr_true;
}

METHOD(m_contains) {
    if (args_one(ts, "set.__contains__", nargs, kw) < 0) return NULL;
    int r = set_contains(ts, self, args[0]);
    return r < 0 ? NULL : tr_bool(r);
}

#define INPLACE(fname, op) \
    METHOD(fname) { \
        if (args_one(ts, "set." #fname, nargs, kw) < 0) return NULL; \
        return set_inplace_op(ts, op, self, args[0]); \
    }
INPLACE(m_ior, TR_BINOP_OR)
INPLACE(m_iand, TR_BINOP_AND)
INPLACE(m_isub, TR_BINOP_SUB)
INPLACE(m_ixor, TR_BINOP_XOR)

static TrObject *set_new_slot(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kw) {
    int frozen = tr_type_is_subtype(type, &tr_frozenset_type);
    const char *name = frozen ? "frozenset" : "set";
    if (kw && tuple_size(kw)) return err_format(ts, &tr_exc_TypeError, "%s() takes no keyword arguments", name);
    if (nargs > 1) return err_format(ts, &tr_exc_TypeError, "%s expected at most 1 argument, got %zu", name, nargs);
    if (frozen && type == &tr_frozenset_type && nargs && tr_type(args[0]) == &tr_frozenset_type)
        return tr_newref(args[0]);
    return make_set(ts, type, nargs ? args[0] : NULL);
}

static const TrMethodDef set_methods[] = {
    {"add", m_add}, {"remove", m_remove}, {"discard", m_discard}, {"pop", m_pop}, {"clear", m_clear},
    {"copy", m_copy}, {"update", m_update}, {"union", m_union}, {"intersection", m_intersection},
    {"intersection_update", m_intersection_update}, {"difference", m_difference},
    {"difference_update", m_difference_update}, {"symmetric_difference", m_symmetric_difference},
    {"symmetric_difference_update", m_symmetric_difference_update}, {"issubset", m_issubset},
    {"issuperset", m_issuperset}, {"isdisjoint", m_isdisjoint}, {"__contains__", m_contains},
    {"__ior__", m_ior}, {"__iand__", m_iand}, {"__isub__", m_isub}, {"__ixor__", m_ixor},
    {NULL, NULL},
};

static const TrMethodDef frozenset_methods[] = {
    {"copy", m_copy}, {"union", m_union}, {"intersection", m_intersection}, {"difference", m_difference},
    {"symmetric_difference", m_symmetric_difference}, {"issubset", m_issubset}, {"issuperset", m_issuperset},
    {"isdisjoint", m_isdisjoint}, {"__contains__", m_contains},
    {NULL, NULL},
};

static const TrNumberSlots set_number = {
    .binop = {
        [TR_BINOP_OR] = binop_or, [TR_BINOP_AND] = binop_and,
        [TR_BINOP_SUB] = binop_sub, [TR_BINOP_XOR] = binop_xor,
    },
};

/* ---- cycle collection (threads/gc.c) ---------------------------------------- */

static void set_traverse(TrObject *o, tr_visitfunc visit, void *arg) {
    TrSet *so = S(o);
    for (size_t i = 0; i <= so->mask; i++)
        if (so->table[i].key && so->table[i].key != DUMMY) visit(so->table[i].key, arg);
}

TrType tr_set_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "set",
    .basicsize = sizeof(TrSet),
    .flags = TR_TPFLAG_BASETYPE | TR_TPFLAG_GC | TR_TPFLAG_WEAKREFABLE | TR_TPFLAG_GENERIC,
    .base = &tr_object_type,
    .dealloc = set_dealloc,
    .repr = set_repr,
    .richcompare = set_richcompare,
    .len = set_len_slot,
    .contains = set_contains_slot,
    .iter = set_iter,
    .new_ = set_new_slot,
    .number = &set_number,
    .methods = set_methods,
    .traverse = set_traverse,
};

TrType tr_frozenset_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "frozenset",
    .basicsize = sizeof(TrSet),
    .flags = TR_TPFLAG_BASETYPE | TR_TPFLAG_GC | TR_TPFLAG_WEAKREFABLE | TR_TPFLAG_GENERIC,
    .base = &tr_object_type,
    .dealloc = set_dealloc,
    .repr = set_repr,
    .hash = frozenset_hash,
    .richcompare = set_richcompare,
    .len = set_len_slot,
    .contains = set_contains_slot,
    .iter = set_iter,
    .new_ = set_new_slot,
    .number = &set_number,
    .methods = frozenset_methods,
    .traverse = set_traverse,
};
