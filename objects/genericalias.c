/* objects/genericalias.c: `types.GenericAlias`, what subscripting a builtin
 * container type gives (`list[int]`, `dict[str, list[int]]`, PEP 585): it
 * records the origin and the arguments, prints as it was written, compares
 * by both, calls the origin, and passes other attribute lookups to it.
 * Also genericalias_repr_item, the way GenericAlias and UnionType print an
 * argument.
 * Threads: immutable after creation; no locks. */
#include "torii/torii.h"
#include "torii/genericalias.h"
#include <string.h>

typedef struct TrGenericAlias {
    TrObject ob_base;
    TrObject *origin;        /* owned */
    TrObject *args;          /* owned tuple */
} TrGenericAlias;

static TrObject *make(TrThread *ts, TrType *type, TrObject *origin, TrObject *args) {
    TrObject *t = tuple_check(args) ? tr_newref(args) : tuple_from_array(ts, &args, 1);
    if (!t) return NULL;
    TrGenericAlias *g = (TrGenericAlias *)tr_alloc(ts, type);
    if (!g) { tr_decref(t); return NULL; }
    g->origin = tr_newref(origin);
    g->args = t;
    return (TrObject *)g;
}

TrObject *genericalias_new(TrThread *ts, TrObject *origin, TrObject *args) {
    return make(ts, &tr_generic_alias_type, origin, args);
}

/* GenericAlias(origin, args), also for subclasses */
static TrObject *ga_new_slot(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (kwnames && tuple_size(kwnames))
        return err_format(ts, &tr_exc_TypeError, "GenericAlias() takes no keyword arguments");
    if (nargs != 2)
        return err_format(ts, &tr_exc_TypeError, "GenericAlias expected 2 arguments, got %zu", nargs);
    return make(ts, type, args[0], args[1]);
}

static void ga_dealloc(TrThread *ts, TrObject *o) {
    (void)ts;
    TR_CLEAR(((TrGenericAlias *)o)->origin);
    TR_CLEAR(((TrGenericAlias *)o)->args);
    tr_free(o);
}

/* Appends how `p` appears inside `list[...]` or `int | ...`: `...`; a type as
 * module.qualname (no module for builtins); an alias or anything without
 * both names by its repr.  -1 on error. */
int genericalias_repr_item(TrThread *ts, TrStrBuf *b, TrObject *p) {
    if (p == tr_ellipsis) { strbuf_adds(b, "..."); return 0; }
    TrObject *mod = NULL, *qn = NULL;
    int by_repr = tr_isinstance(p, &tr_generic_alias_type) || tr_type(p) == &tr_union_type || tr_is_imm(p);
    if (!by_repr) {
        /* anything with both names prints as module.qualname (functions too) */
        mod = tr_getattr_cstr(ts, p, "__module__");
        qn = mod ? tr_getattr_cstr(ts, p, "__qualname__") : NULL;
        by_repr = !mod || !qn || !str_check(mod) || !str_check(qn);
        if (err_occurred(ts)) err_clear(ts);
        if (!by_repr && !tr_isinstance(p, &tr_type_type) && (p->ob_type->flags & TR_TPFLAG_HEAPTYPE)) {
            /* an instance sees its class's __qualname__ (torii keeps it in
             * the class dict): that is not a name of its own */
            TrObject *cq = dict_get_cstr(ts, p->ob_type->dict, "__qualname__");
            if (!cq) err_clear(ts);
            by_repr = cq == qn;
            tr_xdecref(cq);
        }
    }
    if (by_repr) {
        tr_xdecref(mod);
        tr_xdecref(qn);
        TrObject *r = tr_repr(ts, p);
        if (!r) return -1;
        strbuf_addstr(b, r);
        tr_decref(r);
        return 0;
    }
    if (!str_equal_cstr(mod, "builtins")) {
        strbuf_addstr(b, mod);
        strbuf_addc(b, '.');
    }
    strbuf_addstr(b, qn);
    tr_decref(mod);
    tr_decref(qn);
    return 0;
}

static TrObject *ga_repr(TrThread *ts, TrObject *o) {
    TrGenericAlias *g = (TrGenericAlias *)o;
    if (tr_enter_recursive(ts, " while getting the repr of an object")) return NULL;
    TrStrBuf b;
    strbuf_init(&b);
    int rc = genericalias_repr_item(ts, &b, g->origin);
    strbuf_addc(&b, '[');
    size_t n = tuple_size(g->args);
    if (n == 0) strbuf_adds(&b, "()");
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (i) strbuf_adds(&b, ", ");
        TrObject *a = tuple_get(g->args, i);
        if (list_check(a)) {
            /* Callable[[int, str], R]: a list of types */
            strbuf_addc(&b, '[');
            for (size_t j = 0; j < list_size(a) && rc == 0; j++) {
                TrObject *e = list_get(ts, a, (ssize_t)j);
                if (!e) { rc = -1; break; }
                if (j) strbuf_adds(&b, ", ");
                rc = genericalias_repr_item(ts, &b, e);
                tr_decref(e);
            }
            strbuf_addc(&b, ']');
        } else {
            rc = genericalias_repr_item(ts, &b, a);
        }
    }
    strbuf_addc(&b, ']');
    tr_leave_recursive(ts);
    if (rc < 0) { strbuf_free(&b); return NULL; }
    return strbuf_finish(ts, &b);
}

