/* stdlib/mmap.c: the `mmap` module: the mmap type (anonymous and file
 * mappings: indexing and slicing, find / rfind, read / write / seek,
 * flush, move, resize, close, the buffer protocol) and its constants.
 * `mmap.error` is OSError.
 *
 * Layout: an mmap object begins with the TrByteArray layout (`data` is the
 * mapping, `size` its length, `exports` the live memoryviews, `readonly`
 * for ACCESS_READ), and its type is flagged TR_TPFLAG_ARRAY_EXPORT, so
 * memoryview() and bytes_view() treat it as they treat a bytearray.  While
 * `exports` > 0, resize() and close() raise BufferError: the mapping never
 * moves under a view.
 * Threads: every field is read and written only inside the object's
 * critical section (the same lock memoryviews take to touch the bytes);
 * arguments are converted and data to write copied before it is taken, and
 * no Python code runs while it is held.  msync(2) runs after the section,
 * on the mapping it pinned by counting an export meanwhile.
 * Lock order: only the object's own lock. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "torii/torii.h"
#include "torii/bytes.h"
#include "torii/class.h"
#include "torii/func.h"
#include "stdlib/posargs.h"
#include "stdlib/stdlib.h"

enum { ACCESS_DEFAULT, ACCESS_READ, ACCESS_WRITE, ACCESS_COPY };

typedef struct TrMmap {
    TrByteArray arr;   /* data: the mapping (NULL once closed); size: its length; cap unused */
    size_t pos;        /* the file position of read / write / seek */
    int64_t offset;    /* of the mapping in the file */
    int fd;            /* a duplicate of the file's descriptor (size, resize), or -1 */
    int access;        /* ACCESS_* as given (DEFAULT kept for the repr) */
    int flags, prot;   /* what mmap(2) got */
} TrMmap;

static TrType tr_mmap_type;

#define MM(o) ((TrMmap *)(o))

#define METHOD(name) static TrObject *name(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw)

/* ---- errors and arguments ---------------------------------------------------- */

static TrObject *closed_error(TrThread *ts) { return err_format(ts, &tr_exc_ValueError, "mmap closed or invalid"); }

static TrObject *readonly_error(TrThread *ts) {
    return err_format(ts, &tr_exc_TypeError, "mmap can't modify a readonly memory map.");
}

/* Outcomes of a locked section, turned into exceptions after it. */
enum { OK = 0, CLOSED, READONLY, NOMEM, RANGE };

#define nargs_check posargs_count   /* stdlib/posargs.h */

/* An index-like argument as int64 ("'str' object cannot be interpreted as an integer").  0 or -1. */
static int i64_arg(TrThread *ts, TrObject *o, int64_t *out) {
    TrObject *v = NULL;
    if (!int_check(o)) {
        TrType *t = tr_type(o);
        if (!t->number || !t->number->index) {
            err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer", tr_type_name(o));
            return -1;
        }
        if (!(v = t->number->index(ts, o))) return -1;
        o = v;
    }
    int overflow = 0;
    *out = int_as_i64_overflow(o, &overflow);
    tr_xdecref(v);
    if (overflow) {
        err_set(ts, &tr_exc_OverflowError, "Python int too large to convert to C ssize_t");
        return -1;
    }
    return 0;
}

/* A bytes-like argument ("a bytes-like object is required, not 'str'").  0 or -1. */
static int data_arg(TrThread *ts, TrObject *o, TrBytesView *v) {
    int k = tr_is_imm(o) ? 0 : bytes_view(ts, o, v);
    if (k < 0) return -1;
    if (k == 0) {
        err_format(ts, &tr_exc_TypeError, "a bytes-like object is required, not '%s'", tr_type_name(o));
        return -1;
    }
    return 0;
}

/* Whether writes are refused: ACCESS_READ, or a PROT_READ-only default map. */
static bool is_readonly(TrMmap *m) { return m->arr.readonly; }

/* ---- creation and release ------------------------------------------------------- */

/* mmap(fileno, length, flags=MAP_SHARED, prot=PROT_WRITE|PROT_READ,
 *      access=ACCESS_DEFAULT, offset=0, *, trackfd=True) */
