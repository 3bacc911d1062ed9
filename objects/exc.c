/* objects/exc.c: the builtin exception classes (TR_EXC_LIST), exception
 * instances (TrExc), and the pending-exception API of error.h.
 *
 * Every class is a static type readied by exc_types_init in list order, so
 * a class inherits its base's slots; BaseException holds the shared ones and
 * a few classes override `str` (KeyError, OSError, SyntaxError).  Extra
 * attributes some classes carry (StopIteration.value, SystemExit.code,
 * OSError.errno, SyntaxError.lineno, NameError.name, ...) live in the
 * instance `dict`, filled at construction as CPython's __init__ would.
 *
 * Threads: an exception normally lives in one thread; when it is shared
 * (stored in a global and raised again elsewhere), `tb` is appended under the
 * exception's lock.  `cause` and `context` are written by the raising thread
 * only, as in CPython.  The preallocated MemoryError is immortal and never
 * gets traceback entries or a context, so no thread ever writes it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "torii/torii.h"
#include "torii/tbobj.h"
#include "torii/bytes.h"
#include "torii/excgroup.h"
#include "objects/unicode_util.h"

/* BaseException's base: TR_EXC_LIST writes it NULL. */
#define tr_exc_NULL tr_object_type

static TrObject *memory_error;   /* immortal, preallocated by exc_types_init */

/* ---- attributes kept in the instance dict ---------------------------------- */

static TrObject *exc_dict(TrThread *ts, TrExc *e) {
    if (!e->dict) e->dict = dict_new(ts);
    return e->dict;
}

static int set_attr(TrThread *ts, TrExc *e, const char *name, TrObject *v) {
    TrObject *d = exc_dict(ts, e);
    return d ? dict_set_cstr(ts, d, name, v) : -1;
}

static TrObject *get_attr(TrThread *ts, TrExc *e, const char *name) {
    if (!e->dict) return NULL;
    TrObject *v = dict_get_cstr(ts, e->dict, name);
    if (!v && err_occurred(ts)) err_clear(ts);
    return v;
}

static int is_sub(TrExc *e, TrType *t) { return tr_type_is_subtype(tr_type((TrObject *)e), t); }

/* Fills the class-specific attributes from `e->args`, as CPython's
 * __init__ of each class does.  -1 on error. */
static int init_attrs(TrThread *ts, TrExc *e) {
    size_t n = tuple_size(e->args);
    TrObject *const *a = ((TrTuple *)e->args)->items;
    if (is_sub(e, &tr_exc_StopIteration))
        return set_attr(ts, e, "value", n ? a[0] : tr_none);
    if (is_sub(e, &tr_exc_SystemExit))
        return set_attr(ts, e, "code", n == 0 ? tr_none : n == 1 ? a[0] : e->args);
    if (is_sub(e, &tr_exc_OSError)) {
        int r = 0;
        if (n >= 2 && n <= 5) {
            r |= set_attr(ts, e, "errno", a[0]);
            r |= set_attr(ts, e, "strerror", a[1]);
            r |= set_attr(ts, e, "filename", n >= 3 ? a[2] : tr_none);
            r |= set_attr(ts, e, "filename2", n == 5 ? a[4] : tr_none);   /* before args is replaced */
            if (n >= 3) {
                /* CPython keeps only (errno, strerror) in args then */
                TrObject *t = tuple_from_array(ts, a, 2);
                if (!t) return -1;
                TR_CLEAR(e->args);
                e->args = t;
            }
        } else {
            r |= set_attr(ts, e, "errno", tr_none);
            r |= set_attr(ts, e, "strerror", tr_none);
            r |= set_attr(ts, e, "filename", tr_none);
            r |= set_attr(ts, e, "filename2", tr_none);
        }
        return r ? -1 : 0;
    }
    if (is_sub(e, &tr_exc_SyntaxError)) {
        static const char *const names[] = {"filename", "lineno", "offset", "text", "end_lineno", "end_offset"};
        int r = set_attr(ts, e, "msg", n >= 1 ? a[0] : tr_none);
        r |= set_attr(ts, e, "print_file_and_line", tr_none);
        TrObject *info = n == 2 && tuple_check(a[1]) ? a[1] : NULL;
        if (info && (tuple_size(info) < 4 || tuple_size(info) > 6)) info = NULL;
        for (size_t i = 0; i < 6; i++)
            r |= set_attr(ts, e, names[i], info && i < tuple_size(info) ? tuple_get(info, i) : tr_none);
        return r ? -1 : 0;
    }
    if ((is_sub(e, &tr_exc_UnicodeDecodeError) || is_sub(e, &tr_exc_UnicodeEncodeError)) && n == 5) {
        static const char *const names[] = {"encoding", "object", "start", "end", "reason"};
        int r = 0;
        for (size_t i = 0; i < 5; i++) r |= set_attr(ts, e, names[i], a[i]);
        return r ? -1 : 0;
    }
    if (is_sub(e, &tr_exc_NameError)) return set_attr(ts, e, "name", tr_none);
    if (is_sub(e, &tr_exc_AttributeError)) {
        int r = set_attr(ts, e, "name", tr_none);
        return r | set_attr(ts, e, "obj", tr_none);
    }
    if (is_sub(e, &tr_exc_ImportError)) {
        int r = set_attr(ts, e, "msg", n == 1 ? a[0] : tr_none);
        TrObject *old = get_attr(ts, e, "name");
        if (!old) r |= set_attr(ts, e, "name", tr_none);
        tr_xdecref(old);
        old = get_attr(ts, e, "path");
        if (!old) r |= set_attr(ts, e, "path", tr_none);
        tr_xdecref(old);
        return r ? -1 : 0;
    }
    return 0;
}

