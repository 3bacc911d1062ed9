/* stdlib/os_path.c: os.path, CPython's posixpath: path text functions
 * (join, split, normpath, relpath, commonpath, expandvars, ...) on str,
 * bytes or os.PathLike paths, answering in the type given, and the file
 * system queries (exists, isdir, islink, getsize, realpath, samefile, ...).
 *
 * Path text is handled as bytes: the separators are ASCII, so cutting a
 * valid UTF-8 str at '/' or '.' leaves valid UTF-8 pieces.
 * Threads: no state but the module itself, created once under the import
 * lock (by whichever of `os` and `os.path` is imported first).  File system
 * calls run detached; they read only C copies or the bytes of strings the
 * caller keeps alive. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "torii/torii.h"
#include "stdlib/stdlib.h"

#define FUNC(name) static TrObject *name(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames)
#define BLOCKING(ts, ...) do { gil_release_for_blocking(ts); __VA_ARGS__; gil_reacquire_after_blocking(ts); } while (0)

/* A path argument's text: `obj` the str or bytes (owned), `s`/`n` its bytes. */
typedef struct PText {
    TrObject *obj;
    const char *s;
    size_t n;
    int b;                    /* bytes */
} PText;

static void ptext_set(PText *p, TrObject *o) {
    p->obj = o;
    p->b = bytes_check(o);
    p->s = p->b ? bytes_data(o) : str_utf8(o);
    p->n = p->b ? bytes_size(o) : str_nbytes(o);
}

/* os.fspath(o) into `p`.  0, or -1 with "expected str, bytes or
 * os.PathLike object, not int". */
static int ptext(TrThread *ts, TrObject *o, PText *p) {
    TrObject *f = os_fspath(ts, o);
    if (!f) return -1;
    ptext_set(p, f);
    return 0;
}

static void ptext_clear(PText *p) { TR_CLEAR(p->obj); }

/* A result of the argument's type from `n` bytes of path text. */
static TrObject *mk(TrThread *ts, int b, const char *s, size_t n) {
    return b ? bytes_from(ts, s, n) : str_from_utf8(ts, s, n);
}

static TrObject *mk_buf(TrThread *ts, int b, TrStrBuf *sb) {
    if (!b) return strbuf_finish(ts, sb);
    if (sb->failed) { strbuf_free(sb); return err_nomemory(ts); }
    TrObject *r = bytes_from(ts, sb->data, sb->len);
    strbuf_free(sb);
    return r;
}

static TrObject *mix_error(TrThread *ts) {
    return err_format(ts, &tr_exc_TypeError, "Can't mix strings and bytes in path components");
}

/* The single path argument `argname` of a posixpath function, as text. */
static int one_arg(TrThread *ts, const char *fname, const char *argname, TrObject *const *args, size_t nargs,
                   TrObject *kwnames, PText *p) {
    const char *const names[] = {argname};
    TrObject *a[1];
    if (args_parse(ts, fname, args, nargs, kwnames, names, 1, 1, 0, 0, a) < 0) return -1;
    return ptext(ts, a[0], p);
}

/* Index just past the last '/' (0 if none). */
static size_t after_last_sep(const char *s, size_t n) {
    while (n > 0 && s[n - 1] != '/') n--;
    return n;
}

/* The length of split(p)'s head: up to the last '/', trailing slashes
 * removed unless it is all slashes. */
static size_t head_len(const char *s, size_t n) {
    size_t i = after_last_sep(s, n), h = i;
    while (h > 0 && s[h - 1] == '/') h--;
    return h == 0 ? i : h;
}

FUNC(path_basename) {
    PText p;
    if (one_arg(ts, "basename", "p", args, nargs, kwnames, &p) < 0) return NULL;
    size_t i = after_last_sep(p.s, p.n);
    TrObject *r = mk(ts, p.b, p.s + i, p.n - i);
    ptext_clear(&p);
    return r;
}

FUNC(path_dirname) {
    PText p;
    if (one_arg(ts, "dirname", "p", args, nargs, kwnames, &p) < 0) return NULL;
    TrObject *r = mk(ts, p.b, p.s, head_len(p.s, p.n));
    ptext_clear(&p);
    return r;
}

FUNC(path_split) {
    PText p;
    if (one_arg(ts, "split", "p", args, nargs, kwnames, &p) < 0) return NULL;
    size_t i = after_last_sep(p.s, p.n);
    TrObject *r = tuple_pair_take(ts, mk(ts, p.b, p.s, head_len(p.s, p.n)), mk(ts, p.b, p.s + i, p.n - i));
    ptext_clear(&p);
    return r;
}

FUNC(path_splitext) {
    PText p;
    if (one_arg(ts, "splitext", "p", args, nargs, kwnames, &p) < 0) return NULL;
    const char *s = p.s;
    size_t n = p.n;
    ssize_t sep = -1, dot = -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '/') sep = (ssize_t)i;
        else if (s[i] == '.') dot = (ssize_t)i;
    }
    size_t cut = n;
    if (dot > sep) {
        /* a leading run of dots in the last component is not an extension */
        for (ssize_t f = sep + 1; f < dot; f++)
            if (s[f] != '.') { cut = (size_t)dot; break; }
    }
    TrObject *r = tuple_pair_take(ts, mk(ts, p.b, s, cut), mk(ts, p.b, s + cut, n - cut));
    ptext_clear(&p);
    return r;
}

