/* objects/float.c: the float type, an immutable IEEE double.
 * Arithmetic follows CPython's floatobject.c semantics: an int operand is
 * converted to a double first (OverflowError when it cannot be), while
 * comparisons with ints are exact.  repr() prints the shortest digit string
 * that reads back to the same double (found with the C library's correctly
 * rounded printf/strtod), laid out with CPython's 'r' format rules.
 * Threads: floats are immutable once built; no locks.  The free list of
 * released floats is per thread (float_new, float_dealloc). */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "torii/torii.h"
#include "torii/bytes.h"


/* Each thread keeps up to FREE_MAX released exact floats for reuse (a float
 * freed by another thread than the one that made it goes on the releasing
 * thread's list: memory is memory).  Chained through `ob_type`; owner thread
 * only; emptied by float_thread_fini when the thread exits. */
#define FREE_MAX 256
static __thread TrFloat *free_list;
static __thread uint32_t nfree;

TrObject *float_new(TrThread *ts, double v) {
    TrFloat *f = free_list;
    if (f) {
        free_list = (TrFloat *)(void *)f->ob_base.ob_type;
        nfree--;
        tr_init_header(&f->ob_base, &tr_float_type);
    } else {
        f = (TrFloat *)tr_alloc(ts, &tr_float_type);
        if (!f) return NULL;
    }
    f->value = v;
    return (TrObject *)f;
}

void float_thread_fini(void) {
    while (free_list) {
        TrFloat *next = (TrFloat *)(void *)free_list->ob_base.ob_type;
        free(free_list);
        free_list = next;
    }
    nfree = 0;
}

/* An exact float equal to `o` (a float or float subclass); new reference. */
static TrObject *exact_float(TrThread *ts, TrObject *o) {
    if (tr_type(o) == &tr_float_type) return tr_newref(o);
    return float_new(ts, float_value(o));
}

/* ---- repr ---------------------------------------------------------------- */

/* "%.{p-1}e" of v, and whether it reads back as v. */
static int round_trips(double v, int p, char *tmp, size_t cap) {
    snprintf(tmp, cap, "%.*e", p - 1, v);
    return strtod(tmp, NULL) == v;
}

/* Adds one unit in the last mantissa digit of a "%e" string in place
 * ("1.99e+05" -> "2.00e+05"; "9.9e+05" -> "1.0e+06").  The string has room. */
static void bump_last_digit(char *tmp) {
    char *e = strchr(tmp, 'e');
    char *q = e - 1;
    for (;;) {
        if (*q == '.') { q--; continue; }
        if (*q < '9') { (*q)++; return; }
        *q = '0';
        if (q == tmp) break;
        q--;
    }
    /* carried out of the first digit: 10.0..e+X becomes 1.0..e+(X+1) */
    int exp = atoi(e + 1) + 1; /* |exp| <= 400 */
    tmp[0] = '1';
    sprintf(e, "e%+03d", exp);
}

/* Shortest round-trip digits of v > 0 (finite): fills `digits` (no trailing
 * zeros, NUL-terminated) and returns the decimal point position `decpt`:
 * v ~= 0.d1d2d3... * 10**decpt. */
static int shortest_digits(double v, char *digits) {
    char tmp[48];
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    int expfield = (int)((bits >> 52) & 0x7ff);
    bool pow2 = (bits & ((UINT64_C(1) << 52) - 1)) == 0 && expfield > 1;
    int p;
    if (!pow2) {
        /* The interval of doubles rounding to v is symmetric: "the correctly
         * rounded p-digit string round-trips" is monotone in p. */
        int lo = 1, hi = 17;
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            if (round_trips(v, mid, tmp, sizeof tmp)) hi = mid;
            else lo = mid + 1;
        }
        p = lo;
        round_trips(v, p, tmp, sizeof tmp);
    } else {
        /* A power of two: the gap below is half the gap above, so a p-digit
         * string just above v may read back while the nearest one below does not. */
        for (p = 1; p < 17; p++) {
            if (round_trips(v, p, tmp, sizeof tmp)) break;
            if (strtod(tmp, NULL) < v) {
                bump_last_digit(tmp);
                if (strtod(tmp, NULL) == v) break;
            }
        }
        if (p == 17) round_trips(v, p, tmp, sizeof tmp);
    }
    int nd = 0;
    const char *q = tmp;
    for (; *q != 'e'; q++)
        if (*q >= '0' && *q <= '9') digits[nd++] = *q;
    while (nd > 1 && digits[nd - 1] == '0') nd--;
    digits[nd] = '\0';
    return atoi(q + 1) + 1;
}

