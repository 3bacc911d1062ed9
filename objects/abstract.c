/* objects/abstract.c: the generic operations of include/torii/abstract.h:
 * repr, str, hash, truth, comparison, arithmetic with the NotImplemented
 * protocol, item and attribute access, iteration and calls.  Each one
 * dispatches through the type slots and raises CPython's TypeError text
 * when a slot is missing.
 * Threads: nothing here holds a lock; the slots take the locks they need. */
#include <stdlib.h>
#include <string.h>
#include "torii/torii.h"
#include "torii/genericalias.h"

/* ---- repr, str, hash, truth --------------------------------------------- */

/* repr and str recurse through containers' items (a list nested 100,000
 * deep): each level is one guarded call, as in CPython. */
TrObject *tr_repr(TrThread *ts, TrObject *o) {
    TrType *t = tr_type(o);
    if (tr_enter_recursive(ts, " while getting the repr of an object")) return NULL;
    TrObject *r = t->repr ? t->repr(ts, o) : tr_object_type.repr(ts, o);
    tr_leave_recursive(ts);
    return r;
}

TrObject *tr_str(TrThread *ts, TrObject *o) {
    TrType *t = tr_type(o);
    if (t == &tr_str_type) return tr_newref(o);
    if (!t->str) return tr_repr(ts, o);
    if (tr_enter_recursive(ts, " while getting the str of an object")) return NULL;
    TrObject *r = t->str(ts, o);
    tr_leave_recursive(ts);
    return r;
}

int64_t tr_hash(TrThread *ts, TrObject *o) {
    TrType *t = tr_type(o);
    if (!t->hash) {
        err_format(ts, &tr_exc_TypeError, "unhashable type: '%s'", type_qualname(t));
        return -1;
    }
    return t->hash(ts, o);
}

int tr_is_true(TrThread *ts, TrObject *o) {
    if (o == tr_true) return 1;
    if (o == tr_false || o == tr_none) return 0;
    if (tr_is_imm(o)) return tr_imm_value(o) != 0;
    TrType *t = tr_type(o);
    if (t->truth) return t->truth(ts, o);
    if (t->len) {
        ssize_t n = t->len(ts, o);
        return n < 0 ? -1 : n > 0;
    }
    return 1;
}

/* ---- comparison ---------------------------------------------------------- */

static const char *const cmp_symbol[] = {"<", "<=", "==", "!=", ">", ">="};
static const int cmp_swapped[] = {TR_GT, TR_GE, TR_EQ, TR_NE, TR_LT, TR_LE};

TrObject *tr_richcompare(TrThread *ts, TrObject *a, TrObject *b, int op) {
    TrType *ta = tr_type(a), *tb = tr_type(b);
    int checked_reverse = 0;
    TrObject *r;
    /* a subclass on the right gets the first say, as in CPython */
    if (ta != tb && tb->richcompare && tr_type_is_subtype(tb, ta)) {
        checked_reverse = 1;
        r = tb->richcompare(ts, b, a, cmp_swapped[op]);
        if (r != tr_notimplemented) return r;
    }
    if (ta->richcompare) {
        r = ta->richcompare(ts, a, b, op);
        if (r != tr_notimplemented) return r;
    }
    if (!checked_reverse && tb->richcompare) {
        r = tb->richcompare(ts, b, a, cmp_swapped[op]);
        if (r != tr_notimplemented) return r;
    }
    if (op == TR_EQ) return tr_newref(tr_bool(a == b));
    if (op == TR_NE) return tr_newref(tr_bool(a != b));
    return err_format(ts, &tr_exc_TypeError,
                      "'%s' not supported between instances of '%s' and '%s'",
                      cmp_symbol[op], type_qualname(ta), type_qualname(tb));
}

