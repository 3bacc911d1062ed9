/* stdlib/threading.c: the `threading` module, in C (the language has no
 * classes yet): Thread, Lock, RLock, Event, Semaphore, BoundedSemaphore and
 * the module functions, plus threading_shutdown (wait for non-daemon threads
 * at exit).
 * Threads: a Thread object's fields (`target`, `args`, `kwargs`, `name`,
 * `daemon`, `started`, `handle`) are read and written under its critical
 * section; `handle` never changes once set.  The list of running Threads
 * (`active`) is guarded by `active_mu`; an entry copies `daemon` and holds a
 * handle reference so shutdown never reads an object under that mutex.
 * Event/Semaphore state is guarded by the object's pthread mutex; RLock's
 * `count` by the lock itself.  Every wait detaches the thread first.
 * Lock order: no object lock is held while taking `active_mu` or a pthread
 * mutex of an Event/Semaphore. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "stdlib/_thread.h"
#include "stdlib/stdlib.h"
#include "threads/lock.h"
#include "threads/tstate.h"
#include "threads/signals.h"
#include "threads/race.h"

enum { KIND_THREAD, KIND_MAIN, KIND_DUMMY };

typedef struct TrThreadObj {
    TrObject ob_base;
    TrObject *target, *args, *kwargs;   /* owned or NULL; dropped after run */
    TrObject *name;                     /* owned str */
    int daemon;
    int kind;                           /* KIND_*: the class name in repr */
    int started;
    TrThreadHandle *handle;             /* owned; NULL until started */
} TrThreadObj;

extern TrType tr_thread_obj_type;

static uint64_t name_counter;          /* atomic: _newname's counter */
static TrObject *main_obj;             /* immortal: the MainThread */

typedef struct Active { TrObject *t; TrThreadHandle *h; int daemon; } Active;
static pthread_mutex_t active_mu = PTHREAD_MUTEX_INITIALIZER;
static Active *active;                 /* guarded by active_mu; t owned */
static size_t active_len, active_cap;

/* ---- the Thread type ---- */

static void thread_obj_dealloc(TrThread *ts, TrObject *o) {
    TrThreadObj *t = (TrThreadObj *)o;
    tr_xdecref(t->target);
    tr_xdecref(t->args);
    tr_xdecref(t->kwargs);
    tr_xdecref(t->name);
    thread_handle_release(t->handle);
    tr_free(o);
}

static TrObject *new_name(TrThread *ts, const char *tmpl) {
    uint64_t n = atomic_add_u64(&name_counter, 1) + 1;
    return str_format(ts, tmpl, (unsigned long)n);
}

static TrObject *make_thread_obj(TrThread *ts, int kind, TrObject *name, int daemon, TrThread *running) {
    TrThreadObj *t = (TrThreadObj *)tr_alloc(ts, &tr_thread_obj_type);
    if (!t) return NULL;
    t->kind = kind;
    t->name = name;     /* stolen */
    t->daemon = daemon;
    if (running) {
        t->started = 1;
        t->handle = thread_handle_new();
        if (!t->handle) { tr_decref((TrObject *)t); return err_nomemory(ts); }
        t->handle->started = 1;
        t->handle->ident = running->ident;
        t->handle->native_id = running->native_id;
    }
    return (TrObject *)t;
}

static TrObject *current_thread_obj(TrThread *ts) {
    if (ts == tr_runtime.main_thread && main_obj) return tr_newref(main_obj);
    if (!ts->thread_obj) {
        TrObject *name = new_name(ts, "Dummy-%lu");
        if (!name) return NULL;
        ts->thread_obj = make_thread_obj(ts, KIND_DUMMY, name, 1, ts);
        if (!ts->thread_obj) return NULL;
    }
    return tr_newref(ts->thread_obj);
}

static int current_daemon(TrThread *ts) {
    TrObject *cur = current_thread_obj(ts);
    if (!cur) { err_clear(ts); return 0; }
    int d;
    TR_BEGIN_CRITICAL(ts, cur);
    d = ((TrThreadObj *)cur)->daemon;
    TR_END_CRITICAL(ts);
    tr_decref(cur);
    return d;
}