FUNC(path_splitdrive) {
    PText p;
    if (one_arg(ts, "splitdrive", "p", args, nargs, kwnames, &p) < 0) return NULL;
    TrObject *r = tuple_pair_take(ts, mk(ts, p.b, p.s, 0), tr_newref(p.obj));
    ptext_clear(&p);
    return r;
}

FUNC(path_splitroot) {
    static const char *const names[] = {"p"};
    TrObject *a[1];
    PText p;
    if (args_parse(ts, "splitroot", args, nargs, kwnames, names, 1, 1, 0, 0, a) < 0) return NULL;
    if (!str_check(a[0]) && !bytes_check(a[0])) {
        /* CPython 3.13 hands the argument to posix._path_splitroot_ex as is */
        TrObject *name = str_intern_cstr(ts, "__fspath__");
        TrObject *fn = name ? type_lookup(ts, tr_type(a[0]), name) : NULL;
        if (!fn)
            return err_occurred(ts) ? NULL
                   : err_format(ts, &tr_exc_TypeError,
                                "_path_splitroot_ex: path should be string, bytes or os.PathLike, not %s",
                                type_qualname(tr_type(a[0])));
        tr_decref(fn);
    }
    if (ptext(ts, a[0], &p) < 0) return NULL;
    const char *s = p.s;
    size_t root = 0;
    if (p.n >= 1 && s[0] == '/') root = (p.n >= 2 && s[1] == '/' && !(p.n >= 3 && s[2] == '/')) ? 2 : 1;
    TrObject *items[3] = {mk(ts, p.b, s, 0), mk(ts, p.b, s, root), mk(ts, p.b, s + root, p.n - root)};
    TrObject *r = items[0] && items[1] && items[2] ? tuple_from_array(ts, items, 3) : NULL;
    for (int i = 0; i < 3; i++) tr_xdecref(items[i]);
    ptext_clear(&p);
    return r;
}

FUNC(path_isabs) {
    PText p;
    if (one_arg(ts, "isabs", "s", args, nargs, kwnames, &p) < 0) return NULL;
    int r = p.n > 0 && p.s[0] == '/';
    ptext_clear(&p);
    return tr_bool(r);
}

FUNC(path_normcase) {
    PText p;
    if (one_arg(ts, "normcase", "s", args, nargs, kwnames, &p) < 0) return NULL;
    return p.obj;
}

/* join(a, *p) into `sb`; the parts are already text of one type. */
static void join_into(TrStrBuf *sb, const PText *parts, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && parts[i].n > 0 && parts[i].s[0] == '/') sb->len = 0;
        else if (i > 0 && sb->len > 0 && sb->data[sb->len - 1] != '/') strbuf_addc(sb, '/');
        strbuf_add(sb, parts[i].s, parts[i].n);
    }
}

FUNC(path_join) {
    if (kwnames && tuple_size(kwnames))
        return err_format(ts, &tr_exc_TypeError, "join() got an unexpected keyword argument '%S'",
                          tuple_get(kwnames, 0));
    if (nargs == 0) return err_format(ts, &tr_exc_TypeError, "join() missing 1 required positional argument: 'a'");
    PText *parts = calloc(nargs, sizeof *parts);
    if (!parts) return err_nomemory(ts);
    TrObject *r = NULL;
    size_t got = 0;
    for (; got < nargs; got++) {
        if (got > 0 && !str_check(args[got]) && !bytes_check(args[got])) {
            TrObject *name = str_intern_cstr(ts, "__fspath__");
            TrObject *fn = name ? type_lookup(ts, tr_type(args[got]), name) : NULL;
            if (!fn) {
                if (!err_occurred(ts))
                    err_format(ts, &tr_exc_TypeError,
                               "join() argument must be str, bytes, or os.PathLike object, not '%s'",
                               type_qualname(tr_type(args[got])));
                goto done;
            }
            tr_decref(fn);
        }
        if (ptext(ts, args[got], &parts[got]) < 0) goto done;
        if (parts[got].b != parts[0].b) { got++; mix_error(ts); goto done; }
    }
    TrStrBuf sb;
    strbuf_init(&sb);
    join_into(&sb, parts, nargs);
    r = mk_buf(ts, parts[0].b, &sb);
done:
    for (size_t i = 0; i < got && i < nargs; i++) ptext_clear(&parts[i]);
    free(parts);
    return r;
}

/* posixpath.normpath of `n` bytes of text, into a new str or bytes. */
static TrObject *normpath(TrThread *ts, int b, const char *s, size_t n) {
    if (n == 0) return mk(ts, b, ".", 1);
    int initial = s[0] == '/';
    if (initial && n >= 2 && s[1] == '/' && !(n >= 3 && s[2] == '/')) initial = 2;
    /* components as (start, len) pairs */
    size_t nc = 0;
    size_t *st = malloc((n / 2 + 2) * sizeof *st), *ln = malloc((n / 2 + 2) * sizeof *ln);
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
    TrStrBuf sb;
    strbuf_init(&sb);
    for (int k = 0; k < initial; k++) strbuf_addc(&sb, '/');
    for (size_t k = 0; k < nc; k++) {
        if (k) strbuf_addc(&sb, '/');
        strbuf_add(&sb, s + st[k], ln[k]);
    }
    free(st);
    free(ln);
    if (sb.len == 0) strbuf_addc(&sb, '.');
    return mk_buf(ts, b, &sb);
}

