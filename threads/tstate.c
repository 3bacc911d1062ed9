/* threads/tstate.c: thread states and the runtime global.
 *
 * Life of a TrThread: tstate_new (any thread; id from a global counter, never
 * reused) -> tstate_attach (on its own OS thread: current pointer, BRC owner
 * table, thread list, GIL) -> running -> tstate_exit (on its own thread).
 * Once tstate_exit has left the BRC owner table, the struct is referenced by
 * nothing (the GIL holder pointer is cleared by gil_release, the thread list
 * entry is removed under tr_runtime.lock, threading's handle does not point
 * to it), so it is freed at once; objects that still carry its id are
 * recognised as orphans by brc.c because the id is no longer in the table.
 * Threads: `tr_runtime.threads`/`nthreads` guarded by `tr_runtime.lock`;
 * `current` and `tr_tls_tid` are thread-local.
 * Lock order: tr_runtime.lock is taken with no object lock held.
 */
#include <stdlib.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "threads/tstate.h"
#include "core/vm.h"
#include "threads/brc.h"
#include "threads/typeref.h"
#include "threads/qsbr.h"
#include "threads/lock.h"
#include "threads/blocks.h"
#include "threads/gc.h"
#include "threads/stw.h"
#include "threads/lock.h"
#include "threads/signals.h"
#include "threads/contention.h"
#include "threads/race.h"
#include "torii/error.h"

TrRuntime tr_runtime;
__thread uintptr_t tr_tls_tid;
static __thread TrThread *current;
static uint64_t next_id = 1;      /* atomic */

#define DEFAULT_RECURSION_LIMIT 1000

TrThread *tr_thread_current(void) { return current; }

/* Counts a state in or out and keeps the lone-thread state of threads/lock.c
 * ("Lone thread"); returns the count. */
static size_t count_state(int delta) {
    mutex_lock(&tr_runtime.lock);
    size_t n = tr_runtime.nstates += (size_t)(ssize_t)delta;
    lock_set_lone(n == 1);
    mutex_unlock(&tr_runtime.lock);
    return n;
}

TrThread *tstate_new(void) {
    TrThread *ts = calloc(1, sizeof *ts);
    if (!ts) return NULL;
    ts->id = (uintptr_t)atomic_add_u64(&next_id, 1);
    ts->recursion_limit = DEFAULT_RECURSION_LIMIT;
    ts->state = TR_THREAD_DETACHED;
    if (count_state(1) == 2) {
        /* we ended the lone state: the lone thread's sections must lock */
        if (current) lock_end_lone(current);   /* we are it */
        else lock_end_lone_foreign();          /* it runs elsewhere */
    }
    return ts;
}

void tstate_discard(TrThread *ts) {
    count_state(-1);
    free(ts);
}

TrThread *tstate_create_main(void) {
    gil_init();
    TrThread *ts = tstate_new();
    if (!ts) return NULL;
    tr_runtime.main_thread = ts;
    tstate_attach(ts);
    return ts;
}

void tstate_attach(TrThread *ts) {
    current = ts;
    tr_tls_tid = ts->id;
    ts->pthread = pthread_self();
    ts->ident = (unsigned long)ts->pthread;
    ts->native_id = (long)syscall(SYS_gettid);
    brc_register_thread(ts);
    mutex_lock(&tr_runtime.lock);
    ts->prev = NULL;
    ts->next = tr_runtime.threads;
    if (tr_runtime.threads) tr_runtime.threads->prev = ts;
    tr_runtime.threads = ts;
    tr_runtime.nthreads++;
    mutex_unlock(&tr_runtime.lock);
    gil_acquire(ts);
}

void tstate_exit(TrThread *ts) {
    /* Everything that may decref comes first: after brc_unregister_thread
     * this thread must not touch a count. */
    err_clear(ts);
    lock_pay_owed(ts, 1);
    TR_CLEAR(ts->handled_exc);
    TR_CLEAR(ts->thread_obj);
    TR_CLEAR(ts->asyncgen_firstiter);
    TR_CLEAR(ts->asyncgen_finalizer);
    TR_CLEAR(ts->running_loop);
    brc_unregister_thread(ts);    /* its merges may free objects, and run their callbacks and __del__ */
    gc_thread_exit(ts);           /* after the last free this thread makes as an owner */
    vm_thread_fini(ts);           /* then the frame chunks and free lists: raw memory, no counts */
    blocks_thread_fini();         /* after the thread's last free of an object's memory */
    typeref_thread_exit(ts);      /* attached still: no stop-the-world reads the array meanwhile */
    gil_release(ts);              /* detached: QSBR no longer waits for us */
    qsbr_thread_exit(ts);
    mutex_lock(&tr_runtime.lock);
    if (ts->prev) ts->prev->next = ts->next; else tr_runtime.threads = ts->next;
    if (ts->next) ts->next->prev = ts->prev;
    tr_runtime.nthreads--;
    mutex_unlock(&tr_runtime.lock);
    count_state(-1);   /* after this thread's last unlock: may restore the lone state */
    if (tr_runtime.main_thread == ts) tr_runtime.main_thread = NULL;
    current = NULL;
    tr_tls_tid = 0;
    contention_thread_exit(ts);   /* after the last count: nothing records for `ts` now */
    race_thread_exit(ts);         /* likewise: no access is checked for `ts` now */
    free(ts->brc_queue);
    free(ts);
}

void tstate_handle_eval_breaker(TrThread *ts) {
    uint32_t eb = atomic_load_u32_relaxed(&ts->eval_breaker);
    if (eb & TR_EB_BRC_MERGE) brc_merge_queue(ts);
    if (eb & TR_EB_GIL_DROP) gil_yield(ts);
    /* Parks until the world restarts (a stale bit is just cleared). */
    if (eb & TR_EB_STOP) stw_park(ts);
    if (eb & TR_EB_RECLAIM) brc_reclaim_running(ts);
    if (eb & TR_EB_GC) gc_collect_auto(ts);
    /* A signal arrived (main thread only): run its Python handler, which
     * may leave an exception (KeyboardInterrupt) pending on `ts`. */
    if (eb & TR_EB_ASYNC_EXC) {
        atomic_and_not_u32(&ts->eval_breaker, TR_EB_ASYNC_EXC);
        signal_run_pending(ts);
    }
}

size_t tstate_count(void) {
    mutex_lock(&tr_runtime.lock);
    size_t n = tr_runtime.nthreads;
    mutex_unlock(&tr_runtime.lock);
    return n;
}
