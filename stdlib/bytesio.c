/* stdlib/bytesio.c: io.BytesIO, an in-memory binary stream.
 *
 * The bytes live in the TrByteArray fields at the start of the object
 * (`data[0..size)` in a block of `cap`, and `exports`), so getbuffer() is a
 * plain memoryview of the stream (objects/memoryview.c reads those fields
 * under this object's lock).  `pos` may lie past `size`: a write there first
 * fills the gap with zeros.  While views are exported nothing may resize or
 * write the buffer (BufferError), and close() is refused.
 * Threads: every field is read and written only inside the stream's
 * critical section (TR_BEGIN_CRITICAL on the stream), so concurrent reads and
 * writes are serialised and each one is atomic.  Arguments are converted
 * (bytes_view, __index__) before the section is entered and results built
 * after it is left: no Python code runs while it is held.
 * Lock order: the stream's lock alone; never held while another object's
 * lock is taken (readinto copies out first, then writes its target). */
#include <stdlib.h>
#include <string.h>

#include "torii/torii.h"
#include "torii/file.h"
#include "torii/memoryview.h"
#include "objects/containers.h"
#include "stdlib/bytesio.h"
#include "stdlib/stdlib.h"

typedef struct TrBytesIO {
    TrByteArray buf;     /* data, size, cap, exports: under the lock */
    size_t pos;          /* under the lock; may exceed buf.size */
    bool closed;         /* under the lock */
} TrBytesIO;

#define BIO(o) ((TrBytesIO *)(o))

/* Failure codes of the *_locked helpers, raised after the lock is dropped. */
enum { OK = 0, CLOSED = 1, EXPORTED = 2, NOMEM = 3 };

static void *fail(TrThread *ts, int code) {
    switch (code) {
    case CLOSED: err_set(ts, &tr_exc_ValueError, "I/O operation on closed file."); break;
    case EXPORTED: err_set(ts, &tr_exc_BufferError, "Existing exports of data: object cannot be re-sized"); break;
    default: err_nomemory(ts); break;
    }
    return NULL;
}

/* Room for `n` bytes.  Lock held.  OK or NOMEM (unchanged). */
static int reserve_locked(TrBytesIO *b, size_t n) {
    if (n <= b->buf.cap) return OK;
    if (n > ((size_t)1 << 60)) return NOMEM;
    size_t cap = b->buf.cap < 64 ? 64 : b->buf.cap;
    while (cap < n) cap *= 2;
    char *d = realloc(b->buf.data, cap);
    if (!d) return NOMEM;
    b->buf.data = d;
    b->buf.cap = cap;
    return OK;
}

static void set_size(TrBytesIO *b, size_t n) {
    /* relaxed: the TrByteArray contract (len peeks); everything else reads it under the lock */
    atomic_store_size_relaxed(&b->buf.size, n);
}

/* Writes `p[0..n)` at `pos`, zero-filling any gap.  Lock held.  A code. */
static int write_locked(TrBytesIO *b, const char *p, size_t n) {
    if (b->closed) return CLOSED;
    if (b->buf.exports) return EXPORTED;
    if (n == 0) return OK;
    size_t end = b->pos + n, size = b->buf.size;
    if (end > size) {
        if (reserve_locked(b, end) != OK) return NOMEM;
        if (b->pos > size) memset(b->buf.data + size, 0, b->pos - size);
        set_size(b, end);
    }
    memcpy(b->buf.data + b->pos, p, n);
    b->pos = end;
    return OK;
}

/* Replaces the contents by `p[0..n)`, position 0.  Lock held.  A code. */
static int reset_locked(TrBytesIO *b, const char *p, size_t n) {
    if (b->buf.exports) return EXPORTED;
    if (reserve_locked(b, n) != OK) return NOMEM;
    if (n) memcpy(b->buf.data, p, n);
    set_size(b, n);
    b->pos = 0;
    b->closed = false;
    return OK;
}

/* ---- construction ----------------------------------------------------- */

