/* stdlib/builtins.c: the builtins module: print, len, sorted, min, max, ...
 * and the names of the builtin types and exception classes.
 *
 * Every function here is a tr_methodfunc taking borrowed arguments.  The
 * module is created once at start-up and made immortal; its functions are
 * immortal too, so a loop calling len() in many threads writes nothing shared.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "torii/torii.h"
#include "torii/genericalias.h"
#include "torii/class.h"
#include "torii/excgroup.h"
#include "stdlib/stdlib.h"

#include "torii/iter.h"
#include "torii/set.h"
#include "torii/gen.h"
#include "torii/file.h"

/* ---- keyword arguments ---------------------------------------------------
 * parse_kw: matches the keyword arguments of a call against `names` (a
 * NULL-terminated list).  out[i] receives a borrowed value or stays NULL.
 * -1 with CPython's TypeError for an unknown keyword. */
static int parse_kw(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kwnames,
                    const char *const *names, TrObject **out) {
    if (!kwnames) return 0;
    size_t nkw = tuple_size(kwnames);
    for (size_t k = 0; k < nkw; k++) {
        TrObject *key = tuple_get(kwnames, k);
        size_t i = 0;
        for (; names[i]; i++)
            if (str_equal_cstr(key, names[i])) break;
        if (!names[i]) {
            err_format(ts, &tr_exc_TypeError, "%s() got an unexpected keyword argument '%S'", fname, key);
            return -1;
        }
        out[i] = args[nargs + k];
    }
    return 0;
}

static size_t nkwargs(TrObject *kwnames) { return kwnames ? tuple_size(kwnames) : 0; }

/* ---- print ------------------------------------------------------------- */

static TrObject *builtin_print(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"sep", "end", "file", "flush", NULL};
    TrObject *kw[4] = {NULL, NULL, NULL, NULL};
    if (parse_kw(ts, "print", args, nargs, kwnames, names, kw) < 0) return NULL;
    TrObject *sep = kw[0], *end = kw[1], *file = kw[2], *flush = kw[3];
    if (sep == tr_none) sep = NULL;
    if (end == tr_none) end = NULL;
    if (file == tr_none) file = NULL;
    if (sep && !str_check(sep))
        return err_format(ts, &tr_exc_TypeError, "sep must be None or a string, not %T", sep);
    if (end && !str_check(end))
        return err_format(ts, &tr_exc_TypeError, "end must be None or a string, not %T", end);
    TrStrBuf b;
    strbuf_init(&b);
    for (size_t i = 0; i < nargs; i++) {
        if (i) {
            if (sep) strbuf_addstr(&b, sep);
            else strbuf_addc(&b, ' ');
        }
        TrObject *s = tr_str(ts, args[i]);
        if (!s) { strbuf_free(&b); return NULL; }
        strbuf_addstr(&b, s);
        tr_decref(s);
    }
    if (end) strbuf_addstr(&b, end);
    else strbuf_addc(&b, '\n');
    TrObject *text = strbuf_finish(ts, &b);
    if (!text) return NULL;
    TrObject *sysout = file;
    if (!sysout) {
        sysout = dict_get_cstr(ts, module_dict(tr_runtime.sys), "stdout");
        if (!sysout) {
            tr_decref(text);
            if (!err_occurred(ts)) err_set(ts, &tr_exc_RuntimeError, "lost sys.stdout");
            return NULL;
        }
    } else {
        tr_incref(sysout);
    }
    TrObject *r;
    if (tr_type(sysout) == &tr_textio_type && !file) {
        /* The common case: write straight to the buffer. */
        r = tr_write_stdout(ts, str_utf8(text), str_nbytes(text)) < 0 ? NULL : tr_none;
    } else {
        TrObject *write = tr_getattr_cstr(ts, sysout, "write");
        r = write ? tr_call(ts, write, &text, 1, NULL) : NULL;
        tr_xdecref(write);
    }
    tr_decref(text);
    if (r && flush) {
        int f = tr_is_true(ts, flush);
        if (f < 0) { tr_decref(r); r = NULL; }
        else if (f) {
            TrObject *fl = tr_getattr_cstr(ts, sysout, "flush");
            TrObject *fr = fl ? tr_call(ts, fl, NULL, 0, NULL) : NULL;
            tr_xdecref(fl);
            if (!fr) { tr_decref(r); r = NULL; } else tr_decref(fr);
        }
    }
    tr_decref(sysout);
    if (!r) return NULL;
    tr_decref(r);
    return tr_none;
}

