/* objects/inline_attrs.h: instance attributes stored inline in the instance
 * (private to objects/ and core/vm*.c).
 *
 * A plain class (its instances' layout is object's plus what classes added)
 * gets at creation a fixed, immutable table of attribute names, its
 * `InlineKeys`: its base's names first, then the names its own functions
 * store on their first argument (`self.x = ...`, TrCode.self_attrs; the
 * `__init__` first), at most INL_MAX.  Every instance then carries, after
 * everything else in its layout (at `keys->offset`), an order word and one
 * value word per name, and usually needs no `__dict__` at all: `Node(l, r)`
 * is one block instead of three.
 *
 * States of an instance, one way only:
 *   - inline: the dict slot (TrType.dictoffset) is NULL and the value words
 *     are the attributes (0: absent).  The order word lists the present
 *     ones in insertion order, which `vars()` must show: 4 bits per index,
 *     first inserted lowest, the count in the top 4 bits;
 *   - dict: the dict slot holds a dict, which has every attribute; the
 *     words are all 0 and are never read again.  An instance converts
 *     (inl_materialize) when `__dict__` is asked for or a name outside the
 *     keys is stored.
 * Value words are tagged as the dict's (objects/dict_inline.h): bit 0 an
 * immediate int, bit 1 on a pointer "stack safe" (immortal or deferred: may
 * be handed out uncounted), else a plain owned pointer.
 *
 * Threads: as a dict's entries.  Every change (store, delete, conversion)
 * holds the instance's lock and stores words with release; the dict slot is
 * published with release, under the lock.  Readers: any thread takes a
 * stack-safe word without the lock; the instance's owner also counts a
 * plain pointer without it (the owner-reads rule of tr_release_unlocked:
 * every other thread drops what it takes out of the words through
 * tr_release_unlocked, holder the instance); other threads count under the
 * lock.  A reader that finds a 0 word re-reads the dict slot: a conversion
 * may have moved the value (conversion moves values into the dict before
 * clearing the words, so a word read before the clear names a live object).
 * Lock order: the instance's lock, then (conversion only) its new private
 * dict's; no Python code and no release of a value while held. */
#ifndef TORII_INLINE_ATTRS_H
#define TORII_INLINE_ATTRS_H

#include "torii/torii.h"
#include "torii/class.h"
#include "threads/atomic.h"

#define INL_MAX 15            /* names a class keeps inline: 4-bit indices, and a count, in a word */

typedef struct InlineKeys {
    uint32_t n;              /* names, at most INL_MAX */
    uint32_t offset;         /* byte offset of the order word in an instance; the value words follow */
    TrObject *names[];       /* interned str (immortal: they come from code objects' names) */
} InlineKeys;

/* The inline keys of instances of `t`, or NULL: none. */
static inline const InlineKeys *inl_keys(const TrType *t) {
    return (t->flags & TR_TPFLAG_HEAPTYPE) ? ((const TrHeapType *)t)->inl : NULL;
}

static inline uint64_t *inl_order(TrObject *o, const InlineKeys *k) {
    return (uint64_t *)(void *)((char *)o + k->offset);
}
static inline uintptr_t *inl_words(TrObject *o, const InlineKeys *k) {
    return (uintptr_t *)(void *)((char *)o + k->offset + sizeof(uint64_t));
}

/* The index of `name` (a str) in `k`, or -1. */
static inline int inl_index(const InlineKeys *k, TrObject *name) {
    for (uint32_t i = 0; i < k->n; i++)
        if (k->names[i] == name) return (int)i;
    for (uint32_t i = 0; i < k->n; i++)
        if (str_equal(k->names[i], name)) return (int)i;
    return -1;
}

/* The dict slot of an instance of `t` (which has inline keys). */
static inline TrObject **inl_dict_slot(TrObject *o, const TrType *t) {
    return (TrObject **)(void *)((char *)o + t->dictoffset);
}

/* Lays out class `h` (its basicsize and dictoffset set as without inline
 * attributes, its dict the class namespace): gives it inline keys when its
 * instances can have them, growing basicsize by their words.  `best` is the
 * base whose layout it extends.  0, or -1 with MemoryError. */
int inl_layout(TrThread *ts, TrHeapType *h, TrType *best);
/* Frees `h`'s keys (its last instance is gone). */
void inl_keys_free(TrHeapType *h);

/* Attribute `i` of `o` (an instance of `t`, keys `k`), read as the header
 * says: 2 and a BORROWED stack-safe value, 1 and a new reference, 0 absent,
 * -2 when `o` has (or now has) a dict: ask it instead. */
int inl_get(TrThread *ts, TrObject *o, const TrType *t, const InlineKeys *k, int i, TrObject **out);
/* The lock-free part of inl_get: as inl_get, and -1 when only inl_get can
 * tell (a plain pointer, read by a thread other than the owner). */
static inline __attribute__((always_inline)) int inl_peek(TrObject *o, const TrType *t, const InlineKeys *k, int i, TrObject **out) {
    /* acquire: pairs with the release store of the word */
    uintptr_t w = atomic_load_uptr_acquire(&inl_words(o, k)[i]);
    if (w & 3) {
        *out = (w & 1) ? (TrObject *)w : (TrObject *)(w & ~(uintptr_t)2);
        return 2;
    }
    if (!w) return atomic_load_ptr_acquire((void *const *)inl_dict_slot(o, t)) ? -2 : 0;
    if (TR_BIASED_RC && !tr_owned_by_me(o)) return -1;
    /* the owner counts what it finds without the lock (see above) */
    *out = tr_newref((TrObject *)w);
    return 1;
}
/* Attribute `name` (a str) of `o` (an instance of `t`, keys `k`), for the
 * slow paths: as inl_get (0 also when `name` is not among the keys), -2
 * when `o` has a dict: ask it. */
static inline int inl_lookup(TrThread *ts, TrObject *o, const TrType *t, const InlineKeys *k, TrObject *name,
                             TrObject **out) {
    if (atomic_load_ptr_acquire((void *const *)inl_dict_slot(o, t))) return -2;
    int i = inl_index(k, name);
    return i < 0 ? 0 : inl_get(ts, o, t, k, i, out);
}

/* Stores `v` (borrowed; NULL deletes) as attribute `i` of `o`: 1 done;
 * 0 when the deletion found nothing; -2 when `o` has a dict: store there. */
int inl_set(TrThread *ts, TrObject *o, const TrType *t, const InlineKeys *k, int i, TrObject *v);
/* The dict of `o` (an instance of `t`, keys `k`), converting it now if it
 * has none.  Borrowed (`o` keeps it); NULL with MemoryError. */
TrObject *inl_materialize(TrThread *ts, TrObject *o, const TrType *t, const InlineKeys *k);
/* 1 if `o`, still inline, has attribute `name` (shadowing a method); 0 if
 * not or if `o` has a dict (the caller asks the dict). */
int inl_has(TrObject *o, const TrType *t, const InlineKeys *k, TrObject *name);

/* The cycle collector's and the deallocator's views of the words (no lock:
 * the world is stopped, or nobody else can reach `o`). */
void inl_traverse(TrObject *o, const InlineKeys *k, tr_visitfunc visit, void *arg);
void inl_clear(TrObject *o, const InlineKeys *k);

#endif
