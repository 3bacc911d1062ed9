/* core/symtable.c: builds the symbol table (core/symtable.h) in two passes.
 *
 * Pass 1 (visit_*) records how each scope uses each name.  Comprehension
 * iteration variables live on the visitor's `comp` stack instead of in the
 * scope: a name found there is the comprehension's own and is not recorded.
 * Pass 2 (analyze) resolves names top-down: a function sees the set `bound`
 * of names bound by its enclosing function scopes (class and module scopes
 * contribute nothing), and after its children are resolved every name a
 * child takes as free becomes a cell here (if local) or a free variable
 * passed through (if not mentioned here).
 * Threads: one thread builds and reads a table. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "core/symtable.h"
#include "torii/error.h"
#include "torii/recursion.h"

typedef struct Visitor {
    TrThread *ts;
    TrSyntaxError *err;
    TrScope *cur;
    const char **comp;          /* comprehension variables, innermost last */
    size_t ncomp, comp_cap;
    size_t comp_base;           /* entries below belong to enclosing scopes */
    bool in_comp_target;        /* storing names into a comprehension target */
    int in_comp;                /* comprehension nesting depth in `cur` */
    int comp_kind;              /* E_* kind of the innermost inlined comprehension, when in_comp > 0 */
} Visitor;

/* ---- scopes ------------------------------------------------------------ */

static uint64_t hash_name(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static int nomem(Visitor *v)
{
    v->err->msg[0] = 0;
    err_nomemory(v->ts);
    return -1;
}

static int syntax_error(Visitor *v, TrSpan sp, const char *fmt, const char *name)
{
    snprintf(v->err->msg, sizeof v->err->msg, fmt, name);
    v->err->type = "SyntaxError";
    v->err->lineno = sp.lineno;
    v->err->col = sp.col;
    v->err->end_lineno = sp.end_lineno;
    v->err->end_col = sp.end_col;
    v->err->text = NULL;
    return -1;
}

TrSymbol *symtable_lookup(TrScope *s, const char *name)
{
    if (!s->index_cap) return NULL;
    size_t mask = s->index_cap - 1;
    for (size_t i = hash_name(name) & mask;; i = (i + 1) & mask) {
        int k = s->index[i];
        if (!k) return NULL;
        if (strcmp(s->syms[k - 1].name, name) == 0) return &s->syms[k - 1];
    }
}

static int reindex(TrScope *s, size_t cap)
{
    int *idx = calloc(cap, sizeof(int));
    if (!idx) return -1;
    for (size_t k = 0; k < s->nsyms; k++) {
        size_t i = hash_name(s->syms[k].name) & (cap - 1);
        while (idx[i]) i = (i + 1) & (cap - 1);
        idx[i] = (int)k + 1;
    }
    free(s->index);
    s->index = idx;
    s->index_cap = cap;
    return 0;
}

/* Returns the symbol `name` of `s`, adding it (flags 0) if new; NULL on
 * MemoryError (not set: the caller reports). */
static TrSymbol *add_sym(TrScope *s, const char *name, TrSpan sp)
{
    TrSymbol *sym = symtable_lookup(s, name);
    if (sym) return sym;
    if (s->nsyms == s->syms_cap) {
        size_t cap = s->syms_cap ? s->syms_cap * 2 : 16;
        TrSymbol *n = realloc(s->syms, cap * sizeof *n);
        if (!n) return NULL;
        s->syms = n;
        s->syms_cap = cap;
    }
    if ((s->nsyms + 1) * 2 > s->index_cap) {
        size_t cap = s->index_cap ? s->index_cap * 2 : 32;
        if (reindex(s, cap) < 0) return NULL;
    }
    sym = &s->syms[s->nsyms++];
    memset(sym, 0, sizeof *sym);
    sym->name = name;
    sym->span = sp;
    size_t mask = s->index_cap - 1;
    size_t i = hash_name(name) & mask;
    while (s->index[i]) i = (i + 1) & mask;
    s->index[i] = (int)s->nsyms;
    return sym;
}

static TrScope *new_scope(Visitor *v, TrScopeKind kind, const char *name, const void *node)
{
    TrScope *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->kind = kind;
    s->name = name;
    s->node = node;
    s->parent = v->cur;
    if (v->cur) {
        TrScope *p = v->cur;
        if (p->nchildren == p->children_cap) {
            size_t cap = p->children_cap ? p->children_cap * 2 : 4;
            TrScope **n = realloc(p->children, cap * sizeof *n);
            if (!n) { free(s); return NULL; }
            p->children = n;
            p->children_cap = cap;
        }
        p->children[p->nchildren++] = s;
        /* What this scope may not capture: the parent's shadow list plus the
         * comprehension variables active where it is defined. */
        size_t n = p->nshadow + (v->ncomp - v->comp_base);
        if (n) {
            s->shadow = malloc(n * sizeof *s->shadow);
            if (!s->shadow) return NULL;   /* the parent owns `s` now */
            memcpy(s->shadow, p->shadow, p->nshadow * sizeof *s->shadow);
            memcpy(s->shadow + p->nshadow, v->comp + v->comp_base,
                   (v->ncomp - v->comp_base) * sizeof *s->shadow);
            s->nshadow = n;
        }
    }
    return s;
}

void symtable_free(TrScope *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->nchildren; i++) symtable_free(s->children[i]);
    free(s->children);
    free(s->syms);
    free(s->index);
    free(s->shadow);
    for (size_t i = 0; i < s->nowned; i++) free(s->owned[i]);
    free(s->owned);
    free(s);
}

