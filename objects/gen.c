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
 * Coroutines (objects/coro.c) and async generators (objects/asyncgen.c) are
 * the same struct (objects/gen_int.h) with another `kind`: this file runs all
 * three and words its errors by kind ("coroutine already executing",
 * "cannot reuse already awaited coroutine", "coroutine raised
 * StopIteration").  A dying coroutine that never started warns "coroutine
 * 'f' was never awaited", a dying async generator goes to the finalizer hook
 * it picked up; both run with the object revived (tr_revive_dying), so the
 * warning's record or the hook may keep it.
 * Lock order: no lock is held while the frame runs. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "torii/torii.h"
#include "torii/gen.h"
#include "core/frame.h"
#include "core/vm.h"
#include "torii/frameobj.h"
#include "objects/gen_int.h"

const char *gen_kind_name(const TrGen *g) {
    return g->kind == GEN_KIND_COROUTINE ? "coroutine" : g->kind == GEN_KIND_ASYNCGEN ? "async generator" : "generator";
}

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
        err_format(ts, &tr_exc_ValueError, "%s already executing", gen_kind_name(g));
        return 0;
    }
    return 1;
}

static void release(TrGen *g) {
    /* release: the frame's writes are visible to the next thread that acquires */
    atomic_store_u32_release(&g->running, 0);
}

static void set_state(TrGen *g, uint32_t st) { atomic_store_u32_relaxed(&g->state, st); }

/* StopIteration escaping the frame becomes RuntimeError (PEP 479), and so
 * does StopAsyncIteration escaping an async generator's. */
static void replace_stop_iteration(TrThread *ts, TrGen *g, const char *what) {
    TrObject *si = err_fetch(ts);
    TrObject *msg = str_format(ts, "%s raised %s", gen_kind_name(g), what);
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
        if (err_matches(ts, &tr_exc_StopIteration)) replace_stop_iteration(ts, g, "StopIteration");
        else if (g->kind == GEN_KIND_ASYNCGEN && err_matches(ts, &tr_exc_StopAsyncIteration))
            replace_stop_iteration(ts, g, "StopAsyncIteration");
        return -1;
    }
    *out = r;
    return 0;
}

