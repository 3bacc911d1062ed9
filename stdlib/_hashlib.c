/* stdlib/_hashlib.c: the `_hashlib` module under stdlib/py/hashlib.py and
 * stdlib/py/hmac.py: hash objects over OpenSSL's EVP digests (`HASH`, and
 * `HASHXOF` for shake_128/256 whose digest() takes a length), the
 * openssl_md5.. constructors and new(), BLAKE2b and BLAKE2s written here
 * after RFC 7693 (OpenSSL 3.0's EVP cannot set their digest size, key, salt
 * or personalization: the `blake2b`/`blake2s` types, named `_blake2.*` as in
 * CPython), pbkdf2_hmac and scrypt (EVP), and compare_digest, a
 * constant-time comparison.
 *
 * Threads: a hash object's state (`ctx`, or the BLAKE2 state) is guarded by
 * the object's TrMutex `lock`, so updates from several threads are
 * serialised and each is applied whole.  As in stdlib/zlib.c this is not the
 * header's critical-section lock, because it stays held while a big update
 * (>= DETACH_MIN bytes) runs detached (gil_release_for_blocking); waiting
 * for it is done detached too.  No Python code runs while it is held.
 * pbkdf2_hmac and scrypt run detached on private copies of their inputs.
 * Lock order: hash locks are leaves; copy() takes only the source's.
 * UnsupportedDigestmodError is created once at import, published with a
 * release store. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/evp.h>
#include <openssl/crypto.h>

#include "torii/torii.h"
#include "torii/set.h"
#include "stdlib/stdlib.h"
#include "stdlib/posargs.h"
#include "threads/lock.h"

#define DETACH_MIN (16 * 1024)

static TrObject *unsupported_class;   /* UnsupportedDigestmodError; immortal; set once at import */

#define FUNC(name) static TrObject *name(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames)

static TrObject *raise_unsupported(TrThread *ts, const char *msg) {
    /* acquire: pairs with the release in hashlib_module_init */
    return posargs_raise(ts, atomic_load_ptr_acquire((void *const *)&unsupported_class), msg);
}

/* Data to hash: bytes or bytearray; a str is refused with CPython's words.
 * 0 and `v` filled, or -1 with TypeError. */
static int data_arg(TrThread *ts, TrObject *o, TrBytesView *v) {
    if (str_check(o)) {
        err_set(ts, &tr_exc_TypeError, "Strings must be encoded before hashing");
        return -1;
    }
    int rc = bytes_view(ts, o, v);
    if (rc < 0) return -1;
    if (rc == 0) {
        err_set(ts, &tr_exc_TypeError, "object supporting the buffer API required");
        return -1;
    }
    return 0;
}

/* Takes a hash object's lock, waiting detached when it is busy. */
static void hlock(TrThread *ts, uint8_t *lock) {
    if (mutex_trylock(lock)) return;
    gil_release_for_blocking(ts);
    mutex_lock(lock);
    gil_reacquire_after_blocking(ts);
}

static TrObject *hex_of(TrThread *ts, const unsigned char *p, size_t n) {
    static const char digits[] = "0123456789abcdef";
    char small[256], *buf = n * 2 <= sizeof small ? small : malloc(n * 2 + 1);
    if (!buf) return err_nomemory(ts);
    buf[0] = 0;
    for (size_t i = 0; i < n; i++) {
        buf[2 * i] = digits[p[i] >> 4];
        buf[2 * i + 1] = digits[p[i] & 15];
    }
    TrObject *r = str_from_utf8(ts, buf, n * 2);
    if (buf != small) free(buf);
    return r;
}

/* ---- digest names ------------------------------------------------------------
 * Python's names and OpenSSL's differ for a few digests. */
static const struct { const char *py, *ossl; } name_map[] = {
    {"md5", "md5"}, {"sha1", "sha1"}, {"sha224", "sha224"}, {"sha256", "sha256"},
    {"sha384", "sha384"}, {"sha512", "sha512"}, {"sha512_224", "sha512-224"}, {"sha512_256", "sha512-256"},
    {"sha3_224", "sha3-224"}, {"sha3_256", "sha3-256"}, {"sha3_384", "sha3-384"}, {"sha3_512", "sha3-512"},
    {"shake_128", "shake128"}, {"shake_256", "shake256"}, {"blake2b", "blake2b512"}, {"blake2s", "blake2s256"},
    {"md5-sha1", "md5-sha1"}, {"ripemd160", "ripemd160"}, {"sm3", "sm3"},
};

/* The Python name of digest `md` ("sha3_256"), in `buf`. */
static const char *py_name_of(const EVP_MD *md, char *buf, size_t cap) {
    int nid = EVP_MD_get_type(md);
    for (size_t i = 0; i < sizeof name_map / sizeof name_map[0]; i++) {
        const EVP_MD *m = EVP_get_digestbyname(name_map[i].ossl);
        if (m && EVP_MD_get_type(m) == nid) return name_map[i].py;
    }
    const char *n = EVP_MD_get0_name(md);
    size_t k = 0;
    for (; n && n[k] && k + 1 < cap; k++) buf[k] = (char)(n[k] >= 'A' && n[k] <= 'Z' ? n[k] + 32 : n[k]);
    buf[k] = 0;
    return buf;
}

/* Fetches the digest called `name` (Python or OpenSSL spelling).  NULL
 * (no exception) when unknown; free with EVP_MD_free. */
static EVP_MD *fetch_md(const char *name) {
    for (size_t i = 0; i < sizeof name_map / sizeof name_map[0]; i++)
        if (!strcmp(name, name_map[i].py)) { name = name_map[i].ossl; break; }
    EVP_MD *md = EVP_MD_fetch(NULL, name, NULL);
    if (!md) {
        char low[64];
        size_t k = 0;
        for (; name[k] && k + 1 < sizeof low; k++) low[k] = (char)(name[k] >= 'A' && name[k] <= 'Z' ? name[k] + 32 : name[k]);
        low[k] = 0;
        for (size_t i = 0; i < sizeof name_map / sizeof name_map[0]; i++)
            if (!strcmp(low, name_map[i].py)) { md = EVP_MD_fetch(NULL, name_map[i].ossl, NULL); break; }
    }
    return md;
}

