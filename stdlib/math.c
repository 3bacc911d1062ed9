/* stdlib/math.c: the math module (the common subset): constants, floor/ceil
 * and friends returning ints, the libm functions, gcd, isqrt, factorial.
 * Stateless: every function may run in any thread at once. */
#include <errno.h>
#include <math.h>

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
static TrObject *unary(TrThread *ts, TrObject *const *args, size_t nargs, TrObject *kwnames,
                       const char *name, double (*fn)(double)) {
    if (tr_check_args(ts, name, nargs, kwnames, 1, 1) < 0) return NULL;
    double x;
    if (real_arg(ts, args[0], &x) < 0) return NULL;
    errno = 0;
    double r = fn(x);
    if (isnan(r) && !isnan(x)) return err_format(ts, &tr_exc_ValueError, "math domain error");
    if (isinf(r) && isfinite(x)) {
        if (errno == ERANGE) return err_format(ts, &tr_exc_OverflowError, "math range error");
        return err_format(ts, &tr_exc_ValueError, "math domain error");
    }
    return float_new(ts, r);
}

#define UNARY(pyname, cfn) \
    static TrObject *math_##pyname(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) { \
        return unary(ts, args, nargs, kwnames, #pyname, cfn); \
    }
UNARY(sqrt, sqrt)
UNARY(exp, exp)
UNARY(sin, sin)
UNARY(cos, cos)
UNARY(tan, tan)
UNARY(asin, asin)
UNARY(acos, acos)
UNARY(atan, atan)
UNARY(sinh, sinh)
UNARY(cosh, cosh)
UNARY(tanh, tanh)
UNARY(log2, log2)
UNARY(log10, log10)
UNARY(fabs, fabs)

static TrObject *math_log(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "log", nargs, kwnames, 1, 2) < 0) return NULL;
    double x, base = 0;
    if (real_arg(ts, args[0], &x) < 0) return NULL;
    if (x <= 0) return err_format(ts, &tr_exc_ValueError, "math domain error");
    double r = log(x);
    if (nargs == 2) {
        if (real_arg(ts, args[1], &base) < 0) return NULL;
        if (base <= 0) return err_format(ts, &tr_exc_ValueError, "math domain error");
        if (base == 1.0) return err_format(ts, &tr_exc_ZeroDivisionError, "float division by zero");
        r /= log(base);
    }
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
    if (x == 0.0 && y < 0) return err_format(ts, &tr_exc_ValueError, "math domain error");
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

static TrObject *math_factorial(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "factorial", nargs, kwnames, 1, 1) < 0) return NULL;
    if (int_arg(ts, args[0]) < 0) return NULL;
    if (int_sign(args[0]) < 0) return err_format(ts, &tr_exc_ValueError, "factorial() not defined for negative values");
    int64_t n = int_as_i64(ts, args[0]);
    if (n == -1 && err_occurred(ts)) return NULL;
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
    /* Newton's iteration on Python ints, from an upper bound. */
    TrObject *x = tr_newref(args[0]);
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
    {"pow", math_pow}, {"hypot", math_hypot}, {"floor", math_floor}, {"ceil", math_ceil},
    {"trunc", math_trunc}, {"isnan", math_isnan}, {"isinf", math_isinf}, {"isfinite", math_isfinite},
    {"gcd", math_gcd}, {"factorial", math_factorial}, {"isqrt", math_isqrt},
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
