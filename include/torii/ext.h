/* include/torii/ext.h: the C API for extension modules (docs/capi.md).
 *
 * The one header an extension includes: `#include <torii/ext.h>`, built with
 * `cc -shared -fPIC $(pkg-config --cflags --libs torii) -o name.so name.c`.
 * It includes nothing of the runtime's own headers and inlines nothing that
 * differs between the builds: every operation, reference counting included,
 * is a call into the interpreter, objects are opaque, and the GIL is hidden
 * behind tr_begin_critical / tr_detach.  So one binary loads under both
 * `torii` and `torii-gil` (one ABI, TR_EXT_ABI_VERSION).
 *
 * Conventions, as in the runtime:
 * - Every function takes the calling thread `ts` (the one its callback got,
 *   or tr_thread_current()) when it may raise or run Python code.
 * - Errors: NULL for pointer results, -1 for int results, with the thread's
 *   pending exception set; predicates return 1 or 0.
 * - "New reference": the caller owns it and must tr_decref it.  "Borrowed":
 *   valid only as long as the object named in the contract.  No function
 *   returns a borrowed reference out of a mutable container (list, dict,
 *   set, attribute): another thread could drop it at any moment.
 * - Arguments are borrowed unless the contract says "Steals `x`".
 * - Without a GIL any thread may run at any time: state an object of your
 *   type keeps must be read and written inside tr_begin_critical(ts, &cs,
 *   self) ... tr_end_critical(ts, &cs).
 * - Tagged small ints: a value is not always a pointer to memory.  Never
 *   dereference a TrObject *; go through these functions.
 */
#ifndef TORII_EXT_H
#define TORII_EXT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this API and ABI.  An extension stores it in its
 * TrModuleSpec; the interpreter refuses a module built for another one. */
#define TR_EXT_ABI_VERSION 1

typedef struct TrObject TrObject;    /* opaque: any value */
typedef struct TrType TrType;        /* opaque: a type (also a TrObject) */
typedef struct TrThread TrThread;    /* opaque: a thread's state */

/* The first member of an extension type's instance struct: the 32-byte
 * object header, the same in both builds.  Never touch its bytes.
 *     typedef struct { TrObjectHead head; int64_t count; } Counter; */
typedef struct TrObjectHead { uint64_t opaque_[4]; } TrObjectHead;

/* ---- reference counting and singletons ------------------------------- */

#ifndef TORII_OBJECT_H   /* the runtime's own headers define these inline */
/* Adds a reference to `o` (not NULL).  Any thread. */
void tr_incref(TrObject *o);
/* Drops a reference to `o` (not NULL); may free it and run Python code
 * (a __del__, a weakref callback). */
void tr_decref(TrObject *o);
/* As tr_incref / tr_decref, doing nothing when `o` is NULL. */
void tr_xincref(TrObject *o);
void tr_xdecref(TrObject *o);
/* Returns `o` after adding a reference: `return tr_newref(tr_none);`. */
TrObject *tr_newref(TrObject *o);
/* True or False for `v` (nonzero, zero).  Returns a new reference (they are
 * immortal: dropping it is optional but allowed). */
TrObject *tr_bool(int v);
/* The name of `o`'s type: "int", "counter.Counter".  Borrowed: valid while
 * `o` is alive. */
const char *tr_type_name(const TrObject *o);

/* The immortal singletons: borrowed references are always valid; return
 * them with tr_newref. */
extern TrObject tr_none_obj, tr_true_obj, tr_false_obj, tr_notimpl_obj;
#define tr_none (&tr_none_obj)
#define tr_true (&tr_true_obj)
#define tr_false (&tr_false_obj)
#define tr_notimplemented (&tr_notimpl_obj)

