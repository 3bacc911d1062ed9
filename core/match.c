/* core/match.c: the runtime side of `match` statements (see core/match.h).
 *
 * Sequence and mapping patterns test the subject's type: builtin containers
 * by their C type, classes also by an `__abc_tpflags__` attribute found on
 * their MRO (CPython's collections.abc sets the same bits: 1<<5 sequence,
 * 1<<6 mapping).  Class patterns follow CPython's MATCH_CLASS: isinstance,
 * then `__match_args__` for positional sub-patterns (or the subject itself
 * for the builtin types that match themselves), then each attribute, an
 * AttributeError making the pattern fail.
 * Threads: no state of its own; every operation goes through the objects'
 * own (locked) operations. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "core/match.h"
#include "torii/error.h"
#include "torii/str.h"
#include "torii/tuple.h"
#include "torii/list.h"
#include "torii/dict.h"
#include "torii/set.h"
#include "torii/int.h"
#include "torii/float.h"
#include "torii/bytes.h"

extern TrType tr_range_type, tr_deque_type, tr_bool_type;

#define ABC_SEQUENCE (1 << 5)
#define ABC_MAPPING (1 << 6)

/* The __abc_tpflags__ bits a class's MRO declares; 0 when none, -1 on error. */
static int64_t abc_flags(TrThread *ts, TrType *t)
{
    if (!(t->flags & TR_TPFLAG_HEAPTYPE)) return 0;
    TrObject *key = str_intern_cstr(ts, "__abc_tpflags__");
    if (!key) return -1;
    TrObject *v = type_lookup(ts, t, key);
    if (!v) return err_occurred(ts) ? -1 : 0;
    int64_t bits = 0;
    if (int_check(v) && tr_index_i64(ts, v, &bits) < 0) { err_clear(ts); bits = 0; }
    tr_decref(v);
    return bits;
}

int match_is_sequence(TrThread *ts, TrObject *o)
{
    TrType *t = tr_type(o);
    if (t == &tr_list_type || t == &tr_tuple_type) return 1;
    if (tr_is_imm(o) || t == &tr_str_type || t == &tr_dict_type || t == &tr_int_type) return 0;
    if (str_check(o) || bytes_check(o) || bytearray_check(o) || dict_check(o)) return 0;
    if (list_check(o) || tuple_check(o) || tr_isinstance(o, &tr_range_type) || tr_isinstance(o, &tr_deque_type))
        return 1;
    int64_t f = abc_flags(ts, t);
    return f < 0 ? -1 : (f & ABC_SEQUENCE) != 0;
}

int match_is_mapping(TrThread *ts, TrObject *o)
{
    TrType *t = tr_type(o);
    if (t == &tr_dict_type) return 1;
    if (tr_is_imm(o) || t == &tr_list_type || t == &tr_tuple_type || t == &tr_str_type) return 0;
    if (dict_check(o)) return 1;
    int64_t f = abc_flags(ts, t);
    return f < 0 ? -1 : (f & ABC_MAPPING) != 0;
}

TrObject *match_keys(TrThread *ts, TrObject *subject, TrObject *keys)
{
    size_t n = tuple_size(keys);
    if (n == 0) return tuple_new(ts, 0);
    TrObject *get = tr_getattr_cstr(ts, subject, "get");
    if (!get) return NULL;
    TrObject *seen = set_new(ts);
    TrObject *dummy = tr_alloc(ts, &tr_object_type);
    TrObject *values = tuple_new(ts, n);
    TrObject *result = NULL;
    if (!seen || !dummy || !values) goto done;
    for (size_t i = 0; i < n; i++) {
        TrObject *key = tuple_get(keys, i);
        int dup = set_contains(ts, seen, key);
        if (dup < 0) goto done;
        if (dup) {
            err_format(ts, &tr_exc_ValueError, "mapping pattern checks duplicate key (%R)", key);
            goto done;
        }
        if (set_add(ts, seen, key) < 0) goto done;
        TrObject *args[2] = {key, dummy};
        TrObject *v = tr_call(ts, get, args, 2, NULL);
        if (!v) goto done;
        if (v == dummy) {
            tr_decref(v);
            result = tr_newref(tr_none);
            goto done;
        }
        tuple_set_take(values, i, v);
    }
    result = tr_newref(values);
done:
    tr_decref(get);
    tr_xdecref(seen);
    tr_xdecref(dummy);
    if (values) {
        /* unfilled slots of a failed tuple must not be read by its dealloc */
        if (result != values)
            for (size_t i = 0; i < n; i++)
                if (!tuple_get(values, i)) tuple_set_take(values, i, tr_newref(tr_none));
        tr_decref(values);
    }
    return result;
}

/* isinstance(o, cls) for a class `cls`, honouring a metaclass's
 * __instancecheck__: 1, 0 or -1. */
