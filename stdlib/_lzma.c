/* stdlib/_lzma.c: the `_lzma` module over the system's liblzma: the
 * streaming LZMACompressor and LZMADecompressor types (containers
 * FORMAT_XZ, FORMAT_ALONE, FORMAT_RAW and, for decoding, FORMAT_AUTO; filter
 * chains given as dicts), LZMAError, is_check_supported, the filter
 * property codecs zipfile uses, and the constants.  stdlib/py/lzma.py adds
 * compress/decompress, LZMAFile and open.  Messages are CPython 3.13's
 * ("Corrupt input data", "Already at end of stream").
 *
 * Threads: as in stdlib/_bz2.c, a stream object's lzma_stream and every
 * field after `lock` are guarded by the object's own TrMutex `lock`,
 * waited for detached; no Python code runs while it is held; big inputs
 * and every flush run liblzma detached, touching only the lzma_stream,
 * malloc'd buffers and immutable input bytes (bytes_view copies a
 * bytearray).  Lock order: a stream lock is a leaf.
 * LZMAError is created once at import and published with a release store. */
#include <limits.h>
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "torii/torii.h"
#include "stdlib/stdlib.h"
#include "stdlib/posargs.h"
#include "threads/lock.h"

#define OUT_INIT (32 * 1024)
#define DETACH_MIN (16 * 1024)

enum { FORMAT_AUTO, FORMAT_XZ, FORMAT_ALONE, FORMAT_RAW };

static TrObject *error_class;   /* _lzma.LZMAError; immortal; set once at import */

#define FUNC(name) static TrObject *name(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames)

static void raise_lzma(TrThread *ts, const char *msg) {
    /* acquire: pairs with the release in _lzma_module_init */
    posargs_raise(ts, atomic_load_ptr_acquire((void *const *)&error_class), msg);
}

/* Raises LZMAError (or MemoryError) for liblzma status `ret`.  -1, or 0
 * when `ret` is not an error. */
static int lz_error(TrThread *ts, lzma_ret ret) {
    const char *msg;
    switch (ret) {
    case LZMA_OK: case LZMA_GET_CHECK: case LZMA_NO_CHECK: case LZMA_STREAM_END: return 0;
    case LZMA_UNSUPPORTED_CHECK: msg = "Unsupported integrity check"; break;
    case LZMA_MEM_ERROR: err_nomemory(ts); return -1;
    case LZMA_MEMLIMIT_ERROR: msg = "Memory usage limit exceeded"; break;
    case LZMA_FORMAT_ERROR: msg = "Input format not supported by decoder"; break;
    case LZMA_OPTIONS_ERROR: msg = "Invalid or unsupported options"; break;
    case LZMA_DATA_ERROR: msg = "Corrupt input data"; break;
    case LZMA_BUF_ERROR: msg = "Insufficient buffer space"; break;
    case LZMA_PROG_ERROR: msg = "Internal error"; break;
    default: {
        char buf[64];
        snprintf(buf, sizeof buf, "Unrecognized error from liblzma: %d", (int)ret);
        raise_lzma(ts, buf);
        return -1;
    }
    }
    raise_lzma(ts, msg);
    return -1;
}

/* ---- integer conversions, as CPython's converters word them ---- */

/* `o` as an unsigned 64-bit value no larger than `max`.  0 or -1 with
 * TypeError "an integer is required" / OverflowError. */
static int to_unsigned(TrThread *ts, TrObject *o, uint64_t max, uint64_t *out) {
    if (!int_check(o)) {
        err_set(ts, &tr_exc_TypeError, "an integer is required");
        return -1;
    }
    int overflow = 0;
    int64_t v = int_as_i64_overflow(o, &overflow);
    if (overflow < 0 || (!overflow && v < 0)) {
        err_set(ts, &tr_exc_OverflowError, "can't convert negative int to unsigned");
        return -1;
    }
    if (overflow || (uint64_t)v > max) {
        err_set(ts, &tr_exc_OverflowError, max == UINT32_MAX ? "Value too large for uint32_t"
                                                              : "int too big to convert");
        return -1;
    }
    *out = (uint64_t)v;
    return 0;
}

static int to_u32(TrThread *ts, TrObject *o, uint32_t *out) {
    uint64_t v;
    if (to_unsigned(ts, o, UINT32_MAX, &v) < 0) return -1;
    *out = (uint32_t)v;
    return 0;
}

/* ---- filter chains ---------------------------------------------------------
 * A chain is lzma_filter[LZMA_FILTERS_MAX + 1] ending in LZMA_VLI_UNKNOWN;
 * each filter's options are malloc'd and freed by free_filters. */

