/* objects/coro.c: `coroutine`, the object calling an `async def` function
 * returns (PEP 492), its `coroutine_wrapper` (what coro.__await__() returns),
 * and what `await` needs from the object layer: GET_AWAITABLE's conversion
 * of an awaited object to the iterator the frame delegates to, and the
 * "never awaited" RuntimeWarning.
 *
 * A coroutine is a TrGen of kind GEN_KIND_COROUTINE (objects/gen_int.h): it
 * runs, suspends and guards its frame exactly as a generator does
 * (objects/gen.c), so a coroutine driven by two threads at once gives the
 * second "ValueError: coroutine already executing".  `await x` is
 * GET_AWAITABLE; LOAD_CONST None; YIELD_FROM: the frame delegates to the
 * awaited coroutine (or to the iterator __await__ returned) until it
 * returns, passing what it yields up to whoever drives the outermost
 * coroutine (an event loop, or a test's `send(None)` loop).
 *
 * Threads: a coroutine_wrapper only holds its coroutine (owned, never
 * changes); everything else goes through the coroutine's running flag.
 * Lock order: none is held here. */
#include <string.h>
#include "torii/torii.h"
#include "objects/gen_int.h"

/* ---- the coroutine -------------------------------------------------------- */

static TrObject *coro_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    return gen_getattr_as(ts, o, name, "cr");
}

typedef struct TrCoroWrapper {
    TrObject ob_base;
    TrObject *coro;           /* owned coroutine */
} TrCoroWrapper;

static TrType coro_wrapper_type;

static TrObject *coro_await(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (nargs || (kwnames && tuple_size(kwnames)))
        return err_format(ts, &tr_exc_TypeError, "expected 0 arguments, got %zu", nargs);
    TrCoroWrapper *w = (TrCoroWrapper *)tr_alloc(ts, &coro_wrapper_type);
    if (!w) return NULL;
    w->coro = tr_newref(self);
    return (TrObject *)w;
}

static const TrMethodDef coro_methods[] = {
    {"send", gen_send},
    {"throw", gen_throw},
    {"close", gen_close},
    {"__await__", coro_await},
    {NULL, NULL},
};

TrType tr_coroutine_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "coroutine",
    .flags = TR_TPFLAG_WEAKREFABLE | TR_TPFLAG_GC,
    .basicsize = sizeof(TrGen),
    .base = &tr_object_type,
    .dealloc = gen_dealloc,
    .repr = gen_repr,
    .hash = gen_hash,
    .getattr = coro_getattr,
    .methods = coro_methods,
    .traverse = gen_traverse,
    .clear = gen_clear,
    .finalize = gen_finalize,
};

/* ---- coroutine_wrapper: the iterator of coro.__await__() -------------------- */

static void wrapper_dealloc(TrThread *ts, TrObject *o) {
    TR_CLEAR(((TrCoroWrapper *)o)->coro);
    tr_free(o);
}

static TrObject *wrapper_iter(TrThread *ts, TrObject *o) { return tr_newref(o); }

static TrObject *wrapper_iternext(TrThread *ts, TrObject *o) {
    TrObject *out = NULL;
    int r = gen_send_ex(ts, (TrGen *)((TrCoroWrapper *)o)->coro, tr_none, &out);
    if (r == 1) return out;
    if (r == 0) return gen_raise_stop(ts, out);
    return NULL;
}

static TrObject *wrapper_next(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (nargs || (kwnames && tuple_size(kwnames)))
        return err_format(ts, &tr_exc_TypeError, "expected 0 arguments, got %zu", nargs);
    return wrapper_iternext(ts, self);
}

static TrObject *wrapper_iter_meth(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                   TrObject *kwnames) {
    if (nargs || (kwnames && tuple_size(kwnames)))
        return err_format(ts, &tr_exc_TypeError, "expected 0 arguments, got %zu", nargs);
    return tr_newref(self);
}

static TrObject *wrapper_send(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return gen_send(ts, ((TrCoroWrapper *)self)->coro, args, nargs, kwnames);
}

static TrObject *wrapper_throw(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return gen_throw(ts, ((TrCoroWrapper *)self)->coro, args, nargs, kwnames);
}

static TrObject *wrapper_close(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return gen_close(ts, ((TrCoroWrapper *)self)->coro, args, nargs, kwnames);
}

