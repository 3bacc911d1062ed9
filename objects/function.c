/* objects/function.c: `function`, a Python function: a code object plus the
 * globals it runs in, its defaults and its closure.  Calling one binds the
 * arguments and runs a frame (core/vm.c: vm_call_function).
 * Threads: `code`, `globals`, `builtins` and `closure` never change after
 * creation.  `name`, `qualname`, `defaults` and `kwdefaults` are replaced
 * only under the function's lock and published with release stores; readers
 * use acquire loads (the VM reads `defaults` without the lock).  `dict` is
 * the instance dict (dictoffset), managed by the generic attribute code. */
#include <stddef.h>
#include <stdio.h>
#include "torii/torii.h"
#include "core/vm.h"

TrObject *function_new(TrThread *ts, TrObject *code, TrObject *globals, TrObject *qualname) {
    TrCode *co = (TrCode *)code;
    TrFunction *fn = (TrFunction *)tr_alloc(ts, &tr_function_type);
    if (!fn) return NULL;
    fn->code = tr_newref(code);
    fn->globals = tr_newref(globals);
    fn->builtins = tr_newref(tr_runtime.builtins_dict);
    fn->name = tr_newref(co->name);
    fn->qualname = tr_newref(qualname ? qualname : co->qualname);
    return (TrObject *)fn;
}

static void function_dealloc(TrThread *ts, TrObject *o) {
    TrFunction *fn = (TrFunction *)o;
    TR_CLEAR(fn->code);
    TR_CLEAR(fn->globals);
    TR_CLEAR(fn->builtins);
    TR_CLEAR(fn->defaults);
    TR_CLEAR(fn->kwdefaults);
    TR_CLEAR(fn->closure);
    TR_CLEAR(fn->name);
    TR_CLEAR(fn->qualname);
    TR_CLEAR(fn->dict);
    TR_CLEAR(fn->annotations);
    tr_free(o);
}

/* "<function outer.<locals>.inner at 0x7f...>" */
static TrObject *function_repr(TrThread *ts, TrObject *o) {
    TrFunction *fn = (TrFunction *)o;
    char addr[32];
    snprintf(addr, sizeof addr, "%p", (void *)o);
    TrStrBuf b;
    strbuf_init(&b);
    strbuf_adds(&b, "<function ");
    /* setattr may replace the qualname: read it under the lock */
    TR_BEGIN_CRITICAL(ts, o);
    strbuf_addstr(&b, atomic_load_objptr_acquire(&fn->qualname));
    TR_END_CRITICAL(ts);
    strbuf_adds(&b, " at ");
    strbuf_adds(&b, addr);
    strbuf_addc(&b, '>');
    return strbuf_finish(ts, &b);
}

/* CPython's pointer hash: the address rotated right by 4 bits. */
static int64_t function_hash(TrThread *ts, TrObject *o) {
    uint64_t y = (uint64_t)(uintptr_t)o;
    int64_t h = (int64_t)((y >> 4) | (y << 60));
    return h == -1 ? -2 : h;
}

/* A new reference to a field that setattr may replace (NULL -> None). */
static TrObject *read_field(TrThread *ts, TrObject *o, TrObject **field) {
    TrObject *v;
    TR_BEGIN_CRITICAL(ts, o);
    v = *field ? tr_newref(*field) : tr_newref(tr_none);
    TR_END_CRITICAL(ts);
    return v;
}

static TrObject *function_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    TrFunction *fn = (TrFunction *)o;
    const char *n = str_utf8(name);
    if (n[0] == '_' && n[1] == '_') {
        if (str_equal_cstr(name, "__name__")) return read_field(ts, o, &fn->name);
        if (str_equal_cstr(name, "__qualname__")) return read_field(ts, o, &fn->qualname);
        if (str_equal_cstr(name, "__defaults__")) return read_field(ts, o, &fn->defaults);
        if (str_equal_cstr(name, "__kwdefaults__")) return read_field(ts, o, &fn->kwdefaults);
        if (str_equal_cstr(name, "__code__")) return tr_newref(fn->code);
        if (str_equal_cstr(name, "__globals__")) return tr_newref(fn->globals);
        if (str_equal_cstr(name, "__builtins__")) return tr_newref(fn->builtins);
        if (str_equal_cstr(name, "__closure__")) return tr_newref(fn->closure ? fn->closure : tr_none);
        if (str_equal_cstr(name, "__annotations__")) {
            TrObject *made = NULL, *v;
            TR_BEGIN_CRITICAL(ts, o);
            if (!fn->annotations && (made = dict_new(ts)) != NULL) atomic_store_ptr_release(&fn->annotations, made);
            v = fn->annotations ? tr_newref(fn->annotations) : NULL;
            TR_END_CRITICAL(ts);
            return v;   /* NULL: dict_new's MemoryError */
        }
        if (str_equal_cstr(name, "__module__")) {
            TrObject *m = dict_get_cstr(ts, fn->globals, "__name__");
            if (m || err_occurred(ts)) return m;
            return tr_newref(tr_none);
        }
        if (str_equal_cstr(name, "__doc__")) {
            TrObject *d = NULL;
            if (fn->dict) {
                d = dict_get(ts, fn->dict, name);
                if (!d && err_occurred(ts)) return NULL;
            }
            if (d) return d;
            TrCode *co = (TrCode *)fn->code;
            return tr_newref(co->flags & TR_CO_HAS_DOCSTRING ? tuple_get(co->consts, 0) : tr_none);
        }
    }
    return tr_generic_getattr(ts, o, name);
}

