/* objects/tbobj.c: `traceback`, what exc.__traceback__ gives: one object
 * per frame the exception passed through, outermost first, linked by
 * tb_next.  An exception keeps its frames as (code, instruction) entries
 * (TrExc.tb, innermost first); a traceback chain is made from them when
 * asked for, and turned back into entries by with_traceback or by
 * assigning __traceback__ (objects/exc.c).
 * Threads: immutable after creation; no locks. */
#include <stdlib.h>
#include <string.h>
#include "torii/torii.h"
#include "torii/frameobj.h"
#include "torii/tbobj.h"

typedef struct TrTb {
    TrObject ob_base;
    TrCode *code;             /* immortal */
    int instr;                /* -1: the frame's line is unknown (a generator's cleanup) */
    TrObject *frame;          /* owned frame object */
    TrObject *next;           /* owned traceback, or NULL */
} TrTb;

static int line_of(TrCode *co, int instr) {
    if (instr < 0 || (size_t)instr >= co->ninstrs) return co->firstlineno;
    return co->positions[instr].lineno;
}

TrObject *tb_chain_new(TrThread *ts, const TrTraceEntry *entries, size_t n) {
    TrObject *next = NULL;
    /* entries are innermost first: build from the inside out */
    for (size_t i = 0; i < n; i++) {
        TrCode *co = (TrCode *)entries[i].code;
        TrObject *g = dict_new(ts);
        TrObject *fr = g ? frameobj_new(ts, co, line_of(co, entries[i].instr), entries[i].instr * 2, g,
                                        tr_runtime.builtins_dict, g, NULL) : NULL;
        tr_xdecref(g);
        TrTb *t = fr ? (TrTb *)tr_alloc(ts, &tr_tb_type) : NULL;
        if (!t) {
            tr_xdecref(fr);
            tr_xdecref(next);
            return NULL;
        }
        t->code = co;
        t->instr = entries[i].instr;
        t->frame = fr;
        t->next = next;
        next = (TrObject *)t;
    }
    return next ? next : tr_newref(tr_none);
}

size_t tb_chain_entries(TrObject *tb, TrTraceEntry **out) {
    size_t n = 0;
    for (TrObject *t = tb; t && tb_check(t); t = ((TrTb *)t)->next) n++;
    TrTraceEntry *e = n ? malloc(n * sizeof *e) : NULL;
    if (n && !e) return (size_t)-1;
    size_t i = n;
    for (TrObject *t = tb; t && tb_check(t); t = ((TrTb *)t)->next) {
        TrTb *b = (TrTb *)t;
        e[--i] = (TrTraceEntry){tr_newref((TrObject *)b->code), b->instr};
    }
    *out = e;
    return n;
}

static void tb_dealloc(TrThread *ts, TrObject *o) {
    (void)ts;
    TR_CLEAR(((TrTb *)o)->frame);
    TR_CLEAR(((TrTb *)o)->next);
    tr_free(o);
}

static void tb_traverse(TrObject *o, tr_visitfunc visit, void *arg) {
    visit(((TrTb *)o)->frame, arg);
    visit(((TrTb *)o)->next, arg);
}

static TrObject *tb_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    TrTb *t = (TrTb *)o;
    const char *n = str_utf8(name);
    if (!strcmp(n, "tb_frame")) return tr_newref(t->frame);
    if (!strcmp(n, "tb_lineno")) return int_from_i64(ts, line_of(t->code, t->instr));
    if (!strcmp(n, "tb_lasti")) return int_from_i64(ts, t->instr < 0 ? -1 : t->instr * 2);
    if (!strcmp(n, "tb_next")) return tr_newref(t->next ? t->next : tr_none);
    return tr_generic_getattr(ts, o, name);
}

TrType tr_tb_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "traceback",
    .flags = TR_TPFLAG_GC,
    .basicsize = sizeof(TrTb),
    .base = &tr_object_type,
    .dealloc = tb_dealloc,
    .getattr = tb_getattr,
    .traverse = tb_traverse,
};