/* The OSError subclass CPython picks for errno `no` (OSError itself if none). */
static TrType *oserror_subclass(int64_t no) {
    switch (no) {
    case ENOENT: return &tr_exc_FileNotFoundError;
    case EEXIST: return &tr_exc_FileExistsError;
    case EACCES: case EPERM: return &tr_exc_PermissionError;
    case EISDIR: return &tr_exc_IsADirectoryError;
    case ENOTDIR: return &tr_exc_NotADirectoryError;
    case ETIMEDOUT: return &tr_exc_TimeoutError;
    case EAGAIN: case EALREADY: case EINPROGRESS: return &tr_exc_BlockingIOError;
    case ECHILD: return &tr_exc_ChildProcessError;
    case EINTR: return &tr_exc_InterruptedError;
    case ESRCH: return &tr_exc_ProcessLookupError;
    case EPIPE: case ESHUTDOWN: return &tr_exc_BrokenPipeError;
    case ECONNABORTED: return &tr_exc_ConnectionAbortedError;
    case ECONNREFUSED: return &tr_exc_ConnectionRefusedError;
    case ECONNRESET: return &tr_exc_ConnectionResetError;
    default: return &tr_exc_OSError;
    }
}

/* ---- construction ----------------------------------------------------------- */

TrObject *exc_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs) {
    /* OSError(errno, ...) picks the subclass for the errno, as CPython does */
    if (type == &tr_exc_OSError && nargs >= 2 && tr_is_imm(args[0]))
        type = oserror_subclass(tr_imm_value(args[0]));
    TrExc *e = (TrExc *)tr_alloc(ts, type);
    if (!e) return NULL;
    e->args = tuple_from_array(ts, args, nargs);
    if (!e->args || init_attrs(ts, e) < 0) {
        tr_decref((TrObject *)e);
        return NULL;
    }
    return (TrObject *)e;
}

static TrObject *exc_type_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs,
                              TrObject *kwnames) {
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    int import = tr_type_is_subtype(type, &tr_exc_ImportError);
    if (nkw && !import && !(type->flags & TR_TPFLAG_HEAPTYPE))
        return err_format(ts, &tr_exc_TypeError, "%s() takes no keyword arguments", type->name);
    TrObject *e = exc_new(ts, type, args, nargs);
    if (!e || !import) return e;
    for (size_t i = 0; i < nkw; i++) {
        TrObject *k = tuple_get(kwnames, i);
        if (!str_equal_cstr(k, "name") && !str_equal_cstr(k, "path") && !str_equal_cstr(k, "name_from")) {
            tr_decref(e);
            return err_format(ts, &tr_exc_TypeError, "'%S' is an invalid keyword argument for %s()",
                              k, type->name);
        }
        if (dict_set(ts, exc_dict(ts, (TrExc *)e), k, args[nargs + i]) < 0) {
            tr_decref(e);
            return NULL;
        }
    }
    return e;
}

