/* objects/int.c: the int type: tagged immediates for values in
 * [TR_IMM_MIN, TR_IMM_MAX], GMP integers (TrBigInt) beyond.
 *
 * Invariant: an exact int whose value fits an immediate IS an immediate; a
 * TrBigInt of exact type int always holds a value outside the immediate range.
 * Every result is built through `from_i64` or `from_mpz_take`, which keep
 * this true.  Instances of int subclasses are TrBigInts of any value, and
 * bools are the two static objects of objects/bool.c (read as 0 and 1).
 * Operations read any operand through `IntArg`, which gives either a small
 * value or an mpz, so bools and subclasses need no special cases.
 *
 * Threads: ints are immutable once built; any thread reads them without locks.
 * `max_str_digits` (sys.set_int_max_str_digits) is a relaxed atomic.
 * Lock order: no locks are taken here. */
#include <gmp.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "torii/torii.h"
#include "stdlib/stdlib.h"   /* args_parse */


/* A heap int: the exact type int (value outside the immediate range) or an
 * int subclass instance (any value).  `z` is owned, cleared by dealloc. */
typedef struct TrBigInt {
    TrObject ob_base;
    mpz_t z;
} TrBigInt;

#define BIG(o) (((TrBigInt *)(o))->z)

/* Results beyond this many bits raise MemoryError rather than letting GMP
 * abort the process. */
#define MAX_RESULT_BITS ((uint64_t)1 << 37)

/* sys.get_int_max_str_digits(); 0 means no limit. */
static uint32_t max_str_digits = 4300;

int int_get_max_str_digits(void) { return (int)atomic_load_u32_relaxed(&max_str_digits); }
void int_set_max_str_digits(int n) { atomic_store_u32_relaxed(&max_str_digits, (uint32_t)n); }

/* ---- reading operands ---------------------------------------------------- */

/* One operand: `small` with `v`, or an mpz in `z`.  `arg_z` makes an mpz view
 * of a small value without allocating (mpz_roinit_n over `limb`), so an
 * IntArg must not be copied after arg_z was called. */
typedef struct IntArg {
    bool small;
    int64_t v;
    mpz_srcptr z;
    mpz_t tmp;
    mp_limb_t limb;
} IntArg;

static inline void arg_init(IntArg *a, TrObject *o) {
    if (tr_is_imm(o)) {
        a->small = true;
        a->v = tr_imm_value(o);
    } else if (o->ob_type == &tr_bool_type) {
        a->small = true;
        a->v = (o == tr_true);
    } else if (o->ob_type != &tr_int_type && mpz_fits_slong_p(BIG(o)) &&
               tr_fits_imm(mpz_get_si(BIG(o)))) {
        a->small = true; /* a subclass instance holding a small value */
        a->v = mpz_get_si(BIG(o));
    } else {
        a->small = false;
        a->z = BIG(o);
    }
}

static mpz_srcptr arg_z(IntArg *a) {
    if (a->small) {
        a->limb = a->v < 0 ? (mp_limb_t)(-(uint64_t)a->v) : (mp_limb_t)a->v;
        a->z = mpz_roinit_n(a->tmp, &a->limb, a->v < 0 ? -1 : (a->v > 0 ? 1 : 0));
    }
    return a->z;
}

static int arg_sign(const IntArg *a) {
    if (a->small) return (a->v > 0) - (a->v < 0);
    return mpz_sgn(a->z);
}

/* ---- building results ---------------------------------------------------- */

static TrObject *new_big_from_i64(TrThread *ts, int64_t v) {
    TrBigInt *b = (TrBigInt *)tr_alloc(ts, &tr_int_type);
    if (!b) return NULL;
    mpz_init_set_si(b->z, v);
    return (TrObject *)b;
}

static inline TrObject *from_i64(TrThread *ts, int64_t v) {
    if (tr_fits_imm(v)) return tr_imm_from(v);
    return new_big_from_i64(ts, v);
}

/* Normalises and wraps `z`; `z` is consumed (cleared or moved) even on failure. */
static TrObject *from_mpz_take(TrThread *ts, mpz_t z) {
    if (mpz_fits_slong_p(z)) {
        long v = mpz_get_si(z);
        if (tr_fits_imm(v)) {
            mpz_clear(z);
            return tr_imm_from(v);
        }
    }
    TrBigInt *b = (TrBigInt *)tr_alloc(ts, &tr_int_type);
    if (!b) {
        mpz_clear(z);
        return NULL;
    }
    b->z[0] = z[0]; /* move: the limbs now belong to `b` */
    return (TrObject *)b;
}

/* An exact int equal to `o` (an int, bool or int subclass); new reference. */
static TrObject *exact_int(TrThread *ts, TrObject *o) {
    if (tr_is_imm(o) || o->ob_type == &tr_int_type) return tr_newref(o);
    if (o->ob_type == &tr_bool_type) return tr_imm_from(o == tr_true);
    mpz_t z;
    mpz_init_set(z, BIG(o));
    return from_mpz_take(ts, z);
}

TrObject *int_from_i64(TrThread *ts, int64_t v) { return from_i64(ts, v); }

TrObject *int_from_u64(TrThread *ts, uint64_t v) {
    if (v <= (uint64_t)TR_IMM_MAX) return tr_imm_from((int64_t)v);
    TrBigInt *b = (TrBigInt *)tr_alloc(ts, &tr_int_type);
    if (!b) return NULL;
    mpz_init_set_ui(b->z, v);
    return (TrObject *)b;
}

/* ---- conversions --------------------------------------------------------- */

int64_t int_as_i64_overflow(TrObject *o, int *overflow) {
    IntArg a;
    arg_init(&a, o);
    *overflow = 0;
    if (a.small) return a.v;
    if (mpz_fits_slong_p(a.z)) return mpz_get_si(a.z);
    *overflow = mpz_sgn(a.z);
    return -1;
}

