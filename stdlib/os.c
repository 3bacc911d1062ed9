/* stdlib/os.c: the os module: the working directory, directories and files
 * by name, file descriptors, the environment, users and processes, the
 * constants; and the helpers the other parts of `os` share (stdlib/stdlib.h):
 * path arguments (str, bytes, os.PathLike, fds), Argument Clinic's argument
 * errors, OSError.  stdlib/os_stat.c adds stat, scandir and the struct
 * sequences; stdlib/os_path.c is os.path; stdlib/py/_os_py.py has os.walk
 * and os.PathLike.
 *
 * Failures raise OSError(errno, strerror, filename), which objects/exc.c
 * turns into the subclass for the errno (FileNotFoundError, ...).
 * Threads: no state of its own beyond what the kernel keeps (cwd, umask,
 * fds, which every thread shares, as in CPython); os.environ is a dict
 * snapshot taken at import, locked like any dict.  Every call that may
 * block in the kernel (file system, fds, waiting for children) runs
 * detached (BLOCKING): it touches no object meanwhile, only C copies or the
 * bytes of argument strings the caller keeps alive.  Calls interrupted by a
 * signal run the handlers and retry (PEP 475).
 * fork(): only the calling thread exists in the child.  The others are
 * stopped at a safe point (stw_stop: between bytecodes or detached, no
 * object lock held) while fork runs, so no lock of theirs is copied held;
 * in the child their thread states stay behind as stopped, never to run:
 * the child may run Python code, but objects those threads owned are
 * counted only through their shared counts (never freed) and threading
 * still lists them.  Use fork from a single-threaded program, or exec or
 * _exit soon after it in the child, as with CPython. */
#define _GNU_SOURCE   /* pipe2, dup3, O_DIRECT, O_PATH, O_TMPFILE */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>

#include "torii/torii.h"
#include "torii/set.h"
#include "stdlib/stdlib.h"
#include "threads/signals.h"
#include "threads/stw.h"

extern char **environ;

#define FUNC(name) static TrObject *name(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames)

/* Runs `stmt` detached (a system call that may block); `stmt` saves errno
 * itself, since re-attaching may change it. */
#define BLOCKING(ts, ...) do { gil_release_for_blocking(ts); __VA_ARGS__; gil_reacquire_after_blocking(ts); } while (0)

TrObject *os_error(TrThread *ts, int e, TrObject *filename, TrObject *filename2) {
    TrObject *no = int_from_i64(ts, e), *msg = str_from_cstr(ts, strerror(e));
    TrObject *exc = NULL;
    if (no && msg) {
        TrObject *a[5] = {no, msg, filename, tr_none, filename2};
        exc = exc_new(ts, &tr_exc_OSError, a, filename2 ? 5 : filename ? 3 : 2);
    }
    tr_xdecref(no);
    tr_xdecref(msg);
    if (!exc) return NULL;
    err_raise(ts, exc);
    return NULL;
}

/* After a call failed with EINTR: runs the signal handlers.  1 to retry,
 * -1 when a handler raised. */
static int eintr_retry(TrThread *ts) { return signals_check(ts) < 0 ? -1 : 1; }

/* 1 if the `n` bytes at `p` are valid UTF-8 (str_from_utf8 requires it). */
static int utf8_valid(const char *p, size_t n) {
    const unsigned char *s = (const unsigned char *)p, *end = s + n;
    while (s < end) {
        unsigned c = *s++;
        int extra = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
        if (extra < 0 || (extra == 1 && c < 0xC2) || end - s < extra) return 0;
        for (int i = 0; i < extra; i++)
            if ((*s++ & 0xC0) != 0x80) return 0;
    }
    return 1;
}

TrObject *os_name_from(TrThread *ts, const char *s, size_t n, int as_bytes) {
    if (as_bytes) return bytes_from(ts, s, n);
    if (utf8_valid(s, n)) return str_from_utf8(ts, s, n);
    return codec_decode(ts, s, n, "utf-8", "replace");
}

/* ---- arguments ---------------------------------------------------------- */

/* Positional-only arguments: "posix.read() takes no keyword arguments",
 * "read expected 2 arguments, got 1".  `qname` is "posix.NAME". */
static int posonly(TrThread *ts, const char *qname, size_t nargs, TrObject *kwnames, size_t min, size_t max) {
    if (tr_check_no_kwargs(ts, qname, kwnames) < 0) return -1;
    return tr_check_nargs(ts, qname + 6, nargs, min, max);
}

/* No arguments, or exactly one positional: "posix.getpid() takes no
 * arguments (1 given)", "posix.umask() takes exactly one argument (0 given)". */
static int noargs(TrThread *ts, const char *qname, size_t nargs, TrObject *kwnames) {
    return tr_check_args(ts, qname, nargs, kwnames, 0, 0);
}

/* The int64 value of an int argument (or one with __index__); "'str' object
 * cannot be interpreted as an integer".  0 or -1. */
static int i64_arg(TrThread *ts, TrObject *o, int64_t *out) {
    if (int_check(o)) {
        int overflow = 0;
        *out = int_as_i64_overflow(o, &overflow);
        if (overflow) {
            err_set(ts, &tr_exc_OverflowError, "Python int too large to convert to C long");
            return -1;
        }
        return 0;
    }
    return tr_index_i64(ts, o, out);
}

int os_int_arg(TrThread *ts, TrObject *o, int *out) {
    int64_t v;
    if (int_check(o)) {
        int overflow = 0;
        v = int_as_i64_overflow(o, &overflow);
        if (overflow || v != (int)v) {
            err_set(ts, &tr_exc_OverflowError, "Python int too large to convert to C int");
            return -1;
        }
    } else if (tr_index_i64(ts, o, &v) < 0) {
        return -1;
    } else if (v != (int)v) {
        err_set(ts, &tr_exc_OverflowError, "Python int too large to convert to C int");
        return -1;
    }
    *out = (int)v;
    return 0;
}

/* A boolean keyword argument (NULL: `dflt`).  1, 0 or -1. */
static int bool_arg(TrThread *ts, TrObject *o, int dflt) {
    return o ? tr_is_true(ts, o) : dflt;
}

/* A dir_fd argument: None or missing gives AT_FDCWD.  0 or -1. */
static int dirfd_arg(TrThread *ts, TrObject *o, int *fd) {
    *fd = AT_FDCWD;
    if (!o || o == tr_none) return 0;
    return os_int_arg(ts, o, fd);
}

TrObject *os_fspath(TrThread *ts, TrObject *o) {
    if (str_check(o) || bytes_check(o)) return tr_newref(o);
    TrObject *name = str_intern_cstr(ts, "__fspath__");
    TrObject *fn = name ? type_lookup(ts, tr_type(o), name) : NULL;
    if (!fn) {
        if (err_occurred(ts)) return NULL;
        return err_format(ts, &tr_exc_TypeError, "expected str, bytes or os.PathLike object, not %s",
                          type_qualname(tr_type(o)));
    }
    TrObject *bound = type_bind_take(ts, fn, o);
    TrObject *r = bound ? tr_call(ts, bound, NULL, 0, NULL) : NULL;
    tr_xdecref(bound);
    if (r && !str_check(r) && !bytes_check(r)) {
        err_format(ts, &tr_exc_TypeError, "expected %s.__fspath__() to return str or bytes, not %s",
                   type_qualname(tr_type(o)), type_qualname(tr_type(r)));
        TR_CLEAR(r);
    }
    return r;
}

int os_path_conv(TrThread *ts, const char *fname, const char *argname, TrObject *o, int allow, TrOsPath *p) {
    memset(p, 0, sizeof *p);
    p->fd = -1;
    if ((!o || o == tr_none) && (allow & OS_PATH_NONE)) return 0;
    p->obj = o;
    if (o && (allow & OS_PATH_FD) && int_check(o)) {
        int overflow = 0;
        int64_t v = int_as_i64_overflow(o, &overflow);
        if (overflow || v > INT_MAX) { err_set(ts, &tr_exc_OverflowError, "fd is greater than maximum"); return -1; }
        if (v < INT_MIN) { err_set(ts, &tr_exc_OverflowError, "fd is less than minimum"); return -1; }
        p->fd = (int)v;
        return 0;
    }
    TrObject *c = NULL;
    if (o && (str_check(o) || bytes_check(o))) {
        c = tr_newref(o);
    } else if (o) {
        TrObject *name = str_intern_cstr(ts, "__fspath__");
        TrObject *fn = name ? type_lookup(ts, tr_type(o), name) : NULL;
        if (fn) {
            tr_decref(fn);
            if (!(c = os_fspath(ts, o))) return -1;
        } else if (err_occurred(ts)) {
            return -1;
        }
    }
    if (!c) {
        const char *what = (allow & OS_PATH_FD) && (allow & OS_PATH_NONE) ? "string, bytes, os.PathLike, integer or None"
                         : (allow & OS_PATH_FD) ? "string, bytes, os.PathLike or integer"
                         : (allow & OS_PATH_NONE) ? "string, bytes, os.PathLike or None"
                         : "string, bytes or os.PathLike";
        err_format(ts, &tr_exc_TypeError, "%s: %s should be %s, not %s", fname, argname, what,
                   o ? type_qualname(tr_type(o)) : "NoneType");
        return -1;
    }
    p->conv = c;
    p->obj = c;   /* errors name the path os.fspath gave */
    p->is_bytes = bytes_check(c);
    p->c = p->is_bytes ? bytes_data(c) : str_utf8(c);
    p->n = p->is_bytes ? bytes_size(c) : str_nbytes(c);
    if (strlen(p->c) != p->n) {
        os_path_clear(p);
        err_format(ts, &tr_exc_ValueError, "%s: embedded null character in %s", fname, argname);
        return -1;
    }
    return 0;
}

void os_path_clear(TrOsPath *p) {
    TR_CLEAR(p->conv);
    p->c = NULL;
}

/* The filename an error names: the argument as given. */
static TrObject *fname_of(const TrOsPath *p) { return p->fd >= 0 || !p->obj ? NULL : p->obj; }