int tr_richcompare_bool(TrThread *ts, TrObject *a, TrObject *b, int op) {
    if (a == b) {
        if (op == TR_EQ) return 1;
        if (op == TR_NE) return 0;
    }
    if (tr_is_imm(a) && tr_is_imm(b)) {
        int64_t x = tr_imm_value(a), y = tr_imm_value(b);
        switch (op) {
        case TR_LT: return x < y;
        case TR_LE: return x <= y;
        case TR_EQ: return x == y;
        case TR_NE: return x != y;
        case TR_GT: return x > y;
        default: return x >= y;
        }
    }
    TrObject *r = tr_richcompare(ts, a, b, op);
    if (!r) return -1;
    int v = r == tr_true ? 1 : r == tr_false ? 0 : tr_is_true(ts, r);
    tr_decref(r);
    return v;
}

/* ---- arithmetic ---------------------------------------------------------- */

static const char *const binop_symbols[TR_BINOP_COUNT] = {
    "+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "@",
};
/* Names of the in-place special methods a type may define in its dict. */
static const char *const inplace_names[TR_BINOP_COUNT] = {
    "__iadd__", "__isub__", "__imul__", "__itruediv__", "__ifloordiv__", "__imod__",
    "__ipow__", "__ilshift__", "__irshift__", "__iand__", "__ior__", "__ixor__", "__imatmul__",
};

const char *tr_binop_symbol(int op) {
    op &= ~TR_BINOP_INPLACE;
    return op >= 0 && op < TR_BINOP_COUNT ? binop_symbols[op] : "?";
}

static tr_binaryfunc binop_slot(TrType *t, int op) {
    return t->number ? t->number->binop[op] : NULL;
}

/* a <op> b without the error: NotImplemented (a new reference) when neither
 * side handles the pair. */
static TrObject *binop1(TrThread *ts, int op, TrObject *a, TrObject *b) {
    TrType *ta = tr_type(a), *tb = tr_type(b);
    tr_binaryfunc sa = binop_slot(ta, op);
    tr_binaryfunc sb = ta != tb ? binop_slot(tb, op) : NULL;
    if (sb == sa) sb = NULL;
    TrObject *r;
    if (sa) {
        if (sb && tr_type_is_subtype(tb, ta)) {
            r = sb(ts, a, b);
            if (r != tr_notimplemented) return r;
            sb = NULL;
        }
        r = sa(ts, a, b);
        if (r != tr_notimplemented) return r;
    }
    if (sb) return sb(ts, a, b);
    return tr_notimplemented;
}

/* `a.__iadd__(b)` when a's type defines one in its dict (lists, classes). */
static TrObject *inplace_method(TrThread *ts, int op, TrObject *a, TrObject *b) {
    TrType *ta = tr_type(a);
    if (tr_is_imm(a) || !ta->dict) return tr_notimplemented;
    TrObject *name = str_intern_cstr(ts, inplace_names[op]);
    if (!name) return NULL;
    TrObject *m = type_lookup(ts, ta, name);
    if (!m) return err_occurred(ts) ? NULL : tr_notimplemented;
    m = type_bind_take(ts, m, a);
    if (!m) return NULL;
    TrObject *r = tr_call(ts, m, &b, 1, NULL);
    tr_decref(m);
    return r;
}

TrObject *tr_binop(TrThread *ts, int op, TrObject *a, TrObject *b) {
    int inplace = (op & TR_BINOP_INPLACE) != 0;
    int base = op & ~TR_BINOP_INPLACE;
    if (base < 0 || base >= TR_BINOP_COUNT)
        return err_format(ts, &tr_exc_TypeError, "bad binary operator %d", op);
    TrObject *r;
    if (inplace) {
        r = inplace_method(ts, base, a, b);
        if (r != tr_notimplemented) return r;
    }
    r = binop1(ts, base, a, b);
    if (r != tr_notimplemented) return r;
    if (inplace)
        return err_format(ts, &tr_exc_TypeError, "unsupported operand type(s) for %s=: '%s' and '%s'",
                          binop_symbols[base], type_qualname(tr_type(a)), type_qualname(tr_type(b)));
    if (base == TR_BINOP_POW)
        return err_format(ts, &tr_exc_TypeError,
                          "unsupported operand type(s) for ** or pow(): '%s' and '%s'",
                          type_qualname(tr_type(a)), type_qualname(tr_type(b)));
    return err_format(ts, &tr_exc_TypeError, "unsupported operand type(s) for %s: '%s' and '%s'",
                      binop_symbols[base], type_qualname(tr_type(a)), type_qualname(tr_type(b)));
}

