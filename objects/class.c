/* objects/class.c: classes: type(name, bases, dict) and the `class`
 * statement's __build_class__; the C3 method resolution order; instance
 * creation (__new__/__init__) and release for classes; and the slot
 * wrappers that make a class's special methods (__repr__, __eq__, __add__,
 * __getitem__, __iter__, __call__, __getattr__, ...) answer the C slots that
 * the rest of the runtime dispatches through.
 *
 * Layout: an instance of a class is its "solid" builtin base's struct (an
 * object header, TrExc, TrList, TrDict, the Thread object), followed by a
 * `__dict__` pointer when that base has none (TrType.dictoffset).
 *
 * Slots: after a class is made (and when a special method is assigned on it
 * later) each slot is derived from where its special method is found first
 * in the MRO: in a class's dict, the slot becomes the wrapper here that looks
 * the method up again at call time and calls it; in a builtin type's dict,
 * or nowhere, the slot is inherited from `base`.
 *
 * Threads: a class is built by one thread (see include/torii/class.h);
 * wrappers only read the class (dict_get_ref through the MRO) and never write
 * it.  Nothing here takes a lock besides the dicts' own. */
#include <stdlib.h>
#include <string.h>
#include "torii/torii.h"
#include "threads/stw.h"
#include "threads/typeref.h"
#include "torii/class.h"
#include "objects/inline_attrs.h"
#include "torii/weakref.h"
#include "torii/set.h"
#include "torii/genericalias.h"
#include "torii/iter.h"
#include "stdlib/stdlib.h"   /* builtins_locals */

extern TrType tr_thread_obj_type;   /* stdlib/threading.c: Thread is subclassable */
extern TrType tr_deque_type;        /* objects/deque.c: its constructor makes subclass instances */
extern TrType tr_socket_type;       /* stdlib/_socket.c: socket.socket extends it (__init__ opens) */
extern TrType tr_array_type;        /* stdlib/array.c: its constructor makes subclass instances */
extern TrType tr_struct_type;       /* stdlib/_struct.c: likewise */

/* ---- special method names, interned once at start-up ---------------------- */

enum {
    N_REPR, N_STR, N_HASH, N_BOOL, N_LEN, N_GETITEM, N_SETITEM, N_DELITEM, N_CONTAINS,
    N_ITER, N_NEXT, N_CALL, N_GETATTRIBUTE, N_GETATTR, N_SETATTR, N_DELATTR, N_GET, N_SET,
    N_DELETE, N_NEG, N_POS, N_ABS, N_INVERT, N_INDEX, N_INT, N_FLOAT, N_INIT, N_NEW,
    N_LT, N_LE, N_EQ, N_NE, N_GT, N_GE, N_INIT_SUBCLASS, N_SET_NAME, N_CLASSCELL,
    N_QUALNAME, N_DOC, N_CLASS_GETITEM, N_MODULE, N_NAME, N_DEL, N_WEAKREF,
    N_BINOP, /* TR_BINOP_COUNT forward names, then as many reflected ones */
    N_COUNT = N_BINOP + 2 * TR_BINOP_COUNT
};

static const char *const name_text[N_BINOP] = {
    "__repr__", "__str__", "__hash__", "__bool__", "__len__", "__getitem__", "__setitem__",
    "__delitem__", "__contains__", "__iter__", "__next__", "__call__", "__getattribute__",
    "__getattr__", "__setattr__", "__delattr__", "__get__", "__set__", "__delete__", "__neg__",
    "__pos__", "__abs__", "__invert__", "__index__", "__int__", "__float__", "__init__", "__new__",
    "__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__", "__init_subclass__",
    "__set_name__", "__classcell__", "__qualname__", "__doc__", "__class_getitem__",
    "__module__", "__name__", "__del__", "__weakref__",
};
static const char *const binop_text[TR_BINOP_COUNT][2] = {
    {"__add__", "__radd__"}, {"__sub__", "__rsub__"}, {"__mul__", "__rmul__"},
    {"__truediv__", "__rtruediv__"}, {"__floordiv__", "__rfloordiv__"}, {"__mod__", "__rmod__"},
    {"__pow__", "__rpow__"}, {"__lshift__", "__rlshift__"}, {"__rshift__", "__rrshift__"},
    {"__and__", "__rand__"}, {"__or__", "__ror__"}, {"__xor__", "__rxor__"},
    {"__matmul__", "__rmatmul__"},
};

static TrObject *names[N_COUNT];   /* immortal interned strs; written once at start-up */

#define FWD(op) (N_BINOP + (op))
#define REFL(op) (N_BINOP + TR_BINOP_COUNT + (op))

static int names_init(TrThread *ts) {
    if (names[0]) return 0;
    for (int i = 0; i < N_BINOP; i++)
        if (!(names[i] = str_intern_cstr(ts, name_text[i]))) return -1;
    for (int op = 0; op < TR_BINOP_COUNT; op++) {
        if (!(names[FWD(op)] = str_intern_cstr(ts, binop_text[op][0]))) return -1;
        if (!(names[REFL(op)] = str_intern_cstr(ts, binop_text[op][1]))) return -1;
    }
    return 0;
}

/* ---- lookup --------------------------------------------------------------------- */

/* The nearest builtin type on `t`'s base chain: the instance layout. */
static TrType *solid_base(TrType *t) {
    while (t->flags & TR_TPFLAG_HEAPTYPE) t = t->base;
    return t;
}

/* Finds `name` along `t`'s MRO with dict_get_ref: 2 borrowed, 1 new, 0
 * absent, -1 error; *owner is the type whose dict holds it. */
static int find(TrThread *ts, TrType *t, TrObject *name, TrObject **out, TrType **owner) {
    size_t n;
    TrType *const *mro = class_mro(t, &n);
    for (size_t i = 0; i < n; i++) {
        if (!mro[i]->dict) continue;
        int r = dict_get_ref(ts, mro[i]->dict, name, out);
        if (r != 0) { *owner = mro[i]; return r; }
    }
    if (mro) return 0;
    for (TrType *b = t; b; b = b->base) {
        if (!b->dict) continue;
        int r = dict_get_ref(ts, b->dict, name, out);
        if (r != 0) { *owner = b; return r; }
    }
    return 0;
}

/* 1 if special method `k` of `t` comes from a class's dict. */
static int heap_owned(TrThread *ts, TrType *t, int k) {
    TrObject *v;
    TrType *owner;
    int r = find(ts, t, names[k], &v, &owner);
    if (r <= 0) { if (r < 0) err_clear(ts); return 0; }
    if (r == 1) tr_decref(v);
    return (owner->flags & TR_TPFLAG_HEAPTYPE) != 0;
}

/* Calls `f` (borrowed) as a method of `self` with positional `args` and
 * keywords `kwnames` (values after the positionals).  New reference or NULL. */
static TrObject *call_as_method(TrThread *ts, TrObject *f, TrObject *self, TrObject *const *args,
                                size_t nargs, TrObject *kwnames) {
    TrType *ft = tr_type(f);
    if (ft == &tr_function_type) {
        size_t total = nargs + (kwnames ? tuple_size(kwnames) : 0);
        TrObject *small[8];
        TrObject **v = total + 1 <= 8 ? small : malloc((total + 1) * sizeof *v);
        if (!v) return err_nomemory(ts);
        v[0] = self;
        if (total) memcpy(v + 1, args, total * sizeof *v);
        TrObject *r = tr_call(ts, f, v, nargs + 1, kwnames);
        if (v != small) free(v);
        return r;
    }
    if (ft == &tr_method_descr_type) {
        TrMethodDescr *d = (TrMethodDescr *)f;
        return d->def->fn(ts, self, args, nargs, kwnames);
    }
    TrObject *b = ft->descr_get ? ft->descr_get(ts, f, self, tr_type(self)) : tr_newref(f);
    if (!b) return NULL;
    TrObject *r = tr_call(ts, b, args, nargs, kwnames);
    tr_decref(b);
    return r;
}

/* Calls special method `k` of `self` if its type has one: *found says
 * whether it did.  NULL with *found == 0 and no exception when absent. */
static TrObject *call_special(TrThread *ts, TrObject *self, int k, TrObject *const *args, size_t nargs,
                              int *found) {
    TrObject *f;
    TrType *owner;
    int r = find(ts, tr_type(self), names[k], &f, &owner);
    *found = r != 0;
    if (r <= 0) return NULL;
    TrObject *res = call_as_method(ts, f, self, args, nargs, NULL);
    if (r == 1) tr_decref(f);
    return res;
}

