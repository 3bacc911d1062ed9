/* core/ast.h: the abstract syntax tree the parser builds and the compiler reads.
 *
 * Nodes live in an arena (core/arena.c) and die with it: no reference counts,
 * no objects.  Names and string constants are NUL-terminated UTF-8 in the
 * arena; int literals keep their source text (the compiler converts them, so
 * big ints need no special case here).  Every node carries its source span in
 * CPython's convention: 1-based lines, 0-based UTF-8 byte columns, end
 * exclusive.  The tree is built and read by one thread.
 */
#ifndef TORII_AST_H
#define TORII_AST_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef struct TrArena TrArena;
/* Arena: every allocation is freed at once by arena_free.  arena_alloc
 * returns zeroed memory, or NULL when out of memory. */
TrArena *arena_new(void);
void *arena_alloc(TrArena *a, size_t n);
char *arena_strndup(TrArena *a, const char *s, size_t n);
void arena_free(TrArena *a);

typedef struct TrSpan { int lineno, col, end_lineno, end_col; } TrSpan;

typedef struct TrAstExpr TrAstExpr;
typedef struct TrAstStmt TrAstStmt;
typedef struct { TrAstExpr **items; size_t len; } TrExprList;
typedef struct { TrAstStmt **items; size_t len; } TrStmtList;

typedef enum {
    E_NAME,        /* name */
    E_INT,         /* text: literal as written ("0x1F", "1_000", "12345678901234567890") */
    E_FLOAT,       /* fval; also imaginary literals (imag set) */
    E_STR,         /* str, str_len: decoded UTF-8 (escapes processed, adjacent literals joined) */
    E_BYTES,       /* str, str_len: raw bytes */
    E_NONE, E_TRUE, E_FALSE, E_ELLIPSIS,
    E_BINOP,       /* op (TR_BINOP_*), left, right; op_span: the operator token */
    E_UNARY,       /* unop, operand */
    E_BOOLOP,      /* boolop, values (>= 2) */
    E_COMPARE,     /* left, cmpops[n], comparators (n items) */
    E_CALL,        /* func, args (may contain E_STARRED), keywords */
    E_ATTR,        /* value, name */
    E_SUBSCRIPT,   /* value, index (an E_SLICE for a[1:2], an E_TUPLE for a[1, 2]) */
    E_SLICE,       /* lower, upper, step: each may be NULL */
    E_TUPLE, E_LIST, E_SET,   /* elts (may contain E_STARRED) */
    E_DICT,        /* keys, values (a NULL key means `**values[i]`) */
    E_LISTCOMP, E_SETCOMP, E_GENEXP,  /* elt, generators */
    E_DICTCOMP,    /* key, value, generators */
    E_LAMBDA,      /* args, body (lambda_body) */
    E_IFEXP,       /* test, body_e, orelse_e */
    E_STARRED,     /* value */
    E_NAMEDEXPR,   /* target (E_NAME), value */
    E_JOINEDSTR,   /* values: E_STR parts and E_FORMATTED parts (f-strings) */
    E_FORMATTED,   /* value, conversion ('s', 'r', 'a' or 0), format_spec (E_JOINEDSTR or NULL) */
    E_YIELD, E_YIELDFROM, E_AWAIT,  /* value (may be NULL for yield) */
} TrExprKind;

typedef enum { U_NOT, U_NEG, U_POS, U_INVERT } TrUnaryOp;
typedef enum { B_AND, B_OR } TrBoolOp;
typedef enum { C_EQ, C_NE, C_LT, C_LE, C_GT, C_GE, C_IS, C_ISNOT, C_IN, C_NOTIN } TrCmpOp;
typedef enum { CTX_LOAD, CTX_STORE, CTX_DEL } TrCtx;

typedef struct TrArg { const char *name; TrAstExpr *annotation; TrSpan span; } TrArg;
typedef struct TrArguments {
    TrArg *posonly; size_t nposonly;
    TrArg *args; size_t nargs;          /* positional-or-keyword */
    TrArg *vararg;                      /* NULL if no *args */
    TrArg *kwonly; size_t nkwonly;
    TrAstExpr **kw_defaults;            /* nkwonly entries, NULL where none */
    TrArg *kwarg;                       /* NULL if no **kwargs */
    TrExprList defaults;                /* for the LAST len(defaults) of posonly+args */
} TrArguments;

typedef struct TrKeyword { const char *arg; /* NULL for **value */ TrAstExpr *value; TrSpan span; } TrKeyword;
typedef struct TrComprehension { TrAstExpr *target, *iter; TrExprList ifs; bool is_async; } TrComprehension;

