/* include/torii/set.h: set and frozenset (objects/set.c holds both types:
 * they share their table, iteration and algebra; only mutability differs).
 * Iteration order matches CPython's for the same insertions (same table
 * sizes, probe sequence and resize rule).
 * Threads: every mutation of a set holds its lock; lookups take the lock
 * too (comparisons needing Python code run outside it, with a retry when the
 * set changed meanwhile).  A frozenset is immutable once built. */
#ifndef TORII_SET_H
#define TORII_SET_H
#include "torii/object.h"

extern TrType tr_set_type, tr_frozenset_type, tr_set_iter_type;
static inline int set_check(const TrObject *o) { return tr_isinstance(o, &tr_set_type); }
static inline int frozenset_check(const TrObject *o) { return tr_isinstance(o, &tr_frozenset_type); }
/* 1 for a set or frozenset (or subclass). */
static inline int anyset_check(const TrObject *o) { return set_check(o) || frozenset_check(o); }

/* New empty set; NULL on MemoryError. */
TrObject *set_new(TrThread *ts);
/* set(iterable) / frozenset(iterable); new reference or NULL. */
TrObject *set_from_iterable(TrThread *ts, TrObject *iterable);
/* For an exact set or frozenset: a new list of its items, copied under its
 * lock in one step; NULL with no exception set for any other object. */
TrObject *set_as_list(TrThread *ts, TrObject *o);
TrObject *frozenset_from_iterable(TrThread *ts, TrObject *iterable);
/* s.add(key) (key borrowed); -1 on error (unhashable: TypeError). */
int set_add(TrThread *ts, TrObject *set, TrObject *key);
/* s.discard(key): 1 removed, 0 absent, -1 error. */
int set_discard(TrThread *ts, TrObject *set, TrObject *key);
/* `key in s`: 1, 0, -1. */
int set_contains(TrThread *ts, TrObject *set, TrObject *key);
size_t set_size(const TrObject *set);
/* s.update(iterable); -1 on error. */
int set_update(TrThread *ts, TrObject *set, TrObject *iterable);
/* set.clear(): empties `set`, releasing its keys after unlocking.  Cannot fail. */
void set_clear(TrThread *ts, TrObject *set);
/* Iteration by position (as dict_next): 1 with a NEW reference in *key, 0 at the end. */
int set_next(TrThread *ts, TrObject *set, size_t *pos, TrObject **key);
/* In-place operators for tr_binop's in-place path (also the `__ior__`,
 * `__iand__`, `__isub__`, `__ixor__` methods): op is TR_BINOP_OR / AND /
 * SUB / XOR.  New reference to `set`, or tr_notimplemented, or NULL. */
TrObject *set_inplace_op(TrThread *ts, int op, TrObject *set, TrObject *other);
#endif