static void free_filters(lzma_filter *f) {
    for (int i = 0; f[i].id != LZMA_VLI_UNKNOWN; i++) {
        free(f[i].options);
        f[i].options = NULL;
    }
}

static int is_bcj(lzma_vli id) {
    return id == LZMA_FILTER_X86 || id == LZMA_FILTER_POWERPC || id == LZMA_FILTER_IA64 ||
           id == LZMA_FILTER_ARM || id == LZMA_FILTER_ARMTHUMB || id == LZMA_FILTER_SPARC;
}

/* Fills `f` from the filter specifier `spec` (a dict with an "id" entry
 * and that filter's options).  0, or -1 with the error; f->options is
 * malloc'd on success only. */
static int parse_filter(TrThread *ts, TrObject *spec, lzma_filter *f) {
    f->id = LZMA_VLI_UNKNOWN;
    f->options = NULL;
    if (!dict_check(spec)) {
        err_set(ts, &tr_exc_TypeError, "Filter specifier must be a dict or dict-like object");
        return -1;
    }
    TrObject *ido = dict_get_cstr(ts, spec, "id");   /* borrowed */
    if (!ido) {
        if (err_occurred(ts)) return -1;
        err_set(ts, &tr_exc_ValueError, "Filter specifier must have an \"id\" entry");
        return -1;
    }
    uint64_t id;
    if (to_unsigned(ts, ido, UINT64_MAX, &id) < 0) return -1;
    const char *kind;
    static const char *const lzma_keys[] = {"id", "preset", "dict_size", "lc", "lp", "pb",
                                            "mode", "nice_len", "mf", "depth", NULL};
    static const char *const delta_keys[] = {"id", "dist", NULL};
    static const char *const bcj_keys[] = {"id", "start_offset", NULL};
    const char *const *keys;
    if (id == LZMA_FILTER_LZMA1 || id == LZMA_FILTER_LZMA2) kind = "LZMA", keys = lzma_keys;
    else if (id == LZMA_FILTER_DELTA) kind = "delta", keys = delta_keys;
    else if (is_bcj(id)) kind = "BCJ", keys = bcj_keys;
    else {
        err_format(ts, &tr_exc_ValueError, "Invalid filter ID: %llu", (unsigned long long)id);
        return -1;
    }
    /* every other entry: a known key with a uint32 value */
    uint32_t val[10];
    int have[10] = {0};
    size_t pos = 0;
    TrObject *k, *v;
    int r;
    while ((r = dict_next(ts, spec, &pos, &k, &v)) > 0) {
        int i = 0;
        while (keys[i] && !(str_check(k) && str_equal_cstr(k, keys[i]))) i++;
        if (!keys[i]) goto bad;
        if (i == 0) continue;
        if (!int_check(v)) goto bad;
        uint64_t u;
        if (to_unsigned(ts, v, UINT32_MAX, &u) < 0) { err_clear(ts); goto bad; }
        val[i] = (uint32_t)u;
        have[i] = 1;
    }
    if (r < 0) return -1;
    if (keys == lzma_keys) {
        lzma_options_lzma *o = calloc(1, sizeof *o);
        if (!o) { err_nomemory(ts); return -1; }
        uint32_t preset = have[1] ? val[1] : LZMA_PRESET_DEFAULT;
        if (lzma_lzma_preset(o, preset)) {
            free(o);
            char buf[64];
            snprintf(buf, sizeof buf, "Invalid compression preset: %u", preset);
            raise_lzma(ts, buf);
            return -1;
        }
        if (have[2]) o->dict_size = val[2];
        if (have[3]) o->lc = val[3];
        if (have[4]) o->lp = val[4];
        if (have[5]) o->pb = val[5];
        if (have[6]) o->mode = (lzma_mode)val[6];
        if (have[7]) o->nice_len = val[7];
        if (have[8]) o->mf = (lzma_match_finder)val[8];
        if (have[9]) o->depth = val[9];
        f->options = o;
    } else if (keys == delta_keys) {
        lzma_options_delta *o = calloc(1, sizeof *o);
        if (!o) { err_nomemory(ts); return -1; }
        o->type = LZMA_DELTA_TYPE_BYTE;
        o->dist = have[1] ? val[1] : 1;
        f->options = o;
    } else {
        lzma_options_bcj *o = calloc(1, sizeof *o);
        if (!o) { err_nomemory(ts); return -1; }
        o->start_offset = have[1] ? val[1] : 0;
        f->options = o;
    }
    f->id = id;
    return 0;
bad:
    err_format(ts, &tr_exc_ValueError, "Invalid filter specifier for %s filter", kind);
    return -1;
}

