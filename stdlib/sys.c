/* stdlib/sys.c: the sys module.
 * Created once at start-up by the main thread and made immortal; its dict is
 * then read by every thread (sys.argv, sys.stdout) without counting.
 * Threads: setrecursionlimit changes the limit of the calling thread only. */
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "torii/torii.h"
#include "stdlib/stdlib.h"
#include "torii/file.h"

static TrObject *sys_exit(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "exit", nargs, kwnames, 0, 1) < 0) return NULL;
    TrObject *exc = exc_new(ts, &tr_exc_SystemExit, args, nargs);
    if (exc) err_restore(ts, exc);
    return NULL;
}

static TrObject *sys_getrecursionlimit(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "getrecursionlimit", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_from_i64(ts, ts->recursion_limit);
}

static TrObject *sys_setrecursionlimit(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "setrecursionlimit", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!int_check(args[0]) || tr_isinstance(args[0], &tr_bool_type)) {
        if (float_check(args[0])) return err_format(ts, &tr_exc_TypeError, "'float' object cannot be interpreted as an integer");
        return err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer", tr_type_name(args[0]));
    }
    int64_t v = int_as_i64(ts, args[0]);
    if (v == -1 && err_occurred(ts)) return NULL;
    if (v < 1) return err_format(ts, &tr_exc_ValueError, "recursion limit must be greater or equal than 1");
    if (v > INT_MAX) return err_format(ts, &tr_exc_OverflowError, "Python int too large to convert to C int");
    ts->recursion_limit = (int)v;
    return tr_none;
}

static TrObject *sys_getswitchinterval(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "getswitchinterval", nargs, kwnames, 0, 0) < 0) return NULL;
    return float_new(ts, gil_get_switch_interval());
}

static TrObject *sys_setswitchinterval(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "setswitchinterval", nargs, kwnames, 1, 1) < 0) return NULL;
    double v = float_as_double(ts, args[0]);
    if (v == -1.0 && err_occurred(ts)) return NULL;
    if (v <= 0.0) return err_format(ts, &tr_exc_ValueError, "switch interval must be strictly positive");
    gil_set_switch_interval(v);
    return tr_none;
}

static TrObject *sys_is_gil_enabled(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "_is_gil_enabled", nargs, kwnames, 0, 0) < 0) return NULL;
    return tr_bool(TR_GIL_ENABLED);
}

static TrObject *sys_intern(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "intern", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!tr_isinstance_exact(args[0], &tr_str_type))
        return err_format(ts, &tr_exc_TypeError, "intern() argument must be str, not %T", args[0]);
    return str_intern(ts, args[0]);
}

/* sys.exception(): the exception being handled, or None. */
static TrObject *sys_exception(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "exception", nargs, kwnames, 0, 0) < 0) return NULL;
    TrObject *h = ts->handled_exc;
    return tr_newref(h ? h : tr_none);
}

/* sys.exc_info(): (type, value, traceback); torii has no traceback objects,
 * so the third item is always None. */
static TrObject *sys_exc_info(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "exc_info", nargs, kwnames, 0, 0) < 0) return NULL;
    TrObject *h = ts->handled_exc;
    if (h == tr_none) h = NULL;
    TrObject *items[3] = {h ? (TrObject *)tr_type(h) : tr_none, h ? h : tr_none, tr_none};
    return tuple_from_array(ts, items, 3);
}

static const TrMethodDef sys_functions[] = {
    {"exit", sys_exit},
    {"exception", sys_exception},
    {"exc_info", sys_exc_info},
    {"getrecursionlimit", sys_getrecursionlimit},
    {"setrecursionlimit", sys_setrecursionlimit},
    {"getswitchinterval", sys_getswitchinterval},
    {"setswitchinterval", sys_setswitchinterval},
    {"_is_gil_enabled", sys_is_gil_enabled},
    {"intern", sys_intern},
    {NULL, NULL},
};

/* Sets d[name] = value and drops the reference to value (which may be NULL:
 * then the error is already set).  -1 on error. */
static int set_take(TrThread *ts, TrObject *d, const char *name, TrObject *value) {
    if (!value) return -1;
    int r = dict_set_cstr(ts, d, name, value);
    tr_decref(value);
    return r;
}

static TrObject *make_tuple5(TrThread *ts, TrObject *a, TrObject *b, TrObject *c, TrObject *d, TrObject *e) {
    TrObject *items[5] = {a, b, c, d, e};
    TrObject *t = tuple_from_array(ts, items, 5);
    for (int i = 0; i < 5; i++) tr_xdecref(items[i]);
    return t;
}

TrObject *sys_module_init(TrThread *ts, int argc, char **argv) {
    TrObject *m = module_new(ts, "sys");
    if (!m) return NULL;
    if (module_add_functions(ts, m, sys_functions) < 0) goto fail;
    TrObject *d = module_dict(m);
    TrObject *av = list_new(ts, 0);
    if (!av) goto fail;
    if (argc == 0) {
        if (list_append_take(ts, av, str_from_cstr(ts, "")) < 0) { tr_decref(av); goto fail; }
    }
    for (int i = 0; i < argc; i++) {
        if (list_append_take(ts, av, str_from_cstr(ts, argv[i])) < 0) { tr_decref(av); goto fail; }
    }
    if (set_take(ts, d, "argv", av) < 0) goto fail;
    if (set_take(ts, d, "version", str_from_cstr(ts, TR_GIL_ENABLED
            ? "3.13.0 (torii 0.1.0, GIL build)" : "3.13.0 (torii 0.1.0, free-threaded build)")) < 0) goto fail;
    if (set_take(ts, d, "version_info", make_tuple5(ts, tr_imm_from(3), tr_imm_from(13), tr_imm_from(0),
                 str_from_cstr(ts, "final"), tr_imm_from(0))) < 0) goto fail;
    if (set_take(ts, d, "platform", str_from_cstr(ts, "linux")) < 0) goto fail;
    if (set_take(ts, d, "byteorder", str_from_cstr(ts, "little")) < 0) goto fail;
    if (set_take(ts, d, "executable", str_from_cstr(ts, "torii")) < 0) goto fail;
    if (set_take(ts, d, "maxsize", int_from_i64(ts, INT64_MAX)) < 0) goto fail;
    if (set_take(ts, d, "path", list_new(ts, 0)) < 0) goto fail;
    if (dict_set_cstr(ts, d, "modules", tr_runtime.modules) < 0) goto fail;
    TrObject *out = stdio_stream_new(ts, 1, "<stdout>");
    TrObject *err = stdio_stream_new(ts, 2, "<stderr>");
    TrObject *in = file_stdin(ts);   /* objects/file.c: borrowed, immortal */
    if (!out || !err || !in) goto fail;
    if (dict_set_cstr(ts, d, "stdin", in) < 0 || dict_set_cstr(ts, d, "__stdin__", in) < 0) goto fail;
    if (dict_set_cstr(ts, d, "stdout", out) < 0 || dict_set_cstr(ts, d, "stderr", err) < 0 ||
        dict_set_cstr(ts, d, "__stdout__", out) < 0 || dict_set_cstr(ts, d, "__stderr__", err) < 0)
        goto fail;
    return m;
fail:
    tr_decref(m);
    return NULL;
}
