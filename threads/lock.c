/* threads/lock.c: the one-byte mutex (TrMutex) and PEP 703 critical sections.
 *
 * Mutex: fast path one CAS 0 -> LOCKED.  Slow path: spin about 40 times
 * (yielding the CPU) while nobody is parked; then set PARKED and sleep in the
 * parking lot (parking.c).  Unlock: CAS LOCKED -> 0; if PARKED is set, the
 * parking lot wakes one waiter and, when that waiter has waited more than
 * 1 ms, hands it the lock directly (the byte never becomes free), so a steady
 * stream of spinners cannot starve a sleeper.  A sleeper re-checks the byte
 * at least every PARK_RECHECK_NS, so a wake that was owed (below) and not yet
 * paid delays it by that much at most.
 *
 * Tenure (Python locks only: mutex_unlock_owing): a thread that releases a
 * lock it took itself, with a waiter parked, does not wake the waiter at
 * once; it owes the wake (`ts->owed_*`, one per thread).  If it takes the
 * lock again before its next periodic check (a loop around `with lock:`),
 * the waiter sleeps on, as under a GIL, until the releaser has had the lock
 * TENURE_NS: then its next release hands the lock to the waiter directly.
 * Otherwise the wake is paid at that check, or before the thread blocks or
 * exits (lock_pay_owed).  Waking a waiter on every release of a lock that is
 * taken again at once costs a futex wake, a context switch and a failed
 * retry per wake: it made two threads counting under one lock slower than
 * one thread doing both halves.
 *
 * Critical sections: each thread keeps a stack of TrCritical records (on the
 * C stack of the code that opened them), innermost at `ts->critical`.
 *   - A section whose object the innermost active section already holds is a
 *     no-op (not pushed): re-entrant use of one container does not deadlock.
 *   - If taking a section's lock would block, every open section of the thread
 *     is suspended (its locks released) first: a thread never waits for a lock
 *     while holding another section's lock, so no lock-order cycle can form.
 *   - Around blocking calls the thread suspends all its sections
 *     (lock_suspend_critical) and on return re-locks only the innermost;
 *     critical_end re-locks the next one when it becomes innermost.
 * Invariant: the active sections of a thread are a top segment of its stack.
 *
 * Lone thread: while the process has exactly one thread state (`lock_lone`,
 * kept by threads/tstate.c under tr_runtime.lock), sections are elided:
 * pushed and popped as usual, `elided` set, the lock byte untouched (two
 * atomic read-modify-writes saved per section: most of a list store's cost
 * on one thread).  Nothing else can take the lock meanwhile: every locker is
 * a thread with a state.  `lock_elided` counts the open elided sections.
 * Leaving the state:
 *   - A second state made by an attached thread (threading's start): that
 *     thread is the lone one.  It clears the flag, then turns its own open
 *     sections into real ones (lock_end_lone: suspend all, re-lock the
 *     innermost) before the new thread can run.
 *   - A state made by a thread with none (a C library's thread attaching,
 *     core/capi.c): that thread clears the flag, runs membarrier(2) (a full
 *     fence on every thread of the process: the lone thread either counted
 *     its section before it, or reads the cleared flag after it and locks;
 *     see critical_try_elide) and waits until the count is 0.  Sections are
 *     short (they never span bytecodes) and a suspended one is not counted.
 *   - When the states fall back to one, the flag is set again (release,
 *     after the leaving thread's last unlock); the remaining thread's real
 *     sections unlock as they were taken.
 * Where membarrier is refused (a kernel before 4.14, a seccomp filter) the
 * lone state is never entered.
 * Contention report (threads/contention.h): a section whose try failed is
 * timed and counted (lock_contended) when `contention_on`; the fast path and
 * a free lock are never timed.
 * Threads: `ts->critical` and each record's fields are owner-only.
 * Lock order: two-object sections lock in address order; the parking-lot
 * bucket lock is a leaf.
 */
#include <assert.h>
#include <sched.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/membarrier.h>

#include "threads/lock.h"
#include "threads/contention.h"
#include "torii/object.h"
#include "torii/thread.h"

#define SPIN_COUNT 40
#define HANDOFF_AFTER_NS 1000000   /* 1 ms */
#define TENURE_NS 5000000          /* 5 ms, a GIL's switch interval */
#define PARK_RECHECK_NS 5000000    /* 5 ms */

uint32_t lock_lone;     /* atomic: see "Lone thread" above */
uint32_t lock_elided;   /* atomic: written by the lone thread only */
static int membarrier_ok = -1;   /* under tr_runtime.lock (lock_set_lone's callers) */

