/* core/parser_expr.c: the expression half of the recursive-descent parser:
 * atoms and displays, comprehensions, calls, subscripts and slices, the
 * operator precedence ladder, lambdas and parameter lists, assignment
 * targets, and string literals with their escapes and f-strings (an f-string's
 * replacement fields are tokenized and parsed again as expressions).
 * Statements and patterns are in core/parser.c; the shared state and token
 * helpers in core/parser_int.h.
 * Threads: a parse runs on one thread; no objects are touched. */
#include "core/parser_int.h"

/* ---- expressions ---------------------------------------------------------- */

static TrAstExpr *disjunction(P *p);
static TrAstExpr *primary(P *p);

const char *parse_expr_name(TrAstExpr *e)
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

static TrComprehension *comp_for(P *p, size_t *n)
{
    Vec v = {0};
    while (at_kw(p, "for") || at_kw(p, "async")) {
        TrComprehension *c = alloc(p, sizeof *c);
        if (accept_kw(p, "async"))
            c->is_async = true;
        if (!accept_kw(p, "for"))
            invalid(p);
        c->target = parse_target_list(p);
        parse_set_ctx(p, c->target, CTX_STORE, 1);
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
        TrAstExpr *v = parse_bitwise_or(p);
        TrAstExpr *e = mk(p, E_STARRED, from_tok(p, s));
        e->starred.value = v;
        return e;
    }
    return parse_named_expression(p);
}

/* Consumes the bracket `close` that ends a tuple or list display whose items
 * are in `v`.  A name, number or string where it should be means a missing
 * comma after the last item, reported as CPython does (from that item to the
 * offending token); anything else is plain invalid syntax. */
static void expect_display_end(P *p, Vec *v, int close)
{
    if (!at_op(p, close)) {
        TrToken *t = cur(p);
        if (v->len && (t->kind == T_NAME || t->kind == T_NUMBER || t->kind == T_STRING)) {
            TrAstExpr *last = v->items[v->len - 1];
            fail_at(p, "SyntaxError", last->span.lineno, last->span.col, t->end_lineno, t->end_col,
                    "invalid syntax. Perhaps you forgot a comma?");
        }
        invalid(p);
    }
    advance(p);
}

