/* core/call.c: binding call arguments to a Python function's parameters, with
 * CPython 3.13's error messages word for word.
 * Threads: reads only the immutable code object and the function's defaults
 *   (each read once, with a counted reference held while used); writes only
 *   the new frame's locals, which no other thread can see yet. */
#include "torii/torii.h"
#include "core/frame.h"

#include <stdio.h>
#include <string.h>

/* ---- names for messages ----------------------------------------------- */

TrObject *call_func_str(TrThread *ts, TrObject *callable) {
    TrType *t = tr_type(callable);
    if (t == &tr_function_type) {
        TrFunction *fn = (TrFunction *)callable;
        TrObject *mod = dict_get_cstr(ts, fn->globals, "__name__");
        if (!mod && err_occurred(ts)) err_clear(ts);
        TrObject *r;
        if (mod && str_check(mod) && !str_equal_cstr(mod, "builtins"))
            r = str_format(ts, "%S.%S()", mod, fn->qualname);
        else
            r = str_format(ts, "%S()", fn->qualname);
        tr_xdecref(mod);
        return r;
    }
    if (t == &tr_cfunction_type)
        return str_format(ts, "%s()", ((TrCFunction *)callable)->name);
    if (t == &tr_method_type)
        return call_func_str(ts, ((TrMethod *)callable)->func);
    return str_format(ts, "%s object", t->name);
}

/* The qualname of `fn`, for binding errors ("outer.<locals>.inner"). */
static const char *qualname_of(TrObject *func) {
    TrObject *q = ((TrFunction *)func)->qualname;
    return (q && str_check(q)) ? str_utf8(q) : "?";
}

/* Appends "'a'", "'a' and 'b'" or "'a', 'b', and 'c'" for `names[0..n)`. */
static void add_name_list(TrStrBuf *b, TrObject **names, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (i > 0) {
            if (n > 2) strbuf_adds(b, ",");
            if (i == n - 1) strbuf_adds(b, " and");
            strbuf_adds(b, " ");
        }
        strbuf_addc(b, '\'');
        strbuf_addstr(b, names[i]);
        strbuf_addc(b, '\'');
    }
}

static void raise_buf(TrThread *ts, TrStrBuf *b) {
    TrObject *msg = strbuf_finish(ts, b);
    if (!msg) return;
    err_set_value(ts, &tr_exc_TypeError, msg);
    tr_decref(msg);
}

/* "f() missing 2 required positional arguments: 'x' and 'y'" for the unset
 * parameters in [start, end) of `locals`. */
static void raise_missing(TrThread *ts, TrObject *func, TrCode *co, TrStackRef *locals,
                          int start, int end, const char *kind) {
    TrObject *names[64];
    size_t n = 0, total = 0;
    for (int i = start; i < end; i++) {
        if (!sr_is_null(locals[i])) continue;
        if (n < 64) names[n++] = tuple_get(co->varnames, (size_t)i);
        total++;
    }
    TrStrBuf b;
    strbuf_init(&b);
    char head[64];
    snprintf(head, sizeof head, "() missing %zu required %s argument%s: ", total, kind,
             total == 1 ? "" : "s");
    strbuf_adds(&b, qualname_of(func));
    strbuf_adds(&b, head);
    add_name_list(&b, names, n);
    raise_buf(ts, &b);
}

/* "f() takes from 1 to 2 positional arguments but 3 were given". */
static void raise_too_many(TrThread *ts, TrObject *func, TrCode *co, size_t given,
                           size_t ndefaults, size_t kwonly_given) {
    char buf[256];
    size_t hi = (size_t)co->argcount, lo = hi - ndefaults;
    TrStrBuf b;
    strbuf_init(&b);
    strbuf_adds(&b, qualname_of(func));
    if (lo != hi)
        snprintf(buf, sizeof buf, "() takes from %zu to %zu positional arguments", lo, hi);
    else
        snprintf(buf, sizeof buf, "() takes %zu positional argument%s", hi, hi == 1 ? "" : "s");
    strbuf_adds(&b, buf);
    if (kwonly_given)
        snprintf(buf, sizeof buf, " but %zu positional argument%s (and %zu keyword-only argument%s) were given",
                 given, given == 1 ? "" : "s", kwonly_given, kwonly_given == 1 ? "" : "s");
    else
        snprintf(buf, sizeof buf, " but %zu %s given", given, given == 1 ? "was" : "were");
    strbuf_adds(&b, buf);
    raise_buf(ts, &b);
}

/* Index of the parameter called `name` among the keyword-passable ones, or -1. */
static int find_param(TrCode *co, TrObject *name, int total) {
    for (int i = co->posonlyargcount; i < total; i++)
        if (tuple_get(co->varnames, (size_t)i) == name) return i;
    for (int i = co->posonlyargcount; i < total; i++)
        if (str_equal(tuple_get(co->varnames, (size_t)i), name)) return i;
    return -1;
}

