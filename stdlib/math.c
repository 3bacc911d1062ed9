/* stdlib/math.c: the math module: constants, floor/ceil
 * and friends returning ints, the libm functions, gcd, isqrt, factorial.
 * Stateless: every function may run in any thread at once. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "torii/torii.h"
#include "stdlib/stdlib.h"

/* Reads a real number argument; -1.0 with TypeError "must be real number, not str". */
static int real_arg(TrThread *ts, TrObject *o, double *out) {
    if (float_check(o)) { *out = float_value(o); return 0; }
    if (int_check(o)) {
        *out = int_as_double(ts, o);
        return (*out == -1.0 && err_occurred(ts)) ? -1 : 0;
    }
    err_format(ts, &tr_exc_TypeError, "must be real number, not %s", tr_type_name(o));
    return -1;
}

/* Applies a libm function of one argument with CPython's domain/range errors. */
static TrObject *unary_ex(TrThread *ts, TrObject *const *args, size_t nargs, TrObject *kwnames,
                          const char *name, double (*fn)(double), int can_overflow) {
    if (tr_check_args(ts, name, nargs, kwnames, 1, 1) < 0) return NULL;
    double x;
    if (real_arg(ts, args[0], &x) < 0) return NULL;
    errno = 0;
    double r = fn(x);
    if (isnan(r) && !isnan(x)) return err_format(ts, &tr_exc_ValueError, "math domain error");
    if (isinf(r) && isfinite(x)) {
        /* an infinite result from a finite argument: overflow for the
         * functions that can overflow, else a pole (log10(0), atanh(1)) */
        if (can_overflow) return err_format(ts, &tr_exc_OverflowError, "math range error");
        return err_format(ts, &tr_exc_ValueError, "math domain error");
    }
    return float_new(ts, r);
}

static TrObject *unary(TrThread *ts, TrObject *const *args, size_t nargs, TrObject *kwnames,
                       const char *name, double (*fn)(double)) {
    return unary_ex(ts, args, nargs, kwnames, name, fn, 0);
}

#define UNARY(pyname, cfn) \
    static TrObject *math_##pyname(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) { \
        return unary(ts, args, nargs, kwnames, #pyname, cfn); \
    }
#define UNARY_OV(pyname, cfn) \
    static TrObject *math_##pyname(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) { \
        return unary_ex(ts, args, nargs, kwnames, #pyname, cfn, 1); \
    }
UNARY(sqrt, sqrt)
UNARY_OV(exp, exp)
UNARY(sin, sin)
UNARY(cos, cos)
UNARY(tan, tan)
UNARY(asin, asin)
UNARY(acos, acos)
UNARY(atan, atan)
UNARY_OV(sinh, sinh)
UNARY_OV(cosh, cosh)
UNARY(tanh, tanh)
UNARY(fabs, fabs)
UNARY(acosh, acosh)
UNARY(asinh, asinh)
UNARY(atanh, atanh)
UNARY(cbrt, cbrt)
UNARY_OV(exp2, exp2)
UNARY_OV(expm1, expm1)
UNARY(log1p, log1p)
UNARY(erf, erf)
UNARY(erfc, erfc)

static double to_degrees(double x) { return x * (180.0 / M_PI); }
static double to_radians(double x) { return x * (M_PI / 180.0); }
/* degrees/radians never raise: an overflow is inf, as in CPython. */
static TrObject *plain_unary(TrThread *ts, TrObject *const *args, size_t nargs, TrObject *kwnames,
                             const char *name, double (*fn)(double)) {
    if (tr_check_args(ts, name, nargs, kwnames, 1, 1) < 0) return NULL;
    double x;
    if (real_arg(ts, args[0], &x) < 0) return NULL;
    return float_new(ts, fn(x));
}
static TrObject *math_degrees(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return plain_unary(ts, args, nargs, kwnames, "degrees", to_degrees);
}
static TrObject *math_radians(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return plain_unary(ts, args, nargs, kwnames, "radians", to_radians);
}

/* gamma and lgamma: a non-positive integer is a pole (domain error). */
static TrObject *gamma_impl(TrThread *ts, TrObject *const *args, size_t nargs, TrObject *kwnames,
                            const char *name, double (*fn)(double)) {
    if (tr_check_args(ts, name, nargs, kwnames, 1, 1) < 0) return NULL;
    double x;
    if (real_arg(ts, args[0], &x) < 0) return NULL;
    if (isfinite(x) && x <= 0 && x == floor(x)) return err_format(ts, &tr_exc_ValueError, "math domain error");
    if (x == -INFINITY && fn == tgamma) return err_format(ts, &tr_exc_ValueError, "math domain error");
    double r = fn(x);
    if (isinf(r) && isfinite(x)) return err_format(ts, &tr_exc_OverflowError, "math range error");
    return float_new(ts, r);
}

