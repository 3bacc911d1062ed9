/* objects/cfunction.c: builtin functions and bound builtin methods
 * (`builtin_function_or_method`), and the method descriptors builtin types
 * keep in their dicts (`method_descriptor`: `list.append`).
 * Threads: both are immutable after creation; any thread may call them. */
#include <stdio.h>
#include <string.h>
#include "torii/torii.h"

/* ---- builtin functions and bound builtin methods ------------------------ */

TrObject *cfunction_new(TrThread *ts, const char *name, tr_methodfunc fn, TrObject *self) {
    TrCFunction *f = (TrCFunction *)tr_alloc(ts, &tr_cfunction_type);
    if (!f) return NULL;
    f->name = name;
    f->fn = fn;
    f->self = self;
    tr_xincref(self);
    return (TrObject *)f;
}

static void cfunction_dealloc(TrThread *ts, TrObject *o) {
    TrCFunction *f = (TrCFunction *)o;
    TR_CLEAR(f->self);
    tr_free(o);
}

static TrObject *cfunction_call(TrThread *ts, TrObject *callable, TrObject *const *args,
                                size_t nargs, TrObject *kwnames) {
    TrCFunction *f = (TrCFunction *)callable;
    return f->fn(ts, f->self, args, nargs, kwnames);
}

/* "<built-in function len>", "<built-in method append of list object at 0x...>". */
static TrObject *cfunction_repr(TrThread *ts, TrObject *o) {
    TrCFunction *f = (TrCFunction *)o;
    TrStrBuf b;
    strbuf_init(&b);
    if (!f->self || tr_type(f->self) == &tr_module_type) {
        strbuf_adds(&b, "<built-in function ");
        strbuf_adds(&b, f->name);
        strbuf_addc(&b, '>');
    } else {
        char addr[32];
        snprintf(addr, sizeof addr, "%p", (void *)f->self);
        strbuf_adds(&b, "<built-in method ");
        strbuf_adds(&b, f->name);
        strbuf_adds(&b, " of ");
        strbuf_adds(&b, type_qualname(tr_type(f->self)));
        strbuf_adds(&b, " object at ");
        strbuf_adds(&b, addr);
        strbuf_addc(&b, '>');
    }
    return strbuf_finish(ts, &b);
}

static TrObject *cfunction_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    TrCFunction *f = (TrCFunction *)o;
    if (str_equal_cstr(name, "__name__") || str_equal_cstr(name, "__qualname__"))
        return str_from_cstr(ts, f->name);
    if (str_equal_cstr(name, "__self__")) return tr_newref(f->self ? f->self : tr_none);
    if (str_equal_cstr(name, "__module__")) {
        /* a module's function names its module; a bound builtin method none */
        if (!f->self) return str_from_cstr(ts, "builtins");
        if (tr_isinstance(f->self, &tr_module_type)) return tr_getattr_cstr(ts, f->self, "__name__");
        return tr_newref(tr_none);
    }
    return tr_generic_getattr(ts, o, name);
}

TrType tr_cfunction_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "builtin_function_or_method",
    .flags = TR_TPFLAG_WEAKREFABLE,
    .basicsize = sizeof(TrCFunction),
    .base = &tr_object_type,
    .dealloc = cfunction_dealloc,
    .repr = cfunction_repr,
    .call = cfunction_call,
    .getattr = cfunction_getattr,
};

/* ---- method descriptors -------------------------------------------------- */

TrObject *method_descr_new(TrThread *ts, TrType *type, const TrMethodDef *def) {
    TrMethodDescr *d = (TrMethodDescr *)tr_alloc(ts, &tr_method_descr_type);
    if (!d) return NULL;
    d->type = type;
    d->def = def;
    return (TrObject *)d;
}

static void method_descr_dealloc(TrThread *ts, TrObject *o) { tr_free(o); }

/* `str.upper("a")`: the first argument is the receiver. */
static TrObject *method_descr_call(TrThread *ts, TrObject *callable, TrObject *const *args,
                                   size_t nargs, TrObject *kwnames) {
    TrMethodDescr *d = (TrMethodDescr *)callable;
    if (nargs < 1)
        return err_format(ts, &tr_exc_TypeError, "unbound method %s.%s() needs an argument",
                          d->type->name, d->def->name);
    /* __new__ (static) and type.__prepare__ (a class method) check their own arguments */
    if (!tr_isinstance(args[0], d->type) && strcmp(d->def->name, "__new__") != 0 &&
        strcmp(d->def->name, "__prepare__") != 0)
        return err_format(ts, &tr_exc_TypeError,
                          "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                          d->def->name, d->type->name, type_qualname(tr_type(args[0])));
    return d->def->fn(ts, args[0], args + 1, nargs - 1, kwnames);
}

static TrObject *method_descr_repr(TrThread *ts, TrObject *o) {
    TrMethodDescr *d = (TrMethodDescr *)o;
    return str_format(ts, "<method '%s' of '%s' objects>", d->def->name, d->type->name);
}

/* `[].append`: binds to the instance as a builtin method. */
static TrObject *method_descr_get(TrThread *ts, TrObject *descr, TrObject *obj, TrType *type) {
    TrMethodDescr *d = (TrMethodDescr *)descr;
    if (!obj) return tr_newref(descr);
    return cfunction_new(ts, d->def->name, d->def->fn, obj);
}

static TrObject *method_descr_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    TrMethodDescr *d = (TrMethodDescr *)o;
    if (str_equal_cstr(name, "__name__")) return str_from_cstr(ts, d->def->name);
    if (str_equal_cstr(name, "__qualname__"))
        return str_format(ts, "%s.%s", d->type->name, d->def->name);
    if (str_equal_cstr(name, "__objclass__")) return tr_newref((TrObject *)d->type);
    return tr_generic_getattr(ts, o, name);
}

TrType tr_method_descr_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "method_descriptor",
    .basicsize = sizeof(TrMethodDescr),
    .base = &tr_object_type,
    .dealloc = method_descr_dealloc,
    .repr = method_descr_repr,
    .call = method_descr_call,
    .getattr = method_descr_getattr,
    .descr_get = method_descr_get,
};
