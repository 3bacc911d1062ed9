/* stdlib/_sqlite3.c: `_sqlite3`, the C half of the sqlite3 module, over the
 * system's libsqlite3.  Two types: `_sqlite3.Db`, one open connection
 * handle, and `_sqlite3.Stmt`, one prepared statement of a Db; plus Python
 * callables registered as SQL functions and aggregates.  Everything of the
 * DB-API (Connection, Cursor, Row, transactions, adapters, converters,
 * check_same_thread) is Python, in stdlib/py/sqlite3/__init__.py, which hands
 * this module its exception classes once with `_init` so that errors raised
 * here are sqlite3.OperationalError etc. with CPython 3.13's messages.
 *
 * Threads: a Db and all of its statements are guarded by the Db's own TrMutex
 * `lock` (not the header's critical-section lock: a critical section is
 * suspended while the thread detaches, and this lock must stay held while
 * sqlite runs detached).  Every call into sqlite for a Db or one of its
 * statements, sqlite3_finalize in a statement's dealloc included, happens
 * with `lock` held, so sqlite's own connection mutex is never waited for by
 * an attached thread (which could hold up a stop-the-world pause).  Calls
 * that may block or run long (open, prepare, step, exec) run detached
 * (gil_release_for_blocking).  `lock` is re-entrant for its holder: sqlite
 * calls a Python function or aggregate from inside sqlite3_step on the
 * holder's thread, which re-attaches for the Python code and may use the
 * same connection again.  Waiting for `lock` happens detached.
 * interrupt() and is_closed() take only `hlock`, a leaf guarding the `db`
 * pointer for a few instructions, so that they never wait for a statement
 * running under `lock`.
 * Lock order: a Db lock is taken with no other lock held; `hlock` inside it
 * or alone.  Python code runs under `lock` only in those callbacks and in
 * the adapters, converters and text_factory of bind and row.
 * The exception classes are set once by `_init` and published with a
 * release store; they are immortal. */
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "torii/torii.h"
#include "stdlib/stdlib.h"
#include "stdlib/posargs.h"
#include "threads/lock.h"

#define FUNC(name) static TrObject *name(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames)

/* ---- exception classes ------------------------------------------------------ */

enum { E_INTERFACE, E_DATABASE, E_DATA, E_OPERATIONAL, E_INTEGRITY, E_INTERNAL, E_PROGRAMMING, E_NOTSUPPORTED, E_N };
static const char *const exc_names[E_N] = {
    "InterfaceError", "DatabaseError", "DataError", "OperationalError",
    "IntegrityError", "InternalError", "ProgrammingError", "NotSupportedError",
};
static TrObject *exc_classes[E_N];   /* immortal; set once by _init (release), read with acquire */
static uint32_t callback_tracebacks;      /* atomic: enable_callback_tracebacks() */

static TrObject *exc_class(int which) {
    /* acquire: pairs with the release in sq_init */
    return atomic_load_ptr_acquire((void *const *)&exc_classes[which]);
}

/* Raises sqlite3.<which>(msg).  Returns NULL. */
static TrObject *sq_raise(TrThread *ts, int which, const char *msg) {
    TrObject *cls = exc_class(which);
    if (!cls) return err_format(ts, &tr_exc_RuntimeError, "%s", msg);
    return posargs_raise(ts, cls, msg);
}

/* The names CPython gives sqlite's result codes in `sqlite_errorname`. */
static const struct { int code; const char *name; } code_names[] = {
    {SQLITE_OK, "SQLITE_OK"}, {SQLITE_ERROR, "SQLITE_ERROR"}, {SQLITE_INTERNAL, "SQLITE_INTERNAL"},
    {SQLITE_PERM, "SQLITE_PERM"}, {SQLITE_ABORT, "SQLITE_ABORT"}, {SQLITE_BUSY, "SQLITE_BUSY"},
    {SQLITE_LOCKED, "SQLITE_LOCKED"}, {SQLITE_NOMEM, "SQLITE_NOMEM"}, {SQLITE_READONLY, "SQLITE_READONLY"},
    {SQLITE_INTERRUPT, "SQLITE_INTERRUPT"}, {SQLITE_IOERR, "SQLITE_IOERR"}, {SQLITE_CORRUPT, "SQLITE_CORRUPT"},
    {SQLITE_NOTFOUND, "SQLITE_NOTFOUND"}, {SQLITE_FULL, "SQLITE_FULL"}, {SQLITE_CANTOPEN, "SQLITE_CANTOPEN"},
    {SQLITE_PROTOCOL, "SQLITE_PROTOCOL"}, {SQLITE_EMPTY, "SQLITE_EMPTY"}, {SQLITE_SCHEMA, "SQLITE_SCHEMA"},
    {SQLITE_TOOBIG, "SQLITE_TOOBIG"}, {SQLITE_CONSTRAINT, "SQLITE_CONSTRAINT"},
    {SQLITE_MISMATCH, "SQLITE_MISMATCH"}, {SQLITE_MISUSE, "SQLITE_MISUSE"}, {SQLITE_NOLFS, "SQLITE_NOLFS"},
    {SQLITE_AUTH, "SQLITE_AUTH"}, {SQLITE_FORMAT, "SQLITE_FORMAT"}, {SQLITE_RANGE, "SQLITE_RANGE"},
    {SQLITE_NOTADB, "SQLITE_NOTADB"}, {SQLITE_NOTICE, "SQLITE_NOTICE"}, {SQLITE_WARNING, "SQLITE_WARNING"},
    {SQLITE_ROW, "SQLITE_ROW"}, {SQLITE_DONE, "SQLITE_DONE"},
    {SQLITE_ERROR_MISSING_COLLSEQ, "SQLITE_ERROR_MISSING_COLLSEQ"}, {SQLITE_ERROR_RETRY, "SQLITE_ERROR_RETRY"},
    {SQLITE_ERROR_SNAPSHOT, "SQLITE_ERROR_SNAPSHOT"}, {SQLITE_IOERR_READ, "SQLITE_IOERR_READ"},
    {SQLITE_IOERR_SHORT_READ, "SQLITE_IOERR_SHORT_READ"}, {SQLITE_IOERR_WRITE, "SQLITE_IOERR_WRITE"},
    {SQLITE_IOERR_FSYNC, "SQLITE_IOERR_FSYNC"}, {SQLITE_IOERR_NOMEM, "SQLITE_IOERR_NOMEM"},
    {SQLITE_LOCKED_SHAREDCACHE, "SQLITE_LOCKED_SHAREDCACHE"}, {SQLITE_BUSY_RECOVERY, "SQLITE_BUSY_RECOVERY"},
    {SQLITE_BUSY_SNAPSHOT, "SQLITE_BUSY_SNAPSHOT"}, {SQLITE_BUSY_TIMEOUT, "SQLITE_BUSY_TIMEOUT"},
    {SQLITE_CANTOPEN_NOTEMPDIR, "SQLITE_CANTOPEN_NOTEMPDIR"}, {SQLITE_CANTOPEN_ISDIR, "SQLITE_CANTOPEN_ISDIR"},
    {SQLITE_CANTOPEN_FULLPATH, "SQLITE_CANTOPEN_FULLPATH"}, {SQLITE_CORRUPT_VTAB, "SQLITE_CORRUPT_VTAB"},
    {SQLITE_READONLY_RECOVERY, "SQLITE_READONLY_RECOVERY"}, {SQLITE_READONLY_CANTLOCK, "SQLITE_READONLY_CANTLOCK"},
    {SQLITE_READONLY_ROLLBACK, "SQLITE_READONLY_ROLLBACK"}, {SQLITE_READONLY_DBMOVED, "SQLITE_READONLY_DBMOVED"},
    {SQLITE_ABORT_ROLLBACK, "SQLITE_ABORT_ROLLBACK"},
    {SQLITE_CONSTRAINT_CHECK, "SQLITE_CONSTRAINT_CHECK"}, {SQLITE_CONSTRAINT_COMMITHOOK, "SQLITE_CONSTRAINT_COMMITHOOK"},
    {SQLITE_CONSTRAINT_FOREIGNKEY, "SQLITE_CONSTRAINT_FOREIGNKEY"},
    {SQLITE_CONSTRAINT_FUNCTION, "SQLITE_CONSTRAINT_FUNCTION"}, {SQLITE_CONSTRAINT_NOTNULL, "SQLITE_CONSTRAINT_NOTNULL"},
    {SQLITE_CONSTRAINT_PRIMARYKEY, "SQLITE_CONSTRAINT_PRIMARYKEY"},
    {SQLITE_CONSTRAINT_TRIGGER, "SQLITE_CONSTRAINT_TRIGGER"}, {SQLITE_CONSTRAINT_UNIQUE, "SQLITE_CONSTRAINT_UNIQUE"},
    {SQLITE_CONSTRAINT_VTAB, "SQLITE_CONSTRAINT_VTAB"}, {SQLITE_CONSTRAINT_ROWID, "SQLITE_CONSTRAINT_ROWID"},
    {SQLITE_CONSTRAINT_PINNED, "SQLITE_CONSTRAINT_PINNED"}, {SQLITE_CONSTRAINT_DATATYPE, "SQLITE_CONSTRAINT_DATATYPE"},
    {SQLITE_NOTICE_RECOVER_WAL, "SQLITE_NOTICE_RECOVER_WAL"},
    {SQLITE_NOTICE_RECOVER_ROLLBACK, "SQLITE_NOTICE_RECOVER_ROLLBACK"},
    {SQLITE_WARNING_AUTOINDEX, "SQLITE_WARNING_AUTOINDEX"}, {SQLITE_AUTH_USER, "SQLITE_AUTH_USER"},
    {SQLITE_OK_LOAD_PERMANENTLY, "SQLITE_OK_LOAD_PERMANENTLY"},
};