/* ---- simple one-argument functions -------------------------------------- */

static TrObject *builtin_len(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "len", nargs, kwnames, 1, 1) < 0) return NULL;
    ssize_t n = tr_len(ts, args[0]);
    return n < 0 ? NULL : int_from_i64(ts, n);
}

static TrObject *builtin_repr(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "repr", nargs, kwnames, 1, 1) < 0) return NULL;
    return tr_repr(ts, args[0]);
}

static TrObject *builtin_ascii(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "ascii", nargs, kwnames, 1, 1) < 0) return NULL;
    return tr_ascii(ts, args[0]);
}

static TrObject *builtin_abs(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "abs", nargs, kwnames, 1, 1) < 0) return NULL;
    return tr_abs(ts, args[0]);
}

static TrObject *builtin_hash(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "hash", nargs, kwnames, 1, 1) < 0) return NULL;
    int64_t h = tr_hash(ts, args[0]);
    return h == -1 ? NULL : int_from_i64(ts, h);
}

static TrObject *builtin_id(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "id", nargs, kwnames, 1, 1) < 0) return NULL;
    return int_from_u64(ts, (uint64_t)(uintptr_t)args[0]);
}

static TrObject *builtin_callable(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "callable", nargs, kwnames, 1, 1) < 0) return NULL;
    TrType *t = tr_type(args[0]);
    return tr_bool(t->call != NULL || t == &tr_type_type || tr_type_is_subtype(t, &tr_type_type));
}

static TrObject *builtin_iter(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "iter", nargs, kwnames, 1, 2) < 0) return NULL;
    if (nargs == 2) {
        TrType *t = tr_type(args[0]);
        if (!t->call && t != &tr_type_type && !tr_type_is_subtype(t, &tr_type_type))
            return err_format(ts, &tr_exc_TypeError, "iter(v, w): v must be callable");
        return calliter_new(ts, args[0], args[1]);
    }
    return tr_iter(ts, args[0]);
}

static TrObject *builtin_next(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "next", nargs, kwnames, 1, 2) < 0) return NULL;
    if (!tr_type(args[0])->iternext)
        return err_format(ts, &tr_exc_TypeError, "'%s' object is not an iterator", tr_type_name(args[0]));
    /* a generator's return value travels in StopIteration, not via iternext */
    TrObject *v = tr_type(args[0]) == &tr_generator_type ? gen_next(ts, args[0]) : tr_next(ts, args[0]);
    if (v || err_occurred(ts)) {
        if (!v && nargs == 2 && err_matches(ts, &tr_exc_StopIteration)) {
            err_clear(ts);
            return tr_newref(args[1]);
        }
        return v;
    }
    if (nargs == 2) return tr_newref(args[1]);
    err_restore(ts, exc_new(ts, &tr_exc_StopIteration, NULL, 0));
    return NULL;
}

/* cls.__instancecheck__(arg) or cls.__subclasscheck__(arg) when cls's
 * metaclass (a class) defines it: 1 or 0 by the result's truth, -1 on error,
 * 2 when there is none (type's own test applies). */
static int meta_check(TrThread *ts, TrObject *cls, const char *name, TrObject *arg) {
    TrType *mt = tr_type(cls);
    if (mt == &tr_type_type || !(mt->flags & TR_TPFLAG_HEAPTYPE)) return 2;
    TrObject *key = str_intern_cstr(ts, name);
    if (!key) return -1;
    TrObject *f = type_lookup(ts, mt, key);
    if (!f) return err_occurred(ts) ? -1 : 2;
    if (tr_type(f) == &tr_method_descr_type) { tr_decref(f); return 2; }
    TrObject *bound = type_bind_take(ts, f, cls);
    if (!bound) return -1;
    TrObject *r = tr_call(ts, bound, &arg, 1, NULL);
    tr_decref(bound);
    if (!r) return -1;
    int v = tr_is_true(ts, r);
    tr_decref(r);
    return v;
}

