/* objects/containers.h: private helpers shared by the container and iterator
 * files (tuple.c, list.c, dict.c, set.c, range.c, iter.c, slice.c).
 * Everything here is `static inline` or a macro: no symbol is exported.
 * Threads: the repr guard is per thread (thread-local); the rest is pure. */
#ifndef TORII_OBJECTS_CONTAINERS_H
#define TORII_OBJECTS_CONTAINERS_H

#include <stdlib.h>
#include <string.h>
#include "torii/torii.h"
#include "objects/qsbr_use.h"

/* ---- argument checking, with CPython's exact messages ------------------ */

/* METH_NOARGS style: "list.copy() takes no arguments (1 given)". */
static inline int args_none(TrThread *ts, const char *qname, size_t nargs, TrObject *kwnames) {
    if (kwnames && tuple_size(kwnames)) {
        err_format(ts, &tr_exc_TypeError, "%s() takes no keyword arguments", qname);
        return -1;
    }
    if (nargs) {
        err_format(ts, &tr_exc_TypeError, "%s() takes no arguments (%zu given)", qname, nargs);
        return -1;
    }
    return 0;
}

/* METH_O style: "list.append() takes exactly one argument (0 given)". */
static inline int args_one(TrThread *ts, const char *qname, size_t nargs, TrObject *kwnames) {
    if (kwnames && tuple_size(kwnames)) {
        err_format(ts, &tr_exc_TypeError, "%s() takes no keyword arguments", qname);
        return -1;
    }
    if (nargs != 1) {
        err_format(ts, &tr_exc_TypeError, "%s() takes exactly one argument (%zu given)", qname, nargs);
        return -1;
    }
    return 0;
}

/* Positional-only range: "insert expected 2 arguments, got 1",
 * "pop expected at most 2 arguments, got 3". */
static inline int args_range(TrThread *ts, const char *name, size_t nargs, TrObject *kwnames,
                             size_t min, size_t max) {
    if (kwnames && tuple_size(kwnames)) {
        err_format(ts, &tr_exc_TypeError, "%s() takes no keyword arguments", name);
        return -1;
    }
    if (nargs >= min && nargs <= max) return 0;
    if (min == max)
        err_format(ts, &tr_exc_TypeError, "%s expected %zu argument%s, got %zu", name, min,
                   min == 1 ? "" : "s", nargs);
    else if (nargs < min)
        err_format(ts, &tr_exc_TypeError, "%s expected at least %zu argument%s, got %zu", name, min,
                   min == 1 ? "" : "s", nargs);
    else
        err_format(ts, &tr_exc_TypeError, "%s expected at most %zu argument%s, got %zu", name, max,
                   max == 1 ? "" : "s", nargs);
    return -1;
}

/* ---- indices ----------------------------------------------------------- */

/* An object usable as an index (int, bool, or with __index__) to int64.
 * Returns 1 and fills *out; 0 if `o` is not index-like (no exception);
 * -1 on error.  Values that do not fit raise IndexError "cannot fit 'int'
 * into an index-sized integer" (CPython's message for subscripts). */
static inline int index_like(TrThread *ts, TrObject *o, int64_t *out) {
    if (tr_is_imm(o)) { *out = tr_imm_value(o); return 1; }
    TrObject *iv = NULL;
    if (!int_check(o)) {
        const TrNumberSlots *n = tr_type(o)->number;
        if (!n || !n->index) return 0;
        iv = n->index(ts, o);
        if (!iv) return -1;
        o = iv;
    }
    int ovf = 0;
    int64_t v = int_as_i64_overflow(o, &ovf);
    tr_xdecref(iv);
    if (ovf) {
        err_format(ts, &tr_exc_IndexError, "cannot fit '%s' into an index-sized integer", "int");
        return -1;
    }
    *out = v;
    return 1;
}

/* An object that must be an integer (range() arguments, enumerate start):
 * TypeError "'str' object cannot be interpreted as an integer". Returns a
 * new reference to an int. */
static inline TrObject *as_integer(TrThread *ts, TrObject *o) {
    if (int_check(o)) {
        if (tr_is_imm(o) || tr_type(o) == &tr_int_type) return tr_newref(o);
        return int_from_i64(ts, int_as_i64(ts, o)); /* bool -> int */
    }
    const TrNumberSlots *n = tr_type(o)->number;
    if (n && n->index) return n->index(ts, o);
    return err_format(ts, &tr_exc_TypeError, "'%T' object cannot be interpreted as an integer", o);
}

/* ---- equality without running Python code ------------------------------ */

/* Decides a == b when that cannot run Python code: 1 equal, 0 not equal,
 * -2 when a Python-level comparison is needed.  Used under container locks. */