static TrObject *mmap_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"fileno", "length", "flags", "prot", "access", "offset", "trackfd"};
    TrObject *a[7];
    if (args_parse_clinic(ts, "mmap", args, nargs, kwnames, names, 6, 2, 1, a) < 0) return NULL;
    int fd, flags = MAP_SHARED, prot = PROT_WRITE | PROT_READ, access = ACCESS_DEFAULT;
    int64_t length, offset = 0;
    if (os_int_arg(ts, a[0], &fd) < 0 || i64_arg(ts, a[1], &length) < 0) return NULL;
    if (a[2] && os_int_arg(ts, a[2], &flags) < 0) return NULL;
    if (a[3] && os_int_arg(ts, a[3], &prot) < 0) return NULL;
    if (a[4] && os_int_arg(ts, a[4], &access) < 0) return NULL;
    if (a[5] && i64_arg(ts, a[5], &offset) < 0) return NULL;
    int trackfd = 1;
    if (a[6] && (trackfd = tr_is_true(ts, a[6])) < 0) return NULL;
    if (length < 0) return err_format(ts, &tr_exc_OverflowError, "memory mapped length must be positive");
    if (offset < 0) return err_format(ts, &tr_exc_OverflowError, "memory mapped offset must be positive");
    if (access != ACCESS_DEFAULT && (flags != MAP_SHARED || prot != (PROT_WRITE | PROT_READ)))
        return err_format(ts, &tr_exc_ValueError, "mmap can't specify both access and flags, prot.");
    bool readonly = false;
    switch (access) {
    case ACCESS_READ: flags = MAP_SHARED; prot = PROT_READ; readonly = true; break;
    case ACCESS_WRITE: flags = MAP_SHARED; prot = PROT_READ | PROT_WRITE; break;
    case ACCESS_COPY: flags = MAP_PRIVATE; prot = PROT_READ | PROT_WRITE; break;
    case ACCESS_DEFAULT: readonly = !(prot & PROT_WRITE); break;
    default: return err_format(ts, &tr_exc_ValueError, "mmap invalid access parameter.");
    }
    int dupfd = -1;
    if (fd != -1) {
        struct stat st;
        if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
            if (length == 0) {
                if (st.st_size == 0) return err_format(ts, &tr_exc_ValueError, "cannot mmap an empty file");
                if (offset >= st.st_size)
                    return err_format(ts, &tr_exc_ValueError, "mmap offset is greater than file size");
                length = st.st_size - offset;
            } else if (offset > st.st_size || st.st_size - offset < length) {
                return err_format(ts, &tr_exc_ValueError, "mmap length is greater than file size");
            }
        }
        if (trackfd) {
            dupfd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
            if (dupfd < 0) return os_error(ts, errno, NULL, NULL);
        }
    } else {
        flags |= MAP_ANONYMOUS;
    }
    void *p = mmap(NULL, (size_t)length, prot, flags, fd, (off_t)offset);
    if (p == MAP_FAILED) {
        int e = errno;
        if (dupfd >= 0) close(dupfd);
        return os_error(ts, e, NULL, NULL);
    }
    TrObject *o = tr_alloc(ts, type);
    if (!o) {
        munmap(p, (size_t)length);
        if (dupfd >= 0) close(dupfd);
        return NULL;
    }
    TrMmap *m = MM(o);
    m->arr.data = p;
    m->arr.size = (size_t)length;
    m->arr.readonly = readonly;
    m->offset = offset;
    m->fd = dupfd;
    m->access = access;
    m->flags = flags;
    m->prot = prot;
    return o;
}

static void mmap_dealloc(TrThread *ts, TrObject *self) {
    /* the last reference: no view can be alive (each holds one) */
    TrMmap *m = MM(self);
    if (m->arr.data) munmap(m->arr.data, m->arr.size);
    if (m->fd >= 0) close(m->fd);
    tr_free(self);
}

METHOD(mmap_close) {
    if (tr_check_args(ts, "mmap.close", nargs, kw, 0, 0) < 0) return NULL;
    TrMmap *m = MM(self);
    void *p = NULL;
    size_t n = 0;
    int fd = -1, busy = 0;
    TR_BEGIN_CRITICAL(ts, self);
    if (m->arr.exports) {
        busy = 1;
    } else {
        p = m->arr.data;
        n = m->arr.size;
        fd = m->fd;
        m->arr.data = NULL;
        m->arr.size = 0;
        m->fd = -1;
    }
    TR_END_CRITICAL(ts);
    if (busy) return err_format(ts, &tr_exc_BufferError, "cannot close exported pointers exist");
    if (p) munmap(p, n);
    if (fd >= 0) close(fd);
    return tr_newref(tr_none);
}

/* ---- state ----------------------------------------------------------------------- */

/* The length, or -1 when closed (under the lock for a consistent answer). */
static ssize_t length_of(TrThread *ts, TrObject *self) {
    ssize_t n;
    TR_BEGIN_CRITICAL(ts, self);
    n = MM(self)->arr.data ? (ssize_t)MM(self)->arr.size : -1;
    TR_END_CRITICAL(ts);
    return n;
}

static ssize_t mmap_len(TrThread *ts, TrObject *self) {
    ssize_t n = length_of(ts, self);
    if (n < 0) closed_error(ts);
    return n;
}

