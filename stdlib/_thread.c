/* stdlib/_thread.c: the `_thread` module: locks and raw threads, and the
 * launching/joining machinery threading.c builds on.
 * Threads: a lock's `mutex` byte is a TrMutex (threads/lock.c); a thread
 * handle's fields are guarded by its pthread mutex; `nthreads` is atomic.
 * Every wait (lock acquire, start, join) detaches the thread first
 * (gil_release_for_blocking), so no GIL or critical section is held while
 * blocked.  Lock order: a handle's `mu` is a leaf. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stdlib/_thread.h"
#include "stdlib/stdlib.h"
#include "threads/lock.h"
#include "threads/tstate.h"
#include "threads/signals.h"
#include "threads/contention.h"
#include "threads/race.h"

static uint32_t nthreads;   /* atomic: _thread threads still running (_count) */

/* ---- argument helpers ---- */

int thread_parse_timeout(TrThread *ts, TrObject *o, int none_ok, int64_t *out_ns) {
    double secs;
    if (o == tr_none && none_ok) { *out_ns = -1; return 0; }
    if (float_check(o)) {
        secs = float_value(o);
        if (isnan(secs)) { err_format(ts, &tr_exc_ValueError, "Invalid value NaN (not a number)"); return -1; }
    } else if (int_check(o)) {
        secs = int_as_double(ts, o);
        if (secs == -1.0 && err_occurred(ts)) return -1;
    } else {
        err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer", tr_type_name(o));
        return -1;
    }
    if (secs < 0) {
        if (none_ok) { *out_ns = 0; return 0; }   /* threading: a negative wait is no wait */
        if (secs != -1) {
            err_format(ts, &tr_exc_ValueError, "timeout value must be a non-negative number");
            return -1;
        }
        *out_ns = -1;
        return 0;
    }
    if (secs > TR_TIMEOUT_MAX) {
        err_format(ts, &tr_exc_OverflowError, "timeout value is too large");
        return -1;
    }
    *out_ns = (int64_t)(secs * 1e9);
    return 0;
}

/* The wait of thread_acquire_mutex(_intr).  With `intr`, the main thread
 * waits in slices and runs signal handlers between them: -1 if one raised.
 * `who` (the lock object, or NULL) and `kind` name the lock in the
 * contention report when a blocking wait is counted. */
static int acquire_mutex(TrThread *ts, uint8_t *m, int blocking, int64_t timeout_ns, int intr,
                         TrObject *who, const char *kind) {
    if (mutex_trylock(m)) return 1;
    if (!blocking || timeout_ns == 0) return 0;
    int64_t start = contention_on || timeout_ns > 0 ? lock_now_ns() : 0;
    int64_t deadline = timeout_ns > 0 ? start + timeout_ns : -1;
    int parked = 0, got;
    for (;;) {
        int64_t rem = deadline < 0 ? -1 : deadline - lock_now_ns();
        if (deadline >= 0 && rem <= 0) { got = mutex_trylock(m); break; }
        gil_release_for_blocking(ts);
        got = mutex_lock_timed_parked(m, intr ? signals_slice_ns(ts, rem) : rem, &parked);
        gil_reacquire_after_blocking(ts);
        if (got) break;
        if (intr && signals_check(ts) < 0) { got = -1; break; }
    }
    /* Counted only once acquired: a timed-out wait did not lose the time to
     * another thread's hold alone. */
    if (__builtin_expect(contention_on, 0) && who && got == 1)
        contention_lock_wait(ts, who, kind, lock_now_ns() - start, parked);
    return got;
}

int thread_acquire_mutex(TrThread *ts, uint8_t *m, int blocking, int64_t timeout_ns) {
    return acquire_mutex(ts, m, blocking, timeout_ns, 0, NULL, NULL);
}

int thread_acquire_mutex_intr(TrThread *ts, uint8_t *m, int blocking, int64_t timeout_ns) {
    return acquire_mutex(ts, m, blocking, timeout_ns, 1, NULL, NULL);
}

int thread_acquire_lock_obj(TrThread *ts, TrObject *lock, uint8_t *m, const char *kind,
                            int blocking, int64_t timeout_ns) {
    int got = acquire_mutex(ts, m, blocking, timeout_ns, 1, lock, kind);
    if (got == 1) RACE_ACQUIRE(ts, lock);   /* pairs with the release before the last unlock */
    return got;
}

/* ---- the lock type ---- */

TrObject *thread_lock_new(TrThread *ts) {
    return tr_alloc(ts, &tr_lock_type);
}

static void lock_dealloc(TrThread *ts, TrObject *o) { tr_free(o); }