/* ---- the working directory and directories ----------------------------- */

static TrObject *getcwd_as(TrThread *ts, int as_bytes) {
    char buf[PATH_MAX];
    char *r;
    int e = 0;
    BLOCKING(ts, r = getcwd(buf, sizeof buf); e = errno);
    if (!r) return os_error(ts, e, NULL, NULL);
    return os_name_from(ts, buf, strlen(buf), as_bytes);
}

FUNC(os_getcwd) {
    if (noargs(ts, "posix.getcwd", nargs, kwnames) < 0) return NULL;
    return getcwd_as(ts, 0);
}

FUNC(os_getcwdb) {
    if (noargs(ts, "posix.getcwdb", nargs, kwnames) < 0) return NULL;
    return getcwd_as(ts, 1);
}

/* Reads every entry but . and .. of `d` (closed here) into a new list of
 * names (bytes when `as_bytes`).  Runs readdir detached in batches. */
static TrObject *read_names(TrThread *ts, DIR *d, int as_bytes, TrObject *filename) {
    TrObject *l = list_new(ts, 0);
    char name[sizeof(((struct dirent *)0)->d_name)];
    while (l) {
        struct dirent *e;
        int err = 0;
        BLOCKING(ts, errno = 0; e = readdir(d); err = errno;
                 if (e) memcpy(name, e->d_name, strlen(e->d_name) + 1));
        if (!e) {
            if (err) { TR_CLEAR(l); os_error(ts, err, filename, NULL); }
            break;
        }
        if (!strcmp(name, ".") || !strcmp(name, "..")) continue;
        TrObject *s = os_name_from(ts, name, strlen(name), as_bytes);
        if (!s || list_append_take(ts, l, s) < 0) TR_CLEAR(l);
    }
    closedir(d);
    return l;
}

FUNC(os_listdir) {
    static const char *const names[] = {"path"};
    TrObject *a[1];
    if (args_parse_clinic(ts, "listdir", args, nargs, kwnames, names, 1, 0, 0, a) < 0) return NULL;
    TrOsPath p;
    if (os_path_conv(ts, "listdir", "path", a[0], OS_PATH_FD | OS_PATH_NONE, &p) < 0) return NULL;
    DIR *d;
    int e = 0;
    if (p.fd >= 0) {
        int fd = p.fd;
        BLOCKING(ts, int dup_fd = fcntl(fd, F_DUPFD_CLOEXEC, 0); d = dup_fd < 0 ? NULL : fdopendir(dup_fd);
                 e = errno; if (!d && dup_fd >= 0) close(dup_fd); if (d) rewinddir(d));
    } else {
        const char *c = p.c ? p.c : ".";
        BLOCKING(ts, d = opendir(c); e = errno);
    }
    TrObject *filename = p.obj ? p.obj : str_intern_cstr(ts, ".");
    if (p.fd >= 0) filename = NULL;
    TrObject *r = d ? read_names(ts, d, p.is_bytes, filename) : os_error(ts, e, filename, NULL);
    os_path_clear(&p);
    return r;
}

static int mode_arg(TrThread *ts, TrObject *o, int *mode) {
    *mode = 0777;
    return o ? os_int_arg(ts, o, mode) : 0;
}

FUNC(os_mkdir) {
    static const char *const names[] = {"path", "mode", "dir_fd"};
    TrObject *a[3];
    int mode, dfd;
    if (args_parse_clinic(ts, "mkdir", args, nargs, kwnames, names, 2, 1, 1, a) < 0) return NULL;
    TrOsPath p;
    if (os_path_conv(ts, "mkdir", "path", a[0], 0, &p) < 0) return NULL;
    if (mode_arg(ts, a[1], &mode) < 0 || dirfd_arg(ts, a[2], &dfd) < 0) { os_path_clear(&p); return NULL; }
    int r, e = 0;
    BLOCKING(ts, r = mkdirat(dfd, p.c, (mode_t)mode); e = errno);
    TrObject *res = r < 0 ? os_error(ts, e, p.obj, NULL) : tr_none;
    os_path_clear(&p);
    return res;
}

static int isdir_path(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* os.makedirs: the parents first (an existing parent is fine), then `name`
 * (a str or bytes path). */
static int makedirs(TrThread *ts, TrObject *name, mode_t mode, int exist_ok) {
    int is_bytes = bytes_check(name);
    const char *s = is_bytes ? bytes_data(name) : str_utf8(name);
    size_t n = is_bytes ? bytes_size(name) : str_nbytes(name);
    /* head, tail = split(name); if not tail: head, tail = split(head) */
    size_t end = n;
    while (end > 0 && s[end - 1] == '/') end--;          /* strip trailing slashes for the tail */
    size_t slash = end;
    while (slash > 0 && s[slash - 1] != '/') slash--;
    size_t head_end = slash;
    while (head_end > 1 && s[head_end - 1] == '/') head_end--;
    if (slash > 0 && end > slash) {
        TrObject *head = is_bytes ? bytes_from(ts, s, head_end) : str_from_utf8(ts, s, head_end);
        if (!head) return -1;
        const char *h = is_bytes ? bytes_data(head) : str_utf8(head);
        struct stat st;
        int r;
        BLOCKING(ts, r = stat(h, &st));
        if (r < 0) {
            if (makedirs(ts, head, mode, exist_ok) < 0) {
                if (!err_matches(ts, &tr_exc_FileExistsError)) { tr_decref(head); return -1; }
                err_clear(ts);
            }
        }
        tr_decref(head);
    }
    int r, e = 0;
    BLOCKING(ts, r = mkdir(s, mode); e = errno; if (r < 0 && exist_ok && isdir_path(s)) r = 0);
    if (r < 0) { os_error(ts, e, name, NULL); return -1; }
    return 0;
}

FUNC(os_makedirs) {
    static const char *const names[] = {"name", "mode", "exist_ok"};
    TrObject *a[3];
    int mode;
    if (args_parse(ts, "makedirs", args, nargs, kwnames, names, 3, 1, 0, 0, a) < 0) return NULL;
    TrOsPath p;
    if (os_path_conv(ts, "mkdir", "path", a[0], 0, &p) < 0) return NULL;
    int exist_ok = 0;
    int ok = mode_arg(ts, a[1], &mode) == 0 && (!a[2] || (exist_ok = tr_is_true(ts, a[2])) >= 0) &&
             makedirs(ts, p.conv, (mode_t)mode, exist_ok) == 0;
    os_path_clear(&p);
    return ok ? tr_none : NULL;
}

/* remove, unlink, rmdir: (path, *, dir_fd=None). */
static TrObject *unlink_like(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kwnames,
                             int flags) {
    static const char *const names[] = {"path", "dir_fd"};
    TrObject *a[2];
    int dfd;
    if (args_parse_clinic(ts, fname, args, nargs, kwnames, names, 1, 1, 1, a) < 0) return NULL;
    TrOsPath p;
    if (os_path_conv(ts, fname, "path", a[0], 0, &p) < 0) return NULL;
    if (dirfd_arg(ts, a[1], &dfd) < 0) { os_path_clear(&p); return NULL; }
    int r, e = 0;
    BLOCKING(ts, r = unlinkat(dfd, p.c, flags); e = errno);
    TrObject *res = r < 0 ? os_error(ts, e, p.obj, NULL) : tr_none;
    os_path_clear(&p);
    return res;
}

FUNC(os_remove) { return unlink_like(ts, "remove", args, nargs, kwnames, 0); }
FUNC(os_unlink) { return unlink_like(ts, "unlink", args, nargs, kwnames, 0); }
FUNC(os_rmdir) { return unlink_like(ts, "rmdir", args, nargs, kwnames, AT_REMOVEDIR); }

FUNC(os_chdir) {
    static const char *const names[] = {"path"};
    TrObject *a[1];
    if (args_parse_clinic(ts, "chdir", args, nargs, kwnames, names, 1, 1, 0, a) < 0) return NULL;
    TrOsPath p;
    if (os_path_conv(ts, "chdir", "path", a[0], OS_PATH_FD, &p) < 0) return NULL;
    int r, e = 0, fd = p.fd;
    BLOCKING(ts, r = fd >= 0 ? fchdir(fd) : chdir(p.c); e = errno);
    TrObject *res = r < 0 ? os_error(ts, e, fname_of(&p), NULL) : tr_none;
    os_path_clear(&p);
    return res;
}

/* Two paths (src, dst) with their own converters' names. */
static int two_paths(TrThread *ts, const char *fname, TrObject *src, TrObject *dst, TrOsPath *a, TrOsPath *b) {
    if (os_path_conv(ts, fname, "src", src, 0, a) < 0) return -1;
    if (os_path_conv(ts, fname, "dst", dst, 0, b) < 0) { os_path_clear(a); return -1; }
    return 0;
}

/* rename and replace: (src, dst, *, src_dir_fd=None, dst_dir_fd=None). */
static TrObject *rename_like(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"src", "dst", "src_dir_fd", "dst_dir_fd"};
    TrObject *a[4];
    int sfd, dfd;
    if (args_parse_clinic(ts, fname, args, nargs, kwnames, names, 2, 2, 2, a) < 0) return NULL;
    TrOsPath s, d;
    if (two_paths(ts, fname, a[0], a[1], &s, &d) < 0) return NULL;
    TrObject *res = NULL;
    if (dirfd_arg(ts, a[2], &sfd) == 0 && dirfd_arg(ts, a[3], &dfd) == 0) {
        int r, e = 0;
        BLOCKING(ts, r = renameat(sfd, s.c, dfd, d.c); e = errno);
        res = r < 0 ? os_error(ts, e, s.obj, d.obj) : tr_none;
    }
    os_path_clear(&s);
    os_path_clear(&d);
    return res;
}

FUNC(os_rename) { return rename_like(ts, "rename", args, nargs, kwnames); }
FUNC(os_replace) { return rename_like(ts, "replace", args, nargs, kwnames); }

/* The head of a path for removedirs/renames (posixpath.split's head), as a
 * new object of the same type; an empty one when `p` has no '/'. */
