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
 * An entry is either memory to free or, tagged with bit 0, an object whose
 * reference to drop (qsbr_decref_later_n: a container's owner reads its items
 * without the lock, so an item another thread takes out of it stays counted
 * until the owner has passed a quiescent point).  A sweep frees memory at
 * once but collects the objects and drops them after it has finished with
 * the pending list and released every lock: a drop may run a destructor,
 * which may queue more.  Only attached threads that are still registered
 * for reference counting drop them: an exiting thread hands its objects to
 * the leftover list whatever their goal.
 *
 * Threads: `wr_seq` atomic; `ts->qsbr_seen` written by its owner (release
 * store at quiescent points, seq_cst on attach), read by others under
 * `tr_runtime.lock` while scanning the thread list; `ts->qsbr_pending` owner
 * only.  The leftover list of exited threads is guarded by `leftover_lock`.
 * Lock order: tr_runtime.lock and leftover_lock are never held together; no
 * object lock is held by a scan (it runs only from qsbr_quiescent).
 */
#include <sched.h>
#include <stdlib.h>

#include <malloc.h>
#include "threads/qsbr.h"
#include "threads/lock.h"
#include "torii/thread.h"
#include "torii/object.h"
#include "threads/stw.h"

#define QSBR_LIMIT 16   /* pending entries before a quiescent point scans */
#define QSBR_BYTES_LIMIT (256 * 1024)   /* or pending bytes: a growing list's old arrays add up */

typedef struct Entry { void *mem; uint64_t goal; } Entry;
typedef struct Pending { size_t len, cap; Entry *items; size_t bytes; } Pending;

static uint64_t wr_seq = 1;

static uint8_t leftover_lock;     /* TrMutex */
static Pending leftover;          /* guarded by leftover_lock */
static size_t leftover_len;       /* atomic mirror of leftover.len for a cheap check */

#define TAG_DECREF ((uintptr_t)1)
static inline int is_decref(const Entry *e) { return ((uintptr_t)e->mem & TAG_DECREF) != 0; }

/* Objects collected by a sweep, dropped once the sweep is over. */
typedef struct Drops { size_t len, cap; TrObject **items; } Drops;

static void drops_add(Drops *d, TrObject *o) {
    if (d->len == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        TrObject **a = realloc(d->items, cap * sizeof *a);
        if (!a) return;   /* leaked: safe */
        d->items = a;
        d->cap = cap;
    }
    d->items[d->len++] = o;
}

static void drops_release(Drops *d) {
    for (size_t i = 0; i < d->len; i++) tr_decref(d->items[i]);
    free(d->items);
    d->items = NULL;
    d->len = d->cap = 0;
}

/* Per slot of thread ids (id % ATTACHED_SLOTS), one cache line each, read
 * without reaching a thread's TrThread (which may be freed):
 *  - `n`, how many attached threads have an id in the slot: a count, not an
 *    id, so that two threads sharing a slot keep it non-zero while either
 *    is attached (qsbr_may_be_attached);
 *  - `id`, the thread that last attached as the slot's only one (0: none),
 *    and `epoch`, which only that thread bumps, at each quiescent point
 *    while `id` names it (qsbr_wait_quiescent).  A waiter trusts `epoch`
 *    only while `id` names the thread it waits for; `id` changes to another
 *    thread only when that one attaches alone in the slot, so the one it
 *    named had detached: a quiescent state too. */
#define ATTACHED_SLOTS 64
typedef struct { uint32_t n; uint32_t unused; uint64_t epoch; uintptr_t id; uint8_t pad[40]; } AttachedSlot;
static AttachedSlot attached_slots[ATTACHED_SLOTS];

static AttachedSlot *slot_of(uintptr_t id) { return &attached_slots[id % ATTACHED_SLOTS]; }
static uint32_t *attached_of(uintptr_t id) { return &slot_of(id)->n; }

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

static Pending *pending_of(TrThread *ts) {
    Pending *p = ts->qsbr_pending;
    if (!p) {
        p = calloc(1, sizeof *p);
        if (!p) return NULL;
        ts->qsbr_pending = p;
    }
    return p;
}

