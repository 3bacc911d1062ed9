/* stdlib/_collections.c: the `_collections` module, the C half of
 * `collections` (stdlib/py/collections/__init__.py): deque (objects/deque.c)
 * and _count_elements, the counting loop of Counter.update.
 * Threads: no module state; the types are readied by the single first
 * importer (under the import lock). */
#include "stdlib/stdlib.h"

extern TrType tr_deque_type, tr_deque_iter_type;

/* _count_elements(mapping, iterable): mapping[x] = mapping.get(x, 0) + 1 for
 * each x.  A plain dict is updated directly; any other mapping through its
 * __getitem__/__setitem__ (KeyError meaning 0), as a Counter subclass needs. */
static TrObject *count_elements(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_no_kwargs(ts, "_count_elements", kw) < 0 ||
        tr_check_nargs(ts, "_count_elements", nargs, 2, 2) < 0)
        return NULL;
    TrObject *map = args[0];
    TrObject *it = tr_iter(ts, args[1]);
    if (!it) return NULL;
    TrObject *x, *one = int_from_i64(ts, 1);
    while ((x = tr_next(ts, it))) {
        TrObject *old = tr_getitem(ts, map, x), *n;
        if (!old) {
            if (!err_matches(ts, &tr_exc_KeyError)) goto error;
            err_clear(ts);
            n = tr_newref(one);
        } else {
            n = tr_binop(ts, TR_BINOP_ADD, old, one);
            tr_decref(old);
            if (!n) goto error;
        }
        int r = tr_setitem(ts, map, x, n);
        tr_decref(n);
        tr_decref(x);
        if (r < 0) { x = NULL; goto error; }
    }
    tr_decref(it);
    if (err_occurred(ts)) return NULL;
    return tr_newref(tr_none);
error:
    tr_xdecref(x);
    tr_decref(it);
    return NULL;
}

static const TrMethodDef collections_functions[] = {
    {"_count_elements", count_elements},
    {NULL, NULL},
};

TrObject *_collections_module_init(TrThread *ts) {
    if (type_ready(ts, &tr_deque_type) < 0 || type_ready(ts, &tr_deque_iter_type) < 0) return NULL;
    TrObject *m = module_new(ts, "_collections");
    if (!m) return NULL;
    if (module_add_functions(ts, m, collections_functions) < 0 ||
        dict_set_cstr(ts, module_dict(m), "deque", (TrObject *)&tr_deque_type) < 0) {
        tr_decref(m);
        return NULL;
    }
    return m;
}
