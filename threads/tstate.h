/* threads/tstate.h: creating, attaching and ending thread states (TrThread,
 * include/torii/thread.h), and the eval-breaker dispatch the VM calls. */
#ifndef TORII_THREADS_TSTATE_H
#define TORII_THREADS_TSTATE_H

#include "torii/thread.h"

/* The first call of runtime_init (after gil_init): creates, registers and
 * attaches the main thread's state and takes the GIL.  NULL on MemoryError
 * (fatal). */
TrThread *tstate_create_main(void);
/* A fresh detached state with a new id, for a thread about to start (the
 * parent creates it, the child attaches it).  NULL on MemoryError (no
 * exception is set: the caller has its own `ts`). */
TrThread *tstate_new(void);
/* Frees a state from tstate_new that was never attached (a thread that did
 * not start).  Cannot fail. */
void tstate_discard(TrThread *ts);
/* Makes `ts` the calling OS thread's state: sets tr_tls_tid and the current
 * pointer, records pthread_self / the kernel tid, enters it in the BRC owner
 * table and the thread list, and takes the GIL (attaches).  Cannot fail. */
void tstate_attach(TrThread *ts);
/* Ends the calling thread's state: clears its exceptions and thread object,
 * merges its BRC queue and leaves the owner table (objects it still owns keep
 * its dead id and are merged by the next thread that needs to), hands its
 * QSBR leftovers over, leaves the thread list, drops the GIL and frees `ts`.
 * After this the OS thread must not touch any object. */
void tstate_exit(TrThread *ts);
/* The VM calls this when `ts->eval_breaker != 0`, between bytecodes with no
 * critical section open: merges the BRC queue, yields the GIL when asked to,
 * parks for a stop-the-world (threads/stw.c), runs a deferred-reclaim pass
 * (TR_EB_RECLAIM).  Cannot fail. */
void tstate_handle_eval_breaker(TrThread *ts);
/* Number of thread states in the thread list. */
size_t tstate_count(void);

/* stdlib/threading.c: waits for every non-daemon threading.Thread to finish.
 * Called by runtime_finalize on the main thread.  Cannot fail. */
void threading_shutdown(TrThread *ts);

#endif
