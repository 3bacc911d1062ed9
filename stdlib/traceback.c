/* stdlib/traceback.c: the C part of the traceback module; the public
 * functions (format_exc, print_exc, format_exception, ...) are Python in
 * stdlib/py/traceback.py, executed in this module.  `_format` renders an
 * exception exactly as the interpreter's own report does (core/traceback.c),
 * `_format_frame` one frame of it.
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

/* _format_frame(code, lasti) -> str: one frame as a report shows it. */
static TrObject *tb_format_frame(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                 TrObject *kwnames) {
    if (tr_check_args(ts, "_format_frame", nargs, kwnames, 2, 2) < 0) return NULL;
    if (tr_type(args[0]) != &tr_code_type) return err_format(ts, &tr_exc_TypeError, "_format_frame: code expected");
    int64_t lasti = int_as_i64(ts, args[1]);
    if (lasti == -1 && err_occurred(ts)) return NULL;
    return exc_format_frame(ts, args[0], lasti < 0 ? -1 : (int)(lasti / 2));
}

static const TrMethodDef traceback_functions[] = {
    {"_format", tb_format},
    {"_format_frame", tb_format_frame},
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