size_t float_format_repr(double v, char *buf) {
    char *o = buf;
    if (isnan(v)) { strcpy(buf, "nan"); return 3; }
    if (signbit(v)) *o++ = '-';
    if (isinf(v)) { strcpy(o, "inf"); return (size_t)(o - buf) + 3; }
    if (v == 0) { strcpy(o, "0.0"); return (size_t)(o - buf) + 3; }
    char d[24];
    int decpt = shortest_digits(fabs(v), d);
    int nd = (int)strlen(d);
    if (decpt <= -4 || decpt > 16) {
        *o++ = d[0];
        if (nd > 1) {
            *o++ = '.';
            memcpy(o, d + 1, (size_t)nd - 1);
            o += nd - 1;
        }
        o += sprintf(o, "e%+03d", decpt - 1);
    } else if (decpt <= 0) {
        *o++ = '0';
        *o++ = '.';
        for (int i = 0; i < -decpt; i++) *o++ = '0';
        memcpy(o, d, (size_t)nd);
        o += nd;
    } else if (decpt >= nd) {
        memcpy(o, d, (size_t)nd);
        o += nd;
        for (int i = nd; i < decpt; i++) *o++ = '0';
        *o++ = '.';
        *o++ = '0';
    } else {
        memcpy(o, d, (size_t)decpt);
        o += decpt;
        *o++ = '.';
        memcpy(o, d + decpt, (size_t)(nd - decpt));
        o += nd - decpt;
    }
    *o = '\0';
    return (size_t)(o - buf);
}

static TrObject *float_repr(TrThread *ts, TrObject *o) {
    char buf[40];
    size_t n = float_format_repr(float_value(o), buf);
    return str_from_utf8(ts, buf, n);
}

/* ---- hash and comparison ------------------------------------------------- */

#define HASH_MODULUS (((uint64_t)1 << 61) - 1)

/* The hash of the rational value of v: (m * 2**e) mod (2**61 - 1), using
 * 2**61 == 1 (mod P) to reduce the exponent; signed; -1 becomes -2.  Equal to
 * int_hash for integral values. */
int64_t float_hash_double(double v) {
    if (isinf(v)) return v > 0 ? 314159 : -314159;
    if (isnan(v)) return 0;
    if (v == 0) return 0;
    int e;
    double m = frexp(fabs(v), &e);               /* fabs(v) = m * 2**e, m in [0.5, 1) */
    uint64_t mant = (uint64_t)ldexp(m, 53);      /* exact: 53 bits */
    int exp = e - 53;                            /* fabs(v) = mant * 2**exp */
    exp = ((exp % 61) + 61) % 61;
    unsigned __int128 h = (unsigned __int128)(mant % HASH_MODULUS) << exp;
    int64_t r = (int64_t)(uint64_t)(h % HASH_MODULUS);
    if (v < 0) r = -r;
    return r == -1 ? -2 : r;
}

static int64_t float_hash(TrThread *ts, TrObject *o) {
    double v = float_value(o);
    if (isnan(v)) {
        /* NaNs hash by identity, as CPython's _Py_HashPointer */
        uintptr_t y = (uintptr_t)o;
        y = (y >> 4) | (y << (8 * sizeof(uintptr_t) - 4));
        int64_t h = (int64_t)y;
        return h == -1 ? -2 : h;
    }
    return float_hash_double(v);
}