FUNC(path_normpath) {
    PText p;
    if (one_arg(ts, "normpath", "path", args, nargs, kwnames, &p) < 0) return NULL;
    TrObject *r = normpath(ts, p.b, p.s, p.n);
    ptext_clear(&p);
    return r;
}

/* getcwd() into `buf` (PATH_MAX bytes), detached.  0, or -1 with OSError. */
static int cwd(TrThread *ts, char *buf) {
    char *r;
    int e = 0;
    BLOCKING(ts, r = getcwd(buf, PATH_MAX); e = errno);
    if (!r) { os_error(ts, e, NULL, NULL); return -1; }
    return 0;
}

/* abspath of text: normpath(join(getcwd(), p)). */
static TrObject *abspath(TrThread *ts, int b, const char *s, size_t n) {
    if (n > 0 && s[0] == '/') return normpath(ts, b, s, n);
    char buf[PATH_MAX];
    if (cwd(ts, buf) < 0) return NULL;
    TrStrBuf sb;
    strbuf_init(&sb);
    strbuf_adds(&sb, buf);
    if (n) {
        if (sb.len == 0 || sb.data[sb.len - 1] != '/') strbuf_addc(&sb, '/');
        strbuf_add(&sb, s, n);
    }
    if (sb.failed) { strbuf_free(&sb); return err_nomemory(ts); }
    TrObject *r = normpath(ts, b, sb.data, sb.len);
    strbuf_free(&sb);
    return r;
}

FUNC(path_abspath) {
    PText p;
    if (one_arg(ts, "abspath", "path", args, nargs, kwnames, &p) < 0) return NULL;
    TrObject *r = abspath(ts, p.b, p.s, p.n);
    ptext_clear(&p);
    return r;
}

/* ---- queries of the file system -------------------------------------------------- */

/* stat (follow) or lstat of argument `o` as os.stat/os.lstat convert it
 * (`fname` names the converter in errors: "stat", "lstat"; fds allowed for
 * stat).  1 found, 0 not (OSError, or ValueError for an embedded NUL, as
 * genericpath swallows them), -1 on another error. */
static int try_stat(TrThread *ts, TrObject *o, int follow, struct stat *st) {
    TrOsPath p;
    if (os_path_conv(ts, follow ? "stat" : "lstat", "path", o, follow ? OS_PATH_FD : 0, &p) < 0) {
        if (!err_matches(ts, &tr_exc_ValueError)) return -1;
        err_clear(ts);
        return 0;
    }
    int r, fd = p.fd;
    BLOCKING(ts, r = fd >= 0 ? fstat(fd, st) : follow ? stat(p.c, st) : lstat(p.c, st));
    os_path_clear(&p);
    return r == 0;
}

/* The one argument of a predicate, stat'ed. */
static int pred_stat(TrThread *ts, const char *fname, const char *argname, TrObject *const *args, size_t nargs,
                     TrObject *kwnames, int follow, struct stat *st) {
    const char *const names[] = {argname};
    TrObject *a[1];
    if (args_parse(ts, fname, args, nargs, kwnames, names, 1, 1, 0, 0, a) < 0) return -1;
    return try_stat(ts, a[0], follow, st);
}

FUNC(path_exists) {
    struct stat st;
    int r = pred_stat(ts, "exists", "path", args, nargs, kwnames, 1, &st);
    return r < 0 ? NULL : tr_bool(r);
}

FUNC(path_lexists) {
    struct stat st;
    int r = pred_stat(ts, "lexists", "path", args, nargs, kwnames, 0, &st);
    return r < 0 ? NULL : tr_bool(r);
}

FUNC(path_isfile) {
    struct stat st;
    int r = pred_stat(ts, "isfile", "path", args, nargs, kwnames, 1, &st);
    return r < 0 ? NULL : tr_bool(r && S_ISREG(st.st_mode));
}

FUNC(path_isdir) {
    struct stat st;
    int r = pred_stat(ts, "isdir", "s", args, nargs, kwnames, 1, &st);
    return r < 0 ? NULL : tr_bool(r && S_ISDIR(st.st_mode));
}

FUNC(path_islink) {
    struct stat st;
    int r = pred_stat(ts, "islink", "path", args, nargs, kwnames, 0, &st);
    return r < 0 ? NULL : tr_bool(r && S_ISLNK(st.st_mode));
}

FUNC(path_ismount) {
    static const char *const names[] = {"path"};
    TrObject *a[1];
    if (args_parse(ts, "ismount", args, nargs, kwnames, names, 1, 1, 0, 0, a) < 0) return NULL;
    struct stat st, up;
    int r = try_stat(ts, a[0], 0, &st);
    if (r <= 0) return r < 0 ? NULL : tr_false;
    if (S_ISLNK(st.st_mode)) return tr_false;
    PText p;
    if (ptext(ts, a[0], &p) < 0) return NULL;
    TrStrBuf sb;
    strbuf_init(&sb);
    strbuf_add(&sb, p.s, p.n);
    if (sb.len == 0 || sb.data[sb.len - 1] != '/') strbuf_addc(&sb, '/');
    strbuf_adds(&sb, "..");
    strbuf_addc(&sb, '\0');
    ptext_clear(&p);
    if (sb.failed) { strbuf_free(&sb); return err_nomemory(ts); }
    BLOCKING(ts, r = lstat(sb.data, &up));
    strbuf_free(&sb);
    if (r < 0) return tr_false;
    return tr_bool(st.st_dev != up.st_dev || st.st_ino == up.st_ino);
}

