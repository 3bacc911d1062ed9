/* core/vm_cache.h: the per-instruction caches of the eval loop (private to
 * core/vm.c and core/vm_cache.c).
 *
 * Each code object gets one lazily allocated block, `CodeExtra` (hung off
 * `TrCode.extra`), with a slot per LOAD_GLOBAL site (`GlobalEntry`) and one per
 * attribute site (`AttrSlot`: LOAD_ATTR, LOAD_METHOD, STORE_ATTR, and CALL's
 * instantiation cache).  `slot_of[i]` maps instruction i to its slot.  The
 * lookups the eval loop runs on every execution of a site are `static inline`
 * here (no call on a hit); building and publishing an entry lives in
 * core/vm_cache.c, behind noinline calls taken only on a miss.
 *
 * Threads: code objects are shared, so every field below may be read by any
 * thread running the code while another thread fills it.
 *  - `TrCode.extra` is published once with a CAS (a losing creator frees its
 *    block) and read with an acquire load; the block is never replaced.
 *  - A `GlobalEntry` is a seqlock: writers make `seq` odd with a CAS, store the
 *    fields with release stores, and close with an even `seq`; readers load
 *    every field with acquire and retry (miss) if `seq` moved, so a racing
 *    reader never uses a torn entry.  A cached value is either uncounted-safe
 *    (immediate, immortal, deferred: `owner` 0) or was owned by the caching
 *    thread (`owner` its tid), and is used only by that thread, which alone
 *    can free it, and only at its own eval-breaker check.
 *  - An `AttrSlot` holds up to ATTR_WAYS atomic pointers to immutable
 *    `AttrRec`s (one per class seen); a filler
 *    builds a record privately, publishes it with one atomic exchange and
 *    hands the one it replaced to qsbr_free_later, so a reader that loaded the
 *    old pointer may keep reading it until its next quiescent point.  Readers
 *    copy what they need from the record before calling anything.  `fills`
 *    and `hint` are relaxed atomics: only heuristics.
 * Lock order: no lock is held while reading a cache; filling takes only the
 * class dicts' locks (through dict_get_ref), one at a time. */
#ifndef TORII_VM_CACHE_H
#define TORII_VM_CACHE_H

#include "torii/torii.h"
#include "torii/class.h"
#include "core/opcodes.h"
#include "core/stackref.h"
#include "core/frame.h"
#include "objects/dict_inline.h"
#include "objects/inline_attrs.h"

#ifndef LIKELY
#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#endif
#ifndef NOINLINE
#define NOINLINE __attribute__((noinline))
#endif

/* ---- the per-code block ------------------------------------------------- */

typedef struct GlobalEntry {
    uintptr_t seq;           /* seqlock: 0 empty, odd while being written */
    uint64_t gver, bver;     /* versions of globals and builtins when filled */
    uintptr_t globals;       /* identity of the globals dict */
    uintptr_t owner;         /* 0: value is uncounted-safe; else the tid that may use it */
    uintptr_t value;
} GlobalEntry;

struct AttrRec;

/* One attribute site's cache (see "attribute caches" below). */
#define ATTR_WAYS 4           /* classes one site remembers at once (polymorphic sites) */

typedef struct AttrSlot {
    struct AttrRec *rec[ATTR_WAYS];  /* atomic pointers (release/acquire) to immutable records;
                                      * filled in order, so the first NULL ends the list */
    uint32_t fills;          /* records published here (atomic relaxed) */
    uint32_t hint;           /* where the instance dicts seen here keep the name (dict_get_hinted) */
} AttrSlot;

typedef struct CodeExtra {
    uint32_t *slot_of;       /* per instruction: index into entries (LOAD_GLOBAL) or attr (the attribute ops) */
    size_t nentries;
    size_t nattr;
    AttrSlot *attr;          /* LOAD_ATTR, LOAD_METHOD and STORE_ATTR sites, after `entries` in the same block */
    GlobalEntry entries[];
} CodeExtra;

/* Creates and publishes `co`'s CodeExtra (or returns the one another thread
 * published first).  NULL on MemoryError, with NO exception set: a cache is
 * only an optimisation, callers fall back to the slow path. */
