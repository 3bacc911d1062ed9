/* threads/brc.c: biased reference counting (PEP 703, after Choi et al.).
 *
 * Every heap object has an owner, the thread that created it (`ob_tid`, a
 * TrThread id; ids are never reused).  The owner counts in `ob_ref_local`
 * with plain stores; every other thread counts in `ob_ref_shared` with
 * atomics.  The low two bits of `ob_ref_shared` hold a state:
 *
 *   | state    | meaning                                                    |
 *   |----------|------------------------------------------------------------|
 *   | DEFAULT  | counts separate; the shared count is >= 0                  |
 *   | QUEUED   | on the owner's merge queue; the shared count may be < 0    |
 *   | WEAKREFS | as DEFAULT; weak references exist (brc_mark_weakrefs)      |
 *   | MERGED   | ob_tid is 0, ob_ref_local is 0: the shared field is all    |
 *
 * Invariants (R = the true number of references):
 *   - DEFAULT:  R = local + shared.
 *   - QUEUED:   R = local + shared - 1.  The thread that queued the object did
 *     not subtract its own reference: the queue entry holds it, so the object
 *     stays alive until the merge, and local + shared >= 1 until then.
 *   - MERGED:   R = shared.  Whoever brings it to 0 frees the object.
 *   - Only DEFAULT -> QUEUED happens by a non-owner, by one CAS, so exactly
 *     one thread queues an object; QUEUED -> MERGED happens only in the merge
 *     of that queue entry (by the owner, or by the queuing thread when the
 *     owner is dead); DEFAULT/QUEUED -> MERGED also by the owner when its
 *     local count reaches 0 (brc_local_zero).  Nothing leaves MERGED.
 *   - A merge writes ob_ref_local = 0 and ob_tid = 0 BEFORE its CAS of
 *     ob_ref_shared: once the CAS publishes the total, another thread may
 *     bring it to 0 and free the object at once.
 *
 * Weak references (tr_try_incref): a weak reference may turn into a strong
 * one in any thread, so its referent's count must never be read as "0" by
 * one thread while another adds to it.  The owner decides alone only on the
 * fast path of brc_local_zero, where the whole shared field is 0; every
 * other decision to free is a CAS on the shared field.  So an object gets
 * the WEAKREFS state (never 0) before its first weak reference is published,
 * and a non-owner's tr_try_incref adds to the shared field by CAS only while
 * the field does not read MERGED-with-count-0 (freed, or being freed): if
 * the owner's release CAS comes first, the try sees MERGED 0 and fails; if
 * the try comes first, the owner's CAS fails, re-reads, and merges a count
 * of 1.  QUEUED objects are held by their queue entry and may be counted.
 * State changes: DEFAULT -> WEAKREFS by brc_mark_weakrefs (CAS); WEAKREFS
 * leaves only as DEFAULT does (to QUEUED or MERGED); nothing returns to it.
 *
 * Owner table: live threads sit in hashed buckets keyed by id, each bucket
 * guarded by its TrMutex.  A non-owner that must queue an object looks the
 * owner up and appends to `owner->brc_queue` (under `owner->brc_lock`)
 * while still holding the bucket lock, so the owner cannot leave between
 * the look-up and the push.  If the owner is not in the table it has exited:
 * its local count is frozen and the queuing thread merges the object itself.
 * A thread leaves the table (brc_unregister_thread) only with an empty queue,
 * and touches no count afterwards.
 *
 * Deferred objects (TR_FLAG_DEFERRED) whose counted references reach 0 go to
 * a global zombie list (guarded by `zombie_lock`): a thread's frames may still
 * hold uncounted refs to them.  When the list reaches `zombie_limit` (1024,
 * then twice the survivors of the last pass), the thread that made it so gets
 * TR_EB_RECLAIM; at its next eval-breaker check it runs brc_reclaim_running:
 * stop the world (threads/stw.c), mark the zombies that some thread's frames
 * reference (vm_visit_stack_refs, over every live frame; suspended generator
 * frames hold only counted refs), restart the world, then free the zombies
 * that were neither marked nor counted again.  An unmarked zombie with a zero
 * count is unreachable: counted holders would show in its count, and every
 * uncounted ref lives in a frame slot, which was scanned while no thread ran.
 * Marked or counted-again (resurrected) zombies stay listed for a later pass;
 * one resurrected and dropped again may be listed twice, and is freed once.
 * brc_reclaim_deferred, the final pass at exit, frees without scanning once
 * no other thread runs.
 *
 * Contention report: with `contention_on`, every non-owner write to a shared
 * count is counted (threads/contention.h), a decrement before its CAS (after
 * it the object may be freed by another thread).
 *
 * Lock order: bucket lock, then the owner's `brc_lock`; `zombie_lock` is a
 * leaf.  No lock is held while an object is freed.
 */