int float_compare_with_int(double d, TrObject *i) {
    if (isnan(d)) return 2;
    if (isinf(d)) return d > 0 ? 1 : -1;
    int overflow;
    int64_t v = int_as_i64_overflow(i, &overflow);
    const int64_t lim = (int64_t)1 << 53;
    if (!overflow) {
        if (v >= -lim && v <= lim) {
            double w = (double)v;
            return (d > w) - (d < w);
        }
        if (d >= 9223372036854775808.0) return 1;
        if (d < -9223372036854775808.0) return -1;
        double fl = floor(d); /* fits int64 now */
        int64_t f = (int64_t)fl;
        if (f != v) return (f > v) - (f < v);
        return d > fl ? 1 : 0;
    }
    /* |i| >= 2**63 */
    if (fabs(d) < 9223372036854775808.0 || (d < 0) != (overflow < 0)) return overflow > 0 ? -1 : 1;
    /* same sign and |d| >= 2**63: d is integral; compare exactly as ints */
    TrThread *ts = tr_thread_current();
    TrObject *di = int_from_double(ts, d);
    if (!di) {
        err_clear(ts);
        double w = int_as_double(ts, i);
        err_clear(ts);
        return (d > w) - (d < w);
    }
    int c = int_compare(di, i);
    tr_decref(di);
    return c;
}

static TrObject *cmp_result(int c, int op) {
    if (c == 2) return tr_bool(op == TR_NE); /* NaN is unordered */
    bool r;
    switch (op) {
    case TR_LT: r = c < 0; break;
    case TR_LE: r = c <= 0; break;
    case TR_EQ: r = c == 0; break;
    case TR_NE: r = c != 0; break;
    case TR_GT: r = c > 0; break;
    default: r = c >= 0; break;
    }
    return tr_bool(r);
}

static TrObject *float_richcompare(TrThread *ts, TrObject *a, TrObject *b, int op) {
    if (!float_check(a)) {
        /* reflected call with the float on the right: swap the operator */
        static const int swapped[] = {TR_GT, TR_GE, TR_EQ, TR_NE, TR_LT, TR_LE};
        if (!float_check(b)) return tr_notimplemented;
        TrObject *t = a;
        a = b;
        b = t;
        op = swapped[op];
    }
    double x = float_value(a);
    if (float_check(b)) {
        double y = float_value(b);
        if (isnan(x) || isnan(y)) return cmp_result(2, op);
        return cmp_result((x > y) - (x < y), op);
    }
    if (int_check(b)) return cmp_result(float_compare_with_int(x, b), op);
    return tr_notimplemented;
}

static int float_truth(TrThread *ts, TrObject *o) { return float_value(o) != 0.0; }

/* ---- arithmetic ---------------------------------------------------------- */

static TrObject *zero_div(TrThread *ts, const char *msg) {
    err_set(ts, &tr_exc_ZeroDivisionError, msg);
    return NULL;
}

/* Python's divmod on doubles (b != 0): floor quotient and modulo with the sign of b. */
static void div_mod(double a, double b, double *floordiv, double *modulo) {
    double mod = fmod(a, b);
    double div = (a - mod) / b;
    if (mod) {
        if ((b < 0) != (mod < 0)) {
            mod += b;
            div -= 1.0;
        }
    } else {
        mod = copysign(0.0, b);
    }
    double fd;
    if (div) {
        fd = floor(div);
        if (div - fd > 0.5) fd += 1.0;
    } else {
        fd = copysign(0.0, a / b);
    }
    *floordiv = fd;
    *modulo = mod;
}

static bool is_odd_integer(double x) { return fmod(fabs(x), 2.0) == 1.0; }