static TrObject *lock_repr(TrThread *ts, TrObject *o) {
    TrLock *l = (TrLock *)o;
    return str_format(ts, "<%s _thread.lock object at %p>",
                      mutex_is_locked(&l->mutex) ? "locked" : "unlocked", (void *)o);
}

static TrObject *lock_acquire(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"blocking", "timeout"};
    TrObject *a[2];
    if (args_parse_clinic(ts, "acquire", args, nargs, kwnames, names, 2, 0, 0, a) < 0) return NULL;
    int blocking = 1;
    if (a[0]) {
        blocking = tr_is_true(ts, a[0]);
        if (blocking < 0) return NULL;
    }
    int64_t timeout_ns = -1;
    if (a[1]) {
        if (thread_parse_timeout(ts, a[1], 0, &timeout_ns) < 0) return NULL;
        if (!blocking && timeout_ns != -1)
            return err_format(ts, &tr_exc_ValueError, "can't specify a timeout for a non-blocking call");
    }
    TrLock *l = (TrLock *)self;
    int got = thread_acquire_lock_obj(ts, self, &l->mutex, "threading.Lock", blocking, timeout_ns);
    if (got == 1) atomic_store_uptr_relaxed(&l->acquirer, tr_tls_tid);
    return got < 0 ? NULL : tr_bool(got);
}

/* release() and __exit__: the thread that took the lock may leave a waiter
 * asleep for its tenure (threads/lock.c); any other wakes it now. */
static TrObject *lock_unlock(TrThread *ts, TrObject *self) {
    TrLock *l = (TrLock *)self;
    if (!mutex_is_locked(&l->mutex)) return err_format(ts, &tr_exc_RuntimeError, "release unlocked lock");
    RACE_RELEASE(ts, self);   /* before the unlock: the next holder acquires after it */
    if (atomic_load_uptr_relaxed(&l->acquirer) == tr_tls_tid) mutex_unlock_owing(ts, self, &l->mutex);
    else mutex_unlock(&l->mutex);
    return tr_none;
}

static TrObject *lock_release(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "release", nargs, kwnames, 0, 0) < 0) return NULL;
    return lock_unlock(ts, self);
}

static TrObject *lock_exit(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return lock_unlock(ts, self);
}

static TrObject *lock_locked(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "locked", nargs, kwnames, 0, 0) < 0) return NULL;
    return tr_bool(mutex_is_locked(&((TrLock *)self)->mutex));
}

static TrObject *lock_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "lock", nargs, kwnames, 0, 0) < 0) return NULL;
    return thread_lock_new(ts);
}

static const TrMethodDef lock_methods[] = {
    {"acquire", lock_acquire},
    {"acquire_lock", lock_acquire},
    {"release", lock_release},
    {"release_lock", lock_release},
    {"locked", lock_locked},
    {"locked_lock", lock_locked},
    {"__enter__", lock_acquire},
    {"__exit__", lock_exit},
    {NULL, NULL}
};

TrType tr_lock_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "_thread.lock",
    .flags = TR_TPFLAG_WEAKREFABLE,
    .basicsize = sizeof(TrLock),
    .dealloc = lock_dealloc,
    .repr = lock_repr,
    .new_ = lock_new,
    .methods = lock_methods,
};

/* ---- thread handles and launching ---- */

TrThreadHandle *thread_handle_new(void) {
    TrThreadHandle *h = calloc(1, sizeof *h);
    if (!h) return NULL;
    h->refs = 1;
    pthread_mutex_init(&h->mu, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&h->cv, &attr);
    pthread_condattr_destroy(&attr);
    return h;
}

void thread_handle_incref(TrThreadHandle *h) { atomic_add_u32(&h->refs, 1); }

void thread_handle_release(TrThreadHandle *h) {
    if (!h || atomic_add_u32(&h->refs, (uint32_t)-1) != 1) return;
    RACE_FORGET(h);   /* its clock (the thread's end) goes with it */
    pthread_mutex_destroy(&h->mu);
    pthread_cond_destroy(&h->cv);
    free(h);
}

int thread_handle_is_done(TrThreadHandle *h) {
    pthread_mutex_lock(&h->mu);
    int d = h->done;
    pthread_mutex_unlock(&h->mu);
    if (d) RACE_ACQUIRE(tr_thread_current(), h);   /* seen ended: its end happens before */
    return d;
}

