/* core/compile.c: AST -> instructions, one TrCUnit per code object.
 *
 * Names are resolved with the symbol table (core/symtable.c): module code
 * uses the *_GLOBAL opcodes (its locals are its globals), functions use
 * *_FAST for locals, *_DEREF for cells and free variables (cells first), and
 * *_GLOBAL for the rest.  Comprehensions are inlined (PEP 709): their
 * iteration variables get hidden fast slots, found through the unit's
 * `comp` map before the symbol table.
 *
 * Leaving a block early (break, continue, return) unwinds the compile-time
 * block stack `fb` and emits what each block needs: POP_TOP of a for loop's
 * iterator, POP_BLOCK of a try, POP_EXCEPT of a handler, the call of a
 * with's __exit__, and the body of each finally, inline.
 *
 * Errors: every function returns 0, or -1 with either a SyntaxError in
 * `c->err` or MemoryError set on `c->ts` (err->msg[0] == 0).
 * Threads: one thread compiles; see core/compile.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/compile.h"
#include "core/opcodes.h"
#include "core/traceback.h"   /* traceback_syntax_warning */
#include "torii/error.h"
#include "torii/recursion.h"
#include "torii/str.h"
#include "torii/bytes.h"
#include "torii/complex.h"
#include "torii/int.h"
#include "torii/float.h"
#include "torii/tuple.h"
#include "torii/abstract.h"

#define MAX_FBLOCKS 64

enum { FB_WHILE, FB_FOR, FB_TRY_EXCEPT, FB_TRY_FINALLY, FB_FINALLY_END, FB_HANDLER, FB_WITH, FB_ASYNC_WITH,
       FB_POP_VALUE, FB_EXCEPT_STAR /* an except* clause's body: break, continue and return may not leave it */ };

typedef struct FBlock {
    int kind;
    int cont, brk;               /* loops: labels for continue and break */
    TrStmtList *finalbody;       /* FB_TRY_FINALLY */
    const char *name;            /* FB_HANDLER: the `as` name or NULL */
    TrSpan span;                 /* FB_WITH: the context expression */
} FBlock;

typedef struct CompVar { const char *name; int slot; } CompVar;

typedef struct Compiler {
    TrThread *ts;
    TrSyntaxError *err;
    TrObject *filename;
    TrCUnit *u;
    FBlock fb[MAX_FBLOCKS];      /* of the current unit; saved around nested units */
    int nfb;
    CompVar *comp;               /* active comprehension variables of the current unit */
    size_t ncomp, comp_cap, comp_base;
    TrSpan last_span;            /* span of the last statement compiled, for implicit returns */
    bool by_name;                /* exec/eval/compile(): module-level names go through the locals
                                  * mapping (LOAD_NAME/STORE_NAME), as CPython compiles them */
    TrObject *printer;           /* "single" mode: called with each expression statement's value */
    bool future_annotations;     /* `from __future__ import annotations`: functions' annotations are
                                  * not evaluated (CPython keeps them as strings; torii leaves them out) */
} Compiler;

#define TRY(x) do { if ((x) < 0) return -1; } while (0)

/* ---- errors ------------------------------------------------------------ */

static int nomem(Compiler *c)
{
    c->err->msg[0] = 0;
    if (!err_occurred(c->ts)) err_nomemory(c->ts);
    return -1;
}

/* An error while making a constant: MemoryError, or whatever was raised. */
static int obj_failed(Compiler *c)
{
    c->err->msg[0] = 0;
    return -1;
}

static int syntax_error(Compiler *c, TrSpan sp, const char *msg)
{
    snprintf(c->err->msg, sizeof c->err->msg, "%s", msg);
    c->err->type = "SyntaxError";
    c->err->lineno = sp.lineno;
    c->err->col = sp.col;
    c->err->end_lineno = sp.end_lineno;
    c->err->end_col = sp.end_col;
    c->err->text = NULL;
    return -1;
}

/* ---- units ------------------------------------------------------------- */

static int grow(void **arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return 0;
    size_t n = *cap ? *cap * 2 : 16;
    while (n < need) n *= 2;
    void *p = realloc(*arr, n * elem);
    if (!p) return -1;
    *arr = p;
    *cap = n;
    return 0;
}

static void unit_free(TrCUnit *u)
{
    if (!u) return;
    for (size_t i = 0; i < u->nconsts; i++) tr_decref(u->consts[i]);
    for (size_t i = 0; i < u->nnames; i++) tr_decref(u->names[i]);
    for (size_t i = 0; i < u->nvarnames; i++) tr_decref(u->varnames[i]);
    for (size_t i = 0; i < u->ncellvars; i++) tr_decref(u->cellvars[i]);
    for (size_t i = 0; i < u->nfreevars; i++) tr_decref(u->freevars[i]);
    tr_xdecref(u->name);
    tr_xdecref(u->qualname);
    free(u->code); free(u->labels); free(u->consts); free(u->names); free(u->varnames);
    free(u->cellvars); free(u->freevars); free(u->cell2arg);
    free(u);
}

static TrPosition pos_of(TrSpan sp)
{
    TrPosition p = {sp.lineno, sp.end_lineno, sp.col, sp.end_col};
    return p;
}

static int emit(Compiler *c, int op, int arg, TrSpan sp)
{
    TrCUnit *u = c->u;
    if (grow((void **)&u->code, &u->code_cap, u->ncode + 1, sizeof *u->code) < 0) return nomem(c);
    u->code[u->ncode].op = op;
    u->code[u->ncode].arg = arg;
    u->code[u->ncode].pos = pos_of(sp);
    u->ncode++;
    return 0;
}

static int new_label(Compiler *c)
{
    TrCUnit *u = c->u;
    if (grow((void **)&u->labels, &u->labels_cap, u->nlabels + 1, sizeof *u->labels) < 0) return nomem(c);
    u->labels[u->nlabels] = -1;
    return (int)u->nlabels++;
}

static void use_label(Compiler *c, int l) { c->u->labels[l] = (int)c->u->ncode; }

/* Interned str for `s`; borrowed (immortal). */
static TrObject *intern(Compiler *c, const char *s)
{
    TrObject *o = str_intern_cstr(c->ts, s);
    if (!o) nomem(c);
    return o;
}

/* Index of interned `o` in `arr`, appending it if missing; -1 on MemoryError. */
static int add_obj(Compiler *c, TrObject ***arr, size_t *n, size_t *cap, TrObject *o)
{
    for (size_t i = 0; i < *n; i++)
        if ((*arr)[i] == o) return (int)i;
    if (grow((void **)arr, cap, *n + 1, sizeof **arr) < 0) return nomem(c);
    (*arr)[*n] = tr_newref(o);
    return (int)(*n)++;
}

/* Private name mangling, as CPython does: inside a class (and the functions
 * nested in it), `__spam` — two leading underscores, not two trailing, no
 * dot — names `_Class__spam`, with the class name's leading underscores
 * stripped (a class named only underscores mangles nothing).  Applied to the
 * names of attributes, globals and by-name variables; fast locals keep their
 * source names (only introspection such as co_varnames could tell).
 * Returns `name`, or the mangled form in `buf`. */
static const char *mangle(Compiler *c, const char *name, char *buf, size_t n)
{
    size_t len = strlen(name);
    if (len < 3 || name[0] != '_' || name[1] != '_' || strchr(name, '.') ||
        (name[len - 1] == '_' && name[len - 2] == '_'))
        return name;
    const TrScope *s = c->u->scope;
    while (s && s->kind != SCOPE_CLASS) s = s->parent;
    if (!s) return name;
    const char *cls = s->name;
    while (*cls == '_') cls++;
    if (!*cls || (size_t)snprintf(buf, n, "_%s%s", cls, name) >= n) return name;
    return buf;
}

static int name_index(Compiler *c, const char *name)
{
    char buf[512];
    TrObject *o = intern(c, mangle(c, name, buf, sizeof buf));
    if (!o) return -1;
    return add_obj(c, &c->u->names, &c->u->nnames, &c->u->names_cap, o);
}

static bool same_const(TrObject *a, TrObject *b)
{
    if (a == b) return true;
    if (tr_type(a) != tr_type(b)) return false;
    if (tr_type(a) == &tr_int_type) return int_compare(a, b) == 0;
    if (tr_type(a) == &tr_float_type) {
        double x = float_value(a), y = float_value(b);
        return memcmp(&x, &y, sizeof x) == 0;
    }
    if (tr_type(a) == &tr_tuple_type) {
        if (tuple_size(a) != tuple_size(b)) return false;
        for (size_t i = 0; i < tuple_size(a); i++)
            if (!same_const(tuple_get(a, i), tuple_get(b, i))) return false;
        return true;
    }
    if (tr_type(a) == &tr_bytes_type)
        return bytes_size(a) == bytes_size(b) && memcmp(bytes_data(a), bytes_data(b), bytes_size(a)) == 0;
    return false;   /* strs are interned: identity covers them; code objects never merge */
}

/* Index of constant `o` (stolen) in the unit's consts; -1 on MemoryError. */
static int const_index_take(Compiler *c, TrObject *o)
{
    TrCUnit *u = c->u;
    if (tr_type(o) != &tr_code_type) {
        for (size_t i = 0; i < u->nconsts; i++)
            if (same_const(u->consts[i], o)) { tr_decref(o); return (int)i; }
    }
    if (grow((void **)&u->consts, &u->consts_cap, u->nconsts + 1, sizeof *u->consts) < 0) {
        tr_decref(o);
        return nomem(c);
    }
    /* Constants are shared by every thread running the code: never counted. */
    tr_make_immortal(o);
    u->consts[u->nconsts] = o;
    return (int)u->nconsts++;
}

static int load_const_take(Compiler *c, TrObject *o, TrSpan sp)
{
    if (!o) return obj_failed(c);
    int i = const_index_take(c, o);
    if (i < 0) return -1;
    return emit(c, OP_LOAD_CONST, i, sp);
}

static int load_none(Compiler *c, TrSpan sp) { return load_const_take(c, tr_none, sp); }

/* Adds `name` as a new fast local slot (duplicates allowed: hidden
 * comprehension slots); returns the slot or -1. */
static int add_varname(Compiler *c, const char *name)
{
    TrCUnit *u = c->u;
    TrObject *o = intern(c, name);
    if (!o) return -1;
    if (grow((void **)&u->varnames, &u->varnames_cap, u->nvarnames + 1, sizeof *u->varnames) < 0) return nomem(c);
    u->varnames[u->nvarnames] = tr_newref(o);
    return (int)u->nvarnames++;
}

static int find_obj(TrObject **arr, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(str_utf8(arr[i]), name) == 0) return (int)i;
    return -1;
}

/* Sets up a unit for `scope`: varnames (parameters first), cells, frees. */
static TrCUnit *unit_new(Compiler *c, TrScope *scope, TrArguments *args, const char *name, int firstlineno)
{
    TrCUnit *u = calloc(1, sizeof *u);
    if (!u) { nomem(c); return NULL; }
    u->scope = scope;
    u->parent = c->u;
    u->firstlineno = firstlineno;
    TrCUnit *saved = c->u;
    c->u = u;
    u->name = intern(c, name);
    if (!u->name) goto fail;
    tr_incref(u->name);
    /* Qualified name: CPython's rules (function parents add ".<locals>"). */
    if (!saved || scope->kind == SCOPE_MODULE || saved->scope->kind == SCOPE_MODULE) {
        u->qualname = tr_newref(u->name);
    } else {
        const char *pq = str_utf8(saved->qualname);
        const char *mid = saved->scope->kind == SCOPE_FUNCTION ? ".<locals>." : ".";
        size_t n = strlen(pq) + strlen(mid) + strlen(name) + 1;
        char *buf = malloc(n);
        if (!buf) { nomem(c); goto fail; }
        snprintf(buf, n, "%s%s%s", pq, mid, name);
        u->qualname = str_from_cstr(c->ts, buf);
        free(buf);
        if (!u->qualname) { obj_failed(c); goto fail; }
    }
    if (args) {
        u->posonlyargcount = (int)args->nposonly;
        u->argcount = (int)(args->nposonly + args->nargs);
        u->kwonlyargcount = (int)args->nkwonly;
        for (size_t i = 0; i < args->nposonly; i++) if (add_varname(c, args->posonly[i].name) < 0) goto fail;
        for (size_t i = 0; i < args->nargs; i++) if (add_varname(c, args->args[i].name) < 0) goto fail;
        for (size_t i = 0; i < args->nkwonly; i++) if (add_varname(c, args->kwonly[i].name) < 0) goto fail;
        if (args->vararg) { u->flags |= TR_CO_VARARGS; if (add_varname(c, args->vararg->name) < 0) goto fail; }
        if (args->kwarg) { u->flags |= TR_CO_VARKW; if (add_varname(c, args->kwarg->name) < 0) goto fail; }
    }
    if (scope->kind == SCOPE_MODULE) u->flags |= TR_CO_MODULE;
    if (scope->is_generator) u->flags |= TR_CO_GENERATOR;
    if (scope->is_coroutine)
        u->flags |= TR_CO_GENERATOR | (scope->is_generator ? TR_CO_ASYNC_GENERATOR : TR_CO_COROUTINE);
    size_t nparams = u->nvarnames;
    size_t ncell = 0, nfree = 0;
    for (size_t i = 0; i < scope->nsyms; i++) {
        TrSymbol *sym = &scope->syms[i];
        if (sym->scope == SC_CELL) ncell++;
        else if (sym->scope == SC_FREE) nfree++;
        else if (sym->scope == SC_LOCAL && scope->kind == SCOPE_FUNCTION && !(sym->flags & SYM_PARAM))
            if (add_varname(c, sym->name) < 0) goto fail;
    }
    if (ncell) {
        u->cellvars = calloc(ncell, sizeof *u->cellvars);
        u->cell2arg = malloc(ncell * sizeof *u->cell2arg);
        if (!u->cellvars || !u->cell2arg) { nomem(c); goto fail; }
    }
    if (nfree) {
        u->freevars = calloc(nfree, sizeof *u->freevars);
        if (!u->freevars) { nomem(c); goto fail; }
    }
    bool any_arg_cell = false;
    for (size_t i = 0; i < scope->nsyms; i++) {
        TrSymbol *sym = &scope->syms[i];
        if (sym->scope != SC_CELL && sym->scope != SC_FREE) continue;
        TrObject *o = intern(c, sym->name);
        if (!o) goto fail;
        if (sym->scope == SC_CELL) {
            int arg = (sym->flags & SYM_PARAM) ? find_obj(u->varnames, nparams, sym->name) : -1;
            if (arg >= 0) any_arg_cell = true;
            u->cell2arg[u->ncellvars] = arg;
            u->cellvars[u->ncellvars++] = tr_newref(o);
        } else {
            u->freevars[u->nfreevars++] = tr_newref(o);
        }
    }
    if (!any_arg_cell) { free(u->cell2arg); u->cell2arg = NULL; }
    c->u = saved;
    return u;
fail:
    c->u = saved;
    unit_free(u);
    return NULL;
}