static TrObject *thread_obj_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"group", "target", "name", "args", "kwargs", "daemon"};
    TrObject *a[6];
    if (type != &tr_thread_obj_type) {
        /* a subclass (objects/class.c): a blank Thread that Thread.__init__,
         * called by the class's own __init__ or directly, fills in */
        TrThreadObj *t = (TrThreadObj *)tr_alloc(ts, type);
        if (!t) return NULL;
        t->kind = KIND_THREAD;
        t->name = str_from_cstr(ts, "");
        t->args = tuple_new(ts, 0);
        if (!t->name || !t->args) { tr_decref((TrObject *)t); return NULL; }
        return (TrObject *)t;
    }
    if (nargs > 5)
        return err_format(ts, &tr_exc_TypeError,
                          "Thread.__init__() takes from 1 to 6 positional arguments but %zu were given", nargs + 1);
    if (args_parse_clinic(ts, "Thread.__init__", args, nargs, kwnames, names, 6, 0, 0, a) < 0) return NULL;
    if (a[0] && a[0] != tr_none)
        return err_format(ts, &tr_exc_AssertionError, "group argument must be None for now");
    TrObject *target = a[1] && a[1] != tr_none ? a[1] : NULL;
    TrObject *name = NULL;
    int named = 0;
    if (a[2]) {
        named = tr_is_true(ts, a[2]);
        if (named < 0) return NULL;
    }
    if (named) {
        name = tr_str(ts, a[2]);
    } else {
        name = new_name(ts, "Thread-%lu");
        if (name && target) {
            TrObject *tn = tr_getattr_cstr(ts, target, "__name__");
            if (tn) {
                TrObject *full = str_format(ts, "%S (%S)", name, tn);
                tr_decref(tn);
                tr_decref(name);
                name = full;
            } else if (err_matches(ts, &tr_exc_AttributeError)) {
                err_clear(ts);
            } else {
                TR_CLEAR(name);
            }
        }
    }
    if (!name) return NULL;
    int daemon;
    if (a[5] && a[5] != tr_none) {
        daemon = tr_is_true(ts, a[5]);
        if (daemon < 0) { tr_decref(name); return NULL; }
    } else {
        daemon = current_daemon(ts);
    }
    TrThreadObj *t = (TrThreadObj *)make_thread_obj(ts, KIND_THREAD, name, daemon, NULL);
    if (!t) return NULL;
    t->target = target ? tr_newref(target) : NULL;
    t->args = a[3] ? tr_newref(a[3]) : tuple_new(ts, 0);
    t->kwargs = a[4] && a[4] != tr_none ? tr_newref(a[4]) : NULL;
    return (TrObject *)t;
}

/* Thread.__init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None),
 * for subclasses: builds a Thread the usual way and moves its fields into `self`. */
static TrObject *thread_init(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_type(self) == &tr_thread_obj_type) return tr_newref(tr_none);   /* done by new */
    TrThreadObj *tmp = (TrThreadObj *)thread_obj_new(ts, &tr_thread_obj_type, args, nargs, kwnames);
    if (!tmp) return NULL;
    TrThreadObj *t = (TrThreadObj *)self;
    TR_BEGIN_CRITICAL(ts, self);
    TrObject *x;
    x = t->target; t->target = tmp->target; tmp->target = x;
    x = t->args; t->args = tmp->args; tmp->args = x;
    x = t->kwargs; t->kwargs = tmp->kwargs; tmp->kwargs = x;
    x = t->name; t->name = tmp->name; tmp->name = x;
    t->daemon = tmp->daemon;
    TR_END_CRITICAL(ts);
    tr_decref((TrObject *)tmp);   /* outside the section: drops the old fields */
    return tr_newref(tr_none);
}

static TrObject *thread_obj_repr(TrThread *ts, TrObject *o) {
    TrThreadObj *t = (TrThreadObj *)o;
    static const char *const cls[] = {"Thread", "_MainThread", "_DummyThread"};
    TrObject *name;
    int started, daemon;
    TrThreadHandle *h;
    TR_BEGIN_CRITICAL(ts, o);
    name = tr_newref(t->name);
    started = t->started;
    daemon = t->daemon;
    h = t->handle;
    TR_END_CRITICAL(ts);
    const char *status = "initial";
    int has_ident = h && started;
    if (started) status = thread_handle_is_done(h) ? "stopped" : "started";
    const char *cn = (tr_type(o)->flags & TR_TPFLAG_HEAPTYPE) ? type_qualname(tr_type(o)) : cls[t->kind];
    TrObject *r = has_ident
        ? str_format(ts, "<%s(%S, %s%s %lu)>", cn, name, status, daemon ? " daemon" : "", h->ident)
        : str_format(ts, "<%s(%S, %s%s)>", cn, name, status, daemon ? " daemon" : "");
    tr_decref(name);
    return r;
}

/* Runs the target; new reference or NULL with the exception set. */
static TrObject *run_target(TrThread *ts, TrObject *self) {
    TrThreadObj *t = (TrThreadObj *)self;
    TrObject *target, *args, *kwargs;
    TR_BEGIN_CRITICAL(ts, self);
    target = t->target; t->target = NULL;
    args = t->args; t->args = NULL;
    kwargs = t->kwargs; t->kwargs = NULL;
    TR_END_CRITICAL(ts);
    TrObject *r = tr_none;
    if (target) {
        TrObject *tup = args && tuple_check(args) ? tr_newref(args)
                      : args ? tuple_from_iterable(ts, args) : tuple_new(ts, 0);
        r = tup ? tr_call_tuple_dict(ts, target, tup, kwargs) : NULL;
        tr_xdecref(tup);
    }
    /* As CPython's run(): drop the references so cycles through the target break. */
    tr_xdecref(target);
    tr_xdecref(args);
    tr_xdecref(kwargs);
    return r;
}

