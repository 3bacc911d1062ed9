/* objects/bool.c: the bool type and its two instances.
 * True and False are static immortal objects of type bool (not immediates);
 * int operations read them as 1 and 0 (objects/int.c, `arg_init`).  `&`, `|`
 * and `^` between two bools give a bool; all other arithmetic gives an int.
 * bool cannot be subclassed.
 * Threads: immutable singletons; no locks. */
#include "torii/torii.h"


TrObject tr_true_obj = TR_STATIC_HEADER(&tr_bool_type);
TrObject tr_false_obj = TR_STATIC_HEADER(&tr_bool_type);

static TrObject *bool_repr(TrThread *ts, TrObject *o) {
    return str_intern_cstr(ts, o == tr_true ? "True" : "False"); /* immortal: borrowed == new */
}

static int64_t bool_hash(TrThread *ts, TrObject *o) { return o == tr_true; }

static int bool_truth(TrThread *ts, TrObject *o) { return o == tr_true; }

#define INT_BINOP_SLOT(name, OP) \
    static TrObject *name(TrThread *ts, TrObject *a, TrObject *b) { \
        if (!int_check(a) || !int_check(b)) return tr_notimplemented; \
        return int_binop(ts, OP, a, b); \
    }
INT_BINOP_SLOT(bool_add, TR_BINOP_ADD)
INT_BINOP_SLOT(bool_sub, TR_BINOP_SUB)
INT_BINOP_SLOT(bool_mul, TR_BINOP_MUL)
INT_BINOP_SLOT(bool_truediv, TR_BINOP_TRUEDIV)
INT_BINOP_SLOT(bool_floordiv, TR_BINOP_FLOORDIV)
INT_BINOP_SLOT(bool_mod, TR_BINOP_MOD)
INT_BINOP_SLOT(bool_pow, TR_BINOP_POW)
INT_BINOP_SLOT(bool_lshift, TR_BINOP_LSHIFT)
INT_BINOP_SLOT(bool_rshift, TR_BINOP_RSHIFT)

#define LOGIC_SLOT(name, OP, expr) \
    static TrObject *name(TrThread *ts, TrObject *a, TrObject *b) { \
        if (tr_type(a) == &tr_bool_type && tr_type(b) == &tr_bool_type) { \
            int x = a == tr_true, y = b == tr_true; \
            return tr_bool(expr); \
        } \
        if (!int_check(a) || !int_check(b)) return tr_notimplemented; \
        return int_binop(ts, OP, a, b); \
    }
LOGIC_SLOT(bool_and, TR_BINOP_AND, x & y)
LOGIC_SLOT(bool_or, TR_BINOP_OR, x | y)
LOGIC_SLOT(bool_xor, TR_BINOP_XOR, x ^ y)

static TrObject *bool_neg(TrThread *ts, TrObject *o) { return tr_imm_from(-(int64_t)(o == tr_true)); }
static TrObject *bool_pos(TrThread *ts, TrObject *o) { return tr_imm_from(o == tr_true); }
static TrObject *bool_invert(TrThread *ts, TrObject *o) { return tr_imm_from(o == tr_true ? -2 : -1); }
static TrObject *bool_to_float(TrThread *ts, TrObject *o) { return float_new(ts, o == tr_true ? 1.0 : 0.0); }

static const TrNumberSlots bool_number = {
    .binop = {
        [TR_BINOP_ADD] = bool_add, [TR_BINOP_SUB] = bool_sub, [TR_BINOP_MUL] = bool_mul,
        [TR_BINOP_TRUEDIV] = bool_truediv, [TR_BINOP_FLOORDIV] = bool_floordiv,
        [TR_BINOP_MOD] = bool_mod, [TR_BINOP_POW] = bool_pow, [TR_BINOP_LSHIFT] = bool_lshift,
        [TR_BINOP_RSHIFT] = bool_rshift, [TR_BINOP_AND] = bool_and, [TR_BINOP_OR] = bool_or,
        [TR_BINOP_XOR] = bool_xor,
    },
    .neg = bool_neg, .pos = bool_pos, .abs = bool_pos, .invert = bool_invert,
    .to_int = bool_pos, .to_float = bool_to_float, .index = bool_pos,
};

/* bool() and bool(x): the truth value of x. */
static TrObject *bool_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (kwnames && tuple_size(kwnames)) {
        err_set(ts, &tr_exc_TypeError, "bool() takes no keyword arguments");
        return NULL;
    }
    if (nargs > 1) return err_format(ts, &tr_exc_TypeError, "bool expected at most 1 argument, got %zu", nargs);
    if (nargs == 0) return tr_false;
    int t = tr_is_true(ts, args[0]);
    if (t < 0) return NULL;
    return tr_bool(t);
}

TrType tr_bool_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "bool",
    .basicsize = sizeof(TrObject),
    .flags = 0, /* "type 'bool' is not an acceptable base type" */
    .base = &tr_int_type,
    .repr = bool_repr,
    .hash = bool_hash,
    .richcompare = int_richcompare,
    .truth = bool_truth,
    .new_ = bool_new,
    .number = &bool_number,
};
