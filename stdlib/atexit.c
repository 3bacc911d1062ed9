/* stdlib/atexit.c: the `atexit` module: functions to call at interpreter
 * exit, last registered first, after the non-daemon threads have been
 * joined (core/runtime.c calls atexit_run_callbacks).
 * Threads: the registry, an array of (func, args, kwargs) tuples, is guarded
 * by `mu`, a leaf lock: no Python code runs and nothing is released while it
 * is held (unregister compares outside it, then removes by identity). */
#include <pthread.h>
#include <stdlib.h>
#include "stdlib/stdlib.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static TrObject **items;         /* guarded by mu: owned tuples */
static size_t nitems, capitems;  /* guarded by mu */
static size_t nholes;            /* guarded by mu: unregistered since the last clear (_ncallbacks counts
                                  * them, as CPython's registry keeps their slots) */

static int is_callable(TrObject *o) {
    TrType *t = tr_type(o);
    return t->call != NULL || t == &tr_type_type || tr_type_is_subtype(t, &tr_type_type);
}

/* atexit.register(func, *args, **kwargs): returns func. */
static TrObject *atexit_register(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                 TrObject *kw) {
    (void)self;
    if (nargs < 1) return err_format(ts, &tr_exc_TypeError, "register() takes at least 1 argument (0 given)");
    if (!is_callable(args[0])) return err_format(ts, &tr_exc_TypeError, "the first argument must be callable");
    size_t nkw = kw ? tuple_size(kw) : 0;
    TrObject *pos = tuple_from_array(ts, args + 1, nargs - 1);
    TrObject *kwd = nkw ? dict_new(ts) : tr_newref(tr_none);
    for (size_t i = 0; kwd && i < nkw; i++)
        if (dict_set(ts, kwd, tuple_get(kw, i), args[nargs + i]) < 0) TR_CLEAR(kwd);
    TrObject *item[3] = {args[0], pos, kwd};
    TrObject *t = pos && kwd ? tuple_from_array(ts, item, 3) : NULL;
    tr_xdecref(pos);
    tr_xdecref(kwd);
    if (!t) return NULL;
    pthread_mutex_lock(&mu);
    if (nitems == capitems) {
        size_t cap = capitems ? capitems * 2 : 8;
        TrObject **g = realloc(items, cap * sizeof *g);
        if (!g) {
            pthread_mutex_unlock(&mu);
            tr_decref(t);
            return err_nomemory(ts);
        }
        items = g;
        capitems = cap;
    }
    items[nitems++] = t;
    pthread_mutex_unlock(&mu);
    return tr_newref(args[0]);
}

/* A new reference to every registered tuple, oldest first, in *out (free
 * it); the count, or (size_t)-1 on MemoryError. */
static size_t snapshot(TrThread *ts, TrObject ***out) {
    pthread_mutex_lock(&mu);
    size_t n = nitems;
    TrObject **v = malloc((n ? n : 1) * sizeof *v);
    for (size_t i = 0; v && i < n; i++) v[i] = tr_newref(items[i]);
    pthread_mutex_unlock(&mu);
    if (!v) { err_nomemory(ts); return (size_t)-1; }
    *out = v;
    return n;
}

/* atexit.unregister(func): removes every registration of func (== ). */
static TrObject *atexit_unregister(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                   TrObject *kw) {
    (void)self;
    if (tr_check_no_kwargs(ts, "unregister", kw) < 0 || tr_check_nargs(ts, "unregister", nargs, 1, 1) < 0)
        return NULL;
    TrObject **v;
    size_t n = snapshot(ts, &v);
    if (n == (size_t)-1) return NULL;
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        int eq = failed ? 0 : tr_richcompare_bool(ts, tuple_get(v[i], 0), args[0], TR_EQ);
        if (eq < 0) failed = 1;
        if (eq <= 0) TR_CLEAR(v[i]);          /* kept: forget it */
    }
    /* v now holds the tuples to remove: take them out by identity */
    TrObject **gone = malloc((n ? n : 1) * sizeof *gone);
    size_t ngone = 0;
    pthread_mutex_lock(&mu);
    size_t k = 0;
    for (size_t i = 0; i < nitems; i++) {
        int drop = 0;
        for (size_t j = 0; gone && j < n && !drop; j++) drop = v[j] == items[i];
        if (drop) gone[ngone++] = items[i];
        else items[k++] = items[i];
    }
    nitems = k;
    nholes += ngone;
    pthread_mutex_unlock(&mu);
    /* outside the lock: these may be last references */
    for (size_t i = 0; i < ngone; i++) tr_decref(gone[i]);
    for (size_t i = 0; i < n; i++) tr_xdecref(v[i]);
    free(gone);
    free(v);
    if (failed) return NULL;
    return tr_newref(tr_none);
}

