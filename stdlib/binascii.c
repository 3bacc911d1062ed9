/* stdlib/binascii.c: the `binascii` module: hex (hexlify/b2a_hex with a
 * separator, unhexlify/a2b_hex), base64 lines (b2a_base64, a2b_base64 with
 * strict mode), quoted-printable (b2a_qp, a2b_qp), the checksums crc32 (zlib's)
 * and crc_hqx (CRC-CCITT), and the exceptions binascii.Error (a ValueError)
 * and binascii.Incomplete.
 * Decoders take bytes, bytearray or an ASCII-only str; encoders take
 * bytes-like objects only, as in CPython.  A bytearray argument is read
 * through a private copy (bytes_view), so another thread resizing it cannot
 * tear the input.
 * Threads: stateless.  The two exception classes are created once at import
 * and published with a release store; readers load them with acquire. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "torii/torii.h"
#include "stdlib/stdlib.h"
#include "stdlib/posargs.h"

static TrObject *error_class;   /* binascii.Error; immortal with the module; set once at import */

#define FUNC(name) static TrObject *name(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames)

static TrObject *raise_error(TrThread *ts, const char *msg) {
    TrObject *cls = atomic_load_ptr_acquire((void *const *)&error_class);   /* pairs with the release in init */
    return posargs_raise(ts, cls, msg);
}

/* The "ascii buffer" argument of the decoders: str (ASCII only), bytes or
 * bytearray.  0 and `v` filled (release it), or -1 with TypeError/ValueError. */
static int ascii_arg(TrThread *ts, TrObject *o, TrBytesView *v) {
    if (str_check(o)) {
        if (str_length(o) != str_nbytes(o)) {
            err_set(ts, &tr_exc_ValueError, "string argument should contain only ASCII characters");
            return -1;
        }
        v->p = str_utf8(o);
        v->n = str_nbytes(o);
        v->owned = NULL;
        return 0;
    }
    int rc = bytes_view(ts, o, v);
    if (rc < 0) return -1;
    if (rc == 0) {
        err_format(ts, &tr_exc_TypeError, "argument should be bytes, buffer or ASCII string, not '%T'", o);
        return -1;
    }
    return 0;
}

/* A new bytes from a malloc'd buffer `buf[0..n)`, which is freed either
 * way.  NULL on MemoryError. */
static TrObject *bytes_from_buf(TrThread *ts, unsigned char *buf, size_t n) {
    TrObject *r = bytes_from(ts, (const char *)buf, n);
    free(buf);
    return r;
}

/* ---- hex ------------------------------------------------------------------ */

static const char hexdigits[] = "0123456789abcdef";

/* hexlify(data, sep=None, bytes_per_sep=1): a separator every
 * |bytes_per_sep| bytes, counted from the right when positive and from the
 * left when negative. */
static TrObject *hexlify_common(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs,
                                TrObject *kwnames) {
    static const char *const names[] = {"data", "sep", "bytes_per_sep"};
    TrObject *a[3];
    if (posargs_parse(ts, fname, args, nargs, kwnames, names, 0, 3, 1, 0, a) < 0) return NULL;
    TrBytesView v;
    if (posargs_buffer(ts, a[0], &v) < 0) return NULL;
    int have_sep = 0;
    char sepc = 0;
    int per = 1;
    TrObject *r = NULL;
    if (a[1]) {   /* an explicit None is refused too, as in CPython */
        size_t seplen;
        if (str_check(a[1])) {
            seplen = str_length(a[1]);
            if (seplen == 1 && str_nbytes(a[1]) != 1) {
                err_set(ts, &tr_exc_ValueError, "sep must be ASCII.");
                goto out;
            }
            sepc = str_utf8(a[1])[0];
        } else if (bytes_check(a[1])) {
            seplen = bytes_size(a[1]);
            sepc = seplen ? bytes_data(a[1])[0] : 0;
        } else if (bytearray_check(a[1])) {
            TrBytesView sv;
            if (bytes_view(ts, a[1], &sv) < 0) goto out;
            seplen = sv.n;
            sepc = seplen ? sv.p[0] : 0;
            bytes_view_release(&sv);
        } else {
            if (tr_len(ts, a[1]) >= 0) err_set(ts, &tr_exc_ValueError, "sep must be length 1.");
            goto out;
        }
        if (seplen != 1) {
            err_set(ts, &tr_exc_ValueError, "sep must be length 1.");
            goto out;
        }
        have_sep = 1;
    }
    if (a[2] && posargs_int(ts, a[2], &per) < 0) goto out;
    size_t group = per < 0 ? (size_t)(-(int64_t)per) : (size_t)per;
    if (!have_sep || group == 0 || v.n == 0) {
        have_sep = 0;
        group = 0;
    }
    size_t nsep = have_sep ? (v.n - 1) / group : 0;
    r = bytes_alloc(ts, v.n * 2 + nsep);
    if (!r) goto out;
    char *o = bytes_data(r);
    const unsigned char *p = (const unsigned char *)v.p;
    /* a positive count groups from the right: the first group is the short one */
    size_t first = have_sep ? (per > 0 ? (v.n - 1) % group + 1 : group) : v.n;
    size_t left = first;
    for (size_t i = 0; i < v.n; i++) {
        if (have_sep && left == 0) {
            *o++ = sepc;
            left = group;
        }
        *o++ = hexdigits[p[i] >> 4];
        *o++ = hexdigits[p[i] & 15];
        left--;
    }
out:
    bytes_view_release(&v);
    return r;
}

