/* stdlib/traceback.c: the C part of the traceback module; the public
 * functions (format_exc, print_exc, format_exception, ...) are Python in
 * stdlib/py/traceback.py, executed in this module.  `_format` renders an
 * exception exactly as the interpreter's own report does (core/traceback.c).
 * Stateless: any thread. */
#include "torii/torii.h"
#include "stdlib/stdlib.h"

/* _format(exc, chain, only) -> str: the report of `exc` (with its causes
 * and contexts when `chain` is true; only the "Type: message" lines when
 * `only` is true). */
static TrObject *tb_format(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "_format", nargs, kwnames, 3, 3) < 0) return NULL;
    int chain = tr_is_true(ts, args[1]);
    if (chain < 0) return NULL;
    int only = tr_is_true(ts, args[2]);
    if (only < 0) return NULL;
    return exc_format(ts, args[0], chain, only);
}

static const TrMethodDef traceback_functions[] = {
    {"_format", tb_format},
    {NULL, NULL},
};

TrObject *traceback_module_init(TrThread *ts) {
    TrObject *m = module_new(ts, "traceback");
    if (!m) return NULL;
    if (module_add_functions(ts, m, traceback_functions) < 0) {
        tr_decref(m);
        return NULL;
    }
    return m;
}
