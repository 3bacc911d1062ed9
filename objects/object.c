/* objects/object.c: allocation and release of objects, subtype tests, and
 * `object`, the root of every type.
 * Threads: a new object is owned by the allocating thread (`ob_tid`) and
 * counted in `ob_ref_local`; see include/torii/object.h for who may touch
 * which header field afterwards.  Nothing here takes a lock. */
#include <stdio.h>
#include <stdlib.h>
#include "torii/torii.h"

#include "threads/brc.h"   /* brc_defer_free */

/* ---- allocation -------------------------------------------------------- */

TrObject *tr_alloc_var(TrThread *ts, TrType *type, size_t size) {
    if (size < sizeof(TrObject)) size = sizeof(TrObject);
    TrObject *o = calloc(1, size);
    if (!o) return err_nomemory(ts);
    o->ob_tid = tr_tls_tid;
    o->ob_ref_local = 1;
    o->ob_ref_shared = 0;
    o->ob_type = type;
    if (type->flags & TR_TPFLAG_HEAPTYPE) tr_incref((TrObject *)type);
    return o;
}

TrObject *tr_alloc(TrThread *ts, TrType *type) {
    return tr_alloc_var(ts, type, type->basicsize);
}

void tr_free(TrObject *o) {
    if (tr_is_imm(o)) return;
    if (atomic_load_u16_relaxed(&o->ob_flags) & TR_FLAG_STATIC) return;
    TrType *type = o->ob_type;
    free(o);
    /* after the free: the type may go with its last instance */
    if (type->flags & TR_TPFLAG_HEAPTYPE) tr_decref((TrObject *)type);
}

void tr_make_immortal(TrObject *o) {
    if (tr_is_imm(o)) return;
    atomic_store_u32_relaxed(&o->ob_ref_local, TR_IMMORTAL);
}

void tr_make_deferred(TrObject *o) {
    if (tr_is_imm(o)) return;
    atomic_or_u16(&o->ob_flags, TR_FLAG_DEFERRED);
}

void tr_dealloc(TrObject *o) {
    if (tr_is_deferred(o)) {
        brc_defer_free(o);
        return;
    }
    TrType *type = o->ob_type;
    if (type->dealloc) type->dealloc(tr_thread_current(), o);
    else tr_free(o);
}

/* ---- subtype test ------------------------------------------------------ */

int tr_type_is_subtype(const TrType *t, const TrType *base) {
    for (; t; t = t->base)
        if (t == base) return 1;
    return 0;
}

/* ---- the `object` type ------------------------------------------------- */

static void object_dealloc(TrThread *ts, TrObject *o) {
    TrType *type = tr_type(o);
    if (type->dictoffset) {
        TrObject **dp = (TrObject **)((char *)o + type->dictoffset);
        TR_CLEAR(*dp);
    }
    tr_free(o);
}

/* "<object object at 0x...>", "<__main__.A object at 0x...>". */
static TrObject *object_repr(TrThread *ts, TrObject *o) {
    TrType *type = tr_type(o);
    TrObject *mod = NULL, *qual = NULL;
    if ((type->flags & TR_TPFLAG_HEAPTYPE) && type->dict) {
        mod = dict_get_cstr(ts, type->dict, "__module__");
        qual = dict_get_cstr(ts, type->dict, "__qualname__");
        if (err_occurred(ts)) err_clear(ts);
    }
    const char *qn = (qual && str_check(qual)) ? str_utf8(qual) : type->name;
    const char *mn = (mod && str_check(mod) && !str_equal_cstr(mod, "builtins")) ? str_utf8(mod) : NULL;
    char addr[32];
    snprintf(addr, sizeof addr, "%p", (void *)o);
    TrStrBuf b;
    strbuf_init(&b);
    strbuf_addc(&b, '<');
    if (mn) { strbuf_adds(&b, mn); strbuf_addc(&b, '.'); }
    strbuf_adds(&b, qn);
    strbuf_adds(&b, " object at ");
    strbuf_adds(&b, addr);
    strbuf_addc(&b, '>');
    TrObject *r = strbuf_finish(ts, &b);
    tr_xdecref(mod);
    tr_xdecref(qual);
    return r;
}

/* CPython's pointer hash: the address rotated right by 4 bits. */
static int64_t object_hash(TrThread *ts, TrObject *o) {
    uint64_t y = (uint64_t)(uintptr_t)o;
    y = (y >> 4) | (y << 60);
    int64_t h = (int64_t)y;
    return h == -1 ? -2 : h;
}

static TrObject *object_richcompare(TrThread *ts, TrObject *a, TrObject *b, int op) {
    if (op == TR_EQ) return a == b ? tr_newref(tr_true) : tr_notimplemented;
    if (op == TR_NE) {
        /* `!=` inverts `==` of the left type, as CPython's object.__ne__ */
        TrType *t = tr_type(a);
        if (t->richcompare && t->richcompare != object_richcompare) {
            TrObject *r = t->richcompare(ts, a, b, TR_EQ);
            if (!r || r == tr_notimplemented) return r;
            int v = tr_is_true(ts, r);
            tr_decref(r);
            if (v < 0) return NULL;
            return tr_newref(tr_bool(!v));
        }
        return a == b ? tr_newref(tr_false) : tr_notimplemented;
    }
    return tr_notimplemented;
}

static TrObject *object_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs,
                            TrObject *kwnames) {
    if (nargs || (kwnames && tuple_size(kwnames))) {
        if (type == &tr_object_type)
            return err_format(ts, &tr_exc_TypeError, "object() takes no arguments");
        return err_format(ts, &tr_exc_TypeError, "%s() takes no arguments", type->name);
    }
    return tr_alloc(ts, type);
}

TrType tr_object_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "object",
    .basicsize = sizeof(TrObject),
    .flags = TR_TPFLAG_BASETYPE,
    .base = NULL,
    .dealloc = object_dealloc,
    .repr = object_repr,
    .hash = object_hash,
    .richcompare = object_richcompare,
    .new_ = object_new,
    .getattr = tr_generic_getattr,
};