/* Fills `chain` from the sequence `specs`.  0, or -1 with the error and
 * `chain` empty. */
static int parse_filters(TrThread *ts, TrObject *specs, lzma_filter *chain) {
    chain[0].id = LZMA_VLI_UNKNOWN;
    ssize_t n = tr_len(ts, specs);
    if (n < 0) return -1;
    if (n > LZMA_FILTERS_MAX) {
        err_format(ts, &tr_exc_ValueError, "Too many filters - liblzma supports a maximum of %d", LZMA_FILTERS_MAX);
        return -1;
    }
    for (ssize_t i = 0; i < n; i++) {
        TrObject *spec = tr_getitem(ts, specs, tr_imm_from(i));
        int r = spec ? parse_filter(ts, spec, &chain[i]) : -1;
        tr_xdecref(spec);
        chain[i + 1].id = LZMA_VLI_UNKNOWN;
        if (r < 0) {
            chain[i].id = LZMA_VLI_UNKNOWN;
            free_filters(chain);
            return -1;
        }
    }
    return 0;
}

/* ---- output ----------------------------------------------------------------- */
typedef struct Out {
    uint8_t *p;
    size_t cap;
    int64_t limit;   /* < 0: none */
} Out;

static size_t out_len(const Out *o, const lzma_stream *s) { return o->p ? (size_t)(s->next_out - o->p) : 0; }

/* Points the stream at free room.  0, 1 when the limit is reached, -1 when
 * out of memory. */
static int out_room(Out *o, lzma_stream *s) {
    size_t len = out_len(o, s);
    if (len == o->cap) {
        size_t ncap = o->cap ? o->cap * 2 : OUT_INIT;
        if (o->limit >= 0 && ncap > (size_t)o->limit) ncap = (size_t)o->limit;
        if (ncap <= len) {
            if (!o->p && !(o->p = malloc(1))) return -1;   /* a valid next_out even for max_length 0 */
            s->next_out = o->p + len;
            s->avail_out = 0;
            return 1;
        }
        uint8_t *np = realloc(o->p, ncap);
        if (!np) return -1;
        o->p = np;
        o->cap = ncap;
    }
    s->next_out = o->p + len;
    s->avail_out = o->cap - len;
    return 0;
}

/* ---- the stream objects ------------------------------------------------------- */
typedef struct Lz {
    TrObject ob_base;
    uint8_t lock;            /* TrMutex (threads/lock.h), see the file comment */
    int flushed;             /* compressor: flush() ran */
    int eof;                 /* decompressor: the end of the stream was seen */
    int needs_input;         /* decompressor */
    int check;               /* decompressor: the integrity check, once known */
    lzma_stream lzs;
    uint8_t *pending;        /* decompressor: malloc'd input held back by max_length, or NULL */
    size_t npending;
    TrObject *unused_data;   /* decompressor: owned bytes past the end of the stream */
} Lz;

static TrType lzma_compressor_type, lzma_decompressor_type;

static void slock(TrThread *ts, Lz *z) {
    if (mutex_trylock(&z->lock)) return;
    /* wait detached: the holder may be running liblzma detached for a while */
    gil_release_for_blocking(ts);
    mutex_lock(&z->lock);
    gil_reacquire_after_blocking(ts);
}

static void sunlock(Lz *z) { mutex_unlock(&z->lock); }

static void lz_dealloc(TrThread *ts, TrObject *o) {
    Lz *z = (Lz *)o;
    lzma_end(&z->lzs);   /* harmless on a stream never initialised (zeroed) */
    free(z->pending);
    tr_xdecref(z->unused_data);
    tr_free(o);
}

static TrObject *lz_repr(TrThread *ts, TrObject *o) {
    return str_format(ts, "<%s object at %p>", tr_type_name(o), (void *)o);
}

static Lz *lz_alloc(TrThread *ts, TrType *type) {
    Lz *z = (Lz *)tr_alloc(ts, type);
    if (!z) return NULL;
    lzma_stream init = LZMA_STREAM_INIT;
    z->lzs = init;
    return z;
}