static TrObject *math_gamma(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return gamma_impl(ts, args, nargs, kwnames, "gamma", tgamma);
}

/* lgamma_r: plain lgamma writes the global `signgam`, a race between threads. */
static double lgamma_safe(double x) {
    int sign;
    return lgamma_r(x, &sign);
}

static TrObject *math_lgamma(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return gamma_impl(ts, args, nargs, kwnames, "lgamma", lgamma_safe);
}

/* Two real arguments, as floats; -1 with the error set. */
static int two_reals(TrThread *ts, const char *name, TrObject *const *args, size_t nargs, TrObject *kwnames,
                     double *x, double *y) {
    if (tr_check_args(ts, name, nargs, kwnames, 2, 2) < 0) return -1;
    if (real_arg(ts, args[0], x) < 0 || real_arg(ts, args[1], y) < 0) return -1;
    return 0;
}

static TrObject *math_copysign(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    double x, y;
    if (two_reals(ts, "copysign", args, nargs, kwnames, &x, &y) < 0) return NULL;
    return float_new(ts, copysign(x, y));
}

static TrObject *math_fmod(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    double x, y;
    if (two_reals(ts, "fmod", args, nargs, kwnames, &x, &y) < 0) return NULL;
    if (isinf(y) && isfinite(x)) return float_new(ts, x);
    double r = fmod(x, y);
    if (isnan(r) && !isnan(x) && !isnan(y)) return err_format(ts, &tr_exc_ValueError, "math domain error");
    return float_new(ts, r);
}

static TrObject *math_remainder(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    double x, y;
    if (two_reals(ts, "remainder", args, nargs, kwnames, &x, &y) < 0) return NULL;
    double r = remainder(x, y);
    if (isnan(r) && !isnan(x) && !isnan(y)) return err_format(ts, &tr_exc_ValueError, "math domain error");
    return float_new(ts, r);
}

static int int_arg(TrThread *ts, TrObject *o);

/* The position of finite-or-infinite `d` among the doubles (see nextafter). */
static int64_t ordered_key(double d) {
    int64_t b;
    memcpy(&b, &d, 8);
    return b < 0 ? -(b & INT64_MAX) : b;
}

static double from_key(int64_t k) {
    int64_t b = k < 0 ? (-k) | INT64_MIN : k;
    double d;
    memcpy(&d, &b, 8);
    return d;
}

/* nextafter(x, y, *, steps=None): `steps` moves of one ulp toward y. */
static TrObject *math_nextafter(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"x", "y", "steps"};
    TrObject *a[3];
    if (args_parse_clinic(ts, "nextafter", args, nargs, kwnames, names, 2, 2, 1, a) < 0) return NULL;
    double x, y;
    if (real_arg(ts, a[0], &x) < 0 || real_arg(ts, a[1], &y) < 0) return NULL;
    if (!a[2] || a[2] == tr_none) return float_new(ts, nextafter(x, y));
    if (int_arg(ts, a[2]) < 0) return NULL;
    if (int_sign(a[2]) < 0) return err_format(ts, &tr_exc_ValueError, "steps must be a non-negative integer");
    int ov = 0;
    int64_t n = int_as_i64_overflow(a[2], &ov);
    if (ov) n = INT64_MAX;   /* more steps than there are doubles: the walk ends at y */
    if (isnan(x) || isnan(y)) return float_new(ts, x + y);
    if (n == 0) return float_new(ts, x);
    /* doubles are ordered like these keys (both zeros are 0), so n steps
     * toward y are one move of the key, stopping at y's */
    int64_t kx = ordered_key(x), ky = ordered_key(y);
    if (kx == ky) return float_new(ts, y);
    uint64_t dist = kx < ky ? (uint64_t)ky - (uint64_t)kx : (uint64_t)kx - (uint64_t)ky;
    if ((uint64_t)n >= dist) return float_new(ts, y);
    return float_new(ts, from_key(kx < ky ? kx + n : kx - n));
}

static TrObject *math_ulp(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "ulp", nargs, kwnames, 1, 1) < 0) return NULL;
    double x;
    if (real_arg(ts, args[0], &x) < 0) return NULL;
    if (isnan(x)) return float_new(ts, x);
    x = fabs(x);
    if (isinf(x)) return float_new(ts, x);
    double next = nextafter(x, INFINITY);
    if (isinf(next)) return float_new(ts, x - nextafter(x, -INFINITY));
    return float_new(ts, next - x);
}