static void active_remove(TrObject *self) {
    TrObject *drop = NULL;
    TrThreadHandle *h = NULL;
    pthread_mutex_lock(&active_mu);
    for (size_t i = 0; i < active_len; i++) {
        if (active[i].t == self) {
            drop = active[i].t;
            h = active[i].h;
            active[i] = active[--active_len];
            break;
        }
    }
    pthread_mutex_unlock(&active_mu);
    /* Outside the mutex: this may free. */
    thread_handle_release(h);
    tr_xdecref(drop);
}

static void thread_body_fn(TrThread *ts, TrObject *self) {
    ts->thread_obj = tr_newref(self);
    TrObject *r;
    if (tr_type(self)->flags & TR_TPFLAG_HEAPTYPE) {
        /* a subclass: its own run() when it overrides it */
        TrObject *run = tr_getattr_cstr(ts, self, "run");
        r = run ? tr_call(ts, run, NULL, 0, NULL) : NULL;
        tr_xdecref(run);
    } else {
        r = run_target(ts, self);
    }
    if (r) {
        tr_decref(r);
    } else if (err_matches(ts, &tr_exc_SystemExit)) {
        err_clear(ts);
    } else {
        TrObject *exc = err_fetch(ts);
        TrObject *name;
        TR_BEGIN_CRITICAL(ts, self);
        name = tr_newref(((TrThreadObj *)self)->name);
        TR_END_CRITICAL(ts);
        TrStrBuf b;
        strbuf_init(&b);
        strbuf_adds(&b, "Exception in thread ");
        strbuf_addstr(&b, name);
        strbuf_adds(&b, ":\n");
        if (!b.failed) tr_write_report(ts, b.data, b.len);
        strbuf_free(&b);
        tr_decref(name);
        if (exc) exc_print(ts, exc);
        tr_xdecref(exc);
        err_clear(ts);
    }
    active_remove(self);
}

static TrObject *thread_start(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "start", nargs, kwnames, 0, 0) < 0) return NULL;
    TrThreadObj *t = (TrThreadObj *)self;
    TrThreadHandle *h = thread_handle_new();
    if (!h) return err_nomemory(ts);
    int already, daemon;
    TR_BEGIN_CRITICAL(ts, self);
    already = t->started;
    if (!already) {
        t->started = 1;
        t->handle = h;
        thread_handle_incref(h);
    }
    daemon = t->daemon;
    TR_END_CRITICAL(ts);
    if (already) {
        thread_handle_release(h);
        return err_format(ts, &tr_exc_RuntimeError, "threads can only be started once");
    }
    pthread_mutex_lock(&active_mu);
    if (active_len == active_cap) {
        size_t cap = active_cap ? active_cap * 2 : 16;
        Active *na = realloc(active, cap * sizeof *na);
        if (!na) {
            pthread_mutex_unlock(&active_mu);
            thread_handle_release(h);
            return err_nomemory(ts);
        }
        active = na;
        active_cap = cap;
    }
    active[active_len++] = (Active){tr_newref(self), h, daemon};   /* takes our handle reference */
    pthread_mutex_unlock(&active_mu);
    if (thread_launch(ts, thread_body_fn, tr_newref(self), h) < 0) {
        active_remove(self);
        return NULL;
    }
    return tr_none;
}

static TrThreadHandle *started_handle(TrThread *ts, TrObject *self) {
    TrThreadHandle *h;
    TR_BEGIN_CRITICAL(ts, self);
    h = ((TrThreadObj *)self)->handle;
    if (h) thread_handle_incref(h);
    TR_END_CRITICAL(ts);
    return h;
}

static TrObject *thread_join(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"timeout"};
    TrObject *a[1];
    if (args_parse_clinic(ts, "join", args, nargs, kwnames, names, 1, 0, 0, a) < 0) return NULL;
    int64_t timeout_ns = -1;
    if (a[0] && thread_parse_timeout(ts, a[0], 1, &timeout_ns) < 0) return NULL;
    TrThreadHandle *h = started_handle(ts, self);
    if (!h) return err_format(ts, &tr_exc_RuntimeError, "cannot join thread before it is started");
    if (h->ident == ts->ident && !thread_handle_is_done(h)) {
        thread_handle_release(h);
        return err_format(ts, &tr_exc_RuntimeError, "cannot join current thread");
    }
    int r = thread_handle_join(ts, h, timeout_ns);
    thread_handle_release(h);
    return r < 0 ? NULL : tr_none;
}