enum { UN_NEG, UN_POS, UN_INVERT, UN_ABS };

static TrObject *unary(TrThread *ts, TrObject *o, int which) {
    TrType *t = tr_type(o);
    tr_unaryfunc f = NULL;
    if (t->number) {
        switch (which) {
        case UN_NEG: f = t->number->neg; break;
        case UN_POS: f = t->number->pos; break;
        case UN_INVERT: f = t->number->invert; break;
        default: f = t->number->abs; break;
        }
    }
    if (f) return f(ts, o);
    if (which == UN_ABS)
        return err_format(ts, &tr_exc_TypeError, "bad operand type for abs(): '%s'", type_qualname(t));
    static const char sym[] = {'-', '+', '~'};
    return err_format(ts, &tr_exc_TypeError, "bad operand type for unary %c: '%s'", sym[which],
                      type_qualname(t));
}

TrObject *tr_neg(TrThread *ts, TrObject *o) { return unary(ts, o, UN_NEG); }
TrObject *tr_pos(TrThread *ts, TrObject *o) { return unary(ts, o, UN_POS); }
TrObject *tr_invert(TrThread *ts, TrObject *o) { return unary(ts, o, UN_INVERT); }
TrObject *tr_abs(TrThread *ts, TrObject *o) { return unary(ts, o, UN_ABS); }

/* ---- containers ---------------------------------------------------------- */

ssize_t tr_len(TrThread *ts, TrObject *o) {
    TrType *t = tr_type(o);
    if (t->len) return t->len(ts, o);
    err_format(ts, &tr_exc_TypeError, "object of type '%s' has no len()", type_qualname(t));
    return -1;
}

TrObject *tr_getitem(TrThread *ts, TrObject *o, TrObject *key) {
    TrType *t = tr_type(o);
    if (t->getitem) return t->getitem(ts, o, key);
    if (t == &tr_type_type || tr_type_is_subtype(t, &tr_type_type)) {
        TrType *c = (TrType *)o;
        /* list[int], type[int]: builtin generics make an alias at once */
        if ((c->flags & TR_TPFLAG_GENERIC) && !(c->flags & TR_TPFLAG_HEAPTYPE)) return genericalias_new(ts, o, key);
        if (c != &tr_type_type) {
            /* a class: its __class_getitem__, else that of a generic builtin base */
            TrObject *cg = tr_getattr_cstr(ts, o, "__class_getitem__");
            if (cg) {
                TrObject *r = tr_call(ts, cg, &key, 1, NULL);
                tr_decref(cg);
                return r;
            }
            err_clear(ts);
            for (TrType *b = c->base; b; b = b->base)
                if ((b->flags & TR_TPFLAG_GENERIC) && !(b->flags & TR_TPFLAG_HEAPTYPE)) return genericalias_new(ts, o, key);
        }
        return err_format(ts, &tr_exc_TypeError, "type '%s' is not subscriptable", type_qualname(c));
    }
    return err_format(ts, &tr_exc_TypeError, "'%s' object is not subscriptable", type_qualname(t));
}

int tr_setitem(TrThread *ts, TrObject *o, TrObject *key, TrObject *value) {
    TrType *t = tr_type(o);
    if (t->setitem) return t->setitem(ts, o, key, value);
    err_format(ts, &tr_exc_TypeError, "'%s' object does not support item assignment", type_qualname(t));
    return -1;
}

int tr_delitem(TrThread *ts, TrObject *o, TrObject *key) {
    TrType *t = tr_type(o);
    if (t->setitem) return t->setitem(ts, o, key, NULL);
    /* CPython words it differently for types that have sequence methods */
    err_format(ts, &tr_exc_TypeError,
               t->getitem ? "'%s' object doesn't support item deletion"
                          : "'%s' object does not support item deletion",
               type_qualname(t));
    return -1;
}