/* `attr` of os.stat(filename), for getsize / getmtime / ...  */
static TrObject *stat_attr(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kwnames,
                           int which) {
    static const char *const names[] = {"filename"};
    TrObject *a[1];
    if (args_parse(ts, fname, args, nargs, kwnames, names, 1, 1, 0, 0, a) < 0) return NULL;
    TrOsPath p;
    if (os_path_conv(ts, "stat", "path", a[0], OS_PATH_FD, &p) < 0) return NULL;
    struct stat st;
    int r, e = 0, fd = p.fd;
    BLOCKING(ts, r = fd >= 0 ? fstat(fd, &st) : stat(p.c, &st); e = errno);
    TrObject *res;
    if (r < 0) {
        res = os_error(ts, e, fd >= 0 ? NULL : p.obj, NULL);
    } else {
        struct timespec t = which == 1 ? st.st_mtim : which == 2 ? st.st_atim : st.st_ctim;
        res = which == 0 ? int_from_i64(ts, st.st_size) : float_new(ts, (double)t.tv_sec + (double)t.tv_nsec * 1e-9);
    }
    os_path_clear(&p);
    return res;
}

FUNC(path_getsize) { return stat_attr(ts, "getsize", args, nargs, kwnames, 0); }
FUNC(path_getmtime) { return stat_attr(ts, "getmtime", args, nargs, kwnames, 1); }
FUNC(path_getatime) { return stat_attr(ts, "getatime", args, nargs, kwnames, 2); }
FUNC(path_getctime) { return stat_attr(ts, "getctime", args, nargs, kwnames, 3); }

/* os.stat of `o` that raises (samefile): 0 or -1. */
static int must_stat(TrThread *ts, TrObject *o, struct stat *st) {
    TrOsPath p;
    if (os_path_conv(ts, "stat", "path", o, OS_PATH_FD, &p) < 0) return -1;
    int r, e = 0, fd = p.fd;
    BLOCKING(ts, r = fd >= 0 ? fstat(fd, st) : stat(p.c, st); e = errno);
    if (r < 0) os_error(ts, e, fd >= 0 ? NULL : p.obj, NULL);
    os_path_clear(&p);
    return r < 0 ? -1 : 0;
}

FUNC(path_samefile) {
    static const char *const names[] = {"f1", "f2"};
    TrObject *a[2];
    if (args_parse(ts, "samefile", args, nargs, kwnames, names, 2, 2, 0, 0, a) < 0) return NULL;
    struct stat s1, s2;
    if (must_stat(ts, a[0], &s1) < 0 || must_stat(ts, a[1], &s2) < 0) return NULL;
    return tr_bool(s1.st_dev == s2.st_dev && s1.st_ino == s2.st_ino);
}

FUNC(path_sameopenfile) {
    static const char *const names[] = {"fp1", "fp2"};
    TrObject *a[2];
    if (args_parse(ts, "sameopenfile", args, nargs, kwnames, names, 2, 2, 0, 0, a) < 0) return NULL;
    struct stat s[2];
    for (int i = 0; i < 2; i++) {
        int fd, r, e = 0;
        if (os_int_arg(ts, a[i], &fd) < 0) return NULL;
        BLOCKING(ts, r = fstat(fd, &s[i]); e = errno);
        if (r < 0) return os_error(ts, e, NULL, NULL);
    }
    return tr_bool(s[0].st_dev == s[1].st_dev && s[0].st_ino == s[1].st_ino);
}

FUNC(path_samestat) {
    static const char *const names[] = {"s1", "s2"};
    TrObject *a[2];
    if (args_parse(ts, "samestat", args, nargs, kwnames, names, 2, 2, 0, 0, a) < 0) return NULL;
    TrObject *v[4] = {NULL, NULL, NULL, NULL};
    TrObject *res = NULL;
    for (int i = 0; i < 2; i++) {
        if (!(v[2 * i] = tr_getattr_cstr(ts, a[i], "st_ino"))) goto done;
        if (!(v[2 * i + 1] = tr_getattr_cstr(ts, a[i], "st_dev"))) goto done;
    }
    int r = tr_richcompare_bool(ts, v[0], v[2], TR_EQ);
    if (r > 0) r = tr_richcompare_bool(ts, v[1], v[3], TR_EQ);
    if (r >= 0) res = tr_bool(r);
done:
    for (int i = 0; i < 4; i++) tr_xdecref(v[i]);
    return res;
}

/* isjunction / isdevdrive: never on POSIX (the path is still checked). */
FUNC(path_isjunction) {
    PText p;
    if (one_arg(ts, "isjunction", "path", args, nargs, kwnames, &p) < 0) return NULL;
    ptext_clear(&p);
    return tr_false;
}

FUNC(path_isdevdrive) {
    PText p;
    if (one_arg(ts, "isdevdrive", "path", args, nargs, kwnames, &p) < 0) return NULL;
    ptext_clear(&p);
    return tr_false;
}

/* ---- realpath ------------------------------------------------------------------------- */

/* Resolves `start` (an absolute path, NUL-terminated) into `out`:
 * symlinks followed component by component; in the non-strict mode a
 * missing component, and a link met again while resolving itself (a
 * loop), are taken as plain names.  Runs detached (touches no object).
 * 0, or -1 with errno set and, for a failed lstat/readlink, the path that
 * failed in `*failed` (malloc'd). */
