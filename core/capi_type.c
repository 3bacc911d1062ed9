/* core/capi_type.c: the C API's functions, types and modules made from an
 * extension's static specs (TrFuncDef, TrTypeSpec, TrModuleSpec in
 * include/torii/ext.h), and loading an extension module from `name.so`.
 *
 * Three small builtin types carry the specs into Python:
 *   `builtin_function_or_method` (ExtFunc): a TrFuncDef bound to `self` (the
 *     module, or an instance); its call slot adapts the vector call to the
 *     def's convention (TR_CALL_*).
 *   `method_descriptor` (ExtMethod): a TrFuncDef in an extension type's dict;
 *     binding it to an instance gives an ExtFunc.
 *   `member_descriptor` / `getset_descriptor` (ExtAttr): a TrMemberDef or
 *     TrGetSetDef, a data descriptor.  A member is read and written inside a
 *     critical section on the instance (ext.h tells the type's own code to
 *     do the same), so an object member is never dropped under a reader.
 * An extension type is a CapiType: a TrType followed by a copy of its spec.
 * It is immortal, like builtin types (an extension is never unloaded), and
 * so are module functions and descriptors.
 * Threads: these objects never change after creation (an ExtFunc owns its
 * `self`, dropped at dealloc); the types are readied at start-up; modules
 * are created under the import lock (stdlib/modules.c); a TrTypeSpec is
 * copied into its CapiType, which is written only before type_ready
 * publishes it.  An ExtFunc is not tracked by the cycle collector: a cycle
 * through a bound method (`obj.log = [obj.add]`) is not collected.
 * Lock order: a member access holds only the instance's lock, and releases
 * it before dropping the old value (which may run a __del__). */
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "torii/torii.h"
#include "core/capi.h"
#include "torii/ext.h"

_Static_assert(TR_EXT_ABI_VERSION == 1, "CAPI_EXT_SUFFIX (core/capi.h) names the ABI version");

typedef struct CapiType {
    TrType tp;
    TrTypeSpec spec;         /* a copy; its arrays and strings are the extension's (static) */
} CapiType;

/* ---- ExtFunc: a bound TrFuncDef --------------------------------------- */

typedef struct ExtFunc {
    TrObject ob_base;
    const TrFuncDef *def;    /* the extension's, static */
    TrObject *self;          /* owned: the module or the instance */
} ExtFunc;

static TrType ext_func_type;

static TrObject *ext_func_new(TrThread *ts, const TrFuncDef *def, TrObject *self) {
    ExtFunc *f = (ExtFunc *)tr_alloc(ts, &ext_func_type);
    if (!f) return NULL;
    f->def = def;
    f->self = tr_newref(self);
    return (TrObject *)f;
}

static void ext_func_dealloc(TrThread *ts, TrObject *o) {
    TR_CLEAR(((ExtFunc *)o)->self);
    tr_free(o);
}

/* Calls `def` on `self` with a vector call's arguments. */
static TrObject *call_def(TrThread *ts, const TrFuncDef *def, TrObject *self, TrObject *const *args, size_t nargs,
                          TrObject *kwnames) {
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    if (nkw && def->call != TR_CALL_KEYWORDS && def->call != TR_CALL_FAST)
        return err_format(ts, &tr_exc_TypeError, "%s() takes no keyword arguments", def->name);
    switch (def->call) {
    case TR_CALL_NOARGS:
        if (nargs) return err_format(ts, &tr_exc_TypeError, "%s() takes no arguments (%zu given)", def->name, nargs);
        return def->fn.noargs(ts, self);
    case TR_CALL_O:
        if (nargs != 1)
            return err_format(ts, &tr_exc_TypeError, "%s() takes exactly one argument (%zu given)", def->name, nargs);
        return def->fn.onearg(ts, self, args[0]);
    case TR_CALL_VARARGS: {
        TrObject *t = tuple_from_array(ts, args, nargs);
        if (!t) return NULL;
        TrObject *r = def->fn.varargs(ts, self, t);
        tr_decref(t);
        return r;
    }
    case TR_CALL_KEYWORDS: {
        TrObject *t = tuple_from_array(ts, args, nargs);
        TrObject *kw = t && nkw ? dict_new(ts) : NULL;
        for (size_t i = 0; kw && i < nkw; i++)
            if (dict_set(ts, kw, tuple_get(kwnames, i), args[nargs + i]) < 0) TR_CLEAR(kw);
        TrObject *r = t && (kw || !nkw) ? def->fn.keywords(ts, self, t, kw) : NULL;
        tr_xdecref(t);
        tr_xdecref(kw);
        return r;
    }
    case TR_CALL_FAST:
        return def->fn.fast(ts, self, args, nargs, kwnames);
    }
    return err_format(ts, &tr_exc_SystemError, "%s(): bad call convention %d", def->name, def->call);
}