/* Comparison operators for tr_richcompare. */
enum { TR_LT, TR_LE, TR_EQ, TR_NE, TR_GT, TR_GE };
/* Binary operators for tr_binop; add TR_BINOP_INPLACE for `+=` and so on. */
enum {
    TR_BINOP_ADD, TR_BINOP_SUB, TR_BINOP_MUL, TR_BINOP_TRUEDIV, TR_BINOP_FLOORDIV,
    TR_BINOP_MOD, TR_BINOP_POW, TR_BINOP_LSHIFT, TR_BINOP_RSHIFT, TR_BINOP_AND,
    TR_BINOP_OR, TR_BINOP_XOR, TR_BINOP_MATMUL, TR_BINOP_COUNT
};
#define TR_BINOP_INPLACE 16
/* A type's `traverse` calls `visit(ref, arg)` for each reference it owns. */
typedef void (*tr_visitfunc)(TrObject *ref, void *arg);
#endif

/* ---- objects and types ----------------------------------------------- */

/* `o`'s type.  Borrowed: valid while `o` is alive. */
TrObject *tr_type_of(TrObject *o);
/* 1 if `o` is an instance of `type` or of a subclass, else 0.  Runs no
 * Python code, cannot fail. */
int tr_type_check(TrObject *o, TrObject *type);
/* repr(o), str(o): new references (str). */
TrObject *tr_repr(TrThread *ts, TrObject *o);
TrObject *tr_str(TrThread *ts, TrObject *o);
/* hash(o); -1 on error (TypeError "unhashable type: 'list'"). */
int64_t tr_hash(TrThread *ts, TrObject *o);
/* bool(o): 1, 0, or -1 on error. */
int tr_is_true(TrThread *ts, TrObject *o);
/* `a OP b` for OP a TR_LT..TR_GE: a new reference, or NULL. */
TrObject *tr_richcompare(TrThread *ts, TrObject *a, TrObject *b, int op);
/* As tr_richcompare, as a truth value: 1, 0, or -1 on error. */
int tr_richcompare_bool(TrThread *ts, TrObject *a, TrObject *b, int op);
/* `a OP b` for OP a TR_BINOP_* (plus TR_BINOP_INPLACE): a new reference. */
TrObject *tr_binop(TrThread *ts, int op, TrObject *a, TrObject *b);
/* len(o): the length, or -1 on error. */
ssize_t tr_len(TrThread *ts, TrObject *o);
/* o[key]: a new reference. */
TrObject *tr_getitem(TrThread *ts, TrObject *o, TrObject *key);
/* o[key] = value (value NULL: del o[key]).  0 or -1. */
int tr_setitem(TrThread *ts, TrObject *o, TrObject *key, TrObject *value);
/* del o[key].  0 or -1. */
int tr_delitem(TrThread *ts, TrObject *o, TrObject *key);
/* `item in container`: 1, 0, or -1 on error. */
int tr_contains(TrThread *ts, TrObject *container, TrObject *item);
/* o.name for a str `name`: a new reference, or NULL (AttributeError...). */
TrObject *tr_getattr(TrThread *ts, TrObject *o, TrObject *name);
/* o.name for a C string (UTF-8): a new reference, or NULL. */
TrObject *tr_getattr_cstr(TrThread *ts, TrObject *o, const char *name);
/* o.name = value (value NULL: del o.name), `name` a str.  0 or -1. */
int tr_setattr(TrThread *ts, TrObject *o, TrObject *name, TrObject *value);

/* ---- iteration -------------------------------------------------------- */

/* iter(o): a new reference (TypeError "'int' object is not iterable"). */
TrObject *tr_iter(TrThread *ts, TrObject *o);
/* next(it): a new reference; NULL with no exception set at the end, NULL
 * with one set on error (check tr_err_occurred). */
TrObject *tr_next(TrThread *ts, TrObject *it);

/* ---- calling ---------------------------------------------------------- */

/* callable(*args[0..nargs), **kw): the values of the keyword arguments
 * follow the positional ones in `args`, one per name in the tuple
 * `kwnames` (NULL: none).  Returns a new reference. */
TrObject *tr_call(TrThread *ts, TrObject *callable, TrObject *const *args, size_t nargs, TrObject *kwnames);
/* callable(*args, **kwargs): `args` a tuple, `kwargs` a dict or NULL.
 * Returns a new reference. */
