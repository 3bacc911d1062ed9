/* objects/inline_attrs.c: instance attributes stored inline in the instance;
 * the layout, the two states of an instance and the threading rules are in
 * objects/inline_attrs.h.
 * Threads: the keys are built before the class is published and never
 *   change; the value words and the dict slot change only under the
 *   instance's lock (TR_BEGIN_CRITICAL), with release stores.
 * Lock order: instance, then the private dict a conversion is filling. */
#include <stdlib.h>

#include "objects/containers.h"
#include "objects/inline_attrs.h"
#include "torii/func.h"
#include "torii/code.h"

/* ---- layout --------------------------------------------------------------- */

/* Appends to names[*n] the `self` attributes of function `f` not yet there. */
static void add_self_attrs(TrObject *f, TrObject **names, uint32_t *n) {
    if (tr_is_imm(f) || tr_type(f) != &tr_function_type) return;
    TrCode *co = (TrCode *)((TrFunction *)f)->code;
    for (uint32_t i = 0; i < co->nself_attrs && *n < INL_MAX; i++) {
        TrObject *name = tuple_get(co->names, co->self_attrs[i]);
        uint32_t k = 0;
        while (k < *n && !str_equal(names[k], name)) k++;
        if (k == *n) names[(*n)++] = name;
    }
}

/* The bytes an instance spends on `n` inline names: the order word and theirs. */
static size_t area(uint32_t n) { return sizeof(uint64_t) + n * sizeof(uintptr_t); }

int inl_layout(TrThread *ts, TrHeapType *h, TrType *best) {
    TrType *t = &h->type;
    const InlineKeys *bk = inl_keys(best);
    TrObject *names[INL_MAX];
    uint32_t n = 0;
    size_t offset = t->basicsize;
    int extend = 1;
    if (bk) {
        /* the base's words come first, at the base's offset; they can be
         * followed by ours only when they end its layout and ours adds
         * nothing before them */
        for (uint32_t i = 0; i < bk->n; i++) names[n++] = bk->names[i];
        offset = bk->offset;
        extend = t->basicsize == best->basicsize && bk->offset + area(bk->n) == best->basicsize;
    }
    if (extend) {
        TrObject *init = dict_get_cstr(ts, t->dict, "__init__");
        if (init) {
            add_self_attrs(init, names, &n);
            tr_decref(init);
        } else if (err_occurred(ts)) {
            return -1;
        }
        size_t pos = 0;
        TrObject *v;
        while (n < INL_MAX && dict_next(ts, t->dict, &pos, NULL, &v)) {
            add_self_attrs(v, names, &n);
            tr_decref(v);
        }
    }
    if (!n) return 0;
    InlineKeys *k = malloc(sizeof *k + n * sizeof(TrObject *));
    if (!k) { err_nomemory(ts); return -1; }
    k->n = n;
    k->offset = (uint32_t)offset;
    for (uint32_t i = 0; i < n; i++) k->names[i] = tr_newref(names[i]);
    h->inl = k;
    if (extend) t->basicsize = offset + area(n);
    return 0;
}

void inl_keys_free(TrHeapType *h) {
    InlineKeys *k = h->inl;
    if (!k) return;
    h->inl = NULL;
    for (uint32_t i = 0; i < k->n; i++) tr_decref(k->names[i]);
    free(k);
}

/* ---- reads and writes ------------------------------------------------------ */

/* Drops the reference the words held to `v`, which has just left them (the
 * lock released): at once in the owner, else by tr_release_unlocked's rule. */
static void release(TrThread *ts, TrObject *o, TrObject *v) {
    if (!TR_BIASED_RC || tr_owned_by_me(o)) tr_decref(v);
    else tr_release_unlocked(ts, o, &v, 1);
}

int inl_get(TrThread *ts, TrObject *o, const TrType *t, const InlineKeys *k, int i, TrObject **out) {
    int r = inl_peek(o, t, k, i, out);
    if (r != -1) return r;
    uintptr_t *w = &inl_words(o, k)[i];
    TR_BEGIN_CRITICAL(ts, o);
    if (*inl_dict_slot(o, t)) {
        r = -2;
    } else if (!*w) {
        r = 0;
    } else {
        TrObject *v = word_value(*w);
        if (!(*w & 3) && stack_safe(v))   /* became deferred since: mark it */
            atomic_store_uptr_release(w, *w | 2);
        *out = tr_newref(v);
        r = 1;
    }
    TR_END_CRITICAL(ts);
    return r;
}

/* The order word (under the instance's lock): indices in its low nibbles,
 * first inserted lowest, their count in the top nibble. */
