/* objects/complex.c: the complex type, an immutable pair of IEEE doubles.
 * Arithmetic follows CPython's complexobject.c: an int or float operand is
 * the complex (x, 0) (OverflowError for an int too large for a double);
 * division scales by the larger part of the divisor (Smith's method); `**`
 * by a small integral exponent multiplies by squaring, any other exponent
 * goes through polar form.  repr() prints each part with the shortest
 * round-trip digits and no ".0", and leaves out a real part that is +0.0.
 * Threads: complex numbers are immutable once built; no locks. */
#include <ctype.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "torii/torii.h"

typedef struct { double re, im; } Cx;

TrObject *complex_new(TrThread *ts, double real, double imag) {
    TrComplex *c = (TrComplex *)tr_alloc(ts, &tr_complex_type);
    if (!c) return NULL;
    c->real = real;
    c->imag = imag;
    return (TrObject *)c;
}

static TrObject *cx_new(TrThread *ts, Cx c) { return complex_new(ts, c.re, c.im); }

/* An exact complex equal to `o` (a complex or complex subclass); new reference. */
static TrObject *exact_complex(TrThread *ts, TrObject *o) {
    if (tr_type(o) == &tr_complex_type) return tr_newref(o);
    return complex_new(ts, complex_real(o), complex_imag(o));
}

/* 1 and *out set when `o` is a complex, float or int; 0 when it is none of
 * them; -1 on OverflowError (an int too large for a double). */
static int as_cx(TrThread *ts, TrObject *o, Cx *out) {
    if (!tr_is_imm(o) && complex_check(o)) {
        out->re = complex_real(o);
        out->im = complex_imag(o);
        return 1;
    }
    if (!tr_is_imm(o) && float_check(o)) {
        out->re = float_value(o);
        out->im = 0.0;
        return 1;
    }
    if (int_check(o)) {
        out->re = int_as_double(ts, o);
        out->im = 0.0;
        if (out->re == -1.0 && err_occurred(ts)) return -1;
        return 1;
    }
    return 0;
}

/* ---- repr ---------------------------------------------------------------- */

size_t complex_format_part(double v, char *buf) {
    size_t n = float_format_repr(v, buf);
    if (n >= 2 && buf[n - 2] == '.' && buf[n - 1] == '0') n -= 2;
    buf[n] = '\0';
    return n;
}

static TrObject *complex_repr(TrThread *ts, TrObject *o) {
    double re = complex_real(o), im = complex_imag(o);
    char rb[48], ib[48], out[112];
    complex_format_part(im, ib);
    if (re == 0.0 && !signbit(re)) {
        size_t n = (size_t)snprintf(out, sizeof out, "%sj", ib);
        return str_from_utf8(ts, out, n);
    }
    complex_format_part(re, rb);
    const char *sign = (ib[0] == '-') ? "" : "+";
    size_t n = (size_t)snprintf(out, sizeof out, "(%s%s%sj)", rb, sign, ib);
    return str_from_utf8(ts, out, n);
}

/* ---- hash and comparison ------------------------------------------------- */

static int64_t part_hash(TrObject *o, double v) {
    if (isnan(v)) {
        /* NaNs hash by identity, as CPython's _Py_HashDouble(obj, v) */
        uintptr_t y = (uintptr_t)o;
        y = (y >> 4) | (y << (8 * sizeof(uintptr_t) - 4));
        return (int64_t)y;
    }
    return float_hash_double(v);
}

static int64_t complex_hash(TrThread *ts, TrObject *o) {
    uint64_t hr = (uint64_t)part_hash(o, complex_real(o));
    uint64_t hi = (uint64_t)part_hash(o, complex_imag(o));
    int64_t h = (int64_t)(hr + 1000003u * hi);
    return h == -1 ? -2 : h;
}

