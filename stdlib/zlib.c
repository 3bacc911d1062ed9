/* stdlib/zlib.c: the `zlib` module over the system's libz: one-shot
 * compress/decompress, the streaming zlib.Compress and zlib.Decompress
 * objects (compressobj, decompressobj), the checksums crc32 and adler32, the
 * constants and zlib.error, with CPython 3.13's messages ("Error -3 while
 * decompressing data: incorrect header check").
 *
 * Threads: a stream object's z_stream and its unused_data / unconsumed_tail /
 * eof fields are guarded by the object's own TrMutex `lock` (not the object
 * header's critical-section lock: a critical section is suspended when the
 * thread detaches, and this lock must stay held while libz runs detached).
 * Waiting for `lock` happens detached, so a thread blocked on a busy stream
 * never holds up a stop-the-world pause or a GIL hand-off.  While the lock is
 * held no Python code runs; inputs of at least DETACH_MIN bytes are
 * (de)compressed detached (gil_release_for_blocking), touching only the
 * z_stream, malloc'd output and the input bytes, which are immutable bytes or
 * a private copy of a bytearray (bytes_view).
 * Lock order: a stream lock is a leaf; copy() takes only its source's.
 * zlib.error is created once at import and published with a release store. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "torii/torii.h"
#include "stdlib/stdlib.h"
#include "stdlib/posargs.h"
#include "threads/lock.h"

#define DEF_BUF_SIZE 16384
#define DEF_MEM_LEVEL 8
#define DETACH_MIN (64 * 1024)

static TrObject *error_class;   /* zlib.error; immortal; set once at import */

#define FUNC(name) static TrObject *name(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames)

/* Raises zlib.error for libz status `err` in the stage `what` ("while
 * compressing data"), with the stream's message or a generic one.  NULL. */
static TrObject *zerror(TrThread *ts, int err, const char *zmsg, const char *what) {
    if (err == Z_VERSION_ERROR) zmsg = "library version mismatch";
    if (!zmsg) {
        switch (err) {
        case Z_BUF_ERROR: zmsg = "incomplete or truncated stream"; break;
        case Z_STREAM_ERROR: zmsg = "inconsistent stream state"; break;
        case Z_DATA_ERROR: zmsg = "invalid input data"; break;
        }
    }
    char buf[300];
    if (zmsg) snprintf(buf, sizeof buf, "Error %d %s: %.200s", err, what, zmsg);
    else snprintf(buf, sizeof buf, "Error %d %s", err, what);
    /* acquire: pairs with the release in zlib_module_init */
    return posargs_raise(ts, atomic_load_ptr_acquire((void *const *)&error_class), buf);
}

/* ---- output buffers ---------------------------------------------------------
 * Output grows in a malloc'd block, doubling from `init`, never past `limit`
 * bytes when a limit is set (Decompress.decompress's max_length). */
typedef struct OutBuf {
    unsigned char *p;
    size_t cap, init, limit;   /* limit 0: none */
} OutBuf;

static void out_init(OutBuf *b, size_t init, size_t limit) {
    b->p = NULL;
    b->cap = 0;
    b->init = init ? init : 1;
    b->limit = limit;
    if (limit && b->init > limit) b->init = limit;
}

static size_t out_len(const OutBuf *b, const z_stream *zs) { return b->p ? (size_t)(zs->next_out - b->p) : 0; }

/* Points the stream's output at free room.  0, 1 when the limit is reached,
 * -1 when out of memory. */
static int out_room(OutBuf *b, z_stream *zs) {
    size_t len = out_len(b, zs);
    if (len == b->cap) {
        size_t ncap = b->cap ? b->cap * 2 : b->init;
        if (b->limit && ncap > b->limit) ncap = b->limit;
        if (ncap <= len) return 1;
        unsigned char *np = realloc(b->p, ncap);
        if (!np) return -1;
        b->p = np;
        b->cap = ncap;
    }
    zs->next_out = b->p + len;
    size_t room = b->cap - len;
    zs->avail_out = room > UINT_MAX ? UINT_MAX : (uInt)room;
    return 0;
}

/* The output as a new bytes; frees the block either way. */
static TrObject *out_finish(TrThread *ts, OutBuf *b, z_stream *zs) {
    TrObject *r = bytes_from(ts, (const char *)b->p, out_len(b, zs));
    free(b->p);
    b->p = NULL;
    return r;
}

/* Input fed to libz in pieces of at most UINT_MAX bytes. */
typedef struct InBuf {
    const unsigned char *end;
} InBuf;