/* ---- names ------------------------------------------------------------- */

static int name_op(Compiler *c, const char *name, TrCtx ctx, TrSpan sp)
{
    static const int fast[] = {OP_LOAD_FAST, OP_STORE_FAST, OP_DELETE_FAST};
    static const int deref[] = {OP_LOAD_DEREF, OP_STORE_DEREF, OP_DELETE_DEREF};
    static const int global[] = {OP_LOAD_GLOBAL, OP_STORE_GLOBAL, OP_DELETE_GLOBAL};
    static const int byname[] = {OP_LOAD_NAME, OP_STORE_NAME, OP_DELETE_NAME};
    TrCUnit *u = c->u;
    for (size_t i = c->ncomp; i > c->comp_base; i--)
        if (strcmp(c->comp[i - 1].name, name) == 0) return emit(c, fast[ctx], c->comp[i - 1].slot, sp);
    TrSymbol *sym = symtable_lookup(u->scope, name);
    int sc = sym ? sym->scope : SC_GLOBAL_IMPLICIT;
    if (sc == SC_CELL || sc == SC_FREE) {
        int i = find_obj(u->cellvars, u->ncellvars, name);
        if (i < 0) {
            i = find_obj(u->freevars, u->nfreevars, name);
            if (i >= 0) i += (int)u->ncellvars;
        }
        if (i >= 0) return emit(c, deref[ctx], i, sp);
    }
    if (u->scope->kind == SCOPE_FUNCTION && sc == SC_LOCAL) {
        int i = find_obj(u->varnames, u->nvarnames, name);
        if (i >= 0) return emit(c, fast[ctx], i, sp);
    }
    int ni = name_index(c, name);
    if (ni < 0) return -1;
    if ((u->scope->kind == SCOPE_CLASS || (c->by_name && u->scope->kind == SCOPE_MODULE)) &&
        sc != SC_GLOBAL_EXPLICIT)
        return emit(c, byname[ctx], ni, sp);
    return emit(c, global[ctx], ni, sp);
}

/* ---- forward declarations --------------------------------------------- */

static int compile_expr(Compiler *c, TrAstExpr *e);
static int compile_stmts(Compiler *c, TrStmtList *l);
static int compile_store(Compiler *c, TrAstExpr *e);
static int compile_jump_if(Compiler *c, TrAstExpr *e, bool cond, int target);

/* ---- blocks ------------------------------------------------------------ */

static int push_fb(Compiler *c, int kind, TrSpan sp, FBlock **out)
{
    if (c->nfb == MAX_FBLOCKS) return syntax_error(c, sp, "too many statically nested blocks");
    FBlock *fb = &c->fb[c->nfb++];
    memset(fb, 0, sizeof *fb);
    fb->kind = kind;
    fb->span = sp;
    if (out) *out = fb;
    return 0;
}

static int call_exit_none(Compiler *c, TrSpan sp)
{
    TRY(emit(c, OP_PUSH_NULL, 0, sp));
    for (int i = 0; i < 3; i++) TRY(load_none(c, sp));
    TRY(emit(c, OP_CALL, 3, sp));
    return emit(c, OP_POP_TOP, 0, sp);
}

/* `await` of the value on top: [v] -> [result].  `where` is GET_AWAITABLE's
 * argument (0 await, 1 __aenter__, 2 __aexit__: it picks the TypeError). */
static int emit_await(Compiler *c, int where, TrSpan sp)
{
    TRY(emit(c, OP_GET_AWAITABLE, where, sp));
    TRY(load_none(c, sp));
    return emit(c, OP_YIELD_FROM, 0, sp);
}

/* `async with`'s exit on the way out: [exit] -> [], awaiting exit(None, None, None). */
static int call_aexit_none(Compiler *c, TrSpan sp)
{
    TRY(emit(c, OP_PUSH_NULL, 0, sp));
    for (int i = 0; i < 3; i++) TRY(load_none(c, sp));
    TRY(emit(c, OP_CALL, 3, sp));
    TRY(emit_await(c, 2, sp));
    return emit(c, OP_POP_TOP, 0, sp);
}

/* 1 if the current unit is an `async def` (or an asynchronous
 * comprehension's own function), where await, async for and async with may
 * appear. */
static bool in_async(Compiler *c) { return c->u->scope->kind == SCOPE_FUNCTION && c->u->scope->is_coroutine; }

/* Emits what leaving block c->fb[i] needs.  `preserve`: a value (the return
 * value) sits on top of the stack and must stay there. */
static int unwind_one(Compiler *c, int i, bool preserve, TrSpan sp)
{
    FBlock fb = c->fb[i];
    switch (fb.kind) {
    case FB_WHILE:
        return 0;
    case FB_FOR:
    case FB_POP_VALUE:
        if (preserve) TRY(emit(c, OP_SWAP, 2, sp));
        return emit(c, OP_POP_TOP, 0, sp);
    case FB_TRY_EXCEPT:
        return emit(c, OP_POP_BLOCK, 0, sp);
    case FB_TRY_FINALLY: {
        TRY(emit(c, OP_POP_BLOCK, 0, sp));
        /* The finally body runs with the blocks outside this one: a break
         * in it unwinds those only.  Blocks inside were already unwound. */
        int saved = c->nfb;
        FBlock inner[MAX_FBLOCKS];
        int ninner = saved - i;
        memcpy(inner, &c->fb[i], (size_t)ninner * sizeof *inner);
        c->nfb = i;
        int r = 0;
        if (preserve) r = push_fb(c, FB_POP_VALUE, sp, NULL);
        if (r == 0) r = compile_stmts(c, fb.finalbody);
        c->nfb = i;
        memcpy(&c->fb[i], inner, (size_t)ninner * sizeof *inner);
        c->nfb = saved;
        return r;
    }
    case FB_FINALLY_END:
        if (preserve) {
            TRY(emit(c, OP_SWAP, 2, sp));
            TRY(emit(c, OP_POP_TOP, 0, sp));
            TRY(emit(c, OP_SWAP, 2, sp));
        } else {
            TRY(emit(c, OP_POP_TOP, 0, sp));
        }
        return emit(c, OP_POP_EXCEPT, 0, sp);
    case FB_HANDLER:
        if (fb.name) {
            TRY(emit(c, OP_POP_BLOCK, 0, sp));
            TRY(load_none(c, sp));
            TRY(name_op(c, fb.name, CTX_STORE, sp));
            TRY(name_op(c, fb.name, CTX_DEL, sp));
        }
        if (preserve) TRY(emit(c, OP_SWAP, 2, sp));
        return emit(c, OP_POP_EXCEPT, 0, sp);
    case FB_WITH:
        TRY(emit(c, OP_POP_BLOCK, 0, sp));
        if (preserve) TRY(emit(c, OP_SWAP, 2, sp));
        return call_exit_none(c, fb.span);
    case FB_ASYNC_WITH:
        TRY(emit(c, OP_POP_BLOCK, 0, sp));
        if (preserve) TRY(emit(c, OP_SWAP, 2, sp));
        return call_aexit_none(c, fb.span);
    }
    return 0;
}

/* ---- expressions ------------------------------------------------------- */

static int compile_exprs(Compiler *c, TrExprList *l)
{
    for (size_t i = 0; i < l->len; i++) TRY(compile_expr(c, l->items[i]));
    return 0;
}

static bool has_starred(TrExprList *l)
{
    for (size_t i = 0; i < l->len; i++)
        if (l->items[i]->kind == E_STARRED) return true;
    return false;
}

/* Builds a list of `l` (with *starred items) on the stack. */
static int build_list_starred(Compiler *c, TrExprList *l, TrSpan sp)
{
    size_t i = 0;
    while (i < l->len && l->items[i]->kind != E_STARRED) TRY(compile_expr(c, l->items[i++]));
    TRY(emit(c, OP_BUILD_LIST, (int)i, sp));
    for (; i < l->len; i++) {
        TrAstExpr *it = l->items[i];
        if (it->kind == E_STARRED) {
            TRY(compile_expr(c, it->starred.value));
            TRY(emit(c, OP_LIST_EXTEND, 1, sp));
        } else {
            TRY(compile_expr(c, it));
            TRY(emit(c, OP_LIST_APPEND, 1, sp));
        }
    }
    return 0;
}

static int compile_sequence(Compiler *c, TrAstExpr *e)
{
    TrExprList *l = &e->elts;
    if (!has_starred(l)) {
        TRY(compile_exprs(c, l));
        int op = e->kind == E_TUPLE ? OP_BUILD_TUPLE : e->kind == E_LIST ? OP_BUILD_LIST : OP_BUILD_SET;
        return emit(c, op, (int)l->len, e->span);
    }
    if (e->kind == E_SET) {
        size_t i = 0;
        while (i < l->len && l->items[i]->kind != E_STARRED) TRY(compile_expr(c, l->items[i++]));
        TRY(emit(c, OP_BUILD_SET, (int)i, e->span));
        for (; i < l->len; i++) {
            TrAstExpr *it = l->items[i];
            if (it->kind == E_STARRED) {
                TRY(compile_expr(c, it->starred.value));
                TRY(emit(c, OP_SET_UPDATE, 1, e->span));
            } else {
                TRY(compile_expr(c, it));
                TRY(emit(c, OP_SET_ADD, 1, e->span));
            }
        }
        return 0;
    }
    TRY(build_list_starred(c, l, e->span));
    if (e->kind == E_TUPLE) TRY(emit(c, OP_LIST_TO_TUPLE, 0, e->span));
    return 0;
}

static int compile_dict(Compiler *c, TrAstExpr *e)
{
    size_t n = e->dict.keys.len, i = 0;
    while (i < n && e->dict.keys.items[i]) {
        TRY(compile_expr(c, e->dict.keys.items[i]));
        TRY(compile_expr(c, e->dict.values.items[i]));
        i++;
    }
    TRY(emit(c, OP_BUILD_MAP, (int)i, e->span));
    for (; i < n; i++) {
        if (e->dict.keys.items[i]) {
            TRY(compile_expr(c, e->dict.keys.items[i]));
            TRY(compile_expr(c, e->dict.values.items[i]));
            TRY(emit(c, OP_MAP_ADD, 1, e->span));
        } else {
            TRY(compile_expr(c, e->dict.values.items[i]));
            TRY(emit(c, OP_DICT_UPDATE, 1, e->span));
        }
    }
    return 0;
}

/* ---- compile-time SyntaxWarnings, as CPython's compiler gives them ------- */

static void warn(Compiler *c, TrSpan sp, const char *msg)
{
    traceback_syntax_warning(str_utf8(c->filename), sp.lineno, msg);
}

/* The value of an E_FLOAT literal, negated when `neg`: a float, or for an
 * imaginary literal a complex (-(2j) folds to (-0-2j), as CPython); new
 * reference or NULL. */
static TrObject *float_const(Compiler *c, TrAstExpr *e, bool neg)
{
    if (e->imag) return complex_new(c->ts, neg ? -0.0 : 0.0, neg ? -e->fval : e->fval);
    return float_new(c->ts, neg ? -e->fval : e->fval);
}

/* The type name of `e` when CPython's AST optimizer makes it a constant that
 * `is` should not be used with (not None, True, False or ...); else NULL. */
static const char *literal_type(TrAstExpr *e)
{
    switch (e->kind) {
    case E_INT: return "int";
    case E_FLOAT: return e->imag ? "complex" : "float";
    case E_STR: return "str";
    case E_BYTES: return "bytes";
    case E_UNARY:
        if (e->unary.unop != U_NOT && (e->unary.operand->kind == E_INT ||
                                       (e->unary.operand->kind == E_FLOAT && e->unary.unop != U_INVERT)))
            return literal_type(e->unary.operand);
        return NULL;
    case E_TUPLE:
        for (size_t i = 0; i < e->elts.len; i++) {
            TrAstExpr *x = e->elts.items[i];
            if (!literal_type(x) && x->kind != E_NONE && x->kind != E_TRUE && x->kind != E_FALSE &&
                x->kind != E_ELLIPSIS)
                return NULL;
        }
        return "tuple";
    default: return NULL;
    }
}

static void check_is_literal(Compiler *c, TrAstExpr *e)
{
    TrAstExpr *left = e->compare.left;
    for (size_t i = 0; i < e->compare.comparators.len; i++) {
        TrAstExpr *right = e->compare.comparators.items[i];
        TrCmpOp op = e->compare.ops[i];
        if (op == C_IS || op == C_ISNOT) {
            const char *lt = literal_type(left), *t = lt ? lt : literal_type(right);
            if (t) {
                char msg[96];
                snprintf(msg, sizeof msg, "\"%s\" with '%s' literal. Did you mean \"%s\"?",
                         op == C_IS ? "is" : "is not", t, op == C_IS ? "==" : "!=");
                warn(c, e->span, msg);
            }
        }
        left = right;
    }
}

static int compile_compare(Compiler *c, TrAstExpr *e)
{
    check_is_literal(c, e);
    static const int cmp[] = {TR_EQ, TR_NE, TR_LT, TR_LE, TR_GT, TR_GE};
    size_t n = e->compare.comparators.len;
    TrSpan sp = e->span;
    TRY(compile_expr(c, e->compare.left));
    int cleanup = -1, end = -1;
    if (n > 1) {
        if ((cleanup = new_label(c)) < 0 || (end = new_label(c)) < 0) return -1;
    }
    for (size_t i = 0; i < n; i++) {
        TRY(compile_expr(c, e->compare.comparators.items[i]));
        if (i + 1 < n) {
            TRY(emit(c, OP_SWAP, 2, sp));
            TRY(emit(c, OP_COPY, 2, sp));
        }
        TrCmpOp op = e->compare.ops[i];
        if (op <= C_GE) TRY(emit(c, OP_COMPARE_OP, cmp[op], sp));
        else if (op == C_IS || op == C_ISNOT) TRY(emit(c, OP_IS_OP, op == C_ISNOT, sp));
        else TRY(emit(c, OP_CONTAINS_OP, op == C_NOTIN, sp));
        if (i + 1 < n) TRY(emit(c, OP_JUMP_IF_FALSE_OR_POP, cleanup, sp));
    }
    if (n > 1) {
        TRY(emit(c, OP_JUMP, end, sp));
        use_label(c, cleanup);
        TRY(emit(c, OP_SWAP, 2, sp));
        TRY(emit(c, OP_POP_TOP, 0, sp));
        use_label(c, end);
    }
    return 0;
}