/* `parked` (may be NULL) is set to 1 if the thread slept in the lot. */
static int lock_slow(uint8_t *m, int64_t timeout_ns, int *parked) {
    int64_t start = -1, deadline = -1;
    int spins = 0;
    for (;;) {
        uint8_t v = atomic_load_u8_relaxed(m);
        if (!(v & TR_MUTEX_LOCKED)) {
            /* acquire: pairs with the release CAS in mutex_unlock */
            if (atomic_cas_u8_acquire(m, v, (uint8_t)(v | TR_MUTEX_LOCKED)) == v) return 1;
            continue;
        }
        if (timeout_ns == 0) return 0;
        if (start < 0) {
            start = lock_now_ns();
            deadline = timeout_ns > 0 ? start + timeout_ns : -1;
        }
        if (!(v & TR_MUTEX_PARKED) && spins < SPIN_COUNT) {
            spins++;
            sched_yield();
            continue;
        }
        if (deadline >= 0 && lock_now_ns() >= deadline) return 0;
        if (!(v & TR_MUTEX_PARKED)) {
            if (atomic_cas_u8(m, v, (uint8_t)(v | TR_MUTEX_PARKED)) != v) continue;
            v |= TR_MUTEX_PARKED;
        }
        if (parked) *parked = 1;
        int64_t until = lock_now_ns() + PARK_RECHECK_NS;
        if (deadline >= 0 && deadline < until) until = deadline;
        if (parking_park(m, v, until, start + HANDOFF_AFTER_NS) == PARK_HANDOFF) return 1;
        /* Woken, timed out or the byte changed: look again. */
    }
}

int mutex_lock_timed(uint8_t *m, int64_t timeout_ns) {
    if (atomic_cas_u8_acquire(m, 0, TR_MUTEX_LOCKED) == 0) return 1;
    return lock_slow(m, timeout_ns, NULL);
}

int mutex_lock_timed_parked(uint8_t *m, int64_t timeout_ns, int *parked) {
    if (atomic_cas_u8_acquire(m, 0, TR_MUTEX_LOCKED) == 0) return 1;
    return lock_slow(m, timeout_ns, parked);
}

void mutex_lock(uint8_t *m) {
    if (atomic_cas_u8_acquire(m, 0, TR_MUTEX_LOCKED) == 0) return;
    lock_slow(m, -1, NULL);
}

int mutex_trylock(uint8_t *m) {
    uint8_t v = atomic_load_u8_relaxed(m);
    while (!(v & TR_MUTEX_LOCKED)) {
        uint8_t seen = atomic_cas_u8_acquire(m, v, (uint8_t)(v | TR_MUTEX_LOCKED));
        if (seen == v) return 1;
        v = seen;
    }
    return 0;
}

void mutex_unlock(uint8_t *m) {
    /* release: pairs with the acquire CAS of the next locker */
    uint8_t v = atomic_cas_u8_release(m, TR_MUTEX_LOCKED, 0);
    if (v == TR_MUTEX_LOCKED) return;
    assert((v & TR_MUTEX_LOCKED) && "mutex_unlock of an unlocked mutex");
    parking_unpark_mutex(m);
}

/* ---- tenure: owed wakes -------------------------------------------------- */

/* Clears LOCKED and keeps PARKED: the parked waiters sleep on. */
static void unlock_keep_parked(uint8_t *m) {
    uint8_t old = atomic_load_u8_relaxed(m);
    for (;;) {
        /* release: pairs with the acquire CAS of the next locker */
        uint8_t seen = atomic_cas_u8_release(m, old, (uint8_t)(old & ~TR_MUTEX_LOCKED));
        if (seen == old) return;
        old = seen;
    }
}

static void drop_owed(TrThread *ts) {
    TrObject *o = ts->owed_obj;
    ts->owed_mutex = NULL;
    ts->owed_obj = NULL;
    tr_decref(o);
}

void mutex_unlock_owing(TrThread *ts, TrObject *holder, uint8_t *m) {
    if (TR_GIL_ENABLED || !ts) {
        mutex_unlock(m);
        return;
    }
    if (ts->owed_mutex != m) {
        /* release: pairs with the acquire CAS of the next locker */
        if (atomic_cas_u8_release(m, TR_MUTEX_LOCKED, 0) == TR_MUTEX_LOCKED) return;
    } else {
        /* taken again since: the waiter sleeps on until our tenure ends */
        ts->owed_reuses++;
        if ((ts->owed_reuses & 15) != 0 || lock_now_ns() - ts->owed_since < TENURE_NS) {
            unlock_keep_parked(m);
            return;
        }
        drop_owed(ts);
        mutex_unlock(m);   /* the waiter has waited TENURE_NS: handed the lock */
        return;
    }
    /* a waiter is parked (else the CAS above released the lock) */
    if (ts->owed_mutex) {  /* one owed wake per thread: this one is paid now */
        mutex_unlock(m);
        return;
    }
    tr_incref(holder);
    ts->owed_obj = holder;
    ts->owed_mutex = m;
    ts->owed_since = lock_now_ns();
    ts->owed_reuses = 0;
    unlock_keep_parked(m);
}

void lock_pay_owed(TrThread *ts, int now) {
    uint8_t *m = ts->owed_mutex;
    if (!m) return;
    if (!now && ts->owed_reuses) {
        /* a loop is taking the lock again and again: keep the tenure */
        ts->owed_reuses = 0;
        if (lock_now_ns() - ts->owed_since < TENURE_NS) return;
        /* past it: if we hold the lock now, our next release hands it over */
        if (atomic_load_u8_relaxed(m) & TR_MUTEX_LOCKED) return;
    }
    parking_unpark_one(m);
    drop_owed(ts);
}