/* Sets the contents from `initial` (NULL or None: empty).  0 or -1. */
static int init_value(TrThread *ts, TrObject *self, TrObject *initial) {
    TrBytesView v = {"", 0, NULL};
    if (initial && initial != tr_none) {
        int r = bytes_view(ts, initial, &v);
        if (r < 0) return -1;
        if (r == 0) {
            err_format(ts, &tr_exc_TypeError, "a bytes-like object is required, not '%T'", initial);
            return -1;
        }
    }
    int rc;
    TR_BEGIN_CRITICAL(ts, self);
    rc = reset_locked(BIO(self), v.p, v.n);
    TR_END_CRITICAL(ts);
    bytes_view_release(&v);
    if (rc) { fail(ts, rc); return -1; }
    return 0;
}

static int parse_initial(TrThread *ts, TrObject *const *args, size_t nargs, TrObject *kw, TrObject **out) {
    static const char *const names[] = {"initial_bytes"};
    size_t nkw = kw ? tuple_size(kw) : 0;
    if (nargs + nkw > 1) {
        err_format(ts, &tr_exc_TypeError, "BytesIO() takes at most 1 argument (%zu given)", nargs + nkw);
        return -1;
    }
    return args_parse_clinic(ts, "BytesIO", args, nargs, kw, names, 1, 0, 0, out);
}

static TrObject *bytesio_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kw) {
    TrObject *initial = NULL;
    /* a subclass is initialised by __init__, which the class call runs next */
    if (type == &tr_bytesio_type && parse_initial(ts, args, nargs, kw, &initial) < 0) return NULL;
    TrObject *self = tr_alloc(ts, type);
    if (!self) return NULL;
    if (initial && init_value(ts, self, initial) < 0) { tr_decref(self); return NULL; }
    return self;
}

static void bytesio_dealloc(TrThread *ts, TrObject *self) {
    free(BIO(self)->buf.data);   /* the last reference: no view can be alive (each holds one) */
    tr_free(self);
}

/* ---- argument helpers ------------------------------------------------- */

/* A size argument: None or absent gives -1.  TypeError "argument should be
 * integer or None, not 'str'".  0 or -1. */
static int size_arg(TrThread *ts, TrObject *o, int64_t *out) {
    *out = -1;
    if (!o || o == tr_none) return 0;
    int r = index_like(ts, o, out);
    if (r < 0 && err_matches(ts, &tr_exc_IndexError)) {
        err_clear(ts);
        err_set(ts, &tr_exc_OverflowError, "Python int too large to convert to C ssize_t");
    } else if (r == 0) {
        err_format(ts, &tr_exc_TypeError, "argument should be integer or None, not '%T'", o);
    }
    return r > 0 ? 0 : -1;
}

static int opt_size(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kw, int64_t *out) {
    if (args_range(ts, fname, nargs, kw, 0, 1) < 0) return -1;
    return size_arg(ts, nargs ? args[0] : NULL, out);
}

static int check_open(TrThread *ts, TrObject *self) {
    bool closed;
    TR_BEGIN_CRITICAL(ts, self);
    closed = BIO(self)->closed;
    TR_END_CRITICAL(ts);
    if (closed) { fail(ts, CLOSED); return -1; }
    return 0;
}

/* ---- reading ---------------------------------------------------------- */

/* Takes up to `size` bytes (-1: all) from the position, up to and including
 * a newline when `line`, and advances.  New bytes or NULL. */
static TrObject *take(TrThread *ts, TrObject *self, int64_t size, bool line) {
    TrBytesIO *b = BIO(self);
    char *copy = NULL;
    size_t n = 0;
    int rc = OK;
    TR_BEGIN_CRITICAL(ts, self);
    if (b->closed) rc = CLOSED;
    else if (b->pos < b->buf.size) {
        n = b->buf.size - b->pos;
        if (size >= 0 && (uint64_t)size < n) n = (size_t)size;
        if (line) {
            const char *nl = memchr(b->buf.data + b->pos, '\n', n);
            if (nl) n = (size_t)(nl - (b->buf.data + b->pos)) + 1;
        }
        if (n && !(copy = malloc(n))) rc = NOMEM;
        else {
            if (n) memcpy(copy, b->buf.data + b->pos, n);
            b->pos += n;
        }
    }
    TR_END_CRITICAL(ts);
    if (rc) return fail(ts, rc);
    TrObject *r = bytes_from(ts, copy, n);
    free(copy);
    return r;
}

#define METHOD(name) static TrObject *name(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw)

