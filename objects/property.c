/* objects/property.c: `property`, the data descriptor that routes attribute
 * get, set and delete on instances to three functions.
 * Threads: fget/fset/fdel/doc never change after creation (getter(),
 * setter() and deleter() return new properties); `name` is set once by the
 * class that takes the property in (__set_name__), before the class is
 * shared. */
#include "torii/torii.h"
#include "torii/class.h"

typedef struct TrProperty {
    TrObject ob_base;
    TrObject *fget, *fset, *fdel;   /* owned or NULL */
    TrObject *doc;                  /* owned or NULL */
    TrObject *name;                 /* owned or NULL: the attribute name, for messages */
} TrProperty;

TrObject *property_fget(TrObject *prop) { return ((TrProperty *)prop)->fget; }

static TrProperty *make(TrThread *ts, TrType *type, TrObject *fget, TrObject *fset, TrObject *fdel,
                        TrObject *doc, TrObject *name) {
    TrProperty *p = (TrProperty *)tr_alloc(ts, type);
    if (!p) return NULL;
    p->fget = fget && fget != tr_none ? tr_newref(fget) : NULL;
    p->fset = fset && fset != tr_none ? tr_newref(fset) : NULL;
    p->fdel = fdel && fdel != tr_none ? tr_newref(fdel) : NULL;
    p->doc = doc && doc != tr_none ? tr_newref(doc) : NULL;
    p->name = name ? tr_newref(name) : NULL;
    if (!p->doc && p->fget) {
        TrObject *d = tr_getattr_cstr(ts, p->fget, "__doc__");
        if (d && d != tr_none) p->doc = d;
        else { tr_xdecref(d); err_clear(ts); }
    }
    if (!p->name && p->fget) {
        TrObject *n = tr_getattr_cstr(ts, p->fget, "__name__");
        if (n && str_check(n)) p->name = n;
        else { tr_xdecref(n); err_clear(ts); }
    }
    return p;
}

void property_set_name(TrObject *prop, TrObject *name) {
    TrProperty *p = (TrProperty *)prop;
    TrObject *old = p->name;
    p->name = tr_newref(name);
    tr_xdecref(old);
}

static TrObject *prop_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const kw[] = {"fget", "fset", "fdel", "doc"};
    TrObject *a[4] = {NULL, NULL, NULL, NULL};
    if (nargs > 4)
        return err_format(ts, &tr_exc_TypeError, "property() takes at most 4 arguments (%zu given)", nargs);
    for (size_t i = 0; i < nargs; i++) a[i] = args[i];
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    for (size_t i = 0; i < nkw; i++) {
        TrObject *k = tuple_get(kwnames, i);
        size_t j = 0;
        while (j < 4 && !str_equal_cstr(k, kw[j])) j++;
        if (j == 4)
            return err_format(ts, &tr_exc_TypeError, "property() got an unexpected keyword argument '%S'", k);
        if (a[j])
            return err_format(ts, &tr_exc_TypeError,
                              "argument for property() given by name ('%s') and position (%zu)", kw[j], j + 1);
        a[j] = args[nargs + i];
    }
    return (TrObject *)make(ts, type, a[0], a[1], a[2], a[3], NULL);
}

static void prop_dealloc(TrThread *ts, TrObject *o) {
    TrProperty *p = (TrProperty *)o;
    TR_CLEAR(p->fget);
    TR_CLEAR(p->fset);
    TR_CLEAR(p->fdel);
    TR_CLEAR(p->doc);
    TR_CLEAR(p->name);
    tr_free(o);
}

static TrObject *no_accessor(TrThread *ts, TrProperty *p, TrObject *obj, const char *what) {
    if (p->name)
        return err_format(ts, &tr_exc_AttributeError, "property %R of '%s' object has no %s", p->name,
                          type_qualname(tr_type(obj)), what);
    return err_format(ts, &tr_exc_AttributeError, "property of '%s' object has no %s",
                      type_qualname(tr_type(obj)), what);
}

static TrObject *prop_get(TrThread *ts, TrObject *descr, TrObject *obj, TrType *type) {
    TrProperty *p = (TrProperty *)descr;
    if (!obj) return tr_newref(descr);
    if (!p->fget) return no_accessor(ts, p, obj, "getter");
    return tr_call(ts, p->fget, &obj, 1, NULL);
}

static int prop_set(TrThread *ts, TrObject *descr, TrObject *obj, TrObject *value) {
    TrProperty *p = (TrProperty *)descr;
    TrObject *f = value ? p->fset : p->fdel;
    if (!f) {
        no_accessor(ts, p, obj, value ? "setter" : "deleter");
        return -1;
    }
    TrObject *args[2] = {obj, value};
    TrObject *r = tr_call(ts, f, args, value ? 2 : 1, NULL);
    if (!r) return -1;
    tr_decref(r);
    return 0;
}

static TrObject *copy_with(TrThread *ts, TrObject *self, int which, TrObject *const *args, size_t nargs,
                           TrObject *kwnames, const char *fname) {
    if (tr_check_args(ts, fname, nargs, kwnames, 1, 1) < 0) return NULL;
    TrProperty *p = (TrProperty *)self;
    TrObject *f[3] = {p->fget, p->fset, p->fdel};
    f[which] = args[0];
    /* a doc taken from the old getter follows the new getter */
    TrObject *doc = which == 0 ? NULL : p->doc;
    return (TrObject *)make(ts, tr_type(self), f[0], f[1], f[2], doc, p->name);
}

static TrObject *m_getter(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    return copy_with(ts, self, 0, args, nargs, kw, "getter");
}
static TrObject *m_setter(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    return copy_with(ts, self, 1, args, nargs, kw, "setter");
}
static TrObject *m_deleter(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    return copy_with(ts, self, 2, args, nargs, kw, "deleter");
}

static TrObject *m_set_name(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_args(ts, "__set_name__", nargs, kw, 2, 2) < 0) return NULL;
    property_set_name(self, args[1]);
    return tr_newref(tr_none);
}

static TrObject *prop_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    TrProperty *p = (TrProperty *)o;
    TrObject *v = NULL;
    int hit = 1;
    if (str_equal_cstr(name, "fget")) v = p->fget;
    else if (str_equal_cstr(name, "fset")) v = p->fset;
    else if (str_equal_cstr(name, "fdel")) v = p->fdel;
    else if (str_equal_cstr(name, "__doc__")) v = p->doc;
    else if (str_equal_cstr(name, "__name__") && p->name) v = p->name;
    else hit = 0;
    if (hit) return tr_newref(v ? v : tr_none);
    return tr_generic_getattr(ts, o, name);
}

static const TrMethodDef prop_methods[] = {
    {"getter", m_getter},
    {"setter", m_setter},
    {"deleter", m_deleter},
    {"__set_name__", m_set_name},
    {NULL, NULL},
};

TrType tr_property_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "property",
    .basicsize = sizeof(TrProperty),
    .flags = TR_TPFLAG_BASETYPE,
    .base = &tr_object_type,
    .dealloc = prop_dealloc,
    .new_ = prop_new,
    .getattr = prop_getattr,
    .methods = prop_methods,
    .descr_get = prop_get,
    .descr_set = prop_set,
};
