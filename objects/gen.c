/* objects/gen.c: `generator`, the object a generator function returns.
 *
 * Design.  Ordinary frames live on the running thread's chunked frame stack
 * (core/frame.c) and die when the call returns; a generator's frame must outlive
 * the call and move between threads, so it is stored inside the generator
 * object itself (`fdata`, sized for the code object when the generator is
 * made).  Calling a function whose code has TR_CO_GENERATOR binds the
 * arguments straight into that frame (core/vm.c: make_generator) and returns
 * the generator without running anything.  Each next()/send()/throw() runs the
 * frame with the ordinary eval loop as an entry frame (vm_gen_resume), linked
 * onto the current thread's frame chain for the duration, so tracebacks,
 * super() and vm_visit_stack_refs see it like any frame.  YIELD_VALUE (and
 * YIELD_FROM when its delegate yields) suspends: the frame keeps its value
 * stack, block stack and instruction index and the loop returns the value.
 * On suspension every uncounted (BORROWED) stack ref to a mortal object is
 * turned into a counted one, because a suspended frame is on no thread's frame
 * chain and vm_visit_stack_refs cannot see it.
 *
 * The exception being handled (sys.exc_info) is per thread in torii; a
 * generator swaps in its own while it runs: a frame suspended inside an
 * `except` block keeps its exception in `exc_state`, otherwise it runs with
 * the resumer's.
 *
 * Threads: a generator may be shared.  `running` is the only field read or
 * written without owning the frame: a thread takes the generator with a CAS
 * 0 -> 1 (acquire) and gives it back with a release store of 0, and a thread
 * whose CAS fails raises ValueError "generator already executing", as CPython
 * does for re-entry.  `state`, `exc_state` and the frame are touched only by
 * the thread holding `running` (state is also read with relaxed atomic loads
 * by gi_suspended and close's fast path).  `func`, `name` and `qualname` never
 * change.
 * Lock order: no lock is held while the frame runs. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "torii/torii.h"
#include "torii/gen.h"
#include "core/frame.h"
#include "core/vm.h"

enum { GEN_CREATED, GEN_SUSPENDED, GEN_FINISHED };

typedef struct TrGen {
    TrObject ob_base;
    TrObject *func;          /* owned: keeps the frame's code, globals and builtins alive */
    TrObject *name;          /* owned str */
    TrObject *qualname;      /* owned str */
    TrObject *exc_state;     /* owned or NULL: the exception a frame suspended in a handler is handling; holder of `running` only */
    uint32_t running;        /* atomic: 1 while a thread runs (or throws into) the frame */
    uint32_t state;          /* GEN_*: written by the holder of `running`, relaxed atomic loads elsewhere */
    TrFrame *frame;          /* points into fdata; holder of `running` only */
    _Alignas(16) char fdata[];
} TrGen;

/* ---- the frame ----------------------------------------------------------- */

/* Closes every ref a created or suspended frame holds (locals, cells, frees,
 * value stack) and marks it empty; a no-op the second time. */
static void frame_close(TrFrame *f) {
    if (!f->code) return;
    for (TrStackRef *p = f->localsplus; p < f->sp; p++) {
        TrStackRef r = *p;
        *p = TR_SR_NULL;
        sr_close(r);
    }
    f->sp = f->localsplus;
    f->nblocks = 0;
}

static int has_handler_block(TrFrame *f) {
    for (int i = 0; i < f->nblocks; i++)
        if (f->blocks[i].type == TR_BLOCK_EXCEPT_HANDLER) return 1;
    return 0;
}

/* ---- running ------------------------------------------------------------- */

static int acquire(TrThread *ts, TrGen *g) {
    /* full barrier: pairs with the release store in release() */
    if (atomic_cas_u32(&g->running, 0, 1) != 0) {
        err_set(ts, &tr_exc_ValueError, "generator already executing");
        return 0;
    }
    return 1;
}

static void release(TrGen *g) {
    /* release: the frame's writes are visible to the next thread that acquires */
    atomic_store_u32_release(&g->running, 0);
}

