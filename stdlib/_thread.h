/* stdlib/_thread.h: what stdlib/_thread.c shares with stdlib/threading.c:
 * the lock type, thread launching and joining, argument helpers. */
#ifndef TORII_STDLIB_THREAD_H
#define TORII_STDLIB_THREAD_H
#include <pthread.h>
#include "torii/torii.h"

/* `_thread.lock` (threading.Lock): a TrMutex, not owned by a thread. */
/* `acquirer`: the thread id (tr_tls_tid) that last took the lock, atomic
 * relaxed (a Lock may be released by another thread); a release by that
 * thread may owe the wake of a waiter (threads/lock.c: tenure). */
typedef struct TrLock { TrObject ob_base; uint8_t mutex; uintptr_t acquirer; } TrLock;
extern TrType tr_lock_type;
/* A new unlocked lock; NULL on MemoryError. */
TrObject *thread_lock_new(TrThread *ts);
/* get_ident() and get_native_id(), module functions of both _thread and
 * threading (tr_methodfunc). */
TrObject *thread_get_ident(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames);
TrObject *thread_get_native_id(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames);

/* Shared between a running thread and whoever may join it; plain (not a
 * Python object, not refcounted by BRC) so the thread can signal it after its
 * thread state is gone.  `refs` is atomic; the rest is guarded by `mu`. */
typedef struct TrThreadHandle {
    uint32_t refs;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int started, done;
    unsigned long ident;
    long native_id;
} TrThreadHandle;
/* New handle with one reference; NULL on MemoryError (nothing set). */
TrThreadHandle *thread_handle_new(void);
void thread_handle_incref(TrThreadHandle *h);
void thread_handle_release(TrThreadHandle *h);
/* Waits until the thread is done, detached from the GIL.  `timeout_ns` -1
 * waits forever.  Returns 1 if done, 0 on timeout, -1 if the main thread's
 * wait was interrupted by a signal handler that raised (exception set). */
int thread_handle_join(TrThread *ts, TrThreadHandle *h, int64_t timeout_ns);
int thread_handle_is_done(TrThreadHandle *h);

/* Runs `body(ts, obj)` on a new OS thread with its own attached thread
 * state, then drops `obj` and ends the state, then marks `h` done.  Steals
 * `obj` (even on failure).  Waits until the thread has started (ident and
 * native_id are then set in `h`).  -1 with RuntimeError "can't start new
 * thread" on failure. */
typedef void (*thread_body)(TrThread *ts, TrObject *obj);
int thread_launch(TrThread *ts, thread_body body, TrObject *obj, TrThreadHandle *h);

/* Converts a timeout argument (None or a negative number when `neg_ok`
 * means "forever": -1) to nanoseconds.  -1 with TypeError / ValueError /
 * OverflowError (CPython's messages); on success returns 0. */
int thread_parse_timeout(TrThread *ts, TrObject *o, int none_ok, int64_t *out_ns);
/* Locks `m` as `lock.acquire(blocking, timeout)` does: tries once, then
 * waits detached.  Returns 1 acquired, 0 not. */
int thread_acquire_mutex(TrThread *ts, uint8_t *m, int blocking, int64_t timeout_ns);
/* As thread_acquire_mutex, but the main thread runs signal handlers while it
 * waits (lock.acquire() is interruptible by Ctrl-C): -1 if one raised. */
int thread_acquire_mutex_intr(TrThread *ts, uint8_t *m, int blocking, int64_t timeout_ns);
/* thread_acquire_mutex_intr for the mutex `m` of the Python lock object
 * `lock` (threading.Lock, RLock): a wait that had to block is counted in the
 * contention report as a `kind` ("threading.Lock") at the current line. */
int thread_acquire_lock_obj(TrThread *ts, TrObject *lock, uint8_t *m, const char *kind,
                            int blocking, int64_t timeout_ns);
#define TR_TIMEOUT_MAX 9223372036.0
#endif
