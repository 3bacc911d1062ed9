/* include/torii/object.h: the object header, the type object, tagged immediates
 * and the reference-counting entry points every file uses.
 *
 * A value is a `TrObject *`.  When its low bit is set it is not a pointer at all
 * but an immediate int (`(n << 1) | 1`, n in [TR_IMM_MIN, TR_IMM_MAX]): no
 * allocation, no reference count, no owner.  Every function that takes a value
 * must go through `tr_type(o)` and never read `o->ob_type` directly.
 *
 * Object header (PEP 703 layout, 32 bytes on 64-bit):
 *
 *   | field          | size | who writes it                                      |
 *   |----------------|------|----------------------------------------------------|
 *   | ob_tid         | 8    | owner at creation; the owner (or merge) sets it 0  |
 *   | ob_flags       | 2    | atomically (relaxed or-in), any thread             |
 *   | ob_mutex       | 1    | threads/lock.c only                                |
 *   | ob_gc_bits     | 1    | TR_GC_*: a thread holding it alone (see below)     |
 *   | ob_ref_local   | 4    | owner thread only (relaxed stores; others may read)|
 *   | ob_ref_shared  | 8    | any thread, atomic; low 2 bits are a state         |
 *   | ob_type        | 8    | set once at creation                               |
 *
 * Reference counting is biased (threads/brc.c): the owner counts in
 * `ob_ref_local` with plain arithmetic; other threads count in `ob_ref_shared`
 * with atomics.  An object is immortal when `ob_ref_local == TR_IMMORTAL`;
 * immortal objects are never counted and never freed (None, True, False,
 * interned strings, builtin types, code objects).  An object flagged
 * TR_FLAG_DEFERRED may be referenced from interpreter stacks and frames without
 * being counted (see core/stackref.h); when its counted references reach zero
 * it is not freed at once but handed to `brc_defer_free`, which frees it only
 * when no thread can still hold an uncounted reference.
 *
 * In the GIL build (threads/gil.h, TR_BIASED_RC == 0) every thread counts in
 * `ob_ref_local` with plain arithmetic: the GIL serialises all of it.
 */
#ifndef TORII_OBJECT_H
#define TORII_OBJECT_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <sys/types.h>

#include "threads/atomic.h"
#include "threads/gil.h"

typedef struct TrObject TrObject;
typedef struct TrType TrType;
typedef struct TrThread TrThread;

struct TrObject {
    uintptr_t ob_tid;         /* owner: the TrThread id of the creating thread, 0 once merged */
    uint16_t ob_flags;        /* TR_FLAG_*; set with atomic or, read relaxed */
    uint8_t ob_mutex;         /* the per-object lock, threads/lock.c */
    uint8_t ob_gc_bits;       /* TR_GC_* */
    uint32_t ob_ref_local;    /* owner only; TR_IMMORTAL marks an immortal object */
    intptr_t ob_ref_shared;   /* atomic; count << TR_SHARED_SHIFT | TR_SHARED_* state */
    TrType *ob_type;          /* owned reference to the type (types are immortal) */
};

#define TR_IMMORTAL UINT32_MAX

/* Low bits of `ob_ref_shared`. */
#define TR_SHARED_SHIFT 2
#define TR_SHARED_DEFAULT 0   /* owner alive, counts separate */
#define TR_SHARED_QUEUED 2    /* on the owner's merge queue */
#define TR_SHARED_WEAKREFS 1  /* as DEFAULT, but weak references exist: never 0, so the owner's
                               * release always takes brc_local_zero's CAS (tr_try_incref) */
#define TR_SHARED_MERGED 3    /* owner gave up: the shared field holds the whole count */
#define TR_SHARED_STATE_MASK 3

/* `ob_flags` bits. */
#define TR_FLAG_DEFERRED 0x0001  /* uncounted stack references allowed; freed via brc_defer_free */
#define TR_FLAG_INTERNED 0x0002  /* str: the interned copy */
#define TR_FLAG_STATIC 0x0004    /* statically allocated: never passed to free() */
#define TR_FLAG_WEAKREFS 0x0008  /* objects/weakref.c's table may list weak references to it */
/* Bits 10-15: the block class of the object's memory (threads/blocks.h), set
 * at allocation; 0 for memory not from the block cache's classes. */
#define TR_FLAG_BLOCK_SHIFT 10
#define TR_FLAG_BLOCK_MASK 0xfc00

/* `ob_gc_bits`: written only by a thread that holds the object exclusively
 * (its count is zero, or the world is stopped). */
