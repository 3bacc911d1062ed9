/* stdlib/os.c: the os module (the portable basics: the working directory,
 * directories, files, the environment) and its submodule os.path (the
 * posixpath functions on str paths).
 *
 * Failures raise OSError(errno, strerror, filename), which objects/exc.c
 * turns into the subclass for the errno (FileNotFoundError, ...).
 * Threads: no state of its own; os.environ is a dict snapshot taken at
 * import, locked like any dict.  The path module is created once, under the
 * import lock (by whichever of `os` and `os.path` is imported first). */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "torii/torii.h"
#include "stdlib/stdlib.h"
#include "threads/signals.h"

extern char **environ;

#define FUNC(name) static TrObject *name(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames)

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

/* 1 if the C string is valid UTF-8 (str_from_cstr requires it). */
static int utf8_valid(const char *p) {
    const unsigned char *s = (const unsigned char *)p;
    while (*s) {
        unsigned c = *s++;
        int extra = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
        if (extra < 0 || (extra == 1 && c < 0xC2)) return 0;
        for (int i = 0; i < extra; i++)
            if ((*s++ & 0xC0) != 0x80) return 0;
    }
    return 1;
}

/* A str path argument; -1 with CPython's TypeError otherwise. */
static int path_arg(TrThread *ts, const char *fname, TrObject *o) {
    if (o && str_check(o)) return 0;
    err_format(ts, &tr_exc_TypeError, "%s: path should be string, bytes or os.PathLike, not %s",
               fname, o ? tr_type_name(o) : "NoneType");
    return -1;
}

/* A str argument of a posixpath function. */
static int pstr(TrThread *ts, TrObject *o) {
    if (str_check(o)) return 0;
    err_format(ts, &tr_exc_TypeError, "expected str, bytes or os.PathLike object, not %s", tr_type_name(o));
    return -1;
}

/* ---- os ---- */

FUNC(os_getcwd) {
    if (tr_check_args(ts, "getcwd", nargs, kwnames, 0, 0) < 0) return NULL;
    char buf[PATH_MAX];
    if (!getcwd(buf, sizeof buf)) return os_error(ts, errno, NULL, NULL);
    return str_from_cstr(ts, buf);
}

FUNC(os_listdir) {
    static const char *const names[] = {"path"};
    TrObject *a[1];
    if (args_parse(ts, "listdir", args, nargs, kwnames, names, 1, 0, 0, 0, a) < 0) return NULL;
    const char *p = ".";
    if (a[0] && a[0] != tr_none) {
        if (path_arg(ts, "listdir", a[0]) < 0) return NULL;
        p = str_utf8(a[0]);
    }
    DIR *d = opendir(p);
    if (!d) return os_error(ts, errno, a[0] && a[0] != tr_none ? a[0] : str_intern_cstr(ts, "."), NULL);
    TrObject *l = list_new(ts, 0);
    struct dirent *e;
    while (l && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        TrObject *s = str_from_cstr(ts, e->d_name);
        if (!s || list_append_take(ts, l, s) < 0) TR_CLEAR(l);
    }
    closedir(d);
    return l;
}

static int mode_arg(TrThread *ts, TrObject *o, int64_t *mode) {
    *mode = 0777;
    return o ? tr_index_i64(ts, o, mode) : 0;
}

FUNC(os_mkdir) {
    static const char *const names[] = {"path", "mode"};
    TrObject *a[2];
    int64_t mode;
    if (args_parse(ts, "mkdir", args, nargs, kwnames, names, 2, 1, 0, 0, a) < 0) return NULL;
    if (path_arg(ts, "mkdir", a[0]) < 0 || mode_arg(ts, a[1], &mode) < 0) return NULL;
    if (mkdir(str_utf8(a[0]), (mode_t)mode) < 0) return os_error(ts, errno, a[0], NULL);
    return tr_none;
}

