/* objects/dict.c: the dict type (insertion ordered), and with it the three
 * view types (dict_keys, dict_values, dict_items) and the six iterator
 * types over them: they read the dict's private table directly, so they
 * live beside it, as in CPython.
 *
 * Layout (as CPython's compact dict): a `Keys` block holds an index table of
 * `size` slots (a power of 2; each slot EMPTY, DUMMY or an entry number)
 * and a dense `entries` array filled in insertion order.  A deletion marks
 * its slot DUMMY and clears the entry (key NULL, value word 0); entries are
 * compacted only when the table is rebuilt (resize), which publishes a new
 * block and frees the old one through QSBR.
 *
 * Value words are tagged:
 *   | bit 0 | bit 1 | meaning                                              |
 *   |-------|-------|------------------------------------------------------|
 *   | 1     | any   | an immediate int (the whole word is the value)       |
 *   | 0     | 1     | a pointer to an immortal or deferred object: "stack  |
 *   |       |       | safe", may be handed out without counting            |
 *   | 0     | 0     | a plain pointer (0: no value, a deleted entry)       |
 *
 * Threads: every mutation holds the dict's lock (TR_BEGIN_CRITICAL) and
 * stores table fields with atomic stores; `keys` is published with a release
 * store, index slots with release stores after their entry is written, so a
 * lock-free reader (dict_get_ref) that loads them with acquire sees complete
 * entries.  The lock-free reader never dereferences a stored key (it may be
 * freed concurrently): it compares hashes and key identity only, and returns
 * only stack-safe values, except in the dict's owner (the thread that made
 * it: an instance's __dict__ is usually read by its maker alone), which
 * counts any value it finds at a hinted entry (dict_get_hinted_ref): other
 * threads release the values they take out of the dict through
 * tr_release_unlocked (include/torii/object.h), which never frees a value
 * the owner may have loaded just before it left (release_value).
 * Everything else takes the lock.
 * Keys whose equality needs Python code (__eq__) are compared outside the
 * lock: the candidate key is counted, the lock dropped, the comparison run,
 * the lock re-taken; if `version` moved meanwhile the probe starts over.
 * Lock order: dict iterator before its dict (TR_BEGIN_CRITICAL2); no Python
 * code and no decref of a stored object while the lock is held. */
#include <stdlib.h>
#include "objects/containers.h"
#include "objects/dict_inline.h"
#include "torii/iter.h"
#include "torii/set.h"

#define IX_EMPTY DICT_IX_EMPTY
#define IX_DUMMY DICT_IX_DUMMY
#define MIN_SIZE 8
#define PERTURB_SHIFT DICT_PERTURB_SHIFT

/* The table layout (DictEntry, DictKeys, TrDict) lives in
 * objects/dict_inline.h, shared with the VM's inlined hint peeks. */
typedef DictEntry Entry;
typedef DictKeys Keys;

#define D(o) ((TrDict *)(o))

/* ---- value words --------------------------------------------------------- */

/* Drops the dict's reference to `v` (NULL allowed), which has just left it
 * (the lock released): at once in the owner, else by the lock-free owner
 * read's rule (tr_release_unlocked). */
static inline void release_value(TrThread *ts, TrObject *dict, TrObject *v) {
    if (!v) return;
    if (!TR_BIASED_RC || tr_owned_by_me(dict)) tr_decref(v);
    else tr_release_unlocked(ts, dict, &v, 1);
}

#define tag_value value_word    /* objects/containers.h */
#define untag word_value

/* ---- tables -------------------------------------------------------------- */

static Keys *keys_new(TrThread *ts, size_t size) {
    size_t usable = (size << 1) / 3;
    if (size > ((size_t)1 << 31)) { err_nomemory(ts); return NULL; }
    Keys *k = malloc(sizeof(Keys) + usable * sizeof(Entry) + size * sizeof(uint32_t));
    if (!k) { err_nomemory(ts); return NULL; }
    k->size = size;
    k->usable = usable;
    k->nentries = 0;
    k->live_end = 0;
    k->indices = (uint32_t *)(void *)(k->entries + usable);
    memset(k->indices, 0xff, size * sizeof(uint32_t));
    return k;
}

static inline Keys *load_keys(TrDict *d) { return dict_load_keys((TrObject *)d); }
static inline void publish_keys(TrDict *d, Keys *k) { atomic_store_ptr_release(&d->keys, k); }
/* Versions are unique across all dicts and all time, not just increasing:
 * each thread hands out numbers from its own range (its never-reused id in
 * the high bits), so a cache keyed by (dict address, version) can never match
 * a different dict that later reuses the address.  Written under the dict's
 * lock (or before the dict is shared); release: pairs with the acquire in
 * dict_version(). */
static __thread uint64_t next_version;
static inline uint64_t new_version(void) {
    if ((next_version & ((UINT64_C(1) << 40) - 1)) == 0)
        next_version = ((uint64_t)tr_tls_tid << 40) | 1;   /* first use, or range exhausted */
    return next_version++;
}
static inline void bump(TrDict *d) { atomic_store_u64_release(&d->version, new_version()); }
static inline void set_used(TrDict *d, size_t n) { atomic_store_size_relaxed(&d->used, n); }

static inline int64_t hash_of(TrThread *ts, TrObject *key) {
    if (tr_is_imm(key)) return int_hash(key);
    if (tr_type(key) == &tr_str_type) return str_hash(key);
    return tr_hash(ts, key);
}

