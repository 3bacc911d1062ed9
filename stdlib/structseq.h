/* stdlib/structseq.h: struct sequences, the named tuples of the C modules
 * (os.stat_result, os.terminal_size, sys.flags, ...), in stdlib/structseq.c.
 *
 * A struct sequence is a tuple subtype: an instance is a TrTuple whose
 * `size` is the number of visible fields (what indexing, len() and
 * iteration see) and whose `items` array holds the hidden fields after
 * them (stat_result's float times, nanoseconds, blksize, ...).  Fields are
 * read by name through field descriptors in the type's dict.
 * Threads: instances are immutable once built; a type is readied once, at
 * its module's init (under the import lock). */
#ifndef TORII_STDLIB_STRUCTSEQ_H
#define TORII_STDLIB_STRUCTSEQ_H

#include "torii/torii.h"

typedef struct SeqType {
    TrType type;                /* first: a SeqType is its TrType */
    const char *const *names;   /* nfields names, the visible ones first */
    size_t nseq;                /* visible fields: the tuple's size */
    size_t nfields;             /* all fields */
    size_t nunnamed;            /* visible fields whose name a hidden field reuses (stat's int times) */
    void (*fill)(TrObject **items);  /* NULL, or gives hidden fields left None by T(seq) their default */
} SeqType;

/* A new instance of `t` from items[0..nfields), which it steals (even on
 * failure); an item NULL means the call making it failed: the rest are
 * released and NULL returned with that error. */
TrObject *seq_new_take(TrThread *ts, SeqType *t, TrObject **items);
/* Readies `t` and fills its dict (a descriptor per field, n_fields,
 * n_sequence_fields, n_unnamed_fields).  -1 on error. */
int seq_ready(TrThread *ts, SeqType *t);
/* The slots SEQ_TYPE gives every struct sequence type. */
void seq_dealloc(TrThread *ts, TrObject *o);
TrObject *seq_repr(TrThread *ts, TrObject *o);
TrObject *seq_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames);

/* Defines the static struct sequence type `var` named `tpname` with field
 * names `fields` (the visible `nseq_` first), `nunnamed_` of them named by
 * a hidden twin, and `fill_` (or NULL; see SeqType). */
#define SEQ_TYPE(var, tpname, fields, nseq_, nunnamed_, fill_) \
    static SeqType var = { \
        .type = { \
            .ob_base = TR_STATIC_TYPE_HEADER, \
            .name = tpname, \
            .base = &tr_tuple_type, \
            .dealloc = seq_dealloc, \
            .repr = seq_repr, \
            .new_ = seq_new, \
        }, \
        .names = fields, \
        .nseq = nseq_, \
        .nfields = sizeof fields / sizeof fields[0], \
        .nunnamed = nunnamed_, \
        .fill = fill_, \
    }

#endif