METHOD(mmap_size) {
    if (tr_check_args(ts, "mmap.size", nargs, kw, 0, 0) < 0) return NULL;
    int fd;
    bool open_;
    TR_BEGIN_CRITICAL(ts, self);
    open_ = MM(self)->arr.data != NULL;
    fd = MM(self)->fd;
    TR_END_CRITICAL(ts);
    if (!open_) return closed_error(ts);
    if (fd < 0) return os_error(ts, EBADF, NULL, NULL);
    struct stat st;
    if (fstat(fd, &st) < 0) return os_error(ts, errno, NULL, NULL);
    return int_from_i64(ts, st.st_size);
}

METHOD(mmap_tell) {
    if (tr_check_args(ts, "mmap.tell", nargs, kw, 0, 0) < 0) return NULL;
    ssize_t pos;
    TR_BEGIN_CRITICAL(ts, self);
    pos = MM(self)->arr.data ? (ssize_t)MM(self)->pos : -1;
    TR_END_CRITICAL(ts);
    return pos < 0 ? closed_error(ts) : int_from_i64(ts, pos);
}

METHOD(mmap_seek) {
    if (nargs_check(ts, "seek", nargs, kw, 1, 2) < 0) return NULL;
    int64_t dist, whence = 0;
    if (i64_arg(ts, args[0], &dist) < 0) return NULL;
    if (nargs > 1 && i64_arg(ts, args[1], &whence) < 0) return NULL;
    if (whence < 0 || whence > 2) return err_format(ts, &tr_exc_ValueError, "unknown seek type");
    TrMmap *m = MM(self);
    int rc = OK;
    int64_t where = 0;
    TR_BEGIN_CRITICAL(ts, self);
    if (!m->arr.data) {
        rc = CLOSED;
    } else {
        int64_t base = whence == 0 ? 0 : whence == 1 ? (int64_t)m->pos : (int64_t)m->arr.size;
        where = base + dist;
        if (where < 0 || where > (int64_t)m->arr.size) rc = RANGE;
        else m->pos = (size_t)where;
    }
    TR_END_CRITICAL(ts);
    if (rc == CLOSED) return closed_error(ts);
    if (rc == RANGE) return err_format(ts, &tr_exc_ValueError, "seek out of range");
    return int_from_i64(ts, where);
}

METHOD(mmap_seekable) {
    if (tr_check_args(ts, "mmap.seekable", nargs, kw, 0, 0) < 0) return NULL;
    return tr_newref(tr_true);
}

/* ---- reading ------------------------------------------------------------------------- */

/* Copies [pos, pos + n) (n clipped to what is left; n < 0: all, or up to
 * and including a newline when `line`) out and advances pos.  New bytes or NULL. */
static TrObject *take(TrThread *ts, TrObject *self, int64_t n, bool line) {
    TrMmap *m = MM(self);
    char *copy = NULL;
    size_t got = 0;
    int rc = OK;
    TR_BEGIN_CRITICAL(ts, self);
    if (!m->arr.data) {
        rc = CLOSED;
    } else {
        size_t left = m->arr.size - m->pos;
        got = n < 0 || (uint64_t)n > left ? left : (size_t)n;
        if (line) {
            char *nl = memchr(m->arr.data + m->pos, '\n', got);
            if (nl) got = (size_t)(nl - (m->arr.data + m->pos)) + 1;
        }
        if ((copy = malloc(got ? got : 1)) == NULL) {
            rc = NOMEM;
        } else {
            memcpy(copy, m->arr.data + m->pos, got);
            m->pos += got;
        }
    }
    TR_END_CRITICAL(ts);
    if (rc == CLOSED) return closed_error(ts);
    if (rc == NOMEM) return err_nomemory(ts);
    TrObject *out = bytes_from(ts, copy, got);
    free(copy);
    return out;
}

METHOD(mmap_read) {
    if (nargs_check(ts, "read", nargs, kw, 0, 1) < 0) return NULL;
    int64_t n = -1;
    if (nargs && args[0] != tr_none && i64_arg(ts, args[0], &n) < 0) return NULL;
    return take(ts, self, n, false);
}

METHOD(mmap_readline) {
    if (tr_check_args(ts, "mmap.readline", nargs, kw, 0, 0) < 0) return NULL;
    return take(ts, self, -1, true);
}

METHOD(mmap_read_byte) {
    if (tr_check_args(ts, "mmap.read_byte", nargs, kw, 0, 0) < 0) return NULL;
    TrMmap *m = MM(self);
    int rc = OK, v = 0;
    TR_BEGIN_CRITICAL(ts, self);
    if (!m->arr.data) rc = CLOSED;
    else if (m->pos >= m->arr.size) rc = RANGE;
    else v = (unsigned char)m->arr.data[m->pos++];
    TR_END_CRITICAL(ts);
    if (rc == CLOSED) return closed_error(ts);
    if (rc == RANGE) return err_format(ts, &tr_exc_ValueError, "read byte out of range");
    return int_from_i64(ts, v);
}

