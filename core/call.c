/* core/call.c: binding call arguments to a Python function's parameters, with
 * CPython 3.13's error messages word for word, and the eval loop's general
 * call paths (CALL on any callable, CALL_EX's *args / **kwargs unpacking,
 * DICT_MERGE).
 * Threads: reads only the immutable code object and the function's defaults
 *   (each read once, with a counted reference held while used); writes only
 *   the new frame's locals, which no other thread can see yet.  The call
 *   paths read the caller's stack slots (owner only) and walk a
 *   shared ** dict item by item with dict_next (new references).
 * Lock order: no lock is held while calling out. */
#include "torii/torii.h"
#include "core/frame.h"
#include "core/vm.h"

#include <stdio.h>
#include <stdlib.h>
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
            r = str_format(ts, "%S.%S()", mod, atomic_load_objptr_acquire(&fn->qualname));
        else
            r = str_format(ts, "%S()", atomic_load_objptr_acquire(&fn->qualname));
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
    TrObject *q = atomic_load_objptr_acquire(&((TrFunction *)func)->qualname);
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
    /* acquire: pairs with the release in function.c's replace_field; a
     * replaced tuple stays alive until a reclaim pass (it is made deferred),
     * which cannot run before this binding is done */
    TrObject *defaults = atomic_load_objptr_acquire(&fn->defaults);
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
            TrObject *v = NULL, *kwdefaults = atomic_load_objptr_acquire(&fn->kwdefaults);
            if (kwdefaults) {
                v = dict_get(ts, kwdefaults, tuple_get(co->varnames, (size_t)i));
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

/* ---- the eval loop's call helpers ---------------------------------------- */

#define SMALL_ARGS 16

/* Calls `callable` with arguments `args[0..n)` (positional count `npos`),
 * all borrowed, dispatching without allocation where it can. */
static TrObject *call_object(TrThread *ts, TrObject *callable, TrObject *const *args, size_t npos,
                             TrObject *kwnames) {
    TrType *t = tr_type(callable);
    if (t == &tr_function_type) return vm_call_function(ts, callable, args, npos, kwnames);
    if (t == &tr_cfunction_type) {
        TrCFunction *cf = (TrCFunction *)callable;
        return cf->fn(ts, cf->self, args, npos, kwnames);
    }
    if (t == &tr_method_descr_type && npos >= 1) {
        TrMethodDescr *d = (TrMethodDescr *)callable;
        if (tr_isinstance(args[0], d->type)) return d->def->fn(ts, args[0], args + 1, npos - 1, kwnames);
    }
    return tr_call(ts, callable, args, npos, kwnames);
}

__attribute__((noinline)) TrObject *call_stack(TrThread *ts, TrStackRef *slot, size_t nargs, TrObject *kwnames) {
    TrObject *callable = sr_obj(slot[0]);
    int has_self = !sr_is_null(slot[1]);
    size_t total = nargs + (size_t)has_self;
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    TrObject *small[SMALL_ARGS];
    TrObject **v = small;
    TrObject *res = NULL;
    if (total > SMALL_ARGS) {
        v = malloc(total * sizeof *v);
        if (!v) { err_nomemory(ts); goto done; }
    }
    TrStackRef *a = slot + 2 - has_self;
    for (size_t i = 0; i < total; i++) v[i] = sr_obj(a[i]);
    TrType *t = tr_type(callable);
    if (t == &tr_method_descr_type && has_self) {
        /* LOAD_METHOD found a builtin method: call it without binding */
        TrMethodDescr *d = (TrMethodDescr *)callable;
        res = d->def->fn(ts, v[0], v + 1, total - 1 - nkw, kwnames);
    } else if (t == &tr_method_type && !has_self && total < SMALL_ARGS) {
        TrMethod *m = (TrMethod *)callable;
        TrObject *w[SMALL_ARGS + 1];
        w[0] = m->self;
        memcpy(w + 1, v, total * sizeof *v);
        res = call_object(ts, m->func, w, total + 1 - nkw, kwnames);
    } else {
        res = call_object(ts, callable, v, total - nkw, kwnames);
    }
done:
    if (v != small) free(v);
    for (size_t i = 0; i < nargs + 2; i++) sr_close(slot[i]);
    return res;
}

/* "f() argument after ** must be a mapping, not int" and friends. */
static void raise_call_arg_error(TrThread *ts, TrObject *callable, const char *fmt, TrObject *o) {
    TrObject *fs = call_func_str(ts, callable);
    if (!fs) return;
    err_format(ts, &tr_exc_TypeError, fmt, fs, o);
    tr_decref(fs);
}

__attribute__((noinline)) TrObject *call_ex(TrThread *ts, TrStackRef *slot, int has_kwargs) {
    TrObject *callable = sr_obj(slot[0]);
    TrObject *self = sr_obj(slot[1]);
    TrObject *pargs = sr_obj(slot[2]);
    TrObject *kwargs = has_kwargs ? sr_obj(slot[3]) : NULL;
    TrObject *tup = NULL, *kwnames = NULL, *res = NULL;
    TrObject **v = NULL;
    if (tr_type(pargs) == &tr_tuple_type) {
        tup = tr_newref(pargs);
    } else {
        TrType *pt = tr_type(pargs);
        if (!pt->iter && !pt->getitem) {
            raise_call_arg_error(ts, callable, "%S argument after * must be an iterable, not %T", pargs);
            goto done;
        }
        tup = tuple_from_iterable(ts, pargs);
        if (!tup) goto done;
    }
    size_t npos = tuple_size(tup), nkw = 0;
    if (kwargs && !dict_check(kwargs)) {
        raise_call_arg_error(ts, callable, "%S argument after ** must be a mapping, not %T", kwargs);
        goto done;
    }
    if (kwargs) nkw = dict_size(kwargs);
    size_t extra = self ? 1 : 0;
    v = malloc((npos + nkw + extra + 1) * sizeof *v);
    if (!v) { err_nomemory(ts); goto done; }
    if (self) v[0] = self;
    for (size_t i = 0; i < npos; i++) v[extra + i] = tuple_get(tup, i);
    size_t nk = 0;
    if (nkw) {
        kwnames = tuple_new(ts, nkw);
        if (!kwnames) goto done;
        size_t pos = 0;
        TrObject *k, *val;
        /* values stay alive through kwnames / the dict snapshot below */
        TrObject *vals = tuple_new(ts, nkw);
        if (!vals) goto done;
        while (nk < nkw && dict_next(ts, kwargs, &pos, &k, &val)) {
            if (!str_check(k)) {
                tr_decref(k);
                tr_decref(val);
                for (size_t i = nk; i < nkw; i++) {
                    tuple_set_take(kwnames, i, tr_newref(tr_none));
                    tuple_set_take(vals, i, tr_newref(tr_none));
                }
                tr_decref(vals);
                err_set(ts, &tr_exc_TypeError, "keywords must be strings");
                goto done;
            }
            tuple_set_take(kwnames, nk, k);
            tuple_set_take(vals, nk, val);
            v[extra + npos + nk] = val;
            nk++;
        }
        for (size_t i = nk; i < nkw; i++) {   /* the dict shrank meanwhile */
            tuple_set_take(kwnames, i, tr_newref(tr_none));
            tuple_set_take(vals, i, tr_newref(tr_none));
        }
        if (nk < nkw) {
            TrObject *k2 = tuple_from_array(ts, ((TrTuple *)kwnames)->items, nk);
            tr_decref(kwnames);
            kwnames = k2;
            if (!kwnames) { tr_decref(vals); goto done; }
        }
        if (nk == 0) TR_CLEAR(kwnames);
        res = call_object(ts, callable, v, npos + extra, kwnames);
        tr_decref(vals);
        goto done;
    }
    res = call_object(ts, callable, v, npos + extra, NULL);
done:
    free(v);
    tr_xdecref(tup);
    tr_xdecref(kwnames);
    for (int i = 0; i < 3 + has_kwargs; i++) sr_close(slot[i]);
    return res;
}

__attribute__((noinline)) int call_dict_merge(TrThread *ts, TrObject *d, TrObject *m, TrObject *callable) {
    if (!dict_check(m)) {
        TrObject *keys = tr_getattr_cstr(ts, m, "keys");
        if (!keys) {
            err_clear(ts);
            raise_call_arg_error(ts, callable, "%S argument after ** must be a mapping, not %T", m);
            return -1;
        }
        TrObject *kl = tr_call(ts, keys, NULL, 0, NULL);
        tr_decref(keys);
        if (!kl) return -1;
        TrObject *it = tr_iter(ts, kl);
        tr_decref(kl);
        if (!it) return -1;
        TrObject *k;
        while ((k = tr_next(ts, it))) {
            TrObject *val = tr_getitem(ts, m, k);
            int rc = -1;
            if (val) {
                TrObject *have = dict_get(ts, d, k);
                if (have) {
                    tr_decref(have);
                    TrObject *fs = call_func_str(ts, callable);
                    if (fs) {
                        err_format(ts, &tr_exc_TypeError, "%S got multiple values for keyword argument '%S'", fs, k);
                        tr_decref(fs);
                    }
                } else if (!err_occurred(ts)) {
                    rc = dict_set(ts, d, k, val);
                }
                tr_decref(val);
            }
            tr_decref(k);
            if (rc < 0) { tr_decref(it); return -1; }
        }
        tr_decref(it);
        return err_occurred(ts) ? -1 : 0;
    }
    size_t pos = 0;
    TrObject *k, *val;
    while (dict_next(ts, m, &pos, &k, &val)) {
        TrObject *have = dict_get(ts, d, k);
        int rc;
        if (have) {
            tr_decref(have);
            TrObject *fs = call_func_str(ts, callable);
            if (fs) {
                if (str_check(k))
                    err_format(ts, &tr_exc_TypeError, "%S got multiple values for keyword argument '%S'", fs, k);
                else
                    err_set(ts, &tr_exc_TypeError, "keywords must be strings");
                tr_decref(fs);
            }
            rc = -1;
        } else {
            rc = err_occurred(ts) ? -1 : dict_set(ts, d, k, val);
        }
        tr_decref(k);
        tr_decref(val);
        if (rc < 0) return -1;
    }
    return 0;
}