/* LZMACompressor(format=FORMAT_XZ, check=-1, preset=None, filters=None) */
static TrObject *compressor_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"format", "check", "preset", "filters"};
    TrObject *a[4];
    if (posargs_parse(ts, "LZMACompressor", args, nargs, kwnames, names, 0, 4, 0, 0, a) < 0) return NULL;
    int format = FORMAT_XZ, check = -1;
    uint32_t preset = LZMA_PRESET_DEFAULT;
    if ((a[0] && posargs_int(ts, a[0], &format) < 0) || (a[1] && posargs_int(ts, a[1], &check) < 0)) return NULL;
    TrObject *presobj = a[2] && a[2] != tr_none ? a[2] : NULL;
    TrObject *filters = a[3] && a[3] != tr_none ? a[3] : NULL;
    if (format != FORMAT_XZ && check != -1 && check != LZMA_CHECK_NONE) {
        err_set(ts, &tr_exc_ValueError, "Integrity checks are only supported by FORMAT_XZ");
        return NULL;
    }
    if (presobj && filters) {
        err_set(ts, &tr_exc_ValueError, "Cannot specify both preset and filter chain");
        return NULL;
    }
    if (presobj && to_u32(ts, presobj, &preset) < 0) return NULL;
    lzma_filter chain[LZMA_FILTERS_MAX + 1];
    chain[0].id = LZMA_VLI_UNKNOWN;
    if (format != FORMAT_XZ && format != FORMAT_ALONE && format != FORMAT_RAW) {
        err_format(ts, &tr_exc_ValueError, "Invalid container format: %d", format);
        return NULL;
    }
    if (format == FORMAT_RAW && !filters) {
        err_set(ts, &tr_exc_ValueError, "Must specify filters for FORMAT_RAW");
        return NULL;
    }
    if (filters && parse_filters(ts, filters, chain) < 0) return NULL;
    Lz *z = lz_alloc(ts, type);
    if (!z) { free_filters(chain); return NULL; }
    lzma_ret ret;
    if (format == FORMAT_XZ) {
        if (check == -1) check = LZMA_CHECK_CRC64;
        ret = filters ? lzma_stream_encoder(&z->lzs, chain, (lzma_check)check)
                      : lzma_easy_encoder(&z->lzs, preset, (lzma_check)check);
    } else if (format == FORMAT_ALONE) {
        if (filters) {
            if (chain[0].id != LZMA_FILTER_LZMA1 || chain[1].id != LZMA_VLI_UNKNOWN) {
                free_filters(chain);
                tr_decref((TrObject *)z);
                err_set(ts, &tr_exc_ValueError,
                        "Invalid filter chain for FORMAT_ALONE - must be a single LZMA1 filter");
                return NULL;
            }
            ret = lzma_alone_encoder(&z->lzs, chain[0].options);
        } else {
            lzma_options_lzma opts;
            if (lzma_lzma_preset(&opts, preset)) {
                tr_decref((TrObject *)z);
                char buf[64];
                snprintf(buf, sizeof buf, "Invalid compression preset: %u", preset);
                raise_lzma(ts, buf);
                return NULL;
            }
            ret = lzma_alone_encoder(&z->lzs, &opts);
        }
    } else {
        ret = lzma_raw_encoder(&z->lzs, chain);
    }
    free_filters(chain);
    if (lz_error(ts, ret) < 0) { tr_decref((TrObject *)z); return NULL; }
    return (TrObject *)z;
}

/* Runs lzma_code with `action` over p[0..n) until the input is used up
 * (LZMA_RUN) or the stream ends (LZMA_FINISH).  liblzma's last status
 * (LZMA_OK when done), or LZMA_MEM_ERROR when the output could not grow.
 * Callable detached. */
static lzma_ret run_compress(lzma_stream *s, const uint8_t *p, size_t n, lzma_action action, Out *out) {
    s->next_in = p;
    s->avail_in = n;
    s->avail_out = 0;
    if (out_room(out, s) != 0) return LZMA_MEM_ERROR;
    for (;;) {
        lzma_ret ret = lzma_code(s, action);
        if (ret == LZMA_BUF_ERROR && s->avail_in == 0 && s->avail_out > 0) ret = LZMA_OK;
        if (ret != LZMA_OK && ret != LZMA_STREAM_END) return ret;
        if ((action == LZMA_RUN && s->avail_in == 0) || (action == LZMA_FINISH && ret == LZMA_STREAM_END))
            return LZMA_OK;
        if (s->avail_out == 0 && out_room(out, s) != 0) return LZMA_MEM_ERROR;
    }
}

