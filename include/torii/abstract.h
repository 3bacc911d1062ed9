/* include/torii/abstract.h: operations on any object, dispatching through the
 * type slots.  All return new references (or -1/NULL with the exception set)
 * unless said otherwise.  Messages are CPython 3.13's. */
#ifndef TORII_ABSTRACT_H
#define TORII_ABSTRACT_H
#include "torii/object.h"

TrObject *tr_repr(TrThread *ts, TrObject *o);
TrObject *tr_str(TrThread *ts, TrObject *o);
/* -1 error, else hash (never -1). TypeError "unhashable type: 'list'". */
int64_t tr_hash(TrThread *ts, TrObject *o);
/* Truth value: 1, 0, or -1 on error. */
int tr_is_true(TrThread *ts, TrObject *o);
/* Rich comparison returning an object (op: TR_LT..TR_GE).  Implements
 * reflection and the "'<' not supported between instances of 'int' and
 * 'str'" TypeError; == / != fall back to identity. */
TrObject *tr_richcompare(TrThread *ts, TrObject *a, TrObject *b, int op);
/* Comparison as a truth value: 1, 0, -1 on error.  For TR_EQ identity short-circuits. */
int tr_richcompare_bool(TrThread *ts, TrObject *a, TrObject *b, int op);
/* a <op> b for TR_BINOP_* (with TR_BINOP_INPLACE for +=); "unsupported operand
 * type(s) for +: 'int' and 'str'". */
TrObject *tr_binop(TrThread *ts, int op, TrObject *a, TrObject *b);
/* The operator's text, "+", "//", "**", "@"; for messages and tracebacks. */
const char *tr_binop_symbol(int op);
TrObject *tr_neg(TrThread *ts, TrObject *o);
TrObject *tr_pos(TrThread *ts, TrObject *o);
TrObject *tr_invert(TrThread *ts, TrObject *o);
TrObject *tr_abs(TrThread *ts, TrObject *o);
/* len(o): -1 with TypeError "object of type 'int' has no len()". */
ssize_t tr_len(TrThread *ts, TrObject *o);
TrObject *tr_getitem(TrThread *ts, TrObject *o, TrObject *key);
int tr_setitem(TrThread *ts, TrObject *o, TrObject *key, TrObject *value);
int tr_delitem(TrThread *ts, TrObject *o, TrObject *key);
/* `item in container`: 1, 0, -1. */
int tr_contains(TrThread *ts, TrObject *container, TrObject *item);
/* iter(o): TypeError "'int' object is not iterable". */
TrObject *tr_iter(TrThread *ts, TrObject *o);
/* next(it): NULL with no exception at the end. */
TrObject *tr_next(TrThread *ts, TrObject *it);
/* getattr(o, name); name is a str.  AttributeError "'int' object has no attribute 'x'". */
TrObject *tr_getattr(TrThread *ts, TrObject *o, TrObject *name);
TrObject *tr_getattr_cstr(TrThread *ts, TrObject *o, const char *name);
int tr_setattr(TrThread *ts, TrObject *o, TrObject *name, TrObject *value);
/* Generic attribute lookup through the type's dict (methods bind to `o`). */
TrObject *tr_generic_getattr(TrThread *ts, TrObject *o, TrObject *name);
/* o.name (`name` a str) for getattr(o, name, default) and hasattr: a new
 * reference; NULL with no exception set when the attribute is missing
 * (AttributeError), NULL with the exception for any other error. */
TrObject *tr_getattr_opt(TrThread *ts, TrObject *o, TrObject *name);
/* Calls `callable`; "'int' object is not callable". */
TrObject *tr_call(TrThread *ts, TrObject *callable, TrObject *const *args, size_t nargs, TrObject *kwnames);
/* Calls with a tuple and an optional dict, for f(*a, **k). */
TrObject *tr_call_tuple_dict(TrThread *ts, TrObject *callable, TrObject *args, TrObject *kwargs);
/* o.__index__() as an int64 for indexing: TypeError "list indices must be
 * integers or slices, not str" is the caller's; this returns -1 + error with
 * `what` naming the context when o is not an int. */
