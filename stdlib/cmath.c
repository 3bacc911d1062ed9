/* stdlib/cmath.c: the cmath module: complex versions of the elementary
 * functions, phase/polar/rect, the classification predicates, isclose and the
 * constants.
 * Values: special (infinite or NaN) arguments take the C library's
 * <complex.h> results (C99 Annex G tables), with the few entries where
 * CPython picks another sign or NaN fixed up; finite arguments of log,
 * atanh, acos, acosh, asinh and tanh use Kahan's forms ("Branch cuts for
 * complex elementary functions", 1987: square roots of 1 +- z, log1p near
 * |z| = 1, large-argument limits), which round as CPython's results do;
 * the circular functions go through the hyperbolic ones of i*z (C99 G.6).
 * Errors, as CPython raises them: a NaN made from an argument with no NaN
 * is "math domain error" (ValueError), as is an infinite result of a
 * finite argument for the functions with poles (log(0), atanh(1)); any
 * other infinite result of a finite argument is "math range error"
 * (OverflowError: exp(1000)).
 * Stateless: every function may run in any thread at once. */
#include <complex.h>
#include <errno.h>
#include <float.h>
#include <math.h>

#include "torii/torii.h"
#include "torii/complex.h"
#include "stdlib/stdlib.h"

typedef double complex Cx;

/* re + i*im, exact for infinite and NaN parts (C11's CMPLX, which not every
 * compiler's <complex.h> has): C99 lays a complex out as two doubles. */
static inline Cx cx(double re, double im) {
    Cx z;
    ((double *)&z)[0] = re;
    ((double *)&z)[1] = im;
    return z;
}

/* `o` as a complex number: complex, __complex__, float, int, or anything
 * float() accepts through __float__/__index__.  0, or -1 with TypeError
 * "must be real number, not str" (or the conversion's error). */
static int cx_arg(TrThread *ts, TrObject *o, Cx *out) {
    if (!tr_is_imm(o) && complex_check(o)) { *out = cx(complex_real(o), complex_imag(o)); return 0; }
    if (!tr_is_imm(o) && float_check(o)) { *out = cx(float_value(o), 0.0); return 0; }
    if (int_check(o)) {
        double d = int_as_double(ts, o);
        if (d == -1.0 && err_occurred(ts)) return -1;
        *out = cx(d, 0.0);
        return 0;
    }
    TrObject *cm = type_lookup(ts, tr_type(o), str_intern_cstr(ts, "__complex__"));
    if (cm) {
        tr_decref(cm);
        TrObject *fn = tr_getattr_cstr(ts, o, "__complex__");
        TrObject *r = fn ? tr_call(ts, fn, NULL, 0, NULL) : NULL;
        tr_xdecref(fn);
        if (!r) return -1;
        if (tr_is_imm(r) || !complex_check(r)) {
            err_format(ts, &tr_exc_TypeError, "__complex__ returned non-complex (type %s)", tr_type_name(r));
            tr_decref(r);
            return -1;
        }
        *out = cx(complex_real(r), complex_imag(r));
        tr_decref(r);
        return 0;
    }
    if (err_occurred(ts)) return -1;
    const TrNumberSlots *nb = tr_type(o)->number;
    if (nb && (nb->to_float || nb->index)) {
        TrObject *f = tr_call(ts, (TrObject *)&tr_float_type, &o, 1, NULL);
        if (!f) return -1;
        *out = cx(float_value(f), 0.0);
        tr_decref(f);
        return 0;
    }
    err_format(ts, &tr_exc_TypeError, "must be real number, not %s", tr_type_name(o));
    return -1;
}

static int real_arg(TrThread *ts, TrObject *o, double *out) {
    if (!tr_is_imm(o) && float_check(o)) { *out = float_value(o); return 0; }
    if (int_check(o)) {
        *out = int_as_double(ts, o);
        return (*out == -1.0 && err_occurred(ts)) ? -1 : 0;
    }
    const TrNumberSlots *nb = tr_type(o)->number;
    if (nb && (nb->to_float || nb->index)) {
        TrObject *f = tr_call(ts, (TrObject *)&tr_float_type, &o, 1, NULL);
        if (!f) return -1;
        *out = float_value(f);
        tr_decref(f);
        return 0;
    }
    err_format(ts, &tr_exc_TypeError, "must be real number, not %s", tr_type_name(o));
    return -1;
}

static bool cx_finite(Cx z) { return isfinite(creal(z)) && isfinite(cimag(z)); }

static void *domain_error(TrThread *ts) { return err_set(ts, &tr_exc_ValueError, "math domain error"), NULL; }
static void *range_error(TrThread *ts) { return err_set(ts, &tr_exc_OverflowError, "math range error"), NULL; }

