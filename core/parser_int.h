/* core/parser_int.h: the parser's shared state and token helpers (private to
 * core/parser.c and core/parser_expr.c).
 *
 * `P` is one parse: the token array (the whole source is tokenized first),
 * the read position and the error slot.  Errors unwind with longjmp to
 * `p->jb` (fail_at and its wrappers never return): every node, and every
 * `Vec` or `Buf` being built, lives in the arena, so nothing needs freeing on
 * the way out.  The helpers are `static inline` so that each half of the
 * parser keeps direct calls to them.  The two halves call each other through the
 * `parse_` functions declared at the end.
 * Threads: a parse runs on one thread; no objects are touched. */
#ifndef TORII_PARSER_INT_H
#define TORII_PARSER_INT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/ast.h"
#include "core/tokenizer.h"
#include "core/traceback.h"  /* traceback_syntax_warning */
#include "torii/object.h"   /* TR_BINOP_* only */

typedef struct P {
    TrArena *a;
    const char *src, *end;
    TrToken *toks;                      /* malloc'd; ends with ENDMARKER */
    size_t ntoks, pos;
    TrSyntaxError *err;
    jmp_buf jb;
    bool eof_paren;                     /* the last token stands for "'(' was never closed" */
    TrSyntaxError paren_err;            /* that error, when eof_paren */
    int func_depth;
    int depth;                          /* nested expression rules in progress (enter_rule) */
    const char *filename;               /* for SyntaxWarnings */
} P;

/* ---- growable lists (malloc'd while building, copied to the arena) ------- */

typedef struct { void **items; size_t len, cap; } Vec;

/* ---- errors -------------------------------------------------------------- */

static inline _Noreturn void fail_at(P *p, const char *type, int line, int col, int end_line, int end_col,
                                     const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (p->eof_paren && (line > p->paren_err.lineno || end_line > p->paren_err.lineno)) {
        *p->err = p->paren_err;
        p->paren_err.text = NULL;
        longjmp(p->jb, 1);
    }
    if (end_line != line)
        end_col = -1;
    tokenizer_error_at(p->err, p->src, p->end, type, line, col, end_line, end_col, "%s", msg);
    longjmp(p->jb, 1);
}

/* How deep expression rules may nest: CPython's parser gives up at 6000
 * (its MAXSTACK), so "-" * 6000 + "1" fails there as here, and the C stack
 * stays far from its end (a few hundred bytes a level). */
#define PARSE_MAX_DEPTH 6000

/* Enters one level of a rule that recurses (unary operators, `not`, `**`,
 * conditional expressions, lambdas, brackets through parse_expression);
 * past PARSE_MAX_DEPTH unwinds with CPython's MemoryError.  A successful
 * enter_rule is paired with leave_rule on the way out; an error unwinds the
 * whole parse, so nothing needs undoing then. */
static inline void enter_rule(P *p)
{
    if (++p->depth > PARSE_MAX_DEPTH)
        fail_at(p, "MemoryError", 0, 0, 0, 0, "Parser stack overflowed - Python source too complex to parse");
}
static inline void leave_rule(P *p) { p->depth--; }

#define FAIL_SPAN(p, s, ...) fail_at(p, "SyntaxError", (s).lineno, (s).col, (s).end_lineno, (s).end_col, __VA_ARGS__)

static inline TrToken *cur(P *p)
{
    TrToken *t = &p->toks[p->pos];
    if (p->eof_paren && p->pos == p->ntoks - 1) {
        *p->err = p->paren_err;
        p->paren_err.text = NULL;
        longjmp(p->jb, 1);
    }
    return t;
}

static inline TrToken *peek_at(P *p, size_t k)
{
    size_t i = p->pos + k;
    if (i >= p->ntoks)
        i = p->ntoks - 1;
    if (p->eof_paren && i == p->ntoks - 1) {
        *p->err = p->paren_err;
        p->paren_err.text = NULL;
        longjmp(p->jb, 1);
    }
    return &p->toks[i];
}

static inline _Noreturn void fail_tok(P *p, TrToken *t, const char *msg)
{
    int end = t->end_col;
    if (t->kind == T_NEWLINE || t->kind == T_ENDMARKER || t->kind == T_DEDENT)
        end = t->col + 1;
    fail_at(p, "SyntaxError", t->lineno, t->col, t->end_lineno, end, "%s", msg);
}

static inline _Noreturn void invalid(P *p)
{
    TrToken *t = cur(p);
    if (t->kind == T_INDENT)
        fail_at(p, "IndentationError", t->lineno, 0, t->lineno, -1, "unexpected indent");
    if (t->kind == T_DEDENT && t->start < p->end)
        fail_at(p, "IndentationError", t->lineno, 0, t->lineno, -1, "unexpected unindent");
    fail_tok(p, t, "invalid syntax");
}

static inline void vpush(P *p, Vec *v, void *x)
{
    if (v->len == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 4;
        void **n = arena_alloc(p->a, cap * sizeof *n);
        if (!n)
            fail_at(p, "MemoryError", 0, 0, 0, 0, "out of memory");
        if (v->len)
            memcpy(n, v->items, v->len * sizeof *n);
        v->items = n;
        v->cap = cap;
    }
    v->items[v->len++] = x;
}

static inline void *alloc(P *p, size_t n)
{
    void *d = arena_alloc(p->a, n ? n : 1);     /* zeroed */
    if (!d)
        fail_at(p, "MemoryError", 0, 0, 0, 0, "out of memory");
    return d;
}

static inline TrExprList elist(Vec *v) { return (TrExprList){(TrAstExpr **)v->items, v->len}; }
static inline TrStmtList slist(Vec *v) { return (TrStmtList){(TrAstStmt **)v->items, v->len}; }

