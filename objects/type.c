/* objects/type.c: `type`, the type of every type object; type_ready, which
 * fills a type's dict and inherits its slots; and the generic attribute
 * protocol (type_lookup, tr_generic_getattr, tr_generic_setattr).
 * Threads: builtin types are readied once at start-up, before any second
 * thread exists, and never change after (their dicts are immortal and
 * read-only).  A class's dict is a normal dict: its own lock guards it.  An
 * instance `__dict__` pointer is installed once with a CAS and never
 * replaced, so readers take it with an acquire load.
 * Lock order: none taken here besides the dicts' own. */
#include <stdlib.h>
#include <string.h>
#include "torii/torii.h"
#include "torii/genericalias.h"
#include "threads/typeref.h"
#include "torii/class.h"
#include "objects/inline_attrs.h"

/* ---- lookup and binding ------------------------------------------------ */

/* Through dict_get_ref: a str key finding an immortal or deferred value (every
 * builtin type's methods, a class's functions) reads no lock and writes
 * nothing, so threads looking up the same type do not contend. */
int type_lookup_ref(TrThread *ts, TrType *type, TrObject *name, TrObject **out) {
    size_t nmro;
    TrType *const *mro = class_mro(type, &nmro);
    for (size_t i = 0; i < nmro; i++) {     /* a class: its C3 order */
        if (!mro[i]->dict) continue;
        int r = dict_get_ref(ts, mro[i]->dict, name, out);
        if (r != 0) return r;
    }
    if (mro) return 0;
    for (TrType *t = type; t; t = t->base) {
        if (!t->dict) continue;
        int r = dict_get_ref(ts, t->dict, name, out);
        if (r != 0) return r;
    }
    return 0;
}

TrObject *type_lookup(TrThread *ts, TrType *type, TrObject *name) {
    TrObject *v;
    int r = type_lookup_ref(ts, type, name, &v);
    if (r == 2) tr_incref(v);
    return r > 0 ? v : NULL;
}

TrObject *type_bind_take(TrThread *ts, TrObject *attr, TrObject *obj) {
    TrType *at = tr_type(attr);
    if (at->descr_get) {
        TrObject *r = at->descr_get(ts, attr, obj, tr_type(obj));
        tr_decref(attr);
        return r;
    }
    if (at == &tr_function_type) {
        TrObject *r = method_new(ts, attr, obj);
        tr_decref(attr);
        return r;
    }
    return attr;
}

const char *type_qualname(TrType *type) {
    if ((type->flags & TR_TPFLAG_HEAPTYPE) && type->dict) {
        TrThread *ts = tr_thread_current();
        TrObject *q = dict_get_cstr(ts, type->dict, "__qualname__");
        if (!q) { err_clear(ts); return type->name; }
        /* borrowed: the class dict keeps it alive */
        const char *s = str_check(q) ? str_utf8(q) : type->name;
        tr_decref(q);
        return s;
    }
    return type->name;
}

static TrObject **dict_slot(TrObject *o) {
    TrType *t = tr_type(o);
    if (tr_is_imm(o) || !t->dictoffset) return NULL;
    return (TrObject **)((char *)o + t->dictoffset);
}

/* The instance dict of `o`, created on first use.  Borrowed (owned by `o`);
 * NULL with MemoryError. */
static TrObject *instance_dict(TrThread *ts, TrObject **slot) {
    /* acquire: pairs with the CAS below that publishes a new dict */
    TrObject *d = atomic_load_ptr_acquire((void **)slot);
    if (d) return d;
    TrObject *nd = dict_new(ts);
    if (!nd) return NULL;
    uintptr_t seen = atomic_cas_uptr((uintptr_t *)slot, 0, (uintptr_t)nd);
    if (seen != 0) {         /* another thread installed one first */
        tr_decref(nd);
        return (TrObject *)seen;
    }
    return nd;
}

/* tr_generic_getattr; when `quiet`, a missing attribute returns NULL with
 * no exception set (nothing is formatted: getattr(o, n, default), hasattr). */
