/* threads/gc.c: the cycle collector, and the per-thread lists of the objects
 * it tracks.
 *
 * Tracking.  Objects of TR_TPFLAG_GC types (containers: lists, dicts,
 * tuples, instances of classes, functions, ...) carry a TrGcHead in front
 * of the object and sit on a doubly linked list, one per thread (TrGcList).
 * Only the list's owner links and unlinks on its list, with plain stores; a
 * thread that frees an object of another live thread's list cannot unlink
 * it, so it marks the object TR_GC_DEAD (after its dealloc, so the memory
 * is no longer an object) and pushes it on that list's `dead` stack (one
 * CAS; the link is the dead object's ob_tid word); the owner unlinks and
 * frees those at its next tracked allocation, a collection does so for every
 * list.  A thread that exits closes its `dead` stack (DEAD_CLOSED) and its
 * list becomes orphaned: it stays registered, its objects stay tracked, and
 * whoever frees one of them unlinks it under `registry_lock`.  In the GIL
 * build the GIL serialises every list operation: frees unlink directly.
 *
 * Collection (gc_collect), as free-threaded CPython 3.13 does it, with the
 * world stopped while it decides:
 *   1. stop the world (threads/stw.c); unlink and free every dead object;
 *   2. for each tracked object: refs = its true count (local + shared, see
 *      threads/brc.c; a QUEUED object's queue entry counts as one holder);
 *      objects that may be referenced without being counted (deferred:
 *      stack references; immortal) and objects with no count (being
 *      deallocated right now, below some safe point) are roots: refs = 1;
 *   3. subtract the references tracked objects hold to tracked objects
 *      (TrType.traverse); what is left over is held from outside: a root;
 *   4. mark everything reachable from a root; every unmarked object is held
 *      only by cycles among unmarked objects: cyclic garbage.  Take one
 *      reference to each (so the set stays alive, and a collection running
 *      next sees them as roots), kill the weak references to them
 *      (gc_hooks.weakref_detach), restart the world, and call the callbacks
 *      of those weak references that are not garbage themselves;
 *   5. run the finalizers of the garbage (gc_hooks.finalize: __del__, once
 *      per object; TrType.finalize: a generator's close(), once
 *      per object); when one ran, stop the world again and repeat 2-4 inside
 *      the set: an object a finalizer stored somewhere (resurrected), and all
 *      it reaches, leave the set;
 *   6. clear each object left (TrType.clear: drops its references, breaking
 *      the cycles), then drop the references of step 4: reference counting
 *      frees the garbage, in whatever thread, as usual.
 * Nothing outside the set can reach a garbage object (its weak references
 * died in step 4), so steps 5 and 6 run with the world going.  A type
 * without `clear` is never cleared (tuples: a cycle through a tuple always
 * passes through a clearable container).  A reference a type's traverse
 * does not report only makes its target look externally held: the collector
 * errs toward keeping objects.
 *
 * Triggering: each thread counts its tracked allocations minus its frees
 * (never below zero) and adds them to tr_gc.young every 64; when young
 * passes the threshold (and a
 * quarter of the objects that survived the last collection, so large heaps
 * are not rescanned quadratically), the thread gets TR_EB_GC and collects at
 * its next eval-breaker check.  Automatic collections are young: they
 * examine only the objects allocated since the last collection (each list's
 * tail after `old_end`), and promote the survivors; once the promoted
 * objects outnumber those that survived the last full collection, the next
 * one is full.  gc.collect() is always full.  One automatic collection runs at a time; a
 * thread that asks meanwhile waits for it (up to 5 ms), so threads making
 * garbage faster than one collector frees it are held back as a GIL would
 * hold them: memory stays bounded (4 threads making cycles on 2 cores: 10 MB).
 *
 * Threads: a list's links and `count`/`pending` are its owner's (or the
 * registry lock's, orphaned; or anyone's, world stopped); `dead` and `owner`
 * are atomic.  `registry_lock` (a TrMutex) guards `registry` and orphaned
 * lists; it is a leaf and never held across a stop.  The collector's scratch
 * (TrGcHead.refs, TR_GC_REACHABLE) is written only with the world stopped.
 */
