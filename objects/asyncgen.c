/* objects/asyncgen.c: `async_generator` (PEP 525), the object calling an
 * `async def` with `yield` returns; the awaitables its methods return
 * (`async_generator_asend` for __anext__() and asend(), and
 * `async_generator_athrow` for athrow() and aclose()); the wrapper its own
 * yields travel in; what `async for` needs (GET_AITER, GET_ANEXT); the
 * builtins aiter() and anext() with `anext_awaitable`; and the per-thread
 * hooks of sys.set_asyncgen_hooks.
 *
 * Design.  An async generator is a TrGen of kind GEN_KIND_ASYNCGEN
 * (objects/gen_int.h) run by objects/gen.c.  Its frame suspends for two
 * reasons: its own `yield v`, compiled as ASYNC_GEN_WRAP + YIELD_VALUE so
 * that the value arrives wrapped, and an `await` inside it, whose yields
 * arrive bare and must go up to the event loop.  An asend/athrow object is
 * the awaitable of one step: each send() runs the frame; a bare value is
 * yielded up (the step goes on), a wrapped one ends the step with
 * StopIteration(v), and the frame's end ends it with StopAsyncIteration.
 * `ag_running_async` is 1 from a step's first send until the step ends, so
 * a second step started meanwhile gets "anext(): asynchronous generator is
 * already running".
 *
 * Threads: `ag_running_async` is taken by CAS 0 -> 1 and given back by a
 * store of 0; `ag_closed` is a flag set with relaxed stores; the first step
 * takes `ag_hooks_inited` by CAS and, once, stores the finalizer hook (a
 * release store; dealloc and the collector read it when no thread can still
 * be storing).  An awaitable's `state` goes INIT -> ITER -> CLOSED by atomic
 * operations; the frame itself is guarded by the generator's running flag,
 * so two threads driving one awaitable get "async generator already
 * executing", never a torn frame.  The hooks live on the thread
 * (TrThread.asyncgen_firstiter / asyncgen_finalizer, owner only).
 * Lock order: none is held here. */
#include <stdio.h>
#include <string.h>
#include "torii/torii.h"
#include "stdlib/stdlib.h"
#include "objects/gen_int.h"

enum { AW_INIT, AW_ITER, AW_CLOSED };

static TrObject *s_aiter, *s_anext;   /* interned names, made once */

/* Raises TypeError `msg` with the pending exception as its __cause__ (and
 * context), as CPython's _PyErr_FormatFromCause. */
static void raise_from_cause(TrThread *ts, const char *msg) {
    TrObject *cause = err_fetch(ts);
    err_set(ts, &tr_exc_TypeError, msg);
    if (!cause) return;
    TrExc *e = (TrExc *)ts->exc;
    tr_xdecref(e->cause);
    e->cause = tr_newref(cause);
    tr_xdecref(e->context);
    e->context = cause;
    e->suppress_context = true;
}

/* Reports "coroutine method 'asend' of 'g' was never awaited" through the
 * warnings module; the pending exception is kept. */
static void warn_unawaited_method(TrThread *ts, TrObject *gen, const char *method) {
    TrObject *pending = err_fetch(ts);
    TrObject *name = str_from_cstr(ts, "warnings");
    TrObject *mod = name ? runtime_import(ts, name) : NULL;
    tr_xdecref(name);
    TrObject *fn = mod ? tr_getattr_cstr(ts, mod, "_warn_unawaited_agen_method") : NULL;
    tr_xdecref(mod);
    TrObject *m = fn ? str_from_cstr(ts, method) : NULL;
    TrObject *args[2] = {gen, m};
    TrObject *r = m ? tr_call(ts, fn, args, 2, NULL) : NULL;
    tr_xdecref(m);
    tr_xdecref(fn);
    if (r) tr_decref(r);
    else err_write_unraisable(ts, NULL, gen);
    if (pending) err_restore(ts, pending);
}

/* ---- the wrapped value ---------------------------------------------------- */

typedef struct TrAgWrapped {
    TrObject ob_base;
    TrObject *val;            /* owned */
} TrAgWrapped;

static void wrapped_dealloc(TrThread *ts, TrObject *o) {
    TR_CLEAR(((TrAgWrapped *)o)->val);
    tr_free(o);
}

static void wrapped_traverse(TrObject *o, tr_visitfunc visit, void *arg) { visit(((TrAgWrapped *)o)->val, arg); }