#include <stdio.h>
#include <stdlib.h>

#include "threads/brc.h"
#include "threads/gc.h"      /* gc_hooks: weak references of what a pass frees */
#include "threads/lock.h"
#include "threads/stw.h"
#include "threads/typeref.h"
#include "threads/contention.h"
#include "core/vm.h"

#define NBUCKETS 64

typedef struct OwnerBucket {
    uint8_t lock;                 /* TrMutex */
    TrThread *head;               /* guarded by `lock`, chained by brc_next */
} OwnerBucket;

static OwnerBucket owners[NBUCKETS];

#define ZOMBIE_MIN_LIMIT 1024

static uint8_t zombie_lock;       /* TrMutex, guards the four below */
static TrObject **zombies;
static size_t zombie_len, zombie_cap;
static size_t zombie_limit = ZOMBIE_MIN_LIMIT;   /* a reclaim pass is asked for at this length */

static OwnerBucket *bucket_of(uintptr_t id) { return &owners[id % NBUCKETS]; }

static intptr_t shared_count(intptr_t shared) { return shared >> TR_SHARED_SHIFT; }
static intptr_t make_shared(intptr_t count, intptr_t state) {
    return (intptr_t)((uintptr_t)count << TR_SHARED_SHIFT) | state;
}

/* Folds the local count (stable: the caller is the owner or the owner is
 * dead) and `extra` into the shared field, state MERGED.  Returns the total. */
static intptr_t explicit_merge(TrObject *o, intptr_t extra) {
    intptr_t local = (intptr_t)atomic_load_u32_relaxed(&o->ob_ref_local);
    /* Before the CAS: see the header comment. */
    atomic_store_u32_relaxed(&o->ob_ref_local, 0);
    atomic_store_uptr_relaxed(&o->ob_tid, 0);
    intptr_t shared = atomic_load_ssize_relaxed((ssize_t *)&o->ob_ref_shared);
    for (;;) {
        intptr_t total = shared_count(shared) + local + extra;
        intptr_t seen = atomic_cas_ssize((ssize_t *)&o->ob_ref_shared, shared,
                                         make_shared(total, TR_SHARED_MERGED));
        if (seen == shared) return total;
        shared = seen;
    }
}

void brc_incref_shared(TrObject *o) {
    atomic_add_ssize((ssize_t *)&o->ob_ref_shared, (ssize_t)1 << TR_SHARED_SHIFT);
    if (__builtin_expect(contention_on, 0)) contention_refcount(o, 0);
}

/* Queues `o` (state already QUEUED by us) for its owner, or merges it here
 * when the owner has exited. */
static void queue_object(TrObject *o) {
    uintptr_t tid = atomic_load_uptr_relaxed(&o->ob_tid);
    OwnerBucket *b = bucket_of(tid);
    mutex_lock(&b->lock);
    TrThread *owner = b->head;
    while (owner && owner->id != tid) owner = owner->brc_next;
    if (owner) {
        mutex_lock(&owner->brc_lock);
        if (owner->brc_len == owner->brc_cap) {
            size_t cap = owner->brc_cap ? owner->brc_cap * 2 : 64;
            TrObject **q = realloc(owner->brc_queue, cap * sizeof *q);
            if (!q) {
                fprintf(stderr, "Fatal Python error: brc: out of memory queueing an object\n");
                abort();
            }
            owner->brc_queue = q;
            owner->brc_cap = cap;
        }
        owner->brc_queue[owner->brc_len++] = o;
        mutex_unlock(&owner->brc_lock);
        atomic_or_u32(&owner->eval_breaker, TR_EB_BRC_MERGE);
        mutex_unlock(&b->lock);
        return;
    }
    mutex_unlock(&b->lock);
    /* The owner is gone: its local count can no longer change.  Drop the
     * reference the (never made) queue entry stood for. */
    if (explicit_merge(o, -1) == 0) tr_dealloc(o);
}

