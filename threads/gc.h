/* threads/gc.h: the cycle collector and the lists of the objects it tracks.
 * See gc.c for the design.
 *
 * An object whose type has TR_TPFLAG_GC is allocated by gc_alloc with a
 * TrGcHead in front of it, on the allocating thread's list, and released by
 * gc_free.  Static objects of such types (TR_FLAG_STATIC) have no head and
 * are never tracked. */
#ifndef TORII_THREADS_GC_H
#define TORII_THREADS_GC_H

#include <stddef.h>
#include <sys/types.h>
#include "torii/thread.h"

typedef struct TrGcList TrGcList;

typedef struct TrGcHead {
    struct TrGcHead *next, *prev;  /* the list: its owner's, or any thread's under the world stop
                                    * or (orphaned list) the registry lock */
    TrGcList *list;                /* fixed at allocation */
    intptr_t refs;                 /* collector scratch, only while the world is stopped */
} TrGcHead;

#define TR_GC_HEAD(o) ((TrGcHead *)(o) - 1)
#define TR_GC_OBJECT(h) ((TrObject *)((TrGcHead *)(h) + 1))

/* 1 if `o` is a tracked object (has a head and sits on a list). */
static inline int gc_is_tracked(const TrObject *o) {
    return !tr_is_imm(o) && (o->ob_type->flags & TR_TPFLAG_GC) &&
           !(atomic_load_u16_relaxed(&((TrObject *)o)->ob_flags) & TR_FLAG_STATIC);
}

/* `size` zeroed bytes for an object of a TR_TPFLAG_GC type, tracked on the
 * calling thread's list; the block, with its head, is of block class `cls`
 * (threads/blocks.h: blocks_class(TR_GC_HEAD_BYTES + size)), which the
 * caller records in the object's ob_flags for gc_free.  NULL on MemoryError
 * (no exception set). */
void *gc_alloc(TrThread *ts, size_t size, unsigned cls);
#define TR_GC_HEAD_BYTES sizeof(TrGcHead)
/* Untracks and frees the memory of tracked `o` (its dealloc has run).  Any
 * thread; when the list is another live thread's, the memory waits on that
 * list until its owner (or a collection) unlinks it.  Cannot fail. */
void gc_free(TrObject *o);
/* Thread exit, while still attached: frees what others handed back and
 * leaves the list orphaned (its objects stay tracked).  Cannot fail. */
void gc_thread_exit(TrThread *ts);

/* Runs a full collection (any thread that is attached and holds no object
 * lock).  Finds the objects that only cycles keep alive, runs their
 * finalizers (gc_hooks.finalize), then clears them (TrType.clear) so that
 * reference counting frees them.  Returns the number of unreachable objects
 * found.  Cannot fail (out of memory: collects nothing); the pending
 * exception is left as it was (finalizers keep it, clears raise nothing). */
size_t gc_collect(TrThread *ts);
/* The TR_EB_GC handler: a collection if automatic collection is enabled. */
void gc_collect_auto(TrThread *ts);

/* What the gc module reads and sets. */
/* gc.set_debug flags, CPython's values. */
#define TR_GC_DEBUG_STATS 1
#define TR_GC_DEBUG_COLLECTABLE 2
#define TR_GC_DEBUG_UNCOLLECTABLE 4
#define TR_GC_DEBUG_SAVEALL 32
#define TR_GC_DEBUG_LEAK (TR_GC_DEBUG_COLLECTABLE | TR_GC_DEBUG_UNCOLLECTABLE | TR_GC_DEBUG_SAVEALL)

typedef struct TrGcState {
    uint32_t enabled;          /* atomic */
    uint32_t threshold;        /* atomic: gc.set_threshold's first value */
    uint32_t threshold2, threshold3;  /* kept for get_threshold; unused (see threads/gc.c) */
    int64_t young;             /* atomic: tracked allocations minus frees since the last collection */
    uint64_t collections;      /* atomic: collections run */
    uint64_t collected;        /* atomic: unreachable objects found, all collections */
    uint32_t debug;            /* atomic: gc.set_debug flags (TR_GC_DEBUG_*) */
    size_t live_after;         /* tracked objects after the last collection (guarded by the stop) */
    size_t live_after_full;    /* tracked objects after the last full collection (the stop) */
    size_t promoted;           /* young objects that survived since the last full one (the stop) */
} TrGcState;
extern TrGcState tr_gc;

struct TrObjVec;

/* Hooks the objects layer hands over at start-up (core/runtime.c). */
typedef struct TrGcHooks {
    /* Runs o's finalizer (__del__) if it has one that has not run. */
    void (*finalize)(TrThread *ts, TrObject *o);
    /* gc.DEBUG_SAVEALL: keeps garbage object `o` (appends it to gc.garbage)
     * instead of clearing it (stdlib/gc.c). */
    void (*save)(TrThread *ts, TrObject *o);
    /* Weak references (objects/weakref.c), for objects that the collector
     * or a reclaim pass (threads/brc.c) frees: with the world stopped,
     * `weakref_detach` kills the weak references to `o` (which has
     * TR_FLAG_WEAKREFS) and lists those with callbacks in `later`; after
     * the restart `weakref_callbacks` calls them; `weakref_unlink` takes
     * a weak reference that is to be freed out of its referent's list. */
    void (*weakref_detach)(TrObject *o, struct TrObjVec *later);
    /* gc.callbacks around an automatic collection: start 1 before it, 0
     * after it with the number found (stdlib/gc.c, once imported). */
    void (*callbacks)(TrThread *ts, int start, size_t collected);
    void (*weakref_unlink)(TrObject *wr);
    void (*weakref_callbacks)(TrThread *ts, struct TrObjVec *later);
} TrGcHooks;
extern TrGcHooks gc_hooks;

/* A growable array of object pointers (the collector's mark stack and
 * garbage set; gc.get_objects; the exit-time walk of core/runtime.c).  It
 * counts nothing: callers that must keep the objects alive take references
 * themselves.  Zero-initialise; free `v` when done. */
typedef struct TrObjVec {
    TrObject **v;
    size_t n, cap;
    int failed;                /* an append ran out of memory (and was dropped) */
} TrObjVec;
/* Appends `o`; on MemoryError sets `failed` and drops it.  Any thread. */
void gc_vec_push(TrObjVec *s, TrObject *o);

/* Calls `fn(o, arg)` for every tracked object with a nonzero count, with
 * the world stopped (gc.get_objects, gc.get_referrers).  `fn` must not run
 * Python code or allocate tracked objects; it may take references
 * (tr_incref), which keep the objects alive after the restart.  Cannot fail. */
void gc_for_each(TrThread *ts, void (*fn)(TrObject *o, void *arg), void *arg);

#endif
