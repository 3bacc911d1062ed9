/* core/vm.c: the bytecode interpreter.
 *
 * One C function, `eval_frame`, runs one Python frame with computed-goto
 * dispatch over core/opcodes.h.  A Python-to-Python call recurses into
 * eval_frame; the depth is bounded by `ts->recursion_limit` and by a C-stack
 * limit computed once per thread, both raising RecursionError.  Rare or
 * bulky operations live in noinline helpers so that eval_frame's C frame stays
 * small.
 *
 * Frames come from a per-thread chunked stack (LIFO, no malloc per call).  The
 * value stack and fast locals hold TrStackRef words (core/stackref.h): loads of
 * immediates, immortal and deferred objects push uncounted refs.
 *
 * Threads: a frame and its chunk belong to the thread running it.  Code objects
 * are shared: their lazily allocated LOAD_GLOBAL cache (`TrCode.extra`) is
 * published with a CAS and each entry is a seqlock whose fields are read with
 * acquire loads and written with release stores, so a racing reader never uses
 * a torn entry.  A cached value is either uncounted-safe (immediate, immortal,
 * deferred) or was owned by the caching thread, and is used only by that
 * thread (it alone can free it, and only at its own eval-breaker check).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>

#include "torii/torii.h"
#include "torii/iter.h"
#include "core/opcodes.h"
#include "core/stackref.h"
#include "core/frame.h"
#include "core/vm.h"
#include "threads/tstate.h"
#include "threads/qsbr.h"

#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#define NOINLINE __attribute__((noinline))

/* ---- per-thread frame stack ------------------------------------------- */

typedef struct FrameChunk {
    struct FrameChunk *prev;
    size_t cap, top;          /* bytes in `data`, bytes in use */
    _Alignas(16) char data[];
} FrameChunk;

#define CHUNK_BYTES (256 * 1024)

static __thread FrameChunk *tls_chunk;   /* owner only: the chunk frames are cut from */
static __thread FrameChunk *tls_spare;   /* owner only: one empty chunk kept to avoid thrash */
static __thread uintptr_t tls_stack_limit; /* lowest safe C stack address, 0 until computed */
static __thread unsigned tls_ticks;      /* backward jumps and calls since the last qsbr report */

#define QSBR_TICKS 1024

static size_t frame_bytes(const TrCode *co) {
    size_t n = sizeof(TrFrame) +
               sizeof(TrStackRef) * (size_t)(co->nlocals + co->ncells + co->nfrees + co->stacksize + 1);
    return (n + 15) & ~(size_t)15;
}

/* A frame for `co` with locals, cells and frees zeroed; NULL + MemoryError. */
static TrFrame *frame_alloc(TrThread *ts, TrCode *co) {
    size_t n = frame_bytes(co);
    FrameChunk *c = tls_chunk;
    if (UNLIKELY(!c || c->top + n > c->cap)) {
        FrameChunk *nc = tls_spare;
        if (nc && nc->cap >= n) {
            tls_spare = NULL;
        } else {
            size_t cap = n > CHUNK_BYTES ? n : CHUNK_BYTES;
            nc = malloc(sizeof(FrameChunk) + cap);
            if (!nc) { err_nomemory(ts); return NULL; }
            nc->cap = cap;
        }
        nc->top = 0;
        nc->prev = c;
        tls_chunk = c = nc;
    }
    TrFrame *f = (TrFrame *)(c->data + c->top);
    c->top += n;
    memset(f->localsplus, 0, sizeof(TrStackRef) * (size_t)(co->nlocals + co->ncells + co->nfrees));
    f->code = co;
    f->nblocks = 0;
    f->instr = 0;
    f->locals = NULL;
    f->func = NULL;
    f->back = NULL;
    f->sp = frame_stack_base(f);
    return f;
}

/* Gives back the topmost frame `f` (LIFO). */
static void frame_release(TrFrame *f) {
    FrameChunk *c = tls_chunk;
    c->top = (size_t)((char *)f - c->data);
    if (c->top == 0 && c->prev) {
        tls_chunk = c->prev;
        free(tls_spare);
        tls_spare = c;
    }
}

/* Closes the locals, cells and frees of `f` (the value stack is already empty). */
static void frame_clear_locals(TrFrame *f) {
    TrCode *co = f->code;
    int n = co->nlocals + co->ncells + co->nfrees;
    for (int i = 0; i < n; i++) sr_close(f->localsplus[i]);
}

void vm_thread_fini(TrThread *ts) {
    while (tls_chunk) {
        FrameChunk *p = tls_chunk->prev;
        free(tls_chunk);
        tls_chunk = p;
    }
    free(tls_spare);
    tls_spare = NULL;
}

void vm_visit_stack_refs(TrThread *ts, void (*visit)(TrObject *o, void *arg), void *arg) {
    for (TrFrame *f = ts->frame; f; f = f->back) {
        TrCode *co = f->code;
        TrStackRef *p = f->localsplus, *end = frame_stack_base(f) + 0;
        for (; p < end; p++)
            if ((p->bits & 3) == TR_SR_BORROWED) visit(sr_obj(*p), arg);
        for (p = frame_stack_base(f); p < f->sp; p++)
            if ((p->bits & 3) == TR_SR_BORROWED) visit(sr_obj(*p), arg);
        (void)co;
    }
}

