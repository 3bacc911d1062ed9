/* threads/brc.h: biased reference counting, the parts beyond the inline fast
 * paths in torii/object.h (brc_incref_shared, brc_decref_shared and
 * brc_local_zero are declared there).  See brc.c for the design. */
#ifndef TORII_THREADS_BRC_H
#define TORII_THREADS_BRC_H

#include "torii/object.h"
#include "torii/thread.h"

/* Enters `ts` (its `id` set) in the table of live owners, so that other
 * threads can queue objects for it.  Called by tstate_attach.  Cannot fail. */
void brc_register_thread(TrThread *ts);
/* Merges `ts`'s queue until it is empty and removes `ts` from the table.
 * Afterwards `ts` must not touch any reference count: other threads now treat
 * its objects as abandoned and merge them themselves.  Called by tstate_exit. */
void brc_unregister_thread(TrThread *ts);
/* The owner drains its merge queue (TR_EB_BRC_MERGE): each object's local and
 * shared counts are merged into the shared field (state MERGED, ob_tid 0),
 * dropping the reference the queue held; objects whose total is 0 are freed.
 * Must run on `ts`'s own thread.  Cannot fail. */
void brc_merge_queue(TrThread *ts);
/* Called by tr_dealloc for a TR_FLAG_DEFERRED object whose counted references
 * reached 0: stashes it on the global zombie list (an uncounted stack
 * reference may still point at it).  Any thread.  Cannot fail (on
 * MemoryError the object is leaked, which is safe). */
void brc_defer_free(TrObject *o);
/* Frees every zombie whose count is still 0 (running its type's dealloc with
 * `ts`), repeating until the list is empty.  Only safe when no other thread
 * can hold an uncounted reference: at interpreter exit after all other
 * threads ended (the final pass). */
void brc_reclaim_deferred(TrThread *ts);
/* The TR_EB_RECLAIM handler: clears the bit and, if the zombie list is still
 * at its limit, runs brc_reclaim_pass.  Returns the number freed. */
size_t brc_reclaim_running(TrThread *ts);
/* One reclaim pass during the run: stops the world, marks the zombies that
 * any thread's frames reference (vm_visit_stack_refs), restarts the world and
 * frees the zombies neither marked nor counted again; the others stay listed,
 * and the next pass is asked for at twice their number (at least 1024).  `ts`
 * must be attached, between bytecodes, with no lock held (the eval breaker).
 * Returns the number of objects freed.  Cannot fail. */
size_t brc_reclaim_pass(TrThread *ts);
/* Adds `delta` (either sign) to `o`'s true count, with the world stopped
 * (or no other thread left): used to fold per-thread class counts
 * (threads/typeref.c).  The object ends MERGED (or stays QUEUED); one whose
 * count becomes 0 goes on the zombie list, whose pass decides.  Cannot fail. */
void brc_fold_stopped(TrObject *o, intptr_t delta);
/* Zombies waiting for brc_reclaim_deferred (for tests and statistics). */
size_t brc_deferred_count(void);

#endif
