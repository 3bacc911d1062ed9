/* core/compile.h: the bytecode compiler, AST (core/ast.h) -> code objects
 * (include/torii/code.h) in the instruction set of core/opcodes.h.
 *
 * core/compile.c walks the tree with the symbol table of core/symtable.c and
 * emits instructions into a TrCUnit per code object; core/assemble.c turns a
 * unit into an immortal TrCode (labels resolved, stack depth computed) and
 * disassembles code for debugging.
 * Threads: compiling is single-threaded; the code objects it returns are
 * immortal and immutable, readable by every thread.
 */
#ifndef TORII_COMPILE_H
#define TORII_COMPILE_H

#include <stdio.h>
#include "core/ast.h"
#include "core/symtable.h"
#include "torii/code.h"

/* Compiles the module `mod` read from `filename`.  Returns a new (immortal)
 * code object named "<module>" with TR_CO_MODULE.  On a compile-time syntax
 * error returns NULL with `*err` filled (type "SyntaxError", msg, position;
 * `text` NULL) and no exception set; on MemoryError returns NULL with the
 * exception set and err->msg[0] == 0. */
TrObject *compile_module(TrThread *ts, TrAstModule *mod, const char *filename, TrSyntaxError *err);

/* As compile_module, for exec()/eval()/compile(): `mode` TR_COMPILE_EXEC
 * (module-level names go through the locals mapping: LOAD_NAME/STORE_NAME),
 * TR_COMPILE_EVAL (`mod` from parse_source's eval mode: the code returns the
 * expression's value) or TR_COMPILE_SINGLE (as EXEC, and each module-level
 * expression statement calls `printer`, borrowed, with its value).
 * TR_COMPILE_MODULE is compile_module itself. */
enum { TR_COMPILE_MODULE, TR_COMPILE_EXEC, TR_COMPILE_EVAL, TR_COMPILE_SINGLE };
TrObject *compile_source(TrThread *ts, TrAstModule *mod, const char *filename, int mode, TrObject *printer,
                         TrSyntaxError *err);

/* Writes a disassembly of `code` (and of the code objects in its constants)
 * to `out`, one instruction a line: index, line, opcode, argument, and what
 * the argument names.  Cannot fail (errors while printing are ignored). */
void compile_dump(TrObject *code, FILE *out);

/* Name of opcode `op` ("LOAD_CONST"), or "?" if out of range. */
const char *compile_opname(int op);

/* ---- private to core/compile.c and core/assemble.c -------------------- */

/* One emitted instruction.  For jumps (compile_is_jump) `arg` is a label id
 * until assembly replaces it with the instruction index. */
typedef struct TrCInstr { int op; int arg; TrPosition pos; } TrCInstr;

/* The code object under construction.  Every TrObject array holds owned
 * references (strings are interned, so immortal anyway). */
typedef struct TrCUnit {
    TrScope *scope;              /* borrowed from the symbol table */
    struct TrCUnit *parent;
    TrCInstr *code; size_t ncode, code_cap;
    int *labels; size_t nlabels, labels_cap;     /* label id -> instruction index, -1 unset */
    TrObject **consts; size_t nconsts, consts_cap;
    TrObject **names; size_t nnames, names_cap;
    TrObject **varnames; size_t nvarnames, varnames_cap;
    TrObject **cellvars; size_t ncellvars;
    TrObject **freevars; size_t nfreevars;
    int *cell2arg;               /* ncellvars entries or NULL */
    TrObject *name;              /* interned str */
    TrObject *qualname;          /* str */
    int firstlineno;
    int argcount, posonlyargcount, kwonlyargcount;
    int flags;                   /* TR_CO_* */
} TrCUnit;

/* 1 if `op` takes a label / instruction index argument. */
int compile_is_jump(int op);
/* Stack effect of `op` with `arg`: when the jump is taken (jump != 0) or on
 * fall-through.  SETUP_FINALLY's jump effect is +2 (the handler starts with
 * [prev_exc, exc] above the level). */
int compile_stack_effect(int op, int arg, int jump);
/* Builds the immortal TrCode for `u` (consumes nothing: `u` is freed by its
 * owner).  Returns a new reference, or NULL: MemoryError set and err->msg[0]
 * == 0, or a SyntaxError in `err` (code too large). */
TrObject *assemble_unit(TrThread *ts, TrCUnit *u, TrObject *filename, TrSyntaxError *err);

#endif