static void in_start(InBuf *in, z_stream *zs, const char *p, size_t n) {
    zs->next_in = (unsigned char *)p;
    zs->avail_in = 0;
    in->end = (const unsigned char *)p + n;
}

/* Refills avail_in when it ran dry.  1 if any input is left (in the stream
 * or to feed). */
static int in_feed(InBuf *in, z_stream *zs) {
    if (zs->avail_in == 0) {
        size_t left = (size_t)(in->end - zs->next_in);
        zs->avail_in = left > UINT_MAX ? UINT_MAX : (uInt)left;
    }
    return zs->avail_in != 0;
}

static size_t in_left(const InBuf *in, const z_stream *zs) { return (size_t)(in->end - zs->next_in); }

/* Runs deflate over all input with `flush` applied once the input is
 * consumed, until the output stops filling.  Returns libz's last status,
 * or Z_MEM_ERROR when the output could not grow.  No Python objects are
 * touched: callable detached. */
static int run_deflate(z_stream *zs, InBuf *in, int flush, OutBuf *out) {
    int err;
    for (;;) {
        in_feed(in, zs);
        int last = in_left(in, zs) == zs->avail_in;
        do {
            if (out_room(out, zs) != 0) return Z_MEM_ERROR;
            err = deflate(zs, last ? flush : Z_NO_FLUSH);
            if (err == Z_STREAM_ERROR) return err;
        } while (zs->avail_out == 0);
        if (last && zs->avail_in == 0) return err;
    }
}

/* Runs inflate (`flush` Z_NO_FLUSH, Z_SYNC_FLUSH or Z_FINISH) until the
 * stream ends, the input is used up or the output limit is reached, setting
 * the dictionary `zdict` when the stream asks for one.  Returns libz's last
 * status (Z_OK / Z_BUF_ERROR when it simply ran out of input or room), or
 * Z_MEM_ERROR when the output could not grow.  Callable detached. */
static int run_inflate(z_stream *zs, InBuf *in, int flush, OutBuf *out, const TrBytesView *zdict) {
    int err = Z_OK;
    for (;;) {
        in_feed(in, zs);
        int r = out_room(out, zs);
        if (r < 0) return Z_MEM_ERROR;
        if (r > 0) return err;   /* max_length reached */
        err = inflate(zs, flush);
        if (err == Z_NEED_DICT && zdict) {
            err = inflateSetDictionary(zs, (const Bytef *)zdict->p, (uInt)zdict->n);
            if (err != Z_OK) return err;
            continue;
        }
        if (err != Z_OK && err != Z_BUF_ERROR) return err;   /* Z_STREAM_END or an error */
        if (zs->avail_out != 0 && in_left(in, zs) == 0) return err;   /* all input consumed */
        if (zs->avail_out != 0 && err == Z_BUF_ERROR) return err;      /* no progress possible */
    }
}

/* Detaches around libz work on big inputs (see the file comment). */
#define MAYBE_DETACHED(ts, n, ...)                                  \
    do {                                                            \
        if ((n) >= DETACH_MIN) {                                    \
            gil_release_for_blocking(ts);                           \
            __VA_ARGS__;                                            \
            gil_reacquire_after_blocking(ts);                       \
        } else {                                                    \
            __VA_ARGS__;                                            \
        }                                                           \
    } while (0)

/* ---- one-shot functions ------------------------------------------------------ */

/* compress(data, /, level=Z_DEFAULT_COMPRESSION, wbits=MAX_WBITS) */
FUNC(zlib_compress) {
    static const char *const names[] = {"data", "level", "wbits"};
    TrObject *a[3];
    if (posargs_parse(ts, "compress", args, nargs, kwnames, names, 1, 3, 1, 0, a) < 0) return NULL;
    TrBytesView v;
    if (posargs_buffer(ts, a[0], &v) < 0) return NULL;
    int level = Z_DEFAULT_COMPRESSION, wbits = MAX_WBITS;
    TrObject *r = NULL;
    if ((a[1] && posargs_int(ts, a[1], &level) < 0) || (a[2] && posargs_int(ts, a[2], &wbits) < 0)) goto out;
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    int err = deflateInit2(&zs, level, Z_DEFLATED, wbits, DEF_MEM_LEVEL, Z_DEFAULT_STRATEGY);
    if (err == Z_MEM_ERROR) { err_set(ts, &tr_exc_MemoryError, "Out of memory while compressing data"); goto out; }
    if (err == Z_STREAM_ERROR) {
        posargs_raise(ts, atomic_load_ptr_acquire((void *const *)&error_class), "Bad compression level");
        goto out;
    }
    if (err != Z_OK) { deflateEnd(&zs); zerror(ts, err, zs.msg, "while compressing data"); goto out; }
    OutBuf ob;
    out_init(&ob, DEF_BUF_SIZE, 0);
    InBuf in;
    in_start(&in, &zs, v.p, v.n);
    MAYBE_DETACHED(ts, v.n, err = run_deflate(&zs, &in, Z_FINISH, &ob));
    if (err == Z_STREAM_END) {
        r = out_finish(ts, &ob, &zs);
        deflateEnd(&zs);
    } else {
        free(ob.p);
        if (err == Z_MEM_ERROR) err_set(ts, &tr_exc_MemoryError, "Out of memory while compressing data");
        else zerror(ts, err, zs.msg, "while compressing data");
        deflateEnd(&zs);
    }
out:
    bytes_view_release(&v);
    return r;
}