#include <sched.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>

#include "threads/gc.h"
#include "threads/blocks.h"
#include "threads/lock.h"
#include "threads/stw.h"

struct TrGcList {
    TrGcHead head;            /* sentinel of the circular list */
    uintptr_t dead;           /* atomic: stack of TR_GC_DEAD objects, or DEAD_CLOSED */
    uintptr_t owner;          /* atomic: the owner's id; 0 once orphaned */
    TrGcHead *old_end;        /* the last object that survived a collection (or &head): the
                               * objects after it are young; same guard as the links */
    size_t count;             /* tracked objects on the list */
    int pending;              /* owner: allocations minus frees not yet added to tr_gc.young */
    TrGcList *reg_next;       /* registry chain, guarded by registry_lock */
};

#define DEAD_CLOSED ((uintptr_t)1)
#define YOUNG_BATCH 64
#define BACKOFF_NS 5000000L   /* 5 ms */
#define FULL_MIN 20000        /* promoted objects that always allow a young collection */

TrGcState tr_gc = {.enabled = 1, .threshold = 2000, .threshold2 = 10, .threshold3 = 10};
TrGcHooks gc_hooks;

static uint8_t registry_lock;     /* TrMutex */
static TrGcList *registry;
static uint32_t auto_running;     /* atomic: an automatic collection is under way */

static __thread TrGcList *my_list;

/* ---- lists ------------------------------------------------------------------ */

/* Appends: a list runs oldest first, so finalizers run in allocation order
 * (as CPython's do). */
static void link_tail(TrGcList *l, TrGcHead *h) {
    h->list = l;
    h->next = &l->head;
    h->prev = l->head.prev;
    l->head.prev->next = h;
    l->head.prev = h;
    l->count++;
}

static void unlink_head(TrGcHead *h) {
    if (h->list->old_end == h) h->list->old_end = h->prev;
    h->prev->next = h->next;
    h->next->prev = h->prev;
    h->list->count--;
}

static TrGcList *list_for(TrThread *ts) {
    if (my_list) return my_list;
    TrGcList *l = calloc(1, sizeof *l);
    if (!l) return NULL;
    l->head.next = l->head.prev = &l->head;
    l->old_end = &l->head;
    l->owner = ts->id;
    mutex_lock(&registry_lock);
    l->reg_next = registry;
    registry = l;
    mutex_unlock(&registry_lock);
    my_list = l;
    return l;
}

static unsigned block_class_of(const TrObject *o) {
    return (atomic_load_u16_relaxed(&((TrObject *)o)->ob_flags) & TR_FLAG_BLOCK_MASK) >> TR_FLAG_BLOCK_SHIFT;
}

/* Unlinks and frees the objects stacked on l->dead, leaving `replace` there.
 * The owner, the exiting owner, or a thread with the world stopped. */
static void drain_dead(TrGcList *l, uintptr_t replace) {
    uintptr_t top = (uintptr_t)atomic_exchange_ptr(&l->dead, (void *)replace);
    while (top && top != DEAD_CLOSED) {
        TrObject *o = (TrObject *)top;
        top = o->ob_tid;
        TrGcHead *h = TR_GC_HEAD(o);
        unlink_head(h);
        blocks_free(h, block_class_of(o));
    }
}

/* Adds the owner's pending count to tr_gc.young; asks for a collection when
 * it passes the threshold. */
static void flush_pending(TrThread *ts, TrGcList *l) {
    int64_t young = (int64_t)atomic_add_u64((uint64_t *)&tr_gc.young, (uint64_t)(int64_t)l->pending) +
                    l->pending;
    l->pending = 0;
    if (l->count == 0 || !atomic_load_u32_relaxed(&tr_gc.enabled)) return;
    int64_t threshold = atomic_load_u32_relaxed(&tr_gc.threshold);
    int64_t quarter = (int64_t)(atomic_load_size_relaxed(&tr_gc.live_after) / 4);
    if (threshold > 0 && young > threshold && young > quarter)
        atomic_or_u32(&ts->eval_breaker, TR_EB_GC);
}

