/* objects/file.c: files opened by open(): the text type "_io.TextIOWrapper"
 * over a file descriptor, UTF-8 only, '\n' newlines (no translation), and the
 * binary types "_io.BufferedReader" / "BufferedWriter" / "BufferedRandom"
 * (mode 'b': the same object, reading and writing bytes); also sys.stdin.
 *
 * Each file has a read buffer (bytes read from the descriptor, not yet
 * returned) and a write buffer (text written, not yet sent).  At most one of
 * them is non-empty: before a read the write buffer is flushed; before a
 * write, unread buffered bytes are given back with lseek.
 * Threads: every field below the header is read and written only inside
 * the file's critical section (TR_BEGIN_CRITICAL), so a file shared by
 * threads never tears its buffers; no Python code runs while it is held
 * (arguments are converted before, results built from copied bytes).
 * Reads from a descriptor that is not a regular file (a pipe, a terminal:
 * stdin) may block for long: they detach the thread (gil_release_for_blocking,
 * which suspends the critical section), read into a private buffer, and
 * re-attach before appending it; read_locked restarts its scan if another
 * thread consumed buffered bytes meanwhile.
 * Files with buffered output are on `open_files` (guarded by
 * `open_files_lock`, taken after the file's lock, never before) so that an
 * atexit hook flushes what a script wrote to a file it never closed. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "torii/torii.h"
#include "torii/file.h"
#include "torii/bytes.h"
#include "torii/memoryview.h"
#include "stdlib/stdlib.h"
#include "threads/signals.h"

#define BUFSIZE 8192

typedef struct TrFile {
    TrObject ob_base;
    int fd;                      /* -1 once closed */
    bool readable, writable;
    bool closefd;
    bool binary;                 /* mode 'b': bytes in and out */
    bool detach;                 /* not a regular file: reads detach the thread */
    TrObject *name;              /* owned: str or int, as given */
    TrObject *mode;              /* owned str, as given */
    TrObject *encoding;          /* owned str */
    char *rbuf;                  /* owned; bytes [rpos, rlen) not yet returned */
    size_t rpos, rlen, rcap;
    char *wbuf;                  /* owned; bytes [0, wlen) not yet written */
    size_t wlen, wcap;
    struct TrFile *next, *prev;  /* on open_files while open; guarded by open_files_lock */
} TrFile;

TrType tr_exc_UnsupportedOperation;

/* ---- the list of open files, for the flush at exit ---- */

static pthread_mutex_t open_files_lock = PTHREAD_MUTEX_INITIALIZER;
static TrFile *open_files;
static bool atexit_done;

static void flush_all_at_exit(void) {
    pthread_mutex_lock(&open_files_lock);
    for (TrFile *f = open_files; f; f = f->next) {
        size_t off = 0;
        while (off < f->wlen) {
            ssize_t w = write(f->fd, f->wbuf + off, f->wlen - off);
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) break;
            off += (size_t)w;
        }
        f->wlen = 0;
    }
    pthread_mutex_unlock(&open_files_lock);
}

static void list_add(TrFile *f) {
    pthread_mutex_lock(&open_files_lock);
    if (!atexit_done) { atexit(flush_all_at_exit); atexit_done = true; }
    f->next = open_files;
    f->prev = NULL;
    if (open_files) open_files->prev = f;
    open_files = f;
    pthread_mutex_unlock(&open_files_lock);
}

static void list_remove(TrFile *f) {
    pthread_mutex_lock(&open_files_lock);
    if (f->prev) f->prev->next = f->next;
    else if (open_files == f) open_files = f->next;
    if (f->next) f->next->prev = f->prev;
    f->next = f->prev = NULL;
    pthread_mutex_unlock(&open_files_lock);
}

/* ---- errors ---- */

static TrObject *closed_error(TrThread *ts) {
    return err_format(ts, &tr_exc_ValueError, "I/O operation on closed file.");
}

static TrObject *unsupported(TrThread *ts, const char *what) {
    return err_format(ts, &tr_exc_UnsupportedOperation, "%s", what);
}

/* ---- buffer work (caller holds the file's lock) ---- */

/* Sends the write buffer.  0, or an errno. */
static int flush_locked(TrFile *f) {
    if (f->wlen == 0) return 0;
    /* the list lock guards wbuf against the exit hook */
    pthread_mutex_lock(&open_files_lock);
    int r = tr_write_all(f->fd, f->wbuf, f->wlen) < 0 ? errno : 0;
    f->wlen = 0;
    pthread_mutex_unlock(&open_files_lock);
    return r;
}