#define TR_GC_FINALIZED 0x01     /* __del__ has run (PEP 442: it runs once) */
#define TR_GC_REACHABLE 0x02     /* threads/gc.c: marked during a collection */
#define TR_GC_UNREACHABLE 0x04   /* threads/gc.c: held by a collection as cyclic garbage */
#define TR_GC_DEAD 0x08          /* threads/gc.c: freed, waiting for its list's owner to unlink it */
#define TR_GC_FROZEN 0x10        /* threads/gc.c: gc.freeze(): a root, never collected */
#define TR_GC_SCANNED 0x20       /* threads/gc.c: in the set a young collection examines */

/* ---- immediates -------------------------------------------------------- */

#define TR_IMM_MAX ((int64_t)(((uint64_t)1 << 62) - 1))
#define TR_IMM_MIN (-TR_IMM_MAX - 1)

static inline bool tr_is_imm(const TrObject *o) { return ((uintptr_t)o & 1) != 0; }
static inline bool tr_fits_imm(int64_t v) { return v >= TR_IMM_MIN && v <= TR_IMM_MAX; }
/* Caller guarantees tr_fits_imm(v). */
static inline TrObject *tr_imm_from(int64_t v) { return (TrObject *)(uintptr_t)(((uint64_t)v << 1) | 1); }
static inline int64_t tr_imm_value(const TrObject *o) { return ((int64_t)(intptr_t)o) >> 1; }

/* ---- the type object --------------------------------------------------- */

enum { TR_LT, TR_LE, TR_EQ, TR_NE, TR_GT, TR_GE };

/* Binary operators, in the order of `TrNumberSlots.binop` and of the
 * compiler's BINARY_OP argument (inplace forms add TR_BINOP_INPLACE). */
enum {
    TR_BINOP_ADD, TR_BINOP_SUB, TR_BINOP_MUL, TR_BINOP_TRUEDIV, TR_BINOP_FLOORDIV,
    TR_BINOP_MOD, TR_BINOP_POW, TR_BINOP_LSHIFT, TR_BINOP_RSHIFT, TR_BINOP_AND,
    TR_BINOP_OR, TR_BINOP_XOR, TR_BINOP_MATMUL, TR_BINOP_COUNT
};
#define TR_BINOP_INPLACE 16

typedef void (*tr_destructor)(TrThread *ts, TrObject *o);
/* Cycle collection (threads/gc.c): a type's `traverse` calls `visit(ref,
 * arg)` once for each reference the object holds and counts (NULL-safe:
 * skip empty fields; never the type); `clear` drops the references that can
 * make cycles, leaving a valid object (an empty list, an instance without
 * attributes). */
typedef void (*tr_visitfunc)(TrObject *ref, void *arg);
typedef void (*tr_traversefunc)(TrObject *o, tr_visitfunc visit, void *arg);
typedef TrObject *(*tr_unaryfunc)(TrThread *ts, TrObject *a);
typedef TrObject *(*tr_binaryfunc)(TrThread *ts, TrObject *a, TrObject *b);
typedef TrObject *(*tr_richcmpfunc)(TrThread *ts, TrObject *a, TrObject *b, int op);
typedef int64_t (*tr_hashfunc)(TrThread *ts, TrObject *o);
typedef ssize_t (*tr_lenfunc)(TrThread *ts, TrObject *o);
typedef int (*tr_inquiry)(TrThread *ts, TrObject *o);
typedef int (*tr_objobjproc)(TrThread *ts, TrObject *container, TrObject *item);
typedef int (*tr_setitemfunc)(TrThread *ts, TrObject *o, TrObject *key, TrObject *value);
typedef int (*tr_setattrfunc)(TrThread *ts, TrObject *o, TrObject *name, TrObject *value);
/* Vector call: `args[0..nargs)` positional, then one value per name in the
 * tuple `kwnames` (NULL when there are no keywords).  Arguments are borrowed. */
typedef TrObject *(*tr_vcallfunc)(TrThread *ts, TrObject *callable, TrObject *const *args,
                                  size_t nargs, TrObject *kwnames);
/* A builtin method: `self` is the receiver, the rest as tr_vcallfunc. */
typedef TrObject *(*tr_methodfunc)(TrThread *ts, TrObject *self, TrObject *const *args,
                                   size_t nargs, TrObject *kwnames);
/* Called when the type itself is called: `int("3")`, `list()`. */
typedef TrObject *(*tr_newfunc)(TrThread *ts, TrType *type, TrObject *const *args,
                                size_t nargs, TrObject *kwnames);

