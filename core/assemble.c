/* core/assemble.c: turns a compiled unit (core/compile.h) into a TrCode:
 * resolves labels to instruction indexes, computes the maximum stack depth
 * by a flow pass over every reachable path (exception handlers start two
 * slots above their block's level: prev_exc and exc), and packs constants and
 * names into immortal tuples.  Also the disassembler.
 * Threads: runs on the compiling thread; the result is immortal and read by
 * any thread without locks. */
#include <stdlib.h>
#include <assert.h>
#include <string.h>
#include "core/compile.h"
#include "core/opcodes.h"
#include "torii/error.h"
#include "torii/str.h"
#include "torii/tuple.h"
#include "torii/int.h"
#include "torii/float.h"

static int self_attrs_scan(TrCode *co);

static const char *const opnames[] = {
#define TR_OP_NAME(name) #name,
    TR_OPCODES(TR_OP_NAME)
#undef TR_OP_NAME
};

const char *compile_opname(int op)
{
    return op >= 0 && op < OP__COUNT ? opnames[op] : "?";
}

int compile_is_jump(int op)
{
    switch (op) {
    case OP_FOR_ITER: case OP_JUMP: case OP_POP_JUMP_IF_FALSE: case OP_POP_JUMP_IF_TRUE:
    case OP_JUMP_IF_FALSE_OR_POP: case OP_JUMP_IF_TRUE_OR_POP: case OP_POP_JUMP_IF_NONE:
    case OP_POP_JUMP_IF_NOT_NONE: case OP_SETUP_FINALLY:
        return 1;
    default:
        return 0;
    }
}

/* No fall-through after these. */
static int is_terminal(int op)
{
    return op == OP_JUMP || op == OP_RETURN_VALUE || op == OP_RAISE_VARARGS || op == OP_RERAISE;
}

int compile_stack_effect(int op, int arg, int jump)
{
    switch (op) {
    case OP_NOP: case OP_SWAP: case OP_DELETE_FAST: case OP_DELETE_DEREF: case OP_DELETE_GLOBAL:
    case OP_DELETE_NAME: case OP_LOAD_ATTR: case OP_UNARY_NEGATIVE: case OP_UNARY_POSITIVE:
    case OP_UNARY_NOT: case OP_UNARY_INVERT: case OP_LIST_TO_TUPLE: case OP_GET_ITER:
    case OP_JUMP: case OP_POP_BLOCK: case OP_CHECK_EXC_MATCH: case OP_CHECK_EG_MATCH: case OP_YIELD_VALUE:
    case OP_EXTENDED_ARG: case OP_GET_AWAITABLE: case OP_GET_AITER: case OP_ASYNC_GEN_WRAP:
        return 0;
    case OP_END_ASYNC_FOR:
        return -3;
    case OP_POP_TOP: case OP_STORE_FAST: case OP_STORE_DEREF: case OP_STORE_GLOBAL:
    case OP_STORE_NAME: case OP_DELETE_ATTR: case OP_BINARY_SUBSCR: case OP_BINARY_OP:
    case OP_COMPARE_OP: case OP_IS_OP: case OP_CONTAINS_OP: case OP_LIST_APPEND: case OP_SET_ADD:
    case OP_LIST_EXTEND: case OP_SET_UPDATE: case OP_DICT_UPDATE: case OP_DICT_MERGE:
    case OP_POP_JUMP_IF_FALSE: case OP_POP_JUMP_IF_TRUE: case OP_POP_JUMP_IF_NONE:
    case OP_POP_JUMP_IF_NOT_NONE: case OP_RETURN_VALUE: case OP_POP_EXCEPT: case OP_RERAISE:
    case OP_YIELD_FROM: case OP_IMPORT_STAR: case OP_PREP_RERAISE_STAR:
        return -1;
    case OP_PUSH_NULL: case OP_COPY: case OP_LOAD_CONST: case OP_LOAD_FAST: case OP_LOAD_DEREF:
    case OP_LOAD_CLOSURE: case OP_LOAD_GLOBAL: case OP_LOAD_NAME: case OP_LOAD_METHOD:
    case OP_LOAD_ASSERTION_ERROR: case OP_BEFORE_WITH: case OP_WITH_EXCEPT_START:
    case OP_BEFORE_ASYNC_WITH: case OP_GET_ANEXT:
    case OP_IMPORT_NAME: case OP_IMPORT_FROM: case OP_LOAD_BUILD_CLASS:
    case OP_GET_LEN: case OP_MATCH_SEQUENCE: case OP_MATCH_MAPPING: case OP_MATCH_KEYS:
        return 1;
    case OP_MATCH_CLASS:
        return -2;
    case OP_STORE_ATTR: case OP_DELETE_SUBSCR: case OP_MAP_ADD:
        return -2;
    case OP_STORE_SUBSCR:
        return -3;
    case OP_BUILD_SLICE: case OP_BUILD_TUPLE: case OP_BUILD_LIST: case OP_BUILD_SET: case OP_BUILD_STRING:
        return 1 - arg;
    case OP_BUILD_MAP:
        return 1 - 2 * arg;
    case OP_FORMAT_VALUE:
        return (arg & TR_FV_HAVE_SPEC) ? -1 : 0;
    case OP_UNPACK_SEQUENCE:
        return arg - 1;
    case OP_UNPACK_EX:
        return (arg & 0xff) + (arg >> 8);
    case OP_FOR_ITER:
        return jump ? -1 : 1;
    case OP_JUMP_IF_FALSE_OR_POP: case OP_JUMP_IF_TRUE_OR_POP:
        return jump ? 0 : -1;
    case OP_CALL:
        return -arg - 1;
    case OP_CALL_KW:
        return -arg - 2;
    case OP_CALL_EX:
        return -2 - (arg & 1);
    case OP_MAKE_FUNCTION:
        return -(((arg & TR_MF_DEFAULTS) != 0) + ((arg & TR_MF_KWDEFAULTS) != 0) + ((arg & TR_MF_CLOSURE) != 0));
    case OP_RAISE_VARARGS:
        return -arg;
    case OP_SETUP_FINALLY:
        return jump ? 2 : 0;
    }
    return 0;
}