int tr_contains(TrThread *ts, TrObject *container, TrObject *item) {
    TrType *t = tr_type(container);
    if (t->contains) return t->contains(ts, container, item);
    if (!t->iter) {
        err_format(ts, &tr_exc_TypeError, "argument of type '%s' is not iterable", type_qualname(t));
        return -1;
    }
    TrObject *it = t->iter(ts, container);
    if (!it) return -1;
    for (;;) {
        TrObject *x = tr_next(ts, it);
        if (!x) {
            tr_decref(it);
            return err_occurred(ts) ? -1 : 0;
        }
        int eq = tr_richcompare_bool(ts, x, item, TR_EQ);
        tr_decref(x);
        if (eq != 0) {
            tr_decref(it);
            return eq;
        }
    }
}

TrObject *tr_iter(TrThread *ts, TrObject *o) {
    TrType *t = tr_type(o);
    if (t->iter) return t->iter(ts, o);
    return err_format(ts, &tr_exc_TypeError, "'%s' object is not iterable", type_qualname(t));
}

static __attribute__((noinline)) TrObject *next_slow(TrThread *ts, TrObject *it) {
    TrType *t = tr_type(it);
    if (tr_check_cstack(ts, "")) return NULL;
    if (t->iternext) return t->iternext(ts, it);
    return err_format(ts, &tr_exc_TypeError, "'%s' object is not an iterator", type_qualname(t));
}

/* Iterators over iterators nest (map(f, map(f, ...)) 100,000 deep); CPython
 * counts no depth here, so only the C stack bounds them. */
TrObject *tr_next(TrThread *ts, TrObject *it) {
    TrType *t = tr_type(it);
    if (t->iternext && !tr_cstack_low()) return t->iternext(ts, it);
    return next_slow(ts, it);
}

/* ---- attributes -------------------------------------------------------- */

TrObject *tr_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    if (!str_check(name))
        return err_format(ts, &tr_exc_TypeError, "attribute name must be string, not '%s'",
                          tr_type_name(name));
    TrType *t = tr_type(o);
    if (t->getattr) return t->getattr(ts, o, name);
    return tr_generic_getattr(ts, o, name);
}

TrObject *tr_getattr_cstr(TrThread *ts, TrObject *o, const char *name) {
    TrObject *n = str_intern_cstr(ts, name);
    if (!n) return NULL;
    return tr_getattr(ts, o, n);
}

int tr_setattr(TrThread *ts, TrObject *o, TrObject *name, TrObject *value) {
    if (!str_check(name)) {
        err_format(ts, &tr_exc_TypeError, "attribute name must be string, not '%s'", tr_type_name(name));
        return -1;
    }
    TrType *t = tr_type(o);
    if (t->setattr) return t->setattr(ts, o, name, value);
    return tr_generic_setattr(ts, o, name, value);
}

/* ---- calls --------------------------------------------------------------- */

TrObject *tr_call(TrThread *ts, TrObject *callable, TrObject *const *args, size_t nargs,
                  TrObject *kwnames) {
    TrType *t = tr_type(callable);
    if (t->call) return t->call(ts, callable, args, nargs, kwnames);
    return err_format(ts, &tr_exc_TypeError, "'%s' object is not callable", type_qualname(t));
}