int64_t int_as_i64(TrThread *ts, TrObject *o) {
    int overflow;
    int64_t v = int_as_i64_overflow(o, &overflow);
    if (overflow) {
        err_set(ts, &tr_exc_OverflowError, "Python int too large to convert to C long");
        return -1;
    }
    return v;
}

/* |a| / b correctly rounded to a double (round half to even), with the sign
 * of `a`; b > 0.  Returns 0, or -1 when the magnitude overflows a double.
 * The quotient is computed with at least 55 significant bits plus a sticky
 * remainder bit, then rounded once onto the double grid (subnormals included). */
static int ratio_to_double(mpz_srcptr a, mpz_srcptr b, double *out) {
    int neg = mpz_sgn(a) < 0;
    if (mpz_sgn(a) == 0) {
        *out = 0.0;
        return 0;
    }
    long diff = (long)mpz_sizeinbase(a, 2) - (long)mpz_sizeinbase(b, 2);
    if (diff > 1025) return -1; /* |a/b| >= 2**1024 */
    if (diff < -1077) {         /* |a/b| < 2**-1076: rounds to zero */
        *out = neg ? -0.0 : 0.0;
        return 0;
    }
    long shift = 55 - diff; /* q = |a| * 2**shift / b lies in [2**54, 2**56) */
    mpz_t q, r, t;
    mpz_inits(q, r, t, NULL);
    mpz_abs(t, a);
    if (shift >= 0) {
        mpz_mul_2exp(t, t, (mp_bitcnt_t)shift);
        mpz_tdiv_qr(q, r, t, b);
    } else {
        mpz_t bb;
        mpz_init(bb);
        mpz_mul_2exp(bb, b, (mp_bitcnt_t)(-shift));
        mpz_tdiv_qr(q, r, t, bb);
        mpz_clear(bb);
    }
    int sticky = mpz_sgn(r) != 0;
    long qbits = (long)mpz_sizeinbase(q, 2);
    long e = -shift; /* value = (q + sticky) * 2**e */
    long drop = qbits - 53;
    if (e + drop < -1074) drop = -1074 - e; /* subnormal: coarser grid */
    int half = mpz_tstbit(q, (mp_bitcnt_t)(drop - 1));
    mp_bitcnt_t low = mpz_scan1(q, 0);
    int below = sticky || (low != ~(mp_bitcnt_t)0 && low < (mp_bitcnt_t)(drop - 1));
    mpz_tdiv_q_2exp(q, q, (mp_bitcnt_t)drop);
    uint64_t m = mpz_get_ui(q);
    mpz_clears(q, r, t, NULL);
    if (half && (below || (m & 1))) m++;
    double d = ldexp((double)m, (int)(e + drop));
    if (isinf(d)) return -1;
    *out = neg ? -d : d;
    return 0;
}

static const mp_limb_t one_limb = 1;

static int mpz_to_double(mpz_srcptr z, double *out) {
    if (mpz_sizeinbase(z, 2) <= 53) {
        *out = mpz_get_d(z);
        return 0;
    }
    mpz_t one;
    return ratio_to_double(z, mpz_roinit_n(one, &one_limb, 1), out);
}

double int_as_double(TrThread *ts, TrObject *o) {
    IntArg a;
    arg_init(&a, o);
    if (a.small) return (double)a.v;
    double d;
    if (mpz_to_double(a.z, &d) < 0) {
        err_set(ts, &tr_exc_OverflowError, "int too large to convert to float");
        return -1.0;
    }
    return d;
}

TrObject *int_from_double(TrThread *ts, double d) {
    if (isnan(d)) {
        err_set(ts, &tr_exc_ValueError, "cannot convert float NaN to integer");
        return NULL;
    }
    if (isinf(d)) {
        err_set(ts, &tr_exc_OverflowError, "cannot convert float infinity to integer");
        return NULL;
    }
    double t = trunc(d);
    if (fabs(t) < 4611686018427387904.0) return tr_imm_from((int64_t)t); /* |t| < 2**62 */
    mpz_t z;
    mpz_init_set_d(z, t);
    return from_mpz_take(ts, z);
}

int int_sign(TrObject *o) {
    IntArg a;
    arg_init(&a, o);
    return arg_sign(&a);
}

int int_compare(TrObject *a, TrObject *b) {
    IntArg x, y;
    arg_init(&x, a);
    arg_init(&y, b);
    if (x.small && y.small) return (x.v > y.v) - (x.v < y.v);
    int c = mpz_cmp(arg_z(&x), arg_z(&y));
    return (c > 0) - (c < 0);
}

#define HASH_MODULUS (((uint64_t)1 << 61) - 1)

int64_t int_hash(TrObject *o) {
    IntArg a;
    arg_init(&a, o);
    int64_t h;
    if (a.small) {
        uint64_t mag = a.v < 0 ? -(uint64_t)a.v : (uint64_t)a.v;
        h = (int64_t)(mag % HASH_MODULUS);
        if (a.v < 0) h = -h;
    } else {
        h = (int64_t)mpz_tdiv_ui(a.z, HASH_MODULUS); /* |z| mod P */
        if (mpz_sgn(a.z) < 0) h = -h;
    }
    return h == -1 ? -2 : h;
}

/* ---- int <-> text -------------------------------------------------------- */

static TrObject *digit_limit_error(TrThread *ts, size_t have) {
    if (have)
        return err_format(ts, &tr_exc_ValueError,
                          "Exceeds the limit (%d digits) for integer string conversion: value has %zu "
                          "digits; use sys.set_int_max_str_digits() to increase the limit",
                          int_get_max_str_digits(), have);
    return err_format(ts, &tr_exc_ValueError,
                      "Exceeds the limit (%d digits) for integer string conversion; "
                      "use sys.set_int_max_str_digits() to increase the limit",
                      int_get_max_str_digits());
}

