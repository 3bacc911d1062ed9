/* include/torii/dict.h: the dict type, insertion ordered.
 * Threads: every mutation holds the dict's lock.  Lookups take no lock when the
 * key is an immediate or an interned/identical str and the value found is an
 * immediate, immortal or deferred object (see docs/threading.md); otherwise
 * they take the lock.  Replaced key tables are freed through QSBR. */
#ifndef TORII_DICT_H
#define TORII_DICT_H
#include "torii/object.h"

extern TrType tr_dict_type;
static inline int dict_check(const TrObject *o) { return tr_isinstance(o, &tr_dict_type); }
TrObject *dict_new(TrThread *ts);
/* d[key] as a new reference; NULL with NO exception if missing; NULL with an
 * exception if hashing/comparing failed. */
TrObject *dict_get(TrThread *ts, TrObject *d, TrObject *key);
TrObject *dict_get_cstr(TrThread *ts, TrObject *d, const char *key);
/* d[key] = value (both borrowed).  -1 on error (unhashable key: TypeError). */
int dict_set(TrThread *ts, TrObject *d, TrObject *key, TrObject *value);
int dict_set_cstr(TrThread *ts, TrObject *d, const char *key, TrObject *value);
/* del d[key]: 0 done, -1 error (KeyError(key) if missing). */
int dict_del(TrThread *ts, TrObject *d, TrObject *key);
size_t dict_size(const TrObject *d);
/* d.clear(): empties `d` first, then drops the old keys and values in
 * insertion order (code they run sees `d` empty).  Cannot fail. */
void dict_clear(TrThread *ts, TrObject *d);
/* Iteration by position: *pos starts at 0; returns 1 and NEW references in
 * *key and *value (either may be NULL to skip), or 0 at the end. */
int dict_next(TrThread *ts, TrObject *d, size_t *pos, TrObject **key, TrObject **value);
/* A new list of the keys / values / (key, value) tuples. */
TrObject *dict_keys_list(TrThread *ts, TrObject *d);
/* d.update(other mapping or iterable of pairs). */
int dict_update(TrThread *ts, TrObject *d, TrObject *other);
TrObject *dict_copy(TrThread *ts, TrObject *d);
/* Version tag bumped by every mutation (atomic); used by the VM's global caches. */
uint64_t dict_version(const TrObject *d);
/* The address of that version word, for caches that re-check it often with
 * atomic_load_u64_acquire (core/vm_cache.c's attribute caches).  Valid while `d`
 * lives. */
const uint64_t *dict_version_ptr(const TrObject *d);

/* d[key] for the VM's fast paths (LOAD_GLOBAL, BINARY_SUBSCR).  Returns 2
 * with *out BORROWED when the value is an immediate, immortal or deferred
 * object (never freed while a thread holds an uncounted reference; do not
 * decref it); 1 with *out a NEW reference; 0 if missing (no exception); -1
 * on error (unhashable key, __eq__ raised).  Takes no lock when `key` is an
 * immediate int or a str found by identity and the value is stack-safe. */
int dict_get_ref(TrThread *ts, TrObject *d, TrObject *key, TrObject **out);
/* For the VM's attribute caches: d[key] for an exact str `key` whose hash is
 * `hash`, without a lock, trying first the entry index `*hint` (a per-site
 * guess, updated when the probe finds the key elsewhere; relaxed atomic).
 * Returns 2 with *out BORROWED as dict_get_ref does, 0 if `key` is absent, -1
 * when only dict_get_ref can answer (the value must be counted, or an
 * equal-hash key needs comparing).  Sets no exception. */
int dict_get_hinted(TrObject *d, TrObject *key, int64_t hash, uint32_t *hint, TrObject **out);
/* As dict_get_hinted, but a value that must be counted is counted under the
 * dict's lock when the (learnt) hint holds `key`: 1 with *out a NEW
 * reference.  -1 still means "ask dict_get_ref"; sets no exception. */
int dict_get_hinted_ref(TrThread *ts, TrObject *d, TrObject *key, int64_t hash, uint32_t *hint, TrObject **out);
/* d[key] = value for an exact str `key`: replaces the value in place when
 * entry `*hint` holds `key`, else dict_set and learns the entry.  -1 on error. */
int dict_set_hinted(TrThread *ts, TrObject *d, TrObject *key, TrObject *value, uint32_t *hint);
/* Removes `key`: 1 with *out the removed value (new reference), 0 if missing
 * (no exception), -1 on error. */
int dict_pop(TrThread *ts, TrObject *d, TrObject *key, TrObject **out);
/* d.setdefault(key, deflt): new reference to the value now stored. */
TrObject *dict_setdefault(TrThread *ts, TrObject *d, TrObject *key, TrObject *deflt);
/* `key in d`: 1, 0, -1. */
int dict_contains(TrThread *ts, TrObject *d, TrObject *key);
/* New lists of the values / of (key, value) tuples. */
TrObject *dict_values_list(TrThread *ts, TrObject *d);
TrObject *dict_items_list(TrThread *ts, TrObject *d);
/* For an exact dict or a dict view: a new list of what iterating it yields,
 * copied under the dict's lock in one step (so list(d.items()) never sees a
 * concurrent resize, as with CPython's GIL); NULL with no exception set when
 * `o` is neither, NULL with one on error. */
TrObject *dict_as_list(TrThread *ts, TrObject *o);
/* `d |= other` (update, any mapping or iterable of pairs): a new reference to
 * `d`, or NULL.  tr_binop's in-place path calls it for dicts (it is also the
 * `__ior__` method). */
TrObject *dict_inplace_or(TrThread *ts, TrObject *d, TrObject *other);

/* Adds the class method `dict.fromkeys` to the dict type's dict (a builtin
 * function bound to the type, so `dict.fromkeys(...)` and `{}.fromkeys(...)`
 * both reach it).  Call once after type_ready(&tr_dict_type).  -1 on error. */
int dict_type_init(TrThread *ts);

/* The view types returned by keys() / values() / items(), and the iterator
 * types over a dict ("dict_keyiterator", ..., "dict_reverseitemiterator"). */
extern TrType tr_dict_keys_type, tr_dict_values_type, tr_dict_items_type;
extern TrType tr_dict_keyiter_type, tr_dict_valueiter_type, tr_dict_itemiter_type;
extern TrType tr_dict_revkeyiter_type, tr_dict_revvalueiter_type, tr_dict_revitemiter_type;
#endif