/* The result `r` of a function of finite-or-not `z`, checked as the file
 * header says; `poles` 1 for the functions with poles.  New complex or NULL. */
static TrObject *result(TrThread *ts, Cx z, Cx r, int poles) {
    bool znan = isnan(creal(z)) || isnan(cimag(z)), rnan = isnan(creal(r)) || isnan(cimag(r));
    /* a NaN made from no NaN is Annex G's "invalid" */
    if (!znan && rnan) return domain_error(ts);
    if (cx_finite(z) && !cx_finite(r)) return poles ? domain_error(ts) : range_error(ts);
    return complex_new(ts, creal(r), cimag(r));
}

/* Past LARGE, 1 +- z is z to the last bit: the inverse functions take
 * their large-argument forms, log(2|z|) and the argument of z. */
#define LARGE (DBL_MAX / 4)
#define SQRT_LARGE 6.7039039649712985e+153   /* sqrt(LARGE) */
#define LOG_LARGE 708.3964185322641          /* log(LARGE) */
#define SQRT_DBL_MIN 1.4916681462400413e-154 /* sqrt(DBL_MIN) */

/* log of a finite z: |z| near 1 through log1p, where log(|z|) would lose
 * the digits of |z| - 1; tiny and huge |z| scaled.  Special values from the
 * C library. */
static Cx c_log(Cx z) {
    double x = creal(z), y = cimag(z);
    if (!cx_finite(z)) return clog(z);
    double ax = fabs(x), ay = fabs(y), re;
    if (ax > LARGE || ay > LARGE) re = log(hypot(ax / 2, ay / 2)) + M_LN2;
    else if (ax < DBL_MIN && ay < DBL_MIN) {
        if (ax == 0.0 && ay == 0.0) return clog(z);   /* -inf: the pole */
        re = log(hypot(ldexp(ax, DBL_MANT_DIG), ldexp(ay, DBL_MANT_DIG))) - DBL_MANT_DIG * M_LN2;
    } else {
        double h = hypot(ax, ay);
        if (0.71 <= h && h <= 1.73) {
            double am = ax > ay ? ax : ay, an = ax > ay ? ay : ax;
            re = log1p((am - 1) * (am + 1) + an * an) / 2;
        } else {
            re = log(h);
        }
    }
    return cx(re, atan2(y, x));
}

static Cx c_log10(Cx z) {
    Cx r = c_log(z);
    return cx(creal(r) / M_LN10, cimag(r) / M_LN10);
}

/* atanh of a finite z by Kahan's forms; odd, so computed for Re z >= 0. */
static Cx c_atanh(Cx z) {
    double x = creal(z), y = cimag(z);
    if (!cx_finite(z)) return catanh(z);
    if (signbit(x)) { Cx r = c_atanh(cx(-x, -y)); return cx(-creal(r), -cimag(r)); }
    double ax = x, ay = fabs(y);
    if (ax > SQRT_LARGE || ay > SQRT_LARGE) {
        double h = hypot(ax / 2, ay / 2);
        return cx(ax / 4 / h / h, copysign(M_PI / 2, y));
    }
    if (ax == 1.0 && ay < SQRT_DBL_MIN) {
        if (ay == 0.0) return catanh(z);   /* the pole at 1 */
        return cx(-log(sqrt(ay) / sqrt(hypot(ay, 2.0))), copysign(atan2(2.0, -ay) / 2, y));
    }
    return cx(log1p(4 * ax / ((1 - ax) * (1 - ax) + ay * ay)) / 4,
                 -atan2(-2 * y, (1 - ax) * (1 + ax) - ay * ay) / 2);
}

/* The hyperbolic functions, with the entries of the special-value tables
 * where CPython picks a sign (or a NaN) that glibc does not. */
static Cx c_cosh(Cx z) {
    if (isnan(creal(z)) && cimag(z) == 0.0) return cx(NAN, 0.0);
    return ccosh(z);
}

static Cx c_sinh(Cx z) {
    if (creal(z) == 0.0 && isnan(cimag(z))) return cx(0.0, NAN);
    return csinh(z);
}

static Cx c_tanh(Cx z) {
    double x = creal(z), y = cimag(z);
    if (x == 0.0 && isnan(y)) return cx(NAN, NAN);
    if (isinf(x) && isinf(y)) return cx(copysign(1.0, x), 0.0);
    if (!cx_finite(z)) return ctanh(z);
    if (fabs(x) > LOG_LARGE) return cx(copysign(1.0, x), 4 * sin(y) * cos(y) * exp(-2 * fabs(x)));
    /* (tanh x (1 + tan^2 y) + i tan y sech^2 x) / (1 + tanh^2 x tan^2 y) */
    double tx = tanh(x), ty = tan(y), sech = 1.0 / cosh(x), txty = tx * ty, den = 1 + txty * txty;
    return cx(tx * (1 + ty * ty) / den, ((ty / den) * sech) * sech);
}

