/* stdlib/os_stat.c: the struct sequences of `os` (stat_result,
 * terminal_size, uname_result, times_result), os.stat / lstat / fstat, and
 * os.scandir with its DirEntry objects; also uname, times and
 * get_terminal_size, which make struct sequences (stdlib/structseq.h).
 * Threads: struct sequences and DirEntry names are immutable once built.
 * A DirEntry caches its stat()/lstat() results: each cache slot goes from
 * NULL to a stat_result once, by compare-and-swap (a losing thread drops
 * its own result and uses the winner's), and is read with acquire loads.
 * A scandir iterator's DIR is used only under its `lock` (a TrMutex taken
 * while detached, since readdir may block), so threads sharing one
 * iterator never read the stream at once and close() cannot free it under
 * a reader.  Lock order: the iterator's lock is a leaf; no object is
 * touched while it is held. */
#define _GNU_SOURCE   /* fstatat, fdopendir */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "torii/torii.h"
#include "stdlib/stdlib.h"
#include "threads/lock.h"
#include "stdlib/structseq.h"

#define FUNC(name) static TrObject *name(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames)
#define BLOCKING(ts, ...) do { gil_release_for_blocking(ts); __VA_ARGS__; gil_reacquire_after_blocking(ts); } while (0)

static const char *const stat_fields[] = {
    "st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size", "st_atime", "st_mtime", "st_ctime",
    "st_atime", "st_mtime", "st_ctime", "st_atime_ns", "st_mtime_ns", "st_ctime_ns", "st_blksize", "st_blocks",
    "st_rdev",
};
static const char *const terminal_fields[] = {"columns", "lines"};
static const char *const uname_fields[] = {"sysname", "nodename", "release", "version", "machine"};
static const char *const times_fields[] = {"user", "system", "children_user", "children_system", "elapsed"};

/* stat_result(seq): its float times default to its int ones. */
static void stat_fill(TrObject **items) {
    for (size_t i = 0; i < 3; i++) {
        if (items[10 + i] == tr_none) {
            tr_decref(items[10 + i]);
            items[10 + i] = tr_newref(items[7 + i]);
        }
    }
}

SEQ_TYPE(stat_result_type, "os.stat_result", stat_fields, 10, 3, stat_fill);
SEQ_TYPE(terminal_size_type, "os.terminal_size", terminal_fields, 2, 0, NULL);
SEQ_TYPE(uname_result_type, "posix.uname_result", uname_fields, 5, 0, NULL);
SEQ_TYPE(times_result_type, "posix.times_result", times_fields, 5, 0, NULL);

/* ---- stat ------------------------------------------------------------------- */

static TrObject *ns_int(TrThread *ts, struct timespec t) {
    return int_from_i64(ts, (int64_t)t.tv_sec * 1000000000 + t.tv_nsec);
}

static TrObject *secs_float(TrThread *ts, struct timespec t) {
    return float_new(ts, (double)t.tv_sec + (double)t.tv_nsec * 1e-9);
}

TrObject *os_stat_result(TrThread *ts, const struct stat *st) {
    TrObject *items[19] = {
        int_from_i64(ts, st->st_mode), int_from_u64(ts, st->st_ino), int_from_u64(ts, st->st_dev),
        int_from_i64(ts, (int64_t)st->st_nlink), int_from_i64(ts, st->st_uid), int_from_i64(ts, st->st_gid),
        int_from_i64(ts, st->st_size), int_from_i64(ts, st->st_atim.tv_sec), int_from_i64(ts, st->st_mtim.tv_sec),
        int_from_i64(ts, st->st_ctim.tv_sec), secs_float(ts, st->st_atim), secs_float(ts, st->st_mtim),
        secs_float(ts, st->st_ctim), ns_int(ts, st->st_atim), ns_int(ts, st->st_mtim), ns_int(ts, st->st_ctim),
        int_from_i64(ts, st->st_blksize), int_from_i64(ts, st->st_blocks), int_from_u64(ts, st->st_rdev),
    };
    return seq_new_take(ts, &stat_result_type, items);
}