static const char *code_name(int code) {
    for (size_t i = 0; i < sizeof code_names / sizeof code_names[0]; i++)
        if (code_names[i].code == code) return code_names[i].name;
    return "unknown error code";
}

/* The class CPython raises for primary result code `rc`. */
static int class_for(int rc) {
    switch (rc & 0xff) {
    case SQLITE_INTERNAL: case SQLITE_NOTFOUND: return E_INTERNAL;
    case SQLITE_ERROR: case SQLITE_PERM: case SQLITE_ABORT: case SQLITE_BUSY: case SQLITE_LOCKED:
    case SQLITE_READONLY: case SQLITE_INTERRUPT: case SQLITE_IOERR: case SQLITE_FULL: case SQLITE_CANTOPEN:
    case SQLITE_PROTOCOL: case SQLITE_EMPTY: case SQLITE_SCHEMA:
        return E_OPERATIONAL;
    case SQLITE_CORRUPT: return E_DATABASE;
    case SQLITE_TOOBIG: return E_DATA;
    case SQLITE_CONSTRAINT: case SQLITE_MISMATCH: return E_INTEGRITY;
    case SQLITE_MISUSE: case SQLITE_RANGE: return E_INTERFACE;
    default: return E_DATABASE;
    }
}

/* Raises the exception for result code `rc` of a call on `db` (message from
 * sqlite3_errmsg, so call it before anything else touches `db`), with
 * `sqlite_errorcode` / `sqlite_errorname` set to the extended code.  NULL. */
static TrObject *raise_rc(TrThread *ts, sqlite3 *db, int rc) {
    if ((rc & 0xff) == SQLITE_NOMEM) return err_nomemory(ts);
    int ext = db ? sqlite3_extended_errcode(db) : rc;
    const char *msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    TrObject *cls = exc_class(class_for(rc));
    if (!cls) return err_format(ts, &tr_exc_RuntimeError, "%s", msg);
    TrObject *s = str_from_cstr(ts, msg);
    TrObject *exc = s ? tr_call(ts, cls, &s, 1, NULL) : NULL;
    tr_xdecref(s);
    if (!exc) return NULL;
    TrObject *code = tr_imm_from(ext), *name = str_from_cstr(ts, code_name(ext));
    TrObject *k1 = str_intern_cstr(ts, "sqlite_errorcode"), *k2 = str_intern_cstr(ts, "sqlite_errorname");
    if (!name || !k1 || !k2 || tr_setattr(ts, exc, k1, code) < 0 || tr_setattr(ts, exc, k2, name) < 0) {
        tr_xdecref(name);
        tr_decref(exc);
        return NULL;
    }
    tr_decref(name);
    err_raise(ts, exc);
    return NULL;
}

/* ---- the connection handle -------------------------------------------------- */

typedef struct Db {
    TrObject ob_base;
    uint8_t lock;        /* TrMutex (threads/lock.h), see the file comment */
    TrThread *owner;     /* atomic: the holder of `lock`, NULL when free; read racily by others */
    int depth;           /* holder only: how many times the holder took `lock` */
    int detached;        /* holder only: 1 while the holder runs sqlite detached */
    TrObject *pending;   /* holder only, owned: what a collation raised, raised by the step */
    uint8_t hlock;       /* TrMutex, a leaf held for a few instructions: guards `db` for
                          * interrupt(), which must not wait for `lock` */
    sqlite3 *db;         /* written under `lock` and `hlock`; read under either; NULL once closed */
    TrObject *cache;     /* guarded by `lock`; owned dict, SQL text -> idle (reset) Stmt, oldest
                          * first; NULL when closed.  A statement in use is not in it. */
    int cache_max;       /* set at open: at most this many entries (0: no cache) */
} Db;

typedef struct Stmt {
    TrObject ob_base;
    Db *conn;            /* owned; set at creation */
    sqlite3_stmt *st;    /* guarded by conn->lock; NULL for an empty statement or once finalized */
    int is_dml;          /* set at creation: INSERT, UPDATE, DELETE or REPLACE */
    int has_named;       /* set at creation: some parameter has a name (:a, @a, $a) */
} Stmt;

static TrType db_type, stmt_type;

/* Takes `d->lock` (re-entrant for the holder), waiting detached. */
static void db_lock(TrThread *ts, Db *d) {
    /* relaxed: only this thread ever stores its own pointer there */
    if (atomic_load_ptr_relaxed((void *const *)&d->owner) == ts) {
        d->depth++;
        return;
    }
    if (!mutex_trylock(&d->lock)) {
        gil_release_for_blocking(ts);
        mutex_lock(&d->lock);
        gil_reacquire_after_blocking(ts);
    }
    atomic_store_ptr_relaxed(&d->owner, ts);
    d->depth = 1;
    d->detached = 0;
}

static void db_unlock(Db *d) {
    if (--d->depth > 0) return;
    atomic_store_ptr_relaxed(&d->owner, NULL);
    mutex_unlock(&d->lock);
}

/* Runs the statements after it detached, `d` locked by this thread. */
#define DETACHED(ts, d, ...)                         \
    do {                                             \
        int was_ = (d)->detached;                    \
        (d)->detached = 1;                           \
        gil_release_for_blocking(ts);                \
        __VA_ARGS__;                                 \
        gil_reacquire_after_blocking(ts);            \
        (d)->detached = was_;                        \
    } while (0)

/* Locks `d` and checks it is open: 0, or -1 (unlocked) with
 * ProgrammingError "Cannot operate on a closed database.". */