void *gc_alloc(TrThread *ts, size_t size, unsigned cls) {
    TrGcList *l = list_for(ts);
    if (!l) return NULL;
    if (atomic_load_uptr_relaxed(&l->dead)) drain_dead(l, 0);
    TrGcHead *h = blocks_alloc_zeroed(sizeof *h + size, cls);
    if (!h) return NULL;
    link_tail(l, h);
    if (++l->pending >= YOUNG_BATCH) flush_pending(ts, l);
    return TR_GC_OBJECT(h);
}

void gc_free(TrObject *o) {
    TrGcHead *h = TR_GC_HEAD(o);
    TrGcList *l = h->list;
    if (!TR_BIASED_RC || l == my_list) {
        unlink_head(h);
        if (l->pending > 0) l->pending--;   /* as CPython's count: never below zero */
        blocks_free(h, block_class_of(o));
        return;
    }
    o->ob_gc_bits |= TR_GC_DEAD;
    for (;;) {
        uintptr_t top = atomic_load_uptr_acquire(&l->dead);
        if (top == DEAD_CLOSED) {
            /* orphaned: its owner is gone, anyone may unlink under the lock */
            mutex_lock(&registry_lock);
            unlink_head(h);
            mutex_unlock(&registry_lock);
            free(h);
            return;
        }
        o->ob_tid = top;
        if (atomic_cas_uptr(&l->dead, top, (uintptr_t)o) == top) return;
    }
}

void gc_thread_exit(TrThread *ts) {
    TrGcList *l = my_list;
    if (!l) return;
    if (l->pending) flush_pending(ts, l);
    mutex_lock(&registry_lock);
    drain_dead(l, DEAD_CLOSED);
    atomic_store_uptr_relaxed(&l->owner, 0);
    mutex_unlock(&registry_lock);
    my_list = NULL;
}

/* ---- collection ---------------------------------------------------------------- */

void gc_vec_push(TrObjVec *s, TrObject *o) {
    if (s->failed) return;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 256;
        TrObject **g = realloc(s->v, cap * sizeof *g);
        if (!g) { s->failed = 1; return; }
        s->v = g;
        s->cap = cap;
    }
    s->v[s->n++] = o;
}

/* The true number of references (threads/brc.c's invariants), counting a
 * QUEUED object's queue entry as a holder. */
static intptr_t true_count(TrObject *o) {
    intptr_t local = (intptr_t)atomic_load_u32_relaxed(&o->ob_ref_local);
    intptr_t shared = atomic_load_ssize_relaxed((ssize_t *)&o->ob_ref_shared);
    return local + (shared >> TR_SHARED_SHIFT);
}

static int is_root_kind(TrObject *o) {
    return tr_is_immortal(o) || tr_is_deferred(o) || (o->ob_gc_bits & TR_GC_FROZEN);
}

static void visit_decref(TrObject *r, void *arg) {
    (void)arg;
    if (r && gc_is_tracked(r)) TR_GC_HEAD(r)->refs--;
}

/* A young collection: only references between young objects count. */
static void visit_decref_young(TrObject *r, void *arg) {
    (void)arg;
    if (r && gc_is_tracked(r) && (r->ob_gc_bits & TR_GC_SCANNED)) TR_GC_HEAD(r)->refs--;
}

/* Inside a garbage set: only members (TR_GC_UNREACHABLE) count. */
static void visit_decref_member(TrObject *r, void *arg) {
    (void)arg;
    if (r && gc_is_tracked(r) && (r->ob_gc_bits & TR_GC_UNREACHABLE)) TR_GC_HEAD(r)->refs--;
}

typedef struct MarkCtx {
    TrObjVec *stack;
    uint8_t only;             /* 0: any tracked object; else only objects with this bit */
} MarkCtx;