/* find / rfind(sub[, start[, end]]): start defaults to the position. */
static TrObject *search(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw,
                        const char *fname, bool reverse) {
    if (nargs_check(ts, fname, nargs, kw, 1, 3) < 0) return NULL;
    int64_t start = 0, end = INT64_MAX;
    bool have_start = nargs > 1 && args[1] != tr_none;
    if (have_start && i64_arg(ts, args[1], &start) < 0) return NULL;
    if (nargs > 2 && args[2] != tr_none && i64_arg(ts, args[2], &end) < 0) return NULL;
    TrBytesView v = {0};
    if (data_arg(ts, args[0], &v) < 0) return NULL;
    TrMmap *m = MM(self);
    int64_t found = -1;
    int rc = OK;
    TR_BEGIN_CRITICAL(ts, self);
    if (!m->arr.data) {
        rc = CLOSED;
    } else {
        int64_t len = (int64_t)m->arr.size;
        int64_t s = have_start ? start : (int64_t)m->pos;
        int64_t e = end;
        if (s < 0) s += len;
        if (s < 0) s = 0;
        if (s > len) s = len;
        if (e < 0) e += len;
        if (e < 0) e = 0;
        if (e > len) e = len;
        const char *base = m->arr.data;
        if (e - s >= (int64_t)v.n) {
            if (!reverse) {
                void *hit = memmem(base + s, (size_t)(e - s), v.p, v.n);
                if (hit) found = (const char *)hit - base;
            } else {
                for (int64_t i = e - (int64_t)v.n; i >= s; i--)
                    if (memcmp(base + i, v.p, v.n) == 0) { found = i; break; }
            }
        }
    }
    TR_END_CRITICAL(ts);
    bytes_view_release(&v);
    if (rc == CLOSED) return closed_error(ts);
    return int_from_i64(ts, found);
}

METHOD(mmap_find) { return search(ts, self, args, nargs, kw, "find", false); }
METHOD(mmap_rfind) { return search(ts, self, args, nargs, kw, "rfind", true); }

/* ---- writing ------------------------------------------------------------------------------ */

METHOD(mmap_write) {
    if (tr_check_args(ts, "mmap.write", nargs, kw, 1, 1) < 0) return NULL;
    TrBytesView v = {0};
    if (data_arg(ts, args[0], &v) < 0) return NULL;
    TrMmap *m = MM(self);
    int rc = OK;
    TR_BEGIN_CRITICAL(ts, self);
    if (!m->arr.data) rc = CLOSED;
    else if (is_readonly(m)) rc = READONLY;
    else if (m->arr.size - m->pos < v.n) rc = RANGE;
    else {
        memcpy(m->arr.data + m->pos, v.p, v.n);
        m->pos += v.n;
    }
    TR_END_CRITICAL(ts);
    size_t n = v.n;
    bytes_view_release(&v);
    if (rc == CLOSED) return closed_error(ts);
    if (rc == READONLY) return readonly_error(ts);
    if (rc == RANGE) return err_format(ts, &tr_exc_ValueError, "data out of range");
    return int_from_i64(ts, (int64_t)n);
}

METHOD(mmap_write_byte) {
    if (tr_check_args(ts, "mmap.write_byte", nargs, kw, 1, 1) < 0) return NULL;
    int64_t b;
    if (i64_arg(ts, args[0], &b) < 0) return NULL;
    if (b < 0 || b > 255)
        return err_format(ts, &tr_exc_OverflowError, "unsigned byte integer is %s",
                          b < 0 ? "less than minimum" : "greater than maximum");
    TrMmap *m = MM(self);
    int rc = OK;
    TR_BEGIN_CRITICAL(ts, self);
    if (!m->arr.data) rc = CLOSED;
    else if (is_readonly(m)) rc = READONLY;
    else if (m->pos >= m->arr.size) rc = RANGE;
    else m->arr.data[m->pos++] = (char)b;
    TR_END_CRITICAL(ts);
    if (rc == CLOSED) return closed_error(ts);
    if (rc == READONLY) return readonly_error(ts);
    if (rc == RANGE) return err_format(ts, &tr_exc_ValueError, "write byte out of range");
    return tr_newref(tr_none);
}