static TrObject *pair(TrThread *ts, TrObject *a, TrObject *b) {
    if (!a || !b) { tr_xdecref(a); tr_xdecref(b); return NULL; }
    TrObject *items[2] = {a, b};
    TrObject *t = tuple_from_array(ts, items, 2);
    tr_decref(a);
    tr_decref(b);
    return t;
}

static TrObject *math_modf(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "modf", nargs, kwnames, 1, 1) < 0) return NULL;
    double x, ip;
    if (real_arg(ts, args[0], &x) < 0) return NULL;
    if (isinf(x)) return pair(ts, float_new(ts, copysign(0.0, x)), float_new(ts, x));
    double fp = modf(x, &ip);
    return pair(ts, float_new(ts, fp), float_new(ts, ip));
}

static TrObject *math_frexp(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "frexp", nargs, kwnames, 1, 1) < 0) return NULL;
    double x;
    if (real_arg(ts, args[0], &x) < 0) return NULL;
    int e = 0;
    double m = (isnan(x) || isinf(x) || x == 0) ? x : frexp(x, &e);
    return pair(ts, float_new(ts, m), int_from_i64(ts, e));
}

static TrObject *math_ldexp(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "ldexp", nargs, kwnames, 2, 2) < 0) return NULL;
    double x;
    if (real_arg(ts, args[0], &x) < 0) return NULL;
    if (!int_check(args[1]))
        return err_format(ts, &tr_exc_TypeError, "Expected an int as second argument to ldexp.");
    int64_t e = int_as_i64(ts, args[1]);
    if (e == -1 && err_occurred(ts)) {
        if (!err_matches(ts, &tr_exc_OverflowError)) return NULL;
        err_clear(ts);
        e = int_sign(args[1]) < 0 ? INT_MIN : INT_MAX;
    }
    if (e > INT_MAX) e = INT_MAX;
    if (e < INT_MIN) e = INT_MIN;
    double r = ldexp(x, (int)e);
    if (isinf(r) && isfinite(x)) return err_format(ts, &tr_exc_OverflowError, "math range error");
    return float_new(ts, r);
}

/* isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0) */
static TrObject *math_isclose(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"a", "b", "rel_tol", "abs_tol"};
    TrObject *v[4] = {NULL, NULL, NULL, NULL};
    if (nargs > 2)
        return err_format(ts, &tr_exc_TypeError, "isclose() takes exactly 2 positional arguments (%zu given)", nargs);
    for (size_t i = 0; i < nargs; i++) v[i] = args[i];
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    for (size_t i = 0; i < nkw; i++) {
        TrObject *k = tuple_get(kwnames, i);
        size_t j = 0;
        while (j < 4 && !str_equal_cstr(k, names[j])) j++;
        if (j == 4)
            return err_format(ts, &tr_exc_TypeError, "isclose() got an unexpected keyword argument '%s'", str_utf8(k));
        if (v[j])
            return err_format(ts, &tr_exc_TypeError, "argument for isclose() given by name ('%s') and position (%zu)",
                              names[j], j + 1);
        v[j] = args[nargs + i];
    }
    for (size_t j = 0; j < 2; j++)
        if (!v[j])
            return err_format(ts, &tr_exc_TypeError, "isclose() missing required argument '%s' (pos %zu)", names[j], j + 1);
    double a, b, rel = 1e-09, abs_tol = 0.0;
    if (real_arg(ts, v[0], &a) < 0 || real_arg(ts, v[1], &b) < 0) return NULL;
    if (v[2] && real_arg(ts, v[2], &rel) < 0) return NULL;
    if (v[3] && real_arg(ts, v[3], &abs_tol) < 0) return NULL;
    if (rel < 0.0 || abs_tol < 0.0) return err_format(ts, &tr_exc_ValueError, "tolerances must be non-negative");
    if (a == b) return tr_bool(1);
    if (isinf(a) || isinf(b)) return tr_bool(0);
    double diff = fabs(b - a);
    return tr_bool((diff <= fabs(rel * b)) || (diff <= fabs(rel * a)) || diff <= abs_tol);
}

