/* core/parser.c: a recursive-descent parser from tokens to the AST of core/ast.h.
 *
 * The whole source is tokenized first.  A tokenizer error wins over any parser
 * error, as in CPython (which re-tokenizes the rest of the file after a parser
 * error), except reaching the end inside brackets: that one is reported only
 * when the parser reaches the end, or when the parser's own error lies on a
 * later line than the unclosed bracket.  Errors unwind with longjmp: every
 * node lives in the arena, so nothing needs freeing on the way out.
 * Threads: a parse runs on one thread; no objects are touched.
 */
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
    const char *filename;               /* for SyntaxWarnings */
} P;

/* ---- growable lists (malloc'd while building, copied to the arena) ------- */

typedef struct { void **items; size_t len, cap; } Vec;

static void vpush(P *p, Vec *v, void *x);

/* ---- errors -------------------------------------------------------------- */

static _Noreturn void fail_at(P *p, const char *type, int line, int col, int end_line, int end_col,
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

#define FAIL_SPAN(p, s, ...) fail_at(p, "SyntaxError", (s).lineno, (s).col, (s).end_lineno, (s).end_col, __VA_ARGS__)

static TrToken *cur(P *p)
{
    TrToken *t = &p->toks[p->pos];
    if (p->eof_paren && p->pos == p->ntoks - 1) {
        *p->err = p->paren_err;
        p->paren_err.text = NULL;
        longjmp(p->jb, 1);
    }
    return t;
}

static TrToken *peek_at(P *p, size_t k)
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

static _Noreturn void fail_tok(P *p, TrToken *t, const char *msg)
{
    int end = t->end_col;
    if (t->kind == T_NEWLINE || t->kind == T_ENDMARKER || t->kind == T_DEDENT)
        end = t->col + 1;
    fail_at(p, "SyntaxError", t->lineno, t->col, t->end_lineno, end, "%s", msg);
}

static _Noreturn void invalid(P *p)
{
    TrToken *t = cur(p);
    if (t->kind == T_INDENT)
        fail_at(p, "IndentationError", t->lineno, 0, t->lineno, -1, "unexpected indent");
    if (t->kind == T_DEDENT && t->start < p->end)
        fail_at(p, "IndentationError", t->lineno, 0, t->lineno, -1, "unexpected unindent");
    fail_tok(p, t, "invalid syntax");
}

static void vpush(P *p, Vec *v, void *x)
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

static void *alloc(P *p, size_t n)
{
    void *d = arena_alloc(p->a, n ? n : 1);     /* zeroed */
    if (!d)
        fail_at(p, "MemoryError", 0, 0, 0, 0, "out of memory");
    return d;
}

static TrExprList elist(Vec *v) { return (TrExprList){(TrAstExpr **)v->items, v->len}; }
static TrStmtList slist(Vec *v) { return (TrStmtList){(TrAstStmt **)v->items, v->len}; }

/* ---- token tests --------------------------------------------------------- */

static bool tok_is(TrToken *t, const char *s)
{
    size_t n = strlen(s);
    return t->kind == T_NAME && t->len == n && memcmp(t->start, s, n) == 0;
}

static bool at_kw(P *p, const char *s) { return tok_is(cur(p), s); }
static bool at_op(P *p, TrOp op) { TrToken *t = cur(p); return t->kind == T_OP && t->op == op; }

static const char *const keywords[] = {
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
    "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
    "return", "try", "while", "with", "yield",
};

static bool is_keyword(TrToken *t)
{
    if (t->kind != T_NAME)
        return false;
    for (size_t i = 0; i < sizeof keywords / sizeof *keywords; i++)
        if (tok_is(t, keywords[i]))
            return true;
    return false;
}

static bool at_name(P *p) { TrToken *t = cur(p); return t->kind == T_NAME && !is_keyword(t); }

static TrToken *advance(P *p) { TrToken *t = cur(p); if (p->pos < p->ntoks - 1) p->pos++; return t; }
static TrToken *prev(P *p) { return &p->toks[p->pos ? p->pos - 1 : 0]; }

static bool accept_op(P *p, TrOp op) { if (at_op(p, op)) { advance(p); return true; } return false; }
static bool accept_kw(P *p, const char *s) { if (at_kw(p, s)) { advance(p); return true; } return false; }

static TrToken *expect_op(P *p, TrOp op)
{
    if (!at_op(p, op))
        invalid(p);
    return advance(p);
}

/* "expected ':'" is reported at the token before, as CPython does. */
static void expect_colon(P *p)
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

static const char *name_str(P *p, TrToken *t)
{
    char *s = arena_strndup(p->a, t->start, t->len);
    if (!s)
        fail_at(p, "MemoryError", 0, 0, 0, 0, "out of memory");
    return s;
}

static const char *expect_name(P *p)
{
    if (!at_name(p))
        invalid(p);
    return name_str(p, advance(p));
}

/* ---- nodes --------------------------------------------------------------- */

static TrSpan tspan(TrToken *t) { return (TrSpan){t->lineno, t->col, t->end_lineno, t->end_col}; }
static TrSpan join(TrSpan a, TrSpan b) { return (TrSpan){a.lineno, a.col, b.end_lineno, b.end_col}; }
static TrSpan from_tok(P *p, TrToken *start) { return join(tspan(start), tspan(prev(p))); }

static TrAstExpr *mk(P *p, TrExprKind k, TrSpan s)
{
    TrAstExpr *e = alloc(p, sizeof *e);
    e->kind = k;
    e->span = s;
    return e;
}

static TrAstStmt *mks(P *p, TrStmtKind k, TrSpan s)
{
    TrAstStmt *st = alloc(p, sizeof *st);
    st->kind = k;
    st->span = s;
    return st;
}

/* ---- expressions: forward declarations ------------------------------------ */

static TrAstExpr *expression(P *p);
static TrAstExpr *named_expression(P *p);
static TrAstExpr *star_expressions(P *p);
static TrAstExpr *bitwise_or(P *p);
static TrAstExpr *disjunction(P *p);
static TrAstExpr *primary(P *p);
static TrAstExpr *yield_expr(P *p);
static TrArguments *parameters(P *p, bool lambda, TrOp close);
static void set_ctx(P *p, TrAstExpr *e, TrCtx ctx, int how);
static TrAstExpr *parse_strings(P *p);

static const char *expr_name(TrAstExpr *e)
{
    switch (e->kind) {
    case E_ATTR: return "attribute";
    case E_SUBSCRIPT: return "subscript";
    case E_STARRED: return "starred";
    case E_NAME: return "name";
    case E_LIST: return "list";
    case E_TUPLE: return "tuple";
    case E_LAMBDA: return "lambda";
    case E_CALL: return "function call";
    case E_BOOLOP: case E_BINOP: case E_UNARY: return "expression";
    case E_GENEXP: return "generator expression";
    case E_YIELD: case E_YIELDFROM: return "yield expression";
    case E_AWAIT: return "await expression";
    case E_LISTCOMP: return "list comprehension";
    case E_SETCOMP: return "set comprehension";
    case E_DICTCOMP: return "dict comprehension";
    case E_DICT: return "dict literal";
    case E_SET: return "set display";
    case E_JOINEDSTR: case E_FORMATTED: return "f-string expression";
    case E_NONE: return "None";
    case E_TRUE: return "True";
    case E_FALSE: return "False";
    case E_ELLIPSIS: return "ellipsis";
    case E_COMPARE: return "comparison";
    case E_IFEXP: return "conditional expression";
    case E_NAMEDEXPR: return "named expression";
    default: return "literal";
    }
}

/* ---- atoms --------------------------------------------------------------- */

static TrAstExpr *target_list(P *p);

static TrComprehension *comp_for(P *p, size_t *n)
{
    Vec v = {0};
    while (at_kw(p, "for") || at_kw(p, "async")) {
        TrComprehension *c = alloc(p, sizeof *c);
        if (accept_kw(p, "async"))
            c->is_async = true;
        if (!accept_kw(p, "for"))
            invalid(p);
        c->target = target_list(p);
        set_ctx(p, c->target, CTX_STORE, 1);
        if (!accept_kw(p, "in"))
            invalid(p);
        c->iter = disjunction(p);
        Vec ifs = {0};
        while (accept_kw(p, "if"))
            vpush(p, &ifs, disjunction(p));
        c->ifs = elist(&ifs);
        vpush(p, &v, c);
    }
    TrComprehension *arr = alloc(p, (v.len ? v.len : 1) * sizeof *arr);
    for (size_t i = 0; i < v.len; i++)
        arr[i] = *(TrComprehension *)v.items[i];
    *n = v.len;
    return arr;
}

static TrAstExpr *star_named_expression(P *p)
{
    if (at_op(p, OP_STAR)) {
        TrToken *s = advance(p);
        TrAstExpr *v = bitwise_or(p);
        TrAstExpr *e = mk(p, E_STARRED, from_tok(p, s));
        e->starred.value = v;
        return e;
    }
    return named_expression(p);
}

static TrAstExpr *paren_atom(P *p)
{
    TrToken *open = advance(p);
    if (accept_op(p, OP_RPAR)) {
        TrAstExpr *e = mk(p, E_TUPLE, from_tok(p, open));
        return e;
    }
    if (at_kw(p, "yield")) {
        TrAstExpr *y = yield_expr(p);
        expect_op(p, OP_RPAR);
        return y;
    }
    TrAstExpr *first = star_named_expression(p);
    if (at_kw(p, "for") || at_kw(p, "async")) {
        TrAstExpr *g = mk(p, E_GENEXP, tspan(open));
        g->comp.elt = first;
        g->comp.generators = comp_for(p, &g->comp.ngenerators);
        expect_op(p, OP_RPAR);
        g->span = from_tok(p, open);
        return g;
    }
    if (accept_op(p, OP_RPAR)) {
        if (first->kind == E_STARRED)
            fail_at(p, "SyntaxError", first->span.lineno, first->span.col, first->span.end_lineno,
                    first->span.end_col, "cannot use starred expression here");
        return first;
    }
    Vec v = {0};
    vpush(p, &v, first);
    while (accept_op(p, OP_COMMA)) {
        if (at_op(p, OP_RPAR))
            break;
        vpush(p, &v, star_named_expression(p));
    }
    if (!at_op(p, OP_RPAR)) {
        TrToken *t = cur(p);
        if (t->kind == T_NAME || t->kind == T_NUMBER || t->kind == T_STRING) {
            TrAstExpr *last = v.items[v.len - 1];
            fail_at(p, "SyntaxError", last->span.lineno, last->span.col, t->end_lineno, t->end_col,
                    "invalid syntax. Perhaps you forgot a comma?");
        }
        invalid(p);
    }
    advance(p);
    TrAstExpr *e = mk(p, E_TUPLE, from_tok(p, open));
    e->elts = elist(&v);
    return e;
}

static TrAstExpr *list_atom(P *p)
{
    TrToken *open = advance(p);
    Vec v = {0};
    if (!at_op(p, OP_RSQB)) {
        TrAstExpr *first = star_named_expression(p);
        if (at_kw(p, "for") || at_kw(p, "async")) {
            TrAstExpr *g = mk(p, E_LISTCOMP, tspan(open));
            g->comp.elt = first;
            g->comp.generators = comp_for(p, &g->comp.ngenerators);
            expect_op(p, OP_RSQB);
            g->span = from_tok(p, open);
            return g;
        }
        vpush(p, &v, first);
        while (accept_op(p, OP_COMMA)) {
            if (at_op(p, OP_RSQB))
                break;
            vpush(p, &v, star_named_expression(p));
        }
    }
    if (!at_op(p, OP_RSQB)) {
        TrToken *t = cur(p);
        if (v.len && (t->kind == T_NAME || t->kind == T_NUMBER || t->kind == T_STRING)) {
            TrAstExpr *last = v.items[v.len - 1];
            fail_at(p, "SyntaxError", last->span.lineno, last->span.col, t->end_lineno, t->end_col,
                    "invalid syntax. Perhaps you forgot a comma?");
        }
        invalid(p);
    }
    advance(p);
    TrAstExpr *e = mk(p, E_LIST, from_tok(p, open));
    e->elts = elist(&v);
    return e;
}

static TrAstExpr *dict_or_set(P *p)
{
    TrToken *open = advance(p);
    if (accept_op(p, OP_RBRACE))
        return mk(p, E_DICT, from_tok(p, open));
    Vec keys = {0}, vals = {0};
    bool is_dict;
    if (at_op(p, OP_DOUBLESTAR)) {
        advance(p);
        vpush(p, &keys, NULL);
        vpush(p, &vals, bitwise_or(p));
        is_dict = true;
    } else {
        TrAstExpr *k = star_named_expression(p);
        if (accept_op(p, OP_COLON)) {
            is_dict = true;
            TrAstExpr *v = expression(p);
            if (at_kw(p, "for") || at_kw(p, "async")) {
                TrAstExpr *g = mk(p, E_DICTCOMP, tspan(open));
                g->comp.elt = k;
                g->comp.value = v;
                g->comp.generators = comp_for(p, &g->comp.ngenerators);
                expect_op(p, OP_RBRACE);
                g->span = from_tok(p, open);
                return g;
            }
            vpush(p, &keys, k);
            vpush(p, &vals, v);
        } else {
            is_dict = false;
            if (at_kw(p, "for") || at_kw(p, "async")) {
                TrAstExpr *g = mk(p, E_SETCOMP, tspan(open));
                g->comp.elt = k;
                g->comp.generators = comp_for(p, &g->comp.ngenerators);
                expect_op(p, OP_RBRACE);
                g->span = from_tok(p, open);
                return g;
            }
            vpush(p, &keys, k);
        }
    }
    while (accept_op(p, OP_COMMA)) {
        if (at_op(p, OP_RBRACE))
            break;
        if (is_dict) {
            if (accept_op(p, OP_DOUBLESTAR)) {
                vpush(p, &keys, NULL);
                vpush(p, &vals, bitwise_or(p));
                continue;
            }
            vpush(p, &keys, expression(p));
            if (!at_op(p, OP_COLON)) {
                TrAstExpr *k = keys.items[keys.len - 1];
                if (at_op(p, OP_COMMA) || at_op(p, OP_RBRACE))
                    fail_at(p, "SyntaxError", k->span.lineno, k->span.col, k->span.end_lineno,
                            k->span.end_col, "':' expected after dictionary key");
                invalid(p);
            }
            advance(p);
            vpush(p, &vals, expression(p));
        } else {
            vpush(p, &keys, star_named_expression(p));
        }
    }
    if (!at_op(p, OP_RBRACE))
        invalid(p);
    advance(p);
    TrAstExpr *e = mk(p, is_dict ? E_DICT : E_SET, from_tok(p, open));
    if (is_dict) {
        e->dict.keys = elist(&keys);
        e->dict.values = elist(&vals);
    } else {
        e->elts = elist(&keys);
    }
    return e;
}

static TrAstExpr *atom(P *p)
{
    TrToken *t = cur(p);
    switch (t->kind) {
    case T_NAME:
        if (tok_is(t, "None")) { advance(p); return mk(p, E_NONE, tspan(t)); }
        if (tok_is(t, "True")) { advance(p); return mk(p, E_TRUE, tspan(t)); }
        if (tok_is(t, "False")) { advance(p); return mk(p, E_FALSE, tspan(t)); }
        if (is_keyword(t))
            invalid(p);
        advance(p);
        {
            TrAstExpr *e = mk(p, E_NAME, tspan(t));
            e->name = name_str(p, t);
            return e;
        }
    case T_NUMBER: {
        advance(p);
        char last = (char)(t->start[t->len - 1] | 0x20);
        bool is_float = false;
        bool hex = t->len > 1 && t->start[0] == '0' && (t->start[1] | 0x20) == 'x';
        for (size_t i = 0; i < t->len && !hex; i++)
            if (t->start[i] == '.' || (t->start[i] | 0x20) == 'e')
                is_float = true;
        if (last == 'j' && !hex)
            fail_tok(p, t, "complex literals are not supported");
        if (is_float) {
            char buf[512];
            size_t n = 0;
            for (size_t i = 0; i < t->len && n < sizeof buf - 1; i++)
                if (t->start[i] != '_')
                    buf[n++] = t->start[i];
            buf[n] = 0;
            TrAstExpr *e = mk(p, E_FLOAT, tspan(t));
            e->fval = strtod(buf, NULL);
            return e;
        }
        TrAstExpr *e = mk(p, E_INT, tspan(t));
        e->text = name_str(p, t);
        return e;
    }
    case T_STRING:
        return parse_strings(p);
    case T_OP:
        switch (t->op) {
        case OP_LPAR: return paren_atom(p);
        case OP_LSQB: return list_atom(p);
        case OP_LBRACE: return dict_or_set(p);
        case OP_ELLIPSIS: advance(p); return mk(p, E_ELLIPSIS, tspan(t));
        default: break;
        }
        break;
    default:
        break;
    }
    invalid(p);
}

/* ---- calls, subscripts, attributes --------------------------------------- */

static void call_args(P *p, TrAstExpr *call, TrToken *open)
{
    Vec args = {0}, kws = {0};
    bool seen_kw = false, seen_kwunpack = false;
    while (!at_op(p, OP_RPAR)) {
        TrToken *st = cur(p);
        if (at_op(p, OP_STAR)) {
            advance(p);
            TrAstExpr *v = expression(p);
            TrAstExpr *e = mk(p, E_STARRED, from_tok(p, st));
            e->starred.value = v;
            if (seen_kwunpack)
                FAIL_SPAN(p, e->span, "iterable argument unpacking follows keyword argument unpacking");
            vpush(p, &args, e);
        } else if (at_op(p, OP_DOUBLESTAR)) {
            advance(p);
            TrKeyword *k = alloc(p, sizeof *k);
            k->value = expression(p);
            k->span = from_tok(p, st);
            vpush(p, &kws, k);
            seen_kwunpack = true;
        } else if (st->kind == T_NAME && peek_at(p, 1)->kind == T_OP && peek_at(p, 1)->op == OP_EQUAL) {
            if (is_keyword(st)) {
                TrToken *eq = peek_at(p, 1);
                if (tok_is(st, "True") || tok_is(st, "False") || tok_is(st, "None"))
                    fail_at(p, "SyntaxError", st->lineno, st->col, eq->end_lineno, eq->end_col,
                            "cannot assign to %.*s", (int)st->len, st->start);
                invalid(p);
            }
            advance(p);
            advance(p);
            TrKeyword *k = alloc(p, sizeof *k);
            k->arg = name_str(p, st);
            k->value = expression(p);
            k->span = from_tok(p, st);
            vpush(p, &kws, k);
            seen_kw = true;
        } else {
            TrAstExpr *e = named_expression(p);
            if (at_kw(p, "for") || at_kw(p, "async")) {
                TrAstExpr *g = mk(p, E_GENEXP, tspan(open));
                g->comp.elt = e;
                g->comp.generators = comp_for(p, &g->comp.ngenerators);
                g->span = join(tspan(open), tspan(prev(p)));
                if (args.len || kws.len || !at_op(p, OP_RPAR)) {
                    TrSpan s = join(e->span, tspan(prev(p)));
                    FAIL_SPAN(p, s, "Generator expression must be parenthesized");
                }
                g->span = join(tspan(open), tspan(cur(p)));
                e = g;
            } else if (at_op(p, OP_EQUAL)) {
                TrToken *eq = cur(p);
                fail_at(p, "SyntaxError", e->span.lineno, e->span.col, eq->end_lineno, eq->end_col,
                        "expression cannot contain assignment, perhaps you meant \"==\"?");
            }
            if (seen_kwunpack)
                FAIL_SPAN(p, e->span, "positional argument follows keyword argument unpacking");
            if (seen_kw) {
                /* CPython points at the token after the argument */
                TrToken *nt = cur(p);
                fail_at(p, "SyntaxError", nt->lineno, nt->col, nt->lineno, -1,
                        "positional argument follows keyword argument");
            }
            vpush(p, &args, e);
        }
        if (!accept_op(p, OP_COMMA)) {
            if (!at_op(p, OP_RPAR)) {
                TrToken *t = cur(p);
                if (args.len && !kws.len && (t->kind == T_NAME || t->kind == T_NUMBER || t->kind == T_STRING) &&
                    !is_keyword(t)) {
                    TrAstExpr *last = args.items[args.len - 1];
                    size_t save = p->pos;
                    TrAstExpr *nx = expression(p);
                    (void)save;
                    fail_at(p, "SyntaxError", last->span.lineno, last->span.col, nx->span.end_lineno,
                            nx->span.end_col, "invalid syntax. Perhaps you forgot a comma?");
                }
                invalid(p);
            }
            break;
        }
        if (args.len == 1 && ((TrAstExpr *)args.items[0])->kind == E_GENEXP &&
            ((TrAstExpr *)args.items[0])->span.col == open->col &&
            ((TrAstExpr *)args.items[0])->span.lineno == open->lineno) {
            TrAstExpr *g = args.items[0];
            FAIL_SPAN(p, join(g->comp.elt->span, tspan(prev(p))), "Generator expression must be parenthesized");
        }
    }
    advance(p);
    call->call.args = elist(&args);
    call->call.nkeywords = kws.len;
    call->call.keywords = alloc(p, (kws.len ? kws.len : 1) * sizeof(TrKeyword));
    for (size_t i = 0; i < kws.len; i++)
        call->call.keywords[i] = *(TrKeyword *)kws.items[i];
}

static TrAstExpr *slice_item(P *p)
{
    TrToken *st = cur(p);
    TrAstExpr *lower = NULL;
    if (!at_op(p, OP_COLON)) {
        if (at_op(p, OP_STAR)) {
            TrToken *s = advance(p);
            TrAstExpr *v = bitwise_or(p);
            TrAstExpr *e = mk(p, E_STARRED, from_tok(p, s));
            e->starred.value = v;
            return e;
        }
        lower = named_expression(p);
        if (!at_op(p, OP_COLON))
            return lower;
    }
    advance(p);
    TrAstExpr *e = mk(p, E_SLICE, tspan(st));
    e->slice.lower = lower;
    if (!at_op(p, OP_COLON) && !at_op(p, OP_COMMA) && !at_op(p, OP_RSQB))
        e->slice.upper = expression(p);
    if (accept_op(p, OP_COLON)) {
        if (!at_op(p, OP_COMMA) && !at_op(p, OP_RSQB))
            e->slice.step = expression(p);
    }
    e->span = from_tok(p, st);
    return e;
}

static TrAstExpr *primary(P *p)
{
    TrToken *st = cur(p);
    TrAstExpr *e = atom(p);
    for (;;) {
        if (at_op(p, OP_DOT)) {
            advance(p);
            if (!at_name(p))
                invalid(p);
            TrAstExpr *a = mk(p, E_ATTR, tspan(st));
            a->attr.value = e;
            a->attr.attr = name_str(p, advance(p));
            a->span = from_tok(p, st);
            e = a;
        } else if (at_op(p, OP_LPAR)) {
            TrToken *open = advance(p);
            TrAstExpr *c = mk(p, E_CALL, e->span);
            c->call.func = e;
            call_args(p, c, open);
            c->span = from_tok(p, st);
            e = c;
        } else if (at_op(p, OP_LSQB)) {
            advance(p);
            TrToken *ist = cur(p);
            TrAstExpr *idx = slice_item(p);
            if (at_op(p, OP_COMMA)) {
                Vec v = {0};
                vpush(p, &v, idx);
                while (accept_op(p, OP_COMMA)) {
                    if (at_op(p, OP_RSQB))
                        break;
                    vpush(p, &v, slice_item(p));
                }
                idx = mk(p, E_TUPLE, from_tok(p, ist));
                idx->elts = elist(&v);
            }
            expect_op(p, OP_RSQB);
            TrAstExpr *s = mk(p, E_SUBSCRIPT, from_tok(p, st));
            s->subscript.value = e;
            s->subscript.index = idx;
            e = s;
        } else {
            return e;
        }
    }
}

/* ---- operators ----------------------------------------------------------- */

static TrAstExpr *factor(P *p);

static TrAstExpr *power(P *p)
{
    TrToken *st = cur(p);
    TrAstExpr *e;
    if (at_kw(p, "await")) {
        TrToken *t = advance(p);
        TrAstExpr *v = primary(p);
        e = mk(p, E_AWAIT, from_tok(p, t));
        e->starred.value = v;
    } else {
        e = primary(p);
    }
    if (at_op(p, OP_DOUBLESTAR)) {
        TrToken *op = advance(p);
        TrAstExpr *r = factor(p);
        TrAstExpr *b = mk(p, E_BINOP, from_tok(p, st));
        b->binop.op = TR_BINOP_POW;
        b->binop.left = e;
        b->binop.right = r;
        b->binop.op_span = tspan(op);
        return b;
    }
    return e;
}

static TrAstExpr *factor(P *p)
{
    TrToken *t = cur(p);
    if (t->kind == T_OP && (t->op == OP_MINUS || t->op == OP_PLUS || t->op == OP_TILDE)) {
        advance(p);
        TrAstExpr *v = factor(p);
        TrAstExpr *e = mk(p, E_UNARY, from_tok(p, t));
        e->unary.unop = t->op == OP_MINUS ? U_NEG : t->op == OP_PLUS ? U_POS : U_INVERT;
        e->unary.operand = v;
        return e;
    }
    return power(p);
}

static int binop_of(TrToken *t, int level)
{
    if (t->kind != T_OP)
        return -1;
    switch (level) {
    case 0: return t->op == OP_VBAR ? TR_BINOP_OR : -1;
    case 1: return t->op == OP_CIRCUMFLEX ? TR_BINOP_XOR : -1;
    case 2: return t->op == OP_AMPER ? TR_BINOP_AND : -1;
    case 3: return t->op == OP_LSHIFT ? TR_BINOP_LSHIFT : t->op == OP_RSHIFT ? TR_BINOP_RSHIFT : -1;
    case 4: return t->op == OP_PLUS ? TR_BINOP_ADD : t->op == OP_MINUS ? TR_BINOP_SUB : -1;
    case 5:
        switch (t->op) {
        case OP_STAR: return TR_BINOP_MUL;
        case OP_SLASH: return TR_BINOP_TRUEDIV;
        case OP_DOUBLESLASH: return TR_BINOP_FLOORDIV;
        case OP_PERCENT: return TR_BINOP_MOD;
        case OP_AT: return TR_BINOP_MATMUL;
        default: return -1;
        }
    }
    return -1;
}

static TrAstExpr *binary(P *p, int level)
{
    TrToken *st = cur(p);
    TrAstExpr *e = level == 6 ? factor(p) : binary(p, level + 1);
    if (level == 6)
        return e;
    for (;;) {
        int op = binop_of(cur(p), level);
        if (op < 0)
            return e;
        TrToken *ot = advance(p);
        TrAstExpr *r = binary(p, level + 1);
        TrAstExpr *b = mk(p, E_BINOP, from_tok(p, st));
        b->binop.op = op;
        b->binop.left = e;
        b->binop.right = r;
        b->binop.op_span = tspan(ot);
        e = b;
    }
}

static TrAstExpr *bitwise_or(P *p) { return binary(p, 0); }

static int cmpop(P *p)
{
    TrToken *t = cur(p);
    if (t->kind == T_OP) {
        switch (t->op) {
        case OP_EQEQUAL: advance(p); return C_EQ;
        case OP_NOTEQUAL: advance(p); return C_NE;
        case OP_LESS: advance(p); return C_LT;
        case OP_LESSEQUAL: advance(p); return C_LE;
        case OP_GREATER: advance(p); return C_GT;
        case OP_GREATEREQUAL: advance(p); return C_GE;
        default: return -1;
        }
    }
    if (tok_is(t, "in")) { advance(p); return C_IN; }
    if (tok_is(t, "is")) {
        advance(p);
        return accept_kw(p, "not") ? C_ISNOT : C_IS;
    }
    if (tok_is(t, "not") && tok_is(peek_at(p, 1), "in")) {
        advance(p);
        advance(p);
        return C_NOTIN;
    }
    return -1;
}

static TrAstExpr *comparison(P *p)
{
    TrToken *st = cur(p);
    TrAstExpr *e = bitwise_or(p);
    int op = cmpop(p);
    if (op < 0)
        return e;
    Vec ops = {0}, comps = {0};
    while (op >= 0) {
        vpush(p, &ops, (void *)(intptr_t)op);
        vpush(p, &comps, bitwise_or(p));
        op = cmpop(p);
    }
    TrAstExpr *c = mk(p, E_COMPARE, from_tok(p, st));
    c->compare.left = e;
    c->compare.ops = alloc(p, ops.len * sizeof(TrCmpOp));
    for (size_t i = 0; i < ops.len; i++)
        c->compare.ops[i] = (TrCmpOp)(intptr_t)ops.items[i];
    c->compare.comparators = elist(&comps);
    return c;
}

static TrAstExpr *inversion(P *p)
{
    if (at_kw(p, "not")) {
        TrToken *t = advance(p);
        TrAstExpr *v = inversion(p);
        TrAstExpr *e = mk(p, E_UNARY, from_tok(p, t));
        e->unary.unop = U_NOT;
        e->unary.operand = v;
        return e;
    }
    return comparison(p);
}

static TrAstExpr *boolop(P *p, bool is_or)
{
    TrToken *st = cur(p);
    TrAstExpr *e = is_or ? boolop(p, false) : inversion(p);
    if (!at_kw(p, is_or ? "or" : "and"))
        return e;
    Vec v = {0};
    vpush(p, &v, e);
    while (accept_kw(p, is_or ? "or" : "and"))
        vpush(p, &v, is_or ? boolop(p, false) : inversion(p));
    TrAstExpr *b = mk(p, E_BOOLOP, from_tok(p, st));
    b->boolop.boolop = is_or ? B_OR : B_AND;
    b->boolop.values = elist(&v);
    return b;
}

static TrAstExpr *disjunction(P *p) { return boolop(p, true); }

static TrAstExpr *lambdef(P *p)
{
    TrToken *t = advance(p);
    TrAstExpr *e = mk(p, E_LAMBDA, tspan(t));
    e->lambda.args = parameters(p, true, OP_COLON);
    expect_op(p, OP_COLON);
    e->lambda.body = expression(p);
    e->span = from_tok(p, t);
    return e;
}

static TrAstExpr *expression(P *p)
{
    if (at_kw(p, "lambda"))
        return lambdef(p);
    TrToken *st = cur(p);
    TrAstExpr *e = disjunction(p);
    if (at_kw(p, "if")) {
        advance(p);
        TrAstExpr *test = disjunction(p);
        if (!accept_kw(p, "else")) {
            TrToken *t = cur(p);
            if (t->kind == T_NEWLINE || (t->kind == T_OP && (t->op == OP_RPAR || t->op == OP_RSQB ||
                                                             t->op == OP_RBRACE || t->op == OP_COMMA)))
                FAIL_SPAN(p, join(e->span, test->span), "expected 'else' after 'if' expression");
            invalid(p);
        }
        TrAstExpr *orelse = expression(p);
        TrAstExpr *i = mk(p, E_IFEXP, from_tok(p, st));
        i->ifexp.test = test;
        i->ifexp.body = e;
        i->ifexp.orelse = orelse;
        return i;
    }
    return e;
}

static TrAstExpr *named_expression(P *p)
{
    if (at_name(p) && peek_at(p, 1)->kind == T_OP && peek_at(p, 1)->op == OP_WALRUS) {
        TrToken *n = advance(p);
        advance(p);
        TrAstExpr *target = mk(p, E_NAME, tspan(n));
        target->name = name_str(p, n);
        target->ctx = CTX_STORE;
        TrAstExpr *v = expression(p);
        TrAstExpr *e = mk(p, E_NAMEDEXPR, from_tok(p, n));
        e->namedexpr.target = target;
        e->namedexpr.value = v;
        return e;
    }
    TrAstExpr *e = expression(p);
    if (at_op(p, OP_WALRUS))
        FAIL_SPAN(p, e->span, "cannot use assignment expressions with %s", expr_name(e));
    return e;
}

static TrAstExpr *star_expression(P *p)
{
    if (at_op(p, OP_STAR)) {
        TrToken *s = advance(p);
        TrAstExpr *v = bitwise_or(p);
        TrAstExpr *e = mk(p, E_STARRED, from_tok(p, s));
        e->starred.value = v;
        return e;
    }
    return expression(p);
}

static bool starts_expr(P *p)
{
    TrToken *t = cur(p);
    if (t->kind == T_NAME)
        return !is_keyword(t) || tok_is(t, "None") || tok_is(t, "True") || tok_is(t, "False") ||
               tok_is(t, "not") || tok_is(t, "lambda") || tok_is(t, "await") || tok_is(t, "yield");
    if (t->kind == T_NUMBER || t->kind == T_STRING)
        return true;
    if (t->kind == T_OP)
        switch (t->op) {
        case OP_LPAR: case OP_LSQB: case OP_LBRACE: case OP_MINUS: case OP_PLUS: case OP_TILDE:
        case OP_STAR: case OP_ELLIPSIS:
            return true;
        default:
            return false;
        }
    return false;
}

/* star_expressions: a tuple when there is a comma.  `named`: allow `x := y`. */
static TrAstExpr *expr_list(P *p, bool named)
{
    TrToken *st = cur(p);
    TrAstExpr *e = named ? star_named_expression(p) : star_expression(p);
    if (!at_op(p, OP_COMMA))
        return e;
    Vec v = {0};
    vpush(p, &v, e);
    while (accept_op(p, OP_COMMA)) {
        if (!starts_expr(p) || at_kw(p, "yield"))
            break;
        vpush(p, &v, named ? star_named_expression(p) : star_expression(p));
    }
    TrAstExpr *t = mk(p, E_TUPLE, from_tok(p, st));
    t->elts = elist(&v);
    return t;
}

static TrAstExpr *star_expressions(P *p) { return expr_list(p, false); }

static TrAstExpr *yield_expr(P *p)
{
    TrToken *t = advance(p);
    if (accept_kw(p, "from")) {
        TrAstExpr *v = expression(p);
        TrAstExpr *e = mk(p, E_YIELDFROM, from_tok(p, t));
        e->starred.value = v;
        return e;
    }
    TrAstExpr *e = mk(p, E_YIELD, tspan(t));
    if (starts_expr(p)) {
        e->starred.value = star_expressions(p);
        e->span = from_tok(p, t);
    }
    return e;
}

/* ---- targets ------------------------------------------------------------- */

/* The first node in `e` that cannot be a target (CPython's get_invalid_target). */
static TrAstExpr *invalid_target(TrAstExpr *e, TrCtx ctx)
{
    switch (e->kind) {
    case E_NAME: case E_ATTR: case E_SUBSCRIPT:
        return NULL;
    case E_TUPLE: case E_LIST:
        for (size_t i = 0; i < e->elts.len; i++) {
            TrAstExpr *r = invalid_target(e->elts.items[i], ctx);
            if (r)
                return r;
        }
        return NULL;
    case E_STARRED:
        if (ctx == CTX_DEL)
            return e;
        return invalid_target(e->starred.value, ctx);
    default:
        return e;
    }
}

static void ctx_rec(TrAstExpr *e, TrCtx ctx)
{
    e->ctx = ctx;
    if (e->kind == E_TUPLE || e->kind == E_LIST)
        for (size_t i = 0; i < e->elts.len; i++)
            ctx_rec(e->elts.items[i], ctx);
    else if (e->kind == E_STARRED)
        ctx_rec(e->starred.value, ctx);
}

/* how: 0 plain assignment (first target), 1 for/with/comprehension target,
 * 2 later assignment target, 3 del. */
static void set_ctx(P *p, TrAstExpr *e, TrCtx ctx, int how)
{
    TrAstExpr *bad = invalid_target(e, ctx);
    if (bad) {
        const char *what = expr_name(bad);
        if (ctx == CTX_DEL)
            FAIL_SPAN(p, bad->span, "cannot delete %s", what);
        if (how == 0 && p->pos > 0) {
            /* CPython's invalid_named_expression: a bitwise_or-level target right before '=' */
            TrToken *after = NULL;
            for (size_t i = 0; i < p->ntoks; i++)
                if (p->toks[i].lineno > bad->span.end_lineno ||
                    (p->toks[i].lineno == bad->span.end_lineno && p->toks[i].col >= bad->span.end_col)) {
                    after = &p->toks[i];
                    break;
                }
            bool bor = bad->kind != E_COMPARE && bad->kind != E_BOOLOP && bad->kind != E_LAMBDA &&
                       bad->kind != E_IFEXP && !(bad->kind == E_UNARY && bad->unary.unop == U_NOT) &&
                       bad->kind != E_TRUE && bad->kind != E_FALSE && bad->kind != E_NONE &&
                       bad->kind != E_TUPLE && bad->kind != E_LIST && bad->kind != E_GENEXP;
            if (bor && after && after->kind == T_OP && after->op == OP_EQUAL)
                FAIL_SPAN(p, bad->span, "cannot assign to %s here. Maybe you meant '==' instead of '='?", what);
        }
        FAIL_SPAN(p, bad->span, "cannot assign to %s", what);
    }
    ctx_rec(e, ctx);
}

/* ---- strings ------------------------------------------------------------- */

typedef struct { char *buf; size_t len, cap; } Buf;

static void bput(P *p, Buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->cap ? b->cap * 2 : 64);
        while (cap < b->len + n + 1)
            cap *= 2;
        char *nb = arena_alloc(p->a, cap);
        if (!nb)
            fail_at(p, "MemoryError", 0, 0, 0, 0, "out of memory");
        if (b->len)
            memcpy(nb, b->buf, b->len);
        b->buf = nb;
        b->cap = cap;
    }
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    b->buf[b->len] = 0;
}