TrObject *tr_call_tuple_dict(TrThread *ts, TrObject *callable, TrObject *args, TrObject *kwargs);
/* o.name(*args[0..nargs)) for a C string `name`: a new reference. */
TrObject *tr_call_method(TrThread *ts, TrObject *o, const char *name, TrObject *const *args, size_t nargs);
/* 1 if `o` can be called, else 0.  Cannot fail. */
int tr_callable(TrObject *o);
/* Checks a call's argument count for function `fname`: TypeError as
 * CPython words it ("f() takes at most 2 arguments (3 given)"; "f() takes
 * no keyword arguments" when `kwnames` is not NULL).  0 or -1. */
int tr_check_args(TrThread *ts, const char *fname, size_t nargs, TrObject *kwnames, size_t min, size_t max);

/* ---- int, float, bool -------------------------------------------------- */

/* 1 if `o` is an int (bool included), else 0. */
int tr_int_check(TrObject *o);
/* A new int of `v`: a new reference, NULL on MemoryError. */
TrObject *tr_int_from_i64(TrThread *ts, int64_t v);
TrObject *tr_int_from_u64(TrThread *ts, uint64_t v);
/* The value of int `o` (or of o.__index__()): -1 with OverflowError when it
 * does not fit, TypeError for a non-integer (check tr_err_occurred: -1 is
 * also a value). */
int64_t tr_int_as_i64(TrThread *ts, TrObject *o);
/* 1 if `o` is a float, else 0. */
int tr_float_check(TrObject *o);
/* A new float: a new reference, NULL on MemoryError. */
TrObject *tr_float_from_double(TrThread *ts, double v);
/* float(o) as a C double for a float, an int or an object with __float__:
 * -1.0 with TypeError/OverflowError set on error. */
double tr_float_as_double(TrThread *ts, TrObject *o);

/* ---- str and bytes ---------------------------------------------------- */

/* 1 if `o` is a str, else 0. */
int tr_str_check(TrObject *o);
/* A str from UTF-8 `s[0..n)`: a new reference, NULL with UnicodeDecodeError
 * on invalid UTF-8. */
TrObject *tr_str_from_utf8(TrThread *ts, const char *s, size_t n);
/* As tr_str_from_utf8 for a NUL-terminated `s`. */
TrObject *tr_str_from_cstr(TrThread *ts, const char *s);
/* A str from a printf-like format: the C conversions (%s %d %u %ld %lu %zd
 * %zu %lld %c %%) and %R / %S (repr / str of a TrObject *), %T (its type
 * name).  A new reference. */
TrObject *tr_str_format(TrThread *ts, const char *fmt, ...);
/* The UTF-8 bytes of str `o`, NUL-terminated, their length in *len (may be
 * NULL).  Borrowed: valid while `o` is alive (a str never changes).  NULL
 * with TypeError when `o` is not a str. */
const char *tr_str_as_utf8(TrThread *ts, TrObject *o, size_t *len);
/* 1 if `o` is bytes, else 0. */
int tr_bytes_check(TrObject *o);
/* A bytes holding a copy of `s[0..n)`: a new reference. */
TrObject *tr_bytes_from(TrThread *ts, const char *s, size_t n);
/* The bytes of bytes `o` and their count in *len (may be NULL).  Borrowed:
 * valid while `o` is alive.  NULL with TypeError when `o` is not bytes. */
const char *tr_bytes_data(TrThread *ts, TrObject *o, size_t *len);

/* ---- tuple ------------------------------------------------------------ */

/* 1 if `o` is a tuple, else 0. */
int tr_tuple_check(TrObject *o);
/* A tuple of items[0..n) (each gains a reference): a new reference. */
TrObject *tr_tuple_from_array(TrThread *ts, TrObject *const *items, size_t n);
/* A tuple of the `n` TrObject * arguments that follow: a new reference. */
TrObject *tr_tuple_pack(TrThread *ts, size_t n, ...);
/* The size of tuple `t`. */
size_t tr_tuple_size(TrObject *t);
/* Item `i` of tuple `t` (i < size, not checked).  Borrowed: valid while
 * `t` is alive (a tuple never changes). */