static void set_state(TrGen *g, uint32_t st) { atomic_store_u32_relaxed(&g->state, st); }

/* StopIteration escaping the frame becomes RuntimeError (PEP 479). */
static void replace_stop_iteration(TrThread *ts) {
    TrObject *si = err_fetch(ts);
    TrObject *msg = str_from_cstr(ts, "generator raised StopIteration");
    TrObject *re = msg ? exc_new(ts, &tr_exc_RuntimeError, &msg, 1) : NULL;
    tr_xdecref(msg);
    if (!re) { tr_decref(si); return; }
    TrExc *e = (TrExc *)re;
    e->cause = tr_newref(si);
    e->context = si;
    e->suppress_context = true;
    /* CPython's RuntimeError shows no entry for the generator's own frame */
    err_restore(ts, re);
}

/* Runs the frame (the caller holds `running`).  `value` is stolen.  Returns 1
 * with *out the yielded value, 0 with *out the return value, -1 on error. */
static int run(TrThread *ts, TrGen *g, int mode, TrObject *value, TrObject **out) {
    TrFrame *f = g->frame;
    TrObject *caller_exc = ts->handled_exc;
    TrObject *mine = g->exc_state;
    g->exc_state = NULL;
    if (!mine && caller_exc) mine = tr_newref(caller_exc);
    ts->handled_exc = mine;
    TrObject *r = vm_gen_resume(ts, f, mode, value);
    TrObject *left = ts->handled_exc;
    ts->handled_exc = caller_exc;
    if (f->yielded) {
        if (f->instr >= 0 && has_handler_block(f)) g->exc_state = left;
        else tr_xdecref(left);
        set_state(g, f->instr < 0 ? GEN_CREATED : GEN_SUSPENDED);
        if (!r) return -1;      /* it could not start */
        *out = r;
        return 1;
    }
    tr_xdecref(left);
    f->sp = f->localsplus;      /* the VM closed everything */
    set_state(g, GEN_FINISHED);
    if (!r) {
        if (err_matches(ts, &tr_exc_StopIteration)) replace_stop_iteration(ts);
        return -1;
    }
    *out = r;
    return 0;
}

/* next() / send(value) (value borrowed): 1 yielded, 0 returned, -1 error. */
static int send_ex(TrThread *ts, TrGen *g, TrObject *value, TrObject **out) {
    if (!acquire(ts, g)) return -1;
    int r;
    uint32_t st = g->state;
    if (st == GEN_FINISHED) {
        *out = tr_newref(tr_none);
        r = 0;
    } else if (st == GEN_CREATED) {
        if (value != tr_none) {
            err_set(ts, &tr_exc_TypeError, "can't send non-None value to a just-started generator");
            r = -1;
        } else {
            r = run(ts, g, VM_RESUME_FRESH, NULL, out);
        }
    } else {
        r = run(ts, g, VM_RESUME_SEND, tr_newref(value), out);
    }
    release(g);
    return r;
}

static int close_iter(TrThread *ts, TrObject *it);
static TrObject *gen_close(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames);

/* throw(exc): `exc` (an exception instance) is stolen.  1 yielded, 0
 * returned, -1 error. */