static TrObject *float_pow_double(TrThread *ts, double iv, double iw) {
    if (iw == 0) return float_new(ts, 1.0);
    if (isnan(iv)) return float_new(ts, iv);
    if (isnan(iw)) return float_new(ts, iv == 1.0 ? 1.0 : iw);
    if (isinf(iw)) {
        iv = fabs(iv);
        if (iv == 1.0) return float_new(ts, 1.0);
        if ((iw > 0) == (iv > 1.0)) return float_new(ts, fabs(iw));
        return float_new(ts, 0.0);
    }
    if (isinf(iv)) {
        bool odd = is_odd_integer(iw);
        if (iw > 0) return float_new(ts, odd ? iv : fabs(iv));
        return float_new(ts, odd ? copysign(0.0, iv) : 0.0);
    }
    if (iv == 0.0) {
        if (iw < 0) return zero_div(ts, "0.0 cannot be raised to a negative power");
        return float_new(ts, is_odd_integer(iw) ? iv : 0.0);
    }
    bool negate = false;
    if (iv < 0.0) {
        if (iw != floor(iw))   /* a complex result, as CPython */
            return complex_pow_double(ts, iv, iw);
        iv = -iv;
        negate = is_odd_integer(iw);
    }
    if (iv == 1.0) return float_new(ts, negate ? -1.0 : 1.0);
    double r = pow(iv, iw);
    if (negate) r = -r;
    if (isinf(r)) {
        err_set(ts, &tr_exc_OverflowError, "(34, 'Numerical result out of range')");
        return NULL;
    }
    return float_new(ts, r);
}

TrObject *float_binop_double(TrThread *ts, int op, double a, double b) {
    double q, r;
    switch (op & ~TR_BINOP_INPLACE) {
    case TR_BINOP_ADD: return float_new(ts, a + b);
    case TR_BINOP_SUB: return float_new(ts, a - b);
    case TR_BINOP_MUL: return float_new(ts, a * b);
    case TR_BINOP_TRUEDIV:
        if (b == 0.0) return zero_div(ts, "float division by zero");
        return float_new(ts, a / b);
    case TR_BINOP_FLOORDIV:
        if (b == 0.0) return zero_div(ts, "float floor division by zero");
        div_mod(a, b, &q, &r);
        return float_new(ts, q);
    case TR_BINOP_MOD:
        if (b == 0.0) return zero_div(ts, "float modulo by zero");
        r = fmod(a, b);
        if (r) {
            if ((b < 0) != (r < 0)) r += b;
        } else {
            r = copysign(0.0, b);
        }
        return float_new(ts, r);
    case TR_BINOP_POW: return float_pow_double(ts, a, b);
    default: return tr_notimplemented;
    }
}

/* 1 and *out set when `o` is a float or an int; 0 when it is neither; -1 on
 * OverflowError (an int too large for a double). */
static int as_double(TrThread *ts, TrObject *o, double *out) {
    if (float_check(o)) {
        *out = float_value(o);
        return 1;
    }
    if (int_check(o)) {
        *out = int_as_double(ts, o);
        if (*out == -1.0 && err_occurred(ts)) return -1;
        return 1;
    }
    return 0;
}

double float_as_double(TrThread *ts, TrObject *o) {
    double d;
    int rc = as_double(ts, o, &d);
    if (rc > 0) return d;
    if (rc == 0) err_format(ts, &tr_exc_TypeError, "must be real number, not %s", tr_type_name(o));
    return -1.0;
}

#define BINOP_SLOT(name, OP) \
    static TrObject *name(TrThread *ts, TrObject *a, TrObject *b) { \
        double x, y; \
        int rc = as_double(ts, a, &x); \
        if (rc <= 0) return rc < 0 ? NULL : tr_notimplemented; \
        rc = as_double(ts, b, &y); \
        if (rc <= 0) return rc < 0 ? NULL : tr_notimplemented; \
        return float_binop_double(ts, OP, x, y); \
    }
BINOP_SLOT(float_add, TR_BINOP_ADD)
BINOP_SLOT(float_sub, TR_BINOP_SUB)
BINOP_SLOT(float_mul, TR_BINOP_MUL)
BINOP_SLOT(float_truediv, TR_BINOP_TRUEDIV)
BINOP_SLOT(float_floordiv, TR_BINOP_FLOORDIV)
BINOP_SLOT(float_mod, TR_BINOP_MOD)
BINOP_SLOT(float_pow, TR_BINOP_POW)

TrObject *float_divmod(TrThread *ts, TrObject *a, TrObject *b) {
    double x, y, q, r;
    if (!float_check(a) && !float_check(b)) return tr_notimplemented;
    int rc = as_double(ts, a, &x);
    if (rc <= 0) return rc < 0 ? NULL : tr_notimplemented;
    rc = as_double(ts, b, &y);
    if (rc <= 0) return rc < 0 ? NULL : tr_notimplemented;
    if (y == 0.0) return zero_div(ts, "float divmod()");
    div_mod(x, y, &q, &r);
    TrObject *fq = float_new(ts, q);
    return tuple_pair_take(ts, fq, fq ? float_new(ts, r) : NULL);
}

