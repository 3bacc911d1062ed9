/* objects/object.c: allocation and release of objects, subtype tests, and
 * `object`, the root of every type (its pickling methods call into copyreg,
 * stdlib/py/copyreg.py).
 * Threads: a new object is owned by the allocating thread (`ob_tid`) and
 * counted in `ob_ref_local`; see include/torii/object.h for who may touch
 * which header field afterwards.  Nothing here takes a lock. */
#include <assert.h>
#include <limits.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include "torii/torii.h"
#include "threads/gc.h"
#include "torii/class.h"
#include "torii/file.h"
#include "torii/gen.h"
#include "torii/set.h"
#include "torii/weakref.h"

#include "threads/brc.h"   /* brc_defer_free */
#include "threads/typeref.h"
#include "threads/qsbr.h"
#include "threads/blocks.h"
#include "threads/race.h"

/* ---- allocation -------------------------------------------------------- */

TrObject *tr_alloc_var(TrThread *ts, TrType *type, size_t size) {
    if (size < sizeof(TrObject)) size = sizeof(TrObject);
    int gc = (type->flags & TR_TPFLAG_GC) != 0;
    unsigned cls = blocks_class(gc ? TR_GC_HEAD_BYTES + size : size);
    TrObject *o = gc ? gc_alloc(ts, size, cls) : blocks_alloc_zeroed(size, cls);
    if (!o) return err_nomemory(ts);
    o->ob_flags = (uint16_t)(cls << TR_FLAG_BLOCK_SHIFT);
    if (TR_BIASED_RC && (type->flags & TR_TPFLAG_HAS_DEL)) {
        /* __del__ must run in the thread that drops the last reference, at
         * that moment: count all in the shared field (merged from birth),
         * so that a release by any thread sees the true total */
        o->ob_tid = 0;
        o->ob_ref_local = 0;
        o->ob_ref_shared = ((intptr_t)1 << TR_SHARED_SHIFT) | TR_SHARED_MERGED;
    } else {
        o->ob_tid = tr_tls_tid;
        o->ob_ref_local = 1;
        o->ob_ref_shared = 0;
    }
    o->ob_type = type;
    if (type->flags & TR_TPFLAG_HEAPTYPE) typeref_incref(ts, ((TrHeapType *)type)->tref, (TrObject *)type);
    return o;
}

TrObject *tr_alloc(TrThread *ts, TrType *type) {
    return tr_alloc_var(ts, type, type->basicsize);
}

void tr_revive_dying(TrObject *o) {
    /* nobody holds a reference: this thread may take the header over */
    atomic_store_uptr_relaxed(&o->ob_tid, tr_tls_tid);
    /* weak references may still find it (they die after the finalizer):
     * keep the shared field non-zero for tr_try_incref (threads/brc.c) */
    atomic_store_ssize_relaxed((ssize_t *)&o->ob_ref_shared,
                               (TR_BIASED_RC && (atomic_load_u16_relaxed(&o->ob_flags) & TR_FLAG_WEAKREFS))
                                   ? TR_SHARED_WEAKREFS : 0);
    atomic_store_u32_relaxed(&o->ob_ref_local, 1);
}

void tr_free(TrObject *o) {
    if (tr_is_imm(o)) return;
    uint16_t flags = atomic_load_u16_relaxed(&o->ob_flags);
    if (flags & TR_FLAG_STATIC) return;
    RACE_FORGET(o);   /* a new object here starts with no access history */
    /* weak references die before the memory goes (objects/weakref.c) */
    if (flags & TR_FLAG_WEAKREFS) weakref_clear_dying(NULL, o);
    TrType *type = o->ob_type;
    if (type->flags & TR_TPFLAG_GC) gc_free(o);
    else blocks_free(o, (flags & TR_FLAG_BLOCK_MASK) >> TR_FLAG_BLOCK_SHIFT);
    /* after the free: the type may go with its last instance */
    if (type->flags & TR_TPFLAG_HEAPTYPE)
        typeref_decref(tr_thread_current(), ((TrHeapType *)type)->tref, (TrObject *)type);
}

/* ---- references leaving a container its owner reads unlocked ---------- */

/* A finalizer or a weak reference callback makes the moment of the last
 * drop visible to the program: CPython runs it in the dropping thread at
 * once. */