TrScope *symtable_child(TrScope *s, const void *node)
{
    for (size_t i = 0; i < s->nchildren; i++)
        if (s->children[i]->node == node) return s->children[i];
    return NULL;
}

/* ---- pass 1 ------------------------------------------------------------ */

static int visit_expr(Visitor *v, TrAstExpr *e);
static int visit_stmts(Visitor *v, TrStmtList *l);

static bool in_comp(Visitor *v, const char *name)
{
    for (size_t i = v->ncomp; i > v->comp_base; i--)
        if (strcmp(v->comp[i - 1], name) == 0) return true;
    return false;
}

static int push_comp(Visitor *v, const char *name)
{
    if (v->ncomp == v->comp_cap) {
        size_t cap = v->comp_cap ? v->comp_cap * 2 : 8;
        const char **n = realloc(v->comp, cap * sizeof *n);
        if (!n) return nomem(v);
        v->comp = n;
        v->comp_cap = cap;
    }
    v->comp[v->ncomp++] = name;
    return 0;
}

static int add_flag(Visitor *v, const char *name, int flag, TrSpan sp)
{
    TrSymbol *sym = add_sym(v->cur, name, sp);
    if (!sym) return nomem(v);
    sym->flags |= flag;
    return 0;
}

static int visit_name(Visitor *v, const char *name, TrCtx ctx, TrSpan sp)
{
    if (v->in_comp_target && ctx == CTX_STORE) {
        if (in_comp(v, name)) return 0;
        return push_comp(v, name);
    }
    if (in_comp(v, name)) return 0;
    /* super() and __class__ inside a method make the method capture the
     * class's implicit `__class__` cell, as in CPython */
    if (ctx == CTX_LOAD && v->cur->kind == SCOPE_FUNCTION &&
        (strcmp(name, "super") == 0 || strcmp(name, "__class__") == 0)) {
        for (TrScope *p = v->cur->parent; p; p = p->parent) {
            if (p->kind != SCOPE_CLASS) continue;
            if (add_flag(v, "__class__", SYM_USED, sp) < 0) return -1;
            break;
        }
    }
    return add_flag(v, name, ctx == CTX_LOAD ? SYM_USED : SYM_ASSIGNED, sp);
}

static int visit_exprs(Visitor *v, TrExprList *l)
{
    for (size_t i = 0; i < l->len; i++)
        if (l->items[i] && visit_expr(v, l->items[i]) < 0) return -1;
    return 0;
}

static int add_param(Visitor *v, TrArg *a)
{
    TrSymbol *sym = symtable_lookup(v->cur, a->name);
    if (sym && (sym->flags & SYM_PARAM))
        return syntax_error(v, a->span, "duplicate argument '%s' in function definition", a->name);
    return add_flag(v, a->name, SYM_PARAM, a->span);
}

/* Defaults are evaluated in the enclosing scope; the parameters belong to the new one. */
static int visit_defaults(Visitor *v, TrArguments *args)
{
    if (visit_exprs(v, &args->defaults) < 0) return -1;
    for (size_t i = 0; i < args->nkwonly; i++)
        if (args->kw_defaults && args->kw_defaults[i] && visit_expr(v, args->kw_defaults[i]) < 0) return -1;
    return 0;
}

static int visit_params(Visitor *v, TrArguments *args)
{
    for (size_t i = 0; i < args->nposonly; i++) if (add_param(v, &args->posonly[i]) < 0) return -1;
    for (size_t i = 0; i < args->nargs; i++) if (add_param(v, &args->args[i]) < 0) return -1;
    for (size_t i = 0; i < args->nkwonly; i++) if (add_param(v, &args->kwonly[i]) < 0) return -1;
    if (args->vararg && add_param(v, args->vararg) < 0) return -1;
    if (args->kwarg && add_param(v, args->kwarg) < 0) return -1;
    return 0;
}

/* Enters a new scope for a function/lambda/class body: the comprehension
 * variables active here become the new scope's shadow list. */
typedef struct Saved { TrScope *cur; size_t comp_base; int in_comp; bool in_target; } Saved;

static int enter(Visitor *v, Saved *sv, TrScopeKind kind, const char *name, const void *node)
{
    TrScope *s = new_scope(v, kind, name, node);
    if (!s) return nomem(v);
    sv->cur = v->cur;
    sv->comp_base = v->comp_base;
    sv->in_comp = v->in_comp;
    sv->in_target = v->in_comp_target;
    v->cur = s;
    v->comp_base = v->ncomp;
    v->in_comp = 0;
    v->in_comp_target = false;
    return 0;
}

static void leave(Visitor *v, Saved *sv)
{
    v->cur = sv->cur;
    v->comp_base = sv->comp_base;
    v->in_comp = sv->in_comp;
    v->in_comp_target = sv->in_target;
}

static bool scope_in(TrAstExpr *e, int depth);

/* A comprehension's own function scope ("<genexpr>", "<listcomp>", ...):
 * no def or lambda has a name starting with '<' but "<lambda>". */