static TrObject *ext_func_call(TrThread *ts, TrObject *callable, TrObject *const *args, size_t nargs,
                               TrObject *kwnames) {
    ExtFunc *f = (ExtFunc *)callable;
    return call_def(ts, f->def, f->self, args, nargs, kwnames);
}

/* "<built-in function dot>", "<built-in method add of counter.Counter object at 0x...>" */
static TrObject *ext_func_repr(TrThread *ts, TrObject *o) {
    ExtFunc *f = (ExtFunc *)o;
    if (tr_type(f->self) == &tr_module_type) return str_format(ts, "<built-in function %s>", f->def->name);
    return str_format(ts, "<built-in method %s of %s object at %p>", f->def->name, tr_type_name(f->self),
                      (void *)f->self);
}

static TrObject *ext_func_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    ExtFunc *f = (ExtFunc *)o;
    if (str_equal_cstr(name, "__name__") || str_equal_cstr(name, "__qualname__")) return str_from_cstr(ts, f->def->name);
    if (str_equal_cstr(name, "__doc__"))
        return f->def->doc ? str_from_cstr(ts, f->def->doc) : tr_newref(tr_none);
    if (str_equal_cstr(name, "__self__")) return tr_newref(f->self);
    return tr_generic_getattr(ts, o, name);
}

static TrType ext_func_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "builtin_function_or_method",
    .basicsize = sizeof(ExtFunc),
    .dealloc = ext_func_dealloc,
    .repr = ext_func_repr,
    .call = ext_func_call,
    .getattr = ext_func_getattr,
};

/* ---- ExtMethod: a TrFuncDef in a type's dict --------------------------- */

typedef struct ExtMethod {
    TrObject ob_base;
    TrType *owner;           /* borrowed: types are immortal */
    const TrFuncDef *def;
} ExtMethod;

static TrType ext_method_type;

static int check_self(TrThread *ts, TrType *owner, const char *name, TrObject *self) {
    if (tr_isinstance(self, owner)) return 0;
    err_format(ts, &tr_exc_TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object", name,
               owner->name, tr_type_name(self));
    return -1;
}

static TrObject *ext_method_get(TrThread *ts, TrObject *descr, TrObject *obj, TrType *type) {
    ExtMethod *m = (ExtMethod *)descr;
    if (!obj) return tr_newref(descr);
    if (check_self(ts, m->owner, m->def->name, obj) < 0) return NULL;
    return ext_func_new(ts, m->def, obj);
}

/* Type.method(self, ...) */
static TrObject *ext_method_call(TrThread *ts, TrObject *callable, TrObject *const *args, size_t nargs,
                                 TrObject *kwnames) {
    ExtMethod *m = (ExtMethod *)callable;
    if (nargs < 1)
        return err_format(ts, &tr_exc_TypeError, "unbound method %s.%s() needs an argument", m->owner->name,
                          m->def->name);
    if (check_self(ts, m->owner, m->def->name, args[0]) < 0) return NULL;
    return call_def(ts, m->def, args[0], args + 1, nargs - 1, kwnames);
}

static TrObject *ext_method_repr(TrThread *ts, TrObject *o) {
    ExtMethod *m = (ExtMethod *)o;
    return str_format(ts, "<method '%s' of '%s' objects>", m->def->name, m->owner->name);
}

static TrType ext_method_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "method_descriptor",
    .basicsize = sizeof(ExtMethod),
    .repr = ext_method_repr,
    .call = ext_method_call,
    .descr_get = ext_method_get,
};