/* decompress(data, /, wbits=MAX_WBITS, bufsize=DEF_BUF_SIZE): data past the
 * end of the stream is ignored, as in CPython. */
FUNC(zlib_decompress) {
    static const char *const names[] = {"data", "wbits", "bufsize"};
    TrObject *a[3];
    if (posargs_parse(ts, "decompress", args, nargs, kwnames, names, 1, 3, 1, 0, a) < 0) return NULL;
    TrBytesView v;
    if (posargs_buffer(ts, a[0], &v) < 0) return NULL;
    int wbits = MAX_WBITS;
    int64_t bufsize = DEF_BUF_SIZE;
    TrObject *r = NULL;
    if ((a[1] && posargs_int(ts, a[1], &wbits) < 0) || (a[2] && posargs_int64(ts, a[2], &bufsize, "ssize_t") < 0))
        goto out;
    if (bufsize < 0) { err_set(ts, &tr_exc_ValueError, "bufsize must be non-negative"); goto out; }
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    int err = inflateInit2(&zs, wbits);
    if (err == Z_MEM_ERROR) { err_set(ts, &tr_exc_MemoryError, "Out of memory while decompressing data"); goto out; }
    if (err != Z_OK) { inflateEnd(&zs); zerror(ts, err, zs.msg, "while preparing to decompress data"); goto out; }
    OutBuf ob;
    out_init(&ob, (size_t)bufsize, 0);
    InBuf in;
    in_start(&in, &zs, v.p, v.n);
    MAYBE_DETACHED(ts, v.n, err = run_inflate(&zs, &in, Z_NO_FLUSH, &ob, NULL));
    if (err == Z_STREAM_END) {
        r = out_finish(ts, &ob, &zs);
    } else {
        free(ob.p);
        if (err == Z_MEM_ERROR) err_set(ts, &tr_exc_MemoryError, "Out of memory while decompressing data");
        else if (err == Z_OK) zerror(ts, Z_BUF_ERROR, NULL, "while decompressing data");
        else zerror(ts, err, zs.msg, "while decompressing data");
    }
    inflateEnd(&zs);
out:
    bytes_view_release(&v);
    return r;
}

/* crc32(data, value=0, /) and adler32(data, value=1, /) */
static TrObject *checksum(TrThread *ts, const char *fname, const char *qualname, TrObject *const *args,
                          size_t nargs, TrObject *kwnames, int adler) {
    if (tr_check_no_kwargs(ts, qualname, kwnames) < 0 || tr_check_nargs(ts, fname, nargs, 1, 2) < 0) return NULL;
    TrBytesView v;
    if (posargs_buffer(ts, args[0], &v) < 0) return NULL;
    uint32_t start = adler ? 1 : 0;
    if (nargs > 1 && posargs_u32_mask(ts, args[1], &start) < 0) { bytes_view_release(&v); return NULL; }
    uLong c = start;
    const unsigned char *p = (const unsigned char *)v.p;
    size_t n = v.n;
    while (n > 0) {
        uInt chunk = n > (1u << 30) ? (1u << 30) : (uInt)n;
        c = adler ? adler32(c, p, chunk) : crc32(c, p, chunk);
        p += chunk;
        n -= chunk;
    }
    bytes_view_release(&v);
    return tr_imm_from((int64_t)(c & 0xffffffffu));
}

FUNC(zlib_crc32) { return checksum(ts, "crc32", "zlib.crc32", args, nargs, kwnames, 0); }
FUNC(zlib_adler32) { return checksum(ts, "adler32", "zlib.adler32", args, nargs, kwnames, 1); }