/* Gives unread buffered bytes back to the descriptor before a write or seek. */
static int drop_read_locked(TrFile *f) {
    size_t unread = f->rlen - f->rpos;
    f->rpos = f->rlen = 0;
    if (unread && lseek(f->fd, -(off_t)unread, SEEK_CUR) < 0) return errno;
    return 0;
}

/* Reads more bytes into the read buffer: >0 added, 0 at end of file, -errno.
 * Sets `*moved` when, while detached, another thread changed the buffer. */
static ssize_t fill_locked(TrThread *ts, TrFile *f, bool *moved) {
    if (f->rpos > 0) {
        memmove(f->rbuf, f->rbuf + f->rpos, f->rlen - f->rpos);
        f->rlen -= f->rpos;
        f->rpos = 0;
    }
    if (f->rcap - f->rlen < BUFSIZE) {
        size_t cap = f->rcap ? f->rcap * 2 : BUFSIZE * 2;
        while (cap - f->rlen < BUFSIZE) cap *= 2;
        char *nb = realloc(f->rbuf, cap);
        if (!nb) return -ENOMEM;
        f->rbuf = nb;
        f->rcap = cap;
    }
    *moved = false;
    if (f->detach) {
        char tmp[BUFSIZE];
        size_t before = f->rlen;
        ssize_t n;
        int e = 0;
        gil_release_for_blocking(ts);   /* suspends our section: others may use the file meanwhile */
        /* The main thread waits for data or a signal: -EINTR sends do_read
         * off to run the handler (outside the file's section). */
        if (signals_is_main(ts) && !signals_wait_fd(ts, f->fd, POLLIN, -1)) {
            n = -1;
            e = EINTR;
        } else {
            do n = read(f->fd, tmp, sizeof tmp); while (n < 0 && errno == EINTR);
            if (n < 0) e = errno;
        }
        gil_reacquire_after_blocking(ts);
        if (n < 0) return -e;
        if (f->fd < 0) return 0;   /* closed by another thread meanwhile */
        *moved = f->rpos != 0 || f->rlen != before;
        if (f->rcap - f->rlen < (size_t)n) {
            char *nb = realloc(f->rbuf, f->rlen + (size_t)n);
            if (!nb) return -ENOMEM;
            f->rbuf = nb;
            f->rcap = f->rlen + (size_t)n;
        }
        memcpy(f->rbuf + f->rlen, tmp, (size_t)n);
        f->rlen += (size_t)n;
        return n;
    }
    for (;;) {
        ssize_t n = read(f->fd, f->rbuf + f->rlen, f->rcap - f->rlen);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -errno;
        f->rlen += (size_t)n;
        return n;
    }
}

