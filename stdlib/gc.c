/* stdlib/gc.c: the gc module over the cycle collector (threads/gc.c).
 *
 * One generation: collect(generation) accepts 0, 1 and 2 and always runs a
 * full collection; get_count() is (tracked allocations minus frees since the
 * last collection, 0, 0); get_threshold() reports the three values that
 * set_threshold stored, and only the first triggers collections.
 * gc.callbacks are called around explicit collections (collect()), with
 * CPython's ("start"|"stop", {"generation", "collected", "uncollectable"}).
 * gc.garbage receives the garbage while DEBUG_SAVEALL is set.
 *
 * Threads: the module's `callbacks` and `garbage` lists are ordinary lists
 * (their own locks); the collector's state is atomic (tr_gc). */
#include <stdlib.h>
#include <string.h>

#include "torii/torii.h"
#include "torii/class.h"
#include "threads/gc.h"
#include "threads/brc.h"
#include "threads/qsbr.h"
#include "stdlib/stdlib.h"

static TrObject *garbage_list;     /* immortal: gc.garbage */
static TrObject *callbacks_list;   /* immortal: gc.callbacks */

/* gc_hooks.save: DEBUG_SAVEALL keeps the garbage in gc.garbage. */
static void save_garbage(TrThread *ts, TrObject *o) {
    if (list_append(ts, garbage_list, o) < 0) err_clear(ts);
}

/* Calls each of gc.callbacks with (phase, info); errors are unraisable. */
static void run_callbacks_gen(TrThread *ts, const char *phase, size_t collected, int generation) {
    if (list_size(callbacks_list) == 0) return;
    TrObject *cbs = list_from_iterable(ts, callbacks_list);   /* a callback may change the list */
    TrObject *info = dict_new(ts);
    TrObject *ph = str_from_cstr(ts, phase);
    TrObject *n = int_from_i64(ts, (int64_t)collected);
    if (!cbs || !info || !ph || !n || dict_set_cstr(ts, info, "generation", tr_imm_from(generation)) < 0 ||
        dict_set_cstr(ts, info, "collected", n) < 0 ||
        dict_set_cstr(ts, info, "uncollectable", tr_imm_from(0)) < 0) {
        err_clear(ts);
    } else {
        for (size_t i = 0; i < list_size(cbs); i++) {
            TrObject *cb = list_get(ts, cbs, (ssize_t)i);
            if (!cb) { err_clear(ts); break; }
            TrObject *args[2] = {ph, info};
            TrObject *r = tr_call(ts, cb, args, 2, NULL);
            if (r) tr_decref(r);
            else err_write_unraisable(ts, "Exception ignored in garbage collector callback", cb);
            tr_decref(cb);
        }
    }
    tr_xdecref(cbs);
    tr_xdecref(info);
    tr_xdecref(ph);
    tr_xdecref(n);
}

static void run_callbacks(TrThread *ts, const char *phase, size_t collected) {
    run_callbacks_gen(ts, phase, collected, 2);
}

/* gc_hooks.callbacks: around an automatic collection (the youngest
 * generation, as CPython's automatic collections mostly are). */
static void auto_callbacks(TrThread *ts, int start, size_t collected) {
    TrObject *pending = err_fetch(ts);
    run_callbacks_gen(ts, start ? "start" : "stop", collected, 0);
    if (pending) err_restore(ts, pending);
}

static TrObject *gc_collect_fn(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                               TrObject *kwnames) {
    if (tr_check_args(ts, "collect", nargs, kwnames, 0, 1) < 0) return NULL;
    if (nargs) {
        if (!int_check(args[0]))
            return err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                              tr_type_name(args[0]));
        int64_t g = int_as_i64(ts, args[0]);
        if (g == -1 && err_occurred(ts)) return NULL;
        if (g < 0 || g > 2) return err_format(ts, &tr_exc_ValueError, "invalid generation");
    }
    run_callbacks(ts, "start", 0);
    /* references that other threads took out of lists, held for a grace
     * period (threads/qsbr.c), go first: they may be the last to garbage */
    qsbr_drop_stopped(ts);
    size_t n = gc_collect(ts);
    /* deferred objects (classes, functions, modules) that nothing counts
     * any more go too, as CPython's full collection frees them */
    brc_reclaim_pass(ts);
    run_callbacks(ts, "stop", n);
    return int_from_i64(ts, (int64_t)n);
}