/* As call_special, but only a method defined in a class counts (NotImplemented
 * when none: the builtin base answers instead). */
static TrObject *call_heap_special(TrThread *ts, TrObject *self, int k, TrObject *const *args, size_t nargs,
                                   int *found) {
    TrObject *f;
    TrType *owner;
    int r = find(ts, tr_type(self), names[k], &f, &owner);
    *found = 0;
    if (r < 0) return NULL;
    if (r == 0 || !(owner->flags & TR_TPFLAG_HEAPTYPE)) {
        if (r == 1) tr_decref(f);
        return NULL;
    }
    *found = 1;
    TrObject *res = call_as_method(ts, f, self, args, nargs, NULL);
    if (r == 1) tr_decref(f);
    return res;
}

/* ---- slot wrappers ------------------------------------------------------------------ */

static TrObject *missing(TrThread *ts, TrObject *self, int k) {
    return err_format(ts, &tr_exc_AttributeError, "'%s' object has no attribute '%s'",
                      type_qualname(tr_type(self)), name_text[k]);
}

static TrObject *call0(TrThread *ts, TrObject *self, int k) {
    int found;
    TrObject *r = call_special(ts, self, k, NULL, 0, &found);
    if (!found && !err_occurred(ts)) return missing(ts, self, k);
    return r;
}

static TrObject *call1(TrThread *ts, TrObject *self, int k, TrObject *arg) {
    int found;
    TrObject *r = call_special(ts, self, k, &arg, 1, &found);
    if (!found && !err_occurred(ts)) return missing(ts, self, k);
    return r;
}

static TrObject *slot_repr(TrThread *ts, TrObject *o) {
    TrObject *r = call0(ts, o, N_REPR);
    if (r && !str_check(r)) {
        err_format(ts, &tr_exc_TypeError, "__repr__ returned non-string (type %s)", tr_type_name(r));
        TR_CLEAR(r);
    }
    return r;
}

static TrObject *slot_str(TrThread *ts, TrObject *o) {
    TrObject *r = call0(ts, o, N_STR);
    if (r && !str_check(r)) {
        err_format(ts, &tr_exc_TypeError, "__str__ returned non-string (type %s)", tr_type_name(r));
        TR_CLEAR(r);
    }
    return r;
}

static int64_t slot_hash(TrThread *ts, TrObject *o) {
    TrObject *r = call0(ts, o, N_HASH);
    if (!r) return -1;
    if (!int_check(r)) {
        tr_decref(r);
        err_set(ts, &tr_exc_TypeError, "__hash__ method should return an integer");
        return -1;
    }
    /* a value that fits is used as is (as CPython's slot does); a bigger one by its hash */
    int overflow = 0;
    int64_t h = int_as_i64_overflow(r, &overflow);
    if (overflow) h = tr_hash(ts, r);
    tr_decref(r);
    return h == -1 ? -2 : h;
}

static const int cmp_name[] = {N_LT, N_LE, N_EQ, N_NE, N_GT, N_GE};

static TrObject *slot_richcompare(TrThread *ts, TrObject *a, TrObject *b, int op) {
    int found;
    TrObject *r = call_heap_special(ts, a, cmp_name[op], &b, 1, &found);
    if (found || err_occurred(ts)) return r;
    if (op == TR_NE) {
        /* no __ne__ of its own: the inverse of __eq__, unless NotImplemented */
        r = call_heap_special(ts, a, N_EQ, &b, 1, &found);
        if (!found || !r || r == tr_notimplemented) return found || err_occurred(ts) ? r : tr_notimplemented;
        int v = tr_is_true(ts, r);
        tr_decref(r);
        return v < 0 ? NULL : tr_newref(tr_bool(!v));
    }
    TrType *solid = solid_base(tr_type(a));
    return solid->richcompare ? solid->richcompare(ts, a, b, op) : tr_notimplemented;
}

static int slot_truth(TrThread *ts, TrObject *o) {
    TrObject *r = call0(ts, o, N_BOOL);
    if (!r) return -1;
    if (r != tr_true && r != tr_false) {
        err_format(ts, &tr_exc_TypeError, "__bool__ should return bool, returned %s", tr_type_name(r));
        tr_decref(r);
        return -1;
    }
    return r == tr_true;
}

static ssize_t slot_len(TrThread *ts, TrObject *o) {
    TrObject *r = call0(ts, o, N_LEN);
    if (!r) return -1;
    int64_t n;
    int rc = tr_index_i64(ts, r, &n);
    tr_decref(r);
    if (rc < 0) return -1;
    if (n < 0) {
        err_set(ts, &tr_exc_ValueError, "__len__() should return >= 0");
        return -1;
    }
    return (ssize_t)n;
}

static TrObject *slot_getitem(TrThread *ts, TrObject *o, TrObject *key) { return call1(ts, o, N_GETITEM, key); }

static int slot_setitem(TrThread *ts, TrObject *o, TrObject *key, TrObject *value) {
    int found;
    TrObject *args[2] = {key, value};
    TrObject *r = value ? call_heap_special(ts, o, N_SETITEM, args, 2, &found)
                        : call_heap_special(ts, o, N_DELITEM, args, 1, &found);
    if (!found && !err_occurred(ts)) {
        TrType *solid = solid_base(tr_type(o));
        if (solid->setitem) return solid->setitem(ts, o, key, value);
        if (value)
            err_format(ts, &tr_exc_TypeError, "'%s' object does not support item assignment",
                       type_qualname(tr_type(o)));
        else
            err_format(ts, &tr_exc_TypeError, "'%s' object doesn't support item deletion",
                       type_qualname(tr_type(o)));
        return -1;
    }
    if (!r) return -1;
    tr_decref(r);
    return 0;
}

static int slot_contains(TrThread *ts, TrObject *o, TrObject *item) {
    TrObject *r = call1(ts, o, N_CONTAINS, item);
    if (!r) return -1;
    int v = tr_is_true(ts, r);
    tr_decref(r);
    return v;
}

static TrObject *slot_iter(TrThread *ts, TrObject *o) {
    TrObject *r = call0(ts, o, N_ITER);
    if (r && !tr_type(r)->iternext) {
        err_format(ts, &tr_exc_TypeError, "iter() returned non-iterator of type '%s'",
                   type_qualname(tr_type(r)));
        TR_CLEAR(r);
    }
    return r;
}

/* A class with __getitem__ and no __iter__ iterates by index. */
static TrObject *slot_seq_iter(TrThread *ts, TrObject *o) { return seq_iter_new(ts, o); }

static TrObject *slot_iternext(TrThread *ts, TrObject *o) {
    TrObject *r = call0(ts, o, N_NEXT);
    if (!r && err_matches(ts, &tr_exc_StopIteration)) err_clear(ts);
    return r;
}

static TrObject *slot_call(TrThread *ts, TrObject *o, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    TrObject *f;
    TrType *owner;
    int r = find(ts, tr_type(o), names[N_CALL], &f, &owner);
    if (r <= 0) {
        if (r == 0) err_format(ts, &tr_exc_TypeError, "'%s' object is not callable", type_qualname(tr_type(o)));
        return NULL;
    }
    TrObject *res = call_as_method(ts, f, o, args, nargs, kwnames);
    if (r == 1) tr_decref(f);
    return res;
}

static TrObject *static_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    TrType *solid = solid_base(tr_type(o));
    return solid->getattr ? solid->getattr(ts, o, name) : tr_generic_getattr(ts, o, name);
}

static TrObject *slot_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    int found;
    TrObject *r = call_heap_special(ts, o, N_GETATTRIBUTE, &name, 1, &found);
    if (!found && !err_occurred(ts)) r = static_getattr(ts, o, name);
    if (r || !err_matches(ts, &tr_exc_AttributeError)) return r;
    TrObject *saved = err_fetch(ts);
    r = call_heap_special(ts, o, N_GETATTR, &name, 1, &found);
    if (found || err_occurred(ts)) { tr_decref(saved); return r; }
    err_restore(ts, saved);
    return NULL;
}

static int slot_setattr(TrThread *ts, TrObject *o, TrObject *name, TrObject *value) {
    int found;
    TrObject *args[2] = {name, value};
    TrObject *r = value ? call_heap_special(ts, o, N_SETATTR, args, 2, &found)
                        : call_heap_special(ts, o, N_DELATTR, args, 1, &found);
    if (!found && !err_occurred(ts)) {
        TrType *solid = solid_base(tr_type(o));
        return solid->setattr ? solid->setattr(ts, o, name, value) : tr_generic_setattr(ts, o, name, value);
    }
    if (!r) return -1;
    tr_decref(r);
    return 0;
}