static int db_enter(TrThread *ts, Db *d) {
    db_lock(ts, d);
    if (d->db) return 0;
    db_unlock(d);
    sq_raise(ts, E_PROGRAMMING, "Cannot operate on a closed database.");
    return -1;
}

static void db_dealloc(TrThread *ts, TrObject *o) {
    Db *d = (Db *)o;
    /* no statement is left (each owns a reference), so this frees the handle
     * and runs the functions' destructors here, attached */
    /* the cache's statements hold references to `d`: none is left */
    if (d->db) sqlite3_close_v2(d->db);
    tr_xdecref(d->pending);
    tr_free(o);
}

static TrObject *no_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return err_format(ts, &tr_exc_TypeError, "cannot create '%s' instances", type->name);
}

static TrObject *plain_repr(TrThread *ts, TrObject *o) {
    return str_format(ts, "<%s object at %p>", tr_type_name(o), (void *)o);
}

/* open(path, timeout, uri, cached_statements, /): path is a str (the Python
 * side converts path-like objects), timeout in seconds. */
FUNC(sq_open) {
    if (tr_check_args(ts, "open", nargs, kwnames, 4, 4) < 0) return NULL;
    int cache_max;
    if (posargs_int(ts, args[3], &cache_max) < 0) return NULL;
    if (!str_check(args[0])) return err_format(ts, &tr_exc_TypeError, "open() argument 1 must be str, not %T", args[0]);
    double timeout = float_check(args[1]) ? float_value(args[1]) : int_check(args[1]) ? int_as_double(ts, args[1]) : -1;
    if (err_occurred(ts)) return NULL;
    int uri = tr_is_true(ts, args[2]);
    if (uri < 0) return NULL;
    const char *path = str_utf8(args[0]);
    if (strlen(path) != str_nbytes(args[0])) return err_format(ts, &tr_exc_ValueError, "embedded null character");
    Db *d = (Db *)tr_alloc(ts, &db_type);
    if (!d) return NULL;
    d->cache_max = cache_max < 0 ? 0 : cache_max;
    if (!(d->cache = dict_new(ts))) { tr_decref((TrObject *)d); return NULL; }
    sqlite3 *db = NULL;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX | (uri ? SQLITE_OPEN_URI : 0);
    gil_release_for_blocking(ts);
    int rc = sqlite3_open_v2(path, &db, flags, NULL);
    gil_reacquire_after_blocking(ts);
    if (rc != SQLITE_OK) {
        if (db) {
            raise_rc(ts, db, rc);
            sqlite3_close_v2(db);
        } else {
            err_nomemory(ts);
        }
        tr_decref((TrObject *)d);
        return NULL;
    }
    if (timeout > 0) sqlite3_busy_timeout(db, timeout * 1000 > INT_MAX ? INT_MAX : (int)(timeout * 1000));
    d->db = db;
    return (TrObject *)d;
}

#define DB ((Db *)self)

/* Db.close(): finalizes nothing itself (statements finalize as they die);
 * the handle is released when the last one is gone. */
FUNC(db_close) {
    if (tr_check_args(ts, "close", nargs, kwnames, 0, 0) < 0) return NULL;
    Db *d = DB;
    db_lock(ts, d);
    TrObject *cache = d->cache;
    d->cache = NULL;
    /* the cached statements finalize as they die (re-entering `lock`), so
     * that close_v2 below closes the file at once */
    tr_xdecref(cache);
    sqlite3 *db = d->db;
    mutex_lock(&d->hlock);
    d->db = NULL;
    mutex_unlock(&d->hlock);
    int rc = db ? sqlite3_close_v2(db) : SQLITE_OK;
    db_unlock(d);
    if (rc != SQLITE_OK) return raise_rc(ts, NULL, rc);
    return tr_newref(tr_none);
}

/* Db.interrupt(): makes the statement running on the connection, in any
 * thread, fail with "interrupted".  Does not wait for `lock` (its holder is
 * the one to interrupt); `hlock` keeps the handle from closing meanwhile. */
FUNC(db_interrupt) {
    if (tr_check_args(ts, "interrupt", nargs, kwnames, 0, 0) < 0) return NULL;
    Db *d = DB;
    mutex_lock(&d->hlock);
    sqlite3 *db = d->db;
    if (db) sqlite3_interrupt(db);
    mutex_unlock(&d->hlock);
    if (!db) return sq_raise(ts, E_PROGRAMMING, "Cannot operate on a closed database.");
    return tr_newref(tr_none);
}

/* Db.is_closed(): a peek under `hlock` only, so that it never waits for a
 * statement running on another thread (interrupt() checks with it). */
FUNC(db_is_closed) {
    Db *d = DB;
    mutex_lock(&d->hlock);
    int closed = d->db == NULL;
    mutex_unlock(&d->hlock);
    return tr_bool(closed);
}

/* Skips blanks and SQL comments.  Returns the first other character. */
static const char *skip_blank(const char *p) {
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f') p++;
        if (p[0] == '-' && p[1] == '-') {
            while (*p && *p != '\n') p++;
        } else if (p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            if (!e) return p + strlen(p);
            p = e + 2;
        } else {
            return p;
        }
    }
}

static int starts_with_word(const char *p, const char *w) {
    size_t n = strlen(w);
    return strncasecmp(p, w, n) == 0;
}

/* Db.prepare(sql): a new Stmt for the one statement in `sql` (an empty Stmt
 * when `sql` holds none).  ProgrammingError when more follows. */
FUNC(db_prepare) {
    if (tr_check_args(ts, "prepare", nargs, kwnames, 1, 1) < 0) return NULL;
    TrObject *sql = args[0];
    if (!str_check(sql)) return err_format(ts, &tr_exc_TypeError, "execute() argument 1 must be str, not %T", sql);
    const char *text = str_utf8(sql);
    size_t n = str_nbytes(sql);
    if (strlen(text) != n) return sq_raise(ts, E_PROGRAMMING, "the query contains a null character");
    if (n > INT_MAX) return sq_raise(ts, E_DATA, "query string is too large");
    Db *d = DB;
    if (db_enter(ts, d) < 0) return NULL;
    if (d->cache && dict_size(d->cache)) {
        TrObject *hit = dict_get(ts, d->cache, sql);
        if (hit) {
            if (dict_del(ts, d->cache, sql) < 0) err_clear(ts);
            db_unlock(d);
            return hit;
        }
        if (err_occurred(ts)) { db_unlock(d); return NULL; }
    }
    db_unlock(d);
    Stmt *s = (Stmt *)tr_alloc(ts, &stmt_type);
    if (!s) return NULL;
    s->conn = (Db *)tr_newref(self);
    const char *p = skip_blank(text);
    s->is_dml = starts_with_word(p, "insert") || starts_with_word(p, "update") || starts_with_word(p, "delete") ||
                starts_with_word(p, "replace");
    if (db_enter(ts, d) < 0) { tr_decref((TrObject *)s); return NULL; }
    sqlite3_stmt *st = NULL;
    const char *tail = NULL;
    int rc;
    DETACHED(ts, d, rc = sqlite3_prepare_v2(d->db, text, (int)n + 1, &st, &tail));
    if (rc != SQLITE_OK) {
        raise_rc(ts, d->db, rc);
        db_unlock(d);
        tr_decref((TrObject *)s);
        return NULL;
    }
    if (st && tail && *skip_blank(tail)) {
        sqlite3_finalize(st);
        db_unlock(d);
        tr_decref((TrObject *)s);
        return sq_raise(ts, E_PROGRAMMING, "You can only execute one statement at a time.");
    }
    s->st = st;
    int np = st ? sqlite3_bind_parameter_count(st) : 0;
    for (int i = 1; i <= np && !s->has_named; i++) {
        const char *name = sqlite3_bind_parameter_name(st, i);
        s->has_named = name && name[0] != '?';
    }
    db_unlock(d);
    return (TrObject *)s;
}