static void clear_all(void);

/* Reports the pending exception of callback `func` as CPython words it:
 * "Exception ignored in atexit callback <repr>:". */
static void report(TrThread *ts, TrObject *func) {
    TrObject *exc = err_fetch(ts);
    TrObject *r = tr_repr(ts, func);
    if (!r) err_clear(ts);
    TrObject *msg = r ? str_format(ts, "Exception ignored in atexit callback %S", r) : NULL;
    if (!msg) err_clear(ts);
    err_restore(ts, exc);
    err_write_unraisable(ts, msg ? str_utf8(msg) : "Exception ignored in atexit callback", NULL);
    tr_xdecref(msg);
    tr_xdecref(r);
}

void atexit_run_callbacks(TrThread *ts) {
    /* Last registered first.  As in CPython, what the callbacks register
     * meanwhile is not called, and the registry is empty afterwards. */
    TrObject **v;
    size_t n = snapshot(ts, &v);
    if (n == (size_t)-1) { err_clear(ts); return; }
    for (size_t i = n; i-- > 0;) {
        TrObject *t = v[i];
        TrObject *func = tuple_get(t, 0), *pos = tuple_get(t, 1), *kwd = tuple_get(t, 2);
        /* one unregistered meanwhile is skipped */
        pthread_mutex_lock(&mu);
        int still = 0;
        for (size_t j = 0; j < nitems && !still; j++) still = items[j] == t;
        pthread_mutex_unlock(&mu);
        if (still) {
            TrObject *r = tr_call_tuple_dict(ts, func, pos, kwd == tr_none ? NULL : kwd);
            if (r) tr_decref(r);
            else if (err_matches(ts, &tr_exc_SystemExit)) err_clear(ts);
            else report(ts, func);
        }
    }
    for (size_t i = 0; i < n; i++) tr_decref(v[i]);
    free(v);
    clear_all();
}

static TrObject *atexit_run_exitfuncs(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                      TrObject *kw) {
    (void)self; (void)args;
    if (tr_check_no_kwargs(ts, "_run_exitfuncs", kw) < 0 || tr_check_nargs(ts, "_run_exitfuncs", nargs, 0, 0) < 0)
        return NULL;
    atexit_run_callbacks(ts);
    return tr_newref(tr_none);
}

/* Empties the registry (atexit._clear, and after the exit run). */
static void clear_all(void) {
    pthread_mutex_lock(&mu);
    TrObject **v = items;
    size_t n = nitems;
    items = NULL;
    nitems = capitems = nholes = 0;
    pthread_mutex_unlock(&mu);
    for (size_t i = 0; i < n; i++) tr_decref(v[i]);
    free(v);
}

static TrObject *atexit_clear(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    (void)self; (void)args;
    if (tr_check_no_kwargs(ts, "_clear", kw) < 0 || tr_check_nargs(ts, "_clear", nargs, 0, 0) < 0) return NULL;
    clear_all();
    return tr_newref(tr_none);
}

static TrObject *atexit_ncallbacks(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                   TrObject *kw) {
    (void)self; (void)args;
    if (tr_check_no_kwargs(ts, "_ncallbacks", kw) < 0 || tr_check_nargs(ts, "_ncallbacks", nargs, 0, 0) < 0)
        return NULL;
    pthread_mutex_lock(&mu);
    size_t n = nitems + nholes;
    pthread_mutex_unlock(&mu);
    return int_from_i64(ts, (int64_t)n);
}

static const TrMethodDef atexit_functions[] = {
    {"register", atexit_register},
    {"unregister", atexit_unregister},
    {"_run_exitfuncs", atexit_run_exitfuncs},
    {"_clear", atexit_clear},
    {"_ncallbacks", atexit_ncallbacks},
    {NULL, NULL},
};

TrObject *atexit_module_init(TrThread *ts) {
    TrObject *m = module_new(ts, "atexit");
    if (!m) return NULL;
    if (module_add_functions(ts, m, atexit_functions) < 0) {
        tr_decref(m);
        return NULL;
    }
    return m;
}