/* stat(path) of a converted argument: fstat for an fd, else fstatat. */
static TrObject *do_stat(TrThread *ts, TrOsPath *p, int dir_fd, int follow) {
    struct stat st;
    int r, e = 0, fd = p->fd;
    if (fd >= 0) BLOCKING(ts, r = fstat(fd, &st); e = errno);
    else BLOCKING(ts, r = fstatat(dir_fd, p->c, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW); e = errno);
    if (r < 0) return os_error(ts, e, fd >= 0 ? NULL : p->obj, NULL);
    return os_stat_result(ts, &st);
}

static int dirfd_arg(TrThread *ts, TrObject *o, int *fd) {
    *fd = AT_FDCWD;
    if (!o || o == tr_none) return 0;
    return os_int_arg(ts, o, fd);
}

FUNC(os_stat) {
    static const char *const names[] = {"path", "dir_fd", "follow_symlinks"};
    TrObject *a[3];
    int dfd, follow = 1;
    if (args_parse_clinic(ts, "stat", args, nargs, kwnames, names, 1, 1, 2, a) < 0) return NULL;
    if (dirfd_arg(ts, a[1], &dfd) < 0 || (a[2] && (follow = tr_is_true(ts, a[2])) < 0)) return NULL;
    TrOsPath p;
    if (os_path_conv(ts, "stat", "path", a[0], OS_PATH_FD, &p) < 0) return NULL;
    TrObject *r = do_stat(ts, &p, dfd, follow);
    os_path_clear(&p);
    return r;
}

FUNC(os_lstat) {
    static const char *const names[] = {"path", "dir_fd"};
    TrObject *a[2];
    int dfd;
    if (args_parse_clinic(ts, "lstat", args, nargs, kwnames, names, 1, 1, 1, a) < 0) return NULL;
    if (dirfd_arg(ts, a[1], &dfd) < 0) return NULL;
    TrOsPath p;
    if (os_path_conv(ts, "lstat", "path", a[0], 0, &p) < 0) return NULL;
    TrObject *r = do_stat(ts, &p, dfd, 0);
    os_path_clear(&p);
    return r;
}

FUNC(os_fstat) {
    static const char *const names[] = {"fd"};
    TrObject *a[1];
    int fd;
    if (args_parse_clinic(ts, "fstat", args, nargs, kwnames, names, 1, 1, 0, a) < 0 || os_int_arg(ts, a[0], &fd) < 0)
        return NULL;
    struct stat st;
    int r, e = 0;
    BLOCKING(ts, r = fstat(fd, &st); e = errno);
    if (r < 0) return os_error(ts, e, NULL, NULL);
    return os_stat_result(ts, &st);
}

/* ---- uname, times, get_terminal_size ------------------------------------------ */

FUNC(os_uname) {
    if (tr_check_args(ts, "posix.uname", nargs, kwnames, 0, 0) < 0) return NULL;
    struct utsname u;
    if (uname(&u) < 0) return os_error(ts, errno, NULL, NULL);
    TrObject *items[5] = {
        os_name_from(ts, u.sysname, strlen(u.sysname), 0), os_name_from(ts, u.nodename, strlen(u.nodename), 0),
        os_name_from(ts, u.release, strlen(u.release), 0), os_name_from(ts, u.version, strlen(u.version), 0),
        os_name_from(ts, u.machine, strlen(u.machine), 0),
    };
    return seq_new_take(ts, &uname_result_type, items);
}

FUNC(os_times) {
    if (tr_check_args(ts, "posix.times", nargs, kwnames, 0, 0) < 0) return NULL;
    struct tms t;
    clock_t c = times(&t);
    if (c == (clock_t)-1) return os_error(ts, errno, NULL, NULL);
    double hz = (double)sysconf(_SC_CLK_TCK);
    TrObject *items[5] = {
        float_new(ts, (double)t.tms_utime / hz), float_new(ts, (double)t.tms_stime / hz),
        float_new(ts, (double)t.tms_cutime / hz), float_new(ts, (double)t.tms_cstime / hz),
        float_new(ts, (double)c / hz),
    };
    return seq_new_take(ts, &times_result_type, items);
}