static TrObject *slot_descr_get(TrThread *ts, TrObject *descr, TrObject *obj, TrType *type) {
    TrObject *args[2] = {obj ? obj : tr_none, type ? (TrObject *)type : tr_none};
    int found;
    TrObject *r = call_special(ts, descr, N_GET, args, 2, &found);
    if (!found && !err_occurred(ts)) return tr_newref(descr);
    return r;
}

static int slot_descr_set(TrThread *ts, TrObject *descr, TrObject *obj, TrObject *value) {
    int found;
    TrObject *args[2] = {obj, value};
    TrObject *r = value ? call_special(ts, descr, N_SET, args, 2, &found)
                        : call_special(ts, descr, N_DELETE, args, 1, &found);
    if (!found && !err_occurred(ts)) {
        err_format(ts, &tr_exc_AttributeError, value ? "__set__" : "__delete__");
        return -1;
    }
    if (!r) return -1;
    tr_decref(r);
    return 0;
}

/* ---- number slots ---- */

static tr_binaryfunc binop_wrappers[TR_BINOP_COUNT];

/* a <op> b for the side(s) whose class defines the operator: a.__op__(b)
 * first (b.__rop__(a) first when b's class is a subclass of a's), then
 * b.__rop__(a); a builtin base's own slot stands in for a missing method. */
static TrObject *binop_side(TrThread *ts, int op, TrObject *self, TrObject *other, int reflected,
                            TrObject *a, TrObject *b) {
    int found;
    TrObject *r = call_heap_special(ts, self, reflected ? REFL(op) : FWD(op), &other, 1, &found);
    if (found || err_occurred(ts)) return r;
    TrType *solid = solid_base(tr_type(self));
    if (solid->number && solid->number->binop[op]) return solid->number->binop[op](ts, a, b);
    return tr_notimplemented;
}

static TrObject *slot_binop(TrThread *ts, int op, TrObject *a, TrObject *b) {
    TrType *ta = tr_type(a), *tb = tr_type(b);
    tr_binaryfunc me = binop_wrappers[op];
    int a_has = ta->number && ta->number->binop[op] == me;
    int b_has = ta != tb && tb->number && tb->number->binop[op] == me;
    TrObject *r;
    if (a_has) {
        if (b_has && tr_type_is_subtype(tb, ta)) {
            r = binop_side(ts, op, b, a, 1, a, b);
            if (r != tr_notimplemented) return r;
            b_has = 0;
        }
        r = binop_side(ts, op, a, b, 0, a, b);
        if (r != tr_notimplemented || !b_has) return r;
    }
    if (b_has) return binop_side(ts, op, b, a, 1, a, b);
    return tr_notimplemented;
}

#define BINOP_WRAPPER(OP) \
    static TrObject *slot_binop_##OP(TrThread *ts, TrObject *a, TrObject *b) { \
        return slot_binop(ts, TR_BINOP_##OP, a, b); \
    }
BINOP_WRAPPER(ADD) BINOP_WRAPPER(SUB) BINOP_WRAPPER(MUL) BINOP_WRAPPER(TRUEDIV)
BINOP_WRAPPER(FLOORDIV) BINOP_WRAPPER(MOD) BINOP_WRAPPER(POW) BINOP_WRAPPER(LSHIFT)
BINOP_WRAPPER(RSHIFT) BINOP_WRAPPER(AND) BINOP_WRAPPER(OR) BINOP_WRAPPER(XOR) BINOP_WRAPPER(MATMUL)
#undef BINOP_WRAPPER

static tr_binaryfunc binop_wrappers[TR_BINOP_COUNT] = {
    slot_binop_ADD, slot_binop_SUB, slot_binop_MUL, slot_binop_TRUEDIV, slot_binop_FLOORDIV,
    slot_binop_MOD, slot_binop_POW, slot_binop_LSHIFT, slot_binop_RSHIFT, slot_binop_AND,
    slot_binop_OR, slot_binop_XOR, slot_binop_MATMUL,
};

static TrObject *slot_neg(TrThread *ts, TrObject *o) { return call0(ts, o, N_NEG); }
static TrObject *slot_pos(TrThread *ts, TrObject *o) { return call0(ts, o, N_POS); }
static TrObject *slot_abs(TrThread *ts, TrObject *o) { return call0(ts, o, N_ABS); }
static TrObject *slot_invert(TrThread *ts, TrObject *o) { return call0(ts, o, N_INVERT); }

static TrObject *slot_index(TrThread *ts, TrObject *o) {
    TrObject *r = call0(ts, o, N_INDEX);
    if (r && !int_check(r)) {
        err_format(ts, &tr_exc_TypeError, "__index__ returned non-int (type %s)", tr_type_name(r));
        TR_CLEAR(r);
    }
    return r;
}

static TrObject *slot_int(TrThread *ts, TrObject *o) {
    TrObject *r = call0(ts, o, N_INT);
    if (r && !int_check(r)) {
        err_format(ts, &tr_exc_TypeError, "__int__ returned non-int (type %s)", tr_type_name(r));
        TR_CLEAR(r);
    }
    return r;
}

static TrObject *slot_float(TrThread *ts, TrObject *o) {
    TrObject *r = call0(ts, o, N_FLOAT);
    if (r && !float_check(r)) {
        err_format(ts, &tr_exc_TypeError, "%s.__float__ returned non-float (type %s)",
                   type_qualname(tr_type(o)), tr_type_name(r));
        TR_CLEAR(r);
    }
    return r;
}

/* ---- deriving the slots -------------------------------------------------------------- */

/* Recomputes every slot of class `t` from its MRO (see the file comment). */
static void update_slots(TrThread *ts, TrType *t) {
    TrHeapType *h = (TrHeapType *)t;
    TrType *b = t->base;
#define H(k) heap_owned(ts, t, (k))
    t->repr = H(N_REPR) ? slot_repr : b->repr;
    t->str = H(N_STR) ? slot_str : b->str;
    int cmp = 0;
    for (int i = 0; i < 6; i++) cmp |= H(cmp_name[i]);
    t->richcompare = cmp ? slot_richcompare : b->richcompare;
    {
        TrObject *v;
        TrType *owner;
        int r = find(ts, t, names[N_HASH], &v, &owner);
        if (r < 0) err_clear(ts);
        if (r > 0 && (owner->flags & TR_TPFLAG_HEAPTYPE)) t->hash = v == tr_none ? NULL : slot_hash;
        else t->hash = b->hash;
        if (r == 1) tr_decref(v);
    }
    t->truth = H(N_BOOL) ? slot_truth : H(N_LEN) ? NULL : b->truth;
    t->len = H(N_LEN) ? slot_len : b->len;
    int getitem = H(N_GETITEM);
    t->getitem = getitem ? slot_getitem : b->getitem;
    t->setitem = (H(N_SETITEM) || H(N_DELITEM)) ? slot_setitem : b->setitem;
    t->contains = H(N_CONTAINS) ? slot_contains : b->contains;
    t->iter = H(N_ITER) ? slot_iter : (getitem && !b->iter) ? slot_seq_iter : b->iter;
    t->iternext = H(N_NEXT) ? slot_iternext : b->iternext;
    t->call = H(N_CALL) ? slot_call : b->call;
    if (H(N_GETATTRIBUTE) || H(N_GETATTR)) t->getattr = slot_getattr;
    else t->getattr = b->getattr == tr_generic_getattr ? NULL : b->getattr;
    t->setattr = (H(N_SETATTR) || H(N_DELATTR)) ? slot_setattr : b->setattr;
    t->descr_get = H(N_GET) ? slot_descr_get : b->descr_get;
    t->descr_set = (H(N_SET) || H(N_DELETE)) ? slot_descr_set : b->descr_set;
    TrNumberSlots *n = &h->number;
    if (b->number) *n = *b->number;
    else memset(n, 0, sizeof *n);
    for (int op = 0; op < TR_BINOP_COUNT; op++)
        if (H(FWD(op)) || H(REFL(op))) n->binop[op] = binop_wrappers[op];
    if (H(N_NEG)) n->neg = slot_neg;
    if (H(N_POS)) n->pos = slot_pos;
    if (H(N_ABS)) n->abs = slot_abs;
    if (H(N_INVERT)) n->invert = slot_invert;
    if (H(N_INDEX)) n->index = slot_index;
    if (H(N_INT)) n->to_int = slot_int;
    if (H(N_FLOAT)) n->to_float = slot_float;
    t->number = n;
    if (H(N_DEL)) t->flags |= TR_TPFLAG_HAS_DEL;
    else t->flags &= ~(unsigned)TR_TPFLAG_HAS_DEL;
#undef H
}