struct TrAstExpr {
    TrExprKind kind;
    TrSpan span;
    TrCtx ctx;                          /* for E_NAME, E_ATTR, E_SUBSCRIPT, E_TUPLE, E_LIST, E_STARRED */
    bool imag;                          /* E_FLOAT: an imaginary literal (`2.5j`): fval is its imaginary part */
    union {
        const char *name;                                   /* E_NAME */
        const char *text;                                   /* E_INT */
        double fval;                                        /* E_FLOAT */
        struct { const char *str; size_t str_len; };        /* E_STR, E_BYTES */
        struct { int op; TrAstExpr *left, *right; TrSpan op_span; } binop;
        struct { TrUnaryOp unop; TrAstExpr *operand; } unary;
        struct { TrBoolOp boolop; TrExprList values; } boolop;
        struct { TrAstExpr *left; TrCmpOp *ops; TrExprList comparators; } compare;
        struct { TrAstExpr *func; TrExprList args; TrKeyword *keywords; size_t nkeywords; } call;
        struct { TrAstExpr *value; const char *attr; } attr;
        struct { TrAstExpr *value, *index; } subscript;
        struct { TrAstExpr *lower, *upper, *step; } slice;
        TrExprList elts;                                    /* E_TUPLE, E_LIST, E_SET */
        struct { TrExprList keys, values; } dict;
        struct { TrAstExpr *elt, *value; TrComprehension *generators; size_t ngenerators; } comp; /* elt is the key for E_DICTCOMP */
        struct { TrArguments *args; TrAstExpr *body; } lambda;
        struct { TrAstExpr *test, *body, *orelse; } ifexp;
        struct { TrAstExpr *value; } starred;               /* also E_YIELD, E_YIELDFROM, E_AWAIT */
        struct { TrAstExpr *target, *value; } namedexpr;
        TrExprList joined;                                  /* E_JOINEDSTR */
        struct { TrAstExpr *value; int conversion; TrAstExpr *format_spec; } formatted;
    };
};

typedef enum {
    S_EXPR,        /* value */
    S_ASSIGN,      /* targets (a = b = value), value */
    S_AUGASSIGN,   /* target, op (TR_BINOP_*), value */
    S_ANNASSIGN,   /* target, annotation, value (may be NULL), simple */
    S_IF,          /* test, body, orelse */
    S_WHILE,       /* test, body, orelse */
    S_FOR,         /* target, iter, body, orelse */
    S_BREAK, S_CONTINUE, S_PASS,
    S_RETURN,      /* value (may be NULL) */
    S_FUNCDEF,     /* name, args, body, decorators, returns */
    S_CLASSDEF,    /* name, bases, keywords, body, decorators */
    S_GLOBAL, S_NONLOCAL,  /* names */
    S_TRY,         /* body, handlers, orelse, finalbody; star: except* */
    S_RAISE,       /* exc (may be NULL), cause (may be NULL) */
    S_DELETE,      /* targets */
    S_ASSERT,      /* test, msg (may be NULL) */
    S_IMPORT,      /* aliases */
    S_IMPORTFROM,  /* module (NULL for relative-only), aliases, level */
    S_WITH,        /* items, body */
    S_MATCH,       /* subject, cases (>= 1) */
} TrStmtKind;

typedef struct TrExceptHandler { TrAstExpr *type; const char *name; TrStmtList body; TrSpan span; } TrExceptHandler;
typedef struct TrAlias { const char *name; const char *asname; TrSpan span; } TrAlias;
typedef struct TrWithItem { TrAstExpr *context_expr, *optional_vars; } TrWithItem;

/* Patterns of `match` statements (PEP 634), as CPython's ast.pattern nodes. */
typedef enum {
    P_VALUE,       /* value: a literal (E_INT, E_FLOAT, E_STR, E_BYTES, a negated number) or a dotted E_ATTR; compared with == */
    P_SINGLETON,   /* value: E_NONE, E_TRUE or E_FALSE; compared with `is` */
    P_SEQUENCE,    /* items (may hold one P_STAR) */
    P_MAPPING,     /* keys (literals or E_ATTR), items (their patterns), rest (`**rest` name or NULL) */
    P_CLASS,       /* cls (E_NAME or E_ATTR), items (positional), kwd_names + kwd_items (nkwd each) */
    P_STAR,        /* name (`*name`; NULL for `*_`) */
    P_AS,          /* pattern (NULL: a capture, or `_` when name is NULL too), name */
    P_OR,          /* items (>= 2 alternatives) */
} TrPatternKind;