static TrObject *generic_getattr(TrThread *ts, TrObject *o, TrObject *name, int quiet) {
    TrType *t = tr_type(o);
    TrObject *attr = type_lookup(ts, t, name);
    if (!attr && err_occurred(ts)) return NULL;
    if (attr && tr_type(attr)->descr_set)     /* data descriptor wins */
        return type_bind_take(ts, attr, o);
    TrObject **slot = dict_slot(o);
    const InlineKeys *k = slot ? inl_keys(t) : NULL;
    if (k) {
        TrObject *v;
        int g = inl_lookup(ts, o, t, k, name, &v);   /* -2: a dict, read below */
        if (g > 0) { tr_xdecref(attr); return g == 2 ? tr_newref(v) : v; }
    }
    if (slot) {
        TrObject *d = atomic_load_ptr_acquire((void **)slot);
        if (d) {
            TrObject *v = dict_get(ts, d, name);
            if (v) { tr_xdecref(attr); return v; }
            if (err_occurred(ts)) { tr_xdecref(attr); return NULL; }
        }
    }
    if (attr) return type_bind_take(ts, attr, o);
    if (str_equal_cstr(name, "__class__")) return tr_newref((TrObject *)t);
    if (slot && str_equal_cstr(name, "__dict__")) {
        TrObject *d = k ? inl_materialize(ts, o, t, k) : instance_dict(ts, slot);
        return d ? tr_newref(d) : NULL;
    }
    if (quiet) return NULL;
    return err_format(ts, &tr_exc_AttributeError, "'%s' object has no attribute '%S'",
                      type_qualname(t), name);
}

TrObject *tr_generic_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    return generic_getattr(ts, o, name, 0);
}

TrObject *tr_getattr_opt(TrThread *ts, TrObject *o, TrObject *name) {
    TrType *t = tr_type(o);
    TrObject *v = !t->getattr || t->getattr == tr_generic_getattr ? generic_getattr(ts, o, name, 1)
                                                                   : t->getattr(ts, o, name);
    /* a property or __getattr__ that raised AttributeError counts as missing too */
    if (!v && err_matches(ts, &tr_exc_AttributeError)) err_clear(ts);
    return v;
}

int tr_generic_setattr(TrThread *ts, TrObject *o, TrObject *name, TrObject *value) {
    TrType *t = tr_type(o);
    TrObject *attr = type_lookup(ts, t, name);
    if (!attr && err_occurred(ts)) return -1;
    if (attr && tr_type(attr)->descr_set) {
        int r = tr_type(attr)->descr_set(ts, attr, o, value);
        tr_decref(attr);
        return r;
    }
    TrObject **slot = dict_slot(o);
    if (!slot) {
        if (attr && tr_type(attr) == &tr_method_descr_type) {
            tr_decref(attr);
            err_format(ts, &tr_exc_AttributeError, "'%s' object attribute '%S' is read-only",
                       type_qualname(t), name);
            return -1;
        }
        tr_xdecref(attr);
        err_format(ts, &tr_exc_AttributeError,
                   "'%s' object has no attribute '%S' and no __dict__ for setting new attributes",
                   type_qualname(t), name);
        return -1;
    }
    tr_xdecref(attr);
    const InlineKeys *k = inl_keys(t);
    TrObject *d;
    if (k) {
        int i = inl_index(k, name);
        int r = i >= 0 ? inl_set(ts, o, t, k, i, value)
                : (!value && !atomic_load_ptr_acquire((void **)slot)) ? 0 : -2;
        if (r == -1) return -1;
        if (r == 1) return 0;
        if (r == 0) {
            err_format(ts, &tr_exc_AttributeError, "'%s' object has no attribute '%S'", type_qualname(t), name);
            return -1;
        }
        d = inl_materialize(ts, o, t, k);
    } else {
        d = instance_dict(ts, slot);
    }
    if (!d) return -1;
    if (value) return dict_set(ts, d, name, value);
    if (dict_del(ts, d, name) < 0) {
        if (err_matches(ts, &tr_exc_KeyError)) {
            err_format(ts, &tr_exc_AttributeError, "'%s' object has no attribute '%S'",
                       type_qualname(t), name);
        }
        return -1;
    }
    return 0;
}

/* ---- type_ready -------------------------------------------------------- */

/* Copies the slots `type` leaves NULL from `base`, as CPython inherits them:
 * `hash` and `richcompare` only together (a type that defines == without
 * hash stays unhashable); `str` not when the type has its own repr and the
 * base's str is just its repr (so bool's str is bool's repr, not int's);
 * `new_` not from `object` for builtin types (they cannot be created by
 * calling them unless they say how). */
static void inherit(TrType *type, TrType *base) {
#define INHERIT(f) if (!type->f) type->f = base->f
    if (!type->basicsize) type->basicsize = base->basicsize;
    INHERIT(dealloc);
    if (!type->str && !(type->repr && base->str == base->repr)) type->str = base->str;
    INHERIT(repr);
    if (!type->hash && !type->richcompare) {
        type->hash = base->hash;
        type->richcompare = base->richcompare;
    }
    INHERIT(truth);
    INHERIT(len);
    INHERIT(getitem);
    INHERIT(setitem);
    INHERIT(contains);
    INHERIT(iter);
    INHERIT(iternext);
    INHERIT(call);
    if (!type->new_ && (base != &tr_object_type || (type->flags & TR_TPFLAG_HEAPTYPE)))
        type->new_ = base->new_;
    INHERIT(getattr);
    INHERIT(setattr);
    INHERIT(number);
    INHERIT(dictoffset);
    INHERIT(descr_get);
    INHERIT(descr_set);
    if (base->flags & TR_TPFLAG_EXCEPTION) type->flags |= TR_TPFLAG_EXCEPTION;
#undef INHERIT
}