static void put_cp(P *p, Buf *b, unsigned cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) { u[0] = (char)cp; n = 1; }
    else if (cp < 0x800) { u[0] = (char)(0xC0 | cp >> 6); u[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
    else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12); u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
    } else {
        u[0] = (char)(0xF0 | cp >> 18); u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); u[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
    }
    bput(p, b, u, n);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c |= 0x20;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

static const struct { const char *name; unsigned cp; } unicode_names[] = {
    {"BULLET", 0x2022}, {"EM DASH", 0x2014}, {"EN DASH", 0x2013}, {"NO-BREAK SPACE", 0xA0},
    {"DEGREE SIGN", 0xB0}, {"EURO SIGN", 0x20AC}, {"HORIZONTAL ELLIPSIS", 0x2026},
    {"LEFT-POINTING DOUBLE ANGLE QUOTATION MARK", 0xAB}, {"RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK", 0xBB},
    {"GREEK SMALL LETTER ALPHA", 0x3B1}, {"GREEK SMALL LETTER PI", 0x3C0}, {"SPACE", 0x20},
    {"LATIN SMALL LETTER E WITH ACUTE", 0xE9}, {"SNOWMAN", 0x2603}, {"CHECK MARK", 0x2713},
    {"BLACK STAR", 0x2605}, {"RIGHTWARDS ARROW", 0x2192}, {"MULTIPLICATION SIGN", 0xD7},
    {"ZERO WIDTH SPACE", 0x200B}, {"REPLACEMENT CHARACTER", 0xFFFD}, {"NULL", 0},
    {"LINE FEED", 10}, {"CHARACTER TABULATION", 9}, {"COPYRIGHT SIGN", 0xA9},
};