static int throw_ex(TrThread *ts, TrGen *g, TrObject *exc, TrObject **out) {
    if (!acquire(ts, g)) { tr_decref(exc); return -1; }
    int r;
    TrFrame *f = g->frame;
    uint32_t st = g->state;
    if (st == GEN_FINISHED) {
        err_restore(ts, exc);
        r = -1;
        goto done;
    }
    if (st == GEN_CREATED) {
        /* raised "at the def line" without running anything, as CPython */
        frame_close(f);
        set_state(g, GEN_FINISHED);
        exc_add_traceback(ts, exc, (TrObject *)f->code, -1);
        err_restore(ts, exc);
        r = -1;
        goto done;
    }
    if (TR_OP(f->code->instrs[f->instr]) == OP_YIELD_FROM) {
        /* delegate to the iterator the frame is suspended in */
        TrObject *yf = sr_new_ref(f->sp[-1]);
        TrObject *res = NULL;
        int d;
        if (tr_isinstance(exc, &tr_exc_GeneratorExit)) {
            if (close_iter(ts, yf) < 0) {
                tr_decref(exc);
                exc = err_fetch(ts);
            }
            tr_decref(yf);
            goto throw_here;
        }
        if (tr_type(yf) == &tr_generator_type) {
            d = throw_ex(ts, (TrGen *)yf, exc, &res);
        } else {
            TrObject *meth = tr_getattr_cstr(ts, yf, "throw");
            if (!meth) {
                tr_decref(yf);
                if (err_matches(ts, &tr_exc_AttributeError)) {
                    err_clear(ts);
                } else {
                    tr_decref(exc);
                    exc = err_fetch(ts);
                }
                goto throw_here;
            }
            res = tr_call(ts, meth, &exc, 1, NULL);
            tr_decref(meth);
            tr_decref(exc);
            d = res ? 1 : -1;
        }
        tr_decref(yf);
        if (d == 1) {
            *out = res;
            r = 1;
            goto done;
        }
        if (d == -1) {
            if (!err_matches(ts, &tr_exc_StopIteration)) {
                exc = err_fetch(ts);
                goto throw_here;
            }
            TrObject *si = err_fetch(ts);
            res = tr_getattr_cstr(ts, si, "value");
            tr_decref(si);
            if (!res) { err_clear(ts); res = tr_newref(tr_none); }
        }
        r = run(ts, g, VM_RESUME_YF_DONE, res, out);
        goto done;
    }
throw_here:
    err_restore(ts, exc);
    r = run(ts, g, VM_RESUME_THROW, NULL, out);
done:
    release(g);
    return r;
}

/* Closes a `yield from` delegate: gen.close() or its close method if any. */
static int close_iter(TrThread *ts, TrObject *it) {
    TrObject *r;
    if (tr_type(it) == &tr_generator_type) {
        r = gen_close(ts, it, NULL, 0, NULL);
    } else {
        TrObject *m = tr_getattr_cstr(ts, it, "close");
        if (!m) {
            if (!err_matches(ts, &tr_exc_AttributeError)) return -1;
            err_clear(ts);
            return 0;
        }
        r = tr_call(ts, m, NULL, 0, NULL);
        tr_decref(m);
    }
    if (!r) return -1;
    tr_decref(r);
    return 0;
}

int gen_yf_send(TrThread *ts, TrObject *iter, TrObject *value, TrObject **out) {
    TrType *t = tr_type(iter);
    if (t == &tr_generator_type) return send_ex(ts, (TrGen *)iter, value, out);
    TrObject *r;
    if (value == tr_none && t->iternext) {
        r = t->iternext(ts, iter);
    } else {
        TrObject *m = tr_getattr_cstr(ts, iter, "send");
        if (!m) return -1;
        r = tr_call(ts, m, &value, 1, NULL);
        tr_decref(m);
    }
    if (r) { *out = r; return 1; }
    if (!err_occurred(ts)) { *out = tr_newref(tr_none); return 0; }
    if (!err_matches(ts, &tr_exc_StopIteration)) return -1;
    TrObject *si = err_fetch(ts);
    TrObject *v = tr_getattr_cstr(ts, si, "value");
    tr_decref(si);
    if (!v) { err_clear(ts); v = tr_newref(tr_none); }
    *out = v;
    return 0;
}

/* Raises StopIteration(value) (no args for None); consumes `value`. */
static TrObject *raise_stop(TrThread *ts, TrObject *value) {
    if (value == tr_none) {
        TrObject *e = exc_new(ts, &tr_exc_StopIteration, NULL, 0);
        if (e) err_restore(ts, e);
    } else {
        err_set_value(ts, &tr_exc_StopIteration, value);
    }
    tr_decref(value);
    return NULL;
}