/* fsum: Shewchuk's exact summation with a list of non-overlapping partials. */
static TrObject *math_fsum(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "fsum", nargs, kwnames, 1, 1) < 0) return NULL;
    TrObject *it = tr_iter(ts, args[0]), *item;
    if (!it) return NULL;
    size_t n = 0, cap = 32;
    double *p = malloc(cap * sizeof *p);
    double special = 0.0, inf_sum = 0.0;
    if (!p) { tr_decref(it); return err_nomemory(ts); }
    while ((item = tr_next(ts, it)) != NULL) {
        double x;
        int r = real_arg(ts, item, &x);
        tr_decref(item);
        if (r < 0) goto fail;
        double xsave = x;
        size_t i = 0;
        for (size_t j = 0; j < n; j++) {
            double y = p[j];
            if (fabs(x) < fabs(y)) { double t = x; x = y; y = t; }
            double hi = x + y, lo = y - (hi - x);
            if (lo != 0.0) p[i++] = lo;
            x = hi;
        }
        n = i;
        if (x != 0.0) {
            if (!isfinite(x)) {
                /* a special value, or an overflow of finite partials */
                if (isfinite(xsave)) {
                    err_set(ts, &tr_exc_OverflowError, "intermediate overflow in fsum");
                    goto fail;
                }
                if (isinf(xsave)) inf_sum += xsave;
                special += xsave;
                n = 0;
            } else {
                if (n == cap) {
                    double *np = realloc(p, 2 * cap * sizeof *p);
                    if (!np) { err_nomemory(ts); goto fail; }
                    p = np;
                    cap *= 2;
                }
                p[n++] = x;
            }
        }
    }
    if (err_occurred(ts)) goto fail;
    tr_decref(it);
    if (special != 0.0) {
        free(p);
        if (isnan(inf_sum)) return err_format(ts, &tr_exc_ValueError, "-inf + inf in fsum");
        return float_new(ts, special);
    }
    double hi = 0.0;
    if (n > 0) {
        hi = p[--n];
        double lo = 0;
        while (n > 0) {
            double x = hi, y = p[--n];
            hi = x + y;
            double yr = hi - x;
            lo = y - yr;
            if (lo != 0.0) break;
        }
        /* round half-even correctly across the remaining partials */
        if (n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0))) {
            double y = lo * 2.0, x = hi + y, yr = x - hi;
            if (y == yr) hi = x;
        }
    }
    free(p);
    return float_new(ts, hi);
fail:
    tr_decref(it);
    free(p);
    return NULL;
}

/* prod(iterable, /, *, start=1) */
static TrObject *math_prod(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"iterable", "start"};
    TrObject *a[2];
    if (nargs > 1)
        return err_format(ts, &tr_exc_TypeError, "prod() takes exactly 1 positional argument (%zu given)", nargs);
    if (args_parse(ts, "prod", args, nargs, kwnames, names, 1, 1, 1, 0, a) < 0) return NULL;
    TrObject *acc = tr_newref(a[1] ? a[1] : tr_imm_from(1));
    TrObject *it = tr_iter(ts, a[0]), *item;
    if (!it) { tr_decref(acc); return NULL; }
    while ((item = tr_next(ts, it)) != NULL) {
        TrObject *next = tr_binop(ts, TR_BINOP_MUL, acc, item);
        tr_decref(item);
        tr_decref(acc);
        acc = next;
        if (!acc) break;
    }
    tr_decref(it);
    if (acc && err_occurred(ts)) TR_CLEAR(acc);
    return acc;
}

/* sumprod(p, q): the sum of products of two equal-length iterables.  Pairs
 * of ints add up exactly as ints; a pair with a float (and an int or float
 * partner that is exact as a double) adds its exact product, p = x*y plus
 * the fma-recovered error, to a list summed once at the end by fsum, so the
 * float part is rounded once; other pairs use * and +. */
