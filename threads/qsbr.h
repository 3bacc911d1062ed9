/* threads/qsbr.h: quiescent-state-based reclamation for memory that other
 * threads read without a lock (list item arrays, dict tables).  See qsbr.c. */
#ifndef TORII_THREADS_QSBR_H
#define TORII_THREADS_QSBR_H

#include <stdint.h>
struct TrThread;

/* Frees `mem` (from malloc) once every attached thread has passed a
 * quiescent state: call it after unlinking `mem` from every shared
 * structure.  May be called while holding object locks (it never frees
 * anything itself).  Cannot fail (on MemoryError `mem` is leaked). */
void qsbr_free_later(struct TrThread *ts, void *mem);
/* `ts` is at a quiescent point (holds no pointer into shared lock-free
 * memory): publishes that and, when enough is pending, frees what every
 * thread has now passed.  Called at the VM's periodic eval-breaker check;
 * cheap when nothing is pending.  No object lock may be held. */
void qsbr_quiescent(struct TrThread *ts);
/* Thread-state transitions (threads/gil.c): a detached thread counts as
 * quiescent forever; attaching publishes the current sequence with a full
 * barrier before the thread reads any shared structure. */
void qsbr_detach(struct TrThread *ts);
void qsbr_attach(struct TrThread *ts);
/* At thread exit: frees what it can, hands the rest to the global leftover
 * list (freed later by other threads' qsbr_quiescent).  `ts` must be
 * detached or about to leave the thread list. */
void qsbr_thread_exit(struct TrThread *ts);
/* At interpreter exit, with no other thread running: frees everything. */
void qsbr_free_all(struct TrThread *ts);
/* Entries waiting on `ts` (tests). */
size_t qsbr_pending_count(struct TrThread *ts);

#endif
