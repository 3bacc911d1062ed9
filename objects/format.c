/* objects/format.c: the format-spec mini-language (format(), f-strings),
 * str.format, and printf-style `fmt % args` for str and for bytes (PEP 461:
 * one engine, `printf_core`, with the bytes differences under its `bytes` flag).
 *
 * One layout routine (`layout_number`) places sign, prefix, grouped digits
 * and the rest of a number inside the field (fill, align, width), following
 * CPython's rules: '0' before the width means fill '0' with '=' alignment for
 * numbers, and zero padding under '=' with grouping is itself grouped.
 * Floats are rounded by the C library (%e/%f are correctly rounded in glibc);
 * 'g' and the no-type form are built from %e digits so that the choice of
 * notation follows CPython (for the no-type form with a precision, fixed
 * notation keeps at least one digit after the point).
 * Threads: everything works on immutable inputs and local buffers; no locks.
 * User code (__format__, __str__, __repr__, __getitem__) may run, never
 * under a lock. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "torii/str.h"
#include "torii/bytes.h"
#include "torii/abstract.h"
#include "torii/error.h"
#include "torii/float.h"
#include "torii/complex.h"
#include "torii/func.h"
#include "torii/int.h"
#include "torii/tuple.h"
#include "torii/dict.h"
#include "objects/unicode_util.h"

/* ---- spec parsing ------------------------------------------------------ */

typedef struct Spec {
    char fill[4];       /* UTF-8 of the fill character */
    size_t fill_n;
    char align;         /* 0 (default), '<', '>', '^', '=' */
    char sign;          /* 0, '+', '-', ' ' */
    bool z, alt;
    int64_t width;      /* -1: none */
    char grouping;      /* 0, ',', '_' */
    int64_t precision;  /* -1: none */
    char type;          /* 0: none */
} Spec;

static bool is_align(uint32_t c) { return c == '<' || c == '>' || c == '^' || c == '='; }

/* Reads decimal digits; -1 on "Too many decimal digits". */
static int read_num(TrThread *ts, const char **pp, const char *end, int64_t *out) {
    const char *p = *pp;
    int64_t v = 0;
    while (p < end && *p >= '0' && *p <= '9') {
        if (v > (INT64_MAX - 9) / 10) {
            err_set(ts, &tr_exc_ValueError, "Too many decimal digits in format string");
            return -1;
        }
        v = v * 10 + (*p - '0');
        p++;
    }
    *out = p == *pp ? -1 : v;
    *pp = p;
    return 0;
}

/* Parses `spec` for an object `o` whose default alignment is `dalign`. */
static int parse_spec(TrThread *ts, TrObject *spec_o, TrObject *o, char dalign, Spec *sp) {
    memset(sp, 0, sizeof *sp);
    sp->fill[0] = ' ';
    sp->fill_n = 1;
    sp->width = sp->precision = -1;
    const char *s = str_utf8(spec_o), *end = s + str_nbytes(spec_o), *p = s;
    bool fill_given = false, align_given = false;
    if (p < end) {
        const char *q = p;
        uint32_t c0 = utf8_next(&q);
        if (q < end && is_align((unsigned char)*q)) {
            memcpy(sp->fill, p, (size_t)(q - p));
            sp->fill_n = (size_t)(q - p);
            sp->align = *q;
            fill_given = align_given = true;
            p = q + 1;
        } else if (is_align(c0)) {
            sp->align = (char)c0;
            align_given = true;
            p = q;
        }
    }
    if (p < end && (*p == '+' || *p == '-' || *p == ' ')) sp->sign = *p++;
    if (p < end && *p == 'z') { sp->z = true; p++; }
    if (p < end && *p == '#') { sp->alt = true; p++; }
    if (!fill_given && p < end && *p == '0') {
        sp->fill[0] = '0';
        sp->fill_n = 1;
        if (!align_given && dalign == '>') sp->align = '=';
        p++;
    }
    if (read_num(ts, &p, end, &sp->width) < 0) return -1;
    if (p < end && (*p == ',' || *p == '_')) {
        sp->grouping = *p++;
        if (p < end && (*p == ',' || *p == '_')) {
            err_set(ts, &tr_exc_ValueError, "Cannot specify both ',' and '_'.");
            return -1;
        }
    }
    if (p < end && *p == '.') {
        p++;
        if (read_num(ts, &p, end, &sp->precision) < 0) return -1;
        if (sp->precision < 0) {
            err_set(ts, &tr_exc_ValueError, "Format specifier missing precision");
            return -1;
        }
    }
    if (end - p > 1 || (p < end && ((unsigned char)*p >= 0x80))) {
        err_format(ts, &tr_exc_ValueError, "Invalid format specifier '%S' for object of type '%T'", spec_o, o);
        return -1;
    }
    if (p < end) sp->type = *p;
    if (sp->grouping) {
        char t = sp->type;
        bool ok = t == 0 || t == 'd' || t == 'e' || t == 'E' || t == 'f' || t == 'F' || t == 'g' || t == 'G' ||
                  t == '%' || (sp->grouping == '_' && (t == 'b' || t == 'o' || t == 'x' || t == 'X'));
        if (!ok) {
            err_format(ts, &tr_exc_ValueError, "Cannot specify '%c' with '%c'.", sp->grouping, t);
            return -1;
        }
    }
    if (!sp->align) sp->align = dalign;
    return 0;
}

/* ---- layout ------------------------------------------------------------- */

/* Appends `digits` (ASCII) grouped by `sep` every `every` digits, padded
 * with leading zeros until the grouped text is at least `min_width` long. */
static void add_grouped(TrStrBuf *b, const char *digits, size_t n, char sep, int every, int64_t min_width) {
    size_t nd = n;
    if (sep) {
        while ((int64_t)(nd + (nd ? (nd - 1) / every : 0)) < min_width) nd++;
    } else if ((int64_t)nd < min_width) {
        nd = (size_t)min_width;
    }
    if (nd == 0) return;
    for (size_t i = 0; i < nd; i++) {
        if (sep && i && (nd - i) % every == 0) strbuf_addc(b, sep);
        strbuf_addc(b, i < nd - n ? '0' : digits[i - (nd - n)]);
    }
}

/* Number of code points `digits` takes once grouped. */
static size_t grouped_len(size_t n, char sep, int every) { return sep && n ? n + (n - 1) / every : n; }

/* Places sign, prefix ("0x"), integer digits (grouped) and `rest` (ASCII:
 * fraction, exponent, '%') in the field described by `sp`. */