/* Index slot for a new entry with `hash` (the first EMPTY or DUMMY). */
static size_t find_free_slot(Keys *k, int64_t hash) {
    size_t mask = k->size - 1, i = (size_t)hash & mask, perturb = (size_t)hash;
    while (k->indices[i] < IX_DUMMY) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

/* Appends an entry to a table with room (caller checked nentries < usable).
 * Steals `key` and the value word's reference. */
static void append_entry(Keys *k, int64_t hash, TrObject *key, uintptr_t w) {
    size_t slot = find_free_slot(k, hash);
    size_t ix = k->nentries;
    Entry *e = &k->entries[ix];
    atomic_store_u64_relaxed((uint64_t *)&e->hash, (uint64_t)hash);
    atomic_store_ptr_relaxed(&e->key, key);
    atomic_store_uptr_release(&e->value, w);
    /* release: dict_get_hinted() trusts entries below an acquired nentries */
    atomic_store_size_release(&k->nentries, ix + 1);
    k->live_end = ix + 1;
    /* release: the entry above is complete before a reader can reach it */
    atomic_store_u32_release(&k->indices[slot], (uint32_t)ix);
}

/* Rebuilds the table with room for `minsize`-ish entries, dropping deleted
 * entries.  Caller holds the lock.  On failure the dict is unchanged and
 * MemoryError is pending. */
static int resize(TrThread *ts, TrDict *d, size_t minsize) {
    size_t size = MIN_SIZE;
    while (size < minsize) size <<= 1;
    Keys *nk = keys_new(ts, size);
    if (!nk) return -1;
    Keys *old = d->keys;
    if (old) {
        for (size_t i = 0; i < old->nentries; i++) {
            Entry *e = &old->entries[i];
            if (e->value) append_entry(nk, e->hash, e->key, e->value);
        }
    }
    publish_keys(d, nk);
    if (old) qsbr_free_later(ts, old);
    return 0;
}

/* ---- lookup under the lock ------------------------------------------------ */

enum { LK_FOUND, LK_MISSING, LK_NEED_CMP };

/* Comparison results learnt outside the lock, valid for one `version`. */
typedef struct Probe {
    uint64_t version;
    size_t eq_ix;        /* entry known equal, or SIZE_MAX */
    size_t *noteq;       /* entries known unequal */
    size_t nnoteq, capnoteq;
    size_t small[8];
    TrObject *cand;      /* LK_NEED_CMP: counted candidate key */
    size_t cand_ix;
} Probe;

static void probe_init(Probe *p) {
    p->version = UINT64_MAX;
    p->eq_ix = SIZE_MAX;
    p->noteq = p->small;
    p->nnoteq = 0;
    p->capnoteq = 8;
    p->cand = NULL;
}
static void probe_done(Probe *p) { if (p->noteq != p->small) free(p->noteq); }
static int probe_note(TrThread *ts, Probe *p, size_t ix, int eq) {
    if (eq) { p->eq_ix = ix; return 0; }
    if (p->nnoteq == p->capnoteq) {
        size_t cap = p->capnoteq * 2;
        size_t *n = malloc(cap * sizeof(size_t));
        if (!n) { err_nomemory(ts); return -1; }
        memcpy(n, p->noteq, p->nnoteq * sizeof(size_t));
        if (p->noteq != p->small) free(p->noteq);
        p->noteq = n;
        p->capnoteq = cap;
    }
    p->noteq[p->nnoteq++] = ix;
    return 0;
}

/* Looks `key` up; caller holds the lock.  LK_FOUND fills *slot and *ix;
 * LK_NEED_CMP counts the candidate into p->cand. */
static int lookup_locked(TrDict *d, TrObject *key, int64_t hash, Probe *p, size_t *slot, size_t *ix) {
    if (d->version != p->version) {
        p->version = d->version;
        p->eq_ix = SIZE_MAX;
        p->nnoteq = 0;
    }
    Keys *k = d->keys;
    if (!k) return LK_MISSING;
    size_t mask = k->size - 1, i = (size_t)hash & mask, perturb = (size_t)hash;
    for (;;) {
        uint32_t x = k->indices[i];
        if (x == IX_EMPTY) return LK_MISSING;
        if (x != IX_DUMMY) {
            Entry *e = &k->entries[x];
            if (e->key == key) { *slot = i; *ix = x; return LK_FOUND; }
            if (e->hash == hash && e->key) {
                int eq = eq_simple(e->key, key);
                if (eq == -2) {
                    if (p->eq_ix == x) eq = 1;
                    else {
                        eq = 0;
                        size_t j;
                        for (j = 0; j < p->nnoteq && p->noteq[j] != x; j++) {}
                        if (j == p->nnoteq) {
                            p->cand = tr_newref(e->key);
                            p->cand_ix = x;
                            return LK_NEED_CMP;
                        }
                    }
                }
                if (eq) { *slot = i; *ix = x; return LK_FOUND; }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

/* The live entry `e`'s value, as a new reference; marks the value word
 * stack-safe once the value has become deferred.  Caller holds the lock. */
static TrObject *entry_get_locked(Entry *e) {
    TrObject *cur = untag(e->value);
    if (!(e->value & 3) && stack_safe(cur))   /* became deferred: mark it */
        atomic_store_uptr_release(&e->value, e->value | 2);
    return tr_newref(cur);
}

/* Stores `value` (borrowed) in the live entry `e`; returns the old value,
 * whose reference the caller releases after unlocking.  Caller holds the
 * lock. */
static TrObject *entry_replace_locked(TrDict *d, Entry *e, TrObject *value) {
    TrObject *old = untag(e->value);
    atomic_store_uptr_release(&e->value, tag_value(tr_newref(value)));
    bump(d);
    return old;
}

/* Appends a new entry key: value (both borrowed, counted here), growing the
 * table first when it is full; *ix is the entry's index.  Caller holds the
 * lock.  -1 with MemoryError (the dict unchanged). */
static int insert_locked(TrThread *ts, TrDict *d, int64_t hash, TrObject *key, TrObject *value, size_t *ix) {
    Keys *k = d->keys;
    if ((!k || k->nentries >= k->usable) && resize(ts, d, d->used * 3 + 1) < 0) return -1;
    *ix = d->keys->nentries;
    append_entry(d->keys, hash, tr_newref(key), tag_value(tr_newref(value)));
    set_used(d, d->used + 1);
    bump(d);
    return 0;
}

enum { OP_GET, OP_SET, OP_DEL, OP_SETDEFAULT };

/* The one locked entry point for keyed operations.
 *   OP_GET: *out = new reference; returns 1 found, 0 missing.
 *   OP_SET: stores `value` (borrowed); returns 0.
 *   OP_DEL: removes; *out = the value (new reference); 1, or 0 if missing.
 *   OP_SETDEFAULT: *out = new reference to the value now stored; returns 1.
 * -1 on error (hash or __eq__ failed, MemoryError). */
static int dict_op(TrThread *ts, TrObject *dict, TrObject *key, int64_t hash, int op, TrObject *value,
                   TrObject **out) {
    TrDict *d = D(dict);
    Probe p;
    probe_init(&p);
    int result = -1;
    for (;;) {
        TrObject *dead_key = NULL, *dead_val = NULL;
        int lk, done = 1;
        result = -1;
        TR_BEGIN_CRITICAL(ts, dict);
        size_t slot = 0, ix = 0;
        lk = lookup_locked(d, key, hash, &p, &slot, &ix);
        if (lk == LK_NEED_CMP) {
            done = 0;
        } else if (lk == LK_FOUND) {
            Keys *k = d->keys;
            Entry *e = &k->entries[ix];
            TrObject *cur = untag(e->value);
            switch (op) {
            case OP_GET:
            case OP_SETDEFAULT:
                *out = entry_get_locked(e);
                result = 1;
                break;
            case OP_SET:
                dead_val = entry_replace_locked(d, e, value);
                result = 0;
                break;
            case OP_DEL:
                dead_key = e->key;
                *out = cur;   /* the entry's reference moves to the caller */
                atomic_store_u32_relaxed(&k->indices[slot], IX_DUMMY);
                atomic_store_uptr_release(&e->value, 0);
                atomic_store_ptr_relaxed(&e->key, NULL);
                set_used(d, d->used - 1);
                bump(d);
                result = 1;
                break;
            }
        } else { /* LK_MISSING */
            if (op == OP_GET || op == OP_DEL) {
                result = 0;
            } else {
                TrObject *v = op == OP_SET ? value : (value ? value : tr_none);
                size_t nix;
                if (insert_locked(ts, d, hash, key, v, &nix) < 0) {
                    result = -1;
                } else {
                    if (op == OP_SETDEFAULT) *out = tr_newref(v);
                    result = op == OP_SET ? 0 : 1;
                }
            }
        }
        TR_END_CRITICAL(ts);
        /* outside the lock: these may run destructors */
        tr_xdecref(dead_key);
        release_value(ts, dict, dead_val);
        if (op == OP_DEL && result == 1 && TR_BIASED_RC && !tr_owned_by_me(dict)) {
            /* the caller gets a reference of its own; the dict's goes as any removal */
            release_value(ts, dict, tr_newref(*out));
        }
        if (done) break;
        int eq = tr_richcompare_bool(ts, p.cand, key, TR_EQ);
        TR_CLEAR(p.cand);
        if (eq < 0 || probe_note(ts, &p, p.cand_ix, eq) < 0) { result = -1; break; }
    }
    probe_done(&p);
    return result;
}

/* ---- public API ---------------------------------------------------------- */

static TrObject *dict_alloc(TrThread *ts, TrType *type) {
    TrObject *d = tr_alloc(ts, type);
    if (d) D(d)->version = new_version();
    return d;
}

TrObject *dict_new(TrThread *ts) { return dict_alloc(ts, &tr_dict_type); }

size_t dict_size(const TrObject *d) { return atomic_load_size_relaxed(&D(d)->used); }

uint64_t dict_version(const TrObject *d) { return atomic_load_u64_acquire(&D(d)->version); }

const uint64_t *dict_version_ptr(const TrObject *d) { return &D(d)->version; }

TrObject *dict_get(TrThread *ts, TrObject *d, TrObject *key) {
    int64_t h = hash_of(ts, key);
    if (h == -1) return NULL;
    TrObject *v = NULL;
    if (dict_op(ts, d, key, h, OP_GET, NULL, &v) <= 0) return NULL;
    return v;
}

int dict_get_ref(TrThread *ts, TrObject *dict, TrObject *key, TrObject **out) {
    TrDict *d = D(dict);
    int fast_key = tr_is_imm(key) || tr_type(key) == &tr_str_type;
    int64_t hash = hash_of(ts, key);
    if (hash == -1) return -1;
    if (fast_key) {
        Keys *k = load_keys(d);
        if (!k) return 0;
        size_t mask = k->size - 1, i = (size_t)hash & mask, perturb = (size_t)hash;
        for (;;) {
            /* acquire: pairs with the release in append_entry() */
            uint32_t x = atomic_load_u32_acquire(&k->indices[i]);
            if (x == IX_EMPTY) return 0;
            if (x < k->usable) {
                Entry *e = &k->entries[x];
                if ((int64_t)atomic_load_u64_relaxed((const uint64_t *)&e->hash) == hash) {
                    TrObject *ek = atomic_load_objptr_relaxed(&e->key);
                    if (ek == key) {
                        /* acquire: pairs with the release of the value word */
                        uintptr_t w = atomic_load_uptr_acquire(&e->value);
                        if (w & 3) { *out = untag(w); return 2; }
                        break;
                    }
                    /* a stored immediate differs from our key (another
                     * immediate, or a str); anything else needs the stored
                     * key, which only the lock may touch */
                    if (!ek || !tr_is_imm(ek)) break;
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i * 5 + perturb + 1) & mask;
        }
    }
    TrObject *v = NULL;
    int r = dict_op(ts, dict, key, hash, OP_GET, NULL, &v);
    if (r <= 0) return r;
    *out = v;
    return 1;
}

/* ---- hinted access for the VM's attribute caches ------------------------- */

int dict_get_hinted(TrObject *dict, TrObject *key, int64_t hash, uint32_t *hint, TrObject **out) {
    TrDict *d = D(dict);
    Keys *k = load_keys(d);
    if (!k) return 0;
    uint32_t hx = atomic_load_u32_relaxed(hint);
    /* acquire: pairs with the release in append_entry(): the entries below
     * it are complete, so a stale hint never reads uninitialised memory */
    if (hx < atomic_load_size_acquire(&k->nentries)) {
        Entry *e = &k->entries[hx];
        if (atomic_load_objptr_relaxed(&e->key) == key) {
            /* acquire: pairs with the release of the value word */
            uintptr_t w = atomic_load_uptr_acquire(&e->value);
            if (w & 3) { *out = untag(w); return 2; }
            if (w) return -1;          /* a plain pointer: only the lock may count it */
            /* deleted here: the key may live in a later entry */
        }
    }
    size_t mask = k->size - 1, i = (size_t)hash & mask, perturb = (size_t)hash;
    for (;;) {
        /* acquire: pairs with the release in append_entry() */
        uint32_t x = atomic_load_u32_acquire(&k->indices[i]);
        if (x == IX_EMPTY) return 0;
        if (x < k->usable) {
            Entry *e = &k->entries[x];
            if ((int64_t)atomic_load_u64_relaxed((const uint64_t *)&e->hash) == hash) {
                TrObject *ek = atomic_load_objptr_relaxed(&e->key);
                if (ek == key) {
                    atomic_store_u32_relaxed(hint, x);
                    /* acquire: pairs with the release of the value word */
                    uintptr_t w = atomic_load_uptr_acquire(&e->value);
                    if (w & 3) { *out = untag(w); return 2; }
                    return -1;
                }
                return -1;             /* an equal-hash key: comparing it needs the lock */
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

int dict_get_hinted_ref(TrThread *ts, TrObject *dict, TrObject *key, int64_t hash, uint32_t *hint,
                        TrObject **out) {
    int g = dict_get_hinted(dict, key, hash, hint, out);
    if (g != -1) return g;
    TrDict *d = D(dict);
    uint32_t hx = atomic_load_u32_relaxed(hint);
    TrObject *v = NULL;
    if (!TR_BIASED_RC || tr_owned_by_me(dict)) {
        /* the owner counts what it finds without the lock (see the header) */
        Keys *k = dict_load_keys(dict);
        if (!k || hx >= atomic_load_size_acquire(&k->nentries)) return -1;
        Entry *e = &k->entries[hx];
        if (atomic_load_objptr_relaxed(&e->key) != key) return -1;
        uintptr_t w = atomic_load_uptr_acquire(&e->value);
        if (!w) return -1;
        *out = tr_newref(untag(w));
        return 1;
    }
    TR_BEGIN_CRITICAL(ts, dict);
    Keys *k = d->keys;
    if (k && hx < k->nentries) {
        Entry *e = &k->entries[hx];
        if (e->key == key && e->value) v = entry_get_locked(e);   /* the live entry of `key` */
    }
    TR_END_CRITICAL(ts);
    if (!v) return -1;
    *out = v;
    return 1;
}

int dict_set_hinted(TrThread *ts, TrObject *dict, TrObject *key, TrObject *value, uint32_t *hint) {
    TrDict *d = D(dict);
    uint32_t hx = atomic_load_u32_relaxed(hint);
    int64_t hash = 0;
    TrObject *dead = NULL;
    int done = 0;
    Probe p;
    p.cand = NULL;                 /* initialised in full only on a miss of the hint */
    p.noteq = p.small;
    TR_BEGIN_CRITICAL(ts, dict);
    Keys *k = d->keys;
    if (k && hx < k->nentries && k->entries[hx].key == key && k->entries[hx].value) {
        dead = entry_replace_locked(d, &k->entries[hx], value);   /* the live entry of `key` */
        done = 1;
    } else {
        /* not at the hint: find it, or append; a stored key whose == is
         * user code needs a comparison outside the lock, which dict_set does */
        size_t slot = 0, ix = 0;
        hash = str_hash(key);
        probe_init(&p);
        int lk = lookup_locked(d, key, hash, &p, &slot, &ix);
        if (lk == LK_FOUND) {
            dead = entry_replace_locked(d, &d->keys->entries[ix], value);
            done = 1;
        } else if (lk == LK_MISSING) {
            done = insert_locked(ts, d, hash, key, value, &ix) < 0 ? -1 : 1;
        }
        if (done > 0) atomic_store_u32_relaxed(hint, (uint32_t)ix);
    }
    TR_END_CRITICAL(ts);
    tr_xdecref(p.cand);
    probe_done(&p);
    if (done) {
        release_value(ts, dict, dead);    /* outside the lock: may run a destructor */
        return done < 0 ? -1 : 0;
    }
    if (dict_set(ts, dict, key, value) < 0) return -1;
    TrObject *v;
    (void)dict_get_hinted(dict, key, hash, hint, &v);   /* learns the entry (hash set on the miss) */
    return 0;
}

TrObject *dict_get_cstr(TrThread *ts, TrObject *d, const char *key) {
    TrObject *k = str_intern_cstr(ts, key);
    if (!k) return NULL;
    return dict_get(ts, d, k);
}

int dict_set(TrThread *ts, TrObject *d, TrObject *key, TrObject *value) {
    int64_t h = hash_of(ts, key);
    if (h == -1) return -1;
    return dict_op(ts, d, key, h, OP_SET, value, NULL) < 0 ? -1 : 0;
}

int dict_set_cstr(TrThread *ts, TrObject *d, const char *key, TrObject *value) {
    TrObject *k = str_intern_cstr(ts, key);
    if (!k) return -1;
    return dict_set(ts, d, k, value);
}

int dict_pop(TrThread *ts, TrObject *d, TrObject *key, TrObject **out) {
    int64_t h = hash_of(ts, key);
    if (h == -1) return -1;
    return dict_op(ts, d, key, h, OP_DEL, NULL, out);
}

int dict_del(TrThread *ts, TrObject *d, TrObject *key) {
    TrObject *v;
    int r = dict_pop(ts, d, key, &v);
    if (r < 0) return -1;
    if (r == 0) { err_set_value(ts, &tr_exc_KeyError, key); return -1; }
    tr_decref(v);
    return 0;
}

TrObject *dict_setdefault(TrThread *ts, TrObject *d, TrObject *key, TrObject *deflt) {
    int64_t h = hash_of(ts, key);
    if (h == -1) return NULL;
    TrObject *v = NULL;
    if (dict_op(ts, d, key, h, OP_SETDEFAULT, deflt ? deflt : tr_none, &v) < 0) return NULL;
    return v;
}

int dict_contains(TrThread *ts, TrObject *d, TrObject *key) {
    TrObject *v;
    int r = dict_get_ref(ts, d, key, &v);
    if (r == 1) tr_decref(v);
    return r < 0 ? -1 : r > 0;
}

int dict_next(TrThread *ts, TrObject *dict, size_t *pos, TrObject **key, TrObject **value) {
    TrDict *d = D(dict);
    int r = 0;
    TR_BEGIN_CRITICAL(ts, dict);
    Keys *k = d->keys;
    while (k && *pos < k->nentries) {
        Entry *e = &k->entries[(*pos)++];
        if (e->value) {
            if (key) *key = tr_newref(e->key);
            if (value) *value = tr_newref(untag(e->value));
            r = 1;
            break;
        }
    }
    TR_END_CRITICAL(ts);
    return r;
}

/* Counted snapshot of the live entries: keys and values arrays (either may
 * be NULL to skip).  Returns the count, or -1 on MemoryError. */
static ssize_t snapshot(TrThread *ts, TrObject *dict, TrObject ***keys, TrObject ***values) {
    TrDict *d = D(dict);
    ssize_t n = -1;
    TrObject **ks = NULL, **vs = NULL;
    for (;;) {
        size_t cap = dict_size(dict) + 1;
        ks = keys ? malloc(cap * sizeof(TrObject *)) : NULL;
        vs = values ? malloc(cap * sizeof(TrObject *)) : NULL;
        if ((keys && !ks) || (values && !vs)) { free(ks); free(vs); err_nomemory(ts); return -1; }
        int again = 0;
        TR_BEGIN_CRITICAL(ts, dict);
        if (d->used >= cap) {
            again = 1;
        } else {
            Keys *k = d->keys;
            n = 0;
            for (size_t i = 0; k && i < k->nentries; i++) {
                Entry *e = &k->entries[i];
                if (!e->value) continue;
                if (ks) ks[n] = tr_newref(e->key);
                if (vs) vs[n] = tr_newref(untag(e->value));
                n++;
            }
        }
        TR_END_CRITICAL(ts);
        if (!again) break;
        free(ks);
        free(vs);
    }
    if (keys) *keys = ks;
    if (values) *values = vs;
    return n;
}

static void release(TrObject **a, ssize_t n) {
    if (!a) return;
    for (ssize_t i = 0; i < n; i++) tr_decref(a[i]);
    free(a);
}

static TrObject *list_take_array(TrThread *ts, TrObject **a, ssize_t n) {
    TrObject *l = list_new(ts, (size_t)n);
    if (!l) { release(a, n); return NULL; }
    for (ssize_t i = 0; i < n; i++) list_append_take(ts, l, a[i]);
    free(a);
    return l;
}

TrObject *dict_keys_list(TrThread *ts, TrObject *d) {
    TrObject **ks;
    ssize_t n = snapshot(ts, d, &ks, NULL);
    if (n < 0) return NULL;
    return list_take_array(ts, ks, n);
}

TrObject *dict_values_list(TrThread *ts, TrObject *d) {
    TrObject **vs;
    ssize_t n = snapshot(ts, d, NULL, &vs);
    if (n < 0) return NULL;
    return list_take_array(ts, vs, n);
}

TrObject *dict_items_list(TrThread *ts, TrObject *d) {
    TrObject **ks, **vs;
    ssize_t n = snapshot(ts, d, &ks, &vs);
    if (n < 0) return NULL;
    TrObject *l = list_new(ts, (size_t)n);
    for (ssize_t i = 0; i < n; i++) {
        TrObject *t = l ? tuple_new(ts, 2) : NULL;
        if (!t) { TR_CLEAR(l); tr_decref(ks[i]); tr_decref(vs[i]); continue; }
        tuple_set_take(t, 0, ks[i]);
        tuple_set_take(t, 1, vs[i]);
        list_append_take(ts, l, t);
    }
    free(ks);
    free(vs);
    return l;
}

/* Merges the pairs of `other` (any iterable of 2-sequences) into `d`. */
static int update_from_pairs(TrThread *ts, TrObject *d, TrObject *other) {
    TrObject *it = tr_iter(ts, other);
    if (!it) return -1;
    TrObject *item;
    for (size_t n = 0; (item = tr_next(ts, it)) != NULL; n++) {
        TrObject *t = NULL;
        if (tr_type(item) == &tr_tuple_type || tr_type(item) == &tr_list_type) {
            t = tuple_from_iterable(ts, item);
        } else {
            TrObject *sub = tr_iter(ts, item);
            if (sub) { tr_decref(sub); t = tuple_from_iterable(ts, item); }
            else if (err_matches(ts, &tr_exc_TypeError))
                err_format(ts, &tr_exc_TypeError,
                           "cannot convert dictionary update sequence element #%zu to a sequence", n);
        }
        tr_decref(item);
        if (!t) goto error;
        if (tuple_size(t) != 2) {
            err_format(ts, &tr_exc_ValueError, "dictionary update sequence element #%zu has length %zu; 2 is required",
                       n, tuple_size(t));
            tr_decref(t);
            goto error;
        }
        int r = dict_set(ts, d, tuple_get(t, 0), tuple_get(t, 1));
        tr_decref(t);
        if (r < 0) goto error;
    }
    tr_decref(it);
    return err_occurred(ts) ? -1 : 0;
error:
    tr_decref(it);
    return -1;
}

int dict_update(TrThread *ts, TrObject *d, TrObject *other) {
    if (dict_check(other)) {
        TrObject **ks, **vs;
        ssize_t n = snapshot(ts, other, &ks, &vs);
        if (n < 0) return -1;
        int rc = 0;
        for (ssize_t i = 0; i < n && rc == 0; i++) rc = dict_set(ts, d, ks[i], vs[i]);
        release(ks, n);
        release(vs, n);
        return rc;
    }
    TrObject *keys = tr_getattr_cstr(ts, other, "keys");
    if (!keys) {
        if (!err_matches(ts, &tr_exc_AttributeError)) return -1;
        err_clear(ts);
        return update_from_pairs(ts, d, other);
    }
    TrObject *ks = tr_call(ts, keys, NULL, 0, NULL);
    tr_decref(keys);
    if (!ks) return -1;
    TrObject *it = tr_iter(ts, ks);
    tr_decref(ks);
    if (!it) return -1;
    TrObject *k;
    while ((k = tr_next(ts, it)) != NULL) {
        TrObject *v = tr_getitem(ts, other, k);
        int r = v ? dict_set(ts, d, k, v) : -1;
        tr_decref(k);
        tr_xdecref(v);
        if (r < 0) { tr_decref(it); return -1; }
    }
    tr_decref(it);
    return err_occurred(ts) ? -1 : 0;
}

/* Adds keyword arguments args[0..n) named by `kwnames` to `d`. */
static int update_kw(TrThread *ts, TrObject *d, TrObject *const *vals, TrObject *kwnames) {
    size_t n = kwnames ? tuple_size(kwnames) : 0;
    for (size_t i = 0; i < n; i++)
        if (dict_set(ts, d, tuple_get(kwnames, i), vals[i]) < 0) return -1;
    return 0;
}

TrObject *dict_copy(TrThread *ts, TrObject *d) {
    TrObject **ks, **vs;
    ssize_t n = snapshot(ts, d, &ks, &vs);
    if (n < 0) return NULL;
    TrObject *r = dict_new(ts);
    if (r && n) {
        size_t size = MIN_SIZE;
        while ((size << 1) / 3 < (size_t)n) size <<= 1;
        Keys *k = keys_new(ts, size);
        if (!k) {
            TR_CLEAR(r);
        } else {
            /* not yet shared: fill directly, stealing the snapshot's references */
            for (ssize_t i = 0; i < n; i++) append_entry(k, hash_of(ts, ks[i]), ks[i], tag_value(vs[i]));
            D(r)->keys = k;
            D(r)->used = (size_t)n;
            free(ks);
            free(vs);
            return r;
        }
    }
    release(ks, n);
    release(vs, n);
    return r;
}

void dict_clear(TrThread *ts, TrObject *dict) {
    TrDict *d = D(dict);
    Keys *old;
    TR_BEGIN_CRITICAL(ts, dict);
    old = d->keys;
    publish_keys(d, NULL);
    set_used(d, 0);
    bump(d);
    TR_END_CRITICAL(ts);
    if (!old) return;
    for (size_t i = 0; i < old->nentries; i++) {
        Entry *e = &old->entries[i];
        if (e->value) { tr_decref(e->key); release_value(ts, dict, untag(e->value)); }
    }
    qsbr_free_later(ts, old);
}

/* ---- slots ----------------------------------------------------------------- */

/* Drops the keys and values of a table no thread can read any more (its
 * dict is being freed, or is cyclic garbage), and frees it at once. */
static void release_unshared_keys(Keys *k) {
    if (!k) return;
    for (size_t i = 0; i < k->nentries; i++) {
        Entry *e = &k->entries[i];
        if (e->value) { tr_decref(e->key); tr_decref(untag(e->value)); }
    }
    free(k);
}

static void dict_dealloc(TrThread *ts, TrObject *o) {
    release_unshared_keys(D(o)->keys);   /* no reference left, so no lock-free reader either */
    tr_free(o);
}

static TrObject *dict_repr(TrThread *ts, TrObject *o) {
    if (dict_size(o) == 0) return str_from_cstr(ts, "{}");
    if (repr_enter(o)) return str_from_cstr(ts, "{...}");
    TrObject **ks, **vs;
    ssize_t n = snapshot(ts, o, &ks, &vs);
    if (n < 0) { repr_leave(o); return NULL; }
    TrStrBuf b;
    strbuf_init(&b);
    strbuf_addc(&b, '{');
    int rc = 0;
    for (ssize_t i = 0; i < n && rc == 0; i++) {
        if (i) strbuf_add(&b, ", ", 2);
        rc = strbuf_add_repr(ts, &b, ks[i]);
        if (rc == 0) { strbuf_add(&b, ": ", 2); rc = strbuf_add_repr(ts, &b, vs[i]); }
    }
    strbuf_addc(&b, '}');
    release(ks, n);
    release(vs, n);
    repr_leave(o);
    if (rc < 0) { strbuf_free(&b); return NULL; }
    return strbuf_finish(ts, &b);
}

/* 1 if a and b hold equal items, 0 if not, -1 on error. */
static int dict_equal(TrThread *ts, TrObject *a, TrObject *b) {
    if (dict_size(a) != dict_size(b)) return 0;
    TrObject **ks, **vs;
    ssize_t n = snapshot(ts, a, &ks, &vs);
    if (n < 0) return -1;
    int r = 1;
    for (ssize_t i = 0; i < n && r == 1; i++) {
        TrObject *bv = dict_get(ts, b, ks[i]);
        if (!bv) { r = err_occurred(ts) ? -1 : 0; break; }
        r = tr_richcompare_bool(ts, vs[i], bv, TR_EQ);
        tr_decref(bv);
    }
    release(ks, n);
    release(vs, n);
    return r;
}

static TrObject *dict_richcompare(TrThread *ts, TrObject *a, TrObject *b, int op) {
    if (!dict_check(a) || !dict_check(b) || (op != TR_EQ && op != TR_NE)) return tr_notimplemented;
    /* values compare recursively (dicts nested 100,000 deep) */
    if (tr_enter_recursive(ts, " in comparison")) return NULL;
    int r = dict_equal(ts, a, b);
    tr_leave_recursive(ts);
    if (r < 0) return NULL;
    return tr_bool(op == TR_EQ ? r : !r);
}

static ssize_t dict_len(TrThread *ts, TrObject *o) { return (ssize_t)dict_size(o); }

static TrObject *dict_getitem(TrThread *ts, TrObject *d, TrObject *key) {
    TrObject *v;
    int r = dict_get_ref(ts, d, key, &v);
    if (r < 0) return NULL;
    if (r == 0) {
        if (tr_type(d) != &tr_dict_type) {
            /* a subclass may define __missing__ */
            TrObject *name = str_intern_cstr(ts, "__missing__");
            TrObject *m = name ? dict_get(ts, tr_type(d)->dict, name) : NULL;
            if (m) {
                TrObject *args[2] = {d, key};
                TrObject *res = tr_call(ts, m, args, 2, NULL);
                tr_decref(m);
                return res;
            }
            if (err_occurred(ts)) return NULL;
        }
        err_set_value(ts, &tr_exc_KeyError, key);
        return NULL;
    }
    return r == 2 ? v : v;   /* r == 2: borrowed but stack-safe, needs no count */
}

static int dict_setitem(TrThread *ts, TrObject *d, TrObject *key, TrObject *value) {
    if (value) return dict_set(ts, d, key, value);
    return dict_del(ts, d, key);
}

static int dict_contains_slot(TrThread *ts, TrObject *d, TrObject *key) { return dict_contains(ts, d, key); }

/* ---- iterators ------------------------------------------------------------- */

enum { KIND_KEYS, KIND_VALUES, KIND_ITEMS };

/* An iterator over a dict's entries.  `pos`, `used`, `remaining` are
 * guarded by the iterator's lock, taken together with the dict's. */
typedef struct DictIter {
    TrObject ob_base;
    TrObject *dict;      /* owned */
    size_t pos;          /* next entry number (forward) or entries left (reverse) */
    ssize_t used;        /* the dict's size at creation; -1 once it changed */
    size_t remaining;
    int kind;
    bool reverse;
} DictIter;

extern TrType tr_dict_keyiter_type, tr_dict_valueiter_type, tr_dict_itemiter_type;
extern TrType tr_dict_revkeyiter_type, tr_dict_revvalueiter_type, tr_dict_revitemiter_type;

static TrObject *dictiter_new(TrThread *ts, TrObject *dict, int kind, bool reverse) {
    static TrType *const fwd[] = {&tr_dict_keyiter_type, &tr_dict_valueiter_type, &tr_dict_itemiter_type};
    static TrType *const rev[] = {&tr_dict_revkeyiter_type, &tr_dict_revvalueiter_type, &tr_dict_revitemiter_type};
    DictIter *it = (DictIter *)tr_alloc(ts, reverse ? rev[kind] : fwd[kind]);
    if (!it) return NULL;
    it->dict = tr_newref(dict);
    it->kind = kind;
    it->reverse = reverse;
    TR_BEGIN_CRITICAL(ts, dict);
    it->used = (ssize_t)D(dict)->used;
    it->remaining = D(dict)->used;
    it->pos = reverse ? (D(dict)->keys ? D(dict)->keys->nentries : 0) : 0;
    TR_END_CRITICAL(ts);
    return (TrObject *)it;
}

static void dictiter_dealloc(TrThread *ts, TrObject *o) {
    tr_decref(((DictIter *)o)->dict);
    tr_free(o);
}

static TrObject *dictiter_next(TrThread *ts, TrObject *o) {
    DictIter *it = (DictIter *)o;
    TrDict *d = D(it->dict);
    TrObject *k = NULL, *v = NULL;
    int err = 0;
    TR_BEGIN_CRITICAL2(ts, o, it->dict);
    if (it->used >= 0 && (size_t)it->used != d->used) {
        it->used = -1;
        err = 1;
    } else if (it->used >= 0) {
        Keys *keys = d->keys;
        size_t n = keys ? keys->nentries : 0;
        Entry *found = NULL;
        if (it->reverse) {
            if (it->pos > n) it->pos = n;
            while (it->pos > 0) {
                Entry *e = &keys->entries[--it->pos];
                if (e->value) { found = e; break; }
            }
        } else {
            while (it->pos < n) {
                Entry *e = &keys->entries[it->pos++];
                if (e->value) { found = e; break; }
            }
        }
        if (found) {
            if (it->remaining == 0) {
                err = 2;
                it->used = -1;
            } else {
                it->remaining--;
                k = tr_newref(found->key);
                v = tr_newref(untag(found->value));
            }
        }
    }
    TR_END_CRITICAL2(ts);
    if (err == 1) return err_format(ts, &tr_exc_RuntimeError, "dictionary changed size during iteration");
    if (err == 2) return err_format(ts, &tr_exc_RuntimeError, "dictionary keys changed during iteration");
    if (!k) return NULL;
    if (it->kind == KIND_KEYS) { tr_decref(v); return k; }
    if (it->kind == KIND_VALUES) { tr_decref(k); return v; }
    TrObject *t = tuple_new(ts, 2);
    if (!t) { tr_decref(k); tr_decref(v); return NULL; }
    tuple_set_take(t, 0, k);
    tuple_set_take(t, 1, v);
    return t;
}

static TrObject *self_iter(TrThread *ts, TrObject *o) { return tr_newref(o); }

#define DICTITER_TYPE(cname, pyname) \
    TrType cname = { \
        .ob_base = TR_STATIC_TYPE_HEADER, .name = pyname, .basicsize = sizeof(DictIter), \
        .base = &tr_object_type, .dealloc = dictiter_dealloc, .iter = self_iter, .iternext = dictiter_next, \
    }
DICTITER_TYPE(tr_dict_keyiter_type, "dict_keyiterator");
DICTITER_TYPE(tr_dict_valueiter_type, "dict_valueiterator");
DICTITER_TYPE(tr_dict_itemiter_type, "dict_itemiterator");
DICTITER_TYPE(tr_dict_revkeyiter_type, "dict_reversekeyiterator");
DICTITER_TYPE(tr_dict_revvalueiter_type, "dict_reversevalueiterator");
DICTITER_TYPE(tr_dict_revitemiter_type, "dict_reverseitemiterator");

static TrObject *dict_iter(TrThread *ts, TrObject *d) { return dictiter_new(ts, d, KIND_KEYS, false); }

/* ---- views ------------------------------------------------------------------ */

typedef struct DictView { TrObject ob_base; TrObject *dict; /* owned */ } DictView;
#define VIEW_DICT(o) (((DictView *)(o))->dict)

static TrObject *view_new(TrThread *ts, TrObject *d, TrType *type) {
    DictView *v = (DictView *)tr_alloc(ts, type);
    if (!v) return NULL;
    v->dict = tr_newref(d);
    return (TrObject *)v;
}

static void view_dealloc(TrThread *ts, TrObject *o) {
    tr_decref(VIEW_DICT(o));
    tr_free(o);
}

static ssize_t view_len(TrThread *ts, TrObject *o) { return (ssize_t)dict_size(VIEW_DICT(o)); }

static int view_kind(TrObject *o) {
    TrType *t = tr_type(o);
    return t == &tr_dict_keys_type ? KIND_KEYS : t == &tr_dict_values_type ? KIND_VALUES : KIND_ITEMS;
}

static TrObject *view_iter(TrThread *ts, TrObject *o) { return dictiter_new(ts, VIEW_DICT(o), view_kind(o), false); }

TrObject *dict_as_list(TrThread *ts, TrObject *o) {
    TrType *t = tr_type(o);
    if (t == &tr_dict_type) return dict_keys_list(ts, o);
    if (t != &tr_dict_keys_type && t != &tr_dict_values_type && t != &tr_dict_items_type) return NULL;
    switch (view_kind(o)) {
    case KIND_KEYS: return dict_keys_list(ts, VIEW_DICT(o));
    case KIND_VALUES: return dict_values_list(ts, VIEW_DICT(o));
    default: return dict_items_list(ts, VIEW_DICT(o));
    }
}

static TrObject *view_repr(TrThread *ts, TrObject *o) {
    if (repr_enter(o)) return str_from_cstr(ts, "...");
    TrObject *l = NULL;
    switch (view_kind(o)) {
    case KIND_KEYS: l = dict_keys_list(ts, VIEW_DICT(o)); break;
    case KIND_VALUES: l = dict_values_list(ts, VIEW_DICT(o)); break;
    default: l = dict_items_list(ts, VIEW_DICT(o)); break;
    }
    TrObject *r = l ? str_format(ts, "%s(%R)", tr_type_name(o), l) : NULL;
    tr_xdecref(l);
    repr_leave(o);
    return r;
}

static int view_contains(TrThread *ts, TrObject *o, TrObject *x) {
    TrObject *d = VIEW_DICT(o);
    int kind = view_kind(o);
    if (kind == KIND_KEYS) return dict_contains(ts, d, x);
    if (kind == KIND_ITEMS) {
        if (!tuple_check(x) || tuple_size(x) != 2) return 0;
        TrObject *v = dict_get(ts, d, tuple_get(x, 0));
        if (!v) return err_occurred(ts) ? -1 : 0;
        int r = tr_richcompare_bool(ts, v, tuple_get(x, 1), TR_EQ);
        tr_decref(v);
        return r;
    }
    TrObject *it = view_iter(ts, o), *v;
    if (!it) return -1;
    while ((v = tr_next(ts, it)) != NULL) {
        int r = tr_richcompare_bool(ts, v, x, TR_EQ);
        tr_decref(v);
        if (r) { tr_decref(it); return r; }
    }
    tr_decref(it);
    return err_occurred(ts) ? -1 : 0;
}

/* Set operations and comparisons of keys/items views go through a set. */
static TrObject *as_set(TrThread *ts, TrObject *o) {
    return set_from_iterable(ts, o);
}

static TrObject *view_setop(TrThread *ts, TrObject *a, TrObject *b, int op) {
    TrObject *sa = as_set(ts, a);
    if (!sa) return NULL;
    TrObject *sb = as_set(ts, b);
    if (!sb) {
        tr_decref(sa);
        if (err_matches(ts, &tr_exc_TypeError)) { err_clear(ts); return tr_notimplemented; }
        return NULL;
    }
    TrObject *r = tr_binop(ts, op, sa, sb);
    tr_decref(sa);
    tr_decref(sb);
    return r;
}
static TrObject *view_and(TrThread *ts, TrObject *a, TrObject *b) { return view_setop(ts, a, b, TR_BINOP_AND); }
static TrObject *view_or(TrThread *ts, TrObject *a, TrObject *b) { return view_setop(ts, a, b, TR_BINOP_OR); }
static TrObject *view_sub(TrThread *ts, TrObject *a, TrObject *b) { return view_setop(ts, a, b, TR_BINOP_SUB); }
static TrObject *view_xor(TrThread *ts, TrObject *a, TrObject *b) { return view_setop(ts, a, b, TR_BINOP_XOR); }

static TrObject *view_richcompare(TrThread *ts, TrObject *a, TrObject *b, int op) {
    TrType *tb = tr_type(b);
    int setlike = tb == &tr_dict_keys_type || tb == &tr_dict_items_type || tb == &tr_set_type ||
                  tb == &tr_frozenset_type;
    if (!setlike || view_kind(a) == KIND_VALUES) return tr_notimplemented;
    TrObject *sa = as_set(ts, a);
    if (!sa) return NULL;
    TrObject *sb = as_set(ts, b);
    if (!sb) { tr_decref(sa); return NULL; }
    TrObject *r = tr_richcompare(ts, sa, sb, op);
    tr_decref(sa);
    tr_decref(sb);
    return r;
}

static TrObject *view_reversed(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_none(ts, "__reversed__", nargs, kw) < 0) return NULL;
    return dictiter_new(ts, VIEW_DICT(self), view_kind(self), true);
}

static TrObject *view_isdisjoint(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_one(ts, "isdisjoint", nargs, kw) < 0) return NULL;
    TrObject *it = tr_iter(ts, args[0]), *x;
    if (!it) return NULL;
    while ((x = tr_next(ts, it)) != NULL) {
        int r = view_contains(ts, self, x);
        tr_decref(x);
        if (r) { tr_decref(it); return r < 0 ? NULL : tr_false; }
    }
    tr_decref(it);
    return err_occurred(ts) ? NULL : tr_true;
}

static const TrMethodDef view_methods[] = {
    {"__reversed__", view_reversed},
    {"isdisjoint", view_isdisjoint},
    {NULL, NULL},
};
static const TrMethodDef values_methods[] = {
    {"__reversed__", view_reversed},
    {NULL, NULL},
};

static const TrNumberSlots view_number = {
    .binop = {
        [TR_BINOP_AND] = view_and, [TR_BINOP_OR] = view_or,
        [TR_BINOP_SUB] = view_sub, [TR_BINOP_XOR] = view_xor,
    },
};

TrType tr_dict_keys_type = {
    .ob_base = TR_STATIC_TYPE_HEADER, .name = "dict_keys", .basicsize = sizeof(DictView),
    .base = &tr_object_type, .dealloc = view_dealloc, .repr = view_repr, .richcompare = view_richcompare,
    .len = view_len, .contains = view_contains, .iter = view_iter, .number = &view_number,
    .methods = view_methods,
};
TrType tr_dict_values_type = {
    .ob_base = TR_STATIC_TYPE_HEADER, .name = "dict_values", .basicsize = sizeof(DictView),
    .base = &tr_object_type, .dealloc = view_dealloc, .repr = view_repr,
    .len = view_len, .contains = view_contains, .iter = view_iter, .methods = values_methods,
};
TrType tr_dict_items_type = {
    .ob_base = TR_STATIC_TYPE_HEADER, .name = "dict_items", .basicsize = sizeof(DictView),
    .base = &tr_object_type, .dealloc = view_dealloc, .repr = view_repr, .richcompare = view_richcompare,
    .len = view_len, .contains = view_contains, .iter = view_iter, .number = &view_number,
    .methods = view_methods,
};

/* ---- methods ---------------------------------------------------------------- */

static TrObject *m_get(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_range(ts, "get", nargs, kw, 1, 2) < 0) return NULL;
    TrObject *v = dict_get(ts, self, args[0]);
    if (v || err_occurred(ts)) return v;
    return tr_newref(nargs > 1 ? args[1] : tr_none);
}

static TrObject *m_setdefault(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_range(ts, "setdefault", nargs, kw, 1, 2) < 0) return NULL;
    return dict_setdefault(ts, self, args[0], nargs > 1 ? args[1] : tr_none);
}

static TrObject *m_pop(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_range(ts, "pop", nargs, kw, 1, 2) < 0) return NULL;
    TrObject *v;
    int r = dict_pop(ts, self, args[0], &v);
    if (r < 0) return NULL;
    if (r) return v;
    if (nargs > 1) return tr_newref(args[1]);
    err_set_value(ts, &tr_exc_KeyError, args[0]);
    return NULL;
}

static TrObject *m_popitem(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_none(ts, "dict.popitem", nargs, kw) < 0) return NULL;
    TrDict *d = D(self);
    TrObject *t = tuple_new(ts, 2);
    if (!t) return NULL;
    TrObject *k = NULL, *v = NULL;
    TR_BEGIN_CRITICAL(ts, self);
    Keys *keys = d->keys;
    if (keys && d->used) {
        /* entries are never reused (a lock-free reader may still be
         * looking at a deleted one), so only the hint moves back */
        size_t i = keys->live_end;
        while (i > 0 && !keys->entries[i - 1].value) i--;
        keys->live_end = i - 1;
        Entry *e = &keys->entries[i - 1];
        k = e->key;
        v = untag(e->value);
        /* find the index slot that points at entry i-1 */
        size_t mask = keys->size - 1, s = (size_t)e->hash & mask, perturb = (size_t)e->hash;
        while (keys->indices[s] != i - 1) {
            perturb >>= PERTURB_SHIFT;
            s = (s * 5 + perturb + 1) & mask;
        }
        atomic_store_u32_relaxed(&keys->indices[s], IX_DUMMY);
        atomic_store_uptr_release(&e->value, 0);
        atomic_store_ptr_relaxed(&e->key, NULL);
        set_used(d, d->used - 1);
        bump(d);
    }
    TR_END_CRITICAL(ts);
    if (!k) {
        tr_decref(t);
        TrObject *msg = str_from_cstr(ts, "popitem(): dictionary is empty");
        if (msg) { err_set_value(ts, &tr_exc_KeyError, msg); tr_decref(msg); }
        return NULL;
    }
    if (TR_BIASED_RC && !tr_owned_by_me(self))
        release_value(ts, self, tr_newref(v));   /* the tuple's own; the dict's goes as any removal */
    tuple_set_take(t, 0, k);
    tuple_set_take(t, 1, v);
    return t;
}

static TrObject *m_keys(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_none(ts, "dict.keys", nargs, kw) < 0) return NULL;
    return view_new(ts, self, &tr_dict_keys_type);
}
static TrObject *m_values(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_none(ts, "dict.values", nargs, kw) < 0) return NULL;
    return view_new(ts, self, &tr_dict_values_type);
}
static TrObject *m_items(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_none(ts, "dict.items", nargs, kw) < 0) return NULL;
    return view_new(ts, self, &tr_dict_items_type);
}

static TrObject *m_update(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (nargs > 1) return err_format(ts, &tr_exc_TypeError, "update expected at most 1 argument, got %zu", nargs);
    if (nargs && dict_update(ts, self, args[0]) < 0) return NULL;
    if (update_kw(ts, self, args + nargs, kw) < 0) return NULL;
    return tr_none;
}

static TrObject *m_clear(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_none(ts, "dict.clear", nargs, kw) < 0) return NULL;
    dict_clear(ts, self);
    return tr_none;
}