static TrObject *thread_is_alive(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "is_alive", nargs, kwnames, 0, 0) < 0) return NULL;
    TrThreadHandle *h = started_handle(ts, self);
    if (!h) return tr_false;
    int alive = !thread_handle_is_done(h);
    thread_handle_release(h);
    return tr_bool(alive);
}

static TrObject *thread_run(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "run", nargs, kwnames, 0, 0) < 0) return NULL;
    TrObject *r = run_target(ts, self);
    if (!r) return NULL;
    tr_decref(r);
    return tr_none;
}

static TrObject *thread_getattr(TrThread *ts, TrObject *self, TrObject *name) {
    TrThreadObj *t = (TrThreadObj *)self;
    if (str_equal_cstr(name, "name")) {
        TrObject *r;
        TR_BEGIN_CRITICAL(ts, self);
        r = tr_newref(t->name);
        TR_END_CRITICAL(ts);
        return r;
    }
    if (str_equal_cstr(name, "daemon")) {
        int d;
        TR_BEGIN_CRITICAL(ts, self);
        d = t->daemon;
        TR_END_CRITICAL(ts);
        return tr_bool(d);
    }
    if (str_equal_cstr(name, "ident") || str_equal_cstr(name, "native_id")) {
        TrThreadHandle *h = started_handle(ts, self);
        if (!h) return tr_none;
        TrObject *r = str_equal_cstr(name, "ident") ? int_from_u64(ts, h->ident) : int_from_i64(ts, h->native_id);
        thread_handle_release(h);
        return r;
    }
    return tr_generic_getattr(ts, self, name);
}

static int thread_setattr(TrThread *ts, TrObject *self, TrObject *name, TrObject *value) {
    TrThreadObj *t = (TrThreadObj *)self;
    if (value && str_equal_cstr(name, "name")) {
        TrObject *s = tr_str(ts, value);
        if (!s) return -1;
        TrObject *old;
        TR_BEGIN_CRITICAL(ts, self);
        old = t->name;
        t->name = s;
        TR_END_CRITICAL(ts);
        tr_decref(old);
        return 0;
    }
    if (value && str_equal_cstr(name, "daemon")) {
        int d = tr_is_true(ts, value);
        if (d < 0) return -1;
        int started;
        TR_BEGIN_CRITICAL(ts, self);
        started = t->started;
        if (!started) t->daemon = d;
        TR_END_CRITICAL(ts);
        if (started) {
            err_set(ts, &tr_exc_RuntimeError, "cannot set daemon status of active thread");
            return -1;
        }
        return 0;
    }
    if (tr_type(self)->dictoffset) return tr_generic_setattr(ts, self, name, value);   /* a subclass */
    err_format(ts, &tr_exc_AttributeError, "'Thread' object has no attribute '%S'", name);
    return -1;
}

static TrObject *thread_getname(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "getName", nargs, kwnames, 0, 0) < 0) return NULL;
    return thread_getattr(ts, self, str_intern_cstr(ts, "name"));
}

static const TrMethodDef thread_obj_methods[] = {
    {"__init__", thread_init},
    {"start", thread_start},
    {"join", thread_join},
    {"is_alive", thread_is_alive},
    {"run", thread_run},
    {"getName", thread_getname},
    {NULL, NULL}
};

TrType tr_thread_obj_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "Thread",
    .basicsize = sizeof(TrThreadObj),
    .flags = TR_TPFLAG_BASETYPE,
    .dealloc = thread_obj_dealloc,
    .repr = thread_obj_repr,
    .new_ = thread_obj_new,
    .getattr = thread_getattr,
    .setattr = thread_setattr,
    .methods = thread_obj_methods,
};

/* ---- RLock ---- */

typedef struct TrRLock {
    TrObject ob_base;
    uint8_t mutex;
    unsigned long owner;   /* atomic: ident of the holder, 0 if none */
    uint64_t count;        /* written by the holder only */
} TrRLock;

static void rlock_dealloc(TrThread *ts, TrObject *o) { tr_free(o); }

static TrObject *rlock_repr(TrThread *ts, TrObject *o) {
    TrRLock *l = (TrRLock *)o;
    unsigned long owner = atomic_load_uptr_relaxed((uintptr_t *)&l->owner);
    uint64_t count = owner ? atomic_load_u64_relaxed(&l->count) : 0;
    return str_format(ts, "<%s _thread.RLock object owner=%lu count=%lu at %p>",
                      owner ? "locked" : "unlocked", owner, (unsigned long)count, (void *)o);
}