FUNC(os_get_terminal_size) {
    int fd = STDOUT_FILENO;
    if (tr_check_no_kwargs(ts, "get_terminal_size", kwnames) < 0 ||
        tr_check_nargs(ts, "get_terminal_size", nargs, 0, 1) < 0)
        return NULL;
    if (nargs && os_int_arg(ts, args[0], &fd) < 0) return NULL;
    struct winsize w;
    if (ioctl(fd, TIOCGWINSZ, &w) < 0) return os_error(ts, errno, NULL, NULL);
    TrObject *items[2] = {int_from_i64(ts, w.ws_col), int_from_i64(ts, w.ws_row)};
    return seq_new_take(ts, &terminal_size_type, items);
}

/* ---- DirEntry ---------------------------------------------------------------------- */

typedef struct DirEntry {
    TrObject ob_base;
    TrObject *name;           /* owned str or bytes */
    TrObject *path;           /* owned, of the same type: the scandir path joined with `name` */
    TrObject *stat;           /* owned cache or NULL: stat() following a symlink; set once by CAS */
    TrObject *lstat;          /* owned cache or NULL: stat() of the entry itself; set once by CAS */
    ino_t ino;
    int dir_fd;               /* scandir(fd): that fd (borrowed from the caller), else -1 */
    unsigned char d_type;     /* DT_*, DT_UNKNOWN when the file system does not say */
} DirEntry;

static TrType direntry_type;

static void direntry_dealloc(TrThread *ts, TrObject *o) {
    DirEntry *e = (DirEntry *)o;
    TR_CLEAR(e->name);
    TR_CLEAR(e->path);
    TR_CLEAR(e->stat);
    TR_CLEAR(e->lstat);
    tr_free(o);
}

static TrObject *direntry_repr(TrThread *ts, TrObject *o) {
    return str_format(ts, "<DirEntry %R>", ((DirEntry *)o)->name);
}

static TrObject *direntry_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    DirEntry *e = (DirEntry *)o;
    if (str_equal_cstr(name, "name")) return tr_newref(e->name);
    if (str_equal_cstr(name, "path")) return tr_newref(e->path);
    return tr_generic_getattr(ts, o, name);
}

static const char *obj_bytes(TrObject *o) { return bytes_check(o) ? bytes_data(o) : str_utf8(o); }

/* The cached stat (follow 1) or lstat of `e`, computed on first use.  New
 * reference, or NULL with OSError naming the entry's path. */
static TrObject *entry_fetch(TrThread *ts, DirEntry *e, int follow) {
    TrObject **slot = follow ? &e->stat : &e->lstat;
    TrObject *have = atomic_load_objptr_acquire(slot);   /* acquire: pairs with the CAS below */
    if (have) return tr_newref(have);
    struct stat st;
    int r, err = 0, fd = e->dir_fd;
    const char *p = obj_bytes(fd >= 0 ? e->name : e->path);
    BLOCKING(ts, r = fstatat(fd >= 0 ? fd : AT_FDCWD, p, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW); err = errno);
    if (r < 0) return os_error(ts, err, e->path, NULL);
    TrObject *res = os_stat_result(ts, &st);
    if (!res) return NULL;
    uintptr_t seen = atomic_cas_uptr((uintptr_t *)slot, 0, (uintptr_t)res);
    if (seen) {
        tr_decref(res);   /* another thread filled it first */
        return tr_newref((TrObject *)seen);
    }
    return tr_newref(res);
}

/* 1 if the entry is a symlink, 0 if not, -1 on error. */
static int entry_is_link(TrThread *ts, DirEntry *e) {
    if (e->d_type != DT_UNKNOWN) return e->d_type == DT_LNK;
    TrObject *st = entry_fetch(ts, e, 0);
    if (!st) return -1;
    int64_t mode = tr_imm_value(tuple_get(st, 0));
    tr_decref(st);
    return S_ISLNK(mode);
}