/* ---- stream objects ----------------------------------------------------------
 * One struct for both kinds; `is_compress` tells which libz half owns `zs`.
 * Every field after `lock` is guarded by it. */
typedef struct ZStream {
    TrObject ob_base;
    uint8_t lock;                /* TrMutex (threads/lock.h), see the file comment */
    int is_compress;             /* set at creation, then read-only */
    int inited;                  /* zs is live: deflateEnd/inflateEnd still to call */
    int eof;                     /* Decompress: the end of the stream was seen */
    z_stream zs;
    TrObject *unused_data;       /* owned bytes: input past the end of the stream */
    TrObject *unconsumed_tail;   /* owned bytes: input held back by max_length */
    TrObject *zdict;             /* owned bytes or NULL: the preset dictionary (Decompress) */
} ZStream;

static TrType zlib_compress_type, zlib_decompress_type;

static void zlock(TrThread *ts, ZStream *z) {
    if (mutex_trylock(&z->lock)) return;
    /* wait detached: the holder may be running libz detached for a while */
    gil_release_for_blocking(ts);
    mutex_lock(&z->lock);
    gil_reacquire_after_blocking(ts);
}

static void zunlock(ZStream *z) { mutex_unlock(&z->lock); }

static ZStream *zstream_alloc(TrThread *ts, TrType *type) {
    ZStream *z = (ZStream *)tr_alloc(ts, type);
    if (!z) return NULL;
    z->is_compress = type == &zlib_compress_type;
    z->unused_data = bytes_from(ts, "", 0);
    z->unconsumed_tail = z->unused_data ? bytes_from(ts, "", 0) : NULL;
    if (!z->unconsumed_tail) { tr_decref((TrObject *)z); return NULL; }
    return z;
}

static void zstream_dealloc(TrThread *ts, TrObject *o) {
    ZStream *z = (ZStream *)o;
    if (z->inited) {
        if (z->is_compress) deflateEnd(&z->zs);
        else inflateEnd(&z->zs);
    }
    tr_xdecref(z->unused_data);
    tr_xdecref(z->unconsumed_tail);
    tr_xdecref(z->zdict);
    tr_free(o);
}

static TrObject *zstream_repr(TrThread *ts, TrObject *o) {
    return str_format(ts, "<%s object at %p>", tr_type_name(o), (void *)o);
}

/* compressobj(level=-1, method=DEFLATED, wbits=MAX_WBITS,
 *             memLevel=DEF_MEM_LEVEL, strategy=Z_DEFAULT_STRATEGY, zdict=None) */
FUNC(zlib_compressobj) {
    static const char *const names[] = {"level", "method", "wbits", "memLevel", "strategy", "zdict"};
    TrObject *a[6];
    if (posargs_parse(ts, "compressobj", args, nargs, kwnames, names, 0, 6, 0, 0, a) < 0) return NULL;
    int opt[5] = {Z_DEFAULT_COMPRESSION, Z_DEFLATED, MAX_WBITS, DEF_MEM_LEVEL, Z_DEFAULT_STRATEGY};
    for (int i = 0; i < 5; i++)
        if (a[i] && posargs_int(ts, a[i], &opt[i]) < 0) return NULL;
    TrBytesView zd = {0};
    int have_zdict = a[5] && a[5] != tr_none;
    if (have_zdict && posargs_buffer(ts, a[5], &zd) < 0) return NULL;
    ZStream *z = zstream_alloc(ts, &zlib_compress_type);
    if (!z) { bytes_view_release(&zd); return NULL; }
    int err = deflateInit2(&z->zs, opt[0], opt[1], opt[2], opt[3], opt[4]);
    if (err == Z_OK) {
        z->inited = 1;
        if (have_zdict) {
            err = deflateSetDictionary(&z->zs, (const Bytef *)zd.p, (uInt)zd.n);
            if (err != Z_OK) {
                bytes_view_release(&zd);
                tr_decref((TrObject *)z);
                err_set(ts, &tr_exc_ValueError, "Invalid dictionary");
                return NULL;
            }
        }
        bytes_view_release(&zd);
        return (TrObject *)z;
    }
    bytes_view_release(&zd);
    const char *zmsg = z->zs.msg;
    tr_decref((TrObject *)z);
    if (err == Z_MEM_ERROR) { err_set(ts, &tr_exc_MemoryError, "Can't allocate memory for compression object"); return NULL; }
    if (err == Z_STREAM_ERROR) { err_set(ts, &tr_exc_ValueError, "Invalid initialization option"); return NULL; }
    return zerror(ts, err, zmsg, "while creating compression object");
}

