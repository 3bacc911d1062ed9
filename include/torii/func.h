/* include/torii/func.h: Python functions, cells, builtin functions, modules.
 * Modules and their dicts are created deferred (TR_FLAG_DEFERRED); a function
 * becomes deferred the first time a thread other than its owner loads it from
 * a namespace (core/vm.c), so functions made and dropped in one thread (a
 * lambda in a loop) are still freed by counting.  Builtin functions created at
 * start-up are immortal.  A frame borrows its function from the caller's
 * stack slot, which keeps it alive for the call. */
#ifndef TORII_FUNC_H
#define TORII_FUNC_H
#include "torii/object.h"

typedef struct TrFunction {
    TrObject ob_base;
    TrObject *code;           /* owned (immortal code object) */
    TrObject *globals;        /* owned dict */
    TrObject *builtins;       /* owned dict */
    TrObject *defaults;       /* owned tuple or NULL */
    TrObject *kwdefaults;     /* owned dict or NULL */
    TrObject *closure;        /* owned tuple of cells or NULL */
    TrObject *name;           /* owned str */
    TrObject *qualname;       /* owned str */
    TrObject *dict;           /* owned or NULL: function attributes */
    TrObject *annotations;    /* owned dict or NULL (an empty one is made on first read); under the lock */
} TrFunction;
extern TrType tr_function_type;
/* New function over `code` in `globals`; new reference. */
TrObject *function_new(TrThread *ts, TrObject *code, TrObject *globals, TrObject *qualname);

typedef struct TrCell {
    TrObject ob_base;
    TrObject *ref;    /* owned or NULL (empty); atomic pointer, written under the cell's lock */
    TrObject *dref;   /* `ref` when that is a deferred or immortal heap object, else NULL;
                       * atomic, written with `ref` (objects/cell.c) */
} TrCell;
extern TrType tr_cell_type;
/* The contents of `cell` when they are a deferred or immortal object, else
 * NULL: borrowed, and valid until the caller's next quiescent point even if
 * another thread replaces them (such objects are freed only by a reclaim
 * pass), so fit for a borrowed stack ref.  No lock, no write. */
static inline TrObject *cell_peek_deferred(TrObject *cell) {
    /* acquire: pairs with the release store in cell_set */
    return (TrObject *)atomic_load_ptr_acquire((void *const *)&((TrCell *)cell)->dref);
}
TrObject *cell_new(TrThread *ts, TrObject *value);   /* value borrowed, may be NULL */
/* New reference to the contents, or NULL (no exception) if empty. */
TrObject *cell_get(TrThread *ts, TrObject *cell);
/* Replaces the contents (value borrowed; NULL empties). */
void cell_set(TrThread *ts, TrObject *cell, TrObject *value);

/* A builtin function or a builtin method bound to `self`. */
typedef struct TrCFunction {
    TrObject ob_base;
    const char *name;
    tr_methodfunc fn;
    TrObject *self;           /* owned or NULL (module functions: the module) */
} TrCFunction;
extern TrType tr_cfunction_type;
/* New builtin function; `self` borrowed (may be NULL).  New reference. */
TrObject *cfunction_new(TrThread *ts, const char *name, tr_methodfunc fn, TrObject *self);

/* A method descriptor stored in a builtin type's dict: `list.append`.
 * Binding it to an instance gives a TrCFunction. */
typedef struct TrMethodDescr { TrObject ob_base; TrType *type; const TrMethodDef *def; } TrMethodDescr;
extern TrType tr_method_descr_type;

/* A Python function bound to an instance (for user classes, later). */
typedef struct TrMethod { TrObject ob_base; TrObject *func; TrObject *self; } TrMethod;
extern TrType tr_method_type;
/* New bound method of `func` to `self` (both borrowed); new reference. */
TrObject *method_new(TrThread *ts, TrObject *func, TrObject *self);
/* A new method descriptor for `def` on `type`; new reference. */
TrObject *method_descr_new(TrThread *ts, TrType *type, const TrMethodDef *def);

typedef struct TrModule {
    TrObject ob_base;
    TrObject *name;           /* owned str */
    TrObject *dict;           /* owned dict (deferred) */
} TrModule;
extern TrType tr_module_type;
/* New module named `name` with a fresh dict holding __name__; new reference. */
TrObject *module_new(TrThread *ts, const char *name);
/* Adds builtin functions to a module's dict.  -1 on error. */
int module_add_functions(TrThread *ts, TrObject *module, const TrMethodDef *defs);
/* Borrowed: the module's dict. */
static inline TrObject *module_dict(TrObject *m) { return ((TrModule *)m)->dict; }
#endif
