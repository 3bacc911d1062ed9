/* stdlib/random.c: the random module: the Mersenne Twister MT19937 with
 * CPython's seeding and CPython's algorithms on top of it, so a seeded
 * sequence is the same as CPython 3.13's for every function here.
 *
 * `random.Random` is a builtin type holding one generator; the module-level
 * functions are the bound methods of one shared instance, as in CPython.
 * Threads: `mt`, `mti`, `gauss_next` and `has_gauss` are read and written
 * only inside the instance's critical section (TR_BEGIN_CRITICAL), which
 * is never held while Python code runs (sequence indexing, __index__ and
 * comparisons happen outside it), so concurrent callers never corrupt the
 * state; each draw of 32 bits is atomic, a whole call is not.
 * Lock order: only the generator's own lock; nothing else is taken inside. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "torii/torii.h"
#include "stdlib/stdlib.h"

#define MT_N 624
#define MT_M 397

typedef struct TrRandom {
    TrObject ob_base;
    uint32_t mt[MT_N];     /* guarded by the object's lock */
    int mti;               /* guarded by the object's lock */
    int has_gauss;         /* guarded by the object's lock */
    double gauss_next;     /* guarded by the object's lock */
} TrRandom;

static TrType tr_random_type;

/* ---- the generator (caller holds the lock) ---- */

static void init_genrand(TrRandom *r, uint32_t s) {
    r->mt[0] = s;
    for (int i = 1; i < MT_N; i++)
        r->mt[i] = 1812433253U * (r->mt[i - 1] ^ (r->mt[i - 1] >> 30)) + (uint32_t)i;
    r->mti = MT_N;
}

static void init_by_array(TrRandom *r, const uint32_t *key, size_t len) {
    init_genrand(r, 19650218U);
    size_t i = 1, j = 0;
    for (size_t k = MT_N > len ? MT_N : len; k; k--) {
        r->mt[i] = (r->mt[i] ^ ((r->mt[i - 1] ^ (r->mt[i - 1] >> 30)) * 1664525U)) + key[j] + (uint32_t)j;
        i++, j++;
        if (i >= MT_N) { r->mt[0] = r->mt[MT_N - 1]; i = 1; }
        if (j >= len) j = 0;
    }
    for (size_t k = MT_N - 1; k; k--) {
        r->mt[i] = (r->mt[i] ^ ((r->mt[i - 1] ^ (r->mt[i - 1] >> 30)) * 1566083941U)) - (uint32_t)i;
        i++;
        if (i >= MT_N) { r->mt[0] = r->mt[MT_N - 1]; i = 1; }
    }
    r->mt[0] = 0x80000000U;
}