/* ---- slot wrappers for builtin types ------------------------------------
 * `list.__len__`, `(1).__add__(2)`, `super().__getitem__(k)`: a builtin type
 * whose C slot is its own (not inherited unchanged from its base) gets the
 * special method name in its dict, as a method descriptor whose function
 * calls the slot of the receiver's nearest builtin type (so a class that
 * overrides __len__ and calls super().__len__() reaches the builtin slot,
 * not itself).  Names the type's methods table already defines win. */

static TrType *builtin_base(TrObject *self) {
    TrType *t = tr_type(self);
    while (t->flags & TR_TPFLAG_HEAPTYPE) t = t->base;
    return t;
}

static TrObject *unary_result(TrThread *ts, tr_unaryfunc f, TrObject *self, const char *name,
                              size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, name, nargs, kwnames, 0, 0) < 0) return NULL;
    return f(ts, self);
}

#define SW_UNARY(fname, pyname, EXPR) \
    static TrObject *fname(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, \
                           TrObject *kwnames) { \
        TrType *t = builtin_base(self); \
        return unary_result(ts, EXPR, self, pyname, nargs, kwnames); \
    }
SW_UNARY(sw_repr, "__repr__", t->repr)
SW_UNARY(sw_str, "__str__", t->str)
SW_UNARY(sw_iter, "__iter__", t->iter)
SW_UNARY(sw_neg, "__neg__", t->number->neg)
SW_UNARY(sw_pos, "__pos__", t->number->pos)
SW_UNARY(sw_abs, "__abs__", t->number->abs)
SW_UNARY(sw_invert, "__invert__", t->number->invert)
SW_UNARY(sw_int, "__int__", t->number->to_int)
SW_UNARY(sw_float, "__float__", t->number->to_float)
SW_UNARY(sw_index, "__index__", t->number->index)
#undef SW_UNARY

static TrObject *sw_next(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                         TrObject *kwnames) {
    if (tr_check_args(ts, "__next__", nargs, kwnames, 0, 0) < 0) return NULL;
    TrObject *r = builtin_base(self)->iternext(ts, self);
    if (!r && !err_occurred(ts)) err_raise(ts, exc_new(ts, &tr_exc_StopIteration, NULL, 0));
    return r;
}

static TrObject *sw_hash(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                         TrObject *kwnames) {
    if (tr_check_args(ts, "__hash__", nargs, kwnames, 0, 0) < 0) return NULL;
    int64_t h = builtin_base(self)->hash(ts, self);
    return h == -1 && err_occurred(ts) ? NULL : int_from_i64(ts, h);
}

static TrObject *sw_bool(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                         TrObject *kwnames) {
    if (tr_check_args(ts, "__bool__", nargs, kwnames, 0, 0) < 0) return NULL;
    int r = builtin_base(self)->truth(ts, self);
    return r < 0 ? NULL : tr_newref(r ? tr_true : tr_false);
}

static TrObject *sw_len(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                        TrObject *kwnames) {
    if (tr_check_args(ts, "__len__", nargs, kwnames, 0, 0) < 0) return NULL;
    ssize_t n = builtin_base(self)->len(ts, self);
    return n < 0 ? NULL : int_from_i64(ts, n);
}

static TrObject *sw_getitem(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                            TrObject *kwnames) {
    if (tr_check_args(ts, "__getitem__", nargs, kwnames, 1, 1) < 0) return NULL;
    return builtin_base(self)->getitem(ts, self, args[0]);
}

static TrObject *sw_setitem(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                            TrObject *kwnames) {
    if (tr_check_args(ts, "__setitem__", nargs, kwnames, 2, 2) < 0) return NULL;
    return builtin_base(self)->setitem(ts, self, args[0], args[1]) < 0 ? NULL : tr_newref(tr_none);
}

static TrObject *sw_delitem(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                            TrObject *kwnames) {
    if (tr_check_args(ts, "__delitem__", nargs, kwnames, 1, 1) < 0) return NULL;
    return builtin_base(self)->setitem(ts, self, args[0], NULL) < 0 ? NULL : tr_newref(tr_none);
}

static TrObject *sw_contains(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                             TrObject *kwnames) {
    if (tr_check_args(ts, "__contains__", nargs, kwnames, 1, 1) < 0) return NULL;
    int r = builtin_base(self)->contains(ts, self, args[0]);
    return r < 0 ? NULL : tr_newref(r ? tr_true : tr_false);
}

static TrObject *sw_call(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                         TrObject *kwnames) {
    return builtin_base(self)->call(ts, self, args, nargs, kwnames);
}