/* Decodes the literal text [s, e) into `b`: escapes unless `raw`; in an
 * f-string `{{` and `}}` were already split out by the caller. */
/* CPython's SyntaxWarning for the first bad escape of a literal: `esc`
 * points at the backslash, `n` bytes of it are quoted. */
static void warn_escape(P *p, TrToken *t, bool *warned, const char *what, const char *esc, size_t n)
{
    if (*warned)
        return;
    *warned = true;
    char msg[96];
    snprintf(msg, sizeof msg, "invalid %sescape sequence '%.*s'", what, (int)n, esc);
    traceback_syntax_warning(p->filename, t->lineno, msg);
}

static void decode_text(P *p, Buf *b, const char *s, const char *e, bool raw, bool bytes, TrToken *t)
{
    bool warned = false;
    while (s < e) {
        const char *q = s;
        while (q < e && *q != '\\')
            q++;
        if (bytes)
            for (const char *c = s; c < q; c++)
                if ((unsigned char)*c >= 0x80)
                    fail_tok(p, t, "bytes can only contain ASCII literal characters");
        bput(p, b, s, (size_t)(q - s));
        s = q;
        if (s >= e)
            break;
        if (raw) {
            bput(p, b, s, (s + 1 < e) ? 2 : 1);
            s += 2;
            continue;
        }
        s++;
        if (s >= e) { bput(p, b, "\\", 1); break; }
        char c = *s++;
        switch (c) {
        case '\n': break;
        case '\r': if (s < e && *s == '\n') s++; break;
        case '\\': bput(p, b, "\\", 1); break;
        case '\'': bput(p, b, "'", 1); break;
        case '"': bput(p, b, "\"", 1); break;
        case 'a': bput(p, b, "\a", 1); break;
        case 'b': bput(p, b, "\b", 1); break;
        case 'f': bput(p, b, "\f", 1); break;
        case 'n': bput(p, b, "\n", 1); break;
        case 'r': bput(p, b, "\r", 1); break;
        case 't': bput(p, b, "\t", 1); break;
        case 'v': bput(p, b, "\v", 1); break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            unsigned v = (unsigned)(c - '0');
            const char *esc = s - 2;
            for (int i = 0; i < 2 && s < e && *s >= '0' && *s <= '7'; i++)
                v = v * 8 + (unsigned)(*s++ - '0');
            if (v > 0377)
                warn_escape(p, t, &warned, "octal ", esc, (size_t)(s - esc));
            if (bytes) { char ch = (char)(v & 0xFF); bput(p, b, &ch, 1); }
            else put_cp(p, b, v);
            break;
        }
        case 'x': case 'u': case 'U': {
            int n = c == 'x' ? 2 : c == 'u' ? 4 : 8;
            if (bytes && c != 'x') {
                bput(p, b, s - 2, 2);
                break;
            }
            unsigned v = 0;
            for (int i = 0; i < n; i++) {
                int h = s < e ? hexval(*s) : -1;
                if (h < 0) {
                    if (bytes)
                        fail_tok(p, t, "(value error) invalid \\x escape at position 0");
                    fail_tok(p, t, c == 'x' ? "(unicode error) 'unicodeescape' codec can't decode bytes in "
                                              "position 0-1: truncated \\xXX escape"
                                 : c == 'u' ? "(unicode error) 'unicodeescape' codec can't decode bytes in "
                                              "position 0-1: truncated \\uXXXX escape"
                                            : "(unicode error) 'unicodeescape' codec can't decode bytes in "
                                              "position 0-1: truncated \\UXXXXXXXX escape");
                }
                v = v * 16 + (unsigned)h;
                s++;
            }
            if (bytes) { char ch = (char)v; bput(p, b, &ch, 1); }
            else {
                if (v > 0x10FFFF)
                    fail_tok(p, t, "(unicode error) 'unicodeescape' codec can't decode bytes in position "
                                   "0-9: illegal Unicode character");
                put_cp(p, b, v);
            }
            break;
        }
        case 'N':
            if (!bytes && s < e && *s == '{') {
                const char *ne = memchr(s, '}', (size_t)(e - s));
                if (ne) {
                    size_t n = (size_t)(ne - s - 1);
                    for (size_t i = 0; i < sizeof unicode_names / sizeof *unicode_names; i++)
                        if (strlen(unicode_names[i].name) == n && strncasecmp(unicode_names[i].name, s + 1, n) == 0) {
                            put_cp(p, b, unicode_names[i].cp);
                            s = ne + 1;
                            goto next;
                        }
                }
                fail_tok(p, t, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: "
                               "unknown Unicode character name");
            }
            /* fall through */
        default: {
            if ((unsigned char)c < 0x80)    /* CPython: a non-ASCII character after '\\' is no escape */
                warn_escape(p, t, &warned, "", s - 2, 2);
            bput(p, b, s - 2, 2);
            break;
        }
        }
    next:;
    }
}