char *int_digits_base(TrThread *ts, TrObject *o, int base, bool *neg) {
    IntArg a;
    arg_init(&a, o);
    mpz_srcptr z = arg_z(&a);
    size_t est = mpz_sizeinbase(z, base);
    char *buf = malloc(est + 2);
    if (!buf) { err_nomemory(ts); return NULL; }
    mpz_get_str(buf, base, z);
    *neg = buf[0] == '-';
    if (*neg) memmove(buf, buf + 1, strlen(buf));
    return buf;
}

TrObject *int_repr(TrThread *ts, TrObject *o) {
    IntArg a;
    arg_init(&a, o);
    if (a.small) {
        char buf[32];
        int n = snprintf(buf, sizeof buf, "%lld", (long long)a.v);
        return str_from_utf8(ts, buf, (size_t)n);
    }
    size_t limit = (size_t)int_get_max_str_digits();
    size_t est = mpz_sizeinbase(a.z, 10); /* exact or one too many */
    if (limit && est > limit + 1) return digit_limit_error(ts, 0);
    char *buf = malloc(est + 2);
    if (!buf) return err_nomemory(ts);
    mpz_get_str(buf, 10, a.z);
    size_t n = strlen(buf);
    if (limit && n - (buf[0] == '-') > limit) {
        free(buf);
        return digit_limit_error(ts, 0);
    }
    TrObject *s = str_from_utf8(ts, buf, n);
    free(buf);
    return s;
}

/* Byte length of the whitespace character (str.isspace) at p, or 0. */
static size_t space_at(const unsigned char *p, const unsigned char *end) {
    unsigned c = p[0];
    if (c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f)) return 1;
    if (c < 0x80 || end - p < 2) return 0;
    if (c == 0xc2 && (p[1] == 0x85 || p[1] == 0xa0)) return 2;
    if (end - p < 3) return 0;
    unsigned cp = ((c & 0x0fu) << 12) | ((p[1] & 0x3fu) << 6) | (p[2] & 0x3fu);
    if ((c & 0xf0) != 0xe0) return 0;
    if (cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029 ||
        cp == 0x202f || cp == 0x205f || cp == 0x3000)
        return 3;
    return 0;
}

/* Trims str.isspace() characters from both ends of [*b, *e). */
static void strip_spaces(const char **b, const char **e) {
    const unsigned char *p = (const unsigned char *)*b, *end = (const unsigned char *)*e;
    size_t n;
    while (p < end && (n = space_at(p, end)) > 0) p += n;
    while (end > p) {
        /* step back over one character and test it */
        const unsigned char *q = end - 1;
        while (q > p && (*q & 0xc0) == 0x80) q--;
        if (space_at(q, end) != (size_t)(end - q)) break;
        end = q;
    }
    *b = (const char *)p;
    *e = (const char *)end;
}