static void exc_dealloc(TrThread *ts, TrObject *o) {
    TrExc *e = (TrExc *)o;
    TR_CLEAR(e->args);
    TR_CLEAR(e->cause);
    TR_CLEAR(e->context);
    TR_CLEAR(e->dict);
    for (size_t i = 0; i < e->tb_len; i++) tr_decref(e->tb[i].code);
    free(e->tb);
    tr_free(o);
}

int exc_add_traceback(TrThread *ts, TrObject *exc, TrObject *code, int instr) {
    if (tr_is_immortal(exc)) return 0;       /* the shared MemoryError */
    TrExc *e = (TrExc *)exc;
    int r = 0;
    TR_BEGIN_CRITICAL(ts, exc);
    if (e->tb_len == e->tb_cap) {
        size_t cap = e->tb_cap ? e->tb_cap * 2 : 8;
        TrTraceEntry *nt = realloc(e->tb, cap * sizeof *nt);
        if (!nt) r = -1;
        else { e->tb = nt; e->tb_cap = cap; }
    }
    if (r == 0) {
        e->tb[e->tb_len].code = tr_newref(code);
        e->tb[e->tb_len].instr = instr;
        /* relaxed: the VM peeks at tb_len without the lock (vm.c's error path) */
        atomic_store_size_relaxed(&e->tb_len, e->tb_len + 1);
    }
    TR_END_CRITICAL(ts);
    return r;
}

int exc_copy_traceback(TrThread *ts, TrObject *dst, TrObject *src) {
    if (tr_is_immortal(dst)) return 0;
    TrExc *s = (TrExc *)src, *d = (TrExc *)dst;
    TrTraceEntry *copy = NULL;
    size_t n = 0;
    int r = 0;
    TR_BEGIN_CRITICAL(ts, src);
    if (s->tb_len) {
        copy = malloc(s->tb_len * sizeof *copy);
        if (copy) {
            n = s->tb_len;
            memcpy(copy, s->tb, n * sizeof *copy);
            for (size_t i = 0; i < n; i++) tr_incref(copy[i].code);
        } else {
            r = -1;
        }
    }
    TR_END_CRITICAL(ts);
    if (r < 0) { err_nomemory(ts); return -1; }
    TrTraceEntry *old;
    size_t nold;
    TR_BEGIN_CRITICAL(ts, dst);
    old = d->tb;
    nold = d->tb_len;
    d->tb = copy;
    d->tb_cap = n;
    atomic_store_size_relaxed(&d->tb_len, n);   /* peeked at without the lock */
    TR_END_CRITICAL(ts);
    for (size_t i = 0; i < nold; i++) tr_decref(old[i].code);
    free(old);
    return 0;
}

int exc_same_traceback(TrThread *ts, TrObject *a, TrObject *b) {
    if (a == b) return 1;
    TrExc *x = (TrExc *)a, *y = (TrExc *)b;
    int same;
    TR_BEGIN_CRITICAL2(ts, a, b);
    same = x->tb_len == y->tb_len;
    for (size_t i = 0; same && i < x->tb_len; i++)
        same = x->tb[i].code == y->tb[i].code && x->tb[i].instr == y->tb[i].instr;
    TR_END_CRITICAL2(ts);
    return same;
}

/* ---- str and repr -------------------------------------------------------------- */

static TrObject *base_str(TrThread *ts, TrObject *o) {
    TrExc *e = (TrExc *)o;
    size_t n = tuple_size(e->args);
    if (n == 0) return str_from_cstr(ts, "");
    if (n == 1) return tr_str(ts, tuple_get(e->args, 0));
    return tr_str(ts, e->args);
}

static TrObject *keyerror_str(TrThread *ts, TrObject *o) {
    TrExc *e = (TrExc *)o;
    if (tuple_size(e->args) == 1) return tr_repr(ts, tuple_get(e->args, 0));
    return base_str(ts, o);
}

static TrObject *oserror_str(TrThread *ts, TrObject *o) {
    TrExc *e = (TrExc *)o;
    TrObject *no = get_attr(ts, e, "errno"), *se = get_attr(ts, e, "strerror");
    TrObject *fn = get_attr(ts, e, "filename"), *fn2 = get_attr(ts, e, "filename2");
    TrObject *r;
    if (fn && fn != tr_none && fn2 && fn2 != tr_none)
        r = str_format(ts, "[Errno %S] %S: %R -> %R", no ? no : tr_none, se ? se : tr_none, fn, fn2);
    else if (fn && fn != tr_none)
        r = str_format(ts, "[Errno %S] %S: %R", no ? no : tr_none, se ? se : tr_none, fn);
    else if (no && se && no != tr_none && se != tr_none)
        r = str_format(ts, "[Errno %S] %S", no, se);
    else
        r = base_str(ts, o);
    tr_xdecref(no);
    tr_xdecref(se);
    tr_xdecref(fn);
    tr_xdecref(fn2);
    return r;
}