static int has_visible_drop(TrObject *x) {
    return (x->ob_type->flags & TR_TPFLAG_HAS_DEL) ||
           (atomic_load_u16_relaxed(&x->ob_flags) & TR_FLAG_WEAKREFS);
}

/* Waits (detached: a stop-the-world need not wait for us) at most
 * OWNER_WAIT_NS for thread `owner` to stop reading: 1 if it did. */
#define OWNER_WAIT_NS 50000000
static int wait_owner_quiescent(TrThread *ts, uintptr_t owner) {
    /* Detaching suspends the caller's critical sections, which code that
     * holds one while it stores into another container does not expect (it
     * goes on with what the lock protected): such a caller does not wait. */
    if (ts->critical) return 0;
    gil_release_for_blocking(ts);
    int ok = qsbr_wait_quiescent(owner, OWNER_WAIT_NS);
    gil_reacquire_after_blocking(ts);
    return ok;
}

void tr_release_unlocked(TrThread *ts, TrObject *holder, TrObject *const *a, size_t n) {
    atomic_fence();   /* our removals before the owner's state: see the header */
    uintptr_t owner = atomic_load_uptr_relaxed(&holder->ob_tid);
    /* merged (owner 0): nobody reads it unlocked now, but its last owner
     * may have just before the merge: stay on the safe side */
    int reading = !owner || qsbr_may_be_attached(owner);
    TrObject *later[16];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        TrObject *x = a[i];
        if (!reading) { tr_decref(x); continue; }
        if (tr_is_imm(x) || tr_is_immortal(x) || brc_decref_if_owned_by(x, owner)) continue;
        /* a drop the program can see waits briefly for the owner to stop
         * reading, so that it happens here and now when it can */
        if (owner && has_visible_drop(x) && wait_owner_quiescent(ts, owner)) {
            reading = 0;
            tr_decref(x);
            continue;
        }
        later[k++] = x;
        if (k == 16) { qsbr_decref_later_n(ts, later, k); k = 0; }
    }
    qsbr_decref_later_n(ts, later, k);
}

/* Heap objects made immortal (code objects, interned strings, constants,
 * builtin modules) live until the process ends.  The registry keeps them
 * reachable, so a leak checker (the debug preset's LeakSanitizer) tells real
 * leaks from these.  Guarded by `immortal_lock`, a leaf lock. */
static pthread_mutex_t immortal_lock = PTHREAD_MUTEX_INITIALIZER;
static TrObject **immortals;
static size_t nimmortals, immortals_cap;

void tr_make_immortal(TrObject *o) {
    if (tr_is_imm(o) || tr_is_immortal(o)) return;
    atomic_store_u32_relaxed(&o->ob_ref_local, TR_IMMORTAL);
    if (atomic_load_u16_relaxed(&o->ob_flags) & TR_FLAG_STATIC) return;
    pthread_mutex_lock(&immortal_lock);
    if (nimmortals == immortals_cap) {
        size_t cap = immortals_cap ? immortals_cap * 2 : 1024;
        TrObject **grown = realloc(immortals, cap * sizeof *grown);
        if (grown) { immortals = grown; immortals_cap = cap; }
    }
    if (nimmortals < immortals_cap) immortals[nimmortals++] = o;   /* else: only the checker loses track */
    pthread_mutex_unlock(&immortal_lock);
}

void tr_make_deferred(TrObject *o) {
    if (tr_is_imm(o)) return;
    atomic_or_u16(&o->ob_flags, TR_FLAG_DEFERRED);
}

void tr_defer_shared(TrObject *o) {
    if (tr_is_imm(o) || tr_is_immortal(o) || tr_is_deferred(o)) return;
    TrType *t = o->ob_type;
    if (t == &tr_generator_type || t == &tr_coroutine_type || t == &tr_async_generator_type || t == &tr_file_type ||
        (t->flags & TR_TPFLAG_HAS_DEL))
        return;
    tr_make_deferred(o);
}

