/* objects/code.c: the code object type.  Code objects are built by
 * core/assemble.c and made immortal before any other thread can see them, so
 * every field is read by any thread without locks or counting; dealloc only
 * runs for a code object that failed half-way through assembly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "torii/code.h"
#include "torii/str.h"
#include "torii/abstract.h"
#include "torii/error.h"
#include "torii/int.h"

static void code_dealloc(TrThread *ts, TrObject *o)
{
    TrCode *co = (TrCode *)o;
    free(co->instrs);
    free(co->positions);
    free(co->cell2arg);
    free(co->self_attrs);
    tr_xdecref(co->consts);
    tr_xdecref(co->names);
    tr_xdecref(co->varnames);
    tr_xdecref(co->cellvars);
    tr_xdecref(co->freevars);
    tr_xdecref(co->filename);
    tr_xdecref(co->name);
    tr_xdecref(co->qualname);
    tr_free(o);
}

/* <code object f at 0x7f..., file "x.py", line 3> */
static TrObject *code_repr(TrThread *ts, TrObject *o)
{
    TrCode *co = (TrCode *)o;
    const char *name = co->name ? str_utf8(co->name) : "?";
    const char *file = co->filename ? str_utf8(co->filename) : "???";
    size_t n = strlen(name) + strlen(file) + 96;
    char *buf = malloc(n);
    if (!buf) return err_nomemory(ts);
    snprintf(buf, n, "<code object %s at %p, file \"%s\", line %d>", name, (void *)o, file, co->firstlineno);
    TrObject *r = str_from_cstr(ts, buf);
    free(buf);
    return r;
}

/* co_flags in CPython's bits: OPTIMIZED|NEWLOCALS 0x3 for functions,
 * VARARGS 0x4, VARKEYWORDS 0x8, GENERATOR 0x20, COROUTINE 0x80,
 * ITERABLE_COROUTINE 0x100, ASYNC_GENERATOR 0x200. */
static long code_cpython_flags(const TrCode *co)
{
    long r = 0;
    if (!(co->flags & TR_CO_MODULE)) r |= 0x3;
    if (co->flags & TR_CO_VARARGS) r |= 0x4;
    if (co->flags & TR_CO_VARKW) r |= 0x8;
    if (co->flags & TR_CO_COROUTINE) r |= 0x80;
    else if (co->flags & TR_CO_ASYNC_GENERATOR) r |= 0x200;
    else if (co->flags & TR_CO_GENERATOR) r |= 0x20;
    if (co->flags & TR_CO_ITERABLE_COROUTINE) r |= 0x100;
    return r;
}

TrObject *code_with_flags(TrThread *ts, TrObject *code, int flags)
{
    TrCode *src = (TrCode *)code;
    TrCode *co = (TrCode *)tr_alloc(ts, &tr_code_type);
    if (!co) return NULL;
    size_t n = src->ninstrs ? src->ninstrs : 1;
    co->instrs = malloc(n * sizeof *co->instrs);
    co->positions = malloc(n * sizeof *co->positions);
    co->cell2arg = src->cell2arg ? malloc((size_t)src->ncells * sizeof *co->cell2arg) : NULL;
    co->self_attrs = src->nself_attrs ? malloc(src->nself_attrs * sizeof *co->self_attrs) : NULL;
    if (!co->instrs || !co->positions || (src->cell2arg && !co->cell2arg) ||
        (src->nself_attrs && !co->self_attrs)) {
        code_dealloc(ts, (TrObject *)co);
        return err_nomemory(ts);
    }
    memcpy(co->instrs, src->instrs, src->ninstrs * sizeof *co->instrs);
    memcpy(co->positions, src->positions, src->ninstrs * sizeof *co->positions);
    if (src->cell2arg) memcpy(co->cell2arg, src->cell2arg, (size_t)src->ncells * sizeof *co->cell2arg);
    if (src->nself_attrs) memcpy(co->self_attrs, src->self_attrs, src->nself_attrs * sizeof *co->self_attrs);
    co->nself_attrs = src->nself_attrs;
    co->ninstrs = src->ninstrs;
    /* the tuples and strs are immortal: shared, not copied */
    co->consts = src->consts;
    co->names = src->names;
    co->varnames = src->varnames;
    co->cellvars = src->cellvars;
    co->freevars = src->freevars;
    co->filename = src->filename;
    co->name = src->name;
    co->qualname = src->qualname;
    co->firstlineno = src->firstlineno;
    co->argcount = src->argcount;
    co->posonlyargcount = src->posonlyargcount;
    co->kwonlyargcount = src->kwonlyargcount;
    co->nlocals = src->nlocals;
    co->ncells = src->ncells;
    co->nfrees = src->nfrees;
    co->stacksize = src->stacksize;
    co->flags = flags;
    co->extra = NULL;
    tr_make_immortal((TrObject *)co);
    return (TrObject *)co;
}

/* The introspection attributes (co_name, co_varnames, ...); the fields
 * never change once the object is shared, so no lock is needed. */
static TrObject *code_getattr(TrThread *ts, TrObject *o, TrObject *name)
{
    TrCode *co = (TrCode *)o;
    const char *n = str_utf8(name);
    if (n[0] == 'c' && n[1] == 'o' && n[2] == '_') {
        n += 3;
        TrObject *field = NULL;
        long num = -1;
        if (!strcmp(n, "name")) field = co->name;
        else if (!strcmp(n, "qualname")) field = co->qualname;
        else if (!strcmp(n, "filename")) field = co->filename;
        else if (!strcmp(n, "varnames")) field = co->varnames;
        else if (!strcmp(n, "cellvars")) field = co->cellvars;
        else if (!strcmp(n, "freevars")) field = co->freevars;
        else if (!strcmp(n, "names")) field = co->names;
        else if (!strcmp(n, "firstlineno")) num = co->firstlineno;
        else if (!strcmp(n, "argcount")) num = co->argcount;
        else if (!strcmp(n, "posonlyargcount")) num = co->posonlyargcount;
        else if (!strcmp(n, "kwonlyargcount")) num = co->kwonlyargcount;
        else if (!strcmp(n, "nlocals")) num = co->nlocals;
        else if (!strcmp(n, "flags")) num = code_cpython_flags(co);
        if (field) return tr_newref(field);
        if (num >= 0) return int_from_i64(ts, num);
    }
    return tr_generic_getattr(ts, o, name);
}

TrType tr_code_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "code",
    .flags = TR_TPFLAG_WEAKREFABLE,
    .basicsize = sizeof(TrCode),
    .base = &tr_object_type,
    .dealloc = code_dealloc,
    .repr = code_repr,
    .getattr = code_getattr,
};