static TrObject *layout_number(TrThread *ts, const Spec *sp, bool neg, const char *prefix, const char *digits,
                               size_t nd, const char *rest, size_t nrest, int every) {
    char signc = neg ? '-' : (sp->sign == '+' ? '+' : sp->sign == ' ' ? ' ' : 0);
    size_t pre = (signc ? 1 : 0) + strlen(prefix);
    size_t body = grouped_len(nd, sp->grouping, every) + nrest;
    TrStrBuf b;
    strbuf_init(&b);
    int64_t width = sp->width;
    if (sp->align == '=' && sp->fill_n == 1 && sp->fill[0] == '0' && sp->grouping) {
        /* zero padding that is itself grouped */
        if (signc) strbuf_addc(&b, signc);
        strbuf_adds(&b, prefix);
        add_grouped(&b, digits, nd, sp->grouping, every, width - (int64_t)(pre + nrest));
        strbuf_add(&b, rest, nrest);
        return strbuf_finish(ts, &b);
    }
    size_t total = pre + body;
    size_t padn = width > (int64_t)total ? (size_t)width - total : 0;
    size_t left = 0, mid = 0, right = 0;
    switch (sp->align) {
    case '<': right = padn; break;
    case '^': left = padn / 2; right = padn - left; break;
    case '=': mid = padn; break;
    default: left = padn; break;
    }
    strbuf_addfill(&b, sp->fill, sp->fill_n, left);
    if (signc) strbuf_addc(&b, signc);
    strbuf_adds(&b, prefix);
    strbuf_addfill(&b, sp->fill, sp->fill_n, mid);
    add_grouped(&b, digits, nd, sp->grouping, every, 0);
    strbuf_add(&b, rest, nrest);
    strbuf_addfill(&b, sp->fill, sp->fill_n, right);
    return strbuf_finish(ts, &b);
}

/* Pads text `s` (nbytes, ncp code points) in the field. */
static TrObject *layout_text(TrThread *ts, const Spec *sp, const char *s, size_t n, size_t ncp) {
    size_t padn = sp->width > (int64_t)ncp ? (size_t)sp->width - ncp : 0, left = 0, right = 0;
    switch (sp->align) {
    case '>': left = padn; break;
    case '^': left = padn / 2; right = padn - left; break;
    default: right = padn; break;
    }
    TrStrBuf b;
    strbuf_init(&b);
    strbuf_addfill(&b, sp->fill, sp->fill_n, left);
    strbuf_add(&b, s, n);
    strbuf_addfill(&b, sp->fill, sp->fill_n, right);
    return strbuf_finish(ts, &b);
}

/* ---- int digits -------------------------------------------------------- */

/* The magnitude of int `v` in `base` (2, 8, 10, 16), as a malloc'd ASCII
 * string; *neg set for negative values.  NULL with MemoryError. */
static char *int_digits(TrThread *ts, TrObject *v, int base, bool upper, bool *neg) {
    const char *dig = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    int ovf = 0;
    int64_t x = int_as_i64_overflow(v, &ovf);
    if (!ovf) {
        *neg = x < 0;
        uint64_t m = x < 0 ? (uint64_t)(-(x + 1)) + 1 : (uint64_t)x;
        char tmp[72];
        size_t i = sizeof tmp;
        tmp[--i] = '\0';
        do { tmp[--i] = dig[m % (uint64_t)base]; m /= (uint64_t)base; } while (m);
        char *r = strdup(tmp + i);
        if (!r) err_nomemory(ts);
        return r;
    }
    if (base != 10) {
        /* no digit limit outside base 10, and no detour through decimal */
        char *r = int_digits_base(ts, v, base, neg);
        if (r && upper)
            for (char *c = r; *c; c++) if (*c >= 'a' && *c <= 'f') *c = (char)(*c - 'a' + 'A');
        return r;
    }
    TrObject *dec = int_repr(ts, v);
    if (!dec) return NULL;
    const char *d = str_utf8(dec);
    *neg = d[0] == '-';
    if (*neg) d++;
    size_t nd = strlen(d);
    char *r = NULL;
    if (base == 10) {
        r = strdup(d);
        if (!r) err_nomemory(ts);
        tr_decref(dec);
        return r;
    }
    /* decimal -> 32-bit limbs (little endian) by multiply-add of 9-digit chunks */
    size_t cap = nd / 9 + 2, nl = 0;
    uint32_t *limb = calloc(cap, sizeof *limb);
    if (!limb) { tr_decref(dec); err_nomemory(ts); return NULL; }
    size_t i = 0, first = nd % 9 ? nd % 9 : 9;
    while (i < nd) {
        size_t k = i == 0 ? first : 9;
        uint32_t chunk = 0, mul = 1;
        for (size_t j = 0; j < k; j++) { chunk = chunk * 10 + (uint32_t)(d[i + j] - '0'); mul *= 10; }
        i += k;
        uint64_t carry = chunk;
        for (size_t j = 0; j < nl; j++) {
            uint64_t t = (uint64_t)limb[j] * mul + carry;
            limb[j] = (uint32_t)t;
            carry = t >> 32;
        }
        if (carry) limb[nl++] = (uint32_t)carry;
    }
    tr_decref(dec);
    int bits = base == 2 ? 1 : base == 8 ? 3 : 4;
    size_t totalbits = nl * 32;
    r = malloc(totalbits / (size_t)bits + 2);
    if (!r) { free(limb); err_nomemory(ts); return NULL; }
    size_t n = 0;
    for (size_t pos = 0; pos < totalbits; pos += (size_t)bits) {
        unsigned val = 0;
        for (int bb = 0; bb < bits && pos + (size_t)bb < totalbits; bb++)
            val |= ((limb[(pos + (size_t)bb) / 32] >> ((pos + (size_t)bb) % 32)) & 1u) << bb;
        r[n++] = dig[val];
    }
    free(limb);
    while (n > 1 && r[n - 1] == '0') n--;
    for (size_t a = 0, z = n - 1; a < z; a++, z--) { char t = r[a]; r[a] = r[z]; r[z] = t; }
    r[n] = '\0';
    return r;
}

/* ---- float bodies ------------------------------------------------------- */

/* Formats |v| (finite) per type/precision into a malloc'd ASCII body
 * (digits, point, exponent; no sign).  `upper` for E/F/G. */