static int compile_call(Compiler *c, TrAstExpr *e)
{
    TrAstExpr *f = e->call.func;
    bool star = has_starred(&e->call.args);
    for (size_t i = 0; i < e->call.nkeywords; i++)
        if (!e->call.keywords[i].arg) star = true;
    if (f->kind == E_ATTR && !star) {
        TRY(compile_expr(c, f->attr.value));
        int ni = name_index(c, f->attr.attr);
        if (ni < 0) return -1;
        TRY(emit(c, OP_LOAD_METHOD, ni, f->span));
    } else {
        TRY(compile_expr(c, f));
        TRY(emit(c, OP_PUSH_NULL, 0, f->span));
    }
    if (!star) {
        TRY(compile_exprs(c, &e->call.args));
        if (e->call.nkeywords == 0) return emit(c, OP_CALL, (int)e->call.args.len, e->span);
        for (size_t i = 0; i < e->call.nkeywords; i++) TRY(compile_expr(c, e->call.keywords[i].value));
        TrObject *names = tuple_new(c->ts, e->call.nkeywords);
        if (!names) return obj_failed(c);
        for (size_t i = 0; i < e->call.nkeywords; i++) {
            TrObject *k = str_intern_cstr(c->ts, e->call.keywords[i].arg);
            if (!k) {
                for (size_t j = i; j < e->call.nkeywords; j++) tuple_set_take(names, j, tr_none);
                tr_decref(names);
                return nomem(c);
            }
            tuple_set_take(names, i, k);
        }
        TRY(load_const_take(c, names, e->span));
        return emit(c, OP_CALL_KW, (int)(e->call.args.len + e->call.nkeywords), e->span);
    }
    if (e->call.args.len == 1 && e->call.args.items[0]->kind == E_STARRED) {
        /* f(*a): CALL_EX makes the tuple (and names f if `a` is no iterable). */
        TRY(compile_expr(c, e->call.args.items[0]->starred.value));
    } else {
        TRY(build_list_starred(c, &e->call.args, e->span));
        TRY(emit(c, OP_LIST_TO_TUPLE, 0, e->span));
    }
    if (e->call.nkeywords == 0) return emit(c, OP_CALL_EX, 0, e->span);
    /* Keyword groups merge into one dict; DICT_MERGE reports duplicates. */
    size_t i = 0, n = e->call.nkeywords;
    TrKeyword *kw = e->call.keywords;
    int groups = 0;
    while (i < n) {
        if (!kw[i].arg) {
            if (groups == 0) TRY(emit(c, OP_BUILD_MAP, 0, e->span));
            TRY(compile_expr(c, kw[i].value));
            TRY(emit(c, OP_DICT_MERGE, 1, e->span));
            i++;
        } else {
            size_t j = i;
            for (; j < n && kw[j].arg; j++) {
                TrObject *k = str_intern_cstr(c->ts, kw[j].arg);
                TRY(load_const_take(c, k ? k : NULL, kw[j].span));
                TRY(compile_expr(c, kw[j].value));
            }
            TRY(emit(c, OP_BUILD_MAP, (int)(j - i), e->span));
            if (groups > 0) TRY(emit(c, OP_DICT_MERGE, 1, e->span));
            i = j;
        }
        groups++;
    }
    return emit(c, OP_CALL_EX, 1, e->span);
}

static int compile_slice_parts(Compiler *c, TrAstExpr *s)
{
    if (s->slice.lower) TRY(compile_expr(c, s->slice.lower)); else TRY(load_none(c, s->span));
    if (s->slice.upper) TRY(compile_expr(c, s->slice.upper)); else TRY(load_none(c, s->span));
    if (s->slice.step) {
        TRY(compile_expr(c, s->slice.step));
        return emit(c, OP_BUILD_SLICE, 3, s->span);
    }
    return emit(c, OP_BUILD_SLICE, 2, s->span);
}

static int compile_joined(Compiler *c, TrAstExpr *e)
{
    size_t n = e->joined.len;
    for (size_t i = 0; i < n; i++) TRY(compile_expr(c, e->joined.items[i]));
    if (n == 1) return 0;   /* a lone part is already a str (FORMAT_VALUE or a constant) */
    if (n == 0) return load_const_take(c, str_intern_cstr(c->ts, ""), e->span);
    return emit(c, OP_BUILD_STRING, (int)n, e->span);
}

static int compile_formatted(Compiler *c, TrAstExpr *e)
{
    TRY(compile_expr(c, e->formatted.value));
    int arg = TR_FV_NONE;
    switch (e->formatted.conversion) {
    case 's': arg = TR_FV_STR; break;
    case 'r': arg = TR_FV_REPR; break;
    case 'a': arg = TR_FV_ASCII; break;
    }
    if (e->formatted.format_spec) {
        TRY(compile_expr(c, e->formatted.format_spec));
        arg |= TR_FV_HAVE_SPEC;
    }
    return emit(c, OP_FORMAT_VALUE, arg, e->span);
}

static TrObject *int_const(Compiler *c, const char *text, bool neg)
{
    size_t n = strlen(text);
    if (!neg) return int_from_string(c->ts, text, n, 0);
    char *buf = malloc(n + 2);
    if (!buf) return err_nomemory(c->ts);
    buf[0] = '-';
    memcpy(buf + 1, text, n + 1);
    TrObject *o = int_from_string(c->ts, buf, n + 1, 0);
    free(buf);
    return o;
}

/* Inlined comprehension (PEP 709): the iteration variables get hidden fast
 * slots; [.., result, iter] while looping; LIST_APPEND/SET_ADD/MAP_ADD reach
 * the result below the open iterators. */
static int compile_comp_gen(Compiler *c, TrAstExpr *e, size_t g, int depth)
{
    TrComprehension *gen = &e->comp.generators[g];
    int start = new_label(c), end = new_label(c), handler = new_label(c);
    if (start < 0 || end < 0 || handler < 0) return -1;
    TrSpan isp = gen->iter->span;
    if (g > 0) {
        TRY(compile_expr(c, gen->iter));
        TRY(emit(c, gen->is_async ? OP_GET_AITER : OP_GET_ITER, 0, isp));
    }
    use_label(c, start);
    if (gen->is_async) {
        /* [.., aiter]: StopAsyncIteration from the awaited __anext__ ends the loop */
        TRY(emit(c, OP_SETUP_FINALLY, handler, isp));
        TRY(emit(c, OP_GET_ANEXT, 0, isp));
        TRY(load_none(c, isp));
        TRY(emit(c, OP_YIELD_FROM, 0, isp));
        TRY(emit(c, OP_POP_BLOCK, 0, isp));
    } else {
        TRY(emit(c, OP_FOR_ITER, end, isp));
    }
    TRY(compile_store(c, gen->target));
    for (size_t i = 0; i < gen->ifs.len; i++) TRY(compile_jump_if(c, gen->ifs.items[i], false, start));
    if (g + 1 < e->comp.ngenerators) {
        TRY(compile_comp_gen(c, e, g + 1, depth + 1));
    } else if (e->kind == E_DICTCOMP) {
        TRY(compile_expr(c, e->comp.elt));
        TRY(compile_expr(c, e->comp.value));
        TRY(emit(c, OP_MAP_ADD, depth + 1, e->comp.elt->span));
    } else if (e->kind == E_GENEXP) {
        TRY(compile_expr(c, e->comp.elt));
        if (c->u->scope->is_coroutine) TRY(emit(c, OP_ASYNC_GEN_WRAP, 0, e->comp.elt->span));
        TRY(emit(c, OP_YIELD_VALUE, 0, e->comp.elt->span));
        TRY(emit(c, OP_POP_TOP, 0, e->comp.elt->span));
    } else {
        TRY(compile_expr(c, e->comp.elt));
        TRY(emit(c, e->kind == E_SETCOMP ? OP_SET_ADD : OP_LIST_APPEND, depth + 1, e->comp.elt->span));
    }
    TRY(emit(c, OP_JUMP, start, e->comp.elt->span));
    if (gen->is_async) {
        use_label(c, handler);
        TRY(emit(c, OP_END_ASYNC_FOR, 0, isp));
    }
    use_label(c, end);
    return 0;
}

static int comp_target_names(Compiler *c, TrAstExpr *t)
{
    switch (t->kind) {
    case E_NAME: {
        for (size_t i = c->ncomp; i > c->comp_base; i--)
            if (strcmp(c->comp[i - 1].name, t->name) == 0) return 0;   /* rebinding within one comp */
        int slot = add_varname(c, t->name);
        if (slot < 0) return -1;
        if (grow((void **)&c->comp, &c->comp_cap, c->ncomp + 1, sizeof *c->comp) < 0) return nomem(c);
        c->comp[c->ncomp].name = t->name;
        c->comp[c->ncomp].slot = slot;
        c->ncomp++;
        return 0;
    }
    case E_TUPLE: case E_LIST:
        for (size_t i = 0; i < t->elts.len; i++) TRY(comp_target_names(c, t->elts.items[i]));
        return 0;
    case E_STARRED:
        return comp_target_names(c, t->starred.value);
    default:
        return 0;
    }
}

static int make_function(Compiler *c, TrScope *scope, TrArguments *args, const char *name,
                         int firstlineno, TrAstStmt *def, TrAstExpr *lambda, TrSpan sp);

/* The body of a comprehension with its own function scope (genexps, and
 * comprehensions holding a lambda or genexp): argument 0 (".0") is the
 * outermost iterator; a genexp yields each element, the others build and
 * return their container. */
static int compile_comp_body(Compiler *c, TrAstExpr *e)
{
    if (e->kind != E_GENEXP) {
        int op = e->kind == E_SETCOMP ? OP_BUILD_SET : e->kind == E_DICTCOMP ? OP_BUILD_MAP : OP_BUILD_LIST;
        TRY(emit(c, op, 0, e->span));
    }
    TRY(emit(c, OP_LOAD_FAST, 0, e->comp.generators[0].iter->span));
    TRY(compile_comp_gen(c, e, 0, 1));
    if (e->kind == E_GENEXP) TRY(load_none(c, e->span));
    return emit(c, OP_RETURN_VALUE, 0, e->span);
}

/* A comprehension as a call of its own function with the outermost iterator. */
static int compile_comp_call(Compiler *c, TrScope *scope, TrAstExpr *e)
{
    TrArg dot0 = {".0", NULL, e->span};
    TrArguments args;
    memset(&args, 0, sizeof args);
    args.args = &dot0;
    args.nargs = 1;
    TRY(make_function(c, scope, &args, scope->name, e->span.lineno, NULL, e, e->span));
    TRY(emit(c, OP_PUSH_NULL, 0, e->span));
    TrComprehension *first = &e->comp.generators[0];
    TRY(compile_expr(c, first->iter));
    TRY(emit(c, first->is_async ? OP_GET_AITER : OP_GET_ITER, 0, first->iter->span));
    TRY(emit(c, OP_CALL, 1, e->span));
    /* an asynchronous list, set or dict comprehension's function is a coroutine */
    if (e->kind != E_GENEXP && scope->is_coroutine) TRY(emit_await(c, 0, e->span));
    return 0;
}

static int compile_comprehension(Compiler *c, TrAstExpr *e)
{
    /* an asynchronous generator expression is an async generator, allowed
     * anywhere; the other comprehensions run (or are awaited) in place */
    if (e->kind != E_GENEXP && !in_async(c) && symtable_comp_is_async(e))
        return syntax_error(c, e->span, "asynchronous comprehension outside of an asynchronous function");
    TrScope *own = symtable_child(c->u->scope, e);
    if (own) return compile_comp_call(c, own, e);
    TrComprehension *first = &e->comp.generators[0];
    TRY(compile_expr(c, first->iter));
    TRY(emit(c, first->is_async ? OP_GET_AITER : OP_GET_ITER, 0, first->iter->span));
    size_t mark = c->ncomp;
    /* Iteration variables are bound while the loop runs; the first
     * iterable was compiled without them.  Later iterables see earlier
     * targets only, which the order of binding below respects because a
     * name's slot shadows only from here on. */
    for (size_t g = 0; g < e->comp.ngenerators; g++)
        TRY(comp_target_names(c, e->comp.generators[g].target));
    int op = e->kind == E_SETCOMP ? OP_BUILD_SET : e->kind == E_DICTCOMP ? OP_BUILD_MAP : OP_BUILD_LIST;
    TRY(emit(c, op, 0, e->span));
    TRY(emit(c, OP_SWAP, 2, e->span));
    int r = compile_comp_gen(c, e, 0, 1);
    c->ncomp = mark;
    return r;
}