static TrObject *math_sumprod(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "sumprod", nargs, kwnames, 2, 2) < 0) return NULL;
    TrObject *p = tr_iter(ts, args[0]);
    if (!p) return NULL;
    TrObject *q = tr_iter(ts, args[1]);
    if (!q) { tr_decref(p); return NULL; }
    TrObject *acc = tr_imm_from(0), *parts = list_new(ts, 0);
    double special = 0.0;
    bool have_special = false;
    if (!parts) goto fail;
    for (;;) {
        TrObject *x = tr_next(ts, p);
        if (!x && err_occurred(ts)) goto fail;
        TrObject *y = tr_next(ts, q);
        if (!y && err_occurred(ts)) { tr_xdecref(x); goto fail; }
        if (!x || !y) {
            tr_xdecref(x);
            tr_xdecref(y);
            if (x || y) {
                err_set(ts, &tr_exc_ValueError, "Inputs are not the same length");
                goto fail;
            }
            break;
        }
        bool xf = !tr_is_imm(x) && tr_isinstance_exact(x, &tr_float_type);
        bool yf = !tr_is_imm(y) && tr_isinstance_exact(y, &tr_float_type);
        bool xi = tr_is_imm(x) && (tr_imm_value(x) < 0 ? -tr_imm_value(x) : tr_imm_value(x)) <= ((int64_t)1 << 53);
        bool yi = tr_is_imm(y) && (tr_imm_value(y) < 0 ? -tr_imm_value(y) : tr_imm_value(y)) <= ((int64_t)1 << 53);
        if ((xf || yf) && (xf || xi) && (yf || yi)) {
            double a = xf ? float_value(x) : (double)tr_imm_value(x);
            double b = yf ? float_value(y) : (double)tr_imm_value(y);
            double m = a * b, e = isfinite(m) ? fma(a, b, -m) : 0.0;
            tr_decref(x);
            tr_decref(y);
            if (!isfinite(m)) {   /* an overflow or a special value: plain IEEE sums from here */
                special += m;
                have_special = true;
                continue;
            }
            TrObject *fm = float_new(ts, m), *fe = fm && e != 0.0 ? float_new(ts, e) : NULL;
            int rc = fm ? list_append_take(ts, parts, fm) : -1;
            if (rc == 0 && fe) rc = list_append_take(ts, parts, fe);
            else if (e != 0.0 && rc == 0) rc = -1;
            if (rc < 0) goto fail;
            continue;
        }
        TrObject *m = tr_binop(ts, TR_BINOP_MUL, x, y);
        tr_decref(x);
        tr_decref(y);
        if (!m) goto fail;
        TrObject *s = tr_binop(ts, TR_BINOP_ADD, acc, m);
        tr_decref(m);
        tr_decref(acc);
        acc = s;
        if (!acc) goto fail;
    }
    tr_decref(p);
    tr_decref(q);
    if (list_size(parts) || have_special) {
        TrObject *fs = have_special ? float_new(ts, special) : math_fsum(ts, NULL, &parts, 1, NULL);
        tr_decref(parts);
        if (!fs) { tr_decref(acc); return NULL; }
        if (acc == tr_imm_from(0)) return fs;
        TrObject *r = tr_binop(ts, TR_BINOP_ADD, acc, fs);
        tr_decref(acc);
        tr_decref(fs);
        return r;
    }
    tr_decref(parts);
    return acc;
fail:
    tr_xdecref(acc);
    tr_xdecref(parts);
    tr_decref(p);
    tr_decref(q);
    return NULL;
}

/* dist(p, q): Euclidean distance of two points given as sequences. */
static TrObject *math_dist(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "dist", nargs, kwnames, 2, 2) < 0) return NULL;
    TrObject *p = tuple_from_iterable(ts, args[0]);
    if (!p) return NULL;
    TrObject *q = tuple_from_iterable(ts, args[1]);
    if (!q) { tr_decref(p); return NULL; }
    TrObject *res = NULL;
    size_t n = tuple_size(p);
    if (n != tuple_size(q)) {
        err_set(ts, &tr_exc_ValueError, "both points must have the same number of dimensions");
        goto done;
    }
    double acc = 0;
    for (size_t i = 0; i < n; i++) {
        double x, y;
        if (real_arg(ts, tuple_get(p, i), &x) < 0 || real_arg(ts, tuple_get(q, i), &y) < 0) goto done;
        acc = hypot(acc, x - y);
    }
    res = float_new(ts, acc);
done:
    tr_decref(p);
    tr_decref(q);
    return res;
}

/* fn(o) for log, log2, log10: an int too large for a double is split as
 * m * 2**e (0.5 <= m < 1) and gives fn(m) + fn(2) * e.  A non-positive
 * argument is "math domain error".  0, or -1 with the error set. */
static int loghelper(TrThread *ts, TrObject *o, double (*fn)(double), double *out) {
    if (int_check(o)) {
        if (int_sign(o) <= 0) { err_set(ts, &tr_exc_ValueError, "math domain error"); return -1; }
        double x = int_as_double(ts, o);
        if (!(x == -1.0 && err_occurred(ts))) { *out = fn(x); return 0; }
        err_clear(ts);
        TrObject *bl = tr_getattr_cstr(ts, o, "bit_length");
        TrObject *nb = bl ? tr_call(ts, bl, NULL, 0, NULL) : NULL;
        tr_xdecref(bl);
        if (!nb) return -1;
        int64_t e = int_as_i64(ts, nb);
        tr_decref(nb);
        /* keep 64 bits: rounding them to 53 is exact enough for m */
        TrObject *sh = int_binop(ts, TR_BINOP_RSHIFT, o, tr_imm_from(e - 64));
        if (!sh) return -1;
        double m = ldexp(int_as_double(ts, sh), -64);
        tr_decref(sh);
        *out = fn(m) + fn(2.0) * (double)e;
        return 0;
    }
    double x;
    if (real_arg(ts, o, &x) < 0) return -1;
    if (x <= 0 || x == -INFINITY) { err_set(ts, &tr_exc_ValueError, "math domain error"); return -1; }
    *out = fn(x);
    return 0;
}