static TrObject *rlock_acquire(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"blocking", "timeout"};
    TrObject *a[2];
    if (args_parse_clinic(ts, "acquire", args, nargs, kwnames, names, 2, 0, 0, a) < 0) return NULL;
    TrRLock *l = (TrRLock *)self;
    int blocking = 1;
    if (a[0] && (blocking = tr_is_true(ts, a[0])) < 0) return NULL;
    int64_t timeout_ns = -1;
    if (a[1]) {
        if (thread_parse_timeout(ts, a[1], 0, &timeout_ns) < 0) return NULL;
        if (!blocking && timeout_ns != -1)
            return err_format(ts, &tr_exc_ValueError, "can't specify a timeout for a non-blocking call");
    }
    if (atomic_load_uptr_relaxed((uintptr_t *)&l->owner) == ts->ident) {
        atomic_store_u64_relaxed(&l->count, l->count + 1);
        return tr_true;
    }
    int got = thread_acquire_lock_obj(ts, self, &l->mutex, "threading.RLock", blocking, timeout_ns);
    if (got < 0) return NULL;
    if (!got) return tr_false;
    atomic_store_uptr_relaxed((uintptr_t *)&l->owner, ts->ident);
    atomic_store_u64_relaxed(&l->count, 1);
    return tr_true;
}

static TrObject *rlock_release(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    TrRLock *l = (TrRLock *)self;
    if (atomic_load_uptr_relaxed((uintptr_t *)&l->owner) != ts->ident)
        return err_format(ts, &tr_exc_RuntimeError, "cannot release un-acquired lock");
    uint64_t c = l->count - 1;
    atomic_store_u64_relaxed(&l->count, c);
    if (c == 0) {
        atomic_store_uptr_relaxed((uintptr_t *)&l->owner, 0);
        RACE_RELEASE(ts, self);   /* the next holder's acquire pairs with it */
        mutex_unlock(&l->mutex);
    }
    return tr_none;
}

/* For threading.Condition (stdlib/py/threading.py): _is_owned();
 * _release_save() releases every level and returns the count;
 * _acquire_restore(count) takes the lock back with that count. */
static TrObject *rlock_is_owned(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return tr_bool(atomic_load_uptr_relaxed((uintptr_t *)&((TrRLock *)self)->owner) == ts->ident);
}

static TrObject *rlock_release_save(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    TrRLock *l = (TrRLock *)self;
    if (atomic_load_uptr_relaxed((uintptr_t *)&l->owner) != ts->ident)
        return err_format(ts, &tr_exc_RuntimeError, "cannot release un-acquired lock");
    uint64_t c = l->count;
    atomic_store_u64_relaxed(&l->count, 0);
    atomic_store_uptr_relaxed((uintptr_t *)&l->owner, 0);
    RACE_RELEASE(ts, self);
    mutex_unlock(&l->mutex);
    return int_from_i64(ts, (int64_t)c);
}

static TrObject *rlock_acquire_restore(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "_acquire_restore", nargs, kwnames, 1, 1) < 0) return NULL;
    int64_t c = int_as_i64(ts, args[0]);
    if (c == -1 && err_occurred(ts)) return NULL;
    TrRLock *l = (TrRLock *)self;
    thread_acquire_mutex(ts, &l->mutex, 1, -1);
    RACE_ACQUIRE(ts, self);
    atomic_store_uptr_relaxed((uintptr_t *)&l->owner, ts->ident);
    atomic_store_u64_relaxed(&l->count, (uint64_t)c);
    return tr_none;
}

static TrObject *rlock_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return tr_alloc(ts, type);
}

static const TrMethodDef rlock_methods[] = {
    {"acquire", rlock_acquire}, {"release", rlock_release},
    {"__enter__", rlock_acquire}, {"__exit__", rlock_release},
    {"_is_owned", rlock_is_owned}, {"_release_save", rlock_release_save},
    {"_acquire_restore", rlock_acquire_restore},
    {NULL, NULL}
};

static TrType tr_rlock_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "_thread.RLock", .basicsize = sizeof(TrRLock), .dealloc = rlock_dealloc,
    .repr = rlock_repr, .new_ = rlock_new, .methods = rlock_methods,
};

/* ---- Event and Semaphore: a pthread mutex + condition variable ---- */

typedef struct TrWaitable {
    TrObject ob_base;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int64_t value;       /* Event: the flag; Semaphore: the counter */
    int64_t bound;       /* BoundedSemaphore: the initial value; else -1 */
} TrWaitable;

static void waitable_dealloc(TrThread *ts, TrObject *o) {
    TrWaitable *w = (TrWaitable *)o;
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv);
    tr_free(o);
}

static TrObject *waitable_alloc(TrThread *ts, TrType *type, int64_t value, int64_t bound) {
    TrWaitable *w = (TrWaitable *)tr_alloc(ts, type);
    if (!w) return NULL;
    pthread_mutex_init(&w->mu, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&w->cv, &attr);
    pthread_condattr_destroy(&attr);
    w->value = value;
    w->bound = bound;
    return (TrObject *)w;
}