static TrObject *do_compress(TrThread *ts, Lz *z, const char *p, size_t n, lzma_action action) {
    Out out = {NULL, 0, -1};
    lzma_ret ret;
    slock(ts, z);
    if (z->flushed) {
        sunlock(z);
        err_set(ts, &tr_exc_ValueError, action == LZMA_RUN ? "Compressor has been flushed" : "Repeated call to flush()");
        return NULL;
    }
    if (action == LZMA_FINISH || n >= DETACH_MIN) {
        gil_release_for_blocking(ts);
        ret = run_compress(&z->lzs, (const uint8_t *)p, n, action, &out);
        gil_reacquire_after_blocking(ts);
    } else {
        ret = run_compress(&z->lzs, (const uint8_t *)p, n, action, &out);
    }
    size_t len = out_len(&out, &z->lzs);
    if (action == LZMA_FINISH && ret == LZMA_OK) z->flushed = 1;
    sunlock(z);
    TrObject *r = NULL;
    if (lz_error(ts, ret) == 0) r = bytes_from(ts, (const char *)out.p, len);
    free(out.p);
    return r;
}

#define SELF ((Lz *)self)

/* LZMACompressor.compress(data, /) */
FUNC(compressor_compress) {
    if (tr_check_args(ts, "LZMACompressor.compress", nargs, kwnames, 1, 1) < 0) return NULL;
    TrBytesView v;
    if (posargs_buffer(ts, args[0], &v) < 0) return NULL;
    TrObject *r = do_compress(ts, SELF, v.p, v.n, LZMA_RUN);
    bytes_view_release(&v);
    return r;
}

/* LZMACompressor.flush() */
FUNC(compressor_flush) {
    if (tr_check_args(ts, "LZMACompressor.flush", nargs, kwnames, 0, 0) < 0) return NULL;
    return do_compress(ts, SELF, "", 0, LZMA_FINISH);
}

/* LZMADecompressor(format=FORMAT_AUTO, memlimit=None, filters=None) */
static TrObject *decompressor_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs,
                                  TrObject *kwnames) {
    static const char *const names[] = {"format", "memlimit", "filters"};
    TrObject *a[3];
    if (posargs_parse(ts, "LZMADecompressor", args, nargs, kwnames, names, 0, 3, 0, 0, a) < 0) return NULL;
    int format = FORMAT_AUTO;
    if (a[0] && posargs_int(ts, a[0], &format) < 0) return NULL;
    TrObject *memobj = a[1] && a[1] != tr_none ? a[1] : NULL;
    TrObject *filters = a[2] && a[2] != tr_none ? a[2] : NULL;
    uint64_t memlimit = UINT64_MAX;
    if (memobj) {
        if (format == FORMAT_RAW) {
            err_set(ts, &tr_exc_ValueError, "Cannot specify memory limit with FORMAT_RAW");
            return NULL;
        }
        if (to_unsigned(ts, memobj, UINT64_MAX, &memlimit) < 0) return NULL;
    }
    if (format == FORMAT_RAW && !filters) {
        err_set(ts, &tr_exc_ValueError, "Must specify filters for FORMAT_RAW");
        return NULL;
    }
    if (format != FORMAT_RAW && filters) {
        err_set(ts, &tr_exc_ValueError, "Cannot specify filters except with FORMAT_RAW");
        return NULL;
    }
    if (format < FORMAT_AUTO || format > FORMAT_RAW) {
        err_format(ts, &tr_exc_ValueError, "Invalid container format: %d", format);
        return NULL;
    }
    lzma_filter chain[LZMA_FILTERS_MAX + 1];
    chain[0].id = LZMA_VLI_UNKNOWN;
    if (filters && parse_filters(ts, filters, chain) < 0) return NULL;
    Lz *z = lz_alloc(ts, type);
    if (!z) { free_filters(chain); return NULL; }
    z->needs_input = 1;
    z->check = LZMA_CHECK_ID_MAX + 1;   /* CHECK_UNKNOWN */
    if (!(z->unused_data = bytes_from(ts, "", 0))) { free_filters(chain); tr_decref((TrObject *)z); return NULL; }
    const uint32_t flags = LZMA_TELL_ANY_CHECK | LZMA_TELL_NO_CHECK;
    lzma_ret ret;
    switch (format) {
    case FORMAT_AUTO: ret = lzma_auto_decoder(&z->lzs, memlimit, flags); break;
    case FORMAT_XZ: ret = lzma_stream_decoder(&z->lzs, memlimit, flags); break;
    case FORMAT_ALONE: z->check = LZMA_CHECK_NONE; ret = lzma_alone_decoder(&z->lzs, memlimit); break;
    default: z->check = LZMA_CHECK_NONE; ret = lzma_raw_decoder(&z->lzs, chain); break;
    }
    free_filters(chain);
    if (lz_error(ts, ret) < 0) { tr_decref((TrObject *)z); return NULL; }
    return (TrObject *)z;
}