METHOD(bio_read) {
    int64_t size;
    if (opt_size(ts, "read", args, nargs, kw, &size) < 0) return NULL;
    return take(ts, self, size, false);
}

METHOD(bio_read1) {
    int64_t size;
    if (opt_size(ts, "read1", args, nargs, kw, &size) < 0) return NULL;
    return take(ts, self, size, false);
}

METHOD(bio_readline) {
    int64_t size;
    if (opt_size(ts, "readline", args, nargs, kw, &size) < 0) return NULL;
    return take(ts, self, size, true);
}

METHOD(bio_readlines) {
    int64_t hint;
    if (opt_size(ts, "readlines", args, nargs, kw, &hint) < 0) return NULL;
    if (check_open(ts, self) < 0) return NULL;
    TrObject *l = list_new(ts, 0);
    if (!l) return NULL;
    int64_t total = 0;
    for (;;) {
        TrObject *line = take(ts, self, -1, true);
        if (!line) { tr_decref(l); return NULL; }
        size_t n = bytes_size(line);
        if (n == 0) { tr_decref(line); break; }
        if (list_append_take(ts, l, line) < 0) { tr_decref(l); return NULL; }
        total += (int64_t)n;
        if (hint > 0 && total >= hint) break;
    }
    return l;
}

METHOD(bio_readinto) {
    if (args_one(ts, "readinto", nargs, kw) < 0) return NULL;
    ssize_t room = bytes_into_room(ts, args[0], "readinto");
    if (room < 0) return NULL;
    TrObject *got = take(ts, self, room, false);
    if (!got) return NULL;
    ssize_t n = bytes_into_copy(ts, args[0], bytes_data(got), bytes_size(got), "readinto");
    tr_decref(got);
    return n < 0 ? NULL : int_from_i64(ts, (int64_t)n);
}

METHOD(bio_getvalue) {
    if (args_none(ts, "getvalue", nargs, kw) < 0) return NULL;
    TrBytesIO *b = BIO(self);
    char *copy = NULL;
    size_t n = 0;
    int rc = OK;
    TR_BEGIN_CRITICAL(ts, self);
    if (b->closed) rc = CLOSED;
    else if ((n = b->buf.size) && !(copy = malloc(n))) rc = NOMEM;
    else if (n) memcpy(copy, b->buf.data, n);
    TR_END_CRITICAL(ts);
    if (rc) return fail(ts, rc);
    TrObject *r = bytes_from(ts, copy, n);
    free(copy);
    return r;
}

METHOD(bio_getbuffer) {
    if (args_none(ts, "getbuffer", nargs, kw) < 0) return NULL;
    if (check_open(ts, self) < 0) return NULL;
    return memview_from_array(ts, self);
}

/* ---- writing ---------------------------------------------------------- */

/* Writes bytes-like `o`: the number of bytes, or -1. */
static int64_t write_obj(TrThread *ts, TrObject *self, TrObject *o) {
    if (check_open(ts, self) < 0) return -1;
    TrBytesView v;
    int r = bytes_view(ts, o, &v);
    if (r < 0) return -1;
    if (r == 0) {
        err_format(ts, &tr_exc_TypeError, "a bytes-like object is required, not '%T'", o);
        return -1;
    }
    int rc;
    TR_BEGIN_CRITICAL(ts, self);
    rc = write_locked(BIO(self), v.p, v.n);
    TR_END_CRITICAL(ts);
    size_t n = v.n;
    bytes_view_release(&v);
    if (rc) { fail(ts, rc); return -1; }
    return (int64_t)n;
}

METHOD(bio_write) {
    if (args_one(ts, "write", nargs, kw) < 0) return NULL;
    int64_t n = write_obj(ts, self, args[0]);
    return n < 0 ? NULL : int_from_i64(ts, n);
}

METHOD(bio_writelines) {
    if (args_one(ts, "writelines", nargs, kw) < 0) return NULL;
    if (check_open(ts, self) < 0) return NULL;
    TrObject *it = tr_iter(ts, args[0]);
    if (!it) return NULL;
    TrObject *item;
    while ((item = tr_next(ts, it)) != NULL) {
        int64_t n = write_obj(ts, self, item);
        tr_decref(item);
        if (n < 0) { tr_decref(it); return NULL; }
    }
    tr_decref(it);
    return err_occurred(ts) ? NULL : tr_none;
}