typedef struct {
    Vec parts;                          /* E_STR / E_FORMATTED */
    Buf lit;                            /* pending literal text */
    TrSpan span;
} Joined;

static void flush_lit(P *p, Joined *j, TrSpan s)
{
    if (j->lit.len == 0)
        return;
    TrAstExpr *e = mk(p, E_STR, s);
    e->str = j->lit.buf;
    e->str_len = j->lit.len;
    vpush(p, &j->parts, e);
    j->lit = (Buf){0};
}

static TrAstExpr *parse_fexpr_tokens(P *p, const char *from, const char *to, int lineno, const char *line_start,
                                     TrToken *st, const char *brace);

/* Walks the f-string body [s, e) (quote info in `quote`/`triple`), adding
 * parts to `j`; `in_spec`: a format spec, which ends at the field's '}'.
 * Returns where it stopped.  `*lineno`/`*ls` track the source position. */
static const char *fstring_body(P *p, Joined *j, const char *s, const char *e, char quote, bool triple, bool raw,
                                bool in_spec, int *lineno, const char **ls, TrToken *t)
{
    while (s < e) {
        const char *q = s;
        while (q < e && *q != '{' && *q != '}') {
            if (*q == '\\' && q + 1 < e && (q[1] == '{' || q[1] == '}')) {
                q++;
                continue;
            }
            if (*q == '\\' && !raw && q + 1 < e) {
                if (q[1] == 'N' && q + 2 < e && q[2] == '{') {
                    while (q < e && *q != '}')
                        q++;
                    if (q < e)
                        q++;
                    continue;
                }
                if (q[1] == '\n') { (*lineno)++; *ls = q + 2; }
                q += 2;
                continue;
            }
            if (*q == '\n') { (*lineno)++; *ls = q + 1; }
            q++;
        }
        decode_text(p, &j->lit, s, q, raw, false, t);
        s = q;
        if (s >= e)
            break;
        if (*s == '}') {
            if (in_spec)
                return s;
            bput(p, &j->lit, "}", 1);     /* the tokenizer saw it doubled */
            s += 2;
            continue;
        }
        if (!in_spec && s + 1 < e && s[1] == '{') {
            bput(p, &j->lit, "{", 1);
            s += 2;
            continue;
        }
        /* a replacement field */
        const char *brace = s;
        TrTokenizer sk;
        TrSyntaxError tmp = {0};
        tokenizer_init_at(&sk, p->src, s + 1, p->end, *lineno, *ls);
        if (tokenizer_skip_fexpr(&sk, quote, triple, &tmp) < 0) {
            *p->err = tmp;
            longjmp(p->jb, 1);
        }
        const char *xe = sk.cur;
        int xline = *lineno;
        const char *xls = *ls;
        TrAstExpr *val = parse_fexpr_tokens(p, s + 1, xe, xline, xls, t, brace);
        *lineno = sk.lineno;
        *ls = sk.line_start;
        s = xe;
        TrAstExpr *f = mk(p, E_FORMATTED, val->span);
        f->formatted.value = val;
        bool selfdoc = false;
        if (*s == '=') {
            s++;
            while (s < e && (*s == ' ' || *s == '\t' || *s == '\n'))
                s++;
            bput(p, &j->lit, brace + 1, (size_t)(s - brace - 1));
            selfdoc = true;
        }
        if (*s == '!') {
            s++;
            if (s < e && (*s == 's' || *s == 'r' || *s == 'a') && s + 1 < e && (s[1] == ':' || s[1] == '}')) {
                f->formatted.conversion = *s;
                s++;
            } else {
                int col = (int)(s - *ls);
                if (s < e && (*s == ':' || *s == '}'))
                    fail_at(p, "SyntaxError", *lineno, col, *lineno, col + 1, "f-string: missing conversion character");
                fail_at(p, "SyntaxError", *lineno, col, *lineno, col + 1,
                        "f-string: invalid conversion character %s: expected 's', 'r', or 'a'",
                        (s < e && *s == 'x') ? "'x'" : "");
            }
        }
        if (s < e && *s == ':') {
            s++;
            Joined spec = {0};
            const char *sp_start = s;
            s = fstring_body(p, &spec, s, e, quote, triple, raw, true, lineno, ls, t);
            (void)sp_start;
            flush_lit(p, &spec, t ? tspan(t) : val->span);
            TrAstExpr *js = mk(p, E_JOINEDSTR, t ? tspan(t) : val->span);
            js->joined = elist(&spec.parts);
            f->formatted.format_spec = js;
        }
        if (selfdoc && !f->formatted.conversion && !f->formatted.format_spec)
            f->formatted.conversion = 'r';
        if (s >= e || *s != '}')
            fail_tok(p, t, "f-string: expecting '}'");
        s++;
        f->span = (TrSpan){val->span.lineno, (int)(brace - *ls), *lineno, (int)(s - *ls)};
        if (val->span.lineno != *lineno)
            f->span = val->span;
        flush_lit(p, j, t ? tspan(t) : val->span);
        vpush(p, &j->parts, f);
    }
    return s;
}