static TrObject *float_neg(TrThread *ts, TrObject *o) { return float_new(ts, -float_value(o)); }
static TrObject *float_pos(TrThread *ts, TrObject *o) { return exact_float(ts, o); }
static TrObject *float_abs(TrThread *ts, TrObject *o) { return float_new(ts, fabs(float_value(o))); }
static TrObject *float_to_int(TrThread *ts, TrObject *o) { return int_from_double(ts, float_value(o)); }

static const TrNumberSlots float_number = {
    .binop = {
        [TR_BINOP_ADD] = float_add, [TR_BINOP_SUB] = float_sub, [TR_BINOP_MUL] = float_mul,
        [TR_BINOP_TRUEDIV] = float_truediv, [TR_BINOP_FLOORDIV] = float_floordiv,
        [TR_BINOP_MOD] = float_mod, [TR_BINOP_POW] = float_pow,
    },
    .neg = float_neg, .pos = float_pos, .abs = float_abs,
    .to_int = float_to_int, .to_float = float_pos,
};

/* ---- round --------------------------------------------------------------- */

/* Rounds the exact decimal expansion `s` ("[-]ddd.ddd", from "%.Nf" with
 * enough digits to be exact) to 10**k, k = -ndigits > 0, half to even, and
 * returns it read back as a double (inf when it overflows). */
static double round_exact_decimal(const char *s, int k) {
    bool neg = s[0] == '-';
    if (neg) s++;
    const char *dot = strchr(s, '.');
    size_t ni = dot ? (size_t)(dot - s) : strlen(s);
    if ((size_t)k > ni) return neg ? -0.0 : 0.0; /* |x| < 10**(k-1) */
    size_t keep = ni - (size_t)k;                  /* integer digits kept */
    char *d = malloc(ni + 16);
    if (!d) return neg ? -0.0 : 0.0;
    memcpy(d + 1, s, keep);
    d[0] = '0';
    /* decide from the dropped digits: first one and whether any later one is nonzero */
    int first = (keep < ni) ? s[keep] - '0' : 0;
    bool rest = false;
    for (size_t i = keep + 1; i < ni; i++) rest |= s[i] != '0';
    if (dot)
        for (const char *q = dot + 1; *q; q++) rest |= *q != '0';
    int last = keep ? s[keep - 1] - '0' : 0;
    bool up = first > 5 || (first == 5 && (rest || (last & 1)));
    size_t n = keep + 1;
    if (up) {
        size_t i = n - 1;
        while (d[i] == '9') d[i--] = '0';
        d[i]++;
    }
    snprintf(d + n, 16, "e%d", k);
    double r = strtod(d, NULL);
    free(d);
    return neg ? -r : r;
}

TrObject *float_round(TrThread *ts, double x, TrObject *ndigits) {
    if (ndigits == NULL || ndigits == tr_none) {
        double r = round(x);
        if (fabs(x - r) == 0.5) r = 2.0 * round(x / 2.0); /* half to even */
        return int_from_double(ts, r);
    }
    if (!int_check(ndigits))
        return err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                          tr_type_name(ndigits));
    int overflow;
    int64_t nd = int_as_i64_overflow(ndigits, &overflow);
    if (overflow > 0 || nd > 323) return float_new(ts, x);
    if (overflow < 0 || nd < -308) return float_new(ts, 0.0 * x);
    if (x == 0.0 || !isfinite(x)) return float_new(ts, x);
    double r;
    if (nd >= 0) {
        char buf[700];
        snprintf(buf, sizeof buf, "%.*f", (int)nd, x); /* exact value, rounded half to even */
        r = strtod(buf, NULL);
    } else {
        char *buf = malloc(400);
        if (!buf) return err_nomemory(ts);
        snprintf(buf, 400, "%.60f", x); /* exact for |x| >= 1; smaller ones round to 0 */
        r = round_exact_decimal(buf, (int)-nd);
        free(buf);
    }
    if (isinf(r)) {
        err_set(ts, &tr_exc_OverflowError, "rounded value too large to represent");
        return NULL;
    }
    return float_new(ts, r);
}

