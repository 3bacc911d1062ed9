/* stdlib/pwd.c: the `pwd` module, the password database: getpwnam,
 * getpwuid, getpwall and the struct sequence pwd.struct_passwd, with
 * CPython 3.13's messages ("getpwnam(): name not found: 'nosuchuser'").
 *
 * Threads: getpwnam/getpwuid use the reentrant getpw*_r with a malloc'd
 * buffer per call, detached (the lookup may read files or ask NSS
 * services).  getpwall walks the database with getpwent, whose cursor is
 * process-wide: `ent_lock` serialises the walks (waited for detached), and
 * each entry is copied out before Python objects are made.  Lock order:
 * `ent_lock` is a leaf; no Python code runs while it is held. */
#include <errno.h>
#include <pthread.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "torii/torii.h"
#include "stdlib/stdlib.h"
#include "stdlib/structseq.h"

#define FUNC(name) static TrObject *name(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames)

static const char *const passwd_fields[] = {"pw_name", "pw_passwd", "pw_uid", "pw_gid",
                                            "pw_gecos", "pw_dir", "pw_shell"};
SEQ_TYPE(struct_passwd_type, "pwd.struct_passwd", passwd_fields, 7, 0, NULL);

static pthread_mutex_t ent_lock = PTHREAD_MUTEX_INITIALIZER;

/* A database field as os decodes file names. */
static TrObject *text(TrThread *ts, const char *s) { return os_name_from(ts, s ? s : "", s ? strlen(s) : 0, 0); }

/* A struct_passwd of `p`.  Returns a new reference, or NULL. */
static TrObject *make_passwd(TrThread *ts, const struct passwd *p) {
    TrObject *items[7] = {
        text(ts, p->pw_name), text(ts, p->pw_passwd), int_from_u64(ts, p->pw_uid), int_from_u64(ts, p->pw_gid),
        text(ts, p->pw_gecos), text(ts, p->pw_dir), text(ts, p->pw_shell),
    };
    return seq_new_take(ts, &struct_passwd_type, items);
}

/* The uid argument `o` as _Py_Uid_Converter reads it: -1 is (uid_t)-1.
 * 1 when converted, 0 when out of range (no exception), -1 on TypeError. */
static int to_uid(TrThread *ts, TrObject *o, uid_t *out) {
    if (!int_check(o)) {
        err_format(ts, &tr_exc_TypeError, "uid should be integer, not %s", tr_type_name(o));
        return -1;
    }
    int overflow = 0;
    int64_t v = int_as_i64_overflow(o, &overflow);
    if (overflow || v < -1 || v > (int64_t)(uid_t)-1) return 0;
    *out = (uid_t)v;
    return 1;
}

/* Runs getpwnam_r (name) or getpwuid_r into a growing buffer, detached.
 * Returns the result's struct_passwd, or NULL with the error; *found 0
 * when there is no such entry (no exception). */
static TrObject *lookup(TrThread *ts, const char *name, uid_t uid, int *found) {
    size_t size = 1024;
    long hint = sysconf(_SC_GETPW_R_SIZE_MAX);
    if (hint > 0) size = (size_t)hint;
    for (;;) {
        char *buf = malloc(size);
        if (!buf) return err_nomemory(ts);
        struct passwd pw, *res = NULL;
        gil_release_for_blocking(ts);
        int rc = name ? getpwnam_r(name, &pw, buf, size, &res) : getpwuid_r(uid, &pw, buf, size, &res);
        gil_reacquire_after_blocking(ts);
        if (rc == ERANGE && size < (1u << 24)) {
            free(buf);
            size *= 4;
            continue;
        }
        TrObject *r = NULL;
        *found = res != NULL;
        if (res) r = make_passwd(ts, res);
        free(buf);
        return r;
    }
}

/* getpwnam(name, /) */
FUNC(pwd_getpwnam) {
    if (tr_check_args(ts, "pwd.getpwnam", nargs, kwnames, 1, 1) < 0) return NULL;
    TrObject *name = args[0];
    if (!str_check(name))
        return err_format(ts, &tr_exc_TypeError, "getpwnam() argument must be str, not %s", tr_type_name(name));
    if (strlen(str_utf8(name)) != str_nbytes(name)) return err_format(ts, &tr_exc_ValueError, "embedded null byte");
    int found;
    TrObject *r = lookup(ts, str_utf8(name), 0, &found);
    if (r || err_occurred(ts)) return r;
    TrObject *msg = str_format(ts, "getpwnam(): name not found: %R", name);
    if (msg) {
        err_set_value(ts, &tr_exc_KeyError, msg);
        tr_decref(msg);
    }
    return NULL;
}

/* getpwuid(uid, /) */
FUNC(pwd_getpwuid) {
    if (tr_check_args(ts, "pwd.getpwuid", nargs, kwnames, 1, 1) < 0) return NULL;
    uid_t uid;
    int c = to_uid(ts, args[0], &uid);
    if (c < 0) return NULL;
    int found = 0;
    TrObject *r = c ? lookup(ts, NULL, uid, &found) : NULL;
    if (r || err_occurred(ts)) return r;
    TrObject *msg = c ? str_format(ts, "getpwuid(): uid not found: %lld", (long long)(uid == (uid_t)-1 ? -1 : (long long)uid))
                      : str_from_cstr(ts, "getpwuid(): uid not found");
    if (msg) {
        err_set_value(ts, &tr_exc_KeyError, msg);
        tr_decref(msg);
    }
    return NULL;
}

/* getpwall(): every entry, in the database's order. */
FUNC(pwd_getpwall) {
    if (tr_check_args(ts, "pwd.getpwall", nargs, kwnames, 0, 0) < 0) return NULL;
    TrObject *list = list_new(ts, 0);
    if (!list) return NULL;
    gil_release_for_blocking(ts);
    pthread_mutex_lock(&ent_lock);
    gil_reacquire_after_blocking(ts);
    setpwent();
    struct passwd *p;
    int ok = 1;
    while (ok && (p = getpwent()) != NULL) {
        TrObject *e = make_passwd(ts, p);
        if (!e || list_append_take(ts, list, e) < 0) ok = 0;
    }
    endpwent();
    pthread_mutex_unlock(&ent_lock);
    if (!ok) { tr_decref(list); return NULL; }
    return list;
}

static const TrMethodDef pwd_functions[] = {
    {"getpwnam", pwd_getpwnam}, {"getpwuid", pwd_getpwuid}, {"getpwall", pwd_getpwall},
    {NULL, NULL},
};

TrObject *pwd_module_init(TrThread *ts) {
    if (!(struct_passwd_type.type.flags & TR_TPFLAG_READY) && seq_ready(ts, &struct_passwd_type) < 0) return NULL;
    TrObject *m = module_new(ts, "pwd");
    if (!m) return NULL;
    if (module_add_functions(ts, m, pwd_functions) < 0 ||
        dict_set_cstr(ts, module_dict(m), "struct_passwd", (TrObject *)&struct_passwd_type.type) < 0) {
        tr_decref(m);
        return NULL;
    }
    return m;
}