static TrObject *gc_enable(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_args(ts, "enable", nargs, kw, 0, 0) < 0) return NULL;
    atomic_store_u32_relaxed(&tr_gc.enabled, 1);
    return tr_newref(tr_none);
}

static TrObject *gc_disable(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_args(ts, "disable", nargs, kw, 0, 0) < 0) return NULL;
    atomic_store_u32_relaxed(&tr_gc.enabled, 0);
    return tr_newref(tr_none);
}

static TrObject *gc_isenabled(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_args(ts, "isenabled", nargs, kw, 0, 0) < 0) return NULL;
    return tr_newref(atomic_load_u32_relaxed(&tr_gc.enabled) ? tr_true : tr_false);
}

static TrObject *three_ints(TrThread *ts, int64_t a, int64_t b, int64_t c) {
    TrObject *v[3] = {int_from_i64(ts, a), int_from_i64(ts, b), int_from_i64(ts, c)};
    TrObject *t = v[0] && v[1] && v[2] ? tuple_from_array(ts, v, 3) : NULL;
    for (int i = 0; i < 3; i++) tr_xdecref(v[i]);
    return t;
}

static TrObject *gc_get_count(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_args(ts, "get_count", nargs, kw, 0, 0) < 0) return NULL;
    int64_t young = (int64_t)atomic_load_u64_relaxed((uint64_t *)&tr_gc.young);
    return three_ints(ts, young > 0 ? young : 0, 0, 0);
}

static TrObject *gc_get_threshold(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_args(ts, "get_threshold", nargs, kw, 0, 0) < 0) return NULL;
    return three_ints(ts, atomic_load_u32_relaxed(&tr_gc.threshold), tr_gc.threshold2, tr_gc.threshold3);
}

static TrObject *gc_set_threshold(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if ((kw && tuple_size(kw)) || nargs < 1 || nargs > 3)
        return err_format(ts, &tr_exc_TypeError, "gc.set_threshold requires 1 to 3 arguments");
    int64_t v[3];
    for (size_t i = 0; i < nargs; i++) {
        if (!int_check(args[i]))
            return err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                              tr_type_name(args[i]));
        v[i] = int_as_i64(ts, args[i]);
        if (v[i] == -1 && err_occurred(ts)) return NULL;
        if (v[i] < INT32_MIN || v[i] > INT32_MAX)
            return err_format(ts, &tr_exc_OverflowError, "signed integer is greater than maximum");
    }
    atomic_store_u32_relaxed(&tr_gc.threshold, v[0] < 0 ? 0 : (uint32_t)v[0]);
    if (nargs > 1) tr_gc.threshold2 = (uint32_t)v[1];
    if (nargs > 2) tr_gc.threshold3 = (uint32_t)v[2];
    return tr_newref(tr_none);
}

static TrObject *gc_get_debug(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_args(ts, "get_debug", nargs, kw, 0, 0) < 0) return NULL;
    return int_from_i64(ts, atomic_load_u32_relaxed(&tr_gc.debug));
}

static TrObject *gc_set_debug(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_args(ts, "set_debug", nargs, kw, 1, 1) < 0) return NULL;
    if (!int_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                          tr_type_name(args[0]));
    int64_t f = int_as_i64(ts, args[0]);
    if (f == -1 && err_occurred(ts)) return NULL;
    atomic_store_u32_relaxed(&tr_gc.debug, (uint32_t)f);
    return tr_newref(tr_none);
}

/* CPython tracks a dict only once it holds a container; torii tracks every
 * dict, and answers as CPython would. */
static int looks_tracked(TrThread *ts, TrObject *o) {
    if (!gc_is_tracked(o)) return 0;
    if (tr_type(o) != &tr_dict_type) return 1;
    size_t pos = 0;
    TrObject *k, *v;
    int any = 0;
    while (!any && dict_next(ts, o, &pos, &k, &v)) {
        any = gc_is_tracked(k) || gc_is_tracked(v);
        tr_decref(k);
        tr_decref(v);
    }
    return any;
}

static TrObject *gc_is_tracked_fn(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_args(ts, "is_tracked", nargs, kw, 1, 1) < 0) return NULL;
    return tr_newref(looks_tracked(ts, args[0]) ? tr_true : tr_false);
}

