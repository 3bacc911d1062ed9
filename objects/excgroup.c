/* objects/excgroup.c: exception groups (PEP 654): BaseExceptionGroup, a
 * builtin exception class whose instances are a TrExcGroup, and
 * ExceptionGroup, a class made at start-up over (BaseExceptionGroup,
 * Exception); their constructor, `message`, `exceptions`, `derive`,
 * `split`, `subgroup` and str; and the two steps of `try ... except*` the
 * VM calls (excgroup_match for each clause, excgroup_prep_reraise at the
 * end).
 *
 * Splitting: a condition becomes a Matcher (an exception type or tuple of
 * types, a predicate, or a set of leaf identities); a group the matcher
 * accepts as a whole is kept whole, else its members are split recursively
 * and each non-empty side is rebuilt with the group's `derive` method (so a
 * subclass can keep its type and extra state), then given the group's
 * traceback, __cause__, __context__ and a copy of its __notes__, as CPython
 * does.
 *
 * Threads: a group's `msg` and `excs` are written once, in the constructor,
 * before the group can be shared; every reader may then read them without
 * a lock.  Traceback copies read the source under its lock
 * (exc_copy_traceback).  `tr_exc_ExceptionGroup` is written once at
 * start-up.  No lock is held while Python code (derive, a predicate) runs. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "torii/torii.h"
#include "torii/class.h"
#include "torii/excgroup.h"

TrType *tr_exc_ExceptionGroup;

/* ---- construction --------------------------------------------------------------- */

/* A sequence as PySequence_Check sees one: indexable, not a mapping. */
static int is_sequence(TrObject *o) {
    TrType *t = tr_type(o);
    return t->getitem != NULL && !tr_type_is_subtype(t, &tr_dict_type);
}

static TrObject *eg_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (kwnames && tuple_size(kwnames))
        return err_format(ts, &tr_exc_TypeError, "%s() takes no keyword arguments", type->name);
    if (nargs != 2)
        return err_format(ts, &tr_exc_TypeError, "BaseExceptionGroup.__new__() takes exactly 2 arguments (%zu given)",
                          nargs);
    if (!str_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "BaseExceptionGroup.__new__() argument 1 must be str, not %T", args[0]);
    if (!tr_type_is_subtype(type, &tr_exc_BaseExceptionGroup))
        return err_format(ts, &tr_exc_TypeError, "BaseExceptionGroup.__new__(%s): %s is not a subtype of BaseExceptionGroup",
                          type->name, type->name);
    if (!is_sequence(args[1]))
        return err_format(ts, &tr_exc_TypeError, "second argument (exceptions) must be a sequence");
    TrObject *excs = tuple_from_iterable(ts, args[1]);
    if (!excs) return NULL;
    size_t n = tuple_size(excs);
    if (n == 0) {
        tr_decref(excs);
        return err_format(ts, &tr_exc_ValueError, "second argument (exceptions) must be a non-empty sequence");
    }
    int nested_base = 0;
    for (size_t i = 0; i < n; i++) {
        TrObject *e = tuple_get(excs, i);
        if (tr_is_imm(e) || !tr_isinstance(e, &tr_exc_BaseException)) {
            tr_decref(excs);
            return err_format(ts, &tr_exc_ValueError, "Item %zu of second argument (exceptions) is not an exception", i);
        }
        if (!tr_isinstance(e, &tr_exc_Exception)) nested_base = 1;
    }
    TrType *cls = type;
    if (cls == &tr_exc_BaseExceptionGroup) {
        if (!nested_base) cls = tr_exc_ExceptionGroup;   /* every member an Exception */
    } else if (nested_base && tr_type_is_subtype(cls, &tr_exc_Exception)) {
        tr_decref(excs);
        if (cls == tr_exc_ExceptionGroup)
            return err_format(ts, &tr_exc_TypeError, "Cannot nest BaseExceptions in an ExceptionGroup");
        return err_format(ts, &tr_exc_TypeError, "Cannot nest BaseExceptions in '%s'", cls->name);
    }
    TrExcGroup *g = (TrExcGroup *)tr_alloc(ts, cls);
    if (!g) { tr_decref(excs); return NULL; }
    g->msg = tr_newref(args[0]);
    g->excs = excs;
    g->base.args = tuple_from_array(ts, args, 2);
    if (!g->base.args) { tr_decref((TrObject *)g); return NULL; }
    return (TrObject *)g;
}