/* Decodes p[0..n) into `out` (at most out->limit bytes), until the stream
 * ends, the input is used up or the limit is reached; `*check` gets the
 * integrity check once liblzma tells it.  liblzma's last status, or
 * LZMA_MEM_ERROR.  Callable detached. */
static lzma_ret run_decompress(lzma_stream *s, const uint8_t *p, size_t n, Out *out, int *check) {
    lzma_ret ret;
    s->next_in = p;
    s->avail_in = n;
    s->avail_out = 0;
    if (out_room(out, s) < 0) return LZMA_MEM_ERROR;
    for (;;) {
        ret = lzma_code(s, LZMA_RUN);
        if (ret == LZMA_BUF_ERROR && s->avail_in == 0 && s->avail_out > 0) ret = LZMA_OK;
        if (ret == LZMA_GET_CHECK || ret == LZMA_NO_CHECK) {
            *check = (int)lzma_get_check(s);
            ret = LZMA_OK;
        }
        if (ret != LZMA_OK) return ret;   /* LZMA_STREAM_END or an error */
        if (s->avail_out == 0) {
            int r = out_room(out, s);
            if (r < 0) return LZMA_MEM_ERROR;
            if (r > 0) return LZMA_OK;     /* max_length reached */
        } else if (s->avail_in == 0) {
            return LZMA_OK;
        }
    }
}

/* LZMADecompressor.decompress(data, max_length=-1) */
FUNC(decompressor_decompress) {
    static const char *const names[] = {"data", "max_length"};
    TrObject *a[2];
    if (posargs_parse(ts, "decompress", args, nargs, kwnames, names, 0, 2, 1, 0, a) < 0) return NULL;
    TrBytesView v;
    if (posargs_buffer(ts, a[0], &v) < 0) return NULL;
    int64_t max_length = -1;
    if (a[1] && posargs_int64(ts, a[1], &max_length, "ssize_t") < 0) { bytes_view_release(&v); return NULL; }
    Lz *z = SELF;
    Out out = {NULL, 0, max_length < 0 ? -1 : max_length};
    TrObject *r = NULL;
    slock(ts, z);
    if (z->eof) {
        sunlock(z);
        bytes_view_release(&v);
        err_set(ts, &tr_exc_EOFError, "Already at end of stream");
        return NULL;
    }
    /* the input: held-back input first, then `data` */
    const uint8_t *in = (const uint8_t *)v.p;
    size_t nin = v.n;
    uint8_t *joined = NULL;
    if (z->npending) {
        if (!(joined = malloc(z->npending + v.n))) { sunlock(z); bytes_view_release(&v); return err_nomemory(ts); }
        memcpy(joined, z->pending, z->npending);
        memcpy(joined + z->npending, v.p, v.n);
        in = joined;
        nin = z->npending + v.n;
    }
    int check = z->check;
    lzma_ret ret;
    if (nin >= DETACH_MIN) {
        gil_release_for_blocking(ts);
        ret = run_decompress(&z->lzs, in, nin, &out, &check);
        gil_reacquire_after_blocking(ts);
    } else {
        ret = run_decompress(&z->lzs, in, nin, &out, &check);
    }
    z->check = check;
    size_t len = out_len(&out, &z->lzs);
    size_t left = z->lzs.avail_in;
    if (ret == LZMA_OK || ret == LZMA_STREAM_END) {
        const uint8_t *rest = z->lzs.next_in;
        uint8_t *np = NULL;
        TrObject *unused = NULL;
        if (ret == LZMA_STREAM_END && left && !(unused = bytes_from(ts, (const char *)rest, left))) goto unlock;
        if (ret != LZMA_STREAM_END && left) {
            if (!(np = malloc(left))) { err_nomemory(ts); goto unlock; }
            memcpy(np, rest, left);
        }
        if (!(r = bytes_from(ts, (const char *)out.p, len))) { free(np); tr_xdecref(unused); goto unlock; }
        free(z->pending);
        z->pending = np;
        z->npending = np ? left : 0;
        if (ret == LZMA_STREAM_END) {
            z->eof = 1;
            z->needs_input = 0;
            if (unused) { tr_decref(z->unused_data); z->unused_data = unused; }
        } else if (left == 0) {
            /* no room left: liblzma may still hold output for the next call */
            z->needs_input = z->lzs.avail_out != 0;
        } else {
            z->needs_input = 0;
        }
    } else {
        lz_error(ts, ret);
    }
unlock:
    z->lzs.next_in = NULL;
    z->lzs.avail_in = 0;
    sunlock(z);
    free(joined);
    free(out.p);
    bytes_view_release(&v);
    return r;
}