int class_update_slot(TrThread *ts, TrType *t, TrObject *name) {
    if (!(t->flags & TR_TPFLAG_HEAPTYPE)) return 0;
    const char *s = str_utf8(name);
    size_t len = strlen(s);
    if (len > 4 && s[0] == '_' && s[1] == '_' && s[len - 1] == '_' && s[len - 2] == '_') {
        /* Other threads read the slots with plain loads whenever they use the
         * class; rewriting them (rare: a special method assigned after the
         * class statement) happens with the world stopped.  No object lock is
         * held here (type_setattr has left the dict's critical section). */
        stw_stop(ts, "class slot update");
        update_slots(ts, t);
        stw_start(ts);
    }
    return 0;
}

void class_clear(TrType *t) {
    if (!(t->flags & TR_TPFLAG_HEAPTYPE)) return;
    TrHeapType *h = (TrHeapType *)t;
    for (size_t i = 0; i < h->nmro; i++)
        if (h->mro[i] != t) tr_decref((TrObject *)h->mro[i]);
    free(h->mro);
    h->mro = NULL;
    h->nmro = 0;
    TR_CLEAR(h->bases);
}

/* ---- instances --------------------------------------------------------------------- */

/* Calls `o.__del__()` (the first __del__ on its class's MRO); reports an
 * exception as unraisable.  The pending exception, if any, is kept. */
static void call_del(TrThread *ts, TrObject *o) {
    TrObject *pending = err_fetch(ts);
    TrObject *del;
    TrType *owner;
    int r = find(ts, tr_type(o), names[N_DEL], &del, &owner);
    if (r > 0) {
        TrObject *res = call_as_method(ts, del, o, NULL, 0, NULL);
        if (res) tr_decref(res);
        else err_write_unraisable(ts, NULL, del);
        if (r == 1) tr_decref(del);
    } else if (r < 0) {
        err_clear(ts);
    }
    if (pending) err_restore(ts, pending);
}

void class_finalize(TrThread *ts, TrObject *o) {
    if (tr_is_imm(o) || !(tr_type(o)->flags & TR_TPFLAG_HAS_DEL) || (o->ob_gc_bits & TR_GC_FINALIZED))
        return;
    o->ob_gc_bits |= TR_GC_FINALIZED;
    call_del(ts, o);
}

/* Runs __del__ for an instance whose count just reached zero (PEP 442): marks
 * it finalized so that __del__ runs once, gives it back one reference owned
 * by this thread for the call, and then drops that reference: when nothing
 * else took one, that release deallocates `o` again (now without a
 * finalizer); when __del__ stored `self` somewhere, the object lives on.
 * Either way the caller must not touch `o` afterwards. */
static void finalize_dying(TrThread *ts, TrObject *o) {
    o->ob_gc_bits |= TR_GC_FINALIZED;
    tr_revive_dying(o);
    call_del(ts, o);
    tr_decref(o);
}

/* Releases the fields traverse_fields reports, leaving them empty. */
static void clear_fields(TrObject *o) {
    TrType *t = o->ob_type;
    TrType *solid = solid_base(t);
    if (t->dictoffset && t->dictoffset != solid->dictoffset) {
        TrObject **slot = (TrObject **)((char *)o + t->dictoffset);
        const InlineKeys *k = inl_keys(t);
        if (k && !*slot) inl_clear(o, k);
        TR_CLEAR(*slot);
    }
    for (TrType *c = t; c->flags & TR_TPFLAG_HEAPTYPE; c = c->base) {
        TrHeapType *hc = (TrHeapType *)c;
        for (size_t i = 0; i < hc->nslots; i++) {
            TrObject **v = (TrObject **)((char *)o + hc->slots_offset + i * sizeof(TrObject *));
            TR_CLEAR(*v);
        }
    }
}

static void subtype_dealloc(TrThread *ts, TrObject *o) {
    TrType *t = tr_type(o);
    if ((t->flags & TR_TPFLAG_HAS_DEL) && !(o->ob_gc_bits & TR_GC_FINALIZED) && ts) {
        finalize_dying(ts, o);
        return;
    }
    TrType *solid = solid_base(t);
    clear_fields(o);
    if (solid->dealloc) solid->dealloc(ts, o);
    else tr_free(o);
}

/* The instance's own references, beyond its solid base's: its __dict__
 * (when the class added it) and the __slots__ values of every class on the
 * layout chain. */
static void traverse_fields(TrObject *o, tr_visitfunc visit, void *arg) {
    TrType *t = o->ob_type;
    TrType *solid = solid_base(t);
    if (t->dictoffset && t->dictoffset != solid->dictoffset) {
        TrObject *d = *(TrObject **)((char *)o + t->dictoffset);
        const InlineKeys *k = inl_keys(t);
        if (d) visit(d, arg);
        else if (k) inl_traverse(o, k, visit, arg);
    }
    for (TrType *c = t; c->flags & TR_TPFLAG_HEAPTYPE; c = c->base) {
        TrHeapType *hc = (TrHeapType *)c;
        for (size_t i = 0; i < hc->nslots; i++)
            visit(*(TrObject **)((char *)o + hc->slots_offset + i * sizeof(TrObject *)), arg);
    }
}

static void subtype_traverse(TrObject *o, tr_visitfunc visit, void *arg) {
    traverse_fields(o, visit, arg);
    TrType *solid = solid_base(o->ob_type);
    if (solid->traverse) solid->traverse(o, visit, arg);
}

/* The collector's clear: no attributes left, and the base's clear. */
static void subtype_clear(TrThread *ts, TrObject *o) {
    clear_fields(o);
    TrType *solid = solid_base(o->ob_type);
    if (solid->clear) solid->clear(ts, o);
}

int class_check_abstract(TrThread *ts, TrType *t) {
    if (!(t->flags & TR_TPFLAG_ABSTRACT) || !t->dict) return 0;
    TrObject *am = dict_get_cstr(ts, t->dict, "__abstractmethods__");
    if (!am) return err_occurred(ts) ? -1 : 0;
    TrObject *l = list_from_iterable(ts, am);
    tr_decref(am);
    if (!l) return -1;
    if (list_sort(ts, l, NULL, 0) < 0) { tr_decref(l); return -1; }
    size_t n = list_size(l);
    if (n == 0) { tr_decref(l); return 0; }
    TrStrBuf b;
    strbuf_init(&b);
    strbuf_adds(&b, "Can't instantiate abstract class ");
    strbuf_adds(&b, type_qualname(t));
    strbuf_adds(&b, n == 1 ? " without an implementation for abstract method "
                           : " without an implementation for abstract methods ");
    for (size_t i = 0; i < n; i++) {
        TrObject *e = list_get(ts, l, (ssize_t)i);
        if (!e) { strbuf_free(&b); tr_decref(l); return -1; }
        TrObject *rep = tr_repr(ts, e);
        tr_decref(e);
        if (!rep) { strbuf_free(&b); tr_decref(l); return -1; }
        if (i) strbuf_adds(&b, ", ");
        strbuf_addstr(&b, rep);
        tr_decref(rep);
    }
    tr_decref(l);
    TrObject *msg = strbuf_finish(ts, &b);
    if (msg) { err_set_value(ts, &tr_exc_TypeError, msg); tr_decref(msg); }
    return -1;
}

/* Calling a class: __new__ (a class's own, else the builtin base's
 * allocation), then __init__ when the result is an instance. */
