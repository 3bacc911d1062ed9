/* core/vm.c: the bytecode interpreter: the eval loop, its dispatch and
 * exception unwinding, and the helpers only it calls.
 *
 * One C function, `eval_loop`, runs Python frames with computed-goto dispatch
 * over core/opcodes.h.  A Python-to-Python call pushes the callee's frame and
 * continues in the same loop; a call from C (vm_call_function) enters a new
 * eval_loop.  The depth is bounded by `ts->recursion_limit` and by a C-stack
 * limit computed once per thread (include/torii/recursion.h), both raising
 * RecursionError.  Rare or bulky operations live in noinline helpers so that
 * eval_loop's C frame stays small.  Around it:
 *   core/frame.c     the per-thread chunked frame stack (LIFO, no malloc per call)
 *   core/vm_cache.c  the per-instruction caches (LOAD_GLOBAL, attribute sites,
 *                    CALL's instantiation cache); their lookups are inline in
 *                    core/vm_cache.h
 *   core/call.c      argument binding and the general CALL / CALL_EX paths
 * The value stack and fast locals hold TrStackRef words (core/stackref.h):
 * loads of immediates, immortal and deferred objects push uncounted refs.
 *
 * Generator frames (objects/gen.c) are the exception: they live inside the
 * generator object, always run as entry frames (eval_loop called from gen.c
 * with a resume mode), and on YIELD_VALUE / YIELD_FROM they return to C
 * keeping their stacks (`suspend`), after counting every uncounted ref they
 * hold, since a suspended frame is on no thread's frame chain.
 *
 * Threads: a frame, its chunk and the registers of eval_loop belong to the
 * thread running it; `tls_ticks` and the C stack limit (`tr_cstack_limit`,
 * threads/cstack.c) are thread-local.  Code
 * objects are shared: their caches follow the rules in core/vm_cache.h.
 * Every `tls_ticks` (QSBR_TICKS) backward jumps and calls the thread reports a
 * quiescent state, which lets replaced cache records and container arrays be
 * freed (threads/qsbr.c).
 * Lock order: the loop holds no lock across instructions; the operations it
 * calls take and release their own. */
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "torii/torii.h"
#include "torii/iter.h"
#include "core/opcodes.h"
#include "core/stackref.h"
#include "core/frame.h"
#include "core/vm.h"
#include "core/vm_cache.h"
#include "core/match.h"
#include "torii/class.h"
#include "torii/excgroup.h"
#include "threads/tstate.h"
#include "threads/qsbr.h"
#include "threads/lock.h"
#include "threads/race.h"
#include "torii/gen.h"
#include "torii/file.h"
#include "objects/dict_inline.h"

#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#define NOINLINE __attribute__((noinline))

static __thread unsigned tls_ticks;      /* backward jumps and calls since the last qsbr report */

#define QSBR_TICKS 1024

/* ---- deferred marking -------------------------------------------------- */

/* The rule of core/stackref.h: a namespace load that got a NEW reference to a
 * heap object owned by another thread marks it deferred, so later loads by
 * every thread skip counting.  Safe for any object since deferred zombies
 * are reclaimed during the run (threads/brc.c: brc_reclaim_pass).  Not for
 * generators and files: their deallocs are observable (a suspended `finally`
 * runs, buffered data is flushed) and must not wait for a reclaim pass. */
static inline void maybe_defer(TrObject *v) {
    if (!tr_is_imm(v) && !tr_owned_by_me(v)) tr_defer_shared(v);
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
    if (x) vm_global_cache_put(x, idx, g, gv, bv, owner, v);
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

/* LOAD_ATTR: modules and plain instances read their dict directly (uncounted
 * when the value allows it); everything else goes through tr_getattr. */
static inline int load_attr(TrThread *ts, TrObject *o, TrObject *name, TrStackRef *out) {
    TrObject *v;
    if (!tr_is_imm(o)) {
        TrType *tp = o->ob_type;
        if (tp == &tr_module_type) {
            int r = dict_get_ref(ts, module_dict(o), name, &v);
            if (r < 0) return -1;
            if (r > 0) {
                if (r == 1) maybe_defer(v);
                *out = sr_from_get(r, v);
                return 0;
            }
        } else if (tp->getattr == NULL && tp->dictoffset != 0) {
            /* generic lookup: a class attribute that is a descriptor wins or
             * binds; otherwise the instance dict decides */
            TrObject *attr;
            int ra = type_lookup_ref(ts, tp, name, &attr);
            if (ra < 0) return -1;
            int data_descr = ra > 0 && tr_type(attr)->descr_set != NULL;
            if (ra == 1) tr_decref(attr);   /* only its kind mattered */
            if (!data_descr) {
                TrObject *d = instance_dict(o, tp);
                const InlineKeys *k = d ? NULL : inl_keys(tp);
                if (k) {
                    int r = inl_lookup(ts, o, tp, k, name, &v);
                    if (r > 0) { *out = sr_from_get(r, v); return 0; }
                    if (r == -2) d = instance_dict(o, tp);   /* converted meanwhile */
                }
                if (d) {
                    int r = dict_get_ref(ts, d, name, &v);
                    if (r < 0) return -1;
                    if (r > 0) { *out = sr_from_get(r, v); return 0; }
                }
            }
        }
    }
    v = tr_getattr(ts, o, name);
    if (!v) return -1;
    *out = sr_steal(v);
    return 0;
}

/* LOAD_METHOD: returns 1 when `name` is a function or builtin method on the
 * type (not shadowed by the instance): *meth is it, and the receiver stays as
 * self; 0 with *meth the attribute (self slot NULL); -1 on error. */
static NOINLINE int load_method(TrThread *ts, TrObject *o, TrObject *name, TrStackRef *meth) {
    TrType *tp = tr_type(o);
    if (tp != &tr_module_type && tp->getattr == NULL) {
        TrObject *d;
        int r = type_lookup_ref(ts, tp, name, &d);
        if (r < 0) return -1;
        if (r > 0) {
            TrType *dt = tr_type(d);
            if (dt == &tr_method_descr_type || dt == &tr_function_type) {
                int shadowed = 0;
                if (tp->dictoffset != 0) {
                    TrObject *idict = instance_dict(o, tp);
                    const InlineKeys *k = idict ? NULL : inl_keys(tp);
                    if (k && inl_has(o, tp, k, name)) shadowed = 1;
                    else if (k) idict = instance_dict(o, tp);   /* converted meanwhile? */
                    if (idict && !shadowed) {
                        int c = dict_contains(ts, idict, name);
                        if (c < 0) { if (r == 1) tr_decref(d); return -1; }
                        shadowed = c;
                    }
                }
                if (!shadowed) {
                    *meth = sr_from_get(r, d);
                    return 1;
                }
            }
            if (r == 1) tr_decref(d);
        }
    }
    if (load_attr(ts, o, name, meth) < 0) return -1;
    return 0;
}

/* ---- calls ---------------------------------------------------------------- */

static TrObject *eval_loop(TrThread *ts, TrFrame *f, int mode, TrObject *value);
/* Runs a fresh frame from its first instruction. */
static TrObject *eval_frame(TrThread *ts, TrFrame *f) { return eval_loop(ts, f, VM_RESUME_FRESH, NULL); }

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
        /* borrowed: the closure tuple of the function the frame runs holds
         * the cell for the frame's life (a generator's frame counts it when
         * it suspends: frame_own_refs).  Counting it would write the shared
         * count of a cell that every thread's call reads (a method's
         * `__class__`, a module-level closure). */
        cells[co->ncells + i] = sr_borrow(c);
    }
    return 0;
}

/* Counts every uncounted heap ref of generator frame `f` below `sp`: a
 * suspended frame is invisible to vm_visit_stack_refs, so it may hold only
 * counted refs (immortal objects excepted: they never die). */
static void frame_own_refs(TrFrame *f, TrStackRef *sp) {
    for (TrStackRef *p = f->localsplus; p < sp; p++) {
        if ((p->bits & 3) != TR_SR_BORROWED) continue;
        TrObject *o = sr_obj(*p);
        if (tr_is_immortal(o)) continue;
        tr_incref(o);
        p->bits = (uintptr_t)o;
    }
}

/* Calling a generator function: binds the arguments into a frame stored in a
 * new generator object (objects/gen.c), which owns `func`. */
static NOINLINE TrObject *make_generator(TrThread *ts, TrObject *func, TrObject *const *args, size_t nargs,
                                         TrObject *kwnames) {
    TrFunction *fn = (TrFunction *)func;
    TrCode *co = (TrCode *)fn->code;
    TrFrame *f;
    TrObject *g = gen_new(ts, func, frame_bytes(co), &f);
    if (!g) return NULL;
    /* gen_new zeroed the frame: locals, cells and frees are NULL */
    f->code = co;
    f->func = func;            /* kept alive by the generator */
    f->globals = fn->globals;
    f->builtins = fn->builtins;
    f->locals = NULL;
    f->back = NULL;
    f->instr = -1;
    f->nblocks = 0;
    f->is_gen = 1;
    f->is_entry = 1;
    f->sp = frame_stack_base(f);
    if (call_bind_args(ts, func, f->localsplus, args, nargs, kwnames) < 0 ||
        ((co->ncells | co->nfrees) && frame_setup_cells(ts, f, fn->closure) < 0)) {
        tr_decref(g);          /* its dealloc closes the locals bound so far */
        return NULL;
    }
    frame_own_refs(f, f->sp);
    return g;
}

TrObject *vm_gen_resume(TrThread *ts, TrFrame *f, int mode, TrObject *value) {
    return eval_loop(ts, f, mode, value);
}