/* csqrt, keeping the subnormal part glibc flushes: for z = x + iy with
 * s = sqrt((|x| + |z|) / 2), the other part is |y| / (2s). */
static Cx c_sqrt(Cx z) {
    Cx r = csqrt(z);
    double x = creal(z), y = cimag(z);
    if (isfinite(x) && isfinite(y) && y != 0.0) {
        if (x >= 0 && cimag(r) == 0.0) r = cx(creal(r), copysign(fabs(y) / (2 * creal(r)), y));
        else if (x < 0 && creal(r) == 0.0) r = cx(fabs(y) / (2 * fabs(cimag(r))), cimag(r));
    }
    return r;
}


static Cx c_exp(Cx z) {
    if (creal(z) == -INFINITY && isinf(cimag(z))) return cx(0.0, 0.0);
    return cexp(z);
}


static bool large(Cx z) { return fabs(creal(z)) > LARGE || fabs(cimag(z)) > LARGE; }

/* log(2|z|) without overflow. */
static double log2abs(Cx z) { return log(hypot(creal(z) / 2, cimag(z) / 2)) + 2 * M_LN2; }

/* The inverse functions of finite arguments by Kahan's square-root forms
 * ("Branch cuts for complex elementary functions", 1987), which keep the
 * branch cuts' signed zeros; the C library's tables for the rest. */
static Cx c_acos(Cx z) {
    double x = creal(z), y = cimag(z);
    if (isinf(x) && isnan(y)) return cx(NAN, INFINITY);
    if (!cx_finite(z)) return cacos(z);
    if (large(z)) return cx(atan2(fabs(y), x), copysign(log2abs(z), -y));
    Cx s1 = c_sqrt(cx(1 - x, -y)), s2 = c_sqrt(cx(1 + x, y));
    return cx(2 * atan2(creal(s1), creal(s2)), asinh(creal(s2) * cimag(s1) - cimag(s2) * creal(s1)));
}

static Cx c_acosh(Cx z) {
    double x = creal(z), y = cimag(z);
    if (x == 0.0 && isnan(y)) return cx(NAN, NAN);
    if (!cx_finite(z)) return cacosh(z);
    if (large(z)) return cx(log2abs(z), atan2(y, x));
    Cx s1 = c_sqrt(cx(x - 1, y)), s2 = c_sqrt(cx(x + 1, y));
    return cx(asinh(creal(s1) * creal(s2) + cimag(s1) * cimag(s2)), 2 * atan2(cimag(s1), creal(s2)));
}

static Cx c_asinh(Cx z) {
    double x = creal(z), y = cimag(z);
    if (!cx_finite(z)) return casinh(z);
    if (large(z)) return cx(copysign(log2abs(z), x), atan2(y, fabs(x)));
    Cx s1 = c_sqrt(cx(1 - y, x)), s2 = c_sqrt(cx(1 + y, -x));
    return cx(asinh(cimag(s1) * creal(s2) - creal(s1) * cimag(s2)),
                 atan2(y, creal(s1) * creal(s2) - cimag(s1) * cimag(s2)));
}

/* The circular functions through the hyperbolic ones of i*z (C99 G.6:
 * cos z = cosh iz, sin z = -i sinh iz, tan z = -i tanh iz, asin z =
 * -i asinh iz, atan z = -i atanh iz), so that they share those tables. */
static Cx times_i(Cx z) { return cx(isnan(cimag(z)) ? NAN : -cimag(z), creal(z)); }   /* a NaN's sign is no sign */
static Cx times_minus_i(Cx z) { return cx(cimag(z), -creal(z)); }
static Cx c_cos(Cx z) { return c_cosh(times_i(z)); }
static Cx c_sin(Cx z) { return times_minus_i(c_sinh(times_i(z))); }
static Cx c_tan(Cx z) { return times_minus_i(c_tanh(times_i(z))); }
static Cx c_asin(Cx z) { return times_minus_i(c_asinh(times_i(z))); }
static Cx c_atan(Cx z) { return times_minus_i(c_atanh(times_i(z))); }