static TrAstExpr *parse_fexpr_tokens(P *p, const char *from, const char *to, int lineno, const char *line_start,
                                     TrToken *st, const char *brace)
{
    TrTokenizer tz;
    tokenizer_init_at(&tz, p->src, from, to, lineno, line_start);
    Vec toks = {0};
    for (;;) {
        TrToken *tk = alloc(p, sizeof *tk);
        TrSyntaxError tmp = {0};
        if (tokenizer_next(&tz, tk, &tmp) < 0) {
            *p->err = tmp;
            longjmp(p->jb, 1);
        }
        vpush(p, &toks, tk);
        if (tk->kind == T_ENDMARKER)
            break;
    }
    if (toks.len == 1) {
        int col = (int)(to - line_start);
        if (*to == '!' || *to == ':' || *to == '=' || *to == '}') {
            const char *what = *to == '}' ? "'}'" : *to == '!' ? "'!'" : *to == ':' ? "':'" : "'='";
            fail_at(p, "SyntaxError", lineno, col, lineno, col + 1, "f-string: valid expression required before %s", what);
        }
    }
    TrToken *arr = alloc(p, toks.len * sizeof *arr);
    for (size_t i = 0; i < toks.len; i++)
        arr[i] = *(TrToken *)toks.items[i];
    TrToken *save_t = p->toks;
    size_t save_n = p->ntoks, save_pos = p->pos;
    bool save_eof = p->eof_paren;
    p->toks = arr;
    p->ntoks = toks.len;
    p->pos = 0;
    p->eof_paren = false;
    TrAstExpr *e = at_kw(p, "yield") ? yield_expr(p) : expr_list(p, true);
    if (cur(p)->kind != T_ENDMARKER)
        invalid(p);
    p->toks = save_t;
    p->ntoks = save_n;
    p->pos = save_pos;
    p->eof_paren = save_eof;
    return e;
}

/* One or more adjacent STRING tokens. */
static TrAstExpr *parse_strings(P *p)
{
    TrToken *first = cur(p);
    bool any_f = false, any_bytes = false, any_str = false;
    Joined j = {0};
    while (cur(p)->kind == T_STRING) {
        TrToken *t = advance(p);
        const char *s = t->start;
        bool raw = false, bytes = false, is_f = false;
        while (*s != '\'' && *s != '"') {
            char c = (char)(*s | 0x20);
            if (c == 'r') raw = true;
            if (c == 'b') bytes = true;
            if (c == 'f') is_f = true;
            s++;
        }
        char quote = *s;
        bool triple = t->len - (size_t)(s - t->start) >= 6 && s[1] == quote && s[2] == quote;
        int qn = triple ? 3 : 1;
        const char *body = s + qn, *bend = t->start + t->len - qn;
        if (bytes) any_bytes = true; else any_str = true;
        if (any_bytes && any_str)
            fail_at(p, "SyntaxError", first->lineno, first->col, t->end_lineno, t->end_col,
                    "cannot mix bytes and nonbytes literals");
        if (is_f) {
            any_f = true;
            int line = t->lineno;
            const char *ls = t->start - t->col;
            for (const char *c = t->start; c < body; c++)
                if (*c == '\n') { line++; ls = c + 1; }
            fstring_body(p, &j, body, bend, quote, triple, raw, false, &line, &ls, t);
        } else {
            decode_text(p, &j.lit, body, bend, raw, bytes, t);
        }
    }
    TrSpan sp = from_tok(p, first);
    if (any_bytes) {
        TrAstExpr *e = mk(p, E_BYTES, sp);
        e->str = j.lit.buf ? j.lit.buf : "";
        e->str_len = j.lit.len;
        return e;
    }
    if (!any_f) {
        TrAstExpr *e = mk(p, E_STR, sp);
        e->str = j.lit.buf ? j.lit.buf : "";
        e->str_len = j.lit.len;
        return e;
    }
    flush_lit(p, &j, sp);
    TrAstExpr *e = mk(p, E_JOINEDSTR, sp);
    e->joined = elist(&j.parts);
    return e;
}

/* ---- parameters ---------------------------------------------------------- */

static TrArguments *parameters(P *p, bool lambda, TrOp close)
{
    TrArguments *a = alloc(p, sizeof *a);
    Vec args = {0}, kwonly = {0}, kwdef = {0}, defs = {0};
    bool star = false, seen_default = false, seen_slash = false;
    while (!at_op(p, close)) {
        TrToken *st = cur(p);
        if (at_op(p, OP_SLASH)) {
            if (seen_slash)
                fail_tok(p, st, "/ may appear only once");
            if (star)
                fail_tok(p, st, "/ must be ahead of *");
            if (args.len == 0)
                fail_tok(p, st, "at least one argument must precede /");
            advance(p);
            seen_slash = true;
            a->nposonly = args.len;
            a->posonly = alloc(p, args.len * sizeof(TrArg));
            for (size_t i = 0; i < args.len; i++)
                a->posonly[i] = *(TrArg *)args.items[i];
            args.len = 0;
        } else if (at_op(p, OP_DOUBLESTAR) || at_op(p, OP_STAR)) {
            bool dbl = at_op(p, OP_DOUBLESTAR);
            advance(p);
            if (!dbl && (at_op(p, OP_COMMA) || at_op(p, close))) {
                if (star)
                    fail_tok(p, st, "* argument may appear only once");
                star = true;
                if (at_op(p, close) || (peek_at(p, 1)->kind == T_OP && peek_at(p, 1)->op == OP_DOUBLESTAR))
                    fail_at(p, "SyntaxError", st->lineno, st->col, st->end_lineno, st->end_col,
                            "named arguments must follow bare *");
            } else {
                if (!at_name(p))
                    invalid(p);
                TrArg *arg = alloc(p, sizeof *arg);
                TrToken *n = advance(p);
                arg->name = name_str(p, n);
                if (!lambda && accept_op(p, OP_COLON))
                    arg->annotation = at_op(p, OP_STAR) && !dbl ? star_expression(p) : expression(p);
                arg->span = from_tok(p, n);
                if (at_op(p, OP_EQUAL)) {
                    fail_tok(p, cur(p), dbl ? "var-keyword argument cannot have default value"
                                            : "var-positional argument cannot have default value");
                }
                if (dbl) {
                    a->kwarg = arg;
                    accept_op(p, OP_COMMA);
                    if (!at_op(p, close)) {
                        TrToken *t = cur(p);
                        fail_tok(p, t, "arguments cannot follow var-keyword argument");
                    }
                    break;
                }
                if (star)
                    fail_tok(p, st, "* argument may appear only once");
                star = true;
                a->vararg = arg;
            }
        } else {
            if (!at_name(p))
                invalid(p);
            TrArg *arg = alloc(p, sizeof *arg);
            TrToken *n = advance(p);
            arg->name = name_str(p, n);
            if (!lambda && accept_op(p, OP_COLON))
                arg->annotation = expression(p);
            arg->span = from_tok(p, n);
            TrAstExpr *def = NULL;
            if (accept_op(p, OP_EQUAL))
                def = expression(p);
            if (star) {
                vpush(p, &kwonly, arg);
                vpush(p, &kwdef, def);
            } else {
                if (def) {
                    seen_default = true;
                    vpush(p, &defs, def);
                } else if (seen_default) {
                    fail_at(p, "SyntaxError", n->lineno, n->col, n->end_lineno, n->end_col,
                            "parameter without a default follows parameter with a default");
                }
                vpush(p, &args, arg);
            }
        }
        if (!accept_op(p, OP_COMMA))
            break;
    }
    if (!at_op(p, close)) {
        if (close == OP_RPAR && cur(p)->kind == T_NEWLINE)
            invalid(p);
        invalid(p);
    }
    a->nargs = args.len;
    a->args = alloc(p, (args.len ? args.len : 1) * sizeof(TrArg));
    for (size_t i = 0; i < args.len; i++)
        a->args[i] = *(TrArg *)args.items[i];
    a->nkwonly = kwonly.len;
    a->kwonly = alloc(p, (kwonly.len ? kwonly.len : 1) * sizeof(TrArg));
    a->kw_defaults = alloc(p, (kwonly.len ? kwonly.len : 1) * sizeof(TrAstExpr *));
    for (size_t i = 0; i < kwonly.len; i++) {
        a->kwonly[i] = *(TrArg *)kwonly.items[i];
        a->kw_defaults[i] = kwdef.items[i];
    }
    a->defaults = elist(&defs);
    return a;
}

/* ---- statements ---------------------------------------------------------- */

static TrStmtList block(P *p, const char *what, int line);
static TrAstStmt *statement_into(P *p, Vec *out);