/* decompressobj(wbits=MAX_WBITS, zdict=b'') */
FUNC(zlib_decompressobj) {
    static const char *const names[] = {"wbits", "zdict"};
    TrObject *a[2];
    if (posargs_parse(ts, "decompressobj", args, nargs, kwnames, names, 0, 2, 0, 0, a) < 0) return NULL;
    int wbits = MAX_WBITS;
    if (a[0] && posargs_int(ts, a[0], &wbits) < 0) return NULL;
    TrObject *zdict = NULL;
    if (a[1]) {
        if (bytes_check(a[1])) zdict = tr_newref(a[1]);
        else if (bytearray_check(a[1])) {
            TrBytesView zv;
            if (bytes_view(ts, a[1], &zv) < 0) return NULL;
            zdict = bytes_from(ts, zv.p, zv.n);
            bytes_view_release(&zv);
            if (!zdict) return NULL;
        } else {
            return err_format(ts, &tr_exc_TypeError, "zdict argument must support the buffer protocol");
        }
    }
    ZStream *z = zstream_alloc(ts, &zlib_decompress_type);
    if (!z) { tr_xdecref(zdict); return NULL; }
    z->zdict = zdict;
    int err = inflateInit2(&z->zs, wbits);
    if (err == Z_OK) {
        z->inited = 1;
        if (zdict && wbits < 0) {   /* raw deflate never asks for its dictionary */
            err = inflateSetDictionary(&z->zs, (const Bytef *)bytes_data(zdict), (uInt)bytes_size(zdict));
            if (err != Z_OK) {
                const char *zmsg = z->zs.msg;
                tr_decref((TrObject *)z);
                return zerror(ts, err, zmsg, "while setting zdict");
            }
        }
        return (TrObject *)z;
    }
    const char *zmsg = z->zs.msg;
    tr_decref((TrObject *)z);
    if (err == Z_MEM_ERROR) { err_set(ts, &tr_exc_MemoryError, "Can't allocate memory for decompression object"); return NULL; }
    if (err == Z_STREAM_ERROR) { err_set(ts, &tr_exc_ValueError, "Invalid initialization option"); return NULL; }
    return zerror(ts, err, zmsg, "while creating decompression object");
}

#define SELF ((ZStream *)self)

/* Compress.compress(data, /) */
FUNC(compress_compress) {
    static const char *const names[] = {"data"};
    TrObject *a[1];
    if (posargs_parse(ts, "compress", args, nargs, kwnames, names, 1, 1, 1, 0, a) < 0) return NULL;
    TrBytesView v;
    if (posargs_buffer(ts, a[0], &v) < 0) return NULL;
    ZStream *z = SELF;
    OutBuf ob;
    out_init(&ob, DEF_BUF_SIZE, 0);
    InBuf in;
    int err;
    zlock(ts, z);
    in_start(&in, &z->zs, v.p, v.n);
    MAYBE_DETACHED(ts, v.n, err = run_deflate(&z->zs, &in, Z_NO_FLUSH, &ob));
    size_t outn = out_len(&ob, &z->zs);
    const char *zmsg = z->zs.msg;
    zunlock(z);
    bytes_view_release(&v);
    if (err == Z_OK || err == Z_BUF_ERROR) {
        TrObject *r = bytes_from(ts, (const char *)ob.p, outn);
        free(ob.p);
        return r;
    }
    free(ob.p);
    if (err == Z_MEM_ERROR) return err_nomemory(ts);
    return zerror(ts, err, zmsg, "while compressing data");
}

/* Compress.flush(mode=Z_FINISH, /): Z_FINISH ends the stream. */
FUNC(compress_flush) {
    static const char *const names[] = {"mode"};
    TrObject *a[1];
    if (posargs_parse(ts, "flush", args, nargs, kwnames, names, 1, 1, 0, 0, a) < 0) return NULL;
    int mode = Z_FINISH;
    if (a[0] && posargs_int(ts, a[0], &mode) < 0) return NULL;
    if (mode == Z_NO_FLUSH) return bytes_from(ts, "", 0);
    ZStream *z = SELF;
    OutBuf ob;
    out_init(&ob, DEF_BUF_SIZE, 0);
    InBuf in;
    int err;
    zlock(ts, z);
    in_start(&in, &z->zs, "", 0);
    err = run_deflate(&z->zs, &in, mode, &ob);
    size_t outn = out_len(&ob, &z->zs);
    const char *zmsg = z->zs.msg;
    if (err == Z_STREAM_END && mode == Z_FINISH) {
        deflateEnd(&z->zs);
        z->inited = 0;
        z->zs.msg = NULL;
        err = Z_OK;
    }
    zunlock(z);
    if (err == Z_OK || err == Z_BUF_ERROR) {
        TrObject *r = bytes_from(ts, (const char *)ob.p, outn);
        free(ob.p);
        return r;
    }
    free(ob.p);
    if (err == Z_MEM_ERROR) return err_nomemory(ts);
    return zerror(ts, err, zmsg, "while flushing");
}