typedef struct Seen { char *link; char *resolved; struct Seen *next; } Seen;   /* resolved NULL: in progress */

static char *dupn(const char *s, size_t n) {
    char *d = malloc(n + 1);
    if (d) { memcpy(d, s, n); d[n] = 0; }
    return d;
}

static int resolve(const char *start, int strict, TrStrBuf *out, char **failed) {
    /* `rest` is a stack of path texts still to walk: the unwalked tail of
     * each symlink target, innermost last; an entry with `mark` set records
     * the resolution of that link once its target is walked. */
    typedef struct Rest { char *text; size_t at; Seen *mark; } Rest;
    size_t cap = 8, depth = 0;
    Rest *rest = malloc(cap * sizeof *rest);
    Seen *seen = NULL;
    int rc = 0;
    if (!rest) { errno = ENOMEM; return -1; }
    rest[depth++] = (Rest){dupn(start, strlen(start)), 0, NULL};
    out->len = 0;
    while (depth > 0) {
        Rest *r = &rest[depth - 1];
        if (!r->text) { errno = ENOMEM; rc = -1; break; }
        const char *s = r->text + r->at;
        while (*s == '/') s++;
        if (!*s) {
            if (r->mark) {
                free(r->mark->resolved);
                r->mark->resolved = dupn(out->data ? out->data : "", out->len);
            }
            free(r->text);
            depth--;
            continue;
        }
        const char *e = s;
        while (*e && *e != '/') e++;
        size_t cl = (size_t)(e - s);
        r->at = (size_t)(e - r->text);
        if (cl == 1 && s[0] == '.') continue;
        if (cl == 2 && s[0] == '.' && s[1] == '.') {
            while (out->len > 0 && out->data[out->len - 1] != '/') out->len--;
            if (out->len > 0) out->len--;
            continue;
        }
        size_t before = out->len;
        strbuf_addc(out, '/');
        strbuf_add(out, s, cl);
        strbuf_addc(out, '\0');
        if (out->failed) { errno = ENOMEM; rc = -1; break; }
        out->len--;
        struct stat st;
        if (lstat(out->data, &st) < 0) {
            if (strict) { *failed = dupn(out->data, out->len); rc = -1; break; }
            continue;   /* not there: taken as it is written */
        }
        if (!S_ISLNK(st.st_mode)) continue;
        Seen *sn = seen;
        while (sn && strcmp(sn->link, out->data)) sn = sn->next;
        if (sn) {
            if (sn->resolved) {
                out->len = 0;
                strbuf_adds(out, sn->resolved);
                continue;
            }
            if (strict) { errno = ELOOP; *failed = dupn(out->data, out->len); rc = -1; break; }
            continue;   /* a loop: this link is taken as a plain name */
        }
        char target[PATH_MAX + 1];
        ssize_t tn = readlink(out->data, target, PATH_MAX);
        if (tn < 0) { *failed = dupn(out->data, out->len); rc = -1; break; }
        target[tn] = 0;
        sn = calloc(1, sizeof *sn);
        if (!sn || !(sn->link = dupn(out->data, out->len))) { free(sn); errno = ENOMEM; rc = -1; break; }
        sn->next = seen;
        seen = sn;
        out->len = target[0] == '/' ? 0 : before;
        if (depth == cap) {
            Rest *g = realloc(rest, (cap *= 2) * sizeof *rest);
            if (!g) { errno = ENOMEM; rc = -1; break; }
            rest = g;
        }
        rest[depth++] = (Rest){dupn(target, (size_t)tn), 0, sn};
    }
    int saved = errno;
    for (size_t k = 0; k < depth; k++) free(rest[k].text);
    free(rest);
    while (seen) {
        Seen *n = seen->next;
        free(seen->link);
        free(seen->resolved);
        free(seen);
        seen = n;
    }
    if (rc == 0 && out->len == 0) strbuf_addc(out, '/');
    errno = saved;
    return rc;
}

FUNC(path_realpath) {
    static const char *const names[] = {"filename", "strict"};
    TrObject *a[2];
    if (args_parse(ts, "realpath", args, nargs, kwnames, names, 1, 1, 1, 0, a) < 0) return NULL;
    int strict = 0;
    if (a[1] && (strict = tr_is_true(ts, a[1])) < 0) return NULL;
    PText p;
    if (ptext(ts, a[0], &p) < 0) return NULL;
    TrStrBuf start;
    strbuf_init(&start);
    if (p.n == 0 || p.s[0] != '/') {
        char buf[PATH_MAX];
        if (cwd(ts, buf) < 0) { ptext_clear(&p); return NULL; }
        strbuf_adds(&start, buf);
        strbuf_addc(&start, '/');
    }
    strbuf_add(&start, p.s, p.n);
    strbuf_addc(&start, '\0');
    TrStrBuf out;
    strbuf_init(&out);
    char *failed = NULL;
    int rc = -1, e = ENOMEM;
    if (!start.failed && !memchr(p.s, 0, p.n))
        BLOCKING(ts, rc = resolve(start.data, strict, &out, &failed); e = errno);
    else if (!start.failed)
        e = 0;
    strbuf_free(&start);
    TrObject *res = NULL;
    if (rc == 0 && !out.failed) {
        res = normpath(ts, p.b, out.data, out.len);   /* a kept rest may hold '..' */
    } else if (e == 0) {
        err_format(ts, &tr_exc_ValueError, "lstat: embedded null character in path");
    } else if (failed) {
        TrObject *fn = mk(ts, p.b, failed, strlen(failed));
        if (fn) { os_error(ts, e, fn, NULL); tr_decref(fn); }
    } else {
        err_nomemory(ts);
    }
    free(failed);
    strbuf_free(&out);
    ptext_clear(&p);
    return res;
}