static char *float_body(TrThread *ts, double v, char type, int64_t prec, bool alt, bool *is_neg_zero_ok) {
    char *out = NULL;
    char fmt[16];
    if (prec > 1000000) prec = 1000000;
    if (type == 'f' || type == 'F' || type == 'e' || type == 'E') {
        snprintf(fmt, sizeof fmt, "%%%s.*%c", alt ? "#" : "", type);
        int n = snprintf(NULL, 0, fmt, (int)prec, v);
        out = malloc((size_t)n + 1);
        if (!out) { err_nomemory(ts); return NULL; }
        snprintf(out, (size_t)n + 1, fmt, (int)prec, v);
        return out;
    }
    /* 'g', 'G', 'n', or 0 with a precision ('r' rules: fixed keeps a digit
     * after the point): from the %e digits. */
    bool repr_mode = (type == 0);
    if (prec == 0) prec = 1;
    char *e = malloc((size_t)prec + 32);
    if (!e) { err_nomemory(ts); return NULL; }
    snprintf(e, (size_t)prec + 32, "%.*e", (int)(prec - 1), v);
    /* split "d.ddde+XX" */
    char *ep = strchr(e, 'e');
    int exp10 = atoi(ep + 1);
    size_t nd = 0;
    char *dg = malloc((size_t)prec + 2);
    if (!dg) { free(e); err_nomemory(ts); return NULL; }
    for (char *q = e; q < ep; q++) if (*q >= '0' && *q <= '9') dg[nd++] = *q;
    free(e);
    if (!alt) while (nd > 1 && dg[nd - 1] == '0') nd--;
    if (v == 0.0) { nd = alt ? nd : 1; exp10 = 0; }
    int decpt = exp10 + 1;
    bool use_exp = decpt <= -4 || decpt > (repr_mode ? prec - 1 : prec);
    TrStrBuf b;
    strbuf_init(&b);
    if (use_exp) {
        strbuf_addc(&b, dg[0]);
        if (nd > 1 || alt) strbuf_addc(&b, '.');
        strbuf_add(&b, dg + 1, nd - 1);
        char x[16];
        snprintf(x, sizeof x, "%c%c%02d", type == 'G' ? 'E' : 'e', exp10 < 0 ? '-' : '+', abs(exp10));
        strbuf_adds(&b, x);
    } else if (decpt <= 0) {
        strbuf_add(&b, "0.", 2);
        strbuf_addfill(&b, "0", 1, (size_t)-decpt);
        strbuf_add(&b, dg, nd);
    } else if ((size_t)decpt >= nd) {
        strbuf_add(&b, dg, nd);
        strbuf_addfill(&b, "0", 1, (size_t)decpt - nd);
        if (repr_mode) strbuf_add(&b, ".0", 2);
        else if (alt) strbuf_addc(&b, '.');
    } else {
        strbuf_add(&b, dg, (size_t)decpt);
        strbuf_addc(&b, '.');
        strbuf_add(&b, dg + decpt, nd - (size_t)decpt);
    }
    free(dg);
    (void)is_neg_zero_ok;
    if (b.failed) { strbuf_free(&b); err_nomemory(ts); return NULL; }
    if (!b.data) return strdup("");
    return b.data;   /* the buffer's memory becomes the result */
}

static TrObject *format_double(TrThread *ts, double v, TrObject *o, const Spec *sp0) {
    Spec spc = *sp0;
    Spec *sp = &spc;
    char t = sp->type;
    if (t == 'n') t = 'g';
    bool upper = (t == 'E' || t == 'F' || t == 'G');
    bool neg = signbit(v) && !isnan(v);
    double a = fabs(v);
    char *body = NULL;
    bool pct = (t == '%');
    if (!isfinite(v)) {
        const char *txt = isnan(v) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
        body = strdup(txt);
        if (pct) {
            char *b2 = malloc(6);
            if (b2) { strcpy(b2, txt); strcat(b2, "%"); }
            free(body);
            body = b2;
        }
        if (!body) return err_nomemory(ts);
        if (sp->fill_n == 1 && sp->fill[0] == '0' && sp->align == '=') sp->grouping = 0;
        TrObject *r = layout_number(ts, sp, neg, "", "", 0, body, strlen(body), 3);
        free(body);
        return r;
    }
    if (pct) {
        body = float_body(ts, a * 100.0, 'f', sp->precision < 0 ? 6 : sp->precision, sp->alt, NULL);
    } else if (t == 0 && sp->precision < 0) {
        char buf[64];
        size_t n = float_format_repr(a, buf);
        buf[n] = '\0';
        body = strdup(buf);
        if (!body) return err_nomemory(ts);
    } else {
        int64_t prec = sp->precision < 0 ? 6 : sp->precision;
        body = float_body(ts, a, t, prec, sp->alt, NULL);
    }
    if (!body) return NULL;
    if (sp->z && neg) {
        bool nonzero = false;
        for (char *q = body; *q && *q != 'e' && *q != 'E'; q++)
            if (*q >= '1' && *q <= '9') { nonzero = true; break; }
        if (!nonzero) neg = false;
    }
    size_t nd = 0;
    while (body[nd] >= '0' && body[nd] <= '9') nd++;
    size_t blen = strlen(body);
    TrObject *r;
    if (pct) {
        char *rest = malloc(blen - nd + 2);
        if (!rest) { free(body); return err_nomemory(ts); }
        memcpy(rest, body + nd, blen - nd);
        rest[blen - nd] = '%';
        r = layout_number(ts, sp, neg, "", body, nd, rest, blen - nd + 1, 3);
        free(rest);
    } else {
        r = layout_number(ts, sp, neg, "", body, nd, body + nd, blen - nd, 3);
    }
    free(body);
    (void)o;
    return r;
}

static TrObject *format_float_obj(TrThread *ts, TrObject *o, TrObject *spec) {
    Spec sp;
    if (parse_spec(ts, spec, o, '>', &sp) < 0) return NULL;
    switch (sp.type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%': break;
    default:
        return err_format(ts, &tr_exc_ValueError, "Unknown format code '%c' for object of type '%T'", sp.type, o);
    }
    if (sp.type == 'n' && sp.grouping)
        return err_format(ts, &tr_exc_ValueError, "Cannot specify '%c' with 'n'.", sp.grouping);
    return format_double(ts, float_value(o), o, &sp);
}