/* Db.release(sql, stmt): a cursor is done with `stmt` (prepared from `sql`
 * on this Db): reset, it goes back to the cache, pushing out the oldest entry
 * when full; finalized when there is no cache or the Db is closed. */
FUNC(db_release) {
    if (tr_check_args(ts, "release", nargs, kwnames, 2, 2) < 0) return NULL;
    if (!str_check(args[0]) || tr_type(args[1]) != &stmt_type || ((Stmt *)args[1])->conn != DB)
        return err_format(ts, &tr_exc_TypeError, "release() takes the SQL text and a statement of this database");
    Db *d = DB;
    Stmt *s = (Stmt *)args[1];
    TrObject *old = NULL;
    int rc = 0;
    db_lock(ts, d);
    if (!d->db || !d->cache || d->cache_max == 0 || !s->st) {
        if (s->st) sqlite3_finalize(s->st);
        s->st = NULL;
    } else {
        sqlite3_reset(s->st);
        if (dict_size(d->cache) >= (size_t)d->cache_max) {
            size_t pos = 0;
            TrObject *key = NULL;
            if (dict_next(ts, d->cache, &pos, &key, &old)) {
                rc = dict_del(ts, d->cache, key);
                tr_decref(key);
            }
        }
        if (rc == 0) rc = dict_set(ts, d->cache, args[0], args[1]);
    }
    db_unlock(d);
    tr_xdecref(old);   /* after unlocking: finalizing re-enters the lock, which is fine, but keep it short */
    return rc < 0 ? NULL : tr_newref(tr_none);
}

/* Db.execscript(sql): runs every statement of `sql`, discarding rows. */
FUNC(db_execscript) {
    if (tr_check_args(ts, "executescript", nargs, kwnames, 1, 1) < 0) return NULL;
    TrObject *sql = args[0];
    if (!str_check(sql)) return err_format(ts, &tr_exc_TypeError, "executescript() argument must be str, not %T", sql);
    const char *text = str_utf8(sql);
    if (strlen(text) != str_nbytes(sql)) return err_format(ts, &tr_exc_ValueError, "embedded null character");
    Db *d = DB;
    if (db_enter(ts, d) < 0) return NULL;
    int rc;
    DETACHED(ts, d, rc = sqlite3_exec(d->db, text, NULL, NULL, NULL));
    TrObject *r;
    if (d->pending) {
        err_restore(ts, d->pending);
        d->pending = NULL;
        r = NULL;
    } else {
        r = rc == SQLITE_OK ? tr_newref(tr_none) : raise_rc(ts, d->db, rc);
    }
    db_unlock(d);
    return r;
}

/* The integer-valued queries: changes, total_changes, last_insert_rowid,
 * in_transaction. */
static TrObject *db_query(TrThread *ts, TrObject *self, size_t nargs, TrObject *kwnames, const char *name, int what) {
    if (tr_check_args(ts, name, nargs, kwnames, 0, 0) < 0) return NULL;
    Db *d = DB;
    if (db_enter(ts, d) < 0) return NULL;
    int64_t v;
    switch (what) {
    case 0: v = sqlite3_changes(d->db); break;
    case 1: v = sqlite3_total_changes(d->db); break;
    case 2: v = sqlite3_last_insert_rowid(d->db); break;
    default: v = !sqlite3_get_autocommit(d->db); break;
    }
    db_unlock(d);
    return what == 3 ? tr_bool((int)v) : int_from_i64(ts, v);
}

FUNC(db_changes) { return db_query(ts, self, nargs, kwnames, "changes", 0); }
FUNC(db_total_changes) { return db_query(ts, self, nargs, kwnames, "total_changes", 1); }
FUNC(db_last_insert_rowid) { return db_query(ts, self, nargs, kwnames, "last_insert_rowid", 2); }
FUNC(db_in_transaction) { return db_query(ts, self, nargs, kwnames, "in_transaction", 3); }

/* ---- values both ways ----------------------------------------------------------- */

/* Text from sqlite as a str.  On invalid UTF-8: OperationalError naming the
 * column `col` (NULL for a function argument).  New reference or NULL. */
static TrObject *text_to_str(TrThread *ts, const char *p, size_t n, const char *col) {
    TrObject *r = codec_decode(ts, p ? p : "", n, "utf-8", "strict");
    if (r || !err_matches(ts, &tr_exc_UnicodeDecodeError)) return r;
    err_clear(ts);
    char buf[400];
    snprintf(buf, sizeof buf, "Could not decode to UTF-8 column '%.100s' with text '%.200s'", col ? col : "?",
             p ? p : "");
    return sq_raise(ts, E_OPERATIONAL, buf);
}

static TrObject *from_value(TrThread *ts, sqlite3_value *v) {
    switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER: return int_from_i64(ts, sqlite3_value_int64(v));
    case SQLITE_FLOAT: return float_new(ts, sqlite3_value_double(v));
    case SQLITE_TEXT: {
        const char *p = (const char *)sqlite3_value_text(v);
        TrObject *r = codec_decode(ts, p ? p : "", (size_t)sqlite3_value_bytes(v), "utf-8", "strict");
        return r;
    }
    case SQLITE_BLOB: {
        const void *p = sqlite3_value_blob(v);
        return bytes_from(ts, p ? p : "", (size_t)sqlite3_value_bytes(v));
    }
    default: return tr_newref(tr_none);
    }
}

/* 1 if `o` is a bytes-like object (bytes, bytearray, memoryview, array). */
static int is_buffer(TrThread *ts, TrObject *o, TrBytesView *v) {
    int rc = bytes_view(ts, o, v);
    return rc;
}

/* Binds `v` to parameter `i` of `st`.  0; 1 for an unsupported type (no
 * exception); -1 with an exception (OverflowError, MemoryError). */
static int bind_one(TrThread *ts, sqlite3_stmt *st, int i, TrObject *v) {
    int rc;
    if (v == tr_none) {
        rc = sqlite3_bind_null(st, i);
    } else if (int_check(v)) {
        int overflow = 0;
        int64_t x = int_as_i64_overflow(v, &overflow);
        if (overflow) {
            err_set(ts, &tr_exc_OverflowError, "Python int too large to convert to SQLite INTEGER");
            return -1;
        }
        rc = sqlite3_bind_int64(st, i, x);
    } else if (float_check(v)) {
        rc = sqlite3_bind_double(st, i, float_value(v));
    } else if (str_check(v)) {
        if (str_nbytes(v) > INT_MAX) { err_set(ts, &tr_exc_OverflowError, "string longer than INT_MAX bytes"); return -1; }
        rc = sqlite3_bind_text(st, i, str_utf8(v), (int)str_nbytes(v), SQLITE_TRANSIENT);
    } else {
        TrBytesView bv;
        int b = is_buffer(ts, v, &bv);
        if (b < 0) return -1;
        if (b == 0) return 1;
        if (bv.n > INT_MAX) {
            bytes_view_release(&bv);
            err_set(ts, &tr_exc_OverflowError, "BLOB longer than INT_MAX bytes");
            return -1;
        }
        rc = sqlite3_bind_blob(st, i, bv.n ? bv.p : "", (int)bv.n, SQLITE_TRANSIENT);
        bytes_view_release(&bv);
    }
    if (rc == SQLITE_NOMEM) { err_nomemory(ts); return -1; }
    return rc == SQLITE_OK ? 0 : 1;
}