/* Runs a frame for Python function `func` after binding `args` (borrowed). */
TrObject *vm_call_function(TrThread *ts, TrObject *func, TrObject *const *args, size_t nargs,
                           TrObject *kwnames) {
    TrFunction *fn = (TrFunction *)func;
    TrCode *co = (TrCode *)fn->code;
    if (UNLIKELY(co->flags & TR_CO_GENERATOR)) return make_generator(ts, func, args, nargs, kwnames);
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

/* ---- sequences ------------------------------------------------------------ */

static void unpack_len_error(TrThread *ts, size_t n, size_t len) {
    if (len < n)
        err_format(ts, &tr_exc_ValueError, "not enough values to unpack (expected %zu, got %zu)", n, len);
    else
        err_format(ts, &tr_exc_ValueError, "too many values to unpack (expected %zu)", n);
}

/* The absolute name of IMPORT_NAME's `name`: itself, or for a relative
 * name (leading dots: `from ..a import b`) the importing module's package
 * (its __package__, else its __name__ when it is a package, else the part
 * of __name__ before the last dot) with one component dropped per dot
 * after the first, then ".a".  New reference, or NULL with ImportError. */
NOINLINE TrObject *vm_import_resolve(TrThread *ts, TrObject *globals, TrObject *name) {
    const char *s = str_utf8(name);
    if (s[0] != '.') return tr_newref(name);
    size_t level = 0;
    while (s[level] == '.') level++;
    const char *rest = s + level;
    TrObject *pkg = dict_get_cstr(ts, globals, "__package__");
    if (pkg && !str_check(pkg)) TR_CLEAR(pkg);   /* None: not known */
    if (!pkg) {
        if (err_occurred(ts)) return NULL;
        TrObject *mn = dict_get_cstr(ts, globals, "__name__");
        if (!mn) {
            if (!err_occurred(ts)) err_set(ts, &tr_exc_KeyError, "'__name__' not in globals");
            return NULL;
        }
        TrObject *path = dict_get_cstr(ts, globals, "__path__");
        if (path || !str_check(mn)) {
            tr_xdecref(path);
            pkg = mn;
        } else {
            const char *m = str_utf8(mn), *dot = strrchr(m, '.');
            pkg = str_from_utf8(ts, m, dot ? (size_t)(dot - m) : 0);
            tr_decref(mn);
            if (!pkg) return NULL;
        }
    }
    if (!str_check(pkg) || str_nbytes(pkg) == 0) {
        tr_decref(pkg);
        return err_format(ts, &tr_exc_ImportError, "attempted relative import with no known parent package");
    }
    const char *p = str_utf8(pkg);
    size_t end = str_nbytes(pkg);
    for (size_t up = 1; up < level; up++) {
        while (end > 0 && p[end - 1] != '.') end--;
        if (end == 0) {
            tr_decref(pkg);
            return err_format(ts, &tr_exc_ImportError, "attempted relative import beyond top-level package");
        }
        end--;
    }
    TrObject *base = str_from_utf8(ts, p, end);
    tr_decref(pkg);
    if (!base || !*rest) return base;
    TrObject *r = str_format(ts, "%S.%s", base, rest);
    tr_decref(base);
    return r;
}

/* UNPACK_SEQUENCE n: writes the items of `seq` to out[0..n) in stack order
 * (the last item first, so the first item ends on top).  -1 on error. */
static NOINLINE int unpack_sequence(TrThread *ts, TrObject *seq, size_t n, TrStackRef *out) {
    TrType *t = tr_type(seq);
    TrObject *snap = NULL;
    if (t == &tr_list_type && n <= 8) {
        TrObject *items[8];
        size_t len = list_unpack(ts, seq, n, items);
        if (len == n) {
            for (size_t i = 0; i < n; i++) out[n - 1 - i] = sr_steal(items[i]);
            return 0;
        }
        unpack_len_error(ts, n, len);
        return -1;
    }
    if (t == &tr_list_type) {
        snap = list_as_tuple(ts, seq);   /* one consistent view of a shared list */
        if (!snap) return -1;
        seq = snap;
        t = &tr_tuple_type;
    }
    if (t == &tr_tuple_type) {
        size_t len = tuple_size(seq);
        if (len != n) {
            unpack_len_error(ts, n, len);
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
                                        TrObject *kwdefaults, TrObject *annotations, TrObject *closure) {
    TrCode *co = (TrCode *)code;
    TrObject *fo = function_new(ts, code, f->globals, co->qualname);
    if (!fo) return NULL;
    TrFunction *fn = (TrFunction *)fo;
    if (defaults && defaults != tr_none) fn->defaults = tr_newref(defaults);
    if (kwdefaults && kwdefaults != tr_none) fn->kwdefaults = tr_newref(kwdefaults);
    if (closure && closure != tr_none) fn->closure = tr_newref(closure);
    if (annotations) fn->annotations = tr_newref(annotations);
    if (f->builtins != fn->builtins) {
        TrObject *old = fn->builtins;
        fn->builtins = tr_newref(f->builtins);
        tr_xdecref(old);
    }
    return fo;
}

/* An interned name for the VM's own lookups, made once (racing makers
 * store the same immortal str).  NULL with MemoryError. */
static TrObject *vm_name(TrObject **cache, const char *s) {
    TrObject *n = atomic_load_objptr_relaxed(cache);
    if (!n && (n = str_intern_cstr(tr_thread_current(), s)) != NULL) atomic_store_ptr_relaxed(cache, n);
    return n;
}

/* BEFORE_WITH: *exit_out = bound __exit__, returns mgr.__enter__().  When
 * the type's __enter__ is a Python function or a builtin method (a lock, a
 * file, a class with the method), it is called with mgr as self directly,
 * without a bound method.  BEFORE_ASYNC_WITH (`async_`): the same with
 * __aenter__ and __aexit__. */
static NOINLINE TrObject *before_with(TrThread *ts, TrObject *mgr, TrObject **exit_out, int async_) {
    static TrObject *s_enter, *s_exit, *s_aenter, *s_aexit;
    TrObject *n_enter = async_ ? vm_name(&s_aenter, "__aenter__") : vm_name(&s_enter, "__enter__");
    TrObject *n_exit = async_ ? vm_name(&s_aexit, "__aexit__") : vm_name(&s_exit, "__exit__");
    const char *proto = async_ ? "asynchronous context manager" : "context manager";
    if (!n_enter || !n_exit) return NULL;
    /* `enter` is counted: unbound (call with mgr) when `direct`, else bound */
    TrObject *enter = NULL;
    int fr = tr_is_imm(mgr) ? 0 : type_lookup_ref(ts, tr_type(mgr), n_enter, &enter);
    if (fr < 0) return NULL;
    if (fr == 2) tr_incref(enter);   /* held across a call into Python: count it */
    int direct = fr > 0 && (tr_type(enter) == &tr_function_type || tr_type(enter) == &tr_method_descr_type);
    if (!direct) {
        if (fr > 0) tr_decref(enter);
        enter = tr_getattr(ts, mgr, n_enter);
        if (!enter) {
            if (err_matches(ts, &tr_exc_AttributeError)) {
                err_clear(ts);
                err_format(ts, &tr_exc_TypeError, "'%T' object does not support the %s protocol", mgr, proto);
            }
            return NULL;
        }
    }
    TrObject *exit = tr_getattr(ts, mgr, n_exit);
    if (!exit) {
        tr_decref(enter);
        if (err_matches(ts, &tr_exc_AttributeError)) {
            err_clear(ts);
            err_format(ts, &tr_exc_TypeError, "'%T' object does not support the %s protocol (missed %s method)", mgr,
                       proto, async_ ? "__aexit__" : "__exit__");
        }
        return NULL;
    }
    TrObject *r = direct ? tr_call(ts, enter, &mgr, 1, NULL) : tr_call(ts, enter, NULL, 0, NULL);
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
    case TR_FV_ASCII: cv = tr_ascii(ts, v); break;
    default: cv = tr_newref(v); break;
    }
    if (!cv) return NULL;
    if (tr_type(cv) == &tr_str_type && (!spec || str_nbytes(spec) == 0)) return cv;
    /* format(cv, spec), as CPython: an empty spec still calls a user __format__ */
    TrObject *r = tr_format(ts, cv, spec);
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

/* `from m import *` into namespace `ns`: the names of m.__all__ (each a
 * str), else every key of m's dict not starting with '_'.  0 or -1. */
static NOINLINE int import_star(TrThread *ts, TrObject *m, TrObject *ns) {
    TrObject *names = tr_getattr_cstr(ts, m, "__all__");
    int from_all = names != NULL;
    if (!names) {
        if (!err_matches(ts, &tr_exc_AttributeError)) return -1;
        err_clear(ts);
        TrObject *d = tr_getattr_cstr(ts, m, "__dict__");
        if (!d) {
            if (err_matches(ts, &tr_exc_AttributeError)) {
                err_clear(ts);
                err_set(ts, &tr_exc_ImportError, "from-import-* object has no __dict__ and no __all__");
            }
            return -1;
        }
        names = dict_check(d) ? dict_keys_list(ts, d) : list_from_iterable(ts, d);
        tr_decref(d);
        if (!names) return -1;
    }
    TrObject *it = tr_iter(ts, names), *name;
    int rc = it ? 0 : -1;
    while (rc == 0 && (name = tr_next(ts, it))) {
        if (!str_check(name)) {
            TrObject *mn = tr_getattr_cstr(ts, m, "__name__");
            if (!mn) err_clear(ts);
            err_format(ts, &tr_exc_TypeError, from_all ? "Item in %S.__all__ must be str, not %s"
                                                        : "Key in %S.__dict__ must be str, not %s",
                       mn ? mn : tr_none, tr_type_name(name));
            tr_xdecref(mn);
            rc = -1;
        } else if (from_all || str_utf8(name)[0] != '_') {
            TrObject *v = tr_getattr(ts, m, name);
            rc = v ? tr_setitem(ts, ns, name, v) : -1;
            tr_xdecref(v);
        }
        tr_decref(name);
    }
    if (rc == 0 && err_occurred(ts)) rc = -1;
    tr_xdecref(it);
    tr_decref(names);
    return rc;
}

static NOINLINE TrObject *import_from(TrThread *ts, TrObject *mod, TrObject *name) {
    TrObject *v = tr_getattr(ts, mod, name);
    if (v || !err_matches(ts, &tr_exc_AttributeError)) return v;
    err_clear(ts);
    TrObject *mname = tr_type(mod) == &tr_module_type ? ((TrModule *)mod)->name : NULL;
    /* `from pkg import sub`: a submodule not imported yet is imported now */
    TrObject *path = mname ? dict_get_cstr(ts, module_dict(mod), "__path__") : NULL;
    if (path) {
        tr_decref(path);
        TrObject *full = str_format(ts, "%S.%S", mname, name);
        TrObject *sub = full ? runtime_import(ts, full) : NULL;
        tr_xdecref(full);
        if (sub || !err_matches(ts, &tr_exc_ModuleNotFoundError)) return sub;
        err_clear(ts);
    } else if (err_occurred(ts)) {
        return NULL;
    }
    TrObject *file = mname ? dict_get_cstr(ts, module_dict(mod), "__file__") : NULL;
    if (file && str_check(file))
        err_format(ts, &tr_exc_ImportError, "cannot import name '%S' from '%S' (%S)", name, mname, file);
    else if (mname && str_check(mname))
        err_format(ts, &tr_exc_ImportError, "cannot import name '%S' from '%S' (unknown location)", name, mname);
    else
        err_format(ts, &tr_exc_ImportError, "cannot import name '%S'", name);
    tr_xdecref(file);
    return NULL;
}

static NOINLINE TrObject *binop_slow(TrThread *ts, int op, TrObject *a, TrObject *b) {
    if (tr_is_imm(a) && tr_is_imm(b) && (op & ~TR_BINOP_INPLACE) != TR_BINOP_MATMUL)
        return int_binop(ts, op & ~TR_BINOP_INPLACE, a, b);
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

/* x op y for the float fast path: 1 with *r set, 0 when the slow path must
 * decide (another operator, division by zero). */
static inline int binop_float(int op, double x, double y, double *r) {
    switch (op & ~TR_BINOP_INPLACE) {
    case TR_BINOP_ADD: *r = x + y; return 1;
    case TR_BINOP_SUB: *r = x - y; return 1;
    case TR_BINOP_MUL: *r = x * y; return 1;
    case TR_BINOP_TRUEDIV: if (y == 0.0) return 0; *r = x / y; return 1;
    case TR_BINOP_POW:
        /* a positive finite base: C's pow is float.__pow__, unless the
         * result overflows (OverflowError: the slow path says so) */
        if (!(x > 0.0 && isfinite(x) && isfinite(y))) return 0;
        *r = pow(x, y);
        return isfinite(*r);
    default: return 0;
    }
}

/* The double of a float fast-path operand (an exact float, or an immediate
 * int: converted as int.__float__ does, correctly rounded), or 0 if `o` is
 * neither. */
static inline int float_operand(TrObject *o, double *x) {
    if (tr_is_imm(o)) { *x = (double)tr_imm_value(o); return 1; }
    if (o->ob_type != &tr_float_type) return 0;
    *x = float_value(o);
    return 1;
}

/* 1 if the exact float behind OWNED stack ref `r` has no other reference at
 * all, so its value may be overwritten with a result: owned by this thread
 * with local count 1, no shared count, and not deferred (a deferred object may
 * have uncounted references). */
static inline int float_reusable(TrStackRef r, TrObject *o) {
    return sr_is_owned(r) && o->ob_type == &tr_float_type && atomic_load_u32_relaxed(&o->ob_ref_local) == 1 &&
           atomic_load_ssize_relaxed((const ssize_t *)&o->ob_ref_shared) == 0 && tr_owned_by_me(o) &&
           !(atomic_load_u16_relaxed(&o->ob_flags) & (TR_FLAG_DEFERRED | TR_FLAG_STATIC));
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
        if (ts->owed_mutex) lock_pay_owed(ts, 0);
    }
    return 0;
}

/* The race detector's check (threads/race.h) of the instruction of `f`
 * about to run, whose index and stack top are saved in `f->instr` and
 * `f->sp`: the attribute, item or global it reads or writes, taken where
 * the opcode will find its operands.  Only with -X race, from eval_loop's
 * race entries; kept out of eval_loop, whose code the detector leaves as it
 * is when off (no test per instruction: the dispatch table is patched). */
static NOINLINE void race_vm(TrThread *ts, TrFrame *f) {
    int i = f->instr;
    TrStackRef *sp = f->sp;
    TrInstr in = f->code->instrs[i];
    int op = TR_OP(in);
    size_t arg = (size_t)TR_ARG(in);
    if (i > 0 && TR_OP(f->code->instrs[i - 1]) == OP_EXTENDED_ARG)
        arg |= (size_t)TR_ARG(f->code->instrs[i - 1]) << 24;
    TrObject *name = arg < tuple_size(f->code->names) ? tuple_get(f->code->names, arg) : NULL;
    TrObject *ns = f->locals ? f->locals : f->globals;
    switch (op) {
    case OP_LOAD_GLOBAL: race_access(ts, f, i, RACE_GLOBAL | RACE_READ, f->globals, name); break;
    case OP_STORE_GLOBAL: case OP_DELETE_GLOBAL:
        race_access(ts, f, i, RACE_GLOBAL | RACE_WRITE, f->globals, name); break;
    case OP_LOAD_NAME: race_access(ts, f, i, RACE_GLOBAL | RACE_READ, ns, name); break;
    case OP_STORE_NAME: case OP_DELETE_NAME: race_access(ts, f, i, RACE_GLOBAL | RACE_WRITE, ns, name); break;
    case OP_LOAD_ATTR: case OP_LOAD_METHOD:
        race_access(ts, f, i, RACE_ATTR | RACE_READ, sr_obj(sp[-1]), name); break;
    case OP_STORE_ATTR: case OP_DELETE_ATTR:
        race_access(ts, f, i, RACE_ATTR | RACE_WRITE, sr_obj(sp[-1]), name); break;
    case OP_BINARY_SUBSCR: race_access(ts, f, i, RACE_ITEM | RACE_READ, sr_obj(sp[-2]), sr_obj(sp[-1])); break;
    case OP_STORE_SUBSCR: case OP_DELETE_SUBSCR:
        race_access(ts, f, i, RACE_ITEM | RACE_WRITE, sr_obj(sp[-2]), sr_obj(sp[-1])); break;
    default: break;
    }
}

/* ---- the interpreter loop ---------------------------------------------------- */

#define DISPATCH() do { instr = *ip++; oparg = TR_ARG(instr); goto *targets[TR_OP(instr)]; } while (0)
#define TARGET(op) L_##op:
#define PUSH(r) (*sp++ = (r))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define PEEK(n) (sp[-(n)])
#define INSTR_INDEX() ((int)(ip - co->instrs) - 1)
/* Before anything that may run other code or inspect frames. */
#define SAVE() (f->sp = sp, f->instr = INSTR_INDEX())
#define PERIODIC() do { \
        if (UNLIKELY(atomic_load_u32_relaxed(&ts->eval_breaker) != 0 || ++tls_ticks >= QSBR_TICKS)) { \
            SAVE(); \
            if (periodic(ts) < 0) goto error; \
        } \
    } while (0)
/* After a call that ran C code: a signal's handler (KeyboardInterrupt) runs
 * now, so its traceback names the call's line, as in CPython. */
#define ASYNC_CHECK() do { \
        if (UNLIKELY(atomic_load_u32_relaxed(&ts->eval_breaker) & TR_EB_ASYNC_EXC)) { \
            SAVE(); \
            if (periodic(ts) < 0) goto error; \
        } \
    } while (0)
/* Loads the registers of frame `f`, resuming at instruction `at` with stack top `top`. */
#define LOAD_FRAME(at, top) do { \
        co = f->code; \
        ip = co->instrs + (at); \
        locals = f->localsplus; \
        base = frame_stack_base(f); \
        sp = (top); \
        consts = ((TrTuple *)co->consts)->items; \
        names = ((TrTuple *)co->names)->items; \
    } while (0)