/* ---- HASH and HASHXOF -------------------------------------------------------- */

typedef struct HashObj {
    TrObject ob_base;
    uint8_t lock;            /* TrMutex guarding `ctx` (see the file comment) */
    EVP_MD_CTX *ctx;         /* owned; guarded by `lock` */
    TrObject *name;          /* owned str, immutable: the Python name */
    int digest_size, block_size;   /* read-only after creation */
} HashObj;

static TrType hash_type, hashxof_type;

static void hash_dealloc(TrThread *ts, TrObject *o) {
    HashObj *h = (HashObj *)o;
    EVP_MD_CTX_free(h->ctx);
    tr_xdecref(h->name);
    tr_free(o);
}

static TrObject *hash_repr(TrThread *ts, TrObject *o) {
    HashObj *h = (HashObj *)o;
    return str_format(ts, "<%S %s object @ %p>", h->name, tr_type_name(o), (void *)o);
}

/* Feeds `v` to `ctx` under `lock`, detached for big inputs.  0, or -1 with
 * ValueError when OpenSSL fails. */
static int hash_feed(TrThread *ts, HashObj *h, const TrBytesView *v) {
    int ok;
    hlock(ts, &h->lock);
    if (v->n >= DETACH_MIN) {
        gil_release_for_blocking(ts);
        ok = EVP_DigestUpdate(h->ctx, v->p, v->n);
        gil_reacquire_after_blocking(ts);
    } else {
        ok = EVP_DigestUpdate(h->ctx, v->p, v->n);
    }
    mutex_unlock(&h->lock);
    if (!ok) { err_set(ts, &tr_exc_ValueError, "[digital envelope routines] update failed"); return -1; }
    return 0;
}

/* A new hash object for `md` (not consumed), fed `data` (may be NULL). */
static TrObject *hash_create(TrThread *ts, const EVP_MD *md, TrObject *data) {
    TrBytesView v = {0};
    if (data && data_arg(ts, data, &v) < 0) return NULL;
    int xof = (EVP_MD_get_flags(md) & EVP_MD_FLAG_XOF) != 0;
    HashObj *h = (HashObj *)tr_alloc(ts, xof ? &hashxof_type : &hash_type);
    if (!h) { bytes_view_release(&v); return NULL; }
    char buf[64];
    h->name = str_from_cstr(ts, py_name_of(md, buf, sizeof buf));
    h->ctx = EVP_MD_CTX_new();
    h->digest_size = xof ? 0 : EVP_MD_get_size(md);
    h->block_size = EVP_MD_get_block_size(md);
    if (!h->name || !h->ctx) {
        bytes_view_release(&v);
        tr_decref((TrObject *)h);
        return err_occurred(ts) ? NULL : err_nomemory(ts);
    }
    if (!EVP_DigestInit_ex(h->ctx, md, NULL)) {
        bytes_view_release(&v);
        tr_decref((TrObject *)h);
        return raise_unsupported(ts, "[digital envelope routines] initialization error");
    }
    if (data && hash_feed(ts, h, &v) < 0) TR_CLEAR(h);
    bytes_view_release(&v);
    return (TrObject *)h;
}

#define HSELF ((HashObj *)self)

FUNC(hash_update) {
    if (tr_check_args(ts, "HASH.update", nargs, kwnames, 1, 1) < 0) return NULL;
    TrBytesView v;
    if (data_arg(ts, args[0], &v) < 0) return NULL;
    int rc = hash_feed(ts, HSELF, &v);
    bytes_view_release(&v);
    return rc < 0 ? NULL : tr_none;
}

/* A copy of the context of `h`, taken under its lock.  NULL on MemoryError. */
static EVP_MD_CTX *ctx_copy(TrThread *ts, HashObj *h) {
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    if (!c) { err_nomemory(ts); return NULL; }
    hlock(ts, &h->lock);
    int ok = EVP_MD_CTX_copy_ex(c, h->ctx);
    mutex_unlock(&h->lock);
    if (!ok) { EVP_MD_CTX_free(c); err_nomemory(ts); return NULL; }
    return c;
}

/* The digest of a copy (the object stays usable); `xof_len` for XOFs. */
static int final_digest(TrThread *ts, HashObj *h, unsigned char *out, size_t xof_len) {
    EVP_MD_CTX *c = ctx_copy(ts, h);
    if (!c) return -1;
    unsigned int n;
    int ok = tr_type((TrObject *)h) == &hashxof_type ? EVP_DigestFinalXOF(c, out, xof_len)
                                                       : EVP_DigestFinal_ex(c, out, &n);
    EVP_MD_CTX_free(c);
    if (!ok) { err_set(ts, &tr_exc_ValueError, "[digital envelope routines] final failed"); return -1; }
    return 0;
}

FUNC(hash_digest) {
    if (tr_check_args(ts, "HASH.digest", nargs, kwnames, 0, 0) < 0) return NULL;
    unsigned char out[EVP_MAX_MD_SIZE];
    if (final_digest(ts, HSELF, out, 0) < 0) return NULL;
    return bytes_from(ts, (const char *)out, (size_t)HSELF->digest_size);
}

FUNC(hash_hexdigest) {
    if (tr_check_args(ts, "HASH.hexdigest", nargs, kwnames, 0, 0) < 0) return NULL;
    unsigned char out[EVP_MAX_MD_SIZE];
    if (final_digest(ts, HSELF, out, 0) < 0) return NULL;
    return hex_of(ts, out, (size_t)HSELF->digest_size);
}

FUNC(hash_copy) {
    if (tr_check_args(ts, "HASH.copy", nargs, kwnames, 0, 0) < 0) return NULL;
    HashObj *h = HSELF;
    HashObj *c = (HashObj *)tr_alloc(ts, tr_type(self));
    if (!c) return NULL;
    c->name = tr_newref(h->name);
    c->digest_size = h->digest_size;
    c->block_size = h->block_size;
    if (!(c->ctx = ctx_copy(ts, h))) { tr_decref((TrObject *)c); return NULL; }
    return (TrObject *)c;
}