static TrObject *gc_is_finalized(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_args(ts, "is_finalized", nargs, kw, 1, 1) < 0) return NULL;
    TrObject *o = args[0];
    int fin = !tr_is_imm(o) && (atomic_load_u8_relaxed(&o->ob_gc_bits) & TR_GC_FINALIZED);
    return tr_newref(fin ? tr_true : tr_false);
}

/* ---- walking the heap -------------------------------------------------------- */

typedef struct Collect {
    TrObjVec objs;                /* each with a reference taken */
    TrObject *const *targets;     /* get_referrers: the objects looked for */
    size_t ntargets;
    int found;                    /* scratch of refers_visit */
    uint8_t set_bits, clear_bits; /* freeze / unfreeze */
    size_t frozen;                /* freeze_op: objects left frozen */
} Collect;

static void collect_push(Collect *c, TrObject *o) {
    size_t n = c->objs.n;
    gc_vec_push(&c->objs, o);
    if (c->objs.n > n) tr_incref(o);   /* taken with the world stopped: alive after the restart */
}

/* A list of the collected objects, dropping the references they hold. */
static TrObject *collect_finish(TrThread *ts, Collect *c, TrObject *skip) {
    TrObject *l = c->objs.failed ? NULL : list_new(ts, 0);
    for (size_t i = 0; i < c->objs.n; i++) {
        if (l && c->objs.v[i] != skip && list_append(ts, l, c->objs.v[i]) < 0) TR_CLEAR(l);
        tr_decref(c->objs.v[i]);
    }
    free(c->objs.v);
    if (!l && !err_occurred(ts)) err_nomemory(ts);
    return l;
}

static void each_object(TrObject *o, void *arg) { collect_push(arg, o); }

static TrObject *gc_get_objects(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_args(ts, "get_objects", nargs, kw, 0, 1) < 0) return NULL;
    if (nargs && args[0] != tr_none) {
        int64_t g = int_check(args[0]) ? int_as_i64(ts, args[0]) : -1;
        if (err_occurred(ts)) return NULL;
        if (g < 0) return err_format(ts, &tr_exc_ValueError, "generation parameter must be >= 0");
        if (g > 2) return err_format(ts, &tr_exc_ValueError, "generation parameter must be < 3");
    }
    Collect c = {0};
    gc_for_each(ts, each_object, &c);
    return collect_finish(ts, &c, NULL);
}

static void refers_visit(TrObject *r, void *arg) {
    Collect *c = arg;
    for (size_t i = 0; r && i < c->ntargets; i++)
        if (r == c->targets[i]) c->found = 1;
}

static void each_referrer(TrObject *o, void *arg) {
    Collect *c = arg;
    if (!o->ob_type->traverse) return;
    c->found = 0;
    o->ob_type->traverse(o, refers_visit, c);
    if (c->found) collect_push(c, o);
}

static TrObject *gc_get_referrers(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (kw && tuple_size(kw)) return err_format(ts, &tr_exc_TypeError, "get_referrers() takes no keyword arguments");
    Collect c = {0};
    c.targets = args;
    c.ntargets = nargs;
    gc_for_each(ts, each_referrer, &c);
    return collect_finish(ts, &c, NULL);
}

static void referent_visit(TrObject *r, void *arg) {
    if (r) collect_push(arg, r);   /* an immediate int: no count, pushed as it is */
}

static TrObject *gc_get_referents(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (kw && tuple_size(kw)) return err_format(ts, &tr_exc_TypeError, "get_referents() takes no keyword arguments");
    Collect c = {0};
    for (size_t i = 0; i < nargs; i++) {
        TrObject *o = args[i];
        if (!gc_is_tracked(o) || !o->ob_type->traverse) continue;
        /* the argument is held by the caller; its fields may change under
         * other threads, so read them under its lock */
        TR_BEGIN_CRITICAL(ts, o);
        o->ob_type->traverse(o, referent_visit, &c);
        TR_END_CRITICAL(ts);
    }
    return collect_finish(ts, &c, NULL);
}

static void each_freeze(TrObject *o, void *arg) {
    Collect *c = arg;
    o->ob_gc_bits = (uint8_t)((o->ob_gc_bits | c->set_bits) & ~c->clear_bits);
    if (o->ob_gc_bits & TR_GC_FROZEN) c->frozen++;
}

static TrObject *freeze_op(TrThread *ts, uint8_t set, uint8_t clear) {
    Collect c = {0};
    c.set_bits = set;
    c.clear_bits = clear;
    gc_for_each(ts, each_freeze, &c);
    return int_from_i64(ts, (int64_t)c.frozen);
}

