/* threads/stw.h: stop-the-world.  One thread (the requester) brings every
 * other thread to a safe point, works on the heap alone, then restarts them.
 * See stw.c for the protocol. */
#ifndef TORII_THREADS_STW_H
#define TORII_THREADS_STW_H

#include "torii/thread.h"

/* Stops every other thread: returns once each one is parked at its
 * eval-breaker check (between bytecodes, no critical section open) or
 * DETACHED, and no thread can attach until stw_start.  `ts` must be attached
 * and hold no object lock (call it from the eval breaker).  If another stop
 * is running, `ts` first parks as one of its stopped threads.  Stops do not
 * nest.  In the GIL build the caller holds the GIL, so every other thread is
 * already at a safe point: both calls do nothing.  `reason` (a static
 * string: "gc", "reclaim pass", ...) names the stop in the contention
 * report (threads/contention.h).  Cannot fail. */
void stw_stop(TrThread *ts, const char *reason);
/* Ends the stop `ts` requested: parked threads resume, attaching threads
 * proceed.  Cannot fail. */
void stw_start(TrThread *ts);

/* The eval breaker's TR_EB_STOP handler: parks `ts` until the running stop
 * ends (clears a stale bit when none runs).  Cannot fail. */
void stw_park(TrThread *ts);
/* For threads/gil.c.  After a thread has stored ATTACHED and passed a full
 * fence: if a stop is running, flips it back to DETACHED, waits for the
 * restart and attaches again.  Cheap (one load) when no stop runs. */
void stw_check_attach(TrThread *ts);
/* After a thread has stored DETACHED and passed a full fence: wakes the
 * requester of a running stop, which may be waiting for this thread. */
void stw_check_detach(TrThread *ts);
/* 1 while a stop is in progress (a racy snapshot, for tests). */
int stw_in_progress(void);

#endif
