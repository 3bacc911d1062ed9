/* stdlib/posargs.h: argument binding shared by stdlib/binascii.c,
 * stdlib/zlib.c, stdlib/_hashlib.c, stdlib/_socket.c and stdlib/mmap.c, worded as Argument Clinic words it for
 * functions with positional-only parameters (`data, /`), which
 * args_parse_clinic (stdlib/args.c) does not model, plus the integer
 * conversions those modules need ("Python int too large to convert to C
 * int").  Static functions: each including file gets its own copy.
 * Stateless; any thread. */
#ifndef TORII_STDLIB_POSARGS_H
#define TORII_STDLIB_POSARGS_H
#include <limits.h>
#include "torii/torii.h"

/* PyArg_ParseTuple's count check for a function of `min`..`max` positional
 * arguments and no keywords: "recv() takes at least 1 argument (0 given)",
 * "recv() takes no keyword arguments".  0, or -1 with that TypeError. */
static int __attribute__((unused))
posargs_count(TrThread *ts, const char *fname, size_t nargs, TrObject *kw, size_t min, size_t max) {
    if (kw && tuple_size(kw)) {
        err_format(ts, &tr_exc_TypeError, "%s() takes no keyword arguments", fname);
        return -1;
    }
    if (nargs >= min && nargs <= max) return 0;
    size_t n = nargs < min ? min : max;
    const char *how = min == max ? "exactly" : nargs < min ? "at least" : "at most";
    err_format(ts, &tr_exc_TypeError, "%s() takes %s %zu argument%s (%zu given)", fname, how, n, n == 1 ? "" : "s",
               nargs);
    return -1;
}

/* Binds `args`/`kwnames` to `names[0..npos + nkwonly)`: the first `nposonly`
 * are positional-only, the first `nreq` (<= npos) are required, the last
 * `nkwonly` keyword-only.  `out[i]` is the argument or NULL when absent
 * (borrowed).  0, or -1 with CPython's TypeError. */
static int __attribute__((unused))
posargs_parse(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kwnames,
              const char *const *names, size_t nposonly, size_t npos, size_t nreq, size_t nkwonly,
              TrObject **out) {
    size_t maxargs = npos + nkwonly, nkw = kwnames ? tuple_size(kwnames) : 0;
    size_t minposonly = nposonly < nreq ? nposonly : nreq;
    for (size_t i = 0; i < maxargs; i++) out[i] = NULL;
    if (nargs + nkw > maxargs) {
        err_format(ts, &tr_exc_TypeError, "%s() takes %s %zu %sargument%s (%zu given)", fname,
                   minposonly < maxargs ? "at most" : "exactly", maxargs, nargs == 0 ? "keyword " : "",
                   maxargs == 1 ? "" : "s", nargs + nkw);
        return -1;
    }
    if (nargs > npos) {
        if (npos == 0)
            err_format(ts, &tr_exc_TypeError, "%s() takes no positional arguments", fname);
        else
            err_format(ts, &tr_exc_TypeError, "%s() takes %s %zu positional argument%s (%zu given)", fname,
                       nreq < npos ? "at most" : "exactly", npos, npos == 1 ? "" : "s", nargs);
        return -1;
    }
    if (nargs < minposonly) {
        err_format(ts, &tr_exc_TypeError, "%s() takes %s %zu positional argument%s (%zu given)", fname,
                   minposonly < npos ? "at least" : "exactly", minposonly, minposonly == 1 ? "" : "s", nargs);
        return -1;
    }
    for (size_t i = 0; i < nargs; i++) out[i] = args[i];
    for (size_t k = 0; k < nkw; k++) {
        TrObject *key = tuple_get(kwnames, k);
        size_t i = nposonly;
        while (i < maxargs && !str_equal_cstr(key, names[i])) i++;
        if (i == maxargs) {
            err_format(ts, &tr_exc_TypeError, "%s() got an unexpected keyword argument '%S'", fname, key);
            return -1;
        }
        if (out[i]) {
            err_format(ts, &tr_exc_TypeError, "argument for %s() given by name ('%s') and position (%zu)",
                       fname, names[i], i + 1);
            return -1;
        }
        out[i] = args[nargs + k];
    }
    for (size_t i = 0; i < nreq; i++)
        if (!out[i]) {
            err_format(ts, &tr_exc_TypeError, "%s() missing required argument '%s' (pos %zu)", fname, names[i],
                       i + 1);
            return -1;
        }
    return 0;
}