/* Waits (detached) until `w->value > 0` or the timeout; if `take`,
 * decrements it.  Returns 1 if the value was positive, 0 if not, -1 if the
 * main thread ran a signal handler meanwhile that raised (it waits in
 * slices, running handlers between them). */
static int waitable_wait(TrThread *ts, TrWaitable *w, int64_t timeout_ns, int take) {
    pthread_mutex_lock(&w->mu);
    int ok = w->value > 0;
    if (ok && take) w->value--;
    pthread_mutex_unlock(&w->mu);
    /* A value seen positive: the set() or release() that made it so
     * happens before (race detector). */
    if (ok) RACE_ACQUIRE(ts, w);
    if (ok || timeout_ns == 0) return ok;
    int64_t deadline = timeout_ns > 0 ? lock_now_ns() + timeout_ns : -1;
    for (;;) {
        int64_t now = lock_now_ns();
        int64_t slice = signals_slice_ns(ts, deadline < 0 ? -1 : deadline - now);
        int64_t until = slice < 0 ? -1 : now + slice;
        gil_release_for_blocking(ts);
        pthread_mutex_lock(&w->mu);
        while (w->value <= 0) {
            if (until < 0) {
                pthread_cond_wait(&w->cv, &w->mu);
            } else {
                struct timespec t = { until / 1000000000, until % 1000000000 };
                if (pthread_cond_timedwait(&w->cv, &w->mu, &t) == ETIMEDOUT) break;
            }
        }
        ok = w->value > 0;
        if (ok && take) w->value--;
        pthread_mutex_unlock(&w->mu);
        gil_reacquire_after_blocking(ts);
        if (ok) {
            RACE_ACQUIRE(ts, w);
            return 1;
        }
        if (deadline >= 0 && lock_now_ns() >= deadline) return 0;
        if (signals_check(ts) < 0) return -1;
    }
}

static TrObject *event_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "Event", nargs, kwnames, 0, 0) < 0) return NULL;
    return waitable_alloc(ts, type, 0, -2);   /* bound -2 marks an Event */
}

static TrObject *event_is_set(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "is_set", nargs, kwnames, 0, 0) < 0) return NULL;
    TrWaitable *w = (TrWaitable *)self;
    pthread_mutex_lock(&w->mu);
    int v = w->value > 0;
    pthread_mutex_unlock(&w->mu);
    if (v) RACE_ACQUIRE(ts, w);   /* as wait(): seen set, the set() happens before */
    return tr_bool(v);
}

static TrObject *event_set_value(TrThread *ts, TrObject *self, size_t nargs, TrObject *kwnames, const char *fname, int v) {
    if (tr_check_args(ts, fname, nargs, kwnames, 0, 0) < 0) return NULL;
    TrWaitable *w = (TrWaitable *)self;
    RACE_RELEASE(ts, w);   /* before the flag: a waiter that sees it acquires after */
    pthread_mutex_lock(&w->mu);
    w->value = v;
    if (v) pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
    return tr_none;
}
static TrObject *event_set(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return event_set_value(ts, self, nargs, kwnames, "set", 1);
}
static TrObject *event_clear(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return event_set_value(ts, self, nargs, kwnames, "clear", 0);
}

static TrObject *event_wait(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"timeout"};
    TrObject *a[1];
    if (args_parse_clinic(ts, "wait", args, nargs, kwnames, names, 1, 0, 0, a) < 0) return NULL;
    int64_t timeout_ns = -1;
    if (a[0] && thread_parse_timeout(ts, a[0], 1, &timeout_ns) < 0) return NULL;
    int r = waitable_wait(ts, (TrWaitable *)self, timeout_ns, 0);
    return r < 0 ? NULL : tr_bool(r);
}

static const TrMethodDef event_methods[] = {
    {"is_set", event_is_set}, {"isSet", event_is_set}, {"set", event_set},
    {"clear", event_clear}, {"wait", event_wait}, {NULL, NULL}
};

static TrObject *waitable_repr(TrThread *ts, TrObject *o) {
    TrWaitable *w = (TrWaitable *)o;
    pthread_mutex_lock(&w->mu);
    int64_t v = w->value;
    pthread_mutex_unlock(&w->mu);
    const char *cls = tr_type(o)->name;
    if (w->bound == -2)   /* Event */
        return str_format(ts, "<threading.Event at %p: %s>", (void *)o, v ? "set" : "unset");
    if (w->bound >= 0)
        return str_format(ts, "<threading.%s at %p: value=%ld/%ld>", cls, (void *)o, (long)v, (long)w->bound);
    return str_format(ts, "<threading.%s at %p: value=%ld>", cls, (void *)o, (long)v);
}

static TrType tr_event_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "Event", .basicsize = sizeof(TrWaitable), .dealloc = waitable_dealloc,
    .repr = waitable_repr, .new_ = event_new, .methods = event_methods,
};