#define SW_CMP(fname, pyname, OP) \
    static TrObject *fname(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, \
                           TrObject *kwnames) { \
        if (tr_check_args(ts, pyname, nargs, kwnames, 1, 1) < 0) return NULL; \
        return builtin_base(self)->richcompare(ts, self, args[0], OP); \
    }
SW_CMP(sw_lt, "__lt__", TR_LT)
SW_CMP(sw_le, "__le__", TR_LE)
SW_CMP(sw_eq, "__eq__", TR_EQ)
SW_CMP(sw_ne, "__ne__", TR_NE)
SW_CMP(sw_gt, "__gt__", TR_GT)
SW_CMP(sw_ge, "__ge__", TR_GE)
#undef SW_CMP

#define SW_BINOP(OP, fwd, refl, FWDNAME, REFLNAME) \
    static TrObject *fwd(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, \
                         TrObject *kwnames) { \
        if (tr_check_args(ts, FWDNAME, nargs, kwnames, 1, 1) < 0) return NULL; \
        return builtin_base(self)->number->binop[OP](ts, self, args[0]); \
    } \
    static TrObject *refl(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, \
                          TrObject *kwnames) { \
        if (tr_check_args(ts, REFLNAME, nargs, kwnames, 1, 1) < 0) return NULL; \
        return builtin_base(self)->number->binop[OP](ts, args[0], self); \
    }
SW_BINOP(TR_BINOP_ADD, sw_add, sw_radd, "__add__", "__radd__")
SW_BINOP(TR_BINOP_SUB, sw_sub, sw_rsub, "__sub__", "__rsub__")
SW_BINOP(TR_BINOP_MUL, sw_mul, sw_rmul, "__mul__", "__rmul__")
SW_BINOP(TR_BINOP_TRUEDIV, sw_truediv, sw_rtruediv, "__truediv__", "__rtruediv__")
SW_BINOP(TR_BINOP_FLOORDIV, sw_floordiv, sw_rfloordiv, "__floordiv__", "__rfloordiv__")
SW_BINOP(TR_BINOP_MOD, sw_mod, sw_rmod, "__mod__", "__rmod__")
SW_BINOP(TR_BINOP_POW, sw_pow, sw_rpow, "__pow__", "__rpow__")
SW_BINOP(TR_BINOP_LSHIFT, sw_lshift, sw_rlshift, "__lshift__", "__rlshift__")
SW_BINOP(TR_BINOP_RSHIFT, sw_rshift, sw_rrshift, "__rshift__", "__rrshift__")
SW_BINOP(TR_BINOP_AND, sw_and, sw_rand, "__and__", "__rand__")
SW_BINOP(TR_BINOP_OR, sw_or, sw_ror, "__or__", "__ror__")
SW_BINOP(TR_BINOP_XOR, sw_xor, sw_rxor, "__xor__", "__rxor__")
SW_BINOP(TR_BINOP_MATMUL, sw_matmul, sw_rmatmul, "__matmul__", "__rmatmul__")
#undef SW_BINOP

static const TrMethodDef binop_wrappers[TR_BINOP_COUNT][2] = {
    {{"__add__", sw_add}, {"__radd__", sw_radd}}, {{"__sub__", sw_sub}, {"__rsub__", sw_rsub}},
    {{"__mul__", sw_mul}, {"__rmul__", sw_rmul}},
    {{"__truediv__", sw_truediv}, {"__rtruediv__", sw_rtruediv}},
    {{"__floordiv__", sw_floordiv}, {"__rfloordiv__", sw_rfloordiv}},
    {{"__mod__", sw_mod}, {"__rmod__", sw_rmod}}, {{"__pow__", sw_pow}, {"__rpow__", sw_rpow}},
    {{"__lshift__", sw_lshift}, {"__rlshift__", sw_rlshift}},
    {{"__rshift__", sw_rshift}, {"__rrshift__", sw_rrshift}},
    {{"__and__", sw_and}, {"__rand__", sw_rand}}, {{"__or__", sw_or}, {"__ror__", sw_ror}},
    {{"__xor__", sw_xor}, {"__rxor__", sw_rxor}},
    {{"__matmul__", sw_matmul}, {"__rmatmul__", sw_rmatmul}},
};
static const TrMethodDef cmp_wrappers[] = {
    {"__lt__", sw_lt}, {"__le__", sw_le}, {"__eq__", sw_eq},
    {"__ne__", sw_ne}, {"__gt__", sw_gt}, {"__ge__", sw_ge},
};
static const TrMethodDef w_repr = {"__repr__", sw_repr}, w_str = {"__str__", sw_str},
    w_hash = {"__hash__", sw_hash}, w_bool = {"__bool__", sw_bool}, w_len = {"__len__", sw_len},
    w_getitem = {"__getitem__", sw_getitem}, w_setitem = {"__setitem__", sw_setitem},
    w_delitem = {"__delitem__", sw_delitem}, w_contains = {"__contains__", sw_contains},
    w_iter = {"__iter__", sw_iter}, w_next = {"__next__", sw_next}, w_call = {"__call__", sw_call},
    w_neg = {"__neg__", sw_neg}, w_pos = {"__pos__", sw_pos}, w_abs = {"__abs__", sw_abs},
    w_invert = {"__invert__", sw_invert}, w_int = {"__int__", sw_int},
    w_float = {"__float__", sw_float}, w_index = {"__index__", sw_index};