METHOD(bio_truncate) {
    if (args_range(ts, "truncate", nargs, kw, 0, 1) < 0) return NULL;
    if (check_open(ts, self) < 0) return NULL;
    int64_t size;
    if (size_arg(ts, nargs ? args[0] : NULL, &size) < 0) return NULL;
    bool use_pos = !nargs || args[0] == tr_none;
    if (!use_pos && size < 0)
        return err_format(ts, &tr_exc_ValueError, "negative size value %lld", (long long)size);
    TrBytesIO *b = BIO(self);
    int rc = OK;
    TR_BEGIN_CRITICAL(ts, self);
    if (b->closed) rc = CLOSED;
    else if (b->buf.exports) rc = EXPORTED;
    else {
        if (use_pos) size = (int64_t)b->pos;
        if ((uint64_t)size < b->buf.size) set_size(b, (size_t)size);
    }
    TR_END_CRITICAL(ts);
    if (rc) return fail(ts, rc);
    return int_from_i64(ts, size);
}

/* ---- position --------------------------------------------------------- */

METHOD(bio_seek) {
    if (args_range(ts, "seek", nargs, kw, 1, 2) < 0) return NULL;
    if (check_open(ts, self) < 0) return NULL;
    int64_t off, whence = 0;
    int r = index_like(ts, args[0], &off);
    if (r <= 0) {
        if (r == 0) return err_format(ts, &tr_exc_TypeError, "'%T' object cannot be interpreted as an integer", args[0]);
        if (!err_matches(ts, &tr_exc_IndexError)) return NULL;
        err_clear(ts);
        return err_format(ts, &tr_exc_OverflowError, "Python int too large to convert to C ssize_t");
    }
    if (nargs > 1) {
        r = index_like(ts, args[1], &whence);
        if (r == 0) return err_format(ts, &tr_exc_TypeError, "'%T' object cannot be interpreted as an integer", args[1]);
        if (r < 0 && !err_matches(ts, &tr_exc_IndexError)) return NULL;
        if (r < 0 || whence < INT32_MIN || whence > INT32_MAX) {
            err_clear(ts);
            return err_format(ts, &tr_exc_OverflowError, "Python int too large to convert to C int");
        }
    }
    if (whence < 0 || whence > 2)
        return err_format(ts, &tr_exc_ValueError, "invalid whence (%lld, should be 0, 1 or 2)", (long long)whence);
    if (whence == 0 && off < 0) return err_format(ts, &tr_exc_ValueError, "negative seek value %lld", (long long)off);
    TrBytesIO *b = BIO(self);
    int rc = OK;
    int64_t pos = 0;
    TR_BEGIN_CRITICAL(ts, self);
    if (b->closed) rc = CLOSED;
    else {
        int64_t base = whence == 0 ? 0 : whence == 1 ? (int64_t)b->pos : (int64_t)b->buf.size;
        pos = off > INT64_MAX - base ? INT64_MAX : base + off;
        if (pos < 0) pos = 0;
        b->pos = (size_t)pos;
    }
    TR_END_CRITICAL(ts);
    if (rc) return fail(ts, rc);
    return int_from_i64(ts, pos);
}

METHOD(bio_tell) {
    if (args_none(ts, "tell", nargs, kw) < 0) return NULL;
    int rc = OK;
    size_t pos = 0;
    TR_BEGIN_CRITICAL(ts, self);
    if (BIO(self)->closed) rc = CLOSED;
    else pos = BIO(self)->pos;
    TR_END_CRITICAL(ts);
    if (rc) return fail(ts, rc);
    return int_from_i64(ts, (int64_t)pos);
}

/* ---- state ------------------------------------------------------------ */

METHOD(bio_close) {
    if (args_none(ts, "close", nargs, kw) < 0) return NULL;
    TrBytesIO *b = BIO(self);
    int rc = OK;
    char *old = NULL;
    TR_BEGIN_CRITICAL(ts, self);
    if (b->buf.exports) rc = EXPORTED;
    else {
        b->closed = true;
        old = b->buf.data;
        b->buf.data = NULL;
        b->buf.cap = 0;
        set_size(b, 0);
    }
    TR_END_CRITICAL(ts);
    free(old);
    return rc ? fail(ts, rc) : tr_none;
}