static TrObject *complex_richcompare(TrThread *ts, TrObject *a, TrObject *b, int op) {
    if (op != TR_EQ && op != TR_NE) return tr_notimplemented;
    if (tr_is_imm(a) || !complex_check(a)) { TrObject *t = a; a = b; b = t; }
    double re = complex_real(a), im = complex_imag(a);
    int eq;
    if (int_check(b)) {
        eq = im == 0.0 && float_compare_with_int(re, b) == 0;
    } else if (float_check(b)) {
        eq = im == 0.0 && re == float_value(b);
    } else if (complex_check(b)) {
        eq = re == complex_real(b) && im == complex_imag(b);
    } else {
        return tr_notimplemented;
    }
    return (eq == (op == TR_EQ)) ? tr_true : tr_false;
}

static int complex_truth(TrThread *ts, TrObject *o) { return complex_real(o) != 0.0 || complex_imag(o) != 0.0; }

/* ---- arithmetic ---------------------------------------------------------- */

static Cx c_prod(Cx a, Cx b) { return (Cx){a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re}; }

/* a / b; b.re == b.im == 0 gives a NaN-free sentinel: the caller checks first. */
static Cx c_quot(Cx a, Cx b) {
    double abs_bre = fabs(b.re), abs_bim = fabs(b.im);
    Cx r;
    if (abs_bre >= abs_bim) {
        if (abs_bre == 0.0) return (Cx){NAN, NAN};
        double ratio = b.im / b.re, denom = b.re + b.im * ratio;
        r.re = (a.re + a.im * ratio) / denom;
        r.im = (a.im - a.re * ratio) / denom;
    } else if (abs_bim >= abs_bre) {
        double ratio = b.re / b.im, denom = b.re * ratio + b.im;
        r.re = (a.re * ratio + a.im) / denom;
        r.im = (a.im * ratio - a.re) / denom;
    } else {
        r.re = r.im = NAN;   /* a NaN in b */
    }
    return r;
}

/* a ** b by polar form; *err: 1 for zero to a negative or complex power. */
static Cx c_pow(Cx a, Cx b, int *err) {
    if (b.re == 0.0 && b.im == 0.0) return (Cx){1.0, 0.0};
    if (a.re == 0.0 && a.im == 0.0) {
        if (b.im != 0.0 || b.re < 0.0) *err = 1;
        return (Cx){0.0, 0.0};
    }
    double vabs = hypot(a.re, a.im), len = pow(vabs, b.re), at = atan2(a.im, a.re), phase = at * b.re;
    if (b.im != 0.0) {
        len /= exp(at * b.im);
        phase += b.im * log(vabs);
    }
    return (Cx){len * cos(phase), len * sin(phase)};
}

static Cx c_powu(Cx x, long n) {
    Cx r = {1.0, 0.0}, p = x;
    for (long mask = 1; mask > 0 && n >= mask; mask <<= 1) {
        if (n & mask) r = c_prod(r, p);
        p = c_prod(p, p);
    }
    return r;
}

static TrObject *zero_div(TrThread *ts, const char *msg) {
    err_set(ts, &tr_exc_ZeroDivisionError, msg);
    return NULL;
}

static TrObject *cx_power(TrThread *ts, Cx a, Cx b) {
    Cx r;
    int err = 0;
    if (b.im == 0.0 && b.re == floor(b.re) && fabs(b.re) <= 100.0) {
        long n = (long)b.re;
        if (n >= 0) {
            r = c_powu(a, n);
        } else {
            if (a.re == 0.0 && a.im == 0.0) return zero_div(ts, "0.0 to a negative or complex power");
            r = c_quot((Cx){1.0, 0.0}, c_powu(a, -n));
        }
    } else {
        r = c_pow(a, b, &err);
    }
    if (err) return zero_div(ts, "0.0 to a negative or complex power");
    if (isinf(r.re) || isinf(r.im)) {
        err_set(ts, &tr_exc_OverflowError, "complex exponentiation");
        return NULL;
    }
    return cx_new(ts, r);
}

TrObject *complex_pow_double(TrThread *ts, double a, double b) {
    return cx_power(ts, (Cx){a, 0.0}, (Cx){b, 0.0});
}

