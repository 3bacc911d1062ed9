/* objects/frameobj.c: `frame`, the object sys._getframe returns.  torii's
 * running frames live on a per-thread stack that no other code may hold on
 * to, so a frame object is a snapshot of one, taken when asked for: its
 * code, line, globals and locals then, and its caller's snapshot (f_back).
 * Threads: fields are set at creation; frame.clear() drops the locals
 * (frame objects are the business of the thread that asked for them). */
#include <stdio.h>
#include <string.h>
#include "torii/torii.h"
#include "torii/frameobj.h"

typedef struct TrFrameObj {
    TrObject ob_base;
    TrCode *code;             /* immortal */
    int lineno, lasti;
    TrObject *globals, *builtins, *locals;   /* owned */
    TrObject *back;           /* owned frame object, or NULL */
} TrFrameObj;

TrObject *frameobj_new(TrThread *ts, TrCode *code, int lineno, int lasti, TrObject *globals, TrObject *builtins,
                       TrObject *locals, TrObject *back) {
    TrFrameObj *f = (TrFrameObj *)tr_alloc(ts, &tr_frame_obj_type);
    if (!f) return NULL;
    f->code = code;
    f->lineno = lineno;
    f->lasti = lasti;
    f->globals = tr_newref(globals);
    f->builtins = tr_newref(builtins);
    f->locals = tr_newref(locals);
    f->back = back ? tr_newref(back) : NULL;
    return (TrObject *)f;
}

static void frameobj_dealloc(TrThread *ts, TrObject *o) {
    (void)ts;
    TrFrameObj *f = (TrFrameObj *)o;
    TR_CLEAR(f->globals);
    TR_CLEAR(f->builtins);
    TR_CLEAR(f->locals);
    TR_CLEAR(f->back);
    tr_free(o);
}

static void frameobj_traverse(TrObject *o, tr_visitfunc visit, void *arg) {
    TrFrameObj *f = (TrFrameObj *)o;
    visit(f->globals, arg);
    visit(f->builtins, arg);
    visit(f->locals, arg);
    visit(f->back, arg);
}

static void frameobj_clear(TrThread *ts, TrObject *o) {
    (void)ts;
    TrFrameObj *f = (TrFrameObj *)o;
    TR_CLEAR(f->locals);
    TR_CLEAR(f->back);
}

/* "<frame at 0x..., file 'x.py', line 5, code f>" */
static TrObject *frameobj_repr(TrThread *ts, TrObject *o) {
    TrFrameObj *f = (TrFrameObj *)o;
    return str_format(ts, "<frame at %p, file %R, line %d, code %S>", (void *)o, f->code->filename, f->lineno,
                      f->code->name);
}

static TrObject *frameobj_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    TrFrameObj *f = (TrFrameObj *)o;
    const char *n = str_utf8(name);
    if (n[0] == 'f' && n[1] == '_') {
        n += 2;
        if (!strcmp(n, "code")) return tr_newref((TrObject *)f->code);
        if (!strcmp(n, "lineno")) return int_from_i64(ts, f->lineno);
        if (!strcmp(n, "lasti")) return int_from_i64(ts, f->lasti);
        if (!strcmp(n, "globals")) return tr_newref(f->globals);
        if (!strcmp(n, "builtins")) return tr_newref(f->builtins);
        if (!strcmp(n, "locals")) return tr_newref(f->locals ? f->locals : tr_none);
        if (!strcmp(n, "back")) return tr_newref(f->back ? f->back : tr_none);
        if (!strcmp(n, "trace")) return tr_newref(tr_none);
        if (!strcmp(n, "trace_lines") || !strcmp(n, "trace_opcodes"))
            return tr_newref(n[6] == 'l' ? tr_true : tr_false);
    }
    return tr_generic_getattr(ts, o, name);
}

/* frame.clear(): drops the snapshot's locals (the running frame is not ours). */
static TrObject *m_clear(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    (void)args;
    if (tr_check_args(ts, "clear", nargs, kw, 0, 0) < 0) return NULL;
    TR_CLEAR(((TrFrameObj *)self)->locals);
    return tr_newref(tr_none);
}

static const TrMethodDef frameobj_methods[] = {
    {"clear", m_clear},
    {NULL, NULL},
};

TrType tr_frame_obj_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "frame",
    .flags = TR_TPFLAG_GC | TR_TPFLAG_WEAKREFABLE,
    .basicsize = sizeof(TrFrameObj),
    .base = &tr_object_type,
    .dealloc = frameobj_dealloc,
    .repr = frameobj_repr,
    .getattr = frameobj_getattr,
    .methods = frameobj_methods,
    .traverse = frameobj_traverse,
    .clear = frameobj_clear,
};
