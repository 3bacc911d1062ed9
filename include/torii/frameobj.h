/* include/torii/frameobj.h: frame objects as Python code sees them
 * (sys._getframe, objects/frameobj.c): a snapshot of one running frame,
 * taken by the thread that runs it, linked to its caller's snapshot. */
#ifndef TORII_FRAMEOBJ_H
#define TORII_FRAMEOBJ_H

#include "torii/object.h"

struct TrCode;
extern TrType tr_frame_obj_type;

/* A frame object for `code` at line `lineno` (instruction `lasti`), with
 * its `globals`, `builtins` and `locals` (a dict: the namespace itself for
 * module and class bodies, a snapshot for functions) and `back`, the
 * caller's frame object or NULL.  All borrowed.  New reference or NULL. */
TrObject *frameobj_new(TrThread *ts, struct TrCode *code, int lineno, int lasti, TrObject *globals,
                       TrObject *builtins, TrObject *locals, TrObject *back);

#endif