/* readable/writable/seekable (true), isatty (false), flush (None): each
 * raises on a closed stream. */
static TrObject *flag(TrThread *ts, TrObject *self, size_t nargs, TrObject *kw, const char *fname, TrObject *value) {
    if (args_none(ts, fname, nargs, kw) < 0) return NULL;
    if (check_open(ts, self) < 0) return NULL;
    return value;
}

METHOD(bio_readable) { return flag(ts, self, nargs, kw, "readable", tr_true); }
METHOD(bio_writable) { return flag(ts, self, nargs, kw, "writable", tr_true); }
METHOD(bio_seekable) { return flag(ts, self, nargs, kw, "seekable", tr_true); }
METHOD(bio_isatty) { return flag(ts, self, nargs, kw, "isatty", tr_false); }
METHOD(bio_flush) { return flag(ts, self, nargs, kw, "flush", tr_none); }

METHOD(bio_fileno) {
    (void)args;
    if (args_none(ts, "fileno", nargs, kw) < 0) return NULL;
    return err_format(ts, &tr_exc_UnsupportedOperation, "fileno");
}

METHOD(bio_detach) {
    (void)args;
    if (args_none(ts, "detach", nargs, kw) < 0) return NULL;
    return err_format(ts, &tr_exc_UnsupportedOperation, "detach");
}

METHOD(bio_enter) {
    if (args_none(ts, "__enter__", nargs, kw) < 0) return NULL;
    if (check_open(ts, self) < 0) return NULL;
    return tr_newref(self);
}

METHOD(bio_exit) {
    (void)args;
    (void)nargs;
    (void)kw;
    return bio_close(ts, self, NULL, 0, NULL);
}

METHOD(bio_init) {
    TrObject *initial = NULL;
    if (parse_initial(ts, args, nargs, kw, &initial) < 0) return NULL;
    return init_value(ts, self, initial) < 0 ? NULL : tr_none;
}

static const TrMethodDef bytesio_methods[] = {
    {"read", bio_read}, {"read1", bio_read1}, {"readline", bio_readline}, {"readlines", bio_readlines},
    {"readinto", bio_readinto}, {"getvalue", bio_getvalue}, {"getbuffer", bio_getbuffer},
    {"write", bio_write}, {"writelines", bio_writelines}, {"truncate", bio_truncate},
    {"seek", bio_seek}, {"tell", bio_tell}, {"close", bio_close}, {"readable", bio_readable},
    {"writable", bio_writable}, {"seekable", bio_seekable}, {"isatty", bio_isatty}, {"flush", bio_flush},
    {"fileno", bio_fileno}, {"detach", bio_detach}, {"__enter__", bio_enter}, {"__exit__", bio_exit},
    {"__init__", bio_init},
    {NULL, NULL},
};

/* ---- slots ------------------------------------------------------------ */

static TrObject *bytesio_iter(TrThread *ts, TrObject *self) { return tr_newref(self); }

static TrObject *bytesio_iternext(TrThread *ts, TrObject *self) {
    TrObject *line = take(ts, self, -1, true);
    if (line && bytes_size(line) == 0) { tr_decref(line); return NULL; }
    return line;
}

static TrObject *bytesio_getattr(TrThread *ts, TrObject *self, TrObject *name) {
    if (str_check(name) && str_equal_cstr(name, "closed")) {
        bool closed;
        TR_BEGIN_CRITICAL(ts, self);
        closed = BIO(self)->closed;
        TR_END_CRITICAL(ts);
        return tr_bool(closed);
    }
    return tr_generic_getattr(ts, self, name);
}

TrType tr_bytesio_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "_io.BytesIO",
    .basicsize = sizeof(TrBytesIO),
    .flags = TR_TPFLAG_BASETYPE | TR_TPFLAG_WEAKREFABLE,
    .base = &tr_object_type,
    .dealloc = bytesio_dealloc,
    .iter = bytesio_iter,
    .iternext = bytesio_iternext,
    .getattr = bytesio_getattr,
    .new_ = bytesio_new,
    .methods = bytesio_methods,
};

int bytesio_type_init(TrThread *ts) {
    return type_ready(ts, &tr_bytesio_type);
}