static TrObject *complex_binop(TrThread *ts, int op, TrObject *a, TrObject *b) {
    Cx x, y;
    int rc = as_cx(ts, a, &x);
    if (rc <= 0) return rc < 0 ? NULL : tr_notimplemented;
    rc = as_cx(ts, b, &y);
    if (rc <= 0) return rc < 0 ? NULL : tr_notimplemented;
    switch (op) {
    case TR_BINOP_ADD: return complex_new(ts, x.re + y.re, x.im + y.im);
    case TR_BINOP_SUB: return complex_new(ts, x.re - y.re, x.im - y.im);
    case TR_BINOP_MUL: return cx_new(ts, c_prod(x, y));
    case TR_BINOP_TRUEDIV:
        if (y.re == 0.0 && y.im == 0.0) return zero_div(ts, "complex division by zero");
        return cx_new(ts, c_quot(x, y));
    case TR_BINOP_POW: return cx_power(ts, x, y);
    default: return tr_notimplemented;
    }
}

#define BINOP_SLOT(name, OP) \
    static TrObject *name(TrThread *ts, TrObject *a, TrObject *b) { return complex_binop(ts, OP, a, b); }
BINOP_SLOT(complex_add, TR_BINOP_ADD)
BINOP_SLOT(complex_sub, TR_BINOP_SUB)
BINOP_SLOT(complex_mul, TR_BINOP_MUL)
BINOP_SLOT(complex_truediv, TR_BINOP_TRUEDIV)
BINOP_SLOT(complex_pow, TR_BINOP_POW)

static TrObject *complex_neg(TrThread *ts, TrObject *o) {
    return complex_new(ts, -complex_real(o), -complex_imag(o));
}
static TrObject *complex_pos(TrThread *ts, TrObject *o) { return exact_complex(ts, o); }
static TrObject *complex_abs(TrThread *ts, TrObject *o) {
    double re = complex_real(o), im = complex_imag(o);
    double r = hypot(re, im);
    if (isinf(r) && isfinite(re) && isfinite(im)) {
        err_set(ts, &tr_exc_OverflowError, "absolute value too large");
        return NULL;
    }
    return float_new(ts, r);
}

static const TrNumberSlots complex_number = {
    .binop = {
        [TR_BINOP_ADD] = complex_add, [TR_BINOP_SUB] = complex_sub, [TR_BINOP_MUL] = complex_mul,
        [TR_BINOP_TRUEDIV] = complex_truediv, [TR_BINOP_POW] = complex_pow,
    },
    .neg = complex_neg, .pos = complex_pos, .abs = complex_abs,
};

/* ---- complex(...) -------------------------------------------------------- */

static int ieq_prefix(const char *p, const char *end, const char *word) {
    size_t n = strlen(word);
    if ((size_t)(end - p) < n) return 0;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)p[i]) != word[i]) return 0;
    return 1;
}

/* Reads a float at *pp (a sign when `sign`, digits with '_' between them,
 * '.', an exponent; or inf, infinity, nan): 1 and *pp moved, 0 if none. */
static int parse_num(const char **pp, const char *end, double *out) {
    const char *p = *pp;
    char buf[400];
    size_t n = 0;
    if (p < end && (*p == '+' || *p == '-')) buf[n++] = *p++;
    if (ieq_prefix(p, end, "infinity") || ieq_prefix(p, end, "inf") || ieq_prefix(p, end, "nan")) {
        size_t k = ieq_prefix(p, end, "infinity") ? 8 : 3;
        memcpy(buf + n, p, k);
        buf[n + k] = 0;
        *out = strtod(buf, NULL);
        *pp = p + k;
        return 1;
    }
    int digits = 0;
    while (p < end && n < sizeof buf - 8) {
        char c = *p;
        if (c >= '0' && c <= '9') { buf[n++] = c; digits++; p++; }
        else if (c == '_' && digits && p + 1 < end && p[1] >= '0' && p[1] <= '9' && p[-1] >= '0' && p[-1] <= '9') p++;
        else if (c == '.') { buf[n++] = c; p++; }
        else break;
    }
    if (!digits) return 0;
    if (p < end && (*p == 'e' || *p == 'E')) {
        const char *q = p + 1;
        size_t m = n;
        buf[m++] = 'e';
        if (q < end && (*q == '+' || *q == '-')) buf[m++] = *q++;
        int ed = 0;
        while (q < end && *q >= '0' && *q <= '9' && m < sizeof buf - 2) { buf[m++] = *q++; ed++; }
        if (ed) { n = m; p = q; }
    }
    buf[n] = 0;
    char *e;
    *out = strtod(buf, &e);
    if (*e) return 0;   /* "1.2.3" */
    *pp = p;
    return 1;
}