typedef struct TrMethodDef {
    const char *name;
    tr_methodfunc fn;
} TrMethodDef;

/* Every slot may be NULL.  Every slot that returns a pointer returns a new
 * reference, or NULL with the exception set; `iternext` returns NULL with no
 * exception set when the iterator is exhausted.  `richcompare` and binops
 * return `tr_notimplemented` (a new reference: it is immortal) when they do
 * not handle the pair. */
typedef struct TrNumberSlots {
    tr_binaryfunc binop[TR_BINOP_COUNT]; /* called with (a, b) whichever side is this type */
    tr_unaryfunc neg, pos, abs, invert;
    tr_unaryfunc to_int;     /* int(x): returns an int */
    tr_unaryfunc to_float;   /* float(x): returns a float */
    tr_unaryfunc index;      /* operator.index(x): an int, or NULL + TypeError */
} TrNumberSlots;

/* Type flags. */
#define TR_TPFLAG_BASETYPE   0x0001  /* may be subclassed */
#define TR_TPFLAG_EXCEPTION  0x0002  /* a BaseException subclass */
#define TR_TPFLAG_HEAPTYPE   0x0004  /* created by `class`: refcounted, not static */
#define TR_TPFLAG_READY      0x0008  /* type_ready has run (objects/type.c) */
#define TR_TPFLAG_ABSTRACT   0x0010  /* a class with a non-empty __abstractmethods__ (objects/type.c) */
#define TR_TPFLAG_HAS_DEL    0x0020  /* a class whose MRO defines __del__ (objects/class.c) */
#define TR_TPFLAG_GC         0x0040  /* instances are tracked by the cycle collector (threads/gc.h) */
#define TR_TPFLAG_WEAKREFABLE 0x0080 /* weakref.ref() accepts instances (objects/weakref.c) */
#define TR_TPFLAG_WEAKREF    0x0100  /* instances are weak references (weakref.ref and subclasses) */
#define TR_TPFLAG_GENERIC    0x0200  /* type[args] is a types.GenericAlias (list[int], PEP 585) */
#define TR_TPFLAG_ARRAY_EXPORT 0x0400 /* instances begin with the TrByteArray layout and lend their bytes to
                                       * memoryview() and bytes_view() like a bytearray (mmap.mmap) */

struct TrType {
    TrObject ob_base;
    const char *name;         /* "int", "list", "ZeroDivisionError" */
    size_t basicsize;         /* bytes for tr_alloc, header included */
    unsigned flags;           /* TR_TPFLAG_* */
    TrType *base;             /* borrowed (types are immortal); NULL only for object */
    tr_destructor dealloc;    /* releases what the object owns and frees it */
    tr_unaryfunc repr;
    tr_unaryfunc str;         /* NULL: use repr */
    tr_hashfunc hash;         /* NULL: unhashable ("unhashable type: 'list'") */
    tr_richcmpfunc richcompare;
    tr_inquiry truth;         /* NULL: len() if any, else true */
    tr_lenfunc len;
    tr_binaryfunc getitem;
    tr_setitemfunc setitem;   /* value NULL: delete */
    tr_objobjproc contains;
    tr_unaryfunc iter;
    tr_unaryfunc iternext;
    tr_vcallfunc call;
    tr_newfunc new_;
    tr_binaryfunc getattr;    /* NULL: generic lookup (type's methods) */
    tr_setattrfunc setattr;   /* value NULL: delete */
    const TrNumberSlots *number;
    const TrMethodDef *methods; /* NULL-terminated */
    TrObject *dict;           /* filled by type_ready: name -> method objects; owned */
    size_t dictoffset;        /* offset of an instance `__dict__` pointer, 0 if none */
    /* Descriptor protocol for objects stored in a type's dict (objects/type.c):
     * `descr_get(descr, obj, type)` binds `descr` found on `type` for `obj`
     * (obj NULL when looked up on the type itself); returns a new reference.
     * A type with `descr_set` is a data descriptor: it wins over the
     * instance dict; `descr_set(descr, obj, NULL)` deletes. */
    TrObject *(*descr_get)(TrThread *ts, TrObject *descr, TrObject *obj, TrType *type);
    int (*descr_set)(TrThread *ts, TrObject *descr, TrObject *obj, TrObject *value);
    tr_traversefunc traverse;  /* TR_TPFLAG_GC types (see tr_visitfunc) */
    tr_destructor clear;       /* NULL: the collector never clears this type's objects */
    tr_destructor finalize;    /* run by the collector on cyclic garbage before any is cleared (a
                                * generator's close()); classes' __del__ goes through gc_hooks */
};