/* As CPython, isinstance also believes an object's __class__ when a class
 * overrides it (unittest.mock's spec'd mocks, proxies): 1 if that is a
 * subclass of `cls`, 0 if not or when no class overrides __class__ (the
 * common case costs one lookup in a class, none for a builtin type's
 * instance), -1 on error. */
static int claimed_class_is(TrThread *ts, TrObject *obj, TrType *cls) {
    /* a builtin type's instances cannot override it: no lookup at all */
    if (!(tr_type(obj)->flags & TR_TPFLAG_HEAPTYPE)) return 0;
    TrObject *name = str_intern_cstr(ts, "__class__");
    if (!name) return -1;
    TrObject *own = type_lookup(ts, tr_type(obj), name);
    if (!own) return err_occurred(ts) ? -1 : 0;
    tr_decref(own);
    TrObject *claimed = tr_getattr(ts, obj, name);
    if (!claimed) {
        if (!err_matches(ts, &tr_exc_AttributeError)) return -1;
        err_clear(ts);
        return 0;
    }
    int r = tr_isinstance(claimed, &tr_type_type) && (TrType *)claimed != tr_type(obj) &&
            ((TrType *)claimed == cls || tr_type_is_subtype((TrType *)claimed, cls));
    tr_decref(claimed);
    return r;
}

/* isinstance(obj, cls) with cls a type or a tuple of them: 1, 0, -1. */
static int isinstance_of(TrThread *ts, TrObject *obj, TrObject *cls) {
    if (tr_type(obj) == (TrType *)cls) return 1;
    int m = meta_check(ts, cls, "__instancecheck__", obj);
    if (m != 2) return m;
    if (tuple_check(cls)) {
        /* tuples nest: (int, (str, (float,))) */
        if (tr_enter_recursive(ts, " in __instancecheck__")) return -1;
        int r = 0;
        for (size_t i = 0; i < tuple_size(cls) && r == 0; i++) r = isinstance_of(ts, obj, tuple_get(cls, i));
        tr_leave_recursive(ts);
        return r;
    }
    if (tr_type(cls) == &tr_union_type) return isinstance_of(ts, obj, union_args(cls));
    if (tr_isinstance(cls, &tr_generic_alias_type)) {
        err_set(ts, &tr_exc_TypeError, "isinstance() argument 2 cannot be a parameterized generic");
        return -1;
    }
    if (!tr_isinstance(cls, &tr_type_type)) {
        err_set(ts, &tr_exc_TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union");
        return -1;
    }
    if (tr_isinstance(obj, (TrType *)cls)) return 1;
    return claimed_class_is(ts, obj, (TrType *)cls);
}

static TrObject *builtin_isinstance(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "isinstance", nargs, kwnames, 2, 2) < 0) return NULL;
    int r = isinstance_of(ts, args[0], args[1]);
    return r < 0 ? NULL : tr_bool(r);
}

/* issubclass(derived, cls) with cls a class or a tuple of them, tuples
 * nesting as for isinstance: 1, 0, -1. */
static int issubclass_of(TrThread *ts, TrObject *derived, TrObject *cls) {
    if (tuple_check(cls)) {
        if (tr_enter_recursive(ts, " in __subclasscheck__")) return -1;
        int r = 0;
        for (size_t i = 0; i < tuple_size(cls) && r == 0; i++) r = issubclass_of(ts, derived, tuple_get(cls, i));
        tr_leave_recursive(ts);
        return r;
    }
    if (tr_type(cls) == &tr_union_type) return issubclass_of(ts, derived, union_args(cls));
    int m = meta_check(ts, cls, "__subclasscheck__", derived);
    if (m != 2) return m;
    if (tr_isinstance(cls, &tr_generic_alias_type)) {
        err_set(ts, &tr_exc_TypeError, "issubclass() argument 2 cannot be a parameterized generic");
        return -1;
    }
    if (!tr_isinstance(derived, &tr_type_type)) {
        err_set(ts, &tr_exc_TypeError, "issubclass() arg 1 must be a class");
        return -1;
    }
    if (!tr_isinstance(cls, &tr_type_type)) {
        err_set(ts, &tr_exc_TypeError, "issubclass() arg 2 must be a class, a tuple of classes, or a union");
        return -1;
    }
    return tr_type_is_subtype((TrType *)derived, (TrType *)cls);
}