/* ---- expanduser, expandvars --------------------------------------------------------------- */

/* The home directory of user `name` (NULL: the current user), into `buf`.
 * 1 found, 0 not. */
static int home_of(TrThread *ts, const char *name, char *buf, size_t cap) {
    struct passwd pw, *res = NULL;
    char tmp[4096];
    BLOCKING(ts, if (name) getpwnam_r(name, &pw, tmp, sizeof tmp, &res);
             else getpwuid_r(getuid(), &pw, tmp, sizeof tmp, &res));
    if (!res || strlen(res->pw_dir) >= cap) return 0;
    strcpy(buf, res->pw_dir);
    return 1;
}

FUNC(path_expanduser) {
    PText p;
    if (one_arg(ts, "expanduser", "path", args, nargs, kwnames, &p) < 0) return NULL;
    if (p.n == 0 || p.s[0] != '~') return p.obj;
    size_t i = 1;
    while (i < p.n && p.s[i] != '/') i++;
    char home[PATH_MAX];
    int found = 0;
    if (i == 1) {
        TrObject *env = os_environ(ts);
        TrObject *h = env ? dict_get_cstr(ts, env, "HOME") : NULL;
        tr_xdecref(env);
        if (err_occurred(ts)) { tr_xdecref(h); ptext_clear(&p); return NULL; }
        if (h && str_check(h) && str_nbytes(h) < sizeof home) {
            memcpy(home, str_utf8(h), str_nbytes(h) + 1);
            found = 1;
        }
        tr_xdecref(h);
        if (!found) found = home_of(ts, NULL, home, sizeof home);
    } else {
        char *name = dupn(p.s + 1, i - 1);
        if (!name) { ptext_clear(&p); return err_nomemory(ts); }
        found = !memchr(p.s + 1, 0, i - 1) && home_of(ts, name, home, sizeof home);
        free(name);
    }
    if (!found) return p.obj;
    size_t hl = strlen(home);
    while (hl > 0 && home[hl - 1] == '/') hl--;
    TrStrBuf sb;
    strbuf_init(&sb);
    strbuf_add(&sb, home, hl);
    strbuf_add(&sb, p.s + i, p.n - i);
    if (sb.len == 0) strbuf_addc(&sb, '/');
    TrObject *r = mk_buf(ts, p.b, &sb);
    ptext_clear(&p);
    return r;
}

static int word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

FUNC(path_expandvars) {
    PText p;
    if (one_arg(ts, "expandvars", "path", args, nargs, kwnames, &p) < 0) return NULL;
    if (!memchr(p.s, '$', p.n)) return p.obj;
    TrObject *env = os_environ(ts);
    if (!env) { ptext_clear(&p); return NULL; }
    TrStrBuf sb;
    strbuf_init(&sb);
    const char *s = p.s;
    size_t n = p.n, i = 0;
    while (i < n) {
        if (s[i] != '$') { strbuf_addc(&sb, s[i++]); continue; }
        /* $name or ${anything but '}'} */
        size_t j = i + 1, ns, nl;
        if (j < n && word_char(s[j])) {
            while (j < n && word_char(s[j])) j++;
            ns = i + 1;
            nl = j - ns;
        } else if (j < n && s[j] == '{' && memchr(s + j, '}', n - j)) {
            const char *close = memchr(s + j, '}', n - j);
            ns = j + 1;
            nl = (size_t)(close - s) - ns;
            j = (size_t)(close - s) + 1;
        } else {
            strbuf_addc(&sb, s[i++]);
            continue;
        }
        TrObject *k = os_name_from(ts, s + ns, nl, 0);
        TrObject *v = k ? dict_get(ts, env, k) : NULL;
        tr_xdecref(k);
        if (!v && err_occurred(ts)) { strbuf_free(&sb); tr_decref(env); ptext_clear(&p); return NULL; }
        if (v && str_check(v)) strbuf_addstr(&sb, v);
        else strbuf_add(&sb, s + i, j - i);
        tr_xdecref(v);
        i = j;
    }
    tr_decref(env);
    TrObject *r = mk_buf(ts, p.b, &sb);
    ptext_clear(&p);
    return r;
}

/* ---- relpath, commonpath, commonprefix ------------------------------------------------------ */

/* The non-empty components of absolute text `s` (split on '/'). */
typedef struct Comps { const char **s; size_t *n; size_t count; } Comps;

static int comps_of(const char *s, size_t n, Comps *c, int skip_dot) {
    c->s = malloc((n / 2 + 1) * sizeof *c->s);
    c->n = malloc((n / 2 + 1) * sizeof *c->n);
    c->count = 0;
    if (!c->s || !c->n) { free(c->s); free(c->n); return -1; }
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] != '/') j++;
        if (j > i && !(skip_dot && j - i == 1 && s[i] == '.')) {
            c->s[c->count] = s + i;
            c->n[c->count++] = j - i;
        }
        i = j + 1;
    }
    return 0;
}