static bool is_comp_scope(const TrScope *s)
{
    return s->kind == SCOPE_FUNCTION && s->name[0] == '<' && strcmp(s->name, "<lambda>") != 0;
}

static bool scope_in_list(TrExprList *l, int depth)
{
    for (size_t i = 0; i < l->len; i++)
        if (l->items[i] && scope_in(l->items[i], depth)) return true;
    return false;
}

/* 1 if evaluating `e` creates a scope (lambda or genexp) somewhere inside,
 * `depth` levels down.  Past TR_C_RECURSION_LIMIT levels the answer is "yes"
 * without looking further: visit_expr rejects so deep an expression anyway,
 * and the walk must not run off the C stack first. */
static bool scope_in(TrAstExpr *e, int depth)
{
    if (!e) return false;
    if (depth > TR_C_RECURSION_LIMIT) return true;
    int d = depth + 1;
    switch (e->kind) {
    case E_LAMBDA: case E_GENEXP:
        return true;
    case E_BINOP: return scope_in(e->binop.left, d) || scope_in(e->binop.right, d);
    case E_UNARY: return scope_in(e->unary.operand, d);
    case E_BOOLOP: return scope_in_list(&e->boolop.values, d);
    case E_COMPARE: return scope_in(e->compare.left, d) || scope_in_list(&e->compare.comparators, d);
    case E_CALL:
        if (scope_in(e->call.func, d) || scope_in_list(&e->call.args, d)) return true;
        for (size_t i = 0; i < e->call.nkeywords; i++)
            if (scope_in(e->call.keywords[i].value, d)) return true;
        return false;
    case E_ATTR: return scope_in(e->attr.value, d);
    case E_SUBSCRIPT: return scope_in(e->subscript.value, d) || scope_in(e->subscript.index, d);
    case E_SLICE: return scope_in(e->slice.lower, d) || scope_in(e->slice.upper, d) || scope_in(e->slice.step, d);
    case E_TUPLE: case E_LIST: case E_SET: return scope_in_list(&e->elts, d);
    case E_DICT: return scope_in_list(&e->dict.keys, d) || scope_in_list(&e->dict.values, d);
    case E_LISTCOMP: case E_SETCOMP: case E_DICTCOMP:
        if (scope_in(e->comp.elt, d) || (e->kind == E_DICTCOMP && scope_in(e->comp.value, d))) return true;
        for (size_t g = 0; g < e->comp.ngenerators; g++) {
            TrComprehension *gen = &e->comp.generators[g];
            if (scope_in(gen->iter, d) || scope_in(gen->target, d) || scope_in_list(&gen->ifs, d)) return true;
        }
        return false;
    case E_IFEXP: return scope_in(e->ifexp.test, d) || scope_in(e->ifexp.body, d) || scope_in(e->ifexp.orelse, d);
    case E_STARRED: case E_YIELD: case E_YIELDFROM: case E_AWAIT: return scope_in(e->starred.value, d);
    case E_NAMEDEXPR: return scope_in(e->namedexpr.value, d);
    case E_JOINEDSTR: return scope_in_list(&e->joined, d);
    case E_FORMATTED: return scope_in(e->formatted.value, d) || scope_in(e->formatted.format_spec, d);
    default: return false;
    }
}

static bool awaits_in(const TrAstExpr *e, int depth);

static bool awaits_in_list(const TrExprList *l, int depth)
{
    for (size_t i = 0; i < l->len; i++)
        if (l->items[i] && awaits_in(l->items[i], depth)) return true;
    return false;
}

static bool comp_awaits(const TrAstExpr *e, int depth)
{
    int d = depth + 1;
    for (size_t g = 0; g < e->comp.ngenerators; g++) {
        const TrComprehension *gen = &e->comp.generators[g];
        if (gen->is_async) return true;
        if ((g > 0 && awaits_in(gen->iter, d)) || awaits_in(gen->target, d) || awaits_in_list(&gen->ifs, d))
            return true;
    }
    return awaits_in(e->comp.elt, d) || (e->kind == E_DICTCOMP && awaits_in(e->comp.value, d));
}

/* 1 if evaluating `e` awaits: an `await`, or an asynchronous list, set or
 * dict comprehension, somewhere inside but not within a lambda or a
 * generator expression's own body.  Bounded like scope_in. */
