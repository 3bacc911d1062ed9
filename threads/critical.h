/* threads/critical.h: the inline fast paths of critical sections (the
 * TR_BEGIN_CRITICAL / TR_END_CRITICAL macros of threads/gil.h in the no-GIL
 * build).  An uncontended section costs one CAS to lock, one to unlock and a
 * push/pop of the thread's section stack; anything else (the lock is taken,
 * waiters are parked, a two-object section, an enclosing section to re-lock)
 * goes to critical_begin / critical_end in threads/lock.c, which keep the
 * rules: a thread about to block releases the locks of its open sections
 * first (PEP 703), and only the innermost section is re-locked.
 * Lone thread: while the process has one thread state (`lock_lone`), a
 * section holds its object without touching the lock (`elided`): no other
 * thread exists to exclude.  The rules for leaving that state are in
 * threads/lock.c.
 * Threads: `ts` is the calling thread; its section stack is owner only. */
#ifndef TORII_THREADS_CRITICAL_H
#define TORII_THREADS_CRITICAL_H

#include "torii/object.h"
#include "torii/thread.h"
#include "threads/lock.h"

/* threads/lock.c, "Lone thread": 1 while exactly one thread state exists;
 * the number of elided sections open (the lone thread's). */
extern uint32_t lock_lone, lock_elided;

/* 1 if the caller, the lone thread, may elide the section it opens (counted
 * in lock_elided); 0: take the lock.  Multi-threaded, one load of a line
 * nobody writes. */
static inline int critical_try_elide(void) {
    if (!atomic_load_u32_relaxed(&lock_lone)) return 0;
    uint32_t n = atomic_load_u32_relaxed(&lock_elided);
    atomic_store_u32_relaxed(&lock_elided, n + 1);
    /* Re-read after counting: a thread ending the lone state from outside
     * (lock_end_lone_foreign) clears the flag, fences every thread
     * (membarrier), then waits for the count to fall to 0.  Either it sees
     * our count or we see the cleared flag.  acquire: pairs with the release
     * store that set the flag when the last other state went. */
    if (atomic_load_u32_acquire(&lock_lone)) return 1;
    atomic_store_u32_release(&lock_elided, n);
    return 0;
}

/* Closes an elided section.  release: what it wrote is visible to the
 * thread that sees the count fall. */
static inline void critical_unelide(void) {
    atomic_store_u32_release(&lock_elided, atomic_load_u32_relaxed(&lock_elided) - 1);
}

static inline void critical_begin_fast(TrThread *ts, TrCritical *c, TrObject *o) {
    TrCritical *top = ts->critical;
    if (top && top->active && (top->a == o || top->b == o)) {
        c->a = c->b = NULL;          /* the enclosing section keeps `o` locked */
        return;
    }
    int lone = critical_try_elide();
    if (__builtin_expect(lone || atomic_cas_u8_acquire(&o->ob_mutex, 0, TR_MUTEX_LOCKED) == 0, 1)) {
        c->a = o;
        c->b = NULL;
        c->active = 1;
        c->elided = lone;
        c->prev = top;
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdangling-pointer"   /* popped by critical_end_fast in the same scope */
#endif
        ts->critical = c;
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#pragma GCC diagnostic pop
#endif
        return;
    }
    critical_begin(ts, c, o);
}

static inline void critical_end_fast(TrThread *ts, TrCritical *c) {
    if (!c->a) return;
    /* release: pairs with the acquire CAS of the next locker */
    if (c->active && c->elided) {
        critical_unelide();
        TrCritical *p = c->prev;
        ts->critical = p;
        if (p && !p->active) lock_resume_critical(ts);
        return;
    }
    if (__builtin_expect(c->active && !c->b &&
                         atomic_cas_u8_release(&c->a->ob_mutex, TR_MUTEX_LOCKED, 0) == TR_MUTEX_LOCKED, 1)) {
        TrCritical *p = c->prev;
        ts->critical = p;
        if (p && !p->active) lock_resume_critical(ts);
        return;
    }
    critical_end(ts, c);
}

#endif