/* ---- the C stack limit ------------------------------------------------- */

static NOINLINE void compute_stack_limit(void) {
    pthread_attr_t attr;
    void *addr = NULL;
    size_t size = 0;
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        pthread_attr_getstack(&attr, &addr, &size);
        pthread_attr_destroy(&attr);
    }
    if (!addr || size == 0 || here < (uintptr_t)addr || here > (uintptr_t)addr + size) {
        /* unknown stack: assume 1 MiB below the current point */
        tls_stack_limit = here > (1u << 20) ? here - (1u << 20) : 1;
        return;
    }
    size_t margin = size >= (2u << 20) ? (256u << 10) : size / 4;
    tls_stack_limit = (uintptr_t)addr + margin;
}

/* ---- LOAD_GLOBAL cache ------------------------------------------------- */

typedef struct GlobalEntry {
    uintptr_t seq;           /* seqlock: 0 empty, odd while being written */
    uint64_t gver, bver;     /* versions of globals and builtins when filled */
    uintptr_t globals;       /* identity of the globals dict */
    uintptr_t owner;         /* 0: value is uncounted-safe; else the tid that may use it */
    uintptr_t value;
} GlobalEntry;

typedef struct CodeExtra {
    uint32_t *slot_of;       /* per instruction: index into entries (LOAD_GLOBAL only) */
    size_t nentries;
    GlobalEntry entries[];
} CodeExtra;

void vm_code_extra_free(void *extra) {
    CodeExtra *x = extra;
    if (!x) return;
    free(x->slot_of);
    free(x);
}

static NOINLINE CodeExtra *code_extra_create(TrCode *co) {
    size_t n = 0;
    for (size_t i = 0; i < co->ninstrs; i++)
        if (TR_OP(co->instrs[i]) == OP_LOAD_GLOBAL) n++;
    CodeExtra *x = calloc(1, sizeof(CodeExtra) + n * sizeof(GlobalEntry));
    uint32_t *slots = calloc(co->ninstrs ? co->ninstrs : 1, sizeof(uint32_t));
    if (!x || !slots) { free(x); free(slots); return NULL; }
    x->slot_of = slots;
    x->nentries = n;
    n = 0;
    for (size_t i = 0; i < co->ninstrs; i++)
        if (TR_OP(co->instrs[i]) == OP_LOAD_GLOBAL) slots[i] = (uint32_t)n++;
    /* publish: pairs with the acquire load in code_extra() */
    uintptr_t seen = atomic_cas_uptr((uintptr_t *)&co->extra, 0, (uintptr_t)x);
    if (seen != 0) {
        vm_code_extra_free(x);
        return (CodeExtra *)seen;
    }
    return x;
}

static inline CodeExtra *code_extra(TrCode *co) {
    /* acquire: pairs with the CAS in code_extra_create */
    CodeExtra *x = atomic_load_ptr_acquire((void *const *)&co->extra);
    return x ? x : code_extra_create(co);
}

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