static TrObject *builtin_issubclass(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "issubclass", nargs, kwnames, 2, 2) < 0) return NULL;
    int r = issubclass_of(ts, args[0], args[1]);
    return r < 0 ? NULL : tr_bool(r);
}

/* ---- iteration-based functions ---------------------------------------- */

static TrObject *builtin_any_all(TrThread *ts, TrObject *const *args, size_t nargs, TrObject *kwnames, const char *name, int want) {
    if (tr_check_args(ts, name, nargs, kwnames, 1, 1) < 0) return NULL;
    TrObject *it = tr_iter(ts, args[0]);
    if (!it) return NULL;
    TrObject *v, *result = tr_bool(!want);
    while ((v = tr_next(ts, it))) {
        int t = tr_is_true(ts, v);
        tr_decref(v);
        if (t < 0) { tr_decref(it); return NULL; }
        if (t == want) { result = tr_bool(want); break; }
    }
    tr_decref(it);
    return err_occurred(ts) ? NULL : result;
}

static TrObject *builtin_any(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return builtin_any_all(ts, args, nargs, kwnames, "any", 1);
}

static TrObject *builtin_all(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return builtin_any_all(ts, args, nargs, kwnames, "all", 0);
}

static TrObject *builtin_sum(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"start", NULL};
    TrObject *kw[1] = {NULL};
    if (nargs < 1 || nargs > 2)
        return err_format(ts, &tr_exc_TypeError, nargs < 1 ? "sum() takes at least 1 positional argument (%zu given)"
                                                           : "sum() takes at most 2 arguments (%zu given)", nargs + nkwargs(kwnames));
    if (parse_kw(ts, "sum", args, nargs, kwnames, names, kw) < 0) return NULL;
    TrObject *start = nargs == 2 ? args[1] : kw[0] ? kw[0] : tr_imm_from(0);
    if (str_check(start))
        return err_format(ts, &tr_exc_TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
    TrObject *it = tr_iter(ts, args[0]);
    if (!it) return NULL;
    /* As CPython 3.12+: ints add exactly, floats with Neumaier's compensated
     * summation (so sum([0.1] * 10) == 1.0); anything else through `+`. */
    TrObject *acc = tr_newref(start), *v;
    double fsum = 0.0, comp = 0.0;
    int in_float = 0;   /* acc is NULL and the running value is fsum + comp */
    while ((v = tr_next(ts, it))) {
        if (!in_float && tr_isinstance_exact(acc, &tr_float_type) &&
            (tr_isinstance_exact(v, &tr_float_type) || tr_is_imm(v))) {
            fsum = float_value(acc);
            comp = 0.0;
            tr_decref(acc);
            acc = NULL;
            in_float = 1;
        }
        if (in_float) {
            if (tr_isinstance_exact(v, &tr_float_type) || tr_is_imm(v)) {
                double x = tr_is_imm(v) ? (double)tr_imm_value(v) : float_value(v);
                double t = fsum + x;
                if (fabs(fsum) >= fabs(x)) comp += (fsum - t) + x;
                else comp += (x - t) + fsum;
                fsum = t;
                tr_decref(v);
                continue;
            }
            acc = float_new(ts, (comp != 0.0 && isfinite(comp)) ? fsum + comp : fsum);
            in_float = 0;
            if (!acc) { tr_decref(v); tr_decref(it); return NULL; }
        }
        if (tr_is_imm(acc) && tr_is_imm(v)) {
            int64_t r;
            if (!__builtin_add_overflow(tr_imm_value(acc), tr_imm_value(v), &r) && tr_fits_imm(r)) {
                acc = tr_imm_from(r);
                continue;
            }
        }
        TrObject *next = tr_binop(ts, TR_BINOP_ADD, acc, v);
        tr_decref(v);
        tr_decref(acc);
        if (!next) { tr_decref(it); return NULL; }
        acc = next;
    }
    tr_decref(it);
    if (in_float) acc = err_occurred(ts) ? NULL : float_new(ts, (comp != 0.0 && isfinite(comp)) ? fsum + comp : fsum);
    if (err_occurred(ts)) { tr_xdecref(acc); return NULL; }
    return acc;
}