static TrAstExpr *paren_atom(P *p)
{
    TrToken *open = advance(p);
    if (accept_op(p, OP_RPAR)) {
        TrAstExpr *e = mk(p, E_TUPLE, from_tok(p, open));
        return e;
    }
    if (at_kw(p, "yield")) {
        TrAstExpr *y = parse_yield_expr(p);
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
    expect_display_end(p, &v, OP_RPAR);
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
    expect_display_end(p, &v, OP_RSQB);
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
        vpush(p, &vals, parse_bitwise_or(p));
        is_dict = true;
    } else {
        TrAstExpr *k = star_named_expression(p);
        if (accept_op(p, OP_COLON)) {
            is_dict = true;
            TrAstExpr *v = parse_expression(p);
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
                vpush(p, &vals, parse_bitwise_or(p));
                continue;
            }
            vpush(p, &keys, parse_expression(p));
            if (!at_op(p, OP_COLON)) {
                TrAstExpr *k = keys.items[keys.len - 1];
                if (at_op(p, OP_COMMA) || at_op(p, OP_RBRACE))
                    fail_at(p, "SyntaxError", k->span.lineno, k->span.col, k->span.end_lineno,
                            k->span.end_col, "':' expected after dictionary key");
                invalid(p);
            }
            advance(p);
            vpush(p, &vals, parse_expression(p));
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

TrAstExpr *parse_atom(P *p)
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
        bool imag = last == 'j' && !hex;
        if (is_float || imag) {
            char buf[512];
            size_t n = 0;
            for (size_t i = 0; i < t->len - (imag ? 1 : 0) && n < sizeof buf - 1; i++)
                if (t->start[i] != '_')
                    buf[n++] = t->start[i];
            buf[n] = 0;
            TrAstExpr *e = mk(p, E_FLOAT, tspan(t));
            e->imag = imag;
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

void parse_call_args(P *p, TrAstExpr *call, TrToken *open)
{
    Vec args = {0}, kws = {0};
    bool seen_kw = false, seen_kwunpack = false;
    while (!at_op(p, OP_RPAR)) {
        TrToken *st = cur(p);
        if (at_op(p, OP_STAR)) {
            advance(p);
            TrAstExpr *v = parse_expression(p);
            TrAstExpr *e = mk(p, E_STARRED, from_tok(p, st));
            e->starred.value = v;
            if (seen_kwunpack)
                FAIL_SPAN(p, e->span, "iterable argument unpacking follows keyword argument unpacking");
            vpush(p, &args, e);
        } else if (at_op(p, OP_DOUBLESTAR)) {
            advance(p);
            TrKeyword *k = alloc(p, sizeof *k);
            k->value = parse_expression(p);
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
            k->value = parse_expression(p);
            k->span = from_tok(p, st);
            vpush(p, &kws, k);
            seen_kw = true;
        } else {
            TrAstExpr *e = parse_named_expression(p);
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
                    TrAstExpr *nx = parse_expression(p);
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
            TrAstExpr *v = parse_bitwise_or(p);
            TrAstExpr *e = mk(p, E_STARRED, from_tok(p, s));
            e->starred.value = v;
            return e;
        }
        lower = parse_named_expression(p);
        if (!at_op(p, OP_COLON))
            return lower;
    }
    advance(p);
    TrAstExpr *e = mk(p, E_SLICE, tspan(st));
    e->slice.lower = lower;
    if (!at_op(p, OP_COLON) && !at_op(p, OP_COMMA) && !at_op(p, OP_RSQB))
        e->slice.upper = parse_expression(p);
    if (accept_op(p, OP_COLON)) {
        if (!at_op(p, OP_COMMA) && !at_op(p, OP_RSQB))
            e->slice.step = parse_expression(p);
    }
    e->span = from_tok(p, st);
    return e;
}

static TrAstExpr *primary(P *p)
{
    TrToken *st = cur(p);
    TrAstExpr *e = parse_atom(p);
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
            parse_call_args(p, c, open);
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
    enter_rule(p);
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
        enter_rule(p);      /* two levels a `**`, as CPython counts them */
        TrAstExpr *r = factor(p);
        leave_rule(p);
        TrAstExpr *b = mk(p, E_BINOP, from_tok(p, st));
        b->binop.op = TR_BINOP_POW;
        b->binop.left = e;
        b->binop.right = r;
        b->binop.op_span = tspan(op);
        e = b;
    }
    leave_rule(p);
    return e;
}

static TrAstExpr *factor(P *p)
{
    TrToken *t = cur(p);
    if (t->kind == T_OP && (t->op == OP_MINUS || t->op == OP_PLUS || t->op == OP_TILDE)) {
        advance(p);
        enter_rule(p);
        TrAstExpr *v = factor(p);
        leave_rule(p);
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

TrAstExpr *parse_bitwise_or(P *p) { return binary(p, 0); }

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
    TrAstExpr *e = parse_bitwise_or(p);
    int op = cmpop(p);
    if (op < 0)
        return e;
    Vec ops = {0}, comps = {0};
    while (op >= 0) {
        vpush(p, &ops, (void *)(intptr_t)op);
        vpush(p, &comps, parse_bitwise_or(p));
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
        enter_rule(p);
        TrAstExpr *v = inversion(p);
        leave_rule(p);
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
    enter_rule(p);
    e->lambda.args = parse_parameters(p, true, OP_COLON);
    expect_op(p, OP_COLON);
    e->lambda.body = parse_expression(p);
    leave_rule(p);
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
        TrAstExpr *orelse = parse_expression(p);
        TrAstExpr *i = mk(p, E_IFEXP, from_tok(p, st));
        i->ifexp.test = test;
        i->ifexp.body = e;
        i->ifexp.orelse = orelse;
        return i;
    }
    return e;
}

/* Every nesting of brackets, conditional expressions and lambdas passes here. */
TrAstExpr *parse_expression(P *p)
{
    enter_rule(p);
    TrAstExpr *e = expression(p);
    leave_rule(p);
    return e;
}

TrAstExpr *parse_named_expression(P *p)
{
    if (at_name(p) && peek_at(p, 1)->kind == T_OP && peek_at(p, 1)->op == OP_WALRUS) {
        TrToken *n = advance(p);
        advance(p);
        TrAstExpr *target = mk(p, E_NAME, tspan(n));
        target->name = name_str(p, n);
        target->ctx = CTX_STORE;
        TrAstExpr *v = parse_expression(p);
        TrAstExpr *e = mk(p, E_NAMEDEXPR, from_tok(p, n));
        e->namedexpr.target = target;
        e->namedexpr.value = v;
        return e;
    }
    TrAstExpr *e = parse_expression(p);
    if (at_op(p, OP_WALRUS))
        FAIL_SPAN(p, e->span, "cannot use assignment expressions with %s", parse_expr_name(e));
    return e;
}

static TrAstExpr *star_expression(P *p)
{
    if (at_op(p, OP_STAR)) {
        TrToken *s = advance(p);
        TrAstExpr *v = parse_bitwise_or(p);
        TrAstExpr *e = mk(p, E_STARRED, from_tok(p, s));
        e->starred.value = v;
        return e;
    }
    return parse_expression(p);
}

bool parse_starts_expr(P *p)
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
TrAstExpr *parse_expr_list(P *p, bool named)
{
    TrToken *st = cur(p);
    TrAstExpr *e = named ? star_named_expression(p) : star_expression(p);
    if (!at_op(p, OP_COMMA))
        return e;
    Vec v = {0};
    vpush(p, &v, e);
    while (accept_op(p, OP_COMMA)) {
        if (!parse_starts_expr(p) || at_kw(p, "yield"))
            break;
        vpush(p, &v, named ? star_named_expression(p) : star_expression(p));
    }
    TrAstExpr *t = mk(p, E_TUPLE, from_tok(p, st));
    t->elts = elist(&v);
    return t;
}

TrAstExpr *parse_star_expressions(P *p) { return parse_expr_list(p, false); }

TrAstExpr *parse_yield_expr(P *p)
{
    TrToken *t = advance(p);
    if (accept_kw(p, "from")) {
        TrAstExpr *v = parse_expression(p);
        TrAstExpr *e = mk(p, E_YIELDFROM, from_tok(p, t));
        e->starred.value = v;
        return e;
    }
    TrAstExpr *e = mk(p, E_YIELD, tspan(t));
    if (parse_starts_expr(p)) {
        e->starred.value = parse_star_expressions(p);
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
void parse_set_ctx(P *p, TrAstExpr *e, TrCtx ctx, int how)
{
    TrAstExpr *bad = invalid_target(e, ctx);
    if (bad) {
        const char *what = parse_expr_name(bad);
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

void parse_buf_put(P *p, Buf *b, const char *s, size_t n)
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
    parse_buf_put(p, b, u, n);
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
        parse_buf_put(p, b, s, (size_t)(q - s));
        s = q;
        if (s >= e)
            break;
        if (raw) {
            parse_buf_put(p, b, s, (s + 1 < e) ? 2 : 1);
            s += 2;
            continue;
        }
        s++;
        if (s >= e) { parse_buf_put(p, b, "\\", 1); break; }
        char c = *s++;
        switch (c) {
        case '\n': break;
        case '\r': if (s < e && *s == '\n') s++; break;
        case '\\': parse_buf_put(p, b, "\\", 1); break;
        case '\'': parse_buf_put(p, b, "'", 1); break;
        case '"': parse_buf_put(p, b, "\"", 1); break;
        case 'a': parse_buf_put(p, b, "\a", 1); break;
        case 'b': parse_buf_put(p, b, "\b", 1); break;
        case 'f': parse_buf_put(p, b, "\f", 1); break;
        case 'n': parse_buf_put(p, b, "\n", 1); break;
        case 'r': parse_buf_put(p, b, "\r", 1); break;
        case 't': parse_buf_put(p, b, "\t", 1); break;
        case 'v': parse_buf_put(p, b, "\v", 1); break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            unsigned v = (unsigned)(c - '0');
            const char *esc = s - 2;
            for (int i = 0; i < 2 && s < e && *s >= '0' && *s <= '7'; i++)
                v = v * 8 + (unsigned)(*s++ - '0');
            if (v > 0377)
                warn_escape(p, t, &warned, "octal ", esc, (size_t)(s - esc));
            if (bytes) { char ch = (char)(v & 0xFF); parse_buf_put(p, b, &ch, 1); }
            else put_cp(p, b, v);
            break;
        }
        case 'x': case 'u': case 'U': {
            int n = c == 'x' ? 2 : c == 'u' ? 4 : 8;
            if (bytes && c != 'x') {
                parse_buf_put(p, b, s - 2, 2);
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
            if (bytes) { char ch = (char)v; parse_buf_put(p, b, &ch, 1); }
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
            parse_buf_put(p, b, s - 2, 2);
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
            parse_buf_put(p, &j->lit, "}", 1);     /* the tokenizer saw it doubled */
            s += 2;
            continue;
        }
        if (!in_spec && s + 1 < e && s[1] == '{') {
            parse_buf_put(p, &j->lit, "{", 1);
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
            parse_buf_put(p, &j->lit, brace + 1, (size_t)(s - brace - 1));
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
    TrAstExpr *e = at_kw(p, "yield") ? parse_yield_expr(p) : parse_expr_list(p, true);
    if (cur(p)->kind != T_ENDMARKER)
        invalid(p);
    p->toks = save_t;
    p->ntoks = save_n;
    p->pos = save_pos;
    p->eof_paren = save_eof;
    return e;
}

/* One or more adjacent STRING tokens. */
TrAstExpr *parse_strings(P *p)
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

TrArguments *parse_parameters(P *p, bool lambda, TrOp close)
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
                    arg->annotation = at_op(p, OP_STAR) && !dbl ? star_expression(p) : parse_expression(p);
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
                arg->annotation = parse_expression(p);
            arg->span = from_tok(p, n);
            TrAstExpr *def = NULL;
            if (accept_op(p, OP_EQUAL))
                def = parse_expression(p);
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

/* ---- targets of `for` ----------------------------------------------------- */

TrAstExpr *parse_target_list(P *p)
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
            TrAstExpr *x = parse_bitwise_or(p);
            t = mk(p, E_STARRED, from_tok(p, s));
            t->starred.value = x;
        } else {
            t = parse_bitwise_or(p);
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
