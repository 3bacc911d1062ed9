/* threads/gil.h: the one place where the build's GIL switch is tested.
 *
 * TR_WITH_GIL (set by CMake from -DTORII_GIL=ON) picks between the two
 * builds.  Everything else in torii uses the layer defined here:
 *
 *   TR_BIASED_RC            1: biased reference counting; 0: plain counts (GIL held)
 *   TR_BEGIN_CRITICAL(ts,o) / TR_END_CRITICAL(ts)     lock one object
 *   TR_BEGIN_CRITICAL2(ts,a,b) / TR_END_CRITICAL2(ts) lock two, address order
 *   TR_ASSERT_LOCKED(o)     debug check that the current thread holds o's lock
 *   TR_GIL_ENABLED          1 in the GIL build (sys._is_gil_enabled())
 *   TR_CRITICAL_ENTER(ts,c,o) / TR_CRITICAL_ENTER2(ts,c,a,b) / TR_CRITICAL_EXIT(ts,c)
 *                           the same sections as statements over a caller's
 *                           TrCritical `c`, for code whose begin and end are
 *                           in different functions (the C API, core/capi.c)
 *
 * With the GIL the critical sections become bare braces: the GIL already
 * serialises every bytecode, and a thread drops it only between bytecodes or
 * around blocking calls, where no critical section is open.
 */
#ifndef TORII_GIL_H
#define TORII_GIL_H

#ifndef TR_WITH_GIL
#define TR_WITH_GIL 0
#endif

struct TrThread;
struct TrObject;

/* threads/lock.c: critical sections (PEP 703).  A thread that blocks while
 * inside one releases its locks first (lock_suspend_critical) and re-takes
 * them after.  Declared in both builds (the GIL build's macros just do not
 * use them; C tests of lock.c call them directly).
 * Invariant: the active sections of a thread form the top of its stack;
 * a suspended section is re-locked only when it becomes the innermost. */
typedef struct TrCritical {
    struct TrObject *a, *b;          /* locked objects, a < b by address (b may be NULL) */
    struct TrCritical *prev;         /* enclosing section of this thread */
    int active;                      /* owner only: 1 while a (and b) are held by this section */
    int elided;                      /* owner only: held without taking the locks (lone thread) */
} TrCritical;
/* Locks `o` for this thread's section `c` (on the caller's stack) and pushes
 * `c`; if the innermost section already holds exactly `o`, does nothing. */
void critical_begin(struct TrThread *ts, TrCritical *c, struct TrObject *o);
/* Locks `a` and `b` in address order (once if a == b).  */
void critical_begin2(struct TrThread *ts, TrCritical *c, struct TrObject *a, struct TrObject *b);
/* Unlocks and pops `c`, which must be the innermost; re-locks the enclosing
 * section if it was suspended. */
void critical_end(struct TrThread *ts, TrCritical *c);
/* 1 if an active critical section of the current thread holds `o`'s lock. */
int lock_is_held_by_me(struct TrObject *o);

#if TR_WITH_GIL
#define TR_BIASED_RC 0
#define TR_GIL_ENABLED 1
#define TR_BEGIN_CRITICAL(ts, o) {
#define TR_END_CRITICAL(ts) }
#define TR_BEGIN_CRITICAL2(ts, a, b) {
#define TR_END_CRITICAL2(ts) }
#define TR_ASSERT_LOCKED(o) ((void)0)
#define TR_CRITICAL_ENTER(ts, c, o) ((void)(ts), (void)(c), (void)(o))
#define TR_CRITICAL_ENTER2(ts, c, a, b) ((void)(ts), (void)(c), (void)(a), (void)(b))
#define TR_CRITICAL_EXIT(ts, c) ((void)(ts), (void)(c))
#else
#define TR_BIASED_RC 1
#define TR_GIL_ENABLED 0
/* the fast paths are inline in threads/critical.h (included by torii/thread.h) */
#define TR_BEGIN_CRITICAL(ts, o) { TrCritical tr_cs_; critical_begin_fast((ts), &tr_cs_, (struct TrObject *)(o));
#define TR_END_CRITICAL(ts) critical_end_fast((ts), &tr_cs_); }
#define TR_BEGIN_CRITICAL2(ts, a, b) { TrCritical tr_cs_; critical_begin2((ts), &tr_cs_, (struct TrObject *)(a), (struct TrObject *)(b));
#define TR_END_CRITICAL2(ts) critical_end((ts), &tr_cs_); }
#define TR_CRITICAL_ENTER(ts, c, o) critical_begin_fast((ts), (c), (struct TrObject *)(o))
#define TR_CRITICAL_ENTER2(ts, c, a, b) critical_begin2((ts), (c), (struct TrObject *)(a), (struct TrObject *)(b))
#define TR_CRITICAL_EXIT(ts, c) critical_end_fast((ts), (c))
#ifdef NDEBUG
#define TR_ASSERT_LOCKED(o) ((void)0)
#else
#define TR_ASSERT_LOCKED(o) assert(lock_is_held_by_me((struct TrObject *)(o)) && "object lock not held")
#endif
#endif

/* The GIL itself (threads/gil.c).  In the no-GIL build these are no-ops
 * except for the thread-state transitions they also perform:
 * gil_release_for_blocking() detaches the thread (QSBR-offline, critical
 * sections suspended), gil_reacquire_after_blocking() re-attaches it. */
void gil_init(void);
void gil_acquire(struct TrThread *ts);
void gil_release(struct TrThread *ts);
/* Around a blocking call: `gil_release_for_blocking(ts); sleep(); gil_reacquire_after_blocking(ts);` */
void gil_release_for_blocking(struct TrThread *ts);
void gil_reacquire_after_blocking(struct TrThread *ts);
/* Called from the VM's eval-breaker check when TR_EB_GIL_DROP is set. */
void gil_yield(struct TrThread *ts);
void gil_set_switch_interval(double seconds);
double gil_get_switch_interval(void);

#endif
