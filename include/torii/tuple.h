/* include/torii/tuple.h: the tuple type, an immutable array. */
#ifndef TORII_TUPLE_H
#define TORII_TUPLE_H
#include "torii/object.h"

typedef struct TrTuple { TrObject ob_base; size_t size; int64_t hash; TrObject *items[]; } TrTuple;
extern TrType tr_tuple_type;
static inline int tuple_check(const TrObject *o) { return tr_isinstance(o, &tr_tuple_type); }
/* New tuple of `n` NULL items, to be filled with tuple_set_take before it is
 * shared.  NULL on MemoryError.  `tuple_new(ts, 0)` is the immortal (). */
TrObject *tuple_new(TrThread *ts, size_t n);
/* New tuple holding new references to items[0..n).  */
TrObject *tuple_from_array(TrThread *ts, TrObject *const *items, size_t n);
/* Fills slot i of a fresh tuple; steals `item`. */
static inline void tuple_set_take(TrObject *t, size_t i, TrObject *item) { ((TrTuple *)t)->items[i] = item; }
/* Borrowed: valid while the tuple lives (tuples are immutable). */
static inline TrObject *tuple_get(const TrObject *t, size_t i) { return ((const TrTuple *)t)->items[i]; }
static inline size_t tuple_size(const TrObject *t) { return ((const TrTuple *)t)->size; }
/* (a, b) from two new references, which it steals even on failure; either
 * may be NULL (a failed call), then the other is released and NULL returned
 * with the pending exception: `return tuple_pair_take(ts, f(..), g(..));`. */
TrObject *tuple_pair_take(TrThread *ts, TrObject *a, TrObject *b);
/* Lexicographic comparison of two item arrays (borrowed) for operator `op`,
 * as tuples, lists and deques compare: a new reference to the result, or
 * NULL on error.  `len_shortcut`: == and != answer from the lengths alone
 * when they differ (lists and deques do; tuples compare items first). */
TrObject *tuple_compare_items(TrThread *ts, TrObject *const *a, size_t na, TrObject *const *b, size_t nb,
                              int op, int len_shortcut);
/* tuple(iterable); new reference. */
TrObject *tuple_from_iterable(TrThread *ts, TrObject *iterable);
#endif