/* ---- release, and the trashcan ------------------------------------------
 *
 * Freeing an object drops its references, which may free their objects in
 * turn: a list nested 200,000 deep would nest 200,000 deallocs in C.  Each
 * thread counts the tr_dealloc calls it has in progress (`dealloc_depth`).
 * An object whose count reaches zero TRASH_DEPTH calls down is not freed
 * there: it goes on the thread's `trash` list, and the outermost tr_dealloc,
 * once its own dealloc has returned, frees the listed objects one at a time
 * in a loop (each may list more).  So deallocs nest at most TRASH_DEPTH deep
 * in C, whatever the shape of the data, and everything is still freed before
 * the outermost release returns.
 *
 * The list costs no memory: it is chained through the dead objects.  An
 * object in tr_dealloc has a count of zero and no holder (deferred objects,
 * which uncounted stack references may still reach, take the zombie path
 * before this), so its `ob_ref_shared`, count 0 plus two state bits, is free
 * for the link:
 *   | bits 63..2                          | bits 1..0                     |
 *   | the next listed object (aligned)    | this object's own state bits  |
 * The state bits are put back, count 0, before the object's dealloc runs, so
 * the dealloc sees the header it would have seen without the detour.
 * A collection (threads/gc.c) that runs meanwhile (a finalizer run by the
 * drain allocates) reads the link as a count: a listed object looks held
 * from outside, a root, so it and what it references stay for the drain.
 * Threads: `dealloc_depth` and `trash` are thread-local; a listed object is
 * unreachable from every thread, so its header is ours alone. */
#define TRASH_DEPTH 64

static __thread unsigned dealloc_depth;   /* tr_dealloc calls in progress on this thread */
static __thread TrObject *trash;          /* objects waiting for the outermost tr_dealloc */

static inline void run_dealloc(TrObject *o) {
    TrType *type = o->ob_type;
    if (type->dealloc) type->dealloc(tr_thread_current(), o);
    else tr_free(o);
}

static __attribute__((noinline)) void trash_push(TrObject *o) {
    /* The link overwrites the count that tr_try_incref reads: no weak
     * reference may find `o` while it is listed, nor find a listed weak
     * reference in its referent's list. */
    if (atomic_load_u16_relaxed(&o->ob_flags) & TR_FLAG_WEAKREFS) weakref_clear_dying(NULL, o);
    if (o->ob_type->flags & TR_TPFLAG_WEAKREF) weakref_unlink(o);
    intptr_t shared = atomic_load_ssize_relaxed((ssize_t *)&o->ob_ref_shared);
    assert((shared >> TR_SHARED_SHIFT) == 0 && "tr_dealloc of an object whose shared count is not zero");
    assert(((uintptr_t)trash & TR_SHARED_STATE_MASK) == 0 && "object address not aligned for the trash link");
    atomic_store_ssize_relaxed((ssize_t *)&o->ob_ref_shared,
                               (ssize_t)((uintptr_t)trash | ((uintptr_t)shared & TR_SHARED_STATE_MASK)));
    trash = o;
}

/* The outermost tr_dealloc, its own dealloc done: frees what was listed.
 * Runs at depth 1, so the deallocs it calls list deep objects again instead
 * of draining themselves. */
static __attribute__((noinline)) void trash_drain(void) {
    dealloc_depth = 1;
    while (trash) {
        TrObject *o = trash;
        uintptr_t link = (uintptr_t)atomic_load_ssize_relaxed((ssize_t *)&o->ob_ref_shared);
        trash = (TrObject *)(link & ~(uintptr_t)TR_SHARED_STATE_MASK);
        atomic_store_ssize_relaxed((ssize_t *)&o->ob_ref_shared, (ssize_t)(link & TR_SHARED_STATE_MASK));
        run_dealloc(o);
    }
    dealloc_depth = 0;
}

void tr_dealloc(TrObject *o) {
    if (tr_is_deferred(o)) {
        brc_defer_free(o);
        return;
    }
    unsigned depth = dealloc_depth;
    if (__builtin_expect(depth >= TRASH_DEPTH, 0)) {
        trash_push(o);
        return;
    }
    dealloc_depth = depth + 1;
    run_dealloc(o);
    dealloc_depth = depth;     /* every nested tr_dealloc put it back as it found it */
    /* only the outermost call drains; `trash` is NULL unless data was deep */
    if (__builtin_expect(trash != NULL, 0) && depth == 0) trash_drain();
}

size_t tr_dealloc_pending(void) {
    size_t n = 0;
    for (TrObject *o = trash; o;
         o = (TrObject *)((uintptr_t)atomic_load_ssize_relaxed((ssize_t *)&o->ob_ref_shared) &
                          ~(uintptr_t)TR_SHARED_STATE_MASK))
        n++;
    return n;
}

/* ---- subtype test ------------------------------------------------------ */