/* ---- construction and slots ---------------------------------------------- */

TrObject *gen_new(TrThread *ts, TrObject *func, size_t frame_bytes, TrFrame **frame_out) {
    TrGen *g = (TrGen *)tr_alloc_var(ts, &tr_generator_type, sizeof(TrGen) + frame_bytes);
    if (!g) return NULL;
    g->func = tr_newref(func);
    TrFunction *fn = (TrFunction *)func;
    TR_BEGIN_CRITICAL(ts, func);          /* setattr may replace them */
    g->name = tr_newref(fn->name);
    g->qualname = tr_newref(fn->qualname);
    TR_END_CRITICAL(ts);
    g->frame = (TrFrame *)g->fdata;
    g->state = GEN_CREATED;
    *frame_out = g->frame;
    return (TrObject *)g;
}

static void gen_dealloc(TrThread *ts, TrObject *o) {
    TrGen *g = (TrGen *)o;
    TrFrame *f = g->frame;
    if (ts && g->state == GEN_SUSPENDED && f->nblocks > 0) {
        /* a suspended try/with: run its cleanup by closing, as CPython does */
        TrObject *pending = err_fetch(ts);
        TrObject *r = gen_close(ts, o, NULL, 0, NULL);
        if (r) {
            tr_decref(r);
        } else {
            TrObject *exc = err_fetch(ts);
            char buf[200];
            snprintf(buf, sizeof buf, "Exception ignored in: <generator object %s at %p>\n",
                     str_utf8(g->qualname), (void *)o);
            tr_write_report(ts, buf, strlen(buf));
            if (exc) exc_print(ts, exc);
            tr_xdecref(exc);
        }
        if (pending) err_restore(ts, pending);
    }
    if (g->state != GEN_FINISHED) frame_close(f);
    TR_CLEAR(g->exc_state);
    TR_CLEAR(g->func);
    TR_CLEAR(g->name);
    TR_CLEAR(g->qualname);
    tr_free(o);
}

/* "<generator object f at 0x7f...>" */
static TrObject *gen_repr(TrThread *ts, TrObject *o) {
    TrGen *g = (TrGen *)o;
    char addr[32];
    snprintf(addr, sizeof addr, "%p", (void *)o);
    TrStrBuf b;
    strbuf_init(&b);
    strbuf_adds(&b, "<generator object ");
    strbuf_addstr(&b, g->qualname);
    strbuf_adds(&b, " at ");
    strbuf_adds(&b, addr);
    strbuf_addc(&b, '>');
    return strbuf_finish(ts, &b);
}

static int64_t gen_hash(TrThread *ts, TrObject *o) {
    uint64_t y = (uint64_t)(uintptr_t)o;
    int64_t h = (int64_t)((y >> 4) | (y << 60));
    return h == -1 ? -2 : h;
}

static TrObject *gen_iter(TrThread *ts, TrObject *o) { return tr_newref(o); }

/* The iternext slot: by the slot's contract, the end is NULL with no
 * exception, so a return value is dropped (gen_next keeps it). */
static TrObject *gen_iternext(TrThread *ts, TrObject *o) {
    TrObject *out = NULL;
    int r = send_ex(ts, (TrGen *)o, tr_none, &out);
    if (r == 1) return out;
    if (r == 0) tr_decref(out);
    return NULL;
}

TrObject *gen_next(TrThread *ts, TrObject *gen) {
    TrObject *out = NULL;
    int r = send_ex(ts, (TrGen *)gen, tr_none, &out);
    if (r == 1) return out;
    if (r == 0) return raise_stop(ts, out);
    return NULL;
}

