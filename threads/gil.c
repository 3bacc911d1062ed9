/* threads/gil.c: the global interpreter lock of the GIL build, and the
 * thread-state transitions (attach/detach) both builds perform.
 *
 * The GIL is a pthread mutex `mu` guarding a flag `locked`, with condition
 * variables `cond` (the GIL became free) and `switched` (someone took it).
 * A thread that waits longer than the switch interval sets TR_EB_GIL_DROP on
 * the holder's eval breaker; the holder's VM then calls gil_yield, which
 * drops the GIL and waits until `switch_number` changes (some other thread
 * took it) before competing again, so a CPU-bound thread cannot re-take the
 * GIL before the waiter wakes up.
 * With the contention report on, a take_gil that had to wait (and a
 * gil_yield's wait for the switch) is counted after `gil.mu` is dropped.
 * This file keeps both builds in one body: `with_gil` is the compile-time
 * switch, so the no-GIL build compiles the same code and discards it.
 * Threads: every field of `gil` is guarded by `gil.mu`; `holder` is the
 * attached thread that owns the GIL (it cannot exit without dropping it, so
 * a waiter may write its eval breaker under `gil.mu`).
 * attach/detach also take part in stop-the-world (threads/stw.c): a thread
 * that attaches while a stop runs waits for its end.
 * Lock order: gil.mu is a leaf except that it is never taken while holding an
 * object lock in the GIL build (critical sections are empty there).
 */
#include <pthread.h>
#include <time.h>

#include "threads/gil.h"
#include "threads/lock.h"
#include "threads/qsbr.h"
#include "threads/stw.h"
#include "threads/contention.h"
#include "torii/thread.h"

static const int with_gil = TR_WITH_GIL;

static struct {
    pthread_mutex_t mu;
    pthread_cond_t cond;          /* signalled when `locked` becomes 0 */
    pthread_cond_t switched;      /* broadcast when `switch_number` changes */
    int locked;
    TrThread *holder;
    uint64_t switch_number;       /* times the GIL was taken */
    int waiters;                  /* threads blocked in take_gil */
} gil = { .mu = PTHREAD_MUTEX_INITIALIZER };

static pthread_once_t gil_once = PTHREAD_ONCE_INIT;
static uint64_t interval_ns = 5000000;   /* atomic: sys.setswitchinterval, default 5 ms */

static void init_once(void) {
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&gil.cond, &attr);
    pthread_cond_init(&gil.switched, &attr);
    pthread_condattr_destroy(&attr);
}

void gil_init(void) {
    pthread_once(&gil_once, init_once);
    tr_runtime.switch_interval_us = atomic_load_u64_relaxed(&interval_ns) / 1000;
}

/* Takes the GIL.  `waiting_since`: when the caller began to wait for it
 * (gil_yield), or -1; with the report on, a wait is counted at the thread's
 * current line. */
static void take_gil(TrThread *ts, int64_t waiting_since) {
    pthread_once(&gil_once, init_once);
    pthread_mutex_lock(&gil.mu);
    if (gil.locked) {
        if (contention_on && waiting_since < 0) waiting_since = lock_now_ns();
        gil.waiters++;
        while (gil.locked) {
            uint64_t sn = gil.switch_number;
            int64_t deadline = lock_now_ns() + (int64_t)atomic_load_u64_relaxed(&interval_ns);
            struct timespec t = { deadline / 1000000000, deadline % 1000000000 };
            int rc = pthread_cond_timedwait(&gil.cond, &gil.mu, &t);
            /* A whole interval passed and nobody switched: ask the holder. */
            if (rc != 0 && gil.locked && gil.switch_number == sn && gil.holder)
                atomic_or_u32(&gil.holder->eval_breaker, TR_EB_GIL_DROP);
        }
        gil.waiters--;
    }
    gil.locked = 1;
    gil.holder = ts;
    gil.switch_number++;
    pthread_cond_broadcast(&gil.switched);
    /* A drop request from before we held it is stale. */
    atomic_and_not_u32(&ts->eval_breaker, TR_EB_GIL_DROP);
    pthread_mutex_unlock(&gil.mu);
    if (__builtin_expect(contention_on, 0) && waiting_since >= 0)
        contention_gil_wait(ts, lock_now_ns() - waiting_since);
}

static void drop_gil(TrThread *ts) {
    pthread_mutex_lock(&gil.mu);
    gil.locked = 0;
    gil.holder = NULL;
    pthread_cond_signal(&gil.cond);
    pthread_mutex_unlock(&gil.mu);
}

static void attach(TrThread *ts) {
    atomic_store_u32_release(&ts->state, TR_THREAD_ATTACHED);
    qsbr_attach(ts);              /* ends with a full fence */
    /* A stop-the-world in progress (no-GIL build only) makes us wait. */
    if (!with_gil) stw_check_attach(ts);
}

static void detach(TrThread *ts) {
    qsbr_detach(ts);
    atomic_store_u32_release(&ts->state, TR_THREAD_DETACHED);
    if (!with_gil) {
        /* Full fence: a stop's requester that we miss here sees DETACHED. */
        atomic_fence();
        stw_check_detach(ts);
    }
}

void gil_acquire(TrThread *ts) {
    if (with_gil) take_gil(ts, -1);
    attach(ts);
}

void gil_release(TrThread *ts) {
    detach(ts);
    if (with_gil) drop_gil(ts);
}

void gil_release_for_blocking(TrThread *ts) {
    lock_pay_owed(ts, 1);      /* a waiter left asleep must not wait for us to wake */
    lock_suspend_critical(ts);
    gil_release(ts);
}

void gil_reacquire_after_blocking(TrThread *ts) {
    gil_acquire(ts);
    lock_resume_critical(ts);
}

void gil_yield(TrThread *ts) {
    atomic_and_not_u32(&ts->eval_breaker, TR_EB_GIL_DROP);
    if (!with_gil) return;
    int64_t since = -1;
    pthread_mutex_lock(&gil.mu);
    gil.locked = 0;
    gil.holder = NULL;
    pthread_cond_signal(&gil.cond);
    /* Fairness: let a waiter actually take it before we compete again. */
    if (gil.waiters > 0) {
        if (contention_on) since = lock_now_ns();
        uint64_t sn = gil.switch_number;
        while (gil.switch_number == sn)
            pthread_cond_wait(&gil.switched, &gil.mu);
    }
    pthread_mutex_unlock(&gil.mu);
    take_gil(ts, since);
}

void gil_set_switch_interval(double seconds) {
    uint64_t ns = seconds <= 0 ? 1 : (uint64_t)(seconds * 1e9);
    if (ns == 0) ns = 1;
    atomic_store_u64_relaxed(&interval_ns, ns);
    tr_runtime.switch_interval_us = ns / 1000;
}

double gil_get_switch_interval(void) {
    return (double)atomic_load_u64_relaxed(&interval_ns) / 1e9;
}