void brc_decref_shared(TrObject *o) {
    /* Counted before the decrement, while our reference keeps `o` alive. */
    if (__builtin_expect(contention_on, 0)) contention_refcount(o, 0);
    intptr_t shared = atomic_load_ssize_relaxed((ssize_t *)&o->ob_ref_shared);
    intptr_t desired;
    int should_queue;
    for (;;) {
        should_queue = (shared == make_shared(0, TR_SHARED_DEFAULT) ||
                        shared == make_shared(0, TR_SHARED_WEAKREFS));
        /* Queuing keeps our reference in the count: the queue entry owns it. */
        desired = should_queue ? make_shared(0, TR_SHARED_QUEUED)
                               : shared - ((intptr_t)1 << TR_SHARED_SHIFT);
        intptr_t seen = atomic_cas_ssize((ssize_t *)&o->ob_ref_shared, shared, desired);
        if (seen == shared) break;
        shared = seen;
    }
    if (should_queue) {
        /* Alive: the queue entry, not pushed yet, holds our reference. */
        if (__builtin_expect(contention_on, 0)) contention_refcount(o, 1);
        queue_object(o);
    } else if (desired == make_shared(0, TR_SHARED_MERGED))
        tr_dealloc(o);
}

int brc_decref_if_owned_by(TrObject *o, uintptr_t owner) {
    if (!owner || atomic_load_uptr_relaxed(&o->ob_tid) != owner) return 0;
    if (__builtin_expect(contention_on, 0)) contention_refcount(o, 0);
    intptr_t shared = atomic_load_ssize_relaxed((ssize_t *)&o->ob_ref_shared);
    int should_queue;
    for (;;) {
        /* merged: the owner gave it up (our read of ob_tid was stale) */
        if ((shared & TR_SHARED_STATE_MASK) == TR_SHARED_MERGED) return 0;
        should_queue = (shared == make_shared(0, TR_SHARED_DEFAULT) ||
                        shared == make_shared(0, TR_SHARED_WEAKREFS));
        intptr_t desired = should_queue ? make_shared(0, TR_SHARED_QUEUED)
                                        : shared - ((intptr_t)1 << TR_SHARED_SHIFT);
        intptr_t seen = atomic_cas_ssize((ssize_t *)&o->ob_ref_shared, shared, desired);
        if (seen == shared) break;
        shared = seen;
    }
    /* Not merged when our CAS landed, so the owner frees it, not us (a merge
     * that follows sees our decrement). */
    if (should_queue) {
        if (__builtin_expect(contention_on, 0)) contention_refcount(o, 1);
        queue_object(o);
    }
    return 1;
}

void brc_local_zero(TrObject *o) {
    /* acquire: pairs with other threads' decrefs, whose writes to the object
     * must be visible before we free it */
    intptr_t shared = atomic_load_ssize_acquire((ssize_t *)&o->ob_ref_shared);
    if (shared == 0) {
        tr_dealloc(o);
        return;
    }
    /* Other threads still hold references (or a queue entry does): give up
     * ownership, the shared field now holds the whole count. */
    atomic_store_uptr_relaxed(&o->ob_tid, 0);
    for (;;) {
        intptr_t desired = (shared & ~(intptr_t)TR_SHARED_STATE_MASK) | TR_SHARED_MERGED;
        intptr_t seen = atomic_cas_ssize((ssize_t *)&o->ob_ref_shared, shared, desired);
        if (seen == shared) {
            if (desired == make_shared(0, TR_SHARED_MERGED)) tr_dealloc(o);
            return;
        }
        shared = seen;
    }
}