static TrType wrapped_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "async_generator_wrapped_value",
    .flags = TR_TPFLAG_GC,
    .basicsize = sizeof(TrAgWrapped),
    .base = &tr_object_type,
    .dealloc = wrapped_dealloc,
    .traverse = wrapped_traverse,
};

TrObject *asyncgen_wrap(TrThread *ts, TrObject *v) {
    TrAgWrapped *w = (TrAgWrapped *)tr_alloc(ts, &wrapped_type);
    if (!w) return NULL;
    w->val = tr_newref(v);
    return (TrObject *)w;
}

static int is_wrapped(TrObject *o) { return tr_type(o) == &wrapped_type; }

/* ---- hooks ----------------------------------------------------------------- */

/* The first step of `g` picks up the thread's hooks: keeps the finalizer and
 * calls firstiter(g).  0, or -1 with firstiter's exception. */
static int init_hooks(TrThread *ts, TrGen *g) {
    if (atomic_load_u32_relaxed(&g->ag_hooks_inited) || atomic_cas_u32(&g->ag_hooks_inited, 0, 1) != 0) return 0;
    if (ts->asyncgen_finalizer)
        /* release: pairs with the reads once the generator dies */
        atomic_store_ptr_release(&g->ag_finalizer, tr_newref(ts->asyncgen_finalizer));
    if (ts->asyncgen_firstiter) {
        TrObject *hook = tr_newref(ts->asyncgen_firstiter);    /* it may replace the hooks */
        TrObject *arg = (TrObject *)g;
        TrObject *r = tr_call(ts, hook, &arg, 1, NULL);
        tr_decref(hook);
        if (!r) return -1;
        tr_decref(r);
    }
    return 0;
}

int asyncgen_call_finalizer(TrThread *ts, TrObject *o) {
    TrGen *g = (TrGen *)o;
    TrObject *fin = atomic_load_objptr_acquire(&g->ag_finalizer);
    if (!fin || atomic_load_u32_relaxed(&g->ag_closed)) return 0;
    TrObject *pending = err_fetch(ts);
    tr_incref(fin);
    TrObject *r = tr_call(ts, fin, &o, 1, NULL);
    tr_decref(fin);
    if (r) tr_decref(r);
    else err_write_unraisable(ts, NULL, o);
    if (pending) err_restore(ts, pending);
    return 1;
}

/* The end of one step's send or throw: `r`/`out` as gen_send_ex gives them.
 * A wrapped value ends the step with StopIteration(v); the frame's end with
 * StopAsyncIteration; a bare value (from an await inside) is returned for
 * the step to yield up.  Returns that value, or NULL with the exception set
 * (then the step is over and `ag_running_async` is 0 again). */
static TrObject *unwrap(TrThread *ts, TrGen *g, int r, TrObject *out) {
    if (r == 1 && !is_wrapped(out)) return out;
    if (r == 1) {
        TrObject *v = tr_newref(((TrAgWrapped *)out)->val);
        tr_decref(out);
        atomic_store_u32_relaxed(&g->ag_running_async, 0);
        return gen_raise_stop(ts, v);
    }
    if (r == 0) {
        tr_decref(out);
        TrObject *e = exc_new(ts, &tr_exc_StopAsyncIteration, NULL, 0);
        if (e) err_restore(ts, e);
    }
    if (err_matches(ts, &tr_exc_StopAsyncIteration) || err_matches(ts, &tr_exc_GeneratorExit))
        atomic_store_u32_relaxed(&g->ag_closed, 1);
    atomic_store_u32_relaxed(&g->ag_running_async, 0);
    return NULL;
}

/* ---- async_generator_asend: __anext__() and asend(v) ------------------------- */

typedef struct TrAgAsend {
    TrObject ob_base;
    TrObject *gen;            /* owned async generator */
    TrObject *sendval;        /* owned: the value the first send passes in */
    uint32_t state;           /* atomic AW_* */
} TrAgAsend;

static TrType asend_type;

static TrObject *asend_new(TrThread *ts, TrObject *gen, TrObject *v) {
    if (init_hooks(ts, (TrGen *)gen) < 0) return NULL;
    TrAgAsend *a = (TrAgAsend *)tr_alloc(ts, &asend_type);
    if (!a) return NULL;
    a->gen = tr_newref(gen);
    a->sendval = tr_newref(v);
    a->state = AW_INIT;
    return (TrObject *)a;
}

/* INIT -> ITER, taking the generator's step; -1 with RuntimeError when the
 * awaitable is spent or another step runs. */