/* Builds a group the way Python code calling BaseExceptionGroup(msg, excs)
 * does.  Returns a new reference or NULL. */
static TrObject *make_group(TrThread *ts, TrObject *msg, TrObject *excs) {
    TrObject *a[2] = {msg, excs};
    return eg_new(ts, &tr_exc_BaseExceptionGroup, a, 2, NULL);
}

static void eg_dealloc(TrThread *ts, TrObject *o) {
    TrExcGroup *g = (TrExcGroup *)o;
    TR_CLEAR(g->msg);
    TR_CLEAR(g->excs);
    tr_exc_BaseException.dealloc(ts, o);
}

/* ---- attributes and str ------------------------------------------------------------ */

static TrObject *eg_str(TrThread *ts, TrObject *o) {
    TrExcGroup *g = (TrExcGroup *)o;
    size_t n = tuple_size(g->excs);
    return str_format(ts, "%S (%zu sub-exception%s)", g->msg, n, n > 1 ? "s" : "");
}

static TrObject *eg_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    TrExcGroup *g = (TrExcGroup *)o;
    if (str_equal_cstr(name, "message")) return tr_newref(g->msg);
    if (str_equal_cstr(name, "exceptions")) return tr_newref(g->excs);
    return tr_exc_BaseException.getattr(ts, o, name);
}

static int eg_setattr(TrThread *ts, TrObject *o, TrObject *name, TrObject *value) {
    if (str_equal_cstr(name, "message") || str_equal_cstr(name, "exceptions")) {
        err_set(ts, &tr_exc_AttributeError, "readonly attribute");
        return -1;
    }
    return tr_exc_BaseException.setattr(ts, o, name, value);
}

/* ---- matching ------------------------------------------------------------------------ */

enum { M_TYPE, M_PRED, M_IDS };

typedef struct Matcher {
    int kind;
    TrObject *value;          /* borrowed: a type or tuple of types (M_TYPE), a callable (M_PRED) */
    TrObject **ids;           /* M_IDS: sorted leaf identities, owned array of borrowed pointers */
    size_t nids;
} Matcher;

static int is_exc_type(TrObject *t) {
    return tr_isinstance(t, &tr_type_type) && tr_type_is_subtype((TrType *)t, &tr_exc_BaseException);
}

static int is_callable(TrObject *o) {
    TrType *t = tr_type(o);
    return t->call != NULL || t == &tr_type_type || tr_type_is_subtype(t, &tr_type_type);
}

/* The matcher for split()/subgroup()'s argument; -1 with TypeError. */
static int matcher_from(TrThread *ts, TrObject *cond, Matcher *m) {
    memset(m, 0, sizeof *m);
    m->value = cond;
    if (is_exc_type(cond)) { m->kind = M_TYPE; return 0; }
    if (tuple_check(cond)) {
        int ok = 1;
        for (size_t i = 0; i < tuple_size(cond) && ok; i++) ok = is_exc_type(tuple_get(cond, i));
        if (ok) { m->kind = M_TYPE; return 0; }
    } else if (is_callable(cond) && !tr_isinstance(cond, &tr_type_type)) {
        m->kind = M_PRED;
        return 0;
    }
    err_set(ts, &tr_exc_TypeError,
            "expected an exception type, a tuple of exception types, or a callable (other than a class)");
    return -1;
}

