/* core/capi.h: what the runtime shares with its C API (include/torii/ext.h)
 * beyond that header.  Includes no runtime header: core/capi_abi.c, which
 * sees only ext.h, includes it too. */
#ifndef TORII_CORE_CAPI_H
#define TORII_CORE_CAPI_H

struct TrObject;
struct TrThread;

/* The bodies of the API functions the runtime itself defines inline under
 * the same names (torii/object.h): core/capi_abi.c exports the names. */
void capi_incref(struct TrObject *o);
void capi_decref(struct TrObject *o);
struct TrObject *capi_bool(int v);
const char *capi_type_name(const struct TrObject *o);

/* Readies the C API's builtin types (functions, method, member and getset
 * descriptors of extensions); at start-up.  -1 on MemoryError. */
int capi_types_init(struct TrThread *ts);

/* The file name suffixes `import name` tries, in this order, in each
 * directory before name.py: name.torii-<TR_EXT_ABI_VERSION>.so, name.so. */
#define CAPI_EXT_SUFFIX ".torii-1.so"

/* Loads the extension module `name` (a str, maybe dotted) from the shared
 * object at `path` (core/capi_type.c): dlopen, the export function
 * torii_init_<last part of name>, the ABI check, the module's functions and
 * exec.  Returns a new module with __file__ set, or NULL with ImportError
 * (cannot load, no export function, another ABI), SystemError (an export
 * function or exec that failed without an exception) or the exception exec
 * raised.  The caller holds the import lock. */
struct TrObject *capi_load_module(struct TrThread *ts, struct TrObject *name, const char *path);

#endif