#define JUMP_TO(target) do { \
        int t_ = (target); \
        if (t_ <= INSTR_INDEX()) PERIODIC(); \
        ip = co->instrs + t_; \
    } while (0)

static TrObject *eval_loop(TrThread *ts, TrFrame *f, int mode, TrObject *value) {
#define TR_LABEL(name) [OP_##name] = &&L_##name,
    /* Written only by the race detector's patch below (main thread, before
     * any other thread runs), else read-only. */
    static void *targets[OP__COUNT] = { TR_OPCODES(TR_LABEL) };
#undef TR_LABEL
    static int race_patched;
    if (UNLIKELY(race_on) && !race_patched) {
        /* -X race: the opcodes that read or write an attribute, an item or a
         * global enter through race_entries, which checks the access and
         * goes on to the opcode.  Patched here, where the labels are known;
         * the first eval_loop runs on the main thread before any other
         * thread starts, so the table is not written while others read it.
         * With the detector off nothing at all runs per instruction. */
        targets[OP_LOAD_GLOBAL] = &&R_LOAD_GLOBAL;
        targets[OP_STORE_GLOBAL] = &&R_STORE_GLOBAL;
        targets[OP_DELETE_GLOBAL] = &&R_DELETE_GLOBAL;
        targets[OP_LOAD_NAME] = &&R_LOAD_NAME;
        targets[OP_STORE_NAME] = &&R_STORE_NAME;
        targets[OP_DELETE_NAME] = &&R_DELETE_NAME;
        targets[OP_LOAD_ATTR] = &&R_LOAD_ATTR;
        targets[OP_LOAD_METHOD] = &&R_LOAD_METHOD;
        targets[OP_STORE_ATTR] = &&R_STORE_ATTR;
        targets[OP_DELETE_ATTR] = &&R_DELETE_ATTR;
        targets[OP_BINARY_SUBSCR] = &&R_BINARY_SUBSCR;
        targets[OP_STORE_SUBSCR] = &&R_STORE_SUBSCR;
        targets[OP_DELETE_SUBSCR] = &&R_DELETE_SUBSCR;
        race_patched = 1;
    }
    TrCode *co = f->code;
    const TrInstr *ip = co->instrs;
    TrStackRef *locals = f->localsplus;
    TrStackRef *base = frame_stack_base(f);
    TrStackRef *sp = base;
    TrObject *const *consts = ((TrTuple *)co->consts)->items;
    TrObject *const *names = ((TrTuple *)co->names)->items;
    TrObject *retval = NULL;
    TrFrame *callee;          /* CALL's fast paths: the frame to run next (push_frame) */
    f->is_entry = 1;
    TrInstr instr;
    int oparg;

    /* An entry from C is also one level of the C recursion guard
     * (include/torii/recursion.h), as in CPython: Python code that C calls
     * (a __repr__, a sort key) and that calls C again is bounded by it even
     * under a huge sys.setrecursionlimit.  The C stack limit starts at
     * UINTPTR_MAX: the first entry on a thread computes it in
     * tr_cstack_exhausted (threads/cstack.c). */
    if (UNLIKELY(ts->recursion_depth >= ts->recursion_limit || tr_c_depth >= TR_C_RECURSION_LIMIT ||
                 tr_stack_pointer() < tr_cstack_limit) &&
        (ts->recursion_depth >= ts->recursion_limit || tr_c_depth >= TR_C_RECURSION_LIMIT ||
         tr_cstack_exhausted(tr_stack_pointer()))) {
        err_set(ts, &tr_exc_RecursionError, "maximum recursion depth exceeded");
        if (f->is_gen) {
            f->yielded = 1;    /* not started: the generator stays as it was */
            tr_xdecref(value);
            return NULL;
        }
        frame_clear_locals(f);
        frame_release(f);
        return NULL;
    }
    ts->recursion_depth++;
    tr_c_depth++;              /* undone where this entry frame returns or suspends */
    f->back = ts->frame;
    ts->frame = f;
    if (mode != VM_RESUME_FRESH) {
        /* a suspended generator: f->instr is the instruction that yielded */
        sp = f->sp;
        ip = co->instrs + f->instr + 1;
        if (mode == VM_RESUME_THROW) goto error;
        if (mode == VM_RESUME_SEND) {
            if (TR_OP(co->instrs[f->instr]) == OP_YIELD_FROM) ip--;   /* delegate again */
            PUSH(sr_steal(value));
        } else {                 /* VM_RESUME_YF_DONE: the delegation's result replaces the iterator */
            sr_close(sp[-1]);
            sp[-1] = sr_steal(value);
        }
    }
    PERIODIC();
    DISPATCH();

    TARGET(NOP) { DISPATCH(); }
    TARGET(POP_TOP) { sr_close(POP()); DISPATCH(); }
    TARGET(PUSH_NULL) { PUSH(TR_SR_NULL); DISPATCH(); }
    TARGET(COPY) { TrStackRef r = sr_dup(PEEK(oparg)); PUSH(r); DISPATCH(); }
    TARGET(SWAP) { TrStackRef t = TOP(); TOP() = PEEK(oparg); PEEK(oparg) = t; DISPATCH(); }
    TARGET(LOAD_CONST) { PUSH(sr_borrow(consts[oparg])); DISPATCH(); }
    TARGET(LOAD_FAST) {
        TrStackRef r = locals[oparg];
        if (UNLIKELY(sr_is_null(r))) { raise_unbound_local(ts, co, oparg); goto error; }
        PUSH(sr_dup(r));
        DISPATCH();
    }
    TARGET(STORE_FAST) {
        TrStackRef old = locals[oparg];
        locals[oparg] = POP();
        sr_close(old);
        DISPATCH();
    }
    TARGET(DELETE_FAST) {
        TrStackRef old = locals[oparg];
        if (sr_is_null(old)) { raise_unbound_local(ts, co, oparg); goto error; }
        locals[oparg] = TR_SR_NULL;
        SAVE();                /* `del x` may run a finalizer: it sees this line */
        sr_close(old);
        DISPATCH();
    }
    TARGET(LOAD_DEREF) {
        TrObject *cell = sr_obj(locals[co->nlocals + oparg]);
        TrObject *d = cell_peek_deferred(cell);
        if (LIKELY(d != NULL)) { PUSH(sr_borrow(d)); DISPATCH(); }
        TrObject *v = cell_get(ts, cell);
        if (UNLIKELY(!v)) { raise_unbound_deref(ts, co, oparg); goto error; }
        PUSH(sr_steal(v));
        DISPATCH();
    }
    TARGET(STORE_DEREF) {
        TrStackRef v = POP();
        cell_set(ts, sr_obj(locals[co->nlocals + oparg]), sr_obj(v));
        sr_close(v);
        DISPATCH();
    }
    TARGET(DELETE_DEREF) {
        TrObject *cell = sr_obj(locals[co->nlocals + oparg]);
        TrObject *v = cell_get(ts, cell);
        if (!v) { raise_unbound_deref(ts, co, oparg); goto error; }
        tr_decref(v);
        cell_set(ts, cell, NULL);
        DISPATCH();
    }
    TARGET(LOAD_CLOSURE) { PUSH(sr_dup(locals[co->nlocals + oparg])); DISPATCH(); }
    TARGET(LOAD_GLOBAL) {
        size_t idx = (size_t)INSTR_INDEX();
        CodeExtra *x = atomic_load_ptr_acquire((void *const *)&co->extra);
        TrObject *v;
        int counted;
        if (LIKELY(x != NULL) && global_cache_get(x, idx, f->globals, f->builtins, &v, &counted)) {
            if (counted) { tr_incref(v); PUSH(sr_steal(v)); }
            else PUSH(sr_borrow(v));
            DISPATCH();
        }
        TrStackRef r;
        if (load_global_slow(ts, f, idx, names[oparg], &r) < 0) goto error;
        PUSH(r);
        DISPATCH();
    }
    TARGET(STORE_GLOBAL) {
        TrStackRef v = POP();
        SAVE();                /* the value replaced may die here: its finalizer sees this line */
        int rc = dict_set(ts, f->globals, names[oparg], sr_obj(v));
        sr_close(v);
        if (rc < 0) goto error;
        DISPATCH();
    }
    TARGET(DELETE_GLOBAL) {
        SAVE();
        if (dict_del(ts, f->globals, names[oparg]) < 0) {
            if (err_matches(ts, &tr_exc_KeyError)) { err_clear(ts); raise_name_error(ts, names[oparg]); }
            goto error;
        }
        DISPATCH();
    }
    TARGET(LOAD_NAME) {
        TrStackRef r;
        SAVE();
        if (load_name(ts, f, names[oparg], &r) < 0) goto error;
        PUSH(r);
        DISPATCH();
    }
    TARGET(STORE_NAME) {
        TrStackRef v = POP();
        TrObject *ns = f->locals ? f->locals : f->globals;
        SAVE();
        int rc = tr_type(ns) == &tr_dict_type ? dict_set(ts, ns, names[oparg], sr_obj(v))
                                              : tr_setitem(ts, ns, names[oparg], sr_obj(v));
        sr_close(v);
        if (rc < 0) goto error;
        DISPATCH();
    }
    TARGET(DELETE_NAME) {
        TrObject *ns = f->locals ? f->locals : f->globals;
        SAVE();
        int rc = tr_type(ns) == &tr_dict_type ? dict_del(ts, ns, names[oparg]) : tr_delitem(ts, ns, names[oparg]);
        if (rc < 0) {
            if (err_matches(ts, &tr_exc_KeyError)) { err_clear(ts); raise_name_error(ts, names[oparg]); }
            goto error;
        }
        DISPATCH();
    }
    TARGET(LOAD_ATTR) {
        TrStackRef o = TOP(), r;
        TrObject *oo = sr_obj(o);
        size_t idx = (size_t)INSTR_INDEX();
        CodeExtra *x = atomic_load_ptr_acquire((void *const *)&co->extra);
        int meth = 0, c = 0;
        if (LIKELY(x != NULL)) c = attr_load_cached(ts, f, sp, x, idx, oo, names[oparg], &r, &meth);
        if (c < 0) goto error;
        if (c == 0) {
            SAVE();
            if (load_attr(ts, oo, names[oparg], &r) < 0) goto error;
            if (attr_site_cacheable(oo)) vm_attr_cache_fill(ts, co, idx, oo, names[oparg]);
        }
        sr_close(o);
        TOP() = r;
        DISPATCH();
    }
    TARGET(LOAD_METHOD) {
        TrStackRef o = TOP(), m;
        TrObject *oo = sr_obj(o);
        size_t idx = (size_t)INSTR_INDEX();
        CodeExtra *x = atomic_load_ptr_acquire((void *const *)&co->extra);
        int r = 0, c = 0;
        if (LIKELY(x != NULL)) c = attr_load_cached(ts, f, sp, x, idx, oo, names[oparg], &m, &r);
        if (c < 0) goto error;
        if (c == 0 && !tr_is_imm(oo) && oo->ob_type == &tr_super_type) {
            /* super().m(...): the function and the instance, no bound method */
            TrObject *fn, *self;
            SAVE();
            int sm = super_method(ts, oo, names[oparg], &fn, &self);
            if (sm < 0) goto error;
            if (sm > 0) {
                sr_close(o);
                TOP() = sr_from_get(sm, fn);
                PUSH(sr_steal(self));
                DISPATCH();
            }
        }
        if (c == 0) {
            SAVE();
            r = load_method(ts, oo, names[oparg], &m);
            if (r < 0) goto error;
            if (attr_site_cacheable(oo)) vm_attr_cache_fill(ts, co, idx, oo, names[oparg]);
        }
        if (r == 1) {
            TOP() = m;
            PUSH(o);          /* the receiver's ref moves to the self slot */
        } else {
            sr_close(o);
            TOP() = m;
            PUSH(TR_SR_NULL);
        }
        DISPATCH();
    }
    TARGET(STORE_ATTR) {
        TrStackRef o = POP(), v = POP();
        TrObject *oo = sr_obj(o);
        size_t idx = (size_t)INSTR_INDEX();
        CodeExtra *x = atomic_load_ptr_acquire((void *const *)&co->extra);
        int rc, c = 0;
        SAVE();
        if (LIKELY(x != NULL)) c = attr_store_cached(ts, x, idx, oo, names[oparg], sr_obj(v));
        if (c != 0) {
            rc = c < 0 ? -1 : 0;
        } else {
            rc = tr_setattr(ts, oo, names[oparg], sr_obj(v));
            if (rc == 0 && attr_site_cacheable(oo)) vm_attr_cache_fill(ts, co, idx, oo, names[oparg]);
        }
        sr_close(o);
        sr_close(v);
        if (rc < 0) goto error;
        DISPATCH();
    }
    TARGET(DELETE_ATTR) {
        TrStackRef o = POP();
        SAVE();
        int rc = tr_setattr(ts, sr_obj(o), names[oparg], NULL);
        sr_close(o);
        if (rc < 0) goto error;
        DISPATCH();
    }
    TARGET(BINARY_SUBSCR) {
        TrStackRef k = POP(), o = TOP();
        TrObject *ko = sr_obj(k), *oo = sr_obj(o), *v;
        TrType *ot = tr_type(oo);
        TrStackRef r;
        if (ot == &tr_list_type && tr_is_imm(ko)) {
            int g = list_get_ref(ts, oo, (ssize_t)tr_imm_value(ko), &v);
            if (g <= 0) {
                if (!err_occurred(ts)) err_set(ts, &tr_exc_IndexError, "list index out of range");
                PUSH(k);
                goto error;
            }
            r = sr_from_get(g, v);
        } else if (ot == &tr_dict_type) {
            int g = dict_get_ref(ts, oo, ko, &v);
            if (g <= 0) {
                if (g == 0) err_set_value(ts, &tr_exc_KeyError, ko);
                PUSH(k);
                goto error;
            }
            r = sr_from_get(g, v);
        } else if (ot == &tr_tuple_type && tr_is_imm(ko)) {
            int64_t i = tr_imm_value(ko), n = (int64_t)tuple_size(oo);
            if (i < 0) i += n;
            if (i < 0 || i >= n) {
                err_set(ts, &tr_exc_IndexError, "tuple index out of range");
                PUSH(k);
                goto error;
            }
            r = sr_from(tuple_get(oo, (size_t)i));
        } else {
            SAVE();
            v = subscr_slow(ts, oo, ko);
            if (!v) { PUSH(k); goto error; }
            r = sr_steal(v);
        }
        sr_close(k);
        sr_close(o);
        TOP() = r;
        DISPATCH();
    }
    TARGET(STORE_SUBSCR) {
        TrStackRef k = POP(), o = POP(), v = POP();
        TrObject *oo = sr_obj(o), *ko = sr_obj(k);
        int rc;
        SAVE();
        if (tr_type(oo) == &tr_list_type && tr_is_imm(ko)) {
            int64_t i = tr_imm_value(ko);
            if (i < 0) i += (int64_t)list_size(oo);
            rc = list_set(ts, oo, (ssize_t)i, sr_obj(v));
        } else if (tr_type(oo) == &tr_dict_type) {
            rc = dict_set(ts, oo, ko, sr_obj(v));
        } else {
            rc = tr_setitem(ts, oo, ko, sr_obj(v));
        }
        sr_close(k);
        sr_close(o);
        sr_close(v);
        if (rc < 0) goto error;
        DISPATCH();
    }
    TARGET(DELETE_SUBSCR) {
        TrStackRef k = POP(), o = POP();
        SAVE();
        int rc = tr_type(sr_obj(o)) == &tr_dict_type ? dict_del(ts, sr_obj(o), sr_obj(k))
                                                     : tr_delitem(ts, sr_obj(o), sr_obj(k));
        sr_close(k);
        sr_close(o);
        if (rc < 0) goto error;
        DISPATCH();
    }
    TARGET(BUILD_SLICE) {
        TrStackRef step = oparg == 3 ? POP() : TR_SR_NULL;
        TrStackRef stop = POP(), start = POP();
        TrObject *s = slice_new(ts, sr_obj(start), sr_obj(stop), sr_is_null(step) ? NULL : sr_obj(step));
        sr_close(start);
        sr_close(stop);
        sr_close(step);
        if (!s) goto error;
        PUSH(sr_steal(s));
        DISPATCH();
    }
    TARGET(BINARY_OP) {
        TrStackRef b = POP(), a = TOP();
        TrObject *ao = sr_obj(a), *bo = sr_obj(b), *r;
        if (tr_is_imm(ao) && tr_is_imm(bo) && (r = binop_imm(oparg, ao, bo)) != NULL) {
            TOP() = sr_steal(r);
            DISPATCH();
        }
        double x, y, v;
        if ((!tr_is_imm(ao) || !tr_is_imm(bo)) && float_operand(ao, &x) && float_operand(bo, &y) &&
            binop_float(oparg, x, y, &v)) {
            /* a temporary operand nobody else sees takes the result in place */
            if (float_reusable(a, ao)) {
                ((TrFloat *)ao)->value = v;
                sr_close(b);
                DISPATCH();
            }
            if (float_reusable(b, bo)) {
                ((TrFloat *)bo)->value = v;
                sr_close(a);
                TOP() = b;
                DISPATCH();
            }
            r = float_new(ts, v);
            if (!r) { SAVE(); PUSH(b); goto error; }
        } else {
            SAVE();
            r = binop_slow(ts, oparg, ao, bo);
            if (!r) { PUSH(b); goto error; }
        }
        sr_close(a);
        sr_close(b);
        TOP() = sr_steal(r);
        DISPATCH();
    }
    TARGET(UNARY_NEGATIVE) {
        TrStackRef a = TOP();
        TrObject *ao = sr_obj(a), *r;
        if (tr_is_imm(ao) && tr_imm_value(ao) != TR_IMM_MIN) {
            TOP() = sr_steal(tr_imm_from(-tr_imm_value(ao)));
            DISPATCH();
        }
        SAVE();
        r = tr_neg(ts, ao);
        if (!r) goto error;
        sr_close(a);
        TOP() = sr_steal(r);
        DISPATCH();
    }
    TARGET(UNARY_POSITIVE) {
        TrStackRef a = TOP();
        SAVE();
        TrObject *r = tr_pos(ts, sr_obj(a));
        if (!r) goto error;
        sr_close(a);
        TOP() = sr_steal(r);
        DISPATCH();
    }
    TARGET(UNARY_INVERT) {
        TrStackRef a = TOP();
        TrObject *ao = sr_obj(a), *r;
        if (tr_is_imm(ao)) {
            TOP() = sr_steal(tr_imm_from(~tr_imm_value(ao)));
            DISPATCH();
        }
        SAVE();
        r = tr_invert(ts, ao);
        if (!r) goto error;
        sr_close(a);
        TOP() = sr_steal(r);
        DISPATCH();
    }
    TARGET(UNARY_NOT) {
        TrStackRef a = TOP();
        SAVE();
        int t = truth(ts, sr_obj(a));
        if (t < 0) goto error;
        sr_close(a);
        TOP() = sr_borrow(tr_bool(!t));
        DISPATCH();
    }
    TARGET(COMPARE_OP) {
        TrStackRef b = POP(), a = TOP();
        TrObject *ao = sr_obj(a), *bo = sr_obj(b);
        if (tr_is_imm(ao) && tr_is_imm(bo)) {
            TOP() = sr_borrow(tr_bool(compare_i64(oparg, tr_imm_value(ao), tr_imm_value(bo))));
            DISPATCH();
        }
        SAVE();
        TrObject *r = tr_richcompare(ts, ao, bo, oparg);
        if (!r) { PUSH(b); goto error; }
        sr_close(a);
        sr_close(b);
        TOP() = sr_steal(r);
        DISPATCH();
    }
    TARGET(IS_OP) {
        TrStackRef b = POP(), a = TOP();
        int same = sr_obj(a) == sr_obj(b);
        sr_close(a);
        sr_close(b);
        TOP() = sr_borrow(tr_bool(same ^ oparg));
        DISPATCH();
    }
    TARGET(CONTAINS_OP) {
        TrStackRef b = POP(), a = TOP();
        SAVE();
        int r = tr_contains(ts, sr_obj(b), sr_obj(a));
        if (r < 0) { PUSH(b); goto error; }
        sr_close(a);
        sr_close(b);
        TOP() = sr_borrow(tr_bool(r ^ oparg));
        DISPATCH();
    }
    TARGET(BUILD_TUPLE) {
        TrObject *t = tuple_new(ts, (size_t)oparg);
        if (!t) goto error;
        sp -= oparg;
        for (int i = 0; i < oparg; i++) tuple_set_take(t, (size_t)i, sr_to_owned(sp[i]));
        PUSH(sr_steal(t));
        DISPATCH();
    }
    TARGET(BUILD_LIST) {
        TrObject *l = list_new(ts, (size_t)oparg);
        if (!l) goto error;
        sp -= oparg;
        int rc = 0;
        for (int i = 0; i < oparg; i++) {
            if (rc == 0) rc = list_append_take(ts, l, sr_to_owned(sp[i]));
            else sr_close(sp[i]);
        }
        if (rc < 0) { tr_decref(l); goto error; }
        PUSH(sr_steal(l));
        DISPATCH();
    }
    TARGET(BUILD_SET) {
        SAVE();
        TrObject *s = build_set(ts, f, sp - oparg, (size_t)oparg);
        if (!s) goto error;
        for (int i = 0; i < oparg; i++) sr_close(POP());
        PUSH(sr_steal(s));
        DISPATCH();
    }
    TARGET(BUILD_MAP) {
        TrObject *d = dict_new(ts);
        if (!d) goto error;
        SAVE();
        TrStackRef *items = sp - 2 * oparg;
        for (int i = 0; i < oparg; i++) {
            if (dict_set(ts, d, sr_obj(items[2 * i]), sr_obj(items[2 * i + 1])) < 0) {
                tr_decref(d);
                goto error;
            }
        }
        for (int i = 0; i < 2 * oparg; i++) sr_close(POP());
        PUSH(sr_steal(d));
        DISPATCH();
    }
    TARGET(BUILD_STRING) {
        TrObject *s = build_string(ts, sp - oparg, (size_t)oparg);
        if (!s) goto error;
        for (int i = 0; i < oparg; i++) sr_close(POP());
        PUSH(sr_steal(s));
        DISPATCH();
    }
    TARGET(LIST_APPEND) {
        TrStackRef v = POP();
        if (list_append_take(ts, sr_obj(PEEK(oparg)), sr_to_owned(v)) < 0) goto error;
        DISPATCH();
    }
    TARGET(SET_ADD) {
        TrStackRef v = POP();
        SAVE();
        int rc = call_method1(ts, sr_obj(PEEK(oparg)), "add", sr_obj(v));
        sr_close(v);
        if (rc < 0) goto error;
        DISPATCH();
    }
    TARGET(MAP_ADD) {
        TrStackRef v = POP(), k = POP();
        SAVE();
        int rc = dict_set(ts, sr_obj(PEEK(oparg)), sr_obj(k), sr_obj(v));
        sr_close(k);
        sr_close(v);
        if (rc < 0) goto error;
        DISPATCH();
    }
    TARGET(LIST_EXTEND) {
        TrStackRef v = POP();
        SAVE();
        int rc = list_extend_checked(ts, sr_obj(PEEK(oparg)), sr_obj(v));
        sr_close(v);
        if (rc < 0) goto error;
        DISPATCH();
    }
    TARGET(SET_UPDATE) {
        TrStackRef v = POP();
        SAVE();
        int rc = call_method1(ts, sr_obj(PEEK(oparg)), "update", sr_obj(v));
        sr_close(v);
        if (rc < 0) goto error;
        DISPATCH();
    }
    TARGET(DICT_UPDATE) {
        TrStackRef v = POP();
        SAVE();
        TrObject *m = sr_obj(v);
        int rc;
        if (!dict_check(m) && !tr_type(m)->getitem) {
            err_format(ts, &tr_exc_TypeError, "'%T' object is not a mapping", m);
            rc = -1;
        } else {
            rc = dict_update(ts, sr_obj(PEEK(oparg)), m);
        }
        sr_close(v);
        if (rc < 0) goto error;
        DISPATCH();
    }
    TARGET(DICT_MERGE) {
        TrStackRef v = POP();
        SAVE();
        TrObject *callable = (sp - (oparg + 3) >= base) ? sr_obj(PEEK(oparg + 3)) : tr_none;
        int rc = call_dict_merge(ts, sr_obj(PEEK(oparg)), sr_obj(v), callable);
        sr_close(v);
        if (rc < 0) goto error;
        DISPATCH();
    }
    TARGET(LIST_TO_TUPLE) {
        TrStackRef l = TOP();
        TrObject *t = list_as_tuple(ts, sr_obj(l));
        if (!t) goto error;
        sr_close(l);
        TOP() = sr_steal(t);
        DISPATCH();
    }
    TARGET(FORMAT_VALUE) {
        TrStackRef spec = (oparg & TR_FV_HAVE_SPEC) ? POP() : TR_SR_NULL;
        TrStackRef v = TOP();
        SAVE();
        TrObject *r = format_value(ts, f, sr_obj(v), oparg, sr_is_null(spec) ? NULL : sr_obj(spec));
        sr_close(spec);
        if (!r) goto error;
        sr_close(v);
        TOP() = sr_steal(r);
        DISPATCH();
    }
    TARGET(UNPACK_SEQUENCE) {
        TrStackRef s = POP();
        TrObject *so = sr_obj(s);
        if (tr_type(so) == &tr_tuple_type && tuple_size(so) == (size_t)oparg) {
            for (int i = oparg - 1; i >= 0; i--) PUSH(sr_from(tuple_get(so, (size_t)i)));
        } else {
            SAVE();
            if (unpack_sequence(ts, so, (size_t)oparg, sp) < 0) { sr_close(s); goto error; }
            sp += oparg;
        }
        sr_close(s);
        DISPATCH();
    }
    TARGET(UNPACK_EX) {
        TrStackRef s = POP();
        size_t before = (size_t)(oparg & 0xff), after = (size_t)(oparg >> 8);
        SAVE();
        if (unpack_ex(ts, sr_obj(s), before, after, sp) < 0) { sr_close(s); goto error; }
        sp += before + 1 + after;
        sr_close(s);
        DISPATCH();
    }
    TARGET(GET_ITER) {
        TrStackRef o = TOP();
        SAVE();
        TrObject *it = tr_iter(ts, sr_obj(o));
        if (!it) goto error;
        sr_close(o);
        TOP() = sr_steal(it);
        DISPATCH();
    }
    TARGET(FOR_ITER) {
        TrObject *it = sr_obj(TOP());
        tr_unaryfunc next = tr_type(it)->iternext;
        SAVE();
        TrObject *v = next ? next(ts, it) : tr_next(ts, it);
        if (LIKELY(v != NULL)) {
            PUSH(sr_steal(v));
            DISPATCH();
        }
        if (UNLIKELY(ts->exc != NULL)) {
            if (!err_matches(ts, &tr_exc_StopIteration)) goto error;
            err_clear(ts);
        }
        sr_close(POP());
        JUMP_TO(oparg);
        DISPATCH();
    }
    TARGET(JUMP) { JUMP_TO(oparg); DISPATCH(); }
    TARGET(POP_JUMP_IF_FALSE) {
        TrStackRef v = POP();
        TrObject *o = sr_obj(v);
        int t;
        if (o == tr_false) t = 0;
        else if (o == tr_true) t = 1;
        else {
            SAVE();
            t = truth(ts, o);
            sr_close(v);
            if (t < 0) goto error;
        }
        if (!t) JUMP_TO(oparg);
        DISPATCH();
    }
    TARGET(POP_JUMP_IF_TRUE) {
        TrStackRef v = POP();
        TrObject *o = sr_obj(v);
        int t;
        if (o == tr_false) t = 0;
        else if (o == tr_true) t = 1;
        else {
            SAVE();
            t = truth(ts, o);
            sr_close(v);
            if (t < 0) goto error;
        }
        if (t) JUMP_TO(oparg);
        DISPATCH();
    }
    TARGET(JUMP_IF_FALSE_OR_POP) {
        SAVE();
        int t = truth(ts, sr_obj(TOP()));
        if (t < 0) goto error;
        if (!t) JUMP_TO(oparg);
        else sr_close(POP());
        DISPATCH();
    }
    TARGET(JUMP_IF_TRUE_OR_POP) {
        SAVE();
        int t = truth(ts, sr_obj(TOP()));
        if (t < 0) goto error;
        if (t) JUMP_TO(oparg);
        else sr_close(POP());
        DISPATCH();
    }
    TARGET(POP_JUMP_IF_NONE) {
        TrStackRef v = POP();
        int is_none = sr_obj(v) == tr_none;
        sr_close(v);
        if (is_none) JUMP_TO(oparg);
        DISPATCH();
    }
    TARGET(POP_JUMP_IF_NOT_NONE) {
        TrStackRef v = POP();
        int is_none = sr_obj(v) == tr_none;
        sr_close(v);
        if (!is_none) JUMP_TO(oparg);
        DISPATCH();
    }
    TARGET(CALL) {
        TrStackRef *slot = sp - oparg - 2;
        TrObject *callable = sr_obj(slot[0]);
        TrType *ct = tr_type(callable);
        SAVE();
        if (UNLIKELY(ct == &tr_method_type) && sr_is_null(slot[1]) &&
            tr_type(((TrMethod *)callable)->func) == &tr_function_type) {
            /* a bound method: unpack it into [func, self] (no tuple, no binding) */
            TrMethod *bm = (TrMethod *)callable;
            TrStackRef old = slot[0];
            callable = bm->func;
            slot[1] = sr_from(bm->self);
            slot[0] = sr_from(callable);
            sr_close(old);                 /* the stack's refs keep func and self */
            ct = &tr_function_type;
        }
        if (ct == &tr_function_type) {
            TrFunction *fn = (TrFunction *)callable;
            TrCode *fco = (TrCode *)fn->code;
            int has_self = !sr_is_null(slot[1]);
            int n = oparg + has_self;
            if (n == fco->argcount && fco->kwonlyargcount == 0 &&
                !(fco->flags & (TR_CO_VARARGS | TR_CO_VARKW | TR_CO_GENERATOR))) {
                /* exact positional call: move the refs into the callee's locals */
                TrFrame *nf = frame_alloc_raw(ts, fco);
                if (!nf) goto error;
                TrStackRef *args = slot + 2 - has_self;
                for (int i = 0; i < n; i++) nf->localsplus[i] = args[i];
                sp = slot + 1;
                nf->func = callable;
                nf->globals = fn->globals;
                nf->builtins = fn->builtins;
                int i = n, nz = fco->nlocals + fco->ncells + fco->nfrees;
                for (; i < nz; i++) nf->localsplus[i] = TR_SR_NULL;
                if (UNLIKELY(fco->ncells | fco->nfrees)) {
                    f->sp = sp;
                    if (frame_setup_cells(ts, nf, fn->closure) < 0) {
                        frame_clear_locals(nf);
                        frame_release(nf);
                        goto error;
                    }
                }
                callee = nf;
                goto push_frame;
            }
        } else if (ct == &tr_type_type && sr_is_null(slot[1]) &&
                   (((TrType *)callable)->flags & TR_TPFLAG_HEAPTYPE)) {
            /* instantiating a plain class (see vm_init_cache_fill): allocate the
             * instance and run its __init__ in this loop; the self slot keeps
             * the instance for the result */
            TrType *cls = (TrType *)callable;
            size_t idx = (size_t)INSTR_INDEX();
            CodeExtra *x = atomic_load_ptr_acquire((void *const *)&co->extra);
            TrObject *init = x ? init_cached(x, idx, cls) : NULL;
            if (!init) init = vm_init_cache_fill(ts, co, idx, cls);
            TrFunction *fn = (TrFunction *)init;
            TrCode *fco = init ? (TrCode *)fn->code : NULL;
            if (fco && oparg + 1 == fco->argcount && fco->kwonlyargcount == 0 &&
                !(fco->flags & (TR_CO_VARARGS | TR_CO_VARKW | TR_CO_GENERATOR))) {
                TrObject *obj = tr_alloc(ts, cls);
                if (!obj) goto error;
                TrFrame *nf = frame_alloc_raw(ts, fco);
                if (!nf) { tr_decref(obj); goto error; }
                tr_incref(obj);                    /* one count for self, one for the slot */
                slot[1] = sr_steal(obj);
                nf->localsplus[0] = sr_steal(obj);
                for (int i = 0; i < oparg; i++) nf->localsplus[1 + i] = slot[2 + i];
                sp = slot + 2;
                nf->is_init = 1;
                /* `init` is deferred: the frame's `func`, which reclaim passes
                 * scan, keeps it alive even if the class drops it meanwhile */
                nf->func = init;
                nf->globals = fn->globals;
                nf->builtins = fn->builtins;
                int i = oparg + 1, nz = fco->nlocals + fco->ncells + fco->nfrees;
                for (; i < nz; i++) nf->localsplus[i] = TR_SR_NULL;
                if (UNLIKELY(fco->ncells | fco->nfrees)) {
                    f->sp = sp;
                    if (frame_setup_cells(ts, nf, fn->closure) < 0) {
                        frame_clear_locals(nf);
                        frame_release(nf);
                        goto error;
                    }
                }
                callee = nf;
                goto push_frame;
            }
        }
        if (ct == &tr_cfunction_type || (ct == &tr_method_descr_type && !sr_is_null(slot[1]))) {
            int has_self = !sr_is_null(slot[1]);
            size_t total = (size_t)oparg + (size_t)has_self;
            if (total <= 8) {
                /* a builtin: call it straight from the stack's words */
                TrObject *av[8];
                TrStackRef *a = slot + 2 - has_self;
                for (size_t i = 0; i < total; i++) av[i] = sr_obj(a[i]);
                TrObject *res;
                if (ct == &tr_cfunction_type) {
                    TrCFunction *cf = (TrCFunction *)callable;
                    res = cf->fn(ts, cf->self, av, total, NULL);
                } else {
                    /* LOAD_METHOD found a builtin method: call it without binding */
                    res = ((TrMethodDescr *)callable)->def->fn(ts, av[0], av + 1, total - 1, NULL);
                }
                for (int i = 0; i < oparg + 2; i++) sr_close(slot[i]);
                sp = slot;
                if (!res) goto error;
                PUSH(sr_steal(res));
                ASYNC_CHECK();
                DISPATCH();
            }
        }
        TrObject *res = call_stack(ts, slot, (size_t)oparg, NULL);
        sp = slot;
        if (!res) goto error;
        PUSH(sr_steal(res));
        ASYNC_CHECK();
        DISPATCH();
    }
    push_frame:
        /* CALL's fast paths: run `callee` (set up; the caller's stack ends at
         * `sp`) in this same C frame: no C recursion */
        f->sp = sp;
        if (UNLIKELY(ts->recursion_depth >= ts->recursion_limit)) {
            err_set(ts, &tr_exc_RecursionError, "maximum recursion depth exceeded");
            frame_clear_locals(callee);
            frame_release(callee);
            goto error;
        }
        ts->recursion_depth++;
        callee->is_entry = 0;
        callee->back = f;
        ts->frame = callee;
        f = callee;
        LOAD_FRAME(0, frame_stack_base(f));
        PERIODIC();
        DISPATCH();
    TARGET(CALL_KW) {
        TrStackRef kw = POP();
        TrStackRef *slot = sp - oparg - 2;
        SAVE();
        TrObject *res = call_stack(ts, slot, (size_t)oparg, sr_obj(kw));
        sp = slot;
        sr_close(kw);
        if (!res) goto error;
        PUSH(sr_steal(res));
        ASYNC_CHECK();
        DISPATCH();
    }
    TARGET(CALL_EX) {
        TrStackRef *slot = sp - 3 - (oparg & 1);
        SAVE();
        TrObject *res = call_ex(ts, slot, oparg & 1);
        sp = slot;
        if (!res) goto error;
        PUSH(sr_steal(res));
        ASYNC_CHECK();
        DISPATCH();
    }
    TARGET(MAKE_FUNCTION) {
        TrStackRef code = POP();
        TrStackRef closure = (oparg & TR_MF_CLOSURE) ? POP() : TR_SR_NULL;
        TrStackRef annotations = (oparg & TR_MF_ANNOTATIONS) ? POP() : TR_SR_NULL;
        TrStackRef kwdefaults = (oparg & TR_MF_KWDEFAULTS) ? POP() : TR_SR_NULL;
        TrStackRef defaults = (oparg & TR_MF_DEFAULTS) ? POP() : TR_SR_NULL;
        TrObject *fo = make_function(ts, f, sr_obj(code),
                                     sr_is_null(defaults) ? NULL : sr_obj(defaults),
                                     sr_is_null(kwdefaults) ? NULL : sr_obj(kwdefaults),
                                     sr_is_null(annotations) ? NULL : sr_obj(annotations),
                                     sr_is_null(closure) ? NULL : sr_obj(closure));
        sr_close(code);
        sr_close(closure);
        sr_close(annotations);
        sr_close(kwdefaults);
        sr_close(defaults);
        if (!fo) goto error;
        PUSH(sr_steal(fo));
        DISPATCH();
    }
    TARGET(RETURN_VALUE) {
        retval = sr_to_owned(POP());
        goto exit_frame;
    }
    TARGET(RAISE_VARARGS) {
        SAVE();
        if (oparg == 0) {
            TrObject *h = ts->handled_exc;
            if (!h || h == tr_none) {
                err_set(ts, &tr_exc_RuntimeError, "No active exception to reraise");
                goto error;
            }
            err_restore(ts, tr_newref(h));
            goto unwind;      /* a bare raise keeps the traceback it has */
        }
        TrStackRef cause = oparg == 2 ? POP() : TR_SR_NULL;
        TrStackRef exc = POP();
        do_raise(ts, sr_obj(exc), sr_is_null(cause) ? NULL : sr_obj(cause));
        sr_close(exc);
        sr_close(cause);
        goto error;
    }
    TARGET(SETUP_FINALLY) {
        if (UNLIKELY(f->nblocks >= TR_MAX_BLOCKS)) {
            err_set(ts, &tr_exc_RuntimeError, "too many statically nested blocks");
            goto error;
        }
        f->blocks[f->nblocks++] = (TrBlock){TR_BLOCK_FINALLY, oparg, (int)(sp - base)};
        DISPATCH();
    }
    TARGET(POP_BLOCK) { f->nblocks--; DISPATCH(); }
    TARGET(POP_EXCEPT) {
        f->nblocks--;
        restore_handled(ts, POP());
        DISPATCH();
    }
    TARGET(RERAISE) {
        TrStackRef e = POP();
        err_restore(ts, sr_to_owned(e));
        SAVE();
        goto unwind;
    }
    TARGET(CHECK_EXC_MATCH) {
        TrStackRef t = POP();
        SAVE();
        int r = exc_match(ts, sr_obj(TOP()), sr_obj(t));
        sr_close(t);
        if (r < 0) goto error;
        PUSH(sr_borrow(tr_bool(r)));
        DISPATCH();
    }
    TARGET(CHECK_EG_MATCH) {
        TrStackRef t = POP(), rest = TOP();
        TrObject *match, *left;
        SAVE();
        int r = excgroup_match(ts, sr_obj(rest), sr_obj(t), &match, &left);
        sr_close(t);
        if (r < 0) goto error;
        sr_close(rest);
        TOP() = sr_steal(left);
        if (match != tr_none) {
            /* the clause runs with its match as the handled exception
             * (sys.exception()); POP_EXCEPT at the end restores the saved one */
            TrObject *old = ts->handled_exc;
            ts->handled_exc = tr_newref(match);
            tr_xdecref(old);
        }
        PUSH(sr_steal(match));
        DISPATCH();
    }
    TARGET(PREP_RERAISE_STAR) {
        TrStackRef raised = POP(), orig = TOP();
        SAVE();
        TrObject *r = excgroup_prep_reraise(ts, sr_obj(orig), sr_obj(raised));
        sr_close(raised);
        if (!r) goto error;
        sr_close(orig);
        TOP() = sr_steal(r);
        DISPATCH();
    }
    TARGET(LOAD_ASSERTION_ERROR) { PUSH(sr_borrow((TrObject *)&tr_exc_AssertionError)); DISPATCH(); }
    TARGET(BEFORE_WITH) {
        TrStackRef mgr = TOP();
        TrObject *exit = NULL;
        SAVE();
        TrObject *r = before_with(ts, sr_obj(mgr), &exit, 0);
        if (!r) goto error;
        sr_close(mgr);
        TOP() = sr_steal(exit);
        PUSH(sr_steal(r));
        DISPATCH();
    }
    TARGET(BEFORE_ASYNC_WITH) {
        TrStackRef mgr = TOP();
        TrObject *exit = NULL;
        SAVE();
        TrObject *r = before_with(ts, sr_obj(mgr), &exit, 1);
        if (!r) goto error;
        sr_close(mgr);
        TOP() = sr_steal(exit);
        PUSH(sr_steal(r));
        DISPATCH();
    }
    TARGET(WITH_EXCEPT_START) {
        TrObject *exit = sr_obj(PEEK(3)), *exc = sr_obj(PEEK(1));
        TrObject *args[3] = {(TrObject *)tr_type(exc), exc, tr_none};
        SAVE();
        TrObject *r = tr_call(ts, exit, args, 3, NULL);
        if (!r) goto error;
        PUSH(sr_steal(r));
        DISPATCH();
    }
    TARGET(IMPORT_NAME) {
        SAVE();
        TrObject *absname = vm_import_resolve(ts, f->globals, names[oparg]);
        TrObject *m = absname ? runtime_import(ts, absname) : NULL;
        tr_xdecref(absname);
        if (!m) goto error;
        PUSH(sr_steal(m));
        DISPATCH();
    }
    TARGET(IMPORT_FROM) {
        SAVE();
        TrObject *v = import_from(ts, sr_obj(TOP()), names[oparg]);
        if (!v) goto error;
        PUSH(sr_steal(v));
        DISPATCH();
    }
    TARGET(IMPORT_STAR) {
        SAVE();
        TrStackRef m = POP();
        int r = import_star(ts, sr_obj(m), f->locals ? f->locals : f->globals);
        sr_close(m);
        if (r < 0) goto error;
        DISPATCH();
    }
    TARGET(LOAD_BUILD_CLASS) {
        TrObject *bc = dict_get_cstr(ts, f->builtins, "__build_class__");
        if (!bc) {
            if (!err_occurred(ts)) err_set(ts, &tr_exc_NameError, "__build_class__ not found");
            goto error;
        }
        PUSH(sr_steal(bc));
        DISPATCH();
    }
    TARGET(YIELD_VALUE) {
        retval = sr_to_owned(POP());
        f->instr = INSTR_INDEX();
        goto suspend;
    }
    TARGET(YIELD_FROM) {
        TrStackRef v = POP();
        SAVE();
        TrObject *out = NULL;
        int r = gen_yf_send(ts, sr_obj(TOP()), sr_obj(v), &out);
        sr_close(v);
        if (r < 0) goto error;
        if (r == 1) {            /* the delegate yielded: pass it up, run YIELD_FROM again on resume */
            retval = out;
            f->instr = INSTR_INDEX();
            goto suspend;
        }
        sr_close(TOP());
        TOP() = sr_steal(out);
        DISPATCH();
    }
    TARGET(GET_AWAITABLE) {
        TrStackRef o = TOP();
        SAVE();
        TrObject *it = coro_get_awaitable(ts, sr_obj(o), oparg);
        if (!it) goto error;
        sr_close(o);
        TOP() = sr_steal(it);
        DISPATCH();
    }
    TARGET(GET_AITER) {
        TrStackRef o = TOP();
        SAVE();
        TrObject *it = asyncgen_get_aiter(ts, sr_obj(o));
        if (!it) goto error;
        sr_close(o);
        TOP() = sr_steal(it);
        DISPATCH();
    }
    TARGET(GET_ANEXT) {
        SAVE();
        TrObject *aw = asyncgen_get_anext(ts, sr_obj(TOP()));
        if (!aw) goto error;
        PUSH(sr_steal(aw));
        DISPATCH();
    }
    TARGET(END_ASYNC_FOR) {
        TrStackRef e = POP();
        if (!tr_isinstance(sr_obj(e), &tr_exc_StopAsyncIteration)) {
            err_restore(ts, sr_to_owned(e));
            SAVE();
            goto unwind;
        }
        sr_close(e);
        f->nblocks--;                 /* the EXCEPT_HANDLER block */
        restore_handled(ts, POP());
        sr_close(POP());              /* the async iterator */
        DISPATCH();
    }
    TARGET(ASYNC_GEN_WRAP) {
        TrStackRef v = TOP();
        TrObject *w = asyncgen_wrap(ts, sr_obj(v));
        if (!w) goto error;
        sr_close(v);
        TOP() = sr_steal(w);
        DISPATCH();
    }
    TARGET(GET_LEN) {
        SAVE();
        ssize_t n = tr_len(ts, sr_obj(TOP()));
        if (n < 0) goto error;
        TrObject *r = int_from_i64(ts, (int64_t)n);
        if (!r) goto error;
        PUSH(sr_steal(r));
        DISPATCH();
    }
    TARGET(MATCH_SEQUENCE) {
        SAVE();
        int r = match_is_sequence(ts, sr_obj(TOP()));
        if (r < 0) goto error;
        PUSH(sr_borrow(tr_bool(r)));
        DISPATCH();
    }
    TARGET(MATCH_MAPPING) {
        SAVE();
        int r = match_is_mapping(ts, sr_obj(TOP()));
        if (r < 0) goto error;
        PUSH(sr_borrow(tr_bool(r)));
        DISPATCH();
    }
    TARGET(MATCH_KEYS) {
        SAVE();
        TrObject *r = match_keys(ts, sr_obj(PEEK(2)), sr_obj(TOP()));
        if (!r) goto error;
        PUSH(sr_steal(r));
        DISPATCH();
    }
    TARGET(MATCH_CLASS) {
        TrStackRef names = POP(), cls = POP(), subj = TOP();
        SAVE();
        TrObject *r = match_class(ts, sr_obj(subj), sr_obj(cls), oparg, sr_obj(names));
        sr_close(names);
        sr_close(cls);
        if (!r) goto error;
        sr_close(subj);
        TOP() = sr_steal(r);
        DISPATCH();
    }
    TARGET(EXTENDED_ARG) {
        int hi = oparg;
        instr = *ip++;
        oparg = (hi << 24) | TR_ARG(instr);
        goto *targets[TR_OP(instr)];
    }

    /* race_entries: the detector's check (see the patch at the top), then
     * the opcode itself. */
    R_LOAD_GLOBAL: SAVE(); race_vm(ts, f); goto L_LOAD_GLOBAL;
    R_STORE_GLOBAL: SAVE(); race_vm(ts, f); goto L_STORE_GLOBAL;
    R_DELETE_GLOBAL: SAVE(); race_vm(ts, f); goto L_DELETE_GLOBAL;
    R_LOAD_NAME: SAVE(); race_vm(ts, f); goto L_LOAD_NAME;
    R_STORE_NAME: SAVE(); race_vm(ts, f); goto L_STORE_NAME;
    R_DELETE_NAME: SAVE(); race_vm(ts, f); goto L_DELETE_NAME;
    R_LOAD_ATTR: SAVE(); race_vm(ts, f); goto L_LOAD_ATTR;
    R_LOAD_METHOD: SAVE(); race_vm(ts, f); goto L_LOAD_METHOD;
    R_STORE_ATTR: SAVE(); race_vm(ts, f); goto L_STORE_ATTR;
    R_DELETE_ATTR: SAVE(); race_vm(ts, f); goto L_DELETE_ATTR;
    R_BINARY_SUBSCR: SAVE(); race_vm(ts, f); goto L_BINARY_SUBSCR;
    R_STORE_SUBSCR: SAVE(); race_vm(ts, f); goto L_STORE_SUBSCR;
    R_DELETE_SUBSCR: SAVE(); race_vm(ts, f); goto L_DELETE_SUBSCR;

error:
    f->instr = INSTR_INDEX();
    if (UNLIKELY(ts->exc == NULL))
        err_set(ts, &tr_exc_RuntimeError, "error return without exception set");
    {
        TrObject *exc = ts->exc;
        /* relaxed: a shared exception may be gaining entries in another
         * thread (under its lock, exc_add_traceback); only zero matters */
        if (atomic_load_size_relaxed(&((TrExc *)exc)->tb_len) == 0) set_context(ts, exc);
        exc_add_traceback(ts, exc, (TrObject *)co, f->instr);
    }
unwind:
    while (f->nblocks > 0) {
        TrBlock b = f->blocks[--f->nblocks];
        if (b.type == TR_BLOCK_EXCEPT_HANDLER) {
            while (sp > base + b.level + 1) sr_close(POP());
            restore_handled(ts, POP());
            continue;
        }
        while (sp > base + b.level) sr_close(POP());
        f->blocks[f->nblocks++] = (TrBlock){TR_BLOCK_EXCEPT_HANDLER, 0, (int)(sp - base)};
        TrObject *prev = ts->handled_exc;
        PUSH(prev ? sr_steal(prev) : sr_borrow(tr_none));
        TrObject *exc = err_fetch(ts);
        ts->handled_exc = tr_newref(exc);
        PUSH(sr_steal(exc));
        ip = co->instrs + b.handler;
        DISPATCH();
    }
    retval = NULL;

exit_frame:
    /* a return from inside a handler: restore what each handler saved */
    while (f->nblocks > 0) {
        TrBlock b = f->blocks[--f->nblocks];
        if (b.type == TR_BLOCK_EXCEPT_HANDLER && base + b.level < sp) {
            restore_handled(ts, base[b.level]);
            base[b.level] = TR_SR_NULL;
        }
    }
    while (sp > base) sr_close(POP());
    /* unlink first: a __del__ run by releasing a local sees the caller as
     * the current frame, as in CPython, and never this half-cleared one */
    ts->frame = f->back;
    frame_clear_locals(f);
    ts->recursion_depth--;
    if (f->is_gen) {
        f->yielded = 0;
        f->sp = base;
        tr_c_depth--;
        return retval;
    }
    {
        TrFrame *caller = f->back;
        int entry = f->is_entry, init = f->is_init;
        frame_release(f);
        if (entry) {
            tr_c_depth--;
            return retval;
        }
        /* back to the caller's CALL: its callable slot is still on the stack */
        f = caller;
        LOAD_FRAME(f->instr + 1, f->sp);
        if (UNLIKELY(init)) {
            /* an __init__ from the instantiation fast path: the instance in
             * the self slot is the call's result */
            TrStackRef self = POP();
            if (retval && retval != tr_none) {
                err_format(ts, &tr_exc_TypeError, "__init__() should return None, not '%s'",
                           tr_type_name(retval));
                tr_decref(retval);
                retval = NULL;
            }
            if (retval) retval = sr_to_owned(self);   /* None needs no release: immortal */
            else sr_close(self);
        }
    }
    sr_close(POP());
    if (!retval) goto error;
    PUSH(sr_steal(retval));
    DISPATCH();

suspend:
    /* a generator frame yields `retval`; it is always an entry frame */
    f->sp = sp;
    frame_own_refs(f, sp);
    f->yielded = 1;
    ts->frame = f->back;
    ts->recursion_depth--;
    tr_c_depth--;
    return retval;
}