static TrObject *gen_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    TrGen *g = (TrGen *)o;
    const char *n = str_utf8(name);
    if (strcmp(n, "__name__") == 0) return tr_newref(g->name);
    if (strcmp(n, "__qualname__") == 0) return tr_newref(g->qualname);
    if (strcmp(n, "gi_running") == 0)
        return tr_newref(tr_bool(atomic_load_u32_acquire(&g->running) != 0));
    if (strcmp(n, "gi_suspended") == 0)
        return tr_newref(tr_bool(atomic_load_u32_relaxed(&g->state) == GEN_SUSPENDED));
    if (strcmp(n, "gi_code") == 0) return tr_newref(((TrFunction *)g->func)->code);
    return tr_generic_getattr(ts, o, name);
}

/* ---- methods -------------------------------------------------------------- */

static TrObject *gen_send(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (kwnames && tuple_size(kwnames))
        return err_format(ts, &tr_exc_TypeError, "generator.send() takes no keyword arguments");
    if (nargs != 1)
        return err_format(ts, &tr_exc_TypeError, "generator.send() takes exactly one argument (%zu given)", nargs);
    TrObject *out = NULL;
    int r = send_ex(ts, (TrGen *)self, args[0], &out);
    if (r == 1) return out;
    if (r == 0) return raise_stop(ts, out);
    return NULL;
}

/* The exception instance throw() raises from its arguments; new reference. */
static TrObject *throw_value(TrThread *ts, TrObject *typ, TrObject *val) {
    if (tr_isinstance(typ, &tr_type_type) && tr_type_is_subtype((TrType *)typ, &tr_exc_BaseException)) {
        if (val && val != tr_none && tr_isinstance(val, (TrType *)typ)) return tr_newref(val);
        TrObject *r;
        if (!val || val == tr_none) r = tr_call(ts, typ, NULL, 0, NULL);
        else if (tuple_check(val)) r = tr_call(ts, typ, ((TrTuple *)val)->items, tuple_size(val), NULL);
        else r = tr_call(ts, typ, &val, 1, NULL);
        if (r && !tr_isinstance(r, &tr_exc_BaseException)) {
            err_format(ts, &tr_exc_TypeError,
                       "calling %R should have returned an instance of BaseException, not %T", typ, r);
            tr_decref(r);
            return NULL;
        }
        return r;
    }
    if (tr_isinstance(typ, &tr_exc_BaseException)) {
        if (val && val != tr_none) {
            err_set(ts, &tr_exc_TypeError, "instance exception may not have a separate value");
            return NULL;
        }
        return tr_newref(typ);
    }
    return err_format(ts, &tr_exc_TypeError,
                      "exceptions must be classes or instances deriving from BaseException, not %T", typ);
}

static TrObject *gen_throw(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (kwnames && tuple_size(kwnames))
        return err_format(ts, &tr_exc_TypeError, "throw() takes no keyword arguments");
    if (nargs < 1 || nargs > 3)
        return err_format(ts, &tr_exc_TypeError, "throw expected at %s 3 arguments, got %zu",
                          nargs < 1 ? "least 1 argument" : "most", nargs);
    TrObject *exc = throw_value(ts, args[0], nargs > 1 ? args[1] : NULL);
    if (!exc) return NULL;
    TrObject *out = NULL;
    int r = throw_ex(ts, (TrGen *)self, exc, &out);
    if (r == 1) return out;
    if (r == 0) return raise_stop(ts, out);
    return NULL;
}

static TrObject *gen_close(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (nargs || (kwnames && tuple_size(kwnames)))
        return err_format(ts, &tr_exc_TypeError, "generator.close() takes no arguments (%zu given)", nargs);
    TrGen *g = (TrGen *)self;
    uint32_t st = atomic_load_u32_relaxed(&g->state);
    if (st == GEN_FINISHED) return tr_newref(tr_none);
    if (st == GEN_CREATED) {
        if (!acquire(ts, g)) return NULL;
        if (g->state == GEN_CREATED) {
            frame_close(g->frame);
            set_state(g, GEN_FINISHED);
        }
        release(g);
        return tr_newref(tr_none);
    }
    TrObject *exc = exc_new(ts, &tr_exc_GeneratorExit, NULL, 0);
    if (!exc) return NULL;
    TrObject *out = NULL;
    int r = throw_ex(ts, g, exc, &out);
    if (r == 1) {
        tr_decref(out);
        err_set(ts, &tr_exc_RuntimeError, "generator ignored GeneratorExit");
        return NULL;
    }
    if (r == 0) return out;
    if (err_matches(ts, &tr_exc_GeneratorExit) || err_matches(ts, &tr_exc_StopIteration)) {
        err_clear(ts);
        return tr_newref(tr_none);
    }
    return NULL;
}