/* ---- ExtAttr: members and getsets --------------------------------------- */

typedef struct ExtAttr {
    TrObject ob_base;
    TrType *owner;           /* borrowed: types are immortal */
    const TrMemberDef *member;   /* exactly one of these two */
    const TrGetSetDef *getset;
} ExtAttr;

static TrType ext_member_type, ext_getset_type;

static const char *attr_name(ExtAttr *a) { return a->member ? a->member->name : a->getset->name; }

static TrObject *ext_attr_get(TrThread *ts, TrObject *descr, TrObject *obj, TrType *type) {
    ExtAttr *a = (ExtAttr *)descr;
    if (!obj) return tr_newref(descr);
    if (check_self(ts, a->owner, attr_name(a), obj) < 0) return NULL;
    if (a->getset) return a->getset->get(ts, obj, a->getset->closure);
    char *field = (char *)obj + a->member->offset;
    TrObject *v = NULL;
    int64_t i = 0;
    double d = 0;
    TR_BEGIN_CRITICAL(ts, obj);
    switch (a->member->kind) {
    case TR_MEMBER_OBJECT: v = *(TrObject **)field; tr_xincref(v); break;
    case TR_MEMBER_INT64: i = *(int64_t *)field; break;
    case TR_MEMBER_DOUBLE: d = *(double *)field; break;
    }
    TR_END_CRITICAL(ts);
    switch (a->member->kind) {
    case TR_MEMBER_OBJECT: return v ? v : tr_newref(tr_none);
    case TR_MEMBER_INT64: return int_from_i64(ts, i);
    case TR_MEMBER_DOUBLE: return float_new(ts, d);
    }
    return err_format(ts, &tr_exc_SystemError, "bad member kind %d", a->member->kind);
}

static int ext_attr_set(TrThread *ts, TrObject *descr, TrObject *obj, TrObject *value) {
    ExtAttr *a = (ExtAttr *)descr;
    if (check_self(ts, a->owner, attr_name(a), obj) < 0) return -1;
    if (a->getset) {
        if (!a->getset->set) {
            err_format(ts, &tr_exc_AttributeError, "attribute '%s' of '%s' objects is not writable", a->getset->name,
                       a->owner->name);
            return -1;
        }
        return a->getset->set(ts, obj, value, a->getset->closure);
    }
    const TrMemberDef *m = a->member;
    if (m->flags & TR_MEMBER_READONLY) { err_set(ts, &tr_exc_AttributeError, "readonly attribute"); return -1; }
    if (!value && m->kind != TR_MEMBER_OBJECT) { err_set(ts, &tr_exc_TypeError, "can't delete numeric/char attribute"); return -1; }
    int64_t i = 0;
    double d = 0;
    /* convert first: __index__ / __float__ may run Python code */
    if (m->kind == TR_MEMBER_INT64) {
        if (!int_check(value)) {
            err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer", tr_type_name(value));
            return -1;
        }
        i = int_as_i64(ts, value);
        if (i == -1 && err_occurred(ts)) return -1;
    } else if (m->kind == TR_MEMBER_DOUBLE) {
        d = tr_float_as_double(ts, value);
        if (d == -1.0 && err_occurred(ts)) return -1;
    }
    char *field = (char *)obj + m->offset;
    TrObject *old = NULL;
    TR_BEGIN_CRITICAL(ts, obj);
    switch (m->kind) {
    case TR_MEMBER_OBJECT: old = *(TrObject **)field; *(TrObject **)field = value ? tr_newref(value) : NULL; break;
    case TR_MEMBER_INT64: *(int64_t *)field = i; break;
    case TR_MEMBER_DOUBLE: *(double *)field = d; break;
    }
    TR_END_CRITICAL(ts);
    tr_xdecref(old);   /* outside the lock: it may run a __del__ */
    return 0;
}

static TrObject *ext_attr_repr(TrThread *ts, TrObject *o) {
    ExtAttr *a = (ExtAttr *)o;
    return str_format(ts, a->member ? "<member '%s' of '%s' objects>" : "<attribute '%s' of '%s' objects>",
                      attr_name(a), a->owner->name);
}

