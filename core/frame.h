/* core/frame.h: the VM's activation record and argument binding (private to
 * core/vm.c, core/call.c and objects/gen.c).
 *
 * Frames live on a per-thread chunked stack (core/vm.c): pushed and popped in
 * LIFO order, never shared with another thread.  Every field is owner-only.
 * Exception: a generator's frame lives in the generator object (objects/gen.c)
 * and is touched only by the thread that holds the generator's running flag.
 *
 * Layout of `localsplus` (all TrStackRef words):
 *   [0, nlocals)                      fast locals (arguments first)
 *   [nlocals, nlocals+ncells+nfrees)  cells then frees: OWNED refs to TrCell
 *   [.., + stacksize)                 the value stack, `sp` points past its top
 */
#ifndef TORII_FRAME_H
#define TORII_FRAME_H

#include "torii/torii.h"
#include "core/opcodes.h"
#include "core/stackref.h"

enum { TR_BLOCK_FINALLY = 1, TR_BLOCK_EXCEPT_HANDLER = 2 };

typedef struct TrBlock {
    int type;                 /* TR_BLOCK_* */
    int handler;              /* FINALLY: instruction index of the handler */
    int level;                /* value stack depth when pushed */
} TrBlock;

typedef struct TrFrame {
    TrCode *code;             /* borrowed: code objects are immortal */
    TrObject *func;           /* borrowed from the caller's stack slot, or NULL (module) */
    TrObject *globals;        /* borrowed: kept alive by `func` or by the caller */
    TrObject *builtins;       /* borrowed: as globals */
    TrObject *locals;         /* borrowed dict for module/class bodies, else NULL */
    struct TrFrame *back;     /* the caller's frame (ts->frame chain) */
    int instr;                /* index of the instruction running, for tracebacks */
    int nblocks;
    int is_entry;             /* 1: eval_frame returns to C when it ends; 0: to `back` in the same loop */
    int is_gen;               /* 1: a generator's frame, stored in the generator object (objects/gen.c):
                               * never released to the frame stack; always an entry frame */
    int yielded;              /* generator frames: set by eval_frame, 1 when it returned by suspending */
    int is_init;              /* 1: an __init__ run by CALL's instantiation fast path: the caller's
                               * self slot holds the new instance, which replaces the (None) result */
    TrStackRef *sp;           /* saved only across calls that may inspect the frame */
    TrBlock blocks[TR_MAX_BLOCKS];
    TrStackRef localsplus[];
} TrFrame;

static inline TrStackRef *frame_cells(TrFrame *f) { return f->localsplus + f->code->nlocals; }
static inline TrStackRef *frame_stack_base(TrFrame *f) {
    return f->localsplus + f->code->nlocals + f->code->ncells + f->code->nfrees;
}

/* core/call.c: binds `args[0..nargs)` (borrowed) and keywords (`kwnames`
 * tuple, values after the positionals) to the parameters of `func` into
 * `locals` (nlocals words, all NULL on entry): fills defaults, *args and
 * **kwargs.  Locals get counted or uncounted refs as sr_from decides.
 * Returns 0, or -1 with CPython's TypeError set ("f() missing 1 required
 * positional argument: 'x'"); on failure the locals filled so far are left for
 * the caller to close. */
int call_bind_args(TrThread *ts, TrObject *func, TrStackRef *locals,
                   TrObject *const *args, size_t nargs, TrObject *kwnames);

/* "f()" as CPython's _PyObject_FunctionStr writes it in call errors: the
 * qualname plus "()" for functions, the name for builtins.  New str. */
TrObject *call_func_str(TrThread *ts, TrObject *callable);

#endif