static TrObject *gen_next_meth(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                               TrObject *kwnames) {
    if (nargs || (kwnames && tuple_size(kwnames)))
        return err_format(ts, &tr_exc_TypeError, "expected 0 arguments, got %zu", nargs);
    return gen_next(ts, self);
}

static TrObject *gen_iter_meth(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                               TrObject *kwnames) {
    if (nargs || (kwnames && tuple_size(kwnames)))
        return err_format(ts, &tr_exc_TypeError, "expected 0 arguments, got %zu", nargs);
    return tr_newref(self);
}

static const TrMethodDef gen_methods[] = {
    {"__next__", gen_next_meth},
    {"__iter__", gen_iter_meth},
    {"send", gen_send},
    {"throw", gen_throw},
    {"close", gen_close},
    {NULL, NULL},
};

/* ---- cycle collection (threads/gc.c) -------------------------------------------
 * A suspended (or not yet started) frame holds only counted references, in
 * localsplus up to sp: those, the function and the saved exception are what
 * the generator references.  A running frame is skipped: another thread's
 * stack reaches it, so it is never garbage, and its slots are in flux. */

static void gen_traverse(TrObject *o, tr_visitfunc visit, void *arg) {
    TrGen *g = (TrGen *)o;
    visit(g->func, arg);
    visit(g->exc_state, arg);
    if (atomic_load_u32_relaxed(&g->running) || atomic_load_u32_relaxed(&g->state) == GEN_FINISHED) return;
    TrFrame *f = g->frame;
    if (!f->code) return;
    for (TrStackRef *p = f->localsplus; p < f->sp; p++)
        if (sr_is_owned(*p)) visit(sr_obj(*p), arg);
}

/* The collector's finalizer, run on every member of a garbage cycle before
 * any is cleared: a suspended try/with is closed (its finally blocks run),
 * as CPython's generator finalizer does. */
static void gen_finalize(TrThread *ts, TrObject *o) {
    TrGen *g = (TrGen *)o;
    if (atomic_load_u32_relaxed(&g->running) || atomic_load_u32_relaxed(&g->state) != GEN_SUSPENDED ||
        g->frame->nblocks == 0)
        return;
    TrObject *pending = err_fetch(ts);
    TrObject *r = gen_close(ts, o, NULL, 0, NULL);
    if (r) tr_decref(r);
    else err_write_unraisable(ts, NULL, o);
    if (pending) err_restore(ts, pending);
}

/* The collector's clear: the frame drops what it holds. */
static void gen_clear(TrThread *ts, TrObject *o) {
    TrGen *g = (TrGen *)o;
    if (!acquire(ts, g)) { err_clear(ts); return; }
    if (g->state != GEN_FINISHED) {
        frame_close(g->frame);
        atomic_store_u32_relaxed(&g->state, GEN_FINISHED);
    }
    TrObject *e = g->exc_state;
    g->exc_state = NULL;
    release(g);
    tr_xdecref(e);
}

TrType tr_generator_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "generator",
    .flags = TR_TPFLAG_WEAKREFABLE | TR_TPFLAG_GC,
    .basicsize = sizeof(TrGen),
    .base = &tr_object_type,
    .dealloc = gen_dealloc,
    .repr = gen_repr,
    .hash = gen_hash,
    .iter = gen_iter,
    .iternext = gen_iternext,
    .getattr = gen_getattr,
    .methods = gen_methods,
    .traverse = gen_traverse,
    .clear = gen_clear,
    .finalize = gen_finalize,
};