FUNC(binascii_hexlify) { return hexlify_common(ts, "hexlify", args, nargs, kwnames); }
FUNC(binascii_b2a_hex) { return hexlify_common(ts, "b2a_hex", args, nargs, kwnames); }

static int hexval(unsigned char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static TrObject *unhexlify_common(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs,
                                  TrObject *kwnames) {
    if (tr_check_args(ts, fname, nargs, kwnames, 1, 1) < 0) return NULL;
    TrBytesView v;
    if (ascii_arg(ts, args[0], &v) < 0) return NULL;
    TrObject *r = NULL;
    if (v.n % 2) {
        raise_error(ts, "Odd-length string");
        goto out;
    }
    r = bytes_alloc(ts, v.n / 2);
    if (!r) goto out;
    const unsigned char *p = (const unsigned char *)v.p;
    for (size_t i = 0; i < v.n; i += 2) {
        int hi = hexval(p[i]), lo = hexval(p[i + 1]);
        if (hi < 0 || lo < 0) {
            TR_CLEAR(r);
            raise_error(ts, "Non-hexadecimal digit found");
            goto out;
        }
        bytes_data(r)[i / 2] = (char)(hi << 4 | lo);
    }
out:
    bytes_view_release(&v);
    return r;
}

FUNC(binascii_unhexlify) { return unhexlify_common(ts, "binascii.unhexlify", args, nargs, kwnames); }
FUNC(binascii_a2b_hex) { return unhexlify_common(ts, "binascii.a2b_hex", args, nargs, kwnames); }

/* ---- base64 --------------------------------------------------------------- */

static const char b64chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int b64val(unsigned char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

/* b2a_base64(data, /, *, newline=True) */
FUNC(binascii_b2a_base64) {
    static const char *const names[] = {"data", "newline"};
    TrObject *a[2];
    if (posargs_parse(ts, "b2a_base64", args, nargs, kwnames, names, 1, 1, 1, 1, a) < 0) return NULL;
    int newline = 1;
    if (a[1] && (newline = tr_is_true(ts, a[1])) < 0) return NULL;
    TrBytesView v;
    if (posargs_buffer(ts, a[0], &v) < 0) return NULL;
    size_t n = v.n, outn = (n + 2) / 3 * 4 + (newline ? 1 : 0);
    TrObject *r = bytes_alloc(ts, outn);
    if (r) {
        const unsigned char *p = (const unsigned char *)v.p;
        char *o = bytes_data(r);
        size_t i = 0;
        for (; i + 3 <= n; i += 3) {
            uint32_t w = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
            *o++ = b64chars[w >> 18];
            *o++ = b64chars[(w >> 12) & 63];
            *o++ = b64chars[(w >> 6) & 63];
            *o++ = b64chars[w & 63];
        }
        if (n - i == 1) {
            *o++ = b64chars[p[i] >> 2];
            *o++ = b64chars[(p[i] & 3) << 4];
            *o++ = '=';
            *o++ = '=';
        } else if (n - i == 2) {
            *o++ = b64chars[p[i] >> 2];
            *o++ = b64chars[((p[i] & 3) << 4) | (p[i + 1] >> 4)];
            *o++ = b64chars[(p[i + 1] & 15) << 2];
            *o++ = '=';
        }
        if (newline) *o++ = '\n';
    }
    bytes_view_release(&v);
    return r;
}

/* a2b_base64(data, /, *, strict_mode=False).  Without strict mode every
 * character outside the alphabet is skipped and the first complete pad
 * sequence ends the data; strict mode rejects both. */
FUNC(binascii_a2b_base64) {
    static const char *const names[] = {"data", "strict_mode"};
    TrObject *a[2];
    if (posargs_parse(ts, "a2b_base64", args, nargs, kwnames, names, 1, 1, 1, 1, a) < 0) return NULL;
    int strict = 0;
    if (a[1] && (strict = tr_is_true(ts, a[1])) < 0) return NULL;
    TrBytesView v;
    if (ascii_arg(ts, a[0], &v) < 0) return NULL;
    const unsigned char *p = (const unsigned char *)v.p;
    size_t n = v.n;
    unsigned char *buf = malloc(n / 4 * 3 + 3);
    if (!buf) { bytes_view_release(&v); return err_nomemory(ts); }
    size_t outn = 0;
    int quad = 0, pads = 0, padding_started = 0;
    unsigned left = 0;
    const char *msg = NULL;
    char msgbuf[160];
    if (strict && n > 0 && p[0] == '=') { msg = "Leading padding not allowed"; goto fail; }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        if (c == '=') {
            padding_started = 1;
            if (strict && quad == 0) { msg = "Excess padding not allowed"; goto fail; }
            if (quad >= 2 && quad + ++pads >= 4) {
                /* a complete pad sequence: the rest is ignored, or an error when strict */
                if (strict && i + 1 < n) { msg = "Excess data after padding"; goto fail; }
                goto done;
            }
            continue;
        }
        int d = b64val(c);
        if (d < 0) {
            if (strict) { msg = "Only base64 data is allowed"; goto fail; }
            continue;
        }
        if (strict && padding_started) { msg = "Discontinuous padding not allowed"; goto fail; }
        pads = 0;
        switch (quad) {
        case 0: left = (unsigned)d; quad = 1; break;
        case 1: buf[outn++] = (unsigned char)(left << 2 | d >> 4); left = d & 15; quad = 2; break;
        case 2: buf[outn++] = (unsigned char)(left << 4 | d >> 2); left = d & 3; quad = 3; break;
        default: buf[outn++] = (unsigned char)(left << 6 | d); left = 0; quad = 0; break;
        }
    }
    if (quad == 1) {
        snprintf(msgbuf, sizeof msgbuf,
                 "Invalid base64-encoded string: number of data characters (%zu) cannot be 1 more than a "
                 "multiple of 4", outn / 3 * 4 + 1);
        msg = msgbuf;
        goto fail;
    }
    if (quad != 0) { msg = "Incorrect padding"; goto fail; }
done:
    bytes_view_release(&v);
    return bytes_from_buf(ts, buf, outn);
fail:
    bytes_view_release(&v);
    free(buf);
    return raise_error(ts, msg);
}

/* ---- checksums ------------------------------------------------------------- */

/* crc32(data, crc=0, /): zlib's CRC-32, continuing from `crc`. */
FUNC(binascii_crc32) {
    if (tr_check_no_kwargs(ts, "binascii.crc32", kwnames) < 0 || tr_check_nargs(ts, "crc32", nargs, 1, 2) < 0)
        return NULL;
    TrBytesView v;
    if (posargs_buffer(ts, args[0], &v) < 0) return NULL;
    uint32_t crc = 0;
    if (nargs > 1 && posargs_u32_mask(ts, args[1], &crc) < 0) { bytes_view_release(&v); return NULL; }
    const unsigned char *p = (const unsigned char *)v.p;
    size_t n = v.n;
    uLong c = crc;
    while (n > 0) {   /* zlib takes a uInt length */
        uInt chunk = n > (1u << 30) ? (1u << 30) : (uInt)n;
        c = crc32(c, p, chunk);
        p += chunk;
        n -= chunk;
    }
    bytes_view_release(&v);
    return tr_imm_from((int64_t)(c & 0xffffffffu));
}

/* crc_hqx(data, crc, /): CRC-CCITT (polynomial 0x1021, MSB first). */
FUNC(binascii_crc_hqx) {
    if (tr_check_no_kwargs(ts, "binascii.crc_hqx", kwnames) < 0 || tr_check_nargs(ts, "crc_hqx", nargs, 2, 2) < 0)
        return NULL;
    TrBytesView v;
    if (posargs_buffer(ts, args[0], &v) < 0) return NULL;
    uint32_t crc32v;
    if (posargs_u32_mask(ts, args[1], &crc32v) < 0) { bytes_view_release(&v); return NULL; }
    unsigned crc = crc32v & 0xffff;
    const unsigned char *p = (const unsigned char *)v.p;
    for (size_t i = 0; i < v.n; i++) {
        crc ^= (unsigned)p[i] << 8;
        for (int b = 0; b < 8; b++) crc = (crc & 0x8000) ? ((crc << 1) ^ 0x1021) : (crc << 1);
        crc &= 0xffff;
    }
    bytes_view_release(&v);
    return tr_imm_from(crc);
}

/* ---- quoted-printable ------------------------------------------------------ */

#define QP_MAXLINE 76
static const char hexupper[] = "0123456789ABCDEF";

/* a2b_qp(data, header=False): "=XX" escapes, "=" before a line end is a
 * soft break, and with `header` "_" means a space. */
FUNC(binascii_a2b_qp) {
    static const char *const names[] = {"data", "header"};
    TrObject *a[2];
    if (posargs_parse(ts, "a2b_qp", args, nargs, kwnames, names, 0, 2, 1, 0, a) < 0) return NULL;
    int header = 0;
    if (a[1] && (header = tr_is_true(ts, a[1])) < 0) return NULL;
    TrBytesView v;
    if (ascii_arg(ts, a[0], &v) < 0) return NULL;
    const unsigned char *p = (const unsigned char *)v.p;
    size_t n = v.n, i = 0, o = 0;
    unsigned char *buf = malloc(n + 1);
    if (!buf) { bytes_view_release(&v); return err_nomemory(ts); }
    while (i < n) {
        if (p[i] == '=') {
            i++;
            if (i >= n) break;
            if (p[i] == '\n' || p[i] == '\r') {   /* soft line break */
                while (i < n && p[i] != '\n') i++;
                if (i < n) i++;
            } else if (p[i] == '=') {
                buf[o++] = '=';
                i++;
            } else if (i + 1 < n && hexval(p[i]) >= 0 && hexval(p[i + 1]) >= 0) {
                buf[o++] = (unsigned char)(hexval(p[i]) << 4 | hexval(p[i + 1]));
                i += 2;
            } else {
                buf[o++] = '=';
            }
        } else if (header && p[i] == '_') {
            buf[o++] = ' ';
            i++;
        } else {
            buf[o++] = p[i++];
        }
    }
    bytes_view_release(&v);
    return bytes_from_buf(ts, buf, o);
}

/* Appends "=XX" for byte `c`. */
static void qp_escape(unsigned char *buf, size_t *o, unsigned char c) {
    buf[(*o)++] = '=';
    buf[(*o)++] = (unsigned char)hexupper[c >> 4];
    buf[(*o)++] = (unsigned char)hexupper[c & 15];
}

/* b2a_qp(data, quotetabs=False, istext=True, header=False): lines of at
 * most 76 characters with soft breaks; line ends follow the data's first
 * one ("\r\n" or "\n"). */
FUNC(binascii_b2a_qp) {
    static const char *const names[] = {"data", "quotetabs", "istext", "header"};
    TrObject *a[4];
    if (posargs_parse(ts, "b2a_qp", args, nargs, kwnames, names, 0, 4, 1, 0, a) < 0) return NULL;
    int quotetabs = 0, istext = 1, header = 0;
    if ((a[1] && (quotetabs = tr_is_true(ts, a[1])) < 0) || (a[2] && (istext = tr_is_true(ts, a[2])) < 0) ||
        (a[3] && (header = tr_is_true(ts, a[3])) < 0))
        return NULL;
    TrBytesView v;
    if (posargs_buffer(ts, a[0], &v) < 0) return NULL;
    const unsigned char *p = (const unsigned char *)v.p;
    size_t n = v.n;
    const unsigned char *nl = memchr(p, '\n', n);
    int crlf = nl && nl > p && nl[-1] == '\r';
    /* worst case: every byte escaped (3) plus a soft break (3) per 24 bytes */
    unsigned char *buf = malloc(n * 4 + 16);
    if (!buf) { bytes_view_release(&v); return err_nomemory(ts); }
    size_t o = 0, linelen = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        int at_end = i + 1 == n;
        int escape = c > 126 || c == '=' || (header && c == '_') ||
                     (c == '.' && linelen == 0 &&
                      (at_end || p[i + 1] == '\n' || p[i + 1] == '\r' || p[i + 1] == 0)) ||
                     (!istext && (c == '\r' || c == '\n')) || ((c == '\t' || c == ' ') && at_end) ||
                     (c < 33 && c != '\r' && c != '\n' && (quotetabs || (c != '\t' && c != ' ')));
        if (escape) {
            if (linelen + 3 >= QP_MAXLINE) {
                buf[o++] = '=';
                if (crlf) buf[o++] = '\r';
                buf[o++] = '\n';
                linelen = 0;
            }
            qp_escape(buf, &o, c);
            linelen += 3;
            i++;
        } else if (istext && (c == '\n' || (c == '\r' && !at_end && p[i + 1] == '\n'))) {
            linelen = 0;
            /* trailing whitespace before a line end must be escaped */
            if (o > 0 && (buf[o - 1] == ' ' || buf[o - 1] == '\t')) {
                unsigned char ws = buf[--o];
                qp_escape(buf, &o, ws);
            }
            if (crlf) buf[o++] = '\r';
            buf[o++] = '\n';
            i += c == '\r' ? 2 : 1;
        } else {
            if (!at_end && p[i + 1] != '\n' && linelen + 1 >= QP_MAXLINE) {
                buf[o++] = '=';
                if (crlf) buf[o++] = '\r';
                buf[o++] = '\n';
                linelen = 0;
            }
            linelen++;
            buf[o++] = header && c == ' ' ? '_' : c;
            i++;
        }
    }
    bytes_view_release(&v);
    return bytes_from_buf(ts, buf, o);
}

