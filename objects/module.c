/* objects/module.c: the module type.  A module is a name and a dict; its
 * attributes are the dict's items.
 * Threads: `name` and `dict` are set at creation and never replaced; the dict
 * has its own lock.  Modules and their dicts are deferred (see func.h), so
 * loads of globals do not count references. */
#include "torii/torii.h"

TrObject *module_new(TrThread *ts, const char *name) {
    TrModule *m = (TrModule *)tr_alloc(ts, &tr_module_type);
    if (!m) return NULL;
    m->name = str_from_cstr(ts, name);
    m->dict = dict_new(ts);
    if (!m->name || !m->dict) goto error;
    if (dict_set_cstr(ts, m->dict, "__name__", m->name) < 0) goto error;
    if (dict_set_cstr(ts, m->dict, "__doc__", tr_none) < 0) goto error;
    tr_make_deferred(m->dict);
    tr_make_deferred((TrObject *)m);
    return (TrObject *)m;
error:
    tr_decref((TrObject *)m);
    return NULL;
}

int module_add_functions(TrThread *ts, TrObject *module, const TrMethodDef *defs) {
    for (; defs->name; defs++) {
        TrObject *f = cfunction_new(ts, defs->name, defs->fn, module);
        if (!f) return -1;
        tr_make_immortal(f);
        if (dict_set_cstr(ts, module_dict(module), defs->name, f) < 0) return -1;
    }
    return 0;
}

static void module_dealloc(TrThread *ts, TrObject *o) {
    TrModule *m = (TrModule *)o;
    TR_CLEAR(m->name);
    TR_CLEAR(m->dict);
    tr_free(o);
}

/* "<module 'sys' (built-in)>", or "<module 'x' from 'path'>" with __file__. */
static TrObject *module_repr(TrThread *ts, TrObject *o) {
    TrModule *m = (TrModule *)o;
    TrObject *file = dict_get_cstr(ts, m->dict, "__file__");
    if (!file && err_occurred(ts)) return NULL;
    TrObject *r;
    if (file && str_check(file))
        r = str_format(ts, "<module %R from %R>", m->name, file);
    else
        r = str_format(ts, "<module %R (built-in)>", m->name);
    tr_xdecref(file);
    return r;
}

static TrObject *module_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    TrModule *m = (TrModule *)o;
    TrObject *v = dict_get(ts, m->dict, name);
    if (v || err_occurred(ts)) return v;
    if (str_equal_cstr(name, "__dict__")) return tr_newref(m->dict);
    if (str_equal_cstr(name, "__class__")) return tr_newref((TrObject *)&tr_module_type);
    /* then the module type's own attributes, bound: object's methods
     * (`__repr__`, `__reduce_ex__`, ...) as on any instance */
    v = tr_generic_getattr(ts, o, name);
    if (v || !err_matches(ts, &tr_exc_AttributeError)) return v;
    err_clear(ts);
    /* PEP 562: the module's own __getattr__ answers what is not there */
    TrObject *hook = dict_get_cstr(ts, m->dict, "__getattr__");
    if (hook) {
        v = tr_call(ts, hook, &name, 1, NULL);
        tr_decref(hook);
        return v;
    }
    if (err_occurred(ts)) return NULL;
    return err_format(ts, &tr_exc_AttributeError, "module '%S' has no attribute '%S'", m->name, name);
}

static int module_setattr(TrThread *ts, TrObject *o, TrObject *name, TrObject *value) {
    TrModule *m = (TrModule *)o;
    if (value) return dict_set(ts, m->dict, name, value);
    if (dict_del(ts, m->dict, name) < 0) {
        if (err_matches(ts, &tr_exc_KeyError))
            err_format(ts, &tr_exc_AttributeError, "module '%S' has no attribute '%S'", m->name, name);
        return -1;
    }
    return 0;
}

TrType tr_module_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "module",
    .basicsize = sizeof(TrModule),
    .flags = TR_TPFLAG_BASETYPE | TR_TPFLAG_WEAKREFABLE,
    .base = &tr_object_type,
    .dealloc = module_dealloc,
    .repr = module_repr,
    .getattr = module_getattr,
    .setattr = module_setattr,
};