/* The header of a statically allocated, immortal object: every builtin type
 * and singleton.  `TR_STATIC_TYPE_HEADER` is the header of a builtin TrType
 * (its type is `type`):
 *     TrType tr_list_type = { .ob_base = TR_STATIC_TYPE_HEADER, .name = "list", ... }; */
#define TR_STATIC_HEADER(type_ptr) \
    {.ob_tid = 0, .ob_flags = TR_FLAG_STATIC, .ob_ref_local = TR_IMMORTAL, .ob_type = (type_ptr)}
extern TrType tr_type_type;
#define TR_STATIC_TYPE_HEADER TR_STATIC_HEADER(&tr_type_type)

/* ---- allocation -------------------------------------------------------- */

/* Allocates `type->basicsize` bytes (or `size` for the _var form), zeroed,
 * header initialised: owned by the current thread, count 1.  Returns a new
 * reference, or NULL with MemoryError set. */
TrObject *tr_alloc(TrThread *ts, TrType *type);
TrObject *tr_alloc_var(TrThread *ts, TrType *type, size_t size);
/* Returns the memory of an object whose count reached zero (used by dealloc
 * slots as their last step).  Cannot fail. */
void tr_free(TrObject *o);
/* Brings `o`, whose count just reached zero (its dealloc runs), back to
 * life with one reference owned by the calling thread, so that a finalizer
 * may run on it (PEP 442): weak references still find it; releasing that
 * reference deallocates it again unless the finalizer stored it.  The caller
 * sets TR_GC_FINALIZED first so that the finalizer runs once.  Cannot fail. */
void tr_revive_dying(TrObject *o);
/* Marks `o` immortal.  Only before it is shared, or for objects no other
 * thread can yet see.  Cannot fail. */
void tr_make_immortal(TrObject *o);
/* Marks `o` deferred (see the header comment).  Any thread, idempotent. */
void tr_make_deferred(TrObject *o);
/* Marks heap object `o` deferred because threads share it, unless it is
 * immortal or already deferred, or its dealloc is observable and must not
 * wait for a reclaim pass (generators: a suspended `finally` runs; files:
 * buffered data is flushed; instances of classes with __del__).  Any thread, idempotent, cannot fail. */
void tr_defer_shared(TrObject *o);

/* ---- type access ------------------------------------------------------- */

extern TrType tr_int_type;

static inline TrType *tr_type(const TrObject *o) {
    return tr_is_imm(o) ? &tr_int_type : o->ob_type;
}
/* 1 if type `t` is `base` or derives from it. */
int tr_type_is_subtype(const TrType *t, const TrType *base);
static inline int tr_isinstance_exact(const TrObject *o, const TrType *t) { return tr_type(o) == t; }
static inline int tr_isinstance(const TrObject *o, const TrType *t) {
    return tr_type(o) == t || tr_type_is_subtype(tr_type(o), t);
}

/* ---- reference counting ----------------------------------------------- */

/* The current thread's id as stored in `ob_tid`.  Set by tstate when a
 * thread attaches; never 0 for a thread running Python code. */
extern __thread uintptr_t tr_tls_tid;

/* (Re)initialises the header of an object's memory that is to become a
 * fresh object of builtin (non-heap) `type`: owned by the current thread,
 * count 1, no flags but the memory's block class, unlocked.  For per-thread
 * free lists; the body is the caller's. */
static inline void tr_init_header(TrObject *o, TrType *type) {
    o->ob_tid = tr_tls_tid;
    o->ob_flags = (uint16_t)(o->ob_flags & TR_FLAG_BLOCK_MASK);
    o->ob_mutex = 0;
    o->ob_gc_bits = 0;
    o->ob_ref_local = 1;
    o->ob_ref_shared = 0;
    o->ob_type = type;
}

static inline bool tr_is_immortal(const TrObject *o) {
    return atomic_load_u32_relaxed(&o->ob_ref_local) == TR_IMMORTAL;
}
static inline bool tr_is_deferred(const TrObject *o) {
    return (atomic_load_u16_relaxed(&o->ob_flags) & TR_FLAG_DEFERRED) != 0;
}
static inline bool tr_owned_by_me(const TrObject *o) {
    return atomic_load_uptr_relaxed(&o->ob_tid) == tr_tls_tid;
}

/* Slow paths, threads/brc.c. */
void brc_incref_shared(TrObject *o);
void brc_decref_shared(TrObject *o);
/* Drops a reference to `o` (held by a thread other than its owner) only if
 * `o` is owned by thread `owner` and not merged: then the drop cannot free
 * it, the owner does that later.  1 if dropped, 0 if nothing was done. */