static int expr_body(Compiler *c, TrAstExpr *e)
{
    TrSpan sp = e->span;
    switch (e->kind) {
    case E_NAME:
        /* __debug__ is a constant: False under -O */
        if (strcmp(e->name, "__debug__") == 0)
            return load_const_take(c, tr_runtime.optimize ? tr_false : tr_true, sp);
        return name_op(c, e->name, CTX_LOAD, sp);
    case E_INT:
        return load_const_take(c, int_const(c, e->text, false), sp);
    case E_FLOAT:
        return load_const_take(c, float_const(c, e, false), sp);
    case E_STR:
        return load_const_take(c, str_intern_utf8(c->ts, e->str, e->str_len), sp);
    case E_BYTES:
        return load_const_take(c, bytes_from(c->ts, e->str, e->str_len), sp);
    case E_NONE: return load_none(c, sp);
    case E_TRUE: return load_const_take(c, tr_true, sp);
    case E_FALSE: return load_const_take(c, tr_false, sp);
    case E_ELLIPSIS: return load_const_take(c, tr_ellipsis, sp);
    case E_BINOP:
        TRY(compile_expr(c, e->binop.left));
        TRY(compile_expr(c, e->binop.right));
        return emit(c, OP_BINARY_OP, e->binop.op, sp);
    case E_UNARY: {
        TrAstExpr *o = e->unary.operand;
        if (e->unary.unop == U_NEG && o->kind == E_INT) return load_const_take(c, int_const(c, o->text, true), sp);
        if (e->unary.unop == U_NEG && o->kind == E_FLOAT) return load_const_take(c, float_const(c, o, true), sp);
        TRY(compile_expr(c, o));
        static const int ops[] = {OP_UNARY_NOT, OP_UNARY_NEGATIVE, OP_UNARY_POSITIVE, OP_UNARY_INVERT};
        return emit(c, ops[e->unary.unop], 0, sp);
    }
    case E_BOOLOP: {
        int end = new_label(c);
        if (end < 0) return -1;
        int op = e->boolop.boolop == B_AND ? OP_JUMP_IF_FALSE_OR_POP : OP_JUMP_IF_TRUE_OR_POP;
        for (size_t i = 0; i < e->boolop.values.len; i++) {
            TRY(compile_expr(c, e->boolop.values.items[i]));
            if (i + 1 < e->boolop.values.len) TRY(emit(c, op, end, sp));
        }
        use_label(c, end);
        return 0;
    }
    case E_COMPARE:
        return compile_compare(c, e);
    case E_CALL:
        return compile_call(c, e);
    case E_ATTR: {
        TRY(compile_expr(c, e->attr.value));
        int ni = name_index(c, e->attr.attr);
        if (ni < 0) return -1;
        return emit(c, OP_LOAD_ATTR, ni, sp);
    }
    case E_SUBSCRIPT:
        TRY(compile_expr(c, e->subscript.value));
        TRY(compile_expr(c, e->subscript.index));
        return emit(c, OP_BINARY_SUBSCR, 0, sp);
    case E_SLICE:
        return compile_slice_parts(c, e);
    case E_TUPLE: case E_LIST: case E_SET:
        return compile_sequence(c, e);
    case E_DICT:
        return compile_dict(c, e);
    case E_GENEXP:
    case E_LISTCOMP: case E_SETCOMP: case E_DICTCOMP:
        return compile_comprehension(c, e);
    case E_LAMBDA: {
        TrScope *scope = symtable_child(c->u->scope, e);
        return make_function(c, scope, e->lambda.args, "<lambda>", sp.lineno, NULL, e, sp);
    }
    case E_IFEXP: {
        int orelse = new_label(c), end = new_label(c);
        if (orelse < 0 || end < 0) return -1;
        TRY(compile_jump_if(c, e->ifexp.test, false, orelse));
        TRY(compile_expr(c, e->ifexp.body));
        TRY(emit(c, OP_JUMP, end, sp));
        use_label(c, orelse);
        TRY(compile_expr(c, e->ifexp.orelse));
        use_label(c, end);
        return 0;
    }
    case E_STARRED:
        return syntax_error(c, sp, "can't use starred expression here");
    case E_NAMEDEXPR:
        TRY(compile_expr(c, e->namedexpr.value));
        TRY(emit(c, OP_COPY, 1, sp));
        return name_op(c, e->namedexpr.target->name, CTX_STORE, e->namedexpr.target->span);
    case E_JOINEDSTR:
        return compile_joined(c, e);
    case E_FORMATTED:
        return compile_formatted(c, e);
    case E_YIELD: case E_YIELDFROM:
        if (c->u->scope->kind != SCOPE_FUNCTION) return syntax_error(c, sp, "'yield' outside function");
        if (e->kind == E_YIELDFROM) {
            if (c->u->scope->is_coroutine) return syntax_error(c, sp, "'yield from' inside async function");
            TRY(compile_expr(c, e->starred.value));
            TRY(emit(c, OP_GET_ITER, 0, sp));
            TRY(load_none(c, sp));
            return emit(c, OP_YIELD_FROM, 0, sp);
        }
        if (e->starred.value) TRY(compile_expr(c, e->starred.value));
        else TRY(load_none(c, sp));
        /* an async generator's own yields are wrapped, to tell them from
         * what its awaits pass through (objects/asyncgen.c) */
        if (c->u->scope->is_coroutine) TRY(emit(c, OP_ASYNC_GEN_WRAP, 0, sp));
        return emit(c, OP_YIELD_VALUE, 0, sp);
    case E_AWAIT:
        if (c->u->scope->kind != SCOPE_FUNCTION) return syntax_error(c, sp, "'await' outside function");
        if (!c->u->scope->is_coroutine) return syntax_error(c, sp, "'await' outside async function");
        TRY(compile_expr(c, e->starred.value));
        return emit_await(c, 0, sp);
    }
    return syntax_error(c, sp, "torii: unknown expression");
}

/* Enters one level of expression nesting ("1+1+...+1" nests 100,000 deep:
 * the parser's loops build it, the compiler recurses): RecursionError
 * "maximum recursion depth exceeded during compilation" past CPython's C
 * limit or near the end of the C stack.  -1 with the exception set on
 * `c->ts`. */
static int enter_nested(Compiler *c)
{
    if (tr_enter_recursive(c->ts, " during compilation") == 0) return 0;
    c->err->msg[0] = 0;
    return -1;
}

static int compile_expr(Compiler *c, TrAstExpr *e)
{
    TRY(enter_nested(c));
    int r = expr_body(c, e);
    tr_leave_recursive(c->ts);
    return r;
}

/* Jumps to `target` when the truth of `e` equals `cond`; falls through otherwise. */
static int jump_if_body(Compiler *c, TrAstExpr *e, bool cond, int target);

static int compile_jump_if(Compiler *c, TrAstExpr *e, bool cond, int target)
{
    TRY(enter_nested(c));
    int r = jump_if_body(c, e, cond, target);
    tr_leave_recursive(c->ts);
    return r;
}

static int jump_if_body(Compiler *c, TrAstExpr *e, bool cond, int target)
{
    if (e->kind == E_UNARY && e->unary.unop == U_NOT)
        return compile_jump_if(c, e->unary.operand, !cond, target);
    if (e->kind == E_BOOLOP) {
        bool is_and = e->boolop.boolop == B_AND;
        size_t n = e->boolop.values.len;
        if (is_and != cond) {
            /* and/false, or/true: any operand decides. */
            for (size_t i = 0; i < n; i++) TRY(compile_jump_if(c, e->boolop.values.items[i], cond, target));
            return 0;
        }
        int next = new_label(c);
        if (next < 0) return -1;
        for (size_t i = 0; i + 1 < n; i++) TRY(compile_jump_if(c, e->boolop.values.items[i], !cond, next));
        TRY(compile_jump_if(c, e->boolop.values.items[n - 1], cond, target));
        use_label(c, next);
        return 0;
    }
    TRY(compile_expr(c, e));
    return emit(c, cond ? OP_POP_JUMP_IF_TRUE : OP_POP_JUMP_IF_FALSE, target, e->span);
}

/* ---- targets ----------------------------------------------------------- */

static int compile_unpack(Compiler *c, TrAstExpr *t)
{
    TrExprList *l = &t->elts;
    size_t star = l->len;
    for (size_t i = 0; i < l->len; i++) {
        if (l->items[i]->kind != E_STARRED) continue;
        if (star != l->len) return syntax_error(c, l->items[i]->span, "multiple starred expressions in assignment");
        star = i;
    }
    if (star == l->len) {
        TRY(emit(c, OP_UNPACK_SEQUENCE, (int)l->len, t->span));
    } else {
        size_t after = l->len - star - 1;
        if (star >= 256 || after >= (1u << 16))
            return syntax_error(c, t->span, "too many expressions in star-unpacking assignment");
        TRY(emit(c, OP_UNPACK_EX, (int)(star | (after << 8)), t->span));
    }
    for (size_t i = 0; i < l->len; i++) {
        TrAstExpr *it = l->items[i];
        TRY(compile_store(c, it->kind == E_STARRED ? it->starred.value : it));
    }
    return 0;
}

static int compile_store(Compiler *c, TrAstExpr *e)
{
    switch (e->kind) {
    case E_NAME:
        return name_op(c, e->name, CTX_STORE, e->span);
    case E_ATTR: {
        TRY(compile_expr(c, e->attr.value));
        int ni = name_index(c, e->attr.attr);
        if (ni < 0) return -1;
        return emit(c, OP_STORE_ATTR, ni, e->span);
    }
    case E_SUBSCRIPT:
        TRY(compile_expr(c, e->subscript.value));
        TRY(compile_expr(c, e->subscript.index));
        return emit(c, OP_STORE_SUBSCR, 0, e->span);
    case E_TUPLE: case E_LIST:
        return compile_unpack(c, e);
    case E_STARRED:
        return syntax_error(c, e->span, "starred assignment target must be in a list or tuple");
    default:
        return syntax_error(c, e->span, "cannot assign to expression");
    }
}

static int compile_delete(Compiler *c, TrAstExpr *e)
{
    switch (e->kind) {
    case E_NAME:
        return name_op(c, e->name, CTX_DEL, e->span);
    case E_ATTR: {
        TRY(compile_expr(c, e->attr.value));
        int ni = name_index(c, e->attr.attr);
        if (ni < 0) return -1;
        return emit(c, OP_DELETE_ATTR, ni, e->span);
    }
    case E_SUBSCRIPT:
        TRY(compile_expr(c, e->subscript.value));
        TRY(compile_expr(c, e->subscript.index));
        return emit(c, OP_DELETE_SUBSCR, 0, e->span);
    case E_TUPLE: case E_LIST:
        for (size_t i = 0; i < e->elts.len; i++) TRY(compile_delete(c, e->elts.items[i]));
        return 0;
    default:
        return syntax_error(c, e->span, "cannot delete expression");
    }
}

static int compile_augassign(Compiler *c, TrAstStmt *s)
{
    TrAstExpr *t = s->augassign.target;
    int op = s->augassign.op | TR_BINOP_INPLACE;
    switch (t->kind) {
    case E_NAME:
        TRY(name_op(c, t->name, CTX_LOAD, t->span));
        TRY(compile_expr(c, s->augassign.value));
        TRY(emit(c, OP_BINARY_OP, op, s->span));
        return name_op(c, t->name, CTX_STORE, t->span);
    case E_ATTR: {
        int ni = name_index(c, t->attr.attr);
        if (ni < 0) return -1;
        TRY(compile_expr(c, t->attr.value));
        TRY(emit(c, OP_COPY, 1, t->span));
        TRY(emit(c, OP_LOAD_ATTR, ni, t->span));
        TRY(compile_expr(c, s->augassign.value));
        TRY(emit(c, OP_BINARY_OP, op, s->span));
        TRY(emit(c, OP_SWAP, 2, t->span));
        return emit(c, OP_STORE_ATTR, ni, t->span);
    }
    case E_SUBSCRIPT:
        TRY(compile_expr(c, t->subscript.value));
        TRY(compile_expr(c, t->subscript.index));
        TRY(emit(c, OP_COPY, 2, t->span));
        TRY(emit(c, OP_COPY, 2, t->span));
        TRY(emit(c, OP_BINARY_SUBSCR, 0, t->span));
        TRY(compile_expr(c, s->augassign.value));
        TRY(emit(c, OP_BINARY_OP, op, s->span));
        TRY(emit(c, OP_SWAP, 3, t->span));
        TRY(emit(c, OP_SWAP, 2, t->span));
        return emit(c, OP_STORE_SUBSCR, 0, t->span);
    default:
        return syntax_error(c, t->span, "'expression' is an illegal expression for augmented assignment");
    }
}

/* ---- functions --------------------------------------------------------- */

/* The docstring of `body` (its leading string expression statement), or
 * NULL (always under -OO, which drops docstrings). */
static TrAstExpr *docstring_of(TrStmtList *body)
{
    if (tr_runtime.optimize >= 2) return NULL;
    if (body->len && body->items[0]->kind == S_EXPR && body->items[0]->expr.value->kind == E_STR)
        return body->items[0]->expr.value;
    return NULL;
}

/* The docstring `e` as CPython 3.13 stores it: tabs expanded, the first
 * line's leading spaces removed, and from every later line the indentation
 * common to the later non-blank lines.  New reference, or NULL (MemoryError
 * recorded through obj_failed by the caller). */
static TrObject *clean_doc(Compiler *c, TrAstExpr *e)
{
    const char *s = e->str;
    size_t n = e->str_len;
    char *exp = NULL;
    if (memchr(s, '\t', n)) {
        size_t ntabs = 0;
        for (size_t i = 0; i < n; i++) ntabs += s[i] == '\t';
        exp = malloc(n + ntabs * 8 + 1);
        if (!exp) return err_nomemory(c->ts);
        size_t o = 0, col = 0;
        for (size_t i = 0; i < n; i++) {
            char ch = s[i];
            if (ch == '\t') {
                size_t k = 8 - col % 8;
                memset(exp + o, ' ', k);
                o += k;
                col += k;
                continue;
            }
            exp[o++] = ch;
            col = (ch == '\n' || ch == '\r') ? 0 : col + 1;
        }
        s = exp;
        n = o;
    }
    /* the margin: the least indentation of the non-blank lines after the first */
    size_t margin = (size_t)-1;
    const char *p = memchr(s, '\n', n), *end = s + n;
    while (p && p < end) {
        const char *line = p + 1, *q = line;
        while (q < end && *q == ' ') q++;
        if (q < end && *q != '\n' && (size_t)(q - line) < margin) margin = (size_t)(q - line);
        p = memchr(q, '\n', (size_t)(end - q));
    }
    if (margin == (size_t)-1) margin = 0;
    char *out = malloc(n + 1);
    if (!out) { free(exp); return err_nomemory(c->ts); }
    size_t o = 0;
    const char *q = s;
    while (q < end && *q == ' ') q++;
    for (int first = 1; q < end; first = 0) {
        if (!first) {
            size_t k = 0;
            while (k < margin && q < end && *q == ' ') { q++; k++; }
        }
        const char *nl = memchr(q, '\n', (size_t)(end - q));
        const char *stop = nl ? nl + 1 : end;
        memcpy(out + o, q, (size_t)(stop - q));
        o += (size_t)(stop - q);
        q = stop;
    }
    TrObject *r = str_from_utf8(c->ts, out, o);
    free(out);
    free(exp);
    return r;
}

static int compile_body(Compiler *c, TrStmtList *body, TrSpan fallback)
{
    c->last_span = fallback;
    TRY(compile_stmts(c, body));
    TRY(load_none(c, c->last_span));
    return emit(c, OP_RETURN_VALUE, 0, c->last_span);
}

/* Whether `body` has a simple annotated assignment outside nested
 * functions and classes (CPython's find_ann): such a module or class body
 * starts by making its __annotations__ dict. */