/* "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte",
 * "'ascii' codec can't encode characters in position 2-3: ordinal not in
 * range(128)"; the plain form unless built from the five codec arguments. */
static TrObject *unicodeerror_str(TrThread *ts, TrObject *o) {
    TrExc *e = (TrExc *)o;
    if (tuple_size(e->args) != 5) return base_str(ts, o);
    TrObject *const *a = ((TrTuple *)e->args)->items;
    if (!str_check(a[0]) || !tr_is_imm(a[2]) || !tr_is_imm(a[3])) return base_str(ts, o);
    int64_t start = tr_imm_value(a[2]), end = tr_imm_value(a[3]);
    bool decode = is_sub(e, &tr_exc_UnicodeDecodeError);
    if (decode && bytes_check(a[1]) && end == start + 1 && start >= 0 && (size_t)start < bytes_size(a[1])) {
        char hex[8];
        snprintf(hex, sizeof hex, "0x%02x", (unsigned)(unsigned char)bytes_data(a[1])[start]);
        return str_format(ts, "'%S' codec can't decode byte %s in position %lld: %S", a[0], hex,
                          (long long)start, a[4]);
    }
    if (decode)
        return str_format(ts, "'%S' codec can't decode bytes in position %lld-%lld: %S", a[0],
                          (long long)start, (long long)(end - 1), a[4]);
    if (str_check(a[1]) && end == start + 1 && start >= 0 && (size_t)start < str_length(a[1])) {
        TrObject *ch = tr_getitem(ts, a[1], a[2]);
        if (!ch) return NULL;
        const char *p = str_utf8(ch);
        uint32_t c = utf8_next(&p);
        tr_decref(ch);
        char esc[16];
        if (c <= 0xFF) snprintf(esc, sizeof esc, "\\x%02x", c);
        else if (c <= 0xFFFF) snprintf(esc, sizeof esc, "\\u%04x", c);
        else snprintf(esc, sizeof esc, "\\U%08x", c);
        return str_format(ts, "'%S' codec can't encode character '%s' in position %lld: %S", a[0], esc,
                          (long long)start, a[4]);
    }
    return str_format(ts, "'%S' codec can't encode characters in position %lld-%lld: %S", a[0],
                      (long long)start, (long long)(end - 1), a[4]);
}

static TrObject *syntaxerror_str(TrThread *ts, TrObject *o) {
    TrExc *e = (TrExc *)o;
    TrObject *msg = get_attr(ts, e, "msg"), *fn = get_attr(ts, e, "filename");
    TrObject *ln = get_attr(ts, e, "lineno");
    TrObject *ms = tr_str(ts, msg ? msg : tr_none);
    TrObject *r = NULL;
    if (ms) {
        int have_line = ln && int_check(ln) && ln != tr_true && ln != tr_false;
        const char *base = NULL;
        if (fn && str_check(fn)) {
            base = strrchr(str_utf8(fn), '/');
            base = base ? base + 1 : str_utf8(fn);
        }
        if (base && have_line)
            r = str_format(ts, "%S (%s, line %S)", ms, base, ln);
        else if (base)
            r = str_format(ts, "%S (%s)", ms, base);
        else if (have_line)
            r = str_format(ts, "%S (line %S)", ms, ln);
        else
            r = tr_newref(ms);
    }
    tr_xdecref(ms);
    tr_xdecref(msg);
    tr_xdecref(fn);
    tr_xdecref(ln);
    return r;
}

/* "ValueError('x')", "ValueError('x', 2)", "ValueError()". */
static TrObject *exc_repr(TrThread *ts, TrObject *o) {
    TrExc *e = (TrExc *)o;
    const char *name = tr_type(o)->name;
    if (tuple_size(e->args) == 1) return str_format(ts, "%s(%R)", name, tuple_get(e->args, 0));
    return str_format(ts, "%s%R", name, e->args);
}

TrObject *exc_str(TrThread *ts, TrObject *exc) { return tr_str(ts, exc); }

/* ---- unraisable exceptions ------------------------------------------------- */