static int isdir_path(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* os.makedirs: the parents first (an existing parent is fine), then `p`. */
static int makedirs(TrThread *ts, TrObject *name, mode_t mode, int exist_ok) {
    const char *s = str_utf8(name);
    size_t n = str_nbytes(name);
    /* head, tail = split(name); if not tail: head, tail = split(head) */
    size_t end = n;
    while (end > 0 && s[end - 1] == '/') end--;          /* strip trailing slashes for the tail */
    size_t slash = end;
    while (slash > 0 && s[slash - 1] != '/') slash--;
    size_t head_end = slash;
    while (head_end > 1 && s[head_end - 1] == '/') head_end--;
    if (head_end == 1 && s[0] == '/') head_end = 1;
    if (slash > 0 && end > slash) {
        TrObject *head = str_from_utf8(ts, s, head_end);
        if (!head) return -1;
        struct stat st;
        if (stat(str_utf8(head), &st) < 0) {
            if (makedirs(ts, head, mode, exist_ok) < 0) {
                if (!err_matches(ts, &tr_exc_FileExistsError)) { tr_decref(head); return -1; }
                err_clear(ts);
            }
        }
        tr_decref(head);
    }
    if (mkdir(s, mode) < 0) {
        int e = errno;
        if (!exist_ok || !isdir_path(s)) { os_error(ts, e, name, NULL); return -1; }
    }
    return 0;
}

FUNC(os_makedirs) {
    static const char *const names[] = {"name", "mode", "exist_ok"};
    TrObject *a[3];
    int64_t mode;
    if (args_parse(ts, "makedirs", args, nargs, kwnames, names, 3, 1, 0, 0, a) < 0) return NULL;
    if (path_arg(ts, "mkdir", a[0]) < 0 || mode_arg(ts, a[1], &mode) < 0) return NULL;
    int exist_ok = 0;
    if (a[2] && (exist_ok = tr_is_true(ts, a[2])) < 0) return NULL;
    if (makedirs(ts, a[0], (mode_t)mode, exist_ok) < 0) return NULL;
    return tr_none;
}

static TrObject *one_path(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kwnames,
                          int (*fn)(const char *)) {
    static const char *const names[] = {"path"};
    TrObject *a[1];
    if (args_parse(ts, fname, args, nargs, kwnames, names, 1, 1, 0, 0, a) < 0) return NULL;
    if (path_arg(ts, fname, a[0]) < 0) return NULL;
    if (fn(str_utf8(a[0])) < 0) return os_error(ts, errno, a[0], NULL);
    return tr_none;
}

FUNC(os_remove) { return one_path(ts, "remove", args, nargs, kwnames, unlink); }
FUNC(os_unlink) { return one_path(ts, "unlink", args, nargs, kwnames, unlink); }
FUNC(os_rmdir) { return one_path(ts, "rmdir", args, nargs, kwnames, rmdir); }
FUNC(os_chdir) { return one_path(ts, "chdir", args, nargs, kwnames, chdir); }

FUNC(os_rename) {
    static const char *const names[] = {"src", "dst"};
    TrObject *a[2];
    if (args_parse(ts, "rename", args, nargs, kwnames, names, 2, 2, 0, 0, a) < 0) return NULL;
    if (path_arg(ts, "rename", a[0]) < 0 || path_arg(ts, "rename", a[1]) < 0) return NULL;
    if (rename(str_utf8(a[0]), str_utf8(a[1])) < 0) return os_error(ts, errno, a[0], a[1]);
    return tr_none;
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

FUNC(os_getpid) {
    if (tr_check_args(ts, "getpid", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_from_i64(ts, (int64_t)getpid());
}

/* kill(pid, signal): a signal sent to this very process is handled before
 * kill returns, as CPython does (signals_check). */
FUNC(os_kill) {
    if (tr_check_args(ts, "kill", nargs, kwnames, 2, 2) < 0) return NULL;
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
    if (tr_check_args(ts, "cpu_count", nargs, kwnames, 0, 0) < 0) return NULL;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? int_from_i64(ts, n) : tr_none;
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

FUNC(os_stat_size);   /* defined with os.path below */

static const TrMethodDef os_functions[] = {
    {"getcwd", os_getcwd}, {"listdir", os_listdir}, {"mkdir", os_mkdir}, {"makedirs", os_makedirs},
    {"remove", os_remove}, {"unlink", os_unlink}, {"rmdir", os_rmdir}, {"rename", os_rename},
    {"chdir", os_chdir}, {"getpid", os_getpid}, {"kill", os_kill}, {"urandom", os_urandom}, {"cpu_count", os_cpu_count}, {"getenv", os_getenv},
    {NULL, NULL},
};

/* ---- os.path ---- */

static TrObject *str_slice(TrThread *ts, TrObject *s, size_t from, size_t to) {
    return str_from_utf8(ts, str_utf8(s) + from, to - from);
}

/* Index just past the last '/' (0 if none). */
static size_t after_last_sep(TrObject *p) {
    const char *s = str_utf8(p);
    size_t i = str_nbytes(p);
    while (i > 0 && s[i - 1] != '/') i--;
    return i;
}

static TrObject *one_str(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kwnames,
                         const char *argname) {
    const char *const names[] = {argname};
    TrObject *a[1];
    if (args_parse(ts, fname, args, nargs, kwnames, names, 1, 1, 0, 0, a) < 0) return NULL;
    if (pstr(ts, a[0]) < 0) return NULL;
    return a[0];
}

FUNC(path_basename) {
    TrObject *p = one_str(ts, "basename", args, nargs, kwnames, "p");
    if (!p) return NULL;
    return str_slice(ts, p, after_last_sep(p), str_nbytes(p));
}

/* head of split(p): up to the last '/', trailing slashes removed unless all slashes. */
static TrObject *head_of(TrThread *ts, TrObject *p) {
    const char *s = str_utf8(p);
    size_t i = after_last_sep(p), h = i;
    while (h > 0 && s[h - 1] == '/') h--;
    if (h == 0) h = i;      /* head is all slashes: keep them */
    return str_slice(ts, p, 0, h);
}

FUNC(path_dirname) {
    TrObject *p = one_str(ts, "dirname", args, nargs, kwnames, "p");
    return p ? head_of(ts, p) : NULL;
}

FUNC(path_split) {
    TrObject *p = one_str(ts, "split", args, nargs, kwnames, "p");
    if (!p) return NULL;
    TrObject *head = head_of(ts, p);
    TrObject *tail = head ? str_slice(ts, p, after_last_sep(p), str_nbytes(p)) : NULL;
    TrObject *t = tail ? tuple_new(ts, 2) : NULL;
    if (!t) { tr_xdecref(head); tr_xdecref(tail); return NULL; }
    tuple_set_take(t, 0, head);
    tuple_set_take(t, 1, tail);
    return t;
}

FUNC(path_splitext) {
    TrObject *p = one_str(ts, "splitext", args, nargs, kwnames, "p");
    if (!p) return NULL;
    const char *s = str_utf8(p);
    size_t n = str_nbytes(p);
    ssize_t sep = -1, dot = -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '/') sep = (ssize_t)i;
        else if (s[i] == '.') dot = (ssize_t)i;
    }
    size_t cut = n;
    if (dot > sep) {
        for (ssize_t f = sep + 1; f < dot; f++)
            if (s[f] != '.') { cut = (size_t)dot; break; }
    }
    TrObject *root = str_slice(ts, p, 0, cut), *ext = root ? str_slice(ts, p, cut, n) : NULL;
    TrObject *t = ext ? tuple_new(ts, 2) : NULL;
    if (!t) { tr_xdecref(root); tr_xdecref(ext); return NULL; }
    tuple_set_take(t, 0, root);
    tuple_set_take(t, 1, ext);
    return t;
}

FUNC(path_isabs) {
    TrObject *p = one_str(ts, "isabs", args, nargs, kwnames, "s");
    if (!p) return NULL;
    return tr_bool(str_utf8(p)[0] == '/');
}

FUNC(path_join) {
    if (nargs == 0 || (kwnames && tuple_size(kwnames))) {
        static const char *const names[] = {"a"};
        TrObject *a[1];
        if (args_parse(ts, "join", args, nargs, kwnames, names, 1, 1, 0, 0, a) < 0) return NULL;
        return err_format(ts, &tr_exc_TypeError, "join() got an unexpected keyword argument");
    }
    for (size_t i = 0; i < nargs; i++) {
        if (!str_check(args[i])) {
            if (i == 0) return pstr(ts, args[0]) < 0 ? NULL : NULL;
            return err_format(ts, &tr_exc_TypeError, "join() argument must be str, bytes, or os.PathLike object, not '%s'",
                              tr_type_name(args[i]));
        }
    }
    TrStrBuf b;
    strbuf_init(&b);
    strbuf_addstr(&b, args[0]);
    for (size_t i = 1; i < nargs; i++) {
        const char *s = str_utf8(args[i]);
        if (s[0] == '/') {
            b.len = 0;
        } else if (b.len > 0 && b.data[b.len - 1] != '/') {
            strbuf_addc(&b, '/');
        }
        strbuf_addstr(&b, args[i]);
    }
    return strbuf_finish(ts, &b);
}

/* posixpath.normpath on UTF-8 text. */
static TrObject *normpath(TrThread *ts, const char *s, size_t n) {
    if (n == 0) return str_from_cstr(ts, ".");
    int initial = s[0] == '/';
    if (initial && n >= 2 && s[1] == '/' && !(n >= 3 && s[2] == '/')) initial = 2;
    /* components as (start, len) pairs */
    size_t cap = n / 2 + 2, nc = 0;
    size_t *st = malloc(cap * sizeof *st), *ln = malloc(cap * sizeof *ln);
    if (!st || !ln) { free(st); free(ln); return err_nomemory(ts); }
    for (size_t i = 0; i <= n;) {
        size_t j = i;
        while (j < n && s[j] != '/') j++;
        size_t len = j - i;
        const char *c = s + i;
        if (!(len == 0 || (len == 1 && c[0] == '.'))) {
            int dotdot = len == 2 && c[0] == '.' && c[1] == '.';
            int last_dotdot = nc > 0 && ln[nc - 1] == 2 && s[st[nc - 1]] == '.' && s[st[nc - 1] + 1] == '.';
            if (!dotdot || (!initial && nc == 0) || last_dotdot) {
                st[nc] = i;
                ln[nc++] = len;
            } else if (nc > 0) {
                nc--;
            }
        }
        i = j + 1;
    }
    TrStrBuf b;
    strbuf_init(&b);
    for (int k = 0; k < initial; k++) strbuf_addc(&b, '/');
    for (size_t k = 0; k < nc; k++) {
        if (k) strbuf_addc(&b, '/');
        strbuf_add(&b, s + st[k], ln[k]);
    }
    free(st);
    free(ln);
    if (b.len == 0) strbuf_addc(&b, '.');
    return strbuf_finish(ts, &b);
}

FUNC(path_normpath) {
    TrObject *p = one_str(ts, "normpath", args, nargs, kwnames, "path");
    return p ? normpath(ts, str_utf8(p), str_nbytes(p)) : NULL;
}

FUNC(path_abspath) {
    TrObject *p = one_str(ts, "abspath", args, nargs, kwnames, "path");
    if (!p) return NULL;
    if (str_utf8(p)[0] == '/') return normpath(ts, str_utf8(p), str_nbytes(p));
    char buf[PATH_MAX];
    if (!getcwd(buf, sizeof buf)) return os_error(ts, errno, NULL, NULL);
    TrStrBuf b;
    strbuf_init(&b);
    strbuf_adds(&b, buf);
    if (str_nbytes(p)) {
        if (b.len == 0 || b.data[b.len - 1] != '/') strbuf_addc(&b, '/');
        strbuf_addstr(&b, p);
    }
    TrObject *joined = strbuf_finish(ts, &b);
    if (!joined) return NULL;
    TrObject *r = normpath(ts, str_utf8(joined), str_nbytes(joined));
    tr_decref(joined);
    return r;
}

/* stat() of a path argument for the predicates: 1 found (st filled), 0 not. */
static int stat_arg(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kwnames,
                    const char *argname, struct stat *st) {
    const char *const names[] = {argname};
    TrObject *a[1];
    if (args_parse(ts, fname, args, nargs, kwnames, names, 1, 1, 0, 0, a) < 0) return -1;
    if (int_check(a[0])) {
        int64_t fd;
        if (tr_index_i64(ts, a[0], &fd) < 0) return -1;
        return fstat((int)fd, st) == 0;
    }
    if (path_arg(ts, "stat", a[0]) < 0) return -1;
    return stat(str_utf8(a[0]), st) == 0;
}

FUNC(path_exists) {
    struct stat st;
    int r = stat_arg(ts, "exists", args, nargs, kwnames, "path", &st);
    return r < 0 ? NULL : tr_bool(r);
}

FUNC(path_isfile) {
    struct stat st;
    int r = stat_arg(ts, "isfile", args, nargs, kwnames, "path", &st);
    return r < 0 ? NULL : tr_bool(r && S_ISREG(st.st_mode));
}

FUNC(path_isdir) {
    struct stat st;
    int r = stat_arg(ts, "isdir", args, nargs, kwnames, "s", &st);
    return r < 0 ? NULL : tr_bool(r && S_ISDIR(st.st_mode));
}

FUNC(os_stat_size) {
    static const char *const names[] = {"filename"};
    TrObject *a[1];
    if (args_parse(ts, "getsize", args, nargs, kwnames, names, 1, 1, 0, 0, a) < 0) return NULL;
    if (path_arg(ts, "stat", a[0]) < 0) return NULL;
    struct stat st;
    if (stat(str_utf8(a[0]), &st) < 0) return os_error(ts, errno, a[0], NULL);
    return int_from_i64(ts, (int64_t)st.st_size);
}

static const TrMethodDef path_functions[] = {
    {"join", path_join}, {"exists", path_exists}, {"isfile", path_isfile}, {"isdir", path_isdir},
    {"basename", path_basename}, {"dirname", path_dirname}, {"split", path_split},
    {"splitext", path_splitext}, {"isabs", path_isabs}, {"normpath", path_normpath},
    {"abspath", path_abspath}, {"getsize", os_stat_size},
    {NULL, NULL},
};

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

static const char *const path_consts[][2] = {
    {"sep", "/"}, {"curdir", "."}, {"pardir", ".."}, {"extsep", "."}, {"pathsep", ":"},
    {"defpath", "/bin:/usr/bin"}, {"devnull", "/dev/null"},
};

static TrObject *path_module;   /* guarded by the import lock: created once */

static TrObject *path_module_get(TrThread *ts) {
    if (path_module) return tr_newref(path_module);
    TrObject *m = module_new(ts, "posixpath");
    if (!m) return NULL;
    if (module_add_functions(ts, m, path_functions) < 0 ||
        add_strs(ts, module_dict(m), path_consts, sizeof path_consts / sizeof path_consts[0]) < 0) {
        tr_decref(m);
        return NULL;
    }
    tr_make_immortal(m);
    tr_make_immortal(module_dict(m));
    path_module = m;
    return m;
}

TrObject *os_path_module_init(TrThread *ts) { return path_module_get(ts); }

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
    TrObject *env = dict_new(ts);
    if (!env) goto fail;
    for (char **e = environ; e && *e; e++) {
        const char *eq = strchr(*e, '=');
        if (!eq || !utf8_valid(*e)) continue;   /* torii has no surrogateescape: skip undecodable ones */
        TrObject *k = str_from_utf8(ts, *e, (size_t)(eq - *e)), *v = k ? str_from_cstr(ts, eq + 1) : NULL;
        int r = v ? dict_set(ts, env, k, v) : -1;
        tr_xdecref(k);
        tr_xdecref(v);
        if (r < 0) { tr_decref(env); goto fail; }
    }
    int r = dict_set_cstr(ts, d, "environ", env);
    tr_decref(env);
    if (r < 0) goto fail;
    TrObject *pm = path_module_get(ts);
    if (!pm) goto fail;
    r = dict_set_cstr(ts, d, "path", pm);
    tr_decref(pm);
    if (r < 0) goto fail;
    return m;
fail:
    tr_decref(m);
    return NULL;
}