/* copy() for both kinds: a new object with a copy of the stream state. */
static TrObject *zstream_copy(TrThread *ts, TrObject *self, size_t nargs, TrObject *kwnames, const char *fname) {
    if (nargs || (kwnames && tuple_size(kwnames)))   /* Argument Clinic's words for a defining-class method */
        return err_format(ts, &tr_exc_TypeError, "%s() takes no arguments", fname);
    ZStream *z = SELF;
    ZStream *c = zstream_alloc(ts, tr_type(self));
    if (!c) return NULL;
    int err;
    const char *zmsg;
    zlock(ts, z);
    if (!z->inited) {
        zunlock(z);
        tr_decref((TrObject *)c);
        err_set(ts, &tr_exc_ValueError, "Inconsistent stream state");
        return NULL;
    }
    err = z->is_compress ? deflateCopy(&c->zs, &z->zs) : inflateCopy(&c->zs, &z->zs);
    zmsg = z->zs.msg;
    if (err == Z_OK) {
        c->inited = 1;
        c->eof = z->eof;
        TR_CLEAR(c->unused_data);
        TR_CLEAR(c->unconsumed_tail);
        c->unused_data = tr_newref(z->unused_data);
        c->unconsumed_tail = tr_newref(z->unconsumed_tail);
        if (z->zdict) c->zdict = tr_newref(z->zdict);
    }
    zunlock(z);
    if (err == Z_OK) return (TrObject *)c;
    tr_decref((TrObject *)c);
    if (err == Z_STREAM_ERROR) { err_set(ts, &tr_exc_ValueError, "Inconsistent stream state"); return NULL; }
    if (err == Z_MEM_ERROR) {
        err_set(ts, &tr_exc_MemoryError, z->is_compress ? "Can't allocate memory for compression object"
                                                         : "can't allocate memory for decompression object");
        return NULL;
    }
    return zerror(ts, err, zmsg, z->is_compress ? "while copying compression object"
                                                : "while copying decompression object");
}

FUNC(zstream_copy_m) { return zstream_copy(ts, self, nargs, kwnames, "copy"); }
FUNC(zstream_copy_dunder) { return zstream_copy(ts, self, nargs, kwnames, "__copy__"); }
FUNC(zstream_deepcopy) {
    if (tr_check_args(ts, "__deepcopy__", nargs, kwnames, 1, 1) < 0) return NULL;
    return zstream_copy(ts, self, 0, NULL, "__deepcopy__");
}

/* After inflating (lock held): input past the end of the stream joins
 * `unused_data`; input held back by max_length becomes `unconsumed_tail`.
 * -1 on MemoryError. */
static int save_unconsumed(TrThread *ts, ZStream *z, InBuf *in, int err) {
    size_t left = in_left(in, &z->zs);
    if (err == Z_STREAM_END) {
        if (left > 0) {
            size_t old = bytes_size(z->unused_data);
            TrObject *nu = bytes_alloc(ts, old + left);
            if (!nu) return -1;
            memcpy(bytes_data(nu), bytes_data(z->unused_data), old);
            memcpy(bytes_data(nu) + old, z->zs.next_in, left);
            tr_decref(z->unused_data);
            z->unused_data = nu;
            z->zs.avail_in = 0;
            in->end = z->zs.next_in;
            left = 0;
        }
    }
    if (left > 0 || bytes_size(z->unconsumed_tail) > 0) {
        TrObject *tail = bytes_from(ts, (const char *)z->zs.next_in, left);
        if (!tail) return -1;
        tr_decref(z->unconsumed_tail);
        z->unconsumed_tail = tail;
    }
    return 0;
}

/* Shared by Decompress.decompress and Decompress.flush: inflates `v` with
 * `flush`, at most `limit` bytes of output (0: no limit). */