static int digit_value(unsigned char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

/* ValueError "invalid literal for int() with base B: R" with `r` (the
 * text's repr, consumed) cut to 200 code points, as CPython's "%.200R". */
static TrObject *bad_literal_repr(TrThread *ts, TrObject *r, int base) {
    if (!r) return NULL;
    const char *t = str_utf8(r);
    size_t nb = str_nbytes(r), i = 0, cps = 0;
    while (i < nb && cps < 200) {
        i++;
        while (i < nb && ((unsigned char)t[i] & 0xc0) == 0x80) i++;
        cps++;
    }
    char *cut = malloc(i + 1);
    if (!cut) {
        tr_decref(r);
        return err_nomemory(ts);
    }
    memcpy(cut, t, i);
    cut[i] = '\0';
    tr_decref(r);
    err_format(ts, &tr_exc_ValueError, "invalid literal for int() with base %d: %s", base, cut);
    free(cut);
    return NULL;
}

static TrObject *bad_literal(TrThread *ts, const char *s, size_t len, int base) {
    TrObject *str = str_from_utf8(ts, s, len);
    if (!str) return NULL;
    TrObject *r = str_repr(ts, str);
    tr_decref(str);
    return bad_literal_repr(ts, r, base);
}

TrObject *int_from_string(TrThread *ts, const char *s, size_t len, int base) {
    if (base != 0 && (base < 2 || base > 36)) {
        err_set(ts, &tr_exc_ValueError, "int() base must be >= 2 and <= 36, or 0");
        return NULL;
    }
    const char *p = s, *end = s + len;
    strip_spaces(&p, &end);
    bool neg = false;
    if (p < end && (*p == '+' || *p == '-')) neg = (*p++ == '-');
    int b = base;
    bool prefixed = false;
    if (end - p >= 2 && p[0] == '0') {
        char c = (char)(p[1] | 0x20);
        int pb = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 0;
        if (pb && (base == 0 || base == pb)) {
            b = pb;
            p += 2;
            prefixed = true;
        }
    }
    if (b == 0) b = 10;
    /* Digits, with single underscores between digits (or after a prefix). */
    size_t ndigits = 0;
    bool last_us = false, leading_zero = false, nonzero = false;
    char small_buf[64];
    char *digits = (size_t)(end - p) < sizeof small_buf ? small_buf : malloc((size_t)(end - p) + 1);
    if (!digits) return err_nomemory(ts);
    for (const char *q = p; q < end; q++) {
        if (*q == '_') {
            if (last_us || (ndigits == 0 && !prefixed)) goto bad;
            last_us = true;
            continue;
        }
        if (digit_value((unsigned char)*q) >= b) goto bad;
        if (ndigits == 0 && *q == '0') leading_zero = true;
        if (*q != '0') nonzero = true;
        digits[ndigits++] = *q;
        last_us = false;
    }
    if (ndigits == 0 || last_us) goto bad;
    /* base 0: "010" is ambiguous and refused; "000" is fine */
    if (base == 0 && !prefixed && leading_zero && nonzero) goto bad;
    digits[ndigits] = '\0';

    TrObject *res;
    if ((b & (b - 1)) != 0) { /* not a power of two: the DoS limit applies */
        size_t limit = (size_t)int_get_max_str_digits();
        if (limit && ndigits > limit) {
            if (digits != small_buf) free(digits);
            return digit_limit_error(ts, ndigits);
        }
    }
    if (ndigits <= 12 || (b <= 10 && ndigits <= 18)) {
        int64_t v = 0;
        for (size_t i = 0; i < ndigits; i++) v = v * b + digit_value((unsigned char)digits[i]);
        res = from_i64(ts, neg ? -v : v);
    } else {
        mpz_t z;
        mpz_init(z);
        mpz_set_str(z, digits, b);
        if (neg) mpz_neg(z, z);
        res = from_mpz_take(ts, z);
    }
    if (digits != small_buf) free(digits);
    return res;

bad:
    if (digits != small_buf) free(digits);
    return bad_literal(ts, s, len, base);
}

/* ---- arithmetic ---------------------------------------------------------- */

static TrObject *zero_div(TrThread *ts, const char *msg) {
    err_set(ts, &tr_exc_ZeroDivisionError, msg);
    return NULL;
}

static TrObject *negative_shift(TrThread *ts) {
    err_set(ts, &tr_exc_ValueError, "negative shift count");
    return NULL;
}

/* Exact quotient a/b as a float, correctly rounded. */
static TrObject *true_divide(TrThread *ts, IntArg *x, IntArg *y) {
    if (arg_sign(y) == 0) return zero_div(ts, "division by zero");
    const int64_t lim = (int64_t)1 << 53;
    if (x->small && y->small && x->v <= lim && x->v >= -lim && y->v <= lim && y->v >= -lim)
        return float_new(ts, (double)x->v / (double)y->v);
    mpz_srcptr a = arg_z(x), b = arg_z(y);
    double d;
    int rc;
    if (mpz_sgn(b) < 0) {
        mpz_t na, nb;
        mpz_init(na);
        mpz_init(nb);
        mpz_neg(na, a);
        mpz_neg(nb, b);
        rc = ratio_to_double(na, nb, &d);
        mpz_clears(na, nb, NULL);
    } else {
        rc = ratio_to_double(a, b, &d);
    }
    if (rc < 0) {
        err_set(ts, &tr_exc_OverflowError, "integer division result too large for a float");
        return NULL;
    }
    return float_new(ts, d);
}

static TrObject *power(TrThread *ts, IntArg *x, IntArg *y) {
    if (arg_sign(y) < 0) {
        /* negative exponent: float arithmetic, as CPython */
        double a, b;
        if (x->small) a = (double)x->v;
        else if (mpz_to_double(x->z, &a) < 0) goto too_big;
        if (y->small) b = (double)y->v;
        else if (mpz_to_double(y->z, &b) < 0) goto too_big;
        return float_binop_double(ts, TR_BINOP_POW, a, b);
    too_big:
        err_set(ts, &tr_exc_OverflowError, "int too large to convert to float");
        return NULL;
    }
    /* trivial bases need no size check */
    if (x->small && (x->v == 0 || x->v == 1)) return tr_imm_from(x->v == 1 || arg_sign(y) == 0);
    if (x->small && x->v == -1) {
        int odd = y->small ? (y->v & 1) : mpz_odd_p(y->z);
        return tr_imm_from(odd ? -1 : 1);
    }
    if (x->small && y->small) {
        int64_t r = 1, base = x->v, e = y->v;
        bool ok = true;
        while (e > 0) {
            if (e & 1) {
                if (__builtin_mul_overflow(r, base, &r)) { ok = false; break; }
            }
            e >>= 1;
            if (e && __builtin_mul_overflow(base, base, &base)) { ok = false; break; }
        }
        if (ok) return from_i64(ts, r);
    }
    if (!y->small) return err_nomemory(ts);
    uint64_t bits = mpz_sizeinbase(arg_z(x), 2);
    uint64_t total;
    if (__builtin_mul_overflow(bits, (uint64_t)y->v, &total) || total > MAX_RESULT_BITS) return err_nomemory(ts);
    mpz_t r;
    mpz_init(r);
    mpz_pow_ui(r, arg_z(x), (unsigned long)y->v);
    return from_mpz_take(ts, r);
}

static TrObject *lshift(TrThread *ts, IntArg *x, IntArg *y) {
    if (arg_sign(y) < 0) return negative_shift(ts);
    if (arg_sign(x) == 0) return tr_imm_from(0);
    if (!y->small) {
        err_set(ts, &tr_exc_OverflowError, "too many digits in integer");
        return NULL;
    }
    if (x->small && y->v < 62) {
        int64_t r = (int64_t)((uint64_t)x->v << y->v);
        if ((r >> y->v) == x->v) return from_i64(ts, r);
    }
    if ((uint64_t)y->v > MAX_RESULT_BITS) return err_nomemory(ts);
    mpz_t r;
    mpz_init(r);
    mpz_mul_2exp(r, arg_z(x), (mp_bitcnt_t)y->v);
    return from_mpz_take(ts, r);
}

static TrObject *rshift(TrThread *ts, IntArg *x, IntArg *y) {
    int ys = arg_sign(y);
    if (ys < 0) return negative_shift(ts);
    if (!y->small) return tr_imm_from(arg_sign(x) < 0 ? -1 : 0);
    if (x->small) return tr_imm_from(y->v >= 63 ? (x->v < 0 ? -1 : 0) : x->v >> y->v);
    mpz_t r;
    mpz_init(r);
    mpz_fdiv_q_2exp(r, x->z, (mp_bitcnt_t)y->v); /* floor: Python's >> on negatives */
    return from_mpz_take(ts, r);
}

/* Slow path: at least one operand is an mpz, or the fast path overflowed. */
static TrObject *binop_big(TrThread *ts, int op, IntArg *x, IntArg *y) {
    mpz_t r;
    switch (op) {
    case TR_BINOP_TRUEDIV: return true_divide(ts, x, y);
    case TR_BINOP_POW: return power(ts, x, y);
    case TR_BINOP_LSHIFT: return lshift(ts, x, y);
    case TR_BINOP_RSHIFT: return rshift(ts, x, y);
    case TR_BINOP_FLOORDIV:
        if (arg_sign(y) == 0) return zero_div(ts, "integer division or modulo by zero");
        break;
    case TR_BINOP_MOD:
        if (arg_sign(y) == 0) return zero_div(ts, "integer modulo by zero");
        break;
    case TR_BINOP_MATMUL: return tr_notimplemented;
    default: break;
    }
    mpz_srcptr a = arg_z(x), b = arg_z(y);
    mpz_init(r);
    switch (op) {
    case TR_BINOP_ADD: mpz_add(r, a, b); break;
    case TR_BINOP_SUB: mpz_sub(r, a, b); break;
    case TR_BINOP_MUL: mpz_mul(r, a, b); break;
    case TR_BINOP_FLOORDIV: mpz_fdiv_q(r, a, b); break;
    case TR_BINOP_MOD: mpz_fdiv_r(r, a, b); break;
    case TR_BINOP_AND: mpz_and(r, a, b); break;
    case TR_BINOP_OR: mpz_ior(r, a, b); break;
    case TR_BINOP_XOR: mpz_xor(r, a, b); break;
    default: mpz_clear(r); return tr_notimplemented;
    }
    return from_mpz_take(ts, r);
}

TrObject *int_binop(TrThread *ts, int op, TrObject *a, TrObject *b) {
    IntArg x, y;
    arg_init(&x, a);
    arg_init(&y, b);
    op &= ~TR_BINOP_INPLACE;
    if (x.small && y.small) {
        int64_t u = x.v, v = y.v, r;
        switch (op) {
        case TR_BINOP_ADD: return from_i64(ts, u + v); /* 62-bit operands: no int64 overflow */
        case TR_BINOP_SUB: return from_i64(ts, u - v);
        case TR_BINOP_MUL:
            if (!__builtin_mul_overflow(u, v, &r)) return from_i64(ts, r);
            break;
        case TR_BINOP_FLOORDIV:
            if (v == 0) return zero_div(ts, "integer division or modulo by zero");
            r = u / v;
            if ((u % v != 0) && ((u < 0) != (v < 0))) r--;
            return from_i64(ts, r);
        case TR_BINOP_MOD:
            if (v == 0) return zero_div(ts, "integer modulo by zero");
            r = u % v;
            if (r != 0 && ((r < 0) != (v < 0))) r += v;
            return tr_imm_from(r);
        case TR_BINOP_AND: return tr_imm_from(u & v);
        case TR_BINOP_OR: return tr_imm_from(u | v);
        case TR_BINOP_XOR: return tr_imm_from(u ^ v);
        default: break;
        }
    }
    return binop_big(ts, op, &x, &y);
}

TrObject *int_divmod(TrThread *ts, TrObject *a, TrObject *b) {
    if (!int_check(a) || !int_check(b)) return tr_notimplemented;
    if (int_sign(b) == 0) return zero_div(ts, "integer division or modulo by zero");
    TrObject *q = int_binop(ts, TR_BINOP_FLOORDIV, a, b);
    return tuple_pair_take(ts, q, q ? int_binop(ts, TR_BINOP_MOD, a, b) : NULL);
}

TrObject *int_powmod(TrThread *ts, TrObject *a, TrObject *b, TrObject *m) {
    if (!int_check(a) || !int_check(b) || !int_check(m)) {
        err_set(ts, &tr_exc_TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
        return NULL;
    }
    IntArg x, y, n;
    arg_init(&x, a);
    arg_init(&y, b);
    arg_init(&n, m);
    if (arg_sign(&n) == 0) {
        err_set(ts, &tr_exc_ValueError, "pow() 3rd argument cannot be 0");
        return NULL;
    }
    mpz_t base, mod, r;
    mpz_inits(base, mod, r, NULL);
    mpz_abs(mod, arg_z(&n));
    mpz_set(base, arg_z(&x));
    if (arg_sign(&y) < 0) {
        if (!mpz_invert(base, base, mod) && mpz_cmp_ui(mod, 1) != 0) {
            mpz_clears(base, mod, r, NULL);
            err_set(ts, &tr_exc_ValueError, "base is not invertible for the given modulus");
            return NULL;
        }
        mpz_t e;
        mpz_init(e);
        mpz_neg(e, arg_z(&y));
        mpz_powm(r, base, e, mod);
        mpz_clear(e);
    } else {
        mpz_powm(r, base, arg_z(&y), mod);
    }
    if (arg_sign(&n) < 0 && mpz_sgn(r) != 0) mpz_sub(r, r, mod); /* result takes the sign of m */
    mpz_clears(base, mod, NULL);
    return from_mpz_take(ts, r);
}

TrObject *int_round(TrThread *ts, TrObject *x, TrObject *ndigits) {
    if (ndigits == NULL || ndigits == tr_none) return exact_int(ts, x);
    if (!int_check(ndigits))
        return err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                          tr_type_name(ndigits));
    if (int_sign(ndigits) >= 0) return exact_int(ts, x);
    int overflow;
    int64_t nd = int_as_i64_overflow(ndigits, &overflow);
    IntArg a;
    arg_init(&a, x);
    mpz_srcptr v = arg_z(&a);
    if (overflow || -nd > (int64_t)mpz_sizeinbase(v, 10) + 1) return tr_imm_from(0);
    /* round half to even at 10**(-nd): q, r = divmod(x, p); compare 2r with p */
    mpz_t p, q, r;
    mpz_inits(p, q, r, NULL);
    mpz_ui_pow_ui(p, 10, (unsigned long)(-nd));
    mpz_fdiv_qr(q, r, v, p);
    mpz_mul_2exp(r, r, 1);
    int c = mpz_cmp(r, p);
    if (c > 0 || (c == 0 && mpz_odd_p(q))) mpz_add_ui(q, q, 1);
    mpz_mul(q, q, p);
    mpz_clears(p, r, NULL);
    return from_mpz_take(ts, q);
}

/* ---- slots --------------------------------------------------------------- */

static void int_dealloc(TrThread *ts, TrObject *o) {
    mpz_clear(BIG(o));
    tr_free(o);
}

static TrObject *int_repr_slot(TrThread *ts, TrObject *o) { return int_repr(ts, o); }

static int64_t int_hash_slot(TrThread *ts, TrObject *o) { return int_hash(o); }

static TrObject *cmp_result(int c, int op) {
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

TrObject *int_richcompare(TrThread *ts, TrObject *a, TrObject *b, int op) {
    if (!int_check(a)) return tr_notimplemented;
    if (int_check(b)) return cmp_result(int_compare(a, b), op);
    if (float_check(b)) {
        int c = float_compare_with_int(float_value(b), a);
        if (c == 2) return tr_bool(op == TR_NE); /* NaN */
        return cmp_result(-c, op);
    }
    return tr_notimplemented;
}

static int int_truth(TrThread *ts, TrObject *o) { return int_sign(o) != 0; }

#define BINOP_SLOT(name, OP) \
    static TrObject *name(TrThread *ts, TrObject *a, TrObject *b) { \
        if (!int_check(a) || !int_check(b)) return tr_notimplemented; \
        return int_binop(ts, OP, a, b); \
    }
BINOP_SLOT(int_add, TR_BINOP_ADD)
BINOP_SLOT(int_sub, TR_BINOP_SUB)
BINOP_SLOT(int_mul, TR_BINOP_MUL)
BINOP_SLOT(int_truediv, TR_BINOP_TRUEDIV)
BINOP_SLOT(int_floordiv, TR_BINOP_FLOORDIV)
BINOP_SLOT(int_mod, TR_BINOP_MOD)
BINOP_SLOT(int_pow, TR_BINOP_POW)
BINOP_SLOT(int_lshift, TR_BINOP_LSHIFT)
BINOP_SLOT(int_rshift, TR_BINOP_RSHIFT)
BINOP_SLOT(int_and, TR_BINOP_AND)
BINOP_SLOT(int_or, TR_BINOP_OR)
BINOP_SLOT(int_xor, TR_BINOP_XOR)

static TrObject *int_neg(TrThread *ts, TrObject *o) {
    IntArg a;
    arg_init(&a, o);
    if (a.small) return from_i64(ts, -a.v);
    mpz_t r;
    mpz_init(r);
    mpz_neg(r, a.z);
    return from_mpz_take(ts, r);
}

static TrObject *int_pos(TrThread *ts, TrObject *o) { return exact_int(ts, o); }

static TrObject *int_abs(TrThread *ts, TrObject *o) {
    return int_sign(o) < 0 ? int_neg(ts, o) : exact_int(ts, o);
}

static TrObject *int_invert(TrThread *ts, TrObject *o) {
    IntArg a;
    arg_init(&a, o);
    if (a.small) return tr_imm_from(~a.v); /* ~x = -x-1 stays in range */
    mpz_t r;
    mpz_init(r);
    mpz_com(r, a.z);
    return from_mpz_take(ts, r);
}

static TrObject *int_to_float(TrThread *ts, TrObject *o) {
    double d = int_as_double(ts, o);
    if (d == -1.0 && err_occurred(ts)) return NULL;
    return float_new(ts, d);
}

static const TrNumberSlots int_number = {
    .binop = {
        [TR_BINOP_ADD] = int_add, [TR_BINOP_SUB] = int_sub, [TR_BINOP_MUL] = int_mul,
        [TR_BINOP_TRUEDIV] = int_truediv, [TR_BINOP_FLOORDIV] = int_floordiv,
        [TR_BINOP_MOD] = int_mod, [TR_BINOP_POW] = int_pow, [TR_BINOP_LSHIFT] = int_lshift,
        [TR_BINOP_RSHIFT] = int_rshift, [TR_BINOP_AND] = int_and, [TR_BINOP_OR] = int_or,
        [TR_BINOP_XOR] = int_xor,
    },
    .neg = int_neg, .pos = int_pos, .abs = int_abs, .invert = int_invert,
    .to_int = int_pos, .to_float = int_to_float, .index = int_pos,
};

/* int(b"...") and int(bytearray(...)): the text parsed as a str would be,
 * with the bytes' repr in the error.  New reference or NULL. */
static TrObject *int_from_bytes_text(TrThread *ts, TrObject *x, int base) {
    TrBytesView v;
    if (bytes_view(ts, x, &v) < 0) return NULL;
    TrObject *r = int_from_string(ts, v.p, v.n, base);
    if (!r && err_matches(ts, &tr_exc_ValueError)) {
        err_clear(ts);
        TrObject *b = bytes_from(ts, v.p, v.n);   /* a bytearray shows as bytes */
        bad_literal_repr(ts, b ? tr_repr(ts, b) : NULL, base);
        tr_xdecref(b);
    }
    bytes_view_release(&v);
    return r;
}

/* int(), int(x), int(x, base), int(x, base=b). */
static TrObject *int_value_of(TrThread *ts, TrObject *x, TrObject *basearg) {
    if (basearg) {
        int overflow;
        if (!int_check(basearg))
            return err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                              tr_type_name(basearg));
        int64_t base = int_as_i64_overflow(basearg, &overflow);
        if (overflow || (base != 0 && (base < 2 || base > 36))) {
            err_set(ts, &tr_exc_ValueError, "int() base must be >= 2 and <= 36, or 0");
            return NULL;
        }
        if (!x) {
            err_set(ts, &tr_exc_TypeError, "int() missing string argument");
            return NULL;
        }
        if (!tr_is_imm(x) && (bytes_check(x) || bytearray_check(x))) return int_from_bytes_text(ts, x, (int)base);
        if (!str_check(x)) {
            err_set(ts, &tr_exc_TypeError, "int() can't convert non-string with explicit base");
            return NULL;
        }
        return int_from_string(ts, str_utf8(x), str_nbytes(x), (int)base);
    }
    if (!x) return tr_imm_from(0);
    if (int_check(x)) return exact_int(ts, x);
    if (float_check(x)) return int_from_double(ts, float_value(x));
    if (str_check(x)) return int_from_string(ts, str_utf8(x), str_nbytes(x), 10);
    if (bytes_check(x) || bytearray_check(x)) return int_from_bytes_text(ts, x, 10);
    const TrNumberSlots *nb = tr_type(x)->number;
    tr_unaryfunc f = nb ? (nb->to_int ? nb->to_int : nb->index) : NULL;
    if (f) {
        TrObject *r = f(ts, x);
        if (!r) return NULL;
        if (!int_check(r)) {
            err_format(ts, &tr_exc_TypeError, "__int__ returned non-int (type %s)", tr_type_name(r));
            tr_decref(r);
            return NULL;
        }
        if (tr_is_imm(r) || tr_type(r) == &tr_int_type) return r;
        TrObject *e = exact_int(ts, r);
        tr_decref(r);
        return e;
    }
    return err_format(ts, &tr_exc_TypeError,
                      "int() argument must be a string, a bytes-like object or a real number, not '%s'",
                      tr_type_name(x));
}

static TrObject *int_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    TrObject *x = NULL, *basearg = NULL;
    if (nargs + nkw > 2)
        return err_format(ts, &tr_exc_TypeError, "int expected at most 2 arguments, got %zu", nargs + nkw);
    for (size_t i = 0; i < nkw; i++) {
        TrObject *name = tuple_get(kwnames, i);
        if (!str_equal_cstr(name, "base"))
            return err_format(ts, &tr_exc_TypeError, "int() got an unexpected keyword argument '%s'",
                              str_utf8(name));
        if (nargs >= 2)
            return err_format(ts, &tr_exc_TypeError,
                              "argument for int() given by name ('base') and position (2)");
        basearg = args[nargs + i];
    }
    if (nargs >= 1) x = args[0];
    if (nargs >= 2) basearg = args[1];
    TrObject *v = int_value_of(ts, x, basearg);
    if (!v || type == &tr_int_type) return v;
    /* a subclass instance: a TrBigInt of the subclass type holding any value */
    TrBigInt *b = (TrBigInt *)tr_alloc(ts, type);
    if (!b) {
        tr_decref(v);
        return NULL;
    }
    IntArg a;
    arg_init(&a, v);
    mpz_init_set(b->z, arg_z(&a));
    tr_decref(v);
    return (TrObject *)b;
}