/* min() and max(): op is TR_LT for min, TR_GT for max. */
static TrObject *min_max(TrThread *ts, TrObject *const *args, size_t nargs, TrObject *kwnames, const char *name, int op) {
    static const char *const names[] = {"key", "default", NULL};
    TrObject *kw[2] = {NULL, NULL};
    if (parse_kw(ts, name, args, nargs, kwnames, names, kw) < 0) return NULL;
    TrObject *key = kw[0] == tr_none ? NULL : kw[0], *dflt = kw[1];
    if (nargs == 0)
        return err_format(ts, &tr_exc_TypeError, "%s expected at least 1 argument, got 0", name);
    if (nargs > 1 && dflt)
        return err_format(ts, &tr_exc_TypeError, "Cannot specify a default for %s() with multiple positional arguments", name);
    TrObject *seq = nargs == 1 ? args[0] : tuple_from_array(ts, args, nargs);
    if (!seq) return NULL;
    TrObject *it = tr_iter(ts, seq);
    if (nargs > 1) tr_decref(seq);
    if (!it) return NULL;
    TrObject *best = NULL, *bestkey = NULL, *v;
    while ((v = tr_next(ts, it))) {
        TrObject *k = v;
        if (key) {
            k = tr_call(ts, key, &v, 1, NULL);
            if (!k) { tr_decref(v); goto fail; }
        } else {
            tr_incref(k);
        }
        if (!best) {
            best = v;
            bestkey = k;
            continue;
        }
        int better = tr_richcompare_bool(ts, k, bestkey, op);
        if (better < 0) { tr_decref(v); tr_decref(k); goto fail; }
        if (better) {
            tr_decref(best); tr_decref(bestkey);
            best = v; bestkey = k;
        } else {
            tr_decref(v); tr_decref(k);
        }
    }
    if (err_occurred(ts)) goto fail;
    tr_decref(it);
    tr_xdecref(bestkey);
    if (!best) {
        if (dflt) return tr_newref(dflt);
        return err_format(ts, &tr_exc_ValueError, "%s() iterable argument is empty", name);
    }
    return best;
fail:
    tr_decref(it);
    tr_xdecref(best);
    tr_xdecref(bestkey);
    return NULL;
}

static TrObject *builtin_min(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return min_max(ts, args, nargs, kwnames, "min", TR_LT);
}

static TrObject *builtin_max(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return min_max(ts, args, nargs, kwnames, "max", TR_GT);
}

static TrObject *builtin_sorted(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"key", "reverse", NULL};
    TrObject *kw[2] = {NULL, NULL};
    if (nargs != 1)
        return err_format(ts, &tr_exc_TypeError, "sorted expected 1 argument, got %zu", nargs);
    if (parse_kw(ts, "sort", args, nargs, kwnames, names, kw) < 0) return NULL;
    int reverse = 0;
    if (kw[1]) {
        reverse = tr_is_true(ts, kw[1]);
        if (reverse < 0) return NULL;
    }
    TrObject *l = list_from_iterable(ts, args[0]);
    if (!l) return NULL;
    if (list_sort(ts, l, kw[0] == tr_none ? NULL : kw[0], reverse) < 0) { tr_decref(l); return NULL; }
    return l;
}

/* ---- numbers ------------------------------------------------------------ */

static TrObject *builtin_round(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"number", "ndigits", NULL};
    TrObject *kw[2] = {NULL, NULL};
    if (parse_kw(ts, "round", args, nargs, kwnames, names, kw) < 0) return NULL;
    if (nargs > 2)
        return err_format(ts, &tr_exc_TypeError, "round() takes at most 2 arguments (%zu given)", nargs + nkwargs(kwnames));
    TrObject *x = nargs >= 1 ? args[0] : kw[0];
    TrObject *nd = nargs >= 2 ? args[1] : kw[1];
    if (!x) return err_format(ts, &tr_exc_TypeError, "round() missing required argument 'number' (pos 1)");
    if (nd == tr_none) nd = NULL;
    if (float_check(x)) return float_round(ts, float_value(x), nd);
    if (int_check(x)) return int_round(ts, x, nd);
    /* a class's own __round__ (fractions.Fraction) */
    TrObject *name = str_intern_cstr(ts, "__round__");
    TrObject *m = name ? type_lookup(ts, tr_type(x), name) : NULL;
    if (m) {
        m = type_bind_take(ts, m, x);
        if (!m) return NULL;
        TrObject *r = tr_call(ts, m, &nd, nd ? 1 : 0, NULL);
        tr_decref(m);
        return r;
    }
    if (err_occurred(ts)) return NULL;
    return err_format(ts, &tr_exc_TypeError, "type %s doesn't define __round__ method", tr_type_name(x));
}