static TrType ext_member_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "member_descriptor",
    .basicsize = sizeof(ExtAttr),
    .repr = ext_attr_repr,
    .descr_get = ext_attr_get,
    .descr_set = ext_attr_set,
};

static TrType ext_getset_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "getset_descriptor",
    .basicsize = sizeof(ExtAttr),
    .repr = ext_attr_repr,
    .descr_get = ext_attr_get,
    .descr_set = ext_attr_set,
};

/* Readies the function and descriptor types: at start-up, while only the
 * main thread runs (stdlib/modules.c, objects_types_init). */
int capi_types_init(TrThread *ts) {
    static TrType *const types[] = {&ext_func_type, &ext_method_type, &ext_member_type, &ext_getset_type};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (type_ready(ts, types[i]) < 0) return -1;
    return 0;
}

/* Stores immortal `o` (a new reference, or NULL after an error) as d[name]. */
static int put_immortal(TrThread *ts, TrObject *d, const char *name, TrObject *o) {
    if (!o) return -1;
    tr_make_immortal(o);
    return dict_set_cstr(ts, d, name, o);
}

/* ---- extension types ---------------------------------------------------- */

static void capi_dealloc(TrThread *ts, TrObject *o) {
    CapiType *t = (CapiType *)tr_type(o);
    if (t->spec.clear) t->spec.clear(ts, o);
    tr_free(o);
}

static TrObject *capi_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return ((CapiType *)type)->spec.new_(ts, (TrObject *)type, args, nargs, kwnames);
}

TrObject *tr_type_from_spec(TrThread *ts, const TrTypeSpec *spec) {
    if (!spec->name || spec->basicsize < sizeof(TrObject)) {
        err_format(ts, &tr_exc_TypeError, "type spec '%s': basicsize %zu is smaller than the object header",
                   spec->name ? spec->name : "?", spec->basicsize);
        return NULL;
    }
    if ((spec->flags & TR_TYPE_GC) && !spec->traverse) {
        err_format(ts, &tr_exc_TypeError, "type spec '%s': TR_TYPE_GC needs traverse", spec->name);
        return NULL;
    }
    CapiType *t = calloc(1, sizeof *t);
    if (!t) return err_nomemory(ts);
    t->spec = *spec;
    TrType *tp = &t->tp;
    *tp = (TrType){.ob_base = TR_STATIC_TYPE_HEADER};
    tp->name = spec->name;
    tp->basicsize = spec->basicsize;
    tp->dealloc = capi_dealloc;
    tp->repr = spec->repr;
    tp->new_ = spec->new_ ? capi_new : NULL;
    if (spec->flags & TR_TYPE_GC) {
        tp->flags |= TR_TPFLAG_GC;
        tp->traverse = spec->traverse;
        tp->clear = spec->clear;
    }
    /* A failure past this point leaves a half-filled type that nothing
     * names; it stays allocated (it may already be in caches as immortal). */
    if (type_ready(ts, tp) < 0) return NULL;
    for (const TrFuncDef *m = spec->methods; m && m->name; m++) {
        ExtMethod *d = (ExtMethod *)tr_alloc(ts, &ext_method_type);
        if (d) { d->owner = tp; d->def = m; }
        if (put_immortal(ts, tp->dict, m->name, (TrObject *)d) < 0) return NULL;
    }
    for (const TrMemberDef *m = spec->members; m && m->name; m++) {
        ExtAttr *a = (ExtAttr *)tr_alloc(ts, &ext_member_type);
        if (a) { a->owner = tp; a->member = m; }
        if (put_immortal(ts, tp->dict, m->name, (TrObject *)a) < 0) return NULL;
    }
    for (const TrGetSetDef *g = spec->getsets; g && g->name; g++) {
        ExtAttr *a = (ExtAttr *)tr_alloc(ts, &ext_getset_type);
        if (a) { a->owner = tp; a->getset = g; }
        if (put_immortal(ts, tp->dict, g->name, (TrObject *)a) < 0) return NULL;
    }
    TrObject *doc = spec->doc ? str_from_cstr(ts, spec->doc) : tr_newref(tr_none);
    if (!doc || dict_set_cstr(ts, tp->dict, "__doc__", doc) < 0) { tr_xdecref(doc); return NULL; }
    tr_decref(doc);
    return (TrObject *)tp;
}