/* HASHXOF.digest(length) / hexdigest(length) */
static TrObject *xof_common(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames,
                            int hex) {
    static const char *const names[] = {"length"};
    TrObject *a[1];
    if (posargs_parse(ts, hex ? "hexdigest" : "digest", args, nargs, kwnames, names, 0, 1, 1, 0, a) < 0) return NULL;
    int64_t len;
    if (posargs_int64(ts, a[0], &len, "ssize_t") < 0) return NULL;
    if (len < 0) {
        err_set(ts, &tr_exc_ValueError, "length must be non-negative");
        return NULL;
    }
    if (len == 0) return hex ? str_from_cstr(ts, "") : bytes_from(ts, "", 0);
    unsigned char *out = malloc((size_t)len);
    if (!out) return err_nomemory(ts);
    TrObject *r = NULL;
    if (final_digest(ts, HSELF, out, (size_t)len) == 0)
        r = hex ? hex_of(ts, out, (size_t)len) : bytes_from(ts, (const char *)out, (size_t)len);
    free(out);
    return r;
}

FUNC(xof_digest) { return xof_common(ts, self, args, nargs, kwnames, 0); }
FUNC(xof_hexdigest) { return xof_common(ts, self, args, nargs, kwnames, 1); }

static TrObject *hash_getattr(TrThread *ts, TrObject *self, TrObject *name) {
    HashObj *h = HSELF;
    if (str_equal_cstr(name, "name")) return tr_newref(h->name);
    if (str_equal_cstr(name, "digest_size")) return tr_imm_from(h->digest_size);
    if (str_equal_cstr(name, "block_size")) return tr_imm_from(h->block_size);
    return tr_generic_getattr(ts, self, name);
}

static int readonly_setattr(TrThread *ts, TrObject *self, TrObject *name, TrObject *value) {
    static const char *const ro[] = {"name", "digest_size", "block_size", NULL};
    for (int i = 0; ro[i]; i++)
        if (str_equal_cstr(name, ro[i])) {
            err_format(ts, &tr_exc_AttributeError, "attribute '%S' of '%s' objects is not writable", name,
                       tr_type_name(self));
            return -1;
        }
    err_format(ts, &tr_exc_AttributeError, "'%s' object has no attribute '%S' and no __dict__ for setting new attributes",
               tr_type_name(self), name);
    return -1;
}

static TrObject *nonew(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return err_format(ts, &tr_exc_TypeError, "cannot create '%s' instances", type->name);
}

static const TrMethodDef hash_methods[] = {
    {"update", hash_update}, {"digest", hash_digest}, {"hexdigest", hash_hexdigest}, {"copy", hash_copy},
    {NULL, NULL},
};

static const TrMethodDef hashxof_methods[] = {
    {"digest", xof_digest}, {"hexdigest", xof_hexdigest},
    {NULL, NULL},
};

static TrType hash_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "_hashlib.HASH",
    .basicsize = sizeof(HashObj),
    .dealloc = hash_dealloc,
    .repr = hash_repr,
    .new_ = nonew,
    .getattr = hash_getattr,
    .setattr = readonly_setattr,
    .methods = hash_methods,
};

static TrType hashxof_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "_hashlib.HASHXOF",
    .basicsize = sizeof(HashObj),
    .base = &hash_type,
    .dealloc = hash_dealloc,
    .repr = hash_repr,
    .new_ = nonew,
    .getattr = hash_getattr,
    .setattr = readonly_setattr,
    .methods = hashxof_methods,
};

/* ---- constructors ---------------------------------------------------------------- */

/* Binds (string=b'', *, usedforsecurity=True) for `fname`; `*data` is the
 * data or NULL. */
static int ctor_args(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kwnames,
                     TrObject **data) {
    static const char *const names[] = {"string", "usedforsecurity"};
    TrObject *a[2];
    if (posargs_parse(ts, fname, args, nargs, kwnames, names, 0, 1, 0, 1, a) < 0) return -1;
    *data = a[0];
    return 0;
}

static TrObject *named_ctor(TrThread *ts, const char *fname, const char *digest, TrObject *const *args,
                            size_t nargs, TrObject *kwnames) {
    TrObject *data;
    if (ctor_args(ts, fname, args, nargs, kwnames, &data) < 0) return NULL;
    EVP_MD *md = fetch_md(digest);
    if (!md) return raise_unsupported(ts, "[digital envelope routines] unsupported");
    TrObject *r = hash_create(ts, md, data);
    EVP_MD_free(md);
    return r;
}

