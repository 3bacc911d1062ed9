/* core/capi_abi.c: the exported bodies of the C API names that the runtime
 * itself defines as inline functions (tr_incref, tr_decref, tr_bool,
 * tr_type_name: torii/object.h, torii/int.h, torii/abstract.h).  This file
 * sees only include/torii/ext.h, where they are plain declarations, so the
 * two meanings of each name never meet in one translation unit; the bodies
 * forward to core/capi.c.  Nothing here touches state. */
#include "torii/ext.h"
#include "core/capi.h"

void tr_incref(TrObject *o) { capi_incref(o); }
void tr_decref(TrObject *o) { capi_decref(o); }
void tr_xincref(TrObject *o) { if (o) capi_incref(o); }
void tr_xdecref(TrObject *o) { if (o) capi_decref(o); }
TrObject *tr_newref(TrObject *o) { capi_incref(o); return o; }
TrObject *tr_bool(int v) { return capi_bool(v); }
const char *tr_type_name(const TrObject *o) { return capi_type_name(o); }
