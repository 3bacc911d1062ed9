/* core/parser.c: a recursive-descent parser from tokens to the AST of core/ast.h:
 * statements, blocks, match patterns and the entry points.  Expressions are
 * parsed in core/parser_expr.c; the parse state `P` and the token helpers
 * both halves use are in core/parser_int.h.
 *
 * The whole source is tokenized first.  A tokenizer error wins over any parser
 * error, as in CPython (which re-tokenizes the rest of the file after a parser
 * error), except reaching the end inside brackets: that one is reported only
 * when the parser reaches the end, or when the parser's own error lies on a
 * later line than the unclosed bracket.  Errors unwind with longjmp: every
 * node lives in the arena, so nothing needs freeing on the way out.
 * Threads: a parse runs on one thread; no objects are touched.
 */
#include "core/parser_int.h"

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
            if (parse_starts_expr(p))
                s->expr.value = parse_star_expressions(p);
            s->span = from_tok(p, st);
            return s;
        }
        if (accept_kw(p, "raise")) {
            TrAstStmt *s = mks(p, S_RAISE, tspan(st));
            if (parse_starts_expr(p)) {
                s->raise.exc = parse_expression(p);
                if (accept_kw(p, "from"))
                    s->raise.cause = parse_expression(p);
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
                if (!parse_starts_expr(p))
                    break;
                TrAstExpr *t = parse_bitwise_or(p);
                parse_set_ctx(p, t, CTX_DEL, 3);
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
            s->assert_.test = parse_expression(p);
            if (accept_op(p, OP_COMMA))
                s->assert_.msg = parse_expression(p);
            s->span = from_tok(p, st);
            return s;
        }
        if (accept_kw(p, "import")) {
            Vec v = {0};
            do {
                TrToken *ns = cur(p);
                Buf b = {0};
                const char *n = expect_name(p);
                parse_buf_put(p, &b, n, strlen(n));
                while (accept_op(p, OP_DOT)) {
                    n = expect_name(p);
                    parse_buf_put(p, &b, ".", 1);
                    parse_buf_put(p, &b, n, strlen(n));
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
                parse_buf_put(p, &b, n, strlen(n));
                while (accept_op(p, OP_DOT)) {
                    n = expect_name(p);
                    parse_buf_put(p, &b, ".", 1);
                    parse_buf_put(p, &b, n, strlen(n));
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
            TrAstExpr *rest = parse_star_expressions(p);
            p->pos = save;
            fail_at(p, "SyntaxError", st->lineno, st->col, rest->span.end_lineno, rest->span.end_col,
                    "Missing parentheses in call to 'print'. Did you mean print(...)?");
        }
        if (tok_is(st, "exec") && peek_at(p, 1)->kind == T_STRING) {
            size_t save = p->pos;
            advance(p);
            TrAstExpr *rest = parse_star_expressions(p);
            p->pos = save;
            fail_at(p, "SyntaxError", st->lineno, st->col, rest->span.end_lineno, rest->span.end_col,
                    "Missing parentheses in call to 'exec'. Did you mean exec(...)?");
        }
    }
    /* expression, assignment, augmented or annotated assignment */
    bool paren = st->kind == T_OP && st->op == OP_LPAR;
    TrAstExpr *e = at_kw(p, "yield") ? parse_yield_expr(p) : parse_star_expressions(p);
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
        s->annassign.annotation = parse_expression(p);
        s->annassign.simple = e->kind == E_NAME && !paren;
        if (accept_op(p, OP_EQUAL))
            s->annassign.value = at_kw(p, "yield") ? parse_yield_expr(p) : parse_star_expressions(p);
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
            FAIL_SPAN(p, e->span, "'%s' is an illegal expression for augmented assignment", parse_expr_name(e));
        advance(p);
        TrAstStmt *s = mks(p, S_AUGASSIGN, tspan(st));
        e->ctx = CTX_STORE;
        s->augassign.target = e;
        s->augassign.op = ops[t->op];
        s->augassign.value = at_kw(p, "yield") ? parse_yield_expr(p) : parse_star_expressions(p);
        s->span = from_tok(p, st);
        return s;
    }
    if (t->kind == T_OP && t->op == OP_EQUAL) {
        Vec targets = {0};
        int n = 0;
        while (accept_op(p, OP_EQUAL)) {
            parse_set_ctx(p, e, CTX_STORE, n++ == 0 ? 0 : 2);
            if (e->kind == E_STARRED)
                FAIL_SPAN(p, e->span, "starred assignment target must be in a list or tuple");
            vpush(p, &targets, e);
            e = at_kw(p, "yield") ? parse_yield_expr(p) : parse_star_expressions(p);
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

/* An optional `else:` clause of if, while, for or try: parses its block
 * into `*orelse` and extends the statement's span to its end. */
static void else_clause(P *p, TrAstStmt *s, TrStmtList *orelse)
{
    if (!at_kw(p, "else"))
        return;
    TrToken *el = advance(p);
    expect_colon(p);
    *orelse = block(p, "'else' statement", el->lineno);
    end_at(s, *orelse);
}

static TrAstStmt *if_stmt(P *p, bool elif)
{
    TrToken *st = advance(p);
    TrAstStmt *s = mks(p, S_IF, tspan(st));
    s->if_.test = parse_named_expression(p);
    expect_colon(p);
    s->if_.body = block(p, elif ? "'elif' statement" : "'if' statement", st->lineno);
    end_at(s, s->if_.body);
    if (at_kw(p, "elif")) {
        TrAstStmt *e = if_stmt(p, true);
        TrAstStmt **one = alloc(p, sizeof *one);
        one[0] = e;
        s->if_.orelse = (TrStmtList){one, 1};
        end_at(s, s->if_.orelse);
    } else {
        else_clause(p, s, &s->if_.orelse);
    }
    return s;
}

static TrAstExpr *decorators_and(P *p, Vec *decos)
{
    while (at_op(p, OP_AT)) {
        advance(p);
        vpush(p, decos, parse_named_expression(p));
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
    s->funcdef.args = parse_parameters(p, false, OP_RPAR);
    expect_op(p, OP_RPAR);
    if (accept_op(p, OP_ARROW))
        s->funcdef.returns = parse_expression(p);
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
        parse_call_args(p, c, open);
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
        return parse_atom(p);
    bool neg = t->kind == T_OP && t->op == OP_MINUS && peek_at(p, 1)->kind == T_NUMBER;
    if (t->kind != T_NUMBER && !neg)
        return NULL;
    TrAstExpr *e;
    if (neg) {
        advance(p);
        TrAstExpr *v = parse_atom(p);
        e = mk(p, E_UNARY, from_tok(p, t));
        e->unary.unop = U_NEG;
        e->unary.operand = v;
    } else {
        e = parse_atom(p);
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
        if (t->kind != T_NAME && parse_starts_expr(p)) {
            TrAstExpr *e = parse_expression(p);
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
    s->match.subject = parse_expr_list(p, true);
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
            mc->guard = parse_named_expression(p);
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
        if (at_kw(p, "async") && tok_is(peek_at(p, 1), "def")) {
            TrToken *at = advance(p);
            TrAstStmt *s = funcdef(p, &decos, st);
            s->is_async = true;
            s->span.lineno = at->lineno;
            s->span.col = at->col;
            return s;
        }
        if (at_kw(p, "class")) return classdef(p, &decos);
        invalid(p);
    }
    if (at_kw(p, "async")) {
        /* `async def`, `async for`, `async with`: the statement's span starts at `async` */
        TrToken *n = peek_at(p, 1);
        if (tok_is(n, "def") || tok_is(n, "for") || tok_is(n, "with")) {
            advance(p);
            TrAstStmt *s = compound(p, out);
            s->is_async = true;
            s->span.lineno = st->lineno;
            s->span.col = st->col;
            return s;
        }
        advance(p);
        invalid(p);     /* at the token after `async`, as CPython */
    }
    if (at_kw(p, "def")) { Vec d = {0}; return funcdef(p, &d, st); }
    if (at_kw(p, "class")) { Vec d = {0}; return classdef(p, &d); }
    if (at_kw(p, "if")) return if_stmt(p, false);
    if (at_match_stmt(p)) return match_stmt(p);
    if (at_kw(p, "while")) {
        advance(p);
        TrAstStmt *s = mks(p, S_WHILE, tspan(st));
        s->if_.test = parse_named_expression(p);
        expect_colon(p);
        s->if_.body = block(p, "'while' statement", st->lineno);
        end_at(s, s->if_.body);
        else_clause(p, s, &s->if_.orelse);
        return s;
    }
    if (at_kw(p, "for")) {
        advance(p);
        TrAstStmt *s = mks(p, S_FOR, tspan(st));
        s->for_.target = parse_target_list(p);
        parse_set_ctx(p, s->for_.target, CTX_STORE, 1);
        if (!accept_kw(p, "in"))
            invalid(p);
        s->for_.iter = parse_star_expressions(p);
        expect_colon(p);
        s->for_.body = block(p, "'for' statement", st->lineno);
        end_at(s, s->for_.body);
        else_clause(p, s, &s->for_.orelse);
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
            it->context_expr = parse_expression(p);
            if (accept_kw(p, "as")) {
                it->optional_vars = at_op(p, OP_STAR) ? parse_target_list(p) : parse_bitwise_or(p);
                parse_set_ctx(p, it->optional_vars, CTX_STORE, 1);
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
            TrToken *ex = advance(p), *star = NULL;
            if (at_op(p, OP_STAR))
                star = advance(p);
            /* every clause of one `try` is `except` or every one `except*` */
            if (!hs.len)
                s->try_.star = star != NULL;
            else if (s->try_.star != (star != NULL)) {
                TrToken *last = star ? star : ex;
                fail_at(p, "SyntaxError", ex->lineno, ex->col, last->end_lineno, last->end_col,
                        "cannot have both 'except' and 'except*' on the same 'try'");
            }
            if (star && at_op(p, OP_COLON))
                fail_tok(p, cur(p), "expected one or more exception types");
            TrExceptHandler *h = alloc(p, sizeof *h);
            if (!at_op(p, OP_COLON)) {
                TrToken *ts = cur(p);
                h->type = parse_expression(p);
                if (at_op(p, OP_COMMA)) {
                    Vec v = {0};
                    vpush(p, &v, h->type);
                    while (accept_op(p, OP_COMMA)) {
                        if (at_op(p, OP_COLON) || at_kw(p, "as"))
                            break;
                        vpush(p, &v, parse_expression(p));
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
        if (at_kw(p, "else") && !hs.len)
            invalid(p);
        else_clause(p, s, &s->try_.orelse);
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
        TrAstExpr *e = parse_star_expressions(&p);
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
