/* include/torii/gen.h: generator objects (objects/gen.c), made by calling a
 * function whose code has TR_CO_GENERATOR (`def f(): yield x`, genexps), and
 * their async kin: coroutines (`async def`, objects/coro.c) and async
 * generators (`async def` with yield, objects/asyncgen.c), with what the VM's
 * await, async for and async with opcodes call.
 * Threads: a generator may be shared; only one thread at a time runs it (an
 * atomic running flag), a second one gets ValueError "generator already
 * executing" ("coroutine already executing", ...). */
#ifndef TORII_GEN_H
#define TORII_GEN_H
#include "torii/object.h"

extern TrType tr_generator_type;    /* "generator" */
extern TrType tr_coroutine_type;    /* "coroutine": calling an `async def` without yield (objects/coro.c) */
extern TrType tr_async_generator_type;  /* "async_generator": an `async def` with yield (objects/asyncgen.c) */

/* next(gen) (builtins.next): the next value (new reference), or NULL with
 * StopIteration(return value) set when the generator ends (no args for None)
 * or with the exception it raised.  The iternext slot instead ends with NULL
 * and no exception, dropping the return value. */
TrObject *gen_next(TrThread *ts, TrObject *gen);

struct TrFrame;
/* For core/vm.c: a new generator for Python function `func` (borrowed; the
 * generator keeps a reference) with room for a frame of `frame_bytes` bytes,
 * zeroed, stored at *frame_out for the VM to fill (it must set is_gen and
 * `code` before the generator can be freed).  Returns a new reference or NULL
 * with MemoryError set. */
TrObject *gen_new(TrThread *ts, TrObject *func, size_t frame_bytes, struct TrFrame **frame_out);

/* One step of `yield from`: sends `value` (borrowed) into `iter` (borrowed):
 * gen.send for generators, next() when value is None and `iter` has the
 * iternext slot, else iter.send(value).  Returns 1 with *out the yielded
 * value, 0 with *out the delegation's result (StopIteration's value, None when
 * exhausted), both new references; -1 with the exception set. */
int gen_yf_send(TrThread *ts, TrObject *iter, TrObject *value, TrObject **out);

/* Ready the types of objects/coro.c and objects/asyncgen.c (at start-up,
 * stdlib/modules.c).  -1 on error. */
int coro_types_init(TrThread *ts);
int asyncgen_types_init(TrThread *ts);

/* GET_AWAITABLE (core/vm.c): the iterator `await o` delegates to (new
 * reference): a coroutine itself, a generator types.coroutine marked, or
 * o.__await__(); NULL with CPython's error set.  `where` words the TypeError
 * of an object without __await__: 0 `await`, 1 from __aenter__, 2 from
 * __aexit__. */
TrObject *coro_get_awaitable(TrThread *ts, TrObject *o, int where);

/* GET_AITER: type(o).__aiter__(o), checked to have __anext__; new reference
 * or NULL ("'async for' requires an object with __aiter__ method, got int"). */
TrObject *asyncgen_get_aiter(TrThread *ts, TrObject *o);

/* GET_ANEXT: the awaitable iterator of aiter.__anext__() (an asend object
 * for async generators); new reference or NULL. */
TrObject *asyncgen_get_anext(TrThread *ts, TrObject *aiter);

/* ASYNC_GEN_WRAP: `v` (borrowed) wrapped as an async generator's own
 * yield; new reference or NULL. */
TrObject *asyncgen_wrap(TrThread *ts, TrObject *v);

/* The builtins aiter() and anext() (stdlib/builtins.c registers them). */
TrObject *asyncgen_builtin_aiter(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames);
TrObject *asyncgen_builtin_anext(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames);

/* sys.set_asyncgen_hooks / sys.get_asyncgen_hooks (stdlib/sys.c registers
 * them).  The hooks are the calling thread's, as in CPython. */
TrObject *asyncgen_set_hooks(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames);
TrObject *asyncgen_get_hooks(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames);

#endif