/* Replaces `*field` with `value` (borrowed; NULL or None clears) under the lock. */
static void replace_field(TrThread *ts, TrObject *o, TrObject **field, TrObject *value) {
    if (value == tr_none) value = NULL;
    tr_xincref(value);
    TrObject *old;
    TR_BEGIN_CRITICAL(ts, o);
    old = *field;
    /* release: pairs with the acquire loads of lock-free readers */
    atomic_store_ptr_release(field, value);
    TR_END_CRITICAL(ts);
    /* Lock-free readers (argument binding reads __defaults__ and the names
     * for its messages) may still be using `old`: make it deferred, so that
     * if this was its last reference it is freed only by a reclaim pass, which
     * waits until every thread is between bytecodes (docs/threading.md). */
    if (old) tr_make_deferred(old);
    /* drop the lock first: this may run a destructor */
    tr_xdecref(old);
}

/* Sets `*field` to `value` (None or NULL clear it) when `ok`, else TypeError `msg`.  0 or -1. */
static int set_field_of(TrThread *ts, TrObject *o, TrObject **field, TrObject *value, int ok, const char *msg) {
    if (!ok) {
        err_set(ts, &tr_exc_TypeError, msg);
        return -1;
    }
    replace_field(ts, o, field, value);
    return 0;
}

static int function_setattr(TrThread *ts, TrObject *o, TrObject *name, TrObject *value) {
    TrFunction *fn = (TrFunction *)o;
    if (str_equal_cstr(name, "__name__") || str_equal_cstr(name, "__qualname__")) {
        int is_name = str_equal_cstr(name, "__name__");
        if (!value || !str_check(value)) {
            err_format(ts, &tr_exc_TypeError, "%s must be set to a string object",
                       is_name ? "__name__" : "__qualname__");
            return -1;
        }
        replace_field(ts, o, is_name ? &fn->name : &fn->qualname, value);
        return 0;
    }
    if (str_equal_cstr(name, "__defaults__"))
        return set_field_of(ts, o, &fn->defaults, value, !value || value == tr_none || tuple_check(value),
                            "__defaults__ must be set to a tuple object");
    if (str_equal_cstr(name, "__kwdefaults__"))
        return set_field_of(ts, o, &fn->kwdefaults, value, !value || value == tr_none || dict_check(value),
                            "__kwdefaults__ must be set to a dict object");
    if (str_equal_cstr(name, "__annotations__"))
        return set_field_of(ts, o, &fn->annotations, value, !value || value == tr_none || dict_check(value),
                            "__annotations__ must be set to a dict object");
    if (str_equal_cstr(name, "__code__") || str_equal_cstr(name, "__globals__") ||
        str_equal_cstr(name, "__closure__") || str_equal_cstr(name, "__builtins__")) {
        err_set(ts, &tr_exc_AttributeError, "readonly attribute");
        return -1;
    }
    return tr_generic_setattr(ts, o, name, value);
}

/* ---- cycle collection (threads/gc.c) ---------------------------------------- */

static void function_traverse(TrObject *o, tr_visitfunc visit, void *arg) {
    TrFunction *fn = (TrFunction *)o;
    visit(fn->globals, arg);
    visit(fn->builtins, arg);
    visit(fn->defaults, arg);
    visit(fn->kwdefaults, arg);
    visit(fn->closure, arg);
    visit(fn->dict, arg);
    visit(fn->annotations, arg);
}

/* Drops what can lead back to the function (defaults, closure cells,
 * attributes); code, globals and names stay for its repr. */
static void function_clear(TrThread *ts, TrObject *o) {
    (void)ts;
    TrFunction *fn = (TrFunction *)o;
    TR_CLEAR(fn->defaults);
    TR_CLEAR(fn->kwdefaults);
    TR_CLEAR(fn->closure);
    TR_CLEAR(fn->dict);
    TR_CLEAR(fn->annotations);
}

TrType tr_function_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "function",
    .flags = TR_TPFLAG_GC | TR_TPFLAG_WEAKREFABLE,
    .basicsize = sizeof(TrFunction),
    .base = &tr_object_type,
    .dealloc = function_dealloc,
    .repr = function_repr,
    .hash = function_hash,
    .call = vm_call_function,
    .getattr = function_getattr,
    .setattr = function_setattr,
    .dictoffset = offsetof(TrFunction, dict),
    .traverse = function_traverse,
    .clear = function_clear,
};