static bool has_annotations(TrStmtList *body)
{
    for (size_t i = 0; i < body->len; i++) {
        TrAstStmt *s = body->items[i];
        switch (s->kind) {
        case S_ANNASSIGN:
            if (s->annassign.simple) return true;
            break;
        case S_IF: case S_WHILE:
            if (has_annotations(&s->if_.body) || has_annotations(&s->if_.orelse)) return true;
            break;
        case S_FOR:
            if (has_annotations(&s->for_.body) || has_annotations(&s->for_.orelse)) return true;
            break;
        case S_WITH:
            if (has_annotations(&s->with.body)) return true;
            break;
        case S_TRY:
            if (has_annotations(&s->try_.body) || has_annotations(&s->try_.orelse) ||
                has_annotations(&s->try_.finalbody)) return true;
            for (size_t h = 0; h < s->try_.nhandlers; h++)
                if (has_annotations(&s->try_.handlers[h].body)) return true;
            break;
        default: break;
        }
    }
    return false;
}

static int setup_annotations(Compiler *c, TrStmtList *body, TrSpan sp)
{
    if (!has_annotations(body)) return 0;
    TRY(emit(c, OP_BUILD_MAP, 0, sp));
    return name_op(c, "__annotations__", CTX_STORE, sp);
}

/* The body of a class: __module__, __qualname__, __firstlineno__ and
 * __doc__ first, as CPython does, then the statements; a class whose methods
 * use super() or __class__ hands its `__class__` cell to __build_class__ as
 * `__classcell__` (objects/class.c fills it with the new class). */
static int compile_class_body(Compiler *c, TrAstStmt *s)
{
    TrSpan sp = s->span;
    TrCUnit *u = c->u;
    TRY(name_op(c, "__name__", CTX_LOAD, sp));
    TRY(name_op(c, "__module__", CTX_STORE, sp));
    TRY(load_const_take(c, tr_newref(u->qualname), sp));
    TRY(name_op(c, "__qualname__", CTX_STORE, sp));
    TRY(load_const_take(c, int_from_i64(c->ts, u->firstlineno), sp));
    TRY(name_op(c, "__firstlineno__", CTX_STORE, sp));
    TrStmtList *body = &s->classdef.body;
    if (docstring_of(body)) {
        TRY(load_const_take(c, clean_doc(c, docstring_of(body)), body->items[0]->span));
        TRY(name_op(c, "__doc__", CTX_STORE, body->items[0]->span));
    }
    c->last_span = sp;
    TRY(setup_annotations(c, body, sp));
    TRY(compile_stmts(c, body));
    int cell = find_obj(u->cellvars, u->ncellvars, "__class__");
    if (cell >= 0) {
        TRY(emit(c, OP_LOAD_CLOSURE, cell, c->last_span));
        TRY(emit(c, OP_COPY, 1, c->last_span));
        TRY(name_op(c, "__classcell__", CTX_STORE, c->last_span));
    } else {
        TRY(load_none(c, c->last_span));
    }
    return emit(c, OP_RETURN_VALUE, 0, c->last_span);
}

/* Compiles a nested code object for `scope` and emits MAKE_FUNCTION with
 * its defaults, keyword defaults and closure. */
static int make_function(Compiler *c, TrScope *scope, TrArguments *args, const char *name,
                         int firstlineno, TrAstStmt *def, TrAstExpr *lambda, TrSpan sp)
{
    if (!scope) return syntax_error(c, sp, "torii: internal error: no scope for function");
    int flags = 0;
    /* Defaults and keyword defaults are evaluated in the enclosing scope. */
    if (args && args->defaults.len) {
        TRY(compile_exprs(c, &args->defaults));
        TRY(emit(c, OP_BUILD_TUPLE, (int)args->defaults.len, sp));
        flags |= TR_MF_DEFAULTS;
    }
    int nkw = 0;
    for (size_t i = 0; args && i < args->nkwonly; i++) {
        if (!args->kw_defaults || !args->kw_defaults[i]) continue;
        TRY(load_const_take(c, str_intern_cstr(c->ts, args->kwonly[i].name), sp));
        TRY(compile_expr(c, args->kw_defaults[i]));
        nkw++;
    }
    if (nkw) {
        TRY(emit(c, OP_BUILD_MAP, nkw, sp));
        flags |= TR_MF_KWDEFAULTS;
    }
    /* Annotations (PEP 3107), evaluated here as CPython 3.13 does: a dict
     * of the annotated parameters in order, then 'return'. */
    if (def && def->kind != S_CLASSDEF && args && !c->future_annotations) {
        int nann = 0;
        const TrArg *groups[5] = {args->posonly, args->args, args->vararg, args->kwonly, args->kwarg};
        size_t counts[5] = {args->nposonly, args->nargs, args->vararg ? 1 : 0, args->nkwonly, args->kwarg ? 1 : 0};
        for (int g = 0; g < 5; g++)
            for (size_t i = 0; i < counts[g]; i++) {
                const TrArg *a = &groups[g][i];
                if (!a->annotation) continue;
                TRY(load_const_take(c, str_intern_cstr(c->ts, a->name), sp));
                TRY(compile_expr(c, a->annotation));
                nann++;
            }
        if (def->funcdef.returns) {
            TRY(load_const_take(c, str_intern_cstr(c->ts, "return"), sp));
            TRY(compile_expr(c, def->funcdef.returns));
            nann++;
        }
        if (nann) {
            TRY(emit(c, OP_BUILD_MAP, nann, sp));
            flags |= TR_MF_ANNOTATIONS;
        }
    }

    TrCUnit *u = unit_new(c, scope, args, name, firstlineno);
    if (!u) return -1;
    /* Switch to the new unit; the block stack and comprehension map are the
     * enclosing unit's and must not leak in. */
    TrCUnit *saved_u = c->u;
    int saved_nfb = c->nfb;
    FBlock saved_fb[MAX_FBLOCKS];
    memcpy(saved_fb, c->fb, (size_t)saved_nfb * sizeof *saved_fb);
    size_t saved_base = c->comp_base;
    TrSpan saved_last = c->last_span;
    c->u = u;
    c->nfb = 0;
    c->comp_base = c->ncomp;
    int r;
    if (def && def->kind == S_CLASSDEF) {
        r = compile_class_body(c, def);
    } else if (def) {
        /* a docstring is the code's first constant (function.c reads it as __doc__) */
        TrAstExpr *doc = docstring_of(&def->funcdef.body);
        r = 0;
        if (doc) {
            TrObject *d = clean_doc(c, doc);
            r = d ? const_index_take(c, d) : obj_failed(c);
            if (r >= 0) { u->flags |= TR_CO_HAS_DOCSTRING; r = 0; }
        }
        if (r == 0) r = compile_body(c, &def->funcdef.body, def->span);
    } else if (lambda->kind != E_LAMBDA) {
        r = compile_comp_body(c, lambda);
    } else {
        r = compile_expr(c, lambda->lambda.body);
        if (r == 0) r = emit(c, OP_RETURN_VALUE, 0, lambda->lambda.body->span);
    }
    TrObject *code = NULL;
    if (r == 0) code = assemble_unit(c->ts, u, c->filename, c->err);
    c->u = saved_u;
    c->nfb = saved_nfb;
    memcpy(c->fb, saved_fb, (size_t)saved_nfb * sizeof *saved_fb);
    c->comp_base = saved_base;
    c->last_span = saved_last;
    if (!code) { unit_free(u); return -1; }

    if (u->nfreevars) {
        for (size_t i = 0; i < u->nfreevars; i++) {
            const char *fname = str_utf8(u->freevars[i]);
            int k = find_obj(c->u->cellvars, c->u->ncellvars, fname);
            if (k < 0) {
                k = find_obj(c->u->freevars, c->u->nfreevars, fname);
                if (k >= 0) k += (int)c->u->ncellvars;
            }
            if (k < 0) { unit_free(u); tr_decref(code); return syntax_error(c, sp, "torii: internal error: closure variable not found"); }
            if (emit(c, OP_LOAD_CLOSURE, k, sp) < 0) { unit_free(u); tr_decref(code); return -1; }
        }
        if (emit(c, OP_BUILD_TUPLE, (int)u->nfreevars, sp) < 0) { unit_free(u); tr_decref(code); return -1; }
        flags |= TR_MF_CLOSURE;
    }
    unit_free(u);
    TRY(load_const_take(c, code, sp));
    return emit(c, OP_MAKE_FUNCTION, flags, sp);
}

static int compile_funcdef(Compiler *c, TrAstStmt *s)
{
    TrExprList *decs = &s->funcdef.decorators;
    for (size_t i = 0; i < decs->len; i++) {
        TRY(compile_expr(c, decs->items[i]));
        TRY(emit(c, OP_PUSH_NULL, 0, decs->items[i]->span));
    }
    int firstlineno = decs->len ? decs->items[0]->span.lineno : s->span.lineno;
    /* CPython's first line of a decorated def is the line of its first decorator. */
    TrScope *scope = symtable_child(c->u->scope, s);
    TRY(make_function(c, scope, s->funcdef.args, s->funcdef.name, firstlineno, s, NULL, s->span));
    for (size_t i = decs->len; i > 0; i--) TRY(emit(c, OP_CALL, 1, decs->items[i - 1]->span));
    return name_op(c, s->funcdef.name, CTX_STORE, s->span);
}

/* `class Name(bases, **kw): body`: __build_class__(body_function, 'Name',
 * *bases, **kw), then the decorators, innermost first. */
static int compile_classdef(Compiler *c, TrAstStmt *s)
{
    TrExprList *decs = &s->classdef.decorators;
    for (size_t i = 0; i < decs->len; i++) {
        TRY(compile_expr(c, decs->items[i]));
        TRY(emit(c, OP_PUSH_NULL, 0, decs->items[i]->span));
    }
    int firstlineno = decs->len ? decs->items[0]->span.lineno : s->span.lineno;
    if (has_starred(&s->classdef.bases))
        return syntax_error(c, s->span, "torii: starred class bases are not supported yet");
    for (size_t i = 0; i < s->classdef.nkeywords; i++)
        if (!s->classdef.keywords[i].arg)
            return syntax_error(c, s->span, "torii: ** in class keywords is not supported yet");
    TRY(emit(c, OP_LOAD_BUILD_CLASS, 0, s->span));
    TRY(emit(c, OP_PUSH_NULL, 0, s->span));
    TrScope *scope = symtable_child(c->u->scope, s);
    TRY(make_function(c, scope, NULL, s->classdef.name, firstlineno, s, NULL, s->span));
    TRY(load_const_take(c, str_intern_cstr(c->ts, s->classdef.name), s->span));
    TRY(compile_exprs(c, &s->classdef.bases));
    size_t nargs = 2 + s->classdef.bases.len;
    if (s->classdef.nkeywords == 0) {
        TRY(emit(c, OP_CALL, (int)nargs, s->span));
    } else {
        size_t nk = s->classdef.nkeywords;
        for (size_t i = 0; i < nk; i++) TRY(compile_expr(c, s->classdef.keywords[i].value));
        TrObject *names = tuple_new(c->ts, nk);
        if (!names) return obj_failed(c);
        for (size_t i = 0; i < nk; i++) {
            TrObject *k = str_intern_cstr(c->ts, s->classdef.keywords[i].arg);
            if (!k) {
                for (size_t j = i; j < nk; j++) tuple_set_take(names, j, tr_none);
                tr_decref(names);
                return nomem(c);
            }
            tuple_set_take(names, i, k);
        }
        TRY(load_const_take(c, names, s->span));
        TRY(emit(c, OP_CALL_KW, (int)(nargs + nk), s->span));
    }
    for (size_t i = decs->len; i > 0; i--) TRY(emit(c, OP_CALL, 1, decs->items[i - 1]->span));
    return name_op(c, s->classdef.name, CTX_STORE, s->span);
}

/* ---- statements -------------------------------------------------------- */

static int find_loop(Compiler *c)
{
    for (int i = c->nfb - 1; i >= 0; i--)
        if (c->fb[i].kind == FB_WHILE || c->fb[i].kind == FB_FOR) return i;
    return -1;
}

/* SyntaxError when leaving blocks fb[from..] would leave an except* clause. */
static int check_except_star(Compiler *c, int from, TrSpan sp)
{
    for (int i = c->nfb - 1; i >= from; i--)
        if (c->fb[i].kind == FB_EXCEPT_STAR)
            return syntax_error(c, sp, "'break', 'continue' and 'return' cannot appear in an except* block");
    return 0;
}

static int compile_break_continue(Compiler *c, TrAstStmt *s)
{
    int loop = find_loop(c);
    if (loop < 0)
        return syntax_error(c, s->span, s->kind == S_BREAK ? "'break' outside loop" : "'continue' not properly in loop");
    TRY(check_except_star(c, loop + 1, s->span));
    for (int i = c->nfb - 1; i > loop; i--) TRY(unwind_one(c, i, false, s->span));
    if (s->kind == S_CONTINUE) return emit(c, OP_JUMP, c->fb[loop].cont, s->span);
    if (c->fb[loop].kind == FB_FOR) TRY(emit(c, OP_POP_TOP, 0, s->span));
    return emit(c, OP_JUMP, c->fb[loop].brk, s->span);
}

static int compile_return(Compiler *c, TrAstStmt *s)
{
    if (c->u->scope->kind != SCOPE_FUNCTION) return syntax_error(c, s->span, "'return' outside function");
    if (s->expr.value && c->u->scope->is_coroutine && c->u->scope->is_generator)
        return syntax_error(c, s->span, "'return' with value in async generator");
    TrAstExpr *v = s->expr.value;
    /* CPython places a constant's return at the constant */
    bool constant = v && (v->kind == E_INT || v->kind == E_FLOAT || v->kind == E_STR || v->kind == E_BYTES ||
                          v->kind == E_NONE || v->kind == E_TRUE || v->kind == E_FALSE || v->kind == E_ELLIPSIS);
    TRY(check_except_star(c, 0, constant ? v->span : s->span));
    if (s->expr.value) TRY(compile_expr(c, s->expr.value));
    else TRY(load_none(c, s->span));
    for (int i = c->nfb - 1; i >= 0; i--) TRY(unwind_one(c, i, true, s->span));
    return emit(c, OP_RETURN_VALUE, 0, s->span);
}

