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