TrObject *tr_call_tuple_dict(TrThread *ts, TrObject *callable, TrObject *args, TrObject *kwargs) {
    size_t np = args ? tuple_size(args) : 0;
    size_t nk = kwargs ? dict_size(kwargs) : 0;
    if (nk == 0) return tr_call(ts, callable, np ? ((TrTuple *)args)->items : NULL, np, NULL);
    TrObject **v = malloc((np + nk) * sizeof *v);
    if (!v) return err_nomemory(ts);
    TrObject *names = tuple_new(ts, nk);
    if (!names) { free(v); return NULL; }
    /* prefilled so the tuple is valid whatever happens below */
    for (size_t i = 0; i < nk; i++) tuple_set_take(names, i, tr_newref(tr_none));
    for (size_t i = 0; i < np; i++) v[i] = tuple_get(args, i);
    TrObject *r = NULL;
    size_t got = 0, pos = 0;
    TrObject *k, *val;
    while (got < nk && dict_next(ts, kwargs, &pos, &k, &val)) {
        if (!str_check(k)) {
            tr_decref(k);
            tr_decref(val);
            err_format(ts, &tr_exc_TypeError, "keywords must be strings");
            goto done;
        }
        tr_decref(tuple_get(names, got));
        tuple_set_take(names, got, k);        /* the tuple owns the key */
        v[np + got] = val;                     /* released at done */
        got++;
    }
    if (got < nk) {
        err_format(ts, &tr_exc_RuntimeError, "dictionary changed size during iteration");
        goto done;
    }
    r = tr_call(ts, callable, v, np, names);
done:
    for (size_t i = 0; i < got; i++) tr_decref(v[np + i]);
    tr_decref(names);
    free(v);
    return r;
}

/* ---- conversions --------------------------------------------------------- */

int tr_index_i64(TrThread *ts, TrObject *o, int64_t *out) {
    if (tr_is_imm(o)) { *out = tr_imm_value(o); return 0; }
    TrObject *i = NULL;
    if (!int_check(o)) {
        TrType *t = tr_type(o);
        if (!t->number || !t->number->index) {
            err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                       type_qualname(t));
            return -1;
        }
        i = t->number->index(ts, o);
        if (!i) return -1;
        o = i;
    }
    int overflow = 0;
    int64_t v = int_as_i64_overflow(o, &overflow);
    if (overflow) {
        err_format(ts, &tr_exc_IndexError, "cannot fit '%s' into an index-sized integer", tr_type_name(o));
        tr_xdecref(i);
        return -1;
    }
    tr_xdecref(i);
    *out = v;
    return 0;
}

/* ---- argument checks ----------------------------------------------------- */

static int no_keywords(TrThread *ts, const char *fname, TrObject *kwnames) {
    if (kwnames && tuple_size(kwnames)) {
        err_format(ts, &tr_exc_TypeError, "%s() takes no keyword arguments", fname);
        return -1;
    }
    return 0;
}

int tr_check_nargs(TrThread *ts, const char *fname, size_t nargs, size_t min, size_t max) {
    if (nargs >= min && nargs <= max) return 0;
    if (min == max)
        err_format(ts, &tr_exc_TypeError, "%s expected %zu argument%s, got %zu", fname, min,
                   min == 1 ? "" : "s", nargs);
    else if (nargs < min)
        err_format(ts, &tr_exc_TypeError, "%s expected at least %zu argument%s, got %zu", fname, min,
                   min == 1 ? "" : "s", nargs);
    else
        err_format(ts, &tr_exc_TypeError, "%s expected at most %zu argument%s, got %zu", fname, max,
                   max == 1 ? "" : "s", nargs);
    return -1;
}

int tr_check_args(TrThread *ts, const char *fname, size_t nargs, TrObject *kwnames, size_t min, size_t max) {
    if (no_keywords(ts, fname, kwnames) < 0) return -1;
    if (min == 0 && max == 0) {
        if (nargs == 0) return 0;
        err_format(ts, &tr_exc_TypeError, "%s() takes no arguments (%zu given)", fname, nargs);
        return -1;
    }
    if (min == 1 && max == 1) {
        if (nargs == 1) return 0;
        err_format(ts, &tr_exc_TypeError, "%s() takes exactly one argument (%zu given)", fname, nargs);
        return -1;
    }
    return tr_check_nargs(ts, fname, nargs, min, max);
}

int tr_check_no_kwargs(TrThread *ts, const char *fname, TrObject *kwnames) {
    return no_keywords(ts, fname, kwnames);
}