static void global_cache_put(CodeExtra *x, size_t idx, TrObject *globals, uint64_t gv, uint64_t bv,
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

/* ---- deferred marking -------------------------------------------------- */

/* The rule of core/stackref.h: a namespace load that got a NEW reference to a
 * function, module, dict, list or type owned by another thread marks it
 * deferred, so later loads by every thread skip counting. */
static inline void maybe_defer(TrObject *v) {
    if (tr_is_imm(v) || tr_owned_by_me(v) || tr_is_immortal(v) || tr_is_deferred(v)) return;
    TrType *t = tr_type(v);
    if (t == &tr_function_type || t == &tr_module_type || t == &tr_dict_type ||
        t == &tr_list_type || t == &tr_type_type || tr_type_is_subtype(t, &tr_type_type))
        tr_make_deferred(v);
}

/* Wraps a dict_get_ref / list_get_ref result (r == 2 borrowed, 1 new). */
static inline TrStackRef sr_from_get(int r, TrObject *v) {
    return r == 2 ? sr_borrow(v) : sr_steal(v);
}

/* ---- exceptions ---------------------------------------------------------- */

/* Sets exc.__context__ to the exception being handled, cutting any cycle the
 * link would close (as CPython does). */
static void set_context(TrThread *ts, TrObject *exc) {
    TrObject *handled = ts->handled_exc;
    if (!handled || handled == exc || handled == tr_none) return;
    if (!tr_isinstance(exc, &tr_exc_BaseException) || !tr_isinstance(handled, &tr_exc_BaseException))
        return;
    /* walk handled's context chain: if exc is on it, cut the link to it */
    TrExc *o = (TrExc *)handled;
    int steps = 0;
    while (o->context && steps++ < 10000) {
        if (o->context == exc) {
            TR_CLEAR(o->context);
            break;
        }
        o = (TrExc *)o->context;
    }
    TrExc *e = (TrExc *)exc;
    TrObject *old = e->context;
    e->context = tr_newref(handled);
    tr_xdecref(old);
}

/* An exception instance from `v`: instances pass through, classes are called
 * with no arguments.  New reference, or NULL with `what`-TypeError set. */
static TrObject *make_exception(TrThread *ts, TrObject *v, const char *what) {
    if (tr_isinstance(v, &tr_type_type) && tr_type_is_subtype((TrType *)v, &tr_exc_BaseException)) {
        TrObject *inst = tr_call(ts, v, NULL, 0, NULL);
        if (!inst) return NULL;
        if (!tr_isinstance(inst, &tr_exc_BaseException)) {
            err_format(ts, &tr_exc_TypeError,
                       "calling %R should have returned an instance of BaseException, not %T", v, inst);
            tr_decref(inst);
            return NULL;
        }
        return inst;
    }
    if (tr_isinstance(v, &tr_exc_BaseException)) return tr_newref(v);
    err_set(ts, &tr_exc_TypeError, what);
    return NULL;
}

/* RAISE_VARARGS 1 or 2: sets the exception pending.  Always returns -1. */
static NOINLINE int do_raise(TrThread *ts, TrObject *v, TrObject *cause) {
    TrObject *exc = make_exception(ts, v, "exceptions must derive from BaseException");
    if (!exc) return -1;
    if (cause) {
        TrObject *c = NULL;
        if (cause != tr_none) {
            c = make_exception(ts, cause, "exception causes must derive from BaseException");
            if (!c) { tr_decref(exc); return -1; }
        }
        TrExc *e = (TrExc *)exc;
        TrObject *old = e->cause;
        e->cause = c;
        e->suppress_context = true;
        tr_xdecref(old);
    }
    set_context(ts, exc);
    err_restore(ts, exc);
    return -1;
}

/* CHECK_EXC_MATCH: 1, 0 or -1. */
static NOINLINE int exc_match(TrThread *ts, TrObject *exc, TrObject *type) {
    size_t n = 1;
    int is_tuple = tuple_check(type);
    if (is_tuple) n = tuple_size(type);
    for (size_t i = 0; i < n; i++) {
        TrObject *t = is_tuple ? tuple_get(type, i) : type;
        if (!tr_isinstance(t, &tr_type_type) || !tr_type_is_subtype((TrType *)t, &tr_exc_BaseException)) {
            err_set(ts, &tr_exc_TypeError,
                    "catching classes that do not inherit from BaseException is not allowed");
            return -1;
        }
    }
    for (size_t i = 0; i < n; i++) {
        TrObject *t = is_tuple ? tuple_get(type, i) : type;
        if (tr_isinstance(exc, (TrType *)t)) return 1;
    }
    return 0;
}

/* Replaces ts->handled_exc with the saved value in `prev` (None -> NULL). */
static inline void restore_handled(TrThread *ts, TrStackRef prev) {
    TrObject *p = sr_to_owned(prev);
    if (p == tr_none) p = NULL;
    TrObject *old = ts->handled_exc;
    ts->handled_exc = p;
    tr_xdecref(old);
}

/* ---- names --------------------------------------------------------------- */

static NOINLINE void raise_unbound_local(TrThread *ts, TrCode *co, int i) {
    err_format(ts, &tr_exc_UnboundLocalError,
               "cannot access local variable '%S' where it is not associated with a value",
               tuple_get(co->varnames, (size_t)i));
}

static NOINLINE void raise_unbound_deref(TrThread *ts, TrCode *co, int i) {
    if (i < co->ncells)
        err_format(ts, &tr_exc_UnboundLocalError,
                   "cannot access local variable '%S' where it is not associated with a value",
                   tuple_get(co->cellvars, (size_t)i));
    else
        err_format(ts, &tr_exc_NameError,
                   "cannot access free variable '%S' where it is not associated with a value in enclosing scope",
                   tuple_get(co->freevars, (size_t)(i - co->ncells)));
}

static NOINLINE void raise_name_error(TrThread *ts, TrObject *name) {
    err_format(ts, &tr_exc_NameError, "name '%S' is not defined", name);
}

/* LOAD_GLOBAL's slow path: looks up globals then builtins, marks deferred,
 * fills the cache.  Returns 0 with *out pushed-ready, -1 on error. */
static NOINLINE int load_global_slow(TrThread *ts, TrFrame *f, size_t idx, TrObject *name,
                                     TrStackRef *out) {
    TrObject *g = f->globals, *b = f->builtins;
    uint64_t gv = dict_version(g), bv = dict_version(b);
    TrObject *v = NULL;
    int r = dict_get_ref(ts, g, name, &v);
    if (r == 0) r = dict_get_ref(ts, b, name, &v);
    if (r < 0) return -1;
    if (r == 0) { raise_name_error(ts, name); return -1; }
    if (r == 1) maybe_defer(v);
    *out = sr_from_get(r, v);
    uintptr_t owner;
    if (sr_can_borrow(v)) owner = 0;
    else if (tr_owned_by_me(v)) owner = tr_tls_tid;
    else return 0;
    CodeExtra *x = code_extra(f->code);
    if (x) global_cache_put(x, idx, g, gv, bv, owner, v);
    return 0;
}

/* LOAD_NAME: locals, globals, builtins. */
static NOINLINE int load_name(TrThread *ts, TrFrame *f, TrObject *name, TrStackRef *out) {
    TrObject *v = NULL;
    int r = 0;
    if (f->locals) {
        if (tr_type(f->locals) == &tr_dict_type) {
            r = dict_get_ref(ts, f->locals, name, &v);
        } else {
            v = tr_getitem(ts, f->locals, name);
            if (v) r = 1;
            else if (err_matches(ts, &tr_exc_KeyError)) err_clear(ts);
            else return -1;
        }
    }
    if (r == 0 && f->globals != f->locals) r = dict_get_ref(ts, f->globals, name, &v);
    if (r == 0) r = dict_get_ref(ts, f->builtins, name, &v);
    if (r < 0) return -1;
    if (r == 0) { raise_name_error(ts, name); return -1; }
    if (r == 1) maybe_defer(v);
    *out = sr_from_get(r, v);
    return 0;
}

/* ---- attributes ---------------------------------------------------------- */

/* LOAD_ATTR: modules read their dict directly (uncounted when possible). */
static inline int load_attr(TrThread *ts, TrObject *o, TrObject *name, TrStackRef *out) {
    if (!tr_is_imm(o) && tr_type(o) == &tr_module_type) {
        TrObject *v;
        int r = dict_get_ref(ts, module_dict(o), name, &v);
        if (r < 0) return -1;
        if (r > 0) {
            if (r == 1) maybe_defer(v);
            *out = sr_from_get(r, v);
            return 0;
        }
    }
    TrObject *v = tr_getattr(ts, o, name);
    if (!v) return -1;
    *out = sr_steal(v);
    return 0;
}

/* LOAD_METHOD: fills [meth, self] or [attr, NULL]. */
static NOINLINE int load_method(TrThread *ts, TrObject *o, TrObject *name, TrStackRef *meth,
                                TrStackRef *self) {
    TrType *tp = tr_type(o);
    if (tp != &tr_module_type && tp->dictoffset == 0 && tp->getattr == NULL) {
        for (TrType *t = tp; t; t = t->base) {
            if (!t->dict) continue;
            TrObject *d;
            int r = dict_get_ref(ts, t->dict, name, &d);
            if (r < 0) return -1;
            if (r == 0) continue;
            TrType *dt = tr_type(d);
            if (dt == &tr_method_descr_type || dt == &tr_function_type) {
                *meth = sr_from_get(r, d);
                *self = sr_from(o);
                return 0;
            }
            if (r == 1) tr_decref(d);
            break;
        }
    }
    if (load_attr(ts, o, name, meth) < 0) return -1;
    *self = TR_SR_NULL;
    return 0;
}

/* ---- calls ---------------------------------------------------------------- */

static TrObject *eval_frame(TrThread *ts, TrFrame *f);

/* Creates the cells and frees of a fresh frame.  -1 on MemoryError. */
static int frame_setup_cells(TrThread *ts, TrFrame *f, TrObject *closure) {
    TrCode *co = f->code;
    TrStackRef *cells = frame_cells(f);
    for (int i = 0; i < co->ncells; i++) {
        TrObject *init = NULL;
        if (co->cell2arg && co->cell2arg[i] >= 0) init = sr_obj(f->localsplus[co->cell2arg[i]]);
        TrObject *c = cell_new(ts, init);
        if (!c) return -1;
        cells[i] = sr_steal(c);
    }
    for (int i = 0; i < co->nfrees; i++) {
        TrObject *c = closure ? tuple_get(closure, (size_t)i) : NULL;
        if (!c) break;
        cells[co->ncells + i] = sr_from(c);
    }
    return 0;
}

/* Runs a frame for Python function `func` after binding `args` (borrowed). */
TrObject *vm_call_function(TrThread *ts, TrObject *func, TrObject *const *args, size_t nargs,
                           TrObject *kwnames) {
    TrFunction *fn = (TrFunction *)func;
    TrCode *co = (TrCode *)fn->code;
    TrFrame *f = frame_alloc(ts, co);
    if (!f) return NULL;
    f->func = func;
    f->globals = fn->globals;
    f->builtins = fn->builtins;
    if (call_bind_args(ts, func, f->localsplus, args, nargs, kwnames) < 0 ||
        ((co->ncells | co->nfrees) && frame_setup_cells(ts, f, fn->closure) < 0)) {
        frame_clear_locals(f);
        frame_release(f);
        return NULL;
    }
    return eval_frame(ts, f);
}

#define SMALL_ARGS 16

/* Calls `callable` with arguments `args[0..n)` (positional count `npos`),
 * all borrowed, dispatching without allocation where it can. */
static TrObject *call_object(TrThread *ts, TrObject *callable, TrObject *const *args, size_t npos,
                             TrObject *kwnames) {
    TrType *t = tr_type(callable);
    if (t == &tr_function_type) return vm_call_function(ts, callable, args, npos, kwnames);
    if (t == &tr_cfunction_type) {
        TrCFunction *cf = (TrCFunction *)callable;
        return cf->fn(ts, cf->self, args, npos, kwnames);
    }
    if (t == &tr_method_descr_type && npos >= 1) {
        TrMethodDescr *d = (TrMethodDescr *)callable;
        if (tr_isinstance(args[0], d->type)) return d->def->fn(ts, args[0], args + 1, npos - 1, kwnames);
    }
    return tr_call(ts, callable, args, npos, kwnames);
}

/* CALL / CALL_KW's general path: `slot` = [callable, self_or_null, args...]
 * with `nargs` words after the self slot (`kwnames` values included).  Closes
 * every slot.  Returns a new reference or NULL. */
static NOINLINE TrObject *call_stack(TrThread *ts, TrStackRef *slot, size_t nargs, TrObject *kwnames) {
    TrObject *callable = sr_obj(slot[0]);
    int has_self = !sr_is_null(slot[1]);
    size_t total = nargs + (size_t)has_self;
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    TrObject *small[SMALL_ARGS];
    TrObject **v = small;
    TrObject *res = NULL;
    if (total > SMALL_ARGS) {
        v = malloc(total * sizeof *v);
        if (!v) { err_nomemory(ts); goto done; }
    }
    TrStackRef *a = slot + 2 - has_self;
    for (size_t i = 0; i < total; i++) v[i] = sr_obj(a[i]);
    TrType *t = tr_type(callable);
    if (t == &tr_method_descr_type && has_self) {
        /* LOAD_METHOD found a builtin method: call it without binding */
        TrMethodDescr *d = (TrMethodDescr *)callable;
        res = d->def->fn(ts, v[0], v + 1, total - 1 - nkw, kwnames);
    } else if (t == &tr_method_type && !has_self && total < SMALL_ARGS) {
        TrMethod *m = (TrMethod *)callable;
        TrObject *w[SMALL_ARGS + 1];
        w[0] = m->self;
        memcpy(w + 1, v, total * sizeof *v);
        res = call_object(ts, m->func, w, total + 1 - nkw, kwnames);
    } else {
        res = call_object(ts, callable, v, total - nkw, kwnames);
    }
done:
    if (v != small) free(v);
    for (size_t i = 0; i < nargs + 2; i++) sr_close(slot[i]);
    return res;
}

/* "f() argument after ** must be a mapping, not int" and friends. */
static void raise_call_arg_error(TrThread *ts, TrObject *callable, const char *fmt, TrObject *o) {
    TrObject *fs = call_func_str(ts, callable);
    if (!fs) return;
    err_format(ts, &tr_exc_TypeError, fmt, fs, o);
    tr_decref(fs);
}

/* CALL_EX: [callable, self_or_null, args(, kwargs)] in `slot`; closes them. */
static NOINLINE TrObject *call_ex(TrThread *ts, TrStackRef *slot, int has_kwargs) {
    TrObject *callable = sr_obj(slot[0]);
    TrObject *self = sr_obj(slot[1]);
    TrObject *pargs = sr_obj(slot[2]);
    TrObject *kwargs = has_kwargs ? sr_obj(slot[3]) : NULL;
    TrObject *tup = NULL, *kwnames = NULL, *res = NULL;
    TrObject **v = NULL;
    if (tr_type(pargs) == &tr_tuple_type) {
        tup = tr_newref(pargs);
    } else {
        TrType *pt = tr_type(pargs);
        if (!pt->iter && !pt->getitem) {
            raise_call_arg_error(ts, callable, "%S argument after * must be an iterable, not %T", pargs);
            goto done;
        }
        tup = tuple_from_iterable(ts, pargs);
        if (!tup) goto done;
    }
    size_t npos = tuple_size(tup), nkw = 0;
    if (kwargs && !dict_check(kwargs)) {
        raise_call_arg_error(ts, callable, "%S argument after ** must be a mapping, not %T", kwargs);
        goto done;
    }
    if (kwargs) nkw = dict_size(kwargs);
    size_t extra = self ? 1 : 0;
    v = malloc((npos + nkw + extra + 1) * sizeof *v);
    if (!v) { err_nomemory(ts); goto done; }
    if (self) v[0] = self;
    for (size_t i = 0; i < npos; i++) v[extra + i] = tuple_get(tup, i);
    size_t nk = 0;
    if (nkw) {
        kwnames = tuple_new(ts, nkw);
        if (!kwnames) goto done;
        size_t pos = 0;
        TrObject *k, *val;
        /* values stay alive through kwnames / the dict snapshot below */
        TrObject *vals = tuple_new(ts, nkw);
        if (!vals) goto done;
        while (nk < nkw && dict_next(ts, kwargs, &pos, &k, &val)) {
            if (!str_check(k)) {
                tr_decref(k);
                tr_decref(val);
                for (size_t i = nk; i < nkw; i++) {
                    tuple_set_take(kwnames, i, tr_newref(tr_none));
                    tuple_set_take(vals, i, tr_newref(tr_none));
                }
                tr_decref(vals);
                err_set(ts, &tr_exc_TypeError, "keywords must be strings");
                goto done;
            }
            tuple_set_take(kwnames, nk, k);
            tuple_set_take(vals, nk, val);
            v[extra + npos + nk] = val;
            nk++;
        }
        for (size_t i = nk; i < nkw; i++) {   /* the dict shrank meanwhile */
            tuple_set_take(kwnames, i, tr_newref(tr_none));
            tuple_set_take(vals, i, tr_newref(tr_none));
        }
        if (nk < nkw) {
            TrObject *k2 = tuple_from_array(ts, ((TrTuple *)kwnames)->items, nk);
            tr_decref(kwnames);
            kwnames = k2;
            if (!kwnames) { tr_decref(vals); goto done; }
        }
        if (nk == 0) TR_CLEAR(kwnames);
        res = call_object(ts, callable, v, npos + extra, kwnames);
        tr_decref(vals);
        goto done;
    }
    res = call_object(ts, callable, v, npos + extra, NULL);
done:
    free(v);
    tr_xdecref(tup);
    tr_xdecref(kwnames);
    for (int i = 0; i < 3 + has_kwargs; i++) sr_close(slot[i]);
    return res;
}

/* DICT_MERGE: d.update(m) refusing duplicate keys. */
static NOINLINE int dict_merge(TrThread *ts, TrObject *d, TrObject *m, TrObject *callable) {
    if (!dict_check(m)) {
        TrObject *keys = tr_getattr_cstr(ts, m, "keys");
        if (!keys) {
            err_clear(ts);
            raise_call_arg_error(ts, callable, "%S argument after ** must be a mapping, not %T", m);
            return -1;
        }
        TrObject *kl = tr_call(ts, keys, NULL, 0, NULL);
        tr_decref(keys);
        if (!kl) return -1;
        TrObject *it = tr_iter(ts, kl);
        tr_decref(kl);
        if (!it) return -1;
        TrObject *k;
        while ((k = tr_next(ts, it))) {
            TrObject *val = tr_getitem(ts, m, k);
            int rc = -1;
            if (val) {
                TrObject *have = dict_get(ts, d, k);
                if (have) {
                    tr_decref(have);
                    TrObject *fs = call_func_str(ts, callable);
                    if (fs) {
                        err_format(ts, &tr_exc_TypeError, "%S got multiple values for keyword argument '%S'", fs, k);
                        tr_decref(fs);
                    }
                } else if (!err_occurred(ts)) {
                    rc = dict_set(ts, d, k, val);
                }
                tr_decref(val);
            }
            tr_decref(k);
            if (rc < 0) { tr_decref(it); return -1; }
        }
        tr_decref(it);
        return err_occurred(ts) ? -1 : 0;
    }
    size_t pos = 0;
    TrObject *k, *val;
    while (dict_next(ts, m, &pos, &k, &val)) {
        TrObject *have = dict_get(ts, d, k);
        int rc;
        if (have) {
            tr_decref(have);
            TrObject *fs = call_func_str(ts, callable);
            if (fs) {
                if (str_check(k))
                    err_format(ts, &tr_exc_TypeError, "%S got multiple values for keyword argument '%S'", fs, k);
                else
                    err_set(ts, &tr_exc_TypeError, "keywords must be strings");
                tr_decref(fs);
            }
            rc = -1;
        } else {
            rc = err_occurred(ts) ? -1 : dict_set(ts, d, k, val);
        }
        tr_decref(k);
        tr_decref(val);
        if (rc < 0) return -1;
    }
    return 0;
}

/* ---- sequences ------------------------------------------------------------ */

/* UNPACK_SEQUENCE n: writes the items of `seq` to out[0..n) in stack order
 * (the last item first, so the first item ends on top).  -1 on error. */
static NOINLINE int unpack_sequence(TrThread *ts, TrObject *seq, size_t n, TrStackRef *out) {
    TrType *t = tr_type(seq);
    TrObject *snap = NULL;
    if (t == &tr_list_type) {
        snap = list_as_tuple(ts, seq);   /* one consistent view of a shared list */
        if (!snap) return -1;
        seq = snap;
        t = &tr_tuple_type;
    }
    if (t == &tr_tuple_type) {
        size_t len = tuple_size(seq);
        if (len != n) {
            if (len < n)
                err_format(ts, &tr_exc_ValueError, "not enough values to unpack (expected %zu, got %zu)", n, len);
            else
                err_format(ts, &tr_exc_ValueError, "too many values to unpack (expected %zu)", n);
            tr_xdecref(snap);
            return -1;
        }
        for (size_t i = 0; i < n; i++) out[n - 1 - i] = sr_from(tuple_get(seq, i));
        tr_xdecref(snap);
        return 0;
    }
    if (!t->iter && !t->getitem) {
        err_format(ts, &tr_exc_TypeError, "cannot unpack non-iterable %T object", seq);
        return -1;
    }
    TrObject *it = tr_iter(ts, seq);
    if (!it) return -1;
    size_t got = 0;
    for (; got < n; got++) {
        TrObject *v = tr_next(ts, it);
        if (!v) {
            if (!err_occurred(ts))
                err_format(ts, &tr_exc_ValueError, "not enough values to unpack (expected %zu, got %zu)", n, got);
            goto fail;
        }
        out[n - 1 - got] = sr_steal(v);
    }
    TrObject *extra = tr_next(ts, it);
    if (extra || err_occurred(ts)) {
        if (extra) {
            tr_decref(extra);
            err_format(ts, &tr_exc_ValueError, "too many values to unpack (expected %zu)", n);
        }
        goto fail;
    }
    tr_decref(it);
    return 0;
fail:
    for (size_t i = 0; i < got; i++) sr_close(out[n - 1 - i]);
    tr_decref(it);
    return -1;
}

/* UNPACK_EX before | after << 8: writes before + 1 + after refs to out[] in
 * stack order: [after items (last first).., list, before items (last first)..]. */
static NOINLINE int unpack_ex(TrThread *ts, TrObject *seq, size_t before, size_t after, TrStackRef *out) {
    TrType *t = tr_type(seq);
    if (!t->iter && !t->getitem) {
        err_format(ts, &tr_exc_TypeError, "cannot unpack non-iterable %T object", seq);
        return -1;
    }
    TrObject *l = list_from_iterable(ts, seq);
    if (!l) return -1;
    TrObject *tup = list_as_tuple(ts, l);
    tr_decref(l);
    if (!tup) return -1;
    size_t len = tuple_size(tup), total = before + 1 + after;
    if (len < before + after) {
        err_format(ts, &tr_exc_ValueError, "not enough values to unpack (expected at least %zu, got %zu)",
                   before + after, len);
        tr_decref(tup);
        return -1;
    }
    TrObject *mid = tuple_from_array(ts, ((TrTuple *)tup)->items + before, len - before - after);
    TrObject *midl = mid ? list_from_iterable(ts, mid) : NULL;
    tr_xdecref(mid);
    if (!midl) { tr_decref(tup); return -1; }
    /* out[total-1] is the first item (top of stack) */
    for (size_t i = 0; i < before; i++) out[total - 1 - i] = sr_from(tuple_get(tup, i));
    out[after] = sr_steal(midl);
    for (size_t j = 0; j < after; j++) out[after - 1 - j] = sr_from(tuple_get(tup, len - after + j));
    tr_decref(tup);
    return 0;
}

/* ---- misc helpers ----------------------------------------------------------- */

static NOINLINE TrObject *make_function(TrThread *ts, TrFrame *f, TrObject *code, TrObject *defaults,
                                        TrObject *kwdefaults, TrObject *closure) {
    TrCode *co = (TrCode *)code;
    TrObject *fo = function_new(ts, code, f->globals, co->qualname);
    if (!fo) return NULL;
    TrFunction *fn = (TrFunction *)fo;
    if (defaults && defaults != tr_none) fn->defaults = tr_newref(defaults);
    if (kwdefaults && kwdefaults != tr_none) fn->kwdefaults = tr_newref(kwdefaults);
    if (closure && closure != tr_none) fn->closure = tr_newref(closure);
    if (f->builtins != fn->builtins) {
        TrObject *old = fn->builtins;
        fn->builtins = tr_newref(f->builtins);
        tr_xdecref(old);
    }
    return fo;
}

/* BEFORE_WITH: *exit_out = bound __exit__, returns mgr.__enter__(). */
static NOINLINE TrObject *before_with(TrThread *ts, TrObject *mgr, TrObject **exit_out) {
    TrObject *enter = tr_getattr_cstr(ts, mgr, "__enter__");
    if (!enter) {
        if (err_matches(ts, &tr_exc_AttributeError)) {
            err_clear(ts);
            err_format(ts, &tr_exc_TypeError, "'%T' object does not support the context manager protocol", mgr);
        }
        return NULL;
    }
    TrObject *exit = tr_getattr_cstr(ts, mgr, "__exit__");
    if (!exit) {
        tr_decref(enter);
        if (err_matches(ts, &tr_exc_AttributeError)) {
            err_clear(ts);
            err_format(ts, &tr_exc_TypeError,
                       "'%T' object does not support the context manager protocol (missed __exit__ method)", mgr);
        }
        return NULL;
    }
    TrObject *r = tr_call(ts, enter, NULL, 0, NULL);
    tr_decref(enter);
    if (!r) { tr_decref(exit); return NULL; }
    *exit_out = exit;
    return r;
}

/* Calls builtins.<name>(args...); for operations without a C API here. */
static TrObject *call_builtin(TrThread *ts, TrFrame *f, const char *name, TrObject *const *args, size_t n) {
    TrObject *fn = dict_get_cstr(ts, f->builtins, name);
    if (!fn) {
        if (!err_occurred(ts)) err_format(ts, &tr_exc_NameError, "name '%s' is not defined", name);
        return NULL;
    }
    TrObject *r = tr_call(ts, fn, args, n, NULL);
    tr_decref(fn);
    return r;
}

static NOINLINE TrObject *format_value(TrThread *ts, TrFrame *f, TrObject *v, int conv, TrObject *spec) {
    TrObject *cv = NULL;
    switch (conv & 3) {
    case TR_FV_STR: cv = tr_str(ts, v); break;
    case TR_FV_REPR: cv = tr_repr(ts, v); break;
    case TR_FV_ASCII: cv = call_builtin(ts, f, "ascii", &v, 1); break;
    default: cv = tr_newref(v); break;
    }
    if (!cv) return NULL;
    TrObject *r;
    if (spec && !(str_check(spec) && str_nbytes(spec) == 0)) {
        TrObject *a[2] = {cv, spec};
        r = call_builtin(ts, f, "format", a, 2);
    } else if (tr_type(cv) == &tr_str_type) {
        return cv;
    } else {
        r = tr_str(ts, cv);
    }
    tr_decref(cv);
    return r;
}

static NOINLINE TrObject *build_string(TrThread *ts, TrStackRef *items, size_t n) {
    TrStrBuf b;
    strbuf_init(&b);
    for (size_t i = 0; i < n; i++) strbuf_addstr(&b, sr_obj(items[i]));
    return strbuf_finish(ts, &b);
}

/* Calls method `name` of `o` with one argument; returns 0 or -1. */
static int call_method1(TrThread *ts, TrObject *o, const char *name, TrObject *arg) {
    TrObject *m = tr_getattr_cstr(ts, o, name);
    if (!m) return -1;
    TrObject *r = tr_call(ts, m, &arg, 1, NULL);
    tr_decref(m);
    if (!r) return -1;
    tr_decref(r);
    return 0;
}

static NOINLINE TrObject *build_set(TrThread *ts, TrFrame *f, TrStackRef *items, size_t n) {
    TrObject *l = list_new(ts, n);
    if (!l) return NULL;
    for (size_t i = 0; i < n; i++)
        if (list_append(ts, l, sr_obj(items[i])) < 0) { tr_decref(l); return NULL; }
    TrObject *s = call_builtin(ts, f, "set", &l, 1);
    tr_decref(l);
    return s;
}

static NOINLINE int list_extend_checked(TrThread *ts, TrObject *l, TrObject *it) {
    TrType *t = tr_type(it);
    if (!t->iter && !t->getitem) {
        err_format(ts, &tr_exc_TypeError, "Value after * must be an iterable, not %T", it);
        return -1;
    }
    return list_extend(ts, l, it);
}

static NOINLINE TrObject *import_from(TrThread *ts, TrObject *mod, TrObject *name) {
    TrObject *v = tr_getattr(ts, mod, name);
    if (v || !err_matches(ts, &tr_exc_AttributeError)) return v;
    err_clear(ts);
    TrObject *mname = tr_type(mod) == &tr_module_type ? ((TrModule *)mod)->name : NULL;
    if (mname && str_check(mname))
        err_format(ts, &tr_exc_ImportError, "cannot import name '%S' from '%S' (unknown location)", name, mname);
    else
        err_format(ts, &tr_exc_ImportError, "cannot import name '%S'", name);
    return NULL;
}

static NOINLINE TrObject *binop_slow(TrThread *ts, int op, TrObject *a, TrObject *b) {
    if (tr_is_imm(a) && tr_is_imm(b)) return int_binop(ts, op & ~TR_BINOP_INPLACE, a, b);
    return tr_binop(ts, op, a, b);
}

static NOINLINE TrObject *subscr_slow(TrThread *ts, TrObject *o, TrObject *k) {
    return tr_getitem(ts, o, k);
}

/* Python's floor division and modulo on immediates; 0 if b == 0. */
static inline int64_t floordiv_i64(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}
static inline int64_t mod_i64(int64_t a, int64_t b) {
    int64_t r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) r += b;
    return r;
}