static TrObject *heap_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    TrType *solid = solid_base(type);
    TrObject *init = NULL, *newf = NULL, *obj = NULL;
    TrType *iowner = NULL, *nowner = NULL;
    int ri = find(ts, type, names[N_INIT], &init, &iowner);
    if (ri < 0) return NULL;
    int rn = find(ts, type, names[N_NEW], &newf, &nowner);
    if (rn < 0) goto done;
    int user_init = ri > 0 && (iowner->flags & TR_TPFLAG_HEAPTYPE);
    if (rn > 0 && (nowner->flags & TR_TPFLAG_HEAPTYPE)) {
        TrObject *f = newf;
        if (tr_type(f) == &tr_staticmethod_type) f = staticmethod_func(f);
        size_t total = nargs + nkw;
        TrObject **v = malloc((total + 1) * sizeof *v);
        if (!v) { err_nomemory(ts); goto done; }
        v[0] = (TrObject *)type;
        if (total) memcpy(v + 1, args, total * sizeof *v);
        obj = tr_call(ts, f, v, nargs + 1, kwnames);
        free(v);
        if (!obj || !tr_isinstance(obj, type)) goto done;
    } else if (solid == &tr_object_type) {
        if ((nargs || nkw) && !user_init) {
            err_format(ts, &tr_exc_TypeError, "%s() takes no arguments", type->name);
            goto done;
        }
        if (class_check_abstract(ts, type) < 0) goto done;
        obj = tr_alloc(ts, type);
    } else {
        /* list, dict and set fill themselves in __init__ when a class defines one */
        int pass = !(user_init && (solid == &tr_list_type || solid == &tr_dict_type || solid == &tr_set_type));
        obj = solid->new_(ts, type, pass ? args : NULL, pass ? nargs : 0, pass ? kwnames : NULL);
    }
    if (!obj) goto done;
    if (ri > 0 && iowner != &tr_object_type) {
        TrObject *r = call_as_method(ts, init, obj, args, nargs, kwnames);
        if (!r) { TR_CLEAR(obj); goto done; }
        if (r != tr_none) {
            err_format(ts, &tr_exc_TypeError, "__init__() should return None, not '%s'", tr_type_name(r));
            tr_decref(r);
            TR_CLEAR(obj);
            goto done;
        }
    }
done:
    if (ri == 1) tr_decref(init);
    if (rn == 1) tr_decref(newf);
    return obj;
}

/* The last class tag handed out (TrHeapType.tag); atomic. */
static uint64_t class_tag_seq;

/* ---- creating a class ----------------------------------------------------------------- */

/* Appends the MRO of `t` (its own for a class, the base chain for a builtin)
 * to a malloc'd list. */
static int mro_of(TrType *t, TrType ***out, size_t *n) {
    size_t k;
    TrType *const *m = class_mro(t, &k);
    if (!m) {
        k = 0;
        for (TrType *b = t; b; b = b->base) k++;
    }
    TrType **a = malloc((k ? k : 1) * sizeof *a);
    if (!a) return -1;
    if (m) memcpy(a, m, k * sizeof *a);
    else {
        size_t i = 0;
        for (TrType *b = t; b; b = b->base) a[i++] = b;
    }
    *out = a;
    *n = k;
    return 0;
}

/* C3 linearisation of `t` over `bases`.  On success fills h->mro. */
static int compute_mro(TrThread *ts, TrHeapType *h, TrObject *bases) {
    size_t nb = tuple_size(bases), nseq = nb + 1;
    TrType ***seqs = calloc(nseq, sizeof *seqs);
    size_t *lens = calloc(nseq, sizeof *lens), *pos = calloc(nseq, sizeof *pos);
    size_t cap = 1, total = 1;
    TrType **res = NULL;
    int rc = -1;
    if (!seqs || !lens || !pos) { err_nomemory(ts); goto done; }
    for (size_t i = 0; i < nb; i++) {
        if (mro_of((TrType *)tuple_get(bases, i), &seqs[i], &lens[i]) < 0) { err_nomemory(ts); goto done; }
        cap += lens[i];
    }
    seqs[nb] = malloc((nb ? nb : 1) * sizeof(TrType *));
    if (!seqs[nb]) { err_nomemory(ts); goto done; }
    for (size_t i = 0; i < nb; i++) seqs[nb][i] = (TrType *)tuple_get(bases, i);
    lens[nb] = nb;
    res = malloc(cap * sizeof *res);
    if (!res) { err_nomemory(ts); goto done; }
    res[0] = &h->type;
    for (;;) {
        int any = 0;
        TrType *cand = NULL;
        for (size_t i = 0; i < nseq && !cand; i++) {
            if (pos[i] >= lens[i]) continue;
            any = 1;
            TrType *c = seqs[i][pos[i]];
            int in_tail = 0;
            for (size_t j = 0; j < nseq && !in_tail; j++)
                for (size_t k = pos[j] + 1; k < lens[j]; k++)
                    if (seqs[j][k] == c) { in_tail = 1; break; }
            if (!in_tail) cand = c;
        }
        if (!any) break;
        if (!cand) {
            TrStrBuf b;
            strbuf_init(&b);
            strbuf_adds(&b, "Cannot create a consistent method resolution order (MRO) for bases ");
            int first = 1;
            for (size_t i = 0; i < nseq - 1; i++) {
                if (pos[i] >= lens[i]) continue;
                TrType *c = seqs[i][pos[i]];
                int dup = 0;
                for (size_t j = 0; j < i; j++)
                    if (pos[j] < lens[j] && seqs[j][pos[j]] == c) dup = 1;
                if (dup) continue;
                if (!first) strbuf_adds(&b, ", ");
                strbuf_adds(&b, type_qualname(c));
                first = 0;
            }
            TrObject *msg = strbuf_finish(ts, &b);
            if (msg) { err_set_value(ts, &tr_exc_TypeError, msg); tr_decref(msg); }
            goto done;
        }
        res[total++] = cand;
        for (size_t i = 0; i < nseq; i++)
            if (pos[i] < lens[i] && seqs[i][pos[i]] == cand) pos[i]++;
    }
    for (size_t i = 1; i < total; i++) tr_incref((TrObject *)res[i]);
    h->mro = res;
    h->nmro = total;
    res = NULL;
    rc = 0;
done:
    if (seqs) for (size_t i = 0; i < nseq; i++) free(seqs[i]);
    free(seqs);
    free(lens);
    free(pos);
    free(res);
    return rc;
}

/* The builtin types whose instances a class may extend. */
static int layout_supported(TrType *s) {
    return s == &tr_object_type || (s->flags & TR_TPFLAG_EXCEPTION) || s == &tr_list_type ||
           s == &tr_dict_type || s == &tr_thread_obj_type || s == &tr_int_type || s == &tr_float_type ||
           s == &tr_str_type || s == &tr_tuple_type || s == &tr_deque_type || s == &tr_type_type ||
           s == &tr_array_type || s == &tr_struct_type ||
           s == &tr_complex_type || (s->flags & TR_TPFLAG_WEAKREF) || s == &tr_generic_alias_type ||
           s == &tr_set_type || s == &tr_frozenset_type || s == &tr_socket_type;
}

/* Builtins whose instances keep their items inline after the struct: an
 * instance dict cannot sit at a fixed offset, so their subclasses' instances
 * have none (as if they declared __slots__ = ()). */
static int layout_varsized(TrType *s) { return s == &tr_str_type || s == &tr_tuple_type; }

/* The class (or builtin) that last extended `t`'s instance layout with
 * __slots__ values: two bases conflict unless one's is an ancestor of the
 * other's. */
static TrType *layout_owner(TrType *t) {
    while ((t->flags & TR_TPFLAG_HEAPTYPE) && ((TrHeapType *)t)->nslots == 0) t = t->base;
    /* a builtin exception class that adds nothing to its base's struct shares
     * its layout (class E(OSError, ValueError), ExceptionGroup's two bases) */
    while (!(t->flags & TR_TPFLAG_HEAPTYPE) && (t->flags & TR_TPFLAG_EXCEPTION) && t->base &&
           (t->base->flags & TR_TPFLAG_EXCEPTION) && t->basicsize == t->base->basicsize)
        t = t->base;
    return t;
}

/* Picks the base whose layout every other base's layout is an ancestor of. */
static TrType *best_base(TrThread *ts, TrObject *bases) {
    TrType *best = NULL, *best_solid = NULL;
    for (size_t i = 0; i < tuple_size(bases); i++) {
        TrObject *bo = tuple_get(bases, i);
        if (!tr_isinstance(bo, &tr_type_type)) {
            err_format(ts, &tr_exc_TypeError, "bases must be types");
            return NULL;
        }
        TrType *b = (TrType *)bo;
        if (!(b->flags & TR_TPFLAG_BASETYPE)) {
            err_format(ts, &tr_exc_TypeError, "type '%s' is not an acceptable base type", type_qualname(b));
            return NULL;
        }
        TrType *s = solid_base(b);
        if (!layout_supported(s)) {
            err_format(ts, &tr_exc_TypeError, "torii: subclassing '%s' is not supported yet", s->name);
            return NULL;
        }
        for (size_t j = 0; j < i; j++)
            if (tuple_get(bases, j) == bo) {
                err_format(ts, &tr_exc_TypeError, "duplicate base class %s", type_qualname(b));
                return NULL;
            }
        s = layout_owner(b);
        if (!best) { best = b; best_solid = s; continue; }
        if (tr_type_is_subtype(best_solid, s)) continue;
        if (tr_type_is_subtype(s, best_solid)) { best = b; best_solid = s; continue; }
        err_format(ts, &tr_exc_TypeError, "multiple bases have instance lay-out conflict");
        return NULL;
    }
    return best;
}