/* ---- token tests --------------------------------------------------------- */

static inline bool tok_is(TrToken *t, const char *s)
{
    size_t n = strlen(s);
    return t->kind == T_NAME && t->len == n && memcmp(t->start, s, n) == 0;
}

static inline bool at_kw(P *p, const char *s) { return tok_is(cur(p), s); }
static inline bool at_op(P *p, TrOp op) { TrToken *t = cur(p); return t->kind == T_OP && t->op == op; }

static const char *const keywords[] = {
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
    "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
    "return", "try", "while", "with", "yield",
};

static inline bool is_keyword(TrToken *t)
{
    if (t->kind != T_NAME)
        return false;
    for (size_t i = 0; i < sizeof keywords / sizeof *keywords; i++)
        if (tok_is(t, keywords[i]))
            return true;
    return false;
}

static inline bool at_name(P *p) { TrToken *t = cur(p); return t->kind == T_NAME && !is_keyword(t); }

static inline TrToken *advance(P *p) { TrToken *t = cur(p); if (p->pos < p->ntoks - 1) p->pos++; return t; }
static inline TrToken *prev(P *p) { return &p->toks[p->pos ? p->pos - 1 : 0]; }

static inline bool accept_op(P *p, TrOp op) { if (at_op(p, op)) { advance(p); return true; } return false; }
static inline bool accept_kw(P *p, const char *s) { if (at_kw(p, s)) { advance(p); return true; } return false; }

static inline TrToken *expect_op(P *p, TrOp op)
{
    if (!at_op(p, op))
        invalid(p);
    return advance(p);
}

/* "expected ':'" is reported at the token before, as CPython does. */
static inline void expect_colon(P *p)
{
    if (accept_op(p, OP_COLON))
        return;
    TrToken *t = cur(p);
    if (t->kind == T_NEWLINE || t->kind == T_OP || t->kind == T_ENDMARKER) {
        if (!(t->kind == T_OP && t->op != OP_NONE && t->op != OP_EQUAL) || t->kind != T_OP) {
            TrToken *b = prev(p);
            fail_at(p, "SyntaxError", b->end_lineno, b->end_col, b->end_lineno, b->end_col + 1, "expected ':'");
        }
    }
    invalid(p);
}

static inline const char *name_str(P *p, TrToken *t)
{
    char *s = arena_strndup(p->a, t->start, t->len);
    if (!s)
        fail_at(p, "MemoryError", 0, 0, 0, 0, "out of memory");
    return s;
}

static inline const char *expect_name(P *p)
{
    if (!at_name(p))
        invalid(p);
    return name_str(p, advance(p));
}

/* ---- nodes --------------------------------------------------------------- */

static inline TrSpan tspan(TrToken *t) { return (TrSpan){t->lineno, t->col, t->end_lineno, t->end_col}; }
static inline TrSpan join(TrSpan a, TrSpan b) { return (TrSpan){a.lineno, a.col, b.end_lineno, b.end_col}; }
static inline TrSpan from_tok(P *p, TrToken *start) { return join(tspan(start), tspan(prev(p))); }

static inline TrAstExpr *mk(P *p, TrExprKind k, TrSpan s)
{
    TrAstExpr *e = alloc(p, sizeof *e);
    e->kind = k;
    e->span = s;
    return e;
}

static inline TrAstStmt *mks(P *p, TrStmtKind k, TrSpan s)
{
    TrAstStmt *st = alloc(p, sizeof *st);
    st->kind = k;
    st->span = s;
    return st;
}

/* ---- growable byte buffers (core/parser_expr.c) --------------------------- */

typedef struct { char *buf; size_t len, cap; } Buf;

/* Appends `s[0..n)` to `b`, growing it; MemoryError unwinds. */
void parse_buf_put(P *p, Buf *b, const char *s, size_t n);

/* ---- expressions (core/parser_expr.c), used by the statement parser -------
 * Each parses at the current token and returns an arena node, or unwinds with
 * a SyntaxError. */

TrAstExpr *parse_expression(P *p);          /* `expression`: a conditional or lambda */
TrAstExpr *parse_named_expression(P *p);    /* `named_expression`: expression or NAME := ... */
TrAstExpr *parse_star_expressions(P *p);    /* a comma list of (starred) expressions */
TrAstExpr *parse_bitwise_or(P *p);          /* `bitwise_or`: below comparisons */
TrAstExpr *parse_atom(P *p);                /* one atom: name, literal, display */
TrAstExpr *parse_yield_expr(P *p);          /* `yield` / `yield from`, at the keyword */
TrAstExpr *parse_target_list(P *p);         /* `for` targets: stops before `in` */
TrAstExpr *parse_strings(P *p);             /* adjacent string / f-string literals */
/* A comma list of expressions (`named`: items may be NAME := ...). */
TrAstExpr *parse_expr_list(P *p, bool named);
/* 1 if the current token can start an expression. */
bool parse_starts_expr(P *p);
/* Parses the arguments of call `call` after its `open` parenthesis. */
void parse_call_args(P *p, TrAstExpr *call, TrToken *open);
/* A parameter list up to `close` (`lambda`: the lambda form, no annotations). */
TrArguments *parse_parameters(P *p, bool lambda, TrOp close);
/* Sets the context of target `e` to `ctx`, or raises CPython's "cannot
 * assign to ..." error; `how` selects the wording (see parser_expr.c). */
void parse_set_ctx(P *p, TrAstExpr *e, TrCtx ctx, int how);
/* What CPython calls expression `e` in error messages ("function call"). */
const char *parse_expr_name(TrAstExpr *e);

#endif