/* DirEntry.stat(follow_symlinks): a new reference or NULL. */
static TrObject *entry_stat(TrThread *ts, DirEntry *e, int follow) {
    if (!follow) return entry_fetch(ts, e, 0);
    int link = entry_is_link(ts, e);
    if (link < 0) return NULL;
    return entry_fetch(ts, e, link);
}

/* The follow_symlinks keyword of is_dir / is_file / stat: 1, 0 or -1. */
static int follow_kw(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"follow_symlinks"};
    TrObject *a[1];
    if (args_parse_clinic(ts, fname, args, nargs, kwnames, names, 0, 0, 1, a) < 0) return -1;
    return a[0] ? tr_is_true(ts, a[0]) : 1;
}

/* is_dir / is_file: answered from d_type when it says enough, else from
 * stat (a vanished file is neither). */
static TrObject *entry_test(TrThread *ts, DirEntry *e, int follow, int want_dir) {
    if (e->d_type != DT_UNKNOWN && !(follow && e->d_type == DT_LNK))
        return tr_bool(want_dir ? e->d_type == DT_DIR : e->d_type == DT_REG);
    TrObject *st = entry_stat(ts, e, follow);
    if (!st) {
        if (!err_matches(ts, &tr_exc_FileNotFoundError)) return NULL;
        err_clear(ts);
        return tr_false;
    }
    int64_t mode = tr_imm_value(tuple_get(st, 0));
    tr_decref(st);
    return tr_bool(want_dir ? S_ISDIR(mode) : S_ISREG(mode));
}

FUNC(direntry_is_dir) {
    int follow = follow_kw(ts, "is_dir", args, nargs, kwnames);
    return follow < 0 ? NULL : entry_test(ts, (DirEntry *)self, follow, 1);
}

FUNC(direntry_is_file) {
    int follow = follow_kw(ts, "is_file", args, nargs, kwnames);
    return follow < 0 ? NULL : entry_test(ts, (DirEntry *)self, follow, 0);
}

FUNC(direntry_is_symlink) {
    if (tr_check_args(ts, "is_symlink", nargs, kwnames, 0, 0) < 0) return NULL;
    int r = entry_is_link(ts, (DirEntry *)self);
    if (r < 0) {
        if (!err_matches(ts, &tr_exc_FileNotFoundError)) return NULL;
        err_clear(ts);
        r = 0;
    }
    return tr_bool(r);
}

FUNC(direntry_is_junction) {
    if (tr_check_args(ts, "is_junction", nargs, kwnames, 0, 0) < 0) return NULL;
    return tr_false;
}

FUNC(direntry_stat) {
    int follow = follow_kw(ts, "stat", args, nargs, kwnames);
    return follow < 0 ? NULL : entry_stat(ts, (DirEntry *)self, follow);
}