METHOD(mmap_move) {
    if (nargs_check(ts, "move", nargs, kw, 3, 3) < 0) return NULL;
    int64_t dest, src, count;
    if (i64_arg(ts, args[0], &dest) < 0 || i64_arg(ts, args[1], &src) < 0 || i64_arg(ts, args[2], &count) < 0)
        return NULL;
    TrMmap *m = MM(self);
    int rc = OK;
    TR_BEGIN_CRITICAL(ts, self);
    int64_t len = (int64_t)m->arr.size;
    if (!m->arr.data) rc = CLOSED;
    else if (is_readonly(m)) rc = READONLY;
    else if (dest < 0 || src < 0 || count < 0 || len - dest < count || len - src < count) rc = RANGE;
    else memmove(m->arr.data + dest, m->arr.data + src, (size_t)count);
    TR_END_CRITICAL(ts);
    if (rc == CLOSED) return closed_error(ts);
    if (rc == READONLY) return readonly_error(ts);
    if (rc == RANGE) return err_format(ts, &tr_exc_ValueError, "source, destination, or count out of range");
    return tr_newref(tr_none);
}

/* flush([offset[, size]]): msync(2) of that range; nothing for ACCESS_READ / ACCESS_COPY. */
METHOD(mmap_flush) {
    if (nargs_check(ts, "flush", nargs, kw, 0, 2) < 0) return NULL;
    int64_t off = 0, size = -1;
    if (nargs > 0 && i64_arg(ts, args[0], &off) < 0) return NULL;
    if (nargs > 1 && i64_arg(ts, args[1], &size) < 0) return NULL;
    TrMmap *m = MM(self);
    int rc = OK, skip = 0;
    char *p = NULL;
    TR_BEGIN_CRITICAL(ts, self);
    int64_t len = (int64_t)m->arr.size;
    if (size < 0 && nargs < 2) size = len;
    if (!m->arr.data) rc = CLOSED;
    else if (off < 0 || size < 0 || len - off < size) rc = RANGE;
    else if (m->access == ACCESS_READ || m->access == ACCESS_COPY) skip = 1;
    else {
        p = m->arr.data + off;
        m->arr.exports++;   /* pins the mapping while msync runs unlocked */
    }
    TR_END_CRITICAL(ts);
    if (rc == CLOSED) return closed_error(ts);
    if (rc == RANGE) return err_format(ts, &tr_exc_ValueError, "flush values out of range");
    if (skip) return tr_newref(tr_none);
    int r, e;
    gil_release_for_blocking(ts);
    r = msync(p, (size_t)size, MS_SYNC);
    e = errno;
    gil_reacquire_after_blocking(ts);
    TR_BEGIN_CRITICAL(ts, self);
    m->arr.exports--;
    TR_END_CRITICAL(ts);
    if (r < 0) return os_error(ts, e, NULL, NULL);
    return tr_newref(tr_none);
}

METHOD(mmap_madvise) {
    if (nargs_check(ts, "madvise", nargs, kw, 1, 3) < 0) return NULL;
    int option;
    int64_t start = 0, length = -1;
    if (os_int_arg(ts, args[0], &option) < 0) return NULL;
    if (nargs > 1 && i64_arg(ts, args[1], &start) < 0) return NULL;
    if (nargs > 2 && i64_arg(ts, args[2], &length) < 0) return NULL;
    TrMmap *m = MM(self);
    int rc = OK, r = 0, e = 0;
    TR_BEGIN_CRITICAL(ts, self);
    int64_t len = (int64_t)m->arr.size;
    if (!m->arr.data) rc = CLOSED;
    else if (start < 0 || start >= len) rc = RANGE;
    else {
        if (length < 0 || length > len - start) length = len - start;
        r = madvise(m->arr.data + start, (size_t)length, option);
        e = errno;
    }
    TR_END_CRITICAL(ts);
    if (rc == CLOSED) return closed_error(ts);
    if (rc == RANGE) return err_format(ts, &tr_exc_ValueError, "madvise start out of bounds");
    if (r < 0) return os_error(ts, e, NULL, NULL);
    return tr_newref(tr_none);
}

