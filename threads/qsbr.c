/* threads/qsbr.c: quiescent-state-based reclamation.
 *
 * A global write sequence `wr_seq` starts at 1.  qsbr_free_later bumps it and
 * tags the memory with the new value `goal`.  Each thread publishes in
 * `ts->qsbr_seen` the sequence it last observed at a quiescent point (0 while
 * it is detached: a detached thread reads no shared memory).  Memory tagged
 * `goal` may be freed once every attached thread has `qsbr_seen >= goal`:
 * each of them has passed a quiescent point after the memory was unlinked, so
 * none can still hold a pointer into it.
 *
 * Threads: `wr_seq` atomic; `ts->qsbr_seen` written by its owner (release
 * store at quiescent points, seq_cst on attach), read by others under
 * `tr_runtime.lock` while scanning the thread list; `ts->qsbr_pending` owner
 * only.  The leftover list of exited threads is guarded by `leftover_lock`.
 * Lock order: tr_runtime.lock and leftover_lock are never held together; no
 * object lock is held by a scan (it runs only from qsbr_quiescent).
 */
#include <stdlib.h>

#include <malloc.h>
#include "threads/qsbr.h"
#include "threads/lock.h"
#include "torii/thread.h"

#define QSBR_LIMIT 16   /* pending entries before a quiescent point scans */
#define QSBR_BYTES_LIMIT (256 * 1024)   /* or pending bytes: a growing list's old arrays add up */

typedef struct Entry { void *mem; uint64_t goal; } Entry;
typedef struct Pending { size_t len, cap; Entry *items; size_t bytes; } Pending;

static uint64_t wr_seq = 1;

static uint8_t leftover_lock;     /* TrMutex */
static Pending leftover;          /* guarded by leftover_lock */
static size_t leftover_len;       /* atomic mirror of leftover.len for a cheap check */

static int push(Pending *p, void *mem, uint64_t goal) {
    if (p->len == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 32;
        Entry *e = realloc(p->items, cap * sizeof *e);
        if (!e) return -1;
        p->items = e;
        p->cap = cap;
    }
    p->items[p->len++] = (Entry){mem, goal};
    return 0;
}

void qsbr_free_later(TrThread *ts, void *mem) {
    if (!mem) return;
    uint64_t goal = atomic_add_u64(&wr_seq, 1) + 1;
    Pending *p = ts->qsbr_pending;
    if (!p) {
        p = calloc(1, sizeof *p);
        if (!p) return;   /* leaked: safe */
        ts->qsbr_pending = p;
    }
    p->bytes += malloc_usable_size(mem);
    (void)push(p, mem, goal);   /* on failure leaked: safe */
}

/* The smallest `qsbr_seen` over attached threads (UINT64_MAX if none). */
static uint64_t min_seen(void) {
    uint64_t min = UINT64_MAX;
    mutex_lock(&tr_runtime.lock);
    for (TrThread *t = tr_runtime.threads; t; t = t->next) {
        /* acquire: pairs with the release store in qsbr_quiescent */
        uint64_t s = atomic_load_u64_acquire(&t->qsbr_seen);
        if (s != 0 && s < min) min = s;
    }
    mutex_unlock(&tr_runtime.lock);
    return min;
}

/* Frees the entries of `p` with goal <= `min`, keeping the others. */
static void sweep(Pending *p, uint64_t min) {
    size_t keep = 0;
    for (size_t i = 0; i < p->len; i++) {
        if (p->items[i].goal <= min) {
            size_t sz = malloc_usable_size(p->items[i].mem);
            p->bytes = p->bytes > sz ? p->bytes - sz : 0;
            free(p->items[i].mem);
        } else {
            p->items[keep++] = p->items[i];
        }
    }
    p->len = keep;
    if (!keep) p->bytes = 0;
}

static void sweep_leftovers(uint64_t min) {
    mutex_lock(&leftover_lock);
    sweep(&leftover, min);
    atomic_store_size_relaxed(&leftover_len, leftover.len);
    mutex_unlock(&leftover_lock);
}

void qsbr_quiescent(TrThread *ts) {
    uint64_t seq = atomic_load_u64_relaxed(&wr_seq);
    if (atomic_load_u64_relaxed(&ts->qsbr_seen) != seq)
        /* release: our earlier reads of shared memory come before this */
        atomic_store_u64_release(&ts->qsbr_seen, seq);
    Pending *p = ts->qsbr_pending;
    int mine = p && (p->len >= QSBR_LIMIT || p->bytes >= QSBR_BYTES_LIMIT);
    int others = atomic_load_size_relaxed(&leftover_len) != 0;
    if (!mine && !others) return;
    uint64_t min = min_seen();
    if (mine) sweep(p, min);
    if (others) sweep_leftovers(min);
}

void qsbr_detach(TrThread *ts) {
    atomic_store_u64_release(&ts->qsbr_seen, 0);
}

void qsbr_attach(TrThread *ts) {
    uint64_t seq = atomic_load_u64_relaxed(&wr_seq);
    atomic_store_u64_relaxed(&ts->qsbr_seen, seq);
    /* Full barrier: a scanner that missed us (saw 0) freed only memory
     * unlinked before our store, and our reads come after it. */
    atomic_fence();
}

void qsbr_thread_exit(TrThread *ts) {
    Pending *p = ts->qsbr_pending;
    if (!p) return;
    ts->qsbr_pending = NULL;
    qsbr_detach(ts);
    sweep(p, min_seen());
    if (p->len) {
        mutex_lock(&leftover_lock);
        for (size_t i = 0; i < p->len; i++)
            if (push(&leftover, p->items[i].mem, p->items[i].goal) < 0)
                break;   /* the rest leak: safe */
        atomic_store_size_relaxed(&leftover_len, leftover.len);
        mutex_unlock(&leftover_lock);
    }
    free(p->items);
    free(p);
}

void qsbr_free_all(TrThread *ts) {
    Pending *p = ts->qsbr_pending;
    if (p) sweep(p, UINT64_MAX);
    sweep_leftovers(UINT64_MAX);
}

size_t qsbr_pending_count(TrThread *ts) {
    Pending *p = ts->qsbr_pending;
    return p ? p->len : 0;
}