FUNC(direntry_inode) {
    if (tr_check_args(ts, "inode", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_from_u64(ts, ((DirEntry *)self)->ino);
}

FUNC(direntry_fspath) {
    if (tr_check_args(ts, "__fspath__", nargs, kwnames, 0, 0) < 0) return NULL;
    return tr_newref(((DirEntry *)self)->path);
}

static const TrMethodDef direntry_methods[] = {
    {"is_dir", direntry_is_dir}, {"is_file", direntry_is_file}, {"is_symlink", direntry_is_symlink},
    {"is_junction", direntry_is_junction}, {"stat", direntry_stat}, {"inode", direntry_inode},
    {"__fspath__", direntry_fspath},
    {NULL, NULL},
};

static TrType direntry_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "posix.DirEntry",
    .basicsize = sizeof(DirEntry),
    .dealloc = direntry_dealloc,
    .repr = direntry_repr,
    .getattr = direntry_getattr,
    .methods = direntry_methods,
};

/* ---- the scandir iterator -------------------------------------------------------- */

typedef struct ScanIter {
    TrObject ob_base;
    uint8_t lock;             /* TrMutex guarding `dir`; taken only while detached */
    DIR *dir;                 /* owned, guarded by `lock`; NULL once exhausted or closed */
    TrObject *path;           /* owned str/bytes: what entry paths start with; NULL for scandir(fd) */
    int is_bytes;             /* names are bytes */
    int fd;                   /* scandir(fd): that fd, else -1 */
} ScanIter;

static TrType scaniter_type;

/* Closes the stream if still open.  The caller is attached; cannot fail. */
static void scan_close(TrThread *ts, ScanIter *it) {
    BLOCKING(ts, mutex_lock(&it->lock); DIR *d = it->dir; it->dir = NULL; mutex_unlock(&it->lock);
             if (d) closedir(d));
}

static void scaniter_dealloc(TrThread *ts, TrObject *o) {
    ScanIter *it = (ScanIter *)o;
    if (it->dir) closedir(it->dir);   /* the last reference: no other thread can be reading */
    TR_CLEAR(it->path);
    tr_free(o);
}

static TrObject *scaniter_iter(TrThread *ts, TrObject *o) { return tr_newref(o); }

/* The entry for `name` (the scan's path joined with it). */
static TrObject *make_entry(TrThread *ts, ScanIter *it, const char *name, unsigned char d_type, ino_t ino) {
    DirEntry *e = (DirEntry *)tr_alloc(ts, &direntry_type);
    if (!e) return NULL;
    e->d_type = d_type;
    e->ino = ino;
    e->dir_fd = it->fd;
    size_t n = strlen(name);
    e->name = os_name_from(ts, name, n, it->is_bytes);
    if (!e->name) goto fail;
    if (!it->path) {
        e->path = tr_newref(e->name);
    } else {
        const char *base = obj_bytes(it->path);
        size_t bn = it->is_bytes ? bytes_size(it->path) : str_nbytes(it->path);
        char *buf = malloc(bn + n + 2);
        if (!buf) { err_nomemory(ts); goto fail; }
        memcpy(buf, base, bn);
        size_t at = bn;
        if (bn && base[bn - 1] != '/') buf[at++] = '/';
        memcpy(buf + at, name, n);
        e->path = os_name_from(ts, buf, at + n, it->is_bytes);
        free(buf);
        if (!e->path) goto fail;
    }
    return (TrObject *)e;
fail:
    tr_decref((TrObject *)e);
    return NULL;
}

static TrObject *scaniter_next(TrThread *ts, TrObject *o) {
    ScanIter *it = (ScanIter *)o;
    char name[sizeof(((struct dirent *)0)->d_name)];
    for (;;) {
        int got = 0, err = 0;
        unsigned char d_type = DT_UNKNOWN;
        ino_t ino = 0;
        DIR *done = NULL;
        BLOCKING(ts, mutex_lock(&it->lock);
                 if (it->dir) {
                     errno = 0;
                     struct dirent *de = readdir(it->dir);
                     if (de) {
                         got = 1;
                         memcpy(name, de->d_name, strlen(de->d_name) + 1);
                         d_type = de->d_type;
                         ino = de->d_ino;
                     } else {
                         err = errno;
                         done = it->dir;   /* exhausted (or failed): closed now, as CPython */
                         it->dir = NULL;
                     }
                 }
                 mutex_unlock(&it->lock);
                 if (done) closedir(done));
        if (!got) {
            if (err) return os_error(ts, err, it->path && it->fd < 0 ? it->path : NULL, NULL);
            return NULL;
        }
        if (!strcmp(name, ".") || !strcmp(name, "..")) continue;
        return make_entry(ts, it, name, d_type, ino);
    }
}

FUNC(scaniter_close) {
    if (tr_check_args(ts, "close", nargs, kwnames, 0, 0) < 0) return NULL;
    scan_close(ts, (ScanIter *)self);
    return tr_none;
}

FUNC(scaniter_enter) {
    if (tr_check_args(ts, "__enter__", nargs, kwnames, 0, 0) < 0) return NULL;
    return tr_newref(self);
}

FUNC(scaniter_exit) {
    scan_close(ts, (ScanIter *)self);
    return tr_false;
}

static const TrMethodDef scaniter_methods[] = {
    {"close", scaniter_close}, {"__enter__", scaniter_enter}, {"__exit__", scaniter_exit},
    {NULL, NULL},
};

static TrType scaniter_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "posix.ScandirIterator",
    .basicsize = sizeof(ScanIter),
    .dealloc = scaniter_dealloc,
    .iter = scaniter_iter,
    .iternext = scaniter_next,
    .methods = scaniter_methods,
};