/* ---- the module ------------------------------------------------------------ */

static const TrMethodDef binascii_functions[] = {
    {"hexlify", binascii_hexlify}, {"b2a_hex", binascii_b2a_hex},
    {"unhexlify", binascii_unhexlify}, {"a2b_hex", binascii_a2b_hex},
    {"b2a_base64", binascii_b2a_base64}, {"a2b_base64", binascii_a2b_base64},
    {"crc32", binascii_crc32}, {"crc_hqx", binascii_crc_hqx},
    {"a2b_qp", binascii_a2b_qp}, {"b2a_qp", binascii_b2a_qp},
    {NULL, NULL},
};

TrObject *binascii_module_init(TrThread *ts) {
    TrObject *m = module_new(ts, "binascii");
    if (!m) return NULL;
    TrObject *err = NULL, *inc = NULL;
    if (module_add_functions(ts, m, binascii_functions) < 0) goto fail;
    err = posargs_new_exception(ts, "binascii", "Error", &tr_exc_ValueError);
    inc = err ? posargs_new_exception(ts, "binascii", "Incomplete", &tr_exc_Exception) : NULL;
    if (!inc || dict_set_cstr(ts, module_dict(m), "Error", err) < 0 ||
        dict_set_cstr(ts, module_dict(m), "Incomplete", inc) < 0)
        goto fail;
    tr_make_immortal(err);   /* lives as long as the (immortal) module; read without counting */
    /* release: pairs with the acquire in raise_error */
    atomic_store_ptr_release(&error_class, err);
    tr_decref(err);
    tr_decref(inc);
    return m;
fail:
    tr_xdecref(err);
    tr_xdecref(inc);
    tr_decref(m);
    return NULL;
}