static TrObject *head_part(TrThread *ts, TrObject *p, int *tail_empty) {
    int b = bytes_check(p);
    const char *s = b ? bytes_data(p) : str_utf8(p);
    size_t n = b ? bytes_size(p) : str_nbytes(p), i = n, h;
    while (i > 0 && s[i - 1] != '/') i--;
    *tail_empty = i == n;
    h = i;
    while (h > 0 && s[h - 1] == '/') h--;
    if (h == 0) h = i;
    return b ? bytes_from(ts, s, h) : str_from_utf8(ts, s, h);
}

static size_t plen(TrObject *p) { return bytes_check(p) ? bytes_size(p) : str_nbytes(p); }
static const char *pdata(TrObject *p) { return bytes_check(p) ? bytes_data(p) : str_utf8(p); }

/* Removes the now empty parents of `name` (a str or bytes), stopping at the
 * first that cannot be removed.  Cannot fail. */
static void prune_parents(TrThread *ts, TrObject *name) {
    int tail_empty;
    TrObject *head = head_part(ts, name, &tail_empty);
    if (head && tail_empty) {
        TrObject *h2 = head_part(ts, head, &tail_empty);
        tr_decref(head);
        head = h2;
    }
    while (head && plen(head) > 0) {
        int r;
        const char *c = pdata(head);
        BLOCKING(ts, r = rmdir(c));
        if (r < 0) break;
        TrObject *next = head_part(ts, head, &tail_empty);
        tr_decref(head);
        head = next;
    }
    tr_xdecref(head);
    err_clear(ts);
}

FUNC(os_removedirs) {
    static const char *const names[] = {"name"};
    TrObject *a[1];
    if (args_parse(ts, "removedirs", args, nargs, kwnames, names, 1, 1, 0, 0, a) < 0) return NULL;
    TrOsPath p;
    if (os_path_conv(ts, "rmdir", "path", a[0], 0, &p) < 0) return NULL;
    int r, e = 0;
    BLOCKING(ts, r = rmdir(p.c); e = errno);
    if (r < 0) { os_error(ts, e, p.obj, NULL); os_path_clear(&p); return NULL; }
    prune_parents(ts, p.conv);
    os_path_clear(&p);
    return tr_none;
}

FUNC(os_renames) {
    static const char *const names[] = {"old", "new"};
    TrObject *a[2];
    if (args_parse(ts, "renames", args, nargs, kwnames, names, 2, 2, 0, 0, a) < 0) return NULL;
    TrOsPath s, d;
    if (two_paths(ts, "rename", a[0], a[1], &s, &d) < 0) return NULL;
    TrObject *res = NULL;
    int tail_empty;
    TrObject *head = head_part(ts, d.conv, &tail_empty);
    if (head && tail_empty) {
        TrObject *h2 = head_part(ts, head, &tail_empty);
        tr_decref(head);
        head = h2;
    }
    if (!head) goto done;
    if (plen(head) > 0 && !(tail_empty && plen(head) == 0)) {
        struct stat st;
        int r;
        const char *h = pdata(head);
        BLOCKING(ts, r = stat(h, &st));
        if (r < 0 && makedirs(ts, head, 0777, 0) < 0) goto done;
    }
    int r, e = 0;
    BLOCKING(ts, r = rename(s.c, d.c); e = errno);
    if (r < 0) { os_error(ts, e, s.obj, d.obj); goto done; }
    prune_parents(ts, s.conv);
    res = tr_none;
done:
    tr_xdecref(head);
    os_path_clear(&s);
    os_path_clear(&d);
    return res;
}

/* ---- files by name ------------------------------------------------------ */

FUNC(os_chmod) {
    static const char *const names[] = {"path", "mode", "dir_fd", "follow_symlinks"};
    TrObject *a[4];
    int mode, dfd, follow;
    if (args_parse_clinic(ts, "chmod", args, nargs, kwnames, names, 2, 2, 2, a) < 0) return NULL;
    TrOsPath p;
    if (os_path_conv(ts, "chmod", "path", a[0], OS_PATH_FD, &p) < 0) return NULL;
    TrObject *res = NULL;
    if (os_int_arg(ts, a[1], &mode) == 0 && dirfd_arg(ts, a[2], &dfd) == 0 &&
        (follow = bool_arg(ts, a[3], 1)) >= 0) {
        int r, e = 0, fd = p.fd;
        BLOCKING(ts, r = fd >= 0 ? fchmod(fd, (mode_t)mode)
                                 : fchmodat(dfd, p.c, (mode_t)mode, follow ? 0 : AT_SYMLINK_NOFOLLOW);
                 e = errno);
        res = r < 0 ? os_error(ts, e, fname_of(&p), NULL) : tr_none;
    }
    os_path_clear(&p);
    return res;
}

FUNC(os_fchmod) {
    static const char *const names[] = {"fd", "mode"};
    TrObject *a[2];
    int fd, mode;
    if (args_parse_clinic(ts, "fchmod", args, nargs, kwnames, names, 2, 2, 0, a) < 0) return NULL;
    if (os_int_arg(ts, a[0], &fd) < 0 || os_int_arg(ts, a[1], &mode) < 0) return NULL;
    int r, e = 0;
    BLOCKING(ts, r = fchmod(fd, (mode_t)mode); e = errno);
    return r < 0 ? os_error(ts, e, NULL, NULL) : tr_none;
}

/* A uid_t / gid_t argument: -1 means "leave it". */
static int id_arg(TrThread *ts, TrObject *o, unsigned *id) {
    int64_t v;
    if (!int_check(o)) {
        err_format(ts, &tr_exc_TypeError, "uid should be integer, not %s", type_qualname(tr_type(o)));
        return -1;
    }
    if (i64_arg(ts, o, &v) < 0) return -1;
    if (v < -1 || v > (int64_t)UINT32_MAX - 1) {
        err_set(ts, &tr_exc_OverflowError, v < 0 ? "uid is less than minimum" : "uid is greater than maximum");
        return -1;
    }
    *id = (unsigned)v;
    return 0;
}

/* chown / lchown: (path, uid, gid, *, dir_fd=None, follow_symlinks=True). */
static TrObject *chown_like(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kwnames,
                            int lchown_) {
    static const char *const names[] = {"path", "uid", "gid", "dir_fd", "follow_symlinks"};
    TrObject *a[5];
    unsigned uid, gid;
    int dfd, follow;
    if (args_parse_clinic(ts, fname, args, nargs, kwnames, names, 3, 3, lchown_ ? 1 : 2, a) < 0) return NULL;
    TrOsPath p;
    if (os_path_conv(ts, fname, "path", a[0], lchown_ ? 0 : OS_PATH_FD, &p) < 0) return NULL;
    TrObject *res = NULL;
    if (id_arg(ts, a[1], &uid) == 0 && id_arg(ts, a[2], &gid) == 0 && dirfd_arg(ts, a[3], &dfd) == 0 &&
        (follow = lchown_ ? 0 : bool_arg(ts, a[4], 1)) >= 0) {
        int r, e = 0, fd = p.fd;
        BLOCKING(ts, r = fd >= 0 ? fchown(fd, (uid_t)uid, (gid_t)gid)
                                 : fchownat(dfd, p.c, (uid_t)uid, (gid_t)gid, follow ? 0 : AT_SYMLINK_NOFOLLOW);
                 e = errno);
        res = r < 0 ? os_error(ts, e, fname_of(&p), NULL) : tr_none;
    }
    os_path_clear(&p);
    return res;
}

FUNC(os_chown) { return chown_like(ts, "chown", args, nargs, kwnames, 0); }
FUNC(os_lchown) { return chown_like(ts, "lchown", args, nargs, kwnames, 1); }

FUNC(os_fchown) {
    static const char *const names[] = {"fd", "uid", "gid"};
    TrObject *a[3];
    int fd;
    unsigned uid, gid;
    if (args_parse_clinic(ts, "fchown", args, nargs, kwnames, names, 3, 3, 0, a) < 0) return NULL;
    if (os_int_arg(ts, a[0], &fd) < 0 || id_arg(ts, a[1], &uid) < 0 || id_arg(ts, a[2], &gid) < 0) return NULL;
    int r, e = 0;
    BLOCKING(ts, r = fchown(fd, (uid_t)uid, (gid_t)gid); e = errno);
    return r < 0 ? os_error(ts, e, NULL, NULL) : tr_none;
}

FUNC(os_access) {
    static const char *const names[] = {"path", "mode", "dir_fd", "effective_ids", "follow_symlinks"};
    TrObject *a[5];
    int mode, dfd, eff, follow;
    if (args_parse_clinic(ts, "access", args, nargs, kwnames, names, 2, 2, 3, a) < 0) return NULL;
    TrOsPath p;
    if (os_path_conv(ts, "access", "path", a[0], 0, &p) < 0) return NULL;
    TrObject *res = NULL;
    if (os_int_arg(ts, a[1], &mode) == 0 && dirfd_arg(ts, a[2], &dfd) == 0 &&
        (eff = bool_arg(ts, a[3], 0)) >= 0 && (follow = bool_arg(ts, a[4], 1)) >= 0) {
        int r, flags = (eff ? AT_EACCESS : 0) | (follow ? 0 : AT_SYMLINK_NOFOLLOW);
        BLOCKING(ts, r = faccessat(dfd, p.c, mode, flags));
        res = tr_bool(r == 0);
    }
    os_path_clear(&p);
    return res;
}

/* A time in seconds (int or float) as a timespec, for utime's `times`. */
static int time_arg(TrThread *ts, TrObject *o, struct timespec *t) {
    if (float_check(o)) {
        double d = float_value(o), s = (double)(int64_t)d;
        if (s > d) s -= 1;   /* floor, so tv_nsec >= 0 */
        double frac = d - s;
        long ns = (long)(frac * 1e9 + 0.5);
        if (ns >= 1000000000L) { ns -= 1000000000L; s += 1; }
        t->tv_sec = (time_t)s;
        t->tv_nsec = ns;
        return 0;
    }
    int64_t v;
    if (!int_check(o)) {
        err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer", type_qualname(tr_type(o)));
        return -1;
    }
    if (i64_arg(ts, o, &v) < 0) return -1;
    t->tv_sec = (time_t)v;
    t->tv_nsec = 0;
    return 0;
}