TrObject *tr_tuple_get(TrObject *t, size_t i);

/* ---- list ------------------------------------------------------------- */

/* 1 if `o` is a list, else 0. */
int tr_list_check(TrObject *o);
/* A new empty list: a new reference. */
TrObject *tr_list_new(TrThread *ts);
/* list.append(item): 0 or -1. */
int tr_list_append(TrThread *ts, TrObject *list, TrObject *item);
/* list[i] (negative counts from the end): a NEW reference, or NULL with
 * IndexError "list index out of range". */
TrObject *tr_list_get(TrThread *ts, TrObject *list, ssize_t i);
/* list[i] = item: 0 or -1 (IndexError "list assignment index out of range"). */
int tr_list_set(TrThread *ts, TrObject *list, ssize_t i, TrObject *item);
/* The current length of `list` (others may change it right after). */
size_t tr_list_size(TrObject *list);
/* tuple(list), a snapshot taken atomically: a new reference. */
TrObject *tr_list_to_tuple(TrThread *ts, TrObject *list);

/* ---- dict ------------------------------------------------------------- */

/* 1 if `o` is a dict, else 0. */
int tr_dict_check(TrObject *o);
/* A new empty dict: a new reference. */
TrObject *tr_dict_new(TrThread *ts);
/* d[key]: a NEW reference; NULL with no exception when the key is absent,
 * NULL with one set on error (an unhashable key, a failing __eq__). */
TrObject *tr_dict_get(TrThread *ts, TrObject *d, TrObject *key);
/* As tr_dict_get with a C string key. */
TrObject *tr_dict_get_cstr(TrThread *ts, TrObject *d, const char *key);
/* d[key] = value: 0 or -1. */
int tr_dict_set(TrThread *ts, TrObject *d, TrObject *key, TrObject *value);
/* As tr_dict_set with a C string key. */
int tr_dict_set_cstr(TrThread *ts, TrObject *d, const char *key, TrObject *value);
/* del d[key]: 0 or -1 (KeyError). */
int tr_dict_del(TrThread *ts, TrObject *d, TrObject *key);
/* The current number of items of `d`. */
size_t tr_dict_size(TrObject *d);
/* list(d.items()), a snapshot of (key, value) tuples: a new reference. */
TrObject *tr_dict_items(TrThread *ts, TrObject *d);

/* ---- set and frozenset ------------------------------------------------ */

/* 1 if `o` is a set or a frozenset (or a subclass), else 0. */
int tr_set_check(TrObject *o);
/* set(iterable), or set() when `iterable` is NULL: a new reference. */
TrObject *tr_set_new(TrThread *ts, TrObject *iterable);
/* frozenset(iterable), or frozenset() when NULL: a new reference. */
TrObject *tr_frozenset_new(TrThread *ts, TrObject *iterable);
/* set.add(key): 0 or -1. */
int tr_set_add(TrThread *ts, TrObject *set, TrObject *key);
/* set.discard(key): 1 if it was there, 0 if not, -1 on error. */
int tr_set_discard(TrThread *ts, TrObject *set, TrObject *key);
/* `key in set`: 1, 0, or -1. */
int tr_set_contains(TrThread *ts, TrObject *set, TrObject *key);
/* The current number of items of `set`. */
size_t tr_set_size(TrObject *set);

/* ---- exceptions ------------------------------------------------------- */

/* The builtin exception classes (immortal): TR_EXC(ValueError). */
extern TrType tr_exc_BaseException, tr_exc_Exception, tr_exc_ArithmeticError, tr_exc_AttributeError,
    tr_exc_BufferError, tr_exc_ImportError, tr_exc_IndexError, tr_exc_KeyError, tr_exc_LookupError,
    tr_exc_MemoryError, tr_exc_NotImplementedError, tr_exc_OSError, tr_exc_OverflowError,
    tr_exc_RuntimeError, tr_exc_StopIteration, tr_exc_SystemError, tr_exc_TypeError,
    tr_exc_ValueError, tr_exc_ZeroDivisionError, tr_exc_KeyboardInterrupt;