static bool awaits_in(const TrAstExpr *e, int depth)
{
    if (!e || depth > TR_C_RECURSION_LIMIT) return false;
    int d = depth + 1;
    switch (e->kind) {
    case E_AWAIT: return true;
    case E_LAMBDA: return false;
    case E_GENEXP: return awaits_in(e->comp.generators[0].iter, d);
    case E_LISTCOMP: case E_SETCOMP: case E_DICTCOMP:
        return awaits_in(e->comp.generators[0].iter, d) || comp_awaits(e, d);
    case E_BINOP: return awaits_in(e->binop.left, d) || awaits_in(e->binop.right, d);
    case E_UNARY: return awaits_in(e->unary.operand, d);
    case E_BOOLOP: return awaits_in_list(&e->boolop.values, d);
    case E_COMPARE: return awaits_in(e->compare.left, d) || awaits_in_list(&e->compare.comparators, d);
    case E_CALL:
        if (awaits_in(e->call.func, d) || awaits_in_list(&e->call.args, d)) return true;
        for (size_t i = 0; i < e->call.nkeywords; i++)
            if (awaits_in(e->call.keywords[i].value, d)) return true;
        return false;
    case E_ATTR: return awaits_in(e->attr.value, d);
    case E_SUBSCRIPT: return awaits_in(e->subscript.value, d) || awaits_in(e->subscript.index, d);
    case E_SLICE: return awaits_in(e->slice.lower, d) || awaits_in(e->slice.upper, d) || awaits_in(e->slice.step, d);
    case E_TUPLE: case E_LIST: case E_SET: return awaits_in_list(&e->elts, d);
    case E_DICT: return awaits_in_list(&e->dict.keys, d) || awaits_in_list(&e->dict.values, d);
    case E_IFEXP: return awaits_in(e->ifexp.test, d) || awaits_in(e->ifexp.body, d) || awaits_in(e->ifexp.orelse, d);
    case E_STARRED: case E_YIELD: case E_YIELDFROM: return awaits_in(e->starred.value, d);
    case E_NAMEDEXPR: return awaits_in(e->namedexpr.value, d);
    case E_JOINEDSTR: return awaits_in_list(&e->joined, d);
    case E_FORMATTED: return awaits_in(e->formatted.value, d) || awaits_in(e->formatted.format_spec, d);
    default: return false;
    }
}

bool symtable_comp_is_async(const TrAstExpr *e) { return comp_awaits(e, 0); }

static bool has_scope(TrAstExpr *e) { return scope_in(e, 0); }
static bool has_scope_list(TrExprList *l) { return scope_in_list(l, 0); }

/* 1 if comprehension `e` gets its own function scope (see symtable.h). */
static bool comp_is_function(TrAstExpr *e)
{
    if (e->kind == E_GENEXP) return true;
    if (has_scope(e->comp.elt) || (e->kind == E_DICTCOMP && has_scope(e->comp.value))) return true;
    for (size_t g = 0; g < e->comp.ngenerators; g++) {
        TrComprehension *gen = &e->comp.generators[g];
        if ((g > 0 && has_scope(gen->iter)) || has_scope(gen->target) || has_scope_list(&gen->ifs)) return true;
    }
    return false;
}

static const char *comp_scope_name(TrAstExpr *e)
{
    switch (e->kind) {
    case E_GENEXP: return "<genexpr>";
    case E_SETCOMP: return "<setcomp>";
    case E_DICTCOMP: return "<dictcomp>";
    default: return "<listcomp>";
    }
}

/* A comprehension with its own function scope: ".0" is the outermost
 * iterator, the targets are ordinary locals. */
static int visit_comp_function(Visitor *v, TrAstExpr *e)
{
    Saved sv;
    if (enter(v, &sv, SCOPE_FUNCTION, comp_scope_name(e), e) < 0) return -1;
    v->cur->is_generator = e->kind == E_GENEXP;
    v->cur->is_coroutine = symtable_comp_is_async(e);
    int r = add_flag(v, ".0", SYM_PARAM, e->span);
    for (size_t g = 0; r == 0 && g < e->comp.ngenerators; g++) {
        TrComprehension *gen = &e->comp.generators[g];
        if (g > 0) r = visit_expr(v, gen->iter);
        if (r == 0) r = visit_expr(v, gen->target);
        if (r == 0) r = visit_exprs(v, &gen->ifs);
    }
    if (r == 0) r = visit_expr(v, e->comp.elt);
    if (r == 0 && e->kind == E_DICTCOMP) r = visit_expr(v, e->comp.value);
    leave(v, &sv);
    return r;
}

static int visit_comp(Visitor *v, TrAstExpr *e)
{
    /* The outermost iterable is evaluated in the enclosing scope. */
    if (visit_expr(v, e->comp.generators[0].iter) < 0) return -1;
    if (comp_is_function(e)) return visit_comp_function(v, e);
    size_t mark = v->ncomp;
    int saved_kind = v->comp_kind;
    v->comp_kind = e->kind;
    v->in_comp++;
    for (size_t g = 0; g < e->comp.ngenerators; g++) {
        TrComprehension *gen = &e->comp.generators[g];
        if (g > 0 && visit_expr(v, gen->iter) < 0) return -1;
        bool was = v->in_comp_target;
        v->in_comp_target = true;
        int r = visit_expr(v, gen->target);
        v->in_comp_target = was;
        if (r < 0) return -1;
        if (visit_exprs(v, &gen->ifs) < 0) return -1;
    }
    if (visit_expr(v, e->comp.elt) < 0) return -1;
    if (e->kind == E_DICTCOMP && visit_expr(v, e->comp.value) < 0) return -1;
    v->in_comp--;
    v->comp_kind = saved_kind;
    v->ncomp = mark;
    return 0;
}

static int expr_body(Visitor *v, TrAstExpr *e);

/* Expressions nest without bound ("1+1+...+1" from the parser's loops):
 * each level is a guarded C call, RecursionError "maximum recursion depth
 * exceeded during compilation" past CPython's limit. */
static int visit_expr(Visitor *v, TrAstExpr *e)
{
    if (tr_enter_recursive(v->ts, " during compilation")) {
        v->err->msg[0] = 0;
        return -1;
    }
    int r = expr_body(v, e);
    tr_leave_recursive(v->ts);
    return r;
}

