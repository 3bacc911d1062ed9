/* core/stackref.h: tagged references held by the VM's value stacks and fast
 * locals.
 *
 * A `TrStackRef` is one machine word:
 *
 *   | low bits | meaning                                                 |
 *   |----------|---------------------------------------------------------|
 *   | ...1     | an immediate int: the word is the TrObject * value itself|
 *   | ..10     | BORROWED pointer (mask bit 1 off): not counted          |
 *   | ..00     | OWNED pointer: this slot holds one counted reference    |
 *   | 0        | NULL (PUSH_NULL, an unbound local)                      |
 *
 * The rule for pushing a BORROWED ref: the object must stay alive for as long
 * as any frame can hold the word without anyone counting it.  That is true of
 *  - immortal objects (None, interned strs, builtin types, code objects and the
 *    constants their code object owns: code objects are immortal);
 *  - objects flagged TR_FLAG_DEFERRED: their counted references reaching zero
 *    hands them to `brc_defer_free`, which does not free them while a thread's
 *    frames may still hold an uncounted word: a reclaim pass during the run
 *    stops the world and frees only the zombies that no frame slot of any
 *    thread references (threads/brc.c, vm_visit_stack_refs).  So an uncounted
 *    word may live only in a frame slot; a C variable may hold one only while
 *    no eval-breaker check or detach can happen.
 * Loads that may push without counting: LOAD_CONST; LOAD_GLOBAL, LOAD_NAME and
 * LOAD_ATTR on a module, BINARY_SUBSCR on exact lists and dicts when the
 * container API (`dict_get_ref`, `list_get_ref`) says the value is borrowable
 * (return 2); LOAD_FAST and COPY when the local's object is immortal or
 * deferred.
 *
 * Deferred marking (core/vm.c): when LOAD_GLOBAL, LOAD_NAME or LOAD_ATTR on a
 * module gets a NEW reference (return 1) to any heap object that the current
 * thread does not own (not immortal; not a generator or a file, whose deallocs
 * are observable and must not wait for a reclaim pass), the VM marks it deferred
 * (tr_make_deferred).  From then on every thread loads it without touching its
 * counts: a loop that calls a global function, reads a shared global list and
 * dict, or calls the methods of a shared global instance writes nothing to
 * those objects' headers.  Objects made and dropped by one thread (a lambda in
 * a loop) are never marked and are still freed by counting; marked ones that
 * die are freed by the next reclaim pass that finds no frame holding them.
 *
 * Leaving the stack: closing a ref decrefs only OWNED pointers.  A value that
 * leaves the stack into the heap (stored in a container, kept by a C function,
 * returned from a frame) is counted by whoever keeps it, as usual: C APIs take
 * borrowed arguments; `sr_to_owned` turns a ref into a new reference for a
 * frame's return value.
 */
#ifndef TORII_STACKREF_H
#define TORII_STACKREF_H

#include "torii/object.h"

typedef struct TrStackRef { uintptr_t bits; } TrStackRef;

#define TR_SR_BORROWED ((uintptr_t)2)
#define TR_SR_NULL ((TrStackRef){0})

/* The object behind a ref (immediates unchanged, the borrow tag removed).
 * Borrowed result: valid while the ref is. */
static inline TrObject *sr_obj(TrStackRef r) {
    /* bit 1 is the borrow tag only when bit 0 (immediate) is clear */
    return (TrObject *)(r.bits & ~(((r.bits & 1) ^ 1) << 1));
}
static inline bool sr_is_null(TrStackRef r) { return r.bits == 0; }
/* 1 when closing `r` would decref: an owned heap pointer. */
static inline bool sr_is_owned(TrStackRef r) { return r.bits != 0 && (r.bits & 3) == 0; }

/* Wraps a new reference; steals `o` (may be an immediate; never NULL). */
static inline TrStackRef sr_steal(TrObject *o) { return (TrStackRef){(uintptr_t)o}; }
/* Wraps `o` without counting.  Caller guarantees `o` is an immediate, immortal,
 * deferred, or kept alive by something that outlives the ref (see above). */
static inline TrStackRef sr_borrow(TrObject *o) {
    uintptr_t b = (uintptr_t)o;
    return (TrStackRef){(b & 1) ? b : (b | TR_SR_BORROWED)};
}
/* 1 if `o` may be held uncounted: immediate, immortal or deferred. */
static inline bool sr_can_borrow(const TrObject *o) {
    return tr_is_imm(o) || tr_is_immortal(o) || tr_is_deferred(o);
}
/* A ref to `o` (borrowed `o`): uncounted when that is safe, else counted. */
static inline TrStackRef sr_from(TrObject *o) {
    if (sr_can_borrow(o)) return sr_borrow(o);
    tr_incref(o);
    return sr_steal(o);
}
/* A second ref to the same object: `r` stays valid. */
static inline TrStackRef sr_dup(TrStackRef r) {
    if (!sr_is_owned(r)) return r;
    TrObject *o = (TrObject *)r.bits;
    if (tr_is_immortal(o) || tr_is_deferred(o)) return sr_borrow(o);
    tr_incref(o);
    return r;
}
/* Releases the ref (decref if owned).  NULL allowed. */
static inline void sr_close(TrStackRef r) {
    if (sr_is_owned(r)) tr_decref((TrObject *)r.bits);
}
/* Converts the ref into a new reference; consumes `r`. */
static inline TrObject *sr_to_owned(TrStackRef r) {
    TrObject *o = sr_obj(r);
    if ((r.bits & 3) == TR_SR_BORROWED) tr_incref(o);
    return o;
}
/* A new reference to the object; `r` stays valid. */
static inline TrObject *sr_new_ref(TrStackRef r) {
    TrObject *o = sr_obj(r);
    tr_incref(o);
    return o;
}

#endif