static TrObject *ga_richcompare(TrThread *ts, TrObject *a, TrObject *b, int op) {
    if ((op != TR_EQ && op != TR_NE) || !tr_isinstance(a, &tr_generic_alias_type) ||
        !tr_isinstance(b, &tr_generic_alias_type))
        return tr_notimplemented;
    TrGenericAlias *x = (TrGenericAlias *)a, *y = (TrGenericAlias *)b;
    int eq = tr_richcompare_bool(ts, x->origin, y->origin, TR_EQ);
    if (eq > 0) eq = tr_richcompare_bool(ts, x->args, y->args, TR_EQ);
    if (eq < 0) return NULL;
    return tr_newref(tr_bool(op == TR_EQ ? eq : !eq));
}

static int64_t ga_hash(TrThread *ts, TrObject *o) {
    TrGenericAlias *g = (TrGenericAlias *)o;
    int64_t h0 = tr_hash(ts, g->origin);
    if (h0 == -1) return -1;
    int64_t h1 = tr_hash(ts, g->args);
    if (h1 == -1) return -1;
    int64_t h = h0 ^ h1;
    return h == -1 ? -2 : h;
}

/* list[int](...) makes a list; the result learns its alias when it can. */
static TrObject *ga_call(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    TrGenericAlias *g = (TrGenericAlias *)self;
    TrObject *r = tr_call(ts, g->origin, args, nargs, kwnames);
    if (!r) return NULL;
    if (!tr_is_imm(r) && r->ob_type->dictoffset) {
        TrObject *name = str_intern_cstr(ts, "__orig_class__");
        if (!name || tr_setattr(ts, r, name, self) < 0) {
            if (err_matches(ts, &tr_exc_AttributeError) || err_matches(ts, &tr_exc_TypeError)) err_clear(ts);
            else { tr_decref(r); return NULL; }
        }
    }
    return r;
}

/* The names an alias answers itself; any other goes to the origin. */
static const char *const own_names[] = {
    "__class__", "__bases__", "__origin__", "__args__", "__unpacked__", "__parameters__",
    "__typing_unpacked_tuple_args__", "__mro_entries__", "__reduce_ex__", "__reduce__", "__copy__",
    "__deepcopy__", NULL,
};

/* Appends to list `l` the type variables `a` holds, once each: `a` itself
 * when it has __typing_subst__ (typing.TypeVar), those of its
 * __parameters__ (a nested alias), or of its items (a list, Callable's
 * arguments).  -1 on error. */
static int collect_params(TrThread *ts, TrObject *l, TrObject *a) {
    if (tr_is_imm(a) || tr_isinstance(a, &tr_type_type) || str_check(a)) return 0;
    if (list_check(a)) {
        for (size_t i = 0; i < list_size(a); i++) {
            TrObject *e = list_get(ts, a, (ssize_t)i);
            int rc = e ? collect_params(ts, l, e) : -1;
            tr_xdecref(e);
            if (rc < 0) return -1;
        }
        return 0;
    }
    TrObject *s = tr_getattr_cstr(ts, a, "__typing_subst__");
    if (s) {
        tr_decref(s);
        for (size_t j = 0; j < list_size(l); j++)
            if (((TrList *)l)->items[j] == a) return 0;
        return list_append(ts, l, a);
    }
    err_clear(ts);
    TrObject *ps = tr_getattr_cstr(ts, a, "__parameters__");
    if (!ps) { err_clear(ts); return 0; }
    int rc = 0;
    if (tuple_check(ps))
        for (size_t i = 0; i < tuple_size(ps) && rc == 0; i++) rc = collect_params(ts, l, tuple_get(ps, i));
    tr_decref(ps);
    return rc;
}

static TrObject *ga_parameters(TrThread *ts, TrGenericAlias *g) {
    TrObject *l = list_new(ts, 0);
    for (size_t i = 0; l && i < tuple_size(g->args); i++)
        if (collect_params(ts, l, tuple_get(g->args, i)) < 0) TR_CLEAR(l);
    if (!l) return NULL;
    TrObject *t = tuple_from_iterable(ts, l);
    tr_decref(l);
    return t;
}

/* `a` with the type variables of `params` replaced by the matching `items`
 * (new reference). */