/* resize(newsize): the file (when there is one) and the mapping (mremap). */
METHOD(mmap_resize) {
    if (nargs_check(ts, "resize", nargs, kw, 1, 1) < 0) return NULL;
    int64_t n;
    if (i64_arg(ts, args[0], &n) < 0) return NULL;
    TrMmap *m = MM(self);
    int rc = OK, e = 0;
    TR_BEGIN_CRITICAL(ts, self);
    if (!m->arr.data) rc = CLOSED;
    else if (m->access == ACCESS_READ || m->access == ACCESS_COPY || is_readonly(m)) rc = READONLY;
    else if (m->arr.exports) rc = NOMEM;   /* reported as BufferError below */
    else if (n < 0) rc = RANGE;
    else if (m->fd >= 0 && ftruncate(m->fd, (off_t)(m->offset + n)) < 0) e = errno;
    else {
        void *p = mremap(m->arr.data, m->arr.size, (size_t)n, MREMAP_MAYMOVE);
        if (p == MAP_FAILED) {
            e = errno;
        } else {
            m->arr.data = p;
            m->arr.size = (size_t)n;
            if (m->pos > (size_t)n) m->pos = (size_t)n;
        }
    }
    TR_END_CRITICAL(ts);
    if (rc == CLOSED) return closed_error(ts);
    if (rc == READONLY)
        return err_format(ts, &tr_exc_TypeError, "mmap can't resize a readonly or copy-on-write memory map.");
    if (rc == NOMEM) return err_format(ts, &tr_exc_BufferError, "mmap can't resize with extant buffers exported.");
    if (rc == RANGE) return err_format(ts, &tr_exc_ValueError, "new size out of range");
    if (e) return os_error(ts, e, NULL, NULL);
    return tr_newref(tr_none);
}

/* ---- indexing ---------------------------------------------------------------------------------- */

static TrObject *mmap_getitem(TrThread *ts, TrObject *self, TrObject *key) {
    TrMmap *m = MM(self);
    bool is_slice = !tr_is_imm(key) && tr_type(key) == &tr_slice_type;
    int64_t i = 0;
    if (!is_slice) {
        if (!int_check(key) && (!tr_type(key)->number || !tr_type(key)->number->index))
            return err_format(ts, &tr_exc_TypeError, "mmap indices must be integers");
        if (i64_arg(ts, key, &i) < 0) return NULL;
    }
    ssize_t len = length_of(ts, self);
    if (len < 0) return closed_error(ts);
    ssize_t start = 0, stop = 0, step = 1, n = 0;
    if (is_slice && (n = slice_indices(ts, key, len, &start, &stop, &step)) < 0) return NULL;
    char *copy = NULL;
    int rc = OK, v = 0;
    TR_BEGIN_CRITICAL(ts, self);
    ssize_t size = (ssize_t)m->arr.size;
    if (!m->arr.data) {
        rc = CLOSED;
    } else if (!is_slice) {
        int64_t j = i < 0 ? i + size : i;
        if (j < 0 || j >= size) rc = RANGE;
        else v = (unsigned char)m->arr.data[j];
    } else if (size != len) {
        rc = RANGE;   /* resized between the two looks: the bounds are stale */
    } else if ((copy = malloc(n ? (size_t)n : 1)) == NULL) {
        rc = NOMEM;
    } else {
        for (ssize_t k = 0, at = start; k < n; k++, at += step) copy[k] = m->arr.data[at];
    }
    TR_END_CRITICAL(ts);
    if (rc == CLOSED) return closed_error(ts);
    if (rc == NOMEM) return err_nomemory(ts);
    if (rc == RANGE) return err_format(ts, &tr_exc_IndexError, "mmap index out of range");
    if (!is_slice) return int_from_i64(ts, v);
    TrObject *out = bytes_from(ts, copy, (size_t)n);
    free(copy);
    return out;
}

static int mmap_setitem(TrThread *ts, TrObject *self, TrObject *key, TrObject *value) {
    TrMmap *m = MM(self);
    if (!value) {
        err_set(ts, &tr_exc_TypeError, "mmap doesn't support item deletion");
        return -1;
    }
    bool is_slice = !tr_is_imm(key) && tr_type(key) == &tr_slice_type;
    int64_t i = 0, byte = 0;
    TrBytesView v = {0};
    if (!is_slice) {
        if (!int_check(key) && (!tr_type(key)->number || !tr_type(key)->number->index)) {
            err_set(ts, &tr_exc_TypeError, "mmap indices must be integer");
            return -1;
        }
        if (i64_arg(ts, key, &i) < 0) return -1;
        if (!int_check(value)) {
            err_set(ts, &tr_exc_TypeError, "mmap item value must be an int");
            return -1;
        }
        if (i64_arg(ts, value, &byte) < 0) return -1;
    } else if (data_arg(ts, value, &v) < 0) {
        return -1;
    }
    ssize_t len = length_of(ts, self);
    if (len < 0) { bytes_view_release(&v); closed_error(ts); return -1; }
    ssize_t start = 0, stop = 0, step = 1, n = 0;
    if (is_slice && (n = slice_indices(ts, key, len, &start, &stop, &step)) < 0) {
        bytes_view_release(&v);
        return -1;
    }
    int rc = OK;
    enum { BADVALUE = RANGE + 1, WRONGSIZE };
    TR_BEGIN_CRITICAL(ts, self);
    ssize_t size = (ssize_t)m->arr.size;
    if (!m->arr.data) {
        rc = CLOSED;
    } else if (is_readonly(m)) {
        rc = READONLY;
    } else if (!is_slice) {
        int64_t j = i < 0 ? i + size : i;
        if (j < 0 || j >= size) rc = RANGE;
        else if (byte < 0 || byte > 255) rc = BADVALUE;
        else m->arr.data[j] = (char)byte;
    } else if (size != len) {
        rc = RANGE;
    } else if ((size_t)n != v.n) {
        rc = WRONGSIZE;
    } else {
        for (ssize_t k = 0, at = start; k < n; k++, at += step) m->arr.data[at] = v.p[k];
    }
    TR_END_CRITICAL(ts);
    bytes_view_release(&v);
    switch (rc) {
    case OK: return 0;
    case CLOSED: closed_error(ts); return -1;
    case READONLY: readonly_error(ts); return -1;
    case RANGE: err_set(ts, &tr_exc_IndexError, "mmap index out of range"); return -1;
    case BADVALUE: err_set(ts, &tr_exc_ValueError, "mmap item value must be in range(0, 256)"); return -1;
    default: err_set(ts, &tr_exc_IndexError, "mmap slice assignment is wrong size"); return -1;
    }
}

