/* core/vm.h: the bytecode interpreter's entry points.
 * Threads: each thread runs its own frames (a per-thread frame stack); code
 * objects and their caches are shared (see core/vm.c). */
#ifndef TORII_VM_H
#define TORII_VM_H

#include "torii/torii.h"

/* Runs module code `code` with locals == `globals` (a dict, borrowed) and the
 * runtime's builtins.  Returns a new reference (None), or NULL with the
 * exception set and its traceback filled. */
TrObject *vm_run_module(TrThread *ts, TrObject *code, TrObject *globals);

/* Runs `code` with separate `globals` and `locals` dicts (exec/eval, class
 * bodies).  Returns the value the code returns (new reference) or NULL. */
TrObject *vm_run_code(TrThread *ts, TrObject *code, TrObject *globals, TrObject *locals);

/* Calls the Python function `func` (a TrFunction, borrowed) with vector-call
 * arguments (borrowed): `args[0..nargs)` positional, then one value per name
 * in `kwnames`.  Returns a new reference or NULL with the exception set.  This
 * is the `call` slot of tr_function_type. */
TrObject *vm_call_function(TrThread *ts, TrObject *func, TrObject *const *args,
                           size_t nargs, TrObject *kwnames);

/* Calls `visit(o, arg)` for every object the thread's frames reference
 * without counting (borrowed stack refs and locals).  Only for `ts` itself or
 * for a stopped thread (stop-the-world); used to decide when a deferred object
 * may be freed. */
void vm_visit_stack_refs(TrThread *ts, void (*visit)(TrObject *o, void *arg), void *arg);

/* Frees the calling thread's frame-stack chunks; call when a thread ends,
 * after its last frame returned.  Cannot fail. */
void vm_thread_fini(TrThread *ts);

/* Frees a code object's VM caches (`TrCode.extra`); for code.c's dealloc if
 * code objects ever become mortal.  NULL allowed. */
void vm_code_extra_free(void *extra);

#endif
