/* include/torii/code.h: code objects (compiled bytecode) and their positions.
 * Code objects are immutable and immortal once created: any thread may read
 * any field without locks or counting. */
#ifndef TORII_CODE_H
#define TORII_CODE_H
#include "torii/object.h"

/* One instruction: opcode in the low 8 bits, argument in the high 24
 * (core/opcodes.h; EXTENDED_ARG prefixes widen it). */
typedef uint32_t TrInstr;

/* Source span of one instruction, for tracebacks.  Lines are 1-based, columns
 * are 0-based UTF-8 byte offsets as in CPython's AST; -1 when unknown. */
typedef struct TrPosition { int lineno, end_lineno, col, end_col; } TrPosition;

#define TR_CO_VARARGS   0x1   /* has *args */
#define TR_CO_VARKW     0x2   /* has **kwargs */
#define TR_CO_MODULE    0x4   /* module body: locals are the globals dict */
#define TR_CO_GENERATOR 0x8   /* calling the function makes a generator, coroutine or async generator
                               * (objects/gen.c) instead of running the frame */
#define TR_CO_HAS_DOCSTRING 0x10   /* consts[0] is the function's docstring (its __doc__) */
#define TR_CO_COROUTINE 0x20  /* with TR_CO_GENERATOR: `async def` without yield: a coroutine */
#define TR_CO_ASYNC_GENERATOR 0x40  /* with TR_CO_GENERATOR: `async def` with yield: an async generator */
#define TR_CO_ITERABLE_COROUTINE 0x80  /* a generator function types.coroutine marked: its
                                        * generators may be awaited */

/* The most `self` attributes a code object records (TrCode.self_attrs). */
#define TR_SELF_ATTRS_MAX 24

typedef struct TrCode {
    TrObject ob_base;
    TrInstr *instrs;          /* owned */
    TrPosition *positions;    /* owned, one per instruction */
    size_t ninstrs;
    TrObject *consts;         /* tuple, owned */
    TrObject *names;          /* tuple of interned str: globals, attributes */
    TrObject *varnames;       /* tuple of interned str: arguments first, then locals */
    TrObject *cellvars;       /* tuple: locals captured by inner functions */
    TrObject *freevars;       /* tuple: variables captured from outer functions */
    TrObject *filename;       /* str */
    TrObject *name;           /* str: "f", "<module>", "<lambda>", "<listcomp>" */
    TrObject *qualname;       /* str */
    int firstlineno;
    int argcount;             /* positional parameters (without *args) */
    int posonlyargcount;
    int kwonlyargcount;
    int nlocals;              /* len(varnames) */
    int ncells;               /* len(cellvars) */
    int nfrees;               /* len(freevars) */
    int *cell2arg;            /* owned or NULL: for each cellvar, the arg index it copies or -1 */
    int stacksize;
    int flags;                /* TR_CO_* */
    void *extra;              /* owned by the VM: per-instruction caches (core/vm_cache.c) */
    uint32_t *self_attrs;     /* owned or NULL: indices into `names` of the attributes this
                               * function stores on its first argument (`self.x = ...`), in
                               * order of first store; objects/inline_attrs.c lays out a
                               * class's inline attributes from them */
    uint32_t nself_attrs;
} TrCode;

extern TrType tr_code_type;

/* A copy of code object `code` (borrowed) with TR_CO_* `flags` instead of
 * its own, immortal like every code object (types.coroutine makes one per
 * decorated generator function).  New reference or NULL with MemoryError. */
TrObject *code_with_flags(TrThread *ts, TrObject *code, int flags);
#endif