/* Adds `def` to the static type's dict unless the name is there already. */
static int add_wrapper(TrThread *ts, TrType *type, const TrMethodDef *def) {
    TrObject *old = dict_get_cstr(ts, type->dict, def->name);
    if (old) { tr_decref(old); return 0; }
    if (err_occurred(ts)) return -1;
    TrObject *d = method_descr_new(ts, type, def);
    if (!d) return -1;
    tr_make_immortal(d);
    int r = dict_set_cstr(ts, type->dict, def->name, d);
    tr_decref(d);
    return r;
}

static int add_slot_wrappers(TrThread *ts, TrType *type) {
    TrType *b = type->base;
#define OWN(f) (type->f && (!b || b->f != type->f))
#define ADD(cond, w) if ((cond) && add_wrapper(ts, type, &(w)) < 0) return -1
    ADD(OWN(repr), w_repr);
    ADD(OWN(str), w_str);
    ADD(OWN(hash), w_hash);
    ADD(OWN(truth), w_bool);
    ADD(OWN(len), w_len);
    ADD(OWN(getitem), w_getitem);
    ADD(OWN(setitem), w_setitem);
    ADD(OWN(setitem), w_delitem);
    ADD(OWN(contains), w_contains);
    ADD(OWN(iter), w_iter);
    ADD(OWN(iternext), w_next);
    ADD(OWN(call), w_call);
    if (OWN(richcompare))
        for (size_t i = 0; i < sizeof cmp_wrappers / sizeof cmp_wrappers[0]; i++)
            if (add_wrapper(ts, type, &cmp_wrappers[i]) < 0) return -1;
    const TrNumberSlots *n = type->number, *bn = b ? b->number : NULL;
    if (n && n != bn) {
#define NOWN(f) (n->f && (!bn || bn->f != n->f))
        for (int op = 0; op < TR_BINOP_COUNT; op++) {
            if (!NOWN(binop[op])) continue;
            if (add_wrapper(ts, type, &binop_wrappers[op][0]) < 0) return -1;
            if (add_wrapper(ts, type, &binop_wrappers[op][1]) < 0) return -1;
        }
        ADD(NOWN(neg), w_neg);
        ADD(NOWN(pos), w_pos);
        ADD(NOWN(abs), w_abs);
        ADD(NOWN(invert), w_invert);
        ADD(NOWN(to_int), w_int);
        ADD(NOWN(to_float), w_float);
        ADD(NOWN(index), w_index);
#undef NOWN
    }
#undef ADD
#undef OWN
    return 0;
}

int type_ready(TrThread *ts, TrType *type) {
    if (type->flags & TR_TPFLAG_READY) return 0;
    if (!type->base && type != &tr_object_type) type->base = &tr_object_type;
    if (type->base && type_ready(ts, type->base) < 0) return -1;
    if (type->base) inherit(type, type->base);
    int is_static = !(type->flags & TR_TPFLAG_HEAPTYPE);
    if (!type->dict) {
        type->dict = dict_new(ts);
        if (!type->dict) return -1;
        if (is_static) tr_make_immortal(type->dict);
    }
    if (type->methods) {
        for (const TrMethodDef *m = type->methods; m->name; m++) {
            TrObject *d = method_descr_new(ts, type, m);
            if (!d) return -1;
            if (is_static) tr_make_immortal(d);
            int r = dict_set_cstr(ts, type->dict, m->name, d);
            tr_decref(d);
            if (r < 0) return -1;
        }
    }
    if (is_static && add_slot_wrappers(ts, type) < 0) return -1;
    if (is_static) tr_make_immortal((TrObject *)type);
    type->flags |= TR_TPFLAG_READY;
    return 0;
}

/* ---- the `type` type --------------------------------------------------- */

static void type_dealloc(TrThread *ts, TrObject *o) {
    TrType *t = (TrType *)o;
    /* Only classes get here: builtin types are immortal.  A class owns its
     * dict, a reference to its base (when that is a class) and its name. */
    typeref_unregister(((TrHeapType *)t)->tref);   /* no instance is left: its deltas are 0 */
    TR_CLEAR(t->dict);
    class_clear(t);
    inl_keys_free((TrHeapType *)t);
    if (t->base && (t->base->flags & TR_TPFLAG_HEAPTYPE)) tr_decref((TrObject *)t->base);
    free((char *)t->name);
    tr_free(o);
}

