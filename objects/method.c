/* objects/method.c: `method`, a Python function bound to a receiver
 * (`obj.f` where f is a function in obj's class).  Calling it calls the
 * function with the receiver prepended.
 * Threads: immutable after creation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "torii/torii.h"

TrObject *method_new(TrThread *ts, TrObject *func, TrObject *self) {
    TrMethod *m = (TrMethod *)tr_alloc(ts, &tr_method_type);
    if (!m) return NULL;
    m->func = tr_newref(func);
    m->self = tr_newref(self);
    return (TrObject *)m;
}

static void method_dealloc(TrThread *ts, TrObject *o) {
    TrMethod *m = (TrMethod *)o;
    TR_CLEAR(m->func);
    TR_CLEAR(m->self);
    tr_free(o);
}

#define SMALL_ARGS 8

static TrObject *method_call(TrThread *ts, TrObject *callable, TrObject *const *args,
                             size_t nargs, TrObject *kwnames) {
    TrMethod *m = (TrMethod *)callable;
    size_t total = nargs + 1 + (kwnames ? tuple_size(kwnames) : 0);
    TrObject *small[SMALL_ARGS];
    TrObject **v = small;
    if (total > SMALL_ARGS) {
        v = malloc(total * sizeof *v);
        if (!v) return err_nomemory(ts);
    }
    v[0] = m->self;
    if (total > 1) memcpy(v + 1, args, (total - 1) * sizeof *v);
    TrObject *r = tr_call(ts, m->func, v, nargs + 1, kwnames);
    if (v != small) free(v);
    return r;
}

/* "<bound method A.f of <__main__.A object at 0x...>>" */
static TrObject *method_repr(TrThread *ts, TrObject *o) {
    TrMethod *m = (TrMethod *)o;
    TrObject *qn = tr_getattr_cstr(ts, m->func, "__qualname__");
    if (!qn) {
        err_clear(ts);
        qn = tr_getattr_cstr(ts, m->func, "__name__");
        if (!qn) { err_clear(ts); qn = str_from_cstr(ts, "?"); if (!qn) return NULL; }
    }
    TrObject *sr = tr_repr(ts, m->self);
    if (!sr) { tr_decref(qn); return NULL; }
    TrStrBuf b;
    strbuf_init(&b);
    strbuf_adds(&b, "<bound method ");
    if (str_check(qn)) strbuf_addstr(&b, qn);
    strbuf_adds(&b, " of ");
    strbuf_addstr(&b, sr);
    strbuf_addc(&b, '>');
    tr_decref(qn);
    tr_decref(sr);
    return strbuf_finish(ts, &b);
}

static TrObject *method_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    TrMethod *m = (TrMethod *)o;
    if (str_equal_cstr(name, "__self__")) return tr_newref(m->self);
    if (str_equal_cstr(name, "__func__")) return tr_newref(m->func);
    TrObject *r = tr_generic_getattr(ts, o, name);
    if (r || !err_matches(ts, &tr_exc_AttributeError)) return r;
    /* everything else comes from the function: __name__, __doc__, ... */
    err_clear(ts);
    return tr_getattr(ts, m->func, name);
}

static TrObject *method_richcompare(TrThread *ts, TrObject *a, TrObject *b, int op) {
    if ((op != TR_EQ && op != TR_NE) || tr_type(b) != &tr_method_type) return tr_notimplemented;
    TrMethod *x = (TrMethod *)a, *y = (TrMethod *)b;
    int eq = x->func == y->func && x->self == y->self;
    return tr_newref(tr_bool(op == TR_EQ ? eq : !eq));
}

static int64_t method_hash(TrThread *ts, TrObject *o) {
    TrMethod *m = (TrMethod *)o;
    int64_t h = tr_hash(ts, m->func);
    if (h == -1) return -1;
    uint64_t y = (uint64_t)(uintptr_t)m->self;
    h ^= (int64_t)((y >> 4) | (y << 60));
    return h == -1 ? -2 : h;
}

/* ---- cycle collection (threads/gc.c) ---------------------------------------- */

static void method_traverse(TrObject *o, tr_visitfunc visit, void *arg) {
    visit(((TrMethod *)o)->func, arg);
    visit(((TrMethod *)o)->self, arg);
}

/* method(function, instance): types.MethodType, a bound method made by hand. */
static TrObject *method_new_slot(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs,
                                 TrObject *kwnames) {
    (void)type;
    if (kwnames && tuple_size(kwnames))
        return err_format(ts, &tr_exc_TypeError, "method() takes no keyword arguments");
    if (nargs != 2) return err_format(ts, &tr_exc_TypeError, "method expected 2 arguments, got %zu", nargs);
    TrType *ft = tr_type(args[0]);
    if (!ft->call && ft != &tr_type_type && !tr_type_is_subtype(ft, &tr_type_type))
        return err_format(ts, &tr_exc_TypeError, "first argument must be callable");
    if (args[1] == tr_none) return err_format(ts, &tr_exc_TypeError, "instance must not be None");
    return method_new(ts, args[0], args[1]);
}

TrType tr_method_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "method",
    .flags = TR_TPFLAG_GC | TR_TPFLAG_WEAKREFABLE,
    .basicsize = sizeof(TrMethod),
    .base = &tr_object_type,
    .dealloc = method_dealloc,
    .repr = method_repr,
    .hash = method_hash,
    .richcompare = method_richcompare,
    .call = method_call,
    .new_ = method_new_slot,
    .getattr = method_getattr,
    .traverse = method_traverse,
};