int thread_handle_join(TrThread *ts, TrThreadHandle *h, int64_t timeout_ns) {
    if (timeout_ns == 0) return thread_handle_is_done(h);
    int64_t deadline = timeout_ns > 0 ? lock_now_ns() + timeout_ns : -1;
    for (;;) {
        /* The main thread waits in slices, running signal handlers between. */
        int64_t now = lock_now_ns();
        int64_t slice = signals_slice_ns(ts, deadline < 0 ? -1 : deadline - now);
        int64_t until = slice < 0 ? -1 : now + slice;
        gil_release_for_blocking(ts);
        pthread_mutex_lock(&h->mu);
        while (!h->done) {
            if (until < 0) {
                pthread_cond_wait(&h->cv, &h->mu);
            } else {
                struct timespec t = { until / 1000000000, until % 1000000000 };
                if (pthread_cond_timedwait(&h->cv, &h->mu, &t) == ETIMEDOUT) break;
            }
        }
        int done = h->done;
        pthread_mutex_unlock(&h->mu);
        gil_reacquire_after_blocking(ts);
        if (done) {
            RACE_ACQUIRE(ts, h);   /* pairs with RACE_RELEASE in boot: the thread's end happens before */
            return 1;
        }
        if (deadline >= 0 && lock_now_ns() >= deadline) return 0;
        if (signals_check(ts) < 0) return -1;
    }
}

typedef struct Boot {
    TrThread *ts;              /* created by the parent, attached by the child */
    thread_body body;
    TrObject *obj;             /* owned: dropped by the child before it exits */
    TrThreadHandle *h;         /* one reference owned by the child */
} Boot;

static void *boot(void *arg) {
    Boot b = *(Boot *)arg;
    free(arg);
    TrThread *ts = b.ts;
    tstate_attach(ts);
    pthread_mutex_lock(&b.h->mu);
    b.h->ident = ts->ident;
    b.h->native_id = ts->native_id;
    b.h->started = 1;
    pthread_cond_broadcast(&b.h->cv);
    pthread_mutex_unlock(&b.h->mu);

    b.body(ts, b.obj);
    tr_decref(b.obj);
    RACE_RELEASE(ts, b.h);   /* joiners acquire it once they see `done` */
    tstate_exit(ts);   /* no object may be touched after this */

    pthread_mutex_lock(&b.h->mu);
    b.h->done = 1;
    pthread_cond_broadcast(&b.h->cv);
    pthread_mutex_unlock(&b.h->mu);
    thread_handle_release(b.h);
    return NULL;
}

int thread_launch(TrThread *ts, thread_body body, TrObject *obj, TrThreadHandle *h) {
    Boot *b = malloc(sizeof *b);
    TrThread *child = tstate_new();
    if (!b || !child) goto fail;
    *b = (Boot){child, body, obj, h};
    thread_handle_incref(h);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 16 * 1024 * 1024);   /* deep recursion needs room */
    pthread_t pt;
    RACE_THREAD_START(ts, child);   /* the parent's past happens before the child's first step */
    int rc = pthread_create(&pt, &attr, boot, b);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        thread_handle_release(h);
        goto fail;
    }
    /* Wait for it to attach, detached ourselves: in the GIL build it needs
     * the GIL to do so. */
    gil_release_for_blocking(ts);
    pthread_mutex_lock(&h->mu);
    while (!h->started) pthread_cond_wait(&h->cv, &h->mu);
    pthread_mutex_unlock(&h->mu);
    gil_reacquire_after_blocking(ts);
    return 0;
fail:
    free(b);
    if (child) race_thread_exit(child);
    if (child) tstate_discard(child);
    tr_decref(obj);
    err_set(ts, &tr_exc_RuntimeError, "can't start new thread");
    return -1;
}

/* ---- _thread.start_new_thread ---- */

/* obj: a tuple (function, args, kwargs or None). */
static void raw_body(TrThread *ts, TrObject *obj) {
    TrObject *func = tuple_get(obj, 0), *args = tuple_get(obj, 1), *kwargs = tuple_get(obj, 2);
    TrObject *r = tr_call_tuple_dict(ts, func, args, kwargs == tr_none ? NULL : kwargs);
    if (r) {
        tr_decref(r);
    } else if (err_matches(ts, &tr_exc_SystemExit)) {
        err_clear(ts);
    } else {
        TrObject *exc = err_fetch(ts);
        TrObject *fr = tr_repr(ts, func);
        TrStrBuf b;
        strbuf_init(&b);
        strbuf_adds(&b, "Exception ignored in thread started by ");
        if (fr) strbuf_addstr(&b, fr);
        else err_clear(ts);
        tr_xdecref(fr);
        if (exc) err_restore(ts, exc);
        err_write_unraisable(ts, b.failed ? "Exception ignored in thread started by" : b.data, NULL);
        strbuf_free(&b);
    }
    atomic_add_u32(&nthreads, (uint32_t)-1);
}