static uint32_t genrand(TrRandom *r) {
    static const uint32_t mag01[2] = {0, 0x9908b0dfU};
    uint32_t y;
    if (r->mti >= MT_N) {
        int kk;
        for (kk = 0; kk < MT_N - MT_M; kk++) {
            y = (r->mt[kk] & 0x80000000U) | (r->mt[kk + 1] & 0x7fffffffU);
            r->mt[kk] = r->mt[kk + MT_M] ^ (y >> 1) ^ mag01[y & 1];
        }
        for (; kk < MT_N - 1; kk++) {
            y = (r->mt[kk] & 0x80000000U) | (r->mt[kk + 1] & 0x7fffffffU);
            r->mt[kk] = r->mt[kk + (MT_M - MT_N)] ^ (y >> 1) ^ mag01[y & 1];
        }
        y = (r->mt[MT_N - 1] & 0x80000000U) | (r->mt[0] & 0x7fffffffU);
        r->mt[MT_N - 1] = r->mt[MT_M - 1] ^ (y >> 1) ^ mag01[y & 1];
        r->mti = 0;
    }
    y = r->mt[r->mti++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= y >> 18;
    return y;
}

static double genrand_double(TrRandom *r) {
    uint32_t a = genrand(r) >> 5, b = genrand(r) >> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

/* getrandbits(k) for 0 < k <= 64, as CPython builds it from 32-bit words. */
static uint64_t genrand_bits64(TrRandom *r, int k) {
    if (k <= 32) return genrand(r) >> (32 - k);
    uint64_t lo = genrand(r);
    uint64_t hi = genrand(r) >> (64 - k);
    return lo | (hi << 32);
}

/* ---- locked entry points ---- */

static double rnd_double(TrThread *ts, TrRandom *r) {
    double d;
    TR_BEGIN_CRITICAL(ts, r);
    d = genrand_double(r);
    TR_END_CRITICAL(ts);
    return d;
}

static void rnd_seed_words(TrThread *ts, TrRandom *r, const uint32_t *key, size_t len) {
    TR_BEGIN_CRITICAL(ts, r);
    init_by_array(r, key, len);
    r->has_gauss = 0;
    TR_END_CRITICAL(ts);
}

/* ---- int helpers ---- */

/* A nonnegative int as little-endian 32-bit words (at least one word; no
 * high zero words beyond the first).  *out is malloc'ed.  -1 on error. */
static int int_words(TrThread *ts, TrObject *n, uint32_t **out, size_t *len) {
    if (tr_is_imm(n)) {
        uint64_t v = (uint64_t)tr_imm_value(n);
        uint32_t *w = malloc(2 * sizeof *w);
        if (!w) { err_nomemory(ts); return -1; }
        w[0] = (uint32_t)v;
        w[1] = (uint32_t)(v >> 32);
        *out = w;
        *len = w[1] ? 2 : 1;
        return 0;
    }
    TrObject *spec = str_from_cstr(ts, "x");
    if (!spec) return -1;
    TrObject *hex = tr_format(ts, n, spec);
    tr_decref(spec);
    if (!hex) return -1;
    const char *s = str_utf8(hex);
    size_t nd = str_nbytes(hex);
    size_t nw = (nd + 7) / 8;
    uint32_t *w = calloc(nw ? nw : 1, sizeof *w);
    if (!w) { tr_decref(hex); err_nomemory(ts); return -1; }
    for (size_t i = 0; i < nd; i++) {
        char c = s[nd - 1 - i];
        uint32_t d = (uint32_t)(c <= '9' ? c - '0' : c - 'a' + 10);
        w[i / 8] |= d << (4 * (i % 8));
    }
    tr_decref(hex);
    while (nw > 1 && w[nw - 1] == 0) nw--;
    *out = w;
    *len = nw ? nw : 1;
    return 0;
}

static int bitlen64(uint64_t v) {
    int b = 0;
    while (v) { b++; v >>= 1; }
    return b;
}

/* n.bit_length() of a nonnegative int; -1 on error. */
static int64_t int_bitlen(TrThread *ts, TrObject *n) {
    if (tr_is_imm(n)) return bitlen64((uint64_t)tr_imm_value(n));
    uint32_t *w;
    size_t len;
    if (int_words(ts, n, &w, &len) < 0) return -1;
    int64_t b = (int64_t)(len - 1) * 32 + bitlen64(w[len - 1]);
    free(w);
    return b;
}

/* getrandbits(k) as an int; new reference. */
static TrObject *rnd_getrandbits(TrThread *ts, TrRandom *r, int64_t k) {
    if (k == 0) return tr_imm_from(0);
    if (k <= 64) {
        uint64_t v;
        TR_BEGIN_CRITICAL(ts, r);
        v = genrand_bits64(r, (int)k);
        TR_END_CRITICAL(ts);
        return int_from_u64(ts, v);
    }
    size_t nw = (size_t)((k - 1) / 32 + 1);
    uint32_t *w = malloc(nw * sizeof *w);
    char *hex = malloc(nw * 8 + 1);
    if (!w || !hex) { free(w); free(hex); return err_nomemory(ts); }
    TR_BEGIN_CRITICAL(ts, r);
    int64_t left = k;
    for (size_t i = 0; i < nw; i++, left -= 32) {
        uint32_t x = genrand(r);
        if (left < 32) x >>= (32 - left);
        w[i] = x;
    }
    TR_END_CRITICAL(ts);
    for (size_t i = 0; i < nw; i++) {
        static const char digits[] = "0123456789abcdef";
        uint32_t x = w[nw - 1 - i];
        for (int d = 0; d < 8; d++) hex[i * 8 + d] = digits[(x >> (28 - 4 * d)) & 15];
    }
    TrObject *res = int_from_string(ts, hex, nw * 8, 16);
    free(w);
    free(hex);
    return res;
}

/* _randbelow_with_getrandbits(n) for an int n > 0; new reference. */
static TrObject *rnd_below(TrThread *ts, TrRandom *r, TrObject *n) {
    if (tr_is_imm(n)) {
        uint64_t v = (uint64_t)tr_imm_value(n), x;
        int k = bitlen64(v);
        TR_BEGIN_CRITICAL(ts, r);
        do x = genrand_bits64(r, k); while (x >= v);
        TR_END_CRITICAL(ts);
        return int_from_u64(ts, x);
    }
    int64_t k = int_bitlen(ts, n);
    if (k < 0) return NULL;
    for (;;) {
        TrObject *x = rnd_getrandbits(ts, r, k);
        if (!x || int_compare(x, n) < 0) return x;
        tr_decref(x);
    }
}

static TrObject *below_size(TrThread *ts, TrRandom *r, size_t n, size_t *out) {
    TrObject *j = rnd_below(ts, r, tr_imm_from((int64_t)n));
    if (j) *out = (size_t)tr_imm_value(j);
    return j;
}

/* operator.index(o): a new int reference, TypeError otherwise. */
static TrObject *index_of(TrThread *ts, TrObject *o) {
    if (int_check(o)) return int_binop(ts, TR_BINOP_ADD, o, tr_imm_from(0));   /* bool -> int */
    TrType *t = tr_type(o);
    if (t->number && t->number->index) return t->number->index(ts, o);
    return err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer", type_qualname(t));
}

/* A float argument with a default. */
static int real_or(TrThread *ts, TrObject *o, double dflt, double *out) {
    if (!o) { *out = dflt; return 0; }
    double d = float_as_double(ts, o);
    if (d == -1.0 && err_occurred(ts)) return -1;
    *out = d;
    return 0;
}

/* ---- SHA-512 (for str seeds) ---- */

static const uint64_t sha_k[80] = {
    0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
    0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
    0xd807aa98a3030242ULL, 0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
    0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
    0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
    0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
    0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
    0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL, 0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
    0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
    0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
    0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
    0xd192e819d6ef5218ULL, 0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
    0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
    0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
    0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
    0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
    0xca273eceea26619cULL, 0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
    0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
    0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
    0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL,
};

static const uint64_t sha_h0[8] = {0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL, 0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL};

#define ROR64(x, n) (((x) >> (n)) | ((x) << (64 - (n))))

static void sha512_block(uint64_t h[8], const unsigned char *p) {
    uint64_t w[80];
    for (int i = 0; i < 16; i++) {
        uint64_t v = 0;
        for (int j = 0; j < 8; j++) v = (v << 8) | p[i * 8 + j];
        w[i] = v;
    }
    for (int i = 16; i < 80; i++) {
        uint64_t s0 = ROR64(w[i - 15], 1) ^ ROR64(w[i - 15], 8) ^ (w[i - 15] >> 7);
        uint64_t s1 = ROR64(w[i - 2], 19) ^ ROR64(w[i - 2], 61) ^ (w[i - 2] >> 6);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint64_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 80; i++) {
        uint64_t S1 = ROR64(e, 14) ^ ROR64(e, 18) ^ ROR64(e, 41);
        uint64_t ch = (e & f) ^ (~e & g);
        uint64_t t1 = hh + S1 + ch + sha_k[i] + w[i];
        uint64_t S0 = ROR64(a, 28) ^ ROR64(a, 34) ^ ROR64(a, 39);
        uint64_t maj = (a & b) ^ (a & c) ^ (b & c);
        uint64_t t2 = S0 + maj;
        hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

static void sha512(const unsigned char *msg, size_t len, unsigned char out[64]) {
    uint64_t h[8];
    memcpy(h, sha_h0, sizeof h);
    size_t full = len / 128 * 128;
    for (size_t i = 0; i < full; i += 128) sha512_block(h, msg + i);
    unsigned char tail[256] = {0};
    size_t rest = len - full;
    memcpy(tail, msg + full, rest);
    tail[rest] = 0x80;
    size_t tl = rest + 1 + 16 <= 128 ? 128 : 256;
    uint64_t bits = (uint64_t)len * 8;
    for (int i = 0; i < 8; i++) tail[tl - 1 - i] = (unsigned char)(bits >> (8 * i));
    sha512_block(h, tail);
    if (tl == 256) sha512_block(h, tail + 128);
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++) out[i * 8 + j] = (unsigned char)(h[i] >> (56 - 8 * j));
}

/* ---- seeding ---- */

static int seed_from_urandom(TrThread *ts, TrRandom *r) {
    uint32_t key[MT_N];
    size_t got = 0;
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        while (got < sizeof key) {
            ssize_t n = read(fd, (char *)key + got, sizeof key - got);
            if (n <= 0) { if (n < 0 && errno == EINTR) continue; break; }
            got += (size_t)n;
        }
        close(fd);
    }
    if (got < sizeof key) {
        /* no urandom: fall back to time and address mixing, as CPython does */
        uint64_t t = (uint64_t)time(NULL) ^ (uint64_t)(uintptr_t)r ^ ((uint64_t)getpid() << 32);
        for (size_t i = 0; i < MT_N; i++) { t = t * 6364136223846793005ULL + 1442695040888963407ULL; key[i] = (uint32_t)(t >> 32); }
    }
    rnd_seed_words(ts, r, key, MT_N);
    return 0;
}

/* Random.seed(a, version) as CPython 3.13 (str seeds: version 2 uses
 * sha512; version 1 the old string hash).  0 or -1. */
static int do_seed(TrThread *ts, TrRandom *r, TrObject *a, TrObject *version) {
    int64_t ver = 2;
    if (version && int_check(version)) {
        int ovf = 0;
        ver = int_as_i64_overflow(version, &ovf);
        if (ovf) ver = 0;
    } else if (version && float_check(version)) {
        ver = float_value(version) == 1.0 ? 1 : float_value(version) == 2.0 ? 2 : 0;
    } else if (version) {
        ver = 0;
    }
    if (!a || a == tr_none) return seed_from_urandom(ts, r);
    if (str_check(a) && ver == 1) {
        /* the old hash over code points */
        const unsigned char *s = (const unsigned char *)str_utf8(a);
        size_t n = str_nbytes(a), len = str_length(a);
        uint64_t x = 0;
        int first = 1;
        for (size_t i = 0; i < n;) {
            uint32_t c = s[i];
            int extra = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
            if (extra) c &= 0x3F >> extra;
            for (int e = 1; e <= extra; e++) c = (c << 6) | (s[i + e] & 0x3F);
            i += 1 + extra;
            if (first) { x = (uint64_t)c << 7; first = 0; }
            x = (1000003ULL * x) ^ c;
        }
        x ^= len;
        uint32_t key[2] = {(uint32_t)x, (uint32_t)(x >> 32)};
        rnd_seed_words(ts, r, key, key[1] ? 2 : 1);
        return 0;
    }
    if (str_check(a) && ver == 2) {
        size_t n = str_nbytes(a);
        unsigned char *buf = malloc(n + 64);
        if (!buf) { err_nomemory(ts); return -1; }
        memcpy(buf, str_utf8(a), n);
        sha512(buf, n, buf + n);
        /* int.from_bytes(buf) (big-endian) as little-endian words */
        size_t total = n + 64, nw = (total + 3) / 4;
        uint32_t *w = calloc(nw, sizeof *w);
        if (!w) { free(buf); err_nomemory(ts); return -1; }
        for (size_t i = 0; i < total; i++) w[i / 4] |= (uint32_t)buf[total - 1 - i] << (8 * (i % 4));
        free(buf);
        while (nw > 1 && w[nw - 1] == 0) nw--;
        rnd_seed_words(ts, r, w, nw);
        free(w);
        return 0;
    }
    TrObject *n;
    if (int_check(a)) {
        n = tr_abs(ts, a);
        if (!n) return -1;
    } else if (float_check(a) || str_check(a)) {
        int64_t h = tr_hash(ts, a);
        if (h == -1 && err_occurred(ts)) return -1;
        n = int_from_u64(ts, (uint64_t)h);
        if (!n) return -1;
    } else {
        err_set(ts, &tr_exc_TypeError, "The only supported seed types are:\nNone, int, float, str, bytes, and bytearray.");
        return -1;
    }
    uint32_t *w;
    size_t len;
    int rc = int_words(ts, n, &w, &len);
    tr_decref(n);
    if (rc < 0) return -1;
    rnd_seed_words(ts, r, w, len);
    free(w);
    return 0;
}

/* ---- methods ---- */

#define SELF ((TrRandom *)self)
#define METHOD(name) static TrObject *name(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames)

METHOD(random_seed) {
    static const char *const names[] = {"a", "version"};
    TrObject *a[2];
    if (args_parse(ts, "Random.seed", args, nargs, kwnames, names, 2, 0, 0, 1, a) < 0) return NULL;
    if (do_seed(ts, SELF, a[0], a[1]) < 0) return NULL;
    return tr_none;
}

METHOD(random_random) {
    if (tr_check_args(ts, "Random.random", nargs, kwnames, 0, 0) < 0) return NULL;
    return float_new(ts, rnd_double(ts, SELF));
}

METHOD(random_getrandbits) {
    if (tr_check_args(ts, "Random.getrandbits", nargs, kwnames, 1, 1) < 0) return NULL;
    int64_t k;
    if (!int_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer", tr_type_name(args[0]));
    if (tr_index_i64(ts, args[0], &k) < 0) return NULL;
    if (k < 0) return err_format(ts, &tr_exc_ValueError, "number of bits must be non-negative");
    return rnd_getrandbits(ts, SELF, k);
}

/* randrange(start, stop, step) with the original objects for messages. */
static TrObject *randrange(TrThread *ts, TrRandom *r, TrObject *start, TrObject *stop, TrObject *step) {
    TrObject *istart = index_of(ts, start), *istop = NULL, *istep = NULL, *width = NULL, *n = NULL, *res = NULL;
    if (!istart) return NULL;
    if (!stop || stop == tr_none) {
        if (step && !(tr_is_imm(step) && tr_imm_value(step) == 1)) {
            err_set(ts, &tr_exc_TypeError, "Missing a non-None stop argument");
            goto done;
        }
        if (int_sign(istart) > 0) res = rnd_below(ts, r, istart);
        else err_set(ts, &tr_exc_ValueError, "empty range for randrange()");
        goto done;
    }
    if (!(istop = index_of(ts, stop))) goto done;
    if (!(width = int_binop(ts, TR_BINOP_SUB, istop, istart))) goto done;
    if (!(istep = step ? index_of(ts, step) : tr_imm_from(1))) goto done;
    if (tr_is_imm(istep) && tr_imm_value(istep) == 1) {
        if (int_sign(width) > 0) {
            TrObject *j = rnd_below(ts, r, width);
            if (j) { res = int_binop(ts, TR_BINOP_ADD, istart, j); tr_decref(j); }
        } else {
            err_format(ts, &tr_exc_ValueError, "empty range in randrange(%S, %S)", start, stop);
        }
        goto done;
    }
    int sg = int_sign(istep);
    if (sg == 0) { err_set(ts, &tr_exc_ValueError, "zero step for randrange()"); goto done; }
    TrObject *t = int_binop(ts, TR_BINOP_ADD, width, istep);
    if (!t) goto done;
    TrObject *t2 = int_binop(ts, sg > 0 ? TR_BINOP_SUB : TR_BINOP_ADD, t, tr_imm_from(1));
    tr_decref(t);
    if (!t2) goto done;
    n = int_binop(ts, TR_BINOP_FLOORDIV, t2, istep);
    tr_decref(t2);
    if (!n) goto done;
    if (int_sign(n) <= 0) {
        err_format(ts, &tr_exc_ValueError, "empty range in randrange(%S, %S, %S)", start, stop, step);
        goto done;
    }
    TrObject *j = rnd_below(ts, r, n);
    if (!j) goto done;
    TrObject *off = int_binop(ts, TR_BINOP_MUL, istep, j);
    tr_decref(j);
    if (!off) goto done;
    res = int_binop(ts, TR_BINOP_ADD, istart, off);
    tr_decref(off);
done:
    tr_xdecref(istart);
    tr_xdecref(istop);
    tr_xdecref(istep);
    tr_xdecref(width);
    tr_xdecref(n);
    return res;
}

METHOD(random_randrange) {
    static const char *const names[] = {"start", "stop", "step"};
    TrObject *a[3];
    if (args_parse(ts, "Random.randrange", args, nargs, kwnames, names, 3, 1, 0, 1, a) < 0) return NULL;
    return randrange(ts, SELF, a[0], a[1], a[2]);
}

METHOD(random_randint) {
    static const char *const names[] = {"a", "b"};
    TrObject *a[2];
    if (args_parse(ts, "Random.randint", args, nargs, kwnames, names, 2, 2, 0, 1, a) < 0) return NULL;
    TrObject *b1 = tr_binop(ts, TR_BINOP_ADD, a[1], tr_imm_from(1));
    if (!b1) return NULL;
    TrObject *res = randrange(ts, SELF, a[0], b1, NULL);
    tr_decref(b1);
    return res;
}

METHOD(random_choice) {
    static const char *const names[] = {"seq"};
    TrObject *a[1];
    if (args_parse(ts, "Random.choice", args, nargs, kwnames, names, 1, 1, 0, 1, a) < 0) return NULL;
    ssize_t n = tr_len(ts, a[0]);
    if (n < 0) return NULL;
    if (n == 0) return err_format(ts, &tr_exc_IndexError, "Cannot choose from an empty sequence");
    size_t j;
    TrObject *jo = below_size(ts, SELF, (size_t)n, &j);
    if (!jo) return NULL;
    return tr_getitem(ts, a[0], jo);
}

METHOD(random_shuffle) {
    static const char *const names[] = {"x"};
    TrObject *a[1];
    if (args_parse(ts, "Random.shuffle", args, nargs, kwnames, names, 1, 1, 0, 1, a) < 0) return NULL;
    TrObject *x = a[0];
    ssize_t n = tr_len(ts, x);
    if (n < 0) return NULL;
    for (ssize_t i = n - 1; i >= 1; i--) {
        size_t j;
        TrObject *jo = below_size(ts, SELF, (size_t)i + 1, &j);
        if (!jo) return NULL;
        TrObject *io = tr_imm_from(i);
        TrObject *xj = tr_getitem(ts, x, jo);
        if (!xj) return NULL;
        TrObject *xi = tr_getitem(ts, x, io);
        if (!xi) { tr_decref(xj); return NULL; }
        int rc = tr_setitem(ts, x, io, xj);
        if (rc == 0) rc = tr_setitem(ts, x, jo, xi);
        tr_decref(xi);
        tr_decref(xj);
        if (rc < 0) return NULL;
    }
    return tr_none;
}

static int is_sequence(TrObject *o) {
    return list_check(o) || tuple_check(o) || str_check(o) || tr_isinstance(o, &tr_range_type);
}

METHOD(random_sample) {
    static const char *const names[] = {"population", "k", "counts"};
    TrObject *a[3];
    if (args_parse(ts, "Random.sample", args, nargs, kwnames, names, 2, 2, 1, 1, a) < 0) return NULL;
    TrObject *pop = a[0];
    if (!is_sequence(pop))
        return err_format(ts, &tr_exc_TypeError, "Population must be a sequence.  For dicts or sets, use sorted(d).");
    if (a[2] && a[2] != tr_none)
        return err_format(ts, &tr_exc_NotImplementedError, "torii: sample() with counts is not supported");
    ssize_t n = tr_len(ts, pop);
    if (n < 0) return NULL;
    int64_t k;
    if (!int_check(a[1])) {
        TrObject *ko = index_of(ts, a[1]);
        if (!ko) return NULL;
        tr_decref(ko);
    }
    TrObject *zero = tr_imm_from(0);
    if (int_compare(a[1], zero) < 0 || int_compare(a[1], tr_imm_from(n)) > 0)
        return err_format(ts, &tr_exc_ValueError, "Sample larger than population or is negative");
    if (tr_index_i64(ts, a[1], &k) < 0) return NULL;
    TrObject *result = list_new(ts, (size_t)k);
    if (!result) return NULL;
    int64_t setsize = 21;
    if (k > 5) setsize += (int64_t)pow(4.0, ceil(log((double)(k * 3)) / log(4.0)));
    if (n <= setsize) {
        TrObject *pool = list_from_iterable(ts, pop);
        if (!pool) goto fail;
        for (int64_t i = 0; i < k; i++) {
            size_t j;
            TrObject *jo = below_size(ts, SELF, (size_t)(n - i), &j);
            TrObject *item = jo ? list_get(ts, pool, (ssize_t)j) : NULL;
            TrObject *last = item ? list_get(ts, pool, (ssize_t)(n - i - 1)) : NULL;
            int rc = last ? list_set(ts, pool, (ssize_t)j, last) : -1;
            tr_xdecref(last);
            if (rc < 0 || list_append_take(ts, result, item) < 0) { if (rc < 0) tr_xdecref(item); tr_decref(pool); goto fail; }
        }
        tr_decref(pool);
    } else {
        /* the selected indexes: an open-addressing set of j + 1 (0 = empty), at most half full */
        size_t cap = 16;
        while (cap < (size_t)k * 2) cap *= 2;
        uint64_t *selected = calloc(cap, sizeof *selected);
        if (!selected) { err_nomemory(ts); goto fail; }
        for (int64_t i = 0; i < k; i++) {
            size_t j, slot;
            TrObject *jo;
            for (;;) {
                jo = below_size(ts, SELF, (size_t)n, &j);
                if (!jo) { free(selected); goto fail; }
                slot = (size_t)((j + 1) * 0x9E3779B97F4A7C15ULL >> 20) & (cap - 1);
                while (selected[slot] && selected[slot] != j + 1) slot = (slot + 1) & (cap - 1);
                if (!selected[slot]) break;
            }
            selected[slot] = j + 1;
            TrObject *item = tr_getitem(ts, pop, jo);
            if (!item || list_append_take(ts, result, item) < 0) { free(selected); goto fail; }
        }
        free(selected);
    }
    return result;
fail:
    tr_decref(result);
    return NULL;
}

/* bisect_right over doubles in cum[lo, hi). */
static size_t bisect_right(const double *cum, double x, size_t lo, size_t hi) {
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (x < cum[mid]) hi = mid;
        else lo = mid + 1;
    }
    return lo;
}

/* Accumulates the weights in an iterable into doubles, as Python would add
 * them (int + int stays exact, a float anywhere makes the sum a float). */
static double *accumulate(TrThread *ts, TrObject *weights, size_t *len) {
    TrObject *it = tr_iter(ts, weights);
    if (!it) return NULL;
    size_t cap = 16, n = 0;
    double *cum = malloc(cap * sizeof *cum);
    TrObject *acc = NULL, *w;
    if (!cum) { tr_decref(it); err_nomemory(ts); return NULL; }
    while ((w = tr_next(ts, it))) {
        TrObject *next = acc ? tr_binop(ts, TR_BINOP_ADD, acc, w) : tr_newref(w);
        tr_decref(w);
        tr_xdecref(acc);
        acc = next;
        if (!acc) goto fail;
        double d = float_as_double(ts, acc);
        if (d == -1.0 && err_occurred(ts)) goto fail;
        if (n == cap) {
            double *nc = realloc(cum, (cap *= 2) * sizeof *cum);
            if (!nc) { err_nomemory(ts); goto fail; }
            cum = nc;
        }
        cum[n++] = d;
    }
    if (err_occurred(ts)) goto fail;
    tr_xdecref(acc);
    tr_decref(it);
    *len = n;
    return cum;
fail:
    tr_xdecref(acc);
    tr_decref(it);
    free(cum);
    return NULL;
}

METHOD(random_choices) {
    static const char *const names[] = {"population", "weights", "cum_weights", "k"};
    TrObject *a[4];
    if (args_parse(ts, "Random.choices", args, nargs, kwnames, names, 2, 1, 2, 1, a) < 0) return NULL;
    TrObject *pop = a[0], *weights = a[1] == tr_none ? NULL : a[1], *cumw = a[2] == tr_none ? NULL : a[2];
    ssize_t n = tr_len(ts, pop);
    if (n < 0) return NULL;
    int64_t k = 1;
    if (a[3] && tr_index_i64(ts, a[3], &k) < 0) return NULL;
    TrObject *result = list_new(ts, k > 0 ? (size_t)k : 0);
    if (!result) return NULL;
    if (!cumw && !weights) {
        double dn = (double)n;
        for (int64_t i = 0; i < k; i++) {
            double f = floor(rnd_double(ts, SELF) * dn);
            TrObject *item = tr_getitem(ts, pop, tr_imm_from((int64_t)f));
            if (!item || list_append_take(ts, result, item) < 0) goto fail;
        }
        return result;
    }
    double *cum;
    size_t ncum;
    if (!cumw) {
        if (int_check(weights) && !tr_isinstance(weights, &tr_bool_type)) {
            err_format(ts, &tr_exc_TypeError, "The number of choices must be a keyword argument: k=%S", weights);
            goto fail;
        }
        cum = accumulate(ts, weights, &ncum);
    } else if (weights) {
        err_set(ts, &tr_exc_TypeError, "Cannot specify both weights and cumulative weights");
        goto fail;
    } else {
        TrObject *l = list_from_iterable(ts, cumw);
        if (!l) goto fail;
        ncum = list_size(l);
        cum = malloc((ncum ? ncum : 1) * sizeof *cum);
        for (size_t i = 0; cum && i < ncum; i++) {
            TrObject *v = list_get(ts, l, (ssize_t)i);
            cum[i] = v ? float_as_double(ts, v) : -1.0;
            tr_xdecref(v);
            if (err_occurred(ts)) { free(cum); cum = NULL; break; }
        }
        tr_decref(l);
        if (!cum && !err_occurred(ts)) err_nomemory(ts);
    }
    if (!cum) goto fail;
    if (ncum != (size_t)n) {
        free(cum);
        err_set(ts, &tr_exc_ValueError, "The number of weights does not match the population");
        goto fail;
    }
    double total = n ? cum[n - 1] + 0.0 : 0.0;
    if (n == 0) {
        free(cum);
        err_set(ts, &tr_exc_IndexError, "list index out of range");
        goto fail;
    }
    if (!(total > 0.0)) {
        free(cum);
        err_set(ts, &tr_exc_ValueError, "Total of weights must be greater than zero");
        goto fail;
    }
    if (!isfinite(total)) {
        free(cum);
        err_set(ts, &tr_exc_ValueError, "Total of weights must be finite");
        goto fail;
    }
    for (int64_t i = 0; i < k; i++) {
        size_t j = bisect_right(cum, rnd_double(ts, SELF) * total, 0, (size_t)n - 1);
        TrObject *item = tr_getitem(ts, pop, tr_imm_from((int64_t)j));
        if (!item || list_append_take(ts, result, item) < 0) { free(cum); goto fail; }
    }
    free(cum);
    return result;
fail:
    tr_decref(result);
    return NULL;
}

METHOD(random_uniform) {
    static const char *const names[] = {"a", "b"};
    TrObject *a[2];
    if (args_parse(ts, "Random.uniform", args, nargs, kwnames, names, 2, 2, 0, 1, a) < 0) return NULL;
    double lo, hi;
    if (real_or(ts, a[0], 0, &lo) < 0 || real_or(ts, a[1], 0, &hi) < 0) return NULL;
    return float_new(ts, lo + (hi - lo) * rnd_double(ts, SELF));
}

METHOD(random_triangular) {
    static const char *const names[] = {"low", "high", "mode"};
    TrObject *a[3];
    if (args_parse(ts, "Random.triangular", args, nargs, kwnames, names, 3, 0, 0, 1, a) < 0) return NULL;
    double low, high, mode, c;
    if (real_or(ts, a[0], 0.0, &low) < 0 || real_or(ts, a[1], 1.0, &high) < 0) return NULL;
    double u = rnd_double(ts, SELF);
    if (a[2] && a[2] != tr_none) {
        if (real_or(ts, a[2], 0, &mode) < 0) return NULL;
        if (high - low == 0.0) return a[0] ? tr_newref(a[0]) : float_new(ts, low);
        c = (mode - low) / (high - low);
    } else {
        c = 0.5;
    }
    if (u > c) {
        u = 1.0 - u;
        c = 1.0 - c;
        double t = low; low = high; high = t;
    }
    return float_new(ts, low + (high - low) * sqrt(u * c));
}

static const double NV_MAGICCONST = 1.7155277699214135;   /* 4 * exp(-0.5) / sqrt(2.0) */

static double normalvariate(TrThread *ts, TrRandom *r) {
    double z;
    for (;;) {
        double u1 = rnd_double(ts, r);
        double u2 = 1.0 - rnd_double(ts, r);
        z = NV_MAGICCONST * (u1 - 0.5) / u2;
        double zz = z * z / 4.0;
        if (zz <= -log(u2)) break;
    }
    return z;
}

/* mu + z * sigma with Python's semantics: plain doubles when both are real
 * numbers, else the generic operators (so a bad argument fails as in
 * CPython, after the draw).  NULL means the default (0.0 / 1.0). */
static TrObject *mu_z_sigma(TrThread *ts, TrObject *mu, double z, TrObject *sigma) {
    int real_mu = !mu || float_check(mu) || int_check(mu);
    int real_sigma = !sigma || float_check(sigma) || int_check(sigma);
    if (real_mu && real_sigma) {
        double m, sg;
        if (real_or(ts, mu, 0.0, &m) < 0 || real_or(ts, sigma, 1.0, &sg) < 0) return NULL;
        return float_new(ts, m + z * sg);
    }
    TrObject *zo = float_new(ts, z);
    if (!zo) return NULL;
    TrObject *prod = sigma ? tr_binop(ts, TR_BINOP_MUL, zo, sigma) : tr_newref(zo);
    tr_decref(zo);
    if (!prod) return NULL;
    TrObject *res = tr_binop(ts, TR_BINOP_ADD, mu, prod);
    tr_decref(prod);
    return res;
}

static const char *const mu_sigma_names[] = {"mu", "sigma"};

METHOD(random_normalvariate) {
    TrObject *a[2];
    if (args_parse(ts, "Random.normalvariate", args, nargs, kwnames, mu_sigma_names, 2, 0, 0, 1, a) < 0) return NULL;
    return mu_z_sigma(ts, a[0], normalvariate(ts, SELF), a[1]);
}

METHOD(random_lognormvariate) {
    static const char *const names[] = {"mu", "sigma"};
    TrObject *a[2];
    double mu, sigma;
    if (args_parse(ts, "Random.lognormvariate", args, nargs, kwnames, names, 2, 2, 0, 1, a) < 0) return NULL;
    if (real_or(ts, a[0], 0, &mu) < 0 || real_or(ts, a[1], 0, &sigma) < 0) return NULL;
    return float_new(ts, exp(mu + normalvariate(ts, SELF) * sigma));
}

METHOD(random_gauss) {
    TrObject *a[2];
    double z = 0;
    if (args_parse(ts, "Random.gauss", args, nargs, kwnames, mu_sigma_names, 2, 0, 0, 1, a) < 0) return NULL;
    TrRandom *r = SELF;
    int cached;
    /* take the cached second value, or draw a pair and cache its second */
    TR_BEGIN_CRITICAL(ts, r);
    cached = r->has_gauss;
    if (cached) {
        z = r->gauss_next;
        r->has_gauss = 0;
    } else {
        double x2pi = genrand_double(r) * 2.0 * M_PI;
        double g2rad = sqrt(-2.0 * log(1.0 - genrand_double(r)));
        z = cos(x2pi) * g2rad;
        r->gauss_next = sin(x2pi) * g2rad;
        r->has_gauss = 1;
    }
    TR_END_CRITICAL(ts);
    return mu_z_sigma(ts, a[0], z, a[1]);
}

METHOD(random_expovariate) {
    static const char *const names[] = {"lambd"};
    TrObject *a[1];
    double lambd;
    if (args_parse(ts, "Random.expovariate", args, nargs, kwnames, names, 1, 0, 0, 1, a) < 0) return NULL;
    if (real_or(ts, a[0], 1.0, &lambd) < 0) return NULL;
    double u = rnd_double(ts, SELF);
    if (lambd == 0.0) return err_format(ts, &tr_exc_ZeroDivisionError, "float division by zero");
    return float_new(ts, -log(1.0 - u) / lambd);
}

METHOD(random_paretovariate) {
    static const char *const names[] = {"alpha"};
    TrObject *a[1];
    double alpha;
    if (args_parse(ts, "Random.paretovariate", args, nargs, kwnames, names, 1, 1, 0, 1, a) < 0) return NULL;
    if (real_or(ts, a[0], 0, &alpha) < 0) return NULL;
    double u = 1.0 - rnd_double(ts, SELF);
    if (alpha == 0.0) return err_format(ts, &tr_exc_ZeroDivisionError, "float division by zero");
    return float_new(ts, pow(u, -1.0 / alpha));
}

METHOD(random_weibullvariate) {
    static const char *const names[] = {"alpha", "beta"};
    TrObject *a[2];
    double alpha, beta;
    if (args_parse(ts, "Random.weibullvariate", args, nargs, kwnames, names, 2, 2, 0, 1, a) < 0) return NULL;
    if (real_or(ts, a[0], 0, &alpha) < 0 || real_or(ts, a[1], 0, &beta) < 0) return NULL;
    double u = 1.0 - rnd_double(ts, SELF);
    if (beta == 0.0) return err_format(ts, &tr_exc_ZeroDivisionError, "float division by zero");
    return float_new(ts, alpha * pow(-log(u), 1.0 / beta));
}

/* getstate() -> (3, (mt[0..624), mti), gauss_next or None) */
METHOD(random_getstate) {
    if (tr_check_args(ts, "Random.getstate", nargs, kwnames, 0, 0) < 0) return NULL;
    TrRandom *r = SELF;
    uint32_t copy[MT_N];
    int mti, has;
    double g;
    TR_BEGIN_CRITICAL(ts, r);
    memcpy(copy, r->mt, sizeof copy);
    mti = r->mti;
    has = r->has_gauss;
    g = r->gauss_next;
    TR_END_CRITICAL(ts);
    TrObject *inner = tuple_new(ts, MT_N + 1);
    if (!inner) return NULL;
    for (size_t i = 0; i < MT_N; i++) tuple_set_take(inner, i, tr_imm_from(copy[i]));
    tuple_set_take(inner, MT_N, tr_imm_from(mti));
    TrObject *gv = has ? float_new(ts, g) : tr_none;
    TrObject *st = gv ? tuple_new(ts, 3) : NULL;
    if (!st) { tr_decref(inner); tr_xdecref(gv); return NULL; }
    tuple_set_take(st, 0, tr_imm_from(3));
    tuple_set_take(st, 1, inner);
    tuple_set_take(st, 2, gv);
    return st;
}

METHOD(random_setstate) {
    static const char *const names[] = {"state"};
    TrObject *a[1];
    if (args_parse(ts, "Random.setstate", args, nargs, kwnames, names, 1, 1, 0, 1, a) < 0) return NULL;
    TrObject *st = a[0];
    if (!tuple_check(st) || tuple_size(st) != 3)
        return err_format(ts, &tr_exc_TypeError, "state vector must be a tuple");
    TrObject *ver = tuple_get(st, 0);
    if (!(tr_is_imm(ver) && (tr_imm_value(ver) == 3 || tr_imm_value(ver) == 2)))
        return err_format(ts, &tr_exc_ValueError, "state with version %S passed to Random.setstate() of version 3", ver);
    TrObject *inner = tuple_get(st, 1), *gv = tuple_get(st, 2);
    if (!tuple_check(inner)) return err_format(ts, &tr_exc_TypeError, "state vector must be a tuple");
    if (tuple_size(inner) != MT_N + 1) return err_format(ts, &tr_exc_ValueError, "state vector is the wrong size");
    uint32_t copy[MT_N];
    for (size_t i = 0; i < MT_N; i++) {
        TrObject *v = tuple_get(inner, i);
        int64_t x;
        if (tr_index_i64(ts, v, &x) < 0) return NULL;
        copy[i] = (uint32_t)x;
    }
    int64_t mti;
    if (tr_index_i64(ts, tuple_get(inner, MT_N), &mti) < 0) return NULL;
    if (mti < 0 || mti > MT_N) return err_format(ts, &tr_exc_ValueError, "invalid state");
    double g = 0;
    if (gv != tr_none && real_or(ts, gv, 0, &g) < 0) return NULL;
    TrRandom *r = SELF;
    TR_BEGIN_CRITICAL(ts, r);
    memcpy(r->mt, copy, sizeof copy);
    r->mti = (int)mti;
    r->has_gauss = gv != tr_none;
    r->gauss_next = g;
    TR_END_CRITICAL(ts);
    return tr_none;
}

static const TrMethodDef random_methods[] = {
    {"seed", random_seed}, {"random", random_random}, {"getrandbits", random_getrandbits},
    {"randrange", random_randrange}, {"randint", random_randint}, {"choice", random_choice},
    {"shuffle", random_shuffle}, {"sample", random_sample}, {"choices", random_choices},
    {"uniform", random_uniform}, {"triangular", random_triangular},
    {"normalvariate", random_normalvariate}, {"lognormvariate", random_lognormvariate},
    {"gauss", random_gauss}, {"expovariate", random_expovariate},
    {"paretovariate", random_paretovariate}, {"weibullvariate", random_weibullvariate},
    {"getstate", random_getstate}, {"setstate", random_setstate},
    {NULL, NULL},
};

static TrObject *random_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"x"};
    TrObject *a[1];
    if (args_parse(ts, "Random.__init__", args, nargs, kwnames, names, 1, 0, 0, 1, a) < 0) return NULL;
    TrRandom *r = (TrRandom *)tr_alloc(ts, type);
    if (!r) return NULL;
    if (do_seed(ts, r, a[0], NULL) < 0) { tr_decref((TrObject *)r); return NULL; }
    return (TrObject *)r;
}