/* Values of these exact types are bound as they are, without adaptation. */
static int is_basic(TrObject *v) {
    TrType *t = tr_type(v);
    return v == tr_none || tr_is_imm(v) || t == &tr_int_type || t == &tr_float_type || t == &tr_str_type ||
           t == &tr_bytes_type;
}

/* Raises "Cannot operate on a closed database." when Python code just run
 * under the lock closed `d`.  0, or -1. */
static int still_open(TrThread *ts, Db *d) {
    if (d->db) return 0;
    sq_raise(ts, E_PROGRAMMING, "Cannot operate on a closed database.");
    return -1;
}

/* Binds parameter `i` (1-based) of `s` to `v` (borrowed), adapted by `adapt`
 * (None: not at all) first.  0 or -1. */
static int bind_param(TrThread *ts, Stmt *s, int i, TrObject *v, TrObject *adapt) {
    TrObject *a = NULL;
    sqlite3_stmt *st = s->st;
    if (adapt != tr_none && !is_basic(v)) {
        if (!(a = tr_call(ts, adapt, &v, 1, NULL))) return -1;
        v = a;
    }
    if (still_open(ts, s->conn) < 0) { tr_xdecref(a); return -1; }   /* the adapter or __getitem__ closed it */
    int rc = bind_one(ts, st, i, v);
    if (rc > 0) {
        char buf[200];
        snprintf(buf, sizeof buf, "Error binding parameter %d: type '%s' is not supported", i, tr_type_name(v));
        sq_raise(ts, E_PROGRAMMING, buf);
        rc = -1;
    }
    tr_xdecref(a);
    return rc;
}

/* Whether `o` is bound as a sequence: a tuple, a list, or anything with
 * __getitem__ that is not a dict. */
static int is_sequence(TrObject *o) {
    if (tuple_check(o) || list_check(o)) return 1;
    return !dict_check(o) && tr_type(o)->getitem != NULL;
}

#define STMT ((Stmt *)self)

/* Binds a sequence (qmark) or dict (named) of parameters to `s`, each
 * adapted by `adapt` (None: no adaptation) first; `s->conn` locked and open.
 * 0, or -1 with CPython's ProgrammingError (or what adapting raised). */
static int bind_all(TrThread *ts, Stmt *s, TrObject *params, TrObject *adapt) {
    sqlite3_stmt *st = s->st;
    int n = st ? sqlite3_bind_parameter_count(st) : 0;
    int r = -1;
    char buf[300];
    if (st) sqlite3_clear_bindings(st);
    if (is_sequence(params)) {
        ssize_t have = tr_len(ts, params);
        if (have < 0) goto out;
        if (have != n) {
            snprintf(buf, sizeof buf,
                     "Incorrect number of bindings supplied. The current statement uses %d, and there are %zd supplied.",
                     n, have);
            sq_raise(ts, E_PROGRAMMING, buf);
            goto out;
        }
        for (int i = 1; i <= n; i++) {
            TrObject *v;
            if (tuple_check(params)) v = tr_newref(tuple_get(params, (size_t)i - 1));
            else v = tr_getitem(ts, params, tr_imm_from(i - 1));
            if (!v) goto out;
            int rc = bind_param(ts, s, i, v, adapt);
            tr_decref(v);
            if (rc < 0) goto out;
        }
    } else if (dict_check(params)) {
        for (int i = 1; i <= n; i++) {
            const char *name = sqlite3_bind_parameter_name(st, i);
            if (!name) {
                snprintf(buf, sizeof buf,
                         "Binding %d has no name, but you supplied a dictionary (which has only names).", i);
                sq_raise(ts, E_PROGRAMMING, buf);
                goto out;
            }
            TrObject *key = str_from_cstr(ts, name + 1);
            if (!key) goto out;
            TrObject *v = tr_type(params) == &tr_dict_type ? dict_get(ts, params, key) : tr_getitem(ts, params, key);
            tr_decref(key);
            if (!v) {
                if (err_occurred(ts)) {
                    if (!err_matches(ts, &tr_exc_KeyError)) goto out;
                    err_clear(ts);
                }
                snprintf(buf, sizeof buf, "You did not supply a value for binding parameter :%.200s.", name + 1);
                sq_raise(ts, E_PROGRAMMING, buf);
                goto out;
            }
            int rc = bind_param(ts, s, i, v, adapt);
            tr_decref(v);
            if (rc < 0) goto out;
        }
    } else {
        sq_raise(ts, E_PROGRAMMING, "parameters are of unsupported type");
        goto out;
    }
    r = 0;
out:
    return r;
}

/* Stmt.bind(params, adapt): binds, as bind_all. */
FUNC(stmt_bind) {
    if (tr_check_args(ts, "bind", nargs, kwnames, 2, 2) < 0) return NULL;
    Stmt *s = STMT;
    Db *d = s->conn;
    if (db_enter(ts, d) < 0) return NULL;
    int rc = bind_all(ts, s, args[0], args[1]);
    db_unlock(d);
    return rc < 0 ? NULL : tr_newref(tr_none);
}

/* Steps `s` (`s->conn` locked and open) detached.  1 for a row, 0 when done,
 * -1 with the error raised (the statement reset). */
static int step(TrThread *ts, Stmt *s) {
    Db *d = s->conn;
    if (!s->st) return 0;
    int rc;
    DETACHED(ts, d, rc = sqlite3_step(s->st));
    if (d->pending) {
        TrObject *exc = d->pending;
        d->pending = NULL;
        if (d->db) sqlite3_reset(s->st);
        err_restore(ts, exc);
        return -1;
    }
    if (rc == SQLITE_ROW) return 1;
    if (rc == SQLITE_DONE) return 0;
    if (err_occurred(ts)) err_clear(ts);   /* a callback's, already reported */
    raise_rc(ts, d->db, rc);
    if (d->db) sqlite3_reset(s->st);
    return -1;
}

/* Stmt.run(params, adapt): reset, bind and step in one call; True when a
 * row is ready, False when done. */
FUNC(stmt_run) {
    if (tr_check_args(ts, "run", nargs, kwnames, 2, 2) < 0) return NULL;
    Stmt *s = STMT;
    Db *d = s->conn;
    if (db_enter(ts, d) < 0) return NULL;
    if (s->st) sqlite3_reset(s->st);
    int rc = bind_all(ts, s, args[0], args[1]);
    if (rc == 0) rc = step(ts, s);
    db_unlock(d);
    return rc < 0 ? NULL : tr_bool(rc);
}

/* Stmt.step(): True when a row is ready, False when done.  On an error the
 * statement is reset and the error raised. */
FUNC(stmt_step) {
    Stmt *s = STMT;
    Db *d = s->conn;
    if (db_enter(ts, d) < 0) return NULL;
    int rc = step(ts, s);
    db_unlock(d);
    return rc < 0 ? NULL : tr_bool(rc);
}

/* Stmt.row(text_factory, converters): the current row as a tuple.  TEXT
 * becomes a str when `text_factory` is str, bytes when it is bytes, else
 * text_factory(bytes).  `converters` is None or a tuple with an entry per
 * column: where it is not None and the value not NULL, the value's bytes
 * are passed to it instead.  Python code runs with the Db locked (the lock
 * is re-entrant for this thread). */