/* Wraps ns[k] in `wrap` (staticmethod or classmethod) when it is a plain function. */
static int implicit_wrap(TrThread *ts, TrObject *d, int k, TrType *wrap) {
    TrObject *v = dict_get(ts, d, names[k]);
    if (!v) return err_occurred(ts) ? -1 : 0;
    int rc = 0;
    if (tr_type(v) == &tr_function_type) {
        TrObject *w = tr_call(ts, (TrObject *)wrap, &v, 1, NULL);
        rc = w ? dict_set(ts, d, names[k], w) : -1;
        tr_xdecref(w);
    }
    tr_decref(v);
    return rc;
}

/* super(t, t).__init_subclass__(**kwargs). */
static int call_init_subclass(TrThread *ts, TrHeapType *h, TrObject *kwargs) {
    TrType *t = &h->type;
    TrObject *f = NULL;
    for (size_t i = 1; i < h->nmro && !f; i++) {
        if (!h->mro[i]->dict) continue;
        f = dict_get(ts, h->mro[i]->dict, names[N_INIT_SUBCLASS]);
        if (!f && err_occurred(ts)) return -1;
    }
    if (!f) return 0;
    TrObject *bound;
    TrType *ft = tr_type(f);
    if (ft == &tr_method_descr_type) bound = cfunction_new(ts, ((TrMethodDescr *)f)->def->name,
                                                           ((TrMethodDescr *)f)->def->fn, (TrObject *)t);
    else if (ft->descr_get) bound = ft->descr_get(ts, f, NULL, t);
    else bound = tr_newref(f);
    tr_decref(f);
    if (!bound) return -1;
    TrObject *r = tr_call_tuple_dict(ts, bound, NULL, kwargs && dict_size(kwargs) ? kwargs : NULL);
    tr_decref(bound);
    if (!r) return -1;
    tr_decref(r);
    return 0;
}

/* Calls __set_name__(cls, name) on each value of the class dict whose class defines it. */
static int call_set_names(TrThread *ts, TrType *t) {
    TrObject *items = dict_items_list(ts, t->dict);
    if (!items) return -1;
    int rc = 0;
    for (size_t i = 0; i < list_size(items) && rc == 0; i++) {
        TrObject *kv = list_get(ts, items, (ssize_t)i);
        if (!kv) { rc = -1; break; }
        TrObject *k = tuple_get(kv, 0), *v = tuple_get(kv, 1);
        if (!tr_is_imm(v) && tr_type(v) == &tr_property_type) {
            property_set_name(v, k);
        } else if (!tr_is_imm(v) && (tr_type(v)->flags & TR_TPFLAG_HEAPTYPE)) {
            TrObject *args[2] = {(TrObject *)t, k};
            int found;
            TrObject *r = call_special(ts, v, N_SET_NAME, args, 2, &found);
            if (found && !r) rc = -1;
            else if (!found && err_occurred(ts)) rc = -1;
            tr_xdecref(r);
        }
        tr_decref(kv);
    }
    tr_decref(items);
    return rc;
}

/* Marks the class, its dict and the values in it deferred (include/torii/class.h). */
static void defer_class(TrThread *ts, TrType *t) {
    tr_make_deferred((TrObject *)t);
    tr_make_deferred(t->dict);
    TrObject *vals = dict_values_list(ts, t->dict);
    if (!vals) { err_clear(ts); return; }
    for (size_t i = 0; i < list_size(vals); i++) {
        TrObject *v = list_get(ts, vals, (ssize_t)i);
        if (!v) { err_clear(ts); break; }
        tr_defer_shared(v);   /* every thread that uses the class reads these */
        tr_decref(v);
    }
    tr_decref(vals);
}

static int is_identifier(const char *p) {
    if (!*p || (*p >= '0' && *p <= '9')) return 0;
    for (; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (!(ch == '_' || ch >= 0x80 || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
              (ch >= '0' && ch <= '9')))
            return 0;
    }
    return 1;
}

/* Reads the namespace's __slots__: 0 when it has none; 1 with *out a new list
 * of the slot names (less __dict__ and __weakref__) and *add_dict set
 * when '__dict__' is among them; -1 with TypeError or ValueError as CPython
 * words them. */
static int slots_names(TrThread *ts, TrObject *ns, TrObject *clsname, TrType *best, TrObject **out,
                       int *add_dict, int *add_weak) {
    *add_dict = 0;
    *add_weak = 0;
    TrObject *sl = dict_get_cstr(ts, ns, "__slots__");
    if (!sl) return err_occurred(ts) ? -1 : 0;
    TrObject *items;
    if (str_check(sl)) {
        items = list_new(ts, 0);
        if (items && list_append(ts, items, sl) < 0) TR_CLEAR(items);
    } else {
        items = list_from_iterable(ts, sl);
    }
    tr_decref(sl);
    if (!items) return -1;
    TrObject *res = list_new(ts, 0);
    if (!res) { tr_decref(items); return -1; }
    int weak = 0;
    for (size_t i = 0; i < list_size(items); i++) {
        TrObject *it = list_get(ts, items, (ssize_t)i);
        if (!it) goto fail;
        if (!str_check(it)) {
            err_format(ts, &tr_exc_TypeError, "__slots__ items must be strings, not '%s'", tr_type_name(it));
            tr_decref(it);
            goto fail;
        }
        if (!is_identifier(str_utf8(it))) {
            err_set(ts, &tr_exc_TypeError, "__slots__ must be identifiers");
            tr_decref(it);
            goto fail;
        }
        if (str_equal_cstr(it, "__dict__") || str_equal_cstr(it, "__weakref__")) {
            int d = str_equal_cstr(it, "__dict__");
            if (d ? (*add_dict || best->dictoffset) : weak) {
                err_format(ts, &tr_exc_TypeError, "%s slot disallowed: we already got one",
                           d ? "__dict__" : "__weakref__");
                tr_decref(it);
                goto fail;
            }
            if (d) *add_dict = 1;
            else weak = *add_weak = 1;
            tr_decref(it);
            continue;
        }
        /* Private names are mangled as the compiler mangles `self.__x`
         * (core/compile.c mangle()): __x -> _C__x. */
        TrObject *m = it;
        const char *sn = str_utf8(it), *cn = str_check(clsname) ? str_utf8(clsname) : "";
        size_t sl_len = strlen(sn);
        while (*cn == '_') cn++;
        if (*cn && sl_len > 2 && sn[0] == '_' && sn[1] == '_' && !(sn[sl_len - 1] == '_' && sn[sl_len - 2] == '_')) {
            m = str_format(ts, "_%s%s", cn, sn);
            tr_decref(it);
            if (!m) goto fail;
        }
        int c = dict_contains(ts, ns, m);
        if (c == 1)
            err_format(ts, &tr_exc_ValueError, "'%S' in __slots__ conflicts with class variable", m);
        int dup = c == 0 ? 0 : -1;
        for (size_t j = 0; dup == 0 && j < list_size(res); j++) {
            TrObject *e = list_get(ts, res, (ssize_t)j);
            if (!e) { dup = -1; break; }
            dup = str_equal(e, m);
            tr_decref(e);
        }
        if (c != 0 || dup < 0 || (!dup && list_append(ts, res, m) < 0)) { tr_decref(m); goto fail; }
        tr_decref(m);
    }
    tr_decref(items);
    *out = res;
    return 1;
fail:
    tr_decref(items);
    tr_decref(res);
    return -1;
}

TrType *class_calc_meta(TrThread *ts, TrType *meta, TrObject *bases) {
    TrType *winner = meta;
    for (size_t i = 0; i < tuple_size(bases); i++) {
        TrType *bt = tr_type(tuple_get(bases, i));
        if (tr_type_is_subtype(winner, bt)) continue;
        if (tr_type_is_subtype(bt, winner)) { winner = bt; continue; }
        err_set(ts, &tr_exc_TypeError,
                "metaclass conflict: the metaclass of a derived class must be a (non-strict) "
                "subclass of the metaclasses of all its bases");
        return NULL;
    }
    return winner;
}