/* ---- iteration: one-byte bytes objects, as CPython's sequence protocol gives ---- */

typedef struct TrMmapIter {
    TrObject ob_base;
    TrObject *map;   /* owned */
    size_t next;     /* the next index; guarded by the map's critical section */
} TrMmapIter;

static TrType tr_mmap_iter_type;

static void iter_dealloc(TrThread *ts, TrObject *self) {
    tr_decref(((TrMmapIter *)self)->map);
    tr_free(self);
}

static TrObject *iter_next(TrThread *ts, TrObject *self) {
    TrMmapIter *it = (TrMmapIter *)self;
    TrMmap *m = MM(it->map);
    int rc = OK;
    char c = 0;
    TR_BEGIN_CRITICAL(ts, it->map);
    if (!m->arr.data) rc = CLOSED;
    else if (it->next >= m->arr.size) rc = RANGE;
    else c = m->arr.data[it->next++];
    TR_END_CRITICAL(ts);
    if (rc == CLOSED) return closed_error(ts);
    if (rc == RANGE) return NULL;   /* exhausted: NULL without an exception */
    return bytes_from(ts, &c, 1);
}

static TrObject *iter_self(TrThread *ts, TrObject *self) { return tr_newref(self); }

static TrType tr_mmap_iter_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "iterator",
    .basicsize = sizeof(TrMmapIter),
    .dealloc = iter_dealloc,
    .iter = iter_self,
    .iternext = iter_next,
};

static TrObject *mmap_iter(TrThread *ts, TrObject *self) {
    if (length_of(ts, self) < 0) return closed_error(ts);
    TrMmapIter *it = (TrMmapIter *)tr_alloc(ts, &tr_mmap_iter_type);
    if (!it) return NULL;
    it->map = tr_newref(self);
    return (TrObject *)it;
}

/* ---- the rest of the type -------------------------------------------------------------------------- */

static TrObject *mmap_repr(TrThread *ts, TrObject *self) {
    static const char *const names[] = {"ACCESS_DEFAULT", "ACCESS_READ", "ACCESS_WRITE", "ACCESS_COPY"};
    TrMmap *m = MM(self);
    bool open_;
    int access;
    size_t len, pos;
    int64_t off;
    TR_BEGIN_CRITICAL(ts, self);
    open_ = m->arr.data != NULL;
    access = m->access;
    len = m->arr.size;
    pos = m->pos;
    off = m->offset;
    TR_END_CRITICAL(ts);
    if (!open_) return str_from_cstr(ts, "<mmap.mmap closed=True>");
    return str_format(ts, "<mmap.mmap closed=False, access=%s, length=%zu, pos=%zu, offset=%lld>", names[access], len,
                      pos, (long long)off);
}

METHOD(mmap_enter) {
    if (tr_check_args(ts, "mmap.__enter__", nargs, kw, 0, 0) < 0) return NULL;
    if (length_of(ts, self) < 0) return closed_error(ts);
    return tr_newref(self);
}

METHOD(mmap_exit) { return mmap_close(ts, self, NULL, 0, NULL); }

/* The getter of the `closed` property: called with the mmap. */
METHOD(mmap_closed_get) {
    if (nargs != 1 || !tr_isinstance(args[0], &tr_mmap_type))
        return err_format(ts, &tr_exc_TypeError, "descriptor 'closed' needs a 'mmap.mmap' object");
    return tr_newref(tr_bool(length_of(ts, args[0]) < 0));
}