static TrAstStmt *simple_stmt(P *p)
{
    TrToken *st = cur(p);
    if (st->kind == T_NAME) {
        if (accept_kw(p, "pass")) return mks(p, S_PASS, tspan(st));
        if (accept_kw(p, "break")) return mks(p, S_BREAK, tspan(st));
        if (accept_kw(p, "continue")) return mks(p, S_CONTINUE, tspan(st));
        if (accept_kw(p, "return")) {
            TrAstStmt *s = mks(p, S_RETURN, tspan(st));
            if (starts_expr(p))
                s->expr.value = star_expressions(p);
            s->span = from_tok(p, st);
            return s;
        }
        if (accept_kw(p, "raise")) {
            TrAstStmt *s = mks(p, S_RAISE, tspan(st));
            if (starts_expr(p)) {
                s->raise.exc = expression(p);
                if (accept_kw(p, "from"))
                    s->raise.cause = expression(p);
            }
            s->span = from_tok(p, st);
            return s;
        }
        if (at_kw(p, "global") || at_kw(p, "nonlocal")) {
            bool g = at_kw(p, "global");
            advance(p);
            Vec v = {0};
            do
                vpush(p, &v, (void *)expect_name(p));
            while (accept_op(p, OP_COMMA));
            TrAstStmt *s = mks(p, g ? S_GLOBAL : S_NONLOCAL, from_tok(p, st));
            s->global.names = (const char **)v.items;
            s->global.nnames = v.len;
            return s;
        }
        if (accept_kw(p, "del")) {
            Vec v = {0};
            do {
                if (!starts_expr(p))
                    break;
                TrAstExpr *t = bitwise_or(p);
                set_ctx(p, t, CTX_DEL, 3);
                vpush(p, &v, t);
            } while (accept_op(p, OP_COMMA));
            if (!v.len)
                invalid(p);
            TrAstStmt *s = mks(p, S_DELETE, from_tok(p, st));
            s->assign.targets = elist(&v);
            return s;
        }
        if (accept_kw(p, "assert")) {
            TrAstStmt *s = mks(p, S_ASSERT, tspan(st));
            s->assert_.test = expression(p);
            if (accept_op(p, OP_COMMA))
                s->assert_.msg = expression(p);
            s->span = from_tok(p, st);
            return s;
        }
        if (accept_kw(p, "import")) {
            Vec v = {0};
            do {
                TrToken *ns = cur(p);
                Buf b = {0};
                const char *n = expect_name(p);
                bput(p, &b, n, strlen(n));
                while (accept_op(p, OP_DOT)) {
                    n = expect_name(p);
                    bput(p, &b, ".", 1);
                    bput(p, &b, n, strlen(n));
                }
                TrAlias *al = alloc(p, sizeof *al);
                al->name = b.buf;
                if (accept_kw(p, "as"))
                    al->asname = expect_name(p);
                al->span = from_tok(p, ns);
                vpush(p, &v, al);
            } while (accept_op(p, OP_COMMA));
            TrAstStmt *s = mks(p, S_IMPORT, from_tok(p, st));
            s->import.naliases = v.len;
            s->import.aliases = alloc(p, v.len * sizeof(TrAlias));
            for (size_t i = 0; i < v.len; i++)
                s->import.aliases[i] = *(TrAlias *)v.items[i];
            return s;
        }
        if (accept_kw(p, "from")) {
            int level = 0;
            while (at_op(p, OP_DOT) || at_op(p, OP_ELLIPSIS))
                level += at_op(p, OP_DOT) ? (advance(p), 1) : (advance(p), 3);
            const char *module = NULL;
            if (!at_kw(p, "import")) {
                Buf b = {0};
                const char *n = expect_name(p);
                bput(p, &b, n, strlen(n));
                while (accept_op(p, OP_DOT)) {
                    n = expect_name(p);
                    bput(p, &b, ".", 1);
                    bput(p, &b, n, strlen(n));
                }
                module = b.buf;
            }
            if (!accept_kw(p, "import"))
                invalid(p);
            Vec v = {0};
            if (at_op(p, OP_STAR)) {
                TrToken *t = advance(p);
                TrAlias *al = alloc(p, sizeof *al);
                al->name = "*";
                al->span = tspan(t);
                vpush(p, &v, al);
            } else {
                bool paren = accept_op(p, OP_LPAR);
                do {
                    if (paren && at_op(p, OP_RPAR))
                        break;
                    TrToken *ns = cur(p);
                    TrAlias *al = alloc(p, sizeof *al);
                    al->name = expect_name(p);
                    if (accept_kw(p, "as"))
                        al->asname = expect_name(p);
                    al->span = from_tok(p, ns);
                    vpush(p, &v, al);
                } while (accept_op(p, OP_COMMA));
                if (paren)
                    expect_op(p, OP_RPAR);
                else if (prev(p)->kind == T_OP && prev(p)->op == OP_COMMA)
                    fail_at(p, "SyntaxError", prev(p)->lineno, prev(p)->col, prev(p)->lineno, prev(p)->end_col,
                            "trailing comma not allowed without surrounding parentheses");
            }
            TrAstStmt *s = mks(p, S_IMPORTFROM, from_tok(p, st));
            s->import.module = module;
            s->import.level = level;
            s->import.naliases = v.len;
            s->import.aliases = alloc(p, v.len * sizeof(TrAlias));
            for (size_t i = 0; i < v.len; i++)
                s->import.aliases[i] = *(TrAlias *)v.items[i];
            return s;
        }
        if (tok_is(st, "print") && (peek_at(p, 1)->kind == T_STRING || peek_at(p, 1)->kind == T_NUMBER ||
                                    (peek_at(p, 1)->kind == T_NAME && !is_keyword(peek_at(p, 1))))) {
            /* legacy print statement: report it over the whole statement */
            size_t save = p->pos;
            advance(p);
            TrAstExpr *rest = star_expressions(p);
            p->pos = save;
            fail_at(p, "SyntaxError", st->lineno, st->col, rest->span.end_lineno, rest->span.end_col,
                    "Missing parentheses in call to 'print'. Did you mean print(...)?");
        }
        if (tok_is(st, "exec") && peek_at(p, 1)->kind == T_STRING) {
            size_t save = p->pos;
            advance(p);
            TrAstExpr *rest = star_expressions(p);
            p->pos = save;
            fail_at(p, "SyntaxError", st->lineno, st->col, rest->span.end_lineno, rest->span.end_col,
                    "Missing parentheses in call to 'exec'. Did you mean exec(...)?");
        }
    }
    /* expression, assignment, augmented or annotated assignment */
    bool paren = st->kind == T_OP && st->op == OP_LPAR;
    TrAstExpr *e = at_kw(p, "yield") ? yield_expr(p) : star_expressions(p);
    TrToken *t = cur(p);
    if (t->kind == T_OP && t->op == OP_COLON) {
        advance(p);
        if (e->kind == E_TUPLE)
            FAIL_SPAN(p, e->span, "only single target (not tuple) can be annotated");
        if (e->kind == E_LIST)
            FAIL_SPAN(p, e->span, "only single target (not list) can be annotated");
        if (e->kind != E_NAME && e->kind != E_ATTR && e->kind != E_SUBSCRIPT)
            FAIL_SPAN(p, e->span, "illegal target for annotation");
        TrAstStmt *s = mks(p, S_ANNASSIGN, tspan(st));
        e->ctx = CTX_STORE;
        s->annassign.target = e;
        s->annassign.annotation = expression(p);
        s->annassign.simple = e->kind == E_NAME && !paren;
        if (accept_op(p, OP_EQUAL))
            s->annassign.value = at_kw(p, "yield") ? yield_expr(p) : star_expressions(p);
        s->span = from_tok(p, st);
        return s;
    }
    if (t->kind == T_OP && t->op >= OP_PLUSEQUAL && t->op <= OP_ATEQUAL) {
        static const int ops[] = {
            [OP_PLUSEQUAL] = TR_BINOP_ADD, [OP_MINEQUAL] = TR_BINOP_SUB, [OP_STAREQUAL] = TR_BINOP_MUL,
            [OP_SLASHEQUAL] = TR_BINOP_TRUEDIV, [OP_PERCENTEQUAL] = TR_BINOP_MOD,
            [OP_AMPEREQUAL] = TR_BINOP_AND, [OP_VBAREQUAL] = TR_BINOP_OR, [OP_CIRCUMFLEXEQUAL] = TR_BINOP_XOR,
            [OP_LSHIFTEQUAL] = TR_BINOP_LSHIFT, [OP_RSHIFTEQUAL] = TR_BINOP_RSHIFT,
            [OP_DOUBLESTAREQUAL] = TR_BINOP_POW, [OP_DOUBLESLASHEQUAL] = TR_BINOP_FLOORDIV,
            [OP_ATEQUAL] = TR_BINOP_MATMUL,
        };
        if (e->kind != E_NAME && e->kind != E_ATTR && e->kind != E_SUBSCRIPT)
            FAIL_SPAN(p, e->span, "'%s' is an illegal expression for augmented assignment", expr_name(e));
        advance(p);
        TrAstStmt *s = mks(p, S_AUGASSIGN, tspan(st));
        e->ctx = CTX_STORE;
        s->augassign.target = e;
        s->augassign.op = ops[t->op];
        s->augassign.value = at_kw(p, "yield") ? yield_expr(p) : star_expressions(p);
        s->span = from_tok(p, st);
        return s;
    }
    if (t->kind == T_OP && t->op == OP_EQUAL) {
        Vec targets = {0};
        int n = 0;
        while (accept_op(p, OP_EQUAL)) {
            set_ctx(p, e, CTX_STORE, n++ == 0 ? 0 : 2);
            if (e->kind == E_STARRED)
                FAIL_SPAN(p, e->span, "starred assignment target must be in a list or tuple");
            vpush(p, &targets, e);
            e = at_kw(p, "yield") ? yield_expr(p) : star_expressions(p);
        }
        TrAstStmt *s = mks(p, S_ASSIGN, from_tok(p, st));
        s->assign.targets = elist(&targets);
        s->assign.value = e;
        return s;
    }
    if (e->kind == E_STARRED && !paren)
        FAIL_SPAN(p, e->span, "can't use starred expression here");
    TrAstStmt *s = mks(p, S_EXPR, from_tok(p, st));
    s->expr.value = e;
    return s;
}

/* A non-keyword token right after an expression statement: CPython's
 * "Perhaps you forgot a comma?" needs brackets, so here it is plain invalid syntax. */
static void simple_stmts(P *p, Vec *out)
{
    for (;;) {
        vpush(p, out, simple_stmt(p));
        if (!accept_op(p, OP_SEMI))
            break;
        if (cur(p)->kind == T_NEWLINE)
            break;
    }
    if (cur(p)->kind != T_NEWLINE) {
        TrToken *t = cur(p);
        TrAstStmt *last = out->items[out->len - 1];
        if (t->kind == T_OP && t->op == OP_WALRUS && last->kind == S_EXPR)
            invalid(p);
        if (t->kind == T_OP && t->op == OP_EQUAL && last->kind == S_EXPR) {
            /* `f() = 1` style errors were reported above; here e.g. `x = yield = 1` */
            invalid(p);
        }
        invalid(p);
    }
    advance(p);
}

static TrStmtList block(P *p, const char *what, int line)
{
    Vec v = {0};
    if (cur(p)->kind == T_NEWLINE) {
        TrToken *nl = advance(p);
        if (cur(p)->kind != T_INDENT) {
            TrToken *t = cur(p);
            if (t->kind == T_ENDMARKER || (t->kind == T_DEDENT && t->start >= p->end))
                fail_at(p, "IndentationError", nl->lineno, -1, nl->lineno, -1,
                        "expected an indented block after %s on line %d", what, line);
            int end = t->kind == T_NEWLINE ? t->col + 1 : t->end_col;
            if (t->kind == T_DEDENT || t->kind == T_ENDMARKER) {
                end = -1;
            }
            fail_at(p, "IndentationError", t->lineno, t->col, t->end_lineno, end,
                    "expected an indented block after %s on line %d", what, line);
        }
        advance(p);
        while (cur(p)->kind != T_DEDENT && cur(p)->kind != T_ENDMARKER)
            statement_into(p, &v);
        if (cur(p)->kind == T_DEDENT)
            advance(p);
        return slist(&v);
    }
    simple_stmts(p, &v);
    return slist(&v);
}

static void end_at(TrAstStmt *s, TrStmtList l)
{
    if (l.len) {
        s->span.end_lineno = l.items[l.len - 1]->span.end_lineno;
        s->span.end_col = l.items[l.len - 1]->span.end_col;
    }
}

static TrAstStmt *if_stmt(P *p, bool elif)
{
    TrToken *st = advance(p);
    TrAstStmt *s = mks(p, S_IF, tspan(st));
    s->if_.test = named_expression(p);
    expect_colon(p);
    s->if_.body = block(p, elif ? "'elif' statement" : "'if' statement", st->lineno);
    end_at(s, s->if_.body);
    if (at_kw(p, "elif")) {
        TrAstStmt *e = if_stmt(p, true);
        TrAstStmt **one = alloc(p, sizeof *one);
        one[0] = e;
        s->if_.orelse = (TrStmtList){one, 1};
        end_at(s, s->if_.orelse);
    } else if (at_kw(p, "else")) {
        TrToken *el = advance(p);
        expect_colon(p);
        s->if_.orelse = block(p, "'else' statement", el->lineno);
        end_at(s, s->if_.orelse);
    }
    return s;
}

static TrAstExpr *decorators_and(P *p, Vec *decos)
{
    while (at_op(p, OP_AT)) {
        advance(p);
        vpush(p, decos, named_expression(p));
        if (cur(p)->kind != T_NEWLINE)
            invalid(p);
        advance(p);
    }
    return NULL;
}

static TrAstStmt *funcdef(P *p, Vec *decos, TrToken *first)
{
    TrToken *st = advance(p);               /* def */
    TrAstStmt *s = mks(p, S_FUNCDEF, tspan(decos->len ? st : st));
    s->funcdef.name = expect_name(p);
    expect_op(p, OP_LPAR);
    s->funcdef.args = parameters(p, false, OP_RPAR);
    expect_op(p, OP_RPAR);
    if (accept_op(p, OP_ARROW))
        s->funcdef.returns = expression(p);
    expect_colon(p);
    s->funcdef.body = block(p, "function definition", st->lineno);
    s->funcdef.decorators = elist(decos);
    end_at(s, s->funcdef.body);
    (void)first;
    return s;
}

static TrAstStmt *classdef(P *p, Vec *decos)
{
    TrToken *st = advance(p);
    TrAstStmt *s = mks(p, S_CLASSDEF, tspan(st));
    s->classdef.name = expect_name(p);
    if (at_op(p, OP_LPAR)) {
        TrToken *open = advance(p);
        TrAstExpr *c = mk(p, E_CALL, tspan(open));
        call_args(p, c, open);
        s->classdef.bases = c->call.args;
        s->classdef.keywords = c->call.keywords;
        s->classdef.nkeywords = c->call.nkeywords;
    }
    expect_colon(p);
    s->classdef.body = block(p, "class definition", st->lineno);
    s->classdef.decorators = elist(decos);
    end_at(s, s->classdef.body);
    return s;
}

static TrAstExpr *target_list(P *p)
{
    /* star_targets of `for` statements and comprehensions: an expression
     * list that stops before `in` */
    TrToken *st = cur(p);
    Vec v = {0};
    bool comma = false;
    for (;;) {
        TrAstExpr *t;
        if (at_op(p, OP_STAR)) {
            TrToken *s = advance(p);
            TrAstExpr *x = bitwise_or(p);
            t = mk(p, E_STARRED, from_tok(p, s));
            t->starred.value = x;
        } else {
            t = bitwise_or(p);
        }
        vpush(p, &v, t);
        if (!accept_op(p, OP_COMMA))
            break;
        comma = true;
        if (at_kw(p, "in"))
            break;
    }
    if (!comma)
        return v.items[0];
    TrAstExpr *t = mk(p, E_TUPLE, from_tok(p, st));
    /* a trailing comma is not part of the tuple's span */
    if (prev(p)->kind == T_OP && prev(p)->op == OP_COMMA && v.len)
        t->span = join(tspan(st), ((TrAstExpr *)v.items[v.len - 1])->span);
    t->elts = elist(&v);
    return t;
}