static TrObject *format_int_obj(TrThread *ts, TrObject *o, TrObject *spec) {
    Spec sp;
    if (parse_spec(ts, spec, o, '>', &sp) < 0) return NULL;
    char t = sp.type;
    switch (t) {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': {
        double d = int_as_double(ts, o);
        if (d == -1.0 && err_occurred(ts)) return NULL;
        return format_double(ts, d, o, &sp);
    }
    case 0: case 'd': case 'n': case 'b': case 'o': case 'x': case 'X': case 'c': break;
    default:
        return err_format(ts, &tr_exc_ValueError, "Unknown format code '%c' for object of type '%T'", t, o);
    }
    if (sp.precision >= 0)
        return err_format(ts, &tr_exc_ValueError, "Precision not allowed in integer format specifier");
    if (sp.z)
        return err_format(ts, &tr_exc_ValueError, "Negative zero coercion (z) not allowed in integer format specifier");
    if (t == 'n' && sp.grouping)
        return err_format(ts, &tr_exc_ValueError, "Cannot specify '%c' with 'n'.", sp.grouping);
    if (t == 'c') {
        if (sp.sign) return err_format(ts, &tr_exc_ValueError, "Sign not allowed with integer format specifier 'c'");
        if (sp.alt)
            return err_format(ts, &tr_exc_ValueError, "Alternate form (#) not allowed with integer format specifier 'c'");
        int ovf = 0;
        int64_t x = int_as_i64_overflow(o, &ovf);
        if (ovf || x < 0 || x > 0x10FFFF)
            return err_format(ts, &tr_exc_OverflowError, "%%c arg not in range(0x110000)");
        char u[4];
        size_t n = utf8_encode((uint32_t)x, u);
        if (sp.align == '=') sp.align = '>';
        return layout_text(ts, &sp, u, n, 1);
    }
    int base = t == 'b' ? 2 : t == 'o' ? 8 : (t == 'x' || t == 'X') ? 16 : 10;
    bool neg;
    char *d = int_digits(ts, o, base, t == 'X', &neg);
    if (!d) return NULL;
    const char *prefix = "";
    if (sp.alt) prefix = t == 'b' ? "0b" : t == 'o' ? "0o" : t == 'x' ? "0x" : t == 'X' ? "0X" : "";
    TrObject *r = layout_number(ts, &sp, neg, prefix, d, strlen(d), "", 0, base == 10 ? 3 : 4);
    free(d);
    return r;
}

static TrObject *format_str_obj(TrThread *ts, TrObject *o, TrObject *spec) {
    Spec sp;
    if (parse_spec(ts, spec, o, '<', &sp) < 0) return NULL;
    if (sp.type && sp.type != 's')
        return err_format(ts, &tr_exc_ValueError, "Unknown format code '%c' for object of type '%T'", sp.type, o);
    if (sp.sign) return err_format(ts, &tr_exc_ValueError, "Sign not allowed in string format specifier");
    if (sp.z)
        return err_format(ts, &tr_exc_ValueError, "Negative zero coercion (z) not allowed in string format specifier");
    if (sp.alt) return err_format(ts, &tr_exc_ValueError, "Alternate form (#) not allowed in string format specifier");
    if (sp.align == '=')
        return err_format(ts, &tr_exc_ValueError, "'=' alignment not allowed in string format specifier");
    if (sp.grouping) return err_format(ts, &tr_exc_ValueError, "Cannot specify '%c' with 's'.", sp.grouping);
    const char *s = str_utf8(o);
    size_t n = str_nbytes(o), ncp = str_length(o);
    if (sp.precision >= 0 && (size_t)sp.precision < ncp) {
        const char *p = s;
        for (int64_t i = 0; i < sp.precision; i++) utf8_next(&p);
        n = (size_t)(p - s);
        ncp = (size_t)sp.precision;
    }
    if (sp.width <= (int64_t)ncp && n == str_nbytes(o) && tr_isinstance_exact(o, &tr_str_type)) return tr_newref(o);
    return layout_text(ts, &sp, s, n, ncp);
}

/* A Python-level __format__ on a user class, if any: 1 found (result in
 * *out, maybe NULL on error), 0 none. */
static int user_format(TrThread *ts, TrObject *value, TrObject *spec, TrObject **out) {
    if (!(tr_type(value)->flags & TR_TPFLAG_HEAPTYPE)) return 0;
    TrObject *m = tr_getattr_cstr(ts, value, "__format__");
    if (!m) {
        if (err_matches(ts, &tr_exc_AttributeError)) { err_clear(ts); return 0; }
        *out = NULL;
        return 1;
    }
    if (tr_isinstance_exact(m, &tr_cfunction_type)) { tr_decref(m); return 0; }
    TrObject *r = tr_call(ts, m, &spec, 1, NULL);
    tr_decref(m);
    if (r && !str_check(r)) {
        err_format(ts, &tr_exc_TypeError, "__format__ must return a str, not %T", r);
        tr_decref(r);
        r = NULL;
    }
    *out = r;
    return 1;
}

TrObject *tr_format(TrThread *ts, TrObject *value, TrObject *spec) {
    TrObject *empty = NULL;
    if (!spec) {
        empty = str_from_utf8(ts, "", 0);
        if (!empty) return NULL;
        spec = empty;
    }
    TrObject *r;
    if (user_format(ts, value, spec, &r)) { tr_xdecref(empty); return r; }
    tr_xdecref(empty);
    bool is_empty = str_nbytes(spec) == 0;
    if (int_check(value)) return is_empty ? tr_str(ts, value) : format_int_obj(ts, value, spec);
    if (str_check(value)) return is_empty ? tr_str(ts, value) : format_str_obj(ts, value, spec);
    if (float_check(value)) return is_empty ? tr_str(ts, value) : format_float_obj(ts, value, spec);
    if (complex_check(value)) return is_empty ? tr_str(ts, value) : complex_format(ts, value, spec);
    if (is_empty) return tr_str(ts, value);
    return err_format(ts, &tr_exc_TypeError, "unsupported format string passed to %T.__format__", value);
}

/* The '#' form of a repr-style part ("1" -> "1.", "1e+16" -> "1.e+16"):
 * a decimal point always, before any exponent.  `buf` has room. */
static void alt_point(char *buf) {
    if (strchr(buf, '.') || strchr(buf, 'n')) return;   /* has one, or inf / nan */
    char *e = strchr(buf, 'e');
    size_t at = e ? (size_t)(e - buf) : strlen(buf);
    memmove(buf + at + 1, buf + at, strlen(buf) - at + 1);
    buf[at] = '.';
}

/* format(z, spec) for a complex: each part formatted as a float (the real
 * part with the spec's sign, the imaginary part always signed), joined, then
 * padded as a whole (default alignment right).  With no type, as repr (or
 * 'g' when a precision is given): parentheses, and a +0.0 real part left out. */