CodeExtra *vm_code_extra_create(TrCode *co);

static inline CodeExtra *code_extra(TrCode *co) {
    /* acquire: pairs with the CAS in vm_code_extra_create */
    CodeExtra *x = atomic_load_ptr_acquire((void *const *)&co->extra);
    return x ? x : vm_code_extra_create(co);
}

/* ---- LOAD_GLOBAL cache -------------------------------------------------- */

/* Cache lookup for LOAD_GLOBAL at `idx`.  Returns 1 with *out set and *owned
 * telling whether the push must count, 0 on a miss. */
static inline int global_cache_get(CodeExtra *x, size_t idx, TrObject *globals, TrObject *builtins,
                                   TrObject **out, int *counted) {
    GlobalEntry *e = &x->entries[x->slot_of[idx]];
    /* acquire: pairs with the release store that closes the writer's update */
    uintptr_t s1 = atomic_load_uptr_acquire(&e->seq);
    if (s1 == 0 || (s1 & 1)) return 0;
    /* acquire loads: a value stored after the writer's odd seq makes that seq
     * visible to the second seq load below */
    uintptr_t g = atomic_load_uptr_acquire(&e->globals);
    uint64_t gv = atomic_load_u64_acquire(&e->gver);
    uint64_t bv = atomic_load_u64_acquire(&e->bver);
    uintptr_t owner = atomic_load_uptr_acquire(&e->owner);
    uintptr_t v = atomic_load_uptr_acquire(&e->value);
    if (atomic_load_uptr_relaxed(&e->seq) != s1) return 0;
    if (g != (uintptr_t)globals || gv != dict_version(globals) || bv != dict_version(builtins))
        return 0;
    if (owner == 0) { *counted = 0; }
    else if (owner == tr_tls_tid) { *counted = 1; }
    else return 0;
    *out = (TrObject *)v;
    return 1;
}

/* Fills LOAD_GLOBAL entry `idx` with `v` found in `globals` (at version `gv`)
 * or the builtins (at `bv`), both versions read BEFORE the lookup; `owner` is
 * 0 when `v` is uncounted-safe, else the calling thread's tid.  Skips the
 * update when another writer holds the entry.  Cannot fail. */
void vm_global_cache_put(CodeExtra *x, size_t idx, TrObject *globals, uint64_t gv, uint64_t bv,
                         uintptr_t owner, TrObject *v);

/* ---- helpers shared with the eval loop ---------------------------------- */

/* Wraps a dict_get_ref / list_get_ref result (r == 2 borrowed, 1 new). */
static inline TrStackRef sr_from_get(int r, TrObject *v) {
    return r == 2 ? sr_borrow(v) : sr_steal(v);
}

/* The instance dict of `o` (borrowed, may be NULL): a type with dictoffset. */
static inline TrObject *instance_dict(TrObject *o, TrType *tp) {
    /* acquire: pairs with the release store that publishes a fresh dict */
    return atomic_load_ptr_acquire((void *const *)((char *)o + tp->dictoffset));
}


/* The instance dict of `o` (borrowed), installed now if it has none (as
 * objects/type.c does: one CAS, never replaced).  NULL with MemoryError. */
TrObject *vm_instance_dict_create(TrThread *ts, TrObject *o, TrType *tp);

/* ---- attribute caches ------------------------------------------------------
 *
 * Each LOAD_ATTR, LOAD_METHOD and STORE_ATTR site has an AttrSlot in its code
 * object's CodeExtra holding one atomic pointer to an immutable AttrRec: what
 * the site found for one class.  A record names the class by its tag
 * (TrHeapType.tag: unique, never reused, so a freed class whose address comes
 * back cannot match) and stores the version word of the dict of every class of
 * its MRO that can change (the leading heap classes; builtin types' dicts never
 * change), read BEFORE the lookup that built it.  A record is valid while the
 * receiver's class has that tag and every such dict still has that version:
 * any change to the class's or a base's dict (C.m = f, C.__dict__[k] = v, del
 * C.x) moves a version, so no separate invalidation is needed.
 *
 * Threads: a filler builds a record privately, publishes it with one atomic
 * exchange and hands the one it replaced to qsbr_free_later; readers load the
 * pointer with acquire and copy what they need before calling anything.  A
 * cached `value` is uncounted: an immediate, immortal or deferred object
 * (filling marks class attributes deferred, as class creation does for the
 * functions of a class body), so it stays valid for a stack push even if
 * another thread rebinds the class attribute meanwhile (core/stackref.h). */