static int expr_body(Visitor *v, TrAstExpr *e)
{
    switch (e->kind) {
    case E_NAME:
        return visit_name(v, e->name, e->ctx, e->span);
    case E_INT: case E_FLOAT: case E_STR: case E_BYTES: case E_NONE: case E_TRUE:
    case E_FALSE: case E_ELLIPSIS:
        return 0;
    case E_BINOP:
        if (visit_expr(v, e->binop.left) < 0) return -1;
        return visit_expr(v, e->binop.right);
    case E_UNARY:
        return visit_expr(v, e->unary.operand);
    case E_BOOLOP:
        return visit_exprs(v, &e->boolop.values);
    case E_COMPARE:
        if (visit_expr(v, e->compare.left) < 0) return -1;
        return visit_exprs(v, &e->compare.comparators);
    case E_CALL:
        if (visit_expr(v, e->call.func) < 0) return -1;
        if (visit_exprs(v, &e->call.args) < 0) return -1;
        for (size_t i = 0; i < e->call.nkeywords; i++)
            if (visit_expr(v, e->call.keywords[i].value) < 0) return -1;
        return 0;
    case E_ATTR: {
        bool was = v->in_comp_target;
        v->in_comp_target = false;
        int r = visit_expr(v, e->attr.value);
        v->in_comp_target = was;
        return r;
    }
    case E_SUBSCRIPT: {
        bool was = v->in_comp_target;
        v->in_comp_target = false;
        int r = visit_expr(v, e->subscript.value);
        if (r == 0) r = visit_expr(v, e->subscript.index);
        v->in_comp_target = was;
        return r;
    }
    case E_SLICE:
        if (e->slice.lower && visit_expr(v, e->slice.lower) < 0) return -1;
        if (e->slice.upper && visit_expr(v, e->slice.upper) < 0) return -1;
        if (e->slice.step && visit_expr(v, e->slice.step) < 0) return -1;
        return 0;
    case E_TUPLE: case E_LIST: case E_SET:
        return visit_exprs(v, &e->elts);
    case E_DICT:
        if (visit_exprs(v, &e->dict.keys) < 0) return -1;
        return visit_exprs(v, &e->dict.values);
    case E_LISTCOMP: case E_SETCOMP: case E_GENEXP: case E_DICTCOMP:
        return visit_comp(v, e);
    case E_LAMBDA: {
        if (visit_defaults(v, e->lambda.args) < 0) return -1;
        Saved sv;
        if (enter(v, &sv, SCOPE_FUNCTION, "<lambda>", e) < 0) return -1;
        int r = visit_params(v, e->lambda.args);
        if (r == 0) r = visit_expr(v, e->lambda.body);
        leave(v, &sv);
        return r;
    }
    case E_IFEXP:
        if (visit_expr(v, e->ifexp.test) < 0) return -1;
        if (visit_expr(v, e->ifexp.body) < 0) return -1;
        return visit_expr(v, e->ifexp.orelse);
    case E_STARRED:
        return visit_expr(v, e->starred.value);
    case E_NAMEDEXPR: {
        const char *name = e->namedexpr.target->name;
        if (visit_expr(v, e->namedexpr.value) < 0) return -1;
        if (in_comp(v, name))
            return syntax_error(v, e->namedexpr.target->span,
                                "assignment expression cannot rebind comprehension iteration variable '%s'", name);
        /* in a comprehension's own scope the target belongs to the nearest
         * enclosing real scope (PEP 572): nonlocal (or global) in between */
        TrScope *t = v->cur;
        while (t->parent && is_comp_scope(t)) t = t->parent;
        if (t != v->cur) {
            TrSpan tsp = e->namedexpr.target->span;
            if (t->kind == SCOPE_CLASS)
                return syntax_error(v, tsp, "assignment expression within a comprehension cannot be used in a class body", "");
            TrSymbol *sym = add_sym(t, name, tsp);
            if (!sym) return nomem(v);
            sym->flags |= SYM_ASSIGNED;
            for (TrScope *sc = v->cur; sc != t; sc = sc->parent) {
                sym = add_sym(sc, name, tsp);
                if (!sym) return nomem(v);
                sym->flags |= t->kind == SCOPE_MODULE ? SYM_GLOBAL : SYM_NONLOCAL;
                sym->decl_span = tsp;
            }
            return 0;
        }
        return add_flag(v, name, SYM_ASSIGNED, e->namedexpr.target->span);
    }
    case E_JOINEDSTR:
        return visit_exprs(v, &e->joined);
    case E_FORMATTED:
        if (visit_expr(v, e->formatted.value) < 0) return -1;
        if (e->formatted.format_spec) return visit_expr(v, e->formatted.format_spec);
        return 0;
    case E_YIELD: case E_YIELDFROM:
    {
        /* in an inlined comprehension, or in a comprehension's own scope
         * (function names never start with '<' except "<lambda>") */
        int ck = v->in_comp > 0 ? v->comp_kind : 0;
        if (!ck && v->cur->kind == SCOPE_FUNCTION && v->cur->name[0] == '<' && strcmp(v->cur->name, "<lambda>") != 0)
            ck = strcmp(v->cur->name, "<genexpr>") == 0 ? E_GENEXP : strcmp(v->cur->name, "<setcomp>") == 0 ? E_SETCOMP
               : strcmp(v->cur->name, "<dictcomp>") == 0 ? E_DICTCOMP : E_LISTCOMP;
        if (ck)
            return syntax_error(v, e->span, "'yield' inside %s",
                                ck == E_GENEXP ? "generator expression" : ck == E_SETCOMP ? "set comprehension"
                                : ck == E_DICTCOMP ? "dict comprehension" : "list comprehension");
    }
        if (v->cur->kind == SCOPE_FUNCTION) v->cur->is_generator = true;
        if (e->starred.value) return visit_expr(v, e->starred.value);
        return 0;
    case E_AWAIT:
        if (e->starred.value) return visit_expr(v, e->starred.value);
        return 0;
    }
    return 0;
}

