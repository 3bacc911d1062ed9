/* tests/ext/bad_exec.c: a module whose exec raises: the import raises
 * that exception, and the module is not cached. */
#include <torii/ext.h>
static int exec_bad(TrThread *ts, TrObject *m) {
    tr_err_set(ts, TR_EXC(ValueError), "bad_exec refuses to load");
    return -1;
}
static const TrModuleSpec spec = {TR_EXT_ABI_VERSION, "bad_exec", NULL, NULL, exec_bad};
TR_MODULE_INIT(bad_exec) { return &spec; }