static TrObject *do_inflate(TrThread *ts, ZStream *z, const char *p, size_t n, int flush, size_t init,
                            size_t limit, const char *what) {
    OutBuf ob;
    out_init(&ob, init, limit);
    InBuf in;
    int err;
    zlock(ts, z);
    TrBytesView zd, *zdp = NULL;
    if (z->zdict) {
        zd.p = bytes_data(z->zdict);
        zd.n = bytes_size(z->zdict);
        zdp = &zd;
    }
    in_start(&in, &z->zs, p, n);
    MAYBE_DETACHED(ts, n, err = run_inflate(&z->zs, &in, flush, &ob, zdp));
    size_t outn = out_len(&ob, &z->zs);
    const char *zmsg = z->zs.msg;
    int ok = err == Z_OK || err == Z_BUF_ERROR || err == Z_STREAM_END;
    if (ok && save_unconsumed(ts, z, &in, err) < 0) err = Z_MEM_ERROR, ok = 0;
    if (ok && err == Z_STREAM_END) {
        z->eof = 1;
        if (flush == Z_FINISH) {
            inflateEnd(&z->zs);
            z->inited = 0;
            z->zs.msg = NULL;
        }
    }
    zunlock(z);
    if (ok) {
        TrObject *r = bytes_from(ts, (const char *)ob.p, outn);
        free(ob.p);
        return r;
    }
    free(ob.p);
    if (err == Z_MEM_ERROR) return err_occurred(ts) ? NULL : err_nomemory(ts);
    return zerror(ts, err, zmsg, what);
}

/* Decompress.decompress(data, /, max_length=0) */
FUNC(decompress_decompress) {
    static const char *const names[] = {"data", "max_length"};
    TrObject *a[2];
    if (posargs_parse(ts, "decompress", args, nargs, kwnames, names, 1, 2, 1, 0, a) < 0) return NULL;
    TrBytesView v;
    if (posargs_buffer(ts, a[0], &v) < 0) return NULL;
    int64_t max_length = 0;
    if (a[1] && posargs_int64(ts, a[1], &max_length, "ssize_t") < 0) { bytes_view_release(&v); return NULL; }
    if (max_length < 0) {
        bytes_view_release(&v);
        err_set(ts, &tr_exc_ValueError, "max_length must be non-negative");
        return NULL;
    }
    size_t init = max_length && max_length < DEF_BUF_SIZE ? (size_t)max_length : DEF_BUF_SIZE;
    TrObject *r = do_inflate(ts, SELF, v.p, v.n, Z_SYNC_FLUSH, init, (size_t)max_length,
                             "while decompressing data");
    bytes_view_release(&v);
    return r;
}

/* Decompress.flush(length=DEF_BUF_SIZE, /): inflates `unconsumed_tail` to
 * the end. */
FUNC(decompress_flush) {
    static const char *const names[] = {"length"};
    TrObject *a[1];
    if (posargs_parse(ts, "flush", args, nargs, kwnames, names, 1, 1, 0, 0, a) < 0) return NULL;
    int64_t length = DEF_BUF_SIZE;
    if (a[0] && posargs_int64(ts, a[0], &length, "ssize_t") < 0) return NULL;
    if (length <= 0) { err_set(ts, &tr_exc_ValueError, "length must be greater than zero"); return NULL; }
    ZStream *z = SELF;
    zlock(ts, z);
    TrObject *tail = tr_newref(z->unconsumed_tail);   /* kept alive while inflating from it */
    zunlock(z);
    TrObject *r = do_inflate(ts, z, bytes_data(tail), bytes_size(tail), Z_FINISH, (size_t)length, 0,
                             "while flushing");
    tr_decref(tail);
    return r;
}

static TrObject *decompress_getattr(TrThread *ts, TrObject *self, TrObject *name) {
    ZStream *z = SELF;
    TrObject *r = NULL;
    if (str_equal_cstr(name, "unused_data")) {
        zlock(ts, z);
        r = tr_newref(z->unused_data);
        zunlock(z);
    } else if (str_equal_cstr(name, "unconsumed_tail")) {
        zlock(ts, z);
        r = tr_newref(z->unconsumed_tail);
        zunlock(z);
    } else if (str_equal_cstr(name, "eof")) {
        zlock(ts, z);
        r = tr_bool(z->eof);
        zunlock(z);
    } else {
        return tr_generic_getattr(ts, self, name);
    }
    return r;
}

static const TrMethodDef compress_methods[] = {
    {"compress", compress_compress}, {"flush", compress_flush}, {"copy", zstream_copy_m},
    {"__copy__", zstream_copy_dunder}, {"__deepcopy__", zstream_deepcopy},
    {NULL, NULL},
};

