/* include/torii/list.h: the list type.
 * Threads: `items`, `size`, `alloc` are written only under the list's lock
 * (TR_BEGIN_CRITICAL); readers outside it use acquire loads and take an item
 * without locking only when it is an immediate or immortal; otherwise they
 * retry under the lock.  Old `items` arrays are freed through QSBR. */
#ifndef TORII_LIST_H
#define TORII_LIST_H
#include "torii/object.h"

typedef struct TrList {
    TrObject ob_base;
    size_t size;          /* atomic store under lock, acquire load outside */
    size_t alloc;         /* guarded by the lock */
    TrObject **items;     /* owned array; atomic pointer; freed via qsbr */
} TrList;
extern TrType tr_list_type;
static inline int list_check(const TrObject *o) { return tr_isinstance(o, &tr_list_type); }
/* New empty list with room for `n`; NULL on MemoryError. */
TrObject *list_new(TrThread *ts, size_t n);
/* Appends; `item` is borrowed (the list takes its own reference).  -1 on error. */
int list_append(TrThread *ts, TrObject *list, TrObject *item);
/* Appends and steals `item` (even on failure). */
int list_append_take(TrThread *ts, TrObject *list, TrObject *item);
/* list[i] for 0 <= i < size with bounds check: new reference, or NULL with
 * IndexError "list index out of range". */
TrObject *list_get(TrThread *ts, TrObject *list, ssize_t i);
/* list[i] = item (borrowed); -1 + IndexError "list assignment index out of range". */
int list_set(TrThread *ts, TrObject *list, ssize_t i, TrObject *item);
/* The current length (atomic load). */
size_t list_size(const TrObject *list);
/* list(iterable) / extend; new reference or -1/NULL. */
TrObject *list_from_iterable(TrThread *ts, TrObject *iterable);
int list_extend(TrThread *ts, TrObject *list, TrObject *iterable);
/* Sorts in place as list.sort(key=, reverse=): stable; `key` may be NULL. */
int list_sort(TrThread *ts, TrObject *list, TrObject *key, int reverse);
/* A new tuple with the same items. */
TrObject *list_as_tuple(TrThread *ts, TrObject *list);
/* One consistent view for unpacking: if the list holds exactly `n` items,
 * stores NEW references to them in out[0..n) (in list order) and returns n;
 * otherwise stores nothing and returns the length it saw. */
size_t list_unpack(TrThread *ts, TrObject *list, size_t n, TrObject **out);

/* list[i] for the VM's fast path; negative `i` counts from the end.
 * Returns 2 with *out an immediate (read without the lock, nothing counted),
 * 1 with *out a NEW reference (read under the lock), or -1 with IndexError
 * "list index out of range". */
int list_get_ref(TrThread *ts, TrObject *list, ssize_t i, TrObject **out);
/* As list_get_ref for 0 <= i, but returns 0 (no exception) when i is past
 * the end: the form iterators use. */
int list_get_ref_at(TrThread *ts, TrObject *list, size_t i, TrObject **out);
/* `list += other` (extend) and `list *= n`: return a new reference to
 * `list`, or NULL.  tr_binop's in-place path calls these for lists (they are
 * also the `__iadd__` / `__imul__` methods). */
TrObject *list_inplace_concat(TrThread *ts, TrObject *list, TrObject *other);
TrObject *list_inplace_repeat(TrThread *ts, TrObject *list, TrObject *count);
#endif