static int too_large(TrSyntaxError *err, TrCUnit *u)
{
    snprintf(err->msg, sizeof err->msg, "torii: code object '%s' too large", str_utf8(u->name));
    err->type = "SyntaxError";
    err->lineno = u->firstlineno;
    err->col = 0;
    err->end_lineno = u->firstlineno;
    err->end_col = -1;
    err->text = NULL;
    return -1;
}

/* Max stack depth over all paths from instruction 0; -1 on MemoryError.
 * A merge point reached with two different depths is a compiler bug. */
static int stack_depth(TrCUnit *u, const int *target)
{
    size_t n = u->ncode;
    if (n == 0) return 0;
    int *depth = malloc(n * sizeof *depth);
    size_t *work = malloc(n * sizeof *work);
    if (!depth || !work) { free(depth); free(work); return -1; }
    for (size_t i = 0; i < n; i++) depth[i] = -1;
    size_t nwork = 0;
    int maxd = 0;
    depth[0] = 0;
    work[nwork++] = 0;
    while (nwork) {
        size_t i = work[--nwork];
        for (;;) {
            int d = depth[i];
            if (d > maxd) maxd = d;
            TrCInstr *in = &u->code[i];
            if (compile_is_jump(in->op)) {
                int t = target[i];
                int jd = d + compile_stack_effect(in->op, in->arg, 1);
                if (jd > maxd) maxd = jd;
                if (t >= 0 && (size_t)t < n && depth[t] < 0) {
                    depth[t] = jd;
                    work[nwork++] = (size_t)t;
                }
                assert((t < 0 || (size_t)t >= n || depth[t] == jd) && "stack depths differ where paths merge");
            }
            if (is_terminal(in->op) || i + 1 >= n) break;
            int fd = d + compile_stack_effect(in->op, in->arg, 0);
            if (fd > maxd) maxd = fd;
            assert(fd >= 0 && "stack underflow in emitted code");
            if (depth[i + 1] >= 0) {
                assert(depth[i + 1] == fd && "stack depths differ where paths merge");
                break;
            }
            depth[i + 1] = fd;
            i++;
        }
    }
    free(depth);
    free(work);
    return maxd;
}

static TrObject *pack(TrThread *ts, TrObject **arr, size_t n)
{
    TrObject *t = tuple_new(ts, n);
    if (!t) return NULL;
    for (size_t i = 0; i < n; i++) tuple_set_take(t, i, tr_newref(arr[i]));
    tr_make_immortal(t);
    return t;
}

