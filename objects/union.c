/* objects/union.c: `types.UnionType`, what `|` between types gives
 * (`int | None`, PEP 604): its members flattened and without repeats, in
 * order; isinstance/issubclass accept it (stdlib/builtins.c); it compares
 * and hashes as the set of its members.
 * Threads: immutable after creation; no locks. */
#include "torii/torii.h"
#include "torii/genericalias.h"
#include "torii/set.h"

typedef struct TrUnion {
    TrObject ob_base;
    TrObject *args;          /* owned tuple, at least two members */
} TrUnion;

TrObject *union_args(TrObject *u) { return ((TrUnion *)u)->args; }

/* What may stand in a union: a type, None (as NoneType), an alias, a union,
 * or a typing object that says it may (has __typing_subst__, TypeVar). */
static int unionable(TrThread *ts, TrObject *o) {
    if (o == tr_none || tr_isinstance(o, &tr_type_type) || tr_isinstance(o, &tr_generic_alias_type) ||
        tr_type(o) == &tr_union_type)
        return 1;
    if (tr_is_imm(o)) return 0;
    TrObject *s = tr_getattr_cstr(ts, o, "__typing_subst__");
    if (!s) { err_clear(ts); return 0; }
    tr_decref(s);
    return 1;
}

/* Appends `o`'s members (a union's, else `o` itself, None as NoneType) to
 * list `l`, skipping those already there.  -1 on error. */
static int add_members(TrThread *ts, TrObject *l, TrObject *o) {
    TrObject *one = o == tr_none ? (TrObject *)tr_type(tr_none) : o;
    TrObject *const *items = &one;
    size_t n = 1;
    if (tr_type(o) == &tr_union_type) {
        items = ((TrTuple *)((TrUnion *)o)->args)->items;
        n = tuple_size(((TrUnion *)o)->args);
    }
    for (size_t i = 0; i < n; i++) {
        int dup = 0;
        for (size_t j = 0; j < list_size(l) && !dup; j++) {
            TrObject *e = list_get(ts, l, (ssize_t)j);
            if (!e) return -1;
            dup = e == items[i] ? 1 : tr_richcompare_bool(ts, e, items[i], TR_EQ);
            tr_decref(e);
            if (dup < 0) return -1;
        }
        if (!dup && list_append(ts, l, items[i]) < 0) return -1;
    }
    return 0;
}

TrObject *union_or(TrThread *ts, TrObject *a, TrObject *b) {
    int ua = unionable(ts, a), ub = ua ? unionable(ts, b) : 0;
    if (!ua || !ub) return tr_notimplemented;
    TrObject *l = list_new(ts, 0);
    if (!l) return NULL;
    if (add_members(ts, l, a) < 0 || add_members(ts, l, b) < 0) { tr_decref(l); return NULL; }
    if (list_size(l) == 1) {
        TrObject *r = list_get(ts, l, 0);
        tr_decref(l);
        return r;
    }
    TrObject *t = tuple_from_iterable(ts, l);
    tr_decref(l);
    if (!t) return NULL;
    TrUnion *u = (TrUnion *)tr_alloc(ts, &tr_union_type);
    if (!u) { tr_decref(t); return NULL; }
    u->args = t;
    return (TrObject *)u;
}

static void union_dealloc(TrThread *ts, TrObject *o) {
    (void)ts;
    TR_CLEAR(((TrUnion *)o)->args);
    tr_free(o);
}

/* "int | str | None" */
static TrObject *union_repr(TrThread *ts, TrObject *o) {
    TrObject *args = ((TrUnion *)o)->args;
    if (tr_enter_recursive(ts, " while getting the repr of an object")) return NULL;
    TrStrBuf b;
    strbuf_init(&b);
    int rc = 0;
    for (size_t i = 0; i < tuple_size(args) && rc == 0; i++) {
        if (i) strbuf_adds(&b, " | ");
        TrObject *a = tuple_get(args, i);
        if (a == (TrObject *)tr_type(tr_none)) strbuf_adds(&b, "None");
        else rc = genericalias_repr_item(ts, &b, a);
    }
    tr_leave_recursive(ts);
    if (rc < 0) { strbuf_free(&b); return NULL; }
    return strbuf_finish(ts, &b);
}

/* Members as a frozenset, for order-free equality and hashing. */
static TrObject *member_set(TrThread *ts, TrObject *u) {
    return frozenset_from_iterable(ts, ((TrUnion *)u)->args);
}

static TrObject *union_richcompare(TrThread *ts, TrObject *a, TrObject *b, int op) {
    if ((op != TR_EQ && op != TR_NE) || tr_type(a) != &tr_union_type || tr_type(b) != &tr_union_type)
        return tr_notimplemented;
    TrObject *x = member_set(ts, a), *y = x ? member_set(ts, b) : NULL;
    TrObject *r = y ? tr_richcompare(ts, x, y, op) : NULL;
    tr_xdecref(x);
    tr_xdecref(y);
    return r;
}

static int64_t union_hash(TrThread *ts, TrObject *o) {
    TrObject *s = member_set(ts, o);
    if (!s) return -1;
    int64_t h = tr_hash(ts, s);
    tr_decref(s);
    return h;
}

static TrObject *union_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    if (str_equal_cstr(name, "__args__")) return tr_newref(((TrUnion *)o)->args);
    if (str_equal_cstr(name, "__parameters__")) return tuple_new(ts, 0);
    return tr_generic_getattr(ts, o, name);
}

static const TrNumberSlots union_number = {
    .binop = {[TR_BINOP_OR] = union_or},
};

TrType tr_union_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "types.UnionType",
    .basicsize = sizeof(TrUnion),
    .base = &tr_object_type,
    .dealloc = union_dealloc,
    .repr = union_repr,
    .hash = union_hash,
    .richcompare = union_richcompare,
    .getattr = union_getattr,
    .number = &union_number,
};