static void visit_mark(TrObject *r, void *arg) {
    MarkCtx *m = arg;
    if (!r || !gc_is_tracked(r) || (r->ob_gc_bits & TR_GC_REACHABLE)) return;
    if (m->only && !(r->ob_gc_bits & m->only)) return;
    r->ob_gc_bits |= TR_GC_REACHABLE;
    gc_vec_push(m->stack, r);
}

static void mark_from(TrObject *root, MarkCtx *m) {
    if (root->ob_gc_bits & TR_GC_REACHABLE) return;
    root->ob_gc_bits |= TR_GC_REACHABLE;
    gc_vec_push(m->stack, root);
    while (m->stack->n) {
        TrObject *o = m->stack->v[--m->stack->n];
        if (o->ob_type->traverse) o->ob_type->traverse(o, visit_mark, m);
    }
}

#define FOR_EACH_TRACKED(l, h) \
    for (TrGcList *l = registry; l; l = l->reg_next) \
        for (TrGcHead *h = l->head.next; h != &l->head; h = h->next)

/* The objects a collection examines: every tracked one, or (young) those
 * allocated since the last collection, which follow their list's old_end. */
#define FOR_EACH_IN_SET(l, h, young) \
    for (TrGcList *l = registry; l; l = l->reg_next) \
        for (TrGcHead *h = ((young) ? l->old_end : &l->head)->next; h != &l->head; h = h->next)

/* Steps 1-4 with the world stopped: appends the garbage to `out`, holding a
 * reference to each.  A young collection examines only the young objects:
 * a reference from an older one makes its target look held from outside,
 * so it finds the cycles among young objects only, never too much.  Every
 * survivor is old afterwards.  Returns 0, or -1 when memory ran out
 * (nothing held). */
static int find_garbage(TrThread *ts, TrObjVec *out, TrObjVec *later, int young) {
    (void)ts;
    mutex_lock(&registry_lock);
    for (TrGcList *l = registry; l; l = l->reg_next)
        drain_dead(l, atomic_load_uptr_relaxed(&l->dead) == DEAD_CLOSED ? DEAD_CLOSED : 0);
    size_t examined = 0;
    FOR_EACH_IN_SET(l, h, young) {
        TrObject *o = TR_GC_OBJECT(h);
        intptr_t c = true_count(o);
        h->refs = (c <= 0 || is_root_kind(o)) ? INTPTR_MAX / 2 : c;
        if (young) o->ob_gc_bits |= TR_GC_SCANNED;
        examined++;
    }
    FOR_EACH_IN_SET(l, h, young) {
        TrObject *o = TR_GC_OBJECT(h);
        if (o->ob_type->traverse) o->ob_type->traverse(o, young ? visit_decref_young : visit_decref, NULL);
    }
    TrObjVec stack = {0};
    MarkCtx m = {&stack, young ? TR_GC_SCANNED : 0};
    FOR_EACH_IN_SET(l, h, young) {
        if (h->refs > 0) mark_from(TR_GC_OBJECT(h), &m);
    }
    int failed = stack.failed;
    free(stack.v);
    FOR_EACH_IN_SET(l, h, young) {
        TrObject *o = TR_GC_OBJECT(h);
        int reached = (o->ob_gc_bits & TR_GC_REACHABLE) != 0;
        o->ob_gc_bits &= (uint8_t)~(TR_GC_REACHABLE | TR_GC_SCANNED);
        if (!reached && !failed) gc_vec_push(out, o);
    }
    size_t survivors = examined - (failed ? 0 : out->n);
    if (young) {
        atomic_store_size_relaxed(&tr_gc.promoted, atomic_load_size_relaxed(&tr_gc.promoted) + survivors);
        atomic_store_size_relaxed(&tr_gc.live_after, atomic_load_size_relaxed(&tr_gc.live_after) + survivors);
    } else {
        atomic_store_size_relaxed(&tr_gc.promoted, 0);
        atomic_store_size_relaxed(&tr_gc.live_after, survivors);
        atomic_store_size_relaxed(&tr_gc.live_after_full, survivors);
    }
    for (TrGcList *l = registry; l; l = l->reg_next) l->old_end = l->head.prev;
    mutex_unlock(&registry_lock);
    if (failed || out->failed) {
        out->n = 0;
        return -1;
    }
    for (size_t i = 0; i < out->n; i++) {
        out->v[i]->ob_gc_bits |= TR_GC_UNREACHABLE;
        tr_incref(out->v[i]);
    }
    /* weak references to garbage die now, before any finalizer can look;
     * the callbacks of those that are not garbage themselves run after the
     * restart (as CPython's handle_weakrefs) */
    for (size_t i = 0; i < out->n && gc_hooks.weakref_detach; i++)
        if (atomic_load_u16_relaxed(&out->v[i]->ob_flags) & TR_FLAG_WEAKREFS)
            gc_hooks.weakref_detach(out->v[i], later);
    return 0;
}