#define TR_EXC(name) ((TrObject *)&tr_exc_##name)

/* Raises `type(msg)` (msg UTF-8), chained to the exception being handled
 * as `raise` does.  Replaces any pending exception. */
void tr_err_set(TrThread *ts, TrObject *type, const char *msg);
/* As tr_err_set with a message formatted as tr_str_format.  Returns NULL,
 * so `return tr_err_format(ts, TR_EXC(TypeError), "bad %T", o);` works. */
TrObject *tr_err_format(TrThread *ts, TrObject *type, const char *fmt, ...);
/* Raises MemoryError; returns NULL. */
TrObject *tr_err_nomemory(TrThread *ts);
/* 1 if an exception is pending on `ts`, else 0. */
int tr_err_occurred(TrThread *ts);
/* 1 if the pending exception is an instance of `type` (a class or a tuple
 * of classes), else 0 (also when none is pending). */
int tr_err_matches(TrThread *ts, TrObject *type);
/* Drops the pending exception, if any. */
void tr_err_clear(TrThread *ts);
/* Takes the pending exception out: a new reference (the exception
 * instance), or NULL if none; none is pending after. */
TrObject *tr_err_fetch(TrThread *ts);
/* Makes `exc` (an exception instance, as tr_err_fetch gave) pending again.
 * Steals `exc`. */
void tr_err_restore(TrThread *ts, TrObject *exc);

/* ---- modules and functions --------------------------------------------- */

/* Calling conventions of a TrFuncDef (`self` is the module for a module
 * function, the instance for a method):
 *   TR_CALL_NOARGS    fn.noargs(ts, self)                   f()
 *   TR_CALL_O         fn.onearg(ts, self, arg)              f(x)
 *   TR_CALL_VARARGS   fn.varargs(ts, self, args)            f(*args): a tuple
 *   TR_CALL_KEYWORDS  fn.keywords(ts, self, args, kwargs)   f(*args, **kwargs): kwargs a dict or NULL
 *   TR_CALL_FAST      fn.fast(ts, self, args, nargs, kwnames)  the vector call of tr_call
 * The interpreter checks the counts for NOARGS and O and rejects keywords
 * for all but KEYWORDS and FAST.  Arguments are borrowed; the result is a
 * new reference, or NULL with an exception set. */
enum { TR_CALL_NOARGS = 1, TR_CALL_O, TR_CALL_VARARGS, TR_CALL_KEYWORDS, TR_CALL_FAST };
typedef TrObject *(*tr_noargs_fn)(TrThread *ts, TrObject *self);
typedef TrObject *(*tr_onearg_fn)(TrThread *ts, TrObject *self, TrObject *arg);
typedef TrObject *(*tr_varargs_fn)(TrThread *ts, TrObject *self, TrObject *args);
typedef TrObject *(*tr_keywords_fn)(TrThread *ts, TrObject *self, TrObject *args, TrObject *kwargs);
typedef TrObject *(*tr_fast_fn)(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                TrObject *kwnames);

/* A function or method: arrays of them end with a {NULL} entry.  The
 * interpreter keeps pointers to it: give it static storage. */
typedef struct TrFuncDef {
    const char *name;
    int call;                /* TR_CALL_* */
    union {
        tr_noargs_fn noargs;
        tr_onearg_fn onearg;
        tr_varargs_fn varargs;
        tr_keywords_fn keywords;
        tr_fast_fn fast;
    } fn;
    const char *doc;         /* __doc__, or NULL */
} TrFuncDef;

/* What an extension module's export function returns:
 *     static const TrModuleSpec spec = {TR_EXT_ABI_VERSION, "kernel", "doc", functions, exec};
 *     TR_MODULE_INIT(kernel) { return &spec; }
 * The interpreter checks `abi_version`, creates the module, adds
 * `functions` (may be NULL) and runs `exec` (may be NULL) on it: 0, or -1
 * with an exception set, which the import raises. */