static inline int eq_simple(TrObject *a, TrObject *b) {
    if (a == b) return 1;
    TrType *ta = tr_type(a), *tb = tr_type(b);
    if (ta == &tr_str_type && tb == &tr_str_type) return str_equal(a, b);
    if (ta == &tr_int_type && tb == &tr_int_type) return int_compare(a, b) == 0;
    if ((ta == &tr_int_type || ta == &tr_str_type) && (tb == &tr_int_type || tb == &tr_str_type))
        return 0;
    return -2;
}

/* 1 if `o` is a key whose hash and equality are computed in C without
 * running Python code (exact str or exact int). */
static inline int key_simple(TrObject *o) {
    TrType *t = tr_type(o);
    return t == &tr_str_type || t == &tr_int_type;
}

/* ---- repr recursion guard (per thread) --------------------------------- */

/* Each file that includes this header gets its own thread-local stack of
 * objects whose repr is in progress: a list catches a cycle through lists,
 * a dict one through dicts.  The first REPR_GUARD_MAX entries sit in a
 * static array; deeper ones (a cycle closed 300 levels down) in `repr_more`,
 * malloc'd on demand and freed when the outermost repr is done.  How deep
 * reprs may nest at all is tr_repr's business (include/torii/recursion.h). */
#define REPR_GUARD_MAX 256
static __thread TrObject *repr_stack[REPR_GUARD_MAX];
static __thread TrObject **repr_more;   /* entries REPR_GUARD_MAX.. */
static __thread int repr_more_cap;
static __thread int repr_depth;

/* 1 if `o` is already being printed by this thread (print "[...]"), 0 after
 * pushing it; -1 never (a guard that cannot grow just stops detecting past
 * what it holds; tr_repr's depth limit still ends the recursion). */
static inline int repr_enter(TrObject *o) {
    int n = repr_depth < REPR_GUARD_MAX ? repr_depth : REPR_GUARD_MAX;
    for (int i = 0; i < n; i++)
        if (repr_stack[i] == o) return 1;
    int extra = repr_depth - REPR_GUARD_MAX;
    if (extra > repr_more_cap) extra = repr_more_cap;
    for (int i = 0; i < extra; i++)
        if (repr_more[i] == o) return 1;
    if (repr_depth < REPR_GUARD_MAX) {
        repr_stack[repr_depth] = o;
    } else {
        int k = repr_depth - REPR_GUARD_MAX;
        if (k == repr_more_cap) {     /* full (after a failed growth, k passes it: no retry) */
            int cap = repr_more_cap ? repr_more_cap * 2 : 256;
            TrObject **grown = realloc(repr_more, (size_t)cap * sizeof *grown);
            if (grown) { repr_more = grown; repr_more_cap = cap; }
        }
        if (k < repr_more_cap) repr_more[k] = o;
    }
    repr_depth++;
    return 0;
}
static inline void repr_leave(TrObject *o) {
    (void)o;
    if (--repr_depth == 0 && repr_more) {
        free(repr_more);
        repr_more = NULL;
        repr_more_cap = 0;
    }
}

/* Appends repr(o) to `b`; -1 on error (exception set). */
static inline int strbuf_add_repr(TrThread *ts, TrStrBuf *b, TrObject *o) {
    TrObject *r = tr_repr(ts, o);
    if (!r) return -1;
    strbuf_addstr(b, r);
    tr_decref(r);
    return 0;
}

/* tuple hash mixing (CPython's xxHash-based tuple hash). */
#define XXPRIME_1 ((uint64_t)11400714785074694791ULL)
#define XXPRIME_2 ((uint64_t)14029467366897019727ULL)
#define XXPRIME_5 ((uint64_t)2870177450012600261ULL)
#define XXROTATE(x) (((x) << 31) | ((x) >> 33))

/* 1 if the value in a container slot may be handed out without counting:
 * an immediate, an immortal object or a deferred one. */
static inline int stack_safe(TrObject *o) {
    return tr_is_imm(o) || tr_is_immortal(o) || tr_is_deferred(o);
}

/* Tagged value words, as the dict's entries and inline attributes store
 * them (objects/dict.c, objects/inline_attrs.h): bit 0 an immediate int (the
 * word is the value), bit 1 on a pointer "stack safe", else a plain pointer;
 * 0 is no value. */
static inline uintptr_t value_word(TrObject *v) {
    if (tr_is_imm(v)) return (uintptr_t)v;
    return (uintptr_t)v | (stack_safe(v) ? 2u : 0u);
}
static inline TrObject *word_value(uintptr_t w) {
    return (w & 1) ? (TrObject *)w : (TrObject *)(w & ~(uintptr_t)2);
}

#endif