#define CTOR(pyname, digest) \
    FUNC(openssl_##pyname) { return named_ctor(ts, "openssl_" #pyname, digest, args, nargs, kwnames); }
CTOR(md5, "md5")
CTOR(sha1, "sha1")
CTOR(sha224, "sha224")
CTOR(sha256, "sha256")
CTOR(sha384, "sha384")
CTOR(sha512, "sha512")
CTOR(sha3_224, "sha3-224")
CTOR(sha3_256, "sha3-256")
CTOR(sha3_384, "sha3-384")
CTOR(sha3_512, "sha3-512")
CTOR(shake_128, "shake128")
CTOR(shake_256, "shake256")

/* new(name, string=b'', *, usedforsecurity=True) */
FUNC(hashlib_new) {
    static const char *const names[] = {"name", "string", "usedforsecurity"};
    TrObject *a[3];
    if (posargs_parse(ts, "new", args, nargs, kwnames, names, 0, 2, 1, 1, a) < 0) return NULL;
    if (!str_check(a[0])) return err_format(ts, &tr_exc_TypeError, "new() argument 'name' must be str, not %T", a[0]);
    EVP_MD *md = fetch_md(str_utf8(a[0]));
    if (!md) return raise_unsupported(ts, "[digital envelope routines] unsupported");
    TrObject *r = hash_create(ts, md, a[1]);
    EVP_MD_free(md);
    return r;
}

/* ---- key derivation ----------------------------------------------------------- */

/* pbkdf2_hmac(hash_name, password, salt, iterations, dklen=None) */
FUNC(hashlib_pbkdf2_hmac) {
    static const char *const names[] = {"hash_name", "password", "salt", "iterations", "dklen"};
    TrObject *a[5];
    if (posargs_parse(ts, "pbkdf2_hmac", args, nargs, kwnames, names, 0, 5, 4, 0, a) < 0) return NULL;
    if (!str_check(a[0]))
        return err_format(ts, &tr_exc_TypeError, "pbkdf2_hmac() argument 'hash_name' must be str, not %T", a[0]);
    TrBytesView pw = {0}, salt = {0};
    TrObject *r = NULL;
    EVP_MD *md = NULL;
    int64_t iters, dklen;
    if (posargs_buffer(ts, a[1], &pw) < 0) return NULL;
    if (posargs_buffer(ts, a[2], &salt) < 0) goto out;
    if (posargs_int64(ts, a[3], &iters, "long") < 0) goto out;
    if (iters < 1) { err_set(ts, &tr_exc_ValueError, "iteration value must be greater than 0."); goto out; }
    if (iters > INT_MAX) { err_set(ts, &tr_exc_OverflowError, "iteration value is too great."); goto out; }
    if (!(md = fetch_md(str_utf8(a[0])))) { raise_unsupported(ts, "[digital envelope routines] unsupported"); goto out; }
    if (!a[4] || a[4] == tr_none) dklen = EVP_MD_get_size(md);
    else if (posargs_int64(ts, a[4], &dklen, "long") < 0) goto out;
    if (dklen < 1) { err_set(ts, &tr_exc_ValueError, "key length must be greater than 0."); goto out; }
    if (dklen > INT_MAX) { err_set(ts, &tr_exc_OverflowError, "key length is too great."); goto out; }
    if (!(r = bytes_alloc(ts, (size_t)dklen))) goto out;
    /* detached: may take long; touches only the views and r's fresh buffer */
    gil_release_for_blocking(ts);
    int ok = PKCS5_PBKDF2_HMAC(pw.p, (int)pw.n, (const unsigned char *)salt.p, (int)salt.n, (int)iters, md,
                               (int)dklen, (unsigned char *)bytes_data(r));
    gil_reacquire_after_blocking(ts);
    if (!ok) {
        TR_CLEAR(r);
        err_set(ts, &tr_exc_ValueError, "[digital envelope routines] PBKDF2 failed");
    }
out:
    EVP_MD_free(md);
    bytes_view_release(&pw);
    bytes_view_release(&salt);
    return r;
}

/* scrypt(password, *, salt=None, n=None, r=None, p=None, maxmem=0, dklen=64) */
FUNC(hashlib_scrypt) {
    static const char *const names[] = {"password", "salt", "n", "r", "p", "maxmem", "dklen"};
    TrObject *a[7];
    if (posargs_parse(ts, "scrypt", args, nargs, kwnames, names, 0, 1, 1, 6, a) < 0) return NULL;
    TrBytesView pw = {0}, salt = {0};
    TrObject *res = NULL;
    int64_t n, r, p, maxmem = 0, dklen = 64;
    if (posargs_buffer(ts, a[0], &pw) < 0) return NULL;
    if (!a[1] || a[1] == tr_none) { err_set(ts, &tr_exc_TypeError, "salt is required"); goto out; }
    if (posargs_buffer(ts, a[1], &salt) < 0) goto out;
    static const char *const req[] = {"n", "r", "p"};
    int64_t *vals[] = {&n, &r, &p};
    for (int i = 0; i < 3; i++) {
        TrObject *o = a[2 + i];
        if (!o || o == tr_none || !int_check(o) || posargs_int64(ts, o, vals[i], "unsigned long") < 0 || *vals[i] < 0) {
            err_clear(ts);
            err_format(ts, &tr_exc_TypeError, "%s is required and must be an unsigned int", req[i]);
            goto out;
        }
    }
    if (n < 2 || (n & (n - 1))) { err_set(ts, &tr_exc_ValueError, "n must be a power of 2."); goto out; }
    if (a[5] && posargs_int64(ts, a[5], &maxmem, "long") < 0) goto out;
    if (maxmem < 0 || maxmem > INT_MAX) {
        err_set(ts, &tr_exc_ValueError, "maxmem must be positive and smaller than 2147483647");
        goto out;
    }
    if (a[6] && posargs_int64(ts, a[6], &dklen, "long") < 0) goto out;
    if (dklen < 1 || dklen > INT_MAX) {
        err_set(ts, &tr_exc_ValueError, "dklen must be greater than 0 and smaller than 2147483647");
        goto out;
    }
    if (!(res = bytes_alloc(ts, (size_t)dklen))) goto out;
    gil_release_for_blocking(ts);
    int ok = EVP_PBE_scrypt(pw.p, pw.n, (const unsigned char *)salt.p, salt.n, (uint64_t)n, (uint64_t)r,
                            (uint64_t)p, (uint64_t)maxmem, (unsigned char *)bytes_data(res), (size_t)dklen);
    gil_reacquire_after_blocking(ts);
    if (!ok) {
        TR_CLEAR(res);
        err_set(ts, &tr_exc_ValueError, "[digital envelope routines] memory limit exceeded");
    }
out:
    bytes_view_release(&pw);
    bytes_view_release(&salt);
    return res;
}

/* ---- compare_digest ------------------------------------------------------------ */

/* compare_digest(a, b, /): two ASCII strs or two bytes-like objects, compared
 * in time that depends only on the length of `b`. */
FUNC(hashlib_compare_digest) {
    if (tr_check_no_kwargs(ts, "compare_digest", kwnames) < 0 ||
        tr_check_nargs(ts, "compare_digest", nargs, 2, 2) < 0)
        return NULL;
    TrObject *x = args[0], *y = args[1];
    TrBytesView va = {0}, vb = {0};
    if (str_check(x) && str_check(y)) {
        if (str_length(x) != str_nbytes(x) || str_length(y) != str_nbytes(y))
            return err_format(ts, &tr_exc_TypeError, "comparing strings with non-ASCII characters is not supported");
        va.p = str_utf8(x), va.n = str_nbytes(x);
        vb.p = str_utf8(y), vb.n = str_nbytes(y);
    } else {
        int bx = bytes_check(x) || bytearray_check(x), by = bytes_check(y) || bytearray_check(y);
        if (!bx && !by)
            return err_format(ts, &tr_exc_TypeError,
                              "unsupported operand types(s) or combination of types: '%T' and '%T'", x, y);
        if (posargs_buffer(ts, x, &va) < 0) return NULL;
        if (posargs_buffer(ts, y, &vb) < 0) { bytes_view_release(&va); return NULL; }
    }
    /* always walk `b`; compare against itself when the lengths differ */
    const volatile unsigned char *left = (const unsigned char *)(va.n == vb.n ? va.p : vb.p);
    const volatile unsigned char *right = (const unsigned char *)vb.p;
    unsigned char acc = va.n == vb.n ? 0 : 1;
    for (size_t i = 0; i < vb.n; i++) acc |= left[i] ^ right[i];
    bytes_view_release(&va);
    bytes_view_release(&vb);
    return tr_bool(acc == 0);
}

/* ---- the module -------------------------------------------------------------- */

/* openssl_md_meth_names: every digest OpenSSL provides, by Python name. */
typedef struct Collect { TrThread *ts; TrObject *set; } Collect;

static void collect_md(EVP_MD *md, void *arg) {
    Collect *c = arg;
    char buf[64];
    const char *name = py_name_of(md, buf, sizeof buf);
    /* as CPython lists them: no MAC-only or placeholder digests */
    if (!strcmp(name, "null") || !strncmp(name, "keccak-kmac", 11)) return;
    TrObject *s = str_from_cstr(c->ts, name);
    if (!s || set_add(c->ts, c->set, s) < 0) err_clear(c->ts);   /* a name short is not fatal */
    tr_xdecref(s);
}

static int blake2_init(TrThread *ts, TrObject *module);   /* below, in the BLAKE2 part */

static const TrMethodDef hashlib_functions[] = {
    {"new", hashlib_new}, {"openssl_md5", openssl_md5}, {"openssl_sha1", openssl_sha1},
    {"openssl_sha224", openssl_sha224}, {"openssl_sha256", openssl_sha256}, {"openssl_sha384", openssl_sha384},
    {"openssl_sha512", openssl_sha512}, {"openssl_sha3_224", openssl_sha3_224},
    {"openssl_sha3_256", openssl_sha3_256}, {"openssl_sha3_384", openssl_sha3_384},
    {"openssl_sha3_512", openssl_sha3_512}, {"openssl_shake_128", openssl_shake_128},
    {"openssl_shake_256", openssl_shake_256}, {"pbkdf2_hmac", hashlib_pbkdf2_hmac}, {"scrypt", hashlib_scrypt},
    {"compare_digest", hashlib_compare_digest},
    {NULL, NULL},
};

TrObject *hashlib_module_init(TrThread *ts) {
    if (type_ready(ts, &hash_type) < 0 || type_ready(ts, &hashxof_type) < 0) return NULL;
    TrObject *m = module_new(ts, "_hashlib");
    if (!m) return NULL;
    TrObject *d = module_dict(m), *err = NULL, *names = NULL, *fs = NULL;
    if (module_add_functions(ts, m, hashlib_functions) < 0 ||
        dict_set_cstr(ts, d, "HASH", (TrObject *)&hash_type) < 0 ||
        dict_set_cstr(ts, d, "HASHXOF", (TrObject *)&hashxof_type) < 0 || blake2_init(ts, m) < 0)
        goto fail;
    if (!(names = set_new(ts))) goto fail;
    Collect col = {ts, names};
    EVP_MD_do_all_provided(NULL, collect_md, &col);
    fs = frozenset_from_iterable(ts, names);
    if (!fs || dict_set_cstr(ts, d, "openssl_md_meth_names", fs) < 0) goto fail;
    err = posargs_new_exception(ts, "_hashlib", "UnsupportedDigestmodError", &tr_exc_ValueError);
    if (!err || dict_set_cstr(ts, d, "UnsupportedDigestmodError", err) < 0) goto fail;
    tr_make_immortal(err);   /* lives as long as the (immortal) module; read without counting */
    /* release: pairs with the acquire in raise_unsupported */
    atomic_store_ptr_release(&unsupported_class, err);
    tr_decref(err);
    tr_decref(names);
    tr_decref(fs);
    return m;
fail:
    tr_xdecref(err);
    tr_xdecref(names);
    tr_xdecref(fs);
    tr_decref(m);
    return NULL;
}


/* ---- BLAKE2 (RFC 7693) ----------------------------------------------------------
 * blake2b works on 64-bit words in 128-byte blocks (12 rounds), blake2s on
 * 32-bit words in 64-byte blocks (10 rounds); both start from a parameter
 * block XORed into the IV.  The last block is held back in `buf` until
 * digest(), which finalises a copy, so the object can keep absorbing. */

static const uint8_t b2_sigma[12][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4}, {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13}, {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11}, {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5}, {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
};

static const uint64_t b2b_iv[8] = {
    0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
    0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
};
static const uint32_t b2s_iv[8] = {
    0x6a09e667U, 0xbb67ae85U, 0x3c6ef372U, 0xa54ff53aU, 0x510e527fU, 0x9b05688cU, 0x1f83d9abU, 0x5be0cd19U,
};

typedef struct B2State {
    uint64_t h[8];          /* blake2s uses the low 32 bits of each */
    uint64_t t[2];          /* bytes compressed so far (128-bit counter) */
    uint8_t buf[128];       /* pending input, at most one block */
    size_t buflen;
    int last_node;
} B2State;

static uint64_t rd64(const uint8_t *p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = v << 8 | p[i];
    return v;
}
static uint32_t rd32(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }
static uint64_t ror64(uint64_t x, int n) { return x >> n | x << (64 - n); }
static uint32_t ror32(uint32_t x, int n) { return x >> n | x << (32 - n); }

static void b2b_compress(B2State *s, const uint8_t *block, int final) {
    uint64_t m[16], v[16];
    for (int i = 0; i < 16; i++) m[i] = rd64(block + 8 * i);
    for (int i = 0; i < 8; i++) { v[i] = s->h[i]; v[i + 8] = b2b_iv[i]; }
    v[12] ^= s->t[0];
    v[13] ^= s->t[1];
    if (final) {
        v[14] = ~v[14];
        if (s->last_node) v[15] = ~v[15];
    }
#define B2B_G(a, b, c, d, x, y)                      \
    do {                                             \
        v[a] = v[a] + v[b] + (x); v[d] = ror64(v[d] ^ v[a], 32); \
        v[c] = v[c] + v[d]; v[b] = ror64(v[b] ^ v[c], 24);       \
        v[a] = v[a] + v[b] + (y); v[d] = ror64(v[d] ^ v[a], 16); \
        v[c] = v[c] + v[d]; v[b] = ror64(v[b] ^ v[c], 63);       \
    } while (0)
    for (int r = 0; r < 12; r++) {
        const uint8_t *sg = b2_sigma[r];
        B2B_G(0, 4, 8, 12, m[sg[0]], m[sg[1]]);
        B2B_G(1, 5, 9, 13, m[sg[2]], m[sg[3]]);
        B2B_G(2, 6, 10, 14, m[sg[4]], m[sg[5]]);
        B2B_G(3, 7, 11, 15, m[sg[6]], m[sg[7]]);
        B2B_G(0, 5, 10, 15, m[sg[8]], m[sg[9]]);
        B2B_G(1, 6, 11, 12, m[sg[10]], m[sg[11]]);
        B2B_G(2, 7, 8, 13, m[sg[12]], m[sg[13]]);
        B2B_G(3, 4, 9, 14, m[sg[14]], m[sg[15]]);
    }
#undef B2B_G
    for (int i = 0; i < 8; i++) s->h[i] ^= v[i] ^ v[i + 8];
}

static void b2s_compress(B2State *s, const uint8_t *block, int final) {
    uint32_t m[16], v[16];
    for (int i = 0; i < 16; i++) m[i] = rd32(block + 4 * i);
    for (int i = 0; i < 8; i++) { v[i] = (uint32_t)s->h[i]; v[i + 8] = b2s_iv[i]; }
    v[12] ^= (uint32_t)s->t[0];
    v[13] ^= (uint32_t)(s->t[0] >> 32);
    if (final) {
        v[14] = ~v[14];
        if (s->last_node) v[15] = ~v[15];
    }
#define B2S_G(a, b, c, d, x, y)                      \
    do {                                             \
        v[a] = v[a] + v[b] + (x); v[d] = ror32(v[d] ^ v[a], 16); \
        v[c] = v[c] + v[d]; v[b] = ror32(v[b] ^ v[c], 12);       \
        v[a] = v[a] + v[b] + (y); v[d] = ror32(v[d] ^ v[a], 8);  \
        v[c] = v[c] + v[d]; v[b] = ror32(v[b] ^ v[c], 7);        \
    } while (0)
    for (int r = 0; r < 10; r++) {
        const uint8_t *sg = b2_sigma[r];
        B2S_G(0, 4, 8, 12, m[sg[0]], m[sg[1]]);
        B2S_G(1, 5, 9, 13, m[sg[2]], m[sg[3]]);
        B2S_G(2, 6, 10, 14, m[sg[4]], m[sg[5]]);
        B2S_G(3, 7, 11, 15, m[sg[6]], m[sg[7]]);
        B2S_G(0, 5, 10, 15, m[sg[8]], m[sg[9]]);
        B2S_G(1, 6, 11, 12, m[sg[10]], m[sg[11]]);
        B2S_G(2, 7, 8, 13, m[sg[12]], m[sg[13]]);
        B2S_G(3, 4, 9, 14, m[sg[14]], m[sg[15]]);
    }
#undef B2S_G
    for (int i = 0; i < 8; i++) s->h[i] = (uint32_t)s->h[i] ^ v[i] ^ v[i + 8];
}

typedef struct Blake2Obj {
    TrObject ob_base;
    uint8_t lock;            /* TrMutex guarding `st` (see the file comment) */
    int is_b;                /* 1 blake2b, 0 blake2s; read-only */
    int digest_size;         /* read-only */
    B2State st;              /* guarded by `lock` */
} Blake2Obj;

static size_t b2_block(const Blake2Obj *o) { return o->is_b ? 128 : 64; }

static void b2_absorb(Blake2Obj *o, const uint8_t *p, size_t n) {
    B2State *s = &o->st;
    size_t bs = b2_block(o);
    while (n > 0) {
        if (s->buflen == bs) {   /* a full block and more input: it is not the last */
            s->t[0] += bs;
            if (s->t[0] < bs) s->t[1]++;
            if (o->is_b) b2b_compress(s, s->buf, 0);
            else b2s_compress(s, s->buf, 0);
            s->buflen = 0;
        }
        size_t k = bs - s->buflen < n ? bs - s->buflen : n;
        memcpy(s->buf + s->buflen, p, k);
        s->buflen += k;
        p += k;
        n -= k;
    }
}

/* The digest of a copy of `o`'s state into `out` (digest_size bytes). */
static void b2_final(TrThread *ts, Blake2Obj *o, uint8_t *out) {
    B2State s;
    hlock(ts, &o->lock);
    s = o->st;
    mutex_unlock(&o->lock);
    size_t bs = b2_block(o);
    s.t[0] += s.buflen;
    if (s.t[0] < s.buflen) s.t[1]++;
    memset(s.buf + s.buflen, 0, bs - s.buflen);
    if (o->is_b) b2b_compress(&s, s.buf, 1);
    else b2s_compress(&s, s.buf, 1);
    for (int i = 0; i < o->digest_size; i++)
        out[i] = o->is_b ? (uint8_t)(s.h[i / 8] >> (8 * (i % 8))) : (uint8_t)(s.h[i / 4] >> (8 * (i % 4)));
}

static TrType blake2b_type, blake2s_type;

/* Converts an unsigned argument: ValueError "value must be positive" for a
 * negative one, OverflowError "`what` is too large" past `max`. */
static int b2_unsigned(TrThread *ts, TrObject *o, uint64_t max, const char *what, uint64_t *out) {
    if (!int_check(o)) {
        err_format(ts, &tr_exc_TypeError, "'%T' object cannot be interpreted as an integer", o);
        return -1;
    }
    if (int_sign(o) < 0) { err_set(ts, &tr_exc_ValueError, "value must be positive"); return -1; }
    TrObject *lim = int_from_u64(ts, UINT64_MAX);
    if (!lim) return -1;
    int big = int_compare(o, lim) > 0;
    tr_decref(lim);
    if (big) { err_set(ts, &tr_exc_OverflowError, "int too big to convert"); return -1; }
    uint64_t v;
    int overflow = 0;
    int64_t sv = int_as_i64_overflow(o, &overflow);
    if (!overflow) v = (uint64_t)sv;
    else {   /* between 2**63 and 2**64 - 1: the low 62 bits, then the top two */
        TrObject *lo = tr_binop(ts, TR_BINOP_AND, o, tr_imm_from(INT64_C(0x3fffffffffffffff)));
        TrObject *hi = lo ? tr_binop(ts, TR_BINOP_RSHIFT, o, tr_imm_from(62)) : NULL;
        if (!hi) { tr_xdecref(lo); return -1; }
        v = (uint64_t)tr_imm_value(lo) | ((uint64_t)tr_imm_value(hi) << 62);
        tr_decref(lo);
        tr_decref(hi);
    }
    if (v > max) { err_format(ts, &tr_exc_OverflowError, "%s is too large", what); return -1; }
    *out = v;
    return 0;
}

/* blake2b/blake2s(data=b'', /, *, digest_size, key, salt, person, fanout,
 * depth, leaf_size, node_offset, node_depth, inner_size, last_node,
 * usedforsecurity) */
static TrObject *blake2_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"data", "digest_size", "key", "salt", "person", "fanout", "depth",
                                        "leaf_size", "node_offset", "node_depth", "inner_size", "last_node",
                                        "usedforsecurity"};
    int is_b = type == &blake2b_type;
    const char *fname = is_b ? "blake2b" : "blake2s";
    int maxd = is_b ? 64 : 32, maxsalt = is_b ? 16 : 8;
    TrObject *a[13];
    if (posargs_parse(ts, fname, args, nargs, kwnames, names, 1, 1, 0, 12, a) < 0) return NULL;
    int digest_size = maxd, fanout = 1, depth = 1, node_depth = 0, inner_size = 0, last_node = 0;
    uint64_t leaf_size = 0, node_offset = 0;
    TrBytesView key = {0}, salt = {0}, person = {0};
    TrObject *res = NULL;
    if (a[1] && posargs_int(ts, a[1], &digest_size) < 0) return NULL;
    if (a[2] && posargs_buffer(ts, a[2], &key) < 0) return NULL;
    if (a[3] && posargs_buffer(ts, a[3], &salt) < 0) goto out;
    if (a[4] && posargs_buffer(ts, a[4], &person) < 0) goto out;
    if (a[5] && posargs_int(ts, a[5], &fanout) < 0) goto out;
    if (a[6] && posargs_int(ts, a[6], &depth) < 0) goto out;
    if (a[7] && b2_unsigned(ts, a[7], UINT64_MAX, "leaf_size", &leaf_size) < 0) goto out;
    if (a[8] && b2_unsigned(ts, a[8], UINT64_MAX, "node_offset", &node_offset) < 0) goto out;
    if (a[9] && posargs_int(ts, a[9], &node_depth) < 0) goto out;
    if (a[10] && posargs_int(ts, a[10], &inner_size) < 0) goto out;
    if (a[11] && (last_node = tr_is_true(ts, a[11])) < 0) goto out;
    if (a[12] && tr_is_true(ts, a[12]) < 0) goto out;
    if (digest_size < 1 || digest_size > maxd) {
        err_format(ts, &tr_exc_ValueError, "digest_size must be between 1 and %d bytes", maxd);
        goto out;
    }
    if (salt.n > (size_t)maxsalt) { err_format(ts, &tr_exc_ValueError, "maximum salt length is %d bytes", maxsalt); goto out; }
    if (person.n > (size_t)maxsalt) { err_format(ts, &tr_exc_ValueError, "maximum person length is %d bytes", maxsalt); goto out; }
    if (fanout < 0 || fanout > 255) { err_set(ts, &tr_exc_ValueError, "fanout must be between 0 and 255"); goto out; }
    if (depth <= 0 || depth > 255) { err_set(ts, &tr_exc_ValueError, "depth must be between 1 and 255"); goto out; }
    if (leaf_size > 0xffffffffULL) { err_set(ts, &tr_exc_OverflowError, "leaf_size is too large"); goto out; }
    if (!is_b && node_offset > 0xffffffffffffULL) { err_set(ts, &tr_exc_OverflowError, "node_offset is too large"); goto out; }
    if (node_depth < 0 || node_depth > 255) { err_set(ts, &tr_exc_ValueError, "node_depth must be between 0 and 255"); goto out; }
    if (inner_size < 0 || inner_size > maxd) {
        err_format(ts, &tr_exc_ValueError, "inner_size must be between 0 and is %d", maxd);
        goto out;
    }
    if (key.n > (size_t)maxd) { err_format(ts, &tr_exc_ValueError, "maximum key length is %d bytes", maxd); goto out; }
    TrBytesView data = {0};
    if (a[0] && data_arg(ts, a[0], &data) < 0) goto out;
    Blake2Obj *o = (Blake2Obj *)tr_alloc(ts, type);
    if (!o) { bytes_view_release(&data); goto out; }
    o->is_b = is_b;
    o->digest_size = digest_size;
    o->st.last_node = last_node;
    /* the parameter block, little-endian fields */
    uint8_t pb[64];
    memset(pb, 0, sizeof pb);
    pb[0] = (uint8_t)digest_size;
    pb[1] = (uint8_t)key.n;
    pb[2] = (uint8_t)fanout;
    pb[3] = (uint8_t)depth;
    for (int i = 0; i < 4; i++) pb[4 + i] = (uint8_t)(leaf_size >> (8 * i));
    if (is_b) {
        for (int i = 0; i < 8; i++) pb[8 + i] = (uint8_t)(node_offset >> (8 * i));
        pb[16] = (uint8_t)node_depth;
        pb[17] = (uint8_t)inner_size;
        memcpy(pb + 32, salt.p, salt.n);
        memcpy(pb + 48, person.p, person.n);
        for (int i = 0; i < 8; i++) o->st.h[i] = b2b_iv[i] ^ rd64(pb + 8 * i);
    } else {
        for (int i = 0; i < 6; i++) pb[8 + i] = (uint8_t)(node_offset >> (8 * i));
        pb[14] = (uint8_t)node_depth;
        pb[15] = (uint8_t)inner_size;
        memcpy(pb + 16, salt.p, salt.n);
        memcpy(pb + 24, person.p, person.n);
        for (int i = 0; i < 8; i++) o->st.h[i] = b2s_iv[i] ^ rd32(pb + 4 * i);
    }
    if (key.n) {   /* the key, zero-padded to a block, is the first block */
        uint8_t kb[128];
        memset(kb, 0, sizeof kb);
        memcpy(kb, key.p, key.n);
        b2_absorb(o, kb, b2_block(o));
    }
    if (data.n) b2_absorb(o, (const uint8_t *)data.p, data.n);
    bytes_view_release(&data);
    res = (TrObject *)o;
