/* include/torii/genericalias.h: `types.GenericAlias` (objects/genericalias.c:
 * `list[int]`) and `types.UnionType` (objects/union.c: `int | None`), the
 * values that type hints evaluate to. */
#ifndef TORII_GENERICALIAS_H
#define TORII_GENERICALIAS_H

#include "torii/object.h"
#include "torii/str.h"

extern TrType tr_generic_alias_type, tr_union_type;

/* origin[args]: `args` a tuple of the arguments, or the single argument.
 * Returns a new reference or NULL. */
TrObject *genericalias_new(TrThread *ts, TrObject *origin, TrObject *args);
/* Appends how `p` prints inside an alias or a union; -1 on error. */
int genericalias_repr_item(TrThread *ts, TrStrBuf *b, TrObject *p);

/* a | b for types, None, aliases and unions (the `|` slot of type, NoneType
 * and GenericAlias): a new union, the one operand when both are the same,
 * or tr_notimplemented when an operand cannot be in a union. */
TrObject *union_or(TrThread *ts, TrObject *a, TrObject *b);
/* The union's members (borrowed tuple). */
TrObject *union_args(TrObject *u);

#endif