TrObject *assemble_unit(TrThread *ts, TrCUnit *u, TrObject *filename, TrSyntaxError *err)
{
    err->msg[0] = 0;
    size_t n = u->ncode;
    if (n > TR_MAX_ARG) { too_large(err, u); return NULL; }
    int *target = malloc((n ? n : 1) * sizeof *target);
    if (!target) return err_nomemory(ts);
    for (size_t i = 0; i < n; i++) {
        TrCInstr *in = &u->code[i];
        target[i] = compile_is_jump(in->op) ? u->labels[in->arg] : -1;
        assert((!compile_is_jump(in->op) || target[i] >= 0) && "jump to a label never placed");
        int arg = compile_is_jump(in->op) ? target[i] : in->arg;
        if (arg < 0 || arg > TR_MAX_ARG) { free(target); too_large(err, u); return NULL; }
    }
    int stacksize = stack_depth(u, target);
    if (stacksize < 0) { free(target); return err_nomemory(ts); }

    TrCode *co = (TrCode *)tr_alloc(ts, &tr_code_type);
    if (!co) { free(target); return NULL; }
    co->instrs = malloc((n ? n : 1) * sizeof *co->instrs);
    co->positions = malloc((n ? n : 1) * sizeof *co->positions);
    if (!co->instrs || !co->positions) goto nomem;
    for (size_t i = 0; i < n; i++) {
        TrCInstr *in = &u->code[i];
        int arg = compile_is_jump(in->op) ? target[i] : in->arg;
        co->instrs[i] = TR_INSTR(in->op, arg);
        co->positions[i] = in->pos;
    }
    co->ninstrs = n;
    free(target);
    target = NULL;
    if (!(co->consts = pack(ts, u->consts, u->nconsts))) goto fail;
    if (!(co->names = pack(ts, u->names, u->nnames))) goto fail;
    if (!(co->varnames = pack(ts, u->varnames, u->nvarnames))) goto fail;
    if (!(co->cellvars = pack(ts, u->cellvars, u->ncellvars))) goto fail;
    if (!(co->freevars = pack(ts, u->freevars, u->nfreevars))) goto fail;
    co->filename = tr_newref(filename);
    co->name = tr_newref(u->name);
    co->qualname = tr_newref(u->qualname);
    tr_make_immortal(co->qualname);
    co->firstlineno = u->firstlineno;
    co->argcount = u->argcount;
    co->posonlyargcount = u->posonlyargcount;
    co->kwonlyargcount = u->kwonlyargcount;
    co->nlocals = (int)u->nvarnames;
    co->ncells = (int)u->ncellvars;
    co->nfrees = (int)u->nfreevars;
    if (u->cell2arg) {
        co->cell2arg = malloc(u->ncellvars * sizeof *co->cell2arg);
        if (!co->cell2arg) goto nomem;
        memcpy(co->cell2arg, u->cell2arg, u->ncellvars * sizeof *co->cell2arg);
    }
    co->stacksize = stacksize;
    co->flags = u->flags;
    if (self_attrs_scan(co) < 0) goto nomem;
    /* Code objects are shared by every thread that runs them: never counted. */
    tr_make_immortal((TrObject *)co);
    return (TrObject *)co;
nomem:
    err_nomemory(ts);
fail:
    free(target);
    tr_decref((TrObject *)co);
    return NULL;
}

/* Records in co->self_attrs the names this function stores on its first
 * argument: a STORE_ATTR right after LOAD_FAST 0 (`self.x = v`, also as a
 * target of a chained or unpacking assignment), each name once, in order of
 * first appearance, at most TR_SELF_ATTRS_MAX of them.  -1 on MemoryError (no exception set). */
static int self_attrs_scan(TrCode *co) {
    if (co->argcount < 1 || co->ninstrs < 2) return 0;
    uint32_t found[TR_SELF_ATTRS_MAX];
    uint32_t n = 0;
    for (size_t i = 1; i < co->ninstrs && n < TR_SELF_ATTRS_MAX; i++) {
        if (TR_OP(co->instrs[i]) != OP_STORE_ATTR) continue;
        TrInstr prev = co->instrs[i - 1];
        if (TR_OP(prev) != OP_LOAD_FAST || TR_ARG(prev) != 0) continue;
        uint32_t name = (uint32_t)TR_ARG(co->instrs[i]);
        uint32_t k = 0;
        while (k < n && found[k] != name) k++;
        if (k == n) found[n++] = name;
    }
    if (!n) return 0;
    co->self_attrs = malloc(n * sizeof *co->self_attrs);
    if (!co->self_attrs) return -1;
    memcpy(co->self_attrs, found, n * sizeof *found);
    co->nself_attrs = n;
    return 0;
}