/* real, imag, numerator, denominator; anything else by the generic lookup. */
static TrObject *int_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    if (str_check(name)) {
        if (str_equal_cstr(name, "real") || str_equal_cstr(name, "numerator")) return exact_int(ts, o);
        if (str_equal_cstr(name, "imag")) return tr_imm_from(0);
        if (str_equal_cstr(name, "denominator")) return tr_imm_from(1);
    }
    return tr_generic_getattr(ts, o, name);
}

/* ---- methods ------------------------------------------------------------- */

static TrObject *m_bit_length(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                              TrObject *kwnames) {
    if (tr_check_args(ts, "int.bit_length", nargs, kwnames, 0, 0) < 0) return NULL;
    IntArg a;
    arg_init(&a, self);
    if (a.small) {
        uint64_t m = a.v < 0 ? -(uint64_t)a.v : (uint64_t)a.v;
        return tr_imm_from(m ? 64 - __builtin_clzll(m) : 0);
    }
    return int_from_u64(ts, mpz_sizeinbase(a.z, 2));
}

static TrObject *m_bit_count(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                             TrObject *kwnames) {
    if (tr_check_args(ts, "int.bit_count", nargs, kwnames, 0, 0) < 0) return NULL;
    IntArg a;
    arg_init(&a, self);
    if (a.small) {
        uint64_t m = a.v < 0 ? -(uint64_t)a.v : (uint64_t)a.v;
        return tr_imm_from(__builtin_popcountll(m));
    }
    mpz_t t;
    mpz_init(t);
    mpz_abs(t, a.z);
    uint64_t n = mpz_popcount(t);
    mpz_clear(t);
    return int_from_u64(ts, n);
}