static unsigned order_count(uint64_t ord) { return (unsigned)(ord >> 60); }
static unsigned order_at(uint64_t ord, unsigned p) { return (unsigned)(ord >> (4 * p)) & 15u; }

static void order_append(uint64_t *ord, unsigned i) {
    unsigned n = order_count(*ord);
    *ord = (*ord & ~((uint64_t)15 << 60)) | ((uint64_t)i << (4 * n)) | ((uint64_t)(n + 1) << 60);
}

static void order_remove(uint64_t *ord, unsigned i) {
    unsigned n = order_count(*ord), p = 0;
    while (p < n && order_at(*ord, p) != i) p++;
    uint64_t low = *ord & (((uint64_t)1 << (4 * p)) - 1);
    uint64_t high = (*ord & ~((uint64_t)15 << 60)) >> (4 * (p + 1));
    *ord = low | (high << (4 * p)) | ((uint64_t)(n - 1) << 60);
}

int inl_set(TrThread *ts, TrObject *o, const TrType *t, const InlineKeys *k, int i, TrObject *v) {
    TrObject *old = NULL;
    int r;
    TR_BEGIN_CRITICAL(ts, o);
    uintptr_t *w = inl_words(o, k);
    if (*inl_dict_slot(o, t)) {
        r = -2;
    } else if (!v) {
        r = w[i] != 0;
        if (r) {
            old = word_value(w[i]);
            atomic_store_uptr_release(&w[i], 0);
            order_remove(inl_order(o, k), (unsigned)i);
        }
    } else {
        r = 1;
        if (w[i]) old = word_value(w[i]);
        else order_append(inl_order(o, k), (unsigned)i);
        /* release: a lock-free reader that sees the word sees the value whole */
        atomic_store_uptr_release(&w[i], value_word(tr_newref(v)));
    }
    TR_END_CRITICAL(ts);
    if (old) release(ts, o, old);   /* after unlocking: this may run a destructor */
    return r;
}

TrObject *inl_materialize(TrThread *ts, TrObject *o, const TrType *t, const InlineKeys *k) {
    TrObject **slot = inl_dict_slot(o, t);
    /* acquire: pairs with the release store that publishes the dict */
    TrObject *d = atomic_load_ptr_acquire((void *const *)slot);
    if (d) return d;
    TrObject *nd = dict_new(ts);
    if (!nd) return NULL;
    TrObject *moved[INL_MAX];
    uint32_t nmoved = 0;
    int failed = 0;
    TR_BEGIN_CRITICAL(ts, o);
    d = *slot;
    if (!d) {
        uintptr_t *w = inl_words(o, k);
        uint64_t ord = *inl_order(o, k);
        /* the dict takes its own references first, in insertion order, so a
         * value stays alive for a lock-free reader that loaded its word
         * before the clear */
        for (unsigned p = 0; p < order_count(ord) && !failed; p++) {
            unsigned i = order_at(ord, p);
            if (dict_set(ts, nd, k->names[i], word_value(w[i])) < 0) failed = 1;
        }
        if (!failed) {
            *inl_order(o, k) = 0;
            for (uint32_t i = 0; i < k->n; i++) {
                if (!w[i]) continue;
                moved[nmoved++] = word_value(w[i]);
                atomic_store_uptr_release(&w[i], 0);
            }
            atomic_store_ptr_release((void **)slot, nd);
            d = nd;
            nd = NULL;
        }
    }
    TR_END_CRITICAL(ts);
    tr_xdecref(nd);   /* lost the race to another conversion, or failed */
    for (uint32_t i = 0; i < nmoved; i++) release(ts, o, moved[i]);
    return d;         /* NULL only when failed: MemoryError is set */
}

int inl_has(TrObject *o, const TrType *t, const InlineKeys *k, TrObject *name) {
    int i = inl_index(k, name);
    if (i < 0 || !atomic_load_uptr_acquire(&inl_words(o, k)[i])) return 0;
    return atomic_load_ptr_acquire((void *const *)inl_dict_slot(o, t)) == NULL;
}

/* ---- the collector and the deallocator ------------------------------------ */

void inl_traverse(TrObject *o, const InlineKeys *k, tr_visitfunc visit, void *arg) {
    uintptr_t *w = inl_words(o, k);
    for (uint32_t i = 0; i < k->n; i++)
        if (w[i] && !(w[i] & 1)) visit(word_value(w[i]), arg);
}

void inl_clear(TrObject *o, const InlineKeys *k) {
    uintptr_t *w = inl_words(o, k);
    *inl_order(o, k) = 0;
    for (uint32_t i = 0; i < k->n; i++) {
        uintptr_t x = w[i];
        if (!x) continue;
        w[i] = 0;
        tr_decref(word_value(x));
    }
}