typedef struct TrModuleSpec {
    uint32_t abi_version;    /* TR_EXT_ABI_VERSION */
    const char *name;
    const char *doc;
    const TrFuncDef *functions;
    int (*exec)(TrThread *ts, TrObject *module);
} TrModuleSpec;
/* The export function of module NAME, found in NAME.so by `import NAME`. */
#define TR_MODULE_INIT(name) __attribute__((visibility("default"))) const TrModuleSpec *torii_init_##name(void)

/* module.name = value (a C string name): 0 or -1. */
int tr_module_add_object(TrThread *ts, TrObject *module, const char *name, TrObject *value);
/* module.name = int(v): 0 or -1. */
int tr_module_add_int(TrThread *ts, TrObject *module, const char *name, int64_t v);
/* import name (dotted names too): a new reference to the module. */
TrObject *tr_import(TrThread *ts, const char *name);

/* ---- extension types -------------------------------------------------- */

/* A field of the instance struct exposed as an attribute.  Reads and
 * writes of it through the attribute happen inside a critical section on
 * the instance: the type's own code must access the field inside
 * tr_begin_critical on `self` too. */
enum { TR_MEMBER_OBJECT = 1,   /* TrObject * (owned by the instance; NULL reads as None) */
       TR_MEMBER_INT64,        /* int64_t */
       TR_MEMBER_DOUBLE };     /* double */
#define TR_MEMBER_READONLY 1
typedef struct TrMemberDef {
    const char *name;
    int kind;                /* TR_MEMBER_* */
    size_t offset;           /* offsetof(YourStruct, field) */
    int flags;               /* TR_MEMBER_READONLY or 0 */
    const char *doc;
} TrMemberDef;

/* A computed attribute: `get` returns a new reference; `set` (NULL: the
 * attribute is read-only) stores `value` or deletes when `value` is NULL,
 * returning 0 or -1.  `closure` is passed through. */
typedef struct TrGetSetDef {
    const char *name;
    TrObject *(*get)(TrThread *ts, TrObject *self, void *closure);
    int (*set)(TrThread *ts, TrObject *self, TrObject *value, void *closure);
    const char *doc;
    void *closure;
} TrGetSetDef;

/* Flags of a TrTypeSpec. */
#define TR_TYPE_GC 0x1           /* instances may hold references in cycles: `traverse` required */

/* A type, made by tr_type_from_spec.  Every member but `name` and
 * `basicsize` may be 0/NULL; the arrays end with a {NULL} entry; the
 * interpreter keeps pointers into the spec: give it static storage.
 *   new_      type(*args): usually tr_alloc_instance, then set fields.
 *             NULL: "cannot create 'm.T' instances".
 *   clear     drops the references the instance owns (TR_CLEAR-style:
 *             each field set to NULL first); called on the last release
 *             before the memory goes, and by the cycle collector, so it
 *             may run twice and must leave a valid object.
 *   traverse  calls `visit(field, arg)` for each owned reference (GC
 *             types); it runs with the world stopped: take no lock.
 *   repr      repr(self): a new reference. */
typedef struct TrTypeSpec {
    const char *name;        /* "module.Name" */
    size_t basicsize;        /* sizeof your struct, TrObjectHead first */
    unsigned flags;          /* TR_TYPE_* */
    TrObject *(*new_)(TrThread *ts, TrObject *type, TrObject *const *args, size_t nargs, TrObject *kwnames);
    void (*clear)(TrThread *ts, TrObject *self);
    void (*traverse)(TrObject *self, tr_visitfunc visit, void *arg);
    TrObject *(*repr)(TrThread *ts, TrObject *self);
    const TrFuncDef *methods;
    const TrMemberDef *members;
    const TrGetSetDef *getsets;
    const char *doc;
} TrTypeSpec;

/* A new type from `spec` (immortal: types live until exit).  Returns a new
 * reference (dropping it is optional), or NULL (TypeError for a bad spec). */
TrObject *tr_type_from_spec(TrThread *ts, const TrTypeSpec *spec);
/* A new instance of extension type `type`: its struct zeroed past the
 * header.  Returns a new reference, or NULL with MemoryError. */