static TrObject *m_self(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                        TrObject *kwnames) {
    if (tr_check_args(ts, "int.conjugate", nargs, kwnames, 0, 0) < 0) return NULL;
    return exact_int(ts, self);
}

static TrObject *m_float(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                         TrObject *kwnames) {
    if (tr_check_args(ts, "int.__float__", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_to_float(ts, self);
}

static TrObject *m_is_integer(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                              TrObject *kwnames) {
    if (tr_check_args(ts, "int.is_integer", nargs, kwnames, 0, 0) < 0) return NULL;
    return tr_true;
}

static TrObject *m_as_integer_ratio(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                    TrObject *kwnames) {
    if (tr_check_args(ts, "int.as_integer_ratio", nargs, kwnames, 0, 0) < 0) return NULL;
    TrObject *n = exact_int(ts, self);
    if (!n) return NULL;
    TrObject *t = tuple_new(ts, 2);
    if (!t) {
        tr_decref(n);
        return NULL;
    }
    tuple_set_take(t, 0, n);
    tuple_set_take(t, 1, tr_imm_from(1));
    return t;
}

static TrObject *m_round(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                         TrObject *kwnames) {
    if (tr_check_args(ts, "int.__round__", nargs, kwnames, 0, 1) < 0) return NULL;
    return int_round(ts, self, nargs ? args[0] : NULL);
}

static TrObject *m_abs(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                       TrObject *kwnames) {
    if (tr_check_args(ts, "int.__abs__", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_abs(ts, self);
}

/* The byteorder argument of to_bytes/from_bytes: 1 big, 0 little, -1 error. */
static int byteorder_arg(TrThread *ts, TrObject *o) {
    if (!o) return 1;
    if (!str_check(o)) {
        err_format(ts, &tr_exc_TypeError, "to_bytes() argument 'byteorder' must be str, not %T", o);
        return -1;
    }
    if (str_equal_cstr(o, "big")) return 1;
    if (str_equal_cstr(o, "little")) return 0;
    err_set(ts, &tr_exc_ValueError, "byteorder must be either 'little' or 'big'");
    return -1;
}

/* int.to_bytes(length=1, byteorder='big', *, signed=False) */
static TrObject *m_to_bytes(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                            TrObject *kwnames) {
    static const char *const names[] = {"length", "byteorder", "signed"};
    TrObject *a[3];
    if (args_parse(ts, "to_bytes", args, nargs, kwnames, names, 2, 0, 1, 0, a) < 0) return NULL;
    int64_t len = 1;
    if (a[0] && (len = int_as_i64(ts, a[0])) == -1 && err_occurred(ts)) return NULL;
    if (len < 0) return err_format(ts, &tr_exc_ValueError, "length argument must be non-negative");
    int big = byteorder_arg(ts, a[1]);
    if (big < 0) return NULL;
    int is_signed = a[2] ? tr_is_true(ts, a[2]) : 0;
    if (is_signed < 0) return NULL;
    IntArg x;
    arg_init(&x, self);
    mpz_srcptr v = arg_z(&x);
    if (!is_signed && mpz_sgn(v) < 0)
        return err_format(ts, &tr_exc_OverflowError, "can't convert negative int to unsigned");
    /* fits: unsigned v < 2^(8L); signed -2^(8L-1) <= v < 2^(8L-1) */
    size_t bits = mpz_sgn(v) == 0 ? 0 : mpz_sizeinbase(v, 2);
    bool fits;
    if (!is_signed) fits = bits <= (uint64_t)len * 8;
    else if (mpz_sgn(v) >= 0) fits = bits < (uint64_t)len * 8 || bits == 0;
    else {   /* -v <= 2^(8L-1) */
        mpz_t t;
        mpz_init(t);
        mpz_neg(t, v);
        mpz_sub_ui(t, t, 1);
        size_t b2 = mpz_sgn(t) == 0 ? 0 : mpz_sizeinbase(t, 2);
        fits = len > 0 && b2 < (uint64_t)len * 8;
        mpz_clear(t);
    }
    if (!fits) return err_format(ts, &tr_exc_OverflowError, "int too big to convert");
    TrObject *res = bytes_alloc(ts, (size_t)len);
    if (!res || len == 0) return res;
    unsigned char *out = (unsigned char *)bytes_data(res);
    memset(out, 0, (size_t)len);
    mpz_t w;
    mpz_init(w);
    mpz_fdiv_r_2exp(w, v, (mp_bitcnt_t)len * 8);   /* two's complement residue */
    size_t count = 0;
    unsigned char *tmp = mpz_export(NULL, &count, 1, 1, 1, 0, w);
    mpz_clear(w);
    if (count) memcpy(out + (size_t)len - count, tmp, count);   /* 0 exports nothing (NULL) */
    free(tmp);
    if (!big)
        for (size_t i = 0, j = (size_t)len - 1; i < j; i++, j--) {
            unsigned char c = out[i];
            out[i] = out[j];
            out[j] = c;
        }
    return res;
}

/* int.from_bytes(bytes, byteorder='big', *, signed=False), a class method. */
TrObject *int_from_bytes(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                         TrObject *kwnames) {
    static const char *const names[] = {"bytes", "byteorder", "signed"};
    TrObject *a[3];
    if (args_parse(ts, "from_bytes", args, nargs, kwnames, names, 2, 1, 1, 0, a) < 0) return NULL;
    int big = byteorder_arg(ts, a[1]);
    if (big < 0) return NULL;
    int is_signed = a[2] ? tr_is_true(ts, a[2]) : 0;
    if (is_signed < 0) return NULL;
    TrObject *b = a[0];
    if (str_check(b)) return err_format(ts, &tr_exc_TypeError, "cannot convert 'str' object to bytes");
    if (!bytes_check(b)) {
        TrObject *args1[1] = {a[0]};
        b = tr_call(ts, (TrObject *)&tr_bytes_type, args1, 1, NULL);
        if (!b) return NULL;
    } else tr_incref(b);
    size_t n = bytes_size(b);
    mpz_t z;
    mpz_init(z);
    if (n) mpz_import(z, n, big ? 1 : -1, 1, 1, 0, bytes_data(b));
    if (is_signed && n) {
        unsigned char top = (unsigned char)bytes_data(b)[big ? 0 : n - 1];
        if (top & 0x80) {
            mpz_t p;
            mpz_init(p);
            mpz_setbit(p, (mp_bitcnt_t)n * 8);
            mpz_sub(z, z, p);
            mpz_clear(p);
        }
    }
    tr_decref(b);
    return from_mpz_take(ts, z);
}

static const TrMethodDef int_methods[] = {
    {"to_bytes", m_to_bytes},
    {"bit_length", m_bit_length},
    {"bit_count", m_bit_count},
    {"conjugate", m_self},
    {"is_integer", m_is_integer},
    {"as_integer_ratio", m_as_integer_ratio},
    {"__index__", m_self},
    {"__int__", m_self},
    {"__trunc__", m_self},
    {"__floor__", m_self},
    {"__ceil__", m_self},
    {"__float__", m_float},
    {"__round__", m_round},
    {"__abs__", m_abs},
    {NULL, NULL},
};

TrType tr_int_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "int",
    .basicsize = sizeof(TrBigInt),
    .flags = TR_TPFLAG_BASETYPE,
    .base = &tr_object_type,
    .dealloc = int_dealloc,
    .repr = int_repr_slot,
    .hash = int_hash_slot,
    .richcompare = int_richcompare,
    .truth = int_truth,
    .new_ = int_new,
    .getattr = int_getattr,
    .number = &int_number,
    .methods = int_methods,
};
