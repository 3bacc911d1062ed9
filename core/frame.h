/* core/frame.h: the VM's activation record and argument binding (private to
 * core/vm.c, core/vm_cache.c, core/frame.c, core/call.c and objects/gen.c).
 *
 * Frames live on a per-thread chunked stack (core/frame.c): pushed and popped in
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

/* ---- the per-thread frame stack (core/frame.c) ---------------------------
 * Frames are cut from a chain of chunks, LIFO.  Owner thread only. */

typedef struct FrameChunk {
    struct FrameChunk *prev;
    size_t cap, top;          /* bytes in `data`, bytes in use */
    _Alignas(16) char data[];
} FrameChunk;

typedef struct TrFrameStack {
    FrameChunk *chunk;        /* the chunk frames are cut from, or NULL */
    FrameChunk *spare;        /* one empty chunk kept to avoid thrash, or NULL */
    size_t bytes;             /* capacity of the chunks in use */
} TrFrameStack;

/* The calling thread's frame stack (owner only).  local-exec: the library is
 * linked only into executables, so the inline push and pop below reach it
 * with one %fs-relative access, as if it were defined in the caller's file. */
extern __thread TrFrameStack frame_tls __attribute__((tls_model("local-exec")));

/* Bytes of a frame for `co`: header, localsplus and a spare stack word. */
static inline size_t frame_bytes(const TrCode *co) {
    size_t n = sizeof(TrFrame) +
               sizeof(TrStackRef) * (size_t)(co->nlocals + co->ncells + co->nfrees + co->stacksize + 1);
    return (n + 15) & ~(size_t)15;
}

/* Cuts `n` bytes for a new frame from a fresh chunk (the current one is
 * full).  NULL with RecursionError or MemoryError set. */
void *frame_chunk_grow(TrThread *ts, size_t n);

/* Moves the emptied top chunk `c` to the spare slot (freeing the old spare).
 * Cannot fail. */
void frame_chunk_pop(FrameChunk *c);

/* A frame for `co` with its header set but localsplus NOT zeroed (the
 * caller fills the locals, cells and frees); NULL + MemoryError. */
static inline __attribute__((always_inline)) TrFrame *frame_alloc_raw(TrThread *ts, TrCode *co) {
    size_t n = frame_bytes(co);
    FrameChunk *c = frame_tls.chunk;
    TrFrame *f;
    if (__builtin_expect(c != NULL && c->top + n <= c->cap, 1)) {
        f = (TrFrame *)(c->data + c->top);
        c->top += n;
    } else {
        f = frame_chunk_grow(ts, n);
        if (!f) return NULL;
    }
    f->code = co;
    f->nblocks = 0;
    f->instr = 0;
    f->locals = NULL;
    f->func = NULL;
    f->back = NULL;
    f->is_gen = 0;
    f->is_init = 0;
    f->sp = f->localsplus + co->nlocals + co->ncells + co->nfrees;
    return f;
}

/* A frame for `co` with locals, cells and frees zeroed; NULL + MemoryError. */
TrFrame *frame_alloc(TrThread *ts, TrCode *co);

/* Gives back the topmost frame `f` (LIFO). */
static inline void frame_release(TrFrame *f) {
    FrameChunk *c = frame_tls.chunk;
    c->top = (size_t)((char *)f - c->data);
    if (__builtin_expect(c->top == 0, 0) && c->prev) frame_chunk_pop(c);
}

/* Closes the locals, cells and frees of `f` (the value stack is already
 * empty).  Each slot is emptied before its value is released: the release
 * may run a __del__ that walks this frame (sys._getframe, as logging does)
 * and must find no freed value in it. */
static inline void frame_clear_locals(TrFrame *f) {
    TrCode *co = f->code;
    TrStackRef *p = f->localsplus, *end = p + co->nlocals + co->ncells + co->nfrees;
    for (; p < end; p++) {
        TrStackRef r = *p;
        *p = TR_SR_NULL;
        sr_close(r);
    }
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

/* CALL / CALL_KW's general path: `slot` = [callable, self_or_null, args...]
 * with `nargs` words after the self slot (`kwnames` values included).  Closes
 * every slot.  Returns a new reference or NULL. */
TrObject *call_stack(TrThread *ts, TrStackRef *slot, size_t nargs, TrObject *kwnames);

/* CALL_EX: [callable, self_or_null, args(, kwargs)] in `slot`; closes them.
 * Returns a new reference or NULL with the exception set. */
TrObject *call_ex(TrThread *ts, TrStackRef *slot, int has_kwargs);

/* DICT_MERGE: d.update(m) refusing duplicate keys, with the messages CPython
 * gives for `callable`'s ** arguments.  0, or -1 with the exception set (`d`
 * may then hold some of `m`'s items). */
int call_dict_merge(TrThread *ts, TrObject *d, TrObject *m, TrObject *callable);

#endif