/* ---- critical sections ------------------------------------------------ */

static void lock_section(TrCritical *c) {
    c->elided = critical_try_elide();
    if (!c->elided) {
        mutex_lock(&c->a->ob_mutex);
        if (c->b) mutex_lock(&c->b->ob_mutex);
    }
    c->active = 1;
}

static void unlock_section(TrCritical *c) {
    if (c->elided) {
        critical_unelide();
    } else {
        if (c->b) mutex_unlock(&c->b->ob_mutex);
        mutex_unlock(&c->a->ob_mutex);
    }
    c->active = 0;
    c->elided = 0;
}

void lock_set_lone(int on) {
    if (membarrier_ok < 0)
        membarrier_ok = syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0) == 0;
    /* release: pairs with critical_try_elide's acquire load */
    atomic_store_u32_release(&lock_lone, on && membarrier_ok ? 1u : 0u);
}

void lock_end_lone(TrThread *ts) {
    lock_suspend_critical(ts);
    lock_resume_critical(ts);
}

void lock_end_lone_foreign(void) {
    if (membarrier_ok != 1) return;   /* the state was never entered */
    syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0);
    /* acquire: pairs with critical_unelide, so the lone thread's writes in
     * its sections are visible to us */
    while (atomic_load_u32_acquire(&lock_elided) != 0) sched_yield();
}

void lock_suspend_critical(TrThread *ts) {
    for (TrCritical *c = ts->critical; c && c->active; c = c->prev)
        unlock_section(c);
}

void lock_resume_critical(TrThread *ts) {
    TrCritical *top = ts->critical;
    /* Only the innermost is re-locked, with nothing else held: it cannot
     * deadlock against another thread's sections. */
    if (top && !top->active) lock_section(top);
}

/* Locks `o` for a critical section after a failed try (the slow path):
 * with the report on, the wait is timed and counted at the current line. */
static void lock_contended(TrThread *ts, TrObject *o) {
    if (__builtin_expect(!contention_on, 1)) {
        mutex_lock(&o->ob_mutex);
        return;
    }
    int64_t start = lock_now_ns();
    int parked = 0;
    mutex_lock_timed_parked(&o->ob_mutex, -1, &parked);
    contention_lock_wait(ts, o, NULL, lock_now_ns() - start, parked);
}

static void push(TrThread *ts, TrCritical *c) {
    c->active = 1;
    c->elided = 0;
    c->prev = ts->critical;
    ts->critical = c;
}

static int top_holds(TrThread *ts, TrObject *o) {
    TrCritical *top = ts->critical;
    return top && top->active && (top->a == o || top->b == o);
}

void critical_begin(TrThread *ts, TrCritical *c, TrObject *o) {
    c->b = NULL;
    if (top_holds(ts, o)) {
        c->a = NULL;   /* no-op section: the enclosing one keeps `o` locked */
        return;
    }
    c->a = o;
    if (critical_try_elide()) {
        push(ts, c);
        c->elided = 1;
        return;
    }
    if (!mutex_trylock(&o->ob_mutex)) {
        /* Would block: release everything we hold first (PEP 703). */
        lock_suspend_critical(ts);
        lock_contended(ts, o);
    }
    push(ts, c);
}

void critical_begin2(TrThread *ts, TrCritical *c, TrObject *a, TrObject *b) {
    if (a == b) {
        critical_begin(ts, c, a);
        return;
    }
    TrObject *lo = (uintptr_t)a < (uintptr_t)b ? a : b;
    TrObject *hi = lo == a ? b : a;
    if (top_holds(ts, lo) && top_holds(ts, hi)) {
        c->a = c->b = NULL;
        return;
    }
    c->a = lo;
    c->b = hi;
    if (critical_try_elide()) {
        push(ts, c);
        c->elided = 1;
        return;
    }
    if (mutex_trylock(&lo->ob_mutex)) {
        if (!mutex_trylock(&hi->ob_mutex)) {
            /* Holding `lo` (lower address) while waiting for `hi` is the
             * address order every two-object section uses. */
            lock_suspend_critical(ts);
            lock_contended(ts, hi);
        }
    } else {
        lock_suspend_critical(ts);
        lock_contended(ts, lo);
        if (!mutex_trylock(&hi->ob_mutex)) lock_contended(ts, hi);
    }
    push(ts, c);
}

void critical_end(TrThread *ts, TrCritical *c) {
    if (!c->a) return;   /* a no-op section */
    assert(ts->critical == c && "critical sections ended out of order");
    if (c->active) unlock_section(c);
    ts->critical = c->prev;
    lock_resume_critical(ts);
}

int lock_is_held_by_me(TrObject *o) {
    TrThread *ts = tr_thread_current();
    if (!ts) return 0;
    for (TrCritical *c = ts->critical; c && c->active; c = c->prev)
        if (c->a == o || c->b == o) return 1;
    return 0;
}