static TrObject *sem_make(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames, int bounded) {
    static const char *const names[] = {"value"};
    TrObject *a[1];
    if (args_parse_clinic(ts, "Semaphore.__init__", args, nargs, kwnames, names, 1, 0, 0, a) < 0) return NULL;
    int64_t v = 1;
    if (a[0]) {
        v = int_as_i64(ts, a[0]);
        if (v == -1 && err_occurred(ts)) return NULL;
    }
    if (v < 0) return err_format(ts, &tr_exc_ValueError, "semaphore initial value must be >= 0");
    return waitable_alloc(ts, type, v, bounded ? v : -1);
}

static TrObject *sem_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return sem_make(ts, type, args, nargs, kwnames, 0);
}
static TrObject *bsem_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return sem_make(ts, type, args, nargs, kwnames, 1);
}

static TrObject *sem_acquire(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"blocking", "timeout"};
    TrObject *a[2];
    if (args_parse_clinic(ts, "acquire", args, nargs, kwnames, names, 2, 0, 0, a) < 0) return NULL;
    int blocking = 1;
    if (a[0] && (blocking = tr_is_true(ts, a[0])) < 0) return NULL;
    int64_t timeout_ns = -1;
    if (a[1] && a[1] != tr_none) {
        if (!blocking) return err_format(ts, &tr_exc_ValueError, "can't specify timeout for non-blocking acquire");
        if (thread_parse_timeout(ts, a[1], 1, &timeout_ns) < 0) return NULL;
    }
    if (!blocking) timeout_ns = 0;
    int r = waitable_wait(ts, (TrWaitable *)self, timeout_ns, 1);
    return r < 0 ? NULL : tr_bool(r);
}

static TrObject *sem_release(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    TrWaitable *w = (TrWaitable *)self;
    int64_t n = 1;
    /* __exit__ passes three arguments; release(n) one. */
    if (nargs == 1) {
        n = int_as_i64(ts, args[0]);
        if (n == -1 && err_occurred(ts)) return NULL;
        if (n < 1) return err_format(ts, &tr_exc_ValueError, "n must be one or more");
    }
    RACE_RELEASE(ts, w);   /* before the value: an acquire that sees it comes after */
    pthread_mutex_lock(&w->mu);
    if (w->bound >= 0 && w->value + n > w->bound) {
        pthread_mutex_unlock(&w->mu);
        return err_format(ts, &tr_exc_ValueError, "Semaphore released too many times");
    }
    w->value += n;
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
    return tr_none;
}

static const TrMethodDef sem_methods[] = {
    {"acquire", sem_acquire}, {"release", sem_release},
    {"__enter__", sem_acquire}, {"__exit__", sem_release}, {NULL, NULL}
};

static TrType tr_semaphore_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "Semaphore", .basicsize = sizeof(TrWaitable), .dealloc = waitable_dealloc,
    .repr = waitable_repr, .new_ = sem_new, .methods = sem_methods,
};
static TrType tr_bsemaphore_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "BoundedSemaphore", .basicsize = sizeof(TrWaitable), .dealloc = waitable_dealloc,
    .repr = waitable_repr, .new_ = bsem_new, .methods = sem_methods,
};

/* ---- module functions ---- */

void threading_thread_name(TrThread *ts, char *buf, size_t n) {
    TrObject *t = ts == tr_runtime.main_thread ? main_obj : ts->thread_obj;
    buf[0] = '\0';
    if (ts == tr_runtime.main_thread && !t) { snprintf(buf, n, "MainThread"); return; }
    if (!t || !tr_isinstance(t, &tr_thread_obj_type)) return;
    TrObject *name;
    TR_BEGIN_CRITICAL(ts, t);
    name = tr_newref(((TrThreadObj *)t)->name);
    TR_END_CRITICAL(ts);
    if (name && str_check(name)) snprintf(buf, n, "%s", str_utf8(name));
    tr_xdecref(name);
}

static TrObject *threading_current_thread(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "current_thread", nargs, kwnames, 0, 0) < 0) return NULL;
    return current_thread_obj(ts);
}

static TrObject *threading_main_thread(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "main_thread", nargs, kwnames, 0, 0) < 0) return NULL;
    return tr_newref(main_obj);
}

static TrObject *threading_enumerate(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "enumerate", nargs, kwnames, 0, 0) < 0) return NULL;
    TrObject *l = list_new(ts, 0);
    if (!l || list_append(ts, l, main_obj) < 0) goto fail;
    pthread_mutex_lock(&active_mu);
    size_t n = active_len;
    TrObject **snap = malloc((n ? n : 1) * sizeof *snap);
    if (snap) for (size_t i = 0; i < n; i++) snap[i] = tr_newref(active[i].t);
    pthread_mutex_unlock(&active_mu);
    if (!snap) { err_nomemory(ts); goto fail; }
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        if (!bad && list_append(ts, l, snap[i]) < 0) bad = 1;
        tr_decref(snap[i]);
    }
    free(snap);
    if (bad) goto fail;
    return l;