static TrObject *m_copy(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_none(ts, "dict.copy", nargs, kw) < 0) return NULL;
    return dict_copy(ts, self);
}

static TrObject *m_contains(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_one(ts, "dict.__contains__", nargs, kw) < 0) return NULL;
    int r = dict_contains(ts, self, args[0]);
    return r < 0 ? NULL : tr_bool(r);
}

static TrObject *m_getitem(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_one(ts, "dict.__getitem__", nargs, kw) < 0) return NULL;
    TrObject *v = dict_get(ts, self, args[0]);
    if (!v && !err_occurred(ts)) err_set_value(ts, &tr_exc_KeyError, args[0]);
    return v;
}

static TrObject *m_reversed(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_none(ts, "dict.__reversed__", nargs, kw) < 0) return NULL;
    return dictiter_new(ts, self, KIND_KEYS, true);
}

TrObject *dict_inplace_or(TrThread *ts, TrObject *d, TrObject *other) {
    if (dict_update(ts, d, other) < 0) return NULL;
    return tr_newref(d);
}

static TrObject *m_ior(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_one(ts, "dict.__ior__", nargs, kw) < 0) return NULL;
    return dict_inplace_or(ts, self, args[0]);
}

/* dict.fromkeys(iterable, value=None): a class method; `self` is the class
 * (see dict_type_init). */