TrObject *tr_alloc_instance(TrThread *ts, TrObject *type) { return tr_alloc(ts, (TrType *)type); }

/* ---- modules ------------------------------------------------------------ */

/* A module for `spec`: functions added, exec run.  New reference or NULL. */
static TrObject *module_from_spec(TrThread *ts, TrObject *name, const TrModuleSpec *spec, const char *path) {
    TrObject *m = module_new(ts, str_utf8(name));
    if (!m) return NULL;
    TrObject *d = module_dict(m);
    TrObject *file = str_from_cstr(ts, path);
    TrObject *doc = spec->doc ? str_from_cstr(ts, spec->doc) : tr_newref(tr_none);
    int ok = file && doc && dict_set_cstr(ts, d, "__file__", file) == 0 && dict_set_cstr(ts, d, "__doc__", doc) == 0;
    tr_xdecref(file);
    tr_xdecref(doc);
    for (const TrFuncDef *f = spec->functions; ok && f && f->name; f++)
        ok = put_immortal(ts, d, f->name, ext_func_new(ts, f, m)) == 0;
    if (ok && spec->exec) {
        int r = spec->exec(ts, m);
        if (r < 0 && !err_occurred(ts))
            err_format(ts, &tr_exc_SystemError, "execution of module %S failed without setting an exception", name);
        else if (r == 0 && err_occurred(ts))
            err_format(ts, &tr_exc_SystemError, "execution of module %S raised unreported exception", name);
        ok = r == 0 && !err_occurred(ts);
    }
    if (!ok) {
        if (!err_occurred(ts)) err_nomemory(ts);
        tr_decref(m);
        return NULL;
    }
    return m;
}

/* ImportError(msg) with .name and .path set, as CPython's loader raises it. */
static TrObject *import_error(TrThread *ts, TrObject *name, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static TrObject *import_error(TrThread *ts, TrObject *name, const char *path, const char *fmt, ...) {
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    err_set(ts, &tr_exc_ImportError, msg);
    TrObject *exc = err_fetch(ts);
    TrObject *p = str_from_cstr(ts, path);
    TrObject *k1 = str_from_cstr(ts, "name"), *k2 = str_from_cstr(ts, "path");
    if (exc && p && k1 && k2 && (tr_setattr(ts, exc, k1, name) < 0 || tr_setattr(ts, exc, k2, p) < 0)) err_clear(ts);
    tr_xdecref(p);
    tr_xdecref(k1);
    tr_xdecref(k2);
    if (exc) err_restore(ts, exc);
    return NULL;
}

TrObject *capi_load_module(TrThread *ts, TrObject *name, const char *path) {
    const char *leaf = strrchr(str_utf8(name), '.');
    leaf = leaf ? leaf + 1 : str_utf8(name);
    /* dlopen may run the library's constructors, and takes a while: nothing
     * here touches objects, but stay attached (the import lock is held and
     * Python code may be called back from exec). */
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) return import_error(ts, name, path, "%s", dlerror());
    char sym[256];
    snprintf(sym, sizeof sym, "torii_init_%s", leaf);
    const TrModuleSpec *(*init)(void) = (const TrModuleSpec *(*)(void))dlsym(h, sym);
    if (!init) {
        dlclose(h);
        return import_error(ts, name, path, "dynamic module does not define module export function (%s)", sym);
    }
    const TrModuleSpec *spec = init();
    if (!spec) {
        dlclose(h);
        if (!err_occurred(ts))
            err_format(ts, &tr_exc_SystemError, "initialization of %s failed without raising an exception", leaf);
        return NULL;
    }
    if (spec->abi_version != TR_EXT_ABI_VERSION) {
        unsigned v = spec->abi_version;
        dlclose(h);
        return import_error(ts, name, path,
                            "module '%s' was built for torii C API version %u, but this interpreter provides version %u",
                            str_utf8(name), v, (unsigned)TR_EXT_ABI_VERSION);
    }
    /* from here the library stays loaded: the module's types and functions
     * point into it, and may be immortal already */
    return module_from_spec(ts, name, spec, path);
}