static const char *decl_kind(TrStmtKind k) { return k == S_GLOBAL ? "global" : "nonlocal"; }

static int visit_decl(Visitor *v, TrAstStmt *s)
{
    if (s->kind == S_NONLOCAL && v->cur->kind == SCOPE_MODULE)
        return syntax_error(v, s->span, "nonlocal declaration not allowed at module level", "");
    for (size_t i = 0; i < s->global.nnames; i++) {
        const char *name = s->global.names[i];
        TrSymbol *sym = symtable_lookup(v->cur, name);
        char fmt[128];
        if (sym) {
            if (sym->flags & SYM_PARAM) {
                snprintf(fmt, sizeof fmt, "name '%%s' is parameter and %s", decl_kind(s->kind));
                return syntax_error(v, s->span, fmt, name);
            }
            if ((s->kind == S_GLOBAL && (sym->flags & SYM_NONLOCAL)) ||
                (s->kind == S_NONLOCAL && (sym->flags & SYM_GLOBAL)))
                return syntax_error(v, s->span, "name '%s' is nonlocal and global", name);
            if (sym->flags & SYM_USED) {
                snprintf(fmt, sizeof fmt, "name '%%s' is used prior to %s declaration", decl_kind(s->kind));
                return syntax_error(v, s->span, fmt, name);
            }
            if (sym->flags & SYM_ASSIGNED) {
                snprintf(fmt, sizeof fmt, "name '%%s' is assigned to before %s declaration", decl_kind(s->kind));
                return syntax_error(v, s->span, fmt, name);
            }
        }
        sym = add_sym(v->cur, name, s->span);
        if (!sym) return nomem(v);
        sym->flags |= s->kind == S_GLOBAL ? SYM_GLOBAL : SYM_NONLOCAL;
        sym->decl_span = s->span;
    }
    return 0;
}

/* A copy of name[0..n) owned by scope `s` (freed with it); NULL on MemoryError. */
static const char *own_prefix(TrScope *s, const char *name, size_t n)
{
    char **strs = realloc(s->owned, (s->nowned + 1) * sizeof *strs);
    if (!strs) return NULL;
    s->owned = strs;
    char *c = malloc(n + 1);
    if (!c) return NULL;
    memcpy(c, name, n);
    c[n] = 0;
    s->owned[s->nowned++] = c;
    return c;
}

/* A match pattern: its captures are assignments, its values and classes loads. */
static int visit_pattern(Visitor *v, TrPattern *pt)
{
    switch (pt->kind) {
    case P_VALUE: case P_SINGLETON:
        return visit_expr(v, pt->value);
    case P_SEQUENCE: case P_OR:
        break;
    case P_MAPPING:
        if (visit_exprs(v, &pt->keys) < 0) return -1;
        if (pt->name && visit_name(v, pt->name, CTX_STORE, pt->span) < 0) return -1;
        break;
    case P_CLASS:
        if (visit_expr(v, pt->cls) < 0) return -1;
        for (size_t i = 0; i < pt->nkwd; i++)
            if (visit_pattern(v, pt->kwd_items[i]) < 0) return -1;
        break;
    case P_STAR:
        return pt->name ? visit_name(v, pt->name, CTX_STORE, pt->span) : 0;
    case P_AS:
        if (pt->pattern && visit_pattern(v, pt->pattern) < 0) return -1;
        return pt->name ? visit_name(v, pt->name, CTX_STORE, pt->span) : 0;
    }
    for (size_t i = 0; i < pt->items.len; i++)
        if (visit_pattern(v, pt->items.items[i]) < 0) return -1;
    return 0;
}