static TrObject *m_fromkeys(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (args_range(ts, "fromkeys", nargs, kw, 1, 2) < 0) return NULL;
    TrType *type = tr_isinstance(self, &tr_type_type) ? (TrType *)self : tr_type(self);
    TrObject *d = tr_type_is_subtype(type, &tr_dict_type) ? dict_alloc(ts, type) : dict_new(ts);
    if (!d) return NULL;
    TrObject *it = tr_iter(ts, args[0]), *k;
    if (!it) { tr_decref(d); return NULL; }
    TrObject *v = nargs > 1 ? args[1] : tr_none;
    while ((k = tr_next(ts, it)) != NULL) {
        int r = dict_set(ts, d, k, v);
        tr_decref(k);
        if (r < 0) break;
    }
    tr_decref(it);
    if (err_occurred(ts)) { tr_decref(d); return NULL; }
    return d;
}

static TrObject *dict_or(TrThread *ts, TrObject *a, TrObject *b) {
    if (!dict_check(a) || !dict_check(b)) return tr_notimplemented;
    TrObject *r = dict_copy(ts, a);
    if (!r) return NULL;
    if (dict_update(ts, r, b) < 0) { tr_decref(r); return NULL; }
    return r;
}

static TrObject *dict_new_slot(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (nargs > 1) return err_format(ts, &tr_exc_TypeError, "dict expected at most 1 argument, got %zu", nargs);
    TrObject *d = dict_alloc(ts, type);
    if (!d) return NULL;
    if ((nargs && dict_update(ts, d, args[0]) < 0) || update_kw(ts, d, args + nargs, kw) < 0) {
        tr_decref(d);
        return NULL;
    }
    return d;
}

