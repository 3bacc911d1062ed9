/* stdlib/args.c: argument binding for builtin functions: args_parse with
 * the TypeError messages of a Python function (for what CPython writes in
 * Python: random, os.path), args_parse_clinic with those of Argument Clinic
 * (for what CPython writes in C: os, _thread, threading).  Both take
 * positional-or-keyword and keyword-only parameters.  Stateless; any thread. */
#include "torii/torii.h"
#include "stdlib/stdlib.h"

/* Puts the positional arguments and then the keyword ones in out[0..total),
 * names[i] naming out[i]; `clinic` picks how a repeated argument is worded.
 * 0, or -1 with TypeError. */
static int bind(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kwnames,
                const char *const *names, size_t total, int clinic, TrObject **out) {
    for (size_t i = 0; i < nargs; i++) out[i] = args[i];
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    for (size_t k = 0; k < nkw; k++) {
        TrObject *key = tuple_get(kwnames, k);
        size_t i = 0;
        while (i < total && !str_equal_cstr(key, names[i])) i++;
        if (i == total) {
            err_format(ts, &tr_exc_TypeError, "%s() got an unexpected keyword argument '%S'", fname, key);
            return -1;
        }
        if (out[i]) {
            if (clinic)
                err_format(ts, &tr_exc_TypeError, "argument for %s() given by name ('%s') and position (%zu)",
                           fname, names[i], i + 1);
            else
                err_format(ts, &tr_exc_TypeError, "%s() got multiple values for argument '%s'", fname, names[i]);
            return -1;
        }
        out[i] = args[nargs + k];
    }
    return 0;
}

int args_parse(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kwnames,
               const char *const *names, size_t npos, size_t nreq, size_t nkwonly, int self_counted,
               TrObject **out) {
    size_t total = npos + nkwonly, sc = self_counted ? 1 : 0;
    for (size_t i = 0; i < total; i++) out[i] = NULL;
    if (nargs > npos) {
        if (nreq == npos)
            err_format(ts, &tr_exc_TypeError, "%s() takes %zu positional argument%s but %zu %s given",
                       fname, npos + sc, npos + sc == 1 ? "" : "s", nargs + sc, nargs + sc == 1 ? "was" : "were");
        else
            err_format(ts, &tr_exc_TypeError, "%s() takes from %zu to %zu positional arguments but %zu were given",
                       fname, nreq + sc, npos + sc, nargs + sc);
        return -1;
    }
    if (bind(ts, fname, args, nargs, kwnames, names, total, 0, out) < 0) return -1;
    size_t missing = 0;
    for (size_t i = 0; i < nreq; i++) missing += out[i] == NULL;
    if (missing) {
        TrStrBuf b;
        strbuf_init(&b);
        size_t seen = 0;
        for (size_t i = 0; i < nreq; i++) {
            if (out[i]) continue;
            if (seen) strbuf_adds(&b, missing == 2 ? " and " : seen == missing - 1 ? ", and " : ", ");
            strbuf_addc(&b, '\'');
            strbuf_adds(&b, names[i]);
            strbuf_addc(&b, '\'');
            seen++;
        }
        TrObject *list = strbuf_finish(ts, &b);
        if (!list) return -1;
        err_format(ts, &tr_exc_TypeError, "%s() missing %zu required positional argument%s: %S",
                   fname, missing, missing == 1 ? "" : "s", list);
        tr_decref(list);
        return -1;
    }
    return 0;
}

int args_parse_clinic(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kwnames,
                      const char *const *names, size_t npos, size_t nreq, size_t nkwonly, TrObject **out) {
    size_t total = npos + nkwonly;
    for (size_t i = 0; i < total; i++) out[i] = NULL;
    if (nargs > npos) {
        if (npos == 0)
            err_format(ts, &tr_exc_TypeError, "%s() takes no positional arguments", fname);
        else
            err_format(ts, &tr_exc_TypeError, "%s() takes %s %zu %sargument%s (%zu given)", fname,
                       nreq < npos ? "at most" : "exactly", npos, nkwonly ? "positional " : "",
                       npos == 1 ? "" : "s", nargs);
        return -1;
    }
    if (bind(ts, fname, args, nargs, kwnames, names, total, 1, out) < 0) return -1;
    for (size_t i = 0; i < nreq; i++) {
        if (!out[i]) {
            err_format(ts, &tr_exc_TypeError, "%s() missing required argument '%s' (pos %zu)", fname, names[i],
                       i + 1);
            return -1;
        }
    }
    return 0;
}