fail:
    tr_xdecref(l);
    return NULL;
}

static TrObject *threading_active_count(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "active_count", nargs, kwnames, 0, 0) < 0) return NULL;
    pthread_mutex_lock(&active_mu);
    size_t n = active_len + 1;
    pthread_mutex_unlock(&active_mu);
    return int_from_i64(ts, (int64_t)n);
}

static const TrMethodDef threading_functions[] = {
    {"current_thread", threading_current_thread},
    {"currentThread", threading_current_thread},
    {"main_thread", threading_main_thread},
    {"get_ident", thread_get_ident},            /* shared with _thread */
    {"get_native_id", thread_get_native_id},
    {"enumerate", threading_enumerate},
    {"active_count", threading_active_count},
    {"activeCount", threading_active_count},
    {NULL, NULL}
};

/* Runs threading._run_atexits() (stdlib/py/threading.py: the callables
 * given to threading._register_atexit, e.g. concurrent.futures stopping its
 * workers) if threading was imported.  Errors are printed and cleared. */
static void run_atexits(TrThread *ts) {
    TrObject *mod = dict_get_cstr(ts, tr_runtime.modules, "threading");
    if (!mod) { err_clear(ts); return; }
    TrObject *fn = dict_get_cstr(ts, module_dict(mod), "_run_atexits");
    tr_decref(mod);
    if (!fn) { err_clear(ts); return; }
    TrObject *r = tr_call(ts, fn, NULL, 0, NULL);
    tr_decref(fn);
    if (r) tr_decref(r);
    else { TrObject *e = err_fetch(ts); exc_print(ts, e); tr_decref(e); }
}

void threading_shutdown(TrThread *ts) {
    run_atexits(ts);
    for (;;) {
        TrThreadHandle *h = NULL;
        pthread_mutex_lock(&active_mu);
        for (size_t i = 0; i < active_len; i++) {
            if (!active[i].daemon) {
                h = active[i].h;
                thread_handle_incref(h);
                break;
            }
        }
        pthread_mutex_unlock(&active_mu);
        if (!h) return;
        int r = thread_handle_join(ts, h, -1);
        /* The entry leaves the list before the handle is marked done. */
        thread_handle_release(h);
        if (r < 0) {
            /* Ctrl-C while waiting: report it and stop waiting, as CPython
             * does (the remaining threads end with the process). */
            TrObject *e = err_fetch(ts);
            if (e) { tr_flush_stdout(); exc_print(ts, e); tr_decref(e); }
            return;
        }
    }
}

TrObject *threading_module_init(TrThread *ts) {
    TrType *types[] = {&tr_lock_type, &tr_thread_obj_type, &tr_rlock_type, &tr_event_type,
                       &tr_semaphore_type, &tr_bsemaphore_type};
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (type_ready(ts, types[i]) < 0) return NULL;
    if (!main_obj) {
        TrThread *mt = tr_runtime.main_thread;
        TrObject *name = str_from_cstr(ts, "MainThread");
        if (!name) return NULL;
        /* Made by whichever thread imports first; describes the main thread. */
        TrObject *m = make_thread_obj(ts, KIND_MAIN, name, 0, mt ? mt : ts);
        if (!m) return NULL;
        tr_make_immortal(m);
        atomic_store_ptr_release(&main_obj, m);
    }
    TrObject *m = module_new(ts, "threading");
    if (!m) return NULL;
    TrObject *d = module_dict(m);
    TrObject *tmax = float_new(ts, TR_TIMEOUT_MAX);
    if (module_add_functions(ts, m, threading_functions) < 0 || !tmax ||
        dict_set_cstr(ts, d, "Thread", (TrObject *)&tr_thread_obj_type) < 0 ||
        dict_set_cstr(ts, d, "Lock", (TrObject *)&tr_lock_type) < 0 ||
        dict_set_cstr(ts, d, "RLock", (TrObject *)&tr_rlock_type) < 0 ||
        dict_set_cstr(ts, d, "Event", (TrObject *)&tr_event_type) < 0 ||
        dict_set_cstr(ts, d, "Semaphore", (TrObject *)&tr_semaphore_type) < 0 ||
        dict_set_cstr(ts, d, "BoundedSemaphore", (TrObject *)&tr_bsemaphore_type) < 0 ||
        dict_set_cstr(ts, d, "TIMEOUT_MAX", tmax) < 0) {
        tr_xdecref(tmax);
        tr_decref(m);
        return NULL;
    }
    tr_decref(tmax);
    return m;
}