void (*tr_unraisable_hook)(TrThread *ts, TrObject *exc, const char *msg, TrObject *obj);

void err_print_unraisable(TrThread *ts, TrObject *exc, const char *msg, TrObject *obj) {
    TrStrBuf b;
    strbuf_init(&b);
    if (obj) {
        strbuf_adds(&b, msg ? msg : "Exception ignored in");
        strbuf_adds(&b, ": ");
        TrObject *r = tr_repr(ts, obj);
        if (r) {
            strbuf_addstr(&b, r);
            tr_decref(r);
        } else {
            err_clear(ts);
            strbuf_adds(&b, "<object repr() failed>");
        }
        strbuf_adds(&b, "\n");
    } else if (msg) {
        strbuf_adds(&b, msg);
        strbuf_adds(&b, ":\n");
    }
    tr_flush_stdout();
    if (!b.failed && b.len) tr_write_report(ts, b.data, b.len);
    strbuf_free(&b);
    exc_print_plain(ts, exc);
}

void err_write_unraisable(TrThread *ts, const char *msg, TrObject *obj) {
    TrObject *exc = err_fetch(ts);
    if (!exc) return;
    if (tr_unraisable_hook) tr_unraisable_hook(ts, exc, msg, obj);
    else err_print_unraisable(ts, exc, msg, obj);
    tr_decref(exc);
}

/* ---- attributes ------------------------------------------------------------------ */

/* e.__traceback__: a chain made from the entries (a snapshot). */
static TrObject *exc_traceback(TrThread *ts, TrExc *e) {
    TrObject *r;
    TR_BEGIN_CRITICAL(ts, (TrObject *)e);
    r = tb_chain_new(ts, e->tb, e->tb_len);
    TR_END_CRITICAL(ts);
    return r;
}

/* e.__traceback__ = tb (or None): the entries become tb's frames. */
static int set_traceback(TrThread *ts, TrExc *e, TrObject *value) {
    if (!value) {
        err_set(ts, &tr_exc_TypeError, "__traceback__ may not be deleted");
        return -1;
    }
    if (value != tr_none && !tb_check(value)) {
        err_set(ts, &tr_exc_TypeError, "__traceback__ must be a traceback or None");
        return -1;
    }
    TrTraceEntry *entries = NULL;
    size_t n = value == tr_none ? 0 : tb_chain_entries(value, &entries);
    if (n == (size_t)-1) { err_nomemory(ts); return -1; }
    TrTraceEntry *old;
    size_t nold;
    TR_BEGIN_CRITICAL(ts, (TrObject *)e);
    old = e->tb;
    nold = e->tb_len;
    e->tb = entries;
    e->tb_cap = n;
    atomic_store_size_relaxed(&e->tb_len, n);   /* peeked at without the lock */
    TR_END_CRITICAL(ts);
    for (size_t i = 0; i < nold; i++) tr_decref(old[i].code);
    free(old);
    return 0;
}

static TrObject *exc_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    TrExc *e = (TrExc *)o;
    const char *n = str_utf8(name);
    if (n[0] == 'a' && !strcmp(n, "args")) return tr_newref(e->args);
    if (n[0] == '_' && n[1] == '_') {
        if (!strcmp(n, "__cause__")) return tr_newref(e->cause ? e->cause : tr_none);
        if (!strcmp(n, "__context__")) return tr_newref(e->context ? e->context : tr_none);
        if (!strcmp(n, "__suppress_context__")) return tr_newref(tr_bool(e->suppress_context));
        if (!strcmp(n, "__traceback__")) return exc_traceback(ts, e);
    }
    return tr_generic_getattr(ts, o, name);
}