enum {
    AK_INST = 1,  /* instance, no data descriptor on the class: the instance dict decides,
                   * else `value` (a plain class attribute) when set, else the slow path */
    AK_BIND,      /* as AK_INST, but an instance dict miss binds function `value` to the receiver */
    AK_METHOD,    /* LOAD_METHOD: unless the instance dict shadows it, `value` (a function or
                   * builtin method descriptor) is called with the receiver as self */
    AK_CLASS,     /* the receiver is the class itself: `value` is the attribute */
    AK_STORE,     /* STORE_ATTR: no data descriptor on the class: store into the instance dict */
    AK_INIT,      /* CALL of the class itself: plain allocation (object's __new__, a layout
                   * no builtin base but object extends), then Python function `value` as __init__ */
    AK_MEMBER,    /* LOAD_ATTR / LOAD_METHOD of a __slots__ member: the slot at `off` */
    AK_MEMBER_STORE, /* STORE_ATTR to a __slots__ member: the slot at `off` */
    AK_PROPERTY   /* LOAD_ATTR of a property with a getter: `value` (the getter) called on the receiver */
};

#define ATTR_MAX_FILLS 256    /* records one site may publish; past that it stays on the slow path */
#define ATTR_MAX_VER 16       /* deeper hierarchies are not cached */

typedef struct AttrRec {
    uint64_t tag;             /* TrHeapType.tag of the class described */
    uint32_t kind;            /* AK_* */
    uint32_t nver;            /* entries in `ver` */
    int64_t hash;             /* the attribute name's hash */
    TrObject *value;          /* uncounted (see above), or NULL */
    size_t off;               /* AK_MEMBER, AK_MEMBER_STORE: the slot's offset in an instance */
    int32_t inl;              /* AK_INST, AK_BIND, AK_METHOD, AK_STORE: the name's index in the
                               * class's inline keys (objects/inline_attrs.h), -1 if none */
    struct { const uint64_t *word; uint64_t seen; } ver[];   /* class dict version words */
} AttrRec;

/* After a slow-path attribute operation at `idx` of `co` succeeded on
 * receiver `o` (borrowed): builds and publishes a record for the receiver's
 * class when the site can use one.  Never fails (a record is only an
 * optimisation); no exception is pending on entry or exit. */
void vm_attr_cache_fill(TrThread *ts, TrCode *co, size_t idx, TrObject *o, TrObject *name);

/* Builds the AK_INIT record for CALL site `idx` of `co` and class `t` when
 * calling `t` is exactly what objects/class.c's heap_new would do for a plain
 * class (see core/vm_cache.c).  Returns the __init__ function (as
 * init_cached), or NULL: not cacheable.  Never fails; no exception pending on
 * entry or exit. */
TrObject *vm_init_cache_fill(TrThread *ts, TrCode *co, size_t idx, TrType *t);

static inline AttrSlot *attr_slot(CodeExtra *x, size_t idx) { return &x->attr[x->slot_of[idx]]; }

/* The record of site `s` for class `t` (a class's own attributes when
 * `is_cls`, else its instances'), or NULL.  Only the tag is compared: the
 * caller checks the versions (attr_rec_valid). */
static inline __attribute__((always_inline)) const struct AttrRec *attr_rec_for(const AttrSlot *s, const TrType *t,
                                                                              int is_cls);

