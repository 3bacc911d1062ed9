/* stdlib/_bz2.c: the `_bz2` module over the system's libbz2: the streaming
 * BZ2Compressor and BZ2Decompressor types that stdlib/py/bz2.py builds
 * bz2.compress/decompress, BZ2File and bz2.open on, with CPython 3.13's
 * messages ("Invalid data stream", "End of stream already reached").
 *
 * Threads: a stream object's bz_stream and every field after `lock` are
 * guarded by the object's own TrMutex `lock` (as in stdlib/zlib.c: a
 * critical section would be suspended while the thread detaches, and libbz2
 * runs detached).  Waiting for `lock` happens detached.  While it is held no
 * Python code runs; big inputs, and every flush (which sorts a whole block),
 * are (de)compressed detached (gil_release_for_blocking), touching only the
 * bz_stream, malloc'd buffers and the input bytes, which are immutable bytes
 * or a private copy of a bytearray (bytes_view).  Two threads sharing one
 * object are serialised, as CPython's lock serialises them.
 * Lock order: a stream lock is a leaf. */
#include <bzlib.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "torii/torii.h"
#include "stdlib/stdlib.h"
#include "stdlib/posargs.h"
#include "threads/lock.h"

#define OUT_INIT (32 * 1024)
#define DETACH_MIN (16 * 1024)

#define FUNC(name) static TrObject *name(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames)

/* Raises the exception CPython gives for libbz2 status `ret`.  Returns -1,
 * or 0 when `ret` is not an error. */
static int bz_error(TrThread *ts, int ret) {
    switch (ret) {
    case BZ_OK: case BZ_RUN_OK: case BZ_FLUSH_OK: case BZ_FINISH_OK: case BZ_STREAM_END:
        return 0;
    case BZ_PARAM_ERROR:
        err_set(ts, &tr_exc_ValueError, "Internal error - invalid parameters passed to libbzip2");
        return -1;
    case BZ_MEM_ERROR:
        err_nomemory(ts);
        return -1;
    case BZ_DATA_ERROR: case BZ_DATA_ERROR_MAGIC:
        err_set(ts, &tr_exc_OSError, "Invalid data stream");
        return -1;
    case BZ_IO_ERROR:
        err_set(ts, &tr_exc_OSError, "Unknown I/O error");
        return -1;
    case BZ_UNEXPECTED_EOF:
        err_set(ts, &tr_exc_EOFError, "Compressed file ended before the logical end-of-stream was detected");
        return -1;
    case BZ_SEQUENCE_ERROR:
        err_set(ts, &tr_exc_RuntimeError, "Internal error - Invalid sequence of commands sent to libbzip2");
        return -1;
    default:
        err_format(ts, &tr_exc_OSError, "Unrecognized error from libbzip2: %d", ret);
        return -1;
    }
}

/* ---- output ------------------------------------------------------------------
 * Output grows in a malloc'd block, doubling, never past `limit` bytes when
 * a limit is set (limit < 0: none). */
typedef struct Out {
    char *p;
    size_t cap, len;
    int64_t limit;
} Out;

/* Points the stream at free room.  0, 1 when the limit is reached, -1 when
 * out of memory. */
static int out_room(Out *o, bz_stream *s) {
    o->len = o->p ? (size_t)(s->next_out - o->p) : 0;
    if (o->len == o->cap) {
        size_t ncap = o->cap ? o->cap * 2 : OUT_INIT;
        if (o->limit >= 0 && ncap > (size_t)o->limit) ncap = (size_t)o->limit;
        if (ncap <= o->len) {
            if (!o->p && !(o->p = malloc(1))) return -1;   /* a valid next_out even for max_length 0 */
            s->next_out = o->p + o->len;
            s->avail_out = 0;
            return 1;
        }
        char *np = realloc(o->p, ncap);
        if (!np) return -1;
        o->p = np;
        o->cap = ncap;
    }
    s->next_out = o->p + o->len;
    size_t room = o->cap - o->len;
    s->avail_out = room > UINT_MAX ? UINT_MAX : (unsigned)room;
    return 0;
}

static size_t out_len(const Out *o, const bz_stream *s) { return o->p ? (size_t)(s->next_out - o->p) : 0; }

