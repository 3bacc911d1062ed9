/* objects/dict_inline.h: the dict's table layout and the lock-free peeks the
 * VM inlines into its attribute caches' hit paths (private to objects/dict.c
 * and core/vm.c).
 *
 * Layout (objects/dict.c says more): a `DictKeys` block holds an index table
 * of `size` slots (EMPTY, DUMMY or an entry number) and a dense `entries`
 * array in insertion order; value words are tagged (bit 0: immediate int;
 * bit 1 on a pointer: "stack safe", may be handed out uncounted).
 * Threads: every field is written under the dict's lock with atomic stores;
 * the peeks below read with the same atomic loads as dict_get_hinted, never
 * dereference a stored key, and return only stack-safe values, so they need
 * no lock.  A peek that cannot decide returns 0 and the caller asks
 * dict_get_hinted / dict_get_ref. */
#ifndef TORII_DICT_INLINE_H
#define TORII_DICT_INLINE_H

#include "torii/torii.h"
#include "threads/atomic.h"

#define DICT_IX_EMPTY 0xFFFFFFFFu
#define DICT_IX_DUMMY 0xFFFFFFFEu
#define DICT_PERTURB_SHIFT 5

typedef struct DictEntry {
    int64_t hash;        /* atomic relaxed */
    TrObject *key;       /* owned; atomic relaxed; NULL once deleted */
    uintptr_t value;     /* owned; tagged word; atomic release */
} DictEntry;

typedef struct DictKeys {
    size_t size;         /* index slots, a power of 2; fixed */
    size_t usable;       /* capacity of `entries`; fixed */
    size_t nentries;     /* entries used, deleted ones included; written under the lock (release) */
    size_t live_end;     /* entries at or past this are all deleted (popitem's hint); lock */
    uint32_t *indices;   /* `size` slots, after the entries in the same block */
    DictEntry entries[];
} DictKeys;

typedef struct TrDict {
    TrObject ob_base;
    DictKeys *keys;      /* owned; NULL when empty; atomic pointer (release/acquire) */
    size_t used;         /* live entries; atomic store under lock, relaxed load outside */
    uint64_t version;    /* a fresh unique value on every mutation (bump) */
} TrDict;

static inline DictKeys *dict_load_keys(const TrObject *d) {
    /* acquire: pairs with the release in publish_keys() (objects/dict.c) */
    return (DictKeys *)atomic_load_ptr_acquire((void *const *)&((const TrDict *)d)->keys);
}

/* The hint-only part of dict_get_hinted: 1 with *out BORROWED when entry
 * `hint` of exact dict `d` holds `key` (by identity) with a stack-safe
 * value; 0 when it cannot tell (ask dict_get_hinted). */
static inline int dict_peek_hint(const TrObject *d, const TrObject *key, uint32_t hint, TrObject **out) {
    DictKeys *k = dict_load_keys(d);
    /* acquire: pairs with the release of nentries in append_entry(): the
     * entries below it are complete, so a stale hint reads no garbage */
    if (!k || hint >= atomic_load_size_acquire(&k->nentries)) return 0;
    DictEntry *e = &k->entries[hint];
    if (atomic_load_objptr_relaxed(&e->key) != key) return 0;
    /* acquire: pairs with the release of the value word */
    uintptr_t w = atomic_load_uptr_acquire(&e->value);
    if (!(w & 3)) return 0;             /* deleted, or a value only the lock may count */
    *out = (w & 1) ? (TrObject *)w : (TrObject *)(w & ~(uintptr_t)2);
    return 1;
}

/* 1 when `d` surely has no key with hash `hash` now: the probe sequence
 * reaches an EMPTY slot (where a lookup stops) within a few steps, passing
 * only entries with other hashes; 0 when it cannot tell. */
static inline int dict_peek_absent(const TrObject *d, int64_t hash) {
    DictKeys *k = dict_load_keys(d);
    if (!k) return 1;
    size_t mask = k->size - 1, i = (size_t)hash & mask, perturb = (size_t)hash;
    for (int step = 0; step < 4; step++) {
        /* acquire: pairs with the release of index slots in append_entry() */
        uint32_t x = atomic_load_u32_acquire(&k->indices[i]);
        if (x == DICT_IX_EMPTY) return 1;
        if (x < k->usable &&
            (int64_t)atomic_load_u64_relaxed((const uint64_t *)&k->entries[x].hash) == hash)
            return 0;                   /* an equal hash: only a full lookup can tell */
        perturb >>= DICT_PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return 0;
}

#endif