int tr_index_i64(TrThread *ts, TrObject *o, int64_t *out);
/* Type name for messages: "int", "NoneType". Borrowed, static. */
static inline const char *tr_type_name(const TrObject *o) { return tr_type(o)->name; }

/* Argument checking helpers for builtin functions and methods. */
/* 0 if nargs within [min, max] and no keywords; else -1 with CPython's
 * message: keywords: "len() takes no keyword arguments"; min == max == 0:
 * "list.clear() takes no arguments (1 given)"; min == max == 1:
 * "list.append() takes exactly one argument (0 given)"; otherwise the
 * tr_check_nargs wording.  `fname` is the name without "()", qualified for
 * methods as CPython does ("list.append"). */
int tr_check_args(TrThread *ts, const char *fname, size_t nargs, TrObject *kwnames, size_t min, size_t max);
/* Only the positional count, in Argument Clinic's words: "sorted expected 1
 * argument, got 0", "pop expected at most 1 argument, got 2", "get expected
 * at least 1 argument, got 0", "divmod expected 2 arguments, got 1".  `fname`
 * without "()".  0 or -1. */
int tr_check_nargs(TrThread *ts, const char *fname, size_t nargs, size_t min, size_t max);
/* 0 if `kwnames` is NULL or empty, else -1 with "len() takes no keyword
 * arguments" (`fname` "len", without "()"). */
int tr_check_no_kwargs(TrThread *ts, const char *fname, TrObject *kwnames);

/* Type setup: fills `type->dict` from `methods`, sets the header immortal.
 * Called once per builtin type at start-up (objects/type.c).  -1 on error. */
int type_ready(TrThread *ts, TrType *type);
extern TrType tr_type_type, tr_object_type, tr_none_type, tr_notimpl_type, tr_ellipsis_type;
/* Readies every type objects/object.c, type.c, cfunction.c, method.c,
 * module.c and exc.c define, and preallocates the MemoryError instance.
 * Called once by runtime_init before any other type_ready.  -1 on error. */
int types_init(TrThread *ts);
/* Looks `name` (a str) up in `type`'s dict and its bases' dicts.  Returns a
 * new reference, or NULL with no exception when absent (NULL with an
 * exception only if a lookup failed). */
TrObject *type_lookup(TrThread *ts, TrType *type, TrObject *name);
/* type_lookup without a count where none is needed: 2 and a borrowed `*out`
 * (an immortal or deferred value, valid until the caller's next quiescent
 * point), 1 and a new reference, 0 absent, -1 with an exception. */
int type_lookup_ref(TrThread *ts, TrType *type, TrObject *name, TrObject **out);
/* Binds `attr` (found on the type of `obj`) to `obj`: a method descriptor
 * becomes a bound builtin method, a Python function a bound method, an
 * object whose type has `descr_get` gets it called; anything else is returned
 * as is.  Steals `attr`; returns a new reference or NULL. */
TrObject *type_bind_take(TrThread *ts, TrObject *attr, TrObject *obj);
/* setattr through the instance `__dict__` (dictoffset) and data descriptors;
 * value NULL deletes.  The default when a type's `setattr` slot is NULL. */
int tr_generic_setattr(TrThread *ts, TrObject *o, TrObject *name, TrObject *value);
/* The type name for messages and tracebacks: `name` for builtins,
 * `__qualname__` for classes.  Borrowed, valid while the type lives. */
const char *type_qualname(TrType *type);

/* Slices. */
typedef struct TrSlice { TrObject ob_base; TrObject *start, *stop, *step; } TrSlice;
extern TrType tr_slice_type;
/* New slice; arguments borrowed, NULL means None. */
TrObject *slice_new(TrThread *ts, TrObject *start, TrObject *stop, TrObject *step);
/* Resolves a slice against a sequence of `length`: fills start/stop/step and
 * returns the number of items; -1 on error ("slice step cannot be zero"). */
ssize_t slice_indices(TrThread *ts, TrObject *slice, ssize_t length, ssize_t *start, ssize_t *stop, ssize_t *step);

/* range and iterators (objects/range.c, objects/iter.c). */
extern TrType tr_range_type, tr_range_iter_type, tr_seq_iter_type, tr_enumerate_type, tr_zip_type;
TrObject *range_new(TrThread *ts, TrObject *start, TrObject *stop, TrObject *step);
#endif