TrObject *complex_format(TrThread *ts, TrObject *z, TrObject *spec) {
    Spec sp;
    if (parse_spec(ts, spec, z, '>', &sp) < 0) return NULL;
    switch (sp.type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': break;
    default:
        return err_format(ts, &tr_exc_ValueError, "Unknown format code '%c' for object of type '%T'", sp.type, z);
    }
    if (sp.fill_n == 1 && sp.fill[0] == '0' && sp.align == '=' )
        return err_format(ts, &tr_exc_ValueError, "Zero padding is not allowed in complex format specifier");
    if (sp.align == '=')
        return err_format(ts, &tr_exc_ValueError, "'=' alignment flag is not allowed in complex format specifier");
    double re = complex_real(z), im = complex_imag(z);
    bool parens = false, skip_re = false;
    Spec part = sp;
    part.width = -1;
    part.align = 0;
    part.fill[0] = ' ';
    part.fill_n = 1;
    TrObject *rs = NULL, *is = NULL;
    if (sp.type == 0) {
        skip_re = re == 0.0 && !signbit(re);
        parens = !skip_re;
    }
    if (sp.type == 0 && sp.precision < 0) {
        char rb[48], ib[48], tmp[52];
        complex_format_part(re, rb);
        complex_format_part(im, ib);
        if (sp.alt) { alt_point(rb); alt_point(ib); }
        const char *rsign = (rb[0] != '-' && sp.sign == '+') ? "+" : (rb[0] != '-' && sp.sign == ' ') ? " " : "";
        snprintf(tmp, sizeof tmp, "%s%s", rsign, rb);
        rs = str_from_utf8(ts, tmp, strlen(tmp));
        snprintf(tmp, sizeof tmp, "%s%s", ib[0] == '-' ? "" : "+", ib);
        is = rs ? str_from_utf8(ts, tmp, strlen(tmp)) : NULL;
    } else {
        if (sp.type == 0) part.type = 'g';
        rs = format_double(ts, re, z, &part);
        part.sign = '+';
        is = rs ? format_double(ts, im, z, &part) : NULL;
    }
    if (!rs || !is) { tr_xdecref(rs); tr_xdecref(is); return NULL; }
    TrStrBuf b;
    strbuf_init(&b);
    if (parens) strbuf_addc(&b, '(');
    if (skip_re) {
        /* the imaginary part alone keeps only a minus sign, or the spec's */
        const char *ip = str_utf8(is);
        if (*ip == '+' && sp.sign != '+') ip++;
        strbuf_adds(&b, ip);
    } else {
        strbuf_addstr(&b, rs);
        strbuf_addstr(&b, is);
    }
    strbuf_addc(&b, 'j');
    if (parens) strbuf_addc(&b, ')');
    tr_decref(rs);
    tr_decref(is);
    TrObject *body = strbuf_finish(ts, &b);
    if (!body || sp.width < 0) return body;
    if (sp.align == 0) sp.align = '>';
    TrObject *r = layout_text(ts, &sp, str_utf8(body), str_nbytes(body), str_length(body));
    tr_decref(body);
    return r;
}

/* ascii(): `s` (a repr) with every non-ASCII code point escaped; new reference. */
static TrObject *escape_non_ascii(TrThread *ts, TrObject *s) {
    if (str_length(s) == str_nbytes(s)) return tr_newref(s);
    TrStrBuf b;
    strbuf_init(&b);
    const char *p = str_utf8(s), *end = p + str_nbytes(s);
    while (p < end) {
        if ((unsigned char)*p < 0x80) { strbuf_addc(&b, *p++); continue; }
        uint32_t c = utf8_next(&p);
        char tmp[16];
        int n = c < 0x100 ? snprintf(tmp, sizeof tmp, "\\x%02x", c)
                : c < 0x10000 ? snprintf(tmp, sizeof tmp, "\\u%04x", c)
                              : snprintf(tmp, sizeof tmp, "\\U%08x", c);
        strbuf_add(&b, tmp, (size_t)n);
    }
    return strbuf_finish(ts, &b);
}

/* ---- str.format ----------------------------------------------------------- */

typedef struct FmtState {
    TrObject *const *args;
    size_t nargs;
    TrObject *kwnames;
    int auto_mode;      /* 0 unknown, 1 automatic numbering, 2 manual */
    size_t auto_idx;
    TrObject *mapping;  /* str.format_map's mapping (borrowed), or NULL */
} FmtState;

static TrObject *render(TrThread *ts, FmtState *st, const char *s, size_t n, int depth);

/* Resolves a field name ("0", "", "name", "0.attr[key]") to a new reference. */
static TrObject *get_field(TrThread *ts, FmtState *st, const char *s, size_t n) {
    size_t i = 0;
    while (i < n && s[i] != '.' && s[i] != '[') i++;
    TrObject *obj = NULL;
    bool numeric = i > 0;
    for (size_t k = 0; k < i; k++) if (s[k] < '0' || s[k] > '9') numeric = false;
    if ((i == 0 || numeric) && st->mapping)
        return err_format(ts, &tr_exc_ValueError, "Format string contains positional fields");
    if (i == 0 || numeric) {
        size_t idx;
        if (i == 0) {
            if (st->auto_mode == 2)
                return err_format(ts, &tr_exc_ValueError,
                                  "cannot switch from manual field specification to automatic field numbering");
            st->auto_mode = 1;
            idx = st->auto_idx++;
        } else {
            if (st->auto_mode == 1)
                return err_format(ts, &tr_exc_ValueError,
                                  "cannot switch from automatic field numbering to manual field specification");
            st->auto_mode = 2;
            idx = 0;
            for (size_t k = 0; k < i; k++) {
                if (idx > (SIZE_MAX - 9) / 10) {
                    return err_format(ts, &tr_exc_ValueError, "Too many decimal digits in format string");
                }
                idx = idx * 10 + (size_t)(s[k] - '0');
            }
        }
        if (idx >= st->nargs)
            return err_format(ts, &tr_exc_IndexError, "Replacement index %zu out of range for positional args tuple",
                              idx);
        obj = tr_newref(st->args[idx]);
    } else if (st->mapping) {
        TrObject *key = str_from_utf8(ts, s, i);
        if (!key) return NULL;
        obj = tr_getitem(ts, st->mapping, key);   /* KeyError, or a dict subclass's __missing__ */
        tr_decref(key);
        if (!obj) return NULL;
    } else {
        size_t nkw = st->kwnames ? tuple_size(st->kwnames) : 0;
        for (size_t k = 0; k < nkw; k++) {
            TrObject *kn = tuple_get(st->kwnames, k);
            if (str_nbytes(kn) == i && memcmp(str_utf8(kn), s, i) == 0) {
                obj = tr_newref(st->args[st->nargs + k]);
                break;
            }
        }
        if (!obj) {
            TrObject *key = str_from_utf8(ts, s, i);
            if (key) {
                err_set_value(ts, &tr_exc_KeyError, key);
                tr_decref(key);
            }
            return NULL;
        }
    }
    while (i < n) {
        if (s[i] == '.') {
            size_t j = ++i;
            while (j < n && s[j] != '.' && s[j] != '[') j++;
            if (j == i) { tr_decref(obj); return err_format(ts, &tr_exc_ValueError, "Empty attribute in format string"); }
            TrObject *name = str_intern_utf8(ts, s + i, j - i);
            TrObject *x = name ? tr_getattr(ts, obj, name) : NULL;
            tr_decref(obj);
            if (!x) return NULL;
            obj = x;
            i = j;
        } else if (s[i] == '[') {
            size_t j = ++i;
            while (j < n && s[j] != ']') j++;
            if (j >= n) { tr_decref(obj); return err_format(ts, &tr_exc_ValueError, "Missing ']' in format string"); }
            if (j == i) { tr_decref(obj); return err_format(ts, &tr_exc_ValueError, "Empty attribute in format string"); }
            bool num = true;
            for (size_t k = i; k < j; k++) if (s[k] < '0' || s[k] > '9') num = false;
            TrObject *key;
            if (num) {
                int64_t v = 0;
                for (size_t k = i; k < j && v < INT64_MAX / 10 - 10; k++) v = v * 10 + (s[k] - '0');
                key = int_from_i64(ts, v);
            } else {
                key = str_from_utf8(ts, s + i, j - i);
            }
            TrObject *x = key ? tr_getitem(ts, obj, key) : NULL;
            tr_xdecref(key);
            tr_decref(obj);
            if (!x) return NULL;
            obj = x;
            i = j + 1;
            if (i < n && s[i] != '.' && s[i] != '[')
                return tr_decref(obj), err_format(ts, &tr_exc_ValueError,
                                                  "Only '.' or '[' may follow ']' in format field specifier");
        } else {
            tr_decref(obj);
            return err_format(ts, &tr_exc_ValueError, "Only '.' or '[' may follow ']' in format field specifier");
        }
    }
    return obj;
}

