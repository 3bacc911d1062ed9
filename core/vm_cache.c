/* core/vm_cache.c: filling the eval loop's per-instruction caches: creating
 * a code object's CodeExtra block, the LOAD_GLOBAL entries, the attribute
 * records (LOAD_ATTR / LOAD_METHOD / STORE_ATTR) and CALL's instantiation
 * records, and freeing replaced records through QSBR.  The lookups that use
 * them are inline in core/vm_cache.h; the layout, validity rules and threading
 * rules are described there.
 * Threads: every function here may run in any thread while other threads read
 *   the same caches: blocks are published with a CAS, global entries under
 *   their seqlock, records with one atomic exchange (the replaced one freed by
 *   qsbr_free_later, never directly).  A record is built privately and never
 *   written after publication.
 * Lock order: only class dicts' locks, one at a time (dict_get_ref); no
 *   Python code runs here. */
#include <stdlib.h>
#include <string.h>

#include "torii/torii.h"
#include "torii/class.h"
#include "core/vm.h"
#include "core/vm_cache.h"
#include "threads/blocks.h"
#include "threads/qsbr.h"

/* ---- the per-code block ------------------------------------------------- */

/* The ops with an AttrSlot: the attribute ops, and CALL (its instantiation
 * cache, AK_INIT). */
static inline int is_attr_op(int op) {
    return op == OP_LOAD_ATTR || op == OP_LOAD_METHOD || op == OP_STORE_ATTR || op == OP_CALL;
}

void vm_code_extra_free(void *extra) {
    CodeExtra *x = extra;
    if (!x) return;
    for (size_t i = 0; i < x->nattr; i++)
        for (int w = 0; w < ATTR_WAYS; w++) free(x->attr[i].rec[w]);
    free(x);
}


NOINLINE CodeExtra *vm_code_extra_create(TrCode *co) {
    size_t n = 0, na = 0;
    for (size_t i = 0; i < co->ninstrs; i++) {
        int op = TR_OP(co->instrs[i]);
        if (op == OP_LOAD_GLOBAL) n++;
        else if (is_attr_op(op)) na++;
    }
    /* one block: the header, the entries, the attribute slots, then slot_of */
    size_t head = sizeof(CodeExtra) + n * sizeof(GlobalEntry) + na * sizeof(AttrSlot);
    CodeExtra *x = blocks_alloc_lines(head + (co->ninstrs ? co->ninstrs : 1) * sizeof(uint32_t));
    if (!x) return NULL;
    uint32_t *slots = (uint32_t *)(void *)((char *)x + head);
    x->slot_of = slots;
    x->nentries = n;
    x->nattr = na;
    x->attr = (AttrSlot *)(void *)(x->entries + n);
    n = 0;
    na = 0;
    for (size_t i = 0; i < co->ninstrs; i++) {
        int op = TR_OP(co->instrs[i]);
        if (op == OP_LOAD_GLOBAL) slots[i] = (uint32_t)n++;
        else if (is_attr_op(op)) slots[i] = (uint32_t)na++;
    }
    /* publish: pairs with the acquire load in code_extra() */
    uintptr_t seen = atomic_cas_uptr((uintptr_t *)&co->extra, 0, (uintptr_t)x);
    if (seen != 0) {
        vm_code_extra_free(x);
        return (CodeExtra *)seen;
    }
    return x;
}

/* ---- LOAD_GLOBAL cache -------------------------------------------------- */

void vm_global_cache_put(CodeExtra *x, size_t idx, TrObject *globals, uint64_t gv, uint64_t bv,
                         uintptr_t owner, TrObject *v) {
    GlobalEntry *e = &x->entries[x->slot_of[idx]];
    uintptr_t s = atomic_load_uptr_relaxed(&e->seq);
    if (s & 1) return;                           /* another writer is busy: skip */
    /* full barrier: the odd seq is visible before any field changes */
    if (atomic_cas_uptr(&e->seq, s, s + 1) != s) return;
    /* release stores: pair with the reader's acquire loads */
    atomic_store_uptr_release(&e->globals, (uintptr_t)globals);
    atomic_store_u64_release(&e->gver, gv);
    atomic_store_u64_release(&e->bver, bv);
    atomic_store_uptr_release(&e->owner, owner);
    atomic_store_uptr_release(&e->value, (uintptr_t)v);
    atomic_store_uptr_release(&e->seq, s + 2);
}

/* ---- attribute caches ---------------------------------------------------- */

NOINLINE TrObject *vm_instance_dict_create(TrThread *ts, TrObject *o, TrType *tp) {
    const InlineKeys *k = inl_keys(tp);
    if (k) return inl_materialize(ts, o, tp, k);   /* a name outside the inline keys */
    TrObject *nd = dict_new(ts);
    if (!nd) return NULL;
    uintptr_t seen = atomic_cas_uptr((uintptr_t *)(void *)((char *)o + tp->dictoffset), 0, (uintptr_t)nd);
    if (seen != 0) {         /* another thread installed one first */
        tr_decref(nd);
        return (TrObject *)seen;
    }
    return nd;
}