static int cmp_ptr(const void *a, const void *b) {
    uintptr_t x = (uintptr_t)*(TrObject *const *)a, y = (uintptr_t)*(TrObject *const *)b;
    return x < y ? -1 : x > y;
}

/* 1 if `exc` matches, 0 if not, -1 on error (a failing predicate). */
static int matches(TrThread *ts, const Matcher *m, TrObject *exc) {
    switch (m->kind) {
    case M_TYPE:
        if (!tuple_check(m->value)) return tr_isinstance(exc, (TrType *)m->value);
        for (size_t i = 0; i < tuple_size(m->value); i++)
            if (tr_isinstance(exc, (TrType *)tuple_get(m->value, i))) return 1;
        return 0;
    case M_PRED: {
        TrObject *r = tr_call(ts, m->value, &exc, 1, NULL);
        if (!r) return -1;
        int t = tr_is_true(ts, r);
        tr_decref(r);
        return t;
    }
    default:
        return m->nids && bsearch(&exc, m->ids, m->nids, sizeof *m->ids, cmp_ptr) != NULL;
    }
}

/* __notes__ as stored on `e` (new reference), NULL when it has none. */
static TrObject *notes_of(TrThread *ts, TrObject *e) {
    TrExc *x = (TrExc *)e;
    if (!x->dict) return NULL;
    TrObject *v = dict_get_cstr(ts, x->dict, "__notes__");
    if (!v && err_occurred(ts)) err_clear(ts);
    return v;
}

/* orig.derive(items) with orig's traceback, cause, context and a copy of
 * its notes; None-equivalent NULL in *out when `items` is empty.  -1 on
 * error. */
static int subset(TrThread *ts, TrObject *orig, TrObject *items, TrObject **out) {
    *out = NULL;
    if (list_size(items) == 0) return 0;
    TrObject *derive = tr_getattr_cstr(ts, orig, "derive");
    if (!derive) return -1;
    TrObject *eg = tr_call(ts, derive, &items, 1, NULL);
    tr_decref(derive);
    if (!eg) return -1;
    if (!excgroup_check(eg)) {
        tr_decref(eg);
        err_set(ts, &tr_exc_TypeError, "derive must return an instance of BaseExceptionGroup");
        return -1;
    }
    if (exc_copy_traceback(ts, eg, orig) < 0) goto fail;
    TrExc *d = (TrExc *)eg, *o = (TrExc *)orig;
    TrObject *old = d->context;
    d->context = o->context ? tr_newref(o->context) : NULL;
    tr_xdecref(old);
    old = d->cause;
    d->cause = o->cause ? tr_newref(o->cause) : NULL;
    tr_xdecref(old);
    d->suppress_context = true;   /* setting __cause__ always sets it */
    TrObject *notes = notes_of(ts, orig);
    if (notes) {
        /* a sequence is copied into a fresh list; anything else is ignored */
        int r = 0;
        if (is_sequence(notes)) {
            TrObject *copy = list_from_iterable(ts, notes);
            r = copy ? tr_setattr(ts, eg, str_intern_cstr(ts, "__notes__"), copy) : -1;
            tr_xdecref(copy);
        }
        tr_decref(notes);
        if (r < 0) goto fail;
    }
    *out = eg;
    return 0;
fail:
    tr_decref(eg);
    return -1;
}

/* Splits `exc` by `m` into *match and *rest (new references or NULL for
 * empty); *rest only when `want_rest`.  -1 on error. */
