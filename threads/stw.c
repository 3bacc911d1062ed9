/* threads/stw.c: stop-the-world.
 *
 * Design.  A stop is a global flag `active` plus the identity of its
 * requester.  The requester sets `active`, then repeatedly scans the thread
 * list: every other thread that is ATTACHED gets TR_EB_STOP on its eval
 * breaker; the stop is complete when every other thread is SUSPENDED (parked
 * in stw_park, called from its eval-breaker check) or DETACHED.  A thread only
 * checks its eval breaker between bytecodes, where it holds no object lock
 * (critical sections never span bytecodes) and every stack ref it holds is in
 * a frame slot, so a stopped thread's frames can be read by the requester.
 *
 * Attaching during a stop: gil.c's attach stores ATTACHED, passes a full
 * fence, then loads `active` (stw_check_attach); the requester stores
 * `active`, passes a full fence, then loads each thread's state.  One of the
 * two sees the other: either the requester sees ATTACHED and waits for that
 * thread, or the thread sees `active`, goes back to DETACHED and waits under
 * `mu` for the restart.  Detaching during a stop wakes the requester the same
 * way (stw_check_detach), so it never sleeps on a thread that has left.
 *
 * A parked thread leaves the SUSPENDED state only under `mu` and only when no
 * stop is active, and a requester sets `active` only under `mu`: so a thread
 * counted as stopped stays stopped for the whole stop, including a second
 * stop that begins right after the first (a thread waiting to request parks
 * as a stopped thread of the running stop, then takes over).
 *
 * The GIL build: the requester holds the GIL, so every other thread is
 * detached or waiting for the GIL at an eval-breaker check; stopping does
 * nothing there (TR_GIL_ENABLED).
 *
 * Each stop names its reason; with the contention report on, the requester
 * counts the pause from its request to stw_start (threads/contention.h).
 *
 * Threads: `active` is atomic (read without `mu`); `requester`, `changes`,
 * `reason` and `started_ns` are guarded by `mu`; threads' `state` fields are atomic (threads/gil.c).
 * Lock order: `mu` is a leaf; the requester takes tr_runtime.lock (to walk the
 * thread list) with no other lock held.  No object lock is taken by any code
 * here, so a stop cannot deadlock with critical sections.
 */
#include <pthread.h>
#include <time.h>

#include "threads/stw.h"
#include "threads/gil.h"
#include "threads/lock.h"
#include "threads/qsbr.h"
#include "threads/contention.h"

static struct {
    pthread_mutex_t mu;
    pthread_cond_t cond;          /* broadcast on every change of the below */
    uint32_t active;              /* atomic; written under mu */
    TrThread *requester;          /* guarded by mu */
    uint64_t changes;             /* guarded by mu: thread parked, detached or stop ended */
    const char *reason;           /* guarded by mu: why the running stop was asked for */
    int64_t started_ns;           /* guarded by mu: when it was asked for (report on only) */
} stw = { .mu = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER };

int stw_in_progress(void) { return atomic_load_u32_acquire(&stw.active) != 0; }

static void notify_locked(void) {
    stw.changes++;
    pthread_cond_broadcast(&stw.cond);
}

/* Under mu: `ts` is stopped (state `as_state` meanwhile) until no stop runs. */
static void wait_stopped_locked(TrThread *ts, uint32_t as_state) {
    atomic_store_u32_release(&ts->state, as_state);
    notify_locked();
    while (atomic_load_u32_relaxed(&stw.active))
        pthread_cond_wait(&stw.cond, &stw.mu);
    atomic_store_u32_release(&ts->state, TR_THREAD_ATTACHED);
}

void stw_park(TrThread *ts) {
    atomic_and_not_u32(&ts->eval_breaker, TR_EB_STOP);
    if (!atomic_load_u32_acquire(&stw.active)) return;   /* stale request */
    pthread_mutex_lock(&stw.mu);
    if (atomic_load_u32_relaxed(&stw.active) && stw.requester != ts)
        wait_stopped_locked(ts, TR_THREAD_SUSPENDED);
    pthread_mutex_unlock(&stw.mu);
}

