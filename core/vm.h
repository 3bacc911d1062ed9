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

/* Calls `visit(o, arg)` for every object the thread's frames may reference
 * without counting: each frame on its chain (running generator frames
 * included), its locals, cells, the whole capacity of its value stack (popped
 * operands a running instruction still uses stay in their slots) and its
 * func/globals/builtins/locals pointers.  Conservative: `visit` may also get
 * counted or stale words, so it must only compare addresses, never
 * dereference.  Only for `ts` itself or for a stopped thread
 * (threads/stw.c); brc_reclaim_pass uses it to decide which deferred objects
 * may be freed. */
void vm_visit_stack_refs(TrThread *ts, void (*visit)(TrObject *o, void *arg), void *arg);

/* Generators (objects/gen.c).  How vm_gen_resume restarts a generator frame:
 *  VM_RESUME_FRESH   a frame that never ran: from its first instruction;
 *  VM_RESUME_SEND    after the suspending instruction with `value` pushed as
 *                    the result of the yield (YIELD_FROM runs again with it);
 *  VM_RESUME_THROW   raises the pending exception at the suspending instruction;
 *  VM_RESUME_YF_DONE a delegation (YIELD_FROM) ended with result `value`. */
enum { VM_RESUME_FRESH, VM_RESUME_SEND, VM_RESUME_THROW, VM_RESUME_YF_DONE };
struct TrFrame;
/* Runs generator frame `f` (is_gen, not running elsewhere: the caller holds
 * the generator's running flag) until it yields or ends.  `value` is stolen
 * (SEND, YF_DONE), NULL otherwise.  Returns a new reference: the yielded value
 * (then f->yielded == 1 and every ref the frame holds is counted) or the
 * return value (f->yielded == 0, locals closed); NULL with the exception set
 * when the frame ended by raising (f->yielded == 0), or when it could not start
 * (RecursionError: then f->yielded == 1 and the frame is unchanged). */
TrObject *vm_gen_resume(TrThread *ts, struct TrFrame *f, int mode, TrObject *value);

/* Frees the calling thread's frame-stack chunks; call when a thread ends,
 * after its last frame returned.  Cannot fail. */
void vm_thread_fini(TrThread *ts);

/* The absolute module name for an import of `name` from a module whose
 * globals are `globals`: `name` itself, or for a relative name (leading
 * dots) the importer's package with one component dropped per dot after
 * the first (CPython's rules).  New reference, or NULL with ImportError
 * ("attempted relative import with no known parent package", "... beyond
 * top-level package"). */
TrObject *vm_import_resolve(TrThread *ts, TrObject *globals, TrObject *name);

/* Frees a code object's VM caches (`TrCode.extra`); for code.c's dealloc if
 * code objects ever become mortal.  NULL allowed. */
void vm_code_extra_free(void *extra);

#endif