static int asend_start(TrThread *ts, TrAgAsend *a) {
    uint32_t st = atomic_load_u32_relaxed(&a->state);
    if (st == AW_CLOSED) {
        err_set(ts, &tr_exc_RuntimeError, "cannot reuse already awaited __anext__()/asend()");
        return -1;
    }
    if (st == AW_INIT) {
        TrGen *g = (TrGen *)a->gen;
        if (atomic_cas_u32(&g->ag_running_async, 0, 1) != 0) {
            atomic_store_u32_relaxed(&a->state, AW_CLOSED);
            err_set(ts, &tr_exc_RuntimeError, "anext(): asynchronous generator is already running");
            return -1;
        }
        atomic_store_u32_relaxed(&a->state, AW_ITER);
        return 1;
    }
    return 0;
}

/* send(arg): 1 started now (the first send passes `sendval` for None). */
static TrObject *asend_send_one(TrThread *ts, TrAgAsend *a, TrObject *arg) {
    int first = asend_start(ts, a);
    if (first < 0) return NULL;
    if (first && arg == tr_none) arg = a->sendval;
    TrObject *out = NULL;
    int r = gen_send_ex(ts, (TrGen *)a->gen, arg, &out);
    TrObject *res = unwrap(ts, (TrGen *)a->gen, r, out);
    if (!res) atomic_store_u32_relaxed(&a->state, AW_CLOSED);
    return res;
}

static TrObject *asend_send(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "send", nargs, kwnames, 1, 1) < 0) return NULL;
    return asend_send_one(ts, (TrAgAsend *)self, args[0]);
}

static TrObject *asend_iternext(TrThread *ts, TrObject *o) { return asend_send_one(ts, (TrAgAsend *)o, tr_none); }

/* Throws typ/val into the generator for a step (asend or athrow): the
 * generator's answer, as gen_throw_ex gives it. */
static int throw_into(TrThread *ts, TrGen *g, TrObject *const *args, size_t nargs, TrObject **out) {
    TrObject *exc = gen_throw_value(ts, args[0], nargs > 1 ? args[1] : NULL);
    if (!exc) return -1;
    return gen_throw_ex(ts, g, exc, 0, out);
}

static int check_throw_args(TrThread *ts, size_t nargs, TrObject *kwnames) {
    if (kwnames && tuple_size(kwnames)) {
        err_set(ts, &tr_exc_TypeError, "throw() takes no keyword arguments");
        return -1;
    }
    if (nargs < 1 || nargs > 3) {
        err_format(ts, &tr_exc_TypeError, "throw expected at %s 3 arguments, got %zu",
                   nargs < 1 ? "least 1 argument" : "most", nargs);
        return -1;
    }
    return 0;
}

static TrObject *asend_throw(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (check_throw_args(ts, nargs, kwnames) < 0) return NULL;
    TrAgAsend *a = (TrAgAsend *)self;
    if (asend_start(ts, a) < 0) return NULL;
    TrObject *out = NULL;
    int r = throw_into(ts, (TrGen *)a->gen, args, nargs, &out);
    TrObject *res = unwrap(ts, (TrGen *)a->gen, r, out);
    if (!res) atomic_store_u32_relaxed(&a->state, AW_CLOSED);
    return res;
}

static TrObject *aw_close(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "close", nargs, kwnames, 0, 0) < 0) return NULL;
    /* both awaitables keep `state` at the same offset after the generator */
    atomic_store_u32_relaxed(&((TrAgAsend *)self)->state, AW_CLOSED);
    return tr_newref(tr_none);
}

static TrObject *aw_self(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (nargs || (kwnames && tuple_size(kwnames)))
        return err_format(ts, &tr_exc_TypeError, "expected 0 arguments, got %zu", nargs);
    return tr_newref(self);
}

static TrObject *aw_iter(TrThread *ts, TrObject *o) { return tr_newref(o); }

static TrObject *asend_next(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (nargs || (kwnames && tuple_size(kwnames)))
        return err_format(ts, &tr_exc_TypeError, "expected 0 arguments, got %zu", nargs);
    return asend_iternext(ts, self);
}

static void asend_dealloc(TrThread *ts, TrObject *o) {
    TrAgAsend *a = (TrAgAsend *)o;
    if (ts && a->state == AW_INIT) warn_unawaited_method(ts, a->gen, "asend");
    TR_CLEAR(a->gen);
    TR_CLEAR(a->sendval);
    tr_free(o);
}

static void asend_traverse(TrObject *o, tr_visitfunc visit, void *arg) {
    visit(((TrAgAsend *)o)->gen, arg);
    visit(((TrAgAsend *)o)->sendval, arg);
}