FUNC(stmt_row) {
    if (tr_check_args(ts, "row", nargs, kwnames, 2, 2) < 0) return NULL;
    TrObject *tf = args[0], *conv = args[1];
    if (conv != tr_none && !tuple_check(conv)) return err_format(ts, &tr_exc_TypeError, "converters must be a tuple");
    Stmt *s = STMT;
    Db *d = s->conn;
    if (db_enter(ts, d) < 0) return NULL;
    sqlite3_stmt *st = s->st;
    int n = st ? sqlite3_data_count(st) : 0;
    TrObject *t = tuple_new(ts, (size_t)n);
    if (!t) goto fail;
    for (size_t i = 0; i < (size_t)n; i++) tuple_set_take(t, i, NULL);
    for (int i = 0; i < n; i++) {
        TrObject *v, *c = conv != tr_none && (size_t)i < tuple_size(conv) ? tuple_get(conv, (size_t)i) : tr_none;
        int type = sqlite3_column_type(st, i);
        if (c != tr_none && type != SQLITE_NULL) {
            const void *p = sqlite3_column_blob(st, i);
            TrObject *b = bytes_from(ts, p ? p : "", (size_t)sqlite3_column_bytes(st, i));
            v = b ? tr_call(ts, c, &b, 1, NULL) : NULL;
            tr_xdecref(b);
            if (!v) goto fail;
            tuple_set_take(t, (size_t)i, v);
            if (still_open(ts, d) < 0) goto fail;   /* the converter closed it */
            continue;
        }
        switch (type) {
        case SQLITE_INTEGER: v = int_from_i64(ts, sqlite3_column_int64(st, i)); break;
        case SQLITE_FLOAT: v = float_new(ts, sqlite3_column_double(st, i)); break;
        case SQLITE_TEXT: {
            const char *p = (const char *)sqlite3_column_text(st, i);
            size_t len = (size_t)sqlite3_column_bytes(st, i);
            if (tf == (TrObject *)&tr_str_type) {
                v = text_to_str(ts, p, len, sqlite3_column_name(st, i));
            } else {
                v = bytes_from(ts, p ? p : "", len);
                if (v && tf != (TrObject *)&tr_bytes_type) {
                    TrObject *b = v;
                    v = tr_call(ts, tf, &b, 1, NULL);
                    tr_decref(b);
                    if (v && still_open(ts, d) < 0) { tr_decref(v); v = NULL; }
                }
            }
            break;
        }
        case SQLITE_BLOB: {
            const void *p = sqlite3_column_blob(st, i);
            v = bytes_from(ts, p ? p : "", (size_t)sqlite3_column_bytes(st, i));
            break;
        }
        default: v = tr_newref(tr_none); break;
        }
        if (!v) goto fail;
        tuple_set_take(t, (size_t)i, v);
    }
    db_unlock(d);
    return t;
fail:
    if (t)
        for (size_t i = 0; i < (size_t)n; i++)
            if (!tuple_get(t, i)) tuple_set_take(t, i, tr_newref(tr_none));
    tr_xdecref(t);
    db_unlock(d);
    return NULL;
}

/* Stmt.columns(): the column names, or None when the statement yields no
 * columns.  Stmt.decltypes(): the declared types (None where there is none). */
static TrObject *stmt_names(TrThread *ts, TrObject *self, int decl) {
    Stmt *s = STMT;
    Db *d = s->conn;
    if (db_enter(ts, d) < 0) return NULL;
    int n = s->st ? sqlite3_column_count(s->st) : 0;
    TrObject *t = NULL;
    if (n == 0) { db_unlock(d); return tr_newref(tr_none); }
    if (!(t = tuple_new(ts, (size_t)n))) goto fail;
    for (int i = 0; i < n; i++) {
        const char *name = decl ? sqlite3_column_decltype(s->st, i) : sqlite3_column_name(s->st, i);
        TrObject *v = name ? str_from_cstr(ts, name) : tr_newref(tr_none);
        if (!v) goto fail;
        tuple_set_take(t, (size_t)i, v);
    }
    db_unlock(d);
    return t;
fail:
    tr_xdecref(t);
    db_unlock(d);
    return NULL;
}

FUNC(stmt_columns) { return stmt_names(ts, self, 0); }
FUNC(stmt_decltypes) { return stmt_names(ts, self, 1); }

/* Stmt.reset(): back to the start, bindings kept.  Never raises for a
 * closed database (a cursor resets on its way out). */
FUNC(stmt_reset) {
    Stmt *s = STMT;
    Db *d = s->conn;
    db_lock(ts, d);
    if (d->db && s->st) sqlite3_reset(s->st);
    db_unlock(d);
    return tr_newref(tr_none);
}

FUNC(stmt_finalize) {
    Stmt *s = STMT;
    Db *d = s->conn;
    db_lock(ts, d);
    sqlite3_stmt *st = s->st;
    s->st = NULL;
    if (st) sqlite3_finalize(st);
    db_unlock(d);
    return tr_newref(tr_none);
}

FUNC(stmt_is_dml) { return tr_bool(STMT->is_dml); }

/* Stmt.named(): ((index, name), ...) of the parameters with a name, for the
 * warning on binding them from a sequence; () without touching the lock
 * when there are none. */
FUNC(stmt_named) {
    Stmt *s = STMT;
    if (!s->has_named) return tuple_new(ts, 0);
    Db *d = s->conn;
    if (db_enter(ts, d) < 0) return NULL;
    TrObject *l = list_new(ts, 0);
    int n = s->st ? sqlite3_bind_parameter_count(s->st) : 0;
    for (int i = 1; l && i <= n; i++) {
        const char *name = sqlite3_bind_parameter_name(s->st, i);
        if (!name || name[0] == '?') continue;
        TrObject *nm = str_from_cstr(ts, name);
        TrObject *pair = nm ? tuple_pair_take(ts, tr_imm_from(i), nm) : NULL;
        if (!pair || list_append_take(ts, l, pair) < 0) TR_CLEAR(l);
    }
    db_unlock(d);
    if (!l) return NULL;
    TrObject *t = tuple_from_iterable(ts, l);
    tr_decref(l);
    return t;
}

FUNC(stmt_readonly) {
    Stmt *s = STMT;
    Db *d = s->conn;
    if (db_enter(ts, d) < 0) return NULL;
    int ro = s->st ? sqlite3_stmt_readonly(s->st) : 1;
    db_unlock(d);
    return tr_bool(ro);
}

static void stmt_dealloc(TrThread *ts, TrObject *o) {
    Stmt *s = (Stmt *)o;
    if (s->conn) {
        if (s->st) {
            db_lock(ts, s->conn);
            sqlite3_finalize(s->st);
            db_unlock(s->conn);
        }
        tr_decref((TrObject *)s->conn);
    }
    tr_free(o);
}

/* ---- functions and aggregates --------------------------------------------------
 * sqlite calls these from inside a call this module made with the Db locked,
 * on the locking thread, detached if the call was (`detached`): they
 * re-attach for the Python code.  An exception is reported (if
 * enable_callback_tracebacks) and turned into sqlite's error for the call. */

typedef struct Func {
    TrObject *callable;  /* owned: the function or the aggregate class */
    Db *conn;            /* borrowed: the handle outlives the function */
} Func;

static void func_destroy(void *p) {
    Func *f = p;
    /* sqlite runs this from close or from re-registration, both attached */
    tr_decref(f->callable);
    free(f);
}

static int cb_enter(TrThread *ts, Db *d) {
    if (!d->detached) return 0;
    d->detached = 0;
    gil_reacquire_after_blocking(ts);
    return 1;
}

static void cb_leave(TrThread *ts, Db *d, int was) {
    if (!was) return;
    gil_release_for_blocking(ts);
    d->detached = 1;
}

/* Reports the pending exception if asked to, then sets the call's error:
 * MemoryError and OverflowError map to sqlite's own, others to `msg`. */