static int split(TrThread *ts, TrObject *exc, const Matcher *m, int want_rest, TrObject **match, TrObject **rest) {
    *match = *rest = NULL;
    int r = matches(ts, m, exc);
    if (r < 0) return -1;
    if (r) { *match = tr_newref(exc); return 0; }
    if (!excgroup_check(exc)) {
        if (want_rest) *rest = tr_newref(exc);
        return 0;
    }
    if (tr_enter_recursive(ts, " in exceptiongroup_split_recursive")) return -1;
    TrObject *excs = ((TrExcGroup *)exc)->excs;
    TrObject *ml = list_new(ts, 0), *rl = want_rest ? list_new(ts, 0) : NULL;
    int rc = -1;
    if (!ml || (want_rest && !rl)) goto done;
    for (size_t i = 0; i < tuple_size(excs); i++) {
        TrObject *sm, *sr;
        if (split(ts, tuple_get(excs, i), m, want_rest, &sm, &sr) < 0) goto done;
        if (sm && list_append_take(ts, ml, sm) < 0) { tr_xdecref(sr); goto done; }
        if (sr && list_append_take(ts, rl, sr) < 0) goto done;
    }
    if (subset(ts, exc, ml, match) < 0) goto done;
    if (want_rest && subset(ts, exc, rl, rest) < 0) { TR_CLEAR(*match); goto done; }
    rc = 0;
done:
    tr_leave_recursive(ts);
    tr_xdecref(ml);
    tr_xdecref(rl);
    return rc;
}

static TrObject *none_or(TrObject *o) { return o ? o : tr_newref(tr_none); }

/* ---- methods ---------------------------------------------------------------------------- */

static TrObject *m_init(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (kwnames && tuple_size(kwnames))
        return err_format(ts, &tr_exc_TypeError, "%s() takes no keyword arguments", tr_type(self)->name);
    TrObject *t = tuple_from_array(ts, args, nargs);
    if (!t) return NULL;
    TrExc *e = (TrExc *)self;
    TrObject *old = e->args;
    e->args = t;
    tr_xdecref(old);
    return tr_newref(tr_none);
}

static TrObject *m_derive(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "BaseExceptionGroup.derive", nargs, kwnames, 1, 1) < 0) return NULL;
    return make_group(ts, ((TrExcGroup *)self)->msg, args[0]);
}

static TrObject *m_split(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "BaseExceptionGroup.split", nargs, kwnames, 1, 1) < 0) return NULL;
    Matcher m;
    TrObject *match, *rest;
    if (matcher_from(ts, args[0], &m) < 0 || split(ts, self, &m, 1, &match, &rest) < 0) return NULL;
    return tuple_pair_take(ts, none_or(match), none_or(rest));
}

static TrObject *m_subgroup(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "BaseExceptionGroup.subgroup", nargs, kwnames, 1, 1) < 0) return NULL;
    Matcher m;
    TrObject *match, *rest;
    if (matcher_from(ts, args[0], &m) < 0 || split(ts, self, &m, 0, &match, &rest) < 0) return NULL;
    return none_or(match);
}

/* BaseExceptionGroup.__new__(cls, message, exceptions), for super().__new__ in a subclass. */
static TrObject *m_new(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (!tr_isinstance(self, &tr_type_type))
        return err_format(ts, &tr_exc_TypeError, "BaseExceptionGroup.__new__(X): X is not a type object (%T)", self);
    return eg_new(ts, (TrType *)self, args, nargs, kwnames);
}

static const TrMethodDef eg_methods[] = {
    {"__new__", m_new},
    {"__init__", m_init},
    {"derive", m_derive},
    {"split", m_split},
    {"subgroup", m_subgroup},
    {NULL, NULL},
};

void excgroup_type_setup(void) {
    TrType *t = &tr_exc_BaseExceptionGroup;
    t->basicsize = sizeof(TrExcGroup);
    t->flags |= TR_TPFLAG_GENERIC;   /* BaseExceptionGroup[int], and through a class's base: ExceptionGroup[int] */
    t->dealloc = eg_dealloc;
    t->str = eg_str;
    t->getattr = eg_getattr;
    t->setattr = eg_setattr;
    t->new_ = eg_new;
    t->methods = eg_methods;
}

