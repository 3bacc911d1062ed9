/* threads/critical.h: the inline fast paths of critical sections (the
 * TR_BEGIN_CRITICAL / TR_END_CRITICAL macros of threads/gil.h in the no-GIL
 * build).  An uncontended section costs one CAS to lock, one to unlock and a
 * push/pop of the thread's section stack; anything else (the lock is taken,
 * waiters are parked, a two-object section, an enclosing section to re-lock)
 * goes to critical_begin / critical_end in threads/lock.c, which keep the
 * rules: a thread about to block releases the locks of its open sections
 * first (PEP 703), and only the innermost section is re-locked.
 * Threads: `ts` is the calling thread; its section stack is owner only. */
#ifndef TORII_THREADS_CRITICAL_H
#define TORII_THREADS_CRITICAL_H

#include "torii/object.h"
#include "torii/thread.h"
#include "threads/lock.h"

static inline void critical_begin_fast(TrThread *ts, TrCritical *c, TrObject *o) {
    TrCritical *top = ts->critical;
    if (top && top->active && (top->a == o || top->b == o)) {
        c->a = c->b = NULL;          /* the enclosing section keeps `o` locked */
        return;
    }
    if (__builtin_expect(atomic_cas_u8_acquire(&o->ob_mutex, 0, TR_MUTEX_LOCKED) == 0, 1)) {
        c->a = o;
        c->b = NULL;
        c->active = 1;
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