static size_t utf8_len(unsigned char c) {
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* What a locked read produced: bytes to decode (owned copy) or an error. */
typedef struct Chunk { char *data; size_t len; int err; } Chunk;

/* Takes `n` bytes off the read buffer into a fresh copy. */
static Chunk take_locked(TrFile *f, size_t n) {
    Chunk c = {malloc(n ? n : 1), n, 0};
    if (!c.data) { c.err = ENOMEM; return c; }
    memcpy(c.data, f->rbuf + f->rpos, n);
    f->rpos += n;
    return c;
}

/* Reads up to `size` characters (size < 0: all) or, with `line`, up to and
 * including the next '\n' (at most `size` characters when size >= 0). */
static Chunk read_locked(TrThread *ts, TrFile *f, int64_t size, bool line) {
    Chunk bad = {NULL, 0, 0};
    int e = flush_locked(f);
    if (e) { bad.err = e; return bad; }
    size_t scan = f->rpos;      /* bytes before `scan` are counted */
    int64_t chars = 0;
    for (;;) {
        /* count whole characters available */
        while (scan < f->rlen && (size < 0 || chars < size)) {
            size_t len = f->binary ? 1 : utf8_len((unsigned char)f->rbuf[scan]);
            if (scan + len > f->rlen) break;     /* a partial character: need more */
            char c = f->rbuf[scan];
            scan += len;
            chars++;
            if (line && c == '\n') return take_locked(f, scan - f->rpos);
        }
        if (size >= 0 && chars >= size) return take_locked(f, scan - f->rpos);
        size_t counted = scan - f->rpos;
        bool moved;
        ssize_t n = fill_locked(ts, f, &moved);
        if (moved) { counted = 0; chars = 0; }   /* start over on what is buffered now */
        scan = f->rpos + counted;
        if (n < 0) { bad.err = (int)-n; return bad; }
        if (n == 0) return take_locked(f, f->rlen - f->rpos);   /* end of file: the rest */
    }
}

/* A str from the bytes of `c` (freed); UnicodeError for invalid UTF-8. */
static TrObject *decode_chunk(TrThread *ts, TrFile *f, Chunk c) {
    if (c.err) {
        free(c.data);
        errno = c.err;
        return c.err == ENOMEM ? err_nomemory(ts) : os_error(ts, c.err, NULL, NULL);
    }
    TrObject *s = f->binary ? bytes_from(ts, c.data, c.len) : codec_decode(ts, c.data, c.len, "utf-8", "strict");
    free(c.data);
    return s;
}

/* Appends text to the write buffer, sending it when full.  0 or an errno. */
static int write_locked(TrFile *f, const char *s, size_t n) {
    if (f->rlen) {
        int e = drop_read_locked(f);
        if (e) return e;
    }
    if (f->wlen + n > f->wcap) {
        if (f->wlen) {
            int e = flush_locked(f);
            if (e) return e;
        }
        if (n >= BUFSIZE) return tr_write_all(f->fd, s, n) < 0 ? errno : 0;
        if (!f->wbuf) {
            char *nb = malloc(BUFSIZE);
            if (!nb) return ENOMEM;
            pthread_mutex_lock(&open_files_lock);
            f->wbuf = nb;
            f->wcap = BUFSIZE;
            pthread_mutex_unlock(&open_files_lock);
        }
    }
    pthread_mutex_lock(&open_files_lock);
    memcpy(f->wbuf + f->wlen, s, n);
    f->wlen += n;
    pthread_mutex_unlock(&open_files_lock);
    return 0;
}

/* Flushes and closes.  0 or an errno (the descriptor is closed anyway). */
static int close_locked(TrFile *f) {
    if (f->fd < 0) return 0;
    int e = flush_locked(f);
    list_remove(f);
    if (f->closefd && close(f->fd) < 0 && !e) e = errno;
    f->fd = -1;
    free(f->rbuf);
    f->rbuf = NULL;
    f->rpos = f->rlen = f->rcap = 0;
    return e;
}

/* ---- methods ---- */

#define FILE_SELF ((TrFile *)self)
#define METHOD(name) static TrObject *name(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames)

/* Reads an optional size argument: None or absent is -1. */
static int size_arg(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kwnames, int64_t *size) {
    if (tr_check_args(ts, fname, nargs, kwnames, 0, 1) < 0) return -1;
    *size = -1;
    if (nargs == 0 || args[0] == tr_none) return 0;
    if (!int_check(args[0])) {
        err_format(ts, &tr_exc_TypeError, "argument should be integer or None, not '%s'", tr_type_name(args[0]));
        return -1;
    }
    return tr_index_i64(ts, args[0], size);
}

/* State checks shared by every operation; `what` 'r' / 'w' / 0. */
static int check_locked(TrThread *ts, TrFile *f, char what) {
    if (f->fd < 0) { closed_error(ts); return -1; }
    if (what == 'r' && !f->readable) { unsupported(ts, "not readable"); return -1; }
    if (what == 'w' && !f->writable) { unsupported(ts, "not writable"); return -1; }
    return 0;
}

static TrObject *do_read(TrThread *ts, TrObject *self, int64_t size, bool line) {
    TrFile *f = FILE_SELF;
    for (;;) {
        Chunk c = {NULL, 0, 0};
        int bad = 0;
        TR_BEGIN_CRITICAL(ts, f);
        bad = check_locked(ts, f, 'r');
        if (!bad) c = read_locked(ts, f, size, line);
        TR_END_CRITICAL(ts);
        if (bad) return NULL;
        if (c.err == EINTR) {
            /* A signal woke the main thread: run its handler, then read on
             * (what was read so far stays buffered). */
            free(c.data);
            if (signals_check(ts) < 0) return NULL;
            continue;
        }
        return decode_chunk(ts, f, c);
    }
}

METHOD(file_read) {
    int64_t size;
    if (size_arg(ts, "read", args, nargs, kwnames, &size) < 0) return NULL;
    return do_read(ts, self, size, false);
}

/* readinto(b) for binary files: reads up to the size of writable buffer `b`
 * (a bytearray, array.array or writable memoryview) and copies what came
 * into its start, under the target's lock (or through the view).  Returns
 * the count.  The read happens before the target is locked: one lock at a
 * time. */
METHOD(file_readinto) {
    if (tr_check_args(ts, "readinto", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!FILE_SELF->binary)
        return err_format(ts, &tr_exc_AttributeError, "'_io.TextIOWrapper' object has no attribute 'readinto'");
    ssize_t room = bytes_into_room(ts, args[0], "readinto");
    if (room < 0) return NULL;
    TrObject *got = do_read(ts, self, room, false);
    if (!got) return NULL;
    ssize_t n = bytes_into_copy(ts, args[0], bytes_data(got), bytes_size(got), "readinto");
    tr_decref(got);
    return n < 0 ? NULL : int_from_i64(ts, (int64_t)n);
}

METHOD(file_readline) {
    int64_t size;
    if (size_arg(ts, "readline", args, nargs, kwnames, &size) < 0) return NULL;
    return do_read(ts, self, size, true);
}

METHOD(file_readlines) {
    int64_t hint;
    if (size_arg(ts, "readlines", args, nargs, kwnames, &hint) < 0) return NULL;
    TrObject *l = list_new(ts, 0);
    if (!l) return NULL;
    int64_t total = 0;
    for (;;) {
        TrObject *line = do_read(ts, self, -1, true);
        if (!line) { tr_decref(l); return NULL; }
        size_t len = FILE_SELF->binary ? bytes_size(line) : str_length(line);
        if (len == 0) { tr_decref(line); break; }
        total += (int64_t)len;
        if (list_append_take(ts, l, line) < 0) { tr_decref(l); return NULL; }
        if (hint > 0 && total >= hint) break;
    }
    return l;
}

/* Writes str `s` (text files) or bytes-like `s` (binary files, checked);
 * `*nbytes` (when not NULL) gets the number of bytes written. */
static TrObject *do_write_n(TrThread *ts, TrFile *f, TrObject *s, size_t *nbytes) {
    int bad, e = 0;
    TrBytesView v = {str_check(s) ? str_utf8(s) : NULL, str_check(s) ? str_nbytes(s) : 0, NULL};
    if (f->binary) {
        int r = bytes_view(ts, s, &v);
        if (r < 0) return NULL;
        if (r == 0) return err_format(ts, &tr_exc_TypeError, "a bytes-like object is required, not '%T'", s);
    }
    TR_BEGIN_CRITICAL(ts, f);
    bad = check_locked(ts, f, 'w');
    if (!bad) e = write_locked(f, v.p, v.n);
    TR_END_CRITICAL(ts);
    bytes_view_release(&v);
    if (bad) return NULL;
    if (e) return e == ENOMEM ? err_nomemory(ts) : os_error(ts, e, NULL, NULL);
    if (nbytes) *nbytes = v.n;
    return tr_none;
}

static TrObject *do_write(TrThread *ts, TrFile *f, TrObject *s) { return do_write_n(ts, f, s, NULL); }

METHOD(file_write) {
    if (tr_check_args(ts, "write", nargs, kwnames, 1, 1) < 0) return NULL;
    if (FILE_SELF->binary) {
        size_t n = 0;
        TrObject *r = do_write_n(ts, FILE_SELF, args[0], &n);
        return r ? int_from_i64(ts, (int64_t)n) : NULL;
    }
    if (!str_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "write() argument must be str, not %s", tr_type_name(args[0]));
    if (!do_write(ts, FILE_SELF, args[0])) return NULL;
    return int_from_i64(ts, (int64_t)str_length(args[0]));
}

METHOD(file_writelines) {
    if (tr_check_args(ts, "writelines", nargs, kwnames, 1, 1) < 0) return NULL;
    TrObject *it = tr_iter(ts, args[0]);
    if (!it) return NULL;
    TrObject *s;
    while ((s = tr_next(ts, it))) {
        TrObject *r = str_check(s) || FILE_SELF->binary ? do_write(ts, FILE_SELF, s)
                    : err_format(ts, &tr_exc_TypeError, "write() argument must be str, not %s", tr_type_name(s));
        tr_decref(s);
        if (!r) { tr_decref(it); return NULL; }
    }
    tr_decref(it);
    return err_occurred(ts) ? NULL : tr_none;
}

METHOD(file_flush) {
    if (tr_check_args(ts, "flush", nargs, kwnames, 0, 0) < 0) return NULL;
    TrFile *f = FILE_SELF;
    int bad, e = 0;
    TR_BEGIN_CRITICAL(ts, f);
    bad = check_locked(ts, f, 0);
    if (!bad) e = flush_locked(f);
    TR_END_CRITICAL(ts);
    if (bad) return NULL;
    if (e) return os_error(ts, e, NULL, NULL);
    return tr_none;
}

METHOD(file_close) {
    if (tr_check_args(ts, "close", nargs, kwnames, 0, 0) < 0) return NULL;
    TrFile *f = FILE_SELF;
    int e;
    TR_BEGIN_CRITICAL(ts, f);
    e = close_locked(f);
    TR_END_CRITICAL(ts);
    if (e) return os_error(ts, e, NULL, NULL);
    return tr_none;
}

METHOD(file_enter) {
    if (tr_check_args(ts, "__enter__", nargs, kwnames, 0, 0) < 0) return NULL;
    TrFile *f = FILE_SELF;
    int bad;
    TR_BEGIN_CRITICAL(ts, f);
    bad = check_locked(ts, f, 0);
    TR_END_CRITICAL(ts);
    return bad ? NULL : tr_newref(self);
}

METHOD(file_exit) {
    TrObject *r = file_close(ts, self, NULL, 0, NULL);
    if (!r) return NULL;
    tr_decref(r);
    return tr_none;
}

METHOD(file_tell) {
    if (tr_check_args(ts, "tell", nargs, kwnames, 0, 0) < 0) return NULL;
    TrFile *f = FILE_SELF;
    int bad, e = 0;
    off_t pos = 0;
    TR_BEGIN_CRITICAL(ts, f);
    bad = check_locked(ts, f, 0);
    if (!bad) {
        e = flush_locked(f);
        if (!e) {
            pos = lseek(f->fd, 0, SEEK_CUR);
            if (pos < 0) e = errno;
            else pos -= (off_t)(f->rlen - f->rpos);
        }
    }
    TR_END_CRITICAL(ts);
    if (bad) return NULL;
    if (e) return e == ESPIPE ? unsupported(ts, "underlying stream is not seekable") : os_error(ts, e, NULL, NULL);
    return int_from_i64(ts, (int64_t)pos);
}

METHOD(file_seek) {
    if (tr_check_args(ts, "seek", nargs, kwnames, 1, 2) < 0) return NULL;
    int64_t off, whence = 0;
    if (!int_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer", tr_type_name(args[0]));
    if (tr_index_i64(ts, args[0], &off) < 0) return NULL;
    if (nargs == 2 && tr_index_i64(ts, args[1], &whence) < 0) return NULL;
    TrFile *f = FILE_SELF;
    int bad, e = 0;
    off_t pos = 0;
    TR_BEGIN_CRITICAL(ts, f);
    bad = check_locked(ts, f, 0);
    if (!bad) {
        if (whence == 1 && off != 0) { unsupported(ts, "can't do nonzero cur-relative seeks"); bad = 1; }
        else if (whence == 2 && off != 0) { unsupported(ts, "can't do nonzero end-relative seeks"); bad = 1; }
        else if (whence < 0 || whence > 2) {
            err_format(ts, &tr_exc_ValueError, "invalid whence (%lld, should be 0, 1 or 2)", (long long)whence);
            bad = 1;
        } else if (whence == 0 && off < 0) {
            err_format(ts, &tr_exc_ValueError, "negative seek position %lld", (long long)off);
            bad = 1;
        }
    }
    if (!bad) {
        e = flush_locked(f);
        if (!e && whence == 1) {
            /* the current position: where the reader is */
            pos = lseek(f->fd, 0, SEEK_CUR);
            if (pos < 0) e = errno;
            else { off = pos - (off_t)(f->rlen - f->rpos); whence = 0; }
        }
        f->rpos = f->rlen = 0;
        if (!e) {
            pos = lseek(f->fd, (off_t)off, whence == 0 ? SEEK_SET : SEEK_END);
            if (pos < 0) e = errno;
        }
    }
    TR_END_CRITICAL(ts);
    if (bad) return NULL;
    if (e) return os_error(ts, e, NULL, NULL);
    return int_from_i64(ts, (int64_t)pos);
}

static TrObject *flag_method(TrThread *ts, TrObject *self, size_t nargs, TrObject *kwnames, const char *fname, int which) {
    if (tr_check_args(ts, fname, nargs, kwnames, 0, 0) < 0) return NULL;
    TrFile *f = FILE_SELF;
    int bad, v = 0;
    TR_BEGIN_CRITICAL(ts, f);
    bad = check_locked(ts, f, 0);
    if (!bad) {
        switch (which) {
        case 0: v = f->readable; break;
        case 1: v = f->writable; break;
        case 2: v = lseek(f->fd, 0, SEEK_CUR) >= 0; break;
        case 3: v = isatty(f->fd); break;
        default: v = f->fd; break;
        }
    }
    TR_END_CRITICAL(ts);
    if (bad) return NULL;
    return which == 4 ? int_from_i64(ts, v) : tr_bool(v);
}

METHOD(file_readable) { return flag_method(ts, self, nargs, kwnames, "readable", 0); }
METHOD(file_writable) { return flag_method(ts, self, nargs, kwnames, "writable", 1); }
METHOD(file_seekable) { return flag_method(ts, self, nargs, kwnames, "seekable", 2); }
METHOD(file_isatty) { return flag_method(ts, self, nargs, kwnames, "isatty", 3); }
METHOD(file_fileno) { return flag_method(ts, self, nargs, kwnames, "fileno", 4); }

static const TrMethodDef file_methods[] = {
    {"read", file_read}, {"readinto", file_readinto}, {"readline", file_readline}, {"readlines", file_readlines},
    {"write", file_write}, {"writelines", file_writelines}, {"flush", file_flush},
    {"close", file_close}, {"__enter__", file_enter}, {"__exit__", file_exit},
    {"tell", file_tell}, {"seek", file_seek}, {"readable", file_readable},
    {"writable", file_writable}, {"seekable", file_seekable}, {"isatty", file_isatty},
    {"fileno", file_fileno},
    {NULL, NULL},
};

/* ---- slots ---- */

static TrObject *file_iter(TrThread *ts, TrObject *self) {
    TrFile *f = FILE_SELF;
    int bad;
    TR_BEGIN_CRITICAL(ts, f);
    bad = check_locked(ts, f, 0);
    TR_END_CRITICAL(ts);
    return bad ? NULL : tr_newref(self);
}

static TrObject *file_iternext(TrThread *ts, TrObject *self) {
    TrObject *line = do_read(ts, self, -1, true);
    if (line && (FILE_SELF->binary ? bytes_size(line) : str_nbytes(line)) == 0) { tr_decref(line); return NULL; }
    return line;
}

static TrObject *file_getattr(TrThread *ts, TrObject *self, TrObject *name) {
    TrFile *f = FILE_SELF;
    if (str_check(name)) {
        /* name, mode and encoding never change after open */
        if (str_equal_cstr(name, "name")) return tr_newref(f->name);
        if (str_equal_cstr(name, "mode")) return tr_newref(f->mode);
        if (str_equal_cstr(name, "encoding") && !f->binary) return tr_newref(f->encoding);
        if (str_equal_cstr(name, "closed")) {
            int closed;
            TR_BEGIN_CRITICAL(ts, f);
            closed = f->fd < 0;
            TR_END_CRITICAL(ts);
            return tr_bool(closed);
        }
    }
    return tr_generic_getattr(ts, self, name);
}

static TrObject *file_repr(TrThread *ts, TrObject *self) {
    TrFile *f = FILE_SELF;
    if (f->binary) return str_format(ts, "<%s name=%R>", tr_type(self)->name, f->name);
    return str_format(ts, "<_io.TextIOWrapper name=%R mode=%R encoding=%R>", f->name, f->mode, f->encoding);
}

static void file_dealloc(TrThread *ts, TrObject *self) {
    TrFile *f = FILE_SELF;
    close_locked(f);   /* the last reference: no other thread can hold the file */
    free(f->wbuf);
    tr_xdecref(f->name);
    tr_xdecref(f->mode);
    tr_xdecref(f->encoding);
    tr_free(self);
}

TrType tr_file_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "_io.TextIOWrapper",
    .flags = TR_TPFLAG_WEAKREFABLE,
    .basicsize = sizeof(TrFile),
    .dealloc = file_dealloc,
    .repr = file_repr,
    .iter = file_iter,
    .iternext = file_iternext,
    .getattr = file_getattr,
    .methods = file_methods,
};

/* The binary files: one layout, three names, as CPython's classes. */
#define BINARY_FILE_TYPE(cname, pyname) \
    static TrType cname = { \
        .ob_base = TR_STATIC_TYPE_HEADER, .name = pyname, .basicsize = sizeof(TrFile), \
        .dealloc = file_dealloc, .repr = file_repr, .iter = file_iter, .iternext = file_iternext, \
        .getattr = file_getattr, .methods = file_methods, \
    };
BINARY_FILE_TYPE(reader_type, "_io.BufferedReader")
BINARY_FILE_TYPE(writer_type, "_io.BufferedWriter")
BINARY_FILE_TYPE(random_type, "_io.BufferedRandom")
#undef BINARY_FILE_TYPE

TrType tr_exc_UnsupportedOperation = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "UnsupportedOperation",
    .basicsize = sizeof(TrExc),
    .flags = TR_TPFLAG_EXCEPTION | TR_TPFLAG_BASETYPE,
    .base = &tr_exc_OSError,
};

int file_types_init(TrThread *ts) {
    if (type_ready(ts, &tr_exc_UnsupportedOperation) < 0) return -1;
    if (type_ready(ts, &reader_type) < 0 || type_ready(ts, &writer_type) < 0 || type_ready(ts, &random_type) < 0)
        return -1;
    return type_ready(ts, &tr_file_type);
}

/* ---- open() ---- */

/* 1 if `enc` names UTF-8 ("utf-8", "UTF8", "utf_8"). */
static int is_utf8_name(const char *enc) {
    char norm[16];
    size_t n = 0;
    for (; *enc && n < sizeof norm - 1; enc++)
        if (*enc != '-' && *enc != '_') norm[n++] = (char)(*enc | 0x20);
    norm[n] = 0;
    return !strcmp(norm, "utf8");
}

/* The str path that open() opens for `file` (neither a str nor an int): a
 * bytes path decoded from UTF-8, or what `file.__fspath__()` returns (a
 * str, or bytes decoded).  New reference, or NULL with CPython's TypeError. */
static TrObject *open_path_of(TrThread *ts, TrObject *file) {
    TrObject *p = NULL;
    if (bytes_check(file)) {
        p = tr_newref(file);
    } else {
        TrObject *name = str_intern_cstr(ts, "__fspath__");
        TrObject *fn = name ? type_lookup(ts, tr_type(file), name) : NULL;
        if (!fn) {
            if (err_occurred(ts)) return NULL;
            return err_format(ts, &tr_exc_TypeError, "expected str, bytes or os.PathLike object, not %s",
                              tr_type_name(file));
        }
        TrObject *bound = type_bind_take(ts, fn, file);
        p = bound ? tr_call(ts, bound, NULL, 0, NULL) : NULL;
        tr_xdecref(bound);
        if (!p) return NULL;
        if (!str_check(p) && !bytes_check(p)) {
            err_format(ts, &tr_exc_TypeError, "expected %s.__fspath__() to return str or bytes, not %s",
                       tr_type_name(file), tr_type_name(p));
            tr_decref(p);
            return NULL;
        }
    }
    if (str_check(p)) return p;
    TrObject *s = str_from_utf8(ts, bytes_data(p), bytes_size(p));
    tr_decref(p);
    return s;
}

TrObject *file_open(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"};
    TrObject *a[8];
    if (nargs > 8)
        return err_format(ts, &tr_exc_TypeError, "open() takes at most 8 arguments (%zu given)",
                          nargs + (kwnames ? tuple_size(kwnames) : 0));
    if (args_parse(ts, "open", args, nargs, kwnames, names, 8, 0, 0, 0, a) < 0) return NULL;
    if (!a[0]) return err_format(ts, &tr_exc_TypeError, "open() missing required argument 'file' (pos 1)");
    TrObject *file = a[0], *mode = a[1], *enc = a[3] == tr_none ? NULL : a[3];
    if (!str_check(file) && !int_check(file)) {
        /* bytes, or an os.PathLike (__fspath__): open the str path it names */
        TrObject *path = open_path_of(ts, file);
        if (!path) return NULL;
        size_t n = nargs + (kwnames ? tuple_size(kwnames) : 0);
        TrObject **copy = malloc((n ? n : 1) * sizeof *copy);
        if (!copy) { tr_decref(path); return err_nomemory(ts); }
        for (size_t i = 0; i < n; i++) copy[i] = args[i] == file ? path : args[i];
        TrObject *r = file_open(ts, self, copy, nargs, kwnames);
        free(copy);
        tr_decref(path);
        return r;
    }
    if (mode && !str_check(mode))
        return err_format(ts, &tr_exc_TypeError, "open() argument 'mode' must be str, not %s", tr_type_name(mode));
    if (enc && !str_check(enc))
        return err_format(ts, &tr_exc_TypeError, "open() argument 'encoding' must be str or None, not %s", tr_type_name(enc));
    const char *m = mode ? str_utf8(mode) : "r";
    int r = 0, w = 0, ap = 0, x = 0, plus = 0, b = 0, t = 0;
    for (const char *p = m; *p; p++) {
        int *slot = *p == 'r' ? &r : *p == 'w' ? &w : *p == 'a' ? &ap : *p == 'x' ? &x
                  : *p == '+' ? &plus : *p == 'b' ? &b : *p == 't' ? &t : NULL;
        if (!slot || *slot) return err_format(ts, &tr_exc_ValueError, "invalid mode: '%s'", m);
        *slot = 1;
    }
    if (b && t) return err_format(ts, &tr_exc_ValueError, "can't have text and binary mode at once");
    if (r + w + ap + x > 1)
        return err_format(ts, &tr_exc_ValueError, "must have exactly one of create/read/write/append mode");
    if (r + w + ap + x == 0)
        return err_format(ts, &tr_exc_ValueError, "Must have exactly one of create/read/write/append mode and at most one plus");
    if (b && enc) return err_format(ts, &tr_exc_ValueError, "binary mode doesn't take an encoding argument");
    if (enc && !is_utf8_name(str_utf8(enc)))
        return err_format(ts, &tr_exc_ValueError, "torii: only the utf-8 encoding is supported, not '%S'", enc);
    if (a[5] && a[5] != tr_none && !(str_check(a[5]) && (str_equal_cstr(a[5], "\n") || str_equal_cstr(a[5], ""))))
        return err_format(ts, &tr_exc_ValueError, "torii: only newline=None, '' or '\\n' is supported");
    int closefd = 1;
    if (a[6] && (closefd = tr_is_true(ts, a[6])) < 0) return NULL;
    int flags = O_CLOEXEC | (plus ? O_RDWR : r ? O_RDONLY : O_WRONLY);
    if (w) flags |= O_CREAT | O_TRUNC;
    if (ap) flags |= O_CREAT | O_APPEND;
    if (x) flags |= O_CREAT | O_EXCL;
    int fd;
    if (int_check(file)) {
        int64_t v;
        if (tr_index_i64(ts, file, &v) < 0) return NULL;
        if (v < 0) return err_format(ts, &tr_exc_ValueError, "negative file descriptor");
        fd = (int)v;
    } else {
        if (!closefd) return err_format(ts, &tr_exc_ValueError, "Cannot use closefd=False with file name");
        gil_release_for_blocking(ts);
        do fd = open(str_utf8(file), flags, 0666); while (fd < 0 && errno == EINTR);
        int e = errno;
        gil_reacquire_after_blocking(ts);
        if (fd < 0) return os_error(ts, e, file, NULL);
        struct stat st;
        if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
            close(fd);
            return os_error(ts, EISDIR, file, NULL);
        }
    }
    TrType *type = !b ? &tr_file_type : plus ? &random_type : r ? &reader_type : &writer_type;
    TrFile *f = (TrFile *)tr_alloc(ts, type);
    if (!f) {
        if (!int_check(file)) close(fd);
        return NULL;
    }
    f->fd = fd;
    f->closefd = closefd;
    f->binary = b;
    struct stat st;
    f->detach = fstat(fd, &st) != 0 || !S_ISREG(st.st_mode);
    f->readable = r || plus;
    f->writable = w || ap || x || plus;
    f->name = tr_newref(file);
    f->mode = mode ? tr_newref(mode) : str_from_cstr(ts, "r");
    f->encoding = enc ? tr_newref(enc) : str_from_cstr(ts, "UTF-8");
    if (!f->mode || !f->encoding) { tr_decref((TrObject *)f); return NULL; }
    if (ap) lseek(fd, 0, SEEK_END);
    list_add(f);
    return (TrObject *)f;
}

TrObject *file_stdin(TrThread *ts) {
    static TrObject *stdin_file;   /* immortal once made; written at start-up only */
    if (stdin_file) return stdin_file;
    TrFile *f = (TrFile *)tr_alloc(ts, &tr_file_type);
    if (!f) return NULL;
    f->fd = 0;
    f->closefd = false;
    f->readable = true;
    f->detach = true;
    f->name = str_from_cstr(ts, "<stdin>");
    f->mode = str_from_cstr(ts, "r");
    f->encoding = str_from_cstr(ts, "utf-8");
    if (!f->name || !f->mode || !f->encoding) { tr_decref((TrObject *)f); return NULL; }
    tr_make_immortal(f->name);
    tr_make_immortal(f->mode);
    tr_make_immortal(f->encoding);
    tr_make_immortal((TrObject *)f);
    stdin_file = (TrObject *)f;
    return stdin_file;
}