/* ---- match statements (PEP 634) ------------------------------------------ */

/* `match` and `case` are soft keywords: a statement is a match statement
 * when it starts with the name `match` followed by an atom-like token that
 * could not continue an expression statement (a name, number or string), or
 * when its logical line ends with ':' (as `match (x):` or `match [a, b]:`). */

static TrPattern *pattern(P *p);

static TrPattern *mkp(P *p, TrPatternKind k, TrSpan s)
{
    TrPattern *pt = alloc(p, sizeof *pt);
    pt->kind = k;
    pt->span = s;
    return pt;
}

static TrPatternList plist(Vec *v) { return (TrPatternList){(TrPattern **)v->items, v->len}; }

/* A name usable as a capture target: not a keyword, not `_`, and not
 * followed by '.', '(' or '='. */
static bool at_capture(P *p)
{
    TrToken *t = cur(p);
    if (t->kind != T_NAME || is_keyword(t) || tok_is(t, "_"))
        return false;
    TrToken *n = peek_at(p, 1);
    return !(n->kind == T_OP && (n->op == OP_DOT || n->op == OP_LPAR || n->op == OP_EQUAL));
}

/* A literal of a literal pattern or mapping key (signed number, strings,
 * None, True, False), or NULL when none starts here. */
static TrAstExpr *literal_expr(P *p)
{
    TrToken *t = cur(p);
    if (t->kind == T_STRING)
        return parse_strings(p);
    if (tok_is(t, "None") || tok_is(t, "True") || tok_is(t, "False"))
        return atom(p);
    bool neg = t->kind == T_OP && t->op == OP_MINUS && peek_at(p, 1)->kind == T_NUMBER;
    if (t->kind != T_NUMBER && !neg)
        return NULL;
    TrAstExpr *e;
    if (neg) {
        advance(p);
        TrAstExpr *v = atom(p);
        e = mk(p, E_UNARY, from_tok(p, t));
        e->unary.unop = U_NEG;
        e->unary.operand = v;
    } else {
        e = atom(p);
    }
    if (at_op(p, OP_PLUS) || at_op(p, OP_MINUS)) {
        advance(p);
        TrToken *im = cur(p);
        if (im->kind != T_NUMBER)
            invalid(p);
        if ((im->start[im->len - 1] | 0x20) == 'j')
            fail_tok(p, im, "complex literals are not supported");
        fail_tok(p, im, "imaginary number required in complex literal");
    }
    return e;
}

/* name_or_attr: NAME ('.' NAME)* */
static TrAstExpr *name_or_attr(P *p)
{
    TrToken *st = cur(p);
    TrAstExpr *e = mk(p, E_NAME, tspan(st));
    e->name = expect_name(p);
    while (accept_op(p, OP_DOT)) {
        TrToken *nt = cur(p);
        const char *attr = expect_name(p);
        TrAstExpr *a = mk(p, E_ATTR, join(e->span, tspan(nt)));
        a->attr.value = e;
        a->attr.attr = attr;
        e = a;
    }
    return e;
}

static TrPattern *star_or_pattern(P *p)
{
    if (!at_op(p, OP_STAR))
        return pattern(p);
    TrToken *st = advance(p);
    TrToken *t = cur(p);
    TrPattern *pt = mkp(p, P_STAR, tspan(st));
    if (tok_is(t, "_")) {
        advance(p);
    } else if (at_capture(p)) {
        pt->name = name_str(p, advance(p));
    } else {
        invalid(p);
    }
    pt->span = from_tok(p, st);
    return pt;
}

/* The items of a sequence pattern up to `close` (already past the opener). */
static TrPatternList sequence_items(P *p, TrOp close)
{
    Vec v = {0};
    while (!at_op(p, close)) {
        vpush(p, &v, star_or_pattern(p));
        if (!accept_op(p, OP_COMMA))
            break;
    }
    expect_op(p, close);
    return plist(&v);
}

static TrPattern *class_pattern(P *p, TrAstExpr *cls)
{
    TrToken *st = cur(p);
    advance(p);                             /* ( */
    Vec pos = {0}, kwn = {0}, kwp = {0};
    TrPattern *bad_first = NULL, *bad_last = NULL;
    bool bad_done = false;
    while (!at_op(p, OP_RPAR)) {
        TrToken *t = cur(p);
        if (t->kind == T_NAME && !is_keyword(t) && peek_at(p, 1)->kind == T_OP && peek_at(p, 1)->op == OP_EQUAL) {
            advance(p);
            advance(p);
            vpush(p, &kwn, (void *)name_str(p, t));
            vpush(p, &kwp, pattern(p));
            if (bad_first)
                bad_done = true;
        } else {
            TrPattern *pt = pattern(p);
            if (kwn.len) {
                if (!bad_first)
                    bad_first = pt;
                if (!bad_done)
                    bad_last = pt;
            }
            vpush(p, &pos, pt);
        }
        if (!accept_op(p, OP_COMMA))
            break;
    }
    expect_op(p, OP_RPAR);
    if (bad_first)
        FAIL_SPAN(p, join(bad_first->span, bad_last->span), "positional patterns follow keyword patterns");
    TrPattern *pt = mkp(p, P_CLASS, join(cls->span, tspan(prev(p))));
    (void)st;
    pt->cls = cls;
    pt->items = plist(&pos);
    pt->nkwd = kwn.len;
    pt->kwd_names = (const char **)kwn.items;
    pt->kwd_items = (TrPattern **)kwp.items;
    return pt;
}

static TrPattern *mapping_pattern(P *p)
{
    TrToken *st = advance(p);               /* { */
    Vec keys = {0}, vals = {0};
    const char *rest = NULL;
    while (!at_op(p, OP_RBRACE)) {
        if (accept_op(p, OP_DOUBLESTAR)) {
            if (!at_capture(p))
                invalid(p);
            rest = name_str(p, advance(p));
            accept_op(p, OP_COMMA);
            break;
        }
        TrAstExpr *k = literal_expr(p);
        if (!k) {
            TrToken *t = cur(p);
            if (t->kind != T_NAME || is_keyword(t))
                invalid(p);
            if (!(peek_at(p, 1)->kind == T_OP && peek_at(p, 1)->op == OP_DOT)) {
                advance(p);
                invalid(p);
            }
            k = name_or_attr(p);
        }
        expect_op(p, OP_COLON);
        vpush(p, &keys, k);
        vpush(p, &vals, pattern(p));
        if (!accept_op(p, OP_COMMA))
            break;
    }
    expect_op(p, OP_RBRACE);
    TrPattern *pt = mkp(p, P_MAPPING, from_tok(p, st));
    pt->keys = elist(&keys);
    pt->items = plist(&vals);
    pt->name = rest;
    return pt;
}

static TrPattern *closed_pattern(P *p)
{
    TrToken *t = cur(p);
    TrAstExpr *lit = literal_expr(p);
    if (lit) {
        bool single = lit->kind == E_NONE || lit->kind == E_TRUE || lit->kind == E_FALSE;
        TrPattern *pt = mkp(p, single ? P_SINGLETON : P_VALUE, lit->span);
        pt->value = lit;
        return pt;
    }
    if (t->kind == T_NAME && !is_keyword(t)) {
        TrToken *n = peek_at(p, 1);
        bool more = n->kind == T_OP && (n->op == OP_DOT || n->op == OP_LPAR);
        if (tok_is(t, "_") || !more) {
            advance(p);
            TrPattern *pt = mkp(p, P_AS, tspan(t));
            if (!tok_is(t, "_"))
                pt->name = name_str(p, t);
            return pt;
        }
        TrAstExpr *e = name_or_attr(p);
        if (at_op(p, OP_LPAR))
            return class_pattern(p, e);
        TrPattern *pt = mkp(p, P_VALUE, e->span);
        pt->value = e;
        return pt;
    }
    if (at_op(p, OP_LPAR)) {
        advance(p);
        if (accept_op(p, OP_RPAR))
            return mkp(p, P_SEQUENCE, from_tok(p, t));
        TrPattern *first = star_or_pattern(p);
        if (first->kind != P_STAR && accept_op(p, OP_RPAR))
            return first;                   /* a group */
        Vec v = {0};
        vpush(p, &v, first);
        if (accept_op(p, OP_COMMA)) {
            while (!at_op(p, OP_RPAR)) {
                vpush(p, &v, star_or_pattern(p));
                if (!accept_op(p, OP_COMMA))
                    break;
            }
        }
        expect_op(p, OP_RPAR);
        TrPattern *pt = mkp(p, P_SEQUENCE, from_tok(p, t));
        pt->items = plist(&v);
        return pt;
    }
    if (at_op(p, OP_LSQB)) {
        advance(p);
        TrPatternList items = sequence_items(p, OP_RSQB);
        TrPattern *pt = mkp(p, P_SEQUENCE, from_tok(p, t));
        pt->items = items;
        return pt;
    }
    if (at_op(p, OP_LBRACE))
        return mapping_pattern(p);
    invalid(p);
}

static TrPattern *or_pattern(P *p)
{
    TrToken *st = cur(p);
    TrPattern *first = closed_pattern(p);
    if (!at_op(p, OP_VBAR))
        return first;
    Vec v = {0};
    vpush(p, &v, first);
    while (accept_op(p, OP_VBAR))
        vpush(p, &v, closed_pattern(p));
    TrPattern *pt = mkp(p, P_OR, from_tok(p, st));
    pt->items = plist(&v);
    return pt;
}

/* pattern: or_pattern ['as' NAME] */
static TrPattern *pattern(P *p)
{
    TrToken *st = cur(p);
    TrPattern *o = or_pattern(p);
    if (!at_kw(p, "as"))
        return o;
    advance(p);
    TrToken *t = cur(p);
    if (tok_is(t, "_"))
        fail_tok(p, t, "cannot use '_' as a target");
    if (!at_capture(p)) {
        if (t->kind != T_NAME && starts_expr(p)) {
            TrAstExpr *e = expression(p);
            FAIL_SPAN(p, e->span, "invalid pattern target");
        }
        invalid(p);
    }
    advance(p);
    TrPattern *pt = mkp(p, P_AS, from_tok(p, st));
    pt->pattern = o;
    pt->name = name_str(p, t);
    return pt;
}

/* patterns: an open sequence pattern (`case a, *b:`) or one pattern */
static TrPattern *case_patterns(P *p)
{
    TrToken *st = cur(p);
    TrPattern *first = star_or_pattern(p);
    if (!at_op(p, OP_COMMA)) {
        if (first->kind == P_STAR)
            invalid(p);
        return first;
    }
    Vec v = {0};
    vpush(p, &v, first);
    while (accept_op(p, OP_COMMA)) {
        if (at_op(p, OP_COLON) || at_kw(p, "if"))
            break;
        vpush(p, &v, star_or_pattern(p));
    }
    TrPattern *pt = mkp(p, P_SEQUENCE, from_tok(p, st));
    pt->items = plist(&v);
    return pt;
}

static bool at_match_stmt(P *p)
{
    TrToken *t = cur(p);
    if (!tok_is(t, "match") || p->pos + 1 >= p->ntoks)
        return false;
    TrToken *n = &p->toks[p->pos + 1];
    if (n->kind == T_NUMBER || n->kind == T_STRING || (n->kind == T_NAME && !is_keyword(n)))
        return true;
    if (n->kind == T_OP && (n->op == OP_COLON || n->op == OP_EQUAL || n->op == OP_DOT || n->op == OP_SEMI ||
                            (n->op >= OP_PLUSEQUAL && n->op <= OP_ATEQUAL)))
        return false;
    size_t i = p->pos + 1;
    while (i < p->ntoks && p->toks[i].kind != T_NEWLINE && p->toks[i].kind != T_ENDMARKER)
        i++;
    TrToken *last = &p->toks[i - 1];
    return i < p->ntoks && p->toks[i].kind == T_NEWLINE && last->kind == T_OP && last->op == OP_COLON;
}