static const TrMethodDef asend_methods[] = {
    {"send", asend_send},
    {"throw", asend_throw},
    {"close", aw_close},
    {"__await__", aw_self},
    {"__iter__", aw_self},
    {"__next__", asend_next},
    {NULL, NULL},
};

static TrType asend_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "async_generator_asend",
    .flags = TR_TPFLAG_GC,
    .basicsize = sizeof(TrAgAsend),
    .base = &tr_object_type,
    .dealloc = asend_dealloc,
    .iter = aw_iter,
    .iternext = asend_iternext,
    .methods = asend_methods,
    .traverse = asend_traverse,
};

/* ---- async_generator_athrow: athrow(...) and aclose() ------------------------ */

typedef struct TrAgAthrow {
    TrObject ob_base;
    TrObject *gen;            /* owned async generator */
    TrObject *args;           /* owned tuple of athrow's arguments, or NULL for aclose() */
    uint32_t state;           /* atomic AW_* */
} TrAgAthrow;

static TrType athrow_type;

static TrObject *athrow_new(TrThread *ts, TrObject *gen, TrObject *args) {
    if (init_hooks(ts, (TrGen *)gen) < 0) return NULL;
    TrAgAthrow *t = (TrAgAthrow *)tr_alloc(ts, &athrow_type);
    if (!t) return NULL;
    t->gen = tr_newref(gen);
    t->args = args ? tr_newref(args) : NULL;
    t->state = AW_INIT;
    return (TrObject *)t;
}

/* The end of an aclose() step: a yield of the generator's own is "async
 * generator ignored GeneratorExit"; its end (StopAsyncIteration or
 * GeneratorExit) is the step's end, StopIteration. */
static TrObject *close_result(TrThread *ts, TrAgAthrow *t, int r, TrObject *out) {
    TrGen *g = (TrGen *)t->gen;
    if (r == 1 && !is_wrapped(out)) return out;
    atomic_store_u32_relaxed(&g->ag_running_async, 0);
    atomic_store_u32_relaxed(&t->state, AW_CLOSED);
    if (r == 1) {
        tr_decref(out);
        err_set(ts, &tr_exc_RuntimeError, "async generator ignored GeneratorExit");
        return NULL;
    }
    if (r == 0) tr_decref(out);
    if (r == 0 || err_matches(ts, &tr_exc_StopAsyncIteration) || err_matches(ts, &tr_exc_GeneratorExit)) {
        err_clear(ts);
        TrObject *e = exc_new(ts, &tr_exc_StopIteration, NULL, 0);
        if (e) err_restore(ts, e);
    }
    return NULL;
}

static TrObject *athrow_send_one(TrThread *ts, TrAgAthrow *t, TrObject *arg) {
    TrGen *g = (TrGen *)t->gen;
    uint32_t st = atomic_load_u32_relaxed(&t->state);
    if (st == AW_CLOSED) {
        err_set(ts, &tr_exc_RuntimeError, "cannot reuse already awaited aclose()/athrow()");
        return NULL;
    }
    if (atomic_load_u32_relaxed(&g->state) == GEN_FINISHED) {
        atomic_store_u32_relaxed(&t->state, AW_CLOSED);
        TrObject *e = exc_new(ts, &tr_exc_StopIteration, NULL, 0);
        if (e) err_restore(ts, e);
        return NULL;
    }
    TrObject *out = NULL;
    int r;
    if (st == AW_INIT) {
        if (atomic_cas_u32(&g->ag_running_async, 0, 1) != 0) {
            atomic_store_u32_relaxed(&t->state, AW_CLOSED);
            err_set(ts, &tr_exc_RuntimeError, t->args ? "athrow(): asynchronous generator is already running"
                                                      : "aclose(): asynchronous generator is already running");
            return NULL;
        }
        if (atomic_load_u32_relaxed(&g->ag_closed)) {
            atomic_store_u32_relaxed(&g->ag_running_async, 0);
            atomic_store_u32_relaxed(&t->state, AW_CLOSED);
            TrObject *e = exc_new(ts, &tr_exc_StopAsyncIteration, NULL, 0);
            if (e) err_restore(ts, e);
            return NULL;
        }
        if (arg != tr_none) {
            atomic_store_u32_relaxed(&g->ag_running_async, 0);
            err_set(ts, &tr_exc_RuntimeError, "can't send non-None value to a just-started coroutine");
            return NULL;
        }
        atomic_store_u32_relaxed(&t->state, AW_ITER);
        if (!t->args) {
            atomic_store_u32_relaxed(&g->ag_closed, 1);
            TrObject *exc = exc_new(ts, &tr_exc_GeneratorExit, NULL, 0);
            r = exc ? gen_throw_ex(ts, g, exc, 0, &out) : -1;
            return close_result(ts, t, r, out);
        }
        r = throw_into(ts, g, ((TrTuple *)t->args)->items, tuple_size(t->args), &out);
    } else {
        r = gen_send_ex(ts, g, arg, &out);
        if (!t->args) return close_result(ts, t, r, out);
    }
    TrObject *res = unwrap(ts, g, r, out);
    if (!res) atomic_store_u32_relaxed(&t->state, AW_CLOSED);
    return res;
}