static void random_dealloc(TrThread *ts, TrObject *o) { tr_free(o); }

static TrObject *random_repr(TrThread *ts, TrObject *o) {
    return str_format(ts, "<random.Random object at %p>", (void *)o);
}

static TrType tr_random_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "Random",
    .basicsize = sizeof(TrRandom),
    .dealloc = random_dealloc,
    .repr = random_repr,
    .new_ = random_new,
    .methods = random_methods,
};

TrObject *random_module_init(TrThread *ts) {
    if (type_ready(ts, &tr_random_type) < 0) return NULL;
    TrObject *modname = str_from_cstr(ts, "random");
    if (!modname) return NULL;
    int mrc = dict_set_cstr(ts, tr_random_type.dict, "__module__", modname);
    tr_decref(modname);
    if (mrc < 0) return NULL;
    TrObject *m = module_new(ts, "random");
    if (!m) return NULL;
    TrObject *d = module_dict(m);
    TrObject *inst = random_new(ts, &tr_random_type, NULL, 0, NULL);
    if (!inst) goto fail;
    tr_make_immortal(inst);   /* the shared generator lives as long as the module */
    if (dict_set_cstr(ts, d, "Random", (TrObject *)&tr_random_type) < 0) goto fail;
    for (const TrMethodDef *def = random_methods; def->name; def++) {
        TrObject *bound = tr_getattr_cstr(ts, inst, def->name);
        if (!bound) goto fail;
        int rc = dict_set_cstr(ts, d, def->name, bound);
        tr_decref(bound);
        if (rc < 0) goto fail;
    }
    return m;
fail:
    tr_decref(m);
    return NULL;
}