TrObject *class_new(TrThread *ts, TrObject *name, TrObject *bases, TrObject *ns, TrObject *kwargs) {
    TrType *meta = class_calc_meta(ts, &tr_type_type, bases);
    return meta ? class_new_meta(ts, meta, name, bases, ns, kwargs) : NULL;
}

TrObject *class_new_meta(TrThread *ts, TrType *meta, TrObject *name, TrObject *bases, TrObject *ns,
                         TrObject *kwargs) {
    if (names_init(ts) < 0) return NULL;
    TrObject *own_bases = NULL;
    if (tuple_size(bases) == 0) {
        TrObject *o = (TrObject *)&tr_object_type;
        own_bases = tuple_from_array(ts, &o, 1);
        if (!own_bases) return NULL;
        bases = own_bases;
    } else {
        tr_incref(bases);
        own_bases = bases;
    }
    TrType *best = best_base(ts, bases);
    if (!best) { tr_decref(own_bases); return NULL; }
    TrHeapType *h = (TrHeapType *)tr_alloc_var(ts, meta, sizeof(TrHeapType));
    if (!h) { tr_decref(own_bases); return NULL; }
    TrObject *slot_names = NULL;
    int nsl, add_dict, add_weak = 0;
    TrType *t = &h->type;
    h->bases = own_bases;
    h->tag = atomic_add_u64(&class_tag_seq, 1) + 1;   /* unique: never reused */
    h->tref = typeref_register((TrObject *)h);
    t->flags = TR_TPFLAG_HEAPTYPE | TR_TPFLAG_BASETYPE;
    t->name = strdup(str_utf8(name));
    t->base = best;
    if (best->flags & TR_TPFLAG_HEAPTYPE) tr_incref((TrObject *)best);
    t->dict = dict_copy(ts, ns);
    if (!t->name || !t->dict) { if (!t->name) err_nomemory(ts); goto fail; }
    if (solid_base(best) == &tr_type_type) {
        /* a metaclass: its instances are classes, whose attributes live in
         * their own dict (type_getattr / type_setattr), so no __dict__ slot */
        t->basicsize = sizeof(TrHeapType);
        t->dictoffset = 0;
    } else if ((nsl = slots_names(ts, ns, name, best, &slot_names, &add_dict, &add_weak)) != 0) {
        if (nsl < 0) goto fail;
        TrType *sb = solid_base(best);
        size_t n = list_size(slot_names);
        if (n && (layout_varsized(sb) || sb == &tr_int_type)) {
            err_format(ts, &tr_exc_TypeError, "nonempty __slots__ not supported for subtype of '%s'", sb->name);
            goto fail;
        }
        t->basicsize = best->basicsize;
        t->dictoffset = best->dictoffset;
        if (add_dict && !t->dictoffset && !layout_varsized(sb)) {
            t->dictoffset = t->basicsize;
            t->basicsize += sizeof(TrObject *);
        }
        h->has_slots = 1;
        h->nslots = n;
        h->slots_offset = t->basicsize;
        t->basicsize += n * sizeof(TrObject *);
        for (size_t i = 0; i < n; i++) {
            TrObject *sn = list_get(ts, slot_names, (ssize_t)i);
            TrObject *md = sn ? member_descr_new(ts, t, sn, h->slots_offset + i * sizeof(TrObject *)) : NULL;
            int rc = md ? dict_set(ts, t->dict, sn, md) : -1;
            tr_xdecref(md);
            tr_xdecref(sn);
            if (rc < 0) goto fail;
        }
        TR_CLEAR(slot_names);
    } else if (best->dictoffset || layout_varsized(solid_base(best))) {
        t->basicsize = best->basicsize;
        t->dictoffset = best->dictoffset;
    } else {
        t->basicsize = best->basicsize + sizeof(TrObject *);
        t->dictoffset = best->basicsize;
    }
    /* plain instances keep the attributes their methods store on `self`
     * in the instance itself (objects/inline_attrs.h); a __slots__ class
     * keeps its base's words where they are */
    if (t->dictoffset && solid_base(best) == &tr_object_type && inl_layout(ts, h, best) < 0) goto fail;
    /* weak references: inherited; else added (as CPython adds the
     * __weakref__ slot) unless __slots__ leaves it out or the base's
     * layout is var-sized */
    t->flags |= best->flags & (TR_TPFLAG_WEAKREFABLE | TR_TPFLAG_WEAKREF);
    TrType *layout = solid_base(best);
    if (add_weak || (!h->has_slots && layout != &tr_int_type && layout != &tr_tuple_type && layout != &tr_bytes_type))
        t->flags |= TR_TPFLAG_WEAKREFABLE;
    int own_weakref = (t->flags & TR_TPFLAG_WEAKREFABLE) && !(best->flags & TR_TPFLAG_WEAKREFABLE);
    t->dealloc = subtype_dealloc;
    t->new_ = heap_new;
    if (!tr_type_is_subtype(solid_base(t), &tr_type_type)) {
        /* instances are tracked by the cycle collector; classes themselves
         * (a metaclass's instances) are deferred, never garbage to it */
        t->flags |= TR_TPFLAG_GC;
        t->traverse = subtype_traverse;
        t->clear = subtype_clear;
    }
    if (compute_mro(ts, h, bases) < 0) goto fail;

    /* the namespace's conventions, as type.__new__ applies them */
    TrObject *cell = NULL;
    if (dict_pop(ts, t->dict, names[N_CLASSCELL], &cell) < 0) goto fail;
    TrObject *q = dict_get(ts, t->dict, names[N_QUALNAME]);
    if (q) {
        int ok = str_check(q);
        if (!ok) err_format(ts, &tr_exc_TypeError, "type __qualname__ must be a str, not %s", tr_type_name(q));
        tr_decref(q);
        if (!ok) { tr_xdecref(cell); goto fail; }
    } else if (err_occurred(ts) || dict_set(ts, t->dict, names[N_QUALNAME], name) < 0) {
        tr_xdecref(cell);
        goto fail;
    }
    TrObject *g = vm_current_globals(ts);
    if (g && dict_contains(ts, t->dict, names[N_MODULE]) == 0) {
        TrObject *mod = dict_get(ts, g, names[N_NAME]);
        int rc = mod ? dict_set(ts, t->dict, names[N_MODULE], mod) : 0;
        tr_xdecref(mod);
        if (rc < 0) { tr_xdecref(cell); goto fail; }
        err_clear(ts);
    }
    if (dict_contains(ts, t->dict, names[N_DOC]) == 0 && dict_set(ts, t->dict, names[N_DOC], tr_none) < 0) {
        tr_xdecref(cell);
        goto fail;
    }
    if (dict_contains(ts, ns, names[N_EQ]) == 1 && dict_contains(ts, ns, names[N_HASH]) == 0 &&
        dict_set(ts, t->dict, names[N_HASH], tr_none) < 0) {
        tr_xdecref(cell);
        goto fail;
    }
    if (implicit_wrap(ts, t->dict, N_NEW, &tr_staticmethod_type) < 0 ||
        implicit_wrap(ts, t->dict, N_INIT_SUBCLASS, &tr_classmethod_type) < 0 ||
        implicit_wrap(ts, t->dict, N_CLASS_GETITEM, &tr_classmethod_type) < 0) {
        tr_xdecref(cell);
        goto fail;
    }
    if (own_weakref && dict_contains(ts, t->dict, names[N_WEAKREF]) == 0) {
        /* the class that adds weak references shows them as __weakref__ */
        TrObject *d = getset_descr_new(ts, t, "__weakref__", weakref_first);
        int rc = d ? dict_set(ts, t->dict, names[N_WEAKREF], d) : -1;
        tr_xdecref(d);
        if (rc < 0) { tr_xdecref(cell); goto fail; }
    }
    if (type_ready(ts, t) < 0) { tr_xdecref(cell); goto fail; }
    update_slots(ts, t);
    defer_class(ts, t);   /* first: the __class__ cell then reads it lock-free (cell_peek_deferred) */
    if (cell) {
        if (tr_type(cell) == &tr_cell_type) cell_set(ts, cell, (TrObject *)t);
        tr_decref(cell);
    }
    if (call_set_names(ts, t) < 0 || call_init_subclass(ts, h, kwargs) < 0) goto fail;
    return (TrObject *)t;
fail:
    tr_xdecref(slot_names);
    tr_decref((TrObject *)t);
    return NULL;
}

