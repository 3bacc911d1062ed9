/* include/torii/class.h: classes (heap types made by `class` or
 * type(name, bases, dict)), and the descriptor types that live in their
 * dicts: staticmethod, classmethod, property, super.
 *
 * A class is a TrHeapType: a TrType (flag TR_TPFLAG_HEAPTYPE) followed by
 * what only classes have: the C3 method resolution order, the bases tuple
 * and a private number-slot table.  `TrType.base` of a class is its "solid"
 * base (the base whose instance layout it extends), so code walking `base`
 * still sees a valid layout chain; attribute lookup walks `mro`.
 *
 * Threads: a class is built by one thread and published by the STORE that
 * names it; `mro`, `bases` and `number` never change afterwards.  Its dict is
 * a normal dict (its own lock).  Classes, their dicts and the values in
 * them (functions, slot descriptors, class attributes) are deferred on
 * creation (core/stackref.h), so method and attribute loads from any thread
 * write nothing to them and find them without the dict's lock.  Setting a special method on a class after
 * creation (C.__add__ = f) refreshes that class's slots with plain stores:
 * do it before sharing the class. */
#ifndef TORII_CLASS_H
#define TORII_CLASS_H
#include "torii/object.h"

typedef struct TrHeapType {
    TrType type;
    TrType **mro;             /* owned array of owned refs: the type itself first, object last */
    size_t nmro;
    TrObject *bases;          /* owned tuple of types */
    TrNumberSlots number;     /* `type.number` points here */
    uint64_t tag;             /* unique per class, never reused (set at creation, then
                               * immutable): names the class in core/vm_cache.c's attribute caches */
    uint32_t tref;            /* index of its per-thread counts (threads/typeref.h), 0: none; fixed */
    size_t slots_offset;      /* where this class's own `__slots__` values start in an instance */
    size_t nslots;            /* how many it declares (0: none, or no __slots__) */
    int has_slots;            /* it declared __slots__ (so its layout may differ from its base's) */
    struct InlineKeys *inl;   /* owned or NULL: the names its instances store inline
                               * (objects/inline_attrs.h); fixed at creation */
} TrHeapType;

/* A read-only attribute computed by `get(ts, obj)` (a new reference, or
 * NULL with the exception set) for instances of `owner` (borrowed: the class
 * keeps the descriptor in its dict): a class's `__weakref__`
 * (objects/getset.c).  Returns a new reference or NULL. */
typedef TrObject *(*tr_getter)(TrThread *ts, TrObject *obj);
extern TrType tr_getset_descr_type;
TrObject *getset_descr_new(TrThread *ts, TrType *owner, const char *name, tr_getter get);

/* The type of the descriptors a class makes for the names in its __slots__
 * (objects/member.c). */
extern TrType tr_member_descr_type;
/* A descriptor for the object pointer at `offset` in instances of `owner`
 * (borrowed: the class keeps the descriptor in its dict), named `name` (a
 * str).  Returns a new reference or NULL. */
TrObject *member_descr_new(TrThread *ts, TrType *owner, TrObject *name, size_t offset);
/* The offset of member descriptor `descr`'s slot inside instances of `tp`,
 * or 0 when `tp` does not have that layout (the descriptor was copied into
 * an unrelated class's dict). */
size_t member_offset(const TrObject *descr, const TrType *tp);
/* The value in the slot at `offset` of `obj` (an instance of the slot's
 * class): a new reference (an immediate as it is), or NULL with no exception
 * set when the slot is empty.  Reads an immediate without the lock, a heap
 * value under `obj`'s lock. */
TrObject *member_load(TrThread *ts, TrObject *obj, size_t offset);
/* Stores `value` (borrowed; NULL deletes) in the slot at `offset` of `obj`
 * under `obj`'s lock, releasing the old value after unlocking.  0, or -1 with
 * no exception set when deleting an empty slot. */
int member_store(TrThread *ts, TrObject *obj, size_t offset, TrObject *value);

/* The MRO of `t` as an array: for a class its `mro`; for a builtin type
 * NULL (walk `base` instead). */
