/* threads/qsbr.h: quiescent-state-based reclamation for memory that other
 * threads read without a lock (list item arrays, dict tables).  See qsbr.c. */
#ifndef TORII_THREADS_QSBR_H
#define TORII_THREADS_QSBR_H

#include <stddef.h>
#include <stdint.h>
struct TrThread;
struct TrObject;

/* Frees `mem` (from malloc) once every attached thread has passed a
 * quiescent state: call it after unlinking `mem` from every shared
 * structure.  May be called while holding object locks (it never frees
 * anything itself).  Cannot fail (on MemoryError `mem` is leaked). */
void qsbr_free_later(struct TrThread *ts, void *mem);
/* Drops references to objs[0..n) (consumed; immediates and immortals need
 * nothing and are skipped) once every attached thread has passed a quiescent state:
 * for items taken out of a list that its owner may be reading without the
 * lock (objects/list.c).  May be called while holding object locks.  Cannot
 * fail (on MemoryError the references are leaked). */
void qsbr_decref_later_n(struct TrThread *ts, struct TrObject *const *objs, size_t n);
/* Whether the thread with id `id` (an `ob_tid`) may be attached, i.e. may
 * be reading shared memory without a lock.  0 means it is detached or gone
 * and every read it made comes before the caller's next step; for a thread
 * that attaches later to miss nothing, the caller must have published its
 * change and issued a full fence (atomic_fence) before asking: the attach
 * side mirrors it.  Lock-free, never blocks. */
int qsbr_may_be_attached(uintptr_t id);
/* Waits, spinning, at most `max_ns` for the thread with id `id` to be
 * detached or to pass a quiescent point: 1 if it did (every read it made
 * before comes before the caller's next step, and its later reads see what
 * the caller published before a full fence), 0 on time-out or when the
 * thread's slot is shared and its progress cannot be told.  The caller
 * should be detached meanwhile (it is not at a safe point). */
int qsbr_wait_quiescent(uintptr_t id, int64_t max_ns);
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
/* Drops every pending object reference of every thread now (gc.collect):
 * stops the world, in which every thread is at a quiescent point, takes the
 * references, restarts it, then drops them.  No object lock may be held. */
void qsbr_drop_stopped(struct TrThread *ts);
/* At interpreter exit, with no other thread running: frees everything. */
void qsbr_free_all(struct TrThread *ts);
/* Entries waiting on `ts` (tests). */
size_t qsbr_pending_count(struct TrThread *ts);

#endif