static TrObject *from_string(TrThread *ts, TrObject *so) {
    const char *s = str_utf8(so), *end = s + str_nbytes(so);
    while (s < end && isspace((unsigned char)*s)) s++;
    while (end > s && isspace((unsigned char)end[-1])) end--;
    if (s < end && *s == '(' && end[-1] == ')') {
        s++, end--;
        while (s < end && isspace((unsigned char)*s)) s++;
        while (end > s && isspace((unsigned char)end[-1])) end--;
    }
    double re = 0.0, im = 0.0, x;
    const char *p = s;
    if (parse_num(&p, end, &x)) {
        if (p < end && (*p == 'j' || *p == 'J')) {
            im = x;
            p++;
        } else if (p < end && (*p == '+' || *p == '-')) {
            re = x;
            double y;
            if (parse_num(&p, end, &y)) {
                im = y;
            } else {
                im = *p == '-' ? -1.0 : 1.0;
                p++;
            }
            if (p < end && (*p == 'j' || *p == 'J')) p++;
            else p = NULL;
        } else {
            re = x;
        }
    } else {
        if (p < end && (*p == '+' || *p == '-')) { im = *p == '-' ? -1.0 : 1.0; p++; }
        else im = 1.0;
        if (p < end && (*p == 'j' || *p == 'J')) p++;
        else p = NULL;
    }
    if (!p || p != end || s == end) {
        err_set(ts, &tr_exc_ValueError, "complex() arg is a malformed string");
        return NULL;
    }
    return complex_new(ts, re, im);
}

/* `x` as a complex for the constructor: 1 with *out, 0 if not a number, -1 on error. */
static int number_arg(TrThread *ts, TrObject *x, Cx *out) {
    int rc = as_cx(ts, x, out);
    if (rc != 0) return rc;
    TrObject *cm = tr_is_imm(x) ? NULL : tr_getattr_cstr(ts, x, "__complex__");
    if (cm) {
        TrObject *r = tr_call(ts, cm, NULL, 0, NULL);
        tr_decref(cm);
        if (!r) return -1;
        if (tr_is_imm(r) || !complex_check(r)) {
            err_format(ts, &tr_exc_TypeError, "__complex__ returned non-complex (type %s)", tr_type_name(r));
            tr_decref(r);
            return -1;
        }
        out->re = complex_real(r);
        out->im = complex_imag(r);
        tr_decref(r);
        return 1;
    }
    err_clear(ts);
    const TrNumberSlots *nb = tr_type(x)->number;
    if (nb && (nb->to_float || nb->index)) {
        TrObject *f = tr_call(ts, (TrObject *)&tr_float_type, &x, 1, NULL);
        if (!f) return -1;
        out->re = float_value(f);
        out->im = 0.0;
        tr_decref(f);
        return 1;
    }
    return 0;
}