static int is_instance(TrThread *ts, TrObject *o, TrObject *cls)
{
    if (tr_type(o) == (TrType *)cls) return 1;
    TrType *mt = tr_type(cls);
    if (mt != &tr_type_type && (mt->flags & TR_TPFLAG_HEAPTYPE)) {
        TrObject *key = str_intern_cstr(ts, "__instancecheck__");
        if (!key) return -1;
        TrObject *f = type_lookup(ts, mt, key);
        if (!f && err_occurred(ts)) return -1;
        if (f && tr_type(f) != &tr_method_descr_type) {
            TrObject *bound = type_bind_take(ts, f, cls);
            if (!bound) return -1;
            TrObject *r = tr_call(ts, bound, &o, 1, NULL);
            tr_decref(bound);
            if (!r) return -1;
            int v = tr_is_true(ts, r);
            tr_decref(r);
            return v;
        }
        tr_xdecref(f);
    }
    return tr_isinstance(o, (TrType *)cls);
}

/* The builtin types whose one positional sub-pattern matches the subject itself. */
static int matches_self(TrType *t)
{
    static TrType *const self_types[] = {
        &tr_bool_type, &tr_bytearray_type, &tr_bytes_type, &tr_dict_type, &tr_float_type,
        &tr_frozenset_type, &tr_int_type, &tr_list_type, &tr_set_type, &tr_str_type, &tr_tuple_type,
    };
    for (size_t i = 0; i < sizeof self_types / sizeof *self_types; i++)
        if (t == self_types[i] || tr_type_is_subtype(t, self_types[i])) return 1;
    return 0;
}

/* getattr(subject, name) for a class pattern: a new reference, NULL with no
 * exception when the attribute is missing (the pattern fails), NULL with an
 * exception on error (also for a name given twice). */
static TrObject *class_attr(TrThread *ts, TrObject *subject, TrType *type, TrObject *name, TrObject **seen,
                            size_t *nseen)
{
    for (size_t i = 0; i < *nseen; i++)
        if (str_equal(seen[i], name)) {
            err_format(ts, &tr_exc_TypeError, "%s() got multiple sub-patterns for attribute %R", type->name, name);
            return NULL;
        }
    seen[(*nseen)++] = name;
    TrObject *v = tr_getattr(ts, subject, name);
    if (!v && err_matches(ts, &tr_exc_AttributeError)) err_clear(ts);
    return v;
}

TrObject *match_class(TrThread *ts, TrObject *subject, TrObject *cls, int nargs, TrObject *kwnames)
{
    if (!tr_isinstance(cls, &tr_type_type))
        return err_format(ts, &tr_exc_TypeError, "called match pattern must be a class");
    TrType *type = (TrType *)cls;
    int inst = is_instance(ts, subject, cls);
    if (inst < 0) return NULL;
    if (!inst) return tr_newref(tr_none);
    size_t nkw = tuple_size(kwnames), n = (size_t)nargs + nkw;
    TrObject *attrs = tuple_new(ts, n);
    if (!attrs) return NULL;
    TrObject *match_args = NULL, *result = NULL;
    TrObject *seen_small[16], **seen = n <= 16 ? seen_small : malloc(n * sizeof *seen);
    size_t nseen = 0, filled = 0;
    if (!seen) { err_nomemory(ts); goto done; }
    if (nargs) {
        bool match_self = false;
        match_args = tr_getattr_cstr(ts, cls, "__match_args__");
        if (!match_args) {
            if (!err_matches(ts, &tr_exc_AttributeError)) goto done;
            err_clear(ts);
            match_self = matches_self(type);
        } else if (tr_type(match_args) != &tr_tuple_type && !tuple_check(match_args)) {
            err_format(ts, &tr_exc_TypeError, "%s.__match_args__ must be a tuple (got %T)", type->name, match_args);
            goto done;
        }
        size_t allowed = match_self ? 1 : match_args ? tuple_size(match_args) : 0;
        if (allowed < (size_t)nargs) {
            err_format(ts, &tr_exc_TypeError, "%s() accepts %zu positional sub-pattern%s (%d given)", type->name,
                       allowed, allowed == 1 ? "" : "s", nargs);
            goto done;
        }
        if (match_self) {
            tuple_set_take(attrs, filled++, tr_newref(subject));
        } else {
            for (int i = 0; i < nargs; i++) {
                TrObject *name = tuple_get(match_args, (size_t)i);
                if (!str_check(name)) {
                    err_format(ts, &tr_exc_TypeError, "__match_args__ elements must be strings (got %T)", name);
                    goto done;
                }
                TrObject *v = class_attr(ts, subject, type, name, seen, &nseen);
                if (!v) {
                    if (!err_occurred(ts)) result = tr_newref(tr_none);
                    goto done;
                }
                tuple_set_take(attrs, filled++, v);
            }
        }
    }
    for (size_t i = 0; i < nkw; i++) {
        TrObject *v = class_attr(ts, subject, type, tuple_get(kwnames, i), seen, &nseen);
        if (!v) {
            if (!err_occurred(ts)) result = tr_newref(tr_none);
            goto done;
        }
        tuple_set_take(attrs, filled++, v);
    }
    result = tr_newref(attrs);
done:
    if (seen && seen != seen_small) free(seen);
    tr_xdecref(match_args);
    for (size_t i = filled; i < n; i++) tuple_set_take(attrs, i, tr_newref(tr_none));
    tr_decref(attrs);
    return result;
}