/* Step 5's second look, world stopped: removes from `set` (releasing our
 * reference after the restart: the caller does) every member held from
 * outside the set, and all members it reaches.  Kept members stay first. */
static void drop_resurrected(TrObjVec *set, TrObjVec *out_resurrected) {
    for (size_t i = 0; i < set->n; i++) {
        TrObject *o = set->v[i];
        TR_GC_HEAD(o)->refs = true_count(o) - 1;    /* less our own reference */
    }
    for (size_t i = 0; i < set->n; i++) {
        TrObject *o = set->v[i];
        if (o->ob_type->traverse) o->ob_type->traverse(o, visit_decref_member, NULL);
    }
    TrObjVec stack = {0};
    MarkCtx m = {&stack, TR_GC_UNREACHABLE};
    for (size_t i = 0; i < set->n; i++)
        if (TR_GC_HEAD(set->v[i])->refs > 0) mark_from(set->v[i], &m);
    free(stack.v);
    size_t keep = 0;
    for (size_t i = 0; i < set->n; i++) {
        TrObject *o = set->v[i];
        if (o->ob_gc_bits & TR_GC_REACHABLE) {
            o->ob_gc_bits &= (uint8_t)~(TR_GC_REACHABLE | TR_GC_UNREACHABLE);
            gc_vec_push(out_resurrected, o);
        } else {
            set->v[keep++] = o;
        }
    }
    set->n = keep;
}

/* A collection of every tracked object, or (young) of those allocated
 * since the last one; returns what gc.collect reports. */
static size_t collect(TrThread *ts, int young) {
    TrObjVec garbage = {0}, later = {0};
    stw_stop(ts, young ? "gc (young)" : "gc");
    int r = find_garbage(ts, &garbage, &later, young);
    stw_start(ts);
    if (later.n) gc_hooks.weakref_callbacks(ts, &later);
    free(later.v);
    atomic_store_u64_relaxed((uint64_t *)&tr_gc.young, 0);
    atomic_add_u64(&tr_gc.collections, 1);
    if (r < 0) {
        free(garbage.v);
        return 0;
    }
    /* The number reported counts what CPython would find: an instance's
     * __dict__, which CPython 3.13 keeps inline until asked for, is not
     * counted beside its instance. */
    size_t found = garbage.n;
    for (size_t i = 0; i < garbage.n; i++) {
        TrObject *o = garbage.v[i];
        size_t off = o->ob_type->dictoffset;
        if (!(o->ob_type->flags & TR_TPFLAG_HEAPTYPE) || !off) continue;
        TrObject *d = *(TrObject **)((char *)o + off);
        if (d && !tr_is_imm(d) && (d->ob_gc_bits & TR_GC_UNREACHABLE) && found > 0) found--;
    }
    atomic_add_u64(&tr_gc.collected, found);
    /* 5: finalizers, then a second look for resurrected objects */
    int ran = 0;
    for (size_t i = 0; i < garbage.n; i++) {
        TrObject *o = garbage.v[i];
        if (gc_hooks.finalize && (o->ob_type->flags & TR_TPFLAG_HAS_DEL) && !(o->ob_gc_bits & TR_GC_FINALIZED)) {
            gc_hooks.finalize(ts, o);
            ran = 1;
        } else if (o->ob_type->finalize && !(o->ob_gc_bits & TR_GC_FINALIZED)) {
            o->ob_gc_bits |= TR_GC_FINALIZED;    /* the set is ours alone */
            o->ob_type->finalize(ts, o);
            ran = 1;
        }
    }
    if (ran) {
        TrObjVec back = {0};
        stw_stop(ts, "gc: after finalizers");
        drop_resurrected(&garbage, &back);
        stw_start(ts);
        for (size_t i = 0; i < back.n; i++) tr_decref(back.v[i]);
        free(back.v);
    }
    /* 6: break the cycles, then let counting free them (DEBUG_SAVEALL:
     * hand them to gc.garbage instead) */
    int save = gc_hooks.save && (atomic_load_u32_relaxed(&tr_gc.debug) & TR_GC_DEBUG_SAVEALL);
    for (size_t i = 0; i < garbage.n; i++) {
        TrObject *o = garbage.v[i];
        if (save) gc_hooks.save(ts, o);
        else if (o->ob_type->clear) o->ob_type->clear(ts, o);
    }
    for (size_t i = 0; i < garbage.n; i++) {
        TrObject *o = garbage.v[i];
        o->ob_gc_bits &= (uint8_t)~TR_GC_UNREACHABLE;
        tr_decref(o);
    }
    free(garbage.v);
    return found;
}