/* The binary operators on two immediates that cannot overflow the immediate
 * range or fail; returns NULL to take the slow path. */
static inline TrObject *binop_imm(int op, TrObject *a, TrObject *b) {
    int64_t x = tr_imm_value(a), y = tr_imm_value(b), r;
    switch (op & ~TR_BINOP_INPLACE) {
    case TR_BINOP_ADD: r = x + y; break;            /* |x|,|y| < 2^62: no int64 overflow */
    case TR_BINOP_SUB: r = x - y; break;
    case TR_BINOP_MUL:
        if (__builtin_mul_overflow(x, y, &r)) return NULL;
        break;
    case TR_BINOP_FLOORDIV:
        if (y == 0) return NULL;
        r = floordiv_i64(x, y);
        break;
    case TR_BINOP_MOD:
        if (y == 0) return NULL;
        r = mod_i64(x, y);
        break;
    case TR_BINOP_AND: r = x & y; break;
    case TR_BINOP_OR: r = x | y; break;
    case TR_BINOP_XOR: r = x ^ y; break;
    case TR_BINOP_RSHIFT:
        if (y < 0) return NULL;
        r = y >= 63 ? (x < 0 ? -1 : 0) : x >> y;
        break;
    case TR_BINOP_LSHIFT:
        if (y < 0 || y >= 62) return NULL;
        if (x > (TR_IMM_MAX >> y) || x < (TR_IMM_MIN >> y)) return NULL;
        r = x << y;
        break;
    default: return NULL;
    }
    if (!tr_fits_imm(r)) return NULL;
    return tr_imm_from(r);
}