int excgroup_init(TrThread *ts, TrObject *builtins) {
    if (!tr_exc_ExceptionGroup) {
        TrObject *name = str_from_cstr(ts, "ExceptionGroup");
        TrObject *bases = tuple_pair_take(ts, tr_newref((TrObject *)&tr_exc_BaseExceptionGroup),
                                          tr_newref((TrObject *)&tr_exc_Exception));
        TrObject *ns = dict_new(ts), *mod = str_from_cstr(ts, "builtins");
        TrObject *cls = NULL;
        if (name && bases && ns && mod && dict_set_cstr(ts, ns, "__module__", mod) == 0)
            cls = class_new(ts, name, bases, ns, NULL);
        tr_xdecref(name);
        tr_xdecref(bases);
        tr_xdecref(ns);
        tr_xdecref(mod);
        if (!cls) return -1;
        tr_make_immortal(cls);   /* a builtin: lives as long as the process, as the static classes do */
        tr_exc_ExceptionGroup = (TrType *)cls;
    }
    /* BaseExceptionGroup.message and .exceptions on the class: read-only
     * members (eg_getattr and eg_setattr answer them on instances) */
    static const char *const members[] = {"message", "exceptions"};
    static const size_t offsets[] = {offsetof(TrExcGroup, msg), offsetof(TrExcGroup, excs)};
    for (int i = 0; i < 2; i++) {
        TrObject *n = str_intern_cstr(ts, members[i]);
        TrObject *d = n ? member_descr_new(ts, &tr_exc_BaseExceptionGroup, n, offsets[i]) : NULL;
        int r = d ? dict_set(ts, tr_exc_BaseExceptionGroup.dict, n, d) : -1;
        tr_xdecref(d);
        if (r < 0) return -1;
    }
    return dict_set_cstr(ts, builtins, "ExceptionGroup", (TrObject *)tr_exc_ExceptionGroup);
}

/* ---- except* ------------------------------------------------------------------------------ */

int excgroup_match(TrThread *ts, TrObject *exc, TrObject *type, TrObject **match, TrObject **rest) {
    *match = *rest = NULL;
    size_t n = tuple_check(type) ? tuple_size(type) : 1;
    for (size_t i = 0; i < n; i++) {
        TrObject *t = tuple_check(type) ? tuple_get(type, i) : type;
        if (!is_exc_type(t)) {
            err_set(ts, &tr_exc_TypeError, "catching classes that do not inherit from BaseException is not allowed");
            return -1;
        }
        if (tr_type_is_subtype((TrType *)t, &tr_exc_BaseExceptionGroup)) {
            err_set(ts, &tr_exc_TypeError, "catching ExceptionGroup with except* is not allowed. Use except instead.");
            return -1;
        }
    }
    if (exc == tr_none) {
        *match = tr_newref(tr_none);
        *rest = tr_newref(tr_none);
        return 0;
    }
    Matcher m = {M_TYPE, type, NULL, 0};
    if (matches(ts, &m, exc)) {
        if (excgroup_check(exc)) {
            *match = tr_newref(exc);
        } else {
            /* a naked exception: wrapped, with no traceback of its own */
            TrObject *one = tuple_from_array(ts, &exc, 1), *empty = str_from_cstr(ts, "");
            *match = one && empty ? make_group(ts, empty, one) : NULL;
            tr_xdecref(one);
            tr_xdecref(empty);
            if (!*match) return -1;
        }
        *rest = tr_newref(tr_none);
        return 0;
    }
    if (!excgroup_check(exc)) {
        *match = tr_newref(tr_none);
        *rest = tr_newref(exc);
        return 0;
    }
    /* a group partly matching: through its own split(), which a subclass may override */
    TrObject *meth = tr_getattr_cstr(ts, exc, "split");
    TrObject *pair = meth ? tr_call(ts, meth, &type, 1, NULL) : NULL;
    tr_xdecref(meth);
    if (!pair) return -1;
    if (tr_type(pair) != &tr_tuple_type) {
        err_format(ts, &tr_exc_TypeError, "%s.split must return a tuple, not %s", tr_type(exc)->name, tr_type_name(pair));
        tr_decref(pair);
        return -1;
    }
    if (tuple_size(pair) != 2) {
        err_format(ts, &tr_exc_TypeError, "%s.split must return a 2-tuple, got tuple of size %zu",
                   tr_type(exc)->name, tuple_size(pair));
        tr_decref(pair);
        return -1;
    }
    *match = tr_newref(tuple_get(pair, 0));
    *rest = tr_newref(tuple_get(pair, 1));
    tr_decref(pair);
    return 0;
}

