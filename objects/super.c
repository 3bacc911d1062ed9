/* objects/super.c: `super`, the proxy that looks attributes up in the MRO
 * of an object's class after a given class.  `super()` with no arguments
 * takes the class from the calling method's `__class__` cell and the object
 * from its first argument (core/vm.c: vm_super_args).
 * Threads: immutable after creation.  The two classes a super object holds
 * are counted in the creating and the releasing thread's class deltas
 * (threads/typeref.h), as instances count their class: `super().m()` in
 * methods that every thread runs writes no shared count. */
#include "torii/torii.h"
#include "torii/class.h"
#include "threads/typeref.h"

typedef struct TrSuper {
    TrObject ob_base;
    TrType *type;             /* owned: the class to start after */
    TrObject *obj;            /* owned: the instance (or class, in a classmethod) */
    TrType *obj_type;         /* owned: the class whose MRO is searched */
} TrSuper;

/* A reference to class `t`, counted in `ts`'s delta for a heap class. */
static TrType *hold_type(TrThread *ts, TrObject *t) {
    if (((TrType *)t)->flags & TR_TPFLAG_HEAPTYPE) typeref_incref(ts, ((TrHeapType *)t)->tref, t);
    else tr_incref(t);
    return (TrType *)t;
}

static void drop_type(TrThread *ts, TrType *t) {
    if (t->flags & TR_TPFLAG_HEAPTYPE) typeref_decref(ts, ((TrHeapType *)t)->tref, (TrObject *)t);
    else tr_decref((TrObject *)t);
}

static TrObject *super_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_no_kwargs(ts, "super", kwnames) < 0) return NULL;
    TrObject *t, *obj;   /* borrowed */
    int t_owned = 0;
    if (nargs == 0) {
        if ((t_owned = vm_super_args(ts, &t, &obj)) < 0) return NULL;
    } else if (nargs == 2) {
        t = args[0];
        obj = args[1];
    } else if (nargs == 1) {
        return err_format(ts, &tr_exc_TypeError, "torii: unbound super objects are not supported yet");
    } else {
        return err_format(ts, &tr_exc_TypeError, "super() takes at most 2 arguments (%zu given)", nargs);
    }
    TrSuper *s = NULL;
    if (!tr_isinstance(t, &tr_type_type)) {
        err_format(ts, &tr_exc_TypeError, "super() argument 1 must be a type, not %s", tr_type_name(t));
        goto done;
    }
    TrType *ot;
    if (tr_isinstance(obj, &tr_type_type) && tr_type_is_subtype((TrType *)obj, (TrType *)t))
        ot = (TrType *)obj;
    else if (tr_isinstance(obj, (TrType *)t))
        ot = tr_type(obj);
    else {
        if (tr_isinstance(obj, &tr_type_type))
            err_format(ts, &tr_exc_TypeError,
                       "super(type, obj): obj (type %s) is not an instance or subtype of type (%s).",
                       type_qualname((TrType *)obj), type_qualname((TrType *)t));
        else
            err_format(ts, &tr_exc_TypeError,
                       "super(type, obj): obj (instance of %s) is not an instance or subtype of type (%s).",
                       tr_type_name(obj), type_qualname((TrType *)t));
        goto done;
    }
    s = (TrSuper *)tr_alloc(ts, type);
    if (!s) goto done;
    s->type = hold_type(ts, t);
    s->obj = tr_newref(obj);
    s->obj_type = hold_type(ts, (TrObject *)ot);
done:
    if (t_owned) tr_decref(t);
    return (TrObject *)s;
}

static void super_dealloc(TrThread *ts, TrObject *o) {
    TrSuper *s = (TrSuper *)o;
    drop_type(ts, s->type);
    tr_decref(s->obj);
    drop_type(ts, s->obj_type);
    tr_free(o);
}

/* `name` in the dicts of obj_type's MRO after `type`: new reference or NULL. */
static TrObject *lookup_after(TrThread *ts, TrSuper *s, TrObject *name) {
    size_t n;
    TrType *const *mro = class_mro(s->obj_type, &n);
    int seen = 0;
    if (mro) {
        for (size_t i = 0; i < n; i++) {
            if (!seen) { seen = mro[i] == s->type; continue; }
            if (!mro[i]->dict) continue;
            TrObject *v = dict_get(ts, mro[i]->dict, name);
            if (v || err_occurred(ts)) return v;
        }
        return NULL;
    }
    for (TrType *t = s->obj_type; t; t = t->base) {
        if (!seen) { seen = t == s->type; continue; }
        if (!t->dict) continue;
        TrObject *v = dict_get(ts, t->dict, name);
        if (v || err_occurred(ts)) return v;
    }
    return NULL;
}

int super_method(TrThread *ts, TrObject *o, TrObject *name, TrObject **fn, TrObject **self) {
    TrSuper *s = (TrSuper *)o;
    if (s->obj == (TrObject *)s->obj_type) return 0;   /* on a class: no binding */
    size_t n;
    TrType *const *mro = class_mro(s->obj_type, &n);
    if (!mro) return 0;
    size_t i = 0;
    while (i < n && mro[i] != s->type) i++;
    for (i++; i < n; i++) {
        if (!mro[i]->dict) continue;
        TrObject *v;
        int r = dict_get_ref(ts, mro[i]->dict, name, &v);
        if (r < 0) return -1;
        if (r == 0) continue;
        if (tr_type(v) != &tr_function_type) {
            if (r == 1) tr_decref(v);
            return 0;
        }
        *fn = v;
        *self = tr_newref(s->obj);
        return r;
    }
    return 0;
}

static TrObject *super_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    TrSuper *s = (TrSuper *)o;
    if (!str_equal_cstr(name, "__class__")) {
        TrObject *v = lookup_after(ts, s, name);
        if (v) {
            TrType *vt = tr_type(v);
            int on_class = s->obj == (TrObject *)s->obj_type;
            TrObject *r;
            if (vt == &tr_function_type)
                r = on_class ? tr_newref(v) : method_new(ts, v, s->obj);
            else if (vt == &tr_method_descr_type && str_equal_cstr(name, "__new__"))
                r = tr_newref(v);   /* a static method: super().__new__(cls, ...) passes cls itself */
            else if (vt == &tr_method_descr_type)
                r = cfunction_new(ts, ((TrMethodDescr *)v)->def->name, ((TrMethodDescr *)v)->def->fn, s->obj);
            else if (vt->descr_get)
                r = vt->descr_get(ts, v, on_class ? NULL : s->obj, s->obj_type);
            else
                r = tr_newref(v);
            tr_decref(v);
            return r;
        }
        if (err_occurred(ts)) return NULL;
    }
    TrObject *r = tr_generic_getattr(ts, o, name);
    if (!r && err_matches(ts, &tr_exc_AttributeError)) {
        err_clear(ts);
        err_format(ts, &tr_exc_AttributeError, "'super' object has no attribute '%S'", name);
    }
    return r;
}

static TrObject *super_repr(TrThread *ts, TrObject *o) {
    TrSuper *s = (TrSuper *)o;
    return str_format(ts, "<super: %R, <%s object>>", (TrObject *)s->type, type_qualname(s->obj_type));
}

TrType tr_super_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "super",
    .basicsize = sizeof(TrSuper),
    .flags = TR_TPFLAG_BASETYPE,
    .base = &tr_object_type,
    .dealloc = super_dealloc,
    .repr = super_repr,
    .new_ = super_new,
    .getattr = super_getattr,
};