static TrObject *builtin_divmod(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "divmod", nargs, kwnames, 2, 2) < 0) return NULL;
    TrObject *q = tr_binop(ts, TR_BINOP_FLOORDIV, args[0], args[1]);
    if (!q) {
        if (err_matches(ts, &tr_exc_TypeError)) {
            err_clear(ts);
            return err_format(ts, &tr_exc_TypeError, "unsupported operand type(s) for divmod(): '%s' and '%s'",
                              tr_type_name(args[0]), tr_type_name(args[1]));
        }
        return NULL;
    }
    return tuple_pair_take(ts, q, tr_binop(ts, TR_BINOP_MOD, args[0], args[1]));
}

static TrObject *builtin_pow(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "pow", nargs, kwnames, 2, 3) < 0) return NULL;
    if (nargs == 2 || args[2] == tr_none) return tr_binop(ts, TR_BINOP_POW, args[0], args[1]);
    if (!int_check(args[0]) || !int_check(args[1]) || !int_check(args[2]))
        return err_format(ts, &tr_exc_TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
    return int_powmod(ts, args[0], args[1], args[2]);
}

static TrObject *builtin_chr(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "chr", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!int_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer", tr_type_name(args[0]));
    int overflow = 0;
    int64_t c = int_as_i64_overflow(args[0], &overflow);
    if (overflow || c < 0 || c > 0x10ffff) {
        if (overflow) return err_format(ts, &tr_exc_OverflowError, "Python int too large to convert to C int");
        return err_format(ts, &tr_exc_ValueError, "chr() arg not in range(0x110000)");
    }
    char buf[4];
    size_t n;
    if (c < 0x80) { buf[0] = (char)c; n = 1; }
    else if (c < 0x800) { buf[0] = (char)(0xc0 | (c >> 6)); buf[1] = (char)(0x80 | (c & 0x3f)); n = 2; }
    else if (c < 0x10000) {
        buf[0] = (char)(0xe0 | (c >> 12)); buf[1] = (char)(0x80 | ((c >> 6) & 0x3f));
        buf[2] = (char)(0x80 | (c & 0x3f)); n = 3;
    } else {
        buf[0] = (char)(0xf0 | (c >> 18)); buf[1] = (char)(0x80 | ((c >> 12) & 0x3f));
        buf[2] = (char)(0x80 | ((c >> 6) & 0x3f)); buf[3] = (char)(0x80 | (c & 0x3f)); n = 4;
    }
    return str_from_utf8(ts, buf, n);
}

static TrObject *builtin_ord(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "ord", nargs, kwnames, 1, 1) < 0) return NULL;
    TrObject *s = args[0];
    if (!str_check(s))
        return err_format(ts, &tr_exc_TypeError, "ord() expected string of length 1, but %s found", tr_type_name(s));
    if (str_length(s) != 1)
        return err_format(ts, &tr_exc_TypeError, "ord() expected a character, but string of length %zu found", str_length(s));
    const unsigned char *p = (const unsigned char *)str_utf8(s);
    int64_t c;
    if (p[0] < 0x80) c = p[0];
    else if (p[0] < 0xe0) c = ((p[0] & 0x1f) << 6) | (p[1] & 0x3f);
    else if (p[0] < 0xf0) c = ((p[0] & 0x0f) << 12) | ((p[1] & 0x3f) << 6) | (p[2] & 0x3f);
    else c = ((int64_t)(p[0] & 0x07) << 18) | ((p[1] & 0x3f) << 12) | ((p[2] & 0x3f) << 6) | (p[3] & 0x3f);
    return tr_imm_from(c);
}