static void comps_free(Comps *c) { free(c->s); free(c->n); }

static int comp_eq(const Comps *a, size_t i, const Comps *b, size_t j) {
    return a->n[i] == b->n[j] && !memcmp(a->s[i], b->s[j], a->n[i]);
}

FUNC(path_relpath) {
    static const char *const names[] = {"path", "start"};
    TrObject *a[2];
    if (args_parse(ts, "relpath", args, nargs, kwnames, names, 2, 1, 0, 0, a) < 0) return NULL;
    PText p, st = {0};
    if (ptext(ts, a[0], &p) < 0) return NULL;
    TrObject *res = NULL, *ap = NULL, *as = NULL;
    if (p.n == 0) { err_set(ts, &tr_exc_ValueError, "no path specified"); goto done; }
    if (a[1] && a[1] != tr_none) {
        if (ptext(ts, a[1], &st) < 0) goto done;
        if (st.b != p.b) { mix_error(ts); goto done; }
    } else {
        ptext_set(&st, mk(ts, p.b, ".", 1));
        if (!st.obj) goto done;
    }
    if (!(ap = abspath(ts, p.b, p.s, p.n)) || !(as = abspath(ts, st.b, st.s, st.n))) goto done;
    PText tp, ts_;
    ptext_set(&tp, ap);
    ptext_set(&ts_, as);
    Comps cp, cs;
    if (comps_of(tp.s, tp.n, &cp, 0) < 0) { err_nomemory(ts); goto done; }
    if (comps_of(ts_.s, ts_.n, &cs, 0) < 0) { comps_free(&cp); err_nomemory(ts); goto done; }
    size_t common = 0;
    while (common < cp.count && common < cs.count && comp_eq(&cp, common, &cs, common)) common++;
    TrStrBuf sb;
    strbuf_init(&sb);
    for (size_t k = common; k < cs.count; k++) strbuf_adds(&sb, sb.len ? "/.." : "..");
    for (size_t k = common; k < cp.count; k++) {
        if (sb.len) strbuf_addc(&sb, '/');
        strbuf_add(&sb, cp.s[k], cp.n[k]);
    }
    if (sb.len == 0) strbuf_addc(&sb, '.');
    comps_free(&cp);
    comps_free(&cs);
    res = mk_buf(ts, p.b, &sb);
done:
    tr_xdecref(ap);
    tr_xdecref(as);
    ptext_clear(&st);
    ptext_clear(&p);
    return res;
}

FUNC(path_commonpath) {
    static const char *const names[] = {"paths"};
    TrObject *a[1];
    if (args_parse(ts, "commonpath", args, nargs, kwnames, names, 1, 1, 0, 0, a) < 0) return NULL;
    TrObject *list = list_from_iterable(ts, a[0]);
    if (!list) return NULL;
    size_t n = list_size(list), got = 0;
    TrObject *res = NULL;
    PText *ps = calloc(n ? n : 1, sizeof *ps);
    Comps *cs = calloc(n ? n : 1, sizeof *cs);
    size_t ncomps = 0;
    if (!ps || !cs) { err_nomemory(ts); goto done; }
    for (; got < n; got++) {
        TrObject *o = list_get(ts, list, (ssize_t)got);
        int r = o ? ptext(ts, o, &ps[got]) : -1;
        tr_xdecref(o);
        if (r < 0) goto done;
    }
    if (n == 0) { err_set(ts, &tr_exc_ValueError, "commonpath() arg is an empty sequence"); goto done; }
    for (size_t i = 1; i < n; i++)
        if (ps[i].b != ps[0].b) { mix_error(ts); goto done; }
    int isabs = ps[0].n > 0 && ps[0].s[0] == '/';
    for (size_t i = 1; i < n; i++)
        if ((ps[i].n > 0 && ps[i].s[0] == '/') != isabs) {
            err_set(ts, &tr_exc_ValueError, "Can't mix absolute and relative paths");
            goto done;
        }
    for (; ncomps < n; ncomps++)
        if (comps_of(ps[ncomps].s, ps[ncomps].n, &cs[ncomps], 1) < 0) { err_nomemory(ts); goto done; }
    size_t common = cs[0].count;
    for (size_t i = 1; i < n; i++) {
        size_t k = 0;
        while (k < common && k < cs[i].count && comp_eq(&cs[0], k, &cs[i], k)) k++;
        common = k;
    }
    TrStrBuf sb;
    strbuf_init(&sb);
    if (isabs) strbuf_addc(&sb, '/');
    for (size_t k = 0; k < common; k++) {
        if (k) strbuf_addc(&sb, '/');
        strbuf_add(&sb, cs[0].s[k], cs[0].n[k]);
    }
    res = mk_buf(ts, ps[0].b, &sb);
done:
    for (size_t i = 0; i < ncomps; i++) comps_free(&cs[i]);
    for (size_t i = 0; i < got && ps; i++) ptext_clear(&ps[i]);
    free(ps);
    free(cs);
    tr_decref(list);
    return res;
}