static TrAstStmt *match_stmt(P *p)
{
    TrToken *st = advance(p);               /* match */
    TrAstStmt *s = mks(p, S_MATCH, tspan(st));
    s->match.subject = expr_list(p, true);
    expect_colon(p);
    if (cur(p)->kind != T_NEWLINE)
        invalid(p);
    TrToken *nl = advance(p);
    TrToken *t = cur(p);
    if (t->kind == T_ENDMARKER || (t->kind == T_DEDENT && t->start >= p->end))
        fail_at(p, "IndentationError", nl->lineno, -1, nl->lineno, -1,
                "expected an indented block after 'match' statement on line %d", st->lineno);
    if (t->kind != T_INDENT) {
        int end = t->kind == T_NAME ? t->end_col : -1;
        fail_at(p, "IndentationError", t->lineno, t->col, t->end_lineno, end,
                "expected an indented block after 'match' statement on line %d", st->lineno);
    }
    advance(p);
    Vec cases = {0};
    while (cur(p)->kind != T_DEDENT && cur(p)->kind != T_ENDMARKER) {
        if (!at_kw(p, "case"))
            invalid(p);
        TrToken *ct = advance(p);
        TrMatchCase *mc = alloc(p, sizeof *mc);
        mc->pattern = case_patterns(p);
        if (accept_kw(p, "if"))
            mc->guard = named_expression(p);
        expect_colon(p);
        mc->body = block(p, "'case' statement", ct->lineno);
        vpush(p, &cases, mc);
        end_at(s, mc->body);
    }
    if (cur(p)->kind == T_DEDENT)
        advance(p);
    s->match.ncases = cases.len;
    s->match.cases = alloc(p, cases.len * sizeof(TrMatchCase));
    for (size_t i = 0; i < cases.len; i++)
        s->match.cases[i] = *(TrMatchCase *)cases.items[i];
    return s;
}

static TrAstStmt *compound(P *p, Vec *out)
{
    TrToken *st = cur(p);
    if (at_op(p, OP_AT)) {
        Vec decos = {0};
        decorators_and(p, &decos);
        if (at_kw(p, "def")) return funcdef(p, &decos, st);
        if (at_kw(p, "class")) return classdef(p, &decos);
        invalid(p);
    }
    if (at_kw(p, "def")) { Vec d = {0}; return funcdef(p, &d, st); }
    if (at_kw(p, "class")) { Vec d = {0}; return classdef(p, &d); }
    if (at_kw(p, "if")) return if_stmt(p, false);
    if (at_match_stmt(p)) return match_stmt(p);
    if (at_kw(p, "while")) {
        advance(p);
        TrAstStmt *s = mks(p, S_WHILE, tspan(st));
        s->if_.test = named_expression(p);
        expect_colon(p);
        s->if_.body = block(p, "'while' statement", st->lineno);
        end_at(s, s->if_.body);
        if (at_kw(p, "else")) {
            TrToken *el = advance(p);
            expect_colon(p);
            s->if_.orelse = block(p, "'else' statement", el->lineno);
            end_at(s, s->if_.orelse);
        }
        return s;
    }
    if (at_kw(p, "for")) {
        advance(p);
        TrAstStmt *s = mks(p, S_FOR, tspan(st));
        s->for_.target = target_list(p);
        set_ctx(p, s->for_.target, CTX_STORE, 1);
        if (!accept_kw(p, "in"))
            invalid(p);
        s->for_.iter = star_expressions(p);
        expect_colon(p);
        s->for_.body = block(p, "'for' statement", st->lineno);
        end_at(s, s->for_.body);
        if (at_kw(p, "else")) {
            TrToken *el = advance(p);
            expect_colon(p);
            s->for_.orelse = block(p, "'else' statement", el->lineno);
            end_at(s, s->for_.orelse);
        }
        return s;
    }
    if (at_kw(p, "with")) {
        advance(p);
        TrAstStmt *s = mks(p, S_WITH, tspan(st));
        Vec items = {0};
        bool paren = false;
        /* `with (a as b, c as d):` -- a parenthesized item list */
        if (at_op(p, OP_LPAR)) {
            size_t save = p->pos;
            int depth = 0;
            size_t i = p->pos;
            for (; i < p->ntoks; i++) {
                TrToken *t = &p->toks[i];
                if (t->kind == T_OP && (t->op == OP_LPAR || t->op == OP_LSQB || t->op == OP_LBRACE)) depth++;
                if (t->kind == T_OP && (t->op == OP_RPAR || t->op == OP_RSQB || t->op == OP_RBRACE)) {
                    if (--depth == 0)
                        break;
                }
                if (t->kind == T_NEWLINE || t->kind == T_ENDMARKER)
                    break;
            }
            if (i + 1 < p->ntoks && p->toks[i + 1].kind == T_OP && p->toks[i + 1].op == OP_COLON) {
                bool has_as = false;
                int d2 = 0;
                for (size_t k = save + 1; k < i; k++) {
                    TrToken *t = &p->toks[k];
                    if (t->kind == T_OP && (t->op == OP_LPAR || t->op == OP_LSQB || t->op == OP_LBRACE)) d2++;
                    if (t->kind == T_OP && (t->op == OP_RPAR || t->op == OP_RSQB || t->op == OP_RBRACE)) d2--;
                    if (d2 == 0 && tok_is(t, "as"))
                        has_as = true;
                }
                if (has_as) {
                    paren = true;
                    advance(p);
                }
            }
        }
        do {
            if (paren && at_op(p, OP_RPAR))
                break;
            TrWithItem *it = alloc(p, sizeof *it);
            it->context_expr = expression(p);
            if (accept_kw(p, "as")) {
                it->optional_vars = at_op(p, OP_STAR) ? target_list(p) : bitwise_or(p);
                set_ctx(p, it->optional_vars, CTX_STORE, 1);
            }
            vpush(p, &items, it);
        } while (accept_op(p, OP_COMMA));
        if (paren)
            expect_op(p, OP_RPAR);
        expect_colon(p);
        s->with.nitems = items.len;
        s->with.items = alloc(p, items.len * sizeof(TrWithItem));
        for (size_t i = 0; i < items.len; i++)
            s->with.items[i] = *(TrWithItem *)items.items[i];
        s->with.body = block(p, "'with' statement", st->lineno);
        end_at(s, s->with.body);
        return s;
    }
    if (at_kw(p, "try")) {
        advance(p);
        TrAstStmt *s = mks(p, S_TRY, tspan(st));
        expect_colon(p);
        s->try_.body = block(p, "'try' statement", st->lineno);
        end_at(s, s->try_.body);
        Vec hs = {0};
        while (at_kw(p, "except")) {
            TrToken *ex = advance(p);
            if (at_op(p, OP_STAR))
                fail_tok(p, cur(p), "except* is not supported");
            TrExceptHandler *h = alloc(p, sizeof *h);
            if (!at_op(p, OP_COLON)) {
                TrToken *ts = cur(p);
                h->type = expression(p);
                if (at_op(p, OP_COMMA)) {
                    Vec v = {0};
                    vpush(p, &v, h->type);
                    while (accept_op(p, OP_COMMA)) {
                        if (at_op(p, OP_COLON) || at_kw(p, "as"))
                            break;
                        vpush(p, &v, expression(p));
                    }
                    TrSpan sp = from_tok(p, ts);
                    fail_at(p, "SyntaxError", sp.lineno, sp.col, sp.end_lineno, sp.end_col,
                            "multiple exception types must be parenthesized");
                }
                if (accept_kw(p, "as"))
                    h->name = expect_name(p);
            }
            expect_colon(p);
            h->body = block(p, "'except' statement", ex->lineno);
            h->span = tspan(ex);
            if (h->body.len) {
                h->span.end_lineno = h->body.items[h->body.len - 1]->span.end_lineno;
                h->span.end_col = h->body.items[h->body.len - 1]->span.end_col;
            }
            s->span.end_lineno = h->span.end_lineno;
            s->span.end_col = h->span.end_col;
            vpush(p, &hs, h);
        }
        if (at_kw(p, "else")) {
            if (!hs.len)
                invalid(p);
            TrToken *el = advance(p);
            expect_colon(p);
            s->try_.orelse = block(p, "'else' statement", el->lineno);
            end_at(s, s->try_.orelse);
        }
        if (at_kw(p, "finally")) {
            TrToken *fi = advance(p);
            expect_colon(p);
            s->try_.finalbody = block(p, "'finally' statement", fi->lineno);
            end_at(s, s->try_.finalbody);
        }
        if (!hs.len && !s->try_.finalbody.len) {
            TrToken *t = cur(p);
            fail_at(p, "SyntaxError", t->lineno, t->col, t->end_lineno, t->kind == T_NAME ? t->end_col : -1,
                    "expected 'except' or 'finally' block");
        }
        s->try_.nhandlers = hs.len;
        s->try_.handlers = alloc(p, (hs.len ? hs.len : 1) * sizeof(TrExceptHandler));
        for (size_t i = 0; i < hs.len; i++)
            s->try_.handlers[i] = *(TrExceptHandler *)hs.items[i];
        return s;
    }
    (void)out;
    return NULL;
}

static TrAstStmt *statement_into(P *p, Vec *out)
{
    TrToken *t = cur(p);
    if (t->kind == T_INDENT)
        fail_at(p, "IndentationError", t->lineno, 0, t->lineno, -1, "unexpected indent");
    if (t->kind == T_NAME && (tok_is(t, "else") || tok_is(t, "elif") || tok_is(t, "except") ||
                              tok_is(t, "finally")))
        invalid(p);
    TrAstStmt *s = compound(p, out);
    if (s) {
        if (at_kw(p, "else") || at_kw(p, "elif") || at_kw(p, "except") || at_kw(p, "finally"))
            invalid(p);
        vpush(p, out, s);
        return s;
    }
    simple_stmts(p, out);
    return NULL;
}

/* ---- entry --------------------------------------------------------------- */

TrAstModule *parse_module(TrArena *arena, const char *src, size_t len, const char *filename, TrSyntaxError *err)
{
    return parse_source(arena, src, len, filename, TR_PARSE_EXEC, err);
}

TrAstModule *parse_source(TrArena *arena, const char *src, size_t len, const char *filename, int mode,
                          TrSyntaxError *err)
{
    P p;
    memset(&p, 0, sizeof p);
    p.filename = filename;
    memset(err, 0, sizeof *err);
    p.a = arena;
    p.src = src;
    p.end = src + len;
    p.err = err;
    TrTokenizer tz;
    tokenizer_init(&tz, src, len);
    size_t cap = 256;
    p.toks = malloc(cap * sizeof(TrToken));
    if (!p.toks)
        return NULL;
    for (;;) {
        if (p.ntoks == cap) {
            TrToken *n = realloc(p.toks, cap * 2 * sizeof(TrToken));
            if (!n) {
                free(p.toks);
                return NULL;
            }
            p.toks = n;
            cap *= 2;
        }
        TrToken *t = &p.toks[p.ntoks];
        if (tokenizer_next(&tz, t, err) < 0) {
            if (!tz.eof_in_paren) {
                free(p.toks);
                return NULL;
            }
            p.eof_paren = true;
            p.paren_err = *err;
            memset(err, 0, sizeof *err);
            memset(t, 0, sizeof *t);
            t->kind = T_ENDMARKER;
            t->start = p.end;
            p.ntoks++;
            break;
        }
        p.ntoks++;
        if (t->kind == T_ENDMARKER)
            break;
    }
    if (setjmp(p.jb)) {
        free(p.toks);
        if (p.paren_err.text && err->text != p.paren_err.text)
            free(p.paren_err.text);
        return NULL;
    }
    Vec body = {0};
    if (mode == TR_PARSE_EVAL) {
        /* one expression list, then only newlines: a module holding it as
         * its single expression statement */
        TrToken *first = cur(&p);
        TrAstExpr *e = star_expressions(&p);
        TrAstStmt *s = mks(&p, S_EXPR, from_tok(&p, first));
        s->expr.value = e;
        vpush(&p, &body, s);
        while (cur(&p)->kind == T_NEWLINE)
            advance(&p);
        if (cur(&p)->kind != T_ENDMARKER)
            invalid(&p);
    }
    while (cur(&p)->kind != T_ENDMARKER) {
        if (cur(&p)->kind == T_NEWLINE) {
            advance(&p);
            continue;
        }
        statement_into(&p, &body);
    }
    TrAstModule *m = alloc(&p, sizeof *m);
    m->body = slist(&body);
    free(p.toks);
    free(p.paren_err.text);
    return m;
}