/* The functions whose glibc values follow the same tables as CPython's. */
#define UNARY(name, fn, poles) \
    static TrObject *cm_##name(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) { \
        if (unary_args(ts, "cmath." #name, nargs, kw) < 0) return NULL; \
        Cx z; \
        if (cx_arg(ts, args[0], &z) < 0) return NULL; \
        return result(ts, z, fn(z), poles); \
    }

static int unary_args(TrThread *ts, const char *name, size_t nargs, TrObject *kw) {
    if (kw && tuple_size(kw)) {
        err_format(ts, &tr_exc_TypeError, "%s() takes no keyword arguments", name);
        return -1;
    }
    if (nargs != 1) {
        err_format(ts, &tr_exc_TypeError, "%s() takes exactly one argument (%zu given)", name, nargs);
        return -1;
    }
    return 0;
}

UNARY(sqrt, c_sqrt, 0)
UNARY(exp, c_exp, 0)
UNARY(log10, c_log10, 1)
UNARY(acos, c_acos, 0)
UNARY(asin, c_asin, 0)
UNARY(atan, c_atan, 1)
UNARY(cos, c_cos, 0)
UNARY(sin, c_sin, 0)
UNARY(tan, c_tan, 0)
UNARY(acosh, c_acosh, 0)
UNARY(asinh, c_asinh, 0)
UNARY(atanh, c_atanh, 1)
UNARY(cosh, c_cosh, 0)
UNARY(sinh, c_sinh, 0)
UNARY(tanh, c_tanh, 0)

static TrObject *cm_log(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_no_kwargs(ts, "log", kw) < 0 || tr_check_nargs(ts, "log", nargs, 1, 2) < 0) return NULL;
    Cx z, b;
    if (cx_arg(ts, args[0], &z) < 0) return NULL;
    Cx r = c_log(z);
    if (cx_finite(z) && !cx_finite(r)) return domain_error(ts);
    if (nargs == 2) {
        if (cx_arg(ts, args[1], &b) < 0) return NULL;
        Cx lb = c_log(b);
        if (cx_finite(b) && !cx_finite(lb)) return domain_error(ts);
        if (creal(lb) == 0.0 && cimag(lb) == 0.0) return domain_error(ts);
        /* complex division as the complex type does it */
        double a = creal(r), c = cimag(r), x = creal(lb), y = cimag(lb);
        double re, im;
        if (fabs(x) >= fabs(y)) {
            double ratio = y / x, den = x + y * ratio;
            re = (a + c * ratio) / den;
            im = (c - a * ratio) / den;
        } else if (fabs(y) >= fabs(x)) {
            double ratio = x / y, den = x * ratio + y;
            re = (a * ratio + c) / den;
            im = (c * ratio - a) / den;
        } else {
            re = im = NAN;
        }
        r = cx(re, im);
    }
    return complex_new(ts, creal(r), cimag(r));
}

static TrObject *cm_phase(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (unary_args(ts, "cmath.phase", nargs, kw) < 0) return NULL;
    Cx z;
    if (cx_arg(ts, args[0], &z) < 0) return NULL;
    errno = 0;
    double p = atan2(cimag(z), creal(z));
    if (errno == ERANGE) return range_error(ts);   /* an underflowing angle, as CPython reports it */
    return float_new(ts, p);
}

static TrObject *cm_polar(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (unary_args(ts, "cmath.polar", nargs, kw) < 0) return NULL;
    Cx z;
    if (cx_arg(ts, args[0], &z) < 0) return NULL;
    double r = hypot(creal(z), cimag(z));
    if (cx_finite(z) && isinf(r)) return range_error(ts);
    TrObject *a = float_new(ts, r), *p = a ? float_new(ts, atan2(cimag(z), creal(z))) : NULL;
    TrObject *t = p ? tuple_new(ts, 2) : NULL;
    if (!t) { tr_xdecref(a); tr_xdecref(p); return NULL; }
    tuple_set_take(t, 0, a);
    tuple_set_take(t, 1, p);
    return t;
}

static TrObject *cm_rect(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_no_kwargs(ts, "rect", kw) < 0 || tr_check_nargs(ts, "rect", nargs, 2, 2) < 0) return NULL;
    double r, phi;
    if (real_arg(ts, args[0], &r) < 0 || real_arg(ts, args[1], &phi) < 0) return NULL;
    double re, im;
    if (isinf(phi) && !isnan(r) && r != 0.0) return domain_error(ts);
    if (isinf(r) && isnan(phi)) { re = INFINITY; im = NAN; }
    else if (isnan(r) && phi == 0.0) { re = r; im = 0.0; }
    else if (r == 0.0 && !isfinite(phi)) { re = 0.0; im = 0.0; }
    else if (isinf(r) && isfinite(phi) && phi != 0.0) {
        /* infinite modulus: the direction of the ray */
        re = copysign(INFINITY, cos(phi)) * (r > 0 ? 1 : -1);
        im = copysign(INFINITY, sin(phi)) * (r > 0 ? 1 : -1);
    } else if (phi == 0.0 && !isnan(r)) {
        re = r;
        im = isinf(r) ? phi * (r > 0 ? 1 : -1) : r * phi;
    } else {
        re = r * cos(phi);
        im = r * sin(phi);
    }
    return complex_new(ts, re, im);
}