/* Publishes record `r` in site `s`: in place of the site's record for the
 * same class (a stale one), else in the first empty way, else in place of
 * the oldest (round robin by the fill count).  The replaced record is freed
 * through QSBR: a reader may still hold it. */
static void attr_publish(TrThread *ts, AttrSlot *s, AttrRec *r) {
    int way = -1;
    for (int i = 0; i < ATTR_WAYS && way < 0; i++) {
        /* acquire: pairs with the exchange that published it */
        const AttrRec *cur = atomic_load_ptr_acquire((void *const *)&s->rec[i]);
        if (!cur || (cur->tag == r->tag && (cur->kind == AK_CLASS) == (r->kind == AK_CLASS))) way = i;
    }
    if (way < 0) way = (int)(atomic_load_u32_relaxed(&s->fills) % ATTR_WAYS);
    AttrRec *old = atomic_exchange_ptr(&s->rec[way], r);
    if (old) qsbr_free_later(ts, old);
}

/* Makes class attribute `v` uncounted-safe for a cache record: 1 if it is
 * (now) immediate, immortal or deferred.  Only objects with no finaliser are
 * marked: a deferred object's release waits for a reclaim. */
static int attr_make_safe(TrObject *v) {
    if (sr_can_borrow(v)) return 1;
    TrType *t = tr_type(v);
    if (t == &tr_function_type || t == &tr_str_type || t == &tr_float_type || t == &tr_tuple_type ||
        t == &tr_list_type || t == &tr_dict_type || t == &tr_module_type || t == &tr_type_type ||
        t == &tr_method_descr_type) {
        tr_make_deferred(v);
        return 1;
    }
    return 0;
}

/* After a slow-path attribute operation at `idx` succeeded on receiver `o`:
 * builds and publishes a record for the receiver's class when the site can
 * use one.  Never fails (a record is only an optimisation); no exception is
 * pending on entry or exit. */
NOINLINE void vm_attr_cache_fill(TrThread *ts, TrCode *co, size_t idx, TrObject *o, TrObject *name) {
    if (tr_is_imm(o)) return;
    CodeExtra *x = code_extra(co);
    if (!x) { err_clear(ts); return; }
    AttrSlot *s = attr_slot(x, idx);
    if (atomic_load_u32_relaxed(&s->fills) >= ATTR_MAX_FILLS) return;
    int op = TR_OP(co->instrs[idx]);
    TrType *tp = o->ob_type, *t;
    int kind;
    if (tp == &tr_type_type) {
        const char *n = str_utf8(name);
        if (op == OP_STORE_ATTR || (n[0] == '_' && n[1] == '_')) return;
        t = (TrType *)o;
        kind = AK_CLASS;
    } else {
        if (op == OP_STORE_ATTR ? tp->setattr != NULL : tp->getattr != NULL) return;
        t = tp;
        kind = op == OP_STORE_ATTR ? AK_STORE : AK_INST;
    }
    if (!(t->flags & TR_TPFLAG_HEAPTYPE)) return;
    const AttrRec *cur = attr_rec_for(s, t, kind == AK_CLASS);
    if (cur && attr_rec_valid(cur, t)) return;
    TrHeapType *h = (TrHeapType *)t;
    size_t nver = 0;
    while (nver < h->nmro && (h->mro[nver]->flags & TR_TPFLAG_HEAPTYPE)) nver++;
    if (nver > ATTR_MAX_VER) return;
    for (size_t i = nver; i < h->nmro; i++)
        if (h->mro[i]->flags & TR_TPFLAG_HEAPTYPE) return;   /* a class after a builtin type */
    AttrRec *r = blocks_alloc_lines(sizeof(AttrRec) + nver * sizeof r->ver[0]);
    if (!r) return;
    r->tag = h->tag;
    r->nver = (uint32_t)nver;
    r->hash = str_hash(name);
    r->value = NULL;
    r->off = 0;
    r->inl = -1;
    /* the versions first: a change racing with the lookup below leaves the
     * record stale, never wrong */
    for (size_t i = 0; i < nver; i++) {
        r->ver[i].word = dict_version_ptr(h->mro[i]->dict);
        r->ver[i].seen = atomic_load_u64_acquire(r->ver[i].word);
    }
    TrObject *d = NULL;
    int fr = type_lookup_ref(ts, t, name, &d);
    if (fr < 0) { err_clear(ts); free(r); return; }
    int ok = 1;
    if (fr > 0) {
        TrType *dt = tr_type(d);
        switch (kind) {
        case AK_STORE:
            if (dt == &tr_member_descr_type) {
                kind = AK_MEMBER_STORE;
                ok = (r->off = member_offset(d, tp)) != 0;
            } else {
                ok = dt->descr_set == NULL && tp->dictoffset;
            }
            break;
        case AK_CLASS:
            /* type_getattr hands these out as they are */
            ok = dt == &tr_function_type || dt == &tr_method_descr_type || dt->descr_get == NULL;
            if (ok) r->value = d;
            break;
        default:
            if (dt == &tr_member_descr_type) {
                kind = AK_MEMBER;
                ok = (r->off = member_offset(d, tp)) != 0;
            } else if (dt == &tr_property_type && op == OP_LOAD_ATTR && property_fget(d)) {
                kind = AK_PROPERTY;               /* the getter, called by the hit */
                r->value = property_fget(d);
            } else if (dt->descr_set) ok = 0;    /* another data descriptor: always the slow path */
            else if (op == OP_LOAD_METHOD && (dt == &tr_function_type || dt == &tr_method_descr_type)) {
                kind = AK_METHOD;
                r->value = d;
            } else if (dt == &tr_function_type) {
                kind = AK_BIND;
                r->value = d;
            } else if (!dt->descr_get) {
                r->value = d;             /* a plain class attribute */
            }
            break;
        }
    } else if (kind == AK_CLASS || (kind == AK_STORE && !tp->dictoffset)) {
        ok = 0;                           /* the metatype's attributes; no instance dict: slow path */
    }
    if (ok && r->value && !attr_make_safe(r->value)) {
        if (kind == AK_INST) r->value = NULL;   /* an instance dict miss takes the slow path */
        else ok = 0;
    }
    if (fr == 1) tr_decref(d);            /* the class dict keeps it; the record holds it uncounted */
    if (!ok) { free(r); return; }
    const InlineKeys *ik = inl_keys(tp);
    if (ik && (kind == AK_INST || kind == AK_BIND || kind == AK_METHOD || kind == AK_STORE))
        r->inl = inl_index(ik, name);
    r->kind = (uint32_t)kind;
    attr_publish(ts, s, r);
    atomic_add_u32(&s->fills, 1);
}