void brc_mark_weakrefs(TrObject *o) {
    if (!TR_BIASED_RC || tr_is_imm(o) || tr_is_immortal(o)) return;
    intptr_t shared = atomic_load_ssize_relaxed((ssize_t *)&o->ob_ref_shared);
    while ((shared & TR_SHARED_STATE_MASK) == TR_SHARED_DEFAULT) {
        intptr_t seen = atomic_cas_ssize((ssize_t *)&o->ob_ref_shared, shared, shared | TR_SHARED_WEAKREFS);
        if (seen == shared) return;
        shared = seen;
    }
}

int tr_try_incref(TrObject *o) {
    if (tr_is_imm(o)) return 1;
    uint32_t local = atomic_load_u32_relaxed(&o->ob_ref_local);
    if (local == TR_IMMORTAL) return 1;
    /* deferred: freed only by a reclaim pass, which clears the weak
     * references of what it frees while the world is stopped */
    if (tr_is_deferred(o)) { tr_incref(o); return 1; }
    if (!TR_BIASED_RC || tr_owned_by_me(o)) {
        /* only this thread writes the local count: it cannot drop meanwhile */
        if (local == 0) return 0;
        atomic_store_u32_relaxed(&o->ob_ref_local, local + 1);
        return 1;
    }
    intptr_t shared = atomic_load_ssize_relaxed((ssize_t *)&o->ob_ref_shared);
    for (;;) {
        /* DEFAULT 0: the owner may be freeing it on its fast path (no weak
         * reference should see this state, but fail safe) */
        if (shared == make_shared(0, TR_SHARED_MERGED) || shared == make_shared(0, TR_SHARED_DEFAULT)) return 0;
        intptr_t seen = atomic_cas_ssize((ssize_t *)&o->ob_ref_shared, shared,
                                         shared + ((intptr_t)1 << TR_SHARED_SHIFT));
        if (seen == shared) return 1;
        shared = seen;
    }
}

void brc_merge_queue(TrThread *ts) {
    atomic_and_not_u32(&ts->eval_breaker, TR_EB_BRC_MERGE);
    for (;;) {
        mutex_lock(&ts->brc_lock);
        TrObject **q = ts->brc_queue;
        size_t n = ts->brc_len;
        ts->brc_queue = NULL;
        ts->brc_len = ts->brc_cap = 0;
        mutex_unlock(&ts->brc_lock);
        if (!q) return;
        /* Freeing may run destructors: no lock is held here. */
        for (size_t i = 0; i < n; i++)
            if (explicit_merge(q[i], -1) == 0) tr_dealloc(q[i]);
        free(q);
    }
}

void brc_register_thread(TrThread *ts) {
    OwnerBucket *b = bucket_of(ts->id);
    mutex_lock(&b->lock);
    ts->brc_next = b->head;
    b->head = ts;
    mutex_unlock(&b->lock);
}

void brc_unregister_thread(TrThread *ts) {
    OwnerBucket *b = bucket_of(ts->id);
    for (;;) {
        brc_merge_queue(ts);
        mutex_lock(&b->lock);
        mutex_lock(&ts->brc_lock);
        int empty = ts->brc_len == 0;
        mutex_unlock(&ts->brc_lock);
        if (empty) {
            TrThread **pp = &b->head;
            while (*pp != ts) pp = &(*pp)->brc_next;
            *pp = ts->brc_next;
            ts->brc_next = NULL;
        }
        mutex_unlock(&b->lock);
        if (empty) return;
    }
}

void brc_fold_stopped(TrObject *o, intptr_t delta) {
    intptr_t shared = atomic_load_ssize_relaxed((ssize_t *)&o->ob_ref_shared);
    if ((shared & TR_SHARED_STATE_MASK) == TR_SHARED_QUEUED) {
        /* the owner's merge folds local + shared later: add to shared */
        atomic_add_ssize((ssize_t *)&o->ob_ref_shared, (ssize_t)((uintptr_t)delta << TR_SHARED_SHIFT));
        return;
    }
    /* DEFAULT or MERGED: nobody runs, so the local count is stable */
    if (explicit_merge(o, delta) == 0) brc_defer_free(o);
}

/* ---- deferred objects ---------------------------------------------- */