static int visit_stmt(Visitor *v, TrAstStmt *s)
{
    switch (s->kind) {
    case S_EXPR: case S_RETURN:
        return s->expr.value ? visit_expr(v, s->expr.value) : 0;
    case S_ASSIGN:
        if (visit_expr(v, s->assign.value) < 0) return -1;
        return visit_exprs(v, &s->assign.targets);
    case S_DELETE:
        return visit_exprs(v, &s->assign.targets);
    case S_AUGASSIGN:
        if (s->augassign.target->kind == E_NAME &&
            visit_name(v, s->augassign.target->name, CTX_LOAD, s->augassign.target->span) < 0) return -1;
        if (visit_expr(v, s->augassign.target) < 0) return -1;
        return visit_expr(v, s->augassign.value);
    case S_ANNASSIGN:
        if (s->annassign.value && visit_expr(v, s->annassign.value) < 0) return -1;
        /* Module and class bodies evaluate a simple target's annotation into
         * __annotations__ (core/compile.c); a function's are never evaluated. */
        if (v->cur->kind != SCOPE_FUNCTION && s->annassign.simple &&
            visit_expr(v, s->annassign.annotation) < 0) return -1;
        if (s->annassign.target->kind == E_NAME && !s->annassign.value)
            return visit_name(v, s->annassign.target->name, CTX_STORE, s->annassign.target->span);
        return visit_expr(v, s->annassign.target);
    case S_IF: case S_WHILE:
        if (visit_expr(v, s->if_.test) < 0) return -1;
        if (visit_stmts(v, &s->if_.body) < 0) return -1;
        return visit_stmts(v, &s->if_.orelse);
    case S_FOR:
        if (visit_expr(v, s->for_.iter) < 0) return -1;
        if (visit_expr(v, s->for_.target) < 0) return -1;
        if (visit_stmts(v, &s->for_.body) < 0) return -1;
        return visit_stmts(v, &s->for_.orelse);
    case S_BREAK: case S_CONTINUE: case S_PASS:
        return 0;
    case S_FUNCDEF: {
        if (visit_exprs(v, &s->funcdef.decorators) < 0) return -1;
        if (visit_defaults(v, s->funcdef.args) < 0) return -1;
        if (add_flag(v, s->funcdef.name, SYM_ASSIGNED, s->span) < 0) return -1;
        Saved sv;
        if (enter(v, &sv, SCOPE_FUNCTION, s->funcdef.name, s) < 0) return -1;
        v->cur->is_coroutine = s->is_async;
        int r = visit_params(v, s->funcdef.args);
        if (r == 0) r = visit_stmts(v, &s->funcdef.body);
        leave(v, &sv);
        return r;
    }
    case S_CLASSDEF: {
        if (visit_exprs(v, &s->classdef.decorators) < 0) return -1;
        if (visit_exprs(v, &s->classdef.bases) < 0) return -1;
        for (size_t i = 0; i < s->classdef.nkeywords; i++)
            if (visit_expr(v, s->classdef.keywords[i].value) < 0) return -1;
        if (add_flag(v, s->classdef.name, SYM_ASSIGNED, s->span) < 0) return -1;
        Saved sv;
        if (enter(v, &sv, SCOPE_CLASS, s->classdef.name, s) < 0) return -1;
        int r = visit_stmts(v, &s->classdef.body);
        leave(v, &sv);
        return r;
    }
    case S_GLOBAL: case S_NONLOCAL:
        return visit_decl(v, s);
    case S_TRY:
        if (visit_stmts(v, &s->try_.body) < 0) return -1;
        for (size_t i = 0; i < s->try_.nhandlers; i++) {
            TrExceptHandler *h = &s->try_.handlers[i];
            if (h->type && visit_expr(v, h->type) < 0) return -1;
            if (h->name && add_flag(v, h->name, SYM_ASSIGNED, h->span) < 0) return -1;
            if (visit_stmts(v, &h->body) < 0) return -1;
        }
        if (visit_stmts(v, &s->try_.orelse) < 0) return -1;
        return visit_stmts(v, &s->try_.finalbody);
    case S_RAISE:
        if (s->raise.exc && visit_expr(v, s->raise.exc) < 0) return -1;
        if (s->raise.cause && visit_expr(v, s->raise.cause) < 0) return -1;
        return 0;
    case S_ASSERT:
        if (visit_expr(v, s->assert_.test) < 0) return -1;
        if (s->assert_.msg && visit_expr(v, s->assert_.msg) < 0) return -1;
        return 0;
    case S_IMPORT: case S_IMPORTFROM:
        for (size_t i = 0; i < s->import.naliases; i++) {
            TrAlias *a = &s->import.aliases[i];
            if (strcmp(a->name, "*") == 0) continue;
            const char *bound = a->asname;
            if (!bound) {
                const char *dot = s->kind == S_IMPORT ? strchr(a->name, '.') : NULL;
                bound = a->name;
                if (dot) {
                    /* `import a.b` binds `a`: the scope keeps the copy. */
                    bound = own_prefix(v->cur, a->name, (size_t)(dot - a->name));
                    if (!bound) return nomem(v);
                }
            }
            if (add_flag(v, bound, SYM_ASSIGNED, a->span) < 0) return -1;
        }
        return 0;
    case S_WITH:
        for (size_t i = 0; i < s->with.nitems; i++) {
            if (visit_expr(v, s->with.items[i].context_expr) < 0) return -1;
            if (s->with.items[i].optional_vars && visit_expr(v, s->with.items[i].optional_vars) < 0) return -1;
        }
        return visit_stmts(v, &s->with.body);
    case S_MATCH:
        if (visit_expr(v, s->match.subject) < 0) return -1;
        for (size_t i = 0; i < s->match.ncases; i++) {
            TrMatchCase *mc = &s->match.cases[i];
            if (visit_pattern(v, mc->pattern) < 0) return -1;
            if (mc->guard && visit_expr(v, mc->guard) < 0) return -1;
            if (visit_stmts(v, &mc->body) < 0) return -1;
        }
        return 0;
    }
    return 0;
}

static int visit_stmts(Visitor *v, TrStmtList *l)
{
    for (size_t i = 0; i < l->len; i++)
        if (visit_stmt(v, l->items[i]) < 0) return -1;
    return 0;
}

/* ---- pass 2 ------------------------------------------------------------ */

typedef struct NameSet { const char **names; size_t n, cap; } NameSet;

static bool set_has(const NameSet *s, const char *name)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->names[i], name) == 0) return true;
    return false;
}

