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
#endif