void brc_defer_free(TrObject *o) {
    mutex_lock(&zombie_lock);
    if (zombie_len == zombie_cap) {
        size_t cap = zombie_cap ? zombie_cap * 2 : 256;
        TrObject **z = realloc(zombies, cap * sizeof *z);
        if (!z) {   /* leaking is safe; freeing early is not */
            mutex_unlock(&zombie_lock);
            return;
        }
        zombies = z;
        zombie_cap = cap;
    }
    zombies[zombie_len++] = o;
    int ask = zombie_len >= zombie_limit;
    mutex_unlock(&zombie_lock);
    if (ask) {
        TrThread *ts = tr_thread_current();
        if (ts && !(atomic_load_u32_relaxed(&ts->eval_breaker) & TR_EB_RECLAIM))
            atomic_or_u32(&ts->eval_breaker, TR_EB_RECLAIM);
    }
}

size_t brc_deferred_count(void) {
    mutex_lock(&zombie_lock);
    size_t n = zombie_len;
    mutex_unlock(&zombie_lock);
    return n;
}

static int cmp_ptr(const void *a, const void *b) {
    uintptr_t x = (uintptr_t)*(TrObject *const *)a, y = (uintptr_t)*(TrObject *const *)b;
    return x < y ? -1 : x > y;
}

/* The total count of a zombie, or -1 while it waits on a merge queue (the
 * queue entry holds a reference that the fields do not show). */
static intptr_t zombie_count(TrObject *o) {
    intptr_t shared = atomic_load_ssize_acquire((ssize_t *)&o->ob_ref_shared);
    if ((shared & TR_SHARED_STATE_MASK) == TR_SHARED_QUEUED) return -1;
    return (intptr_t)atomic_load_u32_relaxed(&o->ob_ref_local) + shared_count(shared);
}

static void free_zombie(TrThread *ts, TrObject *o) {
    TrType *type = tr_type(o);
    if (type->dealloc) type->dealloc(ts, o);
    else tr_free(o);
}

typedef struct Marks { TrObject **z; size_t n; uint8_t *marked; } Marks;

/* vm_visit_stack_refs callback: marks `o` if it is a listed zombie.  Never
 * dereferences `o` (a stale slot may hold anything). */
static void mark_zombie(TrObject *o, void *arg) {
    Marks *m = arg;
    size_t lo = 0, hi = m->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((uintptr_t)m->z[mid] < (uintptr_t)o) lo = mid + 1;
        else hi = mid;
    }
    if (lo < m->n && m->z[lo] == o) m->marked[lo] = 1;
}

static void relist(TrObject **keep, size_t nkeep) {
    mutex_lock(&zombie_lock);
    size_t need = zombie_len + nkeep;
    if (need > zombie_cap) {
        TrObject **z = realloc(zombies, need * sizeof *z);
        if (!z) {   /* leaking is safe; freeing early is not */
            mutex_unlock(&zombie_lock);
            return;
        }
        zombies = z;
        zombie_cap = need;
    }
    for (size_t i = 0; i < nkeep; i++) zombies[zombie_len++] = keep[i];
    size_t limit = 2 * nkeep;
    zombie_limit = limit > ZOMBIE_MIN_LIMIT ? limit : ZOMBIE_MIN_LIMIT;
    mutex_unlock(&zombie_lock);
}

size_t brc_reclaim_running(TrThread *ts) {
    atomic_and_not_u32(&ts->eval_breaker, TR_EB_RECLAIM);
    mutex_lock(&zombie_lock);
    int due = zombie_len >= zombie_limit;
    mutex_unlock(&zombie_lock);
    if (!due) return 0;          /* another thread's pass came first */
    return brc_reclaim_pass(ts);
}

/* Before zombies z[i] (those with marked[i] == 0; every one when `marked`
 * is NULL) are freed, with no other thread running: a weak reference would
 * turn an uncounted zombie into a counted one (tr_try_incref takes deferred
 * objects as they are), so the victims' weak references die first, and a
 * victim that is itself a weak reference leaves its referent's list before
 * that (so that no detach lists it for a callback).  The callbacks go in
 * `later`, to be called once the victims cannot be reached. */
