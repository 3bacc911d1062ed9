/* include/torii/thread.h: the per-thread state `TrThread` and the runtime.
 *
 * One TrThread exists for every OS thread that runs Python code.  Its `id`
 * (never reused, so a dead owner is detectable) is the thread's id in
 * `ob_tid` (tr_tls_tid).  Fields are owned by that thread
 * unless the comment says otherwise.  Lock order: runtime.lock before any
 * thread's brc.lock; no object lock is held while taking runtime.lock.
 */
#ifndef TORII_THREAD_H
#define TORII_THREAD_H

#include <pthread.h>
#include "torii/object.h"

struct TrFrame;

/* Bits of `TrThread.eval_breaker`: set by other threads (atomic or), read
 * and cleared by the owner at the VM's periodic check. */
#define TR_EB_BRC_MERGE   0x1  /* objects wait on this thread's merge queue */
#define TR_EB_GIL_DROP    0x2  /* another thread waits for the GIL */
#define TR_EB_STOP        0x4  /* stop-the-world requested */
#define TR_EB_ASYNC_EXC   0x8  /* main thread: a signal arrived, run its Python handler (threads/signals.c) */
#define TR_EB_RECLAIM     0x10 /* the zombie list is long: run a deferred-reclaim pass (threads/brc.c) */
#define TR_EB_GC          0x20 /* enough tracked objects were allocated: run a collection (threads/gc.c) */

/* Thread states for `TrThread.state`: only an ATTACHED thread may touch
 * objects.  A DETACHED thread is blocked (sleep, lock, join, I/O) and counts
 * as quiescent for QSBR and stopped for stop-the-world.  SUSPENDED: parked at
 * its eval-breaker check by a stop-the-world (threads/stw.c). */
enum { TR_THREAD_DETACHED = 0, TR_THREAD_ATTACHED = 1, TR_THREAD_SUSPENDED = 2 };

typedef struct TrThread {
    uintptr_t id;                  /* unique, never reused (a counter from 1); the value stored in ob_tid */
    unsigned long ident;           /* threading.get_ident(): pthread_self() as an integer */
    pthread_t pthread;
    uint32_t eval_breaker;         /* atomic; TR_EB_* */
    uint32_t state;                /* atomic; TR_THREAD_* */

    TrObject *exc;                 /* owned: the pending exception, NULL if none */
    TrObject *handled_exc;         /* owned: the exception being handled (sys.exc_info) */
    struct TrFrame *frame;         /* the innermost running frame, owner only */
    int recursion_depth;           /* owner only */
    int recursion_limit;           /* owner only; from sys.setrecursionlimit */

    /* Biased reference counting: objects other threads pushed for this
     * thread to merge.  Guarded by `brc_lock` (a TrMutex byte). */
    uint8_t brc_lock;
    TrObject **brc_queue;
    size_t brc_len, brc_cap;

    /* QSBR (threads/qsbr.c). */
    uint64_t qsbr_seen;            /* atomic: the global sequence this thread last observed */
    void *qsbr_pending;            /* owner only: memory waiting for a grace period */
    uint8_t qsbr_attached;         /* owner only: counted in qsbr.c's attached slots */

    /* The thread list, guarded by runtime.lock. */
    struct TrThread *next, *prev;
    TrObject *thread_obj;          /* owned: the threading.Thread, if any */

    /* Added by threads/: */
    struct TrCritical *critical;   /* owner only: innermost open critical section (threads/lock.c) */
    struct TrThread *brc_next;     /* guarded by the BRC bucket lock: thread table chain (threads/brc.c) */
    long native_id;                /* threading.get_native_id(): the kernel tid */
    void *handle;                  /* owned: threading's TrThreadHandle of this thread, or NULL */
    /* Per-thread class counts (threads/typeref.h): owner only, except while
     * the thread is stopped or exiting. */
    int64_t *type_refs;
    uint32_t ntype_refs;
    uint8_t type_refs_closed;
    /* Owner only: a wake this thread owes a thread parked on a Python lock
     * it released (threads/lock.c: mutex_unlock_owing), or NULL. */
    uint8_t *owed_mutex;
    TrObject *owed_obj;            /* owned: the lock object holding owed_mutex */
    int64_t owed_since;            /* lock_now_ns() when the wake became owed */
    uint32_t owed_reuses;          /* re-acquisitions since the last periodic check */
    /* Owner only: the contention report's counts (threads/contention.c), or
     * NULL; handed to the global table by tstate_exit. */
    void *contention;
    /* The race detector's clock for this thread (threads/race.c), or NULL:
     * owner only, written by the parent before the thread starts. */
    void *race;
    /* sys.set_asyncgen_hooks (objects/asyncgen.c): owned or NULL, owner only. */
    TrObject *asyncgen_firstiter;
    TrObject *asyncgen_finalizer;
    /* The asyncio event loop running in this thread (stdlib/_asyncio.c):
     * owned or NULL, owner only. */
    TrObject *running_loop;
} TrThread;

typedef struct TrRuntime {
    uint8_t lock;                  /* TrMutex: guards `threads`, `nthreads`, `nstates` */
    TrThread *threads;
    size_t nthreads;
    size_t nstates;                /* states made and not yet exited or discarded (threads/tstate.c) */
    TrThread *main_thread;
    TrObject *builtins;            /* the builtins module (immortal) */
    TrObject *builtins_dict;       /* its dict (immortal) */
    TrObject *sys;                 /* the sys module (immortal) */
    TrObject *modules;             /* sys.modules (immortal) */
    uint64_t switch_interval_us;   /* sys.setswitchinterval, GIL build */
    uint32_t nonmain_running;      /* atomic: started non-daemon threads still running */
    const char *warnoptions[16];   /* the -W options (core/main.c), for sys.warnoptions; set before start-up */
    int nwarnoptions;
    int optimize;                  /* -O: 1, -OO: 2 (or PYTHONOPTIMIZE); asserts, __debug__, docstrings */
    int ignore_environment;        /* -E or -I: PYTHON* variables are not read */
    int isolated;                  /* -I */
    int no_site, no_user_site, dont_write_bytecode;   /* -S, -s (or -I), -B: only reported in sys.flags */
} TrRuntime;

extern TrRuntime tr_runtime;

/* The current thread's state.  Never NULL in code that runs Python. */
TrThread *tr_thread_current(void);

#include "threads/critical.h"    /* the critical sections' inline fast paths */

#endif