/* 1 if record `r` still describes class `t`. */
static inline __attribute__((always_inline)) int attr_rec_valid(const AttrRec *r, const TrType *t) {
    if (!(t->flags & TR_TPFLAG_HEAPTYPE) || ((const TrHeapType *)t)->tag != r->tag) return 0;
    /* acquire loads: pair with the dicts' version bumps (full barriers).
     * nver >= 1: a class is the first entry of its own MRO */
    if (atomic_load_u64_acquire(r->ver[0].word) != r->ver[0].seen) return 0;
    uint32_t n = r->nver;
    if (LIKELY(n <= 2))     /* the usual depths: no loop */
        return n == 1 || atomic_load_u64_acquire(r->ver[1].word) == r->ver[1].seen;
    for (uint32_t i = 1; i < n; i++)
        if (atomic_load_u64_acquire(r->ver[i].word) != r->ver[i].seen) return 0;
    return 1;
}

static inline const AttrRec *attr_rec_for(const AttrSlot *s, const TrType *t, int is_cls) {
    if (!(t->flags & TR_TPFLAG_HEAPTYPE)) return NULL;
    uint64_t tag = ((const TrHeapType *)t)->tag;
    for (int i = 0; i < ATTR_WAYS; i++) {
        /* acquire: pairs with the exchange that published the record */
        const AttrRec *r = atomic_load_ptr_acquire((void *const *)&s->rec[i]);
        if (!r) return NULL;
        if (r->tag == tag && (r->kind == AK_CLASS) == is_cls) return r;
    }
    return NULL;
}

/* LOAD_ATTR / LOAD_METHOD through the site's record.  1: *out is the
 * attribute, or with *is_meth set an unbound method to call with the receiver
 * as self; 0: a miss (take the slow path); -1: error. */
static inline __attribute__((always_inline)) int attr_load_cached(TrThread *ts, TrFrame *f, TrStackRef *sp,
                                   CodeExtra *x, size_t idx, TrObject *o, TrObject *name,
                                   TrStackRef *out, int *is_meth) {
    AttrSlot *s = attr_slot(x, idx);
    if (tr_is_imm(o)) return 0;
    TrType *tp = o->ob_type;
    int is_cls = tp == &tr_type_type;
    const AttrRec *r = attr_rec_for(s, is_cls ? (TrType *)o : tp, is_cls);
    if (!r) return 0;
    uint32_t kind = r->kind;
    TrObject *value = r->value, *v;
    int64_t hash = r->hash;
    int inl = r->inl;
    if (kind == AK_CLASS) {
        if (!attr_rec_valid(r, (TrType *)o)) return 0;
        *out = sr_borrow(value);
        return 1;
    }
    if (!attr_rec_valid(r, tp)) return 0;
    /* `r` is not touched past this point: it may be freed once we block.
     * The frame's registers are saved (the caller's SAVE) only before a call
     * out: the hits below touch nothing else */
    if (kind == AK_PROPERTY) {
        /* a data descriptor: the instance dict does not matter */
        f->sp = sp, f->instr = (int)idx;
        v = tr_call(ts, value, &o, 1, NULL);
        if (!v) return -1;
        *out = sr_steal(v);
        return 1;
    }
    if (kind == AK_MEMBER) {
        v = member_load(ts, o, r->off);
        if (!v) return 0;                 /* empty: the slow path raises */
        *out = sr_steal(v);
        return 1;
    }
    TrObject *d = tp->dictoffset ? instance_dict(o, tp) : NULL;
    if (!d && inl >= 0) {
        /* the instance keeps the name inline (or had it, before a dict) */
        const InlineKeys *k = ((TrHeapType *)tp)->inl;
        if (kind == AK_METHOD) {
            /* acquire: pairs with the release store of the word */
            if (atomic_load_uptr_acquire(&inl_words(o, k)[inl])) return 0;   /* shadowed: slow path */
            d = instance_dict(o, tp);      /* converted meanwhile? then the dict decides */
        } else {
            int g = inl_peek(o, tp, k, inl, &v);
            if (UNLIKELY(g == -1)) {
                f->sp = sp, f->instr = (int)idx;
                g = inl_get(ts, o, tp, k, inl, &v);
                /* a value another thread made, read from this instance: see below */
                if (g == 1 && !tr_is_imm(v) && !tr_owned_by_me(v)) tr_defer_shared(v);
            }
            if (g > 0) {
                *out = sr_from_get(g, v);
                return 1;
            }
            if (g == -2) d = instance_dict(o, tp);
        }
    }
    if (kind == AK_METHOD) {
        if (d && !dict_peek_absent(d, hash)) {
            int c = dict_get_hinted(d, name, hash, &s->hint, &v);
            if (c < 0) {
                f->sp = sp, f->instr = (int)idx;
                c = dict_contains(ts, d, name);
            }
            if (c != 0) return c < 0 ? -1 : 0;   /* shadowed by the instance: slow path */
        }
        *out = sr_borrow(value);
        *is_meth = 1;
        return 1;
    }
    if (d) {
        /* the hinted entry, inline: the usual hit costs a few loads */
        if (LIKELY(dict_peek_hint(d, name, atomic_load_u32_relaxed(&s->hint), &v))) {
            *out = sr_borrow(v);
            return 1;
        }
        int g = dict_get_hinted_ref(ts, d, name, hash, &s->hint, &v);
        if (g == 2) {
            *out = sr_borrow(v);
            return 1;
        }
        if (g < 0) {
            f->sp = sp, f->instr = (int)idx;
            g = dict_get_ref(ts, d, name, &v);
        }
        if (g != 0) {
            if (g < 0) return -1;
            /* a value another thread made, read from this instance: threads
             * share it, so from now on every reader takes it uncounted and
             * without the dict's lock (the lookup that tags it comes next) */
            if (g == 1 && !tr_is_imm(v) && !tr_owned_by_me(v)) tr_defer_shared(v);
            *out = sr_from_get(g, v);
            return 1;
        }
    }
    if (!value) return 0;
    if (kind == AK_BIND) {
        f->sp = sp, f->instr = (int)idx;
        TrObject *m = method_new(ts, value, o);
        if (!m) return -1;
        *out = sr_steal(m);
        return 1;
    }
    *out = sr_borrow(value);
    return 1;
}

