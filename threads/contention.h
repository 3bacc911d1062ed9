/* threads/contention.h: the contention report (`torii -X contention`,
 * TORII_CONTENTION=1; docs/contention.md).  Counts, per thread, where threads
 * lost time to each other: object locks that had to wait, reference counts
 * written by threads that do not own the object, stop-the-world pauses and
 * (GIL build) GIL waits; prints the top sites at exit.
 *
 * Cost when off: every recording call sits in a slow path behind one test of
 * `contention_on`, a plain global written once by core/main.c before any
 * thread starts and never again, so the test is a predictable branch and
 * reading it is no race.  See contention.c for the tables. */
#ifndef TORII_THREADS_CONTENTION_H
#define TORII_THREADS_CONTENTION_H

#include <stdint.h>
#include "torii/object.h"
#include "torii/thread.h"

/* 1 when the report is on.  Written only by contention_enable, before the
 * runtime starts. */
extern int contention_on;

/* Turns the report on; it goes to `path` (NULL: stderr) at exit.  Called by
 * core/main.c before runtime_init, with no other thread running.  `path` is
 * borrowed and must stay valid until exit (an argv string).  Cannot fail. */
void contention_enable(const char *path);

/* What threads/ needs from the VM and the object layer, installed by
 * core/runtime.c at start-up (threads/ includes neither; nothing is
 * recorded before `resolve` is set).  The functions may not run Python code,
 * take a lock or touch a reference count: they are called inside
 * reference-count and lock slow paths. */
typedef struct TrContentionHooks {
    /* Where a frame on `TrThread.frame` keeps its code object (a pointer
     * to an immortal code object) and the index of its instruction now
     * running (an int): byte offsets into core/frame.h's TrFrame.  Data,
     * not a function, so that counting a reference-count write reads the
     * site with two loads and no call. */
    size_t frame_code, frame_instr;
    /* Writes the file's base name, the line and the function name of
     * (`code`, `instr`) into the buffers (NUL-terminated, truncated). */
    void (*resolve)(const void *code, int instr, char *file, size_t nfile,
                    int *line, char *func, size_t nfunc);
    /* A short description of `o` (alive, and held by the caller): the type
     * name plus what C can read safely without running Python, such as a
     * container's length or a function's name.  NUL-terminated, truncated. */
    void (*describe)(TrObject *o, char *buf, size_t n);
} TrContentionHooks;
extern TrContentionHooks contention_hooks;

/* The recording calls.  Each is called only when `contention_on`; each
 * writes to the calling thread's own table, so threads never serialise on
 * the counting; a call from a thread with no TrThread is dropped. */

/* `ts` waited `wait_ns` for the lock of `o` (a critical section, or the
 * mutex of a threading.Lock/RLock: `kind` then names it, else NULL and the
 * type's name is used); `parked`: it slept in the parking lot.  `o` must be
 * held by the caller (its lock is: the wait has ended). */
void contention_lock_wait(TrThread *ts, TrObject *o, const char *kind, int64_t wait_ns, int parked);
/* The current thread wrote `o`'s shared reference count (a non-owner
 * incref or decref); `queued`: the write queued `o` for its owner to merge.
 * `o` must still be alive (call before a decrement).  Dropped when the
 * thread runs no Python frame (teardown). */
void contention_refcount(TrObject *o, int queued);
/* `ts` stopped the world for `reason` (a static string) for `pause_ns`,
 * counted from its request to the restart. */
void contention_stw(TrThread *ts, const char *reason, int64_t pause_ns);
/* `ts` waited `wait_ns` for the GIL (GIL build). */
void contention_gil_wait(TrThread *ts, int64_t wait_ns);

/* Moves `ts`'s table into the global one.  Called by tstate_exit as its last
 * step, after the thread's last count.  Cannot fail. */
void contention_thread_exit(TrThread *ts);
/* Prints the report (if on) for the threads that have exited plus `ts`, the
 * calling thread; threads still running (daemons) are left out.  Called once
 * at exit by runtime_finalize.  Cannot fail (a file that cannot be opened is
 * reported on stderr and the report goes there). */
void contention_report(TrThread *ts);

#endif