size_t gc_collect(TrThread *ts) { return collect(ts, 0); }

static __thread int running_auto;   /* this thread runs the automatic collection (its callbacks may allocate) */

void gc_collect_auto(TrThread *ts) {
    atomic_and_not_u32(&ts->eval_breaker, TR_EB_GC);
    if (!atomic_load_u32_relaxed(&tr_gc.enabled) || running_auto) return;
    if (atomic_cas_u32(&auto_running, 0, 1) != 0) {
        /* Back-pressure: a thread that made enough garbage for a collection
         * while another one runs waits for it to end, as a GIL would make
         * it, instead of piling up more garbage meanwhile.  It stays
         * stoppable (the running collection may stop the world), and waits
         * at most BACKOFF_NS: that collection's finalizers may be waiting
         * for a lock this thread holds. */
        struct timespec t0, t;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        while (atomic_load_u32_acquire(&auto_running)) {
            if (atomic_load_u32_relaxed(&ts->eval_breaker) & TR_EB_STOP) stw_park(ts);
            sched_yield();
            clock_gettime(CLOCK_MONOTONIC, &t);
            if ((t.tv_sec - t0.tv_sec) * 1000000000L + (t.tv_nsec - t0.tv_nsec) > BACKOFF_NS) break;
        }
        return;
    }
    running_auto = 1;
    if (gc_hooks.callbacks) gc_hooks.callbacks(ts, 1, 0);
    /* Young collections, until the objects promoted since the last full
     * one outnumber its survivors (at least FULL_MIN): each object is
     * examined about once young, and full collections double the heap
     * they examine, however large the heap grows. */
    size_t full_after = atomic_load_size_relaxed(&tr_gc.live_after_full);
    if (full_after < FULL_MIN) full_after = FULL_MIN;
    int young = atomic_load_size_relaxed(&tr_gc.promoted) < full_after;
    size_t found = collect(ts, young);
    if (gc_hooks.callbacks) gc_hooks.callbacks(ts, 0, found);
    running_auto = 0;
    atomic_store_u32_release(&auto_running, 0);
}

void gc_for_each(TrThread *ts, void (*fn)(TrObject *o, void *arg), void *arg) {
    stw_stop(ts, "gc object walk");
    mutex_lock(&registry_lock);
    FOR_EACH_TRACKED(l, h) {
        TrObject *o = TR_GC_OBJECT(h);
        if (!(o->ob_gc_bits & TR_GC_DEAD) && true_count(o) > 0) fn(o, arg);
    }
    mutex_unlock(&registry_lock);
    stw_start(ts);
}