/* hex(), oct(), bin(): format(x, '#x') etc. after __index__. */
static TrObject *int_to_base(TrThread *ts, TrObject *const *args, size_t nargs, TrObject *kwnames, const char *name, const char *spec) {
    if (tr_check_args(ts, name, nargs, kwnames, 1, 1) < 0) return NULL;
    if (!int_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer", tr_type_name(args[0]));
    TrObject *s = str_from_cstr(ts, spec);
    if (!s) return NULL;
    TrObject *r = tr_format(ts, args[0], s);
    tr_decref(s);
    return r;
}

static TrObject *builtin_hex(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return int_to_base(ts, args, nargs, kwnames, "hex", "#x");
}

static TrObject *builtin_oct(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return int_to_base(ts, args, nargs, kwnames, "oct", "#o");
}

static TrObject *builtin_bin(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return int_to_base(ts, args, nargs, kwnames, "bin", "#b");
}

static TrObject *builtin_format(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "format", nargs, kwnames, 1, 2) < 0) return NULL;
    TrObject *spec = nargs == 2 ? args[1] : NULL;
    if (spec && !str_check(spec))
        return err_format(ts, &tr_exc_TypeError, "format() argument 2 must be str, not %T", spec);
    if (spec) return tr_format(ts, args[0], spec);
    TrObject *empty = str_intern_cstr(ts, "");
    return empty ? tr_format(ts, args[0], empty) : NULL;
}

/* ---- attributes ------------------------------------------------------- */

static TrObject *builtin_getattr(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "getattr", nargs, kwnames, 2, 3) < 0) return NULL;
    if (!str_check(args[1]))
        return err_format(ts, &tr_exc_TypeError, "attribute name must be string, not '%s'", tr_type_name(args[1]));
    if (nargs < 3) return tr_getattr(ts, args[0], args[1]);
    TrObject *v = tr_getattr_opt(ts, args[0], args[1]);
    if (!v && !err_occurred(ts)) return tr_newref(args[2]);
    return v;
}

static TrObject *builtin_hasattr(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "hasattr", nargs, kwnames, 2, 2) < 0) return NULL;
    if (!str_check(args[1]))
        return err_format(ts, &tr_exc_TypeError, "attribute name must be string, not '%s'", tr_type_name(args[1]));
    TrObject *v = tr_getattr_opt(ts, args[0], args[1]);
    if (v) { tr_decref(v); return tr_true; }
    return err_occurred(ts) ? NULL : tr_false;
}

static TrObject *builtin_setattr(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "setattr", nargs, kwnames, 3, 3) < 0) return NULL;
    if (!str_check(args[1]))
        return err_format(ts, &tr_exc_TypeError, "attribute name must be string, not '%s'", tr_type_name(args[1]));
    return tr_setattr(ts, args[0], args[1], args[2]) < 0 ? NULL : tr_none;
}

static TrObject *builtin_input(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "input", nargs, kwnames, 0, 1) < 0) return NULL;
    if (nargs == 1) {
        TrObject *p = tr_str(ts, args[0]);
        if (!p) return NULL;
        int r = tr_write_stdout(ts, str_utf8(p), str_nbytes(p));
        tr_decref(p);
        if (r < 0) return NULL;
    }
    tr_flush_stdout();
    /* read through sys.stdin, as CPython does when it is not a terminal: one
     * buffer shared with sys.stdin.read*(), and a replaced sys.stdin is used */
    TrObject *sys = runtime_import(ts, str_intern_cstr(ts, "sys"));
    TrObject *in = sys ? tr_getattr_cstr(ts, sys, "stdin") : NULL;
    tr_xdecref(sys);
    if (!in) return NULL;
    if (in == tr_none) { tr_decref(in); return err_format(ts, &tr_exc_RuntimeError, "input(): lost sys.stdin"); }
    TrObject *rl = tr_getattr_cstr(ts, in, "readline");
    tr_decref(in);
    if (!rl) return NULL;
    TrObject *line = tr_call(ts, rl, NULL, 0, NULL);
    tr_decref(rl);
    if (!line) return NULL;
    if (!str_check(line)) {
        TrObject *e = err_format(ts, &tr_exc_TypeError, "object.readline() returned non-string");
        tr_decref(line);
        return e;
    }
    size_t n = str_nbytes(line);
    if (n == 0) { tr_decref(line); return err_format(ts, &tr_exc_EOFError, "EOF when reading a line"); }
    if (str_utf8(line)[n - 1] != '\n') return line;
    TrObject *r = str_from_utf8(ts, str_utf8(line), n - 1);
    tr_decref(line);
    return r;
}