static int compile_for(Compiler *c, TrAstStmt *s)
{
    int start = new_label(c), cleanup = new_label(c), end = new_label(c);
    if (start < 0 || cleanup < 0 || end < 0) return -1;
    if (s->is_async && !in_async(c)) return syntax_error(c, s->span, "'async for' outside async function");
    TrSpan isp = s->for_.iter->span;
    TRY(compile_expr(c, s->for_.iter));
    TRY(emit(c, s->is_async ? OP_GET_AITER : OP_GET_ITER, 0, isp));
    use_label(c, start);
    if (s->is_async) {
        /* [aiter]; the handler (END_ASYNC_FOR at `cleanup`) ends the loop on
         * StopAsyncIteration and re-raises anything else */
        TRY(emit(c, OP_SETUP_FINALLY, cleanup, isp));
        TRY(emit(c, OP_GET_ANEXT, 0, isp));
        TRY(load_none(c, isp));
        TRY(emit(c, OP_YIELD_FROM, 0, isp));
        TRY(emit(c, OP_POP_BLOCK, 0, isp));
    } else {
        TRY(emit(c, OP_FOR_ITER, cleanup, isp));
    }
    FBlock *fb;
    TRY(push_fb(c, FB_FOR, s->span, &fb));
    fb->cont = start;
    fb->brk = end;
    TRY(compile_store(c, s->for_.target));
    TRY(compile_stmts(c, &s->for_.body));
    c->nfb--;
    TRY(emit(c, OP_JUMP, start, isp));
    use_label(c, cleanup);
    if (s->is_async) TRY(emit(c, OP_END_ASYNC_FOR, 0, isp));
    TRY(compile_stmts(c, &s->for_.orelse));
    use_label(c, end);
    return 0;
}

static int compile_while(Compiler *c, TrAstStmt *s)
{
    int start = new_label(c), orelse = new_label(c), end = new_label(c);
    if (start < 0 || orelse < 0 || end < 0) return -1;
    use_label(c, start);
    TrAstExpr *t = s->if_.test;
    bool always = t->kind == E_TRUE || (t->kind == E_INT && strcmp(t->text, "1") == 0);
    if (!always) TRY(compile_jump_if(c, t, false, orelse));
    FBlock *fb;
    TRY(push_fb(c, FB_WHILE, s->span, &fb));
    fb->cont = start;
    fb->brk = end;
    TRY(compile_stmts(c, &s->if_.body));
    c->nfb--;
    TRY(emit(c, OP_JUMP, start, s->span));
    use_label(c, orelse);
    TRY(compile_stmts(c, &s->if_.orelse));
    use_label(c, end);
    return 0;
}

static int compile_if(Compiler *c, TrAstStmt *s)
{
    int orelse = new_label(c), end = new_label(c);
    if (orelse < 0 || end < 0) return -1;
    TRY(compile_jump_if(c, s->if_.test, false, orelse));
    TRY(compile_stmts(c, &s->if_.body));
    if (s->if_.orelse.len) TRY(emit(c, OP_JUMP, end, s->span));
    use_label(c, orelse);
    TRY(compile_stmts(c, &s->if_.orelse));
    use_label(c, end);
    return 0;
}

static int compile_try_except(Compiler *c, TrAstStmt *s)
{
    int handler = new_label(c), end = new_label(c);
    if (handler < 0 || end < 0) return -1;
    TRY(emit(c, OP_SETUP_FINALLY, handler, s->span));
    TRY(push_fb(c, FB_TRY_EXCEPT, s->span, NULL));
    TRY(compile_stmts(c, &s->try_.body));
    c->nfb--;
    TRY(emit(c, OP_POP_BLOCK, 0, c->last_span));
    TRY(compile_stmts(c, &s->try_.orelse));
    TRY(emit(c, OP_JUMP, end, c->last_span));
    use_label(c, handler);
    /* [.., prev_exc, exc] */
    bool bare = false;
    TrSpan last = s->span;
    for (size_t i = 0; i < s->try_.nhandlers; i++) {
        TrExceptHandler *h = &s->try_.handlers[i];
        last = h->span;
        int next = new_label(c);
        if (next < 0) return -1;
        if (h->type) {
            TRY(compile_expr(c, h->type));
            TRY(emit(c, OP_CHECK_EXC_MATCH, 0, h->span));
            TRY(emit(c, OP_POP_JUMP_IF_FALSE, next, h->span));
        } else {
            bare = true;
        }
        FBlock *fb;
        if (h->name) {
            int cleanup = new_label(c);
            if (cleanup < 0) return -1;
            TRY(name_op(c, h->name, CTX_STORE, h->span));
            TRY(emit(c, OP_SETUP_FINALLY, cleanup, h->span));
            TRY(push_fb(c, FB_HANDLER, h->span, &fb));
            fb->name = h->name;
            TRY(compile_stmts(c, &h->body));
            c->nfb--;
            TRY(emit(c, OP_POP_BLOCK, 0, c->last_span));
            TRY(emit(c, OP_POP_EXCEPT, 0, c->last_span));
            TRY(load_none(c, c->last_span));
            TRY(name_op(c, h->name, CTX_STORE, c->last_span));
            TRY(name_op(c, h->name, CTX_DEL, c->last_span));
            TRY(emit(c, OP_JUMP, end, c->last_span));
            /* Raised inside the handler: [prev, exc, prev2, exc2]. */
            use_label(c, cleanup);
            TRY(load_none(c, h->span));
            TRY(name_op(c, h->name, CTX_STORE, h->span));
            TRY(name_op(c, h->name, CTX_DEL, h->span));
            TRY(emit(c, OP_RERAISE, 0, h->span));
        } else {
            TRY(emit(c, OP_POP_TOP, 0, h->span));
            TRY(push_fb(c, FB_HANDLER, h->span, &fb));
            TRY(compile_stmts(c, &h->body));
            c->nfb--;
            TRY(emit(c, OP_POP_EXCEPT, 0, c->last_span));
            TRY(emit(c, OP_JUMP, end, c->last_span));
        }
        use_label(c, next);
    }
    if (!bare) TRY(emit(c, OP_RERAISE, 0, last));
    use_label(c, end);
    return 0;
}

/* try ... except* (PEP 654).  The handler keeps, above the saved exception
 * state, [orig, raised, rest]: the exception that entered, a list of what
 * the clauses raised, and the part no clause has matched yet.  Each clause
 * splits `rest` (CHECK_EG_MATCH) and runs its body on the match; whatever
 * its body raises is appended to `raised`; at the end `rest` joins `raised`
 * and PREP_RERAISE_STAR makes the one exception to re-raise, or None. */
static int compile_try_star(Compiler *c, TrAstStmt *s)
{
    int handler = new_label(c), end = new_label(c), reraise = new_label(c);
    if (handler < 0 || end < 0 || reraise < 0) return -1;
    TRY(emit(c, OP_SETUP_FINALLY, handler, s->span));
    TRY(push_fb(c, FB_TRY_EXCEPT, s->span, NULL));
    TRY(compile_stmts(c, &s->try_.body));
    c->nfb--;
    TRY(emit(c, OP_POP_BLOCK, 0, c->last_span));
    TRY(compile_stmts(c, &s->try_.orelse));
    TRY(emit(c, OP_JUMP, end, c->last_span));
    use_label(c, handler);
    TrSpan first = s->try_.handlers[0].span;
    /* [prev, orig] -> [prev, orig, raised, rest] */
    TRY(emit(c, OP_BUILD_LIST, 0, first));
    TRY(emit(c, OP_COPY, 2, first));
    TrSpan last = first;
    for (size_t i = 0; i < s->try_.nhandlers; i++) {
        TrExceptHandler *h = &s->try_.handlers[i];
        last = h->span;
        int no_match = new_label(c), next = new_label(c), cleanup = new_label(c);
        if (no_match < 0 || next < 0 || cleanup < 0) return -1;
        TRY(compile_expr(c, h->type));
        TRY(emit(c, OP_CHECK_EG_MATCH, 0, h->span));        /* [.., rest, match] */
        TRY(emit(c, OP_COPY, 1, h->span));
        TRY(emit(c, OP_POP_JUMP_IF_NONE, no_match, h->span));
        if (h->name) TRY(name_op(c, h->name, CTX_STORE, h->span));
        else TRY(emit(c, OP_POP_TOP, 0, h->span));
        TRY(emit(c, OP_SETUP_FINALLY, cleanup, h->span));
        TRY(push_fb(c, FB_EXCEPT_STAR, h->span, NULL));
        TRY(compile_stmts(c, &h->body));
        c->nfb--;
        TRY(emit(c, OP_POP_BLOCK, 0, c->last_span));
        if (h->name) {
            TRY(load_none(c, c->last_span));
            TRY(name_op(c, h->name, CTX_STORE, c->last_span));
            TRY(name_op(c, h->name, CTX_DEL, c->last_span));
        }
        TRY(emit(c, OP_JUMP, next, c->last_span));
        /* raised in the body: [.., raised, rest, prev2, exc2] */
        use_label(c, cleanup);
        if (h->name) {
            TRY(load_none(c, h->span));
            TRY(name_op(c, h->name, CTX_STORE, h->span));
            TRY(name_op(c, h->name, CTX_DEL, h->span));
        }
        TRY(emit(c, OP_LIST_APPEND, 3, h->span));
        TRY(emit(c, OP_POP_EXCEPT, 0, h->span));
        TRY(emit(c, OP_JUMP, next, h->span));
        use_label(c, no_match);
        TRY(emit(c, OP_POP_TOP, 0, h->span));
        use_label(c, next);
    }
    /* [prev, orig, raised, rest] -> [prev, result] */
    TRY(emit(c, OP_LIST_APPEND, 1, last));
    TRY(emit(c, OP_PREP_RERAISE_STAR, 0, last));
    TRY(emit(c, OP_COPY, 1, last));
    TRY(emit(c, OP_POP_JUMP_IF_NOT_NONE, reraise, last));
    TRY(emit(c, OP_POP_TOP, 0, last));
    TRY(emit(c, OP_POP_EXCEPT, 0, last));
    TRY(emit(c, OP_JUMP, end, last));
    use_label(c, reraise);
    TRY(emit(c, OP_RERAISE, 0, last));
    use_label(c, end);
    return 0;
}

static int compile_try(Compiler *c, TrAstStmt *s)
{
    if (s->try_.star && !s->try_.finalbody.len) return compile_try_star(c, s);
    if (!s->try_.finalbody.len) return compile_try_except(c, s);
    int handler = new_label(c), end = new_label(c);
    if (handler < 0 || end < 0) return -1;
    TRY(emit(c, OP_SETUP_FINALLY, handler, s->span));
    FBlock *fb;
    TRY(push_fb(c, FB_TRY_FINALLY, s->span, &fb));
    fb->finalbody = &s->try_.finalbody;
    if (s->try_.nhandlers) TRY(s->try_.star ? compile_try_star(c, s) : compile_try_except(c, s));
    else TRY(compile_stmts(c, &s->try_.body));
    c->nfb--;
    TRY(emit(c, OP_POP_BLOCK, 0, c->last_span));
    TRY(compile_stmts(c, &s->try_.finalbody));
    TRY(emit(c, OP_JUMP, end, c->last_span));
    use_label(c, handler);
    TRY(push_fb(c, FB_FINALLY_END, s->span, NULL));
    TRY(compile_stmts(c, &s->try_.finalbody));
    c->nfb--;
    TRY(emit(c, OP_RERAISE, 0, c->last_span));
    use_label(c, end);
    return 0;
}

static int compile_with(Compiler *c, TrAstStmt *s, size_t i)
{
    TrWithItem *it = &s->with.items[i];
    TrSpan csp = it->context_expr->span;
    int handler = new_label(c), suppress = new_label(c), end = new_label(c);
    if (handler < 0 || suppress < 0 || end < 0) return -1;
    bool aw = s->is_async;
    if (aw && !in_async(c)) return syntax_error(c, s->span, "'async with' outside async function");
    TRY(compile_expr(c, it->context_expr));
    if (aw) {
        /* [exit, awaitable of __aenter__()] -> [exit, value] */
        TRY(emit(c, OP_BEFORE_ASYNC_WITH, 0, csp));
        TRY(emit_await(c, 1, csp));
    } else {
        TRY(emit(c, OP_BEFORE_WITH, 0, csp));
    }
    /* [exit, value]; the target is bound before the block is set up, so
     * the block's level holds only `exit`. */
    if (it->optional_vars) TRY(compile_store(c, it->optional_vars));
    else TRY(emit(c, OP_POP_TOP, 0, csp));
    TRY(emit(c, OP_SETUP_FINALLY, handler, csp));
    TRY(push_fb(c, aw ? FB_ASYNC_WITH : FB_WITH, csp, NULL));
    if (i + 1 < s->with.nitems) TRY(compile_with(c, s, i + 1));
    else TRY(compile_stmts(c, &s->with.body));
    c->nfb--;
    TRY(emit(c, OP_POP_BLOCK, 0, csp));
    TRY(aw ? call_aexit_none(c, csp) : call_exit_none(c, csp));
    TRY(emit(c, OP_JUMP, end, csp));
    use_label(c, handler);
    /* [exit, prev, exc] */
    TRY(emit(c, OP_WITH_EXCEPT_START, 0, csp));
    if (aw) TRY(emit_await(c, 2, csp));
    TRY(emit(c, OP_POP_JUMP_IF_TRUE, suppress, csp));
    TRY(emit(c, OP_RERAISE, 0, csp));
    use_label(c, suppress);
    TRY(emit(c, OP_POP_TOP, 0, csp));
    TRY(emit(c, OP_POP_EXCEPT, 0, csp));
    TRY(emit(c, OP_POP_TOP, 0, csp));
    use_label(c, end);
    return 0;
}

static int compile_import(Compiler *c, TrAstStmt *s)
{
    for (size_t i = 0; i < s->import.naliases; i++) {
        TrAlias *a = &s->import.aliases[i];
        int ni = name_index(c, a->name);
        if (ni < 0) return -1;
        TRY(emit(c, OP_IMPORT_NAME, ni, s->span));
        const char *dot = strchr(a->name, '.');
        if (a->asname) {
            TRY(name_op(c, a->asname, CTX_STORE, s->span));
        } else if (dot) {
            /* `import a.b` binds the top package `a`. */
            TRY(emit(c, OP_POP_TOP, 0, s->span));
            char *top = strndup(a->name, (size_t)(dot - a->name));
            if (!top) return nomem(c);
            int r = name_index(c, top);
            if (r >= 0) r = emit(c, OP_IMPORT_NAME, r, s->span);
            if (r >= 0) r = name_op(c, top, CTX_STORE, s->span);
            free(top);
            TRY(r);
        } else {
            TRY(name_op(c, a->name, CTX_STORE, s->span));
        }
    }
    return 0;
}

