/* threads/typeref.h: per-thread reference counts for classes.
 *
 * Every instance holds a reference to its class, so creating and dropping
 * instances of one module-level class in many threads would make every
 * thread write the class's shared count: one cache line, bounced between all
 * cores on every allocation.  Instead (as free-threaded CPython does for heap
 * types) a class gets a small index when it is created, and each thread keeps
 * an array of signed deltas, one per index: an instance's allocation adds 1 to
 * the allocating thread's delta, its release subtracts 1 from the releasing
 * thread's.  Only the owner thread touches its array.
 *
 * Invariant: a class's true count R = its counted references (ob_ref_local +
 * ob_ref_shared, see threads/brc.c) + the sum of every thread's delta for its
 * index + the orphan delta (deltas of threads that exited, and releases by
 * code running without a thread state).  Instances only ever count through
 * deltas, so the counted part reaches 0 when the last name, subclass or other
 * holder goes; the class, being deferred, then waits on the zombie list, and
 * the reclaim pass folds every delta into the counts (typeref_merge_stopped,
 * with the world stopped) before it decides what is dead.  So a class is freed
 * only when no instance is left.
 *
 * The GIL build counts plainly: no index is handed out (TR_BIASED_RC 0) and
 * every path below falls through to tr_incref / tr_decref.
 *
 * Threads: `type_refs`/`ntype_refs` of a TrThread belong to that thread;
 * other threads read and zero them only while it is stopped or detached (a
 * stop-the-world, or its exit).  The index registry and the orphan deltas are
 * guarded by one leaf TrMutex in typeref.c. */
#ifndef TORII_THREADS_TYPEREF_H
#define TORII_THREADS_TYPEREF_H

#include "torii/object.h"
#include "torii/thread.h"

/* Hands `type` (a class being created, not yet shared) an index, or 0 when
 * the build counts plainly or memory is short (then it is counted as any
 * object).  Cannot fail. */
uint32_t typeref_register(TrObject *type);
/* Gives index `ix` back as its class is freed (every delta is then 0). */
void typeref_unregister(uint32_t ix);
/* Grows `ts`'s delta array to cover `ix`: 0, or -1 when out of memory or the
 * thread has exited. */
int typeref_grow(TrThread *ts, uint32_t ix);
/* A release with no delta array to count it in: into the orphan delta. */
void typeref_dec_orphan(uint32_t ix);
/* Moves `ts`'s deltas to the orphan delta and closes its array.  Called by
 * tstate_exit while `ts` is still attached. */
void typeref_thread_exit(TrThread *ts);
/* Folds every thread's deltas and the orphan delta into the classes' counts
 * and zeroes them; a class whose count becomes 0 goes on the zombie list.
 * Only with the world stopped, or with no other thread left. */
void typeref_merge_stopped(void);
/* How many classes hold an index now (for tests and statistics). */
size_t typeref_registered(void);

/* An instance of `type` (index `ix`) is being made by thread `ts`. */
static inline void typeref_incref(TrThread *ts, uint32_t ix, TrObject *type) {
    if (TR_BIASED_RC && ix && ts && (ix < ts->ntype_refs || typeref_grow(ts, ix) == 0)) {
        ts->type_refs[ix]++;
        return;
    }
    tr_incref(type);
}

/* An instance of `type` (index `ix`) was released by thread `ts` (NULL when
 * none is attached). */
static inline void typeref_decref(TrThread *ts, uint32_t ix, TrObject *type) {
    if (!TR_BIASED_RC || !ix) {
        tr_decref(type);
    } else if (ts && (ix < ts->ntype_refs || typeref_grow(ts, ix) == 0)) {
        ts->type_refs[ix]--;
    } else {
        typeref_dec_orphan(ix);
    }
}

#endif
