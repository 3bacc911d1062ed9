/* objects/gen_int.h: the layout and machinery shared by the three kinds of
 * suspendable frame object (private to objects/gen.c, objects/coro.c and
 * objects/asyncgen.c): `generator`, `coroutine` and `async_generator` are one
 * C struct, TrGen, told apart by `kind` (and by their type objects).
 *
 * Threads: as objects/gen.c says for generators: `running` is the only field
 * read or written without owning the frame (CAS 0 -> 1 acquires, a release
 * store of 0 gives back); `state`, `exc_state` and the frame belong to the
 * holder of `running`.  The async generator fields are atomics of their own
 * (objects/asyncgen.c). */
#ifndef TORII_GEN_INT_H
#define TORII_GEN_INT_H

#include "torii/torii.h"
#include "torii/gen.h"
#include "core/frame.h"

enum { GEN_CREATED, GEN_SUSPENDED, GEN_FINISHED };
enum { GEN_KIND_GENERATOR, GEN_KIND_COROUTINE, GEN_KIND_ASYNCGEN };

typedef struct TrGen {
    TrObject ob_base;
    TrObject *func;          /* owned: keeps the frame's code, globals and builtins alive */
    TrObject *name;          /* owned str */
    TrObject *qualname;      /* owned str */
    TrObject *exc_state;     /* owned or NULL: the exception a frame suspended in a handler is handling; holder of `running` only */
    uint32_t running;        /* atomic: 1 while a thread runs (or throws into) the frame */
    uint32_t state;          /* GEN_*: written by the holder of `running`, relaxed atomic loads elsewhere */
    int kind;                /* GEN_KIND_*: never changes */
    /* async generators only (objects/asyncgen.c) */
    uint32_t ag_running_async;  /* atomic: 1 from an asend/athrow's first step until it completes */
    uint32_t ag_closed;         /* atomic: 1 once aclose() began or the frame ended by StopAsyncIteration/GeneratorExit */
    uint32_t ag_hooks_inited;   /* atomic: 0 -> 1 by the first asend/athrow: the thread winning it calls firstiter */
    TrObject *ag_finalizer;     /* owned or NULL: stored once by that thread before anything can free the generator */
    TrFrame *frame;          /* points into fdata; holder of `running` only */
    _Alignas(16) char fdata[];
} TrGen;

/* "generator", "coroutine" or "async generator", for messages. */
const char *gen_kind_name(const TrGen *g);

/* 1 if `o` is a TrGen of any kind. */
static inline int gen_any_check(TrObject *o) {
    TrType *t = tr_type(o);
    return t == &tr_generator_type || t == &tr_coroutine_type || t == &tr_async_generator_type;
}

/* next() / send(value) (value borrowed): 1 with *out the yielded value, 0
 * with *out the return value (None for a finished generator or async
 * generator), -1 with the exception set ("cannot reuse already awaited
 * coroutine" for a finished coroutine, "coroutine already executing", ...). */
int gen_send_ex(TrThread *ts, TrGen *g, TrObject *value, TrObject **out);

/* throw(exc): `exc` (an exception instance) is stolen.  A frame suspended in
 * `yield from`/`await` passes it to the delegate; GeneratorExit closes the
 * delegate instead when `close_on_genexit`.  1 yielded, 0 returned, -1 error. */
int gen_throw_ex(TrThread *ts, TrGen *g, TrObject *exc, int close_on_genexit, TrObject **out);

/* close(): None (new reference), or NULL with the exception set
 * ("<kind> ignored GeneratorExit" when the frame yields again). */
TrObject *gen_close_ex(TrThread *ts, TrGen *g);

/* The exception instance throw(typ[, val[, tb]]) raises; new reference or
 * NULL with CPython's TypeError set. */
TrObject *gen_throw_value(TrThread *ts, TrObject *typ, TrObject *val);

/* The send(), throw() and close() methods of generators and coroutines
 * (messages name the object's type: "coroutine.send() takes ..."). */
TrObject *gen_send(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames);
TrObject *gen_throw(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames);
TrObject *gen_close(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames);

/* Raises StopIteration(value) (no args for None); consumes `value`.
 * Always returns NULL. */
TrObject *gen_raise_stop(TrThread *ts, TrObject *value);

/* The object the frame is suspended delegating to (`yield from`, `await`),
 * a new reference, or None when there is none or another thread runs it. */
TrObject *gen_delegate(TrThread *ts, TrGen *g);

/* The attributes every kind has under its prefix ("gi", "cr", "ag"):
 * __name__, __qualname__, <p>_running, <p>_suspended, <p>_code, <p>_frame
 * and <p>_await (gi_yieldfrom for generators); else generic lookup.  New
 * reference or NULL. */
TrObject *gen_getattr_as(TrThread *ts, TrObject *o, TrObject *name, const char *prefix);

/* objects/coro.c: type(o).<name> bound to `o` (a special method looked up
 * on the type, as the protocols do), a new reference; NULL with no
 * exception when the type has none, NULL with one when the lookup failed.
 * `*cache` keeps the interned name. */
TrObject *coro_special(TrThread *ts, TrObject *o, TrObject **cache, const char *name);

/* The shared slots of the three types. */
void gen_dealloc(TrThread *ts, TrObject *o);
TrObject *gen_repr(TrThread *ts, TrObject *o);
int64_t gen_hash(TrThread *ts, TrObject *o);
void gen_traverse(TrObject *o, tr_visitfunc visit, void *arg);
void gen_clear(TrThread *ts, TrObject *o);
void gen_finalize(TrThread *ts, TrObject *o);

/* objects/coro.c: reports "coroutine 'f' was never awaited" as a
 * RuntimeWarning through the warnings module (the pending exception is
 * kept; a failure is reported as unraisable).  `o` must be alive (counted). */
void coro_warn_unawaited(TrThread *ts, TrObject *o);

/* objects/asyncgen.c: calls the finalizer hook the generator picked up
 * (sys.set_asyncgen_hooks) with it, if any; 1 if it did (the call's
 * failure reported as unraisable), else 0.  `o` must be alive (counted). */
int asyncgen_call_finalizer(TrThread *ts, TrObject *o);

#endif