static TrObject *athrow_send(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "send", nargs, kwnames, 1, 1) < 0) return NULL;
    return athrow_send_one(ts, (TrAgAthrow *)self, args[0]);
}

static TrObject *athrow_iternext(TrThread *ts, TrObject *o) { return athrow_send_one(ts, (TrAgAthrow *)o, tr_none); }

static TrObject *athrow_next(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (nargs || (kwnames && tuple_size(kwnames)))
        return err_format(ts, &tr_exc_TypeError, "expected 0 arguments, got %zu", nargs);
    return athrow_iternext(ts, self);
}

static TrObject *athrow_throw(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (check_throw_args(ts, nargs, kwnames) < 0) return NULL;
    TrAgAthrow *t = (TrAgAthrow *)self;
    TrGen *g = (TrGen *)t->gen;
    uint32_t st = atomic_load_u32_relaxed(&t->state);
    if (st == AW_CLOSED) {
        err_set(ts, &tr_exc_RuntimeError, "cannot reuse already awaited aclose()/athrow()");
        return NULL;
    }
    if (st == AW_INIT) {
        if (atomic_cas_u32(&g->ag_running_async, 0, 1) != 0) {
            atomic_store_u32_relaxed(&t->state, AW_CLOSED);
            err_set(ts, &tr_exc_RuntimeError, t->args ? "athrow(): asynchronous generator is already running"
                                                      : "aclose(): asynchronous generator is already running");
            return NULL;
        }
        atomic_store_u32_relaxed(&t->state, AW_ITER);
    }
    TrObject *out = NULL;
    int r = throw_into(ts, g, args, nargs, &out);
    if (!t->args) return close_result(ts, t, r, out);
    TrObject *res = unwrap(ts, g, r, out);
    if (!res) atomic_store_u32_relaxed(&t->state, AW_CLOSED);
    return res;
}

static void athrow_dealloc(TrThread *ts, TrObject *o) {
    TrAgAthrow *t = (TrAgAthrow *)o;
    if (ts && t->state == AW_INIT) warn_unawaited_method(ts, t->gen, t->args ? "athrow" : "aclose");
    TR_CLEAR(t->gen);
    TR_CLEAR(t->args);
    tr_free(o);
}

static void athrow_traverse(TrObject *o, tr_visitfunc visit, void *arg) {
    visit(((TrAgAthrow *)o)->gen, arg);
    visit(((TrAgAthrow *)o)->args, arg);
}

static const TrMethodDef athrow_methods[] = {
    {"send", athrow_send},
    {"throw", athrow_throw},
    {"close", aw_close},
    {"__await__", aw_self},
    {"__iter__", aw_self},
    {"__next__", athrow_next},
    {NULL, NULL},
};

static TrType athrow_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "async_generator_athrow",
    .flags = TR_TPFLAG_GC,
    .basicsize = sizeof(TrAgAthrow),
    .base = &tr_object_type,
    .dealloc = athrow_dealloc,
    .iter = aw_iter,
    .iternext = athrow_iternext,
    .methods = athrow_methods,
    .traverse = athrow_traverse,
};

/* ---- the async generator ---------------------------------------------------- */

static TrObject *ag_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    if (str_equal_cstr(name, "ag_running"))
        return tr_newref(tr_bool(atomic_load_u32_relaxed(&((TrGen *)o)->ag_running_async) != 0));
    return gen_getattr_as(ts, o, name, "ag");
}

static TrObject *ag_anext_slot(TrThread *ts, TrObject *o) { return asend_new(ts, o, tr_none); }

static TrObject *ag_anext(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (nargs || (kwnames && tuple_size(kwnames)))
        return err_format(ts, &tr_exc_TypeError, "expected 0 arguments, got %zu", nargs);
    return ag_anext_slot(ts, self);
}