/* ---- the stream objects ------------------------------------------------------- */
typedef struct Bz2 {
    TrObject ob_base;
    uint8_t lock;            /* TrMutex (threads/lock.h), see the file comment */
    int inited;              /* bzs is live: BZ2_bz*End still to call */
    int flushed;             /* compressor: flush() ran */
    int eof;                 /* decompressor: the end-of-stream marker was seen */
    int needs_input;         /* decompressor */
    bz_stream bzs;
    char *pending;           /* decompressor: malloc'd input held back by max_length, or NULL */
    size_t npending;
    TrObject *unused_data;   /* decompressor: owned bytes past the end of the stream */
} Bz2;

static TrType bz2_compressor_type, bz2_decompressor_type;

static void slock(TrThread *ts, Bz2 *z) {
    if (mutex_trylock(&z->lock)) return;
    /* wait detached: the holder may be running libbz2 detached for a while */
    gil_release_for_blocking(ts);
    mutex_lock(&z->lock);
    gil_reacquire_after_blocking(ts);
}

static void sunlock(Bz2 *z) { mutex_unlock(&z->lock); }

static void bz2_dealloc(TrThread *ts, TrObject *o) {
    Bz2 *z = (Bz2 *)o;
    if (z->inited) {
        if (tr_type(o) == &bz2_compressor_type) BZ2_bzCompressEnd(&z->bzs);
        else BZ2_bzDecompressEnd(&z->bzs);
    }
    free(z->pending);
    tr_xdecref(z->unused_data);
    tr_free(o);
}

static TrObject *bz2_repr(TrThread *ts, TrObject *o) {
    return str_format(ts, "<%s object at %p>", tr_type_name(o), (void *)o);
}

/* BZ2Compressor(compresslevel=9, /) */
static TrObject *compressor_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_no_kwargs(ts, "BZ2Compressor", kwnames) < 0 || tr_check_nargs(ts, "BZ2Compressor", nargs, 0, 1) < 0)
        return NULL;
    int level = 9;
    if (nargs && posargs_int(ts, args[0], &level) < 0) return NULL;
    if (level < 1 || level > 9) {
        err_set(ts, &tr_exc_ValueError, "compresslevel must be between 1 and 9");
        return NULL;
    }
    Bz2 *z = (Bz2 *)tr_alloc(ts, type);
    if (!z) return NULL;
    int ret = BZ2_bzCompressInit(&z->bzs, level, 0, 0);
    if (bz_error(ts, ret) < 0) { tr_decref((TrObject *)z); return NULL; }
    z->inited = 1;
    return (TrObject *)z;
}

/* Runs BZ2_bzCompress with `action` over p[0..n) until the input is used
 * up (BZ_RUN) or the stream ends (BZ_FINISH).  libbz2's last status, or
 * BZ_MEM_ERROR when the output could not grow.  Callable detached. */
static int run_compress(bz_stream *s, const char *p, size_t n, int action, Out *out) {
    const char *end = p + n;
    s->next_in = (char *)p;
    s->avail_in = 0;
    for (;;) {
        if (s->avail_in == 0) {
            size_t left = (size_t)(end - s->next_in);
            s->avail_in = left > UINT_MAX ? UINT_MAX : (unsigned)left;
        }
        if (action == BZ_RUN && s->avail_in == 0) return BZ_RUN_OK;
        if (s->avail_out == 0 && out_room(out, s) != 0) return BZ_MEM_ERROR;
        int ret = BZ2_bzCompress(s, action);
        if (ret != BZ_RUN_OK && ret != BZ_FINISH_OK) return ret;   /* BZ_STREAM_END or an error */
    }
}

/* Shared by compress() and flush(); the lock is taken here. */
static TrObject *do_compress(TrThread *ts, Bz2 *z, const char *p, size_t n, int action) {
    Out out = {NULL, 0, 0, -1};
    int ret;
    slock(ts, z);
    if (z->flushed) {
        sunlock(z);
        err_set(ts, &tr_exc_ValueError, action == BZ_RUN ? "Compressor has been flushed" : "Repeated call to flush()");
        return NULL;
    }
    z->bzs.avail_out = 0;
    if (action == BZ_FINISH || n >= DETACH_MIN) {
        gil_release_for_blocking(ts);
        ret = run_compress(&z->bzs, p, n, action, &out);
        gil_reacquire_after_blocking(ts);
    } else {
        ret = run_compress(&z->bzs, p, n, action, &out);
    }
    size_t len = out_len(&out, &z->bzs);
    if (action == BZ_FINISH && ret == BZ_STREAM_END) z->flushed = 1;
    sunlock(z);
    TrObject *r = NULL;
    if (bz_error(ts, ret) == 0) r = bytes_from(ts, out.p ? out.p : "", len);
    free(out.p);
    return r;
}