static int set_add(NameSet *s, const char *name)
{
    if (set_has(s, name)) return 0;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        const char **n = realloc(s->names, cap * sizeof *n);
        if (!n) return -1;
        s->names = n;
        s->cap = cap;
    }
    s->names[s->n++] = name;
    return 0;
}

static int analyze(Visitor *v, TrScope *s, const NameSet *bound)
{
    NameSet newbound = {0};
    int r = -1;
    for (size_t i = 0; i < s->nsyms; i++) {
        TrSymbol *sym = &s->syms[i];
        if (sym->flags & SYM_GLOBAL) {
            sym->scope = SC_GLOBAL_EXPLICIT;
        } else if (sym->flags & SYM_NONLOCAL) {
            if (!set_has(bound, sym->name)) {
                syntax_error(v, sym->decl_span, "no binding for nonlocal '%s' found", sym->name);
                goto done;
            }
            sym->scope = SC_FREE;
        } else if (s->kind == SCOPE_MODULE) {
            sym->scope = SC_GLOBAL_IMPLICIT;
        } else if (sym->flags & (SYM_ASSIGNED | SYM_PARAM)) {
            sym->scope = SC_LOCAL;
        } else if (set_has(bound, sym->name)) {
            sym->scope = SC_FREE;
        } else {
            sym->scope = SC_GLOBAL_IMPLICIT;
        }
        if (sym->scope != SC_LOCAL && sym->scope != SC_GLOBAL_EXPLICIT) {
            for (size_t k = 0; k < s->nshadow; k++)
                if (strcmp(s->shadow[k], sym->name) == 0) {
                    syntax_error(v, sym->span,
                                 "torii: a function defined in a comprehension cannot use the iteration variable '%s' yet",
                                 sym->name);
                    goto done;
                }
        }
    }
    /* What the children see as bound in enclosing function scopes. */
    if (s->kind != SCOPE_MODULE) {
        for (size_t i = 0; i < bound->n; i++) {
            TrSymbol *sym = symtable_lookup(s, bound->names[i]);
            if (sym && sym->scope == SC_GLOBAL_EXPLICIT) continue;
            if (set_add(&newbound, bound->names[i]) < 0) { nomem(v); goto done; }
        }
    }
    if (s->kind == SCOPE_FUNCTION) {
        for (size_t i = 0; i < s->nsyms; i++)
            if (s->syms[i].scope == SC_LOCAL && set_add(&newbound, s->syms[i].name) < 0) { nomem(v); goto done; }
    }
    /* a class offers its methods the implicit `__class__` cell */
    if (s->kind == SCOPE_CLASS && set_add(&newbound, "__class__") < 0) { nomem(v); goto done; }
    for (size_t c = 0; c < s->nchildren; c++) {
        TrScope *ch = s->children[c];
        if (analyze(v, ch, &newbound) < 0) goto done;
        for (size_t i = 0; i < ch->nsyms; i++) {
            if (ch->syms[i].scope != SC_FREE) continue;
            const char *name = ch->syms[i].name;
            TrSymbol *sym = symtable_lookup(s, name);
            if (sym && sym->scope == SC_LOCAL && s->kind == SCOPE_FUNCTION) {
                sym->scope = SC_CELL;
            } else if (sym && (sym->scope == SC_CELL || sym->scope == SC_FREE)) {
                /* already provides it */
            } else if (!sym && s->kind == SCOPE_FUNCTION) {
                sym = add_sym(s, name, ch->syms[i].span);
                if (!sym) { nomem(v); goto done; }
                sym->scope = SC_FREE;
            } else if (s->kind == SCOPE_CLASS && strcmp(name, "__class__") == 0) {
                if (!sym) sym = add_sym(s, "__class__", ch->syms[i].span);
                if (!sym) { nomem(v); goto done; }
                sym->scope = SC_CELL;
            } else if (s->kind == SCOPE_CLASS && !sym) {
                /* passed through the class body to its methods */
                sym = add_sym(s, name, ch->syms[i].span);
                if (!sym) { nomem(v); goto done; }
                sym->scope = SC_FREE;
            } else if (s->kind == SCOPE_CLASS) {
                syntax_error(v, ch->syms[i].span,
                             "torii: methods cannot capture variables of the function around their class yet",
                             name);
                goto done;
            } else if (sym && s->kind == SCOPE_FUNCTION) {
                /* used here only as an (implicit) global but bound outside:
                 * cannot happen, `bound` would have made it free */
                sym->scope = SC_FREE;
            }
        }
    }
    r = 0;
done:
    free(newbound.names);
    return r;
}

/* ---- entry ------------------------------------------------------------- */

TrScope *symtable_build(TrThread *ts, TrAstModule *mod, TrSyntaxError *err)
{
    Visitor v = {.ts = ts, .err = err};
    TrScope *top = new_scope(&v, SCOPE_MODULE, "<module>", NULL);
    if (!top) { nomem(&v); return NULL; }
    v.cur = top;
    err->msg[0] = 0;
    if (visit_stmts(&v, &mod->body) < 0) goto fail;
    NameSet empty = {0};
    if (analyze(&v, top, &empty) < 0) goto fail;
    free(v.comp);
    return top;
fail:
    free(v.comp);
    symtable_free(top);
    return NULL;
}