FUNC(os_scandir) {
    static const char *const names[] = {"path"};
    TrObject *a[1];
    if (args_parse_clinic(ts, "scandir", args, nargs, kwnames, names, 1, 0, 0, a) < 0) return NULL;
    TrOsPath p;
    if (os_path_conv(ts, "scandir", "path", a[0], OS_PATH_FD | OS_PATH_NONE, &p) < 0) return NULL;
    ScanIter *it = (ScanIter *)tr_alloc(ts, &scaniter_type);
    if (!it) { os_path_clear(&p); return NULL; }
    it->fd = p.fd;
    it->is_bytes = p.is_bytes;
    if (p.fd < 0) {
        it->path = p.conv ? tr_newref(p.conv) : str_from_cstr(ts, ".");
        if (!it->path) goto fail;
    }
    DIR *d;
    int e = 0, fd = p.fd;
    const char *c = p.c ? p.c : ".";
    if (fd >= 0)
        BLOCKING(ts, int dfd = fcntl(fd, F_DUPFD_CLOEXEC, 0); d = dfd < 0 ? NULL : fdopendir(dfd); e = errno;
                 if (!d && dfd >= 0) close(dfd); if (d) rewinddir(d));
    else
        BLOCKING(ts, d = opendir(c); e = errno);
    if (!d) {
        os_error(ts, e, fd >= 0 ? NULL : (p.obj ? p.obj : it->path), NULL);
        goto fail;
    }
    it->dir = d;
    os_path_clear(&p);
    return (TrObject *)it;
fail:
    os_path_clear(&p);
    tr_decref((TrObject *)it);
    return NULL;
}

/* ---- registration -------------------------------------------------------------------- */

static const TrMethodDef stat_functions[] = {
    {"stat", os_stat}, {"lstat", os_lstat}, {"fstat", os_fstat}, {"scandir", os_scandir},
    {"uname", os_uname}, {"times", os_times}, {"get_terminal_size", os_get_terminal_size},
    {NULL, NULL},
};

int os_stat_init(TrThread *ts, TrObject *d) {
    if (type_ready(ts, &direntry_type) < 0 || type_ready(ts, &scaniter_type) < 0)
        return -1;
    SeqType *seqs[] = {&stat_result_type, &terminal_size_type, &uname_result_type, &times_result_type};
    const char *exported[] = {"stat_result", "terminal_size", "uname_result", "times_result"};
    for (size_t i = 0; i < 4; i++) {
        if (!(seqs[i]->type.flags & TR_TPFLAG_READY) && seq_ready(ts, seqs[i]) < 0) return -1;
        if (dict_set_cstr(ts, d, exported[i], (TrObject *)&seqs[i]->type) < 0) return -1;
    }
    if (dict_set_cstr(ts, d, "DirEntry", (TrObject *)&direntry_type) < 0) return -1;
    for (const TrMethodDef *m = stat_functions; m->name; m++) {
        TrObject *f = cfunction_new(ts, m->name, m->fn, NULL);
        int r = f ? dict_set_cstr(ts, d, m->name, f) : -1;
        tr_xdecref(f);
        if (r < 0) return -1;
    }
    return 0;
}
