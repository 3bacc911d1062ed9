/* stdlib/_asyncio.c: the `_asyncio` module, asyncio's per-thread state: the
 * event loop running in this thread (stdlib/py/asyncio/events.py keeps the
 * rest of the loop in Python).
 *
 * Each thread has its own loop, so the reference lives in the thread's
 * TrThread (`running_loop`, owned, owner only): reading or setting it writes
 * nothing another thread reads, which is what lets N threads run N loops with
 * no shared cache line.  tstate_exit drops what a thread left there.
 * The one shared word is `task_ids`, the counter that names tasks
 * "Task-N" across all threads (as CPython numbers them): an atomic add per
 * task made, never per step.  No locks. */
#include "stdlib/stdlib.h"
#include "threads/atomic.h"

static uint64_t task_ids;  /* atomic: the last number handed out by _next_task_id */

/* _get_running_loop(): the running loop of this thread, or None.  Returns a
 * new reference. */
static TrObject *aio_get_running(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                 TrObject *kwnames) {
    (void)self; (void)args;
    if (tr_check_args(ts, "_get_running_loop", nargs, kwnames, 0, 0) < 0) return NULL;
    return tr_newref(ts->running_loop ? ts->running_loop : tr_none);
}

/* get_running_loop(): as above, but RuntimeError when none runs.  Returns a
 * new reference. */
static TrObject *aio_get_running_strict(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                        TrObject *kwnames) {
    (void)self; (void)args;
    if (tr_check_args(ts, "get_running_loop", nargs, kwnames, 0, 0) < 0) return NULL;
    if (!ts->running_loop) {
        err_set(ts, &tr_exc_RuntimeError, "no running event loop");
        return NULL;
    }
    return tr_newref(ts->running_loop);
}

/* _set_running_loop(loop): makes `loop` (None: no loop) this thread's
 * running loop.  Returns None (a new reference). */
static TrObject *aio_set_running(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                 TrObject *kwnames) {
    (void)self;
    if (tr_check_args(ts, "_set_running_loop", nargs, kwnames, 1, 1) < 0) return NULL;
    TrObject *old = ts->running_loop;
    ts->running_loop = args[0] == tr_none ? NULL : tr_newref(args[0]);
    /* drop the old one last: its release may run a finalizer that reads the field */
    tr_xdecref(old);
    return tr_newref(tr_none);
}

/* _next_task_id(): 1, 2, 3, ... across all threads.  Returns a new
 * reference. */
static TrObject *aio_next_task_id(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                  TrObject *kwnames) {
    (void)self; (void)args;
    if (tr_check_args(ts, "_next_task_id", nargs, kwnames, 0, 0) < 0) return NULL;
    /* relaxed: the number orders nothing else */
    return int_from_u64(ts, atomic_add_u64_relaxed(&task_ids, 1) + 1);
}

static const TrMethodDef aio_functions[] = {
    {"_next_task_id", aio_next_task_id},
    {"_get_running_loop", aio_get_running},
    {"get_running_loop", aio_get_running_strict},
    {"_set_running_loop", aio_set_running},
    {NULL, NULL},
};

TrObject *_asyncio_module_init(TrThread *ts) {
    TrObject *m = module_new(ts, "_asyncio");
    if (!m) return NULL;
    if (module_add_functions(ts, m, aio_functions) < 0) {
        tr_decref(m);
        return NULL;
    }
    return m;
}
