/* objects/staticmethod.c: `staticmethod`, a wrapper in a class dict that
 * makes a function come out of both the class and its instances unbound.
 * Threads: immutable after creation. */
#include "torii/torii.h"
#include "torii/class.h"

typedef struct TrStaticMethod {
    TrObject ob_base;
    TrObject *func;           /* owned: the wrapped callable */
} TrStaticMethod;

TrObject *staticmethod_func(TrObject *sm) { return ((TrStaticMethod *)sm)->func; }

static TrObject *sm_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_no_kwargs(ts, "staticmethod", kwnames) < 0) return NULL;
    if (tr_check_nargs(ts, "staticmethod", nargs, 1, 1) < 0) return NULL;
    TrStaticMethod *sm = (TrStaticMethod *)tr_alloc(ts, type);
    if (!sm) return NULL;
    sm->func = tr_newref(args[0]);
    return (TrObject *)sm;
}

static void sm_dealloc(TrThread *ts, TrObject *o) {
    TR_CLEAR(((TrStaticMethod *)o)->func);
    tr_free(o);
}

static TrObject *sm_get(TrThread *ts, TrObject *descr, TrObject *obj, TrType *type) {
    return tr_newref(((TrStaticMethod *)descr)->func);
}

static TrObject *sm_call(TrThread *ts, TrObject *o, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return tr_call(ts, ((TrStaticMethod *)o)->func, args, nargs, kwnames);
}

static TrObject *sm_repr(TrThread *ts, TrObject *o) {
    return str_format(ts, "<staticmethod(%R)>", ((TrStaticMethod *)o)->func);
}

/* __func__ and __wrapped__; __name__, __doc__ and the rest come from the function. */
static TrObject *sm_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    TrStaticMethod *sm = (TrStaticMethod *)o;
    if (str_equal_cstr(name, "__func__") || str_equal_cstr(name, "__wrapped__")) return tr_newref(sm->func);
    TrObject *r = tr_generic_getattr(ts, o, name);
    if (r || !err_matches(ts, &tr_exc_AttributeError)) return r;
    err_clear(ts);
    r = tr_getattr(ts, sm->func, name);
    if (!r && err_matches(ts, &tr_exc_AttributeError)) {
        err_clear(ts);
        err_format(ts, &tr_exc_AttributeError, "'staticmethod' object has no attribute '%S'", name);
    }
    return r;
}

TrType tr_staticmethod_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "staticmethod",
    .basicsize = sizeof(TrStaticMethod),
    .flags = TR_TPFLAG_BASETYPE,
    .base = &tr_object_type,
    .dealloc = sm_dealloc,
    .repr = sm_repr,
    .call = sm_call,
    .new_ = sm_new,
    .getattr = sm_getattr,
    .descr_get = sm_get,
};