static TrObject *math_log(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "log", nargs, kwnames, 1, 2) < 0) return NULL;
    double r, base;
    if (loghelper(ts, args[0], log, &r) < 0) return NULL;
    if (nargs == 2) {
        if (loghelper(ts, args[1], log, &base) < 0) return NULL;
        if (base == 0.0) return err_format(ts, &tr_exc_ZeroDivisionError, "float division by zero");
        r /= base;
    }
    return float_new(ts, r);
}

static TrObject *math_log2(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "log2", nargs, kwnames, 1, 1) < 0) return NULL;
    double r;
    return loghelper(ts, args[0], log2, &r) < 0 ? NULL : float_new(ts, r);
}

static TrObject *math_log10(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "log10", nargs, kwnames, 1, 1) < 0) return NULL;
    double r;
    return loghelper(ts, args[0], log10, &r) < 0 ? NULL : float_new(ts, r);
}

/* fma(x, y, z): x * y + z rounded once; "invalid operation in fma" for a
 * NaN from no NaN, "overflow in fma" for an infinity from finite values. */
static TrObject *math_fma(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "fma", nargs, kwnames, 3, 3) < 0) return NULL;
    double x, y, z;
    if (real_arg(ts, args[0], &x) < 0 || real_arg(ts, args[1], &y) < 0 || real_arg(ts, args[2], &z) < 0) return NULL;
    double r = fma(x, y, z);
    if (isnan(r) && !isnan(x) && !isnan(y) && !isnan(z))
        return err_format(ts, &tr_exc_ValueError, "invalid operation in fma");
    if (isinf(r) && isfinite(x) && isfinite(y) && isfinite(z))
        return err_format(ts, &tr_exc_OverflowError, "overflow in fma");
    return float_new(ts, r);
}

static TrObject *math_atan2(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "atan2", nargs, kwnames, 2, 2) < 0) return NULL;
    double y, x;
    if (real_arg(ts, args[0], &y) < 0 || real_arg(ts, args[1], &x) < 0) return NULL;
    return float_new(ts, atan2(y, x));
}

static TrObject *math_pow(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "pow", nargs, kwnames, 2, 2) < 0) return NULL;
    double x, y;
    if (real_arg(ts, args[0], &x) < 0 || real_arg(ts, args[1], &y) < 0) return NULL;
    if (x == 0.0 && y < 0 && isfinite(y)) return err_format(ts, &tr_exc_ValueError, "math domain error");
    double r = pow(x, y);
    if (isnan(r) && !isnan(x) && !isnan(y)) return err_format(ts, &tr_exc_ValueError, "math domain error");
    if (isinf(r) && isfinite(x) && isfinite(y)) return err_format(ts, &tr_exc_OverflowError, "math range error");
    return float_new(ts, r);
}

static TrObject *math_hypot(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "hypot", nargs, kwnames, 0, 64) < 0) return NULL;
    double acc = 0;
    for (size_t i = 0; i < nargs; i++) {
        double v;
        if (real_arg(ts, args[i], &v) < 0) return NULL;
        acc = hypot(acc, v);
    }
    return float_new(ts, acc);
}

/* floor, ceil, trunc: ints stay ints, floats become the int toward -inf/+inf/0. */
static TrObject *rounding(TrThread *ts, TrObject *const *args, size_t nargs, TrObject *kwnames,
                          const char *name, double (*fn)(double)) {
    if (tr_check_args(ts, name, nargs, kwnames, 1, 1) < 0) return NULL;
    if (int_check(args[0])) return int_binop(ts, TR_BINOP_ADD, args[0], tr_imm_from(0));  /* bool -> int */
    double x;
    if (real_arg(ts, args[0], &x) < 0) return NULL;
    return int_from_double(ts, fn(x));
}

static TrObject *math_floor(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return rounding(ts, args, nargs, kwnames, "floor", floor);
}

static TrObject *math_ceil(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return rounding(ts, args, nargs, kwnames, "ceil", ceil);
}

static TrObject *math_trunc(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return rounding(ts, args, nargs, kwnames, "trunc", trunc);
}

static TrObject *predicate(TrThread *ts, TrObject *const *args, size_t nargs, TrObject *kwnames, const char *name, int which) {
    if (tr_check_args(ts, name, nargs, kwnames, 1, 1) < 0) return NULL;
    double x;
    if (real_arg(ts, args[0], &x) < 0) return NULL;
    return tr_bool(which == 0 ? isnan(x) : which == 1 ? isinf(x) : isfinite(x));
}

static TrObject *math_isnan(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return predicate(ts, args, nargs, kwnames, "isnan", 0);
}

static TrObject *math_isinf(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return predicate(ts, args, nargs, kwnames, "isinf", 1);
}

static TrObject *math_isfinite(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return predicate(ts, args, nargs, kwnames, "isfinite", 2);
}

static int int_arg(TrThread *ts, TrObject *o) {
    if (int_check(o)) return 0;
    err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer", tr_type_name(o));
    return -1;
}

