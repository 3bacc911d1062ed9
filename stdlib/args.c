/* stdlib/args.c: argument binding for builtin functions that CPython
 * writes in Python (random, os.path): positional-or-keyword and
 * keyword-only parameters, with the TypeError messages of a Python
 * function.  Stateless; any thread. */
#include "torii/torii.h"
#include "stdlib/stdlib.h"

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
            err_format(ts, &tr_exc_TypeError, "%s() got multiple values for argument '%s'", fname, names[i]);
            return -1;
        }
        out[i] = args[nargs + k];
    }
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