static TrObject *type_module_name(TrThread *ts, TrType *t) {
    if ((t->flags & TR_TPFLAG_HEAPTYPE) && t->dict) {
        TrObject *m = dict_get_cstr(ts, t->dict, "__module__");
        if (m) return m;
        if (err_occurred(ts)) err_clear(ts);
    }
    const char *dot = strrchr(t->name, '.');   /* "_io.TextIOWrapper" */
    if (dot && !(t->flags & TR_TPFLAG_HEAPTYPE)) return str_from_utf8(ts, t->name, (size_t)(dot - t->name));
    return str_from_cstr(ts, "builtins");
}

static TrObject *type_repr(TrThread *ts, TrObject *o) {
    TrType *t = (TrType *)o;
    if (!(t->flags & TR_TPFLAG_HEAPTYPE)) return str_format(ts, "<class '%s'>", t->name);
    TrObject *mod = type_module_name(ts, t);
    if (!mod) return NULL;
    TrStrBuf b;
    strbuf_init(&b);
    strbuf_adds(&b, "<class '");
    if (str_check(mod) && !str_equal_cstr(mod, "builtins")) {
        strbuf_addstr(&b, mod);
        strbuf_addc(&b, '.');
    }
    strbuf_adds(&b, type_qualname(t));
    strbuf_adds(&b, "'>");
    tr_decref(mod);
    return strbuf_finish(ts, &b);
}

static TrObject *type_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    TrType *t = (TrType *)o;
    const char *n = str_utf8(name);
    if (n[0] == '_' && n[1] == '_') {
        if (!strcmp(n, "__name__") || !strcmp(n, "__qualname__")) {
            /* A builtin type named "module.Name" (as CPython's tp_name) is
             * called "Name"; a class has its own __name__ and __qualname__. */
            const char *full = n[2] == 'n' ? t->name : type_qualname(t);
            const char *dot = (t->flags & TR_TPFLAG_HEAPTYPE) ? NULL : strrchr(full, '.');
            return str_from_cstr(ts, dot ? dot + 1 : full);
        }
        if (!strcmp(n, "__module__")) return type_module_name(ts, t);
        if (!strcmp(n, "__class__")) return tr_newref((TrObject *)tr_type(o));
        if (!strcmp(n, "__base__")) return tr_newref(t->base ? (TrObject *)t->base : tr_none);
        if (!strcmp(n, "__bases__")) {
            if (t->flags & TR_TPFLAG_HEAPTYPE) return tr_newref(((TrHeapType *)t)->bases);
            if (!t->base) return tuple_new(ts, 0);
            TrObject *b = (TrObject *)t->base;
            return tuple_from_array(ts, &b, 1);
        }
        if (!strcmp(n, "__mro__") && (t->flags & TR_TPFLAG_HEAPTYPE)) {
            TrHeapType *h = (TrHeapType *)t;
            return tuple_from_array(ts, (TrObject *const *)h->mro, h->nmro);
        }
        if (!strcmp(n, "__dict__")) return tr_newref(t->dict);
        if (!strcmp(n, "__abstractmethods__")) {
            /* only the class's own dict, as CPython's getset */
            TrObject *v = (t->flags & TR_TPFLAG_HEAPTYPE) ? dict_get(ts, t->dict, name) : NULL;
            if (v || err_occurred(ts)) return v;
            return err_format(ts, &tr_exc_AttributeError, "__abstractmethods__");
        }
        if (!strcmp(n, "__mro__")) {
            size_t k = 0;
            for (TrType *s = t; s; s = s->base) k++;
            TrObject *tup = tuple_new(ts, k);
            if (!tup) return NULL;
            k = 0;
            for (TrType *s = t; s; s = s->base) tuple_set_take(tup, k++, tr_newref((TrObject *)s));
            return tup;
        }
    }
    TrType *meta = tr_type(o);
    if (meta != &tr_type_type) {
        /* a metaclass's data descriptor (a property on it) wins */
        TrObject *ma = type_lookup(ts, meta, name);
        if (ma && tr_type(ma)->descr_set && tr_type(ma)->descr_get) return type_bind_take(ts, ma, o);
        tr_xdecref(ma);
        if (err_occurred(ts)) return NULL;
    }
    TrObject *attr = type_lookup(ts, t, name);
    if (attr) {
        TrType *at = tr_type(attr);
        if (at->descr_get && at != &tr_method_descr_type) {
            TrObject *r = at->descr_get(ts, attr, NULL, t);
            tr_decref(attr);
            return r;
        }
        return attr;      /* functions and method descriptors stay unbound */
    }
    if (err_occurred(ts)) return NULL;
    /* methods of the metatype, bound to the type: `int.mro()` */
    attr = type_lookup(ts, meta, name);
    if (attr) return type_bind_take(ts, attr, o);
    if (err_occurred(ts)) return NULL;
    if (!strcmp(n, "__doc__")) return tr_newref(tr_none);
    return err_format(ts, &tr_exc_AttributeError, "type object '%s' has no attribute '%S'",
                      type_qualname(t), name);
}