int brc_decref_if_owned_by(TrObject *o, uintptr_t owner);
void brc_local_zero(TrObject *o);
/* Runs the type's dealloc (or defers it for TR_FLAG_DEFERRED objects).
 * Nested releases past a small depth are listed and run by the outermost
 * tr_dealloc of the thread, in a loop (objects/object.c: the trashcan), so
 * freeing deeply nested data does not recurse deeply in C. */
void tr_dealloc(TrObject *o);
/* Objects this thread's trashcan holds for its outermost tr_dealloc: 0
 * whenever no tr_dealloc is in progress on the thread (for tests). */
size_t tr_dealloc_pending(void);

static inline void tr_incref(TrObject *o) {
    if (tr_is_imm(o)) return;
    uint32_t local = atomic_load_u32_relaxed(&o->ob_ref_local);
    if (local == TR_IMMORTAL) return;
    if (!TR_BIASED_RC || tr_owned_by_me(o))
        atomic_store_u32_relaxed(&o->ob_ref_local, local + 1);
    else
        brc_incref_shared(o);
}

static inline void tr_decref(TrObject *o) {
    if (tr_is_imm(o)) return;
    uint32_t local = atomic_load_u32_relaxed(&o->ob_ref_local);
    if (local == TR_IMMORTAL) return;
    if (!TR_BIASED_RC) {
        atomic_store_u32_relaxed(&o->ob_ref_local, local - 1);
        if (local == 1) tr_dealloc(o);
    } else if (tr_owned_by_me(o)) {
        atomic_store_u32_relaxed(&o->ob_ref_local, local - 1);
        if (local == 1) brc_local_zero(o);
    } else {
        brc_decref_shared(o);
    }
}

/* Containers whose owner reads them without their lock (objects/list.c,
 * objects/cell.c): the owner loads a slot and counts what it found, so a
 * reference that another thread takes out of such a container (`holder`)
 * must not be freed while the owner may still be between the two steps.
 * The owner drops the references it takes out at once (its reads and its
 * writes do not overlap); any other thread calls this after releasing the
 * holder's lock, with the references a[0..n) (consumed; `a` is only read).
 * It drops at once those that cannot be freed under a reading owner: all of
 * them when the owner is detached (a full fence orders the removals before
 * reading its state; an owner that attaches later fences too, then misses
 * them), else those the owner owns, unmerged, which only the owner frees
 * (brc_decref_if_owned_by).  One whose drop the program can see (its type
 * has __del__, or it has weak references) waits, detached, up to 50 ms for
 * the owner to detach or pass a quiescent point (qsbr_wait_quiescent), and
 * is then dropped at once: in the thread that took it out, as CPython runs
 * its finalizer (not when the caller holds a critical section, which
 * detaching would suspend).  The rest wait for a
 * QSBR grace period (qsbr_decref_later_n, threads/qsbr.c). */
void tr_release_unlocked(TrThread *ts, TrObject *holder, TrObject *const *a, size_t n);

/* Takes a reference to `o` if it is still alive, for weak references
 * (objects/weakref.c): 1 and a new reference, or 0 when its count has
 * reached zero (it is being freed).  The caller must know that `o`'s memory
 * is valid, and, unless `o` is immortal or deferred, that
 * brc_mark_weakrefs(o) ran before `o` could be found (threads/brc.c). */
int tr_try_incref(TrObject *o);
/* Moves `o`'s shared field from DEFAULT to WEAKREFS so that tr_try_incref
 * by a non-owner is safe.  The caller holds a reference.  Any thread. */
void brc_mark_weakrefs(TrObject *o);

static inline void tr_xincref(TrObject *o) { if (o) tr_incref(o); }
static inline void tr_xdecref(TrObject *o) { if (o) tr_decref(o); }
/* Returns `o` after adding a reference: `return tr_newref(x);`. */
static inline TrObject *tr_newref(TrObject *o) { tr_incref(o); return o; }
#define TR_CLEAR(p) do { TrObject *tr_tmp_ = (TrObject *)(p); (p) = NULL; tr_xdecref(tr_tmp_); } while (0)

/* ---- singletons (immortal; borrowed references are always valid) ------ */

extern TrObject tr_none_obj, tr_notimpl_obj, tr_ellipsis_obj;
#define tr_none (&tr_none_obj)
#define tr_notimplemented (&tr_notimpl_obj)
#define tr_ellipsis (&tr_ellipsis_obj)

#endif