static int exc_setattr(TrThread *ts, TrObject *o, TrObject *name, TrObject *value) {
    TrExc *e = (TrExc *)o;
    const char *n = str_utf8(name);
    if (!strcmp(n, "args")) {
        if (!value) { err_set(ts, &tr_exc_TypeError, "args may not be deleted"); return -1; }
        TrObject *t = tuple_from_iterable(ts, value);
        if (!t) return -1;
        TR_CLEAR(e->args);
        e->args = t;
        return 0;
    }
    if (!strcmp(n, "__cause__") || !strcmp(n, "__context__")) {
        int cause = n[2] == 'c' && n[3] == 'a';
        if (!value) {
            err_format(ts, &tr_exc_TypeError, "%s may not be deleted", cause ? "__cause__" : "__context__");
            return -1;
        }
        if (value != tr_none && !(tr_type(value)->flags & TR_TPFLAG_EXCEPTION)) {
            err_format(ts, &tr_exc_TypeError, "exception %s must be None or derive from BaseException",
                       cause ? "cause" : "context");
            return -1;
        }
        TrObject **slot = cause ? &e->cause : &e->context;
        TrObject *old = *slot;
        *slot = value == tr_none ? NULL : tr_newref(value);
        tr_xdecref(old);
        if (cause) e->suppress_context = true;
        return 0;
    }
    if (!strcmp(n, "__suppress_context__")) {
        int v = value ? tr_is_true(ts, value) : 0;
        if (v < 0) return -1;
        e->suppress_context = v;
        return 0;
    }
    if (!strcmp(n, "__traceback__")) return set_traceback(ts, e, value);
    return tr_generic_setattr(ts, o, name, value);
}

/* ---- methods -------------------------------------------------------------------- */

static TrObject *m_init(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                        TrObject *kwnames) {
    TrExc *e = (TrExc *)self;
    TrObject *t = tuple_from_array(ts, args, nargs);
    if (!t) return NULL;
    TR_CLEAR(e->args);
    e->args = t;
    if (init_attrs(ts, e) < 0) return NULL;
    return tr_newref(tr_none);
}

static TrObject *m_with_traceback(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                  TrObject *kwnames) {
    if (tr_check_args(ts, "BaseException.with_traceback", nargs, kwnames, 1, 1) < 0) return NULL;
    if (set_traceback(ts, (TrExc *)self, args[0]) < 0) return NULL;
    return tr_newref(self);
}

static TrObject *m_add_note(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                            TrObject *kwnames) {
    if (tr_check_args(ts, "BaseException.add_note", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!str_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "note must be a str, not '%s'", tr_type_name(args[0]));
    TrExc *e = (TrExc *)self;
    TrObject *notes = get_attr(ts, e, "__notes__");
    if (!notes) {
        notes = list_new(ts, 0);
        if (!notes || set_attr(ts, e, "__notes__", notes) < 0) { tr_xdecref(notes); return NULL; }
    }
    if (!list_check(notes)) {
        tr_decref(notes);
        return err_format(ts, &tr_exc_TypeError, "Cannot add note: __notes__ is not a list");
    }
    int r = list_append(ts, notes, args[0]);
    tr_decref(notes);
    return r < 0 ? NULL : tr_newref(tr_none);
}

static TrObject *m_str(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "BaseException.__str__", nargs, kwnames, 0, 0) < 0) return NULL;
    TrType *t = tr_type(self);
    while (t && !(t->flags & TR_TPFLAG_EXCEPTION && !(t->flags & TR_TPFLAG_HEAPTYPE))) t = t->base;
    return t && t->str ? t->str(ts, self) : base_str(ts, self);
}

static TrObject *m_repr(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "BaseException.__repr__", nargs, kwnames, 0, 0) < 0) return NULL;
    return exc_repr(ts, self);
}

static const TrMethodDef exc_methods[] = {
    {"__init__", m_init},
    {"with_traceback", m_with_traceback},
    {"add_note", m_add_note},
    {"__str__", m_str},
    {"__repr__", m_repr},
    {NULL, NULL},
};

/* ---- the classes ---------------------------------------------------------------- */

#define TR_DEFINE_EXC(Name, Base) \
    TrType tr_exc_##Name = { \
        .ob_base = TR_STATIC_TYPE_HEADER, \
        .name = #Name, \
        .basicsize = sizeof(TrExc), \
        .flags = TR_TPFLAG_EXCEPTION | TR_TPFLAG_BASETYPE, \
        .base = &tr_exc_##Base, \
    };
TR_EXC_LIST(TR_DEFINE_EXC)
#undef TR_DEFINE_EXC

int exc_types_init(TrThread *ts) {
    TrType *b = &tr_exc_BaseException;
    b->dealloc = exc_dealloc;
    b->repr = exc_repr;
    b->str = base_str;
    b->getattr = exc_getattr;
    b->setattr = exc_setattr;
    b->new_ = exc_type_new;
    b->methods = exc_methods;
    b->dictoffset = offsetof(TrExc, dict);
    tr_exc_KeyError.str = keyerror_str;
    tr_exc_OSError.str = oserror_str;
    tr_exc_SyntaxError.str = syntaxerror_str;
    tr_exc_UnicodeDecodeError.str = unicodeerror_str;
    tr_exc_UnicodeEncodeError.str = unicodeerror_str;
    excgroup_type_setup();   /* objects/excgroup.c: BaseExceptionGroup's own layout and slots */
#define TR_READY_EXC(Name, Base) if (type_ready(ts, &tr_exc_##Name) < 0) return -1;
    TR_EXC_LIST(TR_READY_EXC)
#undef TR_READY_EXC
    if (!memory_error) {
        memory_error = exc_new(ts, &tr_exc_MemoryError, NULL, 0);
        if (!memory_error) return -1;
        tr_make_immortal(memory_error);
    }
    return 0;
}