static TrObject *substitute(TrThread *ts, TrObject *a, TrObject *params, TrObject *items) {
    for (size_t i = 0; i < tuple_size(params); i++)
        if (tuple_get(params, i) == a) return tr_newref(tuple_get(items, i));
    if (list_check(a)) {
        TrObject *l = list_new(ts, 0);
        for (size_t i = 0; l && i < list_size(a); i++) {
            TrObject *e = list_get(ts, a, (ssize_t)i);
            TrObject *r = e ? substitute(ts, e, params, items) : NULL;
            tr_xdecref(e);
            if (!r || list_append_take(ts, l, r) < 0) TR_CLEAR(l);
        }
        return l;
    }
    if (tr_is_imm(a) || tr_isinstance(a, &tr_type_type)) return tr_newref(a);
    TrObject *sub = tr_getattr_cstr(ts, a, "__parameters__");
    if (!sub) { err_clear(ts); return tr_newref(a); }
    if (!tuple_check(sub) || tuple_size(sub) == 0) { tr_decref(sub); return tr_newref(a); }
    /* a nested alias: subscript it with what its own variables become */
    TrObject *sa = tuple_new(ts, tuple_size(sub));
    for (size_t i = 0; sa && i < tuple_size(sub); i++) {
        TrObject *v = substitute(ts, tuple_get(sub, i), params, items);
        if (!v) { TR_CLEAR(sa); break; }
        ((TrTuple *)sa)->items[i] = v;
    }
    tr_decref(sub);
    if (!sa) return NULL;
    TrObject *r = tr_getitem(ts, a, sa);
    tr_decref(sa);
    return r;
}

/* dict[K, list[T]][str, int] -> dict[str, list[int]] */
static TrObject *ga_getitem(TrThread *ts, TrObject *self, TrObject *key) {
    TrGenericAlias *g = (TrGenericAlias *)self;
    TrObject *params = ga_parameters(ts, g);
    if (!params) return NULL;
    size_t np = tuple_size(params);
    if (np == 0) {
        tr_decref(params);
        return err_format(ts, &tr_exc_TypeError, "%R is not a generic class", self);
    }
    TrObject *items = tuple_check(key) ? tr_newref(key) : tuple_from_array(ts, &key, 1);
    if (!items) { tr_decref(params); return NULL; }
    size_t ni = tuple_size(items);
    TrObject *r = NULL;
    if (ni != np) {
        err_format(ts, &tr_exc_TypeError, ni > np ? "Too many arguments for %R; actual %zu, expected %zu"
                                                  : "Too few arguments for %R; actual %zu, expected at least %zu",
                   self, ni, np);
    } else {
        TrObject *na = tuple_new(ts, tuple_size(g->args));
        for (size_t i = 0; na && i < tuple_size(g->args); i++) {
            TrObject *v = substitute(ts, tuple_get(g->args, i), params, items);
            if (!v) { TR_CLEAR(na); break; }
            ((TrTuple *)na)->items[i] = v;
        }
        if (na) r = make(ts, self->ob_type, g->origin, na);
        tr_xdecref(na);
    }
    tr_decref(items);
    tr_decref(params);
    return r;
}

static TrObject *ga_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    TrGenericAlias *g = (TrGenericAlias *)o;
    const char *n = str_utf8(name);
    if (!strcmp(n, "__origin__")) return tr_newref(g->origin);
    if (!strcmp(n, "__args__")) return tr_newref(g->args);
    if (!strcmp(n, "__parameters__")) return ga_parameters(ts, g);
    if (!strcmp(n, "__unpacked__")) return tr_newref(tr_false);
    for (const char *const *p = own_names; *p; p++)
        if (!strcmp(n, *p)) return tr_generic_getattr(ts, o, name);
    return tr_getattr(ts, g->origin, name);
}

/* __mro_entries__(bases): a class statement uses the origin. */
static TrObject *ga_m_mro_entries(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                  TrObject *kwnames) {
    if (tr_check_args(ts, "__mro_entries__", nargs, kwnames, 1, 1) < 0) return NULL;
    return tuple_from_array(ts, &((TrGenericAlias *)self)->origin, 1);
}

static const TrMethodDef ga_methods[] = {
    {"__mro_entries__", ga_m_mro_entries},
    {NULL, NULL},
};

static const TrNumberSlots ga_number = {
    .binop = {[TR_BINOP_OR] = union_or},
};

TrType tr_generic_alias_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "types.GenericAlias",
    .basicsize = sizeof(TrGenericAlias),
    .flags = TR_TPFLAG_BASETYPE,
    .base = &tr_object_type,
    .new_ = ga_new_slot,
    .dealloc = ga_dealloc,
    .repr = ga_repr,
    .hash = ga_hash,
    .richcompare = ga_richcompare,
    .call = ga_call,
    .getitem = ga_getitem,
    .getattr = ga_getattr,
    .number = &ga_number,
    .methods = ga_methods,
};
