/* threads/lock.h: TrMutex, the one-byte lock every object carries in
 * `ob_mutex`, the parking lot it sleeps on, and the critical-section stack.
 *
 * Byte layout of a TrMutex:
 *
 *   | bit | name             | meaning                                      |
 *   |-----|------------------|----------------------------------------------|
 *   | 0   | TR_MUTEX_LOCKED  | some thread holds the lock                   |
 *   | 1   | TR_MUTEX_PARKED  | at least one thread may sleep in the lot     |
 *
 * A zero byte is an unlocked mutex: objects from tr_alloc start unlocked.
 * The lock is not re-entrant and not owned: any thread may unlock it (as
 * `_thread.lock` needs).  Waiters spin about 40 times, then park; a waiter
 * that has waited more than 1 ms is handed the lock directly on unlock, so
 * no thread starves behind spinners.
 */
#ifndef TORII_THREADS_LOCK_H
#define TORII_THREADS_LOCK_H

#include <stdint.h>
#include "threads/atomic.h"
#include "threads/gil.h"

#define TR_MUTEX_LOCKED 0x1
#define TR_MUTEX_PARKED 0x2

/* Locks `m`, blocking as long as needed.  Does not detach the thread state:
 * callers that may wait long (a Python-level Lock) go through
 * gil_release_for_blocking first. */
void mutex_lock(uint8_t *m);
/* Unlocks `m` (must be locked) and wakes one parked waiter, if any. */
void mutex_unlock(uint8_t *m);
/* Takes `m` only if it is free now.  Returns 1 if acquired, 0 if not. */
int mutex_trylock(uint8_t *m);
/* Locks `m`, giving up after `timeout_ns` nanoseconds (-1: never give up,
 * 0: try once).  Returns 1 if acquired, 0 if timed out. */
int mutex_lock_timed(uint8_t *m, int64_t timeout_ns);
/* mutex_lock_timed that also sets `*parked` to 1 if the thread slept in the
 * parking lot (left alone otherwise): for the contention report. */
int mutex_lock_timed_parked(uint8_t *m, int64_t timeout_ns, int *parked);
/* Spins on `m` without a syscall (CPU pause) while it is held and nobody is
 * parked on it, for at most some microseconds: 1 if it took the lock, 0 if it
 * gave up.  Does not detach: a caller that may wait long tries this first and
 * detaches only to block. */
int mutex_spin_lock(uint8_t *m);
/* Unlocks the mutex `m` of the Python lock object `holder` that thread `ts`
 * itself acquired: as mutex_unlock, but a parked waiter may be left asleep
 * for the tenure described in threads/lock.c, the wake owed by `ts`. */
void mutex_unlock_owing(struct TrThread *ts, struct TrObject *holder, uint8_t *m);
/* Pays `ts`'s owed wake, if any: at once when `now` (before the thread
 * blocks or exits), else (a periodic check) unless the lock was taken again
 * since the last check and the tenure has not run out. */
void lock_pay_owed(struct TrThread *ts, int now);
/* 1 if `m` is locked by anyone (a racy snapshot; for `lock.locked()`). */
static inline int mutex_is_locked(const uint8_t *m) {
    return (atomic_load_u8_relaxed(m) & TR_MUTEX_LOCKED) != 0;
}

/* Critical sections (declared in threads/gil.h) live in lock.c, plus the
 * PEP 703 suspension used around blocking calls: */
/* Unlocks every held lock of `ts`'s open critical sections; they are re-taken
 * lazily, innermost first, by lock_resume_critical / critical_end. */
void lock_suspend_critical(struct TrThread *ts);
/* Re-takes the locks of `ts`'s innermost critical section if suspended. */
void lock_resume_critical(struct TrThread *ts);
/* Sets or clears the lone-thread state (threads/tstate.c only, under
 * tr_runtime.lock; see "Lone thread" in lock.c). */
void lock_set_lone(int on);
/* After the lone state was cleared by `ts`, the lone thread itself: its open
 * sections become real ones (all suspended, the innermost re-locked). */
void lock_end_lone(struct TrThread *ts);
/* After the lone state was cleared by a thread that has no state yet: waits
 * until the lone thread, running elsewhere, has no elided section open
 * ("Lone thread" in lock.c).  Cannot fail. */
void lock_end_lone_foreign(void);

/* The parking lot (threads/parking.c): threads sleeping on an address. */
/* Wakes the first thread parked on `addr`, if any, without unlocking: a
 * holder keeps the lock, and the woken thread competes for it again. */
void parking_unpark_one(uint8_t *addr);
enum { PARK_WOKEN = 0, PARK_HANDOFF = 1, PARK_TIMEOUT = 2, PARK_INVALID = 3 };
/* Sleeps on `addr` if the byte there still equals `expected` (checked under
 * the bucket lock).  `deadline_ns` is a CLOCK_MONOTONIC time (-1: none);
 * `handoff_after_ns` is the monotonic time after which an unlocker should
 * hand the lock over directly.  Returns PARK_WOKEN (retry the lock),
 * PARK_HANDOFF (the lock is now ours), PARK_TIMEOUT, or PARK_INVALID (the
 * byte changed before we slept). */
int parking_park(uint8_t *addr, uint8_t expected, int64_t deadline_ns, int64_t handoff_after_ns);
/* Unlock slow path for a mutex with TR_MUTEX_PARKED set: under the bucket
 * lock, wakes one waiter on `addr` and stores the new mutex byte (still
 * locked when handing off, else unlocked).  Cannot fail. */
void parking_unpark_mutex(uint8_t *addr);
/* The CLOCK_MONOTONIC time in nanoseconds. */
int64_t lock_now_ns(void);

#endif