static const TrMethodDef mmap_methods[] = {
    {"close", mmap_close},
    {"find", mmap_find},
    {"rfind", mmap_rfind},
    {"flush", mmap_flush},
    {"madvise", mmap_madvise},
    {"move", mmap_move},
    {"read", mmap_read},
    {"read_byte", mmap_read_byte},
    {"readline", mmap_readline},
    {"resize", mmap_resize},
    {"seek", mmap_seek},
    {"seekable", mmap_seekable},
    {"size", mmap_size},
    {"tell", mmap_tell},
    {"write", mmap_write},
    {"write_byte", mmap_write_byte},
    {"__enter__", mmap_enter},
    {"__exit__", mmap_exit},
    {NULL, NULL}
};

static TrType tr_mmap_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "mmap.mmap",
    .basicsize = sizeof(TrMmap),
    .flags = TR_TPFLAG_ARRAY_EXPORT,
    .dealloc = mmap_dealloc,
    .repr = mmap_repr,
    .len = mmap_len,
    .getitem = mmap_getitem,
    .setitem = mmap_setitem,
    .iter = mmap_iter,
    .new_ = mmap_new,
    .methods = mmap_methods,
};

/* ---- the module --------------------------------------------------------------------------------------- */

typedef struct IntConst { const char *name; long value; } IntConst;
#define C(x) {#x, (long)(x)}
static const IntConst mmap_consts[] = {
    {"ACCESS_DEFAULT", ACCESS_DEFAULT}, {"ACCESS_READ", ACCESS_READ}, {"ACCESS_WRITE", ACCESS_WRITE},
    {"ACCESS_COPY", ACCESS_COPY},
    C(MAP_SHARED), C(MAP_PRIVATE), C(MAP_ANONYMOUS), {"MAP_ANON", MAP_ANONYMOUS}, C(MAP_DENYWRITE),
    C(MAP_EXECUTABLE), C(MAP_POPULATE), C(MAP_STACK),
    C(PROT_READ), C(PROT_WRITE), C(PROT_EXEC),
    C(MADV_NORMAL), C(MADV_RANDOM), C(MADV_SEQUENTIAL), C(MADV_WILLNEED), C(MADV_DONTNEED), C(MADV_FREE),
    C(MADV_REMOVE), C(MADV_DONTFORK), C(MADV_DOFORK), C(MADV_MERGEABLE), C(MADV_UNMERGEABLE), C(MADV_HUGEPAGE),
    C(MADV_NOHUGEPAGE), C(MADV_DONTDUMP), C(MADV_DODUMP), C(MADV_HWPOISON),
};
#undef C

TrObject *mmap_module_init(TrThread *ts) {
    if (!(tr_mmap_type.flags & TR_TPFLAG_READY)) {
        if (type_ready(ts, &tr_mmap_type) < 0 || type_ready(ts, &tr_mmap_iter_type) < 0) return NULL;
        TrObject *g = cfunction_new(ts, "closed", mmap_closed_get, NULL);
        TrObject *prop = g ? tr_call(ts, (TrObject *)&tr_property_type, &g, 1, NULL) : NULL;
        tr_xdecref(g);
        if (!prop) return NULL;
        tr_make_immortal(prop);
        int r = dict_set_cstr(ts, tr_mmap_type.dict, "closed", prop);
        tr_decref(prop);
        TrObject *mod = r == 0 ? str_from_cstr(ts, "mmap") : NULL;
        r = mod ? dict_set_cstr(ts, tr_mmap_type.dict, "__module__", mod) : -1;
        tr_xdecref(mod);
        if (r < 0) return NULL;
    }
    TrObject *m = module_new(ts, "mmap");
    if (!m) return NULL;
    TrObject *d = module_dict(m);
    long page = sysconf(_SC_PAGESIZE);
    if (dict_set_cstr(ts, d, "mmap", (TrObject *)&tr_mmap_type) < 0 ||
        dict_set_cstr(ts, d, "error", (TrObject *)&tr_exc_OSError) < 0)
        goto fail;
    for (size_t i = 0; i < sizeof mmap_consts / sizeof mmap_consts[0] + 2; i++) {
        const char *name = i < sizeof mmap_consts / sizeof mmap_consts[0] ? mmap_consts[i].name
                           : i == sizeof mmap_consts / sizeof mmap_consts[0] ? "PAGESIZE" : "ALLOCATIONGRANULARITY";
        long value = i < sizeof mmap_consts / sizeof mmap_consts[0] ? mmap_consts[i].value : page;
        TrObject *v = int_from_i64(ts, value);
        int r = v ? dict_set_cstr(ts, d, name, v) : -1;
        tr_xdecref(v);
        if (r < 0) goto fail;
    }
    return m;
fail:
    tr_decref(m);
    return NULL;
}
