/* objects/none.c: the singletons None, NotImplemented and Ellipsis and their
 * types (NoneType, NotImplementedType, ellipsis).  Each is a static immortal
 * object; calling its type returns it.
 * Threads: immutable; no locks. */
#include "torii/torii.h"
#include "torii/genericalias.h"


TrObject tr_none_obj = TR_STATIC_HEADER(&tr_none_type);
TrObject tr_notimpl_obj = TR_STATIC_HEADER(&tr_notimpl_type);
TrObject tr_ellipsis_obj = TR_STATIC_HEADER(&tr_ellipsis_type);

/* The identity hash CPython gives objects without __hash__ (_Py_HashPointer). */
static int64_t pointer_hash(TrThread *ts, TrObject *o) {
    uintptr_t y = (uintptr_t)o;
    y = (y >> 4) | (y << (8 * sizeof(uintptr_t) - 4));
    int64_t h = (int64_t)y;
    return h == -1 ? -2 : h;
}

static TrObject *none_repr(TrThread *ts, TrObject *o) { return str_intern_cstr(ts, "None"); }
static TrObject *notimpl_repr(TrThread *ts, TrObject *o) { return str_intern_cstr(ts, "NotImplemented"); }
static TrObject *ellipsis_repr(TrThread *ts, TrObject *o) { return str_intern_cstr(ts, "Ellipsis"); }

/* CPython 3.12+ gives None a constant hash. */
static int64_t none_hash(TrThread *ts, TrObject *o) { return 0xFCA86420; }
static int none_truth(TrThread *ts, TrObject *o) { return 0; }

static TrObject *singleton_new(TrThread *ts, TrObject *const *args, size_t nargs, TrObject *kwnames,
                               const char *tname, TrObject *result) {
    if (nargs || (kwnames && tuple_size(kwnames)))
        return err_format(ts, &tr_exc_TypeError, "%s takes no arguments", tname);
    return result;
}

static TrObject *none_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return singleton_new(ts, args, nargs, kwnames, "NoneType", tr_none);
}
static TrObject *notimpl_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs,
                             TrObject *kwnames) {
    return singleton_new(ts, args, nargs, kwnames, "NotImplementedType", tr_notimplemented);
}
static TrObject *ellipsis_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs,
                              TrObject *kwnames) {
    return singleton_new(ts, args, nargs, kwnames, "EllipsisType", tr_ellipsis);
}

/* None | int: a union (objects/union.c) */
static const TrNumberSlots none_number = {
    .binop = {[TR_BINOP_OR] = union_or},
};

TrType tr_none_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "NoneType",
    .basicsize = sizeof(TrObject),
    .base = &tr_object_type,
    .repr = none_repr,
    .hash = none_hash,
    .truth = none_truth,
    .new_ = none_new,
    .number = &none_number,
};

TrType tr_notimpl_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "NotImplementedType",
    .basicsize = sizeof(TrObject),
    .base = &tr_object_type,
    .repr = notimpl_repr,
    .hash = pointer_hash,
    .new_ = notimpl_new,
};

TrType tr_ellipsis_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "ellipsis",
    .basicsize = sizeof(TrObject),
    .base = &tr_object_type,
    .repr = ellipsis_repr,
    .hash = pointer_hash,
    .new_ = ellipsis_new,
};