typedef struct TrPattern TrPattern;
typedef struct { TrPattern **items; size_t len; } TrPatternList;
struct TrPattern {
    TrPatternKind kind;
    TrSpan span;
    TrAstExpr *value;                   /* P_VALUE, P_SINGLETON */
    TrPatternList items;                /* P_SEQUENCE, P_OR, P_CLASS (positional), P_MAPPING (values) */
    TrExprList keys;                    /* P_MAPPING */
    TrAstExpr *cls;                     /* P_CLASS */
    const char **kwd_names;             /* P_CLASS */
    TrPattern **kwd_items;              /* P_CLASS */
    size_t nkwd;                        /* P_CLASS */
    TrPattern *pattern;                 /* P_AS */
    const char *name;                   /* P_AS, P_STAR; P_MAPPING: the rest name */
};

typedef struct TrMatchCase { TrPattern *pattern; TrAstExpr *guard; /* or NULL */ TrStmtList body; } TrMatchCase;

struct TrAstStmt {
    TrStmtKind kind;
    TrSpan span;                        /* from `async` for async statements */
    bool is_async;                      /* S_FUNCDEF, S_FOR, S_WITH: `async def`, `async for`, `async with` */
    union {
        struct { TrAstExpr *value; } expr;                       /* S_EXPR, S_RETURN */
        struct { TrExprList targets; TrAstExpr *value; } assign;  /* S_ASSIGN, S_DELETE (targets) */
        struct { TrAstExpr *target; int op; TrAstExpr *value; } augassign;
        struct { TrAstExpr *target, *annotation, *value; bool simple; } annassign;
        struct { TrAstExpr *test; TrStmtList body, orelse; } if_;  /* S_IF, S_WHILE */
        struct { TrAstExpr *target, *iter; TrStmtList body, orelse; } for_;
        struct { const char *name; TrArguments *args; TrStmtList body; TrExprList decorators; TrAstExpr *returns; } funcdef;
        struct { const char *name; TrExprList bases; TrKeyword *keywords; size_t nkeywords; TrStmtList body; TrExprList decorators; } classdef;
        struct { const char **names; size_t nnames; } global;    /* S_GLOBAL, S_NONLOCAL */
        struct { TrStmtList body; TrExceptHandler *handlers; size_t nhandlers; TrStmtList orelse, finalbody;
                 bool star; /* the handlers are except* clauses (PEP 654) */ } try_;
        struct { TrAstExpr *exc, *cause; } raise;
        struct { TrAstExpr *test, *msg; } assert_;
        struct { const char *module; TrAlias *aliases; size_t naliases; int level; } import;
        struct { TrWithItem *items; size_t nitems; TrStmtList body; } with;
        struct { TrAstExpr *subject; TrMatchCase *cases; size_t ncases; } match;
    };
};

typedef struct TrAstModule { TrStmtList body; } TrAstModule;

/* A syntax error found by the tokenizer or parser, in the form CPython prints:
 *   File "<filename>", line <lineno>
 *     <text, stripped of leading whitespace>
 *     <carets from col to end_col>
 *   SyntaxError: <msg>
 * `type` is "SyntaxError" or "IndentationError" (or "TabError").
 * Columns are 0-based byte offsets; end_col == -1 means one caret;
 * col == -1 means no caret line at all (CPython prints none at some EOF errors). */
typedef struct TrSyntaxError {
    const char *type;
    char msg[256];
    int lineno, col, end_lineno, end_col;
    char *text;                         /* malloc'd copy of the offending line (with its '\n'), or NULL */
} TrSyntaxError;

/* Parses a whole module.  Returns the tree (in `arena`), or NULL with `*err`
 * filled (err->text must then be freed by the caller). */
TrAstModule *parse_module(TrArena *arena, const char *src, size_t len, const char *filename, TrSyntaxError *err);

/* As parse_module, in one of the modes of compile(): TR_PARSE_EXEC (a
 * module), TR_PARSE_EVAL (a single expression list followed only by
 * newlines: the module holds it as one S_EXPR statement) or TR_PARSE_SINGLE
 * (parsed as a module; the compiler prints its expression statements). */
enum { TR_PARSE_EXEC, TR_PARSE_EVAL, TR_PARSE_SINGLE };
TrAstModule *parse_source(TrArena *arena, const char *src, size_t len, const char *filename, int mode,
                          TrSyntaxError *err);

/* Prints `e` to `out` exactly as CPython 3.13's traceback does for a
 * SyntaxError raised while compiling `filename` (no "Traceback" header). */
#include <stdio.h>
void syntaxerr_print(const TrSyntaxError *e, const char *filename, FILE *out);

#endif