/* ---- the pending exception ------------------------------------------------------- */

/* Makes `exc` (stolen) pending.  With `chain`, its __context__ becomes the
 * exception being handled, as CPython does for every raise; a link that
 * would make the context chain a cycle is cut first. */
static void set_pending(TrThread *ts, TrObject *exc, int chain) {
    TrObject *handled = ts->handled_exc;
    if (chain && handled && handled != tr_none && handled != exc && !tr_is_immortal(exc)
        && (tr_type(exc)->flags & TR_TPFLAG_EXCEPTION)) {
        /* cut `exc` out of handled's context chain (bounded: chains are short,
         * and a pre-existing cycle must not hang us) */
        TrExc *o = (TrExc *)handled;
        for (int i = 0; o && i < 10000; i++) {
            TrExc *ctx = (TrExc *)o->context;
            if ((TrObject *)ctx == exc) {
                o->context = NULL;
                tr_decref(exc);
                break;
            }
            o = ctx;
        }
        TrExc *e = (TrExc *)exc;
        TrObject *old = e->context;
        e->context = tr_newref(handled);
        tr_xdecref(old);
    }
    TrObject *old = ts->exc;
    ts->exc = exc;
    tr_xdecref(old);
}

void err_restore(TrThread *ts, TrObject *exc) { set_pending(ts, exc, 0); }

void err_raise(TrThread *ts, TrObject *exc) { set_pending(ts, exc, 1); }

void err_set(TrThread *ts, TrType *type, const char *msg) {
    TrObject *m = str_from_cstr(ts, msg);
    if (!m) return;
    TrObject *e = exc_new(ts, type, &m, 1);
    tr_decref(m);
    if (e) set_pending(ts, e, 1);
}

void err_set_value(TrThread *ts, TrType *type, TrObject *value) {
    TrObject *e = exc_new(ts, type, &value, 1);
    if (e) set_pending(ts, e, 1);
}

TrObject *err_fetch(TrThread *ts) {
    TrObject *e = ts->exc;
    ts->exc = NULL;
    return e;
}

int err_matches(TrThread *ts, TrType *type) {
    return ts->exc && tr_isinstance(ts->exc, type);
}

void err_clear(TrThread *ts) { TR_CLEAR(ts->exc); }

TrObject *err_nomemory(TrThread *ts) {
    if (!memory_error) {
        fputs("Fatal Python error: out of memory during start-up\n", stderr);
        abort();
    }
    /* Most MemoryErrors come from a size that cannot be allocated (a list of
     * 10**18 items) while memory is otherwise fine: a fresh instance then
     * carries a traceback as CPython's does.  Only when even that fails does
     * the preallocated, immortal instance (which takes no traceback) go. */
    static __thread int making;   /* exc_new itself may run out of memory */
    TrObject *exc = NULL;
    if (!making) {
        making = 1;
        exc = exc_new(ts, &tr_exc_MemoryError, NULL, 0);
        making = 0;
    }
    if (exc) {
        set_pending(ts, exc, 1);   /* steals exc */
        return NULL;
    }
    set_pending(ts, memory_error, 0);   /* immortal: no reference to take */
    return NULL;
}

/* ---- err_format -------------------------------------------------------------------- */

/* Appends the str of `o` (repr when `repr`); a failure prints a placeholder,
 * since the message is for an exception that replaces the failing one. */
static void add_obj(TrThread *ts, TrStrBuf *b, TrObject *o, int repr) {
    TrObject *s = o ? (repr ? tr_repr(ts, o) : tr_str(ts, o)) : NULL;
    if (!s) {
        if (err_occurred(ts)) err_clear(ts);
        strbuf_adds(b, o ? "<unprintable object>" : "<NULL>");
        return;
    }
    if (str_check(s)) strbuf_addstr(b, s);
    tr_decref(s);
}