/* An int of nanoseconds as a timespec, for utime's `ns`. */
static int ns_arg(TrThread *ts, TrObject *o, struct timespec *t) {
    int64_t v;
    if (!int_check(o)) {
        err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer", type_qualname(tr_type(o)));
        return -1;
    }
    if (i64_arg(ts, o, &v) < 0) return -1;
    int64_t s = v / 1000000000, ns = v % 1000000000;
    if (ns < 0) { ns += 1000000000; s--; }
    t->tv_sec = (time_t)s;
    t->tv_nsec = (long)ns;
    return 0;
}

FUNC(os_utime) {
    static const char *const names[] = {"path", "times", "ns", "dir_fd", "follow_symlinks"};
    TrObject *a[5];
    int dfd, follow;
    if (args_parse_clinic(ts, "utime", args, nargs, kwnames, names, 2, 1, 3, a) < 0) return NULL;
    TrObject *times = a[1] && a[1] != tr_none ? a[1] : NULL, *ns = a[2];
    if (times && ns) return err_format(ts, &tr_exc_ValueError, "utime: you may specify either 'times' or 'ns' but not both");
    struct timespec tv[2], *tp = NULL;
    if (times) {
        if (!tuple_check(times) || tuple_size(times) != 2)
            return err_format(ts, &tr_exc_TypeError, "utime: 'times' must be either a tuple of two ints or None");
        if (time_arg(ts, tuple_get(times, 0), &tv[0]) < 0 || time_arg(ts, tuple_get(times, 1), &tv[1]) < 0)
            return NULL;
        tp = tv;
    } else if (ns) {
        if (!tuple_check(ns) || tuple_size(ns) != 2)
            return err_format(ts, &tr_exc_TypeError, "utime: 'ns' must be a tuple of two ints");
        if (ns_arg(ts, tuple_get(ns, 0), &tv[0]) < 0 || ns_arg(ts, tuple_get(ns, 1), &tv[1]) < 0) return NULL;
        tp = tv;
    }
    if (dirfd_arg(ts, a[3], &dfd) < 0 || (follow = bool_arg(ts, a[4], 1)) < 0) return NULL;
    TrOsPath p;
    if (os_path_conv(ts, "utime", "path", a[0], OS_PATH_FD, &p) < 0) return NULL;
    int r, e = 0, fd = p.fd;
    BLOCKING(ts, r = fd >= 0 ? futimens(fd, tp) : utimensat(dfd, p.c, tp, follow ? 0 : AT_SYMLINK_NOFOLLOW);
             e = errno);
    TrObject *res = r < 0 ? os_error(ts, e, fname_of(&p), NULL) : tr_none;
    os_path_clear(&p);
    return res;
}

FUNC(os_symlink) {
    static const char *const names[] = {"src", "dst", "target_is_directory", "dir_fd"};
    TrObject *a[4];
    int dfd;
    if (args_parse_clinic(ts, "symlink", args, nargs, kwnames, names, 3, 2, 1, a) < 0) return NULL;
    TrOsPath s, d;
    if (two_paths(ts, "symlink", a[0], a[1], &s, &d) < 0) return NULL;
    TrObject *res = NULL;
    if (dirfd_arg(ts, a[3], &dfd) == 0) {
        int r, e = 0;
        BLOCKING(ts, r = symlinkat(s.c, dfd, d.c); e = errno);
        res = r < 0 ? os_error(ts, e, s.obj, d.obj) : tr_none;
    }
    os_path_clear(&s);
    os_path_clear(&d);
    return res;
}

FUNC(os_readlink) {
    static const char *const names[] = {"path", "dir_fd"};
    TrObject *a[2];
    int dfd;
    if (args_parse_clinic(ts, "readlink", args, nargs, kwnames, names, 1, 1, 1, a) < 0) return NULL;
    TrOsPath p;
    if (os_path_conv(ts, "readlink", "path", a[0], 0, &p) < 0) return NULL;
    if (dirfd_arg(ts, a[1], &dfd) < 0) { os_path_clear(&p); return NULL; }
    char buf[PATH_MAX + 1];
    ssize_t n;
    int e = 0;
    BLOCKING(ts, n = readlinkat(dfd, p.c, buf, sizeof buf - 1); e = errno);
    TrObject *res = n < 0 ? os_error(ts, e, p.obj, NULL) : os_name_from(ts, buf, (size_t)n, p.is_bytes);
    os_path_clear(&p);
    return res;
}

FUNC(os_link) {
    static const char *const names[] = {"src", "dst", "src_dir_fd", "dst_dir_fd", "follow_symlinks"};
    TrObject *a[5];
    int sfd, dfd, follow;
    if (args_parse_clinic(ts, "link", args, nargs, kwnames, names, 2, 2, 3, a) < 0) return NULL;
    TrOsPath s, d;
    if (two_paths(ts, "link", a[0], a[1], &s, &d) < 0) return NULL;
    TrObject *res = NULL;
    if (dirfd_arg(ts, a[2], &sfd) == 0 && dirfd_arg(ts, a[3], &dfd) == 0 && (follow = bool_arg(ts, a[4], 1)) >= 0) {
        int r, e = 0;
        BLOCKING(ts, r = linkat(sfd, s.c, dfd, d.c, follow ? AT_SYMLINK_FOLLOW : 0); e = errno);
        res = r < 0 ? os_error(ts, e, s.obj, d.obj) : tr_none;
    }
    os_path_clear(&s);
    os_path_clear(&d);
    return res;
}

FUNC(os_truncate) {
    static const char *const names[] = {"path", "length"};
    TrObject *a[2];
    int64_t len;
    if (args_parse_clinic(ts, "truncate", args, nargs, kwnames, names, 2, 2, 0, a) < 0) return NULL;
    TrOsPath p;
    if (os_path_conv(ts, "truncate", "path", a[0], OS_PATH_FD, &p) < 0) return NULL;
    TrObject *res = NULL;
    if (i64_arg(ts, a[1], &len) == 0) {
        int r, e = 0, fd = p.fd;
        BLOCKING(ts, r = fd >= 0 ? ftruncate(fd, (off_t)len) : truncate(p.c, (off_t)len); e = errno);
        res = r < 0 ? os_error(ts, e, fname_of(&p), NULL) : tr_none;
    }
    os_path_clear(&p);
    return res;
}

/* ---- file descriptors --------------------------------------------------- */

FUNC(os_open) {
    static const char *const names[] = {"path", "flags", "mode", "dir_fd"};
    TrObject *a[4];
    int flags, mode, dfd;
    if (args_parse_clinic(ts, "open", args, nargs, kwnames, names, 3, 2, 1, a) < 0) return NULL;
    TrOsPath p;
    if (os_path_conv(ts, "open", "path", a[0], 0, &p) < 0) return NULL;
    TrObject *res = NULL;
    if (os_int_arg(ts, a[1], &flags) == 0 && mode_arg(ts, a[2], &mode) == 0 && dirfd_arg(ts, a[3], &dfd) == 0) {
        for (;;) {
            int fd, e = 0;
            /* PEP 446: new descriptors are not inherited by exec'd programs */
            BLOCKING(ts, fd = openat(dfd, p.c, flags | O_CLOEXEC, (mode_t)mode); e = errno);
            if (fd >= 0) { res = int_from_i64(ts, fd); break; }
            if (e == EINTR && eintr_retry(ts) > 0) continue;
            if (e != EINTR) os_error(ts, e, p.obj, NULL);
            break;
        }
    }
    os_path_clear(&p);
    return res;
}

static int fd_arg(TrThread *ts, TrObject *o, int *fd) { return os_int_arg(ts, o, fd); }

FUNC(os_close) {
    static const char *const names[] = {"fd"};
    TrObject *a[1];
    int fd;
    if (args_parse_clinic(ts, "close", args, nargs, kwnames, names, 1, 1, 0, a) < 0 || fd_arg(ts, a[0], &fd) < 0)
        return NULL;
    int r, e = 0;
    /* not retried on EINTR: Linux has closed the descriptor anyway */
    BLOCKING(ts, r = close(fd); e = errno);
    return r < 0 && e != EINTR ? os_error(ts, e, NULL, NULL) : tr_none;
}

FUNC(os_closerange) {
    int lo, hi;
    if (posonly(ts, "posix.closerange", nargs, kwnames, 2, 2) < 0) return NULL;
    if (fd_arg(ts, args[0], &lo) < 0 || fd_arg(ts, args[1], &hi) < 0) return NULL;
    BLOCKING(ts, for (int fd = lo < 0 ? 0 : lo; fd < hi; fd++) close(fd));
    return tr_none;
}

FUNC(os_read) {
    int fd;
    int64_t n;
    if (posonly(ts, "posix.read", nargs, kwnames, 2, 2) < 0) return NULL;
    if (fd_arg(ts, args[0], &fd) < 0 || i64_arg(ts, args[1], &n) < 0) return NULL;
    if (n < 0) return os_error(ts, EINVAL, NULL, NULL);
    char *buf = malloc(n ? (size_t)n : 1);
    if (!buf) return err_nomemory(ts);
    for (;;) {
        ssize_t got;
        int e = 0;
        BLOCKING(ts, got = read(fd, buf, (size_t)n); e = errno);
        if (got >= 0) {
            TrObject *b = bytes_from(ts, buf, (size_t)got);
            free(buf);
            return b;
        }
        if (e == EINTR && eintr_retry(ts) > 0) continue;
        free(buf);
        return e == EINTR ? NULL : os_error(ts, e, NULL, NULL);
    }
}