/* ---- construction -------------------------------------------------------- */

/* Byte length of the str.isspace() character at p, or 0. */
static size_t space_at(const unsigned char *p, const unsigned char *end) {
    unsigned c = p[0];
    if (c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f)) return 1;
    if (c < 0x80 || end - p < 2) return 0;
    if (c == 0xc2 && (p[1] == 0x85 || p[1] == 0xa0)) return 2;
    if (end - p < 3 || (c & 0xf0) != 0xe0) return 0;
    unsigned cp = ((c & 0x0fu) << 12) | ((p[1] & 0x3fu) << 6) | (p[2] & 0x3fu);
    if (cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029 ||
        cp == 0x202f || cp == 0x205f || cp == 0x3000)
        return 3;
    return 0;
}

static bool ieq(const char *p, size_t n, const char *word) {
    if (strlen(word) != n) return false;
    for (size_t i = 0; i < n; i++)
        if ((p[i] | 0x20) != word[i]) return false;
    return true;
}

/* Copies digits with single underscores between them from *pp into *oo;
 * returns the number of digits, or -1 on a misplaced underscore. */
static long copy_digits(const char **pp, const char *end, char **oo) {
    const char *p = *pp;
    char *o = *oo;
    long n = 0;
    while (p < end) {
        if (*p >= '0' && *p <= '9') {
            *o++ = *p++;
            n++;
        } else if (*p == '_' && n > 0 && p + 1 < end && p[1] >= '0' && p[1] <= '9') {
            p++;
        } else {
            break;
        }
    }
    *pp = p;
    *oo = o;
    return n;
}

TrObject *float_from_string(TrThread *ts, const char *s, size_t len) {
    const unsigned char *b = (const unsigned char *)s, *e = b + len;
    size_t n;
    while (b < e && (n = space_at(b, e)) > 0) b += n;
    while (e > b) {
        const unsigned char *q = e - 1;
        while (q > b && (*q & 0xc0) == 0x80) q--;
        if (space_at(q, e) != (size_t)(e - q)) break;
        e = q;
    }
    const char *p = (const char *)b, *end = (const char *)e;
    char *buf = malloc((size_t)(end - p) + 4);
    if (!buf) return err_nomemory(ts);
    char *o = buf;
    bool neg = false;
    if (p < end && (*p == '+' || *p == '-')) neg = (*p++ == '-');
    size_t rest = (size_t)(end - p);
    double v;
    if (ieq(p, rest, "inf") || ieq(p, rest, "infinity")) {
        v = neg ? -INFINITY : INFINITY;
    } else if (ieq(p, rest, "nan")) {
        v = neg ? -NAN : NAN;
    } else {
        if (neg) *o++ = '-';
        long digits = copy_digits(&p, end, &o);
        if (p < end && *p == '.') {
            *o++ = *p++;
            digits += copy_digits(&p, end, &o);
        }
        if (digits == 0) goto bad;
        if (p < end && (*p == 'e' || *p == 'E')) {
            *o++ = *p++;
            if (p < end && (*p == '+' || *p == '-')) *o++ = *p++;
            if (copy_digits(&p, end, &o) == 0) goto bad;
        }
        if (p != end) goto bad;
        *o = '\0';
        v = strtod(buf, NULL); /* overflow gives inf and underflow 0, as CPython */
    }
    free(buf);
    return float_new(ts, v);

bad:
    free(buf);
    {
        TrObject *str = str_from_utf8(ts, s, len);
        if (!str) return NULL;
        err_format(ts, &tr_exc_ValueError, "could not convert string to float: %R", str);
        tr_decref(str);
    }
    return NULL;
}