static void kill_weak_refs(TrObject **z, size_t n, const uint8_t *marked, TrObjVec *later) {
    if (!gc_hooks.weakref_unlink || !gc_hooks.weakref_detach) return;
    for (size_t i = 0; i < n; i++)
        if ((!marked || marked[i] == 0) && (z[i]->ob_type->flags & TR_TPFLAG_WEAKREF)) gc_hooks.weakref_unlink(z[i]);
    for (size_t i = 0; i < n; i++)
        if ((!marked || marked[i] == 0) && (atomic_load_u16_relaxed(&z[i]->ob_flags) & TR_FLAG_WEAKREFS))
            gc_hooks.weakref_detach(z[i], later);
}

size_t brc_reclaim_pass(TrThread *ts) {
    stw_stop(ts, "reclaim pass");
    typeref_merge_stopped();     /* classes' per-thread counts, before reading any count */
    mutex_lock(&zombie_lock);
    TrObject **z = zombies;
    size_t n = zombie_len;
    zombies = NULL;
    zombie_len = zombie_cap = 0;
    mutex_unlock(&zombie_lock);
    uint8_t *marked = n ? calloc(n, 1) : NULL;
    if (n && !marked) {          /* cannot scan: keep everything */
        stw_start(ts);
        relist(z, n);
        free(z);
        return 0;
    }
    if (n) qsort(z, n, sizeof *z, cmp_ptr);
    Marks m = {z, n, marked};
    /* The thread list lock keeps exiting (detached) threads' states alive. */
    mutex_lock(&tr_runtime.lock);
    for (TrThread *t = tr_runtime.threads; t; t = t->next) vm_visit_stack_refs(t, mark_zombie, &m);
    mutex_unlock(&tr_runtime.lock);
    /* Partition in place: z[0..nkeep) stay listed, the victims are moved to
     * the end.  Counts are read while the world is stopped. */
    size_t nkeep = 0, nfree = 0;
    for (size_t i = 0; i < n; i++) {
        TrObject *o = z[i];
        if (i > 0 && z[i - 1] == o) { marked[i] = 2; continue; }   /* duplicate */
        if (marked[i] || zombie_count(o) != 0) { marked[i] = 1; nkeep++; }
        else { marked[i] = 0; nfree++; }
    }
    TrObjVec later = {0};
    kill_weak_refs(z, n, marked, &later);
    stw_start(ts);
    if (later.n) gc_hooks.weakref_callbacks(ts, &later);
    free(later.v);
    TrObject **keep = malloc((nkeep ? nkeep : 1) * sizeof *keep);
    size_t k = 0;
    if (!keep) {                 /* keep everything but the duplicates */
        for (size_t i = 0; i < n; i++) if (marked[i] != 2) z[k++] = z[i];
        relist(z, k);
        free(marked);
        free(z);
        return 0;
    }
    for (size_t i = 0; i < n; i++) if (marked[i] == 1) keep[k++] = z[i];
    relist(keep, k);
    free(keep);
    /* Nobody can reach the victims any more: free them with the world
     * running (their deallocs may drop other deferred objects). */
    for (size_t i = 0; i < n; i++) if (marked[i] == 0) free_zombie(ts, z[i]);
    free(marked);
    free(z);
    return nfree;
}

void brc_reclaim_deferred(TrThread *ts) {
    for (;;) {
        typeref_merge_stopped();
        mutex_lock(&zombie_lock);
        TrObject **z = zombies;
        size_t n = zombie_len;
        zombies = NULL;
        zombie_len = zombie_cap = 0;
        mutex_unlock(&zombie_lock);
        if (!z) return;
        /* An object resurrected from an uncounted reference and dropped again
         * is listed twice: free it once. */
        qsort(z, n, sizeof *z, cmp_ptr);
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            TrObject *o = z[i];
            if (i > 0 && z[i - 1] == o) continue;
            if (zombie_count(o) != 0) continue;   /* resurrected: it will come back when dropped */
            z[k++] = o;
        }
        TrObjVec later = {0};
        kill_weak_refs(z, k, NULL, &later);
        if (later.n) gc_hooks.weakref_callbacks(ts, &later);
        free(later.v);
        for (size_t i = 0; i < k; i++) free_zombie(ts, z[i]);
        free(z);
    }
}
