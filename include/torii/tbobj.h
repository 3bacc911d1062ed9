/* include/torii/tbobj.h: traceback objects (exc.__traceback__),
 * objects/tbobj.c. */
#ifndef TORII_TBOBJ_H
#define TORII_TBOBJ_H

#include "torii/error.h"

extern TrType tr_tb_type;
static inline int tb_check(const TrObject *o) { return !tr_is_imm(o) && o->ob_type == &tr_tb_type; }

/* The traceback chain (outermost first) of `n` entries, innermost first as
 * TrExc keeps them: a new reference, None when n is 0, NULL on error. */
TrObject *tb_chain_new(TrThread *ts, const TrTraceEntry *entries, size_t n);
/* The entries of chain `tb` (None: none) in TrExc's order, each holding
 * a reference to its code, in a malloc'd array *out; the count, or
 * (size_t)-1 on MemoryError. */
size_t tb_chain_entries(TrObject *tb, TrTraceEntry **out);

#endif