/* Formats `fmt` with err_format's conversions into `b`. */
void err_vformat_buf(TrThread *ts, TrStrBuf *b, const char *fmt, va_list ap) {
    char num[64];
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            const char *q = p;
            while (*q && *q != '%') q++;
            strbuf_add(b, p, (size_t)(q - p));
            p = q - 1;
            continue;
        }
        p++;
        int precision = -1;
        if (*p == '.') {
            precision = 0;
            for (p++; *p >= '0' && *p <= '9'; p++) precision = precision * 10 + (*p - '0');
        }
        int lng = 0, sz = 0;
        if (*p == 'l') { lng = 1; p++; if (*p == 'l') { lng = 2; p++; } }
        else if (*p == 'z') { sz = 1; p++; }
        switch (*p) {
        case 'd': case 'i':
            if (sz) snprintf(num, sizeof num, "%zd", va_arg(ap, ssize_t));
            else if (lng == 2) snprintf(num, sizeof num, "%lld", va_arg(ap, long long));
            else if (lng) snprintf(num, sizeof num, "%ld", va_arg(ap, long));
            else snprintf(num, sizeof num, "%d", va_arg(ap, int));
            strbuf_adds(b, num);
            break;
        case 'u':
            if (sz) snprintf(num, sizeof num, "%zu", va_arg(ap, size_t));
            else if (lng == 2) snprintf(num, sizeof num, "%llu", va_arg(ap, unsigned long long));
            else if (lng) snprintf(num, sizeof num, "%lu", va_arg(ap, unsigned long));
            else snprintf(num, sizeof num, "%u", va_arg(ap, unsigned));
            strbuf_adds(b, num);
            break;
        case 'x':
            if (sz) snprintf(num, sizeof num, "%zx", va_arg(ap, size_t));
            else if (lng) snprintf(num, sizeof num, "%lx", va_arg(ap, unsigned long));
            else snprintf(num, sizeof num, "%x", va_arg(ap, unsigned));
            strbuf_adds(b, num);
            break;
        case 'p':
            snprintf(num, sizeof num, "%p", va_arg(ap, void *));
            strbuf_adds(b, num);
            break;
        case 'c': {
            int c = va_arg(ap, int);
            if (c < 0x80) strbuf_addc(b, (char)c);
            else {  /* a code point: encode as UTF-8 */
                char u[4];
                size_t k;
                if (c < 0x800) { u[0] = (char)(0xC0 | (c >> 6)); u[1] = (char)(0x80 | (c & 0x3F)); k = 2; }
                else if (c < 0x10000) { u[0] = (char)(0xE0 | (c >> 12)); u[1] = (char)(0x80 | ((c >> 6) & 0x3F)); u[2] = (char)(0x80 | (c & 0x3F)); k = 3; }
                else { u[0] = (char)(0xF0 | (c >> 18)); u[1] = (char)(0x80 | ((c >> 12) & 0x3F)); u[2] = (char)(0x80 | ((c >> 6) & 0x3F)); u[3] = (char)(0x80 | (c & 0x3F)); k = 4; }
                strbuf_add(b, u, k);
            }
            break;
        }
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s) s = "(null)";
            size_t n = strlen(s);
            if (precision >= 0 && (size_t)precision < n) n = (size_t)precision;
            strbuf_add(b, s, n);
            break;
        }
        case 'R': add_obj(ts, b, va_arg(ap, TrObject *), 1); break;
        case 'S': case 'U': add_obj(ts, b, va_arg(ap, TrObject *), 0); break;
        case 'T': {
            TrObject *o = va_arg(ap, TrObject *);
            strbuf_adds(b, type_qualname(tr_type(o)));
            break;
        }
        case '%': strbuf_addc(b, '%'); break;
        case '\0': p--; break;
        default: strbuf_addc(b, '%'); strbuf_addc(b, *p); break;
        }
    }
}

TrObject *err_format(TrThread *ts, TrType *type, const char *fmt, ...) {
    TrStrBuf b;
    strbuf_init(&b);
    va_list ap;
    va_start(ap, fmt);
    err_vformat_buf(ts, &b, fmt, ap);
    va_end(ap);
    TrObject *m = strbuf_finish(ts, &b);
    if (!m) return NULL;
    TrObject *e = exc_new(ts, type, &m, 1);
    tr_decref(m);
    if (e) set_pending(ts, e, 1);
    return NULL;
}