void stw_check_attach(TrThread *ts) {
    if (!atomic_load_u32_acquire(&stw.active)) return;
    pthread_mutex_lock(&stw.mu);
    if (atomic_load_u32_relaxed(&stw.active) && stw.requester != ts) {
        qsbr_detach(ts);
        wait_stopped_locked(ts, TR_THREAD_DETACHED);
        pthread_mutex_unlock(&stw.mu);
        qsbr_attach(ts);
        return;
    }
    pthread_mutex_unlock(&stw.mu);
}

void stw_check_detach(TrThread *ts) {
    (void)ts;
    if (!atomic_load_u32_acquire(&stw.active)) return;
    pthread_mutex_lock(&stw.mu);
    notify_locked();
    pthread_mutex_unlock(&stw.mu);
}

/* Asks every other attached thread to stop.  Returns how many still run. */
static size_t request_others(TrThread *ts) {
    size_t running = 0;
    mutex_lock(&tr_runtime.lock);
    for (TrThread *t = tr_runtime.threads; t; t = t->next) {
        if (t == ts) continue;
        /* acquire: pairs with the release store of DETACHED / SUSPENDED, so
         * the requester sees the frames that thread left behind */
        if (atomic_load_u32_acquire(&t->state) == TR_THREAD_ATTACHED) {
            if (!(atomic_load_u32_relaxed(&t->eval_breaker) & TR_EB_STOP))
                atomic_or_u32(&t->eval_breaker, TR_EB_STOP);
            running++;
        }
    }
    mutex_unlock(&tr_runtime.lock);
    return running;
}

void stw_stop(TrThread *ts, const char *reason) {
    if (TR_GIL_ENABLED) return;
    int64_t asked = contention_on ? lock_now_ns() : 0;
    atomic_and_not_u32(&ts->eval_breaker, TR_EB_STOP);
    pthread_mutex_lock(&stw.mu);
    /* Another stop runs: be one of its stopped threads, then take over. */
    if (atomic_load_u32_relaxed(&stw.active))
        wait_stopped_locked(ts, TR_THREAD_SUSPENDED);
    stw.requester = ts;
    stw.reason = reason;
    stw.started_ns = asked;
    atomic_store_u32_release(&stw.active, 1);
    pthread_mutex_unlock(&stw.mu);
    /* Full fence: `active` is visible before we read any thread's state
     * (the attach side does the mirror image; see the header comment). */
    atomic_fence();
    for (;;) {
        pthread_mutex_lock(&stw.mu);
        uint64_t seen = stw.changes;
        pthread_mutex_unlock(&stw.mu);
        if (request_others(ts) == 0) break;
        pthread_mutex_lock(&stw.mu);
        if (stw.changes == seen) {
            /* A bounded wait: the scan is repeated anyway. */
            struct timespec t;
            clock_gettime(CLOCK_REALTIME, &t);
            t.tv_nsec += 1000000;
            if (t.tv_nsec >= 1000000000) { t.tv_sec++; t.tv_nsec -= 1000000000; }
            pthread_cond_timedwait(&stw.cond, &stw.mu, &t);
        }
        pthread_mutex_unlock(&stw.mu);
    }
}

void stw_start(TrThread *ts) {
    if (TR_GIL_ENABLED) return;
    const char *reason = NULL;
    int64_t started = 0;
    pthread_mutex_lock(&stw.mu);
    if (stw.requester == ts) {
        reason = stw.reason;
        started = stw.started_ns;
        stw.requester = NULL;
        atomic_store_u32_release(&stw.active, 0);
        notify_locked();
    }
    pthread_mutex_unlock(&stw.mu);
    if (__builtin_expect(contention_on, 0) && reason)
        contention_stw(ts, reason, lock_now_ns() - started);
}