static inline TrObject *binop_float(TrThread *ts, int op, double x, double y) {
    switch (op & ~TR_BINOP_INPLACE) {
    case TR_BINOP_ADD: return float_new(ts, x + y);
    case TR_BINOP_SUB: return float_new(ts, x - y);
    case TR_BINOP_MUL: return float_new(ts, x * y);
    case TR_BINOP_TRUEDIV: if (y != 0.0) return float_new(ts, x / y); break;
    default: break;
    }
    return NULL;
}

static inline int compare_i64(int op, int64_t x, int64_t y) {
    switch (op) {
    case TR_LT: return x < y;
    case TR_LE: return x <= y;
    case TR_EQ: return x == y;
    case TR_NE: return x != y;
    case TR_GT: return x > y;
    default: return x >= y;
    }
}

/* Truth value of a stack operand: 1, 0, -1. */
static inline int truth(TrThread *ts, TrObject *o) {
    if (o == tr_true) return 1;
    if (o == tr_false || o == tr_none) return 0;
    if (tr_is_imm(o)) return tr_imm_value(o) != 0;
    return tr_is_true(ts, o);
}

/* The eval breaker's slow part: handle requests, report quiescence. */
static NOINLINE int periodic(TrThread *ts) {
    if (atomic_load_u32_relaxed(&ts->eval_breaker)) {
        tstate_handle_eval_breaker(ts);
        if (ts->exc) return -1;
    }
    if (tls_ticks >= QSBR_TICKS) {
        tls_ticks = 0;
        qsbr_quiescent(ts);
    }
    return 0;
}