static TrObject *ag_asend(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "asend", nargs, kwnames, 1, 1) < 0) return NULL;
    return asend_new(ts, self, args[0]);
}

static TrObject *ag_athrow(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (check_throw_args(ts, nargs, kwnames) < 0) return NULL;
    TrObject *t = tuple_from_array(ts, args, nargs);
    if (!t) return NULL;
    TrObject *r = athrow_new(ts, self, t);
    tr_decref(t);
    return r;
}

static TrObject *ag_aclose(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "aclose", nargs, kwnames, 0, 0) < 0) return NULL;
    return athrow_new(ts, self, NULL);
}

static const TrMethodDef ag_methods[] = {
    {"__aiter__", aw_self},
    {"__anext__", ag_anext},
    {"asend", ag_asend},
    {"athrow", ag_athrow},
    {"aclose", ag_aclose},
    {NULL, NULL},
};

TrType tr_async_generator_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "async_generator",
    .flags = TR_TPFLAG_WEAKREFABLE | TR_TPFLAG_GC,
    .basicsize = sizeof(TrGen),
    .base = &tr_object_type,
    .dealloc = gen_dealloc,
    .repr = gen_repr,
    .hash = gen_hash,
    .getattr = ag_getattr,
    .methods = ag_methods,
    .traverse = gen_traverse,
    .clear = gen_clear,
    .finalize = gen_finalize,
};

/* ---- async for --------------------------------------------------------------- */

/* 1 if `o`'s type has __anext__; -1 on a failed lookup. */
static int has_anext(TrThread *ts, TrObject *o) {
    if (tr_type(o) == &tr_async_generator_type) return 1;
    TrObject *m = coro_special(ts, o, &s_anext, "__anext__");
    if (m) { tr_decref(m); return 1; }
    return err_occurred(ts) ? -1 : 0;
}

TrObject *asyncgen_get_aiter(TrThread *ts, TrObject *o) {
    if (tr_type(o) == &tr_async_generator_type) return tr_newref(o);
    TrObject *m = coro_special(ts, o, &s_aiter, "__aiter__");
    if (!m) {
        if (err_occurred(ts)) return NULL;
        return err_format(ts, &tr_exc_TypeError, "'async for' requires an object with __aiter__ method, got %T", o);
    }
    TrObject *it = tr_call(ts, m, NULL, 0, NULL);
    tr_decref(m);
    if (!it) return NULL;
    int h = has_anext(ts, it);
    if (h <= 0) {
        if (h == 0)
            err_format(ts, &tr_exc_TypeError,
                       "'async for' received an object from __aiter__ that does not implement __anext__: %T", it);
        tr_decref(it);
        return NULL;
    }
    return it;
}

TrObject *asyncgen_get_anext(TrThread *ts, TrObject *aiter) {
    if (tr_type(aiter) == &tr_async_generator_type) return ag_anext_slot(ts, aiter);
    TrObject *m = coro_special(ts, aiter, &s_anext, "__anext__");
    if (!m) {
        if (err_occurred(ts)) return NULL;
        return err_format(ts, &tr_exc_TypeError, "'async for' requires an iterator with __anext__ method, got %T",
                          aiter);
    }
    TrObject *next = tr_call(ts, m, NULL, 0, NULL);
    tr_decref(m);
    if (!next) return NULL;
    TrObject *aw = coro_get_awaitable(ts, next, 0);
    if (!aw) {
        char msg[200];
        snprintf(msg, sizeof msg, "'async for' received an invalid object from __anext__: %.100s",
                 tr_type_name(next));
        raise_from_cause(ts, msg);
    }
    tr_decref(next);
    return aw;
}

/* ---- aiter() and anext() --------------------------------------------------- */

TrObject *asyncgen_builtin_aiter(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "aiter", nargs, kwnames, 1, 1) < 0) return NULL;
    TrObject *o = args[0];
    if (tr_type(o) == &tr_async_generator_type) return tr_newref(o);
    TrObject *m = coro_special(ts, o, &s_aiter, "__aiter__");
    if (!m) {
        if (err_occurred(ts)) return NULL;
        return err_format(ts, &tr_exc_TypeError, "'%T' object is not an async iterable", o);
    }
    TrObject *it = tr_call(ts, m, NULL, 0, NULL);
    tr_decref(m);
    if (!it) return NULL;
    int h = has_anext(ts, it);
    if (h <= 0) {
        if (h == 0) err_format(ts, &tr_exc_TypeError, "aiter() returned not an async iterator of type '%T'", it);
        tr_decref(it);
        return NULL;
    }
    return it;
}