/* ---- __build_class__ -------------------------------------------------------------------- */

/* `bases` with each base that is not a class and has __mro_entries__
 * replaced by what that returns (a new tuple), or `bases` itself (a new
 * reference) when nothing changed.  NULL on error. */
static TrObject *resolve_bases(TrThread *ts, TrObject *bases) {
    size_t n = tuple_size(bases);
    TrObject *out = NULL;
    for (size_t i = 0; i < n; i++) {
        TrObject *b = tuple_get(bases, i);
        TrObject *me = tr_isinstance(b, &tr_type_type) ? NULL : tr_getattr_cstr(ts, b, "__mro_entries__");
        if (!me) {
            if (err_occurred(ts)) {
                if (!err_matches(ts, &tr_exc_AttributeError)) goto fail;
                err_clear(ts);
            }
            if (out && list_append(ts, out, b) < 0) goto fail;
            continue;
        }
        if (!out) {
            out = list_new(ts, 0);
            for (size_t j = 0; out && j < i; j++)
                if (list_append(ts, out, tuple_get(bases, j)) < 0) TR_CLEAR(out);
            if (!out) { tr_decref(me); return NULL; }
        }
        TrObject *r = tr_call(ts, me, &bases, 1, NULL);
        tr_decref(me);
        if (!r) goto fail;
        if (!tuple_check(r)) {
            tr_decref(r);
            err_set(ts, &tr_exc_TypeError, "__mro_entries__ must return a tuple");
            goto fail;
        }
        int rc = list_extend(ts, out, r);
        tr_decref(r);
        if (rc < 0) goto fail;
    }
    if (!out) return tr_newref(bases);
    TrObject *t = tuple_from_iterable(ts, out);
    tr_decref(out);
    return t;
fail:
    tr_xdecref(out);
    return NULL;
}

static TrObject *build_class(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                             TrObject *kwnames) {
    if (nargs < 2) return err_format(ts, &tr_exc_TypeError, "__build_class__: not enough arguments");
    if (tr_type(args[0]) != &tr_function_type)
        return err_format(ts, &tr_exc_TypeError, "__build_class__: func must be a function");
    if (!str_check(args[1])) return err_format(ts, &tr_exc_TypeError, "__build_class__: name is not a string");
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    TrObject *kwargs = NULL, *bases = NULL, *ns = NULL, *cls = NULL, *meta = NULL, *orig_bases = NULL;
    if (nkw) {
        kwargs = dict_new(ts);
        if (!kwargs) return NULL;
        for (size_t i = 0; i < nkw; i++) {
            TrObject *k = tuple_get(kwnames, i), *v = args[nargs + i];
            if (str_equal_cstr(k, "metaclass")) {
                tr_xdecref(meta);
                meta = tr_newref(v);
                continue;
            }
            if (dict_set(ts, kwargs, k, v) < 0) goto done;
        }
    }
    bases = tuple_from_array(ts, args + 2, nargs - 2);
    if (!bases) goto done;
    /* PEP 560: a base that is not a class may name the classes it stands
     * for (list[int] -> list); the statement's bases are kept as __orig_bases__ */
    TrObject *resolved = resolve_bases(ts, bases);
    if (!resolved) goto done;
    if (resolved != bases) { orig_bases = bases; bases = resolved; }
    else tr_decref(resolved);
    int isclass = 1;
    if (!meta)
        meta = tr_newref(tuple_size(bases) ? (TrObject *)tr_type(tuple_get(bases, 0)) : (TrObject *)&tr_type_type);
    else isclass = tr_isinstance(meta, &tr_type_type);
    if (isclass) {
        TrType *w = class_calc_meta(ts, (TrType *)meta, bases);
        if (!w) goto done;
        tr_incref((TrObject *)w);
        tr_decref(meta);
        meta = (TrObject *)w;
    }
    if (meta == (TrObject *)&tr_type_type) {
        ns = dict_new(ts);
    } else {
        /* meta.__prepare__(name, bases, **kwargs); type's own makes a dict */
        TrObject *prep = tr_getattr_cstr(ts, meta, "__prepare__");
        if (!prep) {
            if (!err_matches(ts, &tr_exc_AttributeError)) goto done;
            err_clear(ts);
            ns = dict_new(ts);
        } else if (tr_type(prep) == &tr_method_descr_type) {
            tr_decref(prep);
            ns = dict_new(ts);
        } else {
            TrObject *pa[2] = {args[1], bases};
            TrObject *pargs = tuple_from_array(ts, pa, 2);
            ns = pargs ? tr_call_tuple_dict(ts, prep, pargs, kwargs && dict_size(kwargs) ? kwargs : NULL) : NULL;
            tr_xdecref(pargs);
            tr_decref(prep);
            if (ns && !tr_type(ns)->getitem) {
                err_format(ts, &tr_exc_TypeError, "%s.__prepare__() must return a mapping, not %s",
                           isclass ? type_qualname((TrType *)meta) : "<metaclass>", tr_type_name(ns));
                TR_CLEAR(ns);
            }
        }
    }
    if (!ns) goto done;
    TrObject *r = vm_run_class_body(ts, args[0], ns);
    if (!r) goto done;
    tr_decref(r);
    if (orig_bases && tr_setitem(ts, ns, str_intern_cstr(ts, "__orig_bases__"), orig_bases) < 0) goto done;
    if (meta == (TrObject *)&tr_type_type) {
        cls = class_new_meta(ts, &tr_type_type, args[1], bases, ns, kwargs);
    } else {
        TrObject *ca[3] = {args[1], bases, ns};
        TrObject *cargs = tuple_from_array(ts, ca, 3);
        if (cargs) cls = tr_call_tuple_dict(ts, meta, cargs, kwargs && dict_size(kwargs) ? kwargs : NULL);
        tr_xdecref(cargs);
    }
done:
    tr_xdecref(meta);
    tr_xdecref(kwargs);
    tr_xdecref(bases);
    tr_xdecref(orig_bases);
    tr_xdecref(ns);
    return cls;
}

static TrObject *builtin_delattr(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                 TrObject *kwnames) {
    if (tr_check_args(ts, "delattr", nargs, kwnames, 2, 2) < 0) return NULL;
    if (!str_check(args[1]))
        return err_format(ts, &tr_exc_TypeError, "attribute name must be string, not '%s'", tr_type_name(args[1]));
    return tr_setattr(ts, args[0], args[1], NULL) < 0 ? NULL : tr_newref(tr_none);
}

/* vars(obj): obj.__dict__. */
static TrObject *builtin_vars(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                              TrObject *kwnames) {
    if (nargs == 0 && !kwnames) return builtins_locals(ts);   /* vars() is locals() */
    if (nargs > 1) return err_format(ts, &tr_exc_TypeError, "vars expected at most 1 argument, got %zu", nargs);
    if (tr_check_args(ts, "vars", nargs, kwnames, 1, 1) < 0) return NULL;
    TrObject *r = tr_getattr_cstr(ts, args[0], "__dict__");
    if (!r && err_matches(ts, &tr_exc_AttributeError)) {
        err_clear(ts);
        err_set(ts, &tr_exc_TypeError, "vars() argument must have __dict__ attribute");
    }
    return r;
}

static const TrMethodDef class_functions[] = {
    {"__build_class__", build_class},
    {"delattr", builtin_delattr},
    {"vars", builtin_vars},
    {NULL, NULL},
};

int class_builtins_init(TrThread *ts, TrObject *d) {
    if (names_init(ts) < 0) return -1;
    static TrType *const types[] = {&tr_staticmethod_type, &tr_classmethod_type, &tr_property_type,
                                    &tr_super_type};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        if (type_ready(ts, types[i]) < 0) return -1;
        if (dict_set_cstr(ts, d, types[i]->name, (TrObject *)types[i]) < 0) return -1;
    }
    if (type_ready(ts, &tr_member_descr_type) < 0 || type_ready(ts, &tr_getset_descr_type) < 0) return -1;
    for (const TrMethodDef *m = class_functions; m->name; m++) {
        TrObject *f = cfunction_new(ts, m->name, m->fn, NULL);
        if (!f) return -1;
        tr_make_immortal(f);
        int r = dict_set_cstr(ts, d, m->name, f);
        tr_decref(f);
        if (r < 0) return -1;
    }
    return 0;
}