/* One replacement field's inside (between the braces). */
static TrObject *render_field(TrThread *ts, FmtState *st, const char *s, size_t n, int depth) {
    size_t i = 0;
    int bracket = 0;
    while (i < n) {
        if (s[i] == '[') bracket = 1;
        else if (s[i] == ']') bracket = 0;
        else if (!bracket && (s[i] == '!' || s[i] == ':')) break;
        i++;
    }
    size_t name_end = i;
    char conv = 0;
    if (i < n && s[i] == '!') {
        if (i + 1 >= n)
            return err_format(ts, &tr_exc_ValueError, "end of string while looking for conversion specifier");
        conv = s[i + 1];
        i += 2;
        if (i < n && s[i] != ':')
            return err_format(ts, &tr_exc_ValueError, "expected ':' after conversion specifier");
    }
    const char *spec = NULL;
    size_t specn = 0;
    if (i < n && s[i] == ':') { spec = s + i + 1; specn = n - i - 1; }
    TrObject *obj = get_field(ts, st, s, name_end);
    if (!obj) return NULL;
    if (conv) {
        TrObject *c;
        switch (conv) {
        case 'r': c = tr_repr(ts, obj); break;
        case 's': c = tr_str(ts, obj); break;
        case 'a': {
            TrObject *rp = tr_repr(ts, obj);
            c = rp ? escape_non_ascii(ts, rp) : NULL;
            tr_xdecref(rp);
            break;
        }
        default:
            tr_decref(obj);
            if ((unsigned char)conv < 0x80)
                return err_format(ts, &tr_exc_ValueError, "Unknown conversion specifier %c", conv);
            return err_format(ts, &tr_exc_ValueError, "Unknown conversion specifier \\x%02x", (unsigned char)conv);
        }
        tr_decref(obj);
        if (!c) return NULL;
        obj = c;
    }
    TrObject *spec_o;
    if (spec && memchr(spec, '{', specn)) {
        spec_o = render(ts, st, spec, specn, depth - 1);
    } else {
        spec_o = str_from_utf8(ts, spec ? spec : "", specn);
    }
    if (!spec_o) { tr_decref(obj); return NULL; }
    TrObject *r = tr_format(ts, obj, spec_o);
    tr_decref(spec_o);
    tr_decref(obj);
    return r;
}

static TrObject *render(TrThread *ts, FmtState *st, const char *s, size_t n, int depth) {
    if (depth <= 0) return err_format(ts, &tr_exc_ValueError, "Max string recursion exceeded");
    TrStrBuf b;
    strbuf_init(&b);
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        if (c == '}') {
            if (i + 1 < n && s[i + 1] == '}') { strbuf_addc(&b, '}'); i += 2; continue; }
            strbuf_free(&b);
            return err_format(ts, &tr_exc_ValueError, "Single '}' encountered in format string");
        }
        if (c != '{') {
            size_t j = i;
            while (j < n && s[j] != '{' && s[j] != '}') j++;
            strbuf_add(&b, s + i, j - i);
            i = j;
            continue;
        }
        if (i + 1 < n && s[i + 1] == '{') { strbuf_addc(&b, '{'); i += 2; continue; }
        /* find the matching '}' */
        size_t j = i + 1;
        int level = 1, bracket = 0;
        while (j < n) {
            if (s[j] == '[' && level == 1) bracket = 1;
            else if (s[j] == ']' && level == 1) bracket = 0;
            else if (s[j] == '{' && !bracket) level++;
            else if (s[j] == '}' && !bracket) { if (--level == 0) break; }
            j++;
        }
        if (j >= n) {
            strbuf_free(&b);
            if (i + 1 >= n || level > 1 || !bracket)
                return err_format(ts, &tr_exc_ValueError,
                                  i + 1 >= n ? "Single '{' encountered in format string"
                                             : level > 1 ? "unmatched '{' in format spec"
                                                         : "expected '}' before end of string");
            return err_format(ts, &tr_exc_ValueError, "expected '}' before end of string");
        }
        const char *f = s + i + 1;
        size_t fn = j - i - 1;
        /* "{!}" and "{0!}": a '!' right before the end reads past it in CPython */
        if (fn && f[fn - 1] == '!' ) {
            bool in_name = true;
            for (size_t k = 0; k + 1 < fn; k++) if (f[k] == ':' || f[k] == '!') in_name = false;
            if (in_name) {
                strbuf_free(&b);
                return err_format(ts, &tr_exc_ValueError, "unmatched '{' in format spec");
            }
        }
        TrObject *piece = render_field(ts, st, f, fn, depth);
        if (!piece) { strbuf_free(&b); return NULL; }
        strbuf_addstr(&b, piece);
        tr_decref(piece);
        i = j + 1;
    }
    return strbuf_finish(ts, &b);
}

TrObject *str_format_method(TrThread *ts, TrObject *fmt, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    FmtState st = {args, nargs, kwnames, 0, 0, NULL};
    return render(ts, &st, str_utf8(fmt), str_nbytes(fmt), 2);
}

TrObject *str_format_map(TrThread *ts, TrObject *fmt, TrObject *mapping) {
    FmtState st = {NULL, 0, NULL, 0, 0, mapping};
    return render(ts, &st, str_utf8(fmt), str_nbytes(fmt), 2);
}

/* ---- printf-style % ------------------------------------------------------ */

TrObject *tr_ascii(TrThread *ts, TrObject *o) {
    TrObject *r = tr_repr(ts, o);
    if (!r) return NULL;
    TrObject *q = escape_non_ascii(ts, r);
    tr_decref(r);
    return q;
}