/* anext_awaitable: anext(it, default)'s result.  Awaiting it awaits
 * it.__anext__()'s awaitable, turning its StopAsyncIteration into the
 * default.  `wrapped` and `dflt` never change. */
typedef struct TrAnextAwaitable {
    TrObject ob_base;
    TrObject *wrapped;        /* owned: what __anext__ returned */
    TrObject *dflt;           /* owned */
} TrAnextAwaitable;

static TrType anext_awaitable_type;

/* One step into the wrapped awaitable: `mode` 0 send(arg), 1 throw(args).
 * Returns what it yields, or NULL: StopIteration(result) when it returned,
 * StopIteration(default) when it raised StopAsyncIteration, else its error. */
static TrObject *anext_step(TrThread *ts, TrAnextAwaitable *a, int mode, TrObject *arg, TrObject *const *targs,
                            size_t ntargs) {
    TrObject *it = coro_get_awaitable(ts, a->wrapped, 0);
    if (!it) return NULL;
    TrObject *out = NULL;
    int r;
    if (mode == 0) {
        r = gen_yf_send(ts, it, arg, &out);
    } else {
        TrObject *m = tr_getattr_cstr(ts, it, "throw");
        out = m ? tr_call(ts, m, targs, ntargs, NULL) : NULL;
        tr_xdecref(m);
        r = out ? 1 : -1;
    }
    tr_decref(it);
    if (r == 1) return out;
    if (r == 0) return gen_raise_stop(ts, out);
    if (err_matches(ts, &tr_exc_StopAsyncIteration)) {
        err_clear(ts);
        return gen_raise_stop(ts, tr_newref(a->dflt));
    }
    return NULL;
}

static TrObject *anext_send(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "send", nargs, kwnames, 1, 1) < 0) return NULL;
    return anext_step(ts, (TrAnextAwaitable *)self, 0, args[0], NULL, 0);
}

static TrObject *anext_iternext(TrThread *ts, TrObject *o) {
    return anext_step(ts, (TrAnextAwaitable *)o, 0, tr_none, NULL, 0);
}

static TrObject *anext_next(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (nargs || (kwnames && tuple_size(kwnames)))
        return err_format(ts, &tr_exc_TypeError, "expected 0 arguments, got %zu", nargs);
    return anext_iternext(ts, self);
}

static TrObject *anext_throw(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (check_throw_args(ts, nargs, kwnames) < 0) return NULL;
    return anext_step(ts, (TrAnextAwaitable *)self, 1, NULL, args, nargs);
}

static TrObject *anext_close(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "close", nargs, kwnames, 0, 0) < 0) return NULL;
    TrObject *it = coro_get_awaitable(ts, ((TrAnextAwaitable *)self)->wrapped, 0);
    if (!it) return NULL;
    TrObject *m = tr_getattr_cstr(ts, it, "close");
    tr_decref(it);
    if (!m) {
        if (!err_matches(ts, &tr_exc_AttributeError)) return NULL;
        err_clear(ts);
        return tr_newref(tr_none);
    }
    TrObject *r = tr_call(ts, m, NULL, 0, NULL);
    tr_decref(m);
    return r;
}

static void anext_dealloc(TrThread *ts, TrObject *o) {
    TR_CLEAR(((TrAnextAwaitable *)o)->wrapped);
    TR_CLEAR(((TrAnextAwaitable *)o)->dflt);
    tr_free(o);
}

static void anext_traverse(TrObject *o, tr_visitfunc visit, void *arg) {
    visit(((TrAnextAwaitable *)o)->wrapped, arg);
    visit(((TrAnextAwaitable *)o)->dflt, arg);
}

static const TrMethodDef anext_methods[] = {
    {"send", anext_send},
    {"throw", anext_throw},
    {"close", anext_close},
    {"__await__", aw_self},
    {"__iter__", aw_self},
    {"__next__", anext_next},
    {NULL, NULL},
};

static TrType anext_awaitable_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "anext_awaitable",
    .flags = TR_TPFLAG_GC,
    .basicsize = sizeof(TrAnextAwaitable),
    .base = &tr_object_type,
    .dealloc = anext_dealloc,
    .iter = aw_iter,
    .iternext = anext_iternext,
    .methods = anext_methods,
    .traverse = anext_traverse,
};