/* ---- CALL's instantiation cache ------------------------------------------ */

/* Builds the AK_INIT record for CALL site `idx` and class `t` when calling
 * `t` is exactly what objects/class.c's heap_new would do for a plain class:
 * no builtin base but object (so the instance is a bare tr_alloc), no
 * `__new__` in any class dict, `__init__` a Python function from a class
 * dict.  Returns that function (as init_cached), or NULL: not cacheable.
 * Never fails; no exception pending on entry or exit. */
NOINLINE TrObject *vm_init_cache_fill(TrThread *ts, TrCode *co, size_t idx, TrType *t) {
    static TrObject *s_init, *s_new;   /* immortal interned strs; racing fillers store the same */
    CodeExtra *x = code_extra(co);
    if (!x) { err_clear(ts); return NULL; }
    AttrSlot *s = attr_slot(x, idx);
    if (atomic_load_u32_relaxed(&s->fills) >= ATTR_MAX_FILLS) return NULL;
    /* a failed try counts too, so a site that never qualifies stops trying */
    atomic_add_u32(&s->fills, 1);
    TrObject *n_init = atomic_load_objptr_relaxed(&s_init), *n_new = atomic_load_objptr_relaxed(&s_new);
    if (!n_init || !n_new) {
        n_init = str_intern_cstr(ts, "__init__");
        n_new = str_intern_cstr(ts, "__new__");
        if (!n_init || !n_new) { err_clear(ts); return NULL; }
        atomic_store_ptr_relaxed(&s_init, n_init);
        atomic_store_ptr_relaxed(&s_new, n_new);
    }
    TrHeapType *h = (TrHeapType *)t;
    size_t nver = 0;
    while (nver < h->nmro && (h->mro[nver]->flags & TR_TPFLAG_HEAPTYPE)) nver++;
    if (nver > ATTR_MAX_VER || nver + 1 != h->nmro || h->mro[nver] != &tr_object_type) return NULL;
    AttrRec *r = blocks_alloc_lines(sizeof(AttrRec) + nver * sizeof r->ver[0]);
    if (!r) return NULL;
    r->tag = h->tag;
    r->kind = AK_INIT;
    r->nver = (uint32_t)nver;
    r->hash = 0;
    r->value = NULL;
    r->off = 0;
    r->inl = -1;
    /* the versions first: a change racing with the lookups below leaves the
     * record stale, never wrong */
    for (size_t i = 0; i < nver; i++) {
        r->ver[i].word = dict_version_ptr(h->mro[i]->dict);
        r->ver[i].seen = atomic_load_u64_acquire(r->ver[i].word);
    }
    int ok = 1;
    for (size_t i = 0; ok && i < nver; i++) {
        TrObject *v = NULL;
        int g = dict_get_ref(ts, h->mro[i]->dict, n_new, &v);
        if (g != 0) ok = 0;               /* a class's own __new__ (or an error): slow path */
        if (g == 1) tr_decref(v);
    }
    for (size_t i = 0; ok && !r->value && i < nver; i++) {
        TrObject *v = NULL;
        int g = dict_get_ref(ts, h->mro[i]->dict, n_init, &v);
        if (g == 0) continue;
        if (g < 0 || tr_type(v) != &tr_function_type || !attr_make_safe(v)) ok = 0;
        else r->value = v;                /* the class dict keeps it; the record holds it uncounted */
        if (g == 1) tr_decref(v);
    }
    if (err_occurred(ts)) err_clear(ts);
    if (!ok || !r->value) { free(r); return NULL; }
    TrObject *init = r->value;
    attr_publish(ts, s, r);
    return init;
}