FUNC(os_write) {
    int fd;
    if (posonly(ts, "posix.write", nargs, kwnames, 2, 2) < 0) return NULL;
    if (fd_arg(ts, args[0], &fd) < 0) return NULL;
    TrBytesView v;
    int k = bytes_view(ts, args[1], &v);
    if (k < 0) return NULL;
    if (k == 0) return err_format(ts, &tr_exc_TypeError, "a bytes-like object is required, not '%s'", tr_type_name(args[1]));
    for (;;) {
        ssize_t w;
        int e = 0;
        BLOCKING(ts, w = write(fd, v.p, v.n); e = errno);
        if (w >= 0) { bytes_view_release(&v); return int_from_i64(ts, w); }
        if (e == EINTR && eintr_retry(ts) > 0) continue;
        bytes_view_release(&v);
        return e == EINTR ? NULL : os_error(ts, e, NULL, NULL);
    }
}

FUNC(os_pipe) {
    if (noargs(ts, "posix.pipe", nargs, kwnames) < 0) return NULL;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0) return os_error(ts, errno, NULL, NULL);
    return tuple_pair_take(ts, int_from_i64(ts, fds[0]), int_from_i64(ts, fds[1]));
}

FUNC(os_dup) {
    int fd;
    if (tr_check_args(ts, "posix.dup", nargs, kwnames, 1, 1) < 0 || fd_arg(ts, args[0], &fd) < 0) return NULL;
    int r = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    return r < 0 ? os_error(ts, errno, NULL, NULL) : int_from_i64(ts, r);
}

FUNC(os_dup2) {
    static const char *const names[] = {"fd", "fd2", "inheritable"};
    TrObject *a[3];
    int fd, fd2, inh;
    if (args_parse_clinic(ts, "dup2", args, nargs, kwnames, names, 3, 2, 0, a) < 0) return NULL;
    if (fd_arg(ts, a[0], &fd) < 0 || fd_arg(ts, a[1], &fd2) < 0 || (inh = bool_arg(ts, a[2], 1)) < 0) return NULL;
    int r, e = 0;
    BLOCKING(ts, r = inh ? dup2(fd, fd2) : (fd == fd2 ? (fcntl(fd, F_GETFD) < 0 ? -1 : fd) : dup3(fd, fd2, O_CLOEXEC));
             e = errno);
    return r < 0 ? os_error(ts, e, NULL, NULL) : int_from_i64(ts, r);
}

FUNC(os_lseek) {
    int fd, how;
    int64_t pos;
    if (posonly(ts, "posix.lseek", nargs, kwnames, 3, 3) < 0) return NULL;
    if (fd_arg(ts, args[0], &fd) < 0 || i64_arg(ts, args[1], &pos) < 0 || os_int_arg(ts, args[2], &how) < 0)
        return NULL;
    off_t r;
    int e = 0;
    BLOCKING(ts, r = lseek(fd, (off_t)pos, how); e = errno);
    return r < 0 ? os_error(ts, e, NULL, NULL) : int_from_i64(ts, (int64_t)r);
}

FUNC(os_isatty) {
    int fd;
    if (tr_check_args(ts, "posix.isatty", nargs, kwnames, 1, 1) < 0 || fd_arg(ts, args[0], &fd) < 0) return NULL;
    return tr_bool(isatty(fd));
}

FUNC(os_fsync) {
    static const char *const names[] = {"fd"};
    TrObject *a[1];
    int fd;
    if (args_parse_clinic(ts, "fsync", args, nargs, kwnames, names, 1, 1, 0, a) < 0) return NULL;
    if (!int_check(a[0])) {
        /* a file object: its fileno() */
        TrObject *r = tr_getattr_cstr(ts, a[0], "fileno");
        TrObject *v = r ? tr_call(ts, r, NULL, 0, NULL) : NULL;
        tr_xdecref(r);
        if (!v) return NULL;
        int ok = fd_arg(ts, v, &fd);
        tr_decref(v);
        if (ok < 0) return NULL;
    } else if (fd_arg(ts, a[0], &fd) < 0) {
        return NULL;
    }
    int r, e = 0;
    BLOCKING(ts, r = fsync(fd); e = errno);
    return r < 0 ? os_error(ts, e, NULL, NULL) : tr_none;
}

FUNC(os_ftruncate) {
    int fd;
    int64_t len;
    if (posonly(ts, "posix.ftruncate", nargs, kwnames, 2, 2) < 0) return NULL;
    if (fd_arg(ts, args[0], &fd) < 0 || i64_arg(ts, args[1], &len) < 0) return NULL;
    int r, e = 0;
    BLOCKING(ts, r = ftruncate(fd, (off_t)len); e = errno);
    return r < 0 ? os_error(ts, e, NULL, NULL) : tr_none;
}

FUNC(os_get_inheritable) {
    int fd;
    if (tr_check_args(ts, "posix.get_inheritable", nargs, kwnames, 1, 1) < 0 || fd_arg(ts, args[0], &fd) < 0)
        return NULL;
    int f = fcntl(fd, F_GETFD);
    return f < 0 ? os_error(ts, errno, NULL, NULL) : tr_bool(!(f & FD_CLOEXEC));
}

FUNC(os_set_inheritable) {
    int fd, inh;
    if (posonly(ts, "posix.set_inheritable", nargs, kwnames, 2, 2) < 0) return NULL;
    if (fd_arg(ts, args[0], &fd) < 0 || os_int_arg(ts, args[1], &inh) < 0) return NULL;
    int f = fcntl(fd, F_GETFD);
    if (f < 0 || fcntl(fd, F_SETFD, inh ? f & ~FD_CLOEXEC : f | FD_CLOEXEC) < 0)
        return os_error(ts, errno, NULL, NULL);
    return tr_none;
}

/* get_blocking(fd) / set_blocking(fd, blocking): the descriptor's
 * O_NONBLOCK flag, inverted. */
FUNC(os_get_blocking) {
    int fd;
    if (tr_check_args(ts, "posix.get_blocking", nargs, kwnames, 1, 1) < 0 || fd_arg(ts, args[0], &fd) < 0)
        return NULL;
    int f = fcntl(fd, F_GETFL);
    return f < 0 ? os_error(ts, errno, NULL, NULL) : tr_bool(!(f & O_NONBLOCK));
}

FUNC(os_set_blocking) {
    int fd, blocking;
    if (posonly(ts, "posix.set_blocking", nargs, kwnames, 2, 2) < 0) return NULL;
    if (fd_arg(ts, args[0], &fd) < 0 || (blocking = tr_is_true(ts, args[1])) < 0) return NULL;
    int f = fcntl(fd, F_GETFL);
    if (f < 0 || fcntl(fd, F_SETFL, blocking ? f & ~O_NONBLOCK : f | O_NONBLOCK) < 0)
        return os_error(ts, errno, NULL, NULL);
    return tr_none;
}

/* killpg(pgid, signal): as kill, for a process group. */
FUNC(os_killpg) {
    if (posonly(ts, "posix.killpg", nargs, kwnames, 2, 2) < 0) return NULL;
    int pg, sig;
    if (os_int_arg(ts, args[0], &pg) < 0 || os_int_arg(ts, args[1], &sig) < 0) return NULL;
    if (killpg((pid_t)pg, sig) != 0) return os_error(ts, errno, NULL, NULL);
    if (signals_check(ts) < 0) return NULL;
    return tr_none;
}

FUNC(os_strerror) {
    int code;
    if (tr_check_args(ts, "posix.strerror", nargs, kwnames, 1, 1) < 0 || os_int_arg(ts, args[0], &code) < 0)
        return NULL;
    return str_from_cstr(ts, strerror(code));
}

/* os.fsencode / os.fsdecode (CPython's are Python functions in os.py). */
FUNC(os_fsencode) {
    static const char *const names[] = {"filename"};
    TrObject *a[1];
    if (args_parse(ts, "_fscodec.<locals>.fsencode", args, nargs, kwnames, names, 1, 1, 0, 0, a) < 0) return NULL;
    TrObject *p = os_fspath(ts, a[0]);
    if (!p || bytes_check(p)) return p;
    TrObject *b = codec_encode(ts, p, "utf-8", "strict");
    tr_decref(p);
    return b;
}

FUNC(os_fsdecode) {
    static const char *const names[] = {"filename"};
    TrObject *a[1];
    if (args_parse(ts, "_fscodec.<locals>.fsdecode", args, nargs, kwnames, names, 1, 1, 0, 0, a) < 0) return NULL;
    TrObject *p = os_fspath(ts, a[0]);
    if (!p || str_check(p)) return p;
    TrObject *s = os_name_from(ts, bytes_data(p), bytes_size(p), 0);
    tr_decref(p);
    return s;
}

FUNC(os_fspath_fn) {
    static const char *const names[] = {"path"};
    TrObject *a[1];
    if (args_parse_clinic(ts, "fspath", args, nargs, kwnames, names, 1, 1, 0, a) < 0) return NULL;
    return os_fspath(ts, a[0]);
}

/* os.urandom(size): `size` bytes from getrandom(2), which may block (detached). */
FUNC(os_urandom) {
    if (tr_check_args(ts, "urandom", nargs, kwnames, 1, 1) < 0) return NULL;
    int64_t n;
    if (!int_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "'%T' object cannot be interpreted as an integer", args[0]);
    if (tr_index_i64(ts, args[0], &n) < 0) return NULL;
    if (n < 0) return err_format(ts, &tr_exc_ValueError, "negative argument not allowed");
    TrObject *b = bytes_alloc(ts, (size_t)n);
    if (!b) return NULL;
    size_t got = 0;
    int e = 0;
    gil_release_for_blocking(ts);
    while (got < (size_t)n) {
        ssize_t r = getrandom(bytes_data(b) + got, (size_t)n - got, 0);
        if (r < 0) {
            if (errno == EINTR) continue;
            e = errno;
            break;
        }
        got += (size_t)r;
    }
    gil_reacquire_after_blocking(ts);
    if (e) { tr_decref(b); return os_error(ts, e, NULL, NULL); }
    return b;
}

/* ---- the process, users --------------------------------------------------- */

