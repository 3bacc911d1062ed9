/* stdlib/_weakref.c: the `_weakref` module, the C half of `weakref`
 * (stdlib/py/weakref.py): `ref` (= ReferenceType, objects/weakref.c),
 * getweakrefcount and getweakrefs.
 * Threads: no module state; the answers are snapshots of the referent's list,
 * taken under its shard lock. */
#include "stdlib/stdlib.h"
#include "torii/weakref.h"

static TrObject *getweakrefcount(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                 TrObject *kw) {
    (void)self;
    if (tr_check_no_kwargs(ts, "getweakrefcount", kw) < 0 || tr_check_nargs(ts, "getweakrefcount", nargs, 1, 1) < 0)
        return NULL;
    return int_from_i64(ts, (int64_t)weakref_count(args[0]));
}

static TrObject *getweakrefs(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    (void)self;
    if (tr_check_no_kwargs(ts, "getweakrefs", kw) < 0 || tr_check_nargs(ts, "getweakrefs", nargs, 1, 1) < 0)
        return NULL;
    return weakref_list(ts, args[0]);
}

/* _remove_dead_weakref(dict, key): del dict[key] if its value is a dead
 * weak reference, in one critical section on the dict, so that a value
 * stored meanwhile by another thread is never removed in its place
 * (WeakValueDictionary's callbacks). */
static TrObject *remove_dead_weakref(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                     TrObject *kw) {
    (void)self;
    if (tr_check_no_kwargs(ts, "_remove_dead_weakref", kw) < 0 ||
        tr_check_nargs(ts, "_remove_dead_weakref", nargs, 2, 2) < 0)
        return NULL;
    if (!dict_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "_remove_dead_weakref() argument 1 must be dict, not %T", args[0]);
    TrObject *d = args[0], *key = args[1], *o = NULL, *v;
    int rc = 0;
    TR_BEGIN_CRITICAL(ts, d);
    v = dict_get(ts, d, key);
    if (v) {
        o = weakref_check(v) ? weakref_get_alive(ts, v) : NULL;
        if (weakref_check(v) && !o) rc = dict_del(ts, d, key);
    } else if (err_occurred(ts)) {
        rc = -1;
    }
    TR_END_CRITICAL(ts);
    /* outside the section: these may be last references */
    tr_xdecref(o);
    tr_xdecref(v);
    return rc < 0 ? NULL : tr_newref(tr_none);
}

static const TrMethodDef weakref_functions[] = {
    {"_remove_dead_weakref", remove_dead_weakref},
    {"getweakrefcount", getweakrefcount},
    {"getweakrefs", getweakrefs},
    {NULL, NULL},
};

TrObject *_weakref_module_init(TrThread *ts) {
    TrObject *m = module_new(ts, "_weakref");
    if (!m) return NULL;
    if (module_add_functions(ts, m, weakref_functions) < 0 ||
        dict_set_cstr(ts, module_dict(m), "ref", (TrObject *)&tr_weakref_type) < 0 ||
        dict_set_cstr(ts, module_dict(m), "ReferenceType", (TrObject *)&tr_weakref_type) < 0) {
        tr_decref(m);
        return NULL;
    }
    return m;
}