static void cb_error(TrThread *ts, sqlite3_context *ctx, const char *msg, TrObject *where) {
    if (err_matches(ts, &tr_exc_MemoryError)) sqlite3_result_error_nomem(ctx);
    else if (err_matches(ts, &tr_exc_OverflowError)) sqlite3_result_error_toobig(ctx);
    else sqlite3_result_error(ctx, msg, -1);
    if (atomic_load_u32_relaxed(&callback_tracebacks) && err_occurred(ts)) err_write_unraisable(ts, NULL, where);
    else err_clear(ts);
}

/* The arguments as a new array of new references, or NULL. */
static TrObject **cb_args(TrThread *ts, int argc, sqlite3_value **argv) {
    TrObject **a = calloc((size_t)(argc > 0 ? argc : 1), sizeof *a);
    if (!a) { err_nomemory(ts); return NULL; }
    for (int i = 0; i < argc; i++)
        if (!(a[i] = from_value(ts, argv[i]))) {
            for (int j = 0; j < i; j++) tr_decref(a[j]);
            free(a);
            return NULL;
        }
    return a;
}

static void cb_free_args(TrObject **a, int argc) {
    for (int i = 0; i < argc; i++) tr_decref(a[i]);
    free(a);
}

/* Sets `r` as the call's result.  0, or -1 (exception set, or none for an
 * unsupported type). */
static int set_result(TrThread *ts, sqlite3_context *ctx, TrObject *r) {
    if (r == tr_none) {
        sqlite3_result_null(ctx);
    } else if (int_check(r)) {
        int overflow = 0;
        int64_t x = int_as_i64_overflow(r, &overflow);
        if (overflow) {
            err_set(ts, &tr_exc_OverflowError, "Python int too large to convert to SQLite INTEGER");
            return -1;
        }
        sqlite3_result_int64(ctx, x);
    } else if (float_check(r)) {
        sqlite3_result_double(ctx, float_value(r));
    } else if (str_check(r)) {
        sqlite3_result_text64(ctx, str_utf8(r), str_nbytes(r), SQLITE_TRANSIENT, SQLITE_UTF8);
    } else {
        TrBytesView bv;
        int b = is_buffer(ts, r, &bv);
        if (b <= 0) return -1;
        sqlite3_result_blob64(ctx, bv.n ? bv.p : "", bv.n, SQLITE_TRANSIENT);
        bytes_view_release(&bv);
    }
    return 0;
}

static void func_call(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    Func *f = sqlite3_user_data(ctx);
    TrThread *ts = tr_thread_current();
    int was = cb_enter(ts, f->conn);
    TrObject **a = cb_args(ts, argc, argv);
    TrObject *r = a ? tr_call(ts, f->callable, a, (size_t)argc, NULL) : NULL;
    if (a) cb_free_args(a, argc);
    if (!r || set_result(ts, ctx, r) < 0) cb_error(ts, ctx, "user-defined function raised exception", f->callable);
    tr_xdecref(r);
    cb_leave(ts, f->conn, was);
}

static void agg_step(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    Func *f = sqlite3_user_data(ctx);
    TrThread *ts = tr_thread_current();
    int was = cb_enter(ts, f->conn);
    TrObject **inst = sqlite3_aggregate_context(ctx, sizeof *inst);
    TrObject *step = NULL, **a = NULL, *r = NULL;
    if (!inst) { sqlite3_result_error_nomem(ctx); goto out; }
    if (!*inst) {
        *inst = tr_call(ts, f->callable, NULL, 0, NULL);
        if (!*inst) {
            cb_error(ts, ctx, "user-defined aggregate's '__init__' method raised error", f->callable);
            goto out;
        }
    }
    if (!(step = tr_getattr_cstr(ts, *inst, "step"))) {
        cb_error(ts, ctx, "user-defined aggregate's 'step' method not defined", f->callable);
        goto out;
    }
    a = cb_args(ts, argc, argv);
    r = a ? tr_call(ts, step, a, (size_t)argc, NULL) : NULL;
    if (a) cb_free_args(a, argc);
    if (!r) cb_error(ts, ctx, "user-defined aggregate's 'step' method raised error", step);
out:
    tr_xdecref(r);
    tr_xdecref(step);
    cb_leave(ts, f->conn, was);
}

static void agg_final(sqlite3_context *ctx) {
    Func *f = sqlite3_user_data(ctx);
    TrThread *ts = tr_thread_current();
    int was = cb_enter(ts, f->conn);
    TrObject **inst = sqlite3_aggregate_context(ctx, 0);
    /* no rows (step never ran) or a failed __init__: the result is NULL */
    if (inst && *inst) {
        TrObject *saved = err_fetch(ts);   /* none expected; keep any across the call */
        TrObject *r = tr_getattr_cstr(ts, *inst, "finalize");
        TrObject *res = r ? tr_call(ts, r, NULL, 0, NULL) : NULL;
        if (!res || set_result(ts, ctx, res) < 0)
            cb_error(ts, ctx, "user-defined aggregate's 'finalize' method raised error", r ? r : f->callable);
        tr_xdecref(res);
        tr_xdecref(r);
        tr_decref(*inst);
        *inst = NULL;
        if (saved) err_restore(ts, saved);
    }
    cb_leave(ts, f->conn, was);
}

/* Registers `callable` under `name` with `narg` arguments as a function
 * (`agg` 0) or an aggregate class (`agg` 1). */
static TrObject *db_register(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                             TrObject *kwnames, const char *fname, int agg) {
    if (tr_check_args(ts, fname, nargs, kwnames, 4, 4) < 0) return NULL;
    if (!str_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "%s() argument 'name' must be str, not %T", fname, args[0]);
    int narg;
    if (posargs_int(ts, args[1], &narg) < 0) return NULL;
    int det = tr_is_true(ts, args[3]);
    if (det < 0) return NULL;
    Db *d = DB;
    if (db_enter(ts, d) < 0) return NULL;
    Func *f = NULL;
    int rc;
    int flags = SQLITE_UTF8 | (det ? SQLITE_DETERMINISTIC : 0);
    if (!(f = malloc(sizeof *f))) { db_unlock(d); return err_nomemory(ts); }
    f->callable = tr_newref(args[2]);   /* None too: calling it fails, as in CPython */
    f->conn = d;
    if (agg)
        rc = sqlite3_create_function_v2(d->db, str_utf8(args[0]), narg, flags, f, NULL, agg_step, agg_final,
                                        func_destroy);
    else
        rc = sqlite3_create_function_v2(d->db, str_utf8(args[0]), narg, flags, f, func_call, NULL, NULL,
                                        func_destroy);
    /* on failure sqlite has already run func_destroy on `f` */
    TrObject *r = NULL;
    if (rc != SQLITE_OK) sq_raise(ts, E_OPERATIONAL, "Error creating function");
    else r = tr_newref(tr_none);
    db_unlock(d);
    return r;
}

/* The collation's comparison: callable(a, b), an int whose sign orders them.
 * On an exception (reported if asked to) the two compare equal. */
static int collation_compare(void *p, int n1, const void *s1, int n2, const void *s2) {
    Func *f = p;
    TrThread *ts = tr_thread_current();
    int was = cb_enter(ts, f->conn);
    int result = 0;
    TrObject *a[2] = {codec_decode(ts, s1, (size_t)n1, "utf-8", "strict"), NULL};
    if (a[0]) a[1] = codec_decode(ts, s2, (size_t)n2, "utf-8", "strict");
    TrObject *r = a[1] ? tr_call(ts, f->callable, a, 2, NULL) : NULL;
    if (r && !int_check(r)) {
        err_format(ts, &tr_exc_TypeError, "'%T' object cannot be interpreted as an integer", r);
        TR_CLEAR(r);
    }
    if (r) {
        result = int_sign(r);
    } else {
        /* as in CPython, the first exception is raised by the call that ran
         * the statement, whatever sqlite made of the comparisons */
        TrObject *exc = err_fetch(ts);
        if (!f->conn->pending) f->conn->pending = exc;
        else tr_xdecref(exc);
    }
    tr_xdecref(r);
    tr_xdecref(a[0]);
    tr_xdecref(a[1]);
    cb_leave(ts, f->conn, was);
    return result;
}