static int compile_importfrom(Compiler *c, TrAstStmt *s)
{
    int ni;
    if (s->import.level > 0) {
        /* `from ..a import b`: the name keeps its dots; IMPORT_NAME resolves
         * it against the importing module's package (core/vm.c) */
        const char *mod = s->import.module ? s->import.module : "";
        size_t lv = (size_t)s->import.level, ml = strlen(mod);
        char *rel = malloc(lv + ml + 1);
        if (!rel) return nomem(c);
        memset(rel, '.', lv);
        memcpy(rel + lv, mod, ml + 1);
        ni = name_index(c, rel);
        free(rel);
    } else {
        ni = name_index(c, s->import.module);
    }
    if (ni < 0) return -1;
    TRY(emit(c, OP_IMPORT_NAME, ni, s->span));
    for (size_t i = 0; i < s->import.naliases; i++) {
        TrAlias *a = &s->import.aliases[i];
        if (strcmp(a->name, "*") == 0) {
            if (c->u->scope->kind != SCOPE_MODULE)
                return syntax_error(c, a->span, "import * only allowed at module level");
            return emit(c, OP_IMPORT_STAR, 0, s->span);   /* consumes the module */
        }
        int k = name_index(c, a->name);
        if (k < 0) return -1;
        TRY(emit(c, OP_IMPORT_FROM, k, s->span));
        TRY(name_op(c, a->asname ? a->asname : a->name, CTX_STORE, s->span));
    }
    return emit(c, OP_POP_TOP, 0, s->span);
}

/* ---- match statements (PEP 634) ---------------------------------------- */

/* Patterns compile as CPython's do.  A pattern consumes the value on top of
 * the stack.  Captured values are not stored until the whole case pattern has
 * matched: each one is rotated down the stack, under every earlier capture
 * and under the `on_top` values the enclosing patterns still need, so the
 * stack holds [subject copy][captures, the latest deepest][on_top values]
 * [value being matched].  A failing test jumps to fail_pop[n], a chain of
 * POP_TOPs that drops the n values above the case's base and then falls
 * into the next case. */
typedef struct PatCtx {
    const char **stores;         /* captured names: stores[0] nearest the top */
    size_t nstores, stores_cap;
    int *fail_pop;               /* labels; fail_pop[n] pops n values */
    size_t nfail, fail_cap;
    int on_top;
    bool allow_irrefutable;
} PatCtx;

static void pc_free(PatCtx *pc)
{
    free(pc->stores);
    free(pc->fail_pop);
    pc->stores = NULL;
    pc->fail_pop = NULL;
    pc->nstores = pc->stores_cap = pc->nfail = pc->fail_cap = 0;
}

static int compile_pattern(Compiler *c, TrPattern *p, PatCtx *pc);

static bool is_wildcard(TrPattern *p) { return p->kind == P_AS && !p->pattern && !p->name; }

static int fail_label(Compiler *c, PatCtx *pc, size_t n)
{
    if (grow((void **)&pc->fail_pop, &pc->fail_cap, n + 1, sizeof *pc->fail_pop) < 0) return nomem(c);
    while (pc->nfail <= n) {
        int l = new_label(c);
        if (l < 0) return -1;
        pc->fail_pop[pc->nfail++] = l;
    }
    return pc->fail_pop[n];
}

/* Emits `op` (a jump) to the failure label that pops everything this case
 * has pushed so far. */
static int jump_to_fail(Compiler *c, PatCtx *pc, int op, TrSpan sp)
{
    int l = fail_label(c, pc, (size_t)pc->on_top + pc->nstores);
    if (l < 0) return -1;
    return emit(c, op, l, sp);
}

/* Places the failure labels: fail_pop[n] pops one value and falls into fail_pop[n - 1]. */
static int emit_fail_pops(Compiler *c, PatCtx *pc, TrSpan sp)
{
    if (!pc->nfail) return 0;
    for (size_t n = pc->nfail - 1; n > 0; n--) {
        use_label(c, pc->fail_pop[n]);
        TRY(emit(c, OP_POP_TOP, 0, sp));
    }
    use_label(c, pc->fail_pop[0]);
    pc->nfail = 0;
    return 0;
}

/* Moves the top of the stack `count` places down (the others move up one). */
static int rotate(Compiler *c, int count, TrSpan sp)
{
    while (count > 1) TRY(emit(c, OP_SWAP, count--, sp));
    return 0;
}

static bool has_store(PatCtx *pc, const char *name)
{
    for (size_t i = 0; i < pc->nstores; i++)
        if (strcmp(pc->stores[i], name) == 0) return true;
    return false;
}

static int dup_store(Compiler *c, TrSpan sp, const char *name)
{
    char msg[256];
    snprintf(msg, sizeof msg, "multiple assignments to name '%s' in pattern", name);
    return syntax_error(c, sp, msg);
}

static int add_store(Compiler *c, PatCtx *pc, const char *name)
{
    if (grow((void **)&pc->stores, &pc->stores_cap, pc->nstores + 1, sizeof *pc->stores) < 0) return nomem(c);
    pc->stores[pc->nstores++] = name;
    return 0;
}

/* Captures the value on top as `name` (NULL: drops it). */
static int store_capture(Compiler *c, PatCtx *pc, const char *name, TrSpan sp)
{
    if (!name) return emit(c, OP_POP_TOP, 0, sp);
    if (has_store(pc, name)) return dup_store(c, sp, name);
    TRY(rotate(c, pc->on_top + (int)pc->nstores + 1, sp));
    return add_store(c, pc, name);
}

static int compile_subpattern(Compiler *c, TrPattern *p, PatCtx *pc)
{
    bool saved = pc->allow_irrefutable;
    pc->allow_irrefutable = true;
    TRY(compile_pattern(c, p, pc));
    pc->allow_irrefutable = saved;
    return 0;
}

static int load_int(Compiler *c, int64_t v, TrSpan sp)
{
    return load_const_take(c, int_from_i64(c->ts, v), sp);
}

static int pattern_sequence(Compiler *c, TrPattern *p, PatCtx *pc)
{
    TrSpan sp = p->span;
    size_t size = p->items.len;
    long star = -1;
    bool only_wildcard = true, star_wildcard = false;
    for (size_t i = 0; i < size; i++) {
        TrPattern *it = p->items.items[i];
        if (it->kind == P_STAR) {
            if (star >= 0) return syntax_error(c, sp, "multiple starred names in sequence pattern");
            star_wildcard = it->name == NULL;
            only_wildcard &= star_wildcard;
            star = (long)i;
            continue;
        }
        only_wildcard &= is_wildcard(it);
    }
    /* the subject stays on top during the type and length checks */
    pc->on_top++;
    TRY(emit(c, OP_MATCH_SEQUENCE, 0, sp));
    TRY(jump_to_fail(c, pc, OP_POP_JUMP_IF_FALSE, sp));
    if (star < 0 || size > 1) {
        TRY(emit(c, OP_GET_LEN, 0, sp));
        TRY(load_int(c, star < 0 ? (int64_t)size : (int64_t)size - 1, sp));
        TRY(emit(c, OP_COMPARE_OP, star < 0 ? TR_EQ : TR_GE, sp));
        TRY(jump_to_fail(c, pc, OP_POP_JUMP_IF_FALSE, sp));
    }
    pc->on_top--;
    if (only_wildcard) return emit(c, OP_POP_TOP, 0, sp);
    if (star_wildcard) {
        /* [a, *_, b]: index the subject instead of unpacking it */
        pc->on_top++;
        for (size_t i = 0; i < size; i++) {
            TrPattern *it = p->items.items[i];
            if (is_wildcard(it) || (long)i == star) continue;
            TRY(emit(c, OP_COPY, 1, sp));
            if ((long)i < star) {
                TRY(load_int(c, (int64_t)i, sp));
            } else {
                TRY(emit(c, OP_GET_LEN, 0, sp));
                TRY(load_int(c, (int64_t)(size - i), sp));
                TRY(emit(c, OP_BINARY_OP, TR_BINOP_SUB, sp));
            }
            TRY(emit(c, OP_BINARY_SUBSCR, 0, sp));
            TRY(compile_subpattern(c, it, pc));
        }
        pc->on_top--;
        return emit(c, OP_POP_TOP, 0, sp);
    }
    if (star < 0) {
        TRY(emit(c, OP_UNPACK_SEQUENCE, (int)size, sp));
    } else {
        size_t after = size - (size_t)star - 1;
        if (star >= 256 || after >= (1u << 16)) return syntax_error(c, sp, "too many expressions in star-unpacking sequence pattern");
        TRY(emit(c, OP_UNPACK_EX, (int)((size_t)star | (after << 8)), sp));
    }
    pc->on_top += (int)size;
    for (size_t i = 0; i < size; i++) {
        pc->on_top--;
        TRY(compile_subpattern(c, p->items.items[i], pc));
    }
    return 0;
}

/* The constant a literal mapping key stands for (new reference), or NULL
 * with *is_const false for attribute keys; NULL with *is_const true on error. */
static TrObject *key_const(Compiler *c, TrAstExpr *k, bool *is_const)
{
    *is_const = true;
    switch (k->kind) {
    case E_INT: return int_const(c, k->text, false);
    case E_FLOAT: return float_const(c, k, false);
    case E_STR: return str_from_utf8(c->ts, k->str, k->str_len);
    case E_BYTES: return bytes_from(c->ts, k->str, k->str_len);
    case E_NONE: return tr_newref(tr_none);
    case E_TRUE: return tr_newref(tr_true);
    case E_FALSE: return tr_newref(tr_false);
    case E_UNARY:
        if (k->unary.operand->kind == E_INT) return int_const(c, k->unary.operand->text, true);
        if (k->unary.operand->kind == E_FLOAT) return float_const(c, k->unary.operand, true);
        break;
    default:
        break;
    }
    *is_const = false;
    return NULL;
}

/* SyntaxError for a literal key equal to an earlier one; -1 on error. */
static int check_mapping_keys(Compiler *c, TrPattern *p)
{
    size_t n = p->keys.len;
    TrObject **seen = calloc(n ? n : 1, sizeof *seen);
    if (!seen) return nomem(c);
    size_t nseen = 0;
    int r = 0;
    for (size_t i = 0; i < n && r == 0; i++) {
        TrAstExpr *k = p->keys.items[i];
        if (k->kind == E_JOINEDSTR) {
            r = syntax_error(c, p->span, "mapping pattern keys may only match literals and attribute lookups");
            break;
        }
        bool is_const;
        TrObject *v = key_const(c, k, &is_const);
        if (!is_const) continue;
        if (!v) { r = obj_failed(c); break; }
        for (size_t j = 0; j < nseen && r == 0; j++) {
            int eq = tr_richcompare_bool(c->ts, seen[j], v, TR_EQ);
            if (eq < 0) { r = obj_failed(c); break; }
            if (eq) {
                TrObject *rep = tr_repr(c->ts, v);
                if (!rep) { r = obj_failed(c); break; }
                char msg[256];
                snprintf(msg, sizeof msg, "mapping pattern checks duplicate key (%s)", str_utf8(rep));
                tr_decref(rep);
                r = syntax_error(c, p->span, msg);
            }
        }
        seen[nseen++] = v;
    }
    for (size_t j = 0; j < nseen; j++) tr_decref(seen[j]);
    free(seen);
    return r;
}

static int pattern_mapping(Compiler *c, TrPattern *p, PatCtx *pc)
{
    TrSpan sp = p->span;
    size_t size = p->keys.len;
    pc->on_top++;
    TRY(emit(c, OP_MATCH_MAPPING, 0, sp));
    TRY(jump_to_fail(c, pc, OP_POP_JUMP_IF_FALSE, sp));
    if (!size && !p->name) {
        pc->on_top--;
        return emit(c, OP_POP_TOP, 0, sp);
    }
    if (size) {
        TRY(emit(c, OP_GET_LEN, 0, sp));
        TRY(load_int(c, (int64_t)size, sp));
        TRY(emit(c, OP_COMPARE_OP, TR_GE, sp));
        TRY(jump_to_fail(c, pc, OP_POP_JUMP_IF_FALSE, sp));
    }
    TRY(check_mapping_keys(c, p));
    for (size_t i = 0; i < size; i++) TRY(compile_expr(c, p->keys.items[i]));
    TRY(emit(c, OP_BUILD_TUPLE, (int)size, sp));
    TRY(emit(c, OP_MATCH_KEYS, 0, sp));
    /* [subject, keys, values or None] */
    pc->on_top += 2;
    TRY(emit(c, OP_COPY, 1, sp));
    TRY(jump_to_fail(c, pc, OP_POP_JUMP_IF_NONE, sp));
    TRY(emit(c, OP_UNPACK_SEQUENCE, (int)size, sp));
    pc->on_top += (int)size - 1;
    for (size_t i = 0; i < size; i++) {
        pc->on_top--;
        TRY(compile_subpattern(c, p->items.items[i], pc));
    }
    pc->on_top -= 2;
    if (p->name) {
        /* rest = dict(subject) without the keys */
        TRY(emit(c, OP_BUILD_MAP, 0, sp));
        TRY(emit(c, OP_SWAP, 3, sp));
        TRY(emit(c, OP_DICT_UPDATE, 2, sp));
        TRY(emit(c, OP_UNPACK_SEQUENCE, (int)size, sp));
        for (size_t k = size; k > 0; k--) {
            TRY(emit(c, OP_COPY, (int)k + 1, sp));
            TRY(emit(c, OP_SWAP, 2, sp));
            TRY(emit(c, OP_DELETE_SUBSCR, 0, sp));
        }
        return store_capture(c, pc, p->name, sp);
    }
    TRY(emit(c, OP_POP_TOP, 0, sp));
    return emit(c, OP_POP_TOP, 0, sp);
}

static int pattern_class(Compiler *c, TrPattern *p, PatCtx *pc)
{
    TrSpan sp = p->span;
    size_t nargs = p->items.len, nkw = p->nkwd;
    for (size_t j = 0; j < nkw; j++)
        for (size_t i = 0; i < j; i++)
            if (strcmp(p->kwd_names[i], p->kwd_names[j]) == 0) {
                char msg[256];
                snprintf(msg, sizeof msg, "attribute name repeated in class pattern: %s", p->kwd_names[j]);
                return syntax_error(c, p->kwd_items[j]->span, msg);
            }
    TRY(compile_expr(c, p->cls));
    TrObject *names = tuple_new(c->ts, nkw);
    if (!names) return obj_failed(c);
    for (size_t i = 0; i < nkw; i++) {
        TrObject *s = str_intern_cstr(c->ts, p->kwd_names[i]);
        if (!s) {
            for (size_t k = i; k < nkw; k++) tuple_set_take(names, k, tr_newref(tr_none));
            tr_decref(names);
            return obj_failed(c);
        }
        tuple_set_take(names, i, tr_newref(s));
    }
    TRY(load_const_take(c, names, sp));
    TRY(emit(c, OP_MATCH_CLASS, (int)nargs, sp));
    /* [attributes tuple or None] */
    pc->on_top++;
    TRY(emit(c, OP_COPY, 1, sp));
    TRY(jump_to_fail(c, pc, OP_POP_JUMP_IF_NONE, sp));
    TRY(emit(c, OP_UNPACK_SEQUENCE, (int)(nargs + nkw), sp));
    pc->on_top += (int)(nargs + nkw) - 1;
    for (size_t i = 0; i < nargs + nkw; i++) {
        pc->on_top--;
        TrPattern *sub = i < nargs ? p->items.items[i] : p->kwd_items[i - nargs];
        if (is_wildcard(sub)) {
            TRY(emit(c, OP_POP_TOP, 0, sp));
            continue;
        }
        TRY(compile_subpattern(c, sub, pc));
    }
    return 0;
}