static const TrMethodDef wrapper_methods[] = {
    {"__next__", wrapper_next},
    {"__iter__", wrapper_iter_meth},
    {"send", wrapper_send},
    {"throw", wrapper_throw},
    {"close", wrapper_close},
    {NULL, NULL},
};

static void wrapper_traverse(TrObject *o, tr_visitfunc visit, void *arg) {
    visit(((TrCoroWrapper *)o)->coro, arg);
}

static TrType coro_wrapper_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "coroutine_wrapper",
    .flags = TR_TPFLAG_GC,
    .basicsize = sizeof(TrCoroWrapper),
    .base = &tr_object_type,
    .dealloc = wrapper_dealloc,
    .iter = wrapper_iter,
    .iternext = wrapper_iternext,
    .methods = wrapper_methods,
    .traverse = wrapper_traverse,
};

/* ---- await ------------------------------------------------------------------ */

/* A generator whose code types.coroutine marked: awaitable as it is. */
static int is_iterable_coroutine(TrObject *o) {
    return tr_type(o) == &tr_generator_type &&
           (((TrCode *)((TrFunction *)((TrGen *)o)->func)->code)->flags & TR_CO_ITERABLE_COROUTINE);
}

TrObject *coro_special(TrThread *ts, TrObject *o, TrObject **cache, const char *name) {
    TrObject *n = atomic_load_objptr_relaxed(cache);
    if (!n) {
        /* racing makers store the same immortal interned str */
        if (!(n = str_intern_cstr(ts, name))) return NULL;
        atomic_store_ptr_relaxed(cache, n);
    }
    TrObject *attr = type_lookup(ts, tr_type(o), n);
    return attr ? type_bind_take(ts, attr, o) : NULL;
}

TrObject *coro_get_awaitable(TrThread *ts, TrObject *o, int where) {
    if (tr_type(o) == &tr_coroutine_type) {
        TrObject *yf = gen_delegate(ts, (TrGen *)o);
        if (!yf) return NULL;
        int busy = yf != tr_none;
        tr_decref(yf);
        if (busy) {
            err_set(ts, &tr_exc_RuntimeError, "coroutine is being awaited already");
            return NULL;
        }
        return tr_newref(o);
    }
    if (is_iterable_coroutine(o)) return tr_newref(o);
    static TrObject *s_await;
    TrObject *bound = coro_special(ts, o, &s_await, "__await__");
    if (!bound) {
        if (err_occurred(ts)) return NULL;
        if (where == 1)
            return err_format(ts, &tr_exc_TypeError,
                              "'async with' received an object from __aenter__ that does not implement __await__: %T", o);
        if (where == 2)
            return err_format(ts, &tr_exc_TypeError,
                              "'async with' received an object from __aexit__ that does not implement __await__: %T", o);
        return err_format(ts, &tr_exc_TypeError, "object %T can't be used in 'await' expression", o);
    }
    TrObject *it = tr_call(ts, bound, NULL, 0, NULL);
    tr_decref(bound);
    if (!it) return NULL;
    if (tr_type(it) == &tr_coroutine_type || is_iterable_coroutine(it)) {
        tr_decref(it);
        return err_format(ts, &tr_exc_TypeError, "__await__() returned a coroutine");
    }
    if (tr_is_imm(it) || !tr_type(it)->iternext) {
        err_format(ts, &tr_exc_TypeError, "__await__() returned non-iterator of type '%T'", it);
        tr_decref(it);
        return NULL;
    }
    return it;
}

/* ---- the never-awaited warning ---------------------------------------------- */

void coro_warn_unawaited(TrThread *ts, TrObject *o) {
    TrObject *pending = err_fetch(ts);
    TrObject *name = str_from_cstr(ts, "warnings");
    TrObject *mod = name ? runtime_import(ts, name) : NULL;
    tr_xdecref(name);
    TrObject *fn = mod ? tr_getattr_cstr(ts, mod, "_warn_unawaited_coroutine") : NULL;
    tr_xdecref(mod);
    TrObject *r = fn ? tr_call(ts, fn, &o, 1, NULL) : NULL;
    tr_xdecref(fn);
    if (r) tr_decref(r);
    else err_write_unraisable(ts, NULL, o);
    if (pending) err_restore(ts, pending);
}

int coro_types_init(TrThread *ts) {
    if (type_ready(ts, &tr_coroutine_type) < 0) return -1;
    return type_ready(ts, &coro_wrapper_type);
}