/* Appends `text` padded to `width` (left-justified with '-'). */
static void pad_text(TrStrBuf *b, const char *s, size_t n, size_t ncp, int64_t width, bool left) {
    size_t padn = width > (int64_t)ncp ? (size_t)width - ncp : 0;
    if (!left) strbuf_addfill(b, " ", 1, padn);
    strbuf_add(b, s, n);
    if (left) strbuf_addfill(b, " ", 1, padn);
}

/* %s/%b of bytes formatting: the bytes of `v` (bytes-like or __bytes__).
 * New bytes, or NULL with TypeError. */
static TrObject *bytes_arg(TrThread *ts, TrObject *v) {
    TrObject *r = NULL;
    int k = bytes_from_buffer_or_dunder(ts, v, &r);
    if (k == 0)
        err_format(ts, &tr_exc_TypeError,
                   "%%b requires a bytes-like object, or an object that implements __bytes__, not '%T'", v);
    return k > 0 ? r : NULL;
}

/* %c of bytes formatting: one byte from an int in range(256) or a bytes or
 * bytearray of length 1.  0 or -1. */
static int bytes_char_arg(TrThread *ts, TrObject *v, char *out) {
    if (!tr_is_imm(v) && (bytes_check(v) || bytearray_check(v))) {
        TrBytesView bv;
        if (bytes_view(ts, v, &bv) < 0) return -1;
        bool one = bv.n == 1;
        if (one) *out = bv.p[0];
        bytes_view_release(&bv);
        if (one) return 0;
    } else if (int_check(v)) {
        int ovf = 0;
        int64_t x = int_as_i64_overflow(v, &ovf);
        if (ovf || x < 0 || x > 255) {
            err_set(ts, &tr_exc_OverflowError, "%c arg not in range(256)");
            return -1;
        }
        *out = (char)x;
        return 0;
    }
    err_set(ts, &tr_exc_TypeError, "%c requires an integer in range(256) or a single byte");
    return -1;
}

/* `s[0..end) % args`: a str when `bytes` is false (`s` is UTF-8), else a
 * bytes (PEP 461: %s/%b take bytes-like objects or __bytes__, %r/%a give
 * ascii(), %c a byte, widths count bytes).  New reference or NULL. */