static TrObject *float_value_of(TrThread *ts, TrObject *x) {
    if (float_check(x)) return exact_float(ts, x);
    if (int_check(x)) {
        double d = int_as_double(ts, x);
        if (d == -1.0 && err_occurred(ts)) return NULL;
        return float_new(ts, d);
    }
    if (str_check(x)) return float_from_string(ts, str_utf8(x), str_nbytes(x));
    if (bytes_check(x) || bytearray_check(x)) {
        /* as CPython: the bytes parsed as ASCII text, the error showing them */
        TrBytesView v;
        if (bytes_view(ts, x, &v) < 0) return NULL;
        TrObject *r = float_from_string(ts, v.p, v.n);
        bytes_view_release(&v);
        if (!r && err_matches(ts, &tr_exc_ValueError)) {
            err_clear(ts);
            TrObject *rep = tr_repr(ts, x);
            if (!rep) return NULL;
            err_format(ts, &tr_exc_ValueError, "could not convert string to float: %S", rep);
            tr_decref(rep);
        }
        return r;
    }
    const TrNumberSlots *nb = tr_type(x)->number;
    if (nb && nb->to_float) {
        TrObject *r = nb->to_float(ts, x);
        if (!r) return NULL;
        if (!float_check(r)) {
            err_format(ts, &tr_exc_TypeError, "%s.__float__ returned non-float (type %s)",
                       tr_type_name(x), tr_type_name(r));
            tr_decref(r);
            return NULL;
        }
        return r;
    }
    if (nb && nb->index) {
        TrObject *i = nb->index(ts, x);
        if (!i) return NULL;
        double d = int_check(i) ? int_as_double(ts, i) : 0.0;
        tr_decref(i);
        if (d == -1.0 && err_occurred(ts)) return NULL;
        return float_new(ts, d);
    }
    return err_format(ts, &tr_exc_TypeError, "float() argument must be a string or a real number, not '%s'",
                      tr_type_name(x));
}

static TrObject *float_new_slot(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs,
                                TrObject *kwnames) {
    if (kwnames && tuple_size(kwnames)) {
        err_set(ts, &tr_exc_TypeError, "float() takes no keyword arguments");
        return NULL;
    }
    if (nargs > 1) return err_format(ts, &tr_exc_TypeError, "float expected at most 1 argument, got %zu", nargs);
    TrObject *v = nargs ? float_value_of(ts, args[0]) : float_new(ts, 0.0);
    if (!v || type == &tr_float_type) return v;
    /* a subclass instance */
    TrFloat *f = (TrFloat *)tr_alloc(ts, type);
    if (f) f->value = float_value(v);
    tr_decref(v);
    return (TrObject *)f;
}

static void float_dealloc(TrThread *ts, TrObject *o) {
    /* exact floats only (a subclass's instance holds a count on its class),
     * never a statically allocated one */
    if (o->ob_type == &tr_float_type && nfree < FREE_MAX &&
        !(atomic_load_u16_relaxed(&o->ob_flags) & TR_FLAG_STATIC)) {
        o->ob_type = (TrType *)(void *)free_list;
        free_list = (TrFloat *)o;
        nfree++;
        return;
    }
    tr_free(o);
}

static TrObject *float_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    if (str_check(name)) {
        if (str_equal_cstr(name, "real")) return exact_float(ts, o);
        if (str_equal_cstr(name, "imag")) return float_new(ts, 0.0);
    }
    return tr_generic_getattr(ts, o, name);
}

/* ---- methods ------------------------------------------------------------- */

#define NOARGS(fname) \
    if (tr_check_args(ts, fname, nargs, kwnames, 0, 0) < 0) return NULL

static TrObject *m_is_integer(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                              TrObject *kwnames) {
    NOARGS("float.is_integer");
    double v = float_value(self);
    return tr_bool(isfinite(v) && floor(v) == v);
}

