/* objects/getset.c: `getset_descriptor`, a data descriptor whose value a C
 * function computes from the instance (a class's `__weakref__`).  Read-only:
 * assigning or deleting raises AttributeError as CPython words it.
 * Threads: a descriptor never changes after creation; `get` is called with
 * the instance borrowed and does its own locking. */
#include "torii/torii.h"
#include "torii/class.h"

typedef struct TrGetSet {
    TrObject ob_base;
    TrType *owner;            /* the class it describes: borrowed (the class holds us) */
    TrObject *name;           /* owned str */
    tr_getter get;
} TrGetSet;

TrObject *getset_descr_new(TrThread *ts, TrType *owner, const char *name, tr_getter get) {
    TrGetSet *g = (TrGetSet *)tr_alloc(ts, &tr_getset_descr_type);
    if (!g) return NULL;
    g->owner = owner;
    g->get = get;
    if (!(g->name = str_from_cstr(ts, name))) {
        tr_decref((TrObject *)g);
        return NULL;
    }
    return (TrObject *)g;
}

static void getset_dealloc(TrThread *ts, TrObject *o) {
    (void)ts;
    TR_CLEAR(((TrGetSet *)o)->name);
    tr_free(o);
}

static TrObject *getset_repr(TrThread *ts, TrObject *o) {
    TrGetSet *g = (TrGetSet *)o;
    return str_format(ts, "<attribute '%S' of '%s' objects>", g->name, g->owner->name);
}

static int check_obj(TrThread *ts, TrGetSet *g, TrObject *obj) {
    if (tr_isinstance(obj, g->owner)) return 0;
    err_format(ts, &tr_exc_TypeError, "descriptor '%S' for '%s' objects doesn't apply to a '%s' object", g->name,
               g->owner->name, tr_type_name(obj));
    return -1;
}

static TrObject *getset_get(TrThread *ts, TrObject *descr, TrObject *obj, TrType *type) {
    (void)type;
    TrGetSet *g = (TrGetSet *)descr;
    if (!obj) return tr_newref(descr);
    if (check_obj(ts, g, obj) < 0) return NULL;
    return g->get(ts, obj);
}

static int getset_set(TrThread *ts, TrObject *descr, TrObject *obj, TrObject *value) {
    (void)value;
    TrGetSet *g = (TrGetSet *)descr;
    if (check_obj(ts, g, obj) < 0) return -1;
    err_format(ts, &tr_exc_AttributeError, "attribute '%S' of '%s' objects is not writable", g->name,
               g->owner->name);
    return -1;
}

static TrObject *getset_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    TrGetSet *g = (TrGetSet *)o;
    if (str_equal_cstr(name, "__name__")) return tr_newref(g->name);
    if (str_equal_cstr(name, "__objclass__")) return tr_newref((TrObject *)g->owner);
    if (str_equal_cstr(name, "__qualname__")) return str_format(ts, "%s.%S", type_qualname(g->owner), g->name);
    return tr_generic_getattr(ts, o, name);
}

static TrObject *m_get(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_args(ts, "__get__", nargs, kw, 1, 2) < 0) return NULL;
    TrObject *obj = args[0] == tr_none ? NULL : args[0];
    TrType *type = nargs > 1 && args[1] != tr_none ? (TrType *)args[1] : NULL;
    if (!obj && !type) return err_format(ts, &tr_exc_TypeError, "__get__(None, None) is invalid");
    return getset_get(ts, self, obj, type);
}

static TrObject *m_set(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_args(ts, "__set__", nargs, kw, 2, 2) < 0) return NULL;
    return getset_set(ts, self, args[0], args[1]) < 0 ? NULL : tr_newref(tr_none);
}

static const TrMethodDef getset_methods[] = {
    {"__get__", m_get},
    {"__set__", m_set},
    {NULL, NULL},
};

TrType tr_getset_descr_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "getset_descriptor",
    .basicsize = sizeof(TrGetSet),
    .base = &tr_object_type,
    .dealloc = getset_dealloc,
    .repr = getset_repr,
    .getattr = getset_getattr,
    .methods = getset_methods,
    .descr_get = getset_get,
    .descr_set = getset_set,
};