static int type_setattr(TrThread *ts, TrObject *o, TrObject *name, TrObject *value) {
    TrType *t = (TrType *)o;
    if (!(t->flags & TR_TPFLAG_HEAPTYPE)) {
        err_format(ts, &tr_exc_TypeError, "cannot set '%S' attribute of immutable type '%s'",
                   name, t->name);
        return -1;
    }
    if (str_equal_cstr(name, "__abstractmethods__")) {
        /* the flag that object.__new__ checks (class_check_abstract); set
         * before the class is shared, as slots are */
        int abstract = 0;
        if (value && (abstract = tr_is_true(ts, value)) < 0) return -1;
        if (value ? dict_set(ts, t->dict, name, value) < 0 : dict_del(ts, t->dict, name) < 0) {
            if (err_matches(ts, &tr_exc_KeyError)) {
                err_clear(ts);
                err_set(ts, &tr_exc_AttributeError, "__abstractmethods__");
            }
            return -1;
        }
        if (abstract) t->flags |= TR_TPFLAG_ABSTRACT;
        else t->flags &= ~(unsigned)TR_TPFLAG_ABSTRACT;
        return 0;
    }
    if (value) {
        if (dict_set(ts, t->dict, name, value) < 0) return -1;
        return class_update_slot(ts, t, name);
    }
    if (dict_del(ts, t->dict, name) < 0) {
        if (err_matches(ts, &tr_exc_KeyError))
            err_format(ts, &tr_exc_AttributeError, "type object '%s' has no attribute '%S'",
                       type_qualname(t), name);
        return -1;
    }
    return class_update_slot(ts, t, name);
}

/* type.__new__(meta, name, bases, ns, **kwargs): the `new_` slot of type,
 * inherited by metaclasses (heap_new calls it when a metaclass has no
 * __new__ of its own).  `type(x)` gives x's type.  The class's type is the
 * most derived of `meta` and its bases' metaclasses; keywords go to
 * __init_subclass__. */
static TrObject *type_new(TrThread *ts, TrType *meta, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    if (meta == &tr_type_type && nargs == 1 && nkw == 0) return tr_newref((TrObject *)tr_type(args[0]));
    if (nargs != 3) {
        if (meta == &tr_type_type) return err_format(ts, &tr_exc_TypeError, "type() takes 1 or 3 arguments");
        return err_format(ts, &tr_exc_TypeError, "type.__new__() takes exactly 3 arguments (%zu given)", nargs);
    }
    if (!str_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "type.__new__() argument 1 must be str, not %T", args[0]);
    if (!tuple_check(args[1]))
        return err_format(ts, &tr_exc_TypeError, "type.__new__() argument 2 must be tuple, not %T", args[1]);
    if (!dict_check(args[2]))
        return err_format(ts, &tr_exc_TypeError, "type.__new__() argument 3 must be dict, not %T", args[2]);
    TrType *winner = class_calc_meta(ts, meta, args[1]);
    if (!winner) return NULL;
    if (winner != meta && winner->new_ != type_new) return winner->new_(ts, winner, args, nargs, kwnames);
    TrObject *kwargs = NULL;
    if (nkw) {
        if (!(kwargs = dict_new(ts))) return NULL;
        for (size_t i = 0; i < nkw; i++)
            if (dict_set(ts, kwargs, tuple_get(kwnames, i), args[nargs + i]) < 0) { tr_decref(kwargs); return NULL; }
    }
    TrObject *r = class_new_meta(ts, winner, args[0], args[1], args[2], kwargs);
    tr_xdecref(kwargs);
    return r;
}

/* Calling a type: an instance through its `new_` slot (for `type` and
 * metaclasses, type_new above). */
static TrObject *type_call(TrThread *ts, TrObject *callable, TrObject *const *args, size_t nargs,
                           TrObject *kwnames) {
    TrType *t = (TrType *)callable;
    if (!t->new_) return err_format(ts, &tr_exc_TypeError, "cannot create '%s' instances", type_qualname(t));
    return t->new_(ts, t, args, nargs, kwnames);
}