/* Db.create_collation(name, callable): None removes the collation. */
FUNC(db_create_collation) {
    if (tr_check_args(ts, "create_collation", nargs, kwnames, 2, 2) < 0) return NULL;
    if (!str_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "create_collation() argument 1 must be str, not %T", args[0]);
    Db *d = DB;
    if (db_enter(ts, d) < 0) return NULL;
    int rc;
    if (args[1] == tr_none) {
        rc = sqlite3_create_collation_v2(d->db, str_utf8(args[0]), SQLITE_UTF8, NULL, NULL, NULL);
    } else {
        Func *f = malloc(sizeof *f);
        if (!f) { db_unlock(d); return err_nomemory(ts); }
        f->callable = tr_newref(args[1]);
        f->conn = d;
        rc = sqlite3_create_collation_v2(d->db, str_utf8(args[0]), SQLITE_UTF8, f, collation_compare, func_destroy);
        if (rc != SQLITE_OK) func_destroy(f);   /* create_collation_v2 does not run it on failure */
    }
    TrObject *r = rc == SQLITE_OK ? tr_newref(tr_none) : raise_rc(ts, d->db, rc);
    db_unlock(d);
    return r;
}

FUNC(db_create_function) { return db_register(ts, self, args, nargs, kwnames, "create_function", 0); }
FUNC(db_create_aggregate) { return db_register(ts, self, args, nargs, kwnames, "create_aggregate", 1); }

/* ---- module functions ------------------------------------------------------------- */

/* _init(classes): `classes` maps the names in `exc_names` to the sqlite3
 * exception classes.  Later calls change nothing. */
FUNC(sq_init) {
    if (tr_check_args(ts, "_init", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!dict_check(args[0])) return err_format(ts, &tr_exc_TypeError, "_init() argument must be dict");
    if (exc_class(0)) return tr_newref(tr_none);
    TrObject *got[E_N];
    for (int i = 0; i < E_N; i++) {
        got[i] = dict_get_cstr(ts, args[0], exc_names[i]);
        if (!got[i]) {
            for (int j = 0; j < i; j++) tr_decref(got[j]);
            return err_occurred(ts) ? NULL : err_format(ts, &tr_exc_KeyError, "%s", exc_names[i]);
        }
    }
    for (int i = 0; i < E_N; i++) {
        tr_make_immortal(got[i]);   /* live as long as the module; read without counting */
        /* release: pairs with the acquire in exc_class; the first slot last,
         * since exc_class(0) says whether the table is complete */
        if (i) atomic_store_ptr_release(&exc_classes[i], got[i]);
    }
    atomic_store_ptr_release(&exc_classes[0], got[0]);
    for (int i = 0; i < E_N; i++) tr_decref(got[i]);
    return tr_newref(tr_none);
}

/* complete_statement(statement) */
FUNC(sq_complete_statement) {
    static const char *const names[] = {"statement"};
    TrObject *a[1];
    if (posargs_parse(ts, "complete_statement", args, nargs, kwnames, names, 0, 1, 1, 0, a) < 0) return NULL;
    if (!str_check(a[0]))
        return err_format(ts, &tr_exc_TypeError, "complete_statement() argument 'statement' must be str, not %T", a[0]);
    return tr_bool(sqlite3_complete(str_utf8(a[0])));
}

/* enable_callback_tracebacks(enable, /) */
FUNC(sq_enable_callback_tracebacks) {
    if (tr_check_args(ts, "enable_callback_tracebacks", nargs, kwnames, 1, 1) < 0) return NULL;
    int64_t v;
    if (posargs_int64(ts, args[0], &v, "int") < 0) return NULL;
    atomic_store_u32_relaxed(&callback_tracebacks, v != 0);
    return tr_newref(tr_none);
}

static const TrMethodDef db_methods[] = {
    {"close", db_close}, {"is_closed", db_is_closed}, {"prepare", db_prepare}, {"release", db_release}, {"execscript", db_execscript},
    {"changes", db_changes}, {"total_changes", db_total_changes}, {"last_insert_rowid", db_last_insert_rowid},
    {"in_transaction", db_in_transaction}, {"create_function", db_create_function},
    {"create_aggregate", db_create_aggregate}, {"create_collation", db_create_collation},
    {"interrupt", db_interrupt},
    {NULL, NULL},
};

static const TrMethodDef stmt_methods[] = {
    {"bind", stmt_bind}, {"run", stmt_run}, {"step", stmt_step}, {"row", stmt_row}, {"columns", stmt_columns},
    {"decltypes", stmt_decltypes}, {"reset", stmt_reset}, {"finalize", stmt_finalize}, {"is_dml", stmt_is_dml}, {"named", stmt_named},
    {"readonly", stmt_readonly},
    {NULL, NULL},
};

static TrType db_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "_sqlite3.Db",
    .basicsize = sizeof(Db),
    .dealloc = db_dealloc,
    .repr = plain_repr,
    .new_ = no_new,
    .methods = db_methods,
};

static TrType stmt_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "_sqlite3.Stmt",
    .basicsize = sizeof(Stmt),
    .dealloc = stmt_dealloc,
    .repr = plain_repr,
    .new_ = no_new,
    .methods = stmt_methods,
};

static const TrMethodDef sq_functions[] = {
    {"open", sq_open}, {"_init", sq_init}, {"complete_statement", sq_complete_statement},
    {"enable_callback_tracebacks", sq_enable_callback_tracebacks},
    {NULL, NULL},
};

TrObject *_sqlite3_module_init(TrThread *ts) {
    if (type_ready(ts, &db_type) < 0 || type_ready(ts, &stmt_type) < 0) return NULL;
    TrObject *m = module_new(ts, "_sqlite3");
    if (!m) return NULL;
    TrObject *d = module_dict(m), *s;
    if (module_add_functions(ts, m, sq_functions) < 0) goto fail;
    if (!(s = str_from_cstr(ts, sqlite3_libversion()))) goto fail;
    int rc = dict_set_cstr(ts, d, "sqlite_version", s);
    tr_decref(s);
    if (rc < 0) goto fail;
    static const struct { const char *name; int v; } consts[] = {
        {"SQLITE_OK", SQLITE_OK}, {"SQLITE_DENY", SQLITE_DENY}, {"SQLITE_IGNORE", SQLITE_IGNORE},
        {"SQLITE_LIMIT_LENGTH", SQLITE_LIMIT_LENGTH}, {"SQLITE_LIMIT_SQL_LENGTH", SQLITE_LIMIT_SQL_LENGTH},
        {"SQLITE_LIMIT_COLUMN", SQLITE_LIMIT_COLUMN}, {"SQLITE_LIMIT_VARIABLE_NUMBER", SQLITE_LIMIT_VARIABLE_NUMBER},
    };
    for (size_t i = 0; i < sizeof consts / sizeof consts[0]; i++)
        if (dict_set_cstr(ts, d, consts[i].name, tr_imm_from(consts[i].v)) < 0) goto fail;
    for (size_t i = 0; i < sizeof code_names / sizeof code_names[0]; i++)
        if (dict_set_cstr(ts, d, code_names[i].name, tr_imm_from(code_names[i].code)) < 0) goto fail;
    return m;
fail:
    tr_decref(m);
    return NULL;
}
