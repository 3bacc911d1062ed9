/* stdlib/stdio.c: the process's standard streams and the stream objects
 * sys.stdout and sys.stderr.
 *
 * stdout is buffered (line-buffered when it is a terminal, like CPython) in one
 * process-wide buffer guarded by `out_lock`; stderr is written through at once.
 * Threads: every piece is added under `out_lock`, so one print() never
 * interleaves with another thread's.  When the buffer must go to the file, the
 * writer moves its contents out, takes `write_lock` (so flushes reach the file
 * in order), drops `out_lock`, and detaches from the runtime for the write(2)
 * itself (gil_release_for_blocking: in the GIL build other threads run while
 * it blocks).  Lock order: out_lock, then write_lock.  Both are plain pthread
 * mutexes, not object locks; no Python code runs while either is held.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "torii/torii.h"
#include "stdlib/stdlib.h"

#define OUT_BUFSIZE 8192

static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t write_lock = PTHREAD_MUTEX_INITIALIZER;
static char out_buf[OUT_BUFSIZE];
static size_t out_len;          /* guarded by out_lock */
static int out_tty = -1;        /* guarded by out_lock: -1 unknown */

int tr_write_all(int fd, const char *s, size_t n) {
    while (n) {
        ssize_t w = write(fd, s, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        s += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Called with out_lock held: writes the buffer out (in order with the
 * writers above, which hold write_lock while they write). */
static int flush_locked(void) {
    pthread_mutex_lock(&write_lock);
    int r = tr_write_all(1, out_buf, out_len);
    pthread_mutex_unlock(&write_lock);
    out_len = 0;
    return r;
}

int tr_write_stdout(TrThread *ts, const char *s, size_t n) {
    int r = 0;
    char *pending = NULL;       /* what must reach the file now (malloc'd) */
    size_t npending = 0;
    pthread_mutex_lock(&out_lock);
    if (out_tty < 0) out_tty = isatty(1);
    int flush = out_len + n > OUT_BUFSIZE || (out_tty && memchr(s, '\n', n));
    if (flush) {
        pending = malloc(out_len + n);
        if (!pending) {
            r = -1;
            errno = ENOMEM;
        } else {
            memcpy(pending, out_buf, out_len);
            memcpy(pending + out_len, s, n);
            npending = out_len + n;
            out_len = 0;
        }
    } else {
        memcpy(out_buf + out_len, s, n);
        out_len += n;
    }
    if (pending) pthread_mutex_lock(&write_lock);
    pthread_mutex_unlock(&out_lock);
    if (pending) {
        if (ts) gil_release_for_blocking(ts);
        r = tr_write_all(1, pending, npending);
        int e = errno;
        pthread_mutex_unlock(&write_lock);
        if (ts) gil_reacquire_after_blocking(ts);
        free(pending);
        errno = e;
    }
    if (r < 0 && ts) os_error(ts, errno, NULL, NULL);   /* BrokenPipeError for EPIPE */
    return r;
}

int tr_write_stderr(const char *s, size_t n) {
    pthread_mutex_lock(&out_lock);
    int r = tr_write_all(2, s, n);
    pthread_mutex_unlock(&out_lock);
    return r;
}

void tr_flush_stdout(void) {
    pthread_mutex_lock(&out_lock);
    flush_locked();
    pthread_mutex_unlock(&out_lock);
}

/* ---- the stream objects ---- */

typedef struct TrTextIO {
    TrObject ob_base;
    int fd;
    const char *name;   /* "<stdout>", static */
} TrTextIO;

void tr_write_report(TrThread *ts, const char *s, size_t n) {
    TrObject *err = ts && tr_runtime.sys ? dict_get_cstr(ts, module_dict(tr_runtime.sys), "stderr") : NULL;
    if (!err || (tr_type(err) == &tr_textio_type && ((TrTextIO *)err)->fd == 2)) {
        if (ts && !err) err_clear(ts);
        tr_xdecref(err);
        tr_write_stderr(s, n);
        return;
    }
    if (err != tr_none) {
        TrObject *saved = err_fetch(ts);
        TrObject *text = str_from_utf8(ts, s, n);
        TrObject *w = text ? tr_getattr_cstr(ts, err, "write") : NULL;
        TrObject *r = w ? tr_call(ts, w, &text, 1, NULL) : NULL;
        tr_xdecref(r);
        tr_xdecref(w);
        tr_xdecref(text);
        err_clear(ts);
        if (saved) err_restore(ts, saved);
    }
    tr_decref(err);
}

static TrObject *textio_write(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "write", nargs, kwnames, 1, 1) < 0) return NULL;
    TrObject *s = args[0];
    if (!str_check(s))
        return err_format(ts, &tr_exc_TypeError, "write() argument must be str, not %T", s);
    TrTextIO *io = (TrTextIO *)self;
    int r = io->fd == 1 ? tr_write_stdout(ts, str_utf8(s), str_nbytes(s))
                        : tr_write_stderr(str_utf8(s), str_nbytes(s));
    if (r < 0) {
        if (!err_occurred(ts)) os_error(ts, errno, NULL, NULL);
        return NULL;
    }
    return int_from_i64(ts, (int64_t)str_length(s));
}

static TrObject *textio_flush(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "flush", nargs, kwnames, 0, 0) < 0) return NULL;
    if (((TrTextIO *)self)->fd == 1) tr_flush_stdout();
    return tr_none;
}

static TrObject *textio_isatty(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "isatty", nargs, kwnames, 0, 0) < 0) return NULL;
    return tr_bool(isatty(((TrTextIO *)self)->fd));
}

static TrObject *textio_fileno(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "fileno", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_from_i64(ts, ((TrTextIO *)self)->fd);
}

static TrObject *textio_repr(TrThread *ts, TrObject *self) {
    return str_format(ts, "<_io.TextIOWrapper name='%s' mode='w' encoding='utf-8'>", ((TrTextIO *)self)->name);
}

static const TrMethodDef textio_methods[] = {
    {"write", textio_write},
    {"flush", textio_flush},
    {"isatty", textio_isatty},
    {"fileno", textio_fileno},
    {NULL, NULL},
};

TrType tr_textio_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "_io.TextIOWrapper",
    .flags = TR_TPFLAG_WEAKREFABLE,
    .basicsize = sizeof(TrTextIO),
    .repr = textio_repr,
    .methods = textio_methods,
};

TrObject *stdio_stream_new(TrThread *ts, int fd, const char *name) {
    TrTextIO *io = (TrTextIO *)tr_alloc(ts, &tr_textio_type);
    if (!io) return NULL;
    io->fd = fd;
    io->name = name;
    tr_make_immortal((TrObject *)io);
    return (TrObject *)io;
}