static const TrMethodDef builtin_functions[] = {
    {"print", builtin_print},
    {"open", file_open},
    {"len", builtin_len},
    {"repr", builtin_repr},
    {"abs", builtin_abs},
    {"ascii", builtin_ascii},
    {"hash", builtin_hash},
    {"id", builtin_id},
    {"callable", builtin_callable},
    {"iter", builtin_iter},
    {"aiter", asyncgen_builtin_aiter},
    {"anext", asyncgen_builtin_anext},
    {"next", builtin_next},
    {"isinstance", builtin_isinstance},
    {"issubclass", builtin_issubclass},
    {"any", builtin_any},
    {"all", builtin_all},
    {"sum", builtin_sum},
    {"min", builtin_min},
    {"max", builtin_max},
    {"sorted", builtin_sorted},
    {"round", builtin_round},
    {"divmod", builtin_divmod},
    {"pow", builtin_pow},
    {"chr", builtin_chr},
    {"ord", builtin_ord},
    {"hex", builtin_hex},
    {"oct", builtin_oct},
    {"bin", builtin_bin},
    {"format", builtin_format},
    {"getattr", builtin_getattr},
    {"hasattr", builtin_hasattr},
    {"setattr", builtin_setattr},
    {"input", builtin_input},
    {NULL, NULL},
};

TrObject *builtins_module_init(TrThread *ts) {
    TrObject *m = module_new(ts, "builtins");
    if (!m) return NULL;
    if (module_add_functions(ts, m, builtin_functions) < 0) goto fail;
    TrObject *d = module_dict(m);
    struct { const char *name; TrType *type; } types[] = {
        {"object", &tr_object_type}, {"type", &tr_type_type}, {"int", &tr_int_type},
        {"bool", &tr_bool_type}, {"float", &tr_float_type}, {"complex", &tr_complex_type},
        {"str", &tr_str_type},
        {"tuple", &tr_tuple_type}, {"list", &tr_list_type}, {"dict", &tr_dict_type},
        {"range", &tr_range_type}, {"enumerate", &tr_enumerate_type}, {"zip", &tr_zip_type},
        {"slice", &tr_slice_type}, {"set", &tr_set_type}, {"frozenset", &tr_frozenset_type},
        {"map", &tr_map_type}, {"filter", &tr_filter_type}, {"reversed", &tr_reversed_type},
        {"bytes", &tr_bytes_type}, {"bytearray", &tr_bytearray_type}, {"memoryview", &tr_memview_type},
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (dict_set_cstr(ts, d, types[i].name, (TrObject *)types[i].type) < 0) goto fail;
#define ADD_EXC(name, base) if (dict_set_cstr(ts, d, #name, (TrObject *)&tr_exc_##name) < 0) goto fail;
    TR_EXC_LIST(ADD_EXC)
#undef ADD_EXC
    if (class_builtins_init(ts, d) < 0) goto fail;   /* objects/class.c: __build_class__, property, super, ... */
    if (excgroup_init(ts, d) < 0) goto fail;          /* objects/excgroup.c: ExceptionGroup, a class */
    if (builtins_eval_init(ts, d) < 0) goto fail;     /* stdlib/builtins_eval.c: exec, eval, dir, ... */
    if (dict_set_cstr(ts, d, "None", tr_none) < 0 || dict_set_cstr(ts, d, "Ellipsis", tr_ellipsis) < 0 ||
        dict_set_cstr(ts, d, "NotImplemented", tr_notimplemented) < 0 ||
        dict_set_cstr(ts, d, "True", tr_true) < 0 || dict_set_cstr(ts, d, "False", tr_false) < 0)
        goto fail;
    return m;
fail:
    tr_decref(m);
    return NULL;
}