out:
    bytes_view_release(&key);
    bytes_view_release(&salt);
    bytes_view_release(&person);
    return res;
}

#define BSELF ((Blake2Obj *)self)

FUNC(blake2_update) {
    if (tr_check_args(ts, BSELF->is_b ? "blake2b.update" : "blake2s.update", nargs, kwnames, 1, 1) < 0) return NULL;
    TrBytesView v;
    if (data_arg(ts, args[0], &v) < 0) return NULL;
    Blake2Obj *o = BSELF;
    hlock(ts, &o->lock);
    if (v.n >= DETACH_MIN) {
        gil_release_for_blocking(ts);
        b2_absorb(o, (const uint8_t *)v.p, v.n);
        gil_reacquire_after_blocking(ts);
    } else {
        b2_absorb(o, (const uint8_t *)v.p, v.n);
    }
    mutex_unlock(&o->lock);
    bytes_view_release(&v);
    return tr_none;
}

FUNC(blake2_digest) {
    if (tr_check_args(ts, BSELF->is_b ? "blake2b.digest" : "blake2s.digest", nargs, kwnames, 0, 0) < 0) return NULL;
    uint8_t out[64];
    b2_final(ts, BSELF, out);
    return bytes_from(ts, (const char *)out, (size_t)BSELF->digest_size);
}

