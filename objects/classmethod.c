/* objects/classmethod.c: `classmethod`, a wrapper in a class dict that binds
 * a function to the class (of the instance) it is looked up through.
 * Threads: immutable after creation. */
#include "torii/torii.h"
#include "torii/class.h"

typedef struct TrClassMethod {
    TrObject ob_base;
    TrObject *func;           /* owned: the wrapped callable */
} TrClassMethod;

TrObject *classmethod_func(TrObject *cm) { return ((TrClassMethod *)cm)->func; }

static TrObject *cm_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_no_kwargs(ts, "classmethod", kwnames) < 0) return NULL;
    if (tr_check_nargs(ts, "classmethod", nargs, 1, 1) < 0) return NULL;
    TrClassMethod *cm = (TrClassMethod *)tr_alloc(ts, type);
    if (!cm) return NULL;
    cm->func = tr_newref(args[0]);
    return (TrObject *)cm;
}

static void cm_dealloc(TrThread *ts, TrObject *o) {
    TR_CLEAR(((TrClassMethod *)o)->func);
    tr_free(o);
}

static TrObject *cm_get(TrThread *ts, TrObject *descr, TrObject *obj, TrType *type) {
    TrObject *owner = type ? (TrObject *)type : (TrObject *)tr_type(obj);
    return method_new(ts, ((TrClassMethod *)descr)->func, owner);
}

static TrObject *cm_repr(TrThread *ts, TrObject *o) {
    return str_format(ts, "<classmethod(%R)>", ((TrClassMethod *)o)->func);
}

static TrObject *cm_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    TrClassMethod *cm = (TrClassMethod *)o;
    if (str_equal_cstr(name, "__func__") || str_equal_cstr(name, "__wrapped__")) return tr_newref(cm->func);
    TrObject *r = tr_generic_getattr(ts, o, name);
    if (r || !err_matches(ts, &tr_exc_AttributeError)) return r;
    err_clear(ts);
    r = tr_getattr(ts, cm->func, name);
    if (!r && err_matches(ts, &tr_exc_AttributeError)) {
        err_clear(ts);
        err_format(ts, &tr_exc_AttributeError, "'classmethod' object has no attribute '%S'", name);
    }
    return r;
}

TrType tr_classmethod_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "classmethod",
    .basicsize = sizeof(TrClassMethod),
    .flags = TR_TPFLAG_BASETYPE,
    .base = &tr_object_type,
    .dealloc = cm_dealloc,
    .repr = cm_repr,
    .new_ = cm_new,
    .getattr = cm_getattr,
    .descr_get = cm_get,
};