#define SELF ((Bz2 *)self)

/* BZ2Compressor.compress(data, /) */
FUNC(compressor_compress) {
    if (tr_check_args(ts, "BZ2Compressor.compress", nargs, kwnames, 1, 1) < 0) return NULL;
    TrBytesView v;
    if (posargs_buffer(ts, args[0], &v) < 0) return NULL;
    TrObject *r = do_compress(ts, SELF, v.p, v.n, BZ_RUN);
    bytes_view_release(&v);
    return r;
}

/* BZ2Compressor.flush(): ends the stream. */
FUNC(compressor_flush) {
    if (tr_check_args(ts, "BZ2Compressor.flush", nargs, kwnames, 0, 0) < 0) return NULL;
    return do_compress(ts, SELF, "", 0, BZ_FINISH);
}

/* BZ2Decompressor() */
static TrObject *decompressor_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs,
                                  TrObject *kwnames) {
    if (nargs) return err_format(ts, &tr_exc_TypeError, "BZ2Decompressor() takes no positional arguments");
    if (tr_check_no_kwargs(ts, "BZ2Decompressor", kwnames) < 0) return NULL;
    Bz2 *z = (Bz2 *)tr_alloc(ts, type);
    if (!z) return NULL;
    z->needs_input = 1;
    if (!(z->unused_data = bytes_from(ts, "", 0))) { tr_decref((TrObject *)z); return NULL; }
    int ret = BZ2_bzDecompressInit(&z->bzs, 0, 0);
    if (bz_error(ts, ret) < 0) { tr_decref((TrObject *)z); return NULL; }
    z->inited = 1;
    return (TrObject *)z;
}

/* Decompresses p[0..n) into `out` (at most out->limit bytes): stops at the
 * end of the stream, when the input is used up, or when the limit is
 * reached.  `*left` gets the input not consumed.  libbz2's last status, or
 * BZ_MEM_ERROR.  Callable detached. */
static int run_decompress(bz_stream *s, const char *p, size_t n, Out *out, size_t *left) {
    const char *end = p + n;
    int ret;
    s->next_in = (char *)p;
    s->avail_in = 0;
    s->avail_out = 0;
    if (out_room(out, s) < 0) return BZ_MEM_ERROR;
    for (;;) {
        size_t rest = (size_t)(end - s->next_in);
        s->avail_in = rest > UINT_MAX ? UINT_MAX : (unsigned)rest;
        ret = BZ2_bzDecompress(s);
        *left = (size_t)(end - s->next_in);
        if (ret != BZ_OK) break;    /* BZ_STREAM_END or an error */
        if (*left == 0) break;
        if (s->avail_out == 0) {
            int r = out_room(out, s);
            if (r < 0) return BZ_MEM_ERROR;
            if (r > 0) break;       /* max_length reached */
        }
    }
    return ret;
}