/* Appends the identities of `e`'s leaves (itself when it is no group) to a
 * growing array.  -1 on error. */
static int collect_leaves(TrThread *ts, TrObject *e, TrObject ***ids, size_t *n, size_t *cap) {
    if (e == tr_none) return 0;
    if (!excgroup_check(e)) {
        if (*n == *cap) {
            size_t nc = *cap ? *cap * 2 : 16;
            TrObject **g = realloc(*ids, nc * sizeof *g);
            if (!g) { err_nomemory(ts); return -1; }
            *ids = g;
            *cap = nc;
        }
        (*ids)[(*n)++] = e;
        return 0;
    }
    if (tr_enter_recursive(ts, " in collect_exception_group_leaf_ids")) return -1;
    TrObject *excs = ((TrExcGroup *)e)->excs;
    int r = 0;
    for (size_t i = 0; i < tuple_size(excs) && r == 0; i++) r = collect_leaves(ts, tuple_get(excs, i), ids, n, cap);
    tr_leave_recursive(ts);
    return r;
}

/* CPython's test for "this is orig (or a part of it) re-raised": the same
 * notes, traceback, cause and context. */
static int same_metadata(TrThread *ts, TrObject *a, TrObject *b) {
    TrExc *x = (TrExc *)a, *y = (TrExc *)b;
    if (x->cause != y->cause || x->context != y->context) return 0;
    TrObject *na = notes_of(ts, a), *nb = notes_of(ts, b);
    int same = na == nb;
    tr_xdecref(na);
    tr_xdecref(nb);
    return same && exc_same_traceback(ts, a, b);
}

TrObject *excgroup_prep_reraise(TrThread *ts, TrObject *orig, TrObject *raised) {
    size_t n = list_size(raised);
    if (n == 0) return tr_newref(tr_none);
    if (!excgroup_check(orig)) {
        /* a naked exception: at most one clause ran, so one thing is left */
        return list_get(ts, raised, 0);
    }
    TrObject *fresh = list_new(ts, 0), *result = NULL;
    TrObject **ids = NULL;
    size_t nids = 0, cap = 0;
    if (!fresh) return NULL;
    for (size_t i = 0; i < n; i++) {
        TrObject *e = list_get(ts, raised, (ssize_t)i);
        if (!e) goto done;
        int r = 0;
        if (e != tr_none) {
            if (same_metadata(ts, e, orig)) r = collect_leaves(ts, e, &ids, &nids, &cap);
            else r = list_append(ts, fresh, e);
        }
        tr_decref(e);
        if (r < 0) goto done;
    }
    /* the re-raised leaves, in orig's shape */
    TrObject *kept = NULL, *unused;
    if (nids) {
        qsort(ids, nids, sizeof *ids, cmp_ptr);
        Matcher m = {M_IDS, NULL, ids, nids};
        if (split(ts, orig, &m, 0, &kept, &unused) < 0) goto done;
    }
    if (list_size(fresh) == 0) {
        result = none_or(kept);
    } else {
        if (kept && list_append_take(ts, fresh, kept) < 0) goto done;
        if (list_size(fresh) == 1) {
            result = list_get(ts, fresh, 0);
        } else {
            TrObject *empty = str_from_cstr(ts, "");
            result = empty ? make_group(ts, empty, fresh) : NULL;
            tr_xdecref(empty);
        }
    }
done:
    free(ids);
    tr_decref(fresh);
    return result;
}