static TrObject *thread_start_new_thread(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (kwnames && tuple_size(kwnames))
        return err_format(ts, &tr_exc_TypeError, "start_new_thread() takes no keyword arguments");
    if (nargs < 2 || nargs > 3)
        return err_format(ts, &tr_exc_TypeError, "start_new_thread expected at %s %d argument%s, got %zu",
                          nargs < 2 ? "least" : "most", nargs < 2 ? 2 : 3, "s", nargs);
    TrObject *func = args[0], *fargs = args[1], *fkw = nargs > 2 ? args[2] : tr_none;
    if (!tr_type(func)->call)
        return err_format(ts, &tr_exc_TypeError, "first arg must be callable");
    if (!tuple_check(fargs)) return err_format(ts, &tr_exc_TypeError, "2nd arg must be a tuple");
    if (fkw != tr_none && !dict_check(fkw))
        return err_format(ts, &tr_exc_TypeError, "optional 3rd arg must be a dictionary");
    TrObject *items[3] = {func, fargs, fkw};
    TrObject *obj = tuple_from_array(ts, items, 3);
    if (!obj) return NULL;
    TrThreadHandle *h = thread_handle_new();
    if (!h) { tr_decref(obj); return err_nomemory(ts); }
    atomic_add_u32(&nthreads, 1);
    if (thread_launch(ts, raw_body, obj, h) < 0) {
        atomic_add_u32(&nthreads, (uint32_t)-1);
        thread_handle_release(h);
        return NULL;
    }
    unsigned long ident = h->ident;   /* set before `started`, read after it */
    thread_handle_release(h);
    return int_from_u64(ts, ident);
}

static TrObject *thread_allocate_lock(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "allocate_lock", nargs, kwnames, 0, 0) < 0) return NULL;
    return thread_lock_new(ts);
}

TrObject *thread_get_ident(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "get_ident", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_from_u64(ts, ts->ident);
}

TrObject *thread_get_native_id(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "get_native_id", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_from_i64(ts, ts->native_id);
}

static TrObject *thread_count(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "_count", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_from_i64(ts, atomic_load_u32_relaxed(&nthreads));
}

/* interrupt_main(signum=signal.SIGINT): simulates the signal's arrival in
 * the main thread (nothing if Python does not handle it). */
static TrObject *thread_interrupt_main(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"signum"};
    TrObject *a[1];
    if (kwnames && tuple_size(kwnames))
        return err_format(ts, &tr_exc_TypeError, "interrupt_main() takes no keyword arguments");
    if (args_parse_clinic(ts, "interrupt_main", args, nargs, NULL, names, 1, 0, 0, a) < 0) return NULL;
    int64_t signum = 2;   /* SIGINT */
    if (a[0]) {
        if (!int_check(a[0]))
            return err_format(ts, &tr_exc_TypeError, "'%T' object cannot be interpreted as an integer", a[0]);
        if (tr_index_i64(ts, a[0], &signum) < 0) return NULL;
    }
    if (signum < 1 || signum > 0x7fffffff || signal_interrupt((int)signum) < 0)
        return err_format(ts, &tr_exc_ValueError, "signal number out of range");
    return tr_none;
}

static const TrMethodDef thread_functions[] = {
    {"interrupt_main", thread_interrupt_main},
    {"start_new_thread", thread_start_new_thread},
    {"start_new", thread_start_new_thread},
    {"allocate_lock", thread_allocate_lock},
    {"allocate", thread_allocate_lock},
    {"get_ident", thread_get_ident},
    {"get_native_id", thread_get_native_id},
    {"_count", thread_count},
    {NULL, NULL}
};

TrObject *_thread_module_init(TrThread *ts) {
    if (type_ready(ts, &tr_lock_type) < 0) return NULL;
    TrObject *m = module_new(ts, "_thread");
    if (!m) return NULL;
    TrObject *d = module_dict(m);
    TrObject *tmax = float_new(ts, TR_TIMEOUT_MAX);
    if (module_add_functions(ts, m, thread_functions) < 0 || !tmax ||
        dict_set_cstr(ts, d, "LockType", (TrObject *)&tr_lock_type) < 0 ||
        dict_set_cstr(ts, d, "lock", (TrObject *)&tr_lock_type) < 0 ||
        dict_set_cstr(ts, d, "TIMEOUT_MAX", tmax) < 0 ||
        dict_set_cstr(ts, d, "error", (TrObject *)&tr_exc_RuntimeError) < 0) {
        tr_xdecref(tmax);
        tr_decref(m);
        return NULL;
    }
    tr_decref(tmax);
    return m;
}