static TrObject *decompressor_getattr(TrThread *ts, TrObject *self, TrObject *name) {
    Lz *z = SELF;
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
    } else if (str_equal_cstr(name, "check")) {
        slock(ts, z);
        r = tr_imm_from(z->check);
        sunlock(z);
    } else {
        return tr_generic_getattr(ts, self, name);
    }
    return r;
}

static int decompressor_setattr(TrThread *ts, TrObject *self, TrObject *name, TrObject *value) {
    if (str_equal_cstr(name, "unused_data") || str_equal_cstr(name, "eof") || str_equal_cstr(name, "needs_input") ||
        str_equal_cstr(name, "check")) {
        err_set(ts, &tr_exc_AttributeError, "readonly attribute");
        return -1;
    }
    return tr_generic_setattr(ts, self, name, value);
}

FUNC(lz_reduce) {
    return err_format(ts, &tr_exc_TypeError, "cannot pickle '%s' object", tr_type_name(self));
}

/* ---- module functions ---------------------------------------------------------- */

/* is_check_supported(check_id, /) */
FUNC(lzma_is_check_supported) {
    if (tr_check_args(ts, "is_check_supported", nargs, kwnames, 1, 1) < 0) return NULL;
    int check;
    if (posargs_int(ts, args[0], &check) < 0) return NULL;
    return tr_bool(lzma_check_is_supported((lzma_check)check));
}

/* _encode_filter_properties(filter, /): the raw property bytes of one
 * filter specifier. */
FUNC(lzma_encode_filter_properties) {
    if (tr_check_args(ts, "_encode_filter_properties", nargs, kwnames, 1, 1) < 0) return NULL;
    lzma_filter f[2];
    if (parse_filter(ts, args[0], &f[0]) < 0) return NULL;
    f[1].id = LZMA_VLI_UNKNOWN;
    uint32_t size;
    lzma_ret ret = lzma_properties_size(&size, &f[0]);
    TrObject *r = NULL;
    if (lz_error(ts, ret) == 0 && (r = bytes_alloc(ts, size))) {
        ret = lzma_properties_encode(&f[0], (uint8_t *)bytes_data(r));
        if (lz_error(ts, ret) < 0) TR_CLEAR(r);
    }
    free_filters(f);
    return r;
}

static int put_u(TrThread *ts, TrObject *d, const char *key, uint64_t v) {
    TrObject *o = int_from_u64(ts, v);
    if (!o) return -1;
    int rc = dict_set_cstr(ts, d, key, o);
    tr_decref(o);
    return rc;
}

/* _decode_filter_properties(filter_id, encoded_props, /): a filter
 * specifier dict. */
FUNC(lzma_decode_filter_properties) {
    if (tr_check_no_kwargs(ts, "_decode_filter_properties", kwnames) < 0 ||
        tr_check_nargs(ts, "_decode_filter_properties", nargs, 2, 2) < 0)
        return NULL;
    uint64_t id;
    if (to_unsigned(ts, args[0], UINT64_MAX, &id) < 0) return NULL;
    TrBytesView v;
    if (posargs_buffer(ts, args[1], &v) < 0) return NULL;
    lzma_filter f = {.id = id, .options = NULL};
    lzma_ret ret = lzma_properties_decode(&f, NULL, (const uint8_t *)v.p, v.n);
    bytes_view_release(&v);
    if (lz_error(ts, ret) < 0) return NULL;
    TrObject *d = dict_new(ts);
    if (!d || put_u(ts, d, "id", id) < 0) goto fail;
    if (id == LZMA_FILTER_LZMA1) {
        lzma_options_lzma *o = f.options;
        if (put_u(ts, d, "lc", o->lc) < 0 || put_u(ts, d, "lp", o->lp) < 0 || put_u(ts, d, "pb", o->pb) < 0 ||
            put_u(ts, d, "dict_size", o->dict_size) < 0)
            goto fail;
    } else if (id == LZMA_FILTER_LZMA2) {
        if (put_u(ts, d, "dict_size", ((lzma_options_lzma *)f.options)->dict_size) < 0) goto fail;
    } else if (id == LZMA_FILTER_DELTA) {
        if (put_u(ts, d, "dist", ((lzma_options_delta *)f.options)->dist) < 0) goto fail;
    } else if (is_bcj(id) && f.options) {
        if (put_u(ts, d, "start_offset", ((lzma_options_bcj *)f.options)->start_offset) < 0) goto fail;
    }
    free(f.options);
    return d;
fail:
    free(f.options);
    tr_xdecref(d);
    return NULL;
}