TrObject *tr_alloc_instance(TrThread *ts, TrObject *type);

/* ---- critical sections ------------------------------------------------ */

/* A critical section (PEP 703, CPython's PyCriticalSection): while open,
 * the calling thread holds the per-object lock of one object (or two).
 * Lives on the caller's stack between begin and end, which nest properly.
 * If the thread blocks inside (a lock, I/O, tr_detach, Python code that
 * waits), the lock is released and re-taken before it continues, so a
 * section is atomic only up to the first call that may block: keep them
 * short and call no Python code inside when you need atomicity.  In the
 * GIL build the GIL already serialises C code and they do nothing. */
typedef struct TrCriticalSection { void *opaque_[4]; } TrCriticalSection;
/* Opens a section on `o`. */
void tr_begin_critical(TrThread *ts, TrCriticalSection *cs, TrObject *o);
/* Opens a section on `a` and `b`, locked in address order (no deadlock
 * against another thread locking the same two); `a == b` locks once. */
void tr_begin_critical2(TrThread *ts, TrCriticalSection *cs, TrObject *a, TrObject *b);
/* Closes section `cs`, the innermost open one (from either begin). */
void tr_end_critical(TrThread *ts, TrCriticalSection *cs);

/* ---- threads ---------------------------------------------------------- */

/* The calling OS thread's state, or NULL when it has none (a thread a C
 * library started: see tr_thread_new). */
TrThread *tr_thread_current(void);
/* Detaches `ts` around blocking or long C work that touches no object
 * (CPython's Py_BEGIN_ALLOW_THREADS): the thread no longer holds the GIL,
 * counts as quiescent for memory reclamation and as stopped for the cycle
 * collector, and its open critical sections are released.  Touch no object
 * and call no tr_ function until tr_attach(ts). */
void tr_detach(TrThread *ts);
/* Re-attaches `ts` after tr_detach (Py_END_ALLOW_THREADS): may wait for the
 * GIL or for a collection to finish; re-takes the innermost section's
 * locks. */
void tr_attach(TrThread *ts);
/* Gives the calling OS thread, which has none, a new state, attached.
 * For threads a C library creates that must call into Python.  NULL on
 * MemoryError (no exception can be set: there is no thread state). */
TrThread *tr_thread_new(void);
/* Ends the calling thread's state `ts` (attached, from tr_thread_new);
 * after it the OS thread must not touch objects. */
void tr_thread_delete(TrThread *ts);
/* 1 in the `torii-gil` build, 0 without a GIL (sys._is_gil_enabled()). */
int tr_gil_enabled(void);

/* ---- buffers ---------------------------------------------------------- */

/* A zero-copy, C-contiguous view of the bytes of bytes, bytearray or a
 * memoryview of them (or of io.BytesIO).  While held, a bytearray cannot be
 * resized (BufferError "Existing exports of data: object cannot be
 * re-sized"), so `buf` stays valid; other threads may still write the
 * bytes of a writable exporter: the data itself is yours to synchronise. */
typedef struct TrBuffer {
    void *buf;               /* the first byte */
    size_t len;              /* in bytes */
    size_t itemsize;         /* 1 unless a memoryview cast it ('d': 8) */
    char format;             /* the struct letter of an item: 'B', 'd', 'q', ... */
    int readonly;
    TrObject *obj;           /* owned: the object the view was taken of */
    void *internal_;         /* the interpreter's */
} TrBuffer;
#define TR_BUFFER_WRITABLE 1
/* Fills `b` for `o`: 0, or -1 with TypeError "a bytes-like object is
 * required, not 'int'", BufferError (TR_BUFFER_WRITABLE of a read-only
 * object: "Object is not writable."; a non-contiguous memoryview) or
 * ValueError (a released memoryview). */
int tr_buffer_get(TrThread *ts, TrObject *o, TrBuffer *b, int flags);
/* Releases `b` (from a successful tr_buffer_get) and its reference. */
void tr_buffer_release(TrThread *ts, TrBuffer *b);

#ifdef __cplusplus
}
#endif
#endif