static TrObject *math_gcd(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "gcd", nargs, kwnames, 0, 64) < 0) return NULL;
    TrObject *g = tr_imm_from(0);
    for (size_t i = 0; i < nargs; i++) {
        if (int_arg(ts, args[i]) < 0) { tr_decref(g); return NULL; }
        TrObject *a = int_sign(g) < 0 ? tr_neg(ts, g) : tr_newref(g);
        TrObject *b = int_sign(args[i]) < 0 ? tr_neg(ts, args[i]) : tr_newref(args[i]);
        tr_decref(g);
        if (!a || !b) { tr_xdecref(a); tr_xdecref(b); return NULL; }
        while (int_sign(b) != 0) {
            TrObject *r = int_binop(ts, TR_BINOP_MOD, a, b);
            tr_decref(a);
            if (!r) { tr_decref(b); return NULL; }
            a = b;
            b = r;
        }
        tr_decref(b);
        g = a;
    }
    return g;
}

/* lcm(*integers): 0 if any is 0; the result is non-negative. */
static TrObject *math_lcm(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "lcm", nargs, kwnames, 0, SIZE_MAX) < 0) return NULL;
    TrObject *acc = tr_imm_from(1);
    for (size_t i = 0; i < nargs; i++) {
        if (int_arg(ts, args[i]) < 0) { tr_decref(acc); return NULL; }
        if (int_sign(args[i]) == 0 || int_sign(acc) == 0) { tr_decref(acc); acc = tr_imm_from(0); continue; }
        TrObject *pairv[2] = {acc, args[i]};
        TrObject *g = math_gcd(ts, NULL, pairv, 2, NULL);
        TrObject *q = g ? int_binop(ts, TR_BINOP_FLOORDIV, acc, g) : NULL;
        tr_xdecref(g);
        TrObject *m = q ? int_binop(ts, TR_BINOP_MUL, q, args[i]) : NULL;
        tr_xdecref(q);
        tr_decref(acc);
        if (!m) return NULL;
        acc = int_sign(m) < 0 ? tr_neg(ts, m) : tr_newref(m);
        tr_decref(m);
        if (!acc) return NULL;
    }
    return acc;
}

/* n * (n-1) * ... * (n-k+1), then divided by k! when `comb`. */
static TrObject *comb_perm(TrThread *ts, TrObject *n, TrObject *k, int comb) {
    if (int_arg(ts, n) < 0 || int_arg(ts, k) < 0) return NULL;
    if (int_sign(n) < 0) return err_format(ts, &tr_exc_ValueError, "n must be a non-negative integer");
    if (int_sign(k) < 0) return err_format(ts, &tr_exc_ValueError, "k must be a non-negative integer");
    if (int_compare(k, n) > 0) return tr_imm_from(0);
    TrObject *kk = tr_newref(k);
    if (comb) {   /* comb(n, k) == comb(n, n - k): loop over the smaller */
        TrObject *nk = int_binop(ts, TR_BINOP_SUB, n, k);
        if (!nk) { tr_decref(kk); return NULL; }
        if (int_compare(nk, kk) < 0) { tr_decref(kk); kk = nk; } else tr_decref(nk);
    }
    int64_t kv = int_as_i64(ts, kk);
    tr_decref(kk);
    if (kv == -1 && err_occurred(ts)) return NULL;
    TrObject *acc = tr_imm_from(1);
    for (int64_t i = 0; i < kv; i++) {
        TrObject *f = int_binop(ts, TR_BINOP_SUB, n, tr_imm_from(i));
        TrObject *m = f ? int_binop(ts, TR_BINOP_MUL, acc, f) : NULL;
        tr_xdecref(f);
        tr_decref(acc);
        if (!m) return NULL;
        acc = m;
        if (comb) {   /* exact at every step: a product of i+1 consecutive ints */
            TrObject *d = int_binop(ts, TR_BINOP_FLOORDIV, acc, tr_imm_from(i + 1));
            tr_decref(acc);
            if (!d) return NULL;
            acc = d;
        }
    }
    return acc;
}

static TrObject *math_comb(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "comb", nargs, kwnames, 2, 2) < 0) return NULL;
    return comb_perm(ts, args[0], args[1], 1);
}

static TrObject *math_factorial(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames);

static TrObject *math_perm(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "perm", nargs, kwnames, 1, 2) < 0) return NULL;
    if (nargs == 1 || args[1] == tr_none) return math_factorial(ts, self, args, 1, NULL);
    return comb_perm(ts, args[0], args[1], 0);
}