TrObject *asyncgen_builtin_anext(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "anext", nargs, kwnames, 1, 2) < 0) return NULL;
    TrObject *o = args[0];
    TrObject *aw;
    if (tr_type(o) == &tr_async_generator_type) {
        aw = ag_anext_slot(ts, o);
    } else {
        TrObject *m = coro_special(ts, o, &s_anext, "__anext__");
        if (!m) {
            if (err_occurred(ts)) return NULL;
            return err_format(ts, &tr_exc_TypeError, "'%T' object is not an async iterator", o);
        }
        aw = tr_call(ts, m, NULL, 0, NULL);
        tr_decref(m);
    }
    if (!aw || nargs == 1) return aw;
    TrAnextAwaitable *a = (TrAnextAwaitable *)tr_alloc(ts, &anext_awaitable_type);
    if (!a) { tr_decref(aw); return NULL; }
    a->wrapped = aw;
    a->dflt = tr_newref(args[1]);
    return (TrObject *)a;
}

/* ---- sys.set_asyncgen_hooks / get_asyncgen_hooks ------------------------------ */

/* asyncgen_hooks(firstiter=..., finalizer=...): a 2-tuple with names. */
static TrObject *hooks_repr(TrThread *ts, TrObject *o) {
    TrTuple *t = (TrTuple *)o;
    TrObject *a = tr_repr(ts, t->items[0]);
    TrObject *b = a ? tr_repr(ts, t->items[1]) : NULL;
    TrObject *r = b ? str_format(ts, "asyncgen_hooks(firstiter=%s, finalizer=%s)", str_utf8(a), str_utf8(b)) : NULL;
    tr_xdecref(a);
    tr_xdecref(b);
    return r;
}

static TrObject *hooks_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    if (str_equal_cstr(name, "firstiter")) return tr_newref(((TrTuple *)o)->items[0]);
    if (str_equal_cstr(name, "finalizer")) return tr_newref(((TrTuple *)o)->items[1]);
    return tr_generic_getattr(ts, o, name);
}

static void hooks_dealloc(TrThread *ts, TrObject *o) { tr_tuple_type.dealloc(ts, o); }

static TrType hooks_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "asyncgen_hooks",
    .base = &tr_tuple_type,
    .basicsize = sizeof(TrTuple) + 2 * sizeof(TrObject *),
    .dealloc = hooks_dealloc,
    .repr = hooks_repr,
    .getattr = hooks_getattr,
};

TrObject *asyncgen_get_hooks(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "get_asyncgen_hooks", nargs, kwnames, 0, 0) < 0) return NULL;
    TrTuple *t = (TrTuple *)tr_alloc_var(ts, &hooks_type, sizeof(TrTuple) + 2 * sizeof(TrObject *));
    if (!t) return NULL;
    t->size = 2;
    t->hash = -1;
    t->items[0] = tr_newref(ts->asyncgen_firstiter ? ts->asyncgen_firstiter : tr_none);
    t->items[1] = tr_newref(ts->asyncgen_finalizer ? ts->asyncgen_finalizer : tr_none);
    return (TrObject *)t;
}

static int is_callable(TrObject *o) {
    TrType *t = tr_type(o);
    return t->call != NULL || t == &tr_type_type || tr_type_is_subtype(t, &tr_type_type);
}

TrObject *asyncgen_set_hooks(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"firstiter", "finalizer"};
    TrObject *a[2] = {NULL, NULL};
    if (args_parse_clinic(ts, "set_asyncgen_hooks", args, nargs, kwnames, names, 2, 0, 0, a) < 0) return NULL;
    TrObject *first = a[0], *fin = a[1];
    if (fin && fin != tr_none && !is_callable(fin))
        return err_format(ts, &tr_exc_TypeError, "callable finalizer expected, got %.50s", tr_type_name(fin));
    if (first && first != tr_none && !is_callable(first))
        return err_format(ts, &tr_exc_TypeError, "callable firstiter expected, got %.50s", tr_type_name(first));
    if (fin) {
        TrObject *old = ts->asyncgen_finalizer;
        ts->asyncgen_finalizer = fin == tr_none ? NULL : tr_newref(fin);
        tr_xdecref(old);
    }
    if (first) {
        TrObject *old = ts->asyncgen_firstiter;
        ts->asyncgen_firstiter = first == tr_none ? NULL : tr_newref(first);
        tr_xdecref(old);
    }
    return tr_newref(tr_none);
}

int asyncgen_types_init(TrThread *ts) {
    static TrType *const types[] = {
        &tr_async_generator_type, &asend_type, &athrow_type, &wrapped_type, &anext_awaitable_type, &hooks_type,
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (type_ready(ts, types[i]) < 0) return -1;
    return 0;
}