static int pattern_or(Compiler *c, TrPattern *p, PatCtx *pc)
{
    TrSpan sp = p->span;
    int end = new_label(c);
    if (end < 0) return -1;
    const char **control = NULL;
    size_t ncontrol = 0;
    int r = 0;
    size_t n = p->items.len;
    for (size_t i = 0; i < n && r == 0; i++) {
        TrPattern *alt = p->items.items[i];
        PatCtx apc = {0};
        apc.allow_irrefutable = i == n - 1 && pc->allow_irrefutable;
        r = emit(c, OP_COPY, 1, alt->span);
        if (r == 0) r = compile_pattern(c, alt, &apc);
        if (r == 0 && i == 0) {
            control = apc.stores;
            ncontrol = apc.nstores;
            apc.stores = NULL;
            apc.nstores = apc.stores_cap = 0;
        } else if (r == 0) {
            /* the same names, reordered on the stack as the first alternative's */
            if (apc.nstores != ncontrol) r = syntax_error(c, sp, "alternative patterns bind different names");
            for (size_t k = ncontrol; r == 0 && k-- > 0;) {
                size_t d = 0;
                while (d < ncontrol && strcmp(apc.stores[d], control[k]) != 0) d++;
                if (d == ncontrol) { r = syntax_error(c, sp, "alternative patterns bind different names"); break; }
                if (d == k) continue;
                const char *t;
                if (d != 0) {
                    r = emit(c, OP_SWAP, (int)d + 1, alt->span);
                    t = apc.stores[0]; apc.stores[0] = apc.stores[d]; apc.stores[d] = t;
                }
                if (r == 0 && k != 0) {
                    r = emit(c, OP_SWAP, (int)k + 1, alt->span);
                    t = apc.stores[0]; apc.stores[0] = apc.stores[k]; apc.stores[k] = t;
                }
            }
        }
        if (r == 0) r = emit(c, OP_JUMP, end, alt->span);
        if (r == 0) r = emit_fail_pops(c, &apc, alt->span);
        pc_free(&apc);
    }
    if (r == 0) r = emit(c, OP_POP_TOP, 0, sp);
    if (r == 0) r = jump_to_fail(c, pc, OP_JUMP, sp);
    if (r == 0) {
        use_label(c, end);
        int nrots = (int)ncontrol + 1 + pc->on_top + (int)pc->nstores;
        for (size_t i = 0; i < ncontrol && r == 0; i++) {
            r = rotate(c, nrots, sp);
            if (r == 0 && has_store(pc, control[i])) r = dup_store(c, sp, control[i]);
            if (r == 0) r = add_store(c, pc, control[i]);
        }
    }
    free(control);
    TRY(r);
    return emit(c, OP_POP_TOP, 0, sp);
}

static int compile_pattern(Compiler *c, TrPattern *p, PatCtx *pc)
{
    TrSpan sp = p->span;
    switch (p->kind) {
    case P_VALUE:
        if (p->value->kind == E_JOINEDSTR)
            return syntax_error(c, p->value->span, "patterns may only match literals and attribute lookups");
        TRY(compile_expr(c, p->value));
        TRY(emit(c, OP_COMPARE_OP, TR_EQ, sp));
        return jump_to_fail(c, pc, OP_POP_JUMP_IF_FALSE, sp);
    case P_SINGLETON:
        TRY(compile_expr(c, p->value));
        TRY(emit(c, OP_IS_OP, 0, sp));
        return jump_to_fail(c, pc, OP_POP_JUMP_IF_FALSE, sp);
    case P_SEQUENCE:
        return pattern_sequence(c, p, pc);
    case P_MAPPING:
        return pattern_mapping(c, p, pc);
    case P_CLASS:
        return pattern_class(c, p, pc);
    case P_STAR:
        return store_capture(c, pc, p->name, sp);
    case P_AS:
        if (!p->pattern) {
            if (!pc->allow_irrefutable) {
                if (!p->name) return syntax_error(c, sp, "wildcard makes remaining patterns unreachable");
                char msg[256];
                snprintf(msg, sizeof msg, "name capture '%s' makes remaining patterns unreachable", p->name);
                return syntax_error(c, sp, msg);
            }
            return store_capture(c, pc, p->name, sp);
        }
        pc->on_top++;
        TRY(emit(c, OP_COPY, 1, sp));
        TRY(compile_pattern(c, p->pattern, pc));
        pc->on_top--;
        return store_capture(c, pc, p->name, sp);
    case P_OR:
        return pattern_or(c, p, pc);
    }
    return syntax_error(c, sp, "torii: unknown pattern");
}

static int compile_match(Compiler *c, TrAstStmt *s)
{
    TRY(compile_expr(c, s->match.subject));
    int end = new_label(c);
    if (end < 0) return -1;
    size_t ncases = s->match.ncases;
    bool has_default = is_wildcard(s->match.cases[ncases - 1].pattern) && ncases > 1;
    size_t nloop = ncases - has_default;
    for (size_t i = 0; i < nloop; i++) {
        TrMatchCase *m = &s->match.cases[i];
        TrSpan psp = m->pattern->span;
        bool copy = i != nloop - 1;
        if (copy) TRY(emit(c, OP_COPY, 1, psp));
        PatCtx pc = {0};
        pc.allow_irrefutable = m->guard != NULL || i == ncases - 1;
        int r = compile_pattern(c, m->pattern, &pc);
        /* a match: store the captures, stores[0] first (it is on top) */
        for (size_t k = 0; r == 0 && k < pc.nstores; k++) r = name_op(c, pc.stores[k], CTX_STORE, psp);
        if (r == 0 && m->guard) {
            int l = fail_label(c, &pc, 0);
            r = l < 0 ? -1 : compile_jump_if(c, m->guard, false, l);
        }
        if (r == 0 && copy) r = emit(c, OP_POP_TOP, 0, psp);
        if (r == 0) r = compile_stmts(c, &m->body);
        if (r == 0) r = emit(c, OP_JUMP, end, c->last_span);
        if (r == 0) r = emit_fail_pops(c, &pc, psp);
        pc_free(&pc);
        TRY(r);
    }
    if (has_default) {
        TrMatchCase *m = &s->match.cases[ncases - 1];
        TRY(emit(c, OP_NOP, 0, m->pattern->span));
        if (m->guard) TRY(compile_jump_if(c, m->guard, false, end));
        TRY(compile_stmts(c, &m->body));
    }
    use_label(c, end);
    return 0;
}

static int compile_stmt(Compiler *c, TrAstStmt *s)
{
    c->last_span = s->span;
    int r;
    switch (s->kind) {
    case S_EXPR:
        if (c->printer && c->u->scope->kind == SCOPE_MODULE) {
            /* "single" mode: printer(value), as CPython's interactive displayhook */
            TRY(load_const_take(c, tr_newref(c->printer), s->span));
            TRY(emit(c, OP_PUSH_NULL, 0, s->span));
            TRY(compile_expr(c, s->expr.value));
            TRY(emit(c, OP_CALL, 1, s->expr.value->span));
        } else {
            TRY(compile_expr(c, s->expr.value));
        }
        r = emit(c, OP_POP_TOP, 0, s->expr.value->span);
        break;
    case S_ASSIGN: {
        TRY(compile_expr(c, s->assign.value));
        size_t n = s->assign.targets.len;
        for (size_t i = 0; i < n; i++) {
            if (i + 1 < n) TRY(emit(c, OP_COPY, 1, s->assign.value->span));
            TRY(compile_store(c, s->assign.targets.items[i]));
        }
        r = 0;
        break;
    }
    case S_AUGASSIGN:
        r = compile_augassign(c, s);
        break;
    case S_ANNASSIGN:
        r = 0;
        if (s->annassign.value) {
            TRY(compile_expr(c, s->annassign.value));
            TRY(compile_store(c, s->annassign.target));
        }
        /* Module and class bodies: __annotations__[name] = annotation, the
         * dict made at the body's start (has_annotations). */
        if (c->u->scope->kind != SCOPE_FUNCTION && s->annassign.simple) {
            TRY(compile_expr(c, s->annassign.annotation));
            TRY(name_op(c, "__annotations__", CTX_LOAD, s->span));
            TRY(load_const_take(c, str_from_cstr(c->ts, s->annassign.target->name), s->span));
            r = emit(c, OP_STORE_SUBSCR, 0, s->span);
        }
        break;
    case S_IF: r = compile_if(c, s); break;
    case S_WHILE: r = compile_while(c, s); break;
    case S_FOR: r = compile_for(c, s); break;
    case S_BREAK: case S_CONTINUE: r = compile_break_continue(c, s); break;
    case S_PASS: r = 0; break;
    case S_RETURN: r = compile_return(c, s); break;
    case S_FUNCDEF: r = compile_funcdef(c, s); break;
    case S_CLASSDEF: r = compile_classdef(c, s); break;
    case S_GLOBAL: case S_NONLOCAL: r = 0; break;
    case S_TRY: r = compile_try(c, s); break;
    case S_RAISE: {
        int n = 0;
        if (s->raise.exc) { TRY(compile_expr(c, s->raise.exc)); n++; }
        if (s->raise.cause) { TRY(compile_expr(c, s->raise.cause)); n++; }
        r = emit(c, OP_RAISE_VARARGS, n, s->span);
        break;
    }
    case S_DELETE:
        for (size_t i = 0; i < s->assign.targets.len; i++) TRY(compile_delete(c, s->assign.targets.items[i]));
        r = 0;
        break;
    case S_ASSERT: {
        if (s->assert_.test->kind == E_TUPLE && s->assert_.test->elts.len > 0)
            warn(c, s->span, "assertion is always true, perhaps remove parentheses?");
        if (tr_runtime.optimize) { r = 0; break; }   /* -O: asserts compile to nothing */
        int end = new_label(c);
        if (end < 0) return -1;
        TRY(compile_jump_if(c, s->assert_.test, true, end));
        TRY(emit(c, OP_LOAD_ASSERTION_ERROR, 0, s->span));
        if (s->assert_.msg) {
            TRY(emit(c, OP_PUSH_NULL, 0, s->span));
            TRY(compile_expr(c, s->assert_.msg));
            TRY(emit(c, OP_CALL, 1, s->span));
        }
        /* CPython 3.13 points the raise at the test expression. */
        TRY(emit(c, OP_RAISE_VARARGS, 1, s->assert_.test->span));
        use_label(c, end);
        r = 0;
        break;
    }
    case S_IMPORT: r = compile_import(c, s); break;
    case S_IMPORTFROM: r = compile_importfrom(c, s); break;
    case S_WITH: r = compile_with(c, s, 0); break;
    case S_MATCH: r = compile_match(c, s); break;
    default: r = syntax_error(c, s->span, "torii: unknown statement"); break;
    }
    c->last_span = s->span;
    return r;
}

static int compile_stmts(Compiler *c, TrStmtList *l)
{
    for (size_t i = 0; i < l->len; i++) TRY(compile_stmt(c, l->items[i]));
    return 0;
}

/* ---- entry ------------------------------------------------------------- */

TrObject *compile_module(TrThread *ts, TrAstModule *mod, const char *filename, TrSyntaxError *err)
{
    return compile_source(ts, mod, filename, TR_COMPILE_MODULE, NULL, err);
}

TrObject *compile_source(TrThread *ts, TrAstModule *mod, const char *filename, int mode, TrObject *printer,
                         TrSyntaxError *err)
{
    err->msg[0] = 0;
    TrScope *top = symtable_build(ts, mod, err);
    if (!top) return NULL;
    Compiler c = {.ts = ts, .err = err, .by_name = mode != TR_COMPILE_MODULE,
                  .printer = mode == TR_COMPILE_SINGLE ? printer : NULL};
    TrObject *code = NULL;
    TrCUnit *u = NULL;
    c.filename = str_intern_cstr(ts, filename);
    if (!c.filename) { nomem(&c); goto done; }
    /* a future statement may only come first (after a docstring) */
    for (size_t i = 0; i < mod->body.len; i++) {
        TrAstStmt *st = mod->body.items[i];
        if (st->kind != S_IMPORTFROM || !st->import.module || strcmp(st->import.module, "__future__") != 0) {
            if (i == 0 && docstring_of(&mod->body)) continue;
            break;
        }
        for (size_t k = 0; k < st->import.naliases; k++)
            if (strcmp(st->import.aliases[k].name, "annotations") == 0) c.future_annotations = true;
    }
    u = unit_new(&c, top, NULL, "<module>", 1);
    if (!u) goto done;
    c.u = u;
    TrSpan first = {1, 0, 1, 0};
    if (mode == TR_COMPILE_EVAL) {
        /* the body is the one expression statement parse_source made */
        TrAstExpr *e = mod->body.items[0]->expr.value;
        if (compile_expr(&c, e) < 0 || emit(&c, OP_RETURN_VALUE, 0, e->span) < 0) goto done;
        code = assemble_unit(ts, u, c.filename, err);
        goto done;
    }
    TrAstExpr *doc = mode == TR_COMPILE_SINGLE ? NULL : docstring_of(&mod->body);
    if (doc && (load_const_take(&c, clean_doc(&c, doc), mod->body.items[0]->span) < 0 ||
                name_op(&c, "__doc__", CTX_STORE, mod->body.items[0]->span) < 0))
        goto done;
    if (setup_annotations(&c, &mod->body, first) < 0) goto done;
    if (compile_body(&c, &mod->body, first) < 0) goto done;
    code = assemble_unit(ts, u, c.filename, err);
done:
    unit_free(u);
    free(c.comp);
    symtable_free(top);
    return code;
}