static TrObject *math_factorial(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "factorial", nargs, kwnames, 1, 1) < 0) return NULL;
    if (int_arg(ts, args[0]) < 0) return NULL;
    if (int_sign(args[0]) < 0) return err_format(ts, &tr_exc_ValueError, "factorial() not defined for negative values");
    int ov = 0;
    int64_t n = int_as_i64_overflow(args[0], &ov);
    if (ov)
        return err_format(ts, &tr_exc_OverflowError, "factorial() argument should not exceed %lld", (long long)INT64_MAX);
    TrObject *acc = tr_imm_from(1);
    for (int64_t i = 2; i <= n; i++) {
        TrObject *next = int_binop(ts, TR_BINOP_MUL, acc, tr_imm_from(i));
        tr_decref(acc);
        if (!next) return NULL;
        acc = next;
    }
    return acc;
}

static TrObject *math_isqrt(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "isqrt", nargs, kwnames, 1, 1) < 0) return NULL;
    if (int_arg(ts, args[0]) < 0) return NULL;
    if (int_sign(args[0]) < 0) return err_format(ts, &tr_exc_ValueError, "isqrt() argument must be nonnegative");
    if (int_sign(args[0]) == 0) return tr_imm_from(0);
    /* Newton's iteration on Python ints, from an upper bound (an int, not a bool). */
    TrObject *x = int_binop(ts, TR_BINOP_ADD, args[0], tr_imm_from(0));
    if (!x) return NULL;
    for (;;) {
        TrObject *q = int_binop(ts, TR_BINOP_FLOORDIV, args[0], x);
        if (!q) { tr_decref(x); return NULL; }
        TrObject *s = int_binop(ts, TR_BINOP_ADD, x, q);
        tr_decref(q);
        if (!s) { tr_decref(x); return NULL; }
        TrObject *y = int_binop(ts, TR_BINOP_RSHIFT, s, tr_imm_from(1));
        tr_decref(s);
        if (!y) { tr_decref(x); return NULL; }
        if (int_compare(y, x) >= 0) { tr_decref(y); return x; }
        tr_decref(x);
        x = y;
    }
}

static const TrMethodDef math_functions[] = {
    {"sqrt", math_sqrt}, {"exp", math_exp}, {"sin", math_sin}, {"cos", math_cos}, {"tan", math_tan},
    {"asin", math_asin}, {"acos", math_acos}, {"atan", math_atan}, {"atan2", math_atan2},
    {"sinh", math_sinh}, {"cosh", math_cosh}, {"tanh", math_tanh},
    {"log", math_log}, {"log2", math_log2}, {"log10", math_log10}, {"fabs", math_fabs},
    {"fma", math_fma}, {"pow", math_pow}, {"hypot", math_hypot}, {"floor", math_floor}, {"ceil", math_ceil},
    {"trunc", math_trunc}, {"isnan", math_isnan}, {"isinf", math_isinf}, {"isfinite", math_isfinite},
    {"gcd", math_gcd}, {"factorial", math_factorial}, {"isqrt", math_isqrt},
    {"acosh", math_acosh}, {"asinh", math_asinh}, {"atanh", math_atanh}, {"cbrt", math_cbrt},
    {"exp2", math_exp2}, {"expm1", math_expm1}, {"log1p", math_log1p}, {"erf", math_erf},
    {"erfc", math_erfc}, {"gamma", math_gamma}, {"lgamma", math_lgamma}, {"degrees", math_degrees},
    {"radians", math_radians}, {"copysign", math_copysign}, {"fmod", math_fmod},
    {"remainder", math_remainder}, {"nextafter", math_nextafter}, {"ulp", math_ulp}, {"modf", math_modf},
    {"frexp", math_frexp}, {"ldexp", math_ldexp}, {"isclose", math_isclose}, {"fsum", math_fsum},
    {"prod", math_prod}, {"sumprod", math_sumprod}, {"dist", math_dist}, {"lcm", math_lcm},
    {"comb", math_comb}, {"perm", math_perm},
    {NULL, NULL},
};

TrObject *math_module_init(TrThread *ts) {
    TrObject *m = module_new(ts, "math");
    if (!m) return NULL;
    if (module_add_functions(ts, m, math_functions) < 0) goto fail;
    TrObject *d = module_dict(m);
    struct { const char *name; double v; } consts[] = {
        {"pi", M_PI}, {"e", M_E}, {"tau", 2 * M_PI}, {"inf", INFINITY}, {"nan", NAN},
    };
    for (size_t i = 0; i < sizeof consts / sizeof consts[0]; i++) {
        TrObject *f = float_new(ts, consts[i].v);
        if (!f || dict_set_cstr(ts, d, consts[i].name, f) < 0) { tr_xdecref(f); goto fail; }
        tr_decref(f);
    }
    return m;
fail:
    tr_decref(m);
    return NULL;
}