/* BZ2Decompressor.decompress(data, max_length=-1) */
FUNC(decompressor_decompress) {
    static const char *const names[] = {"data", "max_length"};
    TrObject *a[2];
    if (posargs_parse(ts, "decompress", args, nargs, kwnames, names, 0, 2, 1, 0, a) < 0) return NULL;
    TrBytesView v;
    if (posargs_buffer(ts, a[0], &v) < 0) return NULL;
    int64_t max_length = -1;
    if (a[1] && posargs_int64(ts, a[1], &max_length, "ssize_t") < 0) { bytes_view_release(&v); return NULL; }
    Bz2 *z = SELF;
    Out out = {NULL, 0, 0, max_length < 0 ? -1 : max_length};
    TrObject *r = NULL;
    slock(ts, z);
    if (z->eof) {
        sunlock(z);
        bytes_view_release(&v);
        err_set(ts, &tr_exc_EOFError, "End of stream already reached");
        return NULL;
    }
    /* the input: held-back input first, then `data` */
    const char *in = v.p;
    size_t nin = v.n;
    char *joined = NULL;
    if (z->npending) {
        if (!(joined = malloc(z->npending + v.n))) { sunlock(z); bytes_view_release(&v); return err_nomemory(ts); }
        memcpy(joined, z->pending, z->npending);
        memcpy(joined + z->npending, v.p, v.n);
        in = joined;
        nin = z->npending + v.n;
    }
    size_t left = 0;
    int ret;
    if (nin >= DETACH_MIN) {
        gil_release_for_blocking(ts);
        ret = run_decompress(&z->bzs, in, nin, &out, &left);
        gil_reacquire_after_blocking(ts);
    } else {
        ret = run_decompress(&z->bzs, in, nin, &out, &left);
    }
    size_t len = out_len(&out, &z->bzs);
    if (ret == BZ_OK || ret == BZ_STREAM_END) {
        const char *rest = in + nin - left;
        char *np = NULL;
        TrObject *unused = NULL;
        if (ret == BZ_STREAM_END && left && !(unused = bytes_from(ts, rest, left))) goto unlock;
        if (ret != BZ_STREAM_END && left) {
            if (!(np = malloc(left))) { err_nomemory(ts); goto unlock; }
            memcpy(np, rest, left);
        }
        if (!(r = bytes_from(ts, out.p, len))) { free(np); tr_xdecref(unused); goto unlock; }
        free(z->pending);
        z->pending = np;
        z->npending = np ? left : 0;
        if (ret == BZ_STREAM_END) {
            z->eof = 1;
            z->needs_input = 0;
            if (unused) { tr_decref(z->unused_data); z->unused_data = unused; }
        } else {
            z->needs_input = left == 0;
        }
    } else {
        bz_error(ts, ret);
    }
unlock:
    sunlock(z);
    free(joined);
    free(out.p);
    bytes_view_release(&v);
    return r;
}

static TrObject *decompressor_getattr(TrThread *ts, TrObject *self, TrObject *name) {
    Bz2 *z = SELF;
    TrObject *r;
    if (str_equal_cstr(name, "unused_data")) {
        slock(ts, z);
        r = tr_newref(z->unused_data);
        sunlock(z);
    } else if (str_equal_cstr(name, "eof")) {
        slock(ts, z);
        r = tr_bool(z->eof);
        sunlock(z);
    } else if (str_equal_cstr(name, "needs_input")) {
        slock(ts, z);
        r = tr_bool(z->needs_input);
        sunlock(z);
    } else {
        return tr_generic_getattr(ts, self, name);
    }
    return r;
}

static int decompressor_setattr(TrThread *ts, TrObject *self, TrObject *name, TrObject *value) {
    if (str_equal_cstr(name, "unused_data") || str_equal_cstr(name, "eof") || str_equal_cstr(name, "needs_input")) {
        err_set(ts, &tr_exc_AttributeError, "readonly attribute");
        return -1;
    }
    return tr_generic_setattr(ts, self, name, value);
}

/* __reduce__/__getstate__: the objects hold C state that cannot be pickled. */
FUNC(bz2_reduce) {
    return err_format(ts, &tr_exc_TypeError, "cannot pickle '%s' object", tr_type_name(self));
}

static const TrMethodDef compressor_methods[] = {
    {"compress", compressor_compress}, {"flush", compressor_flush}, {"__reduce__", bz2_reduce},
    {NULL, NULL},
};

static const TrMethodDef decompressor_methods[] = {
    {"decompress", decompressor_decompress}, {"__reduce__", bz2_reduce},
    {NULL, NULL},
};

static TrType bz2_compressor_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "_bz2.BZ2Compressor",
    .basicsize = sizeof(Bz2),
    .dealloc = bz2_dealloc,
    .repr = bz2_repr,
    .new_ = compressor_new,
    .methods = compressor_methods,
};

static TrType bz2_decompressor_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "_bz2.BZ2Decompressor",
    .basicsize = sizeof(Bz2),
    .dealloc = bz2_dealloc,
    .repr = bz2_repr,
    .new_ = decompressor_new,
    .getattr = decompressor_getattr,
    .setattr = decompressor_setattr,
    .methods = decompressor_methods,
};

TrObject *_bz2_module_init(TrThread *ts) {
    if (type_ready(ts, &bz2_compressor_type) < 0 || type_ready(ts, &bz2_decompressor_type) < 0) return NULL;
    TrObject *m = module_new(ts, "_bz2");
    if (!m) return NULL;
    TrObject *d = module_dict(m);
    if (dict_set_cstr(ts, d, "BZ2Compressor", (TrObject *)&bz2_compressor_type) < 0 ||
        dict_set_cstr(ts, d, "BZ2Decompressor", (TrObject *)&bz2_decompressor_type) < 0) {
        tr_decref(m);
        return NULL;
    }
    return m;
}
