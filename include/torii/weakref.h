/* include/torii/weakref.h: weak references (weakref.ref and its subclasses),
 * objects/weakref.c.  The rule for threads: dereferencing a weak reference
 * while another thread drops the referent's last reference gives either the
 * object (with a new reference: it lives on) or None, never a freed object.
 * See docs/threading.md, "Weak references". */
#ifndef TORII_WEAKREF_H
#define TORII_WEAKREF_H

#include "torii/object.h"

typedef struct TrWeakref TrWeakref;

extern TrType tr_weakref_type;

static inline int weakref_check(const TrObject *o) {
    return !tr_is_imm(o) && (o->ob_type->flags & TR_TPFLAG_WEAKREF) != 0;
}

/* weakref.ref(obj, callback): a new reference to a weak reference of type
 * `type` (weakref.ref or a subclass) to `obj`; `callback` (NULL or None for
 * none) is called with the weak reference when `obj` dies.  A plain
 * weakref.ref without callback is shared: asking twice gives the same one.
 * NULL with TypeError ("cannot create weak reference to 'int' object"). */
TrObject *weakref_new(TrThread *ts, TrType *type, TrObject *obj, TrObject *callback);
/* The referent: a new reference, or None (new reference) when it is dead. */
TrObject *weakref_get(TrThread *ts, TrObject *wr);
/* The referent as a new reference, or NULL (no exception set) when dead. */
TrObject *weakref_get_alive(TrThread *ts, TrObject *wr);
/* obj.__weakref__: the first weak reference to obj (new reference), or None. */
TrObject *weakref_first(TrThread *ts, TrObject *obj);
/* weakref.getweakrefcount(obj) and getweakrefs(obj) (a new list; NULL on
 * MemoryError). */
size_t weakref_count(TrObject *obj);
TrObject *weakref_list(TrThread *ts, TrObject *obj);

/* For object.c and the collector hooks: `o`, with TR_FLAG_WEAKREFS, is
 * dying (its count is zero) or is garbage.  Makes every weak reference to
 * it dead and takes it out of the table; the weak references that have a
 * callback (and are not themselves dying or garbage) are appended to
 * `later` with a reference each, for weakref_run_callbacks.  No Python code
 * runs.  Any thread, or the collector with the world stopped. */
struct TrObjVec;
void weakref_detach(TrObject *o, struct TrObjVec *later);
/* Calls the callbacks of the weak references weakref_detach listed, then
 * releases them and frees the vector's array.  Errors in a callback are
 * reported as unraisable ("Exception ignored in: <function cb ...>"). */
void weakref_run_callbacks(TrThread *ts, struct TrObjVec *later);
/* From now on weakref_run_callbacks only releases: the interpreter is
 * tearing __main__ down (core/runtime.c), where CPython calls no callback. */
void weakref_callbacks_off(void);
/* `o` is dying: weakref_detach and the callbacks at once. */
void weakref_clear_dying(TrThread *ts, TrObject *o);
/* `wr` (a weak reference whose count is zero, or one that a reclaim pass
 * frees with the world stopped) leaves its referent's list, so that no
 * thread can find it there afterwards. */
void weakref_unlink(TrObject *wr);

#endif
