/* include/torii/iter.h: the iterator types of the containers and the builtin
 * iterator classes (objects/iter.c, objects/range.c, objects/dict.c,
 * objects/set.c).  Names are CPython's (`type(iter([])).__name__` is
 * "list_iterator").
 * Threads: every iterator may be shared; advancing one is atomic (a CAS on the
 * index, or the iterator's lock), so no item is handed out twice. */
#ifndef TORII_ITER_H
#define TORII_ITER_H
#include "torii/object.h"

/* Declared in abstract.h: tr_range_iter_type, tr_seq_iter_type ("iterator"),
 * tr_enumerate_type, tr_zip_type. */
extern TrType tr_tuple_iter_type;     /* "tuple_iterator" */
extern TrType tr_list_iter_type;      /* "list_iterator" */
extern TrType tr_list_reviter_type;   /* "list_reverseiterator" */
extern TrType tr_map_type;            /* "map": map(func, *iterables) */
extern TrType tr_filter_type;         /* "filter": filter(func or None, iterable) */
extern TrType tr_reversed_type;       /* "reversed": reversed(seq) for sequences without a fast path */

/* iter(tuple): new reference. */
TrObject *tuple_iter_new(TrThread *ts, TrObject *tuple);
/* iter(list) / reversed(list): new reference. */
TrObject *list_iter_new(TrThread *ts, TrObject *list);
TrObject *list_reviter_new(TrThread *ts, TrObject *list);
/* The generic iterator over an object with `getitem`: seq[0], seq[1], ...
 * until IndexError.  New reference. */
TrObject *seq_iter_new(TrThread *ts, TrObject *seq);
/* iter(func, sentinel): calls func() until it returns sentinel (==).
 * New reference or NULL. */
extern TrType tr_calliter_type;
TrObject *calliter_new(TrThread *ts, TrObject *func, TrObject *sentinel);

#endif
