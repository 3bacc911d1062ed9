/* stdlib/grp.c: the `grp` module, the group database: getgrnam, getgrgid,
 * getgrall and the struct sequence grp.struct_group (gr_mem a list of
 * member names), with CPython 3.13's messages ("getgrgid(): gid not
 * found: 99999").
 *
 * (gid_t)-1, given as -1 or 2**32-1, is shown as -1.
 *
 * Threads: as in stdlib/pwd.c, the reentrant getgr*_r run detached on a
 * malloc'd buffer per call; getgrall's walk of the process-wide getgrent
 * cursor is serialised by `ent_lock` (waited for detached).  Lock order:
 * `ent_lock` is a leaf; no Python code runs while it is held. */
#include <errno.h>
#include <grp.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "torii/torii.h"
#include "stdlib/stdlib.h"
#include "stdlib/posargs.h"
#include "stdlib/structseq.h"

#define FUNC(name) static TrObject *name(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames)

static const char *const group_fields[] = {"gr_name", "gr_passwd", "gr_gid", "gr_mem"};
SEQ_TYPE(struct_group_type, "grp.struct_group", group_fields, 4, 0, NULL);

static pthread_mutex_t ent_lock = PTHREAD_MUTEX_INITIALIZER;

/* A database field as os decodes file names. */
static TrObject *text(TrThread *ts, const char *s) { return os_name_from(ts, s ? s : "", s ? strlen(s) : 0, 0); }

/* A struct_group of `g`.  Returns a new reference, or NULL. */
static TrObject *make_group(TrThread *ts, const struct group *g) {
    TrObject *mem = list_new(ts, 0);
    for (char **m = g->gr_mem; mem && m && *m; m++) {
        TrObject *s = text(ts, *m);
        if (!s || list_append_take(ts, mem, s) < 0) TR_CLEAR(mem);
    }
    TrObject *items[4] = {text(ts, g->gr_name), text(ts, g->gr_passwd), int_from_u64(ts, g->gr_gid), mem};
    return seq_new_take(ts, &struct_group_type, items);
}

/* The gid argument `o` as _Py_Gid_Converter reads it: -1 is (gid_t)-1.
 * 0, or -1 with TypeError / OverflowError. */
static int to_gid(TrThread *ts, TrObject *o, gid_t *out) {
    if (!int_check(o)) {
        err_format(ts, &tr_exc_TypeError, "gid should be integer, not %s", tr_type_name(o));
        return -1;
    }
    int overflow = 0;
    int64_t v = int_as_i64_overflow(o, &overflow);
    /* CPython's words: a value that fits a C long but not gid_t is "less
     * than minimum" even when it is too big */
    if (overflow > 0) {
        err_set(ts, &tr_exc_OverflowError, "gid is greater than maximum");
        return -1;
    }
    if (overflow < 0 || v < -1 || v > (int64_t)(gid_t)-1) {
        err_set(ts, &tr_exc_OverflowError, "gid is less than minimum");
        return -1;
    }
    *out = (gid_t)v;
    return 0;
}

/* Runs getgrnam_r (name) or getgrgid_r into a growing buffer, detached.
 * Returns the entry's struct_group; NULL with the error, or NULL with no
 * exception when there is no such entry. */
static TrObject *lookup(TrThread *ts, const char *name, gid_t gid) {
    size_t size = 1024;
    long hint = sysconf(_SC_GETGR_R_SIZE_MAX);
    if (hint > 0) size = (size_t)hint;
    for (;;) {
        char *buf = malloc(size);
        if (!buf) return err_nomemory(ts);
        struct group gr, *res = NULL;
        gil_release_for_blocking(ts);
        int rc = name ? getgrnam_r(name, &gr, buf, size, &res) : getgrgid_r(gid, &gr, buf, size, &res);
        gil_reacquire_after_blocking(ts);
        if (rc == ERANGE && size < (1u << 24)) {
            free(buf);
            size *= 4;
            continue;
        }
        TrObject *r = res ? make_group(ts, res) : NULL;
        free(buf);
        return r;
    }
}

static void key_error(TrThread *ts, TrObject *msg) {
    if (!msg) return;
    err_set_value(ts, &tr_exc_KeyError, msg);
    tr_decref(msg);
}

/* getgrgid(id) */
FUNC(grp_getgrgid) {
    static const char *const names[] = {"id"};
    TrObject *a[1];
    if (posargs_parse(ts, "getgrgid", args, nargs, kwnames, names, 0, 1, 1, 0, a) < 0) return NULL;
    gid_t gid;
    if (to_gid(ts, a[0], &gid) < 0) return NULL;
    TrObject *r = lookup(ts, NULL, gid);
    if (r || err_occurred(ts)) return r;
    key_error(ts, str_format(ts, "getgrgid(): gid not found: %lld", gid == (gid_t)-1 ? -1LL : (long long)gid));
    return NULL;
}

/* getgrnam(name) */
FUNC(grp_getgrnam) {
    static const char *const names[] = {"name"};
    TrObject *a[1];
    if (posargs_parse(ts, "getgrnam", args, nargs, kwnames, names, 0, 1, 1, 0, a) < 0) return NULL;
    TrObject *name = a[0];
    if (!str_check(name))
        return err_format(ts, &tr_exc_TypeError, "getgrnam() argument 1 must be str, not %s", tr_type_name(name));
    if (strlen(str_utf8(name)) != str_nbytes(name)) return err_format(ts, &tr_exc_ValueError, "embedded null byte");
    TrObject *r = lookup(ts, str_utf8(name), 0);
    if (r || err_occurred(ts)) return r;
    key_error(ts, str_format(ts, "getgrnam(): name not found: %R", name));
    return NULL;
}

/* getgrall(): every entry, in the database's order. */
FUNC(grp_getgrall) {
    if (tr_check_args(ts, "grp.getgrall", nargs, kwnames, 0, 0) < 0) return NULL;
    TrObject *list = list_new(ts, 0);
    if (!list) return NULL;
    gil_release_for_blocking(ts);
    pthread_mutex_lock(&ent_lock);
    gil_reacquire_after_blocking(ts);
    setgrent();
    struct group *g;
    int ok = 1;
    while (ok && (g = getgrent()) != NULL) {
        TrObject *e = make_group(ts, g);
        if (!e || list_append_take(ts, list, e) < 0) ok = 0;
    }
    endgrent();
    pthread_mutex_unlock(&ent_lock);
    if (!ok) { tr_decref(list); return NULL; }
    return list;
}

static const TrMethodDef grp_functions[] = {
    {"getgrgid", grp_getgrgid}, {"getgrnam", grp_getgrnam}, {"getgrall", grp_getgrall},
    {NULL, NULL},
};

TrObject *grp_module_init(TrThread *ts) {
    if (!(struct_group_type.type.flags & TR_TPFLAG_READY) && seq_ready(ts, &struct_group_type) < 0) return NULL;
    TrObject *m = module_new(ts, "grp");
    if (!m) return NULL;
    if (module_add_functions(ts, m, grp_functions) < 0 ||
        dict_set_cstr(ts, module_dict(m), "struct_group", (TrObject *)&struct_group_type.type) < 0) {
        tr_decref(m);
        return NULL;
    }
    return m;
}