FUNC(blake2_hexdigest) {
    if (tr_check_args(ts, BSELF->is_b ? "blake2b.hexdigest" : "blake2s.hexdigest", nargs, kwnames, 0, 0) < 0)
        return NULL;
    uint8_t out[64];
    b2_final(ts, BSELF, out);
    return hex_of(ts, out, (size_t)BSELF->digest_size);
}

FUNC(blake2_copy) {
    if (tr_check_args(ts, BSELF->is_b ? "blake2b.copy" : "blake2s.copy", nargs, kwnames, 0, 0) < 0) return NULL;
    Blake2Obj *o = BSELF;
    Blake2Obj *c = (Blake2Obj *)tr_alloc(ts, tr_type(self));
    if (!c) return NULL;
    c->is_b = o->is_b;
    c->digest_size = o->digest_size;
    hlock(ts, &o->lock);
    c->st = o->st;
    mutex_unlock(&o->lock);
    return (TrObject *)c;
}

static TrObject *blake2_getattr(TrThread *ts, TrObject *self, TrObject *name) {
    Blake2Obj *o = BSELF;
    if (str_equal_cstr(name, "name")) return str_from_cstr(ts, o->is_b ? "blake2b" : "blake2s");
    if (str_equal_cstr(name, "digest_size")) return tr_imm_from(o->digest_size);
    if (str_equal_cstr(name, "block_size")) return tr_imm_from((int64_t)b2_block(o));
    return tr_generic_getattr(ts, self, name);
}