static TrObject *complex_new_slot(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs,
                                  TrObject *kwnames) {
    TrObject *a[2] = {NULL, NULL};
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    if (nargs > 2) return err_format(ts, &tr_exc_TypeError, "complex() takes at most 2 arguments (%zu given)", nargs + nkw);
    for (size_t i = 0; i < nargs; i++) a[i] = args[i];
    for (size_t i = 0; i < nkw; i++) {
        TrObject *k = tuple_get(kwnames, i);
        int j = str_equal_cstr(k, "real") ? 0 : str_equal_cstr(k, "imag") ? 1 : -1;
        if (j < 0)
            return err_format(ts, &tr_exc_TypeError, "complex() got an unexpected keyword argument '%S'", k);
        if (a[j])
            return err_format(ts, &tr_exc_TypeError, "argument for complex() given by name ('%s') and position (%d)",
                              j ? "imag" : "real", j + 1);
        a[j] = args[nargs + i];
    }
    TrObject *v = NULL;
    if (a[0] && !tr_is_imm(a[0]) && str_check(a[0])) {
        if (a[1]) return err_format(ts, &tr_exc_TypeError, "complex() can't take second arg if first is a string");
        v = from_string(ts, a[0]);
    } else {
        if (a[1] && !tr_is_imm(a[1]) && str_check(a[1]))
            return err_format(ts, &tr_exc_TypeError, "complex() second arg can't be a string");
        Cx r = {0.0, 0.0}, i = {0.0, 0.0};
        if (a[0]) {
            int rc = number_arg(ts, a[0], &r);
            if (rc < 0) return NULL;
            if (rc == 0)
                return err_format(ts, &tr_exc_TypeError, "complex() first argument must be a string or a number, not '%s'",
                                  tr_type_name(a[0]));
        }
        if (a[1]) {
            int rc = number_arg(ts, a[1], &i);
            if (rc < 0) return NULL;
            if (rc == 0)
                return err_format(ts, &tr_exc_TypeError, "complex() second argument must be a number, not '%s'",
                                  tr_type_name(a[1]));
            int r_cx = a[0] && !tr_is_imm(a[0]) && complex_check(a[0]);
            int i_cx = !tr_is_imm(a[1]) && complex_check(a[1]);
            if (i_cx) r.re -= i.im;
            r.im = r_cx ? r.im + i.re : i.re;
        }
        if (a[0] && !a[1] && type == &tr_complex_type && !tr_is_imm(a[0]) && tr_type(a[0]) == &tr_complex_type)
            return tr_newref(a[0]);
        v = cx_new(ts, r);
    }
    if (!v || type == &tr_complex_type) return v;
    TrComplex *c = (TrComplex *)tr_alloc(ts, type);
    if (c) { c->real = complex_real(v); c->imag = complex_imag(v); }
    tr_decref(v);
    return (TrObject *)c;
}

static void complex_dealloc(TrThread *ts, TrObject *o) { tr_free(o); }

static TrObject *complex_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    if (str_check(name)) {
        if (str_equal_cstr(name, "real")) return float_new(ts, complex_real(o));
        if (str_equal_cstr(name, "imag")) return float_new(ts, complex_imag(o));
    }
    return tr_generic_getattr(ts, o, name);
}

/* ---- methods ------------------------------------------------------------- */

static TrObject *m_conjugate(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_args(ts, "conjugate", nargs, kw, 0, 0) < 0) return NULL;
    return complex_new(ts, complex_real(self), -complex_imag(self));
}

static TrObject *m_complex(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_args(ts, "__complex__", nargs, kw, 0, 0) < 0) return NULL;
    return exact_complex(ts, self);
}

static TrObject *m_getnewargs(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_args(ts, "__getnewargs__", nargs, kw, 0, 0) < 0) return NULL;
    TrObject *r = float_new(ts, complex_real(self));
    return tuple_pair_take(ts, r, r ? float_new(ts, complex_imag(self)) : NULL);
}

static TrObject *m_format(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_args(ts, "__format__", nargs, kw, 1, 1) < 0) return NULL;
    if (tr_is_imm(args[0]) || !str_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "__format__() argument must be str, not %s", tr_type_name(args[0]));
    return complex_format(ts, self, args[0]);
}

static const TrMethodDef complex_methods[] = {
    {"conjugate", m_conjugate},
    {"__complex__", m_complex},
    {"__getnewargs__", m_getnewargs},
    {"__format__", m_format},
    {NULL, NULL},
};

TrType tr_complex_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "complex",
    .basicsize = sizeof(TrComplex),
    .flags = TR_TPFLAG_BASETYPE,
    .base = &tr_object_type,
    .dealloc = complex_dealloc,
    .repr = complex_repr,
    .hash = complex_hash,
    .richcompare = complex_richcompare,
    .truth = complex_truth,
    .new_ = complex_new_slot,
    .getattr = complex_getattr,
    .number = &complex_number,
    .methods = complex_methods,
};