static const TrMethodDef decompress_methods[] = {
    {"decompress", decompress_decompress}, {"flush", decompress_flush}, {"copy", zstream_copy_m},
    {"__copy__", zstream_copy_dunder}, {"__deepcopy__", zstream_deepcopy},
    {NULL, NULL},
};

static TrObject *zstream_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return err_format(ts, &tr_exc_TypeError, "cannot create '%s' instances", type->name);
}

static TrType zlib_compress_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "zlib.Compress",
    .basicsize = sizeof(ZStream),
    .dealloc = zstream_dealloc,
    .repr = zstream_repr,
    .new_ = zstream_new,
    .methods = compress_methods,
};

static TrType zlib_decompress_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "zlib.Decompress",
    .basicsize = sizeof(ZStream),
    .dealloc = zstream_dealloc,
    .repr = zstream_repr,
    .new_ = zstream_new,
    .getattr = decompress_getattr,
    .methods = decompress_methods,
};

/* ---- the module ---------------------------------------------------------------- */

static const TrMethodDef zlib_functions[] = {
    {"compress", zlib_compress}, {"decompress", zlib_decompress},
    {"compressobj", zlib_compressobj}, {"decompressobj", zlib_decompressobj},
    {"crc32", zlib_crc32}, {"adler32", zlib_adler32},
    {NULL, NULL},
};

TrObject *zlib_module_init(TrThread *ts) {
    if (type_ready(ts, &zlib_compress_type) < 0 || type_ready(ts, &zlib_decompress_type) < 0) return NULL;
    TrObject *m = module_new(ts, "zlib");
    if (!m) return NULL;
    TrObject *d = module_dict(m), *err = NULL, *s;
    if (module_add_functions(ts, m, zlib_functions) < 0) goto fail;
    static const struct { const char *name; int v; } consts[] = {
        {"DEFLATED", Z_DEFLATED}, {"DEF_BUF_SIZE", DEF_BUF_SIZE}, {"DEF_MEM_LEVEL", DEF_MEM_LEVEL},
        {"MAX_WBITS", MAX_WBITS}, {"Z_BEST_COMPRESSION", Z_BEST_COMPRESSION}, {"Z_BEST_SPEED", Z_BEST_SPEED},
        {"Z_BLOCK", Z_BLOCK}, {"Z_DEFAULT_COMPRESSION", Z_DEFAULT_COMPRESSION},
        {"Z_DEFAULT_STRATEGY", Z_DEFAULT_STRATEGY}, {"Z_FILTERED", Z_FILTERED}, {"Z_FINISH", Z_FINISH},
        {"Z_FIXED", Z_FIXED}, {"Z_FULL_FLUSH", Z_FULL_FLUSH}, {"Z_HUFFMAN_ONLY", Z_HUFFMAN_ONLY},
        {"Z_NO_COMPRESSION", Z_NO_COMPRESSION}, {"Z_NO_FLUSH", Z_NO_FLUSH}, {"Z_PARTIAL_FLUSH", Z_PARTIAL_FLUSH},
        {"Z_RLE", Z_RLE}, {"Z_SYNC_FLUSH", Z_SYNC_FLUSH}, {"Z_TREES", Z_TREES},
    };
    for (size_t i = 0; i < sizeof consts / sizeof consts[0]; i++)
        if (dict_set_cstr(ts, d, consts[i].name, tr_imm_from(consts[i].v)) < 0) goto fail;
    if (!(s = str_from_cstr(ts, ZLIB_VERSION))) goto fail;
    int rc = dict_set_cstr(ts, d, "ZLIB_VERSION", s);
    tr_decref(s);
    if (rc < 0 || !(s = str_from_cstr(ts, zlibVersion()))) goto fail;
    rc = dict_set_cstr(ts, d, "ZLIB_RUNTIME_VERSION", s);
    tr_decref(s);
    if (rc < 0) goto fail;
    err = posargs_new_exception(ts, "zlib", "error", &tr_exc_Exception);
    if (!err || dict_set_cstr(ts, d, "error", err) < 0) goto fail;
    tr_make_immortal(err);   /* lives as long as the (immortal) module; read without counting */
    /* release: pairs with the acquires in zerror and zlib_compress */
    atomic_store_ptr_release(&error_class, err);
    tr_decref(err);
    return m;
fail:
    tr_xdecref(err);
    tr_decref(m);
    return NULL;
}