static const TrMethodDef compressor_methods[] = {
    {"compress", compressor_compress}, {"flush", compressor_flush}, {"__reduce__", lz_reduce},
    {NULL, NULL},
};

static const TrMethodDef decompressor_methods[] = {
    {"decompress", decompressor_decompress}, {"__reduce__", lz_reduce},
    {NULL, NULL},
};

static TrType lzma_compressor_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "_lzma.LZMACompressor",
    .basicsize = sizeof(Lz),
    .dealloc = lz_dealloc,
    .repr = lz_repr,
    .new_ = compressor_new,
    .methods = compressor_methods,
};

static TrType lzma_decompressor_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "_lzma.LZMADecompressor",
    .basicsize = sizeof(Lz),
    .dealloc = lz_dealloc,
    .repr = lz_repr,
    .new_ = decompressor_new,
    .getattr = decompressor_getattr,
    .setattr = decompressor_setattr,
    .methods = decompressor_methods,
};

static const TrMethodDef lzma_functions[] = {
    {"is_check_supported", lzma_is_check_supported},
    {"_encode_filter_properties", lzma_encode_filter_properties},
    {"_decode_filter_properties", lzma_decode_filter_properties},
    {NULL, NULL},
};

TrObject *_lzma_module_init(TrThread *ts) {
    if (type_ready(ts, &lzma_compressor_type) < 0 || type_ready(ts, &lzma_decompressor_type) < 0) return NULL;
    TrObject *m = module_new(ts, "_lzma");
    if (!m) return NULL;
    TrObject *d = module_dict(m), *err = NULL;
    if (module_add_functions(ts, m, lzma_functions) < 0 ||
        dict_set_cstr(ts, d, "LZMACompressor", (TrObject *)&lzma_compressor_type) < 0 ||
        dict_set_cstr(ts, d, "LZMADecompressor", (TrObject *)&lzma_decompressor_type) < 0)
        goto fail;
    static const struct { const char *name; uint64_t v; } consts[] = {
        {"FORMAT_AUTO", FORMAT_AUTO}, {"FORMAT_XZ", FORMAT_XZ}, {"FORMAT_ALONE", FORMAT_ALONE},
        {"FORMAT_RAW", FORMAT_RAW},
        {"CHECK_NONE", LZMA_CHECK_NONE}, {"CHECK_CRC32", LZMA_CHECK_CRC32}, {"CHECK_CRC64", LZMA_CHECK_CRC64},
        {"CHECK_SHA256", LZMA_CHECK_SHA256}, {"CHECK_ID_MAX", LZMA_CHECK_ID_MAX},
        {"CHECK_UNKNOWN", LZMA_CHECK_ID_MAX + 1},
        {"FILTER_LZMA1", LZMA_FILTER_LZMA1}, {"FILTER_LZMA2", LZMA_FILTER_LZMA2},
        {"FILTER_DELTA", LZMA_FILTER_DELTA}, {"FILTER_X86", LZMA_FILTER_X86},
        {"FILTER_POWERPC", LZMA_FILTER_POWERPC}, {"FILTER_IA64", LZMA_FILTER_IA64},
        {"FILTER_ARM", LZMA_FILTER_ARM}, {"FILTER_ARMTHUMB", LZMA_FILTER_ARMTHUMB},
        {"FILTER_SPARC", LZMA_FILTER_SPARC},
        {"MF_HC3", LZMA_MF_HC3}, {"MF_HC4", LZMA_MF_HC4}, {"MF_BT2", LZMA_MF_BT2}, {"MF_BT3", LZMA_MF_BT3},
        {"MF_BT4", LZMA_MF_BT4},
        {"MODE_FAST", LZMA_MODE_FAST}, {"MODE_NORMAL", LZMA_MODE_NORMAL},
        {"PRESET_DEFAULT", LZMA_PRESET_DEFAULT}, {"PRESET_EXTREME", LZMA_PRESET_EXTREME},
    };
    for (size_t i = 0; i < sizeof consts / sizeof consts[0]; i++)
        if (put_u(ts, d, consts[i].name, consts[i].v) < 0) goto fail;
    err = posargs_new_exception(ts, "_lzma", "LZMAError", &tr_exc_Exception);
    if (!err || dict_set_cstr(ts, d, "LZMAError", err) < 0) goto fail;
    tr_make_immortal(err);   /* lives as long as the (immortal) module; read without counting */
    /* release: pairs with the acquire in raise_lzma */
    atomic_store_ptr_release(&error_class, err);
    tr_decref(err);
    return m;
fail:
    tr_xdecref(err);
    tr_decref(m);
    return NULL;
}