int gen_send_ex(TrThread *ts, TrGen *g, TrObject *value, TrObject **out) {
    if (!acquire(ts, g)) return -1;
    int r;
    uint32_t st = g->state;
    if (st == GEN_FINISHED) {
        if (g->kind == GEN_KIND_COROUTINE) {
            err_set(ts, &tr_exc_RuntimeError, "cannot reuse already awaited coroutine");
            r = -1;
        } else {
            *out = tr_newref(tr_none);
            r = 0;
        }
    } else if (st == GEN_CREATED) {
        if (value != tr_none) {
            err_format(ts, &tr_exc_TypeError, "can't send non-None value to a just-started %s", gen_kind_name(g));
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

int gen_throw_ex(TrThread *ts, TrGen *g, TrObject *exc, int close_on_genexit, TrObject **out) {
    if (!acquire(ts, g)) { tr_decref(exc); return -1; }
    int r;
    TrFrame *f = g->frame;
    uint32_t st = g->state;
    if (st == GEN_FINISHED) {
        if (g->kind == GEN_KIND_COROUTINE) {
            tr_decref(exc);
            err_set(ts, &tr_exc_RuntimeError, "cannot reuse already awaited coroutine");
        } else {
            err_restore(ts, exc);
        }
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
        if (close_on_genexit && tr_isinstance(exc, &tr_exc_GeneratorExit)) {
            if (close_iter(ts, yf) < 0) {
                tr_decref(exc);
                exc = err_fetch(ts);
            }
            tr_decref(yf);
            goto throw_here;
        }
        if (gen_any_check(yf)) {
            d = gen_throw_ex(ts, (TrGen *)yf, exc, close_on_genexit, &res);
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
    if (gen_any_check(it)) {
        r = gen_close_ex(ts, (TrGen *)it);
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
    if (t == &tr_generator_type || t == &tr_coroutine_type) return gen_send_ex(ts, (TrGen *)iter, value, out);
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

TrObject *gen_raise_stop(TrThread *ts, TrObject *value) {
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
    int flags = ((TrCode *)((TrFunction *)func)->code)->flags;
    int kind = flags & TR_CO_COROUTINE ? GEN_KIND_COROUTINE
             : flags & TR_CO_ASYNC_GENERATOR ? GEN_KIND_ASYNCGEN : GEN_KIND_GENERATOR;
    TrType *type = kind == GEN_KIND_COROUTINE ? &tr_coroutine_type
                 : kind == GEN_KIND_ASYNCGEN ? &tr_async_generator_type : &tr_generator_type;
    TrGen *g = (TrGen *)tr_alloc_var(ts, type, sizeof(TrGen) + frame_bytes);
    if (!g) return NULL;
    g->kind = kind;
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

/* A dying coroutine that never ran warns; a dying async generator that has
 * a finalizer hook and is not done goes to it.  Both run once (the
 * TR_GC_FINALIZED bit), on the object revived: 1 if that happened, and then
 * the caller must not touch `o` again. */
static int finalize_revived(TrThread *ts, TrObject *o) {
    TrGen *g = (TrGen *)o;
    if (!ts || (o->ob_gc_bits & TR_GC_FINALIZED)) return 0;
    int warn = g->kind == GEN_KIND_COROUTINE && g->state == GEN_CREATED;
    int hook = g->kind == GEN_KIND_ASYNCGEN && g->ag_finalizer && g->state != GEN_FINISHED &&
               !atomic_load_u32_relaxed(&g->ag_closed);
    if (!warn && !hook) return 0;
    o->ob_gc_bits |= TR_GC_FINALIZED;
    tr_revive_dying(o);
    if (warn) coro_warn_unawaited(ts, o);
    else asyncgen_call_finalizer(ts, o);
    tr_decref(o);              /* frees it again, unless the warning or the hook kept it */
    return 1;
}

void gen_dealloc(TrThread *ts, TrObject *o) {
    TrGen *g = (TrGen *)o;
    TrFrame *f = g->frame;
    if (finalize_revived(ts, o)) return;
    if (ts && g->state == GEN_SUSPENDED && f->nblocks > 0 && !(o->ob_gc_bits & TR_GC_FINALIZED)) {
        /* a suspended try/with: run its cleanup by closing, as CPython does */
        TrObject *pending = err_fetch(ts);
        TrObject *r = gen_close_ex(ts, g);
        if (r) {
            tr_decref(r);
        } else {
            TrObject *exc = err_fetch(ts);
            char buf[200];
            snprintf(buf, sizeof buf, "Exception ignored in: <%s object %s at %p>\n", tr_type(o)->name,
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
    TR_CLEAR(g->ag_finalizer);
    tr_free(o);
}

/* "<generator object f at 0x7f...>", "<coroutine object f at 0x7f...>" */
TrObject *gen_repr(TrThread *ts, TrObject *o) {
    TrGen *g = (TrGen *)o;
    char addr[32];
    snprintf(addr, sizeof addr, "%p", (void *)o);
    TrStrBuf b;
    strbuf_init(&b);
    strbuf_addc(&b, '<');
    strbuf_adds(&b, tr_type(o)->name);
    strbuf_adds(&b, " object ");
    strbuf_addstr(&b, g->qualname);
    strbuf_adds(&b, " at ");
    strbuf_adds(&b, addr);
    strbuf_addc(&b, '>');
    return strbuf_finish(ts, &b);
}

int64_t gen_hash(TrThread *ts, TrObject *o) {
    uint64_t y = (uint64_t)(uintptr_t)o;
    int64_t h = (int64_t)((y >> 4) | (y << 60));
    return h == -1 ? -2 : h;
}

static TrObject *gen_iter(TrThread *ts, TrObject *o) { return tr_newref(o); }

/* The iternext slot: by the slot's contract, the end is NULL with no
 * exception, so a return value is dropped (gen_next keeps it). */
static TrObject *gen_iternext(TrThread *ts, TrObject *o) {
    TrObject *out = NULL;
    int r = gen_send_ex(ts, (TrGen *)o, tr_none, &out);
    if (r == 1) return out;
    if (r == 0) tr_decref(out);
    return NULL;
}

TrObject *gen_next(TrThread *ts, TrObject *gen) {
    TrObject *out = NULL;
    int r = gen_send_ex(ts, (TrGen *)gen, tr_none, &out);
    if (r == 1) return out;
    if (r == 0) return gen_raise_stop(ts, out);
    return NULL;
}

TrObject *gen_delegate(TrThread *ts, TrGen *g) {
    if (atomic_cas_u32(&g->running, 0, 1) != 0) return tr_newref(tr_none);
    TrObject *r = NULL;
    TrFrame *f = g->frame;
    if (g->state == GEN_SUSPENDED && TR_OP(f->code->instrs[f->instr]) == OP_YIELD_FROM)
        r = sr_new_ref(f->sp[-1]);
    release(g);
    return r ? r : tr_newref(tr_none);
}

/* <p>_frame: a snapshot of the frame where it stands (objects/frameobj.c),
 * or None once it finished.  New reference or NULL. */
static TrObject *frame_snapshot(TrThread *ts, TrGen *g) {
    if (atomic_load_u32_relaxed(&g->state) == GEN_FINISHED) return tr_newref(tr_none);
    TrFrame *f = g->frame;
    TrCode *co = f->code;
    int instr = -1;
    if (atomic_cas_u32(&g->running, 0, 1) == 0) {
        instr = g->state == GEN_FINISHED ? -2 : f->instr;
        release(g);
    }
    if (instr == -2) return tr_newref(tr_none);
    int line = instr >= 0 && co->positions ? co->positions[instr].lineno : co->firstlineno;
    TrObject *locals = dict_new(ts);
    if (!locals) return NULL;
    TrFunction *fn = (TrFunction *)g->func;
    TrObject *r = frameobj_new(ts, co, line, instr < 0 ? -1 : instr * 2, fn->globals, fn->builtins, locals, NULL);
    tr_decref(locals);
    return r;
}

TrObject *gen_getattr_as(TrThread *ts, TrObject *o, TrObject *name, const char *prefix) {
    TrGen *g = (TrGen *)o;
    const char *n = str_utf8(name);
    if (strcmp(n, "__name__") == 0) return tr_newref(g->name);
    if (strcmp(n, "__qualname__") == 0) return tr_newref(g->qualname);
    if (strncmp(n, prefix, 2) == 0 && n[2] == '_') {
        const char *a = n + 3;
        if (strcmp(a, "running") == 0) return tr_newref(tr_bool(atomic_load_u32_acquire(&g->running) != 0));
        if (strcmp(a, "suspended") == 0)
            return tr_newref(tr_bool(atomic_load_u32_relaxed(&g->state) == GEN_SUSPENDED));
        if (strcmp(a, "code") == 0) return tr_newref(((TrFunction *)g->func)->code);
        if (strcmp(a, "frame") == 0) return frame_snapshot(ts, g);
        if (strcmp(a, g->kind == GEN_KIND_GENERATOR ? "yieldfrom" : "await") == 0) return gen_delegate(ts, g);
    }
    return tr_generic_getattr(ts, o, name);
}

static TrObject *gen_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    return gen_getattr_as(ts, o, name, "gi");
}

/* ---- methods -------------------------------------------------------------- */

TrObject *gen_send(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    const char *kind = tr_type(self)->name;
    if (kwnames && tuple_size(kwnames))
        return err_format(ts, &tr_exc_TypeError, "%s.send() takes no keyword arguments", kind);
    if (nargs != 1)
        return err_format(ts, &tr_exc_TypeError, "%s.send() takes exactly one argument (%zu given)", kind, nargs);
    TrObject *out = NULL;
    int r = gen_send_ex(ts, (TrGen *)self, args[0], &out);
    if (r == 1) return out;
    if (r == 0) return gen_raise_stop(ts, out);
    return NULL;
}

TrObject *gen_throw_value(TrThread *ts, TrObject *typ, TrObject *val) {
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

TrObject *gen_throw(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (kwnames && tuple_size(kwnames))
        return err_format(ts, &tr_exc_TypeError, "throw() takes no keyword arguments");
    if (nargs < 1 || nargs > 3)
        return err_format(ts, &tr_exc_TypeError, "throw expected at %s 3 arguments, got %zu",
                          nargs < 1 ? "least 1 argument" : "most", nargs);
    TrObject *exc = gen_throw_value(ts, args[0], nargs > 1 ? args[1] : NULL);
    if (!exc) return NULL;
    TrObject *out = NULL;
    int r = gen_throw_ex(ts, (TrGen *)self, exc, 1, &out);
    if (r == 1) return out;
    if (r == 0) return gen_raise_stop(ts, out);
    return NULL;
}

TrObject *gen_close(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (nargs || (kwnames && tuple_size(kwnames)))
        return err_format(ts, &tr_exc_TypeError, "%s.close() takes no arguments (%zu given)", tr_type(self)->name,
                          nargs);
    return gen_close_ex(ts, (TrGen *)self);
}

TrObject *gen_close_ex(TrThread *ts, TrGen *g) {
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
    int r = gen_throw_ex(ts, g, exc, 1, &out);
    if (r == 1) {
        tr_decref(out);
        err_format(ts, &tr_exc_RuntimeError, "%s ignored GeneratorExit", gen_kind_name(g));
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

void gen_traverse(TrObject *o, tr_visitfunc visit, void *arg) {
    TrGen *g = (TrGen *)o;
    visit(g->func, arg);
    visit(g->exc_state, arg);
    visit(g->ag_finalizer, arg);
    if (atomic_load_u32_relaxed(&g->running) || atomic_load_u32_relaxed(&g->state) == GEN_FINISHED) return;
    TrFrame *f = g->frame;
    if (!f->code) return;
    for (TrStackRef *p = f->localsplus; p < f->sp; p++)
        if (sr_is_owned(*p)) visit(sr_obj(*p), arg);
}

/* The collector's finalizer, run on every member of a garbage cycle before
 * any is cleared: a suspended try/with is closed (its finally blocks run),
 * as CPython's generator finalizer does; a coroutine that never ran warns,
 * an async generator with a finalizer hook goes to it. */
void gen_finalize(TrThread *ts, TrObject *o) {
    TrGen *g = (TrGen *)o;
    if (atomic_load_u32_relaxed(&g->running)) return;
    uint32_t st = atomic_load_u32_relaxed(&g->state);
    if (g->kind == GEN_KIND_COROUTINE && st == GEN_CREATED) {
        coro_warn_unawaited(ts, o);
        return;
    }
    if (g->kind == GEN_KIND_ASYNCGEN && st != GEN_FINISHED && asyncgen_call_finalizer(ts, o)) return;
    if (st != GEN_SUSPENDED || g->frame->nblocks == 0) return;
    TrObject *pending = err_fetch(ts);
    TrObject *r = gen_close_ex(ts, g);
    if (r) tr_decref(r);
    else err_write_unraisable(ts, NULL, o);
    if (pending) err_restore(ts, pending);
}

/* The collector's clear: the frame drops what it holds. */
void gen_clear(TrThread *ts, TrObject *o) {
    TrGen *g = (TrGen *)o;
    if (!acquire(ts, g)) { err_clear(ts); return; }
    if (g->state != GEN_FINISHED) {
        frame_close(g->frame);
        atomic_store_u32_relaxed(&g->state, GEN_FINISHED);
    }
    TrObject *e = g->exc_state, *fin = g->ag_finalizer;
    g->exc_state = NULL;
    g->ag_finalizer = NULL;
    release(g);
    tr_xdecref(e);
    tr_xdecref(fin);
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
