/* core/symtable.h: the symbol table the compiler builds before emitting code.
 *
 * One TrScope per module, function and lambda body (class bodies are scopes
 * too).  Pass 1 walks the AST and records, per scope, every name and how it
 * is used (assigned, parameter, declared global/nonlocal, read).  Pass 2
 * resolves each name to local, global (explicit or implicit), free or cell,
 * following Python's rules.  Comprehensions are inlined (PEP 709): their
 * iteration variables are not recorded in the enclosing scope at all; the
 * compiler gives them hidden fast slots.  Generator expressions, and
 * comprehensions that contain a nested scope (a lambda or a genexp), are not
 * inlined: they get a function scope named "<genexpr>" (or "<listcomp>",
 * "<setcomp>", "<dictcomp>"), node = the expression, with the one parameter
 * ".0" (the outermost iterator).
 *
 * Threads: built and read by the one thread that compiles.  Memory: every
 * scope is malloc'd and released by symtable_free.
 */
#ifndef TORII_SYMTABLE_H
#define TORII_SYMTABLE_H

#include "core/ast.h"

typedef enum { SCOPE_MODULE, SCOPE_FUNCTION, SCOPE_CLASS } TrScopeKind;

/* Pass-1 flags of a symbol. */
#define SYM_ASSIGNED 0x01   /* bound in this scope (assignment, def, import, for, del, except as) */
#define SYM_PARAM    0x02   /* a parameter */
#define SYM_GLOBAL   0x04   /* declared `global` */
#define SYM_NONLOCAL 0x08   /* declared `nonlocal` */
#define SYM_USED     0x10   /* read somewhere */

/* Pass-2 resolution. */
enum { SC_LOCAL = 1, SC_GLOBAL_EXPLICIT, SC_GLOBAL_IMPLICIT, SC_FREE, SC_CELL };

typedef struct TrSymbol {
    const char *name;       /* borrowed from the AST arena */
    int flags;              /* SYM_* */
    int scope;              /* SC_*, valid after analysis */
    TrSpan span;            /* first occurrence, for error positions */
    TrSpan decl_span;       /* the global/nonlocal statement, if any */
} TrSymbol;

typedef struct TrScope {
    TrScopeKind kind;
    const char *name;            /* "f", "<lambda>", "<module>", class name */
    const void *node;            /* the S_FUNCDEF/S_CLASSDEF stmt or E_LAMBDA expr; NULL for the module */
    struct TrScope *parent;      /* NULL for the module */
    struct TrScope **children;   /* owned, in source order */
    size_t nchildren, children_cap;
    TrSymbol *syms;              /* owned; insertion order (parameters first) */
    size_t nsyms, syms_cap;
    int *index;                  /* owned open-addressing table of sym indexes + 1, 0 = empty */
    size_t index_cap;
    const char **shadow;         /* owned: comprehension variables of enclosing scopes this scope may not capture */
    size_t nshadow;
    char **owned;                /* owned strings some symbols point at (`a` of `import a.b`) */
    size_t nowned;
    bool is_generator;           /* a function containing yield, or a "<genexpr>" */
    bool is_coroutine;           /* `async def`, or an asynchronous comprehension's own scope
                                  * (with is_generator: an async generator) */
} TrScope;

/* Builds and analyses the table of `mod`.  Returns the module scope (free it
 * with symtable_free), or NULL: with `err->msg` filled for a SyntaxError, or
 * with err->msg[0] == 0 and MemoryError set on `ts` when memory ran out. */
struct TrThread;
TrScope *symtable_build(struct TrThread *ts, TrAstModule *mod, TrSyntaxError *err);
void symtable_free(TrScope *s);
/* The symbol `name` of scope `s`, or NULL if the scope never mentions it. */
TrSymbol *symtable_lookup(TrScope *s, const char *name);
/* 1 if comprehension `e` (E_LISTCOMP, E_SETCOMP, E_DICTCOMP, E_GENEXP) is
 * asynchronous: it has an `async for`, or awaits (or holds an asynchronous
 * comprehension) anywhere but in its outermost iterable, which the
 * enclosing scope evaluates.  Lambdas and the bodies of nested generator
 * expressions are their own business. */
bool symtable_comp_is_async(const TrAstExpr *e);
/* The child scope of `s` made for AST node `node`, or NULL. */
TrScope *symtable_child(TrScope *s, const void *node);

#endif