static TrObject *m_as_integer_ratio(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                    TrObject *kwnames) {
    NOARGS("float.as_integer_ratio");
    double v = float_value(self);
    if (isinf(v)) {
        err_set(ts, &tr_exc_OverflowError, "cannot convert Infinity to integer ratio");
        return NULL;
    }
    if (isnan(v)) {
        err_set(ts, &tr_exc_ValueError, "cannot convert NaN to integer ratio");
        return NULL;
    }
    int e;
    double m = frexp(v, &e);
    int64_t mant = (int64_t)ldexp(m, 53); /* v = mant * 2**(e-53) */
    int exp = e - 53;
    if (mant == 0) exp = 0;
    while (mant != 0 && (mant & 1) == 0 && exp < 0) {
        mant >>= 1;
        exp++;
    }
    TrObject *num = int_from_i64(ts, mant), *den = tr_imm_from(1), *t = NULL;
    if (!num) return NULL;
    TrObject *sh = tr_imm_from(exp >= 0 ? exp : -exp);
    if (exp > 0) {
        TrObject *n2 = int_binop(ts, TR_BINOP_LSHIFT, num, sh);
        tr_decref(num);
        if (!(num = n2)) return NULL;
    } else if (exp < 0) {
        if (!(den = int_binop(ts, TR_BINOP_LSHIFT, den, sh))) goto error;
    }
    if (!(t = tuple_new(ts, 2))) goto error;
    tuple_set_take(t, 0, num);
    tuple_set_take(t, 1, den);
    return t;
error:
    tr_decref(num);
    tr_xdecref(den);
    return NULL;
}

static TrObject *m_hex(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                       TrObject *kwnames) {
    NOARGS("float.hex");
    double v = float_value(self);
    char buf[48];
    if (isnan(v) || isinf(v)) {
        size_t n = float_format_repr(v, buf);
        return str_from_utf8(ts, buf, n);
    }
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    const char *sign = (bits >> 63) ? "-" : "";
    int expfield = (int)((bits >> 52) & 0x7ff);
    unsigned long long frac = bits & ((UINT64_C(1) << 52) - 1);
    if (expfield == 0 && frac == 0) snprintf(buf, sizeof buf, "%s0x0.0p+0", sign);
    else if (expfield == 0) snprintf(buf, sizeof buf, "%s0x0.%013llxp-1022", sign, frac);
    else snprintf(buf, sizeof buf, "%s0x1.%013llxp%+d", sign, frac, expfield - 1023);
    return str_from_cstr(ts, buf);
}

static TrObject *m_conjugate(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                             TrObject *kwnames) {
    NOARGS("float.conjugate");
    return exact_float(ts, self);
}

static TrObject *m_trunc(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                         TrObject *kwnames) {
    NOARGS("float.__trunc__");
    return int_from_double(ts, float_value(self));
}

static TrObject *m_floor(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                         TrObject *kwnames) {
    NOARGS("float.__floor__");
    return int_from_double(ts, floor(float_value(self)));
}

static TrObject *m_ceil(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                        TrObject *kwnames) {
    NOARGS("float.__ceil__");
    return int_from_double(ts, ceil(float_value(self)));
}

static TrObject *m_round(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                         TrObject *kwnames) {
    if (tr_check_args(ts, "float.__round__", nargs, kwnames, 0, 1) < 0) return NULL;
    return float_round(ts, float_value(self), nargs ? args[0] : NULL);
}

static TrObject *m_abs(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                       TrObject *kwnames) {
    NOARGS("float.__abs__");
    return float_abs(ts, self);
}

static const TrMethodDef float_methods[] = {
    {"is_integer", m_is_integer},
    {"as_integer_ratio", m_as_integer_ratio},
    {"hex", m_hex},
    {"conjugate", m_conjugate},
    {"__trunc__", m_trunc},
    {"__int__", m_trunc},
    {"__floor__", m_floor},
    {"__ceil__", m_ceil},
    {"__round__", m_round},
    {"__float__", m_conjugate},
    {"__abs__", m_abs},
    {NULL, NULL},
};

TrType tr_float_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "float",
    .basicsize = sizeof(TrFloat),
    .flags = TR_TPFLAG_BASETYPE,
    .base = &tr_object_type,
    .dealloc = float_dealloc,
    .repr = float_repr,
    .hash = float_hash,
    .richcompare = float_richcompare,
    .truth = float_truth,
    .new_ = float_new_slot,
    .getattr = float_getattr,
    .number = &float_number,
    .methods = float_methods,
};