/* 1 if a slow-path attribute operation on `o` may leave a record: `o` is an
 * instance of a class, or a class. */
static inline int attr_site_cacheable(TrObject *o) {
    if (tr_is_imm(o)) return 0;
    TrType *tp = o->ob_type;
    if (tp == &tr_type_type) tp = (TrType *)o;
    return (tp->flags & TR_TPFLAG_HEAPTYPE) != 0;
}

/* STORE_ATTR through the site's record: 1 stored, 0 miss, -1 error. */
static inline __attribute__((always_inline)) int attr_store_cached(TrThread *ts, CodeExtra *x, size_t idx, TrObject *o, TrObject *name,
                                    TrObject *v) {
    AttrSlot *s = attr_slot(x, idx);
    if (tr_is_imm(o)) return 0;
    TrType *tp = o->ob_type;
    const AttrRec *r = attr_rec_for(s, tp, 0);
    if (!r) return 0;
    if (r->kind == AK_MEMBER_STORE) {
        if (!attr_rec_valid(r, tp)) return 0;
        return member_store(ts, o, r->off, v) < 0 ? 0 : 1;   /* (v is never NULL: no failure) */
    }
    if (r->kind != AK_STORE || !attr_rec_valid(r, tp)) return 0;
    if (r->inl >= 0) {
        int g = inl_set(ts, o, tp, ((TrHeapType *)tp)->inl, r->inl, v);
        if (g != -2) return g < 0 ? -1 : 1;   /* (a store never answers 0) */
    }
    TrObject *d = instance_dict(o, tp);
    if (!d && !(d = vm_instance_dict_create(ts, o, tp))) return -1;
    return dict_set_hinted(ts, d, name, v, &s->hint) < 0 ? -1 : 1;
}

/* CALL's instantiation cache: the __init__ function to run for a call of
 * class `t` (its metatype exactly `type`), or NULL on a miss.  Borrowed and
 * uncounted (deferred): valid until the next eval-breaker check. */
static inline TrObject *init_cached(CodeExtra *x, size_t idx, TrType *t) {
    const AttrRec *r = attr_rec_for(attr_slot(x, idx), t, 0);
    if (r && r->kind == AK_INIT && attr_rec_valid(r, t)) return r->value;
    return NULL;
}

#endif