static inline TrType *const *class_mro(const TrType *t, size_t *n) {
    if (!(t->flags & TR_TPFLAG_HEAPTYPE)) { *n = 0; return NULL; }
    *n = ((const TrHeapType *)t)->nmro;
    return ((const TrHeapType *)t)->mro;
}

/* type(name, bases, ns, **kwds): creates a class.  `name` a str, `bases` a
 * tuple (may be empty: (object,)), `ns` a dict (copied).  `kwargs` (may be
 * NULL) go to __init_subclass__.  Returns a new reference or NULL. */
TrObject *class_new(TrThread *ts, TrObject *name, TrObject *bases, TrObject *ns, TrObject *kwargs);
/* As class_new, for the metaclass `meta` (a subtype of type, already the
 * most derived of the bases' metaclasses): the class's type is `meta`. */
TrObject *class_new_meta(TrThread *ts, TrType *meta, TrObject *name, TrObject *bases, TrObject *ns,
                         TrObject *kwargs);
/* The most derived of `meta` and the metaclasses of `bases` (borrowed), or
 * NULL with "metaclass conflict: ..." TypeError. */
TrType *class_calc_meta(TrThread *ts, TrType *meta, TrObject *bases);
/* -1 with CPython's "Can't instantiate abstract class ..." TypeError when
 * `t` has the TR_TPFLAG_ABSTRACT flag (a non-empty __abstractmethods__), else 0. */
int class_check_abstract(TrThread *ts, TrType *t);
/* Re-derives the slots of class `t` from its MRO's special methods after
 * `name` was set or deleted in its dict.  -1 on error. */
int class_update_slot(TrThread *ts, TrType *t, TrObject *name);
/* Runs `o.__del__()` if o's class defines one and it has not run for `o`
 * yet (PEP 442: once per object), reporting an exception as unraisable.
 * The caller holds `o` alone (no other thread can reach it, or no other
 * thread runs).  Cannot fail. */
void class_finalize(TrThread *ts, TrObject *o);
/* Releases what a TrHeapType owns beyond TrType (type_dealloc's helper). */
void class_clear(TrType *t);
/* Registers __build_class__, staticmethod, classmethod, property and super
 * in the builtins dict `d`, readying the types.  -1 on error. */
int class_builtins_init(TrThread *ts, TrObject *d);

extern TrType tr_staticmethod_type, tr_classmethod_type, tr_property_type, tr_super_type;
/* The wrapped callable of a staticmethod/classmethod (borrowed). */
TrObject *staticmethod_func(TrObject *sm);
TrObject *classmethod_func(TrObject *cm);
/* Sets the attribute name a property reports in its errors (its
 * __set_name__); `name` borrowed.  Only before the class is shared. */
void property_set_name(TrObject *prop, TrObject *name);

/* core/vm.c: runs the class body `func` (a function whose code is a class
 * body) with `ns` as its locals dict.  Returns a new reference or NULL. */
TrObject *vm_run_class_body(TrThread *ts, TrObject *func, TrObject *ns);
/* objects/super.c: LOAD_METHOD on super object `o` (core/vm.c): when
 * `name` resolves to a plain function bound to an instance, 1 or 2 with *fn
 * that function (1: a new reference; 2: borrowed, as dict_get_ref's) and
 * *self a new reference to the instance, to be called as fn(self, ...); 0
 * for anything else (the caller takes the generic path); -1 on error. */
/* objects/property.c: the getter of property `prop` (exactly a property),
 * borrowed, or NULL when it has none.  Fixed at creation. */
TrObject *property_fget(TrObject *prop);
int super_method(TrThread *ts, TrObject *o, TrObject *name, TrObject **fn, TrObject **self);
/* core/vm.c: the arguments of zero-argument super() from the calling
 * frame: the `__class__` cell's value and the first argument, both borrowed
 * for the current operation (the frame holds them; a deferred class is read
 * from its cell uncounted).  0, or 1 when *type is a new reference the caller
 * releases; -1 with RuntimeError set. */
int vm_super_args(TrThread *ts, TrObject **type, TrObject **obj);
/* core/vm.c: the globals dict of the innermost running frame (borrowed), or
 * NULL when no Python code runs. */
TrObject *vm_current_globals(TrThread *ts);
#endif