#define ID_FUNC(name, expr) \
    FUNC(os_##name) { \
        if (noargs(ts, "posix." #name, nargs, kwnames) < 0) return NULL; \
        return int_from_i64(ts, (int64_t)(expr)); \
    }
ID_FUNC(getpid, getpid())
ID_FUNC(getppid, getppid())
ID_FUNC(getuid, getuid())
ID_FUNC(geteuid, geteuid())
ID_FUNC(getgid, getgid())
ID_FUNC(getegid, getegid())
ID_FUNC(getpgrp, getpgrp())

FUNC(os_getgroups) {
    if (noargs(ts, "posix.getgroups", nargs, kwnames) < 0) return NULL;
    gid_t g[1024];
    int n = getgroups(1024, g);
    if (n < 0) return os_error(ts, errno, NULL, NULL);
    TrObject *l = list_new(ts, (size_t)n);
    for (int i = 0; l && i < n; i++)
        if (list_append_take(ts, l, int_from_i64(ts, (int64_t)g[i])) < 0) TR_CLEAR(l);
    return l;
}

FUNC(os_umask) {
    int mask;
    if (tr_check_args(ts, "posix.umask", nargs, kwnames, 1, 1) < 0 || os_int_arg(ts, args[0], &mask) < 0) return NULL;
    return int_from_i64(ts, (int64_t)umask((mode_t)mask));
}

/* A pid_t argument named `name` of clinic function `fname`. */
static int pid_arg(TrThread *ts, TrObject *o, pid_t *pid) {
    int v;
    if (os_int_arg(ts, o, &v) < 0) return -1;
    *pid = (pid_t)v;
    return 0;
}

FUNC(os_getpgid) {
    static const char *const names[] = {"pid"};
    TrObject *a[1];
    pid_t pid;
    if (args_parse_clinic(ts, "getpgid", args, nargs, kwnames, names, 1, 1, 0, a) < 0 || pid_arg(ts, a[0], &pid) < 0)
        return NULL;
    pid_t r = getpgid(pid);
    return r < 0 ? os_error(ts, errno, NULL, NULL) : int_from_i64(ts, r);
}

FUNC(os_getsid) {
    static const char *const names[] = {"pid"};
    TrObject *a[1];
    pid_t pid;
    if (args_parse_clinic(ts, "getsid", args, nargs, kwnames, names, 1, 1, 0, a) < 0 || pid_arg(ts, a[0], &pid) < 0)
        return NULL;
    pid_t r = getsid(pid);
    return r < 0 ? os_error(ts, errno, NULL, NULL) : int_from_i64(ts, r);
}

FUNC(os_setsid) {
    if (noargs(ts, "posix.setsid", nargs, kwnames) < 0) return NULL;
    return setsid() < 0 ? os_error(ts, errno, NULL, NULL) : tr_none;
}

FUNC(os_setpgid) {
    pid_t pid, pg;
    if (posonly(ts, "posix.setpgid", nargs, kwnames, 2, 2) < 0) return NULL;
    if (pid_arg(ts, args[0], &pid) < 0 || pid_arg(ts, args[1], &pg) < 0) return NULL;
    return setpgid(pid, pg) < 0 ? os_error(ts, errno, NULL, NULL) : tr_none;
}

/* kill(pid, signal): a signal sent to this very process is handled before
 * kill returns, as CPython does (signals_check). */
FUNC(os_kill) {
    if (tr_check_no_kwargs(ts, "kill", kwnames) < 0) return NULL;
    if (nargs != 2) return err_format(ts, &tr_exc_TypeError, "kill() takes exactly 2 arguments (%zu given)", nargs);
    int64_t pid, sig;
    for (int i = 0; i < 2; i++)
        if (!int_check(args[i]))
            return err_format(ts, &tr_exc_TypeError, "'%T' object cannot be interpreted as an integer", args[i]);
    if (tr_index_i64(ts, args[0], &pid) < 0 || tr_index_i64(ts, args[1], &sig) < 0) return NULL;
    if (pid != (pid_t)pid || sig != (int)sig)
        return err_format(ts, &tr_exc_OverflowError, "signed integer is greater than maximum");
    if (kill((pid_t)pid, (int)sig) != 0) return os_error(ts, errno, NULL, NULL);
    if (signals_check(ts) < 0) return NULL;
    return tr_none;
}

FUNC(os_cpu_count) {
    if (noargs(ts, "posix.cpu_count", nargs, kwnames) < 0) return NULL;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? int_from_i64(ts, n) : tr_none;
}

/* fork(): see the file comment for what the child inherits. */
FUNC(os_fork) {
    if (noargs(ts, "posix.fork", nargs, kwnames) < 0) return NULL;
    tr_flush_stdout();
    stw_stop(ts, "os.fork");
    pid_t pid = fork();
    int e = errno;
    stw_start(ts);
    if (pid < 0) return os_error(ts, e, NULL, NULL);
    return int_from_i64(ts, pid);
}

FUNC(os_waitpid) {
    if (tr_check_no_kwargs(ts, "waitpid", kwnames) < 0) return NULL;
    if (nargs != 2) return err_format(ts, &tr_exc_TypeError, "waitpid() takes exactly 2 arguments (%zu given)", nargs);
    pid_t pid;
    int options;
    if (pid_arg(ts, args[0], &pid) < 0 || os_int_arg(ts, args[1], &options) < 0) return NULL;
    for (;;) {
        int status = 0, e = 0;
        pid_t r;
        BLOCKING(ts, r = waitpid(pid, &status, options); e = errno);
        if (r >= 0) return tuple_pair_take(ts, int_from_i64(ts, r), int_from_i64(ts, status));
        if (e == EINTR && eintr_retry(ts) > 0) continue;
        return e == EINTR ? NULL : os_error(ts, e, NULL, NULL);
    }
}

FUNC(os_wait) {
    if (noargs(ts, "posix.wait", nargs, kwnames) < 0) return NULL;
    for (;;) {
        int status = 0, e = 0;
        pid_t r;
        BLOCKING(ts, r = wait(&status); e = errno);
        if (r >= 0) return tuple_pair_take(ts, int_from_i64(ts, r), int_from_i64(ts, status));
        if (e == EINTR && eintr_retry(ts) > 0) continue;
        return e == EINTR ? NULL : os_error(ts, e, NULL, NULL);
    }
}

/* The W* status macros: (status) with a keyword, as Argument Clinic. */
static int status_arg(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kwnames,
                      int *status) {
    static const char *const names[] = {"status"};
    TrObject *a[1];
    if (args_parse_clinic(ts, fname, args, nargs, kwnames, names, 1, 1, 0, a) < 0) return -1;
    return os_int_arg(ts, a[0], status);
}

#define WFUNC(name, result) \
    FUNC(os_##name) { \
        int status; \
        if (status_arg(ts, #name, args, nargs, kwnames, &status) < 0) return NULL; \
        return result; \
    }
WFUNC(WIFEXITED, tr_bool(WIFEXITED(status)))
WFUNC(WEXITSTATUS, int_from_i64(ts, WEXITSTATUS(status)))
WFUNC(WIFSIGNALED, tr_bool(WIFSIGNALED(status)))
WFUNC(WTERMSIG, int_from_i64(ts, WTERMSIG(status)))
WFUNC(WIFSTOPPED, tr_bool(WIFSTOPPED(status)))
WFUNC(WSTOPSIG, int_from_i64(ts, WSTOPSIG(status)))
WFUNC(WIFCONTINUED, tr_bool(WIFCONTINUED(status)))
WFUNC(WCOREDUMP, tr_bool(WCOREDUMP(status)))

FUNC(os_waitstatus_to_exitcode) {
    int status;
    if (status_arg(ts, "waitstatus_to_exitcode", args, nargs, kwnames, &status) < 0) return NULL;
    if (WIFEXITED(status)) return int_from_i64(ts, WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return int_from_i64(ts, -WTERMSIG(status));
    if (WIFSTOPPED(status))
        return err_format(ts, &tr_exc_ValueError, "process stopped by delivery of signal %d", WSTOPSIG(status));
    return err_format(ts, &tr_exc_ValueError, "invalid wait status: %d", status);
}

FUNC(os__exit) {
    static const char *const names[] = {"status"};
    TrObject *a[1];
    int status;
    if (args_parse_clinic(ts, "_exit", args, nargs, kwnames, names, 1, 1, 0, a) < 0 || os_int_arg(ts, a[0], &status) < 0)
        return NULL;
    _exit(status);
}

/* A NULL-terminated array of C strings from a list or tuple of paths
 * (`what` names it in errors: "execv() arg 2"); the strings point into the
 * objects kept in *keep (a new list).  NULL on error. */
static char **cstr_array(TrThread *ts, TrObject *seq, const char *fname, int nonempty, TrObject **keep) {
    if (!list_check(seq) && !tuple_check(seq)) {
        err_format(ts, &tr_exc_TypeError, "%s() arg 2 must be a tuple or list", fname);
        return NULL;
    }
    TrObject *items = list_check(seq) ? list_as_tuple(ts, seq) : tr_newref(seq);
    if (!items) return NULL;
    size_t n = tuple_size(items);
    if (nonempty && n == 0) {
        tr_decref(items);
        err_format(ts, &tr_exc_ValueError, "%s() arg 2 must not be empty", fname);
        return NULL;
    }
    char **v = calloc(n + 1, sizeof *v);
    TrObject *k = v ? list_new(ts, n) : NULL;
    if (!k) { free(v); tr_decref(items); if (!err_occurred(ts)) err_nomemory(ts); return NULL; }
    for (size_t i = 0; i < n; i++) {
        TrOsPath p;
        if (os_path_conv(ts, fname, "args", tuple_get(items, i), 0, &p) < 0) goto fail;
        v[i] = (char *)p.c;
        if (list_append_take(ts, k, p.conv) < 0) goto fail;
        if (nonempty && i == 0 && p.n == 0) {
            err_format(ts, &tr_exc_ValueError, "%s() arg 2 first element cannot be empty", fname);
            goto fail;
        }
    }
    tr_decref(items);
    *keep = k;
    return v;
fail:
    free(v);
    tr_decref(k);
    tr_decref(items);
    return NULL;
}

/* The environment for execve from a mapping: "KEY=VALUE" strings kept in
 * *keep.  NULL on error. */
static char **env_array(TrThread *ts, TrObject *env, TrObject **keep) {
    TrObject *items = dict_check(env) ? dict_items_list(ts, env) : NULL;
    if (!items) {
        if (!err_occurred(ts)) err_set(ts, &tr_exc_TypeError, "env must be a mapping object");
        return NULL;
    }
    size_t n = list_size(items);
    char **v = calloc(n + 1, sizeof *v);
    TrObject *k = v ? list_new(ts, n) : NULL;
    if (!k) { free(v); tr_decref(items); if (!err_occurred(ts)) err_nomemory(ts); return NULL; }
    for (size_t i = 0; i < n; i++) {
        TrObject *kv = list_get(ts, items, (ssize_t)i);
        TrOsPath kp, vp;
        if (!kv) goto fail;
        int ok = os_path_conv(ts, "execve", "key", tuple_get(kv, 0), 0, &kp) == 0;
        if (ok && os_path_conv(ts, "execve", "value", tuple_get(kv, 1), 0, &vp) < 0) { os_path_clear(&kp); ok = 0; }
        tr_decref(kv);
        if (!ok) goto fail;
        if (kp.n == 0 || strchr(kp.c, '=')) {
            os_path_clear(&kp);
            os_path_clear(&vp);
            err_set(ts, &tr_exc_ValueError, "illegal environment variable name");
            goto fail;
        }
        TrObject *s = str_format(ts, "%s=%s", kp.c, vp.c);
        os_path_clear(&kp);
        os_path_clear(&vp);
        if (!s) goto fail;
        v[i] = (char *)str_utf8(s);
        if (list_append_take(ts, k, s) < 0) goto fail;
    }
    tr_decref(items);
    *keep = k;
    return v;
fail:
    free(v);
    tr_decref(k);
    tr_decref(items);
    return NULL;
}

/* execv, execve, execvp, execvpe: only returns on failure.  `search`: look
 * `path` up in PATH (os.environ's) when it has no '/'. */
static TrObject *exec_common(TrThread *ts, const char *fname, TrObject *path, TrObject *argv, TrObject *env,
                             int search) {
    TrOsPath p;
    TrObject *keep_a = NULL, *keep_e = NULL, *pathvar = NULL;
    char **av = NULL, **ev = NULL;
    if (os_path_conv(ts, fname, "path", path, 0, &p) < 0) return NULL;
    if (!(av = cstr_array(ts, argv, fname, 1, &keep_a))) goto done;
    /* without `env`, the child gets os.environ (CPython's os.environ writes
     * through to the C environment; torii's is a plain dict) */
    TrObject *own_env = env ? NULL : os_environ(ts);
    if (!own_env) err_clear(ts);
    TrObject *use_env = env ? env : (own_env && dict_check(own_env) ? own_env : NULL);
    if (use_env && !(ev = env_array(ts, use_env, &keep_e))) { tr_xdecref(own_env); goto done; }
    tr_xdecref(own_env);
    char *const *envp = ev ? ev : environ;
    if (!search || strchr(p.c, '/')) {
        execve(p.c, av, envp);
        os_error(ts, errno, NULL, NULL);
        goto done;
    }
    TrObject *envd = env ? tr_newref(env) : os_environ(ts);
    if (envd && dict_check(envd)) pathvar = dict_get_cstr(ts, envd, "PATH");
    tr_xdecref(envd);
    err_clear(ts);
    const char *dirs = pathvar && str_check(pathvar) ? str_utf8(pathvar) : "/bin:/usr/bin";
    int last = ENOENT, saw_eacces = 0;
    for (const char *d = dirs;; d++) {
        const char *end = strchr(d, ':');
        size_t dl = end ? (size_t)(end - d) : strlen(d);
        char full[PATH_MAX];
        if (dl + 1 + p.n + 1 <= sizeof full) {
            memcpy(full, dl ? d : ".", dl ? dl : 1);
            size_t at = dl ? dl : 1;
            full[at++] = '/';
            memcpy(full + at, p.c, p.n + 1);
            execve(full, av, envp);
            if (errno == EACCES) saw_eacces = 1;
            else if (errno != ENOENT && errno != ENOTDIR) last = errno;
        }
        if (!end) break;
        d = end;
    }
    os_error(ts, saw_eacces && last == ENOENT ? EACCES : last, NULL, NULL);
done:
    free(av);
    free(ev);
    tr_xdecref(keep_a);
    tr_xdecref(keep_e);
    tr_xdecref(pathvar);
    os_path_clear(&p);
    return NULL;
}

FUNC(os_execv) {
    if (posonly(ts, "posix.execv", nargs, kwnames, 2, 2) < 0) return NULL;
    return exec_common(ts, "execv", args[0], args[1], NULL, 0);
}

FUNC(os_execve) {
    static const char *const names[] = {"path", "argv", "env"};
    TrObject *a[3];
    if (args_parse_clinic(ts, "execve", args, nargs, kwnames, names, 3, 3, 0, a) < 0) return NULL;
    return exec_common(ts, "execve", a[0], a[1], a[2], 0);
}

FUNC(os_execvp) {
    static const char *const names[] = {"file", "args"};
    TrObject *a[2];
    if (args_parse(ts, "execvp", args, nargs, kwnames, names, 2, 2, 0, 0, a) < 0) return NULL;
    return exec_common(ts, "execv", a[0], a[1], NULL, 1);
}

FUNC(os_execvpe) {
    static const char *const names[] = {"file", "args", "env"};
    TrObject *a[3];
    if (args_parse(ts, "execvpe", args, nargs, kwnames, names, 3, 3, 0, 0, a) < 0) return NULL;
    return exec_common(ts, "execve", a[0], a[1], a[2], 1);
}

/* system(command): /bin/sh -c command with os.environ as its environment
 * (see exec_common), waited for detached; returns the wait status. */
FUNC(os_system) {
    static const char *const names[] = {"command"};
    TrObject *a[1];
    if (args_parse_clinic(ts, "system", args, nargs, kwnames, names, 1, 1, 0, a) < 0) return NULL;
    TrOsPath p;
    if (os_path_conv(ts, "system", "command", a[0], 0, &p) < 0) return NULL;
    TrObject *keep = NULL, *env = os_environ(ts);
    char **ev = NULL;
    if (!env) err_clear(ts);
    else if (dict_check(env) && !(ev = env_array(ts, env, &keep))) { tr_decref(env); os_path_clear(&p); return NULL; }
    tr_xdecref(env);
    char *argv[] = {"sh", "-c", (char *)p.c, NULL};
    pid_t pid;
    tr_flush_stdout();
    int r = posix_spawn(&pid, "/bin/sh", NULL, NULL, argv, ev ? ev : environ);
    free(ev);
    tr_xdecref(keep);
    os_path_clear(&p);
    if (r != 0) return int_from_i64(ts, -1);
    for (;;) {
        int status = 0, e = 0;
        pid_t w;
        BLOCKING(ts, w = waitpid(pid, &status, 0); e = errno);
        if (w >= 0) return int_from_i64(ts, status);
        if (e == EINTR) {
            if (eintr_retry(ts) > 0) continue;
            return NULL;   /* a handler raised: the child is left to run */
        }
        return int_from_i64(ts, -1);
    }
}

/* ---- the environment -------------------------------------------------------- */

static TrObject *os_module;   /* immortal once set by os_module_init (under the import lock) */

TrObject *os_environ(TrThread *ts) {
    TrObject *m = atomic_load_objptr_acquire(&os_module);
    if (!m) return err_format(ts, &tr_exc_RuntimeError, "os is not initialized");
    return dict_get_cstr(ts, module_dict(m), "environ");
}

FUNC(os_getenv) {
    static const char *const names[] = {"key", "default"};
    TrObject *a[2];
    if (args_parse(ts, "getenv", args, nargs, kwnames, names, 2, 1, 0, 0, a) < 0) return NULL;
    if (!str_check(a[0])) return err_format(ts, &tr_exc_TypeError, "str expected, not %s", tr_type_name(a[0]));
    TrObject *env = self ? dict_get_cstr(ts, module_dict(self), "environ") : NULL;
    TrObject *v = env ? dict_get(ts, env, a[0]) : NULL;
    tr_xdecref(env);
    if (v || err_occurred(ts)) return v;
    return tr_newref(a[1] ? a[1] : tr_none);
}

/* A name or value for putenv / unsetenv: str, bytes or os.PathLike, as
 * CPython's filesystem converter takes it.  0 or -1. */
static int env_arg(TrThread *ts, const char *fname, const char *argname, TrObject *o, TrOsPath *p) {
    TrObject *f = os_fspath(ts, o);
    if (!f) return -1;
    int r = os_path_conv(ts, fname, argname, f, 0, p);
    tr_decref(f);
    return r;
}

/* putenv / unsetenv change the process environment (what exec'd programs
 * get when given an explicit env, and system()), not os.environ, as
 * CPython's do. */
FUNC(os_putenv) {
    if (posonly(ts, "posix.putenv", nargs, kwnames, 2, 2) < 0) return NULL;
    TrOsPath k, v;
    if (env_arg(ts, "putenv", "name", args[0], &k) < 0) return NULL;
    if (env_arg(ts, "putenv", "value", args[1], &v) < 0) { os_path_clear(&k); return NULL; }
    TrObject *r = tr_none;
    if (strchr(k.c, '=')) r = err_format(ts, &tr_exc_ValueError, "illegal environment variable name");
    else if (setenv(k.c, v.c, 1) < 0) r = os_error(ts, errno, NULL, NULL);
    os_path_clear(&k);
    os_path_clear(&v);
    return r;
}

FUNC(os_unsetenv) {
    if (tr_check_args(ts, "posix.unsetenv", nargs, kwnames, 1, 1) < 0) return NULL;
    TrOsPath k;
    if (env_arg(ts, "unsetenv", "name", args[0], &k) < 0) return NULL;
    TrObject *r = unsetenv(k.c) < 0 ? os_error(ts, errno, NULL, NULL) : tr_none;
    os_path_clear(&k);
    return r;
}

static const TrMethodDef os_functions[] = {
    {"getcwd", os_getcwd}, {"getcwdb", os_getcwdb}, {"listdir", os_listdir}, {"mkdir", os_mkdir},
    {"makedirs", os_makedirs}, {"remove", os_remove}, {"unlink", os_unlink}, {"rmdir", os_rmdir},
    {"rename", os_rename}, {"replace", os_replace}, {"removedirs", os_removedirs}, {"renames", os_renames},
    {"chdir", os_chdir}, {"chmod", os_chmod}, {"fchmod", os_fchmod}, {"chown", os_chown}, {"lchown", os_lchown},
    {"fchown", os_fchown}, {"access", os_access},
    {"utime", os_utime}, {"symlink", os_symlink}, {"readlink", os_readlink}, {"link", os_link},
    {"truncate", os_truncate}, {"open", os_open}, {"close", os_close}, {"closerange", os_closerange},
    {"read", os_read}, {"write", os_write}, {"pipe", os_pipe}, {"dup", os_dup}, {"dup2", os_dup2},
    {"lseek", os_lseek}, {"isatty", os_isatty}, {"fsync", os_fsync}, {"ftruncate", os_ftruncate},
    {"get_inheritable", os_get_inheritable}, {"set_inheritable", os_set_inheritable},
    {"get_blocking", os_get_blocking}, {"set_blocking", os_set_blocking}, {"killpg", os_killpg},
    {"strerror", os_strerror}, {"fsencode", os_fsencode}, {"fsdecode", os_fsdecode}, {"fspath", os_fspath_fn},
    {"urandom", os_urandom}, {"getpid", os_getpid}, {"getppid", os_getppid}, {"getuid", os_getuid},
    {"geteuid", os_geteuid}, {"getgid", os_getgid}, {"getegid", os_getegid}, {"getpgrp", os_getpgrp},
    {"getgroups", os_getgroups}, {"umask", os_umask}, {"getpgid", os_getpgid}, {"getsid", os_getsid},
    {"setsid", os_setsid}, {"setpgid", os_setpgid}, {"kill", os_kill}, {"cpu_count", os_cpu_count},
    {"fork", os_fork}, {"waitpid", os_waitpid}, {"wait", os_wait},
    {"WIFEXITED", os_WIFEXITED}, {"WEXITSTATUS", os_WEXITSTATUS}, {"WIFSIGNALED", os_WIFSIGNALED},
    {"WTERMSIG", os_WTERMSIG}, {"WIFSTOPPED", os_WIFSTOPPED}, {"WSTOPSIG", os_WSTOPSIG},
    {"WIFCONTINUED", os_WIFCONTINUED}, {"WCOREDUMP", os_WCOREDUMP},
    {"waitstatus_to_exitcode", os_waitstatus_to_exitcode}, {"_exit", os__exit},
    {"execv", os_execv}, {"execve", os_execve}, {"execvp", os_execvp}, {"execvpe", os_execvpe},
    {"system", os_system}, {"getenv", os_getenv}, {"putenv", os_putenv}, {"unsetenv", os_unsetenv},
    {NULL, NULL},
};

/* ---- the module --------------------------------------------------------------- */

static int add_strs(TrThread *ts, TrObject *d, const char *const (*pairs)[2], size_t n) {
    for (size_t i = 0; i < n; i++) {
        TrObject *v = str_from_cstr(ts, pairs[i][1]);
        if (!v) return -1;
        int r = dict_set_cstr(ts, d, pairs[i][0], v);
        tr_decref(v);
        if (r < 0) return -1;
    }
    return 0;
}

typedef struct IntConst { const char *name; long value; } IntConst;
#define C(x) {#x, x}
static const IntConst int_consts[] = {
    C(O_RDONLY), C(O_WRONLY), C(O_RDWR), C(O_APPEND), C(O_CREAT), C(O_EXCL), C(O_TRUNC),
    C(O_NONBLOCK), C(O_NDELAY), C(O_SYNC), C(O_DSYNC), C(O_RSYNC), C(O_FSYNC), C(O_NOCTTY), C(O_CLOEXEC),
    C(O_DIRECTORY), C(O_NOFOLLOW), C(O_ACCMODE), C(O_ASYNC), C(O_DIRECT), C(O_LARGEFILE), C(O_NOATIME),
    C(O_PATH), C(O_TMPFILE),
    C(SEEK_SET), C(SEEK_CUR), C(SEEK_END), C(SEEK_DATA), C(SEEK_HOLE),
    C(F_OK), C(R_OK), C(W_OK), C(X_OK),
    C(WNOHANG), C(WUNTRACED), C(WCONTINUED), C(WEXITED), C(WSTOPPED), C(WNOWAIT),
    C(EX_OK), C(EX_USAGE), C(EX_DATAERR), C(EX_NOINPUT), C(EX_NOUSER), C(EX_NOHOST), C(EX_UNAVAILABLE),
    C(EX_SOFTWARE), C(EX_OSERR), C(EX_OSFILE), C(EX_CANTCREAT), C(EX_IOERR), C(EX_TEMPFAIL),
    C(EX_PROTOCOL), C(EX_NOPERM), C(EX_CONFIG),
};
#undef C

/* os.supports_fd, supports_dir_fd, supports_follow_symlinks,
 * supports_effective_ids: sets of the functions (from `d`) that take an fd
 * for the path, a dir_fd, follow_symlinks=False, effective_ids=True. */
static int add_supports(TrThread *ts, TrObject *d) {
    static const char *const fd[] = {"chdir", "chmod", "chown", "listdir", "scandir", "stat", "truncate", "utime", NULL};
    static const char *const dir_fd[] = {"access", "chmod", "chown", "link", "mkdir", "open", "readlink", "rename",
                                         "rmdir", "stat", "symlink", "unlink", "utime", NULL};
    static const char *const follow[] = {"access", "chown", "link", "stat", "utime", NULL};
    static const char *const eff[] = {"access", NULL};
    static const char *const *const lists[] = {fd, dir_fd, follow, eff};
    static const char *const names[] = {"supports_fd", "supports_dir_fd", "supports_follow_symlinks",
                                        "supports_effective_ids"};
    for (size_t i = 0; i < 4; i++) {
        TrObject *set = set_new(ts);
        if (!set) return -1;
        for (const char *const *n = lists[i]; *n; n++) {
            TrObject *f = dict_get_cstr(ts, d, *n);
            int r = f ? set_add(ts, set, f) : -1;
            tr_xdecref(f);
            if (r < 0) {
                if (!err_occurred(ts)) err_format(ts, &tr_exc_RuntimeError, "os.%s is missing", *n);
                tr_decref(set);
                return -1;
            }
        }
        int r = dict_set_cstr(ts, d, names[i], set);
        tr_decref(set);
        if (r < 0) return -1;
    }
    return dict_set_cstr(ts, d, "supports_bytes_environ", tr_true);
}

TrObject *os_module_init(TrThread *ts) {
    TrObject *m = module_new(ts, "os");
    if (!m) return NULL;
    TrObject *d = module_dict(m);
    static const char *const consts[][2] = {
        {"name", "posix"}, {"sep", "/"}, {"linesep", "\n"}, {"curdir", "."}, {"pardir", ".."},
        {"extsep", "."}, {"pathsep", ":"}, {"defpath", "/bin:/usr/bin"}, {"devnull", "/dev/null"},
    };
    if (module_add_functions(ts, m, os_functions) < 0) goto fail;
    if (add_strs(ts, d, consts, sizeof consts / sizeof consts[0]) < 0) goto fail;
    if (dict_set_cstr(ts, d, "altsep", tr_none) < 0 || dict_set_cstr(ts, d, "error", (TrObject *)&tr_exc_OSError) < 0)
        goto fail;
    for (size_t i = 0; i < sizeof int_consts / sizeof int_consts[0]; i++) {
        TrObject *v = int_from_i64(ts, int_consts[i].value);
        int r = v ? dict_set_cstr(ts, d, int_consts[i].name, v) : -1;
        tr_xdecref(v);
        if (r < 0) goto fail;
    }
    TrObject *env = dict_new(ts);
    if (!env) goto fail;
    for (char **e = environ; e && *e; e++) {
        const char *eq = strchr(*e, '=');
        if (!eq || !utf8_valid(*e, strlen(*e))) continue;   /* torii has no surrogateescape: skip undecodable ones */
        TrObject *k = str_from_utf8(ts, *e, (size_t)(eq - *e)), *v = k ? str_from_cstr(ts, eq + 1) : NULL;
        int r = v ? dict_set(ts, env, k, v) : -1;
        tr_xdecref(k);
        tr_xdecref(v);
        if (r < 0) { tr_decref(env); goto fail; }
    }
    int r = dict_set_cstr(ts, d, "environ", env);
    tr_decref(env);
    if (r < 0) goto fail;
    if (os_stat_init(ts, d) < 0) goto fail;
    TrObject *pm = os_path_module_init(ts);
    if (!pm) goto fail;
    r = dict_set_cstr(ts, d, "path", pm);
    tr_decref(pm);
    if (r < 0) goto fail;
    /* os.walk and os.PathLike are Python (stdlib/py/_os_py.py) */
    TrObject *wname = str_from_cstr(ts, "_os_py");
    TrObject *wm = wname ? runtime_import(ts, wname) : NULL;
    tr_xdecref(wname);
    if (!wm) goto fail;
    static const char *const from_py[] = {"walk", "PathLike"};
    for (size_t i = 0; i < 2; i++) {
        TrObject *v = dict_get_cstr(ts, module_dict(wm), from_py[i]);
        r = v ? dict_set_cstr(ts, d, from_py[i], v) : -1;
        tr_xdecref(v);
        if (r < 0) {
            if (!err_occurred(ts)) err_format(ts, &tr_exc_ImportError, "cannot import os.%s", from_py[i]);
            tr_decref(wm);
            goto fail;
        }
    }
    tr_decref(wm);
    if (add_supports(ts, d) < 0) goto fail;
    /* the module is made immortal by the importer; publish it for os_environ */
    atomic_store_ptr_release(&os_module, m);
    return m;
fail:
    tr_decref(m);
    return NULL;
}
