/* threads/typeref.c: the class index registry, the delta arrays' growth, the
 * orphan deltas and the fold of all deltas into the classes' counts (see
 * threads/typeref.h for the design and its invariant).
 *
 * Threads: `registry` (index -> class), the free index list and `orphan` are
 * guarded by `typeref_lock`, a leaf TrMutex.  A thread's own array is grown by
 * that thread only; typeref_merge_stopped reads and zeroes other threads'
 * arrays while they are stopped (the stop-the-world's handshake orders those
 * accesses) and takes tr_runtime.lock to walk the thread list.
 * Lock order: tr_runtime.lock, then typeref_lock, then the zombie list's lock
 * (brc_defer_free). */
#include <stdlib.h>
#include <string.h>

#include "threads/typeref.h"
#include "threads/brc.h"
#include "threads/lock.h"

static uint8_t typeref_lock;
static TrObject **registry;      /* index -> class (borrowed: a class unregisters before it goes) */
static uint32_t registry_cap;    /* slots in `registry`; index 0 is never used */
static uint32_t next_index = 1;  /* lowest never-used index */
static uint32_t *free_ix;        /* released indices, reused first */
static uint32_t nfree, free_cap;
static size_t nregistered;       /* indices held by live classes */
static int64_t *orphan;          /* deltas nobody's array holds, per index */
static uint32_t orphan_cap;

/* Grows `*arr` (of `*cap` int64s) to hold index `ix`, new entries 0. */
static int grow_i64(int64_t **arr, uint32_t *cap, uint32_t ix) {
    uint32_t n = *cap ? *cap : 16;
    while (n <= ix) n *= 2;
    int64_t *a = realloc(*arr, n * sizeof *a);
    if (!a) return -1;
    memset(a + *cap, 0, (n - *cap) * sizeof *a);
    *arr = a;
    *cap = n;
    return 0;
}

uint32_t typeref_register(TrObject *type) {
    if (!TR_BIASED_RC) return 0;
    uint32_t ix = 0;
    mutex_lock(&typeref_lock);
    if (nfree) {
        ix = free_ix[--nfree];
    } else if (next_index < UINT32_MAX / 2) {
        if (next_index >= registry_cap) {
            uint32_t n = registry_cap ? registry_cap * 2 : 64;
            TrObject **r = realloc(registry, n * sizeof *r);
            if (r) { registry = r; registry_cap = n; }
        }
        if (next_index < registry_cap) ix = next_index++;
    }
    if (ix) {
        registry[ix] = type;
        nregistered++;
    }
    mutex_unlock(&typeref_lock);
    return ix;
}

void typeref_unregister(uint32_t ix) {
    if (!ix) return;
    mutex_lock(&typeref_lock);
    registry[ix] = NULL;
    nregistered--;
    if (nfree == free_cap) {
        uint32_t n = free_cap ? free_cap * 2 : 64;
        uint32_t *f = realloc(free_ix, n * sizeof *f);
        if (f) { free_ix = f; free_cap = n; }
    }
    if (nfree < free_cap) free_ix[nfree++] = ix;   /* else the index is just never reused */
    mutex_unlock(&typeref_lock);
}

int typeref_grow(TrThread *ts, uint32_t ix) {
    if (ts->type_refs_closed) return -1;
    return grow_i64(&ts->type_refs, &ts->ntype_refs, ix);
}

/* Adds `d` to index `ix`'s orphan delta.  Caller holds typeref_lock.  On
 * MemoryError a release is dropped: the class then leaks, which is safe. */
static void orphan_add(uint32_t ix, int64_t d) {
    if (ix >= orphan_cap && grow_i64(&orphan, &orphan_cap, ix) < 0) return;
    orphan[ix] += d;
}

void typeref_dec_orphan(uint32_t ix) {
    mutex_lock(&typeref_lock);
    orphan_add(ix, -1);
    mutex_unlock(&typeref_lock);
}

void typeref_thread_exit(TrThread *ts) {
    mutex_lock(&typeref_lock);
    for (uint32_t i = 1; i < ts->ntype_refs; i++)
        if (ts->type_refs[i]) orphan_add(i, ts->type_refs[i]);
    mutex_unlock(&typeref_lock);
    free(ts->type_refs);
    ts->type_refs = NULL;
    ts->ntype_refs = 0;
    ts->type_refs_closed = 1;
}

void typeref_merge_stopped(void) {
    if (!TR_BIASED_RC) return;
    mutex_lock(&tr_runtime.lock);
    mutex_lock(&typeref_lock);
    /* Sum per class first, so each count moves once, by its true change.
     * Short of memory, nothing is folded: the deltas stay where they are. */
    int64_t *sum = registry_cap ? calloc(registry_cap, sizeof *sum) : NULL;
    if (sum) {
        for (TrThread *t = tr_runtime.threads; t; t = t->next) {
            uint32_t n = t->ntype_refs < registry_cap ? t->ntype_refs : registry_cap;
            for (uint32_t i = 1; i < n; i++) {
                sum[i] += t->type_refs[i];
                t->type_refs[i] = 0;
            }
        }
        uint32_t n = orphan_cap < registry_cap ? orphan_cap : registry_cap;
        for (uint32_t i = 1; i < n; i++) {
            sum[i] += orphan[i];
            orphan[i] = 0;
        }
        for (uint32_t i = 1; i < next_index; i++)
            if (sum[i] && registry[i]) brc_fold_stopped(registry[i], (intptr_t)sum[i]);
        free(sum);
    }
    mutex_unlock(&typeref_lock);
    mutex_unlock(&tr_runtime.lock);
}

size_t typeref_registered(void) {
    mutex_lock(&typeref_lock);
    size_t n = nregistered;
    mutex_unlock(&typeref_lock);
    return n;
}
