/* include/torii/gen.h: generator objects (objects/gen.c), made by calling a
 * function whose code has TR_CO_GENERATOR (`def f(): yield x`, genexps).
 * Threads: a generator may be shared; only one thread at a time runs it (an
 * atomic running flag), a second one gets ValueError "generator already
 * executing". */
#ifndef TORII_GEN_H
#define TORII_GEN_H
#include "torii/object.h"

extern TrType tr_generator_type;    /* "generator" */

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

#endif
