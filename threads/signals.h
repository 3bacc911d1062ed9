/* threads/signals.h: delivery of OS signals to the main thread.
 *
 * A signal's C handler (signals_c_handler) only marks the signal tripped,
 * sets TR_EB_ASYNC_EXC on the main thread's eval breaker and writes a byte to
 * a self-pipe: all async-signal-safe.  The main thread then runs the Python
 * handlers (signal_run_pending, stdlib/signal.c) at its next eval-breaker
 * check, or, when it is blocked, as soon as its wait notices: sleeps and
 * descriptor reads poll the self-pipe (signals_wait_fd), lock / condition /
 * join waits are cut into slices of SIGNALS_SLICE_NS (signals_slice_ns).
 * Only the main thread ever runs Python signal handlers (as in CPython).
 */
#ifndef TORII_THREADS_SIGNALS_H
#define TORII_THREADS_SIGNALS_H

#include <stdint.h>
#include "torii/thread.h"

/* The longest a blocked main thread waits before looking for signals. */
#define SIGNALS_SLICE_NS 20000000

/* Start-up, on the main thread `main_ts`: the self-pipe; the signal module's
 * handler table (stdlib/signal.c) and SIGINT's handler (KeyboardInterrupt).
 * -1 with an exception set on failure. */
int signals_init(TrThread *main_ts);
/* At shutdown (main thread): signals stop targeting the main thread state. */
void signals_fini(void);

/* The C handler installed for every signal with a Python handler.
 * Async-signal-safe. */
void signals_c_handler(int signum);
/* Marks `signum` tripped and wakes the main thread, as the C handler does
 * (also _thread.interrupt_main).  Async-signal-safe. */
void signals_trip(int signum);
/* 1 if some signal is tripped and not yet handled (a relaxed snapshot). */
int signals_pending(void);
/* Clears the "some signal tripped" flag (main thread, before scanning). */
void signals_clear_any(void);
/* 1 if `signum` was tripped (and clears it), else 0. */
int signals_take(int signum);

/* 1 if `ts` is the main thread (the one that runs signal handlers). */
int signals_is_main(TrThread *ts);

/* On an attached thread `ts`: if it is the main thread and a signal is
 * pending, runs the Python handlers.  -1 if one raised (the exception is set
 * on `ts`), else 0. */
int signals_check(TrThread *ts);

/* The wait slice for a detached blocking call of `ts` with `remaining_ns`
 * left (-1: no limit): the main thread waits at most SIGNALS_SLICE_NS at a
 * time, others the whole time. */
int64_t signals_slice_ns(TrThread *ts, int64_t remaining_ns);

/* Detached: waits until `fd` is ready for `events` (poll(2) events; fd -1:
 * none), the CLOCK_MONOTONIC time `deadline_ns` passes (-1: never), or, for
 * the main thread `ts`, a signal arrives.  Returns 1 if fd is ready, 0 on a
 * signal or the deadline. */
int signals_wait_fd(TrThread *ts, int fd, short events, int64_t deadline_ns);

/* stdlib/signal.c: runs the Python handlers of every tripped signal, on the
 * main thread.  -1 if one raised, else 0. */
int signal_run_pending(TrThread *ts);
/* stdlib/signal.c: fills the handler table from the inherited dispositions
 * and installs SIGINT's handler (unless SIGINT is ignored).  -1 on error. */
int signal_setup(TrThread *ts);
/* stdlib/signal.c: _thread.interrupt_main's core: trips `signum` when a
 * Python handler is set for it (else nothing).  -1 if out of range. */
int signal_interrupt(int signum);

#endif