FUNC(path_commonprefix) {
    static const char *const names[] = {"m"};
    TrObject *a[1];
    if (args_parse(ts, "commonprefix", args, nargs, kwnames, names, 1, 1, 0, 0, a) < 0) return NULL;
    int truth = tr_is_true(ts, a[0]);
    if (truth <= 0) return truth < 0 ? NULL : str_from_cstr(ts, "");
    TrObject *first = tr_getitem(ts, a[0], tr_imm_from(0));
    if (!first) return NULL;
    int seqs = list_check(first) || tuple_check(first);
    tr_decref(first);
    TrObject *list = list_from_iterable(ts, a[0]);
    if (!list) return NULL;
    size_t n = list_size(list);
    TrObject *lo = NULL, *hi = NULL, *res = NULL;
    for (size_t i = 0; i < n; i++) {
        TrObject *o = list_get(ts, list, (ssize_t)i);
        if (!o) goto done;
        if (!seqs) {
            TrObject *f = os_fspath(ts, o);
            tr_decref(o);
            if (!(o = f)) goto done;
        }
        if (!lo) { lo = tr_newref(o); hi = o; continue; }
        int r = tr_richcompare_bool(ts, o, lo, TR_LT);
        if (r < 0) { tr_decref(o); goto done; }
        if (r) { tr_decref(lo); lo = tr_newref(o); }
        r = tr_richcompare_bool(ts, o, hi, TR_GT);
        if (r < 0) { tr_decref(o); goto done; }
        if (r) { tr_decref(hi); hi = o; } else tr_decref(o);
    }
    if (str_check(lo) || bytes_check(lo)) {
        /* texts: the common bytes, backed off to a whole UTF-8 character */
        PText l, h;
        ptext_set(&l, lo);
        ptext_set(&h, hi);
        if (l.b != h.b) { res = err_format(ts, &tr_exc_TypeError, "'<' not supported between instances of 'bytes' and 'str'"); goto done; }
        size_t k = 0;
        while (k < l.n && k < h.n && l.s[k] == h.s[k]) k++;
        if (!l.b) while (k > 0 && k < l.n && ((unsigned char)l.s[k] & 0xC0) == 0x80) k--;
        res = mk(ts, l.b, l.s, k);
        goto done;
    }
    ssize_t len = tr_len(ts, lo);
    if (len < 0) goto done;
    ssize_t k = 0;
    for (; k < len; k++) {
        TrObject *ix = tr_imm_from(k);
        TrObject *x = tr_getitem(ts, lo, ix), *y = x ? tr_getitem(ts, hi, ix) : NULL;
        int r = y ? tr_richcompare_bool(ts, x, y, TR_NE) : -1;
        tr_xdecref(x);
        tr_xdecref(y);
        if (r < 0) goto done;
        if (r) break;
    }
    if (k == len) { res = tr_newref(lo); goto done; }
    TrObject *sl = slice_new(ts, NULL, tr_imm_from(k), NULL);
    res = sl ? tr_getitem(ts, lo, sl) : NULL;
    tr_xdecref(sl);
done:
    tr_xdecref(lo);
    tr_xdecref(hi);
    tr_decref(list);
    return res;
}

/* ---- the module ------------------------------------------------------------------------------- */

static const TrMethodDef path_functions[] = {
    {"join", path_join}, {"exists", path_exists}, {"lexists", path_lexists}, {"isfile", path_isfile},
    {"isdir", path_isdir}, {"islink", path_islink}, {"ismount", path_ismount}, {"isjunction", path_isjunction},
    {"isdevdrive", path_isdevdrive}, {"basename", path_basename}, {"dirname", path_dirname},
    {"split", path_split}, {"splitext", path_splitext}, {"splitdrive", path_splitdrive},
    {"splitroot", path_splitroot}, {"isabs", path_isabs}, {"normcase", path_normcase},
    {"normpath", path_normpath}, {"abspath", path_abspath}, {"realpath", path_realpath},
    {"relpath", path_relpath}, {"commonpath", path_commonpath}, {"commonprefix", path_commonprefix},
    {"expanduser", path_expanduser}, {"expandvars", path_expandvars},
    {"getsize", path_getsize}, {"getmtime", path_getmtime}, {"getatime", path_getatime},
    {"getctime", path_getctime}, {"samefile", path_samefile}, {"sameopenfile", path_sameopenfile},
    {"samestat", path_samestat},
    {NULL, NULL},
};

static const char *const path_consts[][2] = {
    {"sep", "/"}, {"curdir", "."}, {"pardir", ".."}, {"extsep", "."}, {"pathsep", ":"},
    {"defpath", "/bin:/usr/bin"}, {"devnull", "/dev/null"},
};

static TrObject *path_module;   /* guarded by the import lock: created once, then immortal */

TrObject *os_path_module_init(TrThread *ts) {
    if (path_module) return tr_newref(path_module);
    TrObject *m = module_new(ts, "posixpath");
    if (!m) return NULL;
    TrObject *d = module_dict(m);
    if (module_add_functions(ts, m, path_functions) < 0) goto fail;
    for (size_t i = 0; i < sizeof path_consts / sizeof path_consts[0]; i++) {
        TrObject *v = str_from_cstr(ts, path_consts[i][1]);
        int r = v ? dict_set_cstr(ts, d, path_consts[i][0], v) : -1;
        tr_xdecref(v);
        if (r < 0) goto fail;
    }
    if (dict_set_cstr(ts, d, "altsep", tr_none) < 0 || dict_set_cstr(ts, d, "supports_unicode_filenames", tr_false) < 0)
        goto fail;
    tr_make_immortal(m);
    tr_make_immortal(d);
    path_module = m;
    return tr_newref(m);
fail:
    tr_decref(m);
    return NULL;
}