int call_bind_args(TrThread *ts, TrObject *func, TrStackRef *locals,
                   TrObject *const *args, size_t nargs, TrObject *kwnames) {
    TrFunction *fn = (TrFunction *)func;
    TrCode *co = (TrCode *)fn->code;
    size_t argcount = (size_t)co->argcount;
    int total = co->argcount + co->kwonlyargcount;   /* named parameters */
    int idx_varargs = (co->flags & TR_CO_VARARGS) ? total : -1;
    int idx_varkw = (co->flags & TR_CO_VARKW) ? total + (idx_varargs >= 0) : -1;
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    TrObject *kwdict = NULL;

    /* positionals */
    size_t npos = nargs < argcount ? nargs : argcount;
    for (size_t i = 0; i < npos; i++) locals[i] = sr_from(args[i]);
    if (idx_varargs >= 0) {
        TrObject *rest = nargs > argcount ? tuple_from_array(ts, args + argcount, nargs - argcount)
                                          : tuple_new(ts, 0);
        if (!rest) return -1;
        locals[idx_varargs] = sr_steal(rest);
    }
    if (idx_varkw >= 0) {
        kwdict = dict_new(ts);
        if (!kwdict) return -1;
        locals[idx_varkw] = sr_steal(kwdict);
    }

    /* keywords */
    for (size_t k = 0; k < nkw; k++) {
        TrObject *name = tuple_get(kwnames, k), *value = args[nargs + k];
        int j = find_param(co, name, total);
        if (j < 0) {
            if (kwdict) {
                if (dict_set(ts, kwdict, name, value) < 0) return -1;
                continue;
            }
            /* a positional-only parameter passed by keyword? */
            TrObject *po[64];
            size_t npo = 0;
            for (size_t k2 = 0; k2 < nkw && npo < 64; k2++)
                for (int i = 0; i < co->posonlyargcount; i++)
                    if (str_equal(tuple_get(co->varnames, (size_t)i), tuple_get(kwnames, k2)))
                        po[npo++] = tuple_get(kwnames, k2);
            if (npo > 0) {
                TrStrBuf b;
                strbuf_init(&b);
                strbuf_adds(&b, qualname_of(func));
                strbuf_adds(&b, "() got some positional-only arguments passed as keyword arguments: '");
                for (size_t i = 0; i < npo; i++) {
                    if (i) strbuf_adds(&b, ", ");
                    strbuf_addstr(&b, po[i]);
                }
                strbuf_addc(&b, '\'');
                raise_buf(ts, &b);
                return -1;
            }
            err_format(ts, &tr_exc_TypeError, "%s() got an unexpected keyword argument '%S'",
                       qualname_of(func), name);
            return -1;
        }
        if (!sr_is_null(locals[j])) {
            err_format(ts, &tr_exc_TypeError, "%s() got multiple values for argument '%S'",
                       qualname_of(func), name);
            return -1;
        }
        locals[j] = sr_from(value);
    }

    /* too many positionals (checked after keywords, as CPython does) */
    TrObject *defaults = fn->defaults;
    size_t ndefaults = defaults ? tuple_size(defaults) : 0;
    if (nargs > argcount && idx_varargs < 0) {
        size_t kwonly_given = 0;
        for (int i = co->argcount; i < total; i++)
            if (!sr_is_null(locals[i])) kwonly_given++;
        raise_too_many(ts, func, co, nargs, ndefaults, kwonly_given);
        return -1;
    }

    /* defaults for the positional parameters */
    if (nargs < argcount) {
        size_t first_default = argcount - ndefaults;
        int missing = 0;
        for (size_t i = nargs; i < argcount; i++) {
            if (!sr_is_null(locals[i])) continue;
            if (i >= first_default)
                locals[i] = sr_from(tuple_get(defaults, i - first_default));
            else
                missing = 1;
        }
        if (missing) {
            raise_missing(ts, func, co, locals, 0, (int)argcount, "positional");
            return -1;
        }
    }

    /* keyword-only defaults */
    if (co->kwonlyargcount > 0) {
        int missing = 0;
        for (int i = co->argcount; i < total; i++) {
            if (!sr_is_null(locals[i])) continue;
            TrObject *v = NULL;
            if (fn->kwdefaults) {
                v = dict_get(ts, fn->kwdefaults, tuple_get(co->varnames, (size_t)i));
                if (!v && err_occurred(ts)) return -1;
            }
            if (v) locals[i] = sr_steal(v);
            else missing = 1;
        }
        if (missing) {
            raise_missing(ts, func, co, locals, co->argcount, total, "keyword-only");
            return -1;
        }
    }
    return 0;
}