/* type.__new__ as a static method: the metaclass comes first. */
static TrObject *type_m_new(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                            TrObject *kwnames) {
    if (!tr_isinstance(self, &tr_type_type))
        return err_format(ts, &tr_exc_TypeError, "type.__new__(X): X is not a type object (%T)", self);
    if (!tr_type_is_subtype((TrType *)self, &tr_type_type))
        return err_format(ts, &tr_exc_TypeError, "type.__new__(%s): %s is not a subtype of type",
                          type_qualname((TrType *)self), type_qualname((TrType *)self));
    return type_new(ts, (TrType *)self, args, nargs, kwnames);
}

static TrObject *type_m_init(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                             TrObject *kwnames) {
    if (nargs != 1 && nargs != 3)
        return err_format(ts, &tr_exc_TypeError, "type.__init__() takes 1 or 3 arguments");
    return tr_newref(tr_none);
}

/* type.__prepare__(name, bases, **kwds): a new empty dict. */
static TrObject *type_m_prepare(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                TrObject *kwnames) {
    return dict_new(ts);
}

static TrObject *type_m_instancecheck(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                      TrObject *kwnames) {
    if (tr_check_args(ts, "__instancecheck__", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!tr_isinstance(self, &tr_type_type))
        return err_format(ts, &tr_exc_TypeError, "descriptor '__instancecheck__' requires a 'type' object");
    return tr_newref(tr_bool(tr_isinstance(args[0], (TrType *)self)));
}

static TrObject *type_m_subclasscheck(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                      TrObject *kwnames) {
    if (tr_check_args(ts, "__subclasscheck__", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!tr_isinstance(self, &tr_type_type))
        return err_format(ts, &tr_exc_TypeError, "descriptor '__subclasscheck__' requires a 'type' object");
    if (!tr_isinstance(args[0], &tr_type_type))
        return err_format(ts, &tr_exc_TypeError, "issubclass() arg 1 must be a class");
    return tr_newref(tr_bool(tr_type_is_subtype((TrType *)args[0], (TrType *)self)));
}

static TrObject *type_mro(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                          TrObject *kwnames) {
    if (tr_check_args(ts, "type.mro", nargs, kwnames, 0, 0) < 0) return NULL;
    TrObject *list = list_new(ts, 0);
    if (!list) return NULL;
    size_t nmro;
    TrType *const *mro = class_mro((TrType *)self, &nmro);
    for (size_t i = 0; i < nmro; i++)
        if (list_append(ts, list, (TrObject *)mro[i]) < 0) { tr_decref(list); return NULL; }
    for (TrType *s = mro ? NULL : (TrType *)self; s; s = s->base)
        if (list_append(ts, list, (TrObject *)s) < 0) { tr_decref(list); return NULL; }
    return list;
}

static TrObject *type_m_setattr(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                TrObject *kwnames) {
    if (tr_check_args(ts, "__setattr__", nargs, kwnames, 2, 2) < 0) return NULL;
    if (!str_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "attribute name must be string, not '%s'", tr_type_name(args[0]));
    return type_setattr(ts, self, args[0], args[1]) < 0 ? NULL : tr_newref(tr_none);
}

static TrObject *type_m_delattr(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                TrObject *kwnames) {
    if (tr_check_args(ts, "__delattr__", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!str_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "attribute name must be string, not '%s'", tr_type_name(args[0]));
    return type_setattr(ts, self, args[0], NULL) < 0 ? NULL : tr_newref(tr_none);
}

static const TrMethodDef type_methods[] = {
    {"__setattr__", type_m_setattr},
    {"__delattr__", type_m_delattr},
    {"mro", type_mro},
    {"__new__", type_m_new},
    {"__init__", type_m_init},
    {"__prepare__", type_m_prepare},
    {"__instancecheck__", type_m_instancecheck},
    {"__subclasscheck__", type_m_subclasscheck},
    {NULL, NULL},
};

/* int | str: a union (objects/union.c) */
static const TrNumberSlots type_number = {
    .binop = {[TR_BINOP_OR] = union_or},
};

TrType tr_type_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "type",
    .basicsize = sizeof(TrType),
    .flags = TR_TPFLAG_BASETYPE | TR_TPFLAG_WEAKREFABLE | TR_TPFLAG_GENERIC,
    .base = &tr_object_type,
    .dealloc = type_dealloc,
    .repr = type_repr,
    .call = type_call,
    .new_ = type_new,
    .getattr = type_getattr,
    .setattr = type_setattr,
    .methods = type_methods,
    .number = &type_number,
};

/* ---- start-up ----------------------------------------------------------- */

int exc_types_init(TrThread *ts);   /* objects/exc.c */

int types_init(TrThread *ts) {
    static TrType *const types[] = {
        &tr_object_type, &tr_type_type, &tr_cfunction_type, &tr_method_descr_type,
        &tr_method_type, &tr_module_type,
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (type_ready(ts, types[i]) < 0) return -1;
    return exc_types_init(ts);
}