int tr_type_is_subtype(const TrType *t, const TrType *base) {
    size_t nmro;
    TrType *const *mro = class_mro(t, &nmro);
    for (size_t i = 0; i < nmro; i++)        /* a class: every type of its C3 order */
        if (mro[i] == base) return 1;
    if (mro) return 0;
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

/* ---- object's methods, for super() and explicit object.m(self) calls ---- */

static TrObject *m_init(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                        TrObject *kwnames) {
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    if (nargs == 0 && nkw == 0) return tr_newref(tr_none);
    /* list and dict subclasses: super().__init__(iterable) fills the container */
    if (tr_isinstance(self, &tr_list_type) && nargs == 1 && nkw == 0) {
        return list_extend(ts, self, args[0]) < 0 ? NULL : tr_newref(tr_none);
    }
    /* set subclasses: super().__init__(iterable) (re)fills the set */
    if (tr_isinstance(self, &tr_set_type) && nargs <= 1 && nkw == 0) {
        set_clear(ts, self);
        return nargs && set_update(ts, self, args[0]) < 0 ? NULL : tr_newref(tr_none);
    }
    if (tr_isinstance(self, &tr_dict_type) && nargs <= 1) {
        if (nargs && dict_update(ts, self, args[0]) < 0) return NULL;
        for (size_t i = 0; i < nkw; i++)
            if (dict_set(ts, self, tuple_get(kwnames, i), args[nargs + i]) < 0) return NULL;
        return tr_newref(tr_none);
    }
    return err_format(ts, &tr_exc_TypeError,
                      "object.__init__() takes exactly one argument (the instance to initialize)");
}

/* object.__new__(cls): a bare instance of `cls`, no __init__ call. */
static TrObject *m_new(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                       TrObject *kwnames) {
    if (!tr_isinstance(self, &tr_type_type))
        return err_format(ts, &tr_exc_TypeError, "object.__new__(X): X is not a type object (%T)", self);
    TrType *t = (TrType *)self;
    TrType *solid = t;
    while (solid->flags & TR_TPFLAG_HEAPTYPE) solid = solid->base;
    if (solid == &tr_object_type) {
        if (!(t->flags & TR_TPFLAG_HEAPTYPE) && t != &tr_object_type)
            return err_format(ts, &tr_exc_TypeError, "object.__new__(%s) is not safe, use %s.__new__()",
                              t->name, t->name);
        if (class_check_abstract(ts, t) < 0) return NULL;
        return tr_alloc(ts, t);
    }
    if (!solid->new_) return err_format(ts, &tr_exc_TypeError, "cannot create '%s' instances", solid->name);
    /* tuple.__new__(cls, iterable), int.__new__(cls, x), ...: the builtin's
     * constructor makes an instance of `cls` from the remaining arguments */
    return solid->new_(ts, t, args, nargs, kwnames);
}

static TrObject *m_setattr(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                           TrObject *kwnames) {
    if (tr_check_args(ts, "__setattr__", nargs, kwnames, 2, 2) < 0) return NULL;
    if (!str_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "attribute name must be string, not '%s'", tr_type_name(args[0]));
    return tr_generic_setattr(ts, self, args[0], args[1]) < 0 ? NULL : tr_newref(tr_none);
}

static TrObject *m_delattr(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                           TrObject *kwnames) {
    if (tr_check_args(ts, "__delattr__", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!str_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "attribute name must be string, not '%s'", tr_type_name(args[0]));
    return tr_generic_setattr(ts, self, args[0], NULL) < 0 ? NULL : tr_newref(tr_none);
}

static TrObject *m_getattribute(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                TrObject *kwnames) {
    if (tr_check_args(ts, "__getattribute__", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!str_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "attribute name must be string, not '%s'", tr_type_name(args[0]));
    return tr_generic_getattr(ts, self, args[0]);
}

static TrObject *m_repr(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                        TrObject *kwnames) {
    if (tr_check_args(ts, "object.__repr__", nargs, kwnames, 0, 0) < 0) return NULL;
    return object_repr(ts, self);
}

static TrObject *m_str(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                       TrObject *kwnames) {
    if (tr_check_args(ts, "object.__str__", nargs, kwnames, 0, 0) < 0) return NULL;
    return tr_repr(ts, self);
}

static TrObject *m_hash(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                        TrObject *kwnames) {
    if (tr_check_args(ts, "object.__hash__", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_from_i64(ts, object_hash(ts, self));
}

static TrObject *m_eq(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                      TrObject *kwnames) {
    if (tr_check_args(ts, "object.__eq__", nargs, kwnames, 1, 1) < 0) return NULL;
    return object_richcompare(ts, self, args[0], TR_EQ);
}

static TrObject *m_ne(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                      TrObject *kwnames) {
    if (tr_check_args(ts, "object.__ne__", nargs, kwnames, 1, 1) < 0) return NULL;
    return object_richcompare(ts, self, args[0], TR_NE);
}

/* object.__init_subclass__: accepts no keywords; `self` is the new class. */
static TrObject *m_init_subclass(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                 TrObject *kwnames) {
    if (kwnames && tuple_size(kwnames)) {
        const char *n = tr_isinstance(self, &tr_type_type) ? type_qualname((TrType *)self) : "object";
        return err_format(ts, &tr_exc_TypeError, "%s.__init_subclass__() takes no keyword arguments", n);
    }
    if (nargs)
        return err_format(ts, &tr_exc_TypeError, "__init_subclass__() takes no arguments (%zu given)", nargs);
    return tr_newref(tr_none);
}

/* ---- pickling: __reduce_ex__, __reduce__, __getstate__ --------------------
 *
 * The reduction protocol lives in Python, in copyreg (stdlib/py/copyreg.py):
 * these methods only check their arguments and call copyreg's functions,
 * importing copyreg on first use (a look-up in sys.modules after that). */

/* copyreg.<fname>(*args): returns a new reference, or NULL with the error of
 * the import or of the call. */
static TrObject *call_copyreg(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs) {
    TrObject *name = str_intern_cstr(ts, "copyreg");   /* borrowed, immortal */
    if (!name) return NULL;
    TrObject *mod = runtime_import(ts, name);
    if (!mod) return NULL;
    TrObject *fn = tr_getattr_cstr(ts, mod, fname);
    tr_decref(mod);
    if (!fn) return NULL;
    TrObject *r = tr_call(ts, fn, args, nargs, NULL);
    tr_decref(fn);
    return r;
}

/* object.__reduce_ex__(protocol): copyreg._default_reduce_ex(self, protocol),
 * which prefers an overriding __reduce__.  `protocol` is a C int, as in
 * CPython: bools pass as 0/1, other non-ints raise TypeError. */
static TrObject *m_reduce_ex(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                             TrObject *kwnames) {
    if (tr_check_args(ts, "object.__reduce_ex__", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!int_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                          tr_type_name(args[0]));
    int overflow = 0;
    int64_t proto = int_as_i64_overflow(args[0], &overflow);
    if (overflow || proto > INT_MAX || proto < INT_MIN)
        return err_format(ts, &tr_exc_OverflowError, "Python int too large to convert to C int");
    TrObject *call_args[2] = {self, tr_imm_from(proto)};
    return call_copyreg(ts, "_default_reduce_ex", call_args, 2);
}

/* object.__reduce__(): copyreg._object_reduce(self, 0). */
static TrObject *m_reduce(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                          TrObject *kwnames) {
    if (tr_check_args(ts, "object.__reduce__", nargs, kwnames, 0, 0) < 0) return NULL;
    TrObject *call_args[2] = {self, tr_imm_from(0)};
    return call_copyreg(ts, "_object_reduce", call_args, 2);
}

/* object.__getstate__(): copyreg._object_getstate(self), the instance dict
 * (None when empty) and the set slots. */
static TrObject *m_getstate(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                            TrObject *kwnames) {
    if (tr_check_args(ts, "object.__getstate__", nargs, kwnames, 0, 0) < 0) return NULL;
    return call_copyreg(ts, "_object_getstate", &self, 1);
}

static const TrMethodDef object_methods[] = {
    {"__init__", m_init},
    {"__new__", m_new},
    {"__setattr__", m_setattr},
    {"__delattr__", m_delattr},
    {"__getattribute__", m_getattribute},
    {"__repr__", m_repr},
    {"__str__", m_str},
    {"__hash__", m_hash},
    {"__eq__", m_eq},
    {"__ne__", m_ne},
    {"__init_subclass__", m_init_subclass},
    {"__reduce_ex__", m_reduce_ex},
    {"__reduce__", m_reduce},
    {"__getstate__", m_getstate},
    {NULL, NULL},
};

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
    .methods = object_methods,
};