static const TrMethodDef dict_methods[] = {
    {"get", m_get},
    {"setdefault", m_setdefault},
    {"pop", m_pop},
    {"popitem", m_popitem},
    {"keys", m_keys},
    {"values", m_values},
    {"items", m_items},
    {"update", m_update},
    {"clear", m_clear},
    {"copy", m_copy},
    {"__contains__", m_contains},
    {"__getitem__", m_getitem},
    {"__reversed__", m_reversed},
    {"__ior__", m_ior},
    {NULL, NULL},
};

int dict_type_init(TrThread *ts) {
    TrObject *f = cfunction_new(ts, "fromkeys", m_fromkeys, (TrObject *)&tr_dict_type);
    if (!f) return -1;
    tr_make_immortal(f);
    int r = dict_set_cstr(ts, tr_dict_type.dict, "fromkeys", f);
    tr_decref(f);
    return r;
}

static const TrNumberSlots dict_number = {
    .binop = { [TR_BINOP_OR] = dict_or },
};

/* ---- cycle collection (threads/gc.c) ---------------------------------------- */

static void dict_traverse(TrObject *o, tr_visitfunc visit, void *arg) {
    Keys *k = D(o)->keys;
    if (!k) return;
    for (size_t i = 0; i < k->nentries; i++) {
        Entry *e = &k->entries[i];
        if (e->value) { visit(e->key, arg); visit(untag(e->value), arg); }
    }
}

/* The collector's clear: `o` is garbage, so no lock-free reader can hold
 * its table: it goes at once, not after a QSBR grace period. */
static void dict_gc_clear(TrThread *ts, TrObject *o) {
    (void)ts;
    TrDict *d = D(o);
    Keys *k = d->keys;
    publish_keys(d, NULL);
    set_used(d, 0);
    bump(d);
    release_unshared_keys(k);
}

TrType tr_dict_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "dict",
    .basicsize = sizeof(TrDict),
    .flags = TR_TPFLAG_BASETYPE | TR_TPFLAG_GC | TR_TPFLAG_GENERIC,
    .base = &tr_object_type,
    .dealloc = dict_dealloc,
    .repr = dict_repr,
    .richcompare = dict_richcompare,
    .len = dict_len,
    .getitem = dict_getitem,
    .setitem = dict_setitem,
    .contains = dict_contains_slot,
    .iter = dict_iter,
    .new_ = dict_new_slot,
    .number = &dict_number,
    .methods = dict_methods,
    .traverse = dict_traverse,
    .clear = dict_gc_clear,
};
