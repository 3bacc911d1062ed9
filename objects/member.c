/* objects/member.c: `member_descriptor`, the data descriptor a class makes
 * for each name in its `__slots__`: it reads, writes and deletes one object
 * pointer stored inside the instance, at a fixed offset.
 *
 * Threads: a descriptor never changes after creation.  The slot it guards
 * belongs to the instance and is written under the instance's lock
 * (TR_BEGIN_CRITICAL), the old value released after unlocking.  A read loads
 * the word with acquire; an immediate, immortal or deferred value is counted
 * and returned without the lock (a deferred value dropped by a concurrent
 * writer is only freed by a reclaim pass, which cannot run before this
 * thread's next eval-breaker check); any other value is read again and
 * counted under the lock, so a concurrent replacement cannot free it first. */
#include "torii/torii.h"
#include "torii/class.h"

typedef struct TrMember {
    TrObject ob_base;
    TrType *owner;        /* the class that declared the slot: borrowed (it holds us) */
    TrObject *name;       /* owned str: the slot's name (mangled) */
    size_t offset;        /* of the TrObject * inside an instance of `owner` */
} TrMember;

TrObject *member_descr_new(TrThread *ts, TrType *owner, TrObject *name, size_t offset) {
    TrMember *m = (TrMember *)tr_alloc(ts, &tr_member_descr_type);
    if (!m) return NULL;
    m->owner = owner;
    m->name = tr_newref(name);
    m->offset = offset;
    return (TrObject *)m;
}

static void member_dealloc(TrThread *ts, TrObject *o) {
    TR_CLEAR(((TrMember *)o)->name);
    tr_free(o);
}

static TrObject *member_repr(TrThread *ts, TrObject *o) {
    TrMember *m = (TrMember *)o;
    return str_format(ts, "<member '%S' of '%s' objects>", m->name, m->owner->name);
}

/* 0 when `obj` is an instance of the owner; -1 with TypeError otherwise. */
static int check_obj(TrThread *ts, TrMember *m, TrObject *obj) {
    if (tr_isinstance(obj, m->owner)) return 0;
    err_format(ts, &tr_exc_TypeError, "descriptor '%S' for '%s' objects doesn't apply to a '%s' object",
               m->name, m->owner->name, tr_type_name(obj));
    return -1;
}

size_t member_offset(const TrObject *descr, const TrType *tp) {
    const TrMember *m = (const TrMember *)descr;
    return tr_type_is_subtype(tp, m->owner) ? m->offset : 0;
}

TrObject *member_load(TrThread *ts, TrObject *obj, size_t offset) {
    TrObject **slot = (TrObject **)((char *)obj + offset);
    TrObject *v = atomic_load_objptr_acquire(slot);
    /* Without the lock only an immediate may be taken: looking at a heap
     * value's header (immortal? deferred?) could read an object that a
     * concurrent store has just released and freed. */
    if (!v || tr_is_imm(v)) return v;
    TR_BEGIN_CRITICAL(ts, obj);
    v = *slot;
    tr_xincref(v);
    TR_END_CRITICAL(ts);
    return v;
}

int member_store(TrThread *ts, TrObject *obj, size_t offset, TrObject *value) {
    TrObject **slot = (TrObject **)((char *)obj + offset);
    TrObject *old;
    tr_xincref(value);
    TR_BEGIN_CRITICAL(ts, obj);
    old = *slot;
    /* release: a lock-free reader that sees the new value sees it whole */
    if (value || old) atomic_store_ptr_release(slot, value);
    TR_END_CRITICAL(ts);
    if (!value && !old) return -1;
    tr_xdecref(old);   /* after unlocking: this may run a destructor */
    return 0;
}

static TrObject *member_get(TrThread *ts, TrObject *descr, TrObject *obj, TrType *type) {
    TrMember *m = (TrMember *)descr;
    if (!obj) return tr_newref(descr);
    if (check_obj(ts, m, obj) < 0) return NULL;
    TrObject *v = member_load(ts, obj, m->offset);
    if (!v)
        err_format(ts, &tr_exc_AttributeError, "'%s' object has no attribute '%S'", type_qualname(tr_type(obj)),
                   m->name);
    return v;
}

static int member_set(TrThread *ts, TrObject *descr, TrObject *obj, TrObject *value) {
    TrMember *m = (TrMember *)descr;
    if (check_obj(ts, m, obj) < 0) return -1;
    if (member_store(ts, obj, m->offset, value) < 0) {
        err_set_value(ts, &tr_exc_AttributeError, m->name);
        return -1;
    }
    return 0;
}

static TrObject *member_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    TrMember *m = (TrMember *)o;
    if (str_equal_cstr(name, "__name__")) return tr_newref(m->name);
    if (str_equal_cstr(name, "__objclass__")) return tr_newref((TrObject *)m->owner);
    if (str_equal_cstr(name, "__qualname__"))
        return str_format(ts, "%s.%S", type_qualname(m->owner), m->name);
    return tr_generic_getattr(ts, o, name);
}

static TrObject *m_get(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_args(ts, "__get__", nargs, kw, 1, 2) < 0) return NULL;
    TrObject *obj = args[0] == tr_none ? NULL : args[0];
    TrType *type = nargs > 1 && args[1] != tr_none ? (TrType *)args[1] : NULL;
    if (!obj && !type) return err_format(ts, &tr_exc_TypeError, "__get__(None, None) is invalid");
    return member_get(ts, self, obj, type);
}

static TrObject *m_set(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_args(ts, "__set__", nargs, kw, 2, 2) < 0) return NULL;
    return member_set(ts, self, args[0], args[1]) < 0 ? NULL : tr_newref(tr_none);
}

static TrObject *m_delete(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    if (tr_check_args(ts, "__delete__", nargs, kw, 1, 1) < 0) return NULL;
    return member_set(ts, self, args[0], NULL) < 0 ? NULL : tr_newref(tr_none);
}

static const TrMethodDef member_methods[] = {
    {"__get__", m_get},
    {"__set__", m_set},
    {"__delete__", m_delete},
    {NULL, NULL},
};

TrType tr_member_descr_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "member_descriptor",
    .basicsize = sizeof(TrMember),
    .base = &tr_object_type,
    .dealloc = member_dealloc,
    .repr = member_repr,
    .getattr = member_getattr,
    .methods = member_methods,
    .descr_get = member_get,
    .descr_set = member_set,
};
