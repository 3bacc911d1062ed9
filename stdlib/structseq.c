/* stdlib/structseq.c: struct sequences (stdlib/structseq.h says what they
 * are): allocation, T(sequence) construction, repr, and the field
 * descriptors.
 * Threads: instances and types are immutable once built and readied. */
#include <string.h>

#include "torii/torii.h"
#include "stdlib/stdlib.h"
#include "stdlib/structseq.h"

static size_t seq_bytes(const SeqType *t) { return sizeof(TrTuple) + t->nfields * sizeof(TrObject *); }

/* A new, empty instance of `t` (the caller fills every item before sharing it). */
static TrObject *seq_alloc(TrThread *ts, SeqType *t) {
    TrTuple *o = (TrTuple *)tr_alloc_var(ts, &t->type, seq_bytes(t));
    if (!o) return NULL;
    o->size = t->nseq;
    o->hash = -1;
    return (TrObject *)o;
}

/* A new instance of `t` from items[0..nfields), which it steals (even on
 * failure); an item NULL means the call making it failed: the rest are
 * released and NULL returned with that error. */
TrObject *seq_new_take(TrThread *ts, SeqType *t, TrObject **items) {
    int failed = 0;
    for (size_t i = 0; i < t->nfields; i++) failed |= items[i] == NULL;
    TrObject *o = failed ? NULL : seq_alloc(ts, t);
    if (!o) {
        for (size_t i = 0; i < t->nfields; i++) tr_xdecref(items[i]);
        return NULL;
    }
    for (size_t i = 0; i < t->nfields; i++) ((TrTuple *)o)->items[i] = items[i];
    return o;
}

void seq_dealloc(TrThread *ts, TrObject *o) {
    SeqType *t = (SeqType *)tr_type(o);
    /* the hidden fields here; the visible ones and the memory by tuple's own */
    for (size_t i = t->nseq; i < t->nfields; i++) TR_CLEAR(((TrTuple *)o)->items[i]);
    tr_tuple_type.dealloc(ts, o);
}

TrObject *seq_repr(TrThread *ts, TrObject *o) {
    SeqType *t = (SeqType *)tr_type(o);
    TrStrBuf b;
    strbuf_init(&b);
    strbuf_adds(&b, t->type.name);
    strbuf_addc(&b, '(');
    for (size_t i = 0; i < t->nseq; i++) {
        TrObject *r = tr_repr(ts, ((TrTuple *)o)->items[i]);
        if (!r) { strbuf_free(&b); return NULL; }
        if (i) strbuf_adds(&b, ", ");
        strbuf_adds(&b, t->names[i]);
        strbuf_addc(&b, '=');
        strbuf_addstr(&b, r);
        tr_decref(r);
    }
    strbuf_addc(&b, ')');
    return strbuf_finish(ts, &b);
}

/* T(sequence, dict=None): from nseq..nfields items; missing hidden ones are
 * None, unless the type's `fill` gives them a default. */
TrObject *seq_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"sequence", "dict"};
    SeqType *t = (SeqType *)type;
    TrObject *a[2];
    const char *fname = type->name;
    if (args_parse(ts, "structseq", args, nargs, kwnames, names, 2, 1, 0, 0, a) < 0) return NULL;
    TrObject *seq = tuple_from_iterable(ts, a[0]);
    if (!seq) {
        if (err_matches(ts, &tr_exc_TypeError)) err_set(ts, &tr_exc_TypeError, "constructor requires a sequence");
        return NULL;
    }
    size_t n = tuple_size(seq);
    if (n < t->nseq || n > t->nfields) {
        if (t->nseq == t->nfields)
            err_format(ts, &tr_exc_TypeError, "%s() takes a %zu-sequence (%zu-sequence given)", fname, t->nseq, n);
        else
            err_format(ts, &tr_exc_TypeError, "%s() takes an %s %zu-sequence (%zu-sequence given)", fname,
                       n < t->nseq ? "at least" : "at most", n < t->nseq ? t->nseq : t->nfields, n);
        tr_decref(seq);
        return NULL;
    }
    TrObject *o = seq_alloc(ts, t);
    if (!o) { tr_decref(seq); return NULL; }
    TrObject **items = ((TrTuple *)o)->items;
    for (size_t i = 0; i < t->nfields; i++) items[i] = tr_newref(i < n ? tuple_get(seq, i) : tr_none);
    if (t->fill) t->fill(items);
    tr_decref(seq);
    return o;
}

/* A field descriptor: reads item `index` of a struct sequence. */
typedef struct SeqField {
    TrObject ob_base;
    SeqType *owner;           /* borrowed: static, immortal */
    size_t index;
    const char *name;         /* static */
} SeqField;

static TrType seq_field_type;

static TrObject *field_get(TrThread *ts, TrObject *descr, TrObject *obj, TrType *type) {
    SeqField *f = (SeqField *)descr;
    if (!obj) return tr_newref(descr);
    if (tr_type(obj) != &f->owner->type)
        return err_format(ts, &tr_exc_TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                          f->name, f->owner->type.name, tr_type_name(obj));
    return tr_newref(((TrTuple *)obj)->items[f->index]);
}

static int field_set(TrThread *ts, TrObject *descr, TrObject *obj, TrObject *value) {
    err_set(ts, &tr_exc_AttributeError, "readonly attribute");
    return -1;
}

static TrObject *field_repr(TrThread *ts, TrObject *o) {
    SeqField *f = (SeqField *)o;
    return str_format(ts, "<member '%s' of '%s' objects>", f->name, f->owner->type.name);
}

static TrType seq_field_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "member_descriptor",
    .basicsize = sizeof(SeqField),
    .repr = field_repr,
    .descr_get = field_get,
    .descr_set = field_set,
};

/* Readies `t` and fills its dict: a descriptor per field (a hidden field
 * reusing a visible one's name wins), n_fields, n_sequence_fields,
 * n_unnamed_fields.  -1 on error. */
int seq_ready(TrThread *ts, SeqType *t) {
    if (!(seq_field_type.flags & TR_TPFLAG_READY) && type_ready(ts, &seq_field_type) < 0) return -1;
    t->type.basicsize = seq_bytes(t);
    if (type_ready(ts, &t->type) < 0) return -1;
    TrObject *d = t->type.dict;
    for (size_t i = 0; i < t->nfields; i++) {
        if (i < t->nseq && i >= t->nseq - t->nunnamed) continue;   /* named by its hidden twin */
        SeqField *f = (SeqField *)tr_alloc(ts, &seq_field_type);
        if (!f) return -1;
        f->owner = t;
        f->index = i;
        f->name = t->names[i];
        tr_make_immortal((TrObject *)f);
        if (dict_set_cstr(ts, d, f->name, (TrObject *)f) < 0) return -1;
    }
    if (dict_set_cstr(ts, d, "n_fields", tr_imm_from((int64_t)t->nfields)) < 0 ||
        dict_set_cstr(ts, d, "n_sequence_fields", tr_imm_from((int64_t)t->nseq)) < 0 ||
        dict_set_cstr(ts, d, "n_unnamed_fields", tr_imm_from((int64_t)t->nunnamed)) < 0)
        return -1;
    return 0;
}