void qsbr_free_later(TrThread *ts, void *mem) {
    if (!mem) return;
    uint64_t goal = atomic_add_u64(&wr_seq, 1) + 1;
    Pending *p = pending_of(ts);
    if (!p) return;   /* leaked: safe */
    p->bytes += malloc_usable_size(mem);
    (void)push(p, mem, goal);   /* on failure leaked: safe */
}

void qsbr_decref_later_n(TrThread *ts, TrObject *const *objs, size_t n) {
    if (!n) return;
    /* One bump for the batch: every thread that reads `wr_seq >= goal` at a
     * quiescent point read it after this bump, which follows the removals. */
    uint64_t goal = atomic_load_u64_relaxed(&wr_seq) + 1;
    Pending *p = pending_of(ts);
    if (p)
        for (size_t i = 0; i < n; i++) {
            TrObject *o = objs[i];
            if (tr_is_imm(o) || atomic_load_u32_relaxed(&o->ob_ref_local) == TR_IMMORTAL) continue;
            if (push(p, (void *)((uintptr_t)o | TAG_DECREF), goal) < 0) break;   /* the rest leak: safe */
        }
    (void)atomic_add_u64(&wr_seq, 1);
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

/* Frees the memory entries of `p` with goal <= `min` and moves its object
 * entries with goal <= `min` to `drops`, keeping the others. */
static void sweep(Pending *p, uint64_t min, Drops *drops) {
    size_t keep = 0;
    for (size_t i = 0; i < p->len; i++) {
        Entry *e = &p->items[i];
        if (e->goal > min) {
            p->items[keep++] = *e;
        } else if (is_decref(e)) {
            drops_add(drops, (TrObject *)((uintptr_t)e->mem & ~TAG_DECREF));
        } else {
            size_t sz = malloc_usable_size(e->mem);
            p->bytes = p->bytes > sz ? p->bytes - sz : 0;
            free(e->mem);
        }
    }
    p->len = keep;
    if (!keep) p->bytes = 0;
}

static void sweep_leftovers(uint64_t min, Drops *drops) {
    mutex_lock(&leftover_lock);
    sweep(&leftover, min, drops);
    atomic_store_size_relaxed(&leftover_len, leftover.len);
    mutex_unlock(&leftover_lock);
}

void qsbr_quiescent(TrThread *ts) {
    AttachedSlot *s = slot_of(ts->id);
    /* full barrier: our reads so far come before the bump, and those after
     * it see what a waiter unlinked before reading the epoch */
    if (atomic_load_uptr_relaxed(&s->id) == ts->id) (void)atomic_add_u64(&s->epoch, 1);
    /* acquire: reads after this point see what was unlinked before `seq` */
    uint64_t seq = atomic_load_u64_acquire(&wr_seq);
    if (atomic_load_u64_relaxed(&ts->qsbr_seen) != seq)
        /* release: our earlier reads of shared memory come before this */
        atomic_store_u64_release(&ts->qsbr_seen, seq);
    Pending *p = ts->qsbr_pending;
    int mine = p && (p->len >= QSBR_LIMIT || p->bytes >= QSBR_BYTES_LIMIT);
    int others = atomic_load_size_relaxed(&leftover_len) != 0;
    if (!mine && !others) return;
    uint64_t min = min_seen();
    Drops drops = {0};
    if (mine) sweep(p, min, &drops);
    if (others) sweep_leftovers(min, &drops);
    drops_release(&drops);
}


int qsbr_wait_quiescent(uintptr_t id, int64_t max_ns) {
    AttachedSlot *s = slot_of(id);
    if (!atomic_load_u32_acquire(&s->n)) return 1;
    if (atomic_load_uptr_acquire(&s->id) != id) return 0;
    uint64_t e0 = atomic_load_u64_acquire(&s->epoch);
    int64_t until = lock_now_ns() + max_ns;
    for (unsigned i = 1;; i++) {
        /* acquire: pairs with the full barriers of the bump and of detach */
        if (!atomic_load_u32_acquire(&s->n) || atomic_load_u64_acquire(&s->epoch) != e0) return 1;
        if ((i & 63) == 0) {
            if (lock_now_ns() >= until) return 0;
            sched_yield();
        }
        atomic_spin_pause();
    }
}

int qsbr_may_be_attached(uintptr_t id) {
    /* acquire: pairs with the full-barrier decrement in qsbr_detach, so the
     * reads the thread made while attached come before what we do next */
    return atomic_load_u32_acquire(attached_of(id)) != 0;
}

void qsbr_detach(TrThread *ts) {
    atomic_store_u64_release(&ts->qsbr_seen, 0);
    if (ts->qsbr_attached) {
        ts->qsbr_attached = 0;
        (void)atomic_add_u32(attached_of(ts->id), (uint32_t)-1);
    }
}

void qsbr_attach(TrThread *ts) {
    if (!ts->qsbr_attached) {
        ts->qsbr_attached = 1;
        AttachedSlot *s = slot_of(ts->id);
        /* before the fence below */
        if (atomic_add_u32(&s->n, 1) == 0) atomic_store_uptr_release(&s->id, ts->id);
    }
    uint64_t seq = atomic_load_u64_relaxed(&wr_seq);
    atomic_store_u64_relaxed(&ts->qsbr_seen, seq);
    /* Full barrier: a scanner that missed us (saw 0) freed only memory
     * unlinked before our store, and our reads come after it. */
    atomic_fence();
}

void qsbr_thread_exit(TrThread *ts) {
    /* under the thread list lock: qsbr_drop_stopped may be reading it */
    mutex_lock(&tr_runtime.lock);
    Pending *p = ts->qsbr_pending;
    ts->qsbr_pending = NULL;
    mutex_unlock(&tr_runtime.lock);
    if (!p) return;
    qsbr_detach(ts);
    /* Memory that every thread has passed is freed now; objects may not be
     * dropped by a thread that has left reference counting, so every object
     * entry goes to the leftovers, due at once. */
    Drops drops = {0};
    sweep(p, min_seen(), &drops);
    if (p->len || drops.len) {
        mutex_lock(&leftover_lock);
        for (size_t i = 0; i < p->len; i++)
            if (push(&leftover, p->items[i].mem, p->items[i].goal) < 0)
                break;   /* the rest leak: safe */
        for (size_t i = 0; i < drops.len; i++)
            if (push(&leftover, (void *)((uintptr_t)drops.items[i] | TAG_DECREF), 0) < 0)
                break;
        atomic_store_size_relaxed(&leftover_len, leftover.len);
        mutex_unlock(&leftover_lock);
    }
    free(drops.items);
    free(p->items);
    free(p);
}

/* Moves every object entry of `p`, whatever its goal, to `drops`. */
static void take_objects(Pending *p, Drops *drops) {
    size_t keep = 0;
    for (size_t i = 0; i < p->len; i++) {
        if (is_decref(&p->items[i])) drops_add(drops, (TrObject *)((uintptr_t)p->items[i].mem & ~TAG_DECREF));
        else p->items[keep++] = p->items[i];
    }
    p->len = keep;
}

void qsbr_drop_stopped(TrThread *ts) {
    Drops drops = {0};
    stw_stop(ts, "gc: delayed decrefs");
    /* Every other thread is stopped between bytecodes or detached: all are
     * at quiescent points, so every pending reference may go.  A detached
     * thread queues nothing; an exiting one takes its list under this lock. */
    mutex_lock(&tr_runtime.lock);
    for (TrThread *t = tr_runtime.threads; t; t = t->next)
        if (t->qsbr_pending) take_objects(t->qsbr_pending, &drops);
    mutex_unlock(&tr_runtime.lock);
    mutex_lock(&leftover_lock);
    take_objects(&leftover, &drops);
    atomic_store_size_relaxed(&leftover_len, leftover.len);
    mutex_unlock(&leftover_lock);
    stw_start(ts);
    drops_release(&drops);
}

void qsbr_free_all(TrThread *ts) {
    Pending *p = ts->qsbr_pending;
    Drops drops = {0};
    /* a drop may run a destructor that queues more: until none is left */
    do {
        drops_release(&drops);
        if (p) sweep(p, UINT64_MAX, &drops);
        sweep_leftovers(UINT64_MAX, &drops);
    } while (drops.len);
}

size_t qsbr_pending_count(TrThread *ts) {
    Pending *p = ts->qsbr_pending;
    return p ? p->len : 0;
}