/* ---- disassembler ------------------------------------------------------ */

static void print_obj(FILE *out, TrObject *o)
{
    TrType *t = tr_type(o);
    if (o == tr_none) fputs("None", out);
    else if (o == tr_true) fputs("True", out);
    else if (o == tr_false) fputs("False", out);
    else if (o == tr_ellipsis) fputs("Ellipsis", out);
    else if (tr_is_imm(o)) fprintf(out, "%lld", (long long)tr_imm_value(o));
    else if (t == &tr_str_type) fprintf(out, "'%s'", str_utf8(o));
    else if (t == &tr_float_type) fprintf(out, "%.17g", float_value(o));
    else if (t == &tr_code_type) fprintf(out, "<code %s>", str_utf8(((TrCode *)o)->qualname));
    else if (t == &tr_tuple_type) {
        fputc('(', out);
        for (size_t i = 0; i < tuple_size(o); i++) {
            if (i) fputs(", ", out);
            print_obj(out, tuple_get(o, i));
        }
        fputc(')', out);
    } else fprintf(out, "<%s>", t->name);
}

static void dump_names(FILE *out, const char *label, TrObject *t)
{
    fprintf(out, "  %s:", label);
    for (size_t i = 0; i < tuple_size(t); i++) fprintf(out, " %s", str_utf8(tuple_get(t, i)));
    fputc('\n', out);
}

void compile_dump(TrObject *code, FILE *out)
{
    TrCode *co = (TrCode *)code;
    fprintf(out, "code %s (line %d, args %d, posonly %d, kwonly %d, locals %d, stack %d, flags 0x%x)\n",
            str_utf8(co->qualname), co->firstlineno, co->argcount, co->posonlyargcount,
            co->kwonlyargcount, co->nlocals, co->stacksize, co->flags);
    dump_names(out, "varnames", co->varnames);
    if (co->ncells) dump_names(out, "cellvars", co->cellvars);
    if (co->nfrees) dump_names(out, "freevars", co->freevars);
    for (size_t i = 0; i < co->ninstrs; i++) {
        int op = TR_OP(co->instrs[i]), arg = TR_ARG(co->instrs[i]);
        TrPosition p = co->positions[i];
        fprintf(out, "  %4zu %4d:%-3d %-22s %d", i, p.lineno, p.col, compile_opname(op), arg);
        TrObject *names = NULL;
        size_t idx = (size_t)arg;
        switch (op) {
        case OP_LOAD_CONST:
            fputs(" (", out);
            print_obj(out, tuple_get(co->consts, idx));
            fputc(')', out);
            break;
        case OP_LOAD_FAST: case OP_STORE_FAST: case OP_DELETE_FAST:
            names = co->varnames;
            break;
        case OP_LOAD_DEREF: case OP_STORE_DEREF: case OP_DELETE_DEREF: case OP_LOAD_CLOSURE:
            if (idx < (size_t)co->ncells) names = co->cellvars;
            else { names = co->freevars; idx -= (size_t)co->ncells; }
            break;
        case OP_LOAD_GLOBAL: case OP_STORE_GLOBAL: case OP_DELETE_GLOBAL: case OP_LOAD_NAME:
        case OP_STORE_NAME: case OP_DELETE_NAME: case OP_LOAD_ATTR: case OP_LOAD_METHOD:
        case OP_STORE_ATTR: case OP_DELETE_ATTR: case OP_IMPORT_NAME: case OP_IMPORT_FROM:
            names = co->names;
            break;
        }
        if (names && idx < tuple_size(names)) fprintf(out, " (%s)", str_utf8(tuple_get(names, idx)));
        fputc('\n', out);
    }
    for (size_t i = 0; i < tuple_size(co->consts); i++) {
        TrObject *c = tuple_get(co->consts, i);
        if (tr_type(c) == &tr_code_type) compile_dump(c, out);
    }
}