static TrObject *gc_freeze(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_args(ts, "freeze", nargs, kw, 0, 0) < 0) return NULL;
    TrObject *r = freeze_op(ts, TR_GC_FROZEN, 0);
    if (!r) return NULL;
    tr_decref(r);
    return tr_newref(tr_none);
}

static TrObject *gc_unfreeze(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_args(ts, "unfreeze", nargs, kw, 0, 0) < 0) return NULL;
    TrObject *r = freeze_op(ts, 0, TR_GC_FROZEN);
    if (!r) return NULL;
    tr_decref(r);
    return tr_newref(tr_none);
}

static TrObject *gc_get_freeze_count(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_args(ts, "get_freeze_count", nargs, kw, 0, 0) < 0) return NULL;
    return freeze_op(ts, 0, 0);
}

static TrObject *gc_get_stats(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_args(ts, "get_stats", nargs, kw, 0, 0) < 0) return NULL;
    TrObject *l = list_new(ts, 0);
    for (int g = 0; l && g < 3; g++) {
        TrObject *d = dict_new(ts);
        int last = g == 2;
        TrObject *a = int_from_i64(ts, last ? (int64_t)atomic_load_u64_relaxed(&tr_gc.collections) : 0);
        TrObject *b = int_from_i64(ts, last ? (int64_t)atomic_load_u64_relaxed(&tr_gc.collected) : 0);
        int bad = !d || !a || !b || dict_set_cstr(ts, d, "collections", a) < 0 ||
                  dict_set_cstr(ts, d, "collected", b) < 0 ||
                  dict_set_cstr(ts, d, "uncollectable", tr_imm_from(0)) < 0 || list_append(ts, l, d) < 0;
        tr_xdecref(a);
        tr_xdecref(b);
        tr_xdecref(d);
        if (bad) TR_CLEAR(l);
    }
    return l;
}

static const TrMethodDef gc_functions[] = {
    {"collect", gc_collect_fn},
    {"enable", gc_enable},
    {"disable", gc_disable},
    {"isenabled", gc_isenabled},
    {"get_count", gc_get_count},
    {"get_threshold", gc_get_threshold},
    {"set_threshold", gc_set_threshold},
    {"get_debug", gc_get_debug},
    {"set_debug", gc_set_debug},
    {"is_tracked", gc_is_tracked_fn},
    {"is_finalized", gc_is_finalized},
    {"get_objects", gc_get_objects},
    {"get_referrers", gc_get_referrers},
    {"get_referents", gc_get_referents},
    {"freeze", gc_freeze},
    {"unfreeze", gc_unfreeze},
    {"get_freeze_count", gc_get_freeze_count},
    {"get_stats", gc_get_stats},
    {NULL, NULL},
};

TrObject *gc_module_init(TrThread *ts) {
    TrObject *m = module_new(ts, "gc");
    if (!m) return NULL;
    if (module_add_functions(ts, m, gc_functions) < 0) goto fail;
    TrObject *d = module_dict(m);
    if (!garbage_list) {
        garbage_list = list_new(ts, 0);
        callbacks_list = list_new(ts, 0);
        if (!garbage_list || !callbacks_list) goto fail;
        tr_make_immortal(garbage_list);
        tr_make_immortal(callbacks_list);
        gc_hooks.save = save_garbage;
        gc_hooks.callbacks = auto_callbacks;
    }
    struct { const char *name; int v; } consts[] = {
        {"DEBUG_STATS", TR_GC_DEBUG_STATS}, {"DEBUG_COLLECTABLE", TR_GC_DEBUG_COLLECTABLE},
        {"DEBUG_UNCOLLECTABLE", TR_GC_DEBUG_UNCOLLECTABLE}, {"DEBUG_SAVEALL", TR_GC_DEBUG_SAVEALL},
        {"DEBUG_LEAK", TR_GC_DEBUG_LEAK},
    };
    for (size_t i = 0; i < sizeof consts / sizeof consts[0]; i++)
        if (dict_set_cstr(ts, d, consts[i].name, tr_imm_from(consts[i].v)) < 0) goto fail;
    if (dict_set_cstr(ts, d, "garbage", garbage_list) < 0 || dict_set_cstr(ts, d, "callbacks", callbacks_list) < 0)
        goto fail;
    return m;
fail:
    tr_decref(m);
    return NULL;
}