static void blake2_dealloc(TrThread *ts, TrObject *o) { tr_free(o); }

static TrObject *blake2_repr(TrThread *ts, TrObject *o) {
    return str_format(ts, "<%s object at %p>", tr_type_name(o), (void *)o);
}

static const TrMethodDef blake2_methods[] = {
    {"update", blake2_update}, {"digest", blake2_digest}, {"hexdigest", blake2_hexdigest}, {"copy", blake2_copy},
    {NULL, NULL},
};

static TrType blake2b_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "_blake2.blake2b",
    .basicsize = sizeof(Blake2Obj),
    .dealloc = blake2_dealloc,
    .repr = blake2_repr,
    .new_ = blake2_new,
    .getattr = blake2_getattr,
    .setattr = readonly_setattr,
    .methods = blake2_methods,
};

static TrType blake2s_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "_blake2.blake2s",
    .basicsize = sizeof(Blake2Obj),
    .dealloc = blake2_dealloc,
    .repr = blake2_repr,
    .new_ = blake2_new,
    .getattr = blake2_getattr,
    .setattr = readonly_setattr,
    .methods = blake2_methods,
};

/* Readies the two types, gives them CPython's size constants and adds them
 * to `module`.  -1 on error. */
static int blake2_init(TrThread *ts, TrObject *module) {
    TrType *types[2] = {&blake2b_type, &blake2s_type};
    for (int i = 0; i < 2; i++) {
        TrType *t = types[i];
        int b = t == &blake2b_type;
        if (type_ready(ts, t) < 0) return -1;
        if (dict_set_cstr(ts, t->dict, "SALT_SIZE", tr_imm_from(b ? 16 : 8)) < 0 ||
            dict_set_cstr(ts, t->dict, "PERSON_SIZE", tr_imm_from(b ? 16 : 8)) < 0 ||
            dict_set_cstr(ts, t->dict, "MAX_KEY_SIZE", tr_imm_from(b ? 64 : 32)) < 0 ||
            dict_set_cstr(ts, t->dict, "MAX_DIGEST_SIZE", tr_imm_from(b ? 64 : 32)) < 0 ||
            dict_set_cstr(ts, module_dict(module), b ? "blake2b" : "blake2s", (TrObject *)t) < 0)
            return -1;
    }
    return 0;
}