/* `o` as an int (via __index__ for non-ints), for Argument Clinic's `int`
 * converter: TypeError "'float' object cannot be interpreted as an
 * integer", OverflowError "Python int too large to convert to C int".
 * 0 or -1. */
static int __attribute__((unused)) posargs_int64(TrThread *ts, TrObject *o, int64_t *out, const char *ctype) {
    TrObject *i = NULL;
    if (!int_check(o)) {
        TrType *t = tr_type(o);
        if (!t->number || !t->number->index) {
            err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer", type_qualname(t));
            return -1;
        }
        if (!(i = t->number->index(ts, o))) return -1;
        o = i;
    }
    int overflow = 0;
    *out = int_as_i64_overflow(o, &overflow);
    tr_xdecref(i);
    if (overflow) {
        err_format(ts, &tr_exc_OverflowError, "Python int too large to convert to C %s", ctype);
        return -1;
    }
    return 0;
}

/* As posargs_int64, for a C int. */
static int __attribute__((unused)) posargs_int(TrThread *ts, TrObject *o, int *out) {
    int64_t v;
    if (posargs_int64(ts, o, &v, "int") < 0) return -1;
    if (v > INT_MAX || v < INT_MIN) {
        err_format(ts, &tr_exc_OverflowError, "Python int too large to convert to C int");
        return -1;
    }
    *out = (int)v;
    return 0;
}

/* The low 32 bits of int `o` (Clinic's `unsigned_int(bitwise=True)`): any
 * int is accepted, negative ones in two's complement.  0 or -1 (TypeError
 * for a non-int). */
static int __attribute__((unused)) posargs_u32_mask(TrThread *ts, TrObject *o, uint32_t *out) {
    if (!int_check(o)) {
        err_format(ts, &tr_exc_TypeError, "'%T' object cannot be interpreted as an integer", o);
        return -1;
    }
    if (tr_is_imm(o)) { *out = (uint32_t)tr_imm_value(o); return 0; }
    TrObject *m = tr_binop(ts, TR_BINOP_AND, o, tr_imm_from(0xffffffffLL));
    if (!m) return -1;
    *out = (uint32_t)tr_imm_value(m);
    tr_decref(m);
    return 0;
}

/* The bytes of a bytes-like `o` (bytes, bytearray) in `v`, for Clinic's
 * Py_buffer converter: TypeError "a bytes-like object is required, not
 * 'str'".  0 or -1; release `v` with bytes_view_release. */
static int __attribute__((unused)) posargs_buffer(TrThread *ts, TrObject *o, TrBytesView *v) {
    int rc = bytes_view(ts, o, v);
    if (rc < 0) return -1;
    if (rc == 0) {
        err_format(ts, &tr_exc_TypeError, "a bytes-like object is required, not '%T'", o);
        return -1;
    }
    return 0;
}

/* Makes exception class `qualname` ("binascii.Error") deriving from
 * `base`, with `__module__` set.  Returns a new reference or NULL. */
static __attribute__((unused)) TrObject *posargs_new_exception(TrThread *ts, const char *module, const char *name,
                                                               TrType *base) {
    TrObject *n = str_from_cstr(ts, name);
    TrObject *bases = tuple_new(ts, 1);
    TrObject *ns = dict_new(ts);
    TrObject *mn = str_from_cstr(ts, module);
    TrObject *cls = NULL;
    if (n && bases && ns && mn) {
        tuple_set_take(bases, 0, tr_newref((TrObject *)base));
        if (dict_set_cstr(ts, ns, "__module__", mn) == 0) {
            TrObject *a[3] = {n, bases, ns};
            cls = tr_call(ts, (TrObject *)&tr_type_type, a, 3, NULL);
        }
    }
    tr_xdecref(n); tr_xdecref(bases); tr_xdecref(ns); tr_xdecref(mn);
    return cls;
}

/* Raises an instance of class `cls` with message `msg`.  Returns NULL. */
static __attribute__((unused)) TrObject *posargs_raise(TrThread *ts, TrObject *cls, const char *msg) {
    TrObject *s = str_from_cstr(ts, msg);
    TrObject *exc = s ? tr_call(ts, cls, &s, 1, NULL) : NULL;
    tr_xdecref(s);
    if (exc) err_raise(ts, exc);
    return NULL;
}
#endif
