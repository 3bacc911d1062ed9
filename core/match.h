/* core/match.h: the runtime side of `match` statements (PEP 634): the
 * operations behind the VM's GET_LEN, MATCH_SEQUENCE, MATCH_MAPPING,
 * MATCH_KEYS and MATCH_CLASS (core/opcodes.h).  Messages are CPython 3.13's.
 * Threads: any thread; these only call generic object operations. */
#ifndef TORII_MATCH_H
#define TORII_MATCH_H
#include "torii/torii.h"

/* 1 if `o` is a sequence for sequence patterns (list, tuple, range, deque and
 * their subclasses, or a class whose MRO has `__abc_tpflags__` with bit 1<<5;
 * never str, bytes or bytearray), else 0.  -1 on error. */
int match_is_sequence(TrThread *ts, TrObject *o);
/* 1 if `o` is a mapping for mapping patterns (dict and its subclasses, or
 * `__abc_tpflags__` bit 1<<6), else 0.  -1 on error. */
int match_is_mapping(TrThread *ts, TrObject *o);
/* The values of `keys` (a tuple) in `subject` looked up with
 * `subject.get(key, <dummy>)`: a new tuple, None (new reference) when a key is
 * missing, or NULL with the exception set. */
TrObject *match_keys(TrThread *ts, TrObject *subject, TrObject *keys);
/* The attributes a class pattern `cls(<nargs positional>, **kwnames)` needs
 * from `subject`: a new tuple of nargs + len(kwnames) values, None (new
 * reference) when `subject` is no instance of `cls` or lacks an attribute, or
 * NULL with the exception set. */
TrObject *match_class(TrThread *ts, TrObject *subject, TrObject *cls, int nargs, TrObject *kwnames);

#endif