static TrObject *printf_core(TrThread *ts, const char *s, const char *end, TrObject *args, bool bytes) {
    TrObject *const *argv;
    size_t argc, argi = 0;
    TrObject *single = args;
    TrObject *dict = NULL;
    if (tuple_check(args)) {
        argv = (TrObject *const *)((TrTuple *)args)->items;
        argc = tuple_size(args);
    } else {
        argv = &single;
        argc = 1;
        if (!tr_is_imm(args) && tr_type(args)->getitem &&
            (bytes ? !bytes_check(args) && !bytearray_check(args) : !str_check(args)))
            dict = args;
    }
    TrStrBuf b;
    strbuf_init(&b);
    const char *p = s;
    while (p < end) {
        if (*p != '%') {
            const char *q = memchr(p, '%', (size_t)(end - p));
            if (!q) q = end;
            strbuf_add(&b, p, (size_t)(q - p));
            p = q;
            continue;
        }
        const char *start = p++;
        TrObject *keyed = NULL;   /* owned: value from the mapping */
        if (p < end && *p == '(') {
            if (!dict) { strbuf_free(&b); return err_format(ts, &tr_exc_TypeError, "format requires a mapping"); }
            const char *k = ++p;
            int depth = 1;
            while (p < end && depth) { if (*p == '(') depth++; else if (*p == ')') depth--; if (depth) p++; }
            if (p >= end) { strbuf_free(&b); return err_format(ts, &tr_exc_ValueError, "incomplete format key"); }
            TrObject *key = bytes ? bytes_from(ts, k, (size_t)(p - k)) : str_from_utf8(ts, k, (size_t)(p - k));
            p++;
            keyed = key ? tr_getitem(ts, dict, key) : NULL;
            tr_xdecref(key);
            if (!keyed) { strbuf_free(&b); return NULL; }
            argi = argc;   /* as CPython: after a keyed value, unkeyed ones find no arguments */
        }
        bool left = false, plus = false, space = false, alt = false, zero = false;
        for (; p < end; p++) {
            if (*p == '-') left = true;
            else if (*p == '+') plus = true;
            else if (*p == ' ') space = true;
            else if (*p == '#') alt = true;
            else if (*p == '0') zero = true;
            else break;
        }
        int64_t width = -1, prec = -1;
#define NEXT_ARG(dst) do { \
            if (argi >= argc) { tr_xdecref(keyed); strbuf_free(&b); \
                return err_format(ts, &tr_exc_TypeError, "not enough arguments for format string"); } \
            (dst) = argv[argi++]; } while (0)
        if (p < end && *p == '*') {
            TrObject *w;
            NEXT_ARG(w);
            if (!int_check(w)) { tr_xdecref(keyed); strbuf_free(&b); return err_format(ts, &tr_exc_TypeError, "* wants int"); }
            int ovf = 0;
            width = int_as_i64_overflow(w, &ovf);
            if (width < 0) { left = true; width = -width; }
            p++;
        } else {
            width = 0;
            while (p < end && *p >= '0' && *p <= '9') width = width * 10 + (*p++ - '0');
        }
        if (p < end && *p == '.') {
            p++;
            if (p < end && *p == '*') {
                TrObject *w;
                NEXT_ARG(w);
                if (!int_check(w)) { tr_xdecref(keyed); strbuf_free(&b); return err_format(ts, &tr_exc_TypeError, "* wants int"); }
                int ovf = 0;
                prec = int_as_i64_overflow(w, &ovf);
                if (prec < 0) prec = 0;
                p++;
            } else {
                prec = 0;
                while (p < end && *p >= '0' && *p <= '9') prec = prec * 10 + (*p++ - '0');
            }
        }
        while (p < end && (*p == 'h' || *p == 'l' || *p == 'L')) p++;
        if (p >= end) { tr_xdecref(keyed); strbuf_free(&b); return err_format(ts, &tr_exc_ValueError, "incomplete format"); }
        char c = *p++;
        if (c == '%') { tr_xdecref(keyed); strbuf_addc(&b, '%'); continue; }
        TrObject *v;
        if (keyed) v = keyed;
        else NEXT_ARG(v);
#undef NEXT_ARG
        TrObject *tmp = NULL;
        if (bytes && (c == 's' || c == 'b' || c == 'r' || c == 'a')) {
            TrObject *t = c == 's' || c == 'b' ? bytes_arg(ts, v) : tr_ascii(ts, v);
            if (!t) goto error;
            const char *d = c == 's' || c == 'b' ? bytes_data(t) : str_utf8(t);
            size_t n = c == 's' || c == 'b' ? bytes_size(t) : str_nbytes(t);   /* ascii(): one byte a character */
            if (prec >= 0 && (size_t)prec < n) n = (size_t)prec;
            pad_text(&b, d, n, n, width, left);
            tr_decref(t);
            tr_xdecref(keyed);
            continue;
        }
        if (bytes && c == 'c') {
            char byte;
            if (bytes_char_arg(ts, v, &byte) < 0) goto error;
            pad_text(&b, &byte, 1, 1, width, left);
            tr_xdecref(keyed);
            continue;
        }
        switch (c) {
        case 's': case 'r': case 'a': {
            tmp = c == 's' ? tr_str(ts, v) : c == 'r' ? tr_repr(ts, v) : tr_ascii(ts, v);
            if (!tmp) goto error;
            const char *t = str_utf8(tmp);
            size_t n = str_nbytes(tmp), ncp = str_length(tmp);
            if (prec >= 0 && (size_t)prec < ncp) {
                const char *q = t;
                for (int64_t k = 0; k < prec; k++) utf8_next(&q);
                n = (size_t)(q - t);
                ncp = (size_t)prec;
            }
            pad_text(&b, t, n, ncp, width, left);
            break;
        }
        case 'c': {
            char u[4];
            size_t n;
            if (str_check(v)) {
                if (str_length(v) != 1) { err_set(ts, &tr_exc_TypeError, "%c requires int or char"); goto error; }
                memcpy(u, str_utf8(v), str_nbytes(v));
                n = str_nbytes(v);
            } else if (int_check(v)) {
                int ovf = 0;
                int64_t x = int_as_i64_overflow(v, &ovf);
                if (ovf || x < 0 || x > 0x10FFFF) {
                    err_set(ts, &tr_exc_OverflowError, "%c arg not in range(0x110000)");
                    goto error;
                }
                n = utf8_encode((uint32_t)x, u);
            } else {
                err_set(ts, &tr_exc_TypeError, "%c requires int or char");
                goto error;
            }
            pad_text(&b, u, n, 1, width, left);
            break;
        }
        case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': {
            TrObject *iv = NULL;
            if (int_check(v)) {
                iv = tr_newref(v);
            } else if (float_check(v) && (c == 'd' || c == 'i' || c == 'u')) {
                iv = int_from_double(ts, float_value(v));
                if (!iv) goto error;
            } else {
                if (c == 'd' || c == 'i' || c == 'u')
                    err_format(ts, &tr_exc_TypeError, "%%%c format: a real number is required, not %T", c, v);
                else
                    err_format(ts, &tr_exc_TypeError, "%%%c format: an integer is required, not %T", c, v);
                goto error;
            }
            int base = (c == 'x' || c == 'X') ? 16 : c == 'o' ? 8 : 10;
            bool neg;
            char *d = int_digits(ts, iv, base, c == 'X', &neg);
            tr_decref(iv);
            if (!d) goto error;
            size_t nd = strlen(d);
            const char *prefix = !alt ? "" : c == 'x' ? "0x" : c == 'X' ? "0X" : c == 'o' ? "0o" : "";
            char sign = neg ? '-' : plus ? '+' : space ? ' ' : 0;
            size_t zeros = prec > (int64_t)nd ? (size_t)prec - nd : 0;
            size_t total = (sign ? 1 : 0) + strlen(prefix) + zeros + nd;
            size_t padn = width > (int64_t)total ? (size_t)width - total : 0;
            if (!left && !zero) strbuf_addfill(&b, " ", 1, padn);
            if (sign) strbuf_addc(&b, sign);
            strbuf_adds(&b, prefix);
            if (!left && zero) strbuf_addfill(&b, "0", 1, padn);
            strbuf_addfill(&b, "0", 1, zeros);
            strbuf_add(&b, d, nd);
            if (left) strbuf_addfill(&b, " ", 1, padn);
            free(d);
            break;
        }
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
            double x;
            if (float_check(v)) x = float_value(v);
            else if (int_check(v)) {
                x = int_as_double(ts, v);
                if (x == -1.0 && err_occurred(ts)) goto error;
            } else {
                err_format(ts, &tr_exc_TypeError, bytes ? "float argument required, not %T" : "must be real number, not %T", v);
                goto error;
            }
            char cf[32];
            snprintf(cf, sizeof cf, "%%%s%s%s%s%s*.*%c", left ? "-" : "", plus ? "+" : "", space ? " " : "",
                     alt ? "#" : "", zero && isfinite(x) ? "0" : "", c);
            int pr = prec < 0 ? 6 : (int)(prec > 100000 ? 100000 : prec);
            int w = (int)(width > 100000 ? 100000 : width);
            int n = snprintf(NULL, 0, cf, w, pr, x);
            char *out = malloc((size_t)n + 1);
            if (!out) { err_nomemory(ts); goto error; }
            snprintf(out, (size_t)n + 1, cf, w, pr, x);
            strbuf_add(&b, out, (size_t)n);
            free(out);
            break;
        }
        default:
            if (bytes && (unsigned char)c >= 0x80)   /* as CPython, whose message cannot show the byte */
                err_set(ts, &tr_exc_OverflowError, "character argument not in range(0x110000)");
            else if ((unsigned char)c < 0x80)
                err_format(ts, &tr_exc_ValueError, "unsupported format character '%c' (0x%x) at index %zu", c,
                           (unsigned)(unsigned char)c, (size_t)(p - 1 - s));
            else {
                const char *q = p - 1;
                while (q > s && ((unsigned char)*q & 0xC0) == 0x80) q--;
                const char *r = q;
                uint32_t cp = utf8_next(&r);
                char u[5] = {0};
                memcpy(u, q, (size_t)(r - q));
                err_format(ts, &tr_exc_ValueError, "unsupported format character '%s' (0x%x) at index %zu", u,
                           (unsigned)cp, (size_t)(q - s));
            }
            goto error;
        }
        tr_xdecref(tmp);
        tr_xdecref(keyed);
        (void)start;
        continue;
    error:
        tr_xdecref(tmp);
        tr_xdecref(keyed);
        strbuf_free(&b);
        return NULL;
    }
    if (argi < argc && !dict) {
        strbuf_free(&b);
        return err_format(ts, &tr_exc_TypeError, "not all arguments converted during %s formatting",
                          bytes ? "bytes" : "string");
    }
    if (!bytes) return strbuf_finish(ts, &b);
    TrObject *r = b.failed ? err_nomemory(ts) : bytes_from(ts, b.data, b.len);
    strbuf_free(&b);
    return r;
}

TrObject *str_printf_format(TrThread *ts, TrObject *fmt, TrObject *args) {
    const char *s = str_utf8(fmt);
    return printf_core(ts, s, s + str_nbytes(fmt), args, false);
}

TrObject *bytes_printf_format(TrThread *ts, const char *fmt, size_t n, TrObject *args) {
    return printf_core(ts, fmt, fmt + n, args, true);
}
