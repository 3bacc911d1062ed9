/* objects/cell.c: `cell`, the box that holds a variable shared between a
 * function and the functions nested in it (closures).
 * Threads: `ref` is written only under the cell's lock, with a release store;
 * readers load it with acquire.  Any reader takes an immediate without the
 * lock, and so does the cell's owner (the thread that made it: usually the
 * only one that runs the closure) with any value, because another thread
 * releases the value it replaces through tr_release_unlocked
 * (include/torii/object.h), which never frees it under a reading owner.
 * Other threads count heap values under the lock, which a writer holds while
 * swapping.  The old value is released after unlocking.
 * `dref` mirrors `ref` when the value is deferred or immortal (a class, a
 * module-level function, a builtin): any thread reads it with one acquire
 * load and uses it uncounted (cell_peek_deferred), so a closure or a
 * method's `__class__` cell shared by all threads costs no lock and no count
 * on the common path.  cell_set clears it before storing `ref` and sets it
 * after, under the lock: a reader of a stale `dref` holds a deferred object,
 * which a reclaim pass frees only after every thread's next quiescent point. */
#include <stdio.h>
#include "torii/torii.h"

TrObject *cell_new(TrThread *ts, TrObject *value) {
    TrCell *c = (TrCell *)tr_alloc(ts, &tr_cell_type);
    if (!c) return NULL;
    c->ref = value ? tr_newref(value) : NULL;
    c->dref = value && !tr_is_imm(value) && (tr_is_deferred(value) || tr_is_immortal(value)) ? value : NULL;
    return (TrObject *)c;
}

TrObject *cell_get(TrThread *ts, TrObject *cell) {
    TrCell *c = (TrCell *)cell;
    /* acquire: pairs with the release store in cell_set */
    TrObject *v = atomic_load_objptr_acquire(&c->ref);
    if (!v) return NULL;
    /* Without the lock only an immediate may be taken: looking at a heap
     * value's header (immortal? deferred? owner?) could read an object that a
     * concurrent cell_set has just released and freed. */
    if (tr_is_imm(v)) return v;
    if (!TR_BIASED_RC || tr_owned_by_me(cell)) return tr_newref(v);
    TR_BEGIN_CRITICAL(ts, cell);
    v = c->ref;
    tr_xincref(v);
    /* a value made deferred after it was stored (a function a decorator
     * captured before its class deferred it): publish it for the lock-free
     * path, once */
    if (v && !tr_is_imm(v) && !c->dref && (tr_is_deferred(v) || tr_is_immortal(v)))
        atomic_store_ptr_release(&c->dref, v);
    TR_END_CRITICAL(ts);
    return v;
}

void cell_set(TrThread *ts, TrObject *cell, TrObject *value) {
    TrCell *c = (TrCell *)cell;
    tr_xincref(value);
    TrObject *old;
    TR_BEGIN_CRITICAL(ts, cell);
    old = c->ref;
    atomic_store_ptr_release(&c->dref, NULL);
    /* release: pairs with the acquire load in cell_get */
    atomic_store_ptr_release(&c->ref, value);
    if (value && !tr_is_imm(value) && (tr_is_deferred(value) || tr_is_immortal(value)))
        atomic_store_ptr_release(&c->dref, value);   /* pairs with cell_peek_deferred */
    TR_END_CRITICAL(ts);
    /* drop the lock first: this may run a destructor */
    if (!old) return;
    if (!TR_BIASED_RC || tr_owned_by_me(cell)) tr_decref(old);
    else tr_release_unlocked(ts, cell, &old, 1);
}

static void cell_dealloc(TrThread *ts, TrObject *o) {
    TR_CLEAR(((TrCell *)o)->ref);
    tr_free(o);
}

/* "<cell at 0x7f...: int object at 0x7f...>" or "<cell at 0x7f...: empty>" */
static TrObject *cell_repr(TrThread *ts, TrObject *o) {
    TrObject *v = cell_get(ts, o);
    char buf[160];
    if (!v)
        snprintf(buf, sizeof buf, "<cell at %p: empty>", (void *)o);
    else
        snprintf(buf, sizeof buf, "<cell at %p: %s object at %p>", (void *)o,
                 type_qualname(tr_type(v)), (void *)v);
    tr_xdecref(v);
    return str_from_cstr(ts, buf);
}

static TrObject *cell_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    if (str_equal_cstr(name, "cell_contents")) {
        TrObject *v = cell_get(ts, o);
        if (!v) err_set(ts, &tr_exc_ValueError, "Cell is empty");
        return v;
    }
    return tr_generic_getattr(ts, o, name);
}

static int cell_setattr(TrThread *ts, TrObject *o, TrObject *name, TrObject *value) {
    if (str_equal_cstr(name, "cell_contents")) {
        cell_set(ts, o, value);
        return 0;
    }
    return tr_generic_setattr(ts, o, name, value);
}

/* ---- cycle collection (threads/gc.c) ---------------------------------------- */

static void cell_traverse(TrObject *o, tr_visitfunc visit, void *arg) { visit(((TrCell *)o)->ref, arg); }

static void cell_clear(TrThread *ts, TrObject *o) { cell_set(ts, o, NULL); }

TrType tr_cell_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "cell",
    .flags = TR_TPFLAG_GC,
    .basicsize = sizeof(TrCell),
    .base = &tr_object_type,
    .dealloc = cell_dealloc,
    .repr = cell_repr,
    .getattr = cell_getattr,
    .setattr = cell_setattr,
    .traverse = cell_traverse,
    .clear = cell_clear,
};