/* ---- entry points ------------------------------------------------------------ */

TrObject *vm_run_code(TrThread *ts, TrObject *code, TrObject *globals, TrObject *locals) {
    TrCode *co = (TrCode *)code;
    TrFrame *f = frame_alloc(ts, co);
    if (!f) return NULL;
    f->globals = globals;
    f->builtins = tr_runtime.builtins_dict;
    f->locals = locals;
    if ((co->ncells | co->nfrees) && frame_setup_cells(ts, f, NULL) < 0) {
        frame_clear_locals(f);
        frame_release(f);
        return NULL;
    }
    return eval_frame(ts, f);
}

TrObject *vm_run_class_body(TrThread *ts, TrObject *func, TrObject *ns) {
    TrFunction *fn = (TrFunction *)func;
    TrCode *co = (TrCode *)fn->code;
    TrFrame *f = frame_alloc(ts, co);
    if (!f) return NULL;
    f->func = func;
    f->globals = fn->globals;
    f->builtins = fn->builtins;
    f->locals = ns;
    if ((co->ncells | co->nfrees) && frame_setup_cells(ts, f, fn->closure) < 0) {
        frame_clear_locals(f);
        frame_release(f);
        return NULL;
    }
    return eval_frame(ts, f);
}

TrObject *vm_current_globals(TrThread *ts) { return ts->frame ? ts->frame->globals : NULL; }