static TrObject *predicate(TrThread *ts, const char *name, TrObject *const *args, size_t nargs, TrObject *kw, int which) {
    if (unary_args(ts, name, nargs, kw) < 0) return NULL;
    Cx z;
    if (cx_arg(ts, args[0], &z) < 0) return NULL;
    double a = creal(z), b = cimag(z);
    switch (which) {
    case 0: return tr_bool(isfinite(a) && isfinite(b));
    case 1: return tr_bool(isinf(a) || isinf(b));
    default: return tr_bool(isnan(a) || isnan(b));
    }
}

static TrObject *cm_isfinite(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    return predicate(ts, "cmath.isfinite", args, nargs, kw, 0);
}
static TrObject *cm_isinf(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    return predicate(ts, "cmath.isinf", args, nargs, kw, 1);
}
static TrObject *cm_isnan(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    return predicate(ts, "cmath.isnan", args, nargs, kw, 2);
}

static TrObject *cm_isclose(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    static const char *const names[] = {"a", "b", "rel_tol", "abs_tol"};
    TrObject *a[4];
    if (args_parse_clinic(ts, "isclose", args, nargs, kw, names, 2, 2, 2, a) < 0) return NULL;
    Cx x, y;
    double rel = 1e-09, abst = 0.0;
    if (cx_arg(ts, a[0], &x) < 0 || cx_arg(ts, a[1], &y) < 0) return NULL;
    if (a[2] && real_arg(ts, a[2], &rel) < 0) return NULL;
    if (a[3] && real_arg(ts, a[3], &abst) < 0) return NULL;
    if (rel < 0.0 || abst < 0.0) return err_set(ts, &tr_exc_ValueError, "tolerances must be non-negative"), NULL;
    if (creal(x) == creal(y) && cimag(x) == cimag(y)) return tr_true;
    if (!cx_finite(x) || !cx_finite(y)) return tr_false;
    double diff = hypot(creal(x) - creal(y), cimag(x) - cimag(y));
    double ax = hypot(creal(x), cimag(x)), ay = hypot(creal(y), cimag(y));
    return tr_bool((diff <= rel * ay) || (diff <= rel * ax) || diff <= abst);
}

static const TrMethodDef cmath_functions[] = {
    {"sqrt", cm_sqrt}, {"exp", cm_exp}, {"log", cm_log}, {"log10", cm_log10},
    {"acos", cm_acos}, {"asin", cm_asin}, {"atan", cm_atan},
    {"cos", cm_cos}, {"sin", cm_sin}, {"tan", cm_tan},
    {"acosh", cm_acosh}, {"asinh", cm_asinh}, {"atanh", cm_atanh},
    {"cosh", cm_cosh}, {"sinh", cm_sinh}, {"tanh", cm_tanh},
    {"phase", cm_phase}, {"polar", cm_polar}, {"rect", cm_rect},
    {"isfinite", cm_isfinite}, {"isinf", cm_isinf}, {"isnan", cm_isnan}, {"isclose", cm_isclose},
    {NULL, NULL},
};

TrObject *cmath_module_init(TrThread *ts) {
    TrObject *m = module_new(ts, "cmath");
    if (!m) return NULL;
    if (module_add_functions(ts, m, cmath_functions) < 0) goto fail;
    static const struct { const char *name; double re, im; } consts[] = {
        {"pi", M_PI, -1}, {"e", M_E, -1}, {"tau", 2 * M_PI, -1}, {"inf", INFINITY, -1}, {"nan", NAN, -1},
        {"infj", 0.0, INFINITY}, {"nanj", 0.0, NAN},
    };
    for (size_t i = 0; i < sizeof consts / sizeof consts[0]; i++) {
        TrObject *v = consts[i].im == -1 ? float_new(ts, consts[i].re) : complex_new(ts, consts[i].re, consts[i].im);
        int rc = v ? dict_set_cstr(ts, module_dict(m), consts[i].name, v) : -1;
        tr_xdecref(v);
        if (rc < 0) goto fail;
    }
    return m;
fail:
    tr_decref(m);
    return NULL;
}
