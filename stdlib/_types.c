/* stdlib/_types.c: `_types`, what stdlib/py/types.py needs from C:
 * _mark_iterable_coroutine(func), the heart of types.coroutine.
 * Threads: the function's code pointer is replaced under its critical
 * section with a release store; code objects are immortal, so a thread
 * still running the old code is unaffected.  Lock order: the function's
 * lock is a leaf. */
#include "torii/torii.h"
#include "stdlib/stdlib.h"

/* _mark_iterable_coroutine(func): gives generator function `func` a copy of
 * its code flagged TR_CO_ITERABLE_COROUTINE, so that its generators may be
 * awaited (objects/coro.c: coro_get_awaitable), as CPython's types.coroutine
 * does with co_flags.  Returns True if it did, False when `func` is not a
 * plain generator function (types.py then wraps it instead). */
static TrObject *types_mark(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "_mark_iterable_coroutine", nargs, kwnames, 1, 1) < 0) return NULL;
    TrObject *f = args[0];
    if (tr_type(f) != &tr_function_type) return tr_newref(tr_false);
    TrFunction *fn = (TrFunction *)f;
    TrCode *co = (TrCode *)atomic_load_objptr_acquire(&fn->code);
    if ((co->flags & (TR_CO_GENERATOR | TR_CO_COROUTINE | TR_CO_ASYNC_GENERATOR)) != TR_CO_GENERATOR)
        return tr_newref(tr_false);
    if (co->flags & TR_CO_ITERABLE_COROUTINE) return tr_newref(tr_true);
    TrObject *nc = code_with_flags(ts, (TrObject *)co, co->flags | TR_CO_ITERABLE_COROUTINE);
    if (!nc) return NULL;
    TR_BEGIN_CRITICAL(ts, f);
    /* release: a thread loading the new code sees it whole */
    atomic_store_ptr_release(&fn->code, nc);
    TR_END_CRITICAL(ts);
    return tr_newref(tr_true);
}

static const TrMethodDef types_functions[] = {
    {"_mark_iterable_coroutine", types_mark},
    {NULL, NULL},
};

TrObject *_types_module_init(TrThread *ts) {
    TrObject *m = module_new(ts, "_types");
    if (!m) return NULL;
    if (module_add_functions(ts, m, types_functions) < 0) {
        tr_decref(m);
        return NULL;
    }
    return m;
}