/* Zero-argument super(): the caller's first argument (from its cell when a
 * nested function captured it) and the value of its `__class__` free
 * variable, with CPython's RuntimeError texts. */
int vm_super_args(TrThread *ts, TrObject **type, TrObject **obj) {
    TrFrame *f = ts->frame;
    if (!f) { err_set(ts, &tr_exc_RuntimeError, "super(): no current frame"); return -1; }
    TrCode *co = f->code;
    if (co->argcount == 0 && !(co->flags & TR_CO_VARARGS)) {
        err_set(ts, &tr_exc_RuntimeError, "super(): no arguments");
        return -1;
    }
    TrObject *first = sr_is_null(f->localsplus[0]) ? NULL : sr_obj(f->localsplus[0]);
    TrStackRef *cells = frame_cells(f);
    for (int i = 0; co->cell2arg && i < co->ncells; i++) {
        if (co->cell2arg[i] == 0 && !sr_is_null(cells[i])) {
            TrObject *v = cell_get(ts, sr_obj(cells[i]));
            if (v) tr_decref(v);       /* the cell keeps it alive */
            first = v;
            break;
        }
    }
    if (!first) { err_set(ts, &tr_exc_RuntimeError, "super(): arg[0] deleted"); return -1; }
    for (int i = 0; i < co->nfrees; i++) {
        if (!str_equal_cstr(tuple_get(co->freevars, (size_t)i), "__class__")) continue;
        TrStackRef c = cells[co->ncells + i];
        int owned = 0;
        TrObject *cls = sr_is_null(c) ? NULL : cell_peek_deferred(sr_obj(c));
        if (!cls && !sr_is_null(c)) {
            cls = cell_get(ts, sr_obj(c));
            owned = cls != NULL;
        }
        if (!cls) { err_set(ts, &tr_exc_RuntimeError, "super(): empty __class__ cell"); return -1; }
        if (!tr_isinstance(cls, &tr_type_type)) {
            if (owned) tr_decref(cls);
            err_set(ts, &tr_exc_RuntimeError, "super(): __class__ is not a type");
            return -1;
        }
        *type = cls;
        *obj = first;
        return owned;
    }
    err_set(ts, &tr_exc_RuntimeError, "super(): __class__ cell not found");
    return -1;
}

TrObject *vm_run_module(TrThread *ts, TrObject *code, TrObject *globals) {
    return vm_run_code(ts, code, globals, globals);
}
